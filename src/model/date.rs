//! Calendar dates as the content contract writes them: `YYYY-MM-DD`, and `YYYY-MM` months
//! where a month is enough (a 达标 target “by 2020-12”).

use std::fmt;

pub type Date = time::Date;

/// A date range with `start <= end`, both days included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// A calendar month, e.g. `2020-12`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i32,
    pub month: u8,
}

impl Month {
    /// The last day of the month (a target “by 2020-12” is due on 2020-12-31).
    pub fn last_day(self) -> Date {
        let month = time::Month::try_from(self.month).unwrap_or(time::Month::December);
        let days = time::util::days_in_month(month, self.year);
        Date::from_calendar_date(self.year, month, days).unwrap_or(Date::MIN)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// `2017-08-07` (month and day may have one digit: `2017-8-7`). The error says what is wrong,
/// in Chinese.
/// Full-width digits and dashes as their ASCII forms (`２０１７－０８－０７` typed with a Chinese
/// input method is the same date).
fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' | '–' => '-',
            c => c,
        })
        .collect()
}

pub fn parse_date(written: &str) -> Result<Date, String> {
    let folded = half_width(written);
    let text = folded.as_str();
    let parts: Vec<&str> = text.trim().split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(format!("「{written}」不是“年-月-日”格式"));
    };
    let (year, month) = year_month(written, y, m)?;
    let day: u8 = number(d, 1, 2).ok_or_else(|| format!("「{written}」的日不对"))?;
    let month = time::Month::try_from(month).map_err(|_| format!("「{written}」的月份不对"))?;
    Date::from_calendar_date(year, month, day)
        .map_err(|_| format!("「{written}」不是真实存在的日期（{}月没有{day}日）", month as u8))
}

/// `2020-12`; a full date is also accepted and its month taken.
pub fn parse_month(text: &str) -> Result<Month, String> {
    let parts: Vec<&str> = text.trim().split('-').collect();
    match parts.as_slice() {
        [y, m] => {
            let (year, month) = year_month(text, y, m)?;
            Ok(Month { year, month })
        }
        [_, _, _] => parse_date(text).map(|d| Month { year: d.year(), month: d.month() as u8 }),
        _ => Err(format!("「{text}」不是“年-月”格式，如 2020-12")),
    }
}

fn year_month(text: &str, y: &str, m: &str) -> Result<(i32, u8), String> {
    let year: i32 = number(y, 4, 4).ok_or_else(|| format!("「{text}」的年份应是四位数字"))?;
    if !(1900..=2200).contains(&year) {
        return Err(format!("「{text}」的年份不在合理范围内"));
    }
    let month: u8 =
        number(m, 1, 2).filter(|m| (1..=12).contains(m)).ok_or_else(|| format!("「{text}」的月份应在 1 到 12 之间"))?;
    Ok((year, month))
}

fn number<T: std::str::FromStr>(s: &str, min: usize, max: usize) -> Option<T> {
    let ok = (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    if ok { s.parse().ok() } else { None }
}

/// The date in China (UTC+8) at a Unix time: “today” for the bureau, whatever the CI clock's zone.
pub fn china_date(unix_seconds: i64) -> Date {
    let offset = time::UtcOffset::from_hms(8, 0, 0).unwrap_or(time::UtcOffset::UTC);
    time::OffsetDateTime::from_unix_timestamp(unix_seconds).map(|t| t.to_offset(offset).date()).unwrap_or(Date::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates() {
        let d = parse_date("2017-08-07").unwrap();
        assert_eq!(d.to_string(), "2017-08-07");
        assert_eq!(parse_date("2017-8-7").unwrap(), d);
    }

    #[test]
    fn rejects_impossible_dates_with_a_reason() {
        assert!(parse_date("2017-02-30").unwrap_err().contains("不是真实存在的日期"));
        assert!(parse_date("2017-13-01").unwrap_err().contains("月份"));
        assert!(parse_date("2017/08/07").unwrap_err().contains("格式"));
        assert!(parse_date("17-08-07").unwrap_err().contains("四位"));
        assert!(parse_date("2016-02-29").is_ok());
    }

    #[test]
    fn parses_months_and_their_last_day() {
        let m = parse_month("2024-02").unwrap();
        assert_eq!(m.to_string(), "2024-02");
        assert_eq!(m.last_day().to_string(), "2024-02-29");
        assert_eq!(parse_month("2020-12-15").unwrap().to_string(), "2020-12");
    }

    #[test]
    fn full_width_digits_are_the_same_date() {
        assert_eq!(parse_date("２０１７－０８－０７").unwrap().to_string(), "2017-08-07");
        assert!(parse_date("２０１７－０２－３０").unwrap_err().contains("２０１７－０２－３０"));
    }

    #[test]
    fn china_date_is_utc_plus_eight() {
        // 2017-08-06T16:30:00Z is 00:30 on 2017-08-07 in China.
        assert_eq!(china_date(1_502_037_000).to_string(), "2017-08-07");
    }
}

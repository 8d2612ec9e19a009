//! Dates as 公文 write them: `2017年8月7日`, `二〇一七年八月七日`, `2017.8.7`, and the
//! 公示期 sentence `公示时间为2026年9月1日至9月7日` (the second date may leave out the year
//! and month). Gives `YYYY-MM-DD` text; never a date that does not exist.

/// A date in the calendar.
pub type Ymd = (i32, u32, u32);

/// `YYYY-MM-DD`.
pub fn iso((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        // 〇 is the character; WPS users often type ○ (a circle) or a capital O for it.
        '〇' | '零' | '○' | 'O' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// A number at the start of `s`: digits, or 汉字 (`十二`, `二十一`, `三十`); with how many
/// bytes it took.
fn number(s: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut tens = false;
    let mut used = 0;
    for c in s.chars() {
        if c == '十' {
            value = if used == 0 { 10 } else { value * 10 };
            tens = true;
        } else if let Some(d) = digit(c) {
            value = if tens { value + d } else { value.checked_mul(10)?.checked_add(d)? };
        } else {
            break;
        }
        used += c.len_utf8();
    }
    (used > 0).then_some((value, used))
}

fn valid((y, m, d): Ymd) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&y) && (1..=days).contains(&d)
}

/// Reads `[Y年][M月]D日` at the start of `s`, taking a missing year or month from `base`;
/// gives the date and the bytes used.
fn date_at(s: &str, base: Option<Ymd>) -> Option<(Ymd, usize)> {
    let s_trim = s.trim_start();
    let skipped = s.len() - s_trim.len();
    let (first, n1) = number(s_trim)?;
    let rest = &s_trim[n1..];
    let sep = |r: &str| -> Option<(char, usize)> { r.chars().next().map(|c| (c, c.len_utf8())) };
    let (c1, l1) = sep(rest)?;
    match c1 {
        '年' | '.' | '-' | '/' => {
            let (m, n2) = number(&rest[l1..])?;
            let rest2 = &rest[l1 + n2..];
            let (c2, l2) = sep(rest2)?;
            if !matches!((c1, c2), ('年', '月') | ('.', '.') | ('-', '-') | ('/', '/')) {
                return None;
            }
            let (d, n3) = number(&rest2[l2..])?;
            let mut used = skipped + n1 + l1 + n2 + l2 + n3;
            if c1 == '年' {
                if !rest2[l2 + n3..].starts_with('日') && !rest2[l2 + n3..].starts_with('号') {
                    return None;
                }
                used += '日'.len_utf8();
            }
            let ymd = (first as i32, m, d);
            valid(ymd).then_some((ymd, used))
        }
        '月' => {
            let (d, n2) = number(&rest[l1..])?;
            let tail = &rest[l1 + n2..];
            (tail.starts_with('日') || tail.starts_with('号')).then_some(())?;
            let ymd = (base?.0, first, d);
            valid(ymd).then_some((ymd, skipped + n1 + l1 + n2 + '日'.len_utf8()))
        }
        '日' | '号' => {
            let b = base?;
            let ymd = (b.0, b.1, first);
            valid(ymd).then_some((ymd, skipped + n1 + l1))
        }
        _ => None,
    }
}

/// The whole of `text` as one date (a 成文日期 line), spaces ignored.
pub fn whole(text: &str) -> Option<Ymd> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let (ymd, used) = date_at(&t, None)?;
    (used == t.len()).then_some(ymd)
}

/// A date at the end of a line (`连云区教育局办公室　2017年8月7日印发`), before `印发`.
pub fn printed(text: &str) -> Option<Ymd> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let t = t.strip_suffix("印发")?;
    t.char_indices().find_map(|(i, _)| date_at(&t[i..], None).filter(|(_, used)| i + used == t.len()).map(|(d, _)| d))
}

/// The 公示期 a sentence gives: after 公示时间 / 公示期 / 公示日期, a first date, then 至, 到,
/// — or ~, then a second date that may leave out the year and month.
pub fn notice_period(text: &str) -> Option<(Ymd, Ymd)> {
    const KEYS: [&str; 4] = ["公示时间", "公示期", "公示日期", "公示时间段"];
    let start = KEYS.iter().filter_map(|k| text.find(k).map(|i| i + k.len())).min()?;
    let mut rest = &text[start..];
    rest = rest.trim_start_matches(['为', '是', '：', ':', '自', '从', ' ', '间']);
    let (first, used) = date_at(rest, None)?;
    let rest = rest[used..].trim_start_matches(['起', ' ', '（', '）']);
    let rest = rest.strip_prefix(['至', '到', '—', '-', '~', '～', '–']).unwrap_or(rest);
    let rest = rest.trim_start_matches(['—', ' ']);
    let (second, _) = date_at(rest, Some(first))?;
    (second >= first).then_some((first, second))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_in_digits_and_in_hanzi() {
        assert_eq!(whole("2017年8月7日"), Some((2017, 8, 7)));
        assert_eq!(whole(" 2017 年 8 月 7 日 "), Some((2017, 8, 7)));
        assert_eq!(whole("二〇一七年八月七日"), Some((2017, 8, 7)));
        assert_eq!(whole("二〇二六年十二月三十一日"), Some((2026, 12, 31)));
        assert_eq!(whole("二○一七年十月二十日"), Some((2017, 10, 20)));
        assert_eq!(whole("2017.8.7"), Some((2017, 8, 7)));
        assert_eq!(whole("2017年2月30日"), None);
        assert_eq!(whole("2017年8月7日起执行"), None);
        assert_eq!(printed("连云区教育局办公室　　2017年8月7日印发"), Some((2017, 8, 7)));
    }

    #[test]
    fn reads_the_notice_period_from_a_sentence() {
        let p = |s| notice_period(s).map(|(a, b)| (iso(a), iso(b)));
        let want = Some(("2026-09-01".to_string(), "2026-09-07".to_string()));
        assert_eq!(p("公示时间为2026年9月1日至9月7日。"), want);
        assert_eq!(p("公示期：2026年9月1日—7日"), want);
        assert_eq!(p("公示期为2026年9月1日至2026年9月7日"), want);
        assert_eq!(
            p("公示时间为2026年12月28日至2027年1月4日").map(|(a, b)| a + "/" + &b),
            Some("2026-12-28/2027-01-04".into())
        );
        assert_eq!(p("公示时间为2026年9月7日至9月1日"), None);
        assert_eq!(p("公示结束后公布结果。"), None);
    }
}

//! The PII guard: published text must not carry a mainland resident ID number or a mobile
//! phone number (FORMAT.md). Landlines with an area code pass: office numbers are public.
//!
//! Scans the decoded text of every document and data file, so what is found has an exact span.
//! 索引号 values are skipped (organisation codes can look like ID numbers), as are the numbers
//! the site lists under `pii_allow`.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Span};
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    IdNumber,
    Mobile,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: Kind,
    /// Byte range in the scanned text.
    pub range: Range<usize>,
    /// The number with separators removed and full-width digits folded (what `pii_allow` lists).
    pub digits: String,
}

/// Checks one file's text; `skip` are byte ranges not to scan (索引号 values).
pub fn check(file: FileId, text: &str, skip: &[Range<usize>], allow: &[String], diags: &mut Diagnostics) {
    for finding in scan(text) {
        if skip.iter().any(|r| r.start <= finding.range.start && finding.range.end <= r.end) {
            continue;
        }
        if allow.iter().any(|a| *a == finding.digits || finding.digits.ends_with(a.as_str()) && a.len() >= 11) {
            continue;
        }
        let code = match finding.kind {
            Kind::IdNumber => Code::PiiIdNumber,
            Kind::Mobile => Code::PiiMobile,
        };
        diags.push(
            Diagnostic::error(code, Span::new(file, finding.range.start, finding.range.end))
                .detail(format!("「{}」", mask(&finding.digits))),
        );
    }
}

/// Shows enough of a number to find it, not enough to publish it again in a CI log.
fn mask(digits: &str) -> String {
    let n = digits.chars().count();
    digits.chars().enumerate().map(|(i, c)| if i < 3 || i + 4 >= n { c } else { '*' }).collect()
}

/// Every ID number and mobile number in `text`.
pub fn scan(text: &str) -> Vec<Finding> {
    let chars: Vec<(usize, char)> = text.char_indices().map(|(i, c)| (i, fold(c))).collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(at, _)| at);
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_run = chars[i].1.is_ascii_digit() && (i == 0 || !chars[i - 1].1.is_ascii_digit());
        if !starts_run {
            i += 1;
            continue;
        }
        let hit = id_number(&chars, i)
            .map(|len| (Kind::IdNumber, i, i + len))
            .or_else(|| mobile(&chars, i).map(|(start, end)| (Kind::Mobile, start, end)));
        match hit {
            Some((kind, start, end)) => {
                let digits = chars[start..end].iter().map(|&(_, c)| c).filter(|c| c.is_ascii_alphanumeric()).collect();
                found.push(Finding { kind, range: chars[start].0..end_of(end), digits });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Full-width digits, X, plus and hyphen as their ASCII forms.
fn fold(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        'Ｘ' | 'ｘ' => 'X',
        '＋' => '+',
        '－' | '—' => '-',
        '\u{3000}' => ' ',
        c => c,
    }
}

fn digit_run(chars: &[(usize, char)], i: usize) -> usize {
    chars[i..].iter().take_while(|(_, c)| c.is_ascii_digit()).count()
}

/// Length of an ID number starting at `i` (a run of digits), if there is one.
fn id_number(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let run = digit_run(chars, i);
    let s: String = chars[i..i + run].iter().map(|&(_, c)| c).collect();
    let next_is_x = matches!(chars.get(i + run), Some((_, 'X' | 'x')));
    let after_x_ok = !matches!(chars.get(i + run + 1), Some((_, c)) if c.is_ascii_alphanumeric());
    if run == 17 && next_is_x && after_x_ok && valid_18(&format!("{s}X")) {
        return Some(18);
    }
    if run == 18 && valid_18(&s) {
        return Some(18);
    }
    if run == 15 && valid_15(&s) {
        return Some(15);
    }
    None
}

/// GB 11643-1999: region, a real birth date, sequence, ISO 7064 MOD 11-2 check character.
pub fn valid_18(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !(b'1'..=b'9').contains(&b[0]) || !real_date(&s[6..14]) {
        return false;
    }
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = b[..17].iter().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    let check = b"10X98765432"[(sum % 11) as usize];
    b[17].to_ascii_uppercase() == check
}

/// The old 15-digit form: region, a YYMMDD birth date in the 1900s, sequence.
fn valid_15(s: &str) -> bool {
    s.as_bytes()[0] != b'0' && real_date(&format!("19{}", &s[6..12]))
}

fn real_date(yyyymmdd: &str) -> bool {
    let (Ok(y), Ok(m), Ok(d)) =
        (yyyymmdd[0..4].parse::<i32>(), yyyymmdd[4..6].parse::<u8>(), yyyymmdd[6..8].parse::<u8>())
    else {
        return false;
    };
    (1900..=2100).contains(&y)
        && time::Month::try_from(m).ok().and_then(|m| time::Date::from_calendar_date(y, m, d).ok()).is_some()
}

/// A mobile number starting at digit `i`: `1[3-9]` and nine more digits, optionally grouped
/// 3-4-4 by spaces or hyphens, optionally after `+86` / `86`. Returns its char range.
fn mobile(chars: &[(usize, char)], i: usize) -> Option<(usize, usize)> {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let (mut start, mut k) = (i, i);
    // Country code: `86` before the number (the `+` too, if written).
    if at(k) == Some('8') && at(k + 1) == Some('6') {
        let mut j = k + 2;
        if matches!(at(j), Some(' ' | '-')) {
            j += 1;
        }
        if at(j) == Some('1') {
            k = j;
            if i > 0 && at(i - 1) == Some('+') {
                start = i - 1;
            }
        }
    }
    if at(k) != Some('1') || !matches!(at(k + 1), Some('3'..='9')) {
        return None;
    }
    let mut digits = 0;
    let mut j = k;
    while digits < 11 {
        match at(j) {
            Some(c) if c.is_ascii_digit() => {
                digits += 1;
                j += 1;
            }
            // A separator only between the 3-4-4 groups.
            Some(' ' | '-') if (digits == 3 || digits == 7) && at(j + 1).is_some_and(|c| c.is_ascii_digit()) => j += 1,
            _ => return None,
        }
    }
    if at(j).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((start, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Kind, String)> {
        scan(text).into_iter().map(|f| (f.kind, text[f.range].to_string())).collect()
    }

    #[test]
    fn id_numbers_need_a_valid_check_character() {
        assert!(valid_18("360426199101010071"));
        assert!(!valid_18("360426199101010072"));
        assert_eq!(kinds("身份证 360426199101010071。"), vec![(Kind::IdNumber, "360426199101010071".into())]);
        assert!(kinds("身份证 360426199101010072。").is_empty());
    }

    #[test]
    fn id_numbers_need_a_real_birth_date() {
        // Same digits with 1991-02-30 as birth date: no check character can make it valid.
        assert!(kinds("360426199102300071").is_empty());
    }

    #[test]
    fn finds_an_id_number_after_a_letter() {
        assert_eq!(kinds("学籍号G360426199101010071")[0].1, "360426199101010071");
    }

    #[test]
    fn finds_x_check_characters_and_full_width_digits() {
        // 11010519491231002X is the standard's own example.
        assert_eq!(kinds("11010519491231002X")[0].0, Kind::IdNumber);
        assert_eq!(kinds("１１０１０５１９４９１２３１００２Ｘ").len(), 1);
    }

    #[test]
    fn finds_old_fifteen_digit_numbers() {
        assert_eq!(kinds("130503670401001")[0].0, Kind::IdNumber);
        assert!(kinds("130503671301001").is_empty());
    }

    #[test]
    fn finds_mobile_numbers_in_every_spelling() {
        for text in [
            "13812345678",
            "138 1234 5678",
            "138-1234-5678",
            "+86 138 1234 5678",
            "8613812345678",
            "１３８１２３４５６７８",
        ] {
            let found = kinds(&format!("电话：{text}。"));
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].0, Kind::Mobile, "{text}");
            assert_eq!(found[0].1, text, "{text}");
        }
    }

    #[test]
    fn passes_landlines_dates_and_long_numbers() {
        for text in [
            "0518-85812345",
            "(0518)85812345",
            "2017-08-07",
            "123812345678",
            "12345678901",
            "1381234567",
            "01425813-3/2017-00060",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }

    #[test]
    fn allowed_and_skipped_numbers_pass() {
        let text = "监督电话 13812345678，索引号 360426199101010071";
        let mut diags = Diagnostics::default();
        let start = text.find("3604").unwrap();
        let index_no = start..start + 18;
        check(FileId(0), text, std::slice::from_ref(&index_no), &["13812345678".into()], &mut diags);
        assert!(diags.is_empty());
        check(FileId(0), text, &[], &[], &mut diags);
        assert_eq!(diags.error_count(), 2);
        assert!(diags.iter().any(|d| d.detail == "「138****5678」"));
    }
}

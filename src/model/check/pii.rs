//! The PII guard: published text must not carry a mainland resident ID number or a mobile
//! phone number (FORMAT.md). Landlines with an area code pass: office numbers are public.
//!
//! Scans the decoded text of every document and data file, so what is found has an exact span.
//! 索引号 values are skipped (organisation codes can look like ID numbers), as are the numbers
//! the site lists under `pii_allow`.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Location, Span};
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

/// The numbers in `text` that the site does not allow.
fn refused<'a>(text: &str, allow: &'a [String]) -> impl Iterator<Item = Finding> + use<'a> {
    scan(text)
        .into_iter()
        .filter(move |f| !allow.iter().any(|a| *a == f.digits || f.digits.ends_with(a.as_str()) && a.len() >= 11))
}

fn error(finding: &Finding, at: impl Into<Location>, what: &str) -> Diagnostic {
    let code = match finding.kind {
        Kind::IdNumber => Code::PiiIdNumber,
        Kind::Mobile => Code::PiiMobile,
    };
    Diagnostic::error(code, at).detail(format!("{what}「{}」", mask(&finding.digits)))
}

/// Checks one file's text; `skip` are byte ranges not to scan (索引号 values).
pub fn check(file: FileId, text: &str, skip: &[Range<usize>], allow: &[String], diags: &mut Diagnostics) {
    for finding in refused(text, allow) {
        if !skip.iter().any(|r| r.start <= finding.range.start && finding.range.end <= r.end) {
            diags.push(error(&finding, Span::new(file, finding.range.start, finding.range.end), ""));
        }
    }
}

/// Checks a file's name: it becomes part of a link (an attachment's, or a page's address).
pub fn check_name(path: &str, allow: &[String], diags: &mut Diagnostics) {
    for finding in refused(path, allow) {
        diags.push(error(&finding, Location::Path(path.to_string()), "文件名里有").hint(
            "把文件改个名字，不要用身份证号或手机号命名；文件名会出现在网址里。/ Rename the file: its name is published in links.",
        ));
    }
}

/// Checks a text whose place is not a span of a file that was read: a spreadsheet's cell
/// (`at` is then `FILE:ROW:COLUMN`, as `gongshi import` names cells). `what` opens the detail
/// (`工作表「名单」里有`). `gongshi import` calls it on every cell it reads.
pub fn check_at(text: &str, at: Location, what: &str, allow: &[String], diags: &mut Diagnostics) {
    for finding in refused(text, allow) {
        diags.push(error(&finding, at.clone(), what));
    }
}

/// Checks a value that stands somewhere other than where it is written (a YAML alias `*a`):
/// scanning the text of the file does not see it there.
pub fn check_value(value: &str, at: Span, allow: &[String], diags: &mut Diagnostics) {
    for finding in refused(value, allow) {
        diags.push(error(&finding, at, "引用的值里有"));
    }
}

/// Shows enough of a number to find it, not enough to publish it again in a CI log.
fn mask(digits: &str) -> String {
    let n = digits.chars().count();
    digits.chars().enumerate().map(|(i, c)| if i < 3 || i + 4 >= n { c } else { '*' }).collect()
}

/// `text` with the middle digits of every ID and mobile number in it replaced by `*` (`＊` for a
/// full-width digit, so that every character keeps its width): what a message or a printed
/// source line may show. Separators and the first three and last four digits stay.
pub fn masked(text: &str) -> String {
    let found = scan(text);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for f in found {
        out.push_str(&text[last..f.range.start]);
        let n = f.digits.chars().count();
        let mut k = 0;
        for c in text[f.range.clone()].chars() {
            if matches!(token(c), Some(Token::Digit(_) | Token::X)) {
                let keep = k < 3 || k + 4 >= n;
                out.push(if keep {
                    c
                } else if c.is_ascii() {
                    '*'
                } else {
                    '＊'
                });
                k += 1;
            } else {
                out.push(c);
            }
        }
        last = f.range.end;
    }
    out.push_str(&text[last..]);
    out
}

/// A character as the scanner sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token {
    Digit(char),
    /// The check character X of an ID number.
    X,
    /// What people put between groups of a number: spaces of any width, hyphens and dashes
    /// (‐ – — − －), dots (. · ・).
    Sep,
    Plus,
    Other,
}

fn token(c: char) -> Option<Token> {
    Some(match c {
        '0'..='9' => Token::Digit(c),
        '０'..='９' => Token::Digit(char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c)),
        'X' | 'x' | 'Ｘ' | 'ｘ' => Token::X,
        '+' | '＋' => Token::Plus,
        // Invisible characters are not there at all: a number split by them is still a number.
        c if crate::load::keys::invisible(c) => return None,
        ' '
        | '\u{00A0}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}'
        | '-'
        | '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}'
        | '.'
        | '\u{00B7}'
        | '\u{30FB}'
        | '\u{2022}'
        | '\u{FF0E}' => Token::Sep,
        _ => Token::Other,
    })
}

/// Every ID number and mobile number in `text`, in any of the spellings people write: grouped
/// by single separators into groups of three or more digits (3-4-4, 4-3-4, 6-8-4…), with
/// full-width digits or invisible characters inside, a mobile after `+86`/`86`, an ID number
/// right after a letter (学籍号 `G…`).
pub fn scan(text: &str) -> Vec<Finding> {
    let tokens: Vec<(usize, Token)> = text.char_indices().filter_map(|(i, c)| token(c).map(|t| (i, t))).collect();
    let end_of = |k: usize| -> usize {
        let (at, _) = tokens[k];
        at + text[at..].chars().next().map_or(0, char::len_utf8)
    };
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts_group = matches!(tokens[i].1, Token::Digit(_))
            && (i == 0 || !matches!(tokens[i - 1].1, Token::Digit(_) | Token::X));
        let hit = if starts_group {
            id_number(&tokens, i)
                .map(|end| (Kind::IdNumber, i, end))
                .or_else(|| mobile(&tokens, i).map(|(s, e)| (Kind::Mobile, s, e)))
        } else {
            None
        };
        match hit {
            Some((kind, start, end)) => {
                found.push(Finding {
                    kind,
                    range: tokens[start].0..end_of(end - 1),
                    digits: digits(&tokens, start, end),
                });
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// Reads `want` digits (the last may be an X when `x_last`) from token `i`: single separators
/// may split them into groups of three or more. Returns the end (exclusive) when the number
/// stops there, that is when no digit or X follows directly.
fn number(tokens: &[(usize, Token)], i: usize, want: usize, x_last: bool) -> Option<usize> {
    let (mut got, mut group, mut k) = (0, 0, i);
    while got < want {
        match tokens.get(k).map(|t| t.1) {
            Some(Token::Digit(_)) => {
                got += 1;
                group += 1;
                k += 1;
            }
            Some(Token::X) if x_last && got == want - 1 => {
                got += 1;
                group += 1;
                k += 1;
            }
            Some(Token::Sep) if group >= 3 => {
                // Up to three separators between groups: `138  1234`, `138 - 1234`.
                let next = seps_end(tokens, k)?;
                if !matches!(tokens.get(next).map(|t| t.1), Some(Token::Digit(_))) {
                    return None;
                }
                group = 0;
                k = next;
            }
            _ => return None,
        }
    }
    let stops = !matches!(tokens.get(k).map(|t| t.1), Some(Token::Digit(_) | Token::X));
    (group >= 3 && stops).then_some(k)
}

/// The token after a run of one to three separators starting at `k`; `None` for a longer run.
fn seps_end(tokens: &[(usize, Token)], k: usize) -> Option<usize> {
    let run = tokens[k..].iter().take_while(|t| t.1 == Token::Sep).count();
    (run <= 3).then_some(k + run)
}

/// The digits (and X) of tokens `from..to`, separators left out: what `pii_allow` lists.
fn digits(tokens: &[(usize, Token)], from: usize, to: usize) -> String {
    tokens[from..to]
        .iter()
        .filter_map(|&(_, t)| match t {
            Token::Digit(c) => Some(c),
            Token::X => Some('X'),
            _ => None,
        })
        .collect()
}

/// The end of an ID number starting at token `i`, if there is one.
fn id_number(tokens: &[(usize, Token)], i: usize) -> Option<usize> {
    for (want, x_last) in [(18, false), (18, true), (15, false)] {
        if let Some(end) = number(tokens, i, want, x_last) {
            let d = digits(tokens, i, end);
            if (want == 18 && valid_18(&d)) || (want == 15 && valid_15(&d)) {
                return Some(end);
            }
        }
    }
    None
}

/// A mobile number at token `i`: `1[3-9]` and nine more digits, or `86` before one (and the
/// `+` before that, if written). Returns its token range.
fn mobile(tokens: &[(usize, Token)], i: usize) -> Option<(usize, usize)> {
    let digit = |k: usize| match tokens.get(k).map(|t| t.1) {
        Some(Token::Digit(c)) => Some(c),
        _ => None,
    };
    let (mut start, mut k) = (i, i);
    if digit(k) == Some('8') && digit(k + 1) == Some('6') {
        let after = if tokens.get(k + 2).map(|t| t.1) == Some(Token::Sep) { seps_end(tokens, k + 2)? } else { k + 2 };
        if digit(after) == Some('1') {
            k = after;
            if i > 0 && tokens[i - 1].1 == Token::Plus {
                start = i - 1;
            }
        }
    }
    if digit(k) != Some('1') || !matches!(digit(k + 1), Some('3'..='9')) {
        return None;
    }
    number(tokens, k, 11, false).map(|end| (start, end))
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
            // Issue 20: two spaces between groups, or a spaced hyphen.
            "138  1234  5678",
            "+86  138  1234  5678",
            "138 - 1234 - 5678",
        ] {
            let found = kinds(&format!("电话：{text}。"));
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].0, Kind::Mobile, "{text}");
            assert_eq!(found[0].1, text, "{text}");
        }
    }

    #[test]
    fn finds_numbers_however_they_are_grouped_or_split() {
        for text in [
            "138\u{00A0}1234\u{00A0}5678",
            "138–1234–5678",
            "138.1234.5678",
            "138·1234·5678",
            "138\u{2212}1234\u{2212}5678",
            "1381 234 5678",
            "138\u{200B}1234\u{200D}5678",
        ] {
            let found = kinds(&format!("电话：{text}。"));
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!((found[0].0, found[0].1.as_str()), (Kind::Mobile, text));
        }
        for text in ["360426 19910101 0071", "360426-1991-0101-0071", "3604261991\u{200B}01010071"] {
            assert_eq!(kinds(text).len(), 1, "{text}");
            assert_eq!(kinds(text)[0].0, Kind::IdNumber, "{text}");
        }
        // A number next to others is still found; numbers in a table row are not joined up.
        assert_eq!(kinds("2017 13812345678 号")[0].1, "13812345678");
        assert!(kinds("13 9 2100 95 25 20").is_empty());
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

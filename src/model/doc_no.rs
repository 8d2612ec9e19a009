//! 文号 (document numbers) such as `连区教〔2017〕89号`: how they are compared, and how they are
//! found in running text so that a mention can link to the document.
//!
//! Staff write the brackets in many ways (〔〕, [], 【】, （）) and sometimes in traditional
//! characters; all of those name the same document.

/// The number as it is displayed: trimmed, inner whitespace removed.
pub fn tidy(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The comparison key: brackets unified, traditional characters folded, leading zeros of the
/// serial number dropped (`〔2017〕089号` is `〔2017〕89号`).
pub fn key(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            c if is_open(c) => '〔',
            c if is_close(c) => '〕',
            c => crate::hanzi::fold_char(c),
        })
        .collect();
    match folded.rsplit_once('〕') {
        Some((head, serial)) => {
            let trimmed = serial.trim_start_matches('0');
            let serial = if trimmed.starts_with('号') || trimmed.is_empty() { serial } else { trimmed };
            format!("{head}〕{serial}")
        }
        None => folded,
    }
}

fn is_open(c: char) -> bool {
    matches!(c, '〔' | '[' | '【' | '（' | '(' | '［' | '﹝' | '〖')
}

fn is_close(c: char) -> bool {
    matches!(c, '〕' | ']' | '】' | '）' | ')' | '］' | '﹞' | '〗')
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Longest issuer prefix considered (e.g. 连云港市教育局办公室 is 10).
const MAX_PREFIX: usize = 12;

/// Every mention of a known 文号 in `text`: (byte range, what `lookup` returned). `lookup`
/// is given a candidate's key and says whether a document has it. Where prefixes overlap, the
/// longest known one wins (`市政府连政发〔2017〕38号` finds `连政发〔2017〕38号`).
pub fn find_all<T>(text: &str, lookup: impl Fn(&str) -> Option<T>) -> Vec<(std::ops::Range<usize>, T)> {
    select(&candidates(text), lookup)
}

/// A place in a text that may end a 文号 (`〔2017〕89号`), with the key of each way it may
/// start, longest first: what [`find_all`] looks up, kept so that a text read once need not be
/// scanned again when only the 文号 known to the site change.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// Byte offset after `号`.
    end: usize,
    /// Byte offset of each start, and the key of the text from there to `end`.
    starts: Vec<(usize, String)>,
}

/// Every [`Candidate`] in `text`, in order.
pub fn candidates(text: &str) -> Vec<Candidate> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if c != '号' && c != '號' {
            continue;
        }
        let Some(open) = bracket_start(&chars, i) else {
            continue;
        };
        let mut first = open;
        while first > 0 && open - (first - 1) <= MAX_PREFIX && is_han(chars[first - 1].1) {
            first -= 1;
        }
        let end = at + c.len_utf8();
        let starts = (first..open).map(|s| (chars[s].0, key(&text[chars[s].0..end]))).collect();
        out.push(Candidate { end, starts });
    }
    out
}

/// The candidates that are known 文号 (see [`find_all`]).
pub fn select<T>(candidates: &[Candidate], lookup: impl Fn(&str) -> Option<T>) -> Vec<(std::ops::Range<usize>, T)> {
    let mut found = Vec::new();
    let mut after = 0; // byte offset before which matches may not start (no overlaps)
    for c in candidates {
        let hit = c.starts.iter().filter(|(s, _)| *s >= after).find_map(|(s, k)| lookup(k).map(|t| (*s..c.end, t)));
        if let Some((range, t)) = hit {
            after = range.end;
            found.push((range, t));
        }
    }
    found
}

/// Index of the opening bracket of `〔2017〕89` that ends just before `号` at `i`.
fn bracket_start(chars: &[(usize, char)], i: usize) -> Option<usize> {
    let mut j = i;
    let digits = |j: &mut usize| {
        let end = *j;
        while *j > 0 && chars[*j - 1].1.is_ascii_digit() {
            *j -= 1;
        }
        end - *j
    };
    if digits(&mut j) == 0 || j == 0 || !is_close(chars[j - 1].1) {
        return None;
    }
    j -= 1;
    if digits(&mut j) != 4 || j == 0 || !is_open(chars[j - 1].1) {
        return None;
    }
    Some(j - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_bracket_style_script_and_zeros() {
        let k = key("连区教〔2017〕89号");
        assert_eq!(key("连区教[2017]89号"), k);
        assert_eq!(key("連區教【2017】089號"), k);
        assert_eq!(key(" 连区教（2017）89号 "), k);
        assert_ne!(key("连区教〔2017〕8号"), k);
    }

    #[test]
    fn finds_known_numbers_in_running_text() {
        let known = [key("连政发〔2017〕38号"), key("苏政发〔2017〕1号")];
        let text = "根据《实施意见》（连政发〔2017〕38号）和苏政发[2017]1号精神，另见教督〔2017〕6号。";
        let found = find_all(text, |k| known.iter().position(|x| x == k));
        let got: Vec<(&str, usize)> = found.iter().map(|(r, i)| (&text[r.clone()], *i)).collect();
        assert_eq!(got, vec![("连政发〔2017〕38号", 0), ("苏政发[2017]1号", 1)]);
    }

    #[test]
    fn takes_the_longest_known_prefix() {
        let known = [key("连区教〔2017〕89号"), key("区教〔2017〕89号")];
        let found = find_all("见连区教〔2017〕89号。", |k| known.iter().position(|x| x == k));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1, 0);
    }
}

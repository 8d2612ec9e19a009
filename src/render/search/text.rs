//! How text becomes search keys, the same way at build time (here) and in the browser
//! (static/search.js mirrors these rules; tests keep the two in step).
//!
//! Text is folded one character at a time, so offsets survive: 繁 → 简 (the site's own table),
//! full-width → half-width, Latin letters to lower case. It is then cut into runs of letters and
//! digits (punctuation, spaces and the brackets of 文号 end a run), and each run gives keys:
//! every pair of neighbouring characters (a bigram), and for three letters or digits in a row a
//! trigram as well, so that Latin queries (pinyin, numbers) are precise. Any two or more
//! characters of a run are thus findable; a single character is findable in titles and names
//! (unigrams, kept for those fields only).

/// One character as search compares it.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => crate::hanzi::fold_char(c),
    };
    c.to_ascii_lowercase()
}

pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Letters and digits of any script: what runs are made of.
fn in_run(c: char) -> bool {
    // Most characters are ASCII or common 汉字; the full Unicode table lookup is for the rest.
    c.is_ascii_alphanumeric() || ('\u{4E00}'..='\u{9FFF}').contains(&c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// The runs of folded `text`.
pub fn runs(text: &str) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    for_each_run(text, |run| out.push(run.to_vec()));
    out
}

/// Calls `each` with every run of folded `text`, in order, without gathering them.
pub fn for_each_run(text: &str, mut each: impl FnMut(&[char])) {
    let mut current = Vec::new();
    for c in text.chars().map(fold_char) {
        if in_run(c) {
            current.push(c);
        } else if !current.is_empty() {
            each(&current);
            current.clear();
        }
    }
    if !current.is_empty() {
        each(&current);
    }
}

/// A key of up to three characters packed into a number, 21 bits a character, the first
/// highest (no character of a run is U+0000): a document's keys are gathered and de-duplicated
/// as numbers, and only the distinct ones become strings.
pub type Packed = u64;

pub fn pack(chars: &[char]) -> Packed {
    chars.iter().take(3).enumerate().fold(0, |k, (i, &c)| k | (u64::from(c) << (42 - 21 * i)))
}

pub fn unpack(key: Packed) -> String {
    (0..3)
        .map(|i| ((key >> (42 - 21 * i)) & 0x1F_FFFF) as u32)
        .take_while(|&c| c != 0)
        .filter_map(char::from_u32)
        .collect()
}

/// Every key of a run, packed: its bigrams, and the trigrams of its ASCII letters and digits.
pub fn packed_keys(run: &[char], out: &mut Vec<Packed>) {
    out.extend(run.windows(2).map(pack));
    out.extend(run.windows(3).filter(|w| w.iter().all(char::is_ascii_alphanumeric)).map(pack));
}

/// Every key of a run, as the index stores them (see [`packed_keys`]).
pub fn index_keys(run: &[char], out: &mut Vec<String>) {
    let mut packed = Vec::new();
    packed_keys(run, &mut packed);
    out.extend(packed.into_iter().map(unpack));
}

/// The key of a whole run of a 文号 (`=89号`): a query whose runs are whole runs of a record's
/// 文号 ranks it first. `=` never stands in other keys, which are letters and digits.
pub fn whole_run_key(run: &[char]) -> String {
    std::iter::once('=').chain(run.iter().copied()).collect()
}

/// The keys a query run must all match: trigrams where three ASCII letters or digits stand in
/// a row, bigrams for every pair not covered by such a trigram, or the run itself when it is a
/// single character.
pub fn query_keys(run: &[char]) -> Vec<String> {
    if run.len() == 1 {
        return vec![run.iter().collect()];
    }
    let ascii = |i: usize| run.get(i).is_some_and(char::is_ascii_alphanumeric);
    // The length of the ASCII stretch each character stands in (0 outside one).
    let mut stretch = vec![0; run.len()];
    let mut start = 0;
    for i in 0..=run.len() {
        if i == run.len() || !ascii(i) {
            for s in &mut stretch[start..i] {
                *s = i - start;
            }
            start = i + 1;
        }
    }
    let mut keys = Vec::new();
    for i in 0..run.len() - 1 {
        if ascii(i) && ascii(i + 1) && stretch[i] >= 3 {
            if ascii(i + 2) {
                keys.push(run[i..i + 3].iter().collect());
            }
        } else {
            keys.push(run[i..i + 2].iter().collect());
        }
    }
    keys.dedup();
    keys
}

#[cfg(test)]
mod tests {

    #[test]
    fn packed_keys_read_back_as_the_same_strings() {
        for key in ["墟沟", "xgx", "a", "89号", "\u{10FFFF}\u{10FFFF}\u{10FFFF}", "𠀀z"] {
            let chars: Vec<char> = key.chars().collect();
            assert_eq!(unpack(pack(&chars)), key);
        }
        // Different keys stay different as numbers: a single character, and it followed by another.
        assert_ne!(pack(&['a']), pack(&['a', 'b']));
        let mut keys = Vec::new();
        index_keys(&"xu沟ab".chars().collect::<Vec<_>>(), &mut keys);
        assert_eq!(keys, ["xu", "u沟", "沟a", "ab"]);
    }

    use super::*;

    fn keys(text: &str) -> Vec<Vec<String>> {
        runs(text).iter().map(|r| query_keys(r)).collect()
    }

    #[test]
    fn folds_script_width_and_case() {
        assert_eq!(fold("連雲區"), "连云区");
        assert_eq!(fold("ＸＵ　Ｇｏｕ２０１７"), "xu gou2017");
        assert_eq!(fold("墟溝小學"), "墟沟小学");
    }

    #[test]
    fn the_brackets_of_a_doc_no_end_runs_whatever_their_shape() {
        for written in
            ["连区教〔2017〕89号", "连区教[2017]89号", "连区教【2017】89号", "连区教(2017)89号", "連區教（2017）89號"]
        {
            assert_eq!(keys(written), [vec!["连区", "区教"], vec!["201", "017"], vec!["89", "9号"]], "{written}");
        }
    }

    #[test]
    fn latin_runs_use_trigrams_and_short_runs_stay_whole() {
        assert_eq!(keys("xugou"), [vec!["xug", "ugo", "gou"]]);
        assert_eq!(keys("xu gou"), [vec!["xu"], vec!["gou"]]);
        assert_eq!(keys("沟"), [vec!["沟"]]);
        assert_eq!(keys("a1号"), [vec!["a1", "1号"]]);
    }

    #[test]
    fn every_query_key_is_an_index_key_of_the_same_text() {
        for text in ["墟沟小学xugouxiaoxue", "连区教2017年89号文", "ab", "2017"] {
            let mut indexed = Vec::new();
            for run in runs(text) {
                index_keys(&run, &mut indexed);
            }
            for run in runs(text) {
                for k in query_keys(&run).into_iter().filter(|k| k.chars().count() > 1) {
                    assert!(indexed.contains(&k), "{k} of {text}");
                }
            }
        }
    }
}

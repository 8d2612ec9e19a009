//! Folding traditional Han characters to simplified ones, one character at a time.
//!
//! One character in, one character out, so lengths and offsets survive folding (search can map
//! highlights back; keys and values can be compared). Built once from OpenCC's character table
//! as shipped by hanconv. Where a character has several simplified forms the first one that
//! differs from it is taken (乾→干, 覆→复, 藉→借), as DEPS.md found works for search.

use std::collections::HashMap;
use std::sync::LazyLock;

static TABLE: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    hanconv::RawDictionary::TSCharacters
        .var_iter()
        .filter_map(|(key, values)| {
            let mut chars = key.chars();
            let key = chars.next().filter(|_| chars.next().is_none())?;
            let single = |v: &&str| {
                let mut c = v.chars();
                c.next().filter(|_| c.next().is_none())
            };
            let target = values.iter().filter_map(single).find(|&c| c != key)?;
            Some((key, target))
        })
        .collect()
});

/// The simplified form of one character (the character itself when it has none).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    TABLE.get(&c).copied().unwrap_or(c)
}

/// Every (traditional, simplified) pair of the table, in no particular order.
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    TABLE.iter().map(|(&t, &s)| (t, s))
}

/// Folds every character of `text`.
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_traditional_to_simplified() {
        assert_eq!(fold("連雲區教育局"), "连云区教育局");
        assert_eq!(fold("墟溝小學"), "墟沟小学");
        assert_eq!(fold("廟嶺小學"), "庙岭小学");
        assert_eq!(fold("時效：廢止"), "时效：废止");
    }

    #[test]
    fn keeps_simplified_and_ascii_text() {
        assert_eq!(fold("连云区 2017 abc"), "连云区 2017 abc");
    }

    #[test]
    fn picks_the_first_differing_form() {
        assert_eq!(fold_char('乾'), '干');
        assert_eq!(fold_char('覆'), '复');
        assert_eq!(fold_char('藉'), '借');
    }
}

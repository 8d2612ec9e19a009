//! Folding traditional Han characters to simplified ones, one character at a time.
//!
//! One character in, one character out, so lengths and offsets survive folding (search can map
//! highlights back; keys and values can be compared). Built once from OpenCC's character table
//! as shipped by hanconv. Where a character has several simplified forms the first one that
//! differs from it is taken (乾→干, 覆→复, 藉→借), as DEPS.md found works for search.

use std::sync::LazyLock;

/// The table as a direct lookup for the Basic Multilingual Plane (where nearly every traditional
/// character is) and a sorted list for the rest: folding runs once per character of every
/// text, so it must cost an array index, not a hash.
struct Table {
    /// `bmp[c]` is the simplified form of `c` (itself when it has none), for `c` < U+10000.
    bmp: Vec<char>,
    /// (traditional, simplified) above U+FFFF, sorted.
    rest: Vec<(char, char)>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut bmp: Vec<char> = (0..0x1_0000u32).map(|c| char::from_u32(c).unwrap_or('\u{FFFD}')).collect();
    let mut rest = Vec::new();
    let single = |text: &str| {
        let mut c = text.chars();
        c.next().filter(|_| c.next().is_none())
    };
    for (key, values) in hanconv::RawDictionary::TSCharacters.var_iter() {
        let Some(key) = single(key) else { continue };
        let Some(target) = values.iter().filter_map(|v| single(v)).find(|&c| c != key) else { continue };
        match bmp.get_mut(key as usize) {
            Some(slot) => *slot = target,
            None => rest.push((key, target)),
        }
    }
    // Of a character listed twice the last entry counts, as it did in a map built from the list.
    rest.reverse();
    rest.sort_by_key(|&(t, _)| t);
    rest.dedup_by_key(|(t, _)| *t);
    Table { bmp, rest }
});

/// The simplified form of one character (the character itself when it has none).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    let table = &*TABLE;
    match table.bmp.get(c as usize) {
        Some(&s) => s,
        None => table.rest.binary_search_by_key(&c, |&(t, _)| t).map_or(c, |i| table.rest[i].1),
    }
}

/// Every (traditional, simplified) pair of the table, in no particular order.
pub fn pairs() -> impl Iterator<Item = (char, char)> {
    let table = &*TABLE;
    let bmp = table.bmp.iter().enumerate().filter_map(|(i, &s)| {
        let t = char::from_u32(i as u32)?;
        (t != s).then_some((t, s))
    });
    bmp.chain(table.rest.iter().copied())
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

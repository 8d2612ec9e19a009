//! How a school's name is read aloud, for finding it by pinyin: the full reading without spaces
//! (`xugouxiaoxue`) and the initials (`xgxx`). A character with several readings gives each
//! (长乐 → `changle` and `zhangle`), since place names often take the rarer one; a name has at
//! most [`MAX_READINGS`] readings, beyond which later characters keep their first reading.

use pinyin::ToPinyinMulti;

pub const MAX_READINGS: usize = 16;

/// Every reading of each character of `name`, in order; letters and digits stand for
/// themselves, other characters are skipped.
fn syllables(name: &str) -> Vec<Vec<String>> {
    name.chars()
        .filter_map(|c| match c.to_pinyin_multi() {
            Some(multi) => {
                let mut all: Vec<String> = multi.into_iter().map(|p| p.plain().to_string()).collect();
                all.dedup();
                Some(all)
            }
            None if c.is_alphanumeric() => Some(vec![super::text::fold(&c.to_string())]),
            None => None,
        })
        .collect()
}

/// Full readings and initials of `name`, each at most once, the most common reading first.
pub fn readings(name: &str) -> Vec<String> {
    let mut combos: Vec<(String, String)> = vec![(String::new(), String::new())];
    for options in syllables(name) {
        let take = if combos.len() * options.len() <= MAX_READINGS { options.len() } else { 1 };
        combos = combos
            .iter()
            .flat_map(|(full, initials)| {
                options[..take].iter().map(move |o| (format!("{full}{o}"), format!("{initials}{}", &o[..1])))
            })
            .collect();
    }
    let mut out: Vec<String> = Vec::new();
    for (full, initials) in combos {
        for r in [full, initials] {
            if !r.is_empty() && !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

/// A school's readings: its own `pinyin:` first when the data give one (for names the table
/// reads wrongly), then those of its name.
pub fn school(s: &crate::model::school::School) -> Vec<String> {
    let mut out = readings(&s.name);
    if let Some(given) = &s.pinyin {
        out.insert(0, given.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_in_full_and_by_initials() {
        let r = readings("墟沟小学");
        assert_eq!(&r[..2], ["xugouxiaoxue", "xgxx"]);
        assert!(readings("庙岭小学").contains(&"mlxx".to_string()));
    }

    #[test]
    fn every_reading_of_a_polyphonic_character_is_kept() {
        let r = readings("长乐小学");
        assert!(r.contains(&"changlexiaoxue".to_string()), "{r:?}");
        assert!(r.contains(&"zhanglexiaoxue".to_string()), "{r:?}");
        assert!(r.contains(&"clxx".to_string()) && r.contains(&"zlxx".to_string()), "{r:?}");
    }

    #[test]
    fn long_names_stay_within_the_limit() {
        let r = readings("长乐长乐长乐长乐长乐中学");
        assert!(r.len() <= 2 * MAX_READINGS, "{}", r.len());
        assert!(r.iter().all(|s| s.is_ascii()));
    }

    #[test]
    fn digits_and_latin_letters_stand_for_themselves() {
        assert_eq!(readings("第2中学")[0], "di2zhongxue");
    }
}

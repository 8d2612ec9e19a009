//! Matching column headers to the keys of the one field-name table (`load::keys`), leniently:
//! spaces and full-width spaces, anything in brackets (units such as 面积（平方米） or (m²)),
//! trailing colons, traditional characters and case are ignored.

use super::sheet::Row;
use crate::load::keys::Field;

/// A header as compared: `教学及辅助用房面积（平方米）：` → `教学及辅助用房面积`.
pub fn normalize(header: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in header.chars() {
        match c {
            '(' | '（' | '[' | '【' | '〔' | '<' | '《' => depth += 1,
            ')' | '）' | ']' | '】' | '〕' | '>' | '》' => depth = depth.saturating_sub(1),
            c if depth > 0 || c.is_whitespace() || c == '\u{3000}' || c == '*' => {}
            c => out.push(crate::hanzi::fold_char(c)),
        }
    }
    out.trim_end_matches([':', '：']).to_lowercase()
}

/// The field a header names, if any.
pub fn field_for(header: &str, fields: &[&'static Field]) -> Option<&'static Field> {
    let key = normalize(header);
    if key.is_empty() {
        return None;
    }
    fields.iter().copied().find(|f| {
        normalize(f.name) == key || f.aliases.iter().any(|a| normalize(a) == key) || f.name.replace('_', " ") == key
    })
}

/// The header row and what each of its columns names.
pub struct Header {
    /// Index of the header row in the sheet's rows.
    pub index: usize,
    /// Per column: the field it names.
    pub fields: Vec<Option<&'static Field>>,
}

impl Header {
    /// The column of a field, if the sheet has it.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.is_some_and(|f| f.name == name))
    }
}

/// The header is the row among the first ten with the most known headers (a title row such
/// as “2023年办学条件统计表” may come first).
pub fn find_header(rows: &[Row], fields: &[&'static Field]) -> Option<Header> {
    let mut best: Option<(usize, usize)> = None;
    for (i, row) in rows.iter().enumerate().take(10) {
        let n = row.cells.iter().filter(|c| field_for(c, fields).is_some()).count();
        if n > 0 && best.is_none_or(|(_, m)| n > m) {
            best = Some((i, n));
        }
    }
    let (index, _) = best?;
    let fields = rows[index].cells.iter().map(|c| field_for(c, fields)).collect();
    Some(Header { index, fields })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::keys::{FIGURES, INDICATOR_ROW, SCHOOL};

    fn all(record: &'static crate::load::keys::Record) -> Vec<&'static Field> {
        record.all_fields().collect()
    }

    #[test]
    fn ignores_units_spaces_colons_and_traditional_characters() {
        let fields = all(&INDICATOR_ROW);
        let name = |h: &str| field_for(h, &fields).map(|f| f.name);
        assert_eq!(name("教学及辅助用房面积（平方米）"), Some("teaching_area"));
        assert_eq!(name("体育运动场馆面积 (m²)"), Some("sports_area"));
        assert_eq!(name("教学仪器设备值【元】："), Some("equipment_value"));
        assert_eq!(name("在 校 学 生 数"), Some("students"));
        assert_eq!(name("\u{3000}學校"), Some("school"));
        assert_eq!(name("体育、艺术(美术、音乐)专任教师数"), Some("pe_art_teachers"));
        assert_eq!(name("Students"), Some("students"));
        assert_eq!(name("备注"), None);
        assert_eq!(FIGURES.len() + 2, fields.len());
    }

    #[test]
    fn finds_the_header_below_a_title_row() {
        let rows = vec![
            Row { number: 1, cells: vec!["连云区学校名录".into()] },
            Row { number: 2, cells: vec!["编号".into(), "校名".into(), "学段".into()] },
        ];
        let header = find_header(&rows, &all(&SCHOOL)).unwrap();
        assert_eq!(header.index, 1);
        assert_eq!(header.column("stage"), Some(2));
    }
}

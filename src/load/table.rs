//! The top of a table attachment (CSV, or a spreadsheet: .xlsx, .xls, .ods), read so that its
//! document's page can preview it. Only the first rows and columns are kept: the page shows a
//! glimpse and links to the file for the rest. A file that cannot be read simply has no preview
//! (its link still works), so nothing here reports an error.

use std::path::Path;

/// Rows shown after the header row.
pub const PREVIEW_ROWS: usize = 20;
/// Columns shown.
pub const PREVIEW_COLS: usize = 8;
/// Larger files are not previewed: reading a whole workbook to show its top is not worth it.
pub const MAX_PREVIEW_FILE: u64 = 4 * 1024 * 1024;

/// The first row (the header) and up to [`PREVIEW_ROWS`] more, each cut to [`PREVIEW_COLS`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TablePreview {
    pub rows: Vec<Vec<String>>,
    /// Rows of the whole table (header included), empty rows left out.
    pub total_rows: usize,
    pub total_cols: usize,
}

/// Whether a file under files/ is a table gongshi previews, by its extension.
pub fn is_table(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(ext.as_str(), "csv" | "xlsx" | "xls" | "ods")
}

/// The preview of a table attachment, when it is one and can be read.
pub fn read(rel: &str, abs: &Path, size: u64) -> Option<TablePreview> {
    if !is_table(rel) || size > MAX_PREVIEW_FILE {
        return None;
    }
    let sheet = super::sheet::read(abs, &super::sheet::Choice::FIRST).ok()?;
    let rows: Vec<Vec<String>> = sheet.rows.into_iter().filter(|r| !r.is_empty()).map(|r| r.cells).collect();
    let total_cols = rows.iter().map(|r| r.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1)).max()?;
    let total_rows = rows.len();
    let shown = rows
        .into_iter()
        .take(PREVIEW_ROWS + 1)
        .map(|r| (0..total_cols.min(PREVIEW_COLS)).map(|i| clean(r.get(i).map_or("", String::as_str))).collect())
        .collect();
    (total_cols > 0).then_some(TablePreview { rows: shown, total_rows, total_cols })
}

/// A cell as text for a page: control characters (invalid in HTML) become spaces.
fn clean(cell: &str) -> String {
    cell.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_top_left_of_a_csv() {
        let dir = std::env::temp_dir().join(format!("gongshi-table-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.csv");
        let mut text = String::from("a,b,c,d,e,f,g,h,i,j\n");
        for i in 0..30 {
            text.push_str(&format!("{i},x,,,,,,,,z\n\n"));
        }
        std::fs::write(&path, &text).unwrap();
        let t = read("a.csv", &path, text.len() as u64).unwrap();
        assert_eq!((t.total_rows, t.total_cols), (31, 10));
        assert_eq!(t.rows.len(), PREVIEW_ROWS + 1);
        assert_eq!(t.rows[1], ["0", "x", "", "", "", "", "", ""]);
        assert!(read("a.pdf", &path, 10).is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }
}

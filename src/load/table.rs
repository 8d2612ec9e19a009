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

/// Cells with long numbers kept from one spreadsheet for the PII guard: past it the file is
/// refused as a whole (a table of ten thousand phone-like numbers is not published unchecked,
/// and keeping millions of them would cost what the limits are there to prevent).
pub const MAX_NUMBER_CELLS: usize = 10_000;

/// What reading a table attachment gave: its preview, the cells of a spreadsheet that hold long
/// numbers (for the PII guard, which `model` runs with the site's allowed numbers), and why
/// the file was not read, when it was refused.
#[derive(Debug, Default)]
pub struct TableRead {
    pub preview: Option<TablePreview>,
    pub numbers: Vec<NumberCell>,
    pub refused: Option<String>,
}

/// A spreadsheet cell with eleven digits or more: a mobile or ID number may be in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberCell {
    pub sheet: String,
    /// Row and column from 0.
    pub row: u32,
    pub col: u32,
    pub text: String,
}

/// Reads a table attachment: a CSV's top (its text is checked as text), or a spreadsheet's,
/// every sheet's cells streamed within [`super::workbook::LIMITS`] to find the long numbers,
/// the first visible sheet's top kept (a hidden sheet holds what was not meant to be shown).
pub fn read(rel: &str, abs: &Path, size: u64) -> TableRead {
    if !is_table(rel) {
        return TableRead::default();
    }
    if rel.to_ascii_lowercase().ends_with(".csv") {
        let preview = if size > MAX_PREVIEW_FILE { None } else { read_csv(abs) };
        return TableRead { preview, ..TableRead::default() };
    }
    match read_workbook(abs, size <= MAX_PREVIEW_FILE) {
        Ok((preview, numbers)) => TableRead { preview, numbers, refused: None },
        Err(why) => TableRead { refused: Some(why), ..TableRead::default() },
    }
}

fn read_csv(abs: &Path) -> Option<TablePreview> {
    let sheet = super::sheet::read(abs, &super::sheet::Choice::FIRST).ok()?;
    let mut top = Top::default();
    for row in sheet.rows {
        for (col, text) in row.cells.iter().enumerate() {
            top.cell(row.number as u32, col as u32, text);
        }
    }
    top.finish()
}

fn read_workbook(abs: &Path, preview: bool) -> Result<(Option<TablePreview>, Vec<NumberCell>), String> {
    let mut book = super::workbook::open(abs, super::workbook::LIMITS)?;
    let sheets = book.sheets();
    let shown = sheets.iter().position(|s| s.visible).filter(|_| preview);
    let mut top = Top::default();
    let mut numbers = Vec::new();
    for (i, sheet) in sheets.iter().enumerate() {
        book.cells(&sheet.name, |row, col, value| {
            let text = super::sheet::cell_text(value);
            if Some(i) == shown {
                top.cell(row, col, &text);
            }
            let long = text.chars().filter(|c| c.is_ascii_digit() || ('０'..='９').contains(c)).count() >= 11;
            if long && numbers.len() <= MAX_NUMBER_CELLS {
                numbers.push(NumberCell { sheet: sheet.name.clone(), row, col, text });
            }
        })?;
    }
    if numbers.len() > MAX_NUMBER_CELLS {
        return Err(format!("有长数字（11 位以上）的单元格超过 {MAX_NUMBER_CELLS} 个，没有逐一检查"));
    }
    Ok((top.finish(), numbers))
}

/// The top left of a table, kept as its cells stream past: the first [`PREVIEW_ROWS`] + 1
/// rows with text, cut to [`PREVIEW_COLS`], and the size of the whole.
#[derive(Default)]
struct Top {
    rows: Vec<Vec<String>>,
    last_row: Option<u32>,
    total_rows: usize,
    total_cols: usize,
}

impl Top {
    fn cell(&mut self, row: u32, col: u32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.total_cols = self.total_cols.max(col as usize + 1);
        if self.last_row != Some(row) {
            self.last_row = Some(row);
            self.total_rows += 1;
            if self.rows.len() <= PREVIEW_ROWS {
                self.rows.push(Vec::new());
            } else {
                return;
            }
        } else if self.total_rows > self.rows.len() {
            return;
        }
        if let Some(cells) = self.rows.last_mut().filter(|_| (col as usize) < PREVIEW_COLS) {
            if cells.len() <= col as usize {
                cells.resize(col as usize + 1, String::new());
            }
            cells[col as usize] = clean(text);
        }
    }

    fn finish(self) -> Option<TablePreview> {
        let width = self.total_cols.min(PREVIEW_COLS);
        let rows = self
            .rows
            .into_iter()
            .map(|mut r| {
                r.resize(width, String::new());
                r
            })
            .collect();
        (self.total_cols > 0).then_some(TablePreview { rows, total_rows: self.total_rows, total_cols: self.total_cols })
    }
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
        let t = read("a.csv", &path, text.len() as u64).preview.unwrap();
        assert_eq!((t.total_rows, t.total_cols), (31, 10));
        assert_eq!(t.rows.len(), PREVIEW_ROWS + 1);
        assert_eq!(t.rows[1], ["0", "x", "", "", "", "", "", ""]);
        assert!(read("a.pdf", &path, 10).preview.is_none());
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_sheet_of_more_long_numbers_than_can_be_checked_is_refused() {
        let dir = std::env::temp_dir().join(format!("gongshi-table-numbers-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("a.xlsx");
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for r in 0..=MAX_NUMBER_CELLS as u32 {
            sheet.write_string(r, 0, format!("{}", 20_000_000_000u64 + u64::from(r))).unwrap();
        }
        book.save(&path).unwrap();
        let read = read("a.xlsx", &path, std::fs::metadata(&path).unwrap().len());
        assert_eq!(read.refused.as_deref(), Some("有长数字（11 位以上）的单元格超过 10000 个，没有逐一检查"));
        std::fs::remove_dir_all(dir).unwrap();
    }
}

//! A spreadsheet (.xlsx, .xls, .ods) or a CSV file (UTF-8, or GBK/GB18030 as Excel on Chinese
//! Windows saves it) as rows of text cells, each row with the number the spreadsheet shows.
//! `gongshi import` reads its input with it, and `load::table` the attachments it previews.

use super::decode::{self, Decoded};
use std::path::Path;

/// One row: its number as the spreadsheet shows it (1-based) and its cells by column (0 = A).
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

impl Row {
    pub fn cell(&self, col: usize) -> &str {
        self.cells.get(col).map_or("", |s| s.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// What was read: the sheet's name (a workbook's), its rows, a note to show (the encoding a
/// CSV was decoded from), and its merged cells.
#[derive(Default)]
pub struct Sheet {
    pub name: Option<String>,
    pub rows: Vec<Row>,
    pub note: Option<String>,
    pub merged: Vec<Merged>,
}

/// A block of merged cells: rows as the spreadsheet numbers them, columns from 0. Its value is
/// in its first cell; the others read as empty.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merged {
    pub rows: (usize, usize),
    pub cols: (usize, usize),
}

impl Sheet {
    /// The merged block a cell lies in, when it is not the block's first cell.
    pub fn merged_into(&self, row: usize, col: usize) -> Option<&Merged> {
        self.merged.iter().find(|m| {
            (m.rows.0..=m.rows.1).contains(&row)
                && (m.cols.0..=m.cols.1).contains(&col)
                && (row, col) != (m.rows.0, m.cols.0)
        })
    }
}

/// Which sheet of a workbook to read: the one named (`--sheet`), else the first visible one
/// whose rows `recognised` accepts, trying first those named like `kind_names`.
pub struct Choice<'a> {
    pub named: Option<&'a str>,
    pub kind_names: &'a [&'a str],
    pub recognised: &'a dyn Fn(&[Row]) -> bool,
}

impl Choice<'_> {
    /// The first sheet, whatever it holds (an attachment's preview).
    pub const FIRST: Choice<'static> = Choice { named: None, kind_names: &[], recognised: &|_| true };
}

/// The column's letter as spreadsheets show it: 0 → A, 25 → Z, 26 → AA.
pub fn column_letter(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Reads the file; a workbook's sheet is picked by `choice`.
pub fn read(path: &Path, choice: &Choice) -> Result<Sheet, String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| format!("无法读取 {}：{e}", path.display()))?;
            read_csv(&bytes)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => read_workbook(path, choice),
        _ => Err(format!(
            "不认识的文件类型「{}」：请用 .xlsx、.xls、.ods 或 .csv 文件 / use .xlsx, .xls, .ods or .csv",
            path.display()
        )),
    }
}

pub fn read_csv(bytes: &[u8]) -> Result<Sheet, String> {
    let (text, note) = match decode::decode(bytes, None) {
        Ok(Decoded::Utf8(text)) => (text, None),
        Ok(Decoded::Converted(text, label)) => (text, Some(format!("CSV 文件按 {label} 读取"))),
        Err(_) => {
            return Err("无法识别 CSV 文件的编码：请在 Excel/WPS 里“另存为”CSV UTF-8 / unknown encoding".to_string());
        }
    };
    // Excel's “Unicode 文本” (.txt, UTF-16) and “文本文件（制表符分隔）” separate cells by tabs:
    // a first line with more tabs than commas is read that way.
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let tabs = first.matches('\t').count() > first.matches(',').count();
    let delimiter = if tabs { b'\t' } else { b',' };
    let note = match (note, tabs) {
        (Some(n), true) => Some(format!("{n}，按制表符分列（Excel“Unicode 文本”）")),
        (note, _) => note,
    };
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(String::new(), |p| format!("第 {} 行：", p.line()));
            format!("CSV 格式错误：{line}{e}")
        })?;
        rows.push(Row { number: i + 1, cells: record.iter().map(|c| c.trim().to_string()).collect() });
    }
    Ok(Sheet { rows, note, ..Sheet::default() })
}

fn read_workbook(path: &Path, choice: &Choice) -> Result<Sheet, String> {
    let shown = path.display();
    let mut book = super::workbook::open(path, super::workbook::LIMITS).map_err(|e| format!("{shown}：{e}"))?;
    let sheets = book.sheets();
    let fold = |n: &str| crate::hanzi::fold(n.trim()).to_lowercase();
    let candidates: Vec<String> = match choice.named {
        Some(want) => {
            let Some(found) = sheets.iter().find(|s| fold(&s.name) == fold(want)) else {
                let all: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
                return Err(format!("{shown} 里没有工作表「{want}」；有：{}", all.join("、")));
            };
            vec![found.name.clone()]
        }
        None => {
            // Hidden sheets hold a bureau's notes: read only when named.
            let visible: Vec<&String> = sheets.iter().filter(|s| s.visible).map(|s| &s.name).collect();
            let by_name = |n: &&String| choice.kind_names.iter().any(|k| fold(n).contains(k));
            let named = visible.iter().copied().filter(by_name);
            named.chain(visible.iter().copied().filter(|n| !by_name(n))).cloned().collect()
        }
    };
    let mut tried = Vec::new();
    for name in candidates {
        let mut cells: Vec<(u32, u32, String)> = Vec::new();
        book.cells(&name, |row, col, value| {
            let text = cell_text(value);
            if !text.is_empty() {
                cells.push((row, col, text));
            }
        })
        .map_err(|e| format!("{shown}：{e}"))?;
        let rows = rows_of(cells);
        if !(choice.recognised)(&rows) && choice.named.is_none() {
            tried.push(name);
            continue;
        }
        let merged = book
            .merged(&name)
            .into_iter()
            .map(|(start, end)| Merged {
                rows: (start.0 as usize + 1, end.0 as usize + 1),
                cols: (start.1 as usize, end.1 as usize),
            })
            .collect();
        return Ok(Sheet { name: Some(name), rows, note: None, merged });
    }
    Err(match tried.as_slice() {
        [] => format!("{shown} 里没有可见的工作表"),
        names => format!(
            "读了 {} 个工作表（{}），都没有认识的表头；用 --sheet 工作表名称 指定要导入的工作表",
            names.len(),
            names.join("、")
        ),
    })
}

/// Rows of the cells that have text, in order; the rows between are left out (a row at
/// 1048576 costs one row, not a million).
fn rows_of(mut cells: Vec<(u32, u32, String)>) -> Vec<Row> {
    cells.sort_by_key(|&(row, col, _)| (row, col));
    let mut rows: Vec<Row> = Vec::new();
    for (row, col, text) in cells {
        let number = row as usize + 1;
        if rows.last().is_none_or(|r| r.number != number) {
            rows.push(Row { number, cells: Vec::new() });
        }
        if let Some(last) = rows.last_mut() {
            last.cells.resize(col as usize, String::new());
            last.cells.push(text);
        }
    }
    rows
}

/// A cell as text, as the spreadsheet shows it (dates as YYYY-MM-DD, whole numbers without a point).
pub fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) => dt.date().to_string(),
            None => float_text(d.as_f64()),
        },
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A number as a person would write it: 9800 for 9800.0, 13550.3 as it is.
fn float_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{}", f as i64) } else { format!("{f}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_columns_as_spreadsheets_do() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn reads_gbk_csv_with_a_note() {
        let (bytes, _, _) = encoding_rs::GBK.encode("学校,在校学生数\n墟沟小学,2100\n连岛小学,497\n");
        let sheet = read_csv(&bytes).unwrap();
        assert!(sheet.note.unwrap().contains("GBK"));
        assert_eq!(sheet.rows[1].cells, ["墟沟小学", "2100"]);
        assert_eq!(sheet.rows[2].number, 3);
    }

    #[test]
    fn reads_utf8_csv_with_a_bom() {
        let sheet = read_csv("\u{feff}校名,学段\n墟沟小学,小学\n".as_bytes()).unwrap();
        assert!(sheet.note.is_none());
        assert_eq!(sheet.rows[0].cells, ["校名", "学段"]);
    }

    #[test]
    fn writes_whole_floats_without_a_point() {
        assert_eq!(float_text(9800.0), "9800");
        assert_eq!(float_text(13550.3), "13550.3");
    }
}

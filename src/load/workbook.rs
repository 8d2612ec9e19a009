//! A workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) read within hard limits, cell by cell.
//!
//! A spreadsheet is a stranger's file: a 2 KB .xlsx can name a cell at XFD1048576, claim
//! 99,999,999,999 shared strings or inflate to gigabytes, and a reader that trusts it allocates
//! what it says. So the file is read into memory once (at most [`Limits::file`] bytes), a zip
//! is measured before calamine opens it (every part inflated and counted, not its declared
//! size believed; the shared-strings count checked), and cells are streamed to the caller
//! rather than laid out as a dense range. Past any limit the file is refused with a message in
//! Chinese naming the limit; the caller names the file. Nothing here panics on input.
//!
//! .xlsx and .xlsb are streamed; .ods and .xls are read through calamine's range after the
//! size checks (their own formats bound a sheet: .xls at 65,536 × 256 cells).

use calamine::{Data, Reader};
use std::io::{Cursor, Read};
use std::path::Path;

/// The hard limits of one read. [`LIMITS`] are the ones gongshi uses.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Bytes of the file itself.
    pub file: u64,
    /// Bytes of all the parts of a zip-based workbook, inflated.
    pub inflated: u64,
    /// Entries of the shared-strings table (as the file declares them).
    pub strings: u64,
    /// Columns: a cell further right is refused (A = 1).
    pub cols: u32,
    /// Cells with a value, over all the sheets read.
    pub cells: usize,
}

/// 32 MB of file, 100 MB inflated, 1,000,000 shared strings, 1,024 columns, 2,000,000 cells.
/// A county's largest real table (every teacher of a county, a few thousand rows) is a small
/// fraction of each; docs/refusals.md lists them.
pub const LIMITS: Limits =
    Limits { file: 32 << 20, inflated: 100 << 20, strings: 1_000_000, cols: 1024, cells: 2_000_000 };

/// One sheet's name and whether Excel shows it.
#[derive(Clone, Debug)]
pub struct SheetName {
    pub name: String,
    pub visible: bool,
}

/// An open workbook whose file passed the size checks.
pub struct Book {
    inner: calamine::Sheets<Cursor<Vec<u8>>>,
    limits: Limits,
    /// Cells handed out so far, against [`Limits::cells`].
    cells: usize,
}

/// Opens the workbook at `path` (its kind by its extension), checking the file's size and, for
/// a zip, what it inflates to.
pub fn open(path: &Path, limits: Limits) -> Result<Book, String> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let size = std::fs::metadata(path).map_err(|e| format!("无法读取：{e}"))?.len();
    if size > limits.file {
        return Err(format!("文件有 {} MB，超过了读表格的上限 {} MB", size >> 20, limits.file >> 20));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取：{e}"))?;
    open_bytes(bytes, &ext, limits)
}

/// As [`open`], from the file's bytes and its extension (lower case, without the dot).
pub fn open_bytes(bytes: Vec<u8>, ext: &str, limits: Limits) -> Result<Book, String> {
    use calamine::{Ods, Sheets, Xls, Xlsb, Xlsx, open_workbook_from_rs};
    if bytes.len() as u64 > limits.file {
        return Err(format!("文件有 {} MB，超过了读表格的上限 {} MB", bytes.len() >> 20, limits.file >> 20));
    }
    let zipped = bytes.starts_with(b"PK");
    if zipped {
        measure_zip(&bytes, limits)?;
    }
    let not_read = |e: calamine::Error| format!("不是有效的表格文件：{e}");
    let cursor = Cursor::new(bytes);
    let inner = match ext {
        "xlsb" => Sheets::Xlsb(open_workbook_from_rs::<Xlsb<_>, _>(cursor).map_err(|e| not_read(e.into()))?),
        "ods" => Sheets::Ods(open_workbook_from_rs::<Ods<_>, _>(cursor).map_err(|e| not_read(e.into()))?),
        _ if zipped => Sheets::Xlsx(open_workbook_from_rs::<Xlsx<_>, _>(cursor).map_err(|e| not_read(e.into()))?),
        _ => Sheets::Xls(open_workbook_from_rs::<Xls<_>, _>(cursor).map_err(|e| not_read(e.into()))?),
    };
    Ok(Book { inner, limits, cells: 0 })
}

/// Inflates every part of the zip, counting what comes out, and reads the shared-strings count:
/// calamine reserves room for as many strings as the file claims before reading one.
fn measure_zip(bytes: &[u8], limits: Limits) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("不是有效的表格文件：{e}"))?;
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| format!("不是有效的表格文件：{e}"))?;
        let strings = part.name().is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        let mut head: Vec<u8> = Vec::new();
        loop {
            let n = part.read(&mut buf).map_err(|e| format!("不是有效的表格文件：{e}"))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > limits.inflated {
                return Err(format!(
                    "解压后超过 {} MB（文件只有 {} KB，是一个“压缩炸弹”或损坏的文件）",
                    limits.inflated >> 20,
                    bytes.len() >> 10
                ));
            }
            if strings && head.len() < 4096 {
                head.extend_from_slice(&buf[..n.min(4096 - head.len())]);
            }
        }
        if let Some(count) = declared_count(&head).filter(|&c| c > limits.strings) {
            return Err(format!("共享字符串表声称有 {count} 项，超过了上限 {} 项", limits.strings));
        }
    }
    Ok(())
}

/// The larger of `count` and `uniqueCount` on the `<sst>` element, when the head of the part
/// has it. A number too long for u64 counts as the largest.
fn declared_count(head: &[u8]) -> Option<u64> {
    let text = String::from_utf8_lossy(head);
    let sst = text.find("<sst")?;
    let tag = &text[sst..text[sst..].find('>').map_or(text.len(), |e| sst + e)];
    ["uniqueCount=", " count="]
        .iter()
        .filter_map(|key| {
            let at = tag.find(key)? + key.len();
            let value = tag[at..].trim_start_matches(['"', '\'']);
            let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
            (!digits.is_empty()).then(|| digits.parse::<u64>().unwrap_or(u64::MAX))
        })
        .max()
}

impl Book {
    /// The sheets in the workbook's order.
    pub fn sheets(&self) -> Vec<SheetName> {
        self.inner
            .sheets_metadata()
            .iter()
            .map(|s| SheetName { name: s.name.clone(), visible: s.visible == calamine::SheetVisible::Visible })
            .collect()
    }

    /// The merged blocks of a sheet, as (first, last) (row, column) from 0: .xlsx and .xls keep
    /// them; the other formats have none.
    pub fn merged(&mut self, name: &str) -> Vec<((u32, u32), (u32, u32))> {
        let dims = match &mut self.inner {
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).ok(),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok(),
            _ => None,
        };
        dims.unwrap_or_default().into_iter().map(|d| (d.start, d.end)).collect()
    }

    /// Hands every cell of the sheet `name` that has a value to `each` (row and column from 0),
    /// in the file's order. Refused past a limit: a cell beyond [`Limits::cols`], or more cells
    /// in this book than [`Limits::cells`].
    pub fn cells(&mut self, name: &str, mut each: impl FnMut(u32, u32, &Data)) -> Result<(), String> {
        use calamine::Sheets;
        let limits = self.limits;
        let count = &mut self.cells;
        let mut take = |pos: (u32, u32), value: Data| -> Result<(), String> {
            if matches!(value, Data::Empty) {
                return Ok(());
            }
            if pos.1 >= limits.cols {
                let at = format!("{}{}", super::sheet::column_letter(pos.1 as usize), u64::from(pos.0) + 1);
                return Err(format!("单元格 {at} 超出了可读的范围（最多 {} 列）", limits.cols));
            }
            *count += 1;
            if *count > limits.cells {
                return Err(format!("单元格超过 {} 个，超过了读表格的上限", limits.cells));
            }
            each(pos.0, pos.1, &value);
            Ok(())
        };
        let bad = |e: &dyn std::fmt::Display| format!("无法读取工作表「{name}」：{e}");
        match &mut self.inner {
            Sheets::Xlsx(book) => {
                let mut reader = book.worksheet_cells_reader(name).map_err(|e| bad(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                    take(cell.get_position(), cell.get_value().clone().into())?;
                }
            }
            Sheets::Xlsb(book) => {
                let mut reader = book.worksheet_cells_reader(name).map_err(|e| bad(&e))?;
                while let Some(cell) = reader.next_cell().map_err(|e| bad(&e))? {
                    take(cell.get_position(), cell.get_value().clone().into())?;
                }
            }
            other => {
                let range = other.worksheet_range(name).map_err(|e| bad(&e))?;
                for (row, col, value) in range.used_cells() {
                    let (r0, c0) = range.start().unwrap_or((0, 0));
                    take((r0 + row as u32, c0 + col as u32), value.clone())?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn book_of(rows: u32, cols: u16) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for r in 0..rows {
            for c in 0..cols {
                sheet.write_number(r, c, f64::from(r)).unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn reads_the_declared_shared_strings_count() {
        assert_eq!(declared_count(b"<?xml?><sst xmlns=\"x\" count=\"12\" uniqueCount=\"7\">"), Some(12));
        assert_eq!(declared_count(b"<sst uniqueCount='99999999999999999999999'>"), Some(u64::MAX));
        assert_eq!(declared_count(b"<sst xmlns=\"x\">"), None);
    }

    #[test]
    fn refuses_more_cells_than_the_limit_across_sheets() {
        let limits = Limits { cells: 11, ..LIMITS };
        let mut book = open_bytes(book_of(3, 4), "xlsx", limits).unwrap();
        let mut seen = 0;
        assert_eq!(book.cells("Sheet1", |_, _, _| seen += 1), Err("单元格超过 11 个，超过了读表格的上限".to_string()));
        assert_eq!(seen, 11);
        let mut book = open_bytes(book_of(3, 4), "xlsx", LIMITS).unwrap();
        assert!(book.cells("Sheet1", |_, _, _| {}).is_ok());
    }

    #[test]
    fn refuses_a_file_larger_than_the_limit_before_opening_it() {
        let limits = Limits { file: 100, ..LIMITS };
        let err = open_bytes(book_of(1, 1), "xlsx", limits).err().unwrap();
        assert!(err.starts_with("文件有 0 MB，超过了读表格的上限 0 MB"), "{err}");
    }
}

//! The spreadsheet reader and the attachment preview on any bytes. The first input byte picks
//! the format (.xlsx, .xls, .ods, .xlsb, .csv); the rest is the file. The reader must refuse
//! within its limits (cells, columns, strings, inflated bytes: `load::workbook::LIMITS`) and
//! never panic, and the preview (`load::table::read`, what a build does with a table in
//! files/) likewise; libFuzzer's `-rss_limit_mb` catches a limit that does not hold.

#![no_main]

use gongshi::load::{sheet, table, workbook};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

const EXTENSIONS: [&str; 5] = ["xlsx", "xls", "ods", "xlsb", "csv"];

fn file(ext: &str) -> PathBuf {
    std::env::temp_dir().join(format!("gongshi-fuzz-sheet-{}.{ext}", std::process::id()))
}

fuzz_target!(|input: &[u8]| {
    let Some((&first, bytes)) = input.split_first() else { return };
    let ext = EXTENSIONS[first as usize % EXTENSIONS.len()];
    if ext == "csv" {
        let _ = sheet::read_csv(bytes);
    } else if let Ok(mut book) = workbook::open_bytes(bytes.to_vec(), ext, workbook::LIMITS) {
        for name in book.sheets() {
            let mut cells = 0usize;
            let _ = book.cells(&name.name, |_, _, _| cells += 1);
            let _ = book.merged(&name.name);
        }
    }
    let path = file(ext);
    if std::fs::write(&path, bytes).is_ok() {
        let _ = table::read(&format!("files/a.{ext}"), &path, bytes.len() as u64);
        let _ = sheet::read(&path, &sheet::Choice::FIRST);
    }
});

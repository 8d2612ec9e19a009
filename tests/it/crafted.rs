//! Crafted workbooks (issue 20), made byte by byte with the zip crate: what Excel never writes
//! but a stranger's file may. Shared by tests/it/sheets.rs and benches/hostile.rs (which
//! includes this file by path), so it uses nothing of the test support.

#![allow(dead_code)]

use std::io::Write;

/// One worksheet of a crafted workbook: its name, whether Excel hides it, its `<sheetData>`.
pub struct Part<'a> {
    pub name: &'a str,
    pub hidden: bool,
    pub data: &'a str,
}

/// An .xlsx written part by part with the zip crate, so that it can say what Excel never
/// would: a cell at XFD1048576, a shared-strings count of 99,999,999,999, a sheet that
/// inflates to hundreds of megabytes. `strings` is the whole `<sst>` element, when given;
/// `filler` bytes of spaces are streamed into the first sheet (a zip bomb of a few KB).
pub fn crafted_xlsx(sheets: &[Part], strings: Option<&str>, filler: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(filler > u32::MAX as usize / 2);
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut put = |name: &str, text: &str| {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    let overrides: String = (1..=sheets.len())
        .map(|i| format!("<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"))
        .collect();
    put(
        "[Content_Types].xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>{overrides}</Types>"
        ),
    );
    put(
        "_rels/.rels",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
        ),
    );
    let entries: String = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let state = if s.hidden { " state=\"hidden\"" } else { "" };
            format!("<sheet name=\"{}\" sheetId=\"{}\"{state} r:id=\"rId{}\"/>", s.name, i + 1, i + 1)
        })
        .collect();
    put(
        "xl/workbook.xml",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{ns}\" xmlns:r=\"{rel}\"><sheets>{entries}</sheets></workbook>"
        ),
    );
    let mut links: String = (1..=sheets.len())
        .map(|i| format!("<Relationship Id=\"rId{i}\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"))
        .collect();
    if strings.is_some() {
        links.push_str(&format!(
            "<Relationship Id=\"rIdS\" Type=\"{rel}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        ));
    }
    put(
        "xl/_rels/workbook.xml.rels",
        &format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{links}</Relationships>"
        ),
    );
    if let Some(sst) = strings {
        put("xl/sharedStrings.xml", &format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>{sst}"));
    }
    for (i, s) in sheets.iter().enumerate() {
        zip.start_file(format!("xl/worksheets/sheet{}.xml", i + 1), options).unwrap();
        write!(zip, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{ns}\"><sheetData>").unwrap();
        if i == 0 {
            let spaces = vec![b' '; 1 << 20];
            let mut left = filler;
            while left > 0 {
                let n = left.min(spaces.len());
                zip.write_all(&spaces[..n]).unwrap();
                left -= n;
            }
        }
        write!(zip, "{}</sheetData></worksheet>", s.data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A cell with inline text.
pub fn text_cell(at: &str, text: &str) -> String {
    format!("<c r=\"{at}\" t=\"inlineStr\"><is><t>{text}</t></is></c>")
}

pub fn one_sheet(data: &str) -> Vec<u8> {
    crafted_xlsx(&[Part { name: "Sheet1", hidden: false, data }], None, 0)
}

/// A zip bomb: 101 parts of a megabyte of spaces each, deflated to about a kilobyte each (the
/// part is compressed once and copied raw).
pub fn zip_bomb() -> Vec<u8> {
    let base = one_sheet(&format!("<row r=\"1\">{}</row>", text_cell("A1", "学校")));
    let mut pad = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    pad.start_file("pad.xml", options).unwrap();
    pad.write_all(&vec![b' '; 1 << 20]).unwrap();
    let mut pad = zip::ZipArchive::new(std::io::Cursor::new(pad.finish().unwrap().into_inner())).unwrap();
    let mut bomb = zip::ZipWriter::new_append(std::io::Cursor::new(base)).unwrap();
    for i in 0..101 {
        bomb.raw_copy_file_rename(pad.by_index(0).unwrap(), format!("xl/pad/{i}.xml")).unwrap();
    }
    bomb.finish().unwrap().into_inner()
}

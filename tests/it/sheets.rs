//! Hostile and careless spreadsheets (issue 20): crafted workbooks, made here byte by byte, that
//! once exhausted memory, and personal data or hidden sheets in a previewed attachment.

use crate::support::{SiteTest, doc};
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

fn one_sheet(data: &str) -> Vec<u8> {
    crafted_xlsx(&[Part { name: "Sheet1", hidden: false, data }], None, 0)
}

/// A site with one good document and `bytes` at files/NAME, unreferenced.
fn site_with_file(name: &str, file: &str, bytes: &[u8]) -> SiteTest {
    let t = SiteTest::with_site(name);
    t.file("policies/good.md", &doc("title: 好\ndate: 2017-01-01", "正文"));
    t.bytes(&format!("files/{file}"), bytes);
    assert!(bytes.len() < 16 * 1024, "a crafted workbook stays small: {} bytes", bytes.len());
    t
}

#[test]
fn a_lone_cell_at_xfd1048576_is_skipped_by_build_and_refused_by_import() {
    // A1 holds an empty string (a cell Excel keeps after its text is deleted): with the last
    // cell it spans 2^34 cells, which a dense range would allocate (512 GB).
    let (first, last) = (text_cell("A1", ""), text_cell("XFD1048576", "末格"));
    let bytes = one_sheet(&format!("<row r=\"1\">{first}</row><row r=\"1048576\">{last}</row>"));
    let t = site_with_file("sheet-xfd", "末格.xlsx", &bytes);
    t.build_ok()
        .has_line("files/末格.xlsx: 警告：表格附件没有预览：单元格 XFD1048576 超出了可读的范围（最多 1024 列）");
    t.bytes("../末格.xlsx", &bytes);
    let run = t.run(&["import", "schools", "末格.xlsx", "--site", "site"]);
    run.failed().stderr_contains("末格.xlsx").stderr_contains("单元格 XFD1048576 超出了可读的范围");
}

#[test]
fn a_shared_strings_count_of_99999999999_is_refused_before_it_is_believed() {
    let sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"99999999999\" \
               uniqueCount=\"99999999999\"><si><t>学校</t></si></sst>";
    let data = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
    let bytes = crafted_xlsx(&[Part { name: "Sheet1", hidden: false, data }], Some(sst), 0);
    let t = site_with_file("sheet-sst-count", "名单.xlsx", &bytes);
    t.build_ok()
        .has_line("files/名单.xlsx: 警告：表格附件没有预览：共享字符串表声称有 99999999999 项，超过了上限 1000000 项");
    t.bytes("../名单.xlsx", &bytes);
    t.run(&["import", "schools", "名单.xlsx", "--site", "site"])
        .failed()
        .has_line("名单.xlsx: 错误：无法读取文件：名单.xlsx：共享字符串表声称有 99999999999 项");
}

/// A zip bomb: 101 parts of a megabyte of spaces each, deflated to about a kilobyte each (the
/// part is compressed once and copied raw).
fn zip_bomb() -> Vec<u8> {
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

#[test]
fn a_zip_bomb_is_refused_once_it_inflates_past_the_limit() {
    let bytes = zip_bomb();
    assert!(bytes.len() < 200 * 1024, "{} bytes", bytes.len());
    let t = SiteTest::with_site("sheet-zip-bomb");
    t.file("policies/good.md", &doc("title: 好\ndate: 2017-01-01", "正文"));
    t.bytes("files/炸弹.xlsx", &bytes);
    t.build_ok().has_line("files/炸弹.xlsx: 警告：表格附件没有预览：解压后超过 100 MB（文件只有");
    assert!(t.exists("files/炸弹.xlsx"), "the attachment itself is still published");
    t.bytes("../炸弹.xlsx", &bytes);
    t.run(&["import", "schools", "炸弹.xlsx", "--site", "site"])
        .failed()
        .has_line("炸弹.xlsx: 错误：无法读取文件：炸弹.xlsx：解压后超过 100 MB");
}

#[test]
fn personal_numbers_in_any_sheet_of_an_xlsx_attachment_are_refused_at_their_cell() {
    let hidden = format!("<row r=\"3\">{}</row>", text_cell("B3", "360426199101010071"));
    let shown = format!(
        "<row r=\"1\">{}{}</row><row r=\"2\">{}<c r=\"B2\"><v>13812345678</v></c></row>",
        text_cell("A1", "姓名"),
        text_cell("A2", "电话"),
        text_cell("A2", "王某某")
    );
    let bytes = crafted_xlsx(
        &[Part { name: "内部", hidden: true, data: &hidden }, Part { name: "名单", hidden: false, data: &shown }],
        None,
        0,
    );
    let t = site_with_file("sheet-pii", "名单.xlsx", &bytes);
    t.build(&[])
        .failed()
        .has_line("files/名单.xlsx:2:B: 错误：含有手机号码：工作表「名单」里有「138****5678」")
        .has_line("files/名单.xlsx:3:B: 错误：含有身份证号码：工作表「内部」里有「360***********0071」");
}

#[test]
fn the_preview_shows_the_first_visible_sheet_not_a_hidden_one() {
    let hidden = format!("<row r=\"1\">{}</row>", text_cell("A1", "内部备注：不公开"));
    let shown = format!("<row r=\"1\">{}{}</row>", text_cell("A1", "学校"), text_cell("B1", "学段"))
        + &format!("<row r=\"2\">{}{}</row>", text_cell("A2", "墟沟小学"), text_cell("B2", "小学"));
    let bytes = crafted_xlsx(
        &[Part { name: "备注", hidden: true, data: &hidden }, Part { name: "名单", hidden: false, data: &shown }],
        None,
        0,
    );
    let t = site_with_file("sheet-hidden-preview", "名单.xlsx", &bytes);
    t.file("policies/a.md", &doc("title: 名单\ndate: 2017-08-07\n附件: [{标题: 名单, 文件: 名单.xlsx}]", ""));
    t.build_ok();
    let page = t.html("policies/a/index.html");
    assert_eq!(page.select_all(".preview thead th"), ["学校", "学段"]);
    assert_eq!(page.rows(".preview tbody tr"), [["墟沟小学", "小学"]]);
    assert!(!page.contains("内部备注"));
}

//! Hostile and careless spreadsheets (issue 20): crafted workbooks, made here byte by byte, that
//! once exhausted memory, and personal data or hidden sheets in a previewed attachment.

use crate::crafted::{Part, crafted_xlsx, one_sheet, text_cell, zip_bomb};
use crate::support::{SiteTest, doc};

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

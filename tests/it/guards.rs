//! Guards (issue 10): personal numbers wherever text reaches the output, attachments of
//! unpublished documents, bad build dates and other input that must not be published.

use crate::support::{SiteTest, doc};

/// A site with one good policy, built once, then `bad` files added; the second build must fail.
fn refused(name: &str, bad: &[(&str, &[u8])]) -> crate::support::Run {
    let t = SiteTest::with_site(name);
    t.file("policies/good.md", &doc("title: 好\ndate: 2017-01-01", "正文"));
    t.build_ok();
    let before = t.out_files();
    for (path, bytes) in bad {
        t.bytes(path, bytes);
    }
    let run = t.build(&[]);
    run.failed();
    assert_eq!(t.out_files(), before, "the previous output changed");
    run
}

#[test]
fn personal_numbers_in_a_table_cell_and_in_data() {
    let body = "| 姓名 | 电话 |\n|--|--|\n| 王某某 | +86 138-1234-5678 |\n";
    let people = "exchanges:\n  - year: 2017\n    people:\n      - {name: 王某某 360426199101010071, role: 教师, from: {name: 甲校}, to: {name: 乙校}}\n";
    refused(
        "guard-pii-cell",
        &[
            ("policies/a.md", doc("title: 甲\ndate: 2017-01-01", body).as_bytes()),
            ("data/exchanges.yaml", people.as_bytes()),
        ],
    )
    .has_line("policies/a.md:7:9: 错误：含有手机号码：「861******5678」")
    .has_line("data/exchanges.yaml:4:20: 错误：含有身份证号码：「360***********0071」");
}

#[test]
fn personal_numbers_in_file_names_and_in_text_attachments() {
    let csv = "姓名,电话\n王某某,138 1234 5678\n";
    refused(
        "guard-pii-names",
        &[
            ("files/360426199101010071.pdf", b"%PDF-1.4"),
            ("files/2017/名单.csv", csv.as_bytes()),
            ("notices/13812345678.md", doc("title: 甲", "正文").as_bytes()),
        ],
    )
    .has_line("files/360426199101010071.pdf: 错误：含有身份证号码：文件名里有「360***********0071」")
    .has_line("notices/13812345678.md: 错误：含有手机号码：文件名里有「138****5678」")
    .has_line("files/2017/名单.csv:2:5: 错误：含有手机号码：「138****5678」");
}

#[test]
fn every_separator_spelling_is_found() {
    let spellings = [
        "138\u{00A0}1234\u{00A0}5678",
        "138–1234–5678",
        "138.1234.5678",
        "138·1234·5678",
        "138\u{2212}1234\u{2212}5678",
        "1381 234 5678",
        "138\u{200B}1234\u{200B}5678",
    ];
    let body: String = spellings.iter().map(|s| format!("电话{s}。\n\n")).collect();
    let run =
        refused("guard-pii-spellings", &[("policies/a.md", doc("title: 甲\ndate: 2017-01-01", &body).as_bytes())]);
    for line in 0..spellings.len() {
        run.has_line(&format!("policies/a.md:{}:3: 错误：含有手机号码", 5 + 2 * line));
    }
    let ids = "身份证 360426 19910101 0071\n\n证号 360426-1991-0101-0071\n";
    refused("guard-pii-id-groups", &[("policies/b.md", doc("title: 乙\ndate: 2017-01-01", ids).as_bytes())])
        .has_line("policies/b.md:5:5: 错误：含有身份证号码")
        .has_line("policies/b.md:7:4: 错误：含有身份证号码");
}

#[test]
fn a_number_repeated_by_a_yaml_alias_is_found_where_it_is_used() {
    let front = "title: 甲\ndate: 2017-01-01\nindex_no: &n 360426199101010071\nsummary: *n";
    refused("guard-pii-alias", &[("policies/a.md", doc(front, "正文").as_bytes())])
        .has_line("policies/a.md:5:10: 错误：含有身份证号码：引用的值里有「360***********0071」");
}

#[test]
fn an_allowed_hotline_passes_in_any_spelling() {
    let t = SiteTest::new("guard-pii-allowed");
    t.file("site.yaml", &format!("{}pii_allow: [\"13812345678\"]\n", crate::support::SITE_YAML));
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "热线 138–1234–5678。"));
    t.file("files/热线13812345678.txt", "热线 +86 138 1234 5678");
    t.build_ok();
}

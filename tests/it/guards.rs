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
    // The name is masked where it is printed too: a CI log is no place for the number.
    .has_line("files/360***********0071.pdf: 错误：含有身份证号码：文件名里有「360***********0071」")
    .has_line("notices/138****5678.md: 错误：含有手机号码：文件名里有「138****5678」")
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

#[test]
fn a_build_date_in_milliseconds_is_refused_and_the_site_kept() {
    let mut t = SiteTest::with_site("guard-epoch");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文"));
    t.build_ok();
    let before = t.out_files();
    t.epoch = "1503460800000".into();
    t.build(&[]).failed().stderr_contains("SOURCE_DATE_EPOCH「1503460800000」看起来是毫秒");
    t.epoch = "-62135596800".into();
    t.build(&[]).failed().stderr_contains("不在 2000 年到 2100 年之间");
    assert_eq!(t.out_files(), before);
}

#[test]
fn attachments_of_drafts_and_future_documents_wait_for_them() {
    let t = SiteTest::with_site("guard-held-attachments");
    let attach = |file: &str| format!("attachments:\n  - {{title: 附件, file: {file}}}");
    t.file("files/draft.pdf", "%PDF").file("files/future.pdf", "%PDF").file("files/shared.pdf", "%PDF");
    t.file("files/linked.pdf", "%PDF").file("files/loose.pdf", "%PDF");
    t.file(
        "policies/draft.md",
        &doc(&format!("title: 草稿\ndate: 2017-01-01\ndraft: true\n{}", attach("draft.pdf")), "正文"),
    );
    t.file("policies/future.md", &doc(&format!("title: 未来\ndate: 2030-01-01\n{}", attach("future.pdf")), "正文"));
    t.file("policies/later.md", &doc(&format!("title: 以后\ndate: 2030-01-01\n{}", attach("shared.pdf")), "正文"));
    t.file(
        "policies/now.md",
        &doc(&format!("title: 现在\ndate: 2017-01-01\n{}", attach("shared.pdf")), "见[附件](/files/linked.pdf)"),
    );
    t.file("policies/soon.md", &doc(&format!("title: 将来\ndate: 2030-01-01\n{}", attach("linked.pdf")), "正文"));
    t.build_ok();
    assert!(!t.exists("files/draft.pdf") && !t.exists("files/future.pdf"), "held back with their documents");
    assert!(t.exists("files/shared.pdf") && t.exists("files/linked.pdf") && t.exists("files/loose.pdf"));
    t.build(&["--drafts"]);
    assert!(t.exists("files/draft.pdf") && t.exists("files/future.pdf"), "--drafts previews them");
}

#[test]
fn a_line_nesting_too_many_quotes_or_lists_is_refused() {
    let body = format!("正文\n\n{} 深\n\n- - 两层可以\n", ">".repeat(40));
    refused("guard-nesting", &[("policies/a.md", doc("title: 甲\ndate: 2017-01-01", &body).as_bytes())])
        .has_line("policies/a.md:7:1: 错误：嵌套层次太深：这一行嵌套了 40 层，最多 32 层");
    let lists = format!("{}x\n", "- ".repeat(33));
    refused("guard-nesting-lists", &[("notices/b.md", doc("title: 乙", &lists).as_bytes())])
        .has_line("notices/b.md:4:1: 错误：嵌套层次太深：这一行嵌套了 33 层");
}

#[test]
fn a_huge_content_file_is_refused_without_reading_it() {
    let huge = vec![b'a'; 17 * 1024 * 1024];
    refused("guard-huge", &[("data/plan.yaml", &huge)]).has_line("data/plan.yaml: 错误：文件太大：17 MB，最大 16 MB");
}

#[test]
fn a_control_character_in_a_value_is_refused() {
    refused("guard-control", &[("policies/a.md", doc("title: \"甲\\a乙\"\ndate: 2017-01-01", "正文").as_bytes())])
        .has_line("policies/a.md:2:8: 错误：取值无效：含有看不见的控制字符 U+0007");
}

#[test]
fn a_value_cut_short_by_a_hash_is_said() {
    let t = SiteTest::with_site("guard-hash");
    t.file("policies/a.md", &doc("title: 关于公布 #1 批名单\ndate: 2017-01-01  # 成文日期", "正文"));
    let run = t.build_ok();
    run.has_line("policies/a.md:2:13: 警告：值被 # 截断：「#1 批名单」没有算进这个值");
    assert_eq!(run.stderr.matches("值被 # 截断").count(), 1, "a real comment is left alone: {}", run.stderr);
}

#[test]
fn a_second_spelling_of_a_file_or_folder_is_not_skipped_silently() {
    let t = SiteTest::with_site("guard-yml");
    t.file("site.yml", crate::support::SITE_YAML);
    t.file("Policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文"));
    t.file("data/plan.yaml", "targets: []\n").file("data/plan.yml", "targets: []\n");
    t.build(&[])
        .failed()
        .has_line("site.yml: 警告：这个文件不会发布：已经有 site.yaml")
        .has_line("Policies/: 警告：这个文件不会发布：文件夹名要全部小写：请改名为 policies")
        .has_line("data/plan.yml:1:1: 错误：编号重复：达标计划只能有一个文件，已经有 data/plan.yaml");
}

#[cfg(unix)]
#[test]
fn a_content_folder_that_links_outside_the_site_is_not_read() {
    let t = SiteTest::with_site("guard-symlink-dir");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文"));
    let outside = t.root.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "outside the site").unwrap();
    std::os::unix::fs::symlink(&outside, t.site().join("files")).unwrap();
    std::os::unix::fs::symlink(&outside, t.site().join("static")).unwrap();
    let run = t.build_ok();
    run.stderr_contains("files/: 警告：这个文件不会发布：这个文件夹是快捷方式");
    assert!(
        !t.exists("files/secret.txt") && !t.exists("static/secret.txt"),
        "a file from outside the site was published"
    );
}

#[test]
fn web_pages_scripts_and_scripted_svg_are_not_published_as_attachments() {
    refused(
        "guard-active",
        &[
            ("files/page.html", b"<p>hi</p>"),
            ("files/logo.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
            ("files/chart.svg", b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>"),
        ],
    )
    .has_line("files/page.html: 错误：附件是网页或脚本：.html 文件会在本站运行")
    .has_line("files/logo.svg: 错误：附件是网页或脚本：.svg 文件会在本站运行")
    .stderr_contains_once("附件是网页或脚本：.svg");
}

#[test]
fn attachment_names_that_differ_only_in_case_clash() {
    refused("guard-case-files", &[("files/Report.pdf", b"%PDF"), ("files/report.pdf", b"%PDF")])
        .has_line("files/report.pdf: 错误：文件名只差大小写：和 files/Report.pdf 只差大小写");
}

#[test]
fn a_utf8_file_with_a_gbk_passage_is_refused_at_the_passage() {
    let (gbk, _, _) = encoding_rs::GBK.encode("这一段是从旧文件粘贴来的");
    let mut bytes = doc("title: 关于做好教师交流工作的通知\ndate: 2017-01-01", "第一段是正常的文字。\n\n").into_bytes();
    bytes.extend_from_slice(&gbk);
    bytes.extend_from_slice("\n\n最后一段也正常。\n".as_bytes());
    refused("guard-mixed-encoding", &[("policies/a.md", &bytes)])
        .has_line("policies/a.md:7:1: 错误：")
        .stderr_contains("这里有一段不是（常见于从别的文件粘贴进来的 GBK 文字）");
}

#[test]
fn a_slug_longer_than_a_file_name_may_be_is_refused_by_check() {
    let t = SiteTest::with_site("guard-long-slug");
    t.file("policies/a.md", &doc(&format!("title: 甲\ndate: 2017-01-01\nslug: {}", "关".repeat(70)), "正文"));
    t.run(&["check", "site"]).failed().has_line("policies/a.md:4:7: 错误：网址名无效：");
}

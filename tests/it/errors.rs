//! Bad input: each case asserts the exact `FILE:LINE:COL` of the message, and that the output
//! of the previous good build is still there, byte for byte.

use crate::support::{Run, SiteTest, doc};

/// Builds a good site, breaks it with `bad` (path, content), builds again and returns that run
/// after checking it failed and left the first output as it was.
fn break_site(name: &str, bad: &[(&str, &str)]) -> Run {
    let t = SiteTest::with_site(name);
    t.file("policies/good.md", &doc("title: 好文件\ndoc_no: 连区教〔2017〕89号\ndate: 2017-08-07", "正文"));
    t.build_ok();
    let before = t.out_files();
    assert!(before.contains_key("policies/good/index.html"));
    for (path, text) in bad {
        t.file(path, text);
    }
    let run = t.build(&[]);
    run.failed();
    assert_eq!(t.out_files(), before, "the previous output changed after a failed build");
    assert!(run.stderr.contains("输出文件夹未改动"), "{}", run.stderr);
    run
}

#[test]
fn yaml_syntax_error_in_front_matter() {
    break_site("yaml-syntax", &[("policies/bad.md", "---\ntitle: 甲\ndate: [2017\n---\n")])
        .has_line("policies/bad.md:3:7: 错误：YAML 格式错误：unclosed bracket '[' / YAML syntax error [GS0104]");
}

#[test]
fn unclosed_front_matter() {
    break_site("unclosed", &[("policies/bad.md", "---\ntitle: 乙\ndate: 2017-01-01\n正文\n")])
        .has_line("policies/bad.md:1:1: 错误：文件头没有结束（缺少第二行 ---）");
}

#[test]
fn missing_front_matter() {
    break_site("no-front-matter", &[("policies/bad.md", "\n\n关于印发实施方案的通知\n")])
        .has_line("policies/bad.md:3:1: 错误：缺少文件头（--- 之间的字段）");
}

#[test]
fn invalid_date() {
    break_site("invalid-date", &[("policies/bad.md", &doc("title: 丙\ndate: 2017-02-30", ""))])
        .has_line("policies/bad.md:3:7: 错误：日期无效：「2017-02-30」不是真实存在的日期（2月没有30日）");
}

#[test]
fn same_key_under_both_names() {
    break_site("both-names", &[("policies/bad.md", &doc("title: 丁\ndate: 2017-01-01\n标题: 丁二", ""))])
        .has_line("policies/bad.md:4:1: 错误：同一字段写了两次：「标题」和前面的「title」都是 标题（title）")
        .stderr_contains("另见：policies/bad.md:2:1 第一次写在这里");
}

#[test]
fn duplicate_doc_no() {
    // Same number, other brackets, in a file that sorts after the first.
    break_site("dup-doc-no", &[("policies/other.md", &doc("title: 戊\ndate: 2017-01-01\n文号: 连区教[2017]89号", ""))])
        .has_line("policies/other.md:4:5: 错误：文号重复：「连区教[2017]89号」已经用过 / duplicate doc_no [GS0203]")
        .has_line("  另见：policies/good.md:3:9 第一次用在这里")
        // Named once, as the related place, not again in the message (issue 7).
        .stderr_contains_once("policies/good.md");
}

#[test]
fn empty_file() {
    break_site("empty", &[("notices/empty.md", "")]).has_line("notices/empty.md:1:1: 错误：文件是空的");
}

#[test]
fn attachment_path_escaping_files() {
    let bad = doc("title: 庚\ndate: 2017-01-01\n附件:\n  - 标题: 配置\n    文件: ../site.yaml", "");
    break_site("escape", &[("policies/bad.md", &bad)])
        .has_line("policies/bad.md:6:9: 错误：附件路径超出 files/ 文件夹：「../site.yaml」");
}

#[test]
fn attachment_that_does_not_exist() {
    let t = SiteTest::with_site("missing-attachment");
    t.bytes("files/附件1.pdf", b"%PDF");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01\nattachments: [附件1.PDF]", ""));
    t.build(&[])
        .failed()
        .has_line("policies/a.md:4:15: 错误：附件文件不存在：files/附件1.PDF")
        .stderr_contains("提示：大小写不一致：实际文件是 files/附件1.pdf");
}

#[test]
fn missing_title_and_date() {
    break_site("missing-fields", &[("policies/bad.md", &doc("文号: 连区教〔2017〕1号", ""))])
        .has_line("policies/bad.md:2:1: 错误：缺少必填字段：缺少 标题 title")
        .has_line("policies/bad.md:2:1: 错误：缺少必填字段：缺少 成文日期 date");
}

#[test]
fn wrong_validity() {
    break_site("validity", &[("policies/bad.md", &doc("title: 甲\ndate: 2017-01-01\n时效: 作废", ""))])
        .has_line("policies/bad.md:4:5: 错误：取值无效：时效「作废」只能是 有效、失效 或 废止");
}

#[test]
fn notice_period_ending_before_it_starts() {
    let bad = doc("title: 公示\npublished: 2017-08-20\nnotice_period:\n  start: 2017-08-27\n  end: 2017-08-20", "");
    break_site("reversed", &[("notices/bad.md", &bad)])
        .has_line("notices/bad.md:6:8: 错误：结束日期早于开始日期：结束 2017-08-20 早于开始 2017-08-27");
}

#[test]
fn errors_in_two_files_are_all_reported_and_valid_files_still_load() {
    let t = SiteTest::with_site("two-files");
    t.file("policies/a-bad.md", &doc("title: 甲\ndate: 2017-13-01", ""));
    t.file("policies/b-good.md", &doc("title: 乙\ndate: 2017-01-01", "正文"));
    t.file("notices/c-bad.md", "---\ntitle: [\n---\n");
    let run = t.run(&["check", "site"]);
    run.failed()
        .has_line("policies/a-bad.md:3:7: 错误：日期无效")
        .has_line("notices/c-bad.md:2:8: 错误：YAML 格式错误")
        .stderr_contains("失败：2 个错误");
    assert!(!run.stderr.contains("b-good"), "{}", run.stderr);
}

#[test]
fn id_and_mobile_numbers_are_refused() {
    let body = "联系人：王老师，手机 138-1234-5678。\n\n学籍号 G360426199101010071。\n";
    let run = break_site(
        "pii",
        &[("notices/bad.md", &doc("title: 名单\npublished: 2017-08-20\nindex_no: 360426199101010071", body))],
    );
    run.has_line("notices/bad.md:6:12: 错误：含有手机号码：「138****5678」")
        .has_line("notices/bad.md:8:6: 错误：含有身份证号码：「360***********0071」");
    // The 索引号 value is not scanned.
    assert!(!run.stderr.contains("notices/bad.md:4:"), "{}", run.stderr);
}

#[test]
fn pii_allow_lets_a_listed_number_through() {
    let t = SiteTest::new("pii-allow");
    t.file("site.yaml", &format!("{}pii_allow: [\"138 1234 5678\"]\n", crate::support::SITE_YAML));
    t.file("pages/contact.md", &doc("title: 联系", "值班手机：13812345678；座机 0518-82310000。"));
    t.build_ok();
}

#[test]
fn misspelled_keys_are_errors_with_the_nearest_key_and_extra_keys_warnings() {
    let t = SiteTest::with_site("unknown-key");
    t.file(
        "policies/a.md",
        &doc("title: 甲\ndate: 2017-01-01\n文好: 连区教〔2017〕1号\ncategroy: 通知\n作者: 张三", ""),
    );
    let run = t.build(&[]);
    run.failed()
        .has_line("policies/a.md:4:1: 错误：未知字段：文档里没有「文好」这个字段（像是 文号（doc_no） 写错了）")
        .stderr_contains("提示：您是不是想写 文号（doc_no）？")
        .has_line("policies/a.md:5:1: 错误：未知字段：文档里没有「categroy」这个字段")
        .stderr_contains("提示：您是不是想写 主题分类（category）？")
        .has_line("policies/a.md:6:1: 警告：未知字段：文档里没有「作者」这个字段，gongshi 不使用它，它会被忽略");
}

#[test]
fn a_misspelled_figure_fails_the_build_instead_of_publishing_unfilled() {
    let t = SiteTest::with_site("misspelled-figure");
    t.file("data/schools.yaml", "schools:\n  - {id: a, name: 甲小学, stage: 小学}\n");
    t.file("data/indicators/2023.yaml", "year: 2023\nschools:\n  - 学校: a\n    在校学生: 2100\n");
    t.build(&[])
        .failed()
        .has_line("data/indicators/2023.yaml:4:5: 错误：未知字段：学校指标里没有「在校学生」这个字段（像是 在校学生数（students） 写错了）");
}

#[test]
fn a_site_without_site_yaml_is_refused() {
    let t = SiteTest::new("no-site-yaml");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    t.build(&[]).failed().stderr_contains("错误：找不到 site.yaml");
}

#[test]
fn a_site_yaml_without_base_url_is_refused_unless_given_one() {
    let t = SiteTest::new("no-base-url");
    t.file("site.yaml", "title: 测试\nissuer: 局\n");
    t.build(&[]).failed().has_line("site.yaml:1:1: 错误：缺少必填字段：缺少 网址 base_url");
    assert!(t.build(&["--base-url", "https://x.example.cn/sub"]).success);
    assert!(t.read("sitemap.xml").contains("https://x.example.cn/sub/"));
}

#[test]
fn binary_and_unknown_encodings_are_refused() {
    let t = SiteTest::with_site("binary");
    t.bytes("policies/word.md", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe\x00\x00");
    t.build(&[]).failed().has_line("policies/word.md: 错误：无法识别文件编码");
}

#[test]
fn a_broken_template_names_its_file() {
    let t = SiteTest::with_site("bad-template");
    t.file(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}{{ document.title | nosuchfilter }}{% endblock main %}",
    );
    t.file("pages/about.md", &doc("title: 关于", ""));
    t.build(&[]).failed().has_line("templates/page.html: 错误：模板错误");
}

#[test]
fn broken_links_and_missing_anchors_in_a_body_are_reported_where_written() {
    let t = SiteTest::with_site("broken-links");
    t.file("files/a.pdf", "%PDF");
    t.file("policies/b.md", &doc("title: 乙\ndate: 2017-01-01", "## 一、目标\n\n正文"));
    let body = "见[乙](/policies/b/#一-目标)和[附件](/files/a.pdf)。\n\n\
                见[丙](/policies/c/)、[乙的二](../b/#二-措施)和[外站](https://example.cn/x)。\n";
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", body));
    let run = t.run(&["check", "site"]);
    assert!(run.success, "warnings only: {}", run.stderr);
    run.has_line("policies/a.md:7:2: 警告：链接指向的地方不存在：「/policies/c/」指向的页面或文件不存在")
        .has_line("policies/a.md:7:20: 警告：链接指向的地方不存在：「../b/#二-措施」：页面里没有 #二-措施 这个位置");
    assert_eq!(run.stderr.matches("链接指向的地方不存在").count(), 2, "{}", run.stderr);
}

#[test]
fn yaml_slips_are_named_at_their_own_line_in_chinese() {
    break_site("yaml-tab", &[("policies/bad.md", "---\ntitle: 甲\n\tdate: 2017-01-01\n---\n")])
        .has_line("policies/bad.md:3:1: 错误：YAML 格式错误：这一行有制表符（Tab）");
    break_site("yaml-no-space", &[("policies/bad.md", "---\ntitle:关于\ndate: 2017-01-01\n---\n")])
        .has_line("policies/bad.md:2:6: 错误：YAML 格式错误：「title」的冒号后面少了一个空格：要写成「title: 关于」");
}

#[test]
fn a_drafts_doc_no_is_named_as_a_draft_not_as_missing() {
    let t = SiteTest::with_site("draft-doc-no");
    t.file("policies/draft.md", &doc("title: 草稿\ndate: 2017-01-01\ndoc_no: 连区教〔2017〕99号\ndraft: true", ""));
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-02\nsupersedes: [连区教〔2017〕99号]", ""));
    t.build_ok().has_line(
        "policies/a.md:4:14: 警告：找不到这个文号的文件：「连区教〔2017〕99号」是草稿或发布日期未到的文件，它发布后才能链接",
    );
}

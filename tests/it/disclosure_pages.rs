//! The disclosure column (issue 12): annual reports as data, the guide and application pages,
//! the portal marks in the footer, and attachment previews.

use crate::support::{SiteTest, doc};

const REPORT: &str = "\
年度: 2025
发布日期: 2026-01-20
总体情况: 全年主动公开文件 12 件。
主动公开:
  行政规范性文件: {本年制发件数: 2, 本年废止件数: 1, 现行有效件数: 9}
  行政许可: 36
  行政事业性收费: 1.5
依申请公开:
  本年新收: [14, 1, 0, 0, 1, 0, 16]
  上年结转: [1, 0, 0, 0, 0, 0]
  予以公开: [8, 1, 0, 0, 0, 0]
  部分公开: [1, 0, 0, 0, 0, 0]
  不予公开:
    保护第三方合法权益: [1, 0, 0, 0, 0, 0]
  无法提供:
    本机关不掌握相关政府信息: [3, 0, 0, 0, 1, 0]
  不予处理:
    信访举报投诉类申请: [1, 0, 0, 0, 0, 0]
  总计: [14, 1, 0, 0, 1, 0]
行政复议和诉讼:
  行政复议: [1, 0, 0, 1, 2]
";

#[test]
fn the_annual_report_tables_hold_the_data_given() {
    let mut t = SiteTest::with_site("report-tables");
    t.epoch = "1795392000".into(); // 2026-11-23, after the report's 发布日期
    t.file("data/reports/2025.yaml", REPORT);
    t.build_ok();
    let page = t.html("disclosure/report-2025/index.html");
    assert_eq!(page.text("h1"), "连云区教育局2025年政府信息公开工作年度报告");
    let rows = page.rows(".report-table.sticky tbody tr");
    let row = |label: &str| rows.iter().find(|r| r[0] == label).unwrap_or_else(|| panic!("{label}: {rows:?}")).clone();
    assert_eq!(row("一、本年新收政府信息公开申请数量")[1..], ["14", "1", "0", "0", "1", "0", "16"]);
    assert_eq!(row("（一）予以公开")[1..], ["8", "1", "0", "0", "0", "0", "9"]);
    assert_eq!(row("4. 保护第三方合法权益")[1..], ["1", "0", "0", "0", "0", "0", "1"]);
    assert_eq!(row("1. 本机关不掌握相关政府信息")[1..], ["3", "0", "0", "0", "1", "0", "4"]);
    assert_eq!(row("（七）总计")[1..], ["14", "1", "0", "0", "1", "0", "16"]);
    // Not written: new + carried in − total.
    assert_eq!(row("四、结转下年度继续办理")[1..], ["1", "0", "0", "0", "0", "0", "1"]);
    assert_eq!(row("（三）不予公开"), ["（三）不予公开"]);
    let reviews = page.rows("#gs-reviews + .table-scroll tbody tr");
    assert_eq!(reviews[0], ["行政复议", "1", "0", "0", "1", "2"]);
    assert_eq!(reviews[1], ["行政诉讼：未经复议直接起诉", "0", "0", "0", "0", "0"]);
    let proactive = page.rows(".report-table tbody tr");
    assert!(proactive.contains(&vec!["行政规范性文件".into(), "2".into(), "1".into(), "9".into()]), "{proactive:?}");
    assert!(proactive.contains(&vec!["行政事业性收费".into(), "1.5".into()]), "{proactive:?}");
    assert_eq!(page.attrs("th[scope=colgroup]", "colspan"), ["5"]);
    let csv = t.read("data/report-2025.csv");
    assert!(
        csv.starts_with('\u{feff}') && csv.contains("收到和处理政府信息公开申请情况,（七）总计,总计,16\n"),
        "{csv}"
    );
    assert!(t.read("data/report-2025.json").contains("\"value\": 36"));
    let index = t.html("disclosure/index.html");
    assert_eq!(index.attrs("#gs-reports + ul a", "href"), ["../disclosure/report-2025/"]);
    assert!(t.html("index.html").select_all(".site-nav a").contains(&"信息公开".to_string()));
}

#[test]
fn bad_report_figures_are_errors_at_their_place() {
    let t = SiteTest::with_site("report-errors");
    t.file(
        "data/reports/2025.yaml",
        "年度: 2025\n依申请公开:\n  本年新收: [3, -1, 0, 0, 0, 0]\n  予以公开: [2, 0, 0, 0, 0, 0, 3]\n  总计: [2, 0, 0, 0, 0, 1]\n  结转下年度: [5, 0, 0, 0, 0, 0]\n行政复议和诉讼:\n  行政复议: [1, 0.5, 0, 0]\n",
    );
    t.build(&[])
        .failed()
        .has_line("data/reports/2025.yaml:3:13: 错误：数量不对：「-1」不能是负数")
        .has_line("data/reports/2025.yaml:4:28: 错误：总计与各项之和不符：这一行的总计写的是 3，前 6 个数之和是 2")
        .has_line("data/reports/2025.yaml:5:23: 错误：总计与各项之和不符：总计第 6 列写的是 1，各项办理结果之和是 0")
        .has_line("data/reports/2025.yaml:6:11: 警告：总计与各项之和不符：自然人：本年新收与上年结转共 3 件，应等于办理结果总计 2 件加结转下年度 5 件")
        .has_line("data/reports/2025.yaml:8:13: 错误：不是有效的数字：「0.5」件数应是整数");
}

/// Issue 20: the value was printed twice (「1e308」「1e308」), and a total that is not a number
/// was reported as "总计写的是 0".
#[test]
fn a_bad_report_figure_is_named_once_and_no_total_is_invented() {
    let t = SiteTest::with_site("report-wording");
    t.file("data/reports/2025.yaml", "年度: 2025\n依申请公开:\n  本年新收: [1e308, 1, 0, 0, 0, 0, 很多]\n");
    let run = t.build(&[]);
    run.failed()
        .has_line("data/reports/2025.yaml:3:10: 错误：不是有效的数字：「1e308」不是数字")
        .has_line("data/reports/2025.yaml:3:32: 错误：不是有效的数字：「很多」不是数字");
    assert!(!run.stderr.contains("「1e308」「1e308」") && !run.stderr.contains("总计写的是 0"), "{}", run.stderr);
}

/// Issue 20: an annual report with 发布日期 2099 was published at once; documents wait for
/// their date, and so does a report.
#[test]
fn a_report_with_a_future_publication_date_waits_for_it() {
    let t = SiteTest::with_site("report-future");
    t.file("data/reports/2025.yaml", &REPORT.replace("发布日期: 2026-01-20", "发布日期: 2099-01-20"));
    t.build_ok();
    assert!(!t.exists("disclosure/report-2025/index.html"));
    assert!(!t.exists("data/report-2025.csv"));
    t.build(&["--drafts"]);
    assert!(t.exists("disclosure/report-2025/index.html"));
}

/// Issue 20: a document published before it was signed was not questioned.
#[test]
fn a_publication_date_before_the_signing_date_is_warned() {
    let t = SiteTest::with_site("published-before-date");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-08-07\npublished: 2017-08-01", "正文。"));
    t.build_ok()
        .has_line("policies/a.md:4:12: 警告：发布日期早于成文日期：发布日期 2017-08-01 早于成文日期 2017-08-07");
}

#[test]
fn a_guide_without_a_required_section_is_warned_at_its_kind() {
    let t = SiteTest::with_site("guide-sections");
    let body = "## 一、公开范围\n\n## 二、主动公开\n\n## 三、依申请公开\n\n## 五、监督和救济\n";
    t.file("pages/guide.md", &doc("标题: 信息公开指南\n页面类型: 信息公开指南", body));
    t.file(
        "pages/apply.md",
        &doc(
            "title: 依申请公开\nkind: application",
            "## 受理机构\n## 申请方式\n## 申请内容\n## 答复期限\n## 监督和救济\n",
        ),
    );
    let run = t.build_ok();
    run.has_line("pages/guide.md:3:7: 警告：页面缺少应有的一节：政府信息公开指南缺少“收费”一节")
        .stderr_contains("「## 收费」")
        .stderr_contains_once("GS0232");
    let apply = t.html("apply/index.html");
    assert_eq!(apply.text("#gs-office + p"), "连云区教育局（连云区教育局办公室）");
    assert!(apply.contains("tel:0518-82310000"));
    assert_eq!(
        t.html("disclosure/index.html").select_all("#gs-guides + ul a"),
        ["信息公开指南", "依申请公开", "主动公开的政策文件"]
    );
}

#[test]
fn portal_marks_are_in_every_footer_and_missing_ones_are_warned_unless_demo() {
    let t = SiteTest::with_site("portal-marks");
    t.file("pages/about.md", &doc("title: 关于", "正文"));
    t.build_ok();
    for page in ["index.html", "about/index.html"] {
        let p = t.html(page);
        assert_eq!(
            p.attrs(".marks a", "href"),
            ["https://beian.miit.gov.cn/", "https://beian.mps.gov.cn/#/query/webSearch?code=32070302000000"]
        );
        assert_eq!(p.select_all(".marks span")[0], "党政机关");
        assert!(p.text(".marks").contains("网站标识码：3207030000"));
        assert!(p.text(".site-footer").contains("承办单位：连云区教育局办公室"));
    }
    t.file("site.yaml", "title: 测试\nbase_url: https://x.example.cn/\nissuer: 连云区教育局\n");
    let run = t.build_ok();
    for key in ["承办单位（organizer）", "联系方式（contact）", "网站标识码（site_id_code）", "ICP备案号（icp）"]
    {
        run.has_line(&format!("site.yaml:1:1: 警告：页脚缺少政府网站标识：site.yaml 没有写 {key}"));
    }
    run.stderr_contains("公安备案号（police_beian）").stderr_contains("党政机关标识（party_government）");
    assert_eq!(run.stderr.matches("GS0231").count(), 6, "{}", run.stderr);
    t.file("site.yaml", "title: 测试\nbase_url: https://x.example.cn/\n示例数据: true\n");
    assert!(!t.build_ok().stderr.contains("GS0231"));
}

#[test]
fn a_table_attachment_is_previewed_escaped_with_its_type_and_size() {
    let t = SiteTest::with_site("attachment-preview");
    let mut csv = String::from("学校,说明\n<script>alert(1)</script>,=HYPERLINK(\"http://x\")\n");
    for i in 0..30 {
        csv.push_str(&format!("学校{i},\"<b>{i}</b>\"\n"));
    }
    t.file("files/名单.csv", &csv);
    t.bytes("files/附件.pdf", &[b'%'; 12_600]);
    t.file(
        "policies/a.md",
        &doc(
            "title: 名单\ndate: 2017-08-07\nattachments:\n  - {title: 附件1：名单, file: 名单.csv}\n  - 附件.pdf",
            "正文",
        ),
    );
    t.build_ok();
    let html = t.read("policies/a/index.html");
    assert!(!html.contains("<script>alert") && !html.contains("<b>"), "unescaped cell");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
            || html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
    );
    let page = t.html("policies/a/index.html");
    assert_eq!(page.select_all(".attachments .file-meta")[0], format!("（CSV，{} B）", csv.len()));
    assert_eq!(page.text(".attachments li:nth-child(2) .file-meta"), "（PDF，12.3 KB）");
    assert_eq!(page.text(".preview caption"), "附件1：名单");
    assert_eq!(page.select_all(".preview thead th"), ["学校", "说明"]);
    let rows = page.rows(".preview tbody tr");
    assert_eq!(rows.len(), 20);
    assert_eq!(rows[0], ["<script>alert(1)</script>", "=HYPERLINK(\"http://x\")"]);
    assert!(page.text(".table-scroll + .file-meta").starts_with("仅显示前 20 行（共 31 行）"));
    assert_eq!(page.attrs(".table-scroll + .file-meta a", "href"), ["../../files/%E5%90%8D%E5%8D%95.csv"]);
}

#[test]
fn a_spreadsheet_attachment_is_previewed_from_its_first_sheet() {
    let t = SiteTest::with_site("xlsx-preview");
    std::fs::create_dir_all(t.site().join("files")).unwrap();
    let rows: &[&[&str]] = &[&["共建形式", "牵头学校", "共建学校"], &["区内共建", "墟沟小学", "板桥小学、连岛小学"]];
    crate::import::xlsx(&t.site().join("files/附件1.xlsx"), "安排表", rows);
    t.file("policies/a.md", &doc("title: 安排\ndate: 2017-08-07\n附件: [{标题: 附件1：安排表, 文件: 附件1.xlsx}]", ""));
    t.build_ok();
    let page = t.html("policies/a/index.html");
    assert_eq!(page.select_all(".preview thead th"), ["共建形式", "牵头学校", "共建学校"]);
    assert_eq!(page.rows(".preview tbody tr"), [["区内共建", "墟沟小学", "板桥小学、连岛小学"]]);
    assert!(page.text(".attachments .file-meta").starts_with("（Excel，"));
}

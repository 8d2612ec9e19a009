//! The 信息公开 column (issue 12): the catalogue with its facets, 解读 linked both ways, what
//! was done under a policy, and the feeds per column.

use crate::support::{SiteTest, doc};

const SCHOOLS: &str = "\
schools:
  - {编号: xugou-xiaoxue, 校名: 墟沟小学, 学段: 小学}
  - {编号: liandao-xiaoxue, 校名: 连岛小学, 学段: 小学}
";

const PAIRINGS: &str = "\
pairings:
  - 编号: jituan-xugou
    形式: 集团化办学
    名称: 墟沟小学教育集团
    牵头学校: xugou-xiaoxue
    成员学校: [liandao-xiaoxue]
    周期: {开始: 2017-09-01, 结束: 2020-08-31}
    依据文件: 连区教〔2017〕89号
  - 编号: qunei-liandao
    形式: 区内共建
    牵头学校: liandao-xiaoxue
    成员学校: [xugou-xiaoxue]
    周期: {开始: 2024-09-01, 结束: 2027-08-31}
";

const PLAN: &str = "\
milestones:
  - {事项: 上报共建方案, 截止日期: 2017-08-10, 完成日期: 2017-08-08, 依据文件: 连区教〔2017〕89号}
  - {事项: 完成网上申报, 截止日期: 2025-03-31}
";

const EXCHANGES: &str = "\
exchanges:
  - 年度: 2017
    公布日期: 2017-08-20
    名单:
      - {姓名: 张某某, 类别: 教师, 派出学校: xugou-xiaoxue, 接收学校: liandao-xiaoxue}
";

/// A county site: three policies, a 解读 of two forms, notices, pairings and a plan.
fn county(name: &str) -> SiteTest {
    let t = SiteTest::with_site(name);
    t.file(
        "policies/89.md",
        &doc("title: 结对共建实施方案\n文号: 连区教〔2017〕89号\n索引号: 01425813-3/2017-00060\n成文日期: 2017-08-07\n主题分类: 科技、教育 / 通知", "正文"),
    );
    t.file(
        "policies/38.md",
        &doc("title: 市政府实施意见\ndoc_no: 连政发〔2017〕38号\nissuer: 连云港市人民政府\ndate: 2017-06-30\ncategory: 科技、教育 / 意见", ""),
    );
    t.file("policies/old.md", &doc("title: 办学条件自查暂行规定\ndate: 2012-03-20\n体裁: 规定", ""));
    t.file(
        "policies/qa.md",
        &doc("title: 问答解读\ndate: 2017-08-09\n解读对象: 连区教〔2017〕89号\n解读形式: 问答", ""),
    );
    t.file("policies/text.md", &doc("title: 文字解读稿\ndate: 2017-08-08\ninterprets: 连区教〔2017〕89号", ""));
    t.file(
        "notices/list.md",
        &doc("title: 交流名单公示\npublished: 2017-08-20", "根据连区教〔2017〕89号，现将名单公示如下。"),
    );
    t.file("notices/other.md", &doc("title: 无关的通知\npublished: 2017-08-21", "与连政发〔2017〕38号有关。"));
    t.file("data/schools.yaml", SCHOOLS);
    t.file("data/pairings.yaml", PAIRINGS);
    t.file("data/plan.yaml", PLAN);
    t.file("data/exchanges.yaml", EXCHANGES);
    t
}

#[test]
fn interpretations_link_to_their_policy_and_back() {
    let t = county("interpretations");
    t.build_ok();
    let policy = t.html("policies/89/index.html");
    assert_eq!(policy.select_all(".interpretations h3"), ["文字解读", "问答"]);
    assert_eq!(policy.attrs(".interpretations a", "href"), ["../../policies/text/", "../../policies/qa/"]);
    let qa = t.html("policies/qa/index.html");
    assert_eq!(qa.text(".interprets"), "问答：本文解读的是《结对共建实施方案》（连区教〔2017〕89号）");
    assert_eq!(qa.attrs(".interprets a", "href"), ["../../policies/89/"]);
    assert_eq!(t.html("policies/text/index.html").text(".interprets").split('：').next(), Some("文字解读"));
    // A policy nobody interprets has no such section.
    assert!(t.html("policies/38/index.html").select_all(".interpretations").is_empty());
}

#[test]
fn an_interpretation_of_no_document_is_an_error_at_its_line() {
    let t = SiteTest::with_site("interprets-unknown");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    t.file("policies/qa.md", &doc("title: 问答解读\ndate: 2017-08-09\n解读对象: 连区教〔2099〕1号", ""));
    t.build(&[])
        .failed()
        .has_line("policies/qa.md:4:7: 错误：解读对象不在本站：本站没有文号为「连区教〔2099〕1号」的文件")
        .stderr_contains("GS0220");
}

#[test]
fn a_policy_page_lists_the_pairings_milestones_and_notices_that_cite_it() {
    let t = county("cited");
    t.build_ok();
    let policy = t.html("policies/89/index.html");
    assert_eq!(policy.select_all(".cited h3"), ["结对共建（1 个）", "工作节点", "相关通知公告"]);
    assert_eq!(policy.select_all(".cited a[href*=pairings]"), ["墟沟小学教育集团"]);
    assert_eq!(policy.select_all(".cited li time"), ["2017-08-10"]);
    assert!(policy.text(".cited").contains("上报共建方案"));
    assert_eq!(policy.attrs(".cited a[href*=notices]", "href"), ["../../notices/list/"]);
    // The other notice cites the other policy; a 解读 is listed as a 解读, not as a notice.
    let other = t.html("policies/38/index.html");
    assert_eq!(other.attrs(".cited a", "href"), ["../../notices/other/"]);
}

#[test]
fn the_catalogue_is_a_table_with_facets_and_counts() {
    let t = county("catalogue");
    t.build_ok();
    let list = t.html("policies/index.html");
    assert_eq!(list.text(".catalogue-table caption"), "政策文件目录（共 5 件）");
    assert_eq!(
        list.select_all(".catalogue-table thead th[scope=col]"),
        ["索引号", "标题", "发文字号", "成文日期", "发布日期"]
    );
    assert_eq!(list.rows(".catalogue-table tbody tr")[0], ["—", "问答解读", "—", "2017-08-09", "2017-08-09"],);
    assert_eq!(
        list.rows(".catalogue-table tbody tr")[2],
        ["01425813-3/2017-00060", "结对共建实施方案", "连区教〔2017〕89号", "2017-08-07", "2017-08-07"],
    );
    assert_eq!(list.attrs(".catalogue", "data-complete"), ["true"]);
    let facet = |key: &str| list.select_all(&format!(".facet[data-facet={key}] li"));
    assert_eq!(facet("year"), ["2017 年 4", "2012 年 1"]);
    assert_eq!(facet("category"), ["科技、教育 / 意见 1", "科技、教育 / 通知 1", "未分类 3"]);
    assert_eq!(facet("issuer"), ["连云区教育局 4", "连云港市人民政府 1"]);
    // 体裁: written (规定), from the category (通知, 意见), or 解读 for an interpretation.
    assert_eq!(facet("genre"), ["解读 2", "意见 1", "规定 1", "通知 1"]);
    assert_eq!(list.attrs(".catalogue-table tbody tr", "data-genre"), ["解读", "解读", "通知", "意见", "规定"]);
    assert_eq!(list.attrs(".facet[data-facet=year] a", "href"), ["../policies/year/2017/", "../policies/year/2012/"]);
    // A year page counts its own rows and marks itself.
    let year = t.html("policies/year/2017/index.html");
    assert_eq!(year.select_all(".facet[data-facet=year] li"), ["2017 年 4"]);
    assert_eq!(year.attrs(".facet a[aria-current=page]", "href"), ["../../../policies/year/2017/"]);
}

fn atom(t: &SiteTest, path: &str) -> (String, Vec<(String, String, String)>) {
    let text = t.read(path);
    let xml = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}\n{text}"));
    let ns = "http://www.w3.org/2005/Atom";
    let feed = xml.root_element();
    assert_eq!((feed.tag_name().namespace(), feed.tag_name().name()), (Some(ns), "feed"), "{path}");
    let child = |n: roxmltree::Node, name: &str| -> String {
        let found = n.children().find(|c| c.has_tag_name((ns, name)));
        found.and_then(|c| c.text()).unwrap_or_else(|| panic!("{path}: no <{name}>")).to_string()
    };
    for required in ["id", "title", "updated"] {
        child(feed, required);
    }
    let self_link = feed.children().find(|c| c.has_tag_name((ns, "link")) && c.attribute("rel") == Some("self"));
    assert!(self_link.and_then(|l| l.attribute("href")).is_some_and(|h| h.ends_with(path)), "{path}");
    let entries: Vec<(String, String, String)> = feed
        .children()
        .filter(|c| c.has_tag_name((ns, "entry")))
        .map(|e| (child(e, "title"), child(e, "id"), child(e, "updated")))
        .collect();
    let mut ids: Vec<&String> = entries.iter().map(|e| &e.1).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), entries.len(), "{path}: entry ids are unique");
    (child(feed, "updated"), entries)
}

fn titles(entries: &[(String, String, String)]) -> Vec<&str> {
    entries.iter().map(|e| e.0.as_str()).collect()
}

#[test]
fn each_column_has_an_atom_feed_with_its_own_entries() {
    let t = county("feeds");
    t.build_ok();
    let (updated, policies) = atom(&t, "policies/feed.xml");
    assert_eq!(
        titles(&policies),
        ["问答解读", "文字解读稿", "结对共建实施方案", "市政府实施意见", "办学条件自查暂行规定"]
    );
    assert_eq!(updated, "2017-08-09T00:00:00+08:00", "updated is the newest entry, not the clock");
    let (_, notices) = atom(&t, "notices/feed.xml");
    assert_eq!(titles(&notices), ["无关的通知", "交流名单公示"]);
    let (_, category) = atom(&t, "policies/category/keji-jiaoyu-tongzhi/feed.xml");
    assert_eq!(titles(&category), ["结对共建实施方案"]);
    let (_, all) = atom(&t, "feed.xml");
    assert_eq!(all.len(), 7);
    let (updated, data) = atom(&t, "data/updates.xml");
    assert_eq!(
        titles(&data),
        ["结对共建名单（2024-09-01 起）", "结对共建名单（2017-09-01 起）", "2017 年度教干教师交流名单"]
    );
    assert_eq!(data[2].1, "https://jyj.example.cn/junheng/exchanges/#exchanges-2017");
    assert_eq!(updated, "2024-09-01T00:00:00+08:00");
    // Autodiscovery: the site's feeds everywhere, the column's on its lists.
    let feeds = |page: &str| t.html(page).attrs("link[rel=alternate][type='application/atom+xml']", "href");
    assert_eq!(feeds("policies/89/index.html"), ["../../feed.xml", "../../data/updates.xml", "../../data/duties.xml"]);
    assert_eq!(
        feeds("notices/index.html"),
        ["../feed.xml", "../data/updates.xml", "../data/duties.xml", "../notices/feed.xml"]
    );
    assert_eq!(
        feeds("policies/category/keji-jiaoyu-tongzhi/index.html")[3],
        "../../../policies/category/keji-jiaoyu-tongzhi/feed.xml"
    );
    // The same input gives the same feeds.
    let before = t.read("data/updates.xml");
    t.build_ok();
    assert_eq!(t.read("data/updates.xml"), before);
}

/// Issue 20: two documents naming each other as 解读对象 were published silently, and one naming
/// itself was refused as "解读对象不在本站".
#[test]
fn a_document_interpreting_itself_or_its_own_interpretation_is_refused() {
    let t = SiteTest::with_site("interprets-loop");
    t.file(
        "policies/a.md",
        &doc("title: 甲\ndoc_no: 连区教〔2017〕1号\ndate: 2017-01-01\n解读对象: 连区教〔2017〕2号", ""),
    );
    t.file(
        "policies/b.md",
        &doc("title: 乙\ndoc_no: 连区教〔2017〕2号\ndate: 2017-01-01\n解读对象: 连区教〔2017〕1号", ""),
    );
    t.file(
        "policies/c.md",
        &doc("title: 丙\ndoc_no: 连区教〔2017〕3号\ndate: 2017-01-01\n解读对象: 连区教〔2017〕3号", ""),
    );
    // A longer loop: 丁 → 戊 → 己 → 丁.
    for (file, title, no, target) in [("d", "丁", 4, 5), ("e", "戊", 5, 6), ("f", "己", 6, 4)] {
        t.file(
            &format!("policies/{file}.md"),
            &doc(
                &format!(
                    "title: {title}\ndoc_no: 连区教〔2017〕{no}号\ndate: 2017-01-01\n解读对象: 连区教〔2017〕{target}号"
                ),
                "",
            ),
        );
    }
    t.build(&[])
        .failed()
        .has_line("policies/d.md:5:7: 错误：解读对象绕成了圈：丁 → 戊 → 己 → 丁")
        .has_line("policies/a.md:5:7: 错误：解读对象绕成了圈：甲解读「连区教〔2017〕2号」（乙），乙又解读「连区教〔2017〕1号」（甲）")
        .has_line("policies/c.md:5:7: 错误：解读对象绕成了圈：文件不能解读它自己（连区教〔2017〕3号 是本文件的文号）");
}

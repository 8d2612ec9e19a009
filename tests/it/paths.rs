//! Page paths are made and checked in the model (issue 7): every input that could put two pages
//! on one path, or a page on a path the site itself needs, is either given a distinct path by a
//! documented rule or refused with the place of both sides.

use crate::support::{SiteTest, doc};

fn policy(title: &str, date: &str, category: &str) -> String {
    doc(&format!("title: {title}\ndate: {date}\ncategory: \"{category}\""), "正文")
}

#[test]
fn a_category_of_punctuation_alone_gets_a_page() {
    let t = SiteTest::with_site("paths-empty-category");
    t.file("policies/a.md", &policy("甲", "2017-01-01", "——"));
    t.build_ok();
    let list = t.html("policies/category/fenlei/index.html");
    assert_eq!(list.text("h1"), "政策文件：——");
    assert_eq!(list.select_all("main a.doc-link"), ["甲"]);
    let doc = t.html("policies/a/index.html");
    assert_eq!(doc.attrs("a[href$=\"category/fenlei/\"]", "href").len(), 1, "the document links its category");
}

#[test]
fn categories_that_read_alike_get_a_page_each() {
    let t = SiteTest::with_site("paths-homophones");
    // 公示 is used first (2016), so it keeps the plain name; 公式 gets -2.
    t.file("policies/a.md", &policy("甲", "2017-03-01", "公式"));
    t.file("policies/b.md", &policy("乙", "2016-05-01", "公示"));
    t.file("policies/c.md", &policy("丙", "2017-06-01", "公示"));
    t.build_ok();
    assert_eq!(t.html("policies/category/gongshi/index.html").text("h1"), "政策文件：公示");
    assert_eq!(t.html("policies/category/gongshi-2/index.html").text("h1"), "政策文件：公式");
    let gongshi = t.html("policies/category/gongshi/index.html");
    assert_eq!(gongshi.select_all("main a.doc-link"), ["丙", "乙"]);
    // A newer document in a third category that reads alike takes the next number.
    t.file("policies/d.md", &policy("丁", "2017-07-01", "公事"));
    t.build_ok();
    assert_eq!(t.html("policies/category/gongshi-2/index.html").text("h1"), "政策文件：公式");
    assert_eq!(t.html("policies/category/gongshi-3/index.html").text("h1"), "政策文件：公事");
}

#[test]
fn spellings_of_one_category_share_its_page() {
    let t = SiteTest::with_site("paths-spellings");
    t.file("policies/a.md", &policy("甲", "2016-01-01", "教育/規劃"));
    t.file("policies/b.md", &policy("乙", "2017-01-01", "教育 / 规划"));
    t.build_ok();
    let list = t.html("policies/category/jiaoyu-guihua/index.html");
    assert_eq!(list.select_all("main a.doc-link"), ["乙", "甲"]);
    assert!(!t.exists("policies/category/jiaoyu-guihua-2/index.html"));
}

#[test]
fn two_documents_with_one_slug_name_both_files() {
    let t = SiteTest::with_site("paths-same-slug");
    t.file("policies/2016/a.md", &doc("title: 甲\ndate: 2016-01-01\nslug: fangan", "正文"));
    t.file("policies/2017/b.md", &doc("title: 乙\ndate: 2017-01-01\n网址名: fangan", "正文"));
    t.build(&[])
        .failed()
        .has_line("policies/2017/b.md:4:6: 错误：网址重复：网址 policies/fangan/ 已经被另一个页面使用 / two documents have the same URL [GS0205]")
        .has_line("  另见：policies/2016/a.md:4:7 那个页面的网址由这里决定");
    assert!(!t.exists("policies/fangan/index.html"));
}

#[test]
fn file_names_that_differ_only_in_case_clash() {
    let t = SiteTest::with_site("paths-case");
    // A slug from the file name: the message points at the front matter of each file.
    t.file("notices/Tongzhi.md", &doc("title: 甲", "正文"));
    t.file("notices/tongzhi.md", &doc("title: 乙", "正文"));
    t.build(&[])
        .failed()
        .has_line("notices/tongzhi.md:2:1: 错误：网址重复：网址 notices/tongzhi/ 已经被另一个页面使用")
        .has_line("  另见：notices/Tongzhi.md:2:1");
    // Slugs keep their case, but some servers and file systems do not tell them apart.
    t.remove("notices/tongzhi.md");
    t.file("notices/b.md", &doc("title: 乙\nslug: TongZhi", "正文"));
    t.build(&[])
        .failed()
        .has_line("notices/b.md:3:7: 错误：网址重复：网址 notices/TongZhi/ 和 notices/tongzhi/ 已经被另一个页面使用");
}

#[test]
fn a_page_may_not_take_a_name_the_site_uses() {
    let t = SiteTest::with_site("paths-reserved");
    // The site has no schools yet: the name is still kept for them.
    t.file("pages/schools.md", &doc("title: 学校介绍", "正文"));
    t.file("pages/about.md", &doc("title: 关于\nslug: dashboard", "正文"));
    t.file("policies/year.md", &doc("title: 年度\ndate: 2017-01-01", "正文"));
    let run = t.build(&[]);
    run.failed()
        .has_line("pages/schools.md:2:1: 错误：网址名与系统页面冲突：网址 schools/ 留给网站自己的页面 / slug is reserved [GS0215]")
        .has_line("pages/about.md:3:7: 错误：网址名与系统页面冲突：网址 dashboard/ 留给网站自己的页面")
        .has_line("policies/year.md:2:1: 错误：网址名与系统页面冲突：网址 policies/year/ 留给网站自己的页面");
}

#[test]
fn a_document_named_like_a_category_page_is_refused_by_check_too() {
    let t = SiteTest::with_site("paths-check");
    t.file("policies/category.md", &doc("title: 分类\ndate: 2017-01-01", "正文"));
    t.run(&["check", "site"]).failed().has_line("policies/category.md:2:1: 错误：网址名与系统页面冲突");
}

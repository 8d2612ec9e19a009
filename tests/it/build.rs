//! Building small sites and checking the HTML and files that come out.

use crate::support::{SiteTest, doc};
use std::collections::BTreeMap;

const POLICY_89: &str = "\
标题: 连云区落实三年行动计划实施方案
文号: 连区教〔2017〕89号
索引号: 01425813-3/2017-00060
发布机构: 连云区教育局
成文日期: 2017-08-07
发布日期: 2017-08-08
主题分类: 科技、教育 / 通知
主题词: [义务教育, 优质均衡]
时效: 有效
内容概述: 三种方式推进校际合作。";

#[test]
fn shows_the_official_metadata_of_a_policy() {
    let t = SiteTest::with_site("metadata");
    t.file("policies/2017/lianqujiao-89.md", &doc(POLICY_89, "正文。"));
    t.build_ok();
    let page = t.html("policies/lianqujiao-89/index.html");
    let meta = page.doc_meta();
    let expected: BTreeMap<String, String> = [
        ("索引号", "01425813-3/2017-00060"),
        ("主题分类", "科技、教育 / 通知"),
        ("发布机构", "连云区教育局"),
        ("成文日期", "2017-08-07"),
        ("文号", "连区教〔2017〕89号"),
        ("发布日期", "2017-08-08"),
        ("标题", "连云区落实三年行动计划实施方案"),
        ("主题词", "义务教育 优质均衡"),
        ("时效", "有效"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(meta, expected);
    assert_eq!(page.text("h1"), "连云区落实三年行动计划实施方案");
    assert_eq!(page.attrs("html", "lang"), ["zh-CN"]);
}

#[test]
fn english_keys_and_chinese_aliases_mean_the_same() {
    let t = SiteTest::with_site("aliases");
    t.file("policies/zh.md", &doc(POLICY_89, ""));
    let english = "\
title: 连云区落实三年行动计划实施方案
doc_no: 连区教〔2017〕90号
index_no: 01425813-3/2017-00060
issuer: 连云区教育局
date: 2017-08-07
published: 2017-08-08
category: 科技、教育 / 通知
keywords: [义务教育, 优质均衡]
validity: 有效
summary: 三种方式推进校际合作。";
    t.file("policies/en.md", &doc(english, ""));
    // A mix of both, and traditional characters.
    t.file(
        "policies/mixed.md",
        &doc("標題: 混合\ndoc_no: 连区教〔2017〕91号\n成文日期: 2017-08-07\n發布機構: 连云区教育局", ""),
    );
    t.build_ok();
    let mut zh = t.html("policies/zh/index.html").doc_meta();
    let mut en = t.html("policies/en/index.html").doc_meta();
    zh.remove("文号");
    en.remove("文号");
    assert_eq!(zh, en);
    let mixed = t.html("policies/mixed/index.html").doc_meta();
    assert_eq!(mixed["标题"], "混合");
    assert_eq!(mixed["发布机构"], "连云区教育局");
}

#[test]
fn issuer_defaults_to_the_site_and_published_to_the_date() {
    let t = SiteTest::with_site("defaults");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-03-01", ""));
    t.build_ok();
    let meta = t.html("policies/a/index.html").doc_meta();
    assert_eq!(meta["发布机构"], "连云区教育局");
    assert_eq!(meta["发布日期"], "2017-03-01");
    assert_eq!(meta["文号"], "—");
}

#[test]
fn superseded_documents_are_marked_and_linked_both_ways() {
    let t = SiteTest::with_site("supersede");
    t.file(
        "policies/new.md",
        &doc("title: 新方案\ndoc_no: 连区教〔2017〕89号\ndate: 2017-08-07\nsupersedes: [连区教〔2014〕52号]", ""),
    );
    t.file("policies/old.md", &doc("title: 旧意见\ndoc_no: 连区教[2014]52号\ndate: 2014-08-15", ""));
    t.file("policies/kept.md", &doc("title: 仍有效\ndoc_no: 连区教〔2013〕1号\ndate: 2013-01-01\nvalidity: 有效", ""));
    t.file(
        "policies/newer.md",
        &doc("title: 更新\ndoc_no: 连区教〔2018〕2号\ndate: 2018-01-01\nsupersedes: 连区教〔2013〕1号", ""),
    );
    t.file("policies/gone.md", &doc("title: 已废止\ndate: 2012-01-01\n时效: 废止", ""));
    t.build_ok();

    let old = t.html("policies/old/index.html");
    assert_eq!(old.doc_meta()["时效"], "失效");
    assert_eq!(
        old.text(".callout-expired"),
        "本文件已失效。 已被 《新方案》（连区教〔2017〕89号） 替代，请以新文件为准。"
    );
    assert_eq!(old.attrs(".callout-expired a", "href"), ["../../policies/new/"]);

    let new = t.html("policies/new/index.html");
    assert_eq!(new.doc_meta()["时效"], "有效");
    assert_eq!(new.attrs(".related a", "href"), ["../../policies/old/"]);

    // A 时效 written by hand wins over being superseded.
    assert_eq!(t.html("policies/kept/index.html").doc_meta()["时效"], "有效");
    let gone = t.html("policies/gone/index.html");
    assert_eq!(gone.doc_meta()["时效"], "废止");
    assert!(gone.text(".callout-repealed").contains("仅供查阅"));
    // Lists carry the badge too.
    let list = t.html("policies/index.html");
    assert_eq!(list.select_all(".catalogue-table .badge"), ["失效", "废止"]);
}

#[test]
fn doc_nos_in_a_body_link_to_their_documents() {
    let t = SiteTest::with_site("docno-links");
    t.file(
        "policies/city.md",
        &doc("title: 市实施意见\ndoc_no: 连政发〔2017〕38号\ndate: 2017-06-30", "依据苏政发〔2017〕1号。"),
    );
    t.file(
        "policies/district.md",
        &doc(
            "title: 区实施方案\ndoc_no: 连区教〔2017〕89号\ndate: 2017-08-07",
            "根据连政发[2017]38号和连政发〔2017〕038号，以及未收录的苏政发〔2017〕1号。本文件即连区教〔2017〕89号。\n\n`连政发〔2017〕38号`\n",
        ),
    );
    t.build_ok();
    let page = t.html("policies/district/index.html");
    assert_eq!(page.attrs(".doc-body a", "href"), ["../../policies/city/", "../../policies/city/"]);
    assert_eq!(page.select_all(".doc-body a"), ["连政发[2017]38号", "连政发〔2017〕038号"]);
    // Not linked: a number the site does not have, the page's own number, code.
    assert!(page.contains("<code>连政发〔2017〕38号</code>"));
}

#[test]
fn attachments_are_listed_and_copied() {
    let t = SiteTest::with_site("attachments");
    let pdf = b"%PDF-1.4\n% fake but fine\n";
    t.bytes("files/2017/附件1 安排表.pdf", pdf);
    t.bytes("files/unused.xlsx", b"PK\x03\x04");
    t.file(
        "policies/a.md",
        &doc("title: 有附件\ndate: 2017-08-07\n附件:\n  - 标题: 附件1：安排表\n    文件: 2017/附件1 安排表.pdf\n  - files/unused.xlsx", ""),
    );
    t.build_ok();
    let page = t.html("policies/a/index.html");
    assert_eq!(page.select_all(".attachments li"), ["附件1：安排表 （PDF，25 B）", "unused.xlsx （Excel，4 B）"]);
    assert_eq!(
        page.attrs(".attachments a", "href"),
        ["../../files/2017/%E9%99%84%E4%BB%B61%20%E5%AE%89%E6%8E%92%E8%A1%A8.pdf", "../../files/unused.xlsx"]
    );
    assert_eq!(t.out_files()["files/2017/附件1 安排表.pdf"], pdf);
    assert!(t.exists("files/unused.xlsx"));
}

#[test]
fn notice_status_follows_the_build_date() {
    let t = SiteTest::with_site("notice-status");
    let notice = |title: &str, start: &str, end: &str| {
        doc(
            &format!(
                "title: {title}\npublished: 2017-08-01\n公示期: {{开始: {start}, 结束: {end}}}\n意见反馈: 电话 0518-82310000"
            ),
            "",
        )
    };
    t.file("notices/before.md", &notice("已结束的公示", "2017-08-10", "2017-08-16"));
    t.file("notices/during.md", &notice("进行中的公示", "2017-08-20", "2017-08-23"));
    t.file("notices/after.md", &notice("未开始的公示", "2017-08-24", "2017-08-30"));
    t.build_ok(); // SOURCE_DATE_EPOCH is 2017-08-23
    let status = |slug: &str| t.html(&format!("notices/{slug}/index.html")).text(".notice-status strong");
    assert_eq!(status("before"), "已结束");
    assert_eq!(status("during"), "公示中");
    assert_eq!(status("after"), "未开始");
    let page = t.html("notices/during/index.html");
    assert_eq!(page.text(".notice-status"), "公示中 公示期：2017-08-20 至 2017-08-23 意见反馈：电话 0518-82310000");
    // On a phone: the phone number stays on one line, the 公示期 comes before the metadata, and
    // the metadata has no empty rows and no 时效 (which would read 有效 after the 公示 ended).
    assert_eq!(page.select_all(".notice-status .nowrap"), ["0518-82310000"]);
    let html = t.read("notices/during/index.html");
    assert!(html.find("notice-status").unwrap() < html.find("doc-meta").unwrap());
    let meta = page.doc_meta();
    assert_eq!(meta.keys().map(String::as_str).collect::<Vec<_>>(), ["发布日期", "发布机构"], "{meta:?}");
    let mut later = SiteTest::with_site("notice-status-later");
    later.epoch = "1504000000".into(); // 2017-08-29
    later.file("notices/during.md", &notice("进行中的公示", "2017-08-20", "2017-08-23"));
    later.build_ok();
    assert_eq!(later.html("notices/during/index.html").text(".notice-status strong"), "已结束");
}

#[test]
fn long_lists_are_paginated_newest_first() {
    let t = SiteTest::new("pagination");
    t.file("site.yaml", &format!("{}每页条数: 2\n", crate::support::SITE_YAML));
    for day in 1..=5 {
        t.file(&format!("notices/n{day}.md"), &doc(&format!("title: 通知{day}\npublished: 2017-03-0{day}"), ""));
    }
    t.build_ok();
    let first = t.html("notices/index.html");
    assert_eq!(first.select_all(".doc-link"), ["通知5", "通知4"]);
    assert_eq!(first.attrs(".pagination a[rel=next]", "href"), ["../notices/page/2/"]);
    let second = t.html("notices/page/2/index.html");
    assert_eq!(second.select_all(".doc-link"), ["通知3", "通知2"]);
    assert_eq!(second.attrs(".pagination a[rel=prev]", "href"), ["../../../notices/"]);
    assert_eq!(second.attrs(".pagination a[aria-current=page]", "href"), ["../../../notices/page/2/"]);
    assert_eq!(t.html("notices/page/3/index.html").select_all(".doc-link"), ["通知1"]);
    assert!(!t.exists("notices/page/4/index.html"));
}

/// A policy list up to the catalogue limit is one page (so its facets can filter all of it);
/// a longer one is paginated, and its year lists, each within the limit, are whole.
#[test]
fn policy_lists_are_one_page_up_to_the_catalogue_limit() {
    let t = SiteTest::new("catalogue-pages");
    t.file("site.yaml", &format!("{}每页条数: 20\n", crate::support::SITE_YAML));
    for i in 0..501 {
        let year = if i < 300 { 2016 } else { 2017 };
        t.file(&format!("policies/p{i}.md"), &doc(&format!("title: 文件{i}\ndate: {year}-03-01"), ""));
    }
    t.build_ok();
    let first = t.html("policies/index.html");
    assert_eq!(first.select_all(".catalogue-table tbody tr").len(), 20);
    assert_eq!(first.attrs(".catalogue", "data-complete"), ["false"]);
    assert_eq!(t.html("policies/page/26/index.html").select_all(".catalogue-table tbody tr").len(), 1);
    let year = t.html("policies/year/2016/index.html");
    assert_eq!(year.select_all(".catalogue-table tbody tr").len(), 300);
    assert_eq!(year.attrs(".catalogue", "data-complete"), ["true"]);
    assert!(!t.exists("policies/year/2016/page/2/index.html"));
}

#[test]
fn policies_are_listed_by_year_and_by_category() {
    let t = SiteTest::with_site("by-year-category");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-03-01\ncategory: 科技、教育 / 通知", ""));
    t.file("policies/b.md", &doc("title: 乙\ndate: 2016-03-01\ncategory: 科技、教育 / 意见", ""));
    t.file("policies/c.md", &doc("title: 丙\ndate: 2016-05-01\ncategory: 科技、教育/通知", ""));
    t.build_ok();
    assert_eq!(t.html("policies/year/2016/index.html").select_all(".doc-link"), ["丙", "乙"]);
    let category = t.html("policies/category/keji-jiaoyu-tongzhi/index.html");
    assert_eq!(category.select_all(".doc-link"), ["甲", "丙"]);
    assert_eq!(category.text("h1"), "政策文件：科技、教育 / 通知");
    let list = t.html("policies/index.html");
    assert_eq!(list.select_all(".facet li a"), ["2017 年", "2016 年", "科技、教育 / 通知", "科技、教育 / 意见"]);
    assert_eq!(
        t.html("policies/a/index.html").attrs(".doc-meta a", "href"),
        ["../../policies/category/keji-jiaoyu-tongzhi/"]
    );
}

#[test]
fn drafts_and_future_documents_stay_out_unless_asked() {
    let t = SiteTest::with_site("drafts");
    t.file("policies/draft.md", &doc("title: 草稿文件\ndate: 2017-01-01\n草稿: true", ""));
    t.file("notices/future.md", &doc("title: 将来发布\npublished: 2017-09-01", ""));
    t.file("notices/now.md", &doc("title: 今天发布\npublished: 2017-08-23", ""));
    t.build_ok();
    assert!(!t.exists("policies/draft/index.html"));
    assert!(!t.exists("notices/future/index.html"));
    assert!(t.exists("notices/now/index.html"));
    assert!(!t.read("feed.xml").contains("草稿文件"));
    assert!(!t.read("sitemap.xml").contains("future"));
    assert!(t.build(&["--drafts"]).success);
    assert!(t.exists("policies/draft/index.html") && t.exists("notices/future/index.html"));
}

#[test]
fn every_page_carries_the_government_meta_tags() {
    let t = SiteTest::with_site("meta-tags");
    t.file("policies/a.md", &doc("title: 甲文件\ndate: 2017-03-01\nkeywords: [均衡, 共建]\nsummary: 摘要文字", ""));
    t.file("pages/about.md", &doc("title: 关于", "说明"));
    t.build_ok();
    for page in [
        "index.html",
        "policies/index.html",
        "policies/a/index.html",
        "about/index.html",
        "notices/index.html",
        "404.html",
    ] {
        let p = t.html(page);
        for name in [
            "SiteName",
            "SiteDomain",
            "ColumnName",
            "ColumnType",
            "ArticleTitle",
            "PubDate",
            "ContentSource",
            "Keywords",
            "Description",
        ] {
            assert!(p.meta(name).is_some(), "{page} lacks <meta name={name}>");
        }
        assert_eq!(p.meta("SiteName").unwrap(), "测试专栏");
        assert_eq!(p.meta("SiteDomain").unwrap(), "jyj.example.cn");
    }
    let p = t.html("policies/a/index.html");
    assert_eq!(p.meta("ColumnName").unwrap(), "政策文件");
    assert_eq!(p.meta("ArticleTitle").unwrap(), "甲文件");
    assert_eq!(p.meta("PubDate").unwrap(), "2017-03-01");
    assert_eq!(p.meta("ContentSource").unwrap(), "连云区教育局");
    assert_eq!(p.meta("Keywords").unwrap(), "均衡,共建");
    assert_eq!(p.meta("Description").unwrap(), "摘要文字");
}

#[test]
fn links_hold_under_a_sub_path() {
    let t = SiteTest::with_site("sub-path");
    t.bytes("files/a.pdf", b"%PDF");
    t.file(
        "policies/a.md",
        &doc("title: 甲\ndoc_no: 连区教〔2017〕1号\ndate: 2017-03-01\nattachments: [a.pdf]", "[附件](/files/a.pdf)"),
    );
    t.file("policies/b.md", &doc("title: 乙\ndate: 2017-03-02\ncategory: 通知", "见连区教〔2017〕1号。"));
    t.file("notices/n.md", &doc("title: 公告\npublished: 2017-03-03", ""));
    t.file("pages/about.md", &doc("title: 关于", ""));
    t.build_ok();
    let files = t.out_files();
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let page = scraper::Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let sel = scraper::Selector::parse("a[href], link[href], script[src]").unwrap();
        for el in page.select(&sel) {
            let href = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if href.starts_with("http")
                || href.starts_with("mailto:")
                || href.starts_with("tel:")
                || href.starts_with('#')
            {
                continue;
            }
            let target = resolve(path, href);
            let exists = files.contains_key(&target) || files.contains_key(&format!("{target}index.html"));
            assert!(exists, "{path}: link {href} → {target} does not exist");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
    // Absolute URLs carry the sub-path; the 404 page, served at any depth, links from it.
    assert!(
        t.html("policies/a/index.html").attrs("link[rel=canonical]", "href")
            == ["https://jyj.example.cn/junheng/policies/a/"]
    );
    let not_found = t.html("404.html");
    assert!(not_found.attrs("a", "href").contains(&"/junheng/policies/".to_string()));
    assert_eq!(not_found.attrs("link[rel=stylesheet]", "href"), [format!("/junheng/{}", t.asset("static/style.css"))]);
}

/// Resolves a relative link found on the page at output path `page`.
fn resolve(page: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap();
    let decoded = percent_decode(href);
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in decoded.split('/') {
        match seg {
            ".." => {
                assert!(parts.pop().is_some(), "{page}: {href} leaves the site");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if decoded.ends_with('/') && !joined.is_empty() { format!("{joined}/") } else { joined }
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8().unwrap().into_owned()
}

/// Issue 20: characters XML 1.0 forbids (U+FFFE, U+FFFF; C0 controls are refused in values)
/// reached the feed from a title or summary written with YAML escapes, and made it unreadable
/// to every feed reader.
#[test]
fn characters_xml_forbids_never_reach_the_feeds_and_sitemaps() {
    let t = SiteTest::with_site("feed-forbidden");
    t.file(
        "policies/a.md",
        &doc("title: \"甲乙\\uFFFE\"\ndate: 2017-03-01\nsummary: \"摘要\\uFFFF\"", "正文\u{1}\u{b}。"),
    );
    t.build_ok();
    for path in ["feed.xml", "policies/feed.xml", "sitemap.xml"] {
        let Ok(text) = std::fs::read_to_string(t.out().join(path)) else { continue };
        if let Err(e) = roxmltree::Document::parse(&text) {
            panic!("{path} is not XML: {e}\n{text}");
        }
    }
    let feed = t.read("feed.xml");
    assert!(feed.contains("<title>甲乙</title>") && feed.contains("摘要"), "{feed}");
}

#[test]
fn feed_and_sitemap_are_valid_xml_with_absolute_urls() {
    let t = SiteTest::with_site("feed-sitemap");
    t.file("policies/a.md", &doc("title: 甲 & <乙>\ndoc_no: 连区教〔2017〕1号\ndate: 2017-03-01\nsummary: 摘要", ""));
    t.file("notices/n.md", &doc("title: 公告\npublished: 2017-05-03", ""));
    t.file("pages/about.md", &doc("title: 关于", ""));
    t.build_ok();

    let feed = t.read("feed.xml");
    let xml = roxmltree::Document::parse(&feed).unwrap();
    let root = xml.root_element();
    assert_eq!(root.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
    let child = |n: roxmltree::Node<'_, '_>, name: &str| {
        n.children().find(|c| c.has_tag_name(name)).map(|c| c.text().unwrap_or("").to_string())
    };
    assert_eq!(child(root, "updated").unwrap(), "2017-05-03T00:00:00+08:00");
    let entries: Vec<_> = root.children().filter(|c| c.has_tag_name("entry")).collect();
    let titles: Vec<String> = entries.iter().map(|e| child(*e, "title").unwrap()).collect();
    assert_eq!(titles, ["公告", "甲 & <乙>"]);
    assert_eq!(child(entries[1], "id").unwrap(), "https://jyj.example.cn/junheng/policies/a/");
    assert_eq!(child(entries[1], "summary").unwrap(), "连区教〔2017〕1号　摘要");

    let sitemap = t.read("sitemap.xml");
    let xml = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<String> =
        xml.descendants().filter(|n| n.has_tag_name("loc")).map(|n| n.text().unwrap().to_string()).collect();
    assert!(locs.iter().all(|l| l.starts_with("https://jyj.example.cn/junheng/")), "{locs:?}");
    for expected in [
        "https://jyj.example.cn/junheng/",
        "https://jyj.example.cn/junheng/policies/a/",
        "https://jyj.example.cn/junheng/about/",
    ] {
        assert!(locs.contains(&expected.to_string()), "{expected} not in {locs:?}");
    }
    assert!(!locs.iter().any(|l| l.contains("404")));
    let lastmod = xml.descendants().find(|n| {
        n.has_tag_name("url") && n.descendants().any(|c| c.text() == Some("https://jyj.example.cn/junheng/policies/a/"))
    });
    assert_eq!(lastmod.unwrap().descendants().find(|n| n.has_tag_name("lastmod")).unwrap().text(), Some("2017-03-01"));
    assert_eq!(t.read("robots.txt").lines().last().unwrap(), "Sitemap: https://jyj.example.cn/junheng/sitemap.xml");
}

#[test]
fn long_documents_get_a_table_of_contents() {
    let t = SiteTest::with_site("toc");
    let body = "# 一、总则\n\n正文\n\n# 二、目标\n\n## （一）近期\n\n# 三、要求\n";
    t.file("policies/long.md", &doc("title: 长文件\ndate: 2017-01-01", body));
    t.file("policies/short.md", &doc("title: 短文件\ndate: 2017-01-01", "## 一、总则\n\n## 二、目标\n"));
    t.build_ok();
    let long = t.html("policies/long/index.html");
    assert_eq!(long.select_all(".toc > ol > li > a"), ["一、总则", "二、目标", "三、要求"]);
    assert_eq!(long.attrs(".toc a", "href"), ["#一-总则", "#二-目标", "#一-近期", "#三-要求"]);
    assert_eq!(long.select_all("h1"), ["长文件"]);
    assert_eq!(long.attrs(".doc-body h2", "id"), ["一-总则", "二-目标", "三-要求"]);
    assert!(t.html("policies/short/index.html").select_all(".toc").is_empty());
}

#[test]
fn a_demo_site_shows_a_banner_on_every_page() {
    let t = SiteTest::new("demo");
    t.file("site.yaml", &format!("{}示例数据: true\n", crate::support::SITE_YAML));
    t.file("pages/about.md", &doc("title: 关于", ""));
    t.build_ok();
    for page in ["index.html", "about/index.html", "policies/index.html", "404.html"] {
        assert!(t.html(page).text(".demo-banner").starts_with("示例数据"), "{page}");
    }
    let plain = SiteTest::with_site("not-demo");
    plain.build_ok();
    assert!(plain.html("index.html").select_all(".demo-banner").is_empty());
}

#[test]
fn raw_html_in_markdown_is_sanitized() {
    let t = SiteTest::with_site("sanitize");
    let body = "<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">点</a>\n\n<table><tr><td>保留</td></tr></table>";
    t.file("pages/x.md", &doc("title: <b>标题</b>", body));
    t.build_ok();
    let html = t.read("x/index.html");
    assert!(!html.contains("<script>alert") && !html.contains("javascript:") && !html.contains("onclick"), "{html}");
    assert!(html.contains("<td>保留</td>"));
    assert!(
        html.contains("&lt;b&gt;标题&lt;&#x2F;b&gt;") || html.contains("&lt;b&gt;标题&lt;/b&gt;"),
        "title not escaped"
    );
}

#[test]
fn a_site_overrides_theme_files_one_by_one() {
    let t = SiteTest::with_site("override");
    t.file(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<p id=\"mine\">自定义</p>{% endblock main %}",
    );
    t.file("static/style.css", "body { color: red }");
    t.file("static/logo.svg", "<svg/>");
    t.build_ok();
    assert!(t.html("404.html").contains("<p id=\"mine\">自定义</p>"));
    assert_eq!(t.read(&t.asset("static/style.css")), "body { color: red }");
    assert!(t.exists("static/logo.svg") && t.exists(&t.asset("static/gongshi.js")));
    assert!(t.html("index.html").contains("最新政策文件"), "other templates still come from the theme");
}

#[test]
fn reads_gbk_files_with_a_warning() {
    let t = SiteTest::with_site("gbk");
    let (bytes, _, _) = encoding_rs::GBK
        .encode("---\ntitle: 关于印发实施方案的通知\ndate: 2017-08-07\n---\n墟沟小学与连岛小学结对。\n");
    t.bytes("policies/gbk.md", &bytes);
    let run = t.build_ok();
    run.has_line("policies/gbk.md:1:1: 警告：文件不是 UTF-8 编码：已按 GBK/GB18030");
    let page = t.html("policies/gbk/index.html");
    assert_eq!(page.text("h1"), "关于印发实施方案的通知");
    assert!(page.text(".doc-body").contains("墟沟小学与连岛小学结对"));
}

/// Issue 20: repeated warnings of one kind are summarised, never thousands of lines: after 20 of
/// one code in one file, one line counts the rest.
#[test]
fn repeated_warnings_of_one_kind_in_one_file_are_summarised() {
    let t = SiteTest::with_site("warnings-summarised");
    let mut schools = String::from("schools:\n");
    for i in 0..25 {
        schools.push_str(&format!("  - {{id: s{i}, name: 第{i}小学, stage: 小学, 备忘录甲乙: x}}\n"));
    }
    t.file("data/schools.yaml", &schools);
    let run = t.build_ok();
    let shown = run.stderr.lines().filter(|l| l.contains("警告：未知字段")).count();
    assert_eq!(shown, 20, "{}", run.stderr);
    run.has_line("data/schools.yaml: 另有 5 条同类警告未显示：未知字段 / 5 more of this kind [GS0109]");
}

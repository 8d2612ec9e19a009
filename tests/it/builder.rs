//! A long-running process (`serve`) builds again and again with one `Builder`: the theme's
//! compiled templates are kept between builds and read again only when it says they changed.

use crate::support::{SiteTest, doc};
use gongshi::render::OutputFile;

fn options() -> gongshi::Options {
    gongshi::Options {
        deny_warnings: false,
        load: gongshi::load::LoadOptions::default(),
        model: gongshi::model::BuildOptions {
            drafts: false,
            today: gongshi::model::date::parse_date("2017-08-23").unwrap(),
            base_url: None,
        },
    }
}

fn not_found_page(builder: &mut gongshi::Builder, t: &SiteTest) -> String {
    let built = builder.build(&t.site(), &options());
    let output = built.output.expect("the build failed");
    match output.files.get("404.html") {
        Some(OutputFile::Bytes(bytes)) => String::from_utf8(bytes.clone()).unwrap(),
        other => panic!("404.html: {other:?}"),
    }
}

#[test]
fn keeps_the_compiled_theme_until_told_it_changed() {
    let t = SiteTest::with_site("builder-reuse");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文"));
    t.file("templates/404.html", "第一版");
    let mut builder = gongshi::Builder::default();
    assert_eq!(not_found_page(&mut builder, &t), "第一版");
    t.file("templates/404.html", "第二版");
    assert_eq!(not_found_page(&mut builder, &t), "第一版", "the templates were read again");
    builder.theme_changed();
    assert_eq!(not_found_page(&mut builder, &t), "第二版");
}

#[test]
fn a_broken_theme_is_not_kept() {
    let t = SiteTest::with_site("builder-broken");
    t.file("templates/404.html", "{% if %}");
    let mut builder = gongshi::Builder::default();
    let built = builder.build(&t.site(), &options());
    assert!(built.output.is_none() && built.diagnostics.has_errors());
    // Fixed on disk: the next build reads it again without being told.
    t.file("templates/404.html", "好了");
    assert_eq!(not_found_page(&mut builder, &t), "好了");
}

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

/// The bytes of a file as the preview serves it.
fn served(o: &gongshi::render::on_demand::OnDemand, path: &str) -> Vec<u8> {
    match o.get(path) {
        Some(Ok(OutputFile::Bytes(b))) => b,
        Some(Ok(OutputFile::Embedded(b))) => b.to_vec(),
        Some(Ok(OutputFile::Copy(p))) => std::fs::read(p).unwrap(),
        Some(Err(d)) => panic!("{path}: {}", d.detail),
        None => panic!("{path}: not served"),
    }
}

fn bytes_of(file: &OutputFile) -> Vec<u8> {
    match file {
        OutputFile::Bytes(b) => b.clone(),
        OutputFile::Embedded(b) => b.to_vec(),
        OutputFile::Copy(p) => std::fs::read(p).unwrap(),
    }
}

#[test]
fn the_preview_serves_every_file_of_a_full_build_byte_for_byte() {
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let full = gongshi::Builder::default().build(&site, &options()).output.expect("the example builds");
    let preview = gongshi::Builder::default().preview(&site, &options(), None).output.expect("the example previews");
    assert_eq!(preview.page_count(), full.page_count());
    for (path, file) in &full.files {
        assert!(served(&preview, path) == bytes_of(file), "{path} differs between the preview and a build");
    }
    assert!(preview.get("no/such/page.html").is_none());
}

/// Writes a file and dates it `age` seconds ago: files older than a few seconds are the ones a
/// rebuild may take from its cache.
fn write_aged(t: &SiteTest, rel: &str, text: &str, age: u64) {
    t.file(rel, text);
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(age);
    std::fs::File::options().write(true).open(t.site().join(rel)).unwrap().set_modified(when).unwrap();
}

#[test]
fn a_rebuild_reads_what_changed_and_still_checks_it() {
    let t = SiteTest::with_site("builder-cache");
    write_aged(&t, "site.yaml", &std::fs::read_to_string(t.site().join("site.yaml")).unwrap(), 300);
    write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文一"), 300);
    write_aged(&t, "policies/b.md", &doc("title: 乙\ndate: 2017-01-02", "正文二"), 300);
    let mut builder = gongshi::Builder::default();
    let page = |builder: &mut gongshi::Builder| {
        let built = builder.preview(&t.site(), &options(), None);
        let o = built.output.unwrap_or_else(|| panic!("{:?}", built.diagnostics));
        String::from_utf8(served(&o, "policies/a/index.html")).unwrap()
    };
    assert!(page(&mut builder).contains("正文一"));
    // Same length, new words, a new modification time: the file is read again.
    write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文三"), 200);
    assert!(page(&mut builder).contains("正文三"));
    // A mobile number written into the other file is found although the first one is cached.
    write_aged(&t, "policies/b.md", &doc("title: 乙\ndate: 2017-01-02", "联系 13812345678"), 100);
    let built = builder.preview(&t.site(), &options(), None);
    assert!(built.output.is_none());
    assert!(built.diagnostics.iter().any(|d| d.code.id() == "GS0210"), "{:?}", built.diagnostics);
    // It stays reported, from the kept findings, while only the other file changes.
    write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文四"), 80);
    let built = builder.preview(&t.site(), &options(), None);
    assert!(built.output.is_none());
    assert!(built.diagnostics.iter().any(|d| d.code.id() == "GS0210"), "{:?}", built.diagnostics);
    // And its warning-free twin is fine again, with the cached file's findings kept.
    write_aged(&t, "policies/b.md", &doc("title: 乙\ndate: 2017-01-02", "正文二"), 50);
    assert!(page(&mut builder).contains("正文四"));
}

#[test]
fn told_what_changed_a_rebuild_reads_only_that() {
    let t = SiteTest::with_site("builder-told");
    write_aged(&t, "site.yaml", &std::fs::read_to_string(t.site().join("site.yaml")).unwrap(), 300);
    write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文一"), 300);
    let mut builder = gongshi::Builder::default();
    let build = |builder: &mut gongshi::Builder, modified: Option<&[String]>| {
        let built = builder.preview(&t.site(), &options(), modified);
        built.output.unwrap_or_else(|| panic!("{:?}", built.diagnostics))
    };
    build(&mut builder, None);
    write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文二"), 200);
    let o = build(&mut builder, Some(&["policies/a.md".to_string()]));
    assert!(String::from_utf8(served(&o, "policies/a/index.html")).unwrap().contains("正文二"));
    // A new file is not looked for when the caller says only a.md changed…
    t.file("policies/b.md", &doc("title: 乙\ndate: 2017-01-02", "正文"));
    assert!(build(&mut builder, Some(&["policies/a.md".to_string()])).get("policies/b/index.html").is_none());
    // …and is found by a build that is not told, or told about it (it is new: the folder is walked).
    assert!(build(&mut builder, Some(&["policies/b.md".to_string()])).get("policies/b/index.html").is_some());
    // An editor's save through a temporary file renamed over a.md: the temporary file is gone
    // and never was a page; a.md is read again.
    write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文三"), 100);
    let saved = ["policies/.a.md.tmp-1", "policies/sedX1", "policies/a.md"].map(String::from);
    let o = build(&mut builder, Some(&saved));
    assert!(String::from_utf8(served(&o, "policies/a/index.html")).unwrap().contains("正文三"));
    // A removed file, and a folder moved away, are noticed although they are not there to read.
    std::fs::remove_file(t.site().join("policies/b.md")).unwrap();
    assert!(build(&mut builder, Some(&["policies/b.md".to_string()])).get("policies/b/index.html").is_none());
    t.file("policies/2018/c.md", &doc("title: 丙\ndate: 2017-01-03", "正文"));
    assert!(build(&mut builder, None).get("policies/c/index.html").is_some());
    std::fs::rename(t.site().join("policies/2018"), t.root.join("moved-away")).unwrap();
    assert!(build(&mut builder, Some(&["policies/2018".to_string()])).get("policies/c/index.html").is_none());
}

#[test]
fn data_is_kept_across_document_edits_and_read_again_when_a_data_file_changes() {
    let t = SiteTest::with_site("builder-data");
    write_aged(&t, "site.yaml", &std::fs::read_to_string(t.site().join("site.yaml")).unwrap(), 300);
    write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文一"), 300);
    let schools = |name: &str, stage: &str| {
        format!("schools:\n  - {{id: xugou, name: {name}, stage: {stage}, town: 墟沟街道, location: 城区}}\n")
    };
    write_aged(&t, "data/schools.yaml", &schools("墟沟小学", "小学"), 300);
    let mut builder = gongshi::Builder::default();
    let school_page = |builder: &mut gongshi::Builder, told: &[&str]| {
        let told: Vec<String> = told.iter().map(|s| s.to_string()).collect();
        let built = builder.preview(&t.site(), &options(), Some(&told));
        (built.output.map(|o| String::from_utf8(served(&o, "schools/xugou/index.html")).unwrap()), built.diagnostics)
    };
    assert!(school_page(&mut builder, &[]).0.unwrap().contains("墟沟小学"));
    write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文二"), 200);
    assert!(school_page(&mut builder, &["policies/a.md"]).0.unwrap().contains("墟沟小学"));
    write_aged(&t, "data/schools.yaml", &schools("墟沟第一小学", "小学"), 100);
    assert!(school_page(&mut builder, &["data/schools.yaml"]).0.unwrap().contains("墟沟第一小学"));
    // an error in a data file is reported by every build until it is fixed, not only the first
    write_aged(&t, "data/schools.yaml", &schools("墟沟第一小学", "大学"), 50);
    for told in [&["data/schools.yaml"][..], &["policies/a.md"][..]] {
        if told == ["policies/a.md"] {
            write_aged(&t, "policies/a.md", &doc("title: 甲\ndate: 2017-01-01", "正文三"), 40);
        }
        let (page, diags) = school_page(&mut builder, told);
        assert!(page.is_none(), "a build with a bad stage succeeded");
        let shown = format!("{diags:?}");
        assert!(shown.contains("大学"), "{told:?}: {shown}");
    }
}

/// Copies a folder into the test's site, every file dated `age` seconds ago.
fn copy_aged(t: &SiteTest, from: &std::path::Path, rel: &str, age: u64) {
    for entry in std::fs::read_dir(from.join(rel)).unwrap() {
        let path = entry.unwrap().path();
        let name = format!("{rel}{}", path.file_name().unwrap().to_str().unwrap());
        if path.is_dir() {
            copy_aged(t, from, &format!("{name}/"), age);
        } else {
            t.bytes(&name, &std::fs::read(&path).unwrap());
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(age);
            std::fs::File::options().write(true).open(t.site().join(&name)).unwrap().set_modified(when).unwrap();
        }
    }
}

/// Every file of a full build, as the preview serves it, after each of `told`'s edits.
fn preview_matches_a_build(builder: &mut gongshi::Builder, t: &SiteTest, told: &[&str]) -> Vec<u8> {
    let told: Vec<String> = told.iter().map(|s| s.to_string()).collect();
    let preview = builder.preview(&t.site(), &options(), Some(&told)).output.expect("the preview failed");
    let full = gongshi::build(&t.site(), &options()).output.expect("the build failed");
    for (path, file) in &full.files {
        assert!(served(&preview, path) == bytes_of(file), "{path} differs between the preview and a build");
    }
    served(&preview, "dashboard/index.html")
}

/// Issue 23: the preview keeps the findings from the data across a document edit and judges the
/// figures anew when a figures file changes; either way it serves what a full build writes.
#[test]
fn findings_are_kept_across_document_edits_and_made_anew_when_figures_change() {
    let t = SiteTest::new("builder-findings");
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    copy_aged(&t, &content, "", 300);
    let mut builder = gongshi::Builder::default();
    let first = preview_matches_a_build(&mut builder, &t, &[]);

    let policy = std::fs::read_dir(t.site().join("policies")).unwrap().map(|e| e.unwrap().path());
    let policy = policy.filter(|p| p.extension().is_some_and(|e| e == "md")).min().expect("a policy");
    let rel = format!("policies/{}", policy.file_name().unwrap().to_str().unwrap());
    let text = std::fs::read_to_string(&policy).unwrap();
    let edited = text.replacen("\n标题: ", "\n标题: 改过的", 1).replacen("\ntitle: ", "\ntitle: 改过的", 1);
    assert_ne!(edited, text, "{rel} has no title line");
    write_aged(&t, &rel, &edited, 200);
    assert!(preview_matches_a_build(&mut builder, &t, &[&rel]) == first, "a document edit changed the dashboard");

    let figures = "data/indicators/2025.yaml";
    let text = std::fs::read_to_string(t.site().join(figures)).unwrap();
    let edited = text.replacen("在校学生数: ", "在校学生数: 9", 1).replacen("students: ", "students: 9", 1);
    assert_ne!(edited, text, "{figures} has no students figure");
    write_aged(&t, figures, &edited, 100);
    assert!(preview_matches_a_build(&mut builder, &t, &[figures]) != first, "the figures edit did not show");
}

//! The output folder: only gongshi's own is replaced, builds are reproducible.

use crate::support::{SiteTest, doc, files_under};

#[test]
fn refuses_an_output_folder_it_does_not_own() {
    let t = SiteTest::with_site("not-owned");
    std::fs::create_dir_all(t.out()).unwrap();
    std::fs::write(t.out().join("工作总结.docx"), b"precious").unwrap();
    t.build(&[])
        .failed()
        .has_line("public: 错误：输出文件夹不是 gongshi 生成的：文件夹非空，且没有 .gongshi-output 标记文件");
    assert_eq!(std::fs::read(t.out().join("工作总结.docx")).unwrap(), b"precious");
    assert_eq!(files_under(&t.out()).len(), 1);
}

#[test]
fn replaces_its_own_output_and_an_empty_folder() {
    let t = SiteTest::with_site("owned");
    std::fs::create_dir_all(t.out()).unwrap();
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    t.build_ok();
    assert!(t.exists(".gongshi-output"));
    t.remove("policies/a.md");
    t.file("policies/b.md", &doc("title: 乙\ndate: 2017-01-01", ""));
    t.build_ok();
    assert!(!t.exists("policies/a/index.html"), "stale pages must go");
    assert!(t.exists("policies/b/index.html"));
    let leftovers: Vec<_> = std::fs::read_dir(&t.root)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("gongshi-"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
}

#[test]
fn refuses_the_root_the_home_the_site_and_its_parents() {
    let t = SiteTest::with_site("forbidden");
    let home = std::env::var("HOME").unwrap();
    let cases = [
        ("/", "这是文件系统的根目录"),
        (home.as_str(), "这是用户主目录"),
        ("site", "这是网站文件夹本身"),
        (".", "它包含网站文件夹"),
        ("site/files/out", "它在网站的 files/ 文件夹里"),
    ];
    for (out, why) in cases {
        let run = t.run(&["build", "site", "--output", out]);
        run.failed().has_line(&format!("{out}: 错误：不能用这个文件夹作输出：{why}"));
    }
    assert!(t.site().join("site.yaml").exists());
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let t = SiteTest::with_site("reproducible");
    for i in 1..=30 {
        t.file(
            &format!("policies/{i:02}.md"),
            &doc(&format!("title: 文件{i}\ndoc_no: 连区教〔2017〕{i}号\ndate: 2017-01-{:02}\ncategory: 类{}\nkeywords: [甲, 乙]", i % 28 + 1, i % 3), "## 一\n\n## 二\n\n## 三\n\n见连区教〔2017〕1号。"),
        );
    }
    t.file(
        "notices/n.md",
        &doc("title: 公示\npublished: 2017-08-20\n公示期: {开始: 2017-08-20, 结束: 2017-08-26}", ""),
    );
    t.build_ok();
    let first = t.out_files();
    std::fs::remove_dir_all(t.out()).unwrap();
    t.build_ok();
    let second = t.out_files();
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn the_example_site_with_its_charts_and_downloads_builds_byte_identically() {
    let t = SiteTest::new("reproducible-example");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let example = example.to_str().unwrap();
    let build = |out: &str| {
        let run = t.run(&["build", example, "--output", out]);
        assert!(run.success, "{}", run.stderr);
        files_under(&t.root.join(out))
    };
    let first = build("one");
    let second = build("two");
    assert!(first.keys().any(|k| k.ends_with(".json")) && first.keys().any(|k| k.starts_with("dashboard/")));
    assert_eq!(first.keys().collect::<Vec<_>>(), second.keys().collect::<Vec<_>>());
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between two builds");
    }
}

#[test]
fn a_killed_build_leaves_nothing_that_lasts() {
    let t = SiteTest::with_site("killed");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    t.build_ok();
    // What a build killed mid-way leaves: its staging copy and an old copy, named by its process.
    let dead = u32::MAX - 7;
    for what in ["staging", "old"] {
        let left = t.root.join(format!(".public.gongshi-{what}-{dead}"));
        std::fs::create_dir_all(left.join("policies")).unwrap();
        std::fs::write(left.join("policies/x.html"), "half").unwrap();
    }
    t.build_ok();
    let leftovers: Vec<String> = std::fs::read_dir(&t.root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("gongshi-"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    assert!(t.exists("policies/a/index.html"));
}

#[test]
fn refuses_the_current_folder_as_output() {
    let t = SiteTest::with_site("output-dot");
    let here = t.root.join("elsewhere");
    std::fs::create_dir_all(&here).unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["build", "../site", "--output", "."])
        .current_dir(&here)
        .env("SOURCE_DATE_EPOCH", crate::support::EPOCH_2017_08_23)
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(".: 错误：不能用这个文件夹作输出：这是当前所在的文件夹（或包含它）"), "{stderr}");
    assert_eq!(std::fs::read_dir(&here).unwrap().count(), 0, "nothing is left in the folder");
}

#[test]
fn two_builds_at_once_into_one_folder_never_mix() {
    let a = SiteTest::with_site("concurrent-a");
    let b = SiteTest::with_site("concurrent-b");
    for i in 0..150 {
        a.file(&format!("policies/a{i}.md"), &doc(&format!("title: 甲{i}\ndate: 2017-01-01"), "甲"));
        b.file(&format!("policies/b{i}.md"), &doc(&format!("title: 乙{i}\ndate: 2017-01-01"), "乙"));
    }
    let out = a.root.join("shared");
    for t in [&a, &b] {
        let one = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args(["build", "site", "--output"])
            .arg(t.root.join("alone"))
            .current_dir(&t.root)
            .env("SOURCE_DATE_EPOCH", crate::support::EPOCH_2017_08_23)
            .status()
            .unwrap();
        assert!(one.success());
    }
    for _ in 0..3 {
        let spawn = |t: &SiteTest| {
            std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
                .args(["build", "site", "--output"])
                .arg(&out)
                .current_dir(&t.root)
                .env("SOURCE_DATE_EPOCH", crate::support::EPOCH_2017_08_23)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap()
        };
        let (mut x, mut y) = (spawn(&a), spawn(&b));
        let _ = (x.wait(), y.wait());
        let got = files_under(&out);
        assert!(
            got == files_under(&a.root.join("alone")) || got == files_under(&b.root.join("alone")),
            "the output mixes two builds"
        );
    }
}

/// DESIGN.md's bar: a document page is under 30 KB of HTML and CSS together.
#[test]
fn every_document_page_of_the_example_stays_under_30_kb_with_its_css() {
    let t = SiteTest::new("page-weight");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let run = t.run(&["build", example.to_str().unwrap(), "--output", "out"]);
    assert!(run.success, "{}", run.stderr);
    let files = files_under(&t.root.join("out"));
    let css = files[&crate::support::asset_in(&files, "static/style.css")].len();
    for (path, html) in files.iter().filter(|(p, _)| p.starts_with("policies/") || p.starts_with("notices/")) {
        if path.ends_with("index.html") {
            assert!(html.len() + css < 30_000, "{path}: {} bytes of HTML + {css} of CSS", html.len());
        }
    }
}

/// Issue 20: `--output` naming a link to a folder (a web root linked into the project) was
/// refused as "这个路径是一个文件". The build goes into the folder it points at; the link stays.
#[cfg(unix)]
#[test]
fn an_output_link_to_a_folder_is_built_into_that_folder() {
    let t = SiteTest::with_site("output-link");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    let target = t.root.join("www");
    std::fs::create_dir_all(&target).unwrap();
    std::os::unix::fs::symlink(&target, t.out()).unwrap();
    t.build_ok();
    t.build_ok();
    assert!(std::fs::symlink_metadata(t.out()).unwrap().file_type().is_symlink());
    assert!(target.join("policies/a/index.html").is_file());
    assert!(target.join(".gongshi-output").is_file());
}

/// Issue 20: `--output a/b/site` with no a/b failed with "No such file or directory" and a hint
/// about disk space; Hugo and Zola create the parents.
#[test]
fn an_output_folder_whose_parents_do_not_exist_is_created_with_them() {
    let t = SiteTest::with_site("output-parents");
    let run = t.run(&["build", "site", "--output", "a/b/site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(t.root.join("a/b/site/index.html").is_file());
}

//! The command line as staff and CI use it.

use crate::support::{SiteTest, doc};

#[test]
fn build_prints_one_summary_line_and_exits_zero() {
    let t = SiteTest::with_site("summary");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    let run = t.build_ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("完成：生成 7 个页面（共 23 个文件），用时 "), "{}", lines[0]);
    assert!(lines[0].contains("输出到 public"), "{}", lines[0]);
    assert!(run.stderr.is_empty(), "a quiet build prints nothing else: {}", run.stderr);
}

#[test]
fn check_validates_and_writes_nothing() {
    let t = SiteTest::with_site("check");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    let run = t.run(&["check", "site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.starts_with("检查通过："), "{}", run.stdout);
    assert!(!t.out().exists());
    t.file("policies/b.md", &doc("title: 乙\ndate: 2017-01-32", ""));
    t.run(&["check", "site"]).failed().has_line("policies/b.md:3:7: 错误：日期无效");
    assert!(!t.out().exists());
}

#[test]
fn site_defaults_to_content_and_output_to_public() {
    let t = SiteTest::new("defaults-cli");
    std::fs::rename(t.site(), t.root.join("content")).unwrap();
    std::fs::write(t.root.join("content/site.yaml"), crate::support::SITE_YAML).unwrap();
    let run = t.run(&["build"]);
    assert!(run.success, "{}", run.stderr);
    assert!(t.root.join("public/index.html").exists());
}

#[test]
fn a_missing_site_folder_is_a_clear_error() {
    let t = SiteTest::new("missing-folder");
    t.run(&["build", "nowhere"]).failed().stderr_contains("找不到文件夹 nowhere");
}

#[test]
fn help_is_in_chinese() {
    let t = SiteTest::new("help");
    let run = t.run(&["build", "--help"]);
    assert!(run.success);
    for text in ["网站文件夹", "输出文件夹", "包括草稿", "--base-url", "--drafts"] {
        assert!(run.stdout.contains(text), "help lacks {text}:\n{}", run.stdout);
    }
}

#[test]
fn a_bad_source_date_epoch_is_refused() {
    let mut t = SiteTest::with_site("bad-epoch");
    t.epoch = "yesterday".into();
    t.build(&[]).failed().stderr_contains("SOURCE_DATE_EPOCH「yesterday」应是 Unix 时间戳");
}

#[test]
fn the_bundled_example_site_builds_cleanly() {
    let t = SiteTest::new("example");
    let example = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let out = t.root.join("public");
    let run = t.run(&["build", example.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.is_empty(), "the example has warnings:\n{}", run.stderr);
    let page = t.html("policies/lianqujiao-2017-89/index.html");
    assert_eq!(page.doc_meta()["文号"], "连区教〔2017〕89号");
    assert!(t.html("index.html").text(".demo-banner").starts_with("示例数据"));
}

#[test]
fn a_reader_that_stops_early_is_no_reason_to_panic() {
    let t = SiteTest::with_site("closed-pipe");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["check", "site"])
        .current_dir(&t.root)
        .env("SOURCE_DATE_EPOCH", crate::support::EPOCH_2017_08_23)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // as `gongshi check | head -0` does
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !stderr.contains("panicked"), "{stderr}");
}

//! The command line as staff and CI use it.

use crate::support::{SiteTest, doc};

#[test]
fn build_prints_one_summary_line_and_exits_zero() {
    let t = SiteTest::with_site("summary");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    let run = t.build_ok();
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].starts_with("完成：生成 7 个页面（共 30 个文件），用时 "), "{}", lines[0]);
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
    let mut t = SiteTest::new("example");
    // After its last figures (dated 2025-09-30): figures dated after the build date are a warning.
    t.epoch = "1795392000".into(); // 2026-11-23
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

#[test]
fn new_creates_a_document_ready_to_fill_and_never_overwrites() {
    let t = SiteTest::with_site("new");
    for (kind, title, path) in [
        ("policy", "关于印发实施方案的通知", "site/policies/2017/guanyuyinfashishifangandetongzhi.md"),
        ("notice", "教师交流名单公示", "site/notices/jiaoshijiaoliumingdangongshi.md"),
        ("page", "联系我们", "site/pages/lianxiwomen.md"),
    ] {
        let run = t.run(&["new", kind, title, "--site", "site"]);
        assert!(run.success, "{}", run.stderr);
        assert_eq!(run.stdout.trim(), format!("已创建 {path} / created"));
        let text = std::fs::read_to_string(t.root.join(path)).unwrap();
        assert!(text.contains(&format!("标题: \"{title}\"")) && text.contains("# 必填"), "{text}");
    }
    // What was created builds as it is: empty keys are allowed, dates are today's.
    t.build_ok();
    assert!(t.html("policies/guanyuyinfashishifangandetongzhi/index.html").contains("关于印发实施方案的通知"));
    let again = t.run(&["new", "policy", "关于印发实施方案的通知", "--site", "site"]);
    assert!(!again.success && again.stderr.contains("已经存在，不会覆盖"), "{}", again.stderr);
}

/// Issue 19: what `gongshi new` writes as a placeholder (the body, a 公示期 of one day) is a
/// warning at its line, so `check --deny-warnings` stops it; filled in, it checks clean.
#[test]
fn placeholders_of_new_are_warnings_until_filled() {
    let t = SiteTest::with_site("new-placeholders");
    let run = t.run(&["new", "notice", "教师交流名单公示", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let rel = "notices/jiaoshijiaoliumingdangongshi.md";
    let text = std::fs::read_to_string(t.site().join(rel)).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let check = t.run(&["check", "site", "--deny-warnings"]);
    check
        .failed()
        .has_line(&format!("{rel}:{}:1: 警告：还是新建时的占位文字", line_of("在这里写正文。")))
        .has_line(&format!("{rel}:{}:27: 警告：公示期只有一天", line_of("公示期:")));
    let filled =
        text.replace("在这里写正文。", "经研究，现将名单公示如下。").replace("结束: 2017-08-23", "结束: 2017-08-29");
    t.file(rel, &filled);
    let check = t.run(&["check", "site", "--deny-warnings"]);
    assert!(check.success, "{}", check.stderr);
}

/// Issue 19: whatever the title, what `new` writes checks clean once the body is written.
#[test]
fn new_documents_check_clean_for_odd_titles() {
    let t = SiteTest::with_site("new-odd-titles");
    let long = "关于公布2017年度连云区义务教育阶段教干教师交流名单及结对共建学校安排的通知".repeat(3);
    let titles = [
        "关于\"双减\"工作的通知",
        "关于“双减”工作的通知：第一批",
        "标题: 带冒号 # 和井号",
        "第 #1 批名单",
        "反斜杠 a\\b 与 '单引号'",
        long.as_str(),
        "關於公佈教師交流名單的通知",
        "- 以短横开头",
        "[方括号] {花括号} & * ! | > %",
    ];
    for (i, title) in titles.iter().enumerate() {
        let kind = ["policy", "notice", "page"][i % 3];
        // `--` lets a title start with `-`, as the shell would need it.
        let run = t.run(&["new", kind, "--site", "site", "--", title]);
        assert!(run.success, "{title}: {}", run.stderr);
        let path = t.root.join(run.stdout.trim().trim_end_matches(" / created").trim_start_matches("已创建 "));
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text.replace("在这里写正文。", "正文。").replace("结束: 2017-08-23", "结束: 2017-08-29");
        std::fs::write(&path, text).unwrap();
    }
    let check = t.run(&["check", "site", "--deny-warnings"]);
    assert!(check.success, "{}", check.stderr);
    t.build_ok();
    // Every page's headings, as a reader sees them.
    let headings: Vec<String> = crate::support::files_under(&t.out())
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .flat_map(|(path, bytes)| {
            let html = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
            crate::support::Page { path, html }.select_all("h1")
        })
        .collect();
    for title in titles {
        let found = headings.iter().any(|h| h == title);
        assert!(found, "title not published as written: {title}");
    }
}

#[test]
fn deny_warnings_fails_a_build_with_warnings_and_json_lines_parse() {
    let t = SiteTest::with_site("deny-warnings");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01\n作者: 张三", ""));
    t.build_ok();
    let denied = t.build(&["--deny-warnings"]);
    denied
        .failed()
        .has_line("错误：有警告，构建按设置停止：有 1 条警告，而设置了 --deny-warnings")
        .stderr_contains("警告即错误（deny_warnings）");
    let run = t.run(&["check", "site", "--format", "json"]);
    assert!(run.success, "{}", run.stderr);
    let lines: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    let d = &lines[0];
    assert_eq!((d["severity"].as_str(), d["code"].as_str()), (Some("warning"), Some("GS0109")));
    assert_eq!(
        (d["file"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
        (Some("policies/a.md"), Some(4), Some(1))
    );
    assert!(d["message"].as_str().unwrap().contains("作者"), "{d}");
    t.file("site.yaml", &format!("{}deny_warnings: true\n", crate::support::SITE_YAML));
    t.run(&["check", "site"]).failed().stderr_contains("有警告，构建按设置停止");
}

#[test]
fn usage_mistakes_are_explained_in_chinese_first() {
    let t = SiteTest::with_site("usage");
    let run = t.run(&["biuld"]);
    assert!(!run.success);
    assert!(
        run.stderr.starts_with(
            "错误：不认识的命令「biuld」；可用的命令：build、check、serve、new、import、deploy；您是不是想写 build？"
        ),
        "{}",
        run.stderr
    );
    let run = t.run(&["build", "--outptu", "x"]);
    assert!(run.stderr.contains("不认识的选项「--outptu」；您是不是想写 --output？"), "{}", run.stderr);
}

#[test]
fn build_inside_a_site_folder_builds_that_site() {
    let t = SiteTest::with_site("inside");
    t.file("policies/a.md", &doc("title: 甲\ndate: 2017-01-01", ""));
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .arg("build")
        .current_dir(t.site())
        .env("SOURCE_DATE_EPOCH", crate::support::EPOCH_2017_08_23)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(t.site().join("public/policies/a/index.html").is_file());
}

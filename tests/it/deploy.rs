//! `gongshi deploy` to a local folder (issue 22): incremental by the manifest, in a safe
//! order, deletes last and only of what it deployed, old hashed files kept one deploy.
//! The same checks against real S3 and SFTP servers are in `deploy_servers`.

use crate::support::{Run, SiteTest, files_under};
use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::Path;

/// The example site with a deploy target `name` whose settings are `target` (YAML lines).
pub fn example_with_target(test: &str, target: &str) -> SiteTest {
    let mut t = SiteTest::new(test);
    // 2026-12-01: every example document is published.
    t.epoch = "1796083200".into();
    crate::assets::copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &t.site());
    let yaml = std::fs::read_to_string(t.site().join("site.yaml")).unwrap();
    t.file("site.yaml", &format!("{yaml}\n发布:\n  目标:\n{target}"));
    t
}

pub fn deploy(t: &SiteTest, extra: &[&str]) -> Run {
    let mut args = vec!["deploy", "site", "--output", "public"];
    args.extend_from_slice(extra);
    t.run(&args)
}

/// The number of uploads a successful deploy reports.
pub fn uploaded(run: &Run) -> usize {
    assert!(run.success, "deploy failed:\n{}{}", run.stdout, run.stderr);
    let line = run.stdout.lines().find(|l| l.starts_with("完成")).unwrap_or_else(|| panic!("{}", run.stdout));
    line.split("上传 ").nth(1).and_then(|r| r.split(' ').next()).unwrap().parse().unwrap()
}

/// The output as a deploy should leave the target: everything but the marker file.
pub fn published(t: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    let mut files = t.out_files();
    files.remove(".gongshi-output");
    files
}

/// Every page on the target finds the styles, scripts and icons it links to.
pub fn every_page_has_its_assets(files: &BTreeMap<String, Vec<u8>>) {
    let refs = Selector::parse("link[href], script[src]").unwrap();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = Html::parse_document(&String::from_utf8_lossy(bytes));
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        for el in html.select(&refs) {
            let link = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if !link.contains("static/") || link.starts_with("http") {
                continue;
            }
            // The 404 page links from the site root (`/junheng/static/…`).
            let link = if link.starts_with('/') { &link[link.find("static/").unwrap()..] } else { link };
            let dir = if link.starts_with("static/") { "" } else { dir };
            let mut parts: Vec<&str> = if dir.is_empty() { vec![] } else { dir.split('/').collect() };
            for seg in link.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            let target = parts.join("/");
            assert!(files.contains_key(&target), "{path} links to {link}, which is not on the target");
        }
    }
}

fn folder_target(t: &SiteTest) -> String {
    format!("    - 名称: 本机\n      类型: 文件夹\n      文件夹: {}\n", t.root.join("www").display())
}

fn www(t: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    files_under(&t.root.join("www"))
}

#[test]
fn deploys_the_example_then_only_what_one_edit_changed() {
    let t = SiteTest::new("deploy-folder");
    let t = example_with_target("deploy-folder", &folder_target(&t));
    t.build_ok();
    let first = uploaded(&deploy(&t, &[]));
    assert_eq!(first, published(&t).len());
    assert_eq!(www(&t), published(&t));
    assert!(t.root.join(".gongshi/deploy/本机.json").is_file(), "the manifest is kept beside the output");

    let again = deploy(&t, &[]);
    assert_eq!(uploaded(&again), 0, "nothing changed, nothing sent");

    let doc = t.site().join("policies");
    let first_doc = walkdir(&doc).into_iter().find(|p| p.to_string_lossy().ends_with(".md")).unwrap();
    let text = std::fs::read_to_string(&first_doc).unwrap();
    std::fs::write(&first_doc, format!("{text}\n\n补充一句说明。\n")).unwrap();
    t.build_ok();
    let plan = deploy(&t, &["--dry-run"]);
    assert!(plan.success && plan.stdout.contains("计划（--dry-run"), "{}", plan.stdout);
    let planned: Vec<&str> = plan.stdout.lines().filter_map(|l| l.strip_prefix("  上传 ")).collect();
    let second = uploaded(&deploy(&t, &[]));
    assert_eq!(second, planned.len());
    assert!(second < first / 4, "one edit sent {second} of {first} files: {planned:#?}");
    assert!(planned.iter().all(|p| !p.starts_with("static/")), "styles did not change: {planned:#?}");
    assert!(planned.iter().any(|p| p.starts_with("search/")), "the search files of the page changed");
    every_page_has_its_assets(&www(&t));
    // Old search fragments (named by content) would stay one deploy for pages cached a minute
    // ago; shards are named by number and rewritten in place, and an edit of the body past the
    // excerpt renames no fragment.
    assert!(planned.iter().any(|p| p.starts_with("search/s/")), "the shards changed: {planned:#?}");
    let stale: Vec<String> = www(&t).into_keys().filter(|p| !published(&t).contains_key(p)).collect();
    assert!(stale.iter().all(|p| p.starts_with("search/f/")), "{stale:?}");
    assert_eq!(uploaded(&deploy(&t, &[])), 0);
    assert_eq!(www(&t), published(&t), "retired files are gone after the next deploy");
}

#[test]
fn a_removed_page_is_gone_after_its_referrers_and_foreign_files_stay() {
    let t = SiteTest::new("deploy-remove");
    let t = example_with_target("deploy-remove", &folder_target(&t));
    t.build_ok();
    uploaded(&deploy(&t, &[]));
    std::fs::write(t.root.join("www/mine.txt"), "not gongshi's").unwrap();
    let removed =
        walkdir(&t.site().join("notices")).into_iter().find(|p| p.to_string_lossy().ends_with(".md")).unwrap();
    std::fs::remove_file(&removed).unwrap();
    t.build_ok();
    let gone: Vec<String> =
        www(&t).into_keys().filter(|p| p.ends_with(".html") && !published(&t).contains_key(p)).collect();
    assert!(!gone.is_empty());
    uploaded(&deploy(&t, &[]));
    uploaded(&deploy(&t, &[]));
    let after = www(&t);
    assert!(gone.iter().all(|p| !after.contains_key(p)), "{gone:?}");
    assert!(after.contains_key("mine.txt"), "only files gongshi deployed are deleted");
    let mut expected = published(&t);
    expected.insert("mine.txt".into(), b"not gongshi's".to_vec());
    assert_eq!(after, expected);
}

#[test]
fn many_deletes_need_confirm() {
    let t = SiteTest::new("deploy-confirm");
    let t = example_with_target("deploy-confirm", &folder_target(&t));
    t.build_ok();
    uploaded(&deploy(&t, &[]));
    let removed =
        walkdir(&t.site().join("notices")).into_iter().find(|p| p.to_string_lossy().ends_with(".md")).unwrap();
    std::fs::remove_file(&removed).unwrap();
    t.build_ok();
    let refused = deploy(&t, &["--max-deletes", "0"]);
    assert!(!refused.success && refused.stderr.contains("GS0804"), "{}", refused.stderr);
    assert!(refused.stderr.contains("什么都没有上传或删除"));
    uploaded(&deploy(&t, &["--max-deletes", "0", "--confirm"]));
}

#[test]
fn a_failed_deploy_exits_non_zero_and_says_what_was_deployed() {
    let t = SiteTest::new("deploy-fail");
    // The folder is a file: nothing can be put there.
    std::fs::create_dir_all(&t.root).unwrap();
    std::fs::write(t.root.join("www"), "a file").unwrap();
    let t = example_with_target("deploy-fail", &folder_target(&t));
    std::fs::write(t.root.join("www"), "a file").unwrap();
    t.build_ok();
    let run = deploy(&t, &[]);
    assert!(!run.success);
    assert!(run.stderr.contains("GS0805") && run.stderr.contains("已上传 0 /"), "{}", run.stderr);
    assert!(run.stderr.contains("没上传的页面仍是上一次的版本"), "{}", run.stderr);
}

#[test]
fn secrets_in_site_yaml_are_refused() {
    let t = example_with_target(
        "deploy-secret",
        "    - 名称: oss\n      类型: 对象存储\n      服务地址: https://oss-cn-hangzhou.aliyuncs.com\n      存储桶: b\n      secret_access_key: abc\n",
    );
    let run = t.run(&["check", "site"]);
    assert!(!run.success && run.stderr.contains("GS0800"), "{}", run.stderr);
}

#[test]
fn a_deploy_killed_at_any_point_and_run_again_ends_equal_to_the_output() {
    let t = SiteTest::new("deploy-kill");
    let t = example_with_target("deploy-kill", &folder_target(&t));
    deployed_then_restyled(&t);
    let mut interrupted = 0;
    for delay in [40, 120, 250, 400] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args(["deploy", "site", "--output", "public"])
            .current_dir(&t.root)
            .env("GONGSHI_DEPLOY_PUT_DELAY_MS", "2")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = www(&t);
        every_page_has_its_assets(&now);
        interrupted += usize::from(now != published(&t));
    }
    assert!(interrupted > 0, "no kill landed half way");
    let rest = deploy(&t, &[]);
    uploaded(&rest);
    every_page_has_its_assets(&www(&t));
    uploaded(&deploy(&t, &[]));
    assert_eq!(www(&t), published(&t));
}

/// Builds and deploys `t`, then changes the theme's stylesheet and builds again: the new
/// stylesheet's name changes every page, so the next deploy has something everywhere to send.
pub fn deployed_then_restyled(t: &SiteTest) {
    t.build_ok();
    uploaded(&deploy(t, &[]));
    let css = include_str!("../../themes/default/static/style.css");
    t.file("static/style.css", &format!("{css}\n.gs-kill {{ color: #111 }}\n"));
    t.build_ok();
}

pub fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() { stack.push(p) } else { out.push(p) }
        }
    }
    out.sort();
    out
}

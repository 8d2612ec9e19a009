//! `gongshi deploy` against real servers on 127.0.0.1 (issue 22): moto's S3 server and
//! OpenSSH's sshd, both started by `.ci/run` (`.ci/servers`), which says where they are in
//! `GONGSHI_TEST_S3` and `GONGSHI_TEST_SFTP` (with `GONGSHI_TEST_SFTP_USER`,
//! `GONGSHI_TEST_SFTP_KEY`, `GONGSHI_SFTP_KNOWN_HOSTS`, `AWS_ACCESS_KEY_ID`). Without them each
//! test prints that it is skipped and passes: `source .ci/servers && start_servers` to run them.

use crate::deploy::{
    deploy, deployed_then_restyled, every_page_has_its_assets, example_with_target, published, uploaded, walkdir,
};
use crate::support::{SiteTest, files_under};
use gongshi::deploy::target::Target;
use gongshi::deploy::target::s3::{Credentials, Object, S3};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

/// The S3 server's address, or `None` after saying the test is skipped.
fn s3_server(test: &str) -> Option<String> {
    let server = std::env::var("GONGSHI_TEST_S3").ok().filter(|v| !v.is_empty());
    if server.is_none() || Credentials::from_env().is_none() {
        println!("{test}: skipped: no S3 server (set by .ci/run: GONGSHI_TEST_S3, AWS_ACCESS_KEY_ID)");
        return None;
    }
    server
}

/// The example site deploying to bucket `bucket` under the prefix `junheng` (a 专栏), and the
/// bucket, created empty.
fn example_on_s3(test: &str, server: &str, bucket: &str) -> (SiteTest, S3) {
    let target = format!(
        "    - 名称: 对象存储\n      类型: 对象存储\n      服务地址: {server}\n      存储桶: {bucket}\n      前缀: /junheng/\n"
    );
    let t = example_with_target(test, &target);
    let mut s3 = S3::new(server, bucket, "junheng", "us-east-1", true, Credentials::from_env().unwrap()).unwrap();
    s3.create_bucket().unwrap_or_else(|f| panic!("{}", f.message));
    // Empties a bucket left by an earlier run on the same server.
    for path in s3.list().unwrap_or_else(|f| panic!("{}", f.message)) {
        s3.delete(&path).unwrap_or_else(|f| panic!("{}", f.message));
    }
    (t, s3)
}

/// Every object in the bucket, read back through the server.
fn bucket(s3: &S3) -> BTreeMap<String, Object> {
    let paths = s3.list().unwrap_or_else(|f| panic!("{}", f.message));
    paths
        .into_iter()
        .map(|p| {
            let object = s3.get(&p).unwrap_or_else(|f| panic!("{}", f.message));
            (p.clone(), object.unwrap_or_else(|| panic!("{p} is listed and cannot be read")))
        })
        .collect()
}

fn bytes_of(objects: &BTreeMap<String, Object>) -> BTreeMap<String, Vec<u8>> {
    objects.iter().map(|(p, o)| (p.clone(), o.bytes.clone())).collect()
}

/// What an object must be served with, worked out here apart from `deploy::meta`.
fn expected_headers(path: &str) -> (&'static str, &'static str) {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    let content_type = match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pdf" => "application/pdf",
        _ if path == "_headers" => "text/plain; charset=utf-8",
        _ => panic!("the example site has {path}: add its type here"),
    };
    let name = path.rsplit('/').next().unwrap_or(path);
    let hashed = name.split('.').any(|part| part.len() == 10 && part.bytes().all(|b| b.is_ascii_hexdigit()));
    // Search fragments are named by content; shards, folding tables and the school list by number.
    let content_named = path.starts_with("search/f/") || (path.starts_with("static/") && hashed);
    let cache = if content_named { "public, max-age=31536000, immutable" } else { "public, max-age=300" };
    (content_type, cache)
}

fn every_object_is_served_right(objects: &BTreeMap<String, Object>) {
    for (path, object) in objects {
        let (content_type, cache) = expected_headers(path);
        assert_eq!(object.content_type, content_type, "Content-Type of {path}");
        assert_eq!(object.cache_control, cache, "Cache-Control of {path}");
    }
}

/// Output files that are new or whose bytes changed between two builds.
fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    after.iter().filter(|(p, b)| before.get(*p) != Some(*b)).map(|(p, _)| p.clone()).collect()
}

/// Edits the first policy document (its title too when `retitle`, so that the lists, feeds and
/// pages that name it change); the name of its page's folder.
fn edit_one_policy(t: &SiteTest, retitle: bool) -> String {
    let doc = walkdir(&t.site().join("policies")).into_iter().find(|p| p.to_string_lossy().ends_with(".md")).unwrap();
    let mut text = std::fs::read_to_string(&doc).unwrap();
    if retitle {
        text = text.replacen("标题: ", "标题: （修订）", 1);
    }
    std::fs::write(&doc, format!("{text}\n\n补充一句说明。\n")).unwrap();
    doc.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Checks what one edit of the page in folder `slug` sent: exactly the files the build changed,
/// and of those only the page, search files and files that link to the page (lists, the home
/// page, feeds, the sitemap, a related document) or name a renamed search file.
fn one_edit_sent_only_what_changed(
    sent: usize,
    slug: &str,
    before: &BTreeMap<String, Vec<u8>>,
    after: &BTreeMap<String, Vec<u8>>,
) -> Vec<String> {
    let changed = changed(before, after);
    assert_eq!(sent, changed.len(), "uploads against the build's changed files: {changed:#?}");
    // The search index's numbered files (shards, fold tables, the school list) all carry the
    // index's generation and change with any edit of it, and a run of fragments is renamed whole
    // (README, search benchmark: the price of a cold query's bytes); everything else must be few.
    let pages = |files: &mut dyn Iterator<Item = &String>| files.filter(|p| !p.starts_with("search/")).count();
    let (sent_pages, all_pages) = (pages(&mut changed.iter()), pages(&mut before.keys()));
    assert!(
        sent_pages < all_pages / 4,
        "one edit sent {sent_pages} of {all_pages} files outside search/: {changed:#?}"
    );
    let page = changed.iter().filter(|p| p.ends_with(&format!("/{slug}/index.html"))).count();
    assert_eq!(page, 1, "the page of {slug} changed: {changed:#?}");
    // Search files renamed by the edit (a run of fragments, `search/f/8b9dba4f0f-3.json`): pages
    // naming them change.
    let renamed: Vec<&str> = before
        .keys()
        .filter(|p| p.starts_with("search/") && !after.contains_key(*p))
        .filter_map(|p| p.rsplit('/').next()?.rsplit_once('.').map(|(stem, _)| stem))
        .collect();
    for p in &changed {
        let old = before.get(p).map(|b| String::from_utf8_lossy(b).into_owned()).unwrap_or_default();
        let links = old.contains(&format!("{slug}/")) || renamed.iter().any(|r| old.contains(r));
        assert!(
            p.contains(&format!("/{slug}/")) || p.starts_with("search/") || links,
            "{p} should not change with {slug}: {changed:#?}"
        );
    }
    assert!(changed.iter().any(|p| p.starts_with("search/")), "the page's search files changed");
    changed
}

#[test]
fn deploys_the_example_to_s3_then_only_what_one_edit_changed() {
    let Some(server) = s3_server("deploy_servers::s3") else { return };
    let (t, s3) = example_on_s3("deploy-s3", &server, "gongshi-deploy");
    t.build_ok();
    let first = published(&t);
    assert_eq!(uploaded(&deploy(&t, &[])), first.len());
    let objects = bucket(&s3);
    every_object_is_served_right(&objects);
    assert_eq!(bytes_of(&objects), first, "the bucket holds the output, under the prefix");
    assert_eq!(uploaded(&deploy(&t, &[])), 0, "nothing changed, nothing sent");

    let slug = edit_one_policy(&t, true);
    t.build_ok();
    let second = published(&t);
    let sent = uploaded(&deploy(&t, &[]));
    let changed = one_edit_sent_only_what_changed(sent, &slug, &first, &second);
    println!("S3: first deploy {} files; after retitling {slug}, {sent}: {changed:?}", first.len());
    for way_in in ["feed.xml", "policies/index.html"] {
        assert!(changed.iter().any(|p| p == way_in), "a new title changes {way_in}: {changed:?}");
    }
    let objects = bucket(&s3);
    every_object_is_served_right(&objects);
    every_page_has_its_assets(&bytes_of(&objects));
    // Old search files stay one deploy for pages cached a minute ago, then go.
    let stale: Vec<&String> = objects.keys().filter(|p| !second.contains_key(*p)).collect();
    // A new title is in the document's fragment: its run is renamed, the old one stays a deploy.
    assert!(!stale.is_empty() && stale.iter().all(|p| p.starts_with("search/f/")), "{stale:?}");
    assert!(second.iter().all(|(p, b)| objects.get(p).is_some_and(|o| &o.bytes == b)));
    assert_eq!(uploaded(&deploy(&t, &[])), 0);
    assert_eq!(bytes_of(&bucket(&s3)), second, "retired files are gone after the next deploy");
}

#[test]
fn a_page_removed_from_the_site_leaves_s3_after_its_referrers() {
    let Some(server) = s3_server("deploy_servers::s3_remove") else { return };
    let (t, s3) = example_on_s3("deploy-s3-remove", &server, "gongshi-deploy-remove");
    t.build_ok();
    uploaded(&deploy(&t, &[]));
    let before = published(&t);
    let doc = walkdir(&t.site().join("notices")).into_iter().find(|p| p.to_string_lossy().ends_with(".md")).unwrap();
    std::fs::remove_file(&doc).unwrap();
    t.build_ok();
    let after = published(&t);
    let gone: Vec<String> =
        before.keys().filter(|p| p.ends_with(".html") && !after.contains_key(*p)).cloned().collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    let page = &gone[0];
    let slug = page.trim_end_matches("/index.html").rsplit('/').next().unwrap().to_string();
    let links = |bytes: &[u8]| String::from_utf8_lossy(bytes).contains(&format!("{slug}/"));
    let referrers: Vec<String> = after
        .iter()
        .filter(|(p, b)| before.get(*p).is_some_and(|old| links(old)) && !links(b))
        .map(|(p, _)| p.clone())
        .collect();
    assert!(!referrers.is_empty(), "lists linked to {page}");

    // Watch the bucket while the deploy runs slowly: whenever the page is gone, no referrer
    // still links to it.
    let mut child = gongshi_slowly(&t, 20);
    let mut looks = 0;
    while child.try_wait().unwrap().is_none() {
        if s3.get(page).unwrap().is_none() {
            for r in &referrers {
                let now = s3.get(r).unwrap().unwrap();
                assert!(!links(&now.bytes), "{page} was deleted while {r} still linked to it");
            }
        }
        looks += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(child.wait().unwrap().success());
    assert!(looks > 3, "the deploy was watched {looks} times");
    assert!(s3.get(page).unwrap().is_none(), "{page} is gone after the deploy");
    let objects = bucket(&s3);
    assert!(objects.keys().all(|p| after.contains_key(p) || p.starts_with("search/")), "only search files are left");
    uploaded(&deploy(&t, &[]));
    assert_eq!(bytes_of(&bucket(&s3)), after, "after two deploys the bucket is the output");
}

#[test]
fn an_s3_deploy_killed_at_any_point_and_run_again_ends_equal_to_the_output() {
    let Some(server) = s3_server("deploy_servers::s3_kill") else { return };
    let (t, s3) = example_on_s3("deploy-s3-kill", &server, "gongshi-deploy-kill");
    deployed_then_restyled(&t);
    let mut interrupted = 0;
    for delay in [100, 300, 600, 1000] {
        let mut child = gongshi_slowly(&t, 2);
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = bytes_of(&bucket(&s3));
        every_page_has_its_assets(&now);
        interrupted += usize::from(now != published(&t));
    }
    assert!(interrupted > 0, "no kill landed half way");
    uploaded(&deploy(&t, &[]));
    every_page_has_its_assets(&bytes_of(&bucket(&s3)));
    uploaded(&deploy(&t, &[]));
    let objects = bucket(&s3);
    every_object_is_served_right(&objects);
    assert_eq!(bytes_of(&objects), published(&t));
}

/// `gongshi deploy` started in the background, pausing `ms` before each upload.
fn gongshi_slowly(t: &SiteTest, ms: u32) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["deploy", "site", "--output", "public"])
        .current_dir(&t.root)
        .env("GONGSHI_DEPLOY_PUT_DELAY_MS", ms.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[test]
fn deploys_the_example_by_sftp_then_only_what_one_edit_changed() {
    let server = std::env::var("GONGSHI_TEST_SFTP").ok().filter(|v| !v.is_empty());
    let (Some(server), Ok(user), Ok(key)) =
        (server, std::env::var("GONGSHI_TEST_SFTP_USER"), std::env::var("GONGSHI_TEST_SFTP_KEY"))
    else {
        println!("deploy_servers::sftp: skipped: no SFTP server (set by .ci/run: GONGSHI_TEST_SFTP)");
        return;
    };
    let (host, port) = server.rsplit_once(':').unwrap();
    let t = SiteTest::new("deploy-sftp");
    // The server is this machine: the remote folder is read back from the disk.
    let remote: PathBuf = t.root.join("portal/www/junheng");
    let target = format!(
        "    - 名称: 门户\n      类型: sftp\n      主机: {host}\n      端口: {port}\n      用户名: {user}\n      密钥文件: {key}\n      文件夹: {}\n",
        remote.display()
    );
    let t = example_with_target("deploy-sftp", &target);
    t.build_ok();
    let first = published(&t);
    assert_eq!(uploaded(&deploy(&t, &[])), first.len());
    assert_eq!(files_under(&remote), first, "the remote folder holds the output, no temporary files");
    assert_eq!(uploaded(&deploy(&t, &[])), 0);

    let slug = edit_one_policy(&t, false);
    t.build_ok();
    let second = published(&t);
    let sent = uploaded(&deploy(&t, &[]));
    let changed = one_edit_sent_only_what_changed(sent, &slug, &first, &second);
    println!("SFTP: first deploy {} files; after editing the text of {slug}, {sent}: {changed:?}", first.len());
    let now = files_under(&remote);
    every_page_has_its_assets(&now);
    let stale: Vec<&String> = now.keys().filter(|p| !second.contains_key(*p)).collect();
    // Only fragments are named by content (shards are rewritten in place), so an edit of the body
    // past the excerpt leaves nothing stale.
    assert!(stale.iter().all(|p| p.starts_with("search/f/")), "{stale:?}");
    assert_eq!(uploaded(&deploy(&t, &[])), 0);
    assert_eq!(files_under(&remote), second, "retired files are gone after the next deploy");
}

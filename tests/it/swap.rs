//! Publishing (issue 13): the same output however it is built (first build, rebuild, one thread
//! or all, from a spare whatever it holds), unchanged files linked or kept rather than rewritten,
//! and a build killed at any point of publishing leaves the old or the new output, whole.

use crate::support::{SiteTest, doc, files_under};
use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A site of `docs` documents with data, so every kind of output file is there.
fn site(name: &str, docs: usize) -> SiteTest {
    let t = SiteTest::with_site(name);
    for i in 0..docs {
        let front = format!(
            "title: 关于第{i}批结对共建的通知\ndoc_no: 连区教〔2017〕{}号\ndate: 2017-0{}-1{}\ncategory: 类{}\nkeywords: [结对, 交流]",
            i + 1,
            i % 9 + 1,
            i % 10,
            i % 7
        );
        let body = format!(
            "## 一、目标\n\n墟沟小学与庙岭小学结对，第{i}批。\n\n| 学校 | 人数 |\n|---|--:|\n| 墟沟小学 | {i} |"
        );
        t.file(&format!("policies/p{i:04}.md"), &doc(&front, &body));
    }
    t.file(
        "data/schools.yaml",
        "schools:\n  - {id: xugou, name: 墟沟小学, stage: 小学, town: 墟沟街道, location: 城区}\n  - {id: miaoling, name: 庙岭小学, stage: 小学, town: 墟沟街道, location: 城区}\n",
    );
    t
}

fn gongshi(t: &SiteTest, site: &str, out: &Path, threads: Option<&str>) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gongshi"));
    command.args(["build", site, "--output"]).arg(out).current_dir(&t.root).env("SOURCE_DATE_EPOCH", &t.epoch);
    if let Some(n) = threads {
        command.env("RAYON_NUM_THREADS", n);
    }
    command.stdout(Stdio::null()).stderr(Stdio::null());
    command
}

fn build(t: &SiteTest, site: &str, out: &Path, threads: Option<&str>) -> BTreeMap<String, Vec<u8>> {
    assert!(gongshi(t, site, out, threads).status().unwrap().success(), "build of {site} failed");
    files_under(out)
}

fn inode(path: &Path) -> u64 {
    std::fs::metadata(path).unwrap().ino()
}

#[test]
fn first_build_rebuild_and_one_thread_give_identical_output() {
    let t = site("publish-identical", 60);
    let out = t.out();
    let first = build(&t, "site", &out, None);
    assert!(first.len() > 100, "{} files", first.len());
    let page = out.join("policies/p0001/index.html");
    let before = inode(&page);
    let rebuilt = build(&t, "site", &out, None);
    assert!(rebuilt == first, "a rebuild after no change differs");
    assert_eq!(inode(&page), before, "an unchanged page is linked from the old output, not written again");
    // the third build brings the first output (kept as the spare) up to date instead
    assert!(t.root.join(".gongshi/public/.gongshi-output").is_file(), "the replaced output is kept as the spare");
    let third = build(&t, "site", &out, None);
    assert!(third == first, "a rebuild from the spare differs");
    assert_eq!(inode(&page), before, "an unchanged page of the spare is kept, not written again");
    let again = build(&t, "site", &t.root.join("again"), None);
    let single = build(&t, "site", &t.root.join("single"), Some("1"));
    assert!(again == first, "two first builds differ");
    assert!(single == first, "a build on one thread differs from one on all threads");
}

#[test]
fn a_rebuild_writes_changed_files_anew_and_never_touches_the_live_ones() {
    let t = site("publish-changed", 20);
    t.build_ok();
    let (changed, kept) = (t.out().join("policies/p0003/index.html"), t.out().join("policies/p0004/index.html"));
    let (old_changed, old_kept) = (std::fs::read(&changed).unwrap(), inode(&kept));
    let keep_open = t.root.join("held");
    std::fs::hard_link(&changed, &keep_open).unwrap();
    t.file("policies/p0003.md", &doc("title: 改过的标题\ndate: 2017-03-13", "新的正文。"));
    t.build_ok();
    assert!(t.read("policies/p0003/index.html").contains("改过的标题"));
    assert_eq!(inode(&kept), old_kept);
    // the old version (still reachable through another link) was not modified in place
    assert_eq!(std::fs::read(&keep_open).unwrap(), old_changed);
}

#[test]
fn a_rebuild_from_the_spare_gives_the_same_output_whatever_the_spare_holds() {
    let t = site("publish-spare", 30);
    let out = t.out();
    let first = build(&t, "site", &out, None);
    build(&t, "site", &out, None);
    let cache = t.root.join(".gongshi");
    assert_eq!(std::fs::read_to_string(cache.join(".gitignore")).unwrap(), "*\n", "the spare is never committed");
    let spare = cache.join("public");
    let live_page = std::fs::read(out.join("policies/p0001/index.html")).unwrap();
    // Spoil the spare every way a stray hand or a killed build could. Its files may be links
    // to the live output's, so each is unlinked before it is written.
    let put = |rel: &str, text: &str| {
        let at = spare.join(rel);
        let _ = std::fs::remove_file(&at);
        let _ = std::fs::remove_dir_all(&at);
        std::fs::create_dir_all(at.parent().unwrap()).unwrap();
        std::fs::write(at, text).unwrap();
    };
    put("policies/p0001/index.html", "旧的一页");
    put("extra.html", "多出来的");
    put("old/deep/x.txt", "多出来的文件夹");
    put("policies/p0002", "一个文件占了文件夹的位置");
    std::fs::remove_file(spare.join("robots.txt")).unwrap();
    put("robots.txt/inside.txt", "一个文件夹占了文件的位置");
    let (outside, elsewhere) = (t.root.join("outside.txt"), t.root.join("elsewhere"));
    std::fs::write(&outside, "外面的文件").unwrap();
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("keep.txt"), "外面的文件夹").unwrap();
    std::fs::remove_file(spare.join("sitemap.xml")).unwrap();
    std::os::unix::fs::symlink(&outside, spare.join("sitemap.xml")).unwrap();
    std::fs::remove_dir_all(spare.join("policies/p0003")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, spare.join("policies/p0003")).unwrap();
    assert_eq!(std::fs::read(out.join("policies/p0001/index.html")).unwrap(), live_page, "the live page is untouched");

    let third = build(&t, "site", &out, None);
    assert!(third == first, "a rebuild from a spoiled spare differs from the first build");
    for link in ["sitemap.xml", "policies/p0003"] {
        assert!(!std::fs::symlink_metadata(out.join(link)).unwrap().file_type().is_symlink(), "{link} is still a link");
    }
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "外面的文件");
    assert_eq!(std::fs::read_to_string(elsewhere.join("keep.txt")).unwrap(), "外面的文件夹");
    // deleting the cache is safe: the next build starts afresh
    std::fs::remove_dir_all(&cache).unwrap();
    assert!(build(&t, "site", &out, None) == first);
    // a spare without gongshi's marker is not used but replaced
    std::fs::remove_file(spare.join(".gongshi-output")).unwrap();
    std::fs::write(spare.join("junk.txt"), "不是 gongshi 写的").unwrap();
    assert!(build(&t, "site", &out, None) == first);
    assert!(spare.join(".gongshi-output").is_file() && !spare.join("junk.txt").exists());
}

/// splitmix64, for delays that are the same on every run.
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Waits until `child` starts publishing (its staging folder appears) or exits; returns when.
fn publishing(child: &mut Child, root: &Path) -> Option<Instant> {
    let staging = root.join(format!(".public.gongshi-staging-{}", child.id()));
    loop {
        if staging.exists() {
            return Some(Instant::now());
        }
        if child.try_wait().unwrap().is_some() {
            return None;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

#[test]
fn a_build_killed_while_publishing_leaves_the_old_or_the_new_output_whole() {
    let t = site("publish-killed", 600);
    // a second version: one document changed, so a rebuild links most files and writes some
    std::fs::create_dir_all(t.root.join("other")).unwrap();
    for entry in std::fs::read_dir(t.site()).unwrap().flatten() {
        let to = t.root.join("other").join(entry.file_name());
        Command::new("cp").arg("-r").arg(entry.path()).arg(&to).status().unwrap();
    }
    std::fs::write(t.root.join("other/policies/p0007.md"), doc("title: 另一版\ndate: 2017-01-01", "另一版。")).unwrap();
    let versions = [build(&t, "site", &t.root.join("a"), None), build(&t, "other", &t.root.join("b"), None)];
    assert!(versions[0].len() > 1000 && versions[0] != versions[1], "{} files", versions[0].len());
    let out = t.out();
    build(&t, "site", &out, None);
    build(&t, "other", &out, None);
    // How long publishing takes, from the staging folder's appearance to the end, when the
    // spare is brought up to date (the shorter way). A kill during that takes the spare, so
    // the next build stages afresh (the longer way): the rounds try both.
    let mut child = gongshi(&t, "site", &out, None).spawn().unwrap();
    let started = publishing(&mut child, &t.root).expect("the build publishes");
    child.wait().unwrap();
    let span = started.elapsed().as_micros() as u64 + 1;
    let (mut seed, mut during, mut killed) = (13, [0, 0], Vec::new());
    for round in 0..12 {
        let now = files_under(&out);
        let current = versions.iter().position(|v| *v == now);
        let mut current = current.unwrap_or_else(|| panic!("round {round}: the output is neither version, whole"));
        let spare = t.root.join(".gongshi/public/.gongshi-output");
        // Both ways in turn: staging afresh (no spare), and bringing the spare up to date (a
        // whole build first when a kill took it).
        if round % 2 == 0 {
            let _ = std::fs::remove_dir_all(t.root.join(".gongshi"));
        } else if !spare.is_file() {
            build(&t, ["other", "site"][current], &out, None);
            current = 1 - current;
        }
        let from_spare = spare.is_file();
        let mut child = gongshi(&t, ["other", "site"][current], &out, None).spawn().unwrap();
        if publishing(&mut child, &t.root).is_some() {
            std::thread::sleep(Duration::from_micros(next(&mut seed) % (span * 5 / 4)));
            during[usize::from(from_spare)] += usize::from(child.try_wait().unwrap().is_none());
        }
        let _ = child.kill();
        child.wait().unwrap();
        killed.push(child.id());
    }
    let now = files_under(&out);
    assert!(versions.contains(&now), "after the last kill the output is neither version, whole");
    // [staging afresh, bringing the spare up to date]
    assert!(during[0] + during[1] >= 6 && during[0] >= 2 && during[1] >= 2, "kills while publishing: {during:?} of 12");
    // later builds clear what the killed ones left; the deleting runs in the background and a
    // build waits for it only briefly, so on a busy machine it may take more than one
    let killed_left = || -> Vec<String> {
        let names = std::fs::read_dir(&t.root).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned());
        names.filter(|n| killed.iter().any(|pid| n.contains("gongshi-") && n.ends_with(&format!("-{pid}")))).collect()
    };
    // A loaded machine (other builds on both cores) can need many; each is small.
    for _ in 0..30 {
        if killed_left().is_empty() {
            break;
        }
        build(&t, "site", &out, None);
    }
    let left = killed_left();
    assert!(left.is_empty(), "left behind: {left:?}");
}

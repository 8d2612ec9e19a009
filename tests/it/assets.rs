//! Content-named files (issue 22): styles, scripts and search files carry a hash of their bytes,
//! so they may be cached for good; pages, charts and attachments keep their names.

use crate::support::{SiteTest, asset_in};
use std::collections::BTreeSet;
use std::path::Path;

fn example(t: &SiteTest) -> std::path::PathBuf {
    let site = t.site();
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &site);
    site
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn names(t: &SiteTest) -> BTreeSet<String> {
    t.out_files().into_keys().collect()
}

#[test]
fn a_rebuild_without_changes_keeps_every_name_and_a_css_line_renames_only_the_stylesheet() {
    let t = SiteTest::new("assets-rename");
    example(&t);
    t.build_ok();
    let first = names(&t);
    t.build_ok();
    assert_eq!(names(&t), first, "an unchanged site keeps every name");
    let css = include_str!("../../themes/default/static/style.css");
    t.file("static/style.css", &format!("{css}\n.gs-added {{ color: #333 }}\n"));
    t.build_ok();
    let second = names(&t);
    let gone: Vec<&String> = first.difference(&second).collect();
    let new: Vec<&String> = second.difference(&first).collect();
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].starts_with("static/style.") && new.len() == 1 && new[0].starts_with("static/style."), "{new:?}");
    let page = t.html("policies/index.html");
    assert_eq!(page.attrs("link[rel=stylesheet]", "href")[0], format!("../{}", new[0]));
}

#[test]
fn search_fragments_are_named_by_content_and_shards_by_number_and_generation() {
    let t = SiteTest::new("assets-search");
    example(&t);
    t.build_ok();
    let files = t.out_files();
    let page = t.read("search/index.html");
    let start = page.find("id=\"search-manifest\">").unwrap() + "id=\"search-manifest\">".len();
    let manifest: serde_json::Value =
        serde_json::from_str(&page[start..start + page[start..].find("</script>").unwrap()]).unwrap();
    // Shards `search/s/N.txt`, each starting with the generation the manifest carries.
    let generation = manifest["g"].as_str().unwrap();
    assert_eq!(generation.len(), gongshi::render::assets::HASH_LEN);
    let shards = manifest["shards"].as_u64().unwrap();
    assert_eq!(files.keys().filter(|p| p.starts_with("search/s/")).count() as u64, shards);
    for n in 0..shards {
        let shard = String::from_utf8(files[&format!("search/s/{n}.txt")].clone()).unwrap();
        assert_eq!(shard.lines().next(), Some(generation), "search/s/{n}.txt");
    }
    for b in manifest["fold"].as_str().unwrap().split(',') {
        assert!(files.contains_key(&format!("search/fold/{b}.txt")), "{b}");
    }
    assert!(files.contains_key("search/schools.json"));
    // Fragments: run by run, `search/f/HASH-I.json`, HASH that of the run's fragments together.
    let mut fragments = 0;
    for run in manifest["f"].as_str().unwrap().split(',') {
        let (hash, len) = run.split_at(gongshi::render::assets::HASH_LEN);
        let len: u64 = len.parse().unwrap();
        let bytes: Vec<&[u8]> = (0..len).map(|i| files[&format!("search/f/{hash}-{i}.json")].as_slice()).collect();
        assert_eq!(gongshi::render::assets::short_hash(&bytes.join(&b'\n')), hash);
        fragments += len;
    }
    // Kinds as runs: a letter, then a count when more than one (`s19np3`).
    let kinds = manifest["kinds"].as_str().unwrap();
    let records: u64 = kinds
        .split(|c: char| c.is_ascii_lowercase())
        .skip(1)
        .map(|n| if n.is_empty() { 1 } else { n.parse::<u64>().unwrap() })
        .sum();
    assert_eq!(fragments, records);
    assert_eq!(files.keys().filter(|p| p.starts_with("search/f/")).count() as u64, records);
}

#[test]
fn headers_keep_hashed_files_for_good_and_pages_for_minutes() {
    let t = SiteTest::new("assets-headers");
    example(&t);
    t.build_ok();
    let files = t.out_files();
    let headers = t.read("_headers");
    let style = asset_in(&files, "static/style.css");
    assert!(
        headers.contains(&format!("/{style}\n  Cache-Control: public, max-age=31536000, immutable\n")),
        "{headers}"
    );
    assert!(headers.contains("/search/f/*\n  Cache-Control: public, max-age=31536000, immutable\n"));
    assert!(headers.contains("/policies/*\n  Cache-Control: public, max-age=300\n"));
    assert!(headers.contains("/search/\n  Cache-Control: public, max-age=300\n"));
    // Charts and attachments keep their names.
    assert!(files.keys().any(|p| p.starts_with("files/")));
    assert!(!files.keys().any(|p| p.starts_with("files/") && gongshi::render::assets::is_content_named(p)));
}

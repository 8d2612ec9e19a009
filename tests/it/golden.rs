//! The output of the example site and of a generated 300-document corpus, held to a committed
//! list of every file's hash (tests/golden/*.txt), so that a speed change cannot change what is
//! published without the list showing it in review.
//!
//! Two things are allowed to differ and are left out: the search index (search/ apart from its
//! page) and the content hashes in asset names (`style.d159c2dac4.css` is compared as
//! `style.css`), because the search work renames and re-encodes exactly those. A page whose
//! bytes change in any other way fails here; `GONGSHI_BLESS=1 cargo test --test it golden`
//! rewrites the lists after a deliberate change.

#[path = "../../benches/corpus.rs"]
#[allow(dead_code)]
pub(crate) mod corpus;

use crate::support::{SiteTest, files_under};
use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

/// 2026-01-01: after every date of the example and of the generated corpus.
const EPOCH_2026: &str = "1767225600";

#[test]
fn the_example_site_publishes_the_same_files() {
    let t = SiteTest::new("golden-example");
    let out = t.out();
    build(Path::new(env!("CARGO_MANIFEST_DIR")).join("content").as_path(), &out);
    compare(&out, "example.txt");
}

#[test]
fn a_generated_corpus_publishes_the_same_files() {
    let t = SiteTest::new("golden-corpus");
    let spec = corpus::Spec { docs: 300, schools: 60, pairings: 120, seed: 42 };
    corpus::generate(&t.site(), &spec).unwrap();
    build(&t.site(), &t.out());
    compare(&t.out(), "corpus-300.txt");
}

fn build(site: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .arg("build")
        .arg(site)
        .arg("--output")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", EPOCH_2026)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

fn compare(out: &Path, name: &str) {
    let mut actual = String::new();
    for (path, bytes) in files_under(out) {
        if left_out(&path) {
            continue;
        }
        let hash = gongshi::render::assets::sha256_hex(&unhashed(&bytes));
        writeln!(actual, "{} {}", &hash[..16], unhashed_name(&path)).unwrap();
    }
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name);
    if std::env::var("GONGSHI_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    let differ: Vec<&str> = {
        let old: std::collections::BTreeSet<&str> = expected.lines().collect();
        let new: std::collections::BTreeSet<&str> = actual.lines().collect();
        old.symmetric_difference(&new).copied().take(20).collect()
    };
    assert!(
        differ.is_empty(),
        "the output differs from tests/golden/{name} in these lines (old and new):\n{}\n\
         After a deliberate change: GONGSHI_BLESS=1 cargo test --test it golden",
        differ.join("\n")
    );
}

/// The search index may be re-encoded; its page may not change.
fn left_out(path: &str) -> bool {
    path.starts_with("search/") && path != "search/index.html"
}

fn unhashed_name(path: &str) -> String {
    String::from_utf8(unhashed(path.as_bytes())).unwrap()
}

/// `name.0123456789.ext` → `name.ext`: a dot, ten lowercase hex digits, a dot, after a name.
fn unhashed(bytes: &[u8]) -> Vec<u8> {
    let hex = |b: &u8| b.is_ascii_digit() || (b'a'..=b'f').contains(b);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let tail = &bytes[i..];
        if tail.len() > 12
            && tail[0] == b'.'
            && tail[1..11].iter().all(hex)
            && tail[11] == b'.'
            && i > 0
            && bytes[i - 1].is_ascii_alphanumeric()
        {
            i += 11;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

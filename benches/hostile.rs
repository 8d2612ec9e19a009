//! Hostile Markdown that once took quadratic time: the build must grow linearly with it.
//!
//! `cargo bench --bench hostile` builds small sites whose one document holds N identical
//! headings, N lines nested 32 quotes or lists deep (the most a line may nest), or one line
//! nesting 100,000 quotes (refused), for N and 2N, and prints each time with the ratio to the
//! previous size: about 2 for linear growth, 4 for quadratic. A benchmark, not a test: the
//! figures depend on the machine, only the ratios matter.

use std::path::Path;
use std::time::Instant;

fn site(dir: &Path, body: &str) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir.join("policies")).expect("create the site");
    std::fs::write(dir.join("site.yaml"), "title: 基准\nbase_url: https://x.example.cn/\nissuer: 教育局\n")
        .expect("write site.yaml");
    std::fs::write(dir.join("policies/a.md"), format!("---\ntitle: 甲\ndate: 2017-01-01\n---\n{body}"))
        .expect("write the document");
}

fn seconds(dir: &Path) -> (f64, bool) {
    let options = gongshi::Options {
        deny_warnings: false,
        load: gongshi::load::LoadOptions::default(),
        model: gongshi::model::BuildOptions {
            drafts: false,
            today: gongshi::model::date::parse_date("2020-01-01").expect("a date"),
            base_url: None,
        },
    };
    let started = Instant::now();
    let built = gongshi::build(dir, &options);
    (started.elapsed().as_secs_f64(), built.output.is_some())
}

/// A kind of hostile input: its name and the body of N of it.
type Case = (&'static str, fn(usize) -> String);

fn main() {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("bench-hostile");
    let cases: [Case; 3] = [
        ("identical headings", |n| "## 标题\n\n".repeat(n)),
        ("lines of 32 nested quotes", |n| format!("{} x\n\n", ">".repeat(32)).repeat(n)),
        ("lines of 32 nested lists", |n| format!("{}x\n\n", "- ".repeat(32)).repeat(n)),
    ];
    println!("| input | N | seconds | ratio to N/2 | built |\n|---|--:|--:|--:|---|");
    for (name, make) in cases {
        let mut last: Option<f64> = None;
        for n in [2_000, 4_000, 8_000] {
            let dir = root.join(name.replace(' ', "-"));
            site(&dir, &make(n));
            let (took, built) = seconds(&dir);
            let ratio = last.map_or_else(|| "—".to_string(), |l| format!("{:.1}", took / l));
            println!("| {name} | {n} | {took:.3} | {ratio} | {built} |");
            last = Some(took);
        }
    }
    let dir = root.join("one-deep-line");
    site(&dir, &format!("{} x\n", ">".repeat(100_000)));
    let (took, built) = seconds(&dir);
    println!("| one line nesting 100,000 quotes | 1 | {took:.3} | — | {built} (refused) |");
}

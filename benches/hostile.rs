//! Hostile input: Markdown that once took quadratic time, and crafted spreadsheets that once
//! exhausted memory.
//!
//! `cargo bench --bench hostile` builds small sites whose one document holds N identical
//! headings, N lines nested 32 quotes or lists deep (the most a line may nest), or one line
//! nesting 100,000 quotes (refused), for N and 2N, and prints each time with the ratio to the
//! previous size: about 2 for linear growth, 4 for quadratic. Then it builds, with the release
//! binary as a child process, a site holding every crafted spreadsheet of issue 20 in files/
//! (a cell at XFD1048576, a shared-strings count of 99,999,999,999, three zip bombs of 101 MB
//! each, a sheet that inflates to 300 MB), and the same site without them, and prints the build's peak memory (wait4's ru_maxrss), which must stay under 200 MB.
//! A benchmark, not a test: the figures depend on the machine, only the ratios and the bound
//! matter.

#[path = "../tests/it/crafted.rs"]
mod crafted;
#[allow(dead_code)]
mod measure;

use std::path::Path;
use std::process::Command;
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
    // First, while this process is small: Linux counts a child's peak from before its exec,
    // that is this process's own, so the Markdown builds below would show in it.
    spreadsheets(&root.join("crafted-spreadsheets"));
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

/// The crafted spreadsheets of issue 20 in files/ (unreferenced: each is still read for its
/// preview and the PII guard): the build's peak memory, measured from outside.
fn spreadsheets(dir: &Path) {
    use crafted::{Part, crafted_xlsx, one_sheet, text_cell, zip_bomb};
    site(dir, "正文。\n");
    let files = dir.join("files");
    std::fs::create_dir_all(&files).expect("create files/");
    let last = format!(
        "<row r=\"1\">{}</row><row r=\"1048576\">{}</row>",
        text_cell("A1", ""),
        text_cell("XFD1048576", "末格")
    );
    let sst = "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"99999999999\" \
               uniqueCount=\"99999999999\"><si><t>学校</t></si></sst>";
    let strings = crafted_xlsx(
        &[Part { name: "Sheet1", hidden: false, data: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" }],
        Some(sst),
        0,
    );
    let bomb = zip_bomb();
    // A sheet that itself inflates to 300 MB of spaces (about 300 KB on disk).
    let data = format!("<row r=\"1\">{}</row>", text_cell("A1", "学校"));
    let sheet_bomb = crafted_xlsx(&[Part { name: "Sheet1", hidden: false, data: &data }], None, 300 << 20);
    let crafted: [(&str, &[u8]); 6] = [
        ("工作表炸弹.xlsx", &sheet_bomb),
        ("末格.xlsx", &one_sheet(&last)),
        ("共享字符串.xlsx", &strings),
        ("炸弹1.xlsx", &bomb),
        ("炸弹2.xlsx", &bomb),
        ("炸弹3.xlsx", &bomb),
    ];
    let mut bytes = 0;
    for (name, data) in crafted {
        std::fs::write(files.join(name), data).expect("write a crafted workbook");
        bytes += data.len();
    }
    println!("| site | bytes in files/ | seconds | peak MiB | under 200 MB |\n|---|--:|--:|--:|---|");
    let plain = dir.with_extension("plain");
    site(&plain, "正文。\n");
    for (name, at, bytes) in [
        ("the same site without them", plain.as_path(), 0),
        ("XFD1048576, 99,999,999,999 strings, 3 zip bombs, a 300 MB sheet", dir, bytes),
    ] {
        let out = at.with_extension("out");
        let _ = std::fs::remove_dir_all(&out);
        let mut command = Command::new(env!("CARGO_BIN_EXE_gongshi"));
        command.arg("build").arg(at).arg("--output").arg(&out).env("SOURCE_DATE_EPOCH", "1577836800");
        match measure::run(command, &at.with_extension("log")) {
            Ok(run) => {
                let mib = run.rss_kib as f64 / 1024.0;
                println!("| {name} | {bytes} | {:.3} | {mib:.1} | {} |", run.wall, mib < 200.0);
            }
            Err(e) => println!("| {name}: build failed: {e} | {bytes} | — | — | — |"),
        }
    }
    println!();
}

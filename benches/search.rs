//! Search benchmark (issue 8): gongshi's search against Pagefind over the same built HTML.
//!
//! ```text
//! cd benches/search && npm ci      # once: Pagefind and playwright-core
//! cargo bench --bench search
//! ```
//!
//! Builds the example site (content/) and two generated sites, of 1,000 documents and 100 schools
//! and of 10,000 documents and 1,000 schools, into target/bench-search/, writes a fixed list of typical queries for each, and runs
//! benches/search/bench.mjs on each: it indexes a copy of the HTML with Pagefind and, in headless
//! Chromium (Debian's /usr/bin/chromium, or $CHROMIUM), prints per query the rank of the expected
//! page and the bytes a cold browser downloads, for both, with the index sizes on disk. It is a
//! benchmark, not a test: it reports and exits 0 whatever the figures; it fails only when it
//! cannot run (a build or the script failing).

// benches/corpus.rs; SITE_MARK is gen_corpus's only
#[allow(dead_code)]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Query, expected page, what it shows. The example's: the positive cases of
/// tests/browser/search.mjs.
type Case = (&'static str, &'static str, &'static str);

const EXAMPLE: &[Case] = &[
    ("交流轮岗补充说明", "notices/2017-jiaoliu-buchong-shuoming/", "simplified finds traditional"),
    ("連雲區落實三年行動計劃", "policies/lianqujiao-2017-89/", "traditional finds simplified"),
    ("xugou", "schools/xugou-xiaoxue/", "full pinyin"),
    ("Xu Gou", "schools/xugou-xiaoxue/", "spaced, capitalised pinyin"),
    ("xgxx", "schools/xugou-xiaoxue/", "initials"),
    ("mlxx", "schools/miaoling-xiaoxue/", "initials"),
    ("连区教〔2017〕89号", "policies/lianqujiao-2017-89/", "doc_no"),
    ("连区教[2017]89号", "policies/lianqujiao-2017-89/", "doc_no, other brackets"),
    ("89号", "policies/lianqujiao-2017-89/", "number part of a doc_no"),
    ("庙岭", "schools/miaoling-xiaoxue/", "two characters"),
    ("结对 公示", "notices/2017-jieduigongjian-anpai/", "two terms ANDed"),
];

/// A generated site a tenth of the size (seed 42), with queries of the same kinds picked from it.
const CORPUS_1K: corpus::Spec = corpus::Spec { docs: 1_000, schools: 100, pairings: 200, seed: 42 };
const CORPUS_1K_CASES: &[Case] = &[
    ("海明中学", "schools/school-0044/", "school name"),
    ("haiming", "schools/school-0044/", "full pinyin"),
    ("hmzx", "schools/school-0044/", "initials"),
    ("连政发〔2024〕86号", "policies/lianzhengfa-2024-86/", "doc_no"),
    ("连政发(2024)86号", "policies/lianzhengfa-2024-86/", "doc_no, other brackets"),
    ("〔2024〕86号", "policies/lianzhengfa-2024-86/", "number part with its year"),
    (
        "連雲區人民政府關於2024年教育經費保障工作的決定",
        "policies/lianzhengfa-2024-86/",
        "traditional title of a simplified document",
    ),
    ("银桥", "schools/school-0045/", "two characters (a school)"),
    ("港银学校 校舍安全", "notices/notice-0193/", "two terms ANDed"),
    (
        "墟沟中学选派37名物理教师到中云中学交流任教",
        "policies/lianqujiao-2023-26/",
        "phrase of a traditional body, typed simplified",
    ),
];

/// The generated corpus (seed 42) and typical queries picked from it. Each number in a 文号
/// recurs across issuers and years (57号 is on 20 documents), so the number part is asked with
/// its year.
const CORPUS: corpus::Spec = corpus::Spec { docs: 10_000, schools: 1_000, pairings: 2_000, seed: 42 };
const CORPUS_CASES: &[Case] = &[
    ("明枫中学", "schools/school-0777/", "school name"),
    ("mingfeng", "schools/school-0777/", "full pinyin (明峰小学 reads the same)"),
    ("mfzx", "schools/school-0777/", "initials"),
    ("连政发〔2021〕57号", "policies/lianzhengfa-2021-57/", "doc_no"),
    ("连政发(2021)57号", "policies/lianzhengfa-2021-57/", "doc_no, other brackets"),
    ("〔2021〕57号", "policies/lianzhengfa-2021-57/", "number part with its year"),
    (
        "連雲區教育局關於宿城街道教育督導評估有關事項的決定",
        "policies/lianqujiaofa-2019-251/",
        "traditional title of a simplified document",
    ),
    ("霞石", "schools/school-0430/", "two characters (a school, named in 57 documents)"),
    ("杨江中学 督导评估", "notices/notice-0393/", "two terms ANDed"),
    (
        "礼河学校选派33名物理教师到明桥小学交流任教",
        "policies/lianjiaodu-2019-274/",
        "phrase of a traditional body, typed simplified",
    ),
];

/// Build dates: the browser tests' for the example; 2026-01-01 for the corpus, after all its dates.
const EXAMPLE_EPOCH: &str = "1795392000";
const CORPUS_EPOCH: &str = "1767225600";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("search bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script_dir = manifest.join("benches/search");
    if !script_dir.join("node_modules/pagefind").is_dir() || !script_dir.join("node_modules/playwright-core").is_dir() {
        println!(
            "search bench skipped: run `npm ci` in benches/search first (it installs Pagefind and playwright-core)"
        );
        return Ok(());
    }
    // target/bench-search, beside target/tmp
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let out = tmp.parent().unwrap_or(tmp).join("bench-search");

    let example = out.join("example");
    build(&manifest.join("content"), &example.join("site"), EXAMPLE_EPOCH)?;
    bench(&script_dir, &example, EXAMPLE, "示例网站 / the example site (content/)")?;

    generated(&script_dir, &out.join("corpus-1k"), &CORPUS_1K, CORPUS_1K_CASES)?;
    generated(&script_dir, &out.join("corpus"), &CORPUS, CORPUS_CASES)
}

/// Generates the corpus `spec` into `dir`/source, builds it and benches `cases` on it.
fn generated(script_dir: &Path, dir: &Path, spec: &corpus::Spec, cases: &[Case]) -> Result<(), String> {
    let source = dir.join("source");
    if source.exists() {
        std::fs::remove_dir_all(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    }
    corpus::generate(&source, spec).map_err(|e| format!("{}: {e}", source.display()))?;
    build(&source, &dir.join("site"), CORPUS_EPOCH)?;
    let title = format!(
        "生成的网站 / a generated site: {} documents, {} schools, {} pairings (seed {})",
        spec.docs, spec.schools, spec.pairings, spec.seed
    );
    bench(script_dir, dir, cases, &title)
}

fn build(source: &Path, site: &Path, epoch: &str) -> Result<(), String> {
    let started = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .arg("build")
        .arg(source)
        .arg("--output")
        .arg(site)
        .env("SOURCE_DATE_EPOCH", epoch)
        .status()
        .map_err(|e| format!("cannot run gongshi: {e}"))?;
    if !status.success() {
        return Err(format!("building {} failed", source.display()));
    }
    eprintln!("search bench: built {} in {:.1} s", site.display(), started.elapsed().as_secs_f64());
    Ok(())
}

/// Writes the cases beside the site and runs bench.mjs on them; it prints the report.
fn bench(script_dir: &Path, dir: &Path, cases: &[Case], title: &str) -> Result<(), String> {
    let site = dir.join("site");
    for (q, expect, _) in cases {
        if !site.join(expect).join("index.html").is_file() {
            return Err(format!("the expected page of {q}, {expect}, is not in {}", site.display()));
        }
    }
    let list: Vec<_> =
        cases.iter().map(|(q, expect, why)| serde_json::json!({ "q": q, "expect": expect, "why": why })).collect();
    let file: PathBuf = dir.join("cases.json");
    std::fs::write(&file, serde_json::to_vec_pretty(&list).unwrap_or_default())
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let status = Command::new("node")
        .arg("bench.mjs")
        .arg(&site)
        .arg(&file)
        .arg("--title")
        .arg(title)
        .current_dir(script_dir)
        .status()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if !status.success() {
        return Err(format!("bench.mjs failed on {}", site.display()));
    }
    println!();
    Ok(())
}

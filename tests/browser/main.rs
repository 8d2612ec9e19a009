//! Browser tests (harness = false): build the bundled example site and run `run.mjs` in
//! headless Chromium. They need Debian's `chromium` and `npm ci` in tests/browser, so they run
//! only when `GONGSHI_BROWSER_TESTS=1` (CI sets it); otherwise `cargo test` says it skipped them.

use std::path::Path;
use std::process::{Command, ExitCode};

/// The pages checked: the home page, a policy, a list, a notice with a 公示期, a plain page, the
/// data pages and search results.
const PAGES: &[&str] = &[
    "",
    "policies/lianqujiao-2017-89/",
    "policies/",
    "notices/2017-jiaogan-jiaoshi-jiaoliu/",
    "about/",
    "schools/",
    "schools/xugou-xiaoxue/",
    "pairings/",
    "exchanges/",
    "dashboard/",
    "search/?q=结对",
];

/// The scripts run, each with the built site's folder as its argument: accessibility, print,
/// text size and links; search queries on the example; search.js's own unit checks.
const SCRIPTS: &[&[&str]] = &[&["run.mjs", "{site}"], &["search.mjs", "{site}"], &["search-unit.mjs"]];

fn main() -> ExitCode {
    if std::env::var("GONGSHI_BROWSER_TESTS").as_deref() != Ok("1") {
        println!("browser tests skipped: set GONGSHI_BROWSER_TESTS=1 to run them (.ci/run does)");
        return ExitCode::SUCCESS;
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = manifest.join("tests/browser");
    if !dir.join("node_modules/playwright-core").is_dir() {
        eprintln!("browser tests: run `npm ci` in tests/browser first");
        return ExitCode::FAILURE;
    }
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
    let _ = std::fs::remove_dir_all(&out);
    let built = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .arg("build")
        .arg(manifest.join("content"))
        .arg("--output")
        .arg(&out)
        // A fixed date, so that the example's 公示 statuses do not depend on the day.
        .env("SOURCE_DATE_EPOCH", "1795392000")
        .status();
    if !matches!(built, Ok(s) if s.success()) {
        eprintln!("browser tests: building the example site failed");
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for script in SCRIPTS {
        let args: Vec<std::ffi::OsString> =
            script.iter().map(|a| if *a == "{site}" { out.clone().into_os_string() } else { a.into() }).collect();
        let extra: &[&str] = if script[0] == "run.mjs" { PAGES } else { &[] };
        match Command::new("node").args(&args).args(extra).current_dir(&dir).status() {
            Ok(s) if s.success() => {}
            Ok(_) => failed = true,
            Err(e) => {
                eprintln!("browser tests: cannot run node: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

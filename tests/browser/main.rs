//! Browser tests (harness = false): build the bundled example site and run `run.mjs` in
//! headless Chromium. They need Debian's `chromium` and `npm ci` in tests/browser, so they run
//! only when `GONGSHI_BROWSER_TESTS=1` (CI sets it); otherwise `cargo test` says it skipped them.

use std::path::Path;
use std::process::{Command, ExitCode};

/// The pages checked: the home page, a policy (with a previewed attachment), a list, a notice
/// with a 公示期, a plain page, the data pages, the disclosure column (guide, application, the
/// annual report) and search results.
const PAGES: &[&str] = &[
    "",
    "policies/lianqujiao-2017-89/",
    "policies/lianqujiao-2017-89-jiedu/",
    "policies/",
    "notices/2017-jiaogan-jiaoshi-jiaoliu/",
    "about/",
    "schools/",
    "schools/xugou-xiaoxue/",
    "pairings/",
    "exchanges/",
    "dashboard/",
    "dashboard/county-2025/",
    "dashboard/county-2024/",
    "policies/2025-lianqujiao-18/",
    "disclosure/",
    "disclosure/report-2025/",
    "guide/",
    "application/",
    "search/?q=结对",
];

/// The scripts run: accessibility, print, text size and links, the policy catalogue's sorting
/// and facets, and search queries on the built example (`{site}`); the W3C Nu HTML checker over
/// all its pages; search.js's own unit checks, on its source and on the published (minified) copy; `gongshi serve` (`{bin}`) on a copy of the
/// example (`{copy}`) that the script edits.
const SCRIPTS: &[&[&str]] = &[
    &["run.mjs", "{site}"],
    &["catalogue.mjs", "{site}"],
    &["vnu.mjs", "{site}"],
    &["search.mjs", "{site}"],
    &["search-unit.mjs", "{site}"],
    &["preview.mjs", "{bin}", "{copy}"],
];

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
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-preview-site");
    let _ = std::fs::remove_dir_all(&copy);
    if let Err(e) = copy_dir(&manifest.join("content"), &copy) {
        eprintln!("browser tests: cannot copy the example: {e}");
        return ExitCode::FAILURE;
    }
    let mut failed = false;
    for script in SCRIPTS {
        let args: Vec<std::ffi::OsString> = script
            .iter()
            .map(|a| match *a {
                "{site}" => out.clone().into_os_string(),
                "{copy}" => copy.clone().into_os_string(),
                "{bin}" => env!("CARGO_BIN_EXE_gongshi").into(),
                other => other.into(),
            })
            .collect();
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

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

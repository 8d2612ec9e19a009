//! Writes a synthetic site for benchmarks:
//!
//! ```text
//! cargo bench --bench gen_corpus -- OUT_DIR --docs N --schools S [--pairings P] [--seed X] [--peers]
//! ```
//!
//! OUT_DIR is replaced when it holds a site this command generated before; any other non-empty
//! folder is refused. Same arguments, same bytes. With `--peers`, the same pages as a Hugo site
//! and a Zola site go into OUT_DIR-hugo and OUT_DIR-zola (benches/peers.rs; replaced likewise).

mod corpus;
mod peers;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: gen_corpus OUT_DIR --docs N --schools S [--pairings P] [--seed X] [--peers]
  N documents (80% policies, 20% notices), S schools (at least 10),
  P pairings (default 2×S), X seed (default 42); --peers: also OUT_DIR-hugo and OUT_DIR-zola";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let (dir, spec, with_peers) = parse(std::env::args().skip(1))?;
    prepare(&dir)?;
    let started = Instant::now();
    let record = corpus::generate(&dir, &spec).map_err(|e| format!("{}: {e}", dir.display()))?;
    if with_peers {
        let peer = |tool: &str| PathBuf::from(format!("{}-{tool}", dir.display()));
        let (hugo, zola) = (peer("hugo"), peer("zola"));
        for folder in [&hugo, &zola] {
            if folder.join("config.toml").is_file() {
                std::fs::remove_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
            } else if folder.exists() {
                return Err(format!(
                    "{} exists and holds no generated site; refusing to write there",
                    folder.display()
                ));
            }
        }
        peers::write_hugo(&hugo, &record).map_err(|e| format!("{}: {e}", hugo.display()))?;
        peers::write_zola(&zola, &record).map_err(|e| format!("{}: {e}", zola.display()))?;
    }
    eprintln!(
        "gen_corpus: {} documents, {} schools, {} pairings (seed {}) in {} in {:.2} s",
        spec.docs,
        spec.schools,
        spec.pairings,
        spec.seed,
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn parse(args: impl Iterator<Item = String>) -> Result<(PathBuf, corpus::Spec, bool), String> {
    let (mut dir, mut with_peers) = (None, false);
    let (mut docs, mut schools, mut pairings, mut seed) = (None, None, None, 42);
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            let v = args.next().ok_or_else(|| format!("{name} needs a number\n{USAGE}"))?;
            v.parse().map_err(|_| format!("{name}: not a number: {v}\n{USAGE}"))
        };
        match arg.as_str() {
            "--docs" => docs = Some(value("--docs")? as usize),
            "--schools" => schools = Some(value("--schools")? as usize),
            "--pairings" => pairings = Some(value("--pairings")? as usize),
            "--seed" => seed = value("--seed")?,
            "--peers" => with_peers = true,
            // `cargo bench` adds this to every bench binary's arguments
            "--bench" => {}
            "-h" | "--help" => return Err(USAGE.to_string()),
            a if a.starts_with('-') => return Err(format!("unknown option {a}\n{USAGE}")),
            a if dir.is_none() => dir = Some(PathBuf::from(a)),
            a => return Err(format!("one OUT_DIR only, not also {a}\n{USAGE}")),
        }
    }
    let dir = dir.ok_or_else(|| format!("OUT_DIR is missing\n{USAGE}"))?;
    let docs = docs.ok_or_else(|| format!("--docs is missing\n{USAGE}"))?;
    let schools = schools.ok_or_else(|| format!("--schools is missing\n{USAGE}"))?;
    if schools < 10 {
        return Err("need at least 10 schools".to_string());
    }
    let pairings = pairings.unwrap_or(2 * schools);
    Ok((dir, corpus::Spec { docs, schools, pairings, seed }, with_peers))
}

/// Empties `dir` when it is a site generated before (site.yaml starts with the generator's mark),
/// creates it when missing, and refuses any other folder that is not empty.
fn prepare(dir: &Path) -> Result<(), String> {
    let shown = dir.display();
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| format!("{shown}: {e}"))?;
        if entries.next().is_some() {
            let site = std::fs::read_to_string(dir.join("site.yaml")).unwrap_or_default();
            if !site.starts_with(corpus::SITE_MARK) {
                return Err(format!("{shown} is not empty and holds no generated site.yaml; refusing to write there"));
            }
            std::fs::remove_dir_all(dir).map_err(|e| format!("{shown}: {e}"))?;
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{shown}: {e}"))
}

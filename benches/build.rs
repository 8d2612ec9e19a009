//! Build benchmark (issue 13): gongshi against Hugo and Zola on the same generated sites.
//!
//! ```text
//! cargo bench --bench build -- [--sizes 1k/100,10k/1k,50k/2k] [--runs 3] [--tools gongshi,hugo,zola]
//!                              [--dir target/bench-build] [--keep]
//! ```
//!
//! For each size (documents/schools) it generates the gongshi site (benches/corpus.rs, seed 42)
//! and the same pages as a Hugo and a Zola site (benches/peers.rs). Then, `--runs` times, each
//! tool builds into an empty folder (first build), after every tool has, again into that output
//! (second build), and once more (rebuild: the steady state of editing and building again, where
//! gongshi reuses its spare copy of the output before last), the tools taking turns. It prints
//! one Markdown table per size, then the growth from one size to the next. Wall time is the median; CPU (user + system) the median;
//! peak memory the largest, all from wait4 on the child. Hugo is Debian's `hugo`; Zola runs when
//! `zola` is on PATH. It is a benchmark, not a test: it reports and exits 0 whatever the figures.
//! Corpora and outputs are deleted at the end, after every size, unless `--keep`: nothing is
//! deleted while builds are timed. An output to be replaced by a first build is moved aside into
//! `trash/` instead. On ext4 without a journal (this machine's disk) the kernel will not reuse an
//! inode freed less than 60 s ago (360 s while its table block is unwritten): every new file or
//! folder first steps over all such inodes of its group, one lookup each. Deleting the 50k output
//! (190,000 inodes) just before a first build made that build spend 20–30 s more in the kernel,
//! growing with the square of the output; a CI runner's fresh checkout has no such inodes.

#[allow(dead_code)] // SITE_MARK is gen_corpus's only
mod corpus;
mod measure;
mod peers;

use measure::{Mode, Run, Summary};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "usage: build [--sizes 1k/100,10k/1k,50k/2k] [--runs 3] [--tools gongshi,hugo,zola] \
                     [--dir target/bench-build] [--keep]";
const ZOLA_HELP: &str = "zola is not on PATH, so it is left out. To include it, put a release binary on PATH \
(https://github.com/getzola/zola/releases, 0.19 or later), or on a machine with internet: \
cargo install --locked --git https://github.com/getzola/zola --tag v0.22.1";
/// 2026-01-01: after every date of the corpus, so every document is published.
const EPOCH: &str = "1767225600";

struct Options {
    sizes: Vec<(usize, usize)>,
    runs: usize,
    tools: Vec<&'static str>,
    dir: PathBuf,
    keep: bool,
}

fn main() -> ExitCode {
    match parse(std::env::args().skip(1)).and_then(|o| run(&o)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("build bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(options: &Options) -> Result<(), String> {
    let tools = available(&options.tools);
    println!("{}", machine(&tools));
    let mut summaries = Vec::new();
    let trash = Trash::new(&options.dir);
    for &(docs, schools) in &options.sizes {
        let root = options.dir.join(format!("{docs}-{schools}"));
        trash.take(&root); // a leftover of an earlier run
        let spec = corpus::Spec { docs, schools, pairings: 2 * schools, seed: 42 };
        let record = corpus::generate(&root.join("gongshi"), &spec).map_err(|e| format!("{}: {e}", root.display()))?;
        peers::write_hugo(&root.join("hugo"), &record).map_err(|e| e.to_string())?;
        peers::write_zola(&root.join("zola"), &record).map_err(|e| e.to_string())?;
        drop(record);
        let size = measure_size(&root, (docs, schools), &tools, options.runs, &trash)?;
        println!("{}", measure::table(&size));
        summaries.extend(size);
        if !options.keep {
            trash.take(&root);
        }
    }
    println!("{}", measure::growth(&summaries));
    trash.empty()
}

/// Where replaced outputs and corpora wait until the end of the bench (see the module doc for why).
struct Trash {
    dir: PathBuf,
    count: std::cell::Cell<usize>,
}

impl Trash {
    /// A trash of this run's own; what earlier runs left is emptied at the end with it.
    fn new(bench_dir: &Path) -> Trash {
        Trash { dir: bench_dir.join(format!("trash-{}", std::process::id())), count: std::cell::Cell::new(0) }
    }

    /// Moves `path`, when it exists, into the trash.
    fn take(&self, path: &Path) {
        if std::fs::symlink_metadata(path).is_err() || std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        self.count.set(self.count.get() + 1);
        let _ = std::fs::rename(path, self.dir.join(self.count.get().to_string()));
    }

    /// Deletes this trash and any an earlier, interrupted run left.
    fn empty(&self) -> Result<(), String> {
        let bench_dir = self.dir.parent().unwrap_or(Path::new("."));
        let entries = std::fs::read_dir(bench_dir).map_err(|e| format!("{}: {e}", bench_dir.display()))?;
        for entry in entries.flatten().filter(|e| e.file_name().to_string_lossy().starts_with("trash-")) {
            std::fs::remove_dir_all(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
        }
        Ok(())
    }
}

/// All runs of one size: per run, each tool's first build, then each tool's second build, then
/// each tool's rebuild (the third build in a row).
fn measure_size(
    root: &Path,
    size: (usize, usize),
    tools: &[&str],
    runs: usize,
    trash: &Trash,
) -> Result<Vec<Summary>, String> {
    let mut samples: Vec<(&str, Mode, Vec<Run>)> = Vec::new();
    for run in 0..runs {
        for mode in Mode::ALL {
            // the tools take turns going first
            for k in 0..tools.len() {
                let tool = tools[(k + run) % tools.len()];
                let out = root.join(format!("out-{tool}"));
                if mode == Mode::First {
                    trash.take(&out);
                    trash.take(&gongshi::publish::spare::folder(&out));
                }
                let sample = measure::run(command(tool, &root.join(tool), &out), &root.join(format!("{tool}.log")))?;
                eprintln!("  {}/{} {tool} {} run {}: {:.2} s", size.0, size.1, mode.name(), run + 1, sample.wall);
                match samples.iter_mut().find(|(t, m, _)| *t == tool && *m == mode) {
                    Some((_, _, runs)) => runs.push(sample),
                    None => samples.push((tool, mode, vec![sample])),
                }
            }
        }
    }
    let summaries = samples.into_iter().map(|(tool, mode, runs)| {
        let (pages, bytes) = measure::output_size(&root.join(format!("out-{tool}")));
        Summary { size, tool: tool.to_string(), mode, runs, pages, bytes }
    });
    Ok(summaries.collect())
}

fn command(tool: &str, site: &Path, out: &Path) -> Command {
    let mut command = match tool {
        "gongshi" => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_gongshi"));
            c.arg("build").arg(site).arg("--output").arg(out).env("SOURCE_DATE_EPOCH", EPOCH);
            c
        }
        "hugo" => {
            let mut c = Command::new("hugo");
            c.arg("--source").arg(site).arg("--destination").arg(out);
            c
        }
        _ => {
            let mut c = Command::new("zola");
            c.arg("--root").arg(site).arg("build").arg("--output-dir").arg(out).arg("--force");
            c
        }
    };
    command.current_dir(site.parent().unwrap_or(Path::new(".")));
    command
}

/// The tools asked for that can run; says how to get Zola when it is missing.
fn available(asked: &[&'static str]) -> Vec<&'static str> {
    let runs = |tool: &str, arg: &str| Command::new(tool).arg(arg).output().is_ok_and(|o| o.status.success());
    let mut tools = Vec::new();
    for &tool in asked {
        match tool {
            "gongshi" => tools.push(tool),
            "hugo" if runs("hugo", "version") => tools.push(tool),
            "hugo" => eprintln!("hugo is not on PATH, so it is left out (Debian: apt-get install hugo)"),
            _ if runs("zola", "--version") => tools.push(tool),
            _ => eprintln!("{ZOLA_HELP}"),
        }
    }
    tools
}

/// The machine and tool versions, as the first lines of the report.
fn machine(tools: &[&str]) -> String {
    let version = |tool: &str, arg: &str| {
        Command::new(tool).arg(arg).output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string()).ok()
    };
    let cpu = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|c| {
        c.lines().find(|l| l.starts_with("model name")).and_then(|l| l.split(':').nth(1)).map(|s| s.trim().to_string())
    });
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut lines = vec![format!(
        "Machine: {cores} cores, {}; load average at start {}",
        cpu.unwrap_or_else(|| "unknown CPU".into()),
        load.split(' ').take(3).collect::<Vec<_>>().join(" ")
    )];
    for &tool in tools.iter().filter(|&&t| t != "gongshi") {
        let v = version(tool, if tool == "hugo" { "version" } else { "--version" });
        lines.push(format!("{tool}: {}", v.unwrap_or_default()));
    }
    lines.join("  \n")
}

fn parse(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        sizes: vec![(1_000, 100), (10_000, 1_000), (50_000, 2_000)],
        runs: 3,
        tools: vec!["gongshi", "hugo", "zola"],
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-build"),
        keep: false,
    };
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--sizes" => options.sizes = value("--sizes")?.split(',').map(size).collect::<Result<_, _>>()?,
            "--runs" => options.runs = value("--runs")?.parse().map_err(|_| format!("--runs: a number\n{USAGE}"))?,
            "--tools" => {
                let list = value("--tools")?;
                let known = ["gongshi", "hugo", "zola"];
                options.tools = known.into_iter().filter(|t| list.split(',').any(|l| l == *t)).collect();
            }
            "--dir" => options.dir = PathBuf::from(value("--dir")?),
            "--keep" => options.keep = true,
            "--bench" => {} // cargo bench adds it
            _ => return Err(format!("unknown argument {arg}\n{USAGE}")),
        }
    }
    if options.runs == 0 || options.tools.is_empty() {
        return Err(format!("need at least one run and one tool\n{USAGE}"));
    }
    Ok(options)
}

/// `10k/1k` → (10000, 1000).
fn size(text: &str) -> Result<(usize, usize), String> {
    let number = |s: &str| {
        let (digits, scale) = s.strip_suffix('k').map_or((s, 1), |d| (d, 1000));
        digits.parse::<usize>().map(|n| n * scale).map_err(|_| format!("not a size: {text} (like 10k/1k)"))
    };
    let (docs, schools) = text.split_once('/').ok_or_else(|| format!("not a size: {text} (like 10k/1k)"))?;
    let schools = number(schools)?;
    if schools < 10 {
        return Err(format!("{text}: at least 10 schools"));
    }
    Ok((number(docs)?, schools))
}

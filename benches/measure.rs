//! Runs one build as a child process and measures it; prints the tables of benches/build.rs.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

/// One build: wall seconds, CPU seconds (user + system), peak resident memory in KiB.
pub struct Run {
    pub wall: f64,
    pub cpu: f64,
    pub rss_kib: u64,
}

/// What a build starts from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// An empty folder (and for gongshi no spare: `.gongshi/` removed too).
    First,
    /// The output of one build before (gongshi: no spare yet, a fresh staging folder).
    Second,
    /// The output of the builds before, as when editing and building again (gongshi: the
    /// spare brought up to date).
    Rebuild,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::First, Mode::Second, Mode::Rebuild];

    pub fn name(self) -> &'static str {
        match self {
            Mode::First => "first",
            Mode::Second => "second",
            Mode::Rebuild => "rebuild",
        }
    }
}

/// All runs of one tool, size and mode, and the output they left.
pub struct Summary {
    pub size: (usize, usize),
    pub tool: String,
    pub mode: Mode,
    pub runs: Vec<Run>,
    pub pages: usize,
    pub bytes: u64,
}

impl Summary {
    pub fn wall(&self) -> f64 {
        median(self.runs.iter().map(|r| r.wall).collect())
    }
    pub fn cpu(&self) -> f64 {
        median(self.runs.iter().map(|r| r.cpu).collect())
    }
    pub fn rss_mib(&self) -> f64 {
        self.runs.iter().map(|r| r.rss_kib).max().unwrap_or(0) as f64 / 1024.0
    }
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        0.0
    } else if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Runs `command` with its output in `log`; fails when it fails.
pub fn run(mut command: Command, log: &Path) -> Result<Run, String> {
    let file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = file.try_clone().map_err(|e| e.to_string())?;
    let started = Instant::now();
    let child = command.stdout(Stdio::from(file)).stderr(Stdio::from(err)).spawn();
    let child = child.map_err(|e| format!("{command:?}: {e}"))?;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; the child is ours and not yet reaped.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = started.elapsed().as_secs_f64();
    if pid < 0 {
        return Err(format!("{command:?}: {}", std::io::Error::last_os_error()));
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        return Err(format!("{command:?} failed; see {}", log.display()));
    }
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    Ok(Run { wall, cpu, rss_kib: usage.ru_maxrss as u64 })
}

/// HTML pages and bytes of all files under `dir`.
pub fn output_size(dir: &Path) -> (usize, u64) {
    let (mut pages, mut bytes) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).into_iter().flatten().flatten() {
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                bytes += meta.len();
                pages += usize::from(entry.file_name().to_string_lossy().ends_with(".html"));
            }
        }
    }
    (pages, bytes)
}

fn label((docs, schools): (usize, usize)) -> String {
    let k = |n: usize| if n.is_multiple_of(1000) { format!("{}k", n / 1000) } else { n.to_string() };
    format!("{}/{}", k(docs), k(schools))
}

/// One size: a row per tool and mode, with ratios against Hugo's run of the same mode.
pub fn table(rows: &[Summary]) -> String {
    let Some(first) = rows.first() else { return String::new() };
    let runs = first.runs.len();
    let mut out = format!(
        "\n#### {} (documents/schools), median of {runs} runs\n\n\
         | tool | build | wall s | × Hugo | CPU s | × Hugo | peak MiB | × Hugo | pages | output MB |\n\
         |---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n",
        label(first.size)
    );
    for mode in Mode::ALL {
        let hugo = rows.iter().find(|r| r.tool == "hugo" && r.mode == mode);
        for r in rows.iter().filter(|r| r.mode == mode) {
            let ratio = |f: fn(&Summary) -> f64| hugo.map_or("—".into(), |h| format!("{:.2}", f(r) / f(h)));
            let _ = writeln!(
                out,
                "| {} | {} | {:.2} | {} | {:.2} | {} | {:.0} | {} | {} | {:.1} |",
                r.tool,
                mode.name(),
                r.wall(),
                ratio(Summary::wall),
                r.cpu(),
                ratio(Summary::cpu),
                r.rss_mib(),
                ratio(Summary::rss_mib),
                r.pages,
                r.bytes as f64 / 1e6,
            );
        }
    }
    out
}

/// Growth from each size to the next: how many times the documents, and the time and memory.
pub fn growth(rows: &[Summary]) -> String {
    let mut out = String::from(
        "\n#### Growth from one size to the next (×; linear growth keeps time ÷ documents near 1)\n\n\
         | tool | build | sizes | documents | wall | CPU | peak memory |\n|---|---|---|--:|--:|--:|--:|\n",
    );
    for (i, r) in rows.iter().enumerate() {
        let before = rows[..i].iter().rev().find(|b| b.tool == r.tool && b.mode == r.mode);
        let Some(b) = before else { continue };
        let _ = writeln!(
            out,
            "| {} | {} | {} → {} | {:.1} | {:.2} | {:.2} | {:.2} |",
            r.tool,
            r.mode.name(),
            label(b.size),
            label(r.size),
            r.size.0 as f64 / b.size.0 as f64,
            r.wall() / b.wall(),
            r.cpu() / b.cpu(),
            r.rss_mib() / b.rss_mib(),
        );
    }
    out
}

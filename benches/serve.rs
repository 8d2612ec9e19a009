//! How soon an edit shows in `gongshi serve`: generates a corpus, starts the preview on it, then
//! edits one document's title N times, and one school's indicator N times, and after each write
//! asks for the page over HTTP until it changes. Prints every delay and the medians.
//!
//! ```text
//! cargo bench --bench serve -- [--docs 10000] [--schools 1000] [--edits 10] [--keep]
//! ```
//!
//! Times are from the end of the write to the first response with the new page, polled every
//! 2 ms; they include the file watcher's wait for the editor to finish saving. Not part of
//! `cargo test`: delays depend on the machine.

#[allow(dead_code)] // SITE_MARK and the peers record are gen_corpus's only
mod corpus;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

struct Args {
    docs: usize,
    schools: usize,
    edits: usize,
    keep: bool,
}

fn parse() -> Result<Args, String> {
    let mut a = Args { docs: 10_000, schools: 1_000, edits: 10, keep: false };
    let mut it = std::env::args().skip(1).filter(|s| s != "--bench");
    while let Some(flag) = it.next() {
        let mut number = || it.next().and_then(|v| v.parse().ok()).ok_or(format!("{flag} needs a number"));
        match flag.as_str() {
            "--docs" => a.docs = number()?,
            "--schools" => a.schools = number()?,
            "--edits" => a.edits = number()?,
            "--keep" => a.keep = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn main() -> ExitCode {
    match parse().and_then(|a| run(&a)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("serve bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The preview, stopped when dropped.
struct Preview(Child);

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run(a: &Args) -> Result<(), String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bench-serve");
    let _ = std::fs::remove_dir_all(&dir);
    let spec = corpus::Spec { docs: a.docs, schools: a.schools, pairings: a.schools * 2, seed: 42 };
    corpus::generate(&dir, &spec).map_err(|e| e.to_string())?;
    // Files written within the last two seconds are never taken from the preview's cache (their
    // stamp may not show a change yet); a real site's files are older than that.
    std::thread::sleep(Duration::from_secs(3));
    let port = 4700 + (std::process::id() % 200) as u16;
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["serve", "--port", &port.to_string()])
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| e.to_string())?;
    let out = child.stdout.take().ok_or("no stdout")?;
    let preview = Preview(child);
    let base = ready(out)?;
    println!(
        "corpus {} documents, {} schools; preview ready after {:.2} s",
        a.docs,
        a.schools,
        secs(started.elapsed())
    );

    let doc = first_file(&dir.join("policies"))?;
    let stem = doc.file_stem().and_then(|s| s.to_str()).ok_or("odd file name")?.to_string();
    let doc_page = format!("{base}policies/{stem}/");
    let text = std::fs::read_to_string(&doc).map_err(|e| e.to_string())?;
    let title_line =
        text.lines().find(|l| l.starts_with("title:") || l.starts_with("标题:")).ok_or("no title line")?.to_string();
    let doc_delays = edits(a.edits, &doc_page, |i| {
        let changed = text.replacen(&title_line, &format!("{title_line}（第{i}次修改）"), 1);
        std::fs::write(&doc, changed).map_err(|e| e.to_string())
    })?;

    let figures = last_file(&dir.join("data/indicators"))?;
    let yaml = std::fs::read_to_string(&figures).map_err(|e| e.to_string())?;
    let row = yaml.lines().find(|l| l.trim_start().starts_with("- {")).ok_or("no school row")?.to_string();
    let school = row.split(['{', ',']).nth(1).and_then(|f| f.split(':').nth(1)).map(str::trim).ok_or("no school id")?;
    let school_page = format!("{base}schools/{school}/");
    let students = row.split(", ").find(|f| f.contains("students") || f.contains("在校学生数")).ok_or("no students")?;
    let (key, value) = students.split_once(": ").ok_or("odd students field")?;
    let value: u64 = value.trim().parse().map_err(|_| "students is not a number")?;
    let school_delays = edits(a.edits, &school_page, |i| {
        let edited = row.replacen(students, &format!("{key}: {}", value + i as u64 + 1), 1);
        std::fs::write(&figures, yaml.replacen(&row, &edited, 1)).map_err(|e| e.to_string())
    })?;
    drop(preview);

    report("一份文件的标题 / a document's title", &doc_page, &doc_delays);
    report("一所学校的指标 / a school's indicator", &school_page, &school_delays);
    if !a.keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

/// Reads the preview's first line of output up to its address.
fn ready(out: impl Read + Send + 'static) -> Result<String, String> {
    let mut lines = BufReader::new(out).lines();
    let line =
        lines.by_ref().map_while(Result::ok).find(|l| l.contains("http://")).ok_or("the preview printed no address")?;
    let url =
        line.split_whitespace().find_map(|w| w.split("http://").nth(1)).ok_or(format!("no address in: {line}"))?;
    let url = url.split(['（', ' ']).next().unwrap_or(url);
    // Keep draining its output so that it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Ok(format!("http://{url}"))
}

/// Applies `edit(i)` for each i and measures until `page` answers with a different body.
fn edits(n: usize, page: &str, mut edit: impl FnMut(usize) -> Result<(), String>) -> Result<Vec<Duration>, String> {
    let mut before = get(page)?;
    let mut delays = Vec::new();
    for i in 0..n {
        edit(i)?;
        let wrote = Instant::now();
        loop {
            let now = get(page)?;
            if now != before {
                delays.push(wrote.elapsed());
                before = now;
                break;
            }
            if wrote.elapsed() > Duration::from_secs(120) {
                return Err(format!("{page} did not change within 120 s"));
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        // Let the watcher settle before the next edit, as a person would.
        std::thread::sleep(Duration::from_millis(300));
    }
    Ok(delays)
}

fn get(url: &str) -> Result<Vec<u8>, String> {
    let rest = url.strip_prefix("http://").ok_or("not http")?;
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let mut s = TcpStream::connect(host).map_err(|e| e.to_string())?;
    write!(s, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").map_err(|e| e.to_string())?;
    let mut body = Vec::new();
    s.read_to_end(&mut body).map_err(|e| e.to_string())?;
    // The response headers carry a date that changes every second: compare the body only.
    let at = body.windows(4).position(|w| w == b"\r\n\r\n").map_or(0, |i| i + 4);
    Ok(body.split_off(at))
}

fn first_file(dir: &Path) -> Result<PathBuf, String> {
    files(dir)?.into_iter().next().ok_or(format!("no file in {}", dir.display()))
}

fn last_file(dir: &Path) -> Result<PathBuf, String> {
    files(dir)?.into_iter().next_back().ok_or(format!("no file in {}", dir.display()))
}

/// The files under `dir`, at any depth, sorted.
fn files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))? {
            let p = e.map_err(|e| e.to_string())?.path();
            if p.is_dir() { todo.push(p) } else { out.push(p) }
        }
    }
    out.sort();
    Ok(out)
}

fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

fn report(what: &str, page: &str, delays: &[Duration]) {
    let mut ms: Vec<f64> = delays.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    let each: Vec<String> = ms.iter().map(|m| format!("{m:.0}")).collect();
    ms.sort_by(f64::total_cmp);
    let n = ms.len();
    let median = match n {
        0 => 0.0,
        _ if n % 2 == 1 => ms[n / 2],
        _ => (ms[n / 2 - 1] + ms[n / 2]) / 2.0,
    };
    println!("{what}: {page}\n  ms: {}\n  median {median:.0} ms of {} edits", each.join(" "), ms.len());
}

//! Puts a staged output in place of the live one in one step, and deletes old copies on a
//! background thread so the build does not wait for the disk.
//!
//! On Linux the two folders trade places with one `renameat2(RENAME_EXCHANGE)`: at every moment
//! the output path holds a whole site, the old or the new. Elsewhere (or on a filesystem without
//! it) the old output is first moved aside and the new one moved in; a build killed between the
//! two moves leaves no output, and the next build moves the old one back ([`recover`]).

use super::staging::failed;
use crate::diagnostics::Diagnostic;
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A sibling of `out` named after it and this process: `.public.gongshi-staging-1234`.
pub fn sibling(out: &Path, what: &str) -> PathBuf {
    sibling_of(out, what, std::process::id())
}

fn sibling_of(out: &Path, what: &str, pid: u32) -> PathBuf {
    parent(out).join(format!(".{}.gongshi-{what}-{pid}", name(out)))
}

pub(super) fn name(out: &Path) -> String {
    out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

pub(super) fn parent(out: &Path) -> &Path {
    out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Old copies being deleted in the background.
#[must_use = "a sweep should be finished, or the old copies may outlive the process"]
#[derive(Default)]
pub struct Sweep(Vec<JoinHandle<()>>);

impl Sweep {
    pub(super) fn start(&mut self, folders: Vec<PathBuf>) {
        if !folders.is_empty() {
            self.0.push(std::thread::spawn(move || {
                for folder in folders {
                    let _ = std::fs::remove_dir_all(folder);
                }
            }));
        }
    }

    /// Waits for the deletions, but not longer than `budget`: what is left then stays as a hidden
    /// folder beside the output, and the next build deletes it.
    pub fn finish(self, budget: Duration) {
        let until = Instant::now() + budget;
        for handle in self.0 {
            while !handle.is_finished() {
                if Instant::now() >= until {
                    return;
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            let _ = handle.join();
        }
    }
}

/// Before a build writes: puts back an output that a killed build had moved aside (see the module
/// doc), then starts deleting what builds that were killed left beside `out` (their staging and
/// old copies, often hundreds of MB). A copy whose process still runs is another build at work
/// and is left alone; where running processes cannot be seen (not Linux), only copies a day old
/// are removed.
pub fn recover(out: &Path, sweep: &mut Sweep) {
    let mut left = leftovers(out);
    if !out.exists()
        && let Some(at) = left.iter().position(|(what, _)| *what == "old")
        && std::fs::rename(&left[at].1, out).is_ok()
    {
        left.remove(at);
    }
    sweep.start(left.into_iter().map(|(_, path)| path).collect());
}

/// The staging and old copies beside `out` of builds no longer running.
fn leftovers(out: &Path) -> Vec<(&'static str, PathBuf)> {
    let name = name(out);
    let Ok(entries) = std::fs::read_dir(parent(out)) else { return Vec::new() };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let copy = ["staging", "old"].into_iter().find_map(|what| {
            let pid = file.strip_prefix(&format!(".{name}.gongshi-{what}-"))?.parse::<u32>().ok()?;
            Some((what, pid))
        });
        let Some((what, pid)) = copy.filter(|&(_, pid)| pid != std::process::id()) else { continue };
        let proc = Path::new("/proc");
        let gone = if proc.is_dir() {
            !proc.join(pid.to_string()).exists()
        } else {
            let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
            age.is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        if gone {
            found.push((what, entry.path()));
        }
    }
    found.sort();
    found
}

/// Puts `staging` in place of `out`; returns where the old output now is, if there was one.
pub fn swap(staging: &Path, out: &Path) -> Result<Option<PathBuf>, Diagnostic> {
    if !out.exists() {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        return std::fs::rename(staging, out).map(|()| None).map_err(|e| failed(out, e));
    }
    if exchange(staging, out).is_ok() {
        // `staging` now holds the old output
        return Ok(Some(staging.to_path_buf()));
    }
    let old = sibling(out, "old");
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| failed(&old, e))?;
    }
    std::fs::rename(out, &old).map_err(|e| failed(out, e))?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(failed(out, e));
    }
    Ok(Some(old))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let (a, b) = (CString::new(a.as_os_str().as_bytes())?, CString::new(b.as_os_str().as_bytes())?);
    // SAFETY: both are NUL-terminated paths that outlive the call; renameat2 reads nothing else.
    let done =
        unsafe { libc::renameat2(libc::AT_FDCWD, a.as_ptr(), libc::AT_FDCWD, b.as_ptr(), libc::RENAME_EXCHANGE) };
    if done == 0 { Ok(()) } else { Err(std::io::Error::last_os_error()) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_killed_builds_moved_aside_output_comes_back() {
        let root = std::env::temp_dir().join(format!("gongshi-recover-{}", std::process::id()));
        let out = root.join("public");
        let old = sibling_of(&out, "old", u32::MAX - 3);
        std::fs::create_dir_all(&old).unwrap();
        std::fs::write(old.join("index.html"), "old").unwrap();
        let mut sweep = Sweep::default();
        recover(&out, &mut sweep);
        sweep.finish(Duration::from_secs(10));
        assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert!(!old.exists());
        std::fs::remove_dir_all(&root).unwrap();
    }
}

//! Writes the output into a staging folder beside the target, then swaps it in, so a reader
//! (or a failed build) never sees half a site.

use super::marker::{MARKER, MARKER_TEXT};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::render::{Output, OutputFile};
use std::path::{Path, PathBuf};

/// A sibling of `out` named after it and this process: `.public.gongshi-staging-1234`.
fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    parent(out).join(format!(".{name}.gongshi-{what}-{}", std::process::id()))
}

fn parent(out: &Path) -> &Path {
    out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Removes what builds that were killed left beside `out` (their staging and old copies, often
/// hundreds of MB). A copy whose process still runs is another build at work and is left alone;
/// where running processes cannot be seen (not Linux), only copies a day old are removed.
fn remove_leftovers(out: &Path) {
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().into_owned()) else { return };
    let Ok(entries) = std::fs::read_dir(parent(out)) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = ["staging", "old"].iter().find_map(|what| {
            file.strip_prefix(&format!(".{name}.gongshi-{what}-")).and_then(|p| p.parse::<u32>().ok())
        });
        let Some(pid) = pid.filter(|&p| p != std::process::id()) else { continue };
        let proc = Path::new("/proc");
        let gone = if proc.is_dir() {
            !proc.join(pid.to_string()).exists()
        } else {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 24 * 3600)
        };
        if gone {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn failed(at: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(Code::WriteFailed, Location::Path(at.display().to_string())).detail(e.to_string())
}

pub fn write_and_swap(output: &Output, out: &Path) -> Result<(), Diagnostic> {
    remove_leftovers(out);
    let staging = sibling(out, "staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| failed(&staging, e))?;
    }
    if let Err(d) = write_all(output, &staging) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(d);
    }
    swap(&staging, out)
}

fn write_all(output: &Output, dir: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
    for (path, file) in &output.files {
        let safe = !path.is_empty()
            && !path.starts_with('/')
            && path.split('/').all(|part| !part.is_empty() && part != ".." && part != ".");
        if !safe {
            return Err(failed(Path::new(path), std::io::Error::other("不安全的输出路径")));
        }
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        let result = match file {
            OutputFile::Bytes(bytes) => std::fs::write(&target, bytes),
            OutputFile::Embedded(bytes) => std::fs::write(&target, bytes),
            OutputFile::Copy(from) => std::fs::copy(from, &target).map(|_| ()),
        };
        result.map_err(|e| failed(&target, e))?;
    }
    std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| failed(dir, e))
}

/// Moves the old output aside, the new one in, then deletes the old one. If the second move
/// fails, the old output is moved back.
fn swap(staging: &Path, out: &Path) -> Result<(), Diagnostic> {
    if !out.exists() {
        if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
        }
        return std::fs::rename(staging, out).map_err(|e| failed(out, e));
    }
    let old = sibling(out, "old");
    if old.exists() {
        std::fs::remove_dir_all(&old).map_err(|e| failed(&old, e))?;
    }
    std::fs::rename(out, &old).map_err(|e| failed(out, e))?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        let _ = std::fs::remove_dir_all(staging);
        return Err(failed(out, e));
    }
    // The new site is in place; a leftover old copy is only untidy.
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
}

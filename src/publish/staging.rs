//! Writes the output into a fresh staging folder beside the target: each folder is created once,
//! files are written in parallel, and on a rebuild a file whose bytes are unchanged is hard-linked
//! from the previous output instead of written again.
//!
//! A linked file shares its inode with the live output. That is safe because no file is ever
//! modified in place: staging only creates new files, and old outputs are only unlinked. Where
//! links fail (another filesystem, no link support) the file is written as before.

use super::marker::{MARKER, MARKER_TEXT};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::render::{Output, OutputFile};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

pub(super) fn failed(at: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::WriteFailed, Location::Path(at.display().to_string())).detail(e.to_string())
}

/// Writes every file of `output` into `dir` (which must not exist yet), linking unchanged files
/// from `previous` when given.
pub fn stage(output: &Output, dir: &Path, previous: Option<&Path>) -> Result<(), Diagnostic> {
    if let Some(path) = output.files.keys().find(|p| !is_safe(p)) {
        return Err(failed(Path::new(path), io::Error::other("不安全的输出路径")));
    }
    std::fs::create_dir(dir).map_err(|e| failed(dir, e))?;
    for level in folders(output) {
        level.par_iter().try_for_each(|folder| {
            let at = dir.join(folder);
            std::fs::create_dir(&at).map_err(|e| failed(&at, e))
        })?;
    }
    let links = AtomicBool::new(previous.is_some());
    output.files.par_iter().try_for_each(|(path, file)| {
        let target = dir.join(path);
        put(file, &target, previous.map(|p| p.join(path)).as_deref(), &links).map_err(|e| failed(&target, e))
    })?;
    std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| failed(dir, e))
}

/// A relative path of plain parts: no `..`, `.`, empty part or leading `/`.
fn is_safe(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path.split('/').all(|part| !part.is_empty() && part != ".." && part != ".")
}

/// Every folder the files need, once, grouped by depth so each level can be created in parallel
/// once its parents exist.
fn folders(output: &Output) -> Vec<Vec<&str>> {
    let mut all = BTreeSet::new();
    for path in output.files.keys() {
        let mut end = path.rfind('/');
        while let Some(at) = end {
            if !all.insert(&path[..at]) {
                break; // its parents are in already
            }
            end = path[..at].rfind('/');
        }
    }
    let mut levels: Vec<Vec<&str>> = Vec::new();
    for folder in all {
        let depth = folder.matches('/').count();
        if levels.len() <= depth {
            levels.resize_with(depth + 1, Vec::new);
        }
        levels[depth].push(folder);
    }
    levels
}

/// Puts one file at `target`: a link to `old` when that holds the same bytes, else a new file.
fn put(file: &OutputFile, target: &Path, old: Option<&Path>, links: &AtomicBool) -> io::Result<()> {
    if let Some(old) = old.filter(|_| links.load(Ordering::Relaxed)) {
        match link_if_same(file, old, target) {
            Linked::Yes => return Ok(()),
            Linked::Differs => {}
            Linked::Unsupported => links.store(false, Ordering::Relaxed),
        }
    }
    match file {
        OutputFile::Bytes(bytes) => std::fs::write(target, bytes),
        OutputFile::Embedded(bytes) => std::fs::write(target, bytes),
        OutputFile::Copy(from) => std::fs::copy(from, target).map(|_| ()),
    }
}

enum Linked {
    Yes,
    Differs,
    /// The filesystem refused the link: stop trying for this build.
    Unsupported,
}

#[cfg(unix)]
fn link_if_same(file: &OutputFile, old: &Path, target: &Path) -> Linked {
    use std::os::unix::fs::MetadataExt;
    let Some((mut previous, meta)) = File::open(old).ok().and_then(|f| f.metadata().ok().map(|m| (f, m))) else {
        return Linked::Differs;
    };
    let same = meta.is_file()
        && match file {
            OutputFile::Bytes(bytes) => same_bytes(&mut previous, &mut bytes.as_slice(), bytes.len() as u64, &meta),
            OutputFile::Embedded(bytes) => same_bytes(&mut previous, &mut &bytes[..], bytes.len() as u64, &meta),
            OutputFile::Copy(from) => File::open(from)
                .and_then(|f| Ok((f.metadata()?.len(), f)))
                .is_ok_and(|(len, mut source)| same_bytes(&mut previous, &mut source, len, &meta)),
        };
    if !same {
        return Linked::Differs;
    }
    if std::fs::hard_link(old, target).is_err() {
        return Linked::Unsupported;
    }
    // Another build may have swapped a different output in between the compare and the link:
    // keep the link only if it is the very file that was compared.
    match std::fs::symlink_metadata(target) {
        Ok(linked) if linked.ino() == meta.ino() && linked.dev() == meta.dev() => Linked::Yes,
        _ => {
            let _ = std::fs::remove_file(target);
            Linked::Differs
        }
    }
}

/// Without inode numbers a link cannot be checked: write every file.
#[cfg(not(unix))]
fn link_if_same(_: &OutputFile, _: &Path, _: &Path) -> Linked {
    Linked::Unsupported
}

/// Whether `old` (of metadata `meta`) holds exactly the `len` bytes that `new` reads.
#[cfg(unix)]
fn same_bytes(old: &mut File, new: &mut impl Read, len: u64, meta: &std::fs::Metadata) -> bool {
    const CHUNK: u64 = 64 * 1024;
    if meta.len() != len {
        return false;
    }
    let size = len.min(CHUNK) as usize;
    let (mut a, mut b) = (vec![0; size], vec![0; size]);
    let mut left = len;
    while left > 0 {
        let n = left.min(CHUNK) as usize;
        if old.read_exact(&mut a[..n]).is_err() || new.read_exact(&mut b[..n]).is_err() || a[..n] != b[..n] {
            return false;
        }
        left -= n as u64;
    }
    true
}

//! Writes the output into a staging folder beside the target, in one of two ways:
//!
//! - [`stage`]: a fresh folder. Each folder is created once, files are written in parallel, and a
//!   file whose bytes are unchanged from the previous output is hard-linked from it instead of
//!   written again. Where links fail (another filesystem, no link support) it is written.
//! - [`refresh`]: an older output ([`super::spare`]) brought up to date. Files that already hold
//!   the right bytes stay, others are replaced, files and folders the output lacks are removed.
//!   No folder is made again, nothing is deleted afterwards: a rebuild does little besides reading.
//!
//! A linked file shares its inode with the live output. That is safe because no file is ever
//! modified in place: a changed file is unlinked and created anew, and old outputs are only
//! unlinked.

use super::marker::{MARKER, MARKER_TEXT};
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::render::{Output, OutputFile};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

pub(super) fn failed(at: &Path, e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::WriteFailed, Location::Path(at.display().to_string()))
        .detail(crate::diagnostics::os::explain("写入", &e))
}

/// Writes every file of `output` into `dir` (which must not exist yet), linking unchanged files
/// from `previous` when given.
pub fn stage(output: &Output, dir: &Path, previous: Option<&Path>) -> Result<(), Diagnostic> {
    if let Some(path) = output.files.keys().find(|p| !is_safe(p)) {
        return Err(failed(Path::new(path), io::Error::other("不安全的输出路径")));
    }
    std::fs::create_dir(dir).map_err(|e| failed(dir, e))?;
    create_folders(dir, &folders(output))?;
    let links = AtomicBool::new(previous.is_some());
    output.files.par_iter().try_for_each(|(path, file)| {
        let target = dir.join(path);
        put(file, &target, previous.map(|p| p.join(path)).as_deref(), &links).map_err(|e| failed(&target, e))
    })?;
    std::fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| failed(dir, e))
}

/// Makes `dir`, which holds an older output, hold exactly `output` (see the module doc).
pub fn refresh(output: &Output, dir: &Path) -> Result<(), Diagnostic> {
    if let Some(path) = output.files.keys().find(|p| !is_safe(p)) {
        return Err(failed(Path::new(path), io::Error::other("不安全的输出路径")));
    }
    let levels = folders(output);
    let wanted: HashSet<&str> = levels.iter().flatten().copied().collect();
    let (files, dirs) = crate::timings::time("publish/refresh/contents", || contents(dir))?;
    // What the output lacks goes first, so that a folder may take the place of a file and back.
    files.par_iter().filter(|f| !output.files.contains_key(f.as_str()) && f.as_str() != MARKER).try_for_each(|f| {
        let at = dir.join(f);
        std::fs::remove_file(&at).map_err(|e| failed(&at, e))
    })?;
    // Then the folders the output has no use for (or wants a file in place of), deepest first.
    for folder in dirs.iter().rev().filter(|d| !wanted.contains(d.as_str())) {
        let at = dir.join(folder);
        std::fs::remove_dir_all(&at).map_err(|e| failed(&at, e))?;
    }
    let present: HashSet<&str> = dirs.iter().map(String::as_str).collect();
    let missing: Vec<Vec<&str>> =
        levels.iter().map(|level| level.iter().copied().filter(|f| !present.contains(f)).collect()).collect();
    create_folders(dir, &missing)?;
    output.files.par_iter().try_for_each(|(path, file)| {
        let target = dir.join(path);
        replace(file, &target).map_err(|e| failed(&target, e))
    })?;
    let marker = OutputFile::Embedded(MARKER_TEXT.as_bytes());
    replace(&marker, &dir.join(MARKER)).map_err(|e| failed(dir, e))
}

/// The regular files and the folders under `dir`, relative with `/`, each folder after its
/// parent. Anything else (a link, a socket) and any name gongshi does not write is removed.
/// Folders are read in parallel: a spare of 50,000 pages has as many folders.
fn contents(dir: &Path) -> Result<(Vec<String>, Vec<String>), Diagnostic> {
    let (mut files, mut dirs) = (Vec::new(), Vec::new());
    walk(dir, "", &mut files, &mut dirs)?;
    Ok((files, dirs))
}

/// Adds what is under `at` (relative path `rel`, empty for the root) to `files` and `dirs`.
fn walk(at: &Path, rel: &str, files: &mut Vec<String>, dirs: &mut Vec<String>) -> Result<(), Diagnostic> {
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(at).map_err(|e| failed(at, e))? {
        let entry = entry.map_err(|e| failed(at, e))?;
        let (path, kind) = (entry.path(), entry.file_type().map_err(|e| failed(&entry.path(), e))?);
        let name = entry.file_name();
        match name.to_str() {
            Some(name) if kind.is_dir() || kind.is_file() => {
                let child = if rel.is_empty() { name.to_string() } else { format!("{rel}/{name}") };
                if kind.is_dir() { folders.push(child) } else { files.push(child) }
            }
            _ if kind.is_dir() => std::fs::remove_dir_all(&path).map_err(|e| failed(&path, e))?,
            _ => std::fs::remove_file(&path).map_err(|e| failed(&path, e))?,
        }
    }
    let below: Vec<(Vec<String>, Vec<String>)> = folders
        .par_iter()
        .map(|folder| {
            let (mut f, mut d) = (Vec::new(), Vec::new());
            walk(&at.join(folder.rsplit('/').next().unwrap_or(folder)), folder, &mut f, &mut d).map(|()| (f, d))
        })
        .collect::<Result<_, _>>()?;
    for (folder, (f, d)) in folders.into_iter().zip(below) {
        dirs.push(folder);
        dirs.extend(d);
        files.extend(f);
    }
    Ok(())
}

/// Creates the folders, level by level (each level in parallel once its parents exist).
fn create_folders(dir: &Path, levels: &[Vec<&str>]) -> Result<(), Diagnostic> {
    for level in levels {
        level.par_iter().try_for_each(|folder| {
            let at = dir.join(folder);
            std::fs::create_dir(&at).map_err(|e| failed(&at, e))
        })?;
    }
    Ok(())
}

/// Leaves `target` as it is when it is a regular file of the same bytes; else unlinks it (it may
/// be linked from the live output) and writes the file anew.
fn replace(file: &OutputFile, target: &Path) -> io::Result<()> {
    if same_file(file, target).is_some() {
        return Ok(());
    }
    match std::fs::remove_file(target) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    write(file, target)
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
    write(file, target)
}

fn write(file: &OutputFile, target: &Path) -> io::Result<()> {
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

/// The metadata of the regular file at `path` when it holds exactly the bytes of `file`.
fn same_file(file: &OutputFile, path: &Path) -> Option<std::fs::Metadata> {
    let (mut previous, meta) = File::open(path).ok().and_then(|f| f.metadata().ok().map(|m| (f, m)))?;
    let same = meta.is_file()
        && match file {
            OutputFile::Bytes(bytes) => same_bytes(&mut previous, &mut bytes.as_slice(), bytes.len() as u64, &meta),
            OutputFile::Embedded(bytes) => same_bytes(&mut previous, &mut &bytes[..], bytes.len() as u64, &meta),
            OutputFile::Copy(from) => File::open(from)
                .and_then(|f| Ok((f.metadata()?.len(), f)))
                .is_ok_and(|(len, mut source)| same_bytes(&mut previous, &mut source, len, &meta)),
        };
    same.then_some(meta)
}

#[cfg(unix)]
fn link_if_same(file: &OutputFile, old: &Path, target: &Path) -> Linked {
    use std::os::unix::fs::MetadataExt;
    let Some(meta) = same_file(file, old) else {
        return Linked::Differs;
    };
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

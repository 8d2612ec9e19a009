//! What a long-running process keeps from one load to the next (`serve`): every text file as
//! read and parsed, the last walk of the folder with its attachments, and the finished data
//! files, so that a rebuild reads only what changed.

use super::walk::Found;
use super::{Item, RawAttachment, RawData, figures};
use crate::diagnostics::{Diagnostic, Diagnostics, FileId, SourceFile};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a long-running process (`serve`) keeps from one load to the next: every text file as
/// it was read and parsed, with its modification time and length, so that a file that has not
/// changed is not read or parsed again.
#[derive(Default)]
pub struct Cache {
    pub(super) files: HashMap<PathBuf, Cached>,
    /// Counts loads; a file read in load n has version n.
    pub(super) generation: u64,
    /// The last walk of the folder, and the attachments and text attachments it found, reused
    /// when the caller says only the content of some known files changed.
    pub(super) walked: Option<Arc<Walked>>,
    /// The data files as the last load finished them (custom figures renamed), with the
    /// versions of the site's data files they came from and what finishing them reported.
    pub(super) data: Option<FinishedData>,
    /// The built-in standards as parsed, by the ids they were parsed under (see
    /// [`super::builtin::standards_cached`]).
    pub(super) builtin: Option<super::builtin::Parsed>,
    /// The options the files were read with (`--encoding`); other options read them afresh.
    pub(super) encoding: Option<&'static encoding_rs::Encoding>,
}

#[derive(Clone)]
pub(super) struct Walked {
    pub(super) found: Vec<Found>,
    /// What the walk reported.
    pub(super) walk_reported: Vec<Diagnostic>,
    /// What reading the attachments reported.
    pub(super) reported: Vec<Diagnostic>,
    pub(super) attachments: Vec<RawAttachment>,
    /// Text attachments' paths and decoded text.
    pub(super) texts: Vec<(String, Arc<str>)>,
    /// The paths of `found`, and every folder above one (relative, with `/`): what a path the
    /// watcher names was, looked up rather than scanned for.
    pub(super) files: std::collections::HashSet<String>,
    pub(super) folders: std::collections::HashSet<String>,
}

/// The data files' (id, version) pairs, the finished data and what finishing reported.
pub(super) type FinishedData = (Vec<(FileId, u64)>, Vec<RawData>, Vec<Diagnostic>);

#[derive(Clone)]
pub(super) struct Cached {
    /// Its stamp, when it was old enough to be trusted: a file changed within a filesystem's
    /// time resolution of being read may change again under the same stamp (as git's “racy”
    /// index entries), so it is read again next time.
    pub(super) stamp: Option<Stamp>,
    pub(super) id: FileId,
    /// The load that read it.
    pub(super) version: u64,
    pub(super) read: Arc<(SourceFile, Option<Item>, Vec<Diagnostic>)>,
}

/// A file's modification time and length: a file saved again has a new one.
pub(super) type Stamp = (Option<std::time::SystemTime>, u64);

/// Whether a file's stamp is older than any filesystem's time resolution (2 s on FAT).
pub(super) fn settled(stamp: &Stamp) -> bool {
    let now = std::time::SystemTime::now();
    stamp.0.and_then(|m| now.duration_since(m).ok()).is_some_and(|age| age > std::time::Duration::from_secs(2))
}

pub(super) fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok(), meta.len()))
}

/// The data files with custom figures renamed ([`figures::close`], which looks across files);
/// when no data file changed since the last load, the last result.
pub(super) fn finish_data(
    cache: &mut Cache,
    versions: &HashMap<FileId, u64>,
    builtin: Vec<RawData>,
    site_data: Vec<RawData>,
    diags: &mut Diagnostics,
) -> Vec<RawData> {
    let key: Option<Vec<(FileId, u64)>> =
        site_data.iter().map(|d| versions.get(&d.file).map(|&v| (d.file, v))).collect();
    if let (Some(key), Some((last, data, reported))) = (&key, &cache.data)
        && key == last
    {
        diags.extend(reported.iter().cloned());
        return data.clone();
    }
    let mut data = builtin;
    data.extend(site_data);
    let mut reported = Diagnostics::default();
    figures::close(&mut data, &mut reported);
    let reported: Vec<Diagnostic> = reported.into_iter().collect();
    cache.data = key.map(|k| (k, data.clone(), reported.clone()));
    diags.extend(reported);
    data
}

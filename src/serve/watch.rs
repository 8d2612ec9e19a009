//! Changes in the site folder, as the preview needs them: which ones call for a rebuild, and
//! whether the theme must be read again. File events become a small enum first, so that the
//! rules are tested without a disk (as Zola's `fs_utils.rs` does).

use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    /// Not the site's business: editor leftovers, version control, hidden files.
    Ignore,
    /// Content or data: build again.
    Content,
    /// A template or static file of the site or its theme: read the theme again, then build.
    Theme,
}

/// What a changed path (relative to the site folder) means for the preview.
pub fn classify(rel: &Path) -> ChangeKind {
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let Some(name) = parts.last() else { return ChangeKind::Ignore };
    let junk = parts.iter().any(|p| p.starts_with('.'))
        || name.ends_with('~')
        || name.starts_with("~$")
        || [".swp", ".swx", ".tmp", ".crdownload"].iter().any(|e| name.ends_with(e));
    match parts.first().map(String::as_str) {
        _ if junk => ChangeKind::Ignore,
        Some("templates" | "static" | "themes") => ChangeKind::Theme,
        _ => ChangeKind::Content,
    }
}

/// One debounced batch of changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Batch {
    /// The strongest kind of change in it.
    pub kind: ChangeKind,
    /// Every path something happened to (relative, with `/`): the build tells from the disk
    /// whether a file only changed or came or went. `None` when the watcher lost track.
    pub modified: Option<Vec<String>>,
}

impl Batch {
    /// Two batches as one (changes that came while a build ran).
    pub fn merge(self, other: Batch) -> Batch {
        let modified = match (self.modified, other.modified) {
            (Some(mut a), Some(b)) => {
                a.extend(b);
                Some(a)
            }
            _ => None,
        };
        Batch { kind: self.kind.max(other.kind), modified }
    }
}

/// How long the watcher waits for a path to go quiet before it reports a batch. An editor that
/// saves through a temporary file renamed over the original cannot be caught half-way (the
/// rename is one step, and the temporary file is either junk or a path that neither was nor is
/// there by the time the build looks); one that writes in place and is read half-way sets off
/// another event, and so another build. The wait is part of every edit's delay in the preview.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// Watches `root` and sends each debounced batch of changes that matters.
pub fn watch(root: &Path) -> Result<(impl Drop + use<>, mpsc::Receiver<Batch>), String> {
    let (tx, rx) = mpsc::channel();
    let base: PathBuf = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let watched = base.clone();
    let handler = move |result: DebounceEventResult| {
        // Errors mean events were lost: build as if anything could have changed.
        let Ok(events) = result else {
            let _ = tx.send(Batch { kind: ChangeKind::Content, modified: None });
            return;
        };
        let mut kind = ChangeKind::Ignore;
        let mut modified = Some(Vec::new());
        // Reading a file is an event too (notify 8): the build itself would set it off again.
        for e in events.iter().filter(|e| !matches!(e.kind, EventKind::Access(_))) {
            for p in &e.paths {
                let rel = p.strip_prefix(&base).unwrap_or(p);
                let this = classify(rel);
                if this == ChangeKind::Ignore {
                    continue;
                }
                kind = kind.max(this);
                match (&mut modified, e.need_rescan()) {
                    (Some(paths), false) => paths.push(rel.to_string_lossy().replace('\\', "/")),
                    _ => modified = None,
                }
            }
        }
        if kind != ChangeKind::Ignore {
            let _ = tx.send(Batch { kind, modified });
        }
    };
    let mut debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|e| format!("无法监视文件夹：{e}"))?;
    debouncer.watch(&watched, RecursiveMode::Recursive).map_err(|e| format!("无法监视 {}：{e}", watched.display()))?;
    Ok((debouncer, rx))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_changes_by_what_they_need() {
        assert_eq!(classify(Path::new("policies/2017/a.md")), ChangeKind::Content);
        assert_eq!(classify(Path::new("data/schools.yaml")), ChangeKind::Content);
        assert_eq!(classify(Path::new("templates/base.html")), ChangeKind::Theme);
        assert_eq!(classify(Path::new("themes/blue/static/style.css")), ChangeKind::Theme);
        for junk in [".git/index", "policies/.a.md.swp", "policies/a.md~", "files/~$附件.docx", "notes.tmp"] {
            assert_eq!(classify(Path::new(junk)), ChangeKind::Ignore, "{junk}");
        }
    }

    #[test]
    fn merged_batches_keep_the_list_only_when_both_have_one() {
        let b = |kind, files: Option<&[&str]>| Batch {
            kind,
            modified: files.map(|f| f.iter().map(|s| s.to_string()).collect()),
        };
        let merged = b(ChangeKind::Content, Some(&["a.md"])).merge(b(ChangeKind::Theme, Some(&["b.md"])));
        assert_eq!(merged, b(ChangeKind::Theme, Some(&["a.md", "b.md"])));
        assert_eq!(b(ChangeKind::Content, Some(&["a.md"])).merge(b(ChangeKind::Content, None)).modified, None);
    }
}

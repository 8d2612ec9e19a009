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

/// Watches `root` and sends the strongest kind of each debounced batch of changes.
pub fn watch(root: &Path) -> Result<(impl Drop + use<>, mpsc::Receiver<ChangeKind>), String> {
    let (tx, rx) = mpsc::channel();
    let base: PathBuf = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let watched = base.clone();
    let handler = move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        let kind = events
            .iter()
            // Reading a file is an event too (notify 8): the build itself would set it off again.
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter())
            .map(|p| classify(p.strip_prefix(&base).unwrap_or(p)))
            .max();
        if let Some(kind) = kind.filter(|k| *k != ChangeKind::Ignore) {
            let _ = tx.send(kind);
        }
    };
    let mut debouncer =
        new_debouncer(Duration::from_millis(50), None, handler).map_err(|e| format!("无法监视文件夹：{e}"))?;
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
}

//! The output before last, kept beside the live one so that the next build can bring it up to
//! date ([`super::staging::refresh`]) instead of making every folder and file again, and need not
//! delete anything afterwards.
//!
//! It lives in a `.gongshi/` folder next to the output (`.gongshi/public`), which holds a
//! `.gitignore` so that it is never committed by accident, and a note saying what it is. A build
//! claims it by renaming it to its own staging folder (one rename: two builds at once cannot
//! both take it), and after the swap puts the previous output there in its place. Only a folder
//! holding gongshi's marker is used; deleting `.gongshi/` at any time is safe: the next build
//! then writes a fresh copy.

use super::marker::MARKER;
use super::swap::{Sweep, name, parent};
use std::path::{Path, PathBuf};

const NOTE: &str = "gongshi 的缓存：上一次构建的输出，下次构建时复用以加快速度；可以随时删除。\n\
gongshi's cache: the output before last, reused by the next build to save work; safe to delete.\n";

/// Where the spare of `out` is kept.
pub fn folder(out: &Path) -> PathBuf {
    parent(out).join(".gongshi").join(name(out))
}

/// Moves the spare of `out` to `staging`; whether there was one to take. A folder in its place
/// without gongshi's marker (half deleted by hand, say) is removed, so that this build can keep
/// a spare again.
pub fn claim(out: &Path, staging: &Path) -> bool {
    let spare = folder(out);
    if spare.join(MARKER).is_file() {
        return std::fs::rename(&spare, staging).is_ok();
    }
    if spare.exists() {
        let _ = std::fs::remove_dir_all(&spare);
    }
    false
}

/// Keeps `old`, the output just replaced, as the spare of `out`; when it cannot be kept (a
/// spare is there already, or the folder cannot be made), deletes it in the background.
pub fn keep(old: PathBuf, out: &Path, sweep: &mut Sweep) {
    let spare = folder(out);
    let write_once = |path: PathBuf, text: &str| path.is_file() || std::fs::write(path, text).is_ok();
    let kept = spare.parent().is_some_and(|cache| {
        std::fs::create_dir_all(cache).is_ok()
            && write_once(cache.join(".gitignore"), "*\n")
            && write_once(cache.join("README.txt"), NOTE)
    }) && !spare.exists()
        && std::fs::rename(&old, &spare).is_ok();
    if !kept {
        sweep.start(vec![old]);
    }
}

//! Writing an imported file: never over an existing one unless asked, and then keeping the old
//! one beside it.

use crate::diagnostics::{Code, Diagnostic, Location};
use std::path::{Path, PathBuf};

/// Writes `text` to `path`; an existing file is kept as `.NAME.bak-YYYYMMDD-HHMMSS` beside it with
/// `force` (`-2`, `-3`… when that name is taken: a backup is never overwritten), and refused
/// without it. The new file is written beside and renamed into place.
pub(super) fn save(path: &Path, text: &str, force: bool) -> Result<Option<PathBuf>, Diagnostic> {
    save_at(path, text, force, &stamp())
}

fn save_at(path: &Path, text: &str, force: bool, stamp: &str) -> Result<Option<PathBuf>, Diagnostic> {
    let shown = path.display().to_string();
    let failed = |e: std::io::Error| {
        Diagnostic::error(Code::WriteFailed, Location::Path(shown.clone())).detail(format!("无法写入：{e}"))
    };
    let backup = if path.exists() {
        if !force {
            return Err(Diagnostic::error(Code::ImportExists, Location::Path(shown.clone()))
                .detail("文件已经存在，没有覆盖".to_string()));
        }
        Some(back_up(path, stamp).map_err(failed)?)
    } else {
        None
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let tmp = beside(path, ".import-tmp");
    std::fs::write(&tmp, text).map_err(failed)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        failed(e)
    })?;
    Ok(backup)
}

/// Copies `path` to a backup name that no file has yet: `.NAME.bak-STAMP`, else `…-2`, `-3`…
/// The backup is created with `create_new`, so even a run racing this one cannot make it
/// overwrite a backup; after 99 taken names it fails rather than clobbers.
fn back_up(path: &Path, stamp: &str) -> std::io::Result<PathBuf> {
    let mut original = std::fs::File::open(path)?;
    for n in 1..100 {
        let suffix = if n == 1 { format!(".bak-{stamp}") } else { format!(".bak-{stamp}-{n}") };
        let backup = beside(path, &suffix);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&backup) {
            Ok(mut copy) => {
                std::io::copy(&mut original, &mut copy)?;
                copy.sync_all()?;
                return Ok(backup);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "备份文件名都已被占用 / every backup name is taken"))
}

/// `data/.schools.yaml.bak-…` for `data/schools.yaml`: beside it, and starting with a dot so
/// that the build skips it as it skips other leftovers.
pub(super) fn beside(path: &Path, suffix: &str) -> PathBuf {
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}{suffix}"))
}

/// Now in China time, as `20260315-142501`.
pub(super) fn stamp() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let date = crate::model::date::china_date(secs);
    let t = (secs + 8 * 3600).rem_euclid(86_400);
    format!(
        "{:04}{:02}{:02}-{:02}{:02}{:02}",
        date.year(),
        date.month() as u8,
        date.day(),
        t / 3600,
        t / 60 % 60,
        t % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("gongshi-save-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Issue 20: two `import --force` runs in the same second gave both backups one name, and
    /// the second copy replaced the first: the original file was lost.
    #[test]
    fn two_forced_saves_in_one_second_keep_both_backups() {
        let dir = folder("same-second");
        let path = dir.join("schools.yaml");
        std::fs::write(&path, "original").unwrap();
        let first = save_at(&path, "second", true, "20260315-142501").unwrap().unwrap();
        let second = save_at(&path, "third", true, "20260315-142501").unwrap().unwrap();
        assert_ne!(first, second);
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "original");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "second");
        assert_eq!(second.file_name().unwrap(), ".schools.yaml.bak-20260315-142501-2");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "third");
        std::fs::remove_dir_all(dir).unwrap();
    }
}

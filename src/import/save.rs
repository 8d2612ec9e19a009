//! Writing an imported file: never over an existing one unless asked, and then keeping the old
//! one beside it.

use crate::diagnostics::{Code, Diagnostic, Location};
use std::path::{Path, PathBuf};

/// Writes `text` to `path`; an existing file is kept as `.NAME.bak-YYYYMMDD-HHMMSS` beside it with
/// `force`, and refused without it. The new file is written beside and renamed into place.
pub(super) fn save(path: &Path, text: &str, force: bool) -> Result<Option<PathBuf>, Diagnostic> {
    let shown = path.display().to_string();
    let failed = |e: std::io::Error| {
        Diagnostic::error(Code::WriteFailed, Location::Path(shown.clone())).detail(format!("无法写入：{e}"))
    };
    let backup = if path.exists() {
        if !force {
            return Err(Diagnostic::error(Code::ImportExists, Location::Path(shown.clone()))
                .detail("文件已经存在，没有覆盖".to_string()));
        }
        let backup = beside(path, &format!(".bak-{}", stamp()));
        std::fs::copy(path, &backup).map_err(failed)?;
        Some(backup)
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

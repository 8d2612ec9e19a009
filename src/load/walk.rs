//! Lists the files of a site folder in a stable order and says what each one is, by where it
//! sits (FORMAT.md: site.yaml, policies/, notices/, pages/, files/, data/, standards/).
//!
//! Only the content folders are walked: a site's templates/, static/ and themes/ belong to the
//! theme (read by `render::theme`), and anything else at the top (README, .git, an output
//! folder) is none of the build's business.

use crate::diagnostics::{Code, Diagnostic};
use std::path::{Path, PathBuf};

/// The folders of documents (Markdown with front matter); the model gives them meaning.
pub const DOCUMENT_FOLDERS: [&str; 3] = ["policies", "notices", "pages"];

/// The data files FORMAT.md names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DataKind {
    Schools,
    Pairings,
    Exchanges,
    Indicators,
    Plan,
    Standard,
    /// 政府信息公开工作年度报告: data/reports/YEAR.yaml
    Report,
    /// 县级评估数据 (the county method's figures and judgements): data/county/YEAR.yaml
    County,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    SiteConfig,
    Document,
    Data(DataKind),
    Attachment,
}

#[derive(Clone, Debug)]
pub struct Found {
    pub kind: FileKind,
    pub abs: PathBuf,
    /// Path relative to the site folder, with `/`.
    pub rel: String,
}

/// The folders of a site that hold its content.
const TOP_FOLDERS: [&str; 6] = ["data", "files", "notices", "pages", "policies", "standards"];

/// A content folder written with other letter case (`Policies`): on Windows and macOS it is the
/// same folder, on the server it is not read at all. Said, rather than silently skipped.
fn misnamed_folders(root: &Path, diags: &mut Vec<Diagnostic>) {
    let Ok(entries) = std::fs::read_dir(root) else { return };
    let mut names: Vec<String> = entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for name in names {
        if let Some(top) = TOP_FOLDERS.iter().find(|t| name.eq_ignore_ascii_case(t) && name != **t) {
            diags.push(
                Diagnostic::warning(Code::IgnoredFile, crate::diagnostics::Location::Path(format!("{name}/")))
                    .detail(format!("文件夹名要全部小写：请改名为 {top}；在 Linux 服务器上 {name} 里的文件不会被读取")),
            );
        }
    }
}

/// Every file of the site that the build reads or copies, sorted by path.
pub fn walk(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<Found> {
    let mut found = Vec::new();
    for name in ["site.yaml", "site.yml"] {
        let abs = root.join(name);
        if !abs.is_file() {
            continue;
        }
        if found.is_empty() {
            found.push(Found { kind: FileKind::SiteConfig, abs, rel: name.to_string() });
        } else {
            diags.push(
                Diagnostic::warning(Code::IgnoredFile, crate::diagnostics::Location::Path(name.to_string()))
                    .detail("已经有 site.yaml，这个文件不会被读取；请把两个文件合并成一个"),
            );
        }
    }
    misnamed_folders(root, diags);
    for top in TOP_FOLDERS {
        let dir = root.join(top);
        if !dir.is_dir() {
            continue;
        }
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            diags.push(
                Diagnostic::warning(Code::IgnoredFile, crate::diagnostics::Location::Path(format!("{top}/")))
                    .detail("这个文件夹是快捷方式（符号链接），不会被读取或发布：网站只发布网站文件夹里的文件"),
            );
            continue;
        }
        let entries = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_junk(&e.file_name().to_string_lossy()));
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let at = err.path().unwrap_or(&dir);
                    diags.push(
                        Diagnostic::error(Code::ReadFailed, crate::diagnostics::Location::Path(relative(root, at)))
                            .detail(crate::diagnostics::os::walk(&err)),
                    );
                    continue;
                }
            };
            let rel = relative(root, entry.path());
            if entry.path().to_str().is_none() {
                diags.push(
                    Diagnostic::error(Code::EncodingUnknown, crate::diagnostics::Location::Path(rel))
                        .detail("文件名不是 UTF-8 编码（常见于从旧系统拷贝来的 GBK 文件名），发布后会变成乱码")
                        .hint("在电脑上把这个文件重新命名一次（输入中文名），再构建。/ Rename the file so that its name is UTF-8."),
                );
                continue;
            }
            if entry.path_is_symlink() {
                diags.push(
                    Diagnostic::warning(Code::IgnoredFile, crate::diagnostics::Location::Path(rel))
                        .detail("这是一个快捷方式（符号链接），不会被读取或发布"),
                );
                continue;
            }
            if !entry.file_type().is_file() {
                continue;
            }
            match classify(&rel) {
                Some(kind) => found.push(Found { kind, abs: entry.into_path(), rel }),
                None => diags.push(
                    Diagnostic::warning(Code::IgnoredFile, crate::diagnostics::Location::Path(rel.clone()))
                        .detail(ignored_reason(&rel)),
                ),
            }
        }
    }
    found
}

/// What a file is, from its path relative to the site folder; `None` for a file in a content
/// folder that does not belong there.
pub fn classify(rel: &str) -> Option<FileKind> {
    let (top, rest) = rel.split_once('/')?;
    let ext = rest.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let is_md = matches!(ext.as_deref(), Some("md" | "markdown"));
    let is_yaml = matches!(ext.as_deref(), Some("yaml" | "yml"));
    let stem = rest.rsplit_once('.').map_or(rest, |(s, _)| s);
    match top {
        "files" => Some(FileKind::Attachment),
        _ if is_md && DOCUMENT_FOLDERS.contains(&top) => Some(FileKind::Document),
        "standards" if is_yaml && !rest.contains('/') => Some(FileKind::Data(DataKind::Standard)),
        "data" if is_yaml => match stem {
            "schools" => Some(FileKind::Data(DataKind::Schools)),
            "pairings" => Some(FileKind::Data(DataKind::Pairings)),
            "exchanges" => Some(FileKind::Data(DataKind::Exchanges)),
            "plan" => Some(FileKind::Data(DataKind::Plan)),
            s if s.starts_with("indicators/") && !s["indicators/".len()..].contains('/') => {
                Some(FileKind::Data(DataKind::Indicators))
            }
            s if s.starts_with("reports/") && !s["reports/".len()..].contains('/') => {
                Some(FileKind::Data(DataKind::Report))
            }
            s if s.starts_with("county/") && !s["county/".len()..].contains('/') => {
                Some(FileKind::Data(DataKind::County))
            }
            _ => None,
        },
        _ => None,
    }
}

fn ignored_reason(rel: &str) -> String {
    if rel.starts_with("data/") {
        "data/ 里只读 schools.yaml、pairings.yaml、exchanges.yaml、plan.yaml、indicators/年度.yaml、county/年度.yaml 和 reports/年度.yaml"
            .into()
    } else if rel.starts_with("standards/") {
        "standards/ 里只读 .yaml 文件".into()
    } else {
        "文档文件夹里只读 .md 文件；附件请放到 files/ 文件夹".into()
    }
}

/// Files that editors, office suites and operating systems leave behind.
fn is_junk(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name.ends_with('~')
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// A path relative to the site folder, with `/` on every platform.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_by_folder_and_name() {
        assert_eq!(classify("policies/2017/a.md"), Some(FileKind::Document));
        assert_eq!(classify("notices/a.MD"), Some(FileKind::Document));
        assert_eq!(classify("files/2017/附件1.pdf"), Some(FileKind::Attachment));
        assert_eq!(classify("data/schools.yaml"), Some(FileKind::Data(DataKind::Schools)));
        assert_eq!(classify("data/indicators/2023.yml"), Some(FileKind::Data(DataKind::Indicators)));
        assert_eq!(classify("data/reports/2025.yaml"), Some(FileKind::Data(DataKind::Report)));
        assert_eq!(classify("standards/mine.yaml"), Some(FileKind::Data(DataKind::Standard)));
        assert_eq!(classify("policies/a.docx"), None);
        assert_eq!(classify("data/other.yaml"), None);
    }

    #[test]
    fn skips_office_and_os_leftovers() {
        assert!(is_junk("~$附件1.docx") && is_junk(".DS_Store") && is_junk("Thumbs.db"));
        assert!(!is_junk("附件1.docx"));
    }
}

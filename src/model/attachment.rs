//! Attachment paths: a document names a file under files/; the path may not leave that folder
//! and the file must exist.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Spanned};
pub use crate::load::table::TablePreview;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A file under files/, published as it is.
#[derive(Clone, Debug)]
pub struct Attachment {
    /// Path under files/, with `/`: `2017/附件1.pdf`.
    pub rel: String,
    /// Where to copy it from.
    pub source: PathBuf,
    pub size: u64,
}

/// What a document needs to know of a file it attaches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileInfo {
    pub size: u64,
    /// The top of a table (CSV, spreadsheet), for the preview on the page.
    pub table: Option<std::sync::Arc<TablePreview>>,
}

/// Every file under files/: path under files/ → what a document needs of it.
pub type Attachments = BTreeMap<String, FileInfo>;

/// Checks the files under files/ themselves: two names that differ only in case, and active
/// content (web pages, scripts, SVG with script) that would run on the site's own origin.
/// `text` gives an attachment's decoded text where it was read (SVG among them).
pub fn check_files<'a>(
    files: impl Iterator<Item = &'a str>,
    text: impl Fn(&str) -> Option<&'a str>,
    diags: &mut Diagnostics,
) {
    let mut seen: std::collections::HashMap<String, &str> = std::collections::HashMap::new();
    for rel in files {
        let shown = format!("files/{rel}");
        if let Some(first) = seen.insert(rel.to_lowercase(), rel) {
            diags.push(
                Diagnostic::error(Code::FileNameClash, crate::diagnostics::Location::Path(shown.clone()))
                    .detail(format!("和 files/{first} 只差大小写")),
            );
        }
        let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
        let active = match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" | "js" | "mjs" => true,
            "svg" | "svgz" => text(&shown).is_none_or(scripted),
            _ => false,
        };
        if active {
            diags.push(
                Diagnostic::error(Code::ActiveAttachment, crate::diagnostics::Location::Path(shown))
                    .detail(format!(".{ext} 文件会在本站运行")),
            );
        }
    }
}

/// Whether an SVG carries script: a script element, an event handler, or a javascript: link.
fn scripted(svg: &str) -> bool {
    let lower = svg.to_ascii_lowercase();
    let handler = lower.match_indices(" on").any(|(i, _)| {
        let rest = &lower[i + 3..];
        let name = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
        name > 0 && rest[name..].trim_start().starts_with('=')
    });
    lower.contains("<script") || lower.contains("javascript:") || lower.contains("<foreignobject") || handler
}

/// Files that only unpublished documents (drafts, or dated after the build) attach: they wait
/// for their document, since a file under files/ is published at a guessable address. A file
/// a published document attaches or links to (`files/…` in its body) is published all the same.
pub fn withheld(
    published: &[std::sync::Arc<super::Document>],
    unpublished: &[std::sync::Arc<super::Document>],
) -> std::collections::HashSet<String> {
    let attached: std::collections::HashSet<&str> =
        published.iter().flat_map(|d| d.attachments.iter().map(|a| a.rel.as_str())).collect();
    unpublished
        .iter()
        .flat_map(|d| d.attachments.iter().map(|a| a.rel.clone()))
        .filter(|rel| !attached.contains(rel.as_str()))
        .filter(|rel| !published.iter().any(|d| d.body.contains(&format!("files/{rel}"))))
        .collect()
}

/// Resolves a path as written (`2017/附件1.pdf`, `files/2017/附件1.pdf`, `.\2017\附件1.pdf`)
/// to a path under files/ and what is known of it.
pub fn resolve(file: &Spanned<String>, files: &Attachments, diags: &mut Diagnostics) -> Option<(String, FileInfo)> {
    let written = file.value.replace('\\', "/");
    let escapes = written.starts_with('/')
        || written.contains("://")
        || written.as_bytes().get(1) == Some(&b':')
        || written.split('/').any(|part| part == "..");
    if escapes {
        diags.push(Diagnostic::error(Code::AttachmentOutside, file.span).detail(format!("「{}」", file.value)));
        return None;
    }
    let rel: Vec<&str> = written.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    let rel = rel.strip_prefix(&["files"]).unwrap_or(&rel).join("/");
    if let Some(info) = files.get(&rel) {
        return Some((rel, info.clone()));
    }
    let mut d = Diagnostic::error(Code::AttachmentMissing, file.span).detail(format!("files/{rel}"));
    if let Some(near) = files.keys().find(|k| k.to_lowercase() == rel.to_lowercase()) {
        d = d.hint(format!("大小写不一致：实际文件是 files/{near}。/ The file is files/{near}."));
    }
    diags.push(d);
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Span};

    fn run(path: &str) -> (Option<(String, u64)>, Diagnostics) {
        let mut files = Attachments::new();
        files.insert("2017/附件1.pdf".into(), FileInfo { size: 10, table: None });
        let mut diags = Diagnostics::default();
        let out = resolve(&Spanned::new(path.into(), Span::new(FileId(0), 0, 0)), &files, &mut diags)
            .map(|(rel, info)| (rel, info.size));
        (out, diags)
    }

    #[test]
    fn accepts_paths_with_or_without_files_prefix() {
        for p in ["2017/附件1.pdf", "files/2017/附件1.pdf", "./files/2017/附件1.pdf", "2017\\附件1.pdf"] {
            assert_eq!(run(p).0, Some(("2017/附件1.pdf".into(), 10)), "{p}");
        }
    }

    #[test]
    fn refuses_paths_that_leave_files() {
        for p in ["../site.yaml", "files/../../etc/passwd", "/etc/passwd", "C:/x.pdf", "https://x/y.pdf"] {
            let (out, diags) = run(p);
            assert!(out.is_none());
            assert_eq!(diags.iter().next().unwrap().code, Code::AttachmentOutside, "{p}");
        }
    }

    #[test]
    fn a_missing_file_names_a_case_mismatch() {
        let (_, diags) = run("2017/附件1.PDF");
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, Code::AttachmentMissing);
        assert!(d.hint.as_deref().unwrap().contains("files/2017/附件1.pdf"));
    }
}

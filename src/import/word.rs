//! `gongshi import policy|notice 文件.docx …`: Word files → documents of the site
//! (policies/YEAR/slug.md or notices/slug.md), their pictures and attachment sections → files/.
//!
//! Each file is read by `docx`, its text run past the PII guard (refused at the paragraph), the
//! document written as text and checked with the whole site in memory (`LoadOptions::overlay`)
//! before anything is written. A folder is imported file by file with a summary. Bad files are
//! refused with a Chinese message naming them; nothing of a refused file is written.

use super::docx::{self, ReadError, Refusal};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Severity};
use crate::load::LoadOptions;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// 政策文件 or 通知公告.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Policy,
    Notice,
}

#[derive(Clone, Debug)]
pub struct WordRequest {
    pub kind: DocKind,
    /// Files and folders, as given.
    pub inputs: Vec<PathBuf>,
    pub site: PathBuf,
    pub dry_run: bool,
}

/// One file imported (or, with `--dry-run`, that would be).
#[derive(Debug)]
pub struct WordImported {
    pub source: PathBuf,
    /// The document written, in the site folder.
    pub path: PathBuf,
    /// Pictures and attachments written under files/.
    pub files: Vec<PathBuf>,
    /// The front matter and the first lines of the body.
    pub preview: String,
    /// 文号, when it has one.
    pub doc_no: Option<String>,
    pub warnings: Vec<Diagnostic>,
}

/// The outcome of a batch, file by file.
#[derive(Debug, Default)]
pub struct Batch {
    pub imported: Vec<WordImported>,
    pub failed: Vec<(PathBuf, Vec<Diagnostic>)>,
    /// Files of a folder not tried, with why.
    pub skipped: Vec<Diagnostic>,
}

impl Batch {
    /// `导入 23 份，失败 1 份，跳过 2 份（旧版 .doc 2 份）`.
    pub fn summary(&self) -> String {
        let mut line = format!("导入 {} 份", self.imported.len());
        if !self.failed.is_empty() {
            line.push_str(&format!("，失败 {} 份", self.failed.len()));
        }
        if !self.skipped.is_empty() {
            let mut reasons: Vec<String> = Vec::new();
            for d in &self.skipped {
                if !reasons.contains(&d.detail) {
                    reasons.push(d.detail.clone());
                }
            }
            line.push_str(&format!("，跳过 {} 份（{}）", self.skipped.len(), reasons.join("；")));
        }
        line
    }
}

/// What is known of the site before any file is imported.
struct SiteView {
    /// Errors the site had already: not blamed on an import.
    before: HashSet<(String, String)>,
    /// 文号 key → the 文号 as the site writes it.
    doc_nos: HashMap<String, String>,
    allow: Vec<String>,
    today: crate::model::date::Date,
}

fn today() -> crate::model::date::Date {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    crate::model::date::china_date(secs)
}

/// Loads and checks the site as `build` does, with `overlay` read in place of the disk.
fn check(
    site: &Path,
    overlay: Option<(String, std::sync::Arc<str>)>,
    today: crate::model::date::Date,
) -> (crate::diagnostics::Sources, Diagnostics, Option<crate::model::Site>) {
    let mut diags = Diagnostics::default();
    let raw = crate::load::load(site, &LoadOptions { encoding: None, overlay }, &mut diags);
    let options = crate::model::BuildOptions { drafts: true, today, base_url: None };
    let built = crate::model::build(&raw, &options, &mut diags);
    (raw.sources, diags, built)
}

fn site_view(site: &Path) -> SiteView {
    let today = today();
    let (sources, diags, built) = check(site, None, today);
    let before = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.location.path(&sources), d.detail.clone()))
        .collect();
    let (doc_nos, allow) = built.map_or_else(Default::default, |s| {
        let nos = s
            .documents
            .iter()
            .filter_map(|d| d.doc_no.as_ref())
            .map(|n| (crate::model::doc_no::key(&n.value), n.value.clone()));
        (nos.collect(), s.config.pii_allow.clone())
    });
    SiteView { before, doc_nos, allow, today }
}

/// Imports every file of the request.
pub fn import_word(req: &WordRequest) -> Batch {
    let mut batch = Batch::default();
    let (files, skipped) = inputs(&req.inputs);
    batch.skipped = skipped;
    if !req.site.join("site.yaml").is_file() && !req.site.join("site.yml").is_file() {
        let d = Diagnostic::error(Code::NotAFolder, Location::Path(req.site.display().to_string()))
            .detail("这里没有 site.yaml，不是网站文件夹")
            .hint("用 --site 指定网站文件夹。/ Pass --site.");
        batch.failed.push((req.site.clone(), vec![d]));
        return batch;
    }
    let mut view = site_view(&req.site);
    for file in files {
        match one(&file, req, &view) {
            Ok(done) => {
                // A 解读 later in the batch may name this one.
                if let Some(no) = &done.doc_no {
                    view.doc_nos.insert(crate::model::doc_no::key(no), no.clone());
                }
                batch.imported.push(done);
            }
            Err(diags) => batch.failed.push((file, diags)),
        }
    }
    batch
}

/// The files to try: those named, and the .docx files of the folders named (sorted). Other
/// Word-like files of a folder are skipped with the reason.
fn inputs(given: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for path in given {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        found.sort();
        for f in found {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            let reason = match ext.as_str() {
                "docx" => {
                    files.push(f);
                    continue;
                }
                "doc" | "wps" => "旧版 .doc/.wps，请另存为 .docx",
                "pdf" => "PDF 作为附件发布",
                _ => continue,
            };
            skipped
                .push(Diagnostic::warning(Code::WordSkipped, Location::Path(f.display().to_string())).detail(reason));
        }
    }
    (files, skipped)
}

/// The message for a file that could not be read.
fn refused(file: &str, e: ReadError) -> Diagnostic {
    let at = Location::Path(file.to_string());
    match e {
        ReadError::Refused(Refusal::OldFormat) => Diagnostic::error(Code::WordOldFormat, at)
            .detail("这是旧版 Word（.doc）或 WPS（.wps）文件，gongshi 只读 .docx".to_string() + soffice_note()),
        ReadError::Refused(Refusal::Encrypted) => {
            Diagnostic::error(Code::WordEncrypted, at).detail("文件设了打开密码，无法读取内容")
        }
        ReadError::Refused(Refusal::Pdf) => {
            Diagnostic::error(Code::WordPdf, at).detail("这是 PDF 文件：PDF 只作为附件发布，不转换为正文")
        }
        ReadError::Refused(Refusal::TooLarge(m)) => Diagnostic::error(Code::WordTooLarge, at).detail(m),
        ReadError::Refused(Refusal::NotDocx(m)) | ReadError::Broken(m) => {
            Diagnostic::error(Code::WordNotDocx, at).detail(m)
        }
        ReadError::Empty => Diagnostic::error(Code::WordEmpty, at).detail("文档里没有文字"),
    }
}

/// Whether LibreOffice can convert here, in words.
fn soffice_note() -> &'static str {
    let found = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("soffice").is_file()));
    if found {
        "；本机装有 LibreOffice，可以运行 soffice --headless --convert-to docx 文件名 转换后再导入"
    } else {
        ""
    }
}

/// A file to write: its path in the site folder and its bytes.
pub(super) struct Out {
    pub rel: String,
    pub bytes: Vec<u8>,
}

fn one(path: &Path, req: &WordRequest, view: &SiteView) -> Result<WordImported, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let word = docx::read(path).map_err(|e| vec![refused(&file, e)])?;
    let mut diags = Diagnostics::default();
    for (n, text) in &word.paragraphs {
        let at = if *n == 0 { format!("{file}:脚注") } else { format!("{file}:第{n}段") };
        crate::model::check::pii::check_at(text, Location::Path(at), "", &view.allow, &mut diags);
    }
    if diags.has_errors() {
        return Err(diags.into_iter().collect());
    }
    let plan = super::word_plan::plan(&word, &file, req.kind, view.today, &view.doc_nos, &mut diags);
    let Some((md, files)) = plan else { return Err(diags.into_iter().collect()) };
    if diags.has_errors() {
        return Err(diags.into_iter().collect());
    }
    let text: &str = std::str::from_utf8(&md.bytes).unwrap_or("");
    for target in std::iter::once(&md).chain(&files) {
        if req.site.join(&target.rel).exists() {
            diags.push(
                Diagnostic::error(Code::ImportExists, Location::Path(req.site.join(&target.rel).display().to_string()))
                    .detail(format!("{file} 要写的文件已经存在，没有覆盖"))
                    .hint("这份文件可能已经导入过；要重新导入，先删去或改名已有的文件。/ Remove or rename the existing file first."),
            );
        }
    }
    let written: HashSet<String> = files.iter().map(|f| f.rel.trim_start_matches("files/").to_string()).collect();
    let (sources, after, _) = check(&req.site, Some((md.rel.clone(), text.into())), view.today);
    for d in after.iter().filter(|d| d.severity == Severity::Error) {
        let p = d.location.path(&sources);
        let ours = d.code == Code::AttachmentMissing && written.contains(d.detail.trim_start_matches("files/"));
        if ours || view.before.contains(&(p, d.detail.clone())) {
            continue;
        }
        let location = Location::Path(format!("{file}（导入后 {}）", d.location.shown(&sources)));
        let mut out = Diagnostic::error(d.code, location).detail(d.detail.clone());
        if let Some(h) = d.hint_text() {
            out = out.hint(h);
        }
        diags.push(out);
    }
    if diags.has_errors() {
        return Err(diags.into_iter().collect());
    }
    let preview = preview(text);
    if !req.dry_run {
        write_all(&req.site, &files, &md).map_err(|d| vec![d])?;
    }
    Ok(WordImported {
        source: path.to_path_buf(),
        path: req.site.join(&md.rel),
        files: files.iter().map(|f| req.site.join(&f.rel)).collect(),
        preview,
        doc_no: word.official.doc_no.clone(),
        warnings: diags.into_iter().collect(),
    })
}

/// The front matter and the first eight lines of the body.
fn preview(text: &str) -> String {
    let end = text.match_indices("\n---\n").next().map_or(text.len(), |(i, _)| i + 5);
    let body: Vec<&str> = text[end..].lines().filter(|l| !l.trim().is_empty()).take(8).collect();
    format!("{}{}\n", &text[..end], body.join("\n"))
}

/// Writes the files first and the document last, each new (never over a file).
fn write_all(site: &Path, files: &[Out], md: &Out) -> Result<(), Diagnostic> {
    use std::io::Write;
    for out in files.iter().chain(std::iter::once(md)) {
        let path = site.join(&out.rel);
        let failed = |e: std::io::Error| {
            Diagnostic::error(Code::WriteFailed, Location::Path(path.display().to_string()))
                .detail(format!("无法写入：{}", crate::diagnostics::os::explain("写入", &e)))
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(failed)?;
        }
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(failed)?;
        f.write_all(&out.bytes).map_err(failed)?;
    }
    Ok(())
}

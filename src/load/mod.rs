//! Stage 1, load: read the site folder into raw records with source spans.
//!
//! `load(dir) → Raw`. Files are decoded (UTF-8, or GBK/Big5 with a warning), documents split
//! into front matter and body, YAML parsed into located trees and Chinese key aliases renamed
//! to their English names. Nothing here judges values (that is `model`'s work), and nothing is
//! written anywhere.

pub mod builtin;
mod cache;
pub mod decode;
pub mod figures;
pub mod front_matter;
pub mod keys;
pub mod sheet;
pub mod table;
pub mod walk;
pub mod workbook;
pub mod yaml;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Location, SourceFile, Sources, Span};
pub use cache::Cache;
use cache::{Cached, Walked, finish_data, settled, stamp};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
pub use walk::{DOCUMENT_FOLDERS, DataKind};
use walk::{FileKind, Found};
pub use yaml::{Entry, Node, Value};

#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Encoding to assume for files that are not UTF-8 (`--encoding`), instead of guessing.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// A file's text to read instead of what is on disk (path in the site folder, text): how
    /// `import` checks the whole site with the file it is about to write, before writing it.
    pub overlay: Option<(String, Arc<str>)>,
}

/// Everything read from a site folder.
#[derive(Debug)]
pub struct Raw {
    pub root: PathBuf,
    pub sources: Sources,
    /// site.yaml, with keys renamed to English.
    pub site: Option<RawFile>,
    pub documents: Vec<RawDocument>,
    pub data: Vec<RawData>,
    pub attachments: Vec<RawAttachment>,
    /// Kinds of data file that could not be read; checks that refer to them are skipped,
    /// since every reference would look broken.
    pub unreadable: Vec<DataKind>,
    /// For each site file read through a [`Cache`], the load that read it: the same version
    /// means the same text, so checks of that text can be kept too.
    pub versions: HashMap<FileId, u64>,
}

#[derive(Clone, Debug)]
pub struct RawFile {
    pub file: FileId,
    pub node: Node,
}

#[derive(Clone, Debug)]
pub struct RawDocument {
    /// Path in the site folder: `policies/2017/lianqujiao-89.md`.
    pub path: String,
    pub file: FileId,
    /// Path inside its folder, without the extension: `2017/lianqujiao-89`.
    pub stem: String,
    /// Shared: a long-running process keeps it between loads (see [`Cache`]).
    pub front: Arc<Node>,
    /// Byte offset of the Markdown body in the file's text.
    pub body_start: usize,
}

#[derive(Clone, Debug)]
pub struct RawData {
    pub kind: DataKind,
    pub file: FileId,
    /// Shared, so a long-running process keeps it between loads (see [`Cache`]).
    pub node: Arc<Node>,
    /// Shipped with gongshi (the built-in standards) rather than read from the site.
    pub builtin: bool,
}

/// A file under files/, to be copied as it is.
#[derive(Debug, Clone)]
pub struct RawAttachment {
    /// Path under files/, with `/`: `2017/附件1.pdf`.
    pub rel: String,
    pub abs: PathBuf,
    pub size: u64,
    /// The top of a table (CSV, spreadsheet), for its preview.
    pub table: Option<Arc<table::TablePreview>>,
    /// A spreadsheet's cells with long numbers in them, for the PII guard.
    pub numbers: Vec<table::NumberCell>,
}

#[derive(Clone)]
enum Item {
    Site(RawFile),
    Document(RawDocument),
    Data(RawData),
}

/// Reads the site folder at `root`.
pub fn load(root: &Path, options: &LoadOptions, diags: &mut Diagnostics) -> Raw {
    load_cached(root, options, &mut Cache::default(), None, diags)
}

/// Reads the site folder at `root`, taking unchanged text files from `cache` and keeping what
/// was read in it. `modified`, when given, lists every path (relative, with `/`) that anything
/// happened to since the last load through this cache. When each is either a known file that
/// is still there (its content changed, perhaps by an editor saving through a temporary file
/// renamed over it) or a path that neither was nor is there (that temporary file), the folder
/// is not walked again and only those files are read; a file or folder that came or went means
/// a walk.
/// Reads site.yaml alone (for `deploy`, which needs the settings and nothing else).
pub fn site_config(root: &Path, options: &LoadOptions, diags: &mut Diagnostics) -> (Sources, Option<RawFile>) {
    let mut sources = Sources::default();
    let found = Found { kind: FileKind::SiteConfig, abs: root.join("site.yaml"), rel: "site.yaml".into() };
    if !found.abs.is_file() {
        diags.push(
            Diagnostic::error(Code::SiteConfigMissing, Location::Path(root.display().to_string()))
                .detail(format!("{} 里没有 site.yaml", root.display())),
        );
        return (sources, None);
    }
    let id = sources.reserve(&found.rel);
    let (source, item, file_diags) = read_text(&found, id, options);
    sources.insert(id, source);
    diags.extend(file_diags);
    match item {
        Some(Item::Site(site)) => (sources, Some(site)),
        _ => (sources, None),
    }
}

pub fn load_cached(
    root: &Path,
    options: &LoadOptions,
    cache: &mut Cache,
    modified: Option<&[String]>,
    diags: &mut Diagnostics,
) -> Raw {
    if cache.encoding != options.encoding {
        *cache = Cache { encoding: options.encoding, generation: cache.generation, ..Cache::default() };
    }
    cache.generation += 1;
    let generation = cache.generation;
    let mut raw = Raw {
        root: root.to_path_buf(),
        sources: Sources::default(),
        site: None,
        documents: Vec::new(),
        data: Vec::new(),
        attachments: Vec::new(),
        unreadable: Vec::new(),
        versions: HashMap::new(),
    };
    if !root.is_dir() {
        diags.push(
            Diagnostic::error(Code::NotAFolder, Location::Path(root.display().to_string()))
                .detail(format!("找不到文件夹 {}", root.display())),
        );
        return raw;
    }
    let trusted = match (modified, &cache.walked) {
        (Some(m), Some(w)) => changed_files(root, w, m),
        _ => None,
    };
    let attachments_changed = trusted.as_ref().is_none_or(|m| m.iter().any(|rel| rel.starts_with("files/")));
    let walked = match (&trusted, cache.walked.take()) {
        (Some(_), Some(w)) if !attachments_changed => w,
        (Some(_), Some(w)) => Arc::new(attachments(w.found.clone(), w.walk_reported.clone(), options)),
        _ => {
            let mut reported = Vec::new();
            let mut found = walk::walk(root, &mut reported);
            // A file still to be written is read as if it were there.
            if let Some((rel, _)) = &options.overlay
                && !found.iter().any(|f| &f.rel == rel)
                && let Some(kind) = walk::classify(rel)
            {
                found.push(Found { kind, abs: root.join(rel), rel: rel.clone() });
                found.sort_by(|a, b| a.rel.cmp(&b.rel));
            }
            Arc::new(attachments(found, reported, options))
        }
    };
    diags.extend(walked.walk_reported.iter().cloned());
    diags.extend(walked.reported.iter().cloned());
    raw.attachments = walked.attachments.clone();
    for (rel, text) in &walked.texts {
        let id = raw.sources.reserve(rel);
        raw.sources.insert(id, SourceFile::new(rel.clone(), text.clone()));
    }
    let texts: Vec<&Found> = walked.found.iter().filter(|f| f.kind != FileKind::Attachment).collect();

    // Ids come from paths and are handed out first, so files can be read and parsed in parallel.
    let ids: Vec<FileId> = texts.iter().map(|f| raw.sources.reserve(&f.rel)).collect();
    let results: Vec<Cached> = texts
        .par_iter()
        .zip(&ids)
        .map(|(found, &id)| {
            let told = trusted.as_ref().is_some_and(|m| !m.contains(found.rel.as_str()));
            if let Some(c) = cache.files.get(&found.abs).filter(|c| told && c.id == id) {
                return c.clone();
            }
            let stamp = stamp(&found.abs);
            match cache.files.get(&found.abs) {
                Some(c) if c.stamp.is_some() && c.stamp == stamp && c.id == id => c.clone(),
                _ => Cached {
                    stamp: stamp.filter(settled),
                    id,
                    version: generation,
                    read: Arc::new(read_text(found, id, options)),
                },
            }
        })
        .collect();
    // Without a walk the files are those of the last load: only the ones read again are
    // replaced in the cache, rather than the cache made anew for ten thousand unchanged files.
    let same_files = trusted.is_some();
    let mut kept = HashMap::with_capacity(if same_files { 0 } else { results.len() });
    let mut site_data = Vec::new();
    raw.versions.reserve(results.len());
    for ((cached, found), id) in results.into_iter().zip(&texts).zip(ids) {
        let (source, item, file_diags) = (*cached.read).clone();
        raw.versions.insert(id, cached.version);
        if !same_files {
            kept.insert(found.abs.clone(), cached);
        } else if cached.version == generation {
            cache.files.insert(found.abs.clone(), cached);
        }
        raw.sources.insert(id, source);
        diags.extend(file_diags);
        match (item, found.kind) {
            (Some(Item::Site(site)), _) => raw.site = Some(site),
            (Some(Item::Document(doc)), _) => raw.documents.push(doc),
            (Some(Item::Data(d)), _) => site_data.push(d),
            (None, FileKind::Data(kind)) => raw.unreadable.push(kind),
            (None, _) => {}
        }
    }
    if !same_files {
        cache.files = kept;
    }
    cache.walked = Some(Arc::clone(&walked));
    // Built-in files come first, so that a site's own file with the same id replaces them.
    let builtin = builtin::standards_cached(&mut raw.sources, &mut cache.builtin, diags);
    raw.data = finish_data(cache, &raw.versions, builtin, site_data, diags);
    if !texts.iter().any(|f| f.kind == FileKind::SiteConfig) {
        diags.push(
            Diagnostic::error(Code::SiteConfigMissing, Location::Path(root.display().to_string()))
                .detail(format!("{} 里没有 site.yaml", root.display())),
        );
    }
    raw
}

/// The files of `told` to read again, when nothing else can have changed since the walk `w`
/// (see [`load_cached`]); `None` when the folder must be walked.
fn changed_files<'a>(root: &Path, w: &Walked, told: &'a [String]) -> Option<std::collections::HashSet<&'a str>> {
    let mut files = std::collections::HashSet::new();
    for rel in told {
        let file = w.files.contains(rel.as_str());
        match std::fs::symlink_metadata(root.join(rel)) {
            Ok(now) if file && now.is_file() => {
                files.insert(rel.as_str());
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !file && !w.folders.contains(rel.as_str()) => {}
            _ => return None,
        }
    }
    Some(files)
}

/// The attachments among the files found, with their table previews, and the text of text
/// attachments (their words are checked like any page's); what goes wrong is kept with them.
fn attachments(found: Vec<Found>, walk_reported: Vec<Diagnostic>, options: &LoadOptions) -> Walked {
    let mut diags = Diagnostics::default();
    let files: Vec<&Found> = found.iter().filter(|f| f.kind == FileKind::Attachment).collect();
    let mut attachments: Vec<RawAttachment> = files.iter().filter_map(|f| attachment(f, &mut diags)).collect();
    let tables: Vec<table::TableRead> = attachments.par_iter().map(|a| table::read(&a.rel, &a.abs, a.size)).collect();
    for (a, t) in attachments.iter_mut().zip(tables) {
        a.table = t.preview.map(Arc::new);
        a.numbers = t.numbers;
        if let Some(why) = t.refused {
            let at = Location::Path(format!("files/{}", a.rel));
            diags.push(Diagnostic::warning(Code::TableNotPreviewed, at).detail(why));
        }
    }
    let readable: Vec<&Found> = files.iter().copied().filter(|f| is_text_attachment(&f.rel)).collect();
    let texts = readable
        .par_iter()
        .map(|f| (f.rel.clone(), Arc::from(read_attachment_text(f, options).unwrap_or_default())))
        .collect();
    let files = found.iter().map(|f| f.rel.clone()).collect();
    let folders = found
        .iter()
        .flat_map(|f| f.rel.match_indices('/').map(|(i, _)| f.rel[..i].to_string()))
        .collect::<std::collections::HashSet<String>>();
    Walked { found, walk_reported, reported: diags.into_iter().collect(), attachments, texts, files, folders }
}

fn attachment(found: &Found, diags: &mut Diagnostics) -> Option<RawAttachment> {
    match std::fs::metadata(&found.abs) {
        Ok(meta) => Some(RawAttachment {
            rel: found.rel.strip_prefix("files/").unwrap_or(&found.rel).to_string(),
            abs: found.abs.clone(),
            size: meta.len(),
            table: None,
            numbers: Vec::new(),
        }),
        Err(err) => {
            diags.push(
                Diagnostic::error(Code::ReadFailed, Location::Path(found.rel.clone()))
                    .detail(crate::diagnostics::os::explain("读取", &err)),
            );
            None
        }
    }
}

/// Attachments whose text is read for the checks (the PII guard): plain text, tables and
/// markup, up to [`MAX_TEXT_ATTACHMENT`] bytes.
fn is_text_attachment(rel: &str) -> bool {
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    matches!(
        ext.as_str(),
        "csv" | "tsv" | "txt" | "json" | "xml" | "md" | "markdown" | "html" | "htm" | "svg" | "yaml" | "yml"
    )
}

pub const MAX_TEXT_ATTACHMENT: u64 = 32 * 1024 * 1024;

/// The largest document or data file read: larger ones are refused before reading, so a file
/// put in the wrong folder cannot exhaust memory.
pub const MAX_CONTENT_FILE: u64 = 16 * 1024 * 1024;

/// An attachment's text, decoded like any content file; `None` when it is too big or not text.
fn read_attachment_text(found: &Found, options: &LoadOptions) -> Option<String> {
    let size = std::fs::metadata(&found.abs).ok()?.len();
    if size > MAX_TEXT_ATTACHMENT {
        return None;
    }
    match decode::decode(&std::fs::read(&found.abs).ok()?, options.encoding).ok()? {
        decode::Decoded::Utf8(text) | decode::Decoded::Converted(text, _) => Some(text),
    }
}

/// Reads, decodes and parses one text file. Always returns a source file (empty when the file
/// could not be read; for a file it refuses to parse, the text as far as it can be shown) so
/// that the file's id stays valid for diagnostics.
fn read_text(found: &Found, id: FileId, options: &LoadOptions) -> (SourceFile, Option<Item>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let overlay = options.overlay.as_ref().filter(|(rel, _)| *rel == found.rel).map(|(_, text)| text);
    let size = overlay.map_or_else(|| std::fs::metadata(&found.abs).map_or(0, |m| m.len()), |t| t.len() as u64);
    let read = match overlay {
        _ if size > MAX_CONTENT_FILE => Err(None),
        Some(text) => Ok(text.as_bytes().to_vec()),
        None => std::fs::read(&found.abs).map_err(Some),
    };
    let text: Result<String, Option<String>> = match read {
        Err(None) => {
            diags.push(Diagnostic::error(Code::FileTooLarge, Location::Path(found.rel.clone())).detail(format!(
                "{} MB，最大 {} MB",
                size >> 20,
                MAX_CONTENT_FILE >> 20
            )));
            Err(None)
        }
        Ok(bytes) => decode_or_report(&bytes, id, &found.rel, options, &mut diags),
        Err(Some(err)) => {
            diags.push(
                Diagnostic::error(Code::ReadFailed, Location::Path(found.rel.clone()))
                    .detail(crate::diagnostics::os::explain("读取", &err)),
            );
            Err(None)
        }
    };
    let parse = text.is_ok();
    let source = SourceFile::new(found.rel.clone(), Arc::from(text.unwrap_or_else(Option::unwrap_or_default)));
    let item = if parse { parse_item(found, id, &source, &mut diags) } else { None };
    (source, item, diags)
}

fn decode_or_report(
    bytes: &[u8],
    id: FileId,
    rel: &str,
    options: &LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Result<String, Option<String>> {
    match decode::decode(bytes, options.encoding) {
        Ok(decode::Decoded::Utf8(text)) => Ok(text),
        Ok(decode::Decoded::Converted(text, label)) => {
            diags.push(
                Diagnostic::warning(Code::EncodingGuessed, Span::file_start(id)).detail(format!("已按 {label} 读取")),
            );
            Ok(text)
        }
        Err(decode::DecodeError::Unknown) => {
            diags.push(
                Diagnostic::error(Code::EncodingUnknown, Location::Path(rel.to_string()))
                    .detail("它不是 UTF-8、GBK/GB18030 或 Big5 文本（是否把 Word/PDF 文件改了扩展名？）"),
            );
            Err(None)
        }
        Err(decode::DecodeError::Mismatch(label)) => {
            diags.push(
                Diagnostic::error(Code::EncodingUnknown, Location::Path(rel.to_string()))
                    .detail(format!("按指定的 {label} 读取时出现无效字节")),
            );
            Err(None)
        }
        Err(decode::DecodeError::MixedUtf8) => {
            // Shown with the bad bytes as U+FFFD, to point at them; never parsed or published.
            let shown = String::from_utf8_lossy(bytes).into_owned();
            let at = shown.find('\u{FFFD}').unwrap_or(0);
            diags.push(
                Diagnostic::error(Code::EncodingUnknown, Span::new(id, at, at + '\u{FFFD}'.len_utf8()))
                    .detail("文件是 UTF-8，但这里有一段不是（常见于从别的文件粘贴进来的 GBK 文字）")
                    .hint("删掉这一段，重新输入或从原文件重新复制；保存为 UTF-8。/ Retype or re-paste this passage and save the file as UTF-8."),
            );
            Err(Some(shown))
        }
    }
}

fn parse_item(found: &Found, id: FileId, source: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Item> {
    let mut local = Diagnostics::default();
    let item = match found.kind {
        FileKind::Document => parse_document(found, id, source, &mut local),
        FileKind::SiteConfig => parse_yaml_file(id, source, &keys::Shape::Record(&keys::SITE), &mut local)
            .map(|node| Item::Site(RawFile { file: id, node })),
        FileKind::Data(kind) => parse_yaml_file(id, source, keys::data_shape(kind), &mut local)
            .map(|node| Item::Data(RawData { kind, file: id, node: Arc::new(node), builtin: false })),
        FileKind::Attachment => None,
    };
    diags.extend(local);
    item
}

fn parse_yaml_file(id: FileId, source: &SourceFile, shape: &keys::Shape, diags: &mut Diagnostics) -> Option<Node> {
    if source.text.trim().is_empty() {
        diags.push(Diagnostic::error(Code::EmptyFile, Span::file_start(id)));
        return None;
    }
    match yaml::parse(id, source, 0, source.text.len()) {
        Ok(mut node) => {
            cut_by_comments(&node, source, diags);
            keys::canonicalize(&mut node, shape, diags);
            Some(node)
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn parse_document(found: &Found, id: FileId, source: &SourceFile, diags: &mut Diagnostics) -> Option<Item> {
    let split = match front_matter::split(&source.text) {
        Ok(split) => split,
        Err(e) => {
            diags.push(match e {
                front_matter::SplitError::Empty => Diagnostic::error(Code::EmptyFile, Span::file_start(id)),
                front_matter::SplitError::Missing(at) => {
                    Diagnostic::error(Code::FrontMatterMissing, Span::new(id, at, at))
                }
                front_matter::SplitError::Unclosed(at) => {
                    Diagnostic::error(Code::FrontMatterUnclosed, Span::new(id, at, at + 3))
                        .detail("第一行的 --- 之后没有找到结束的 ---")
                }
            });
            return None;
        }
    };
    let mut front = match yaml::parse(id, source, split.yaml.0, split.yaml.1) {
        Ok(node) => node,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    cut_by_comments(&front, source, diags);
    keys::canonicalize(&mut front, &keys::Shape::Record(&keys::DOCUMENT), diags);
    let inner = found.rel.split_once('/').map_or("", |(_, rest)| rest);
    let stem = inner.rsplit_once('.').map_or(inner, |(s, _)| s).to_string();
    Some(Item::Document(RawDocument {
        path: found.rel.clone(),
        file: id,
        stem,
        front: Arc::new(front),
        body_start: split.body,
    }))
}

/// Warns where a value goes on after ` #` that looks like content (`标题: 关于公布 #1 批名单`):
/// YAML takes it for a comment and the value is cut short. A comment proper (`# 说明`, with
/// a space after the `#`) is left alone.
fn cut_by_comments(node: &Node, source: &SourceFile, diags: &mut Diagnostics) {
    match &node.value {
        Value::Text(_) => {
            let end = node.span.end as usize;
            let rest = source.text.get(end..).unwrap_or("");
            let line = rest.split('\n').next().unwrap_or("");
            let after = line.trim_start();
            let content = after.strip_prefix('#').and_then(|c| c.chars().next()).is_some_and(|c| !c.is_whitespace());
            if content && after.len() < line.len() {
                let at = end + (line.len() - after.len());
                diags.push(
                    Diagnostic::warning(Code::CommentCut, Span::new(node.span.file, at, end + line.trim_end().len()))
                        .detail(format!("「{}」没有算进这个值", after.trim_end())),
                );
            }
        }
        Value::List(items) => items.iter().for_each(|n| cut_by_comments(n, source, diags)),
        Value::Map(entries) => entries.iter().for_each(|e| cut_by_comments(&e.value, source, diags)),
        Value::Null => {}
    }
}

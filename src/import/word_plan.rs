//! What an imported Word file becomes: the document's path and text (front matter in Chinese
//! keys, then the Markdown body) and the files beside it (pictures; each 附件 section as a
//! file the 附件 list can name). Warnings for what was left out or needs a look. No I/O.

use super::docx::dates::{self, Ymd};
use super::docx::markdown::{self, Refs};
use super::docx::xml::{Block, Image};
use super::docx::{Official, Word};
use super::word::{DocKind, Out};
use super::write::scalar;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use std::collections::HashMap;

/// The longest file name made from a title or 文号, in bytes of pinyin (as `gongshi new`).
const MAX_NAME: usize = 48;

pub(super) fn plan(
    word: &Word,
    file: &str,
    kind: DocKind,
    today: crate::model::date::Date,
    doc_nos: &HashMap<String, String>,
    diags: &mut Diagnostics,
) -> Option<(Out, Vec<Out>)> {
    let doc = &word.official;
    let at = |n: usize| Location::Path(format!("{file}:第{n}段"));
    if doc.title.is_empty() {
        diags.push(Diagnostic::error(Code::WordNoTitle, Location::Path(file.into())).detail("版头下面没有居中的标题"));
        return None;
    }
    if doc.date.is_none() && kind == DocKind::Policy {
        diags.push(Diagnostic::error(Code::WordNoDate, Location::Path(file.into())).detail("署名下面没有成文日期"));
        return None;
    }
    let year = doc.date.map_or(today.year(), |d| d.0);
    let slug = slug(doc);
    let (rel, folder) = match kind {
        DocKind::Policy => (format!("policies/{year}/{slug}.md"), format!("{year}/{slug}")),
        DocKind::Notice => (format!("notices/{slug}.md"), format!("{year}/{slug}")),
    };
    for (n, text) in &doc.unplaced {
        let shown: String = text.chars().take(24).collect();
        diags.push(Diagnostic::warning(Code::WordUnplaced, at(*n)).detail(format!("「{shown}」保留为正文")));
    }
    for (n, _) in &doc.seals {
        diags.push(Diagnostic::warning(Code::WordSealLeftOut, at(*n)).detail("署名处的图片（印章）没有导入"));
    }
    let mut files = Vec::new();
    let images = pictures(word, &folder, &mut files, diags, file);
    let refs = Refs { footnotes: &word.footnotes, images: &images };
    let body = markdown::body(doc, &refs);
    let attachments = attachment_files(doc, &folder, &mut files, diags, file);
    let mut fm: Vec<String> = vec![format!("# 由 gongshi import 从 {} 导入；请核对后发布", scalar(file_name(file)))];
    fm.push(format!("标题: {}", scalar(&doc.title)));
    if let Some(no) = &doc.doc_no {
        fm.push(format!("文号: {}", scalar(no)));
    }
    if let Some(issuer) = doc.signer.as_ref().or(doc.issuer.as_ref()) {
        fm.push(format!("发布机构: {}", scalar(issuer)));
    }
    if let Some(d) = doc.date {
        fm.push(format!("成文日期: {}", dates::iso(d)));
    }
    if let Some(target) = interprets(doc, doc_nos) {
        fm.push(format!("解读对象: {}", scalar(&target)));
    }
    if kind == DocKind::Notice
        && let Some((start, end)) = notice_period(doc)
    {
        fm.push(format!("公示期: {{开始: {}, 结束: {}}}", dates::iso(start), dates::iso(end)));
    }
    if !attachments.is_empty() {
        fm.push("附件:".into());
        for (title, path) in attachments {
            fm.push(format!("  - 标题: {}\n    文件: {}", scalar(&title), scalar(&path)));
        }
    }
    let text = format!("---\n{}\n---\n\n{body}", fm.join("\n"));
    Some((Out { rel, bytes: text.into_bytes() }, files))
}

fn file_name(file: &str) -> &str {
    file.rsplit(['/', '\\']).next().unwrap_or(file)
}

/// The file name: the 文号's pinyin when there is one (`lianqujiao-2017-89`), else the title's.
fn slug(doc: &Official) -> String {
    let from = match &doc.doc_no {
        Some(no) => {
            no.replace(['〔', '〕', '[', ']', '【', '】', '（', '）', '(', ')', '［', '］'], "-").replace('号', "")
        }
        None => doc.title.clone(),
    };
    let slug = crate::model::lists::pinyin_slug_within(&from, MAX_NAME);
    if slug.is_empty() { "wenjian".into() } else { slug }
}

/// The 文号 a 解读 interprets: the first one its title or opening paragraphs name, as the site
/// writes it when the site has it.
fn interprets(doc: &Official, doc_nos: &HashMap<String, String>) -> Option<String> {
    if !doc.title.contains("解读") {
        return None;
    }
    let opening = doc.body.iter().take(3).filter_map(|b| match b {
        Block::Para(p) => Some(p.text.as_str()),
        Block::Table(_) => None,
    });
    let texts: Vec<&str> = std::iter::once(doc.title.as_str()).chain(opening).collect();
    for text in &texts {
        let known = crate::model::doc_no::find_all(text, |k| doc_nos.get(k).cloned());
        if let Some((_, no)) = known.into_iter().next() {
            return Some(no);
        }
    }
    // Not in the site: the number with the issuer's abbreviation before it (Han characters back
    // to a word that is not part of one: 解读, 关于, 对, 的 …), so the whole-site check can say
    // it is unknown as it was written.
    texts.iter().find_map(|t| {
        let end = t.find('号')? + '号'.len_utf8();
        let open = t[..end].rfind(['〔', '[', '【'])?;
        let stops = ['读', '于', '对', '的', '《', '》', '（', '(', '：', ':', '、', '，', ' '];
        let issuer: Vec<(usize, char)> = t[..open]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| !stops.contains(&c) && crate::model::doc_no::is_han(c))
            .take(6)
            .collect();
        let start = issuer.last().map_or(open, |&(i, _)| i);
        super::docx::layout::doc_no_line(&t[start..end])
    })
}

/// The 公示期 the first sentence that gives one says.
fn notice_period(doc: &Official) -> Option<(Ymd, Ymd)> {
    doc.body.iter().find_map(|b| match b {
        Block::Para(p) => dates::notice_period(&p.text),
        Block::Table(_) => None,
    })
}

/// Every picture of the body and the sections except the seals: a file under files/ and its
/// alt text (Word's description, else the caption below it, else 图N).
fn pictures(
    word: &Word,
    folder: &str,
    files: &mut Vec<Out>,
    diags: &mut Diagnostics,
    file: &str,
) -> HashMap<String, (String, String)> {
    let doc = &word.official;
    let seals: Vec<&str> = doc.seals.iter().map(|(_, im)| im.part.as_str()).collect();
    let blocks: Vec<&Block> = doc.body.iter().chain(doc.sections.iter().flat_map(|s| &s.blocks)).collect();
    let mut out = HashMap::new();
    for (i, b) in blocks.iter().enumerate() {
        let Block::Para(p) = b else { continue };
        for Image { part, alt } in p.images.iter().filter(|im| !seals.contains(&im.part.as_str())) {
            if out.contains_key(part) {
                continue;
            }
            let Some(bytes) = word.package.get(part) else { continue };
            let caption = match blocks.get(i + 1) {
                Some(Block::Para(next)) if next.text.trim_start().starts_with('图') => Some(next.text.trim()),
                _ => None,
            };
            let n = out.len() + 1;
            let alt =
                if alt.is_empty() { caption.map_or_else(|| format!("图{n}"), str::to_string) } else { alt.clone() };
            let ext = part.rsplit_once('.').map_or("png", |(_, e)| e).to_ascii_lowercase();
            let rel = format!("{folder}-图{n}.{ext}");
            files.push(Out { rel: format!("files/{rel}"), bytes: bytes.to_vec() });
            diags.push(
                Diagnostic::warning(Code::WordPicture, Location::Path(format!("{file}:第{}段", p.number)))
                    .detail(format!("图片写到 files/{rel}，替代文字「{alt}」")),
            );
            out.insert(part.clone(), (rel, alt));
        }
    }
    out
}

/// The 附件说明's attachments that follow in the file: a table as CSV (merged cells filled in,
/// as a download), text as a UTF-8 text file. (title, path under files/) for the 附件 list.
fn attachment_files(
    doc: &Official,
    folder: &str,
    files: &mut Vec<Out>,
    diags: &mut Diagnostics,
    file: &str,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, title) in doc.attachments.iter().enumerate() {
        let label = format!("附件{}", i + 1);
        let section = doc
            .sections
            .iter()
            .find(|s| s.label == label)
            .or_else(|| (doc.attachments.len() == 1).then(|| doc.sections.first()).flatten());
        let Some(section) = section.filter(|s| !s.blocks.is_empty()) else {
            diags.push(
                Diagnostic::warning(Code::WordAttachmentMissing, Location::Path(file.into()))
                    .detail(format!("{label}「{title}」")),
            );
            continue;
        };
        let safe: String =
            title.chars().map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '-' } else { c }).take(40).collect();
        let tables: Vec<&super::docx::xml::Table> = section
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Para(_) => None,
            })
            .collect();
        let (ext, bytes) = if tables.len() == 1 && tables.len() == section.blocks.len() {
            ("csv", csv(tables[0]).into_bytes())
        } else {
            ("txt", plain(&section.blocks).into_bytes())
        };
        let rel = format!("{folder}-{label}-{safe}.{ext}");
        files.push(Out { rel: format!("files/{rel}"), bytes });
        out.push((format!("{label}：{title}"), rel));
    }
    out
}

/// A table as CSV with merged cells filled in (every row complete, as a spreadsheet wants).
fn csv(t: &super::docx::xml::Table) -> String {
    let mut grid: Vec<Vec<String>> = Vec::new();
    for row in &t.rows {
        let mut line = Vec::new();
        for cell in row {
            let text = if cell.continues {
                grid.last().and_then(|prev| prev.get(line.len())).cloned().unwrap_or_default()
            } else {
                cell.text.replace('\n', " ")
            };
            for _ in 0..cell.span {
                line.push(text.clone());
            }
        }
        grid.push(line);
    }
    let field = |f: &String| {
        if f.contains([',', '"', '\n']) { format!("\"{}\"", f.replace('"', "\"\"")) } else { f.clone() }
    };
    grid.iter().map(|r| r.iter().map(field).collect::<Vec<_>>().join(",") + "\n").collect()
}

/// A section's text: paragraphs, and tables a row a line with tabs.
fn plain(blocks: &[Block]) -> String {
    let mut out = String::from('\u{FEFF}');
    for b in blocks {
        match b {
            Block::Para(p) => out.push_str(p.text.trim()),
            Block::Table(t) => {
                let rows: Vec<String> = t
                    .rows
                    .iter()
                    .map(|r| r.iter().map(|c| c.text.replace('\n', " ")).collect::<Vec<_>>().join("\t"))
                    .collect();
                out.push_str(&rows.join("\n"));
            }
        }
        out.push('\n');
    }
    out
}

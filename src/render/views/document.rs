//! Views of documents: the full page, and the summary lists and the home page show.

use super::url;
use crate::evaluate::Findings;
use crate::model::pages::Column;
use crate::model::{Document, Site, Validity};
use crate::render::body::Body;
use crate::render::links::encode_path;
use crate::render::markdown::TocItem;
use serde::Serialize;

#[derive(Debug, Serialize, Clone)]
pub struct NoticeView {
    /// 未开始 / 公示中 / 已结束
    pub status: String,
    /// `upcoming` / `open` / `closed`, for CSS.
    pub status_key: &'static str,
    pub start: String,
    pub end: String,
    pub feedback: Option<String>,
    /// `feedback` as HTML in which phone numbers and dates stay on one line.
    pub feedback_html: Option<String>,
}

#[derive(Debug, Serialize, Clone)]
pub struct DocLink {
    pub title: String,
    pub url: String,
    pub doc_no: Option<String>,
}

#[derive(Debug, Serialize, Clone)]
pub struct AttachmentView {
    pub title: String,
    pub url: String,
    /// `PDF`, `Word`, `Excel`…
    pub kind: String,
    /// `12.3 KB`
    pub size: String,
    pub preview: Option<PreviewView>,
}

/// The top of a table attachment, shown as a table on the page.
#[derive(Debug, Serialize, Clone)]
pub struct PreviewView {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Set when the file has more rows or columns than shown: what the note says.
    pub cut: Option<String>,
}

/// A document as lists show it.
#[derive(Debug, Serialize, Clone)]
pub struct DocSummary {
    pub title: String,
    pub url: String,
    pub doc_no: Option<String>,
    pub date: Option<String>,
    pub validity: &'static str,
    pub validity_key: &'static str,
    pub category: Option<String>,
    pub summary: Option<String>,
    pub notice: Option<NoticeView>,
}

/// A document page.
#[derive(Debug, Serialize)]
pub struct DocumentView<'a> {
    #[serde(flatten)]
    pub summary: DocSummary,
    pub section: &'static str,
    pub section_label: &'static str,
    pub index_no: Option<String>,
    pub issuer: String,
    pub date: Option<String>,
    pub published: Option<String>,
    pub category_url: Option<String>,
    pub keywords: Vec<String>,
    pub replaces: Vec<DocLink>,
    pub replaced_by: Vec<DocLink>,
    pub attachments: Vec<AttachmentView>,
    /// `guide` or `application` for a page with a 页面类型.
    pub page_kind: Option<&'static str>,
    pub content: &'a str,
    pub toc: &'a [TocItem],
    /// On a policy: what was done under it; on a 解读: the policy it explains.
    pub cited: Option<super::citations::CitedView>,
    pub interprets: Option<super::citations::InterpretsView>,
}

/// The 时效 as lists and pages show it: a document replaced by another but that says 有效 in its
/// own file reads 部分替代 (see `model::check::references::supersedes`), never plain 有效.
pub fn validity(d: &Document) -> (&'static str, &'static str) {
    if d.validity == Validity::InForce && !d.replaced_by.is_empty() {
        ("部分替代", "partly-replaced")
    } else {
        (d.validity.label(), validity_key(d.validity))
    }
}

pub fn validity_key(v: Validity) -> &'static str {
    match v {
        Validity::InForce => "in-force",
        Validity::Expired => "expired",
        Validity::Repealed => "repealed",
    }
}

pub fn summary(findings: &Findings, d: &Document) -> DocSummary {
    DocSummary {
        title: d.title.clone(),
        url: url(&d.url),
        doc_no: d.doc_no.as_ref().map(|n| n.value.clone()),
        date: d.sort_date().map(|x| x.to_string()),
        validity: validity(d).0,
        validity_key: validity(d).1,
        category: d.category.as_ref().map(|c| c.value.clone()),
        summary: d.summary.clone(),
        notice: notice(d, findings.notices.get(&d.id).copied()),
    }
}

fn notice(d: &Document, status: Option<crate::evaluate::PeriodState>) -> Option<NoticeView> {
    let (period, status) = (d.notice_period?, super::labels::notice(status?));
    Some(NoticeView {
        status: status.label,
        status_key: status.key,
        start: period.start.to_string(),
        end: period.end.to_string(),
        feedback: d.feedback.clone(),
        feedback_html: d.feedback.as_deref().map(super::nobreak::html),
    })
}

pub fn link(d: &Document) -> DocLink {
    DocLink { title: d.title.clone(), url: url(&d.url), doc_no: d.doc_no.as_ref().map(|n| n.value.clone()) }
}

pub fn document<'a>(site: &Site, findings: &Findings, d: &Document, body: &'a Body) -> DocumentView<'a> {
    let links =
        |ids: &[crate::model::id::DocId]| ids.iter().filter_map(|id| site.documents.get(id)).map(link).collect();
    DocumentView {
        summary: summary(findings, d),
        section: d.section.folder(),
        section_label: Column::of_section(d.section).name(),
        index_no: d.index_no.clone(),
        issuer: d.issuer.clone(),
        date: d.date.map(|x| x.to_string()),
        published: d.published.map(|x| x.to_string()),
        category_url: site.lists.category_of(d).map(|l| url(&l.base)),
        keywords: d.keywords.clone(),
        replaces: links(&d.replaces),
        replaced_by: links(&d.replaced_by),
        attachments: d.attachments.iter().map(attachment).collect(),
        page_kind: d.kind.map(|k| k.key()),
        content: &body.html,
        toc: &body.toc,
        cited: super::citations::cited(site, findings, d),
        interprets: super::citations::interprets(site, d),
    }
}

fn attachment(a: &crate::model::DocAttachment) -> AttachmentView {
    let ext = a.rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    AttachmentView {
        title: a.title.clone(),
        url: encode_path(&format!("files/{}", a.rel)),
        kind: file_kind(&ext),
        size: human_size(a.size),
        preview: a.table.as_deref().map(preview),
    }
}

fn preview(t: &crate::model::attachment::TablePreview) -> PreviewView {
    let mut rows = t.rows.clone();
    let header = if rows.is_empty() { Vec::new() } else { rows.remove(0) };
    let shown_rows = rows.len() + 1;
    let cut = match (shown_rows < t.total_rows, header.len() < t.total_cols) {
        (false, false) => None,
        (true, false) => Some(format!("仅显示前 {} 行（共 {} 行）", rows.len(), t.total_rows - 1)),
        (false, true) => Some(format!("仅显示前 {} 列（共 {} 列）", header.len(), t.total_cols)),
        (true, true) => Some(format!(
            "仅显示前 {} 行、前 {} 列（共 {} 行、{} 列）",
            rows.len(),
            header.len(),
            t.total_rows - 1,
            t.total_cols
        )),
    };
    PreviewView { header, rows, cut }
}

/// What kind of file an extension names, as readers know it.
pub fn file_kind(ext: &str) -> String {
    let kind = match ext {
        "pdf" => "PDF",
        "doc" | "docx" | "rtf" => "Word",
        "xls" | "xlsx" | "xlsm" => "Excel",
        "ppt" | "pptx" => "PowerPoint",
        "wps" => "WPS 文字",
        "et" => "WPS 表格",
        "ofd" => "OFD",
        "odt" | "ods" | "odp" => "OpenDocument",
        "csv" => "CSV",
        "txt" => "文本",
        "zip" | "rar" | "7z" => "压缩包",
        "jpg" | "jpeg" | "png" | "gif" | "webp" | "svg" => "图片",
        "" => "文件",
        other => return other.to_uppercase(),
    };
    kind.to_string()
}

/// `532 B`, `12.3 KB`, `1.2 MB`.
pub fn human_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} B")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else {
        format!("{:.1} MB", b / KB / KB)
    }
}

#[cfg(test)]
mod tests {
    use super::{file_kind, human_size};

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(human_size(532), "532 B");
        assert_eq!(human_size(12 * 1024 + 300), "12.3 KB");
        assert_eq!(human_size(1_258_291), "1.2 MB");
    }

    #[test]
    fn kinds_are_named_as_readers_know_them() {
        assert_eq!(file_kind("docx"), "Word");
        assert_eq!(file_kind("xls"), "Excel");
        assert_eq!(file_kind("tif"), "TIF");
    }
}

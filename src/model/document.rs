//! Documents (policies/, notices/, pages/): their official metadata, checked and typed.

use super::attachment::{self, Attachments};
use super::date::{Date, Period};
use super::doc_no;
use super::genre::{self, Interpretation};
use super::id::DocId;
use super::path::SitePath;
use super::read::Fields;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Span, Spanned};
use crate::load::RawDocument;

/// The folder a document is in, which says what it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// 政策文件
    Policies,
    /// 通知公告
    Notices,
    /// Plain pages (about, contact, help).
    Pages,
}

impl Section {
    pub const ALL: [Section; 3] = [Section::Policies, Section::Notices, Section::Pages];

    pub fn folder(self) -> &'static str {
        match self {
            Section::Policies => "policies",
            Section::Notices => "notices",
            Section::Pages => "pages",
        }
    }

    /// The section of a document at this site path (`policies/2017/a.md`).
    pub fn of_path(path: &str) -> Option<Section> {
        let top = path.split('/').next()?;
        Section::ALL.into_iter().find(|s| s.folder() == top)
    }
}

/// 时效: whether a document is in force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Validity {
    /// 有效
    InForce,
    /// 失效
    Expired,
    /// 废止
    Repealed,
}

impl Validity {
    pub fn label(self) -> &'static str {
        match self {
            Validity::InForce => "有效",
            Validity::Expired => "失效",
            Validity::Repealed => "废止",
        }
    }

    /// Every spelling accepted for 时效.
    pub const SPELLINGS: &[(&str, Validity)] = &[
        ("有效", Validity::InForce),
        ("现行有效", Validity::InForce),
        ("valid", Validity::InForce),
        ("in force", Validity::InForce),
        ("失效", Validity::Expired),
        ("已失效", Validity::Expired),
        ("expired", Validity::Expired),
        ("废止", Validity::Repealed),
        ("已废止", Validity::Repealed),
        ("repealed", Validity::Repealed),
    ];

    #[cfg(test)]
    fn parse(text: &str) -> Option<Validity> {
        super::read::pick(text, Self::SPELLINGS)
    }
}

/// An attachment of a document, resolved to a file under files/.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocAttachment {
    pub title: String,
    /// Path under files/.
    pub rel: String,
    pub size: u64,
    /// The top of the table, when the file is a CSV or spreadsheet that could be read.
    pub table: Option<std::sync::Arc<crate::load::table::TablePreview>>,
}

#[derive(Clone, Debug)]
pub struct Document {
    pub id: DocId,
    pub section: Section,
    pub file: FileId,
    /// The page's path: `policies/lianqujiao-2017-89/`.
    pub url: SitePath,
    /// What chose the path: the `slug` value, or the front matter when the file name did.
    pub url_span: Span,
    pub title: String,
    pub doc_no: Option<Spanned<String>>,
    /// [`doc_no::key`] of `doc_no`, made once when the file is read.
    pub doc_no_key: Option<String>,
    pub index_no: Option<String>,
    pub issuer: String,
    /// 成文日期
    pub date: Option<Date>,
    /// 发布日期 (defaults to `date`)
    pub published: Option<Date>,
    pub category: Option<Spanned<String>>,
    pub keywords: Vec<String>,
    pub validity: Validity,
    /// Where `validity` was written, if it was (a superseded document becomes 失效 only if it
    /// was not; one that says 有效 is shown as 部分替代, with a warning).
    pub validity_span: Option<Span>,
    pub summary: Option<String>,
    pub supersedes: Vec<Spanned<String>>,
    /// Documents of the site this one replaces, and those that replace it (filled in once all
    /// documents are read).
    pub replaces: Vec<DocId>,
    pub replaced_by: Vec<DocId>,
    pub attachments: Vec<DocAttachment>,
    pub notice_period: Option<Period>,
    pub feedback: Option<String>,
    pub draft: bool,
    /// 体裁, as written or derived (see [`super::genre`]).
    pub genre: Option<String>,
    /// 解读对象: the 文号 of the policy this document interprets, and how (解读形式).
    pub interprets: Option<Spanned<String>>,
    pub interpretation: Interpretation,
    /// 页面类型: what kind of plain page this is (pages/ only).
    pub kind: Option<super::page_type::PageType>,
    /// The Markdown body and where it starts in the file.
    pub body: Markdown,
    pub body_start: usize,
}

impl Document {
    /// The date lists sort and group by: publication, else signing.
    pub fn sort_date(&self) -> Option<Date> {
        self.published.or(self.date)
    }
}

/// A document's Markdown: its file's text after the front matter, shared with the file's text
/// rather than copied (a site of ten thousand documents holds tens of megabytes of it).
#[derive(Clone, Debug)]
pub struct Markdown {
    text: std::sync::Arc<str>,
    start: usize,
}

impl Markdown {
    pub fn new(text: std::sync::Arc<str>, start: usize) -> Markdown {
        let start = if text.is_char_boundary(start) { start } else { text.len() };
        Markdown { text, start }
    }
}

impl Markdown {
    /// Whether two bodies are the same part of one shared text (so, the same text).
    pub fn same(&self, other: &Markdown) -> bool {
        std::sync::Arc::ptr_eq(&self.text, &other.text) && self.start == other.start
    }
}

impl std::ops::Deref for Markdown {
    type Target = str;
    fn deref(&self) -> &str {
        self.text.get(self.start..).unwrap_or("")
    }
}

pub fn read(
    raw: &RawDocument,
    body: Markdown,
    site_issuer: &str,
    files: &Attachments,
    diags: &mut Diagnostics,
) -> Option<Document> {
    let f = super::read::record(&raw.front, "文件头（--- 之间的字段）", diags)?;
    let section = Section::of_path(&raw.path)?;
    let title = f.required_text("title", "标题 title", diags);
    let date = f.date("date", diags);
    if section == Section::Policies && f.get("date").is_none() {
        diags.push(super::read::missing(f.span(), "成文日期 date（政策文件必须写成文日期）"));
    }
    let published = f.date("published", diags);
    if let (Some(p), Some(d)) = (&published, &date)
        && p.value < d.value
    {
        diags.push(
            Diagnostic::warning(Code::PublishedBeforeDate, p.span)
                .detail(format!("发布日期 {} 早于成文日期 {}", p.value, d.value)),
        );
    }
    let published = published.map(|d| d.value);
    let validity = f.choice("validity", "时效", Validity::SPELLINGS, "有效、失效 或 废止", diags);
    let kind = page_type(&f, section, &body, diags);
    if section != Section::Notices {
        for key in ["notice_period", "feedback"] {
            if let Some(span) = f.key_span(key) {
                diags.push(Diagnostic::warning(Code::FieldNotUsed, span));
            }
        }
    }
    check_nesting(&body, raw.file, raw.body_start, diags);
    check_placeholder(&body, raw.file, raw.body_start, diags);
    let (url, url_span) = url(raw, section, &f, diags)?;
    let category = f.text("category", diags);
    let interprets = f.text("interprets", diags).map(|d| Spanned::new(doc_no::tidy(&d.value), d.span));
    let interpretation =
        f.choice("interpretation", "解读形式", Interpretation::SPELLINGS, "文字解读、图解 或 问答", diags);
    if let Some(span) = f.key_span("interpretation").filter(|_| interprets.is_none()) {
        diags.push(Diagnostic::warning(Code::FieldNotUsed, span).detail("没有写 解读对象 interprets"));
    }
    let title = title?.value;
    let genre = f
        .text("genre", diags)
        .map(|g| g.value)
        .or_else(|| genre::derive(&title, category.as_ref().map(|c| c.value.as_str()), interprets.is_some()));
    let doc_no = f.text("doc_no", diags).map(|d| Spanned::new(doc_no::tidy(&d.value), d.span));
    let doc = Document {
        id: DocId::new(&raw.path),
        section,
        file: raw.file,
        url,
        url_span,
        title,
        doc_no_key: doc_no.as_ref().map(|n| doc_no::key(&n.value)),
        doc_no,
        index_no: f.text("index_no", diags).map(|s| s.value),
        issuer: f.text("issuer", diags).map_or_else(|| site_issuer.to_string(), |s| s.value),
        date: date.as_ref().map(|d| d.value),
        published: published.or(date.map(|d| d.value)),
        category,
        keywords: f.text_list("keywords", true, diags).into_iter().map(|s| s.value).collect(),
        validity_span: validity.and(f.get("validity")).map(|n| n.span),
        validity: validity.unwrap_or(Validity::InForce),
        summary: f.text("summary", diags).map(|s| s.value),
        supersedes: f
            .text_list("supersedes", false, diags)
            .into_iter()
            .map(|s| Spanned::new(doc_no::tidy(&s.value), s.span))
            .collect(),
        replaces: Vec::new(),
        replaced_by: Vec::new(),
        attachments: attachments(&f, files, diags),
        notice_period: notice_period(&f, diags),
        feedback: f.text("feedback", diags).map(|s| s.value),
        draft: f.bool("draft", diags).unwrap_or(false),
        genre,
        interprets,
        interpretation: interpretation.unwrap_or(Interpretation::Text),
        kind,
        body,
        body_start: raw.body_start,
    };
    Some(doc)
}

/// 页面类型, with its expected sections checked; it applies to pages/ only.
fn page_type(f: &Fields, section: Section, body: &str, diags: &mut Diagnostics) -> Option<super::page_type::PageType> {
    use super::page_type::PageType;
    let kind =
        f.choice("kind", "页面类型", PageType::SPELLINGS, "信息公开指南（guide）或 依申请公开（application）", diags)?;
    let at = f.get("kind").map_or(f.span(), |n| n.span);
    if section != Section::Pages {
        diags.push(Diagnostic::warning(Code::FieldNotUsed, at).detail("页面类型（kind）只用于 pages/ 下的页面"));
        return None;
    }
    kind.check(body, at, diags);
    Some(kind)
}

/// The body `gongshi new` writes: a placeholder that must not be published as it is.
pub const PLACEHOLDER_BODY: &str = "在这里写正文。";

/// Warns at the placeholder `gongshi new` wrote, if it is still in the body.
fn check_placeholder(body: &str, file: FileId, body_start: usize, diags: &mut Diagnostics) {
    if let Some(at) = body.find(PLACEHOLDER_BODY) {
        let start = body_start + at;
        diags.push(Diagnostic::warning(Code::Placeholder, Span::new(file, start, start + PLACEHOLDER_BODY.len())));
    }
}

/// 公示期; one that starts and ends on the same day (what `gongshi new` writes) is a warning: it
/// would show 公示中 for one day only.
fn notice_period(f: &Fields, diags: &mut Diagnostics) -> Option<Period> {
    let period = f.period("notice_period", diags)?;
    let end = f.get("notice_period").and_then(|n| Fields::new(n).get("end"));
    if period.value.start == period.value.end {
        diags.push(
            Diagnostic::warning(Code::OneDayPeriod, end.map_or(period.span, |n| n.span))
                .detail(format!("开始和结束都是 {}", period.value.start)),
        );
    }
    Some(period.value)
}

/// Quote and list markers a line may nest: real documents use a few; tens of thousands (a paste
/// gone wrong, or hostile input) would make rendering take minutes.
pub const MAX_NESTING: usize = 32;

/// Refuses a line of the body that opens more than [`MAX_NESTING`] quotes or lists.
fn check_nesting(body: &str, file: FileId, body_start: usize, diags: &mut Diagnostics) {
    let mut at = body_start;
    for line in body.split_inclusive('\n') {
        let mut depth = 0;
        let mut rest = line.trim_start();
        loop {
            let marker = if rest.starts_with('>') {
                1
            } else if rest.len() > 1 && rest.starts_with(['-', '*', '+']) && rest[1..].starts_with([' ', '\t']) {
                2
            } else {
                let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
                let ordered = (1..10).contains(&digits) && rest[digits..].starts_with(['.', ')']);
                if ordered && rest[digits + 1..].starts_with([' ', '\t']) { digits + 2 } else { 0 }
            };
            if marker == 0 {
                break;
            }
            depth += 1;
            rest = rest[marker..].trim_start();
        }
        if depth > MAX_NESTING {
            let start = at + line.len() - line.trim_start().len();
            diags.push(
                Diagnostic::error(Code::TooDeep, Span::new(file, start, start + 1))
                    .detail(format!("这一行嵌套了 {depth} 层，最多 {MAX_NESTING} 层")),
            );
        }
        at += line.len();
    }
}

fn attachments(f: &Fields, files: &Attachments, diags: &mut Diagnostics) -> Vec<DocAttachment> {
    f.list("attachments", diags)
        .iter()
        .filter_map(|node| {
            let a = Fields::new(node);
            // A bare path is allowed: `- 2017/附件1.pdf`.
            let (file, title) = match &node.value {
                crate::load::Value::Text(_) => (super::read::text(node, diags), None),
                _ => (a.required_text("file", "文件 file", diags), a.text("title", diags)),
            };
            let file = file?;
            let (rel, info) = attachment::resolve(&file, files, diags)?;
            let title = title.map_or_else(|| file_name(&rel).to_string(), |t| t.value);
            Some(DocAttachment { title, rel, size: info.size, table: info.table })
        })
        .collect()
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

/// The page's site path, from `slug` or the file name. Whether it is free is checked with all
/// other pages (see `model::pages`).
fn url(raw: &RawDocument, section: Section, f: &Fields, diags: &mut Diagnostics) -> Option<(SitePath, Span)> {
    let (slug, span) = match f.text("slug", diags) {
        Some(s) => {
            if !is_valid_slug(&s.value) {
                diags.push(Diagnostic::error(Code::InvalidSlug, s.span).detail(format!("「{}」", s.value)));
                return None;
            }
            (s.value, s.span)
        }
        None => {
            let name = raw.stem.rsplit('/').next().unwrap_or(&raw.stem);
            let slug = slugify(name);
            if slug.is_empty() {
                diags.push(
                    Diagnostic::error(Code::InvalidSlug, Span::file_start(raw.file))
                        .detail(format!("无法从文件名「{name}」得出网址名；请加 slug 字段")),
                );
                return None;
            }
            (slug, f.span())
        }
    };
    let url = match section {
        Section::Pages => SitePath::page(&[&slug]),
        section => SitePath::page(&[section.folder(), &slug]),
    };
    match url {
        Ok(url) => Some((url, span)),
        Err(why) => {
            diags.push(Diagnostic::error(Code::InvalidSlug, span).detail(format!("「{slug}」：{why}")));
            None
        }
    }
}

fn is_valid_slug(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A URL segment from a file name: letters and digits of any script kept, ASCII lowercased,
/// every run of anything else one `-`.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_han_characters_and_drop_punctuation() {
        assert_eq!(slugify("Lianqujiao 2017-89"), "lianqujiao-2017-89");
        assert_eq!(slugify("关于印发《实施方案》的通知"), "关于印发-实施方案-的通知");
        assert_eq!(slugify("〔〕"), "");
    }

    #[test]
    fn validity_accepts_traditional_and_english() {
        assert_eq!(Validity::parse("廢止"), Some(Validity::Repealed));
        assert_eq!(Validity::parse("expired"), Some(Validity::Expired));
        assert_eq!(Validity::parse("作废"), None);
    }
}

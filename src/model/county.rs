//! 县级评估数据 (data/county/YEAR.yaml): what the county method needs beyond the schools'
//! figures, one file per year: county figures, 是/否 judgements with their evidence, the
//! national quality monitoring's results per subject, and the vetoes.
//!
//! Keys below `figures`, `judgements` and `vetoes` are the site standard's own: an item's or a
//! figure's English key, its Chinese name or one of its aliases. Anything else is an error at its
//! key, with the nearest known name.

use super::date::Date;
use super::doc_no;
use super::method::{ItemKind, Method};
use super::number::Decimal;
use super::read::Fields;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Span, Spanned};
use crate::load::{Node, Value};
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, PartialEq)]
pub struct CountyYear {
    pub year: i32,
    pub file: FileId,
    /// 统计日期
    pub date: Option<Date>,
    /// 来源: where the figures come from (统计年报, 督导评估报告 …).
    pub source: Option<String>,
    /// By the standard's key.
    pub figures: BTreeMap<String, Decimal>,
    /// By item id.
    pub judgements: BTreeMap<String, Judgement>,
    pub subjects: Vec<SubjectResult>,
    /// By veto id: whether it holds.
    pub vetoes: BTreeMap<String, bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    pub value: bool,
    pub evidence: Vec<Evidence>,
    pub note: Option<String>,
}

/// What shows a judgement to be true.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// A document of the site, by its 文号 as written.
    Document(String),
    /// A document of the site not published yet (a draft, or published after the build date):
    /// it cannot show anything to the public until it is.
    Unpublished(String),
    /// A file under files/ (the path below it).
    File(String),
    Url(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct SubjectResult {
    pub subject: String,
    /// 学业水平, Ⅰ to Ⅳ as 1 to 4.
    pub level: Option<u8>,
    /// 校际差异率
    pub gap: Option<Decimal>,
}

/// What evidence may point at: the site's 文号 keys and its attachments.
pub struct Known<'a> {
    pub doc_nos: &'a HashMap<String, super::id::DocId>,
    /// 文号 keys of documents kept out of this build.
    pub held: &'a std::collections::HashSet<String>,
    pub files: &'a [String],
}

/// Reads one year's file against the site's county method.
pub fn read(
    node: &Node,
    file: FileId,
    named_year: Option<i32>,
    method: &Method,
    known: &Known,
    diags: &mut Diagnostics,
) -> Option<CountyYear> {
    let f = super::read::record(node, "县级评估数据", diags)?;
    let year = match f.text("year", diags) {
        Some(t) => match t.value.parse::<i32>() {
            Ok(y) if (1990..=2100).contains(&y) => Some(y),
            _ => {
                diags.push(
                    Diagnostic::error(Code::InvalidValue, t.span).detail(format!("年度「{}」应是四位年份", t.value)),
                );
                None
            }
        },
        None => named_year,
    };
    let Some(year) = year else {
        diags.push(super::read::missing(f.span(), "年度 year"));
        return None;
    };
    let mut figures = BTreeMap::new();
    if let Some(n) = f.get("figures") {
        let names: Vec<(&str, Vec<&str>)> = method
            .figures()
            .map(|fig| {
                (
                    fig.key.as_str(),
                    std::iter::once(fig.name.as_str()).chain(fig.aliases.iter().map(String::as_str)).collect(),
                )
            })
            .collect();
        for (key, value) in entries(n, "县级数据", &names, diags) {
            let label = names.iter().find(|(k, _)| *k == key).and_then(|(_, o)| o.first().copied()).unwrap_or(key);
            if let Some(d) = number(value, Some(label), diags) {
                figures.insert(key.to_string(), d);
            }
        }
    }
    let mut judgements = BTreeMap::new();
    if let Some(n) = f.get("judgements") {
        let names: Vec<(&str, Vec<&str>)> = method
            .items()
            .filter(|(_, i)| i.kind == ItemKind::Judgement)
            .map(|(_, i)| (i.id.as_str(), vec![i.name.as_str()]))
            .collect();
        for (key, value) in entries(n, "判断项目", &names, diags) {
            if let Some(j) = judgement(value, known, diags) {
                judgements.insert(key.to_string(), j);
            }
        }
    }
    let mut vetoes = BTreeMap::new();
    if let Some(n) = f.get("vetoes") {
        let names: Vec<(&str, Vec<&str>)> =
            method.vetoes.iter().map(|v| (v.id.as_str(), vec![v.name.as_str()])).collect();
        for (key, value) in entries(n, "一票否决项目", &names, diags) {
            if let Some(b) = yes_no(value, diags) {
                vetoes.insert(key.to_string(), b.value);
            }
        }
    }
    let subjects = f.records("subjects", "质量监测科目", diags).into_iter().filter_map(|s| subject(s, diags)).collect();
    Some(CountyYear {
        year,
        file,
        date: f.date("date", diags).map(|d| d.value),
        source: f.text("source", diags).map(|t| t.value),
        figures,
        judgements,
        subjects,
        vetoes,
    })
}

/// The entries of a map whose keys must be one of `names` (key, then its other names); each
/// unknown key is an error with the nearest name. The same item twice is an error too.
fn entries<'a>(
    node: &'a Node,
    what: &str,
    names: &[(&'a str, Vec<&'a str>)],
    diags: &mut Diagnostics,
) -> Vec<(&'a str, &'a Node)> {
    if !matches!(node.value, Value::Map(_)) {
        diags.push(super::read::wrong_type(node, "应该写成“名称: 值”的多行"));
        return Vec::new();
    }
    let mut out: Vec<(&str, &Node, Span)> = Vec::new();
    for e in node.entries() {
        let written = crate::load::keys::normalize(&e.key);
        let found = names
            .iter()
            .find(|(key, others)| *key == written || others.iter().any(|o| crate::load::keys::normalize(o) == written));
        let Some((key, _)) = found else {
            let all: Vec<&str> = names.iter().flat_map(|(k, o)| std::iter::once(*k).chain(o.iter().copied())).collect();
            let nearest = all.iter().min_by_key(|n| strsim::levenshtein(n, &written)).copied();
            let mut d = Diagnostic::error(Code::InvalidValue, e.key_span)
                .detail(format!("「{}」不是本网站评估标准里的{what}", e.key));
            d = match nearest {
                Some(n) if strsim::levenshtein(n, &written) <= 2.max(written.chars().count() / 3) => {
                    d.hint(format!("您是不是想写「{n}」？可用的名称见 docs/content-format.md 的“县级评估数据”。"))
                }
                _ => d.hint(format!(
                    "可用的名称：{}。/ Use a name the standard defines.",
                    names.iter().map(|(k, o)| o.first().copied().unwrap_or(k)).collect::<Vec<_>>().join("、")
                )),
            };
            diags.push(d);
            continue;
        };
        if let Some((_, _, first)) = out.iter().find(|(k, ..)| k == key) {
            diags.push(
                Diagnostic::error(Code::DuplicateKey, e.key_span)
                    .detail(format!("「{}」与前面的一行是同一项", e.key))
                    .related(*first, "第一次写在这里"),
            );
            continue;
        }
        out.push((key, &e.value, e.key_span));
    }
    out.into_iter().map(|(k, v, _)| (k, v)).collect()
}

/// A number; `figure` names a county figure, which is never negative (a share, a sum of
/// money); a gap may be.
fn number(node: &Node, figure: Option<&str>, diags: &mut Diagnostics) -> Option<Decimal> {
    let text = super::read::text(node, diags)?;
    if matches!(text.value.as_str(), "未填报" | "-" | "—" | "无") {
        return None;
    }
    let digits = text.value.trim_end_matches(['%', '％']);
    match Decimal::parse(digits) {
        Ok(d)
            if d.is_negative()
                && let Some(label) = figure =>
        {
            diags.push(
                Diagnostic::error(Code::InvalidCount, text.span).detail(format!("{label}「{}」不能为负数", text.value)),
            );
            None
        }
        Ok(d) => Some(d),
        Err(why) => {
            diags.push(
                Diagnostic::error(Code::InvalidNumber, text.span)
                    .detail(why)
                    .hint("县级数据写数字，如 98.6；百分比写 98.6 或 98.6%，单位见评估标准。/ Write a number."),
            );
            None
        }
    }
}

fn yes_no(node: &Node, diags: &mut Diagnostics) -> Option<Spanned<bool>> {
    let text = super::read::text(node, diags)?;
    match super::read::parse_bool(&text.value) {
        Some(b) => Some(Spanned::new(b, text.span)),
        None => {
            diags.push(
                Diagnostic::error(Code::InvalidValue, text.span)
                    .detail(format!("「{}」应该是 是 或 否", text.value))
                    .hint("写 是 或 否；有依据时写成 {结论: 是, 依据: [文号或附件]}。/ Write 是 or 否."),
            );
            None
        }
    }
}

/// `是`, or `{value: 是, evidence: [...], note: ...}`.
fn judgement(node: &Node, known: &Known, diags: &mut Diagnostics) -> Option<Judgement> {
    if !matches!(node.value, Value::Map(_)) {
        return Some(Judgement { value: yes_no(node, diags)?.value, evidence: Vec::new(), note: None });
    }
    let f = Fields::new(node);
    let Some(value) = f.get("value") else {
        diags.push(super::read::missing(f.span(), "结论 value（是 或 否）"));
        return None;
    };
    let value = yes_no(value, diags)?.value;
    let evidence =
        f.text_list("evidence", false, diags).into_iter().filter_map(|e| evidence(e, known, diags)).collect();
    Some(Judgement { value, evidence, note: f.text("note", diags).map(|t| t.value) })
}

/// A 文号 of the site, `files/…` (or a path under files/), or an http(s) address.
fn evidence(text: Spanned<String>, known: &Known, diags: &mut Diagnostics) -> Option<Evidence> {
    let value = text.value.trim();
    if value.starts_with("http://") || value.starts_with("https://") {
        return Some(Evidence::Url(value.to_string()));
    }
    let path = value.strip_prefix("files/").or_else(|| value.strip_prefix("/files/"));
    if let Some(path) = path.or_else(|| known.files.iter().any(|f| f == value).then_some(value)) {
        if known.files.iter().any(|f| f == path) {
            return Some(Evidence::File(path.to_string()));
        }
        diags.push(
            Diagnostic::error(Code::AttachmentMissing, text.span).detail(format!("依据「{value}」在 files/ 里找不到")),
        );
        return None;
    }
    if known.doc_nos.contains_key(&doc_no::key(value)) {
        return Some(Evidence::Document(value.to_string()));
    }
    if known.held.contains(&doc_no::key(value)) {
        return Some(Evidence::Unpublished(value.to_string()));
    }
    diags.push(
        Diagnostic::error(Code::UnknownDocNo, text.span)
            .detail(format!("依据「{value}」不是本站文件的文号，也不是 files/ 里的附件或网址"))
            .hint("依据写本站一份文件的文号（如 连区教〔2017〕89号）、files/ 下的附件路径（如 files/2025/规划.pdf）或 https:// 网址。/ Name a doc_no of the site, a file under files/, or a URL."),
    );
    None
}

fn subject(f: Fields, diags: &mut Diagnostics) -> Option<SubjectResult> {
    let subject = f.required_text("subject", "科目 subject", diags)?;
    let level = f.text("level", diags).and_then(|t| {
        let level = match t.value.trim().trim_end_matches('级') {
            "Ⅰ" | "I" | "1" | "一" => Some(1),
            "Ⅱ" | "II" | "2" | "二" => Some(2),
            "Ⅲ" | "III" | "3" | "三" => Some(3),
            "Ⅳ" | "IV" | "4" | "四" => Some(4),
            _ => None,
        };
        if level.is_none() {
            diags.push(
                Diagnostic::error(Code::InvalidValue, t.span)
                    .detail(format!("学业水平「{}」应是 Ⅰ、Ⅱ、Ⅲ 或 Ⅳ（也可写 1 到 4）", t.value)),
            );
        }
        level
    });
    let gap = f.get("gap").and_then(|n| number(n, None, diags));
    Some(SubjectResult { subject: subject.value, level, gap })
}

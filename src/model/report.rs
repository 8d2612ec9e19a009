//! 政府信息公开工作年度报告 (data/reports/YEAR.yaml): the standard tables of the national
//! template (国办公开办函〔2021〕30号) entered as data, and the report's prose sections.
//!
//! Every figure is a non-negative integer (the 收费 amount, in 万元, may have decimals). A row of
//! the application table is a list of six numbers, one per kind of applicant, optionally
//! followed by the row's 总计; a row of the review table is four results, optionally with 总计.
//! Totals are computed: a total that is written must equal the sum it stands for (an error at
//! the value otherwise). A row that is not written counts as all zeros, as most rows are.

use super::date::Date;
use super::number::Decimal;
use super::read::Fields;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Span, Spanned};
use crate::load::keys::{self, Record, Shape};
use crate::load::{Node, Value};

/// The columns of the application table: 自然人, then the five kinds of 法人或其他组织.
pub const APPLICANTS: [&str; 6] = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"];
/// The columns of the review table.
pub const RESULTS: [&str; 4] = ["结果维持", "结果纠正", "其他结果", "尚未审结"];

/// One row of a table: a heading row has no values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line<const N: usize> {
    pub label: String,
    /// 0 for 一、二、三、四, 1 for （一）…, 2 for 1. 2. … under a （三）.
    pub level: u8,
    pub values: Option<[u64; N]>,
}

impl<const N: usize> Line<N> {
    pub fn total(&self) -> u64 {
        self.values.map_or(0, |v| v.iter().sum())
    }
}

/// 主动公开政府信息情况.
#[derive(Clone, Debug)]
pub struct Proactive {
    /// 规章 and 行政规范性文件: 本年制发件数, 本年废止件数, 现行有效件数.
    pub documents: Vec<(&'static str, [u64; 3])>,
    /// 行政许可, 行政处罚, 行政强制: 本年处理决定数量.
    pub decisions: Vec<(&'static str, u64)>,
    /// 行政事业性收费: 本年收费金额（万元）.
    pub fees: Decimal,
}

#[derive(Clone, Debug)]
pub struct Report {
    pub year: i32,
    pub file: FileId,
    pub published: Option<Date>,
    /// 总体情况, 存在的主要问题及改进情况, 其他需要报告的事项: paragraphs.
    pub overview: Vec<String>,
    pub problems: Vec<String>,
    pub other: Vec<String>,
    pub proactive: Proactive,
    pub applications: Vec<Line<6>>,
    pub reviews: Vec<Line<4>>,
}

/// Reads one year's report. `file_year` is the year in the file name (`2025.yaml`).
pub fn read(root: &Node, file: FileId, file_year: Option<i32>, diags: &mut Diagnostics) -> Option<Report> {
    let f = super::read::record(root, "年度报告", diags)?;
    let year = f.text("year", diags).and_then(|y| super::exchange::year(&y, diags));
    if let (Some(y), Some(named), Some(node)) = (year, file_year, f.get("year"))
        && y != named
    {
        diags.push(
            Diagnostic::warning(Code::YearMismatch, node.span).detail(format!("文件名是 {named}，文件里写的是 {y}")),
        );
    }
    let Some(year) = year.or(file_year) else {
        diags.push(super::read::missing(f.span(), "年度 year"));
        return None;
    };
    let paragraphs = |key: &str, diags: &mut Diagnostics| -> Vec<String> {
        let text = f.text(key, diags).map(|t| t.value).unwrap_or_default();
        text.split("\n\n").map(|p| p.trim().replace('\n', "")).filter(|p| !p.is_empty()).collect()
    };
    Some(Report {
        year,
        file,
        published: f.date("published", diags).map(|d| d.value),
        overview: paragraphs("overview", diags),
        problems: paragraphs("problems", diags),
        other: paragraphs("other", diags),
        proactive: proactive(f.get("proactive"), diags),
        applications: applications(f.get("applications"), diags),
        reviews: reviews(f.get("reviews"), diags),
    })
}

/// A record's fields, or none when it is absent (every figure then counts as 0).
fn fields<'a>(node: Option<&'a Node>, what: &str, diags: &mut Diagnostics) -> Option<Fields<'a>> {
    node.and_then(|n| super::read::record(n, what, diags))
}

/// The label shown for a key: its first alias.
fn label(field: &keys::Field) -> &'static str {
    field.aliases.first().copied().unwrap_or(field.name)
}

fn proactive(node: Option<&Node>, diags: &mut Diagnostics) -> Proactive {
    let f = fields(node, "主动公开政府信息情况", diags);
    let mut out = Proactive { documents: Vec::new(), decisions: Vec::new(), fees: Decimal::ZERO };
    for field in keys::PROACTIVE.fields {
        let value = f.as_ref().and_then(|f| f.get(field.name));
        match (&field.shape, field.name) {
            (Shape::Record(_), _) => {
                let g = fields(value, label(field), diags);
                let n = |key: &str, diags: &mut Diagnostics| {
                    g.as_ref().and_then(|g| g.get(key)).map_or(0, |v| count(v, diags).unwrap_or(0))
                };
                out.documents.push((label(field), [n("issued", diags), n("repealed", diags), n("in_force", diags)]));
            }
            (_, "fees") => out.fees = value.map_or(Decimal::ZERO, |v| amount(v, diags)),
            _ => out.decisions.push((label(field), value.map_or(0, |v| count(v, diags).unwrap_or(0)))),
        }
    }
    out
}

/// 一、本年新收 … 四、结转下年度继续办理, with 三's results numbered （一）…（七）.
fn applications(node: Option<&Node>, diags: &mut Diagnostics) -> Vec<Line<6>> {
    const TOP: [&str; 4] = ["一、", "二、", "三、", "四、"];
    const SUB: [&str; 7] = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）"];
    let f = fields(node, "收到和处理政府信息公开申请情况", diags);
    let get = |key: &str| f.as_ref().and_then(|f| f.get(key));
    let field = |key: &str| keys::APPLICATIONS.fields.iter().find(|x| x.name == key);
    let line = |key: &'static str, prefix: &str, level: u8, values: [u64; 6]| Line {
        label: format!("{prefix}{}", field(key).map_or(key, label)),
        level,
        values: Some(values),
    };
    let row = |key: &str, diags: &mut Diagnostics| get(key).map_or([0; 6], |n| counts::<6>(n, &APPLICANTS, diags).0);
    let (new, carried_in) = (row("new", diags), row("carried_in", diags));
    let mut lines = vec![line("new", TOP[0], 0, new), line("carried_in", TOP[1], 0, carried_in)];
    lines.push(Line { label: format!("{}本年度办理结果", TOP[2]), level: 0, values: None });
    let mut results = [0u64; 6];
    let results_keys = ["granted", "partial", "refused", "unavailable", "not_processed", "other"];
    for (key, prefix) in results_keys.iter().zip(SUB) {
        let Some(def) = field(key) else { continue };
        let rows: Vec<(String, [u64; 6])> = match &def.shape {
            Shape::Record(sub) => {
                lines.push(Line { label: format!("{prefix}{}", label(def)), level: 1, values: None });
                sub_rows(sub, get(key), diags)
            }
            _ => vec![(format!("{prefix}{}", label(def)), row(key, diags))],
        };
        for (text, values) in rows {
            add(&mut results, &values);
            lines.push(Line {
                label: text,
                level: if matches!(def.shape, Shape::Leaf) { 1 } else { 2 },
                values: Some(values),
            });
        }
    }
    if let Some(node) = get("total") {
        check_total(node, &results, "各项办理结果之和", diags);
    }
    lines.push(line("total", SUB[6], 1, results));
    let received: [u64; 6] = std::array::from_fn(|i| new[i] + carried_in[i]);
    let carried_over = carried_over(get("carried_over"), &received, &results, node, diags);
    lines.push(line("carried_over", TOP[3], 0, carried_over));
    lines
}

/// 结转下年度继续办理: as written, else what is left of the year's applications. Either way
/// 本年新收 + 上年结转 should equal 办理结果总计 + 结转下年度 (the table's 勾稽关系): a warning
/// names each column where it does not.
fn carried_over(
    given: Option<&Node>,
    received: &[u64; 6],
    results: &[u64; 6],
    table: Option<&Node>,
    diags: &mut Diagnostics,
) -> [u64; 6] {
    let (values, spans) = match given {
        Some(node) => counts::<6>(node, &APPLICANTS, diags),
        None => (std::array::from_fn(|i| received[i].saturating_sub(results[i])), Vec::new()),
    };
    for i in (0..6).filter(|&i| values[i] + results[i] != received[i]) {
        let at = spans.get(i).copied().or(given.or(table).map(|n| n.span));
        let Some(at) = at else { continue };
        diags.push(Diagnostic::warning(Code::ReportTotal, at).detail(format!(
            "{}：本年新收与上年结转共 {} 件，应等于办理结果总计 {} 件加结转下年度 {} 件",
            APPLICANTS[i], received[i], results[i], values[i]
        )));
    }
    values
}

/// The numbered rows under a （三）…（六）.
fn sub_rows(sub: &Record, node: Option<&Node>, diags: &mut Diagnostics) -> Vec<(String, [u64; 6])> {
    let f = fields(node, sub.what, diags);
    sub.fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let values =
                f.as_ref().and_then(|f| f.get(field.name)).map_or([0; 6], |n| counts::<6>(n, &APPLICANTS, diags).0);
            (format!("{}. {}", i + 1, label(field)), values)
        })
        .collect()
}

fn reviews(node: Option<&Node>, diags: &mut Diagnostics) -> Vec<Line<4>> {
    let f = fields(node, "政府信息公开行政复议、行政诉讼情况", diags);
    keys::REVIEWS
        .fields
        .iter()
        .map(|field| {
            let value = f.as_ref().and_then(|f| f.get(field.name));
            let values = value.map_or([0; 4], |n| counts::<4>(n, &RESULTS, diags).0);
            let prefix = if field.name == "review" { "" } else { "行政诉讼：" };
            Line { label: format!("{prefix}{}", label(field)), level: 0, values: Some(values) }
        })
        .collect()
}

fn add<const N: usize>(sum: &mut [u64; N], values: &[u64; N]) {
    for (s, v) in sum.iter_mut().zip(values) {
        *s += v;
    }
}

/// A row: `N` counts, optionally followed by their 总计 (checked). Returns the counts and the
/// span of each one written.
fn counts<const N: usize>(node: &Node, columns: &[&str; N], diags: &mut Diagnostics) -> ([u64; N], Vec<Span>) {
    let mut out = [0u64; N];
    let Value::List(items) = &node.value else {
        diags.push(super::read::wrong_type(node, &shape_hint(columns)));
        return (out, Vec::new());
    };
    if items.len() != N && items.len() != N + 1 {
        diags.push(super::read::wrong_type(node, &format!("这一行写了 {} 个数。{}", items.len(), shape_hint(columns))));
        return (out, Vec::new());
    }
    let mut all_read = true;
    for (slot, item) in out.iter_mut().zip(items) {
        match count(item, diags) {
            Some(n) => *slot = n,
            None => all_read = false,
        }
    }
    if let Some(total) = items.get(N) {
        let sum: u64 = out.iter().sum();
        // A total or a figure that could not be read has been reported; comparing it as 0
        // would invent a mismatch.
        if let Some(given) = count(total, diags)
            && all_read
            && given != sum
        {
            diags.push(
                Diagnostic::error(Code::ReportTotal, total.span)
                    .detail(format!("这一行的总计写的是 {given}，前 {N} 个数之和是 {sum}")),
            );
        }
    }
    (out, items.iter().take(N).map(|n| n.span).collect())
}

fn shape_hint<const N: usize>(columns: &[&str; N]) -> String {
    format!(
        "应写成 [{}] 这样 {N} 个数的列表（按 {} 的顺序），最后可以再加一个总计",
        ["0"; N].join(", "),
        columns.join("、")
    )
}

/// A 总计 row as written: each column must equal the sum computed from the rows above.
fn check_total(node: &Node, sums: &[u64; 6], what: &str, diags: &mut Diagnostics) {
    let (given, spans) = counts::<6>(node, &APPLICANTS, diags);
    for (i, span) in spans.iter().enumerate().filter(|(i, _)| given[*i] != sums[*i]) {
        diags.push(Diagnostic::error(Code::ReportTotal, *span).detail(format!(
            "总计第 {} 列写的是 {}，{what}是 {}",
            i + 1,
            given[i],
            sums[i]
        )));
    }
}

/// More than any bureau handles in a year; a larger count is a typo (and sums stay far from
/// overflowing).
const MAX_COUNT: i128 = 1_000_000_000;

/// A non-negative whole number; anything else is reported (and counts as 0 where it is used).
fn count(node: &Node, diags: &mut Diagnostics) -> Option<u64> {
    let text = super::read::text(node, diags)?;
    let why = match Decimal::parse(&text.value) {
        Ok(n) if n.is_negative() => invalid(&text, Code::InvalidCount, "不能是负数"),
        Ok(n) if n.mantissa / 10i128.pow(n.scale) >= MAX_COUNT => invalid(&text, Code::InvalidCount, "太大了"),
        Ok(n) if n.scale > 0 && n.mantissa % 10i128.pow(n.scale) != 0 => {
            invalid(&text, Code::InvalidNumber, "件数应是整数")
        }
        Ok(n) => return u64::try_from(n.mantissa / 10i128.pow(n.scale)).ok(),
        // The parser's reason names the value already.
        Err(why) => report_error(&text, Code::InvalidNumber, why),
    };
    diags.push(why);
    None
}

/// An amount that may have decimals (万元), not negative.
fn amount(node: &Node, diags: &mut Diagnostics) -> Decimal {
    let Some(text) = super::read::text(node, diags) else { return Decimal::ZERO };
    match Decimal::parse(&text.value) {
        Ok(n) if !n.is_negative() => n,
        Ok(_) => {
            diags.push(invalid(&text, Code::InvalidCount, "不能是负数"));
            Decimal::ZERO
        }
        Err(why) => {
            diags.push(report_error(&text, Code::InvalidNumber, why));
            Decimal::ZERO
        }
    }
}

/// `why` after the value: 「-1」不能是负数.
fn invalid(text: &Spanned<String>, code: Code, why: &str) -> Diagnostic {
    report_error(text, code, format!("「{}」{why}", text.value))
}

fn report_error(text: &Spanned<String>, code: Code, detail: String) -> Diagnostic {
    Diagnostic::error(code, text.span).detail(detail).hint(
        "年度报告里每个数都写阿拉伯数字，没有的写 0。/ Write each figure as a whole number; 0 when there is none.",
    )
}

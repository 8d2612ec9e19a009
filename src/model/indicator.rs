//! 办学条件指标 (data/indicators/YEAR.yaml): raw counts per school section and year, as
//! schools report them. Ratios are computed by `evaluate`, never written by hand.

use super::date::Date;
use super::id::SchoolId;
use super::number::Decimal;
use super::read::Fields;
use super::school::{Phase, SchoolIndex};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, FileId, Span};
use crate::load::Node;
use crate::load::keys::FIGURES;
use std::collections::BTreeMap;

/// Whether `name` is a built-in raw figure (`load::keys::FIGURES`). `students` is the
/// denominator of every per-student indicator.
pub fn is_builtin(name: &str) -> bool {
    FIGURES.iter().any(|f| f.name == name)
}

/// Every built-in raw figure's name.
pub fn raw_keys() -> impl Iterator<Item = &'static str> {
    FIGURES.iter().map(|f| f.name)
}

/// The name a figure is shown by in messages: its first Chinese alias, or the key a standard
/// declared.
fn label(key: &str) -> &str {
    FIGURES.iter().find(|f| f.name == key).and_then(|f| f.aliases.first().copied()).unwrap_or(key)
}

/// Built-in figures counted in whole numbers (people, rooms, computers, books); areas and the
/// value of equipment may have decimals.
const WHOLE: &[&str] = &[
    "students",
    "teachers_above_degree",
    "key_teachers",
    "pe_art_teachers",
    "multimedia_rooms",
    "computers",
    "books",
    "teachers",
    "senior_title_teachers",
    "class_count",
    "largest_class",
    "music_rooms",
    "art_rooms",
];

/// One school section's figures for a year; a figure not given is absent (未填报).
#[derive(Clone, Debug)]
pub struct Row {
    pub school: SchoolId,
    pub phase: Phase,
    pub span: Span,
    /// By key: the built-in figures and those a standard declares.
    pub values: BTreeMap<String, Decimal>,
}

impl Row {
    pub fn get(&self, key: &str) -> Option<Decimal> {
        self.values.get(key).copied()
    }
}

/// One year's file.
#[derive(Clone, Debug)]
pub struct Figures {
    pub year: i32,
    /// When the figures were taken.
    pub date: Option<Date>,
    /// Where the year is written (the file's start when only its name gives it), and the date.
    pub year_span: Span,
    pub date_span: Option<Span>,
    pub file: FileId,
    pub rows: Vec<Row>,
    /// Figures of the whole county (`county:`), by declared key.
    pub county: BTreeMap<String, Decimal>,
}

impl Figures {
    /// The day the figures stand for: their date, else the last day of the year. For judging
    /// (when a school first met the standard); pages show only [`Figures::date`], since the end
    /// of a year that has not ended would read as a day already past.
    pub fn as_of(&self) -> Date {
        self.date.unwrap_or_else(|| super::date::Month { year: self.year, month: 12 }.last_day())
    }
}

/// Reads one year's file. `file_year` is the year in the file name (`2023.yaml`), if any.
pub fn read(
    root: &Node,
    file: FileId,
    file_year: Option<i32>,
    index: &SchoolIndex,
    diags: &mut Diagnostics,
) -> Option<Figures> {
    let f = super::read::record(root, "指标文件", diags)?;
    let year = f.text("year", diags).and_then(|y| super::exchange::year(&y, diags));
    if let (Some(y), Some(named)) = (year, file_year)
        && y != named
        && let Some(span) = f.get("year").map(|n| n.span)
    {
        diags.push(Diagnostic::warning(Code::YearMismatch, span).detail(format!("文件名是 {named}，文件里写的是 {y}")));
    }
    let Some(year) = year.or(file_year) else {
        diags.push(super::read::missing(f.span(), "年度 year"));
        return None;
    };
    let mut rows: Vec<Row> = Vec::new();
    // Where each school's row of each 学段 was first given: looked up, not scanned for (a
    // thousand rows each compared with those before it was most of reading a year's figures).
    let mut first_rows: std::collections::HashMap<(SchoolId, Phase), Span> = std::collections::HashMap::new();
    for node in f.records("schools", "一所学校的指标", diags) {
        let Some(row) = read_row(node, index, diags) else {
            continue;
        };
        if let Some(first) = first_rows.get(&(row.school.clone(), row.phase)) {
            diags.push(
                Diagnostic::error(Code::DuplicateRow, row.span)
                    .detail(format!("{}（{}）", index.name(&row.school), row.phase.label()))
                    .related(*first, "第一次填报在这里"),
            );
            continue;
        }
        first_rows.insert((row.school.clone(), row.phase), row.span);
        rows.push(row);
    }
    let county = f.get("county").map_or_else(BTreeMap::new, |n| numbers(n, |_| false, diags));
    let year_span = f.get("year").map_or_else(|| Span::file_start(file), |n| n.span);
    let date = f.date("date", diags);
    Some(Figures {
        year,
        date: date.as_ref().map(|d| d.value),
        year_span,
        date_span: date.map(|d| d.span),
        file,
        rows,
        county,
    })
}

/// The figures of a map, by key; `skip` names keys that are not figures. `未填报` and the like
/// leave a figure out.
fn numbers(node: &Node, skip: impl Fn(&str) -> bool, diags: &mut Diagnostics) -> BTreeMap<String, Decimal> {
    let mut values = BTreeMap::new();
    for entry in node.entries().iter().filter(|e| !skip(&e.key)) {
        let key = entry.key.as_str();
        let Some(text) = super::read::text(&entry.value, diags) else {
            continue;
        };
        if matches!(text.value.as_str(), "未填报" | "-" | "—" | "无") {
            continue;
        }
        let label = label(key);
        match Decimal::parse(&text.value) {
            Ok(n) if n.is_negative() || (key == "students" && !n.is_positive()) => {
                let why = if key == "students" { "必须大于 0" } else { "不能为负数" };
                diags.push(
                    Diagnostic::error(Code::InvalidCount, text.span).detail(format!("{label}「{}」{why}", text.value)),
                );
            }
            Ok(n) if WHOLE.contains(&key) && n.scale > 0 && n.mantissa % 10i128.pow(n.scale) != 0 => {
                diags.push(
                    Diagnostic::error(Code::InvalidCount, text.span)
                        .detail(format!("{label}「{}」应是整数", text.value)),
                );
            }
            Ok(n) => {
                values.insert(key.to_string(), n);
            }
            Err(why) => diags.push(Diagnostic::error(Code::InvalidNumber, text.span).detail(format!("{label}：{why}"))),
        }
    }
    values
}

fn read_row(f: Fields, index: &SchoolIndex, diags: &mut Diagnostics) -> Option<Row> {
    let id = f.required_text("school", "学校 school", diags)?;
    let school = index.resolve(&id, diags)?;
    let phases = school.stage.phases();
    let phase = match f.text("stage", diags) {
        Some(s) => match Phase::parse(&s.value) {
            Some(p) if phases.contains(&p) => p,
            Some(p) => {
                diags.push(Diagnostic::error(Code::StageMismatch, s.span).detail(format!(
                    "{}是{}，没有{}学段",
                    school.name,
                    school.stage.label(),
                    p.label()
                )));
                return None;
            }
            None => {
                diags.push(
                    Diagnostic::error(Code::InvalidValue, s.span)
                        .detail(format!("学段「{}」只能是 小学 或 初中", s.value)),
                );
                return None;
            }
        },
        None if phases.len() == 1 => phases[0],
        None => {
            diags.push(Diagnostic::error(Code::MissingField, f.span()).detail(format!(
                "{}是{}，要写学段 stage（小学 或 初中）",
                school.name,
                school.stage.label()
            )));
            return None;
        }
    };
    // Load has renamed every figure to its key and dropped unknown keys: the rest are figures.
    let values = numbers(f.node, |k| matches!(k, "school" | "stage"), diags);
    Some(Row { school: school.id.clone(), phase, span: f.span(), values })
}

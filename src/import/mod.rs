//! `gongshi import`: a spreadsheet or CSV file → a data file of the site (data/schools.yaml,
//! data/pairings.yaml, data/exchanges.yaml, data/indicators/YEAR.yaml, data/county/YEAR.yaml).
//!
//! Columns are matched by the one field-name table (`load::keys`); schools may be given by id
//! or by name (matched through the names and aliases of the site's data/schools.yaml, read by
//! the normal loader and model). Every bad row is reported as `FILE:ROW:COLUMN` (the row number
//! and column letter the spreadsheet shows), and nothing is written unless every row is good.

mod built;
mod check;
pub mod columns;
mod county;
pub mod docx;
mod kinds;
mod merge;
mod save;
mod table;
pub use crate::load::sheet;
pub mod word;
mod word_plan;
pub mod write;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::load::keys::{self, Field, Record as KeyRecord, Shape};
use crate::load::{DataKind, LoadOptions};
use crate::model::school::{School, SchoolIndex};
use check::{check_site, parse_data};
use columns::Header;
use kinds::{Refs, exchanges_file, indicators_file, pairings_file, schools_file};
use save::save;
use sheet::{Row, column_letter};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use table::Table;
use write::{Entry, Value};

/// What is imported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Schools,
    Pairings,
    Exchanges,
    Indicators,
    /// 县级评估数据 → data/county/YEAR.yaml
    County,
}

impl Kind {
    fn data_kind(self) -> DataKind {
        match self {
            Kind::Schools => DataKind::Schools,
            Kind::Pairings => DataKind::Pairings,
            Kind::Exchanges => DataKind::Exchanges,
            Kind::Indicators => DataKind::Indicators,
            Kind::County => DataKind::County,
        }
    }

    /// Names a sheet of this kind may have (folded, lowercase).
    fn sheet_names(self) -> &'static [&'static str] {
        match self {
            Kind::Schools => &["schools", "学校名录", "学校"],
            Kind::Pairings => &["pairings", "结对共建", "结对"],
            Kind::Exchanges => &["exchanges", "交流名单", "交流"],
            Kind::Indicators => &["indicators", "办学条件指标", "指标"],
            Kind::County => &["county", "县级评估数据", "县级评估", "县级数据"],
        }
    }
}

/// The arguments of one import.
#[derive(Clone, Debug, Default)]
pub struct Request {
    pub kind: Kind,
    pub file: PathBuf,
    pub site: PathBuf,
    pub year: Option<i32>,
    pub out: Option<PathBuf>,
    /// The sheet of a workbook to read (`--sheet`).
    pub sheet: Option<String>,
    /// Remove the records the sheet no longer has (`--replace`); a backup is kept.
    pub replace: bool,
    /// Say what would change, write nothing (`--dry-run`).
    pub dry_run: bool,
}

/// A finished import.
#[derive(Debug)]
pub struct Imported {
    pub path: PathBuf,
    pub backup: Option<PathBuf>,
    pub records: usize,
    /// `新增 3 所，更新 5 所（…），未变 11 所`.
    pub summary: String,
    /// Records of the file the sheet does not have, and whether they were removed.
    pub missing: Vec<String>,
    pub removed: bool,
    /// Nothing was written (`--dry-run`).
    pub dry_run: bool,
    /// Columns that were ignored, the encoding a CSV was read in, the sheet read.
    pub warnings: Vec<Diagnostic>,
}

/// A failed import: the problems, errors and warnings, in row order. Nothing was written.
#[derive(Debug)]
pub struct Failed {
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the file, checks every row, merges the rows into the site's data file (or writes a
/// new one), checks the whole site with it, and only then writes it.
pub fn import(req: &Request) -> Result<Imported, Failed> {
    let mut cx = Cx { file: file_name(&req.file), sheet: None, diags: Vec::new() };
    let fail = |diags: Vec<Diagnostic>| Failed { diagnostics: diags };
    let fields = row_fields(req.kind);
    let recognised = |rows: &[Row]| columns::find_header(rows, &fields).is_some();
    let choice =
        sheet::Choice { named: req.sheet.as_deref(), kind_names: req.kind.sheet_names(), recognised: &recognised };
    let sheet = match sheet::read(&req.file, &choice) {
        Ok(s) => s,
        Err(e) => {
            // The reader's message names the file and says what went wrong, in Chinese.
            let d = Diagnostic::error(Code::ReadFailed, Location::Path(cx.file.clone())).detail(e).hint(
                "检查文件名是否写对；文件损坏、不是表格，或超出了读表格的上限（见 docs/refusals.md）时，在 Excel/WPS 里打开后另存为 .xlsx 再导入。/ Check the name; resave a damaged or oversized file as .xlsx.",
            );
            return Err(fail(vec![d]));
        }
    };
    cx.sheet = sheet.name.clone();
    if let Some(note) = &sheet.note {
        cx.diags.push(Diagnostic::warning(Code::EncodingGuessed, Location::Path(cx.file.clone())).detail(note.clone()));
    }
    let Some(header) = columns::find_header(&sheet.rows, &fields) else {
        let names: Vec<String> = fields.iter().take(6).map(|f| zh_first(f)).collect();
        cx.diags.push(
            Diagnostic::error(Code::ImportNoHeader, Location::Path(cx.place()))
                .detail(format!("前十行里没有认识的列名；列名应是 {} 等", names.join("、"))),
        );
        return Err(fail(cx.diags));
    };
    let header_row = &sheet.rows[header.index];
    check_header(&mut cx, header_row, &header, &fields);
    let schools =
        if matches!(req.kind, Kind::Schools | Kind::County) { None } else { Some(site_schools(&req.site, &mut cx)) };
    let county = if req.kind == Kind::County { county::context(&req.site, &mut cx) } else { None };
    let rows: Vec<&Row> = sheet.rows[header.index + 1..].iter().filter(|r| !r.is_empty()).collect();
    let mut table = Table { cx: &mut cx, header: &header, header_row, sheet: &sheet };
    table.control_characters(&rows);
    if req.kind == Kind::County {
        let existing = |rel: &str| std::fs::read_to_string(req.out.clone().unwrap_or_else(|| req.site.join(rel))).ok();
        let written = county.as_ref().and_then(|c| county::county_file(&mut table, &rows, c, req.year, &existing));
        return finish_whole(req, cx, rows.len(), written);
    }
    let built = match (req.kind, &schools) {
        (Kind::Schools, _) => Some(schools_file(&mut table, &rows)),
        (_, Some(Some(schools))) => {
            let index = SchoolIndex::new(&schools.0, &schools.1);
            let refs = Refs { schools: &schools.0, index };
            match req.kind {
                Kind::Pairings => Some(pairings_file(&mut table, &rows, &refs)),
                Kind::Exchanges => exchanges_file(&mut table, &rows, &refs, req.year),
                _ => indicators_file(&mut table, &rows, &refs, req.year),
            }
        }
        _ => None,
    };
    if rows.is_empty() {
        cx.diags.push(
            Diagnostic::error(Code::ImportNoRows, Location::Path(cx.place()))
                .detail(format!("表头在第 {} 行，下面没有数据", header_row.number)),
        );
    }
    let Some(built) = built else { return Err(fail(cx.diags)) };
    if has_errors(&cx.diags) {
        return Err(fail(cx.diags));
    }
    let path = req.out.clone().unwrap_or_else(|| req.site.join(&built.rel));
    let existing = std::fs::read_to_string(&path).ok();
    let parsed = existing.as_deref().and_then(|text| parse_data(&built.rel, text));
    let merged = built.merge(&cx.file, existing.as_deref().zip(parsed.as_ref()), req.replace);
    if req.out.is_none() {
        check_site(&req.site, &built, &merged, &mut cx);
    }
    if has_errors(&cx.diags) {
        return Err(fail(cx.diags));
    }
    for (row, new, existing) in &merged.summary.near {
        cx.diags.push(
            Diagnostic::warning(Code::UnknownSchool, Location::Path(format!("{}:{row}", cx.place())))
                .detail(format!("「{new}」作为新学校加入；学校名录里有很像的「{existing}」"))
                .hint("如果是同一所学校，把表里的校名改成学校名录里的写法再导入（或写它的编号）。/ If it is the same school, use its name or id."),
        );
    }
    let summary = merged.summary.line(&built);
    let missing = merged.summary.missing.clone();
    let removed = merged.summary.removed;
    let unchanged = existing.as_deref() == Some(merged.text.as_str());
    let backup = if req.dry_run || unchanged {
        None
    } else {
        match save(&path, &merged.text, existing.is_some()) {
            Ok(b) => b,
            Err(d) => {
                cx.diags.push(d);
                return Err(fail(cx.diags));
            }
        }
    };
    Ok(Imported {
        path,
        backup,
        records: rows.len(),
        summary,
        missing,
        removed,
        dry_run: req.dry_run,
        warnings: cx.diags,
    })
}

/// The county data file, written whole (see `county`).
fn finish_whole(
    req: &Request,
    mut cx: Cx,
    records: usize,
    written: Option<(String, PathBuf)>,
) -> Result<Imported, Failed> {
    let fail = |diags: Vec<Diagnostic>| Failed { diagnostics: diags };
    let Some((text, rel)) = written else { return Err(fail(cx.diags)) };
    if has_errors(&cx.diags) {
        return Err(fail(cx.diags));
    }
    let path = req.out.clone().unwrap_or_else(|| req.site.join(rel));
    let backup = if req.dry_run {
        None
    } else {
        // The sheet was merged into the year's file already: the old one is kept as a backup.
        match save(&path, &text, true) {
            Ok(b) => b,
            Err(d) => {
                cx.diags.push(d);
                return Err(fail(cx.diags));
            }
        }
    };
    let summary = format!("{records} 项");
    Ok(Imported {
        path,
        backup,
        records,
        summary,
        missing: vec![],
        removed: false,
        dry_run: req.dry_run,
        warnings: cx.diags,
    })
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == crate::diagnostics::Severity::Error)
}

/// The file as messages and the written file's head comment name it. A name is data: a line
/// break or other control character in it is shown escaped (`\n`), never passed on to break a
/// YAML comment or a terminal line.
fn file_name(path: &Path) -> String {
    let shown = path.display().to_string();
    if !shown.chars().any(char::is_control) {
        return shown;
    }
    shown.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect()
}

/// Every key a column may name for this kind: the record's keys, the keys of a period written
/// as two columns (开始, 结束), and the file-level year and date where rows carry them.
fn row_fields(kind: Kind) -> Vec<&'static Field> {
    let file = match keys::data_shape(kind.data_kind()) {
        Shape::Record(r) => *r,
        _ => return Vec::new(),
    };
    let list = |r: &'static KeyRecord, name: &str| -> Option<&'static KeyRecord> {
        match r.all_fields().find(|f| f.name == name).map(|f| &f.shape) {
            Some(Shape::List(Shape::Record(inner))) => Some(inner),
            _ => None,
        }
    };
    let mut out: Vec<&'static Field> = Vec::new();
    match kind {
        Kind::Schools => out.extend(list(file, "schools").into_iter().flat_map(|r| r.all_fields())),
        Kind::Pairings => out.extend(list(file, "pairings").into_iter().flat_map(|r| r.all_fields())),
        Kind::Indicators => {
            out.extend(list(file, "schools").into_iter().flat_map(|r| r.all_fields()));
            out.extend(file.all_fields().filter(|f| f.name != "schools"));
        }
        Kind::County => out.extend(keys::COUNTY_ROW.all_fields()),
        Kind::Exchanges => {
            if let Some(group) = list(file, "exchanges") {
                out.extend(group.all_fields().filter(|f| f.name != "people"));
                out.extend(list(group, "people").into_iter().flat_map(|r| r.all_fields()));
            }
        }
    }
    if matches!(kind, Kind::Pairings | Kind::Exchanges) {
        out.extend(keys::PERIOD.all_fields());
    }
    out
}

/// `校名（name）`: a key by its Chinese name first, for messages to a clerk.
fn zh_first(field: &Field) -> String {
    match field.aliases.first() {
        Some(zh) => format!("{zh}（{}）", field.name),
        None => field.name.to_string(),
    }
}

/// The Chinese name of a key for comments and messages.
fn zh(field: &Field) -> &'static str {
    field.aliases.first().copied().unwrap_or(field.name)
}

struct Cx {
    file: String,
    /// The sheet read, for a workbook.
    sheet: Option<String>,
    diags: Vec<Diagnostic>,
}

impl Cx {
    /// `学校名录.xlsx[学校]`: the file, and the sheet of a workbook.
    fn place(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}[{sheet}]", self.file),
            None => self.file.clone(),
        }
    }

    fn at(&self, row: usize, col: usize) -> Location {
        Location::Path(format!("{}:{row}:{}", self.place(), column_letter(col)))
    }
}

/// Reports columns named twice and columns that are not imported, with the nearest known name.
fn check_header(cx: &mut Cx, row: &Row, header: &Header, fields: &[&'static Field]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (col, field) in header.fields.iter().enumerate() {
        let text = row.cell(col);
        match field {
            Some(f) => {
                if let Some(first) = seen.insert(f.name, col) {
                    let d = Diagnostic::error(Code::ImportDuplicateColumn, cx.at(row.number, col)).detail(format!(
                        "「{text}」和 {} 列「{}」都是 {}",
                        column_letter(first),
                        row.cell(first),
                        keys::describe(f)
                    ));
                    cx.diags.push(d);
                }
            }
            None if !text.is_empty() => {
                let mut d = Diagnostic::warning(Code::ImportUnknownColumn, cx.at(row.number, col))
                    .detail(format!("不认识列名「{text}」，这一列不导入"));
                if let Some(near) = nearest_column(text, fields) {
                    d = d.hint(format!(
                        "您是不是想写「{near}」？各类表格的列名见 docs/staff-guide.md。/ Did you mean {near}?"
                    ));
                }
                cx.diags.push(d);
            }
            None => {}
        }
    }
}

/// The known column name closest to a header that matched none, if any is close: the Chinese
/// names first.
fn nearest_column(text: &str, fields: &[&'static Field]) -> Option<&'static str> {
    let key = columns::normalize(text);
    let names = fields.iter().flat_map(|f| f.aliases.iter().copied().chain([f.name]));
    let (best, distance) =
        names.map(|n| (n, strsim::levenshtein(&columns::normalize(n), &key))).min_by_key(|(_, d)| *d)?;
    let shared = best.chars().any(|c| key.contains(c));
    (distance <= (key.chars().count() / 2).max(1) && shared).then_some(best)
}

/// The schools of the site, read by the normal loader and model; `None` (with an error) when
/// the site has none.
fn site_schools(site: &Path, cx: &mut Cx) -> Option<(Vec<School>, Vec<String>)> {
    let mut diags = Diagnostics::default();
    let raw = crate::load::load(site, &LoadOptions::default(), &mut diags);
    let read = raw
        .data
        .iter()
        .find(|d| d.kind == DataKind::Schools)
        .map(|d| crate::model::school::read_all(&d.node, &mut diags));
    match read {
        Some(all) if !all.items.is_empty() => Some((all.items, all.broken)),
        _ => {
            cx.diags.push(
                Diagnostic::error(
                    Code::ImportNoSchools,
                    Location::Path(site.join("data/schools.yaml").display().to_string()),
                )
                .detail("网站里没有可用的学校名录，学校名称无法对应到编号"),
            );
            None
        }
    }
}

const SCHOOL_HINT: &str = "写学校的编号，或 data/schools.yaml 里的校名、别名；学校要先写进学校名录。/ Give an id, or a name or alias from data/schools.yaml.";

fn entry(field: &'static Field, value: Value) -> Entry {
    Entry { key: field.name, zh: zh(field), value }
}

fn field(record: &'static KeyRecord, name: &str) -> &'static Field {
    record.all_fields().find(|f| f.name == name).unwrap_or_else(|| panic!("no field {name} in {}", record.what))
}

/// `2017-09-01`, `2017/9/1`, `2017.9.1`, `2017年9月1日` → `2017-09-01`.
fn date_text(text: &str) -> Result<String, String> {
    let unified: String = text
        .trim()
        .trim_end_matches('日')
        .chars()
        .map(|c| match c {
            '/' | '.' | '年' | '月' | '－' => '-',
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    crate::model::date::parse_date(&unified)
        .map(|d| d.to_string())
        .map_err(|_| format!("「{text}」不是日期，请写成 2017-09-01"))
}

/// Splits a list cell: `墟沟小学、连岛小学`, `a, b`, `a；b`.
fn split_list(text: &str) -> Vec<&str> {
    text.split(['、', ',', '，', ';', '；', '\n']).map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// Ids are URL segments and stable keys: lowercase latin letters, digits and `-`.
fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dates_as_staff_write_them() {
        assert_eq!(date_text("2017/9/1").unwrap(), "2017-09-01");
        assert_eq!(date_text("2017年9月1日").unwrap(), "2017-09-01");
        assert_eq!(date_text("2017.09.01").unwrap(), "2017-09-01");
        assert!(date_text("九月").is_err());
    }

    #[test]
    fn every_kind_has_its_columns() {
        let names = |k| row_fields(k).iter().map(|f| f.name).collect::<Vec<_>>();
        assert!(names(Kind::Schools).contains(&"stage"));
        assert!(names(Kind::Pairings).contains(&"members") && names(Kind::Pairings).contains(&"start"));
        assert!(names(Kind::Exchanges).contains(&"year") && names(Kind::Exchanges).contains(&"from"));
        assert!(names(Kind::Indicators).contains(&"students") && names(Kind::Indicators).contains(&"date"));
    }
}

//! `gongshi import`: a spreadsheet or CSV file → a data file of the site (data/schools.yaml,
//! data/pairings.yaml, data/exchanges.yaml, data/indicators/YEAR.yaml, data/county/YEAR.yaml).
//!
//! Columns are matched by the one field-name table (`load::keys`); schools may be given by id
//! or by name (matched through the names and aliases of the site's data/schools.yaml, read by
//! the normal loader and model). Every bad row is reported as `FILE:ROW:COLUMN` (the row number
//! and column letter the spreadsheet shows), and nothing is written unless every row is good.

mod built;
pub mod columns;
mod county;
mod kinds;
mod merge;
mod save;
pub use crate::load::sheet;
pub mod write;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::load::keys::{self, Field, Record as KeyRecord, Shape};
use crate::load::{DataKind, LoadOptions};
use crate::model::school::{School, SchoolIndex};
use columns::Header;
use kinds::{Refs, exchanges_file, indicators_file, pairings_file, schools_file};
use save::save;
use sheet::{Row, column_letter};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
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
        let written = county.as_ref().and_then(|c| county::county_file(&mut table, &rows, c, req.year));
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
        match save(&path, &text, req.replace) {
            Ok(b) => b,
            Err(d) => {
                cx.diags.push(
                    d.hint("县级评估数据整份替换：确认后加 --replace（原文件留备份）。/ Pass --replace to replace it."),
                );
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

/// The name a message gives the file: as the clerk typed it.
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

/// A data file's text as the loader reads it (keys in English), when it parses.
fn parse_data(rel: &str, text: &str) -> Option<crate::load::Node> {
    let kind = match crate::load::walk::classify(rel)? {
        crate::load::walk::FileKind::Data(kind) => kind,
        _ => return None,
    };
    let mut sources = crate::diagnostics::Sources::default();
    let id = sources.add(rel.to_string(), text.to_string());
    let mut node = crate::load::yaml::parse(id, sources.get(id), 0, text.len()).ok()?;
    keys::canonicalize(&mut node, keys::data_shape(kind), &mut Diagnostics::default());
    Some(node)
}

/// Checks the whole site as `build` would, with the merged file in place of the one on disk.
/// Problems the import brings are reported at the sheet's row where the record came from
/// (never at a line of YAML the clerk did not write); problems the site had before are not.
fn check_site(site: &Path, built: &built::Built, merged: &built::Merged, cx: &mut Cx) {
    let run = |overlay: Option<(String, std::sync::Arc<str>)>| {
        let mut diags = Diagnostics::default();
        let options = LoadOptions { encoding: None, overlay };
        let raw = crate::load::load(site, &options, &mut diags);
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        let options =
            crate::model::BuildOptions { drafts: true, today: crate::model::date::china_date(secs), base_url: None };
        crate::model::build(&raw, &options, &mut diags);
        (raw.sources, diags)
    };
    let (before_sources, before) = run(None);
    let seen: HashSet<(String, String)> = before
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .map(|d| (d.location.path(&before_sources), d.detail.clone()))
        .collect();
    let (sources, after) = run(Some((built.rel.clone(), merged.text.as_str().into())));
    let node = parse_data(&built.rel, &merged.text);
    let records = node.as_ref().map(|n| built::records_of(built.list.0, n, &merged.text)).unwrap_or_default();
    for d in after.iter().filter(|d| d.severity == crate::diagnostics::Severity::Error) {
        let path = d.location.path(&sources);
        if seen.contains(&(path.clone(), d.detail.clone())) {
            continue;
        }
        let at = d.location.offset().filter(|_| path == built.rel);
        let row =
            at.and_then(|at| records.iter().find(|(_, r)| r.contains(&at))).and_then(|(id, _)| merged.rows.get(id));
        let location = match row {
            Some(row) => Location::Path(format!("{}:{row}", cx.place())),
            None => Location::Path(format!("{}（导入后 {}）", cx.place(), d.location.shown(&sources))),
        };
        let mut out = Diagnostic::error(d.code, location).detail(d.detail.clone());
        if let Some(h) = d.hint_text() {
            out = out.hint(h);
        }
        cx.diags.push(out);
    }
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

/// The rows of the sheet with their header.
struct Table<'a> {
    cx: &'a mut Cx,
    header: &'a Header,
    header_row: &'a Row,
    sheet: &'a sheet::Sheet,
}

impl Table<'_> {
    /// The cell of a field in a row, with its column, if the sheet has that column and the cell
    /// is not empty.
    fn get<'r>(&self, row: &'r Row, name: &str) -> Option<(&'r str, usize)> {
        let col = self.header.column(name)?;
        let text = row.cell(col);
        (!text.is_empty()).then_some((text, col))
    }

    /// Reports every imported cell holding a control character (other than tab and line
    /// breaks) at the cell: the build would refuse it at a line of YAML the clerk never wrote.
    fn control_characters(&mut self, rows: &[&Row]) {
        for row in rows {
            for (col, field) in self.header.fields.iter().enumerate() {
                let found = row.cell(col).chars().find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
                if let (Some(_), Some(c)) = (field, found) {
                    let detail =
                        format!("「{}」列：这一格含有看不见的控制字符 U+{:04X}", self.header_text(col), c as u32);
                    self.error(Code::InvalidValue, row, col, detail);
                    self.hint("删掉这个字符（常见于从其他软件复制粘贴的文字）；在表格里重新输入这一格最简单。/ Remove the control character, e.g. retype the cell.");
                }
            }
        }
    }

    /// The column to point at when a field is missing: its own, else the first.
    fn col(&self, name: &str) -> usize {
        self.header.column(name).unwrap_or(0)
    }

    fn header_text(&self, col: usize) -> &str {
        self.header_row.cell(col)
    }

    fn error(&mut self, code: Code, row: &Row, col: usize, detail: String) {
        let d = Diagnostic::error(code, self.cx.at(row.number, col)).detail(detail);
        self.cx.diags.push(d);
    }

    /// Replaces the hint of the last diagnostic.
    fn hint(&mut self, hint: &str) {
        if let Some(d) = self.cx.diags.pop() {
            self.cx.diags.push(d.hint(hint));
        }
    }

    /// A required cell, or an error naming the column.
    fn required<'r>(&mut self, row: &'r Row, field: &'static Field) -> Option<(&'r str, usize)> {
        let got = self.get(row, field.name);
        if let Some((text, col)) = got {
            return self.one_of(row, field, text, col).then_some((text, col));
        }
        if got.is_none() {
            let col = self.col(field.name);
            let merged = self.header.column(field.name).and_then(|c| self.sheet.merged_into(row.number, c));
            let detail = match (self.header.column(field.name), merged) {
                (Some(_), Some(m)) => format!(
                    "{} 这一格在合并单元格 {}{}:{}{} 里：合并后只有第一格（第 {} 行）有值",
                    zh_first(field),
                    column_letter(m.cols.0),
                    m.rows.0,
                    column_letter(m.cols.1),
                    m.rows.1,
                    m.rows.0
                ),
                (Some(_), None) => format!("{} 不能为空", zh_first(field)),
                (None, _) => format!("表里没有 {} 这一列", zh_first(field)),
            };
            self.error(Code::MissingField, row, col, detail);
            if merged.is_some() {
                self.hint("取消合并单元格，在每一行都填上这一格的内容（WPS/Excel：选中后“取消合并并填充内容”）。/ Unmerge the cells and fill every row.");
            }
        }
        got
    }

    /// A text cell as an entry.
    fn text(&mut self, row: &Row, field: &'static Field) -> Option<Entry> {
        let (text, col) = self.get(row, field.name)?;
        self.one_of(row, field, text, col).then(|| entry(field, Value::Text(text.to_string())))
    }

    /// Whether a value the model takes from a fixed set (学段, 城乡类别, 办学状态, 类别) is one of
    /// them: reported here, at the cell, not by the next build at a line of the written YAML.
    pub(super) fn one_of(&mut self, row: &Row, field: &'static Field, text: &str, col: usize) -> bool {
        let Some((ok, allowed)) = fixed_set(field) else { return true };
        if !ok(text) {
            let detail = format!("「{}」列：「{text}」只能是 {allowed}", self.header_text(col));
            self.error(Code::InvalidValue, row, col, detail);
        }
        ok(text)
    }

    /// A date cell (2017-09-01, 2017/9/1, 2017.9.1, 2017年9月1日).
    fn date(&mut self, row: &Row, name: &str) -> Option<Result<String, ()>> {
        let (text, col) = self.get(row, name)?;
        Some(date_text(text).map_err(|e| {
            let detail = format!("「{}」列：{e}", self.header_text(col));
            self.error(Code::InvalidDate, row, col, detail);
        }))
    }

    /// A period from one cell (`2017-09-01至2020-08-31`) or from 开始/结束 columns.
    fn period(&mut self, row: &Row, field: &'static Field) -> Option<Entry> {
        let map = if let Some((text, col)) = self.get(row, field.name) {
            let parts: Vec<&str> = text.split(['至', '到', '~', '～', '—', '–']).map(str::trim).collect();
            let dates: Vec<Result<String, String>> = parts.iter().map(|p| date_text(p)).collect();
            match dates.as_slice() {
                [Ok(a), Ok(b)] => vec![("start", Value::Plain(a.clone())), ("end", Value::Plain(b.clone()))],
                _ => {
                    let detail = format!(
                        "「{}」列：「{text}」应写成“开始日期至结束日期”，如 2017-09-01至2018-07-31",
                        self.header_text(col)
                    );
                    self.error(Code::InvalidDate, row, col, detail);
                    return None;
                }
            }
        } else {
            let mut map = Vec::new();
            for key in ["start", "end"] {
                if let Some(Ok(d)) = self.date(row, key) {
                    map.push((key, Value::Plain(d)));
                }
            }
            if map.is_empty() {
                return None;
            }
            map
        };
        Some(entry(field, Value::Map(map)))
    }
}

/// A check of a value, and the values it takes in words.
type FixedSet = (fn(&str) -> bool, &'static str);

/// The check of a field whose values come from a fixed set, and the set in words.
fn fixed_set(field: &'static Field) -> Option<FixedSet> {
    use crate::model::read::pick;
    use crate::model::school::{Locale, Phase, Stage, Status};
    let is =
        |record: &'static KeyRecord, name: &str| record.all_fields().any(|f| std::ptr::eq(f, field) && f.name == name);
    if is(&keys::SCHOOL, "stage") {
        Some((|t| pick(t, Stage::SPELLINGS).is_some(), "小学、初中、九年一贯制、十二年一贯制 或 完全中学"))
    } else if is(&keys::SCHOOL, "location") {
        Some((|t| pick(t, Locale::SPELLINGS).is_some(), "城区、镇区 或 乡村"))
    } else if is(&keys::SCHOOL, "status") {
        Some((|t| pick(t, Status::SPELLINGS).is_some(), "在办、待建 或 撤并"))
    } else if is(&keys::PERSON, "role") {
        Some((|t| pick(t, crate::model::exchange::Role::SPELLINGS).is_some(), "教师 或 教干"))
    } else if is(&keys::PERSON, "key") {
        Some((|t| crate::model::read::parse_bool(t).is_some(), "是 或 否（√ 也算是）"))
    } else if is(&keys::INDICATOR_ROW, "stage") {
        Some((|t| Phase::parse(t).is_some(), "小学 或 初中"))
    } else {
        None
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

//! The rows of a sheet with their header: reading a cell as a field, and reporting a bad one at
//! its file, sheet, row and column.

use super::sheet::{self, Row, column_letter};
use super::write::{Entry, Value};
use super::{Cx, columns::Header, date_text, entry, zh_first};
use crate::diagnostics::{Code, Diagnostic};
use crate::load::keys::{self, Field, Record as KeyRecord};

/// The rows of the sheet with their header.
pub(super) struct Table<'a> {
    pub(super) cx: &'a mut Cx,
    pub(super) header: &'a Header,
    pub(super) header_row: &'a Row,
    pub(super) sheet: &'a sheet::Sheet,
}

impl Table<'_> {
    /// The cell of a field in a row, with its column, if the sheet has that column and the cell
    /// is not empty.
    pub(super) fn get<'r>(&self, row: &'r Row, name: &str) -> Option<(&'r str, usize)> {
        let col = self.header.column(name)?;
        let text = row.cell(col);
        (!text.is_empty()).then_some((text, col))
    }

    /// Reports every imported cell holding a control character (other than tab and line
    /// breaks) at the cell: the build would refuse it at a line of YAML the clerk never wrote.
    pub(super) fn control_characters(&mut self, rows: &[&Row]) {
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
    pub(super) fn col(&self, name: &str) -> usize {
        self.header.column(name).unwrap_or(0)
    }

    pub(super) fn header_text(&self, col: usize) -> &str {
        self.header_row.cell(col)
    }

    /// Errors so far: a row with one is not written (a warning does not stop it).
    pub(super) fn error_count(&self) -> usize {
        self.cx.diags.iter().filter(|d| d.severity == crate::diagnostics::Severity::Error).count()
    }

    pub(super) fn error(&mut self, code: Code, row: &Row, col: usize, detail: String) {
        let d = Diagnostic::error(code, self.cx.at(row.number, col)).detail(detail);
        self.cx.diags.push(d);
    }

    /// Replaces the hint of the last diagnostic.
    pub(super) fn hint(&mut self, hint: &str) {
        if let Some(d) = self.cx.diags.pop() {
            self.cx.diags.push(d.hint(hint));
        }
    }

    /// A required cell, or an error naming the column.
    pub(super) fn required<'r>(&mut self, row: &'r Row, field: &'static Field) -> Option<(&'r str, usize)> {
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
    pub(super) fn text(&mut self, row: &Row, field: &'static Field) -> Option<Entry> {
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
    pub(super) fn date(&mut self, row: &Row, name: &str) -> Option<Result<String, ()>> {
        let (text, col) = self.get(row, name)?;
        Some(date_text(text).map_err(|e| {
            let detail = format!("「{}」列：{e}", self.header_text(col));
            self.error(Code::InvalidDate, row, col, detail);
        }))
    }

    /// A period from one cell (`2017-09-01至2020-08-31`) or from 开始/结束 columns.
    pub(super) fn period(&mut self, row: &Row, field: &'static Field) -> Option<Entry> {
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
pub(super) fn fixed_set(field: &'static Field) -> Option<FixedSet> {
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

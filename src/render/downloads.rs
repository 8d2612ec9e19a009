//! Open data: the tables behind the pages as UTF-8 CSV (with a BOM, so Excel reads Chinese
//! correctly) and JSON with the same rows and columns. Ratios and coefficients carry four
//! decimals. The CSV is for people: Chinese headers, 是/否, a school's name beside its id. The
//! JSON is for programs: each column under a stable English key (docs/content-format.md, 公开数据下载).

use crate::evaluate::coverage::Coverage;
use crate::evaluate::ratio::{self, Bound};
use crate::evaluate::{Findings, StandardYear};
use crate::model::Site;
use crate::model::number::Decimal;
use crate::model::school::Party;
use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Written with four decimals.
    Ratio(f64),
    /// A number already written: a judged figure (see [`crate::evaluate::ratio::shown`]), which
    /// may take more decimals to keep clear of its limit.
    Figure(String),
    Bool(bool),
    Empty,
}

impl Cell {
    fn csv(&self) -> String {
        match self {
            Cell::Text(s) => defused(s),
            Cell::Int(n) => n.to_string(),
            Cell::Ratio(x) => format!("{x:.4}"),
            Cell::Figure(x) => x.clone(),
            Cell::Bool(b) => if *b { "是" } else { "否" }.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A text cell that a spreadsheet would run as a formula (`=…`, `+…`, `-…`, `@…`, or after a tab
/// or line break) gets a leading `'`, as OWASP advises: Excel and WPS then show it as text.
fn defused(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() }
}

/// A figure beside its verdict, four decimals unless that would read across the limit.
fn judged(value: f64, limit: Decimal, bound: Bound, met: bool) -> Cell {
    Cell::Figure(ratio::shown(value, 4, limit, bound, met))
}

/// A coefficient of variation, judged against `limit` when it is held to one.
fn cv_cell(cv: f64, limit: Option<Decimal>) -> Cell {
    match limit {
        Some(_) => Cell::Figure(ratio::shown_cv(cv, 4, limit)),
        None => Cell::Ratio(cv),
    }
}

pub(crate) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt(s: Option<impl Into<String>>) -> Cell {
    s.map_or(Cell::Empty, |s| Cell::Text(s.into()))
}

/// A column of a download: its stable English key (JSON) and its Chinese header (CSV).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub key: String,
    pub header: String,
}

pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// A table of `(key, 中文表头)` columns.
    pub(crate) fn new(columns: &[(&str, &str)]) -> Table {
        Table::with_columns(columns.iter().map(|(k, h)| (k.to_string(), h.to_string())))
    }

    pub(crate) fn with_columns(columns: impl IntoIterator<Item = (String, String)>) -> Table {
        let columns = columns.into_iter().map(|(key, header)| Column { key, header }).collect();
        Table { columns, rows: Vec::new() }
    }

    pub fn to_csv(&self) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
        // Writing to memory cannot fail.
        let _ = w.write_record(self.columns.iter().map(|c| &c.header));
        for row in &self.rows {
            let _ = w.write_record(row.iter().map(Cell::csv));
        }
        w.into_inner().unwrap_or_default()
    }

    pub fn to_json(&self) -> Vec<u8> {
        let rows: Vec<JsonRow> = self.rows.iter().map(|cells| JsonRow { columns: &self.columns, cells }).collect();
        let mut out = serde_json::to_vec_pretty(&rows).unwrap_or_default();
        out.push(b'\n');
        out
    }
}

/// One row as a JSON object, keys in column order.
struct JsonRow<'a> {
    columns: &'a [Column],
    cells: &'a [Cell],
}

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.columns.len()))?;
        for (column, c) in self.columns.iter().zip(self.cells) {
            let h = &column.key;
            match c {
                Cell::Text(t) => map.serialize_entry(h, t)?,
                Cell::Int(n) => map.serialize_entry(h, n)?,
                // Rounded the same way as the CSV, so both files say the same.
                Cell::Ratio(x) => map.serialize_entry(h, &format!("{x:.4}").parse::<f64>().unwrap_or(*x))?,
                Cell::Figure(x) => match x.parse::<f64>() {
                    Ok(v) => map.serialize_entry(h, &v)?,
                    Err(_) => map.serialize_entry(h, x)?,
                },
                Cell::Bool(b) => map.serialize_entry(h, b)?,
                Cell::Empty => map.serialize_entry(h, &())?,
            }
        }
        map.end()
    }
}

fn party(p: &Party) -> String {
    match p {
        Party::School(id) => id.to_string(),
        Party::External(name) => name.clone(),
    }
}

/// The name a reader knows a party by: the school's name, or the outside party as written.
fn party_name(site: &Site, p: &Party) -> String {
    match p {
        Party::School(id) => school_name(site, id),
        Party::External(name) => name.clone(),
    }
}

fn school_name(site: &Site, id: &crate::model::id::SchoolId) -> String {
    site.schools.get(id).map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// Every download: (file stem under data/, table).
pub fn tables(site: &Site, findings: &Findings) -> Vec<(String, Table)> {
    let mut out = Vec::new();
    if !site.schools.is_empty() {
        out.push(("schools".to_string(), schools(site)));
    }
    if !site.pairings.is_empty() {
        out.push(("pairings".to_string(), pairings(site)));
    }
    if !site.exchanges.is_empty() {
        out.push(("exchanges".to_string(), exchanges(site)));
    }
    for c in &findings.coverage.years {
        out.push((format!("coverage-{}", c.date.year()), coverage(site, c)));
    }
    if !findings.exchange.is_empty() {
        out.push(("exchange-ratios".to_string(), exchange_ratios(site, findings)));
    }
    for r in &site.reports {
        out.push((format!("report-{}", r.year), report(r)));
    }
    for figures in &site.figures {
        let Some(judged) = findings.year(site, figures.year) else { continue };
        out.push((format!("evaluation-{}", figures.year), evaluation(site, judged)));
        out.push((format!("cv-{}", figures.year), cv(site, judged)));
    }
    if !site.figures.is_empty() {
        out.push(("cv-trend".to_string(), cv_trend(site, findings)));
    }
    out.extend(super::county_data::tables(site, findings));
    out
}

fn schools(site: &Site) -> Table {
    let mut t = Table::new(&[
        ("id", "编号"),
        ("name", "校名"),
        ("stage", "学段"),
        ("town", "乡镇街道"),
        ("location", "城乡类别"),
        ("status", "办学状态"),
    ]);
    for s in &site.schools {
        t.rows.push(vec![
            text(s.id.as_str()),
            text(&s.name),
            text(s.stage.label()),
            opt(s.town.clone()),
            opt(s.locale.map(|l| l.label())),
            text(s.status.label()),
        ]);
    }
    t
}

fn pairings(site: &Site) -> Table {
    let mut t = Table::new(&[
        ("id", "编号"),
        ("form", "形式"),
        ("name", "名称"),
        ("lead", "牵头学校编号"),
        ("lead_name", "牵头学校"),
        ("members", "成员学校编号"),
        ("member_names", "成员学校"),
        ("cycle_start", "开始日期"),
        ("cycle_end", "结束日期"),
        ("policy", "依据文件"),
    ]);
    for p in &site.pairings {
        let members: Vec<String> = p.members.iter().map(party).collect();
        let names: Vec<String> = p.members.iter().map(|m| party_name(site, m)).collect();
        t.rows.push(vec![
            text(p.id.as_str()),
            text(&p.form),
            opt(p.name.clone()),
            text(party(&p.lead)),
            text(party_name(site, &p.lead)),
            text(members.join(";")),
            text(names.join(";")),
            opt(p.cycle.map(|c| c.start.to_string())),
            opt(p.cycle.map(|c| c.end.to_string())),
            opt(p.policy.as_ref().map(|d| d.value.clone())),
        ]);
    }
    t
}

fn exchanges(site: &Site) -> Table {
    let mut t = Table::new(&[
        ("year", "年度"),
        ("name", "姓名"),
        ("role", "类别"),
        ("subject", "学科"),
        ("key", "骨干"),
        ("from", "派出学校编号"),
        ("from_name", "派出学校"),
        ("to", "接收学校编号"),
        ("to_name", "接收学校"),
        ("period_start", "开始日期"),
        ("period_end", "结束日期"),
    ]);
    for list in &site.exchanges {
        for p in &list.people {
            t.rows.push(vec![
                Cell::Int(i64::from(list.year)),
                text(&p.name),
                text(p.role.label()),
                opt(p.subject.clone()),
                Cell::Bool(p.key),
                text(party(&p.from)),
                text(party_name(site, &p.from)),
                text(party(&p.to)),
                text(party_name(site, &p.to)),
                opt(p.period.map(|x| x.start.to_string())),
                opt(p.period.map(|x| x.end.to_string())),
            ]);
        }
    }
    t
}

/// Every 在办 school on a date (a year's end, or the build date for its year): in a pairing
/// or not, and which.
fn coverage(site: &Site, c: &Coverage) -> Table {
    let mut t = Table::new(&[
        ("date", "日期"),
        ("school", "学校编号"),
        ("name", "校名"),
        ("stage", "学段"),
        ("location", "城乡类别"),
        ("covered", "在结对中"),
        ("forms", "结对形式"),
        ("pairings", "结对编号"),
    ]);
    for s in &c.schools {
        let Some(school) = site.schools.get(&s.school) else { continue };
        let mut forms: Vec<&str> = Vec::new();
        for p in s.pairings.iter().filter_map(|id| site.pairings.get(id)) {
            if !forms.contains(&p.form.as_str()) {
                forms.push(&p.form);
            }
        }
        let ids: Vec<&str> = s.pairings.iter().map(|p| p.as_str()).collect();
        t.rows.push(vec![
            text(c.date.to_string()),
            text(s.school.as_str()),
            text(&school.name),
            text(school.stage.label()),
            opt(school.locale.map(|l| l.label())),
            Cell::Bool(!s.pairings.is_empty()),
            text(forms.join(";")),
            text(ids.join(";")),
        ]);
    }
    t
}

/// Each year's exchange ratio per school, then the county's (school left empty).
fn exchange_ratios(site: &Site, findings: &Findings) -> Table {
    let mut t = Table::new(&[
        ("year", "年度"),
        ("school", "学校编号"),
        ("school_name", "学校"),
        ("eligible", "应交流教师数"),
        ("sent", "交流人数"),
        ("share", "交流比例"),
        ("share_met", "交流比例达到要求"),
        ("key_eligible", "应交流骨干教师数"),
        ("key_sent", "交流骨干人数"),
        ("key_share", "骨干占交流比例"),
        ("key_met", "骨干比例达到要求"),
    ]);
    let ratio = |part: u32, whole: u32, limit: Decimal, met: Option<bool>| match (whole, met) {
        (0, _) => Cell::Empty,
        (_, None) => Cell::Ratio(f64::from(part) / f64::from(whole)),
        (_, Some(met)) => judged(f64::from(part) / f64::from(whole), limit, Bound::AtLeast, met),
    };
    let limits = &site.plan.exchange;
    let flag = |b: Option<bool>| b.map_or(Cell::Empty, Cell::Bool);
    for y in &findings.exchange {
        let rows = y.schools.iter().map(|(id, r)| (Some(id), r)).chain([(None, &y.county)]);
        for (school, r) in rows {
            t.rows.push(vec![
                Cell::Int(i64::from(y.year)),
                school.map_or(Cell::Empty, |id| text(id.as_str())),
                school.map_or(text("全区合计"), |id| text(school_name(site, id))),
                Cell::Int(i64::from(r.eligible)),
                Cell::Int(i64::from(r.sent)),
                ratio(r.sent, r.eligible, limits.share, r.share_met),
                flag(r.share_met),
                r.key_eligible.map_or(Cell::Empty, |k| Cell::Int(i64::from(k))),
                Cell::Int(i64::from(r.key_sent)),
                ratio(r.key_sent, r.sent, limits.key_share, r.key_met),
                flag(r.key_met),
            ]);
        }
    }
    t
}

fn evaluation(site: &Site, judged: &StandardYear) -> Table {
    let standard = site.standard();
    let mut columns =
        pairs(&[("school", "学校编号"), ("school_name", "校名"), ("stage", "学段"), ("students", "在校学生数")]);
    columns.extend(standard.indicators.iter().map(|i| (i.id.clone(), i.name.clone())));
    columns.extend(pairs(&[("met_count", "达标项数"), ("verdict", "结论")]));
    let mut t = Table::with_columns(columns);
    for s in &judged.sections {
        let mut row = vec![
            text(s.school.as_str()),
            text(school_name(site, &s.school)),
            text(s.phase.label()),
            s.students.map_or(Cell::Empty, |n| text(n.to_string())),
        ];
        row.extend(s.indicators.iter().map(|r| r.value.map_or(Cell::Empty, |v| Cell::Ratio(v.to_f64()))));
        let judged = s.verdict.is_some();
        row.push(if judged { Cell::Int(s.met as i64) } else { Cell::Empty });
        row.push(match s.verdict {
            Some(true) => text("达标"),
            Some(false) => text("未达标"),
            None => Cell::Empty,
        });
        t.rows.push(row);
    }
    t
}

/// An annual report in long form, one figure a row: (table, row, column, value).
fn report(r: &crate::model::report::Report) -> Table {
    use crate::model::report::{APPLICANTS, RESULTS};
    let mut t = Table::new(&[("table", "表"), ("item", "项目"), ("column", "栏目"), ("value", "数值")]);
    let mut push = |table: &str, item: &str, column: &str, value: Cell| {
        t.rows.push(vec![text(table), text(item), text(column), value]);
    };
    let p = &r.proactive;
    for (item, values) in &p.documents {
        for (column, v) in ["本年制发件数", "本年废止件数", "现行有效件数"].iter().zip(values) {
            push("主动公开政府信息情况", item, column, Cell::Int(*v as i64));
        }
    }
    for (item, v) in &p.decisions {
        push("主动公开政府信息情况", item, "本年处理决定数量", Cell::Int(*v as i64));
    }
    push("主动公开政府信息情况", "行政事业性收费", "本年收费金额（万元）", text(p.fees.to_string()));
    for line in &r.applications {
        let Some(values) = line.values else { continue };
        for (column, v) in APPLICANTS.iter().zip(values) {
            push("收到和处理政府信息公开申请情况", &line.label, column, Cell::Int(v as i64));
        }
        push("收到和处理政府信息公开申请情况", &line.label, "总计", Cell::Int(line.total() as i64));
    }
    for line in &r.reviews {
        for (column, v) in RESULTS.iter().zip(line.values.unwrap_or_default()) {
            push("政府信息公开行政复议、行政诉讼情况", &line.label, column, Cell::Int(v as i64));
        }
        push("政府信息公开行政复议、行政诉讼情况", &line.label, "总计", Cell::Int(line.total() as i64));
    }
    t
}

fn cv(site: &Site, judged: &StandardYear) -> Table {
    let standard = site.standard();
    let mut t = Table::new(&[
        ("stage", "学段"),
        ("indicator", "指标编号"),
        ("name", "指标"),
        ("cv", "差异系数"),
        ("limit", "上限"),
        ("ok", "达到要求"),
    ]);
    for p in &judged.county {
        let limit = p.limit.map_or(Cell::Empty, |l| text(l.to_string()));
        for ((def, cv), within) in standard.indicators.iter().zip(&p.cvs).zip(&p.within) {
            t.rows.push(vec![
                text(p.phase.label()),
                text(&def.id),
                text(&def.name),
                cv.map_or(Cell::Empty, |c| cv_cell(c, p.limit.filter(|_| within.is_some()))),
                if within.is_some() { limit.clone() } else { Cell::Empty },
                within.map_or(Cell::Empty, Cell::Bool),
            ]);
        }
        if standard.cv.method == crate::model::standard::CvMethod::Mean {
            t.rows.push(vec![
                text(p.phase.label()),
                text("composite"),
                text("综合差异系数"),
                p.composite.map_or(Cell::Empty, |c| cv_cell(c, p.limit)),
                limit,
                p.ok.map_or(Cell::Empty, Cell::Bool),
            ]);
        }
    }
    t
}

/// Every year × 学段 × indicator coefficient of the site's standard, for the spread over time.
/// One row of the trend: (id, name, the coefficient per year, the limit it is held to).
type Series<'a> = (&'a str, &'a str, &'a [Option<f64>], Option<Decimal>);

fn cv_trend(site: &Site, findings: &Findings) -> Table {
    let standard = site.standard();
    let mut t = Table::new(&[
        ("year", "年度"),
        ("stage", "学段"),
        ("indicator", "指标编号"),
        ("name", "指标"),
        ("cv", "差异系数"),
        ("limit", "上限"),
    ]);
    let phases = crate::evaluate::trend::phases(findings, &standard.id, standard.indicators.len());
    let each = standard.cv.method == crate::model::standard::CvMethod::Each;
    let mut rows = Vec::new();
    for p in &phases {
        let mut series: Vec<Series> = standard
            .indicators
            .iter()
            .zip(&p.indicators)
            .map(|(def, i)| (def.id.as_str(), def.name.as_str(), &i.cvs[..], p.limit.filter(|_| each)))
            .collect();
        if let Some(c) = &p.composite {
            series.push(("composite", "综合差异系数", &c.cvs[..], p.limit));
        }
        for (y, &year) in p.years.iter().enumerate() {
            for (id, name, cvs, limit) in &series {
                rows.push(vec![
                    Cell::Int(i64::from(year)),
                    text(p.phase.label()),
                    text(*id),
                    text(*name),
                    cvs.get(y).copied().flatten().map_or(Cell::Empty, |c| cv_cell(c, *limit)),
                    limit.map_or(Cell::Empty, |l| text(l.to_string())),
                ]);
            }
        }
    }
    // Year first, then 学段 (a stable sort keeps 小学 before 初中 and the standard's order).
    rows.sort_by_key(|r| match r.first() {
        Some(Cell::Int(year)) => *year,
        _ => 0,
    });
    t.rows = rows;
    t
}

/// Owned `(key, header)` pairs, to be extended with columns made at run time.
pub(crate) fn pairs(columns: &[(&str, &str)]) -> Vec<(String, String)> {
    columns.iter().map(|(k, h)| (k.to_string(), h.to_string())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_has_a_bom_and_quotes_what_needs_it() {
        let mut t = Table::new(&[("name", "校名"), ("members", "成员学校"), ("cv", "差异系数"), ("ok", "达到要求")]);
        t.rows.push(vec![text("墟沟小学"), text("a;b,\"c\""), Cell::Ratio(0.515_256_6), Cell::Bool(true)]);
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert_eq!(csv, "\u{feff}校名,成员学校,差异系数,达到要求\n墟沟小学,\"a;b,\"\"c\"\"\",0.5153,是\n");
    }

    #[test]
    fn csv_cells_that_would_run_as_formulas_are_defused() {
        let mut t = Table::new(&[("name", "姓名")]);
        for s in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "王某某"] {
            t.rows.push(vec![text(s)]);
        }
        let csv = String::from_utf8(t.to_csv()).unwrap();
        assert_eq!(csv, "\u{feff}姓名\n\"'=HYPERLINK(\"\"http://x\"\")\"\n'+1\n'-2+3\n'@SUM(A1)\n王某某\n");
    }

    #[test]
    fn json_keeps_column_order_and_the_same_rounding() {
        let mut t = Table::new(&[("school", "学校编号"), ("cv", "差异系数"), ("verdict", "结论"), ("ok", "达到要求")]);
        t.rows.push(vec![text("x"), Cell::Ratio(0.515_256_6), Cell::Empty, Cell::Bool(false)]);
        let json = String::from_utf8(t.to_json()).unwrap();
        assert_eq!(
            json,
            "[\n  {\n    \"school\": \"x\",\n    \"cv\": 0.5153,\n    \"verdict\": null,\n    \"ok\": false\n  }\n]\n"
        );
    }
}

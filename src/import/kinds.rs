//! The four kinds of data file an import writes, one function each: rows of a sheet (already
//! matched to fields) → the YAML text and where it goes.

use super::built::{Built, Group};
use super::sheet::Row;
use super::write::{Record, Value};
use super::*;

pub(super) fn schools_file(t: &mut Table, rows: &[&Row]) -> Built {
    let record = &keys::SCHOOL;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut records = Vec::new();
    for row in rows {
        let name = t.required(row, field(record, "name"));
        let stage = t.required(row, field(record, "stage"));
        // The id column is optional: a school the site has keeps its id, a new one gets one.
        let id = match t.get(row, "id") {
            Some((id, col)) if !is_id(id) => {
                t.error(Code::InvalidId, row, col, format!("「{id}」：编号只能用小写英文字母、数字和 -"));
                continue;
            }
            other => other.map(|(id, col)| (id.to_string(), col)),
        };
        let (Some(name), Some(_)) = (name, stage) else { continue };
        let keys = id.iter().map(|(id, col)| (id.clone(), *col)).chain([(crate::hanzi::fold(name.0), name.1)]);
        for (key, col) in keys.collect::<Vec<_>>() {
            if let Some(first) = seen.get(&key) {
                let detail = format!("「{}」在第 {first} 行已经有了", if col == name.1 { name.0 } else { &key });
                t.error(Code::DuplicateInList, row, col, detail);
            } else {
                seen.insert(key, row.number);
            }
        }
        let mut r: Record = id.map(|(id, _)| entry(field(record, "id"), Value::Text(id))).into_iter().collect();
        r.push(entry(field(record, "name"), Value::Text(name.0.into())));
        for f in record.all_fields().skip(2) {
            if f.name == "aliases" {
                if let Some((text, _)) = t.get(row, f.name) {
                    r.push(entry(
                        f,
                        Value::List(split_list(text).into_iter().map(|s| Value::Text(s.into())).collect()),
                    ));
                }
            } else if let Some(e) = t.text(row, f) {
                r.push(e);
            }
        }
        records.push((row.number, r));
    }
    Built::list("data/schools.yaml", ("schools", "学校名录"), records)
}

/// Schools of the site, found by id, name or alias.
pub(super) struct Refs<'a> {
    pub(super) schools: &'a [School],
    pub(super) index: SchoolIndex<'a>,
}

impl Refs<'_> {
    /// The school a cell names: by id, else by name or alias (简繁 folded).
    fn find(&self, text: &str) -> Result<&School, String> {
        if let Some(s) = self.index.get(text) {
            return Ok(s);
        }
        let folded = crate::hanzi::fold(text.trim());
        let near = self.index.suggest(text);
        let exact = near.iter().map(|&i| &self.schools[i]).find(|s| {
            crate::hanzi::fold(&s.name) == folded || s.aliases.iter().any(|a| crate::hanzi::fold(a) == folded)
        });
        if let Some(s) = exact {
            return Ok(s);
        }
        let list: Vec<String> =
            near.iter().map(|&i| format!("{}（{}）", self.schools[i].name, self.schools[i].id)).collect();
        Err(if list.is_empty() {
            format!("学校名录里没有「{text}」")
        } else {
            format!("学校名录里没有「{text}」；您是不是想写 {}？", list.join("、"))
        })
    }
}

impl Refs<'_> {
    /// The school a cell names, or an error at the cell. A 简称 that only one school's name
    /// holds (墟沟 for 墟沟小学) is taken, with a warning that says which school it became.
    fn resolve(&self, t: &mut Table, row: &Row, col: usize, text: &str) -> Option<&School> {
        match self.find(text) {
            Ok(s) => Some(s),
            Err(e) => {
                let folded = crate::hanzi::fold(text.trim());
                let holding: Vec<&School> = self
                    .schools
                    .iter()
                    .filter(|s| folded.chars().count() >= 2 && crate::hanzi::fold(&s.name).contains(&folded))
                    .collect();
                if let [only] = holding.as_slice() {
                    let detail =
                        format!("「{text}」按校名的一部分对应到 {}（{}）；不对的话请写全称", only.name, only.id);
                    t.cx.diags.push(Diagnostic::warning(Code::UnknownSchool, t.cx.at(row.number, col)).detail(detail));
                    return Some(only);
                }
                let detail = format!("「{}」列：{e}", t.header_text(col));
                t.error(Code::UnknownSchool, row, col, detail);
                t.hint(SCHOOL_HINT);
                None
            }
        }
    }
}

/// A school of the site or, written `区外：名称`, one outside it.
pub(super) fn party(t: &mut Table, row: &Row, col: usize, text: &str, refs: &Refs) -> Option<Value> {
    for prefix in ["区外：", "区外:", "区外学校：", "区外学校:"] {
        if let Some(name) = text.strip_prefix(prefix) {
            return Some(Value::Map(vec![("name", Value::Text(name.trim().to_string()))]));
        }
    }
    let found = refs.resolve(t, row, col, text).map(|s| Value::Text(s.id.to_string()));
    if found.is_none()
        && let Some(d) = t.cx.diags.last_mut()
    {
        // An unknown name may be a school outside the district.
        d.detail.push_str("（区外学校写成“区外：名称”）");
    }
    found
}

pub(super) fn pairings_file(t: &mut Table, rows: &[&Row], refs: &Refs) -> Built {
    let record = &keys::PAIRING;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut records = Vec::new();
    for row in rows {
        let before = t.error_count();
        // The id column is optional: a new pairing without one gets an id when it is merged.
        let id = t.get(row, "id");
        if let Some((id, col)) = id {
            if !is_id(id) {
                t.error(Code::InvalidId, row, col, format!("「{id}」：编号只能用小写英文字母、数字和 -"));
            } else if let Some(first) = seen.insert(id.to_string(), row.number) {
                t.error(Code::DuplicateId, row, col, format!("「{id}」在第 {first} 行已经有了"));
            }
        }
        let form = t.required(row, field(record, "form"));
        let lead = t.required(row, field(record, "lead")).and_then(|(text, col)| party(t, row, col, text, refs));
        let mut r: Record = Vec::new();
        if let (Some((form, _)), Some(lead)) = (form, lead.clone()) {
            if let Some((id, _)) = id {
                r.push(entry(field(record, "id"), Value::Text(id.into())));
            }
            r.push(entry(field(record, "form"), Value::Text(form.into())));
            if let Some(e) = t.text(row, field(record, "name")) {
                r.push(e);
            }
            r.push(entry(field(record, "lead"), lead));
        }
        let mut members = Vec::new();
        if let Some((text, col)) = t.get(row, "members") {
            for m in split_list(text) {
                members.extend(party(t, row, col, m, refs));
            }
        }
        if !members.is_empty() {
            r.push(entry(field(record, "members"), Value::List(members)));
        }
        if let Some(e) = t.period(row, field(record, "cycle")) {
            r.push(e);
        }
        if let Some(e) = t.text(row, field(record, "policy")) {
            r.push(e);
        }
        if t.error_count() == before {
            records.push((row.number, r));
        }
    }
    Built::list("data/pairings.yaml", ("pairings", "结对共建"), records)
}

/// The year of a row from its year column, else `--year`.
pub(super) fn row_year(t: &mut Table, row: &Row, year: Option<i32>) -> Option<Result<i32, ()>> {
    match t.get(row, "year") {
        Some((text, col)) => {
            let digits = text.trim().trim_end_matches(['年', '度']).trim_end_matches('年');
            match digits.parse::<i32>() {
                Ok(y) if (1900..=2200).contains(&y) => Some(Ok(y)),
                _ => {
                    let detail = format!("「{}」列：「{text}」不是年份，请写成 2023", t.header_text(col));
                    t.error(Code::InvalidNumber, row, col, detail);
                    Some(Err(()))
                }
            }
        }
        None => year.map(Ok),
    }
}

pub(super) fn exchanges_file(t: &mut Table, rows: &[&Row], refs: &Refs, year: Option<i32>) -> Option<Built> {
    let person = &keys::PERSON;
    // The years in the order they first appear.
    let mut groups: Vec<Group> = Vec::new();
    for row in rows {
        let before = t.error_count();
        let y = match row_year(t, row, year) {
            Some(Ok(y)) => Some(y),
            Some(Err(())) => None,
            None => {
                t.error(Code::MissingField, row, t.col("year"), "没有年度：加一列“年度”，或用 --year 2017".into());
                None
            }
        };
        let published = match t.date(row, "published") {
            Some(Ok(d)) => Some(d),
            _ => None,
        };
        let mut r: Record = Vec::new();
        let name = t.required(row, field(person, "name"));
        let role = t.required(row, field(person, "role"));
        if let (Some((name, _)), Some((role, _))) = (name, role) {
            r.push(entry(field(person, "name"), Value::Text(name.into())));
            r.push(entry(field(person, "role"), Value::Text(role.into())));
        }
        for key in ["subject", "key"] {
            if let Some(e) = t.text(row, field(person, key)) {
                r.push(e);
            }
        }
        for key in ["from", "to"] {
            if let Some((text, col)) = t.required(row, field(person, key))
                && let Some(v) = party(t, row, col, text, refs)
            {
                r.push(entry(field(person, key), v));
            }
        }
        if let Some(e) = t.text(row, field(person, "pairing")) {
            r.push(e);
        }
        if let Some(e) = t.period(row, field(person, "period")) {
            r.push(e);
        }
        let Some(y) = y else { continue };
        if t.error_count() != before {
            continue;
        }
        match groups.iter_mut().find(|g| g.year == y) {
            Some(g) => {
                g.published = g.published.take().or(published);
                g.people.push((row.number, r));
            }
            None => groups.push(Group { year: y, published, people: vec![(row.number, r)] }),
        }
    }
    Some(Built::exchanges(groups))
}

pub(super) fn indicators_file(t: &mut Table, rows: &[&Row], refs: &Refs, year: Option<i32>) -> Option<Built> {
    let record = &keys::INDICATOR_ROW;
    let mut the_year: Option<(i32, usize)> = None;
    let mut date: Option<String> = None;
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut records = Vec::new();
    for row in rows {
        let before = t.error_count();
        match row_year(t, row, year) {
            Some(Ok(y)) => match the_year {
                Some((first, at)) if first != y => {
                    let detail = format!("年度 {y} 和第 {at} 行的 {first} 不同：一个指标文件只放一个年度");
                    t.error(Code::YearMismatch, row, t.col("year"), detail);
                }
                Some(_) => {}
                None => the_year = Some((y, row.number)),
            },
            Some(Err(())) => {}
            None => {}
        }
        if let Some(Ok(d)) = t.date(row, "date") {
            date.get_or_insert(d);
        }
        let school = t.required(row, field(record, "school"));
        let school = school.and_then(|(text, col)| refs.resolve(t, row, col, text).map(|s| (s, col)));
        let stage = t.get(row, "stage").map(|(s, c)| (s.to_string(), c));
        let stage = stage.filter(|(s, c)| t.one_of(row, field(record, "stage"), s, *c)).map(|(s, _)| s);
        if let Some((s, col)) = school {
            let key = (s.id.to_string(), stage.clone().unwrap_or_default());
            if let Some(first) = seen.insert(key, row.number) {
                let detail = format!("{}（{}）在第 {first} 行已经填过{}", s.name, s.id, stage.as_deref().unwrap_or(""));
                t.error(Code::DuplicateRow, row, col, detail);
            }
        }
        let mut r: Record = Vec::new();
        if let Some((s, _)) = school {
            r.push(entry(field(record, "school"), Value::Text(s.id.to_string())));
        }
        if let Some(stage) = stage {
            r.push(entry(field(record, "stage"), Value::Text(stage)));
        }
        for f in keys::FIGURES {
            let Some((text, col)) = t.get(row, f.name) else { continue };
            match crate::model::number::Decimal::parse(text) {
                Ok(n) if n.mantissa >= 0 => r.push(entry(f, Value::Plain(n.to_string()))),
                Ok(_) => {
                    let detail = format!("「{}」列：「{text}」是负数", t.header_text(col));
                    t.error(Code::InvalidNumber, row, col, detail);
                }
                Err(e) => {
                    let detail = format!("「{}」列：{e}", t.header_text(col));
                    t.error(Code::InvalidNumber, row, col, detail);
                }
            }
        }
        if t.error_count() == before {
            records.push((row.number, r));
        }
    }
    let Some((year, _)) = the_year else {
        let d = Diagnostic::error(Code::ImportNeedsYear, Location::Path(t.cx.file.clone()))
            .detail("不知道这些指标是哪一年的：加一列“年度”，或用 --year 2023");
        t.cx.diags.push(d);
        return None;
    };
    let file_fields = match keys::data_shape(DataKind::Indicators) {
        Shape::Record(r) => *r,
        _ => &keys::INDICATOR_ROW,
    };
    let mut head = vec![entry(field(file_fields, "year"), Value::Plain(year.to_string()))];
    if let Some(d) = date {
        head.push(entry(field(file_fields, "date"), Value::Plain(d)));
    }
    let mut built =
        Built::list(&format!("data/indicators/{year}.yaml"), ("schools", zh(field(file_fields, "schools"))), records);
    built.head = head;
    Some(built)
}

//! The four kinds of data file an import writes, one function each: rows of a sheet (already
//! matched to fields) → the YAML text and where it goes.

use super::sheet::Row;
use super::write::{Record, Value};
use super::*;

pub(super) fn schools_file(t: &mut Table, rows: &[&Row]) -> (String, PathBuf) {
    let record = &keys::SCHOOL;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut records = Vec::new();
    for row in rows {
        let name = t.required(row, field(record, "name"));
        let stage = t.required(row, field(record, "stage"));
        let id = match t.get(row, "id") {
            Some((id, col)) if !is_id(id) => {
                t.error(Code::InvalidId, row, col, format!("「{id}」：编号只能用小写英文字母、数字和 -"));
                None
            }
            Some((id, col)) => Some((id.to_string(), col)),
            None => name.map(|(n, _)| (crate::model::lists::pinyin_slug(n), t.col("name"))),
        };
        let (Some(name), Some(_), Some((id, id_col))) = (name, stage, id) else { continue };
        for (key, col) in [(id.clone(), id_col), (crate::hanzi::fold(name.0), name.1)] {
            if let Some(first) = seen.get(&key) {
                let detail = format!("「{}」在第 {first} 行已经有了", if col == id_col { &id } else { name.0 });
                t.error(Code::DuplicateInList, row, col, detail);
            } else {
                seen.insert(key, row.number);
            }
        }
        let mut r: Record =
            vec![entry(field(record, "id"), Value::Text(id)), entry(field(record, "name"), Value::Text(name.0.into()))];
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
        records.push(r);
    }
    (write::file(&t.cx.file, &[], ("schools", "学校名录"), &records), PathBuf::from("data/schools.yaml"))
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

/// A school of the site or, written `区外：名称`, one outside it.
pub(super) fn party(t: &mut Table, row: &Row, col: usize, text: &str, refs: &Refs) -> Option<Value> {
    for prefix in ["区外：", "区外:", "区外学校：", "区外学校:"] {
        if let Some(name) = text.strip_prefix(prefix) {
            return Some(Value::Map(vec![("name", Value::Text(name.trim().to_string()))]));
        }
    }
    match refs.find(text) {
        Ok(s) => Some(Value::Text(s.id.to_string())),
        Err(e) => {
            let detail = format!("「{}」列：{e}（区外学校写成“区外：名称”）", t.header_text(col));
            t.error(Code::UnknownSchool, row, col, detail);
            t.hint(SCHOOL_HINT);
            None
        }
    }
}

pub(super) fn pairings_file(t: &mut Table, rows: &[&Row], refs: &Refs) -> (String, PathBuf) {
    let record = &keys::PAIRING;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut records = Vec::new();
    for row in rows {
        let before = t.cx.diags.len();
        let id = t.required(row, field(record, "id"));
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
        if let (Some((id, _)), Some((form, _)), Some(lead)) = (id, form, lead.clone()) {
            r.push(entry(field(record, "id"), Value::Text(id.into())));
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
        if t.cx.diags.len() == before {
            records.push(r);
        }
    }
    (write::file(&t.cx.file, &[], ("pairings", "结对共建"), &records), PathBuf::from("data/pairings.yaml"))
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

pub(super) fn exchanges_file(
    t: &mut Table,
    rows: &[&Row],
    refs: &Refs,
    year: Option<i32>,
) -> Option<(String, PathBuf)> {
    let list = &keys::EXCHANGE_LIST;
    let person = &keys::PERSON;
    // (year, published, people) in the order years first appear.
    let mut groups: Vec<(i32, Option<String>, Vec<Record>)> = Vec::new();
    for row in rows {
        let before = t.cx.diags.len();
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
        if t.cx.diags.len() != before {
            continue;
        }
        match groups.iter_mut().find(|g| g.0 == y) {
            Some(g) => {
                g.1 = g.1.take().or(published);
                g.2.push(r);
            }
            None => groups.push((y, published, vec![r])),
        }
    }
    let records: Vec<Record> = groups
        .into_iter()
        .map(|(y, published, people)| {
            let mut g = vec![entry(field(list, "year"), Value::Plain(y.to_string()))];
            if let Some(p) = published {
                g.push(entry(field(list, "published"), Value::Plain(p)));
            }
            g.push(entry(field(list, "people"), Value::Records(people)));
            g
        })
        .collect();
    Some((write::file(&t.cx.file, &[], ("exchanges", "交流名单"), &records), PathBuf::from("data/exchanges.yaml")))
}

pub(super) fn indicators_file(
    t: &mut Table,
    rows: &[&Row],
    refs: &Refs,
    year: Option<i32>,
) -> Option<(String, PathBuf)> {
    let record = &keys::INDICATOR_ROW;
    let mut the_year: Option<(i32, usize)> = None;
    let mut date: Option<String> = None;
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut records = Vec::new();
    for row in rows {
        let before = t.cx.diags.len();
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
        let school = school.and_then(|(text, col)| match refs.find(text) {
            Ok(s) => Some((s, col)),
            Err(e) => {
                let detail = format!("「{}」列：{e}", t.header_text(col));
                t.error(Code::UnknownSchool, row, col, detail);
                t.hint(SCHOOL_HINT);
                None
            }
        });
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
        if t.cx.diags.len() == before {
            records.push(r);
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
    let text = write::file(&t.cx.file, &head, ("schools", zh(field(file_fields, "schools"))), &records);
    Some((text, PathBuf::from(format!("data/indicators/{year}.yaml"))))
}

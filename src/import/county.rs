//! `gongshi import county 表格.xlsx`: a sheet of the county's figures, judgements, quality
//! monitoring results and vetoes → data/county/YEAR.yaml.
//!
//! One row per item: the 项目 column names an item, a county figure, a veto (by its id, its
//! name, or a part of the name only one of them has) or a subject of the quality monitoring (a
//! row with a 科目). The names come from the site's standard, read by the normal loader and
//! model; the file written is read back by the same code `build` uses before it is saved.

use super::sheet::Row;
use super::write::scalar;
use super::{Cx, Table};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Sources};
use crate::load::keys;
use crate::model::method::{ItemKind, Method};
use crate::model::read::parse_bool;
use std::path::{Path, PathBuf};

/// What the sheet is read against: the site's method, and what evidence may name.
pub(super) struct Context {
    method: Method,
    doc_nos: std::collections::HashMap<String, crate::model::id::DocId>,
    held: std::collections::HashSet<String>,
    files: Vec<String>,
}

/// The site's standard's method, read by the normal loader and model; `None` (with an error)
/// when the standard has none.
pub(super) fn context(site: &Path, cx: &mut Cx) -> Option<Context> {
    let mut diags = Diagnostics::default();
    let raw = crate::load::load(site, &crate::load::LoadOptions::default(), &mut diags);
    // Every document counts here, drafts and those published later too: evidence may name one
    // that is not out yet (the build shows it as 尚未发布), so the date does not matter.
    let today = crate::model::date::Month { year: 2100, month: 12 }.last_day();
    let options = crate::model::BuildOptions { drafts: true, today, base_url: None };
    let built = crate::model::build(&raw, &options, &mut diags);
    let Some(method) = built.as_ref().and_then(|s| s.standard().method.clone()) else {
        cx.diags.push(
            Diagnostic::error(Code::UnknownStandard, Location::Path(site.join("site.yaml").display().to_string()))
                .detail("网站选用的评估标准没有县级评估办法（method），不知道表里的项目是什么")
                .hint("在 site.yaml 选用 youzhi-2017，或给自定义标准写上 method（评估办法）。/ Choose a standard with a county method."),
        );
        return None;
    };
    let site = built?;
    Some(Context {
        method,
        doc_nos: site.doc_index.clone(),
        held: Default::default(),
        files: raw.attachments.iter().map(|a| a.rel.clone()).collect(),
    })
}

/// What a row's 项目 names.
enum Target {
    Figure(String),
    Judgement(String),
    Veto(String),
    Subjects,
}

fn targets(method: &Method) -> Vec<(Target, Vec<String>)> {
    let mut out = Vec::new();
    for (_, item) in method.items() {
        let names = vec![item.id.clone(), item.name.clone()];
        match &item.kind {
            ItemKind::Judgement => out.push((Target::Judgement(item.id.clone()), names)),
            ItemKind::Subjects { .. } => out.push((Target::Subjects, names)),
            ItemKind::Figures(figures) => {
                for f in figures {
                    let mut names = vec![f.key.clone(), f.name.clone()];
                    names.extend(f.aliases.iter().cloned());
                    out.push((Target::Figure(f.key.clone()), names));
                }
            }
            _ => {}
        }
    }
    for v in &method.vetoes {
        out.push((Target::Veto(v.id.clone()), vec![v.id.clone(), v.name.clone()]));
    }
    out
}

/// The target a cell names: exactly by a name, else by a part that only one name holds.
fn find<'a>(all: &'a [(Target, Vec<String>)], text: &str) -> Result<&'a Target, String> {
    let key = keys::normalize(text);
    let norm = |n: &String| keys::normalize(n);
    if let Some((t, _)) = all.iter().find(|(_, names)| names.iter().any(|n| norm(n) == key)) {
        return Ok(t);
    }
    let partial: Vec<&(Target, Vec<String>)> = all
        .iter()
        .filter(|(_, names)| key.chars().count() >= 2 && names.iter().any(|n| norm(n).contains(&key)))
        .collect();
    match partial.as_slice() {
        [(t, _)] => Ok(t),
        [] => Err(format!("「{text}」不是本网站评估标准里的项目、数据或一票否决情形")),
        many => Err(format!(
            "「{text}」可以指 {} 项：{}；请写完整名称",
            many.len(),
            many.iter().map(|(_, n)| n[1].as_str()).collect::<Vec<_>>().join("、")
        )),
    }
}

/// Rows → the file's text, merged into the year's file when the site has one (`existing` reads
/// it by its path); every bad cell is an error at its row and column.
pub(super) fn county_file(
    t: &mut Table,
    rows: &[&Row],
    ctx: &Context,
    year: Option<i32>,
    existing: &dyn Fn(&str) -> Option<String>,
) -> Option<(String, PathBuf)> {
    let all = targets(&ctx.method);
    let (mut figures, mut judgements, mut vetoes, mut subjects) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut the_year: Option<i32> = None;
    let (mut date, mut source) = (None, None);
    for row in rows {
        match super::kinds::row_year(t, row, year) {
            Some(Ok(y)) if the_year.is_some_and(|first| first != y) => {
                let detail = format!("年度 {y} 和前面的行不同：一个县级评估数据文件只放一个年度");
                t.error(Code::YearMismatch, row, t.col("year"), detail);
            }
            Some(Ok(y)) => the_year = Some(y),
            _ => {}
        }
        if let Some(Ok(d)) = t.date(row, "date") {
            date.get_or_insert(d);
        }
        if let Some((s, _)) = t.get(row, "source") {
            source.get_or_insert(s.to_string());
        }
        let subject = t.get(row, "subject").map(|(s, _)| s.to_string());
        let item = t.get(row, "item");
        let target = match (item, &subject) {
            (None, Some(_)) => Some(&Target::Subjects),
            (None, None) => {
                t.error(Code::MissingField, row, t.col("item"), "项目 不能为空".into());
                None
            }
            (Some((text, col)), _) => match find(&all, text) {
                Ok(target) => Some(target),
                Err(e) => {
                    t.error(Code::InvalidValue, row, col, e);
                    t.hint("项目写评估标准里的名称或编号，见 docs/content-format.md 的“内置标准 youzhi-2017 的评估项目”。/ Name an item of the standard.");
                    None
                }
            },
        };
        let value = t.get(row, "value").map(|(v, c)| (v.to_string(), c));
        match target {
            Some(Target::Figure(key)) => {
                if let Some(v) = number(t, row, value.as_ref(), "值") {
                    figures.push((key.clone(), v));
                }
            }
            Some(Target::Veto(id)) => {
                if let Some(b) = yes_no(t, row, value.as_ref()) {
                    vetoes.push((id.clone(), if b { "是" } else { "否" }.to_string()));
                }
            }
            Some(Target::Judgement(id)) => {
                let Some(b) = yes_no(t, row, value.as_ref()) else { continue };
                let mut parts = vec![format!("value: {}", if b { "是" } else { "否" })];
                if let Some((text, col)) = t.get(row, "evidence") {
                    let list: Vec<String> = super::split_list(text)
                        .into_iter()
                        .filter(|e| evidence_ok(t, row, col, e, ctx))
                        .map(scalar)
                        .collect();
                    parts.push(format!("evidence: [{}]", list.join(", ")));
                }
                if let Some((note, _)) = t.get(row, "note") {
                    parts.push(format!("note: {}", scalar(note)));
                }
                judgements.push((id.clone(), format!("{{{}}}", parts.join(", "))));
            }
            Some(Target::Subjects) => {
                let Some(name) = subject else {
                    t.error(Code::MissingField, row, t.col("subject"), "质量监测的行要写 科目".into());
                    continue;
                };
                let mut parts = vec![format!("subject: {}", scalar(&name))];
                if let Some((level, _)) = t.get(row, "level") {
                    parts.push(format!("level: {}", scalar(level)));
                }
                let gap = t.get(row, "gap").map(|(v, c)| (v.to_string(), c));
                if let Some(g) = number(t, row, gap.as_ref(), "校际差异率") {
                    parts.push(format!("gap: {g}"));
                }
                subjects.push((name, format!("{{{}}}", parts.join(", "))));
            }
            None => {}
        }
    }
    let Some(year) = the_year else {
        let d = Diagnostic::error(Code::ImportNeedsYear, Location::Path(t.cx.file.clone()))
            .detail("不知道这是哪一年的县级评估数据：加一列“年度”，或用 --year 2025");
        t.cx.diags.push(d);
        return None;
    };
    let rel = format!("data/county/{year}.yaml");
    let sections = [("figures", figures), ("judgements", judgements), ("vetoes", vetoes)];
    let text = match existing(&rel) {
        Some(old) => merged(&old, &all, &sections, &subjects),
        None => {
            let mut text =
                format!("# 由 gongshi import county 从「{}」导入；可以直接修改。\nyear: {year}\n", t.cx.file);
            if let Some(d) = date {
                text.push_str(&format!("date: {d}\n"));
            }
            if let Some(s) = source {
                text.push_str(&format!("source: {}\n", scalar(&s)));
            }
            for (key, entries) in &sections {
                if !entries.is_empty() {
                    let lines: Vec<String> = entries.iter().map(|(k, v)| format!("  {k}: {v}")).collect();
                    text.push_str(&format!("{key}:\n{}\n", lines.join("\n")));
                }
            }
            if !subjects.is_empty() {
                let lines: Vec<String> = subjects.iter().map(|(_, r)| format!("  - {r}")).collect();
                text.push_str(&format!("subjects:\n{}\n", lines.join("\n")));
            }
            text
        }
    };
    read_back(t, &text, year, ctx);
    Some((text, PathBuf::from(rel)))
}

/// The rows merged into the year's file as it is written: an entry the sheet gives again gets
/// the new value where it stands (whatever name it was written under), a new one goes at the end
/// of its section, a subject is replaced by the sheet's row for it; the rest stays.
fn merged(
    old: &str,
    all: &[(Target, Vec<String>)],
    sections: &[(&str, Vec<(String, String)>)],
    subjects: &[(String, String)],
) -> String {
    use super::merge::{self, Edits};
    let Some(root) = super::parse_data("data/county/0.yaml", old) else { return old.to_string() };
    let id_of = |written: &str| match find(all, written) {
        Ok(Target::Figure(k) | Target::Judgement(k) | Target::Veto(k)) => Some(k.clone()),
        _ => None,
    };
    let mut edits = Edits::default();
    for (key, entries) in sections {
        let map = root.get(key);
        let mut new = Vec::new();
        for (id, value) in entries {
            let found = map.and_then(|m| m.entries().iter().find(|e| id_of(&e.key).as_deref() == Some(id.as_str())));
            match found {
                Some(e) => edits.push(merge::extent(&e.value, old), value.clone()),
                None => new.push(format!("{id}: {value}")),
            }
        }
        merge::append_entries(&mut edits, &root, old, key, &new);
    }
    let mut new = Vec::new();
    let items: Vec<&crate::load::Node> = match root.get("subjects").map(|n| &n.value) {
        Some(crate::load::Value::List(items)) => items.iter().collect(),
        _ => Vec::new(),
    };
    for (name, record) in subjects {
        let same = items.iter().find(|n| {
            n.get("subject").is_some_and(
                |s| matches!(&s.value, crate::load::Value::Text(t) if keys::normalize(t) == keys::normalize(name)),
            )
        });
        match same {
            Some(n) => edits.push(merge::extent(n, old), record.clone()),
            None => new.push(record.clone()),
        }
    }
    merge::append(&mut edits, &root, old, "subjects", &new);
    edits.apply(old)
}

fn number(t: &mut Table, row: &Row, cell: Option<&(String, usize)>, what: &str) -> Option<String> {
    let Some((text, col)) = cell else {
        t.error(Code::MissingField, row, t.col("value"), format!("{what} 不能为空"));
        return None;
    };
    let digits = text.trim().trim_end_matches(['%', '％']);
    match crate::model::number::Decimal::parse(digits) {
        Ok(d) => Some(d.to_string()),
        Err(e) => {
            let detail = format!("「{}」列：{e}", t.header_text(*col));
            t.error(Code::InvalidNumber, row, *col, detail);
            None
        }
    }
}

fn yes_no(t: &mut Table, row: &Row, cell: Option<&(String, usize)>) -> Option<bool> {
    let Some((text, col)) = cell else {
        t.error(Code::MissingField, row, t.col("value"), "结论 不能为空：写 是 或 否".into());
        return None;
    };
    let b = parse_bool(text);
    if b.is_none() {
        t.error(Code::InvalidValue, row, *col, format!("「{text}」应该是 是 或 否"));
    }
    b
}

/// A 文号 of the site, a file under files/, or an http(s) address; the same rule as the model's.
fn evidence_ok(t: &mut Table, row: &Row, col: usize, text: &str, ctx: &Context) -> bool {
    let path = text.strip_prefix("files/").unwrap_or(text);
    let ok = text.starts_with("http://")
        || text.starts_with("https://")
        || ctx.files.iter().any(|f| f == path)
        || ctx.doc_nos.contains_key(&crate::model::doc_no::key(text))
        || ctx.held.contains(&crate::model::doc_no::key(text));
    if !ok {
        t.error(
            Code::UnknownDocNo,
            row,
            col,
            format!("依据「{text}」不是本站文件的文号，也不是 files/ 里的附件或网址"),
        );
    }
    ok
}

/// Reads the written text back as `build` will; a problem here is a fault of the import itself.
fn read_back(t: &mut Table, text: &str, year: i32, ctx: &Context) {
    let mut sources = Sources::default();
    let path = format!("data/county/{year}.yaml");
    let file = sources.add(path.clone(), text.to_string());
    let mut diags = Diagnostics::default();
    let node = crate::load::yaml::parse(file, sources.get(file), 0, text.len()).map(|mut node| {
        keys::canonicalize(&mut node, keys::data_shape(crate::load::DataKind::County), &mut diags);
        node
    });
    match node {
        Ok(node) => {
            let known = crate::model::county::Known { doc_nos: &ctx.doc_nos, held: &ctx.held, files: &ctx.files };
            crate::model::county::read(&node, file, Some(year), &ctx.method, &known, &mut diags);
        }
        Err(d) => diags.push(d),
    }
    for d in diags.iter() {
        t.cx.diags.push(
            Diagnostic::error(Code::Internal, Location::Path(path.clone()))
                .detail(format!("导入生成的文件读不回来：{}", d.message())),
        );
    }
}

//! What a sheet became, and how it goes into the site: written as a new file, or merged into
//! the file that is there (the default). Rows are matched to the records already in the file;
//! a matched record keeps its id and gets the changed fields, a new row is added, and a record
//! no row matches is kept and reported, removed only with `--replace`.

use super::merge::{self, Edits};
use super::write::{self, Entry, Record, Value};
use crate::load::keys;
use crate::load::{Node, Value as Yaml};
use std::collections::{BTreeMap, HashSet};

/// The records of a sheet, each with the row it came from.
pub struct Built {
    /// Path of the data file in the site folder.
    pub rel: String,
    /// The list the records go in, with its Chinese name.
    pub list: (&'static str, &'static str),
    /// File-level entries written before the list (年度, 统计日期).
    pub head: Vec<Entry>,
    pub rows: Vec<(usize, Record)>,
    /// Exchange lists, one per year, instead of `rows`.
    pub groups: Vec<Group>,
}

/// One year's exchange list of a sheet.
pub struct Group {
    pub year: i32,
    pub published: Option<String>,
    pub people: Vec<(usize, Record)>,
}

/// What an import changes, for the summary line.
#[derive(Default, Debug)]
pub struct Summary {
    pub added: usize,
    /// Each record changed, and the Chinese names of its changed fields.
    pub updated: Vec<(String, Vec<&'static str>)>,
    pub unchanged: usize,
    /// Records in the file that no row matched: kept, or removed with `--replace`.
    pub missing: Vec<String>,
    pub removed: bool,
    /// New schools whose name is one slip from a school the file has: (row, new, existing).
    pub near: Vec<(usize, String, String)>,
}

/// The merged text, what changed, and which row each record of the new text came from (by the
/// record's identity) so that a later check can point at the sheet.
pub struct Merged {
    pub text: String,
    pub summary: Summary,
    pub rows: BTreeMap<String, usize>,
}

impl Built {
    pub fn list(rel: &str, list: (&'static str, &'static str), rows: Vec<(usize, Record)>) -> Built {
        Built { rel: rel.to_string(), list, head: Vec::new(), rows, groups: Vec::new() }
    }

    pub fn exchanges(groups: Vec<Group>) -> Built {
        Built {
            rel: "data/exchanges.yaml".into(),
            list: ("exchanges", "交流名单"),
            head: Vec::new(),
            rows: Vec::new(),
            groups,
        }
    }

    fn noun(&self) -> &'static str {
        match self.list.0 {
            "schools" if self.rel.starts_with("data/indicators") => "条",
            "schools" => "所",
            "pairings" => "个",
            _ => "人",
        }
    }

    /// The file as a whole, for a site that has none yet (or for `--replace`).
    fn fresh(&self, source: &str, taken: &mut HashSet<String>) -> (String, BTreeMap<String, usize>) {
        let mut rows = BTreeMap::new();
        let records: Vec<Record> = if self.groups.is_empty() {
            self.rows
                .iter()
                .map(|(row, r)| {
                    let r = self.with_id(r, taken);
                    rows.insert(record_identity(self.list.0, self.list.0, &r), *row);
                    r
                })
                .collect()
        } else {
            self.groups.iter().map(|g| group_record(g, &mut rows)).collect()
        };
        (write::file(source, &self.head, self.list, &records), rows)
    }

    /// A new school or pairing without an id gets one: a school its name in pinyin, a pairing
    /// its lead's id and the year it starts; a number after it if taken.
    fn with_id(&self, r: &Record, taken: &mut HashSet<String>) -> Record {
        let record = match self.list.0 {
            "pairings" => &keys::PAIRING,
            "schools" if !r.iter().any(|e| e.key == "school") => &keys::SCHOOL,
            _ => return r.clone(),
        };
        if r.iter().any(|e| e.key == "id") {
            taken.insert(entry_text(r, "id"));
            return r.clone();
        }
        if self.list.0 == "schools" {
            let base = crate::model::lists::pinyin_slug(&entry_text(r, "name"));
            return with_unique_id(record, r, if base.is_empty() { "school".into() } else { base }, taken);
        }
        let lead = r.iter().find(|e| e.key == "lead").map_or(String::new(), |e| match &e.value {
            Value::Text(id) => id.clone(),
            Value::Map(m) => m.iter().map(|(_, v)| crate::model::lists::pinyin_slug(&merge::inline(v))).collect(),
            _ => String::new(),
        });
        let year = r.iter().find(|e| e.key == "cycle").and_then(|e| match &e.value {
            Value::Map(m) => m.iter().find(|(k, _)| *k == "start").map(|(_, v)| merge::inline(v)[..4].to_string()),
            _ => None,
        });
        let base = [lead.as_str(), year.as_deref().unwrap_or("")]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("-");
        with_unique_id(record, r, if base.is_empty() { "pairing".to_string() } else { base }, taken)
    }

    /// The rows merged into `existing` (its text and tree, keys in English); with `replace`,
    /// records no row matches are removed.
    pub fn merge(&self, source: &str, existing: Option<(&str, &Node)>, replace: bool) -> Merged {
        let Some((text, root)) = existing else {
            let mut taken = HashSet::new();
            let (text, rows) = self.fresh(source, &mut taken);
            let added =
                if self.groups.is_empty() { self.rows.len() } else { self.groups.iter().map(|g| g.people.len()).sum() };
            return Merged { text, summary: Summary { added, ..Summary::default() }, rows };
        };
        let mut edits = Edits::default();
        let mut summary = Summary::default();
        let mut rows = BTreeMap::new();
        if self.groups.is_empty() {
            let items = items(root, self.list.0);
            self.merge_list(&mut edits, text, root, self.list.0, &items, &self.rows, replace, &mut summary, &mut rows);
            for e in &self.head {
                if let Some(entry) = root.entries().iter().find(|x| x.key == e.key) {
                    let r = merge::extent(&entry.value, text);
                    if text[r.clone()].trim() != merge::inline(&e.value) {
                        edits.push(r, merge::inline(&e.value));
                    }
                }
            }
        } else {
            let lists = items(root, self.list.0);
            let mut new_groups = Vec::new();
            for g in &self.groups {
                let found = lists.iter().find(|l| l.get("year").is_some_and(|y| text_of(y) == g.year.to_string()));
                match found {
                    Some(list) => {
                        let people = items(list, "people");
                        self.merge_list(
                            &mut edits,
                            text,
                            list,
                            "people",
                            &people,
                            &g.people,
                            replace,
                            &mut summary,
                            &mut rows,
                        );
                    }
                    None => {
                        summary.added += g.people.len();
                        new_groups.push(group_record(g, &mut rows));
                    }
                }
            }
            append_groups(&mut edits, root, text, &new_groups);
        }
        Merged { text: edits.apply(text), summary, rows }
    }

    #[allow(clippy::too_many_arguments)]
    fn merge_list(
        &self,
        edits: &mut Edits,
        text: &str,
        parent: &Node,
        key: &str,
        items: &[&Node],
        rows: &[(usize, Record)],
        replace: bool,
        summary: &mut Summary,
        identities: &mut BTreeMap<String, usize>,
    ) {
        let mut matched: HashSet<usize> = HashSet::new();
        let mut taken: HashSet<String> = items.iter().filter_map(|n| n.get("id").map(text_of)).collect();
        let mut new = Vec::new();
        for (row, r) in rows {
            match items.iter().position(|n| same(self.list.0, key, n, r)) {
                Some(i) if !matched.contains(&i) => {
                    matched.insert(i);
                    // The id in the file stays: pages and other files link by it. So does a name
                    // the row gave as an alias or in 繁体: it named the school, it did not rename it.
                    let mut skip = vec!["id"];
                    if self.list.0 == "schools" && renames_nothing(items[i], r) {
                        skip.push("name");
                    }
                    // A school that does not say its status is 在办, and a row of a school's only
                    // 学段 needs none: saying so changes nothing.
                    if items[i].get("status").is_none() && entry_text(r, "status") == "在办" {
                        skip.push("status");
                    }
                    if items[i].get("school").is_some() && items[i].get("stage").is_none() {
                        skip.push("stage");
                    }
                    let changed = merge::update(edits, items[i], text, r, &skip);
                    identities.insert(node_identity(self.list.0, key, items[i]), *row);
                    if changed.is_empty() {
                        summary.unchanged += 1;
                    } else {
                        summary.updated.push((label(r), changed));
                    }
                }
                _ => {
                    if let Some(existing) = self.near_name(items, r) {
                        summary.near.push((*row, entry_text(r, "name"), existing));
                    }
                    let r = self.with_id(r, &mut taken);
                    identities.insert(record_identity(self.list.0, key, &r), *row);
                    new.push(merge::flow(&r));
                    summary.added += 1;
                }
            }
        }
        for (_, node) in items.iter().enumerate().filter(|(i, _)| !matched.contains(i)) {
            summary.missing.push(node_label(node));
            if replace {
                merge::remove(edits, node, text);
            }
        }
        summary.removed = replace && !summary.missing.is_empty();
        merge::append(edits, parent, text, key, &new);
    }
}

/// The record with an id first: `base`, or `base-2`, `base-3` … when taken.
fn with_unique_id(record: &keys::Record, r: &Record, base: String, taken: &mut HashSet<String>) -> Record {
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    let zh = record.all_fields().find(|f| f.name == "id").map_or("编号", |f| f.aliases[0]);
    let mut out = vec![Entry { key: "id", zh, value: Value::Text(id) }];
    out.extend(r.iter().cloned());
    out
}

/// An exchange list as a record: year, date, then the people one a line.
fn group_record(g: &Group, rows: &mut BTreeMap<String, usize>) -> Record {
    let list = &keys::EXCHANGE_LIST;
    let zh = |name: &str| list.all_fields().find(|f| f.name == name).map_or("", |f| f.aliases[0]);
    let mut out = vec![Entry { key: "year", zh: zh("year"), value: Value::Plain(g.year.to_string()) }];
    if let Some(p) = &g.published {
        out.push(Entry { key: "published", zh: zh("published"), value: Value::Plain(p.clone()) });
    }
    for (row, r) in &g.people {
        rows.insert(record_identity("exchanges", "people", r), *row);
    }
    out.push(Entry {
        key: "people",
        zh: zh("people"),
        value: Value::Records(g.people.iter().map(|(_, r)| r.clone()).collect()),
    });
    out
}

/// New exchange lists at the end of the file, block style with a person a line.
fn append_groups(edits: &mut Edits, root: &Node, text: &str, groups: &[Record]) {
    if groups.is_empty() {
        return;
    }
    let lines: Vec<String> = groups
        .iter()
        .map(|g| {
            let mut s = String::new();
            for e in g {
                match &e.value {
                    Value::Records(people) => {
                        s.push_str(&format!("{}:\n", e.key));
                        for p in people {
                            s.push_str(&format!("  - {}\n", merge::flow(p)));
                        }
                    }
                    v => s.push_str(&format!("{}: {}\n", e.key, merge::inline(v))),
                }
            }
            s.trim_end().to_string()
        })
        .collect();
    merge::append(edits, root, text, "exchanges", &lines);
}

/// The records of a list under `key`.
fn items<'a>(root: &'a Node, key: &str) -> Vec<&'a Node> {
    match root.get(key).map(|n| &n.value) {
        Some(Yaml::List(items)) => items.iter().collect(),
        _ => Vec::new(),
    }
}

fn text_of(node: &Node) -> String {
    match &node.value {
        Yaml::Text(t) => t.trim().to_string(),
        _ => String::new(),
    }
}

fn entry_text(r: &Record, key: &str) -> String {
    r.iter().find(|e| e.key == key).map_or(String::new(), |e| match &e.value {
        Value::Text(t) | Value::Plain(t) => t.clone(),
        other => merge::inline(other),
    })
}

/// Folded for matching: 繁体 as 简体, no spaces.
fn fold(text: &str) -> String {
    keys::normalize(text)
}

/// Whether a record of the file is the one a row describes.
fn same(kind: &str, key: &str, node: &Node, r: &Record) -> bool {
    let field = |k: &str| node.get(k).map(text_of).unwrap_or_default();
    match (kind, key) {
        ("schools", "schools") if r.iter().any(|e| e.key == "school") => {
            // A school of one 学段 may be written without it.
            let (a, b) = (field("stage"), entry_text(r, "stage"));
            field("school") == entry_text(r, "school") && (a == b || a.is_empty() || b.is_empty())
        }
        ("schools", _) => {
            let name = fold(&entry_text(r, "name"));
            let given_id = r.iter().find(|e| e.key == "id").map(|_| entry_text(r, "id"));
            let aliases: Vec<String> = match node.get("aliases").map(|n| &n.value) {
                Some(Yaml::List(items)) => items.iter().map(|n| fold(&text_of(n))).collect(),
                _ => Vec::new(),
            };
            field("id") == given_id.unwrap_or_default() || fold(&field("name")) == name || aliases.contains(&name)
        }
        ("pairings", _) => match r.iter().find(|e| e.key == "id") {
            Some(_) if field("id") == entry_text(r, "id") => true,
            _ => node_identity(kind, key, node) == record_identity(kind, key, r),
        },
        _ => node_identity(kind, key, node) == record_identity(kind, key, r),
    }
}

impl Built {
    /// For a new school, the name of one in the file that it differs from by a character or
    /// two (墟勾小学 beside 墟沟小学): likely the same school mistyped.
    fn near_name(&self, items: &[&Node], r: &Record) -> Option<String> {
        if self.list.0 != "schools" || r.iter().any(|e| e.key == "school") {
            return None;
        }
        let name = fold(&entry_text(r, "name"));
        let limit = (name.chars().count() / 4).max(1);
        items
            .iter()
            .filter_map(|n| n.get("name").map(text_of))
            .map(|n| (strsim::osa_distance(&fold(&n), &name), n))
            .filter(|(d, _)| *d <= limit)
            .min_by_key(|(d, _)| *d)
            .map(|(_, n)| n)
    }
}

/// Whether a row's school name is the school's own name folded, or one of its aliases.
fn renames_nothing(node: &Node, r: &Record) -> bool {
    let name = fold(&entry_text(r, "name"));
    let own = node.get("name").map(text_of).map(|n| fold(&n)).unwrap_or_default();
    let aliases = match node.get("aliases").map(|n| &n.value) {
        Some(Yaml::List(items)) => items.iter().map(|n| fold(&text_of(n))).collect(),
        _ => Vec::new(),
    };
    own == name || aliases.contains(&name)
}

/// What makes a record itself, beyond its id: a pairing's form, lead and start; a person's
/// name and schools; an indicator row's school and 学段; a school's name.
fn record_identity(kind: &str, key: &str, r: &Record) -> String {
    let start = r.iter().find(|e| e.key == "cycle" || e.key == "period").map_or(String::new(), |e| match &e.value {
        Value::Map(m) => m.iter().find(|(k, _)| *k == "start").map(|(_, v)| merge::inline(v)).unwrap_or_default(),
        _ => String::new(),
    });
    match (kind, key) {
        ("pairings", _) => format!("{}|{}|{start}", fold(&entry_text(r, "form")), entry_text(r, "lead")),
        (_, "people") => format!("{}|{}|{}", fold(&entry_text(r, "name")), entry_text(r, "from"), entry_text(r, "to")),
        _ if r.iter().any(|e| e.key == "school") => format!("{}|{}", entry_text(r, "school"), entry_text(r, "stage")),
        _ => fold(&entry_text(r, "name")),
    }
}

fn node_identity(kind: &str, key: &str, node: &Node) -> String {
    let field = |k: &str| node.get(k).map(text_of).unwrap_or_default();
    let party = |k: &str| match node.get(k) {
        Some(Node { value: Yaml::Map(_), .. }) => {
            node.get(k).and_then(|n| n.get("name")).map(|n| format!("{{name: {}}}", text_of(n))).unwrap_or_default()
        }
        Some(n) => text_of(n),
        None => String::new(),
    };
    let start =
        node.get("cycle").or_else(|| node.get("period")).and_then(|p| p.get("start")).map(text_of).unwrap_or_default();
    match (kind, key) {
        ("pairings", _) => format!("{}|{}|{start}", fold(&field("form")), party("lead")),
        (_, "people") => format!("{}|{}|{}", fold(&field("name")), party("from"), party("to")),
        _ if node.get("school").is_some() => format!("{}|{}", field("school"), field("stage")),
        _ => fold(&field("name")),
    }
}

/// How a record is named in the summary.
fn label(r: &Record) -> String {
    ["name", "school", "id"].iter().map(|k| entry_text(r, k)).find(|s| !s.is_empty()).unwrap_or_default()
}

fn node_label(node: &Node) -> String {
    ["name", "school", "id"].iter().filter_map(|k| node.get(k).map(text_of)).find(|s| !s.is_empty()).unwrap_or_default()
}

/// The identity of each record of a text, with where it is: to point a later error at its row.
pub fn records_of(kind: &str, root: &Node, text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    for item in items(root, kind) {
        if kind == "exchanges" {
            for p in items(item, "people") {
                out.push((node_identity(kind, "people", p), merge::extent(p, text)));
            }
        } else {
            out.push((node_identity(kind, kind, item), merge::extent(item, text)));
        }
    }
    out
}

impl Summary {
    /// `新增 3 所，更新 5 所（地址、在校学生数），未变 11 所`, and what the file has that the
    /// sheet has not.
    pub fn line(&self, built: &Built) -> String {
        let n = built.noun();
        let mut fields: Vec<&str> = self.updated.iter().flat_map(|(_, f)| f.iter().copied()).collect();
        fields.sort_unstable();
        fields.dedup();
        let mut parts = vec![format!("新增 {} {n}", self.added)];
        if !self.updated.is_empty() {
            parts.push(format!("更新 {} {n}（{}）", self.updated.len(), fields.join("、")));
        }
        parts.push(format!("未变 {} {n}", self.unchanged));
        parts.join("，")
    }
}

//! Schools (data/schools.yaml, 学校名录) and finding a school by id, with suggestions.

use super::id::SchoolId;
use super::read::{self, Fields};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::load::Node;
use std::collections::HashMap;

/// 学段 of one section of a school, as indicators are reported (小学 / 初中).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Primary,
    Junior,
}

impl Phase {
    pub const ALL: [Phase; 2] = [Phase::Primary, Phase::Junior];

    pub fn label(self) -> &'static str {
        match self {
            Phase::Primary => "小学",
            Phase::Junior => "初中",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Phase::Primary => "primary",
            Phase::Junior => "junior",
        }
    }

    pub fn parse(text: &str) -> Option<Phase> {
        read::pick(
            text,
            &[
                ("小学", Phase::Primary),
                ("primary", Phase::Primary),
                ("初中", Phase::Junior),
                ("junior", Phase::Junior),
            ],
        )
    }
}

/// 学段 of a school as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Primary,
    Junior,
    NineYear,
    TwelveYear,
    Complete,
}

impl Stage {
    pub const ALL: [Stage; 5] = [Stage::Primary, Stage::Junior, Stage::NineYear, Stage::TwelveYear, Stage::Complete];

    pub fn label(self) -> &'static str {
        match self {
            Stage::Primary => "小学",
            Stage::Junior => "初中",
            Stage::NineYear => "九年一贯制",
            Stage::TwelveYear => "十二年一贯制",
            Stage::Complete => "完全中学",
        }
    }

    pub const SPELLINGS: &[(&str, Stage)] = &[
        ("小学", Stage::Primary),
        ("初中", Stage::Junior),
        ("九年一贯制", Stage::NineYear),
        ("十二年一贯制", Stage::TwelveYear),
        ("完全中学", Stage::Complete),
    ];

    /// The compulsory-education sections the school reports figures for.
    pub fn phases(self) -> &'static [Phase] {
        match self {
            Stage::Primary => &[Phase::Primary],
            Stage::Junior | Stage::Complete => &[Phase::Junior],
            Stage::NineYear | Stage::TwelveYear => &[Phase::Primary, Phase::Junior],
        }
    }
}

/// 城乡类别
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Locale {
    Urban,
    Town,
    Rural,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Urban, Locale::Town, Locale::Rural];

    pub const SPELLINGS: &[(&str, Locale)] =
        &[("城区", Locale::Urban), ("镇区", Locale::Town), ("乡村", Locale::Rural)];

    pub fn label(self) -> &'static str {
        match self {
            Locale::Urban => "城区",
            Locale::Town => "镇区",
            Locale::Rural => "乡村",
        }
    }
}

/// 学校类型: the county method leaves 特殊教育学校 and small 教学点 out of the per-school
/// indicators and their spread (the standard's `exclude`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SchoolKind {
    #[default]
    Regular,
    /// 教学点
    TeachingPoint,
    /// 特殊教育学校
    Special,
}

impl SchoolKind {
    pub const SPELLINGS: &[(&str, SchoolKind)] = &[
        ("普通学校", SchoolKind::Regular),
        ("学校", SchoolKind::Regular),
        ("教学点", SchoolKind::TeachingPoint),
        ("特殊教育学校", SchoolKind::Special),
        ("特教学校", SchoolKind::Special),
    ];

    pub fn label(self) -> &'static str {
        match self {
            SchoolKind::Regular => "普通学校",
            SchoolKind::TeachingPoint => "教学点",
            SchoolKind::Special => "特殊教育学校",
        }
    }
}

/// 办学状态
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Open,
    Planned,
    Closed,
}

impl Status {
    pub const SPELLINGS: &[(&str, Status)] =
        &[("在办", Status::Open), ("待建", Status::Planned), ("撤并", Status::Closed)];

    pub fn label(self) -> &'static str {
        match self {
            Status::Open => "在办",
            Status::Planned => "待建",
            Status::Closed => "撤并",
        }
    }
}

#[derive(Clone, Debug)]
pub struct School {
    pub id: SchoolId,
    /// Where the id is written.
    pub span: Span,
    pub name: String,
    pub aliases: Vec<String>,
    pub stage: Stage,
    pub town: Option<String>,
    pub locale: Option<Locale>,
    pub status: Status,
    /// Pinyin given by hand, for names the per-character reading gets wrong (长乐 is chang le).
    pub pinyin: Option<String>,
    pub kind: SchoolKind,
}

/// Reads every school of data/schools.yaml.
pub fn read_all(root: &Node, diags: &mut Diagnostics) -> read::ReadAll<School> {
    let Some(file) = read::record(root, "学校名录", diags) else {
        return read::ReadAll { items: vec![], broken: vec![] };
    };
    let records = file.records("schools", "学校", diags);
    read::read_all(records, |f| read_one(f, diags))
}

fn read_one(f: Fields, diags: &mut Diagnostics) -> Option<School> {
    let id = f.required_text("id", "编号 id", diags).and_then(|id| valid_id(id, diags));
    let name = f.required_text("name", "校名 name", diags);
    let stage = f.choice("stage", "学段", Stage::SPELLINGS, "小学、初中、九年一贯制、十二年一贯制 或 完全中学", diags);
    if f.get("stage").is_none() {
        diags.push(read::missing(f.span(), "学段 stage"));
    }
    let locale = f.choice("location", "城乡类别", Locale::SPELLINGS, "城区、镇区 或 乡村", diags);
    let status = match f.get("status") {
        None => Some(Status::Open),
        Some(_) => f.choice("status", "办学状态", Status::SPELLINGS, "在办、待建 或 撤并", diags),
    };
    let kind = match f.get("kind") {
        None => Some(SchoolKind::Regular),
        Some(_) => f.choice("kind", "学校类型", SchoolKind::SPELLINGS, "普通学校、教学点 或 特殊教育学校", diags),
    };
    let id = id?;
    Some(School {
        id: SchoolId::new(&id.value),
        span: id.span,
        name: name?.value,
        aliases: f.text_list("aliases", false, diags).into_iter().map(|s| s.value).collect(),
        stage: stage?,
        town: f.text("town", diags).map(|s| s.value),
        locale,
        status: status?,
        pinyin: f.text("pinyin", diags).map(|s| s.value),
        kind: kind?,
    })
}

/// Ids are URL segments and stable keys: lowercase latin letters, digits and `-`.
pub fn valid_id(id: Spanned<String>, diags: &mut Diagnostics) -> Option<Spanned<String>> {
    let ok = !id.value.is_empty()
        && id.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.value.starts_with('-')
        && !id.value.ends_with('-');
    if ok {
        Some(id)
    } else {
        diags.push(Diagnostic::error(Code::InvalidId, id.span).detail(format!("「{}」", id.value)));
        None
    }
}

/// Finding schools by id; an unknown id gets a suggestion by edit distance and by name.
pub struct SchoolIndex<'a> {
    schools: &'a [School],
    by_id: HashMap<&'a str, &'a School>,
    /// Ids of schools whose records had errors: known, but not usable.
    broken: &'a [String],
}

impl<'a> SchoolIndex<'a> {
    pub fn new(schools: &'a [School], broken: &'a [String]) -> SchoolIndex<'a> {
        let mut by_id = HashMap::new();
        for s in schools {
            by_id.entry(s.id.as_str()).or_insert(s);
        }
        SchoolIndex { schools, by_id, broken }
    }

    pub fn get(&self, id: &str) -> Option<&'a School> {
        self.by_id.get(id.trim()).copied()
    }

    /// The school's name for messages, or its id if the site has no such school.
    pub fn name(&self, id: &SchoolId) -> String {
        self.get(id.as_str()).map_or_else(|| id.to_string(), |s| s.name.clone())
    }

    /// The school with this id, or an error at `at` that names the closest ids.
    pub fn resolve(&self, id: &Spanned<String>, diags: &mut Diagnostics) -> Option<&'a School> {
        if let Some(s) = self.get(&id.value) {
            return Some(s);
        }
        if self.broken.iter().any(|b| *b == id.value.trim()) {
            return None;
        }
        let mut d = Diagnostic::error(Code::UnknownSchool, id.span).detail(format!("没有编号为「{}」的学校", id.value));
        let near = self.suggest(&id.value);
        if !near.is_empty() {
            let list: Vec<String> =
                near.iter().map(|&i| format!("{}（{}）", self.schools[i].id, self.schools[i].name)).collect();
            d = d.hint(format!("您是不是想写 {}？/ Did you mean {}?", list.join("、"), self.schools[near[0]].id));
        }
        diags.push(d);
        None
    }

    /// Up to three schools: a school whose name or alias is the text (staff often write the
    /// name), then ids within a small edit distance, closest first.
    pub fn suggest(&self, text: &str) -> Vec<usize> {
        let folded = crate::hanzi::fold(text.trim());
        let mut out: Vec<usize> = self
            .schools
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                crate::hanzi::fold(&s.name) == folded || s.aliases.iter().any(|a| crate::hanzi::fold(a) == folded)
            })
            .map(|(i, _)| i)
            .collect();
        let lower = text.trim().to_lowercase();
        let limit = (lower.chars().count() / 3).max(2);
        let mut near: Vec<(usize, usize)> = self
            .schools
            .iter()
            .enumerate()
            .map(|(i, s)| (strsim::osa_distance(&lower, s.id.as_str()), i))
            .filter(|(d, _)| *d <= limit)
            .collect();
        near.sort();
        out.extend(near.into_iter().map(|(_, i)| i).filter(|i| !out.contains(i)).collect::<Vec<_>>());
        if out.is_empty() {
            // A part of a name: 墟沟 finds 墟沟小学.
            out.extend(
                self.schools
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| folded.chars().count() >= 2 && crate::hanzi::fold(&s.name).contains(&folded))
                    .map(|(i, _)| i),
            );
        }
        if out.is_empty() {
            // A name mistyped by a character or two: 墟勾小学 finds 墟沟小学.
            let limit = (folded.chars().count() / 4).max(1);
            let mut near: Vec<(usize, usize)> = self
                .schools
                .iter()
                .enumerate()
                .map(|(i, s)| (strsim::osa_distance(&folded, &crate::hanzi::fold(&s.name)), i))
                .filter(|(d, _)| *d <= limit)
                .collect();
            near.sort();
            out.extend(near.into_iter().map(|(_, i)| i));
        }
        out.truncate(3);
        out
    }
}

/// Reads a school reference that is either an id or `{name: …}` for a school outside the site.
pub fn party(node: &Node, index: &SchoolIndex, diags: &mut Diagnostics) -> Option<Party> {
    if let crate::load::Value::Map(_) = node.value {
        let f = Fields::new(node);
        return f.required_text("name", "名称 name", diags).map(|n| Party::External(n.value));
    }
    let id = read::text(node, diags)?;
    index.resolve(&id, diags).map(|s| Party::School(s.id.clone()))
}

/// A school of the site, or one outside it known only by name (连云港师专一附小教育集团).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Party {
    School(SchoolId),
    External(String),
}

impl Party {
    /// The school of the site, if it is one.
    pub fn school(&self) -> Option<&SchoolId> {
        match self {
            Party::School(id) => Some(id),
            Party::External(_) => None,
        }
    }
}

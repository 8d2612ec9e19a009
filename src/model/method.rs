//! A standard's county method (评估办法): the parts a county is judged on, each a list of items
//! of a kind `evaluate` knows how to judge, and the vetoes (一票否决). It is data (the standard's
//! `method:`), so adding an item is a change of the standard's YAML, not of the code.
//!
//! Kinds of item:
//! - `schools_meet` (学校达标): every school reaches the standard's per-school rule;
//! - `spread` (差异系数): every indicator's spread between schools is within its limit;
//! - `figures` (县级数据): county figures, each held to a limit or to another figure
//!   (教师工资 against 公务员工资);
//! - `computed` (计算): computed from school data (班额, 校额, 音乐美术专用教室, 交流轮岗);
//! - `subjects` (质量监测): a level and a 校际差异率 per subject;
//! - `judgement` (判断): 是 or 否, with evidence (a 文号 of the site, an attachment, a URL).

use super::custom::{self, Rule};
use super::number::Decimal;
use super::read::Fields;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::load::Node;

#[derive(Clone, Debug, PartialEq)]
pub struct Method {
    /// The document that sets the method out, e.g. 教督〔2017〕6号.
    pub document: Option<String>,
    pub parts: Vec<Part>,
    pub vetoes: Vec<Veto>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub id: String,
    pub name: String,
    /// 第六条
    pub article: String,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    /// Its number within the article: （一）, 1.
    pub no: String,
    pub name: String,
    pub kind: ItemKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    SchoolsMeet,
    Spread,
    Figures(Vec<ItemFigure>),
    Computed(Measure),
    Subjects { min_level: u8, max_gap: Decimal },
    Judgement,
}

/// A county figure an item reads from data/county/YEAR.yaml.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemFigure {
    pub key: String,
    pub name: String,
    /// Other names the county file may use for it.
    pub aliases: Vec<String>,
    pub rule: Rule,
    pub target: Target,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    Limit(Decimal),
    /// Another figure of the item, by key (教师平均工资 not below 公务员平均工资).
    Against(String),
    /// Shown beside the others and judged by none (公务员平均工资 itself).
    Shown,
}

/// What a computed item computes from the schools' data, with its limits.
#[derive(Clone, Debug, PartialEq)]
pub enum Measure {
    /// 班额: every section's largest class at most its 学段's limit.
    ClassSize { primary: Decimal, junior: Decimal },
    /// 校额: every school's students at most the limit of its kind (一贯制 schools their own).
    SchoolSize { primary: Decimal, junior: Decimal, through: Decimal },
    /// 音乐、美术专用教室: one room of each per `classes_per_room` classes, each room at least
    /// its area.
    ArtRooms { classes_per_room: Decimal, music_area: Decimal, art_area: Decimal },
    /// 交流轮岗: the year's exchange share of eligible teachers, and 骨干 among those sent.
    Exchange { share: Decimal, key_share: Decimal },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Veto {
    pub id: String,
    pub name: String,
    pub article: String,
}

impl Method {
    /// Every item, with its part.
    pub fn items(&self) -> impl Iterator<Item = (&Part, &Item)> {
        self.parts.iter().flat_map(|p| p.items.iter().map(move |i| (p, i)))
    }

    /// Every county figure an item reads.
    pub fn figures(&self) -> impl Iterator<Item = &ItemFigure> {
        self.items().flat_map(|(_, i)| match &i.kind {
            ItemKind::Figures(f) => f.as_slice(),
            _ => &[],
        })
    }
}

pub fn read(node: &Node, diags: &mut Diagnostics) -> Option<Method> {
    let f = super::read::record(node, "评估办法", diags)?;
    let parts: Vec<Part> = f.records("parts", "评估方面", diags).into_iter().filter_map(|p| part(p, diags)).collect();
    let vetoes: Vec<Veto> = f.records("vetoes", "一票否决", diags).into_iter().filter_map(|v| veto(v, diags)).collect();
    // Items and vetoes are named by id in the county data files; parts only on pages.
    let items = parts.iter().flat_map(|p| p.items.iter().map(|i| i.id.as_str()));
    for (what, ids) in [
        ("项目", items.collect::<Vec<_>>()),
        ("方面", parts.iter().map(|p| p.id.as_str()).collect()),
        ("一票否决项", vetoes.iter().map(|v| v.id.as_str()).collect()),
    ] {
        for (n, id) in ids.iter().enumerate() {
            if ids[..n].contains(id) {
                diags.push(
                    Diagnostic::error(Code::DuplicateId, f.span())
                        .detail(format!("评估办法里{what}的编号「{id}」重复")),
                );
            }
        }
    }
    Some(Method { document: f.text("document", diags).map(|t| t.value), parts, vetoes })
}

fn id(f: &Fields, diags: &mut Diagnostics) -> Option<String> {
    let id = f.required_text("id", "编号 id", diags)?;
    let ok = id.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !ok {
        diags.push(
            Diagnostic::error(Code::InvalidId, id.span)
                .detail(format!("编号「{}」只能用小写字母、数字和 _，如 class_size", id.value)),
        );
    }
    ok.then_some(id.value)
}

fn part(f: Fields, diags: &mut Diagnostics) -> Option<Part> {
    let items: Vec<Item> = f.records("items", "评估项目", diags).into_iter().filter_map(|i| item(i, diags)).collect();
    Some(Part {
        id: id(&f, diags)?,
        name: f.required_text("name", "名称 name", diags)?.value,
        article: f.text("article", diags).map(|t| t.value).unwrap_or_default(),
        items,
    })
}

fn veto(f: Fields, diags: &mut Diagnostics) -> Option<Veto> {
    Some(Veto {
        id: id(&f, diags)?,
        name: f.required_text("name", "名称 name", diags)?.value,
        article: f.text("article", diags).map(|t| t.value).unwrap_or_default(),
    })
}

const KINDS: &str = "学校达标（schools_meet）、差异系数（spread）、县级数据（figures）、计算（computed）、质量监测（subjects）或 判断（judgement）";

fn item(f: Fields, diags: &mut Diagnostics) -> Option<Item> {
    let id = id(&f, diags);
    let name = f.required_text("name", "名称 name", diags);
    let no = f.text("no", diags).map(|t| t.value).unwrap_or_default();
    let kinds = [
        ("schools_meet", 0),
        ("学校达标", 0),
        ("spread", 1),
        ("差异系数", 1),
        ("figures", 2),
        ("县级数据", 2),
        ("computed", 3),
        ("计算", 3),
        ("subjects", 4),
        ("质量监测", 4),
        ("judgement", 5),
        ("判断", 5),
    ];
    let kind = match f.get("kind") {
        None => {
            diags.push(super::read::missing(f.span(), "类型 kind"));
            None
        }
        Some(_) => f.choice("kind", "项目类型", &kinds, KINDS, diags),
    };
    let kind = match kind? {
        0 => ItemKind::SchoolsMeet,
        1 => ItemKind::Spread,
        2 => {
            let figures: Vec<ItemFigure> =
                f.records("figures", "县级数据项", diags).into_iter().filter_map(|r| figure(r, diags)).collect();
            if figures.is_empty() {
                diags.push(super::read::missing(f.span(), "数据 figures（至少一项）"));
                return None;
            }
            for fig in &figures {
                if let Target::Against(other) = &fig.target
                    && !figures.iter().any(|g| &g.key == other)
                {
                    diags.push(Diagnostic::error(Code::InvalidValue, f.span()).detail(format!(
                        "「{}」对照的「{other}」不是本项目的数据；对照的数据要写在同一项目的 figures 里",
                        fig.name
                    )));
                    return None;
                }
            }
            ItemKind::Figures(figures)
        }
        3 => ItemKind::Computed(measure(&f, diags)?),
        4 => {
            let level = decimal(&f, "min_level", diags)?;
            let gap = decimal(&f, "max_gap", diags)?;
            let min_level = u8::try_from(level.mantissa).ok().filter(|l| level.scale == 0 && (1..=4).contains(l));
            let Some(min_level) = min_level else {
                diags.push(
                    Diagnostic::error(Code::InvalidValue, f.span())
                        .detail("最低水平 min_level 应是 1 到 4（Ⅰ 到 Ⅳ 级）"),
                );
                return None;
            };
            ItemKind::Subjects { min_level, max_gap: gap }
        }
        _ => ItemKind::Judgement,
    };
    Some(Item { id: id?, no, name: name?.value, kind })
}

fn decimal(f: &Fields, key: &str, diags: &mut Diagnostics) -> Option<Decimal> {
    let Some(text) = f.text(key, diags) else {
        diags.push(super::read::missing(f.span(), key));
        return None;
    };
    match Decimal::parse(&text.value) {
        Ok(d) if !d.is_negative() => Some(d),
        Ok(_) => {
            diags.push(Diagnostic::error(Code::InvalidNumber, text.span).detail("不能为负数"));
            None
        }
        Err(why) => {
            diags.push(Diagnostic::error(Code::InvalidNumber, text.span).detail(why));
            None
        }
    }
}

fn figure(f: Fields, diags: &mut Diagnostics) -> Option<ItemFigure> {
    let key = f.required_text("key", "字段 key", diags)?;
    let ok = key.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !ok {
        diags.push(
            Diagnostic::error(Code::InvalidId, key.span)
                .detail(format!("字段「{}」只能用小写字母、数字和 _，如 teacher_pay", key.value)),
        );
        return None;
    }
    let target = match (f.get("limit"), f.text("against", diags)) {
        (Some(_), None) => Target::Limit(decimal(&f, "limit", diags)?),
        (None, Some(other)) => Target::Against(other.value),
        (None, None) => Target::Shown,
        (Some(_), Some(other)) => {
            diags
                .push(Diagnostic::error(Code::InvalidValue, other.span).detail("标准 limit 和对照 against 只能写一个"));
            return None;
        }
    };
    Some(ItemFigure {
        name: f.text("name", diags).map_or_else(|| key.value.clone(), |n| n.value),
        aliases: f.text_list("aliases", false, diags).into_iter().map(|a| a.value).collect(),
        key: key.value,
        rule: custom::rule(&f, diags)?,
        target,
        unit: f.text("unit", diags).map(|u| u.value).unwrap_or_default(),
    })
}

const MEASURES: &str = "班额（class_size）、校额（school_size）、音乐美术专用教室（art_rooms）或 交流轮岗（exchange）";

fn measure(f: &Fields, diags: &mut Diagnostics) -> Option<Measure> {
    let options = [
        ("class_size", 0),
        ("班额", 0),
        ("school_size", 1),
        ("校额", 1),
        ("art_rooms", 2),
        ("音乐美术专用教室", 2),
        ("exchange", 3),
        ("交流轮岗", 3),
    ];
    let which = match f.get("measure") {
        None => {
            diags.push(super::read::missing(f.span(), "计算 measure"));
            return None;
        }
        Some(_) => f.choice("measure", "计算方式", &options, MEASURES, diags)?,
    };
    let Some(node) = f.get("limits") else {
        diags.push(super::read::missing(f.span(), "标准 limits"));
        return None;
    };
    let l = Fields::new(node);
    let mut get = |key: &str| decimal(&l, key, diags);
    Some(match which {
        0 => Measure::ClassSize { primary: get("primary")?, junior: get("junior")? },
        1 => Measure::SchoolSize { primary: get("primary")?, junior: get("junior")?, through: get("through")? },
        2 => Measure::ArtRooms {
            classes_per_room: get("classes_per_room")?,
            music_area: get("music_area")?,
            art_area: get("art_area")?,
        },
        _ => Measure::Exchange { share: get("share")?, key_share: get("key_share")? },
    })
}

//! The county's verdict by the standard's method (评估办法): each item of the four parts, each
//! part, the vetoes, and the whole, for every year with county data (data/county/YEAR.yaml).
//!
//! An item is met only when its figures show it: a missing figure is 未填报, a 是 without
//! evidence is 待补充依据, and neither counts as met. The county meets the standard when every
//! item of every part is met and no veto holds; it misses it as soon as one item is missed or one
//! veto holds, whatever else is still to be filled in.

use super::ratio::Ratio;
use super::schools;
use super::{StandardYear, exchange};
use crate::model::county::{CountyYear, Evidence};
use crate::model::custom::Rule;
use crate::model::id::SchoolId;
use crate::model::id::Table;
use crate::model::indicator::Figures;
use crate::model::method::{Item, ItemKind, Measure, Method, Target};
use crate::model::number::Decimal;
use crate::model::school::School;
use crate::model::standard::Standard;
use std::collections::BTreeMap;

/// Where an item, a part or the county stands.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum State {
    /// 达到
    Met,
    /// 未达到
    NotMet,
    /// 待补充依据: 是, with no evidence given.
    Pending,
    /// 未填报: a figure or a judgement the item needs is not given.
    Missing,
    /// 不评判, with the reason (a year of school figures not complete …).
    NotJudged(String),
}

/// A figure shown for an item, with what it is held to.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureResult {
    pub name: String,
    pub value: Option<Value>,
    pub rule: Rule,
    /// The limit, or the figure it is held to; `None` for a figure only shown.
    pub target: Option<Value>,
    pub unit: String,
    /// The limit is strict (低于: below it, not at it).
    pub strict: bool,
    pub ok: Option<bool>,
}

/// A value as the data gives it (shown as written), or a share of two counts (shown as a
/// percentage rounded toward its verdict).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Number(Decimal),
    /// A level of the quality monitoring, Ⅰ to Ⅳ.
    Level(u8),
    /// A coefficient of variation, at full precision.
    Cv(f64),
    Share {
        part: u32,
        whole: u32,
    },
}

/// A school that misses a computed item, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Failing {
    pub school: SchoolId,
    pub why: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    pub state: State,
    pub figures: Vec<FigureResult>,
    /// Schools that miss a computed item (or the per-school rule).
    pub failing: Vec<Failing>,
    /// Schools whose data the item lacks.
    pub unreported: Vec<SchoolId>,
    pub evidence: Vec<Evidence>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartResult {
    pub state: State,
    pub met: usize,
    /// One per item of the part, in its order.
    pub items: Vec<ItemResult>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CountyVerdict {
    pub year: i32,
    /// One per part of the method, in its order.
    pub parts: Vec<PartResult>,
    /// One per veto: whether it holds (`None`: not reported).
    pub vetoes: Vec<Option<bool>>,
    /// The whole: met, missed (an item missed or a veto holding), or still open.
    pub state: State,
}

impl CountyVerdict {
    pub fn items(&self) -> impl Iterator<Item = &ItemResult> {
        self.parts.iter().flat_map(|p| &p.items)
    }
}

/// What an item reads besides the county file: the site's schools and standard, the year's
/// school figures judged by it (`None` without figures that year) and its exchange ratios.
pub struct Inputs<'a> {
    pub schools: &'a Table<SchoolId, School>,
    pub standard: &'a Standard,
    pub figures: Option<(&'a Figures, &'a StandardYear)>,
    /// Why the year's school figures cannot be judged as the county's (a partial year).
    pub figures_unusable: Option<String>,
    pub exchange: Option<&'a exchange::YearRatios>,
}

pub fn county(method: &Method, data: &CountyYear, inputs: &Inputs) -> CountyVerdict {
    let parts: Vec<PartResult> = method
        .parts
        .iter()
        .map(|part| {
            let items: Vec<ItemResult> = part.items.iter().map(|item| judge(item, data, inputs)).collect();
            let met = items.iter().filter(|i| i.state == State::Met).count();
            PartResult { state: combine(items.iter().map(|i| &i.state)), met, items }
        })
        .collect();
    let vetoes: Vec<Option<bool>> = method.vetoes.iter().map(|v| data.vetoes.get(&v.id).copied()).collect();
    let veto_state = if vetoes.contains(&Some(true)) {
        State::NotMet
    } else if vetoes.contains(&None) {
        State::Missing
    } else {
        State::Met
    };
    let state = combine(parts.iter().map(|p| &p.state).chain([&veto_state]));
    CountyVerdict { year: data.year, parts, vetoes, state }
}

/// All met → met; any missed → missed; otherwise the first open state.
fn combine<'a>(states: impl Iterator<Item = &'a State>) -> State {
    let states: Vec<&State> = states.collect();
    if states.contains(&&State::NotMet) {
        State::NotMet
    } else {
        states.into_iter().find(|s| **s != State::Met).cloned().unwrap_or(State::Met)
    }
}

fn result(state: State) -> ItemResult {
    ItemResult { state, figures: vec![], failing: vec![], unreported: vec![], evidence: vec![], note: None }
}

fn judge(item: &Item, data: &CountyYear, inputs: &Inputs) -> ItemResult {
    match &item.kind {
        ItemKind::Judgement => match data.judgements.get(&item.id) {
            None => result(State::Missing),
            Some(j) => {
                let published = j.evidence.iter().any(|e| !matches!(e, Evidence::Unpublished(_)));
                let state = match (j.value, published) {
                    (false, _) => State::NotMet,
                    (true, false) => State::Pending,
                    (true, true) => State::Met,
                };
                ItemResult { evidence: j.evidence.clone(), note: j.note.clone(), ..result(state) }
            }
        },
        ItemKind::Figures(figures) => {
            let value = |key: &str| data.figures.get(key).copied();
            let shown: Vec<FigureResult> = figures
                .iter()
                .map(|f| {
                    let v = value(&f.key);
                    let target = match &f.target {
                        Target::Limit(l) => Some(Some(*l)),
                        Target::Against(other) => Some(value(other)),
                        Target::Shown => None,
                    };
                    let ok = match (v, target) {
                        (Some(v), Some(Some(t))) => Some(holds(Ratio::whole(v), f.rule, t)),
                        _ => None,
                    };
                    FigureResult {
                        name: f.name.clone(),
                        value: v.map(Value::Number),
                        rule: f.rule,
                        target: target.flatten().map(Value::Number),
                        unit: f.unit.clone(),
                        strict: false,
                        ok,
                    }
                })
                .collect();
            let judged: Vec<Option<bool>> =
                figures.iter().zip(&shown).filter(|(f, _)| f.target != Target::Shown).map(|(_, r)| r.ok).collect();
            let state = if judged.contains(&Some(false)) {
                State::NotMet
            } else if judged.contains(&None) {
                State::Missing
            } else {
                State::Met
            };
            ItemResult { figures: shown, ..result(state) }
        }
        ItemKind::Subjects { min_level, max_gap } => subjects(data, *min_level, *max_gap),
        ItemKind::SchoolsMeet | ItemKind::Spread | ItemKind::Computed(_) => {
            if let Some(why) = &inputs.figures_unusable {
                return result(State::NotJudged(why.clone()));
            }
            match &item.kind {
                ItemKind::Computed(Measure::Exchange { share, key_share }) => exchange(inputs, *share, *key_share),
                _ => match inputs.figures {
                    None => result(State::Missing),
                    Some((figures, judged)) => from_schools(&item.kind, inputs, figures, judged),
                },
            }
        }
    }
}

pub(super) fn holds(value: Option<Ratio>, rule: Rule, limit: Decimal) -> bool {
    let one = Decimal::from_int(1);
    value.is_some_and(|v| match rule {
        Rule::AtLeast => v.at_least(limit, one),
        Rule::AtMost => v.at_most(limit, one),
    })
}

/// 质量监测: every subject at least the level, and its 校际差异率 strictly below the limit.
fn subjects(data: &CountyYear, min_level: u8, max_gap: Decimal) -> ItemResult {
    if data.subjects.is_empty() {
        return result(State::Missing);
    }
    let mut figures = Vec::new();
    for s in &data.subjects {
        figures.push(FigureResult {
            name: format!("{} 学业水平", s.subject),
            value: s.level.map(Value::Level),
            rule: Rule::AtLeast,
            target: Some(Value::Level(min_level)),
            unit: String::new(),
            strict: false,
            ok: s.level.map(|l| l >= min_level),
        });
        // 低于: strictly below, so a gap of exactly the limit misses it.
        figures.push(FigureResult {
            name: format!("{} 校际差异率", s.subject),
            value: s.gap.map(Value::Number),
            rule: Rule::AtMost,
            target: Some(Value::Number(max_gap)),
            unit: String::new(),
            strict: true,
            ok: s.gap.map(|g| !holds(Ratio::whole(g), Rule::AtLeast, max_gap)),
        });
    }
    let state = if figures.iter().any(|f| f.ok == Some(false)) {
        State::NotMet
    } else if figures.iter().any(|f| f.ok.is_none()) {
        State::Missing
    } else {
        State::Met
    };
    ItemResult { figures, ..result(state) }
}

fn exchange(inputs: &Inputs, share: Decimal, key_share: Decimal) -> ItemResult {
    let Some(year) = inputs.exchange else { return result(State::Missing) };
    let c = &year.county;
    let figures = vec![
        FigureResult {
            name: "交流轮岗教师占符合条件教师的比例".into(),
            value: (c.eligible > 0).then_some(Value::Share { part: c.sent, whole: c.eligible }),
            rule: Rule::AtLeast,
            target: Some(Value::Number(share)),
            unit: String::new(),
            strict: false,
            ok: (c.eligible > 0).then(|| share.reached_by(c.sent as usize, c.eligible as usize)),
        },
        FigureResult {
            name: "骨干教师占交流轮岗教师的比例".into(),
            value: (c.sent > 0).then_some(Value::Share { part: c.key_sent, whole: c.sent }),
            rule: Rule::AtLeast,
            target: Some(Value::Number(key_share)),
            unit: String::new(),
            strict: false,
            ok: (c.sent > 0).then(|| key_share.reached_by(c.key_sent as usize, c.sent as usize)),
        },
    ];
    let state = match (figures[0].ok, figures[1].ok) {
        (Some(false), _) | (_, Some(false)) => State::NotMet,
        (Some(true), Some(true)) => State::Met,
        (None, _) => State::NotJudged("符合交流条件的教师数为 0".into()),
        (_, None) => State::NotJudged("当年没有交流轮岗教师".into()),
    };
    ItemResult { figures, ..result(state) }
}

/// Items read from the schools' figures of the year.
fn from_schools(kind: &ItemKind, inputs: &Inputs, figures: &Figures, judged: &StandardYear) -> ItemResult {
    let mut failing = Vec::new();
    let mut unreported = Vec::new();
    let mut missing_any = false;
    match kind {
        ItemKind::SchoolsMeet => {
            for (id, year) in schools::sorted(judged) {
                if judged.excluded.contains_key(id) {
                    continue;
                }
                if year.verdict != Some(true) {
                    failing.push(Failing { school: id.clone(), why: schools::short_of(inputs.standard, judged, id) });
                }
            }
        }
        ItemKind::Spread => {
            let oks: Vec<Option<bool>> = judged.county.iter().map(|s| s.ok).collect();
            let state = if oks.contains(&Some(false)) {
                State::NotMet
            } else if oks.is_empty() || oks.contains(&None) {
                State::Missing
            } else {
                State::Met
            };
            // The phases missed are said in the figures, not as schools.
            let figures = judged
                .county
                .iter()
                .map(|s| FigureResult {
                    name: format!("{}各项指标中最大的差异系数", s.phase.label()),
                    value: s
                        .cvs
                        .iter()
                        .zip(&s.within)
                        .filter(|(_, w)| w.is_some())
                        .filter_map(|(cv, _)| *cv)
                        .fold(None, |m: Option<f64>, cv| Some(m.map_or(cv, |m| m.max(cv))))
                        .map(Value::Cv),
                    rule: Rule::AtMost,
                    target: s.limit.map(Value::Number),
                    unit: String::new(),
                    strict: false,
                    ok: s.ok,
                })
                .collect();
            return ItemResult { figures, ..result(state) };
        }
        ItemKind::Computed(measure) => {
            let mut by_school: BTreeMap<&SchoolId, Vec<&crate::model::indicator::Row>> = BTreeMap::new();
            for row in &figures.rows {
                by_school.entry(&row.school).or_default().push(row);
            }
            for (id, rows) in by_school {
                match schools::measure(measure, inputs.schools, id, &rows) {
                    Some(None) => {}
                    Some(Some(why)) => failing.push(Failing { school: id.clone(), why }),
                    None => {
                        unreported.push(id.clone());
                        missing_any = true;
                    }
                }
            }
        }
        _ => {}
    }
    let state = if !failing.is_empty() {
        State::NotMet
    } else if missing_any || judged.schools.is_empty() {
        State::Missing
    } else {
        State::Met
    };
    ItemResult { failing, unreported, ..result(state) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::county::{Judgement, SubjectResult};
    use crate::model::method::{ItemFigure, Part, Veto};

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    fn item(id: &str, kind: ItemKind) -> Item {
        Item { id: id.into(), no: String::new(), name: id.into(), kind }
    }

    fn figure(key: &str, target: Target) -> ItemFigure {
        ItemFigure {
            key: key.into(),
            name: key.into(),
            aliases: vec![],
            rule: Rule::AtLeast,
            target,
            unit: String::new(),
        }
    }

    fn method() -> Method {
        Method {
            document: None,
            parts: vec![Part {
                id: "p".into(),
                name: "p".into(),
                article: String::new(),
                items: vec![
                    item("plan", ItemKind::Judgement),
                    item(
                        "pay",
                        ItemKind::Figures(vec![
                            figure("teacher_pay", Target::Against("civil_pay".into())),
                            figure("civil_pay", Target::Shown),
                        ]),
                    ),
                    item("survey", ItemKind::Figures(vec![figure("survey", Target::Limit(d("85")))])),
                    item("monitoring", ItemKind::Subjects { min_level: 3, max_gap: d("0.15") }),
                ],
            }],
            vetoes: vec![Veto { id: "exam".into(), name: "exam".into(), article: String::new() }],
        }
    }

    fn data(judged: Option<(bool, bool)>, pay: &str, survey: &str, gap: &str, veto: Option<bool>) -> CountyYear {
        CountyYear {
            year: 2025,
            file: crate::diagnostics::FileId(0),
            date: None,
            source: None,
            figures: [("teacher_pay", pay), ("civil_pay", "100000"), ("survey", survey)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), d(v)))
                .collect(),
            judgements: judged
                .map(|(value, evidence)| {
                    let evidence =
                        if evidence { vec![Evidence::Document("县教〔2017〕1号".into())] } else { vec![] };
                    ("plan".to_string(), Judgement { value, evidence, note: None })
                })
                .into_iter()
                .collect(),
            subjects: vec![SubjectResult { subject: "数学".into(), level: Some(3), gap: Some(d(gap)) }],
            vetoes: veto.map(|v| ("exam".to_string(), v)).into_iter().collect(),
        }
    }

    fn judge(data: &CountyYear) -> CountyVerdict {
        // No school figures are needed by these items.
        let schools = Table::new(vec![], |s: &School| &s.id);
        let standard = crate::evaluate::verdict::tests::standard();
        let inputs =
            Inputs { schools: &schools, standard: &standard, figures: None, figures_unusable: None, exchange: None };
        county(&method(), data, &inputs)
    }

    #[test]
    fn every_item_on_its_line_is_met_and_the_county_with_it() {
        // 100000 against 100000 is not below; 85.0 reaches 85; a gap of 0.149 is below 0.15.
        let v = judge(&data(Some((true, true)), "100000", "85.0", "0.149", Some(false)));
        let states: Vec<&State> = v.items().map(|i| &i.state).collect();
        assert_eq!(states, [&State::Met; 4]);
        assert_eq!(v.state, State::Met);
    }

    #[test]
    fn a_gap_of_exactly_the_limit_misses_it_and_so_does_the_county() {
        let v = judge(&data(Some((true, true)), "100000", "90", "0.15", Some(false)));
        assert_eq!(v.parts[0].items[3].state, State::NotMet);
        assert_eq!(v.state, State::NotMet);
    }

    #[test]
    fn a_yes_without_evidence_is_pending_and_the_county_cannot_be_judged() {
        let v = judge(&data(Some((true, false)), "100001", "90", "0.1", Some(false)));
        assert_eq!(v.parts[0].items[0].state, State::Pending);
        assert_eq!(v.parts[0].met, 3);
        assert_eq!(v.state, State::Pending);
        // Not reported at all: 未填报.
        assert_eq!(judge(&data(None, "100001", "90", "0.1", Some(false))).parts[0].items[0].state, State::Missing);
    }

    #[test]
    fn one_miss_or_one_veto_decides_whatever_is_still_open() {
        // Pay below the civil servants', with a judgement still pending: missed.
        let v = judge(&data(Some((true, false)), "99999.9", "90", "0.1", None));
        assert_eq!(v.parts[0].items[1].state, State::NotMet);
        assert_eq!(v.state, State::NotMet);
        // Everything met but a veto holds.
        let v = judge(&data(Some((true, true)), "100000", "90", "0.1", Some(true)));
        assert_eq!(v.parts[0].state, State::Met);
        assert_eq!(v.state, State::NotMet);
        // A veto not reported leaves the county open.
        assert_eq!(judge(&data(Some((true, true)), "100000", "90", "0.1", None)).state, State::Missing);
    }
}

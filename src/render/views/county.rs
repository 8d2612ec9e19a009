//! The county's verdict as pages show it: the dashboard's headline (达到 / 未达到, each part's
//! count, what is missing, which vetoes hold) and a page per year listing every item with its
//! figures, standard, verdict, evidence and the schools that miss it.
//!
//! Figures are shown as the data gives them; a share of two counts is rounded toward its
//! verdict ([`shown`]), so that a figure never reads as meeting a limit its verdict says it
//! misses, or the reverse.

use super::{Badge, PartyView, school_link};
use crate::evaluate::Findings;
use crate::evaluate::method::{CountyVerdict, FigureResult, ItemResult, State, Value};
use crate::model::Site;
use crate::model::county::Evidence;
use crate::model::custom::Rule;
use crate::model::method::{Item, Method};
use crate::model::pages::PageKind;
use serde::Serialize;

pub fn state(s: &State) -> Badge {
    match s {
        State::Met => Badge::new("达到", "met"),
        State::NotMet => Badge::new("未达到", "not-met"),
        State::Pending => Badge::new("待补充依据", "short"),
        State::Missing => Badge::new("未填报", "missing"),
        State::NotJudged(_) => Badge::new("不评判", "unjudged"),
    }
}

/// The county's overall verdict reads 达到 or 尚未达到; with nothing missed but items still open
/// it cannot be said either way.
fn overall(s: &State) -> Badge {
    match s {
        State::Met => Badge::new("达到优质均衡", "met"),
        State::NotMet => Badge::new("尚未达到优质均衡", "not-met"),
        _ => Badge::new("尚不能判定", "missing"),
    }
}

#[derive(Debug, Serialize)]
pub struct PartLine {
    pub name: String,
    pub article: String,
    pub met: usize,
    pub total: usize,
    pub state: Badge,
    /// Short names of the items missed, and of those still open.
    pub missed: Vec<String>,
    pub open: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Headline {
    pub year: i32,
    pub state: Badge,
    /// The sentence a reader looks for: 全区 2025 年尚未达到优质均衡：政府保障程度还差 2 项（…）。
    pub sentence: String,
    pub parts: Vec<PartLine>,
    pub vetoes_holding: Vec<String>,
    pub url: Option<String>,
    pub document: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EvidenceView {
    pub label: String,
    pub url: Option<String>,
    /// A URL outside the site (linked as it is, not under the site's root).
    pub external: bool,
}

#[derive(Debug, Serialize)]
pub struct FigureView {
    pub name: String,
    pub value: String,
    pub standard: String,
    pub ok: Option<Badge>,
}

#[derive(Debug, Serialize)]
pub struct FailingView {
    pub school: Option<PartyView>,
    pub why: String,
}

#[derive(Debug, Serialize)]
pub struct ItemView {
    pub id: String,
    pub no: String,
    pub name: String,
    /// Its number and name up to the first comma, for captions and lists.
    pub short: String,
    pub state: Badge,
    pub reason: Option<String>,
    pub figures: Vec<FigureView>,
    pub evidence: Vec<EvidenceView>,
    pub note: Option<String>,
    pub failing: Vec<FailingView>,
    pub unreported: Vec<PartyView>,
}

#[derive(Debug, Serialize)]
pub struct PartView {
    pub name: String,
    pub article: String,
    pub met: usize,
    pub total: usize,
    pub state: Badge,
    pub items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
pub struct VetoView {
    pub name: String,
    pub article: String,
    pub state: Badge,
}

#[derive(Debug, Serialize)]
pub struct PartCount {
    pub count: String,
    pub state: Badge,
}

#[derive(Debug, Serialize)]
pub struct HistoryRow {
    pub year: i32,
    pub url: Option<String>,
    /// One per part: `met/total` and its badge.
    pub parts: Vec<PartCount>,
    pub vetoes: String,
    pub state: Badge,
}

#[derive(Debug, Serialize)]
pub struct YearView {
    pub headline: Headline,
    pub as_of: Option<String>,
    pub source: Option<String>,
    pub parts: Vec<PartView>,
    pub vetoes: Vec<VetoView>,
    pub part_names: Vec<String>,
    pub history: Vec<HistoryRow>,
    pub dashboard_url: Option<String>,
}

/// The year the dashboard leads with: the latest with county data whose school figures are
/// complete (or absent: then its part 1 reads 未填报), else the latest.
pub fn latest(findings: &Findings) -> Option<&CountyVerdict> {
    let complete = |v: &&CountyVerdict| findings.reported.get(&v.year).is_none_or(|r| r.complete());
    findings.county.iter().rev().find(complete).or(findings.county.last())
}

pub fn headline(site: &Site, verdict: &CountyVerdict) -> Option<Headline> {
    let method = site.standard().method.as_ref()?;
    let parts: Vec<PartLine> = method
        .parts
        .iter()
        .zip(&verdict.parts)
        .map(|(part, result)| {
            let named = |want: fn(&State) -> bool| -> Vec<String> {
                part.items.iter().zip(&result.items).filter(|(_, r)| want(&r.state)).map(|(i, _)| short(i)).collect()
            };
            PartLine {
                name: part.name.clone(),
                article: part.article.clone(),
                met: result.met,
                total: part.items.len(),
                state: state(&result.state),
                missed: named(|s| *s == State::NotMet),
                open: named(|s| !matches!(s, State::Met | State::NotMet)),
            }
        })
        .collect();
    let vetoes_holding: Vec<String> = method
        .vetoes
        .iter()
        .zip(&verdict.vetoes)
        .filter(|(_, v)| **v == Some(true))
        .map(|(v, _)| v.name.clone())
        .collect();
    let region = site.config.region.clone().unwrap_or_else(|| "全县".into());
    let sentence = sentence(&region, verdict, &parts, &vetoes_holding);
    Some(Headline {
        year: verdict.year,
        state: overall(&verdict.state),
        sentence,
        parts,
        vetoes_holding,
        url: super::url_of(site, &PageKind::County(verdict.year)),
        document: method.document.clone(),
    })
}

/// An item's short name for lists: its name up to the first comma.
fn short(item: &Item) -> String {
    let cut = item.name.find(['，', '；', '（']).unwrap_or(item.name.len());
    // （三） stands apart by its brackets; a bare 1 needs a point.
    let sep = if item.no.is_empty() || item.no.ends_with('）') { "" } else { ". " };
    format!("{}{sep}{}", item.no, &item.name[..cut])
}

fn sentence(region: &str, v: &CountyVerdict, parts: &[PartLine], vetoes: &[String]) -> String {
    let year = v.year;
    match v.state {
        State::Met => format!("{region} {year} 年四个方面全部达到要求，没有一票否决情形：达到优质均衡。"),
        _ => {
            let mut why: Vec<String> = parts
                .iter()
                .filter(|p| !p.missed.is_empty())
                .map(|p| format!("{}还差 {} 项：{}", p.name, p.missed.len(), p.missed.join("、")))
                .collect();
            if !vetoes.is_empty() {
                why.push(format!("存在一票否决情形（{}）", vetoes.join("、")));
            }
            let open: usize = parts.iter().map(|p| p.open.len()).sum();
            if open > 0 {
                why.push(format!("另有 {open} 项未填报或待补充依据"));
            }
            let lead = if v.state == State::NotMet {
                "尚未达到优质均衡"
            } else {
                "还不能判定是否达到优质均衡"
            };
            format!("{region} {year} 年{lead}：{}。", why.join("；"))
        }
    }
}

/// A figure as shown: data as written (compared exactly, so it reads as it is judged); a share
/// of counts as a percentage and a coefficient with three decimals, each by the one rule for
/// figures beside a verdict (`evaluate::ratio::shown`): never reading across its limit.
pub fn shown(f: &FigureResult, value: Value) -> String {
    use crate::evaluate::ratio::{self, Bound};
    let limit = match f.target {
        Some(Value::Number(d)) => Some(d),
        _ => None,
    };
    let bound = if f.rule == Rule::AtMost { Bound::AtMost } else { Bound::AtLeast };
    match value {
        Value::Number(d) => d.to_string(),
        Value::Level(l) => level(l),
        Value::Cv(cv) => ratio::shown_cv(cv, 3, limit),
        Value::Share { whole: 0, .. } => "—".into(),
        Value::Share { part, whole } => {
            let percent = f64::from(part) / f64::from(whole) * 100.0;
            match (limit, f.ok) {
                (Some(l), Some(met)) => {
                    let l = crate::model::number::Decimal { mantissa: l.mantissa * 100, scale: l.scale };
                    format!("{}%", ratio::shown(percent, 1, l, bound, met))
                }
                _ => format!("{percent:.1}%"),
            }
        }
    }
}

fn level(l: u8) -> String {
    format!("{}级", ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"].get(usize::from(l).saturating_sub(1)).unwrap_or(&"?"))
}

fn standard(f: &FigureResult) -> String {
    let Some(target) = f.target else { return "—".into() };
    let rule = match (f.rule, f.strict) {
        (Rule::AtLeast, false) => "≥",
        (Rule::AtLeast, true) => "＞",
        (Rule::AtMost, false) => "≤",
        (Rule::AtMost, true) => "＜",
    };
    let target = match target {
        Value::Number(d) if f.unit.is_empty() && f.name.contains("比例") => d.percent(),
        Value::Number(d) => d.to_string(),
        Value::Level(l) => level(l),
        Value::Cv(cv) => format!("{cv:.3}"),
        Value::Share { part, whole } => format!("{part}/{whole}"),
    };
    format!("{rule} {target}{}", f.unit)
}

fn figure(f: &FigureResult) -> FigureView {
    let value = match f.value {
        Some(v) => format!("{}{}", shown(f, v), if matches!(v, Value::Number(_)) { &f.unit } else { "" }),
        None => "未填报".into(),
    };
    FigureView {
        name: f.name.clone(),
        value,
        standard: standard(f),
        ok: f.ok.map(|ok| if ok { Badge::new("达到", "met") } else { Badge::new("未达到", "not-met") }),
    }
}

fn evidence(site: &Site, e: &Evidence) -> EvidenceView {
    match e {
        Evidence::Document(no) => match site.document_by_doc_no(no) {
            Some(d) => EvidenceView {
                label: format!("《{}》（{no}）", d.title),
                url: super::url_of(site, &PageKind::Document(d.id.clone())),
                external: false,
            },
            None => EvidenceView { label: no.clone(), url: None, external: false },
        },
        Evidence::Unpublished(no) => {
            EvidenceView { label: format!("{no}（尚未发布）"), url: None, external: false }
        }
        Evidence::File(path) => {
            EvidenceView { label: format!("附件 {path}"), url: Some(format!("files/{path}")), external: false }
        }
        Evidence::Url(u) => EvidenceView { label: u.clone(), url: Some(u.clone()), external: true },
    }
}

fn item(site: &Site, item: &Item, r: &ItemResult) -> ItemView {
    ItemView {
        id: item.id.clone(),
        no: item.no.clone(),
        name: item.name.clone(),
        short: short(item),
        state: state(&r.state),
        reason: match &r.state {
            State::NotJudged(why) => Some(why.clone()),
            State::Pending => Some("结论为“是”，但还没有已发布的依据文件".into()),
            _ => None,
        },
        figures: r.figures.iter().map(figure).collect(),
        evidence: r.evidence.iter().map(|e| evidence(site, e)).collect(),
        note: r.note.clone(),
        failing: r
            .failing
            .iter()
            .map(|f| FailingView { school: Some(school_link(site, &f.school)), why: f.why.clone() })
            .collect(),
        unreported: r.unreported.iter().map(|id| school_link(site, id)).collect(),
    }
}

pub fn history(site: &Site, findings: &Findings) -> Vec<HistoryRow> {
    findings
        .county
        .iter()
        .rev()
        .map(|v| HistoryRow {
            year: v.year,
            url: super::url_of(site, &PageKind::County(v.year)),
            parts: v
                .parts
                .iter()
                .map(|p| PartCount { count: format!("{}/{}", p.met, p.items.len()), state: state(&p.state) })
                .collect(),
            vetoes: match v.vetoes.iter().filter(|x| **x == Some(true)).count() {
                0 if v.vetoes.contains(&None) => "未填报".into(),
                0 => "无".into(),
                n => format!("{n} 项"),
            },
            state: overall(&v.state),
        })
        .collect()
}

pub fn year_page(site: &Site, findings: &Findings, year: i32) -> Option<YearView> {
    let method: &Method = site.standard().method.as_ref()?;
    let verdict = findings.county.iter().find(|v| v.year == year)?;
    let data = site.county.iter().find(|c| c.year == year)?;
    Some(YearView {
        headline: headline(site, verdict)?,
        as_of: data.date.map(|d| d.to_string()),
        source: data.source.clone(),
        parts: method
            .parts
            .iter()
            .zip(&verdict.parts)
            .map(|(p, r)| PartView {
                name: p.name.clone(),
                article: p.article.clone(),
                met: r.met,
                total: p.items.len(),
                state: state(&r.state),
                items: p.items.iter().zip(&r.items).map(|(i, r)| item(site, i, r)).collect(),
            })
            .collect(),
        vetoes: method
            .vetoes
            .iter()
            .zip(&verdict.vetoes)
            .map(|(v, holds)| VetoView {
                name: v.name.clone(),
                article: v.article.clone(),
                state: match holds {
                    Some(true) => Badge::new("存在", "not-met"),
                    Some(false) => Badge::new("不存在", "met"),
                    None => Badge::new("未填报", "missing"),
                },
            })
            .collect(),
        part_names: method.parts.iter().map(|p| p.name.clone()).collect(),
        history: history(site, findings),
        dashboard_url: super::url_of(site, &PageKind::Dashboard),
    })
}

/// The method's items a document is evidence for, by year (newest first): shown on its page.
pub fn evidence_for(site: &Site, doc_no: &str) -> Vec<(String, Option<String>)> {
    let Some(method) = site.standard().method.as_ref() else { return Vec::new() };
    let key = crate::model::doc_no::key(doc_no);
    let mut out = Vec::new();
    for data in site.county.iter().rev() {
        for (part, item) in method.items() {
            let cites = data.judgements.get(&item.id).is_some_and(|j| {
                j.evidence.iter().any(|e| matches!(e, Evidence::Document(n) if crate::model::doc_no::key(n) == key))
            });
            if cites {
                let url = super::url_of(site, &PageKind::County(data.year)).map(|u| format!("{u}#item-{}", item.id));
                out.push((format!("{} 年 · {} · {}", data.year, part.name, short(item)), url));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(part: u32, whole: u32, limit: &str) -> String {
        let limit = crate::model::number::Decimal::parse(limit).unwrap();
        let met = limit.reached_by(part as usize, whole as usize);
        let f = FigureResult {
            name: "交流比例".into(),
            value: Some(Value::Share { part, whole }),
            rule: Rule::AtLeast,
            target: Some(Value::Number(limit)),
            unit: String::new(),
            strict: false,
            ok: Some(met),
        };
        shown(&f, Value::Share { part, whole })
    }

    #[test]
    fn a_share_just_under_its_limit_never_reads_as_reaching_it() {
        // 100 of 1,001 is 9.99…%: missed, so never 10.0%.
        assert_eq!(share(100, 1001, "0.10"), "9.99%");
        assert_eq!(share(200, 2001, "0.10"), "9.995%");
        // Exactly 10% is met and shows as 10.0%.
        assert_eq!(share(100, 1000, "0.10"), "10.0%");
        assert_eq!(share(1, 3, "0.20"), "33.3%");
        assert_eq!(share(1999, 10000, "0.20"), "19.99%");
    }
}

//! Schools: the list grouped by 学段 and town, and each school's page (pairings, exchanges,
//! each year's indicators with thresholds and a chart, verdict history, plan).

use super::exchange::ExchangeRow;
use super::{Badge, PartyView, labels, party, url_of};
use crate::evaluate::Findings;
use crate::evaluate::ratio::{self, Bound};
use crate::evaluate::verdict::{IndicatorResult, Mark, SectionResult};
use crate::model::Site;
use crate::model::custom::Rule;
use crate::model::indicator::Figures;
use crate::model::number::Decimal;
use crate::model::pages::PageKind;
use crate::model::school::{Locale, Party, School, Stage, Status};
use crate::model::standard::Standard;
use crate::render::charts::{self, Chart, bars};
use crate::render::search;
use serde::Serialize;

#[derive(Debug, Serialize, Clone)]
pub struct SchoolRow {
    pub name: String,
    pub url: String,
    pub stage: &'static str,
    pub town: Option<String>,
    pub locale: Option<&'static str>,
    /// 待建 or 撤并; nothing for a school in operation.
    pub status: Option<&'static str>,
    pub verdict: Badge,
    pub verdict_year: Option<i32>,
    pub due: Option<String>,
    /// `due` in words: `2020 年 12 月`.
    pub due_month: Option<String>,
    pub plan: Option<Badge>,
    /// What the school finder matches a query against: name, aliases, pinyin and town, folded.
    pub find: String,
}

#[derive(Debug, Serialize)]
pub struct TownGroup {
    pub town: String,
    pub schools: Vec<SchoolRow>,
}

#[derive(Debug, Serialize)]
pub struct StageGroup {
    pub stage: &'static str,
    pub count: usize,
    pub towns: Vec<TownGroup>,
}

pub fn row(site: &Site, findings: &Findings, s: &School) -> SchoolRow {
    let latest = findings.latest_verdict(site, &s.id);
    let plan = findings.plan.school(&s.id);
    SchoolRow {
        name: s.name.clone(),
        url: url_of(site, &PageKind::School(s.id.clone())).unwrap_or_default(),
        stage: s.stage.label(),
        town: s.town.clone(),
        locale: s.locale.map(|l| l.label()),
        status: (s.status != Status::Open).then(|| s.status.label()),
        // A school not yet built (or closed) without figures has nothing to report, not a gap.
        verdict: match latest {
            None if s.status != Status::Open => Badge::new("—", "none"),
            _ => labels::verdict(latest.map(|(_, v)| v)),
        },
        verdict_year: latest.map(|(y, _)| y),
        due: plan.map(|p| p.due.to_string()),
        due_month: plan.map(|p| format!("{} 年 {} 月", p.due.year, p.due.month)),
        plan: plan.map(|p| labels::plan_status(p.status)),
        find: finder_text(s),
    }
}

fn finder_text(s: &School) -> String {
    let names = std::iter::once(&s.name).chain(&s.aliases).chain(&s.town);
    let mut parts: Vec<String> = names.map(|n| search::text::fold(n).split_whitespace().collect()).collect();
    parts.extend(search::pinyin::school(s));
    parts.join("|")
}

/// The schools page: the list, and what the finder narrows it by.
#[derive(Debug, Serialize)]
pub struct ListPage {
    pub groups: Vec<StageGroup>,
    pub total: usize,
    /// Towns in the order they first appear.
    pub towns: Vec<String>,
    pub locales: Vec<&'static str>,
    /// The folding tables the finder may fetch (the search index's blocks, `13,14`).
    pub fold: String,
}

pub fn list_page(site: &Site, findings: &Findings, fold: &str) -> ListPage {
    let groups = groups(site, findings);
    let mut towns: Vec<String> = Vec::new();
    for t in groups.iter().flat_map(|g| &g.towns) {
        if !towns.contains(&t.town) {
            towns.push(t.town.clone());
        }
    }
    let locales =
        Locale::ALL.into_iter().filter(|l| site.schools.iter().any(|s| s.locale == Some(*l))).map(Locale::label);
    ListPage { groups, total: site.schools.len(), towns, locales: locales.collect(), fold: fold.to_string() }
}

/// Schools by 学段 (in a fixed order), then by town in the order towns first appear.
pub fn groups(site: &Site, findings: &Findings) -> Vec<StageGroup> {
    Stage::ALL
        .into_iter()
        .filter_map(|stage| {
            let mut towns: Vec<TownGroup> = Vec::new();
            for s in site.schools.iter().filter(|s| s.stage == stage) {
                let town = s.town.clone().unwrap_or_else(|| "其他".to_string());
                let row = row(site, findings, s);
                match towns.iter_mut().find(|t| t.town == town) {
                    Some(t) => t.schools.push(row),
                    None => towns.push(TownGroup { town, schools: vec![row] }),
                }
            }
            let count = towns.iter().map(|t| t.schools.len()).sum();
            (count > 0).then_some(StageGroup { stage: stage.label(), count, towns })
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct PairingRef {
    pub title: String,
    pub url: String,
    pub form: String,
    /// 牵头学校 or 成员学校
    pub role: &'static str,
    pub partners: Vec<PartyView>,
    pub cycle: Option<String>,
    pub cycle_dates: Option<(String, String)>,
    pub state: Option<Badge>,
}

#[derive(Debug, Serialize)]
pub struct IndicatorRow {
    pub name: String,
    pub unit: String,
    pub value: String,
    pub threshold: String,
    pub share: String,
    pub mark: Badge,
}

#[derive(Debug, Serialize)]
pub struct SectionView {
    pub phase: &'static str,
    pub students: Option<String>,
    pub rows: Vec<IndicatorRow>,
    pub met: usize,
    pub total: usize,
    pub verdict: Badge,
    pub summary: String,
    pub chart: Option<Chart>,
}

#[derive(Debug, Serialize)]
pub struct YearView {
    pub year: i32,
    /// The figures' own date, if they give one.
    pub as_of: Option<String>,
    pub verdict: Badge,
    /// Why the standard leaves the school out of the per-school indicators that year.
    pub excluded: Option<String>,
    pub sections: Vec<SectionView>,
}

#[derive(Debug, Serialize)]
pub struct SchoolPage {
    #[serde(flatten)]
    pub row: SchoolRow,
    pub id: String,
    pub aliases: Vec<String>,
    pub standard: String,
    pub met_year: Option<i32>,
    /// First met, and the latest year if it no longer meets the standard (labels::first_met).
    pub met: Option<String>,
    pub pairings: Vec<PairingRef>,
    pub sent: Vec<ExchangeRow>,
    pub received: Vec<ExchangeRow>,
    /// Its exchange ratios, newest year first.
    pub exchange_ratios: Vec<super::exchange::RatioRow>,
    pub exchange_limits: super::exchange::Limits,
    /// Newest year first.
    pub years: Vec<YearView>,
}

pub fn page(site: &Site, findings: &Findings, s: &School) -> SchoolPage {
    let me = Party::School(s.id.clone());
    let ids = site.index.pairings.get(&s.id).map_or(&[][..], Vec::as_slice);
    let pairings = super::pairing::ordered(findings, ids.iter().filter_map(|id| site.pairings.get(id)))
        .into_iter()
        .map(|p| {
            let row = super::pairing::row(site, findings, p);
            let partners =
                std::iter::once(&p.lead).chain(&p.members).filter(|x| **x != me).map(|x| party(site, x)).collect();
            PairingRef {
                title: row.title,
                url: row.url,
                form: row.form,
                role: if p.lead == me { "牵头学校" } else { "成员学校" },
                partners,
                cycle: row.cycle,
                cycle_dates: row.cycle_dates,
                state: row.state,
            }
        })
        .collect();
    let years = site.figures.iter().rev().filter_map(|f| year(site, findings, f, s)).collect();
    SchoolPage {
        row: row(site, findings, s),
        id: s.id.to_string(),
        aliases: s.aliases.clone(),
        standard: site.standard().name.clone(),
        met_year: findings.plan.school(&s.id).and_then(|p| p.met).map(|(y, _)| y),
        met: findings.plan.school(&s.id).and_then(labels::first_met),
        pairings,
        sent: super::exchange::rows(site, site.index.sent.get(&s.id)),
        received: super::exchange::rows(site, site.index.received.get(&s.id)),
        exchange_ratios: super::exchange::school_ratios(site, findings, &s.id),
        exchange_limits: super::exchange::limits(site),
        years,
    }
}

fn year(site: &Site, findings: &Findings, figures: &Figures, school: &School) -> Option<YearView> {
    let judged = findings.year(site, figures.year)?;
    let ours = judged.schools.get(&school.id)?;
    let excluded = judged.excluded.get(&school.id);
    let mut sections: Vec<SectionView> =
        judged.sections_of(&school.id).map(|s| section(site, school, s, figures.year)).collect();
    if excluded.is_some() {
        // Its figures are shown, not judged: no section reads 未达标.
        sections.iter_mut().for_each(|s| s.verdict = Badge::new("不参与", "unjudged"));
    }
    Some(YearView {
        year: figures.year,
        as_of: figures.date.map(|d| d.to_string()),
        verdict: match excluded {
            Some(_) => Badge::new("不参与", "unjudged"),
            None => labels::verdict(Some(ours.verdict)),
        },
        excluded: excluded.cloned(),
        sections,
    })
}

/// A value as pages show it: two decimals, or none for whole numbers of yuan.
pub fn number(v: f64) -> String {
    if v >= 1000.0 { format!("{v:.0}") } else { format!("{v:.2}") }
}

/// A value beside its mark: as [`number`], but never reading as reaching a threshold it misses,
/// or the reverse (see [`ratio::shown`]).
fn judged_value(v: f64, r: &IndicatorResult, floor: Option<Decimal>) -> String {
    let plain = number(v);
    let Some(t) = r.threshold.filter(|_| matches!(r.mark, Mark::Met | Mark::Short | Mark::Below)) else { return plain };
    let bound = match r.rule {
        Rule::AtLeast => Bound::AtLeast,
        Rule::AtMost => Bound::AtMost,
    };
    let decimals = if plain.contains('.') { 2 } else { 0 };
    // Below the floor of an at-least threshold: clear of the floor too (0.848, not 0.85 of 1.0).
    let limit = match (r.mark, bound, floor) {
        (Mark::Below, Bound::AtLeast, Some(f)) => {
            Decimal { mantissa: t.mantissa * f.mantissa, scale: t.scale + f.scale }
        }
        _ => t,
    };
    ratio::shown(v, decimals, limit, bound, r.mark == Mark::Met)
}

/// The share of the standard beside its mark: never 100% for a miss, nor 85% below the floor.
fn judged_share(share: f64, r: &IndicatorResult, floor: Option<Decimal>) -> String {
    let hundred = Decimal::from_int(100);
    let (limit, met) = match (r.mark, floor) {
        (Mark::Met, _) => (hundred, true),
        (Mark::Short, _) => (hundred, false),
        (Mark::Below, Some(f)) => (f.hundredfold(), false),
        _ => return charts::percent(share),
    };
    format!("{}%", ratio::shown(share * 100.0, 0, limit, Bound::AtLeast, met))
}

fn section(site: &Site, school: &School, s: &SectionResult, year: i32) -> SectionView {
    let standard = site.standard();
    let floor = standard.school_rule.map(|r| r.floor);
    let rows: Vec<IndicatorRow> = standard
        .indicators
        .iter()
        .zip(&s.indicators)
        .map(|(def, r)| IndicatorRow {
            name: def.name.clone(),
            unit: def.unit.clone(),
            value: r.value.map_or_else(|| "未填报".to_string(), |v| judged_value(v.to_f64(), r, floor)),
            threshold: r.threshold.map_or_else(|| "—".to_string(), |t| t.to_string()),
            share: r.share().map_or_else(|| "—".to_string(), |x| judged_share(x, r, floor)),
            mark: labels::mark(r.mark, r.rule),
        })
        .collect();
    let summary = summary(standard, s);
    // The 学段 is named only for schools with two (丙学校2023年小学…); 云山小学 needs none.
    let phase = if school.stage.phases().len() > 1 { s.phase.label() } else { "" };
    let title = format!("{}{year}年{phase}办学条件指标（占标准的百分比）", school.name);
    let id = format!("chart-{year}-{}", s.phase.key());
    SectionView {
        phase: s.phase.label(),
        students: s.students.map(|n| n.to_string()),
        met: s.met,
        total: s.indicators.len(),
        verdict: labels::verdict(Some(s.verdict)),
        chart: chart(standard, s, &id, &title, &summary),
        summary,
        rows,
    }
}

/// One sentence a screen reader or a parent can take in at once.
pub fn summary(standard: &Standard, s: &SectionResult) -> String {
    let names = |mark: Mark| -> Vec<String> {
        standard
            .indicators
            .iter()
            .zip(&s.indicators)
            .filter(|(_, r)| r.mark == mark)
            .map(|(d, _)| d.short.clone())
            .collect()
    };
    let mut text = format!("{} 项指标中 {} 项达到标准", s.indicators.len(), s.met);
    for (mark, what) in
        [(Mark::Short, "未达标但不低于 85%"), (Mark::Below, "低于标准的 85%"), (Mark::Missing, "未填报")]
    {
        let list = names(mark);
        if !list.is_empty() {
            text.push_str(&format!("；{what}：{}", list.join("、")));
        }
    }
    text.push('。');
    text
}

fn chart(standard: &Standard, s: &SectionResult, id: &str, title: &str, summary: &str) -> Option<Chart> {
    let floor = standard.school_rule.map(|r| r.floor);
    let bars: Vec<bars::Bar> = standard
        .indicators
        .iter()
        .zip(&s.indicators)
        .filter(|(_, r)| r.mark != Mark::Unjudged)
        .map(|(def, r)| bars::Bar {
            label: def.short.clone(),
            value: r.share(),
            text: r.share().map_or_else(|| "未填报".to_string(), |x| judged_share(x, r, floor)),
            color: match r.mark {
                Mark::Met => charts::BLUE,
                Mark::Short => charts::ORANGE,
                _ => charts::VERMILLION,
            },
        })
        .collect();
    if bars.is_empty() {
        return None;
    }
    let floor = standard.school_rule.map_or(0.85, |r| r.floor.to_f64());
    let top = bars.iter().filter_map(|b| b.value).fold(1.5f64, f64::max).min(3.0);
    let rules = [
        bars::Rule { at: 1.0, label: "标准".into(), strong: true, label_left: false },
        bars::Rule { at: floor, label: charts::percent(floor), strong: false, label_left: true },
    ];
    bars::draw(&bars, &rules, top, id, title, summary)
}

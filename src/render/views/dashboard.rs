//! The 达标 dashboard: how many schools meet the standard and the trend against the plan, the
//! spread between schools per 学段, the schools still short and what they lack, milestones.

use super::{Badge, Download, PartyView, download, labels, school_link};
use crate::evaluate::Findings;
use crate::evaluate::county::PhaseSpread;
use crate::evaluate::ratio::shown_cv;
use crate::evaluate::verdict::Mark;
use crate::model::Site;
use crate::model::indicator::Figures;
use crate::model::standard::{CvMethod, Standard};
use crate::render::charts::{self, Chart, bars, progress};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct TrendRow {
    pub year: i32,
    pub met: usize,
    pub judged: usize,
    pub share: String,
    pub planned: Option<String>,
    pub actual: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CvRow {
    pub name: String,
    pub cv: String,
    pub within: Option<Badge>,
}

#[derive(Debug, Serialize)]
pub struct PhaseView {
    pub phase: &'static str,
    pub sections: usize,
    pub limit: String,
    /// 每项 (every indicator within the limit) or 综合 (the mean of them).
    pub method: &'static str,
    pub rows: Vec<CvRow>,
    pub composite: Option<String>,
    pub ok: Badge,
    pub summary: String,
    pub chart: Option<Chart>,
}

#[derive(Debug, Serialize)]
pub struct LackingRow {
    pub school: PartyView,
    pub phase: &'static str,
    pub met: usize,
    pub total: usize,
    pub issues: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct PlanRow {
    pub school: PartyView,
    pub due: String,
    pub status: Badge,
    pub met_year: Option<i32>,
    /// First met, and the latest year if it no longer meets the standard (labels::first_met).
    pub met: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct OtherStandard {
    pub name: String,
    pub phases: Vec<PhaseView>,
}

#[derive(Debug, Serialize)]
pub struct DashboardView {
    pub standard: String,
    pub year: Option<i32>,
    /// The figures' own date; none when they have none (never an end of year made up).
    pub as_of: Option<String>,
    /// A newest year not every school has reported (see [`partial`]).
    pub partial: Option<String>,
    pub met: usize,
    pub judged: usize,
    pub share: String,
    /// Every school of the site, so that pages can say how many the plan leaves out.
    pub schools: usize,
    pub planned_total: usize,
    /// Planned schools due by the build date.
    pub planned_due: usize,
    pub trend: Vec<TrendRow>,
    pub plan_chart: Option<Chart>,
    pub plan_summary: String,
    pub phases: Vec<PhaseView>,
    pub lacking: Vec<LackingRow>,
    pub plan: Vec<PlanRow>,
    pub duties: Vec<super::duty::DutyView>,
    pub coverage: Option<super::coverage::CoverageView>,
    /// The county's exchange ratios per year, newest first.
    pub exchange: Vec<super::exchange::RatioRow>,
    pub exchange_limits: super::exchange::Limits,
    pub others: Vec<OtherStandard>,
    /// Every year's spread (views::spread), shown by the dashboard_spread.html partial.
    pub spread: Option<super::spread::SpreadView>,
    /// County-level checks (views::checks), shown by the dashboard_checks.html partial.
    pub checks: Vec<super::checks::ChecksView>,
    /// The county's verdict of its latest year with county data, and every year's (views::county).
    pub county: Option<super::county::Headline>,
    pub county_history: Vec<super::county::HistoryRow>,
    pub downloads: Vec<Download>,
}

/// Schools with figures in a year, and how many of them meet the site's standard.
fn year_counts(site: &Site, findings: &Findings, year: i32) -> (usize, usize) {
    let Some(judged) = findings.year(site, year) else { return (0, 0) };
    let met = judged.schools.values().filter(|s| s.verdict == Some(true)).count();
    (met, judged.schools.len())
}

/// The latest complete year (every school that should report has): (year, schools that meet
/// the standard, schools with figures). A newer, partial year never takes over.
pub fn headline(site: &Site, findings: &Findings) -> Option<(i32, usize, usize)> {
    let year = findings.latest_complete_year()?;
    let (met, judged) = year_counts(site, findings, year);
    Some((year, met, judged))
}

/// `5 所学校已报 2026 年数据（应报 19 所），补齐后再统计` for a newest year that is partial.
pub fn partial(findings: &Findings) -> Option<String> {
    let (year, r) = findings.reported.iter().next_back().filter(|(_, r)| !r.complete())?;
    Some(format!("{} 所学校已报 {year} 年数据（应报 {} 所），补齐后再统计", r.reported, r.expected))
}

/// `3/10` as a percentage, `—` for nothing to divide.
pub fn share(part: usize, whole: usize) -> String {
    if whole == 0 { "—".into() } else { charts::percent(part as f64 / whole as f64) }
}

pub fn view(site: &Site, findings: &Findings) -> DashboardView {
    let complete = findings.latest_complete_year();
    let latest: Option<&Figures> = site.figures.iter().rev().find(|f| Some(f.year) == complete);
    let planned_total = findings.plan.schools.len();
    let (met, judged) = latest.map_or((0, 0), |f| year_counts(site, findings, f.year));
    let trend: Vec<TrendRow> = (0..site.figures.len())
        .map(|y| {
            let f = &site.figures[y];
            let (met, judged) = year_counts(site, findings, f.year);
            let planned = due_by_year(site, f.year);
            let actual = findings.plan.actual.get(y).map(|p| p.count);
            TrendRow {
                year: f.year,
                met,
                judged,
                share: share(met, judged),
                planned: (planned_total > 0).then(|| share(planned, planned_total)),
                actual: actual.filter(|_| planned_total > 0).map(|a| share(a, planned_total)),
            }
        })
        .collect();
    let (plan_chart, plan_summary) = plan_chart(site, findings);
    let standard = site.standard();
    let mut downloads = vec![download("学校名录", "schools")];
    if let Some(year) = latest.map(|f| f.year) {
        downloads.push(download(&format!("{year} 年各校指标与达标情况"), &format!("evaluation-{year}")));
        downloads.push(download(&format!("{year} 年差异系数"), &format!("cv-{year}")));
        downloads.push(download("历年差异系数", "cv-trend"));
    }
    if let Some(c) = findings.coverage.years.last() {
        let year = c.date.year();
        downloads.push(download(&format!("{year} 年结对覆盖情况"), &format!("coverage-{year}")));
    }
    if !findings.exchange.is_empty() {
        downloads.push(download("历年教师交流比例", "exchange-ratios"));
    }
    if let Some(v) = findings.county.last() {
        downloads.push(download(&format!("{} 年县级评估各项结果", v.year), &format!("county-{}", v.year)));
        downloads.push(download("历年县级评估结果", "county-trend"));
    }
    DashboardView {
        standard: standard.name.clone(),
        year: latest.map(|f| f.year),
        as_of: latest.and_then(|f| f.date).map(|d| d.to_string()),
        partial: partial(findings),
        met,
        judged,
        share: share(met, judged),
        schools: site.schools.len(),
        planned_total,
        planned_due: findings.plan.schools.iter().filter(|p| p.due.last_day() <= site.today).count(),
        trend,
        plan_chart,
        plan_summary,
        phases: latest
            .and_then(|f| Some(phases(standard, &findings.year(site, f.year)?.county, f.year)))
            .unwrap_or_default(),
        lacking: latest.map_or_else(Vec::new, |f| lacking(site, findings, f.year)),
        plan: findings
            .plan
            .schools
            .iter()
            .map(|p| PlanRow {
                school: school_link(site, &p.school),
                due: p.due.to_string(),
                status: labels::plan_status(p.status),
                met_year: p.met.map(|(y, _)| y),
                met: labels::first_met(p),
            })
            .collect(),
        duties: super::duty::all(site, findings),
        coverage: super::coverage::view(site, findings),
        exchange: super::exchange::ratio_years(site, findings).into_iter().map(|y| y.county).collect(),
        exchange_limits: super::exchange::limits(site),
        others: latest.map_or_else(Vec::new, |f| others(site, findings, f.year)),
        spread: super::spread::view(site, findings),
        checks: super::checks::view(site, findings),
        county: super::county::latest(findings).and_then(|v| super::county::headline(site, v)),
        county_history: super::county::history(site, findings),
        downloads,
    }
}

/// Planned schools due by the end of `year`: the plan is read year by year, as it is written.
fn due_by_year(site: &Site, year: i32) -> usize {
    site.plan.targets.iter().filter(|t| t.by.year <= year).map(|t| t.schools.len()).sum()
}

fn plan_chart(site: &Site, findings: &Findings) -> (Option<Chart>, String) {
    let total = findings.plan.schools.len();
    if total == 0 {
        return (None, String::new());
    }
    let years: Vec<i32> =
        site.plan.targets.iter().map(|t| t.by.year).chain(site.figures.iter().map(|f| f.year)).collect();
    let (Some(&first), Some(&last)) = (years.iter().min(), years.iter().max()) else {
        return (None, String::new());
    };
    let points: Vec<progress::YearPoint> = (first..=last)
        .map(|year| {
            let due = due_by_year(site, year);
            let actual = site
                .figures
                .iter()
                .position(|f| f.year == year)
                .and_then(|y| findings.plan.actual.get(y))
                .map(|p| p.count as f64 / total as f64);
            progress::YearPoint { year, planned: Some(due as f64 / total as f64), actual }
        })
        .collect();
    let summary = match (findings.plan.actual.last(), site.figures.last()) {
        (Some(a), Some(f)) => {
            let due = due_by_year(site, f.year);
            format!(
                "列入达标计划的 {total} 所学校中，到 {} 年计划应达标 {due} 所（{}），实际已达标 {} 所（{}）。",
                f.year,
                share(due, total),
                a.count,
                share(a.count, total)
            )
        }
        _ => format!("列入达标计划的学校共 {total} 所，尚无指标数据。"),
    };
    let chart = progress::draw(&points, "chart-plan", "达标计划与实际进度（占计划学校的百分比）", &summary);
    (chart, summary)
}

/// The spread per 学段 in one year under one standard.
pub fn phases(standard: &Standard, county: &[PhaseSpread], year: i32) -> Vec<PhaseView> {
    county
        .iter()
        .map(|p| {
            let rows: Vec<CvRow> = standard
                .indicators
                .iter()
                .zip(p.cvs.iter().zip(&p.within))
                .map(|(def, (cv, within))| CvRow {
                    name: def.name.clone(),
                    cv: cv.map_or_else(|| "—".to_string(), |c| shown_cv(c, 3, p.limit.filter(|_| within.is_some()))),
                    within: within.map(|w| if w { Badge::new("达到", "met") } else { Badge::new("超出", "not-met") }),
                })
                .collect();
            let limit = p.limit.map_or_else(|| "—".to_string(), |l| format!("{:.2}", l.to_f64()));
            let ok = match p.ok {
                Some(true) => Badge::new("达到要求", "met"),
                Some(false) => Badge::new("未达到要求", "not-met"),
                None => Badge::new("数据不全", "none"),
            };
            let method = match standard.cv.method {
                CvMethod::Each => "每项",
                CvMethod::Mean => "综合",
            };
            let over: Vec<&str> = standard
                .indicators
                .iter()
                .zip(&p.within)
                .filter(|(_, w)| **w == Some(false))
                .map(|(d, _)| d.short.as_str())
                .collect();
            let composite = p.composite.map(|c| shown_cv(c, 3, p.limit));
            let summary = match (standard.cv.method, &composite) {
                (CvMethod::Mean, Some(c)) => format!(
                    "{}{} 所学校的综合差异系数为 {c}，上限 {limit}：{}。",
                    p.phase.label(),
                    p.sections,
                    ok.label
                ),
                _ if over.is_empty() => format!(
                    "{}{} 所学校，各项指标的差异系数都不超过 {limit}：{}。",
                    p.phase.label(),
                    p.sections,
                    ok.label
                ),
                _ => format!(
                    "{}{} 所学校，{} 的差异系数超过上限 {limit}：{}。",
                    p.phase.label(),
                    p.sections,
                    over.join("、"),
                    ok.label
                ),
            };
            let id = format!("chart-cv-{}-{}-{}", standard.id, year, p.phase.key());
            let chart = cv_chart(standard, p, &id, &format!("{year}年{}各项指标差异系数", p.phase.label()), &summary);
            PhaseView {
                phase: p.phase.label(),
                sections: p.sections,
                limit,
                method,
                rows,
                composite,
                ok,
                summary,
                chart,
            }
        })
        .collect()
}

fn cv_chart(standard: &Standard, p: &PhaseSpread, id: &str, title: &str, summary: &str) -> Option<Chart> {
    let limit = p.limit.map(|l| l.to_f64());
    let bars: Vec<bars::Bar> = standard
        .indicators
        .iter()
        .zip(p.cvs.iter().zip(&p.within))
        .map(|(def, (cv, within))| bars::Bar {
            label: def.short.clone(),
            value: *cv,
            text: cv.map_or_else(|| "无数据".to_string(), |c| shown_cv(c, 3, p.limit.filter(|_| within.is_some()))),
            color: match (cv, limit, standard.cv.method) {
                (Some(c), Some(l), CvMethod::Each) if *c > l => charts::VERMILLION,
                _ => charts::BLUE,
            },
        })
        .collect();
    let top = bars.iter().filter_map(|b| b.value).chain(limit).fold(0.1f64, f64::max) * 1.15;
    let rules: Vec<bars::Rule> = limit
        .map(|l| bars::Rule { at: l, label: format!("上限 {l:.2}"), strong: true, label_left: true })
        .into_iter()
        .collect();
    bars::draw(&bars, &rules, top, id, title, summary)
}

/// Schools whose verdict this year is 未达标, with what they lack.
fn lacking(site: &Site, findings: &Findings, year: i32) -> Vec<LackingRow> {
    let standard = site.standard();
    let sections = findings.year(site, year).map_or(&[][..], |j| j.sections.as_slice());
    sections
        .iter()
        .filter(|s| s.verdict == Some(false))
        .map(|s| LackingRow {
            school: school_link(site, &s.school),
            phase: s.phase.label(),
            met: s.met,
            total: s.indicators.len(),
            issues: standard
                .indicators
                .iter()
                .zip(&s.indicators)
                .filter(|(_, r)| matches!(r.mark, Mark::Short | Mark::Below | Mark::Missing))
                .map(|(d, r)| format!("{}（{}）", d.short, labels::mark(r.mark, r.rule).label))
                .collect(),
        })
        .collect()
}

/// The other standards' county figures, where the data allow any.
fn others(site: &Site, findings: &Findings, year: i32) -> Vec<OtherStandard> {
    site.standards
        .iter()
        .filter(|standard| standard.id != site.standard)
        .filter_map(|standard| {
            let county = &findings.standard_year(year, &standard.id)?.county;
            let counted =
                |p: &PhaseSpread| p.cvs.iter().zip(&standard.indicators).any(|(cv, d)| d.in_cv && cv.is_some());
            let any = county.iter().any(counted);
            any.then(|| OtherStandard { name: standard.name.clone(), phases: phases(standard, county, year) })
        })
        .collect()
}

//! Stage 3, evaluate: pure judgements over the model, as of the build date.
//!
//! `evaluate(&Site) → Findings`. No I/O and no clock: the date comes from the site model
//! (today, or `SOURCE_DATE_EPOCH`), so figures are the same on every machine.
//!
//! For every year of figures and every standard: each school section's ratios, marks and
//! verdict ([`verdict`]), and per 学段 the spread between schools ([`county`]). Then the plan
//! against the first year each school met the site's standard ([`progress`]), coverage of
//! pairings ([`coverage`]), exchange ratios ([`exchange`]) and the plan's duties ([`duties`]);
//! the spread over all years is read from the per-year figures ([`trend`]).

pub mod checks;
pub mod county;
pub mod coverage;
pub mod duties;
pub mod exchange;
pub mod method;
pub mod period;
pub mod progress;
pub mod ratio;
pub mod reported;
pub mod schools;
pub mod trend;
pub mod variation;
pub mod verdict;

use crate::model::Site;
use crate::model::id::{DocId, PairingId, SchoolId, StandardId};
use crate::model::school::Phase;
pub use period::PeriodState;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// One standard applied to one year's figures.
#[derive(Debug, Default)]
pub struct StandardYear {
    /// One per row of the year's figures, in the same order.
    pub sections: Vec<verdict::SectionResult>,
    /// Per 学段 that has figures (小学 first).
    pub county: Vec<county::PhaseSpread>,
    /// Each school with figures that year.
    pub schools: HashMap<SchoolId, SchoolYear>,
    /// The standard's county-level checks, in its order.
    pub checks: Vec<checks::CheckResult>,
    /// Schools the standard leaves out of the per-school indicators and the spread, and why.
    pub excluded: BTreeMap<SchoolId, String>,
}

/// A school in one year under one standard.
#[derive(Debug, Default)]
pub struct SchoolYear {
    /// Its sections: positions in [`StandardYear::sections`], in row order.
    pub sections: Vec<usize>,
    /// See [`verdict::school`].
    pub verdict: Option<bool>,
}

impl StandardYear {
    /// A school's sections that year, in row order.
    pub fn sections_of(&self, school: &SchoolId) -> impl Iterator<Item = &verdict::SectionResult> {
        self.schools.get(school).into_iter().flat_map(|s| s.sections.iter().map(|&i| &self.sections[i]))
    }
}

#[derive(Debug)]
pub struct Findings {
    /// The 公示 status of each document that has a notice period.
    pub notices: HashMap<DocId, PeriodState>,
    /// Where each pairing's cycle stands.
    pub pairings: HashMap<PairingId, PeriodState>,
    /// By year of figures, then by standard.
    pub years: BTreeMap<i32, BTreeMap<StandardId, StandardYear>>,
    /// The plan, judged by the site's standard.
    pub plan: progress::PlanFindings,
    /// Who is in a pairing, now and at each year's end, and the coverage targets judged.
    pub coverage: coverage::CoverageFindings,
    /// Exchange ratios of the years with eligible counts, newest first.
    pub exchange: Vec<exchange::YearRatios>,
    /// The plan's duties, by due date.
    pub duties: Vec<duties::Duty>,
    /// The county's verdict by the site standard's method, per year of county data, oldest first.
    pub county: Vec<method::CountyVerdict>,
    /// By year of figures: schools that reported under the site's standard, of those that should.
    pub reported: BTreeMap<i32, reported::Reported>,
}

impl Findings {
    /// A year's figures under a standard.
    pub fn standard_year(&self, year: i32, standard: &StandardId) -> Option<&StandardYear> {
        self.years.get(&year)?.get(standard)
    }

    /// The site standard's judgement of a year.
    pub fn year(&self, site: &Site, year: i32) -> Option<&StandardYear> {
        self.standard_year(year, &site.standard)
    }

    /// A school's verdict under the site's standard in a year (see [`verdict::school`]).
    pub fn school_verdict(&self, site: &Site, year: i32, school: &SchoolId) -> Option<bool> {
        self.year(site, year)?.schools.get(school)?.verdict
    }

    /// The most recent year whose figures every school that should report has given: the year
    /// headlines speak of.
    pub fn latest_complete_year(&self) -> Option<i32> {
        self.reported.iter().rev().find(|(_, r)| r.complete()).map(|(y, _)| *y)
    }

    /// The most recent year with figures for the school, and its verdict then.
    pub fn latest_verdict(&self, site: &Site, school: &SchoolId) -> Option<(i32, Option<bool>)> {
        site.figures.iter().rev().find_map(|f| {
            let judged = self.year(site, f.year)?.schools.get(school)?;
            Some((f.year, judged.verdict))
        })
    }
}

pub fn evaluate(site: &Site) -> Findings {
    let years: BTreeMap<i32, BTreeMap<StandardId, StandardYear>> = site
        .figures
        .par_iter()
        .map(|figures| {
            let judged = site
                .standards
                .iter()
                .map(|standard| {
                    let sections: Vec<verdict::SectionResult> =
                        figures.rows.iter().map(|row| verdict::section(row, standard)).collect();
                    let excluded = excluded(site, figures, standard);
                    let counted: Vec<verdict::SectionResult> =
                        sections.iter().filter(|s| !excluded.contains_key(&s.school)).cloned().collect();
                    // A 学段 that not every school reported is not judged on its spread.
                    let county = Phase::ALL
                        .into_iter()
                        .filter_map(|phase| {
                            let mut spread = county::spread(&counted, standard, phase)?;
                            if !reported::count(site, standard, figures, Some(phase)).complete() {
                                spread.within.iter_mut().for_each(|w| *w = None);
                                spread.ok = None;
                            }
                            Some(spread)
                        })
                        .collect();
                    let mut schools = schools(site, &sections);
                    for id in excluded.keys() {
                        if let Some(s) = schools.get_mut(id) {
                            s.verdict = None;
                        }
                    }
                    let checks = checks::county(figures, standard);
                    (standard.id.clone(), StandardYear { sections, county, schools, checks, excluded })
                })
                .collect();
            (figures.year, judged)
        })
        .collect();
    let mut findings = Findings {
        notices: site
            .documents
            .iter()
            .filter_map(|d| Some((d.id.clone(), period::state(d.notice_period?, site.today))))
            .collect(),
        pairings: site
            .pairings
            .iter()
            .filter_map(|p| Some((p.id.clone(), period::state(p.cycle?, site.today))))
            .collect(),
        years,
        plan: progress::PlanFindings::default(),
        coverage: coverage::coverage(site, site.today),
        exchange: exchange::ratios(site),
        duties: duties::duties(&site.plan, &site.pairings, &site.exchanges, site.today),
        county: Vec::new(),
        reported: site.figures.iter().map(|f| (f.year, reported::count(site, site.standard(), f, None))).collect(),
    };
    findings.county = county_verdicts(site, &findings);
    let figure_dates: Vec<(i32, crate::model::date::Date)> = site.figures.iter().map(|f| (f.year, f.as_of())).collect();
    let verdict = |school: &SchoolId, year: i32| findings.school_verdict(site, year, school);
    findings.plan = progress::progress(&site.plan, verdict, &figure_dates, site.today);
    findings
}

/// The county's verdict for each year of county data, by the site standard's method.
fn county_verdicts(site: &Site, findings: &Findings) -> Vec<method::CountyVerdict> {
    let Some(m) = site.standard().method.as_ref() else { return Vec::new() };
    site.county
        .iter()
        .map(|data| {
            let figures = site.figures.iter().find(|f| f.year == data.year);
            // A year not every school reported says nothing of the county's schools.
            let partial = findings.reported.get(&data.year).filter(|r| !r.complete());
            let inputs = method::Inputs {
                schools: &site.schools,
                standard: site.standard(),
                figures: figures.and_then(|f| Some((f, findings.year(site, f.year)?))),
                figures_unusable: partial
                    .map(|r| format!("{} 年的学校数据不全：应报 {} 所，已报 {} 所", data.year, r.expected, r.reported)),
                exchange: findings.exchange.iter().find(|e| e.year == data.year),
            };
            method::county(m, data, &inputs)
        })
        .collect()
}

/// The schools of a year's figures that the standard leaves out, with the reason.
fn excluded(
    site: &Site,
    figures: &crate::model::indicator::Figures,
    standard: &crate::model::standard::Standard,
) -> BTreeMap<SchoolId, String> {
    let mut students: BTreeMap<&SchoolId, Option<crate::model::number::Decimal>> = BTreeMap::new();
    for row in &figures.rows {
        let sum = students.entry(&row.school).or_insert(Some(crate::model::number::Decimal::ZERO));
        *sum = sum.zip(row.get("students")).map(|(a, b)| a.plus(b));
    }
    students
        .into_iter()
        .filter_map(|(id, n)| {
            let kind = site.schools.get(id)?.kind;
            Some((id.clone(), standard.exclude.reason(kind, n)?))
        })
        .collect()
}

/// Each school's sections and verdict in one year's results.
fn schools(site: &Site, sections: &[verdict::SectionResult]) -> HashMap<SchoolId, SchoolYear> {
    let mut out: HashMap<SchoolId, SchoolYear> = HashMap::new();
    for (i, s) in sections.iter().enumerate() {
        out.entry(s.school.clone()).or_default().sections.push(i);
    }
    for (id, year) in &mut out {
        let ours: Vec<&verdict::SectionResult> = year.sections.iter().map(|&i| &sections[i]).collect();
        let phases = site.schools.get(id).map_or(&[][..], |s| s.stage.phases());
        year.verdict = verdict::school(&ours, phases);
    }
    out
}

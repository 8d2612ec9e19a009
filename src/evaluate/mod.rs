//! Stage 3, evaluate: pure judgements over the model, as of the build date.
//!
//! `evaluate(&Site) → Findings`. No I/O and no clock: the date comes from the site model
//! (today, or `SOURCE_DATE_EPOCH`), so figures are the same on every machine.
//!
//! For every year of figures and every standard: each school section's ratios, marks and
//! verdict ([`verdict`]), and per 学段 the spread between schools ([`county`]). Then the plan
//! against the first year each school met the site's standard ([`progress`]).

pub mod county;
pub mod period;
pub mod progress;
pub mod ratio;
pub mod variation;
pub mod verdict;

use crate::model::Site;
use crate::model::school::Phase;
pub use period::PeriodState;
use rayon::prelude::*;

/// One standard applied to one year's figures.
#[derive(Debug, Default)]
pub struct StandardYear {
    /// One per row of the year's figures, in the same order.
    pub sections: Vec<verdict::SectionResult>,
    /// Per 学段 that has figures (小学 first).
    pub county: Vec<county::PhaseSpread>,
}

#[derive(Debug, Default)]
pub struct Findings {
    /// The 公示 status of each document that has a notice period, by index in `Site::documents`.
    pub notices: Vec<Option<PeriodState>>,
    /// Where each pairing's cycle stands, by index in `Site::pairings`.
    pub pairings: Vec<Option<PeriodState>>,
    /// `years[y][s]`: the figures `Site::figures[y]` under the standard `Site::standards[s]`.
    pub years: Vec<Vec<StandardYear>>,
    /// The plan, judged by the site's standard.
    pub plan: progress::PlanFindings,
}

impl Findings {
    /// The site standard's judgement of year `y`.
    pub fn year(&self, site: &Site, y: usize) -> &StandardYear {
        &self.years[y][site.standard]
    }

    /// A school's verdict under the site's standard in year `y` (see [`verdict::school`]).
    pub fn school_verdict(&self, site: &Site, y: usize, school: usize) -> Option<bool> {
        verdict::school(&self.year(site, y).sections, school, site.schools[school].stage.phases())
    }

    /// The most recent year with figures for the school, and its verdict then.
    pub fn latest_verdict(&self, site: &Site, school: usize) -> Option<(i32, Option<bool>)> {
        (0..site.figures.len())
            .rev()
            .find(|&y| site.figures[y].rows.iter().any(|r| r.school == school))
            .map(|y| (site.figures[y].year, self.school_verdict(site, y, school)))
    }
}

pub fn evaluate(site: &Site) -> Findings {
    let years: Vec<Vec<StandardYear>> = site
        .figures
        .par_iter()
        .map(|figures| {
            site.standards
                .iter()
                .map(|standard| {
                    let sections: Vec<verdict::SectionResult> =
                        figures.rows.iter().map(|row| verdict::section(row, standard)).collect();
                    let county =
                        Phase::ALL.into_iter().filter_map(|phase| county::spread(&sections, standard, phase)).collect();
                    StandardYear { sections, county }
                })
                .collect()
        })
        .collect();
    let mut findings = Findings {
        notices: site.documents.iter().map(|d| d.notice_period.map(|p| period::state(p, site.today))).collect(),
        pairings: site.pairings.iter().map(|p| p.cycle.map(|c| period::state(c, site.today))).collect(),
        years,
        plan: progress::PlanFindings::default(),
    };
    let figure_dates: Vec<(i32, crate::model::date::Date)> = site.figures.iter().map(|f| (f.year, f.as_of())).collect();
    let first_met = |school: usize| {
        (0..site.figures.len())
            .find(|&y| findings.school_verdict(site, y, school) == Some(true))
            .map(|y| figure_dates[y])
    };
    findings.plan = progress::progress(&site.plan, first_met, &figure_dates, site.today);
    findings
}

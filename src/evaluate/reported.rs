//! How complete a year of figures is: of the schools that should report (在办 schools of the
//! 学段 the standard covers), how many have a row. A year partly imported (5 of 19 schools) is
//! shown as partial; it never takes over a headline, and its spread between schools is not
//! judged, since a coefficient over 5 of 13 小学 says nothing of the county.

use crate::model::Site;
use crate::model::indicator::Figures;
use crate::model::school::{Phase, Status};
use crate::model::standard::Standard;

/// Schools that reported a year, of those that should.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reported {
    pub reported: usize,
    pub expected: usize,
}

impl Reported {
    /// Every school that should report has a row.
    pub fn complete(&self) -> bool {
        self.reported >= self.expected
    }
}

/// Whether the standard judges a 学段 at all: a threshold or a limit on the spread.
fn covers(standard: &Standard, phase: Phase) -> bool {
    standard.cv.limits.get(phase).is_some() || standard.indicators.iter().any(|i| i.thresholds.get(phase).is_some())
}

/// A year's figures against the 在办 schools with a 学段 in `phases` (all the standard covers
/// when `None`): a school counts as reported when it has a row.
pub fn count(site: &Site, standard: &Standard, figures: &Figures, phase: Option<Phase>) -> Reported {
    let mut out = Reported { reported: 0, expected: 0 };
    // The rows by school and 学段, looked up rather than scanned for each school (1,000 schools
    // by 1,000 rows is a million comparisons).
    let rows: std::collections::HashSet<(&crate::model::id::SchoolId, Phase)> =
        figures.rows.iter().map(|r| (&r.school, r.phase)).collect();
    for school in site.schools.iter().filter(|s| s.status == Status::Open) {
        let ours = |p: &Phase| covers(standard, *p) && phase.is_none_or(|only| only == *p);
        // Schools the standard leaves out by kind (特殊教育学校) need not report.
        if !school.stage.phases().iter().any(ours) || standard.exclude.kinds.contains(&school.kind) {
            continue;
        }
        out.expected += 1;
        let has_row = Phase::ALL.iter().any(|p| ours(p) && rows.contains(&(&school.id, *p)));
        out.reported += usize::from(has_row);
    }
    out
}

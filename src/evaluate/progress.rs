//! The 达标 plan against what happened: for each planned school, whether it met the standard
//! ahead of time, on time, late, not yet, or is overdue, and whether it still meets it in its
//! latest figures (a school that met it once and no longer does has fallen back, 回落); the
//! cumulative share planned, and the planned schools meeting the standard in each year's
//! figures. (The plan's milestones are judged in [`super::duties`].)

use crate::model::date::{Date, Month};
use crate::model::id::SchoolId;
use crate::model::plan::Plan;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanStatus {
    /// 提前达标: met in a year before the one it was due in.
    Ahead,
    /// 按期达标
    OnTime,
    /// 逾期达标: met, but after the due date.
    Late,
    /// 未到期: not met yet, not due yet.
    NotYet,
    /// 逾期未达标
    Overdue,
    /// 已回落: met once, but not in the latest state (figures, or coverage on the build date).
    Lapsed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SchoolPlan {
    pub school: SchoolId,
    pub due: Month,
    /// The year of the first figures in which the school met the standard, and their date.
    pub met: Option<(i32, Date)>,
    /// The school's latest year of figures with a verdict, and that verdict.
    pub latest: Option<(i32, bool)>,
    pub status: PlanStatus,
}

/// The cumulative number of planned schools due by a month, or having met by a date.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub date: Date,
    pub label: String,
    pub count: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanFindings {
    /// In the plan's order.
    pub schools: Vec<SchoolPlan>,
    /// Position in `schools` of each planned school.
    by_school: HashMap<SchoolId, usize>,
    /// Planned: cumulative schools due by each target month.
    pub planned: Vec<Point>,
    /// Actual: planned schools meeting the standard as of each year's figures (their latest
    /// verdict up to that year), so a school that fell back no longer counts.
    pub actual: Vec<Point>,
}

impl PlanFindings {
    /// Where a planned school stands; `None` for a school the plan does not name.
    pub fn school(&self, id: &SchoolId) -> Option<&SchoolPlan> {
        self.by_school.get(id).map(|&i| &self.schools[i])
    }
}

/// `verdict(school, year)` gives a school's verdict in a year (`None`: no figures or not
/// judged); `figure_dates` are every year's (year, date of figures), oldest first.
pub fn progress(
    plan: &Plan,
    verdict: impl Fn(&SchoolId, i32) -> Option<bool>,
    figure_dates: &[(i32, Date)],
    today: Date,
) -> PlanFindings {
    // Each planned school's verdict per year of figures, in the order of `figure_dates`.
    let history = |school: &SchoolId| -> Vec<Option<bool>> {
        figure_dates.iter().map(|&(year, _)| verdict(school, year)).collect()
    };
    let mut held_by_year = vec![0; figure_dates.len()];
    let schools: Vec<SchoolPlan> = plan
        .targets
        .iter()
        .flat_map(|t| t.schools.iter().map(move |s| (s, t.by)))
        .map(|(school, due)| {
            let verdicts = history(school);
            let met = verdicts.iter().position(|v| *v == Some(true)).map(|i| figure_dates[i]);
            let mut latest = None;
            for (i, v) in verdicts.iter().enumerate() {
                if let Some(v) = *v {
                    latest = Some((figure_dates[i].0, v));
                }
                held_by_year[i] += usize::from(latest.is_some_and(|(_, held)| held));
            }
            let status = status(due, met, latest.map(|(_, held)| held), today);
            SchoolPlan { school: school.clone(), due, met, latest, status }
        })
        .collect();
    let by_school = schools.iter().enumerate().map(|(i, s)| (s.school.clone(), i)).collect();
    let mut planned = Vec::new();
    let mut count = 0;
    for t in &plan.targets {
        count += t.schools.len();
        planned.push(Point { date: t.by.last_day(), label: t.by.to_string(), count });
    }
    let actual = figure_dates
        .iter()
        .zip(held_by_year)
        .map(|(&(year, date), count)| Point { date, label: year.to_string(), count })
        .collect();
    PlanFindings { schools, by_school, planned, actual }
}

/// `met`: when the target was first reached; `holds`: whether it is reached in the latest
/// state (`None`: unknown, judged by `met` alone). Reached once and not now is [`PlanStatus::Lapsed`]
/// whatever the dates: a target is a state to hold, not a date once touched.
pub fn status(due: Month, met: Option<(i32, Date)>, holds: Option<bool>, today: Date) -> PlanStatus {
    let due_date = due.last_day();
    match met {
        Some(_) if holds == Some(false) => PlanStatus::Lapsed,
        Some((year, _)) if year < due.year => PlanStatus::Ahead,
        Some((_, date)) if date <= due_date => PlanStatus::OnTime,
        Some(_) => PlanStatus::Late,
        None if today > due_date => PlanStatus::Overdue,
        None => PlanStatus::NotYet,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::{parse_date, parse_month};
    use crate::model::plan::Target;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn ids(names: &[&str]) -> Vec<SchoolId> {
        names.iter().map(|n| SchoolId::new(n)).collect()
    }

    #[test]
    fn classifies_each_planned_school() {
        let today = d("2023-03-01");
        let due = parse_month("2021-12").unwrap();
        let held = Some(true);
        assert_eq!(status(due, Some((2020, d("2020-09-30"))), held, today), PlanStatus::Ahead);
        assert_eq!(status(due, Some((2021, d("2021-09-30"))), held, today), PlanStatus::OnTime);
        assert_eq!(status(due, Some((2022, d("2022-09-30"))), held, today), PlanStatus::Late);
        assert_eq!(status(due, None, None, today), PlanStatus::Overdue);
        assert_eq!(status(parse_month("2023-12").unwrap(), None, None, today), PlanStatus::NotYet);
        // Due on the last day of the month: figures of 2021-12-31 are on time.
        assert_eq!(status(due, Some((2021, d("2021-12-31"))), held, today), PlanStatus::OnTime);
        // Met on time once, not met now: fallen back, never 按期达标.
        assert_eq!(status(due, Some((2021, d("2021-09-30"))), Some(false), today), PlanStatus::Lapsed);
        // Unknown now (no verdict): judged by when it was met.
        assert_eq!(status(due, Some((2021, d("2021-09-30"))), None, today), PlanStatus::OnTime);
    }

    #[test]
    fn counts_planned_and_actual_cumulatively() {
        // Five schools: 0 and 1 due 2020-12, 2 and 3 due 2021-12, 4 due 2022-12 (40/40/20%).
        let plan = Plan {
            targets: vec![
                Target { by: parse_month("2020-12").unwrap(), schools: ids(&["s0", "s1"]) },
                Target { by: parse_month("2021-12").unwrap(), schools: ids(&["s2", "s3"]) },
                Target { by: parse_month("2022-12").unwrap(), schools: ids(&["s4"]) },
            ],
            ..Plan::default()
        };
        // School 0 met in 2020, 1 and 2 in 2021, 3 in 2022 (late), 4 never; once met, each
        // keeps meeting it, except school 2, below the standard again in 2022 (回落).
        let verdict = |s: &SchoolId, year: i32| match (s.as_str(), year) {
            ("s0", _) => Some(true),
            ("s1", y) => Some(y >= 2021),
            ("s2", y) => Some(y == 2021),
            ("s3", y) => Some(y >= 2022),
            _ => Some(false),
        };
        let years = [(2020, d("2020-09-30")), (2021, d("2021-09-30")), (2022, d("2022-09-30"))];
        let p = progress(&plan, verdict, &years, d("2023-01-15"));
        let planned: Vec<usize> = p.planned.iter().map(|x| x.count).collect();
        let actual: Vec<usize> = p.actual.iter().map(|x| x.count).collect();
        assert_eq!(planned, [2, 4, 5]);
        // 2022: s0, s1 and s3 meet it; s2 has fallen back and no longer counts.
        assert_eq!(actual, [1, 3, 3]);
        let statuses: Vec<PlanStatus> = p.schools.iter().map(|s| s.status).collect();
        use PlanStatus::*;
        assert_eq!(statuses, [OnTime, Late, Lapsed, Late, Overdue]);
        let s2 = p.school(&SchoolId::new("s2")).unwrap();
        assert_eq!((s2.met.map(|m| m.0), s2.latest), (Some(2021), Some((2022, false))));
    }

    #[test]
    fn a_year_without_a_verdict_keeps_the_one_before() {
        let plan = Plan {
            targets: vec![Target { by: parse_month("2021-12").unwrap(), schools: ids(&["s0"]) }],
            ..Plan::default()
        };
        // Met in 2021, no figures in 2022: still counted as meeting the standard, from 2021's.
        let verdict = |_: &SchoolId, year: i32| (year == 2021).then_some(true);
        let years = [(2021, d("2021-09-30")), (2022, d("2022-09-30"))];
        let p = progress(&plan, verdict, &years, d("2023-01-15"));
        assert_eq!(p.actual.iter().map(|x| x.count).collect::<Vec<_>>(), [1, 1]);
        assert_eq!((p.schools[0].latest, p.schools[0].status), (Some((2021, true)), PlanStatus::OnTime));
    }
}

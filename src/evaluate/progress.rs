//! The 达标 plan against what happened: for each planned school, whether it met the standard
//! ahead of time, on time, late, not yet, or is overdue; the cumulative share planned and
//! reached over time. (The plan's milestones are judged in [`super::duties`].)

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
}

#[derive(Clone, Debug, PartialEq)]
pub struct SchoolPlan {
    pub school: SchoolId,
    pub due: Month,
    /// The year of the first figures in which the school met the standard, and their date.
    pub met: Option<(i32, Date)>,
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
    /// Actual: cumulative planned schools that had met the standard by each year's figures.
    pub actual: Vec<Point>,
}

impl PlanFindings {
    /// Where a planned school stands; `None` for a school the plan does not name.
    pub fn school(&self, id: &SchoolId) -> Option<&SchoolPlan> {
        self.by_school.get(id).map(|&i| &self.schools[i])
    }
}

/// `first_met(school)` gives the first (year, date of figures) the school met the standard;
/// `figure_dates` are every year's (year, date of figures), oldest first.
pub fn progress(
    plan: &Plan,
    first_met: impl Fn(&SchoolId) -> Option<(i32, Date)>,
    figure_dates: &[(i32, Date)],
    today: Date,
) -> PlanFindings {
    let schools: Vec<SchoolPlan> = plan
        .targets
        .iter()
        .flat_map(|t| t.schools.iter().map(move |s| (s, t.by)))
        .map(|(school, due)| {
            let met = first_met(school);
            SchoolPlan { school: school.clone(), due, met, status: status(due, met, today) }
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
        .map(|&(year, date)| Point {
            date,
            label: year.to_string(),
            count: schools.iter().filter(|s| s.met.is_some_and(|(_, d)| d <= date)).count(),
        })
        .collect();
    PlanFindings { schools, by_school, planned, actual }
}

pub fn status(due: Month, met: Option<(i32, Date)>, today: Date) -> PlanStatus {
    let due_date = due.last_day();
    match met {
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
        assert_eq!(status(due, Some((2020, d("2020-09-30"))), today), PlanStatus::Ahead);
        assert_eq!(status(due, Some((2021, d("2021-09-30"))), today), PlanStatus::OnTime);
        assert_eq!(status(due, Some((2022, d("2022-09-30"))), today), PlanStatus::Late);
        assert_eq!(status(due, None, today), PlanStatus::Overdue);
        assert_eq!(status(parse_month("2023-12").unwrap(), None, today), PlanStatus::NotYet);
        // Due on the last day of the month: figures of 2021-12-31 are on time.
        assert_eq!(status(due, Some((2021, d("2021-12-31"))), today), PlanStatus::OnTime);
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
        // School 0 met in 2020, 1 and 2 in 2021, 3 in 2022 (late), 4 never.
        let met = |s: &SchoolId| match s.as_str() {
            "s0" => Some((2020, d("2020-09-30"))),
            "s1" | "s2" => Some((2021, d("2021-09-30"))),
            "s3" => Some((2022, d("2022-09-30"))),
            _ => None,
        };
        let years = [(2020, d("2020-09-30")), (2021, d("2021-09-30")), (2022, d("2022-09-30"))];
        let p = progress(&plan, met, &years, d("2023-01-15"));
        let planned: Vec<usize> = p.planned.iter().map(|x| x.count).collect();
        let actual: Vec<usize> = p.actual.iter().map(|x| x.count).collect();
        assert_eq!(planned, [2, 4, 5]);
        assert_eq!(actual, [1, 3, 4]);
        let statuses: Vec<PlanStatus> = p.schools.iter().map(|s| s.status).collect();
        use PlanStatus::*;
        assert_eq!(statuses, [OnTime, Late, OnTime, Late, Overdue]);
    }
}

//! The plan's duties as dated occurrences: a yearly milestone becomes one duty per year, a
//! duty of every lead school one per lead school; each is done (on time or late), due, or
//! overdue as of the build date.

use crate::model::Site;
use crate::model::date::Date;
use crate::model::id::SchoolId;
use crate::model::milestone::{Due, Evidence, Milestone, Owner};
use crate::model::school::Party;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DutyState {
    /// 按时完成
    Done,
    /// 逾期完成
    DoneLate,
    /// 未到期
    Due,
    /// 逾期未完成
    Overdue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Duty {
    /// Position of its milestone in the plan.
    pub milestone: usize,
    pub year: i32,
    pub due: Date,
    /// `None`: the bureau's own duty.
    pub owner: Option<SchoolId>,
    pub done: Option<Date>,
    pub state: DutyState,
}

/// A yearly duty with no end year runs to the year after the build date, so the next one shows.
const AHEAD: i32 = 1;
/// No plan runs longer; a typo like 起始年度 1917 must not make a million duties.
const MAX_YEARS: i32 = 100;

/// Every duty of the plan, by due date, then in the plan's order, then by owner.
pub fn duties(site: &Site, today: Date) -> Vec<Duty> {
    let mut out: Vec<Duty> = Vec::new();
    for (i, m) in site.plan.milestones.iter().enumerate() {
        for (year, due) in occurrences(m, today) {
            for owner in owners(site, &m.owner, due) {
                let done = m.done_on(year, owner.as_ref()).or_else(|| evidence(site, m.evidence?, year));
                out.push(Duty { milestone: i, year, due, owner, done, state: state(due, done, today) });
            }
        }
    }
    out.sort_by_key(|d| (d.due, d.milestone));
    out
}

/// Each (year, due date) a milestone falls due.
fn occurrences(m: &Milestone, today: Date) -> Vec<(i32, Date)> {
    match m.due {
        Due::Once(d) => vec![(d.year(), d)],
        Due::Yearly { month, day, from, until } => {
            let last = until.unwrap_or((today.year() + AHEAD).max(from)).min(from + MAX_YEARS - 1);
            (from..=last).filter_map(|y| Some((y, Due::in_year(month, day, y)?))).collect()
        }
    }
}

/// Who owes one occurrence: lead schools are those of the pairings in effect on the due date
/// or starting within a year after it (a plan due 8月10日 is for the school year that follows).
fn owners(site: &Site, owner: &Owner, due: Date) -> Vec<Option<SchoolId>> {
    match owner {
        Owner::Bureau => vec![None],
        Owner::Schools(ids) => ids.iter().cloned().map(Some).collect(),
        Owner::LeadSchools => {
            let horizon = due.replace_year(due.year() + 1).unwrap_or(due);
            let mut leads: Vec<Option<SchoolId>> = Vec::new();
            for p in &site.pairings {
                let in_effect = p.cycle.is_none_or(|c| c.start <= horizon && c.end >= due);
                if let (true, Party::School(id)) = (in_effect, &p.lead)
                    && !leads.iter().flatten().any(|l| l == id)
                {
                    leads.push(Some(id.clone()));
                }
            }
            leads
        }
    }
}

/// The date a record of the site shows the duty done.
fn evidence(site: &Site, evidence: Evidence, year: i32) -> Option<Date> {
    match evidence {
        Evidence::ExchangeList => site.exchanges.iter().find(|l| l.year == year)?.published,
    }
}

pub fn state(due: Date, done: Option<Date>, today: Date) -> DutyState {
    match done {
        Some(d) if d <= due => DutyState::Done,
        Some(_) => DutyState::DoneLate,
        None if today > due => DutyState::Overdue,
        None => DutyState::Due,
    }
}

//! The plan's duties as dated occurrences: a yearly milestone becomes one duty per year, a
//! duty of every lead school one per lead school; each is done (on time or late), due, or
//! overdue as of the build date.

use crate::model::date::Date;
use crate::model::exchange::ExchangeList;
use crate::model::id::SchoolId;
use crate::model::milestone::{Due, Evidence, Milestone, Owner};
use crate::model::pairing::Pairing;
use crate::model::plan::Plan;
use crate::model::school::Party;

/// Ordered from best to worst, so that a duty of several owners is as late as its latest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
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

/// How many days ahead a duty not yet done is 即将到期 (due soon): due within 30 days of the
/// build date, that day included. A duty further ahead is simply not yet due (待办).
pub const SOON_DAYS: i64 = 30;

/// Whether a duty due on `due`, not done, is due soon as of `today` (see [`SOON_DAYS`]).
pub fn due_soon(due: Date, today: Date) -> bool {
    today <= due && (due - today).whole_days() <= SOON_DAYS
}

/// A yearly duty with no end year runs to the year after the build date, so the next one shows.
const AHEAD: i32 = 1;
/// No plan runs longer; a typo like 起始年度 1917 must not make a million duties.
const MAX_YEARS: i32 = 100;

/// Every duty of the plan, by due date, then in the plan's order, then by owner.
pub fn duties(plan: &Plan, pairings: &[Pairing], exchanges: &[ExchangeList], today: Date) -> Vec<Duty> {
    let mut out: Vec<Duty> = Vec::new();
    for (i, m) in plan.milestones.iter().enumerate() {
        for (year, due) in occurrences(m, today) {
            for owner in owners(pairings, &m.owner, due) {
                let done = m.done_on(year, owner.as_ref()).or_else(|| evidence(exchanges, m.evidence?, year));
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
fn owners(pairings: &[Pairing], owner: &Owner, due: Date) -> Vec<Option<SchoolId>> {
    match owner {
        Owner::Bureau => vec![None],
        Owner::Schools(ids) => ids.iter().cloned().map(Some).collect(),
        Owner::LeadSchools => {
            let horizon = due.replace_year(due.year() + 1).unwrap_or(due);
            let mut leads: Vec<Option<SchoolId>> = Vec::new();
            for p in pairings {
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
fn evidence(exchanges: &[ExchangeList], evidence: Evidence, year: i32) -> Option<Date> {
    match evidence {
        Evidence::ExchangeList => exchanges.iter().find(|l| l.year == year)?.published,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Span};
    use crate::model::date::{Period, parse_date};
    use crate::model::id::PairingId;
    use crate::model::milestone::Done;
    use DutyState as S;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn id(s: &str) -> SchoolId {
        SchoolId::new(s)
    }

    fn pairing(lead: &str, start: &str, end: &str) -> Pairing {
        Pairing {
            id: PairingId::new(lead),
            span: Span::file_start(FileId(0)),
            form: "区内共建".into(),
            name: None,
            lead: Party::School(id(lead)),
            members: vec![],
            cycle: Some(Period { start: d(start), end: d(end) }),
            policy: None,
        }
    }

    fn milestone(due: Due, owner: Owner, done: Vec<Done>, evidence: Option<Evidence>) -> Milestone {
        Milestone { title: "上报方案".into(), due, owner, done, evidence, policy: None }
    }

    fn plan(milestones: Vec<Milestone>) -> Plan {
        Plan { milestones, ..Plan::default() }
    }

    #[test]
    fn a_yearly_duty_of_every_lead_school_expands_per_year_and_lead() {
        // Leads a (2017-09..2020-08) and b (2019-09..2022-08); 方案 due every 08-10 from 2017.
        let pairings = [pairing("a", "2017-09-01", "2020-08-31"), pairing("b", "2019-09-01", "2022-08-31")];
        let done = vec![
            Done { year: Some(2017), school: None, date: d("2017-08-08") },
            Done { year: Some(2019), school: Some(id("b")), date: d("2019-08-12") },
        ];
        let m = milestone(Due::Yearly { month: 8, day: 10, from: 2017, until: None }, Owner::LeadSchools, done, None);
        let duties = duties(&plan(vec![m]), &pairings, &[], d("2019-09-01"));
        let seen: Vec<(String, Option<&str>, DutyState)> =
            duties.iter().map(|x| (x.due.to_string(), x.owner.as_ref().map(|o| o.as_str()), x.state)).collect();
        assert_eq!(
            seen,
            [
                // 2017: a only (b starts more than a year later); done on time by the year entry.
                ("2017-08-10".into(), Some("a"), S::Done),
                // 2018: a, not done, past due.
                ("2018-08-10".into(), Some("a"), S::Overdue),
                // 2019: a, and b (its cycle starts within a year): b done two days late.
                ("2019-08-10".into(), Some("a"), S::Overdue),
                ("2019-08-10".into(), Some("b"), S::DoneLate),
                // 2020: runs to the year after the build date; a's cycle is still in effect.
                ("2020-08-10".into(), Some("a"), S::Due),
                ("2020-08-10".into(), Some("b"), S::Due),
            ]
        );
    }

    #[test]
    fn a_duty_is_done_when_its_record_exists() {
        let list = |year: i32, published: Option<&str>| ExchangeList {
            year,
            span: Span::file_start(FileId(0)),
            published: published.map(d),
            people: vec![],
            eligible: vec![],
        };
        let exchanges = [list(2017, Some("2017-08-20")), list(2018, Some("2018-08-25")), list(2019, None)];
        let m = milestone(
            Due::Yearly { month: 8, day: 20, from: 2017, until: Some(2019) },
            Owner::Bureau,
            vec![],
            Some(Evidence::ExchangeList),
        );
        let duties = duties(&plan(vec![m]), &[], &exchanges, d("2019-12-01"));
        let states: Vec<(i32, Option<String>, DutyState)> =
            duties.iter().map(|x| (x.year, x.done.map(|d| d.to_string()), x.state)).collect();
        assert_eq!(
            states,
            [
                (2017, Some("2017-08-20".into()), S::Done),
                (2018, Some("2018-08-25".into()), S::DoneLate),
                // A list without its 公布日期 does not show when it was made public.
                (2019, None, S::Overdue),
            ]
        );
    }

    #[test]
    fn named_owners_each_owe_a_once_duty() {
        let m = milestone(
            Due::Once(d("2024-03-31")),
            Owner::Schools(vec![id("x"), id("y")]),
            vec![Done { year: None, school: Some(id("y")), date: d("2024-03-30") }],
            None,
        );
        let duties = duties(&plan(vec![m]), &[], &[], d("2024-04-01"));
        let states: Vec<DutyState> = duties.iter().map(|x| x.state).collect();
        assert_eq!(states, [DutyState::Overdue, DutyState::Done]);
    }

    #[test]
    fn due_soon_is_within_thirty_days_of_the_build_date() {
        let today = d("2026-11-23");
        assert!(due_soon(d("2026-11-23"), today), "due today");
        assert!(due_soon(d("2026-12-10"), today));
        assert!(due_soon(d("2026-12-23"), today), "the 30th day");
        assert!(!due_soon(d("2026-12-24"), today), "the 31st day");
        assert!(!due_soon(d("2027-07-31"), today), "eight months away");
        assert!(!due_soon(d("2026-11-22"), today), "past due is overdue, not due soon");
    }

    #[test]
    fn february_29_falls_on_the_28th_in_other_years() {
        assert_eq!(Due::in_year(2, 29, 2023), Some(d("2023-02-28")));
        assert_eq!(Due::in_year(2, 29, 2024), Some(d("2024-02-29")));
    }
}

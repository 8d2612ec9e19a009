//! The plan's duties on pages: one entry per milestone and year, with the state of each owner
//! (a lead school that has not sent its plan shows by name), for the dashboard's timeline and
//! the home page's agenda (overdue, due soon, later). A duty not done and due within
//! `duties::SOON_DAYS` reads 即将到期; one further ahead 未到期.

use super::{Badge, PartyView, PolicyRef, labels, policy_ref, school_link};
use crate::evaluate::Findings;
use crate::evaluate::duties::{self, Duty, DutyState};
use crate::model::Site;
use serde::Serialize;

#[derive(Debug, Serialize, Clone)]
pub struct OwnerState {
    pub school: PartyView,
    pub state: Badge,
    pub done: Option<String>,
}

/// A milestone's duty in one year.
#[derive(Debug, Serialize, Clone)]
pub struct DutyView {
    pub title: String,
    pub due: String,
    /// The whole duty's state: the worst of its owners'.
    pub state: Badge,
    /// For a duty with one owner or none.
    pub done: Option<String>,
    /// Schools that owe it, each with its state; empty for the bureau's own duty.
    pub owners: Vec<OwnerState>,
    /// `3/8 所已完成`, for a duty of several schools.
    pub progress: Option<String>,
    pub policy: Option<PolicyRef>,
    /// The entry's id on the dashboard (`duty-2-2019-08-10`: milestone and due date), a target
    /// for links from the home page and the duties feed.
    pub anchor: String,
    #[serde(skip)]
    worst: DutyState,
    #[serde(skip)]
    milestone: usize,
    #[serde(skip)]
    due_on: crate::model::date::Date,
}

#[derive(Debug, Serialize)]
pub struct Agenda {
    pub overdue: Vec<DutyView>,
    /// Of the next not-yet-due duties, those due within `soon_days` (即将到期).
    pub upcoming: Vec<DutyView>,
    /// The others of them, due later (待办).
    pub later: Vec<DutyView>,
    pub soon_days: i64,
}

/// How many not-yet-due duties the home page lists (due soon and later together).
const UPCOMING: usize = 5;

/// The duties grouped by milestone and year, by due date.
pub fn all(site: &Site, findings: &Findings) -> Vec<DutyView> {
    grouped(site, &findings.duties)
}

/// For each of some milestones (positions in the plan), its latest duty due by the build date,
/// else its first: a policy page names the milestone once, not every year of it.
pub fn of_milestones(site: &Site, findings: &Findings, milestones: &[usize]) -> Vec<DutyView> {
    let groups = all(site, findings);
    let mut out = Vec::new();
    for &m in milestones {
        let ours: Vec<DutyView> = groups.iter().filter(|g| g.milestone == m).cloned().collect();
        let pick = ours.iter().rposition(|g| g.due_on <= site.today).unwrap_or(0);
        out.extend(ours.into_iter().nth(pick));
    }
    out
}

fn grouped(site: &Site, duties: &[Duty]) -> Vec<DutyView> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < duties.len() {
        let first = &duties[start];
        let end =
            start + duties[start..].iter().take_while(|d| d.milestone == first.milestone && d.due == first.due).count();
        out.push(group(site, &duties[start..end]));
        start = end;
    }
    out
}

fn group(site: &Site, duties: &[Duty]) -> DutyView {
    let first = &duties[0];
    let m = &site.plan.milestones[first.milestone];
    let worst = duties.iter().map(|d| d.state).max().unwrap_or(first.state);
    let owners: Vec<OwnerState> = duties
        .iter()
        .filter_map(|d| {
            Some(OwnerState {
                school: school_link(site, d.owner.as_ref()?),
                state: badge(d.state, d.due, site.today),
                done: d.done.map(|x| x.to_string()),
            })
        })
        .collect();
    let finished = duties.iter().filter(|d| d.done.is_some()).count();
    DutyView {
        title: m.title.clone(),
        due: first.due.to_string(),
        state: badge(worst, first.due, site.today),
        done: (duties.len() == 1).then(|| first.done.map(|d| d.to_string())).flatten(),
        progress: (owners.len() > 1).then(|| format!("{finished}/{} 所已完成", owners.len())),
        owners,
        policy: m.policy.as_ref().map(|p| policy_ref(site, &p.value)),
        anchor: format!("duty-{}-{}", first.milestone, first.due),
        worst,
        milestone: first.milestone,
        due_on: first.due,
    }
}

/// A duty's state on a page: not done and due within the window reads 即将到期.
fn badge(state: DutyState, due: crate::model::date::Date, today: crate::model::date::Date) -> Badge {
    if state == DutyState::Due && duties::due_soon(due, today) {
        Badge::new("即将到期", "due-soon")
    } else {
        labels::duty(state)
    }
}

impl DutyView {
    pub fn due_on(&self) -> crate::model::date::Date {
        self.due_on
    }
}

/// Overdue duties, and the next ones due, for the home page: those due soon apart from later.
pub fn agenda(site: &Site, findings: &Findings) -> Agenda {
    let (overdue, rest): (Vec<DutyView>, Vec<DutyView>) =
        all(site, findings).into_iter().partition(|d| d.worst == DutyState::Overdue);
    let next = rest.into_iter().filter(|d| d.worst == DutyState::Due).take(UPCOMING);
    let (upcoming, later) = next.partition(|d| duties::due_soon(d.due_on, site.today));
    Agenda { overdue, upcoming, later, soon_days: duties::SOON_DAYS }
}

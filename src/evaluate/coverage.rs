//! Who is in a pairing (覆盖): the share of 在办 schools in an active pairing on a date, per
//! form and for any form, by 学段 and by 城乡; the schools left out; and each coverage target
//! of the plan judged like a 达标 target.
//!
//! A pairing is active on the days of its cycle, both ends included, and always when it has no
//! cycle. Schools are counted by their present 办学状态: a school closed since is left out of
//! earlier years too.

use super::progress::{PlanStatus, status};
use crate::model::Site;
use crate::model::date::Date;
use crate::model::id::{PairingId, SchoolId};
use crate::model::pairing::Pairing;
use crate::model::school::{Locale, Stage, Status};
use std::collections::HashMap;

/// `covered` of `total` schools.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Share {
    pub covered: usize,
    pub total: usize,
}

impl Share {
    fn add(&mut self, covered: bool) {
        self.total += 1;
        self.covered += usize::from(covered);
    }
}

/// One 在办 school and the active pairings it is in.
#[derive(Clone, Debug, PartialEq)]
pub struct SchoolCover {
    pub school: SchoolId,
    pub pairings: Vec<PairingId>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    pub date: Date,
    /// Any form.
    pub all: Share,
    /// Each form of the site's pairings, in their order.
    pub forms: Vec<(String, Share)>,
    /// Any form, per 学段 and per 城乡 (schools without a 城乡类别 under `None`); only groups
    /// that have schools.
    pub stages: Vec<(Stage, Share)>,
    pub locales: Vec<(Option<Locale>, Share)>,
    /// Every 在办 school, in the order of schools.yaml.
    pub schools: Vec<SchoolCover>,
}

impl Coverage {
    /// The share for a form, or for any form.
    pub fn of(&self, form: Option<&str>) -> Share {
        match form {
            None => self.all,
            Some(f) => self
                .forms
                .iter()
                .find(|(name, _)| name == f)
                .map_or_else(|| Share { covered: 0, total: self.all.total }, |(_, s)| *s),
        }
    }
}

/// A coverage target of the plan, judged.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetFinding {
    /// The share on the build date.
    pub now: Share,
    /// The first day the share reached the target, if it has.
    pub met: Option<Date>,
    pub status: PlanStatus,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CoverageFindings {
    /// On the build date.
    pub now: Coverage,
    /// At the end of each year from the first cycle's to the build date's (the build date for
    /// its own year).
    pub years: Vec<Coverage>,
    /// One per coverage target of the plan, in its order.
    pub targets: Vec<TargetFinding>,
}

fn active(p: &Pairing, date: Date) -> bool {
    p.cycle.is_none_or(|c| c.start <= date && date <= c.end)
}

/// The coverage on a date.
pub fn at(site: &Site, date: Date) -> Coverage {
    let mut of_school: HashMap<&SchoolId, Vec<&Pairing>> = HashMap::new();
    for p in site.pairings.iter().filter(|p| active(p, date)) {
        for s in p.schools() {
            of_school.entry(s).or_default().push(p);
        }
    }
    let mut forms: Vec<(String, Share)> = Vec::new();
    for p in &site.pairings {
        if !forms.iter().any(|(f, _)| *f == p.form) {
            forms.push((p.form.clone(), Share::default()));
        }
    }
    let (mut all, mut stages, mut locales) = (Share::default(), Vec::new(), Vec::new());
    let mut schools = Vec::new();
    for s in site.schools.iter().filter(|s| s.status == Status::Open) {
        let theirs = of_school.get(&s.id).map_or(&[][..], Vec::as_slice);
        all.add(!theirs.is_empty());
        for (form, share) in &mut forms {
            share.add(theirs.iter().any(|p| p.form == *form));
        }
        group(&mut stages, s.stage).add(!theirs.is_empty());
        group(&mut locales, s.locale).add(!theirs.is_empty());
        schools.push(SchoolCover { school: s.id.clone(), pairings: theirs.iter().map(|p| p.id.clone()).collect() });
    }
    stages.sort_by_key(|(stage, _)| Stage::ALL.iter().position(|s| s == stage));
    locales
        .sort_by_key(|(l, _)| l.map_or(Locale::ALL.len(), |l| Locale::ALL.iter().position(|x| *x == l).unwrap_or(0)));
    Coverage { date, all, forms, stages, locales, schools }
}

fn group<K: PartialEq>(groups: &mut Vec<(K, Share)>, key: K) -> &mut Share {
    let at = match groups.iter().position(|(k, _)| *k == key) {
        Some(i) => i,
        None => {
            groups.push((key, Share::default()));
            groups.len() - 1
        }
    };
    &mut groups[at].1
}

/// Every day the coverage can change, up to `today`: cycle starts and the days after cycle ends.
fn changes(site: &Site, today: Date) -> Vec<Date> {
    let mut days: Vec<Date> = site
        .pairings
        .iter()
        .filter_map(|p| p.cycle)
        .flat_map(|c| [Some(c.start), c.end.next_day()])
        .flatten()
        .chain([today])
        .filter(|d| *d <= today)
        .collect();
    days.sort();
    days.dedup();
    days
}

pub fn coverage(site: &Site, today: Date) -> CoverageFindings {
    let days = changes(site, today);
    let timeline: Vec<Coverage> = days.iter().map(|&d| at(site, d)).collect();
    let targets = site
        .plan
        .coverage
        .iter()
        .map(|t| {
            let met = timeline
                .iter()
                .find(|c| t.share.reached_by(c.of(t.form.as_deref()).covered, c.of(t.form.as_deref()).total))
                .map(|c| c.date);
            TargetFinding {
                now: at(site, today).of(t.form.as_deref()),
                met,
                status: status(t.by, met.map(|d| (d.year(), d)), today),
            }
        })
        .collect();
    let first = site.pairings.iter().filter_map(|p| p.cycle).map(|c| c.start.year()).min();
    let years = first
        .into_iter()
        .flat_map(|from| from..=today.year())
        .map(|year| {
            let end = Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(today);
            at(site, end.min(today))
        })
        .collect();
    CoverageFindings { now: at(site, today), years, targets }
}

//! Who is in a pairing (覆盖): the share of 在办 schools in an active pairing on a date, per
//! form and for any form, by 学段 and by 城乡; the schools left out; and each coverage target
//! of the plan judged like a 达标 target: a state to hold, so a target reached once and not
//! held on the build date has fallen back (`PlanStatus::Lapsed`), whenever it was first reached.
//!
//! A pairing is active on the days of its cycle, both ends included, and always when it has no
//! cycle. Schools are counted by their present 办学状态: a school closed since is left out of
//! earlier years too.

use super::progress::{PlanStatus, status};
use crate::model::Site;
use crate::model::date::Date;
use crate::model::id::{PairingId, SchoolId};
use crate::model::pairing::Pairing;
use crate::model::plan::CoverageTarget;
use crate::model::school::{Locale, School, Stage, Status};
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
    /// Whether the share on the build date reaches the target.
    pub holds: bool,
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
pub fn at(schools: &[School], pairings: &[Pairing], date: Date) -> Coverage {
    let mut of_school: HashMap<&SchoolId, Vec<&Pairing>> = HashMap::new();
    for p in pairings.iter().filter(|p| active(p, date)) {
        for s in p.schools() {
            of_school.entry(s).or_default().push(p);
        }
    }
    let mut forms: Vec<(String, Share)> = Vec::new();
    for p in pairings {
        if !forms.iter().any(|(f, _)| *f == p.form) {
            forms.push((p.form.clone(), Share::default()));
        }
    }
    let (mut all, mut stages, mut locales) = (Share::default(), Vec::new(), Vec::new());
    let mut covers = Vec::new();
    for s in schools.iter().filter(|s| s.status == Status::Open) {
        let theirs = of_school.get(&s.id).map_or(&[][..], Vec::as_slice);
        all.add(!theirs.is_empty());
        for (form, share) in &mut forms {
            share.add(theirs.iter().any(|p| p.form == *form));
        }
        group(&mut stages, s.stage).add(!theirs.is_empty());
        group(&mut locales, s.locale).add(!theirs.is_empty());
        covers.push(SchoolCover { school: s.id.clone(), pairings: theirs.iter().map(|p| p.id.clone()).collect() });
    }
    stages.sort_by_key(|(stage, _)| Stage::ALL.iter().position(|s| s == stage));
    locales
        .sort_by_key(|(l, _)| l.map_or(Locale::ALL.len(), |l| Locale::ALL.iter().position(|x| *x == l).unwrap_or(0)));
    Coverage { date, all, forms, stages, locales, schools: covers }
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
fn changes(pairings: &[Pairing], today: Date) -> Vec<Date> {
    let mut days: Vec<Date> = pairings
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
    let (schools, pairings) = (&site.schools[..], &site.pairings[..]);
    let now = at(schools, pairings, today);
    let targets = targets(schools, pairings, &site.plan.coverage, &now, today);
    let first = pairings.iter().filter_map(|p| p.cycle).map(|c| c.start.year()).min();
    let years = first
        .into_iter()
        .flat_map(|from| from..=today.year())
        .map(|year| {
            let end = Date::from_calendar_date(year, time::Month::December, 31).unwrap_or(today);
            at(schools, pairings, end.min(today))
        })
        .collect();
    CoverageFindings { now, years, targets }
}

/// Each target judged: first met on the first day the coverage changed to reach it, and held
/// or not on the build date (`now`).
pub fn targets(
    schools: &[School],
    pairings: &[Pairing],
    targets: &[CoverageTarget],
    now: &Coverage,
    today: Date,
) -> Vec<TargetFinding> {
    if targets.is_empty() {
        return Vec::new();
    }
    let timeline: Vec<Coverage> = changes(pairings, today).into_iter().map(|d| at(schools, pairings, d)).collect();
    targets
        .iter()
        .map(|t| {
            let form = t.form.as_deref();
            let reached = |s: Share| s.total > 0 && t.share.reached_by(s.covered, s.total);
            let met = timeline.iter().find(|c| reached(c.of(form))).map(|c| c.date);
            let holds = reached(now.of(form));
            let status = status(t.by, met.map(|d| (d.year(), d)), Some(holds), today);
            TargetFinding { now: now.of(form), met, holds, status }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Span};
    use crate::model::date::{Period, parse_date, parse_month};
    use crate::model::number::Decimal;
    use crate::model::school::Party;

    fn d(s: &str) -> Date {
        parse_date(s).unwrap()
    }

    fn school(id: &str, stage: Stage, status: Status) -> School {
        School {
            id: SchoolId::new(id),
            span: Span::file_start(FileId(0)),
            name: id.to_string(),
            aliases: vec![],
            stage,
            town: None,
            locale: Some(if id.starts_with('r') { Locale::Rural } else { Locale::Urban }),
            status,
            pinyin: None,
            kind: Default::default(),
        }
    }

    fn pairing(id: &str, form: &str, lead: &str, members: &[&str], cycle: Option<(&str, &str)>) -> Pairing {
        Pairing {
            id: PairingId::new(id),
            span: Span::file_start(FileId(0)),
            form: form.to_string(),
            name: None,
            lead: Party::School(SchoolId::new(lead)),
            members: members.iter().map(|m| Party::School(SchoolId::new(m))).collect(),
            cycle: cycle.map(|(a, b)| Period { start: d(a), end: d(b) }),
            policy: None,
        }
    }

    /// Six schools: five 在办 (u1, u2, u3 小学 in town; r1 rural 小学; j1 初中), one 待建 (p1) and one
    /// 撤并 (c1). A 集团 of u1+u2 for 2017-09-01..2020-08-31; a 共同体 of u2+r1+p1+c1 from
    /// 2019-09-01..2022-08-31; a 结对 of j1 with an outside school and no cycle.
    fn site() -> (Vec<School>, Vec<Pairing>) {
        let schools = vec![
            school("u1", Stage::Primary, Status::Open),
            school("u2", Stage::Primary, Status::Open),
            school("u3", Stage::Primary, Status::Open),
            school("r1", Stage::Primary, Status::Open),
            school("j1", Stage::Junior, Status::Open),
            school("p1", Stage::Primary, Status::Planned),
            school("c1", Stage::Primary, Status::Closed),
        ];
        let mut outside = pairing("jd", "结对帮扶", "j1", &[], None);
        outside.members.push(Party::External("区外中学".into()));
        let pairings = vec![
            pairing("jt", "集团化办学", "u1", &["u2"], Some(("2017-09-01", "2020-08-31"))),
            pairing("gt", "教育发展共同体", "u2", &["r1", "p1", "c1"], Some(("2019-09-01", "2022-08-31"))),
            outside,
        ];
        (schools, pairings)
    }

    fn share(covered: usize, total: usize) -> Share {
        Share { covered, total }
    }

    #[test]
    fn counts_open_schools_in_active_pairings() {
        let (schools, pairings) = site();
        // Before any cycle: only j1 (no cycle: always active). 待建 and 撤并 are not counted.
        let c = at(&schools, &pairings, d("2017-08-31"));
        assert_eq!(c.all, share(1, 5));
        // 2017-09-01, first day of the 集团: u1, u2, j1.
        let c = at(&schools, &pairings, d("2017-09-01"));
        assert_eq!(c.all, share(3, 5));
        assert_eq!(c.of(Some("集团化办学")), share(2, 5));
        // 2020-01-01: both cycles; u2 is in two forms and counts once overall, once in each.
        let c = at(&schools, &pairings, d("2020-01-01"));
        assert_eq!(c.all, share(4, 5));
        assert_eq!(c.of(Some("集团化办学")), share(2, 5));
        assert_eq!(c.of(Some("教育发展共同体")), share(2, 5));
        assert_eq!(c.schools.iter().find(|s| s.school.as_str() == "u2").unwrap().pairings.len(), 2);
        assert_eq!(c.stages, vec![(Stage::Primary, share(3, 4)), (Stage::Junior, share(1, 1))]);
        assert_eq!(c.locales, vec![(Some(Locale::Urban), share(3, 4)), (Some(Locale::Rural), share(1, 1))]);
        // 2020-08-31 is the 集团's last day; the day after, u1 is out.
        assert_eq!(at(&schools, &pairings, d("2020-08-31")).all, share(4, 5));
        let c = at(&schools, &pairings, d("2020-09-01"));
        assert_eq!(c.all, share(3, 5));
        let out: Vec<&str> = c.schools.iter().filter(|s| s.pairings.is_empty()).map(|s| s.school.as_str()).collect();
        assert_eq!(out, ["u1", "u3"]);
    }

    fn target(form: Option<&str>, share: &str, by: &str) -> CoverageTarget {
        CoverageTarget {
            form: form.map(str::to_string),
            share: Decimal::parse_share(share).unwrap(),
            by: parse_month(by).unwrap(),
        }
    }

    #[test]
    fn judges_coverage_targets_by_the_first_day_reached() {
        let (schools, pairings) = site();
        let today = d("2021-06-30");
        let now = at(&schools, &pairings, today);
        let found = targets(
            &schools,
            &pairings,
            &[
                // 4 of 5 is exactly 80%: reached on 2019-09-01, before the due year, but only 3
                // of 5 since the 集团 ended on 2020-08-31: fallen back, not 提前达标.
                target(None, "80%", "2020-12"),
                // 60% (3 of 5) reached on 2017-09-01, the due month.
                target(None, "60%", "2017-09"),
                // Never 100%: past due.
                target(None, "100%", "2020-12"),
                // 共同体 2 of 5 = 40% from 2019-09-01, due 2018-12: late.
                target(Some("教育发展共同体"), "40%", "2018-12"),
                target(Some("教育发展共同体"), "50%", "2022-12"),
            ],
            &now,
            today,
        );
        let met: Vec<Option<String>> = found.iter().map(|f| f.met.map(|d| d.to_string())).collect();
        assert_eq!(met, [Some("2019-09-01".into()), Some("2017-09-01".into()), None, Some("2019-09-01".into()), None]);
        let statuses: Vec<PlanStatus> = found.iter().map(|f| f.status).collect();
        use PlanStatus::*;
        assert_eq!(statuses, [Lapsed, OnTime, Overdue, Late, NotYet]);
        // On the build date the 集团 has ended: u2, r1 and j1.
        assert_eq!(found[0].now, share(3, 5));
    }

    #[test]
    fn a_coverage_target_reached_once_and_not_held_now_has_fallen_back() {
        let (schools, pairings) = site();
        let today = d("2021-06-30");
        let now = at(&schools, &pairings, today);
        let found = targets(
            &schools,
            &pairings,
            &[
                // The 集团 covered 2 of 5 (40%) from 2017-09-01, due 2017-12; it ended in 2020.
                target(Some("集团化办学"), "40%", "2017-12"),
                // 60% (3 of 5) from 2017-09-01; still 3 of 5 on the build date.
                target(None, "60%", "2017-09"),
                // 80% reached 2019-09-01, lost 2020-09-01 when the 集团 ended; not yet due.
                target(None, "80%", "2025-12"),
            ],
            &now,
            today,
        );
        let seen: Vec<(Option<String>, bool, PlanStatus)> =
            found.iter().map(|f| (f.met.map(|d| d.to_string()), f.holds, f.status)).collect();
        assert_eq!(
            seen,
            [
                (Some("2017-09-01".into()), false, PlanStatus::Lapsed),
                (Some("2017-09-01".into()), true, PlanStatus::OnTime),
                (Some("2019-09-01".into()), false, PlanStatus::Lapsed),
            ]
        );
        assert_eq!(found[0].now, share(0, 5));
    }
}

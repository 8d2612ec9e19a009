//! Teacher exchange ratios (交流轮岗比例) per school and year, and for the county: those sent
//! of the eligible teachers, and 骨干 among those sent, each against the plan's limit, exactly.

use crate::model::Site;
use crate::model::exchange::ExchangeList;
use crate::model::id::SchoolId;
use crate::model::plan::ExchangeLimits;
use crate::model::school::Party;

/// One school's (or the county's) exchange in a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ratio {
    pub eligible: u32,
    pub key_eligible: Option<u32>,
    /// Teachers and cadres sent from the school that year.
    pub sent: u32,
    /// 骨干 among them.
    pub key_sent: u32,
    /// `sent / eligible` reaches the limit; `None` with nobody eligible.
    pub share_met: Option<bool>,
    /// `key_sent / sent` reaches the limit; `None` with nobody sent, or nobody eligible (a school
    /// that is not judged is not judged on its 骨干 either).
    pub key_met: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct YearRatios {
    pub year: i32,
    /// Schools with an eligible count, in the list's order.
    pub schools: Vec<(SchoolId, Ratio)>,
    /// Their sums.
    pub county: Ratio,
    /// People on the list not in [`YearRatios::county`]'s `sent`: sent by a school outside the
    /// district, and sent by a school of the site that has no eligible count that year.
    pub uncounted: Uncounted,
}

/// People of a list the ratios leave out, by why.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Uncounted {
    /// 由区外学校派出.
    pub external: u32,
    /// 派出学校未填应交流教师数.
    pub unlisted: u32,
}

impl Ratio {
    fn new(eligible: u32, key_eligible: Option<u32>, sent: u32, key_sent: u32, limits: &ExchangeLimits) -> Ratio {
        Ratio {
            eligible,
            key_eligible,
            sent,
            key_sent,
            share_met: (eligible > 0).then(|| limits.share.reached_by(sent as usize, eligible as usize)),
            key_met: (eligible > 0 && sent > 0).then(|| limits.key_share.reached_by(key_sent as usize, sent as usize)),
        }
    }
}

/// The ratios of every list that gives eligible counts, newest year first.
pub fn ratios(site: &Site) -> Vec<YearRatios> {
    site.exchanges.iter().filter(|l| !l.eligible.is_empty()).map(|l| year(l, &site.plan.exchange)).collect()
}

pub fn year(list: &ExchangeList, limits: &ExchangeLimits) -> YearRatios {
    let mut schools = Vec::new();
    let (mut eligible, mut key_eligible, mut sent, mut key_sent) = (0, Some(0), 0, 0);
    for e in &list.eligible {
        let from_here = list.people.iter().filter(|p| matches!(&p.from, Party::School(id) if *id == e.school));
        let (s, k) = from_here.fold((0, 0), |(s, k), p| (s + 1, k + u32::from(p.key)));
        eligible += e.teachers;
        key_eligible = key_eligible.zip(e.key_teachers).map(|(a, b)| a + b);
        sent += s;
        key_sent += k;
        schools.push((e.school.clone(), Ratio::new(e.teachers, e.key_teachers, s, k, limits)));
    }
    let mut uncounted = Uncounted::default();
    for p in &list.people {
        match &p.from {
            Party::External(_) => uncounted.external += 1,
            Party::School(id) if !list.eligible.iter().any(|e| e.school == *id) => uncounted.unlisted += 1,
            Party::School(_) => {}
        }
    }
    let county = Ratio::new(eligible, key_eligible, sent, key_sent, limits);
    YearRatios { year: list.year, schools, county, uncounted }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Span};
    use crate::model::exchange::{Eligible, Person, Role};
    use crate::model::number::Decimal;

    fn person(from: &str, key: bool) -> Person {
        Person {
            name: "某某".into(),
            role: Role::Teacher,
            subject: None,
            from: Party::School(SchoolId::new(from)),
            to: Party::School(SchoolId::new("elsewhere")),
            pairing: None,
            period: None,
            key,
        }
    }

    fn eligible(school: &str, teachers: u32, key: Option<u32>) -> Eligible {
        Eligible { school: SchoolId::new(school), span: Span::file_start(FileId(0)), teachers, key_teachers: key }
    }

    #[test]
    fn judges_each_school_and_the_county_exactly() {
        // a: 4 of 40 sent = exactly 10%, 1 of them 骨干 = 25%. b: 1 of 12 = 8.3%, not 骨干.
        // c: nobody eligible (a new school): not judged, and its one teacher sent is still counted.
        let list = ExchangeList {
            year: 2023,
            span: Span::file_start(FileId(0)),
            published: None,
            people: vec![
                person("a", true),
                person("a", false),
                person("a", false),
                person("a", false),
                person("b", false),
                person("c", false),
            ],
            eligible: vec![eligible("a", 40, Some(8)), eligible("b", 12, Some(2)), eligible("c", 0, None)],
        };
        let limits = ExchangeLimits::default();
        let y = year(&list, &limits);
        let a = &y.schools[0].1;
        assert_eq!((a.sent, a.key_sent, a.share_met, a.key_met), (4, 1, Some(true), Some(true)));
        let b = &y.schools[1].1;
        assert_eq!((b.sent, b.share_met, b.key_met), (1, Some(false), Some(false)));
        let c = &y.schools[2].1;
        assert_eq!((c.eligible, c.sent, c.share_met, c.key_met), (0, 1, None, None));
        // County: 6 of 52 = 11.5% ≥ 10%; 骨干 1 of 6 = 16.7% < 20%. 骨干 eligible unknown for c.
        assert_eq!((y.county.eligible, y.county.sent, y.county.key_sent), (52, 6, 1));
        assert_eq!((y.county.share_met, y.county.key_met, y.county.key_eligible), (Some(true), Some(false), None));
        // A 骨干 limit of exactly 1/6 is met by 1 of 6 only when written at full precision.
        let sixth = ExchangeLimits { key_share: Decimal::parse_share("16.6%").unwrap(), ..limits };
        assert_eq!(year(&list, &sixth).county.key_met, Some(true));
        let over = ExchangeLimits { key_share: Decimal::parse_share("16.7%").unwrap(), ..limits };
        assert_eq!(year(&list, &over).county.key_met, Some(false));
    }

    #[test]
    fn nobody_sent_leaves_the_key_share_unjudged() {
        let list = ExchangeList {
            year: 2023,
            span: Span::file_start(FileId(0)),
            published: None,
            people: vec![],
            eligible: vec![eligible("a", 10, None)],
        };
        let y = year(&list, &ExchangeLimits::default());
        assert_eq!((y.schools[0].1.share_met, y.schools[0].1.key_met), (Some(false), None));
    }
}

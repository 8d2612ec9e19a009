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
    /// `key_sent / sent` reaches the limit; `None` with nobody sent.
    pub key_met: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct YearRatios {
    pub year: i32,
    /// Schools with an eligible count, in the list's order.
    pub schools: Vec<(SchoolId, Ratio)>,
    /// Their sums.
    pub county: Ratio,
}

impl Ratio {
    fn new(eligible: u32, key_eligible: Option<u32>, sent: u32, key_sent: u32, limits: &ExchangeLimits) -> Ratio {
        Ratio {
            eligible,
            key_eligible,
            sent,
            key_sent,
            share_met: (eligible > 0).then(|| limits.share.reached_by(sent as usize, eligible as usize)),
            key_met: (sent > 0).then(|| limits.key_share.reached_by(key_sent as usize, sent as usize)),
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
    YearRatios { year: list.year, schools, county: Ratio::new(eligible, key_eligible, sent, key_sent, limits) }
}

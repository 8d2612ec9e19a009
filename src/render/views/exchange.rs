//! Exchange lists (教干教师交流名单) by year.

use super::{Badge, PartyView, party, school_link};
use crate::evaluate::exchange::{Ratio, Uncounted, YearRatios};
use crate::evaluate::ratio::{self, Bound};
use crate::model::Site;
use crate::model::exchange::Person;
use crate::model::index::PersonRef;
use crate::model::number::Decimal;
use crate::model::plan::ExchangeLimits;
use serde::Serialize;

#[derive(Debug, Serialize, Clone)]
pub struct ExchangeRow {
    pub year: i32,
    pub name: String,
    pub role: &'static str,
    pub subject: Option<String>,
    pub from: PartyView,
    pub to: PartyView,
    /// Start and end, kept apart so that pages can wrap between them but not inside a date.
    pub period: Option<(String, String)>,
    pub pairing: Option<PartyView>,
    /// 骨干教师
    pub key: bool,
}

#[derive(Debug, Serialize)]
pub struct ExchangeYear {
    pub year: i32,
    pub published: Option<String>,
    pub rows: Vec<ExchangeRow>,
}

pub fn row(site: &Site, year: i32, p: &Person) -> ExchangeRow {
    ExchangeRow {
        year,
        name: p.name.clone(),
        role: p.role.label(),
        subject: p.subject.clone(),
        from: party(site, &p.from),
        to: party(site, &p.to),
        period: p.period.map(|x| (x.start.to_string(), x.end.to_string())),
        pairing: p.pairing.as_ref().and_then(|id| site.pairings.get(id)).map(|pairing| PartyView {
            name: super::pairing::title(site, pairing),
            url: Some(super::pairing::url(site, pairing)),
        }),
        key: p.key,
    }
}

/// Every list, newest year first.
pub fn years(site: &Site) -> Vec<ExchangeYear> {
    site.exchanges
        .iter()
        .map(|list| ExchangeYear {
            year: list.year,
            published: list.published.map(|d| d.to_string()),
            rows: list.people.iter().map(|p| row(site, list.year, p)).collect(),
        })
        .collect()
}

/// The people of an index entry (who a school sent or received, who moved within a pairing).
pub fn rows(site: &Site, people: Option<&Vec<PersonRef>>) -> Vec<ExchangeRow> {
    let people = people.map_or(&[][..], Vec::as_slice);
    people.iter().filter_map(|&at| site.person(at)).map(|(list, p)| row(site, list.year, p)).collect()
}

/// One school's (or the county's) exchange ratios in a year, as a table row.
#[derive(Debug, Serialize)]
pub struct RatioRow {
    pub year: i32,
    /// `None` for the county's row.
    pub school: Option<PartyView>,
    pub eligible: u32,
    pub sent: u32,
    pub share: String,
    pub share_met: Option<Badge>,
    /// Why the share is not judged, beside 不评判.
    pub share_note: Option<String>,
    pub key_eligible: Option<u32>,
    pub key_sent: u32,
    pub key_share: String,
    pub key_met: Option<Badge>,
    /// Why the 骨干 share is not judged.
    pub key_note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RatioYear {
    pub year: i32,
    pub rows: Vec<RatioRow>,
    pub county: RatioRow,
    pub summary: String,
}

/// The limits as pages state them: `交流比例不低于 10%，骨干比例不低于 20%`.
#[derive(Debug, Serialize)]
pub struct Limits {
    pub share: String,
    pub key_share: String,
}

pub fn limits(site: &Site) -> Limits {
    Limits { share: site.plan.exchange.share.percent(), key_share: site.plan.exchange.key_share.percent() }
}

/// `part / whole` as a percentage with one decimal, `—` with nothing to divide; beside a verdict
/// it never reads across the limit (see [`ratio::shown`]).
fn percent(part: u32, whole: u32, judged: Option<(Decimal, bool)>) -> String {
    if whole == 0 {
        return "—".into();
    }
    let value = f64::from(part) * 100.0 / f64::from(whole);
    match judged {
        Some((limit, met)) => format!("{}%", ratio::shown(value, 1, limit.hundredfold(), Bound::AtLeast, met)),
        None => format!("{value:.1}%"),
    }
}

/// The verdict's badge, and why a figure is not judged (应交流教师数为 0, 实际交流 0 人).
fn met(m: Option<bool>, unjudged: &str) -> (Option<Badge>, Option<String>) {
    match m {
        Some(true) => (Some(Badge::new("达到", "met")), None),
        Some(false) => (Some(Badge::new("未达到", "not-met")), None),
        None => (Some(Badge::new("不评判", "none")), Some(unjudged.to_string())),
    }
}

/// Why a share is not judged: nobody eligible first (then neither share is), then nobody sent.
fn unjudged_reason(r: &Ratio) -> &'static str {
    if r.eligible == 0 { "应交流教师数为 0" } else { "实际交流 0 人" }
}

pub fn ratio_row(year: i32, school: Option<PartyView>, r: &Ratio, limits: &ExchangeLimits) -> RatioRow {
    let (share_met, share_note) = met(r.share_met, unjudged_reason(r));
    let (key_met, key_note) = met(r.key_met, unjudged_reason(r));
    RatioRow {
        year,
        school,
        eligible: r.eligible,
        sent: r.sent,
        share: percent(r.sent, r.eligible, r.share_met.map(|m| (limits.share, m))),
        share_met,
        share_note,
        key_eligible: r.key_eligible,
        key_sent: r.key_sent,
        key_share: percent(r.key_sent, r.sent, r.key_met.map(|m| (limits.key_share, m))),
        key_met,
        key_note,
    }
}

/// `；另有 1 人由区外学校派出，不计入比例` after the share of people sent; empty when all count.
fn uncounted_text(u: Uncounted) -> String {
    let mut parts = Vec::new();
    if u.external > 0 {
        parts.push(format!("{} 人由区外学校派出", u.external));
    }
    if u.unlisted > 0 {
        parts.push(format!("{} 人的派出学校未填应交流教师数", u.unlisted));
    }
    if parts.is_empty() { String::new() } else { format!("；另有 {}，不计入比例", parts.join("、")) }
}

fn ratio_year(site: &Site, y: &YearRatios) -> RatioYear {
    let l = limits(site);
    let short = y.schools.iter().filter(|(_, r)| r.share_met == Some(false)).count();
    let key_short = y.schools.iter().filter(|(_, r)| r.key_met == Some(false)).count();
    let c = &y.county;
    let limits = &site.plan.exchange;
    let row = ratio_row(y.year, None, c, limits);
    let summary = format!(
        "{} 年全区应交流教师 {} 人，实际交流 {} 人（{}，要求不低于 {}{}），其中骨干 {} 人（占交流人数 {}，要求不低于 {}）；{} 所学校交流比例未达到要求，{} 所骨干比例未达到要求。",
        y.year,
        c.eligible,
        c.sent,
        row.share,
        l.share,
        uncounted_text(y.uncounted),
        c.key_sent,
        row.key_share,
        l.key_share,
        short,
        key_short
    );
    RatioYear {
        year: y.year,
        rows: y.schools.iter().map(|(id, r)| ratio_row(y.year, Some(school_link(site, id)), r, limits)).collect(),
        county: row,
        summary,
    }
}

/// Every year with eligible counts, newest first.
pub fn ratio_years(site: &Site, findings: &crate::evaluate::Findings) -> Vec<RatioYear> {
    findings.exchange.iter().map(|y| ratio_year(site, y)).collect()
}

/// One school's rows over the years, newest first.
pub fn school_ratios(
    site: &Site,
    findings: &crate::evaluate::Findings,
    id: &crate::model::id::SchoolId,
) -> Vec<RatioRow> {
    findings
        .exchange
        .iter()
        .filter_map(|y| {
            let (_, r) = y.schools.iter().find(|(s, _)| s == id)?;
            Some(ratio_row(y.year, None, r, &site.plan.exchange))
        })
        .collect()
}

//! Pairings: the public list grouped by form, as the 附件1 table of the 连云区 document is,
//! and a page for each.

use super::exchange::ExchangeRow;
use super::{Badge, PartyView, PolicyRef, labels, party, period_text, policy_ref, url_of};
use crate::evaluate::{Findings, PeriodState};
use crate::model::Site;
use crate::model::pages::PageKind;
use crate::model::pairing::Pairing;
use serde::Serialize;

#[derive(Debug, Serialize, Clone)]
pub struct PairingRow {
    pub id: String,
    pub url: String,
    pub title: String,
    pub form: String,
    pub name: Option<String>,
    pub lead: PartyView,
    pub members: Vec<PartyView>,
    pub cycle: Option<String>,
    /// The cycle's first and last days, kept apart so that pages wrap between them, not inside.
    pub cycle_dates: Option<(String, String)>,
    /// The cycle as two months (`2017-09`, `2020-08`), for narrow tables.
    pub cycle_months: Option<(String, String)>,
    pub state: Option<Badge>,
    pub policy: Option<PolicyRef>,
}

#[derive(Debug, Serialize)]
pub struct FormGroup {
    pub form: String,
    pub rows: Vec<PairingRow>,
}

#[derive(Debug, Serialize)]
pub struct PairingPage {
    #[serde(flatten)]
    pub row: PairingRow,
    pub exchanges: Vec<ExchangeRow>,
}

/// The link to a pairing's page.
pub fn url(site: &Site, p: &Pairing) -> String {
    url_of(site, &PageKind::Pairing(p.id.clone())).unwrap_or_default()
}

/// What a pairing is called: its name, else its form and lead school.
pub fn title(site: &Site, p: &Pairing) -> String {
    p.name.clone().unwrap_or_else(|| format!("{}（{}牵头）", p.form, party(site, &p.lead).name))
}

pub fn row(site: &Site, findings: &Findings, p: &Pairing) -> PairingRow {
    let lead = party(site, &p.lead);
    PairingRow {
        id: p.id.to_string(),
        url: url(site, p),
        title: title(site, p),
        form: p.form.clone(),
        name: p.name.clone(),
        lead,
        members: p.members.iter().map(|m| party(site, m)).collect(),
        cycle: p.cycle.as_ref().map(period_text),
        cycle_dates: p.cycle.map(|c| (c.start.to_string(), c.end.to_string())),
        cycle_months: p.cycle.map(|c| (month(c.start), month(c.end))),
        state: findings.pairings.get(&p.id).map(|&s| labels::cycle(s)),
        policy: p.policy.as_ref().map(|d| policy_ref(site, &d.value)),
    }
}

/// Every pairing, grouped by form in the order forms first appear; within a form, in [`order`].
pub fn groups(site: &Site, findings: &Findings) -> Vec<FormGroup> {
    let mut forms: Vec<(&str, Vec<&Pairing>)> = Vec::new();
    for p in site.pairings.iter() {
        match forms.iter_mut().find(|(f, _)| *f == p.form) {
            Some((_, ps)) => ps.push(p),
            None => forms.push((&p.form, vec![p])),
        }
    }
    forms
        .into_iter()
        .map(|(form, ps)| FormGroup {
            form: form.to_string(),
            rows: ordered(findings, ps.into_iter()).into_iter().map(|p| row(site, findings, p)).collect(),
        })
        .collect()
}

/// The order pairings are listed in: those in their cycle (or without one) first, then those
/// not started yet, then those ended; newest cycle start first within each, then the model's
/// order. A parent looks for the pairing that applies now, not the one that ended years ago.
pub fn order(findings: &Findings, p: &Pairing) -> (u8, std::cmp::Reverse<Option<crate::model::date::Date>>) {
    let rank = match findings.pairings.get(&p.id) {
        None | Some(PeriodState::Current) => 0,
        Some(PeriodState::Upcoming) => 1,
        Some(PeriodState::Past) => 2,
    };
    (rank, std::cmp::Reverse(p.cycle.map(|c| c.start)))
}

/// `pairings` sorted by [`order`] (stable: ties keep their order).
pub fn ordered<'a>(findings: &Findings, pairings: impl Iterator<Item = &'a Pairing>) -> Vec<&'a Pairing> {
    let mut out: Vec<&Pairing> = pairings.collect();
    out.sort_by_key(|p| order(findings, p));
    out
}

pub fn page(site: &Site, findings: &Findings, p: &Pairing) -> PairingPage {
    PairingPage { row: row(site, findings, p), exchanges: super::exchange::rows(site, site.index.exchanged.get(&p.id)) }
}

fn month(d: crate::model::date::Date) -> String {
    format!("{:04}-{:02}", d.year(), d.month() as u8)
}

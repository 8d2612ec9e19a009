//! Exchange lists (教干教师交流名单) by year.

use super::{PartyView, encode_path, party};
use crate::model::Site;
use crate::model::exchange::Person;
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
        pairing: p.pairing.map(|i| {
            let pairing = &site.pairings[i];
            PartyView {
                name: super::pairing::title(site, pairing),
                url: Some(encode_path(&super::pairing::path(pairing))),
            }
        }),
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

/// People who moved from or to a school, or within a pairing, newest first.
pub fn matching(site: &Site, keep: impl Fn(&Person) -> bool) -> Vec<ExchangeRow> {
    site.exchanges
        .iter()
        .flat_map(|list| list.people.iter().filter(|p| keep(p)).map(|p| row(site, list.year, p)))
        .collect()
}

//! Exchange lists (教干教师交流名单) by year.

use super::{PartyView, party};
use crate::model::Site;
use crate::model::exchange::Person;
use crate::model::index::PersonRef;
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
        pairing: p.pairing.as_ref().and_then(|id| site.pairings.get(id)).map(|pairing| PartyView {
            name: super::pairing::title(site, pairing),
            url: Some(super::pairing::url(site, pairing)),
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

/// The people of an index entry (who a school sent or received, who moved within a pairing).
pub fn rows(site: &Site, people: Option<&Vec<PersonRef>>) -> Vec<ExchangeRow> {
    let people = people.map_or(&[][..], Vec::as_slice);
    people.iter().filter_map(|&at| site.person(at)).map(|(list, p)| row(site, list.year, p)).collect()
}

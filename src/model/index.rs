//! Who appears where, built once per build: the pairings and exchanges of each school and the
//! exchanges of each pairing. A school's page then costs what it shows, not a scan of the site.

use super::exchange::ExchangeList;
use super::id::{PairingId, SchoolId};
use super::pairing::Pairing;
use std::collections::HashMap;

/// A person of an exchange list: the list's year (its id) and their place in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PersonRef {
    pub year: i32,
    pub index: usize,
}

#[derive(Debug, Default)]
pub struct Index {
    /// The pairings a school is in, as lead or member, in the site's order.
    pub pairings: HashMap<SchoolId, Vec<PairingId>>,
    /// People a school sent and received, newest list first, in list order.
    pub sent: HashMap<SchoolId, Vec<PersonRef>>,
    pub received: HashMap<SchoolId, Vec<PersonRef>>,
    /// People exchanged under a pairing.
    pub exchanged: HashMap<PairingId, Vec<PersonRef>>,
}

impl Index {
    pub fn new(pairings: &[Pairing], exchanges: &[ExchangeList]) -> Index {
        let mut index = Index::default();
        for p in pairings {
            let mut schools: Vec<&SchoolId> = p.schools().collect();
            schools.dedup();
            for school in schools {
                index.pairings.entry(school.clone()).or_default().push(p.id.clone());
            }
        }
        for list in exchanges {
            for (i, person) in list.people.iter().enumerate() {
                let at = PersonRef { year: list.year, index: i };
                if let Some(from) = person.from.school() {
                    index.sent.entry(from.clone()).or_default().push(at);
                }
                if let Some(to) = person.to.school() {
                    index.received.entry(to.clone()).or_default().push(at);
                }
                if let Some(pairing) = &person.pairing {
                    index.exchanged.entry(pairing.clone()).or_default().push(at);
                }
            }
        }
        index
    }
}

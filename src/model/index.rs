//! Who appears where, built once per build: the pairings and exchanges of each school, the
//! exchanges of each pairing, and what was done under each policy (its 解读, the pairings and
//! milestones that name it, the notices that mention its 文号). A page then costs what it
//! shows, not a scan of the site.

use super::doc_no;
use super::document::{Document, Markdown, Section};
use super::exchange::ExchangeList;
use super::id::{DocId, PairingId, SchoolId};
use super::pairing::Pairing;
use super::plan::Plan;
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
    /// Per policy, what cites it: see [`Citations`].
    pub cited: HashMap<DocId, Citations>,
}

/// The places in each notice that may be a 文号 ([`doc_no::candidates`]), kept from one build
/// to the next (`serve`) with the text they were found in: a notice's text is scanned again
/// only when it changed, while which of them are the site's 文号 is looked up every build.
#[derive(Default)]
pub struct Mentions(HashMap<DocId, (Markdown, std::sync::Arc<[doc_no::Candidate]>)>);

/// What was done under one policy, each in the site's order.
#[derive(Debug, Default)]
pub struct Citations {
    /// Documents that interpret it (`interprets`).
    pub interpretations: Vec<DocId>,
    /// Pairings whose `policy` is its 文号.
    pub pairings: Vec<PairingId>,
    /// Milestones of the plan (their place in `plan.milestones`) whose `policy` is its 文号.
    pub milestones: Vec<usize>,
    /// Notices whose Markdown mentions its 文号 (code spans included, unlike the body links).
    pub notices: Vec<DocId>,
}

impl Index {
    /// `documents` are in the site's order; `doc_index` maps 文号 keys to them.
    pub fn new(
        documents: &[std::sync::Arc<Document>],
        doc_index: &HashMap<String, DocId>,
        pairings: &[Pairing],
        exchanges: &[ExchangeList],
        plan: &Plan,
        mentions: &mut Mentions,
    ) -> Index {
        let mut index = Index::people(pairings, exchanges);
        index.cited = citations(documents, doc_index, pairings, plan, mentions);
        index
    }

    fn people(pairings: &[Pairing], exchanges: &[ExchangeList]) -> Index {
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

fn citations(
    documents: &[std::sync::Arc<Document>],
    doc_index: &HashMap<String, DocId>,
    pairings: &[Pairing],
    plan: &Plan,
    mentions: &mut Mentions,
) -> HashMap<DocId, Citations> {
    let mut kept = HashMap::new();
    let mut cited: HashMap<DocId, Citations> = HashMap::new();
    let policy = |n: &str| doc_index.get(&doc_no::key(n)).cloned();
    for d in documents {
        if let Some(target) = d.interprets.as_ref().and_then(|n| policy(&n.value)) {
            cited.entry(target).or_default().interpretations.push(d.id.clone());
        }
        if d.section != Section::Notices {
            continue;
        }
        let candidates = match mentions.0.remove(&d.id) {
            Some((text, found)) if text.same(&d.body) => found,
            _ => doc_no::candidates(&d.body).into(),
        };
        let mut mentioned: Vec<&DocId> =
            doc_no::select(&candidates, |k| doc_index.get(k)).into_iter().map(|(_, id)| id).collect();
        kept.insert(d.id.clone(), (d.body.clone(), candidates));
        mentioned.sort();
        mentioned.dedup();
        for target in mentioned.into_iter().filter(|id| **id != d.id) {
            cited.entry(target.clone()).or_default().notices.push(d.id.clone());
        }
    }
    for p in pairings {
        if let Some(target) = p.policy.as_ref().and_then(|n| policy(&n.value)) {
            cited.entry(target).or_default().pairings.push(p.id.clone());
        }
    }
    for (i, m) in plan.milestones.iter().enumerate() {
        if let Some(target) = m.policy.as_ref().and_then(|n| policy(&n.value)) {
            cited.entry(target).or_default().milestones.push(i);
        }
    }
    mentions.0 = kept;
    cited
}

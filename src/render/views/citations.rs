//! What a policy page lists as done under it (its 解读 by form, the pairings, milestones and
//! notices that cite it), and the link back from a 解读 to its policy. Read from the model's
//! index (`model::index::Citations`), built once per build.

use super::document::{DocLink, link};
use super::pairing;
use crate::evaluate::Findings;
use crate::model::genre::Interpretation;
use crate::model::{Document, Site};
use serde::Serialize;

/// The 解读 of a policy of one form (文字解读, 图解, 问答).
#[derive(Debug, Serialize)]
pub struct FormGroup {
    pub form: &'static str,
    pub items: Vec<DocLink>,
}

/// Everything that cites one policy; empty lists are left out of the page.
#[derive(Debug, Serialize, Default)]
pub struct CitedView {
    pub interpretations: Vec<FormGroup>,
    pub pairings: Vec<super::Link>,
    pub milestones: Vec<super::duty::DutyView>,
    pub notices: Vec<DocLink>,
    /// Items of the county method this document is evidence for (views::county::evidence_for).
    pub evidence: Vec<super::Link>,
    /// The dashboard's page, where the milestones are shown in full.
    pub dashboard_url: Option<String>,
}

/// The policy a 解读 explains, and how.
#[derive(Debug, Serialize)]
pub struct InterpretsView {
    pub form: &'static str,
    pub policy: DocLink,
}

pub fn cited(site: &Site, findings: &Findings, d: &Document) -> Option<CitedView> {
    let evidence: Vec<super::Link> = d
        .doc_no
        .as_ref()
        .map(|n| super::county::evidence_for(site, &n.value))
        .unwrap_or_default()
        .into_iter()
        .map(|(title, url)| super::Link { title, url: url.unwrap_or_default() })
        .collect();
    let Some(c) = site.index.cited.get(&d.id) else {
        return (!evidence.is_empty()).then(|| CitedView {
            evidence,
            dashboard_url: super::url_of(site, &crate::model::pages::PageKind::Dashboard),
            ..CitedView::default()
        });
    };
    let docs = |ids: &[crate::model::id::DocId]| -> Vec<&Document> {
        ids.iter().filter_map(|id| site.documents.get(id)).collect()
    };
    let interpretations = docs(&c.interpretations);
    let forms = [Interpretation::Text, Interpretation::Graphic, Interpretation::QAndA];
    let groups = forms
        .into_iter()
        .map(|form| FormGroup {
            form: form.label(),
            items: interpretations.iter().filter(|i| i.interpretation == form).map(|i| link(i)).collect(),
        })
        .filter(|g| !g.items.is_empty())
        .collect();
    let milestones = super::duty::of_milestones(site, findings, &c.milestones);
    Some(CitedView {
        interpretations: groups,
        pairings: c
            .pairings
            .iter()
            .filter_map(|id| site.pairings.get(id))
            .map(|p| super::Link { title: pairing::title(site, p), url: pairing::url(site, p) })
            .collect(),
        milestones,
        notices: docs(&c.notices).into_iter().map(link).collect(),
        evidence,
        dashboard_url: super::url_of(site, &crate::model::pages::PageKind::Dashboard),
    })
}

pub fn interprets(site: &Site, d: &Document) -> Option<InterpretsView> {
    let policy = site.document_by_doc_no(&d.interprets.as_ref()?.value)?;
    Some(InterpretsView { form: d.interpretation.label(), policy: link(policy) })
}

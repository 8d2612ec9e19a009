//! The HTML pages: one function per kind of page in the model's registry
//! (`model::pages::PageKind`), each choosing its template and building its view. [`render`] is
//! the one place that maps a kind to its page; the caller runs it over every page in parallel.

mod disclosure;
mod documents;
mod progress;

use super::body::Bodies;
use super::templates::Templates;
use super::views::SiteView;
use crate::diagnostics::{Code, Diagnostic, Location};
use crate::evaluate::Findings;
use crate::model::Site;
use crate::model::pages::{Page, PageKind};
use std::sync::OnceLock;

/// Everything a page needs besides its own entry in the registry.
pub struct Context<'a> {
    pub site: &'a Site,
    pub findings: &'a Findings,
    pub templates: &'a Templates,
    pub view: SiteView,
    /// Every document's body, rendered once.
    pub bodies: &'a Bodies,
    /// The search index, built on first use (the search page and the school finder need its
    /// manifest; a full build writes its files).
    pub search: &'a OnceLock<super::search::Index>,
    /// Each policy list's facets, counted once.
    pub facets: &'a super::views::catalogue::Facets,
}

impl Context<'_> {
    pub fn search(&self) -> &super::search::Index {
        self.search.get_or_init(|| {
            self.bodies.render_all(self.site);
            super::search::index(self.site, self.findings, self.bodies)
        })
    }
}

/// The HTML of one page, as bytes.
pub fn render(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    match &page.kind {
        PageKind::Home => documents::home(cx, page),
        PageKind::NotFound => documents::not_found(cx, page),
        PageKind::Document(id) => documents::document(cx, page, id),
        PageKind::List(key) => documents::list(cx, page, key),
        PageKind::Schools => progress::schools(cx, page),
        PageKind::School(id) => progress::school(cx, page, id),
        PageKind::Pairings => progress::pairings(cx, page),
        PageKind::Pairing(id) => progress::pairing(cx, page, id),
        PageKind::Exchanges => progress::exchanges(cx, page),
        PageKind::Dashboard => progress::dashboard(cx, page),
        PageKind::Search => documents::search(cx, page),
        PageKind::Disclosure => disclosure::disclosure(cx, page),
        PageKind::Report(year) => disclosure::report(cx, page, *year),
        PageKind::County(year) => progress::county(cx, page, *year),
    }
}

/// A page whose record is missing: only a bug in the model could make one.
fn missing(page: &Page) -> Diagnostic {
    Diagnostic::error(Code::Internal, Location::Path(page.path.output_file())).detail("页面对应的记录不存在")
}

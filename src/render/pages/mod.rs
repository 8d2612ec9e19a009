//! The HTML pages of a site: what they are ([`jobs`]) and how each is rendered ([`Job::render`]).
//! Jobs are cheap to list and render independently, so the caller runs them in parallel.

mod documents;
mod progress;

use super::templates::Templates;
use super::views::SiteView;
use super::views::document as doc_views;
use super::views::list;
use crate::diagnostics::Diagnostic;
use crate::evaluate::Findings;
use crate::load::Section;
use crate::model::{Document, Site};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Everything a page needs besides its own job.
pub struct Context<'a> {
    pub site: &'a Site,
    pub findings: &'a Findings,
    pub templates: &'a Templates,
    pub view: SiteView,
}

pub enum Job {
    Home,
    NotFound,
    Document(usize),
    List(ListJob),
    Schools,
    School(usize),
    Pairings,
    Pairing(usize),
    Exchanges,
    Dashboard,
}

/// One page of a list: which documents, under which heading, at which path.
pub struct ListJob {
    pub base: String,
    pub heading: String,
    pub section: Section,
    /// Shared by every page of the list.
    pub items: Arc<[usize]>,
    pub page: usize,
    pub range: std::ops::Range<usize>,
    pub total_pages: usize,
}

/// Every HTML page of the site.
pub fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::NotFound];
    jobs.extend((0..site.documents.len()).map(Job::Document));
    let in_section =
        |s: Section| -> Vec<usize> { (0..site.documents.len()).filter(|&i| site.documents[i].section == s).collect() };
    let policies = in_section(Section::Policies);
    lists(&mut jobs, site, "policies/", "政策文件".into(), Section::Policies, policies.clone());
    for (base, items) in by_year(site, &policies) {
        let year = base.trim_end_matches('/').rsplit('/').next().unwrap_or_default().to_string();
        lists(&mut jobs, site, &base, format!("{year} 年政策文件"), Section::Policies, items);
    }
    for (base, items) in by_category(site, &policies) {
        let label = category_label(site, &items);
        lists(&mut jobs, site, &base, format!("政策文件：{label}"), Section::Policies, items);
    }
    lists(&mut jobs, site, "notices/", "通知公告".into(), Section::Notices, in_section(Section::Notices));
    if !site.schools.is_empty() {
        jobs.push(Job::Schools);
        jobs.extend((0..site.schools.len()).map(Job::School));
    }
    if !site.pairings.is_empty() {
        jobs.push(Job::Pairings);
        jobs.extend((0..site.pairings.len()).map(Job::Pairing));
    }
    if !site.exchanges.is_empty() {
        jobs.push(Job::Exchanges);
    }
    if has_dashboard(site) {
        jobs.push(Job::Dashboard);
    }
    jobs
}

/// A dashboard needs figures or a plan to show.
pub fn has_dashboard(site: &Site) -> bool {
    !site.figures.is_empty() || !site.plan.targets.is_empty()
}

fn lists(jobs: &mut Vec<Job>, site: &Site, base: &str, heading: String, section: Section, items: Vec<usize>) {
    let pages = list::pages(items.len(), site.config.paginate_by);
    let total_pages = pages.len();
    let items: Arc<[usize]> = items.into();
    for (page, range) in pages {
        jobs.push(Job::List(ListJob {
            base: base.to_string(),
            heading: heading.clone(),
            section,
            items: Arc::clone(&items),
            page,
            range,
            total_pages,
        }));
    }
}

/// Policies by year of publication: list path → documents.
fn by_year(site: &Site, items: &[usize]) -> BTreeMap<String, Vec<usize>> {
    group(site, items, |d| d.sort_date().map(|x| format!("policies/year/{}/", x.year())))
}

/// Policies by category, keyed by the category page's path, so spellings that differ only in
/// punctuation share one page.
fn by_category(site: &Site, items: &[usize]) -> BTreeMap<String, Vec<usize>> {
    group(site, items, |d| d.category.as_deref().map(doc_views::category_path))
}

/// The name a category page shows: the spelling of its newest document.
fn category_label(site: &Site, items: &[usize]) -> String {
    items.first().and_then(|&i| site.documents[i].category.clone()).unwrap_or_default()
}

/// Documents grouped by a key (years, categories), keys sorted, documents in site order.
fn group(site: &Site, items: &[usize], key: impl Fn(&Document) -> Option<String>) -> BTreeMap<String, Vec<usize>> {
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in items {
        if let Some(k) = key(&site.documents[i]) {
            groups.entry(k).or_default().push(i);
        }
    }
    groups
}

impl Job {
    /// The output file and its HTML.
    pub fn render(&self, cx: &Context) -> (String, Result<String, Diagnostic>) {
        let site = cx.site;
        let (path, html) = match self {
            Job::Home => (String::new(), documents::home(cx)),
            Job::NotFound => ("404.html".into(), documents::not_found(cx)),
            Job::Document(i) => (site.documents[*i].url.clone(), documents::document(cx, *i)),
            Job::List(job) => (list::page_path(&job.base, job.page), documents::list_page(cx, job)),
            Job::Schools => ("schools/".into(), progress::schools(cx)),
            Job::School(i) => (super::views::school_path(&site.schools[*i].id.value), progress::school(cx, *i)),
            Job::Pairings => ("pairings/".into(), progress::pairings(cx)),
            Job::Pairing(i) => (super::views::pairing::path(&site.pairings[*i]), progress::pairing(cx, *i)),
            Job::Exchanges => ("exchanges/".into(), progress::exchanges(cx)),
            Job::Dashboard => ("dashboard/".into(), progress::dashboard(cx)),
        };
        let file = if path.ends_with(".html") { path } else { format!("{path}index.html") };
        (file, html)
    }
}

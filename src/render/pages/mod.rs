//! The HTML pages of a site: what they are ([`jobs`]) and how each is rendered ([`Job::render`]).
//! Jobs are cheap to list and render independently, so the caller runs them in parallel.

mod documents;
mod groups;
mod progress;

use super::templates::Templates;
use super::views::SiteView;
use super::views::list;
use crate::diagnostics::Diagnostic;
use crate::evaluate::Findings;
use crate::load::Section;
use crate::model::Site;
pub use groups::PolicyGroups;
use std::sync::Arc;

/// Everything a page needs besides its own job.
pub struct Context<'a> {
    pub site: &'a Site,
    pub findings: &'a Findings,
    pub templates: &'a Templates,
    pub view: SiteView,
    pub groups: PolicyGroups,
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
pub fn jobs(site: &Site, groups: &PolicyGroups) -> Vec<Job> {
    let mut jobs = vec![Job::Home, Job::NotFound];
    jobs.extend((0..site.documents.len()).map(Job::Document));
    lists(&mut jobs, site, "policies/", "政策文件".into(), Section::Policies, Arc::clone(&groups.all));
    for g in &groups.years {
        lists(&mut jobs, site, &g.base, format!("{} 年政策文件", g.label), Section::Policies, Arc::clone(&g.items));
    }
    for g in &groups.categories {
        lists(&mut jobs, site, &g.base, format!("政策文件：{}", g.label), Section::Policies, Arc::clone(&g.items));
    }
    let notices: Vec<usize> =
        (0..site.documents.len()).filter(|&i| site.documents[i].section == Section::Notices).collect();
    lists(&mut jobs, site, "notices/", "通知公告".into(), Section::Notices, notices.into());
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

fn lists(jobs: &mut Vec<Job>, site: &Site, base: &str, heading: String, section: Section, items: Arc<[usize]>) {
    let pages = list::pages(items.len(), site.config.paginate_by);
    let total_pages = pages.len();
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

//! The HTML pages of a site: what they are ([`jobs`]) and how each is rendered ([`Job::render`]).
//! Jobs are cheap to list and render independently, so the caller runs them in parallel.

use super::markdown::{self, LinkContext};
use super::templates::Templates;
use super::views::document::{self as doc_views, DocSummary};
use super::views::list::{self, Filter, ListView};
use super::views::{self, Column, SiteView};
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
    let in_section = |s: Section| -> Vec<usize> {
        (0..site.documents.len())
            .filter(|&i| site.documents[i].section == s)
            .collect()
    };
    let policies = in_section(Section::Policies);
    lists(
        &mut jobs,
        site,
        "policies/",
        "政策文件".into(),
        Section::Policies,
        policies.clone(),
    );
    for (base, items) in by_year(site, &policies) {
        let year = base
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        lists(
            &mut jobs,
            site,
            &base,
            format!("{year} 年政策文件"),
            Section::Policies,
            items,
        );
    }
    for (base, items) in by_category(site, &policies) {
        let label = category_label(site, &items);
        lists(
            &mut jobs,
            site,
            &base,
            format!("政策文件：{label}"),
            Section::Policies,
            items,
        );
    }
    lists(
        &mut jobs,
        site,
        "notices/",
        "通知公告".into(),
        Section::Notices,
        in_section(Section::Notices),
    );
    jobs
}

fn lists(
    jobs: &mut Vec<Job>,
    site: &Site,
    base: &str,
    heading: String,
    section: Section,
    items: Vec<usize>,
) {
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
    group(site, items, |d| {
        d.sort_date()
            .map(|x| format!("policies/year/{}/", x.year()))
    })
}

/// Policies by category, keyed by the category page's path, so spellings that differ only in
/// punctuation share one page.
fn by_category(site: &Site, items: &[usize]) -> BTreeMap<String, Vec<usize>> {
    group(site, items, |d| {
        d.category.as_deref().map(doc_views::category_path)
    })
}

/// The name a category page shows: the spelling of its newest document.
fn category_label(site: &Site, items: &[usize]) -> String {
    items
        .first()
        .and_then(|&i| site.documents[i].category.clone())
        .unwrap_or_default()
}

/// Documents grouped by a key (years, categories), keys sorted, documents in site order.
fn group(
    site: &Site,
    items: &[usize],
    key: impl Fn(&Document) -> Option<String>,
) -> BTreeMap<String, Vec<usize>> {
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
        match self {
            Job::Home => ("index.html".into(), home(cx)),
            Job::NotFound => ("404.html".into(), not_found(cx)),
            Job::Document(i) => {
                let d = &cx.site.documents[*i];
                (format!("{}index.html", d.url), document(cx, *i))
            }
            Job::List(job) => (
                format!("{}index.html", list::page_path(&job.base, job.page)),
                list_page(cx, job),
            ),
        }
    }
}

fn summaries(cx: &Context, items: impl Iterator<Item = usize>) -> Vec<DocSummary> {
    items
        .map(|i| doc_views::summary(cx.site, cx.findings, i))
        .collect()
}

fn home(cx: &Context) -> Result<String, Diagnostic> {
    #[derive(serde::Serialize)]
    struct Home {
        policies: Vec<DocSummary>,
        notices: Vec<DocSummary>,
        policy_count: usize,
        notice_count: usize,
    }
    let site = cx.site;
    let indices =
        |s: Section| (0..site.documents.len()).filter(move |&i| site.documents[i].section == s);
    let home = Home {
        policies: summaries(cx, indices(Section::Policies).take(6)),
        notices: summaries(cx, indices(Section::Notices).take(6)),
        policy_count: indices(Section::Policies).count(),
        notice_count: indices(Section::Notices).count(),
    };
    let latest = site
        .documents
        .iter()
        .filter(|d| d.section != Section::Pages)
        .max_by_key(|d| d.sort_date());
    let meta = views::column_meta(site, "首页", &site.config.title, latest);
    let frame = views::frame(site, &cx.view, "", Column::Home, "首页", meta);
    cx.templates
        .render("index.html", &frame, Some(("home", &home)))
}

fn not_found(cx: &Context) -> Result<String, Diagnostic> {
    let site = cx.site;
    let meta = views::column_meta(site, "页面不存在", "页面不存在", None);
    let mut frame = views::frame(
        site,
        &cx.view,
        "404.html",
        Column::Other,
        "页面不存在",
        meta,
    );
    // Served at any depth, so links go from the site root.
    frame.root = site.config.base_url.path.clone();
    frame.canonical = site.config.base_url.absolute("404.html");
    cx.templates.render("404.html", &frame, None)
}

fn document(cx: &Context, i: usize) -> Result<String, Diagnostic> {
    let site = cx.site;
    let d = &site.documents[i];
    let root = super::links::root_from(&d.url);
    let lookup = |key: &str| {
        site.doc_index
            .get(key)
            .filter(|&&j| j != i)
            .map(|&j| site.documents[j].url.clone())
    };
    let rendered = markdown::render(
        &d.body,
        &d.title,
        &LinkContext {
            root: &root,
            doc_no: &lookup,
        },
    );
    let view = doc_views::document(site, cx.findings, i, rendered.html, rendered.toc);
    let column = Column::Section(d.section);
    let meta = views::Meta {
        column_name: column.name().to_string(),
        column_type: column.name().to_string(),
        article_title: d.title.clone(),
        pub_date: d.sort_date().map(|x| x.to_string()).unwrap_or_default(),
        content_source: d.issuer.clone(),
        keywords: d.keywords.join(","),
        description: d.summary.clone().unwrap_or_else(|| d.title.clone()),
    };
    let frame = views::frame(site, &cx.view, &d.url, column, &d.title, meta);
    let template = if d.section == Section::Pages {
        "page.html"
    } else {
        "document.html"
    };
    cx.templates
        .render(template, &frame, Some(("document", &view)))
}

fn list_page(cx: &Context, job: &ListJob) -> Result<String, Diagnostic> {
    let site = cx.site;
    let items = summaries(cx, job.items[job.range.clone()].iter().copied());
    let (years, categories) = if job.section == Section::Policies {
        filters(site, job)
    } else {
        (Vec::new(), Vec::new())
    };
    let view = ListView {
        heading: job.heading.clone(),
        section: job.section.folder(),
        items,
        total: job.items.len(),
        paginator: list::paginator(&job.base, job.page, job.total_pages),
        years,
        categories,
        all_url: format!("{}/", job.section.folder()),
    };
    let path = list::page_path(&job.base, job.page);
    let title = if job.page > 1 {
        format!("{}（第 {} 页）", job.heading, job.page)
    } else {
        job.heading.clone()
    };
    let column = Column::Section(job.section);
    let latest = job.items.first().map(|&i| &site.documents[i]);
    let meta = views::column_meta(site, column.name(), &title, latest);
    let frame = views::frame(site, &cx.view, &path, column, &title, meta);
    cx.templates
        .render("list.html", &frame, Some(("list", &view)))
}

/// Year and category links for the policy lists, newest year first, categories by size.
fn filters(site: &Site, job: &ListJob) -> (Vec<Filter>, Vec<Filter>) {
    let policies: Vec<usize> = (0..site.documents.len())
        .filter(|&i| site.documents[i].section == Section::Policies)
        .collect();
    let filter = |(base, items): (String, Vec<usize>), label: String| Filter {
        url: super::links::encode_path(&base),
        current: base == job.base,
        label,
        count: items.len(),
    };
    let years = by_year(site, &policies)
        .into_iter()
        .rev()
        .map(|(base, items)| {
            let year = base
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            filter((base, items), year)
        })
        .collect();
    let mut categories: Vec<Filter> = by_category(site, &policies)
        .into_iter()
        .map(|(base, items)| {
            let label = category_label(site, &items);
            filter((base, items), label)
        })
        .collect();
    categories.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    (years, categories)
}

//! Pages of documents: home, document pages, paginated lists, the 404 page.

use super::{Context, ListJob};
use crate::diagnostics::Diagnostic;
use crate::load::Section;
use crate::render::markdown::{self, LinkContext};
use crate::render::views::document::{self as doc_views, DocSummary};
use crate::render::views::list::{self, Filter, ListView};
use crate::render::views::{self, Column};

fn summaries(cx: &Context, items: impl Iterator<Item = usize>) -> Vec<DocSummary> {
    items.map(|i| doc_views::summary(cx.site, cx.findings, i)).collect()
}

pub fn home(cx: &Context) -> Result<String, Diagnostic> {
    #[derive(serde::Serialize)]
    struct Progress {
        year: Option<i32>,
        met: usize,
        judged: usize,
        share: String,
        schools: usize,
        dashboard: bool,
    }
    #[derive(serde::Serialize)]
    struct Home {
        policies: Vec<DocSummary>,
        notices: Vec<DocSummary>,
        policy_count: usize,
        notice_count: usize,
        progress: Option<Progress>,
    }
    let site = cx.site;
    let indices = |s: Section| (0..site.documents.len()).filter(move |&i| site.documents[i].section == s);
    let home = Home {
        policies: summaries(cx, indices(Section::Policies).take(6)),
        notices: summaries(cx, indices(Section::Notices).take(6)),
        policy_count: indices(Section::Policies).count(),
        notice_count: indices(Section::Notices).count(),
        progress: (!site.schools.is_empty()).then(|| {
            let headline = views::dashboard::headline(site, cx.findings);
            let (met, judged) = headline.map_or((0, 0), |(_, m, j)| (m, j));
            Progress {
                year: headline.map(|(y, ..)| y),
                met,
                judged,
                share: views::dashboard::share(met, judged),
                schools: site.schools.len(),
                dashboard: super::has_dashboard(site),
            }
        }),
    };
    let latest = site.documents.iter().filter(|d| d.section != Section::Pages).max_by_key(|d| d.sort_date());
    let meta = views::column_meta(site, "首页", &site.config.title, latest);
    let frame = views::frame(site, &cx.view, "", Column::Home, "首页", meta);
    cx.templates.render("index.html", &frame, Some(("home", &home)))
}

pub fn not_found(cx: &Context) -> Result<String, Diagnostic> {
    let site = cx.site;
    let meta = views::column_meta(site, "页面不存在", "页面不存在", None);
    let mut frame = views::frame(site, &cx.view, "404.html", Column::Other, "页面不存在", meta);
    // Served at any depth, so links go from the site root.
    frame.root = site.config.base_url.path.clone();
    frame.canonical = site.config.base_url.absolute("404.html");
    cx.templates.render("404.html", &frame, None)
}

pub fn document(cx: &Context, i: usize) -> Result<String, Diagnostic> {
    let site = cx.site;
    let d = &site.documents[i];
    let root = crate::render::links::root_from(&d.url);
    let lookup = |key: &str| site.doc_index.get(key).filter(|&&j| j != i).map(|&j| site.documents[j].url.clone());
    let rendered = markdown::render(&d.body, &d.title, &LinkContext { root: &root, doc_no: &lookup });
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
    let template = if d.section == Section::Pages { "page.html" } else { "document.html" };
    cx.templates.render(template, &frame, Some(("document", &view)))
}

pub fn list_page(cx: &Context, job: &ListJob) -> Result<String, Diagnostic> {
    let site = cx.site;
    let items = summaries(cx, job.items[job.range.clone()].iter().copied());
    let (years, categories) =
        if job.section == Section::Policies { filters(cx, job) } else { (Vec::new(), Vec::new()) };
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
    let title = if job.page > 1 { format!("{}（第 {} 页）", job.heading, job.page) } else { job.heading.clone() };
    let column = Column::Section(job.section);
    let latest = job.items.first().map(|&i| &site.documents[i]);
    let meta = views::column_meta(site, column.name(), &title, latest);
    let frame = views::frame(site, &cx.view, &path, column, &title, meta);
    cx.templates.render("list.html", &frame, Some(("list", &view)))
}

/// Year and category links for the policy lists (from the groups made once per build).
fn filters(cx: &Context, job: &ListJob) -> (Vec<Filter>, Vec<Filter>) {
    let links = |groups: &[super::groups::Group]| -> Vec<Filter> {
        groups
            .iter()
            .map(|g| Filter {
                url: crate::render::links::encode_path(&g.base),
                current: g.base == job.base,
                label: g.label.clone(),
                count: g.items.len(),
            })
            .collect()
    };
    (links(&cx.groups.years), links(&cx.groups.categories))
}

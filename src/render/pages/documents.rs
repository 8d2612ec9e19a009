//! Pages of documents: home, document pages, paginated lists, the 404 page.

use super::{Context, missing};
use crate::diagnostics::Diagnostic;
use crate::model::id::DocId;
use crate::model::lists::{DocList, ListKey};
use crate::model::pages::{Column, FeedKind, Page, Pages};
use crate::model::{Document, Section};
use crate::render::views::catalogue;
use crate::render::views::document::{self as doc_views, DocSummary};
use crate::render::views::list::{self, ListView};
use crate::render::views::{self, url};

fn summaries<'a>(cx: &Context, docs: impl Iterator<Item = &'a Document>) -> Vec<DocSummary> {
    docs.map(|d| doc_views::summary(cx.findings, d)).collect()
}

pub fn home(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    #[derive(serde::Serialize)]
    struct Progress {
        year: Option<i32>,
        met: usize,
        judged: usize,
        share: String,
        /// A newest year not every school has reported yet.
        partial: Option<String>,
        schools: usize,
        dashboard: bool,
        /// The county's verdict: what the site is for, above the schools' count.
        county: Option<views::county::Headline>,
    }
    #[derive(serde::Serialize)]
    struct Home {
        policies: Vec<DocSummary>,
        notices: Vec<DocSummary>,
        policy_count: usize,
        notice_count: usize,
        progress: Option<Progress>,
        duties: views::duty::Agenda,
    }
    let site = cx.site;
    let home = Home {
        policies: summaries(cx, site.in_section(Section::Policies).take(6)),
        notices: summaries(cx, site.in_section(Section::Notices).take(6)),
        policy_count: site.lists.policies.items.len(),
        notice_count: site.lists.notices.items.len(),
        progress: (!site.schools.is_empty()).then(|| {
            let headline = views::dashboard::headline(site, cx.findings);
            let (met, judged) = headline.map_or((0, 0), |(_, m, j)| (m, j));
            Progress {
                year: headline.map(|(y, ..)| y),
                met,
                judged,
                share: views::dashboard::share(met, judged),
                partial: views::dashboard::partial(cx.findings),
                schools: site.schools.len(),
                dashboard: site.pages.nav.contains(&Column::Dashboard),
                county: views::county::latest(cx.findings).and_then(|v| views::county::headline(site, v)),
            }
        }),
        duties: views::duty::agenda(site, cx.findings),
    };
    let latest = site.documents.iter().filter(|d| d.section != Section::Pages).max_by_key(|d| d.sort_date());
    let meta = views::column_meta(site, "首页", &site.config.title, latest);
    let frame = views::frame(site, &cx.view, &page.path, page.column, "首页", meta);
    cx.templates.render("index.html", &frame, Some(("home", &home)))
}

pub fn not_found(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    let site = cx.site;
    let meta = views::column_meta(site, "页面不存在", "页面不存在", None);
    let mut frame = views::frame(site, &cx.view, &page.path, page.column, "页面不存在", meta);
    // Served at any depth, so links go from the site root.
    frame.root = site.config.base_url.path.clone();
    frame.canonical = site.config.base_url.absolute("404.html");
    cx.templates.render("404.html", &frame, None)
}

pub fn search(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    #[derive(serde::Serialize)]
    struct Search {
        /// The manifest as JSON, for the page to carry inline.
        manifest: String,
    }
    let site = cx.site;
    let view = Search { manifest: serde_json::to_string(&cx.search().manifest).unwrap_or_default() };
    let meta = views::column_meta(site, page.column.name(), "搜索", None);
    let frame = views::frame(site, &cx.view, &page.path, page.column, "搜索", meta);
    cx.templates.render("search.html", &frame, Some(("search", &view)))
}

pub fn document(cx: &Context, page: &Page, id: &DocId) -> Result<Vec<u8>, Diagnostic> {
    let site = cx.site;
    let (Some(d), Some(body)) = (site.documents.get(id), cx.bodies.get(site, id)) else { return Err(missing(page)) };
    let view = doc_views::document(site, cx.findings, d, body);
    let meta = views::Meta {
        column_name: page.column.name().to_string(),
        column_type: page.column.name().to_string(),
        article_title: d.title.clone(),
        pub_date: d.sort_date().map(|x| x.to_string()).unwrap_or_default(),
        content_source: d.issuer.clone(),
        keywords: d.keywords.join(","),
        description: d.summary.clone().unwrap_or_else(|| d.title.clone()),
    };
    let frame = views::frame(site, &cx.view, &page.path, page.column, &d.title, meta);
    let template = if d.section == Section::Pages { "page.html" } else { "document.html" };
    cx.templates.render(template, &frame, Some(("document", &view)))
}

/// What a list page is called.
fn heading(list: &DocList) -> String {
    match list.key {
        ListKey::Policies => Column::Policies.name().to_string(),
        ListKey::Notices => Column::Notices.name().to_string(),
        ListKey::Year(_) => format!("{} 年政策文件", list.label),
        ListKey::Category(_) => format!("政策文件：{}", list.label),
    }
}

pub fn list(cx: &Context, page: &Page, key: &ListKey) -> Result<Vec<u8>, Diagnostic> {
    let site = cx.site;
    let (Some(list), Some(pager)) = (site.lists.get(key), &page.pager) else { return Err(missing(page)) };
    let shown = list.items.get(pager.items.clone()).unwrap_or_default();
    let catalogue = catalogue::is_catalogue(key).then(|| catalogue::catalogue(site, cx.facets, list, shown));
    let items = if catalogue.is_some() {
        Vec::new()
    } else {
        summaries(cx, shown.iter().filter_map(|id| site.documents.get(id)))
    };
    let heading = heading(list);
    let view = ListView {
        heading: heading.clone(),
        section: list.section.folder(),
        items,
        total: list.items.len(),
        paginator: list::paginator(&pager.base, pager.number, pager.total),
        all_url: Pages::column_path(page.column).map(|p| url(&p)).unwrap_or_default(),
        catalogue,
    };
    let title = if pager.number > 1 { format!("{heading}（第 {} 页）", pager.number) } else { heading };
    let latest = list.items.first().and_then(|id| site.documents.get(id));
    let meta = views::column_meta(site, page.column.name(), &title, latest);
    let mut frame = views::frame(site, &cx.view, &page.path, page.column, &title, meta);
    let column_feed = match key {
        ListKey::Year(_) => ListKey::Policies,
        key => key.clone(),
    };
    frame.feeds.extend(crate::render::feeds::link(site, &FeedKind::List(column_feed)));
    cx.templates.render("list.html", &frame, Some(("list", &view)))
}

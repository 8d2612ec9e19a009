//! Pages of progress data: schools, pairings, exchanges and the 达标 dashboard.

use super::Context;
use crate::diagnostics::Diagnostic;
use crate::render::views::{self, Column, Download, download, school_path};

/// Renders a page of a data column with its view under `key`.
fn page(
    cx: &Context,
    path: &str,
    column: Column,
    title: &str,
    template: &str,
    key: &'static str,
    view: &dyn crate::render::templates::ErasedView,
) -> Result<String, Diagnostic> {
    let site = cx.site;
    let meta = views::column_meta(site, column.name(), title, None);
    let frame = views::frame(site, &cx.view, path, column, title, meta);
    cx.templates.render(template, &frame, Some((key, view)))
}

#[derive(serde::Serialize)]
struct WithDownloads<T> {
    #[serde(flatten)]
    view: T,
    downloads: Vec<Download>,
}

/// A list page's groups (学段, 共建形式) and how many items they hold in all.
#[derive(serde::Serialize)]
struct Grouped<G> {
    groups: Vec<G>,
    total: usize,
}

pub fn schools(cx: &Context) -> Result<String, Diagnostic> {
    let view = WithDownloads {
        view: Grouped { groups: views::school::groups(cx.site, cx.findings), total: cx.site.schools.len() },
        downloads: vec![download("学校名录", "schools")],
    };
    page(cx, "schools/", Column::Schools, "学校", "schools.html", "schools", &view)
}

pub fn school(cx: &Context, i: usize) -> Result<String, Diagnostic> {
    let site = cx.site;
    let view = WithDownloads {
        view: views::school::page(site, cx.findings, i),
        downloads: site
            .figures
            .iter()
            .rev()
            .map(|f| download(&format!("{} 年各校指标与达标情况", f.year), &format!("evaluation-{}", f.year)))
            .collect(),
    };
    let path = school_path(&site.schools[i].id.value);
    page(cx, &path, Column::Schools, &site.schools[i].name, "school.html", "school", &view)
}

pub fn pairings(cx: &Context) -> Result<String, Diagnostic> {
    let view = WithDownloads {
        view: Grouped { groups: views::pairing::groups(cx.site, cx.findings), total: cx.site.pairings.len() },
        downloads: vec![download("结对共建名单", "pairings")],
    };
    page(cx, "pairings/", Column::Pairings, "结对共建", "pairings.html", "pairings", &view)
}

pub fn pairing(cx: &Context, i: usize) -> Result<String, Diagnostic> {
    let site = cx.site;
    let view = views::pairing::page(site, cx.findings, i);
    let path = views::pairing::path(&site.pairings[i]);
    let title = view.row.title.clone();
    page(cx, &path, Column::Pairings, &title, "pairing.html", "pairing", &view)
}

pub fn exchanges(cx: &Context) -> Result<String, Diagnostic> {
    #[derive(serde::Serialize)]
    struct Exchanges {
        years: Vec<views::exchange::ExchangeYear>,
    }
    let view = WithDownloads {
        view: Exchanges { years: views::exchange::years(cx.site) },
        downloads: vec![download("教干教师交流名单", "exchanges")],
    };
    page(cx, "exchanges/", Column::Exchanges, "教干教师交流", "exchanges.html", "exchanges", &view)
}

pub fn dashboard(cx: &Context) -> Result<String, Diagnostic> {
    let view = views::dashboard::view(cx.site, cx.findings);
    page(cx, "dashboard/", Column::Dashboard, "达标进展", "dashboard.html", "dashboard", &view)
}

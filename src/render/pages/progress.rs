//! Pages of progress data: schools, pairings, exchanges and the 达标 dashboard.

use super::{Context, missing};
use crate::diagnostics::Diagnostic;
use crate::model::id::{PairingId, SchoolId};
use crate::model::pages::Page;
use crate::render::views::{self, Download, download};

/// Renders a page of a data column with its view under `key`.
fn render(
    cx: &Context,
    page: &Page,
    title: &str,
    template: &str,
    key: &'static str,
    view: &dyn crate::render::templates::ErasedView,
) -> Result<Vec<u8>, Diagnostic> {
    let site = cx.site;
    let meta = views::column_meta(site, page.column.name(), title, None);
    let frame = views::frame(site, &cx.view, &page.path, page.column, title, meta);
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
    coverage: Option<views::coverage::CoverageView>,
}

pub fn schools(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    let view = WithDownloads {
        view: views::school::list_page(cx.site, cx.findings, &cx.search().manifest.fold),
        downloads: vec![download("学校名录", "schools")],
    };
    render(cx, page, "学校", "schools.html", "schools", &view)
}

pub fn school(cx: &Context, page: &Page, id: &SchoolId) -> Result<Vec<u8>, Diagnostic> {
    let site = cx.site;
    let Some(school) = site.schools.get(id) else { return Err(missing(page)) };
    let view = WithDownloads {
        view: views::school::page(site, cx.findings, school),
        downloads: site
            .figures
            .iter()
            .rev()
            .map(|f| download(&format!("{} 年各校指标与达标情况", f.year), &format!("evaluation-{}", f.year)))
            .collect(),
    };
    render(cx, page, &school.name, "school.html", "school", &view)
}

pub fn pairings(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    let mut downloads = vec![download("结对共建名单", "pairings")];
    if let Some(c) = cx.findings.coverage.years.last() {
        let year = c.date.year();
        downloads.push(download(&format!("{year} 年结对覆盖情况（各校是否在结对中）"), &format!("coverage-{year}")));
    }
    let view = WithDownloads {
        view: Grouped {
            groups: views::pairing::groups(cx.site, cx.findings),
            total: cx.site.pairings.len(),
            coverage: views::coverage::view(cx.site, cx.findings),
        },
        downloads,
    };
    render(cx, page, "结对共建", "pairings.html", "pairings", &view)
}

pub fn pairing(cx: &Context, page: &Page, id: &PairingId) -> Result<Vec<u8>, Diagnostic> {
    let Some(pairing) = cx.site.pairings.get(id) else { return Err(missing(page)) };
    let view = views::pairing::page(cx.site, cx.findings, pairing);
    let title = view.row.title.clone();
    render(cx, page, &title, "pairing.html", "pairing", &view)
}

pub fn exchanges(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    #[derive(serde::Serialize)]
    struct Exchanges {
        years: Vec<views::exchange::ExchangeYear>,
        ratios: Vec<views::exchange::RatioYear>,
        limits: views::exchange::Limits,
    }
    let mut downloads = vec![download("教干教师交流名单", "exchanges")];
    if !cx.findings.exchange.is_empty() {
        downloads.push(download("历年教师交流比例", "exchange-ratios"));
    }
    let view = WithDownloads {
        view: Exchanges {
            years: views::exchange::years(cx.site),
            ratios: views::exchange::ratio_years(cx.site, cx.findings),
            limits: views::exchange::limits(cx.site),
        },
        downloads,
    };
    render(cx, page, "教干教师交流", "exchanges.html", "exchanges", &view)
}

pub fn dashboard(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    let view = views::dashboard::view(cx.site, cx.findings);
    render(cx, page, "达标进展", "dashboard.html", "dashboard", &view)
}

pub fn county(cx: &Context, page: &Page, year: i32) -> Result<Vec<u8>, Diagnostic> {
    let Some(view) = views::county::year_page(cx.site, cx.findings, year) else { return Err(missing(page)) };
    let view = WithDownloads {
        view,
        downloads: vec![
            download(&format!("{year} 年县级评估各项结果"), &format!("county-{year}")),
            download("历年县级评估结果", "county-trend"),
        ],
    };
    render(cx, page, &format!("{year} 年县域优质均衡评估"), "county.html", "county", &view)
}

//! Pages of the disclosure column (政府信息公开): its index and the annual reports.

use super::{Context, missing};
use crate::diagnostics::Diagnostic;
use crate::model::pages::Page;
use crate::render::views::{self, download, report};

pub fn disclosure(cx: &Context, page: &Page) -> Result<Vec<u8>, Diagnostic> {
    let site = cx.site;
    let view = report::disclosure(site);
    let meta = views::column_meta(site, page.column.name(), "政府信息公开", None);
    let frame = views::frame(site, &cx.view, &page.path, page.column, "政府信息公开", meta);
    cx.templates.render("disclosure.html", &frame, Some(("disclosure", &view)))
}

pub fn report(cx: &Context, page: &Page, year: i32) -> Result<Vec<u8>, Diagnostic> {
    #[derive(serde::Serialize)]
    struct WithDownload {
        #[serde(flatten)]
        report: report::ReportView,
        downloads: Vec<views::Download>,
    }
    let site = cx.site;
    let Some(r) = site.reports.iter().find(|r| r.year == year) else { return Err(missing(page)) };
    let title = format!("{}{year}年政府信息公开工作年度报告", site.config.issuer);
    let view = WithDownload {
        report: report::report(r),
        downloads: vec![download(&format!("{year} 年度报告数据"), &format!("report-{year}"))],
    };
    let mut meta = views::column_meta(site, page.column.name(), &title, None);
    meta.pub_date = r.published.map(|d| d.to_string()).unwrap_or_default();
    let frame = views::frame(site, &cx.view, &page.path, page.column, &title, meta);
    cx.templates.render("report.html", &frame, Some(("report", &view)))
}

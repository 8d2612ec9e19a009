//! Views of the disclosure column: the 政府信息公开 index and a year's annual report.

use super::{Link, url};
use crate::model::pages::PageKind;
use crate::model::report::{APPLICANTS, Line, RESULTS, Report};
use crate::model::{Section, Site};
use serde::Serialize;

/// A row of a report table; a heading row has no values.
#[derive(Debug, Serialize)]
pub struct LineView {
    pub label: String,
    pub level: u8,
    pub values: Option<Vec<u64>>,
    pub total: u64,
}

fn lines<const N: usize>(lines: &[Line<N>]) -> Vec<LineView> {
    lines
        .iter()
        .map(|l| LineView {
            label: l.label.clone(),
            level: l.level,
            values: l.values.map(|v| v.to_vec()),
            total: l.total(),
        })
        .collect()
}

#[derive(Debug, Serialize)]
pub struct ReportView {
    pub year: i32,
    pub published: Option<String>,
    pub overview: Vec<String>,
    pub problems: Vec<String>,
    pub other: Vec<String>,
    /// 规章, 行政规范性文件: (label, 制发, 废止, 现行有效).
    pub documents: Vec<(String, [u64; 3])>,
    /// 行政许可, 行政处罚, 行政强制: (label, 本年处理决定数量).
    pub decisions: Vec<(String, u64)>,
    /// 万元
    pub fees: String,
    pub applicants: [&'static str; 6],
    pub applications: Vec<LineView>,
    pub results: [&'static str; 4],
    pub reviews: Vec<LineView>,
}

pub fn report(r: &Report) -> ReportView {
    let p = &r.proactive;
    ReportView {
        year: r.year,
        published: r.published.map(|d| d.to_string()),
        overview: r.overview.clone(),
        problems: r.problems.clone(),
        other: r.other.clone(),
        documents: p.documents.iter().map(|(l, v)| (l.to_string(), *v)).collect(),
        decisions: p.decisions.iter().map(|(l, v)| (l.to_string(), *v)).collect(),
        fees: p.fees.to_string(),
        applicants: APPLICANTS,
        applications: lines(&r.applications),
        results: RESULTS,
        reviews: lines(&r.reviews),
    }
}

/// The 政府信息公开 index: the guide and application pages, the reports by year.
#[derive(Debug, Serialize)]
pub struct DisclosureView {
    /// The pages with a 页面类型, guide first.
    pub pages: Vec<Link>,
    pub reports: Vec<ReportLink>,
    pub policies_url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ReportLink {
    pub year: i32,
    pub url: String,
    pub published: Option<String>,
}

pub fn disclosure(site: &Site) -> DisclosureView {
    let mut typed: Vec<_> = site.in_section(Section::Pages).filter_map(|d| Some((d.kind?, d))).collect();
    typed.sort_by_key(|(k, d)| (k.key() != "guide", d.url.clone()));
    DisclosureView {
        pages: typed.into_iter().map(|(_, d)| Link { title: d.title.clone(), url: url(&d.url) }).collect(),
        reports: site
            .reports
            .iter()
            .filter_map(|r| {
                let url = super::url_of(site, &PageKind::Report(r.year))?;
                Some(ReportLink { year: r.year, url, published: r.published.map(|d| d.to_string()) })
            })
            .collect(),
        policies_url: super::url_of(site, &PageKind::List(crate::model::lists::ListKey::Policies)),
    }
}

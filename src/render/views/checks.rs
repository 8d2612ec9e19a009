//! County-level checks on the dashboard (家长满意度 of the whole county …): each standard's
//! checks with the latest year's figure, the limit and the verdict. The site's standard first.

use super::Badge;
use crate::evaluate::Findings;
use crate::model::Site;
use crate::model::standard::Standard;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct CheckRow {
    pub name: String,
    /// The figure as written, with its unit; 未填报 without one.
    pub value: String,
    /// `不低于 85%`
    pub limit: String,
    pub verdict: Badge,
}

#[derive(Debug, Serialize)]
pub struct ChecksView {
    pub standard: String,
    pub year: i32,
    pub rows: Vec<CheckRow>,
}

pub fn view(site: &Site, findings: &Findings) -> Vec<ChecksView> {
    let Some(year) = site.figures.last().map(|f| f.year) else { return Vec::new() };
    let mut standards: Vec<&Standard> = site.standards.iter().filter(|s| !s.county_checks.is_empty()).collect();
    standards.sort_by_key(|s| s.id != site.standard);
    standards
        .into_iter()
        .filter_map(|standard| {
            let results = &findings.standard_year(year, &standard.id)?.checks;
            let rows = standard
                .county_checks
                .iter()
                .zip(results)
                .map(|(check, result)| CheckRow {
                    name: check.name.clone(),
                    value: result.value.map_or_else(|| "未填报".to_string(), |v| format!("{v}{}", check.unit)),
                    limit: format!("{} {}{}", check.rule.label(), check.limit, check.unit),
                    verdict: match result.ok {
                        Some(true) => Badge::new("达到", "met"),
                        Some(false) => Badge::new("未达到", "not-met"),
                        None => Badge::new("未填报", "missing"),
                    },
                })
                .collect();
            Some(ChecksView { standard: standard.name.clone(), year, rows })
        })
        .collect()
}

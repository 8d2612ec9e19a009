//! Coverage of pairings (结对覆盖): the shares per form, 学段 and 城乡, the schools left out,
//! the plan's coverage targets and a chart of the share at each year's end.

use super::{Badge, PartyView, labels, school_link};
use crate::evaluate::Findings;
use crate::evaluate::coverage::{Coverage, Share};
use crate::model::Site;
use crate::model::plan::CoverageTarget;
use crate::render::charts::{Chart, progress};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ShareRow {
    pub label: String,
    pub covered: usize,
    pub total: usize,
    pub share: String,
}

#[derive(Debug, Serialize)]
pub struct TargetRow {
    pub form: String,
    pub share: String,
    pub by: String,
    pub now: String,
    /// Whether the share on the build date reaches the target: 达到 / 未达到.
    pub holds: Badge,
    pub met: Option<String>,
    pub status: Badge,
    /// For a target reached once and not held now: `曾于 2017-09-01 达到，目前未达到（17%）`.
    pub note: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct YearRow {
    pub year: i32,
    pub date: String,
    pub share: String,
}

#[derive(Debug, Serialize)]
pub struct CoverageView {
    pub date: String,
    pub forms: Vec<ShareRow>,
    pub stages: Vec<ShareRow>,
    pub locales: Vec<ShareRow>,
    pub uncovered: Vec<PartyView>,
    pub targets: Vec<TargetRow>,
    pub years: Vec<YearRow>,
    /// What the year chart follows: 全部形式 or the charted target's form.
    pub charted: String,
    pub chart: Option<Chart>,
    pub summary: String,
}

fn percent(s: Share) -> String {
    super::dashboard::share(s.covered, s.total)
}

fn row(label: impl Into<String>, s: Share) -> ShareRow {
    ShareRow { label: label.into(), covered: s.covered, total: s.total, share: percent(s) }
}

fn form_label(form: Option<&str>) -> String {
    form.map_or_else(|| "全部形式".to_string(), str::to_string)
}

/// `None` when the site has no pairings and no coverage targets: nothing to show.
pub fn view(site: &Site, findings: &Findings) -> Option<CoverageView> {
    let c = &findings.coverage;
    if site.pairings.is_empty() && site.plan.coverage.is_empty() {
        return None;
    }
    let now = &c.now;
    let mut forms = vec![row("全部形式", now.all)];
    forms.extend(now.forms.iter().map(|(f, s)| row(f.clone(), *s)));
    let targets: Vec<TargetRow> = site
        .plan
        .coverage
        .iter()
        .zip(&c.targets)
        .map(|(t, found)| TargetRow {
            form: form_label(t.form.as_deref()),
            share: t.share.percent(),
            by: t.by.to_string(),
            now: percent(found.now),
            holds: if found.holds { Badge::new("达到", "met") } else { Badge::new("未达到", "not-met") },
            met: found.met.map(|d| d.to_string()),
            status: labels::plan_status(found.status),
            note: match (found.met, found.holds) {
                (Some(met), false) => Some(format!("曾于 {met} 达到，目前未达到（{}）", percent(found.now))),
                _ => None,
            },
        })
        .collect();
    // The year chart follows the first any-form target, else the first target, else any form.
    let charted: Option<&CoverageTarget> =
        site.plan.coverage.iter().find(|t| t.form.is_none()).or_else(|| site.plan.coverage.first());
    let form = charted.and_then(|t| t.form.as_deref());
    let summary = summary(now, form);
    let chart = chart(&c.years, charted, &summary);
    Some(CoverageView {
        date: now.date.to_string(),
        forms,
        stages: now.stages.iter().map(|(s, share)| row(s.label(), *share)).collect(),
        locales: now.locales.iter().map(|(l, share)| row(l.map_or("未填城乡类别", |l| l.label()), *share)).collect(),
        uncovered: now.schools.iter().filter(|s| s.pairings.is_empty()).map(|s| school_link(site, &s.school)).collect(),
        targets,
        years: c
            .years
            .iter()
            .map(|y| YearRow { year: y.date.year(), date: y.date.to_string(), share: percent(y.of(form)) })
            .collect(),
        charted: form_label(form),
        chart,
        summary,
    })
}

fn summary(now: &Coverage, form: Option<&str>) -> String {
    let all = now.all;
    let mut text = format!(
        "截至 {}，{} 所在办学校中有 {} 所在结对中（{}），{} 所不在任何结对中",
        now.date,
        all.total,
        all.covered,
        percent(all),
        all.total - all.covered
    );
    if let Some(f) = form {
        text.push_str(&format!("；{f}覆盖 {}", percent(now.of(Some(f)))));
    }
    text.push('。');
    text
}

fn chart(years: &[Coverage], target: Option<&CoverageTarget>, summary: &str) -> Option<Chart> {
    if years.is_empty() {
        return None;
    }
    let form = target.and_then(|t| t.form.as_deref());
    let points: Vec<progress::YearPoint> = years
        .iter()
        .map(|c| {
            let s = c.of(form);
            progress::YearPoint {
                year: c.date.year(),
                planned: target.filter(|t| t.by.year <= c.date.year()).map(|t| t.share.to_f64()),
                actual: (s.total > 0).then(|| s.covered as f64 / s.total as f64),
            }
        })
        .collect();
    let title = format!("历年结对覆盖率（{}，年末）", form_label(form));
    progress::draw(&points, "chart-coverage", &title, summary)
}

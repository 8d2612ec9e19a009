//! The progress data of a site (data/*.yaml and standards/*.yaml), read in dependency order:
//! schools first, then what refers to them.

use super::exchange::{self, ExchangeList};
use super::id::{PairingId, StandardId};
use super::indicator::{self, Figures};
use super::pairing::{self, Pairing};
use super::plan::{self, Plan};
use super::school::{self, School, SchoolIndex};
use super::standard::{self, Standard};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};
use crate::load::{DataKind, Raw, RawData};
use std::collections::HashMap;

#[derive(Clone, Debug, Default)]
pub struct Data {
    /// In the order of data/schools.yaml.
    pub schools: Vec<School>,
    /// Grouped by form (FORMAT.md's order), in file order within a form.
    pub pairings: Vec<Pairing>,
    /// Newest year first.
    pub exchanges: Vec<ExchangeList>,
    /// Oldest year first.
    pub figures: Vec<Figures>,
    pub plan: Plan,
    pub standards: Vec<Standard>,
    /// 政府信息公开工作年度报告, newest year first.
    pub reports: Vec<super::report::Report>,
}

fn files(raw: &Raw, kind: DataKind) -> impl Iterator<Item = &RawData> {
    raw.data.iter().filter(move |d| d.kind == kind)
}

pub fn read(raw: &Raw, diags: &mut Diagnostics) -> Data {
    let mut data = Data { standards: standards(raw, diags), reports: reports(raw, diags), ..Data::default() };
    if raw.unreadable.contains(&DataKind::Schools) {
        // Every reference to a school would be reported as unknown: fix schools.yaml first.
        return data;
    }
    let mut broken_schools = Vec::new();
    for file in files(raw, DataKind::Schools) {
        let read = school::read_all(&file.node, diags);
        data.schools.extend(read.items);
        broken_schools.extend(read.broken);
    }
    super::check::duplicates::ids(data.schools.iter().map(|s| (s.id.as_str(), s.span)), "学校编号", diags);
    let index = SchoolIndex::new(&data.schools, &broken_schools);

    let mut broken_pairings = Vec::new();
    for file in files(raw, DataKind::Pairings) {
        let read = pairing::read_all(&file.node, &index, diags);
        data.pairings.extend(read.items);
        broken_pairings.extend(read.broken);
    }
    super::check::duplicates::ids(data.pairings.iter().map(|p| (p.id.as_str(), p.span)), "结对编号", diags);
    // By form, keeping the file's order within a form (staff list them as the policy does).
    data.pairings.sort_by(|a, b| (a.form_rank(), &a.form).cmp(&(b.form_rank(), &b.form)));

    // Exchanges name pairings by id; broken pairings are known but unusable, and an unreadable
    // pairings.yaml means references cannot be checked at all.
    let pairing_ids: HashMap<&str, Option<PairingId>> = data
        .pairings
        .iter()
        .map(|p| (p.id.as_str(), Some(p.id.clone())))
        .chain(broken_pairings.iter().map(|id| (id.as_str(), None)))
        .collect();
    let pairing_ids = (!raw.unreadable.contains(&DataKind::Pairings)).then_some(&pairing_ids);
    data.exchanges =
        files(raw, DataKind::Exchanges).flat_map(|d| exchange::read_all(&d.node, &index, pairing_ids, diags)).collect();
    // The year is a list's id: a second list for a year would be a second table with the same heading.
    let years: Vec<String> = data.exchanges.iter().map(|l| l.year.to_string()).collect();
    super::check::duplicates::ids(
        years.iter().zip(&data.exchanges).map(|(y, l)| (y.as_str(), l.span)),
        "交流名单的年度",
        diags,
    );

    for file in files(raw, DataKind::Indicators) {
        let named = file_year(raw, file.file);
        let Some(figures) = indicator::read(&file.node, file.file, named, &index, diags) else {
            continue;
        };
        if let Some(other) = data.figures.iter().find(|f| f.year == figures.year) {
            diags.push(Diagnostic::error(Code::DuplicateId, Span::file_start(file.file)).detail(format!(
                "{} 年度已经有指标文件 {}",
                figures.year,
                raw.sources.path(other.file)
            )));
            continue;
        }
        data.figures.push(figures);
    }
    data.figures.sort_by_key(|f| f.year);

    let plans: Vec<&RawData> = files(raw, DataKind::Plan).collect();
    if let [first, second, ..] = plans.as_slice() {
        // plan.yaml beside plan.yml: one would be ignored without a word.
        diags.push(
            Diagnostic::error(Code::DuplicateId, Span::file_start(second.file))
                .detail(format!("达标计划只能有一个文件，已经有 {}", raw.sources.path(first.file)))
                .hint("把两个文件合并成一个 data/plan.yaml。/ Merge them into one data/plan.yaml."),
        );
    }
    let forms: Vec<&str> = data.pairings.iter().map(|p| p.form.as_str()).collect();
    let forms = (!raw.unreadable.contains(&DataKind::Pairings)).then_some(forms.as_slice());
    data.plan = plans.first().map(|d| plan::read(&d.node, &index, forms, diags)).unwrap_or_default();
    data
}

/// The year in a data file's name (`data/reports/2025.yaml` → 2025).
pub fn file_year(raw: &Raw, file: crate::diagnostics::FileId) -> Option<i32> {
    let path = raw.sources.path(file);
    path.rsplit('/').next().and_then(|n| n.split('.').next()).and_then(|y| y.parse().ok())
}

/// The annual reports, one per year.
fn reports(raw: &Raw, diags: &mut Diagnostics) -> Vec<super::report::Report> {
    let mut out: Vec<super::report::Report> = Vec::new();
    for file in files(raw, DataKind::Report) {
        let Some(report) = super::report::read(&file.node, file.file, file_year(raw, file.file), diags) else {
            continue;
        };
        if let Some(other) = out.iter().find(|r| r.year == report.year) {
            diags.push(Diagnostic::error(Code::DuplicateId, Span::file_start(file.file)).detail(format!(
                "{} 年度已经有年度报告 {}",
                report.year,
                raw.sources.path(other.file)
            )));
            continue;
        }
        out.push(report);
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.year));
    out
}

/// Built-in standards, each replaced by a site's standard with the same id; site standards
/// may not share an id among themselves.
fn standards(raw: &Raw, diags: &mut Diagnostics) -> Vec<Standard> {
    let mut out: Vec<(Standard, bool, Span)> = Vec::new();
    for file in files(raw, DataKind::Standard) {
        let Some(s) = standard::read(&file.node, diags) else {
            continue;
        };
        let span = file.node.get("id").map_or(Span::file_start(file.file), |n| n.span);
        match out.iter_mut().find(|(o, ..)| o.id == s.id) {
            Some((_, false, first)) if !file.builtin => diags.push(
                Diagnostic::error(Code::DuplicateId, span)
                    .detail(format!("评估标准「{}」已经定义过", s.id))
                    .related(*first, "第一次定义在这里"),
            ),
            Some(slot) => *slot = (s, file.builtin, span),
            None => out.push((s, file.builtin, span)),
        }
    }
    out.into_iter().map(|(s, ..)| s).collect()
}

/// The standard site.yaml names, or an error at its value.
pub fn selected(standards: &[Standard], id: &str, at: Span, diags: &mut Diagnostics) -> Option<StandardId> {
    let found = standards.iter().find(|s| s.id.as_str() == id).map(|s| s.id.clone());
    if found.is_none() {
        let known: Vec<&str> = standards.iter().map(|s| s.id.as_str()).collect();
        diags.push(Diagnostic::error(Code::UnknownStandard, at).detail(format!("「{id}」")).hint(format!(
            "可用的标准：{}。/ Known standards: {}.",
            known.join("、"),
            known.join(", ")
        )));
    }
    found
}

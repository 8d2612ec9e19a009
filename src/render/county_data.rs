//! The county's verdict as open data: `county-YEAR` (one row per figure of each item, or per
//! item without figures) and `county-trend` (each year's parts, vetoes and whole). Cells carry
//! the same text the pages show, so a download never reads differently from its page.

use super::downloads::{Cell, Table, pairs, text};
use super::views::county;
use crate::evaluate::Findings;
use crate::model::Site;

pub fn tables(site: &Site, findings: &Findings) -> Vec<(String, Table)> {
    let mut out = Vec::new();
    for v in &findings.county {
        if let Some(view) = county::year_page(site, findings, v.year) {
            out.push((format!("county-{}", v.year), year(v.year, &view)));
        }
    }
    if !findings.county.is_empty() {
        out.push(("county-trend".to_string(), trend(site, findings)));
    }
    out
}

fn year(y: i32, view: &county::YearView) -> Table {
    let mut t = Table::new(&[
        ("year", "年度"),
        ("part", "方面"),
        ("article", "条款"),
        ("no", "序号"),
        ("item_id", "项目编号"),
        ("item", "项目"),
        ("state", "结论"),
        ("reason", "说明"),
        ("figure", "数据"),
        ("value", "数值"),
        ("standard", "标准"),
        ("figure_state", "数据结论"),
        ("evidence", "佐证材料"),
        ("failing_schools", "未达标学校"),
    ]);
    for part in &view.parts {
        for item in &part.items {
            let evidence: Vec<&str> = item.evidence.iter().map(|e| e.label.as_str()).collect();
            let failing: Vec<String> = item
                .failing
                .iter()
                .map(|f| format!("{}：{}", f.school.as_ref().map_or("", |s| s.name.as_str()), f.why))
                .collect();
            let row = |figure: Option<&county::FigureView>| {
                vec![
                    Cell::Int(y.into()),
                    text(&part.name),
                    text(&part.article),
                    text(&item.no),
                    text(&item.id),
                    text(&item.name),
                    text(&item.state.label),
                    item.reason.as_ref().map_or(Cell::Empty, text),
                    figure.map_or(Cell::Empty, |f| text(&f.name)),
                    figure.map_or(Cell::Empty, |f| text(&f.value)),
                    figure.map_or(Cell::Empty, |f| text(&f.standard)),
                    figure.and_then(|f| f.ok.as_ref()).map_or(Cell::Empty, |b| text(&b.label)),
                    text(evidence.join("；")),
                    text(failing.join("；")),
                ]
            };
            if item.figures.is_empty() {
                t.rows.push(row(None));
            }
            for f in &item.figures {
                t.rows.push(row(Some(f)));
            }
        }
    }
    for veto in &view.vetoes {
        let mut row = vec![Cell::Int(y.into()), text("一票否决"), text(&veto.article), Cell::Empty, Cell::Empty];
        row.extend([text(&veto.name), text(&veto.state.label)]);
        row.resize(t.columns.len(), Cell::Empty);
        t.rows.push(row);
    }
    t
}

fn trend(site: &Site, findings: &Findings) -> Table {
    let parts = site.standard().method.iter().flat_map(|m| m.parts.iter().map(|p| (p.id.clone(), p.name.clone())));
    let mut columns = pairs(&[("year", "年度")]);
    columns.extend(parts);
    columns.extend(pairs(&[("vetoes", "一票否决"), ("state", "结论")]));
    let mut t = Table::with_columns(columns);
    for row in county::history(site, findings).into_iter().rev() {
        let mut cells = vec![Cell::Int(row.year.into())];
        cells.extend(row.parts.iter().map(|p| text(format!("{} {}", p.count, p.state.label))));
        cells.extend([text(row.vetoes), text(row.state.label)]);
        t.rows.push(cells);
    }
    t
}

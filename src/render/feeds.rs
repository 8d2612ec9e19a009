//! The Atom feeds the model's registry lists (`model::pages::FeedKind`): the site's (policies
//! and notices), one per column and per category, and one of data updates. Newest first, at
//! most [`FEED_LIMIT`] entries, absolute URLs.
//!
//! A feed's `updated` is its newest entry's date, never the clock, so an unchanged site gives
//! an unchanged feed. Entry ids are stable: a document's is its page URL; a data update's is
//! the page that shows the data with a fragment naming it (`…/dashboard/#indicators-2023`).
//!
//! Data updates (`data/updates.xml`): one entry per indicators year (dated by its `date`, else
//! the year's last day), per exchange list (dated by its `published`; an undated list is left
//! out), and per group of pairings that start on the same day (dated by that day; pairings
//! without a cycle are left out).

use crate::evaluate::Findings;
use crate::model::date::Date;
use crate::model::lists::ListKey;
use crate::model::pages::{Column, FeedKind, PageKind};
use crate::model::{Document, Section, Site};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many entries a feed carries.
pub const FEED_LIMIT: usize = 50;

#[derive(Debug, Serialize)]
pub struct FeedView {
    pub title: String,
    pub id: String,
    /// The page the feed follows.
    pub site_url: String,
    pub feed_url: String,
    pub author: String,
    pub updated: String,
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Serialize)]
pub struct EntryView {
    pub title: String,
    pub id: String,
    pub url: String,
    pub updated: String,
    pub category: String,
    pub doc_no: Option<String>,
    pub summary: Option<String>,
    pub author: String,
}

/// Dates are days; feeds give them at midnight China time.
fn timestamp(date: Date) -> String {
    format!("{date}T00:00:00+08:00")
}

/// What a feed is called, after the site's title.
pub fn title(site: &Site, kind: &FeedKind) -> String {
    let what = match kind {
        FeedKind::Site => return site.config.title.clone(),
        FeedKind::Data => "数据更新".to_string(),
        FeedKind::Duties => "工作节点".to_string(),
        FeedKind::List(key @ ListKey::Category(_)) => {
            format!("政策文件：{}", site.lists.get(key).map_or("", |l| l.label.as_str()))
        }
        FeedKind::List(ListKey::Notices) => Column::Notices.name().to_string(),
        FeedKind::List(_) => Column::Policies.name().to_string(),
    };
    format!("{}（{what}）", site.config.title)
}

/// A link to a feed, for `<link rel="alternate">` and the footer.
#[derive(Debug, Serialize, Clone)]
pub struct FeedLink {
    pub title: String,
    pub url: String,
}

pub fn link(site: &Site, kind: &FeedKind) -> Option<FeedLink> {
    let feed = site.pages.feed(kind)?;
    Some(FeedLink { title: title(site, kind), url: super::views::url(&feed.path) })
}

/// Every feed of the registry: (output path, view).
pub fn feeds(site: &Site, findings: &Findings) -> Vec<(String, FeedView)> {
    site.pages.feeds.iter().map(|f| (f.path.output_file(), feed(site, findings, &f.kind, f.path.as_str()))).collect()
}

fn feed(site: &Site, findings: &Findings, kind: &FeedKind, path: &str) -> FeedView {
    let base = &site.config.base_url;
    let (page, mut entries) = match kind {
        FeedKind::Site => {
            let docs = site.documents.iter().filter(|d| d.section != Section::Pages);
            (String::new(), documents(site, docs))
        }
        FeedKind::List(key) => {
            let list = site.lists.get(key);
            let docs = list.into_iter().flat_map(|l| l.items.iter()).filter_map(|id| site.documents.get(id));
            (list.map(|l| super::views::url(&l.base)).unwrap_or_default(), documents(site, docs))
        }
        FeedKind::Data => (String::new(), data(site, findings)),
        FeedKind::Duties => {
            (super::views::url_of(site, &PageKind::Dashboard).unwrap_or_default(), duties(site, findings))
        }
    };
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    entries.truncate(FEED_LIMIT);
    // A feed with no dated entry: the build date (fixed by SOURCE_DATE_EPOCH) stands in.
    let updated = entries.first().map_or(site.today, |(date, _)| *date);
    let feed_url = base.absolute(path);
    FeedView {
        title: title(site, kind),
        // The site feed's id predates the other feeds; it stays the site's address.
        id: if *kind == FeedKind::Site { base.absolute("") } else { feed_url.clone() },
        site_url: base.absolute(&page),
        feed_url,
        author: site.config.issuer.clone(),
        updated: timestamp(updated),
        entries: entries.into_iter().map(|(_, e)| e).collect(),
    }
}

fn documents<'a>(site: &Site, docs: impl Iterator<Item = &'a Document>) -> Vec<(Date, EntryView)> {
    let base = &site.config.base_url;
    docs.filter_map(|d| d.sort_date().map(|date| (date, d)))
        .map(|(date, d)| {
            let url = base.absolute(&super::views::url(&d.url));
            let entry = EntryView {
                title: d.title.clone(),
                id: url.clone(),
                url,
                updated: timestamp(date),
                category: Column::of_section(d.section).name().to_string(),
                doc_no: d.doc_no.as_ref().map(|n| n.value.clone()),
                summary: d.summary.clone(),
                author: d.issuer.clone(),
            };
            (date, entry)
        })
        .collect()
}

/// Data updates (see the module docs), each linking to the page that shows the data.
fn data(site: &Site, findings: &Findings) -> Vec<(Date, EntryView)> {
    let base = &site.config.base_url;
    let page = |kind: PageKind| base.absolute(&super::views::url_of(site, &kind).unwrap_or_default());
    let entry = |date: Date, url: &str, fragment: String, title: String, summary: String| EntryView {
        title,
        id: format!("{url}#{fragment}"),
        url: url.to_string(),
        updated: timestamp(date),
        category: "数据更新".to_string(),
        doc_no: None,
        summary: Some(summary),
        author: site.config.issuer.clone(),
    };
    let mut out = Vec::new();
    let dashboard = page(PageKind::Dashboard);
    for f in &site.figures {
        let title = format!("{} 年度办学条件指标", f.year);
        let summary = match f.date {
            Some(d) => format!("共 {} 条学校记录，统计日期 {d}", f.rows.len()),
            None => format!("共 {} 条学校记录", f.rows.len()),
        };
        // Dated no later than the build: the end of a year not yet over is not a past day.
        let date = f.date.unwrap_or_else(|| f.as_of().min(site.today));
        out.push((date, entry(date, &dashboard, format!("indicators-{}", f.year), title, summary)));
    }
    let exchanges = page(PageKind::Exchanges);
    for list in &site.exchanges {
        let Some(date) = list.published else { continue };
        let title = format!("{} 年度教干教师交流名单", list.year);
        let summary = format!("{} 人参加交流", list.people.len());
        out.push((date, entry(date, &exchanges, format!("exchanges-{}", list.year), title, summary)));
    }
    // The county's verdict, each year it reads differently from the year before.
    let mut last: Option<&crate::evaluate::method::State> = None;
    for v in &findings.county {
        let changed = last != Some(&v.state);
        last = Some(&v.state);
        let (Some(data), Some(headline)) =
            (site.county.iter().find(|c| c.year == v.year), super::views::county::headline(site, v))
        else {
            continue;
        };
        if !changed {
            continue;
        }
        let date = data.date.unwrap_or_else(|| crate::model::date::Month { year: v.year, month: 12 }.last_day());
        let url = page(PageKind::County(v.year));
        let title = format!("{} 年县域优质均衡评估：{}", v.year, headline.state.label);
        out.push((date, entry(date, &url, format!("county-{}", v.year), title, headline.sentence)));
    }
    let mut cohorts: BTreeMap<Date, usize> = BTreeMap::new();
    for p in site.pairings.iter().filter_map(|p| p.cycle) {
        *cohorts.entry(p.start).or_default() += 1;
    }
    let pairings = page(PageKind::Pairings);
    for (start, n) in cohorts {
        let title = format!("结对共建名单（{start} 起）");
        let summary = format!("{n} 个结对自 {start} 起开展共建");
        out.push((start, entry(start, &pairings, format!("pairings-{start}"), title, summary)));
    }
    out
}

/// The duties the home page lists: every overdue one and the next ones due, each dated by its
/// due date and linking to its entry on the dashboard.
fn duties(site: &Site, findings: &Findings) -> Vec<(Date, EntryView)> {
    let base = &site.config.base_url;
    let dashboard = base.absolute(&super::views::url_of(site, &PageKind::Dashboard).unwrap_or_default());
    let agenda = super::views::duty::agenda(site, findings);
    agenda
        .overdue
        .iter()
        .chain(&agenda.upcoming)
        .chain(&agenda.later)
        .map(|d| {
            let mut summary = format!("截止 {}，{}", d.due, d.state.label);
            if let Some(p) = &d.progress {
                summary.push_str(&format!("（{p}）"));
            }
            let url = format!("{dashboard}#{}", d.anchor);
            let entry = EntryView {
                title: format!("{}（{}）", d.title, d.state.label),
                id: url.clone(),
                url,
                updated: timestamp(d.due_on()),
                category: "工作节点".to_string(),
                doc_no: d.policy.as_ref().map(|p| p.doc_no.clone()),
                summary: Some(summary),
                author: site.config.issuer.clone(),
            };
            (d.due_on(), entry)
        })
        .collect()
}

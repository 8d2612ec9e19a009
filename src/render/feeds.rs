//! The Atom feed (feed.xml) of policies and notices, newest first, with absolute URLs.

use crate::model::pages::Column;
use crate::model::{Section, Site};
use serde::Serialize;

/// How many documents the feed carries.
pub const FEED_LIMIT: usize = 50;

#[derive(Debug, Serialize)]
pub struct FeedView {
    pub title: String,
    pub site_url: String,
    pub feed_url: String,
    pub author: String,
    pub updated: String,
    pub entries: Vec<EntryView>,
}

#[derive(Debug, Serialize)]
pub struct EntryView {
    pub title: String,
    pub url: String,
    pub updated: String,
    pub category: String,
    pub doc_no: Option<String>,
    pub summary: Option<String>,
    pub author: String,
}

/// Dates are days; the feed gives them at midnight China time.
fn timestamp(date: crate::model::date::Date) -> String {
    format!("{date}T00:00:00+08:00")
}

pub fn feed(site: &Site) -> FeedView {
    let base = &site.config.base_url;
    let mut docs: Vec<_> = site
        .documents
        .iter()
        .filter(|d| d.section != Section::Pages)
        .filter_map(|d| d.sort_date().map(|date| (date, d)))
        .collect();
    docs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.url.cmp(&b.1.url)));
    docs.truncate(FEED_LIMIT);
    // With no dated document, the build date stands in (it is fixed by SOURCE_DATE_EPOCH).
    let updated = docs.first().map_or(site.today, |(date, _)| *date);
    FeedView {
        title: site.config.title.clone(),
        site_url: base.absolute(""),
        feed_url: base.absolute("feed.xml"),
        author: site.config.issuer.clone(),
        updated: timestamp(updated),
        entries: docs
            .into_iter()
            .map(|(date, d)| EntryView {
                title: d.title.clone(),
                url: base.absolute(&super::views::url(&d.url)),
                updated: timestamp(date),
                category: Column::of_section(d.section).name().to_string(),
                doc_no: d.doc_no.as_ref().map(|n| n.value.clone()),
                summary: d.summary.clone(),
                author: d.issuer.clone(),
            })
            .collect(),
    }
}

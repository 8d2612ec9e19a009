//! Policies grouped by year and by category. Both the list pages and the filter links on every
//! policy list use these groups, so they are made once per build.

use crate::load::Section;
use crate::model::{Document, Site};
use crate::render::views::document::category_path;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The documents of one year or one category, and the path of their list.
pub struct Group {
    pub base: String,
    /// `2017`, or the category as its newest document spells it.
    pub label: String,
    pub items: Arc<[usize]>,
}

pub struct PolicyGroups {
    /// All policies, newest first.
    pub all: Arc<[usize]>,
    /// Newest year first.
    pub years: Vec<Group>,
    /// Largest category first. Keyed by the category page's path, so spellings that differ only
    /// in punctuation share one page.
    pub categories: Vec<Group>,
}

impl PolicyGroups {
    pub fn new(site: &Site) -> PolicyGroups {
        let all: Vec<usize> =
            (0..site.documents.len()).filter(|&i| site.documents[i].section == Section::Policies).collect();
        let mut years = group(site, &all, |d| {
            let year = d.sort_date()?.year();
            Some((format!("policies/year/{year}/"), year.to_string()))
        });
        years.reverse();
        let mut categories = group(site, &all, |d| d.category.as_deref().map(|c| (category_path(c), c.to_string())));
        categories.sort_by(|a, b| b.items.len().cmp(&a.items.len()).then_with(|| a.label.cmp(&b.label)));
        PolicyGroups { all: all.into(), years, categories }
    }
}

/// Documents grouped by `key` → (path, label), in path order, documents in site order; a group's
/// label is the one its first (newest) document gives.
fn group(site: &Site, items: &[usize], key: impl Fn(&Document) -> Option<(String, String)>) -> Vec<Group> {
    let mut groups: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    for &i in items {
        if let Some((base, label)) = key(&site.documents[i]) {
            groups.entry(base).or_insert_with(|| (label, Vec::new())).1.push(i);
        }
    }
    groups.into_iter().map(|(base, (label, items))| Group { base, label, items: items.into() }).collect()
}

//! The policy lists as a disclosure catalogue (信息公开目录): a row per document with 索引号,
//! 标题, 发文字号, 成文日期 and 发布日期, and facets by 发布机构, 主题分类, 体裁 and year.
//!
//! Facet counts are over the whole list (not the page). Each row carries its facet values as
//! `data-*` attributes, so that catalogue.js can filter the rows in the browser, combining
//! facets, when the page holds the whole list (`complete`; see `model::lists::CATALOGUE_LIMIT`).
//! With scripts off, year and category values link to their static list pages.

use super::document::validity;
use super::url;
use crate::model::lists::{DocList, ListKey};
use crate::model::{Document, Site};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a row shows when a document gives no category or genre.
const NO_CATEGORY: &str = "未分类";
const NO_GENRE: &str = "其他";

#[derive(Debug, Serialize)]
pub struct Row {
    pub title: String,
    pub url: String,
    pub index_no: Option<String>,
    pub doc_no: Option<String>,
    pub date: Option<String>,
    pub published: Option<String>,
    pub validity: &'static str,
    pub validity_key: &'static str,
    /// Facet values, in [`FACETS`] order.
    pub facets: [String; 4],
}

#[derive(Debug, Serialize, Clone)]
pub struct FacetValue {
    pub label: String,
    pub count: usize,
    /// The static page of this value (years and categories), for readers without scripts.
    pub url: Option<String>,
    pub current: bool,
}

#[derive(Debug, Serialize, Clone)]
pub struct Facet {
    /// The `data-` attribute name of the rows.
    pub key: &'static str,
    pub label: &'static str,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Serialize)]
pub struct CatalogueView<'a> {
    pub rows: Vec<Row>,
    /// Whether this page holds every row of its list (then facets filter in the browser).
    pub complete: bool,
    pub facets: &'a [Facet],
}

/// Each list's facets, made once per build: every page of a long list shows the same counts,
/// and counting the whole list again for each of its pages grows with the square of its size.
#[derive(Debug, Default)]
pub struct Facets {
    lists: HashMap<ListKey, OnceLock<Vec<Facet>>>,
}

impl Facets {
    pub fn new(site: &Site) -> Facets {
        Facets { lists: site.lists.all().map(|l| (l.key.clone(), OnceLock::new())).collect() }
    }

    fn of(&self, site: &Site, list: &DocList) -> &[Facet] {
        match self.lists.get(&list.key) {
            Some(cell) => cell.get_or_init(|| facets(site, list)),
            None => &[],
        }
    }
}

/// The facets: (data attribute, heading).
const FACETS: [(&str, &str); 4] =
    [("year", "年份"), ("category", "主题分类"), ("issuer", "发布机构"), ("genre", "体裁")];

fn facet_values(site: &Site, d: &Document) -> [String; 4] {
    let year = d.sort_date().map_or_else(String::new, |x| x.year().to_string());
    let category = site.lists.category_of(d).map_or(NO_CATEGORY, |l| l.label.as_str()).to_string();
    [year, category, d.issuer.clone(), d.genre.clone().unwrap_or_else(|| NO_GENRE.to_string())]
}

fn row(site: &Site, d: &Document) -> Row {
    Row {
        title: d.title.clone(),
        url: url(&d.url),
        index_no: d.index_no.clone(),
        doc_no: d.doc_no.as_ref().map(|n| n.value.clone()),
        date: d.date.map(|x| x.to_string()),
        published: d.published.map(|x| x.to_string()),
        validity: validity(d).0,
        validity_key: validity(d).1,
        facets: facet_values(site, d),
    }
}

fn docs<'a>(site: &'a Site, ids: &[crate::model::id::DocId]) -> impl Iterator<Item = &'a Document> {
    ids.iter().filter_map(|id| site.documents.get(id))
}

/// The catalogue of `list`, showing `shown` (this page's items).
pub fn catalogue<'a>(
    site: &Site,
    facets: &'a Facets,
    list: &DocList,
    shown: &[crate::model::id::DocId],
) -> CatalogueView<'a> {
    CatalogueView {
        rows: docs(site, shown).map(|d| row(site, d)).collect(),
        complete: shown.len() == list.items.len(),
        facets: facets.of(site, list),
    }
}

/// The facets of a whole list.
fn facets(site: &Site, list: &DocList) -> Vec<Facet> {
    let all: Vec<[String; 4]> = docs(site, &list.items).map(|d| facet_values(site, d)).collect();
    FACETS
        .iter()
        .enumerate()
        .map(|(i, (key, label))| Facet { key, label, values: values(site, list, i, &all) })
        .collect()
}

/// The values of facet `i` with their counts: years newest first, categories in the site's
/// order, others by count then label.
fn values(site: &Site, list: &DocList, i: usize, all: &[[String; 4]]) -> Vec<FacetValue> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in all {
        *counts.entry(v[i].as_str()).or_default() += 1;
    }
    let static_page = |label: &str| -> Option<&DocList> {
        match i {
            0 => site.lists.years.iter().find(|l| l.label == label),
            1 => site.lists.categories.iter().find(|l| l.label == label),
            _ => None,
        }
    };
    let mut values: Vec<FacetValue> = counts
        .into_iter()
        .map(|(label, count)| {
            let page = static_page(label);
            FacetValue {
                label: label.to_string(),
                count,
                url: page.map(|l| url(&l.base)),
                current: page.is_some_and(|l| l.key == list.key),
            }
        })
        .collect();
    let rank = |label: &str| site.lists.categories.iter().position(|l| l.label == label).unwrap_or(usize::MAX);
    values.sort_by(|a, b| match i {
        0 => b.label.cmp(&a.label),
        1 => (rank(&a.label), &a.label).cmp(&(rank(&b.label), &b.label)),
        _ => (b.count, &a.label).cmp(&(a.count, &b.label)),
    });
    values
}

/// Whether a list is shown as a catalogue (the policy lists are).
pub fn is_catalogue(key: &ListKey) -> bool {
    !matches!(key, ListKey::Notices)
}

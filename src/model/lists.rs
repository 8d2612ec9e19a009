//! The document lists of the site: all policies, policies by year and by category, all notices.
//!
//! Made once per build, in the model, so that their paths are checked with every other page and
//! the list pages, their filter links, feeds and search share one grouping.
//!
//! A category's list is named by the pinyin of the category (`科技、教育 / 通知` →
//! `policies/category/keji-jiaoyu-tongzhi/`). Spellings that differ only in punctuation, spaces,
//! letter case or 繁简 share one list. Two categories that read alike (公示 and 公式, both
//! `gongshi`) get lists of their own: the category used first (by the date of its oldest
//! document, then by file path) keeps the plain name, the next gets `-2`, then `-3`. A category
//! with nothing to read aloud (`——`) is named `fenlei`. So adding newer documents never moves an
//! existing category's page.

use super::document::{Document, Section};
use super::id::DocId;
use super::path::SitePath;
use crate::diagnostics::Span;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The most rows a policy list shows on one page. A list up to this size is one page, so the
/// catalogue's facets can filter all of it in the browser (a county's ~500 policies are one
/// page of about 250 KB, 40 KB compressed); a longer list is paginated by `paginate_by`, and
/// its year and category lists, each up to this size, are the complete pages to filter. A
/// city with 10,000 policies thus has 500 pages of 20 under `policies/` and complete year
/// pages. Notices are always paginated.
pub const CATALOGUE_LIMIT: usize = 500;

/// The segment under `policies/` for lists by year and by category.
pub const YEARS: &str = "year";
pub const CATEGORIES: &str = "category";

/// Which list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ListKey {
    Policies,
    Notices,
    Year(i32),
    /// A category by its folded spelling (see [`category_key`]).
    Category(Arc<str>),
}

#[derive(Clone, Debug)]
pub struct DocList {
    pub key: ListKey,
    pub section: Section,
    /// The path of the list's first page.
    pub base: SitePath,
    /// The year, or the category as its newest document spells it.
    pub label: String,
    /// Newest first, as the site orders documents.
    pub items: Arc<[DocId]>,
    /// For a category: where it is first written.
    pub origin: Option<Span>,
}

#[derive(Clone, Debug)]
pub struct Lists {
    pub policies: DocList,
    pub notices: DocList,
    /// Newest year first.
    pub years: Vec<DocList>,
    /// Largest first, then by label.
    pub categories: Vec<DocList>,
}

impl Lists {
    /// Groups `documents`, which are in the site's order (newest first).
    pub fn new(documents: &[std::sync::Arc<Document>]) -> Lists {
        let in_section = |section: Section| -> Vec<&Document> {
            documents.iter().map(|d| &**d).filter(|d| d.section == section).collect()
        };
        let policies = in_section(Section::Policies);
        let whole = |key: ListKey, section: Section, docs: &[&Document]| DocList {
            key,
            section,
            base: section_base(section),
            label: String::new(),
            items: docs.iter().map(|d| d.id.clone()).collect(),
            origin: None,
        };
        Lists {
            policies: whole(ListKey::Policies, Section::Policies, &policies),
            notices: whole(ListKey::Notices, Section::Notices, &in_section(Section::Notices)),
            years: years(&policies),
            categories: categories(&policies),
        }
    }

    /// Every list: all policies, by year, by category, then notices.
    pub fn all(&self) -> impl Iterator<Item = &DocList> {
        std::iter::once(&self.policies).chain(&self.years).chain(&self.categories).chain(std::iter::once(&self.notices))
    }

    pub fn get(&self, key: &ListKey) -> Option<&DocList> {
        match key {
            ListKey::Policies => Some(&self.policies),
            ListKey::Notices => Some(&self.notices),
            ListKey::Year(_) => self.years.iter().find(|l| l.key == *key),
            ListKey::Category(_) => self.categories.iter().find(|l| l.key == *key),
        }
    }

    /// The category list a document belongs to.
    pub fn category_of(&self, doc: &Document) -> Option<&DocList> {
        let category = doc.category.as_ref().filter(|_| doc.section == Section::Policies)?;
        self.get(&ListKey::Category(category_key(&category.value).into()))
    }
}

fn section_base(section: Section) -> SitePath {
    SitePath::page(&[section.folder()]).unwrap_or_default()
}

fn years(policies: &[&Document]) -> Vec<DocList> {
    let mut by_year: BTreeMap<i32, Vec<DocId>> = BTreeMap::new();
    for d in policies {
        if let Some(date) = d.sort_date() {
            by_year.entry(date.year()).or_default().push(d.id.clone());
        }
    }
    by_year
        .into_iter()
        .rev()
        .map(|(year, items)| DocList {
            key: ListKey::Year(year),
            section: Section::Policies,
            base: section_base(Section::Policies).join(&[YEARS, &year.to_string()]).unwrap_or_default(),
            label: year.to_string(),
            items: items.into(),
            origin: None,
        })
        .collect()
}

/// A category as compared: letters and digits only, 繁 folded to 简, lowercase.
pub fn category_key(category: &str) -> String {
    crate::hanzi::fold(category).chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

fn categories(policies: &[&Document]) -> Vec<DocList> {
    struct Group<'a> {
        label: &'a str,
        items: Vec<DocId>,
        /// The oldest document: (date, path) and where it writes the category.
        first: (Option<crate::model::date::Date>, &'a DocId, Span),
    }
    let mut groups: HashMap<String, Group> = HashMap::new();
    for d in policies {
        let Some(category) = &d.category else { continue };
        let seen = (d.sort_date(), &d.id, category.span);
        let group = groups.entry(category_key(&category.value)).or_insert_with(|| Group {
            label: &category.value,
            items: Vec::new(),
            first: seen,
        });
        group.items.push(d.id.clone());
        if (seen.0, seen.1) < (group.first.0, group.first.1) {
            group.first = seen;
        }
    }
    // Names are handed out in first-use order, so a newer category never takes an older one's.
    let mut ordered: Vec<(String, Group)> = groups.into_iter().collect();
    ordered.sort_by(|a, b| (a.1.first.0, a.1.first.1).cmp(&(b.1.first.0, b.1.first.1)));
    let mut taken = HashSet::new();
    let mut lists: Vec<DocList> = ordered
        .into_iter()
        .map(|(key, g)| {
            let slug = unique_slug(pinyin_slug_within(g.label, MAX_SLUG), &mut taken);
            DocList {
                key: ListKey::Category(key.into()),
                section: Section::Policies,
                base: section_base(Section::Policies).join(&[CATEGORIES, &slug]).unwrap_or_default(),
                label: g.label.to_string(),
                items: g.items.into(),
                origin: Some(g.first.2),
            }
        })
        .collect();
    lists.sort_by(|a, b| b.items.len().cmp(&a.items.len()).then_with(|| a.label.cmp(&b.label)));
    lists
}

/// The longest category slug kept, in bytes: a long category (a sentence pasted in) still gets
/// a name a file system takes.
const MAX_SLUG: usize = 64;

/// `slug` (made by [`pinyin_slug_within`] [`MAX_SLUG`]), or `slug-2`, `slug-3`… when taken;
/// `fenlei` (分类) when empty.
fn unique_slug(slug: String, taken: &mut HashSet<String>) -> String {
    let slug = if slug.is_empty() { "fenlei".to_string() } else { slug };
    let mut candidate = slug.clone();
    let mut n = 1;
    while !taken.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{slug}-{n}");
    }
    candidate
}

/// A readable ASCII URL segment for a Chinese label, by pinyin (`科技、教育 / 通知` →
/// `keji-jiaoyu-tongzhi`).
pub fn pinyin_slug(label: &str) -> String {
    pinyin_slug_within(label, usize::MAX)
}

/// [`pinyin_slug`] cut to at most `max` bytes at a boundary between whole syllables (or whole
/// runs of latin letters and digits), never inside one: `…mingdandegongshi`, not `…gongsh`.
/// Only a single run longer than `max` is cut where it must be.
pub fn pinyin_slug_within(label: &str, max: usize) -> String {
    use pinyin::ToPinyin;
    // The pieces the slug may be cut between: a syllable, a run of latin letters and digits, a `-`.
    let mut pieces: Vec<String> = Vec::new();
    let mut latin = false;
    for c in label.chars() {
        match c.to_pinyin() {
            Some(p) => pieces.push(p.plain().to_string()),
            None if c.is_ascii_alphanumeric() => match pieces.last_mut() {
                Some(run) if latin => run.push(c.to_ascii_lowercase()),
                _ => pieces.push(c.to_ascii_lowercase().to_string()),
            },
            None if pieces.last().is_some_and(|p| p != "-") => pieces.push("-".into()),
            None => {}
        }
        latin = c.is_ascii_alphanumeric();
    }
    let mut out = String::new();
    for piece in pieces {
        if out.len() + piece.len() > max {
            if out.trim_matches('-').is_empty() {
                out = piece[..max].to_string();
            }
            break;
        }
        out.push_str(&piece);
    }
    out.trim_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_slugs_are_ascii() {
        assert_eq!(pinyin_slug("科技、教育 / 通知"), "keji-jiaoyu-tongzhi");
        assert_eq!(pinyin_slug("2017年"), "2017nian");
        assert_eq!(pinyin_slug("——"), "");
    }

    /// Issue 19: a long name is cut between whole syllables (`…gongshi`, never `…gongsh`).
    #[test]
    fn long_slugs_are_cut_between_whole_syllables() {
        assert_eq!(pinyin_slug_within(&"公示".repeat(30), 48), "gongshi".repeat(6) + "gong");
        assert_eq!(pinyin_slug_within("名单的公示", 15), "mingdandegong");
        assert_eq!(pinyin_slug_within("2017年 名单", 12), "2017nian");
        assert_eq!(pinyin_slug_within("abcdefghij", 4), "abcd");
        assert_eq!(pinyin_slug_within("ab 名单", 6), "ab");
    }

    #[test]
    fn spellings_differing_in_punctuation_or_script_share_a_key() {
        assert_eq!(category_key("科技、教育 / 通知"), category_key("科技、教育/通知"));
        assert_eq!(category_key("教育 / 規劃"), category_key("教育/规划"));
        assert_ne!(category_key("公示"), category_key("公式"));
    }

    #[test]
    fn taken_slugs_get_a_number() {
        let mut taken = HashSet::new();
        assert_eq!(unique_slug("gongshi".into(), &mut taken), "gongshi");
        assert_eq!(unique_slug("gongshi".into(), &mut taken), "gongshi-2");
        assert_eq!(unique_slug(String::new(), &mut taken), "fenlei");
        assert_eq!(unique_slug(String::new(), &mut taken), "fenlei-2");
        let long = pinyin_slug_within(&"义务教育优质均衡发展".repeat(4), MAX_SLUG);
        assert!(unique_slug(long, &mut taken).len() <= MAX_SLUG);
    }
}

//! Views of paginated lists (policies by year and by category, notices).

use super::document::DocSummary;
use serde::Serialize;

#[derive(Debug, Serialize, Clone)]
pub struct PageLink {
    /// `None` marks a gap (…) between page numbers.
    pub number: Option<usize>,
    pub url: String,
    pub current: bool,
}

#[derive(Debug, Serialize, Clone)]
pub struct Paginator {
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub pages: Vec<PageLink>,
}

/// A link that narrows a list (a year, a category) with how many items it holds.
#[derive(Debug, Serialize, Clone)]
pub struct Filter {
    pub label: String,
    pub url: String,
    pub count: usize,
    pub current: bool,
}

#[derive(Debug, Serialize)]
pub struct ListView {
    pub heading: String,
    /// The section this list belongs to (`policies`, `notices`).
    pub section: &'static str,
    pub items: Vec<DocSummary>,
    pub total: usize,
    pub paginator: Option<Paginator>,
    pub years: Vec<Filter>,
    pub categories: Vec<Filter>,
    /// The list's first page, for “全部” links.
    pub all_url: String,
}

/// The site path of page `n` (1-based) of a list at `base` (`policies/`).
pub fn page_path(base: &str, n: usize) -> String {
    if n <= 1 { base.to_string() } else { format!("{base}page/{n}/") }
}

/// Splits `count` items into pages of `per_page`: (page number, item range) for each page;
/// an empty list still has one (empty) page.
pub fn pages(count: usize, per_page: usize) -> Vec<(usize, std::ops::Range<usize>)> {
    let per_page = per_page.max(1);
    let total = count.div_ceil(per_page).max(1);
    (1..=total).map(|n| (n, (n - 1) * per_page..(n * per_page).min(count))).collect()
}

/// Links for page `current` of `total`: the first, the last, and two either side of the
/// current page, with gaps between; `None` when there is only one page.
pub fn paginator(base: &str, current: usize, total: usize) -> Option<Paginator> {
    if total <= 1 {
        return None;
    }
    let url = |n: usize| crate::render::links::encode_path(&page_path(base, n));
    let mut pages = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        let shown = n == 1 || n == total || n.abs_diff(current) <= 2;
        if !shown {
            continue;
        }
        if n > last + 1 {
            pages.push(PageLink { number: None, url: String::new(), current: false });
        }
        pages.push(PageLink { number: Some(n), url: url(n), current: n == current });
        last = n;
    }
    Some(Paginator {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_items_into_pages() {
        assert_eq!(pages(0, 20), vec![(1, 0..0)]);
        assert_eq!(pages(41, 20), vec![(1, 0..20), (2, 20..40), (3, 40..41)]);
    }

    #[test]
    fn paginator_shows_a_window_with_gaps() {
        let p = paginator("policies/", 5, 10).unwrap();
        let numbers: Vec<Option<usize>> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [Some(1), None, Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(10)]);
        assert_eq!(p.prev.as_deref(), Some("policies/page/4/"));
        assert_eq!(p.next.as_deref(), Some("policies/page/6/"));
        assert!(paginator("policies/", 1, 1).is_none());
        assert_eq!(paginator("policies/", 2, 2).unwrap().prev.as_deref(), Some("policies/"));
    }
}

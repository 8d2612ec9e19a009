//! Views of paginated lists (policies by year and by category, notices).

use super::document::DocSummary;
use crate::model::path::SitePath;
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

#[derive(Debug, Serialize)]
pub struct ListView<'a> {
    pub heading: String,
    /// The section this list belongs to (`policies`, `notices`).
    pub section: &'static str,
    pub items: Vec<DocSummary>,
    pub total: usize,
    pub paginator: Option<Paginator>,
    /// The list's first page, for “全部” links.
    pub all_url: String,
    /// Policy lists: the page as a disclosure catalogue (then `items` is empty).
    pub catalogue: Option<super::catalogue::CatalogueView<'a>>,
}

/// Links for page `current` of `total`: the first, the last, and two either side of the
/// current page, with gaps between; `None` when there is only one page.
pub fn paginator(base: &SitePath, current: usize, total: usize) -> Option<Paginator> {
    if total <= 1 {
        return None;
    }
    let url = |n: usize| super::url(&base.nth(n));
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
    fn paginator_shows_a_window_with_gaps() {
        let base = SitePath::page(&["policies"]).unwrap();
        let p = paginator(&base, 5, 10).unwrap();
        let numbers: Vec<Option<usize>> = p.pages.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [Some(1), None, Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(10)]);
        assert_eq!(p.prev.as_deref(), Some("policies/page/4/"));
        assert_eq!(p.next.as_deref(), Some("policies/page/6/"));
        assert!(paginator(&base, 1, 1).is_none());
        assert_eq!(paginator(&base, 2, 2).unwrap().prev.as_deref(), Some("policies/"));
    }
}

//! sitemap.xml: every page of the registry but the 404 and search pages, with absolute URLs; a
//! document's page carries its date. Past 50,000 addresses (the protocol's limit) the pages are
//! split over sitemap-1.xml, sitemap-2.xml… and sitemap.xml becomes their index.

use crate::model::Site;
use crate::model::pages::PageKind;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct SitemapView {
    pub urls: Vec<UrlView>,
}

#[derive(Debug, Serialize)]
pub struct UrlView {
    pub loc: String,
    pub lastmod: Option<String>,
}

/// The most addresses one sitemap file may hold.
pub const MAX_URLS: usize = 50_000;

/// The sitemaps to write: (file name, view); more than one when the site is large.
pub fn sitemaps(site: &Site) -> Vec<(String, SitemapView)> {
    split(sitemap(site).urls, MAX_URLS)
}

fn split(all: Vec<UrlView>, max: usize) -> Vec<(String, SitemapView)> {
    if all.len() <= max {
        return vec![("sitemap.xml".to_string(), SitemapView { urls: all })];
    }
    let mut out = Vec::new();
    let mut urls = all.into_iter().peekable();
    while urls.peek().is_some() {
        let part: Vec<UrlView> = urls.by_ref().take(max).collect();
        out.push((format!("sitemap-{}.xml", out.len() + 1), SitemapView { urls: part }));
    }
    out
}

#[derive(Debug, Serialize)]
pub struct IndexView {
    pub sitemaps: Vec<String>,
}

fn sitemap(site: &Site) -> SitemapView {
    let base = &site.config.base_url;
    let mut urls: Vec<UrlView> = site
        .pages
        .list
        .iter()
        .filter(|page| !matches!(page.kind, PageKind::NotFound | PageKind::Search))
        .map(|page| UrlView {
            loc: base.absolute(&super::links::encode_path(page.path.as_str())),
            lastmod: match &page.kind {
                PageKind::Document(id) => site.documents.get(id).and_then(|d| d.sort_date()).map(|d| d.to_string()),
                _ => None,
            },
        })
        .collect();
    urls.sort_by(|a, b| a.loc.cmp(&b.loc));
    SitemapView { urls }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_site_gets_numbered_sitemaps() {
        let urls = |n: usize| (0..n).map(|i| UrlView { loc: format!("u{i}"), lastmod: None }).collect::<Vec<_>>();
        let names = |n: usize| split(urls(n), 2).into_iter().map(|(name, v)| (name, v.urls.len())).collect::<Vec<_>>();
        assert_eq!(names(2), [("sitemap.xml".to_string(), 2)]);
        assert_eq!(
            names(5),
            [("sitemap-1.xml".to_string(), 2), ("sitemap-2.xml".to_string(), 2), ("sitemap-3.xml".to_string(), 1)]
        );
    }
}

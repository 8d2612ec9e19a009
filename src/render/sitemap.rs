//! sitemap.xml: every page of the registry but the 404 and search pages, with absolute URLs; a document's
//! page carries its date.

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

pub fn sitemap(site: &Site) -> SitemapView {
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

//! sitemap.xml: every HTML page but the 404 page, with absolute URLs.

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

/// `pages` are output paths (`policies/a/index.html`) with the date of their content, if any.
pub fn sitemap(site: &crate::model::Site, pages: &[(String, Option<String>)]) -> SitemapView {
    let base = &site.config.base_url;
    let mut urls: Vec<UrlView> = pages
        .iter()
        .filter(|(path, _)| path != "404.html")
        .map(|(path, lastmod)| UrlView {
            loc: base.absolute(&super::links::encode_path(path.strip_suffix("index.html").unwrap_or(path))),
            lastmod: lastmod.clone(),
        })
        .collect();
    urls.sort_by(|a, b| a.loc.cmp(&b.loc));
    SitemapView { urls }
}

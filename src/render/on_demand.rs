//! The site rendered as it is asked for, for the preview: after an edit, `serve` hands the new
//! model here and each request renders only its own page. A full build renders every page,
//! every body and the search index before it can show one; on a site of ten thousand
//! documents that is seconds, while one page is milliseconds.
//!
//! Every file is the same as a full build's: pages go through the same [`pages::render`],
//! bodies through the same [`Bodies`], and the search index, feeds, sitemap and downloads are
//! made whole the first time one of them is asked for. What the preview leaves out is the link
//! check, which needs every page; `gongshi check` and `build` run it.

use super::body::Bodies;
use super::views::catalogue::Facets;
use super::{Output, OutputFile, Renderer, pages, search};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::evaluate::Findings;
use crate::model::Site;
use std::sync::{Arc, OnceLock};

pub struct OnDemand {
    renderer: Arc<Renderer>,
    site: Arc<Site>,
    findings: Arc<Findings>,
    bodies: Bodies,
    search: OnceLock<search::Index>,
    facets: Facets,
    /// Output path of each page → its position in the registry (a faster hash than SipHash:
    /// the map is made anew for every preview build).
    pages: crate::fast_map::FastMap<String, usize>,
    /// Each page as first rendered, by its position in the registry: a page asked for again
    /// (a browser reloading, or waiting for an edit to show) costs a copy, not a render.
    rendered: Vec<OnceLock<Result<Vec<u8>, Diagnostic>>>,
    /// Static files and attachments: known at once, read when asked for.
    copied: Output,
    /// Feeds, sitemap and downloads, made on first use.
    site_files: OnceLock<Output>,
}

impl OnDemand {
    pub fn new(renderer: Arc<Renderer>, site: Arc<Site>, findings: Arc<Findings>) -> OnDemand {
        let pages = site.pages.list.iter().enumerate().map(|(i, p)| (p.path.output_file(), i)).collect();
        let mut copied = Output::default();
        renderer.copied(&site, &mut copied, &mut Diagnostics::default());
        OnDemand {
            rendered: site.pages.list.iter().map(|_| OnceLock::new()).collect(),
            bodies: Bodies::new(&site),
            facets: Facets::new(&site),
            renderer,
            site,
            findings,
            search: OnceLock::new(),
            pages,
            copied,
            site_files: OnceLock::new(),
        }
    }

    /// The number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The file at an output path (`policies/a/index.html`); `Err` when its page fails to
    /// render (a template error), `None` when the site has no such file.
    pub fn get(&self, path: &str) -> Option<Result<OutputFile, Diagnostic>> {
        let cx = self.renderer.context(&self.site, &self.findings, &self.bodies, &self.search, &self.facets);
        if let Some(&i) = self.pages.get(path)
            && let (Some(cell), Some(page)) = (self.rendered.get(i), self.site.pages.list.get(i))
        {
            let html = cell.get_or_init(|| pages::render(&cx, page));
            return Some(html.clone().map(OutputFile::Bytes));
        }
        if let Some(file) = self.copied.files.get(path) {
            return Some(Ok(file.clone()));
        }
        if path.starts_with("search/") {
            let files = &cx.search().files;
            return files.iter().find(|(p, _)| p == path).map(|(_, bytes)| Ok(OutputFile::Bytes(bytes.clone())));
        }
        if path == "_headers" {
            let search = cx.search().files.iter().map(|(p, _)| p.as_str());
            let site_files = self.site_files();
            let all = self.pages.keys().chain(self.copied.files.keys()).chain(site_files.files.keys());
            let mut all: Vec<&str> = all.map(String::as_str).chain(search).collect();
            all.sort_unstable();
            return Some(Ok(OutputFile::Bytes(super::assets::headers(all.into_iter()))));
        }
        self.site_files().files.get(path).cloned().map(Ok)
    }

    /// Feeds, sitemap and downloads, made the first time one is asked for.
    fn site_files(&self) -> &Output {
        self.site_files.get_or_init(|| {
            let mut out = Output::default();
            self.renderer.site_files(&self.site, &self.findings, &mut out, &mut Diagnostics::default());
            out
        })
    }

    /// Whether the site has a file at `path`, without rendering it.
    pub fn contains(&self, path: &str) -> bool {
        self.pages.contains_key(path) || self.copied.files.contains_key(path)
    }
}

//! Stage 4, render: the site model and findings → every output file, in memory.
//!
//! `Renderer::render(&Site, &Findings) → Output`, a sorted map from output path to content.
//! A [`Renderer`] holds the theme and its compiled templates, so a long-running process keeps
//! one across builds. Reads nothing from disk but the theme (templates and static files);
//! attachments are passed on as paths for `publish` to copy. Document bodies are rendered once
//! ([`body`]), then every page of the model's registry renders in parallel.

pub mod assets;
pub mod body;
pub mod charts;
pub mod county_data;
pub mod downloads;
pub mod feeds;
pub mod linkcheck;
pub mod links;
pub mod markdown;
pub mod on_demand;
pub mod pages;
pub mod sanitize;
pub mod search;
pub mod sitemap;
pub mod templates;
pub mod theme;
pub mod views;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::evaluate::Findings;
use crate::model::Site;
use crate::timings::time;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
pub use theme::Theme;

/// The content of one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputFile {
    Bytes(Vec<u8>),
    Embedded(&'static [u8]),
    /// A file copied as it is (attachments, a site's static files).
    Copy(PathBuf),
}

/// Every file of the built site: output path (with `/`) → content, sorted.
#[derive(Debug, Default)]
pub struct Output {
    pub files: BTreeMap<String, OutputFile>,
}

impl Output {
    /// The number of HTML pages.
    pub fn page_count(&self) -> usize {
        self.files.keys().filter(|p| p.ends_with(".html")).count()
    }

    fn insert(&mut self, path: String, file: OutputFile, diags: &mut Diagnostics) {
        if self.files.contains_key(&path) {
            diags.push(
                Diagnostic::error(Code::DuplicateUrl, Location::Path(path.clone()))
                    .detail(format!("两个页面都要写到 {path}")),
            );
            return;
        }
        self.files.insert(path, file);
    }
}

/// A theme with its templates compiled, ready to render any number of builds.
pub struct Renderer {
    /// The site folder and theme name it was loaded for.
    source: (PathBuf, String),
    theme: Theme,
    templates: templates::Templates,
    /// Static file name → output path, named by content where [`assets::is_hashable`].
    assets: BTreeMap<String, String>,
}

impl Renderer {
    /// Reads and compiles the theme `name` for the site at `site_root`; `None` when any of it
    /// cannot be read or compiled (so a broken theme is never kept).
    pub fn load(site_root: &Path, name: &str, diags: &mut Diagnostics) -> Option<Renderer> {
        let mut read = Diagnostics::default();
        let theme = Theme::load(site_root, name, &mut read);
        let broken = read.has_errors();
        diags.extend(read);
        if broken {
            return None;
        }
        let assets = static_names(&theme, diags)?;
        match templates::Templates::new(&theme) {
            Ok(templates) => {
                Some(Renderer { source: (site_root.to_path_buf(), name.to_string()), theme, templates, assets })
            }
            Err(errors) => {
                diags.extend(errors);
                None
            }
        }
    }

    /// Whether this renderer was loaded for that site folder and theme.
    pub fn is_for(&self, site_root: &Path, name: &str) -> bool {
        self.source.0 == site_root && self.source.1 == name
    }

    pub fn render(&self, site: &Site, findings: &Findings, diags: &mut Diagnostics) -> Option<Output> {
        let bodies = body::Bodies::new(site);
        time("render/bodies", || bodies.render_all(site));
        let search = OnceLock::new();
        let facets = views::catalogue::Facets::new(site);
        let mut output = Output::default();
        {
            let cx = self.context(site, findings, &bodies, &search, &facets);
            time("render/search", || cx.search());
            let rendered: Vec<Result<Vec<u8>, Diagnostic>> =
                time("render/pages", || site.pages.list.par_iter().map(|page| pages::render(&cx, page)).collect());
            let mut seen_errors = HashSet::new();
            for (page, result) in site.pages.list.iter().zip(rendered) {
                match result {
                    Ok(html) => output.insert(page.path.output_file(), OutputFile::Bytes(html), diags),
                    // A broken template fails every page that uses it: report it once.
                    Err(d) if seen_errors.insert(d.detail.clone()) => diags.push(d),
                    Err(_) => {}
                }
            }
        }
        for (path, bytes) in search.into_inner().map(|i| i.files).unwrap_or_default() {
            output.insert(path, OutputFile::Bytes(bytes), diags);
        }
        time("render/site-files", || self.site_files(site, findings, &mut output, diags));
        self.copied(site, &mut output, diags);
        let headers = assets::headers(output.files.keys().map(String::as_str));
        output.insert("_headers".into(), OutputFile::Bytes(headers), diags);
        time("render/linkcheck", || linkcheck::check(site, &bodies, &output, diags));
        Some(output)
    }

    /// What every page is rendered with.
    fn context<'a>(
        &'a self,
        site: &'a Site,
        findings: &'a Findings,
        bodies: &'a body::Bodies,
        search: &'a OnceLock<search::Index>,
        facets: &'a views::catalogue::Facets,
    ) -> pages::Context<'a> {
        let mut view = views::site_view(site);
        view.assets = self.assets.clone();
        pages::Context { site, findings, templates: &self.templates, view, bodies, search, facets }
    }

    /// The files made from the whole site: feeds, sitemap, robots.txt and the data downloads.
    fn site_files(&self, site: &Site, findings: &Findings, output: &mut Output, diags: &mut Diagnostics) {
        site_files(site, findings, &self.templates, output, diags);
        for (stem, table) in downloads::tables(site, findings) {
            output.insert(format!("data/{stem}.csv"), OutputFile::Bytes(table.to_csv()), diags);
            output.insert(format!("data/{stem}.json"), OutputFile::Bytes(table.to_json()), diags);
        }
    }

    /// The files passed on as they are: the theme's static files and the attachments.
    fn copied(&self, site: &Site, output: &mut Output, diags: &mut Diagnostics) {
        for (name, asset) in &self.theme.statics {
            let file = match asset {
                theme::Asset::Embedded(bytes) => OutputFile::Embedded(bytes),
                theme::Asset::Disk(path) => OutputFile::Copy(path.clone()),
            };
            let path = self.assets.get(name).cloned().unwrap_or_else(|| format!("static/{name}"));
            output.insert(path, file, diags);
        }
        for a in &site.attachments {
            output.insert(format!("files/{}", a.rel), OutputFile::Copy(a.source.clone()), diags);
        }
    }
}

/// The output path of every static file: `static/NAME`, or for styles, scripts and fonts
/// `static/STEM.HASH.EXT` (see [`assets`]). `None` when a site's own file cannot be read.
fn static_names(theme: &Theme, diags: &mut Diagnostics) -> Option<BTreeMap<String, String>> {
    let mut names = BTreeMap::new();
    let mut failed = false;
    for (name, asset) in &theme.statics {
        let path = if assets::is_hashable(name) {
            let bytes = match asset {
                theme::Asset::Embedded(bytes) => std::borrow::Cow::Borrowed(*bytes),
                theme::Asset::Disk(path) => match std::fs::read(path) {
                    Ok(bytes) => std::borrow::Cow::Owned(bytes),
                    Err(e) => {
                        failed = true;
                        diags.push(
                            Diagnostic::error(Code::ReadFailed, Location::Path(format!("static/{name}")))
                                .detail(crate::diagnostics::os::explain("读取静态文件", &e)),
                        );
                        continue;
                    }
                },
            };
            format!("static/{}", assets::hashed_name(name, &bytes))
        } else {
            format!("static/{name}")
        };
        names.insert(name.clone(), path);
    }
    (!failed).then_some(names)
}

/// The feeds, sitemap.xml (with its parts on a large site) and robots.txt.
fn site_files(
    site: &Site,
    findings: &Findings,
    templates: &templates::Templates,
    output: &mut Output,
    diags: &mut Diagnostics,
) {
    #[derive(serde::Serialize)]
    struct Robots {
        sitemap_url: String,
    }
    let base = &site.config.base_url;
    let robots = Robots { sitemap_url: base.absolute("sitemap.xml") };
    let parts = sitemap::sitemaps(site);
    let mut results = vec![("robots.txt".to_string(), templates.render("robots.txt", &robots, None))];
    for (path, view) in feeds::feeds(site, findings) {
        results.push((path, templates.render("atom.xml", &view, None)));
    }
    if parts.len() > 1 {
        let index = sitemap::IndexView { sitemaps: parts.iter().map(|(name, _)| base.absolute(name)).collect() };
        results.push(("sitemap.xml".to_string(), templates.render("sitemap-index.xml", &index, None)));
    }
    for (name, view) in parts {
        results.push((name, templates.render("sitemap.xml", &view, None)));
    }
    for (path, result) in results {
        match result {
            Ok(text) => output.insert(path, OutputFile::Bytes(text), diags),
            Err(d) => diags.push(d),
        }
    }
}

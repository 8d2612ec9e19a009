//! Stage 4, render: the site model and findings → every output file, in memory.
//!
//! `render(&Site, &Findings, &Theme) → Output`, a sorted map from output path to content. Reads
//! nothing from disk but the theme (templates and static files); attachments are passed on as
//! paths for `publish` to copy. Pages render in parallel with one shared tera instance.

pub mod charts;
pub mod downloads;
pub mod feeds;
pub mod links;
pub mod markdown;
pub mod pages;
pub mod sitemap;
pub mod templates;
pub mod theme;
pub mod views;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use crate::evaluate::Findings;
use crate::model::Site;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
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

pub fn render(site: &Site, findings: &Findings, theme: &Theme, diags: &mut Diagnostics) -> Option<Output> {
    let templates = match templates::Templates::new(theme) {
        Ok(t) => t,
        Err(errors) => {
            diags.extend(errors);
            return None;
        }
    };
    let groups = pages::PolicyGroups::new(site);
    let jobs = pages::jobs(site, &groups);
    let cx = pages::Context { site, findings, templates: &templates, view: views::site_view(site), groups };
    let rendered: Vec<(String, Result<String, Diagnostic>)> = jobs.par_iter().map(|job| job.render(&cx)).collect();

    let mut output = Output::default();
    let mut seen_errors = HashSet::new();
    let mut dated = Vec::with_capacity(rendered.len());
    for (job, (path, result)) in jobs.iter().zip(rendered) {
        match result {
            Ok(html) => {
                let date = match job {
                    pages::Job::Document(i) => site.documents[*i].sort_date().map(|d| d.to_string()),
                    _ => None,
                };
                dated.push((path.clone(), date));
                output.insert(path, OutputFile::Bytes(html.into_bytes()), diags);
            }
            // A broken template fails every page that uses it: report it once.
            Err(d) if seen_errors.insert(d.detail.clone()) => diags.push(d),
            Err(_) => {}
        }
    }
    site_files(site, &templates, &dated, &mut output, diags);
    for (name, asset) in &theme.statics {
        let file = match asset {
            theme::Asset::Embedded(bytes) => OutputFile::Embedded(bytes),
            theme::Asset::Disk(path) => OutputFile::Copy(path.clone()),
        };
        output.insert(format!("static/{name}"), file, diags);
    }
    for (stem, table) in downloads::tables(site, findings) {
        output.insert(format!("data/{stem}.csv"), OutputFile::Bytes(table.to_csv()), diags);
        output.insert(format!("data/{stem}.json"), OutputFile::Bytes(table.to_json()), diags);
    }
    for a in &site.attachments {
        output.insert(format!("files/{}", a.rel), OutputFile::Copy(a.abs.clone()), diags);
    }
    Some(output)
}

/// feed.xml, sitemap.xml and robots.txt.
fn site_files(
    site: &Site,
    templates: &templates::Templates,
    pages: &[(String, Option<String>)],
    output: &mut Output,
    diags: &mut Diagnostics,
) {
    #[derive(serde::Serialize)]
    struct Robots {
        sitemap_url: String,
    }
    let robots = Robots { sitemap_url: site.config.base_url.absolute("sitemap.xml") };
    let results = [
        ("feed.xml", templates.render("atom.xml", &feeds::feed(site), None)),
        ("sitemap.xml", templates.render("sitemap.xml", &sitemap::sitemap(site, pages), None)),
        ("robots.txt", templates.render("robots.txt", &robots, None)),
    ];
    for (path, result) in results {
        match result {
            Ok(text) => output.insert(path.to_string(), OutputFile::Bytes(text.into_bytes()), diags),
            Err(d) => diags.push(d),
        }
    }
}

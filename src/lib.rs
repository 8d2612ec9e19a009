//! gongshi (公示): a static site generator for county and district education bureaus.
//!
//! The pipeline, one direction, one module each:
//!
//! ```text
//! load      site folder  → Raw       files decoded, YAML located, Chinese key aliases renamed
//! model     Raw          → Site      typed, validated, references resolved, PII guard
//! evaluate  Site         → Findings  pure judgements as of the build date
//! render    Site+Findings→ Output    every page and file, in memory
//! publish   Output       → public/   staged beside the target, then swapped in
//! ```
//!
//! Diagnostics travel beside the values: every stage adds what it finds to one list, and the
//! run stops at a stage boundary once the list holds an error.

pub mod cli;
pub mod deploy;
pub mod diagnostics;
pub mod evaluate;
pub mod fast_map;
pub mod hanzi;
pub mod import;
pub mod load;
pub mod model;
pub mod publish;
pub mod render;
pub mod serve;
pub mod timings;

use diagnostics::{Diagnostics, Sources};
use std::path::Path;
use std::sync::Arc;

/// What a build needs besides the site folder.
#[derive(Clone, Debug)]
pub struct Options {
    pub load: load::LoadOptions,
    pub model: model::BuildOptions,
    /// Fail on warnings too (`--deny-warnings`; site.yaml's `deny_warnings` does the same).
    pub deny_warnings: bool,
}

/// The result of running the pipeline up to (not including) publishing. `O` is what was
/// rendered: every file ([`render::Output`]), or for the preview the site ready to render page
/// by page ([`render::on_demand::OnDemand`]).
pub struct Built<O = render::Output> {
    /// Every file read, for drawing diagnostics.
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    /// Present when no stage reported an error.
    pub output: Option<O>,
    /// The path the site is published under (`/junheng/` for `https://host/junheng/`), when
    /// site.yaml could be read.
    pub base_path: Option<String>,
}

/// Runs load → model → evaluate → render once. Nothing is written.
pub fn build(site_dir: &Path, options: &Options) -> Built {
    Builder::default().build(site_dir, options)
}

/// Builds a site again and again (as `serve` does), keeping the theme and its compiled
/// templates from one build to the next.
#[derive(Default)]
pub struct Builder {
    renderer: Option<Arc<render::Renderer>>,
    /// Files as last read: a rebuild reads and parses only the changed ones.
    files: load::Cache,
    /// Checks of those files, kept while they are unchanged.
    checks: model::Cache,
    /// What the next preview build is told changed (see [`Builder::preview`]).
    modified: Option<Vec<String>>,
    /// The last findings from the data, with the data version and key they were made from: a
    /// build after a document edit judges the notices only.
    evaluated: Option<(u64, evaluate::DataKey, Arc<evaluate::DataFindings>)>,
}

impl Builder {
    /// Runs load → model → evaluate → render. Nothing is written.
    pub fn build(&mut self, site_dir: &Path, options: &Options) -> Built {
        self.run(site_dir, options, |renderer, site, findings, diags| renderer.render(&site, &findings, diags))
    }

    /// Runs load → model → evaluate, and readies the site to render page by page (the preview).
    /// `modified`: the files (relative, with `/`) whose content is all that changed since the
    /// last build, when the caller knows it (a file watcher); then nothing else is looked at.
    pub fn preview(
        &mut self,
        site_dir: &Path,
        options: &Options,
        modified: Option<&[String]>,
    ) -> Built<render::on_demand::OnDemand> {
        self.modified = modified.map(<[String]>::to_vec);
        self.run(site_dir, options, |renderer, site, findings, _| {
            Some(render::on_demand::OnDemand::new(renderer, Arc::new(site), Arc::new(findings)))
        })
    }

    fn run<O>(
        &mut self,
        site_dir: &Path,
        options: &Options,
        render: impl FnOnce(Arc<render::Renderer>, model::Site, evaluate::Findings, &mut Diagnostics) -> Option<O>,
    ) -> Built<O> {
        let mut diags = Diagnostics::default();
        let modified = self.modified.take();
        let raw = timings::time("load", || {
            load::load_cached(site_dir, &options.load, &mut self.files, modified.as_deref(), &mut diags)
        });
        // The model runs even after load errors, so that one run reports the problems of every
        // file that could be read; it stops here when anything failed.
        let site = timings::time("model", || model::build_cached(&raw, &options.model, &mut self.checks, &mut diags));
        let base_path = site.as_ref().map(|s| s.config.base_url.path.clone());
        let deny = options.deny_warnings || site.as_ref().is_some_and(|s| s.config.deny_warnings);
        let output = match site {
            Some(site) if !diags.has_errors() => {
                let findings = timings::time("evaluate", || self.evaluate(&site));
                partial_years(&site, &findings, &mut diags);
                let renderer = timings::time("render/theme", || self.renderer(&site, &mut diags));
                renderer.and_then(|r| timings::time("render", || render(r, site, findings, &mut diags)))
            }
            _ => None,
        };
        if deny && !diags.has_errors() && diags.warning_count() > 0 {
            diags.push(
                diagnostics::Diagnostic::error(diagnostics::Code::WarningsDenied, diagnostics::Location::None).detail(
                    format!(
                        "有 {} 条警告，而设置了 --deny-warnings（或 site.yaml 的 警告即错误（deny_warnings））",
                        diags.warning_count()
                    ),
                ),
            );
        }
        let output = output.filter(|_| !diags.has_errors());
        Built { sources: raw.sources, diagnostics: diags, output, base_path }
    }

    /// [`evaluate::evaluate`], taking the findings from the data from the last build when the
    /// model read no data anew and the rest of what they depend on is the same.
    fn evaluate(&mut self, site: &model::Site) -> evaluate::Findings {
        let (version, key) = (self.checks.data_version(), evaluate::DataKey::of(site));
        let data = match self.evaluated.take() {
            Some((v, k, data)) if v == version && k == key => data,
            _ => Arc::new(evaluate::evaluate_data(site)),
        };
        self.evaluated = Some((version, key, Arc::clone(&data)));
        evaluate::Findings { notices: evaluate::notices(site), data }
    }

    /// Forgets the theme, so the next build reads it again: call it when a template or static
    /// file may have changed.
    pub fn theme_changed(&mut self) {
        self.renderer = None;
    }

    /// The renderer for the site's theme, loaded when there is none or the theme was switched.
    fn renderer(&mut self, site: &model::Site, diags: &mut Diagnostics) -> Option<Arc<render::Renderer>> {
        if !self.renderer.as_ref().is_some_and(|r| r.is_for(&site.root, &site.config.theme)) {
            self.renderer = render::Renderer::load(&site.root, &site.config.theme, diags).map(Arc::new);
        }
        self.renderer.clone()
    }
}

/// A warning at the `year:` of each year that not every school has reported (see
/// `evaluate::reported`): evaluate judges, and does not report.
fn partial_years(site: &model::Site, findings: &evaluate::Findings, diags: &mut Diagnostics) {
    for f in &site.figures {
        let Some(r) = findings.reported.get(&f.year).filter(|r| !r.complete()) else { continue };
        diags.push(diagnostics::Diagnostic::warning(diagnostics::Code::PartialYear, f.year_span).detail(format!(
            "{} 年应报 {} 所学校，只有 {} 所；补齐之前，页面仍以最近一个完整年度为准，这一年的差异系数不评判",
            f.year, r.expected, r.reported
        )));
    }
}

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
pub mod diagnostics;
pub mod evaluate;
pub mod hanzi;
pub mod load;
pub mod model;
pub mod publish;
pub mod render;

use diagnostics::{Diagnostics, Sources};
use std::path::Path;

/// What a build needs besides the site folder.
#[derive(Clone, Debug)]
pub struct Options {
    pub load: load::LoadOptions,
    pub model: model::BuildOptions,
}

/// The result of running the pipeline up to (not including) publishing.
pub struct Built {
    /// Every file read, for drawing diagnostics.
    pub sources: Sources,
    pub diagnostics: Diagnostics,
    /// Present when no stage reported an error.
    pub output: Option<render::Output>,
}

/// Runs load → model → evaluate → render. Nothing is written.
pub fn build(site_dir: &Path, options: &Options) -> Built {
    let mut diags = Diagnostics::default();
    let raw = load::load(site_dir, &options.load, &mut diags);
    // The model runs even after load errors, so that one run reports the problems of every
    // file that could be read; it stops here when anything failed.
    let site = model::build(&raw, &options.model, &mut diags);
    let output = match site {
        Some(site) if !diags.has_errors() => {
            let findings = evaluate::evaluate(&site);
            let theme = render::Theme::load(&site.root, &site.config.theme, &mut diags);
            if diags.has_errors() { None } else { render::render(&site, &findings, &theme, &mut diags) }
        }
        _ => None,
    };
    let output = output.filter(|_| !diags.has_errors());
    Built { sources: raw.sources, diagnostics: diags, output }
}

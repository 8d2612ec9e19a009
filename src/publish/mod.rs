//! Stage 5, publish: the only code that writes the output folder.
//!
//! `publish(&Output, dir)`. The files are written into a staging folder beside `dir`, which is
//! then swapped in; a failure at any point leaves the previous output as it was. gongshi only
//! replaces folders it owns (see [`marker`]).

pub mod marker;
pub mod staging;

use crate::diagnostics::Diagnostic;
use crate::render::Output;
use std::path::Path;

/// Checks, before any work is done, that the output folder may be replaced.
pub fn check_target(out: &Path, site: &Path) -> Result<(), Diagnostic> {
    marker::check(out, site)
}

pub fn publish(output: &Output, out: &Path, site: &Path) -> Result<(), Diagnostic> {
    // Checked again: the folder may have changed while the site was rendering.
    marker::check(out, site)?;
    staging::write_and_swap(output, out)
}

//! Stage 5, publish: the only code that writes the output folder.
//!
//! `publish(&Output, dir)`. The files are staged in a folder beside `dir` (unchanged ones linked
//! from the previous output), which then trades places with `dir` in one step; a failure or a
//! kill at any point leaves the previous output as it was. gongshi only replaces folders it owns
//! (see [`marker`]). The old output is deleted in the background: see [`Sweep`].

pub mod marker;
pub mod staging;
pub mod swap;

use crate::diagnostics::Diagnostic;
use crate::render::Output;
use std::path::Path;
pub use swap::Sweep;

/// Checks, before any work is done, that the output folder may be replaced.
pub fn check_target(out: &Path, site: &Path) -> Result<(), Diagnostic> {
    marker::check(out, site)
}

/// Publishes `output` into `out`. The returned [`Sweep`] is still deleting old copies.
pub fn publish(output: &Output, out: &Path, site: &Path) -> Result<Sweep, Diagnostic> {
    let mut sweep = Sweep::default();
    swap::recover(out, &mut sweep);
    // Checked again: the folder may have changed while the site was rendering.
    marker::check(out, site)?;
    let staging = swap::sibling(out, "staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| staging::failed(&staging, e))?;
    }
    let previous = out.join(marker::MARKER).is_file().then_some(out);
    if let Err(d) = staging::stage(output, &staging, previous) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(d);
    }
    if let Err(d) = swap::swap(&staging, out, &mut sweep) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(d);
    }
    Ok(sweep)
}

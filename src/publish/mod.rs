//! Stage 5, publish: the only code that writes the output folder.
//!
//! `publish(&Output, dir)`. The files are staged in a folder beside `dir`, which then trades
//! places with `dir` in one step; a failure or a kill at any point leaves the previous output as
//! it was. gongshi only replaces folders it owns (see [`marker`]). The staging folder is the
//! output before last brought up to date when there is one ([`spare`]), else a fresh folder
//! with unchanged files linked from the previous output; the replaced output becomes the next
//! build's spare. Old copies that cannot be kept are deleted in the background: see [`Sweep`].

pub mod marker;
pub mod spare;
pub mod staging;
pub mod swap;

use crate::diagnostics::Diagnostic;
use crate::render::Output;
use std::path::Path;
pub use swap::Sweep;

/// Checks, before any work is done, that the output folder may be replaced.
/// The folder a build goes into: `out`, or the folder it links to when it is a symbolic link to
/// one (a web root linked into the project). The link itself is kept; replacing it with a
/// folder would leave the web root stale.
pub fn target(out: &Path) -> std::path::PathBuf {
    let is_link = std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
    match out.canonicalize() {
        Ok(resolved) if is_link && resolved.is_dir() => resolved,
        _ => out.to_path_buf(),
    }
}

pub fn check_target(out: &Path, site: &Path) -> Result<(), Diagnostic> {
    marker::check(out, site)
}

/// Publishes `output` into `out`. The returned [`Sweep`] is still deleting old copies.
pub fn publish(output: &Output, out: &Path, site: &Path) -> Result<Sweep, Diagnostic> {
    let mut sweep = Sweep::default();
    swap::recover(out, &mut sweep);
    // Checked again: the folder may have changed while the site was rendering.
    marker::check(out, site)?;
    // Missing parents are made, as Hugo and Zola do (`--output dist/site`); only now, after a
    // good build, so a failed one leaves nothing behind.
    let parent = swap::parent(out);
    if std::fs::symlink_metadata(parent).is_err() {
        std::fs::create_dir_all(parent).map_err(|e| staging::failed(parent, e))?;
    }
    let staging = swap::sibling(out, "staging");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| staging::failed(&staging, e))?;
    }
    let staged = if spare::claim(out, &staging) {
        crate::timings::time("publish/refresh", || staging::refresh(output, &staging))
    } else {
        let previous = out.join(marker::MARKER).is_file().then_some(out);
        crate::timings::time("publish/stage", || staging::stage(output, &staging, previous))
    };
    match staged.and_then(|()| swap::swap(&staging, out)) {
        Ok(old) => {
            if let Some(old) = old {
                spare::keep(old, out, &mut sweep);
            }
            Ok(sweep)
        }
        Err(d) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(d)
        }
    }
}

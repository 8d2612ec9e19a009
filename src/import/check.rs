//! Before an import writes anything: the whole site is checked as `build` would check it, with
//! the merged file read from memory in place of the one on disk (`LoadOptions::overlay`). What
//! the import brings is reported at the sheet's row where it came from; what the site had wrong
//! before is not the import's to report.

use super::{Cx, built};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::load::{LoadOptions, keys};
use std::collections::HashSet;
use std::path::Path;

/// A data file's text as the loader reads it (keys in English), when it parses.
pub(super) fn parse_data(rel: &str, text: &str) -> Option<crate::load::Node> {
    let kind = match crate::load::walk::classify(rel)? {
        crate::load::walk::FileKind::Data(kind) => kind,
        _ => return None,
    };
    let mut sources = crate::diagnostics::Sources::default();
    let id = sources.add(rel.to_string(), text.to_string());
    let mut node = crate::load::yaml::parse(id, sources.get(id), 0, text.len()).ok()?;
    keys::canonicalize(&mut node, keys::data_shape(kind), &mut Diagnostics::default());
    Some(node)
}

/// Checks the whole site as `build` would, with the merged file in place of the one on disk.
/// Problems the import brings are reported at the sheet's row where the record came from
/// (never at a line of YAML the clerk did not write); problems the site had before are not.
pub(super) fn check_site(site: &Path, built: &built::Built, merged: &built::Merged, cx: &mut Cx) {
    let run = |overlay: Option<(String, std::sync::Arc<str>)>| {
        let mut diags = Diagnostics::default();
        let options = LoadOptions { encoding: None, overlay };
        let raw = crate::load::load(site, &options, &mut diags);
        let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
        let options =
            crate::model::BuildOptions { drafts: true, today: crate::model::date::china_date(secs), base_url: None };
        crate::model::build(&raw, &options, &mut diags);
        (raw.sources, diags)
    };
    let (before_sources, before) = run(None);
    let seen: HashSet<(String, String)> = before
        .iter()
        .filter(|d| d.severity == crate::diagnostics::Severity::Error)
        .map(|d| (d.location.path(&before_sources), d.detail.clone()))
        .collect();
    let (sources, after) = run(Some((built.rel.clone(), merged.text.as_str().into())));
    let node = parse_data(&built.rel, &merged.text);
    let records = node.as_ref().map(|n| built::records_of(built.list.0, n, &merged.text)).unwrap_or_default();
    for d in after.iter().filter(|d| d.severity == crate::diagnostics::Severity::Error) {
        let path = d.location.path(&sources);
        if seen.contains(&(path.clone(), d.detail.clone())) {
            continue;
        }
        let at = d.location.offset().filter(|_| path == built.rel);
        let row =
            at.and_then(|at| records.iter().find(|(_, r)| r.contains(&at))).and_then(|(id, _)| merged.rows.get(id));
        let location = match row {
            Some(row) => Location::Path(format!("{}:{row}", cx.place())),
            None => Location::Path(format!("{}（导入后 {}）", cx.place(), d.location.shown(&sources))),
        };
        let mut out = Diagnostic::error(d.code, location).detail(d.detail.clone());
        if let Some(h) = d.hint_text() {
            out = out.hint(h);
        }
        cx.diags.push(out);
    }
}

//! Files every site has without writing them: the built-in evaluation standards. They are read
//! exactly like a site's standards/*.yaml, so the format staff copy is the format gongshi uses.

use super::{DataKind, RawData, keys, yaml};
use crate::diagnostics::{Diagnostic, Diagnostics, FileId, Sources};

/// (path shown in messages, text)
pub const STANDARDS: &[(&str, &str)] = &[
    ("(内置) standards/youzhi-2017.yaml", include_str!("standards/youzhi-2017.yaml")),
    ("(内置) standards/jiben-2012.yaml", include_str!("standards/jiben-2012.yaml")),
];

/// The built-in standards as parsed: the ids of their files, the data and what parsing reported.
pub type Parsed = (Vec<FileId>, Vec<RawData>, Vec<Diagnostic>);

/// Adds the built-in standards to `sources` and returns them as raw data.
pub fn standards(sources: &mut Sources, diags: &mut Diagnostics) -> Vec<RawData> {
    standards_cached(sources, &mut None, diags)
}

/// [`standards`], taking them from `kept` when they were parsed under the same file ids (a
/// long-running process parses them once).
pub fn standards_cached(sources: &mut Sources, kept: &mut Option<Parsed>, diags: &mut Diagnostics) -> Vec<RawData> {
    let ids: Vec<FileId> = STANDARDS.iter().map(|(path, text)| sources.add(path.to_string(), *text)).collect();
    if let Some((parsed_ids, data, reported)) = kept.as_ref()
        && *parsed_ids == ids
    {
        diags.extend(reported.iter().cloned());
        return data.clone();
    }
    let mut reported = Diagnostics::default();
    let data = parse(&ids, sources, &mut reported);
    let reported: Vec<Diagnostic> = reported.into_iter().collect();
    diags.extend(reported.iter().cloned());
    *kept = Some((ids, data.clone(), reported));
    data
}

fn parse(ids: &[FileId], sources: &Sources, diags: &mut Diagnostics) -> Vec<RawData> {
    STANDARDS
        .iter()
        .zip(ids)
        .filter_map(|((_, text), &file)| {
            let source = sources.get(file);
            match yaml::parse(file, source, 0, text.len()) {
                Ok(mut node) => {
                    keys::canonicalize(&mut node, keys::data_shape(DataKind::Standard), diags);
                    Some(RawData { kind: DataKind::Standard, file, node: std::sync::Arc::new(node), builtin: true })
                }
                Err(d) => {
                    diags.push(d);
                    None
                }
            }
        })
        .collect()
}

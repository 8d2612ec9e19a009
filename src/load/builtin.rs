//! Files every site has without writing them: the built-in evaluation standards. They are read
//! exactly like a site's standards/*.yaml, so the format staff copy is the format gongshi uses.

use super::{DataKind, RawData, keys, yaml};
use crate::diagnostics::{Diagnostics, Sources};

/// (path shown in messages, text)
pub const STANDARDS: &[(&str, &str)] = &[
    ("(内置) standards/youzhi-2017.yaml", include_str!("standards/youzhi-2017.yaml")),
    ("(内置) standards/jiben-2012.yaml", include_str!("standards/jiben-2012.yaml")),
];

/// Adds the built-in standards to `sources` and returns them as raw data.
pub fn standards(sources: &mut Sources, diags: &mut Diagnostics) -> Vec<RawData> {
    STANDARDS
        .iter()
        .filter_map(|(path, text)| {
            let file = sources.add(path.to_string(), *text);
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

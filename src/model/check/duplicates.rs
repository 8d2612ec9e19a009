//! Values that must be unique across the site: 文号 and record ids. (Page paths are checked
//! where they are made, in `model::pages`.)

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};
use crate::model::document::Document;
use std::collections::HashMap;
use std::hash::Hash;

/// Every item whose key was seen before, with the span of the first one; in input order.
fn repeats<K: Eq + Hash, T>(items: impl IntoIterator<Item = (K, T, Span)>) -> Vec<(T, Span, Span)> {
    let mut first: HashMap<K, Span> = HashMap::new();
    let mut out = Vec::new();
    for (key, item, span) in items {
        match first.get(&key) {
            Some(&earlier) => out.push((item, span, earlier)),
            None => {
                first.insert(key, span);
            }
        }
    }
    out
}

/// Reports every repeat after the first, pointing back at the first: `{what}「{shown}」已经用过`.
fn report<'a, K: Eq + Hash>(
    items: impl IntoIterator<Item = (K, &'a str, Span)>,
    code: Code,
    what: &str,
    diags: &mut Diagnostics,
) {
    for (shown, span, earlier) in repeats(items) {
        diags.push(
            Diagnostic::error(code, span)
                .detail(format!("{what}「{shown}」已经用过"))
                .related(earlier, "第一次用在这里"),
        );
    }
}

/// Ids of records used twice; `what` names the id (“学校编号”).
pub fn ids<'a>(ids: impl Iterator<Item = (&'a str, Span)>, what: &str, diags: &mut Diagnostics) {
    report(ids.map(|(id, span)| (id, id, span)), Code::DuplicateId, what, diags);
}

/// The same 文号 on two documents; “first” is the file whose path sorts first.
pub fn doc_nos(docs: &[std::sync::Arc<Document>], diags: &mut Diagnostics) {
    let mut sorted: Vec<&Document> = docs.iter().map(|d| &**d).collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let items = sorted
        .into_iter()
        .filter_map(|d| Some((d.doc_no_key.as_deref()?, d.doc_no.as_ref()?)))
        .map(|(k, n)| (k, n.value.as_str(), n.span));
    report(items, Code::DuplicateDocNo, "", diags);
}

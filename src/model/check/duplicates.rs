//! Values that must be unique across the site: 文号, page URLs, record ids.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::model::doc_no;
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

/// Reports every repeat of a key after its first appearance, pointing back at the first.
fn report<'a>(
    items: impl Iterator<Item = (String, &'a str, Span)>,
    code: Code,
    diags: &mut Diagnostics,
    sources: &crate::diagnostics::Sources,
) {
    for (shown, span, earlier) in repeats(items) {
        diags.push(
            Diagnostic::error(code, span)
                .detail(format!("「{shown}」已用于 {}", crate::diagnostics::term::span_location(earlier, sources)))
                .related(earlier, "第一次出现在这里"),
        );
    }
}

/// Ids of records (schools, pairings) used twice; `what` names the record (“学校”).
pub fn ids<'a>(ids: impl Iterator<Item = &'a Spanned<String>>, what: &str, diags: &mut Diagnostics) {
    for (id, span, earlier) in repeats(ids.map(|id| (id.value.as_str(), id.value.as_str(), id.span))) {
        diags.push(
            Diagnostic::error(Code::DuplicateId, span)
                .detail(format!("{what}编号「{id}」已经用过"))
                .related(earlier, "第一次用在这里"),
        );
    }
}

/// Documents in file order, so that “first” means the file that sorts first.
fn by_file(docs: &[Document]) -> Vec<&Document> {
    let mut sorted: Vec<&Document> = docs.iter().collect();
    sorted.sort_by_key(|d| d.file);
    sorted
}

pub fn doc_nos(docs: &[Document], sources: &crate::diagnostics::Sources, diags: &mut Diagnostics) {
    let items = by_file(docs)
        .into_iter()
        .filter_map(|d| d.doc_no.as_ref())
        .map(|n| (doc_no::key(&n.value), n.value.as_str(), n.span));
    report(items, Code::DuplicateDocNo, diags, sources);
}

pub fn urls(docs: &[Document], sources: &crate::diagnostics::Sources, diags: &mut Diagnostics) {
    let items = by_file(docs).into_iter().map(|d| (d.url.to_lowercase(), d.url.as_str(), d.url_span));
    report(items, Code::DuplicateUrl, diags, sources);
}

//! Values that must be unique across the site: 文号 and page URLs.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};
use crate::model::doc_no;
use crate::model::document::Document;
use std::collections::HashMap;

/// Reports every repeat of a key after its first appearance, pointing back at the first.
fn report<'a>(
    items: impl Iterator<Item = (String, &'a str, Span)>,
    code: Code,
    diags: &mut Diagnostics,
    sources: &crate::diagnostics::Sources,
) {
    let mut first: HashMap<String, Span> = HashMap::new();
    for (key, shown, span) in items {
        match first.get(&key) {
            Some(&earlier) => diags.push(
                Diagnostic::error(code, span)
                    .detail(format!("「{shown}」已用于 {}", crate::diagnostics::term::span_location(earlier, sources)))
                    .related(earlier, "第一次出现在这里"),
            ),
            None => {
                first.insert(key, span);
            }
        }
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

//! References between documents by 文号: `supersedes` (替代) and `interprets` (解读对象).

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::doc_no;
use crate::model::document::{Document, Validity};
use crate::model::id::DocId;
use std::collections::{HashMap, HashSet};

/// An unknown 文号: a warning, saying so when the document exists but is a draft or not yet
/// published (`held` are the 文号 keys of those).
fn unknown(target: &crate::diagnostics::Spanned<String>, held: &HashSet<String>) -> Diagnostic {
    let detail = if held.contains(&doc_no::key(&target.value)) {
        format!("「{}」是草稿或发布日期未到的文件，它发布后才能链接", target.value)
    } else {
        format!("「{}」", target.value)
    };
    Diagnostic::warning(Code::UnknownDocNo, target.span).detail(detail)
}

/// Links each `supersedes` entry to its document; a replaced document becomes 失效 unless its
/// own 时效 says otherwise. An unknown 文号 is a warning: the replaced text may predate the site.
pub fn supersedes(
    docs: &mut [std::sync::Arc<Document>],
    index: &HashMap<String, DocId>,
    held: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    let mut links = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for target in &doc.supersedes {
            match index.get(&doc_no::key(&target.value)) {
                Some(j) if *j != doc.id => links.push((i, j.clone())),
                Some(_) => diags.push(
                    Diagnostic::error(Code::InvalidValue, target.span)
                        .detail(format!("文件不能替代它自己（{}）", target.value)),
                ),
                None => diags.push(unknown(target, held)),
            }
        }
    }
    if links.is_empty() {
        return;
    }
    let position: HashMap<DocId, usize> = docs.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
    // The documents linked are copied from the shared ones (the preview's cache keeps those as
    // they were read); the others stay shared.
    for (i, target) in links {
        let Some(&j) = position.get(&target) else { continue };
        let id = docs[i].id.clone();
        std::sync::Arc::make_mut(&mut docs[i]).replaces.push(target);
        let replaced = std::sync::Arc::make_mut(&mut docs[j]);
        replaced.replaced_by.push(id);
        match replaced.validity_span {
            None => replaced.validity = Validity::Expired,
            Some(span) if replaced.validity == Validity::InForce => {
                diags.push(still_in_force(span, &docs[i]));
            }
            Some(_) => {}
        }
    }
}

/// A replaced document whose own file says 有效: kept 有效 (its 时效 is what staff wrote, and
/// the replacement may be partial) and shown as 部分替代, with a warning at its 时效.
fn still_in_force(span: crate::diagnostics::Span, by: &Document) -> Diagnostic {
    let by_no = by.doc_no.as_ref().map_or(String::new(), |n| format!("（{}）", n.value));
    Diagnostic::warning(Code::ReplacedInForce, span)
        .detail(format!("它已被《{}》{by_no}替代，这里却写着 时效: 有效，页面会显示为“部分替代”", by.title))
}

/// 文号 named by data (a pairing's or a milestone's policy): a warning when the site lacks it,
/// since the page can then show the number but not link it.
pub fn doc_nos<'a>(
    refs: impl Iterator<Item = &'a crate::diagnostics::Spanned<String>>,
    index: &HashMap<String, DocId>,
    held: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    for r in refs {
        if !index.contains_key(&doc_no::key(&r.value)) {
            diags.push(unknown(r, held));
        }
    }
}

/// `interprets` must name a document of the site: a 解读 of nothing would be a page linked from
/// nowhere, and the reader could not check what it explains.
pub fn interprets(
    docs: &[std::sync::Arc<Document>],
    index: &HashMap<String, DocId>,
    held: &HashSet<String>,
    diags: &mut Diagnostics,
) {
    let by_id: HashMap<&DocId, &Document> = docs.iter().map(|d| (&d.id, &**d)).collect();
    let target_of = |d: &Document| d.interprets.as_ref().and_then(|t| index.get(&doc_no::key(&t.value)));
    for doc in docs {
        let Some(target) = &doc.interprets else { continue };
        let detail = match index.get(&doc_no::key(&target.value)) {
            Some(id) if *id == doc.id => {
                diags.push(
                    Diagnostic::error(Code::InterpretationLoop, target.span)
                        .detail(format!("文件不能解读它自己（{} 是本文件的文号）", target.value)),
                );
                continue;
            }
            Some(_) => {
                // A → B → … → A: reported once, at the document of the loop with the lowest id.
                let mut chain: Vec<&Document> = vec![doc];
                while let Some(next) = chain.last().and_then(|d| target_of(d)).and_then(|id| by_id.get(id)) {
                    if next.id == doc.id || chain.len() > 64 || chain.iter().any(|d| d.id == next.id) {
                        break;
                    }
                    chain.push(next);
                }
                let closes = chain.last().and_then(|d| target_of(d)) == Some(&doc.id);
                if closes && chain.len() > 1 && chain.iter().all(|d| doc.id <= d.id) {
                    let detail = match chain.as_slice() {
                        [_, other] => format!(
                            "{}解读「{}」（{}），{}又解读「{}」（{}）",
                            doc.title,
                            target.value,
                            other.title,
                            other.title,
                            other.interprets.as_ref().map_or("", |t| t.value.as_str()),
                            doc.title
                        ),
                        _ => {
                            let names: Vec<&str> = chain.iter().map(|d| d.title.as_str()).collect();
                            format!("{} → {}", names.join(" → "), doc.title)
                        }
                    };
                    let mut d = Diagnostic::error(Code::InterpretationLoop, target.span).detail(detail);
                    if let Some(back) = chain.last().and_then(|d| d.interprets.as_ref()) {
                        d = d.related(back.span, "绕回本文件的解读对象写在这里");
                    }
                    diags.push(d);
                }
                continue;
            }
            None if held.contains(&doc_no::key(&target.value)) => {
                format!("「{}」是草稿或发布日期未到的文件", target.value)
            }
            None => format!("本站没有文号为「{}」的文件", target.value),
        };
        diags.push(Diagnostic::error(Code::UnknownInterpreted, target.span).detail(detail));
    }
}

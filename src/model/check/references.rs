//! References between documents: `supersedes` (替代) names other documents by 文号.

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::doc_no;
use crate::model::document::{Document, Validity};
use std::collections::HashMap;

/// Links each `supersedes` entry to its document; a replaced document becomes 失效 unless its
/// own 时效 says otherwise. An unknown 文号 is a warning: the replaced text may predate the site.
pub fn supersedes(docs: &mut [Document], index: &HashMap<String, usize>, diags: &mut Diagnostics) {
    let mut links = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        for target in &doc.supersedes {
            match index.get(&doc_no::key(&target.value)) {
                Some(&j) if j != i => links.push((i, j)),
                Some(_) => diags.push(
                    Diagnostic::error(Code::InvalidValue, target.span)
                        .detail(format!("文件不能替代它自己（{}）", target.value)),
                ),
                None => diags.push(
                    Diagnostic::warning(Code::UnknownDocNo, target.span)
                        .detail(format!("「{}」", target.value)),
                ),
            }
        }
    }
    for (i, j) in links {
        docs[i].replaces.push(j);
        docs[j].replaced_by.push(i);
        if !docs[j].validity_given {
            docs[j].validity = Validity::Expired;
        }
    }
}

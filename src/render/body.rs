//! Every document's body rendered once per build, in parallel: its HTML, table of contents and
//! plain text. The document's page, lists, feeds and the search index all read these, so no body
//! is parsed twice.

use super::markdown::{self, LinkContext, TocItem};
use crate::model::Site;
use crate::model::id::DocId;
use rayon::prelude::*;
use std::collections::HashMap;

#[derive(Debug)]
pub struct Body {
    /// Sanitized HTML, its links relative to the document's own page.
    pub html: String,
    pub toc: Vec<TocItem>,
    /// The words without markup, a line per block (for search and excerpts).
    pub text: String,
    /// Links into the site as written, with their place in the Markdown (for the link check).
    pub links: Vec<(String, std::ops::Range<usize>)>,
}

pub fn bodies(site: &Site) -> HashMap<DocId, Body> {
    site.documents
        .par_iter()
        .map(|d| {
            let root = super::links::root_from(d.url.as_str());
            // 文号 in the text link to the site's document with that number, unless it is this one.
            let lookup = |key: &str| {
                let id = site.doc_index.get(key).filter(|id| **id != d.id)?;
                site.documents.get(id).map(|other| other.url.as_str().to_string())
            };
            let r = markdown::render(&d.body, &d.title, &LinkContext { root: &root, doc_no: &lookup });
            (d.id.clone(), Body { html: r.html, toc: r.toc, text: r.text, links: r.links })
        })
        .collect()
}

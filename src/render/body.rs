//! Every document's body rendered once per build, in parallel: its HTML, table of contents and
//! plain text. The document's page, lists, feeds and the search index all read these, so no body
//! is parsed twice.

use super::markdown::{self, LinkContext, TocItem};
use crate::model::id::DocId;
use crate::model::{Document, Site};
use rayon::prelude::*;
use std::sync::OnceLock;

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

/// Every document's body, each rendered on first use (once). A full build renders them all in
/// parallel first ([`Bodies::render_all`]); the preview renders only the pages asked for.
#[derive(Debug, Default)]
pub struct Bodies {
    /// In the order of `site.documents`.
    cells: Vec<OnceLock<Body>>,
}

impl Bodies {
    /// A cell for every document of the site, none rendered yet.
    pub fn new(site: &Site) -> Bodies {
        Bodies { cells: site.documents.iter().map(|_| OnceLock::new()).collect() }
    }

    /// Renders every body, in parallel.
    pub fn render_all(&self, site: &Site) {
        self.cells.par_iter().zip(site.documents.par_iter()).for_each(|(cell, d)| {
            cell.get_or_init(|| render(site, d));
        });
    }

    /// The body of a document of `site` (the site these cells were made for).
    pub fn get(&self, site: &Site, id: &DocId) -> Option<&Body> {
        let i = site.documents.position(id)?;
        let (cell, d) = (self.cells.get(i)?, site.documents.at(i)?);
        Some(cell.get_or_init(|| render(site, d)))
    }
}

fn render(site: &Site, d: &Document) -> Body {
    let root = super::links::root_from(d.url.as_str());
    // 文号 in the text link to the site's document with that number, unless it is this one.
    let lookup = |key: &str| {
        let id = site.doc_index.get(key).filter(|id| **id != d.id)?;
        site.documents.get(id).map(|other| other.url.as_str().to_string())
    };
    let r = markdown::render(&d.body, &d.title, &LinkContext { root: &root, doc_no: &lookup });
    Body { html: r.html, toc: r.toc, text: r.text, links: r.links }
}

//! A Word file (.docx) read as a 公文: `read(path) → Word`, the document's GB/T 9704 parts,
//! its footnotes and its pictures, from which `import::word` writes a site document.
//!
//! The reader is its own: `package` (the zip, within limits, and what is not a .docx),
//! `xml` (WordprocessingML → blocks, through roxmltree), `numbering` (automatic 一、/（一）
//! labels), `dates` (成文日期 and 公示期), `layout` (the 公文 parts) and `markdown` (the body).
//! Nothing here writes a file.

pub mod dates;
pub mod layout;
pub mod markdown;
pub mod numbering;
pub mod package;
pub mod xml;

pub use layout::Official;
pub use package::Refusal;
use std::collections::HashMap;
use std::path::Path;

/// A document read from Word.
#[derive(Debug)]
pub struct Word {
    pub official: Official,
    pub footnotes: HashMap<String, String>,
    /// The package, for the pictures' bytes.
    pub package: package::Package,
    /// Paragraphs with text, for the PII guard: (number, text).
    pub paragraphs: Vec<(usize, String)>,
}

/// Why a file was refused, or an empty document.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadError {
    Refused(Refusal),
    /// document.xml is not XML.
    Broken(String),
    /// No text at all.
    Empty,
}

/// Reads the file at `path`.
pub fn read(path: &Path) -> Result<Word, ReadError> {
    let package = package::open(path, package::LIMITS).map_err(ReadError::Refused)?;
    from_package(package)
}

/// As [`read`], from a package already opened.
pub fn from_package(package: package::Package) -> Result<Word, ReadError> {
    let body = xml::read(&package).map_err(ReadError::Broken)?;
    let mut paragraphs = Vec::new();
    collect_text(&body.blocks, &mut paragraphs);
    let mut notes: Vec<(&String, &String)> = body.footnotes.iter().collect();
    notes.sort();
    paragraphs.extend(notes.into_iter().map(|(id, text)| (0, format!("脚注{id}：{text}"))));
    if paragraphs.iter().all(|(_, t)| t.trim().is_empty()) {
        return Err(ReadError::Empty);
    }
    let official = layout::recognise(body.blocks);
    Ok(Word { official, footnotes: body.footnotes, package, paragraphs })
}

fn collect_text(blocks: &[xml::Block], out: &mut Vec<(usize, String)>) {
    for b in blocks {
        match b {
            xml::Block::Para(p) if !p.text.trim().is_empty() => out.push((p.number, p.text.clone())),
            xml::Block::Para(_) => {}
            xml::Block::Table(t) => {
                for c in t.rows.iter().flatten().filter(|c| !c.text.is_empty()) {
                    out.push((t.after, c.text.clone()));
                }
            }
        }
    }
}

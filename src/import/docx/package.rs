//! The zip package of a .docx, read within hard limits, and told apart from what is not one.
//!
//! A Word file is a stranger's file, as a workbook is (see `load::workbook`): the file's size is
//! checked before it is read, every part the reader needs is inflated with a running count (not
//! its declared size believed), and the number of entries is bounded. Files that are not a
//! .docx are recognised by their first bytes so the message can say what they are: a .doc or
//! .wps (an OLE compound file), a password-protected .docx (also OLE, with an
//! `EncryptedPackage` stream), a PDF. Messages are Chinese; the caller names the file.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

/// The hard limits of one read.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Bytes of the file itself.
    pub file: u64,
    /// Bytes of the parts read, inflated, together.
    pub inflated: u64,
    /// Entries of the zip.
    pub entries: usize,
}

/// 32 MB of file, 64 MB inflated, 2,000 entries. A long 公文 with pictures is a few MB; its
/// document.xml rarely passes 2 MB.
pub const LIMITS: Limits = Limits { file: 32 << 20, inflated: 64 << 20, entries: 2000 };

/// Why a file could not be read as a .docx.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not a zip, or a damaged one.
    NotDocx(String),
    /// A .doc or .wps: the old binary formats.
    OldFormat,
    /// A password-protected .docx.
    Encrypted,
    /// A PDF.
    Pdf,
    /// Past a limit.
    TooLarge(String),
}

/// The parts of the package this reader uses, by name (`word/document.xml`).
#[derive(Debug, Default)]
pub struct Package {
    parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    /// A part's bytes.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.parts.get(name).map(Vec::as_slice)
    }

    /// A part as text (XML parts are UTF-8; a stray bad byte becomes U+FFFD).
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(|b| String::from_utf8_lossy(b).into_owned())
    }
}

/// Reads the file at `path`, checking its size before reading it.
pub fn open(path: &Path, limits: Limits) -> Result<Package, Refusal> {
    let size = std::fs::metadata(path).map_err(|e| Refusal::NotDocx(format!("无法读取：{e}")))?.len();
    if size > limits.file {
        return Err(Refusal::TooLarge(format!(
            "文件有 {} MB，超过了读 Word 文件的上限 {} MB",
            size >> 20,
            limits.file >> 20
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Refusal::NotDocx(format!("无法读取：{e}")))?;
    open_bytes(&bytes, limits)
}

/// The first bytes of an OLE compound file (.doc, .wps, .xls, and encrypted OOXML).
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// As [`open`], from the file's bytes.
pub fn open_bytes(bytes: &[u8], limits: Limits) -> Result<Package, Refusal> {
    if bytes.len() as u64 > limits.file {
        return Err(Refusal::TooLarge(format!("文件超过了读 Word 文件的上限 {} MB", limits.file >> 20)));
    }
    if bytes.starts_with(OLE) {
        // An encrypted .docx names its streams in UTF-16: EncryptionInfo, EncryptedPackage.
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let encrypted = bytes.windows(name.len()).any(|w| w == name.as_slice());
        return Err(if encrypted { Refusal::Encrypted } else { Refusal::OldFormat });
    }
    if bytes.starts_with(b"%PDF") {
        return Err(Refusal::Pdf);
    }
    if !bytes.starts_with(b"PK") {
        return Err(Refusal::NotDocx("不是 .docx 文件（文件开头不是 zip 压缩包）".into()));
    }
    let bad = |e: zip::result::ZipError| Refusal::NotDocx(format!("不是有效的 .docx 文件：{e}"));
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(bad)?;
    if zip.len() > limits.entries {
        return Err(Refusal::TooLarge(format!("压缩包里有 {} 项，超过了上限 {} 项", zip.len(), limits.entries)));
    }
    let mut package = Package::default();
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(bad)?;
        let Ok(name) = part.name().map(|n| n.to_string()) else { continue };
        if !wanted(&name) {
            continue;
        }
        let mut data = Vec::new();
        loop {
            let n = part.read(&mut buf).map_err(|e| Refusal::NotDocx(format!("不是有效的 .docx 文件：{e}")))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > limits.inflated {
                return Err(Refusal::TooLarge(format!(
                    "解压后超过 {} MB（文件只有 {} KB，是一个“压缩炸弹”或损坏的文件）",
                    limits.inflated >> 20,
                    bytes.len() >> 10
                )));
            }
            data.extend_from_slice(&buf[..n]);
        }
        package.parts.insert(name, data);
    }
    if package.get("word/document.xml").is_none() {
        return Err(Refusal::NotDocx("压缩包里没有 word/document.xml，不是 Word 文档".into()));
    }
    Ok(package)
}

/// The parts the reader uses: the text parts and the pictures.
fn wanted(name: &str) -> bool {
    matches!(
        name,
        "word/document.xml"
            | "word/numbering.xml"
            | "word/styles.xml"
            | "word/footnotes.xml"
            | "word/_rels/document.xml.rels"
    ) || name.starts_with("word/media/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            w.start_file(*name, options).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn tells_old_encrypted_pdf_and_plain_files_apart() {
        let mut doc = OLE.to_vec();
        doc.extend_from_slice(&[0; 512]);
        assert_eq!(open_bytes(&doc, LIMITS).unwrap_err(), Refusal::OldFormat);
        let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
        doc.extend_from_slice(&name);
        assert_eq!(open_bytes(&doc, LIMITS).unwrap_err(), Refusal::Encrypted);
        assert_eq!(open_bytes(b"%PDF-1.7\n", LIMITS).unwrap_err(), Refusal::Pdf);
        assert!(matches!(open_bytes("这是一段文字".as_bytes(), LIMITS), Err(Refusal::NotDocx(_))));
        assert!(matches!(open_bytes(b"PK\x03\x04broken", LIMITS), Err(Refusal::NotDocx(_))));
    }

    #[test]
    fn refuses_a_zip_bomb_by_what_it_inflates_to() {
        let zeros = vec![b' '; 3 << 20];
        let bomb = zip_of(&[("word/document.xml", &zeros)]);
        assert!(bomb.len() < 64 << 10, "{}", bomb.len());
        let limits = Limits { inflated: 1 << 20, ..LIMITS };
        match open_bytes(&bomb, limits) {
            Err(Refusal::TooLarge(m)) => assert!(m.contains("压缩炸弹"), "{m}"),
            other => panic!("{other:?}"),
        }
        assert!(open_bytes(&bomb, LIMITS).is_ok());
    }

    #[test]
    fn a_zip_without_a_document_is_not_word() {
        let z = zip_of(&[("xl/workbook.xml", b"<x/>")]);
        assert!(matches!(open_bytes(&z, LIMITS), Err(Refusal::NotDocx(m)) if m.contains("document.xml")));
    }
}

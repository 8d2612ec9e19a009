//! WordprocessingML → blocks: the paragraphs and tables of word/document.xml in order, with
//! what the layout needs of each (text with its automatic number, alignment, heading level,
//! footnote references and pictures), and the footnotes, styles and relationships they refer to.
//!
//! roxmltree parses each part into a read-only tree (DTDs refused, so no entity expansion); the
//! parts were size-checked by `package` first. Nothing here interprets the GB/T 9704 layout.

use super::numbering::{Counter, Numbering};
use super::package::Package;
use std::collections::HashMap;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
const WP: &str = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const V: &str = "urn:schemas-microsoft-com:vml";

/// Stands in a paragraph's text where a footnote is referenced; the ids are in [`Para::notes`].
pub const NOTE_MARK: char = '\u{E000}';
/// Stands in a paragraph's text where a picture is; the pictures are in [`Para::images`].
pub const IMAGE_MARK: char = '\u{E001}';

/// Parses one XML part.
pub fn parse(text: &str) -> Result<roxmltree::Document<'_>, roxmltree::Error> {
    roxmltree::Document::parse_with_options(
        text,
        roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 4_000_000, ..Default::default() },
    )
}

/// A picture in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    /// Path of the picture in the package: `word/media/image1.png`.
    pub part: String,
    /// The description Word keeps (alt text), when there is one.
    pub alt: String,
}

/// A paragraph.
#[derive(Clone, Debug, Default)]
pub struct Para {
    /// 1-based, among the paragraphs of the body (what a message calls 第 N 段).
    pub number: usize,
    /// The text with its automatic number before it (`一、指导思想`).
    pub text: String,
    /// Whether the number came from numbering.xml.
    pub numbered: bool,
    /// `center`, `right`, … from `w:jc`.
    pub align: String,
    /// Heading level from the style (heading 1 → 1; Title → 0).
    pub heading: Option<u8>,
    /// Footnote ids, in the order of [`NOTE_MARK`]s.
    pub notes: Vec<String>,
    pub images: Vec<Image>,
}

impl Para {
    pub fn centered(&self) -> bool {
        self.align == "center"
    }

    pub fn right(&self) -> bool {
        matches!(self.align.as_str(), "right" | "end")
    }
}

/// A table cell: its text, how many grid columns it spans, and whether it continues the cell
/// above (a vertical merge).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub span: usize,
    pub continues: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Table {
    /// The number of the paragraph before it, for messages.
    pub after: usize,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Clone, Debug)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// The document: its blocks and its footnotes (id → text).
#[derive(Debug, Default)]
pub struct Body {
    pub blocks: Vec<Block>,
    pub footnotes: HashMap<String, String>,
}

/// A style's name, numbering and outline level.
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    num: Option<(String, usize)>,
    outline: Option<u8>,
}

struct Cx<'p> {
    numbering: Numbering,
    counter: Counter,
    styles: HashMap<String, Style>,
    rels: HashMap<String, String>,
    package: &'p Package,
    paras: usize,
}

/// Reads the body. `Err` when document.xml is not XML.
pub fn read(package: &Package) -> Result<Body, String> {
    let text = package.text("word/document.xml").unwrap_or_default();
    let doc = parse(&text).map_err(|e| format!("word/document.xml 不是有效的 XML：{e}"))?;
    let mut cx = Cx {
        numbering: package.text("word/numbering.xml").map(|t| Numbering::parse(&t)).unwrap_or_default(),
        counter: Counter::default(),
        styles: package.text("word/styles.xml").map(|t| styles(&t)).unwrap_or_default(),
        rels: package.text("word/_rels/document.xml.rels").map(|t| rels(&t)).unwrap_or_default(),
        package,
        paras: 0,
    };
    let mut body = Body::default();
    if let Some(b) = doc.root_element().children().find(|n| n.has_tag_name((W, "body"))) {
        blocks(&mut cx, b, &mut body.blocks);
    }
    body.footnotes = package.text("word/footnotes.xml").map(|t| footnotes(&t)).unwrap_or_default();
    Ok(body)
}

fn blocks(cx: &mut Cx, parent: roxmltree::Node, out: &mut Vec<Block>) {
    for node in parent.children().filter(roxmltree::Node::is_element) {
        match node.tag_name().name() {
            "p" => out.push(Block::Para(para(cx, node))),
            "tbl" => out.push(Block::Table(table(cx, node))),
            // Content controls and inserted (tracked) text hold blocks too.
            "sdt" | "sdtContent" | "ins" | "customXml" => blocks(cx, node, out),
            _ => {}
        }
    }
}

fn val<'a>(node: roxmltree::Node<'a, '_>, path: &[&str]) -> Option<&'a str> {
    let mut n = node;
    for name in path {
        n = n.children().find(|c| c.has_tag_name((W, *name)))?;
    }
    n.attribute((W, "val"))
}

fn para(cx: &mut Cx, p: roxmltree::Node) -> Para {
    cx.paras += 1;
    let ppr = p.children().find(|n| n.has_tag_name((W, "pPr")));
    let style = ppr.and_then(|n| val(n, &["pStyle"])).and_then(|id| cx.styles.get(id)).cloned().unwrap_or_default();
    let own_num = ppr.and_then(|n| {
        let num = n.children().find(|c| c.has_tag_name((W, "numPr")))?;
        Some((val(num, &["numId"])?.to_string(), val(num, &["ilvl"]).and_then(|v| v.parse().ok()).unwrap_or(0)))
    });
    let mut out = Para {
        number: cx.paras,
        align: ppr.and_then(|n| val(n, &["jc"])).unwrap_or("").to_string(),
        heading: heading_level(&style),
        ..Para::default()
    };
    let mut text = String::new();
    inline(cx, p, &mut text, &mut out);
    let label = own_num.or(style.num).and_then(|(id, level)| cx.counter.next(&cx.numbering, &id, level));
    out.numbered = label.is_some();
    out.text = label.unwrap_or_default() + &text;
    out
}

/// The text of a paragraph's runs, in order, with marks for footnotes and pictures.
fn inline(cx: &Cx, node: roxmltree::Node, text: &mut String, out: &mut Para) {
    for n in node.children().filter(roxmltree::Node::is_element) {
        let ns = n.tag_name().namespace();
        match (ns, n.tag_name().name()) {
            (Some(W), "t") => text.push_str(n.text().unwrap_or("")),
            (Some(W), "tab") if !n.ancestors().any(|a| a.has_tag_name((W, "pPr"))) => text.push(' '),
            (Some(W), "br" | "cr") => {
                if n.attribute((W, "type")) != Some("page") {
                    text.push('\n');
                }
            }
            (Some(W), "noBreakHyphen") => text.push('-'),
            (Some(W), "footnoteReference") => {
                if let Some(id) = n.attribute((W, "id")) {
                    text.push(NOTE_MARK);
                    out.notes.push(id.to_string());
                }
            }
            // Field codes, deleted text and properties are not text.
            (Some(W), "instrText" | "delText" | "del" | "pPr" | "rPr" | "fldData") => {}
            (Some(W), "drawing") | (Some(V), "imagedata") | (Some(W), "pict") => image(cx, n, text, out),
            _ => inline(cx, n, text, out),
        }
    }
}

fn image(cx: &Cx, node: roxmltree::Node, text: &mut String, out: &mut Para) {
    let blip = node.descendants().find_map(|d| {
        if d.has_tag_name((A, "blip")) {
            d.attribute((R, "embed"))
        } else if d.has_tag_name((V, "imagedata")) {
            d.attribute((R, "id"))
        } else {
            None
        }
    });
    let alt = node
        .descendants()
        .find(|d| d.has_tag_name((WP, "docPr")))
        .and_then(|d| d.attribute("descr").filter(|s| !s.is_empty()).or(d.attribute("title")))
        .unwrap_or("")
        .to_string();
    let part = blip.and_then(|id| cx.rels.get(id)).map(|t| format!("word/{}", t.trim_start_matches('/')));
    match part {
        Some(part) if cx.package.get(&part).is_some() => {
            text.push(IMAGE_MARK);
            out.images.push(Image { part, alt });
        }
        // A text box in a drawing holds paragraphs: keep their text.
        _ => {
            for p in node.descendants().filter(|d| d.has_tag_name((W, "p"))) {
                inline(cx, p, text, out);
            }
        }
    }
}

fn table(cx: &mut Cx, tbl: roxmltree::Node) -> Table {
    let mut out = Table { after: cx.paras, rows: Vec::new() };
    for tr in tbl.children().filter(|n| n.has_tag_name((W, "tr"))) {
        let mut row = Vec::new();
        for tc in tr.children().filter(|n| n.has_tag_name((W, "tc"))) {
            let tcpr = tc.children().find(|n| n.has_tag_name((W, "tcPr")));
            let span = tcpr.and_then(|n| val(n, &["gridSpan"])).and_then(|v| v.parse().ok()).unwrap_or(1usize);
            let vmerge = tcpr.and_then(|n| n.children().find(|c| c.has_tag_name((W, "vMerge"))));
            let continues = vmerge.is_some_and(|m| m.attribute((W, "val")).is_none_or(|v| v == "continue"));
            let mut inner = Vec::new();
            blocks(cx, tc, &mut inner);
            let text = flatten(&inner);
            row.push(Cell { text, span: span.clamp(1, 64), continues });
        }
        out.rows.push(row);
    }
    out
}

/// A cell's blocks as text: paragraphs joined by line breaks, a nested table's cells by spaces.
fn flatten(blocks: &[Block]) -> String {
    let lines: Vec<String> = blocks
        .iter()
        .map(|b| match b {
            Block::Para(p) => p.text.trim().to_string(),
            Block::Table(t) => t.rows.iter().flatten().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" "),
        })
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn heading_level(style: &Style) -> Option<u8> {
    let name = style.name.to_ascii_lowercase();
    if name == "title" || name == "标题" {
        return Some(0);
    }
    let digits = name.strip_prefix("heading").or_else(|| name.strip_prefix("标题")).map(str::trim);
    digits.and_then(|d| d.parse::<u8>().ok()).or(style.outline.map(|o| o + 1))
}

fn styles(xml: &str) -> HashMap<String, Style> {
    let Ok(doc) = parse(xml) else { return HashMap::new() };
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|s| {
            let id = s.attribute((W, "styleId"))?;
            let ppr = s.children().find(|n| n.has_tag_name((W, "pPr")));
            let num = ppr.and_then(|n| n.children().find(|c| c.has_tag_name((W, "numPr")))).and_then(|num| {
                Some((val(num, &["numId"])?.to_string(), val(num, &["ilvl"]).and_then(|v| v.parse().ok()).unwrap_or(0)))
            });
            let style = Style {
                name: val(s, &["name"]).unwrap_or(id).to_string(),
                num,
                outline: ppr.and_then(|n| val(n, &["outlineLvl"])).and_then(|v| v.parse().ok()).filter(|&l| l < 9),
            };
            Some((id.to_string(), style))
        })
        .collect()
}

fn rels(xml: &str) -> HashMap<String, String> {
    let Ok(doc) = parse(xml) else { return HashMap::new() };
    doc.root_element()
        .children()
        .filter(|n| n.tag_name().name() == "Relationship" && n.attribute("TargetMode") != Some("External"))
        .filter_map(|n| Some((n.attribute("Id")?.to_string(), n.attribute("Target")?.to_string())))
        .collect()
}

fn footnotes(xml: &str) -> HashMap<String, String> {
    let Ok(doc) = parse(xml) else { return HashMap::new() };
    let package = Package::default();
    let cx = Cx {
        numbering: Numbering::default(),
        counter: Counter::default(),
        styles: HashMap::new(),
        rels: HashMap::new(),
        package: &package,
        paras: 0,
    };
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((W, "footnote")) && n.attribute((W, "type")).is_none())
        .filter_map(|n| {
            let mut text = String::new();
            let mut sink = Para::default();
            for p in n.children().filter(|c| c.has_tag_name((W, "p"))) {
                inline(&cx, p, &mut text, &mut sink);
            }
            Some((n.attribute((W, "id"))?.to_string(), text.trim().to_string()))
        })
        .collect()
}

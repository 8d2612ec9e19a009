//! An [`Official`] → the Markdown body of a document: headings from the 公文 numbering
//! (一、 → `##`, （一） → `###`, 1. → an ordered list), footnotes as `[^1]`, pictures as links
//! under files/, tables as GFM tables, or as HTML tables (which the sanitizer keeps) when they
//! have merged cells. Then the 附注 and 版记, and the 附件 sections. Pure: no I/O.

use super::layout::Official;
use super::xml::{Block, Cell, IMAGE_MARK, NOTE_MARK, Para, Table};
use std::collections::HashMap;

/// What the text refers to outside itself.
pub struct Refs<'a> {
    /// Footnote id → text.
    pub footnotes: &'a HashMap<String, String>,
    /// Picture part → (path under files/, alt text); a picture not here is left out.
    pub images: &'a HashMap<String, (String, String)>,
}

struct Writer<'a> {
    out: String,
    refs: &'a Refs<'a>,
    /// Footnotes in the order they are referenced: (number, text).
    notes: Vec<String>,
    /// The shallowest style heading level of the document (becomes `##`).
    top_style: u8,
}

/// The body's Markdown.
pub fn body(doc: &Official, refs: &Refs) -> String {
    let top_style = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Para(p) => p.heading.filter(|&h| h > 0),
            Block::Table(_) => None,
        })
        .min()
        .unwrap_or(1);
    let mut w = Writer { out: String::new(), refs, notes: Vec::new(), top_style };
    w.blocks(&doc.body);
    let closing: Vec<&String> = doc.note.iter().chain(&doc.closing).collect();
    if !closing.is_empty() {
        w.out.push_str("---\n\n");
        for line in closing {
            w.out.push_str(&escape(line));
            w.out.push_str("\n\n");
        }
    }
    for section in &doc.sections {
        w.out.push_str("---\n\n");
        let title = if section.title.is_empty() {
            section.label.clone()
        } else {
            format!("{}：{}", section.label, section.title)
        };
        w.out.push_str(&format!("**{}**\n\n", escape(&title)));
        w.blocks(&section.blocks);
    }
    for (i, note) in w.notes.iter().enumerate() {
        w.out.push_str(&format!("[^{}]: {}\n", i + 1, escape(note)));
    }
    w.out.trim_end().to_string() + "\n"
}

impl Writer<'_> {
    fn blocks(&mut self, blocks: &[Block]) {
        let mut in_list = false;
        for b in blocks {
            match b {
                Block::Para(p) => {
                    let item = list_item(&p.text);
                    if in_list && item.is_none() {
                        self.out.push('\n');
                    }
                    in_list = item.is_some();
                    self.para(p, item);
                }
                Block::Table(t) => {
                    if in_list {
                        self.out.push('\n');
                        in_list = false;
                    }
                    self.table(t);
                }
            }
        }
        if in_list {
            self.out.push('\n');
        }
    }

    fn para(&mut self, p: &Para, item: Option<(u32, usize)>) {
        let text = p.text.trim();
        if let Some((n, at)) = item {
            let inline = self.inline(text[at..].trim_start(), p);
            self.out.push_str(&format!("{n}. {inline}\n"));
            return;
        }
        let level = heading(text)
            .or_else(|| p.heading.filter(|&h| h > 0).map(|h| (h.saturating_sub(self.top_style) + 2).min(4) as usize));
        match level {
            Some(3) if text.chars().count() > 30 => {
                // （一）集团化办学。牵头学校…: the heading is up to the first 。.
                match text.split_once('。').filter(|(head, rest)| head.chars().count() <= 30 && !rest.is_empty()) {
                    Some((head, rest)) => {
                        let head = self.inline(head, p);
                        let rest = self.inline(rest.trim(), p);
                        self.out.push_str(&format!("### {head}\n\n{rest}\n\n"));
                    }
                    None => {
                        let inline = self.inline(text, p);
                        self.out.push_str(&format!("{inline}\n\n"));
                    }
                }
            }
            Some(n) => {
                let inline = self.inline(&text.replace('\n', ""), p);
                self.out.push_str(&format!("{} {inline}\n\n", "#".repeat(n)));
            }
            None => {
                let inline = self.inline(text, p);
                if !inline.is_empty() {
                    self.out.push_str(&format!("{inline}\n\n"));
                }
            }
        }
    }

    /// Escaped text with footnote references and pictures in place of their marks.
    fn inline(&mut self, text: &str, p: &Para) -> String {
        let mut out = String::new();
        let mut notes = p.notes.iter();
        let mut images = p.images.iter();
        let skip = p.text.len() - p.text.trim_start().len();
        // Marks before `text` in the paragraph were consumed by an earlier part (a split heading).
        let start = p.text.find(text).unwrap_or(skip);
        for c in p.text[..start].chars() {
            if c == NOTE_MARK {
                notes.next();
            } else if c == IMAGE_MARK {
                images.next();
            }
        }
        for c in text.chars() {
            match c {
                NOTE_MARK => {
                    if let Some(note) = notes.next().and_then(|id| self.refs.footnotes.get(id)) {
                        self.notes.push(note.clone());
                        out.push_str(&format!("[^{}]", self.notes.len()));
                    }
                }
                IMAGE_MARK => {
                    if let Some((rel, alt)) = images.next().and_then(|im| self.refs.images.get(&im.part)) {
                        out.push_str(&format!("![{}](files/{})", escape(alt), rel.replace(' ', "%20")));
                    }
                }
                '\n' => out.push_str("\\\n"),
                c => escape_char(c, &mut out),
            }
        }
        if out.starts_with(['#', '-', '+', '>', '=']) {
            out.insert(0, '\\');
        }
        out
    }

    fn table(&mut self, t: &Table) {
        let merged = t.rows.iter().flatten().any(|c| c.span > 1 || c.continues);
        let width = t.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0);
        if t.rows.is_empty() || width == 0 {
            return;
        }
        if merged || t.rows.iter().any(|r| r.iter().map(|c| c.span).sum::<usize>() != width) {
            self.out.push_str(&html_table(t));
            self.out.push_str("\n\n");
            return;
        }
        for (i, row) in t.rows.iter().enumerate() {
            let cells: Vec<String> =
                row.iter().map(|c| escape(&c.text).replace('|', "\\|").replace('\n', "<br>")).collect();
            self.out.push_str(&format!("| {} |\n", cells.join(" | ")));
            if i == 0 {
                self.out.push_str(&format!("|{}\n", " --- |".repeat(width)));
            }
        }
        self.out.push('\n');
    }
}

/// `1. text` / `1．text` / `1、text`: an ordered-list item, its number and where the text starts.
fn list_item(text: &str) -> Option<(u32, usize)> {
    let t = text.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &t[digits..];
    let sep = rest.chars().next().filter(|c| matches!(c, '.' | '．' | '、'))?;
    let n = t[..digits].parse().ok()?;
    Some((n, text.len() - t.len() + digits + sep.len_utf8()))
}

/// The Markdown heading level a 公文 label gives: 一、 → 2, （一） → 3.
fn heading(text: &str) -> Option<usize> {
    let numeral = |c: char| "一二三四五六七八九十百零".contains(c);
    let head: String = text.chars().take_while(|&c| numeral(c)).collect();
    if !head.is_empty() && text[head.len()..].starts_with('、') {
        return Some(2);
    }
    let inner = text.strip_prefix(['（', '('])?;
    let head: String = inner.chars().take_while(|&c| numeral(c)).collect();
    (!head.is_empty() && inner[head.len()..].starts_with(['）', ')'])).then_some(3)
}

fn escape_char(c: char, out: &mut String) {
    if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '~' | '|') {
        out.push('\\');
    }
    out.push(c);
}

/// Text safe to put in Markdown as it is.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        escape_char(c, &mut out);
    }
    out
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// A table with merged cells: `colspan` from the grid span, `rowspan` from the cells below that
/// continue it. The first row is the header. One HTML block: no blank line inside.
fn html_table(t: &Table) -> String {
    // Each row's cells with the grid column they start at.
    let grid: Vec<Vec<(usize, &Cell)>> = t
        .rows
        .iter()
        .map(|row| {
            let mut col = 0;
            row.iter()
                .map(|c| {
                    let at = col;
                    col += c.span;
                    (at, c)
                })
                .collect()
        })
        .collect();
    let mut out = String::from("<table>");
    for (r, row) in grid.iter().enumerate() {
        out.push_str("<tr>");
        for (col, cell) in row.iter().filter(|(_, c)| !c.continues) {
            let below =
                grid[r + 1..].iter().take_while(|next| next.iter().any(|(at, c)| at == col && c.continues)).count();
            let tag = if r == 0 { "th" } else { "td" };
            let mut attrs = String::new();
            if r == 0 {
                attrs.push_str(" scope=\"col\"");
            }
            if cell.span > 1 {
                attrs.push_str(&format!(" colspan=\"{}\"", cell.span));
            }
            if below > 0 {
                attrs.push_str(&format!(" rowspan=\"{}\"", below + 1));
            }
            let text = html_escape(&cell.text).replace('\n', "<br>");
            out.push_str(&format!("<{tag}{attrs}>{text}</{tag}>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, continues: bool) -> Cell {
        Cell { text: text.into(), span: 1, continues }
    }

    #[test]
    fn keeps_merged_cells_as_rowspan() {
        let t = Table {
            after: 0,
            rows: vec![
                vec![cell("形式", false), cell("牵头", false)],
                vec![cell("市区共建", false), cell("甲", false)],
                vec![cell("", true), cell("乙", false)],
                vec![Cell { text: "集团 & 校".into(), span: 2, continues: false }],
            ],
        };
        assert_eq!(
            html_table(&t),
            "<table><tr><th scope=\"col\">形式</th><th scope=\"col\">牵头</th></tr>\
             <tr><td rowspan=\"2\">市区共建</td><td>甲</td></tr><tr><td>乙</td></tr>\
             <tr><td colspan=\"2\">集团 &amp; 校</td></tr></table>"
        );
    }

    #[test]
    fn gives_headings_the_levels_of_their_labels() {
        assert_eq!(heading("一、指导思想"), Some(2));
        assert_eq!(heading("十二、附则"), Some(2));
        assert_eq!(heading("（一）集团化办学"), Some(3));
        assert_eq!(heading("(三)区内共建"), Some(3));
        assert_eq!(heading("一是标准化学校建设"), None);
        assert_eq!(list_item("1.加强组织领导"), Some((1, 2)));
        assert_eq!(list_item("12．节点"), Some((12, 5)));
        assert_eq!(list_item("2017年"), None);
    }

    #[test]
    fn escapes_what_markdown_would_read() {
        assert_eq!(escape("a*b_[c]<d>"), "a\\*b\\_\\[c\\]\\<d\\>");
    }
}

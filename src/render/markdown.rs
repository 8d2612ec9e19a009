//! Markdown body → safe HTML, a table of contents, and links for 文号 mentioned in the text.
//!
//! CommonMark with GFM tables, footnotes and strikethrough. Headings get ids; a body `#` heading
//! is demoted (the page title is the one `<h1>`), and a first heading that repeats the title is
//! dropped. Links that start with `/` or `files/` are site paths. The whole rendered HTML is
//! sanitized (raw HTML in Markdown arrives in pieces, so piecewise cleaning would miss things),
//! unless it is plain Markdown that ammonia would only reformat (see [`super::sanitize`]).

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};

/// One entry of the 目录; deeper headings nest under the shallowest level found.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TocItem {
    pub id: String,
    pub text: String,
    pub children: Vec<TocItem>,
}

#[derive(Debug)]
pub struct Rendered {
    pub html: String,
    /// Empty unless the body has at least [`TOC_MIN_HEADINGS`] headings.
    pub toc: Vec<TocItem>,
    /// The words of the body without markup (raw HTML left out), one line per block.
    pub text: String,
    /// Links and images to places in the site, as written, with where they are in the Markdown.
    pub links: Vec<(String, std::ops::Range<usize>)>,
}

pub const TOC_MIN_HEADINGS: usize = 3;

/// What links in a body need: where the site root is from this page, and the 文号 to link.
pub struct LinkContext<'a> {
    /// Relative path from the page to the site root (`../../`).
    pub root: &'a str,
    /// Returns the site path of the document with this 文号 key, unless it is this document.
    pub doc_no: &'a (dyn Fn(&str) -> Option<String> + Sync),
}

pub fn render(markdown: &str, title: &str, links: &LinkContext) -> Rendered {
    render_with(markdown, title, links, Sanitize::WhenNeeded).0
}

/// Whether [`render_with`] sanitizes every body or only those that need it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sanitize {
    Always,
    /// Bodies of plain Markdown skip ammonia for the same bytes (see [`super::sanitize`]).
    WhenNeeded,
}

/// [`render`], choosing how to sanitize; also says whether ammonia ran. For the test that holds
/// the shortcut to ammonia's bytes.
pub fn render_with(markdown: &str, title: &str, links: &LinkContext, sanitize: Sanitize) -> (Rendered, bool) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    // Merged so that a 文号 written with [ ] (where the parser splits text) is one piece.
    let located: Vec<(Event, std::ops::Range<usize>)> =
        pulldown_cmark::TextMergeWithOffset::new(Parser::new_ext(markdown, options).into_offset_iter()).collect();
    let site_links = located
        .iter()
        .filter_map(|(e, at)| match e {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) if is_internal(dest_url) => {
                Some((dest_url.to_string(), at.clone()))
            }
            _ => None,
        })
        .collect();
    let mut events: Vec<Event> = located.into_iter().map(|(e, _)| e).collect();
    drop_repeated_title(&mut events, title);
    keep_signature_lines(&mut events);
    let toc_entries = headings(&mut events);
    let events = rewrite_links(events, links);
    let text = plain_lines(&events);
    let plain = sanitize == Sanitize::WhenNeeded && super::sanitize::is_plain(&events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let fast = plain && super::sanitize::is_plain_html(&html);
    let html = if fast { super::sanitize::reformat(&html) } else { super::sanitize::clean(&html) };
    let html = wrap_tables(&html);
    let toc = if toc_entries.len() >= TOC_MIN_HEADINGS { nest(toc_entries) } else { Vec::new() };
    (Rendered { html, toc, text, links: site_links }, !fast)
}

/// The 落款 (issuer, then date, each on its own line) is the body's last paragraph, footnotes
/// aside, when it has more than one line and its last line is a date (`2017年8月7日`,
/// `二〇一七年八月七日`, `2017-08-07`). Its line breaks are kept; everywhere else a line break in
/// the source stays a soft break, as CommonMark has it.
fn keep_signature_lines(events: &mut [Event]) {
    let (mut depth, mut last, mut start) = (0usize, None, 0);
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(_) => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            Event::End(end) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && *end != TagEnd::FootnoteDefinition {
                    last = Some((start, i, *end == TagEnd::Paragraph));
                }
            }
            _ if depth == 0 => last = None,
            _ => {}
        }
    }
    let Some((start, end, true)) = last else { return };
    let paragraph = &mut events[start + 1..end];
    let Some(break_at) = paragraph.iter().rposition(|e| matches!(e, Event::SoftBreak)) else { return };
    let last_line: String = paragraph[break_at + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if !is_date_line(&last_line) {
        return;
    }
    for e in paragraph.iter_mut().filter(|e| matches!(e, Event::SoftBreak)) {
        *e = Event::HardBreak;
    }
}

/// `2017年8月7日`, `二〇一七年八月七日` or `2017-08-07` (spaces allowed around the parts).
fn is_date_line(line: &str) -> bool {
    let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let numeral = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十".contains(c);
    if let Some(rest) = line.strip_suffix('日') {
        let parts: Vec<&str> = rest.split(['年', '月']).collect();
        return matches!(parts.as_slice(), [y, m, d] if y.chars().count() == 4
            && [y, m, d].iter().all(|p| !p.is_empty() && p.chars().all(numeral)));
    }
    let parts: Vec<&str> = line.split(['-', '.']).collect();
    matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len())
        && [y, m, d].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())))
}

/// A link to somewhere in the site: no scheme (`https:`, `mailto:`…) and not `//host/…`.
fn is_internal(dest: &str) -> bool {
    let scheme = dest
        .split_once(':')
        .is_some_and(|(s, _)| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)));
    !dest.is_empty() && !scheme && !dest.starts_with("//")
}

/// The text of the events, a line per block.
fn plain_lines(events: &[Event]) -> String {
    let mut out = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock
                | TagEnd::FootnoteDefinition,
            ) if !out.ends_with('\n') && !out.is_empty() => out.push('\n'),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// Drops a leading heading whose text is the document's title (staff often paste it in).
fn drop_repeated_title(events: &mut Vec<Event>, title: &str) {
    let Some(Event::Start(Tag::Heading { .. })) = events.first() else {
        return;
    };
    let Some(end) = events.iter().position(|e| matches!(e, Event::End(TagEnd::Heading(_)))) else {
        return;
    };
    if normalize(&plain_text(&events[1..end])) == normalize(title) {
        events.drain(..=end);
    }
}

fn normalize(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn plain_text(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// Gives every heading an id (demoting all one level when the body has an `<h1>`) and returns
/// (level, id, text) of each, in order.
fn headings(events: &mut [Event]) -> Vec<(u8, String, String)> {
    let demote = events.iter().any(|e| matches!(e, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. })));
    let mut ids = Ids::default();
    let mut out = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[i] {
            let end = events[i..]
                .iter()
                .position(|e| matches!(e, Event::End(TagEnd::Heading(_))))
                .map_or(events.len(), |p| i + p);
            let text = plain_text(&events[i + 1..end]).trim().to_string();
            if let Event::Start(Tag::Heading { level, id, .. }) = &mut events[i] {
                if demote {
                    *level = deeper(*level);
                }
                let chosen = match id {
                    Some(given) => given.to_string(),
                    None => ids.unique(&text),
                };
                ids.used.insert(chosen.clone());
                *id = Some(CowStr::from(chosen.clone()));
                out.push((*level as u8, chosen, text));
            }
            if let Some(Event::End(TagEnd::Heading(level))) = events.get_mut(end)
                && demote
            {
                *level = deeper(*level);
            }
            i = end;
        }
        i += 1;
    }
    out
}

fn deeper(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Ids given so far, and for each base the next number to try, so that ten thousand headings
/// of one text cost ten thousand steps, not fifty million.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Ids {
    /// An id from the heading text (Han characters kept: `一、指导思想` → `一-指导思想`),
    /// numbered `-2`, `-3`… when taken.
    fn unique(&mut self, text: &str) -> String {
        let base = crate::model::document::slugify(text);
        let base = if base.is_empty() { "section".to_string() } else { base };
        let mut id = base.clone();
        let mut n = self.next.get(&base).copied().unwrap_or(2);
        while self.used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.next.insert(base, n);
        id
    }
}

fn nest(entries: Vec<(u8, String, String)>) -> Vec<TocItem> {
    let top = entries.iter().map(|e| e.0).min().unwrap_or(2);
    let mut out: Vec<TocItem> = Vec::new();
    for (level, id, text) in entries {
        let item = TocItem { id, text, children: Vec::new() };
        match out.last_mut() {
            Some(parent) if level > top => parent.children.push(item),
            _ => out.push(item),
        }
    }
    out
}

/// Site paths in links and images, and 文号 in text (not inside links or code) as links.
fn rewrite_links<'a>(events: Vec<Event<'a>>, ctx: &LinkContext) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_link = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                in_link += 1;
                let dest_url = site_path(dest_url, ctx.root);
                out.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = site_path(dest_url, ctx.root);
                out.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Event::End(TagEnd::Link) => {
                in_link = in_link.saturating_sub(1);
                out.push(Event::End(TagEnd::Link));
            }
            Event::Text(text) if in_link == 0 => link_doc_nos(text, ctx, &mut out),
            other => out.push(other),
        }
    }
    out
}

fn site_path<'a>(dest: CowStr<'a>, root: &str) -> CowStr<'a> {
    if let Some(rest) = dest.strip_prefix('/').filter(|r| !r.starts_with('/')) {
        CowStr::from(format!("{root}{rest}"))
    } else if dest.starts_with("files/") {
        CowStr::from(format!("{root}{dest}"))
    } else {
        dest
    }
}

fn link_doc_nos<'a>(text: CowStr<'a>, ctx: &LinkContext, out: &mut Vec<Event<'a>>) {
    let found = crate::model::doc_no::find_all(&text, ctx.doc_no);
    if found.is_empty() {
        out.push(Event::Text(text));
        return;
    }
    let mut at = 0;
    for (range, path) in found {
        if range.start > at {
            out.push(Event::Text(CowStr::from(text[at..range.start].to_string())));
        }
        out.push(Event::Start(Tag::Link {
            link_type: pulldown_cmark::LinkType::Inline,
            dest_url: CowStr::from(format!("{}{}", ctx.root, super::links::encode_path(&path))),
            title: CowStr::from(""),
            id: CowStr::from(""),
        }));
        out.push(Event::Text(CowStr::from(text[range.clone()].to_string())));
        out.push(Event::End(TagEnd::Link));
        at = range.end;
    }
    if at < text.len() {
        out.push(Event::Text(CowStr::from(text[at..].to_string())));
    }
}

/// Lets a wide table scroll on a phone instead of widening the page; the region can take focus
/// so keyboard users can scroll it too.
fn wrap_tables(html: &str) -> String {
    html.replace("<table>", "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"表格\"><table>")
        .replace("</table>", "</table></div>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_plain(md: &str) -> Rendered {
        let none = |_: &str| None;
        render(md, "标题", &LinkContext { root: "../../", doc_no: &none })
    }

    #[test]
    fn renders_gfm_tables_footnotes_and_strikethrough() {
        let r = render_plain("正文[^1]\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~删~~\n\n[^1]: 注。\n");
        assert!(r.html.contains("<th style=\"text-align:left\">a</th>"), "{}", r.html);
        assert!(r.html.contains("<div class=\"table-scroll\""));
        assert!(r.html.contains("<del>删</del>"));
        assert!(r.html.contains("class=\"footnote-definition\""));
    }

    #[test]
    fn keeps_the_words_without_markup_or_raw_html() {
        let r = render_plain("## 一、总则\n\n**加强**结对\n共建。<b>x</b>\n\n| a | b |\n|--|--|\n| 1 | 2 |\n");
        assert_eq!(r.text, "一、总则\n加强结对 共建。x\na\nb\n1\n2");
    }

    #[test]
    fn strips_scripts_handlers_and_javascript_links() {
        let r = render_plain(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<p style=\"position:fixed\">y</p>",
        );
        for bad in ["<script", "onerror", "javascript:", "position"] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
    }

    #[test]
    fn strips_data_urls_and_styles_with_urls_but_keeps_tables_images_and_links() {
        let r = render_plain(
            "[a](data:text/html,<b>x</b>) <a href=\"data:text/html;base64,PHNjcmlwdD4=\">b</a>\n\n\
             <p style=\"background:url(https://x/t.png)\">c</p>\n\n\
             <table><tr><td style=\"text-align:right\">1</td></tr></table>\n\n![图](/files/a.png) [链接](https://example.cn/)",
        );
        for bad in ["data:", "url(", "background"] {
            assert!(!r.html.contains(bad), "{bad} in {}", r.html);
        }
        for kept in ["<table>", "text-align:right", "<img src=\"../../files/a.png\"", "href=\"https://example.cn/\""] {
            assert!(r.html.contains(kept), "{kept} missing in {}", r.html);
        }
    }

    #[test]
    fn builds_a_toc_from_three_or_more_headings() {
        let r = render_plain("## 一、指导思想\n\n### （一）集团化办学\n\n## 二、总体目标\n\n## 二、总体目标\n");
        let ids: Vec<&str> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["一-指导思想", "二-总体目标", "二-总体目标-2"]);
        assert_eq!(r.toc[0].children[0].text, "（一）集团化办学");
        assert!(r.html.contains("<h2 id=\"一-指导思想\">"), "{}", r.html);
        assert!(render_plain("## a\n\n## b\n").toc.is_empty());
    }

    #[test]
    fn demotes_body_h1_and_drops_a_repeated_title() {
        let r = render_plain("# 标题\n\n# 一、总则\n\n正文");
        assert!(!r.html.contains("标题"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"一-总则\">一、总则</h2>"), "{}", r.html);
    }

    #[test]
    fn links_known_doc_nos_outside_links_and_code() {
        let lookup =
            |k: &str| (k == crate::model::doc_no::key("连政发〔2017〕38号")).then(|| "policies/连政发/".to_string());
        let r = render(
            "依据连政发〔2017〕38号。[连政发〔2017〕38号](https://x/) `连政发〔2017〕38号`",
            "t",
            &LinkContext { root: "../../", doc_no: &lookup },
        );
        assert_eq!(r.html.matches("href=\"../../policies/%E8%BF%9E%E6%94%BF%E5%8F%91/\"").count(), 1, "{}", r.html);
        assert!(r.html.contains("<code>连政发〔2017〕38号</code>"));
    }

    #[test]
    fn site_paths_are_made_relative_to_the_page() {
        let r = render_plain("[附件](/files/a.pdf) [b](files/b.pdf) [c](https://x/) ![i](/files/i.png)");
        assert!(r.html.contains("href=\"../../files/a.pdf\""), "{}", r.html);
        assert!(r.html.contains("href=\"../../files/b.pdf\""));
        assert!(r.html.contains("src=\"../../files/i.png\""));
        assert!(r.html.contains("href=\"https://x/\""));
    }

    #[test]
    fn keeps_the_line_breaks_of_a_signature() {
        // The 落款: issuer, then date, on lines of their own at the end of the body.
        let r = render_plain("正文第一行\n正文第二行。\n\n连云区教育局\n2017年8月7日\n");
        assert!(r.html.contains("<p>连云区教育局<br>\n2017年8月7日</p>"), "{}", r.html);
        // An ordinary paragraph keeps its soft break (Chinese text is joined, as before).
        assert!(r.html.contains("<p>正文第一行\n正文第二行。</p>"), "{}", r.html);
        // With Chinese numerals and a footnote after it, and two issuers (联合发文).
        let r = render_plain("正文[^1]。\n\n连云区教育局\n连云区财政局\n二〇一七年八月七日\n\n[^1]: 注。\n");
        assert!(r.html.contains("<p>连云区教育局<br>\n连云区财政局<br>\n二〇一七年八月七日</p>"), "{}", r.html);
        // A last paragraph that does not end in a date is not a signature.
        let r = render_plain("正文。\n\n附件一\n附件二\n");
        assert!(r.html.contains("<p>附件一\n附件二</p>"), "{}", r.html);
    }
}

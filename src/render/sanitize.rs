//! Sanitizing a document body's HTML, and the shortcut for bodies that need none.
//!
//! Every body goes through ammonia ([`clean`]) unless its events are all of a kind whose HTML
//! ammonia would let through and only reformat ([`is_plain`]): no raw HTML, no task lists,
//! no fenced code with a language (its `class` would be dropped), link and image addresses of
//! the schemes ammonia allows, and no characters the HTML parser would change. For those,
//! [`reformat`] makes the few changes ammonia's parse-and-serialize makes to pulldown-cmark's
//! HTML (`<br />` → `<br>`, `text-align: left` → `text-align:left`, …): the same bytes at a
//! fraction of the cost (ammonia was a tenth of a 10k-document build). The integration test
//! `sanitize` renders every Markdown file of the example, the fixtures and a generated corpus
//! both ways and requires identical bytes.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Tag};
use std::sync::LazyLock;

/// Whether the HTML of `events` may skip ammonia (see the module doc); the HTML must then also
/// pass [`is_plain_html`].
pub fn is_plain(events: &[Event]) -> bool {
    let (mut in_link, mut in_image) = (0usize, 0usize);
    events.iter().all(|e| match e {
        Event::Start(tag) => {
            if in_image > 0 {
                in_image += 1;
                return true; // only its text is written, into `alt`
            }
            match tag {
                Tag::Link { link_type, dest_url, title, .. } => {
                    in_link += 1;
                    in_link == 1 && allowed_url(*link_type, dest_url) && plain_attribute(title)
                }
                Tag::Image { link_type, dest_url, title, .. } => {
                    in_image = 1;
                    allowed_url(*link_type, dest_url) && plain_attribute(title)
                }
                Tag::Heading { id, classes, attrs, .. } => {
                    id.as_deref().is_none_or(plain_attribute) && classes.is_empty() && attrs.is_empty()
                }
                Tag::CodeBlock(CodeBlockKind::Fenced(info)) => info.is_empty(),
                Tag::FootnoteDefinition(name) => plain_attribute(name),
                Tag::BlockQuote(kind) => kind.is_none(),
                Tag::Paragraph
                | Tag::CodeBlock(CodeBlockKind::Indented)
                | Tag::List(_)
                | Tag::Item
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough => true,
                _ => false,
            }
        }
        Event::End(_) => {
            if in_image > 0 {
                in_image -= 1;
            } else if matches!(e, Event::End(pulldown_cmark::TagEnd::Link)) {
                in_link = in_link.saturating_sub(1);
            }
            true
        }
        // Written into `alt`, escaped as an attribute: `<`, `>` and `'` come out differently.
        Event::Text(t) | Event::Code(t) if in_image > 0 => plain_attribute(t),
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak | Event::Rule => true,
        // A link inside a link is split by the HTML parser.
        Event::FootnoteReference(name) => in_link == 0 && in_image == 0 && plain_attribute(name),
        _ => false,
    })
}

/// No character the HTML parser would change or drop (controls, CR, NUL) and no no-break
/// space (ammonia writes it as `&nbsp;`).
pub fn is_plain_html(html: &str) -> bool {
    !html.bytes().any(|b| b < 0x20 && b != b'\n' && b != b'\t' || b == 0x7f) && !html.contains('\u{a0}')
}

/// An attribute value pulldown-cmark escapes the way ammonia's serializer does.
fn plain_attribute(value: &str) -> bool {
    !value.contains(['<', '>', '\''])
}

/// An address ammonia keeps as written: one of the schemes it allows here, or a relative one.
fn allowed_url(link_type: LinkType, dest: &str) -> bool {
    if dest.contains('\'') {
        return false; // pulldown-cmark writes `&#x27;`, ammonia `'`
    }
    // As pulldown-cmark writes it.
    let mut written = String::from(if link_type == LinkType::Email { "mailto:" } else { "" });
    if pulldown_cmark_escape::escape_href(&mut written, dest).is_err() {
        return false;
    }
    // ammonia checks the attribute as the parser decodes it: `&amp;` is `&` again.
    let decoded = written.replace("&amp;", "&");
    match url::Url::parse(&decoded) {
        Ok(url) => matches!(url.scheme(), "http" | "https" | "mailto"),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

/// pulldown-cmark's HTML of plain events (see [`is_plain`]) as ammonia would give it back.
/// Every `<` in it starts a tag pulldown-cmark wrote (text and attributes escape theirs), so the
/// patterns below match tags only.
pub fn reformat(html: &str) -> String {
    static PATTERNS: LazyLock<[(&str, &str); 9]> = LazyLock::new(|| {
        [
            ("<br />", "<br>"),
            ("<hr />", "<hr>"),
            // The end of an `<img>` (no attribute holds a `>`).
            ("\" />", "\">"),
            ("<th style=\"text-align: left\">", "<th style=\"text-align:left\">"),
            ("<th style=\"text-align: center\">", "<th style=\"text-align:center\">"),
            ("<th style=\"text-align: right\">", "<th style=\"text-align:right\">"),
            ("<td style=\"text-align: left\">", "<td style=\"text-align:left\">"),
            ("<td style=\"text-align: center\">", "<td style=\"text-align:center\">"),
            ("<td style=\"text-align: right\">", "<td style=\"text-align:right\">"),
        ]
    });
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    'scan: while let Some(at) = rest.find(['<', '"']) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        for (from, to) in PATTERNS.iter() {
            if let Some(after) = rest.strip_prefix(from) {
                out.push_str(to);
                rest = after;
                continue 'scan;
            }
        }
        out.push_str(&rest[..1]);
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// The sanitizer every other body goes through.
pub fn clean(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    // No `rel` on every link: nothing may open a new window (`target` is not allowed).
    b.link_rel(None)
        .add_generic_attributes(["id"])
        .add_tag_attributes("th", ["style", "colspan", "rowspan"])
        .add_tag_attributes("td", ["style", "colspan", "rowspan"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tags(["input"])
        .filter_style_properties(["text-align"].into_iter().collect())
        .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
        .add_allowed_classes("div", ["footnote-definition"]);
    b
});

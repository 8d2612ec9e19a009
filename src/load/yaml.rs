//! YAML text → a tree of [`Node`]s, each with the span of where it was written.
//!
//! serde-saphyr parses (fuzzed, panic-free, located errors) and hands every key and value over
//! wrapped in its `Spanned`. Scalars stay text: the schema, not YAML's implicit typing, decides
//! what a value means (so `1.10` stays `1.10` and `no` is not `false` in a title). Plain numbers
//! and booleans are taken back from the source text by their byte range, spelling intact.

use crate::diagnostics::{Code, Diagnostic, FileId, SourceFile, Span};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned as Saphyr;
use std::fmt;

/// A YAML value with the span it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Text(String),
    List(Vec<Node>),
    Map(Vec<Entry>),
}

/// One `key: value` pair; keys keep their own span for errors about the key itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn null(span: Span) -> Node {
        Node { value: Value::Null, span }
    }

    /// The value of `key` in a map (keys are canonical English names after `keys::canonicalize`).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Map(entries) => entries.iter().find(|e| e.key == key).map(|e| &e.value),
            _ => None,
        }
    }

    pub fn entries(&self) -> &[Entry] {
        match &self.value {
            Value::Map(entries) => entries,
            _ => &[],
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }
}

/// Parses `text` (the whole file, or the front matter inside it starting at byte `base`).
pub fn parse(file: FileId, source: &SourceFile, base: usize, end: usize) -> Result<Node, Diagnostic> {
    let text = source.text.get(base..end).unwrap_or("");
    // Repeated keys are passed on, so that `keys::canonicalize` reports them with the same
    // message as a key given under both its English and its Chinese name.
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! { max_depth: 64 },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
    };
    match serde_saphyr::from_str_with_options::<Option<Saphyr<Parsed>>>(text, options) {
        Ok(Some(root)) => {
            let root = convert(root, &Ctx { file, source, base });
            // Every key line with a full-width colon (or the only one) reads as one text: a file
            // meant as fields is named at its slip, not told it is "not a map".
            match (&root.value, slip(text, file, base)) {
                (Value::Text(_), Some(d)) => Err(d),
                _ => Ok(root),
            }
        }
        Ok(None) => Ok(Node::null(Span::new(file, base, base))),
        Err(e) => Err(slip(text, file, base).unwrap_or_else(|| syntax_error(&e, file, source, base))),
    }
}

/// The slips staff make that YAML reports confusingly (a line late, in English): a tab, a
/// full-width colon after a key, a key with no space after its colon. When the parser fails,
/// the first of these in the text is reported instead, at its own line and column, in Chinese.
fn slip(text: &str, file: FileId, base: usize) -> Option<Diagnostic> {
    let mut at = base;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches([' ', '-']).len();
        let rest = &body[indent..];
        let found = if let Some(i) = body.find('\t') {
            Some((i, 1, "这一行有制表符（Tab）：YAML 只能用空格缩进和分隔，请把 Tab 改成空格".to_string()))
        } else if rest.starts_with(['"', '\'', '#', '{', '[', '|', '>']) {
            None
        } else if let Some(i) = rest.find('：').filter(|&i| !rest[..i].contains(':') && !rest[..i].contains(' ')) {
            let key = &rest[..i];
            Some((
                indent + i,
                '：'.len_utf8(),
                format!("「{key}」后面用了中文冒号「：」：要写英文冒号加一个空格，如「{key}: 值」"),
            ))
        } else if let Some(i) = rest.find(':').filter(|&i| {
            let after = &rest[i + 1..];
            i > 0
                && !rest[..i].contains(' ')
                && !after.is_empty()
                && !after.starts_with([' ', '/'])
                && !rest[..i].contains("http")
        }) {
            let key = &rest[..i];
            Some((indent + i, 1, format!("「{key}」的冒号后面少了一个空格：要写成「{key}: {}」", &rest[i + 1..])))
        } else {
            None
        };
        if let Some((offset, len, why)) = found {
            return Some(
                Diagnostic::error(Code::YamlSyntax, Span::new(file, at + offset, at + offset + len)).detail(why),
            );
        }
        at += line.len();
    }
    None
}

fn syntax_error(e: &serde_saphyr::Error, file: FileId, source: &SourceFile, base: usize) -> Diagnostic {
    let (base_line, _) = source.line_col(base);
    let span = match e.location() {
        Some(loc) if loc.line() > 0 => {
            let line = base_line + loc.line() as usize - 1;
            let at = source.offset_of(line, loc.column().max(1) as usize);
            Span::new(file, at, at)
        }
        _ => Span::new(file, base, base),
    };
    Diagnostic::error(Code::YamlSyntax, span).detail(explain(e))
}

/// serde-saphyr's message without its own location prefix, which we print ourselves.
fn explain(e: &serde_saphyr::Error) -> String {
    let message = e.without_snippet().to_string();
    let message = match message.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest.to_string(),
        _ => message,
    };
    let first = message.lines().next().unwrap_or("");
    // Positions inside the message count from the front matter, not the file: drop them.
    match first.find(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

struct Ctx<'a> {
    file: FileId,
    source: &'a SourceFile,
    base: usize,
}

impl Ctx<'_> {
    fn span(&self, loc: &serde_saphyr::Location) -> Span {
        let s = loc.span();
        match (s.byte_offset(), s.byte_len()) {
            (Some(off), Some(len)) => {
                let start = self.base + off as usize;
                Span::new(self.file, start, start + len as usize)
            }
            _ => {
                let (base_line, _) = self.source.line_col(self.base);
                let line = base_line + (loc.line() as usize).saturating_sub(1);
                let at = self.source.offset_of(line, loc.column() as usize);
                Span::new(self.file, at, at)
            }
        }
    }
}

fn convert(parsed: Saphyr<Parsed>, ctx: &Ctx) -> Node {
    let span = ctx.span(&parsed.referenced);
    let value = match parsed.value {
        Parsed::Null => Value::Null,
        Parsed::Text(s) => Value::Text(s),
        Parsed::Plain(fallback) => {
            // The spelling as written, from where the value is defined (aliases point elsewhere).
            let defined = ctx.span(&parsed.defined);
            let written = ctx.source.text.get(defined.start as usize..defined.end as usize);
            Value::Text(written.map_or(fallback, |s| s.trim().to_string()))
        }
        Parsed::List(items) => Value::List(items.into_iter().map(|n| convert(n, ctx)).collect()),
        Parsed::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| Entry { key_span: ctx.span(&k.referenced), key: k.value, value: convert(v, ctx) })
                .collect(),
        ),
    };
    Node { value, span }
}

/// What serde-saphyr hands over, before spans are made ours.
enum Parsed {
    Null,
    Text(String),
    /// A number or boolean; the text is only a fallback for sources without byte offsets.
    Plain(String),
    List(Vec<Saphyr<Parsed>>),
    Map(Vec<(Saphyr<String>, Saphyr<Parsed>)>),
}

impl<'de> Deserialize<'de> for Parsed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ParsedVisitor)
    }
}

struct ParsedVisitor;

impl<'de> Visitor<'de> for ParsedVisitor {
    type Value = Parsed;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Parsed, E> {
        Ok(Parsed::Text(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Parsed, E> {
        Ok(Parsed::Text(v))
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Parsed, E> {
        Ok(Parsed::Plain(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Parsed, E> {
        Ok(Parsed::Plain(v.to_string()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Parsed, E> {
        Ok(Parsed::Plain(v.to_string()))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Parsed, E> {
        Ok(Parsed::Plain(v.to_string()))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Parsed, E> {
        Ok(Parsed::Plain(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Parsed, E> {
        Ok(Parsed::Plain(v.to_string()))
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<Parsed, E> {
        Ok(Parsed::Text(v.to_string()))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Parsed, E> {
        Ok(Parsed::Text(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Parsed, E> {
        Ok(Parsed::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Parsed, E> {
        Ok(Parsed::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Parsed, D::Error> {
        d.deserialize_any(ParsedVisitor)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Parsed, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Parsed::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Parsed, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key()? {
            entries.push((key, map.next_value()?));
        }
        Ok(Parsed::Map(entries))
    }
}

#[cfg(test)]
mod slip_tests {
    use super::*;
    use crate::diagnostics::{Location, Sources};

    fn first(text: &str) -> (usize, usize, String) {
        let mut sources = Sources::default();
        let id = sources.add("a.yaml".into(), text);
        let d = parse(id, sources.get(id), 0, text.len()).unwrap_err();
        let Location::Span(span) = d.location else { panic!("{d:?}") };
        let (line, col) = sources.get(id).line_col(span.start as usize);
        (line, col, d.detail)
    }

    #[test]
    fn names_the_slip_at_its_own_place() {
        let (l, c, why) = first("title: 甲\n\tdate: 2017-01-01\n");
        assert_eq!((l, c), (2, 1));
        assert!(why.contains("制表符"), "{why}");
        let (l, c, why) = first("title:关于\ndate: 2017-01-01\n");
        assert_eq!((l, c), (1, 6));
        assert!(why.contains("「title: 关于」"), "{why}");
        let (l, c, why) = first("title: 甲\ndate：2017-01-01\nx: [\n");
        assert_eq!((l, c), (2, 5));
        assert!(why.contains("中文冒号"), "{why}");
    }

    /// Issue 20: when every key line has a full-width colon (or the only one does), YAML reads
    /// the whole block as one text, and the file was told it is "not a map".
    #[test]
    fn a_block_that_is_all_full_width_colons_is_named_at_its_line() {
        for text in ["标题：甲\n", "标题：甲\n成文日期：2017-01-01\n", "  title：甲\n"] {
            let (l, _, why) = first(text);
            assert_eq!(l, 1, "{text}");
            assert!(why.contains("后面用了中文冒号「：」"), "{text}: {why}");
        }
        let (l, c, why) = first("title:甲\n");
        assert_eq!((l, c), (1, 6));
        assert!(why.contains("冒号后面少了一个空格"), "{why}");
    }

    #[test]
    fn leaves_urls_and_quoted_values_alone() {
        let (l, _, why) = first("base_url: https://x.cn/\nnote: \"a:b\"\nbad: [\n");
        assert_eq!((l, why.as_str()), (3, "unclosed bracket '['"), "the parser's own message: no slip found");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Sources;

    fn parse_str(text: &str) -> (Sources, Result<Node, Diagnostic>) {
        let mut sources = Sources::default();
        let id = sources.add("x.yaml".into(), text);
        let result = parse(id, sources.get(id), 0, text.len());
        (sources, result)
    }

    fn text_of<'a>(node: &'a Node, key: &str) -> &'a str {
        match &node.get(key).unwrap().value {
            Value::Text(s) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keeps_the_spelling_of_plain_numbers() {
        let (_, node) = parse_str("version: 1.10\nyear: 2017\nflag: on\ndate: 2017-08-07\n");
        let node = node.unwrap();
        assert_eq!(text_of(&node, "version"), "1.10");
        assert_eq!(text_of(&node, "year"), "2017");
        assert_eq!(text_of(&node, "flag"), "on");
        assert_eq!(text_of(&node, "date"), "2017-08-07");
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let (sources, node) = parse_str("标题: 关于\n文号: 连区教〔2017〕89号\n");
        let node = node.unwrap();
        let e = &node.entries()[1];
        assert_eq!(sources.text(e.key_span), "文号");
        assert_eq!(sources.text(e.value.span), "连区教〔2017〕89号");
        assert_eq!(sources.get(e.value.span.file).line_col(e.value.span.start as usize), (2, 5));
    }

    #[test]
    fn reports_syntax_errors_with_their_line() {
        let (sources, result) = parse_str("title: x\n  bad: [\nfoo: 1\n");
        let d = result.unwrap_err();
        let crate::diagnostics::Location::Span(span) = d.location else { panic!() };
        assert_eq!(sources.get(span.file).line_col(span.start as usize).0, 2);
        assert_eq!(d.code, Code::YamlSyntax);
    }

    #[test]
    fn empty_text_is_null() {
        let (_, node) = parse_str("");
        assert!(node.unwrap().is_null());
    }
}

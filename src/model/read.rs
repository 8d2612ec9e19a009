//! Typed reading of located YAML trees. Each reader returns what it could read and records a
//! diagnostic at the value's span for what it could not, so one pass reports every bad value.

use super::date::{self, Date, Period};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::load::{Node, Value};

/// Reads the keys of one map (keys already renamed to English by `load::keys`).
pub struct Fields<'a> {
    pub node: &'a Node,
}

impl<'a> Fields<'a> {
    pub fn new(node: &'a Node) -> Fields<'a> {
        Fields { node }
    }

    /// Where to point when a key is missing: the map itself.
    pub fn span(&self) -> Span {
        self.node.span
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key).filter(|n| !n.is_null())
    }

    /// Span of the key itself (for errors about a key, e.g. "has no effect here").
    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.node.entries().iter().find(|e| e.key == key).map(|e| e.key_span)
    }

    pub fn text(&self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<String>> {
        self.get(key).and_then(|n| text(n, diags))
    }

    /// A text that must be present; `what` names the key in the error (“标题 title”).
    pub fn required_text(&self, key: &str, what: &str, diags: &mut Diagnostics) -> Option<Spanned<String>> {
        let value = self.text(key, diags);
        if value.is_none() && self.get(key).is_none() {
            diags.push(missing(self.span(), what));
        }
        value
    }

    pub fn date(&self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<Date>> {
        let value = self.text(key, diags)?;
        match date::parse_date(&value.value) {
            Ok(d) => Some(Spanned::new(d, value.span)),
            Err(why) => {
                diags.push(Diagnostic::error(Code::InvalidDate, value.span).detail(why));
                None
            }
        }
    }

    pub fn bool(&self, key: &str, diags: &mut Diagnostics) -> Option<bool> {
        let value = self.text(key, diags)?;
        let found = parse_bool(&value.value);
        if found.is_none() {
            diags.push(
                Diagnostic::error(Code::InvalidValue, value.span)
                    .detail(format!("「{}」应该是 true 或 false（是 / 否）", value.value)),
            );
        }
        found
    }

    /// A list of texts; a single text is a list of one. With `split`, a text is also split at
    /// commas, semicolons, 、 and spaces (主题词 are often written on one line).
    pub fn text_list(&self, key: &str, split: bool, diags: &mut Diagnostics) -> Vec<Spanned<String>> {
        let Some(node) = self.get(key) else {
            return Vec::new();
        };
        let items: Vec<Spanned<String>> = match &node.value {
            Value::List(items) => items.iter().filter_map(|n| text(n, diags)).collect(),
            _ => text(node, diags).into_iter().collect(),
        };
        if !split {
            return items;
        }
        items
            .into_iter()
            .flat_map(|item| {
                item.value
                    .split([',', '，', ';', '；', '、', ' ', '\u{3000}'])
                    .filter(|s| !s.is_empty())
                    .map(|s| Spanned::new(s.to_string(), item.span))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// One of a fixed set of values (see [`pick`]); a value outside it is reported as
    /// `{what}「…」只能是 {allowed}`. `None` when absent or invalid.
    pub fn choice<T: Copy>(
        &self,
        key: &str,
        what: &str,
        options: &[(&str, T)],
        allowed: &str,
        diags: &mut Diagnostics,
    ) -> Option<T> {
        let text = self.text(key, diags)?;
        let found = pick(&text.value, options);
        if found.is_none() {
            diags.push(
                Diagnostic::error(Code::InvalidValue, text.span)
                    .detail(format!("{what}「{}」只能是 {allowed}", text.value)),
            );
        }
        found
    }

    /// A `{start, end}` map; an end before the start is an error.
    pub fn period(&self, key: &str, diags: &mut Diagnostics) -> Option<Spanned<Period>> {
        let node = self.get(key)?;
        if !matches!(node.value, Value::Map(_)) {
            diags.push(wrong_type(node, "应该写成 {start: 开始日期, end: 结束日期}"));
            return None;
        }
        let fields = Fields::new(node);
        let start = fields.date("start", diags);
        let end = fields.date("end", diags);
        if fields.get("start").is_none() {
            diags.push(missing(node.span, "开始日期 start"));
        }
        if fields.get("end").is_none() {
            diags.push(missing(node.span, "结束日期 end"));
        }
        let (start, end) = (start?, end?);
        if end.value < start.value {
            diags.push(
                Diagnostic::error(Code::PeriodReversed, end.span)
                    .detail(format!("结束 {} 早于开始 {}", end.value, start.value))
                    .related(start.span, "开始日期"),
            );
            return None;
        }
        Some(Spanned::new(Period { start: start.value, end: end.value }, node.span))
    }

    /// Every entry of a list under `key` that is a map of fields; other entries are reported.
    /// `what` names one entry in messages (“学校”).
    pub fn records(&self, key: &str, what: &str, diags: &mut Diagnostics) -> Vec<Fields<'a>> {
        self.list(key, diags).iter().filter_map(|n| record(n, what, diags)).collect()
    }

    /// Every entry of a list under `key` (a missing key is an empty list).
    pub fn list(&self, key: &str, diags: &mut Diagnostics) -> &'a [Node] {
        match self.get(key) {
            Some(Node { value: Value::List(items), .. }) => items,
            Some(other) => {
                diags.push(wrong_type(other, "应该是一个列表（每项以“- ”开头）"));
                &[]
            }
            None => &[],
        }
    }
}

/// Records read from a list, and the ids of those that could not be read: references to those
/// are not reported again (the record's own error says what to fix).
pub struct ReadAll<T> {
    pub items: Vec<T>,
    pub broken: Vec<String>,
}

/// Reads each record with `read`, keeping the `id` of every record that fails.
pub fn read_all<'a, T>(records: Vec<Fields<'a>>, mut read: impl FnMut(Fields<'a>) -> Option<T>) -> ReadAll<T> {
    let mut out = ReadAll { items: Vec::new(), broken: Vec::new() };
    for f in records {
        let id = match f.get("id").map(|n| &n.value) {
            Some(Value::Text(id)) => Some(id.trim().to_string()),
            _ => None,
        };
        match read(f) {
            Some(item) => out.items.push(item),
            None => out.broken.extend(id),
        }
    }
    out
}

/// The fields of a map (an empty document counts as a map with none); anything else is
/// reported. `what` names the record in the message (“学校”, “data/schools.yaml”).
pub fn record<'a>(node: &'a Node, what: &str, diags: &mut Diagnostics) -> Option<Fields<'a>> {
    match node.value {
        Value::Map(_) | Value::Null => Some(Fields::new(node)),
        Value::Text(_) | Value::List(_) => {
            diags.push(wrong_type(node, &format!("这里应该是{what}的各个字段（每行“字段: 值”），而不是一个值或列表")));
            None
        }
    }
}

/// The value a spelling stands for in `options`, compared after folding traditional characters
/// and case (`廢止` is `废止`, `Expired` is `expired`).
pub fn pick<T: Copy>(text: &str, options: &[(&str, T)]) -> Option<T> {
    let folded = crate::hanzi::fold(text.trim()).to_lowercase();
    options.iter().find(|(spelling, _)| *spelling == folded).map(|(_, v)| *v)
}

/// Control characters that a value may not hold: invisible, they come from pasting, and some
/// (U+0000–U+0008, U+000B…) make the feed and sitemap invalid XML.
fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// A scalar as trimmed text; empty text counts as absent. Maps and lists are wrong here, and so
/// is a control character.
pub fn text(node: &Node, diags: &mut Diagnostics) -> Option<Spanned<String>> {
    match &node.value {
        Value::Text(s) => {
            let s = s.trim();
            if let Some(c) = s.chars().find(|&c| is_forbidden_control(c)) {
                diags.push(
                    Diagnostic::error(Code::InvalidValue, node.span)
                        .detail(format!("含有看不见的控制字符 U+{:04X}", c as u32))
                        .hint("删掉这个字符（常见于从其他软件复制粘贴的文字）；重新输入这一行最简单。/ Remove the control character, e.g. retype the line."),
                );
                return None;
            }
            (!s.is_empty()).then(|| Spanned::new(s.to_string(), node.span))
        }
        Value::Null => None,
        Value::List(_) | Value::Map(_) => {
            diags.push(wrong_type(node, "这里应该是一段文字，而不是列表或多个字段"));
            None
        }
    }
}

/// Yes or no as staff write it, in YAML or a spreadsheet cell (`√` marks a yes there).
pub fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "true" | "yes" | "on" | "是" | "真" | "√" | "✓" => Some(true),
        "false" | "no" | "off" | "否" | "假" | "×" => Some(false),
        _ => None,
    }
}

pub fn missing(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error(Code::MissingField, span).detail(format!("缺少 {what}"))
}

pub fn wrong_type(node: &Node, expected: &str) -> Diagnostic {
    Diagnostic::error(Code::WrongType, node.span).detail(expected.to_string())
}

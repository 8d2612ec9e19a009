//! The YAML a person would write: a comment naming the source at the top, keys by their
//! English names with the Chinese name as a comment on each line, values quoted only where YAML
//! would misread them.

use unicode_width::UnicodeWidthStr;

/// A value to write.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text, quoted when YAML would read it as something else.
    Text(String),
    /// Written as it is: numbers, dates, ids that are known to be safe.
    Plain(String),
    /// `[a, b]`
    List(Vec<Value>),
    /// `{start: 2017-09-01, end: 2020-08-31}`
    Map(Vec<(&'static str, Value)>),
    /// Records one below the other (the people of an exchange list).
    Records(Vec<Record>),
}

/// A key, its Chinese name for the comment, and the value.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: &'static str,
    pub zh: &'static str,
    pub value: Value,
}

pub type Record = Vec<Entry>;

/// Words YAML 1.1 readers take for booleans or null.
const RESERVED: &[&str] = &["y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"];

/// A scalar as YAML text: plain when that reads back as the same string, else double-quoted.
pub fn scalar(text: &str) -> String {
    let plain = !text.is_empty()
        && text.trim() == text
        && !RESERVED.contains(&text.to_lowercase().as_str())
        && !text.starts_with(|c: char| c.is_ascii_digit() || "-+.?:,[]{}#&*!|>'\"%@`~= ".contains(c))
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|c| c.is_control() || "[]{},\"'".contains(c));
    if plain {
        return text.to_string();
    }
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value as written inline; records as a flow list of flow maps.
pub fn inline(value: &Value) -> String {
    match value {
        Value::Text(t) => scalar(t),
        Value::Plain(t) => t.clone(),
        Value::List(items) => format!("[{}]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        Value::Map(entries) => {
            format!("{{{}}}", entries.iter().map(|(k, v)| format!("{k}: {}", inline(v))).collect::<Vec<_>>().join(", "))
        }
        Value::Records(records) => format!("[{}]", records.iter().map(flow).collect::<Vec<_>>().join(", ")),
    }
}

/// A record on one line: `{id: a, name: 甲}`.
pub fn flow(record: &Record) -> String {
    format!("{{{}}}", record.iter().map(|e| format!("{}: {}", e.key, inline(&e.value))).collect::<Vec<_>>().join(", "))
}

/// Lines with an optional comment, aligned when the whole file is known.
#[derive(Default)]
pub struct Lines {
    lines: Vec<(String, Option<&'static str>)>,
}

impl Lines {
    /// A comment line; a line break in `text` (a file name's) would end the comment and turn
    /// the rest into YAML, so it is written as a space.
    pub fn comment(&mut self, text: &str) {
        let text: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        self.lines.push((format!("# {text}"), None));
    }

    pub fn entry(&mut self, indent: usize, key: &str, value: &str, zh: Option<&'static str>) {
        let line = if value.is_empty() {
            format!("{}{key}:", " ".repeat(indent))
        } else {
            format!("{}{key}: {value}", " ".repeat(indent))
        };
        self.lines.push((line, zh));
    }

    /// A list of records under the current key, each record's first key after `- `.
    pub fn records(&mut self, indent: usize, records: &[Record]) {
        for record in records {
            for (i, e) in record.iter().enumerate() {
                let pad = if i == 0 { format!("{}- ", " ".repeat(indent)) } else { " ".repeat(indent + 2) };
                match &e.value {
                    Value::Records(inner) => {
                        self.lines.push((format!("{pad}{}:", e.key), Some(e.zh)));
                        self.records(indent + 4, inner);
                    }
                    v => self.lines.push((format!("{pad}{}: {}", e.key, inline(v)), Some(e.zh))),
                }
            }
        }
    }

    pub fn finish(self) -> String {
        let width = self
            .lines
            .iter()
            .filter(|(_, c)| c.is_some())
            .map(|(l, _)| l.width())
            .filter(|w| *w <= 48)
            .max()
            .unwrap_or(0);
        let mut out = String::new();
        for (line, comment) in self.lines {
            out.push_str(&line);
            if let Some(c) = comment {
                out.push_str(&" ".repeat(width.saturating_sub(line.width()) + 2));
                out.push_str("# ");
                out.push_str(c);
            }
            out.push('\n');
        }
        out
    }
}

/// A file with a head comment, some top-level entries, then one list of records.
pub fn file(source: &str, head: &[Entry], list: (&str, &'static str), records: &[Record]) -> String {
    let mut lines = Lines::default();
    lines.comment(&format!("由 gongshi import 从「{source}」导入；可以直接修改，再次导入前请先备份。"));
    for e in head {
        lines.entry(0, e.key, &inline(&e.value), Some(e.zh));
    }
    lines.entry(0, list.0, "", Some(list.1));
    lines.records(2, records);
    lines.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_yaml_would_misread() {
        assert_eq!(scalar("墟沟小学"), "墟沟小学");
        assert_eq!(scalar("xugou-xiaoxue"), "xugou-xiaoxue");
        assert_eq!(scalar("连区教〔2017〕89号"), "连区教〔2017〕89号");
        assert_eq!(scalar("2017"), "\"2017\"");
        assert_eq!(scalar("no"), "\"no\"");
        assert_eq!(scalar("NO"), "\"NO\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("a #1"), "\"a #1\"");
        assert_eq!(scalar("- x"), "\"- x\"");
        assert_eq!(scalar("say \"hi\""), "\"say \\\"hi\\\"\"");
        assert_eq!(scalar(""), "\"\"");
    }

    #[test]
    fn writes_records_with_aligned_chinese_comments() {
        let record = vec![
            Entry { key: "id", zh: "编号", value: Value::Text("xugou-xiaoxue".into()) },
            Entry { key: "aliases", zh: "别名", value: Value::List(vec![Value::Text("墟溝小學".into())]) },
        ];
        let text = file("学校.xlsx", &[], ("schools", "学校名录"), &[record]);
        assert!(text.starts_with("# 由 gongshi import 从「学校.xlsx」导入"), "{text}");
        assert!(text.contains("  - id: xugou-xiaoxue    # 编号\n"), "{text}");
        assert!(text.contains("    aliases: [墟溝小學]  # 别名\n"), "{text}");
    }
}

//! Merging imported rows into the data file that is already there, as a person would edit it:
//! a changed value is replaced where it is written, a field the record lacks is added to it, a
//! new record is added at the end of its list, and a record removed (only with `--replace`)
//! loses its lines. Everything else in the file (comments, order, spelling of keys, flow or
//! block style) stays as it was.
//!
//! Records are located by the spans the loader keeps: a collection's span is its first token
//! (`{`, `[`, or nothing for block style), so a record's extent is found from its descendants.

use super::write::{Entry, Record, Value};
pub use super::write::{flow, inline};
use crate::load::{Node, Value as Yaml};
use std::ops::Range;

/// Byte-range replacements of a text, applied back to front.
#[derive(Default)]
pub struct Edits {
    edits: Vec<(Range<usize>, String)>,
}

impl Edits {
    pub fn push(&mut self, at: Range<usize>, text: String) {
        self.edits.push((at, text));
    }

    pub fn apply(mut self, text: &str) -> String {
        // Insertions at one point keep the order they were made in.
        self.edits.sort_by_key(|(r, _)| (r.start, r.end));
        let mut out = text.to_string();
        for (range, new) in self.edits.into_iter().rev() {
            out.replace_range(range, &new);
        }
        out
    }
}

/// The bytes of a node, from its first token (or first key) to its last, closing brackets
/// included.
pub fn extent(node: &Node, text: &str) -> Range<usize> {
    let mut start = node.span.start as usize;
    let mut end = node.span.end as usize;
    match &node.value {
        Yaml::Map(entries) => {
            // A block map's span is empty: it starts at its first key.
            if let Some(first) = entries.first().filter(|_| node.span.start == node.span.end) {
                start = first.key_span.start as usize;
            }
            for e in entries {
                end = end.max(extent(&e.value, text).end).max(e.key_span.end as usize);
            }
        }
        Yaml::List(items) => {
            for item in items {
                end = end.max(extent(item, text).end);
            }
        }
        _ => {}
    }
    // A flow collection closes with its bracket after the last thing in it.
    let opener = text.as_bytes().get(node.span.start as usize).copied();
    let closer = match (opener, &node.value) {
        (Some(b'{'), Yaml::Map(_)) => Some('}'),
        (Some(b'['), Yaml::List(_)) => Some(']'),
        _ => None,
    };
    if let Some(c) = closer
        && let Some(i) = text[end.min(text.len())..].find(c)
    {
        end = end + i + 1;
    }
    start..end.min(text.len())
}

/// Whether a node is written in flow style (`{…}` or `[…]`).
fn is_flow(node: &Node, text: &str) -> bool {
    matches!(text.as_bytes().get(node.span.start as usize), Some(b'{' | b'['))
}

/// The whole lines a node stands on, its line break included: what removing it removes.
pub fn lines_of(node: &Node, text: &str) -> Range<usize> {
    let r = extent(node, text);
    let start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i + 1);
    start..end
}

/// The text of a value as the loader reads it, for comparing with an imported one.
fn read_as(node: &Node) -> String {
    match &node.value {
        Yaml::Text(t) => t.trim().to_string(),
        Yaml::List(items) => items.iter().map(read_as).collect::<Vec<_>>().join("、"),
        Yaml::Map(entries) => {
            entries.iter().map(|e| format!("{}={}", e.key, read_as(&e.value))).collect::<Vec<_>>().join(",")
        }
        Yaml::Null => String::new(),
    }
}

/// The same value as the loader would read it back.
fn imported_as(value: &Value) -> String {
    match value {
        Value::Text(t) | Value::Plain(t) => t.trim().to_string(),
        Value::List(items) => items.iter().map(imported_as).collect::<Vec<_>>().join("、"),
        Value::Map(entries) => {
            entries.iter().map(|(k, v)| format!("{k}={}", imported_as(v))).collect::<Vec<_>>().join(",")
        }
        Value::Records(_) => String::new(),
    }
}

/// Changes an existing record to hold the imported fields: changed values replaced where they
/// are written, missing keys added. Returns the Chinese names of the fields changed.
pub fn update(edits: &mut Edits, record: &Node, text: &str, with: &Record, skip: &[&str]) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut added: Vec<&Entry> = Vec::new();
    for e in with.iter().filter(|e| !skip.contains(&e.key)) {
        match record.entries().iter().find(|x| x.key == e.key) {
            Some(existing) if read_as(&existing.value) == imported_as(&e.value) => {}
            Some(existing) => {
                edits.push(extent(&existing.value, text), inline(&e.value));
                changed.push(e.zh);
            }
            None => {
                added.push(e);
                changed.push(e.zh);
            }
        }
    }
    if !added.is_empty() {
        // Keys are added as the record writes its own: in Chinese when it does.
        let chinese = record
            .entries()
            .first()
            .is_some_and(|e| !text[e.key_span.start as usize..e.key_span.end as usize].is_ascii());
        let key = |e: &Entry| if chinese { e.zh } else { e.key };
        let r = extent(record, text);
        if is_flow(record, text) {
            let items: String = added.iter().map(|e| format!(", {}: {}", key(e), inline(&e.value))).collect();
            edits.push(r.end - 1..r.end - 1, items);
        } else {
            // Block style: new lines under the record's keys, at their indentation.
            let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
            let indent = " ".repeat(text[line_start..r.start].chars().count());
            let end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
            let lines: String = added.iter().map(|e| format!("\n{indent}{}: {}", e.key, inline(&e.value))).collect();
            edits.push(end..end, lines);
        }
    }
    changed
}

/// Adds records at the end of the list under `key` in `root` (or a new list at the end of the
/// file when the key is absent), one flow record a line; a record of several lines (an exchange
/// list with its people) has its later lines indented under its first.
pub fn append(edits: &mut Edits, root: &Node, text: &str, key: &str, records: &[String]) {
    if records.is_empty() {
        return;
    }
    let item = |indent: &str, r: &String| format!("{indent}- {}\n", r.replace('\n', &format!("\n{indent}  ")));
    let list = root.entries().iter().find(|e| e.key == key);
    match list.map(|e| (&e.value, e.key_span)) {
        Some((node @ Node { value: Yaml::List(items), .. }, _)) if !items.is_empty() && !is_flow(node, text) => {
            let last = lines_of(items.last().unwrap_or(node), text);
            let first = extent(&items[0], text);
            let line_start = text[..first.start].rfind('\n').map_or(0, |i| i + 1);
            // The `- ` before the first item sets where the new ones go.
            let dash = text[line_start..first.start].find('-').map_or(0, |i| i);
            let indent = " ".repeat(text[line_start..line_start + dash].chars().count());
            let mut lines: String = records.iter().map(|r| item(&indent, r)).collect();
            if !text[..last.end].ends_with('\n') {
                lines.insert(0, '\n');
            }
            edits.push(last.end..last.end, lines);
        }
        Some((node, key_span)) => {
            // `key: []`, `key:` or a flow list: write the list anew, block style.
            let lines: String = records.iter().map(|r| format!("\n{}", item("  ", r).trim_end())).collect();
            let value = if node.value == Yaml::Null {
                key_span.end as usize..key_span.end as usize + 1
            } else {
                let r = extent(node, text);
                let colon =
                    text[key_span.end as usize..r.start].find(':').map_or(r.start, |i| key_span.end as usize + i);
                colon..r.end
            };
            edits.push(value, format!(":{lines}"));
        }
        None => {
            let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
            let lines: String = records.iter().map(|r| item("  ", r)).collect();
            edits.push(text.len()..text.len(), format!("{sep}{key}:\n{lines}"));
        }
    }
}

/// Adds `key: value` lines at the end of the map under `key` in `root` (or the map, at the end
/// of the file, when it is absent), at the indentation of its entries.
pub fn append_entries(edits: &mut Edits, root: &Node, text: &str, key: &str, entries: &[String]) {
    if entries.is_empty() {
        return;
    }
    match root.entries().iter().find(|e| e.key == key) {
        Some(e) if !e.value.entries().is_empty() && !is_flow(&e.value, text) => {
            let first = e.value.entries()[0].key_span.start as usize;
            let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
            let indent = " ".repeat(text[line_start..first].chars().count());
            let end = lines_of(&e.value, text).end;
            let lines: String = entries.iter().map(|x| format!("{indent}{x}\n")).collect();
            let lead = if text[..end].ends_with('\n') { "" } else { "\n" };
            edits.push(end..end, format!("{lead}{lines}"));
        }
        Some(e) => {
            // `key:` with nothing, or a flow map: written anew, block style.
            let r = extent(&e.value, text);
            let at = if e.value.value == Yaml::Null {
                e.key_span.end as usize + 1..e.key_span.end as usize + 1
            } else {
                let colon =
                    text[e.key_span.end as usize..].find(':').map_or(r.start, |i| e.key_span.end as usize + i + 1);
                colon..r.end
            };
            let mut existing: Vec<String> =
                e.value.entries().iter().map(|x| format!("{}: {}", x.key, &text[extent(&x.value, text)])).collect();
            existing.extend(entries.iter().cloned());
            edits.push(at, existing.iter().map(|x| format!("\n  {x}")).collect());
        }
        None => {
            let sep = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
            let lines: String = entries.iter().map(|x| format!("  {x}\n")).collect();
            edits.push(text.len()..text.len(), format!("{sep}{key}:\n{lines}"));
        }
    }
}

/// Removes a record's lines.
pub fn remove(edits: &mut Edits, record: &Node, text: &str) {
    edits.push(lines_of(record, text), String::new());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{FileId, SourceFile};

    fn parse(text: &str) -> Node {
        let source = SourceFile::new("t".into(), text.into());
        crate::load::yaml::parse(FileId(0), &source, 0, text.len()).unwrap()
    }

    fn list(root: &Node) -> &[Node] {
        match &root.entries()[0].value.value {
            Yaml::List(items) => items,
            _ => &[],
        }
    }

    fn e(key: &'static str, v: &str) -> Entry {
        Entry { key, zh: key, value: Value::Text(v.into()) }
    }

    const FILE: &str = "# 学校名录\nschools:\n  - {id: a, name: 甲, aliases: [甲甲]}   # 第一所\n  - id: b\n    name: 乙\n    town: 旧镇\n  # 待建\n";

    #[test]
    fn a_changed_value_is_replaced_where_it_is_written_and_the_rest_stays() {
        let root = parse(FILE);
        let mut edits = Edits::default();
        let changed =
            update(&mut edits, &list(&root)[1], FILE, &vec![e("id", "b"), e("name", "乙"), e("town", "新镇")], &["id"]);
        assert_eq!(changed, ["town"]);
        assert_eq!(edits.apply(FILE), FILE.replace("旧镇", "新镇"));
    }

    #[test]
    fn a_missing_field_is_added_in_the_record_s_own_style() {
        let root = parse(FILE);
        let mut edits = Edits::default();
        update(&mut edits, &list(&root)[0], FILE, &vec![e("name", "甲"), e("town", "甲镇")], &[]);
        update(&mut edits, &list(&root)[1], FILE, &vec![e("location", "乡村")], &[]);
        let out = edits.apply(FILE);
        assert!(out.contains("  - {id: a, name: 甲, aliases: [甲甲], town: 甲镇}   # 第一所\n"), "{out}");
        assert!(out.contains("    town: 旧镇\n    location: 乡村\n  # 待建\n"), "{out}");
    }

    #[test]
    fn new_records_go_after_the_last_one_and_a_removed_one_takes_its_lines() {
        let root = parse(FILE);
        let mut edits = Edits::default();
        append(&mut edits, &root, FILE, "schools", &["{id: c, name: 丙}".into()]);
        remove(&mut edits, &list(&root)[0], FILE);
        let out = edits.apply(FILE);
        assert_eq!(
            out,
            "# 学校名录\nschools:\n  - id: b\n    name: 乙\n    town: 旧镇\n  - {id: c, name: 丙}\n  # 待建\n"
        );
        // A file without the list gets one.
        let mut edits = Edits::default();
        append(&mut edits, &parse("year: 2024\n"), "year: 2024\n", "schools", &["{school: a}".into()]);
        assert_eq!(edits.apply("year: 2024\n"), "year: 2024\nschools:\n  - {school: a}\n");
    }
}

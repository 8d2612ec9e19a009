//! Figures a site's standards add to the indicator files (`raw_keys`: 班级数, 家长满意度 …).
//!
//! Indicator files are read before anyone knows which standards the site has, so
//! `keys::canonicalize` leaves the keys it does not know in an indicator row (and in the
//! `county:` map) where they are. Once every file is read, this pass renames the declared ones
//! (and their Chinese aliases) to their keys, and reports the rest exactly as an unknown key of
//! any other file: a near miss of a known key is an error, anything else a warning.

use super::keys::{self, COUNTY_FIGURES, FIGURES, INDICATOR_ROW, Record};
use super::yaml::{Node, Value};
use super::{DataKind, RawData};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};

/// One declared figure: its key and every name it may be written under (normalised).
#[derive(Debug)]
struct Declared {
    key: String,
    names: Vec<String>,
}

/// Renames declared figures in every indicator file and reports the keys left unknown.
pub fn close(data: &mut [RawData], diags: &mut Diagnostics) {
    let declared = declared(data, diags);
    for file in data.iter_mut().filter(|d| d.kind == DataKind::Indicators) {
        if let Some(Node { value: Value::List(items), .. }) =
            field_mut(std::sync::Arc::make_mut(&mut file.node), "schools")
        {
            for row in items {
                rename(row, &INDICATOR_ROW, &declared, diags);
            }
        }
        if let Some(county) = field_mut(std::sync::Arc::make_mut(&mut file.node), "county") {
            rename(county, &COUNTY_FIGURES, &declared, diags);
        }
    }
}

fn field_mut<'a>(node: &'a mut Node, key: &str) -> Option<&'a mut Node> {
    match &mut node.value {
        Value::Map(entries) => entries.iter_mut().find(|e| e.key == key).map(|e| &mut e.value),
        _ => None,
    }
}

fn text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Text(t) => Some(t.as_str()),
        _ => None,
    }
}

/// Every standard's `raw_keys`; a name taken by a built-in key or by another declared figure
/// is an error at the name (the figure keeps its other names).
fn declared(data: &[RawData], diags: &mut Diagnostics) -> Vec<Declared> {
    let mut out: Vec<Declared> = Vec::new();
    for file in data.iter().filter(|d| d.kind == DataKind::Standard) {
        let Some(Value::List(items)) = file.node.get("raw_keys").map(|n| &n.value) else { continue };
        for item in items {
            let Some(key) = item.get("key").and_then(text) else { continue };
            let mut written: Vec<(String, Span)> = Vec::new();
            for node in ["key", "name"].iter().filter_map(|k| item.get(k)) {
                written.extend(text(node).map(|t| (t.to_string(), node.span)));
            }
            if let Some(Value::List(aliases)) = item.get("aliases").map(|n| &n.value) {
                written.extend(aliases.iter().filter_map(|a| Some((text(a)?.to_string(), a.span))));
            }
            let position = out.iter().position(|d| d.key == key);
            let mut names = Vec::new();
            for (name, span) in written {
                let norm = keys::normalize(&name);
                if let Some(taken) = clash(&norm, key, &out) {
                    diags.push(
                        Diagnostic::error(Code::CustomKeyClash, span)
                            .detail(format!("「{name}」已经是 {taken} 的名字，不能再作自定义数据「{key}」的名字")),
                    );
                } else {
                    names.push(norm);
                }
            }
            // The same figure declared by two standards: one figure, every name of both.
            match position {
                Some(i) => out[i].names.extend(names),
                None => out.push(Declared { key: key.to_string(), names }),
            }
        }
    }
    out
}

/// What already holds `name`, other than the figure `key` itself.
fn clash(name: &str, key: &str, declared: &[Declared]) -> Option<String> {
    let row_fields = INDICATOR_ROW.fields.iter().chain(FIGURES);
    if let Some(field) = row_fields.into_iter().find(|f| f.name == name || f.aliases.contains(&name)) {
        return Some(format!("内置字段 {}", keys::describe(field)));
    }
    declared
        .iter()
        .find(|d| d.key != key && d.names.iter().any(|n| n == name))
        .map(|d| format!("自定义数据「{}」", d.key))
}

fn rename(node: &mut Node, record: &Record, declared: &[Declared], diags: &mut Diagnostics) {
    let Value::Map(entries) = &mut node.value else { return };
    // (key, as first written, where) of every declared figure kept so far.
    let mut seen: Vec<(String, String, Span)> = Vec::new();
    entries.retain_mut(|entry| {
        if keys::find(record, &entry.key).is_some() {
            return true;
        }
        let norm = keys::normalize(&entry.key);
        let Some(d) = declared.iter().find(|d| d.names.contains(&norm)) else {
            diags.push(keys::unknown_key(record, &entry.key, entry.key_span));
            return false;
        };
        if let Some((_, written, first)) = seen.iter().find(|(k, ..)| *k == d.key) {
            diags.push(
                Diagnostic::error(Code::DuplicateKey, entry.key_span)
                    .detail(format!("「{}」和前面的「{written}」都是自定义数据 {}", entry.key, d.key))
                    .related(*first, "第一次写在这里"),
            );
            return false;
        }
        seen.push((d.key.clone(), entry.key.clone(), entry.key_span));
        entry.key = d.key.clone();
        true
    });
}

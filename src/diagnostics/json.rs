//! Diagnostics as JSON lines (`gongshi check --format json`), one object a line, for CI
//! annotations and editors: the same values the terminal draws, with 1-based line and column.

use super::{Diagnostic, Location, Severity, Sources};
use serde::Serialize;

#[derive(Serialize)]
struct Place<'a> {
    file: &'a str,
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Related<'a> {
    #[serde(flatten)]
    place: Place<'a>,
    note: &'a str,
}

#[derive(Serialize)]
struct Line<'a> {
    severity: &'static str,
    code: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
}

/// One diagnostic as one line of JSON (with its newline).
pub fn line(d: &Diagnostic, sources: &Sources) -> String {
    let place = |span: super::Span| {
        let (line, column) = sources.get(span.file).line_col(span.start as usize);
        Place { file: sources.path(span.file), line, column }
    };
    let (file, line, column) = match &d.location {
        Location::None => (None, None, None),
        Location::Path(p) => (Some(p.as_str()), None, None),
        Location::Span(span) => {
            let p = place(*span);
            (Some(p.file), Some(p.line), Some(p.column))
        }
    };
    let out = Line {
        severity: match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        },
        code: d.code.id(),
        file,
        line,
        column,
        message: crate::model::check::pii::masked(&d.message()),
        hint: d.hint_text(),
        related: d.related.iter().map(|r| Related { place: place(r.span), note: &r.note }).collect(),
    };
    let mut text = serde_json::to_string(&out).unwrap_or_default();
    text.push('\n');
    text
}

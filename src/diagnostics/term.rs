//! Draws diagnostics as text: a short `FILE:LINE:COL: 错误：…` line that CI logs and editors
//! understand, the source line with a caret under the problem (two cells per Han character, as
//! codespan-reporting measures it), the hint, and related places. An ID or mobile number is
//! never printed whole, in the message or in the source line: CI logs and the preview's error
//! panel (which draws this text) are not places to publish what the PII guard refuses.

use super::{Diagnostic, Location, Severity, Sources, Span};
use crate::model::check::pii;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Whether to colour the output (only on a terminal, and never with `NO_COLOR`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Color,
}

/// File, line and column used to sort diagnostics; unknown parts sort first.
pub fn position(d: &Diagnostic, sources: &Sources) -> (String, usize, usize) {
    match &d.location {
        Location::None => (String::new(), 0, 0),
        Location::Path(p) => (p.clone(), 0, 0),
        Location::Span(span) => {
            let (line, col) = sources.get(span.file).line_col(span.start as usize);
            (sources.path(span.file).to_string(), line, col)
        }
    }
}

/// `path:line:col` of a span.
pub fn span_location(span: Span, sources: &Sources) -> String {
    let (line, col) = sources.get(span.file).line_col(span.start as usize);
    format!("{}:{line}:{col}", sources.path(span.file))
}

/// The first line alone: `policies/a.md:3:6: 错误：文号重复：… / duplicate doc_no [GS0203]`.
/// Personal numbers quoted in it are masked (see [`pii::masked`]).
pub fn short(d: &Diagnostic, sources: &Sources) -> String {
    pii::masked(&short_unmasked(d, sources))
}

fn short_unmasked(d: &Diagnostic, sources: &Sources) -> String {
    let label = match d.severity {
        Severity::Error => "错误",
        Severity::Warning => "警告",
    };
    match &d.location {
        Location::None => format!("{label}：{}", d.message()),
        Location::Path(p) => format!("{p}: {label}：{}", d.message()),
        Location::Span(span) => {
            format!("{}: {label}：{}", span_location(*span, sources), d.message())
        }
    }
}

/// The whole diagnostic: short line, source snippet, hint and related places.
pub fn render(d: &Diagnostic, sources: &Sources, style: Style) -> String {
    let mut out = short(d, sources);
    if style == Style::Color {
        let colour = match d.severity {
            Severity::Error => "\x1b[1;31m",
            Severity::Warning => "\x1b[1;33m",
        };
        for label in ["错误：", "警告："] {
            if let Some(i) = out.find(label) {
                out.replace_range(i..i + label.len(), &format!("{colour}{label}\x1b[0m"));
                break;
            }
        }
    }
    out.push('\n');
    if let Location::Span(span) = &d.location {
        snippet(&mut out, *span, sources);
    }
    if let Some(hint) = d.hint_text() {
        let _ = writeln!(out, "  提示：{hint}");
    }
    for r in &d.related {
        let _ = writeln!(out, "  另见：{} {}", span_location(r.span, sources), r.note);
    }
    out
}

fn snippet(out: &mut String, span: Span, sources: &Sources) {
    let file = sources.get(span.file);
    let (line, col) = file.line_col(span.start as usize);
    // Masking keeps every character's width, so the carets still fall under the problem.
    let text = pii::masked(file.line_text(line));
    if text.trim().is_empty() {
        return;
    }
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    let before: String = text.chars().take(col - 1).collect();
    let (end_line, end_col) = file.line_col(span.end as usize);
    let marked: String = if end_line == line && end_col > col {
        text.chars().skip(col - 1).take(end_col - col).collect()
    } else {
        text.chars().skip(col - 1).take(1).collect()
    };
    let carets = "^".repeat(marked.width().max(1));
    let _ = writeln!(out, "{pad} |");
    let _ = writeln!(out, "{gutter} | {text}");
    let _ = writeln!(out, "{pad} | {}{carets}", " ".repeat(before.width()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic};

    #[test]
    fn draws_carets_under_chinese_text_at_display_width() {
        let mut sources = Sources::default();
        let text = "---\n标题: 关于\n文号: 连区教〔2017〕89号\n---\n";
        let id = sources.add("policies/a.md".into(), text);
        let start = text.find("连区教").unwrap();
        let end = text.find("\n---\n").unwrap();
        let d = Diagnostic::error(Code::DuplicateDocNo, Span::new(id, start, end))
            .detail("「连区教〔2017〕89号」已用于 policies/b.md");
        let out = render(&d, &sources, Style::Plain);
        let expected = "\
policies/a.md:3:5: 错误：文号重复：「连区教〔2017〕89号」已用于 policies/b.md / duplicate doc_no [GS0203]
  |
3 | 文号: 连区教〔2017〕89号
  |       ^^^^^^^^^^^^^^^^^^
";
        assert!(out.starts_with(expected), "got:\n{out}");
        assert!(out.contains("  提示：每个文号"), "got:\n{out}");
    }

    /// Issue 20: the message masked an ID number, but the source line under it showed it whole
    /// (on the terminal, in CI logs and in the preview's error panel, which draws this text).
    #[test]
    fn personal_numbers_are_masked_in_the_source_line_and_the_message() {
        let mut sources = Sources::default();
        let text = "---\n标题: 关于\n联系人: 张三 138 1234 5678，身份证 360426199101010071\n---\n";
        let id = sources.add("policies/a.md".into(), text);
        let start = text.find("3604").unwrap();
        let d = Diagnostic::error(Code::UnknownSchool, Span::new(id, start, start + 18))
            .detail("「360426199101010071」不在学校名录里");
        let out = render(&d, &sources, Style::Plain);
        let expected = "\
policies/a.md:3:27: 错误：找不到这所学校：「360***********0071」不在学校名录里 / unknown school [GS0303]
  |
3 | 联系人: 张三 138 **** 5678，身份证 360***********0071
  |                                    ^^^^^^^^^^^^^^^^^^
";
        assert!(out.starts_with(expected), "got:\n{out}");
        assert!(!out.contains("1234") && !out.contains("19910101"), "got:\n{out}");
    }

    #[test]
    fn a_path_location_has_no_line() {
        let sources = Sources::default();
        let d = Diagnostic::error(Code::ReadFailed, Location::Path("files/x.pdf".into()));
        assert!(short(&d, &sources).starts_with("files/x.pdf: 错误：无法读取文件"));
    }
}

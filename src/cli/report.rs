//! What the commands print: diagnostics (stderr) and one summary line.

use crate::diagnostics::term::{self, Style};
use crate::diagnostics::{Diagnostic, Diagnostics, Sources};
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Duration;

// Printing ignores a closed pipe (`gongshi check | head`): a reader that has seen enough is no
// reason to fail, and print! would panic.
fn print_out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn print_err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn style() -> Style {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() { Style::Color } else { Style::Plain }
}

pub fn diagnostics(sources: &Sources, diags: &Diagnostics) {
    let style = style();
    let (shown, more) = diags.sorted_capped(sources);
    for d in shown {
        print_err(&term::render(d, sources, style));
    }
    for line in more {
        print_err(&line);
    }
}

/// The diagnostics as JSON lines on stdout (`check --format json`).
pub fn json_lines(sources: &Sources, diags: &Diagnostics) {
    for d in diags.sorted(sources) {
        print_out(&crate::diagnostics::json::line(d, sources));
    }
}

/// A diagnostic that is not about a file that was read (the output folder).
pub fn one(d: &Diagnostic) {
    print_err(&term::render(d, &Sources::default(), style()));
}

/// An error in the arguments or the environment.
pub fn fatal(message: &str) {
    print_err(&format!("错误：{message}\n"));
}

pub fn built(pages: usize, files: usize, took: Duration, out: &Path) {
    print_out(&format!(
        "完成：生成 {pages} 个页面（共 {files} 个文件），用时 {:.2} 秒，输出到 {} / built {pages} pages in {:.2} s\n",
        took.as_secs_f64(),
        out.display(),
        took.as_secs_f64()
    ));
}

/// The summary of a check; on stderr when stdout carries JSON lines.
pub fn checked(pages: usize, diags: &Diagnostics, json: bool) {
    let print = if json { print_err } else { print_out };
    print(&format!(
        "检查通过：{pages} 个页面，{} 条警告 / check passed: {pages} pages, {} warnings\n",
        diags.warning_count(),
        diags.warning_count()
    ));
}

pub fn previewed(pages: usize, diags: &Diagnostics) {
    print_out(&format!(
        "已更新预览：{pages} 个页面，{} 条警告 / preview updated: {pages} pages\n",
        diags.warning_count()
    ));
}

/// A preview build failed: the last good pages stay up with the panel over them.
pub fn preview_failed(diags: &Diagnostics) {
    print_err(&format!(
        "失败：{} 个错误，{} 条警告；预览保持上一次成功的版本，改好保存后自动更新 / failed: the preview keeps the last good build\n",
        diags.error_count(),
        diags.warning_count()
    ));
}

pub fn failed(diags: &Diagnostics, extra: usize) {
    let errors = diags.error_count() + extra;
    print_err(&format!(
        "失败：{errors} 个错误，{} 条警告；输出文件夹未改动 / failed: {errors} errors, {} warnings; output untouched\n",
        diags.warning_count(),
        diags.warning_count()
    ));
}

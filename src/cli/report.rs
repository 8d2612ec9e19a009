//! What the commands print: diagnostics (stderr) and one summary line.

use crate::diagnostics::term::{self, Style};
use crate::diagnostics::{Diagnostic, Diagnostics, Sources};
use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

fn style() -> Style {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() { Style::Color } else { Style::Plain }
}

pub fn diagnostics(sources: &Sources, diags: &Diagnostics) {
    let style = style();
    for d in diags.sorted(sources) {
        eprint!("{}", term::render(d, sources, style));
    }
}

/// A diagnostic that is not about a file that was read (the output folder).
pub fn one(d: &Diagnostic) {
    eprint!("{}", term::render(d, &Sources::default(), style()));
}

/// An error in the arguments or the environment.
pub fn fatal(message: &str) {
    eprintln!("错误：{message}");
}

pub fn built(pages: usize, files: usize, took: Duration, out: &Path) {
    println!(
        "完成：生成 {pages} 个页面（共 {files} 个文件），用时 {:.2} 秒，输出到 {} / built {pages} pages in {:.2} s",
        took.as_secs_f64(),
        out.display(),
        took.as_secs_f64()
    );
}

pub fn checked(pages: usize, diags: &Diagnostics) {
    println!(
        "检查通过：{pages} 个页面，{} 条警告 / check passed: {pages} pages, {} warnings",
        diags.warning_count(),
        diags.warning_count()
    );
}

pub fn failed(diags: &Diagnostics, extra: usize) {
    let errors = diags.error_count() + extra;
    eprintln!(
        "失败：{errors} 个错误，{} 条警告；输出文件夹未改动 / failed: {errors} errors, {} warnings; output untouched",
        diags.warning_count(),
        diags.warning_count()
    );
}

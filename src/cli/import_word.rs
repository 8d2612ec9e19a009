//! Prints a Word import (`gongshi import policy|notice`): each file's outcome as it is reached,
//! warnings and errors as the other commands print them, `--dry-run`'s preview, and the
//! summary line `导入 23 份，跳过 2 份（原因）`.

use crate::diagnostics::{Severity, Sources, term};
use crate::import::word::{WordRequest, import_word};
use std::io::{IsTerminal, Write};

pub fn run(request: &WordRequest) -> Result<(), ()> {
    let style = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        term::Style::Color
    } else {
        term::Style::Plain
    };
    let sources = Sources::default();
    let started = std::time::Instant::now();
    let batch = import_word(request);
    let mut err = std::io::stderr().lock();
    let mut out = std::io::stdout().lock();
    for d in &batch.skipped {
        let _ = err.write_all(term::render(d, &sources, style).as_bytes());
    }
    for done in &batch.imported {
        for d in &done.warnings {
            let _ = err.write_all(term::render(d, &sources, style).as_bytes());
        }
        if request.dry_run {
            let _ = writeln!(
                out,
                "试导入（没有写文件）{} → {}\n{}",
                done.source.display(),
                done.path.display(),
                done.preview
            );
        } else {
            let extra = if done.files.is_empty() {
                String::new()
            } else {
                format!("，另写 {} 个文件到 files/", done.files.len())
            };
            let _ = writeln!(out, "已导入 {} → {}{extra}", done.source.display(), done.path.display());
        }
    }
    for (file, diags) in &batch.failed {
        for d in diags {
            let _ = err.write_all(term::render(d, &sources, style).as_bytes());
        }
        let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
        let _ = writeln!(err, "没有导入 {}：{errors} 个错误，没有写入任何文件 / not imported", file.display());
    }
    let verb = if request.dry_run { "（试导入，没有写文件）" } else { "" };
    let _ = writeln!(out, "{}{verb}，用时 {:.1} 秒 / done", batch.summary(), started.elapsed().as_secs_f64());
    if batch.failed.is_empty() { Ok(()) } else { Err(()) }
}

//! `gongshi import schools|pairings|exchanges|indicators FILE`: a spreadsheet or CSV file into
//! a data file of the site; `gongshi import policy|notice 文件.docx…`: Word files into documents
//! (printed by `import_word`). The work is done by `crate::import`.

use crate::diagnostics::{Sources, term};
use crate::import::{Kind, Request};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindArg {
    /// 学校名录 → data/schools.yaml
    Schools,
    /// 结对共建 → data/pairings.yaml
    Pairings,
    /// 教干教师交流名单 → data/exchanges.yaml
    Exchanges,
    /// 办学条件指标 → data/indicators/年度.yaml
    Indicators,
    /// 县级评估数据（四个方面的县级数据、判断、质量监测、一票否决）→ data/county/年度.yaml
    County,
    /// 政策文件：Word 文件（.docx）→ policies/年份/文件名.md
    Policy,
    /// 通知公告：Word 文件（.docx）→ notices/文件名.md，公示期取自正文
    Notice,
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    /// 导入什么：schools（学校名录）、pairings（结对）、exchanges（交流名单）、indicators（指标）、county（县级评估数据），或 policy（政策文件）、notice（通知公告）
    #[arg(value_enum, value_name = "类型")]
    kind: KindArg,
    /// 表格文件（.xlsx、.xls、.ods 或 .csv）；policy/notice 为 Word 文件（.docx）或文件夹，可写多个 / the files
    #[arg(value_name = "文件", required = true, num_args = 1..)]
    files: Vec<PathBuf>,
    /// 网站文件夹（默认 content）/ the site folder
    #[arg(long, default_value = "content", value_name = "网站文件夹")]
    site: PathBuf,
    /// 年度（指标、交流名单和县级评估数据；表里有“年度”列时可不写）/ the year
    #[arg(long, value_name = "年度")]
    year: Option<i32>,
    /// 写到这个文件，而不是网站的 data/ 文件夹 / output path
    #[arg(long, value_name = "文件")]
    out: Option<PathBuf>,
    /// 工作簿里要导入的工作表（默认：第一个认得表头的可见工作表）/ the sheet to read
    #[arg(long, value_name = "工作表")]
    sheet: Option<String>,
    /// 表里没有的记录从文件里删除（默认只报告、保留）；旧文件在同一文件夹留备份 / remove records the sheet no longer has
    #[arg(long, alias = "force")]
    replace: bool,
    /// 只显示会新增、更新哪些记录（Word 文件：会写的文件头和正文开头），不写文件 / show what would change, write nothing
    #[arg(long)]
    dry_run: bool,
}

pub fn run(args: &ImportArgs) -> Result<(), ()> {
    let word = match args.kind {
        KindArg::Policy => Some(crate::import::word::DocKind::Policy),
        KindArg::Notice => Some(crate::import::word::DocKind::Notice),
        _ => None,
    };
    if let Some(kind) = word {
        let request = crate::import::word::WordRequest {
            kind,
            inputs: args.files.clone(),
            site: args.site.clone(),
            dry_run: args.dry_run,
        };
        return super::import_word::run(&request);
    }
    let [file] = args.files.as_slice() else {
        super::report::fatal("表格一次导入一个文件 / import one spreadsheet at a time");
        return Err(());
    };
    let kind = match args.kind {
        KindArg::Schools => Kind::Schools,
        KindArg::Pairings => Kind::Pairings,
        KindArg::Exchanges => Kind::Exchanges,
        KindArg::Indicators => Kind::Indicators,
        KindArg::County | KindArg::Policy | KindArg::Notice => Kind::County,
    };
    let request = Request {
        kind,
        file: file.clone(),
        site: args.site.clone(),
        year: args.year,
        out: args.out.clone(),
        sheet: args.sheet.clone(),
        replace: args.replace,
        dry_run: args.dry_run,
    };
    let style = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        term::Style::Color
    } else {
        term::Style::Plain
    };
    let sources = Sources::default();
    let mut err = std::io::stderr().lock();
    match crate::import::import(&request) {
        Ok(done) => {
            let (shown, more) = crate::diagnostics::capped(done.warnings.iter().collect(), &sources);
            for d in shown {
                let _ = err.write_all(term::render(d, &sources, style).as_bytes());
            }
            for line in more {
                let _ = err.write_all(line.as_bytes());
            }
            let mut out = std::io::stdout().lock();
            if !done.missing.is_empty() {
                let what =
                    if done.removed { "已从文件删除" } else { "文件里保留；要删除请加 --replace" };
                let _ = writeln!(out, "表里没有的 {} 条（{what}）：{}", done.missing.len(), done.missing.join("、"));
            }
            let backup = done.backup.map_or(String::new(), |b| format!("；旧文件备份为 {}", b.display()));
            let verb = if done.dry_run { "试导入（没有写文件）" } else { "已导入" };
            let _ = writeln!(
                out,
                "{verb} {} 行：{}。{} {}{backup} / imported {} rows",
                done.records,
                done.summary,
                if done.dry_run { "将写入" } else { "写入" },
                done.path.display(),
                done.records
            );
            Ok(())
        }
        Err(failed) => {
            let (shown, more) = crate::diagnostics::capped(failed.diagnostics.iter().collect(), &sources);
            for d in shown {
                let _ = err.write_all(term::render(d, &sources, style).as_bytes());
            }
            for line in more {
                let _ = err.write_all(line.as_bytes());
            }
            let errors =
                failed.diagnostics.iter().filter(|d| d.severity == crate::diagnostics::Severity::Error).count();
            let _ = writeln!(err, "失败：{errors} 个错误；没有写入任何文件 / failed: nothing was written");
            Err(())
        }
    }
}

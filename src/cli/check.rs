//! `gongshi check`: everything `build` validates, without writing anything.

use super::{SiteArgs, report};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// 文字，带出错的那一行和提示 / text with the source line and the hint
    Text,
    /// 每行一个 JSON 对象，打印到标准输出（CI 标注用）/ JSON lines on stdout
    Json,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 问题的输出格式 / how to print the problems
    #[arg(long, value_enum, default_value_t = Format::Text, value_name = "格式")]
    format: Format,
}

pub fn run(args: &CheckArgs) -> Result<(), ()> {
    let options = args.site.options().map_err(|e| report::fatal(&e))?;
    let built = crate::build(&args.site.folder(), &options);
    match args.format {
        Format::Text => report::diagnostics(&built.sources, &built.diagnostics),
        Format::Json => report::json_lines(&built.sources, &built.diagnostics),
    }
    match &built.output {
        Some(output) => {
            report::checked(output.page_count(), &built.diagnostics, args.format == Format::Json);
            Ok(())
        }
        None => {
            report::failed(&built.diagnostics, 0);
            Err(())
        }
    }
}

//! The command line: `gongshi build`, `check`, `serve` and `new`. Parses arguments, runs the pipeline,
//! prints diagnostics and one summary line, and maps the outcome to an exit code.

mod build;
mod check;
mod deploy;
mod import;
mod import_word;
mod new;
mod progress;
mod report;
mod serve;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "gongshi",
    version,
    about = "公示：为教育局生成政策公开与义务教育优质均衡进展网站 / static sites for education bureaus",
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 生成网站到输出文件夹（默认 public）/ build the site
    Build(build::BuildArgs),
    /// 检查网站内容，不写入任何文件 / check the site, write nothing
    Check(check::CheckArgs),
    /// 本机预览：修改保存后自动重新生成并刷新页面 / preview with live reload
    Serve(serve::ServeArgs),
    /// 新建一份文件：policy（政策文件）、notice（通知公告）或 page（页面）/ create a document
    New(new::NewArgs),
    /// 从 Excel/WPS 表格或 CSV 导入学校名录、结对、交流名单或指标；从 Word 文件导入政策文件、通知公告 / import a spreadsheet or Word files
    Import(import::ImportArgs),
    /// 把构建好的网站发布到 site.yaml 的发布目标：文件夹、对象存储或 SFTP / deploy the built site
    Deploy(deploy::DeployArgs),
}

/// Options shared by every command that reads a site.
#[derive(Args, Debug, Clone)]
struct SiteArgs {
    /// 网站文件夹（默认 content）/ the site folder
    #[arg(default_value = "content", value_name = "网站文件夹")]
    site: PathBuf,
    /// 覆盖 site.yaml 的网址 base_url / override base_url
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// 包括草稿和发布日期未到的文件 / include drafts and future documents
    #[arg(long)]
    drafts: bool,
    /// 非 UTF-8 文件按此编码读取（如 gbk、big5）/ encoding of non-UTF-8 files
    #[arg(long, value_name = "编码")]
    encoding: Option<String>,
    /// 有警告也算失败（CI 用；也可在 site.yaml 写 deny_warnings: true）/ fail on warnings
    #[arg(long)]
    deny_warnings: bool,
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
    let result = match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::New(args) => new::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Deploy(args) => deploy::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(()) => ExitCode::FAILURE,
    }
}

/// clap's own messages, Chinese first: the command line is where a clerk starts.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind: ContextKind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let said = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::FAILURE
            } else {
                ExitCode::SUCCESS
            };
        }
        ErrorKind::InvalidSubcommand => format!(
            "不认识的命令「{}」；可用的命令：build、check、serve、new、import、deploy{}",
            context(ContextKind::InvalidSubcommand),
            suggestion(&context(ContextKind::SuggestedSubcommand))
        ),
        ErrorKind::UnknownArgument => format!(
            "不认识的选项「{}」{}",
            context(ContextKind::InvalidArg),
            suggestion(&context(ContextKind::SuggestedArg))
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少参数：{}", context(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue => format!(
            "参数「{}」的值「{}」不对；可以是：{}",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue),
            context(ContextKind::ValidValue)
        ),
        _ => "命令行参数不对".to_string(),
    };
    let english = e.render().to_string();
    let english = english.lines().next().unwrap_or("").trim_start_matches("error: ");
    report::fatal(&format!("{said} / {english}\n用 gongshi --help 查看用法 / see gongshi --help"));
    ExitCode::from(2)
}

fn suggestion(what: &str) -> String {
    if what.is_empty() { String::new() } else { format!("；您是不是想写 {what}？") }
}

impl SiteArgs {
    /// The site folder: the one given, else `content/`, else the current folder when it holds
    /// a site.yaml (a clerk who runs `gongshi build` inside the site means this site).
    fn folder(&self) -> PathBuf {
        let here = std::path::Path::new(".");
        let default = self.site.as_os_str() == "content";
        if default && !self.site.is_dir() && (here.join("site.yaml").is_file() || here.join("site.yml").is_file()) {
            return here.to_path_buf();
        }
        self.site.clone()
    }

    /// Pipeline options from the arguments and the environment (`SOURCE_DATE_EPOCH`).
    fn options(&self) -> Result<crate::Options, String> {
        let encoding = match &self.encoding {
            None => None,
            Some(name) => Some(
                crate::load::decode::encoding_by_name(name)
                    .ok_or_else(|| format!("不认识的编码「{name}」；可用 gbk、gb18030、big5 / unknown encoding"))?,
            ),
        };
        Ok(crate::Options {
            deny_warnings: self.deny_warnings,
            load: crate::load::LoadOptions { encoding, overlay: None },
            model: crate::model::BuildOptions { drafts: self.drafts, today: today()?, base_url: self.base_url.clone() },
        })
    }
}

/// Today in China, or the date of `SOURCE_DATE_EPOCH` (the reproducible-builds convention).
fn today() -> Result<crate::model::date::Date, String> {
    use crate::model::date::china_date;
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => epoch_date(&value).map(china_date),
        Err(_) => {
            let now =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
            Ok(china_date(now))
        }
    }
}

/// The seconds of a `SOURCE_DATE_EPOCH` value, refused unless they fall between 2000 and 2100:
/// a wrong date (milliseconds give the year −9999) would leave every document unpublished
/// and replace a good site with an empty one.
fn epoch_date(value: &str) -> Result<i64, String> {
    const Y2000: i64 = 946_684_800;
    const Y2100: i64 = 4_102_444_800;
    let seconds: i64 = value
        .trim()
        .parse()
        .map_err(|_| format!("SOURCE_DATE_EPOCH「{value}」应是 Unix 时间戳（秒） / must be Unix seconds"))?;
    if (Y2000..Y2100).contains(&seconds) {
        Ok(seconds)
    } else if (Y2000 * 1000..Y2100 * 1000).contains(&seconds) {
        Err(format!(
            "SOURCE_DATE_EPOCH「{value}」看起来是毫秒；请用秒（去掉末尾三位数字） / looks like milliseconds: use seconds"
        ))
    } else {
        Err(format!(
            "SOURCE_DATE_EPOCH「{value}」不在 2000 年到 2100 年之间；它决定哪些文件已经发布，请检查 / must fall between 2000 and 2100"
        ))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn refuses_build_dates_that_would_empty_the_site() {
        assert_eq!(super::epoch_date("1503460800"), Ok(1_503_460_800));
        assert!(super::epoch_date("1503460800000").unwrap_err().contains("毫秒"));
        assert!(super::epoch_date("0").unwrap_err().contains("2000"));
        assert!(super::epoch_date("-5").is_err() && super::epoch_date("1e9").is_err());
    }
}

//! `gongshi deploy`: send the built output to a target named in site.yaml `deploy:`.

use super::{SiteArgs, report};
use crate::deploy::{self, Options};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct DeployArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 构建好的输出文件夹（默认 public）/ the built output folder
    #[arg(short, long, default_value = "public", value_name = "输出文件夹")]
    output: PathBuf,
    /// 发布目标的名称（默认第一个）/ the target's name (default: the first)
    #[arg(long, value_name = "名称")]
    target: Option<String>,
    /// 只列出要上传和删除的文件，什么都不做 / print the plan only
    #[arg(long)]
    dry_run: bool,
    /// 一次最多删除多少个文件，超过要加 --confirm（默认 100，或 site.yaml 的 最多删除）/ deletes allowed without --confirm
    #[arg(long, value_name = "N")]
    max_deletes: Option<usize>,
    /// 确认删除超过 --max-deletes 的文件 / allow more deletes
    #[arg(long)]
    confirm: bool,
}

pub fn run(args: &DeployArgs) -> Result<(), ()> {
    let options = args.site.options().map_err(|e| report::fatal(&e))?;
    let folder = args.site.folder();
    let mut diags = Diagnostics::default();
    let (sources, raw) = crate::load::site_config(&folder, &options.load, &mut diags);
    let config = raw.and_then(|raw| crate::model::site::read(&raw, None, &mut diags));
    // Only errors stop a deploy: the warnings belong to `check`.
    let mut errors = Diagnostics::default();
    errors.extend(diags.iter().filter(|d| d.severity == crate::diagnostics::Severity::Error).cloned());
    if errors.has_errors() {
        report::diagnostics(&sources, &errors);
        report::failed(&errors, 0);
        return Err(());
    }
    let Some(config) = config else { return Err(()) };
    let targets = &config.deploy.targets;
    let target = match &args.target {
        Some(name) => targets.iter().find(|t| &t.name == name),
        None => targets.first(),
    };
    let Some(target) = target else {
        let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
        let detail = match (&args.target, names.is_empty()) {
            (_, true) => "site.yaml 里没有 发布（deploy）设置".to_string(),
            (Some(name), false) => format!("没有名为「{name}」的发布目标；有：{}", names.join("、")),
            (None, false) => unreachable!(),
        };
        report::one(&Diagnostic::error(Code::DeployTargetUnknown, Location::Path("site.yaml".into())).detail(detail));
        return Err(());
    };
    let options = Options {
        dry_run: args.dry_run,
        max_deletes: args.max_deletes.unwrap_or(config.deploy.max_deletes),
        confirm: args.confirm,
    };
    // On a terminal a spinner shows the wave being uploaded; CI logs get the summary only.
    let progress = super::progress::Progress::start("发布中");
    let mut log = |line: &str| progress.say(line.to_string());
    let outcome = deploy::deploy(&args.output, target, &options, &mut log);
    progress.finish();
    let outcome = match outcome {
        Ok(o) => o,
        Err(d) => {
            report::one(&d);
            return Err(());
        }
    };
    let p = &outcome.plan;
    if args.dry_run {
        println!(
            "计划（--dry-run，什么都没有做）：上传 {} 个文件（{} 字节），删除 {} 个，{} 个未变 / plan: {} to upload, {} to delete",
            p.uploads.len(),
            p.upload_bytes(),
            p.deletes.len(),
            p.unchanged,
            p.uploads.len(),
            p.deletes.len()
        );
        for u in &p.uploads {
            println!("  上传 {}  {} 字节", u.path, u.entry.size);
        }
        for d in &p.deletes {
            println!("  删除 {d}");
        }
        return Ok(());
    }
    match &outcome.failure {
        None => {
            println!(
                "完成：发布到「{}」，上传 {} 个文件，删除 {} 个，{} 个未变 / deployed: {} uploaded, {} deleted",
                target.name,
                outcome.uploaded_total(),
                outcome.deleted,
                p.unchanged,
                outcome.uploaded_total(),
                outcome.deleted
            );
            Ok(())
        }
        Some(why) => {
            report::one(&Diagnostic::error(Code::DeployFailed, Location::None).detail(format!(
                "发布到「{}」中途停止：{why}\n{}网站上每个已上传的页面都有它需要的文件；没上传的页面仍是上一次的版本。",
                target.name,
                outcome.account()
            )));
            Err(())
        }
    }
}

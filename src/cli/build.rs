//! `gongshi build`: check, render and publish the site.

use super::{SiteArgs, progress::Progress, report};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long `build` waits, after reporting, for the old output to be deleted in the background;
/// what is left then is deleted by the next build.
const SWEEP_BUDGET: Duration = Duration::from_millis(250);

#[derive(clap::Args, Debug)]
pub struct BuildArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 输出文件夹（默认 public）/ output folder
    #[arg(short, long, default_value = "public", value_name = "输出文件夹")]
    output: PathBuf,
}

pub fn run(args: &BuildArgs) -> Result<(), ()> {
    let started = Instant::now();
    let options = args.site.options().map_err(|e| report::fatal(&e))?;
    let out = crate::publish::target(&args.output);
    // Refuse a folder we may not replace before doing any work.
    if let Err(d) = crate::publish::check_target(&out, &args.site.folder()) {
        report::one(&d);
        return Err(());
    }
    let progress = Progress::start("正在生成网站… / building");
    let built = crate::build(&args.site.folder(), &options);
    progress.set("正在写入… / writing");
    let published = built
        .output
        .as_ref()
        .map(|output| crate::timings::time("publish", || crate::publish::publish(output, &out, &args.site.folder())));
    progress.finish();
    report::diagnostics(&built.sources, &built.diagnostics);
    match (published, &built.output) {
        (Some(Ok(sweep)), Some(output)) => {
            report::built(output.page_count(), output.files.len(), started.elapsed(), &args.output);
            sweep.finish(SWEEP_BUDGET);
            Ok(())
        }
        (Some(Err(d)), _) => {
            report::one(&d);
            report::failed(&built.diagnostics, 1);
            Err(())
        }
        _ => {
            report::failed(&built.diagnostics, 0);
            Err(())
        }
    }
}

//! `gongshi serve`: preview the site while editing it (see `crate::serve`).

use super::{SiteArgs, report};
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// 端口（默认 4040）/ port
    #[arg(long, default_value_t = 4040, value_name = "端口")]
    port: u16,
    /// 启动后在浏览器里打开 / open the preview in a browser
    #[arg(long)]
    open: bool,
}

pub fn run(args: &ServeArgs) -> Result<(), ()> {
    let options = args.site.options().map_err(|e| report::fatal(&e))?;
    let open = args.open;
    let ready = move |url: &str| {
        let _ = writeln!(
            std::io::stdout(),
            "预览地址：{url}（保存文件后页面会自动刷新；按 Ctrl+C 停止）/ previewing at {url}"
        );
        if open {
            open_browser(url);
        }
    };
    let built = |b: &crate::serve::PreviewBuilt| {
        report::diagnostics(&b.sources, &b.diagnostics);
        match &b.output {
            Some(output) => report::previewed(output.page_count(), &b.diagnostics),
            None => report::preview_failed(&b.diagnostics),
        }
    };
    let say = |text: &str| {
        let _ = writeln!(std::io::stdout(), "{text}");
    };
    crate::serve::run(&args.site.folder(), options, args.port, ready, built, say).map_err(|e| report::fatal(&e))
}

/// Opens `url` with the desktop's own browser; a machine without one just keeps serving.
fn open_browser(url: &str) {
    let command = if cfg!(target_os = "windows") {
        std::process::Command::new("cmd").args(["/C", "start", "", url]).spawn()
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open").arg(url).spawn()
    } else {
        std::process::Command::new("xdg-open").arg(url).spawn()
    };
    let _ = command;
}

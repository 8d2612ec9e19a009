//! `gongshi serve`: the preview for the people who publish. Builds the site, serves it on
//! 127.0.0.1 from memory (never touching public/), watches the site folder, builds again on
//! every saved change and reloads open pages. A failed build keeps the last good pages and
//! shows what to fix over them; fixing it brings the pages back by themselves.
//!
//! The HTTP side is axum on tokio ([`http`]); file events come from notify's debouncer
//! ([`watch`]); the panel and reload script are [`overlay`]. Builds run one at a time on their
//! own thread with one [`crate::Builder`], which keeps the compiled theme between builds.

pub mod http;
pub mod overlay;
pub mod watch;

use crate::render::on_demand::OnDemand;
use crate::{Builder, Built, Options};
use http::{App, Preview};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;
use watch::ChangeKind;

/// The result of one preview build.
pub type PreviewBuilt = Built<Arc<OnDemand>>;

/// Builds once into `preview`; tells open pages to reload; hands the result to `report`.
fn rebuild(
    builder: &mut Builder,
    site: &Path,
    options: &Options,
    modified: Option<&[String]>,
    app: &App,
    n: u64,
    report: &dyn Fn(&PreviewBuilt),
) {
    let built = builder.preview(site, options, modified);
    let built = PreviewBuilt {
        output: built.output.map(Arc::new),
        sources: built.sources,
        diagnostics: built.diagnostics,
        base_path: built.base_path,
    };
    let replaced = {
        let mut preview = app.preview.write().unwrap_or_else(|e| e.into_inner());
        if let Some(base) = &built.base_path {
            preview.base = base.clone();
        }
        match &built.output {
            Some(_) => preview.panel = None,
            None => preview.panel = Some(overlay::failure(&built.sources, &built.diagnostics)),
        }
        built.output.clone().and_then(|output| preview.output.replace(output))
    };
    let _ = app.reloads.send(n);
    // What the build found is printed once its pages are served: not while pages wait.
    report(&built);
    // Freeing the old site takes tens of milliseconds on a large one: not while pages wait.
    drop(replaced);
}

/// The site folder's identity (device and inode on Unix), or `None` while it is not there. A
/// watcher follows the folder it was given, not its name: a folder moved away and put back (or
/// deleted and made again) is a new one, which must be watched anew.
fn identity(site: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(site).ok().filter(std::fs::Metadata::is_dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        Some((0, 0))
    }
}

/// The site folder went away: the last good pages stay up, with a panel that says so.
fn folder_gone(site: &Path, app: &App, n: u64, report: &dyn Fn(&PreviewBuilt)) {
    let mut diagnostics = crate::diagnostics::Diagnostics::default();
    diagnostics.push(
        crate::diagnostics::Diagnostic::error(
            crate::diagnostics::Code::SiteFolderGone,
            crate::diagnostics::Location::None,
        )
        .detail(format!(
            "预览的网站文件夹不见了：{}（被移动、改名或删除）；页面保持最后一次成功的版本，文件夹回来后自动恢复",
            site.display()
        )),
    );
    let built = PreviewBuilt { sources: Default::default(), diagnostics, output: None, base_path: None };
    report(&built);
    {
        let mut preview = app.preview.write().unwrap_or_else(|e| e.into_inner());
        preview.panel = Some(overlay::failure(&built.sources, &built.diagnostics));
    }
    let _ = app.reloads.send(n);
}

/// Runs the preview until the process is stopped. `ready` gets the address once it listens;
/// `report` gets every build's result (the command prints it); `say` gets notices about the
/// site folder.
pub fn run(
    site: &Path,
    options: Options,
    port: u16,
    ready: impl FnOnce(&str),
    report: impl Fn(&PreviewBuilt) + Send + 'static,
    say: impl Fn(&str) + Send + 'static,
) -> Result<(), String> {
    let site: PathBuf = site.to_path_buf();
    let (reloads, _) = broadcast::channel(16);
    let app = App { preview: Arc::new(RwLock::new(Preview { base: "/".into(), ..Preview::default() })), reloads };
    let mut builder = Builder::default();
    rebuild(&mut builder, &site, &options, None, &app, 0, &report);
    let (watcher, changes) = watch::watch(&site)?;
    let worker = app.clone();
    std::thread::spawn(move || {
        let mut watching = Some((watcher, changes));
        let mut seen = identity(&site);
        let mut n = 0;
        loop {
            // The folder itself is looked at twice a second: no watcher reports its return.
            let batch = match &watching {
                Some((_, changes)) => match changes.recv_timeout(std::time::Duration::from_millis(500)) {
                    Ok(mut batch) => {
                        // Changes that came while building are one more build, not one each.
                        while let Ok(more) = changes.try_recv() {
                            batch = batch.merge(more);
                        }
                        Some(batch)
                    }
                    Err(_) => None,
                },
                None => {
                    std::thread::sleep(std::time::Duration::from_millis(500));
                    None
                }
            };
            let now = identity(&site);
            if now != seen {
                seen = now;
                n += 1;
                watching = None;
                if now.is_none() {
                    folder_gone(&site, &worker, n, &report);
                    continue;
                }
                match watch::watch(&site) {
                    Ok(w) => watching = Some(w),
                    Err(e) => say(&e),
                }
                say(&format!("网站文件夹回来了：{}，重新构建预览 / the site folder is back", site.display()));
                builder.theme_changed();
                rebuild(&mut builder, &site, &options, None, &worker, n, &report);
                continue;
            }
            let Some(batch) = batch else { continue };
            if now.is_none() {
                continue;
            }
            if batch.kind == ChangeKind::Theme {
                builder.theme_changed();
            }
            n += 1;
            rebuild(&mut builder, &site, &options, batch.modified.as_deref(), &worker, n, &report);
        }
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("无法启动预览服务：{e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| {
            format!("无法使用端口 {port}（{e}）；请换一个，如 --port {} / port in use", port.wrapping_add(1))
        })?;
        let bound = listener.local_addr().map_err(|e| e.to_string())?;
        let base = app.preview.read().map(|p| p.base.clone()).unwrap_or_else(|_| "/".into());
        ready(&format!("http://{bound}{base}"));
        axum::serve(listener, http::router(app)).await.map_err(|e| format!("预览服务出错：{e}"))
    })
}

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
pub type PreviewBuilt = Built<OnDemand>;

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
    report(&built);
    let replaced = {
        let mut preview = app.preview.write().unwrap_or_else(|e| e.into_inner());
        if let Some(base) = &built.base_path {
            preview.base = base.clone();
        }
        match &built.output {
            Some(_) => preview.panel = None,
            None => preview.panel = Some(overlay::failure(&built.sources, &built.diagnostics)),
        }
        built.output.and_then(|output| preview.output.replace(std::sync::Arc::new(output)))
    };
    let _ = app.reloads.send(n);
    // Freeing the old site takes tens of milliseconds on a large one: not while pages wait.
    drop(replaced);
}

/// Runs the preview until the process is stopped. `ready` gets the address once it listens;
/// `report` gets every build's result (the command prints it).
pub fn run(
    site: &Path,
    options: Options,
    port: u16,
    ready: impl FnOnce(&str),
    report: impl Fn(&PreviewBuilt) + Send + 'static,
) -> Result<(), String> {
    let site: PathBuf = site.to_path_buf();
    let (reloads, _) = broadcast::channel(16);
    let app = App { preview: Arc::new(RwLock::new(Preview { base: "/".into(), ..Preview::default() })), reloads };
    let mut builder = Builder::default();
    rebuild(&mut builder, &site, &options, None, &app, 0, &report);
    let (watcher, changes) = watch::watch(&site)?;
    let worker = app.clone();
    std::thread::spawn(move || {
        let _watching = watcher;
        let mut n = 0;
        while let Ok(mut batch) = changes.recv() {
            // Changes that came while building are one more build, not one each.
            while let Ok(more) = changes.try_recv() {
                batch = batch.merge(more);
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

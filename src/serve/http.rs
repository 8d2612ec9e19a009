//! The preview's HTTP side: pages and files of the last good build from memory, under the
//! path the site is published at (so links work as they will online), and a stream of
//! server-sent events that tells open pages to reload.

use super::overlay;
use crate::render::OutputFile;
use crate::render::on_demand::OnDemand;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;
use tokio_stream::{Stream, StreamExt, wrappers::BroadcastStream};

/// What the preview shows: the last good build, and the failure panel while the newest build
/// failed.
#[derive(Default)]
pub struct Preview {
    /// Renders each page as it is asked for.
    pub output: Option<Arc<OnDemand>>,
    /// The path the site lives under, `/` or `/junheng/`.
    pub base: String,
    pub panel: Option<String>,
}

#[derive(Clone)]
pub struct App {
    pub preview: Arc<RwLock<Preview>>,
    /// Sends the number of each finished build.
    pub reloads: broadcast::Sender<u64>,
}

pub fn router(app: App) -> axum::Router {
    axum::Router::new()
        .route(overlay::EVENTS, axum::routing::get(events))
        .fallback(axum::routing::get(file))
        .with_state(app)
}

async fn events(State(app): State<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = BroadcastStream::new(app.reloads.subscribe())
        .filter_map(|n| n.ok().map(|n| Ok(Event::default().data(n.to_string()))));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn bytes(file: &OutputFile) -> Vec<u8> {
    match file {
        OutputFile::Bytes(b) => b.clone(),
        OutputFile::Embedded(b) => b.to_vec(),
        OutputFile::Copy(path) => std::fs::read(path).unwrap_or_default(),
    }
}

fn html(status: StatusCode, page: &str, panel: Option<&str>) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], overlay::inject(page, panel)).into_response()
}

async fn file(State(app): State<App>, uri: Uri) -> Response {
    let path = percent_encoding::percent_decode_str(uri.path()).decode_utf8_lossy().into_owned();
    let (base, panel, output) = {
        let preview = app.preview.read().unwrap_or_else(|e| e.into_inner());
        (preview.base.clone(), preview.panel.clone(), preview.output.clone())
    };
    let Some(rel) = path.strip_prefix(&base) else {
        return if format!("{path}/") == base || path == "/" {
            Redirect::temporary(&base).into_response()
        } else {
            (StatusCode::NOT_FOUND, format!("预览在 {base} 下 / the preview is under {base}")).into_response()
        };
    };
    let panel = panel.as_deref();
    let Some(output) = output else {
        let page =
            "<!DOCTYPE html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>构建失败</title><body></body></html>";
        return html(StatusCode::SERVICE_UNAVAILABLE, page, panel);
    };
    let key = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
    // Rendering a page takes milliseconds; it runs off the async workers all the same.
    let rel = rel.to_string();
    let found = tokio::task::spawn_blocking(move || {
        let found = output.get(&key);
        let is_dir = found.is_none() && output.contains(&format!("{rel}/index.html"));
        let not_found = if found.is_none() && !is_dir { output.get("404.html") } else { None };
        (key, found, is_dir, not_found)
    })
    .await;
    let Ok((key, found, is_dir, not_found)) = found else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "预览出错 / preview failed").into_response();
    };
    match found {
        Some(Err(failure)) => {
            let panel = overlay::page_failure(&failure);
            html(StatusCode::INTERNAL_SERVER_ERROR, "", Some(&panel))
        }
        Some(Ok(f)) if key.ends_with(".html") => html(StatusCode::OK, &String::from_utf8_lossy(&bytes(&f)), panel),
        Some(Ok(f)) => ([(header::CONTENT_TYPE, content_type(&key))], bytes(&f)).into_response(),
        None if is_dir => Redirect::permanent(&format!("{path}/")).into_response(),
        None => {
            let page = match not_found {
                Some(Ok(f)) => String::from_utf8_lossy(&bytes(&f)).into_owned(),
                _ => String::new(),
            };
            html(StatusCode::NOT_FOUND, &page, panel)
        }
    }
}

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
        .layer(axum::middleware::from_fn(loopback_only))
        .with_state(app)
}

/// Whether a request's `Host` names this machine: `localhost`, `127.x.x.x` or `[::1]`, with any
/// port. A web page the clerk visits can point a name of its own at 127.0.0.1 (DNS rebinding)
/// and so reach the preview, drafts and the error panel included; its requests carry that name.
pub fn loopback_host(host: Option<&str>) -> bool {
    let Some(host) = host else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((addr, rest)) if rest.is_empty() || rest.starts_with(':') => return addr == "::1",
            _ => return false,
        },
        None => host.rsplit_once(':').map_or(host, |(name, port)| if port.parse::<u16>().is_ok() { name } else { "" }),
    };
    let name = name.to_ascii_lowercase();
    name == "localhost" || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

async fn loopback_only(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let host = request.headers().get(header::HOST).and_then(|h| h.to_str().ok()).map(str::to_owned);
    if loopback_host(host.as_deref()) {
        return next.run(request).await;
    }
    let shown: String = host.unwrap_or_default().chars().filter(|c| !c.is_control()).take(100).collect();
    let text = format!(
        "预览只接受本机地址（localhost、127.0.0.1）的访问，这个请求的主机名是「{shown}」：请用 gongshi serve 打印的地址打开。\
         / The preview answers only to localhost; open the address gongshi serve printed."
    );
    (StatusCode::MISDIRECTED_REQUEST, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
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

/// A file as the answer to a download. An attachment is read from the site folder in small
/// pieces as the browser takes them: reading it whole for every request held four copies of a
/// 400 MB file at once.
fn download(file: &OutputFile, key: &str) -> Response {
    let path = match file {
        OutputFile::Copy(path) => path.clone(),
        other => return ([(header::CONTENT_TYPE, content_type(key))], bytes(other)).into_response(),
    };
    let opened = std::fs::File::open(&path).and_then(|f| f.metadata().map(|m| (f, m.len())));
    let Ok((mut source, len)) = opened else {
        let text = format!(
            "这个文件已不在网站文件夹里：{key}（被移动、改名或删除）；放回去，或重新保存一次文档让预览更新。\
             / The file is no longer in the site folder."
        );
        return (StatusCode::NOT_FOUND, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response();
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<axum::body::Bytes>>(4);
    tokio::task::spawn_blocking(move || {
        use std::io::Read;
        let mut buf = vec![0; 64 << 10];
        loop {
            let piece = match source.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => Ok(axum::body::Bytes::copy_from_slice(&buf[..n])),
                Err(e) => Err(e),
            };
            let failed = piece.is_err();
            // A closed channel means the browser went away.
            if tx.blocking_send(piece).is_err() || failed {
                return;
            }
        }
    });
    let body = axum::body::Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx));
    ([(header::CONTENT_TYPE, content_type(key).to_string()), (header::CONTENT_LENGTH, len.to_string())], body)
        .into_response()
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
    // The base path is kept as the URL has it (`/%E6%95%99/`); the request path is compared
    // decoded, so both are.
    let base = percent_encoding::percent_decode_str(&base).decode_utf8_lossy().into_owned();
    let Some(rel) = path.strip_prefix(&base) else {
        return if format!("{path}/") == base || path == "/" {
            let encoded = app.preview.read().map(|p| p.base.clone()).unwrap_or_else(|_| "/".into());
            Redirect::temporary(&encoded).into_response()
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
        Some(Ok(f)) => download(&f, &key),
        // The path as the browser sent it: a decoded one may not be a valid header value.
        None if is_dir => Redirect::permanent(&format!("{}/", uri.path())).into_response(),
        None => {
            let page = match not_found {
                Some(Ok(f)) => String::from_utf8_lossy(&bytes(&f)).into_owned(),
                _ => String::new(),
            };
            html(StatusCode::NOT_FOUND, &page, panel)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn only_loopback_host_names_are_loopback() {
        for host in ["localhost", "localhost:4040", "LOCALHOST:1", "127.0.0.1:4040", "127.1.2.3", "[::1]:4040", "[::1]"]
        {
            assert!(loopback_host(Some(host)), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:4040",
            "localhost.evil.example",
            "127.0.0.1.evil.example",
            "10.0.0.1:4040",
            "[::2]:1",
            "",
            "localhost:x",
        ] {
            assert!(!loopback_host(Some(host)), "{host}");
        }
        assert!(!loopback_host(None));
    }

    /// Issue 20: the preview answered any Host header, so a page that rebinds its own name to
    /// 127.0.0.1 could read it (drafts and the error panel too).
    #[test]
    fn a_rebound_host_name_is_refused_and_localhost_answered() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0")).unwrap();
        let addr = listener.local_addr().unwrap();
        let app = App {
            preview: Arc::new(RwLock::new(Preview { base: "/".into(), ..Preview::default() })),
            reloads: broadcast::channel(1).0,
        };
        std::thread::spawn(move || runtime.block_on(async { axum::serve(listener, router(app)).await }));
        let ask = |host: &str| {
            let mut stream = std::net::TcpStream::connect(addr).unwrap();
            write!(stream, "GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).unwrap();
            answer
        };
        let refused = ask(&format!("evil.example:{}", addr.port()));
        assert!(refused.starts_with("HTTP/1.1 421"), "{refused}");
        assert!(
            refused.contains("预览只接受本机地址（localhost、127.0.0.1）的访问，这个请求的主机名是「evil.example:"),
            "{refused}"
        );
        // No build yet: the preview answers, with its failure page.
        assert!(ask(&format!("localhost:{}", addr.port())).starts_with("HTTP/1.1 503"));
        assert!(ask(&addr.to_string()).starts_with("HTTP/1.1 503"));
    }
}

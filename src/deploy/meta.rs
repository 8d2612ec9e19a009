//! What each object is served with: Content-Type (with a charset for text) and Cache-Control
//! (the rule of [`crate::render::assets`]: a year for content-named files, five minutes for the
//! rest). No Content-Encoding: files are sent as they are, which every target serves correctly.

/// The Content-Type of an output path, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e).to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "pdf" => "application/pdf",
        "ofd" => "application/ofd",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "wps" => "application/vnd.ms-works",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "zip" => "application/zip",
        "rar" => "application/vnd.rar",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "mp4" => "video/mp4",
        "mp3" => "audio/mpeg",
        _ if path.ends_with("_headers") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The Cache-Control of an output path.
pub fn cache_control(path: &str) -> &'static str {
    crate::render::assets::cache_control(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_types_carry_a_charset_and_office_files_their_own_type() {
        for p in ["a/index.html", "s.css", "x.js", "d.json", "feed.xml", "c.svg", "t.csv", "r.txt"] {
            assert!(content_type(p).ends_with("; charset=utf-8"), "{p}");
        }
        assert_eq!(content_type("files/表.XLSX"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assert_eq!(content_type("files/a.pdf"), "application/pdf");
        assert_eq!(cache_control("static/style.0123456789.css"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("index.html"), "public, max-age=300");
    }
}

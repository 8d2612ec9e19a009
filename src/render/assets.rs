//! Names by content: the theme's CSS, JS and fonts, and the search fragments, are published under a
//! name carrying a hash of their bytes (`static/style.3f9a1c0b2d.css`), so a CDN or browser may
//! keep them for a year: new bytes get a new name, and a page always names the bytes it was
//! built with. An unchanged file keeps its name from build to build.
//!
//! Everything else (pages, feeds, sitemaps, charts, attachments, images) keeps its name, since it
//! is linked from outside, and gets a short cache. [`cache_control`] is the one rule that the
//! `_headers` file ([`headers`]) and `deploy` both follow.

use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// Hex digits of the hash in a name: 40 bits, so ten thousand search fragments in one folder
/// meet a collision about once in twenty thousand sites.
pub const HASH_LEN: usize = 10;

/// Cache-Control of a file named by its content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache-Control of everything else: a correction to a page or a 公示 reaches readers within
/// five minutes.
pub const SHORT: &str = "public, max-age=300";

/// The hex SHA-256 of `bytes` (the deploy manifest keeps it whole).
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for b in digest {
        hex.push_str(&format!("{b:02x}"));
    }
    hex
}

/// The short hash that goes into a name.
pub fn short_hash(bytes: &[u8]) -> String {
    let mut hex = sha256_hex(bytes);
    hex.truncate(HASH_LEN);
    hex
}

/// Whether a static file is named by its content: the ones pages load (styles, scripts, fonts).
/// Images keep their names, as Markdown and other sites may link to them.
pub fn is_hashable(name: &str) -> bool {
    let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
    matches!(ext, "css" | "js" | "mjs" | "woff" | "woff2" | "ttf" | "otf")
}

/// `style.css` → `style.3f9a1c0b2d.css`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = short_hash(bytes);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() && !stem.ends_with('/') => format!("{stem}.{hash}.{ext}"),
        _ => format!("{name}.{hash}"),
    }
}

/// Whether an output path (`static/style.3f9a1c0b2d.css`, `search/f/….json`) is named by its
/// content, so may be cached for good.
pub fn is_content_named(path: &str) -> bool {
    if path.starts_with("search/") {
        // Fragments only: shards, folding tables and the school list keep their names (fetched
        // with `?v=GEN`, see render::search), and the search page is a page.
        return path.starts_with("search/f/");
    }
    let Some(name) = path.strip_prefix("static/") else { return false };
    let mut parts = name.rsplit('.');
    let (Some(ext), Some(hash)) = (parts.next(), parts.next()) else { return false };
    is_hashable(&format!("x.{ext}"))
        && parts.next().is_some()
        && hash.len() == HASH_LEN
        && hash.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The Cache-Control an output file is served with.
pub fn cache_control(path: &str) -> &'static str {
    if is_content_named(path) { IMMUTABLE } else { SHORT }
}

/// The `_headers` file that Netlify and Cloudflare Pages read: the content-named files may be
/// kept for good, everything else for five minutes. Rules are by folder where a folder holds no
/// content-named file, else file by file, so that no path matches two rules (both hosts join
/// the values of two matching rules into one header).
pub fn headers<'a>(paths: impl Iterator<Item = &'a str>) -> Vec<u8> {
    let mut rules: BTreeMap<String, &'static str> = BTreeMap::new();
    for path in paths {
        let (top, rest) = path.split_once('/').unwrap_or(("", path));
        match (top, rest.split_once('/')) {
            // search/f/ (named by content), search/s/ and search/fold/ (named by number): one
            // rule for the folder.
            ("search", Some((sub, _))) => {
                rules.insert(format!("/search/{sub}/*"), cache_control(path));
            }
            ("search" | "static" | "", _) => {
                if let Some(dir) = path.strip_suffix("index.html") {
                    rules.insert(format!("/{dir}"), SHORT);
                }
                rules.insert(format!("/{path}"), cache_control(path));
            }
            _ => {
                rules.insert(format!("/{top}/*"), SHORT);
            }
        }
    }
    let mut text = String::from(
        "# gongshi：名字里带内容散列的文件（static/*.散列.css、search/f/）内容永远不变，可缓存一年；\n\
         # 网页、订阅、站点地图、图表、附件和搜索索引分片的名字不变、内容会变，只缓存 5 分钟。\n\
         # Netlify / Cloudflare Pages read this file; see docs/deploy.md for nginx and object storage.\n",
    );
    for (rule, value) in rules {
        text.push_str(&format!("{rule}\n  Cache-Control: {value}\n"));
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_styles_and_scripts_by_their_bytes() {
        let name = hashed_name("style.css", b"body{}");
        assert!(name.starts_with("style.") && name.ends_with(".css") && name.len() == "style..css".len() + HASH_LEN);
        assert_eq!(name, hashed_name("style.css", b"body{}"));
        assert_ne!(name, hashed_name("style.css", b"body{ }"));
        assert!(is_content_named(&format!("static/{name}")));
        assert!(!is_content_named("static/style.css"));
        assert!(!is_content_named("static/favicon.svg"));
        assert!(!is_content_named("charts/a.svg"));
        assert!(is_content_named("search/f/0123456789.json"));
        assert!(!is_content_named("search/index.html"));
        // Named by number, fetched with ?v=GEN: a short cache, like pages.
        assert!(!is_content_named("search/s/12.txt"));
        assert!(!is_content_named("search/fold/13.txt"));
        assert!(!is_content_named("search/schools.json"));
        assert!(!is_hashable("favicon.svg"));
    }

    #[test]
    fn headers_never_match_a_path_twice() {
        let text = String::from_utf8(headers(
            [
                "index.html",
                "sitemap.xml",
                "static/style.0123456789.css",
                "static/favicon.svg",
                "policies/a/index.html",
                "search/index.html",
                "search/f/0123456789.json",
                "search/s/0.txt",
                "search/schools.json",
            ]
            .into_iter(),
        ))
        .unwrap();
        assert!(text.contains("/static/style.0123456789.css\n  Cache-Control: public, max-age=31536000, immutable"));
        assert!(text.contains("/static/favicon.svg\n  Cache-Control: public, max-age=300"));
        assert!(text.contains("/policies/*\n  Cache-Control: public, max-age=300"));
        assert!(text.contains("/\n  Cache-Control: public, max-age=300"));
        assert!(text.contains("/search/\n  Cache-Control: public, max-age=300"));
        assert!(text.contains("/search/f/*\n  Cache-Control: public, max-age=31536000, immutable"));
        assert!(text.contains("/search/s/*\n  Cache-Control: public, max-age=300"));
        assert!(text.contains("/search/schools.json\n  Cache-Control: public, max-age=300"));
        assert!(!text.lines().any(|l| l == "/*" || l == "/search/*"), "{text}");
    }
}

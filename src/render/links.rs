//! Site paths → URLs. Pages link to each other by relative URLs (`../../policies/a/`), so the
//! output works under any sub-path a portal gives it and from any static server; only feeds,
//! the sitemap, canonical links and the 404 page (served at any depth) use `base_url`.

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// Characters that cannot stand in a URL path segment as they are.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// Percent-encodes each segment of a site path (`policies/关于/` → `policies/%E5%85%B3%E4%BA%8E/`).
pub fn encode_path(path: &str) -> String {
    path.split('/').map(|seg| utf8_percent_encode(seg, SEGMENT).to_string()).collect::<Vec<_>>().join("/")
}

/// The relative path from the page at `page` (a site path ending in `/`, or `` for the home
/// page) back to the site root: `policies/a/` → `../../`, the home page → `./`.
pub fn root_from(page: &str) -> String {
    let depth = page.trim_end_matches('/').split('/').filter(|s| !s.is_empty()).count();
    if depth == 0 { "./".to_string() } else { "../".repeat(depth) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_han_characters_and_keeps_slashes() {
        assert_eq!(encode_path("policies/关于/"), "policies/%E5%85%B3%E4%BA%8E/");
        assert_eq!(encode_path("files/2017/附件 1.pdf"), "files/2017/%E9%99%84%E4%BB%B6%201.pdf");
        assert_eq!(encode_path("policies/a-b_c/"), "policies/a-b_c/");
    }

    #[test]
    fn root_is_relative_to_the_page_depth() {
        assert_eq!(root_from(""), "./");
        assert_eq!(root_from("about/"), "../");
        assert_eq!(root_from("policies/page/2/"), "../../../");
    }
}

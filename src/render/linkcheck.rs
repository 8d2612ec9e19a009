//! Links written in documents that lead nowhere: every link and image of a body that points
//! into the site is looked up in the finished output, and so is its `#anchor`. A broken one is
//! reported at its place in the Markdown (a warning: the site still builds, and `--deny-warnings`
//! stops CI).

use super::body::Bodies;
use super::{Output, OutputFile};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};
use crate::model::Site;
use std::collections::{HashMap, HashSet};

/// The site path a link of the page at `page` (`policies/a/`) leads to, and its anchor.
fn resolve(page: &str, dest: &str) -> (String, Option<String>) {
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let joined = if let Some(rooted) = path.strip_prefix('/') {
        rooted.to_string()
    } else if path.starts_with("files/") {
        path.to_string()
    } else {
        format!("{page}{path}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    (parts.join("/"), anchor)
}

/// The output file a site path stands for, if the site has it.
fn target(output: &Output, path: &str) -> Option<String> {
    let page = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.to_string() };
    let dir = format!("{path}/index.html");
    [page, dir].into_iter().find(|k| output.files.contains_key(k))
}

/// The `id`s of an HTML page.
fn ids(html: &str) -> HashSet<String> {
    html.match_indices(" id=\"")
        .filter_map(|(i, m)| html[i + m.len()..].split('"').next())
        .map(str::to_string)
        .collect()
}

pub fn check(site: &Site, bodies: &Bodies, output: &Output, diags: &mut Diagnostics) {
    let mut anchors: HashMap<String, HashSet<String>> = HashMap::new();
    for d in site.documents.iter() {
        let Some(body) = bodies.get(site, &d.id) else { continue };
        for (dest, at) in &body.links {
            let span = Span::new(d.file, d.body_start + at.start, d.body_start + at.end);
            let (path, anchor) = resolve(d.url.as_str(), dest);
            let Some(file) = target(output, &path) else {
                diags.push(
                    Diagnostic::warning(Code::BrokenLink, span).detail(format!("「{dest}」指向的页面或文件不存在")),
                );
                continue;
            };
            let Some(anchor) = anchor.filter(|a| !a.is_empty()) else { continue };
            let known = anchors.entry(file.clone()).or_insert_with(|| match output.files.get(&file) {
                Some(OutputFile::Bytes(html)) => ids(&String::from_utf8_lossy(html)),
                _ => HashSet::new(),
            });
            let anchor = percent_encoding::percent_decode_str(&anchor).decode_utf8_lossy().into_owned();
            if !known.contains(&anchor) {
                diags.push(
                    Diagnostic::warning(Code::BrokenLink, span)
                        .detail(format!("「{dest}」：页面里没有 #{anchor} 这个位置")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_links_as_the_browser_would() {
        assert_eq!(resolve("policies/a/", "/notices/b/"), ("notices/b/".into(), None));
        assert_eq!(resolve("policies/a/", "files/x.pdf"), ("files/x.pdf".into(), None));
        assert_eq!(resolve("policies/a/", "../b/#二-目标"), ("policies/b/".into(), Some("二-目标".into())));
        assert_eq!(resolve("policies/a/", "#fn-1"), ("policies/a/".into(), Some("fn-1".into())));
        assert_eq!(resolve("about/", "/files/%E9%99%84%E4%BB%B6.pdf"), ("files/附件.pdf".into(), None));
    }
}

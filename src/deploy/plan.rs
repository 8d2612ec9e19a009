//! What one deploy does, worked out before anything is sent: the files to upload, in an order
//! that never leaves a page without what it needs, and the files to delete, last.
//!
//! Order: first everything pages load or link to (content-named styles, scripts and search
//! files, charts, images, attachments, data downloads), then the pages, then what leads to the
//! pages (list and index pages, feeds, the sitemap, robots.txt). Deletes come after every upload
//! succeeded, and only of files the manifest says gongshi put there. A content-named file that
//! left the output is kept one deploy longer (a page cached a minute ago may still ask for it).

use super::manifest::{Entry, Manifest};
use crate::render::assets::is_content_named;
use std::collections::BTreeMap;

/// The three waves of uploads, in the order they are sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Wave {
    /// What pages need: assets, search files, charts, attachments, downloads.
    Assets,
    /// Document, school and other pages.
    Pages,
    /// Lists, the home page, feeds, sitemaps: the ways in to the pages.
    Indexes,
}

impl Wave {
    pub fn of(path: &str) -> Wave {
        let depth = path.matches('/').count();
        let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
        if depth == 0 || ext == "xml" || path.contains("/page/") || (depth == 1 && path.ends_with("/index.html")) {
            Wave::Indexes
        } else if ext == "html" {
            Wave::Pages
        } else {
            Wave::Assets
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Wave::Assets => "资源（样式、脚本、搜索、图表、附件）",
            Wave::Pages => "页面",
            Wave::Indexes => "列表、首页、订阅和站点地图",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Upload {
    pub path: String,
    pub entry: Entry,
    pub wave: Wave,
}

#[derive(Debug, Default)]
pub struct Plan {
    /// Sorted by wave, then path.
    pub uploads: Vec<Upload>,
    /// Files to delete after every upload: gone from the output, or retired a deploy ago.
    pub deletes: Vec<String>,
    /// Content-named files that left the output now: kept until the next deploy.
    pub retire: Vec<String>,
    /// Files already on the target as they are.
    pub unchanged: usize,
}

impl Plan {
    pub fn upload_bytes(&self) -> u64 {
        self.uploads.iter().map(|u| u.entry.size).sum()
    }
}

/// The plan that brings a target holding `old` to `current` (the output: path → entry).
pub fn plan(old: &Manifest, current: &BTreeMap<String, Entry>) -> Plan {
    let mut plan = Plan::default();
    for (path, entry) in current {
        if old.files.get(path) == Some(entry) && !old.pending.contains(path) {
            plan.unchanged += 1;
        } else {
            plan.uploads.push(Upload { path: path.clone(), entry: entry.clone(), wave: Wave::of(path) });
        }
    }
    plan.uploads.sort_by(|a, b| (a.wave, &a.path).cmp(&(b.wave, &b.path)));
    let this_deploy = old.deploys + 1;
    for path in old.files.keys().filter(|p| !current.contains_key(*p)) {
        if is_content_named(path) && !old.pending.contains(path) {
            plan.retire.push(path.clone());
        } else {
            plan.deletes.push(path.clone());
        }
    }
    for path in old.pending.iter().filter(|p| !current.contains_key(*p) && !old.files.contains_key(*p)) {
        plan.deletes.push(path.clone());
    }
    for (path, &since) in &old.retired {
        if since < this_deploy && !current.contains_key(path) {
            plan.deletes.push(path.clone());
        }
    }
    plan.deletes.sort();
    plan.deletes.dedup();
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: &str) -> Entry {
        Entry { hash: hash.into(), size: 1, content_type: "text/plain".into() }
    }

    #[test]
    fn sends_assets_then_pages_then_the_ways_in() {
        assert_eq!(Wave::of("static/style.0123456789.css"), Wave::Assets);
        assert_eq!(Wave::of("files/a.pdf"), Wave::Assets);
        assert_eq!(Wave::of("policies/a/index.html"), Wave::Pages);
        assert_eq!(Wave::of("policies/index.html"), Wave::Indexes);
        assert_eq!(Wave::of("policies/page/2/index.html"), Wave::Indexes);
        assert_eq!(Wave::of("index.html"), Wave::Indexes);
        assert_eq!(Wave::of("feed.xml"), Wave::Indexes);
    }

    #[test]
    fn uploads_only_changes_and_keeps_old_hashed_files_one_deploy() {
        let old_css = "static/style.0123456789.css";
        let new_css = "static/style.abcdefabcd.css";
        let mut old = Manifest::default();
        old.files.insert(old_css.into(), entry("1"));
        old.files.insert("a/index.html".into(), entry("2"));
        old.files.insert("gone/index.html".into(), entry("3"));
        let current: BTreeMap<String, Entry> =
            [(new_css.to_string(), entry("4")), ("a/index.html".to_string(), entry("5"))].into();
        let p = plan(&old, &current);
        assert_eq!(p.uploads.iter().map(|u| u.path.as_str()).collect::<Vec<_>>(), [new_css, "a/index.html"]);
        assert_eq!(p.deletes, ["gone/index.html"]);
        assert_eq!(p.retire, [old_css]);
        old.retired.insert(old_css.into(), 1);
        old.deploys = 1;
        old.files.remove(old_css);
        assert_eq!(plan(&old, &current).deletes, ["gone/index.html", old_css]);
    }
}

//! Site paths: where a page or file sits in the output, relative to the site root.
//!
//! A page's path ends in `/` (`policies/a/`, written out as `policies/a/index.html`); the home
//! page's path is empty; a file's path does not end in `/` (`404.html`, `feed.xml`). A
//! [`SitePath`] can only be built from segments that publishing can write: never empty, never
//! `.` or `..`, never holding `/`, `\` or control characters. Every page path is made here, in
//! the model, so a bad one is reported against the input that produced it.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct SitePath(String);

/// Why a segment cannot be part of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadSegment {
    Empty,
    Dots,
    Forbidden(char),
    /// Longer than [`MAX_SEGMENT`] bytes: file systems refuse names past 255 bytes.
    TooLong(usize),
}

/// The longest segment, in bytes of UTF-8 (85 Han characters take 255).
pub const MAX_SEGMENT: usize = 200;

impl fmt::Display for BadSegment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadSegment::Empty => f.write_str("网址的一段不能为空"),
            BadSegment::Dots => f.write_str("网址的一段不能是 . 或 .."),
            BadSegment::Forbidden(c) => write!(f, "网址里不能有字符「{}」", c.escape_default()),
            BadSegment::TooLong(n) => write!(f, "网址的一段有 {n} 字节，最多 {MAX_SEGMENT} 字节（约 66 个汉字）"),
        }
    }
}

fn check(segment: &str) -> Result<(), BadSegment> {
    match segment {
        "" => Err(BadSegment::Empty),
        "." | ".." => Err(BadSegment::Dots),
        s if s.len() > MAX_SEGMENT => Err(BadSegment::TooLong(s.len())),
        s => match s.chars().find(|&c| c == '/' || c == '\\' || c.is_control()) {
            Some(c) => Err(BadSegment::Forbidden(c)),
            None => Ok(()),
        },
    }
}

impl SitePath {
    /// The home page.
    pub fn root() -> SitePath {
        SitePath(String::new())
    }

    /// A page at these segments: `["policies", "a"]` → `policies/a/`.
    pub fn page(segments: &[&str]) -> Result<SitePath, BadSegment> {
        SitePath::root().join(segments)
    }

    /// A file at the root of the site (`404.html`).
    pub fn file(name: &str) -> Result<SitePath, BadSegment> {
        check(name)?;
        Ok(SitePath(name.to_string()))
    }

    /// A file in this page's folder (`policies/` → `policies/feed.xml`).
    pub fn file_in(&self, name: &str) -> Result<SitePath, BadSegment> {
        check(name)?;
        Ok(SitePath(format!("{}{name}", self.0)))
    }

    /// A page below this one.
    pub fn join(&self, segments: &[&str]) -> Result<SitePath, BadSegment> {
        let mut path = self.0.clone();
        for s in segments {
            check(s)?;
            path.push_str(s);
            path.push('/');
        }
        Ok(SitePath(path))
    }

    /// Page `n` (1-based) of a list whose first page is this one: `policies/page/2/`.
    pub fn nth(&self, n: usize) -> SitePath {
        if n <= 1 { self.clone() } else { SitePath(format!("{}page/{n}/", self.0)) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn is_page(&self) -> bool {
        self.0.is_empty() || self.0.ends_with('/')
    }

    /// The file publishing writes: `policies/a/index.html`, or the path itself for a file.
    pub fn output_file(&self) -> String {
        if self.is_page() { format!("{}index.html", self.0) } else { self.0.clone() }
    }
}

impl fmt::Display for SitePath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_end_in_a_slash_and_write_index_html() {
        let p = SitePath::page(&["policies", "关于"]).unwrap();
        assert_eq!(p.as_str(), "policies/关于/");
        assert_eq!(p.output_file(), "policies/关于/index.html");
        assert_eq!(SitePath::root().output_file(), "index.html");
        assert_eq!(SitePath::file("404.html").unwrap().output_file(), "404.html");
    }

    #[test]
    fn refuses_segments_publishing_could_not_write() {
        assert_eq!(SitePath::page(&["policies", ""]), Err(BadSegment::Empty));
        assert_eq!(SitePath::page(&[".."]), Err(BadSegment::Dots));
        assert_eq!(SitePath::page(&["a/b"]), Err(BadSegment::Forbidden('/')));
        assert_eq!(SitePath::page(&["a\u{0}"]), Err(BadSegment::Forbidden('\u{0}')));
        assert_eq!(SitePath::page(&[&"关".repeat(70)]), Err(BadSegment::TooLong(210)));
    }

    #[test]
    fn later_pages_of_a_list_go_under_page() {
        let p = SitePath::page(&["policies"]).unwrap();
        assert_eq!(p.nth(1), p);
        assert_eq!(p.nth(3).as_str(), "policies/page/3/");
    }
}

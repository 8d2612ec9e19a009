//! The theme a site is rendered with: templates and static files, layered.
//!
//! Bottom to top: the built-in `default` theme (embedded at build time), the theme the site names
//! (`themes/NAME/` in the site folder), then the site's own `templates/` and `static/`. A file in
//! a higher layer replaces the one of the same name below it, one file at a time.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// Where a theme file comes from: embedded bytes or a file on disk (copied as it is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asset {
    Embedded(&'static [u8]),
    Disk(PathBuf),
}

#[derive(Debug, Default)]
pub struct Theme {
    /// Template name (`document.html`) → (source text, where it came from, for errors).
    pub templates: BTreeMap<String, (String, String)>,
    /// Path under static/ → the file.
    pub statics: BTreeMap<String, Asset>,
}

impl Theme {
    /// The default theme alone (for tests and for sites that override nothing).
    pub fn builtin() -> Theme {
        let mut theme = Theme::default();
        for (path, bytes) in DEFAULT_THEME {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8_lossy(bytes).into_owned();
                theme.templates.insert(name.to_string(), (text, format!("(内置主题) {path}")));
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.statics.insert(name.to_string(), Asset::Embedded(bytes));
            }
        }
        theme
    }

    /// The layered theme for a site folder and the theme name from site.yaml.
    pub fn load(site_root: &Path, name: &str, diags: &mut Diagnostics) -> Theme {
        let mut theme = Theme::builtin();
        if name != "default" {
            let dir = site_root.join("themes").join(name);
            if is_link(&dir) || is_link(&site_root.join("themes")) {
                diags.push(
                    Diagnostic::error(Code::ThemeMissing, Location::Path(format!("themes/{name}/")))
                        .detail("主题文件夹是快捷方式（符号链接）：主题必须放在网站文件夹里"),
                );
            } else if dir.is_dir() {
                theme.overlay(&dir, &format!("themes/{name}/"), diags);
            } else {
                diags.push(
                    Diagnostic::error(Code::ThemeMissing, Location::Path("site.yaml".into()))
                        .detail(format!("找不到 themes/{name}/ 文件夹")),
                );
            }
        }
        theme.overlay(site_root, "", diags);
        theme
    }

    /// Adds `templates/**` and `static/**` under `dir`; `shown` prefixes paths in errors.
    fn overlay(&mut self, dir: &Path, shown: &str, diags: &mut Diagnostics) {
        for sub in ["templates", "static"] {
            let base = dir.join(sub);
            if !base.is_dir() {
                continue;
            }
            if is_link(&base) {
                diags.push(
                    Diagnostic::warning(Code::IgnoredFile, Location::Path(format!("{shown}{sub}/")))
                        .detail("这个文件夹是快捷方式（符号链接），不会被读取或发布：网站只发布网站文件夹里的文件"),
                );
                continue;
            }
            for entry in walkdir::WalkDir::new(&base).sort_by_file_name() {
                match entry {
                    Ok(e) if e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.') => {
                        let rel = relative(dir, e.path());
                        let shown = format!("{shown}{rel}");
                        if let Some(name) = rel.strip_prefix("templates/") {
                            match std::fs::read_to_string(e.path()) {
                                Ok(text) => {
                                    self.templates.insert(name.to_string(), (text, shown));
                                }
                                Err(err) => diags.push(
                                    Diagnostic::error(Code::ReadFailed, Location::Path(shown))
                                        .detail(crate::diagnostics::os::explain("读取模板", &err)),
                                ),
                            }
                        } else if let Some(name) = rel.strip_prefix("static/") {
                            self.statics.insert(name.to_string(), Asset::Disk(e.into_path()));
                        }
                    }
                    Ok(_) => {}
                    Err(err) => diags.push(
                        Diagnostic::error(Code::ReadFailed, Location::Path(format!("{shown}{sub}")))
                            .detail(crate::diagnostics::os::walk(&err)),
                    ),
                }
            }
        }
    }
}

/// A path under `dir`, with `/` on every platform.
fn relative(dir: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(dir).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// A symbolic link (which could lead outside the site folder).
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

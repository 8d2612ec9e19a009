//! Embeds the default theme (themes/default) in the binary, so `gongshi` runs anywhere without
//! its source tree. Writes `$OUT_DIR/default_theme.rs`: a sorted list of (path, bytes).
//!
//! The search page's own script and style ([`MINIFIED`]) are embedded minified: every byte of
//! them is downloaded before a first search can answer. The minifier (the `minifier` crate, no
//! dependencies of its own, as rustdoc used it) drops comments and whitespace and renames
//! nothing, so the published script reads like its source; it runs here, at build time, so the
//! binary carries no minifier and `cargo build` needs no node. A site's own copy of a file is
//! published as it is.

use std::fs;
use std::path::{Path, PathBuf};

/// Theme files embedded minified.
const MINIFIED: &[&str] = &["static/search.js", "static/search.css"];

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let mut out = String::from("pub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let rel = path.strip_prefix(&root).unwrap_or(path);
        let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let source = if MINIFIED.contains(&rel.as_str()) { minified(path, &rel) } else { path.clone() };
        out.push_str(&format!("    ({rel:?}, include_bytes!({:?})),\n", source.display().to_string()));
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("default_theme.rs");
    if let Err(e) = fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}

/// Writes the minified `path` to `$OUT_DIR/minified/` and returns where.
fn minified(path: &Path, rel: &str) -> PathBuf {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let small = if rel.ends_with(".js") {
        minifier::js::minify(&text).map(|m| m.to_string())
    } else {
        minifier::css::minify(&text).map(|m| m.to_string())
    };
    let small = small.unwrap_or_else(|e| panic!("cannot minify {}: {e}", path.display()));
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_default()).join("minified").join(rel);
    if let Some(dir) = dest.parent() {
        fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    }
    fs::write(&dest, small).unwrap_or_else(|e| panic!("cannot write {}: {e}", dest.display()));
    dest
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if !entry.file_name().to_string_lossy().starts_with('.') {
            files.push(path);
        }
    }
}

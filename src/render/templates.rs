//! The tera instance for a theme. One instance renders every page, in parallel; an error names
//! the template file it came from (a site's own override, or the built-in theme).

use super::theme::Theme;
use crate::diagnostics::{Code, Diagnostic, Location};
use serde::Serialize;
use std::collections::BTreeMap;

pub struct Templates {
    tera: tera::Tera,
    /// Template name → where it came from, for errors.
    shown: BTreeMap<String, String>,
}

impl Templates {
    pub fn new(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let mut tera = tera::Tera::new();
        let shown: BTreeMap<String, String> =
            theme.templates.iter().map(|(name, (_, shown))| (name.clone(), shown.clone())).collect();
        let sources = theme.templates.iter().map(|(name, (text, _))| (name.as_str(), text.as_str()));
        match tera.add_raw_templates(sources) {
            Ok(()) => Ok(Templates { tera, shown }),
            Err(e) => Err(vec![error(&e, &shown)]),
        }
    }

    /// Renders template `name` with `frame` (the page frame) and `(key, value)` page data.
    pub fn render(
        &self,
        name: &str,
        frame: &impl Serialize,
        page: Option<(&'static str, &dyn ErasedView)>,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut context = tera::Context::from_serialize(frame).map_err(|e| error(&e, &self.shown))?;
        if let Some((key, value)) = page {
            value.insert_into(&mut context, key);
        }
        // Straight into bytes, the form the output keeps: no UTF-8 check of what tera wrote
        // (all of it came from `str`s), and room for a typical page from the start.
        let mut bytes = Vec::with_capacity(32 * 1024);
        self.tera.render_to(name, &context, &mut bytes).map_err(|e| error(&e, &self.shown))?;
        if name.ends_with(".xml") || name.ends_with(".svg") {
            bytes = xml_chars(bytes);
        }
        Ok(bytes)
    }
}

/// Whether XML 1.0 allows `c` at all (its `Char` production): escaping cannot help the others,
/// and one of them makes a whole feed unreadable.
pub fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Rendered XML without the characters XML forbids (they can come only from data: the
/// templates hold none).
fn xml_chars(bytes: Vec<u8>) -> Vec<u8> {
    match String::from_utf8(bytes) {
        Ok(text) if text.chars().all(xml_allows) => text.into_bytes(),
        Ok(text) => text.chars().filter(|&c| xml_allows(c)).collect::<String>().into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// A view that can put itself into a tera context (keeps `render` free of generics per view).
pub trait ErasedView: Sync {
    fn insert_into(&self, context: &mut tera::Context, key: &'static str);
}

impl<T: Serialize + Sync> ErasedView for T {
    fn insert_into(&self, context: &mut tera::Context, key: &'static str) {
        context.insert(key, self);
    }
}

/// Tera's message, with the template name replaced by the file it came from.
fn error(e: &tera::Error, shown: &BTreeMap<String, String>) -> Diagnostic {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        text.push('：');
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    let file = shown
        .iter()
        .filter(|(name, _)| text.contains(name.as_str()))
        .max_by_key(|(name, _)| name.len())
        .map(|(_, shown)| shown.clone());
    let location = file.map_or(Location::None, Location::Path);
    Diagnostic::error(Code::TemplateError, location).detail(text.trim().to_string())
}

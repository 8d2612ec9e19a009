//! Diagnostics: one plain-data type for every error and warning of a run.
//!
//! Stages push [`Diagnostic`]s into a [`Diagnostics`] list and go on; the run stops at a stage
//! boundary when the list holds an error. Drawing happens elsewhere ([`term`]) so that the
//! terminal, the tests and a future browser overlay all read the same value.

pub mod codes;
pub mod json;
pub mod os;
pub mod source;
pub mod term;

pub use codes::Code;
pub use source::{FileId, SourceFile, Sources, Span, Spanned};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Where a problem is: a span in a file that was read, a path (a file gongshi could not read,
/// or a folder outside the site), or nowhere in particular.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Location {
    None,
    Path(String),
    Span(Span),
}

impl Location {
    /// The file it is in (site-relative for a span), or the path it names.
    pub fn path(&self, sources: &Sources) -> String {
        match self {
            Location::None => String::new(),
            Location::Path(p) => p.clone(),
            Location::Span(span) => sources.path(span.file).to_string(),
        }
    }

    /// The byte offset of a span.
    pub fn offset(&self) -> Option<usize> {
        match self {
            Location::Span(span) => Some(span.start as usize),
            _ => None,
        }
    }

    /// `data/schools.yaml:12:5`, as the short form prints it.
    pub fn shown(&self, sources: &Sources) -> String {
        match self {
            Location::Span(span) => {
                let (line, col) = sources.get(span.file).line_col(span.start as usize);
                format!("{}:{line}:{col}", sources.path(span.file))
            }
            other => other.path(sources),
        }
    }
}

/// A second place that explains the first, e.g. where a duplicate was first written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    pub location: Location,
    /// The specifics, in Chinese (values quoted from the input, what was expected).
    pub detail: String,
    /// What to do; when `None`, the code's own hint is shown.
    pub hint: Option<String>,
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn error(code: Code, location: impl Into<Location>) -> Diagnostic {
        Diagnostic::new(Severity::Error, code, location.into())
    }

    pub fn warning(code: Code, location: impl Into<Location>) -> Diagnostic {
        Diagnostic::new(Severity::Warning, code, location.into())
    }

    fn new(severity: Severity, code: Code, location: Location) -> Diagnostic {
        Diagnostic { severity, code, location, detail: String::new(), hint: None, related: Vec::new() }
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Diagnostic {
        self.detail = detail.into();
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn related(mut self, span: Span, note: impl Into<String>) -> Diagnostic {
        self.related.push(Related { span, note: note.into() });
        self
    }

    /// The hint to show: the diagnostic's own, else the code's, else none.
    pub fn hint_text(&self) -> Option<&str> {
        match &self.hint {
            Some(h) => Some(h),
            None if !self.code.hint().is_empty() => Some(self.code.hint()),
            None => None,
        }
    }

    /// The message without location: `文号重复：… / duplicate doc_no [GS0203]`.
    pub fn message(&self) -> String {
        let code = self.code;
        if self.detail.is_empty() {
            format!("{} / {} [{}]", code.zh(), code.en(), code.id())
        } else {
            format!("{}：{} / {} [{}]", code.zh(), self.detail, code.en(), code.id())
        }
    }
}

impl From<Span> for Location {
    fn from(span: Span) -> Location {
        Location::Span(span)
    }
}

/// The diagnostics of a run, in the order they were found (sorted when printed).
#[derive(Clone, Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.list.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warning_count(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.list.iter().filter(|d| d.severity == severity).count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// Sorted by file, line and column, as they are printed; identical duplicates removed.
    pub fn sorted(&self, sources: &Sources) -> Vec<&Diagnostic> {
        let mut out: Vec<&Diagnostic> = self.list.iter().collect();
        out.sort_by_cached_key(|d| (term::position(d, sources), d.code, d.detail.clone()));
        out.dedup();
        out
    }

    /// [`Diagnostics::sorted`] as people read it: at most [`MAX_OF_A_KIND`] of one code in one
    /// file, then one line for each such kind that counts the rest (a sheet of 200,000 rows
    /// must not print 200,000 warnings). JSON output keeps them all.
    pub fn sorted_capped(&self, sources: &Sources) -> (Vec<&Diagnostic>, Vec<String>) {
        capped(self.sorted(sources), sources)
    }
}

/// How many diagnostics of one code in one file are shown before the rest are counted.
pub const MAX_OF_A_KIND: usize = 20;

/// See [`Diagnostics::sorted_capped`]; for lists that are not a [`Diagnostics`] (import's).
pub fn capped<'a>(list: Vec<&'a Diagnostic>, sources: &Sources) -> (Vec<&'a Diagnostic>, Vec<String>) {
    // The file of a location; import's `学校.xlsx[学校]:2:B` is one file with many cells.
    let file = |d: &Diagnostic| {
        let path = d.location.path(sources);
        let cut =
            path.char_indices().find(|&(i, c)| c == ':' && path[i + 1..].starts_with(|c: char| c.is_ascii_digit()));
        cut.map_or(path.clone(), |(i, _)| path[..i].to_string())
    };
    let mut seen: std::collections::BTreeMap<(String, Code, bool), usize> = Default::default();
    let mut shown = Vec::new();
    for d in list {
        let n = seen.entry((file(d), d.code, d.severity == Severity::Error)).or_default();
        *n += 1;
        if *n <= MAX_OF_A_KIND {
            shown.push(d);
        }
    }
    let more = seen
        .into_iter()
        .filter(|(_, n)| *n > MAX_OF_A_KIND)
        .map(|((file, code, error), n)| {
            let n = n - MAX_OF_A_KIND;
            let kind = if error { "错误" } else { "警告" };
            let at = if file.is_empty() { String::new() } else { format!("{file}: ") };
            format!("{at}另有 {n} 条同类{kind}未显示：{} / {n} more of this kind [{}]\n", code.zh(), code.id())
        })
        .collect();
    (shown, more)
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

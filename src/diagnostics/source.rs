//! The text of every file a build reads, and a line index per file.
//!
//! Spans elsewhere are byte ranges into these texts; this is the one place that turns a byte offset
//! into a 1-based line and a 1-based column counted in characters (as codespan-reporting's
//! `files.rs` does: line starts plus a binary search).

use std::collections::HashMap;
use std::sync::Arc;

/// A file of [`Sources`], named by a hash of its site-relative path: the same file keeps the
/// same id when other files are added or removed, so spans stay valid across rebuilds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u64);

impl FileId {
    /// FNV-1a of the path: fixed across runs and machines (std's hasher is not).
    pub fn of(path: &str) -> FileId {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in path.bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        FileId(h)
    }
}

/// A byte range in one file's decoded text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span { file, start: clamp(start), end: clamp(end.max(start)) }
    }

    /// A zero-width span at the start of a file, for errors about the file as a whole.
    pub fn file_start(file: FileId) -> Span {
        Span::new(file, 0, 0)
    }
}

/// A value together with where it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Spanned<T> {
        Spanned { value, span }
    }
}

/// One decoded file: its site-relative path (with `/`), its text and where its lines start.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
    /// Shared, so a kept copy of the file costs no copy of its lines.
    line_starts: Arc<[usize]>,
}

impl SourceFile {
    pub fn new(path: String, text: Arc<str>) -> SourceFile {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        SourceFile { path, text, line_starts }
    }

    /// 1-based line and character column of a byte offset. Offsets past the end or inside a
    /// character are moved back to the nearest character boundary.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset].chars().count() + 1;
        (line + 1, col)
    }

    /// Byte offset of a 1-based line and character column; clamps to the line's end.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        start + line_text.char_indices().nth(col.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// Every file read in a run. Cheap to share: texts are reference-counted.
#[derive(Debug, Default)]
pub struct Sources {
    files: HashMap<FileId, SourceFile>,
    /// Ids handed out by [`Sources::reserve`] whose file has not been inserted yet.
    reserved: HashMap<FileId, String>,
}

impl Sources {
    /// Adds a file and returns its id.
    pub fn add(&mut self, path: String, text: impl Into<Arc<str>>) -> FileId {
        let id = self.reserve(&path);
        self.insert(id, SourceFile::new(path, text.into()));
        id
    }

    /// The id `path` will have, so that files can be parsed in parallel before they are
    /// inserted. Two paths with the same hash (never seen in practice) get neighbouring ids.
    pub fn reserve(&mut self, path: &str) -> FileId {
        let mut id = FileId::of(path);
        loop {
            let taken = self.files.get(&id).map(|f| f.path.as_str()).or(self.reserved.get(&id).map(String::as_str));
            match taken {
                None => {
                    self.reserved.insert(id, path.to_string());
                    return id;
                }
                Some(p) if p == path => return id,
                Some(_) => id = FileId(id.0.wrapping_add(1)),
            }
        }
    }

    /// Stores a file under an id from [`Sources::reserve`].
    pub fn insert(&mut self, id: FileId, file: SourceFile) {
        self.reserved.remove(&id);
        self.files.insert(id, file);
    }

    /// Every file's id, in path order.
    pub fn ids(&self) -> Vec<FileId> {
        let mut ids: Vec<(&str, FileId)> = self.files.iter().map(|(id, f)| (f.path.as_str(), *id)).collect();
        ids.sort_unstable();
        ids.into_iter().map(|(_, id)| id).collect()
    }

    /// The file with this id; an empty file for an id this run never read (a span kept from
    /// an earlier run), so drawing a diagnostic cannot fail.
    pub fn get(&self, id: FileId) -> &SourceFile {
        static EMPTY: std::sync::LazyLock<SourceFile> =
            std::sync::LazyLock::new(|| SourceFile::new(String::new(), Arc::from("")));
        self.files.get(&id).unwrap_or(&EMPTY)
    }

    /// The file read from this site path, if any.
    pub fn find(&self, path: &str) -> Option<&SourceFile> {
        let mut id = FileId::of(path);
        while let Some(file) = self.files.get(&id) {
            if file.path == path {
                return Some(file);
            }
            id = FileId(id.0.wrapping_add(1));
        }
        None
    }

    pub fn path(&self, id: FileId) -> &str {
        &self.get(id).path
    }

    pub fn text(&self, span: Span) -> &str {
        let text = &self.get(span.file).text;
        text.get(span.start as usize..span.end as usize).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("a.md".into(), Arc::from(text))
    }

    #[test]
    fn first_line_starts_at_column_one() {
        assert_eq!(file("abc").line_col(0), (1, 1));
        assert_eq!(file("abc").line_col(2), (1, 3));
    }

    #[test]
    fn counts_columns_in_characters_not_bytes() {
        let f = file("标题: 关于\n文号: x");
        assert_eq!(f.line_col("标题: ".len()), (1, 5));
        assert_eq!(f.line_col("标题: 关于\n文号".len()), (2, 3));
    }

    #[test]
    fn handles_crlf_and_last_line() {
        let f = file("a\r\nb\r\ncd");
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(7), (3, 2));
        assert_eq!(f.line_text(2), "b");
        assert_eq!(f.line_text(3), "cd");
    }

    #[test]
    fn offsets_inside_a_character_move_back() {
        let f = file("关于");
        assert_eq!(f.line_col(1), (1, 1));
        assert_eq!(f.line_col(99), (1, 3));
    }

    #[test]
    fn ids_follow_the_path_not_the_order_files_are_added() {
        let mut a = Sources::default();
        let x = a.add("policies/x.md".into(), "x");
        let mut b = Sources::default();
        b.add("notices/new.md".into(), "n");
        assert_eq!(b.add("policies/x.md".into(), "x"), x);
        assert_eq!(b.ids().iter().map(|&id| b.path(id)).collect::<Vec<_>>(), ["notices/new.md", "policies/x.md"]);
    }

    #[test]
    fn offset_of_inverts_line_col() {
        let f = file("x\n标题: 关于\n");
        let off = f.offset_of(2, 5);
        assert_eq!(&f.text[off..off + 3], "关");
        assert_eq!(f.line_col(off), (2, 5));
    }
}

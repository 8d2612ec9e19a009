//! Splits a document into its YAML front matter and its Markdown body, keeping byte offsets so
//! that errors inside either point at the right line of the file.

/// Byte ranges of the two parts within the file's text.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub yaml: (usize, usize),
    pub body: usize,
}

#[derive(Debug, PartialEq, Eq)]
pub enum SplitError {
    /// Nothing but whitespace.
    Empty,
    /// The first line is not `---`; the offset is where the first text starts.
    Missing(usize),
    /// The opening `---` (at this offset) has no closing line.
    Unclosed(usize),
}

/// Finds `---` on the first non-blank line and the next line that is `---` or `...`.
pub fn split(text: &str) -> Result<Split, SplitError> {
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(SplitError::Empty);
    }
    let open = text.len() - trimmed.len();
    let mut lines = lines_with_offsets(text, open);
    match lines.next() {
        Some((_, line)) if is_fence(line, false) => {}
        _ => return Err(SplitError::Missing(open)),
    }
    let yaml_start = text[open..].find('\n').map_or(text.len(), |i| open + i + 1);
    for (start, line) in lines {
        if is_fence(line, true) {
            let body = text[start..].find('\n').map_or(text.len(), |i| start + i + 1);
            return Ok(Split { yaml: (yaml_start, start), body });
        }
    }
    Err(SplitError::Unclosed(open))
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end();
    line == "---" || (closing && line == "...")
}

fn lines_with_offsets(text: &str, from: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = from;
    text[from..].split_inclusive('\n').map(move |line| {
        let start = offset;
        offset += line.len();
        (start, line)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let text = "---\ntitle: a\n---\n正文\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.0..s.yaml.1], "title: a\n");
        assert_eq!(&text[s.body..], "正文\n");
    }

    #[test]
    fn handles_crlf_and_leading_blank_lines() {
        let text = "\r\n---\r\ntitle: a\r\n---\r\nbody";
        let s = split(text).unwrap();
        assert_eq!(&text[s.yaml.0..s.yaml.1], "title: a\r\n");
        assert_eq!(&text[s.body..], "body");
    }

    #[test]
    fn a_body_may_be_absent() {
        let text = "---\ntitle: a\n---";
        let s = split(text).unwrap();
        assert_eq!(s.body, text.len());
    }

    #[test]
    fn reports_what_is_wrong() {
        assert_eq!(split("  \n\n"), Err(SplitError::Empty));
        assert_eq!(split("\ntitle: a\n"), Err(SplitError::Missing(1)));
        assert_eq!(split("---\ntitle: a\nbody\n"), Err(SplitError::Unclosed(0)));
    }

    #[test]
    fn a_horizontal_rule_in_the_body_is_not_a_fence() {
        let text = "---\na: 1\n---\nx\n\n---\n\ny\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.body..], "x\n\n---\n\ny\n");
    }
}

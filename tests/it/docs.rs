//! The docs staff read must match the program: every key and alias, every diagnostic code.

use gongshi::diagnostics::Code;
use gongshi::load::keys::{self, Record, Shape};

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

#[test]
fn errors_md_lists_every_code() {
    let text = read("docs/errors.md");
    for code in Code::ALL {
        let row = format!("| {} | {} | {} |", code.id(), code.zh(), code.en());
        assert!(
            text.contains(&row),
            "docs/errors.md lacks the row for {}: {row}",
            code.id()
        );
    }
}

fn names(record: &Record, out: &mut Vec<(&'static str, &'static str)>) {
    for field in record.fields {
        out.push((field.name, record.what));
        out.extend(field.aliases.iter().map(|a| (*a, record.what)));
        match &field.shape {
            Shape::Record(inner) => names(inner, out),
            Shape::List(Shape::Record(inner)) => names(inner, out),
            _ => {}
        }
    }
}

#[test]
fn content_format_md_names_every_document_and_site_key() {
    let text = read("docs/content-format.md");
    let mut all = Vec::new();
    names(&keys::SITE, &mut all);
    names(&keys::DOCUMENT, &mut all);
    for (name, what) in all {
        assert!(
            text.contains(name),
            "docs/content-format.md does not mention `{name}` ({what})"
        );
    }
}

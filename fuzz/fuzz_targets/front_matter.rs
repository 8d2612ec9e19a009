//! A document file as the loader reads it: bytes → text (UTF-8, GBK/GB18030, Big5, UTF-16) →
//! front matter and body → located YAML → Chinese keys renamed → the model's document reader.
//! Every diagnostic is drawn as the command line would draw it, since spans point into the text.

#![no_main]

use gongshi::diagnostics::{Diagnostics, Sources, term};
use gongshi::load::decode::{self, Decoded};
use gongshi::load::keys::{self, Shape};
use gongshi::load::{RawDocument, front_matter, yaml};
use gongshi::model::attachment::{Attachments, FileInfo};
use libfuzzer_sys::fuzz_target;

const PATH: &str = "policies/2017/fuzz.md";

fuzz_target!(|bytes: &[u8]| {
    let text = match decode::decode(bytes, None) {
        Ok(Decoded::Utf8(text) | Decoded::Converted(text, _)) => text,
        Err(_) => return,
    };
    let Ok(split) = front_matter::split(&text) else { return };
    let mut sources = Sources::default();
    let file = sources.add(PATH.to_string(), text.as_str());
    let mut diags = Diagnostics::default();
    match yaml::parse(file, sources.get(file), split.yaml.0, split.yaml.1) {
        Ok(mut front) => {
            keys::canonicalize(&mut front, &Shape::Record(&keys::DOCUMENT), &mut diags);
            let raw = RawDocument {
                path: PATH.to_string(),
                file,
                stem: "2017/fuzz".to_string(),
                front: front.into(),
                body_start: split.body,
            };
            let info = |size| FileInfo { size, table: None };
            let files: Attachments =
                [("2017/附件1.pdf".to_string(), info(1024)), ("2017/附件2.docx".to_string(), info(2048))]
                    .into_iter()
                    .collect();
            let body = gongshi::model::document::Markdown::new(sources.get(file).text.clone(), split.body);
            let _ = gongshi::model::document::read(&raw, body, "连云区教育局", &files, &mut diags);
        }
        Err(d) => diags.push(d),
    }
    for d in diags.iter() {
        let _ = term::render(d, &sources, term::Style::Plain);
    }
});

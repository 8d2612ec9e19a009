//! A document body → HTML, table of contents and plain text, as every page renders it. Some
//! 文号 keys are "known", so that links to other documents are made from fuzzed text too.

#![no_main]

use gongshi::render::markdown::{LinkContext, render};
use libfuzzer_sys::fuzz_target;

fn doc_no(key: &str) -> Option<String> {
    // Known: the example site's numbers, and (to reach the linking code from any input) every
    // key whose length in bytes is a multiple of three, linked to a path made from the key.
    let known = ["连政发〔2017〕38号", "连区教〔2017〕89号", "苏政发〔2017〕1号"];
    if known.iter().any(|k| gongshi::model::doc_no::key(k) == key) || key.len() % 3 == 0 {
        Some(format!("policies/{key}/"))
    } else {
        None
    }
}

fuzz_target!(|text: &str| {
    let _ = render(text, "标题", &LinkContext { root: "../../", doc_no: &doc_no });
});

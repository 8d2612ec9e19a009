//! The whole pipeline (load → model → evaluate → render, nothing written) on a tiny site: a
//! fixed site.yaml, one policy whose file is the input up to its first 0 byte, and, when the
//! input has a 0 byte, data/schools.yaml from the bytes after it. One folder and one Builder
//! (which keeps the compiled default theme, as `serve` does) per process.

#![no_main]

use gongshi::diagnostics::term;
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

const SITE_YAML: &str = "\
title: 测试专栏
base_url: https://jyj.example.cn/junheng/
issuer: 连云区教育局
region: 连云区
";

struct State {
    dir: PathBuf,
    builder: gongshi::Builder,
    options: gongshi::Options,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

fn setup() -> State {
    let dir = std::env::temp_dir().join(format!("gongshi-fuzz-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("policies/2017")).unwrap();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(dir.join("site.yaml"), SITE_YAML).unwrap();
    let options = gongshi::Options {
        load: gongshi::load::LoadOptions::default(),
        model: gongshi::model::BuildOptions {
            drafts: false,
            today: gongshi::model::date::parse_date("2017-08-23").unwrap(),
            base_url: None,
        },
        deny_warnings: false,
    };
    State { dir, builder: gongshi::Builder::default(), options }
}

fn write(path: &Path, bytes: Option<&[u8]>) {
    match bytes {
        Some(bytes) => std::fs::write(path, bytes).unwrap(),
        None => {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn run(state: &mut State, input: &[u8]) {
    let (policy, schools) = match input.iter().position(|&b| b == 0) {
        Some(i) => (&input[..i], Some(&input[i + 1..])),
        None => (input, None),
    };
    write(&state.dir.join("policies/2017/fuzz.md"), Some(policy));
    write(&state.dir.join("data/schools.yaml"), schools);
    let built = state.builder.build(&state.dir, &state.options);
    for d in built.diagnostics.iter() {
        let _ = term::render(d, &built.sources, term::Style::Plain);
    }
}

fuzz_target!(|input: &[u8]| {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        run(s.get_or_insert_with(setup), input);
    });
});

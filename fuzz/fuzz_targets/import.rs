//! `gongshi import` from a CSV file, and the file it writes read back by the normal loader and
//! model. The first input byte picks the kind (schools, pairings, exchanges, indicators) and
//! whether `--year 2024` is given; the rest is the CSV file. The site beside it has the example
//! site's schools.yaml. A file that import accepts must parse and read back without errors
//! (pairing references aside: the site has no pairings.yaml); with GONGSHI_FUZZ_NO_ROUND_TRIP=1
//! only panics, timeouts and memory count, for fuzzing past a known round-trip finding.

#![no_main]

use gongshi::diagnostics::{Diagnostics, Sources, term};
use gongshi::import::{Kind, Request, import};
use gongshi::load::{DataKind, Raw, RawData, keys, yaml};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;
use std::path::PathBuf;

const SITE_YAML: &str = "title: 测试专栏\nbase_url: https://jyj.example.cn/junheng/\nissuer: 连云区教育局\n";
const SCHOOLS: &str = include_str!("../../content/data/schools.yaml");

struct State {
    dir: PathBuf,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

fn setup() -> State {
    let dir = std::env::temp_dir().join(format!("gongshi-fuzz-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("site/data")).unwrap();
    std::fs::write(dir.join("site/site.yaml"), SITE_YAML).unwrap();
    std::fs::write(dir.join("site/data/schools.yaml"), SCHOOLS).unwrap();
    State { dir }
}

fn parse(sources: &mut Sources, path: &str, text: &str, kind: DataKind, diags: &mut Diagnostics) -> Option<RawData> {
    let file = sources.add(path.to_string(), text);
    match yaml::parse(file, sources.get(file), 0, text.len()) {
        Ok(mut node) => {
            keys::canonicalize(&mut node, keys::data_shape(kind), diags);
            Some(RawData { kind, file, node: node.into(), builtin: false })
        }
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

fn no_round_trip() -> bool {
    static NO: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *NO.get_or_init(|| std::env::var_os("GONGSHI_FUZZ_NO_ROUND_TRIP").is_some_and(|v| v == "1"))
}

/// Reads an imported file back as the build would, beside the site's schools.
fn read_back(kind: Kind, text: &str) {
    let (data_kind, path) = match kind {
        Kind::Schools => (DataKind::Schools, "data/schools.yaml"),
        Kind::Pairings => (DataKind::Pairings, "data/pairings.yaml"),
        Kind::Exchanges => (DataKind::Exchanges, "data/exchanges.yaml"),
        // Not a year: the file's own year is the one read.
        Kind::Indicators => (DataKind::Indicators, "data/indicators/imported.yaml"),
        // Not fuzzed here: county sheets need the site's standard (see `run`).
        Kind::County => return,
    };
    let mut sources = Sources::default();
    let mut diags = Diagnostics::default();
    let mut data = Vec::new();
    if kind != Kind::Schools {
        data.extend(parse(&mut sources, "data/schools.yaml", SCHOOLS, DataKind::Schools, &mut diags));
    }
    let imported = parse(&mut sources, path, text, data_kind, &mut diags);
    let parsed = imported.is_some();
    data.extend(imported);
    let raw = Raw {
        root: PathBuf::from("/nonexistent"),
        sources,
        site: None,
        documents: Vec::new(),
        data,
        attachments: Vec::new(),
        unreadable: vec![DataKind::Pairings],
        versions: Default::default(),
    };
    if parsed {
        let _ = gongshi::model::data::read(&raw, &mut diags);
    }
    if diags.has_errors() && !no_round_trip() {
        let shown: Vec<String> = diags.iter().map(|d| term::render(d, &raw.sources, term::Style::Plain)).collect();
        panic!("import wrote a {kind:?} file the build refuses:\n{text}\n{}", shown.join("\n"));
    }
}

fn run(state: &State, input: &[u8]) {
    let Some((&first, csv)) = input.split_first() else { return };
    let kind = [Kind::Schools, Kind::Pairings, Kind::Exchanges, Kind::Indicators][(first & 3) as usize];
    let file = state.dir.join("in.csv");
    let out = state.dir.join("out.yaml");
    std::fs::write(&file, csv).unwrap();
    let _ = std::fs::remove_file(&out);
    let request = Request {
        kind,
        file,
        site: state.dir.join("site"),
        year: (first & 4 != 0).then_some(2024),
        out: Some(out.clone()),
        ..Request::default()
    };
    if import(&request).is_ok() {
        read_back(kind, &std::fs::read_to_string(&out).expect("import said it wrote the file"));
    }
}

fuzz_target!(|input: &[u8]| {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        run(s.get_or_insert_with(setup), input);
    });
});

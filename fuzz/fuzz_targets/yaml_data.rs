//! A data file as the loader and the model read it: located YAML → keys renamed by the table of
//! each kind of data file (schools, pairings, exchanges, indicators, plan, standard) → the
//! model's readers for that kind. Files other than schools.yaml are read beside the example
//! site's schools.yaml, so that their references to schools can resolve.

#![no_main]

use gongshi::diagnostics::{Diagnostics, Sources, term};
use gongshi::load::{DataKind, Raw, RawData, keys, yaml};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

const SCHOOLS: &str = include_str!("../../content/data/schools.yaml");
const SCHOOLS_PATH: &str = "data/schools.yaml";

const KINDS: [(DataKind, &str); 6] = [
    (DataKind::Schools, "data/schools.yaml"),
    (DataKind::Pairings, "data/pairings.yaml"),
    (DataKind::Exchanges, "data/exchanges.yaml"),
    (DataKind::Indicators, "data/indicators/2024.yaml"),
    (DataKind::Plan, "data/plan.yaml"),
    (DataKind::Standard, "standards/fuzz.yaml"),
];

fn parse(sources: &mut Sources, path: &str, text: &str, diags: &mut Diagnostics) -> Option<RawData> {
    let file = sources.add(path.to_string(), text);
    match yaml::parse(file, sources.get(file), 0, text.len()) {
        Ok(node) => Some(RawData { kind: DataKind::Schools, file, node: node.into(), builtin: false }),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The example schools.yaml, parsed once (its file id is the same in every `Sources`).
fn schools() -> &'static RawData {
    static SCHOOLS_DATA: OnceLock<RawData> = OnceLock::new();
    SCHOOLS_DATA.get_or_init(|| {
        let mut diags = Diagnostics::default();
        let mut schools = parse(&mut Sources::default(), SCHOOLS_PATH, SCHOOLS, &mut diags).expect("schools.yaml");
        keys::canonicalize(std::sync::Arc::make_mut(&mut schools.node), keys::data_shape(DataKind::Schools), &mut diags);
        assert!(!diags.has_errors(), "the example schools.yaml has errors");
        schools
    })
}

fuzz_target!(|text: &str| {
    for (kind, path) in KINDS {
        let mut sources = Sources::default();
        let mut diags = Diagnostics::default();
        let mut data = Vec::new();
        if kind != DataKind::Schools {
            let schools = schools();
            let file = sources.add(SCHOOLS_PATH.to_string(), SCHOOLS);
            assert_eq!(file, schools.file);
            data.push(RawData { kind: DataKind::Schools, file, node: schools.node.clone(), builtin: false });
        }
        let Some(mut fuzzed) = parse(&mut sources, path, text, &mut diags) else {
            // A syntax error is the same for every kind: draw it once and stop.
            for d in diags.iter() {
                let _ = term::render(d, &sources, term::Style::Plain);
            }
            return;
        };
        fuzzed.kind = kind;
        keys::canonicalize(std::sync::Arc::make_mut(&mut fuzzed.node), keys::data_shape(kind), &mut diags);
        data.push(fuzzed);
        let raw = Raw {
            root: PathBuf::from("/nonexistent"),
            sources,
            site: None,
            documents: Vec::new(),
            data,
            attachments: Vec::new(),
            unreadable: Vec::new(),
            versions: Default::default(),
        };
        let _ = gongshi::model::data::read(&raw, &mut diags);
        for d in diags.iter() {
            let _ = term::render(d, &raw.sources, term::Style::Plain);
        }
    }
});

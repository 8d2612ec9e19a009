//! The search index: what `static/search.js` downloads to answer a query on the search page.
//!
//! `index(&Site, &Findings, bodies) → Index`: files under `search/` and the small manifest the
//! search page carries inline. Records ([`records`]) are cut into keys ([`text`]), keys go to
//! shards ([`encode`]); each record also gets a fragment that a result shows.
//! Traditional characters a visitor may type are folded by tables split by code point
//! (blocks of 1,024), so a query fetches only the few it needs.
//!
//! Two ways of naming keep a cached file from meeting a page of another build. Fragments are
//! named by their bytes (see [`crate::render::assets`]) and cached for good: they go in runs of
//! records ([`fragment_runs`]), `search/f/HASH-I.json` for the I-th record of a run whose
//! fragments hash to HASH; the manifest lists each run's hash and length, so the browser names a
//! result's fragment from its record number alone, with no table to fetch first. A run ends
//! where a record's link says so (about one in [`RUN_MEAN`]), not at a fixed count: a document
//! added or edited renames the fragments of its own run only, however far the records after it
//! move. Shards (`search/s/N.txt`), folding tables (`search/fold/BLOCK.txt`) and the school list
//! (`search/schools.json`) keep their names, get the short cache of pages, and are fetched with
//! `?v=GEN`, the manifest's one hash of them all ([`generation`]), so the page names no file
//! of them one by one (a large site has thousands of shards). Each shard starts with GEN: a
//! shard of another build (a deploy half done) is told apart, and search.js reloads the page
//! once, then says the index is being updated.

pub mod encode;
pub mod pinyin;
pub mod records;
pub mod text;

use crate::evaluate::Findings;
use crate::model::Site;
use crate::render::assets::short_hash;
use crate::render::body::Bodies;
use rayon::prelude::*;
use records::{Field, Kind, Record};
use std::collections::BTreeMap;

/// Folding tables are split by `code point >> FOLD_BLOCK_BITS` (search.js uses the same).
pub const FOLD_BLOCK_BITS: u32 = 10;

/// The mean length of a run of fragments, a power of two: a run ends after a record whose link
/// hashes to a multiple of it.
pub const RUN_MEAN: u32 = 64;

/// The longest run, so that an edit never renames more than this many fragments.
pub const RUN_MAX: usize = 256;

/// The manifest the search page carries: enough to pick shards and tell kinds apart.
#[derive(Debug, serde::Serialize)]
pub struct Manifest {
    /// Format version of the files.
    pub v: u32,
    /// The generation: one hash of the files named by number ([`generation`]). They are fetched
    /// as `search/s/N.txt?v=GEN`, and each shard's first line is GEN.
    pub g: String,
    /// Shard N is `search/s/N.txt` (N decimal).
    pub shards: usize,
    /// The kind of each record, as runs: a kind's letter and how many records in a row have it
    /// when more than one (`s21p3np2`).
    pub kinds: String,
    /// The blocks that have a folding table (`cp >> FOLD_BLOCK_BITS`, hex), comma-separated:
    /// `search/fold/BLOCK.txt`.
    pub fold: String,
    /// The runs of fragments, in record order, comma-separated: HASH (ten digits) then LENGTH
    /// (`0c4f9a1b2e64,…`); the I-th record of a run is `search/f/HASH-I.json`.
    pub f: String,
}

pub struct Index {
    pub manifest: Manifest,
    /// Path under the site root → content.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Adds the keys of record `n` to `postings`; records come in ascending order, so a record
/// already listed for a key is the last one of its list.
fn add_keys(record: &Record, n: u32, postings: &mut encode::Postings) {
    for (i, field) in [Field::Title, Field::DocNo, Field::Meta, Field::Body].into_iter().enumerate() {
        let mut packed = Vec::new();
        text::for_each_run(&record.fields[i], |run| {
            packed.clear();
            text::packed_keys(run, &mut packed);
            match field {
                // Single characters are findable in titles and names.
                Field::Title => packed.extend(run.iter().map(|c| text::pack(std::slice::from_ref(c)))),
                // A 文号's runs whole (`=89号`), so that `89号` finds 89号 before 189号.
                Field::DocNo => postings.add_whole(text::whole_run_key(run), field, n),
                Field::Meta | Field::Body => {}
            }
            for &key in &packed {
                postings.add(key, field, n);
            }
        });
    }
}

fn kinds(records: &[Record]) -> String {
    let mut runs: Vec<(&'static str, usize)> = Vec::new();
    for r in records {
        match runs.last_mut() {
            Some((k, n)) if *k == r.kind.code() => *n += 1,
            _ => runs.push((r.kind.code(), 1)),
        }
    }
    runs.into_iter().map(|(k, n)| if n > 1 { format!("{k}{n}") } else { k.to_string() }).collect()
}

/// The folding tables: traditional → simplified pairs, grouped by blocks of 1,024 code points.
/// Only characters whose simplified form the index holds are listed: folding any other could
/// not make a query match.
fn fold_tables(records: &[Record]) -> BTreeMap<u32, String> {
    // One bit per code point the index holds (after folding), gathered per thread: a set of
    // every character of every record was a serial tenth of the search index's time.
    const WORDS: usize = (char::MAX as usize + 1).div_ceil(64);
    let used = records
        .par_iter()
        .with_min_len(256)
        .fold(
            || vec![0u64; WORDS],
            |mut bits, r| {
                for c in r.fields.iter().flat_map(|f| f.chars()).map(text::fold_char) {
                    bits[c as usize / 64] |= 1 << (c as u32 % 64);
                }
                bits
            },
        )
        .reduce(
            || vec![0u64; WORDS],
            |mut a, b| {
                a.iter_mut().zip(b).for_each(|(x, y)| *x |= y);
                a
            },
        );
    let holds = |c: char| used[c as usize / 64] >> (c as u32 % 64) & 1 == 1;
    let mut pairs: Vec<(char, char)> = crate::hanzi::pairs().filter(|&(_, s)| holds(s)).collect();
    pairs.sort_unstable();
    let mut blocks: BTreeMap<u32, String> = BTreeMap::new();
    for (t, s) in pairs {
        let block = blocks.entry(t as u32 >> FOLD_BLOCK_BITS).or_default();
        block.push(t);
        block.push(s);
    }
    blocks
}

pub fn index(site: &Site, findings: &Findings, bodies: &Bodies) -> Index {
    let records = records::records(site, findings, bodies);
    // Each thread gathers the postings of a run of records; joined in order, lists stay ascending.
    let chunk = records.len().div_ceil(4 * rayon::current_num_threads()).max(64);
    let postings = records
        .par_chunks(chunk)
        .enumerate()
        .map(|(c, part)| {
            let mut postings = encode::Postings::default();
            for (i, record) in part.iter().enumerate() {
                add_keys(record, (c * chunk + i) as u32, &mut postings);
            }
            postings
        })
        .collect::<Vec<_>>()
        .into_iter()
        .reduce(encode::Postings::append)
        .unwrap_or_default();
    let shards = encode::shards(postings);
    let folds = fold_tables(&records);
    let fragments: Vec<Vec<u8>> =
        records.par_iter().map(|r| serde_json::to_vec(&r.fragment).unwrap_or_default()).collect();
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(shards.len() + records.len() + 100);
    let shard_count = shards.len();
    let schools = schools(&records);
    let g = generation(&shards, &folds, &schools);
    for (n, shard) in shards.into_iter().enumerate() {
        files.push((format!("search/s/{n}.txt"), format!("{g}\n{shard}").into_bytes()));
    }
    let fold = folds.keys().map(|b| format!("{b:x}")).collect::<Vec<_>>().join(",");
    for (b, pairs) in folds {
        files.push((format!("search/fold/{b:x}.txt"), pairs.into_bytes()));
    }
    files.push(("search/schools.json".to_string(), schools));
    let mut f: Vec<String> = Vec::new();
    let mut fragments = fragments.into_iter();
    for len in fragment_runs(&records) {
        let run: Vec<Vec<u8>> = fragments.by_ref().take(len).collect();
        let hash = short_hash(&run.join(&b'\n'));
        for (i, bytes) in run.into_iter().enumerate() {
            files.push((format!("search/f/{hash}-{i}.json"), bytes));
        }
        f.push(format!("{hash}{len}"));
    }
    let manifest = Manifest { v: 4, g, shards: shard_count, kinds: kinds(&records), fold, f: f.join(",") };
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Index { manifest, files }
}

/// One hash of every file named by number (shards, folding tables, the school list): a new
/// index gets a new generation, hence new URLs (`?v=GEN`), so no cache holds an older copy under
/// them; a copy cached while a deploy was half done (old page, new shard, or the reverse) tells
/// by the shard's first line. Forty bits: two generations of one site share a GEN about once in
/// a trillion deploys.
fn generation(shards: &[String], folds: &BTreeMap<u32, String>, schools: &[u8]) -> String {
    let mut all: Vec<u8> = Vec::new();
    for shard in shards {
        all.extend_from_slice(shard.as_bytes());
        all.push(0);
    }
    for (b, pairs) in folds {
        all.extend_from_slice(format!("{b:x}\0{pairs}\0").as_bytes());
    }
    all.extend_from_slice(schools);
    short_hash(&all)
}

/// The lengths of the runs of fragments, in record order. A run ends after a record whose link
/// hashes to a multiple of [`RUN_MEAN`], or at [`RUN_MAX`] records: where runs end depends on the
/// records themselves, not on their numbers, so records that move keep their runs.
fn fragment_runs(records: &[Record]) -> Vec<usize> {
    let mut runs = Vec::new();
    let mut len = 0;
    for r in records {
        len += 1;
        if encode::hash(&r.fragment.u).is_multiple_of(RUN_MEAN) || len == RUN_MAX {
            runs.push(len);
            len = 0;
        }
    }
    if len > 0 {
        runs.push(len);
    }
    runs
}

/// Every school's name, link and readings, for suggesting names when a query finds nothing.
fn schools(records: &[Record]) -> Vec<u8> {
    let list: Vec<(&str, &str, &[String])> = records
        .iter()
        .filter(|r| r.kind == Kind::School)
        .map(|r| (r.fragment.t.as_str(), r.fragment.u.as_str(), r.fragment.p.as_slice()))
        .collect();
    serde_json::to_vec(&list).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(url: &str) -> Record {
        let fragment = records::Fragment {
            t: String::new(),
            u: url.to_string(),
            k: "p",
            d: None,
            n: None,
            m: String::new(),
            x: String::new(),
            p: Vec::new(),
            f: None,
        };
        Record { kind: Kind::Policy, fields: Default::default(), fragment }
    }

    /// A document added first (newest) moves every record after it, but renames the fragments
    /// of its own run only: the runs after it end where they ended.
    #[test]
    fn a_record_added_in_front_changes_only_the_first_run() {
        let before: Vec<Record> = (0..2000).map(|i| record(&format!("policies/{i}/"))).collect();
        let runs = fragment_runs(&before);
        assert_eq!(runs.iter().sum::<usize>(), 2000);
        assert!(runs.len() > 10 && runs.iter().all(|&n| n <= RUN_MAX), "{runs:?}");
        let mut after = vec![record("policies/new/")];
        after.extend(before);
        let moved = fragment_runs(&after);
        // The new record joins the first run, or ends a run of its own.
        let joined = moved[0] == runs[0] + 1 && moved[1..] == runs[1..];
        assert!(joined || (moved[0] == 1 && moved[1..] == runs[..]), "{moved:?}");
    }

    /// The same cases are checked against static/search.js (tests/browser/search-unit.mjs), so
    /// the build and the browser cut queries, hash keys and read lists alike.
    #[test]
    fn agrees_with_the_browser_on_the_shared_fixture() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/search-fixture.json")).unwrap();
        for case in fixture["keys"].as_array().unwrap() {
            let text = case["text"].as_str().unwrap();
            let terms: Vec<Vec<String>> = text
                .split_whitespace()
                .map(|t| text::runs(t).iter().flat_map(|r| text::query_keys(r)).collect())
                .collect();
            let expected: Vec<Vec<String>> = serde_json::from_value(case["terms"].clone()).unwrap();
            assert_eq!(terms, expected, "{text}");
        }
        for case in fixture["hashes"].as_array().unwrap() {
            assert_eq!(u64::from(encode::hash(case["key"].as_str().unwrap())), case["hash"].as_u64().unwrap());
        }
        for case in fixture["lists"].as_array().unwrap() {
            let ids: Vec<u32> = serde_json::from_value(case["ids"].clone()).unwrap();
            let encoded = case["encoded"].as_str().unwrap();
            let ours = if encoded.starts_with('#') { encode::bitmap(&ids) } else { encode::varints(&ids) };
            assert_eq!(ours, encoded);
        }
    }
}

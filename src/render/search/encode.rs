//! The search index on disk: for each key, the records that hold it in each field, written in a
//! compact text form and split into shards by a hash of the key, so that a query fetches only
//! the shards of its own keys.
//!
//! A shard is lines of `key<TAB>title<TAB>doc_no<TAB>meta<TAB>body`; each field is empty, a
//! list of record numbers as gaps in a base-64 varint (`A`–`f` end a number, `g`–`_` carry five
//! more bits), or `#` and a bitmap in base64url, whichever is shorter (a key found in most
//! records costs one bit per record). The shard count grows with the index so that a shard stays
//! near [`SHARD_BYTES`] however large the site.

use super::records::{FIELDS, Field};
use super::text::{Packed, unpack};
use rayon::prelude::*;

/// The size a shard aims at. A query of four characters fetches about three shards; their count
/// costs the manifest nothing (shards are named by number), so they stay small.
pub const SHARD_BYTES: usize = 512;

const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Record numbers, ascending, as gaps: each number in five-bit groups, lowest first; the last
/// group of a number is a digit below 32.
pub fn varints(ids: &[u32]) -> String {
    let mut out = String::new();
    let mut last = 0;
    for (i, &id) in ids.iter().enumerate() {
        let mut gap = if i == 0 { id } else { id - last };
        last = id;
        while gap >= 32 {
            out.push(DIGITS[(32 + (gap & 31)) as usize] as char);
            gap >>= 5;
        }
        out.push(DIGITS[gap as usize] as char);
    }
    out
}

/// Record numbers as a bitmap (bit `i` of byte `i / 8` for record `i`), base64url, no padding.
pub fn bitmap(ids: &[u32]) -> String {
    let len = ids.last().map_or(0, |&l| l as usize / 8 + 1);
    let mut bytes = vec![0u8; len];
    for &id in ids {
        bytes[id as usize / 8] |= 1 << (id % 8);
    }
    let mut out = String::from("#");
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(DIGITS[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// The shorter of the two forms.
pub fn list(ids: &[u32]) -> String {
    let v = varints(ids);
    let b = bitmap(ids);
    if b.len() < v.len() { b } else { v }
}

/// FNV-1a of the key's UTF-8 bytes (search.js computes the same).
pub fn hash(key: &str) -> u32 {
    key.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Record numbers per field, ascending.
type Lists = [Vec<u32>; FIELDS];

/// Postings by key: filling them takes tens of millions of lookups on a large site. Nothing
/// depends on the map's order: [`shards`] sorts the keys once.
type ListsMap<K> = crate::fast_map::FastMap<K, Lists>;

/// The postings of every key. Keys of up to three characters stay packed numbers
/// ([`text::Packed`]) while they are gathered; each distinct one becomes a string once.
#[derive(Default)]
pub struct Postings {
    packed: ListsMap<Packed>,
    whole: ListsMap<String>,
}

impl Postings {
    /// Lists record `n` under `key` in `field`; records are added in ascending order.
    pub fn add(&mut self, key: Packed, field: Field, n: u32) {
        push(&mut self.packed.entry(key).or_default()[field as usize], n);
    }

    /// The same for a key that does not pack (a 文号's whole run).
    pub fn add_whole(&mut self, key: String, field: Field, n: u32) {
        push(&mut self.whole.entry(key).or_default()[field as usize], n);
    }

    /// These postings followed by `later`'s, whose records all come after these.
    pub fn append(mut self, later: Postings) -> Postings {
        fn join<K: Eq + std::hash::Hash>(into: &mut ListsMap<K>, from: ListsMap<K>) {
            for (key, lists) in from {
                let mine = into.entry(key).or_default();
                for (m, l) in mine.iter_mut().zip(lists) {
                    m.extend(l);
                }
            }
        }
        join(&mut self.packed, later.packed);
        join(&mut self.whole, later.whole);
        self
    }
}

fn push(list: &mut Vec<u32>, n: u32) {
    if list.last() != Some(&n) {
        list.push(n);
    }
}

/// The shards: their count and each one's text, lines in key order (empty shards are written
/// too, so every shard a query may ask for exists).
pub fn shards(postings: Postings) -> Vec<String> {
    let keyed: Vec<(String, Lists)> =
        postings.packed.into_iter().map(|(k, lists)| (unpack(k), lists)).chain(postings.whole).collect();
    let mut lines: Vec<(&str, u32, String)> = keyed
        .par_iter()
        .map(|(key, fields)| {
            let cells: Vec<String> = fields.iter().map(|ids| list(ids)).collect();
            (key.as_str(), hash(key), format!("{key}\t{}\n", cells.join("\t")))
        })
        .collect();
    lines.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    let total: usize = lines.iter().map(|(_, _, l)| l.len()).sum();
    let count = total.div_ceil(SHARD_BYTES).max(1);
    let mut out = vec![String::new(); count];
    for (_, h, line) in lines {
        out[h as usize % count].push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_written_in_five_bit_groups() {
        assert_eq!(varints(&[0, 1, 31]), "ABe");
        // 32 = 0 + 1·32: a carrying digit for the low group, then 1.
        assert_eq!(varints(&[32]), "gB");
        assert_eq!(varints(&[5, 1029]), "FggB");
    }

    #[test]
    fn dense_lists_become_bitmaps() {
        let all: Vec<u32> = (0..48).collect();
        assert_eq!(list(&all), "#________");
        assert_eq!(bitmap(&[0, 9]), "#AQI");
        assert_eq!(list(&[3]), "D");
    }

    #[test]
    fn the_hash_is_fnv_1a() {
        assert_eq!(hash(""), 0x811c_9dc5);
        assert_eq!(hash("a"), 0xe40c_292c);
    }
}

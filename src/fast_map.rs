//! One hash map type for the hot lookups of a build (ids, page paths, search postings): ahash
//! with fixed keys instead of the standard SipHash, which was a few percent of a 10k build.
//!
//! Fixed keys make it deterministic, and nothing may iterate these maps into the output in
//! their order anyway. What they are keyed by is the site's own content, which could only
//! slow its own build.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// The hasher of [`FastMap`].
pub type FastHash = BuildHasherDefault<ahash::AHasher>;

/// A `HashMap` with [`FastHash`].
pub type FastMap<K, V> = HashMap<K, V, FastHash>;

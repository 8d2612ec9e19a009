//! Stable ids, and tables of records found by id.
//!
//! A record is named by what the input says, never by its position: a school by the id written
//! in data/schools.yaml (`xugou-xiaoxue`), a document by its path in the site
//! (`policies/2017/a.md`). References between records, the findings of `evaluate` and the
//! indexes of the model are keyed by these ids, so adding one record renumbers nothing.

use crate::fast_map::FastMap;
use std::hash::Hash;
use std::sync::Arc;

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            pub fn new(text: &str) -> $name {
                $name(Arc::from(text))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Lets maps keyed by id be searched with a `&str`.
        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }
    )*};
}

ids! {
    /// A document: its path in the site folder (`policies/2017/lianqujiao-89.md`).
    DocId;
    /// A school: its `id` in data/schools.yaml.
    SchoolId;
    /// A pairing: its `id` in data/pairings.yaml.
    PairingId;
    /// An evaluation standard: its `id` (`youzhi-2017`).
    StandardId;
}

/// Records in their output order, each also found by its id. When two records share an id
/// (reported as an error by the model), the first is the one found.
#[derive(Debug)]
pub struct Table<K, T> {
    items: Vec<T>,
    /// Never iterated: its order cannot reach the output.
    index: FastMap<K, usize>,
}

impl<K: Hash + Eq + Clone, T> Table<K, T> {
    pub fn new(items: Vec<T>, id: impl Fn(&T) -> &K) -> Table<K, T> {
        let mut index = FastMap::with_capacity_and_hasher(items.len(), Default::default());
        for (i, item) in items.iter().enumerate() {
            index.entry(id(item).clone()).or_insert(i);
        }
        Table { items, index }
    }

    pub fn get<Q>(&self, id: &Q) -> Option<&T>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// Where the record with this id is in output order.
    pub fn position<Q>(&self, id: &Q) -> Option<usize>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.get(id).copied()
    }

    pub fn contains<Q>(&self, id: &Q) -> bool
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.contains_key(id)
    }
}

impl<K, T> Default for Table<K, T> {
    fn default() -> Table<K, T> {
        Table { items: Vec::new(), index: FastMap::default() }
    }
}

impl<'a, K, T> IntoIterator for &'a Table<K, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<K, T> std::ops::Deref for Table<K, T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

/// A [`Table`] whose records are shared (`Arc`) rather than owned, read as plain records: the
/// preview's next build takes every unchanged document from its cache without copying it.
#[derive(Debug)]
pub struct SharedTable<K, T>(Table<K, Arc<T>>);

impl<K: Hash + Eq + Clone, T> SharedTable<K, T> {
    pub fn new(items: Vec<Arc<T>>, id: impl Fn(&T) -> &K) -> SharedTable<K, T> {
        SharedTable(Table::new(items, |item| id(item)))
    }

    pub fn get<Q>(&self, id: &Q) -> Option<&T>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.get(id).map(|item| &**item)
    }

    /// Where the record with this id is in output order.
    pub fn position<Q>(&self, id: &Q) -> Option<usize>
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.position(id)
    }

    pub fn contains<Q>(&self, id: &Q) -> bool
    where
        K: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.0.contains(id)
    }
}

impl<K, T> SharedTable<K, T> {
    /// The records in output order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator + Clone {
        self.0.items.iter().map(|item| &**item)
    }

    /// The record at a position in output order.
    pub fn at(&self, i: usize) -> Option<&T> {
        self.0.items.get(i).map(|item| &**item)
    }

    pub fn len(&self) -> usize {
        self.0.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.items.is_empty()
    }

    /// The records in output order, in parallel.
    pub fn par_iter(&self) -> impl rayon::iter::IndexedParallelIterator<Item = &T>
    where
        T: Sync + Send,
    {
        use rayon::prelude::*;
        self.0.items.par_iter().map(|item| &**item)
    }
}

impl<K, T> Default for SharedTable<K, T> {
    fn default() -> SharedTable<K, T> {
        SharedTable(Table::default())
    }
}

impl<'a, K, T> IntoIterator for &'a SharedTable<K, T> {
    type Item = &'a T;
    type IntoIter = std::iter::Map<std::slice::Iter<'a, Arc<T>>, fn(&'a Arc<T>) -> &'a T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.items.iter().map(|item| &**item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_records_by_id_in_output_order() {
        let t = Table::new(vec![(SchoolId::new("b"), 1), (SchoolId::new("a"), 2), (SchoolId::new("b"), 3)], |r| &r.0);
        assert_eq!(t.get("a").map(|r| r.1), Some(2));
        assert_eq!(t.get("b").map(|r| r.1), Some(1), "the first of a repeated id");
        assert_eq!(t.iter().map(|r| r.1).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(t.get("c").is_none());
    }
}

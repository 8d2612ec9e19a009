//! Checks across records: one file per kind of check.

pub mod duplicates;
pub mod pii;
pub mod references;

//! Integration tests: one binary, one module per area (one link step on 2 cores).

mod build;
mod cli;
mod docs;
mod errors;
mod publish;
mod support;

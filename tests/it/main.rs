//! Integration tests: one binary, one module per area (one link step on 2 cores).

mod assets;
mod boundaries;
mod build;
mod builder;
mod chinese;
mod cli;
mod county;
mod crafted;
mod custom;
mod data_errors;
mod deploy;
// Uses the S3 client to read the bucket back.
#[cfg(feature = "remote-deploy")]
mod deploy_servers;
mod disclosure;
mod disclosure_pages;
mod docs;
mod errors;
mod evaluation;
mod golden;
mod guards;
mod holds;
mod import;
mod paths;
mod progress;
mod publish;
mod robustness;
mod roundtrip;
mod sanitize;
mod serve;
mod sheets;
mod spread;
mod support;
mod swap;
mod targets;
mod verdicts;
mod word;

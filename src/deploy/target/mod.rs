//! Where a deploy sends files: one small trait, one file per kind of target.

pub mod folder;
#[cfg(feature = "remote-deploy")]
pub mod s3;
pub mod sftp;

use std::path::PathBuf;
use std::time::Duration;

/// One file to send: its path in the site, where its bytes are, and how to serve it.
#[derive(Clone, Debug)]
pub struct Item {
    pub path: String,
    pub local: PathBuf,
    pub content_type: &'static str,
    pub cache_control: &'static str,
}

/// Why an operation failed; `transient` ones are tried again after a pause.
#[derive(Clone, Debug)]
pub struct Failure {
    pub transient: bool,
    pub message: String,
}

impl Failure {
    pub fn transient(message: impl Into<String>) -> Failure {
        Failure { transient: true, message: message.into() }
    }

    pub fn permanent(message: impl Into<String>) -> Failure {
        Failure { transient: false, message: message.into() }
    }
}

pub trait Target {
    /// Puts one file, replacing what is there; a reader sees the old file or the new, whole.
    fn put(&mut self, item: &Item) -> Result<(), Failure>;
    /// Deletes one file; a file already gone is not an error.
    fn delete(&mut self, path: &str) -> Result<(), Failure>;
    /// Puts many (a target with a costly round trip sends them together); `done` is told of
    /// each file once it is on the target.
    fn put_all(&mut self, items: &[Item], retry: &Retry, done: &mut dyn FnMut(&Item)) -> Result<(), Failure> {
        let delay = put_delay();
        for item in items {
            std::thread::sleep(delay);
            retry.run(|| self.put(item))?;
            done(item);
        }
        Ok(())
    }
}

/// A pause before each upload, for tests that kill a deploy half way
/// (`GONGSHI_DEPLOY_PUT_DELAY_MS`); none otherwise.
pub fn put_delay() -> Duration {
    std::env::var("GONGSHI_DEPLOY_PUT_DELAY_MS")
        .ok()
        .and_then(|v| v.parse().ok())
        .map_or(Duration::ZERO, Duration::from_millis)
}

/// Tries again after transient failures: 4 more times, waiting 0.5, 1, 2 and 4 seconds.
pub struct Retry {
    pub attempts: u32,
    pub first_pause: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        let first_pause = std::env::var("GONGSHI_DEPLOY_RETRY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map_or(Duration::from_millis(500), Duration::from_millis);
        Retry { attempts: 5, first_pause }
    }
}

impl Retry {
    pub fn run<T>(&self, mut op: impl FnMut() -> Result<T, Failure>) -> Result<T, Failure> {
        let mut pause = self.first_pause;
        let mut tried = 1;
        loop {
            match op() {
                Err(f) if f.transient && tried < self.attempts => {
                    std::thread::sleep(pause);
                    pause *= 2;
                    tried += 1;
                }
                Err(f) if tried > 1 => {
                    return Err(Failure { message: format!("{}（试了 {tried} 次）", f.message), ..f });
                }
                other => return other,
            }
        }
    }
}

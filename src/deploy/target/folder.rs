//! A folder on this machine: a mounted share, or the root of a web server on the same host.
//! Each file is written beside its place and renamed into it, so a reader never sees half.

use super::{Failure, Item, Target};
use std::path::{Path, PathBuf};

pub struct Folder {
    pub root: PathBuf,
}

impl Folder {
    fn at(&self, path: &str) -> PathBuf {
        self.root.join(path)
    }
}

fn failed(doing: &str, path: &Path, e: &std::io::Error) -> Failure {
    let message = crate::diagnostics::os::explain(&format!("{doing} {}", path.display()), e);
    match e.kind() {
        std::io::ErrorKind::Interrupted | std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            Failure::transient(message)
        }
        _ => Failure::permanent(message),
    }
}

impl Target for Folder {
    fn put(&mut self, item: &Item) -> Result<(), Failure> {
        let target = self.at(&item.path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(|e| failed("创建文件夹", dir, &e))?;
        }
        let tmp = target.with_file_name(format!(
            ".{}.gongshi-tmp",
            target.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()
        ));
        std::fs::copy(&item.local, &tmp).map_err(|e| failed("复制到", &tmp, &e))?;
        std::fs::rename(&tmp, &target).map_err(|e| failed("改名为", &target, &e))
    }

    fn delete(&mut self, path: &str) -> Result<(), Failure> {
        let target = self.at(path);
        match std::fs::remove_file(&target) {
            Ok(()) => {
                // Folders left empty go too (not the root).
                let mut dir = target.parent();
                while let Some(d) = dir.filter(|d| *d != self.root.as_path()) {
                    if std::fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(failed("删除", &target, &e)),
        }
    }
}

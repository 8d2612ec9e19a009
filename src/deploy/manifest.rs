//! The deploy manifest: what gongshi has put on a target, kept beside the output
//! (`.gongshi/deploy/NAME.json`, cache it between CI runs). The next deploy compares the new
//! output with it, never with a listing of the bucket, and deletes only files it names.
//!
//! It is saved after every step, so a deploy killed at any point knows on the next run what may
//! be on the target: `pending` lists files whose upload was started and not confirmed.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One file as deployed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// SHA-256 of the bytes, hex.
    pub hash: String,
    pub size: u64,
    pub content_type: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version.
    pub v: u32,
    /// Finished deploys so far.
    pub deploys: u64,
    /// Every file on the target, as last uploaded.
    pub files: BTreeMap<String, Entry>,
    /// Content-named files no longer in the output, kept for one deploy so that a page cached a
    /// minute ago still finds them: path → the deploy that retired them.
    pub retired: BTreeMap<String, u64>,
    /// Uploads started and not confirmed (a deploy was killed): may be on the target, contents
    /// unknown.
    pub pending: BTreeSet<String>,
}

/// Where the manifest of target `name` is kept for the output folder `out`.
pub fn path(out: &Path, name: &str) -> PathBuf {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let safe: String =
        name.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    parent.join(".gongshi").join("deploy").join(format!("{safe}.json"))
}

impl Manifest {
    /// The manifest at `path`; an empty one when there is none yet.
    pub fn read(path: &Path) -> Result<Manifest, String> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| format!("{}：{e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Manifest { v: 1, ..Manifest::default() }),
            Err(e) => Err(crate::diagnostics::os::explain(&format!("读取 {}", path.display()), &e)),
        }
    }

    /// Writes the manifest whole, through a temporary file and a rename: a kill leaves the old
    /// or the new one, never half of one.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let explain = |e: std::io::Error| crate::diagnostics::os::explain(&format!("写入 {}", path.display()), &e);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(explain)?;
        }
        let tmp = path.with_extension("json.tmp");
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| e.to_string())?;
        std::fs::write(&tmp, bytes).map_err(explain)?;
        std::fs::rename(&tmp, path).map_err(explain)
    }
}

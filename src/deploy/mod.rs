//! `gongshi deploy`: ships what `publish` wrote to a target (a folder, S3-compatible object
//! storage, an SFTP server), by a manifest of hashes, in an order that never leaves a page
//! without its assets. It never renders and never reads the site but site.yaml.
//!
//! `deploy(out, target, options) → Outcome`: scan the output ([`scan`]), compare it with the
//! manifest of the last deploy ([`manifest`]), work out the [`plan`], then send it wave by wave,
//! saving the manifest after each, and delete last. A failure stops before the next wave.

pub mod manifest;
pub mod meta;
pub mod plan;
pub mod target;

use crate::diagnostics::{Code, Diagnostic, Location};
use crate::model::deploy::{Target as TargetConfig, TargetKind};
use manifest::{Entry, Manifest};
use plan::{Plan, Wave};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use target::{Item, Retry, Target};

#[derive(Clone, Debug)]
pub struct Options {
    pub dry_run: bool,
    pub max_deletes: usize,
    pub confirm: bool,
}

/// What a deploy did, or would do (`--dry-run`).
#[derive(Debug, Default)]
pub struct Outcome {
    pub plan: Plan,
    /// Files uploaded, per wave.
    pub uploaded: BTreeMap<Wave, usize>,
    pub deleted: usize,
    /// Why it stopped, when it did.
    pub failure: Option<String>,
}

impl Outcome {
    pub fn uploaded_total(&self) -> usize {
        self.uploaded.values().sum()
    }

    /// In Chinese, what was and was not deployed.
    pub fn account(&self) -> String {
        let p = &self.plan;
        let mut text = String::new();
        for wave in [Wave::Assets, Wave::Pages, Wave::Indexes] {
            let planned = p.uploads.iter().filter(|u| u.wave == wave).count();
            if planned > 0 {
                let done = self.uploaded.get(&wave).copied().unwrap_or(0);
                text.push_str(&format!("  {}：已上传 {done} / {planned}\n", wave.zh()));
            }
        }
        text.push_str(&format!(
            "  删除：已删除 {} / {}；未变的文件 {} 个；保留一次的旧散列文件 {} 个\n",
            self.deleted,
            p.deletes.len(),
            p.unchanged,
            p.retire.len()
        ));
        text
    }
}

/// Every file of the output folder with its hash, size and type (the marker file left out).
pub fn scan(out: &Path) -> Result<BTreeMap<String, Entry>, Diagnostic> {
    let no_output =
        |why: String| Diagnostic::error(Code::DeployNoOutput, Location::Path(out.display().to_string())).detail(why);
    if !out.join(crate::publish::marker::MARKER).is_file() {
        return Err(no_output(format!(
            "{} 不是 gongshi 构建的输出文件夹（没有 {} 标记）",
            out.display(),
            crate::publish::marker::MARKER
        )));
    }
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(|e| no_output(crate::diagnostics::os::walk(&e)))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(out).unwrap_or(entry.path());
            let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            let rel = rel.join("/");
            if rel != crate::publish::marker::MARKER {
                paths.push(rel);
            }
        }
    }
    paths
        .into_par_iter()
        .map(|rel| {
            let bytes = std::fs::read(out.join(&rel))
                .map_err(|e| no_output(crate::diagnostics::os::explain(&format!("读取 {rel}"), &e)))?;
            let entry = Entry {
                hash: crate::render::assets::sha256_hex(&bytes),
                size: bytes.len() as u64,
                content_type: meta::content_type(&rel).to_string(),
            };
            Ok((rel, entry))
        })
        .collect()
}

/// Opens the target a configuration names.
pub fn open(config: &TargetConfig) -> Result<Box<dyn Target>, Diagnostic> {
    match &config.kind {
        TargetKind::Folder { folder } => Ok(Box::new(target::folder::Folder { root: folder.into() })),
        TargetKind::Sftp { host, port, user, key_file, folder } => {
            Ok(Box::new(target::sftp::Sftp::new(host, *port, user, key_file.as_deref(), folder)))
        }
        #[cfg(feature = "remote-deploy")]
        TargetKind::S3 { endpoint, bucket, prefix, region, path_style } => {
            let credentials = target::s3::Credentials::from_env().ok_or_else(|| {
                Diagnostic::error(Code::DeployNoCredentials, Location::None)
                    .detail(format!("发布目标「{}」是对象存储，环境变量里没有访问密钥", config.name))
            })?;
            target::s3::S3::new(endpoint, bucket, prefix, region, *path_style, credentials)
                .map(|s| Box::new(s) as Box<dyn Target>)
                .map_err(|why| {
                    Diagnostic::error(Code::DeployTargetInvalid, Location::Path("site.yaml".into())).detail(why)
                })
        }
        #[cfg(not(feature = "remote-deploy"))]
        TargetKind::S3 { .. } => Err(Diagnostic::error(Code::DeployUnsupported, Location::None)
            .detail("这个 gongshi 构建时没有打开 remote-deploy 功能，不能上传到对象存储")),
    }
}

/// Plans the deploy of the output `out` to `config`; with `--dry-run` that is all. `log` hears
/// of each wave as it starts.
pub fn deploy(
    out: &Path,
    config: &TargetConfig,
    options: &Options,
    log: &mut dyn FnMut(&str),
) -> Result<Outcome, Diagnostic> {
    let current = scan(out)?;
    let manifest_path = manifest::path(out, &config.name);
    let failed = |why: String| Diagnostic::error(Code::DeployFailed, Location::None).detail(why);
    let old = Manifest::read(&manifest_path).map_err(failed)?;
    let plan = plan::plan(&old, &current);
    if plan.deletes.len() > options.max_deletes && !options.confirm && !options.dry_run {
        let shown: Vec<&str> = plan.deletes.iter().take(5).map(String::as_str).collect();
        return Err(Diagnostic::error(Code::DeployTooManyDeletes, Location::None).detail(format!(
            "这次要删除 {} 个文件（如 {}），超过 --max-deletes {}；什么都没有上传或删除",
            plan.deletes.len(),
            shown.join("、"),
            options.max_deletes
        )));
    }
    let mut outcome = Outcome { plan, ..Outcome::default() };
    if options.dry_run {
        return Ok(outcome);
    }
    let mut target = open(config)?;
    let retry = Retry::default();
    let mut m = old.clone();
    m.v = 1;
    m.pending.extend(outcome.plan.uploads.iter().map(|u| u.path.clone()));
    m.save(&manifest_path).map_err(failed)?;
    for wave in [Wave::Assets, Wave::Pages, Wave::Indexes] {
        let items: Vec<Item> = outcome
            .plan
            .uploads
            .iter()
            .filter(|u| u.wave == wave)
            .map(|u| Item {
                path: u.path.clone(),
                local: out.join(&u.path),
                content_type: meta::content_type(&u.path),
                cache_control: meta::cache_control(&u.path),
            })
            .collect();
        if items.is_empty() {
            continue;
        }
        log(&format!("上传{}：{} 个 / uploading", wave.zh(), items.len()));
        let entries: BTreeMap<&str, &Entry> =
            outcome.plan.uploads.iter().map(|u| (u.path.as_str(), &u.entry)).collect();
        let mut count = 0;
        let result = target.put_all(&items, &retry, &mut |item| {
            count += 1;
            if let Some(e) = entries.get(item.path.as_str()) {
                m.files.insert(item.path.clone(), (*e).clone());
                m.retired.remove(&item.path);
            }
            m.pending.remove(&item.path);
        });
        outcome.uploaded.insert(wave, count);
        m.save(&manifest_path).map_err(failed)?;
        if let Err(f) = result {
            outcome.failure = Some(f.message);
            return Ok(outcome);
        }
    }
    let this_deploy = old.deploys + 1;
    for path in &outcome.plan.retire {
        m.files.remove(path);
        m.retired.insert(path.clone(), this_deploy);
    }
    m.save(&manifest_path).map_err(failed)?;
    if !outcome.plan.deletes.is_empty() {
        log(&format!("删除：{} 个 / deleting", outcome.plan.deletes.len()));
    }
    for path in outcome.plan.deletes.clone() {
        if let Err(f) = retry.run(|| target.delete(&path)) {
            m.save(&manifest_path).map_err(failed)?;
            outcome.failure = Some(f.message);
            return Ok(outcome);
        }
        m.files.remove(&path);
        m.retired.remove(&path);
        m.pending.remove(&path);
        outcome.deleted += 1;
        if outcome.deleted.is_multiple_of(50) {
            m.save(&manifest_path).map_err(failed)?;
        }
    }
    m.deploys = this_deploy;
    m.save(&manifest_path).map_err(failed)?;
    Ok(outcome)
}

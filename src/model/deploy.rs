//! site.yaml `deploy:` (发布): where `gongshi deploy` sends the output. Read with the rest of
//! site.yaml, so `gongshi check` reports a broken target before CI tries to deploy.
//!
//! A target is a local folder, S3-compatible object storage (Aliyun OSS, Tencent COS, Huawei
//! OBS, MinIO) or an SFTP server. Secrets (access keys, passwords) are never read from here:
//! they come from the environment, and a key that looks like one is an error (`load::keys`).

use super::read::Fields;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};
use crate::load::Node;

/// The default of `--max-deletes`.
pub const DEFAULT_MAX_DELETES: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeployConfig {
    pub targets: Vec<Target>,
    /// How many files one deploy may delete without `--confirm`.
    pub max_deletes: usize,
}

impl Default for DeployConfig {
    fn default() -> DeployConfig {
        DeployConfig { targets: Vec::new(), max_deletes: DEFAULT_MAX_DELETES }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    pub kind: TargetKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// 文件夹: a folder on this machine (a mounted share, a web server's root).
    Folder { folder: String },
    /// 对象存储: an S3-compatible bucket.
    S3 { endpoint: String, bucket: String, prefix: String, region: String, path_style: bool },
    /// SFTP: a folder on a server, with a key file (no passwords).
    Sftp { host: String, port: u16, user: String, key_file: Option<String>, folder: String },
}

pub fn read(node: &Node, diags: &mut Diagnostics) -> DeployConfig {
    let f = Fields::new(node);
    let max_deletes = match f.text("max_deletes", diags) {
        None => DEFAULT_MAX_DELETES,
        Some(t) => t.value.parse().unwrap_or_else(|_| {
            diags.push(invalid(t.span, format!("最多删除「{}」应是一个整数", t.value)));
            DEFAULT_MAX_DELETES
        }),
    };
    let mut targets: Vec<Target> = Vec::new();
    for t in f.records("targets", "发布目标", diags) {
        if let Some(target) = target(&t, diags) {
            if targets.iter().any(|o| o.name == target.name) {
                diags.push(invalid(t.span(), format!("发布目标「{}」重名", target.name)));
            } else {
                targets.push(target);
            }
        }
    }
    DeployConfig { targets, max_deletes }
}

fn target(t: &Fields, diags: &mut Diagnostics) -> Option<Target> {
    let name = t.required_text("name", "名称 name", diags)?.value;
    let kind = t.required_text("type", "类型 type（文件夹、对象存储 或 sftp）", diags)?;
    let mut need = |key: &str, what: &str| {
        let v = t.required_text(key, what, diags).map(|s| s.value);
        v.filter(|v| !v.trim().is_empty())
    };
    let kind = match kind.value.to_lowercase().as_str() {
        "folder" | "文件夹" | "目录" => TargetKind::Folder { folder: need("folder", "文件夹 folder")? },
        "s3" | "对象存储" | "oss" | "cos" | "obs" | "minio" => {
            let endpoint = need("endpoint", "服务地址 endpoint（如 https://oss-cn-hangzhou.aliyuncs.com）");
            let bucket = need("bucket", "存储桶 bucket");
            let region = t.text("region", diags).map_or_else(|| "us-east-1".to_string(), |s| s.value);
            let prefix = t.text("prefix", diags).map(|s| s.value).unwrap_or_default();
            let prefix = prefix.trim_matches('/').to_string();
            let path_style = t.bool("path_style", diags).unwrap_or(false);
            TargetKind::S3 {
                endpoint: endpoint?.trim_end_matches('/').to_string(),
                bucket: bucket?,
                prefix,
                region,
                path_style,
            }
        }
        "sftp" => {
            let host = need("host", "主机 host");
            let user = need("user", "用户名 user");
            let folder = need("folder", "文件夹 folder（服务器上的目录）");
            let port = match t.text("port", diags) {
                None => 22,
                Some(p) => p.value.parse().unwrap_or_else(|_| {
                    diags.push(invalid(p.span, format!("端口「{}」应是 1 到 65535 之间的整数", p.value)));
                    22
                }),
            };
            let key_file = t.text("key_file", diags).map(|s| s.value);
            TargetKind::Sftp { host: host?, port, user: user?, key_file, folder: folder? }
        }
        other => {
            diags.push(invalid(kind.span, format!("类型「{other}」应是 文件夹（folder）、对象存储（s3）或 sftp")));
            return None;
        }
    };
    Some(Target { name, kind })
}

fn invalid(span: Span, detail: String) -> Diagnostic {
    Diagnostic::error(Code::DeployTargetInvalid, span).detail(detail)
}

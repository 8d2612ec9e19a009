//! A folder on a server reached by SFTP (a county portal's web server). Runs the system's
//! OpenSSH `sftp` in batch mode with a key (never a password), a hundred files a session. Each
//! file is uploaded beside its place and renamed into it (OpenSSH's posix-rename replaces the
//! old file in one step), so a reader never sees half a page.
//!
//! Host keys: the first connection records the server's key (`accept-new`) in the known-hosts
//! file, `GONGSHI_SFTP_KNOWN_HOSTS` when set; a changed key is refused.

use super::{Failure, Item, Retry, Target};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

/// Files per `sftp` session.
const BATCH: usize = 100;

pub struct Sftp {
    pub host: String,
    pub port: u16,
    pub user: String,
    pub key_file: Option<String>,
    pub folder: String,
    /// Remote folders already made in this deploy.
    made: BTreeSet<String>,
}

impl Sftp {
    pub fn new(host: &str, port: u16, user: &str, key_file: Option<&str>, folder: &str) -> Sftp {
        Sftp {
            host: host.into(),
            port,
            user: user.into(),
            key_file: key_file.map(String::from),
            folder: folder.trim_end_matches('/').to_string(),
            made: BTreeSet::new(),
        }
    }

    fn remote(&self, path: &str) -> String {
        format!("{}/{path}", self.folder)
    }

    /// Runs one batch of sftp commands; any failing command (not prefixed `-`) fails it.
    fn batch(&self, commands: &str) -> Result<(), Failure> {
        let mut cmd = Command::new("sftp");
        cmd.args(["-b", "-", "-P", &self.port.to_string()]).args([
            "-o",
            "BatchMode=yes",
            "-o",
            "StrictHostKeyChecking=accept-new",
            "-o",
            "ConnectTimeout=20",
        ]);
        if let Ok(known) = std::env::var("GONGSHI_SFTP_KNOWN_HOSTS") {
            cmd.args(["-o", &format!("UserKnownHostsFile={known}")]);
        }
        if let Some(key) = &self.key_file {
            cmd.args(["-i", key, "-o", "IdentitiesOnly=yes"]);
        }
        cmd.arg(format!("{}@{}", self.user, self.host));
        let mut child =
            cmd.stdin(Stdio::piped()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn().map_err(|e| {
                Failure::permanent(crate::diagnostics::os::explain("运行 sftp（需要安装 OpenSSH 客户端）", &e))
            })?;
        if let Some(mut stdin) = child.stdin.take() {
            let _ = stdin.write_all(commands.as_bytes());
        }
        let out = child.wait_with_output().map_err(|e| Failure::transient(e.to_string()))?;
        if out.status.success() {
            return Ok(());
        }
        let said = String::from_utf8_lossy(&out.stderr);
        let said = said.lines().rfind(|l| !l.starts_with("sftp>")).unwrap_or("").trim().to_string();
        // A dropped connection and a refused command look alike from here: both are tried again.
        Err(Failure::transient(format!("sftp {}@{}:{} 失败：{said}", self.user, self.host, self.port)))
    }

    /// The commands that put `items`, making their folders first: in the first session also the
    /// remote folder itself and its parents (a new 专栏 on the portal has none yet).
    fn put_commands(&mut self, items: &[Item]) -> String {
        let mut text = String::new();
        if self.made.insert(String::new()) {
            let mut dir = String::new();
            for part in self.folder.split('/').filter(|p| !p.is_empty()) {
                if !dir.is_empty() || self.folder.starts_with('/') {
                    dir.push('/');
                }
                dir.push_str(part);
                text.push_str(&format!("-mkdir {}\n", quote(&dir)));
            }
        }
        for item in items {
            let mut dir = String::new();
            for part in item.path.split('/').rev().skip(1).collect::<Vec<_>>().into_iter().rev() {
                dir = if dir.is_empty() { part.to_string() } else { format!("{dir}/{part}") };
                if self.made.insert(dir.clone()) {
                    text.push_str(&format!("-mkdir {}\n", quote(&self.remote(&dir))));
                }
            }
            let remote = self.remote(&item.path);
            let tmp = format!("{remote}.gongshi-tmp");
            text.push_str(&format!("put {} {}\n", quote(&item.local.to_string_lossy()), quote(&tmp)));
            text.push_str(&format!("rename {} {}\n", quote(&tmp), quote(&remote)));
        }
        text
    }
}

/// A quoted sftp argument.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

impl Target for Sftp {
    fn put(&mut self, item: &Item) -> Result<(), Failure> {
        let commands = self.put_commands(std::slice::from_ref(item));
        self.batch(&commands)
    }

    fn delete(&mut self, path: &str) -> Result<(), Failure> {
        self.batch(&format!("-rm {}\n", quote(&self.remote(path))))
    }

    fn put_all(&mut self, items: &[Item], retry: &Retry, done: &mut dyn FnMut(&Item)) -> Result<(), Failure> {
        for chunk in items.chunks(BATCH) {
            retry.run(|| {
                // A retried session makes its folders again: the first may have died before.
                let made = self.made.clone();
                let commands = self.put_commands(chunk);
                let result = self.batch(&commands);
                if result.is_err() {
                    self.made = made;
                }
                result
            })?;
            chunk.iter().for_each(&mut *done);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(path: &str) -> Item {
        Item { path: path.into(), local: format!("/out/{path}").into(), content_type: "", cache_control: "" }
    }

    #[test]
    fn the_first_session_makes_the_remote_folder_and_its_parents() {
        let mut sftp = Sftp::new("h", 22, "u", None, "/var/www/junheng/");
        let first = sftp.put_commands(&[item("a/index.html")]);
        assert_eq!(
            first,
            "-mkdir \"/var\"\n-mkdir \"/var/www\"\n-mkdir \"/var/www/junheng\"\n-mkdir \"/var/www/junheng/a\"\n\
             put \"/out/a/index.html\" \"/var/www/junheng/a/index.html.gongshi-tmp\"\n\
             rename \"/var/www/junheng/a/index.html.gongshi-tmp\" \"/var/www/junheng/a/index.html\"\n"
        );
        let second = sftp.put_commands(&[item("a/b.css")]);
        assert!(!second.contains("mkdir"), "{second}");
        let mut relative = Sftp::new("h", 22, "u", None, "www/junheng");
        assert!(relative.put_commands(&[item("x.css")]).starts_with("-mkdir \"www\"\n-mkdir \"www/junheng\"\n"));
    }
}

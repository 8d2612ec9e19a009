//! `gongshi serve` as the clerk runs it: the real binary on a free port, asked over HTTP.

use crate::support::SiteTest;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running `gongshi serve` and what it printed.
struct Served {
    child: Child,
    /// The address it printed, `http://127.0.0.1:PORT/base/`.
    url: String,
    output: Arc<Mutex<String>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Served {
    fn start(t: &SiteTest, extra: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args(["serve", "site", "--port", "0"])
            .args(extra)
            .current_dir(&t.root)
            .env("SOURCE_DATE_EPOCH", &t.epoch)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().unwrap();
        let into = output.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                into.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut url = String::new();
        for line in lines.by_ref().map_while(Result::ok) {
            output.lock().unwrap().push_str(&(line.clone() + "\n"));
            if let Some(rest) = line.strip_prefix("预览地址：") {
                url = rest.split('（').next().unwrap().to_string();
                break;
            }
        }
        assert!(!url.is_empty(), "serve printed no address:\n{}", output.lock().unwrap());
        let into = output.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                into.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        Served { child, url, output }
    }

    fn printed(&self) -> String {
        self.output.lock().unwrap().clone()
    }

    /// GET of a full URL as a browser sends it (the path as printed, percent-encoded).
    fn get(&self, url: &str) -> Answer {
        let rest = url.strip_prefix("http://").unwrap();
        let (host, path) = rest.split_at(rest.find('/').unwrap());
        let mut stream = std::net::TcpStream::connect(host).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut all = Vec::new();
        stream.read_to_end(&mut all).unwrap();
        let split = all.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&all[..split]).into_owned();
        let status = head[9..12].parse().unwrap();
        Answer { status, head, body: all[split + 4..].to_vec() }
    }

    /// Asks `path` (under the printed address) until `done` holds, for up to 20 seconds.
    fn wait_for(&self, path: &str, done: impl Fn(&Answer) -> bool) -> Answer {
        let start = Instant::now();
        loop {
            let answer = self.get(&format!("{}{path}", self.url));
            if done(&answer) || start.elapsed() > Duration::from_secs(20) {
                return answer;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

/// Issue 20: the preview's address did not work for a base URL whose path is not plain ASCII
/// (the build accepts it; the printed address gave "预览在 … 下").
#[test]
fn the_printed_address_works_for_every_base_url_the_build_accepts() {
    let t = SiteTest::with_site("serve-base-urls");
    for (base, path) in [
        ("https://jyj.example.cn:8443/教育 专栏/", "/%E6%95%99%E8%82%B2%20%E4%B8%93%E6%A0%8F/"),
        ("http://jyj.example.cn/a%20b/c'd(1)/", "/a%20b/c'd(1)/"),
        ("https://jyj.example.cn", "/"),
        ("https://jyj.example.cn/zl/junheng", "/zl/junheng/"),
    ] {
        let served = Served::start(&t, &["--base-url", base]);
        assert!(served.url.ends_with(path), "{base}: printed {}", served.url);
        let home = served.get(&served.url);
        assert_eq!(home.status, 200, "{base}: {} gave\n{}\n{}", served.url, home.head, home.text());
        assert!(home.text().contains("测试专栏"), "{base}: {}", home.text());
        let policies = served.get(&format!("{}policies/", served.url));
        assert_eq!(policies.status, 200, "{base}: {}", policies.text());
    }
}

/// Peak resident memory of a process (Linux: VmHWM in /proc), in KiB.
#[cfg(target_os = "linux")]
fn peak_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Issue 20: four downloads of a 400 MB attachment took 1.66 GB: each was read whole.
#[cfg(target_os = "linux")]
#[test]
fn attachments_are_streamed_not_read_whole() {
    let t = SiteTest::with_site("serve-stream");
    t.file("files/.keep", "");
    let big = t.site().join("files/录像.bin");
    let size: u64 = 256 << 20;
    std::fs::File::create(&big).unwrap().set_len(size).unwrap();
    let served = Served::start(&t, &[]);
    let before = peak_kib(served.child.id());
    let url = format!("{}files/%E5%BD%95%E5%83%8F.bin", served.url);
    let answer = served.get(&url);
    assert_eq!(answer.status, 200, "{}", answer.head);
    assert_eq!(answer.body.len() as u64, size);
    assert!(answer.head.to_ascii_lowercase().contains(&format!("content-length: {size}")), "{}", answer.head);
    let grew = peak_kib(served.child.id()).saturating_sub(before);
    assert!(grew < 64 << 10, "serving a 256 MB file raised the peak by {grew} KiB");
}

/// Issue 20: the preview must keep working through whatever happens to the site folder, and
/// say so when it cannot. A folder moved away (renamed, deleted) and back again.
#[test]
fn a_site_folder_moved_away_is_said_and_the_preview_recovers_when_it_is_back() {
    let t = SiteTest::with_site("serve-folder-gone");
    let served = Served::start(&t, &[]);
    assert_eq!(served.get(&served.url).status, 200);
    let away = t.root.join("site-away");
    std::fs::rename(t.site(), &away).unwrap();
    let gone = served.wait_for("", |a| a.text().contains("gongshi-overlay"));
    let said = "预览的网站文件夹不见了：";
    assert!(gone.text().contains(said), "{}", gone.text());
    assert!(gone.text().contains("测试专栏"), "the last good page stays under the panel: {}", gone.text());
    std::fs::rename(&away, t.site()).unwrap();
    let back = served.wait_for("", |a| a.status == 200 && !a.text().contains("gongshi-overlay"));
    assert!(!back.text().contains("gongshi-overlay"), "{}", back.text());
    // An edit after the folder came back is picked up: the folder is watched again.
    t.file("site.yaml", &crate::support::SITE_YAML.replace("测试专栏", "改过的专栏"));
    let edited = served.wait_for("", |a| a.text().contains("改过的专栏"));
    assert!(edited.text().contains("改过的专栏"), "{}", edited.text());
    let printed = served.printed();
    assert!(printed.contains(said), "{printed}");
    assert!(printed.contains("网站文件夹回来了"), "{printed}");
}

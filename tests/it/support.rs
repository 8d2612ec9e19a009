//! `SiteTest`: a small site written into a fresh folder under `CARGO_TARGET_TMPDIR` (kept after
//! a failure for a look), built with the real `gongshi` binary, and checks on what came out.

use scraper::{Html, Selector};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// 2017-08-23 12:00 China time: inside the example 公示 periods of August 2017.
pub const EPOCH_2017_08_23: &str = "1503460800";

pub const SITE_YAML: &str = "\
title: 测试专栏
base_url: https://jyj.example.cn/junheng/
issuer: 连云区教育局
region: 连云区
organizer: 连云区教育局办公室
contact: {phone: 0518-82310000}
site_id_code: '3207030000'
icp: 苏ICP备00000000号-1
police_beian: 苏公网安备32070302000000号
party_government: true
";

pub struct SiteTest {
    pub root: PathBuf,
    pub epoch: String,
}

pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl SiteTest {
    /// An empty folder for the test `name`; `site/` inside it is the site.
    pub fn new(name: &str) -> SiteTest {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sites").join(name);
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("site")).unwrap();
        SiteTest { root, epoch: EPOCH_2017_08_23.into() }
    }

    /// A site with the standard site.yaml.
    pub fn with_site(name: &str) -> SiteTest {
        let t = SiteTest::new(name);
        t.file("site.yaml", SITE_YAML);
        t
    }

    pub fn site(&self) -> PathBuf {
        self.root.join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    pub fn file(&self, rel: &str, text: &str) -> &SiteTest {
        self.bytes(rel, text.as_bytes())
    }

    pub fn bytes(&self, rel: &str, bytes: &[u8]) -> &SiteTest {
        let path = self.site().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.site().join(rel)).unwrap();
    }

    /// Runs `gongshi ARGS` in the test folder with a fixed build date.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args(args)
            .current_dir(&self.root)
            .env("SOURCE_DATE_EPOCH", &self.epoch)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// `gongshi build site -o public`, extra arguments after.
    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build", "site", "--output", "public"];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Builds and fails the test with the whole output if the build failed.
    pub fn build_ok(&self) -> Run {
        let run = self.build(&[]);
        assert!(run.success, "build failed in {}:\n{}", self.root.display(), run.stderr);
        run
    }

    pub fn read(&self, path: &str) -> String {
        let full = self.out().join(path);
        std::fs::read_to_string(&full)
            .unwrap_or_else(|e| panic!("{}: {e}; files: {:#?}", full.display(), self.out_files().keys()))
    }

    pub fn html(&self, path: &str) -> Page {
        Page { path: path.to_string(), html: Html::parse_document(&self.read(path)) }
    }

    /// The output path a static file is published under (`static/style.css` →
    /// `static/style.3f9a1c0b2d.css`); panics when there is none.
    pub fn asset(&self, path: &str) -> String {
        asset_in(&self.out_files(), path)
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out().join(path).exists()
    }

    /// Every file of the output with its bytes, for comparing whole outputs.
    pub fn out_files(&self) -> BTreeMap<String, Vec<u8>> {
        files_under(&self.out())
    }
}

/// The content-named output path of static file `path` among `files` (see `asset`).
pub fn asset_in<T>(files: &BTreeMap<String, T>, path: &str) -> String {
    let (stem, ext) = path.rsplit_once('.').expect("a file name with an extension");
    let found: Vec<&String> = files
        .keys()
        .filter(|p| {
            p.strip_prefix(stem)
                .and_then(|rest| rest.strip_prefix('.'))
                .and_then(|rest| rest.strip_suffix(ext))
                .is_some_and(|hash| hash.len() == 11 && hash.ends_with('.'))
        })
        .collect();
    assert_eq!(found.len(), 1, "{path} published as {found:?}");
    found[0].clone()
}

pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let Ok(walk) = std::fs::read_dir(dir) else {
        return files;
    };
    let mut stack: Vec<PathBuf> = walk.flatten().map(|e| e.path()).collect();
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).unwrap().flatten().map(|e| e.path()));
        } else {
            let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(&path).unwrap());
        }
    }
    files
}

impl Run {
    /// Fails with the whole output unless stderr has a line starting with `start`.
    #[track_caller]
    pub fn has_line(&self, start: &str) -> &Run {
        assert!(
            self.stderr.lines().any(|l| l.starts_with(start)),
            "no line starting with\n  {start}\nin stderr:\n{}",
            self.stderr
        );
        self
    }

    #[track_caller]
    pub fn failed(&self) -> &Run {
        assert!(!self.success, "expected failure, got success:\n{}\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn stderr_contains(&self, text: &str) -> &Run {
        assert!(self.stderr.contains(text), "stderr lacks {text:?}:\n{}", self.stderr);
        self
    }

    #[track_caller]
    pub fn stderr_contains_once(&self, text: &str) -> &Run {
        assert_eq!(self.stderr.matches(text).count(), 1, "{text:?} should appear exactly once in:\n{}", self.stderr);
        self
    }
}

/// A parsed page with selector helpers that print the page on failure.
pub struct Page {
    pub path: String,
    pub html: Html,
}

impl Page {
    pub fn select_all(&self, css: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html
            .select(&sel)
            .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    #[track_caller]
    pub fn text(&self, css: &str) -> String {
        let all = self.select_all(css);
        assert!(!all.is_empty(), "{}: nothing matches {css}\n{}", self.path, self.html.html());
        all[0].clone()
    }

    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        let sel = Selector::parse(css).unwrap();
        self.html.select(&sel).filter_map(|e| e.value().attr(attr).map(String::from)).collect()
    }

    /// Each row matched by `css` (`tr` elements) as the texts of its cells.
    pub fn rows(&self, css: &str) -> Vec<Vec<String>> {
        let sel = Selector::parse(css).unwrap();
        let cell = Selector::parse("th, td").unwrap();
        let squash = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
        self.html.select(&sel).map(|tr| tr.select(&cell).map(|c| squash(c.text().collect())).collect()).collect()
    }

    pub fn meta(&self, name: &str) -> Option<String> {
        self.attrs(&format!("meta[name=\"{name}\"]"), "content").into_iter().next()
    }

    /// The metadata table of a document page as 索引号 → value pairs.
    pub fn doc_meta(&self) -> BTreeMap<String, String> {
        let row = Selector::parse("table.doc-meta tr").unwrap();
        let cell = Selector::parse("th, td").unwrap();
        let mut out = BTreeMap::new();
        for tr in self.html.select(&row) {
            let cells: Vec<String> = tr
                .select(&cell)
                .map(|c| c.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            for pair in cells.chunks(2) {
                if let [k, v] = pair {
                    out.insert(k.clone(), v.clone());
                }
            }
        }
        out
    }

    pub fn contains(&self, text: &str) -> bool {
        self.html.html().contains(text)
    }
}

/// A document with front matter lines and a body.
pub fn doc(front: &str, body: &str) -> String {
    format!("---\n{front}\n---\n{body}")
}

/// A data download read as its reader sees it: the rows of `data/STEM.csv` (Chinese headers,
/// values as written), keyed by the stable English keys of `data/STEM.json`, which must name the
/// same columns in the same order.
pub fn download(t: &SiteTest, stem: &str) -> Download {
    let csv = t.read(&format!("data/{stem}.csv"));
    let csv = csv.strip_prefix('\u{feff}').expect("CSV starts with a BOM");
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let json: Vec<Keys> = serde_json::from_str(&t.read(&format!("data/{stem}.json"))).unwrap();
    let keys = json.first().map_or_else(Vec::new, |k| k.0.clone());
    let rows: Vec<BTreeMap<String, String>> =
        reader.records().map(|r| keys.iter().cloned().zip(r.unwrap().iter().map(String::from)).collect()).collect();
    if !rows.is_empty() {
        assert_eq!(keys.len(), headers.len(), "{stem}: JSON keys {keys:?} and CSV headers {headers:?} differ");
    }
    Download { headers, keys, rows }
}

impl Download {
    /// Fails unless docs/content-format.md's table of downloads names each column as
    /// “CSV 表头 `JSON 键`”.
    #[track_caller]
    pub fn documented(&self) -> &Download {
        let docs =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/content-format.md")).unwrap();
        for (header, key) in self.headers.iter().zip(&self.keys) {
            assert!(docs.contains(&format!("{header} `{key}`")), "docs/content-format.md lacks “{header} `{key}`”");
        }
        self
    }
}

pub struct Download {
    /// The CSV's header row.
    pub headers: Vec<String>,
    /// The JSON's keys, in column order.
    pub keys: Vec<String>,
    pub rows: Vec<BTreeMap<String, String>>,
}

/// The keys of a JSON object in the order they are written.
struct Keys(Vec<String>);

impl<'de> serde::Deserialize<'de> for Keys {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Keys, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Keys;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some((k, _)) = map.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(k);
                }
                Ok(Keys(keys))
            }
        }
        d.deserialize_map(Visit)
    }
}

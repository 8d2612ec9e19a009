//! The pipeline's stages reach only the stages before them (DESIGN.md, issue 7): a test reads
//! every `crate::…` path in each stage's source and fails on one that goes past its boundary.

use std::path::Path;

/// Top-level modules a stage may name. `hanzi` (繁简 folding) is a leaf every stage may use, as
/// is `fast_map` (the hash map type of hot lookups) for the stages that use it; `timings` (stage times on stderr, `GONGSHI_TIMINGS=1`) one that render and publish use;
/// evaluate stays pure and is timed as a whole from `lib.rs`.
const RULES: &[(&str, &[&str])] = &[
    ("load", &["diagnostics", "hanzi"]),
    ("model", &["load", "diagnostics", "hanzi", "fast_map"]),
    ("evaluate", &["model"]),
    ("render", &["model", "evaluate", "diagnostics", "hanzi", "fast_map", "timings"]),
    // Publishing sees only what render hands it, and diagnostics.
    ("publish", &["render::Output", "render::OutputFile", "diagnostics", "timings"]),
];

/// The code of a file without `//` comments and without its `#[cfg(test)]` module (tests may
/// build inputs from any stage).
fn code(text: &str) -> String {
    let text = text.split("\n#[cfg(test)]").next().unwrap_or(text);
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Every `crate::a::b` path in the code, as `a::b`; a group (`crate::a::{b, c}`) gives one path
/// per member.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
        let prefix = &rest[..end];
        match rest[end..].strip_prefix('{') {
            Some(group) => {
                let members = group.split('}').next().unwrap_or("").split(',').map(str::trim);
                out.extend(members.filter(|m| !m.is_empty()).map(|m| format!("{prefix}{m}")));
            }
            None => out.push(prefix.trim_end_matches(':').to_string()),
        }
    }
    out
}

fn allowed(path: &str, allow: &[&str]) -> bool {
    allow.iter().any(|a| path == *a || path.starts_with(&format!("{a}::")))
}

/// `(file, path)` for every path in `stage` that its rule does not allow.
fn violations(root: &Path, stage: &str, allow: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![root.join(stage)];
    let mut files = vec![root.join(format!("{stage}.rs"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() { dirs.push(path) } else { files.push(path) }
        }
    }
    for file in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "rs")) {
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        for path in crate_paths(&code(&text)) {
            let own = path == stage || path.starts_with(&format!("{stage}::"));
            if !own && !allowed(&path, allow) {
                out.push((file.strip_prefix(root).unwrap_or(&file).display().to_string(), path));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn each_stage_reaches_only_the_stages_before_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    for (stage, allow) in RULES {
        assert!(root.join(stage).is_dir(), "no src/{stage}/");
        all.extend(violations(&root, stage, allow));
    }
    assert!(all.is_empty(), "paths past a stage's boundary (file, path): {all:#?}");
}

#[test]
fn the_check_sees_imports_inline_paths_and_groups() {
    let text = "use crate::load::Section;\nfn f() { crate::load::walk::relative(a, b); }\n\
                use crate::{model, load::Raw};\nuse crate::render::{Output, views};\n// crate::publish in a comment\n\
                #[cfg(test)]\nmod tests { use crate::publish::x; }";
    let paths = crate_paths(&code(text));
    assert_eq!(
        paths,
        ["load::Section", "load::walk::relative", "model", "load::Raw", "render::Output", "render::views"]
    );
    let allow = ["model", "evaluate", "diagnostics", "render::Output"];
    let bad: Vec<&String> = paths.iter().filter(|p| !allowed(p, &allow)).collect();
    assert_eq!(bad, ["load::Section", "load::walk::relative", "load::Raw", "render::views"]);
    assert!(allowed("render::Output", &["render::Output"]) && !allowed("render::views", &["render::Output"]));
}

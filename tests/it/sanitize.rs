//! The shortcut that lets plain Markdown skip ammonia (`render::sanitize`) gives ammonia's bytes:
//! every Markdown file of the example site, the docs, the fixtures and a generated corpus, and a
//! set of crafted bodies, rendered with and without it, must come out identical. It must also be
//! taken: a shortcut never used would pass the comparison and save nothing.

use crate::golden::corpus;
use crate::support::SiteTest;
use gongshi::render::markdown::{LinkContext, Sanitize, render_with};
use std::path::{Path, PathBuf};

/// Bodies that reach every kind of event the shortcut accepts, and some it must refuse.
const CRAFTED: &[&str] = &[
    "正文第一行\n正文第二行。\n\n连云区教育局\n2017年8月7日\n",
    "## 一、总则\n\n### （一）\n\n## 二、\"引号\" & <尖括号> 'single'\n\n---\n\n***\n",
    "| 左 | 中 | 右 | 无 |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n| a&b | \"q\" | 'x' | <y> |\n",
    "| 只有表头 |\n|:-:|\n",
    "正文[^1]和[^注二]。\n\n[^1]: 注一。\n[^注二]: 注二，带[链接](https://example.cn/a?b=1&c=2)。\n",
    "[附件](/files/a.pdf) [b](files/b 名.pdf) [c](https://x/) ![图](/files/i.png \"标题\") ![图&<>](i.png)\n",
    "<https://example.cn/> <someone@example.cn> [邮件](mailto:a@b.cn) [相对](../x/#y) [锚](#一-总则)\n",
    "[t](https://x/ \"title & 'q'\") [j](javascript:alert(1)) [d](data:text/html,x) [f](ftp://x/) [u](//host/p)\n",
    "- 一\n  - 二\n    1. 三\n\n3. 从三开始\n4. 四\n\n> 引用\n> > 嵌套\n\n    缩进代码 <b>\n\n```\n围栏 & <i>\n```\n\n```rust\nfn main() {}\n```\n",
    "`代码 <x>` **粗** *斜* ~~删~~ ***粗斜*** 行尾两个空格  \n换行\\\n再换行\n",
    "- [ ] 未完成\n- [x] 完成\n",
    "&copy; &amp; &nbsp; &#160; &lt;tag&gt; \u{a0}不换行空格 A\u{0}B C\rD\n",
    "<b>raw</b> <script>alert(1)</script>\n\n<div>块</div>\n",
    "[链接里有脚注[^1]](https://x/)\n\n[^1]: 注\n",
    "# 标题\n\n# 一、总则\n\n正文 连政发〔2017〕38号。\n",
];

#[test]
fn plain_markdown_skips_ammonia_for_the_same_bytes() {
    let mut bodies: Vec<(String, String)> =
        CRAFTED.iter().enumerate().map(|(i, b)| (format!("crafted #{i}"), b.to_string())).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for folder in ["content", "docs", "tests"] {
        markdown_under(&root.join(folder), &mut bodies);
    }
    let from_files = bodies.len();
    let t = SiteTest::new("sanitize-corpus");
    let spec = corpus::Spec { docs: 1500, schools: 30, pairings: 60, seed: 7 };
    corpus::generate(&t.site(), &spec).unwrap();
    markdown_under(&t.site(), &mut bodies);
    assert!(bodies.len() > from_files + 1000, "the corpus gave {} bodies", bodies.len() - from_files);

    // Some 文号 become links, as in a build.
    let lookup = |key: &str| key.contains("2017").then(|| format!("policies/{key}/"));
    let links = LinkContext { root: "../../", doc_no: &lookup };
    let (mut fast, mut corpus_fast) = (0, 0);
    for (i, (name, body)) in bodies.iter().enumerate() {
        let (always, ran) = render_with(body, "标题", &links, Sanitize::Always);
        assert!(ran, "{name}: Sanitize::Always skipped ammonia");
        let (needed, ran) = render_with(body, "标题", &links, Sanitize::WhenNeeded);
        assert!(
            needed.html == always.html,
            "{name}: the shortcut changed the HTML\n--- ammonia:\n{}\n--- shortcut:\n{}",
            always.html,
            needed.html
        );
        if !ran {
            fast += 1;
            corpus_fast += usize::from(i >= from_files);
        }
    }
    // Every generated body is plain Markdown; so are most crafted ones.
    assert_eq!(corpus_fast, bodies.len() - from_files, "generated bodies that went through ammonia");
    assert!(fast - corpus_fast >= 10, "only {} hand-written bodies took the shortcut", fast - corpus_fast);
    // The ones with raw HTML, task lists, a fenced language or odd characters must not.
    for i in [8, 10, 11, 12] {
        assert!(render_with(CRAFTED[i], "标题", &links, Sanitize::WhenNeeded).1, "crafted #{i} skipped ammonia");
    }
}

/// The body (after any front matter) of every `.md` file under `dir`.
fn markdown_under(dir: &Path, out: &mut Vec<(String, String)>) {
    let mut paths: Vec<PathBuf> = walkdir(dir);
    paths.sort();
    for path in paths {
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let body = match gongshi::load::front_matter::split(&text) {
            Ok(split) => text[split.body..].to_string(),
            Err(_) => text.clone(),
        };
        out.push((path.display().to_string(), body));
    }
}

fn walkdir(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else { return found };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            found.push(path);
        }
    }
    found
}

//! The docs staff read must match the program: every key and alias, every diagnostic code.

use gongshi::diagnostics::Code;
use gongshi::load::keys::{self, Record, Shape};

fn read(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).unwrap()
}

/// docs/errors.md as the code table says it should be.
fn errors_md() -> String {
    let mut out = String::from(
        "# 错误和警告代码 / Diagnostic codes\n\n\
         gongshi 的每条错误和警告都带一个代码（如 `[GS0203]`），格式是：\n\n\
         ```text\n文件:行:列: 错误：说明 / English title [代码]\n  提示：怎么改\n```\n\n\
         - GS01xx：读取文件（编码、YAML 格式、文件头、字段名）\n\
         - GS02xx：文档和站点设置（必填字段、日期、文号、附件、个人信息）\n\
         - GS03xx：数据文件（学校、结对、交流、指标、达标计划、评估标准）\n\
         - GS04xx：主题和模板\n\
         - GS05xx：输出文件夹\n\
         - GS06xx：构建设置（如 --deny-warnings）\n\
         - GS09xx：gongshi 自身的缺陷（请报告）\n\n\
         本文件由 `GONGSHI_BLESS=1 cargo test --test it docs` 根据 src/diagnostics/codes.rs 生成。\n\n\
         | 代码 | 说明 | English | 提示 |\n|---|---|---|---|\n",
    );
    for code in Code::ALL {
        let hint = code.hint().replace('|', "\\|");
        out.push_str(&format!("| {} | {} | {} | {hint} |\n", code.id(), code.zh(), code.en()));
    }
    out
}

#[test]
fn errors_md_lists_every_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/errors.md");
    let expected = errors_md();
    if std::env::var("GONGSHI_BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap();
    assert!(actual == expected, "docs/errors.md is out of date: run GONGSHI_BLESS=1 cargo test --test it docs");
}

fn names(record: &Record, out: &mut Vec<(&'static str, &'static str)>) {
    for field in record.all_fields() {
        out.push((field.name, record.what));
        out.extend(field.aliases.iter().map(|a| (*a, record.what)));
        match &field.shape {
            Shape::Record(inner) => names(inner, out),
            Shape::List(Shape::Record(inner)) => names(inner, out),
            _ => {}
        }
    }
}

#[test]
fn content_format_md_names_every_key_and_alias() {
    let text = read("docs/content-format.md");
    let mut all = Vec::new();
    names(&keys::SITE, &mut all);
    names(&keys::DOCUMENT, &mut all);
    use gongshi::load::DataKind::*;
    for kind in [Schools, Pairings, Exchanges, Indicators, Plan, Standard, Report, County] {
        if let Shape::Record(record) = keys::data_shape(kind) {
            names(record, &mut all);
        }
    }
    names(&keys::JUDGEMENT, &mut all);
    for (name, what) in all {
        assert!(text.contains(name), "docs/content-format.md does not mention `{name}` ({what})");
    }
}

/// Issue 18: the staff guide's table of the county method names every item, figure and veto of
/// the built-in standard by its id, and every item's article.
#[test]
fn content_format_md_lists_every_item_of_the_county_method() {
    let text = read("docs/content-format.md");
    let standard = read("src/load/standards/youzhi-2017.yaml");
    let mut checked = 0;
    for line in standard.lines() {
        let line = line.trim().trim_start_matches("- ").trim_start_matches('{');
        for key in ["id: ", "key: "] {
            if let Some(rest) = line.strip_prefix(key) {
                let id = rest.split([',', ' ']).next().unwrap();
                assert!(text.contains(&format!("`{id}`")), "docs/content-format.md does not list `{id}`");
                checked += 1;
            }
        }
        if let Some(article) = line.strip_prefix("article: ") {
            assert!(text.contains(article.split(',').next().unwrap()), "docs lack article {article}");
        }
    }
    // 7 indicators, 2 + 15 + 9 + 1 items, 4 parts, 13 figures, 6 vetoes.
    assert!(checked >= 50, "only {checked} ids read from the standard");
}

/// Issue 19: the install step uses the lock file, so it builds with the crates the tests ran with.
#[test]
fn install_steps_use_the_lock_file() {
    for path in ["README.md", "docs/staff-guide.md"] {
        for line in read(path).lines().filter(|l| l.contains("cargo install") && l.contains("--path")) {
            assert!(line.contains("cargo install --locked --path ."), "{path}: {line}");
        }
    }
}

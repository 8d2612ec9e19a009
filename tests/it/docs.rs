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
    for kind in [Schools, Pairings, Exchanges, Indicators, Plan, Standard, Report] {
        if let Shape::Record(record) = keys::data_shape(kind) {
            names(record, &mut all);
        }
    }
    for (name, what) in all {
        assert!(text.contains(name), "docs/content-format.md does not mention `{name}` ({what})");
    }
}

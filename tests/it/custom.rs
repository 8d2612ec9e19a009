//! Custom indicators (issue 11): a standard's own raw figures with Chinese aliases, at-most
//! rules, figures judged without a denominator, county-level checks, and the errors for a
//! standard that gets them wrong.

use crate::support::{SITE_YAML, SiteTest};

const SCHOOLS: &str = "\
schools:
  - {id: jia, name: 甲小学, stage: 小学}
  - {id: yi, name: 乙小学, stage: 小学}
  - {id: ding, name: 丁小学, stage: 小学}
  - {id: bing, name: 丙中学, stage: 初中}
";

/// 班额 (students ÷ classes ≤ 45 / 50), 校额 (students ≤ 2000, no denominator), 家长满意度 per
/// school (≥ 85, no denominator) and for the county; met with three of three, floor 0.85.
const STANDARD: &str = "\
编号: banxiao
名称: 办学规模与家长满意度
自定义数据:
  - {字段: classes, 名称: 班级数, 别名: [教学班数]}
  - {字段: parent_satisfaction, 名称: 家长满意度}
指标:
  - {编号: class_size, 名称: 班额, 分子: students, 分母: classes, 规则: 不超过, 标准: {小学: 45, 初中: 50}, 计入差异系数: 否}
  - {编号: school_size, 名称: 校额, 分子: students, 分母: 无, 规则: at_most, 标准: {小学: 2000, 初中: 2000}, 计入差异系数: 否}
  - {编号: satisfaction, 名称: 家长满意度, 分子: parent_satisfaction, 分母: 无, 标准: {小学: 85, 初中: 85}}
学校达标规则: {至少达标项数: 3, 最低比例: 0.85}
差异系数: {上限: {小学: 0.50, 初中: 0.45}}
县级指标:
  - {编号: county_satisfaction, 名称: 全县家长满意度, 字段: parent_satisfaction, 规则: 不低于, 标准: 85, 单位: '%'}
";

/// Each school's figures under every name the standard allows (key, name, alias).
const FIGURES: &str = "\
年度: 2024
全县:
  家长满意度: 85
学校:
  - {学校: jia, 在校学生数: 1350, 教学班数: 30, 家长满意度: 88.5}
  - {学校: yi, 在校学生数: 1058, 班级数: 20, parent_satisfaction: 84}
  - {学校: ding, 在校学生数: 1060, classes: 20, 家长满意度: 90}
  - {学校: bing, 在校学生数: 2000, classes: 40, 家长满意度: 90}
";

fn site(name: &str) -> SiteTest {
    let t = SiteTest::new(name);
    t.file("site.yaml", &format!("{SITE_YAML}评估标准: banxiao\n"));
    t.file("data/schools.yaml", SCHOOLS);
    t.file("standards/banxiao.yaml", STANDARD);
    t.file("data/indicators/2024.yaml", FIGURES);
    t
}

#[test]
fn a_custom_standard_judges_class_and_school_size_and_satisfaction() {
    let t = site("custom-verdicts");
    let run = t.build_ok();
    assert!(!run.stderr.contains("GS0109") && !run.stderr.contains("警告"), "{}", run.stderr);
    let table = crate::support::download(&t, "evaluation-2024");
    assert_eq!(
        table.keys,
        [
            "school",
            "school_name",
            "stage",
            "students",
            "class_size",
            "school_size",
            "satisfaction",
            "met_count",
            "verdict"
        ]
    );
    let rows: Vec<String> = table
        .rows
        .iter()
        .map(|r| {
            let cells =
                ["school", "stage", "students", "class_size", "school_size", "satisfaction", "met_count", "verdict"];
            cells.map(|k| r[k].as_str()).join(",")
        })
        .collect();
    for row in [
        // 甲: 1350 ÷ 30 = 45 exactly (at most 45: met); 1350 ≤ 2000; 88.5 ≥ 85: three met.
        "jia,小学,1350,45.0000,1350.0000,88.5000,3,达标",
        // 乙: 1058 ÷ 20 = 52.9 > 45, but 52.9 × 0.85 = 44.965 ≤ 45: short, not beyond the floor;
        // 84 < 85 but ≥ 0.85 × 85 = 72.25: short. One met of three.
        "yi,小学,1058,52.9000,1058.0000,84.0000,1,未达标",
        // 丁: 1060 ÷ 20 = 53, 53 × 0.85 = 45.05 > 45: beyond the floor. Two met, still 未达标.
        "ding,小学,1060,53.0000,1060.0000,90.0000,2,未达标",
        // 丙 (初中, 班额 at most 50): 2000 ÷ 40 = 50 and 校额 2000, both exactly on the limit.
        "bing,初中,2000,50.0000,2000.0000,90.0000,3,达标",
    ] {
        assert!(rows.iter().any(|r| r == row), "{row} missing in\n{rows:#?}");
    }
    let page = t.html("dashboard/index.html");
    let lacking = page.select_all(".lacking-list li");
    assert!(
        lacking[0].contains("乙小学") && lacking[0].contains("班额（未达标）、家长满意度（未达标）"),
        "{lacking:?}"
    );
    // The county's satisfaction, 85 against at least 85: met exactly on the line.
    let checks = page.rows(".county-checks tbody tr");
    assert_eq!(checks, [["全县家长满意度", "85%", "不低于 85%", "达到"]]);
    // Coefficients the standard does not count are shown without a limit.
    let spread = page.rows(".spread-table tbody tr, section[aria-labelledby^=gs-spread] tbody tr");
    assert!(spread.iter().any(|r| r[0].starts_with("班额") && r.contains(&"—".to_string())), "{spread:?}");
}

#[test]
fn an_undeclared_figure_is_still_an_unknown_key() {
    let t = site("custom-undeclared");
    t.file(
        "data/indicators/2024.yaml",
        "年度: 2024\n学校:\n  - {学校: jia, 在校学生数: 1350, 教学班数: 30, 走读生数: 5}\n  - {学校: yi, 在校学生: 1000}\n  \
         - {学校: ding, 班级数: 20, classes: 21}\n",
    );
    t.build(&[])
        .failed()
        .has_line("data/indicators/2024.yaml:5:25: 错误：同一字段写了两次：「classes」和前面的「班级数」都是自定义数据 classes")
        .has_line("data/indicators/2024.yaml:3:38: 警告：未知字段：学校指标里没有「走读生数」这个字段")
        .has_line("data/indicators/2024.yaml:4:14: 错误：未知字段：学校指标里没有「在校学生」这个字段（像是 在校学生数（students） 写错了）");
}

#[test]
fn a_county_figure_not_given_is_shown_as_not_reported() {
    let t = site("custom-county-missing");
    t.file("data/indicators/2024.yaml", &FIGURES.replace("全县:\n  家长满意度: 85\n", ""));
    t.build_ok();
    let checks = t.html("dashboard/index.html").rows(".county-checks tbody tr");
    assert_eq!(checks, [["全县家长满意度", "未填报", "不低于 85%", "未填报"]]);
}

#[test]
fn a_bad_custom_standard_is_reported_where_it_is_wrong() {
    let t = SiteTest::with_site("custom-bad");
    t.file(
        "standards/bad.yaml",
        "\
id: bad
name: 坏标准
raw_keys:
  - {key: pupils, name: 在校学生数}
  - {key: rooms, name: 教室数, aliases: [books]}
indicators:
  - {id: a, name: 甲, numerator: students, denominator: classes}
  - {id: b, name: 乙, numerator: students, rule: 小于}
cv: {limits: {小学: 0.5}}
county_checks:
  - {id: c, name: 丙, key: students, limit: 1}
",
    );
    t.build(&[])
        .failed()
        .has_line("standards/bad.yaml:4:25: 错误：自定义数据的名字已被占用：「在校学生数」已经是 内置字段 在校学生数（students） 的名字")
        .has_line("standards/bad.yaml:5:39: 错误：自定义数据的名字已被占用：「books」已经是 内置字段 图书册数（books） 的名字")
        .has_line("standards/bad.yaml:7:56: 错误：取值无效：「classes」不是指标文件里的数字")
        .has_line("standards/bad.yaml:8:49: 错误：取值无效：规则「小于」只能是 不低于（at_least）或 不超过（at_most）")
        .has_line("standards/bad.yaml:11:27: 错误：取值无效：「students」不是指标文件里的数字：全县数据只能用");
}

/// Issue 20: `每: -100` was accepted, and a class size of −4310 published as 达标.
#[test]
fn a_negative_per_is_refused_at_its_line() {
    let t = site("custom-negative");
    t.file("standards/banxiao.yaml", &STANDARD.replace("分母: classes, 规则", "分母: classes, 每: -100, 规则"));
    t.build(&[]).failed().has_line("standards/banxiao.yaml:7:60: 错误：取值无效：每「-100」必须大于 0");
}

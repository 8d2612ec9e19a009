//! Issue 19: the clerk's round trip. Spreadsheets made the way a bureau makes them (an
//! instructions sheet first, their own column names, merged cells, names instead of ids) go
//! into a site that already has its data, merging instead of replacing.

use crate::support::SiteTest;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// A workbook: sheets of rows; a cell `=merge:N` merges the cell above it down N more rows.
fn workbook(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut book = Workbook::new();
    // A fixed date, so that the committed templates are written the same each time.
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 1, 1).unwrap();
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if cell.is_empty() || cell.starts_with("=merge") {
                    continue;
                }
                let below = rows.get(r + 1).and_then(|next| next.get(c)).and_then(|n| n.strip_prefix("=merge:"));
                let (r, c) = (r as u32, c as u16);
                match below.and_then(|n| n.parse::<u32>().ok()) {
                    Some(n) => {
                        ws.merge_range(r, c, r + n, c, cell, &Format::new()).unwrap();
                    }
                    None => match cell.parse::<f64>() {
                        Ok(n) => {
                            ws.write_number(r, c, n).unwrap();
                        }
                        Err(_) => {
                            ws.write_string(r, c, *cell).unwrap();
                        }
                    },
                }
            }
        }
    }
    book.save(path).unwrap();
}

/// A copy of the bundled example site.
fn example(name: &str) -> SiteTest {
    let t = SiteTest::new(name);
    copy(&Path::new(env!("CARGO_MANIFEST_DIR")).join("content"), &t.site());
    t
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn check_clean(t: &SiteTest) {
    let run = t.run(&["check", "site"]);
    assert!(run.success && !run.stderr.contains("错误"), "check after the import:\n{}", run.stderr);
}

#[test]
fn the_example_s_schools_exported_changed_in_two_cells_and_imported_keep_their_ids() {
    let t = example("roundtrip-schools");
    let before = std::fs::read_to_string(t.site().join("data/schools.yaml")).unwrap();
    // The schools as the site's download gives them, two cells changed.
    t.build_ok();
    let csv = t.read("data/schools.csv");
    let mut rows: Vec<Vec<String>> =
        csv.trim_start_matches('\u{feff}').lines().map(|l| l.split(',').map(str::to_string).collect()).collect();
    let col = |rows: &Vec<Vec<String>>, name: &str| rows[0].iter().position(|h| h == name).unwrap();
    let (town, name, location) = (col(&rows, "乡镇街道"), col(&rows, "校名"), col(&rows, "城乡类别"));
    let lian = rows.iter().position(|r| r[name] == "连岛小学").unwrap();
    rows[lian][town] = "连云街道".into();
    let nan = rows.iter().position(|r| r[name] == "南巷小学").unwrap();
    rows[nan][location] = "镇区".into();
    let cells: Vec<Vec<&str>> = rows.iter().map(|r| r.iter().map(String::as_str).collect()).collect();
    let refs: Vec<&[&str]> = cells.iter().map(Vec::as_slice).collect();
    workbook(&t.root.join("学校名录.xlsx"), &[("学校名录", &refs)]);
    let run = t.run(&["import", "schools", "学校名录.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("新增 0 所，更新 2 所（乡镇街道、城乡类别），未变 17 所"), "{}", run.stdout);
    let after = std::fs::read_to_string(t.site().join("data/schools.yaml")).unwrap();
    // Two values changed where they were written; every other line, comments included, as it was.
    let changed: Vec<(&str, &str)> = before.lines().zip(after.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    assert_eq!(before.lines().count(), after.lines().count());
    assert!(
        after.contains("{编号: liandao-xiaoxue, 校名: 连岛小学, 学段: 小学, 乡镇街道: 连云街道, 城乡类别: 镇区}"),
        "{after}"
    );
    check_clean(&t);
}

#[test]
fn a_new_cohort_of_pairings_is_appended_beside_the_old_ones_with_ids_made_for_it() {
    let t = example("roundtrip-pairings");
    let before = std::fs::read_to_string(t.site().join("data/pairings.yaml")).unwrap();
    let sheet: &[&[&str]] = &[
        &["共建形式", "牵头校", "成员校", "开始日期", "结束日期"],
        &["集团化办学", "墟沟小学", "连岛小学、海州湾小学", "2027-09-01", "2030-08-31"],
        &["区内共建", "西苑中学", "新港中学", "2027-09-01", "2030-08-31"],
    ];
    workbook(&t.root.join("结对.xlsx"), &[("结对", sheet)]);
    let run = t.run(&["import", "pairings", "结对.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("新增 2 个，未变 0 个"), "{}", run.stdout);
    // The sheet holds only this autumn's pairings: the others are kept, and said so.
    assert!(run.stdout.contains("表里没有的 20 条（文件里保留"), "{}", run.stdout);
    let after = std::fs::read_to_string(t.site().join("data/pairings.yaml")).unwrap();
    assert!(after.starts_with(&before), "the old pairings changed");
    assert!(after.contains("- {id: xugou-xiaoxue-2027, form: 集团化办学, lead: xugou-xiaoxue"), "{after}");
    assert!(after.contains("- {id: xiyuan-zhongxue-2027, form: 区内共建"), "{after}");
    check_clean(&t);
    assert!(
        t.exists("pairings/xugou-xiaoxue-2027/index.html") || {
            t.build_ok();
            t.exists("pairings/xugou-xiaoxue-2027/index.html")
        }
    );
}

#[test]
fn a_new_year_of_indicators_is_written_beside_the_others() {
    let t = example("roundtrip-indicators");
    let sheet: &[&[&str]] = &[
        &["学校名称", "在校学生数", "高于规定学历教师数", "县级以上骨干教师数"],
        &["墟沟小学", "2500", "120", "30"],
        &["连岛小学", "520", "28", "7"],
    ];
    workbook(&t.root.join("2026年指标.xlsx"), &[("指标", sheet)]);
    let run = t.run(&["import", "indicators", "2026年指标.xlsx", "--site", "site", "--year", "2026"]);
    assert!(run.success, "{}", run.stderr);
    let written = std::fs::read_to_string(t.site().join("data/indicators/2026.yaml")).unwrap();
    assert!(written.contains("school: xugou-xiaoxue"), "{written}");
    // Importing a sheet again merges into the year's file: 全县 figures and other rows stay.
    let mut with_county = written.clone();
    with_county.push_str("county:\n  parent_satisfaction: 90\n");
    std::fs::write(t.site().join("data/indicators/2026.yaml"), &with_county).unwrap();
    let sheet: &[&[&str]] = &[&["学校", "在校学生数"], &["连岛小学", "530"], &["西苑中学", "1600"]];
    workbook(&t.root.join("补报.xlsx"), &[("指标", sheet)]);
    let run = t.run(&["import", "indicators", "补报.xlsx", "--site", "site", "--year", "2026"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("新增 1 条，更新 1 条（在校学生数），未变 0 条"), "{}", run.stdout);
    let merged = std::fs::read_to_string(t.site().join("data/indicators/2026.yaml")).unwrap();
    assert!(merged.contains("parent_satisfaction: 90") && merged.contains("xugou-xiaoxue"), "{merged}");
    assert!(merged.contains("students: 530") && merged.contains("school: xiyuan-zhongxue"), "{merged}");
    check_clean(&t);
}

#[test]
fn a_clerk_s_workbook_with_instructions_first_a_merged_cell_and_a_misspelt_school_is_refused_where_it_is() {
    let t = example("roundtrip-clerk");
    let before = std::fs::read_to_string(t.site().join("data/pairings.yaml")).unwrap();
    let instructions: &[&[&str]] = &[&["填表说明"], &["1. 每所学校填一行"], &["2. 牵头学校合并单元格即可"]];
    let pairings: &[&[&str]] = &[
        &["2027年结对安排"],
        &["共建形式", "牵头学校", "成员学校", "开始日期", "结束日期"],
        &["区内共建", "墟沟小学", "连岛小学", "2027-09-01", "2030-08-31"],
        &["区内共建", "=merge:1", "墟勾小学", "2027-09-01", "2030-08-31"],
    ];
    workbook(&t.root.join("结对安排.xlsx"), &[("填表说明", instructions), ("结对", pairings)]);
    let run = t.run(&["import", "pairings", "结对安排.xlsx", "--site", "site"]);
    assert!(!run.success);
    let err = &run.stderr;
    assert!(
        err.contains("结对安排.xlsx[结对]:4:B: 错误：缺少必填字段：牵头学校（lead） 这一格在合并单元格 B3:B4 里"),
        "{err}"
    );
    assert!(err.contains("取消合并单元格"), "{err}");
    assert!(
        err.contains("结对安排.xlsx[结对]:4:C: 错误：找不到这所学校")
            && err.contains("您是不是想写 墟沟小学（xugou-xiaoxue）"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(t.site().join("data/pairings.yaml")).unwrap(), before);
}

#[test]
fn what_check_would_refuse_is_refused_at_the_sheet_s_row_not_at_yaml() {
    let t = example("roundtrip-refused");
    let sheet: &[&[&str]] = &[
        &["共建形式", "牵头学校", "成员学校", "开始日期", "结束日期"],
        &["区内共建", "墟沟小学", "墟沟小学", "2027-09-01", "2030-08-31"],
        &["区内共建", "西苑中学", "新港中学", "2027-09-01", "2026-08-31"],
    ];
    workbook(&t.root.join("结对.xlsx"), &[("结对", sheet)]);
    let run = t.run(&["import", "pairings", "结对.xlsx", "--site", "site"]);
    assert!(!run.success);
    let err = &run.stderr;
    assert!(err.contains("结对.xlsx[结对]:2: 错误：学校不能和自己结对"), "{err}");
    assert!(err.contains("结对.xlsx[结对]:3: 错误：结束日期早于开始日期"), "{err}");
    assert!(!err.contains("pairings.yaml:"), "{err}");
}

#[test]
fn a_short_name_or_a_traditional_spelling_finds_its_school_in_an_exchange_list() {
    let t = example("roundtrip-names");
    let sheet: &[&[&str]] = &[
        &["年度", "姓名", "类别", "派出学校", "接收学校", "期限"],
        &["2026", "某甲", "教师", "墟溝小學", "连岛小学", "2026-09-01至2027-07-31"],
    ];
    workbook(&t.root.join("交流.xlsx"), &[("交流", sheet)]);
    let run = t.run(&["import", "exchanges", "交流.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let after = std::fs::read_to_string(t.site().join("data/exchanges.yaml")).unwrap();
    // The 2026 list is added; 2017, 2018 and 2025 stay.
    assert!(after.contains("from: xugou-xiaoxue") || after.contains("from: xugou-xiaoxue,"), "{after}");
    for year in ["2017", "2018", "2025", "2026"] {
        assert!(
            after.contains(&format!("年度: {year}")) || after.contains(&format!("year: {year}")),
            "{year} lost:\n{after}"
        );
    }
    check_clean(&t);
}

/// The templates docs/staff-guide.md links: a 填表说明 sheet, then the data sheet with the
/// column names a clerk fills and one example row. `GONGSHI_BLESS=1` writes them again.
const TEMPLATES: &[(&str, &str, &[&[&str]])] = &[
    (
        "schools",
        "学校名录模板.xlsx",
        &[
            &["学校名称", "学段", "乡镇街道", "城乡类别", "办学状态", "别名", "编号"],
            &["墟沟小学", "小学", "墟沟街道", "城区", "在办", "墟溝小學", ""],
        ],
    ),
    (
        "pairings",
        "结对共建模板.xlsx",
        &[
            &["共建形式", "名称", "牵头学校", "成员学校", "开始日期", "结束日期", "依据文件"],
            &[
                "教育发展共同体",
                "墟沟片区教育发展共同体",
                "墟沟小学",
                "白果树小学、陶庵小学",
                "2024-09-01",
                "2027-08-31",
                "",
            ],
        ],
    ),
    (
        "exchanges",
        "交流名单模板.xlsx",
        &[
            &["年度", "公布日期", "姓名", "类别", "骨干", "学科", "派出学校", "接收学校", "期限"],
            &["2025", "2025-08-22", "钱某某", "教师", "是", "数学", "墟沟小学", "陶庵小学", "2025-09-01至2026-07-31"],
        ],
    ),
    (
        "indicators",
        "办学条件指标模板.xlsx",
        &[
            &[
                "年度",
                "统计日期",
                "学校",
                "学段",
                "在校学生数",
                "高于规定学历教师数",
                "县级以上骨干教师数",
                "体育艺术专任教师数",
                "教学及辅助用房面积（平方米）",
                "体育运动场馆面积（平方米）",
                "教学仪器设备值（元）",
                "网络多媒体教室数",
                "教学班级数",
                "最大班额",
                "音乐专用教室数",
                "音乐专用教室最小面积",
                "美术专用教室数",
                "美术专用教室最小面积",
            ],
            &[
                "2025",
                "2025-09-30",
                "墟沟小学",
                "小学",
                "2543",
                "117",
                "30",
                "29",
                "14659.7",
                "20242.7",
                "12926362",
                "70",
                "59",
                "45",
                "5",
                "106",
                "5",
                "99",
            ],
        ],
    ),
    (
        "county",
        "县级评估数据模板.xlsx",
        &[
            &["年度", "项目", "结论", "依据", "说明", "科目", "学业水平", "校际差异率"],
            &["2025", "社会认可度", "91.3", "", "", "", "", ""],
            &["2025", "规划布局合理", "是", "连区教〔2017〕89号", "", "", "", ""],
            &["2025", "以考试方式招生", "否", "", "", "", "", ""],
            &["2025", "", "", "", "", "数学", "Ⅲ", "0.11"],
        ],
    ),
];

const INSTRUCTIONS: &[&[&str]] = &[
    &["填表说明"],
    &["1. 在下一张工作表里填写，每行一条；第一行是列名，不要改。"],
    &["2. 学校写校名或编号都可以；区外学校写成“区外：学校名称”。"],
    &["3. 不要合并单元格；日期写成 2025-09-01；数字只写阿拉伯数字，不写单位。"],
    &["4. 导入：gongshi import 类型 本文件.xlsx（见 docs/staff-guide.md）。已有的数据会合并，不会被覆盖。"],
];

#[test]
fn the_templates_of_the_staff_guide_import_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates");
    if std::env::var_os("GONGSHI_BLESS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (_, file, rows) in TEMPLATES {
            workbook(&dir.join(file), &[("填表说明", INSTRUCTIONS), ("数据", rows)]);
        }
    }
    for (kind, file, _) in TEMPLATES {
        let t = example(&format!("template-{kind}"));
        let args = ["import", kind, dir.join(file).to_str().unwrap().to_owned().leak(), "--site", "site"];
        let run = t.run(&args);
        assert!(run.success, "{file}: {}", run.stderr);
        assert!(!run.stderr.contains("警告"), "{file}: {}", run.stderr);
        check_clean(&t);
    }
}

#[test]
fn an_unknown_column_name_gets_the_nearest_known_one() {
    let t = example("roundtrip-header-hint");
    let sheet: &[&[&str]] = &[&["学校名称", "学段", "城乡类", "乡镇街到"], &["新小学", "小学", "城区", "墟沟街道"]];
    workbook(&t.root.join("学校.xlsx"), &[("学校", sheet)]);
    let run = t.run(&["import", "schools", "学校.xlsx", "--site", "site", "--dry-run"]);
    assert!(run.stderr.contains("学校.xlsx[学校]:1:C: 警告：这一列不导入：不认识列名「城乡类」"), "{}", run.stderr);
    assert!(
        run.stderr.contains("您是不是想写「城乡类别」") || run.stderr.contains("您是不是想写「城乡类型」"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("您是不是想写「乡镇街道」"), "{}", run.stderr);
}

#[test]
fn a_sheet_is_read_by_name_and_a_hidden_one_never_by_default() {
    let t = example("roundtrip-sheet");
    let notes: &[&[&str]] = &[&["学校名称", "学段"], &["内部备注小学", "小学"]];
    let schools: &[&[&str]] = &[&["学校名称", "学段"], &["新建小学", "小学"]];
    let other: &[&[&str]] = &[&["学校名称", "学段"], &["另一小学", "小学"]];
    // A hidden first sheet, then two visible ones with the same header.
    let mut book = Workbook::new();
    for (name, rows, hidden) in [("备注", notes, true), ("学校", schools, false), ("补充", other, false)] {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
        if hidden {
            ws.set_hidden(true);
        }
    }
    book.save(t.root.join("名录.xlsx")).unwrap();
    let run = t.run(&["import", "schools", "名录.xlsx", "--site", "site", "--dry-run"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("新增 1 所"), "{}", run.stdout);
    let run = t.run(&["import", "schools", "名录.xlsx", "--site", "site", "--sheet", "补充"]);
    assert!(run.success, "{}", run.stderr);
    let yaml = std::fs::read_to_string(t.site().join("data/schools.yaml")).unwrap();
    assert!(yaml.contains("另一小学") && !yaml.contains("新建小学") && !yaml.contains("内部备注"), "{yaml}");
    let run = t.run(&["import", "schools", "名录.xlsx", "--site", "site", "--sheet", "没有"]);
    assert!(run.stderr.contains("里没有工作表「没有」；有：备注、学校、补充"), "{}", run.stderr);
}

#[test]
fn a_personal_number_in_a_sheet_is_refused_at_its_row_and_not_printed() {
    let t = example("roundtrip-pii");
    let sheet: &[&[&str]] = &[
        &["年度", "姓名", "类别", "派出学校", "接收学校"],
        &["2026", "王某 13812345678", "教师", "墟沟小学", "连岛小学"],
    ];
    workbook(&t.root.join("交流.xlsx"), &[("交流", sheet)]);
    let before = std::fs::read_to_string(t.site().join("data/exchanges.yaml")).unwrap();
    let run = t.run(&["import", "exchanges", "交流.xlsx", "--site", "site"]);
    assert!(!run.success);
    assert!(run.stderr.contains("交流.xlsx[交流]:2: 错误：含有手机号码"), "{}", run.stderr);
    assert!(!run.stderr.contains("13812345678"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(t.site().join("data/exchanges.yaml")).unwrap(), before);
}

#[test]
fn a_short_name_only_one_school_holds_is_taken_with_a_warning_and_an_ambiguous_one_refused() {
    let t = example("roundtrip-short");
    let sheet: &[&[&str]] = &[
        &["共建形式", "牵头学校", "成员学校", "开始日期", "结束日期"],
        &["区内共建", "白果树", "陶庵", "2027-09-01", "2030-08-31"],
    ];
    workbook(&t.root.join("结对.xlsx"), &[("结对", sheet)]);
    let run = t.run(&["import", "pairings", "结对.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "结对.xlsx[结对]:2:B: 警告：找不到这所学校：「白果树」按校名的一部分对应到 白果树小学（baiguoshu-xiaoxue）"
        ),
        "{}",
        run.stderr
    );
    let yaml = std::fs::read_to_string(t.site().join("data/pairings.yaml")).unwrap();
    assert!(yaml.contains("lead: baiguoshu-xiaoxue, members: [taoan-xiaoxue]"), "{yaml}");
    let sheet: &[&[&str]] = &[&["共建形式", "牵头学校", "开始日期"], &["区内共建", "东港", "2028-09-01"]];
    workbook(&t.root.join("结对2.xlsx"), &[("结对", sheet)]);
    let run = t.run(&["import", "pairings", "结对2.xlsx", "--site", "site"]);
    assert!(run.stderr.contains("结对2.xlsx[结对]:2:B: 错误：找不到这所学校"), "{}", run.stderr);
    assert!(
        run.stderr.contains("东港小学（donggang-xiaoxue）") && run.stderr.contains("东港中学（donggang-zhongxue）"),
        "{}",
        run.stderr
    );
}

#[test]
fn county_data_imported_again_merges_into_the_year_s_file() {
    let t = example("roundtrip-county");
    let path = t.site().join("data/county/2025.yaml");
    let before = std::fs::read_to_string(&path).unwrap();
    let sheet: &[&[&str]] = &[
        &["年度", "项目", "结论", "依据", "科目", "学业水平", "校际差异率"],
        &["2025", "社会认可度", "92.4", "", "", "", ""],
        &["2025", "教师平均工资收入", "121500", "", "", "", ""],
        &["2025", "", "", "", "数学", "Ⅳ", "0.10"],
        &["2025", "", "", "", "英语", "Ⅲ", "0.13"],
    ];
    workbook(&t.root.join("县级.xlsx"), &[("县级评估数据", sheet)]);
    let run = t.run(&["import", "county", "县级.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let after = std::fs::read_to_string(&path).unwrap();
    // The values change where they are written (under their Chinese names); comments, other
    // entries and subjects stay; the new subject is added.
    assert!(after.contains("  社会认可度: 92.4\n") && after.contains("  教师平均工资收入: 121500\n"), "{after}");
    assert!(
        after.contains("{subject: 数学, level: Ⅳ, gap: 0.1}") && after.contains("{subject: 英语, level: Ⅲ, gap: 0.13}"),
        "{after}"
    );
    assert!(after.contains("{科目: 语文, 学业水平: Ⅲ, 校际差异率: 0.09}"), "{after}");
    assert_eq!(
        before.lines().filter(|l| l.starts_with('#')).count(),
        after.lines().filter(|l| l.starts_with('#')).count()
    );
    t.build_ok();
    // Teachers now earn more than civil servants: (八) is met.
    assert!(t.html("dashboard/county-2025/index.html").text("#item-teacher_pay").contains("达到"));
}

#[test]
fn a_new_school_one_character_off_an_existing_one_is_added_with_a_warning() {
    let t = example("roundtrip-near-school");
    let sheet: &[&[&str]] = &[&["学校名称", "学段"], &["墟勾小学", "小学"]];
    workbook(&t.root.join("学校.xlsx"), &[("学校", sheet)]);
    let run = t.run(&["import", "schools", "学校.xlsx", "--site", "site", "--dry-run"]);
    assert!(run.success, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "学校.xlsx[学校]:2: 警告：找不到这所学校：「墟勾小学」作为新学校加入；学校名录里有很像的「墟沟小学」"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("新增 1 所"), "{}", run.stdout);
}

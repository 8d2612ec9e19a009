//! `gongshi import`: spreadsheets and CSV files into data files, checked row by row, read back
//! by the normal pipeline.

use crate::support::SiteTest;
use rust_xlsxwriter::Workbook;
use std::path::Path;

/// Writes an .xlsx with one sheet: rows of cells, numbers where a cell parses as one.
pub fn xlsx(path: &Path, sheet: &str, rows: &[&[&str]]) {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                Err(_) => ws.write_string(r as u32, c as u16, *cell).unwrap(),
            };
        }
    }
    book.save(path).unwrap();
}

const SCHOOLS: &[&[&str]] = &[
    &["连云区学校名录"],
    &["编号", "校 名", "别名", "学段", "乡镇街道", "城乡类别"],
    &["xugou-xiaoxue", "墟沟小学", "墟溝小學", "小学", "墟沟街道", "城区"],
    &["liandao-xiaoxue", "连岛小学", "", "小学", "连岛街道", "镇区"],
    &["xiyuan-zhongxue", "西苑中学", "", "初中", "墟沟街道", "城区"],
];

/// A site whose schools were imported from an .xlsx.
fn site_with_schools(name: &str) -> SiteTest {
    let t = SiteTest::with_site(name);
    xlsx(&t.root.join("学校名录.xlsx"), "学校", SCHOOLS);
    let run = t.run(&["import", "schools", "学校名录.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("已导入 3 行"), "{}", run.stdout);
    t
}

/// The figures of the built model, per school id: (students, teaching_area, equipment_value).
/// A school's id with its students, teaching_area and equipment_value as read by the model.
type Figures = (String, Option<String>, Option<String>, Option<String>);

fn model_figures(site: &Path, year: i32) -> Vec<Figures> {
    let mut diags = gongshi::diagnostics::Diagnostics::default();
    let raw = gongshi::load::load(site, &Default::default(), &mut diags);
    let options = gongshi::model::BuildOptions {
        drafts: false,
        today: gongshi::model::date::china_date(1_700_000_000),
        base_url: None,
    };
    let built = gongshi::model::build(&raw, &options, &mut diags).unwrap();
    assert!(!diags.has_errors(), "{:?}", diags.iter().collect::<Vec<_>>());
    let figures = built.figures.iter().find(|f| f.year == year).unwrap();
    figures
        .rows
        .iter()
        .map(|r| {
            let get = |k: &str| r.get(k).map(|d| d.to_string());
            (r.school.to_string(), get("students"), get("teaching_area"), get("equipment_value"))
        })
        .collect()
}

#[test]
fn an_xlsx_with_chinese_headers_and_units_is_imported_and_built() {
    let t = site_with_schools("import-xlsx");
    let schools = std::fs::read_to_string(t.site().join("data/schools.yaml")).unwrap();
    assert!(schools.starts_with("# 由 gongshi import 从「学校名录.xlsx」导入"), "{schools}");
    assert!(schools.contains("name: 墟沟小学") && schools.contains("# 校名"), "{schools}");
    assert!(schools.contains("aliases: [墟溝小學]"), "{schools}");
    xlsx(
        &t.root.join("指标.xlsx"),
        "2023年指标",
        &[
            &["2023年度办学条件统计表"],
            &["学 校", "在校学生数（人）", "教学及辅助用房面积（平方米）", "教学仪器设备值(元)", "备注"],
            &["墟溝小學", "2100", "9800.5", "4500000", "城区"],
            &["liandao-xiaoxue", "497", "2551", "", ""],
            &["西苑中学", "1584", "9989.9", "5120212", ""],
        ],
    );
    let run = t.run(&["import", "indicators", "指标.xlsx", "--site", "site", "--year", "2023"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains("指标.xlsx[2023年指标]:2:E:") && run.stderr.contains("备注"), "{}", run.stderr);
    let yaml = std::fs::read_to_string(t.site().join("data/indicators/2023.yaml")).unwrap();
    assert!(yaml.contains("year: 2023") && yaml.contains("school: xugou-xiaoxue"), "{yaml}");
    assert!(yaml.contains("teaching_area: 9800.5") && yaml.contains("# 教学及辅助用房面积"), "{yaml}");
    t.build_ok();
    let json = t.read("data/evaluation-2023.json");
    assert!(json.contains("\"school\": \"xugou-xiaoxue\"") && json.contains("\"students\": \"2100\""), "{json}");
    assert!(json.contains("\"teaching_area\": 4.6669"), "{json}");
}

#[test]
fn the_round_trip_gives_the_same_values() {
    let t = site_with_schools("import-round-trip");
    let rows: &[&[&str]] = &[
        &["学校", "学段", "在校学生数", "教学及辅助用房面积（m²）", "教学仪器设备值（元）", "年度"],
        &["墟沟小学", "小学", "2100", "9800.5", "4500000", "2023"],
        &["连岛小学", "", "497", "2551", "", "2023"],
        &["xiyuan-zhongxue", "初中", "1584", "9989.9", "5120212", "2023"],
    ];
    xlsx(&t.root.join("指标.xlsx"), "Sheet1", rows);
    let run = t.run(&["import", "indicators", "指标.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        model_figures(&t.site(), 2023),
        vec![
            ("xugou-xiaoxue".into(), s("2100"), s("9800.5"), s("4500000")),
            ("liandao-xiaoxue".into(), s("497"), s("2551"), None),
            ("xiyuan-zhongxue".into(), s("1584"), s("9989.9"), s("5120212")),
        ]
    );
    // The schools read back too: names, aliases and stages as in the sheet.
    let mut diags = gongshi::diagnostics::Diagnostics::default();
    let raw = gongshi::load::load(&t.site(), &Default::default(), &mut diags);
    let data = raw.data.iter().find(|d| d.kind == gongshi::load::DataKind::Schools).unwrap();
    let schools = gongshi::model::school::read_all(&data.node, &mut diags).items;
    assert!(!diags.has_errors());
    let got: Vec<(String, String, Vec<String>, &str)> =
        schools.iter().map(|s| (s.id.to_string(), s.name.clone(), s.aliases.clone(), s.stage.label())).collect();
    assert_eq!(got[0], ("xugou-xiaoxue".into(), "墟沟小学".into(), vec!["墟溝小學".to_string()], "小学"));
    assert_eq!(got[2].3, "初中");
}

#[test]
fn a_gbk_csv_with_chinese_headers_and_units_is_decoded() {
    let t = site_with_schools("import-gbk");
    let text = "学校,在校学生数（人）,体育运动场馆面积（平方米）,网络多媒体教室数（间）\r\n\
                墟沟小学,2100,16000,50\r\n连岛小学,497,\"4,389.9\",13\r\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    std::fs::write(t.root.join("指标.csv"), &bytes).unwrap();
    let run = t.run(&["import", "indicators", "指标.csv", "--site", "site", "--year", "2022"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stderr.contains("GBK"), "{}", run.stderr);
    let yaml = std::fs::read_to_string(t.site().join("data/indicators/2022.yaml")).unwrap();
    assert!(yaml.contains("sports_area: 4389.9") && yaml.contains("multimedia_rooms: 13"), "{yaml}");
    t.build_ok();
}

#[test]
fn bad_rows_are_reported_by_file_row_and_column_and_nothing_is_written() {
    let t = site_with_schools("import-bad-rows");
    xlsx(
        &t.root.join("指标.xlsx"),
        "指标",
        &[
            &["学校", "在校学生数", "教学及辅助用房面积（平方米）"],
            &["墟沟小学", "2100", "9800"],
            &["墟勾小学", "100", "100"],
            &["连岛小学", "四百九十七", "2551"],
            &["", "300", "300"],
            &["墟沟小学", "2100", "9800"],
        ],
    );
    let run = t.run(&["import", "indicators", "指标.xlsx", "--site", "site", "--year", "2023"]);
    assert!(!run.success);
    let err = &run.stderr;
    assert!(
        err.contains("指标.xlsx[指标]:3:A: 错误：找不到这所学校") && err.contains("墟沟小学（xugou-xiaoxue）"),
        "{err}"
    );
    assert!(err.contains("指标.xlsx[指标]:4:B: 错误：不是有效的数字") && err.contains("四百九十七"), "{err}");
    assert!(err.contains("指标.xlsx[指标]:5:A: 错误：缺少必填字段"), "{err}");
    assert!(err.contains("指标.xlsx[指标]:6:A: 错误：同一学校同一学段填报了两次") && err.contains("第 2 行"), "{err}");
    assert!(err.contains("没有写入任何文件"), "{err}");
    assert!(!t.site().join("data/indicators").exists());

    // Schools: a duplicated school and an empty stage.
    xlsx(
        &t.root.join("学校2.xlsx"),
        "学校",
        &[&["编号", "校名", "学段"], &["a-xiaoxue", "甲小学", "小学"], &["b-xiaoxue", "甲小学", ""]],
    );
    let run = t.run(&["import", "schools", "学校2.xlsx", "--site", "site", "--out", "s.yaml"]);
    assert!(!run.success);
    assert!(run.stderr.contains("学校2.xlsx[学校]:3:C: 错误：缺少必填字段"), "{}", run.stderr);
    assert!(!t.site().join("s.yaml").exists() && !t.root.join("s.yaml").exists());
}

/// Issue 19: a second import merges into the file: ids and hand-written lines stay, changed
/// cells are updated, records the sheet lacks are kept unless `--replace`.
#[test]
fn re_importing_merges_into_the_file_and_keeps_what_the_sheet_lacks() {
    let t = site_with_schools("import-merge");
    let path = t.site().join("data/schools.yaml");
    let first = std::fs::read_to_string(&path).unwrap();
    let run = t.run(&["import", "schools", "学校名录.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("新增 0 所，未变 3 所"), "{}", run.stdout);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first, "an unchanged import rewrote the file");
    std::fs::write(&path, "# 手改过\n".to_string() + &first).unwrap();
    // No id column, names only; 连岛小学 moved town, 西苑中学 left out, 板桥小学 is new.
    let sheet: &[&[&str]] = &[
        &["学校名称", "学段", "乡镇街道", "城乡"],
        &["墟溝小學", "小学", "墟沟街道", "城区"],
        &["连岛小学", "小学", "连云街道", "镇区"],
        &["板桥小学", "小学", "板桥街道", "镇区"],
    ];
    xlsx(&t.root.join("学校名录2.xlsx"), "学校", sheet);
    let run = t.run(&["import", "schools", "学校名录2.xlsx", "--site", "site", "--dry-run"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("新增 1 所，更新 1 所（乡镇街道），未变 1 所"), "{}", run.stdout);
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("# 手改过"), "--dry-run wrote");
    let run = t.run(&["import", "schools", "学校名录2.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    assert!(run.stdout.contains("表里没有的 1 条（文件里保留；要删除请加 --replace）：西苑中学"), "{}", run.stdout);
    assert!(run.stdout.contains("备份"), "{}", run.stdout);
    let merged = std::fs::read_to_string(&path).unwrap();
    assert!(merged.starts_with("# 手改过"), "{merged}");
    assert!(merged.contains("xiyuan-zhongxue") && merged.contains("id: xugou-xiaoxue"), "{merged}");
    assert!(merged.contains("连云街道") && !merged.contains("连岛街道"), "{merged}");
    assert!(merged.contains("- {id: banqiaoxiaoxue, name: 板桥小学"), "{merged}");
    let backups: Vec<_> = std::fs::read_dir(t.site().join("data"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".schools.yaml.bak-"))
        .collect();
    assert_eq!(backups.len(), 1);
    // With --replace the school the sheet lacks goes.
    let run = t.run(&["import", "schools", "学校名录2.xlsx", "--site", "site", "--replace"]);
    assert!(run.success, "{}", run.stderr);
    assert!(!std::fs::read_to_string(&path).unwrap().contains("xiyuan-zhongxue"));
    // The backup is not read by the build.
    let run = t.build_ok();
    assert!(!run.stderr.contains("bak"), "{}", run.stderr);
}

#[test]
fn pairings_and_exchanges_take_school_names() {
    let t = site_with_schools("import-pairings");
    xlsx(
        &t.root.join("结对.xlsx"),
        "结对",
        &[
            &["编号", "形式", "牵头学校", "成员学校", "开始日期", "结束日期", "依据文件"],
            &["jituan-xugou", "集团化办学", "墟沟小学", "连岛小学、西苑中学", "2017-09-01", "2020-08-31", ""],
            &["shiqu-1", "市区共建", "区外：连云港师专一附小教育集团", "墟沟小学", "", "", ""],
        ],
    );
    let run = t.run(&["import", "pairings", "结对.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let yaml = std::fs::read_to_string(t.site().join("data/pairings.yaml")).unwrap();
    assert!(yaml.contains("members: [liandao-xiaoxue, xiyuan-zhongxue]"), "{yaml}");
    assert!(yaml.contains("cycle: {start: 2017-09-01, end: 2020-08-31}"), "{yaml}");
    assert!(yaml.contains("lead: {name: 连云港师专一附小教育集团}"), "{yaml}");
    let csv = "年度,公布日期,姓名,类别,学科,骨干,派出学校,接收学校,结对,期限\n\
               2017,2017-08-20,王某某,教师,语文,是,墟沟小学,连岛小学,jituan-xugou,2017-09-01至2018-07-31\n";
    std::fs::write(t.root.join("交流.csv"), csv).unwrap();
    let run = t.run(&["import", "exchanges", "交流.csv", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let yaml = std::fs::read_to_string(t.site().join("data/exchanges.yaml")).unwrap();
    assert!(yaml.contains("from: xugou-xiaoxue") && yaml.contains("name: 王某某"), "{yaml}");
    t.build_ok();
    assert!(t.read("exchanges/index.html").contains("王某某"));
    assert_eq!(t.html("exchanges/index.html").select_all("table.people-table .badge-key"), ["骨干"]);
}

#[test]
fn a_value_outside_its_fixed_set_is_refused_at_its_cell() {
    // Found by the import fuzz target: such a file was written, then refused by the build.
    let t = SiteTest::with_site("import-fixed-set");
    let csv = "编号,校名,学段,城乡类别\nxx-xiaoxue,某某小学,小校,城区\nyy-xiaoxue,另一小学,小学,城里\n";
    t.file("学校.csv", csv);
    let run = t.run(&["import", "schools", "site/学校.csv", "--site", "site"]);
    assert!(!run.success);
    assert!(run.stderr.contains("site/学校.csv:2:C: 错误：取值无效：「学段」列：「小校」只能是 小学、初中、九年一贯制、十二年一贯制 或 完全中学"), "{}", run.stderr);
    assert!(
        run.stderr.contains("site/学校.csv:3:D: 错误：取值无效：「城乡类别」列：「城里」只能是 城区、镇区 或 乡村"),
        "{}",
        run.stderr
    );
    assert!(!t.site().join("data/schools.yaml").exists());
}

/// Issue 20: control characters passed import, and failed later at a line of YAML the clerk
/// never wrote. They are refused at their cell; nothing is written.
#[test]
fn a_control_character_in_a_cell_is_refused_at_the_cell() {
    let t = SiteTest::with_site("import-control");
    xlsx(
        &t.root.join("学校.xlsx"),
        "学校",
        &[
            &["编号", "校名", "学段"],
            &["xx-xiaoxue", "某某\u{1}小学", "小学"],
            &["yy-xiaoxue", "另一小学\u{7}", "小学"],
        ],
    );
    let run = t.run(&["import", "schools", "学校.xlsx", "--site", "site"]);
    assert!(!run.success, "{}", run.stderr);
    for line in [
        "学校.xlsx[学校]:2:B: 错误：取值无效：「校名」列：这一格含有看不见的控制字符 U+0001",
        "学校.xlsx[学校]:3:B: 错误：取值无效：「校名」列：这一格含有看不见的控制字符 U+0007",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    assert!(!t.site().join("data/schools.yaml").exists());
}

/// Issue 20: Excel's "Unicode 文本" export (.txt, UTF-16 with a BOM, tab-separated) failed with
/// "no header found" and never mentioned tabs.
#[test]
fn an_excel_unicode_text_export_is_imported() {
    let t = SiteTest::with_site("import-unicode-text");
    let text = "编号\t校名\t学段\r\nxx-xiaoxue\t某某小学, 东校区\t小学\r\nyy-xiaoxue\t\"另一小学\"\t初中\r\n";
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(t.root.join("学校.txt"), bytes).unwrap();
    let run = t.run(&["import", "schools", "学校.txt", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let written = std::fs::read_to_string(t.site().join("data/schools.yaml")).unwrap();
    assert!(written.contains("某某小学, 东校区") && written.contains("另一小学"), "{written}");
    t.build_ok();
}

/// Issue 20: a file's name is data, never syntax: a name with a line break and YAML in it was
/// written into the data file's head comment as it was.
#[cfg(unix)]
#[test]
fn a_file_name_with_a_line_break_stays_in_its_comment() {
    let t = SiteTest::with_site("import-odd-name");
    let name = "学校\nschools: []\n# .csv";
    t.file(name, "编号,校名,学段\nxx-xiaoxue,某某小学,小学\n");
    let run = t.run(&["import", "schools", &format!("site/{name}"), "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let written = std::fs::read_to_string(t.site().join("data/schools.yaml")).unwrap();
    assert!(written.lines().next().unwrap().contains("学校\\nschools: []\\n# .csv"), "{written}");
    assert!(!written.lines().any(|l| l == "schools: []"), "{written}");
    assert!(written.contains("xx-xiaoxue"), "{written}");
    t.remove(name);
    t.build_ok();
    assert!(t.exists("schools/xx-xiaoxue/index.html"));
}

//! Evaluation figures in the downloads, against figures computed by hand here.
//!
//! The site: 甲小学 meets everything; 乙小学 is below 85% on key teachers; 丙学校 is a
//! 九年一贯制 school whose 小学 section has no multimedia-room figure and whose 初中 section
//! meets everything; 丁中学 meets everything. The 小学 teaching-area spread is over 0.50.

use crate::support::SiteTest;
use std::collections::BTreeMap;

const SCHOOLS: &str = "\
schools:
  - {id: jia, name: 甲小学, stage: 小学, town: 墟沟街道}
  - {id: yi, name: 乙小学, stage: 小学, town: 墟沟街道}
  - {id: bing, name: 丙学校, stage: 九年一贯制, town: 宿城街道}
  - {id: ding, name: 丁中学, stage: 初中}
";

const FIGURES: &str = "\
year: 2023
date: 2023-09-30
schools:
  - {school: jia, students: 1000, teachers_above_degree: 50, key_teachers: 12, pe_art_teachers: 10,
     teaching_area: 20000, sports_area: 8000, equipment_value: 2500000, multimedia_rooms: 25}
  - {school: yi, students: 500, teachers_above_degree: 20, key_teachers: 4, pe_art_teachers: 5,
     teaching_area: 2500, sports_area: 4000, equipment_value: 1000000, multimedia_rooms: 12}
  - {school: bing, stage: 小学, students: 400, teachers_above_degree: 20, key_teachers: 4, pe_art_teachers: 4,
     teaching_area: 2000, sports_area: 3200, equipment_value: 900000}
  - {school: bing, stage: 初中, students: 300, teachers_above_degree: 18, key_teachers: 3, pe_art_teachers: 3,
     teaching_area: 1800, sports_area: 3300, equipment_value: 900000, multimedia_rooms: 9}
  - {school: ding, students: 600, teachers_above_degree: 36, key_teachers: 6, pe_art_teachers: 6,
     teaching_area: 3600, sports_area: 6600, equipment_value: 1800000, multimedia_rooms: 15}
";

/// The site, built in a folder of its own per test (tests run in parallel).
fn site(name: &str) -> SiteTest {
    let t = SiteTest::with_site(name);
    t.file("data/schools.yaml", SCHOOLS);
    t.file("data/indicators/2023.yaml", FIGURES);
    t.build_ok();
    t
}

/// A CSV download as rows of column → value (BOM checked and removed).
/// The rows of a download by its English keys, as the CSV writes the values.
fn csv(t: &SiteTest, stem: &str) -> Vec<BTreeMap<String, String>> {
    crate::support::download(t, stem).rows
}

fn row<'a>(rows: &'a [BTreeMap<String, String>], key: &str, a: &str, b: &str) -> &'a BTreeMap<String, String> {
    rows.iter()
        .find(|r| r[key] == a && r.get("stage").map(String::as_str) == Some(b))
        .unwrap_or_else(|| panic!("no row {a} {b}"))
}

fn f4(x: f64) -> String {
    format!("{x:.4}")
}

#[test]
fn school_ratios_and_verdicts_match_hand_figures() {
    let t = site("evaluation-ratios");
    let rows = csv(&t, "evaluation-2023");
    assert_eq!(rows.len(), 5);
    let cols = [
        "teachers_above_degree",
        "key_teachers",
        "pe_art_teachers",
        "teaching_area",
        "sports_area",
        "equipment_value",
        "multimedia_rooms",
    ];
    let check = |school: &str, stage: &str, students: &str, values: [Option<f64>; 7], met: &str, verdict: &str| {
        let r = row(&rows, "school", school, stage);
        assert_eq!(r["students"], students, "{school} students");
        for (col, v) in cols.iter().zip(values) {
            assert_eq!(r[*col], v.map(f4).unwrap_or_default(), "{school} {stage} {col}");
        }
        assert_eq!((r["met_count"].as_str(), r["verdict"].as_str()), (met, verdict), "{school} {stage}");
    };
    // 甲: 50×100/1000 = 5.0, 12×100/1000 = 1.2, 10×100/1000 = 1.0, 20000/1000 = 20.0,
    // 8000/1000 = 8.0, 2500000/1000 = 2500, 25×100/1000 = 2.5: all seven reach the 小学 thresholds.
    check(
        "jia",
        "小学",
        "1000",
        [Some(5.0), Some(1.2), Some(1.0), Some(20.0), Some(8.0), Some(2500.0), Some(2.5)],
        "7",
        "达标",
    );
    // 乙: 20×100/500 = 4.0 (< 4.2 but ≥ 0.85×4.2 = 3.57: short), 4×100/500 = 0.8 (< 0.85×1.0:
    // below 85%), 1.0, 5.0, 8.0, 2000 (exactly the threshold: met), 12×100/500 = 2.4.
    check(
        "yi",
        "小学",
        "500",
        [Some(4.0), Some(0.8), Some(1.0), Some(5.0), Some(8.0), Some(2000.0), Some(2.4)],
        "5",
        "未达标",
    );
    // 丙 小学: 20×100/400 = 5.0, 4×100/400 = 1.0 (exactly), 1.0, 5.0, 8.0, 900000/400 = 2250, and no
    // multimedia figure: six met, but a missing figure counts as below 85%.
    check(
        "bing",
        "小学",
        "400",
        [Some(5.0), Some(1.0), Some(1.0), Some(5.0), Some(8.0), Some(2250.0), None],
        "6",
        "未达标",
    );
    // 丙 初中 (初中 thresholds 5.3, 1.0, 0.9, 5.8, 10.2, 2500, 2.4): 18×100/300 = 6.0, 1.0, 1.0,
    // 1800/300 = 6.0, 3300/300 = 11.0, 900000/300 = 3000, 9×100/300 = 3.0.
    check(
        "bing",
        "初中",
        "300",
        [Some(6.0), Some(1.0), Some(1.0), Some(6.0), Some(11.0), Some(3000.0), Some(3.0)],
        "7",
        "达标",
    );
    // 丁: 36×100/600 = 6.0, 1.0, 1.0, 3600/600 = 6.0, 6600/600 = 11.0, 1800000/600 = 3000, 15×100/600 = 2.5.
    check(
        "ding",
        "初中",
        "600",
        [Some(6.0), Some(1.0), Some(1.0), Some(6.0), Some(11.0), Some(3000.0), Some(2.5)],
        "7",
        "达标",
    );

    // The JSON download says the same.
    let json: serde_json::Value = serde_json::from_str(&t.read("data/evaluation-2023.json")).unwrap();
    let yi = json.as_array().unwrap().iter().find(|r| r["school"] == "yi").unwrap();
    assert_eq!(yi["key_teachers"], serde_json::json!(0.8));
    assert_eq!(yi["verdict"], "未达标");
    let bing = json.as_array().unwrap().iter().find(|r| r["school"] == "bing" && r["stage"] == "小学").unwrap();
    assert!(bing["multimedia_rooms"].is_null());
}

/// Student-weighted CV written out: mean = Σ(P·X)/P, S = √(Σ P·(X − mean)² / P), CV = S / mean.
fn cv(points: &[(f64, f64)]) -> f64 {
    let p: f64 = points.iter().map(|(w, _)| w).sum();
    let mean = points.iter().map(|(w, x)| w * x).sum::<f64>() / p;
    let s = (points.iter().map(|(w, x)| w * (x - mean).powi(2)).sum::<f64>() / p).sqrt();
    s / mean
}

#[test]
fn coefficients_of_variation_match_hand_figures() {
    let t = site("evaluation-cv");
    let rows = crate::support::download(&t, "cv-2023").documented().rows.clone();
    let get = |stage: &str, indicator: &str| {
        rows.iter()
            .find(|r| r["stage"] == stage && r["indicator"] == indicator)
            .unwrap_or_else(|| panic!("no cv row {stage} {indicator}"))
    };
    // 小学 teaching area per student: 甲 20.0 (1000 students), 乙 5.0 (500), 丙 5.0 (400).
    // mean = (20000 + 2500 + 2000) / 1900 = 12.8947…
    let mean = (20000.0 + 2500.0 + 2000.0) / 1900.0;
    let s = ((1000.0 * (20.0f64 - mean).powi(2) + 500.0 * (5.0f64 - mean).powi(2) + 400.0 * (5.0f64 - mean).powi(2))
        / 1900.0)
        .sqrt();
    let teaching = s / mean; // 0.5808…: over the 0.50 limit
    assert!(teaching > 0.50);
    let r = get("小学", "teaching_area");
    assert_eq!((r["cv"].as_str(), r["limit"].as_str(), r["ok"].as_str()), (f4(teaching).as_str(), "0.50", "否"));
    // 小学 key teachers per 100: 1.2 (1000), 0.8 (500), 1.0 (400).
    let r = get("小学", "key_teachers");
    assert_eq!(r["cv"], f4(cv(&[(1000.0, 1.2), (500.0, 0.8), (400.0, 1.0)])));
    assert_eq!(r["ok"], "是");
    // 小学 multimedia rooms: 丙 has no figure and is left out: 2.5 (1000) and 2.4 (500).
    assert_eq!(get("小学", "multimedia_rooms")["cv"], f4(cv(&[(1000.0, 2.5), (500.0, 2.4)])));
    // 初中: 丙's 初中 section (300) and 丁 (600).
    assert_eq!(get("初中", "multimedia_rooms")["cv"], f4(cv(&[(300.0, 3.0), (600.0, 2.5)])));
    assert_eq!(get("初中", "equipment_value")["cv"], f4(0.0));
    assert_eq!(get("初中", "teaching_area")["limit"], "0.45");
    assert_eq!(rows.len(), 14);
}

#[test]
fn a_school_with_two_sections_meets_the_standard_only_with_both() {
    let t = site("evaluation-sections");
    let page = t.html("schools/bing/index.html");
    // Latest verdict: 丙's 小学 section is short of a figure, so the school is not 达标.
    assert_eq!(page.text(".summary-cards .badge"), "未达标");
    assert_eq!(
        page.select_all(".section-block h3"),
        ["2023 年 · 小学（在校学生 400 人）", "2023 年 · 初中（在校学生 300 人）"]
    );
    let rows = page.rows(".section-block tbody tr");
    assert_eq!(rows[6], ["每百名学生拥有网络多媒体教室数（间）", "未填报", "2.3", "—", "未填报"]);
    assert_eq!(rows[1], ["每百名学生拥有县级以上骨干教师数（人）", "1.00", "1.0", "100%", "达标"]);
    assert_eq!(rows[13], ["每百名学生拥有网络多媒体教室数（间）", "3.00", "2.4", "125%", "达标"]);
    assert_eq!(page.select_all(".section-block > p .badge"), ["未达标", "达标"]);
    // Each section has a chart with a title, a description and one bar per judged figure.
    let charts = page.select_all(".chart svg title");
    assert_eq!(
        charts,
        ["丙学校2023年小学办学条件指标（占标准的百分比）", "丙学校2023年初中办学条件指标（占标准的百分比）"]
    );
    assert_eq!(page.select_all(".chart svg desc")[0], "7 项指标中 6 项达到标准；未填报：多媒体教室。");
    let svg = t.read("schools/bing/index.html");
    assert!(svg.contains("role=\"img\" aria-labelledby=\"chart-2023-primary-t chart-2023-primary-d\""));
}

#[test]
fn the_dashboard_lists_the_schools_short_and_the_spread() {
    let t = site("evaluation-dashboard");
    let d = t.html("dashboard/index.html");
    // Each count says what it counts.
    assert_eq!(d.text(".summary-cards .card-label"), "有 2023 年数据的 4 所学校中");
    assert_eq!(d.text(".summary-cards .card-value"), "2 所达标（50%）");
    let lacking = d.select_all(".lacking-list li");
    assert_eq!(
        lacking,
        [
            "乙小学 小学 · 5/7 项达标 差距：高学历教师（未达标）、骨干教师（低于85%）",
            "丙学校 小学 · 6/7 项达标 差距：多媒体教室（未填报）"
        ]
    );
    let spread = d.select_all("#gs-spread ~ .section-block h3, .section-block h3");
    assert!(spread.contains(&"2023 年 · 小学（3 所） 未达到要求".to_string()), "{spread:?}");
    assert!(spread.contains(&"2023 年 · 初中（2 所） 达到要求".to_string()), "{spread:?}");
    assert!(d.select_all(".chart svg title").contains(&"2023年小学各项指标差异系数".to_string()));
}

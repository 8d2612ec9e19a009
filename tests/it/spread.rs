//! Every year's spread on the dashboard and in the cv-trend download (issue 11), against
//! coefficients worked by hand.
//!
//! Two 小学 of 100 students each, so the weighted CV is the plain one: with values a and b,
//! mean = (a + b) / 2, S = |a − b| / 2, CV = |a − b| / (a + b).
//! - teaching area per student: 6 and 2 (CV 4/8 = 0.5), 5 and 3 (0.25), 4.5 and 3.5 (0.125): 缩小;
//! - key teachers per 100: 1 and 1 (0), 1 and 1 (0), 2 and 1 (1/3): 扩大;
//! - sports area per student: 8 and 8 every year (0): 基本持平;
//! - the other four indicators have no figures: no trend.

use crate::support::SiteTest;

const SCHOOLS: &str = "\
schools:
  - {id: jia, name: 甲小学, stage: 小学}
  - {id: yi, name: 乙小学, stage: 小学}
";

fn year(year: i32, area: [u32; 2], key: [u32; 2]) -> String {
    format!(
        "year: {year}\nschools:\n  - {{school: jia, students: 100, teaching_area: {}, key_teachers: {}, sports_area: 800}}\n  \
         - {{school: yi, students: 100, teaching_area: {}, key_teachers: {}, sports_area: 800}}\n",
        area[0], key[0], area[1], key[1]
    )
}

fn site(name: &str) -> SiteTest {
    let t = SiteTest::with_site(name);
    t.file("data/schools.yaml", SCHOOLS);
    t.file("data/indicators/2021.yaml", &year(2021, [600, 200], [1, 1]));
    t.file("data/indicators/2022.yaml", &year(2022, [500, 300], [1, 1]));
    t.file("data/indicators/2023.yaml", &year(2023, [450, 350], [2, 1]));
    t.build_ok();
    t
}

#[test]
fn the_dashboard_shows_every_years_spread_and_its_trend() {
    let t = site("spread-dashboard");
    let page = t.html("dashboard/index.html");
    let section = "section[aria-labelledby=gs-spread-years]";
    assert_eq!(
        page.text(&format!("{section} .spread-summary")),
        "小学 2021—2023 年：七项指标中一项的校际差距在缩小，一项在扩大，一项基本持平，四项数据不足两年。"
    );
    // Each row names its indicator in full, and by its short name for a phone's width.
    let rows = page.rows(&format!("{section} .spread-table tr"));
    assert_eq!(rows[0], ["指标", "2021", "2022", "2023", "上限", "变化"]);
    assert_eq!(rows[2], ["每百名学生拥有县级以上骨干教师数骨干教师", "0.000", "0.000", "0.333", "0.50", "差异扩大"]);
    assert_eq!(rows[4], ["生均教学及辅助用房面积教学用房", "0.500", "0.250", "0.125", "0.50", "差异缩小"]);
    assert_eq!(rows[5], ["生均体育运动场馆面积体育场馆", "0.000", "0.000", "0.000", "0.50", "基本持平"]);
    assert_eq!(rows[1], ["每百名学生拥有高于规定学历教师数高学历教师", "—", "—", "—", "0.50", "不足两年"]);
    // One small chart per indicator with figures, each titled and labelled with its ends.
    let titles = page.select_all(&format!("{section} .small-multiple svg title"));
    assert_eq!(titles.len(), 3, "{titles:?}");
    assert_eq!(titles[1], "小学生均教学及辅助用房面积历年差异系数");
    let descs = page.select_all(&format!("{section} .small-multiple svg desc"));
    assert_eq!(descs[1], "生均教学及辅助用房面积：2021年 0.500，2022年 0.250，2023年 0.125；差异缩小");
    assert_eq!(page.select_all(&format!("{section} .small-multiple-name")).len(), 7);
    assert!(page.contains("data/cv-trend.csv"));
}

#[test]
fn the_cv_trend_download_has_every_year_stage_and_indicator() {
    let t = site("spread-download");
    let text = t.read("data/cv-trend.csv");
    let text = text.strip_prefix('\u{feff}').expect("CSV starts with a BOM");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "年度,学段,指标编号,指标,差异系数,上限");
    assert_eq!(lines.len(), 1 + 3 * 7, "three years × seven indicators");
    for row in [
        "2021,小学,teaching_area,生均教学及辅助用房面积,0.5000,0.50",
        "2022,小学,teaching_area,生均教学及辅助用房面积,0.2500,0.50",
        "2023,小学,teaching_area,生均教学及辅助用房面积,0.1250,0.50",
        "2023,小学,key_teachers,每百名学生拥有县级以上骨干教师数,0.3333,0.50",
        "2021,小学,multimedia_rooms,每百名学生拥有网络多媒体教室数,,0.50",
    ] {
        assert!(lines.contains(&row), "{row} missing in\n{text}");
    }
    // Year first: the first seven rows are 2021's.
    assert!(lines[1..8].iter().all(|l| l.starts_with("2021,")), "{text}");
    let json: serde_json::Value = serde_json::from_str(&t.read("data/cv-trend.json")).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 21);
    let key = rows.iter().find(|r| r["year"] == 2023 && r["indicator"] == "key_teachers").unwrap();
    assert_eq!(key["cv"], serde_json::json!(0.3333));
    assert_eq!(key["stage"], "小学");
}

#[test]
fn one_year_of_figures_says_no_trend_yet() {
    let t = SiteTest::with_site("spread-one-year");
    t.file("data/schools.yaml", SCHOOLS);
    t.file("data/indicators/2023.yaml", &year(2023, [450, 350], [2, 1]));
    t.build_ok();
    let page = t.html("dashboard/index.html");
    assert_eq!(page.text(".spread-summary"), "小学只有 2023 年一年的数据，还看不出差距的变化。");
}

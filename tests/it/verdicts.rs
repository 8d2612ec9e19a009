//! Verdicts that never contradict the figure beside them: rounding toward the verdict, schools
//! that are not judged, people not counted, partial years and replaced documents.

use crate::support::SiteTest;

const SCHOOLS: &str = "\
schools:
  - {编号: a, 校名: 甲小学, 学段: 小学}
  - {编号: z, 校名: 新建小学, 学段: 小学}
";

/// 2025: a sends 100 of 1,001 (9.99%, short of 10%); z has nobody eligible but sends one 骨干;
/// one more comes from outside the district. 2024: a sends 200 of 2,001 (9.995%).
fn exchanges() -> String {
    let mut s = String::from(
        "exchanges:\n  - 年度: 2025\n    应交流:\n      - {学校: a, 应交流教师数: 1001}\n      - {学校: z, 应交流教师数: 0}\n    名单:\n",
    );
    for i in 0..100 {
        s.push_str(&format!(
            "      - {{姓名: 甲{i}, 类别: 教师, 骨干: {}, 派出学校: a, 接收学校: z}}\n",
            if i < 20 { "是" } else { "否" }
        ));
    }
    s.push_str("      - {姓名: 乙某, 类别: 教师, 骨干: 是, 派出学校: z, 接收学校: a}\n");
    s.push_str("      - {姓名: 丙某, 类别: 教干, 派出学校: {名称: 外区学校}, 接收学校: a}\n");
    s.push_str("  - 年度: 2024\n    应交流:\n      - {学校: a, 应交流教师数: 2001}\n      - {学校: z, 应交流教师数: 5}\n    名单:\n");
    for i in 0..200 {
        s.push_str(&format!("      - {{姓名: 丁{i}, 类别: 教师, 骨干: 是, 派出学校: a, 接收学校: z}}\n"));
    }
    s
}

fn exchange_site(name: &str) -> SiteTest {
    let mut t = SiteTest::with_site(name);
    t.epoch = "1795392000".into(); // 2026-11-23
    t.file("data/schools.yaml", SCHOOLS);
    t.file("data/exchanges.yaml", &exchanges());
    // Any part of a plan brings the dashboard.
    t.file("data/plan.yaml", "覆盖目标:\n  - {形式: 全部, 比例: 60%, 期限: 2018-12}\n");
    t
}

#[test]
fn an_exchange_share_short_of_its_limit_never_reads_as_reaching_it() {
    let t = exchange_site("share-rounding");
    t.build_ok();
    let page = t.html("exchanges/index.html");
    let rows = page.rows("table.ratio-table tbody tr");
    assert_eq!(rows[0][..4], ["甲小学", "1001 人", "100 人", "9.99% 未达到"], "{rows:?}");
    // 2024: 200 of 2,001 = 9.995…%, which two decimals would still round up; the county's 200
    // of 2,006 = 9.97%.
    assert_eq!(rows[3][3], "9.995% 未达到", "{rows:?}");
    let county_2024 = rows.iter().filter(|r| r[0] == "全区合计").nth(1).unwrap();
    assert_eq!(county_2024[3], "9.97% 未达到", "{rows:?}");
    let dashboard = t.html("dashboard/index.html");
    let years = dashboard.rows("section[aria-labelledby=gs-exchange] tbody tr");
    assert_eq!(years[1][3], "9.97% 未达到", "{years:?}");
    let csv = t.read("data/exchange-ratios.csv");
    assert!(csv.contains("\n2025,a,甲小学,1001,100,0.0999,否,"), "{csv}");
    assert!(csv.contains("\n2024,a,甲小学,2001,200,0.09995,否,"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&t.read("data/exchange-ratios.json")).unwrap();
    let a_2024 = json.as_array().unwrap().iter().find(|r| r["year"] == 2024 && r["school"] == "a").unwrap();
    assert_eq!(a_2024["share"], 0.09995);
}

#[test]
fn a_school_with_nobody_eligible_is_not_judged() {
    let t = exchange_site("nobody-eligible");
    t.build_ok();
    let page = t.html("exchanges/index.html");
    let rows = page.rows("table.ratio-table tbody tr");
    let z = &rows[1];
    assert_eq!(z[..3], ["新建小学", "0 人", "1 人"], "{rows:?}");
    assert_eq!(z[3], "— 不评判（应交流教师数为 0）", "{rows:?}");
    assert_eq!(z[5], "100.0% 不评判（应交流教师数为 0）", "{rows:?}");
    assert!(!z.iter().any(|c| c.contains("达到")), "{z:?}");
    // 2024: z had 5 eligible and sent nobody: its share is judged, its 骨干 share is not.
    let z_2024 = rows.iter().filter(|r| r[0] == "新建小学").nth(1).unwrap();
    assert_eq!(z_2024[3], "0.0% 未达到", "{rows:?}");
    assert_eq!(z_2024[5], "— 不评判（实际交流 0 人）", "{rows:?}");
    let school = t.html("schools/z/index.html");
    let own = school.rows("table.ratio-table tbody tr");
    assert_eq!(own[0][5], "100.0% 不评判（应交流教师数为 0）", "{own:?}");
    let csv = t.read("data/exchange-ratios.csv");
    assert!(csv.contains("\n2025,z,新建小学,0,1,,,,1,1.0000,\n"), "{csv}");
}

#[test]
fn people_left_out_of_the_ratio_are_named_in_the_summary() {
    let t = exchange_site("left-out");
    t.build_ok();
    let section = t.html("exchanges/index.html").text("section[aria-labelledby=gs-ratios]");
    assert!(
        section.contains("实际交流 101 人（10.1%，要求不低于 10%；另有 1 人由区外学校派出，不计入比例）"),
        "{section}"
    );
}

/// Two 小学 of 1,000 students with 1 and 3.00032 m² of teaching space each: a weighted CV of
/// 2.00032 / 4.00032 = 0.500040…, over the 0.50 limit by less than three (or four) decimals show.
fn cv_site(name: &str) -> SiteTest {
    let t = SiteTest::with_site(name);
    t.file("data/schools.yaml", SCHOOLS);
    t.file(
        "data/indicators/2023.yaml",
        "year: 2023\ndate: 2023-09-30\nschools:\n  - {school: a, students: 1000, teaching_area: 1000}\n  - {school: z, students: 1000, teaching_area: 3000.32}\n",
    );
    t
}

#[test]
fn a_coefficient_over_its_limit_never_reads_as_within_it() {
    let t = cv_site("cv-rounding");
    t.build_ok();
    let dashboard = t.html("dashboard/index.html");
    let rows = dashboard.rows("section[aria-labelledby=gs-spread] tbody tr");
    let area = rows.iter().find(|r| r[0] == "生均教学及辅助用房面积").unwrap();
    assert_eq!(area[1..], ["0.50004", "超出"], "{rows:?}");
    let csv = t.read("data/cv-2023.csv");
    assert!(csv.contains("\n小学,teaching_area,生均教学及辅助用房面积,0.50004,0.50,否\n"), "{csv}");
    let trend = t.read("data/cv-trend.csv");
    assert!(trend.contains(",teaching_area,生均教学及辅助用房面积,0.50004,0.50\n"), "{trend}");
}

#[test]
fn an_indicator_short_of_its_threshold_never_reads_as_reaching_it() {
    // 10 骨干 for 1,001 students: 0.999 per 100 against 1.0 (99.9%); 9 for 1,061: 0.848 (84.8%
    // of the threshold, below the 85% floor).
    let t = SiteTest::with_site("indicator-rounding");
    t.file("data/schools.yaml", SCHOOLS);
    t.file(
        "data/indicators/2023.yaml",
        "year: 2023\nschools:\n  - {school: a, students: 1001, key_teachers: 10}\n  - {school: z, students: 1061, key_teachers: 9}\n",
    );
    t.build_ok();
    let key = |school: &str| {
        let page = t.html(&format!("schools/{school}/index.html"));
        let rows = page.rows("table tbody tr");
        rows.into_iter().find(|r| r[0].starts_with("每百名学生拥有县级以上骨干教师数")).unwrap()
    };
    assert_eq!(key("a")[1..], ["0.999", "1.0", "99.9%", "未达标"]);
    // The chart's bar label says the same.
    let chart = t.html("schools/a/index.html").select_all(".chart svg text");
    assert!(chart.contains(&"99.9%".to_string()) && !chart.contains(&"100%".to_string()), "{chart:?}");
    assert_eq!(key("z")[1..], ["0.848", "1.0", "84.8%", "低于85%"]);
}

/// 89号 says 有效 in its own file; 52号 says nothing; the 2024 方案 replaces both.
fn replaced_site(name: &str) -> SiteTest {
    use crate::support::doc;
    let t = SiteTest::with_site(name);
    t.file(
        "policies/old-89.md",
        &doc("标题: 结对共建实施方案\n文号: 连区教〔2017〕89号\n成文日期: 2017-08-07\n时效: 有效", "正文。\n"),
    );
    t.file(
        "policies/old-52.md",
        &doc("标题: 结对共建工作意见\n文号: 连区教〔2014〕52号\n成文日期: 2014-08-15", "正文。\n"),
    );
    t.file(
        "policies/new.md",
        &doc(
            "标题: 新一轮结对共建实施方案\n文号: 连区教〔2024〕12号\n成文日期: 2024-03-01\n替代: [连区教〔2017〕89号, 连区教〔2014〕52号]",
            "正文。\n",
        ),
    );
    t
}

#[test]
fn a_replaced_document_says_so_and_an_explicit_in_force_is_a_warning() {
    let mut t = replaced_site("replaced");
    t.epoch = "1795392000".into();
    let run = t.build_ok();
    run.has_line("policies/old-89.md:5:5: 警告：被替代的文件仍写着有效：");
    // 52号 wrote nothing: 失效, with the notice that links the new one.
    let squashed = |text: String| text.split_whitespace().collect::<String>();
    let old = squashed(t.html("policies/old-52/index.html").text(".callout"));
    assert!(old.contains("本文件已失效。已被《新一轮结对共建实施方案》（连区教〔2024〕12号）替代"), "{old}");
    // 89号 kept its own 有效 but never reads as simply in force.
    let kept = t.html("policies/old-89/index.html");
    let callout = squashed(kept.text(".callout"));
    assert!(callout.contains("本文件已被《新一轮结对共建实施方案》（连区教〔2024〕12号）部分替代"), "{callout}");
    assert_eq!(kept.attrs(".callout a", "href"), ["../../policies/new/"]);
    let list = t.html("policies/index.html");
    let badges = list.select_all(".badge");
    assert!(badges.contains(&"部分替代".to_string()) && badges.contains(&"失效".to_string()), "{badges:?}");
}

const FOUR_SCHOOLS: &str = "\
schools:
  - {编号: a, 校名: 甲小学, 学段: 小学}
  - {编号: b, 校名: 乙小学, 学段: 小学}
  - {编号: c, 校名: 丙小学, 学段: 小学}
  - {编号: d, 校名: 丁小学, 学段: 小学, 办学状态: 撤并}
";

/// A full row that meets youzhi-2017 for a 小学 of 1,000 students.
fn full_row(school: &str, teaching_area: u32) -> String {
    format!(
        "  - {{school: {school}, students: 1000, teachers_above_degree: 50, key_teachers: 12, pe_art_teachers: 10, teaching_area: {teaching_area}, sports_area: 8000, equipment_value: 2500000, multimedia_rooms: 25}}\n"
    )
}

/// 2025: a, b and c (every 在办 小学; d is closed). 2026: only a, with no date, built on 2026-11-23.
fn partial_site(name: &str, date_2026: &str) -> SiteTest {
    let mut t = SiteTest::with_site(name);
    t.epoch = "1795392000".into(); // 2026-11-23
    t.file("data/schools.yaml", FOUR_SCHOOLS);
    let y2025 = format!(
        "year: 2025\ndate: 2025-09-30\nschools:\n{}{}{}",
        full_row("a", 5000),
        full_row("b", 5000),
        full_row("c", 4000)
    );
    t.file("data/indicators/2025.yaml", &y2025);
    t.file("data/indicators/2026.yaml", &format!("year: 2026\n{date_2026}schools:\n{}", full_row("a", 5000)));
    t
}

#[test]
fn a_partial_year_never_takes_over_the_headline_or_a_spread_verdict() {
    let t = partial_site("partial-year", "");
    t.run(&["check", "site"])
        .has_line("data/indicators/2026.yaml:1:7: 警告：年度数据不全：2026 年应报 3 所学校，只有 1 所");
    t.build_ok();
    let home = t.html("index.html").text("section[aria-labelledby=gs-progress]");
    assert!(home.contains("有 2025 年数据的 3 所学校中"), "{home}");
    assert!(home.contains("1 所学校已报 2026 年数据"), "{home}");
    let dashboard = t.html("dashboard/index.html");
    let main = dashboard.text("main");
    assert!(main.contains("有 2025 年数据的 3 所学校中"), "{main}");
    assert!(main.contains("1 所学校已报 2026 年数据"), "{main}");
    assert!(!main.contains("2026-12-31"), "{main}");
    // The 2026 spread (one school of three) is not judged anywhere.
    let cv = t.read("data/cv-2026.csv");
    assert!(!cv.contains("true") && !cv.contains("false"), "{cv}");
    // A year with no date shows none: never the end of a year that has not ended.
    let school = t.html("schools/a/index.html").text("main");
    assert!(!school.contains("2026-12-31"), "{school}");
}

#[test]
fn a_figures_date_after_the_build_date_is_a_warning() {
    let t = partial_site("future-date", "date: 2026-12-01\n");
    t.run(&["check", "site"]).has_line("data/indicators/2026.yaml:2:7: 警告：统计日期在构建日期之后：");
}

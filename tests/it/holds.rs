//! Verdicts that must not contradict the figures beside them: a target held now against one
//! reached once (coverage and 达标 plan), trend words from the whole series, the order of
//! pairings, and which duties are due soon. Built on 2026-11-23.

use crate::support::SiteTest;

const SCHOOLS: &str = "\
schools:
  - {编号: a, 校名: 甲小学, 学段: 小学}
  - {编号: b, 校名: 乙小学, 学段: 小学}
  - {编号: c, 校名: 丙小学, 学段: 小学}
  - {编号: d, 校名: 丁小学, 学段: 小学}
  - {编号: e, 校名: 戊小学, 学段: 小学}
";

fn site(name: &str) -> SiteTest {
    let mut t = SiteTest::with_site(name);
    t.epoch = "1795392000".into(); // 2026-11-23
    t.file("data/schools.yaml", SCHOOLS);
    t
}

#[test]
fn a_coverage_target_reached_once_but_not_held_now_says_so() {
    let t = site("holds-coverage");
    // The 集团 covered a and b (2 of 5 = 40%) from 2017-09-01 to 2020-08-31; now only the
    // 共同体 of c, d and e is active (60%).
    t.file(
        "data/pairings.yaml",
        "pairings:\n  \
         - {编号: p1, 形式: 集团化办学, 牵头学校: a, 成员学校: [b], 周期: {开始: 2017-09-01, 结束: 2020-08-31}}\n  \
         - {编号: p2, 形式: 教育发展共同体, 牵头学校: c, 成员学校: [d, e], 周期: {开始: 2024-09-01, 结束: 2027-08-31}}\n",
    );
    t.file(
        "data/plan.yaml",
        "覆盖目标:\n  - {形式: 集团化办学, 比例: 40%, 期限: 2017-12}\n  - {形式: 全部, 比例: 40%, 期限: 2018-12}\n",
    );
    t.build_ok();
    for path in ["pairings/index.html", "dashboard/index.html"] {
        let page = t.html(path);
        let rows = page.rows("table.coverage-targets tbody tr");
        // Reached on 2017-09-01, in its due month, but the 集团 has ended: not held now.
        assert_eq!(
            rows[0],
            [
                "集团化办学",
                "40%",
                "2017-12",
                "0% 未达到",
                "2017-09-01",
                "已回落 曾于 2017-09-01 达到，目前未达到（0%）"
            ],
            "{path}"
        );
        // Reached on 2017-09-01, lost from 2020-09-01 to 2024-08-31, held again now.
        assert_eq!(rows[1], ["全部形式", "40%", "2018-12", "60% 达到", "2017-09-01", "提前达标"], "{path}");
    }
}

fn figures(year: i32, a_area: u32, b_area: u32) -> String {
    // 100 students each: every figure meets the 小学 threshold except a low teaching area
    // (300 m² is 3.0 per student, 67% of 4.5: below 85%).
    let school = |id: &str, area: u32| {
        format!(
            "  - {{school: {id}, students: 100, teachers_above_degree: 5, key_teachers: 2, pe_art_teachers: 1, \
             teaching_area: {area}, sports_area: 800, equipment_value: 210000, multimedia_rooms: 3}}\n"
        )
    };
    format!("year: {year}\nschools:\n{}{}", school("a", a_area), school("b", b_area))
}

#[test]
fn a_planned_school_that_fell_back_is_not_shown_as_met() {
    let t = site("holds-plan");
    // a meets the standard in 2021 and falls below it in 2024; b meets it only in 2024.
    t.file("data/indicators/2021.yaml", &figures(2021, 500, 300));
    t.file("data/indicators/2024.yaml", &figures(2024, 300, 500));
    t.file("data/plan.yaml", "targets:\n  - {期限: 2021-12, 学校: [a]}\n  - {期限: 2024-12, 学校: [b]}\n");
    t.build_ok();
    let page = t.html("dashboard/index.html");
    let rows = page.rows("section[aria-labelledby=gs-plan] tbody tr");
    assert_eq!(rows[0], ["甲小学", "2021-12", "2021 年 · 2024 年未达标（回落）", "已回落"]);
    assert_eq!(rows[1], ["乙小学", "2024-12", "2024 年", "按期达标"]);
    // The plan's progress counts who meets the standard in 2024: b, not a.
    let summary = page.text("section[aria-labelledby=gs-trend]");
    assert!(summary.contains("到 2024 年计划应达标 2 所（100%），实际已达标 1 所（50%）"), "{summary}");
    let school = t.html("schools/a/index.html");
    let cards = school.select_all(".summary-cards .card");
    assert!(cards.iter().any(|c| c.contains("计划达标期限") && c.contains("已回落")), "{cards:?}");
    assert!(cards.iter().any(|c| c == "首次达标 2021 年 · 2024 年未达标（回落）"), "{cards:?}");
    assert!(!school.text("main").contains("按期达标"));
}

#[test]
fn trend_words_come_from_the_fitted_slope_with_a_tolerance() {
    let t = site("holds-trend");
    // Two 小学 of 100 students: the teaching-area CV is |a − b| / (a + b): 94/1000 = 0.094 in
    // 2021, 190/2000 = 0.095 in 2022. A change of 0.001 is within the tolerance: 基本持平.
    let year = |year: i32, a: u32, b: u32| {
        format!(
            "year: {year}\nschools:\n  - {{school: a, students: 100, teaching_area: {a}}}\n  \
             - {{school: b, students: 100, teaching_area: {b}}}\n"
        )
    };
    t.file("data/indicators/2021.yaml", &year(2021, 547, 453));
    t.file("data/indicators/2022.yaml", &year(2022, 1095, 905));
    t.build_ok();
    let page = t.html("dashboard/index.html");
    let section = "section[aria-labelledby=gs-spread-years]";
    let rows = page.rows(&format!("{section} .spread-table tr"));
    assert_eq!(rows[4], ["生均教学及辅助用房面积教学用房", "0.094", "0.095", "0.50", "基本持平"]);
    let rule = page.text(&format!("{section} > p.muted"));
    assert!(rule.contains("最小二乘") && rule.contains("0.01") && rule.contains("基本持平"), "{rule}");
}

#[test]
fn current_pairings_come_first_then_upcoming_then_ended_newest_first() {
    let t = site("holds-order");
    t.file(
        "data/pairings.yaml",
        "pairings:\n  \
         - {编号: old, 形式: 区内共建, 名称: 上一轮共建, 牵头学校: a, 成员学校: [b], 周期: {开始: 2017-09-01, 结束: 2020-08-31}}\n  \
         - {编号: older, 形式: 区内共建, 名称: 最早共建, 牵头学校: a, 成员学校: [c], 周期: {开始: 2014-09-01, 结束: 2017-08-31}}\n  \
         - {编号: next, 形式: 区内共建, 名称: 下一轮共建, 牵头学校: a, 成员学校: [d], 周期: {开始: 2027-09-01, 结束: 2030-08-31}}\n  \
         - {编号: now, 形式: 区内共建, 名称: 现行共建, 牵头学校: a, 成员学校: [e], 周期: {开始: 2024-09-01, 结束: 2027-08-31}}\n",
    );
    t.build_ok();
    let list = t.html("pairings/index.html");
    let rows = list.rows("table.pairing-table tbody tr");
    let seen: Vec<(&str, &str)> = rows.iter().map(|r| (r[1].as_str(), r[3].as_str())).collect();
    assert_eq!(seen, [("戊小学", "进行中"), ("丁小学", "未开始"), ("乙小学", "已结束"), ("丙小学", "已结束")]);
    let school = t.html("schools/a/index.html");
    assert_eq!(school.select_all(".pairing-list > li > a"), ["现行共建", "下一轮共建", "上一轮共建", "最早共建"]);
}

#[test]
fn only_duties_within_the_window_are_due_soon() {
    let t = site("holds-duties");
    // 17 days after the build date, and about eight months after it.
    t.file(
        "data/plan.yaml",
        "时间节点:\n  - {事项: 上报年度总结, 截止日期: 2026-12-10}\n  - {事项: 提交评估材料, 截止日期: 2027-07-31}\n",
    );
    t.build_ok();
    let home = t.html("index.html");
    let section = "section[aria-labelledby=gs-duties]";
    assert_eq!(home.select_all(&format!("{section} h3")), ["即将到期（30 天内）", "待办"]);
    let lists = home.select_all(&format!("{section} ol"));
    assert!(lists[0].contains("上报年度总结 即将到期") && !lists[0].contains("提交评估材料"), "{lists:?}");
    assert!(lists[1].contains("提交评估材料 未到期"), "{lists:?}");
    let dashboard = t.html("dashboard/index.html");
    let items = dashboard.select_all("section[aria-labelledby=gs-milestones] .timeline > li");
    assert!(items[0].starts_with("2026-12-10 上报年度总结 即将到期"), "{items:?}");
    assert!(items[1].starts_with("2027-07-31 提交评估材料 未到期"), "{items:?}");
}

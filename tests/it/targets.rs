//! The plan's targets beyond 达标: coverage of pairings, exchange ratios and recurring duties,
//! on a small site with figures worked by hand, and their bad input.

use crate::support::{Run, SiteTest};

const SCHOOLS: &str = "\
schools:
  - {编号: a, 校名: 甲小学, 学段: 小学, 城乡类别: 城区}
  - {编号: b, 校名: 乙小学, 学段: 小学, 城乡类别: 乡村}
  - {编号: c, 校名: 丙中学, 学段: 初中, 城乡类别: 城区}
  - {编号: d, 校名: 丁小学, 学段: 小学, 办学状态: 待建}
  - {编号: e, 校名: 戊小学, 学段: 小学, 办学状态: 撤并}
";

const PAIRINGS: &str = "\
pairings:
  - {编号: p1, 形式: 集团化办学, 牵头学校: a, 成员学校: [b, e], 周期: {开始: 2017-09-01, 结束: 2020-08-31}}
  - {编号: p2, 形式: 教育发展共同体, 牵头学校: c, 成员学校: [a, d], 周期: {开始: 2024-09-01, 结束: 2027-08-31}}
";

/// a sends 2 of 20 (exactly 10%), one of them 骨干 (exactly 50%); c sends 1 of 10, not 骨干.
const EXCHANGES: &str = "\
exchanges:
  - 年度: 2025
    公布日期: 2025-08-25
    应交流:
      - {学校: a, 应交流教师数: 20, 应交流骨干教师数: 4}
      - {学校: c, 应交流教师数: 10}
    名单:
      - {姓名: 王某某, 类别: 教师, 骨干: 是, 派出学校: a, 接收学校: c}
      - {姓名: 李某某, 类别: 教师, 派出学校: a, 接收学校: b}
      - {姓名: 张某某, 类别: 教干, 派出学校: c, 接收学校: a}
";

const PLAN: &str = "\
覆盖目标:
  - {形式: 全部, 比例: 60%, 期限: 2018-12}
  - {形式: 教育发展共同体, 比例: 100%, 期限: 2025-12}
交流比例要求: {交流比例: 10%, 骨干比例: 50%}
时间节点:
  - {事项: 上报共建方案, 每年: 08-10, 起始年度: 2025, 负责单位: 每所牵头学校, 完成情况: [{年度: 2025, 完成日期: 2025-08-09}]}
  - {事项: 公布交流名单, 每年: 08-20, 起始年度: 2025, 结束年度: 2026, 完成依据: 交流名单}
";

fn site(name: &str) -> SiteTest {
    let mut t = SiteTest::with_site(name);
    t.epoch = "1795392000".into(); // 2026-11-23
    t.file("data/schools.yaml", SCHOOLS);
    t.file("data/pairings.yaml", PAIRINGS);
    t.file("data/exchanges.yaml", EXCHANGES);
    t.file("data/plan.yaml", PLAN);
    t
}

#[test]
fn the_pairings_page_shows_coverage_and_its_targets() {
    let t = site("coverage");
    t.build_ok();
    let page = t.html("pairings/index.html");
    // On 2026-11-23 only the 共同体 is active: a and c of the three 在办 schools (d 待建 and e 撤并
    // are not counted).
    let shares = page.rows("table.coverage-shares tbody tr, table.coverage-years tbody tr");
    let find = |label: &str| shares.iter().find(|r| r[0] == label).cloned().unwrap_or_default();
    assert_eq!(find("全部形式"), ["全部形式", "2 / 3", "67%"]);
    assert_eq!(find("集团化办学"), ["集团化办学", "0 / 3", "0%"]);
    assert_eq!(find("教育发展共同体"), ["教育发展共同体", "2 / 3", "67%"]);
    assert_eq!(find("小学"), ["小学", "1 / 2", "50%"]);
    assert_eq!(find("乡村"), ["乡村", "0 / 1", "0%"]);
    // Year ends: the 集团 covered a and b from 2017 to its end in 2020.
    assert_eq!(find("2017"), ["2017", "2017-12-31", "67%"]);
    assert_eq!(find("2020"), ["2020", "2020-12-31", "0%"]);
    assert_eq!(find("2026"), ["2026", "2026-11-23", "67%"]);
    // 60% was first reached on 2017-09-01, a year before it was due; the 共同体 never reached 100%.
    let targets = page.rows("table.coverage-targets tbody tr");
    assert_eq!(targets[0], ["全部形式", "60%", "2018-12", "67% 达到", "2017-09-01", "提前达标"]);
    assert_eq!(targets[1], ["教育发展共同体", "100%", "2025-12", "67% 未达到", "—", "逾期未达标"]);
    assert!(page.text("section[aria-labelledby=gs-coverage]").contains("不在任何结对中的学校（1 所）：乙小学"));
    assert!(page.contains("<svg") && page.contains("历年结对覆盖率（全部形式，年末）"));
    let csv = t.read("data/coverage-2026.csv");
    assert!(csv.starts_with("\u{feff}日期,学校编号,校名,学段,城乡类别,在结对中,结对形式,结对编号\n"), "{csv}");
    assert!(csv.contains("\n2026-11-23,a,甲小学,小学,城区,是,教育发展共同体,p2\n"), "{csv}");
    assert!(csv.contains("\n2026-11-23,b,乙小学,小学,乡村,否,,\n"), "{csv}");
    assert!(!csv.contains(",d,") && !csv.contains(",e,"), "only 在办 schools: {csv}");
    let y2018 = t.read("data/coverage-2018.csv");
    assert!(y2018.contains("\n2018-12-31,b,乙小学,小学,乡村,是,集团化办学,p1\n"), "{y2018}");
}

#[test]
fn exchange_ratios_are_judged_against_the_plans_limits() {
    let t = site("ratios");
    t.build_ok();
    let page = t.html("exchanges/index.html");
    let rows = page.rows("table.ratio-table tbody tr");
    assert_eq!(rows[0], ["甲小学", "20 人（骨干 4）", "2 人", "10.0% 达到", "1 人", "50.0% 达到"]);
    assert_eq!(rows[1], ["丙中学", "10 人", "1 人", "10.0% 达到", "0 人", "0.0% 未达到"]);
    assert_eq!(rows[2], ["全区合计", "30 人", "3 人", "10.0% 达到", "1 人", "33.3% 未达到"]);
    let section = page.text("section[aria-labelledby=gs-ratios]");
    assert!(section.contains("0 所学校交流比例未达到要求，1 所骨干比例未达到要求"), "{section}");
    assert_eq!(page.select_all("table.people-table .badge-key"), ["骨干"]);
    let school = t.html("schools/a/index.html");
    assert_eq!(
        school.rows("table.ratio-table tbody tr"),
        [["2025 年", "20 人（骨干 4）", "2 人", "10.0% 达到", "1 人", "50.0% 达到"]]
    );
    let dashboard = t.html("dashboard/index.html");
    assert_eq!(
        dashboard.rows("section[aria-labelledby=gs-exchange] tbody tr")[0],
        ["2025 年", "30 人", "3 人", "10.0% 达到", "1 人", "33.3% 未达到"]
    );
    let csv = t.read("data/exchange-ratios.csv");
    assert!(csv.contains("\n2025,a,甲小学,20,2,0.1000,是,4,1,0.5000,是\n"), "{csv}");
    assert!(csv.contains("\n2025,,全区合计,30,3,0.1000,是,,1,0.3333,否\n"), "{csv}");
    let json: serde_json::Value = serde_json::from_str(&t.read("data/exchange-ratios.json")).unwrap();
    assert_eq!(json[1]["school"], "c");
    assert!(json[1]["key_eligible"].is_null());
}

#[test]
fn recurring_duties_show_on_the_home_page_and_the_dashboard() {
    let t = site("duties");
    t.build_ok();
    let home = t.html("index.html");
    let overdue: Vec<String> = home.select_all("#gs-duties ~ ol:first-of-type > li > div > strong");
    // Overdue: c's 2026 方案 (the 集团 had ended, so c is the only lead) and the 2026 list, which
    // has not been published. Next due: the 2027 方案, more than 30 days away: 待办, not 即将到期.
    assert_eq!(overdue, ["上报共建方案", "公布交流名单"]);
    assert_eq!(home.select_all("section[aria-labelledby=gs-duties] h3"), ["逾期未完成（2 项）", "待办"]);
    assert_eq!(home.select_all("section[aria-labelledby=gs-duties] ol:last-of-type time")[0], "2027-08-10");
    let dashboard = t.html("dashboard/index.html");
    let items: Vec<String> = dashboard.select_all("section[aria-labelledby=gs-milestones] .timeline > li");
    let first: Vec<String> = items.iter().map(|i| i.split_whitespace().take(3).collect::<Vec<_>>().join(" ")).collect();
    assert_eq!(
        first,
        [
            "2025-08-10 上报共建方案 按时完成",
            "2025-08-20 公布交流名单 逾期完成",
            "2026-08-10 上报共建方案 逾期未完成",
            "2026-08-20 公布交流名单 逾期未完成",
            "2027-08-10 上报共建方案 未到期",
        ]
    );
    // The lead school is named with its own state; the list duty was done on the list's 公布日期.
    assert!(items[0].contains("丙中学 按时完成 2025-08-09"), "{}", items[0]);
    assert!(items[1].contains("完成于 2025-08-25"), "{}", items[1]);
    // The same duties as the home page, as an Atom feed linking to their dashboard entries.
    let feed = t.read("data/duties.xml");
    let xml = roxmltree::Document::parse(&feed).expect("duties.xml is XML");
    let atom = "http://www.w3.org/2005/Atom";
    assert_eq!(xml.root_element().tag_name().namespace(), Some(atom));
    let entries: Vec<(String, String)> = xml
        .descendants()
        .filter(|n| n.has_tag_name((atom, "entry")))
        .map(|e| {
            let text = |tag: &str| {
                e.children().find(|c| c.has_tag_name((atom, tag))).and_then(|c| c.text()).unwrap_or("").to_string()
            };
            (text("title"), text("id"))
        })
        .collect();
    assert_eq!(entries.len(), 3, "{entries:?}");
    assert!(
        entries.contains(&(
            "公布交流名单（逾期未完成）".into(),
            "https://jyj.example.cn/junheng/dashboard/#duty-1-2026-08-20".into()
        )),
        "{entries:?}"
    );
    let anchor = entries[0].1.rsplit('#').next().unwrap().to_string();
    assert_eq!(dashboard.attrs(&format!("#{anchor}"), "id"), [anchor]);
    assert!(home.contains("data/duties.xml"), "autodiscovery on the home page");
}

/// A good site is built, then `plan` replaces plan.yaml: the build must fail, say `lines`, and
/// leave the output as it was.
fn break_plan(name: &str, plan: &str) -> Run {
    let t = site(name);
    t.build_ok();
    let before = t.out_files();
    t.file("data/plan.yaml", plan);
    let run = t.build(&[]);
    run.failed();
    assert_eq!(t.out_files(), before, "the previous output changed");
    run
}

#[test]
fn a_coverage_target_for_a_form_no_pairing_has_is_an_error() {
    break_plan("coverage-form", "覆盖目标:\n  - {形式: 共同体, 比例: 80%, 期限: 2020-12}\n")
        .has_line("data/plan.yaml:2:10: 错误：取值无效：结对名单里没有形式为「共同体」的结对，这个覆盖目标无法计算")
        .stderr_contains("可用的形式：集团化办学、教育发展共同体；不分形式写 全部");
}

#[test]
fn a_limit_over_a_hundred_percent_is_an_error() {
    break_plan("ratio-limit", "交流比例要求:\n  交流比例: 10%\n  骨干比例: 120%\n")
        .has_line("data/plan.yaml:3:9: 错误：取值无效：比例「120%」应大于 0、不超过 100%");
    break_plan("coverage-share", "覆盖目标:\n  - {比例: 1.5, 期限: 2020-12}\n")
        .has_line("data/plan.yaml:2:10: 错误：取值无效：比例「1.5」应大于 0、不超过 100%");
}

#[test]
fn an_owner_that_is_no_school_is_an_error_that_names_the_nearest() {
    let plan = "时间节点:\n  - 事项: 上报方案\n    每年: 08-10\n    起始年度: 2025\n    负责单位: [a, cc]\n";
    break_plan("owner", plan)
        .has_line("data/plan.yaml:5:15: 错误：找不到这所学校：没有编号为「cc」的学校")
        .stderr_contains("您是不是想写 c（丙中学）");
}

#[test]
fn a_yearly_duty_with_a_single_done_date_asks_for_years() {
    let plan = "时间节点:\n  - {事项: 上报方案, 每年: 8月10日, 起始年度: 2025, 完成日期: 2025-08-09}\n";
    break_plan("done-yearly", plan)
        .has_line("data/plan.yaml:2:45: 错误：取值无效：每年重复的节点要按年度写完成日期")
        .stderr_contains("完成情况: [{年度: 2017, 完成日期: 2017-08-08}]");
}

#[test]
fn eligible_counts_are_checked() {
    let t = site("eligible");
    t.build_ok();
    let before = t.out_files();
    t.file(
        "data/exchanges.yaml",
        "exchanges:\n  - 年度: 2025\n    应交流:\n      - {学校: a, 应交流教师数: 3, 应交流骨干教师数: 5}\n      - {学校: a, 应交流教师数: 十}\n",
    );
    t.build(&[])
        .failed()
        .has_line("data/exchanges.yaml:4:38: 错误：")
        .stderr_contains("应交流骨干教师数 5 多于应交流教师数 3")
        .has_line("data/exchanges.yaml:5:25: 错误：")
        .stderr_contains("应交流教师数「十」应是 0 或正整数");
    assert_eq!(t.out_files(), before);
}

/// Issue 20: 5 sent of 1 eligible was published as a 500% ratio, 达到, with no word.
#[test]
fn more_sent_than_eligible_is_refused_at_the_eligible_line() {
    let t = site("eligible-over");
    t.file(
        "data/exchanges.yaml",
        &EXCHANGES.replace("{学校: a, 应交流教师数: 20, 应交流骨干教师数: 4}", "{学校: a, 应交流教师数: 1}"),
    );
    t.build(&[])
        .failed()
        .has_line("data/exchanges.yaml:5:25: 错误：派出人数多于应交流教师数：甲小学派出 2 人，应交流教师数只有 1 人（交流比例 200%）");
}

/// Issue 20, the wording of errors: 02-30 is written as 月-日 (it is no real day); 9999 is a
/// four-digit year (it is out of range); 99999999999999999999 is a whole number (too large).
#[test]
fn a_wrong_value_is_told_what_is_wrong_with_it() {
    let t = site("wording");
    t.file("data/plan.yaml", &PLAN.replace("每年: 08-10", "每年: 02-30"));
    t.file(
        "data/exchanges.yaml",
        &EXCHANGES
            .replace("年度: 2025", "年度: 9999")
            .replace("应交流教师数: 10}", "应交流教师数: 99999999999999999999}"),
    );
    t.build(&[])
        .failed()
        .has_line("data/plan.yaml:6:22: 错误：日期无效：每年「02-30」不是真实存在的日期（2 月没有 30 日）")
        .has_line("data/exchanges.yaml:2:9: 错误：取值无效：年度「9999」不在 1900 到 2200 之间")
        .has_line("data/exchanges.yaml:6:25: 错误：取值无效：应交流教师数「99999999999999999999」太大了");
}

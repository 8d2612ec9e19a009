//! Bad data files: each case asserts `FILE:LINE:COL`, the suggestion, and that the previous
//! output is untouched.

use crate::support::{Run, SiteTest};

const SCHOOLS: &str = "schools:
  - {id: xugou-xiaoxue, name: 墟沟小学, aliases: [墟溝小學], stage: 小学}
  - {id: yunshan-xiaoxue, name: 云山小学, stage: 小学}
  - {id: sucheng-xuexiao, name: 宿城学校, stage: 九年一贯制}
";

/// A good data site is built, `bad` files are written over it, and the second build must fail
/// and leave the first output as it was.
fn break_data(name: &str, bad: &[(&str, &str)]) -> Run {
    let t = SiteTest::with_site(name);
    t.file("data/schools.yaml", SCHOOLS);
    t.build_ok();
    let before = t.out_files();
    for (path, text) in bad {
        t.file(path, text);
    }
    let run = t.build(&[]);
    run.failed();
    assert_eq!(t.out_files(), before, "the previous output changed");
    run
}

#[test]
fn an_unknown_school_id_names_the_nearest_ids() {
    let pairings =
        "pairings:\n  - id: p1\n    form: 区内共建\n    lead: yunshan-xiaoxue\n    members: [xugou-xiaoxe]\n";
    break_data("unknown-id", &[("data/pairings.yaml", pairings)])
        .has_line("data/pairings.yaml:5:15: 错误：找不到这所学校：没有编号为「xugou-xiaoxe」的学校")
        .stderr_contains("提示：您是不是想写 xugou-xiaoxue（墟沟小学）？");
}

#[test]
fn a_school_written_by_name_points_to_its_id() {
    let plan = "targets:\n  - by: 2021-12\n    schools: [yunshan-xiaoxue, 墟溝小學]\n";
    break_data("name-for-id", &[("data/plan.yaml", plan)])
        .has_line("data/plan.yaml:3:32: 错误：找不到这所学校：没有编号为「墟溝小學」的学校")
        .stderr_contains("提示：您是不是想写 xugou-xiaoxue（墟沟小学）？");
}

#[test]
fn duplicate_school_ids() {
    let schools = format!("{SCHOOLS}  - {{id: yunshan-xiaoxue, name: 云山小学（新校区）, stage: 小学}}\n");
    break_data("dup-school", &[("data/schools.yaml", &schools)])
        .has_line("data/schools.yaml:5:10: 错误：编号重复：学校编号「yunshan-xiaoxue」已经用过")
        .stderr_contains("另见：data/schools.yaml:3:10 第一次用在这里");
}

#[test]
fn two_exchange_lists_for_one_year() {
    let exchanges = "exchanges:\n  - year: 2017\n    people: []\n  - 年度: 2017\n    名单: []\n";
    break_data("dup-exchange-year", &[("data/exchanges.yaml", exchanges)])
        .has_line("data/exchanges.yaml:4:9: 错误：编号重复：交流名单的年度「2017」已经用过")
        .stderr_contains("另见：data/exchanges.yaml:2:11 第一次用在这里");
}

#[test]
fn duplicate_pairing_ids() {
    let pairings = "pairings:\n  - {id: p1, form: 区内共建, lead: yunshan-xiaoxue}\n  - {id: p1, form: 区内共建, lead: xugou-xiaoxue}\n";
    break_data("dup-pairing", &[("data/pairings.yaml", pairings)])
        .has_line("data/pairings.yaml:3:10: 错误：编号重复：结对编号「p1」已经用过");
}

#[test]
fn a_school_paired_with_itself() {
    let pairings = "pairings:\n  - id: p1\n    形式: 区内共建\n    牵头学校: yunshan-xiaoxue\n    成员学校:\n      - xugou-xiaoxue\n      - yunshan-xiaoxue\n";
    break_data("self-pairing", &[("data/pairings.yaml", pairings)])
        .has_line("data/pairings.yaml:7:9: 错误：学校不能和自己结对：「云山小学」在这个结对里出现了两次");
}

#[test]
fn a_cycle_ending_before_it_starts() {
    let pairings = "pairings:\n  - id: p1\n    form: 区内共建\n    lead: yunshan-xiaoxue\n    cycle: {start: 2020-09-01, end: 2017-08-31}\n";
    break_data("cycle", &[("data/pairings.yaml", pairings)])
        .has_line("data/pairings.yaml:5:37: 错误：结束日期早于开始日期：结束 2017-08-31 早于开始 2020-09-01");
}

#[test]
fn zero_students_and_negative_counts() {
    let figures = "year: 2023\nschools:\n  - {school: xugou-xiaoxue, students: 0, sports_area: 8000}\n  - {school: yunshan-xiaoxue, students: 500, sports_area: -3}\n";
    break_data("counts", &[("data/indicators/2023.yaml", figures)])
        .has_line("data/indicators/2023.yaml:3:39: 错误：数量不对：在校学生数「0」必须大于 0")
        .has_line("data/indicators/2023.yaml:4:59: 错误：数量不对：体育运动场馆面积「-3」不能为负数")
        .stderr_contains("不知道的数字请删掉这一项");
}

/// Issue 20: a fractional 在校学生数 (1e-9, 0.5) was accepted; people, rooms and books are counted
/// in whole numbers (areas and money are not).
#[test]
fn a_fractional_count_is_refused_and_a_fractional_area_is_not() {
    let figures = "year: 2023\nschools:\n  - {school: xugou-xiaoxue, students: 0.000000001, sports_area: 8000.5}\n  - {school: yunshan-xiaoxue, students: 500, teachers: 30.5}\n";
    break_data("fractional", &[("data/indicators/2023.yaml", figures)])
        .has_line("data/indicators/2023.yaml:3:39: 错误：数量不对：在校学生数「0.000000001」应是整数")
        .has_line("data/indicators/2023.yaml:4:56: 错误：数量不对：专任教师数「30.5」应是整数");
}

#[test]
fn figures_for_an_unknown_school_or_a_stage_it_lacks() {
    let figures = "year: 2023\nschools:\n  - {school: yunshan-xiaoxe, students: 500}\n  - {school: yunshan-xiaoxue, stage: 初中, students: 500}\n";
    break_data("figures-refs", &[("data/indicators/2023.yaml", figures)])
        .has_line("data/indicators/2023.yaml:3:14: 错误：找不到这所学校：没有编号为「yunshan-xiaoxe」的学校")
        .stderr_contains("您是不是想写 yunshan-xiaoxue（云山小学）")
        .has_line("data/indicators/2023.yaml:4:38: 错误：学校没有这个学段：云山小学是小学，没有初中学段");
}

#[test]
fn a_nine_year_school_needs_its_stage_and_one_row_per_stage() {
    let figures = "year: 2023\nschools:\n  - {school: sucheng-xuexiao, students: 500}\n  - {school: sucheng-xuexiao, stage: 小学, students: 300}\n  - {school: sucheng-xuexiao, stage: 小学, students: 310}\n";
    break_data("nine-year", &[("data/indicators/2023.yaml", figures)])
        .has_line(
            "data/indicators/2023.yaml:3:5: 错误：缺少必填字段：宿城学校是九年一贯制，要写学段 stage（小学 或 初中）",
        )
        .has_line("data/indicators/2023.yaml:5:5: 错误：同一学校同一学段填报了两次：宿城学校（小学）");
}

#[test]
fn a_plan_that_names_a_school_twice() {
    let plan = "targets:\n  - {by: 2020-12, schools: [xugou-xiaoxue]}\n  - {by: 2021-12, schools: [yunshan-xiaoxue, xugou-xiaoxue]}\n";
    break_data("plan-twice", &[("data/plan.yaml", plan)])
        .has_line("data/plan.yaml:3:46: 错误：同一所学校写了两次：「墟沟小学」在达标计划里出现了两次")
        .stderr_contains("另见：data/plan.yaml:2:29 第一次写在这里");
}

#[test]
fn an_exchange_naming_an_unknown_pairing() {
    let exchanges = "exchanges:\n  - year: 2017\n    people:\n      - {name: 王某某, role: 教师, from: xugou-xiaoxue, to: yunshan-xiaoxue, pairing: nope}\n";
    break_data("exchange-pairing", &[("data/exchanges.yaml", exchanges)])
        .has_line("data/exchanges.yaml:4:82: 错误：找不到这个结对编号：「nope」");
}

#[test]
fn ids_must_be_lowercase_latin() {
    let schools = "schools:\n  - {id: Xugou_XiaoXue, name: 墟沟小学, stage: 小学}\n";
    break_data("bad-id", &[("data/schools.yaml", schools)])
        .has_line("data/schools.yaml:2:10: 错误：编号格式不对：「Xugou_XiaoXue」");
}

#[test]
fn an_unknown_standard_lists_the_known_ones() {
    let t = SiteTest::new("unknown-standard");
    t.file("site.yaml", &format!("{}评估标准: youzhi-2071\n", crate::support::SITE_YAML));
    t.build(&[])
        .failed()
        .has_line("site.yaml:11:7: 错误：找不到评估标准：「youzhi-2071」")
        .stderr_contains("提示：可用的标准：youzhi-2017、jiben-2012。");
}

#[test]
fn a_broken_schools_file_is_reported_alone() {
    let t = SiteTest::with_site("broken-schools");
    t.file("data/schools.yaml", "schools:\n  - {id: a, name: [\n");
    t.file("data/pairings.yaml", "pairings:\n  - {id: p, form: 区内共建, lead: a}\n");
    let run = t.build(&[]);
    run.failed().has_line("data/schools.yaml:2:19: 错误：YAML 格式错误");
    assert!(!run.stderr.contains("找不到这所学校"), "errors cascaded:\n{}", run.stderr);
}

#[test]
fn a_site_standard_replaces_the_built_in_one() {
    let t = SiteTest::with_site("own-standard");
    t.file("data/schools.yaml", SCHOOLS);
    t.file(
        "data/indicators/2023.yaml",
        "year: 2023\nschools:\n  - {school: xugou-xiaoxue, students: 100, books: 3000}\n",
    );
    // A stricter local standard under the built-in id: one indicator, books per student ≥ 40.
    t.file(
        "standards/youzhi-2017.yaml",
        "编号: youzhi-2017\n名称: 本地标准\n指标:\n  - {编号: books, 名称: 生均图书册数, 分子: books, 单位: 册, 标准: {小学: 40, 初中: 50}}\n\
学校达标规则: {至少达标项数: 1, 最低比例: 0.85}\n差异系数: {方式: 逐项, 上限: {小学: 0.5, 初中: 0.45}}\n",
    );
    t.build_ok();
    let csv = t.read("data/evaluation-2023.csv");
    assert!(csv.contains("学校编号,校名,学段,在校学生数,生均图书册数,达标项数,结论\n"), "{csv}");
    assert!(csv.contains("xugou-xiaoxue,墟沟小学,小学,100,30.0000,0,未达标\n"), "{csv}");
    assert!(t.html("dashboard/index.html").text("main > p").contains("本地标准"));
}

#[test]
fn a_bad_standard_file_is_reported_where_it_is_wrong() {
    let t = SiteTest::with_site("bad-standard");
    t.file(
        "standards/mine.yaml",
        "id: mine\nname: 我的标准\nindicators:\n  - {id: x, name: 某指标, numerator: bookz}\ncv: {method: every}\n",
    );
    t.build(&[])
        .failed()
        .has_line("standards/mine.yaml:4:35: 错误：取值无效：「bookz」不是指标文件里的数字")
        .has_line("standards/mine.yaml:5:14: 错误：取值无效：方式「every」只能是 逐项（each）或 综合（mean）");
}

#[test]
fn the_same_key_twice_under_one_name() {
    let schools = "schools:\n  - id: xugou-xiaoxue\n    学段: 小学\n    name: 墟沟小学\n    学段: 初中\n";
    break_data("same-key-twice", &[("data/schools.yaml", schools)])
        .has_line("data/schools.yaml:5:5: 错误：同一字段写了两次：「学段」和前面的「学段」都是 学段（stage）")
        .stderr_contains("另见：data/schools.yaml:3:5 第一次写在这里");
}

#[test]
fn a_broken_school_record_does_not_make_its_id_unknown_elsewhere() {
    let schools = "schools:\n  - {id: xugou-xiaoxue, name: 墟沟小学, stage: 高中}\n  - {id: yunshan-xiaoxue, name: 云山小学, stage: 小学}\n";
    let pairings = "pairings:\n  - {id: p1, form: 区内共建, lead: xugou-xiaoxue, members: [yunshan-xiaoxue]}\n";
    let run = break_data("broken-school", &[("data/schools.yaml", schools), ("data/pairings.yaml", pairings)]);
    run.has_line("data/schools.yaml:2:44: 错误：取值无效：学段「高中」只能是");
    assert!(!run.stderr.contains("找不到这所学校"), "the bad record's id cascaded:\n{}", run.stderr);
    assert!(run.stderr.contains("失败：1 个错误"), "{}", run.stderr);
}

#[test]
fn an_unreadable_pairings_file_does_not_make_every_pairing_unknown() {
    let pairings = "pairings:\n  - {id: p1, form: [\n";
    let exchanges = "exchanges:\n  - year: 2017\n    people:\n      - {name: 王某某, role: 教师, from: xugou-xiaoxue, to: yunshan-xiaoxue, pairing: p1}\n";
    let run =
        break_data("unreadable-pairings", &[("data/pairings.yaml", pairings), ("data/exchanges.yaml", exchanges)]);
    run.has_line("data/pairings.yaml:2:20: 错误：YAML 格式错误");
    assert!(!run.stderr.contains("找不到这个结对编号"), "{}", run.stderr);
}

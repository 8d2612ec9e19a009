//! The progress pages: schools, pairings, exchanges, dashboard, downloads.

use crate::support::{SiteTest, doc};

const SCHOOLS: &str = "\
schools:
  - {编号: xugou-xiaoxue, 校名: 墟沟小学, 别名: [墟溝小學], 学段: 小学, 乡镇街道: 墟沟街道, 城乡类别: 城区}
  - {编号: yuanqian-xiaoxue, 校名: 院前小学, 学段: 小学, 乡镇街道: 墟沟街道}
  - {编号: yunshan-xiaoxue, 校名: 云山小学, 学段: 小学, 乡镇街道: 云山街道}
  - {编号: miaoling-xiaoxue, 校名: 庙岭小学, 学段: 小学, 乡镇街道: 墟沟街道}
  - {编号: xiyuan-zhongxue, 校名: 西苑中学, 学段: 初中}
  - {编号: haike-yingzhou-xiaoxue, 校名: 海客瀛洲小学, 学段: 小学, 办学状态: 待建}
";

const PAIRINGS: &str = "\
pairings:
  - 编号: shiqu-shizhuan1-yunshan
    形式: 市区共建
    牵头学校: {名称: 连云港师专一附小教育集团}
    成员学校: [yunshan-xiaoxue]
    周期: {开始: 2017-09-01, 结束: 2020-08-31}
    依据文件: 连区教〔2017〕89号
  - 编号: qunei-yuanqian
    形式: 区内共建
    牵头学校: yuanqian-xiaoxue
    成员学校: [yunshan-xiaoxue, miaoling-xiaoxue]
    周期: {开始: 2017-09-01, 结束: 2020-08-31}
  - 编号: gongtongti
    形式: 教育发展共同体
    名称: 墟沟片区教育发展共同体
    牵头学校: xugou-xiaoxue
    成员学校: [miaoling-xiaoxue]
    周期: {开始: 2024-09-01, 结束: 2027-08-31}
";

const EXCHANGES: &str = "\
exchanges:
  - 年度: 2018
    公布日期: 2018-08-18
    名单:
      - {姓名: 孙某某, 类别: 教干, 派出学校: {名称: 连云港师专一附小教育集团}, 接收学校: yunshan-xiaoxue, 结对: shiqu-shizhuan1-yunshan}
  - 年度: 2017
    公布日期: 2017-08-20
    名单:
      - {姓名: 张某某, 类别: 教干, 派出学校: yuanqian-xiaoxue, 接收学校: miaoling-xiaoxue, 结对: qunei-yuanqian, 期限: {开始: 2017-09-01, 结束: 2018-07-31}}
      - {姓名: 王某某, 类别: 教师, 学科: 语文, 派出学校: yunshan-xiaoxue, 接收学校: yuanqian-xiaoxue}
";

fn site(name: &str) -> SiteTest {
    let mut t = SiteTest::with_site(name);
    t.epoch = "1795392000".into(); // 2026-11-23
    t.file("data/schools.yaml", SCHOOLS);
    t.file("data/pairings.yaml", PAIRINGS);
    t.file("data/exchanges.yaml", EXCHANGES);
    t.file("policies/89.md", &doc("title: 实施方案\ndoc_no: 连区教〔2017〕89号\ndate: 2017-08-07", ""));
    t
}

#[test]
fn a_school_in_two_pairings_shows_both_and_outside_schools_have_no_link() {
    let t = site("two-pairings");
    t.build_ok();
    let page = t.html("schools/yunshan-xiaoxue/index.html");
    assert_eq!(
        page.select_all(".pairing-list > li > a"),
        ["市区共建（连云港师专一附小教育集团牵头）", "区内共建（院前小学牵头）"]
    );
    let partners = page.select_all(".pairing-list > li > div:last-child");
    assert_eq!(partners, ["结对学校：连云港师专一附小教育集团", "结对学校：院前小学、庙岭小学"]);
    // The partner outside the site is a name, not a link; the others link to their pages.
    assert_eq!(
        page.attrs(".pairing-list a", "href")[2..],
        ["../../schools/yuanqian-xiaoxue/", "../../schools/miaoling-xiaoxue/"]
    );
    assert_eq!(page.select_all(".pairing-list .external"), ["连云港师专一附小教育集团"]);

    let list = t.html("pairings/index.html");
    assert_eq!(list.select_all("section[aria-labelledby^=gs-form] > h2"), ["市区共建", "区内共建", "教育发展共同体"]);
    let rows = list.rows("tbody tr");
    assert_eq!(rows[0], ["连云港师专一附小教育集团", "云山小学", "2017-09 至 2020-08", "已结束", "查看"]);
    assert_eq!(rows[2], ["墟沟小学", "庙岭小学", "2024-09 至 2027-08", "进行中", "墟沟片区教育发展共同体"]);
    assert_eq!(list.select_all("tbody th .external"), ["连云港师专一附小教育集团"]);
    // Each form is named once (its heading), not again in a caption.
    assert!(list.select_all("table.pairing-table caption").is_empty());
    assert_eq!(list.attrs("table.pairing-table", "aria-labelledby"), ["gs-form-1", "gs-form-2", "gs-form-3"]);
    // Parents do not see internal ids.
    let facts = page.rows(".facts tr");
    assert!(facts.iter().all(|r| r[0] != "编号"), "{facts:?}");

    let one = t.html("pairings/shiqu-shizhuan1-yunshan/index.html");
    let facts: Vec<Vec<String>> = one.rows(".facts tr");
    assert!(facts.contains(&vec!["依据文件".to_string(), "连区教〔2017〕89号".to_string()]));
    assert_eq!(one.attrs(".facts a", "href"), ["../../schools/yunshan-xiaoxue/", "../../policies/89/"]);
    assert_eq!(one.rows("#gs-exchanges ~ div tbody tr, .table-scroll tbody tr")[0][1], "孙某某");
}

#[test]
fn exchanges_are_listed_by_year_with_their_publication_date() {
    let t = site("exchanges");
    t.build_ok();
    let page = t.html("exchanges/index.html");
    assert_eq!(
        page.select_all("section[aria-labelledby^=gs-year] > h2"),
        ["2018 年度 公布日期 2018-08-18", "2017 年度 公布日期 2017-08-20"]
    );
    let rows = page.rows("tbody tr");
    assert_eq!(rows[1], ["张某某", "教干", "—", "院前小学", "庙岭小学", "2017-09-01 至 2018-07-31"]);
    let school = t.html("schools/yunshan-xiaoxue/index.html");
    assert_eq!(
        school.select_all("#gs-exchanges ~ .table-scroll caption, .table-scroll caption")[..2],
        ["本校派出（1 人）", "本校接收（1 人）"]
    );
}

#[test]
fn schools_are_grouped_by_stage_and_town() {
    let t = site("school-groups");
    t.build_ok();
    let page = t.html("schools/index.html");
    assert_eq!(page.select_all(".school-group > h2"), ["小学（5 所）", "初中（1 所）"]);
    assert_eq!(page.select_all(".school-group:first-of-type .town"), ["墟沟街道", "云山街道", "其他"]);
    assert_eq!(page.select_all(".school-name")[..3], ["墟沟小学", "院前小学", "庙岭小学"]);
    // Nothing to judge yet: no figures.
    assert_eq!(page.select_all(".school-line .badge")[0], "未填报");
    // A school still to be built says so, without a verdict.
    let planned = page.select_all(".school-list li").into_iter().find(|l| l.starts_with("海客瀛洲小学")).unwrap();
    assert!(planned.contains("待建") && !planned.contains("未填报") && !planned.contains('—'), "{planned}");
}

/// Issue 19: CSV downloads carry Chinese headers for Excel and school names beside ids; the JSON
/// keeps its stable English keys.
#[test]
fn downloads_hold_the_published_columns() {
    let t = site("downloads");
    t.build_ok();
    let schools = t.read("data/schools.csv");
    assert!(
        schools.starts_with(
            "\u{feff}编号,校名,学段,乡镇街道,城乡类别,办学状态\nxugou-xiaoxue,墟沟小学,小学,墟沟街道,城区,在办\n"
        ),
        "{schools}"
    );
    for stem in ["schools", "exchanges", "coverage-2017"] {
        crate::support::download(&t, stem).documented();
    }
    let pairings = crate::support::download(&t, "pairings");
    pairings.documented();
    assert_eq!(
        pairings.headers,
        [
            "编号",
            "形式",
            "名称",
            "牵头学校编号",
            "牵头学校",
            "成员学校编号",
            "成员学校",
            "开始日期",
            "结束日期",
            "依据文件"
        ]
    );
    let qunei = pairings.rows.iter().find(|r| r["id"] == "qunei-yuanqian").unwrap();
    assert_eq!((qunei["lead"].as_str(), qunei["lead_name"].as_str()), ("yuanqian-xiaoxue", "院前小学"));
    assert_eq!(qunei["members"], "yunshan-xiaoxue;miaoling-xiaoxue");
    assert_eq!(qunei["member_names"], "云山小学;庙岭小学");
    assert_eq!((qunei["cycle_start"].as_str(), qunei["policy"].as_str()), ("2017-09-01", ""));
    let pairings_csv = t.read("data/pairings.csv");
    assert!(
        pairings_csv
            .contains(",连云港师专一附小教育集团,yunshan-xiaoxue,云山小学,2017-09-01,2020-08-31,连区教〔2017〕89号\n"),
        "{pairings_csv}"
    );
    let exchanges = t.read("data/exchanges.csv");
    assert!(exchanges.starts_with("\u{feff}年度,姓名,类别,学科,骨干,派出学校编号,派出学校,接收学校编号,接收学校,开始日期,结束日期\n2018,孙某某,教干,,否,连云港师专一附小教育集团,连云港师专一附小教育集团,yunshan-xiaoxue,云山小学,,\n"), "{exchanges}");
    let json: serde_json::Value = serde_json::from_str(&t.read("data/exchanges.json")).unwrap();
    assert_eq!(json[1]["name"], "张某某");
    assert_eq!(json[1]["period_start"], "2017-09-01");
    assert_eq!((json[0]["to"].as_str(), json[0]["to_name"].as_str()), (Some("yunshan-xiaoxue"), Some("云山小学")));
    assert_eq!(json[0]["key"], false);
    assert!(json[0]["subject"].is_null());
    // Linked from the pages that show them.
    assert_eq!(
        t.html("schools/index.html").attrs(".downloads a", "href"),
        ["../data/schools.csv", "../data/schools.json"]
    );
}

#[test]
fn the_dashboard_shows_the_plan_and_milestones() {
    let t = site("plan");
    t.file(
        "data/plan.yaml",
        concat!(
            "targets:\n",
            "  - {by: 2020-12, schools: [xugou-xiaoxue, yunshan-xiaoxue]}\n",
            "  - {by: 2027-12, schools: [miaoling-xiaoxue]}\n",
            "milestones:\n",
            "  - {title: 上报共建方案, due: 2017-08-10, done: 2017-08-08, policy: 连区教〔2017〕89号}\n",
            "  - {title: 公布交流名单, due: 2026-08-20}\n",
            "  - {title: 上报下年方案, due: 2027-08-10}\n",
            "  - {title: 迟交, due: 2018-08-10, done: 2018-08-13}\n",
        ),
    );
    t.file(
        "data/indicators/2020.yaml",
        "year: 2020\nschools:\n  - {school: xugou-xiaoxue, students: 1000, teachers_above_degree: 50, key_teachers: 12, pe_art_teachers: 10, teaching_area: 5000, sports_area: 8000, equipment_value: 2500000, multimedia_rooms: 25}\n  - {school: yunshan-xiaoxue, students: 500, teachers_above_degree: 10}\n",
    );
    t.build_ok();
    let d = t.html("dashboard/index.html");
    let plan = d.rows("#gs-plan ~ div tbody tr, .table-scroll tbody tr");
    let plan: Vec<&Vec<String>> = plan.iter().filter(|r| r.len() == 4).collect();
    assert_eq!(*plan[0], ["墟沟小学", "2020-12", "2020 年", "按期达标"]);
    assert_eq!(*plan[1], ["云山小学", "2020-12", "—", "逾期未达标"]);
    assert_eq!(*plan[2], ["庙岭小学", "2027-12", "—", "未到期"]);
    let milestones = d.select_all(".timeline-item");
    assert_eq!(milestones.len(), 4);
    assert!(milestones[0].starts_with("2017-08-10 上报共建方案 按时完成 完成于 2017-08-08"), "{milestones:?}");
    assert!(milestones[0].ends_with("依据：连区教〔2017〕89号"), "{milestones:?}");
    assert!(milestones[1].starts_with("2018-08-10 迟交 逾期完成"), "{milestones:?}");
    assert!(milestones[2].starts_with("2026-08-20 公布交流名单 逾期未完成"), "{milestones:?}");
    assert!(milestones[3].starts_with("2027-08-10 上报下年方案 未到期"), "{milestones:?}");
    assert_eq!(d.attrs(".timeline a", "href"), ["../policies/89/"]);
    assert_eq!(d.select_all(".chart svg title")[0], "达标计划与实际进度（占计划学校的百分比）");
    assert_eq!(
        d.text("#gs-trend ~ figure figcaption, .chart figcaption"),
        "列入达标计划的 3 所学校中，到 2020 年计划应达标 2 所（67%），实际已达标 1 所（33%）。"
    );
    assert_eq!(d.attrs(".timeline-item", "class")[2], "timeline-item milestone-overdue");
    // The home page says what the dashboard says, each count saying what it counts: 2 of the 5
    // 在办 schools reported 2020, a partial year that gives no headline (1 of 2 is not 50% of
    // the county); 3 schools in the plan.
    let home = t.html("index.html");
    assert_eq!(home.select_all(".progress-panel .card-label")[0], "年度数据");
    assert_eq!(home.select_all(".progress-panel .card-note")[0], "2 所学校已报 2020 年数据（应报 5 所），补齐后再统计");
    assert!(d.text("main > p.muted").contains("2 所学校已报 2020 年数据（应报 5 所），补齐后再统计"));
    assert_eq!(d.select_all(".summary-cards .card-note"), ["全区另有 3 所学校未列入计划"]);
}

#[test]
fn data_columns_appear_in_the_navigation_only_with_data() {
    let t = site("nav-with-data");
    t.build_ok();
    assert_eq!(
        t.html("index.html").select_all(".site-nav a"),
        ["首页", "政策文件", "通知公告", "学校", "结对共建", "教师交流"]
    );
    let bare = SiteTest::with_site("nav-without-data");
    bare.build_ok();
    assert_eq!(bare.html("index.html").select_all(".site-nav a"), ["首页", "政策文件", "通知公告"]);
    assert!(!bare.exists("schools/index.html") && !bare.exists("dashboard/index.html"));
}

#[test]
fn everything_from_data_is_escaped() {
    let t = SiteTest::with_site("escaping");
    let evil = "<script>alert(1)</script>小学";
    t.file(
        "data/schools.yaml",
        &format!("schools:\n  - {{id: evil, name: \"{evil}\", stage: 小学, town: \"<b>镇</b>\"}}\n  - {{id: ok, name: 好小学, stage: 小学}}\n"),
    );
    t.file(
        "data/pairings.yaml",
        "pairings:\n  - {id: p, form: \"<img src=x onerror=alert(1)>\", lead: {name: \"<i>区外</i>\"}, members: [evil, ok]}\n",
    );
    t.file(
        "data/exchanges.yaml",
        "exchanges:\n  - {year: 2020, people: [{name: \"<svg onload=alert(1)>\", role: 教师, from: evil, to: ok}]}\n",
    );
    t.file(
        "data/indicators/2020.yaml",
        "year: 2020\nschools:\n  - {school: evil, students: 100, teachers_above_degree: 1}\n  - {school: ok, students: 100, teachers_above_degree: 9}\n",
    );
    t.build_ok();
    for (path, bytes) in t.out_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for bad in ["<script>alert", "<img src=x", "<svg onload", "<i>区外", "<b>镇"] {
            assert!(!html.contains(bad), "{path} contains {bad}");
        }
    }
    let page = t.html("schools/evil/index.html");
    assert_eq!(page.text("h1"), evil);
    assert!(page.select_all(".chart svg title")[0].starts_with("<script>alert(1)</script>小学"));
    let csv = t.read("data/schools.csv");
    assert!(csv.contains("evil,<script>alert(1)</script>小学,小学,<b>镇</b>,,在办"), "CSV holds the text as it is");
}

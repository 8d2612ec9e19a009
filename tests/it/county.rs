//! Issue 18: the county's verdict by 教督〔2017〕6号, checked against an implementation written
//! here from the method's text (not from gongshi's code): generated three-year county data sets
//! in the documented format, judged both ways, item by item, part by part, veto by veto.

use crate::support::{SiteTest, doc};
use std::collections::BTreeMap;

/// A small seeded generator (xorshift), so every run judges the same data sets.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Primary,
    Junior,
    Nine,
}

struct School {
    id: &'static str,
    stage: Stage,
    kind: &'static str,
}

const SCHOOLS: [School; 8] = [
    School { id: "jia", stage: Stage::Primary, kind: "普通学校" },
    School { id: "yi", stage: Stage::Primary, kind: "普通学校" },
    School { id: "bing", stage: Stage::Primary, kind: "普通学校" },
    School { id: "ding", stage: Stage::Junior, kind: "普通学校" },
    School { id: "wu", stage: Stage::Junior, kind: "普通学校" },
    School { id: "ji", stage: Stage::Nine, kind: "普通学校" },
    School { id: "teshu", stage: Stage::Primary, kind: "特殊教育学校" },
    School { id: "dian", stage: Stage::Primary, kind: "教学点" },
];

/// The seven resource indicators of 第五条: (key, per, 小学 threshold ×10, 初中 threshold ×10).
const INDICATORS: [(&str, i64, i64, i64); 7] = [
    ("teachers_above_degree", 100, 42, 53),
    ("key_teachers", 100, 10, 10),
    ("pe_art_teachers", 100, 9, 9),
    ("teaching_area", 1, 45, 58),
    ("sports_area", 1, 75, 102),
    ("equipment_value", 1, 20000, 25000),
    ("multimedia_rooms", 100, 23, 24),
];

/// One school section's raw figures (areas in tenths of a square metre, to stay exact).
struct Row {
    school: usize,
    junior: bool,
    students: i64,
    /// Per indicator; `None` is 未填报. Areas are tenths.
    figures: [Option<i64>; 7],
    classes: Option<i64>,
    largest: Option<i64>,
    rooms: Option<(i64, i64, i64, i64)>, // music, music area, art, art area
}

struct CountyData {
    figures: BTreeMap<&'static str, Option<i64>>,          // tenths
    judgements: Vec<(&'static str, Option<(bool, bool)>)>, // (value, with evidence)
    subjects: Vec<(u8, i64)>,                              // level, gap in hundredths
    vetoes: Vec<(&'static str, Option<bool>)>,
    eligible: Vec<(usize, i64)>,
    sent: Vec<(usize, bool)>, // from school, key
}

struct Year {
    year: i32,
    rows: Vec<Row>,
    county: CountyData,
}

const JUDGEMENTS: [&str; 10] = [
    "layout",
    "unified_standards",
    "small_school_funding",
    "staffing",
    "charters",
    "training_budget",
    "ict_teaching",
    "moral_education",
    "curriculum",
    "workload",
];
const VETOES: [&str; 6] =
    ["exam_admission", "school_choice", "key_schools", "unfilled_posts", "major_incident", "fraud"];
/// County figures of items (七)(九)(十二)(十三)(十四)(十五) 第七条(一)(二) 第八条, with limits ×10.
const LIMITS: [(&str, i64); 10] = [
    ("special_school_funding", 60000),
    ("training_rate", 1000),
    ("certified_rate", 1000),
    ("nearby_primary", 1000),
    ("nearby_junior", 950),
    ("quota_share", 500),
    ("migrant_public_share", 850),
    ("junior_retention", 950),
    ("disabled_enrolment", 950),
    ("social_recognition", 850),
];

fn generate(rng: &mut Rng, year: i32) -> Year {
    let mut rows = Vec::new();
    for (i, s) in SCHOOLS.iter().enumerate() {
        let sections: &[bool] = match s.stage {
            Stage::Primary => &[false],
            Stage::Junior => &[true],
            Stage::Nine => &[false, true],
        };
        for &junior in sections {
            let students = match s.kind {
                "教学点" => 30 + rng.below(40) as i64,
                _ => *rng.pick(&[300i64, 650, 1200, 1800, 2100, 2600]) / sections.len() as i64,
            };
            let mut figures = [None; 7];
            for (k, (_, per, p, j)) in INDICATORS.iter().enumerate() {
                if rng.chance(4) {
                    continue;
                }
                let t = if junior { *j } else { *p };
                // value ≈ threshold × factor: most comfortably met, some short, some below 85%.
                let factor = *rng.pick(&[80i64, 90, 100, 104, 115, 130, 150]);
                let raw = t * students * factor / (per * 1000);
                // Areas are kept in tenths; counts and money are whole.
                figures[k] = Some(if matches!(k, 3 | 4) { raw * 10 + rng.below(10) as i64 } else { raw.max(0) });
            }
            let classes = (!rng.chance(5)).then(|| (students / 42).max(1));
            let limit = if junior { 50 } else { 45 };
            let largest = (!rng.chance(5)).then(|| limit - 4 + rng.below(6) as i64);
            let rooms = (!rng.chance(5)).then(|| {
                let need = (classes.unwrap_or(1) + 11) / 12;
                let music = if rng.chance(15) { (need - 1).max(0) } else { need };
                let art = if rng.chance(10) { (need - 1).max(0) } else { need };
                (music, 900 + rng.below(120) as i64, art, 850 + rng.below(100) as i64)
            });
            rows.push(Row { school: i, junior, students, figures, classes, largest, rooms });
        }
    }
    let mut figures = BTreeMap::new();
    for (k, limit) in LIMITS {
        let v = if rng.chance(5) { None } else { Some(limit - 20 + rng.below(60) as i64) };
        figures.insert(k, v);
    }
    let pay = if rng.chance(5) { None } else { Some(1_100_000 + rng.below(100_000) as i64) };
    figures.insert("teacher_pay", pay);
    figures.insert("civil_servant_pay", Some(1_150_000));
    let judgements = JUDGEMENTS
        .iter()
        .map(|j| {
            let v = match rng.below(10) {
                0 => None,
                1 => Some((false, false)),
                2 => Some((true, false)),
                _ => Some((true, true)),
            };
            (*j, v)
        })
        .collect();
    let subjects = (0..1 + rng.below(3)).map(|_| (2 + rng.below(3) as u8, 10 + rng.below(7) as i64)).collect();
    let vetoes = VETOES.iter().map(|v| (*v, if rng.chance(5) { None } else { Some(rng.chance(4)) })).collect();
    let eligible: Vec<(usize, i64)> = (0..5).map(|i| (i, 8 + rng.below(8) as i64)).collect();
    let sent = (0..1 + rng.below(8)).map(|_| (rng.below(5) as usize, rng.chance(25))).collect();
    Year { year, rows, county: CountyData { figures, judgements, subjects, vetoes, eligible, sent } }
}

fn tenths(v: i64) -> String {
    format!("{}.{}", v / 10, v % 10)
}

const STAGE_NAMES: [&str; 3] = ["小学", "初中", "九年一贯制"];

fn write(t: &SiteTest, years: &[Year]) {
    t.file("site.yaml", "title: 县\nbase_url: https://example.cn/\nissuer: 县教育局\nregion: 示例县\n");
    let mut schools = String::from("schools:\n");
    for s in &SCHOOLS {
        let stage = STAGE_NAMES[s.stage as usize];
        schools.push_str(&format!("  - {{id: {}, name: {}校, stage: {stage}, kind: {}}}\n", s.id, s.id, s.kind));
    }
    t.file("data/schools.yaml", &schools);
    t.file("policies/yiju.md", &doc("title: 依据文件\ndoc_no: 县教〔2017〕1号\ndate: 2017-01-01", "正文。"));
    let mut exchanges = String::from("exchanges:\n");
    for y in years {
        let mut f = format!("year: {}\nschools:\n", y.year);
        for r in &y.rows {
            let mut line = format!(
                "  - {{school: {}, stage: {}, students: {}",
                SCHOOLS[r.school].id,
                if r.junior { "初中" } else { "小学" },
                r.students
            );
            for (k, (key, ..)) in INDICATORS.iter().enumerate() {
                if let Some(v) = r.figures[k] {
                    let v = if matches!(k, 3 | 4) { tenths(v) } else { v.to_string() };
                    line.push_str(&format!(", {key}: {v}"));
                }
            }
            if let Some(c) = r.classes {
                line.push_str(&format!(", class_count: {c}"));
            }
            if let Some(l) = r.largest {
                line.push_str(&format!(", largest_class: {l}"));
            }
            if let Some((m, ma, a, aa)) = r.rooms {
                line.push_str(&format!(
                    ", music_rooms: {m}, music_room_area: {}, art_rooms: {a}, art_room_area: {}",
                    tenths(ma),
                    tenths(aa)
                ));
            }
            line.push_str("}\n");
            f.push_str(&line);
        }
        t.file(&format!("data/indicators/{}.yaml", y.year), &f);

        let c = &y.county;
        let mut f = format!("年度: {}\n数据:\n", y.year);
        for (k, v) in &c.figures {
            if let Some(v) = v {
                f.push_str(&format!("  {k}: {}\n", tenths(*v)));
            }
        }
        f.push_str("判断:\n");
        for (id, j) in &c.judgements {
            match j {
                None => {}
                Some((v, true)) => f.push_str(&format!(
                    "  {id}: {{结论: {}, 依据: [县教〔2017〕1号]}}\n",
                    if *v { "是" } else { "否" }
                )),
                Some((v, false)) => f.push_str(&format!("  {id}: {}\n", if *v { "是" } else { "否" })),
            }
        }
        f.push_str("质量监测:\n");
        for (n, (level, gap)) in c.subjects.iter().enumerate() {
            f.push_str(&format!("  - {{科目: 科目{n}, 学业水平: {level}, 校际差异率: 0.{gap:02}}}\n"));
        }
        f.push_str("一票否决:\n");
        for (id, v) in &c.vetoes {
            if let Some(v) = v {
                f.push_str(&format!("  {id}: {}\n", if *v { "是" } else { "否" }));
            }
        }
        t.file(&format!("data/county/{}.yaml", y.year), &f);

        exchanges.push_str(&format!("  - year: {}\n    eligible:\n", y.year));
        for (s, n) in &c.eligible {
            exchanges.push_str(&format!("      - {{school: {}, teachers: {n}}}\n", SCHOOLS[*s].id));
        }
        exchanges.push_str("    people:\n");
        for (n, (from, key)) in c.sent.iter().enumerate() {
            let to = SCHOOLS[(from + 1) % 5].id;
            exchanges.push_str(&format!(
                "      - {{name: 某{n}, role: 教师, key: {key}, from: {}, to: {to}, period: {{start: {}-09-01, end: {}-07-31}}}}\n",
                SCHOOLS[*from].id,
                y.year,
                y.year + 1
            ));
        }
    }
    t.file("data/exchanges.yaml", &exchanges);
}

/// The verdict of one item, part or county, as the method reads.
#[derive(Clone, Copy, Debug, PartialEq)]
enum V {
    Met,
    NotMet,
    /// 未填报, 待补充依据 or not judged: neither met nor missed.
    Open,
}

fn all(vs: &[V]) -> V {
    if vs.contains(&V::NotMet) {
        V::NotMet
    } else if vs.iter().all(|v| *v == V::Met) {
        V::Met
    } else {
        V::Open
    }
}

/// Whether the school is left out of the seven indicators (特殊教育学校; 教学点 under 50).
fn excluded(y: &Year, school: usize) -> bool {
    let students: i64 = y.rows.iter().filter(|r| r.school == school).map(|r| r.students).sum();
    SCHOOLS[school].kind == "特殊教育学校" || (SCHOOLS[school].kind == "教学点" && students < 50)
}

/// 第五条: a section meets with ≥ 6 of 7 at the threshold and none below 85% of it.
fn section_meets(r: &Row) -> bool {
    let mut met = 0;
    for (k, (_, per, p, j)) in INDICATORS.iter().enumerate() {
        let t = if r.junior { *j } else { *p };
        let Some(v) = r.figures[k] else { return false };
        // value × per / students ≥ t/10, areas in tenths: compare integers.
        let scale = if matches!(k, 3 | 4) { 1 } else { 10 };
        let lhs = v * per * scale;
        if lhs >= t * r.students {
            met += 1;
        } else if lhs * 100 < t * r.students * 85 {
            return false;
        }
    }
    met >= 6
}

fn weighted_cv(points: &[(f64, f64)]) -> Option<f64> {
    let p: f64 = points.iter().map(|(w, _)| w).sum();
    // One school is a spread of 0: the formula is defined for it.
    if points.is_empty() || p == 0.0 {
        return None;
    }
    let mean = points.iter().map(|(w, x)| w * x).sum::<f64>() / p;
    let s = (points.iter().map(|(w, x)| w * (x - mean).powi(2)).sum::<f64>() / p).sqrt();
    Some(s / mean)
}

fn part1(y: &Year) -> [V; 2] {
    let mut schools = V::Met;
    for (i, _) in SCHOOLS.iter().enumerate() {
        if excluded(y, i) {
            continue;
        }
        if !y.rows.iter().filter(|r| r.school == i).all(section_meets) {
            schools = V::NotMet;
        }
    }
    let mut spread = Vec::new();
    for junior in [false, true] {
        let limit = if junior { 0.45 } else { 0.50 };
        for (k, (_, per, ..)) in INDICATORS.iter().enumerate() {
            let scale = if matches!(k, 3 | 4) { 10.0 } else { 1.0 };
            let points: Vec<(f64, f64)> = y
                .rows
                .iter()
                .filter(|r| r.junior == junior && !excluded(y, r.school))
                .filter_map(|r| {
                    Some((r.students as f64, r.figures[k]? as f64 / scale * *per as f64 / r.students as f64))
                })
                .collect();
            spread.push(match weighted_cv(&points) {
                Some(cv) if cv <= limit => V::Met,
                Some(_) => V::NotMet,
                None => V::Open,
            });
        }
    }
    [schools, all(&spread)]
}

/// An item computed per school: missed by one school, open when one lacks the data.
fn per_school(y: &Year, judge: impl Fn(&[&Row], usize) -> Option<bool>) -> V {
    let mut out = Vec::new();
    for i in 0..SCHOOLS.len() {
        let rows: Vec<&Row> = y.rows.iter().filter(|r| r.school == i).collect();
        out.push(match judge(&rows, i) {
            Some(true) => V::Met,
            Some(false) => V::NotMet,
            None => V::Open,
        });
    }
    all(&out)
}

fn part2(y: &Year) -> Vec<(&'static str, V)> {
    let c = &y.county;
    let judgement = |id: &str| match c.judgements.iter().find(|(j, _)| *j == id).and_then(|(_, v)| *v) {
        Some((false, _)) => V::NotMet,
        Some((true, true)) => V::Met,
        _ => V::Open,
    };
    let figure = |keys: &[&str]| {
        let vs: Vec<V> = keys
            .iter()
            .map(|k| {
                let limit = LIMITS.iter().find(|(l, _)| l == k).unwrap().1;
                match c.figures[k] {
                    Some(v) if v >= limit => V::Met,
                    Some(_) => V::NotMet,
                    None => V::Open,
                }
            })
            .collect();
        all(&vs)
    };
    // (三) rooms × 12 ≥ classes and the smallest room at least 96 / 90 m².
    let rooms = per_school(y, |rows, _| {
        let classes: i64 = rows.iter().map(|r| r.classes).sum::<Option<i64>>()?;
        let (mut m, mut a, mut ma, mut aa) = (0, 0, i64::MAX, i64::MAX);
        for r in rows {
            let (rm, rma, ra, raa) = r.rooms?;
            m += rm;
            a += ra;
            ma = ma.min(rma);
            aa = aa.min(raa);
        }
        Some(m * 12 >= classes && a * 12 >= classes && m > 0 && a > 0 && ma >= 960 && aa >= 900)
    });
    // (四) 2000 per 小学 / 初中, 2500 for 一贯制 schools.
    let size = per_school(y, |rows, i| {
        let students: i64 = rows.iter().map(|r| r.students).sum();
        Some(students <= if SCHOOLS[i].stage == Stage::Nine { 2500 } else { 2000 })
    });
    // (五) 45 per class in 小学, 50 in 初中.
    let classes = per_school(y, |rows, _| {
        rows.iter()
            .map(|r| Some(r.largest? <= if r.junior { 50 } else { 45 }))
            .collect::<Option<Vec<bool>>>()
            .map(|v| v.iter().all(|b| *b))
    });
    // (八) teachers' pay not below civil servants'.
    let pay = match c.figures["teacher_pay"] {
        Some(v) if v >= c.figures["civil_servant_pay"].unwrap() => V::Met,
        Some(_) => V::NotMet,
        None => V::Open,
    };
    // (十一) sent ≥ 10% of the eligible, 骨干 ≥ 20% of those sent.
    let eligible: i64 = c.eligible.iter().map(|(_, n)| n).sum();
    let sent = c.sent.len() as i64;
    let key = c.sent.iter().filter(|(_, k)| *k).count() as i64;
    let exchange = all(&[
        if sent * 10 >= eligible { V::Met } else { V::NotMet },
        if key * 5 >= sent { V::Met } else { V::NotMet },
    ]);
    vec![
        ("layout", judgement("layout")),
        ("unified_standards", judgement("unified_standards")),
        ("art_rooms", rooms),
        ("school_size", size),
        ("class_size", classes),
        ("small_school_funding", judgement("small_school_funding")),
        ("special_funding", figure(&["special_school_funding"])),
        ("teacher_pay", pay),
        ("training", figure(&["training_rate"])),
        ("staffing", judgement("staffing")),
        ("exchange", exchange),
        ("certification", figure(&["certified_rate"])),
        ("nearby_enrolment", figure(&["nearby_primary", "nearby_junior"])),
        ("quota_allocation", figure(&["quota_share"])),
        ("migrant_children", figure(&["migrant_public_share"])),
    ]
}

fn part3(y: &Year) -> Vec<(&'static str, V)> {
    let c = &y.county;
    let judgement = |id: &str| match c.judgements.iter().find(|(j, _)| *j == id).and_then(|(_, v)| *v) {
        Some((false, _)) => V::NotMet,
        Some((true, true)) => V::Met,
        _ => V::Open,
    };
    let figure = |k: &str| match c.figures[k] {
        Some(v) if v >= 950 => V::Met,
        Some(_) => V::NotMet,
        None => V::Open,
    };
    // (九) level Ⅲ or above, and a 校际差异率 strictly below 0.15.
    let monitoring =
        all(&c.subjects.iter().map(|(l, g)| if *l >= 3 && *g < 15 { V::Met } else { V::NotMet }).collect::<Vec<_>>());
    let mut out = vec![("retention", figure("junior_retention")), ("disabled_enrolment", figure("disabled_enrolment"))];
    for id in ["charters", "training_budget", "ict_teaching", "moral_education", "curriculum", "workload"] {
        out.push((id, judgement(id)));
    }
    out.push(("monitoring", monitoring));
    out
}

fn label(v: V) -> &'static str {
    match v {
        V::Met => "met",
        V::NotMet => "not-met",
        V::Open => "open",
    }
}

fn gongshi_label(state: &str) -> &'static str {
    match state {
        "达到" | "达到优质均衡" => "met",
        "未达到" | "尚未达到优质均衡" => "not-met",
        _ => "open",
    }
}

#[test]
fn the_county_verdict_agrees_with_an_independent_reading_of_the_method() {
    let mut disagreements = Vec::new();
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    for seed in 1..=12u64 {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0x2545_F491_4F6C_DD1D));
        let years: Vec<Year> = (2023..=2025).map(|y| generate(&mut rng, y)).collect();
        let t = SiteTest::new(&format!("county-independent-{seed}"));
        write(&t, &years);
        t.build_ok();
        for y in &years {
            let rows: Vec<serde_json::Value> =
                serde_json::from_str(&t.read(&format!("data/county-{}.json", y.year))).unwrap();
            let state_of = |id: &str| -> String {
                let row = rows.iter().find(|r| r["item_id"] == id).unwrap_or_else(|| panic!("no row for {id}"));
                gongshi_label(row["state"].as_str().unwrap()).to_string()
            };
            let [schools, spread] = part1(y);
            let p2 = part2(y);
            let p3 = part3(y);
            let recognition = match y.county.figures["social_recognition"] {
                Some(v) if v >= 850 => V::Met,
                Some(_) => V::NotMet,
                None => V::Open,
            };
            let mut expected: Vec<(&str, V)> = vec![("schools_meet", schools), ("spread", spread)];
            expected.extend(p2.iter().copied());
            expected.extend(p3.iter().copied());
            expected.push(("recognition", recognition));
            for (id, v) in &expected {
                let got = state_of(id);
                if got != label(*v) {
                    disagreements.push(format!("seed {seed} {} {id}: gongshi {got}, method {}", y.year, label(*v)));
                }
            }
            // Parts and the whole, from the trend table.
            let trend: Vec<serde_json::Value> = serde_json::from_str(&t.read("data/county-trend.json")).unwrap();
            let row = trend.iter().find(|r| r["year"] == y.year).unwrap();
            let parts = [
                ("resources", all(&[schools, spread])),
                ("guarantee", all(&p2.iter().map(|(_, v)| *v).collect::<Vec<_>>())),
                ("quality", all(&p3.iter().map(|(_, v)| *v).collect::<Vec<_>>())),
                ("recognition", recognition),
            ];
            for (id, v) in parts {
                let got = gongshi_label(row[id].as_str().unwrap().split(' ').nth(1).unwrap());
                if got != label(v) {
                    disagreements.push(format!("seed {seed} {} part {id}: gongshi {got}, method {}", y.year, label(v)));
                }
            }
            let vetoes: Vec<Option<bool>> = y.county.vetoes.iter().map(|(_, v)| *v).collect();
            for (id, v) in &y.county.vetoes {
                let name_row =
                    rows.iter().filter(|r| r["part"] == "一票否决").nth(VETOES.iter().position(|x| x == id).unwrap());
                let got = name_row.unwrap()["state"].as_str().unwrap().to_string();
                let want = match v {
                    Some(true) => "存在",
                    Some(false) => "不存在",
                    None => "未填报",
                };
                if got != want {
                    disagreements.push(format!("seed {seed} {} veto {id}: gongshi {got}, method {want}", y.year));
                }
            }
            let veto = if vetoes.contains(&Some(true)) {
                V::NotMet
            } else if vetoes.contains(&None) {
                V::Open
            } else {
                V::Met
            };
            let whole = all(&[parts[0].1, parts[1].1, parts[2].1, parts[3].1, veto]);
            let got = gongshi_label(row["state"].as_str().unwrap());
            if got != label(whole) {
                disagreements.push(format!("seed {seed} {} whole: gongshi {got}, method {}", y.year, label(whole)));
            }
            *outcomes.entry(label(whole)).or_default() += 1;
            for (_, v) in &expected {
                *outcomes
                    .entry(match v {
                        V::Met => "item met",
                        V::NotMet => "item not met",
                        V::Open => "item open",
                    })
                    .or_default() += 1;
            }
        }
    }
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
    // The data sets must exercise every outcome, or the agreement proves little.
    for outcome in ["item met", "item not met", "item open", "not-met"] {
        assert!(outcomes.get(outcome).copied().unwrap_or(0) > 0, "no {outcome} in {outcomes:?}");
    }
}

/// A small valid county site: two schools, one year of figures and county data.
fn small_county_site(name: &str) -> SiteTest {
    let t = SiteTest::with_site(name);
    t.file(
        "data/schools.yaml",
        "schools:\n  - {id: jia, name: 甲小学, stage: 小学}\n  - {id: yi, name: 乙中学, stage: 初中}\n",
    );
    t.file("policies/yiju.md", &doc("title: 依据文件\ndoc_no: 县教〔2017〕1号\ndate: 2017-01-01", "正文。"));
    t.file(
        "data/county/2016.yaml",
        "年度: 2016\n数据:\n  社会认可度: 91.5\n判断:\n  layout: {结论: 是, 依据: [县教〔2017〕1号]}\n一票否决:\n  违规择校: 否\n",
    );
    t
}

#[test]
fn bad_county_data_is_reported_at_its_file_line_and_column_and_the_output_is_untouched() {
    let t = small_county_site("county-errors");
    t.build_ok();
    let before = t.out_files();
    // One mistake of each kind, in two files: all are reported, each where it was written.
    t.file(
        "data/county/2016.yaml",
        "年度: 2016\n数据:\n  社会认可度: 很高\n  家长满意率: 90\n判断:\n  layuot: 是\n  staffing: {结论: 是, 依据: [县教〔2099〕9号]}\n一票否决:\n  违规择校: 可能\n",
    );
    t.file("data/county/2015.yaml", "年度: 2014\n判断:\n  layout: [是]\n");
    let run = t.build(&[]);
    run.failed()
        .has_line("data/county/2016.yaml:3:10: 错误：不是有效的数字：「很高」不是数字")
        .has_line("data/county/2016.yaml:4:3: 错误：取值无效：「家长满意率」不是本网站评估标准里的县级数据")
        .has_line("data/county/2016.yaml:6:3: 错误：取值无效：「layuot」不是本网站评估标准里的判断项目")
        .has_line("data/county/2016.yaml:7:26: 错误：找不到这个文号的文件：依据「县教〔2099〕9号」不是本站文件的文号")
        .has_line("data/county/2016.yaml:9:9: 错误：取值无效：「可能」应该是 是 或 否")
        .has_line("data/county/2015.yaml:1:5: 错误：年度与文件名不一致：文件名是 2015，文件里写的是 2014")
        .stderr_contains("您是不是想写「layout」")
        .stderr_contains("可用的名称：特殊教育学校生均公用经费")
        .stderr_contains("输出文件夹未改动");
    assert_eq!(t.out_files(), before, "a failed build changed the output");
}

#[test]
fn a_county_file_under_a_standard_without_a_method_is_refused() {
    let t = small_county_site("county-no-method");
    t.file("site.yaml", &format!("{}standard: own\n", crate::support::SITE_YAML));
    t.file(
        "standards/own.yaml",
        "id: own\nname: 本地标准\nindicators:\n  - {id: a, name: 甲, numerator: teachers, thresholds: {小学: 1}}\ncv: {limits: {小学: 0.5}}\n",
    );
    t.build(&[])
        .failed()
        .has_line("data/county/2016.yaml:1:1: 错误：找不到评估标准：网站选用的评估标准没有县级评估办法");
}

#[test]
fn the_2012_standard_judges_its_county_part() {
    let t = small_county_site("county-jiben");
    t.file("site.yaml", &format!("{}standard: jiben-2012\n", crate::support::SITE_YAML));
    t.file(
        "data/county/2016.yaml",
        "年度: 2016\n数据:\n  county_work_score: 84.5\n  公众满意度（参考）: 91\n判断:\n  provincial_standard: {结论: 是, 依据: [县教〔2017〕1号]}\n",
    );
    t.build_ok();
    let page = t.html("dashboard/county-2016/index.html");
    assert_eq!(page.select_all(".county-items > li").len(), 3);
    // 84.5 is short of 85: missed, whatever the satisfaction, which is shown and not judged.
    assert!(page.text("#item-county_work").contains("84.5分"), "{}", page.text("#item-county_work"));
    assert!(page.text("#item-county_work").contains("未达到"));
    assert!(page.text(".county-sentence").contains("县级人民政府推进工作还差 1 项"));
}

#[test]
fn the_county_page_lists_every_item_with_its_evidence_and_the_dashboard_leads_with_it() {
    let t = small_county_site("county-pages");
    t.build_ok();
    let page = t.html("dashboard/county-2016/index.html");
    // 27 items in four parts, six vetoes.
    assert_eq!(page.select_all(".county-items > li").len(), 27);
    assert_eq!(page.select_all(".county-vetoes li").len(), 6);
    assert!(page.text("#item-layout").contains("依据：《依据文件》（县教〔2017〕1号）"));
    assert!(page.text("#item-recognition").contains("91.5%"));
    // No figures of the schools: part 1 is 未填报, so the county cannot be judged either way.
    assert!(page.text("#item-schools_meet").contains("未填报"));
    let dashboard = t.html("dashboard/index.html");
    assert!(dashboard.text(".county-sentence").starts_with("尚不能判定"), "{}", dashboard.text(".county-sentence"));
    // The home page leads with it too, above the schools' count.
    assert!(
        t.html("index.html").text(".county-home").starts_with("尚不能判定"),
        "{}",
        t.html("index.html").text(".county-home")
    );
    // The policy page links back to the item it is evidence for.
    let policy = t.html("policies/yiju/index.html");
    assert!(policy.text("#gs-evidence + ul").contains("2016 年 · 政府保障程度 · （一）"));
    assert_eq!(policy.attrs("#gs-evidence + ul a", "href"), vec!["../../dashboard/county-2016/#item-layout"]);
}

#[test]
fn county_data_is_imported_from_a_sheet_and_read_back_by_the_build() {
    let t = small_county_site("county-import");
    t.remove("data/county/2016.yaml");
    let rows: &[&[&str]] = &[
        &["2016 年县级评估数据（填报表）"],
        &["年度", "项目", "结论", "依据", "说明", "科目", "学业水平", "校际差异率"],
        &["2016", "社会认可度", "91.3%", "", "", "", "", ""],
        &["2016", "规划布局合理", "是", "县教〔2017〕1号", "见规划", "", "", ""],
        &["2016", "staffing", "是", "", "", "", "", ""],
        &["2016", "以考试方式招生", "否", "", "", "", "", ""],
        &["2016", "", "", "", "", "数学", "Ⅲ", "0.11"],
    ];
    crate::import::xlsx(&t.root.join("县级.xlsx"), "县级评估数据", rows);
    let run = t.run(&["import", "county", "县级.xlsx", "--site", "site"]);
    assert!(run.success, "{}", run.stderr);
    let written = std::fs::read_to_string(t.site().join("data/county/2016.yaml")).unwrap();
    assert!(written.contains("  social_recognition: 91.3\n"), "{written}");
    assert!(written.contains("  layout: {value: 是, evidence: [县教〔2017〕1号], note: 见规划}\n"), "{written}");
    assert!(written.contains("  - {subject: 数学, level: Ⅲ, gap: 0.11}\n"), "{written}");
    t.build_ok();
    let page = t.html("dashboard/county-2016/index.html");
    assert!(page.text("#item-staffing").contains("待补充依据"));
    assert!(page.text("#item-monitoring").contains("Ⅲ级"));
}

#[test]
fn a_bad_county_sheet_is_reported_at_its_rows_and_nothing_is_written() {
    let t = small_county_site("county-import-errors");
    t.remove("data/county/2016.yaml");
    let rows: &[&[&str]] = &[
        &["年度", "项目", "结论", "依据"],
        &["2016", "社会满意", "91", ""],
        &["2016", "比例", "50", ""],
        &["2016", "规划布局合理", "也许", ""],
        &["2016", "四统一", "是", "县教〔2099〕9号"],
        &["2016", "社会认可度", "很高", ""],
    ];
    crate::import::xlsx(&t.root.join("县级.xlsx"), "Sheet1", rows);
    let run = t.run(&["import", "county", "县级.xlsx", "--site", "site"]);
    run.failed()
        .stderr_contains("县级.xlsx[Sheet1]:2:B: 错误：取值无效：「社会满意」不是本网站评估标准里的项目")
        .stderr_contains("县级.xlsx[Sheet1]:3:B: 错误：取值无效：「比例」可以指")
        .stderr_contains("县级.xlsx[Sheet1]:4:C: 错误：取值无效：「也许」应该是 是 或 否")
        .stderr_contains("县级.xlsx[Sheet1]:5:D: 错误：找不到这个文号的文件：依据「县教〔2099〕9号」")
        .stderr_contains("县级.xlsx[Sheet1]:6:C: 错误：不是有效的数字");
    assert!(!t.site().join("data/county/2016.yaml").exists(), "a failed import wrote the file");
}

#[test]
fn special_schools_and_small_teaching_points_are_left_out_of_part_one_and_say_why() {
    let t = SiteTest::with_site("county-excluded");
    t.file(
        "data/schools.yaml",
        "schools:\n  - {id: jia, name: 甲小学, stage: 小学}\n  - {id: yi, name: 乙小学, stage: 小学}\n  - {id: te, name: 特校, stage: 小学, 学校类型: 特殊教育学校}\n  - {id: dian, name: 村教学点, stage: 小学, 学校类型: 教学点}\n",
    );
    // The special school and the 49-pupil teaching point fall far short; left out, the two
    // schools alike have a spread of 0 and both meet the standard.
    let row = |id: &str, n: u32| {
        format!(
            "  - {{school: {id}, students: {n}, teachers_above_degree: {}, key_teachers: {}, pe_art_teachers: {}, teaching_area: {}, sports_area: {}, equipment_value: {}, multimedia_rooms: {}}}\n",
            n / 20,
            n / 90,
            n / 100,
            n * 5,
            n * 8,
            n * 2100,
            n / 40
        )
    };
    let mut f = String::from("year: 2016\nschools:\n");
    f.push_str(&row("jia", 1000));
    f.push_str(&row("yi", 1000));
    f.push_str("  - {school: te, students: 60, teachers_above_degree: 1}\n  - {school: dian, students: 49, teachers_above_degree: 1}\n");
    t.file("data/indicators/2016.yaml", &f);
    t.file("data/county/2016.yaml", "year: 2016\n");
    t.build_ok();
    let county = t.html("dashboard/county-2016/index.html");
    assert!(county.text("#item-schools_meet").contains("达到"), "{}", county.text("#item-schools_meet"));
    assert!(county.text("#item-spread").contains("0.000"), "{}", county.text("#item-spread"));
    let school = t.html("schools/te/index.html");
    assert!(school.contains("特殊教育学校不参与校际指标：按评估标准"));
    assert!(!school.text(".section-block").contains("未达标"), "{}", school.text(".section-block"));
    assert!(t.html("schools/dian/index.html").contains("学生不足 50 人的教学点不参与校际指标"));
}

/// Issue 20: a negative county figure was accepted and judged.
#[test]
fn a_negative_county_figure_is_refused_at_its_line() {
    let t = small_county_site("county-negative");
    t.file("data/county/2016.yaml", "年度: 2016\n数据:\n  社会认可度: -91.5\n");
    t.build(&[]).failed().has_line("data/county/2016.yaml:3:10: 错误：数量不对：社会认可度「-91.5」不能为负数");
}

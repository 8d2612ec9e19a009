//! A seeded generator of synthetic gongshi sites, for benchmarks.
//!
//! A port of the Python prototype `gen.py`. [`generate`] writes a complete site folder:
//! `site.yaml`; docs×0.8 policies (`policies/YEAR/*.md`) and docs×0.2 notices (`notices/YEAR/*.md`),
//! about 5% of both in traditional characters (連雲區教育局關於…); `pages/about.md`; attachments
//! under `files/`; and `data/` (schools, pairings, exchanges, indicators 2021–2023, plan, the
//! county's 2023 figures and judgements).
//!
//! What it writes is valid input, so a build of it reports nothing:
//! - keys are English or their Chinese alias at random (traditional in traditional documents);
//! - 文号 are unique; bodies, `supersedes`, pairings and the plan only name 文号 of documents that
//!   exist and were published by 2023-11-01 (so a build dated 2023-11-15 resolves them too);
//! - every date is on or before 2025-12-31, so a build with SOURCE_DATE_EPOCH=1767225600
//!   (2026-01-01) includes every document;
//! - no text holds a run of more than eight digits, and the only eight-digit run is the bureau's
//!   landline after its area code: the build refuses mobile and resident ID numbers.
//!
//! Same [`Spec`] → same bytes: all randomness comes from one splitmix64 stream seeded from
//! [`Spec::seed`], and nothing is iterated out of a hash map.

use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};
use std::path::Path;
use std::sync::LazyLock;
use std::{fs, io};

/// What to generate.
#[derive(Clone, Debug)]
pub struct Spec {
    /// Documents: 80% policies, 20% notices.
    pub docs: usize,
    /// Schools; at least 10.
    pub schools: usize,
    /// Pairings (结对共建); `gen_corpus` defaults to twice the schools.
    pub pairings: usize,
    /// Seed of the random stream.
    pub seed: u64,
}

/// The first line of the generated site.yaml, by which `gen_corpus` knows a folder it may replace.
pub const SITE_MARK: &str = "# 生成的测试站点";

/// What the same site needs as plain content pages, for the Hugo and Zola sites of
/// benches/peers.rs: every document and every school, with its metadata table.
#[derive(Default)]
pub struct Record {
    pub docs: Vec<Page>,
    pub schools: Vec<Page>,
}

/// One content page of a peer site.
pub struct Page {
    /// `policies`, `notices` or `schools`.
    pub section: &'static str,
    pub slug: String,
    pub title: String,
    /// The publication date (documents only), YYYY-MM-DD.
    pub date: Option<String>,
    pub categories: Vec<String>,
    /// The rows of the metadata table: Chinese label, value as shown.
    pub meta: Vec<(String, String)>,
    /// Markdown.
    pub body: String,
}

/// Writes a complete site into `dir` (created if missing; nothing already there is removed) and
/// returns what peer sites need of it. Recording draws nothing from the random stream, so the
/// site is the same with or without peers.
pub fn generate(dir: &Path, spec: &Spec) -> io::Result<Record> {
    if spec.schools < 10 {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "need at least 10 schools"));
    }
    let mut g = Gen::new(dir, spec);
    g.site()?;
    g.schools()?;
    g.plan_policies();
    g.pairings()?;
    g.policies()?;
    g.notices()?;
    g.pages()?;
    g.exchanges()?;
    g.indicators()?;
    g.plan()?;
    g.county()?;
    g.record_schools();
    Ok(g.record)
}

// ---- vocabulary --------------------------------------------------------------------------------

/// Documents may only reference documents published on or before this day (see the module doc).
const REF_CUTOFF: (i32, u32, u32) = (2023, 11, 1);
const FIRST_YEAR: i32 = 2012;
const LAST_YEAR: i32 = 2025;
/// Share of documents written in traditional characters.
const TRAD_SHARE: f64 = 0.05;

/// 文号 prefix, its ASCII slug, the issuer.
const DOC_PREFIXES: &[(&str, &str, &str)] = &[
    ("连区教", "lianqujiao", "连云区教育局"),
    ("连区教发", "lianqujiaofa", "连云区教育局"),
    ("连区教办", "lianqujiaoban", "连云区教育局办公室"),
    ("连区教人", "lianqujiaoren", "连云区教育局"),
    ("连区教基", "lianqujiaoji", "连云区教育局"),
    ("连政发", "lianzhengfa", "连云区人民政府"),
    ("连政办发", "lianzhengbanfa", "连云区人民政府办公室"),
    ("连教督", "lianjiaodu", "连云区人民政府教育督导室"),
];

/// 12 categories, each with a distinct, non-empty pinyin slug.
const CATEGORIES: &[&str] = &[
    "科技、教育 / 通知",
    "科技、教育 / 规定",
    "教育 / 规划",
    "教育 / 意见",
    "教育 / 督导",
    "教育 / 招生",
    "教育 / 方案",
    "公示",
    "人事 / 任免",
    "财政 / 经费",
    "城乡建设 / 校舍",
    "工作报告",
];
const NOTICE_CATEGORIES: &[&str] = &["公示", "公示", "科技、教育 / 通知", "教育 / 招生"];

const TOPICS: &[&str] = &[
    "义务教育优质均衡发展",
    "集团化办学",
    "城乡学校结对共建",
    "教干教师交流轮岗",
    "薄弱学校改造",
    "校舍安全工程",
    "中小学招生入学",
    "教育督导评估",
    "课后服务",
    "学生资助",
    "教师队伍建设",
    "校园安全管理",
    "信息化教学",
    "体育艺术教育",
    "劳动教育",
    "家校共育",
    "教育经费保障",
    "学校标准化建设",
    "骨干教师培养",
    "乡村教师支持计划",
    "特殊教育",
    "作业管理",
    "课堂教学改革",
    "教育发展共同体",
    "办学条件达标",
    "控辍保学",
    "学校食堂管理",
    "心理健康教育",
    "名校长工作室建设",
    "智慧校园建设",
    "教育质量监测",
    "校外培训治理",
];
const KINDS: &[&str] =
    &["通知", "实施方案", "意见", "暂行办法", "工作要点", "实施细则", "规划", "报告", "决定", "管理办法"];
/// Kinds that a 印发 notice wraps: 关于印发《…实施方案》的通知.
const ISSUED_KINDS: &[&str] = &["实施方案", "暂行办法", "工作要点", "实施细则", "规划", "管理办法", "意见"];
const KEYWORDS: &[&str] = &[
    "义务教育",
    "优质均衡",
    "结对共建",
    "集团化办学",
    "教师交流",
    "办学条件",
    "督导评估",
    "招生",
    "校舍",
    "经费",
    "课后服务",
    "信息化",
    "体育",
    "艺术",
    "安全",
    "资助",
    "共同体",
];

const SENTENCES: &[&str] = &[
    "坚持以人民为中心的发展思想，把办好群众家门口的每一所学校作为工作的出发点和落脚点。",
    "各学校要高度重视，成立由校长任组长的工作领导小组，明确责任分工，确保各项任务落到实处。",
    "牵头学校要发挥示范引领作用，在管理、教研、师资和资源等方面与成员学校深度融合。",
    "区教育局将定期开展督查，督查结果纳入学校年度综合考核。",
    "要统筹城乡教育资源配置，逐步缩小城乡之间、校际之间的办学差距。",
    "推进教干教师交流轮岗，每学年交流人数不低于符合条件教师总数的一成。",
    "进一步改善薄弱学校办学条件，按照省定标准配齐配足教学仪器设备和图书资料。",
    "健全课后服务保障机制，合理确定服务时间和内容，切实减轻学生过重课业负担。",
    "加强教师队伍建设，完善骨干教师培养、使用和激励机制，发挥名师工作室辐射作用。",
    "完善学校安全管理制度，定期开展安全隐患排查整治，守住校园安全底线。",
    "落实教育经费保障责任，确保一般公共预算教育支出逐年只增不减。",
    "深化课堂教学改革，推广优秀教学成果，提高课堂教学质量和效率。",
    "加强家校社协同育人，办好家长学校，畅通家长参与学校管理的渠道。",
    "建立健全学校办学条件监测机制，每年秋季学期统计并公布各校主要指标。",
    "对照国家优质均衡督导评估的资源配置指标，逐校制定达标计划并向社会公开。",
    "各共同体要制定年度工作计划，明确共同开展的教研活动、学生活动和管理交流项目。",
    "交流教师在职称评聘、评优评先等方面同等条件下优先考虑。",
    "学校要按时报送有关材料，逾期未报的，视为未完成年度工作任务。",
    "充分利用信息化手段，推进优质课程资源共享，实现同步课堂和远程教研常态化。",
    "严格执行招生入学政策，坚持免试就近入学，严禁以任何形式举行选拔性考试。",
    "加强体育、艺术和劳动教育，保证学生每天校园体育活动时间不少于一小时。",
    "有关工作情况请及时报区教育局基础教育科，联系电话见本专栏页脚。",
    "本通知自印发之日起施行，此前有关规定与本通知不一致的，以本通知为准。",
    "各单位在执行过程中遇到的问题，请及时向区教育局反映。",
    "切实做好政策宣传解读工作，及时回应社会关切，营造全社会关心支持教育的良好氛围。",
    "要建立工作台账，实行清单化管理、项目化推进，确保按期完成各项目标任务。",
];

/// Sentences with slots: {S} and {R} two different schools, {T} a town, {Y} a year, {M} a month,
/// {N} a small number, {K} a subject, {P} a topic. Numbers stay short (see the module doc).
const TEMPLATES: &[&str] = &[
    "{S}与{R}结成城乡学校共同体，双方每学期互派骨干教师开展{K}学科同课异构活动。",
    "自{Y}年秋季学期起，{T}范围内的义务教育学校全部纳入集团化办学或结对共建管理。",
    "{S}作为牵头学校，负责制定共同体三年发展规划，统筹安排教研、培训和学生交流活动。",
    "截至{Y}年底，全区已有{N}所学校达到优质均衡发展主要指标要求。",
    "{T}各学校要对照{P}的目标任务，逐项分解到月、落实到人。",
    "{S}新建综合楼已于{Y}年{M}月交付使用，新增教学及辅助用房面积约{N}00平方米。",
    "{S}选派{N}名{K}教师到{R}交流任教，期限一年，期满考核合格的优先评聘。",
    "围绕{P}，区教育局组织开展专项督导，覆盖{T}等地的{N}所中小学。",
    "{S}课后服务参与率达到百分之九十以上，开设{K}、科技、艺术等特色课程。",
    "各共同体学校要在{Y}年{M}月底前将{P}工作总结报送区教育局。",
    "对{S}、{R}等薄弱学校，优先安排校舍改造和教学仪器设备更新经费。",
    "{S}被评为{Y}年度全市{P}示范校，其经验做法在全区推广。",
    "{R}依托{S}的名师工作室，每月开展一次{K}联合教研和送教下乡活动。",
    "{T}中心学校要统筹辖区内小规模学校的师资调配，保障{K}等学科开齐开足。",
];

const HEAD_NUMS: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const HEAD_TITLES: &[&str] = &[
    "指导思想",
    "总体目标",
    "主要任务",
    "实施步骤",
    "保障措施",
    "工作要求",
    "实施范围",
    "组织领导",
    "督查考核",
    "有关事项",
    "基本原则",
    "重点工作",
];
const SUB_TITLES: &[&str] = &[
    "加强组织领导",
    "强化制度保障",
    "营造良好氛围",
    "注重督查考核",
    "严格节点要求",
    "推进资源共享",
    "深化教学改革",
    "完善评价机制",
];

const SURNAMES: &str = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
const SUBJECTS: &[&str] = &[
    "语文",
    "数学",
    "英语",
    "物理",
    "化学",
    "生物",
    "道德与法治",
    "历史",
    "地理",
    "体育",
    "音乐",
    "美术",
    "信息科技",
    "科学",
];

/// Town (乡镇街道) and its 城乡类别.
const TOWNS: &[(&str, &str)] = &[
    ("墟沟街道", "城区"),
    ("连云街道", "城区"),
    ("云山街道", "城区"),
    ("板桥街道", "镇区"),
    ("连岛街道", "镇区"),
    ("宿城街道", "乡村"),
    ("高公岛街道", "乡村"),
    ("海州湾街道", "城区"),
    ("中云街道", "城区"),
    ("朝阳街道", "镇区"),
];
/// Schools named after real places of the district, used first; the rest get made-up names.
const NAMED_SCHOOLS: &[(&str, usize)] = &[
    ("墟沟小学", 0),
    ("墟沟中学", 0),
    ("庙岭小学", 0),
    ("连云小学", 1),
    ("连云港外国语学校", 1),
    ("云山小学", 2),
    ("云山中学", 2),
    ("板桥小学", 3),
    ("板桥中学", 3),
    ("连岛小学", 4),
    ("宿城小学", 5),
    ("宿城学校", 5),
    ("高公岛学校", 6),
    ("黄窝小学", 6),
    ("海州湾小学", 7),
    ("海滨中学", 7),
    ("中云小学", 8),
    ("中云中学", 8),
    ("朝阳小学", 9),
    ("朝阳中学", 9),
    ("东港小学", 1),
    ("西墅小学", 0),
    ("港城小学", 0),
    ("开发区实验学校", 8),
];
const PLACE_CHARS: &str = "东西南北中新华兴安和平宁海山河湖桥林松柏云霞春秋明光文武德仁义礼智信金银玉石田园花竹梅兰枫杨槐柳港湾岛滨江沙洲源泉峰岭";

const FORMS: &[&str] = &["集团化办学", "区内共建", "结对帮扶", "教育发展共同体"];
const EXTERNAL: &[&str] = &[
    "连云港师专一附小教育集团",
    "连云港师专二附小教育集团",
    "新海实验中学教育集团",
    "市实验学校教育集团",
    "东海县实验小学教育集团",
    "海州区新海小学教育集团",
];

/// youzhi-2017 figures: key, Chinese key, per how many students, threshold for 小学 and 初中.
const FIGURES: &[(&str, &str, f64, f64, f64)] = &[
    ("teachers_above_degree", "高于规定学历教师数", 100.0, 4.2, 5.3),
    ("key_teachers", "县级以上骨干教师数", 100.0, 1.0, 1.0),
    ("pe_art_teachers", "体育艺术专任教师数", 100.0, 0.9, 0.9),
    ("teaching_area", "教学及辅助用房面积", 1.0, 4.5, 5.8),
    ("sports_area", "体育运动场馆面积", 1.0, 7.5, 10.2),
    ("equipment_value", "教学仪器设备值", 1.0, 2000.0, 2500.0),
    ("multimedia_rooms", "网络多媒体教室数", 100.0, 2.3, 2.4),
];

const FEEDBACK: &str =
    "公示期内如有意见，请在工作日拨打监督电话 0518-82310000，或发送电子邮件至 junheng@jyj.example.cn。";

// ---- the generator -----------------------------------------------------------------------------

struct School {
    id: String,
    name: String,
    stage: &'static str,
    town: &'static str,
    location: &'static str,
    planned: bool,
}

#[derive(Clone)]
struct Policy {
    doc_no: String,
    slug: String,
    issuer: &'static str,
    year: i32,
    date: Date,
    published: Date,
    index_no: String,
    trad: bool,
}

enum Lead {
    School(usize),
    External(&'static str),
}

struct Pairing {
    id: String,
    lead: Lead,
    members: Vec<usize>,
}

struct Gen<'a> {
    out: &'a Path,
    r: Rng,
    n_policies: usize,
    n_notices: usize,
    n_schools: usize,
    n_pairings: usize,
    schools: Vec<School>,
    /// Indices of schools that are open (not 待建).
    active: Vec<usize>,
    /// Sorted by publication date, then 文号.
    policies: Vec<Policy>,
    /// `policies[..referable]` were published by [`REF_CUTOFF`].
    referable: usize,
    pairings: Vec<Pairing>,
    record: Record,
    /// Per school, its indicator rows as Markdown table rows (for [`Record`]).
    indicator_rows: Vec<Vec<String>>,
}

impl<'a> Gen<'a> {
    fn new(out: &'a Path, spec: &Spec) -> Self {
        let n_policies = spec.docs * 4 / 5;
        Gen {
            out,
            r: Rng(spec.seed),
            n_policies,
            n_notices: spec.docs - n_policies,
            n_schools: spec.schools,
            n_pairings: spec.pairings,
            schools: Vec::new(),
            active: Vec::new(),
            policies: Vec::new(),
            referable: 0,
            pairings: Vec::new(),
            record: Record::default(),
            indicator_rows: vec![Vec::new(); spec.schools],
        }
    }

    fn write(&self, rel: &str, data: &[u8]) -> io::Result<()> {
        let path = self.out.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(path, data)
    }

    /// The English or the Chinese name of a key, at random.
    fn key(&mut self, en: &'static str, zh: &'static str) -> &'static str {
        if self.r.chance(0.5) { en } else { zh }
    }

    fn school_name(&self, i: usize) -> &str {
        &self.schools[self.active[i]].name
    }

    fn site(&self) -> io::Result<()> {
        let text = format!(
            "{SITE_MARK}（benches/corpus.rs）。
站点名称: 义务教育优质均衡发展专栏（测试）
base_url: https://jyj.example.cn/junheng/
主办单位: 连云区教育局
region: 连云区
description: 集中公开推进义务教育优质均衡发展的政策文件、通知公告和学校达标进展（测试数据）。
联系方式:
  phone: 0518-82310000
  电子邮箱: junheng@jyj.example.cn
  address: 连云港市连云区中山西路（示例地址）
  办公时间: 工作日 8:30—17:30
每页条数: 20
"
        );
        self.write("site.yaml", text.as_bytes())
    }

    fn pages(&self) -> io::Result<()> {
        let text = "---
标题: 关于本专栏
---

本专栏由连云区教育局主办，集中公开推进义务教育优质均衡发展的有关信息：

- **政策文件**：国家、省、市、区各级有关文件，标明文号、发布机构、成文日期和是否有效；
- **通知公告**：结对共建安排、教干教师交流名单等公示，标明公示期和反馈方式；
- **学校与达标进展**：各校的结对情况和办学条件指标，以及是否达到国家标准、计划何时达到。

本站内容由测试生成器产生，仅用于验证构建结果，不是真实数据。
";
        self.write("pages/about.md", text.as_bytes())
    }

    // ---- schools -------------------------------------------------------------------------------

    fn schools(&mut self) -> io::Result<()> {
        let mut names = BTreeSet::new();
        for i in 0..self.n_schools {
            let school = self.new_school(i, &mut names);
            self.schools.push(school);
        }
        self.active = (0..self.schools.len()).filter(|&i| !self.schools[i].planned).collect();
        let mut out = String::from("# 学校名录（生成的测试数据）。\n");
        let _ = writeln!(out, "{}:", self.key("schools", "学校名录"));
        for i in 0..self.schools.len() {
            self.write_school(i, &mut out);
        }
        self.write("data/schools.yaml", out.as_bytes())
    }

    fn new_school(&mut self, i: usize, names: &mut BTreeSet<String>) -> School {
        let (name, town) = match NAMED_SCHOOLS.get(i) {
            Some(&(name, town)) => (name.to_string(), town),
            None => (self.made_up_name(names), self.r.below(TOWNS.len())),
        };
        names.insert(name.clone());
        let stage = if name.ends_with("小学") {
            "小学"
        } else if name.ends_with("中学") {
            "初中"
        } else {
            "九年一贯制"
        };
        School {
            id: format!("school-{:04}", i + 1),
            name,
            stage,
            town: TOWNS[town].0,
            location: TOWNS[town].1,
            // the named schools stay open, so pairings always find open leads
            planned: i >= NAMED_SCHOOLS.len() && self.r.chance(0.02),
        }
    }

    /// Two place characters and a suffix (three characters once two-character names run short).
    fn made_up_name(&mut self, names: &BTreeSet<String>) -> String {
        let places: Vec<char> = PLACE_CHARS.chars().collect();
        let x = self.r.unit();
        let suffix = if x < 0.6 {
            "小学"
        } else if x < 0.85 {
            *self.r.pick(&["中学", "初级中学"])
        } else {
            "学校"
        };
        let mut attempt = 0;
        loop {
            let len = if attempt < 50 { 2 } else { 3 };
            attempt += 1;
            let place: String = (0..len).map(|_| *self.r.pick(&places)).collect();
            let distinct = place.chars().collect::<BTreeSet<_>>().len() == len;
            let name = place + suffix;
            if distinct && !names.contains(&name) {
                return name;
            }
        }
    }

    fn write_school(&mut self, i: usize, out: &mut String) {
        let s = &self.schools[i];
        let (id, name, stage, town, location, planned) =
            (s.id.clone(), s.name.clone(), s.stage, s.town, s.location, s.planned);
        let mut fields = vec![
            (self.key("id", "编号"), id),
            (self.key("name", "校名"), ys(&name)),
            (self.key("stage", "学段"), stage.to_string()),
            (self.key("town", "乡镇街道"), town.to_string()),
            (self.key("location", "城乡类别"), location.to_string()),
        ];
        let traditional = to_trad(&name);
        if traditional != name && self.r.chance(0.1) {
            fields.push((self.key("aliases", "别名"), format!("[{}]", ys(&traditional))));
        } else if self.r.chance(0.05) {
            fields.push((self.key("aliases", "别名"), format!("[连云区{name}]")));
        }
        if planned {
            fields.push((self.key("status", "办学状态"), "待建".to_string()));
        }
        if self.r.chance(0.5) {
            let inner: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
            let _ = writeln!(out, "  - {{{}}}", inner.join(", "));
        } else {
            for (n, (k, v)) in fields.iter().enumerate() {
                let _ = writeln!(out, "{}{k}: {v}", if n == 0 { "  - " } else { "    " });
            }
        }
    }

    // ---- policies ------------------------------------------------------------------------------

    fn plan_policies(&mut self) {
        let years = (LAST_YEAR - FIRST_YEAR + 1) as usize;
        // enough sequence numbers that (prefix, year, number) never runs out
        let max_seq = 400.max(self.n_policies * 3 / (years * DOC_PREFIXES.len()) + 1);
        let mut used = BTreeSet::new();
        for i in 0..self.n_policies {
            let year = if i < years { FIRST_YEAR + i as i32 } else { FIRST_YEAR + self.r.below(years) as i32 };
            let (p, seq) = loop {
                let p = self.r.below(DOC_PREFIXES.len());
                let seq = self.r.range(1, max_seq);
                if used.insert((p, year, seq)) {
                    break (p, seq);
                }
            };
            let (prefix, slug, issuer) = DOC_PREFIXES[p];
            // signed early enough that publication (up to a week later) stays within the year
            let date = self.day_of(year, 8);
            let published = date.plus(self.r.below(8));
            self.policies.push(Policy {
                doc_no: format!("{prefix}〔{year}〕{seq}号"),
                slug: format!("{slug}-{year}-{seq}"),
                issuer,
                year,
                date,
                published,
                index_no: String::new(),
                trad: self.r.chance(TRAD_SHARE),
            });
        }
        self.policies.sort_by(|a, b| (a.published, &a.doc_no).cmp(&(b.published, &b.doc_no)));
        for (k, p) in self.policies.iter_mut().enumerate() {
            p.index_no = format!("01425813-3/{}-{:05}", p.year, k + 1);
        }
        let cutoff = Date::new(REF_CUTOFF.0, REF_CUTOFF.1, REF_CUTOFF.2);
        self.referable = self.policies.partition_point(|p| p.published <= cutoff);
    }

    /// A day of `year`, at least `margin` days before its end.
    fn day_of(&mut self, year: i32, margin: usize) -> Date {
        Date::new(year, 1, 1).plus(self.r.below(365 - margin))
    }

    /// Up to `k` referable 文号 of policies published strictly before `before`.
    fn earlier(&mut self, before: Date, k: usize) -> Vec<String> {
        let n = self.policies[..self.referable].partition_point(|p| p.published < before);
        self.r.sample(n, k).into_iter().map(|i| self.policies[i].doc_no.clone()).collect()
    }

    fn policies(&mut self) -> io::Result<()> {
        for i in 0..self.policies.len() {
            let p = self.policies[i].clone();
            let text = self.policy(&p);
            self.write(&format!("policies/{}/{}.md", p.year, p.slug), text.as_bytes())?;
        }
        Ok(())
    }

    fn policy(&mut self, p: &Policy) -> String {
        let topic = *self.r.pick(TOPICS);
        let title = self.policy_title(p, topic);
        let mut f = Front::new(p.trad);
        let r = &mut self.r;
        f.text(r, "title", "标题", &title);
        f.text(r, "doc_no", "文号", &p.doc_no);
        f.text(r, "index_no", "索引号", &p.index_no);
        f.text(r, "issuer", "发布机构", p.issuer);
        f.date(r, "date", "成文日期", p.date);
        if p.published != p.date || r.chance(0.5) {
            f.date(r, "published", "发布日期", p.published);
        }
        let category = *r.pick(CATEGORIES);
        f.text(r, "category", "主题分类", category);
        let keywords = r.pick_some(KEYWORDS, 1, 4);
        f.list(r, "keywords", "主题词", &keywords);
        let v = r.unit();
        if v < 0.08 {
            let validity = *r.pick(&["失效", "废止"]);
            f.text(r, "validity", "时效", validity);
        } else if v < 0.4 {
            f.text(r, "validity", "时效", "有效");
        }
        if r.chance(0.5) {
            let summary = format!("围绕{topic}，{}", r.pick(SENTENCES));
            f.text(r, "summary", "内容概述", &summary);
        }
        if self.r.chance(0.03) {
            let k = self.r.range(1, 2);
            let mut olds = self.earlier(p.date, k);
            for n in &mut olds {
                if self.r.chance(0.2) {
                    *n = n.replace('〔', "【").replace('〕', "】");
                }
            }
            if !olds.is_empty() {
                f.list(&mut self.r, "supersedes", "替代", &olds);
            }
        }
        let attachments = if self.r.chance(0.05) { self.attachments(p.year, &p.slug) } else { Vec::new() };
        f.attachments(&mut self.r, &attachments);
        let mention = self.r.chance(0.1).then_some(p.date);
        let link = attachments.first().filter(|_| self.r.chance(0.5));
        let link = link.map(|(title, file)| format!("附件见[{title}](files/{file})。"));
        let (table, footnote) = (self.r.chance(0.2), self.r.chance(0.05));
        let body = self.body(mention, table, footnote, link);
        let body = if p.trad { to_trad(&body) } else { body };
        let (section, slug, date) = ("policies", p.slug.clone(), p.published);
        f.finish(
            &mut self.record,
            Page { section, slug, title, date: Some(date.to_string()), categories: vec![], meta: vec![], body },
        )
    }

    fn policy_title(&mut self, p: &Policy, topic: &str) -> String {
        let kind = *self.r.pick(KINDS);
        let year = p.year;
        let issuer = p.issuer;
        match self.r.below(5) {
            0 => format!("{issuer}关于{year}年{topic}工作的{kind}"),
            1 => format!("{issuer}关于印发《{topic}{}》的通知", self.r.pick(ISSUED_KINDS)),
            2 => format!("关于进一步做好{topic}工作的{kind}"),
            3 => {
                let town = self.r.pick(TOWNS).0;
                format!("{issuer}关于{town}{topic}有关事项的{kind}")
            }
            _ => format!("关于{year}年{topic}的{kind}（{}）", p.doc_no),
        }
    }

    /// One to three attachment files written under files/YEAR/: (title, path under files/).
    fn attachments(&mut self, year: i32, slug: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for j in 1..=self.r.range(1, 3) {
            let ext = *self.r.pick(&["pdf", "docx", "xlsx", "csv"]);
            let name = if self.r.chance(0.5) {
                format!("{year}/附件{j}-{}.{ext}", self.r.pick(TOPICS))
            } else {
                format!("{year}/{slug}-att{j}.{ext}")
            };
            let data = if ext == "csv" {
                let mut csv = String::from("学校,学段\n");
                for i in self.r.sample(self.active.len(), 3) {
                    let s = &self.schools[self.active[i]];
                    let _ = writeln!(csv, "{},{}", s.name, s.stage);
                }
                csv.into_bytes()
            } else {
                let mut bytes = format!("%FAKE-{} {slug} {j}\n", ext.to_uppercase()).into_bytes();
                bytes.extend((0..64).map(|_| self.r.next_u64() as u8));
                bytes
            };
            // attachments are written as they are planned; a failed write shows up in the build
            let _ = self.write(&format!("files/{name}"), &data);
            out.push((format!("附件{j}：{}", self.r.pick(TOPICS)), name));
        }
        out
    }

    // ---- notices -------------------------------------------------------------------------------

    fn notices(&mut self) -> io::Result<()> {
        for i in 1..=self.n_notices {
            let year = FIRST_YEAR + self.r.below((LAST_YEAR - FIRST_YEAR + 1) as usize) as i32;
            let text = self.notice(i, year);
            self.write(&format!("notices/{year}/notice-{i:04}.md"), text.as_bytes())?;
        }
        Ok(())
    }

    fn notice(&mut self, i: usize, year: i32) -> String {
        // early enough in the year that a 15-day notice period ends within it
        let published = self.day_of(year, 16);
        let topic = *self.r.pick(TOPICS);
        let trad = self.r.chance(TRAD_SHARE);
        let title = self.notice_title(i, year, topic);
        let mut f = Front::new(trad);
        let r = &mut self.r;
        f.text(r, "title", "标题", &title);
        f.date(r, "published", "发布日期", published);
        let category = *r.pick(NOTICE_CATEGORIES);
        f.text(r, "category", "主题分类", category);
        let keywords = r.pick_some(KEYWORDS, 1, 3);
        f.list(r, "keywords", "主题词", &keywords);
        if r.chance(0.6) {
            f.text(r, "summary", "内容概述", &format!("公布{topic}有关情况，接受社会监督。"));
        }
        if r.chance(0.5) {
            let end = published.plus(r.range(5, 15));
            f.period(r, published, end);
            if r.chance(0.8) {
                f.text(r, "feedback", "意见反馈", FEEDBACK);
            }
        }
        let attachments =
            if self.r.chance(0.05) { self.attachments(year, &format!("notice-{i:04}")) } else { Vec::new() };
        f.attachments(&mut self.r, &attachments);
        let mention = self.r.chance(0.1).then_some(published);
        let (table, footnote) = (self.r.chance(0.2), self.r.chance(0.05));
        let body = self.body(mention, table, footnote, None);
        let body = if trad { to_trad(&body) } else { body };
        let (slug, date) = (format!("notice-{i:04}"), Some(published.to_string()));
        f.finish(
            &mut self.record,
            Page { section: "notices", slug, title, date, categories: vec![], meta: vec![], body },
        )
    }

    fn notice_title(&mut self, i: usize, year: i32, topic: &str) -> String {
        match self.r.below(4) {
            0 => {
                let i = self.r.below(self.active.len());
                let school = self.school_name(i).to_string();
                format!("{year}年{school}等{}所学校{topic}情况公示", self.r.range(3, 12))
            }
            1 => format!("关于{year}年教干教师交流轮岗人员名单的公示（第{i}期）"),
            2 => format!("{year}年秋季义务教育学校招生入学{}（第{i}期）", self.r.pick(&["公告", "通知"])),
            _ => format!("{year}年度{topic}有关事项的{}（第{i}期）", self.r.pick(&["公示", "公告", "通知"])),
        }
    }

    // ---- bodies --------------------------------------------------------------------------------

    /// A Markdown body of 1–4 KB (1024 to about 3900 bytes): headings, lists, maybe a table, 文号 mentions and a footnote.
    fn body(&mut self, mention_before: Option<Date>, table: bool, footnote: bool, link: Option<String>) -> String {
        let target = self.r.range(1024, 3500);
        let mut parts = Parts::default();
        let mut first = self.paragraph(1, 3);
        if let Some(before) = mention_before {
            let k = self.r.range(1, 3);
            let refs = self.earlier(before, k);
            if !refs.is_empty() {
                first = format!("根据{}文件精神，{first}", refs.join("和"));
            }
        }
        parts.push(first);
        let n_heads = *self.r.pick(&[0, 1, 2, 3, 3, 4, 5, 6]);
        let heads: Vec<&str> = self.r.sample(HEAD_TITLES.len(), n_heads).into_iter().map(|i| HEAD_TITLES[i]).collect();
        let table_at = if table { Some(self.r.below(n_heads.max(1))) } else { None };
        for h in 0..n_heads.max(1) {
            let mut section = Parts::default();
            if n_heads > 0 {
                section.push(format!("## {}、{}", HEAD_NUMS[h], heads[h]));
            }
            self.section(&mut section, n_heads > 0);
            if table_at == Some(h) {
                section.push(self.table());
            }
            // room is left for the filler, a strikethrough, the link and the footnote
            if h > 0 && parts.bytes + 2 + section.bytes > 3300 {
                break;
            }
            section.items.into_iter().for_each(|part| parts.push(part));
        }
        if self.r.chance(0.05) {
            parts.push(format!("~~{}~~", self.r.pick(SENTENCES)));
        }
        while parts.bytes < target {
            let filler = self.paragraph(1, 2);
            if parts.bytes + 2 + filler.len() > 3600 {
                break;
            }
            parts.push(filler);
        }
        if let Some(link) = link {
            parts.push(link);
        }
        if footnote {
            parts.push(format!("[^1]: {}", self.r.pick(SENTENCES)));
            let n = parts.items.len();
            parts.items[n - 2].push_str("[^1]");
        }
        parts.items.join("\n\n") + "\n"
    }

    /// A paragraph under a heading, then maybe a numbered list, a bullet list or sub-headings.
    fn section(&mut self, parts: &mut Parts, headed: bool) {
        parts.push(self.paragraph(1, 3));
        let kind = self.r.unit();
        if kind < 0.35 {
            let k = self.r.range(2, 5);
            let subs = self.r.sample(SUB_TITLES.len(), k);
            let lines: Vec<String> = (subs.iter().enumerate())
                .map(|(j, &s)| format!("{}. **{}**：{}", j + 1, SUB_TITLES[s], self.r.pick(SENTENCES)))
                .collect();
            parts.push(lines.join("\n"));
        } else if kind < 0.6 {
            let lines: Vec<String> = (0..self.r.range(2, 4)).map(|_| format!("- {}", self.sentence())).collect();
            parts.push(lines.join("\n"));
        } else if kind < 0.7 && headed {
            let subs = self.r.sample(SUB_TITLES.len(), 2);
            for (n, s) in ["一", "二"].into_iter().zip(subs) {
                parts.push(format!("### （{n}）{}", SUB_TITLES[s]));
                parts.push(self.paragraph(1, 3));
            }
        }
    }

    fn table(&mut self) -> String {
        let mut rows =
            vec!["| 序号 | 学校 | 学段 | 乡镇街道 | 人数 |".to_string(), "|--:|---|---|---|--:|".to_string()];
        let k = self.r.range(3, 8);
        for (j, i) in self.r.sample(self.active.len(), k).into_iter().enumerate() {
            let s = &self.schools[self.active[i]];
            let n = self.r.range(1, 9);
            rows.push(format!("| {} | {} | {} | {} | {n} |", j + 1, s.name, s.stage, s.town));
        }
        rows.join("\n")
    }

    fn paragraph(&mut self, lo: usize, hi: usize) -> String {
        (0..self.r.range(lo, hi)).map(|_| self.sentence()).collect()
    }

    /// A fixed sentence, or (three times in ten) a template filled with schools, towns and years.
    fn sentence(&mut self) -> String {
        if !self.r.chance(0.3) {
            return self.r.pick(SENTENCES).to_string();
        }
        let template = *self.r.pick(TEMPLATES);
        let pair = self.r.sample(self.active.len(), 2);
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let slot = &rest[open + 1..open + 2];
            rest = &rest[open + 3..];
            match slot {
                "S" => out.push_str(self.school_name(pair[0])),
                "R" => out.push_str(self.school_name(pair[1])),
                "T" => out.push_str(self.r.pick(TOWNS).0),
                "Y" => out.push_str(&(FIRST_YEAR + self.r.below(14) as i32).to_string()),
                "M" => out.push_str(&self.r.range(1, 12).to_string()),
                "N" => out.push_str(&self.r.range(2, 60).to_string()),
                "K" => out.push_str(self.r.pick::<&str>(SUBJECTS)),
                _ => out.push_str(self.r.pick::<&str>(TOPICS)),
            }
        }
        out.push_str(rest);
        out
    }

    // ---- data ----------------------------------------------------------------------------------

    fn pairings(&mut self) -> io::Result<()> {
        let mut out = String::from("# 结对共建（生成的测试数据）。\n");
        let _ = writeln!(out, "{}:", self.key("pairings", "结对共建"));
        for i in 1..=self.n_pairings {
            let pairing = self.new_pairing(i, &mut out);
            self.pairings.push(pairing);
        }
        self.write("data/pairings.yaml", out.as_bytes())
    }

    fn new_pairing(&mut self, i: usize, out: &mut String) -> Pairing {
        let form = *self.r.pick(FORMS);
        let external = self.r.chance(0.03);
        let k = self.r.range(2, 4) + usize::from(!external);
        let mut members = self.r.sample(self.schools.len(), k);
        let lead = if external {
            Lead::External(self.r.pick::<&str>(EXTERNAL))
        } else {
            members.pop();
            loop {
                let lead = self.active[self.r.below(self.active.len())];
                if !members.contains(&lead) {
                    break Lead::School(lead);
                }
            }
        };
        // cycles of three years, the last ending by 2025-08-31
        let start = 2015 + self.r.below(9) as i32;
        let end = (start + 3).min(LAST_YEAR);
        let id = format!("pairing-{start}-{i:04}");
        let mut fields = vec![(self.key("id", "编号"), id.clone()), (self.key("form", "形式"), form.to_string())];
        if let (Lead::School(s), "集团化办学") = (&lead, form) {
            let name = format!("{}教育集团", self.schools[*s].name);
            fields.push((self.key("name", "名称"), ys(&name)));
        }
        let lead_text = match &lead {
            Lead::School(s) => self.schools[*s].id.clone(),
            Lead::External(name) => format!("{{{}: {}}}", self.key("name", "名称"), ys(name)),
        };
        fields.push((self.key("lead", "牵头学校"), lead_text));
        let ids: Vec<&str> = members.iter().map(|&m| self.schools[m].id.as_str()).collect();
        let ids = format!("[{}]", ids.join(", "));
        fields.push((self.key("members", "成员学校"), ids));
        let (sk, ek) = (self.key("start", "开始"), self.key("end", "结束"));
        let cycle = format!("{{{sk}: {start}-09-01, {ek}: {end}-08-31}}");
        fields.push((self.key("cycle", "周期"), cycle));
        if self.r.chance(0.5) {
            let n = self.policies[..self.referable].partition_point(|p| p.published.year() <= start);
            if n > 0 {
                let mut doc_no = self.policies[self.r.below(n)].doc_no.clone();
                if self.r.chance(0.1) {
                    doc_no = doc_no.replace('〔', "[").replace('〕', "]");
                }
                fields.push((self.key("policy", "依据文件"), ys(&doc_no)));
            }
        }
        for (n, (k, v)) in fields.iter().enumerate() {
            let _ = writeln!(out, "{}{k}: {v}", if n == 0 { "  - " } else { "    " });
        }
        Pairing { id, lead, members }
    }

    fn exchanges(&mut self) -> io::Result<()> {
        let internal: Vec<usize> =
            (0..self.pairings.len()).filter(|&i| matches!(self.pairings[i].lead, Lead::School(_))).collect();
        let mut out = String::from("# 教干教师交流名单（生成的测试数据，姓名已作处理）。\n");
        let _ = writeln!(out, "{}:", self.key("exchanges", "交流名单"));
        let surnames: Vec<char> = SURNAMES.chars().collect();
        for year in 2021..=2023 {
            let _ = writeln!(out, "  - {}: {year}", self.key("year", "年度"));
            let _ = writeln!(out, "    {}: {year}-08-{}", self.key("published", "公布日期"), self.r.range(15, 20));
            let _ = writeln!(out, "    {}:", self.key("people", "名单"));
            for _ in 0..(self.n_schools / 2).max(1) {
                let name = format!("{}某某", self.r.pick(&surnames));
                let person = self.exchange(year, &name, &internal);
                let _ = writeln!(out, "      - {{{person}}}");
            }
        }
        self.write("data/exchanges.yaml", out.as_bytes())
    }

    /// One person's entry, without its braces.
    fn exchange(&mut self, year: i32, name: &str, internal: &[usize]) -> String {
        let role = if self.r.chance(0.2) { "教干" } else { "教师" };
        let mut fields =
            vec![(self.key("name", "姓名"), name.to_string()), (self.key("role", "类别"), role.to_string())];
        if role == "教师" && self.r.chance(0.95) {
            fields.push((self.key("subject", "学科"), self.r.pick(SUBJECTS).to_string()));
        }
        let mut pairing = None;
        if !internal.is_empty() && self.r.chance(0.4) {
            let p = &self.pairings[*self.r.pick(internal)];
            let open: Vec<usize> = p.members.iter().copied().filter(|&m| !self.schools[m].planned).collect();
            if let (Lead::School(lead), false) = (&p.lead, open.is_empty()) {
                pairing = Some((p.id.clone(), *lead, open[self.r.below(open.len())]));
            }
        }
        let (from, to) = match &pairing {
            Some((_, a, b)) if self.r.chance(0.5) => (*a, *b),
            Some((_, a, b)) => (*b, *a),
            None => {
                let pair = self.r.sample(self.active.len(), 2);
                (self.active[pair[0]], self.active[pair[1]])
            }
        };
        fields.push((self.key("from", "派出学校"), self.schools[from].id.clone()));
        fields.push((self.key("to", "接收学校"), self.schools[to].id.clone()));
        if let Some((id, _, _)) = pairing {
            fields.push((self.key("pairing", "结对"), id));
        }
        let (sk, ek) = (self.key("start", "开始"), self.key("end", "结束"));
        let period = format!("{{{sk}: {year}-09-01, {ek}: {}-07-31}}", year + 1);
        fields.push((self.key("period", "期限"), period));
        let fields: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        fields.join(", ")
    }

    fn indicators(&mut self) -> io::Result<()> {
        let active = self.active.clone();
        let quality: Vec<f64> = active.iter().map(|_| self.r.uniform(0.78, 1.15)).collect();
        let size: Vec<f64> = active.iter().map(|_| self.r.range(180, 2600) as f64).collect();
        let reported: Vec<usize> = (0..active.len()).filter(|_| self.r.chance(0.92)).collect();
        for (k, year) in (2021..=2023).enumerate() {
            // 2021 in English keys, 2022 in Chinese, 2023 mixed
            let style = k;
            let key = |g: &mut Self, en: &'static str, zh: &'static str| match style {
                0 => en,
                1 => zh,
                _ => g.key(en, zh),
            };
            let mut out = format!("# {year} 年度办学条件指标（生成的测试数据）。\n");
            let _ = writeln!(out, "{}: {year}", key(self, "year", "年度"));
            let _ = writeln!(out, "{}: {year}-09-30", key(self, "date", "统计日期"));
            let _ = writeln!(out, "{}:", key(self, "schools", "学校"));
            for &a in &reported {
                let s = &self.schools[active[a]];
                let (id, stage) = (s.id.clone(), s.stage);
                let sections: &[(&str, f64)] =
                    if stage == "九年一贯制" { &[("小学", 0.65), ("初中", 0.35)] } else { &[(stage, 1.0)] };
                for &(section, share) in sections {
                    let mut fields = vec![(key(self, "school", "学校"), id.clone())];
                    if sections.len() > 1 || self.r.chance(0.3) {
                        fields.push((key(self, "stage", "学段"), section.to_string()));
                    }
                    let students = ((size[a] * share * self.r.uniform(0.95, 1.05)) as u64).max(30);
                    fields.push((key(self, "students", "在校学生数"), students.to_string()));
                    let missing = if self.r.chance(0.03) { Some(self.r.below(FIGURES.len())) } else { None };
                    let mut row = format!("| {year} | {section} | {students} |");
                    for (n, &(en, zh, per, primary, junior)) in FIGURES.iter().enumerate() {
                        let threshold = if section == "小学" { primary } else { junior };
                        let f = quality[a] * (1.0 + 0.05 * k as f64) * self.r.uniform(0.85, 1.2);
                        let v = threshold * f * students as f64 / per;
                        let v = if en.ends_with("_area") {
                            format!("{v:.1}")
                        } else {
                            (v.round() as u64).max(1).to_string()
                        };
                        let _ = write!(row, " {} |", if missing == Some(n) { "—" } else { &v });
                        if missing != Some(n) {
                            fields.push((key(self, en, zh), v));
                        }
                    }
                    let fields: Vec<String> = fields.iter().map(|(k, v)| format!("{k}: {v}")).collect();
                    let _ = writeln!(out, "  - {{{}}}", fields.join(", "));
                    self.indicator_rows[active[a]].push(row);
                }
            }
            self.write(&format!("data/indicators/{year}.yaml"), out.as_bytes())?;
        }
        Ok(())
    }

    /// The county's figures and judgements for the last indicator year, so a build judges the
    /// county too (the benchmark's cost includes the verdict). Draws nothing from the random
    /// stream: the rest of the corpus is the same with or without it. Evidence is a web address,
    /// as the bureau's own documents are not among the generated ones.
    fn county(&mut self) -> io::Result<()> {
        const EVIDENCE: &str = "https://jyj.example.cn/junheng/ziping-2023.pdf";
        let mut out = String::from("# 2023 年度县级评估数据（生成的测试数据）。\n年度: 2023\n统计日期: 2023-09-30\n");
        out.push_str("来源: 2023 年义务教育优质均衡自评报告（生成的测试数据）\n数据:\n");
        for (name, value) in [
            ("特殊教育学校生均公用经费", "6200"),
            ("教师平均工资收入", "112400"),
            ("当地公务员平均工资收入", "110900"),
            ("5年360学时培训完成率", "100"),
            ("专任教师持证上岗率", "100"),
            ("小学就近划片入学比例", "100"),
            ("初中就近划片入学比例", "96.4"),
            ("优质高中招生名额分配比例", "52"),
            ("随迁子女在公办和购买服务民办学校就读比例", "90.8"),
            ("初中三年巩固率", "98.7"),
            ("残疾儿童少年入学率", "95.9"),
            ("社会认可度", "88.6"),
        ] {
            let _ = writeln!(out, "  {name}: {value}");
        }
        out.push_str("判断:\n");
        for item in [
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
        ] {
            let _ = writeln!(out, "  {item}: {{结论: 是, 依据: [{EVIDENCE}]}}");
        }
        out.push_str("质量监测:\n");
        for (subject, level, spread) in [("数学", "Ⅲ", "0.12"), ("语文", "Ⅳ", "0.10"), ("科学", "Ⅲ", "0.13")]
        {
            let _ = writeln!(out, "  - {{科目: {subject}, 学业水平: {level}, 校际差异率: {spread}}}");
        }
        out.push_str("一票否决:\n");
        for veto in ["以考试方式招生", "违规择校", "设重点学校或重点班", "unfilled_posts", "major_incident", "fraud"]
        {
            let _ = writeln!(out, "  {veto}: 否");
        }
        self.write("data/county/2023.yaml", out.as_bytes())
    }

    /// A content page per school for [`Record`]: its facts, pairings and indicators.
    fn record_schools(&mut self) {
        let mut pairings = vec![Vec::new(); self.schools.len()];
        for p in &self.pairings {
            let lead = match p.lead {
                Lead::School(s) => {
                    pairings[s].push(format!("- {}：牵头学校", p.id));
                    &self.schools[s].name
                }
                Lead::External(name) => name,
            };
            for &m in &p.members {
                pairings[m].push(format!("- {}：成员学校，牵头学校为{lead}", p.id));
            }
        }
        let head: Vec<&str> = FIGURES.iter().map(|f| f.1).collect();
        for (i, s) in self.schools.iter().enumerate() {
            let mut body = String::from("## 结对共建\n\n");
            body += &if pairings[i].is_empty() { "暂无。".to_string() } else { pairings[i].join("\n") };
            body += "\n\n## 办学条件指标\n\n";
            if self.indicator_rows[i].is_empty() {
                body += "暂无。\n";
            } else {
                let _ = writeln!(body, "| 年度 | 学段 | 在校学生数 | {} |", head.join(" | "));
                let _ = writeln!(body, "|--:|---|--:|{}", "--:|".repeat(head.len()));
                self.indicator_rows[i].iter().for_each(|row| body.push_str(&format!("{row}\n")));
            }
            let mut meta = vec![("编号", s.id.clone()), ("学段", s.stage.into()), ("乡镇街道", s.town.into())];
            meta.push(("城乡类别", s.location.into()));
            if s.planned {
                meta.push(("办学状态", "待建".into()));
            }
            self.record.schools.push(Page {
                section: "schools",
                slug: s.id.clone(),
                title: s.name.clone(),
                date: None,
                categories: Vec::new(),
                meta: meta.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
                body,
            });
        }
    }

    fn plan(&mut self) -> io::Result<()> {
        let chosen = self.r.sample(self.active.len(), self.active.len() * 3 / 5);
        let mut groups: [(&str, Vec<&str>); 4] =
            [("2021-12", vec![]), ("2022-12", vec![]), ("2023-12", vec![]), ("2025-12", vec![])];
        for i in chosen {
            let g = self.r.below(groups.len());
            groups[g].1.push(&self.schools[self.active[i]].id);
        }
        let mut out = String::from("# 达标计划（生成的测试数据）。\n");
        let _ = writeln!(out, "{}:", if self.r.chance(0.5) { "targets" } else { "达标计划" });
        for (by, ids) in &groups {
            let _ = writeln!(out, "  - {}: {by}", if self.r.chance(0.5) { "by" } else { "期限" });
            let _ = writeln!(out, "    {}: [{}]", if self.r.chance(0.5) { "schools" } else { "学校" }, ids.join(", "));
        }
        let milestones: [(&str, &str, Option<&str>, bool); 5] = [
            ("牵头学校上报 2021 学年共建方案", "2021-08-10", Some("2021-08-08"), true),
            ("公布 2021 学年教干教师交流名单", "2021-08-20", Some("2021-08-19"), true),
            ("完成办学条件统计报送", "2022-10-31", Some("2022-11-03"), false),
            ("完成优质均衡创建网上申报", "2023-03-31", None, true),
            ("公布 2025 学年教干教师交流名单", "2025-08-20", Some("2025-08-18"), false),
        ];
        let _ = writeln!(out, "{}:", if self.r.chance(0.5) { "milestones" } else { "时间节点" });
        let r = &mut self.r;
        for (title, due, done, with_policy) in milestones {
            let mut f = vec![
                format!("{}: {}", if r.chance(0.5) { "title" } else { "事项" }, ys(title)),
                format!("{}: {due}", if r.chance(0.5) { "due" } else { "截止日期" }),
            ];
            if let Some(done) = done {
                f.push(format!("{}: {done}", if r.chance(0.5) { "done" } else { "完成日期" }));
            }
            if with_policy && self.referable > 0 {
                let doc_no = &self.policies[r.below(self.referable)].doc_no;
                f.push(format!("{}: {}", if r.chance(0.5) { "policy" } else { "依据文件" }, ys(doc_no)));
            }
            let _ = writeln!(out, "  - {{{}}}", f.join(", "));
        }
        self.write("data/plan.yaml", out.as_bytes())
    }
}

/// The parts of a body, joined by blank lines, and how many bytes that join takes so far.
#[derive(Default)]
struct Parts {
    items: Vec<String>,
    bytes: usize,
}

impl Parts {
    fn push(&mut self, part: String) {
        self.bytes += part.len() + if self.items.is_empty() { 0 } else { 2 };
        self.items.push(part);
    }
}

/// A front matter block being written; in a traditional document values and Chinese keys are
/// written in traditional characters.
struct Front {
    text: String,
    trad: bool,
    /// The metadata table of the page (label, value as shown), for [`Record`].
    rows: Vec<(String, String)>,
    categories: Vec<String>,
}

impl Front {
    fn new(trad: bool) -> Self {
        Front { text: String::from("---\n"), trad, rows: Vec::new(), categories: Vec::new() }
    }

    fn shown(&self, value: &str) -> String {
        if self.trad { to_trad(value) } else { value.to_string() }
    }

    fn key(&self, r: &mut Rng, en: &str, zh: &str) -> String {
        if r.chance(0.5) {
            en.to_string()
        } else if self.trad {
            to_trad(zh)
        } else {
            zh.to_string()
        }
    }

    fn value(&self, value: &str) -> String {
        ys(&if self.trad { to_trad(value) } else { value.to_string() })
    }

    fn text(&mut self, r: &mut Rng, en: &str, zh: &str, value: &str) {
        let (k, v) = (self.key(r, en, zh), self.value(value));
        let _ = writeln!(self.text, "{k}: {v}");
        match en {
            "title" => {}
            "category" => self.categories.push(self.shown(value)),
            _ => self.rows.push((zh.to_string(), self.shown(value))),
        }
    }

    fn date(&mut self, r: &mut Rng, en: &str, zh: &str, date: Date) {
        let k = self.key(r, en, zh);
        let _ = writeln!(self.text, "{k}: {date}");
        self.rows.push((zh.to_string(), date.to_string()));
    }

    fn list(&mut self, r: &mut Rng, en: &str, zh: &str, items: &[String]) {
        let k = self.key(r, en, zh);
        let values: Vec<String> = items.iter().map(|i| self.value(i)).collect();
        let _ = writeln!(self.text, "{k}: [{}]", values.join(", "));
        let shown: Vec<String> = items.iter().map(|i| self.shown(i)).collect();
        self.rows.push((zh.to_string(), shown.join("、")));
    }

    /// `notice_period` as a block map.
    fn period(&mut self, r: &mut Rng, start: Date, end: Date) {
        let k = self.key(r, "notice_period", "公示期");
        let (sk, ek) = (self.key(r, "start", "开始"), self.key(r, "end", "结束"));
        let _ = write!(self.text, "{k}:\n  {sk}: {start}\n  {ek}: {end}\n");
        self.rows.push(("公示期".to_string(), format!("{start} 至 {end}")));
    }

    /// `attachments` (nothing when empty); one file in five is written with its `files/` prefix.
    fn attachments(&mut self, r: &mut Rng, items: &[(String, String)]) {
        if items.is_empty() {
            return;
        }
        let k = self.key(r, "attachments", "附件");
        let _ = writeln!(self.text, "{k}:");
        let (tk, fk) = (self.key(r, "title", "标题"), self.key(r, "file", "文件"));
        for (title, file) in items {
            let prefix = if r.chance(0.2) { "files/" } else { "" };
            let (title, file) = (self.value(title), ys(&format!("{prefix}{file}")));
            let _ = write!(self.text, "  - {tk}: {title}\n    {fk}: {file}\n");
        }
        let titles: Vec<String> = items.iter().map(|(title, _)| self.shown(title)).collect();
        self.rows.push(("附件".to_string(), titles.join("、")));
    }

    /// The document's text: this front matter and `page.body`; `page` with this metadata goes
    /// into `record`.
    fn finish(self, record: &mut Record, mut page: Page) -> String {
        let text = self.text + "---\n\n" + &page.body;
        (page.meta, page.categories) = (self.rows, self.categories);
        record.docs.push(page);
        text
    }
}

// ---- small tools -------------------------------------------------------------------------------

/// splitmix64: tiny, fast, and plenty for test data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `n` must be positive.
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }

    /// Between `lo` and `hi` distinct items, in random order.
    fn pick_some(&mut self, items: &[&str], lo: usize, hi: usize) -> Vec<String> {
        let k = self.range(lo, hi);
        self.sample(items.len(), k).into_iter().map(|i| items[i].to_string()).collect()
    }

    /// `k` distinct indices of `0..n` (fewer when `n < k`), in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let k = k.min(n);
        if k * 4 >= n {
            let mut all: Vec<usize> = (0..n).collect();
            for i in 0..k {
                let j = i + self.below(n - i);
                all.swap(i, j);
            }
            all.truncate(k);
            return all;
        }
        let mut out = Vec::with_capacity(k);
        while out.len() < k {
            let i = self.below(n);
            if !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }
}

/// A calendar day, as days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithms).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Date(i32);

impl Date {
    fn new(year: i32, month: u32, day: u32) -> Date {
        let (m, d) = (month as i32, day as i32);
        let y = if m <= 2 { year - 1 } else { year };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Date(era * 146_097 + doe - 719_468)
    }

    fn parts(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i32::from(month <= 2);
        (year, month as u32, day as u32)
    }

    fn plus(self, days: usize) -> Date {
        Date(self.0 + days as i32)
    }

    fn year(self) -> i32 {
        self.parts().0
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.parts();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// A YAML scalar for a string: plain when that is safe, double-quoted otherwise.
fn ys(s: &str) -> String {
    const SPECIAL: &str = ":#[]{},&*!|>'\"%@`?";
    const WORDS: &[&str] = &["true", "false", "yes", "no", "null", "on", "off", "~"];
    let quote = s.is_empty()
        || s.starts_with(['-', '?', ':'])
        || s != s.trim()
        || s.contains(|c| SPECIAL.contains(c))
        || WORDS.contains(&s.to_lowercase().as_str())
        || s.parse::<f64>().is_ok();
    if quote { format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"")) } else { s.to_string() }
}

/// Simplified → traditional, character by character, for the vocabulary above (the characters
/// that differ, in pairs), as OpenCC's s2tw gives them in context: 干 is 幹 (教干), 发 is 發,
/// 台 is 臺 (台账), 范 is 範 (示范), 系 is 繫 (联系). The build folds each back to the simplified one.
const TRAD_PAIRS: &str = concat!(
    "万萬与與专專业業东東严嚴为為举舉义義乐樂乔喬乡鄉书書于於云雲产產仅僅仪儀价價众眾",
    "优優会會传傳体體兰蘭关關兴興养養内內冯馮决決况況准準减減划劃刘劉则則创創别別办辦",
    "务務动動励勵劳勞区區华華协協单單卢盧历歷县縣参參双雙发發台臺叶葉号號后後吕呂吴吳",
    "员員团團园園围圍国國图圖场場坚堅处處备備头頭孙孫学學宁寧实實对對导導将將岗崗岛島",
    "岭嶺布佈师師帮幫干幹并並广廣应應庙廟废廢开開异異张張强強录錄态態总總托託执執报報",
    "担擔拨撥挥揮据據数數时時暂暫术術机機条條杨楊构構枫楓标標栏欄桥橋楼樓汤湯沟溝测測",
    "湾灣满滿滨濱点點牵牽状狀现現电電畅暢监監盖蓋础礎确確礼禮积積称稱窝窩筹籌类類系繫",
    "约約级級纳納线線组組细細织織经經结結绕繞络絡统統综綜编編缩縮网網罗羅职職联聯脚腳",
    "艺藝节節苏蘇范範营營萧蕭蒋蔣虑慮见見规規视視计計训訓许許设設证證评評词詞试試话話",
    "语語请請读讀课課调調谢謝谭譚负負财財责責账賬质質贯貫费費贺賀贾賈资資赖賴赵趙轮輪",
    "轻輕辅輔辍輟辐輻辖轄达達过過运運进進远遠连連选選邓鄧邮郵邹鄒郑鄭钟鍾钱錢银銀镇鎮",
    "长長门門问問间間阎閻队隊阳陽际際陆陸陈陳隐隱韩韓页頁项項顾顧预預领領题題馆館馈饋",
    "马馬验驗骤驟黄黃齐齊龙龍龚龔",
);

static TRAD: LazyLock<HashMap<char, char>> = LazyLock::new(|| {
    let chars: Vec<char> = TRAD_PAIRS.chars().collect();
    chars.chunks(2).map(|pair| (pair[0], pair[1])).collect()
});

/// `text` in traditional characters.
fn to_trad(text: &str) -> String {
    text.chars().map(|c| TRAD.get(&c).copied().unwrap_or(c)).collect()
}

#[cfg(test)]
mod tests {
    // gen_corpus (harness = false) compiles this module with cfg(test) under `clippy --all-targets`
    // but drops its #[test] functions, which leaves the import unused there
    #[allow(unused_imports)]
    use super::*;

    #[test]
    fn dates_round_trip_and_print_as_iso() {
        for (y, m, d) in [(1970, 1, 1), (2012, 2, 29), (2023, 11, 1), (2025, 12, 31)] {
            assert_eq!(Date::new(y, m, d).parts(), (y, m, d));
        }
        assert_eq!(Date::new(2024, 2, 28).plus(2).to_string(), "2024-03-01");
    }

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        assert_eq!(ys("墟沟小学"), "墟沟小学");
        assert_eq!(ys("a: b"), "\"a: b\"");
        assert_eq!(ys("2017"), "\"2017\"");
        assert_eq!(ys("no"), "\"no\"");
    }

    #[test]
    fn traditional_text_folds_back_to_the_simplified() {
        let vocabulary = [TOPICS, KINDS, KEYWORDS, SENTENCES, TEMPLATES, HEAD_TITLES, SUB_TITLES, CATEGORIES];
        for text in vocabulary.concat().into_iter().chain(NAMED_SCHOOLS.iter().map(|s| s.0)) {
            // fold, not equality: the build folds 覆 to 复 even in simplified text
            assert_eq!(gongshi::hanzi::fold(&to_trad(text)), gongshi::hanzi::fold(text));
        }
        assert_eq!(to_trad("连云区教育局关于"), "連雲區教育局關於");
    }

    #[test]
    fn same_spec_same_bytes_and_no_long_digit_runs() {
        let base = std::env::temp_dir().join(format!("gongshi-corpus-test-{}", std::process::id()));
        let spec = Spec { docs: 60, schools: 12, pairings: 20, seed: 7 };
        let (a, b) = (base.join("a"), base.join("b"));
        generate(&a, &spec).unwrap();
        generate(&b, &spec).unwrap();
        let files = |dir: &Path| -> Vec<(String, Vec<u8>)> {
            let mut stack = vec![dir.to_path_buf()];
            let mut out = Vec::new();
            while let Some(d) = stack.pop() {
                for e in fs::read_dir(&d).unwrap() {
                    let p = e.unwrap().path();
                    if p.is_dir() {
                        stack.push(p);
                    } else {
                        out.push((p.strip_prefix(dir).unwrap().display().to_string(), fs::read(&p).unwrap()));
                    }
                }
            }
            out.sort();
            out
        };
        let (fa, fb) = (files(&a), files(&b));
        assert_eq!(fa, fb);
        for (path, bytes) in fa.iter().filter(|(p, _)| p.ends_with(".md") || p.ends_with(".yaml")) {
            let text = String::from_utf8(bytes.clone()).unwrap();
            let longest = text.split(|c: char| !c.is_ascii_digit()).map(str::len).max().unwrap_or(0);
            // the bureau's landline, 0518-82310000, is the longest run anywhere
            assert!(longest <= 8, "{path}");
        }
        fs::remove_dir_all(&base).unwrap();
    }
}

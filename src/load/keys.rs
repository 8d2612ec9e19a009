//! The content contract's keys: every English name with its Chinese aliases, per kind of record,
//! and the pass that renames aliases to English names before the model reads a tree.
//!
//! This is the only place that knows 文号 means `doc_no`. The pass reports the same key written
//! twice (under either name) as an error, a misspelled key as an error that names the nearest
//! known key, and a key like no known one as a warning (it is ignored).

use super::yaml::{Node, Value};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};

/// What a value may hold, so the pass knows which table applies below each key.
#[derive(Debug)]
pub enum Shape {
    /// A scalar, or anything the model reads on its own.
    Leaf,
    Record(&'static Record),
    List(&'static Shape),
}

/// A map with known keys, e.g. a document's front matter.
#[derive(Debug)]
pub struct Record {
    /// What the map is, in Chinese, for messages: “文档”, “学校”.
    pub what: &'static str,
    pub fields: &'static [Field],
    /// Keys shared with other tables (the figures of an indicator row).
    pub extra: &'static [Field],
    /// Also takes the figures a site's standards declare (`raw_keys`): other keys are left for
    /// `load::figures` to rename or report once every standard is read.
    pub open: bool,
    /// In an open record, the shape of the values under the keys it does not know (the
    /// judgements of a county data file are each a `{value, evidence}` record).
    pub open_values: &'static Shape,
}

/// A record with its own keys only.
const fn record(what: &'static str, fields: &'static [Field]) -> Record {
    Record { what, fields, extra: &[], open: false, open_values: &Shape::Leaf }
}

impl Record {
    /// Every key of the record.
    pub fn all_fields(&self) -> impl Iterator<Item = &'static Field> + use<> {
        self.fields.iter().chain(self.extra)
    }
}

#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub shape: Shape,
}

const fn leaf(name: &'static str, aliases: &'static [&'static str]) -> Field {
    Field { name, aliases, shape: Shape::Leaf }
}

const fn nested(name: &'static str, aliases: &'static [&'static str], shape: Shape) -> Field {
    Field { name, aliases, shape }
}

pub static PERIOD: Record = record(
    "起止日期",
    &[leaf("start", &["开始", "开始日期", "起始日期"]), leaf("end", &["结束", "结束日期", "截止日期"])],
);

pub static CONTACT: Record = record(
    "联系方式",
    &[
        leaf("phone", &["监督电话", "电话", "联系电话"]),
        leaf("email", &["电子邮箱", "邮箱"]),
        leaf("address", &["地址", "通讯地址"]),
        leaf("hours", &["办公时间", "工作时间"]),
    ],
);

pub static SITE: Record = record(
    "site.yaml",
    &[
        leaf("title", &["站点名称", "网站名称"]),
        leaf("base_url", &["网址"]),
        leaf("issuer", &["主办单位"]),
        leaf("region", &["地区"]),
        nested("contact", &["联系方式"], Shape::Record(&CONTACT)),
        leaf("standard", &["评估标准"]),
        leaf("theme", &["主题"]),
        leaf("demo", &["示例数据"]),
        leaf("description", &["站点简介", "简介"]),
        leaf("paginate_by", &["每页条数"]),
        leaf("pii_allow", &["允许公开号码"]),
        leaf("site_id_code", &["网站标识码", "site_code"]),
        leaf("icp", &["备案号", "ICP备案号"]),
        leaf("police_beian", &["公安备案号", "公网安备案号"]),
        leaf("party_government", &["党政机关标识", "党政机关"]),
        leaf("organizer", &["承办单位"]),
        leaf("deny_warnings", &["警告即错误"]),
        nested("deploy", &["发布"], Shape::Record(&DEPLOY)),
    ],
);

/// site.yaml `deploy:`, where `gongshi deploy` sends the output. Secrets never go here.
pub static DEPLOY: Record = record(
    "发布",
    &[nested("targets", &["目标"], Shape::List(&Shape::Record(&DEPLOY_TARGET))), leaf("max_deletes", &["最多删除"])],
);

pub static DEPLOY_TARGET: Record = record(
    "发布目标",
    &[
        leaf("name", &["名称"]),
        leaf("type", &["类型"]),
        leaf("folder", &["文件夹", "目录"]),
        leaf("endpoint", &["服务地址"]),
        leaf("bucket", &["存储桶"]),
        leaf("prefix", &["前缀"]),
        leaf("region", &["区域"]),
        leaf("path_style", &["路径式网址"]),
        leaf("host", &["主机"]),
        leaf("port", &["端口"]),
        leaf("user", &["用户名"]),
        leaf("key_file", &["密钥文件"]),
    ],
);

pub static ATTACHMENT: Record = record("附件", &[leaf("title", &["标题", "名称"]), leaf("file", &["文件", "路径"])]);

pub static DOCUMENT: Record = record(
    "文档",
    &[
        leaf("title", &["标题"]),
        leaf("doc_no", &["文号"]),
        leaf("index_no", &["索引号"]),
        leaf("issuer", &["发布机构"]),
        leaf("date", &["成文日期", "发文日期"]),
        leaf("published", &["发布日期"]),
        leaf("category", &["主题分类", "分类"]),
        leaf("keywords", &["主题词"]),
        leaf("validity", &["时效"]),
        leaf("summary", &["内容概述", "摘要"]),
        leaf("supersedes", &["替代"]),
        nested("attachments", &["附件"], Shape::List(&Shape::Record(&ATTACHMENT))),
        nested("notice_period", &["公示期"], Shape::Record(&PERIOD)),
        leaf("feedback", &["意见反馈"]),
        leaf("slug", &["网址名"]),
        leaf("draft", &["草稿"]),
        leaf("genre", &["体裁", "文种"]),
        leaf("interprets", &["解读对象"]),
        leaf("interpretation", &["解读形式"]),
        leaf("kind", &["页面类型"]),
    ],
);

pub static SCHOOL: Record = record(
    "学校",
    &[
        leaf("id", &["编号"]),
        leaf("name", &["校名", "名称", "学校名称", "学校"]),
        leaf("aliases", &["别名", "简称"]),
        leaf("stage", &["学段", "办学类型"]),
        leaf("town", &["乡镇街道", "乡镇", "街道"]),
        leaf("location", &["城乡类别", "城乡", "城乡类型"]),
        leaf("status", &["办学状态"]),
        leaf("pinyin", &["拼音"]),
        leaf("kind", &["学校类型", "类型"]),
    ],
);

/// A school outside the site, written `{name: 连云港师专一附小教育集团}`.
pub static PARTNER: Record = record("学校", &[leaf("name", &["名称", "校名"])]);

pub static PAIRING: Record = record(
    "结对",
    &[
        leaf("id", &["编号"]),
        leaf("form", &["形式", "共建形式", "结对形式"]),
        leaf("name", &["名称", "结对名称"]),
        nested("lead", &["牵头学校", "牵头校"], Shape::Record(&PARTNER)),
        nested("members", &["成员学校", "成员校"], Shape::List(&Shape::Record(&PARTNER))),
        nested("cycle", &["周期", "结对周期"], Shape::Record(&PERIOD)),
        leaf("policy", &["依据文件"]),
    ],
);

pub static PERSON: Record = record(
    "交流人员",
    &[
        leaf("name", &["姓名"]),
        leaf("role", &["类别"]),
        leaf("subject", &["学科"]),
        nested("from", &["派出学校"], Shape::Record(&PARTNER)),
        nested("to", &["接收学校"], Shape::Record(&PARTNER)),
        leaf("pairing", &["结对"]),
        nested("period", &["期限"], Shape::Record(&PERIOD)),
        leaf("key", &["骨干", "骨干教师"]),
    ],
);

/// How many of a school's teachers may be sent in a year (交流轮岗的应交流人数).
pub static ELIGIBLE: Record = record(
    "应交流人数",
    &[
        leaf("school", &["学校"]),
        leaf("teachers", &["应交流教师数", "应交流人数"]),
        leaf("key_teachers", &["应交流骨干教师数", "骨干教师数"]),
    ],
);

pub static EXCHANGE_LIST: Record = record(
    "交流名单",
    &[
        leaf("year", &["年度"]),
        leaf("published", &["公布日期"]),
        nested("people", &["名单"], Shape::List(&Shape::Record(&PERSON))),
        nested("eligible", &["应交流", "应交流人数"], Shape::List(&Shape::Record(&ELIGIBLE))),
    ],
);

/// The raw figures a school reports in data/indicators/YEAR.yaml, each with its Chinese names
/// (the first is the one messages and downloads show). The one table of figure names: load
/// renames by it, the model reads and standards refer by it, downloads label by it.
pub static FIGURES: &[Field] = &[
    leaf("students", &["在校学生数"]),
    leaf("teachers_above_degree", &["高于规定学历教师数"]),
    leaf("key_teachers", &["县级以上骨干教师数"]),
    leaf("pe_art_teachers", &["体育艺术专任教师数", "体育、艺术专任教师数"]),
    leaf("teaching_area", &["教学及辅助用房面积"]),
    leaf("sports_area", &["体育运动场馆面积"]),
    leaf("equipment_value", &["教学仪器设备值"]),
    leaf("multimedia_rooms", &["网络多媒体教室数"]),
    leaf("computers", &["计算机台数"]),
    leaf("books", &["图书册数"]),
    leaf("teachers", &["专任教师数"]),
    leaf("senior_title_teachers", &["中级及以上专业技术职务教师数"]),
    // School inputs of the county method's computed items (教督〔2017〕6号 第六条).
    leaf("class_count", &["教学班级数", "教学班数量"]),
    leaf("largest_class", &["最大班额"]),
    leaf("music_rooms", &["音乐专用教室数"]),
    leaf("music_room_area", &["音乐专用教室最小面积"]),
    leaf("art_rooms", &["美术专用教室数"]),
    leaf("art_room_area", &["美术专用教室最小面积"]),
];

pub static INDICATOR_ROW: Record = Record {
    what: "学校指标",
    fields: &[leaf("school", &["学校", "学校名称", "校名"]), leaf("stage", &["学段"])],
    extra: FIGURES,
    open: true,
    open_values: &Shape::Leaf,
};

/// Figures given once a year for the whole county (`county:` in an indicator file): only the
/// ones a standard declares.
pub static COUNTY_FIGURES: Record =
    Record { what: "全县数据", fields: &[], extra: &[], open: true, open_values: &Shape::Leaf };

pub static TARGET: Record = record("达标计划", &[leaf("by", &["期限", "截止"]), leaf("schools", &["学校"])]);

/// A share of schools to be in a pairing by a date (覆盖目标).
pub static COVERAGE_TARGET: Record =
    record("覆盖目标", &[leaf("form", &["形式"]), leaf("share", &["比例", "覆盖比例"]), leaf("by", &["期限", "截止"])]);

/// The limits a year's exchanges are judged by (交流比例要求).
pub static EXCHANGE_LIMITS: Record =
    record("交流比例要求", &[leaf("share", &["交流比例"]), leaf("key_share", &["骨干比例"])]);

/// One occurrence of a duty done: its year and school where the duty has several.
pub static DONE: Record =
    record("完成情况", &[leaf("year", &["年度"]), leaf("school", &["学校"]), leaf("date", &["完成日期", "日期"])]);

pub static MILESTONE: Record = record(
    "时间节点",
    &[
        leaf("title", &["标题", "事项"]),
        leaf("due", &["截止日期", "期限"]),
        leaf("every_year", &["每年"]),
        leaf("from", &["起始年度", "开始年度"]),
        leaf("until", &["结束年度", "截止年度"]),
        leaf("owner", &["负责单位", "责任单位"]),
        nested("done", &["完成日期", "完成情况"], Shape::List(&Shape::Record(&DONE))),
        leaf("done_when", &["完成依据"]),
        leaf("policy", &["依据文件"]),
    ],
);

/// Values per 学段: thresholds and limits.
pub static BY_PHASE: Record = record("学段", &[leaf("primary", &["小学"]), leaf("junior", &["初中"])]);

pub static INDICATOR_DEF: Record = record(
    "指标",
    &[
        leaf("id", &["编号"]),
        leaf("name", &["名称"]),
        leaf("short", &["简称"]),
        leaf("numerator", &["分子"]),
        leaf("denominator", &["分母"]),
        leaf("per", &["每"]),
        leaf("unit", &["单位"]),
        nested("thresholds", &["标准", "达标值"], Shape::Record(&BY_PHASE)),
        leaf("rule", &["规则"]),
        leaf("in_cv", &["计入差异系数"]),
    ],
);

/// A figure a standard adds to the indicator files: `{key: classes, name: 班级数, aliases: [教学班数]}`.
pub static RAW_KEY: Record =
    record("自定义数据", &[leaf("key", &["字段", "编号"]), leaf("name", &["名称"]), leaf("aliases", &["别名"])]);

/// A figure of the whole county held to a limit: `{id, name, key, rule, limit, unit}`.
pub static COUNTY_CHECK: Record = record(
    "县级指标",
    &[
        leaf("id", &["编号"]),
        leaf("name", &["名称"]),
        leaf("key", &["字段", "数据"]),
        leaf("rule", &["规则"]),
        leaf("limit", &["标准", "达标值"]),
        leaf("unit", &["单位"]),
    ],
);

pub static SCHOOL_RULE: Record =
    record("学校达标规则", &[leaf("min_met", &["至少达标项数"]), leaf("floor", &["最低比例"])]);

pub static CV_RULE: Record =
    record("差异系数", &[leaf("method", &["方式"]), nested("limits", &["上限"], Shape::Record(&BY_PHASE))]);

pub static STANDARD: Record = record(
    "评估标准",
    &[
        leaf("id", &["编号"]),
        leaf("name", &["名称"]),
        nested("indicators", &["指标"], Shape::List(&Shape::Record(&INDICATOR_DEF))),
        nested("school_rule", &["学校达标规则"], Shape::Record(&SCHOOL_RULE)),
        nested("cv", &["差异系数"], Shape::Record(&CV_RULE)),
        nested("raw_keys", &["自定义数据"], Shape::List(&Shape::Record(&RAW_KEY))),
        nested("county_checks", &["县级指标"], Shape::List(&Shape::Record(&COUNTY_CHECK))),
        nested("exclude", &["不参与校际指标"], Shape::Record(&EXCLUDE)),
        nested("method", &["评估办法"], Shape::Record(&METHOD)),
    ],
);

/// Schools left out of the per-school indicators and their spread: `{kinds: [特殊教育学校],
/// small_below: 50}` (教学点 with fewer students).
pub static EXCLUDE: Record =
    record("不参与校际指标", &[leaf("kinds", &["学校类型"]), leaf("small_below", &["教学点人数少于"])]);

/// The county method: its parts of items, and the vetoes.
pub static METHOD: Record = record(
    "评估办法",
    &[
        leaf("document", &["依据"]),
        nested("parts", &["方面"], Shape::List(&Shape::Record(&METHOD_PART))),
        nested("vetoes", &["一票否决"], Shape::List(&Shape::Record(&VETO))),
    ],
);

pub static METHOD_PART: Record = record(
    "评估方面",
    &[
        leaf("id", &["编号"]),
        leaf("name", &["名称"]),
        leaf("article", &["条款"]),
        nested("items", &["项目"], Shape::List(&Shape::Record(&METHOD_ITEM))),
    ],
);

pub static METHOD_ITEM: Record = record(
    "评估项目",
    &[
        leaf("id", &["编号"]),
        leaf("no", &["序号"]),
        leaf("name", &["名称"]),
        leaf("article", &["条款"]),
        leaf("kind", &["类型"]),
        nested("figures", &["数据"], Shape::List(&Shape::Record(&ITEM_FIGURE))),
        leaf("measure", &["计算"]),
        nested("limits", &["标准"], Shape::Record(&MEASURE_LIMITS)),
        leaf("min_level", &["最低水平"]),
        leaf("max_gap", &["差异率低于"]),
    ],
);

/// A county figure an item reads, held to a limit or to another figure.
pub static ITEM_FIGURE: Record = record(
    "县级数据项",
    &[
        leaf("key", &["字段"]),
        leaf("name", &["名称"]),
        leaf("aliases", &["别名"]),
        leaf("rule", &["规则"]),
        leaf("limit", &["标准", "达标值"]),
        leaf("against", &["对照"]),
        leaf("unit", &["单位"]),
    ],
);

/// The limits of a computed item: per 学段, a one-figure limit, room sizes.
pub static MEASURE_LIMITS: Record = record(
    "计算标准",
    &[
        leaf("primary", &["小学"]),
        leaf("junior", &["初中"]),
        leaf("through", &["一贯制"]),
        leaf("share", &["比例"]),
        leaf("key_share", &["骨干比例"]),
        leaf("classes_per_room", &["每间班级数"]),
        leaf("music_area", &["音乐教室面积"]),
        leaf("art_area", &["美术教室面积"]),
    ],
);

pub static VETO: Record =
    record("一票否决", &[leaf("id", &["编号"]), leaf("name", &["名称"]), leaf("article", &["条款"])]);

static SCHOOLS_FILE: Record =
    record("data/schools.yaml", &[nested("schools", &["学校名录", "学校"], Shape::List(&Shape::Record(&SCHOOL)))]);

static PAIRINGS_FILE: Record =
    record("data/pairings.yaml", &[nested("pairings", &["结对共建", "结对"], Shape::List(&Shape::Record(&PAIRING)))]);

static EXCHANGES_FILE: Record = record(
    "data/exchanges.yaml",
    &[nested("exchanges", &["交流名单", "交流"], Shape::List(&Shape::Record(&EXCHANGE_LIST)))],
);

static INDICATORS_FILE: Record = record(
    "指标文件",
    &[
        leaf("year", &["年度"]),
        leaf("date", &["统计日期"]),
        nested("schools", &["学校"], Shape::List(&Shape::Record(&INDICATOR_ROW))),
        nested("county", &["全县", "县级数据"], Shape::Record(&COUNTY_FIGURES)),
    ],
);

static PLAN_FILE: Record = record(
    "data/plan.yaml",
    &[
        nested("targets", &["达标计划", "计划"], Shape::List(&Shape::Record(&TARGET))),
        nested("milestones", &["时间节点", "节点"], Shape::List(&Shape::Record(&MILESTONE))),
        nested("coverage", &["覆盖目标"], Shape::List(&Shape::Record(&COVERAGE_TARGET))),
        nested("exchange", &["交流比例要求", "交流比例"], Shape::Record(&EXCHANGE_LIMITS)),
    ],
);

/// A judgement of the county data: `{value: 是, evidence: [连区教〔2017〕89号]}`.
pub static JUDGEMENT: Record =
    record("判断", &[leaf("value", &["结论", "是否"]), leaf("evidence", &["依据", "佐证"]), leaf("note", &["说明"])]);

/// A subject's result in the national quality monitoring.
pub static SUBJECT_RESULT: Record = record(
    "质量监测科目",
    &[leaf("subject", &["科目"]), leaf("level", &["学业水平", "水平"]), leaf("gap", &["校际差异率", "差异率"])],
);

/// A row of a county data sheet (`gongshi import county`): one item, figure, subject or veto
/// per row, named by its id or Chinese name.
pub static COUNTY_ROW: Record = record(
    "县级评估数据表",
    &[
        leaf("item", &["项目", "评估项目", "指标"]),
        leaf("value", &["值", "结论", "数值", "数据"]),
        leaf("evidence", &["依据", "佐证", "佐证材料"]),
        leaf("note", &["说明", "备注"]),
        leaf("subject", &["科目"]),
        leaf("level", &["学业水平", "水平"]),
        leaf("gap", &["校际差异率", "差异率"]),
        leaf("year", &["年度"]),
        leaf("date", &["统计日期"]),
        leaf("source", &["来源", "数据来源"]),
    ],
);

/// 县级评估数据 (data/county/YEAR.yaml). Figures and judgements are keyed by the standard's
/// own names, read by the model.
static COUNTY_FILE: Record = Record {
    what: "县级评估数据",
    fields: &[
        leaf("year", &["年度"]),
        leaf("date", &["统计日期"]),
        leaf("source", &["来源", "数据来源"]),
        nested("figures", &["数据", "县级数据"], Shape::Record(&OPEN_MAP)),
        nested("judgements", &["判断", "定性判断"], Shape::Record(&JUDGEMENTS)),
        nested("subjects", &["质量监测"], Shape::List(&Shape::Record(&SUBJECT_RESULT))),
        nested("vetoes", &["一票否决"], Shape::Record(&OPEN_MAP)),
    ],
    extra: &[],
    open: false,
    open_values: &Shape::Leaf,
};

/// A map whose keys a standard names (read and checked by the model).
static OPEN_MAP: Record =
    Record { what: "县级数据", fields: &[], extra: &[], open: true, open_values: &Shape::Leaf };

/// Item id → a judgement, or just 是 / 否.
static JUDGEMENTS: Record =
    Record { what: "判断", fields: &[], extra: &[], open: true, open_values: &Shape::Record(&JUDGEMENT) };

/// 政府信息公开工作年度报告 (data/reports/YEAR.yaml), in the layout of the national template
/// (国办公开办函〔2021〕30号). A row's first alias is its label in the published table.
pub static DOC_COUNTS: Record = record(
    "文件数",
    &[
        leaf("issued", &["本年制发件数", "制发"]),
        leaf("repealed", &["本年废止件数", "废止"]),
        leaf("in_force", &["现行有效件数", "现行有效"]),
    ],
);

pub static PROACTIVE: Record = record(
    "主动公开政府信息情况",
    &[
        nested("rules", &["规章"], Shape::Record(&DOC_COUNTS)),
        nested("normative", &["行政规范性文件", "规范性文件"], Shape::Record(&DOC_COUNTS)),
        leaf("licensing", &["行政许可"]),
        leaf("punishment", &["行政处罚"]),
        leaf("enforcement", &["行政强制"]),
        leaf("fees", &["行政事业性收费"]),
    ],
);

pub static REFUSED: Record = record(
    "不予公开",
    &[
        leaf("state_secret", &["属于国家秘密", "国家秘密"]),
        leaf("law_forbids", &["其他法律行政法规禁止公开", "法律行政法规禁止公开"]),
        leaf("security", &["危及“三安全一稳定”", "危及三安全一稳定"]),
        leaf("third_party", &["保护第三方合法权益", "第三方合法权益"]),
        leaf("internal", &["属于三类内部事务信息", "内部事务信息"]),
        leaf("process", &["属于四类过程性信息", "过程性信息"]),
        leaf("enforcement_file", &["属于行政执法案卷", "行政执法案卷"]),
        leaf("inquiry", &["属于行政查询事项", "行政查询事项"]),
    ],
);

pub static UNAVAILABLE: Record = record(
    "无法提供",
    &[
        leaf("not_held", &["本机关不掌握相关政府信息", "不掌握相关政府信息"]),
        leaf("needs_creation", &["没有现成信息需要另行制作", "需要另行制作"]),
        leaf("unclear", &["补正后申请内容仍不明确", "申请内容不明确"]),
    ],
);

pub static NOT_PROCESSED: Record = record(
    "不予处理",
    &[
        leaf("complaint", &["信访举报投诉类申请", "信访举报投诉"]),
        leaf("repeated", &["重复申请"]),
        leaf("publication", &["要求提供公开出版物", "公开出版物"]),
        leaf("excessive", &["无正当理由大量反复申请", "大量反复申请"]),
        leaf("confirmation", &["要求行政机关确认或重新出具已获取信息", "确认或重新出具"]),
    ],
);

pub static OTHER_HANDLING: Record = record(
    "其他处理",
    &[
        leaf("no_correction", &["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "逾期不补正"]),
        leaf("no_fee", &["申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "逾期未缴费"]),
        leaf("other", &["其他"]),
    ],
);

pub static APPLICATIONS: Record = record(
    "收到和处理政府信息公开申请情况",
    &[
        leaf("new", &["本年新收政府信息公开申请数量", "本年新收"]),
        leaf("carried_in", &["上年结转政府信息公开申请数量", "上年结转"]),
        leaf("granted", &["予以公开"]),
        leaf("partial", &["部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开"]),
        nested("refused", &["不予公开"], Shape::Record(&REFUSED)),
        nested("unavailable", &["无法提供"], Shape::Record(&UNAVAILABLE)),
        nested("not_processed", &["不予处理"], Shape::Record(&NOT_PROCESSED)),
        nested("other", &["其他处理"], Shape::Record(&OTHER_HANDLING)),
        leaf("total", &["总计"]),
        leaf("carried_over", &["结转下年度继续办理", "结转下年度"]),
    ],
);

pub static REVIEWS: Record = record(
    "政府信息公开行政复议、行政诉讼情况",
    &[
        leaf("review", &["行政复议"]),
        leaf("direct_suit", &["未经复议直接起诉"]),
        leaf("suit_after_review", &["复议后起诉"]),
    ],
);

static REPORT_FILE: Record = record(
    "年度报告",
    &[
        leaf("year", &["年度"]),
        leaf("published", &["发布日期"]),
        leaf("overview", &["总体情况"]),
        nested("proactive", &["主动公开政府信息情况", "主动公开"], Shape::Record(&PROACTIVE)),
        nested("applications", &["收到和处理政府信息公开申请情况", "依申请公开"], Shape::Record(&APPLICATIONS)),
        nested("reviews", &["政府信息公开行政复议、行政诉讼情况", "行政复议和诉讼"], Shape::Record(&REVIEWS)),
        leaf("problems", &["存在的主要问题及改进情况", "问题和改进"]),
        leaf("other", &["其他需要报告的事项", "其他事项"]),
    ],
);

/// The table for a data file.
pub fn data_shape(kind: super::DataKind) -> &'static Shape {
    use super::DataKind;
    static SCHOOLS: Shape = Shape::Record(&SCHOOLS_FILE);
    static PAIRINGS: Shape = Shape::Record(&PAIRINGS_FILE);
    static EXCHANGES: Shape = Shape::Record(&EXCHANGES_FILE);
    static INDICATORS: Shape = Shape::Record(&INDICATORS_FILE);
    static PLAN: Shape = Shape::Record(&PLAN_FILE);
    static STANDARD_FILE: Shape = Shape::Record(&STANDARD);
    static REPORT: Shape = Shape::Record(&REPORT_FILE);
    static COUNTY: Shape = Shape::Record(&COUNTY_FILE);
    match kind {
        DataKind::Schools => &SCHOOLS,
        DataKind::Pairings => &PAIRINGS,
        DataKind::Exchanges => &EXCHANGES,
        DataKind::Indicators => &INDICATORS,
        DataKind::Plan => &PLAN,
        DataKind::Standard => &STANDARD_FILE,
        DataKind::Report => &REPORT,
        DataKind::County => &COUNTY,
    }
}

/// Renames aliases to English names in place, removes unknown keys (with a warning) and keeps
/// the first of two spellings of the same key (with an error).
pub fn canonicalize(node: &mut Node, shape: &Shape, diags: &mut Diagnostics) {
    match (shape, &mut node.value) {
        (Shape::Record(record), Value::Map(entries)) => {
            // (field, key as first written, its span) for every key kept so far.
            let mut seen: Vec<(&Field, String, crate::diagnostics::Span)> = Vec::new();
            entries.retain_mut(|entry| {
                let Some(field) = find(record, &entry.key) else {
                    if record.open {
                        canonicalize(&mut entry.value, record.open_values, diags);
                        return true;
                    }
                    diags.push(unknown_key(record, &entry.key, entry.key_span));
                    return false;
                };
                if let Some((_, first, first_span)) = seen.iter().find(|(f, ..)| f.name == field.name) {
                    diags.push(
                        Diagnostic::error(Code::DuplicateKey, entry.key_span)
                            .detail(format!("「{}」和前面的「{first}」都是 {}", entry.key, describe(field)))
                            .related(*first_span, "第一次写在这里"),
                    );
                    return false;
                }
                let written = std::mem::replace(&mut entry.key, field.name.to_string());
                seen.push((field, written, entry.key_span));
                canonicalize(&mut entry.value, &field.shape, diags);
                true
            });
        }
        (Shape::List(inner), Value::List(items)) => {
            for item in items {
                canonicalize(item, inner, diags);
            }
        }
        _ => {}
    }
}

pub fn find<'a>(record: &'a Record, key: &str) -> Option<&'a Field> {
    let key = normalize(key);
    // Aliases are folded as keys are: the table may hold a character the fold maps (覆 → 复).
    record.all_fields().find(|f| f.name == key || f.aliases.iter().any(|a| *a == key || normalizes_to(a, &key)))
}

/// Whether `normalize(alias) == key`, without making the normalized text (a data file of a
/// thousand rows asks this of every alias for each of its ten thousand keys).
fn normalizes_to(alias: &str, key: &str) -> bool {
    alias.chars().filter(|c| !c.is_whitespace() && *c != '：').map(crate::hanzi::fold_char).eq(key.chars())
}

/// Keys as staff type them: `索 引 号` (spaced like the tables they copy from), full-width
/// spaces, a trailing full-width colon, traditional characters (`標題` is `标题`).
pub fn normalize(key: &str) -> String {
    key.chars().filter(|c| !c.is_whitespace() && *c != '：').map(crate::hanzi::fold_char).collect()
}

/// `文号（doc_no）`: the first (Chinese) alias, with the English name after it.
pub fn describe(field: &Field) -> String {
    match field.aliases.first() {
        Some(alias) => format!("{alias}（{}）", field.name),
        None => field.name.to_string(),
    }
}

/// Characters that take no space on screen: a key holding one looks right and is not.
pub fn invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// A key close to a known one is a typo, and ignoring it would lose what it says (在校学生 for
/// 在校学生数 made every figure 未填报): an error. A key like no known one is extra information
/// gongshi does not use: a warning that says it is ignored.
pub fn unknown_key(record: &Record, key: &str, span: crate::diagnostics::Span) -> Diagnostic {
    if (std::ptr::eq(record, &DEPLOY) || std::ptr::eq(record, &DEPLOY_TARGET))
        && let Some(d) = secret_key(key, span)
    {
        return d;
    }
    let hidden = key.chars().find(|&c| invisible(c));
    if let (Some(c), Some(field)) = (hidden, nearest(record, &key.replace(invisible, ""))) {
        return Diagnostic::error(Code::UnknownKey, span)
            .detail(format!("字段名里夹着看不见的字符 U+{:04X}（常见于从网页或聊天软件复制）", c as u32))
            .hint(format!("删掉这个字段名重新输入：{}。/ Retype the key `{}`.", describe(field), field.name));
    }
    match nearest(record, key) {
        Some(field) => Diagnostic::error(Code::UnknownKey, span)
            .detail(format!(
                "{}里没有「{key}」这个字段（像是 {} 写错了），它的内容不会被使用",
                record.what,
                describe(field)
            ))
            .hint(format!("您是不是想写 {}？/ Did you mean `{}`?", describe(field), field.name)),
        None => Diagnostic::warning(Code::UnknownKey, span)
            .detail(format!("{}里没有「{key}」这个字段，gongshi 不使用它，它会被忽略", record.what)),
    }
}

/// Words that mark a key of `deploy:` holding a secret.
const SECRET_WORDS: &[&str] = &["secret", "password", "passwd", "token", "access_key", "密码", "口令", "秘钥"];

/// The error for a key of `deploy:` that names a secret: such a key is unknown, and would
/// otherwise only be ignored with a warning while the secret sits in the repository.
fn secret_key(key: &str, span: crate::diagnostics::Span) -> Option<Diagnostic> {
    let lower = key.to_lowercase();
    SECRET_WORDS.iter().any(|w| lower.contains(w)).then(|| {
        Diagnostic::error(Code::DeploySecretInFile, span)
            .detail(format!("「{key}」看起来是密钥：site.yaml 会提交到仓库、人人可见，密钥只从环境变量读取"))
    })
}

/// The known key closest to `key` by edit distance, if any is close enough to be a typo.
fn nearest<'a>(record: &'a Record, key: &str) -> Option<&'a Field> {
    let key = normalize(key).to_lowercase();
    let len = key.chars().count();
    let limit = if key.is_ascii() { (len / 3).max(1) } else { (len / 2).max(1) };
    record
        .all_fields()
        .flat_map(|f| std::iter::once(f.name).chain(f.aliases.iter().copied()).map(move |n| (f, n)))
        .map(|(f, name)| (strsim::osa_distance(&key, name), f))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, f)| f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Location, Sources};
    use crate::load::yaml;

    fn run(text: &str) -> (Sources, Node, Diagnostics) {
        let mut sources = Sources::default();
        let id = sources.add("a.md".into(), text);
        let mut node = yaml::parse(id, sources.get(id), 0, text.len()).unwrap();
        let mut diags = Diagnostics::default();
        canonicalize(&mut node, &Shape::Record(&DOCUMENT), &mut diags);
        (sources, node, diags)
    }

    #[test]
    fn renames_chinese_aliases() {
        let (_, node, diags) =
            run("标题: 关于\n文号: 连区教〔2017〕89号\n公示期:\n  开始: 2017-08-20\n  end: 2017-08-27\n");
        assert!(diags.is_empty());
        assert!(node.get("title").is_some() && node.get("doc_no").is_some());
        let period = node.get("notice_period").unwrap();
        assert!(period.get("start").is_some() && period.get("end").is_some());
    }

    #[test]
    fn accepts_spaced_keys_copied_from_tables() {
        let (_, node, diags) = run("索 引 号: 01425813-3/2017-00060\n");
        assert!(diags.is_empty());
        assert!(node.get("index_no").is_some());
    }

    #[test]
    fn rejects_the_same_key_under_both_names() {
        let (sources, node, diags) = run("title: a\n标题: b\n");
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, Code::DuplicateKey);
        let Location::Span(span) = d.location else { panic!() };
        assert_eq!(sources.text(span), "标题");
        assert_eq!(node.entries().len(), 1);
    }

    #[test]
    fn rejects_the_same_name_twice() {
        let (sources, node, diags) = run("标题: 甲\ndate: 2017-01-01\n标题: 乙\n");
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, Code::DuplicateKey);
        let Location::Span(span) = d.location else { panic!() };
        assert_eq!(sources.get(span.file).line_col(span.start as usize), (3, 1));
        assert_eq!(node.entries().len(), 2);
    }

    #[test]
    fn suggests_the_nearest_key() {
        let (_, _, diags) = run("titel: a\n");
        let d = diags.iter().next().unwrap();
        assert_eq!(d.code, Code::UnknownKey);
        assert!(d.hint.as_deref().unwrap().contains("标题（title）"));
        let (_, _, diags) = run("ttle: a\n");
        assert!(diags.iter().next().unwrap().hint.as_deref().unwrap().contains("title"));
        let (_, _, diags) = run("文好: a\n");
        assert!(diags.iter().next().unwrap().hint.as_deref().unwrap().contains("文号（doc_no）"));
    }

    #[test]
    fn names_an_invisible_character_in_a_key() {
        let (_, _, diags) = run("title\u{200B}: 甲\n");
        let d = diags.iter().next().unwrap();
        assert_eq!((d.code, d.severity), (Code::UnknownKey, crate::diagnostics::Severity::Error));
        assert!(d.detail.contains("U+200B") && d.hint.as_deref().unwrap().contains("title"), "{d:?}");
    }

    #[test]
    fn accepts_traditional_aliases() {
        let (_, node, diags) = run("標題: 關於\n發布機構: 連雲區教育局\n");
        assert!(diags.is_empty());
        assert!(node.get("title").is_some() && node.get("issuer").is_some());
    }
}

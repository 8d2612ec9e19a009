//! Evaluation standards: which indicators, their thresholds per 学段, when a school meets the
//! standard, and the limit on the spread between schools (差异系数).
//!
//! Two are built in (`youzhi-2017`, `jiben-2012`: `load::builtin` hands them over as files,
//! read like a site's own); a site's standards/*.yaml adds more or replaces a built-in one with
//! the same id.

use super::custom::{self, CountyCheck, RawKey, Rule};
use super::id::StandardId;
use super::number::Decimal;
use super::read::Fields;
use super::school::Phase;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Spanned};
use crate::load::Node;

pub const DEFAULT: &str = "youzhi-2017";

#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct ByPhase<T> {
    pub primary: T,
    pub junior: T,
}

impl<T: Copy> ByPhase<T> {
    pub fn get(&self, phase: Phase) -> T {
        match phase {
            Phase::Primary => self.primary,
            Phase::Junior => self.junior,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorDef {
    /// Used as the column name in data downloads.
    pub id: String,
    pub name: String,
    /// A few characters, for chart labels on a phone.
    pub short: String,
    pub numerator: String,
    /// `None` for a figure judged as it is (校额, 家长满意度): no denominator.
    pub denominator: Option<String>,
    /// 1 for per student, 100 for per hundred students.
    pub per: Decimal,
    pub unit: String,
    pub thresholds: ByPhase<Option<Decimal>>,
    /// Whether the value must reach the threshold or stay within it.
    pub rule: Rule,
    /// Whether its coefficient of variation counts in the county's spread (`in_cv`,
    /// 计入差异系数; default yes). 校额 or 满意度 say little as a spread between schools.
    pub in_cv: bool,
}

/// A school meets the standard when at least `min_met` indicators reach their threshold and
/// none is below `floor` times its threshold. For an at-most indicator the floor reads the other
/// way: the value may not be above threshold ÷ floor (with 0.85 and 班额 45: 52.94…), so that
/// threshold ÷ value, its share of the standard, is never below the floor either way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SchoolRule {
    pub min_met: usize,
    pub floor: Decimal,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CvMethod {
    /// Every indicator's coefficient of variation must be within the limit (youzhi-2017).
    Each,
    /// The mean of the indicators' coefficients (综合差异系数) must be (jiben-2012).
    Mean,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CvRule {
    pub method: CvMethod,
    pub limits: ByPhase<Option<Decimal>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Standard {
    pub id: StandardId,
    pub name: String,
    pub indicators: Vec<IndicatorDef>,
    pub school_rule: Option<SchoolRule>,
    pub cv: CvRule,
    /// Figures it adds to the indicator files.
    pub raw_keys: Vec<RawKey>,
    /// Figures of the whole county held to a limit.
    pub county_checks: Vec<CountyCheck>,
    /// Schools left out of the per-school indicators and their spread.
    pub exclude: Exclude,
    /// How the county as a whole is judged (四个方面和一票否决), when the standard says.
    pub method: Option<super::method::Method>,
}

/// Schools the per-school indicators and the spread leave out: those of the listed kinds, and
/// 教学点 with fewer than `small_below` students.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Exclude {
    pub kinds: Vec<super::school::SchoolKind>,
    pub small_below: Option<Decimal>,
}

impl Exclude {
    /// Why a school with these students is left out, if it is.
    pub fn reason(&self, kind: super::school::SchoolKind, students: Option<Decimal>) -> Option<String> {
        use super::school::SchoolKind;
        if self.kinds.contains(&kind) {
            return Some(format!("{}不参与校际指标", kind.label()));
        }
        let small = self.small_below.zip(students).is_some_and(|(limit, n)| {
            super::super::evaluate::ratio::Ratio::whole(n).is_some_and(|v| !v.at_least(limit, Decimal::from_int(1)))
        });
        (kind == SchoolKind::TeachingPoint && small)
            .then(|| format!("学生不足 {} 人的教学点不参与校际指标", self.small_below.unwrap_or(Decimal::ZERO)))
    }
}

fn exclude(node: &Node, diags: &mut Diagnostics) -> Exclude {
    let f = Fields::new(node);
    let kinds = f
        .text_list("kinds", true, diags)
        .into_iter()
        .filter_map(|t| {
            let kind = super::read::pick(&t.value, super::school::SchoolKind::SPELLINGS);
            if kind.is_none() {
                diags.push(
                    Diagnostic::error(Code::InvalidValue, t.span)
                        .detail(format!("学校类型「{}」只能是 普通学校、教学点 或 特殊教育学校", t.value)),
                );
            }
            kind
        })
        .collect();
    Exclude { kinds, small_below: decimal(&f, "small_below", diags).map(|d| d.value) }
}

pub fn read(root: &Node, diags: &mut Diagnostics) -> Option<Standard> {
    let f = super::read::record(root, "评估标准", diags)?;
    let id = f.required_text("id", "编号 id", diags).and_then(|id| super::school::valid_id(id, diags));
    let name = f.required_text("name", "名称 name", diags);
    let raw_keys: Vec<RawKey> =
        f.records("raw_keys", "自定义数据", diags).into_iter().filter_map(|r| custom::raw_key(r, diags)).collect();
    let mut indicators: Vec<IndicatorDef> = Vec::new();
    for node in f.records("indicators", "指标", diags) {
        if let Some((def, span)) = indicator(node, &raw_keys, diags) {
            if indicators.iter().any(|d| d.id == def.id) {
                diags.push(Diagnostic::error(Code::DuplicateId, span).detail(format!("指标「{}」", def.id)));
            } else {
                indicators.push(def);
            }
        }
    }
    if indicators.is_empty() && f.get("indicators").is_none() {
        diags.push(super::read::missing(f.span(), "指标 indicators"));
    }
    let school_rule = f.get("school_rule").and_then(|n| school_rule(n, indicators.len(), diags));
    let cv = match f.get("cv") {
        Some(n) => cv_rule(n, diags),
        None => {
            diags.push(super::read::missing(f.span(), "差异系数 cv"));
            None
        }
    };
    let county_checks = f
        .records("county_checks", "县级指标", diags)
        .into_iter()
        .filter_map(|r| custom::county_check(r, &raw_keys, diags))
        .collect();
    let exclude = f.get("exclude").map(|n| exclude(n, diags)).unwrap_or_default();
    let method = f.get("method").and_then(|n| super::method::read(n, diags));
    Some(Standard {
        exclude,
        method,
        id: StandardId::new(&id?.value),
        name: name?.value,
        indicators,
        school_rule,
        cv: cv?,
        raw_keys,
        county_checks,
    })
}

fn decimal(f: &Fields, key: &str, diags: &mut Diagnostics) -> Option<Spanned<Decimal>> {
    let text = f.text(key, diags)?;
    match Decimal::parse(&text.value) {
        Ok(d) => Some(Spanned::new(d, text.span)),
        Err(why) => {
            diags.push(Diagnostic::error(Code::InvalidNumber, text.span).detail(why));
            None
        }
    }
}

fn by_phase(f: &Fields, key: &str, diags: &mut Diagnostics) -> ByPhase<Option<Decimal>> {
    let Some(node) = f.get(key) else {
        return ByPhase::default();
    };
    let p = Fields::new(node);
    let mut value = |k: &str| {
        let d = decimal(&p, k, diags)?;
        if d.value.is_positive() {
            Some(d.value)
        } else {
            diags.push(Diagnostic::error(Code::InvalidValue, d.span).detail("必须大于 0"));
            None
        }
    };
    ByPhase { primary: value("primary"), junior: value("junior") }
}

/// Whether an indicator's figure is `none`/`无`: no denominator.
fn no_figure(text: &str) -> bool {
    matches!(text, "none" | "无" | "不除")
}

fn indicator(
    f: Fields,
    raw_keys: &[RawKey],
    diags: &mut Diagnostics,
) -> Option<(IndicatorDef, crate::diagnostics::Span)> {
    let id = f.required_text("id", "编号 id", diags).and_then(|id| {
        let ok = !id.value.is_empty()
            && id.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !ok {
            diags.push(
                Diagnostic::error(Code::InvalidId, id.span)
                    .detail(format!("指标编号「{}」只能用小写字母、数字、_ 和 -", id.value)),
            );
        }
        ok.then_some(id)
    });
    let name = f.required_text("name", "名称 name", diags);
    // A figure the indicator divides: built in, or declared in this standard's raw_keys.
    let known = |text: Spanned<String>, diags: &mut Diagnostics| {
        let ok = super::indicator::is_builtin(&text.value) || raw_keys.iter().any(|r| r.key == text.value);
        if !ok {
            diags.push(custom::undeclared(
                &text,
                raw_keys,
                "指标只能用内置的数字或本标准 自定义数据（raw_keys）里声明的数字",
            ));
        }
        ok.then_some(text.value)
    };
    let numerator = match f.text("numerator", diags) {
        Some(t) => known(t, diags),
        None => {
            diags.push(super::read::missing(f.span(), "numerator"));
            None
        }
    };
    let denominator = match f.text("denominator", diags) {
        Some(t) if no_figure(&t.value) => Some(None),
        Some(t) => known(t, diags).map(Some),
        None => Some(Some("students".to_string())),
    };
    // 每 multiplies the ratio: zero or less would judge every school by a meaningless figure
    // (a class size of −4310 met a 不超过 45 rule).
    let per = match decimal(&f, "per", diags) {
        Some(d) if !d.value.is_positive() => {
            let written = f.text("per", diags).map(|t| t.value).unwrap_or_default();
            diags.push(Diagnostic::error(Code::InvalidValue, d.span).detail(format!("每「{written}」必须大于 0")).hint(
                "指标值 = 分子 ÷ 分母 × 每：每: 100 表示“每百名学生”，不写就是 1。/ `per` multiplies the ratio and must be above 0.",
            ));
            None
        }
        Some(d) => Some(d.value),
        None => Some(Decimal::from_int(1)),
    };
    let rule = custom::rule(&f, diags);
    let in_cv = f.bool("in_cv", diags).unwrap_or(true);
    let id = id?;
    let name = name?.value;
    Some((
        IndicatorDef {
            short: f.text("short", diags).map_or_else(|| name.clone(), |s| s.value),
            id: id.value,
            name,
            numerator: numerator?,
            denominator: denominator?,
            per: per?,
            unit: f.text("unit", diags).map(|s| s.value).unwrap_or_default(),
            thresholds: by_phase(&f, "thresholds", diags),
            rule: rule?,
            in_cv,
        },
        id.span,
    ))
}

fn school_rule(node: &Node, count: usize, diags: &mut Diagnostics) -> Option<SchoolRule> {
    let f = super::read::record(node, "学校达标规则", diags)?;
    let min_met = decimal(&f, "min_met", diags);
    let floor = decimal(&f, "floor", diags);
    let min_met = match min_met {
        Some(m) if m.value.scale == 0 && m.value.mantissa >= 1 && m.value.mantissa as usize <= count.max(1) => {
            m.value.mantissa as usize
        }
        Some(m) => {
            diags.push(
                Diagnostic::error(Code::InvalidValue, m.span)
                    .detail(format!("至少达标项数应是 1 到 {count} 之间的整数")),
            );
            return None;
        }
        None => count,
    };
    let floor = match floor {
        Some(fl) if fl.value.is_positive() && fl.value.to_f64() <= 1.0 => fl.value,
        Some(fl) => {
            diags.push(Diagnostic::error(Code::InvalidValue, fl.span).detail("最低比例应在 0 和 1 之间，如 0.85"));
            return None;
        }
        None => Decimal::from_int(0),
    };
    Some(SchoolRule { min_met, floor })
}

fn cv_rule(node: &Node, diags: &mut Diagnostics) -> Option<CvRule> {
    let f = super::read::record(node, "差异系数", diags)?;
    let method = match f.get("method") {
        None => Some(CvMethod::Each),
        Some(_) => f.choice(
            "method",
            "方式",
            &[("each", CvMethod::Each), ("逐项", CvMethod::Each), ("mean", CvMethod::Mean), ("综合", CvMethod::Mean)],
            "逐项（each）或 综合（mean）",
            diags,
        ),
    };
    Some(CvRule { method: method?, limits: by_phase(&f, "limits", diags) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Sources;

    fn builtins() -> Vec<Standard> {
        let mut sources = Sources::default();
        let mut diags = Diagnostics::default();
        let raw = crate::load::builtin::standards(&mut sources, &mut diags);
        let out: Vec<Standard> = raw.iter().filter_map(|r| read(&r.node, &mut diags)).collect();
        assert!(diags.is_empty(), "{diags:?}");
        out
    }

    #[test]
    fn youzhi_2017_has_the_national_thresholds() {
        let s = &builtins()[0];
        assert_eq!(s.id.as_str(), "youzhi-2017");
        let table: Vec<(String, String, String)> = s
            .indicators
            .iter()
            .map(|i| {
                (i.id.clone(), i.thresholds.primary.unwrap().to_string(), i.thresholds.junior.unwrap().to_string())
            })
            .collect();
        let expected = [
            ("teachers_above_degree", "4.2", "5.3"),
            ("key_teachers", "1.0", "1.0"),
            ("pe_art_teachers", "0.9", "0.9"),
            ("teaching_area", "4.5", "5.8"),
            ("sports_area", "7.5", "10.2"),
            ("equipment_value", "2000", "2500"),
            ("multimedia_rooms", "2.3", "2.4"),
        ];
        assert_eq!(table, expected.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())));
        assert_eq!(s.school_rule, Some(SchoolRule { min_met: 6, floor: Decimal::parse("0.85").unwrap() }));
        assert_eq!(s.cv.method, CvMethod::Each);
        assert_eq!(s.cv.limits.primary.unwrap().to_string(), "0.50");
        assert_eq!(s.cv.limits.junior.unwrap().to_string(), "0.45");
    }

    #[test]
    fn jiben_2012_judges_the_mean_spread_of_eight_indicators() {
        let s = &builtins()[1];
        assert_eq!(s.id.as_str(), "jiben-2012");
        assert_eq!(s.indicators.len(), 8);
        assert_eq!(s.school_rule, None);
        assert_eq!(s.cv.method, CvMethod::Mean);
        assert_eq!(s.cv.limits.primary.unwrap().to_string(), "0.65");
        assert_eq!(s.cv.limits.junior.unwrap().to_string(), "0.55");
        let ratio = s.indicators.iter().find(|i| i.id == "teacher_ratio").unwrap();
        assert_eq!((ratio.numerator.as_str(), ratio.denominator.as_deref()), ("teachers", Some("students")));
        assert!(s.indicators.iter().all(|i| i.rule == Rule::AtLeast && i.in_cv));
    }
}

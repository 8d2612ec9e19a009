//! What a standard adds beyond the built-in figures: its own raw figures (`raw_keys`: 班级数,
//! 家长满意度 …), the direction of a limit (`rule`: at least, or at most as for 班额), and
//! checks of a figure given once for the whole county (`county_checks`).
//!
//! `load::figures` has already renamed declared figures in the indicator files; here they are
//! read as the standard's vocabulary, so that an indicator naming a figure nobody declared is
//! an error at that name.

use super::number::Decimal;
use super::read::Fields;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Spanned};

/// Which side of a threshold meets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// 不低于: the value must be at least the threshold (every built-in indicator).
    AtLeast,
    /// 不超过: the value must be at most the threshold (班额, 校额).
    AtMost,
}

impl Rule {
    pub fn label(self) -> &'static str {
        match self {
            Rule::AtLeast => "不低于",
            Rule::AtMost => "不超过",
        }
    }
}

/// `rule` (规则) of a record: at least when absent; `None` (with an error at the value) when
/// it is neither.
pub fn rule(f: &Fields, diags: &mut Diagnostics) -> Option<Rule> {
    if f.get("rule").is_none() {
        return Some(Rule::AtLeast);
    }
    let options = [
        ("at_least", Rule::AtLeast),
        ("不低于", Rule::AtLeast),
        ("至少", Rule::AtLeast),
        ("at_most", Rule::AtMost),
        ("不超过", Rule::AtMost),
        ("至多", Rule::AtMost),
    ];
    f.choice("rule", "规则", &options, "不低于（at_least）或 不超过（at_most）", diags)
}

/// A figure a standard declares for the indicator files.
#[derive(Clone, Debug, PartialEq)]
pub struct RawKey {
    pub key: String,
    /// The Chinese name, for messages and tables.
    pub name: String,
}

pub fn raw_key(f: Fields, diags: &mut Diagnostics) -> Option<RawKey> {
    let key = f.required_text("key", "字段 key", diags)?;
    let ok = key.value.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !ok {
        diags.push(
            Diagnostic::error(Code::InvalidId, key.span)
                .detail(format!("自定义数据的字段「{}」只能用小写字母、数字和 _，如 classes", key.value)),
        );
        return None;
    }
    let name = f.text("name", diags).map_or_else(|| key.value.clone(), |n| n.value);
    Some(RawKey { key: key.value, name })
}

/// A figure of the whole county held to a limit, e.g. 家长满意度 at least 85.
#[derive(Clone, Debug, PartialEq)]
pub struct CountyCheck {
    pub id: String,
    pub name: String,
    /// The declared figure it reads from the indicator file's `county:` map.
    pub key: String,
    pub rule: Rule,
    pub limit: Decimal,
    pub unit: String,
}

pub fn county_check(f: Fields, known: &[RawKey], diags: &mut Diagnostics) -> Option<CountyCheck> {
    let id = f.required_text("id", "编号 id", diags);
    let name = f.required_text("name", "名称 name", diags);
    let key = f.required_text("key", "字段 key", diags).and_then(|k| {
        let declared = known.iter().any(|r| r.key == k.value);
        if !declared {
            diags.push(undeclared(&k, known, "全县数据只能用本标准 自定义数据（raw_keys）里声明的字段"));
        }
        declared.then_some(k.value)
    });
    let rule = rule(&f, diags);
    let limit = match f.text("limit", diags) {
        Some(t) => match Decimal::parse(&t.value) {
            Ok(d) => Some(d),
            Err(why) => {
                diags.push(Diagnostic::error(Code::InvalidNumber, t.span).detail(why));
                None
            }
        },
        None => {
            diags.push(super::read::missing(f.span(), "标准 limit"));
            None
        }
    };
    Some(CountyCheck {
        id: id?.value,
        name: name?.value,
        key: key?,
        rule: rule?,
        limit: limit?,
        unit: f.text("unit", diags).map(|u| u.value).unwrap_or_default(),
    })
}

/// An indicator or check names a figure that is neither built in nor declared.
pub fn undeclared(name: &Spanned<String>, declared: &[RawKey], why: &str) -> Diagnostic {
    let mut known: Vec<&str> = super::indicator::raw_keys().collect();
    known.extend(declared.iter().map(|r| r.key.as_str()));
    Diagnostic::error(Code::InvalidValue, name.span)
        .detail(format!("「{}」不是指标文件里的数字：{why}", name.value))
        .hint(format!("可用：{}；新的数字先在 自定义数据（raw_keys）里声明。", known.join("、")))
}

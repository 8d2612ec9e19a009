//! The 达标 plan (data/plan.yaml): which school is due to meet the standard by when, what share
//! of schools must be in a pairing by when (覆盖目标), the limits exchanges are judged by, and
//! the dated duties (milestones) of the policies behind it.

use super::date::{self, Month};
use super::id::SchoolId;
use super::milestone::{self, Milestone};
use super::number::Decimal;
use super::read::{self, Fields};
use super::school::SchoolIndex;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::load::Node;

#[derive(Clone, Debug)]
pub struct Target {
    /// Due by the end of this month.
    pub by: Month,
    pub schools: Vec<SchoolId>,
}

/// A share of 在办 schools to be in an active pairing by a month: of one form, or of any.
#[derive(Clone, Debug, PartialEq)]
pub struct CoverageTarget {
    /// `None`: a pairing of any form counts.
    pub form: Option<String>,
    /// The fraction, e.g. 0.80.
    pub share: Decimal,
    pub by: Month,
}

/// What a year's exchanges must reach (交流比例要求): those sent of the eligible teachers, and
/// 骨干 among those sent. The national rule of thumb is the default.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExchangeLimits {
    pub share: Decimal,
    pub key_share: Decimal,
}

impl Default for ExchangeLimits {
    fn default() -> Self {
        ExchangeLimits { share: Decimal { mantissa: 10, scale: 2 }, key_share: Decimal { mantissa: 20, scale: 2 } }
    }
}

/// Words for “a pairing of any form” in a coverage target.
const ANY_FORM: &[&str] = &["全部", "所有形式", "任意形式", "any"];

#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub targets: Vec<Target>,
    pub milestones: Vec<Milestone>,
    pub coverage: Vec<CoverageTarget>,
    pub exchange: ExchangeLimits,
}

/// `forms`: the forms of the site's pairings, or `None` when pairings.yaml could not be read.
pub fn read(root: &Node, index: &SchoolIndex, forms: Option<&[&str]>, diags: &mut Diagnostics) -> Plan {
    let Some(f) = read::record(root, "达标计划", diags) else { return Plan::default() };
    let mut seen: std::collections::HashMap<SchoolId, Span> = std::collections::HashMap::new();
    let mut targets: Vec<Target> = f
        .records("targets", "达标计划的一项", diags)
        .into_iter()
        .filter_map(|t| {
            let by = t.required_text("by", "期限 by", diags).and_then(|b| match date::parse_month(&b.value) {
                Ok(m) => Some(m),
                Err(why) => {
                    diags.push(Diagnostic::error(Code::InvalidDate, b.span).detail(why));
                    None
                }
            });
            let mut schools = Vec::new();
            for id in t.text_list("schools", false, diags) {
                let Some(school) = index.resolve(&id, diags).map(|s| s.id.clone()) else {
                    continue;
                };
                if let Some(first) = seen.get(&school) {
                    diags.push(
                        Diagnostic::error(Code::DuplicateInList, id.span)
                            .detail(format!("「{}」在达标计划里出现了两次", index.name(&school)))
                            .related(*first, "第一次写在这里"),
                    );
                    continue;
                }
                seen.insert(school.clone(), id.span);
                schools.push(school);
            }
            Some(Target { by: by?, schools })
        })
        .collect();
    targets.sort_by_key(|t| t.by);
    let mut milestones: Vec<Milestone> = f
        .records("milestones", "时间节点", diags)
        .into_iter()
        .filter_map(|m| milestone::read(m, index, diags))
        .collect();
    milestones.sort_by(|a, b| (a.first_due(), &a.title).cmp(&(b.first_due(), &b.title)));
    let coverage =
        f.records("coverage", "覆盖目标", diags).into_iter().filter_map(|c| coverage(c, forms, diags)).collect();
    let exchange = f.get("exchange").and_then(|n| limits(n, diags)).unwrap_or_default();
    Plan { targets, milestones, coverage, exchange }
}

fn share(f: &Fields, key: &str, diags: &mut Diagnostics) -> Option<Spanned<Decimal>> {
    let text = f.text(key, diags)?;
    match Decimal::parse_share(&text.value) {
        Ok(d) => Some(Spanned::new(d, text.span)),
        Err(why) => {
            diags.push(Diagnostic::error(Code::InvalidValue, text.span).detail(why));
            None
        }
    }
}

fn coverage(f: Fields, forms: Option<&[&str]>, diags: &mut Diagnostics) -> Option<CoverageTarget> {
    let by = f.required_text("by", "期限 by", diags).and_then(|b| match date::parse_month(&b.value) {
        Ok(m) => Some(m),
        Err(why) => {
            diags.push(Diagnostic::error(Code::InvalidDate, b.span).detail(why));
            None
        }
    });
    let value = share(&f, "share", diags);
    if f.get("share").is_none() {
        diags.push(read::missing(f.span(), "比例 share"));
    }
    let form = match f.text("form", diags) {
        None => None,
        Some(w) if ANY_FORM.contains(&w.value.trim()) => None,
        Some(w) => Some(known_form(w, forms, diags)?),
    };
    Some(CoverageTarget { form, share: value?.value, by: by? })
}

/// A form some pairing of the site has: a target for a form no pairing has can never be met,
/// and is most often a typo (共同体 for 教育发展共同体).
fn known_form(written: Spanned<String>, forms: Option<&[&str]>, diags: &mut Diagnostics) -> Option<String> {
    let form = written.value.trim();
    let Some(forms) = forms else { return Some(form.to_string()) };
    if forms.contains(&form) {
        return Some(form.to_string());
    }
    let mut known: Vec<&str> = forms.to_vec();
    known.dedup();
    diags.push(
        Diagnostic::error(Code::InvalidValue, written.span)
            .detail(format!("结对名单里没有形式为「{form}」的结对，这个覆盖目标无法计算"))
            .hint(format!(
                "可用的形式：{}；不分形式写 全部。/ Use a form of data/pairings.yaml, or 全部 for any.",
                if known.is_empty() { "（结对名单为空）".to_string() } else { known.join("、") }
            )),
    );
    None
}

fn limits(node: &Node, diags: &mut Diagnostics) -> Option<ExchangeLimits> {
    let f = read::record(node, "交流比例要求", diags)?;
    let default = ExchangeLimits::default();
    Some(ExchangeLimits {
        share: share_or(&f, "share", default.share, diags),
        key_share: share_or(&f, "key_share", default.key_share, diags),
    })
}

fn share_or(f: &Fields, key: &str, default: Decimal, diags: &mut Diagnostics) -> Decimal {
    share(f, key, diags).map_or(default, |s| s.value)
}

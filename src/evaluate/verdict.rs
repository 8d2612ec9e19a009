//! One school section against a standard: each indicator's ratio and mark, the number met, and
//! the verdict by the standard's per-school rule.

use super::ratio::Ratio;
use crate::model::indicator::Row;
use crate::model::number::Decimal;
use crate::model::school::Phase;
use crate::model::standard::Standard;

/// How one indicator stands against its threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// 达标: at least the threshold.
    Met,
    /// 未达标: below the threshold, not below the floor (85%).
    Short,
    /// 低于85%: below the floor.
    Below,
    /// 未填报: a figure is missing; counts as below the floor.
    Missing,
    /// The standard has no threshold for this 学段.
    Unjudged,
}

impl Mark {
    pub fn label(self) -> &'static str {
        match self {
            Mark::Met => "达标",
            Mark::Short => "未达标",
            Mark::Below => "低于85%",
            Mark::Missing => "未填报",
            Mark::Unjudged => "—",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Mark::Met => "met",
            Mark::Short => "short",
            Mark::Below => "below",
            Mark::Missing => "missing",
            Mark::Unjudged => "unjudged",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorResult {
    pub value: Option<Ratio>,
    pub threshold: Option<Decimal>,
    pub mark: Mark,
}

impl IndicatorResult {
    /// The value as a share of the threshold (1.0 = exactly met).
    pub fn share(&self) -> Option<f64> {
        Some(self.value?.to_f64() / self.threshold?.to_f64())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionResult {
    pub school: usize,
    pub phase: Phase,
    pub students: Option<Decimal>,
    /// In the standard's order of indicators.
    pub indicators: Vec<IndicatorResult>,
    pub met: usize,
    /// `None` when the standard has no per-school rule, or no thresholds for this 学段.
    pub verdict: Option<bool>,
}

pub fn section(row: &Row, standard: &Standard) -> SectionResult {
    let students = row.get("students");
    let floor = standard.school_rule.map_or(Decimal::ZERO, |r| r.floor);
    let one = Decimal::from_int(1);
    let indicators: Vec<IndicatorResult> = standard
        .indicators
        .iter()
        .map(|def| {
            let value = match (row.get(def.numerator), row.get(def.denominator)) {
                (Some(n), Some(d)) => Ratio::of(n, d, def.per),
                _ => None,
            };
            let threshold = def.thresholds.get(row.phase);
            let mark = match (value, threshold) {
                (_, None) => Mark::Unjudged,
                (None, Some(_)) => Mark::Missing,
                (Some(v), Some(t)) if v.at_least(t, one) => Mark::Met,
                (Some(v), Some(t)) if v.at_least(t, floor) => Mark::Short,
                (Some(_), Some(_)) => Mark::Below,
            };
            IndicatorResult { value, threshold, mark }
        })
        .collect();
    let met = indicators.iter().filter(|i| i.mark == Mark::Met).count();
    let judged = indicators.iter().all(|i| i.mark != Mark::Unjudged);
    let verdict = standard
        .school_rule
        .filter(|_| judged)
        .map(|rule| met >= rule.min_met && indicators.iter().all(|i| matches!(i.mark, Mark::Met | Mark::Short)));
    SectionResult { school: row.school, phase: row.phase, students, indicators, met, verdict }
}

/// A whole school's verdict in a year: every one of its sections must meet the standard; a
/// section without figures counts as not met. `None` when the school has no figures at all that
/// year or the standard gives no per-school verdict.
pub fn school(sections: &[SectionResult], school: usize, phases: &[Phase]) -> Option<bool> {
    let ours: Vec<&SectionResult> = sections.iter().filter(|s| s.school == school).collect();
    if ours.is_empty() {
        return None;
    }
    let mut all = true;
    for phase in phases {
        match ours.iter().find(|s| s.phase == *phase) {
            Some(s) => all &= s.verdict?,
            None => all = false,
        }
    }
    Some(all)
}

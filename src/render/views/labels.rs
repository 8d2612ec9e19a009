//! How judgements read on a page: the Chinese label and a stable CSS key for each outcome that
//! `evaluate` returns as an enum.

use super::Badge;
use crate::evaluate::PeriodState;
use crate::evaluate::duties::DutyState;
use crate::evaluate::progress::{PlanStatus, SchoolPlan};
use crate::evaluate::verdict::Mark;
use crate::model::custom::Rule;

/// An indicator's mark; beyond the floor of an at-most limit (班额) reads 超出过多, not 低于85%.
pub fn mark(m: Mark, rule: Rule) -> Badge {
    let (label, key) = match m {
        Mark::Met => ("达标", "met"),
        Mark::Short => ("未达标", "short"),
        Mark::Below if rule == Rule::AtMost => ("超出过多", "below"),
        Mark::Below => ("低于85%", "below"),
        Mark::Missing => ("未填报", "missing"),
        Mark::Unjudged => ("—", "unjudged"),
    };
    Badge::new(label, key)
}

/// A school's verdict: 达标, 未达标, or 未填报 when there are no figures.
pub fn verdict(verdict: Option<Option<bool>>) -> Badge {
    match verdict {
        Some(Some(true)) => Badge::new("达标", "met"),
        Some(Some(false)) => Badge::new("未达标", "not-met"),
        Some(None) => Badge::new("—", "none"),
        None => Badge::new("未填报", "none"),
    }
}

fn period_key(s: PeriodState) -> &'static str {
    match s {
        PeriodState::Upcoming => "upcoming",
        PeriodState::Current => "open",
        PeriodState::Past => "closed",
    }
}

/// A 公示 (public notice period).
pub fn notice(s: PeriodState) -> Badge {
    let label = match s {
        PeriodState::Upcoming => "未开始",
        PeriodState::Current => "公示中",
        PeriodState::Past => "已结束",
    };
    Badge::new(label, period_key(s))
}

/// A pairing's cycle.
pub fn cycle(s: PeriodState) -> Badge {
    let label = match s {
        PeriodState::Upcoming => "未开始",
        PeriodState::Current => "进行中",
        PeriodState::Past => "已结束",
    };
    Badge::new(label, period_key(s))
}

pub fn plan_status(s: PlanStatus) -> Badge {
    let (label, key) = match s {
        PlanStatus::Ahead => ("提前达标", "ahead"),
        PlanStatus::OnTime => ("按期达标", "on-time"),
        PlanStatus::Late => ("逾期达标", "late"),
        PlanStatus::NotYet => ("未到期", "not-yet"),
        PlanStatus::Overdue => ("逾期未达标", "overdue"),
        PlanStatus::Lapsed => ("已回落", "lapsed"),
    };
    Badge::new(label, key)
}

/// When a planned school first met the standard, and, if its latest figures no longer meet
/// it, that year: `2021 年 · 2024 年未达标（回落）`. `None` if it never met it.
pub fn first_met(p: &SchoolPlan) -> Option<String> {
    let (year, _) = p.met?;
    Some(match p.latest {
        Some((latest, false)) => format!("{year} 年 · {latest} 年未达标（回落）"),
        _ => format!("{year} 年"),
    })
}

pub fn duty(s: DutyState) -> Badge {
    let (label, key) = match s {
        DutyState::Done => ("按时完成", "done"),
        DutyState::DoneLate => ("逾期完成", "done-late"),
        DutyState::Due => ("未到期", "due"),
        DutyState::Overdue => ("逾期未完成", "overdue"),
    };
    Badge::new(label, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_and_a_cycle_read_differently_but_share_css_keys() {
        assert_eq!(notice(PeriodState::Current), Badge::new("公示中", "open"));
        assert_eq!(cycle(PeriodState::Current), Badge::new("进行中", "open"));
    }
}

//! The county method's items read school by school: what keeps a school from the per-school rule,
//! and each school against a computed item (班额, 校额, 音乐美术专用教室), with the reason it
//! misses it. Exact comparisons, as `method` makes them.

use super::StandardYear;
use super::method::holds;
use super::ratio::Ratio;
use crate::model::custom::Rule;
use crate::model::id::{SchoolId, Table};
use crate::model::method::Measure;
use crate::model::number::Decimal;
use crate::model::school::{Phase, School, Stage};
use crate::model::standard::Standard;

/// What keeps a school from the per-school rule: the indicators short of their threshold.
pub(super) fn short_of(standard: &Standard, judged: &StandardYear, id: &SchoolId) -> String {
    use super::verdict::Mark;
    let mut parts = Vec::new();
    for section in judged.sections_of(id) {
        let met = section.indicators.iter().filter(|i| i.mark == Mark::Met).count();
        let lacking: Vec<String> = standard
            .indicators
            .iter()
            .zip(&section.indicators)
            .filter(|(_, r)| matches!(r.mark, Mark::Short | Mark::Below | Mark::Missing))
            .map(|(def, r)| match r.mark {
                Mark::Below => format!("{}低于标准的 85%", def.short),
                Mark::Missing => format!("{}未填报", def.short),
                _ => format!("{}未达到", def.short),
            })
            .collect();
        parts.push(format!("{} {met} 项达到（{}）", section.phase.label(), lacking.join("、")));
    }
    if parts.is_empty() { "没有指标数据".into() } else { parts.join("；") }
}

pub(super) fn sorted(judged: &StandardYear) -> Vec<(&SchoolId, &super::SchoolYear)> {
    let mut v: Vec<_> = judged.schools.iter().collect();
    v.sort_by(|a, b| a.0.cmp(b.0));
    v
}

/// One school against a computed item: `Some(None)` meets it, `Some(Some(why))` misses it,
/// `None` lacks the figures.
pub(super) fn measure(
    measure: &Measure,
    schools: &Table<SchoolId, School>,
    id: &SchoolId,
    rows: &[&crate::model::indicator::Row],
) -> Option<Option<String>> {
    let sum = |key: &str| -> Option<Decimal> {
        rows.iter().try_fold(Decimal::ZERO, |acc, r| {
            let v = r.get(key)?;
            Some(acc.plus(v))
        })
    };
    let min = |key: &str| rows.iter().filter_map(|r| r.get(key)).min_by(|a, b| a.to_f64().total_cmp(&b.to_f64()));
    let at_most = |v: Decimal, limit: Decimal| holds(Ratio::whole(v), Rule::AtMost, limit);
    match measure {
        Measure::ClassSize { primary, junior } => {
            let mut why = Vec::new();
            for r in rows {
                let largest = r.get("largest_class")?;
                let limit = if r.phase == Phase::Primary { *primary } else { *junior };
                if !at_most(largest, limit) {
                    why.push(format!("{}最大班额 {largest} 人，超过 {limit} 人", r.phase.label()));
                }
            }
            Some((!why.is_empty()).then(|| why.join("；")))
        }
        Measure::SchoolSize { primary, junior, through } => {
            let students = sum("students")?;
            let stage = schools.get(id).map(|s| s.stage);
            let limit = match stage {
                Some(Stage::Primary) => *primary,
                Some(Stage::NineYear | Stage::TwelveYear) => *through,
                _ => *junior,
            };
            Some((!at_most(students, limit)).then(|| format!("义务教育阶段 {students} 人，超过 {limit} 人")))
        }
        Measure::ArtRooms { classes_per_room, music_area, art_area } => {
            let classes = sum("class_count")?;
            let mut why = Vec::new();
            for (rooms, area, name, need_area) in [
                ("music_rooms", "music_room_area", "音乐", *music_area),
                ("art_rooms", "art_room_area", "美术", *art_area),
            ] {
                let n = sum(rooms)?;
                // One room per `classes_per_room` classes or part of them: rooms × per ≥ classes.
                let enough = Ratio::of(n, Decimal::from_int(1), *classes_per_room)
                    .is_some_and(|v| v.at_least(classes, Decimal::from_int(1)));
                if !enough || !n.is_positive() {
                    why.push(format!("{classes} 个班只有 {n} 间{name}专用教室"));
                }
                if n.is_positive() {
                    let smallest = min(area)?;
                    if !holds(Ratio::whole(smallest), Rule::AtLeast, need_area) {
                        why.push(format!("最小的{name}专用教室 {smallest} 平方米，不足 {need_area} 平方米"));
                    }
                }
            }
            Some((!why.is_empty()).then(|| why.join("；")))
        }
        Measure::Exchange { .. } => Some(None),
    }
}

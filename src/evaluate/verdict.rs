//! One school section against a standard: each indicator's ratio and mark, the number met, and
//! the verdict by the standard's per-school rule.

use super::ratio::Ratio;
use crate::model::custom::Rule;
use crate::model::id::SchoolId;
use crate::model::indicator::Row;
use crate::model::number::Decimal;
use crate::model::school::Phase;
use crate::model::standard::{IndicatorDef, Standard};

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

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorResult {
    pub value: Option<Ratio>,
    pub threshold: Option<Decimal>,
    pub rule: Rule,
    pub mark: Mark,
}

impl IndicatorResult {
    /// How far the value goes towards the threshold (1.0 = exactly met, more is better): value ÷
    /// threshold, or threshold ÷ value for an at-most limit. `None` for a value of 0 at most.
    pub fn share(&self) -> Option<f64> {
        let (value, threshold) = (self.value?.to_f64(), self.threshold?.to_f64());
        match self.rule {
            Rule::AtLeast => Some(value / threshold),
            Rule::AtMost => (value > 0.0).then(|| threshold / value),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SectionResult {
    pub school: SchoolId,
    pub phase: Phase,
    pub students: Option<Decimal>,
    /// In the standard's order of indicators.
    pub indicators: Vec<IndicatorResult>,
    pub met: usize,
    /// `None` when the standard has no per-school rule, or no thresholds for this 学段.
    pub verdict: Option<bool>,
}

/// One indicator of a row: its value, and its mark against the threshold for the row's 学段.
fn indicator(row: &Row, def: &IndicatorDef, floor: Decimal) -> IndicatorResult {
    let value = match (row.get(&def.numerator), def.denominator.as_deref()) {
        (Some(n), Some(d)) => row.get(d).and_then(|d| Ratio::of(n, d, def.per)),
        (Some(n), None) => Ratio::of(n, Decimal::from_int(1), def.per),
        (None, _) => None,
    };
    let threshold = def.thresholds.get(row.phase);
    let one = Decimal::from_int(1);
    let within = |v: Ratio, t: Decimal, factor: Decimal| match def.rule {
        Rule::AtLeast => v.at_least(t, factor),
        Rule::AtMost => v.at_most(t, factor),
    };
    let mark = match (value, threshold) {
        (_, None) => Mark::Unjudged,
        (None, Some(_)) => Mark::Missing,
        (Some(v), Some(t)) if within(v, t, one) => Mark::Met,
        (Some(v), Some(t)) if within(v, t, floor) => Mark::Short,
        (Some(_), Some(_)) => Mark::Below,
    };
    IndicatorResult { value, threshold, rule: def.rule, mark }
}

pub fn section(row: &Row, standard: &Standard) -> SectionResult {
    let students = row.get("students");
    let floor = standard.school_rule.map_or(Decimal::ZERO, |r| r.floor);
    let indicators: Vec<IndicatorResult> = standard.indicators.iter().map(|def| indicator(row, def, floor)).collect();
    let met = indicators.iter().filter(|i| i.mark == Mark::Met).count();
    let judged = indicators.iter().all(|i| i.mark != Mark::Unjudged);
    let verdict = standard
        .school_rule
        .filter(|_| judged)
        .map(|rule| met >= rule.min_met && indicators.iter().all(|i| matches!(i.mark, Mark::Met | Mark::Short)));
    SectionResult { school: row.school.clone(), phase: row.phase, students, indicators, met, verdict }
}

/// A whole school's verdict in a year from its own sections: every one must meet the standard;
/// a section without figures counts as not met. `None` when the school has no figures at all
/// that year or the standard gives no per-school verdict.
pub fn school(ours: &[&SectionResult], phases: &[Phase]) -> Option<bool> {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::diagnostics::{FileId, Span};
    use crate::model::indicator::Row;
    use crate::model::number::Decimal;
    use crate::model::standard::{ByPhase, CvMethod, CvRule, IndicatorDef, SchoolRule};

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    /// Three indicators, thresholds 4.2 per 100, 1.0 per 100, 4.5 per student; met with at least
    /// two and none below 85%.
    pub(crate) fn standard() -> Standard {
        let def = |id: &'static str, per: &str, t: &str| IndicatorDef {
            id: id.into(),
            name: id.into(),
            short: id.into(),
            numerator: id.into(),
            denominator: Some("students".into()),
            per: d(per),
            unit: String::new(),
            thresholds: ByPhase { primary: Some(d(t)), junior: None },
            rule: Rule::AtLeast,
            in_cv: true,
        };
        Standard {
            id: crate::model::id::StandardId::new("t"),
            name: "t".into(),
            indicators: vec![
                def("teachers_above_degree", "100", "4.2"),
                def("key_teachers", "100", "1.0"),
                def("teaching_area", "1", "4.5"),
            ],
            school_rule: Some(SchoolRule { min_met: 2, floor: d("0.85") }),
            cv: CvRule { method: CvMethod::Each, limits: ByPhase { primary: Some(d("0.5")), junior: None } },
            raw_keys: vec![],
            county_checks: vec![],
            exclude: Default::default(),
            method: None,
        }
    }

    pub(crate) fn row(phase: Phase, values: &[(&'static str, &str)]) -> Row {
        Row {
            school: SchoolId::new("s"),
            phase,
            span: Span::file_start(FileId(0)),
            values: values.iter().map(|(k, v)| (k.to_string(), d(v))).collect(),
        }
    }

    #[test]
    fn two_of_three_met_and_none_below_the_floor_is_a_pass() {
        // 40 × 100 / 1000 = 4.0: short of 4.2 but ≥ 3.57; 12 × 100 / 1000 = 1.2; 5000 / 1000 = 5.0.
        let r = section(
            &row(
                Phase::Primary,
                &[
                    ("students", "1000"),
                    ("teachers_above_degree", "40"),
                    ("key_teachers", "12"),
                    ("teaching_area", "5000"),
                ],
            ),
            &standard(),
        );
        let marks: Vec<Mark> = r.indicators.iter().map(|i| i.mark).collect();
        assert_eq!(marks, [Mark::Short, Mark::Met, Mark::Met]);
        assert_eq!((r.met, r.verdict), (2, Some(true)));
        assert!((r.indicators[0].share().unwrap() - 4.0 / 4.2).abs() < 1e-12);
    }

    #[test]
    fn one_below_the_floor_or_missing_fails() {
        // 8 × 100 / 1000 = 0.8 < 0.85 × 1.0.
        let below = section(
            &row(
                Phase::Primary,
                &[
                    ("students", "1000"),
                    ("teachers_above_degree", "50"),
                    ("key_teachers", "8"),
                    ("teaching_area", "5000"),
                ],
            ),
            &standard(),
        );
        assert_eq!(below.indicators[1].mark, Mark::Below);
        assert_eq!((below.met, below.verdict), (2, Some(false)));
        let missing = section(
            &row(Phase::Primary, &[("students", "1000"), ("teachers_above_degree", "50"), ("key_teachers", "12")]),
            &standard(),
        );
        assert_eq!(missing.indicators[2].mark, Mark::Missing);
        assert_eq!((missing.met, missing.verdict), (2, Some(false)));
    }

    /// 班额 (students per class, at most 45) and 校额 (students, at most 2000, no denominator).
    fn size_standard() -> Standard {
        let mut s = standard();
        s.indicators.truncate(2);
        for (def, (id, denominator, t)) in
            s.indicators.iter_mut().zip([("class_size", Some("classes"), "45"), ("school_size", None, "2000")])
        {
            *def = IndicatorDef {
                id: id.into(),
                numerator: "students".into(),
                denominator: denominator.map(String::from),
                per: d("1"),
                thresholds: ByPhase { primary: Some(d(t)), junior: None },
                rule: Rule::AtMost,
                ..def.clone()
            };
        }
        s.school_rule = Some(SchoolRule { min_met: 2, floor: d("0.85") });
        s
    }

    #[test]
    fn at_most_meets_a_limit_exactly_and_reads_the_floor_the_other_way() {
        let s = size_standard();
        let marks = |students: &str, classes: &str| {
            let r = section(&row(Phase::Primary, &[("students", students), ("classes", classes)]), &s);
            (r.indicators.iter().map(|i| i.mark).collect::<Vec<Mark>>(), r.verdict)
        };
        // 1350 ÷ 30 = 45 exactly: met; 1350 ≤ 2000: met.
        assert_eq!(marks("1350", "30"), (vec![Mark::Met, Mark::Met], Some(true)));
        // 2000 students in 40 classes: 50 > 45; 50 × 0.85 = 42.5 ≤ 45: short. 2000 ≤ 2000 exactly.
        assert_eq!(marks("2000", "40"), (vec![Mark::Short, Mark::Met], Some(false)));
        // 1060 ÷ 20 = 53; 53 × 0.85 = 45.05 > 45: beyond the floor.
        assert_eq!(marks("1060", "20").0[0], Mark::Below);
        // 2400 students: 2400 × 0.85 = 2040 > 2000, beyond the floor; 2350 × 0.85 = 1997.5: short.
        assert_eq!(marks("2400", "60").0, [Mark::Met, Mark::Below]);
        assert_eq!(marks("2350", "60").0, [Mark::Met, Mark::Short]);
        // Without the number of classes only 班额 is missing: 校额 needs no denominator.
        let r = section(&row(Phase::Primary, &[("students", "900")]), &s);
        assert_eq!(r.indicators.iter().map(|i| i.mark).collect::<Vec<_>>(), [Mark::Missing, Mark::Met]);
        assert!((r.indicators[1].value.unwrap().to_f64() - 900.0).abs() < 1e-12);
        // Its share of the standard is limit ÷ value: 2000 ÷ 900.
        assert!((r.indicators[1].share().unwrap() - 2000.0 / 900.0).abs() < 1e-12);
    }

    #[test]
    fn a_stage_without_thresholds_gets_no_verdict() {
        let r = section(&row(Phase::Junior, &[("students", "100"), ("teaching_area", "900")]), &standard());
        assert!(r.indicators.iter().all(|i| i.mark == Mark::Unjudged));
        assert_eq!(r.verdict, None);
    }

    #[test]
    fn a_school_needs_every_section() {
        let pass = |phase, verdict| SectionResult {
            school: SchoolId::new("s"),
            phase,
            students: None,
            indicators: vec![],
            met: 0,
            verdict: Some(verdict),
        };
        let both = [Phase::Primary, Phase::Junior];
        let (p, j, jf) = (pass(Phase::Primary, true), pass(Phase::Junior, true), pass(Phase::Junior, false));
        assert_eq!(school(&[&p, &j], &both), Some(true));
        assert_eq!(school(&[&p, &jf], &both), Some(false));
        assert_eq!(school(&[&p], &both), Some(false), "a missing section fails");
        assert_eq!(school(&[], &both), None, "no figures at all");
    }
}

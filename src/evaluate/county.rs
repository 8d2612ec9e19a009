//! The county as a whole, per 学段: each indicator's coefficient of variation over the schools
//! that reported it, and whether the spread is within the standard's limit.

use super::variation;
use super::verdict::SectionResult;
use crate::model::number::Decimal;
use crate::model::school::Phase;
use crate::model::standard::{CvMethod, Standard};

#[derive(Clone, Debug, PartialEq)]
pub struct PhaseSpread {
    pub phase: Phase,
    /// School sections of this 学段 with figures this year.
    pub sections: usize,
    /// Per indicator, in the standard's order; `None` when no school reported it.
    pub cvs: Vec<Option<f64>>,
    pub limit: Option<Decimal>,
    /// Per indicator: within the limit (method `each`); `None` when not judged that way.
    pub within: Vec<Option<bool>>,
    /// The mean of the CVs (method `mean`), when every indicator has one.
    pub composite: Option<f64>,
    /// The county's verdict for this 学段; `None` when the figures do not allow one.
    pub ok: Option<bool>,
}

pub fn spread(sections: &[SectionResult], standard: &Standard, phase: Phase) -> Option<PhaseSpread> {
    let ours: Vec<&SectionResult> = sections.iter().filter(|s| s.phase == phase).collect();
    if ours.is_empty() {
        return None;
    }
    // A school with a missing figure is left out of that indicator's coefficient.
    let cvs: Vec<Option<f64>> = (0..standard.indicators.len())
        .map(|k| {
            let points: Vec<(f64, f64)> =
                ours.iter().filter_map(|s| Some((s.students?.to_f64(), s.indicators[k].value?.to_f64()))).collect();
            variation::weighted_cv(&points)
        })
        .collect();
    let limit = standard.cv.limits.get(phase);
    let limit_f = limit.map(Decimal::to_f64);
    // Only the indicators the standard counts (`in_cv`) are held to the limit; the others'
    // coefficients are shown, not judged.
    let counted: Vec<Option<f64>> =
        standard.indicators.iter().zip(&cvs).filter(|(def, _)| def.in_cv).map(|(_, cv)| *cv).collect();
    let (within, composite, ok) = match standard.cv.method {
        CvMethod::Each => {
            let within: Vec<Option<bool>> = standard
                .indicators
                .iter()
                .zip(&cvs)
                .map(|(def, &cv)| if def.in_cv { Some(cv? <= limit_f?) } else { None })
                .collect();
            let judged: Option<Vec<bool>> = counted.iter().map(|&cv| Some(cv? <= limit_f?)).collect();
            // A standard that counts no indicator gives no verdict on the spread.
            (within, None, judged.filter(|all| !all.is_empty()).map(|all| all.iter().all(|w| *w)))
        }
        CvMethod::Mean => {
            let all: Option<Vec<f64>> = counted.iter().copied().collect();
            let composite = all.and_then(|v| variation::composite(&v));
            let ok = composite.zip(limit_f).map(|(c, l)| c <= l);
            (vec![None; cvs.len()], composite, ok)
        }
    };
    Some(PhaseSpread { phase, sections: ours.len(), cvs, limit, within, composite, ok })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::verdict::section;
    use crate::evaluate::verdict::tests::{row, standard};
    use crate::model::standard::CvRule;

    /// Three 小学 sections; the third has no teaching-area figure.
    fn sections() -> Vec<SectionResult> {
        let rows = [
            row(
                Phase::Primary,
                &[
                    ("students", "1000"),
                    ("teachers_above_degree", "50"),
                    ("key_teachers", "10"),
                    ("teaching_area", "20000"),
                ],
            ),
            row(
                Phase::Primary,
                &[
                    ("students", "500"),
                    ("teachers_above_degree", "25"),
                    ("key_teachers", "5"),
                    ("teaching_area", "2500"),
                ],
            ),
            row(Phase::Primary, &[("students", "400"), ("teachers_above_degree", "20"), ("key_teachers", "4")]),
        ];
        rows.iter().map(|r| section(r, &standard())).collect()
    }

    #[test]
    fn each_indicator_within_its_limit() {
        let p = spread(&sections(), &standard(), Phase::Primary).unwrap();
        assert_eq!(p.sections, 3);
        // Every school has 5.0 teachers and 1.0 key teachers per 100: no spread at all.
        assert_eq!(&p.cvs[..2], &[Some(0.0), Some(0.0)]);
        // Teaching area: 20.0 (1000 students) and 5.0 (500); the school without a figure is left
        // out. mean = 22500 / 1500 = 15; S = √((1000·25 + 500·100) / 1500) = √50; CV = √50 / 15.
        let cv = p.cvs[2].unwrap();
        assert!((cv - 50f64.sqrt() / 15.0).abs() < 1e-12, "{cv}");
        assert!(cv < 0.5);
        assert_eq!(p.within, [Some(true), Some(true), Some(true)]);
        assert_eq!(p.ok, Some(true));
        assert!(spread(&sections(), &standard(), Phase::Junior).is_none());
    }

    #[test]
    fn the_mean_method_judges_the_composite() {
        let mut s = standard();
        s.cv = CvRule { method: CvMethod::Mean, limits: s.cv.limits };
        let p = spread(&sections(), &s, Phase::Primary).unwrap();
        // (0 + 0 + √50/15) / 3
        let expected = 50f64.sqrt() / 15.0 / 3.0;
        assert!((p.composite.unwrap() - expected).abs() < 1e-12);
        assert_eq!(p.within, [None, None, None]);
        assert_eq!(p.ok, Some(true));
    }

    #[test]
    fn an_indicator_left_out_of_the_spread_is_shown_not_judged() {
        let mut s = standard();
        s.cv.limits.primary = Some(Decimal::parse("0.3").unwrap());
        // Teaching area's √50/15 = 0.471 is over 0.3, but the standard does not count it.
        s.indicators[2].in_cv = false;
        let p = spread(&sections(), &s, Phase::Primary).unwrap();
        assert!((p.cvs[2].unwrap() - 50f64.sqrt() / 15.0).abs() < 1e-12);
        assert_eq!(p.within, [Some(true), Some(true), None]);
        assert_eq!(p.ok, Some(true));
        // Counted, it fails the county.
        s.indicators[2].in_cv = true;
        assert_eq!(spread(&sections(), &s, Phase::Primary).unwrap().ok, Some(false));
    }
}

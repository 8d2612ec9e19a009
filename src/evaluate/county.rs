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
    let (within, composite, ok) = match standard.cv.method {
        CvMethod::Each => {
            let within: Vec<Option<bool>> = cvs.iter().map(|&cv| Some(cv? <= limit_f?)).collect();
            let ok = within.iter().copied().collect::<Option<Vec<bool>>>().map(|all| all.iter().all(|w| *w));
            (within, None, ok)
        }
        CvMethod::Mean => {
            let all: Option<Vec<f64>> = cvs.iter().copied().collect();
            let composite = all.and_then(|v| variation::composite(&v));
            let ok = composite.zip(limit_f).map(|(c, l)| c <= l);
            (vec![None; cvs.len()], composite, ok)
        }
    };
    Some(PhaseSpread { phase, sections: ours.len(), cvs, limit, within, composite, ok })
}

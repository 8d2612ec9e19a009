//! Every year's spread: each 学段's coefficient of variation per indicator over all years of
//! figures, and whether the gap between schools is closing. Read from the per-year county
//! figures (`county::spread`), never computed again.

use super::Findings;
use crate::model::id::StandardId;
use crate::model::number::Decimal;
use crate::model::school::Phase;

/// How an indicator's spread moved from its first year with a coefficient to its last.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// 差异缩小: the last coefficient is smaller than the first.
    Narrowing,
    /// 差异扩大: larger.
    Widening,
    /// 持平: the same, at full precision.
    Steady,
}

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Narrowing => "差异缩小",
            Direction::Widening => "差异扩大",
            Direction::Steady => "持平",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Direction::Narrowing => "narrowing",
            Direction::Widening => "widening",
            Direction::Steady => "steady",
        }
    }
}

/// One indicator of one 学段 over the years.
#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorTrend {
    /// The coefficient per year, in the order of `PhaseTrend::years`; `None` without figures.
    pub cvs: Vec<Option<f64>>,
    /// `None` with fewer than two years that have a coefficient.
    pub direction: Option<Direction>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PhaseTrend {
    pub phase: Phase,
    /// Years with figures for this 学段, oldest first.
    pub years: Vec<i32>,
    pub limit: Option<Decimal>,
    /// In the standard's order of indicators.
    pub indicators: Vec<IndicatorTrend>,
    /// The 综合差异系数 per year, for a standard that judges the mean (jiben-2012).
    pub composite: Option<IndicatorTrend>,
}

/// The first and the last coefficient compared exactly: any change counts, however small.
pub fn direction(cvs: &[Option<f64>]) -> Option<Direction> {
    let known: Vec<f64> = cvs.iter().flatten().copied().collect();
    let (&first, &last) = (known.first()?, known.last()?);
    if known.len() < 2 {
        return None;
    }
    Some(match last.partial_cmp(&first)? {
        std::cmp::Ordering::Less => Direction::Narrowing,
        std::cmp::Ordering::Greater => Direction::Widening,
        std::cmp::Ordering::Equal => Direction::Steady,
    })
}

/// Each 学段's spread under `standard` over every year of `findings`, 学段 without figures left out.
pub fn phases(findings: &Findings, standard: &StandardId, indicators: usize) -> Vec<PhaseTrend> {
    Phase::ALL
        .into_iter()
        .filter_map(|phase| {
            let spreads: Vec<(i32, &super::county::PhaseSpread)> = findings
                .years
                .iter()
                .filter_map(|(&year, by)| Some((year, by.get(standard)?.county.iter().find(|p| p.phase == phase)?)))
                .collect();
            let (_, last) = spreads.last()?;
            let indicators = (0..indicators)
                .map(|k| {
                    let cvs: Vec<Option<f64>> = spreads.iter().map(|(_, p)| p.cvs.get(k).copied().flatten()).collect();
                    IndicatorTrend { direction: direction(&cvs), cvs }
                })
                .collect();
            let composite: Vec<Option<f64>> = spreads.iter().map(|(_, p)| p.composite).collect();
            let composite = composite
                .iter()
                .any(Option::is_some)
                .then(|| IndicatorTrend { direction: direction(&composite), cvs: composite });
            let years = spreads.iter().map(|(y, _)| *y).collect();
            Some(PhaseTrend { phase, years, limit: last.limit, indicators, composite })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_the_first_and_last_year_with_figures() {
        // 0.412 → 0.388 → 0.351: the gap is closing.
        assert_eq!(direction(&[Some(0.412), Some(0.388), Some(0.351)]), Some(Direction::Narrowing));
        // A dip in between does not matter: 0.300 → 0.250 → 0.310 is wider at the end.
        assert_eq!(direction(&[Some(0.300), Some(0.250), Some(0.310)]), Some(Direction::Widening));
        // Years without a coefficient are skipped: the first is 0.5 (year 2), the last 0.5 (year 3).
        assert_eq!(direction(&[None, Some(0.5), Some(0.5), None]), Some(Direction::Steady));
        // Shown as 0.351 either way, 0.3514 → 0.3506 still narrows: full precision decides.
        assert_eq!(direction(&[Some(0.3514), Some(0.3506)]), Some(Direction::Narrowing));
        assert_eq!(direction(&[Some(0.3), None]), None, "one year says nothing about a trend");
        assert_eq!(direction(&[]), None);
    }
}

//! Every year's spread: each 学段's coefficient of variation per indicator over all years of
//! figures, and whether the gap between schools is closing, from a least-squares line through
//! every year (see [`direction`]). Read from the per-year county figures (`county::spread`),
//! never computed again.

use super::Findings;
use crate::model::id::StandardId;
use crate::model::number::Decimal;
use crate::model::school::Phase;

/// How an indicator's spread moved over all its years with a coefficient: the slope of the
/// least-squares line through them, times the years it spans, against [`TOLERANCE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// 差异缩小: the fitted line falls by at least the tolerance over the series.
    Narrowing,
    /// 差异扩大: it rises by at least the tolerance.
    Widening,
    /// 基本持平: it moves by less than the tolerance.
    Steady,
}

/// The smallest change of the fitted coefficient over the whole series that counts as a
/// trend: 0.01, ten times the last decimal shown, small beside limits of 0.45 to 0.65.
pub const TOLERANCE: f64 = 0.01;

impl Direction {
    pub fn label(self) -> &'static str {
        match self {
            Direction::Narrowing => "差异缩小",
            Direction::Widening => "差异扩大",
            Direction::Steady => "基本持平",
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

/// The trend of `cvs`, one per year of `years` (`None`: no coefficient that year): the
/// least-squares slope over every year with a coefficient, times the years from the first to
/// the last of them, compared with [`TOLERANCE`]. Never the first year against the last alone:
/// one odd year at either end must not decide. `None` with fewer than two such years.
pub fn direction(years: &[i32], cvs: &[Option<f64>]) -> Option<Direction> {
    let points: Vec<(f64, f64)> = years.iter().zip(cvs).filter_map(|(&y, cv)| Some((f64::from(y), (*cv)?))).collect();
    let (first, last) = (points.first()?.0, points.last()?.0);
    if points.len() < 2 || last <= first {
        return None;
    }
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = points.iter().map(|(x, y)| (x - mean_x) * (y - mean_y)).sum();
    let sxx: f64 = points.iter().map(|(x, _)| (x - mean_x).powi(2)).sum();
    let change = sxy / sxx * (last - first);
    Some(if change <= -TOLERANCE {
        Direction::Narrowing
    } else if change >= TOLERANCE {
        Direction::Widening
    } else {
        Direction::Steady
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
            let years: Vec<i32> = spreads.iter().map(|(y, _)| *y).collect();
            let indicators = (0..indicators)
                .map(|k| {
                    let cvs: Vec<Option<f64>> = spreads.iter().map(|(_, p)| p.cvs.get(k).copied().flatten()).collect();
                    IndicatorTrend { direction: direction(&years, &cvs), cvs }
                })
                .collect();
            let composite: Vec<Option<f64>> = spreads.iter().map(|(_, p)| p.composite).collect();
            let composite = composite
                .iter()
                .any(Option::is_some)
                .then(|| IndicatorTrend { direction: direction(&years, &composite), cvs: composite });
            Some(PhaseTrend { phase, years, limit: last.limit, indicators, composite })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_fitted_slope_over_every_year() {
        let years = [2021, 2022, 2023];
        // 0.412 → 0.388 → 0.351: slope −0.0305 a year, −0.061 over two years: closing.
        assert_eq!(direction(&years, &[Some(0.412), Some(0.388), Some(0.351)]), Some(Direction::Narrowing));
        // 0.300 → 0.250 → 0.320: slope +0.010 a year, +0.020 over the series: widening.
        assert_eq!(direction(&years, &[Some(0.300), Some(0.250), Some(0.320)]), Some(Direction::Widening));
        // 0.300 → 0.250 → 0.305: +0.005 over the series: within it, whatever the ends say.
        assert_eq!(direction(&years, &[Some(0.300), Some(0.250), Some(0.305)]), Some(Direction::Steady));
        // Years without a coefficient are skipped.
        assert_eq!(direction(&[2020, 2021, 2022, 2023], &[None, Some(0.5), Some(0.5), None]), Some(Direction::Steady));
        assert_eq!(direction(&[2021, 2022], &[Some(0.3), None]), None, "one year says nothing about a trend");
        assert_eq!(direction(&[], &[]), None);
    }

    #[test]
    fn a_change_smaller_than_the_tolerance_is_steady_not_widening() {
        // 0.094 → 0.095: first against last would say 差异扩大; 0.001 is within 0.01.
        assert_eq!(direction(&[2024, 2025], &[Some(0.094), Some(0.095)]), Some(Direction::Steady));
    }

    #[test]
    fn the_whole_series_decides_not_its_ends() {
        // The example site's 初中 teaching area, 2020–2025: the last year (0.095) is above the
        // first (0.094), but the fitted line falls by 0.0367 over the five years (hand-computed:
        // Σ(x−x̄)(y−ȳ) = −0.12850, Σ(x−x̄)² = 17.5, slope −0.007343).
        let cvs = [Some(0.094), Some(0.150), Some(0.114), Some(0.071), Some(0.077), Some(0.095)];
        assert_eq!(direction(&[2020, 2021, 2022, 2023, 2024, 2025], &cvs), Some(Direction::Narrowing));
        // The slope is per year, not per position: with 2021 missing, 0.30 → 0.28 → 0.22 falls
        // by 0.0729 over 2020–2023 (x̄ = 2021.67, slope −0.0243 a year).
        let gap = [Some(0.30), Some(0.28), Some(0.22)];
        assert_eq!(direction(&[2020, 2022, 2023], &gap), Some(Direction::Narrowing));
    }
}

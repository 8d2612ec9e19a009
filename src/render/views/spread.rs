//! Every year's spread on the dashboard: per 学段, one small line chart per indicator of its
//! coefficient of variation against the limit, the same figures as a table (years as
//! columns), and in words whether the gap between schools is closing.

use super::Badge;
use crate::evaluate::Findings;
use crate::evaluate::ratio::shown_cv;
use crate::evaluate::trend::{self, Direction, IndicatorTrend, PhaseTrend};
use crate::model::Site;
use crate::model::number::Decimal;
use crate::model::standard::{CvMethod, Standard};
use crate::render::charts::{Chart, lines};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct SpreadRow {
    pub name: String,
    pub short: String,
    /// Three decimals per year, `—` without figures.
    pub cvs: Vec<String>,
    /// The limit this row is judged against, `—` when it is not judged alone.
    pub limit: String,
    pub trend: Badge,
    pub chart: Option<Chart>,
}

#[derive(Debug, Serialize)]
pub struct SpreadPhase {
    pub phase: &'static str,
    pub key: &'static str,
    pub years: Vec<i32>,
    pub rows: Vec<SpreadRow>,
    pub summary: String,
}

#[derive(Debug, Serialize)]
pub struct SpreadView {
    pub phases: Vec<SpreadPhase>,
    /// How the trend words are decided, in a sentence shown near them.
    pub rule: String,
}

/// The rule behind 差异缩小 / 差异扩大 / 基本持平, with the tolerance of `evaluate::trend`.
pub fn rule() -> String {
    let t = trend::TOLERANCE;
    format!(
        "“变化”看全部年份：按各年差异系数的最小二乘拟合直线，从第一年到最后一年拟合值下降 {t} 及以上为差异缩小，\
         上升 {t} 及以上为差异扩大，变化不足 {t} 为基本持平；不是只比较首末两年。"
    )
}

/// The site standard's spread over the years; `None` without figures.
pub fn view(site: &Site, findings: &Findings) -> Option<SpreadView> {
    let standard = site.standard();
    let phases: Vec<SpreadPhase> =
        trend::phases(findings, &standard.id, standard.indicators.len()).iter().map(|p| phase(standard, p)).collect();
    (!phases.is_empty()).then(|| SpreadView { phases, rule: rule() })
}

fn phase(standard: &Standard, p: &PhaseTrend) -> SpreadPhase {
    // Under the mean method only the composite is held to the limit.
    let each = standard.cv.method == CvMethod::Each;
    let mut rows: Vec<SpreadRow> = standard
        .indicators
        .iter()
        .zip(&p.indicators)
        .map(|(def, t)| row(p, [&def.id, &def.name, &def.short], t, p.limit.filter(|_| each && def.in_cv)))
        .collect();
    if let Some(c) = &p.composite {
        rows.push(row(p, ["composite", "综合差异系数", "综合"], c, p.limit));
    }
    SpreadPhase { phase: p.phase.label(), key: p.phase.key(), years: p.years.clone(), rows, summary: summary(p) }
}

/// `[id, name, short]` name the indicator; `limit` is the one it is held to, if any.
fn row(p: &PhaseTrend, [id, name, short]: [&str; 3], t: &IndicatorTrend, limit: Option<Decimal>) -> SpreadRow {
    let cvs: Vec<String> =
        t.cvs.iter().map(|cv| cv.map_or_else(|| "—".to_string(), |c| shown_cv(c, 3, limit))).collect();
    let trend = match t.direction {
        Some(d @ Direction::Narrowing) => Badge::new(d.label(), "done"),
        Some(d @ Direction::Widening) => Badge::new(d.label(), "not-met"),
        Some(d @ Direction::Steady) => Badge::new(d.label(), "none"),
        None => Badge::new("不足两年", "none"),
    };
    let values: Vec<String> = p.years.iter().zip(&cvs).map(|(y, c)| format!("{y}年 {c}")).collect();
    let desc = format!("{}：{}；{}", name, values.join("，"), trend.label);
    let points: Vec<(i32, Option<f64>)> = p.years.iter().copied().zip(t.cvs.iter().copied()).collect();
    let id = format!("chart-spread-{}-{id}", p.phase.key());
    let title = format!("{}{}历年差异系数", p.phase.label(), name);
    let chart = lines::draw(&points, limit, &id, &title, &desc);
    let limit = limit.map_or_else(|| "—".to_string(), |l| format!("{:.2}", l.to_f64()));
    SpreadRow { name: name.to_string(), short: short.to_string(), cvs, limit, trend, chart }
}

/// “小学 2021—2025 年：七项指标中五项的校际差距在缩小，两项在扩大。”
fn summary(p: &PhaseTrend) -> String {
    let (Some(first), Some(last)) = (p.years.first(), p.years.last()) else { return String::new() };
    if p.years.len() < 2 {
        return format!("{}只有 {first} 年一年的数据，还看不出差距的变化。", p.phase.label());
    }
    let directions: Vec<Direction> = p.indicators.iter().filter_map(|t| t.direction).collect();
    let count = |d: Direction| directions.iter().filter(|x| **x == d).count();
    let (all, narrowing) = (count_text(p.indicators.len()), count(Direction::Narrowing));
    let mut parts = vec![match narrowing {
        0 => format!("{all}项指标中没有一项的校际差距在缩小"),
        n if n == p.indicators.len() => format!("{all}项指标的校际差距都在缩小"),
        n => format!("{all}项指标中{}项的校际差距在缩小", count_text(n)),
    }];
    for (d, words) in [(Direction::Widening, "在扩大"), (Direction::Steady, "基本持平")] {
        if count(d) > 0 {
            parts.push(format!("{}项{words}", count_text(count(d))));
        }
    }
    let short = p.indicators.len() - directions.len();
    if short > 0 {
        parts.push(format!("{}项数据不足两年", count_text(short)));
    }
    format!("{} {first}—{last} 年：{}。", p.phase.label(), parts.join("，"))
}

/// A count as a parent reads it in a sentence: 两 for 2, Chinese numerals up to 99.
fn count_text(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        2 => "两".to_string(),
        0..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", DIGITS[n / 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trend(cvs: &[Option<f64>]) -> IndicatorTrend {
        let years: Vec<i32> = (2021..).take(cvs.len()).collect();
        IndicatorTrend { cvs: cvs.to_vec(), direction: trend::direction(&years, cvs) }
    }

    #[test]
    fn says_how_many_gaps_are_closing() {
        let p = PhaseTrend {
            phase: crate::model::school::Phase::Primary,
            years: vec![2021, 2022, 2023],
            limit: None,
            indicators: vec![
                trend(&[Some(0.41), Some(0.39), Some(0.35)]),
                trend(&[Some(0.30), Some(0.33), Some(0.32)]),
                trend(&[Some(0.20), None, Some(0.20)]),
                trend(&[None, None, Some(0.20)]),
                trend(&[Some(0.5), Some(0.4), Some(0.3)]),
            ],
            composite: None,
        };
        assert_eq!(
            summary(&p),
            "小学 2021—2023 年：五项指标中两项的校际差距在缩小，一项在扩大，一项基本持平，一项数据不足两年。"
        );
        let all = PhaseTrend { indicators: vec![trend(&[Some(0.3), Some(0.2)]); 7], ..p.clone() };
        assert_eq!(summary(&all), "小学 2021—2023 年：七项指标的校际差距都在缩小。");
        let none = PhaseTrend { indicators: vec![trend(&[Some(0.2), Some(0.3)]); 2], ..p };
        assert_eq!(summary(&none), "小学 2021—2023 年：两项指标中没有一项的校际差距在缩小，两项在扩大。");
        assert_eq!(count_text(7), "七");
        assert_eq!(count_text(12), "十二");
        assert_eq!(count_text(30), "三十");
    }
}

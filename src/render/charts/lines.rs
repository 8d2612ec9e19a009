//! One small line chart of a value over the years, with a labelled reference line: one panel
//! of a set of small multiples (an indicator's coefficient of variation against the limit).
//!
//! Drawn half as wide as other charts so that two panels sit side by side on a phone at the
//! same text size; only the first and last years and values are labelled, the table beside
//! the panels has every figure.

use super::{BLUE, Chart, GREY, INK, VERMILLION, finish, text_style};
use crate::evaluate::ratio::shown_cv;
use crate::model::number::Decimal;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const WIDTH: i32 = 200;
const HEIGHT: i32 = 140;
const SIDE: i32 = 22;
const TOP: i32 = 26;
const BOTTOM: i32 = 24;

/// `points` are (year, value); a year without a value leaves a gap in the line. Values above
/// `limit` are drawn in vermillion, and labelled so that they never read as within it.
pub fn draw(points: &[(i32, Option<f64>)], limit: Option<Decimal>, id: &str, title: &str, desc: &str) -> Option<Chart> {
    let exact = limit;
    let limit = limit.map(Decimal::to_f64);
    let known: Vec<(usize, f64)> = points.iter().enumerate().filter_map(|(i, (_, v))| Some((i, (*v)?))).collect();
    if known.is_empty() {
        return None;
    }
    let top = known.iter().map(|(_, v)| *v).chain(limit).fold(0.1f64, f64::max) * 1.2;
    let plot_w = WIDTH - 2 * SIDE;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| match points.len() {
        1 => SIDE + plot_w / 2,
        n => SIDE + (plot_w as f64 * i as f64 / (n - 1) as f64).round() as i32,
    };
    let y = |v: f64| TOP + plot_h - ((v / top).clamp(0.0, 1.0) * plot_h as f64).round() as i32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH as u32, HEIGHT as u32)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let small = text_style(15.0, &INK);
        let base = TOP + plot_h;
        root.draw(&PathElement::new(
            vec![(SIDE, base), (SIDE + plot_w, base)],
            ShapeStyle::from(&GREY).stroke_width(1),
        ))
        .ok()?;
        if let Some(l) = limit {
            let at = y(l);
            let rule = ShapeStyle::from(&INK).stroke_width(1);
            root.draw(&PathElement::new(vec![(SIDE, at), (SIDE + plot_w, at)], rule)).ok()?;
            // Named in a key at the top, where no value label can fall on it.
            let key = SIDE + plot_w - 78;
            root.draw(&PathElement::new(vec![(key, 9), (key + 14, 9)], rule)).ok()?;
            let label = text_style(14.0, &INK).pos(Pos::new(HPos::Left, VPos::Center));
            root.draw(&Text::new(format!("上限 {l:.2}"), (key + 18, 9), label)).ok()?;
        }
        // The line, broken where a year has no figure.
        for pair in known.windows(2) {
            let [(i, a), (j, b)] = [pair[0], pair[1]];
            if j == i + 1 {
                let style = ShapeStyle::from(&BLUE).stroke_width(2);
                root.draw(&PathElement::new(vec![(x(i), y(a)), (x(j), y(b))], style)).ok()?;
            }
        }
        for &(i, v) in &known {
            let color = if limit.is_some_and(|l| v > l) { VERMILLION } else { BLUE };
            root.draw(&Circle::new((x(i), y(v)), 3, color.filled())).ok()?;
        }
        // The first and last values; a single one is centred over its point.
        let labels = match known.as_slice() {
            [only] => vec![(*only, HPos::Center)],
            [first, .., last] => vec![(*first, HPos::Left), (*last, HPos::Right)],
            [] => vec![],
        };
        for ((i, v), side) in labels {
            root.draw(&Text::new(shown_cv(v, 3, exact), (x(i), y(v) - 6), small.pos(Pos::new(side, VPos::Bottom))))
                .ok()?;
        }
        let (first, last) = (points.first()?.0, points.last()?.0);
        let years = text_style(14.0, &INK);
        root.draw(&Text::new(first.to_string(), (SIDE, base + 4), years.pos(Pos::new(HPos::Left, VPos::Top)))).ok()?;
        if points.len() > 1 {
            root.draw(&Text::new(
                last.to_string(),
                (SIDE + plot_w, base + 4),
                years.pos(Pos::new(HPos::Right, VPos::Top)),
            ))
            .ok()?;
        }
        root.present().ok()?;
    }
    Some(finish(&svg, id, title, desc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_the_ends_the_limit_and_the_years() {
        let c = draw(
            &[(2021, Some(0.412)), (2022, None), (2023, Some(0.351))],
            Decimal::parse("0.5").ok(),
            "c",
            "标题",
            "说明",
        )
        .unwrap();
        for text in ["0.412", "0.351", "上限 0.50", "2021", "2023", "<title id=\"c-t\">标题</title>"] {
            assert!(c.svg.contains(text), "{text} missing in {}", c.svg);
        }
        // The base line, the limit and its key; no line across the year without a figure.
        assert_eq!(c.svg.matches("<polyline").count(), 3, "{}", c.svg);
        assert!(draw(&[(2021, None)], Decimal::parse("0.5").ok(), "c", "t", "d").is_none());
    }
}

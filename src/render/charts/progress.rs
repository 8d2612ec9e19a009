//! The 达标 plan against what happened: the cumulative share of planned schools due by each
//! year (dashed) and the share that had met the standard by each year's figures (solid).

use super::{BLUE, Chart, INK, ORANGE, WIDTH, finish, percent, text_style};
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One year on the x axis: the planned and actual shares (0–1) known for it.
pub struct YearPoint {
    pub year: i32,
    pub planned: Option<f64>,
    pub actual: Option<f64>,
}

const HEIGHT: i32 = 250;
const LEFT: i32 = 48;
const RIGHT: i32 = 20;
const TOP: i32 = 40;
const BOTTOM: i32 = 30;

pub fn draw(points: &[YearPoint], id: &str, title: &str, desc: &str) -> Option<Chart> {
    if points.is_empty() {
        return None;
    }
    let plot_w = WIDTH as i32 - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let step = if points.len() > 1 { plot_w / (points.len() as i32 - 1) } else { 0 };
    let x = |i: usize| if points.len() > 1 { LEFT + step * i as i32 } else { LEFT + plot_w / 2 };
    let y = |share: f64| TOP + plot_h - (share.clamp(0.0, 1.0) * plot_h as f64).round() as i32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT as u32)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let small = text_style(16.0, &INK);
        for tick in [0.0, 0.5, 1.0] {
            let at = y(tick);
            root.draw(&PathElement::new(
                vec![(LEFT, at), (LEFT + plot_w, at)],
                ShapeStyle::from(&RGBColor(216, 222, 228)).stroke_width(1),
            ))
            .ok()?;
            root.draw(&Text::new(percent(tick), (LEFT - 6, at), small.pos(Pos::new(HPos::Right, VPos::Center))))
                .ok()?;
        }
        // Up to six year labels fit a phone's width; with more, every second (third…) year,
        // counted back from the last.
        let every = points.len().div_ceil(6);
        let labelled = |i: usize| (points.len() - 1 - i).is_multiple_of(every);
        for (i, p) in points.iter().enumerate().filter(|(i, _)| labelled(*i)) {
            root.draw(&Text::new(
                p.year.to_string(),
                (x(i), TOP + plot_h + 8),
                small.pos(Pos::new(HPos::Center, VPos::Top)),
            ))
            .ok()?;
        }
        let series = |pick: fn(&YearPoint) -> Option<f64>| -> Vec<(i32, i32)> {
            points.iter().enumerate().filter_map(|(i, p)| pick(p).map(|s| (x(i), y(s)))).collect()
        };
        let planned = series(|p| p.planned);
        let actual = series(|p| p.actual);
        let planned_style = ShapeStyle::from(&BLUE).stroke_width(3);
        root.draw(&DashedPathElement::new(planned.clone(), 7, 4, planned_style)).ok()?;
        for &(px, py) in &planned {
            root.draw(&Rectangle::new([(px - 4, py - 4), (px + 4, py + 4)], BLUE.filled())).ok()?;
        }
        root.draw(&PathElement::new(actual.clone(), ShapeStyle::from(&ORANGE).stroke_width(3))).ok()?;
        for &(px, py) in &actual {
            root.draw(&Circle::new((px, py), 5, ORANGE.filled())).ok()?;
        }
        // Legend, as words as well as colours.
        let legend = text_style(16.0, &INK);
        root.draw(&DashedPathElement::new(vec![(LEFT, 14), (LEFT + 26, 14)], 7, 4, planned_style)).ok()?;
        root.draw(&Text::new("计划", (LEFT + 32, 14), legend.pos(Pos::new(HPos::Left, VPos::Center)))).ok()?;
        root.draw(&PathElement::new(
            vec![(LEFT + 90, 14), (LEFT + 116, 14)],
            ShapeStyle::from(&ORANGE).stroke_width(3),
        ))
        .ok()?;
        root.draw(&Circle::new((LEFT + 103, 14), 5, ORANGE.filled())).ok()?;
        root.draw(&Text::new("实际", (LEFT + 122, 14), legend.pos(Pos::new(HPos::Left, VPos::Center)))).ok()?;
        root.present().ok()?;
    }
    Some(finish(&svg, id, title, desc))
}

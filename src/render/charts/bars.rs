//! Horizontal bars with labelled reference lines: an indicator's value as a share of its
//! threshold (lines at 100% and 85%), or its coefficient of variation against the limit.

use super::{Chart, GREY, INK, WIDTH, finish, text_style};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub struct Bar {
    pub label: String,
    /// `None` draws no bar, only `text` (e.g. 未填报).
    pub value: Option<f64>,
    pub text: String,
    pub color: RGBColor,
}

pub struct Rule {
    pub at: f64,
    pub label: String,
    /// The main line (the threshold or the limit); others are drawn lighter.
    pub strong: bool,
    /// Which way the label runs from the line, so that two close lines keep apart.
    pub label_left: bool,
}

const LABEL_W: i32 = 100;
const ROW_H: i32 = 32;
const TOP: i32 = 28;
const BOTTOM: i32 = 8;
const TEXT_W: i32 = 56;

/// Bars scaled to `max` (values beyond are drawn to the edge with their text).
pub fn draw(bars: &[Bar], rules: &[Rule], max: f64, id: &str, title: &str, desc: &str) -> Option<Chart> {
    let height = (TOP + ROW_H * bars.len() as i32 + BOTTOM) as u32;
    let plot_w = WIDTH as i32 - LABEL_W - TEXT_W;
    let x = |v: f64| LABEL_W + ((v / max).clamp(0.0, 1.0) * plot_w as f64).round() as i32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let label_style = text_style(17.0, &INK);
        for (i, bar) in bars.iter().enumerate() {
            let top = TOP + ROW_H * i as i32 + 5;
            let mid = top + (ROW_H - 10) / 2;
            root.draw(&Text::new(
                bar.label.clone(),
                (LABEL_W - 6, mid),
                label_style.pos(Pos::new(HPos::Right, VPos::Center)),
            ))
            .ok()?;
            let end = match bar.value {
                Some(v) => {
                    let right = x(v).max(LABEL_W + 2);
                    root.draw(&Rectangle::new([(LABEL_W, top), (right, top + ROW_H - 10)], bar.color.filled())).ok()?;
                    right
                }
                None => LABEL_W,
            };
            let text_style = text_style(16.0, if bar.value.is_some() { &INK } else { &GREY });
            root.draw(&Text::new(bar.text.clone(), (end + 4, mid), text_style.pos(Pos::new(HPos::Left, VPos::Center))))
                .ok()?;
        }
        let bottom = TOP + ROW_H * bars.len() as i32;
        for rule in rules {
            let at = x(rule.at);
            // A solid line: plotters draws dashes as one element each, which weighs on a page
            // with several charts. The two rules differ in weight and carry their labels.
            let style = if rule.strong {
                ShapeStyle::from(&INK).stroke_width(2)
            } else {
                ShapeStyle::from(&GREY).stroke_width(1)
            };
            root.draw(&PathElement::new(vec![(at, TOP - 4), (at, bottom)], style)).ok()?;
            let small = text_style(15.0, &INK);
            let side = if rule.label_left { HPos::Right } else { HPos::Left };
            let nudge = if rule.label_left { -3 } else { 3 };
            root.draw(&Text::new(rule.label.clone(), (at + nudge, TOP - 8), small.pos(Pos::new(side, VPos::Bottom))))
                .ok()?;
        }
        root.present().ok()?;
    }
    Some(finish(&svg, id, title, desc))
}

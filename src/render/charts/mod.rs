//! Charts as inline SVG, drawn with plotters' SVG backend: no fonts at build time (Chinese
//! labels are SVG `<text>` the browser sets), byte-identical output, a `<title>` and `<desc>`
//! on every chart. Pages always show a chart's data as a table beside it.
//!
//! Colours are from the Okabe–Ito palette, told apart with the common colour-vision
//! deficiencies; every mark also carries its value as text.

pub mod bars;
pub mod lines;
pub mod progress;

use plotters::style::RGBColor;

pub const BLUE: RGBColor = RGBColor(0, 114, 178);
pub const ORANGE: RGBColor = RGBColor(230, 159, 0);
pub const VERMILLION: RGBColor = RGBColor(213, 94, 0);
pub const GREY: RGBColor = RGBColor(120, 120, 120);
pub const INK: RGBColor = RGBColor(29, 35, 43);
pub const FONT: &str = "sans-serif";
/// Drawn 400 units wide: at a phone's width that is about one unit per pixel; a chart in a
/// padded box is drawn at about 0.8 of that, so text is 15–17 units to stay readable there.
/// CSS scales the chart to its box.
pub const WIDTH: u32 = 400;

/// Text of `px` pixels (in chart units). plotters' SVG backend writes a font's size divided
/// by 1.24, so the size asked for is scaled up to come out as `px`.
pub fn text_style(px: f64, color: &'static RGBColor) -> plotters::style::TextStyle<'static> {
    use plotters::style::IntoFont;
    plotters::style::TextStyle::from((FONT, px * 1.24).into_font()).color(color)
}

/// A finished chart: SVG markup to put inline in a page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Chart {
    pub svg: String,
}

/// Makes plotters' SVG an accessible, scalable image: `role="img"`, a `<title>` and `<desc>`
/// referenced by `aria-labelledby`, and no fixed width or height (CSS sizes it).
pub fn finish(svg: &str, id: &str, title: &str, desc: &str) -> Chart {
    let body = tidy(svg.find('>').map_or("", |i| &svg[i + 1..]));
    let view_box = svg.split("viewBox=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("0 0 400 300");
    let svg = format!(
        "<svg viewBox=\"{view_box}\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" class=\"chart-svg\"><title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>{body}",
        escape(title),
        escape(desc)
    );
    // A school's name is data: a character XML forbids would break a saved or embedded chart.
    let allowed = crate::render::templates::xml_allows;
    Chart { svg: if svg.chars().all(allowed) { svg } else { svg.chars().filter(|&c| allowed(c)).collect() } }
}

/// Drops what plotters writes on every element but the browser assumes anyway, and rounds font
/// sizes (plotters divides by 1.24, leaving 15.000000000000002).
fn tidy(body: &str) -> String {
    let body = body.replace(" opacity=\"1\"", "").replace("\n</text>", "</text>").replace("\">\n", "\">");
    let mut out = String::with_capacity(body.len());
    let mut rest = body.as_str();
    while let Some(i) = rest.find("font-size=\"") {
        let start = i + "font-size=\"".len();
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |j| start + j);
        let size: f64 = rest[start..end].parse().unwrap_or(14.0);
        out.push_str(&format!("{}", (size * 100.0).round() / 100.0));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `0.515` → `0.515`; `1.3` → `130%`: the two ways charts print numbers.
pub fn percent(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

//! Automatic list numbering (`w:numPr`) resolved through numbering.xml into the label Word
//! shows: `一、`, `（二）`, `3.`. Real 公文 number their headings this way rather than typing
//! the label, so without this the headings of an imported document would lose 一、.
//!
//! Takes numbering.xml's text; gives a [`Counter`] that hands out labels in document order.

use std::collections::HashMap;

/// One level of an abstract numbering: its format, its text (`%1、`) and where it starts.
#[derive(Clone, Debug, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The numbering definitions of a document.
#[derive(Debug, Default)]
pub struct Numbering {
    /// numId → abstractNumId.
    nums: HashMap<String, String>,
    /// abstractNumId → levels 0..8.
    abstracts: HashMap<String, Vec<Level>>,
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn attr<'a>(node: roxmltree::Node<'a, '_>, child: &str) -> Option<&'a str> {
    node.children().find(|n| n.has_tag_name((W, child))).and_then(|n| n.attribute((W, "val")))
}

impl Numbering {
    /// Reads numbering.xml; a part that does not parse gives no numbering.
    pub fn parse(xml: &str) -> Numbering {
        let mut out = Numbering::default();
        let Ok(doc) = super::xml::parse(xml) else { return out };
        for node in doc.root_element().children().filter(roxmltree::Node::is_element) {
            if node.has_tag_name((W, "abstractNum")) {
                let Some(id) = node.attribute((W, "abstractNumId")) else { continue };
                let mut levels = vec![Level::default(); 9];
                for lvl in node.children().filter(|n| n.has_tag_name((W, "lvl"))) {
                    let i: usize = lvl.attribute((W, "ilvl")).and_then(|v| v.parse().ok()).unwrap_or(0);
                    if let Some(slot) = levels.get_mut(i) {
                        *slot = Level {
                            format: attr(lvl, "numFmt").unwrap_or("decimal").to_string(),
                            text: attr(lvl, "lvlText").unwrap_or("").to_string(),
                            start: attr(lvl, "start").and_then(|v| v.parse().ok()).unwrap_or(1),
                        };
                    }
                }
                out.abstracts.insert(id.to_string(), levels);
            } else if node.has_tag_name((W, "num"))
                && let (Some(id), Some(abs)) = (node.attribute((W, "numId")), attr(node, "abstractNumId"))
            {
                out.nums.insert(id.to_string(), abs.to_string());
            }
        }
        out
    }
}

/// Counts through a document's numbered paragraphs, one count per abstract numbering.
#[derive(Debug, Default)]
pub struct Counter {
    counts: HashMap<String, [u32; 9]>,
}

impl Counter {
    /// The label of the next paragraph numbered `num_id` at `level`, or `None` when the number
    /// is not defined (numId 0 switches numbering off) or shows nothing (bullets).
    pub fn next(&mut self, numbering: &Numbering, num_id: &str, level: usize) -> Option<String> {
        let abs = numbering.nums.get(num_id)?;
        let levels = numbering.abstracts.get(abs)?;
        let lvl = levels.get(level)?;
        let counts = self.counts.entry(abs.clone()).or_insert([0; 9]);
        counts[level] = if counts[level] == 0 { lvl.start } else { counts[level] + 1 };
        for deeper in counts.iter_mut().skip(level + 1) {
            *deeper = 0;
        }
        if lvl.format == "bullet" || lvl.format == "none" {
            return None;
        }
        let mut label = lvl.text.clone();
        for (i, l) in levels.iter().enumerate().take(level + 1) {
            let n = if counts[i] == 0 { l.start } else { counts[i] };
            label = label.replace(&format!("%{}", i + 1), &format_number(n, &l.format));
        }
        Some(label)
    }
}

/// A number in one of Word's formats; formats not known here come out as digits.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "chineseLegalSimplified"
        | "ideographTraditional"
        | "taiwaneseCounting" => chinese(n),
        "decimalFullWidth" | "decimalFullWidth2" => {
            n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c)).collect()
        }
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or_else(|| n.to_string(), String::from)
        }
        "lowerLetter" | "upperLetter" if (1..=26).contains(&n) => {
            let base = if format == "lowerLetter" { b'a' } else { b'A' };
            char::from(base + (n - 1) as u8).to_string()
        }
        "lowerRoman" | "upperRoman" => {
            let r = roman(n);
            if format == "lowerRoman" { r.to_lowercase() } else { r }
        }
        _ => n.to_string(),
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五.
pub fn chinese(n: u32) -> String {
    const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n < 10 {
        return D[n as usize].to_string();
    }
    if n < 20 {
        return format!("十{}", if n.is_multiple_of(10) { String::new() } else { D[(n % 10) as usize].to_string() });
    }
    if n < 100 {
        let ones = if n.is_multiple_of(10) { String::new() } else { D[(n % 10) as usize].to_string() };
        return format!("{}十{ones}", D[(n / 10) as usize]);
    }
    if n < 1000 {
        let rest = n % 100;
        let tail = match rest {
            0 => String::new(),
            1..=9 => format!("零{}", D[rest as usize]),
            10..=19 => format!("一{}", chinese(rest)),
            _ => chinese(rest),
        };
        return format!("{}百{tail}", D[(n / 100) as usize]);
    }
    n.to_string()
}

fn roman(mut n: u32) -> String {
    let table = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL")];
    let small = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")];
    let mut out = String::new();
    for (v, s) in table.iter().chain(small.iter()) {
        while n >= *v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:abstractNum w:abstractNumId="5">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>
    </w:numbering>"#;

    #[test]
    fn numbers_headings_as_word_shows_them() {
        let n = Numbering::parse(XML);
        let mut c = Counter::default();
        let mut next = |l| c.next(&n, "3", l).unwrap();
        assert_eq!(next(0), "一、");
        assert_eq!(next(1), "（一）");
        assert_eq!(next(1), "（二）");
        assert_eq!(next(2), "1.");
        assert_eq!(next(0), "二、");
        assert_eq!(next(1), "（一）");
        assert!(c.next(&n, "0", 0).is_none());
    }

    #[test]
    fn writes_chinese_numbers() {
        let got: Vec<String> = [1, 10, 11, 20, 23, 100, 105, 110].iter().map(|&n| chinese(n)).collect();
        assert_eq!(got, ["一", "十", "十一", "二十", "二十三", "一百", "一百零五", "一百一十"]);
        assert_eq!(format_number(3, "decimalEnclosedCircleChinese"), "③");
        assert_eq!(format_number(4, "upperRoman"), "IV");
    }
}

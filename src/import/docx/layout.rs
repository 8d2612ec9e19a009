//! The GB/T 9704-2012 layout of a 公文, recognised in a document's blocks: 版头 (发文机关标志,
//! 发文字号), 标题 over one to four lines, 主送机关, 正文, 附件说明, 发文机关署名 and 成文日期,
//! 附注, 版记 (抄送, 印发), and the 附件 that follow. Takes blocks from `xml`; gives an
//! [`Official`]. What cannot be placed is kept (as body text) and listed with its paragraph
//! number; nothing is dropped silently. Pure: no I/O.

use super::dates::{self, Ymd};
use super::xml::{Block, IMAGE_MARK, Image, Para};

/// An attachment section after the main text: `附件1` and its title, then its blocks.
#[derive(Clone, Debug, Default)]
pub struct Section {
    pub label: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// What the layout gave.
#[derive(Clone, Debug, Default)]
pub struct Official {
    /// 发文机关标志 without 文件: `连云区教育局`.
    pub issuer: Option<String>,
    /// 发文字号 as written in the 版头.
    pub doc_no: Option<String>,
    /// The title lines, joined.
    pub title: String,
    /// 主送机关 (also the first paragraph of `body`).
    pub recipient: Option<String>,
    pub body: Vec<Block>,
    /// 附件说明: the titles, in order.
    pub attachments: Vec<String>,
    /// 发文机关署名.
    pub signer: Option<String>,
    /// 成文日期.
    pub date: Option<Ymd>,
    /// 附注, e.g. （此件公开发布）.
    pub note: Option<String>,
    /// 版记 lines: 抄送, 印发机关和印发日期.
    pub closing: Vec<String>,
    pub sections: Vec<Section>,
    /// Pictures over the signature (印章), left out.
    pub seals: Vec<(usize, Image)>,
    /// Paragraphs kept as body text that the layout could not place: (number, text).
    pub unplaced: Vec<(usize, String)>,
}

fn para(b: &Block) -> Option<&Para> {
    match b {
        Block::Para(p) => Some(p),
        Block::Table(_) => None,
    }
}

fn bare(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace() && *c != IMAGE_MARK).collect()
}

fn is_empty(b: &Block) -> bool {
    para(b).is_some_and(|p| bare(&p.text).is_empty() && p.images.is_empty())
}

fn short_line(text: &str, max: usize) -> bool {
    let t = bare(text);
    !t.is_empty() && t.chars().count() <= max && !t.contains(['。', '；', '，'])
}

/// The 文号 on a 版头 line: `连区教〔2017〕89号` in any bracket spelling, with what comes before
/// it on the line (签发人, spaces) left out.
pub fn doc_no_line(text: &str) -> Option<String> {
    if bare(text).chars().count() > 40 || text.contains('。') {
        return None;
    }
    let end = text.rfind(['号', '號'])?;
    let open = text[..end].rfind(['〔', '[', '【', '（', '(', '［', '﹝'])?;
    // 〔2017〕89: four digits, a closing bracket, digits (spaces inside allowed).
    let inner = bare(&text[open..end]);
    let mut chars = inner.chars().skip(1);
    let year: String = chars.by_ref().take(4).collect();
    let close = chars.next()?;
    let serial: String = chars.collect();
    let ok = year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && matches!(close, '〕' | ']' | '】' | '）' | ')' | '］' | '﹞')
        && !serial.is_empty()
        && serial.chars().all(|c| c.is_ascii_digit());
    // The issuer's abbreviation: the Chinese characters right before the bracket.
    let before = &text[..open];
    let prefix_len: usize =
        before.chars().rev().take_while(|c| ('\u{4E00}'..='\u{9FFF}').contains(c)).map(char::len_utf8).sum();
    let prefix = &before[before.len() - prefix_len..];
    (ok && !prefix.is_empty()).then(|| format!("{prefix}{inner}号"))
}

/// `附件1`, `附件 2：`, `附件`: the line that opens an attachment section.
fn section_label(text: &str) -> Option<String> {
    let t = bare(text);
    let rest = t.strip_prefix("附件")?.trim_end_matches(['：', ':']);
    (rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit())).then(|| format!("附件{rest}"))
}

/// The items of a 附件说明: `附件：1. 甲` `2. 乙` → [甲, 乙].
fn attachment_items(lines: &[&str]) -> Vec<String> {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let l = l.trim();
            let l = if i == 0 { l.trim_start_matches("附件").trim_start_matches(['：', ':']).trim() } else { l };
            let unnumbered = l.trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace());
            let stripped = unnumbered.strip_prefix(['.', '．', '、']).filter(|_| unnumbered.len() < l.len());
            stripped.unwrap_or(l).trim().trim_end_matches(['。', '；', ';']).to_string()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// Recognises the layout of `blocks`.
pub fn recognise(blocks: Vec<Block>) -> Official {
    let blocks: Vec<Block> = blocks.into_iter().filter(|b| !is_empty(b)).collect();
    let mut out = Official::default();
    let mut i = 0;
    // 版头: 发文机关标志 and 发文字号.
    while let Some(p) = blocks.get(i).and_then(para) {
        let t = bare(&p.text);
        if out.issuer.is_none() && t.ends_with("文件") && short_line(&t, 24) {
            out.issuer = Some(t.trim_end_matches("文件").to_string());
        } else if out.doc_no.is_none()
            && let Some(no) = doc_no_line(&t)
        {
            out.doc_no = Some(no);
        } else {
            break;
        }
        i += 1;
    }
    // 标题: centred lines (or a Title style), joined; else the first short line.
    let mut title = Vec::new();
    while let Some(p) = blocks.get(i).and_then(para) {
        let t = bare(&p.text);
        if title.len() < 4 && (p.centered() || p.heading == Some(0)) && !t.ends_with(['：', ':']) && !p.numbered {
            title.push(t);
            i += 1;
        } else {
            break;
        }
    }
    if title.is_empty()
        && let Some(p) = blocks.get(i).and_then(para)
        && short_line(&p.text, 60)
        && !p.text.trim_end().ends_with(['：', ':'])
    {
        title.push(bare(&p.text));
        i += 1;
    }
    out.title = title.concat();
    if let Some(p) = blocks.get(i).and_then(para)
        && short_line(&p.text, 60)
        && bare(&p.text).ends_with(['：', ':'])
        && !p.numbered
    {
        out.recipient = Some(bare(&p.text));
    }
    let date_at =
        (i..blocks.len()).find(|&j| blocks.get(j).and_then(para).is_some_and(|p| dates::whole(&p.text).is_some()));
    let end = date_at.unwrap_or(blocks.len());
    let mut body_end = end;
    if let Some(j) = date_at {
        out.date = blocks.get(j).and_then(para).and_then(|p| dates::whole(&p.text));
        if j > i
            && let Some(p) = blocks.get(j - 1).and_then(para)
            && short_line(&p.text, 30)
            && !p.numbered
            && section_label(&p.text).is_none()
        {
            out.signer = Some(bare(&p.text));
            body_end = j - 1;
        }
        for k in [j.checked_sub(1), Some(j)].into_iter().flatten().filter(|&k| k >= i) {
            if let Some(p) = blocks.get(k).and_then(para) {
                out.seals.extend(p.images.iter().map(|im| (p.number, im.clone())));
            }
        }
    }
    // 附件说明: 附件： and the numbered lines after it, just before the signature.
    let notes_at = (i..body_end).rev().take(10).find(|&k| {
        blocks.get(k).and_then(para).is_some_and(|p| {
            let t = bare(&p.text);
            (t.starts_with("附件：") || t.starts_with("附件:")) && t.chars().count() > 3
        })
    });
    if let Some(k) = notes_at {
        let lines: Vec<&str> = blocks[k..body_end].iter().filter_map(para).map(|p| p.text.as_str()).collect();
        out.attachments = attachment_items(&lines);
        body_end = k;
    }
    out.body = blocks[i..body_end].to_vec();
    let tail = if date_at.is_some() { &blocks[end + 1..] } else { &[][..] };
    after_date(tail, &mut out);
    out
}

/// What follows the 成文日期: 附注, 版记 and 附件 sections.
fn after_date(tail: &[Block], out: &mut Official) {
    let mut k = 0;
    while k < tail.len() {
        let block = &tail[k];
        k += 1;
        if let Some(p) = para(block) {
            let t = bare(&p.text);
            if let Some(label) = section_label(&t) {
                let mut section = Section { label, ..Section::default() };
                if let Some(next) = tail.get(k).and_then(para)
                    && short_line(&next.text, 60)
                    && section_label(&next.text).is_none()
                {
                    section.title = bare(&next.text);
                    k += 1;
                }
                out.sections.push(section);
                continue;
            }
            if out.sections.is_empty() {
                if out.note.is_none() && t.starts_with('（') && t.ends_with('）') && t.chars().count() <= 30 {
                    out.note = Some(t);
                } else if t.starts_with("抄送") || dates::printed(&t).is_some() || t.ends_with("印发") {
                    out.closing.push(p.text.split_whitespace().collect::<Vec<_>>().join("　"));
                } else {
                    out.unplaced.push((p.number, t));
                    out.body.push(block.clone());
                }
                continue;
            }
        }
        match out.sections.last_mut() {
            Some(section) => section.blocks.push(block.clone()),
            None => {
                if let Block::Table(t) = block {
                    out.unplaced.push((t.after, "（表格）".into()));
                }
                out.body.push(block.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str, align: &str) -> Block {
        Block::Para(Para { text: text.into(), align: align.into(), ..Para::default() })
    }

    #[test]
    fn finds_the_doc_no_in_any_bracket_spelling() {
        assert_eq!(doc_no_line("连区教〔2017〕89号").as_deref(), Some("连区教〔2017〕89号"));
        assert_eq!(doc_no_line("连区教[2017]89号").as_deref(), Some("连区教[2017]89号"));
        assert_eq!(doc_no_line("连区教【2017】 89 号").as_deref(), Some("连区教【2017】89号"));
        assert_eq!(doc_no_line("签发人：王某　　连区教（2017）89号").as_deref(), Some("连区教（2017）89号"));
        assert_eq!(doc_no_line("根据连区教〔2017〕89号文件精神，制定本方案。"), None);
        assert_eq!(doc_no_line("〔2017〕89号"), None);
    }

    #[test]
    fn recognises_the_parts_of_a_gongwen() {
        let blocks = vec![
            p("连云区教育局文件", "center"),
            p("连区教〔2017〕89号", "center"),
            p("关于印发《实施方案》", "center"),
            p("的通知", "center"),
            p("各中小学：", ""),
            p("现将方案印发给你们。", ""),
            p("附件：1. 甲表", ""),
            p("2. 乙协议书", ""),
            p("连云区教育局", "right"),
            p("二〇一七年八月七日", "right"),
            p("（此件公开发布）", ""),
            p("抄送：区政府办公室。", ""),
            p("连云区教育局办公室　　2017年8月7日印发", ""),
            p("附件1", ""),
            p("甲表", "center"),
            p("正文", ""),
        ];
        let o = recognise(blocks);
        assert_eq!(o.issuer.as_deref(), Some("连云区教育局"));
        assert_eq!(o.doc_no.as_deref(), Some("连区教〔2017〕89号"));
        assert_eq!(o.title, "关于印发《实施方案》的通知");
        assert_eq!(o.recipient.as_deref(), Some("各中小学："));
        assert_eq!(o.body.len(), 2);
        assert_eq!(o.attachments, ["甲表", "乙协议书"]);
        assert_eq!(o.signer.as_deref(), Some("连云区教育局"));
        assert_eq!(o.date, Some((2017, 8, 7)));
        assert_eq!(o.note.as_deref(), Some("（此件公开发布）"));
        assert_eq!(o.closing.len(), 2);
        assert_eq!(o.sections.len(), 1);
        assert_eq!((o.sections[0].label.as_str(), o.sections[0].title.as_str()), ("附件1", "甲表"));
        assert!(o.unplaced.is_empty());
    }

    #[test]
    fn leaves_out_the_seal_and_keeps_what_it_cannot_place() {
        let seal = Image { part: "word/media/image1.png".into(), alt: String::new() };
        let signer =
            Para { text: format!("连云区教育局{IMAGE_MARK}"), images: vec![seal], number: 4, ..Para::default() };
        let blocks = vec![
            p("关于做好交流工作的通知", "center"),
            p("各学校：", ""),
            p("请按时上报。", ""),
            Block::Para(signer),
            p("2017年8月7日", "right"),
            Block::Para(Para { text: "联系人：基础教育科".into(), number: 6, ..Para::default() }),
        ];
        let o = recognise(blocks);
        assert_eq!(o.signer.as_deref(), Some("连云区教育局"));
        assert_eq!(o.seals.len(), 1);
        assert_eq!(o.seals[0].0, 4);
        assert_eq!(o.unplaced, [(6, "联系人：基础教育科".to_string())]);
        assert!(o.body.iter().any(|b| para(b).is_some_and(|p| p.text.starts_with("联系人"))), "kept as body text");
    }
}

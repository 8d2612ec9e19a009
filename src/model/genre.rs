//! 体裁 (a document's genre: 通知, 意见, 方案, 办法, 决定, 解读 …) and 解读形式 (the form of an
//! interpretation).
//!
//! The genre is what the catalogue facets on. Staff rarely write it, so when `genre` (体裁) is
//! absent it is derived, first rule that gives an answer wins:
//! 1. a document that interprets another (`interprets`, 解读对象) is a `解读`;
//! 2. the part of the category after its last `/` (`科技、教育 / 通知` → `通知`);
//! 3. the title's ending: the known genre the title ends with, after dropping a trailing
//!    bracketed note or a closing 》 (`…实施方案` → `方案`, `…的通知` → `通知`);
//! 4. otherwise none (the catalogue shows it under 其他).

/// Genres recognised at the end of a title. A compound ends in its base (实施方案 in 方案,
/// 暂行规定 in 规定), so the base is what the facet shows.
const TITLE_ENDINGS: &[&str] = &[
    "解读", "通知", "通报", "意见", "方案", "办法", "规定", "决定", "细则", "规划", "计划", "公告", "公示", "批复",
    "报告", "函", "纪要", "条例", "标准",
];

/// The genre of a document that does not state one (see the module docs).
pub fn derive(title: &str, category: Option<&str>, interprets: bool) -> Option<String> {
    if interprets {
        return Some("解读".to_string());
    }
    let from_category = category
        .and_then(|c| c.rsplit_once('/').map(|(_, g)| g.trim()))
        .filter(|g| !g.is_empty() && g.chars().count() <= 6);
    if let Some(g) = from_category {
        return Some(g.to_string());
    }
    // A trailing （试行） or （2017—2020年） is not the genre.
    let mut title = title.trim();
    if title.ends_with(['）', ')']) {
        title = title.rfind(['（', '(']).map_or(title, |i| &title[..i]);
    }
    let title = title.trim_end_matches(['》', '」']);
    TITLE_ENDINGS.iter().find(|g| title.ends_with(**g)).map(|g| g.to_string())
}

/// 解读形式: how an interpretation explains its policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Interpretation {
    /// 文字解读 (the default)
    Text,
    /// 图解
    Graphic,
    /// 问答
    QAndA,
}

impl Interpretation {
    pub const SPELLINGS: &[(&str, Interpretation)] = &[
        ("文字解读", Interpretation::Text),
        ("文字", Interpretation::Text),
        ("text", Interpretation::Text),
        ("图解", Interpretation::Graphic),
        ("图文解读", Interpretation::Graphic),
        ("graphic", Interpretation::Graphic),
        ("问答", Interpretation::QAndA),
        ("问答解读", Interpretation::QAndA),
        ("qa", Interpretation::QAndA),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Interpretation::Text => "文字解读",
            Interpretation::Graphic => "图解",
            Interpretation::QAndA => "问答",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genre_comes_from_the_category_then_the_title() {
        assert_eq!(derive("关于印发某方案的通知", Some("科技、教育 / 意见"), false).as_deref(), Some("意见"));
        assert_eq!(derive("关于开展自查的通知", Some("公示"), false).as_deref(), Some("通知"));
        assert_eq!(derive("连云区落实《行动计划》实施方案", None, false).as_deref(), Some("方案"));
        assert_eq!(derive("某某管理办法（试行）", None, false).as_deref(), Some("办法"));
        assert_eq!(derive("问答：某文件", Some("科技、教育 / 通知"), true).as_deref(), Some("解读"));
        assert_eq!(derive("2017年度交流名单", None, false), None);
    }
}

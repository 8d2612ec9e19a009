//! Kinds of plain page a disclosure column needs (页面类型): the 政府信息公开指南 and the
//! 依申请公开 page. A page in pages/ says which it is (`kind: guide`, 页面类型: 信息公开指南);
//! each kind has sections readers expect, and a missing one is a warning at the `kind` value.
//!
//! A section is found by a heading (any level) that contains one of its names, so staff keep
//! their own numbering and wording: `## 三、收费标准` counts as 收费.

use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageType {
    /// 政府信息公开指南
    Guide,
    /// 依申请公开: how to apply, with the bureau's contact.
    Application,
}

/// A section a kind of page must have: its name, and the words a heading may use for it.
struct Section {
    name: &'static str,
    words: &'static [&'static str],
    /// What the section should say, for the hint.
    about: &'static str,
}

const GUIDE: &[Section] = &[
    Section {
        name: "公开范围",
        words: &["公开范围", "公开内容", "信息分类"],
        about: "本机关主动公开哪些信息、不予公开哪些",
    },
    Section {
        name: "主动公开", words: &["主动公开"], about: "在哪里公开（网站、公开查阅点）、多长时间内公开"
    },
    Section {
        name: "依申请公开", words: &["依申请公开", "申请公开"], about: "向谁申请、怎样提交、多长时间答复"
    },
    Section { name: "收费", words: &["收费", "费用"], about: "是否收取信息处理费、按什么标准" },
    Section {
        name: "监督和救济",
        words: &["监督", "救济", "投诉", "复议"],
        about: "向谁投诉举报，怎样申请行政复议或提起行政诉讼",
    },
];

const APPLICATION: &[Section] = &[
    Section {
        name: "受理机构",
        words: &["受理机构", "受理机关", "受理部门"],
        about: "哪个部门受理申请（联系方式会从 site.yaml 自动显示）",
    },
    Section {
        name: "申请方式",
        words: &["申请方式", "提出申请", "提交申请", "如何申请"],
        about: "当面、信函、网上等提交方式",
    },
    Section {
        name: "申请内容",
        words: &["申请内容", "申请书", "需要写明", "应当包括"],
        about: "申请书要写明的事项和身份证明",
    },
    Section {
        name: "答复期限", words: &["答复", "期限", "时限"], about: "收到申请后多少个工作日内答复，可以延长多久"
    },
    Section {
        name: "监督和救济",
        words: &["监督", "救济", "投诉", "复议"],
        about: "对答复不服时怎样投诉、申请行政复议或提起行政诉讼",
    },
];

impl PageType {
    pub const SPELLINGS: &[(&str, PageType)] = &[
        ("guide", PageType::Guide),
        ("信息公开指南", PageType::Guide),
        ("政府信息公开指南", PageType::Guide),
        ("指南", PageType::Guide),
        ("application", PageType::Application),
        ("依申请公开", PageType::Application),
        ("申请公开", PageType::Application),
    ];

    pub fn key(self) -> &'static str {
        match self {
            PageType::Guide => "guide",
            PageType::Application => "application",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PageType::Guide => "政府信息公开指南",
            PageType::Application => "依申请公开",
        }
    }

    fn sections(self) -> &'static [Section] {
        match self {
            PageType::Guide => GUIDE,
            PageType::Application => APPLICATION,
        }
    }

    /// Warns at `at` (the `kind` value) for each expected section no heading of `body` names.
    pub fn check(self, body: &str, at: Span, diags: &mut Diagnostics) {
        let headings = headings(body);
        for s in self.sections() {
            if !headings.iter().any(|h| s.words.iter().any(|w| h.contains(w))) {
                diags.push(
                    Diagnostic::warning(Code::PageSectionMissing, at)
                        .detail(format!("{}缺少“{}”一节", self.label(), s.name))
                        .hint(format!(
                            "在正文里加一个小标题，如「## {}」，写明{}。/ Add a section headed {}.",
                            s.name, s.about, s.name
                        )),
                );
            }
        }
    }
}

/// The text of the body's ATX headings (`## 三、收费`), outside fenced code.
fn headings(body: &str) -> Vec<&str> {
    let mut fenced = false;
    let mut out = Vec::new();
    for line in body.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        } else if !fenced && t.starts_with('#') {
            out.push(t.trim_start_matches('#').trim());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::FileId;

    #[test]
    fn finds_sections_by_words_in_any_heading() {
        let body = "## 一、公开范围\n## 二、主动公开\n```\n# 收费\n```\n### （三）依申请公开\n## 四、监督和救济\n";
        let mut diags = Diagnostics::default();
        PageType::Guide.check(body, Span::new(FileId(0), 0, 1), &mut diags);
        let missing: Vec<&str> = diags.iter().map(|d| d.detail.as_str()).collect();
        assert_eq!(missing, ["政府信息公开指南缺少“收费”一节"]);
    }
}

//! What the preview adds to each page: a script that reloads it when a build finishes, and,
//! while the last build failed, a panel over the page with the diagnostics (file, line, the
//! source line with a caret, the hint) drawn as the terminal draws them.

use crate::diagnostics::term::{self, Style};
use crate::diagnostics::{Diagnostic, Diagnostics, Sources};

/// Where pages listen for finished builds.
pub const EVENTS: &str = "/__gongshi/events";

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The panel for a failed build; the page under it is the last good one.
pub fn failure(sources: &Sources, diags: &Diagnostics) -> String {
    let (shown, more) = diags.sorted_capped(sources);
    let items: String = shown
        .into_iter()
        .map(|d| format!("<pre>{}</pre>", escape(&term::render(d, sources, Style::Plain))))
        .chain(more.iter().map(|line| format!("<pre>{}</pre>", escape(line))))
        .collect();
    panel(
        "构建失败：下面是要修改的地方。改好保存后页面会自动恢复；现在显示的是上一次成功的版本。/ The build failed; fix and save to reload.",
        &items,
    )
}

/// The panel for a page that failed to render (a template error); the rest of the site works.
pub fn page_failure(d: &Diagnostic) -> String {
    let item = format!("<pre>{}</pre>", escape(&term::render(d, &Sources::default(), Style::Plain)));
    panel("这个页面无法生成：下面是要修改的地方。改好保存后页面会自动恢复。/ This page failed to render.", &item)
}

fn panel(heading: &str, items: &str) -> String {
    format!(
        "<div id=\"gongshi-overlay\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:80vh;overflow:auto;\
         z-index:2147483647;background:#fff8f6;color:#1d232b;border-bottom:4px solid #a4161a;padding:1rem;\
         font:15px/1.5 sans-serif;box-shadow:0 4px 16px rgba(0,0,0,.25)\">\
         <p style=\"margin:0 0 .5rem;font-weight:700;color:#a4161a\">{heading}</p>\
         <div style=\"font:14px/1.45 monospace;white-space:pre-wrap\">{items}</div>\
         <button type=\"button\" onclick=\"this.parentNode.remove()\">关闭 / close</button></div>"
    )
}

/// The page with the reload script and, if given, the failure panel, before `</body>`.
pub fn inject(html: &str, panel: Option<&str>) -> String {
    let script = format!("<script>new EventSource(\"{EVENTS}\").onmessage=function(){{location.reload()}};</script>");
    let extra = format!("{}{script}", panel.unwrap_or(""));
    match html.rfind("</body>") {
        Some(at) => format!("{}{extra}{}", &html[..at], &html[at..]),
        None => format!("{html}{extra}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, Diagnostic, Span};

    #[test]
    fn the_panel_shows_file_line_caret_and_hint_escaped() {
        let mut sources = Sources::default();
        let text = "---\ntitle: <甲>\ndate: 2017-02-30\n---\n";
        let id = sources.add("policies/a.md".into(), text);
        let at = text.find("2017-02-30").unwrap();
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(Code::InvalidDate, Span::new(id, at, at + 10)).detail("不是真实存在的日期"));
        let panel = failure(&sources, &diags);
        assert!(panel.contains("policies/a.md:3:7: 错误：日期无效"), "{panel}");
        assert!(panel.contains("3 | date: 2017-02-30") && panel.contains("^^^^^^^^^^"), "{panel}");
        let page = inject("<html><body><p>x</p></body></html>", Some(&panel));
        assert!(page.ends_with("</script></body></html>") && page.contains("gongshi-overlay"));
        assert!(!inject("<p>&lt;甲&gt;</p>", None).contains("overlay"));
    }

    /// Issue 20: the error panel showed the source line with the ID number in full.
    #[test]
    fn the_panel_masks_personal_numbers() {
        let mut sources = Sources::default();
        let text = "---\ntitle: 甲\ncontact: 13812345678\n---\n";
        let id = sources.add("policies/a.md".into(), text);
        let at = text.find("138").unwrap();
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(Code::PiiMobile, Span::new(id, at, at + 11)).detail("「138****5678」"));
        let panel = failure(&sources, &diags);
        assert!(panel.contains("3 | contact: 138****5678"), "{panel}");
        assert!(!panel.contains("13812345678"), "{panel}");
    }
}

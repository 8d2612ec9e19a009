//! Free text (a 公示's 意见反馈, the site's 受理时间) as HTML in which phone numbers, dates and
//! times stay on one line: a phone reader should not see `0518-` / `82310000`.

/// Escapes `text` for HTML and wraps each run of digits joined by `-`, `:`, `—`, `–`, `~`, `～`,
/// `/` or `.` (`0518-82310000`, `2017-08-10`, `8:30—17:30`) in `<span class="nowrap">`.
pub fn html(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 32);
    let mut i = 0;
    while i < chars.len() {
        let end = run_end(&chars, i);
        if end > i {
            out.push_str("<span class=\"nowrap\">");
            chars[i..end].iter().for_each(|&c| escape_into(&mut out, c));
            out.push_str("</span>");
            i = end;
        } else {
            escape_into(&mut out, chars[i]);
            i += 1;
        }
    }
    out
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | ':' | '—' | '–' | '~' | '～' | '/' | '.')
}

/// Where a run that starts at `start` ends: digits, joiners between digits, at least one
/// joiner; `start` itself (no run) otherwise.
fn run_end(chars: &[char], start: usize) -> usize {
    if !chars[start].is_ascii_digit() || (start > 0 && chars[start - 1].is_ascii_digit()) {
        return start;
    }
    let (mut end, mut joined, mut i) = (start, false, start);
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            i += 1;
            end = i;
        } else if is_joiner(chars[i]) && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            joined = true;
            i += 1;
        } else {
            break;
        }
    }
    if joined { end } else { start }
}

fn escape_into(out: &mut String, c: char) {
    match c {
        '&' => out.push_str("&amp;"),
        '<' => out.push_str("&lt;"),
        '>' => out.push_str("&gt;"),
        '"' => out.push_str("&quot;"),
        '\'' => out.push_str("&#39;"),
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::html;

    #[test]
    fn keeps_phone_numbers_dates_and_times_whole() {
        assert_eq!(html("电话 0518-82310000。"), "电话 <span class=\"nowrap\">0518-82310000</span>。");
        assert_eq!(html("工作日 8:30—17:30"), "工作日 <span class=\"nowrap\">8:30—17:30</span>");
        assert_eq!(
            html("2017-08-10 至 2017-08-16"),
            "<span class=\"nowrap\">2017-08-10</span> 至 <span class=\"nowrap\">2017-08-16</span>"
        );
    }

    #[test]
    fn leaves_plain_numbers_and_escapes_the_rest() {
        assert_eq!(html("共 5 人，第 3 号"), "共 5 人，第 3 号");
        assert_eq!(html("<b>1-2</b>"), "&lt;b&gt;<span class=\"nowrap\">1-2</span>&lt;/b&gt;");
        assert_eq!(html("a.b 12. 3-"), "a.b 12. 3-");
    }
}

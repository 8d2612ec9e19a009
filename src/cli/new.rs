//! `gongshi new policy|notice|page "标题"`: a new document with every front-matter key ready
//! to fill, under its Chinese name with a comment on each, named by the title's pinyin.

use super::report;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// 政策文件
    Policy,
    /// 通知公告
    Notice,
    /// 页面
    Page,
}

#[derive(clap::Args, Debug)]
pub struct NewArgs {
    /// 类型：policy（政策文件）、notice（通知公告）或 page（页面）
    #[arg(value_enum, value_name = "类型")]
    kind: Kind,
    /// 标题 / title
    #[arg(value_name = "标题")]
    title: String,
    /// 网站文件夹（默认 content）/ the site folder
    #[arg(long, default_value = "content", value_name = "网站文件夹")]
    site: PathBuf,
}

/// The longest file name made from a title, in bytes of pinyin.
const MAX_NAME: usize = 48;

/// The file name for a title: its pinyin cut between whole syllables, or `wenjian` (文件) when it
/// has none.
fn file_name(title: &str) -> String {
    let slug = crate::model::lists::pinyin_slug_within(title, MAX_NAME);
    if slug.is_empty() { "wenjian".to_string() } else { slug }
}

/// The front matter and a first line of body for a new document: each key under its Chinese
/// name, in the order of the 政府信息公开 metadata table, with a comment saying what to write.
fn text(kind: Kind, title: &str, today: &str) -> String {
    let year = &today[..4];
    let title = format!("标题: \"{}\"", quoted(title));
    let mut lines: Vec<(String, String)> = vec![(title, "必填".into())];
    let mut add = |line: &str, comment: &str| lines.push((line.to_string(), comment.to_string()));
    match kind {
        Kind::Policy => {
            add("文号:", "例：连区教〔2017〕89号；没有可以不写");
            add("索引号:", "例：01425813-3/2017-00060");
            add("发布机构:", "不写则为 site.yaml 的主办单位");
            add(&format!("成文日期: {today}"), "必填");
        }
        Kind::Notice => {
            add("文号:", "没有可以不写");
            add("发布机构:", "不写则为 site.yaml 的主办单位");
            add(&format!("公示期: {{开始: {today}, 结束: {today}}}"), "没有公示期可以删去这一行");
            add("意见反馈:", "公示期内怎样提意见，如 向基础教育科反映，电话 0518-82310000");
        }
        Kind::Page => {
            add("网址名:", "页面网址，如 about；不写则用文件名");
            add("页面类型:", "信息公开指南 或 依申请公开；普通页面不写");
        }
    }
    add(&format!("发布日期: {today}"), "晚于今天的文件到那天才发布");
    if kind != Kind::Page {
        add("主题分类:", "例：科技、教育 / 通知");
        add("主题词: []", "例：[义务教育, 优质均衡]");
        add("内容概述:", "一两句话，显示在列表和搜索结果里");
    }
    if kind == Kind::Policy {
        add("时效: 有效", "有效、失效 或 废止");
        add("替代: []", "这份文件替代的旧文件的文号");
        add("体裁:", "例：通知、意见、方案、办法；不写则按主题分类或标题判断");
        add("解读对象:", "写政策解读时填被解读文件的文号，并加一行 解读形式: 问答（或 文字解读、图解）");
    }
    add("附件: []", &format!("例：[{{标题: 附件1, 文件: {year}/附件1.pdf}}]，文件放在 files/ 里"));
    add("草稿: false", "改成 true 则暂不发布");
    let width = lines.iter().map(|(l, _)| unicode_width::UnicodeWidthStr::width(l.as_str())).max().unwrap_or(0) + 2;
    let body: String = lines
        .iter()
        .map(|(line, comment)| {
            let pad = width - unicode_width::UnicodeWidthStr::width(line.as_str());
            format!("{line}{}# {comment}\n", " ".repeat(pad))
        })
        .collect();
    format!("---\n{body}---\n\n{}\n", crate::model::document::PLACEHOLDER_BODY)
}

/// `title` as the inside of a YAML double-quoted string: `\` and `"` escaped, control characters
/// (a pasted line break or tab) made spaces.
fn quoted(title: &str) -> String {
    let mut out = String::with_capacity(title.len());
    for c in title.chars() {
        match c {
            '\\' | '"' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn run(args: &NewArgs) -> Result<(), ()> {
    let today = super::today().map_err(|e| report::fatal(&e))?.to_string();
    let name = format!("{}.md", file_name(&args.title));
    let rel: PathBuf = match args.kind {
        Kind::Policy => Path::new("policies").join(&today[..4]).join(name),
        Kind::Notice => Path::new("notices").join(name),
        Kind::Page => Path::new("pages").join(name),
    };
    if !args.site.join("site.yaml").is_file() && !args.site.join("site.yml").is_file() {
        report::fatal(&format!("{} 里没有 site.yaml：请用 --site 指定网站文件夹", args.site.display()));
        return Err(());
    }
    let path = args.site.join(&rel);
    if path.exists() {
        report::fatal(&format!(
            "{} 已经存在，不会覆盖；请换一个标题或先改名 / exists, not overwritten",
            path.display()
        ));
        return Err(());
    }
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| std::fs::OpenOptions::new().write(true).create_new(true).open(&path))
        .and_then(|mut f| f.write_all(text(args.kind, &args.title, &today).as_bytes()));
    match written {
        Ok(()) => {
            let _ = writeln!(std::io::stdout(), "已创建 {} / created", path.display());
            Ok(())
        }
        Err(e) => {
            report::fatal(&format!("无法创建 {}：{}", path.display(), crate::diagnostics::os::explain("写入", &e)));
            Err(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_files_by_the_titles_pinyin() {
        assert_eq!(file_name("关于印发方案的通知"), "guanyuyinfafangandetongzhi");
        assert_eq!(file_name("2026年 实施方案"), "2026nian-shishifangan");
        assert_eq!(file_name("——"), "wenjian");
        assert!(file_name(&"义务教育优质均衡".repeat(10)).len() <= MAX_NAME);
        // Issue 19: never `…mingdandegongsh`.
        let long = "关于公布2017年度连云区义务教育阶段教师交流名单的公示";
        let name = file_name(long);
        assert_eq!(name, "guanyugongbu2017niandulianyunquyiwujiaoyujieduan");
        assert_eq!(file_name(&"公示".repeat(30)), "gongshi".repeat(6) + "gong");
    }
}

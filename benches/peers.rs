//! The generated site again, for Hugo and for Zola: the same documents and schools as content
//! pages (same Markdown bodies), each with its metadata table drawn by a template from the front
//! matter; lists paginated by 20; a categories taxonomy; sitemap and RSS (both tools' defaults).
//!
//! What they do not have, and gongshi builds on top: exchange lists, dashboards and charts, data
//! downloads, year lists, the search index. Attachments are named in the metadata table but not
//! copied.

use crate::corpus::{Page, Record};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

const BASE_URL: &str = "https://jyj.example.cn/junheng/";
const TITLE: &str = "义务教育优质均衡发展专栏（测试）";
const SECTIONS: &[(&str, &str, &str)] =
    &[("policies", "政策文件", "date"), ("notices", "通知公告", "date"), ("schools", "学校", "title")];

/// A Hugo site (tested with Debian's Hugo 0.111) in `dir`.
pub fn write_hugo(dir: &Path, record: &Record) -> io::Result<()> {
    let config = format!(
        "baseURL = \"{BASE_URL}\"\nlanguageCode = \"zh-cn\"\ntitle = \"{TITLE}\"\npaginate = 20\n\
         hasCJKLanguage = true\n\n[taxonomies]\ncategory = \"categories\"\n"
    );
    write(dir, "config.toml", &config)?;
    for (name, text) in HUGO_LAYOUTS {
        write(dir, &format!("layouts/{name}"), text)?;
    }
    write(dir, "content/_index.md", &format!("+++\ntitle = \"{TITLE}\"\n+++\n"))?;
    // Hugo's default order is by date, then title: no sort key needed
    for (section, title, _) in SECTIONS {
        write(dir, &format!("content/{section}/_index.md"), &format!("+++\ntitle = \"{title}\"\n+++\n"))?;
    }
    pages(dir, record, |page| front(page, "categories = ", "meta = "))
}

/// A Zola site (0.19 or later: `generate_feeds`) in `dir`.
pub fn write_zola(dir: &Path, record: &Record) -> io::Result<()> {
    let config = format!(
        "base_url = \"{BASE_URL}\"\ntitle = \"{TITLE}\"\ndefault_language = \"zh\"\ngenerate_feeds = true\n\
         feed_filenames = [\"rss.xml\"]\ntaxonomies = [{{ name = \"categories\", feed = true, paginate_by = 20 }}]\n"
    );
    write(dir, "config.toml", &config)?;
    for (name, text) in ZOLA_TEMPLATES {
        write(dir, &format!("templates/{name}"), text)?;
    }
    write(dir, "content/_index.md", &format!("+++\ntitle = \"{TITLE}\"\n+++\n"))?;
    for (section, title, by) in SECTIONS {
        let text = format!("+++\ntitle = \"{title}\"\nsort_by = \"{by}\"\npaginate_by = 20\n+++\n");
        write(dir, &format!("content/{section}/_index.md"), &text)?;
    }
    pages(dir, record, |page| front(page, "[taxonomies]\ncategories = ", "[extra]\nmeta = "))
}

fn pages(dir: &Path, record: &Record, front: impl Fn(&Page) -> String) -> io::Result<()> {
    for page in record.docs.iter().chain(&record.schools) {
        let text = front(page) + &page.body;
        write(dir, &format!("content/{}/{}.md", page.section, page.slug), &text)?;
    }
    Ok(())
}

/// TOML front matter; `categories` and `meta` say where those go (Zola wants them in tables).
fn front(page: &Page, categories: &str, meta: &str) -> String {
    let mut out = format!("+++\ntitle = {}\n", quote(&page.title));
    if let Some(date) = &page.date {
        let _ = writeln!(out, "date = {date}");
    }
    let list: Vec<String> = page.categories.iter().map(|c| quote(c)).collect();
    if !list.is_empty() {
        let _ = writeln!(out, "{categories}[{}]", list.join(", "));
    }
    let rows: Vec<String> = page.meta.iter().map(|(k, v)| format!("[{}, {}]", quote(k), quote(v))).collect();
    let _ = writeln!(out, "{meta}[{}]", rows.join(", "));
    out + "+++\n\n"
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn write(dir: &Path, rel: &str, text: &str) -> io::Result<()> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, text)
}

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "_default/baseof.html",
        r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} - {{ .Site.Title }}</title>
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head><body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav><a href="{{ relURL "policies/" }}">政策文件</a> <a href="{{ relURL "notices/" }}">通知公告</a> <a href="{{ relURL "schools/" }}">学校</a> <a href="{{ relURL "categories/" }}">主题分类</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Site.Title }}</footer>
</body></html>
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<table class="meta"><caption>文件信息</caption><tbody>
{{ range .Params.meta }}<tr><th scope="row">{{ index . 0 }}</th><td>{{ index . 1 }}</td></tr>
{{ end }}{{ with .GetTerms "categories" }}<tr><th scope="row">主题分类</th><td>{{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</td></tr>{{ end }}
</tbody></table>
{{ .Content }}</article>{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}<ul>
{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} <time>{{ .Date.Format "2006-01-02" }}</time>{{ end }}</li>
{{ end }}</ul>
<nav>{{ if $pager.HasPrev }}<a href="{{ $pager.Prev.URL }}">上一页</a>{{ end }} 第 {{ $pager.PageNumber }} / {{ $pager.TotalPages }} 页 {{ if $pager.HasNext }}<a href="{{ $pager.Next.URL }}">下一页</a>{{ end }}</nav>{{ end }}
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}<h1>{{ .Site.Title }}</h1>
{{ range slice "policies" "notices" }}<section><h2>{{ . }}</h2><ul>
{{ range first 10 (where $.Site.RegularPages "Section" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul></section>{{ end }}{{ end }}
"#,
    ),
];

const ZOLA_TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock %}</title>
<link rel="alternate" type="application/rss+xml" href="{{ get_url(path="rss.xml") }}">
</head><body>
<header><a href="{{ config.base_url }}">{{ config.title }}</a>
<nav><a href="{{ get_url(path="@/policies/_index.md") }}">政策文件</a> <a href="{{ get_url(path="@/notices/_index.md") }}">通知公告</a> <a href="{{ get_url(path="@/schools/_index.md") }}">学校</a> <a href="{{ get_url(path="categories") }}">主题分类</a></nav></header>
<main>{% block main %}{% endblock %}</main>
<footer>{{ config.title }}</footer>
</body></html>
"#,
    ),
    (
        "page.html",
        r#"{% extends "base.html" %}{% block title %}{{ page.title }} - {{ config.title }}{% endblock %}
{% block main %}<article><h1>{{ page.title }}</h1>
<table class="meta"><caption>文件信息</caption><tbody>
{% for row in page.extra.meta %}<tr><th scope="row">{{ row.0 }}</th><td>{{ row.1 }}</td></tr>
{% endfor %}{% if page.taxonomies.categories %}<tr><th scope="row">主题分类</th><td>{% for c in page.taxonomies.categories %}<a href="{{ get_taxonomy_url(kind="categories", name=c) }}">{{ c }}</a>{% endfor %}</td></tr>{% endif %}
</tbody></table>
{{ page.content | safe }}</article>{% endblock %}
"#,
    ),
    (
        "section.html",
        r#"{% extends "base.html" %}{% block title %}{{ section.title }} - {{ config.title }}{% endblock %}
{% block main %}<h1>{{ section.title }}</h1>
{% include "pager.html" %}{% endblock %}
"#,
    ),
    (
        "pager.html",
        r#"<ul>
{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a>{% if p.date %} <time>{{ p.date }}</time>{% endif %}</li>
{% endfor %}</ul>
<nav>{% if paginator.previous %}<a href="{{ paginator.previous }}">上一页</a>{% endif %} 第 {{ paginator.current_index }} / {{ paginator.number_pagers }} 页 {% if paginator.next %}<a href="{{ paginator.next }}">下一页</a>{% endif %}</nav>
"#,
    ),
    (
        "index.html",
        r#"{% extends "base.html" %}{% block main %}<h1>{{ config.title }}</h1>
{% for name in ["policies", "notices"] %}{% set s = get_section(path=name ~ "/_index.md") %}<section><h2>{{ s.title }}</h2><ul>
{% for p in s.pages | slice(end=10) %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time>{{ p.date }}</time></li>
{% endfor %}</ul></section>{% endfor %}{% endblock %}
"#,
    ),
    (
        "taxonomy_list.html",
        r#"{% extends "base.html" %}{% block main %}<h1>主题分类</h1><ul>
{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.pages | length }})</li>
{% endfor %}</ul>{% endblock %}
"#,
    ),
    (
        "taxonomy_single.html",
        r#"{% extends "base.html" %}{% block main %}<h1>{{ term.name }}</h1>
{% include "pager.html" %}{% endblock %}
"#,
    ),
];

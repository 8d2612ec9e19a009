//! What is searchable: one record per document, school and pairing, with the text of each field
//! and the fragment the browser shows for a result. Only what a page says is indexed, never the
//! header, navigation or footer around it.
//!
//! Records are numbered schools first (a name typed in full should find the school before the
//! documents that mention it), then documents newest first (so a lower number wins a tie, which
//! makes newer documents come first), then pairings.

use super::pinyin;
use crate::evaluate::Findings;
use crate::model::pages::PageKind;
use crate::model::{Document, Section, Site};
use crate::render::body::{Bodies, Body};
use crate::render::views::{self, labels};
use serde::Serialize;

/// How long a result's excerpt may be, in characters: enough for a snippet around a match near
/// the start, small enough that ten results stay a few kilobytes.
pub const EXCERPT_CHARS: usize = 240;

/// The fields of a record, strongest first: a match in a title outranks one in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Title, or a school's name, aliases and pinyin.
    Title = 0,
    /// 文号.
    DocNo = 1,
    /// 主题词, 发布机构, 索引号, 主题分类, 内容概述; a school's town, stage and pairings.
    Meta = 2,
    Body = 3,
}

pub const FIELDS: usize = 4;

/// The kind of a record, as the browser sees it (one letter).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    School,
    Policy,
    Notice,
    Page,
    Pairing,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::School => "s",
            Kind::Policy => "p",
            Kind::Notice => "n",
            Kind::Page => "g",
            Kind::Pairing => "j",
        }
    }
}

/// What a result shows, written as one small JSON file per record.
#[derive(Debug, Serialize)]
pub struct Fragment {
    /// Title or name.
    pub t: String,
    /// Link from the site root.
    pub u: String,
    /// Kind (see [`Kind::code`]).
    pub k: &'static str,
    /// Date, for documents.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub d: Option<String>,
    /// 文号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// One line of facts under the title.
    pub m: String,
    /// The start of the text, for snippets.
    pub x: String,
    /// Pinyin readings (schools), to confirm a Latin query.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub p: Vec<String>,
    /// Title and excerpt folded (繁→简), when that changes them: the browser only has the
    /// folding tables of the query's own characters, and highlights by these.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f: Option<(String, String)>,
}

impl Fragment {
    /// Adds the folded texts where they hold characters the folding table changes (width and
    /// case the browser folds by itself).
    fn folded(mut self) -> Fragment {
        let traditional = |s: &str| s.chars().any(|c| crate::hanzi::fold_char(c) != c);
        if traditional(&self.t) || traditional(&self.x) {
            self.f = Some((super::text::fold(&self.t), super::text::fold(&self.x)));
        }
        self
    }
}

pub struct Record {
    pub kind: Kind,
    pub fields: [String; FIELDS],
    pub fragment: Fragment,
}

fn excerpt(parts: &[&str]) -> String {
    let joined = parts.iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ");
    let flat: String = joined.split_whitespace().collect::<Vec<_>>().join(" ");
    flat.chars().take(EXCERPT_CHARS).collect()
}

fn join(parts: &[Option<&str>]) -> String {
    parts.iter().flatten().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(" · ")
}

fn link(site: &Site, kind: &PageKind) -> String {
    views::url_of(site, kind).unwrap_or_default()
}

fn document(site: &Site, d: &Document, body: Option<&Body>) -> Record {
    let kind = match d.section {
        Section::Policies => Kind::Policy,
        Section::Notices => Kind::Notice,
        Section::Pages => Kind::Page,
    };
    let text = body.map_or("", |b| b.text.as_str());
    let category = d.category.as_ref().map(|c| c.value.as_str());
    let meta = [
        d.keywords.join(" ").as_str(),
        &d.issuer,
        d.index_no.as_deref().unwrap_or(""),
        category.unwrap_or(""),
        d.summary.as_deref().unwrap_or(""),
    ]
    .join("\n");
    let doc_no = d.doc_no.as_ref().map(|n| n.value.clone());
    Record {
        kind,
        fields: [d.title.clone(), doc_no.clone().unwrap_or_default(), meta, text.to_string()],
        fragment: Fragment {
            t: d.title.clone(),
            u: link(site, &PageKind::Document(d.id.clone())),
            k: kind.code(),
            d: d.sort_date().map(|x| x.to_string()),
            n: doc_no,
            m: join(&[Some(&d.issuer), category]),
            x: excerpt(&[d.summary.as_deref().unwrap_or(""), text]),
            p: Vec::new(),
            f: None,
        }
        .folded(),
    }
}

fn school(site: &Site, findings: &Findings, s: &crate::model::school::School) -> Record {
    let readings = pinyin::school(s);
    let pairings: Vec<String> = site
        .index
        .pairings
        .get(&s.id)
        .into_iter()
        .flatten()
        .filter_map(|id| site.pairings.get(id))
        .map(|p| views::pairing::title(site, p))
        .collect();
    let verdict =
        findings.latest_verdict(site, &s.id).map(|(year, v)| format!("{year} 年{}", labels::verdict(Some(v)).label));
    let title = std::iter::once(s.name.as_str())
        .chain(s.aliases.iter().map(String::as_str))
        .chain(readings.iter().map(String::as_str));
    Record {
        kind: Kind::School,
        fields: [
            title.collect::<Vec<_>>().join("\n"),
            String::new(),
            [
                s.stage.label(),
                s.town.as_deref().unwrap_or(""),
                s.locale.map_or("", |l| l.label()),
                &pairings.join("\n"),
            ]
            .join("\n"),
            String::new(),
        ],
        fragment: Fragment {
            t: s.name.clone(),
            u: link(site, &PageKind::School(s.id.clone())),
            k: Kind::School.code(),
            d: None,
            n: None,
            m: join(&[Some(s.stage.label()), s.town.as_deref(), verdict.as_deref()]),
            x: excerpt(&[&s.aliases.join(" "), &pairings.join("；")]),
            p: readings,
            f: None,
        }
        .folded(),
    }
}

fn pairing(site: &Site, p: &crate::model::pairing::Pairing) -> Record {
    let title = views::pairing::title(site, p);
    let schools: Vec<String> =
        std::iter::once(&p.lead).chain(&p.members).map(|party| views::party(site, party).name).collect();
    let policy = p.policy.as_ref().map(|d| d.value.as_str()).unwrap_or("");
    Record {
        kind: Kind::Pairing,
        fields: [
            title.clone(),
            String::new(),
            // The column's name, so that 结对 finds every pairing whatever its form (集团化办学 …).
            [p.form.as_str(), "结对共建", &schools.join("\n"), policy].join("\n"),
            String::new(),
        ],
        fragment: Fragment {
            t: title,
            u: link(site, &PageKind::Pairing(p.id.clone())),
            k: Kind::Pairing.code(),
            d: None,
            n: None,
            m: p.form.clone(),
            x: excerpt(&[&schools.join("、")]),
            p: Vec::new(),
            f: None,
        }
        .folded(),
    }
}

/// Every record, numbered by position.
pub fn records(site: &Site, findings: &Findings, bodies: &Bodies) -> Vec<Record> {
    let mut docs: Vec<&Document> = site.documents.iter().collect();
    docs.sort_by(|a, b| b.sort_date().cmp(&a.sort_date()).then_with(|| a.id.cmp(&b.id)));
    let mut out: Vec<Record> = site.schools.iter().map(|s| school(site, findings, s)).collect();
    out.extend(docs.into_iter().map(|d| document(site, d, bodies.get(site, &d.id))));
    out.extend(site.pairings.iter().map(|p| pairing(site, p)));
    out
}

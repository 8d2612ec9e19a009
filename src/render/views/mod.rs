//! What templates see: plain serializable views made for them, never the model types.
//!
//! Every `url` in a view is an encoded site path without a leading `/` (`policies/a/`);
//! templates put `{{ root }}` before it, so links are relative to the page.

pub mod catalogue;
pub mod checks;
pub mod citations;
pub mod county;
pub mod coverage;
pub mod dashboard;
pub mod document;
pub mod duty;
pub mod exchange;
pub mod labels;
pub mod list;
pub mod nobreak;
pub mod pairing;
pub mod report;
pub mod school;
pub mod spread;

use crate::model::id::SchoolId;
use crate::model::pages::{Column, FeedKind, PageKind, Pages};
use crate::model::path::SitePath;
use crate::model::{Document, Section, Site};
use crate::render::links::encode_path;
use serde::Serialize;

/// The parts of every page's context that come from the site.
#[derive(Debug, Serialize, Clone)]
pub struct SiteView {
    pub title: String,
    pub issuer: String,
    pub region: Option<String>,
    pub description: Option<String>,
    pub demo: bool,
    pub contact: ContactView,
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: String,
    pub domain: String,
    pub icp: Option<String>,
    pub site_id_code: Option<String>,
    pub police_beian: Option<String>,
    /// The digits of the 公安备案号, for the link to its record.
    pub police_code: Option<String>,
    pub party_government: bool,
    pub organizer: Option<String>,
    /// Plain pages (pages/), linked from the footer.
    pub pages: Vec<Link>,
    pub generator: String,
    /// Static file name → the output path it is published under (`style.css` →
    /// `static/style.3f9a1c0b2d.css`): templates link `{{ root }}{{ site.assets["style.css"] }}`.
    pub assets: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Serialize, Clone)]
pub struct ContactView {
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub hours: Option<String>,
    /// `hours` as HTML in which times stay on one line (`8:30—17:30`).
    pub hours_html: Option<String>,
}

#[derive(Debug, Serialize, Clone, PartialEq, Eq)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Debug, Serialize, Clone)]
pub struct NavItem {
    pub title: String,
    pub url: String,
    pub current: bool,
}

/// The `<meta>` tags Chinese government sites carry (政府网站发展指引), so the pages can sit
/// inside a county portal as a 专栏.
#[derive(Debug, Serialize, Clone, Default)]
pub struct Meta {
    pub column_name: String,
    pub column_type: String,
    pub article_title: String,
    pub pub_date: String,
    pub content_source: String,
    pub keywords: String,
    pub description: String,
}

/// The frame of a page: where it is, what it is called, its navigation and meta tags.
#[derive(Debug, Serialize)]
pub struct Frame<'a> {
    pub site: &'a SiteView,
    /// Relative path from this page to the site root (`../../`).
    pub root: String,
    /// The page's site path (encoded), for the canonical link.
    pub path: String,
    pub canonical: String,
    /// The `<title>` text (the site title is appended by the template).
    pub title: String,
    pub nav: Vec<NavItem>,
    pub meta: Meta,
    /// The build date, `YYYY-MM-DD`.
    pub today: String,
    /// Feeds announced in `<head>`: the site's on every page, a column's on its lists.
    pub feeds: Vec<crate::render::feeds::FeedLink>,
}

/// A site path as templates link to it (encoded, no leading `/`).
pub fn url(path: &SitePath) -> String {
    encode_path(path.as_str())
}

/// The link to a page of the site, if it has that page.
pub fn url_of(site: &Site, kind: &PageKind) -> Option<String> {
    crate::model::pages::path_of(site, kind).map(|p| url(&p))
}

pub fn site_view(site: &Site) -> SiteView {
    let c = &site.config;
    let mut pages: Vec<Link> =
        site.in_section(Section::Pages).map(|d| Link { title: d.title.clone(), url: url(&d.url) }).collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    SiteView {
        title: c.title.clone(),
        issuer: c.issuer.clone(),
        region: c.region.clone(),
        description: c.description.clone(),
        demo: c.demo,
        contact: ContactView {
            phone: c.contact.phone.clone(),
            email: c.contact.email.clone(),
            address: c.contact.address.clone(),
            hours: c.contact.hours.clone(),
            hours_html: c.contact.hours.as_deref().map(nobreak::html),
        },
        base_url: c.base_url.absolute(""),
        domain: c.base_url.host.clone(),
        icp: c.icp.clone(),
        site_id_code: c.site_id_code.clone(),
        police_beian: c.police_beian.clone(),
        police_code: c.police_beian.as_deref().map(|b| b.chars().filter(char::is_ascii_digit).collect()),
        party_government: c.party_government,
        organizer: c.organizer.clone(),
        pages,
        generator: format!("gongshi {}", env!("CARGO_PKG_VERSION")),
        assets: Default::default(),
    }
}

/// Builds the frame of the page at site path `path`, in `column`.
pub fn frame<'a>(
    site: &'a Site,
    view: &'a SiteView,
    path: &SitePath,
    column: Column,
    title: &str,
    meta: Meta,
) -> Frame<'a> {
    let nav = site
        .pages
        .nav
        .iter()
        .map(|&c| NavItem {
            title: c.name().to_string(),
            url: Pages::column_path(c).map(|p| url(&p)).unwrap_or_default(),
            current: c == column,
        })
        .collect();
    let encoded = url(path);
    Frame {
        site: view,
        root: crate::render::links::root_from(path.as_str()),
        canonical: site.config.base_url.absolute(&encoded),
        path: encoded,
        title: title.to_string(),
        nav,
        meta,
        today: site.today.to_string(),
        feeds: [FeedKind::Site, FeedKind::Data, FeedKind::Duties]
            .iter()
            .filter_map(|k| crate::render::feeds::link(site, k))
            .collect(),
    }
}

/// Meta tags for a list or other non-article page.
pub fn column_meta(site: &Site, column: &str, title: &str, latest: Option<&Document>) -> Meta {
    Meta {
        column_name: column.to_string(),
        column_type: column.to_string(),
        article_title: title.to_string(),
        pub_date: latest.and_then(Document::sort_date).map(|d| d.to_string()).unwrap_or_default(),
        content_source: site.config.issuer.clone(),
        keywords: [site.config.region.as_deref().unwrap_or(""), column, "义务教育优质均衡"]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(","),
        description: site.config.description.clone().unwrap_or_else(|| site.config.title.clone()),
    }
}

/// A school of the site (linked) or one outside it (name only).
#[derive(Debug, Serialize, Clone, PartialEq, Eq)]
pub struct PartyView {
    pub name: String,
    pub url: Option<String>,
}

pub fn school_link(site: &Site, id: &SchoolId) -> PartyView {
    let name = site.schools.get(id).map_or_else(|| id.to_string(), |s| s.name.clone());
    PartyView { name, url: url_of(site, &PageKind::School(id.clone())) }
}

pub fn party(site: &Site, p: &crate::model::school::Party) -> PartyView {
    match p {
        crate::model::school::Party::School(id) => school_link(site, id),
        crate::model::school::Party::External(name) => PartyView { name: name.clone(), url: None },
    }
}

/// A label and a stable key for CSS (`达标` / `met`).
#[derive(Debug, Serialize, Clone, PartialEq, Eq)]
pub struct Badge {
    pub label: String,
    pub key: &'static str,
}

impl Badge {
    pub fn new(label: impl Into<String>, key: &'static str) -> Badge {
        Badge { label: label.into(), key }
    }
}

/// `2017-09-01 至 2020-08-31`
pub fn period_text(p: &crate::model::date::Period) -> String {
    format!("{} 至 {}", p.start, p.end)
}

/// A 文号 with a link when the site has the document.
#[derive(Debug, Serialize, Clone)]
pub struct PolicyRef {
    pub doc_no: String,
    pub title: Option<String>,
    pub url: Option<String>,
}

pub fn policy_ref(site: &Site, doc_no: &str) -> PolicyRef {
    let doc = site.document_by_doc_no(doc_no);
    PolicyRef { doc_no: doc_no.to_string(), title: doc.map(|d| d.title.clone()), url: doc.map(|d| url(&d.url)) }
}

/// A link to a data download in both formats.
#[derive(Debug, Serialize, Clone)]
pub struct Download {
    pub label: String,
    pub csv: String,
    pub json: String,
}

pub fn download(label: &str, stem: &str) -> Download {
    Download { label: label.to_string(), csv: format!("data/{stem}.csv"), json: format!("data/{stem}.json") }
}

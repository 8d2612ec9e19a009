//! The page registry: every page of the site, with its kind, its path and its column (栏目).
//!
//! Each kind of page is declared here once: [`PageKind`] names it, [`Column`] gives the
//! navigation entry it belongs to, and [`pages`] says when it exists, at which path, and how many
//! items it pages through. Navigation, the sitemap and the names a document may not take are all
//! derived from this list, and every path is checked as it is added: two pages on one path is an
//! error naming the input behind each, so nothing reaches publishing that would clash there.
//!
//! Feeds ([`FeedKind`]) are registered here too, so their files are checked against every page.
//!
//! To add a kind of page: a variant of `PageKind`, its lines in [`pages`] (when it exists, its
//! path and column; for a long list, [`Registry::paginated`]), its arm in
//! `render::pages::render` (template, view, downloads), and its template in the theme.

use super::document::Section;
use super::id::{DocId, PairingId, SchoolId};
use super::lists::{CATALOGUE_LIMIT, CATEGORIES, ListKey, YEARS};
use super::path::SitePath;
use super::{Document, Site};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Location, Span};
use crate::fast_map::FastMap;
use std::ops::Range;

/// A column of the site (栏目): an entry of the navigation and the pages under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Home,
    Policies,
    Notices,
    /// Plain pages (about, contact): linked from the footer, not the navigation.
    Pages,
    Schools,
    Pairings,
    Exchanges,
    Dashboard,
    /// 政府信息公开: the guide, how to apply and the annual reports.
    Disclosure,
    /// The search page (reached from the search box on every page, not the navigation).
    Search,
    /// The 404 page.
    None,
}

impl Column {
    /// The navigation, in order; a column shows when its first page exists.
    pub const NAV: [Column; 8] = [
        Column::Home,
        Column::Policies,
        Column::Notices,
        Column::Schools,
        Column::Pairings,
        Column::Exchanges,
        Column::Dashboard,
        Column::Disclosure,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Column::Home => "首页",
            Column::Policies => "政策文件",
            Column::Notices => "通知公告",
            Column::Pages => "其他页面",
            Column::Schools => "学校",
            Column::Pairings => "结对共建",
            Column::Exchanges => "教师交流",
            Column::Dashboard => "达标进展",
            Column::Disclosure => "信息公开",
            Column::Search => "搜索",
            Column::None => "",
        }
    }

    pub fn of_section(section: Section) -> Column {
        match section {
            Section::Policies => Column::Policies,
            Section::Notices => Column::Notices,
            Section::Pages => Column::Pages,
        }
    }

    /// The page the navigation links to.
    fn index(self) -> Option<PageKind> {
        match self {
            Column::Home => Some(PageKind::Home),
            Column::Policies => Some(PageKind::List(ListKey::Policies)),
            Column::Notices => Some(PageKind::List(ListKey::Notices)),
            Column::Schools => Some(PageKind::Schools),
            Column::Pairings => Some(PageKind::Pairings),
            Column::Exchanges => Some(PageKind::Exchanges),
            Column::Dashboard => Some(PageKind::Dashboard),
            Column::Disclosure => Some(PageKind::Disclosure),
            Column::Pages | Column::Search | Column::None => None,
        }
    }
}

/// What a page shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PageKind {
    Home,
    NotFound,
    Document(DocId),
    /// A list of documents (all policies, a year, a category, notices), paginated.
    List(ListKey),
    Schools,
    School(SchoolId),
    Pairings,
    Pairing(PairingId),
    Exchanges,
    Dashboard,
    /// 政府信息公开: links to the guide and the application page, and the annual reports.
    Disclosure,
    /// 政府信息公开工作年度报告 of a year.
    Report(i32),
    /// The county's verdict of a year by the standard's method, item by item.
    County(i32),
    Search,
}

/// An Atom feed of the site: all documents (`feed.xml`), a column's or a category's
/// (`policies/feed.xml`, `policies/category/…/feed.xml`), or the data updates
/// (`data/updates.xml`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FeedKind {
    Site,
    List(ListKey),
    Data,
    /// The plan's duties overdue and next due (data/duties.xml).
    Duties,
}

#[derive(Clone, Debug)]
pub struct Feed {
    pub kind: FeedKind,
    pub path: SitePath,
}

/// The file name of a feed beside its list page.
pub const FEED_FILE: &str = "feed.xml";

/// Kinds with one page at a fixed path.
const FIXED: [(PageKind, &str, Column); 10] = [
    (PageKind::Home, "", Column::Home),
    (PageKind::NotFound, "404.html", Column::None),
    (PageKind::List(ListKey::Policies), "policies/", Column::Policies),
    (PageKind::List(ListKey::Notices), "notices/", Column::Notices),
    (PageKind::Schools, "schools/", Column::Schools),
    (PageKind::Pairings, "pairings/", Column::Pairings),
    (PageKind::Exchanges, "exchanges/", Column::Exchanges),
    (PageKind::Dashboard, "dashboard/", Column::Dashboard),
    (PageKind::Search, "search/", Column::Search),
    (PageKind::Disclosure, "disclosure/", Column::Disclosure),
];

/// Top-level names of what the site writes besides its pages, and of pages to come.
const OTHER_OUTPUTS: [&str; 8] = ["files", "static", "data", "feed.xml", "sitemap.xml", "robots.txt", "index", "page"];

/// The segment under a list for its later pages (`policies/page/2/`).
const PAGE: &str = "page";

/// The path and column of a kind with one page at a fixed path.
fn fixed(kind: &PageKind) -> Option<(SitePath, Column)> {
    let (_, path, column) = FIXED.iter().find(|(k, ..)| k == kind)?;
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let path = if path.ends_with(".html") { SitePath::file(path).ok() } else { SitePath::page(&segments).ok() };
    Some((path?, *column))
}

fn fixed_path(kind: &PageKind) -> Option<SitePath> {
    fixed(kind).map(|(path, _)| path)
}

/// Which items of a paginated kind one page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pager {
    /// 1-based.
    pub number: usize,
    pub total: usize,
    pub items: Range<usize>,
    /// The path of the first page.
    pub base: SitePath,
}

#[derive(Clone, Debug)]
pub struct Page {
    pub kind: PageKind,
    pub path: SitePath,
    pub column: Column,
    pub pager: Option<Pager>,
}

/// Every page of the site, in registry order.
#[derive(Debug, Default)]
pub struct Pages {
    pub list: Vec<Page>,
    /// The columns in the navigation (those whose first page exists), in order.
    pub nav: Vec<Column>,
    /// Every feed, in registry order: the site's, the data updates', then the lists'.
    pub feeds: Vec<Feed>,
}

impl Pages {
    pub fn feed(&self, kind: &FeedKind) -> Option<&Feed> {
        self.feeds.iter().find(|f| f.kind == *kind)
    }

    /// The site path of a column's first page.
    pub fn column_path(column: Column) -> Option<SitePath> {
        fixed_path(&column.index()?)
    }
}

/// What made a path: a place in the input, or the registry itself.
#[derive(Clone, Copy, Debug)]
enum Origin {
    Input(Span),
    Builtin,
}

/// Pages as they are added, with what made each path, to find clashes.
struct Registry {
    pages: Vec<Page>,
    feeds: Vec<Feed>,
    per_page: usize,
    /// Lowercased output file (some servers and file systems ignore case) → origin.
    taken: FastMap<String, (Origin, SitePath)>,
}

impl Registry {
    /// A kind with one page at a fixed path.
    fn fixed(&mut self, kind: PageKind, diags: &mut Diagnostics) {
        if let Some((path, column)) = fixed(&kind) {
            self.add(kind, path, column, Origin::Builtin, diags);
        }
    }

    /// A fixed index page and a page under it for each item (`schools/` and
    /// `schools/xugou-xiaoxue/`), when there are items; each item is (kind, id, where the id is
    /// written).
    fn index_and_items<'a>(
        &mut self,
        index: PageKind,
        items: impl Iterator<Item = (PageKind, &'a str, Span)>,
        diags: &mut Diagnostics,
    ) {
        let mut items = items.peekable();
        let Some((base, column)) = items.peek().and_then(|_| fixed(&index)) else { return };
        self.fixed(index, diags);
        for (kind, id, span) in items {
            match base.join(&[id]) {
                Ok(path) => self.add(kind, path, column, Origin::Input(span), diags),
                Err(why) => diags.push(Diagnostic::error(Code::InvalidId, span).detail(format!("「{id}」：{why}"))),
            }
        }
    }

    fn add(&mut self, kind: PageKind, path: SitePath, column: Column, origin: Origin, diags: &mut Diagnostics) {
        self.add_page(Page { kind, path, column, pager: None }, origin, diags);
    }

    fn add_page(&mut self, page: Page, origin: Origin, diags: &mut Diagnostics) {
        if self.claim(&page.path, origin, diags) {
            self.pages.push(page);
        }
    }

    fn add_feed(&mut self, kind: FeedKind, path: Option<SitePath>, origin: Origin, diags: &mut Diagnostics) {
        if let Some(path) = path.filter(|p| self.claim(p, origin, diags)) {
            self.feeds.push(Feed { kind, path });
        }
    }

    /// Takes `path` for one output file; false (and an error) when it is taken.
    fn claim(&mut self, path: &SitePath, origin: Origin, diags: &mut Diagnostics) -> bool {
        let key = path.output_file().to_lowercase();
        if let Some((first, first_path)) = self.taken.get(&key) {
            diags.push(clash(origin, *first, path, first_path));
            return false;
        }
        self.taken.insert(key, (origin, path.clone()));
        true
    }

    /// `count` items shown `per_page` at a time: the first page at `base`, then `base/page/N/`;
    /// an empty list still has its first page.
    #[allow(clippy::too_many_arguments)]
    fn paginated(
        &mut self,
        kind: PageKind,
        base: &SitePath,
        count: usize,
        per_page: usize,
        column: Column,
        origin: Origin,
        diags: &mut Diagnostics,
    ) {
        let per_page = per_page.max(1);
        let total = count.div_ceil(per_page).max(1);
        for number in 1..=total {
            let items = (number - 1) * per_page..(number * per_page).min(count);
            let pager = Some(Pager { number, total, items, base: base.clone() });
            self.add_page(Page { kind: kind.clone(), path: base.nth(number), column, pager }, origin, diags);
        }
    }
}

fn clash(origin: Origin, first: Origin, path: &SitePath, first_path: &SitePath) -> Diagnostic {
    let shown = if path == first_path { format!("网址 {path}") } else { format!("网址 {path} 和 {first_path}") };
    match (origin, first) {
        (Origin::Input(span), Origin::Input(earlier)) => Diagnostic::error(Code::DuplicateUrl, span)
            .detail(format!("{shown} 已经被另一个页面使用"))
            .related(earlier, "那个页面的网址由这里决定"),
        (Origin::Input(span), Origin::Builtin) | (Origin::Builtin, Origin::Input(span)) => {
            Diagnostic::error(Code::ReservedSlug, span).detail(format!("{shown} 留给网站自己的页面"))
        }
        (Origin::Builtin, Origin::Builtin) => Diagnostic::error(Code::DuplicateUrl, Location::Path(path.output_file()))
            .detail(format!("两个页面都要写到 {path}")),
    }
}

/// Names a document may not take, whether or not the site has that page yet: at the top (for
/// pages/), every fixed page and output; under a list, its later pages and sub-lists.
fn reserved(doc: &Document) -> bool {
    let segments: Vec<&str> = doc.url.as_str().split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [name] => {
            let top = |path: &str| path.split(['/', '.']).next().map(str::to_string);
            FIXED.iter().filter_map(|(_, path, _)| top(path)).any(|t| t.eq_ignore_ascii_case(name))
                || OTHER_OUTPUTS.iter().filter_map(|p| top(p)).any(|t| t.eq_ignore_ascii_case(name))
        }
        [folder, name] => {
            let under_policies = *folder == Section::Policies.folder() && [YEARS, CATEGORIES].contains(name);
            name.eq_ignore_ascii_case(PAGE) || under_policies
        }
        _ => false,
    }
}

/// Every page of the site, with its path checked.
pub fn pages(site: &Site, diags: &mut Diagnostics) -> Pages {
    // Room for every document's and school's page and a few more, so the map is not grown.
    let room = site.documents.len() + site.schools.len() + site.pairings.len() + 64;
    let mut r = Registry {
        pages: Vec::with_capacity(room),
        feeds: Vec::new(),
        per_page: site.config.paginate_by,
        taken: FastMap::with_capacity_and_hasher(room, Default::default()),
    };
    r.fixed(PageKind::Home, diags);
    r.fixed(PageKind::NotFound, diags);
    r.fixed(PageKind::Search, diags);
    r.add_feed(FeedKind::Site, SitePath::file(FEED_FILE).ok(), Origin::Builtin, diags);
    if !site.figures.is_empty() || !site.pairings.is_empty() || !site.exchanges.is_empty() {
        let path = SitePath::page(&["data"]).and_then(|p| p.file_in("updates.xml"));
        r.add_feed(FeedKind::Data, path.ok(), Origin::Builtin, diags);
    }
    if !site.plan.milestones.is_empty() {
        let path = SitePath::page(&["data"]).and_then(|p| p.file_in("duties.xml"));
        r.add_feed(FeedKind::Duties, path.ok(), Origin::Builtin, diags);
    }
    for list in site.lists.all() {
        let origin = list.origin.map_or(Origin::Builtin, Origin::Input);
        let column = Column::of_section(list.section);
        let count = list.items.len();
        let per_page = if list.section == Section::Policies && count <= CATALOGUE_LIMIT { count } else { r.per_page };
        r.paginated(PageKind::List(list.key.clone()), &list.base, count, per_page, column, origin, diags);
        if !matches!(list.key, ListKey::Year(_)) && !list.items.is_empty() {
            r.add_feed(FeedKind::List(list.key.clone()), list.base.file_in(FEED_FILE).ok(), origin, diags);
        }
    }
    // In file order, so that of two documents on one path the one whose file sorts first keeps it.
    let mut documents: Vec<&Document> = site.documents.iter().collect();
    documents.sort_by(|a, b| a.id.cmp(&b.id));
    for d in documents {
        if reserved(d) {
            diags.push(
                Diagnostic::error(Code::ReservedSlug, d.url_span).detail(format!("网址 {} 留给网站自己的页面", d.url)),
            );
            continue;
        }
        // The guide and the application page belong to the disclosure column.
        let column = if d.kind.is_some() { Column::Disclosure } else { Column::of_section(d.section) };
        r.add(PageKind::Document(d.id.clone()), d.url.clone(), column, Origin::Input(d.url_span), diags);
    }
    let schools = site.schools.iter().map(|s| (PageKind::School(s.id.clone()), s.id.as_str(), s.span));
    r.index_and_items(PageKind::Schools, schools, diags);
    let pairings = site.pairings.iter().map(|p| (PageKind::Pairing(p.id.clone()), p.id.as_str(), p.span));
    r.index_and_items(PageKind::Pairings, pairings, diags);
    if !site.exchanges.is_empty() {
        r.fixed(PageKind::Exchanges, diags);
    }
    // The dashboard shows the figures and every part of the plan (targets, coverage, duties).
    let plan = &site.plan;
    if !site.figures.is_empty()
        || !site.county.is_empty()
        || !plan.targets.is_empty()
        || !plan.coverage.is_empty()
        || !plan.milestones.is_empty()
    {
        r.fixed(PageKind::Dashboard, diags);
    }
    for c in &site.county {
        if let Some(path) = path_of(site, &PageKind::County(c.year)) {
            r.add(PageKind::County(c.year), path, Column::Dashboard, Origin::Builtin, diags);
        }
    }
    let ids: Vec<String> = site.reports.iter().map(|rep| report_id(rep.year)).collect();
    let reports = site
        .reports
        .iter()
        .zip(&ids)
        .map(|(rep, id)| (PageKind::Report(rep.year), id.as_str(), Span::file_start(rep.file)));
    r.index_and_items(PageKind::Disclosure, reports, diags);
    if site.reports.is_empty() && site.documents.iter().any(|d| d.kind.is_some()) {
        r.fixed(PageKind::Disclosure, diags);
    }
    let nav =
        Column::NAV.into_iter().filter(|c| c.index().is_some_and(|k| r.pages.iter().any(|p| p.kind == k))).collect();
    Pages { list: r.pages, nav, feeds: r.feeds }
}

/// The segment of a year's annual report under `disclosure/` (`report-2025`).
fn report_id(year: i32) -> String {
    format!("report-{year}")
}

/// The path of a page of the site, by kind (the first page of a list).
pub fn path_of(site: &Site, kind: &PageKind) -> Option<SitePath> {
    match kind {
        PageKind::Document(id) => site.documents.get(id).map(|d| d.url.clone()),
        PageKind::List(key) => site.lists.get(key).map(|l| l.base.clone()),
        PageKind::School(id) => fixed_path(&PageKind::Schools)?.join(&[id.as_str()]).ok(),
        PageKind::Pairing(id) => fixed_path(&PageKind::Pairings)?.join(&[id.as_str()]).ok(),
        PageKind::Report(year) => fixed_path(&PageKind::Disclosure)?.join(&[&report_id(*year)]).ok(),
        PageKind::County(year) => fixed_path(&PageKind::Dashboard)?.join(&[&format!("county-{year}")]).ok(),
        other => fixed_path(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry(per_page: usize) -> Registry {
        Registry { pages: Vec::new(), feeds: Vec::new(), per_page, taken: FastMap::default() }
    }

    #[test]
    fn splits_any_list_into_pages_under_its_base() {
        let mut r = registry(20);
        let mut diags = Diagnostics::default();
        let base = SitePath::page(&["schools"]).unwrap();
        r.paginated(PageKind::Schools, &base, 41, 20, Column::Schools, Origin::Builtin, &mut diags);
        let shown: Vec<(&str, Range<usize>)> =
            r.pages.iter().map(|p| (p.path.as_str(), p.pager.as_ref().unwrap().items.clone())).collect();
        assert_eq!(shown, [("schools/", 0..20), ("schools/page/2/", 20..40), ("schools/page/3/", 40..41)]);
        assert!(diags.is_empty());
    }

    #[test]
    fn an_empty_list_still_has_its_first_page() {
        let mut r = registry(20);
        let mut diags = Diagnostics::default();
        let base = SitePath::page(&["notices"]).unwrap();
        r.paginated(PageKind::List(ListKey::Notices), &base, 0, 20, Column::Notices, Origin::Builtin, &mut diags);
        assert_eq!(r.pages.len(), 1);
        assert_eq!(r.pages[0].pager, Some(Pager { number: 1, total: 1, items: 0..0, base }));
    }

    #[test]
    fn a_clash_with_a_page_of_the_site_is_a_reserved_name() {
        let mut r = registry(20);
        let mut diags = Diagnostics::default();
        let span = Span::new(crate::diagnostics::FileId(1), 0, 3);
        let path = SitePath::page(&["schools"]).unwrap();
        r.add(PageKind::Schools, path.clone(), Column::Schools, Origin::Builtin, &mut diags);
        r.add(PageKind::Document(DocId::new("pages/schools.md")), path, Column::Pages, Origin::Input(span), &mut diags);
        let d = diags.iter().next().unwrap();
        assert_eq!((d.code, &d.location), (Code::ReservedSlug, &Location::Span(span)));
        assert_eq!(r.pages.len(), 1);
    }
}

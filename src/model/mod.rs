//! Stage 2, model: raw records → a typed, validated [`Site`].
//!
//! `model::build(&Raw) → Site`. Values are typed (dates, 时效), references resolved (文号,
//! attachments), uniqueness and the PII guard checked; every problem is collected with its span.
//! Drafts and documents published after the build date are left out here, so later stages never
//! see them.

pub mod attachment;
pub mod check;
pub mod county;
pub mod custom;
pub mod data;
pub mod date;
pub mod deploy;
pub mod doc_no;
pub mod document;
pub mod exchange;
pub mod genre;
pub mod id;
pub mod index;
pub mod indicator;
pub mod lists;
pub mod method;
pub mod milestone;
pub mod number;
pub mod page_type;
pub mod pages;
pub mod pairing;
pub mod path;
pub mod plan;
pub mod read;
pub mod report;
pub mod school;
pub mod site;
pub mod standard;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::load::Raw;
pub use attachment::Attachment;
use date::Date;
pub use document::{DocAttachment, Document, Section, Validity};
use id::{DocId, PairingId, SchoolId, SharedTable, StandardId, Table};
use rayon::prelude::*;
pub use site::SiteConfig;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct BuildOptions {
    /// Include drafts and documents whose publication date is still to come (`--drafts`).
    pub drafts: bool,
    /// The build date: today in China, or `SOURCE_DATE_EPOCH`'s date.
    pub today: Date,
    /// `--base-url`, replacing site.yaml's.
    pub base_url: Option<String>,
}

#[derive(Debug)]
pub struct Site {
    pub root: PathBuf,
    pub config: SiteConfig,
    pub today: Date,
    /// Sorted: by section, then newest first, then by title and path. Shared with the
    /// preview's cache of documents read (see [`Cache`]).
    pub documents: SharedTable<DocId, Document>,
    /// 文号 key (see [`doc_no::key`]) → the document.
    pub doc_index: HashMap<String, DocId>,
    /// Every file under files/, copied to the output as it is.
    pub attachments: Vec<Attachment>,
    /// In the order of data/schools.yaml.
    pub schools: Table<SchoolId, school::School>,
    /// Grouped by form (FORMAT.md's order), in file order within a form.
    pub pairings: Table<PairingId, pairing::Pairing>,
    /// Newest year first.
    pub exchanges: Vec<exchange::ExchangeList>,
    /// Oldest year first.
    pub figures: Vec<indicator::Figures>,
    /// 县级评估数据 for the site standard's county method, oldest year first.
    pub county: Vec<county::CountyYear>,
    pub plan: plan::Plan,
    /// 政府信息公开工作年度报告, newest year first.
    pub reports: Vec<report::Report>,
    pub standards: Table<StandardId, standard::Standard>,
    /// The standard site.yaml selects (the dashboards use it).
    pub standard: StandardId,
    pub lists: lists::Lists,
    pub pages: pages::Pages,
    pub index: index::Index,
}

impl Site {
    pub fn in_section(&self, section: Section) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.section == section)
    }

    /// The standard the dashboards use.
    pub fn standard(&self) -> &standard::Standard {
        // `build` only makes a site whose standard exists; the first one stands in otherwise.
        self.standards.get(&self.standard).unwrap_or(&self.standards[0])
    }

    /// The document with this 文号, if the site has it.
    pub fn document_by_doc_no(&self, doc_no: &str) -> Option<&Document> {
        self.doc_index.get(&doc_no::key(doc_no)).and_then(|id| self.documents.get(id))
    }

    /// A person of an exchange list.
    pub fn person(&self, at: index::PersonRef) -> Option<(&exchange::ExchangeList, &exchange::Person)> {
        let list = self.exchanges.iter().find(|l| l.year == at.year)?;
        Some((list, list.people.get(at.index)?))
    }
}

/// Builds the site model; returns `None` only when site.yaml could not be read. The caller
/// stops when `diags` holds errors.
/// What a long-running process (`serve`) keeps from one model build to the next: the PII
/// guard's findings and the documents read, per file, by the version load gave the file's text.
/// A document as read from its file, and what reading it reported.
type DocumentRead = (Option<std::sync::Arc<Document>>, Diagnostics);

#[derive(Default)]
pub struct Cache {
    pii: HashMap<crate::diagnostics::FileId, (u64, Diagnostics)>,
    /// The allowed values (`pii_allow`) those findings were made with.
    pii_allow: Vec<String>,
    /// The names of the files checked (attachments, then documents), and what the guard found in
    /// them.
    pii_names: Option<(Vec<String>, Diagnostics)>,
    /// Each document as read from a version of its file, while the site's issuer and the files
    /// under files/ (which attachments are checked against) stay the same.
    documents: HashMap<crate::diagnostics::FileId, (u64, std::sync::Arc<DocumentRead>)>,
    documents_read_with: Option<(String, attachment::Attachments)>,
    /// The data read from data/ and standards/, and what reading it reported, by the versions
    /// of those files (a document edit leaves them as they were).
    data: Option<(DataFiles, data::Data, Diagnostics)>,
    /// Whether data was read through this cache before: a one-shot build keeps no copy of it.
    used: bool,
    /// Where each notice may mention a 文号 (see [`index::Mentions`]).
    mentions: index::Mentions,
    /// Counts the times data was read anew (not taken from `data`).
    data_reads: u64,
}

impl Cache {
    /// Which reading of the data files the last build's site holds: the same number means the
    /// same schools, figures, pairings, exchanges, plan and standards.
    pub fn data_version(&self) -> u64 {
        self.data_reads
    }
}

/// Which versions of which data files (and which could not be read) some data came from.
type DataFiles = (Vec<(crate::diagnostics::FileId, Option<u64>)>, Vec<crate::load::DataKind>);

/// [`data::read`], or what it gave last time when the data files are the same versions.
fn read_data(raw: &Raw, cache: &mut Cache, diags: &mut Diagnostics) -> data::Data {
    let files: DataFiles =
        (raw.data.iter().map(|d| (d.file, raw.versions.get(&d.file).copied())).collect(), raw.unreadable.clone());
    if let Some((read_from, data, found)) = &cache.data
        && *read_from == files
    {
        diags.extend(found.clone());
        return data.clone();
    }
    cache.data_reads += 1;
    if !std::mem::replace(&mut cache.used, true) {
        return data::read(raw, diags);
    }
    let mut found = Diagnostics::default();
    let data = data::read(raw, &mut found);
    diags.extend(found.clone());
    cache.data = Some((files, data.clone(), found));
    data
}

pub fn build(raw: &Raw, options: &BuildOptions, diags: &mut Diagnostics) -> Option<Site> {
    build_cached(raw, options, &mut Cache::default(), diags)
}

/// [`build`], keeping the findings of checks on unchanged files in `cache`.
pub fn build_cached(raw: &Raw, options: &BuildOptions, cache: &mut Cache, diags: &mut Diagnostics) -> Option<Site> {
    let config = raw.site.as_ref().and_then(|s| site::read(s, options.base_url.as_deref(), diags));
    let site_issuer = config.as_ref().map_or("", |c| c.issuer.as_str());
    let files: attachment::Attachments = raw
        .attachments
        .iter()
        .map(|a| (a.rel.clone(), attachment::FileInfo { size: a.size, table: a.table.clone() }))
        .collect();
    let text_of = |path: &str| raw.sources.find(path).map(|f| &*f.text);
    attachment::check_files(raw.attachments.iter().map(|a| a.rel.as_str()), text_of, diags);

    let context = (site_issuer.to_string(), files);
    if cache.documents_read_with.as_ref() != Some(&context) {
        cache.documents.clear();
    }
    let read: Vec<std::sync::Arc<DocumentRead>> = raw
        .documents
        .par_iter()
        .map(|rd| {
            let version = raw.versions.get(&rd.file);
            match cache.documents.get(&rd.file) {
                Some((v, read)) if Some(v) == version => read.clone(),
                _ => {
                    let mut local = Diagnostics::default();
                    let body = document::Markdown::new(raw.sources.get(rd.file).text.clone(), rd.body_start);
                    let read = document::read(rd, body, &context.0, &context.1, &mut local);
                    std::sync::Arc::new((read.map(std::sync::Arc::new), local))
                }
            }
        })
        .collect();
    cache.documents = raw
        .documents
        .iter()
        .zip(&read)
        .filter_map(|(rd, r)| Some((rd.file, (*raw.versions.get(&rd.file)?, r.clone()))))
        .collect();
    cache.documents_read_with = Some(context);
    let read: Vec<DocumentRead> = read.iter().map(|r| (r.0.clone(), r.1.clone())).collect();
    let mut documents = Vec::with_capacity(read.len());
    for (doc, local) in read {
        diags.extend(local);
        documents.extend(doc);
    }
    check_pii(raw, config.as_ref().map_or(&[], |c| &c.pii_allow), cache, diags);

    let (kept, held): (Vec<std::sync::Arc<Document>>, Vec<std::sync::Arc<Document>>) = documents
        .into_iter()
        .partition(|d| options.drafts || (!d.draft && d.published.is_none_or(|p| p <= options.today)));
    let mut documents = kept;
    let withheld = attachment::withheld(&documents, &held);
    let held_doc_nos: std::collections::HashSet<String> = held.iter().filter_map(|d| d.doc_no_key.clone()).collect();
    documents.sort_by(|a, b| {
        (a.section, std::cmp::Reverse(a.sort_date()), &a.title, &a.id).cmp(&(
            b.section,
            std::cmp::Reverse(b.sort_date()),
            &b.title,
            &b.id,
        ))
    });
    check::duplicates::doc_nos(&documents, diags);
    let mut doc_index = HashMap::new();
    for d in &documents {
        if let Some(key) = &d.doc_no_key {
            doc_index.entry(key.clone()).or_insert_with(|| d.id.clone());
        }
    }
    check::references::supersedes(&mut documents, &doc_index, &held_doc_nos, diags);
    check::references::interprets(&documents, &doc_index, &held_doc_nos, diags);

    let data = read_data(raw, cache, diags);
    let policies = data
        .pairings
        .iter()
        .filter_map(|p| p.policy.as_ref())
        .chain(data.plan.milestones.iter().filter_map(|m| m.policy.as_ref()));
    check::references::doc_nos(policies, &doc_index, &held_doc_nos, diags);
    let config = config?;
    let standard = data::selected(&data.standards, &config.standard, config.standard_span, diags)?;
    let attachments = raw
        .attachments
        .iter()
        .filter(|a| !withheld.contains(&a.rel))
        .map(|a| Attachment { rel: a.rel.clone(), source: a.abs.clone(), size: a.size })
        .collect();
    let county = read_county(raw, data.standards.iter().find(|s| s.id == standard), &doc_index, &held_doc_nos, diags);
    let (pairings, exchanges, plan) = (&data.pairings, &data.exchanges, &data.plan);
    let index = index::Index::new(&documents, &doc_index, pairings, exchanges, plan, &mut cache.mentions);
    let mut site = Site {
        index,
        root: raw.root.clone(),
        config,
        today: options.today,
        lists: lists::Lists::new(&documents),
        documents: SharedTable::new(documents, |d| &d.id),
        doc_index,
        attachments,
        schools: Table::new(data.schools, |s| &s.id),
        pairings: Table::new(data.pairings, |p| &p.id),
        exchanges: data.exchanges,
        figures: data.figures,
        county,
        plan: data.plan,
        // A report waits for its 发布日期, as documents do.
        reports: data
            .reports
            .into_iter()
            .filter(|r| options.drafts || r.published.is_none_or(|p| p <= options.today))
            .collect(),
        standards: Table::new(data.standards, |s| &s.id),
        standard,
        pages: pages::Pages::default(),
    };
    site.pages = pages::pages(&site, diags);
    future_figures(&site, diags);
    Some(site)
}

/// The county data files, read against the site standard's method; a site whose standard has
/// none may not have them.
fn read_county(
    raw: &Raw,
    standard: Option<&standard::Standard>,
    doc_index: &HashMap<String, DocId>,
    held: &std::collections::HashSet<String>,
    diags: &mut Diagnostics,
) -> Vec<county::CountyYear> {
    use crate::diagnostics::{Code, Diagnostic, Span};
    let files: Vec<String> = raw.attachments.iter().map(|a| a.rel.clone()).collect();
    let known = county::Known { doc_nos: doc_index, held, files: &files };
    let mut out: Vec<county::CountyYear> = Vec::new();
    for file in raw.data.iter().filter(|d| d.kind == crate::load::DataKind::County) {
        let Some(method) = standard.and_then(|s| s.method.as_ref()) else {
            diags.push(
                Diagnostic::error(Code::UnknownStandard, Span::file_start(file.file))
                    .detail("网站选用的评估标准没有县级评估办法（method），县级评估数据无从评判")
                    .hint("在 site.yaml 选用 youzhi-2017，或给自定义标准写上 评估办法（method）。/ Choose a standard with a county method."),
            );
            continue;
        };
        let named = data::file_year(raw, file.file);
        let Some(year) = county::read(&file.node, file.file, named, method, &known, diags) else { continue };
        if named.is_some_and(|n| n != year.year) {
            let span = file.node.get("year").map_or(Span::file_start(file.file), |n| n.span);
            diags.push(Diagnostic::error(Code::YearMismatch, span).detail(format!(
                "文件名是 {}，文件里写的是 {}",
                named.unwrap_or_default(),
                year.year
            )));
            continue;
        }
        if out.iter().any(|y| y.year == year.year) {
            diags.push(
                Diagnostic::error(Code::DuplicateId, Span::file_start(file.file))
                    .detail(format!("{} 年度已经有县级评估数据", year.year)),
            );
            continue;
        }
        out.push(year);
    }
    out.sort_by_key(|y| y.year);
    out
}

/// A figures date after the build date is shown nowhere as past: it is a warning at the date.
fn future_figures(site: &Site, diags: &mut Diagnostics) {
    for f in &site.figures {
        if let (Some(date), Some(span)) = (f.date, f.date_span)
            && date > site.today
        {
            diags.push(
                Diagnostic::warning(Code::FutureFiguresDate, span)
                    .detail(format!("{date} 晚于构建日期 {}", site.today)),
            );
        }
    }
}

/// Runs the PII guard over every text file that is read, skipping 索引号 values. A file whose
/// text has the same version as in the last build, checked with the same allowed values, keeps
/// its findings.
fn check_pii(raw: &Raw, allow: &[String], cache: &mut Cache, diags: &mut Diagnostics) {
    use crate::diagnostics::{FileId, Location};
    // Findings kept from the last build, and the files to check now, in the order of `ids`.
    let same_allow = cache.pii_allow == allow;
    let mut last = std::mem::take(&mut cache.pii);
    let mut found: Vec<(usize, FileId, Diagnostics)> = Vec::new();
    let mut to_check: Vec<(usize, FileId)> = Vec::new();
    for (n, id) in raw.sources.ids().into_iter().enumerate() {
        let version = raw.versions.get(&id);
        match last.remove(&id) {
            Some((v, kept)) if same_allow && Some(&v) == version => found.push((n, id, kept)),
            _ => to_check.push((n, id)),
        }
    }
    let checking: std::collections::HashSet<FileId> = to_check.iter().map(|&(_, id)| id).collect();
    let mut skip: HashMap<FileId, Vec<std::ops::Range<usize>>> = HashMap::new();
    for d in raw.documents.iter().filter(|d| checking.contains(&d.file)) {
        if let Some(n) = d.front.get("index_no") {
            skip.entry(d.file).or_default().push(n.span.start as usize..n.span.end as usize);
        }
    }
    // Each file's YAML tree, whose aliased values are checked with the file.
    let trees: HashMap<FileId, &crate::load::Node> = raw
        .documents
        .iter()
        .map(|d| (d.file, &*d.front))
        .chain(raw.data.iter().map(|d| (d.file, &*d.node)))
        .chain(raw.site.iter().map(|s| (s.file, &s.node)))
        .filter(|(id, _)| checking.contains(id))
        .collect();
    let checked: Vec<(usize, FileId, Diagnostics)> = to_check
        .into_par_iter()
        .map(|(n, id)| {
            let mut local = Diagnostics::default();
            let text = &raw.sources.get(id).text;
            check::pii::check(id, text, skip.get(&id).map_or(&[], |v| v), allow, &mut local);
            if let Some(tree) = trees.get(&id) {
                aliased_values(tree, &raw.sources, allow, &mut local);
            }
            (n, id, local)
        })
        .collect();
    found.extend(checked);
    found.sort_unstable_by_key(|&(n, _, _)| n);
    cache.pii_allow = allow.to_vec();
    for (_, id, local) in found {
        diags.extend(local.clone());
        if let Some(&version) = raw.versions.get(&id) {
            cache.pii.insert(id, (version, local));
        }
    }
    let names: Vec<String> = raw
        .attachments
        .iter()
        .map(|a| format!("files/{}", a.rel))
        .chain(raw.documents.iter().map(|d| d.path.clone()))
        .collect();
    match &cache.pii_names {
        Some((checked, kept)) if same_allow && *checked == names => diags.extend(kept.clone()),
        _ => {
            let mut found = Diagnostics::default();
            for name in &names {
                check::pii::check_name(name, allow, &mut found);
            }
            diags.extend(found.clone());
            cache.pii_names = Some((names, found));
        }
    }
    // A spreadsheet is published as it is, every sheet of it (hidden ones too): its cells are
    // held to the rule a CSV's text is.
    for a in &raw.attachments {
        for cell in &a.numbers {
            let at =
                format!("files/{}:{}:{}", a.rel, cell.row + 1, crate::load::sheet::column_letter(cell.col as usize));
            check::pii::check_at(
                &cell.text,
                Location::Path(at),
                &format!("工作表「{}」里有", cell.sheet),
                allow,
                diags,
            );
        }
    }
}

/// Scans the values that YAML aliases (`*a`) repeat where they are used.
fn aliased_values(
    node: &crate::load::Node,
    sources: &crate::diagnostics::Sources,
    allow: &[String],
    diags: &mut Diagnostics,
) {
    use crate::load::Value;
    match &node.value {
        Value::Text(text) if sources.text(node.span).trim_start().starts_with('*') => {
            check::pii::check_value(text, node.span, allow, diags);
        }
        Value::List(items) => items.iter().for_each(|n| aliased_values(n, sources, allow, diags)),
        Value::Map(entries) => entries.iter().for_each(|e| aliased_values(&e.value, sources, allow, diags)),
        _ => {}
    }
}

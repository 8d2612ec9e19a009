//! Teacher and cadre exchange lists (data/exchanges.yaml, 教干教师交流名单). Only names,
//! roles, subjects, schools and periods are kept: nothing else is ever published.

use super::date::{Date, Period};
use super::id::{PairingId, SchoolId};
use super::read::Fields;
use super::school::{Party, SchoolIndex, party};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::load::Node;
use std::collections::HashMap;

/// 类别
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// 教师
    Teacher,
    /// 教干 (a school leader or middle manager)
    Cadre,
}

impl Role {
    pub const SPELLINGS: &[(&str, Role)] = &[
        ("教师", Role::Teacher),
        ("teacher", Role::Teacher),
        ("教干", Role::Cadre),
        ("干部", Role::Cadre),
        ("cadre", Role::Cadre),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Role::Teacher => "教师",
            Role::Cadre => "教干",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Person {
    pub name: String,
    pub role: Role,
    pub subject: Option<String>,
    pub from: Party,
    pub to: Party,
    pub pairing: Option<PairingId>,
    pub period: Option<Period>,
    /// 骨干: a 县级以上骨干教师 (counts toward the 骨干 share).
    pub key: bool,
}

/// How many of a school's teachers were eligible to be sent that year (应交流人数), the
/// denominator of its exchange ratio.
#[derive(Clone, Debug)]
pub struct Eligible {
    pub school: SchoolId,
    pub span: Span,
    pub teachers: u32,
    /// 骨干 among the eligible, when reported.
    pub key_teachers: Option<u32>,
}

#[derive(Clone, Debug)]
pub struct ExchangeList {
    /// One list per year: the year is the list's id.
    pub year: i32,
    /// Where the year is written.
    pub span: Span,
    pub published: Option<Date>,
    pub people: Vec<Person>,
    /// In file order; a school at most once.
    pub eligible: Vec<Eligible>,
}

pub fn read_all(
    root: &Node,
    schools: &SchoolIndex,
    pairings: Option<&HashMap<&str, Option<PairingId>>>,
    diags: &mut Diagnostics,
) -> Vec<ExchangeList> {
    let Some(file) = super::read::record(root, "交流名单", diags) else { return Vec::new() };
    let mut lists: Vec<ExchangeList> = file
        .records("exchanges", "一个年度的交流名单", diags)
        .into_iter()
        .filter_map(|f| {
            let written = f.required_text("year", "年度 year", diags);
            let year = written.as_ref().and_then(|y| year(y, diags));
            let people: Vec<Person> = f
                .records("people", "交流人员", diags)
                .into_iter()
                .filter_map(|p| person(p, schools, pairings, diags))
                .collect();
            let span = written.map_or(f.span(), |y| y.span);
            let eligible = eligible(&f, &people, schools, diags);
            Some(ExchangeList {
                year: year?,
                span,
                published: f.date("published", diags).map(|d| d.value),
                people,
                eligible,
            })
        })
        .collect();
    lists.sort_by_key(|l| std::cmp::Reverse(l.year));
    lists
}

/// A four-digit year.
pub fn year(text: &Spanned<String>, diags: &mut Diagnostics) -> Option<i32> {
    match text.value.trim().trim_end_matches('年').parse::<i32>() {
        Ok(y) if (1900..=2200).contains(&y) => Some(y),
        Ok(y) if (1000..=9999).contains(&y) => {
            diags.push(
                Diagnostic::error(Code::InvalidValue, text.span)
                    .detail(format!("年度「{}」不在 1900 到 2200 之间", text.value)),
            );
            None
        }
        _ => {
            diags.push(
                Diagnostic::error(Code::InvalidValue, text.span)
                    .detail(format!("年度「{}」应是四位年份，如 2017", text.value)),
            );
            None
        }
    }
}

fn person(
    f: Fields,
    schools: &SchoolIndex,
    pairings: Option<&HashMap<&str, Option<PairingId>>>,
    diags: &mut Diagnostics,
) -> Option<Person> {
    let name = f.required_text("name", "姓名 name", diags);
    let role = f.choice("role", "类别", Role::SPELLINGS, "教师 或 教干", diags);
    if f.get("role").is_none() {
        diags.push(super::read::missing(f.span(), "类别 role"));
    }
    let mut school = |key: &str, what: &str| match f.get(key) {
        Some(n) => party(n, schools, diags).map(|p| (p, n.span)),
        None => {
            diags.push(super::read::missing(f.span(), what));
            None
        }
    };
    let from = school("from", "派出学校 from");
    let to = school("to", "接收学校 to");
    if let (Some((a, _)), Some((b, span))) = (&from, &to)
        && a == b
    {
        diags.push(Diagnostic::error(Code::SameSchool, *span));
    }
    // `pairings` is `None` when pairings.yaml could not be read, and maps a broken pairing's
    // id to `None`: neither is reported here again.
    let pairing = f.text("pairing", diags).and_then(|p| match pairings?.get(p.value.as_str()) {
        Some(id) => id.clone(),
        None => {
            diags.push(Diagnostic::error(Code::UnknownPairing, p.span).detail(format!("「{}」", p.value)));
            None
        }
    });
    Some(Person {
        name: name?.value,
        role: role?,
        subject: f.text("subject", diags).map(|s| s.value),
        from: from?.0,
        to: to?.0,
        pairing,
        period: f.period("period", diags).map(|p| p.value),
        key: f.bool("key", diags).unwrap_or(false),
    })
}

/// The year's eligible counts; a school twice is an error (which count would be meant?), and
/// more eligible 骨干 than eligible teachers cannot be, nor more people sent than eligible (a
/// ratio over 100% would be published as met).
fn eligible(f: &Fields, people: &[Person], schools: &SchoolIndex, diags: &mut Diagnostics) -> Vec<Eligible> {
    let mut out: Vec<Eligible> = Vec::new();
    for e in f.records("eligible", "应交流人数", diags) {
        let school = e.required_text("school", "学校 school", diags).and_then(|id| schools.resolve(&id, diags));
        let teachers = count(&e, "teachers", "应交流教师数", diags);
        if e.get("teachers").is_none() {
            diags.push(super::read::missing(e.span(), "应交流教师数 teachers"));
        }
        let key_teachers = count(&e, "key_teachers", "应交流骨干教师数", diags);
        let (Some(school), Some(teachers)) = (school, teachers) else { continue };
        if let Some(k) = key_teachers.as_ref().filter(|k| k.value > teachers.value) {
            diags.push(
                Diagnostic::error(Code::InvalidValue, k.span)
                    .detail(format!("应交流骨干教师数 {} 多于应交流教师数 {}", k.value, teachers.value)),
            );
            continue;
        }
        let sent = people.iter().filter(|p| matches!(&p.from, Party::School(id) if *id == school.id)).count();
        if teachers.value > 0 && sent > teachers.value as usize {
            diags.push(Diagnostic::error(Code::SentOverEligible, teachers.span).detail(format!(
                "{}派出 {sent} 人，应交流教师数只有 {} 人（交流比例 {}%）",
                school.name,
                teachers.value,
                sent * 100 / teachers.value as usize
            )));
            continue;
        }
        if let Some(first) = out.iter().find(|o| o.school == school.id) {
            diags.push(
                Diagnostic::error(Code::DuplicateRow, e.span())
                    .detail(format!("{}的应交流人数写了两次", school.name))
                    .related(first.span, "第一次写在这里"),
            );
            continue;
        }
        out.push(Eligible {
            school: school.id.clone(),
            span: e.span(),
            teachers: teachers.value,
            key_teachers: key_teachers.map(|k| k.value),
        });
    }
    out
}

/// A whole number of people, 0 or more.
fn count(f: &Fields, key: &str, label: &str, diags: &mut Diagnostics) -> Option<Spanned<u32>> {
    let text = f.text(key, diags)?;
    let digits = text.value.trim().trim_end_matches('人');
    match digits.parse::<u32>() {
        Ok(n) => Some(Spanned::new(n, text.span)),
        Err(_) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            diags.push(
                Diagnostic::error(Code::InvalidValue, text.span).detail(format!("{label}「{}」太大了", text.value)),
            );
            None
        }
        Err(_) => {
            diags.push(
                Diagnostic::error(Code::InvalidValue, text.span)
                    .detail(format!("{label}「{}」应是 0 或正整数", text.value)),
            );
            None
        }
    }
}

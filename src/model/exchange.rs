//! Teacher and cadre exchange lists (data/exchanges.yaml, 教干教师交流名单). Only names,
//! roles, subjects, schools and periods are kept: nothing else is ever published.

use super::date::{Date, Period};
use super::id::PairingId;
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
}

#[derive(Clone, Debug)]
pub struct ExchangeList {
    /// One list per year: the year is the list's id.
    pub year: i32,
    /// Where the year is written.
    pub span: Span,
    pub published: Option<Date>,
    pub people: Vec<Person>,
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
            let people = f
                .records("people", "交流人员", diags)
                .into_iter()
                .filter_map(|p| person(p, schools, pairings, diags))
                .collect();
            let span = written.map_or(f.span(), |y| y.span);
            Some(ExchangeList { year: year?, span, published: f.date("published", diags).map(|d| d.value), people })
        })
        .collect();
    lists.sort_by_key(|l| std::cmp::Reverse(l.year));
    lists
}

/// A four-digit year.
pub fn year(text: &Spanned<String>, diags: &mut Diagnostics) -> Option<i32> {
    match text.value.trim().trim_end_matches('年').parse::<i32>() {
        Ok(y) if (1900..=2200).contains(&y) => Some(y),
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
    })
}

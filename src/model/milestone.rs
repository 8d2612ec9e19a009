//! Dated duties of data/plan.yaml (时间节点): once, or every year (`每年: 08-10`), for the
//! bureau, for named schools or for every lead school, done on a date written by hand or when a
//! record of the site shows it (the year's exchange list with its 公布日期).

use super::date::Date;
use super::id::SchoolId;
use super::read::{self, Fields};
use super::school::SchoolIndex;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Spanned};
use crate::load::Value;

/// When a duty falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    Once(Date),
    /// On a month and day of every year from `from` to `until` (the year after the build date
    /// when not given).
    Yearly {
        month: u8,
        day: u8,
        from: i32,
        until: Option<i32>,
    },
}

impl Due {
    /// The due date in `year`; Feb 29 falls on Feb 28 in other years.
    pub fn in_year(month: u8, day: u8, year: i32) -> Option<Date> {
        let m = time::Month::try_from(month).ok()?;
        Date::from_calendar_date(year, m, day.min(time::util::days_in_month(m, year))).ok()
    }
}

/// Who must do it (负责单位).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Owner {
    /// The bureau itself: no owner written.
    Bureau,
    Schools(Vec<SchoolId>),
    /// 每所牵头学校: one duty for each lead school of a pairing in effect then.
    LeadSchools,
}

/// A record whose presence marks the duty done (完成依据).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The year's exchange list, done on its 公布日期.
    ExchangeList,
}

/// One `done` entry: a date, for one year and one school where the duty has several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Done {
    pub year: Option<i32>,
    pub school: Option<SchoolId>,
    pub date: Date,
}

#[derive(Clone, Debug)]
pub struct Milestone {
    pub title: String,
    pub due: Due,
    pub owner: Owner,
    pub done: Vec<Done>,
    pub evidence: Option<Evidence>,
    pub policy: Option<Spanned<String>>,
}

const LEAD_SCHOOLS: &[&str] = &["每所牵头学校", "各牵头学校", "牵头学校", "lead_schools", "every lead school"];
const EVIDENCE: &[(&str, Evidence)] = &[
    ("交流名单", Evidence::ExchangeList),
    ("exchange_list", Evidence::ExchangeList),
    ("交流名单公布", Evidence::ExchangeList),
];

pub fn read(f: Fields, index: &SchoolIndex, diags: &mut Diagnostics) -> Option<Milestone> {
    let title = f.required_text("title", "事项 title", diags);
    let due = due(&f, diags);
    let owner = owner(&f, index, diags);
    let done = done(&f, matches!(due, Some(Due::Yearly { .. })), index, diags);
    let evidence = f.choice("done_when", "完成依据", EVIDENCE, "交流名单", diags);
    Some(Milestone {
        title: title?.value,
        due: due?,
        owner: owner?,
        done: done?,
        evidence,
        policy: f.text("policy", diags).map(|p| Spanned::new(super::doc_no::tidy(&p.value), p.span)),
    })
}

fn due(f: &Fields, diags: &mut Diagnostics) -> Option<Due> {
    let once = f.date("due", diags);
    let Some(every) = f.text("every_year", diags) else {
        if f.get("due").is_none() {
            diags.push(read::missing(f.span(), "截止日期 due（或 每年 every_year）"));
        }
        for key in ["from", "until"] {
            if let Some(span) = f.key_span(key) {
                diags.push(
                    Diagnostic::warning(Code::InvalidValue, span)
                        .detail("起始年度、结束年度只用于每年重复的节点（每年: 08-10），这里不起作用"),
                );
            }
        }
        return Some(Due::Once(once?.value));
    };
    if let Some(span) = f.key_span("due") {
        diags.push(
            Diagnostic::error(Code::InvalidValue, span)
                .detail("一个节点不能同时写 截止日期 和 每年")
                .hint("只发生一次的写 截止日期: 2017-08-10；每年重复的写 每年: 08-10。"),
        );
        return None;
    }
    let (month, day) = month_day(&every, diags)?;
    let from = f.text("from", diags).and_then(|y| super::exchange::year(&y, diags));
    if f.get("from").is_none() {
        diags.push(read::missing(f.span(), "起始年度 from"));
    }
    let until = f.text("until", diags).and_then(|y| super::exchange::year(&y, diags));
    if let (Some(a), Some(b), Some(span)) = (from, until, f.key_span("until"))
        && b < a
    {
        diags.push(Diagnostic::error(Code::PeriodReversed, span).detail(format!("结束年度 {b} 早于起始年度 {a}")));
        return None;
    }
    Some(Due::Yearly { month, day, from: from?, until })
}

/// `08-10`, `8-10` or `8月10日`.
fn month_day(text: &Spanned<String>, diags: &mut Diagnostics) -> Option<(u8, u8)> {
    let t = text.value.trim().trim_end_matches('日').replace('月', "-");
    let parsed =
        t.split_once('-').and_then(|(m, d)| Some((m.trim().parse::<u8>().ok()?, d.trim().parse::<u8>().ok()?)));
    match parsed {
        Some((m, d)) if Due::in_year(m, d, 2000).is_some_and(|x| x.day() == d) => Some((m, d)),
        Some((m, d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
            diags.push(
                Diagnostic::error(Code::InvalidDate, text.span)
                    .detail(format!("每年「{}」不是真实存在的日期（{m} 月没有 {d} 日）", text.value)),
            );
            None
        }
        _ => {
            diags.push(
                Diagnostic::error(Code::InvalidDate, text.span)
                    .detail(format!("每年「{}」应写成 月-日，如 08-10", text.value)),
            );
            None
        }
    }
}

fn owner(f: &Fields, index: &SchoolIndex, diags: &mut Diagnostics) -> Option<Owner> {
    let ids = f.text_list("owner", true, diags);
    if ids.is_empty() {
        return Some(Owner::Bureau);
    }
    if let [one] = ids.as_slice()
        && LEAD_SCHOOLS.contains(&one.value.trim())
    {
        return Some(Owner::LeadSchools);
    }
    let mut schools = Vec::new();
    let mut ok = true;
    for id in &ids {
        match index.resolve(id, diags) {
            Some(s) if !schools.contains(&s.id) => schools.push(s.id.clone()),
            Some(_) => {}
            None => ok = false,
        }
    }
    ok.then_some(Owner::Schools(schools))
}

/// `done: 2017-08-08`, or for a duty with several occurrences a list of
/// `{year, school, date}` entries.
fn done(f: &Fields, yearly: bool, index: &SchoolIndex, diags: &mut Diagnostics) -> Option<Vec<Done>> {
    let Some(node) = f.get("done") else { return Some(Vec::new()) };
    if !matches!(node.value, Value::List(_)) {
        let date = f.date("done", diags)?;
        if yearly {
            diags.push(
                Diagnostic::error(Code::InvalidValue, date.span)
                    .detail("每年重复的节点要按年度写完成日期")
                    .hint("写成 完成情况: [{年度: 2017, 完成日期: 2017-08-08}]。"),
            );
            return None;
        }
        return Some(vec![Done { year: None, school: None, date: date.value }]);
    }
    let mut out = Vec::new();
    let mut ok = true;
    for entry in f.records("done", "完成情况", diags) {
        match done_entry(&entry, index, diags) {
            Some(d) => out.push(d),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn done_entry(f: &Fields, index: &SchoolIndex, diags: &mut Diagnostics) -> Option<Done> {
    let date = f.date("date", diags);
    if f.get("date").is_none() {
        diags.push(read::missing(f.span(), "完成日期 date"));
    }
    let year = match f.text("year", diags) {
        Some(y) => Some(super::exchange::year(&y, diags)?),
        None => None,
    };
    let school = match f.text("school", diags) {
        Some(id) => Some(index.resolve(&id, diags)?.id.clone()),
        None => None,
    };
    Some(Done { year, school, date: date?.value })
}

impl Milestone {
    /// The first day it falls due, for ordering.
    pub fn first_due(&self) -> Option<Date> {
        match self.due {
            Due::Once(d) => Some(d),
            Due::Yearly { month, day, from, .. } => Due::in_year(month, day, from),
        }
    }

    /// The hand-written completion date of one occurrence, if any.
    pub fn done_on(&self, year: i32, school: Option<&SchoolId>) -> Option<Date> {
        self.done
            .iter()
            .find(|d| d.year.is_none_or(|y| y == year) && (d.school.is_none() || d.school.as_ref() == school))
            .map(|d| d.date)
    }
}

//! The 达标 plan (data/plan.yaml): which school is due to meet the standard by when, and the
//! dated duties (milestones) of the policies behind it.

use super::date::{self, Date, Month};
use super::id::SchoolId;
use super::read;
use super::school::SchoolIndex;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::load::Node;

#[derive(Clone, Debug)]
pub struct Target {
    /// Due by the end of this month.
    pub by: Month,
    pub schools: Vec<SchoolId>,
}

#[derive(Clone, Debug)]
pub struct Milestone {
    pub title: String,
    pub due: Date,
    pub done: Option<Date>,
    pub policy: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub targets: Vec<Target>,
    pub milestones: Vec<Milestone>,
}

pub fn read(root: &Node, index: &SchoolIndex, diags: &mut Diagnostics) -> Plan {
    let Some(f) = read::record(root, "达标计划", diags) else { return Plan::default() };
    let mut seen: std::collections::HashMap<SchoolId, Span> = std::collections::HashMap::new();
    let mut targets: Vec<Target> = f
        .records("targets", "达标计划的一项", diags)
        .into_iter()
        .filter_map(|t| {
            let by = t.required_text("by", "期限 by", diags).and_then(|b| match date::parse_month(&b.value) {
                Ok(m) => Some(m),
                Err(why) => {
                    diags.push(Diagnostic::error(Code::InvalidDate, b.span).detail(why));
                    None
                }
            });
            let mut schools = Vec::new();
            for id in t.text_list("schools", false, diags) {
                let Some(school) = index.resolve(&id, diags).map(|s| s.id.clone()) else {
                    continue;
                };
                if let Some(first) = seen.get(&school) {
                    diags.push(
                        Diagnostic::error(Code::DuplicateInList, id.span)
                            .detail(format!("「{}」在达标计划里出现了两次", index.name(&school)))
                            .related(*first, "第一次写在这里"),
                    );
                    continue;
                }
                seen.insert(school.clone(), id.span);
                schools.push(school);
            }
            Some(Target { by: by?, schools })
        })
        .collect();
    targets.sort_by_key(|t| t.by);
    let mut milestones: Vec<Milestone> = f
        .records("milestones", "时间节点", diags)
        .into_iter()
        .filter_map(|m| {
            let title = m.required_text("title", "事项 title", diags);
            let due = m.date("due", diags);
            if m.get("due").is_none() {
                diags.push(read::missing(m.span(), "截止日期 due"));
            }
            Some(Milestone {
                title: title?.value,
                due: due?.value,
                done: m.date("done", diags).map(|d| d.value),
                policy: m.text("policy", diags).map(|p| Spanned::new(super::doc_no::tidy(&p.value), p.span)),
            })
        })
        .collect();
    milestones.sort_by(|a, b| (a.due, &a.title).cmp(&(b.due, &b.title)));
    Plan { targets, milestones }
}

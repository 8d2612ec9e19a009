//! Pairings (data/pairings.yaml): 结对共建, 集团化办学, 教育发展共同体 and other forms.

use super::date::Period;
use super::id::{PairingId, SchoolId};
use super::read::{Fields, ReadAll};
use super::school::{Party, SchoolIndex, party};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Span, Spanned};
use crate::load::Node;

/// The forms FORMAT.md names, in the order the public list groups them; others follow.
pub const FORMS: &[&str] = &["集团化办学", "市区共建", "区内共建", "委托管理", "结对帮扶", "教育发展共同体"];

#[derive(Clone, Debug)]
pub struct Pairing {
    pub id: PairingId,
    /// Where the id is written.
    pub span: Span,
    pub form: String,
    pub name: Option<String>,
    pub lead: Party,
    pub members: Vec<Party>,
    pub cycle: Option<Period>,
    /// 文号 of the document that set it up.
    pub policy: Option<Spanned<String>>,
}

impl Pairing {
    /// Every school of the site taking part, lead first.
    pub fn schools(&self) -> impl Iterator<Item = &SchoolId> + '_ {
        std::iter::once(&self.lead).chain(&self.members).filter_map(Party::school)
    }

    /// Sort key of the form: known forms in FORMAT.md's order, then others.
    pub fn form_rank(&self) -> usize {
        FORMS.iter().position(|f| *f == self.form).unwrap_or(FORMS.len())
    }
}

pub fn read_all(root: &Node, index: &SchoolIndex, diags: &mut Diagnostics) -> ReadAll<Pairing> {
    let Some(file) = super::read::record(root, "结对名单", diags) else {
        return ReadAll { items: vec![], broken: vec![] };
    };
    let records = file.records("pairings", "结对", diags);
    super::read::read_all(records, |f| read_one(f, index, diags))
}

fn read_one(f: Fields, index: &SchoolIndex, diags: &mut Diagnostics) -> Option<Pairing> {
    let id = f.required_text("id", "编号 id", diags).and_then(|id| super::school::valid_id(id, diags));
    let form = f.required_text("form", "形式 form", diags);
    let lead = match f.get("lead") {
        Some(n) => party(n, index, diags),
        None => {
            diags.push(super::read::missing(f.span(), "牵头学校 lead"));
            None
        }
    };
    let members: Vec<(Party, crate::diagnostics::Span)> = match f.get("members") {
        Some(Node { value: crate::load::Value::List(items), .. }) => {
            items.iter().filter_map(|n| party(n, index, diags).map(|p| (p, n.span))).collect()
        }
        Some(n) => party(n, index, diags).map(|p| (p, n.span)).into_iter().collect(),
        None => Vec::new(),
    };
    if let Some(lead) = &lead {
        check_repeats(lead, &members, index, diags);
    }
    let cycle = f.period("cycle", diags).map(|p| p.value);
    let id = id?;
    Some(Pairing {
        id: PairingId::new(&id.value),
        span: id.span,
        form: form?.value,
        name: f.text("name", diags).map(|s| s.value),
        lead: lead?,
        members: members.into_iter().map(|(p, _)| p).collect(),
        cycle,
        policy: f.text("policy", diags).map(|p| Spanned::new(super::doc_no::tidy(&p.value), p.span)),
    })
}

/// A school cannot be paired with itself: not as lead and member, nor as a member twice.
fn check_repeats(
    lead: &Party,
    members: &[(Party, crate::diagnostics::Span)],
    index: &SchoolIndex,
    diags: &mut Diagnostics,
) {
    let mut seen = vec![lead];
    for (member, span) in members {
        if seen.contains(&member) {
            let name = match member {
                Party::School(id) => index.name(id),
                Party::External(n) => n.clone(),
            };
            diags.push(Diagnostic::error(Code::SelfPairing, *span).detail(format!("「{name}」在这个结对里出现了两次")));
        } else {
            seen.push(member);
        }
    }
}

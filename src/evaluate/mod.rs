//! Stage 3, evaluate: pure judgements over the model, as of the build date.
//!
//! `evaluate(&Site) → Findings`. No I/O and no clock: the date comes from the site model
//! (today, or `SOURCE_DATE_EPOCH`), so figures are the same on every machine.

pub mod notice;

use crate::model::Site;
pub use notice::NoticeStatus;

#[derive(Debug, Default)]
pub struct Findings {
    /// The 公示 status of each document that has a notice period, by index in `Site::documents`.
    pub notices: Vec<Option<NoticeStatus>>,
}

pub fn evaluate(site: &Site) -> Findings {
    Findings {
        notices: site
            .documents
            .iter()
            .map(|d| d.notice_period.map(|p| notice::status(p, site.today)))
            .collect(),
    }
}

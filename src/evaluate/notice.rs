//! Whether a 公示 (public notice) is running: 未开始, 公示中 or 已结束 on a given day.

use crate::model::date::{Date, Period};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeStatus {
    /// 未开始
    Upcoming,
    /// 公示中
    Open,
    /// 已结束
    Closed,
}

impl NoticeStatus {
    pub fn label(self) -> &'static str {
        match self {
            NoticeStatus::Upcoming => "未开始",
            NoticeStatus::Open => "公示中",
            NoticeStatus::Closed => "已结束",
        }
    }

    /// A stable name for templates and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            NoticeStatus::Upcoming => "upcoming",
            NoticeStatus::Open => "open",
            NoticeStatus::Closed => "closed",
        }
    }
}

/// Both the first and the last day of the period count as 公示中.
pub fn status(period: Period, today: Date) -> NoticeStatus {
    if today < period.start {
        NoticeStatus::Upcoming
    } else if today > period.end {
        NoticeStatus::Closed
    } else {
        NoticeStatus::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::parse_date;

    #[test]
    fn the_first_and_last_days_are_open() {
        let p = Period {
            start: parse_date("2017-08-20").unwrap(),
            end: parse_date("2017-08-26").unwrap(),
        };
        let on = |d: &str| status(p, parse_date(d).unwrap());
        assert_eq!(on("2017-08-19"), NoticeStatus::Upcoming);
        assert_eq!(on("2017-08-20"), NoticeStatus::Open);
        assert_eq!(on("2017-08-26"), NoticeStatus::Open);
        assert_eq!(on("2017-08-27"), NoticeStatus::Closed);
    }
}

//! Where a day falls against a period: before it, in it, or after it (a 公示 is then 未开始,
//! 公示中 or 已结束; a pairing's cycle 未开始, 进行中 or 已结束).

use crate::model::date::{Date, Period};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodState {
    Upcoming,
    Current,
    Past,
}

/// Both the first and the last day belong to the period.
pub fn state(period: Period, today: Date) -> PeriodState {
    if today < period.start {
        PeriodState::Upcoming
    } else if today > period.end {
        PeriodState::Past
    } else {
        PeriodState::Current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::date::parse_date;

    #[test]
    fn the_first_and_last_days_are_inside() {
        let p = Period { start: parse_date("2017-08-20").unwrap(), end: parse_date("2017-08-26").unwrap() };
        let on = |d: &str| state(p, parse_date(d).unwrap());
        assert_eq!(on("2017-08-19"), PeriodState::Upcoming);
        assert_eq!(on("2017-08-20"), PeriodState::Current);
        assert_eq!(on("2017-08-26"), PeriodState::Current);
        assert_eq!(on("2017-08-27"), PeriodState::Past);
    }
}

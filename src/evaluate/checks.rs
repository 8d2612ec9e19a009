//! County-level checks: a figure given once a year for the whole county (the indicator file's
//! `county:` map, e.g. 家长满意度) against the standard's limit, compared exactly.

use super::ratio::Ratio;
use crate::model::custom::Rule;
use crate::model::indicator::Figures;
use crate::model::number::Decimal;
use crate::model::standard::Standard;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CheckResult {
    /// `None` when the year's file does not give the figure (未填报).
    pub value: Option<Decimal>,
    /// `None` without a value.
    pub ok: Option<bool>,
}

/// Each of the standard's county checks in its order, for one year's figures.
pub fn county(figures: &Figures, standard: &Standard) -> Vec<CheckResult> {
    let one = Decimal::from_int(1);
    standard
        .county_checks
        .iter()
        .map(|check| {
            let value = figures.county.get(&check.key).copied();
            let ok = value.and_then(Ratio::whole).map(|v| match check.rule {
                Rule::AtLeast => v.at_least(check.limit, one),
                Rule::AtMost => v.at_most(check.limit, one),
            });
            CheckResult { value, ok }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::FileId;
    use crate::model::custom::CountyCheck;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn a_county_figure_meets_its_limit_exactly_on_the_line() {
        let mut standard = crate::evaluate::verdict::tests::standard();
        let check = |key: &str, rule, limit: &str| CountyCheck {
            id: key.into(),
            name: key.into(),
            key: key.into(),
            rule,
            limit: d(limit),
            unit: String::new(),
        };
        standard.county_checks = vec![
            check("satisfaction", Rule::AtLeast, "85"),
            check("dropout", Rule::AtMost, "0.5"),
            check("absent", Rule::AtLeast, "1"),
        ];
        let figures = Figures {
            year: 2023,
            date: None,
            year_span: crate::diagnostics::Span::file_start(FileId(0)),
            date_span: None,
            file: FileId(0),
            rows: vec![],
            // 满意度 85.0 is exactly the limit of 85: met. 辍学率 0.51 is over 0.5.
            county: [("satisfaction", "85.0"), ("dropout", "0.51")].map(|(k, v)| (k.to_string(), d(v))).into(),
        };
        let results = county(&figures, &standard);
        assert_eq!(results[0], CheckResult { value: Some(d("85.0")), ok: Some(true) });
        assert_eq!(results[1].ok, Some(false));
        assert_eq!(results[2], CheckResult { value: None, ok: None });
    }
}

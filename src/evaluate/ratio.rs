//! An indicator's value for a school section, `numerator × per / denominator`, kept as an exact
//! fraction so that “reaches the threshold” and “below 85% of it” are decided without rounding.

use crate::model::number::Decimal;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ratio {
    num: i128,
    den: i128,
}

fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

impl Ratio {
    /// `numerator × per / denominator`; `None` for a zero denominator.
    pub fn of(numerator: Decimal, denominator: Decimal, per: Decimal) -> Option<Ratio> {
        if denominator.mantissa == 0 {
            return None;
        }
        // (a / 10^sa) × (c / 10^sc) / (b / 10^sb) = a·c·10^sb / (b·10^(sa+sc))
        let num = numerator.mantissa.checked_mul(per.mantissa)?.checked_mul(pow10(denominator.scale)?)?;
        let den = denominator.mantissa.checked_mul(pow10(numerator.scale.checked_add(per.scale)?)?)?;
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        Some(Ratio { num, den })
    }

    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// A figure taken as it is (no denominator, per 1).
    pub fn whole(value: Decimal) -> Option<Ratio> {
        Ratio::of(value, Decimal::from_int(1), Decimal::from_int(1))
    }

    /// Whether `value × factor` is at most `threshold`: within an at-most limit (`factor` 1), or
    /// within it divided by the floor. Exact, as [`Ratio::at_least`].
    pub fn at_most(self, threshold: Decimal, factor: Decimal) -> bool {
        // (num / den)(f / 10^sf) <= t / 10^st  ⟺  num · f · 10^st <= t · den · 10^sf
        let exact = (|| {
            let left = self.num.checked_mul(factor.mantissa)?.checked_mul(pow10(threshold.scale)?)?;
            let right = threshold.mantissa.checked_mul(self.den)?.checked_mul(pow10(factor.scale)?)?;
            Some(left <= right)
        })();
        exact.unwrap_or_else(|| self.to_f64() * factor.to_f64() <= threshold.to_f64())
    }

    /// Whether the value is at least `threshold × factor`, decided exactly (falls back to
    /// floating point only if the exact products would overflow).
    pub fn at_least(self, threshold: Decimal, factor: Decimal) -> bool {
        // num / den >= (d / 10^sd)(e / 10^se)  ⟺  num · 10^(sd+se) >= d · e · den
        let exact = (|| {
            let left = self.num.checked_mul(pow10(threshold.scale.checked_add(factor.scale)?)?)?;
            let right = threshold.mantissa.checked_mul(factor.mantissa)?.checked_mul(self.den)?;
            Some(left >= right)
        })();
        exact.unwrap_or_else(|| self.to_f64() >= threshold.to_f64() * factor.to_f64())
    }
}

/// Which way a limit binds a judged figure: at least it (交流比例 ≥ 10%) or at most it (差异系数 ≤ 0.50).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    AtLeast,
    AtMost,
}

/// Digits beyond the usual that a figure may take to keep clear of its limit.
const EXTRA_DIGITS: usize = 2;

/// A judged figure as pages and downloads show it: `value` with `decimals` decimals, never reading
/// on the other side of `limit` than the verdict `met` (decided exactly elsewhere) says.
///
/// The one rule for every figure shown beside a verdict: 100 of 1,001 is 9.99%, not 10.0% beside
/// 未达到 under ≥10%; a CV of 0.5004 is 0.5004, not 0.500 beside 未达到 under ≤0.50. A figure that
/// would read wrong first takes up to two more decimals (rounded as usual); if it still would, it
/// is rounded toward the verdict (a miss down, under an at-least limit). `value` and `limit` are in
/// the same unit (a percentage and a limit in percent, or two fractions).
pub fn shown(value: f64, decimals: usize, limit: Decimal, bound: Bound, met: bool) -> String {
    let reads_met = |text: &str| {
        let Ok(d) = Decimal::parse(text) else { return met };
        let one = Decimal::from_int(1);
        Ratio::whole(d).is_none_or(|r| match bound {
            Bound::AtLeast => r.at_least(limit, one),
            Bound::AtMost => r.at_most(limit, one),
        }) == met
    };
    for digits in decimals..=decimals + EXTRA_DIGITS {
        let text = format!("{value:.digits$}");
        if reads_met(&text) {
            return text;
        }
    }
    // Round toward the verdict at the most digits allowed, stepping one last digit further if
    // binary floating point put the value on the limit itself.
    let digits = decimals + EXTRA_DIGITS;
    let scale = 10f64.powi(digits as i32);
    let down = (bound == Bound::AtLeast) != met;
    let mut units = if down { (value * scale).floor() } else { (value * scale).ceil() } as i128;
    let text = |units: i128| Decimal { mantissa: units, scale: digits as u32 }.to_string();
    for _ in 0..3 {
        if reads_met(&text(units)) {
            break;
        }
        units += if down { -1 } else { 1 };
    }
    text(units)
}

/// A coefficient of variation as shown beside its at-most limit, judged as `county::spread`
/// judges it (`cv ≤ limit`); with no limit (a coefficient shown, not judged) as it is.
pub fn shown_cv(cv: f64, decimals: usize, limit: Option<Decimal>) -> String {
    match limit {
        Some(l) => shown(cv, decimals, l, Bound::AtMost, cv <= l.to_f64()),
        None => format!("{cv:.decimals$}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).unwrap()
    }

    #[test]
    fn computes_per_student_and_per_hundred() {
        // 95 teachers above the required degree for 2100 students: 95 × 100 / 2100 = 4.5238…
        let r = Ratio::of(d("95"), d("2100"), d("100")).unwrap();
        assert!((r.to_f64() - 4.523_809_523_8).abs() < 1e-9);
        // 9800.5 m² for 2100 students: 4.6669… m² each.
        let r = Ratio::of(d("9800.5"), d("2100"), d("1")).unwrap();
        assert!((r.to_f64() - 9800.5 / 2100.0).abs() < 1e-12);
        assert!(Ratio::of(d("1"), d("0"), d("1")).is_none());
    }

    #[test]
    fn decides_exactly_on_the_line() {
        let one = d("1");
        // 21 per 500 students × 100 = 4.2 exactly: meets a 4.2 threshold.
        let r = Ratio::of(d("21"), d("500"), d("100")).unwrap();
        assert!(r.at_least(d("4.2"), one));
        // 357 per 10000 × 100 = 3.57 = 85% of 4.2 exactly: not below 85%.
        // (In f64, 0.85 × 4.2 = 3.5700000000000003 and 357 / 10000 × 100 = 3.5700000000000003
        // or 3.57 depending on the order of operations; the exact test does not care.)
        let r = Ratio::of(d("357"), d("10000"), d("100")).unwrap();
        assert!(r.at_least(d("4.2"), d("0.85")));
        assert!(!r.at_least(d("4.2"), one));
        let r = Ratio::of(d("356"), d("10000"), d("100")).unwrap();
        assert!(!r.at_least(d("4.2"), d("0.85")));
    }

    #[test]
    fn decides_at_most_exactly_on_the_line() {
        let one = d("1");
        // 班额: 1350 students in 30 classes = 45 exactly: within a limit of 45.
        let r = Ratio::of(d("1350"), d("30"), one).unwrap();
        assert!(r.at_most(d("45"), one));
        // 1351 / 30 = 45.033…: over it.
        assert!(!Ratio::of(d("1351"), d("30"), one).unwrap().at_most(d("45"), one));
        // The floor read for at most: value × 0.85 <= 45, i.e. value <= 52.94…
        // 1060 / 20 = 53 → 53 × 0.85 = 45.05 > 45: beyond the floor; 1058 / 20 = 52.9 → 44.965: within.
        assert!(!Ratio::of(d("1060"), d("20"), one).unwrap().at_most(d("45"), d("0.85")));
        assert!(Ratio::of(d("1058"), d("20"), one).unwrap().at_most(d("45"), d("0.85")));
        // A figure taken as it is (校额): 2000 students within a limit of 2000, 2001 not.
        assert!(Ratio::whole(d("2000")).unwrap().at_most(d("2000"), one));
        assert!(!Ratio::whole(d("2001")).unwrap().at_most(d("2000"), one));
    }

    #[test]
    fn a_shown_figure_never_reads_across_its_verdict() {
        let ten = d("10");
        // 100 of 1,001 = 9.99000…%: a miss under ≥10% is not shown as 10.0%.
        assert_eq!(shown(100.0 * 100.0 / 1001.0, 1, ten, Bound::AtLeast, false), "9.99");
        // 200 of 2,001 as a fraction with four decimals: 0.09995…, not 0.1000.
        assert_eq!(shown(200.0 / 2001.0, 4, d("0.10"), Bound::AtLeast, false), "0.09995");
        // Exactly on the limit and met: as usual.
        assert_eq!(shown(10.0, 1, ten, Bound::AtLeast, true), "10.0");
        // Far from the limit: as usual, whatever the verdict.
        assert_eq!(shown(33.333_333, 1, d("20"), Bound::AtLeast, true), "33.3");
        assert_eq!(shown(8.333_333, 1, ten, Bound::AtLeast, false), "8.3");
        // A miss a hair below: two more digits are not enough, so rounded down.
        assert_eq!(shown(9.999_999_9, 1, ten, Bound::AtLeast, false), "9.999");
        // A meet never rounds below its limit.
        assert_eq!(shown(9.999_999_9, 1, ten, Bound::AtLeast, true), "10.0");
        // CV of 0.5004 against ≤0.50: 未达到, so 0.5004 and not 0.500.
        assert_eq!(shown(0.5004, 3, d("0.50"), Bound::AtMost, false), "0.5004");
        assert_eq!(shown(0.500_000_1, 3, d("0.50"), Bound::AtMost, false), "0.50001");
        // Within ≤0.50 by a hair: never shown above it.
        assert_eq!(shown(0.4999, 3, d("0.50"), Bound::AtMost, true), "0.500");
        assert_eq!(shown(0.499_999_999, 3, d("0.50"), Bound::AtMost, false), "0.50001");
        assert_eq!(shown_cv(0.5004, 3, Some(d("0.50"))), "0.5004");
        assert_eq!(shown_cv(0.5004, 3, None), "0.500");
        assert_eq!(shown_cv(0.5, 3, Some(d("0.50"))), "0.500");
    }
}

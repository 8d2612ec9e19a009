//! Decimal numbers as written in data files (`2100`, `9800.5`, `4,500,000`), kept exact.
//!
//! Thresholds are decimals (4.2, 0.85) and figures are counts or areas; judging “at least the
//! threshold” and “below 85% of it” in binary floating point can flip a school that sits exactly
//! on the line. Comparisons are therefore made on exact rationals (see `evaluate::ratio`); `f64`
//! is used only for display and for the coefficient of variation, which needs a square root.

use std::fmt;

/// `mantissa / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    pub mantissa: i128,
    pub scale: u32,
}

/// Digits after the point that are kept; more is not a real figure.
const MAX_SCALE: u32 = 9;

impl Decimal {
    pub const ZERO: Decimal = Decimal { mantissa: 0, scale: 0 };

    pub fn from_int(n: i64) -> Decimal {
        Decimal { mantissa: i128::from(n), scale: 0 }
    }

    /// Parses `1234`, `-5`, `9800.5`, `4,500,000` and full-width digits; the error says why.
    pub fn parse(text: &str) -> Result<Decimal, String> {
        let folded: String = text
            .trim()
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | '_' | ' '))
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' => '.',
                '－' => '-',
                c => c,
            })
            .collect();
        let (negative, digits) = match folded.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, folded.strip_prefix('+').unwrap_or(&folded)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let well_formed = !int.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
            && !(digits.contains('.') && frac.is_empty());
        if !well_formed {
            return Err(format!("「{text}」不是数字"));
        }
        // Trailing zeros are kept: a threshold written 1.0 is shown as 1.0.
        if frac.len() > MAX_SCALE as usize || int.len() > 20 {
            return Err(format!("「{text}」位数太多"));
        }
        let mantissa: i128 = format!("{int}{frac}").parse().map_err(|_| format!("「{text}」不是数字"))?;
        Ok(Decimal { mantissa: if negative { -mantissa } else { mantissa }, scale: frac.len() as u32 })
    }

    pub fn to_f64(self) -> f64 {
        self.mantissa as f64 / 10f64.powi(self.scale as i32)
    }

    pub fn is_positive(self) -> bool {
        self.mantissa > 0
    }

    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// A share as staff write a limit or a target: `80%`, `80％` or `0.8`; the value is the
    /// fraction (0.80). More than 100% or not above 0 is an error: no such target can be met.
    pub fn parse_share(text: &str) -> Result<Decimal, String> {
        let trimmed = text.trim();
        let (number, percent) = match trimmed.strip_suffix(['%', '％']) {
            Some(n) => (n, true),
            None => (trimmed, false),
        };
        let mut d = Decimal::parse(number).map_err(|_| format!("「{text}」不是比例，应写成 80% 或 0.8"))?;
        if percent {
            d.scale += 2;
        }
        if !d.is_positive() || d.cmp_int(1) == std::cmp::Ordering::Greater {
            return Err(format!("比例「{text}」应大于 0、不超过 100%"));
        }
        Ok(d)
    }

    /// The exact sum (figures of a school's sections added up).
    pub fn plus(self, other: Decimal) -> Decimal {
        let scale = self.scale.max(other.scale);
        let up = |d: Decimal| d.mantissa.saturating_mul(10i128.pow(scale - d.scale));
        Decimal { mantissa: up(self).saturating_add(up(other)), scale }
    }

    /// Compares with an integer exactly.
    pub fn cmp_int(self, n: i64) -> std::cmp::Ordering {
        self.mantissa.cmp(&(i128::from(n) * 10i128.pow(self.scale)))
    }

    /// Whether `part / whole` is at least this fraction, exactly (`whole` > 0).
    pub fn reached_by(self, part: usize, whole: usize) -> bool {
        (part as i128) * 10i128.pow(self.scale) >= self.mantissa * whole as i128
    }

    /// A hundred times the value, exactly: a fraction in percent (`0.125` → `12.5`).
    pub fn hundredfold(self) -> Decimal {
        match self.scale.checked_sub(2) {
            Some(scale) => Decimal { mantissa: self.mantissa, scale },
            None => Decimal { mantissa: self.mantissa * 10i128.pow(2 - self.scale), scale: 0 },
        }
    }

    /// `0.80` as `80%`, `0.125` as `12.5%`: a share as pages print it.
    pub fn percent(self) -> String {
        let text = self.hundredfold().to_string();
        let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
        format!("{text}%")
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = format!("{:0>width$}", self.mantissa.unsigned_abs(), width = self.scale as usize + 1);
        let (int, frac) = digits.split_at(digits.len() - self.scale as usize);
        write!(f, "{sign}{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_figures_as_staff_write_them() {
        assert_eq!(Decimal::parse("2100"), Ok(Decimal { mantissa: 2100, scale: 0 }));
        assert_eq!(Decimal::parse("4,500,000").unwrap().mantissa, 4_500_000);
        assert_eq!(Decimal::parse("9800.50"), Ok(Decimal { mantissa: 980050, scale: 2 }));
        assert_eq!(Decimal::parse("０.８５"), Ok(Decimal { mantissa: 85, scale: 2 }));
        assert_eq!(Decimal::parse("-3").unwrap().mantissa, -3);
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for bad in ["", "abc", "1.2.3", "12.", ".5", "1e5", "两千"] {
            assert!(Decimal::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_shares_as_percentages_or_fractions() {
        assert_eq!(Decimal::parse_share("80%").unwrap().to_string(), "0.80");
        assert_eq!(Decimal::parse_share("12.5％").unwrap().to_string(), "0.125");
        assert_eq!(Decimal::parse_share("0.2").unwrap().to_string(), "0.2");
        assert_eq!(Decimal::parse_share("100%").unwrap().percent(), "100%");
        assert_eq!(Decimal::parse_share("12.5%").unwrap().percent(), "12.5%");
        assert_eq!(Decimal::parse_share("0.8").unwrap().percent(), "80%");
        assert_eq!(Decimal::parse_share("10%").unwrap().percent(), "10%");
        for bad in ["120%", "1.5", "0", "-10%", "八成"] {
            assert!(Decimal::parse_share(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn judges_a_share_exactly() {
        let ten = Decimal::parse_share("10%").unwrap();
        assert!(ten.reached_by(4, 40), "4 of 40 is exactly 10%");
        assert!(!ten.reached_by(3, 40));
        let third = Decimal::parse_share("33.3%").unwrap();
        assert!(third.reached_by(1, 3));
        assert!(!Decimal::parse_share("33.34%").unwrap().reached_by(1, 3));
    }

    #[test]
    fn displays_without_losing_digits() {
        assert_eq!(Decimal::parse("0.85").unwrap().to_string(), "0.85");
        assert_eq!(Decimal::parse("1.0").unwrap().to_string(), "1.0");
        assert_eq!(Decimal::parse("0.50").unwrap().to_string(), "0.50");
        assert_eq!(Decimal::parse("10.2").unwrap().to_string(), "10.2");
        assert_eq!(Decimal::parse("-0.05").unwrap().to_string(), "-0.05");
        assert_eq!(Decimal::parse("2000").unwrap().to_string(), "2000");
        assert!((Decimal::parse("4.2").unwrap().to_f64() - 4.2).abs() < 1e-12);
    }
}

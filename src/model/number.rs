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

//! The spread between schools: the student-weighted coefficient of variation (差异系数) of an
//! indicator over a county's schools of one 学段 (FORMAT.md):
//! mean = Σ(Pᵢ·Xᵢ)/P, S = √(Σ Pᵢ·(Xᵢ − mean)² / P), CV = S / mean.

/// `points` are (students, value). `None` without schools, students or a positive mean.
pub fn weighted_cv(points: &[(f64, f64)]) -> Option<f64> {
    let total: f64 = points.iter().map(|(p, _)| p).sum();
    if points.is_empty() || total <= 0.0 {
        return None;
    }
    let mean = points.iter().map(|(p, x)| p * x).sum::<f64>() / total;
    if mean <= 0.0 {
        return None;
    }
    let variance = points.iter().map(|(p, x)| p * (x - mean).powi(2)).sum::<f64>() / total;
    Some(variance.sqrt() / mean)
}

/// The plain mean of the indicators' coefficients: the 综合差异系数 of jiben-2012.
pub fn composite(cvs: &[f64]) -> Option<f64> {
    (!cvs.is_empty()).then(|| cvs.iter().sum::<f64>() / cvs.len() as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example circulated with the national method (FORMAT.md): books per student
    /// in five schools.
    const STUDENTS: [f64; 5] = [45.0, 37.0, 89.0, 76.0, 55.0];
    const BOOKS: [f64; 5] = [279.0, 137.0, 935.0, 160.0, 402.0];

    fn points() -> Vec<(f64, f64)> {
        STUDENTS.iter().zip(BOOKS).map(|(&p, b)| (p, b / p)).collect()
    }

    #[test]
    fn weighted_cv_matches_the_national_worked_example() {
        // mean = Σbooks / Σstudents = 1913 / 302 = 6.334…
        let total: f64 = STUDENTS.iter().sum();
        let mean = BOOKS.iter().sum::<f64>() / total;
        assert!((mean - 6.334_437).abs() < 1e-6);
        // Σ Pᵢ(Xᵢ − mean)² by hand, school by school.
        let x = [279.0 / 45.0, 137.0 / 37.0, 935.0 / 89.0, 160.0 / 76.0, 402.0 / 55.0];
        let sum = 45.0 * (x[0] - mean).powi(2)
            + 37.0 * (x[1] - mean).powi(2)
            + 89.0 * (x[2] - mean).powi(2)
            + 76.0 * (x[3] - mean).powi(2)
            + 55.0 * (x[4] - mean).powi(2);
        let s = (sum / 302.0).sqrt();
        assert!((s - 3.26).abs() < 0.005, "S = {s}");
        let cv = weighted_cv(&points()).unwrap();
        assert!((cv - s / mean).abs() < 1e-12);
        assert_eq!(format!("{cv:.3}"), "0.515");
        // Over a 0.50 limit: the county does not meet it.
        assert!(cv > 0.50);
    }

    #[test]
    fn the_unweighted_figure_would_wrongly_pass() {
        let x: Vec<f64> = points().iter().map(|(_, x)| *x).collect();
        let mean = x.iter().sum::<f64>() / 5.0;
        let sd = (x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / 5.0).sqrt();
        assert_eq!(format!("{:.3}", sd / mean), "0.489");
        assert!(sd / mean <= 0.50);
    }

    #[test]
    fn composite_matches_the_published_jiben_table() {
        let cvs = [0.437, 0.419, 0.255, 0.188, 0.171, 0.263, 0.263, 0.420];
        // (0.437 + 0.419 + 0.255 + 0.188 + 0.171 + 0.263 + 0.263 + 0.420) / 8 = 2.416 / 8
        let c = composite(&cvs).unwrap();
        assert_eq!(format!("{c:.3}"), "0.302");
        // Within both the 小学 (0.65) and the stricter 初中 (0.55) limit.
        assert!(c <= 0.55);
    }

    #[test]
    fn one_school_has_no_spread_and_no_school_has_no_figure() {
        assert_eq!(weighted_cv(&[(100.0, 4.0)]), Some(0.0));
        assert_eq!(weighted_cv(&[]), None);
        assert_eq!(weighted_cv(&[(100.0, 0.0)]), None);
    }
}

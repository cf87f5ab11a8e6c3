//! Dates as news gives them → day numbers for range filters.

/// `2024-03-18`, `2024/3/18`, `2024-03-18T10:00:00Z`, `2024年3月18日`, `18-MAR-2024`,
/// `March 18, 2024` → 20240318.
pub fn day_number(date: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = date.to_ascii_lowercase();
    if let Some(m) = MONTHS.iter().position(|m| lower.contains(m)) {
        let nums: Vec<i64> = lower
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(2)
            .filter_map(|s| s.parse().ok())
            .collect();
        let (day, year) = match nums.as_slice() {
            [a, b] if *a > 31 => (*b, *a),
            [a, b] => (*a, *b),
            _ => return None,
        };
        return ((1000..=9999).contains(&year) && (1..=31).contains(&day))
            .then(|| year * 10_000 + (m as i64 + 1) * 100 + day);
    }
    let nums: Vec<i64> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match nums.as_slice() {
        [y, m, d] if (1000..=9999).contains(y) && (1..=12).contains(m) && (1..=31).contains(d) => {
            Some(y * 10_000 + m * 100 + d)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_day_numbers() {
        for (s, want) in [
            ("2024-03-18", Some(20240318)),
            ("2024/3/8", Some(20240308)),
            ("2020-04-01T10:00:00Z", Some(20200401)),
            ("2024年3月18日", Some(20240318)),
            ("26-FEB-1987 15:01:01.79", Some(19870226)),
            ("March 18, 2024", Some(20240318)),
            ("yesterday", None),
        ] {
            assert_eq!(day_number(s), want, "{s}");
        }
    }
}

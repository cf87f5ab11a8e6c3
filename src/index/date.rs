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

/// `date` as `YYYY-MM-DD` when it names a real day (what a `date` field accepts).
pub fn iso_day(date: &str) -> Option<String> {
    let (y, m, d) = ymd(date)?;
    (d <= days_in_month(y, m)).then(|| iso((y, m, d)))
}

/// The (year, month, day) `newslens search` reads in `date` (the day may be past the month's
/// end, as in `2024-02-30`).
pub(crate) fn ymd(date: &str) -> Option<(i64, i64, i64)> {
    let n = day_number(date)?;
    Some((n / 10_000, n / 100 % 100, n % 100))
}

/// `YYYY-MM-DD`.
pub(crate) fn iso((y, m, d): (i64, i64, i64)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days in month `m` (1–12) of year `y`.
pub(crate) fn days_in_month(y: i64, m: i64) -> i64 {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
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

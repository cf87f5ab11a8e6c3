//! Dates as news gives them → real days ([`jiff::civil::Date`]), for range filters, the
//! index's date field and trends.
//!
//! The day is the one the article's own date line names, in its own time zone: a wire story
//! dated `2024-03-18T23:30:00-05:00` is of the 18th, not of the 19th in UTC.

use jiff::civil::Date;
use jiff::fmt::strtime::BrokenDownTime;

/// Date formats news uses, tried in turn where a date starts; what follows the date (a time,
/// a zone, a weekday) is left alone. `%m` and `%d` take one or two digits, month names any
/// case. Longer forms come first (`%B` before `%b`), since a prefix match stops at the first.
const FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y年%m月%d日",
    "%Y 年 %m 月 %d 日",
    "%d-%b-%Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %b. %Y",
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%b %d %Y",
    "%a, %d %b %Y",
    "%A, %B %d, %Y",
    "%a %b %d %Y",
];

/// The day a date names: `2024-03-18`, `2020-3-30 14:17:00`, `2024/3/18`,
/// `2024-03-18T10:00:00+08:00` (RFC 3339), `Mon, 18 Mar 2024 10:00:00 +0000` (RFC 2822),
/// `2024年3月18日`, `26-FEB-1987 15:01:01.79`, `March 18, 2024`, `18 March 2024`; also after a
/// label (`Updated: March 18, 2024`). `None` when no real day is named (`2023-02-29`,
/// `yesterday`) or the year is outside 1000–9999.
pub fn parse_day(date: &str) -> Option<Date> {
    let date = date.trim();
    if date.is_empty() {
        return None;
    }
    // AP style writes September `Sept.`, which the month formats do not know.
    // (Not September: `%B` reads that.)
    let sept = date.find("Sept").or_else(|| date.find("SEPT"));
    let date = &match sept.filter(|&at| !date[at + 4..].starts_with(['e', 'E'])) {
        Some(at) => format!("{}{}", &date[..at + 3], &date[at + 4..]),
        None => date.to_string(),
    };
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(date) {
        return plausible(zoned.date());
    }
    // Where a date may start: the beginning, the first digit, a word after a label.
    let first_digit = date.find(|c: char| c.is_ascii_digit());
    let words = date
        .char_indices()
        .filter(|&(i, c)| {
            c.is_ascii_alphabetic() && i > 0 && !date[..i].ends_with(char::is_alphanumeric)
        })
        .map(|(i, _)| i)
        .take(6);
    let starts = std::iter::once(0).chain(first_digit).chain(words);
    for start in starts {
        let rest = &date[start..];
        for format in FORMATS {
            if let Ok((tm, _)) = BrokenDownTime::parse_prefix(format, rest)
                && let Ok(day) = tm.to_date()
            {
                return plausible(day);
            }
        }
    }
    None
}

/// A `--since`/`--until` day (`what` names the option in the error).
pub(crate) fn bound(day: &Option<String>, what: &str) -> crate::error::Result<Option<Date>> {
    day.as_deref()
        .map(|s| {
            parse_day(s).ok_or_else(|| crate::error::Error::Query {
                query: s.to_string(),
                reason: format!("--{what} wants a real day like 2024-03-18"),
            })
        })
        .transpose()
}

/// `day` when its year is one news could carry.
fn plausible(day: Date) -> Option<Date> {
    (1000..=9999).contains(&day.year()).then_some(day)
}

/// A date as the number `YYYYMMDD` (what the index's `day` field holds for range filters):
/// `2024-03-18` → 20240318.
pub fn day_number(date: &str) -> Option<i64> {
    parse_day(date).map(number)
}

/// `day` as `YYYYMMDD`.
pub(crate) fn number(day: Date) -> i64 {
    i64::from(day.year()) * 10_000 + i64::from(day.month()) * 100 + i64::from(day.day())
}

/// `day` at midnight UTC, as the index's date field holds it.
pub(crate) fn midnight_utc(day: Date) -> tantivy::DateTime {
    tantivy::DateTime::from_timestamp_secs(epoch_days(day) * SECONDS_PER_DAY)
}

/// Seconds in a day.
pub(crate) const SECONDS_PER_DAY: i64 = 86_400;

/// Days from 1970-01-01 to `day`.
pub(crate) fn epoch_days(day: Date) -> i64 {
    day.since(Date::constant(1970, 1, 1))
        .map_or(0, |span| i64::from(span.get_days()))
}

/// The day `days` after 1970-01-01.
pub(crate) fn from_epoch_days(days: i64) -> Option<Date> {
    Date::constant(1970, 1, 1)
        .checked_add(jiff::Span::new().try_days(days).ok()?)
        .ok()
}

/// `date` as `YYYY-MM-DD` when it names a real day.
pub fn iso_day(date: &str) -> Option<String> {
    parse_day(date).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_date_format_news_uses_gives_its_day() {
        for (s, want) in [
            ("2024-03-18", Some("2024-03-18")),
            ("2020-3-30 14:17:00", Some("2020-03-30")),
            ("2024/3/8", Some("2024-03-08")),
            ("2024.03.18", Some("2024-03-18")),
            ("2020-04-01T10:00:00Z", Some("2020-04-01")),
            // The day as written, in the article's own zone (UTC would say the 19th).
            ("2024-03-18T23:30:00-05:00", Some("2024-03-18")),
            ("2024-02-29T08:00:00+08:00", Some("2024-02-29")),
            ("Mon, 18 Mar 2024 10:00:00 +0000", Some("2024-03-18")),
            ("Mon, 18 Mar 2024 23:30:00 -0500", Some("2024-03-18")),
            ("2024年3月18日", Some("2024-03-18")),
            ("2024年03月18日 10:30", Some("2024-03-18")),
            ("26-FEB-1987 15:01:01.79", Some("1987-02-26")),
            (" 2-MAR-1987 08:22:30.11", Some("1987-03-02")),
            ("March 18, 2024", Some("2024-03-18")),
            ("Mar 18, 2024", Some("2024-03-18")),
            ("Sept. 5, 2024", Some("2024-09-05")),
            ("September 18, 2024", Some("2024-09-18")),
            ("18 SEPTEMBER 2024", Some("2024-09-18")),
            ("Monday, September 16, 2024", Some("2024-09-16")),
            ("18 March 2024", Some("2024-03-18")),
            ("18 Mar 2024", Some("2024-03-18")),
            ("Updated: March 18, 2024 10:00 ET", Some("2024-03-18")),
            ("发布时间：2024-03-18 08:00", Some("2024-03-18")),
            ("2023-02-29", None),
            ("2024-04-31", None),
            ("2024-13-01", None),
            ("yesterday", None),
            ("", None),
        ] {
            assert_eq!(iso_day(s).as_deref(), want, "{s:?}");
        }
    }

    #[test]
    fn days_become_numbers() {
        assert_eq!(day_number("2024-03-18"), Some(20240318));
        assert_eq!(day_number("26-FEB-1987 15:01:01.79"), Some(19870226));
        assert_eq!(day_number("soon"), None);
    }
}

//! Trends: how many articles match a query, day by day, week by week or month by month, and
//! the entities that come with it. Counted inside tantivy (a date histogram over the
//! `published` fast field, a terms aggregation over the `entity` fast field); days are then
//! folded into weeks or months, which tantivy's fixed intervals cannot express.

use std::collections::BTreeMap;

use jiff::civil::{Date, Weekday};
use serde::Serialize;
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::{AggregationResult, AggregationResults, BucketResult};
use tantivy::aggregation::{AggContextParams, AggregationCollector, Key};
use tantivy::collector::Count;

use super::query::{Clause, ParsedQuery};
use super::schema::{ENTITY, PUBLISHED};
use super::search::{Facet, SearchOptions};
use super::{NewsIndex, SCHEMA_VERSION, index_error};
use crate::error::{Error, Result};

/// The most periods one trend lays out (27 years of days).
pub const MAX_PERIODS: usize = 10_000;

/// The length of a trend's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
}

impl Period {
    /// `day`, `week` or `month`.
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }

    /// The first day of the period holding `day`.
    pub fn start(self, day: Date) -> Date {
        match self {
            Period::Day => day,
            Period::Week => {
                let back = i64::from(day.weekday().since(Weekday::Monday));
                day.checked_sub(jiff::Span::new().days(back)).unwrap_or(day)
            }
            Period::Month => day.first_of_month(),
        }
    }

    /// The first day of the next period after the one starting on `start`.
    fn next(self, start: Date) -> Option<Date> {
        let step = match self {
            Period::Day => jiff::Span::new().days(1),
            Period::Week => jiff::Span::new().weeks(1),
            Period::Month => jiff::Span::new().months(1),
        };
        start.checked_add(step).ok()
    }

    /// The last day of the period starting on `start`.
    fn end(self, start: Date) -> Date {
        match self {
            Period::Day => start,
            Period::Week => start
                .checked_add(jiff::Span::new().days(6))
                .unwrap_or(Date::MAX),
            Period::Month => start.last_of_month(),
        }
    }

    /// The period's label: `2024-03-18`, `2024-W12`, `2024-03`.
    pub fn label(self, start: Date) -> String {
        match self {
            Period::Day => start.to_string(),
            Period::Week => {
                let w = start.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{:04}-{:02}", start.year(), start.month()),
        }
    }
}

/// Trend settings.
#[derive(Debug, Clone)]
pub struct TrendOptions {
    /// The period counted.
    pub by: Period,
    /// Only articles dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles dated on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// How many co-occurring entities to give per query (0: none).
    pub with: usize,
}

/// The counts of several queries over one shared run of periods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trends {
    /// The period counted.
    pub by: Period,
    /// The periods, oldest first, with no gap: from the first period any query has an article
    /// in (or `since`) to the last (or `until`).
    pub periods: Vec<PeriodRange>,
    /// One series per query, in the order given.
    pub series: Vec<Series>,
}

/// One period of a trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodRange {
    /// `2024-03-18`, `2024-W12` or `2024-03`.
    pub label: String,
    /// Its first day (`YYYY-MM-DD`).
    pub start: String,
    /// Its last day (`YYYY-MM-DD`).
    pub end: String,
}

/// One query's counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    /// The query as given.
    pub query: String,
    /// Articles matching it (with a date in the range, when one is given).
    pub total: u64,
    /// Articles matching it with no date the index could read: counted apart, in no period.
    pub undated: u64,
    /// Articles per period, one count for each of [`Trends::periods`].
    pub counts: Vec<u64>,
    /// The entities most often in its articles (the query's own entities left out), most
    /// first.
    pub with: Vec<Facet>,
}

/// One query's counts by day, before the periods are laid out.
struct DayCounts {
    days: BTreeMap<Date, u64>,
    total: u64,
    undated: u64,
    with: Vec<Facet>,
}

impl NewsIndex {
    /// The trends of `queries` (each given as its text and parsed form), counted from the index.
    pub fn trends(&self, queries: &[(String, ParsedQuery)], opts: &TrendOptions) -> Result<Trends> {
        if self.fields.published.is_none() {
            return Err(Error::Index {
                path: self.dir.clone(),
                reason: format!(
                    "built by an older newslens (schema {}), which keeps dates as text only: \
                     trends need the day as a date. Build it again from your inputs: `newslens \
                     index --rebuild --index {} INPUT…` (schema {SCHEMA_VERSION})",
                    self.version,
                    self.dir.display()
                ),
            });
        }
        let since = super::date::bound(&opts.since, "since")?;
        let until = super::date::bound(&opts.until, "until")?;
        if let (Some(since), Some(until)) = (since, until)
            && since > until
        {
            return Err(Error::Query {
                query: format!("--since {since} --until {until}"),
                reason: "the range ends before it starts".to_string(),
            });
        }
        // (Every query counted on the one last commit.)
        let searcher = self.searcher()?;
        let counted = queries
            .iter()
            .map(|(_, q)| self.day_counts(&searcher, q, opts))
            .collect::<Result<Vec<_>>>()?;
        let first = since.or_else(|| {
            counted
                .iter()
                .filter_map(|c| c.days.keys().next())
                .min()
                .copied()
        });
        let last = until.or_else(|| {
            counted
                .iter()
                .filter_map(|c| c.days.keys().next_back())
                .max()
                .copied()
        });
        let mut starts = Vec::new();
        if let (Some(first), Some(last)) = (first, last) {
            let mut start = opts.by.start(first);
            while start <= last {
                if starts.len() == MAX_PERIODS {
                    return Err(Error::Query {
                        query: format!("{first} … {last}"),
                        reason: format!(
                            "more than {MAX_PERIODS} {}s from the first day to the last: narrow \
                             --since/--until, or count by a longer period",
                            opts.by.as_str()
                        ),
                    });
                }
                starts.push(start);
                match opts.by.next(start) {
                    Some(next) => start = next,
                    None => break,
                }
            }
        }
        let periods = starts
            .iter()
            .map(|&start| {
                let end = opts.by.end(start);
                PeriodRange {
                    label: opts.by.label(start),
                    start: start.to_string(),
                    end: end.to_string(),
                }
            })
            .collect();
        let series = queries
            .iter()
            .zip(counted)
            .map(|((text, _), c)| {
                let mut counts = vec![0; starts.len()];
                for (&day, &n) in &c.days {
                    // The period holding `day`: the last start on or before it.
                    let at = starts.partition_point(|&s| s <= day);
                    if at > 0 {
                        counts[at - 1] += n;
                    }
                }
                Series {
                    query: text.clone(),
                    total: c.total,
                    undated: c.undated,
                    counts,
                    with: c.with,
                }
            })
            .collect();
        Ok(Trends {
            by: opts.by,
            periods,
            series,
        })
    }

    /// Articles matching `q` on `searcher` by day (inside `opts`' date range), its undated matches, and the
    /// entities most often with it.
    fn day_counts(
        &self,
        searcher: &tantivy::Searcher,
        q: &ParsedQuery,
        opts: &TrendOptions,
    ) -> Result<DayCounts> {
        let ranged = SearchOptions {
            since: opts.since.clone(),
            until: opts.until.clone(),
            ..SearchOptions::default()
        };
        let (query, _) = self.query(q, &ranged)?;
        // The query's own entities would top its co-occurrences: asked for a few more.
        let own = self.query_entities(q);
        let aggs: Aggregations = serde_json::from_value(serde_json::json!({
            "days": {"date_histogram": {"field": PUBLISHED, "fixed_interval": "1d", "min_doc_count": 1}},
            "with": {"terms": {"field": ENTITY, "size": opts.with.min(1000) + own.len() + 10, "segment_size": 1000}},
        }))
        .map_err(|e| Error::Query {
            query: String::new(),
            reason: format!("internal aggregation request: {e}"),
        })?;
        let collector = AggregationCollector::from_aggs(aggs, AggContextParams::default());
        let (results, total) = searcher
            .search(&query, &(collector, Count))
            .map_err(|e| index_error(&self.dir, e))?;
        let mut days = BTreeMap::new();
        for (key, n) in buckets(&results, "days") {
            if let Key::F64(ms) = key {
                // Milliseconds since 1970 at midnight UTC (how the day was indexed).
                let epoch_days = (ms / 1000.0).div_euclid(super::date::SECONDS_PER_DAY as f64);
                if let Some(day) = super::date::from_epoch_days(epoch_days as i64) {
                    *days.entry(day).or_insert(0) += n;
                }
            }
        }
        let dated: u64 = days.values().sum();
        let mut with: Vec<Facet> = buckets(&results, "with")
            .into_iter()
            .filter_map(|(key, n)| match key {
                Key::Str(name) if !own.contains(&name) => Some(Facet {
                    entity: name,
                    count: n as usize,
                }),
                _ => None,
            })
            .collect();
        // Equal counts by name, whatever order tantivy's segments gave them in.
        with.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.entity.cmp(&b.entity)));
        with.truncate(opts.with);
        // Undated articles fall outside any date range: counted only when none is given.
        let undated = if opts.since.is_none() && opts.until.is_none() {
            (total as u64).saturating_sub(dated)
        } else {
            0
        };
        Ok(DayCounts {
            days,
            total: dated + undated,
            undated,
            with,
        })
    }

    /// The canonical names of the entities a query names (`entity:X`, or a word that is an
    /// alias).
    fn query_entities(&self, q: &ParsedQuery) -> Vec<String> {
        let dict = self.analyzer.dictionary();
        q.must
            .iter()
            .flatten()
            .filter_map(|c| match c {
                Clause::Entity(name) | Clause::Word(name) => dict.lookup(name),
                _ => None,
            })
            .map(|e| e.canonical.clone())
            .collect()
    }
}

/// The (key, count) buckets of the bucket aggregation `name`, in tantivy's order (by key for a
/// histogram, by count then key for terms).
pub(super) fn buckets(results: &AggregationResults, name: &str) -> Vec<(Key, u64)> {
    match results.0.get(name) {
        Some(AggregationResult::BucketResult(BucketResult::Histogram { buckets })) => buckets
            .iter()
            .map(|b| (b.key.clone(), b.doc_count))
            .collect(),
        Some(AggregationResult::BucketResult(BucketResult::Terms { buckets, .. })) => buckets
            .iter()
            .map(|b| (b.key.clone(), b.doc_count))
            .collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_start_on_mondays_and_first_days() {
        let day = Date::constant(2024, 3, 20); // a Wednesday
        assert_eq!(Period::Day.start(day), day);
        assert_eq!(Period::Week.start(day), Date::constant(2024, 3, 18));
        assert_eq!(Period::Month.start(day), Date::constant(2024, 3, 1));
        assert_eq!(Period::Week.label(Date::constant(2024, 3, 18)), "2024-W12");
        // The ISO week of 2024-12-30 is the first of 2025.
        assert_eq!(Period::Week.label(Date::constant(2024, 12, 30)), "2025-W01");
        assert_eq!(Period::Month.label(Date::constant(2024, 3, 1)), "2024-03");
        assert_eq!(
            Period::Month.next(Date::constant(2024, 1, 1)),
            Some(Date::constant(2024, 2, 1))
        );
    }
}

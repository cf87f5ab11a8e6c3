//! What an index holds: articles per feed, language and script, dates, entities, size, schema
//! and last commit; read from the term dictionaries and the day column, not from the stored
//! articles, so it takes milliseconds even for a large index.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, SegmentReader, TERMINATED};

use super::{NewsIndex, index_error};
use crate::error::Result;
use crate::model::EntityKind;

/// The contents of an index, as `newslens stats` reports them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    /// The index directory.
    pub path: String,
    /// Schema version it was built with ([`super::SCHEMA_VERSION`] or older).
    pub schema_version: u32,
    /// Articles in it.
    pub articles: usize,
    /// Per feed, largest first (one feed named `""` in an index of an older newslens).
    pub feeds: Vec<FeedStats>,
    /// Articles per language (`zh`, `en`), most first.
    pub languages: Vec<NameCount>,
    /// Articles per script (`Hans`, `Hant`, `Latn`), most first (empty for an older index).
    pub scripts: Vec<NameCount>,
    /// The dates of all articles.
    pub dates: Dates,
    /// Distinct entities mentioned.
    pub entities: usize,
    /// Per entity kind: how many entities and articles, and the most mentioned entities.
    pub kinds: Vec<KindStats>,
    /// Bytes of the index files on disk.
    pub size_bytes: u64,
    /// tantivy segments.
    pub segments: usize,
    /// When the last commit was made (RFC 3339), from its record or else the time of the
    /// index's `meta.json`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_commit: Option<String>,
}

/// One feed of an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedStats {
    /// Feed name.
    pub feed: String,
    /// Its articles.
    pub articles: usize,
    /// Their dates.
    #[serde(flatten)]
    pub dates: Dates,
}

/// The date range of a set of articles.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Dates {
    /// Earliest publication day (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<String>,
    /// Latest publication day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last: Option<String>,
    /// Articles without a date that reads as a day.
    pub undated: usize,
}

/// A name and a number of articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NameCount {
    /// The name (a language, a script, an entity).
    pub name: String,
    /// Articles.
    pub articles: usize,
}

/// The entities of one kind in an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindStats {
    /// The kind.
    pub kind: EntityKind,
    /// Distinct entities of this kind mentioned.
    pub entities: usize,
    /// Articles mentioning at least one.
    pub articles: usize,
    /// The most mentioned, by articles, most first.
    pub top: Vec<NameCount>,
}

/// Day numbers (`YYYYMMDD`) folded into a [`Dates`].
#[derive(Default)]
struct DayRange {
    first: Option<i64>,
    last: Option<i64>,
    undated: usize,
}

impl DayRange {
    fn add(&mut self, day: Option<i64>) {
        match day {
            Some(d) => {
                self.first = Some(self.first.map_or(d, |f| f.min(d)));
                self.last = Some(self.last.map_or(d, |l| l.max(d)));
            }
            None => self.undated += 1,
        }
    }

    fn dates(&self) -> Dates {
        let day = |n: i64| format!("{:04}-{:02}-{:02}", n / 10_000, n / 100 % 100, n % 100);
        Dates {
            first: self.first.map(day),
            last: self.last.map(day),
            undated: self.undated,
        }
    }
}

/// Calls `each` with every live document of `segment` that has `term_bytes` in `field`, or
/// every live document when `term_bytes` is `None`.
fn live_docs(
    segment: &SegmentReader,
    field: Field,
    term_bytes: &[u8],
    mut each: impl FnMut(DocId),
) -> tantivy::Result<()> {
    let inverted = segment.inverted_index(field)?;
    let Some(info) = inverted.terms().get(term_bytes)? else {
        return Ok(());
    };
    let mut postings = inverted.read_postings_from_terminfo(&info, IndexRecordOption::Basic)?;
    let alive = segment.alive_bitset();
    let mut doc = postings.doc();
    while doc != TERMINATED {
        if alive.is_none_or(|a| a.is_alive(doc)) {
            each(doc);
        }
        doc = postings.advance();
    }
    Ok(())
}

/// Live articles per term of `field` (an untokenized, indexed field), over all segments.
fn term_counts(
    searcher: &tantivy::Searcher,
    field: Field,
) -> tantivy::Result<BTreeMap<String, usize>> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let name = String::from_utf8_lossy(terms.key()).into_owned();
            let n = match segment.alive_bitset() {
                // No deletions: the document frequency is the count.
                None => terms.value().doc_freq as usize,
                Some(_) => {
                    let mut n = 0;
                    live_docs(segment, field, terms.key(), |_| n += 1)?;
                    n
                }
            };
            *counts.entry(name).or_insert(0) += n;
        }
    }
    counts.retain(|_, n| *n > 0);
    Ok(counts)
}

/// Most first, then by name.
fn ranked(counts: BTreeMap<String, usize>) -> Vec<NameCount> {
    let mut out: Vec<NameCount> = counts
        .into_iter()
        .map(|(name, articles)| NameCount { name, articles })
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

/// Bytes of the files under `dir`.
fn size_on_disk(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => size_on_disk(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

impl NewsIndex {
    /// What the index holds (as of its last commit), with the `top` most mentioned entities of
    /// each kind.
    pub fn stats(&self, top: usize) -> Result<IndexStats> {
        let err = |e| index_error(&self.dir, e);
        let searcher = self.searcher_or_last();
        let f = self.fields;
        let days: Vec<Option<tantivy::columnar::Column<i64>>> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.fast_fields().i64("day").ok())
            .collect();
        let day_of = |segment: usize, doc: DocId| days[segment].as_ref().and_then(|c| c.first(doc));

        let mut all = DayRange::default();
        let mut feeds = Vec::new();
        match f.v2 {
            Some(v2) => {
                for feed in term_counts(&searcher, v2.feed).map_err(err)?.into_keys() {
                    let mut range = DayRange::default();
                    let mut articles = 0;
                    for (k, segment) in searcher.segment_readers().iter().enumerate() {
                        live_docs(segment, v2.feed, feed.as_bytes(), |doc| {
                            articles += 1;
                            range.add(day_of(k, doc));
                            all.add(day_of(k, doc));
                        })
                        .map_err(err)?;
                    }
                    feeds.push(FeedStats {
                        feed,
                        articles,
                        dates: range.dates(),
                    });
                }
            }
            None => {
                let mut articles = 0;
                for (k, segment) in searcher.segment_readers().iter().enumerate() {
                    let alive = segment.alive_bitset();
                    for doc in 0..segment.max_doc() {
                        if alive.is_none_or(|a| a.is_alive(doc)) {
                            articles += 1;
                            all.add(day_of(k, doc));
                        }
                    }
                }
                feeds.push(FeedStats {
                    feed: String::new(),
                    articles,
                    dates: all.dates(),
                });
            }
        }
        feeds.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.feed.cmp(&b.feed))
        });

        let dict = self.analyzer.dictionary();
        let entity_counts = term_counts(&searcher, f.entity).map_err(err)?;
        let kind_counts = term_counts(&searcher, f.kind).map_err(err)?;
        let mut by_kind: BTreeMap<EntityKind, BTreeMap<String, usize>> = BTreeMap::new();
        for (name, n) in &entity_counts {
            if let Some(e) = dict.lookup(name) {
                by_kind.entry(e.kind).or_default().insert(name.clone(), *n);
            }
        }
        let kinds = EntityKind::ALL
            .into_iter()
            .filter_map(|kind| {
                let articles = kind_counts.get(kind.as_str()).copied().unwrap_or(0);
                let names = by_kind.remove(&kind).unwrap_or_default();
                (articles > 0 || !names.is_empty()).then(|| {
                    let entities = names.len();
                    let mut top_names = ranked(names);
                    top_names.truncate(top);
                    KindStats {
                        kind,
                        entities,
                        articles,
                        top: top_names,
                    }
                })
            })
            .collect();

        let last_commit = self.last_commit().map(|c| c.committed).or_else(|| {
            let modified = std::fs::metadata(self.dir.join("meta.json"))
                .ok()?
                .modified()
                .ok()?;
            let t = jiff::Timestamp::try_from(modified).ok()?;
            Some(t.round(jiff::Unit::Second).unwrap_or(t).to_string())
        });
        Ok(IndexStats {
            path: self.dir.display().to_string(),
            schema_version: self.version,
            articles: searcher.num_docs() as usize,
            feeds,
            languages: ranked(term_counts(&searcher, f.lang).map_err(err)?),
            scripts: match f.v2 {
                Some(v2) => ranked(term_counts(&searcher, v2.script).map_err(err)?),
                None => Vec::new(),
            },
            dates: all.dates(),
            entities: entity_counts.len(),
            kinds,
            size_bytes: size_on_disk(&self.dir),
            segments: searcher.segment_readers().len(),
            last_commit,
        })
    }
}

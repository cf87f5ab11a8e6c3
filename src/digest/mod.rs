//! Digest: the key sentences and key quotations of the articles a query finds, as one brief.
//!
//! ```text
//! query ─ index search (top N) ─▶ articles ─ analyze + summarize (each, on all cores) ─▶
//!   candidate sentences and quotations ─ near-duplicates merged ─ budget ─ order ─▶ Digest
//! ```
//! - Each article gives its summary sentences and key quotations (the `summarize` stage).
//! - A sentence's importance is its article's relevance (its score over the best score) times
//!   its weight in the article (its summary score over the article's best), halved when it
//!   names nothing the query looks for (a lead's scene-setting is not news about the query),
//!   and raised by one for every further article that carries it: wire copy several outlets
//!   reprint counts more.
//! - Near-duplicates ([`dedup`]) become one item that lists every article carrying it, with the
//!   byte span in each; a quotation keeps the first speaker any copy names.
//! - The sentence budget (count and characters) takes the most important first; the result is
//!   then ordered as a timeline (by article date, undated last) or by importance.

pub mod dedup;

use serde::Serialize;

use crate::analyze::Analyzer;
use crate::error::Result;
use crate::index::query::ParsedQuery;
use crate::index::{Hit, NewsIndex, SearchOptions};
use crate::model::{Document, Span};
use crate::summarize::{Summarizer, SummaryConfig};

/// How a digest is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    /// A timeline: by the date of the (earliest) article carrying it, undated last.
    Date,
    /// Most important first.
    Score,
}

/// Digest settings.
#[derive(Debug, Clone)]
pub struct DigestOptions {
    /// Articles considered: the best matches by relevance.
    pub articles: usize,
    /// Only articles dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles dated on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Key sentences at most.
    pub sentences: usize,
    /// Characters at most over all key sentences (Unicode scalar values).
    pub max_chars: Option<usize>,
    /// Key quotations at most.
    pub quotes: usize,
    /// The order of the result.
    pub order: Order,
}

impl Default for DigestOptions {
    fn default() -> Self {
        DigestOptions {
            articles: 20,
            since: None,
            until: None,
            sentences: 10,
            max_chars: None,
            quotes: 5,
            order: Order::Date,
        }
    }
}

/// An article that carries a digest item, and where in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Carrier {
    /// Article id, as its feed gives it.
    pub id: String,
    /// The article's key in the index ([`Hit::key`]).
    pub key: String,
    /// Headline (empty when none).
    pub title: String,
    /// Publication day (`YYYY-MM-DD`) when its date reads as one, else the date as given.
    pub date: String,
    /// The outlet (empty when unknown).
    pub source: String,
    /// The feed it was indexed from.
    pub feed: String,
    /// The item's extent in the article's text.
    #[serde(flatten)]
    pub span: Span,
}

/// A key sentence of the digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestSentence {
    /// The sentence as the first article carrying it has it.
    pub text: String,
    /// Its importance across the articles (see the module docs).
    pub score: f64,
    /// Every article carrying it (or a near-duplicate), the first in order of relevance.
    pub articles: Vec<Carrier>,
}

/// A key quotation of the digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestQuote {
    /// The words quoted (inside the marks).
    pub text: String,
    /// Who said it (empty when unknown).
    pub speaker: String,
    /// The speaker's title as written (empty when none).
    pub role: String,
    /// Its importance across the articles.
    pub score: f64,
    /// Every article quoting it, the first in order of relevance.
    pub articles: Vec<Carrier>,
}

/// The digest of a query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    /// Articles matching the query.
    pub matched: usize,
    /// Articles considered (the best matches, at most [`DigestOptions::articles`]).
    pub considered: usize,
    /// The order of `sentences` and `quotes`.
    pub order: Order,
    /// Key sentences.
    pub sentences: Vec<DigestSentence>,
    /// Key quotations.
    pub quotes: Vec<DigestQuote>,
}

/// One article's candidates: (span, weight in the article, speaker, role) per sentence or quote.
struct Candidates {
    carrier: Carrier,
    /// The article's relevance over the best article's (0–1).
    relevance: f32,
    sentences: Vec<(String, Span, f64)>,
    quotes: Vec<(String, Span, f64, String, String)>,
}

/// The digest of `query` over `index`: its best matches analysed with `analyzer`, their
/// summaries made with `summary` settings per article.
pub fn digest(
    index: &NewsIndex,
    analyzer: &Analyzer,
    summary: SummaryConfig,
    query: &ParsedQuery,
    opts: &DigestOptions,
) -> Result<Digest> {
    let search = SearchOptions {
        limit: opts.articles.max(1),
        since: opts.since.clone(),
        until: opts.until.clone(),
        ..SearchOptions::default()
    };
    let (matched, articles) = index.search_articles(query, &search)?;
    // Folded once: every sentence of every article is checked against them.
    let words: Vec<String> = index
        .query_words(query)?
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| crate::script::fold(w).to_lowercase())
        .collect();
    let considered = articles.len();
    let best = articles
        .first()
        .map_or(1.0, |(h, _)| h.score)
        .max(f32::EPSILON);
    let summarizer = Summarizer::new(
        SummaryConfig {
            quotes: summary.quotes.max(3),
            ..summary
        },
        analyzer.stopwords().clone(),
    );
    let mut candidates = Vec::with_capacity(considered);
    crate::parallel::ordered_map(
        articles.into_iter(),
        crate::parallel::default_workers(),
        16,
        |(hit, doc)| candidates_of(analyzer, &summarizer, &hit, &doc, hit.score / best, &words),
        |c| {
            candidates.push(c);
            Ok::<(), std::convert::Infallible>(())
        },
    )
    .unwrap_or_else(|never| match never {});
    let sentences = merge(
        &candidates,
        |c| {
            c.sentences
                .iter()
                .map(|(t, s, w)| (t.clone(), *s, *w, String::new(), String::new()))
                .collect()
        },
        Budget {
            items: opts.sentences,
            chars: opts.max_chars,
        },
        opts.order,
    )
    .into_iter()
    .map(|m| DigestSentence {
        text: m.text,
        score: m.score,
        articles: m.articles,
    })
    .collect();
    let quotes = merge(
        &candidates,
        |c| c.quotes.clone(),
        Budget {
            items: opts.quotes,
            chars: None,
        },
        opts.order,
    )
    .into_iter()
    .map(|m| DigestQuote {
        text: m.text,
        speaker: m.speaker,
        role: m.role,
        score: m.score,
        articles: m.articles,
    })
    .collect();
    Ok(Digest {
        matched,
        considered,
        order: opts.order,
        sentences,
        quotes,
    })
}

/// The summary sentences and key quotations of one article, with their weights.
fn candidates_of(
    analyzer: &Analyzer,
    summarizer: &Summarizer,
    hit: &Hit,
    doc: &Document,
    relevance: f32,
    words: &[String],
) -> Candidates {
    // Whether a sentence names what the query looks for (`words`: folded to Simplified and
    // lowercased, as the sentence is here).
    let on_topic = |text: &str| {
        let text = crate::script::fold(text).to_lowercase();
        words.iter().any(|w| text.contains(w.as_str()))
    };
    let analysis = analyzer.analyze(doc);
    let summary = summarizer.summarize(doc, &analysis);
    let top = summary
        .sentences
        .iter()
        .map(|s| s.score)
        .fold(f64::EPSILON, f64::max);
    let sentences = summary
        .sentences
        .iter()
        .map(|s| {
            let text = s.span.slice(&doc.text).trim().to_string();
            let topic = if on_topic(&text) { 1.0 } else { 0.5 };
            (text, s.span, topic * s.score / top)
        })
        .collect();
    // Key quotations come best first: weights 1, 1/2, 1/3 …
    let quotes = summary
        .quotes
        .iter()
        .enumerate()
        .map(|(k, q)| {
            (
                q.text.clone(),
                q.span,
                1.0 / (k + 1) as f64,
                q.speaker.clone(),
                q.role.clone(),
            )
        })
        .collect();
    Candidates {
        carrier: Carrier {
            id: hit.id.clone(),
            key: hit.key.clone(),
            title: hit.title.clone(),
            date: hit.day.clone().unwrap_or_else(|| hit.date.clone()),
            source: hit.source.clone(),
            feed: hit.feed.clone(),
            span: Span::new(0, 0),
        },
        relevance,
        sentences,
        quotes,
    }
}

/// What a digest list may hold.
struct Budget {
    items: usize,
    chars: Option<usize>,
}

/// A merged item: its text as first seen, speaker and role (quotations), importance, carriers.
struct Merged {
    text: String,
    speaker: String,
    role: String,
    score: f64,
    articles: Vec<Carrier>,
    /// (article rank, position in it) of the first copy: the tie-break.
    first: (usize, usize),
}

/// Merges near-duplicate items of all articles, keeps the most important within `budget`, and
/// orders them.
#[allow(clippy::type_complexity)]
fn merge(
    candidates: &[Candidates],
    items: impl Fn(&Candidates) -> Vec<(String, Span, f64, String, String)>,
    budget: Budget,
    order: Order,
) -> Vec<Merged> {
    let mut flat = Vec::new();
    for (rank, c) in candidates.iter().enumerate() {
        for (k, item) in items(c).into_iter().enumerate() {
            flat.push((rank, k, item));
        }
    }
    let texts: Vec<&str> = flat.iter().map(|(_, _, item)| item.0.as_str()).collect();
    let groups = dedup::groups(&texts);
    let mut merged: Vec<Merged> = Vec::new();
    for ((rank, k, (text, span, weight, speaker, role)), g) in flat.into_iter().zip(groups) {
        let c = &candidates[rank];
        let carrier = Carrier {
            span,
            ..c.carrier.clone()
        };
        let weight = f64::from(c.relevance) * weight;
        if g == merged.len() {
            merged.push(Merged {
                text,
                speaker,
                role,
                score: weight,
                articles: vec![carrier],
                first: (rank, k),
            });
            continue;
        }
        let m = &mut merged[g];
        if m.articles
            .iter()
            .any(|a| a.id == carrier.id && a.feed == carrier.feed)
        {
            continue;
        }
        m.score = m.score.max(weight);
        if m.speaker.is_empty() && !speaker.is_empty() {
            (m.speaker, m.role) = (speaker, role);
        }
        m.articles.push(carrier);
    }
    for m in &mut merged {
        // One more for every further article carrying it.
        m.score += (m.articles.len() - 1) as f64;
    }
    merged.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.first.cmp(&b.first)));
    let mut kept = Vec::new();
    let mut chars = 0;
    for m in merged {
        if kept.len() == budget.items {
            break;
        }
        let n = m.text.chars().count();
        if budget.chars.is_some_and(|max| chars + n > max) {
            continue;
        }
        chars += n;
        kept.push(m);
    }
    if order == Order::Date {
        // Undated (not a day) sorts last; equal days keep importance order.
        let day = |m: &Merged| {
            m.articles
                .iter()
                .filter_map(|a| crate::index::parse_day(&a.date))
                .min()
        };
        kept.sort_by(|a, b| match (day(a), day(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
    }
    kept
}

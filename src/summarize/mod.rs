//! Summarize: [`Analysis`] → [`Summary`]: the sentences that matter and the key quotations.
//!
//! Sentence scoring uses what works on news without training; every weight is a documented
//! field of [`Weights`]:
//! - a **position prior** (news is lead-heavy): `1 / (1 + i)^decay`;
//! - **directed centrality** over TF-IDF cosine similarity (PacSum, Zheng & Lapata 2019): edges
//!   below `min + beta·(max − min)` are dropped, edges to later sentences count fully and edges
//!   to earlier ones with the factor `backward`; the graph can mix in TextRank's word overlap
//!   (`overlap`), which favours long, content-rich sentences;
//! - **similarity to the title**;
//! - **density** of entities and figures (`A800`, `3.87亿`, `27%`);
//! - **keyword density** and **character-bigram cohesion** (what a sentence shares with the
//!   rest of the document), both per `L^norm_exponent`; a bonus for a quoted key phrase;
//! - **length**, relative to the longest sentence or peaking at an ideal length;
//! - **MMR** redundancy removal: each pick pays `redundancy ×` its highest similarity to a
//!   sentence already chosen.
//!
//! Candidates are the paragraph sentences (never bylines, titles or headings), minus captions
//! (`图片来源：…`, `Photo: …`) and fragments. The chosen sentences come back in document
//! order; ties are broken by position, so output is deterministic.

pub mod quotes;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analyze::stopwords::Stopwords;
use crate::error::{Error, Result};
use crate::model::{
    Analysis, Document, EntityKind, Lang, Quote, QuoteKind, Span, Summary, SummarySentence,
    TokenKind,
};

/// Sentence-scoring weights, one set per language ([`Weights::english`], [`Weights::chinese`]),
/// tuned on the BBC News Summary and LCSTS dev sets with `scripts/eval-summaries.sh` (see the
/// README for the figures).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    /// Weight of the position prior.
    pub position: f64,
    /// Decay exponent of the position prior `1 / (1 + i)^decay`.
    pub decay: f64,
    /// Weight of the directed centrality (normalised to 0..1).
    pub centrality: f64,
    /// PacSum edge threshold: edges below `min + beta·(max − min)` are dropped.
    pub beta: f64,
    /// Factor for edges to earlier sentences (PacSum's λ1; negative favours sentences that
    /// introduce what follows).
    pub backward: f64,
    /// Share of TextRank's word-overlap similarity (`shared / (ln|a| + ln|b|)`, which favours
    /// long, content-rich sentences) in the centrality graph; the rest is TF-IDF cosine.
    pub overlap: f64,
    /// Weight of the cosine similarity to the title.
    pub title: f64,
    /// Weight of keyword density: the share of the document keywords' weight (TF-IDF against
    /// jieba's corpus IDF) that the sentence contains, divided by `L^norm_exponent`.
    pub keywords: f64,
    /// Weight of cohesion: the number of distinct character bigrams (Han characters, letters and
    /// digits) the sentence shares with the rest of the document, divided by `L^norm_exponent`.
    /// Character bigrams see through segmentation differences (`信用卡管家` / `信用卡`).
    pub cohesion: f64,
    /// Length normalisation of cohesion and keyword density: `L` is the sentence's number of
    /// Han characters, letters and digits.
    pub norm_exponent: f64,
    /// Bonus for a sentence holding a quoted phrase (`将成为“真正的个人电脑”`): news marks
    /// its key phrase with quotation marks.
    pub quoted: f64,
    /// Weight of entity and figure density.
    pub density: f64,
    /// Weight of the length feature: with `ideal_length` 0, length relative to the longest
    /// sentence; else `min(len, ideal) / max(len, ideal)`, peaking at the ideal length.
    pub length: f64,
    /// Ideal sentence length in content units (Han characters plus Latin words); 0 = none.
    pub ideal_length: f64,
    /// MMR penalty: times the highest similarity to an already chosen sentence.
    pub redundancy: f64,
}

impl Default for Weights {
    /// The English defaults ([`Weights::english`]).
    fn default() -> Self {
        Weights::english()
    }
}

impl Weights {
    /// The names accepted by [`Weights::set`].
    pub const NAMES: [&'static str; 15] = [
        "position",
        "decay",
        "centrality",
        "beta",
        "backward",
        "overlap",
        "keywords",
        "cohesion",
        "norm_exponent",
        "quoted",
        "title",
        "density",
        "length",
        "ideal_length",
        "redundancy",
    ];

    /// Sets one weight by name (for tuning from the command line).
    pub fn set(&mut self, name: &str, value: f64) -> Result<()> {
        let slot = match name {
            "position" => &mut self.position,
            "decay" => &mut self.decay,
            "centrality" => &mut self.centrality,
            "beta" => &mut self.beta,
            "backward" => &mut self.backward,
            "overlap" => &mut self.overlap,
            "keywords" => &mut self.keywords,
            "cohesion" => &mut self.cohesion,
            "norm_exponent" => &mut self.norm_exponent,
            "quoted" => &mut self.quoted,
            "title" => &mut self.title,
            "density" => &mut self.density,
            "length" => &mut self.length,
            "ideal_length" => &mut self.ideal_length,
            "redundancy" => &mut self.redundancy,
            other => {
                return Err(Error::Config(format!(
                    "unknown summary weight `{other}`; expected one of {}",
                    Weights::NAMES.join(", ")
                )));
            }
        };
        if !value.is_finite() {
            return Err(Error::Config(format!("weight `{name}` must be a number")));
        }
        *slot = value;
        Ok(())
    }

    /// English defaults, tuned on BBC News Summary (5 of ~20 sentences): undirected centrality
    /// over a graph that mixes TF-IDF cosine with TextRank's word overlap, a little title
    /// similarity and MMR. The position prior, density and length all tuned to zero there:
    /// BBC's reference summaries are spread over the whole article.
    pub fn english() -> Weights {
        Weights {
            centrality: 1.0,
            backward: 1.0,
            overlap: 0.7,
            title: 0.1,
            redundancy: 0.5,
            ..Weights::ZERO
        }
    }

    /// Chinese defaults, tuned on LCSTS (1 sentence of ~3): character-bigram cohesion and
    /// keyword density (both per `L^0.4`), a lead prior, a length preference around 20
    /// characters and a bonus for a quoted key phrase. Word-level centrality tuned to zero there:
    /// on short posts jieba's words match too rarely across sentences.
    pub fn chinese() -> Weights {
        Weights {
            position: 0.5,
            keywords: 3.0,
            cohesion: 1.0,
            quoted: 0.4,
            length: 0.5,
            ideal_length: 20.0,
            redundancy: 0.5,
            ..Weights::ZERO
        }
    }

    /// Weights that reproduce the Lead-k baseline (position only).
    pub fn lead() -> Weights {
        Weights {
            position: 1.0,
            ..Weights::ZERO
        }
    }

    /// Every feature off; the exponents at their usual values (`decay` 1, `norm_exponent` 0.4).
    pub const ZERO: Weights = Weights {
        position: 0.0,
        decay: 1.0,
        centrality: 0.0,
        beta: 0.0,
        backward: 0.0,
        overlap: 0.0,
        title: 0.0,
        keywords: 0.0,
        cohesion: 0.0,
        norm_exponent: 0.4,
        quoted: 0.0,
        density: 0.0,
        length: 0.0,
        ideal_length: 0.0,
        redundancy: 0.0,
    };
}

/// Summary length and content.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SummaryConfig {
    /// At most this many sentences.
    pub sentences: usize,
    /// At most this many characters (Unicode scalar values, so a Chinese character counts one)
    /// in the sentences joined as [`Summarizer::joined`] joins them; never exceeded.
    pub max_chars: Option<usize>,
    /// Number of key quotations.
    pub quotes: usize,
    /// Scoring weights for English documents.
    pub english: Weights,
    /// Scoring weights for Chinese documents.
    pub chinese: Weights,
}

impl SummaryConfig {
    /// The weights for a document in `lang`.
    pub fn weights(&self, lang: Lang) -> &Weights {
        match lang {
            Lang::En => &self.english,
            Lang::Zh => &self.chinese,
        }
    }
}

impl Default for SummaryConfig {
    fn default() -> Self {
        SummaryConfig {
            sentences: 3,
            max_chars: None,
            quotes: 3,
            english: Weights::english(),
            chinese: Weights::chinese(),
        }
    }
}

/// Builds extractive summaries; cheap to create, `Sync`.
#[derive(Debug, Clone)]
pub struct Summarizer {
    config: SummaryConfig,
    stopwords: Stopwords,
}

/// Sparse TF-IDF vector: (term id, weight), sorted by id, unit length.
type Vector = Vec<(u32, f64)>;

/// Sentences further apart than this are not compared (keeps long articles linear).
const WINDOW: usize = 150;

impl Summarizer {
    /// A summarizer with `config`, ignoring `stopwords` as terms.
    pub fn new(config: SummaryConfig, stopwords: Stopwords) -> Summarizer {
        Summarizer { config, stopwords }
    }

    /// The configuration in use.
    pub fn config(&self) -> &SummaryConfig {
        &self.config
    }

    /// The summary of `doc`: selected sentences in document order and the key quotations.
    pub fn summarize(&self, doc: &Document, analysis: &Analysis) -> Summary {
        let quotes = quotes::extract(doc, analysis);
        Summary {
            sentences: self.select(doc, analysis, &quotes),
            quotes: key_quotes(doc, analysis, &quotes, self.config.quotes),
        }
    }

    /// The selected sentences joined into one string: Chinese sentences directly, others with a
    /// space.
    pub fn joined(text: &str, sentences: &[SummarySentence]) -> String {
        let mut out = String::new();
        for s in sentences {
            let t = s.span.slice(text);
            if !(out.is_empty() || ends_cjk(&out) && starts_cjk(t)) {
                out.push(' ');
            }
            out.push_str(t);
        }
        out
    }

    fn select(&self, doc: &Document, a: &Analysis, quotes: &[Quote]) -> Vec<SummarySentence> {
        let w = self.config.weights(doc.lang);
        let text = doc.text.as_str();
        // Sentences long enough to stand alone, with their lengths.
        let (candidates, units): (Vec<Span>, Vec<usize>) = a
            .sentences
            .iter()
            .map(|s| s.span)
            .filter(|s| !is_caption(s.slice(text)))
            .map(|s| (s, content_units(s.slice(text))))
            .filter(|&(_, units)| units >= 4)
            .unzip();
        if candidates.is_empty() {
            return Vec::new();
        }
        let n = candidates.len();
        let mut vocab: HashMap<String, u32> = HashMap::default();
        let mut tf: Vec<Vec<(u32, f64)>> = Vec::with_capacity(n);
        let mut figures = vec![0usize; n];
        let mut words = vec![0usize; n];
        let mut k = 0;
        for (i, s) in candidates.iter().enumerate() {
            while k < a.tokens.len() && a.tokens[k].span.start < s.start {
                k += 1;
            }
            let mut counts: Vec<(u32, f64)> = Vec::new();
            while k < a.tokens.len() && a.tokens[k].span.end <= s.end {
                let t = a.tokens[k];
                k += 1;
                if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
                    continue;
                }
                words[i] += 1;
                if t.kind == TokenKind::Number {
                    figures[i] += 1;
                }
                if let Some(term) = self.term(t.span.slice(text)) {
                    let next = vocab.len() as u32;
                    let id = *vocab.entry(term).or_insert(next);
                    counts.push((id, 1.0));
                }
            }
            tf.push(merge_counts(counts));
        }
        // Document-level IDF: terms in every sentence weigh little.
        let mut df = vec![0usize; vocab.len()];
        for v in &tf {
            for &(id, _) in v {
                df[id as usize] += 1;
            }
        }
        let idf: Vec<f64> = df
            .iter()
            .map(|&d| (1.0 + n as f64 / d as f64).ln())
            .collect();
        let vectors: Vec<Vector> = tf.iter().map(|v| weigh(v, &idf)).collect();
        let title_vec = doc.meta.title.as_deref().map(|t| {
            let counts: Vec<(u32, f64)> = t
                .split(|c: char| !c.is_alphanumeric())
                .flat_map(|w| self.title_terms(w))
                .filter_map(|term| vocab.get(&term).map(|&id| (id, 1.0)))
                .collect();
            weigh(&merge_counts(counts), &idf)
        });
        let lens: Vec<f64> = tf.iter().map(|v| v.iter().map(|x| x.1).sum()).collect();
        let overlap = w.overlap;
        let centrality = directed_centrality(n, w.beta, w.backward, |i, j| {
            let cos = cosine(&vectors[i], &vectors[j]);
            if overlap == 0.0 {
                return cos;
            }
            let norm = lens[i].ln() + lens[j].ln();
            let shared = if norm > 0.0 {
                shared_terms(&tf[i], &tf[j]) / norm
            } else {
                0.0
            };
            (1.0 - overlap) * cos + overlap * shared
        });
        let max_units = units.iter().copied().max().unwrap_or(1) as f64;
        let mut entity_count = vec![0usize; n];
        for e in &a.entities {
            let j = candidates.partition_point(|s| s.end <= e.span.start);
            if j < n && candidates[j].start <= e.span.start {
                entity_count[j] += 1;
            }
        }
        // L^norm_exponent, L = Han characters, letters and digits.
        let norm: Vec<f64> = candidates
            .iter()
            .map(|s| {
                let l = s
                    .slice(text)
                    .chars()
                    .filter(|&c| is_content_char(c))
                    .count();
                (l.max(1) as f64).powf(w.norm_exponent)
            })
            .collect();
        let cohesion = if w.cohesion != 0.0 {
            bigram_cohesion(text, &candidates)
        } else {
            vec![0.0; n]
        };
        // Keyword density: the keyword weight a sentence holds, relative to its length.
        let mut coverage = vec![0.0f64; n];
        let total: f64 = a.keywords.iter().map(|k| k.weight).sum();
        if total > 0.0 && w.keywords != 0.0 {
            let terms: Vec<(String, f64)> = a
                .keywords
                .iter()
                .map(|k| (crate::analyze::segment::lowercase(&k.term), k.weight))
                .collect();
            let mut sentence = String::new();
            for (i, s) in candidates.iter().enumerate() {
                sentence.clear();
                crate::analyze::segment::push_lowercase(&mut sentence, s.slice(text));
                coverage[i] = terms
                    .iter()
                    .filter(|(term, _)| sentence.contains(term.as_str()))
                    .map(|&(_, weight)| weight)
                    .sum::<f64>()
                    / total
                    / norm[i];
            }
        }
        // Is some direct quotation (give or take its marks) the whole sentence? Quotations by
        // start, with the furthest end so far: one binary search per sentence.
        let mut direct: Vec<Span> = quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct)
            .map(|q| q.span)
            .collect();
        direct.sort_unstable();
        let reach: Vec<usize> = direct
            .iter()
            .scan(0, |end, q| {
                *end = q.end.max(*end);
                Some(*end)
            })
            .collect();
        let quoted_fully = |s: &Span| {
            let k = direct.partition_point(|q| q.start <= s.start + 3);
            k > 0 && reach[k - 1] + 3 >= s.end
        };
        let scores: Vec<f64> = (0..n)
            .map(|i| {
                let s = candidates[i];
                let units = units[i] as f64;
                let position = 1.0 / (1.0 + i as f64).powf(w.decay);
                let title = title_vec.as_ref().map_or(0.0, |t| cosine(t, &vectors[i]));
                let density =
                    ((entity_count[i] + figures[i]) as f64 / words[i].max(1) as f64).min(0.5) * 2.0;
                let length = if w.ideal_length > 0.0 {
                    units.min(w.ideal_length) / units.max(w.ideal_length)
                } else {
                    units / max_units
                };
                let mut score = w.position * position
                    + w.centrality * centrality[i]
                    + w.title * title
                    + w.keywords * coverage[i]
                    + w.cohesion * cohesion[i] / norm[i]
                    + w.quoted * f64::from(u8::from(s.slice(text).contains(['“', '「', '『'])))
                    + w.density * density
                    + w.length * length;
                // A sentence that is only a quotation needs its attribution to be read.
                if quoted_fully(&s) {
                    score *= 0.8;
                }
                score
            })
            .collect();
        // MMR selection within the budget.
        let budget = self.config.max_chars;
        let mut chosen: Vec<usize> = Vec::new();
        let mut used_chars = 0usize;
        let mut remaining: Vec<bool> = vec![true; n];
        while chosen.len() < self.config.sentences {
            let mut best: Option<(usize, f64)> = None;
            for i in 0..n {
                if !remaining[i] {
                    continue;
                }
                let redundancy = chosen
                    .iter()
                    .map(|&j| cosine(&vectors[i], &vectors[j]))
                    .fold(0.0, f64::max);
                let mmr = scores[i] - w.redundancy * redundancy;
                if best.is_none_or(|(_, b)| mmr > b) {
                    best = Some((i, mmr));
                }
            }
            let Some((i, _)) = best else { break };
            remaining[i] = false;
            if let Some(max) = budget {
                let len = candidates[i].slice(text).chars().count() + usize::from(used_chars > 0);
                if used_chars + len > max {
                    continue; // does not fit; a shorter one may
                }
                used_chars += len;
            }
            chosen.push(i);
        }
        chosen.sort_unstable();
        chosen
            .into_iter()
            .map(|i| SummarySentence {
                span: candidates[i],
                score: (scores[i] * 1e4).round() / 1e4,
            })
            .collect()
    }

    /// The vocabulary key of a word, or `None` for stopwords and punctuation-like tokens.
    fn term(&self, word: &str) -> Option<String> {
        if self.stopwords.contains(word) || !word.chars().any(char::is_alphanumeric) {
            return None;
        }
        Some(stem(&crate::analyze::segment::lowercase(word)))
    }

    /// Title words: Latin words as they are, Chinese runs as character bigrams matched against
    /// the vocabulary (the title is not segmented).
    fn title_terms(&self, w: &str) -> Vec<String> {
        if has_han(w) {
            let chars: Vec<char> = w.chars().collect();
            let mut out = Vec::new();
            for len in 2..=4 {
                for win in chars.windows(len) {
                    let s: String = win.iter().collect();
                    if !self.stopwords.contains(&s) {
                        out.push(s);
                    }
                }
            }
            out
        } else {
            self.term(w).into_iter().collect()
        }
    }
}

/// Crude English plural folding (`chips` → `chip`); other text unchanged.
fn stem(w: &str) -> String {
    if w.is_ascii() && w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    }
}

fn merge_counts(mut v: Vec<(u32, f64)>) -> Vec<(u32, f64)> {
    v.sort_unstable_by_key(|&(id, _)| id);
    let mut out: Vec<(u32, f64)> = Vec::with_capacity(v.len());
    for (id, c) in v {
        match out.last_mut() {
            Some((last, n)) if *last == id => *n += c,
            _ => out.push((id, c)),
        }
    }
    out
}

fn weigh(tf: &[(u32, f64)], idf: &[f64]) -> Vector {
    let mut v: Vector = tf
        .iter()
        .map(|&(id, c)| (id, (1.0 + c.ln()) * idf[id as usize]))
        .collect();
    let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, x) in &mut v {
            *x /= norm;
        }
    }
    v
}

/// For each sentence, the number of its distinct character bigrams (over Han characters,
/// letters and digits, punctuation skipped) that also occur in another sentence.
fn bigram_cohesion(text: &str, sentences: &[Span]) -> Vec<f64> {
    let grams: Vec<Vec<(char, char)>> = sentences
        .iter()
        .map(|s| {
            let chars: Vec<char> = s
                .slice(text)
                .chars()
                .filter(|&c| is_content_char(c))
                .collect();
            let mut g: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
            g.sort_unstable();
            g.dedup();
            g
        })
        .collect();
    let mut sentences_with: HashMap<(char, char), usize> = HashMap::default();
    for g in &grams {
        for &b in g {
            *sentences_with.entry(b).or_insert(0) += 1;
        }
    }
    grams
        .iter()
        .map(|g| g.iter().filter(|b| sentences_with[b] >= 2).count() as f64)
        .collect()
}

/// TextRank's word overlap: the number of shared term occurrences.
fn shared_terms(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut n) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += a[i].1.min(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// PacSum directed centrality, normalised to 0..1.
fn directed_centrality(
    n: usize,
    beta: f64,
    backward: f64,
    sim: impl Fn(usize, usize) -> f64,
) -> Vec<f64> {
    let pairs = || (0..n).flat_map(|i| (i + 1..n.min(i + 1 + WINDOW)).map(move |j| (i, j)));
    let mut out = vec![0.0; n];
    if n < 2 {
        return out; // no pairs
    }
    // Kept in memory only for short articles: a 5 MB article has millions of pairs, which are
    // then computed twice (once for the range, once for the scores) rather than stored.
    const KEEP: usize = 1 << 16;
    let kept: Vec<f64> = if n.saturating_mul(WINDOW) <= KEEP {
        pairs().map(|(i, j)| sim(i, j)).collect()
    } else {
        Vec::new()
    };
    let value = |k: usize, i: usize, j: usize| kept.get(k).copied().unwrap_or_else(|| sim(i, j));
    let (mut min, mut max) = (f64::INFINITY, f64::NEG_INFINITY);
    for (k, (i, j)) in pairs().enumerate() {
        let s = value(k, i, j);
        (min, max) = (min.min(s), max.max(s));
    }
    let threshold = min + beta * (max - min);
    for (k, (i, j)) in pairs().enumerate() {
        let e = value(k, i, j) - threshold;
        if e > 0.0 {
            out[i] += e; // i points forward to a later sentence
            out[j] += backward * e;
        }
    }
    let (lo, hi) = out
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &x| {
            (l.min(x), h.max(x))
        });
    if hi > lo {
        for x in &mut out {
            *x = (*x - lo) / (hi - lo);
        }
    } else {
        out.iter_mut().for_each(|x| *x = 0.0);
    }
    out
}

/// The `k` key quotations, best first: a named, prominent speaker, substance, entities and
/// figures; quotations without a speaker rank last. Ties keep document order.
pub fn key_quotes(doc: &Document, a: &Analysis, quotes: &[Quote], k: usize) -> Vec<Quote> {
    let text = doc.text.as_str();
    // Linear in the article: a 5 MB article has thousands of quotes, so nothing below scans
    // the whole text or all entities once per quote.
    let mut mentions: HashMap<String, usize> = HashMap::default();
    let mut mention_count = |name: &str| -> usize {
        if let Some(&n) = mentions.get(name) {
            return n;
        }
        let n = text.matches(name).take(4).count();
        mentions.insert(name.to_string(), n);
        n
    };
    let people: HashSet<&str> = a
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .flat_map(|e| [e.text.as_str(), e.canonical.as_str()])
        .collect();
    let mut scored: Vec<(f64, usize)> = quotes
        .iter()
        .enumerate()
        .filter(|(_, q)| q.kind == QuoteKind::Direct)
        .map(|(i, q)| {
            let person = people.contains(q.speaker.as_str());
            let speaker = if q.speaker.is_empty() {
                0.0
            } else if person {
                2.0
            } else if looks_anonymous(&q.speaker) {
                1.0
            } else {
                1.5
            };
            let prominence = if !q.speaker.is_empty() {
                (mention_count(&q.speaker).min(4) as f64) * 0.1
                    + if q.role.is_empty() { 0.0 } else { 0.2 }
            } else {
                0.0
            };
            let units = content_units(&q.text) as f64;
            let substance = (units.min(60.0) / 60.0) - if units > 150.0 { 0.3 } else { 0.0 };
            let first = a.entities.partition_point(|e| e.span.start < q.span.start);
            let facts = a.entities[first..]
                .iter()
                .take_while(|e| e.span.start < q.span.end)
                .filter(|e| e.span.end <= q.span.end)
                .count()
                + q.text.chars().filter(char::is_ascii_digit).count().min(3);
            let score = speaker + prominence + substance + (facts as f64 * 0.15).min(0.6);
            (score, i)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    scored
        .into_iter()
        .take(k)
        .map(|(_, i)| quotes[i].clone())
        .collect()
}

fn looks_anonymous(s: &str) -> bool {
    s.starts_with(['一', '多', '某', '几', '两', '有'])
        || ["a ", "an ", "one ", "the ", "two ", "several "]
            .iter()
            .any(|p| s.starts_with(p))
}

pub(crate) use crate::analyze::segment::{has_han, is_han as is_cjk};

fn ends_cjk(s: &str) -> bool {
    s.chars()
        .next_back()
        .is_some_and(|c| is_cjk(c) || "。！？”」』）".contains(c))
}

fn starts_cjk(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| is_cjk(c) || "“「『（".contains(c))
}

/// Han characters plus Latin/digit words.
pub(crate) fn content_units(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        // ASCII first (all of an English text): no Unicode tables.
        if c.is_ascii() {
            let word = c.is_ascii_alphanumeric();
            n += usize::from(word && !in_word);
            in_word = word;
        } else if is_cjk(c) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            n += usize::from(!in_word);
            in_word = true;
        } else {
            in_word = false;
        }
    }
    n
}

/// A letter, digit or Han character (what sentence lengths and bigrams count); ASCII without
/// Unicode tables.
fn is_content_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_cjk(c) || c.is_alphanumeric()
    }
}

/// Photo captions and credits: `图片来源：…`, `（图/…）`, `Photo: …`, `▲ …`.
fn is_caption(s: &str) -> bool {
    let t = s.trim_start();
    const PREFIXES: &[&str] = &[
        "图片来源",
        "图源",
        "图片",
        "图/",
        "图：",
        "图:",
        "头图",
        "题图",
        "配图",
        "来源：",
        "来源:",
        "（图",
        "(图",
        "▲",
        "△",
        "Photo:",
        "Photo credit",
        "Image:",
        "Picture:",
        "Caption:",
        "Credit:",
        "(Photo",
        "[Photo",
    ];
    PREFIXES.iter().any(|p| t.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::Analyzer;
    use crate::ingest::{IngestConfig, Ingester, InputFormat};
    use crate::model::Origin;

    fn summarize(text: &str, config: SummaryConfig) -> Vec<String> {
        let analyzer = Analyzer::with_defaults().unwrap();
        let doc = Ingester::new(IngestConfig::default())
            .document_from_text(
                "t".into(),
                Origin::file("t"),
                "UTF-8",
                text.to_string(),
                InputFormat::Text,
            )
            .unwrap();
        let analysis = analyzer.analyze(&doc);
        let summarizer = Summarizer::new(config, analyzer.stopwords().clone());
        let summary = summarizer.summarize(&doc, &analysis);
        summary
            .sentences
            .iter()
            .map(|s| s.span.slice(&doc.text).to_string())
            .collect()
    }

    const ARTICLE: &str = "算力之争\n作者 | 齐健\n\
        阿里云公布季度业绩,云业务收入增长4%至251亿元。\n\
        图片来源:视觉中国,阿里云数据中心的机柜与服务器。\n\
        英伟达A800的报价半年内上涨两成,国内云厂商的算力采购成本继续上升。\n\
        一位AI芯片供应商表示,H800基本拿不到现货,云厂商开始转向国产芯片。\n\
        阿里云同时宣布开源通义千问Qwen-7B模型,吸引开发者在云上部署大模型。\n";

    #[test]
    fn no_title_byline_or_caption_and_document_order() {
        for n in 1..=4 {
            let config = SummaryConfig {
                sentences: n,
                ..SummaryConfig::default()
            };
            let got = summarize(ARTICLE, config);
            assert_eq!(got.len(), n);
            for s in &got {
                assert_ne!(s, "算力之争", "title chosen");
                assert!(!s.contains("齐健"), "byline chosen: {s}");
                assert!(!s.starts_with("图片来源"), "caption chosen: {s}");
            }
            let positions: Vec<usize> = got
                .iter()
                .map(|s| ARTICLE.find(s.as_str()).unwrap())
                .collect();
            assert!(
                positions.windows(2).all(|w| w[0] < w[1]),
                "not in document order: {got:?}"
            );
        }
    }

    #[test]
    fn character_budget_counts_chinese_characters() {
        for max in [10, 40, 70, 200] {
            let config = SummaryConfig {
                sentences: usize::MAX,
                max_chars: Some(max),
                ..SummaryConfig::default()
            };
            let got = summarize(ARTICLE, config);
            let chars: usize = got.iter().map(|s| s.chars().count()).sum();
            assert!(chars <= max, "{chars} characters > {max}: {got:?}");
            if max >= 40 {
                assert!(!got.is_empty(), "a {max}-character budget holds a sentence");
            }
        }
    }

    #[test]
    fn weights_are_set_by_name_and_unknown_names_fail() {
        let mut w = Weights::english();
        w.set("position", 2.0).unwrap();
        assert_eq!(w.position, 2.0);
        assert!(w.set("positon", 1.0).is_err());
        assert!(w.set("decay", f64::NAN).is_err());
        for name in Weights::NAMES {
            w.set(name, 0.5).unwrap();
        }
    }
}

//! Keyword ranking: TF-IDF with jieba's IDF table, or TextRank over a co-occurrence graph.
//!
//! Candidates are the document's tokens with the dictionary entities counted as single terms
//! (all mentions of one entity are one term, shown by its most frequent surface form). Never a
//! candidate: punctuation, numbers, stopwords, single characters, and tokens inside an entity
//! mention (so no 伟达 or 阿里 when the text says 英伟达, 阿里云). English is case-folded unless
//! the word is an acronym or mixed-case name (`GPU`, `iPhone`).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::stopwords::Stopwords;
use crate::model::{Entity, Keyword, Token, TokenKind};

mod idf_key {
    include!("idf_key.rs");
}
include!(concat!(env!("OUT_DIR"), "/idf_meta.rs"));

/// Keys of jieba's IDF table (from jieba-rs, MIT licensed), laid out by `build.rs`: one
/// little-endian `u64` per slot, 0 for an empty slot.
static IDF_KEYS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/idf_keys.bin"));
/// The IDF of each slot, little-endian `f32`.
static IDF_VALUES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/idf_values.bin"));

/// How keywords are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KeywordMethod {
    /// Term frequency × inverse document frequency (jieba's IDF table).
    #[default]
    TfIdf,
    /// TextRank: PageRank over a word co-occurrence graph (window of 5 candidates).
    TextRank,
}

impl KeywordMethod {
    /// Parses `tfidf` or `textrank`.
    pub fn parse(s: &str) -> Option<KeywordMethod> {
        match s.to_ascii_lowercase().as_str() {
            "tfidf" | "tf-idf" => Some(KeywordMethod::TfIdf),
            "textrank" => Some(KeywordMethod::TextRank),
            _ => None,
        }
    }
}

/// Keyword settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeywordConfig {
    /// Ranking method.
    pub method: KeywordMethod,
    /// How many keywords to return.
    pub top_n: usize,
}

impl Default for KeywordConfig {
    fn default() -> Self {
        KeywordConfig {
            method: KeywordMethod::TfIdf,
            top_n: 10,
        }
    }
}

/// jieba's IDF table.
///
/// An open-addressing hash table laid out at build time (`build.rs`) and compiled into the
/// binary, so nothing is parsed at start-up and only the pages that lookups touch are read.
/// Words are keyed by a 64-bit hash ([`idf_key`](idf_key::idf_key)) rather than stored: a
/// lookup touches one key slot and one value. Keys of words up to eight bytes are exact; for
/// longer words a false match is about one in 10^14.
#[derive(Debug, Clone, Copy)]
pub struct IdfTable {
    keys: &'static [u8],
    values: &'static [u8],
}

impl IdfTable {
    /// jieba's table.
    pub fn builtin() -> IdfTable {
        IdfTable {
            keys: IDF_KEYS,
            values: IDF_VALUES,
        }
    }

    /// Number of words in the table.
    pub fn len(&self) -> usize {
        IDF_WORDS
    }

    /// True when the table has no word.
    pub fn is_empty(&self) -> bool {
        IDF_WORDS == 0
    }

    /// IDF of `word`, or the median for unknown words.
    pub fn idf(&self, word: &str) -> f32 {
        if word.is_ascii() {
            return IDF_MEDIAN; // the table has no ASCII-only word: skip the cache miss
        }
        let key = idf_key::idf_key(word.as_bytes());
        let mask = (1usize << IDF_SLOTS_LOG2) - 1;
        let mut i = (key >> (64 - IDF_SLOTS_LOG2)) as usize;
        loop {
            let slot = |table: &[u8]| -> [u8; 8] {
                let mut b = [0u8; 8];
                if let Some(s) = table.get(i * 8..i * 8 + 8) {
                    b.copy_from_slice(s);
                }
                b
            };
            match u64::from_le_bytes(slot(self.keys)) {
                0 => return IDF_MEDIAN,
                k if k == key => {
                    let v = self.values.get(i * 4..i * 4 + 4).unwrap_or(&[0; 4]);
                    return f32::from_le_bytes([v[0], v[1], v[2], v[3]]);
                }
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The median IDF.
    pub fn median(&self) -> f32 {
        IDF_MEDIAN
    }
}

/// Ranks keywords of one document.
#[derive(Debug)]
pub struct KeywordExtractor {
    idf: IdfTable,
    stopwords: Stopwords,
}

/// One candidate term of a document: a free word (`key` is its case-folded form) or an entity
/// (`entity` is its canonical name; `surfaces` its forms in the text).
#[derive(Debug)]
struct Term<'a> {
    key: Cow<'a, str>,
    entity: Option<&'a str>,
    count: usize,
    /// Surface forms with their counts, in order of first occurrence.
    surfaces: Vec<(&'a str, usize)>,
}

impl Term<'_> {
    /// How the term is shown: an entity by its most frequent surface form (the first one on
    /// ties), a word by its case-folded form.
    fn name(&self) -> &str {
        match self.entity {
            Some(_) => self
                .surfaces
                .iter()
                .rev()
                .max_by_key(|(_, n)| *n)
                .map_or("", |(s, _)| *s),
            None => &self.key,
        }
    }
}

impl KeywordExtractor {
    /// An extractor with the built-in IDF table and `stopwords`.
    pub fn new(stopwords: Stopwords) -> KeywordExtractor {
        KeywordExtractor {
            idf: IdfTable::builtin(),
            stopwords,
        }
    }

    /// Is `s` a keyword candidate on its own?
    fn candidate(&self, s: &str, kind: TokenKind) -> bool {
        if kind != TokenKind::Word {
            return false;
        }
        let chars = s.chars().count();
        if chars < 2 || self.stopwords.contains(s) {
            return false;
        }
        // Amounts and ordinals are numbers in disguise: 3bn, 1.4mn, 4th, 1990s.
        if s.starts_with(|c: char| c.is_ascii_digit())
            && s.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
                .chars()
                .all(|c| c.is_ascii_lowercase())
        {
            return false;
        }
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        // Pure numbers are not words; a Latin token needs two letters.
        // Two letters, or one with a Han character (云上) or a digit in a code (5G, H20).
        letters >= 2
            || (letters == 1
                && (s.chars().any(super::segment::is_han)
                    || s.chars().any(|c| c.is_ascii_uppercase())))
    }

    /// Keywords of `text` given its tokens and entity mentions (both in text order).
    pub fn extract(
        &self,
        text: &str,
        tokens: &[Token],
        entities: &[Entity],
        config: KeywordConfig,
    ) -> Vec<Keyword> {
        // The candidate sequence (term ids in text order): entity mentions and free tokens.
        // Sized up front: growing these maps article after article was a measurable cost.
        let distinct = tokens.len() / 2 + 8;
        fn sized<K, V>(n: usize) -> HashMap<K, V> {
            HashMap::with_capacity_and_hasher(n, Default::default())
        }
        let mut terms: Vec<Term> = Vec::with_capacity(distinct);
        let mut ents: HashMap<&str, usize> = HashMap::default();
        let mut seq: Vec<usize> = Vec::with_capacity(tokens.len());
        // Capitalised words the document uses inside a sentence (names), for case folding.
        // (Filled in the loop below, read only after it.)
        let mut names: HashSet<&str> = HashSet::default();
        // First by surface form: each distinct word is judged once (most words repeat), then
        // the surfaces are case-folded and merged below.
        let mut by_token: HashMap<&str, Option<usize>> = sized(distinct);
        let mut by_surface: HashMap<&str, usize> = sized(distinct);
        // Lower-case words not in `by_token` (inside entity mentions, or not words).
        let mut other_lower: HashSet<&str> = HashSet::default();
        let mut e = 0usize;
        for tok in tokens {
            while e < entities.len() && entities[e].span.end <= tok.span.start {
                add_entity(
                    &self.stopwords,
                    &entities[e],
                    &mut terms,
                    &mut ents,
                    &mut seq,
                );
                e += 1;
            }
            let raw = tok.span.slice(text);
            if raw.starts_with(|c: char| c.is_ascii_uppercase()) {
                let before = text[..tok.span.start].trim_end_matches([' ', '\t', '\u{3000}']);
                let initial = before.is_empty()
                    || before.ends_with([
                        '\n', '.', '!', '?', '"', '“', '”', '‘', '(', '—', '。', '！', '？',
                    ]);
                if !initial {
                    names.insert(raw);
                }
            }
            let inside_entity = e < entities.len() && entities[e].span.start < tok.span.end;
            if inside_entity || tok.kind != TokenKind::Word {
                if raw.starts_with(|c: char| c.is_ascii_lowercase()) {
                    other_lower.insert(raw);
                }
                continue;
            }
            let id = *by_token.entry(raw).or_insert_with(|| {
                // English possessives count with their noun: Nvidia's → Nvidia.
                let s = raw
                    .strip_suffix("'s")
                    .or_else(|| raw.strip_suffix("’s"))
                    .unwrap_or(raw);
                self.candidate(s, tok.kind).then(|| {
                    *by_surface.entry(s).or_insert_with(|| {
                        terms.push(Term {
                            key: Cow::Borrowed(s),
                            entity: None,
                            count: 0,
                            surfaces: Vec::new(),
                        });
                        terms.len() - 1
                    })
                })
            });
            if let Some(id) = id {
                terms[id].count += 1;
                seq.push(id);
            }
        }
        for m in &entities[e..] {
            add_entity(&self.stopwords, m, &mut terms, &mut ents, &mut seq);
        }
        // Case folding: `Cloud` counts as `cloud` unless it is a name the document never
        // writes in lower case. Folded terms merge into the first term with the same key.
        let lower_seen = |l: &str| by_token.contains_key(l) || other_lower.contains(l);
        let mut words: HashMap<Cow<str>, usize> = sized(distinct);
        let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
        let mut new_id: Vec<usize> = Vec::with_capacity(terms.len());
        for t in terms {
            if t.entity.is_some() {
                new_id.push(merged.len());
                merged.push(t);
                continue;
            }
            let key = fold_case(&t.key, lower_seen, &names);
            match words.get(&key) {
                Some(&id) => {
                    merged[id].count += t.count;
                    new_id.push(id);
                }
                None => {
                    words.insert(key.clone(), merged.len());
                    new_id.push(merged.len());
                    merged.push(Term { key, ..t });
                }
            }
        }
        let terms = merged;
        for id in &mut seq {
            *id = new_id[*id];
        }
        if seq.is_empty() {
            return Vec::new();
        }
        let scores: Vec<f64> = match config.method {
            KeywordMethod::TfIdf => self.tfidf(&terms, seq.len()),
            KeywordMethod::TextRank => textrank(&seq, terms.len()),
        };
        // Rank (weight, then count, then name), keeping only the top: most terms are never
        // shown, so they are neither fully sorted nor turned into strings.
        let ranked: Vec<(f64, usize, &str)> = terms
            .iter()
            .zip(scores)
            .map(|(t, score)| (round(score), t.count, t.name()))
            .collect();
        let order = |a: &usize, b: &usize| {
            let (x, y) = (&ranked[*a], &ranked[*b]);
            y.0.total_cmp(&x.0)
                .then(y.1.cmp(&x.1))
                .then_with(|| x.2.cmp(y.2))
                .then(a.cmp(b))
        };
        let mut top: Vec<usize> = (0..terms.len()).collect();
        if config.top_n < top.len() {
            if config.top_n == 0 {
                return Vec::new();
            }
            // By the numbers first; names are compared only among the terms tied with the last
            // place (most terms of an English text tie on count 1 and would all be compared
            // by name otherwise).
            let numbers = |a: &usize, b: &usize| {
                let (x, y) = (&ranked[*a], &ranked[*b]);
                y.0.total_cmp(&x.0).then(y.1.cmp(&x.1))
            };
            let last = *top.select_nth_unstable_by(config.top_n - 1, numbers).1;
            let mut ties: Vec<usize> = Vec::new();
            top.retain(|i| match numbers(i, &last) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Equal => {
                    ties.push(*i);
                    false
                }
                std::cmp::Ordering::Greater => false,
            });
            let wanted = config.top_n - top.len();
            if wanted < ties.len() {
                ties.select_nth_unstable_by(wanted - 1, order);
                ties.truncate(wanted);
            }
            top.extend(ties);
        }
        top.sort_unstable_by(order);
        top.into_iter()
            .map(|i| Keyword {
                term: ranked[i].2.to_string(),
                weight: ranked[i].0,
                count: ranked[i].1,
                entity: terms[i].entity.map(str::to_string),
            })
            .collect()
    }

    fn tfidf(&self, terms: &[Term], total: usize) -> Vec<f64> {
        terms
            .iter()
            .map(|t| {
                let idf = match t.entity {
                    Some(_) => t
                        .surfaces
                        .iter()
                        .map(|(s, _)| self.idf.idf(s))
                        .fold(self.idf.median(), f32::max),
                    None => self.idf.idf(&t.key),
                };
                t.count as f64 / total as f64 * idf as f64
            })
            .collect()
    }
}

/// Counts one entity mention as its entity's term.
fn add_entity<'a>(
    stopwords: &Stopwords,
    m: &'a Entity,
    terms: &mut Vec<Term<'a>>,
    ents: &mut HashMap<&'a str, usize>,
    seq: &mut Vec<usize>,
) {
    if stopwords.contains(&m.text) {
        return;
    }
    let id = *ents.entry(m.canonical.as_str()).or_insert_with(|| {
        terms.push(Term {
            key: Cow::Borrowed(m.canonical.as_str()),
            entity: Some(m.canonical.as_str()),
            count: 0,
            surfaces: Vec::new(),
        });
        terms.len() - 1
    });
    let t = &mut terms[id];
    t.count += 1;
    match t.surfaces.iter_mut().find(|(s, _)| *s == m.text) {
        Some(slot) => slot.1 += 1,
        None => t.surfaces.push((m.text.as_str(), 1)),
    }
    seq.push(id);
}

/// Rounds to 6 decimals so JSON output is stable and readable.
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// English case folding: a capitalised word (`Cloud`) is folded when the document also writes
/// it in lower case, or only ever capitalises it at the start of a sentence. A word capitalised
/// inside sentences and never written in lower case is a name (`York`, `Becker`) and keeps its
/// capital; acronyms and mixed-case names (`GPU`, `iPhone`, `GPT-4o`) always stay.
fn fold_case<'a>(
    s: &Cow<'a, str>,
    lower_seen: impl Fn(&str) -> bool,
    names: &HashSet<&str>,
) -> Cow<'a, str> {
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    if first.is_ascii_uppercase()
        && chars.clone().all(|c| !c.is_uppercase())
        && chars.any(char::is_alphabetic)
    {
        let lower = s.to_lowercase();
        if lower_seen(&lower) || !names.contains(s.as_ref()) {
            return Cow::Owned(lower);
        }
    }
    s.clone()
}

/// TextRank scores of `n` terms from their sequence of ids (normalised so the best is 1.0).
fn textrank(seq: &[usize], n: usize) -> Vec<f64> {
    const WINDOW: usize = 5;
    const DAMPING: f64 = 0.85;
    const ITERATIONS: usize = 20;
    // Edge weights in a BTreeMap: a fixed summation order keeps the scores identical run to run.
    let mut edges: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for i in 0..seq.len() {
        for j in i + 1..(i + WINDOW).min(seq.len()) {
            if seq[i] != seq[j] {
                *edges.entry((seq[i], seq[j])).or_default() += 1.0;
                *edges.entry((seq[j], seq[i])).or_default() += 1.0;
            }
        }
    }
    let mut out_sum = vec![0.0f64; n];
    let mut adj: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for (&(a, b), &w) in &edges {
        out_sum[a] += w;
        adj[b].push((a, w));
    }
    let mut ws = vec![1.0 / n as f64; n];
    for _ in 0..ITERATIONS {
        let prev = ws.clone();
        for (v, incoming) in adj.iter().enumerate() {
            let s: f64 = incoming
                .iter()
                .map(|&(u, w)| w / out_sum[u] * prev[u])
                .sum();
            ws[v] = (1.0 - DAMPING) + DAMPING * s;
        }
    }
    let max = ws
        .iter()
        .copied()
        .fold(f64::MIN, f64::max)
        .max(f64::MIN_POSITIVE);
    ws.into_iter().map(|w| w / max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_folding() {
        let seen = |w: &str| ["cloud", "iphone"].contains(&w);
        let names: HashSet<&str> = ["York", "Cloud"].into_iter().collect();
        let cases = [
            ("Cloud", "cloud"),
            ("York", "York"),
            ("Customers", "customers"),
            ("GPU", "GPU"),
            ("iPhone", "iPhone"),
            ("GPT-4o", "GPT-4o"),
            ("cloud", "cloud"),
        ];
        for (s, want) in cases {
            assert_eq!(fold_case(&Cow::Borrowed(s), seen, &names), want);
        }
    }

    #[test]
    fn candidates() {
        let k = KeywordExtractor::new(Stopwords::builtin());
        let cases: &[(&str, TokenKind, bool)] = &[
            ("阿里云", TokenKind::Word, true),
            ("的", TokenKind::Word, false),
            ("表示", TokenKind::Word, false),
            ("3.87", TokenKind::Number, false),
            ("。", TokenKind::Punct, false),
            ("3bn", TokenKind::Word, false),
            ("4th", TokenKind::Word, false),
            ("5G", TokenKind::Word, true),
            ("GPU", TokenKind::Word, true),
            ("the", TokenKind::Word, false),
            ("December", TokenKind::Word, false),
            ("x", TokenKind::Word, false),
        ];
        for (s, kind, want) in cases {
            assert_eq!(k.candidate(s, *kind), *want, "{s}");
        }
    }

    #[test]
    fn idf_table_holds_every_word_of_the_text_table() {
        let text = include_str!("../../dictionaries/idf/jieba_idf.txt");
        let t = IdfTable::builtin();
        let mut last: HashMap<&str, f32> = HashMap::default();
        for line in text.lines() {
            let (w, v) = line.split_once(' ').expect("word idf");
            last.insert(w, v.trim().parse().expect("idf value"));
        }
        assert_eq!(t.len(), last.len());
        for (w, v) in &last {
            assert_eq!(t.idf(w), *v, "{w}");
        }
        // Keys are one-to-one for words up to eight bytes: near misses are not found.
        assert_eq!(t.idf("劳动防"), t.median());
    }

    #[test]
    fn idf_table_loads() {
        let t = IdfTable::builtin();
        assert!(t.idf("劳动防护") > 13.0);
        assert!(t.idf("的") < t.median());
        assert_eq!(t.idf("zzzz-unknown"), t.median());
    }

    #[test]
    fn textrank_prefers_central_terms() {
        // a b a c a d a e: `a` (id 0) co-occurs with everything.
        let s = textrank(&[0, 1, 0, 2, 0, 3, 0, 4], 5);
        assert_eq!(s[0], 1.0);
        assert!(s[1] < 1.0);
    }
}

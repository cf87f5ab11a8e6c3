//! Keyword ranking: TF-IDF with jieba's IDF table, or TextRank over a co-occurrence graph.
//!
//! Candidates are the document's tokens with the dictionary entities counted as single terms
//! (all mentions of one entity are one term, shown by its most frequent surface form). Never a
//! candidate: punctuation, numbers, stopwords, single characters, and tokens inside an entity
//! mention (so no 伟达 or 阿里 when the text says 英伟达, 阿里云). English is case-folded unless
//! the word is an acronym or mixed-case name (`GPU`, `iPhone`).

use std::collections::{BTreeMap, HashMap};

use super::stopwords::Stopwords;
use crate::model::{Entity, Keyword, Token, TokenKind};

/// jieba's IDF table (from jieba-rs, MIT licensed): `word idf` per line.
const IDF: &str = include_str!("../../dictionaries/idf/jieba_idf.txt");

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

/// The IDF table, parsed once.
#[derive(Debug)]
pub struct IdfTable {
    map: HashMap<&'static str, f32>,
    median: f32,
}

impl IdfTable {
    /// Parses jieba's table.
    pub fn builtin() -> IdfTable {
        let mut map = HashMap::with_capacity(280_000);
        let mut values = Vec::with_capacity(280_000);
        for line in IDF.lines() {
            let mut it = line.split(' ');
            if let (Some(w), Some(v)) = (it.next(), it.next())
                && let Ok(v) = v.trim().parse::<f32>()
            {
                map.insert(w, v);
                values.push(v);
            }
        }
        values.sort_unstable_by(f32::total_cmp);
        let median = values
            .get(values.len().saturating_sub(1) / 2)
            .copied()
            .unwrap_or(10.0);
        IdfTable { map, median }
    }

    /// IDF of `word`, or the median for unknown words.
    pub fn idf(&self, word: &str) -> f32 {
        self.map.get(word).copied().unwrap_or(self.median)
    }

    /// The median IDF.
    pub fn median(&self) -> f32 {
        self.median
    }
}

/// Ranks keywords of one document.
#[derive(Debug)]
pub struct KeywordExtractor {
    idf: IdfTable,
    stopwords: Stopwords,
}

#[derive(Debug, Default)]
struct Term {
    count: usize,
    surfaces: BTreeMap<String, (usize, usize)>,
    entity: Option<String>,
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
        // The candidate sequence, in text order: entity mentions and free tokens.
        let mut seq: Vec<String> = Vec::new();
        let mut terms: BTreeMap<String, Term> = BTreeMap::new();
        let mut e = 0usize;
        let mut add =
            |seq: &mut Vec<String>, key: String, surface: String, entity: Option<String>| {
                let t = terms.entry(key.clone()).or_default();
                t.count += 1;
                let n = t.surfaces.len();
                t.surfaces.entry(surface).or_insert((0, n)).0 += 1;
                if t.entity.is_none() {
                    t.entity = entity;
                }
                seq.push(key);
            };
        for tok in tokens {
            while e < entities.len() && entities[e].span.end <= tok.span.start {
                let m = &entities[e];
                if !self.stopwords.contains(&m.text) {
                    add(
                        &mut seq,
                        format!("\u{1}{}", m.canonical),
                        m.text.clone(),
                        Some(m.canonical.clone()),
                    );
                }
                e += 1;
            }
            if e < entities.len() && entities[e].span.start < tok.span.end {
                continue; // inside (or overlapping) an entity mention
            }
            let s = tok.span.slice(text);
            // English possessives count with their noun: Nvidia's → Nvidia.
            let s = s
                .strip_suffix("'s")
                .or_else(|| s.strip_suffix("’s"))
                .unwrap_or(s);
            if self.candidate(s, tok.kind) {
                let folded = fold_case(s);
                add(&mut seq, folded.clone(), folded, None);
            }
        }
        for m in &entities[e..] {
            if !self.stopwords.contains(&m.text) {
                add(
                    &mut seq,
                    format!("\u{1}{}", m.canonical),
                    m.text.clone(),
                    Some(m.canonical.clone()),
                );
            }
        }
        if seq.is_empty() {
            return Vec::new();
        }
        let scores: BTreeMap<&str, f64> = match config.method {
            KeywordMethod::TfIdf => self.tfidf(&terms, seq.len()),
            KeywordMethod::TextRank => textrank(&seq),
        };
        let mut out: Vec<Keyword> = terms
            .iter()
            .map(|(key, t)| {
                let term = t
                    .surfaces
                    .iter()
                    .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
                    .map(|(s, _)| s.clone())
                    .unwrap_or_default();
                Keyword {
                    term,
                    weight: round(scores.get(key.as_str()).copied().unwrap_or(0.0)),
                    count: t.count,
                    entity: t.entity.clone(),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.weight
                .total_cmp(&a.weight)
                .then(b.count.cmp(&a.count))
                .then_with(|| a.term.cmp(&b.term))
        });
        out.truncate(config.top_n);
        out
    }

    fn tfidf<'a>(&self, terms: &'a BTreeMap<String, Term>, total: usize) -> BTreeMap<&'a str, f64> {
        terms
            .iter()
            .map(|(key, t)| {
                let idf = match &t.entity {
                    Some(_) => t
                        .surfaces
                        .keys()
                        .map(|s| self.idf.idf(s))
                        .fold(self.idf.median(), f32::max),
                    None => self.idf.idf(key),
                };
                (key.as_str(), t.count as f64 / total as f64 * idf as f64)
            })
            .collect()
    }
}

/// Rounds to 6 decimals so JSON output is stable and readable.
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// English case folding: `Cloud` → `cloud`, but `GPU`, `iPhone`, `GPT-4o` stay.
fn fold_case(s: &str) -> String {
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    let rest_lower = chars.clone().all(|c| !c.is_uppercase());
    if first.is_ascii_uppercase()
        && rest_lower
        && s.chars().filter(|c| c.is_alphabetic()).count() > 1
    {
        s.to_lowercase()
    } else {
        s.to_string()
    }
}

/// TextRank scores (normalised so the best term has 1.0).
fn textrank(seq: &[String]) -> BTreeMap<&str, f64> {
    const WINDOW: usize = 5;
    const DAMPING: f64 = 0.85;
    const ITERATIONS: usize = 20;
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for k in seq {
        let n = index.len();
        index.entry(k.as_str()).or_insert(n);
    }
    let n = index.len();
    let ids: Vec<usize> = seq.iter().map(|k| index[k.as_str()]).collect();
    let mut edges: BTreeMap<(usize, usize), f64> = BTreeMap::new();
    for i in 0..ids.len() {
        for j in i + 1..(i + WINDOW).min(ids.len()) {
            if ids[i] != ids[j] {
                *edges.entry((ids[i], ids[j])).or_default() += 1.0;
                *edges.entry((ids[j], ids[i])).or_default() += 1.0;
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
    index.into_iter().map(|(k, i)| (k, ws[i] / max)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_folding() {
        for (s, want) in [
            ("Cloud", "cloud"),
            ("GPU", "GPU"),
            ("iPhone", "iPhone"),
            ("GPT-4o", "GPT-4o"),
            ("cloud", "cloud"),
        ] {
            assert_eq!(fold_case(s), want);
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
    fn idf_table_loads() {
        let t = IdfTable::builtin();
        assert!(t.idf("劳动防护") > 13.0);
        assert!(t.idf("的") < t.median());
        assert_eq!(t.idf("zzzz-unknown"), t.median());
    }

    #[test]
    fn textrank_prefers_central_terms() {
        let seq: Vec<String> = "a b a c a d a e".split(' ').map(String::from).collect();
        let s = textrank(&seq);
        assert_eq!(s["a"], 1.0);
        assert!(s["b"] < 1.0);
    }
}

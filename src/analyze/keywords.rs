//! Keyword ranking: TF-IDF with jieba's IDF table, or TextRank over a co-occurrence graph.
//!
//! Candidates are the document's tokens with the dictionary entities counted as single terms
//! (all mentions of one entity are one term, shown by its most frequent surface form). Never a
//! candidate: punctuation, numbers, stopwords, single characters, and tokens inside an entity
//! mention (so no 伟达 or 阿里 when the text says 英伟达, 阿里云). English is case-folded unless
//! the word is an acronym or mixed-case name (`GPU`, `iPhone`).

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use super::stopwords::Stopwords;
use crate::model::{Entity, Keyword, Span, Token, TokenKind};

include!(concat!(env!("OUT_DIR"), "/idf_meta.rs"));

/// jieba's IDF table (from jieba-rs, MIT licensed), laid out by `build.rs`: one little-endian
/// `u64` per slot, the top 48 bits of the word's key and below them the index + 1 of its value
/// in [`IDF_VALUES`]; 0 for an empty slot.
static IDF_SLOTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/idf_slots.bin"));
/// The distinct IDF values, little-endian `f32` (a few thousand: 13 KB, cache-resident).
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
/// Words are known by 48 bits of a 64-bit hash (`idf_key`, shared with `build.rs`) rather than
/// stored, and each slot holds the index of its value among the few thousand distinct ones:
/// a lookup reads one 8-byte slot (one cache miss) and a value from a 13 KB array. An unknown
/// word takes a listed word's IDF about once in 10^14 lookups.
#[derive(Debug, Clone, Copy)]
pub struct IdfTable;

impl IdfTable {
    /// jieba's table.
    pub fn builtin() -> IdfTable {
        IdfTable
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
        let key = super::bytes::idf_key(word.as_bytes());
        let mask = (1usize << IDF_SLOTS_LOG2) - 1;
        let mut i = (key >> (64 - IDF_SLOTS_LOG2)) as usize;
        loop {
            let slot = match IDF_SLOTS.get(i * 8..i * 8 + 8) {
                Some(s) => u64::from_le_bytes(s.try_into().unwrap_or([0; 8])),
                None => 0,
            };
            if slot == 0 {
                return IDF_MEDIAN;
            }
            if slot >> 16 == key >> 16 {
                let v = (slot & 0xFFFF) as usize - 1;
                return match IDF_VALUES.get(v * 4..v * 4 + 4) {
                    Some(b) => f32::from_le_bytes(b.try_into().unwrap_or([0; 4])),
                    None => IDF_MEDIAN,
                };
            }
            i = (i + 1) & mask;
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
/// (`key` is its canonical name, `entity` its index among the document's [`EntityTerm`]s).
/// Small and flat (32 bytes): one is pushed for every distinct word of every article.
#[derive(Debug, Clone, Copy)]
struct Term<'a> {
    key: &'a str,
    count: usize,
    entity: Option<u32>,
}

/// What an entity term needs besides its [`Term`]: its surface forms with their counts, in
/// order of first occurrence.
#[derive(Debug)]
struct EntityTerm<'a> {
    canonical: &'a str,
    term: usize,
    surfaces: Vec<(&'a str, usize)>,
}

impl EntityTerm<'_> {
    /// The most frequent surface form (the first one on ties): how the entity is shown.
    fn name(&self) -> &str {
        self.surfaces
            .iter()
            .rev()
            .max_by_key(|(_, n)| *n)
            .map_or("", |(s, _)| *s)
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
        // Fewer than two characters (a character is at most four bytes)?
        let short = match s.len() {
            0 | 1 => true,
            2..=4 => s.chars().nth(1).is_none(),
            _ => false,
        };
        if short || self.stopwords.contains(s) {
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
        let letters = s.chars().filter(|&c| is_letter(c)).take(2).count();
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
        self.extract_outside(text, tokens, entities, &[], config)
    }

    /// [`KeywordExtractor::extract`] leaving out the tokens and mentions that lie wholly inside
    /// one of the spans of `outside` (sorted, not overlapping: an article's bylines), as if
    /// they were not in the lists.
    pub fn extract_outside(
        &self,
        text: &str,
        tokens: &[Token],
        entities: &[Entity],
        outside: &[Span],
        config: KeywordConfig,
    ) -> Vec<Keyword> {
        // (The span of `outside` that could hold a span is the last one starting at or before
        // it.)
        let left_out = |s: &Span| {
            let k = outside.partition_point(|b| b.start <= s.start);
            k > 0 && s.end <= outside[k - 1].end
        };
        // The candidate sequence (term ids in text order): entity mentions and free tokens.
        // (Room for the distinct terms and forms of an article; a long text's vocabulary grows
        // far slower than its tokens, so the reservation stops at 64 K.)
        let room = (tokens.len() / 2 + 8).min(1 << 16);
        let mut terms: Vec<Term> = Vec::with_capacity(room);
        let mut ents: Vec<EntityTerm> = Vec::new();
        let mut seq: Vec<usize> = Vec::with_capacity(tokens.len());
        // Everything the document tells about one surface form, under one hash lookup per
        // token: whether it is a token, a name, its judgement as a free word, its term.
        let mut forms: HashMap<&str, Form> =
            HashMap::with_capacity_and_hasher(room, Default::default());
        let mut e = 0usize;
        for tok in tokens {
            if left_out(&tok.span) {
                continue;
            }
            // The mentions before the token are added; `e` stops at the first mention left in
            // that ends after the token's start.
            while e < entities.len()
                && (left_out(&entities[e].span) || entities[e].span.end <= tok.span.start)
            {
                if !left_out(&entities[e].span) {
                    add_entity(
                        &self.stopwords,
                        &entities[e],
                        &mut terms,
                        &mut ents,
                        &mut seq,
                    );
                }
                e += 1;
            }
            let raw = tok.span.slice(text);
            let first = raw.as_bytes().first().copied().unwrap_or(0);
            // Capitalised inside a sentence: a name (`York`), unless also written in lower case.
            let name = first.is_ascii_uppercase() && {
                let before = text[..tok.span.start].trim_end_matches([' ', '\t', '\u{3000}']);
                !(before.is_empty()
                    || before.ends_with([
                        '\n', '.', '!', '?', '"', '“', '”', '‘', '(', '—', '。', '！', '？',
                    ]))
            };
            let inside_entity = e < entities.len() && entities[e].span.start < tok.span.end;
            if inside_entity || tok.kind != TokenKind::Word {
                // Not a candidate, but its forms count for case folding.
                if first.is_ascii_lowercase() || name {
                    let f = forms.entry(raw).or_default();
                    f.token |= first.is_ascii_lowercase();
                    f.name |= name;
                }
                continue;
            }
            let f = forms.entry(raw).or_default();
            f.token = true;
            f.name |= name;
            let id = match f.judged {
                Some(id) => id,
                None => {
                    // English possessives count with their noun: Nvidia's → Nvidia.
                    let s = raw
                        .strip_suffix("'s")
                        .or_else(|| raw.strip_suffix("’s"))
                        .unwrap_or(raw);
                    if !self.candidate(s, tok.kind) {
                        *f.judged.insert(None)
                    } else if s.len() == raw.len() {
                        let id = *f.term.get_or_insert_with(|| new_word(&mut terms, s));
                        *f.judged.insert(Some(id))
                    } else {
                        let g = forms.entry(s).or_default();
                        let id = Some(*g.term.get_or_insert_with(|| new_word(&mut terms, s)));
                        // (Looked up again: adding the noun may have moved the table.)
                        forms.get_mut(raw).map_or(id, |f| *f.judged.insert(id))
                    }
                }
            };
            if let Some(id) = id {
                terms[id].count += 1;
                seq.push(id);
            }
        }
        for m in entities[e..].iter().filter(|m| !left_out(&m.span)) {
            add_entity(&self.stopwords, m, &mut terms, &mut ents, &mut seq);
        }
        // Case folding: `Cloud` counts as `cloud` unless it is a name the document never
        // writes in lower case. A folded term joins the first term (in text order) with the same
        // key: each term's group is led by its first member.
        // (Both filled only when some term folds.)
        let mut lead: Vec<usize> = Vec::new();
        let mut keys: Vec<Option<String>> = Vec::new();
        let mut by_folded: HashMap<String, usize> = HashMap::default();
        for (id, t) in terms.iter().enumerate() {
            if t.entity.is_some() {
                continue;
            }
            let Some(lower) = foldable(t.key) else {
                continue;
            };
            let lower_form = forms.get(lower.as_str());
            let lower_seen = lower_form.is_some_and(|f| f.token);
            let is_name = forms.get(t.key).is_some_and(|f| f.name);
            if !lower_seen && is_name {
                continue;
            }
            // The unfolded term with this key, if the document has one (it never folds: its
            // key starts in lower case).
            let plain = lower_form.and_then(|f| f.term);
            let first = *by_folded
                .entry(lower.clone())
                .or_insert_with(|| plain.map_or(id, |p| p.min(id)));
            if lead.is_empty() {
                lead = (0..terms.len()).collect();
                keys.resize(terms.len(), None);
            }
            lead[id] = first;
            if let Some(p) = plain {
                lead[p] = first;
            }
            keys[id] = Some(lower);
        }
        if lead.is_empty() {
            // Nothing folds (all Chinese text, for one): the terms stand as they are.
            return self.rank(&terms, &ents, &seq, config);
        }
        let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
        let mut new_id: Vec<usize> = Vec::with_capacity(terms.len());
        for (id, t) in terms.iter().enumerate() {
            let l = lead[id];
            if l < id {
                let m = new_id[l];
                merged[m].count += t.count;
                new_id.push(m);
                continue;
            }
            new_id.push(merged.len());
            if let Some(e) = t.entity {
                ents[e as usize].term = merged.len();
            }
            let key = keys.get(id).and_then(Option::as_deref).unwrap_or(t.key);
            merged.push(Term { key, ..*t });
        }
        for id in &mut seq {
            *id = new_id[*id];
        }
        self.rank(&merged, &ents, &seq, config)
    }

    /// The top `config.top_n` of `terms` (`seq`: their ids in text order).
    fn rank(
        &self,
        terms: &[Term],
        ents: &[EntityTerm],
        seq: &[usize],
        config: KeywordConfig,
    ) -> Vec<Keyword> {
        if seq.is_empty() {
            return Vec::new();
        }
        let scores: Vec<f64> = match config.method {
            KeywordMethod::TfIdf => self.tfidf(terms, ents, seq.len()),
            KeywordMethod::TextRank => textrank(seq, terms.len()),
        };
        // Rank (weight, then count, then name), keeping only the top: most terms are never
        // shown, so they are neither fully sorted nor turned into strings.
        let ranked: Vec<(f64, usize, &str)> = terms
            .iter()
            .zip(scores)
            .map(|(t, score)| {
                let name = match t.entity {
                    Some(e) => ents[e as usize].name(),
                    None => t.key,
                };
                (round(score), t.count, name)
            })
            .collect();
        let order = |a: &usize, b: &usize| {
            let (x, y) = (&ranked[*a], &ranked[*b]);
            y.0.total_cmp(&x.0)
                .then(y.1.cmp(&x.1))
                .then_with(|| x.2.cmp(y.2))
                .then(a.cmp(b))
        };
        let mut top: Vec<usize>;
        if config.top_n >= terms.len() {
            top = (0..terms.len()).collect();
        } else {
            if config.top_n == 0 {
                return Vec::new();
            }
            // By the numbers first, as one integer per term (weight, count, then the index
            // that is not part of the order); names are compared only among the terms tied
            // with the last place (most terms of an English text tie on count 1 and would all
            // be compared by name otherwise).
            let numbers = |i: usize| -> u128 {
                let (weight, count, _) = ranked[i];
                let count = u32::try_from(count).unwrap_or(u32::MAX);
                u128::from(total_order_bits(weight)) << 32 | u128::from(count)
            };
            // (An index fits in 32 bits: a term takes at least two bytes of the text.)
            let mut keys: Vec<u128> = (0..ranked.len())
                .map(|i| numbers(i) << 32 | i as u128)
                .collect();
            keys.select_nth_unstable_by(config.top_n - 1, |a, b| b.cmp(a));
            let last = keys[config.top_n - 1] >> 32;
            let mut ties: Vec<usize> = Vec::new();
            top = Vec::with_capacity(config.top_n);
            for k in keys {
                let i = (k & u128::from(u32::MAX)) as usize;
                match (k >> 32).cmp(&last) {
                    std::cmp::Ordering::Greater => top.push(i),
                    std::cmp::Ordering::Equal => ties.push(i),
                    std::cmp::Ordering::Less => {}
                }
            }
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
                entity: terms[i]
                    .entity
                    .map(|e| ents[e as usize].canonical.to_string()),
            })
            .collect()
    }

    fn tfidf(&self, terms: &[Term], ents: &[EntityTerm], total: usize) -> Vec<f64> {
        terms
            .iter()
            .map(|t| {
                let idf = match t.entity {
                    Some(e) => ents[e as usize]
                        .surfaces
                        .iter()
                        .map(|(s, _)| self.idf.idf(s))
                        .fold(self.idf.median(), f32::max),
                    None => self.idf.idf(t.key),
                };
                t.count as f64 / total as f64 * idf as f64
            })
            .collect()
    }
}

/// `char::is_alphabetic`, with the common CJK Unified Ideographs (all letters, a test checks)
/// answered by one range test instead of the Unicode table.
fn is_letter(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || c.is_alphabetic()
}

/// Counts one entity mention as its entity's term.
fn add_entity<'a>(
    stopwords: &Stopwords,
    m: &'a Entity,
    terms: &mut Vec<Term<'a>>,
    ents: &mut Vec<EntityTerm<'a>>,
    seq: &mut Vec<usize>,
) {
    if stopwords.contains(&m.text) {
        return;
    }
    // Few entities per document: a list beats a hash map.
    let canonical = m.canonical.as_str();
    let e = match ents.iter().position(|e| e.canonical == canonical) {
        Some(e) => e,
        None => {
            terms.push(Term {
                key: canonical,
                count: 0,
                entity: Some(ents.len() as u32),
            });
            ents.push(EntityTerm {
                canonical,
                term: terms.len() - 1,
                surfaces: Vec::new(),
            });
            ents.len() - 1
        }
    };
    let ent = &mut ents[e];
    terms[ent.term].count += 1;
    match ent.surfaces.iter_mut().find(|(s, _)| *s == m.text) {
        Some(slot) => slot.1 += 1,
        None => ent.surfaces.push((m.text.as_str(), 1)),
    }
    seq.push(ent.term);
}

/// The bits of `x` as an unsigned integer that orders the way [`f64::total_cmp`] does.
fn total_order_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// Rounds to 6 decimals so JSON output is stable and readable.
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// What one document says about a surface form (see [`KeywordExtractor::extract`]).
#[derive(Debug, Default, Clone, Copy)]
struct Form {
    /// Occurs as a free word, or (written in lower case) as any other token.
    token: bool,
    /// Occurs capitalised inside a sentence.
    name: bool,
    /// As a free word token: the term it counts for (`Some(None)`: not a candidate).
    judged: Option<Option<usize>>,
    /// The word term with this key.
    term: Option<usize>,
}

/// Adds a word term with key `s`; its id.
fn new_word<'a>(terms: &mut Vec<Term<'a>>, s: &'a str) -> usize {
    terms.push(Term {
        key: s,
        count: 0,
        entity: None,
    });
    terms.len() - 1
}

/// English case folding: a capitalised word (`Cloud`) is folded when the document also writes
/// it in lower case, or only ever capitalises it at the start of a sentence. A word capitalised
/// inside sentences and never written in lower case is a name (`York`, `Becker`) and keeps its
/// capital; acronyms and mixed-case names (`GPU`, `iPhone`, `GPT-4o`) always stay.
///
/// This is the lower-case form of `s` when `s` is a capitalised word that may fold; the caller
/// decides by the document.
fn foldable(s: &str) -> Option<String> {
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_uppercase()
        && chars.clone().all(|c| !c.is_uppercase())
        && chars.any(char::is_alphabetic))
    .then(|| s.to_lowercase())
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
    fn the_letter_shortcut_agrees_with_the_unicode_table() {
        assert!(('\u{4E00}'..='\u{9FFF}').all(|c| c.is_alphabetic()));
        for c in ['a', '1', '云', '〇', '，', 'é', '\u{FA6E}', 'ア'] {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c}");
        }
    }

    #[test]
    fn foldable_words() {
        let cases = [
            ("Cloud", Some("cloud")),
            ("York", Some("york")),
            ("GPU", None),
            ("iPhone", None),
            ("GPT-4o", None),
            ("cloud", None),
            ("A1", None),
        ];
        for (s, want) in cases {
            assert_eq!(foldable(s).as_deref(), want, "{s}");
        }
    }

    /// Words split at spaces, all `TokenKind::Word` (punctuation kept out of the test text).
    fn words(text: &str) -> Vec<Token> {
        let mut at = 0;
        text.split(' ')
            .map(|w| {
                let t = Token {
                    kind: TokenKind::Word,
                    span: crate::model::Span {
                        start: at,
                        end: at + w.len(),
                    },
                };
                at += w.len() + 1;
                t
            })
            .collect()
    }

    /// Spans left out (bylines) give the keywords of the lists without what lies inside them,
    /// mentions included; a token or mention only partly inside stays.
    #[test]
    fn left_out_spans_are_as_if_not_listed() {
        let k = KeywordExtractor::new(Stopwords::builtin());
        let config = KeywordConfig {
            method: KeywordMethod::TfIdf,
            top_n: 20,
        };
        let text = "By Jane Doe Reuters Nvidia chips rose Nvidia chips Jane Doe Reuters";
        let tokens = words(text);
        let mention = |w: &str, from: usize| {
            let start = from + text[from..].find(w).unwrap();
            Entity {
                text: w.to_string(),
                canonical: w.to_string(),
                kind: crate::model::EntityKind::Person,
                span: Span::new(start, start + w.len()),
            }
        };
        let entities = vec![
            mention("Jane Doe", 0),
            mention("Nvidia", 0),
            mention("Nvidia", 30),
            mention("Jane Doe", 40),
        ];
        let end_of = |w: &str| text.find(w).unwrap() + w.len();
        for outside in [
            vec![Span::new(0, end_of("Reuters"))],
            vec![
                Span::new(0, 3),
                Span::new(text.rfind("Jane").unwrap(), text.len()),
            ],
            // Partly over `Nvidia`: it stays.
            vec![Span::new(0, end_of("Nvidia") - 2)],
            vec![],
        ] {
            let inside = |s: &Span| outside.iter().any(|o| o.start <= s.start && s.end <= o.end);
            let kept: Vec<Token> = tokens
                .iter()
                .filter(|t| !inside(&t.span))
                .copied()
                .collect();
            let kept_entities: Vec<Entity> = entities
                .iter()
                .filter(|e| !inside(&e.span))
                .cloned()
                .collect();
            let want = k.extract(text, &kept, &kept_entities, config);
            let got = k.extract_outside(text, &tokens, &entities, &outside, config);
            assert_eq!(format!("{got:?}"), format!("{want:?}"), "{outside:?}");
        }
    }

    #[test]
    fn case_folding_by_document() {
        let k = KeywordExtractor::new(Stopwords::builtin());
        let config = KeywordConfig {
            method: KeywordMethod::TfIdf,
            top_n: 20,
        };
        // (text, term, expected count under that exact term; 0 = not a keyword)
        let cases = [
            // Sentence-initial only: folded into the lower-case word, counted together.
            ("Cloud costs rose cloud costs fell", "cloud", 2),
            ("Cloud costs rose cloud costs fell", "Cloud", 0),
            // Capitalised inside a sentence, never in lower case: a name.
            ("shares of York rose York shares", "York", 2),
            ("shares of York rose York shares", "york", 0),
            // A name that is also written in lower case folds.
            ("demand for Cloud and cloud storage", "cloud", 2),
            // Capitalised only at the start: folded even without the lower-case form.
            ("Tariffs rose", "tariffs", 1),
            // Possessives count with their noun.
            ("buyers of Nvidia's chips said Nvidia chips", "Nvidia", 2),
            // Acronyms stay.
            ("GPU prices and GPU supply", "GPU", 2),
        ];
        for (text, term, want) in cases {
            let got = k.extract(text, &words(text), &[], config);
            let count = got
                .iter()
                .find(|kw| kw.term == term)
                .map_or(0, |kw| kw.count);
            assert_eq!(count, want, "{term} in {text:?}: {got:?}");
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
        // Near misses are not found.
        assert_eq!(t.idf("劳动防"), t.median());
        assert_eq!(t.idf("劳动防护护"), t.median());
    }

    #[test]
    fn idf_table_loads() {
        let t = IdfTable::builtin();
        assert!(t.idf("劳动防护") > 13.0);
        assert!(t.idf("的") < t.median());
        assert_eq!(t.idf("zzzz-unknown"), t.median());
    }

    #[test]
    fn weights_order_as_integers_the_way_total_cmp_does() {
        let xs = [-1.5, -0.0, 0.0, 1e-9, 0.25, 0.5, 1.0, 13.9, f64::MAX];
        for a in xs {
            for b in xs {
                assert_eq!(
                    total_order_bits(a).cmp(&total_order_bits(b)),
                    a.total_cmp(&b),
                    "{a} {b}"
                );
            }
        }
    }

    #[test]
    fn textrank_prefers_central_terms() {
        // a b a c a d a e: `a` (id 0) co-occurs with everything.
        let s = textrank(&[0, 1, 0, 2, 0, 3, 0, 4], 5);
        assert_eq!(s[0], 1.0);
        assert!(s[1] < 1.0);
    }
}

//! Summarize: [`Analysis`] → [`Summary`]: the sentences that matter and the key quotations.
//!
//! Sentence scoring uses what works on news without training; every weight is a documented
//! field of [`Weights`], and [`Scoring`] says which weights apply: the lead set when the summary
//! is a small share of the article (news is an inverted pyramid), the cover set when it is a
//! large share or the text is short, a blend in between. Features:
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
//! (`图片来源：…`, `Photo: …`), fragments, boilerplate and sentences that restate the title,
//! each shown from after its dateline or credit (`clean.rs`). The chosen sentences come back in document
//! order; ties are broken by position, so output is deterministic.

mod clean;
pub mod quotes;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::analyze::stopwords::Stopwords;
use crate::error::{Error, Result};
use crate::model::{
    Analysis, Document, EntityKind, Lang, Quote, QuoteKind, Script, Span, Summary, SummarySentence,
    TokenKind,
};

/// Sentence-scoring weights: two sets per language, for a lead summary and for one that covers
/// the whole story ([`Weights::english_lead`], [`Weights::english_cover`],
/// [`Weights::chinese_lead`], [`Weights::chinese_cover`]), blended by [`Scoring`]; chosen with
/// `scripts/eval-summaries.sh` on five dev sets (see the README for the figures).
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
    /// 1 drops what a summary never shows (datelines and credits before the news,
    /// boilerplate sentences, a sentence that only restates the title); 0 keeps every
    /// paragraph sentence, as the Lead-k baseline does.
    pub clean: f64,
}

impl Default for Weights {
    /// The English weights for a lead summary ([`Weights::english_lead`]).
    fn default() -> Self {
        Weights::english_lead()
    }
}

impl Weights {
    /// The names accepted by [`Weights::set`].
    pub const NAMES: [&'static str; 16] = [
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
        "clean",
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
            "clean" => &mut self.clean,
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

    /// English weights for a summary that condenses the whole story (a large share of it):
    /// undirected centrality over a graph that mixes TF-IDF cosine with TextRank's word
    /// overlap, a little title similarity and MMR; no position prior.
    pub fn english_cover() -> Weights {
        Weights {
            centrality: 1.0,
            backward: 1.0,
            overlap: 0.7,
            title: 0.1,
            redundancy: 0.5,
            clean: 1.0,
            ..Weights::ZERO
        }
    }

    /// English weights for a summary that is the story's lead (a small share of it): the
    /// position prior first, then centrality directed forward (a sentence counts for what it
    /// introduces, PacSum), a preference for sentences of about 25 words (a lead is read at
    /// a glance), title similarity and MMR.
    pub fn english_lead() -> Weights {
        Weights {
            position: 1.0,
            centrality: 1.0,
            backward: 0.0,
            title: 0.1,
            length: 0.4,
            ideal_length: 25.0,
            redundancy: 0.5,
            clean: 1.0,
            ..Weights::ZERO
        }
    }

    /// Chinese weights for a summary that condenses the whole story: character-bigram
    /// cohesion and keyword density (both per `L^0.4`), a light lead prior, a length
    /// preference around 20 characters and a bonus for a quoted key phrase. Word-level
    /// centrality is off: on short texts jieba's words match too rarely across sentences.
    pub fn chinese_cover() -> Weights {
        Weights {
            position: 0.5,
            keywords: 3.0,
            cohesion: 1.0,
            quoted: 0.4,
            length: 0.5,
            ideal_length: 20.0,
            redundancy: 0.5,
            clean: 1.0,
            ..Weights::ZERO
        }
    }

    /// Chinese weights for a summary that is the story's lead: the position prior, then
    /// character-bigram cohesion per `L^0.6` (what a sentence shares with the rest of the
    /// story, not favouring long sentences), and MMR.
    pub fn chinese_lead() -> Weights {
        Weights {
            position: 0.5,
            cohesion: 0.1,
            norm_exponent: 0.6,
            redundancy: 0.5,
            clean: 1.0,
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
        clean: 0.0,
    };

    /// These weights `a` of the way to `other` (each field blended linearly).
    pub fn blend(&self, other: &Weights, a: f64) -> Weights {
        let mix = |x: f64, y: f64| x + (y - x) * a;
        Weights {
            position: mix(self.position, other.position),
            decay: mix(self.decay, other.decay),
            centrality: mix(self.centrality, other.centrality),
            beta: mix(self.beta, other.beta),
            backward: mix(self.backward, other.backward),
            overlap: mix(self.overlap, other.overlap),
            title: mix(self.title, other.title),
            keywords: mix(self.keywords, other.keywords),
            cohesion: mix(self.cohesion, other.cohesion),
            norm_exponent: mix(self.norm_exponent, other.norm_exponent),
            quoted: mix(self.quoted, other.quoted),
            density: mix(self.density, other.density),
            length: mix(self.length, other.length),
            ideal_length: mix(self.ideal_length, other.ideal_length),
            redundancy: mix(self.redundancy, other.redundancy),
            clean: mix(self.clean, other.clean),
        }
    }
}

/// How one language's sentences are scored: two weight sets and when each applies.
///
/// A summary that takes a small share of the article (3 sentences of a 30-sentence story) is
/// its lead: news is written as an inverted pyramid, so position leads, and the other features
/// decide which later sentences earn a place ([`Scoring::lead`]). A summary that takes a large
/// share (5 of 14) condenses the whole story, so what the article is about across its body
/// decides ([`Scoring::cover`]). The share is the sentence budget over the article's candidate
/// sentences; up to `share_lead` the lead weights apply, from `share_cover` the cover weights,
/// and between them a linear blend. A text shorter than `short` content units (a post, a
/// brief of a few lines) is its own lead: the cover weights apply whatever the share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scoring {
    /// Weights when the summary is a small share of the article.
    pub lead: Weights,
    /// Weights when the summary is a large share of the article.
    pub cover: Weights,
    /// Share up to which the lead weights apply.
    pub share_lead: f64,
    /// Share from which the cover weights apply.
    pub share_cover: f64,
    /// Content units (Han characters and Latin words) under which a text is scored with the
    /// cover weights.
    pub short: f64,
}

impl Scoring {
    /// The weights for a summary of `budget` sentences out of `candidates` sentences of
    /// `units` content units in all.
    pub fn weights(&self, budget: f64, candidates: usize, units: usize) -> Weights {
        if (units as f64) < self.short {
            return self.cover;
        }
        let share = if candidates == 0 {
            1.0
        } else {
            (budget / candidates as f64).min(1.0)
        };
        let span = (self.share_cover - self.share_lead).max(1e-9);
        let a = ((share - self.share_lead) / span).clamp(0.0, 1.0);
        self.lead.blend(&self.cover, a)
    }

    /// The Lead-k baseline: position only, whatever the share.
    pub fn lead_k() -> Scoring {
        Scoring {
            lead: Weights::lead(),
            cover: Weights::lead(),
            share_lead: 0.0,
            share_cover: 1.0,
            short: 0.0,
        }
    }

    /// English: [`Weights::english_lead`] up to a share of 0.15, [`Weights::english_cover`]
    /// from 0.3 and for texts under 150 words.
    pub fn english() -> Scoring {
        Scoring {
            lead: Weights::english_lead(),
            cover: Weights::english_cover(),
            share_lead: 0.15,
            share_cover: 0.3,
            short: 150.0,
        }
    }

    /// Chinese: [`Weights::chinese_lead`] up to a share of 0.15, [`Weights::chinese_cover`]
    /// from 0.3 and for texts under 150 characters.
    pub fn chinese() -> Scoring {
        Scoring {
            lead: Weights::chinese_lead(),
            cover: Weights::chinese_cover(),
            share_lead: 0.15,
            share_cover: 0.3,
            short: 150.0,
        }
    }

    /// Sets one value by name: `lead.NAME` or `cover.NAME` for one weight set, a bare weight
    /// name for both, or `share_lead` / `share_cover` / `short`.
    pub fn set(&mut self, name: &str, value: f64) -> Result<()> {
        match name {
            "share_lead" => self.share_lead = value,
            "share_cover" => self.share_cover = value,
            "short" => self.short = value,
            _ => match name.split_once('.') {
                Some(("lead", weight)) => self.lead.set(weight, value)?,
                Some(("cover", weight)) => self.cover.set(weight, value)?,
                Some(_) => {
                    return Err(Error::Config(format!(
                        "unknown summary weight `{name}`: prefix a weight with `lead.` or `cover.`"
                    )));
                }
                None => {
                    self.lead.set(name, value)?;
                    self.cover.set(name, value)?;
                }
            },
        }
        if !value.is_finite() {
            return Err(Error::Config(format!("weight `{name}` must be a number")));
        }
        Ok(())
    }
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
    /// How English sentences are scored.
    pub english: Scoring,
    /// How Chinese sentences are scored.
    pub chinese: Scoring,
}

impl SummaryConfig {
    /// The scoring for a document in `lang`.
    pub fn scoring(&self, lang: Lang) -> &Scoring {
        match lang {
            Lang::En => &self.english,
            Lang::Zh => &self.chinese,
        }
    }

    /// Applies `--weights`: `lead` (the Lead-k baseline) or `NAME=VALUE,…` for both languages
    /// ([`Scoring::set`] names).
    pub fn set_weights(&mut self, spec: &str) -> Result<()> {
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if part == "lead" {
                (self.english, self.chinese) = (Scoring::lead_k(), Scoring::lead_k());
                continue;
            }
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| Error::Config(format!("--weights: `{part}` is not NAME=VALUE")))?;
            let value: f64 = value.trim().parse().map_err(|_| {
                Error::Config(format!("--weights: `{}` is not a number", value.trim()))
            })?;
            self.english.set(name.trim(), value)?;
            self.chinese.set(name.trim(), value)?;
        }
        Ok(())
    }
}

impl Default for SummaryConfig {
    fn default() -> Self {
        SummaryConfig {
            sentences: 3,
            max_chars: None,
            quotes: 3,
            english: Scoring::english(),
            chinese: Scoring::chinese(),
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
        self.summarize_with(doc, analysis, &quotes::extract(doc, analysis))
    }

    /// [`Summarizer::summarize`] with the document's quotations already found
    /// ([`quotes::extract`]), for a caller that shows them too.
    pub fn summarize_with(&self, doc: &Document, analysis: &Analysis, quotes: &[Quote]) -> Summary {
        Summary {
            sentences: self.select(doc, analysis, quotes),
            quotes: key_quotes(doc, analysis, quotes, self.config.quotes),
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
        let scoring = self.config.scoring(doc.lang);
        // A Traditional article is scored in its Simplified form (stopwords, credits and the
        // IDF table are Simplified); folding keeps every span.
        let traditional = doc.script == Script::Hant;
        let fold = |s| match traditional {
            true => crate::script::fold(s),
            false => std::borrow::Cow::Borrowed(s),
        };
        let text = doc.view();
        let clean = scoring.lead.clean.max(scoring.cover.clean) > 0.0;
        let title_bigrams = content_bigrams(&fold(doc.title()));
        // Sentences long enough to stand alone, with their lengths; without what a summary
        // never shows.
        let (candidates, units): (Vec<Span>, Vec<usize>) = a
            .sentences
            .iter()
            .map(|s| s.span)
            .filter(|s| !is_caption(s.slice(text)))
            .filter(|s| !clean || !clean::is_boilerplate(s.slice(text)))
            .map(|s| match clean {
                true => Span::new(s.start + clean::lead_in(s.slice(text)), s.end),
                false => s,
            })
            .filter(|s| !clean || !restates(&title_bigrams, s.slice(text)))
            .map(|s| (s, content_units(s.slice(text))))
            .filter(|&(_, units)| units >= 4)
            .unzip();
        if candidates.is_empty() {
            return Vec::new();
        }
        let n = candidates.len();
        let w = &scoring.weights(self.budget(text, &candidates), n, units.iter().sum());
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
        let folded_title = doc.meta.title.as_deref().map(&fold);
        let title_vec = folded_title.as_deref().map(|t| {
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
                .map(|k| (crate::analyze::segment::lowercase(&fold(&k.term)), k.weight))
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

    /// The summary's length in sentences: the sentence budget, or as many average sentences
    /// of `candidates` as fit in the character budget.
    fn budget(&self, text: &str, candidates: &[Span]) -> f64 {
        let sentences = self.config.sentences.min(candidates.len()) as f64;
        match self.config.max_chars {
            Some(max) => {
                let chars: usize = candidates
                    .iter()
                    .map(|s| s.slice(text).chars().count())
                    .sum();
                let mean = chars as f64 / candidates.len().max(1) as f64;
                sentences.min(max as f64 / mean.max(1.0))
            }
            None => sentences,
        }
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
    // How often each speaker is named (up to 4, as `str::matches` counts: occurrences that do
    // not overlap an earlier one), all speakers in one pass over the text.
    let mut speakers: Vec<&str> = quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Direct && !q.speaker.is_empty())
        .map(|q| q.speaker.as_str())
        .collect();
    speakers.sort_unstable();
    speakers.dedup();
    let mut counts = vec![(0usize, 0usize); speakers.len()];
    for m in crate::analyze::literals::Literals::new(&speakers).overlapping(text) {
        let (count, free) = &mut counts[m.pattern];
        if m.start >= *free && *count < 4 {
            (*count, *free) = (*count + 1, m.end);
        }
    }
    let mention_count =
        |name: &str| -> usize { speakers.binary_search(&name).map_or(0, |k| counts[k].0) };
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

/// Whether `sentence` only restates `title` (the reader has the title): most of its
/// character bigrams are the title's, and it is not much longer.
fn restates(title: &[(char, char)], sentence: &str) -> bool {
    let s = content_bigrams(sentence);
    if title.len() < 4 || s.is_empty() || s.len() > title.len() * 3 / 2 {
        return false;
    }
    let shared = s.iter().filter(|g| title.binary_search(g).is_ok()).count();
    shared * 5 >= s.len() * 4
}

/// The distinct bigrams of `s`'s content characters, lowercased, sorted.
fn content_bigrams(s: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = s
        .chars()
        .filter(|&c| is_content_char(c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut g: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    g.sort_unstable();
    g.dedup();
    g
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
        let mut w = Weights::english_lead();
        w.set("position", 2.0).unwrap();
        assert_eq!(w.position, 2.0);
        assert!(w.set("positon", 1.0).is_err());
        assert!(w.set("decay", f64::NAN).is_err());
        for name in Weights::NAMES {
            w.set(name, 0.5).unwrap();
        }
        // One weight set, both, or the shares; per language through the config.
        let mut config = SummaryConfig::default();
        config
            .set_weights("lead.position=3,cover.title=0.7,redundancy=0.9,share_lead=0.2")
            .unwrap();
        for scoring in [&config.english, &config.chinese] {
            assert_eq!(scoring.lead.position, 3.0);
            assert_eq!(scoring.cover.title, 0.7);
            assert_eq!(
                (scoring.lead.redundancy, scoring.cover.redundancy),
                (0.9, 0.9)
            );
            assert_eq!(scoring.share_lead, 0.2);
        }
        for bad in [
            "side.position=1",
            "position",
            "position=x",
            "share_lead=inf",
        ] {
            assert!(config.set_weights(bad).is_err(), "{bad}");
        }
        config.set_weights("lead").unwrap();
        assert_eq!(config.english, Scoring::lead_k());
    }

    /// (budget, sentences, units) → how far the weights are from the lead set to the cover set.
    #[test]
    fn the_share_of_the_article_blends_lead_and_cover_weights() {
        let scoring = Scoring {
            lead: Weights {
                position: 1.0,
                ..Weights::ZERO
            },
            cover: Weights {
                position: 0.0,
                centrality: 1.0,
                ..Weights::ZERO
            },
            share_lead: 0.1,
            share_cover: 0.3,
            short: 100.0,
        };
        for (budget, sentences, units, cover) in [
            (3.0, 30, 600, 0.0),  // 10%: the story's lead
            (3.0, 60, 1200, 0.0), // 5%
            (4.0, 20, 600, 0.5),  // 20%: half way
            (5.0, 14, 400, 1.0),  // 36%: the whole story condensed
            (3.0, 30, 90, 1.0),   // a short text is its own lead
            (3.0, 0, 0, 1.0),     // nothing to choose from
        ] {
            let w = scoring.weights(budget, sentences, units);
            assert!(
                (w.centrality - cover).abs() < 1e-9,
                "{budget}/{sentences}: {w:?}"
            );
            assert!((w.position - (1.0 - cover)).abs() < 1e-9);
        }
    }

    /// Datelines and credits are not shown, boilerplate and a restated title never chosen;
    /// the Lead-k baseline keeps them.
    #[test]
    fn summaries_leave_out_datelines_credits_and_boilerplate() {
        let text = "星河公司发布新芯片\n\n\
            中新网北京3月30日电（记者 张三）星河公司30日发布新一代推理芯片，单卡算力提升两倍。\n\n\
            题：星河公司发布新芯片\n\n\
            该芯片采用全新架构，能耗比上一代降低四成，将于二季度量产。\n\n\
            多家云厂商表示将在下半年采购这款芯片，用于大模型推理服务。\n\n\
            分析人士认为，新芯片将加剧推理算力市场的竞争。\n\n\
            (完)\n\n【编辑:李四】\n";
        let summary = summarize(
            text,
            SummaryConfig {
                sentences: 10,
                ..SummaryConfig::default()
            },
        );
        assert_eq!(
            summary[0], "星河公司30日发布新一代推理芯片，单卡算力提升两倍。",
            "{summary:?}"
        );
        assert!(
            summary
                .iter()
                .all(|s| !s.contains("编辑") && !s.contains("完") && !s.starts_with("题")),
            "{summary:?}"
        );
        let mut lead = SummaryConfig {
            sentences: 1,
            ..SummaryConfig::default()
        };
        lead.set_weights("lead").unwrap();
        assert!(summarize(text, lead)[0].starts_with("中新网北京3月30日电"));
    }
}

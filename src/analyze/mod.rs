//! Analyze: a [`Document`] → [`Analysis`] (sentences, tokens, entities, keywords).
//!
//! [`Analyzer`] is the only place that knows the order of the stages:
//! sentences (per paragraph block) → segmentation → entity tagging → token/entity alignment →
//! keywords. jieba's dictionary, the heavy resource, is loaded on first use, so a command that
//! only tags entities never pays for it (the IDF table is laid out at build time and compiled
//! in).

/// Word-sized byte tricks (also included by `build.rs`).
mod bytes;
pub mod entity;
pub mod keywords;
pub(crate) mod literals;

pub mod segment;
pub mod sentences;
pub mod stopwords;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::Result;
use crate::model::{
    Analysis, BlockKind, Document, Entity, EntityKind, Keyword, Lang, Sentence, Span, Token,
};
use entity::{Dictionary, Tagger};
use keywords::{KeywordConfig, KeywordExtractor};
use segment::Segmenter;
use stopwords::Stopwords;

/// Analyzer settings.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnalyzerConfig {
    /// Keyword method and count.
    pub keywords: KeywordConfig,
}

/// Which of the lazily loaded tables [`Analyzer::loaded`] loads up front.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Load {
    /// jieba's dictionary with the entity aliases, loading in the background from the start
    /// (needed for the tokens of Chinese text; without it, the first Chinese text loads it).
    pub segmenter: bool,
}

/// Starts building `segmenter`'s Chinese side on a thread of its own, unless it is built or
/// `preloading` says a thread is on it already. Whoever comes first builds it; the other waits
/// for it (`OnceLock`). Should the thread not start, the first Chinese text builds it instead.
fn preload(segmenter: &Arc<Segmenter>, preloading: &AtomicBool) {
    if segmenter.chinese_ready() || preloading.swap(true, Ordering::Relaxed) {
        return;
    }
    let background = Arc::clone(segmenter);
    let _ = std::thread::Builder::new()
        .name("newslens-jieba".into())
        .spawn(move || background.load_chinese());
}

/// The segmenter over jieba's dictionary plus every alias of `dictionary` and the built-in
/// lexicon, so that names are kept whole (the dictionary loads on first use of the Chinese
/// side, or by [`preload`]).
fn segmenter_for(dictionary: &Dictionary) -> Segmenter {
    let mut words: Vec<&str> = dictionary.alias_names().collect();
    for w in segment::builtin_lexicon() {
        words.push(w);
    }
    Segmenter::new(words)
}

/// Runs the analysis stages; build once, use for many documents (it is `Sync`).
pub struct Analyzer {
    config: AnalyzerConfig,
    dictionary: Dictionary,
    tagger: Tagger,
    stopwords: Stopwords,
    /// Shared with the thread that loads its Chinese side in the background
    /// ([`Analyzer::loaded`]).
    segmenter: Arc<Segmenter>,
    /// Set once the background load has started ([`preload`]).
    preloading: AtomicBool,
    keywords: KeywordExtractor,
}

impl Analyzer {
    /// An analyzer over `dictionary` with the built-in stopwords.
    /// jieba's dictionary loads on first use (the IDF table is compiled in, nothing to load).
    pub fn new(dictionary: Dictionary, config: AnalyzerConfig) -> Result<Analyzer> {
        Analyzer::loaded(dictionary, config, Load::default())
    }

    /// [`Analyzer::new`] with the tables `load` asks for loading at once: jieba's dictionary
    /// (about 0.14 s) loads on a thread of its own, in the background, while the entity
    /// automaton builds on this one and the caller goes on (reading its input, tagging
    /// entities); the first Chinese text to segment waits for it if it is not ready yet, while
    /// other text never does.
    pub fn loaded(dictionary: Dictionary, config: AnalyzerConfig, load: Load) -> Result<Analyzer> {
        let segmenter = Arc::new(segmenter_for(&dictionary));
        let preloading = AtomicBool::new(false);
        if load.segmenter {
            preload(&segmenter, &preloading);
        }
        let stopwords = Stopwords::builtin();
        let tagger = Tagger::new(&dictionary)?;
        let keywords = KeywordExtractor::new(stopwords.clone());
        Ok(Analyzer {
            config,
            tagger,
            dictionary,
            stopwords,
            segmenter,
            preloading,
            keywords,
        })
    }

    /// An analyzer with the built-in dictionary and default settings.
    pub fn with_defaults() -> Result<Analyzer> {
        Analyzer::new(Dictionary::builtin()?, AnalyzerConfig::default())
    }

    /// The entity dictionary in use.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The stopword lists.
    pub fn stopwords(&self) -> &Stopwords {
        &self.stopwords
    }

    /// The entity tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// Starts loading jieba's dictionary in the background unless it is loaded or loading
    /// already: for a caller that sees Chinese text coming, so that the first article to need
    /// the dictionary finds it ready or nearly so.
    pub fn preload_chinese(&self) {
        preload(&self.segmenter, &self.preloading);
    }

    /// [`Analyzer::preload_chinese`] when `doc` is Chinese (its analysis will need jieba's
    /// dictionary): what a reading thread calls on each article it hands on.
    pub fn preload_for(&self, doc: &Document) {
        if doc.lang == Lang::Zh {
            self.preload_chinese();
        }
    }

    /// True once jieba's dictionary is loaded or loading.
    pub fn segmenter_requested(&self) -> bool {
        self.preloading.load(Ordering::Relaxed) || self.segmenter.chinese_ready()
    }

    /// True once jieba's dictionary is loaded (so segmenting Chinese does not wait).
    pub fn segmenter_ready(&self) -> bool {
        self.segmenter.chinese_ready()
    }

    /// The segmenter (its Chinese side loads jieba's dictionary on first use).
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Sentences of the paragraph blocks (bylines, titles and headings are not sentences).
    pub fn sentences(&self, doc: &Document) -> Vec<Sentence> {
        doc.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .flat_map(|b| sentences::split_paragraph(&doc.text, b.span))
            .collect()
    }

    /// Entity mentions in the whole text, in order: found in [`Document::view`] (a Traditional
    /// text in Simplified form), their `text` as the article writes it.
    pub fn entities(&self, doc: &Document) -> Vec<Entity> {
        let mut entities = self.entities_of(doc.view());
        if doc.folded.is_some() {
            // (Canonical names stay in the folded, Simplified form: one name across scripts,
            // as the index and queries fold them.)
            for e in &mut entities {
                e.text = e.span.slice(&doc.text).to_string();
            }
        }
        entities
    }

    /// Entity mentions of any text: the dictionary's ([`Tagger::tag`]) and the names recognised
    /// by their form ([`entity::recognise`]).
    pub fn entities_of(&self, text: &str) -> Vec<Entity> {
        // Hard-wrapped English copy breaks names over lines (`Cable\nand Wireless`): names are
        // matched on the text with those line breaks read as spaces (same offsets), and each
        // mention keeps the text as written.
        let unwrapped = unwrap_lines(text);
        let mut entities = self.tagger.tag(&unwrapped);
        entity::recognise(&unwrapped, &mut entities);
        if let std::borrow::Cow::Owned(_) = unwrapped {
            for e in &mut entities {
                e.text = e.span.slice(text).to_string();
            }
        }
        entities
    }

    /// Tokens of the whole text with every single-word entity mention as exactly one token.
    pub fn tokens(&self, doc: &Document, entities: &[Entity]) -> Vec<Token> {
        self.tokens_of(doc.view(), entities)
    }

    /// [`Analyzer::tokens`] of any text, given its entity mentions.
    pub fn tokens_of(&self, text: &str, entities: &[Entity]) -> Vec<Token> {
        align(text, self.segmenter().segment(text), entities)
    }

    /// Keywords from already computed tokens and entities (terms as the article writes them).
    pub fn keywords(&self, doc: &Document, tokens: &[Token], entities: &[Entity]) -> Vec<Keyword> {
        // Credit lines (`作者 | 齐健`, `文／張書豪`, `By Jane Doe`) name who wrote the article,
        // not what it is about.
        let bylines: Vec<Span> = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Byline)
            .map(|b| b.span)
            .collect();
        // (Blocks come in text order and do not overlap.)
        let mut keywords = self.keywords.extract_outside(
            doc.view(),
            tokens,
            entities,
            &bylines,
            self.config.keywords,
        );
        if let Some(folded) = &doc.folded {
            for k in &mut keywords {
                // The same bytes of the original: the term's first occurrence.
                if let Some(at) = folded.find(k.term.as_str()) {
                    k.term = doc.text[at..at + k.term.len()].to_string();
                }
            }
        }
        keywords
    }

    /// Tokens and keywords of many documents given their entities, one stage at a time over
    /// all of them: each stage's tables (jieba's dictionary, the IDF table) then stay in the
    /// cache instead of evicting one another document by document (measured 10% faster).
    pub fn tokens_and_keywords(
        &self,
        docs: &[Document],
        entities: &[Vec<Entity>],
    ) -> (Vec<Vec<Token>>, Vec<Vec<Keyword>>) {
        let tokens: Vec<Vec<Token>> = docs
            .iter()
            .zip(entities)
            .map(|(d, e)| self.tokens(d, e))
            .collect();
        let keywords = docs
            .iter()
            .zip(tokens.iter().zip(entities))
            .map(|(d, (t, e))| self.keywords(d, t, e))
            .collect();
        (tokens, keywords)
    }

    /// Sentences, tokens, entities and people, without keywords (what quotation extraction
    /// needs).
    pub fn analyze_without_keywords(&self, doc: &Document) -> Analysis {
        let sentences = self.sentences(doc);
        let entities = self.entities(doc);
        let tokens = self.tokens(doc, &entities);
        Analysis {
            lang: doc.lang,
            sentences,
            tokens,
            entities,
            keywords: Vec::new(),
            people: self.people(doc),
        }
    }

    /// Person names of a Chinese document (see [`Analysis::people`]); none for English.
    pub fn people(&self, doc: &Document) -> Vec<Span> {
        match doc.lang {
            Lang::Zh => self.segmenter().person_names(doc.view()),
            Lang::En => Vec::new(),
        }
    }

    /// Every stage.
    pub fn analyze(&self, doc: &Document) -> Analysis {
        let mut a = self.analyze_without_keywords(doc);
        a.keywords = self.keywords(doc, &a.tokens, &a.entities);
        a
    }
}

/// The largest char boundary of `text` at or below `at` (`text.len()` past its end): where a
/// byte budget cut into a text ends without splitting a character.
pub(crate) fn floor_char(text: &str, at: usize) -> usize {
    let mut i = at.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// `text` cut into windows of about `size` bytes at paragraph breaks (a blank line), else at a
/// line break, else at a sentence end (`。`, `. `): the units a very long text is analysed in,
/// one at a time and on several threads, so that memory stays bounded. The windows cover the
/// text, in order.
pub fn windows(text: &str, size: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        let mut limit = start + size;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let piece = &text[start..limit];
        let cut = piece
            .rfind("\n\n")
            .map(|i| i + 2)
            .or_else(|| piece.rfind('\n').map(|i| i + 1))
            .or_else(|| piece.rfind('。').map(|i| i + '。'.len_utf8()))
            .or_else(|| piece.rfind(". ").map(|i| i + 2))
            .filter(|&i| i > 0)
            .unwrap_or(piece.len());
        out.push(Span::new(start, start + cut));
        start += cut;
    }
    if start < text.len() || out.is_empty() {
        out.push(Span::new(start, text.len()));
    }
    out
}

/// The entities mentioned, by canonical name, most mentioned first (ties by name), and their
/// kinds, each once, in kind order: what the index stores and the export carries.
pub fn entity_ranking(entities: &[Entity]) -> (Vec<&str>, Vec<EntityKind>) {
    let mut counts: std::collections::BTreeMap<&str, (usize, EntityKind)> =
        std::collections::BTreeMap::new();
    for e in entities {
        counts.entry(&e.canonical).or_insert((0, e.kind)).0 += 1;
    }
    let mut ranked: Vec<(&str, usize, EntityKind)> =
        counts.into_iter().map(|(c, (n, k))| (c, n, k)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut kinds: Vec<EntityKind> = ranked.iter().map(|e| e.2).collect();
    kinds.sort();
    kinds.dedup();
    (ranked.into_iter().map(|e| e.0).collect(), kinds)
}

/// `text` with each line break that wraps a line of Latin text (`Cable\nand Wireless`: an
/// ASCII character before it, a letter, digit, `<` or `(` right after it) read as a space; the
/// same length, so every offset holds. Borrowed when there is none.
pub fn unwrap_lines(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let wraps = |i: usize| {
        bytes[i] == b'\n'
            && i > 0
            && bytes[i - 1].is_ascii_graphic()
            && bytes
                .get(i + 1)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'<' || b == b'(')
    };
    // (Only line breaks are looked at, found with memchr: most of a long text is passed over.)
    let mut breaks = memchr::memchr_iter(b'\n', bytes)
        .filter(|&i| wraps(i))
        .peekable();
    if breaks.peek().is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    // Only ASCII newlines become ASCII spaces: the text stays UTF-8.
    let spaces: Vec<usize> = breaks.collect();
    for i in spaces {
        out.replace_range(i..i + 1, " ");
    }
    std::borrow::Cow::Owned(out)
}

/// Makes entity mentions single tokens: tokens inside a mention are merged, tokens straddling
/// its edge are cut at the edge. Mentions with inner whitespace (`Alibaba Cloud`) stay several
/// tokens, and so do mentions whose edge falls inside a Latin compound (`Qwen` in `Qwen1.5`,
/// `Llama-3` in `Llama-3.1-8B`): compounds are never cut.
///
/// The result is ordered, non-overlapping and covers the same characters as `tokens`.
pub fn align(text: &str, tokens: Vec<Token>, entities: &[Entity]) -> Vec<Token> {
    let bytes = text.as_bytes();
    let compound = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_');
    let inside_compound =
        |at: usize| at > 0 && at < bytes.len() && compound(bytes[at - 1]) && compound(bytes[at]);
    let forced: Vec<Span> = entities
        .iter()
        .filter(|e| !e.text.chars().any(char::is_whitespace))
        .filter(|e| !inside_compound(e.span.start) && !inside_compound(e.span.end))
        .map(|e| e.span)
        .collect();
    if forced.is_empty() {
        return tokens;
    }
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut m = 0;
    let mut last_forced: Option<Span> = None;
    for t in tokens {
        while m < forced.len() && forced[m].end <= t.span.start {
            m += 1;
        }
        if m == forced.len() || forced[m].start >= t.span.end {
            out.push(t); // untouched by any mention
            continue;
        }
        let mut start = t.span.start;
        let mut k = m;
        while start < t.span.end {
            while k < forced.len() && forced[k].end <= start {
                k += 1;
            }
            match forced.get(k) {
                Some(f) if f.start <= start => {
                    if last_forced != Some(*f) {
                        out.push(Token {
                            kind: crate::model::TokenKind::Word,
                            span: *f,
                        });
                        last_forced = Some(*f);
                    }
                    start = f.end.min(t.span.end);
                }
                next => {
                    let end = next.map_or(t.span.end, |f| f.start.min(t.span.end));
                    push_piece(text, Span::new(start, end), &mut out);
                    start = end;
                }
            }
        }
    }
    out
}

fn push_piece(text: &str, span: Span, out: &mut Vec<Token>) {
    let span = span.trimmed(text);
    if !span.is_empty() {
        out.push(Token {
            kind: segment::classify(span.slice(text)),
            span,
        });
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn wrapped_lines_are_read_as_spaces_for_names() {
        for (text, want) in [
            ("Cable\nand Wireless", "Cable and Wireless"),
            (
                "merge <Cable\nand Wireless (Hong\nKong) Ltd>",
                "merge <Cable and Wireless (Hong Kong) Ltd>",
            ),
            // A paragraph break (indented or blank line) and Chinese line ends stay.
            (
                "said it.\n    Under the merger",
                "said it.\n    Under the merger",
            ),
            ("first.\n\nSecond", "first.\n\nSecond"),
            ("阿里云\n英伟达", "阿里云\n英伟达"),
            ("no break", "no break"),
        ] {
            let out = unwrap_lines(text);
            assert_eq!(out, want, "{text:?}");
            assert_eq!(out.len(), text.len());
        }
        // Names wrapped over lines are found, and keep the text as written.
        let analyzer = Analyzer::with_defaults().unwrap();
        let text = "The deal was approved by the International\nMonetary Fund and the World\nBank.";
        let found: Vec<(String, String)> = analyzer
            .entities_of(text)
            .into_iter()
            .map(|e| (e.canonical, e.text))
            .collect();
        assert!(
            found.contains(&("World Bank".to_string(), "World\nBank".to_string()))
                && found.contains(&(
                    "IMF".to_string(),
                    "International\nMonetary Fund".to_string()
                )),
            "{found:?}"
        );
    }

    #[test]
    fn windows_cover_the_text_at_paragraph_breaks() {
        let text = "第一段。\n\n第二段很长。".repeat(50) + "no break at all here";
        let w = windows(&text, 100);
        assert!(w.len() > 5);
        assert_eq!(w[0].start, 0);
        assert_eq!(w.last().unwrap().end, text.len());
        assert!(w.windows(2).all(|p| p[0].end == p[1].start));
        assert!(
            w[..w.len() - 1]
                .iter()
                .all(|s| s.slice(&text).ends_with("\n\n"))
        );
        // No break at all: cut at a character boundary.
        let flat = "字".repeat(100);
        let w = windows(&flat, 31);
        assert!(w.iter().all(|s| s.len() <= 31 && !s.is_empty()));
        assert_eq!(w.last().unwrap().end, flat.len());
        assert_eq!(windows("", 10), [Span::new(0, 0)]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, TokenKind};

    fn tok(s: usize, e: usize) -> Token {
        Token {
            kind: TokenKind::Word,
            span: Span::new(s, e),
        }
    }

    fn ent(text: &str, s: usize, e: usize) -> Entity {
        Entity {
            text: text[s..e].to_string(),
            canonical: "X".into(),
            kind: EntityKind::Vendor,
            span: Span::new(s, e),
        }
    }

    #[test]
    fn align_merges_and_cuts() {
        // 的阿里云计: tokens 的阿 | 里云 | 计 ; mention 阿里云
        let text = "的阿里云计";
        let toks = vec![tok(0, 6), tok(6, 12), tok(12, 15)];
        let m = vec![ent(text, 3, 12)];
        let got: Vec<&str> = align(text, toks, &m)
            .iter()
            .map(|t| t.span.slice(text))
            .collect();
        assert_eq!(got, vec!["的", "阿里云", "计"]);
    }

    #[test]
    fn align_never_overlaps() {
        // jieba cannot keep 书生·浦语 whole and returns 语萨 across two adjacent names.
        let text = "书生·浦语萨提亚·纳德拉";
        let b = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
        let toks = vec![
            tok(b(0), b(2)),
            tok(b(2), b(3)),
            tok(b(3), b(4)),
            tok(b(4), b(6)),
            tok(b(6), b(8)),
            tok(b(8), b(12)),
        ];
        let m = vec![ent(text, b(0), b(5)), ent(text, b(5), b(12))];
        let got: Vec<&str> = align(text, toks, &m)
            .iter()
            .map(|t| t.span.slice(text))
            .collect();
        assert_eq!(got, vec!["书生·浦语", "萨提亚·纳德拉"]);
    }

    #[test]
    fn align_does_not_cut_latin_compounds() {
        let text = "Qwen1.5 is out";
        let toks = vec![tok(0, 7), tok(8, 10), tok(11, 14)];
        let m = vec![ent(text, 0, 4)];
        assert_eq!(align(text, toks.clone(), &m), toks);
    }

    #[test]
    fn align_keeps_multiword_mentions_split() {
        let text = "Alibaba Cloud said";
        let toks = vec![tok(0, 7), tok(8, 13), tok(14, 18)];
        let m = vec![ent(text, 0, 13)];
        assert_eq!(align(text, toks.clone(), &m), toks);
    }
}

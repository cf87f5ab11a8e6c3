//! The index's tokenizer: the newslens segmenter's words as tantivy terms (sub-words of long
//! Chinese words at their word's position), and the cache that hands prepared terms over.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

use rustc_hash::FxBuildHasher;
use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

use crate::analyze::Analyzer;
use crate::model::TokenKind;

/// tantivy tokenizer over the newslens segmenter.
#[derive(Clone)]
pub struct NewsTokenizer {
    analyzer: Arc<Analyzer>,
    /// Terms computed ahead by [`prepare`], taken instead of segmenting the text again.
    cache: Option<Arc<TermCache>>,
}

impl NewsTokenizer {
    /// The indexing tokenizer (with the words inside long Chinese words).
    pub fn new(analyzer: Arc<Analyzer>) -> Self {
        NewsTokenizer {
            analyzer,
            cache: None,
        }
    }

    /// The indexing tokenizer that takes the terms [`TermCache::put`] keeps under a key.
    pub(super) fn with_cache(analyzer: Arc<Analyzer>, cache: Arc<TermCache>) -> Self {
        NewsTokenizer {
            analyzer,
            cache: Some(cache),
        }
    }

    /// The index terms of `text` (or, for a [`TermCache`] key, the terms waiting under it).
    fn terms(&self, text: &str) -> Terms {
        if let Some(cache) = &self.cache
            && let Some(seq) = cache.seq_of(text)
        {
            // Every key is tokenized exactly once, before the commit that clears the cache.
            return cache.take(seq).unwrap_or_default();
        }
        text_terms(&self.analyzer, text, Some(&mut Subwords::default()))
    }
}

/// The index terms of a text not analysed yet: tagged, segmented, then as [`index_terms`].
/// Traditional text (a title, a query) is folded to Simplified first, as articles are: `阿里雲`
/// finds `阿里云`.
fn text_terms(analyzer: &Analyzer, text: &str, subwords: Option<&mut Subwords>) -> Terms {
    let text = crate::script::fold_if_traditional(text);
    let tokens = analyzer.tokens_of(&text, &analyzer.entities_of(&text));
    index_terms(analyzer, &text, &tokens, subwords)
}

/// The search terms of a query text, as the index looks them up: segmented like an article,
/// lowercased, no sub-words (what `newslens search` matches a word or phrase with).
pub fn query_terms(analyzer: &Analyzer, text: &str) -> Vec<String> {
    text_terms(analyzer, text, None)
        .iter()
        .map(|(_, _, _, t)| t.to_string())
        .collect()
}

/// A text as the index sees it, for engines that only split on spaces (see [`crate::export`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmented {
    /// The words and numbers the index indexes, as written, joined by single spaces.
    pub words: String,
    /// The dictionary words inside long Chinese words (`计算` in `云计算`), which the index
    /// also finds them by, joined by single spaces.
    pub subwords: String,
}

/// [`Segmented`] form of `text` given its `tokens`.
pub fn segmented(analyzer: &Analyzer, text: &str, tokens: &[crate::model::Token]) -> Segmented {
    let terms = SUBWORDS.with_borrow_mut(|s| index_terms(analyzer, text, tokens, Some(s)));
    let mut out = Segmented::default();
    let mut last = None;
    for (from, to, position, _) in terms.iter() {
        // A sub-word shares its long word's position, and comes right after it.
        let into = if last == Some(position) {
            &mut out.subwords
        } else {
            &mut out.words
        };
        if !into.is_empty() {
            into.push(' ');
        }
        into.push_str(&text[from..to]);
        last = Some(position);
    }
    out
}

/// One index term: byte offsets in the text, position, and where its (lowercased) text lies in
/// [`Terms::buf`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TermAt {
    from: usize,
    to: usize,
    position: usize,
    /// End of the term's text in the buffer (it starts where the previous term's ends).
    end: usize,
}

/// The index terms of one text, compactly: their texts in one buffer, so a text's terms cost
/// two allocations instead of one per term (in a profile of indexing Reuters, malloc/free were
/// ~16% of the CPU, per-term strings allocated on the analysis threads and freed on tantivy's
/// the largest part).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    buf: String,
    terms: Vec<TermAt>,
}

impl Terms {
    fn with_capacity(terms: usize, bytes: usize) -> Terms {
        Terms {
            buf: String::with_capacity(bytes),
            terms: Vec::with_capacity(terms),
        }
    }

    /// Appends a term whose text was just pushed onto [`Terms::buf`].
    fn push(&mut self, from: usize, to: usize, position: usize) {
        self.terms.push(TermAt {
            from,
            to,
            position,
            end: self.buf.len(),
        });
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when there is no term.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The terms in order: (byte offset from, byte offset to, position, lowercased text).
    pub fn iter(&self) -> impl Iterator<Item = (usize, usize, usize, &str)> {
        let mut start = 0;
        self.terms.iter().map(move |t| {
            let text = &self.buf[start..t.end];
            start = t.end;
            (t.from, t.to, t.position, text)
        })
    }
}

/// The dictionary words inside each long Chinese word seen so far (byte ranges in the word):
/// long words repeat within and across articles, and the dictionary lookups were two thirds of
/// the cost of the index terms. Kept per thread across chunks, up to [`SUBWORDS_KEPT`] words
/// (then started afresh), so memory stays bounded; a pure function of the word, so what is
/// cached never changes a result.
#[derive(Default)]
pub(super) struct Subwords(HashMap<Box<str>, Ranges, FxBuildHasher>);

/// Byte ranges inside a word.
type Ranges = Box<[(u32, u32)]>;

/// Long words a thread's [`Subwords`] holds at most (a few MB).
const SUBWORDS_KEPT: usize = 1 << 15;

impl Subwords {
    /// The dictionary words inside `word` (byte ranges).
    fn of(&mut self, analyzer: &Analyzer, word: &str) -> &[(u32, u32)] {
        if !self.0.contains_key(word) {
            if self.0.len() >= SUBWORDS_KEPT {
                self.0.clear();
            }
            let inside = analyzer.segmenter().chinese().subwords(word);
            // (A word is one token of an article: its offsets fit in 32 bits.)
            let inside = inside
                .into_iter()
                .map(|(s, e)| (s as u32, e as u32))
                .collect();
            self.0.insert(word.into(), inside);
        }
        self.0.get(word).map_or(&[], |v| v)
    }
}

thread_local! {
    /// This thread's [`Subwords`], for [`prepare`].
    pub(super) static SUBWORDS: std::cell::RefCell<Subwords> = std::cell::RefCell::default();
}

/// The index terms of segmented `text`: words and numbers, lowercased, one position each, plus
/// (with `subwords`) the dictionary words inside long Chinese words at the same position.
pub(super) fn index_terms(
    analyzer: &Analyzer,
    text: &str,
    tokens: &[crate::model::Token],
    mut subwords: Option<&mut Subwords>,
) -> Terms {
    let mut out = Terms::with_capacity(tokens.len() + tokens.len() / 4, text.len());
    let mut position = 0;
    for t in tokens.iter().copied() {
        if !matches!(t.kind, TokenKind::Word | TokenKind::Number) {
            continue;
        }
        let word = t.span.slice(text);
        crate::analyze::segment::push_lowercase(&mut out.buf, word);
        out.push(t.span.start, t.span.end, position);
        if let Some(known) = subwords.as_deref_mut()
            && word.chars().nth(2).is_some() // three characters or more
            && crate::analyze::segment::has_han(word)
        {
            for &(s, e) in known.of(analyzer, word) {
                let (s, e) = (s as usize, e as usize);
                crate::analyze::segment::push_lowercase(&mut out.buf, &word[s..e]);
                out.push(t.span.start + s, t.span.start + e, position);
            }
        }
        position += 1;
    }
    out
}

/// Body terms computed by [`prepare`] (on the analysis threads, from the analysis's own tokens)
/// and waiting for tantivy's indexing thread to ask the tokenizer for them: each article is
/// segmented once, not twice. The (indexed, not stored) body field is given a short key
/// instead of the text; the tokenizer hands back the terms put under it. Keys carry a random
/// per-index nonce, so no article text can pose as one.
pub(super) struct TermCache {
    /// `"\u{1}newslens-terms:{nonce:016x}:"`; a key is this and a sequence number.
    prefix: String,
    next: std::sync::atomic::AtomicU64,
    entries: Mutex<HashMap<u64, Terms, FxBuildHasher>>,
}

impl Default for TermCache {
    fn default() -> Self {
        let nonce = std::collections::hash_map::RandomState::new().hash_one(0x6e6c_u64);
        TermCache {
            prefix: format!("\u{1}newslens-terms:{nonce:016x}:"),
            next: std::sync::atomic::AtomicU64::new(0),
            entries: Mutex::new(HashMap::default()),
        }
    }
}

impl TermCache {
    /// Keeps `terms` and returns the key to index in their place.
    pub(super) fn put(&self, terms: Terms) -> String {
        let seq = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Ok(mut entries) = self.entries.lock() {
            entries.insert(seq, terms);
        }
        format!("{}{seq}", self.prefix)
    }

    /// The sequence number of a key made by [`TermCache::put`]; `None` for any other text.
    fn seq_of(&self, text: &str) -> Option<u64> {
        text.strip_prefix(self.prefix.as_str())?.parse().ok()
    }

    /// The terms put under `seq`, once.
    fn take(&self, seq: u64) -> Option<Terms> {
        self.entries.lock().ok()?.remove(&seq)
    }

    pub(super) fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// The precomputed tokens of one text, handed out through one reused token (no allocation
/// per term).
pub struct NewsTokenStream {
    terms: Terms,
    /// Index of the next term, and where its text starts in the buffer.
    next: usize,
    start: usize,
    token: TantivyToken,
}

impl TokenStream for NewsTokenStream {
    fn advance(&mut self) -> bool {
        let Some(t) = self.terms.terms.get(self.next) else {
            return false;
        };
        self.next += 1;
        self.token.offset_from = t.from;
        self.token.offset_to = t.to;
        self.token.position = t.position;
        self.token.text.clear();
        self.token.text.push_str(&self.terms.buf[self.start..t.end]);
        self.start = t.end;
        true
    }

    fn token(&self) -> &TantivyToken {
        &self.token
    }

    fn token_mut(&mut self) -> &mut TantivyToken {
        &mut self.token
    }
}

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream {
        NewsTokenStream {
            terms: self.terms(text),
            next: 0,
            start: 0,
            token: TantivyToken {
                text: String::with_capacity(32),
                ..TantivyToken::default()
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::index::prepare;

    #[test]
    fn lowercasing_matches_to_lowercase() {
        let mut words: Vec<String> = [
            "NVIDIA",
            "英伟达",
            "A800-80G",
            "Qwen-7B-Chat",
            "ＡＢＣ",
            "Ünited",
            "ΣΑΣ",
            "。",
            "ｇ",
            "云计算GPU",
            "İstanbul",
            "",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        // Every character of the Basic Multilingual Plane, alone and after a Han character.
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            words.push(c.to_string());
            words.push(format!("云{c}"));
        }
        for w in &words {
            let mut buf = String::from("x");
            crate::analyze::segment::push_lowercase(&mut buf, w);
            assert_eq!(buf[1..], w.to_lowercase(), "{w:?}");
        }
    }

    #[test]
    fn prepared_terms_are_the_tokenizers_own() {
        use crate::ingest::{IngestConfig, Ingester};
        let analyzer = crate::testing::analyzer();
        let tokenizer = NewsTokenizer::new(analyzer.clone());
        let corpus = [PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus"
        ))];
        let mut n = 0;
        for doc in Ingester::new(IngestConfig::default()).documents(&corpus) {
            let doc = doc.expect("corpus article");
            let fresh = tokenizer.terms(&doc.text);
            let p = prepare(&analyzer, vec![doc]).remove(0);
            assert_eq!(p.terms, fresh, "{}", p.doc.id);
            assert!(fresh.len() > 10, "{}", p.doc.id);
            // And the cache hands them over once, for exactly their key; the text itself, or
            // another cache's key, is segmented as text.
            let cache = Arc::new(TermCache::default());
            let key = cache.put(p.terms.clone());
            let caching = NewsTokenizer {
                cache: Some(cache.clone()),
                ..NewsTokenizer::new(analyzer.clone())
            };
            assert_eq!(caching.terms(&p.doc.text), fresh);
            let other = TermCache::default().put(p.terms.clone());
            assert_ne!(caching.terms(&other), fresh);
            let mut stream = caching.clone().token_stream(&key);
            let mut streamed = Vec::new();
            while stream.advance() {
                let t = stream.token();
                streamed.push((t.offset_from, t.offset_to, t.position, t.text.clone()));
            }
            let want: Vec<_> = fresh
                .iter()
                .map(|(a, b, c, t)| (a, b, c, t.to_string()))
                .collect();
            assert_eq!(streamed, want);
            assert!(cache.take(cache.seq_of(&key).expect("a key")).is_none());
            n += 1;
        }
        assert!(n >= 7);
    }
}

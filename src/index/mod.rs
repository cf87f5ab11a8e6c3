//! Index and search: analysed articles → a tantivy index → ranked, highlighted [`Hit`]s.
//!
//! - **Tokenizer**: the project's segmenter behind a tantivy tokenizer ([`NewsTokenizer`]),
//!   sharing the [`Analyzer`] through an `Arc`, registered whenever an index is created or
//!   opened. Words and numbers only (punctuation and whitespace dropped), Latin lowercased,
//!   entity aliases whole, positions indexed. A Chinese word of three or more characters is also
//!   indexed as the dictionary words inside it (jieba's search mode: `云计算` → `计算`) at its own
//!   position, so `计算` finds `云计算` and phrase queries still line up. Queries are not
//!   expanded, so `云计算` finds exactly `云计算`.
//! - **Schema**: id, path, url, title (boosted), body, date (text and day number for ranges),
//!   source, author, language, entity canonical names and kinds, keywords, content hash.
//! - **Updates**: an article is keyed by its id; re-indexing the same content changes nothing,
//!   changed content replaces the old version, and every batch is one commit.
//! - **Search**: [`query::parse`] → BM25 over title and body, entity aliases resolved through the
//!   dictionary, filters, date range; snippets of about 80 characters around the first match.

pub mod query;

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxBuildHasher;

use serde::Serialize;
use tantivy::collector::{Count, DocSetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value,
};
use tantivy::tokenizer::{TextAnalyzer, Token as TantivyToken, TokenStream, Tokenizer};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, Term};

use crate::analyze::Analyzer;
use crate::error::{Error, Result};
use crate::model::{Document, Entity, EntityKind, Keyword, TokenKind};
use query::{Clause, ParsedQuery};

/// The name the tokenizer is registered under.
const TOKENIZER: &str = "newslens";
/// Writer memory budget.
const WRITER_HEAP: usize = 100_000_000;
/// Characters in a snippet.
const SNIPPET_CHARS: usize = 80;

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
fn text_terms(analyzer: &Analyzer, text: &str, subwords: Option<&mut Subwords>) -> Terms {
    let tokens = analyzer.tokens_of(text, &analyzer.tagger().tag(text));
    index_terms(analyzer, text, &tokens, subwords)
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
struct Subwords(HashMap<Box<str>, Ranges, FxBuildHasher>);

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
    static SUBWORDS: std::cell::RefCell<Subwords> = std::cell::RefCell::default();
}

/// The index terms of segmented `text`: words and numbers, lowercased, one position each, plus
/// (with `subwords`) the dictionary words inside long Chinese words at the same position.
fn index_terms(
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
struct TermCache {
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
    fn put(&self, terms: Terms) -> String {
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

    fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// An article analysed and ready to be written: [`prepare`] runs on any thread, so many
/// articles can be prepared in parallel while one [`NewsWriter`] writes them in order.
pub struct Prepared {
    /// The article.
    pub doc: Document,
    /// Its entity mentions, in order.
    pub entities: Vec<Entity>,
    /// Its keywords, best first.
    pub keywords: Vec<Keyword>,
    /// The body's index terms.
    terms: Terms,
}

/// Articles analysed together by one worker, stage by stage.
const CHUNK: usize = 32;
/// Chunks being analysed or waiting to be written.
const CHUNKS_IN_FLIGHT: usize = 8;
/// Article text read and tagged ahead of the analysis workers at most (see [`tag_chunk`]):
/// enough for the reading thread to keep going while jieba's dictionary loads (about 0.14 s,
/// some 3,000–6,000 news articles), little next to the writer's heap.
const READ_AHEAD_BYTES: usize = 8 << 20;

/// Bytes of text handed from the reading thread to the workers and not yet taken: the reader
/// waits while more than [`READ_AHEAD_BYTES`] are (always letting one chunk through), and
/// stops waiting when the workers are gone.
#[derive(Default)]
struct ReadAhead {
    state: Mutex<(usize, bool)>,
    changed: std::sync::Condvar,
}

impl ReadAhead {
    /// Waits for room for `bytes`; false when the workers are gone.
    fn reserve(&self, bytes: usize) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        while state.0 > 0 && state.0 + bytes > READ_AHEAD_BYTES && !state.1 {
            state = match self.changed.wait(state) {
                Ok(s) => s,
                Err(_) => return false,
            };
        }
        state.0 += bytes;
        !state.1
    }

    /// `bytes` taken by a worker.
    fn release(&self, bytes: usize) {
        if let Ok(mut state) = self.state.lock() {
            state.0 = state.0.saturating_sub(bytes);
        }
        self.changed.notify_all();
    }

    /// The workers are gone: the reader stops.
    fn close(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.1 = true;
        }
        self.changed.notify_all();
    }
}

/// Closes a [`ReadAhead`] when dropped (however the workers' side ends).
struct CloseOnDrop<'a>(&'a ReadAhead);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

/// Text bytes of a tagged chunk.
fn slot_bytes(slots: &[Slot]) -> usize {
    slots
        .iter()
        .map(|s| match s {
            Slot::Tagged(d, _, _) | Slot::Known(d, _) => d.text.len(),
            Slot::Failed(_) => 0,
        })
        .sum()
}

/// Analyses `docs` for the index (entities, tokens, keywords; no sentence splitting, which the
/// index does not use) and computes their index terms. One stage at a time over all of them:
/// each stage's tables (jieba's dictionary, the entity automaton, the IDF table) then stay in
/// the cache instead of evicting one another article by article (measured 10% faster).
pub fn prepare(analyzer: &Analyzer, docs: Vec<Document>) -> Vec<Prepared> {
    let entities: Vec<Vec<Entity>> = docs.iter().map(|d| analyzer.entities(d)).collect();
    prepare_tagged(analyzer, docs, entities)
}

/// [`prepare`] of articles whose entities are already tagged.
fn prepare_tagged(
    analyzer: &Analyzer,
    docs: Vec<Document>,
    entities: Vec<Vec<Entity>>,
) -> Vec<Prepared> {
    let (tokens, keywords) = analyzer.tokens_and_keywords(&docs, &entities);
    let terms: Vec<Terms> = SUBWORDS.with_borrow_mut(|subwords| {
        docs.iter()
            .zip(&tokens)
            .map(|(d, t)| index_terms(analyzer, &d.text, t, Some(subwords)))
            .collect()
    });
    docs.into_iter()
        .zip(entities.into_iter().zip(terms).zip(keywords))
        .map(|(doc, ((entities, terms), keywords))| Prepared {
            doc,
            entities,
            keywords,
            terms,
        })
        .collect()
}

/// What an analysis worker hands the writer for one ingested article.
/// Both carry the article's content hash, computed once, on the reading thread.
enum Ready {
    /// Analysed, ready to write.
    Prepared(Prepared, u64),
    /// The same id and content as in the index when the writer opened: not analysed, so that
    /// re-indexing an unchanged corpus costs no analysis ([`NewsWriter::add_known`] checks
    /// again against the writer's current state).
    Known(Document, u64),
}

/// What the writer held when it opened, compactly: hash of the id → content hash, 16 bytes an
/// article (the writer's own map is checked again before anything is skipped, so a collision
/// costs an analysis, never a lost update).
type Known = HashMap<u64, u64, FxBuildHasher>;

/// A 64-bit key of an id, fixed for a given id (no per-process seed): the writer's map key
/// and the [`Fields::id_key`] stored with the article.
fn id_key(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

/// What the writer knows of the stored articles: id → (content hash, source path), the path
/// shared by consecutive articles of one file (a JSONL file's records all have the same).
/// About 100 bytes an article, so a million-article index costs ~100 MB while indexing.
#[derive(Default)]
struct Hashes {
    map: HashMap<String, (u64, Arc<str>)>,
    last: Option<Arc<str>>,
}

impl Hashes {
    fn with_capacity(n: usize) -> Hashes {
        Hashes {
            map: HashMap::with_capacity(n),
            last: None,
        }
    }

    /// `path`, shared with the previous article's when it is the same.
    fn path(&mut self, path: &str) -> Arc<str> {
        match &self.last {
            Some(last) if last.as_ref() == path => last.clone(),
            _ => {
                let p: Arc<str> = Arc::from(path);
                self.last = Some(p.clone());
                p
            }
        }
    }
}

/// One chunk as the reading thread hands it on: each article failed, known (unchanged, not to
/// be analysed) or ingested and tagged, with its content hash.
enum Slot {
    Failed(Error),
    Known(Box<Document>, u64),
    Tagged(Box<Document>, Vec<Entity>, u64),
}

/// The first stage of indexing a chunk, on the reading thread: content hashes, the check
/// against `known`, and entity tagging, which needs only the automaton. It runs ahead of the
/// analysis workers, and meanwhile jieba's dictionary loads on the other core: start-up is no
/// longer time when one core waits. The dictionary starts loading (if it has not yet) at the
/// first Chinese article to analyse, so that an English corpus never loads it.
fn tag_chunk(analyzer: &Analyzer, known: &Known, chunk: Vec<Result<Document>>) -> Vec<Slot> {
    chunk
        .into_iter()
        .map(|d| match d {
            Err(e) => Slot::Failed(e),
            Ok(d) => {
                let hash = content_hash(&d);
                if known.get(&id_key(&d.id)) == Some(&hash) {
                    Slot::Known(Box::new(d), hash)
                } else {
                    analyzer.preload_for(&d);
                    let entities = analyzer.entities(&d);
                    Slot::Tagged(Box::new(d), entities, hash)
                }
            }
        })
        .collect()
}

/// The rest of [`prepare`] over a chunk from [`tag_chunk`], on an analysis worker.
/// Failures and skipped articles keep their places.
fn finish_chunk(analyzer: &Analyzer, slots: Vec<Slot>) -> Vec<Result<Ready>> {
    /// A slot with its tagged article taken out for [`prepare_tagged`].
    enum Place {
        Failed(Error),
        Known(Box<Document>, u64),
        Analysed(u64),
    }
    let mut docs = Vec::with_capacity(slots.len());
    let mut entities = Vec::with_capacity(slots.len());
    let places: Vec<Place> = slots
        .into_iter()
        .map(|slot| match slot {
            Slot::Failed(e) => Place::Failed(e),
            Slot::Known(d, hash) => Place::Known(d, hash),
            Slot::Tagged(d, e, hash) => {
                docs.push(*d);
                entities.push(e);
                Place::Analysed(hash)
            }
        })
        .collect();
    let mut prepared = prepare_tagged(analyzer, docs, entities).into_iter();
    places
        .into_iter()
        .filter_map(|place| match place {
            Place::Failed(e) => Some(Err(e)),
            Place::Known(d, hash) => Some(Ok(Ready::Known(*d, hash))),
            Place::Analysed(hash) => prepared.next().map(|p| Ok(Ready::Prepared(p, hash))),
        })
        .collect()
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

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    path: Field,
    url: Field,
    title: Field,
    /// The body, indexed (not stored: tantivy would store it a second time).
    body: Field,
    /// The body, stored for snippets.
    text: Field,
    date: Field,
    day: Field,
    source: Field,
    source_key: Field,
    author: Field,
    lang: Field,
    entity: Field,
    kind: Field,
    keywords: Field,
    hash: Field,
    /// A 64-bit key of the id (fast field): the tie-break of equal scores, read without
    /// loading the stored article. Absent from indexes built before it (`None`).
    id_key: Option<Field>,
}

/// The name of [`Fields::id_key`].
const ID_KEY: &str = "id_key";

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        path: b.add_text_field("path", STORED),
        url: b.add_text_field("url", STORED),
        title: b.add_text_field("title", text.clone()),
        body: b.add_text_field(
            "body",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(TOKENIZER)
                    .set_index_option(IndexRecordOption::WithFreqsAndPositions),
            ),
        ),
        text: b.add_text_field("text", STORED),
        date: b.add_text_field("date", STORED),
        day: b.add_i64_field("day", INDEXED | FAST),
        source: b.add_text_field("source", STORED),
        source_key: b.add_text_field("source_key", STRING),
        author: b.add_text_field("author", STORED),
        lang: b.add_text_field("lang", STRING | STORED),
        entity: b.add_text_field("entity", STRING | STORED),
        kind: b.add_text_field("kind", STRING),
        keywords: b.add_text_field("keywords", STORED),
        hash: b.add_text_field("hash", STORED),
        id_key: Some(b.add_u64_field(ID_KEY, FAST)),
    };
    (b.build(), fields)
}

/// What happened to one article when it was indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// New id.
    Added,
    /// Same id, different content: the old version was replaced.
    Updated,
    /// Same id, same content: nothing written.
    Unchanged,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Article id.
    pub id: String,
    /// Headline (empty when the article has none).
    pub title: String,
    /// Publication date as given (empty when unknown).
    pub date: String,
    /// Source (empty when unknown).
    pub source: String,
    /// Source path or URL.
    pub path: String,
    /// `zh` or `en`.
    pub lang: String,
    /// BM25 score.
    pub score: f32,
    /// About 80 characters of the body around the first match, matches in `**`.
    pub snippet: String,
    /// The article's entities (canonical names), most mentioned first.
    pub entities: Vec<String>,
}

/// Search results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Number of matching articles.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: Vec<Hit>,
    /// With [`SearchOptions::facets`]: the entities most often found among all matches.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub facets: Vec<Facet>,
}

/// An entity and the number of matching articles that mention it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facet {
    /// Canonical name.
    pub entity: String,
    /// Matching articles that mention it.
    pub count: usize,
}

/// Search settings.
#[derive(Debug, Clone, Default)]
pub struct SearchOptions {
    /// Hits per page.
    pub limit: usize,
    /// Hits to skip.
    pub offset: usize,
    /// Only articles dated on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only articles dated on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
    /// Count the entities of all matches and return this many, most frequent first (0: none).
    pub facets: usize,
}

/// A newslens index on disk.
pub struct NewsIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    analyzer: Arc<Analyzer>,
    cache: Arc<TermCache>,
}

/// An index location that exists but is not a directory is a clear error, not "file exists".
fn not_a_file(dir: &Path) -> Result<()> {
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => Err(Error::Index {
            path: dir.to_path_buf(),
            reason: "this is a file; the index location must be a directory (new or an index)"
                .to_string(),
        }),
        _ => Ok(()),
    }
}

impl NewsIndex {
    /// Opens the index in `dir`, creating it (and the directory) when there is none.
    pub fn open_or_create(dir: &Path, analyzer: Arc<Analyzer>) -> Result<NewsIndex> {
        let (schema, fields) = schema();
        not_a_file(dir)?;
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let index = if dir.join("meta.json").exists() {
            Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?
        } else {
            Index::create_in_dir(dir, schema).map_err(|e| index_error(dir, e))?
        };
        Self::from_index(dir, index, fields, analyzer)
    }

    /// Opens an existing index; an error names the command that builds one.
    pub fn open(dir: &Path, analyzer: Arc<Analyzer>) -> Result<NewsIndex> {
        not_a_file(dir)?;
        if !dir.join("meta.json").exists() {
            return Err(Error::Index {
                path: dir.to_path_buf(),
                reason: "no index here; build one with `newslens index --index DIR PATH…`"
                    .to_string(),
            });
        }
        let (_, fields) = schema();
        let index = Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?;
        Self::from_index(dir, index, fields, analyzer)
    }

    fn from_index(
        dir: &Path,
        mut index: Index,
        mut fields: Fields,
        analyzer: Arc<Analyzer>,
    ) -> Result<NewsIndex> {
        // An index built before the id key existed has no such field: ties then fall back to
        // the stored ids (slower), and nothing writes the field (`--rebuild` adds it).
        fields.id_key = index.schema().get_field(ID_KEY).ok();
        // Registered on every open: tantivy does not persist tokenizers.
        let cache = Arc::new(TermCache::default());
        index.tokenizers().register(
            TOKENIZER,
            TextAnalyzer::from(NewsTokenizer {
                cache: Some(cache.clone()),
                ..NewsTokenizer::new(analyzer.clone())
            }),
        );
        // Segments are searched in parallel, one thread per core (up to four): a query over a
        // million articles spends most of its time in postings, segment by segment.
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads > 1 {
            index
                .set_multithread_executor(threads)
                .map_err(|e| index_error(dir, e))?;
        }
        let reader = index.reader().map_err(|e| index_error(dir, e))?;
        Ok(NewsIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            fields,
            analyzer,
            cache,
        })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of articles (as of the last commit).
    pub fn len(&self) -> usize {
        // Writers do not reload the reader on every commit (a cost per batch); catch up here.
        // On failure the count is the one last loaded.
        let _ = self.reader.reload();
        self.reader.searcher().num_docs() as usize
    }

    /// True when the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every article of the index (as of the last commit), rebuilt from its stored text and
    /// metadata, segment by segment in stored order; one at a time, so memory stays flat.
    pub fn documents(&self) -> StoredDocuments {
        let _ = self.reader.reload();
        StoredDocuments {
            searcher: self.reader.searcher(),
            fields: self.fields,
            dir: self.dir.clone(),
            segment: 0,
            doc: 0,
        }
    }

    /// A writer; fails at once when another process holds the lock.
    pub fn writer(&self) -> Result<NewsWriter<'_>> {
        let writer = self.index.writer(WRITER_HEAP).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => Error::Index {
                path: self.dir.clone(),
                reason: "index is locked by another newslens process (an `index` run is writing to it); wait for it to finish".to_string(),
            },
            e => index_error(&self.dir, e),
        })?;
        let hashes = self.hashes()?;
        Ok(NewsWriter {
            index: self,
            writer,
            hashes,
        })
    }

    /// id → (content hash, path) of every stored article.
    fn hashes(&self) -> Result<Hashes> {
        let searcher = self.reader.searcher();
        let docs = searcher
            .search(&AllQuery, &DocSetCollector)
            .map_err(|e| index_error(&self.dir, e))?;
        let mut out = Hashes::with_capacity(docs.len());
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&self.dir, e))?;
            let hash = u64::from_str_radix(&self.text(&doc, self.fields.hash), 16).unwrap_or(0);
            let path = out.path(&self.text(&doc, self.fields.path));
            out.map
                .insert(self.text(&doc, self.fields.id), (hash, path));
        }
        Ok(out)
    }

    fn text(&self, doc: &TantivyDocument, field: Field) -> String {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    }

    /// Searches with a parsed query.
    pub fn search(&self, q: &ParsedQuery, opts: &SearchOptions) -> Result<SearchResults> {
        let mut highlights: Vec<String> = Vec::new();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for group in &q.must {
            let mut alternatives = Vec::new();
            for c in group {
                alternatives.push((Occur::Should, self.clause_query(c, &mut highlights)?));
            }
            let query: Box<dyn Query> = if alternatives.len() == 1 {
                alternatives.pop().expect("one").1
            } else {
                Box::new(BooleanQuery::new(alternatives))
            };
            clauses.push((Occur::Must, query));
        }
        for c in &q.must_not {
            clauses.push((Occur::MustNot, self.clause_query(c, &mut Vec::new())?));
        }
        let day = |s: &Option<String>, what: &str| -> Result<Option<i64>> {
            s.as_deref()
                .map(|d| {
                    day_number(d).ok_or_else(|| Error::Query {
                        query: d.to_string(),
                        reason: format!("--{what} wants a date like 2024-03-18"),
                    })
                })
                .transpose()
        };
        let (since, until) = (day(&opts.since, "since")?, day(&opts.until, "until")?);
        if since.is_some() || until.is_some() {
            let bound = |d: Option<i64>| {
                d.map_or(Bound::Unbounded, |d| {
                    Bound::Included(Term::from_field_i64(self.fields.day, d))
                })
            };
            clauses.push((
                Occur::Must,
                Box::new(RangeQuery::new(bound(since), bound(until))),
            ));
        }
        let query = BooleanQuery::new(clauses);
        // See the last commit, also one made through this handle.
        self.reader
            .reload()
            .map_err(|e| index_error(&self.dir, e))?;
        let searcher = self.reader.searcher();
        let limit = opts.limit.max(1);
        let (top, total) = self.top_docs(&searcher, &query, opts.offset, limit)?;
        let mut hits = Vec::with_capacity(top.len());
        for (k, (score, _, doc)) in top.into_iter().enumerate() {
            let body = self.text(&doc, self.fields.text);
            hits.push(Hit {
                rank: opts.offset + k + 1,
                id: self.text(&doc, self.fields.id),
                title: self.text(&doc, self.fields.title),
                date: self.text(&doc, self.fields.date),
                source: self.text(&doc, self.fields.source),
                path: self.text(&doc, self.fields.path),
                lang: self.text(&doc, self.fields.lang),
                score,
                snippet: snippet(&body, &highlights, SNIPPET_CHARS),
                entities: doc
                    .get_all(self.fields.entity)
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            });
        }
        let facets = if opts.facets > 0 {
            self.facets(&searcher, &query, opts.facets)?
        } else {
            Vec::new()
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }

    /// Hits `offset..offset + limit` ranked by score, equal scores by id key (by id in indexes
    /// built before the key): which segment an article landed in depends on thread timing, so
    /// tantivy's tie order (by address) would make the same corpus rank differently from one
    /// build to the next. With the key, one pass ranks by (score, key); without it, the search
    /// fetches past the page until the scores tied with its last hit are all in and sorts them
    /// by id. Only the page's articles are loaded. Also returns the number of matches.
    #[allow(clippy::type_complexity)]
    fn top_docs(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<(f32, String, TantivyDocument)>, usize)> {
        let load = |score: f32, addr| -> Result<(f32, String, TantivyDocument)> {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&self.dir, e))?;
            Ok((score, self.text(&doc, self.fields.id), doc))
        };
        let keyed = self.fields.id_key.is_some()
            && searcher
                .segment_readers()
                .iter()
                .all(|r| r.fast_fields().u64(ID_KEY).is_ok());
        if keyed {
            // (score, smaller key first): a total order, found in one pass. (A replicated
            // corpus ties dozens of articles on every score; the tie-fetching loop below ran
            // such queries two or three times.)
            let by_score_then_key = TopDocs::with_limit(limit).and_offset(offset).tweak_score(
                |reader: &tantivy::SegmentReader| {
                    let keys = reader
                        .fast_fields()
                        .u64(ID_KEY)
                        .ok()
                        .map(|c| c.first_or_default_col(0));
                    move |doc: tantivy::DocId, score: tantivy::Score| {
                        let key = keys.as_ref().map_or(0, |k| k.get_val(doc));
                        (score, std::cmp::Reverse(key))
                    }
                },
            );
            let (top, total) = searcher
                .search(query, &(by_score_then_key, Count))
                .map_err(|e| index_error(&self.dir, e))?;
            let page = top
                .into_iter()
                .map(|((score, _), addr)| load(score, addr))
                .collect::<Result<_>>()?;
            return Ok((page, total));
        }
        let want = offset + limit;
        let mut fetch = want + 16;
        loop {
            let (top, total) = searcher
                .search(query, &(TopDocs::with_limit(fetch).order_by_score(), Count))
                .map_err(|e| index_error(&self.dir, e))?;
            // The score of the page's last hit: everything tied with it must be in.
            let cut = top.get(want.saturating_sub(1)).map(|h| h.0);
            if top.len() < fetch || cut != top.last().map(|h| h.0) {
                let mut docs = top
                    .into_iter()
                    .take_while(|h| cut.is_none_or(|c| h.0 >= c))
                    .map(|(score, addr)| load(score, addr))
                    .collect::<Result<Vec<_>>>()?;
                docs.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                return Ok((docs.into_iter().skip(offset).take(limit).collect(), total));
            }
            fetch *= 2;
        }
    }

    /// The `k` entities most often mentioned by the articles matching `query`.
    fn facets(
        &self,
        searcher: &tantivy::Searcher,
        query: &dyn Query,
        k: usize,
    ) -> Result<Vec<Facet>> {
        let docs = searcher
            .search(query, &DocSetCollector)
            .map_err(|e| index_error(&self.dir, e))?;
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr).map_err(|e| index_error(&self.dir, e))?;
            for v in doc.get_all(self.fields.entity) {
                if let Some(name) = v.as_str() {
                    *counts.entry(name.to_string()).or_insert(0) += 1;
                }
            }
        }
        let mut facets: Vec<Facet> = counts
            .into_iter()
            .map(|(entity, count)| Facet { entity, count })
            .collect();
        facets.sort_by(|a, b| b.count.cmp(&a.count).then(a.entity.cmp(&b.entity)));
        facets.truncate(k);
        Ok(facets)
    }

    /// The lowercased query terms of `text` (no sub-words).
    fn query_terms(&self, text: &str) -> Vec<String> {
        query_terms(&self.analyzer, text)
    }

    fn words_query(&self, text: &str, highlights: &mut Vec<String>) -> Result<Box<dyn Query>> {
        let terms = self.query_terms(text);
        if terms.is_empty() {
            return Err(Error::Query {
                query: text.to_string(),
                reason: "no searchable word in it".to_string(),
            });
        }
        // The whole phrase first (`**推理需求**`, not `**推理****需求**`), then its words.
        highlights.push(text.split_whitespace().collect::<String>().to_lowercase());
        highlights.extend(terms.iter().cloned());
        let mut fields: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in [(self.fields.title, 2.0), (self.fields.body, 1.0)] {
            let q: Box<dyn Query> = if terms.len() == 1 {
                Box::new(TermQuery::new(
                    Term::from_field_text(field, &terms[0]),
                    IndexRecordOption::WithFreqs,
                ))
            } else {
                Box::new(PhraseQuery::new(
                    terms
                        .iter()
                        .map(|t| Term::from_field_text(field, t))
                        .collect(),
                ))
            };
            fields.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
        }
        Ok(Box::new(BooleanQuery::new(fields)))
    }

    fn entity_term(&self, canonical: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.entity, canonical),
            IndexRecordOption::Basic,
        ))
    }

    fn clause_query(&self, c: &Clause, highlights: &mut Vec<String>) -> Result<Box<dyn Query>> {
        let dict = self.analyzer.dictionary();
        let unknown = |what: &str, reason: String| Error::Query {
            query: what.to_string(),
            reason,
        };
        Ok(match c {
            Clause::Word(w) => {
                let words = self.words_query(w, highlights)?;
                // An entity alias also finds the entity's other aliases, ranked lower.
                match dict.lookup(w) {
                    Some(e) => {
                        highlights.extend(e.aliases.iter().map(|a| a.name.to_lowercase()));
                        Box::new(BooleanQuery::new(vec![
                            (Occur::Should, words),
                            (
                                Occur::Should,
                                Box::new(BoostQuery::new(self.entity_term(&e.canonical), 0.3)),
                            ),
                        ]))
                    }
                    None => words,
                }
            }
            Clause::Phrase(p) => self.words_query(p, highlights)?,
            Clause::Entity(name) => {
                let e = dict.lookup(name).ok_or_else(|| {
                    unknown(
                        &format!("entity:{name}"),
                        format!("no entity `{name}` in the dictionary (check the spelling; any alias, Chinese or English, works)"),
                    )
                })?;
                highlights.extend(e.aliases.iter().map(|a| a.name.to_lowercase()));
                self.entity_term(&e.canonical)
            }
            Clause::Kind(k) => {
                EntityKind::parse(k).ok_or_else(|| {
                    unknown(
                        &format!("kind:{k}"),
                        format!(
                            "unknown kind `{k}`; use one of {}",
                            EntityKind::ALL.map(|k| k.as_str()).join(", ")
                        ),
                    )
                })?;
                filter(Term::from_field_text(self.fields.kind, k))
            }
            Clause::Source(s) => filter(Term::from_field_text(
                self.fields.source_key,
                &s.to_lowercase(),
            )),
            Clause::Lang(l) => filter(Term::from_field_text(self.fields.lang, l)),
        })
    }
}

/// A filter clause (`kind:`, `source:`, `lang:`): it narrows the matches and leaves the ranking
/// to the words (no score of its own, so nothing to compute per matching article).
fn filter(term: Term) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(
        Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
        0.0,
    ))
}

/// The articles of an index, from [`NewsIndex::documents`].
pub struct StoredDocuments {
    searcher: tantivy::Searcher,
    fields: Fields,
    dir: PathBuf,
    segment: usize,
    doc: tantivy::DocId,
}

impl Iterator for StoredDocuments {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        loop {
            let reader = self.searcher.segment_readers().get(self.segment)?;
            if self.doc >= reader.max_doc() {
                self.segment += 1;
                self.doc = 0;
                continue;
            }
            let doc = self.doc;
            self.doc += 1;
            if reader.alive_bitset().is_some_and(|a| a.is_deleted(doc)) {
                continue;
            }
            let addr = tantivy::DocAddress::new(self.segment as u32, doc);
            return Some(self.load(addr));
        }
    }
}

impl StoredDocuments {
    fn load(&self, addr: tantivy::DocAddress) -> Result<Document> {
        let stored: TantivyDocument = self
            .searcher
            .doc(addr)
            .map_err(|e| index_error(&self.dir, e))?;
        let text = |field: Field| {
            stored
                .get_first(field)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let f = self.fields;
        let meta = crate::model::Metadata {
            title: text(f.title),
            date: text(f.date),
            source: text(f.source),
            author: text(f.author),
            url: text(f.url),
            lang: text(f.lang),
            bylines: Vec::new(),
        };
        crate::ingest::Ingester::document_from_stored(
            text(f.id).unwrap_or_default(),
            text(f.path).unwrap_or_default(),
            meta,
            text(f.text).unwrap_or_default(),
        )
    }
}

/// When [`NewsWriter::add_all`] commits: after this many articles or this much text, whichever
/// comes first. A crash or kill loses at most one batch; a commit per 1,000 articles measured
/// 30% slower than per 10,000 (every commit stops the analysis pipeline and adds a segment to
/// merge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Batch {
    /// Articles per commit.
    pub articles: usize,
    /// Bytes of article text per commit.
    pub bytes: usize,
}

impl Default for Batch {
    /// 10,000 articles or 64 MB of text.
    fn default() -> Self {
        Batch {
            articles: 10_000,
            bytes: 64 << 20,
        }
    }
}

/// Writes articles to a [`NewsIndex`]; call [`NewsWriter::commit`] to make them durable.
pub struct NewsWriter<'a> {
    index: &'a NewsIndex,
    writer: IndexWriter,
    hashes: Hashes,
}

impl NewsWriter<'_> {
    /// Analyses and adds every article of `docs` (on `workers` threads, written in input order),
    /// committing after each `batch`. `report` hears of each article: its [`Change`], or the
    /// error that made it fail (the article is skipped, the run goes on). Does not commit the
    /// last, partial batch: call [`NewsWriter::commit`].
    pub fn add_all<I>(
        &mut self,
        docs: I,
        workers: usize,
        batch: Batch,
        mut report: impl FnMut(std::result::Result<Change, &Error>),
    ) -> Result<()>
    where
        I: Iterator<Item = Result<Document>> + Send,
    {
        let analyzer = self.index.analyzer.clone();
        let known: Known = self
            .hashes
            .map
            .iter()
            .map(|(id, (hash, _))| (id_key(id), *hash))
            .collect();
        let mut docs = docs.peekable();
        let chunks = std::iter::from_fn(move || {
            docs.peek()?;
            Some(docs.by_ref().take(CHUNK).collect::<Vec<_>>())
        });
        // Reading and tagging run on a thread of their own, ahead of the workers (up to
        // READ_AHEAD_BYTES of text); a panic there is handed on and raised by the worker that
        // receives it.
        let (tagged_tx, tagged_rx) = std::sync::mpsc::channel();
        let ahead = ReadAhead::default();
        let (analyzer, known, ahead) = (&analyzer, &known, &ahead);
        std::thread::scope(|s| {
            s.spawn(move || {
                let mut chunks = chunks;
                loop {
                    let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        chunks.next().map(|c| tag_chunk(analyzer, known, c))
                    }));
                    let (item, bytes, last) = match next {
                        Ok(Some(slots)) => {
                            let bytes = slot_bytes(&slots);
                            (Ok((slots, bytes)), bytes, false)
                        }
                        Ok(None) => break,
                        Err(panic) => (Err(panic), 0, true),
                    };
                    if !ahead.reserve(bytes) || tagged_tx.send(item).is_err() || last {
                        break; // the workers stopped, or the reading thread cannot go on
                    }
                }
            });
            let _close = CloseOnDrop(ahead);
            self.write_all(analyzer, ahead, tagged_rx, workers, batch, &mut report)
        })
    }

    /// The analysis workers and the writer's side of [`NewsWriter::add_all`].
    fn write_all(
        &mut self,
        analyzer: &Analyzer,
        ahead: &ReadAhead,
        tagged: std::sync::mpsc::Receiver<std::thread::Result<(Vec<Slot>, usize)>>,
        workers: usize,
        batch: Batch,
        report: &mut impl FnMut(std::result::Result<Change, &Error>),
    ) -> Result<()> {
        let (mut pending, mut pending_bytes) = (0, 0);
        crate::parallel::ordered_map(
            tagged.into_iter(),
            workers,
            CHUNKS_IN_FLIGHT,
            |slots| match slots {
                Ok((slots, bytes)) => {
                    ahead.release(bytes);
                    finish_chunk(analyzer, slots)
                }
                Err(panic) => std::panic::resume_unwind(panic),
            },
            |items| {
                for item in items {
                    match item {
                        Ok(Ready::Prepared(p, hash)) => {
                            pending_bytes += p.doc.text.len();
                            report(Ok(self.write(p, hash)?));
                        }
                        Ok(Ready::Known(doc, hash)) => {
                            pending_bytes += doc.text.len();
                            report(Ok(self.add_known(analyzer, doc, hash)?));
                        }
                        Err(e) => report(Err(&e)),
                    }
                    pending += 1;
                    if pending >= batch.articles || pending_bytes >= batch.bytes {
                        self.commit()?;
                        (pending, pending_bytes) = (0, 0);
                    }
                }
                Ok(())
            },
        )
    }

    /// An article that was unchanged when the writer opened: still unchanged unless this run
    /// has since written another version of it, in which case it is analysed and added now.
    fn add_known(&mut self, analyzer: &Analyzer, doc: Document, hash: u64) -> Result<Change> {
        if self
            .hashes
            .map
            .get(&doc.id)
            .is_some_and(|(h, _)| *h == hash)
        {
            return Ok(Change::Unchanged);
        }
        let mut change = Change::Unchanged;
        for p in prepare(analyzer, vec![doc]) {
            change = self.write(p, hash)?;
        }
        Ok(change)
    }

    /// Adds or replaces one prepared article (unchanged content writes nothing).
    pub fn add(&mut self, prepared: Prepared) -> Result<Change> {
        let hash = content_hash(&prepared.doc);
        self.write(prepared, hash)
    }

    /// [`NewsWriter::add`] given the article's content hash.
    fn write(&mut self, prepared: Prepared, hash: u64) -> Result<Change> {
        let Prepared {
            doc,
            entities,
            keywords,
            terms,
        } = prepared;
        let doc = &doc;
        let f = self.index.fields;
        let change = match self.hashes.map.get(&doc.id) {
            Some((h, _)) if *h == hash => return Ok(Change::Unchanged),
            Some(_) => Change::Updated,
            None => Change::Added,
        };
        let id_term = Term::from_field_text(f.id, &doc.id);
        if change == Change::Updated {
            self.writer.delete_term(id_term);
        }
        let mut d = TantivyDocument::default();
        d.add_text(f.id, &doc.id);
        d.add_text(f.path, &doc.origin.path);
        let m = &doc.meta;
        if let Some(url) = &m.url {
            d.add_text(f.url, url);
        }
        d.add_text(f.title, doc.title());
        // The body's terms wait in the cache for the tokenizer, under the key indexed in the
        // text's place. (A pre-tokenized string would say the same more plainly, but tantivy's
        // document serializes it, tokens and text: measured slower.)
        d.add_text(f.body, self.index.cache.put(terms));
        d.add_text(f.text, &doc.text);
        if let Some(date) = &m.date {
            d.add_text(f.date, date);
            if let Some(day) = day_number(date) {
                d.add_i64(f.day, day);
            }
        }
        if let Some(source) = &m.source {
            d.add_text(f.source, source);
            d.add_text(f.source_key, source.to_lowercase());
        }
        if let Some(author) = &m.author {
            d.add_text(f.author, author);
        }
        d.add_text(f.lang, doc.lang.code());
        // Entities, most mentioned first; kinds once each.
        let (ranked, kinds) = crate::analyze::entity_ranking(&entities);
        for canonical in ranked {
            d.add_text(f.entity, canonical);
        }
        for k in kinds {
            d.add_text(f.kind, k.as_str());
        }
        for k in &keywords {
            d.add_text(f.keywords, &k.term);
        }
        d.add_text(f.hash, format!("{hash:016x}"));
        if let Some(field) = f.id_key {
            d.add_u64(field, id_key(&doc.id));
        }
        self.writer
            .add_document(d)
            .map_err(|e| index_error(&self.index.dir, e))?;
        let path = self.hashes.path(&doc.origin.path);
        self.hashes.map.insert(doc.id.clone(), (hash, path));
        Ok(change)
    }

    /// Deletes the articles that came from a file under one of `roots` that no longer exists.
    /// Returns how many were deleted.
    pub fn prune(&mut self, roots: &[PathBuf]) -> usize {
        let f = self.index.fields;
        let gone: Vec<String> = self
            .hashes
            .map
            .iter()
            .filter(|(_, (_, path))| {
                let p = Path::new(path.as_ref());
                path.as_ref() != "-" && roots.iter().any(|r| p.starts_with(r)) && !p.exists()
            })
            .map(|(id, _)| id.clone())
            .collect();
        for id in &gone {
            self.writer.delete_term(Term::from_field_text(f.id, id));
            self.hashes.map.remove(id);
        }
        gone.len()
    }

    /// Makes everything written so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<()> {
        self.writer
            .commit()
            .map_err(|e| index_error(&self.index.dir, e))?;
        // Everything added has been tokenized by now; nothing should be left.
        self.index.cache.clear();
        Ok(())
    }
}

fn index_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::Index {
        path: dir.to_path_buf(),
        reason: format!(
            "{e} (if the index is damaged, rebuild it with `newslens index --rebuild`)"
        ),
    }
}

/// FNV-1a over the fields that make an article: stable across runs and platforms (stored as
/// 16 hex digits).
fn content_hash(doc: &Document) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let m = &doc.meta;
    for part in [
        doc.text.as_str(),
        m.title.as_deref().unwrap_or(""),
        m.date.as_deref().unwrap_or(""),
        m.source.as_deref().unwrap_or(""),
        m.author.as_deref().unwrap_or(""),
        m.url.as_deref().unwrap_or(""),
    ] {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// `2024-03-18`, `2024/3/18`, `2024-03-18T10:00:00Z`, `2024年3月18日`, `18-MAR-2024`,
/// `March 18, 2024` → 20240318.
pub fn day_number(date: &str) -> Option<i64> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = date.to_ascii_lowercase();
    if let Some(m) = MONTHS.iter().position(|m| lower.contains(m)) {
        let nums: Vec<i64> = lower
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .take(2)
            .filter_map(|s| s.parse().ok())
            .collect();
        let (day, year) = match nums.as_slice() {
            [a, b] if *a > 31 => (*b, *a),
            [a, b] => (*a, *b),
            _ => return None,
        };
        return ((1000..=9999).contains(&year) && (1..=31).contains(&day))
            .then(|| year * 10_000 + (m as i64 + 1) * 100 + day);
    }
    let nums: Vec<i64> = date
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().ok())
        .collect::<Option<_>>()?;
    match nums.as_slice() {
        [y, m, d] if (1000..=9999).contains(y) && (1..=12).contains(m) && (1..=31).contains(d) => {
            Some(y * 10_000 + m * 100 + d)
        }
        _ => None,
    }
}

/// About `width` characters of `body` around the first occurrence of a highlight term, each
/// occurrence wrapped in `**`; whitespace runs become one space; never cuts a character.
pub fn snippet(body: &str, highlights: &[String], width: usize) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = flat.to_lowercase();
    // Byte offsets of `lower` equal those of `flat` only when lowercasing keeps lengths.
    let same_len = lower.len() == flat.len();
    let haystack = if same_len {
        lower.as_str()
    } else {
        flat.as_str()
    };
    let mut terms: Vec<&str> = highlights
        .iter()
        .map(String::as_str)
        .filter(|t| !t.is_empty())
        .collect();
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let first = terms
        .iter()
        .filter_map(|t| haystack.find(t))
        .min()
        .unwrap_or(0);
    let chars: Vec<(usize, char)> = flat.char_indices().collect();
    let at = chars.partition_point(|&(i, _)| i < first);
    let start = at.saturating_sub(width / 4);
    let end = (start + width).min(chars.len());
    let start = end.saturating_sub(width).min(start);
    let byte = |k: usize| chars.get(k).map_or(flat.len(), |x| x.0);
    let (from, to) = (byte(start), byte(end));
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let window = &flat[from..to];
    let hay = &haystack[from..to];
    let mut i = 0;
    while i < window.len() {
        if let Some(t) = terms.iter().find(|t| hay[i..].starts_with(**t)) {
            out.push_str("**");
            out.push_str(&window[i..i + t.len()]);
            out.push_str("**");
            i += t.len();
        } else {
            let c = window[i..].chars().next().expect("in bounds");
            out.push(c);
            i += c.len_utf8();
        }
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_ahead_waits_for_room_and_stops_when_closed() {
        let ahead = ReadAhead::default();
        // One chunk always goes through, however large.
        assert!(ahead.reserve(READ_AHEAD_BYTES * 2));
        std::thread::scope(|s| {
            let waiting = s.spawn(|| ahead.reserve(1));
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!waiting.is_finished(), "no room: the reader waits");
            ahead.release(READ_AHEAD_BYTES * 2);
            assert!(waiting.join().expect("reader"), "room again: it goes on");
        });
        ahead.release(1);
        assert!(ahead.reserve(READ_AHEAD_BYTES));
        std::thread::scope(|s| {
            let waiting = s.spawn(|| ahead.reserve(1));
            ahead.close();
            assert!(!waiting.join().expect("reader"), "closed: the reader stops");
        });
    }

    /// Indexing English articles never loads jieba's dictionary; the first Chinese article
    /// starts loading it, and its terms are those of an analyzer that had it from the start.
    #[test]
    fn jieba_loads_only_for_chinese_articles() {
        use crate::testing::{analyzer, corpus, english_corpus};
        let english = english_corpus();
        let dir = tempfile::tempdir().expect("temp dir");
        let lazy = analyzer();
        let index = NewsIndex::open_or_create(dir.path(), lazy.clone()).expect("index");
        let mut writer = index.writer().expect("writer");
        let mut changes = Vec::new();
        let mut write = |docs: Vec<Document>, writer: &mut NewsWriter| {
            writer
                .add_all(docs.into_iter().map(Ok), 2, Batch::default(), |c| {
                    changes.push(c.map_err(|e| e.to_string()))
                })
                .expect("add_all");
            writer.commit().expect("commit");
        };
        let n = english.len();
        write(english, &mut writer);
        assert!(!lazy.segmenter_requested(), "English articles loaded jieba");
        let chinese = corpus("zh");
        let m = chinese.len();
        write(chinese.clone(), &mut writer);
        assert!(lazy.segmenter_ready());
        let expected: Vec<Terms> = prepare(&analyzer(), chinese.clone())
            .into_iter()
            .map(|p| p.terms)
            .collect();
        assert_eq!(
            prepare(&lazy, chinese)
                .into_iter()
                .map(|p| p.terms)
                .collect::<Vec<_>>(),
            expected
        );
        assert_eq!(changes.len(), n + m);
        assert!(
            changes.iter().all(|c| *c == Ok(Change::Added)),
            "{changes:?}"
        );
        assert_eq!(index.len(), n + m);
    }

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

    #[test]
    fn dates_become_day_numbers() {
        for (s, want) in [
            ("2024-03-18", Some(20240318)),
            ("2024/3/8", Some(20240308)),
            ("2020-04-01T10:00:00Z", Some(20200401)),
            ("2024年3月18日", Some(20240318)),
            ("26-FEB-1987 15:01:01.79", Some(19870226)),
            ("March 18, 2024", Some(20240318)),
            ("yesterday", None),
        ] {
            assert_eq!(day_number(s), want, "{s}");
        }
    }

    #[test]
    fn snippets_are_character_windows_with_highlights() {
        let zh = "阿里云公布了季度业绩。".repeat(10)
            + "英伟达的A800芯片涨价了。"
            + &"云厂商继续扩张。".repeat(10);
        let s = snippet(&zh, &["英伟达".to_string()], 80);
        assert!(s.contains("**英伟达**"), "{s}");
        let visible = s.replace("**", "");
        assert_eq!(visible.trim_matches('…').chars().count(), 80, "{s}");
        let en = "Cloud spending rose. ".repeat(10)
            + "Nvidia shipped the H20 chip."
            + &" More text.".repeat(20);
        let s = snippet(&en, &["nvidia".to_string()], 80);
        assert!(s.contains("**Nvidia**"), "{s}");
        assert_eq!(s.replace("**", "").trim_matches('…').chars().count(), 80);
        // Short bodies are shown whole; no match shows the start.
        assert_eq!(snippet("短文。", &["x".to_string()], 80), "短文。");
    }
}

//! Writing: analyse articles on all cores, write them in input order, commit in batches.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

use rustc_hash::FxBuildHasher;
use tantivy::collector::{DocSetCollector, TopDocs};
use tantivy::merge_policy::{LogMergePolicy, MergePolicy, NoMergePolicy};
use tantivy::query::{AllQuery, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{FutureResult, IndexWriter, SegmentMeta, TantivyDocument, Term};

use super::fault::write_error;
use super::schema::{Fields, FieldsV2};
use super::tokenizer::{SUBWORDS, Terms, index_terms};
use super::{NewsIndex, parse_day, stored_text};
use crate::analyze::Analyzer;
use crate::error::{Error, Result};
use crate::model::{Document, Entity, Keyword, Origin};

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
    pub(super) terms: Terms,
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
            .map(|(d, t)| index_terms(analyzer, d.view(), t, Some(subwords)))
            .collect()
    });
    docs.into_iter()
        .zip(entities.into_iter().zip(terms).zip(keywords))
        .map(|(doc, ((mut entities, terms), keywords))| {
            // The story's writers (`(记者叶婧)`, `【编辑:苑菁菁】`) are no entities of the archive:
            // an editor of every story would top each trend's and digest's co-mentions.
            entities.retain(|e| {
                e.kind != crate::model::EntityKind::Person
                    || !crate::analyze::entity::names::in_credit(&doc.text, e.span)
            });
            Prepared {
                doc,
                entities,
                keywords,
                terms,
            }
        })
        .collect()
}

/// What an analysis worker hands the writer for one ingested article.
/// Both carry the article's content hash, computed once, on the reading thread.
enum Ready {
    /// Analysed, ready to write.
    Prepared(Prepared, u64),
    /// The same key, content and place as in the index when the writer opened: not analysed,
    /// so that re-indexing an unchanged corpus costs no analysis ([`NewsWriter::add_known`]
    /// checks again against the writer's current state).
    Known(Document, u64),
}

/// What the writer held when it opened, compactly: hash of the key → (content hash, hash of
/// the place), 24 bytes an article (the writer's own map is checked again before anything is
/// skipped, so a collision costs an analysis, never a lost update).
type Known = HashMap<u64, (u64, u64), FxBuildHasher>;

/// A 64-bit hash of a key, fixed for a given key (no per-process seed): the [`Known`] map key
/// and the [`super::schema::Fields::id_key`] stored with the article.
fn id_key(key: &str) -> u64 {
    FxBuildHasher.hash_one(key)
}

/// A 64-bit hash of where an article is: its file and line.
fn place_hash(file: &str, line: u32) -> u64 {
    FxBuildHasher.hash_one((file, line))
}

/// The canonical path of an article's file (`-` for standard input, the path as given when it
/// cannot be resolved), remembered for consecutive articles of one file: two runs that name the
/// same file differently (`news.jsonl`, `./data/../news.jsonl`) see the same file.
#[derive(Default)]
struct Files {
    last: Option<(String, Arc<str>)>,
}

impl Files {
    fn of(&mut self, path: &str) -> Arc<str> {
        if let Some((given, file)) = &self.last
            && given == path
        {
            return file.clone();
        }
        let file: Arc<str> = if path == "-" {
            Arc::from("-")
        } else {
            std::fs::canonicalize(path)
                .map_or_else(|_| Arc::from(path), |p| Arc::from(p.to_string_lossy()))
        };
        self.last = Some((path.to_string(), file.clone()));
        file
    }
}

/// What the writer knows of one stored article.
pub(super) struct Entry {
    /// Content hash ([`content_hash`]).
    hash: u64,
    /// Canonical path of its file ([`Files`]).
    file: Arc<str>,
    /// Its JSON Lines line (0 for a whole file).
    line: u32,
    /// Its feed.
    feed: Arc<str>,
    /// Given by the input of this run (so a second record with its key is a duplicate, and
    /// `--prune` keeps it).
    seen: bool,
}

/// What the writer knows of the stored articles, by key: an [`Entry`] each, file and feed
/// shared by consecutive articles (a JSONL file's records all have the same). About 120 bytes
/// an article, so a million-article index costs ~120 MB while indexing.
#[derive(Default)]
pub(super) struct Stored {
    map: HashMap<String, Entry, FxBuildHasher>,
    last_file: Option<Arc<str>>,
    last_feed: Option<Arc<str>>,
}

/// `value`, shared with `last` when it is the same.
fn interned(last: &mut Option<Arc<str>>, value: &str) -> Arc<str> {
    match last {
        Some(l) if l.as_ref() == value => l.clone(),
        _ => {
            let v: Arc<str> = Arc::from(value);
            *last = Some(v.clone());
            v
        }
    }
}

impl Stored {
    /// Every article `searcher` sees.
    pub(super) fn load(
        searcher: &tantivy::Searcher,
        fields: Fields,
        v2: FieldsV2,
    ) -> tantivy::Result<Stored> {
        let docs = searcher.search(&AllQuery, &DocSetCollector)?;
        let mut out = Stored {
            map: HashMap::with_capacity_and_hasher(docs.len(), FxBuildHasher),
            ..Stored::default()
        };
        for addr in docs {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let text = |field| stored_text(&doc, field);
            let entry = Entry {
                hash: u64::from_str_radix(&text(fields.hash), 16).unwrap_or(0),
                file: interned(&mut out.last_file, &text(v2.file)),
                line: doc
                    .get_first(v2.line)
                    .and_then(|v| v.as_u64())
                    .map_or(0, |l| u32::try_from(l).unwrap_or(u32::MAX)),
                feed: interned(&mut out.last_feed, &text(v2.feed)),
                seen: false,
            };
            out.map.insert(text(fields.key), entry);
        }
        Ok(out)
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
fn tag_chunk(
    analyzer: &Analyzer,
    known: &Known,
    files: &mut Files,
    chunk: Vec<Result<Document>>,
) -> Vec<Slot> {
    chunk
        .into_iter()
        .map(|d| match d {
            Err(e) => Slot::Failed(e),
            Ok(d) => {
                let hash = content_hash(&d);
                let place = place_hash(&files.of(&d.origin.path), line_of(&d));
                if known.get(&id_key(&d.key())) == Some(&(hash, place)) {
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

/// The JSON Lines line of an article as stored (0 for a whole file).
fn line_of(doc: &Document) -> u32 {
    doc.origin
        .line
        .map_or(0, |l| u32::try_from(l).unwrap_or(u32::MAX))
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

/// What happened to one article when it was indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A new key.
    Added,
    /// The same article (same key, and the same title or much the same text) changed: the old
    /// version was replaced.
    Updated,
    /// The same key and content: nothing written.
    Unchanged,
    /// The same key and content, at another line or in another file: written again so that
    /// the index says where it is now.
    Moved,
    /// The same key, but not the same article: it came from another file of a feed named by
    /// default, or it has another title and another text. Written over the old one, reported.
    Replaced(Box<Replaced>),
    /// A key given earlier in this run.
    Duplicate(Box<Duplicate>),
}

/// The article a [`Change::Replaced`] wrote over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replaced {
    /// Why it is not the same article.
    pub because: ReplacedBecause,
    /// Where the replaced article came from: its file (canonical path) and line.
    pub previous: Origin,
    /// The replaced article's title.
    pub previous_title: String,
}

/// Why a replaced article was not the same article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReplacedBecause {
    /// It came from another file, and the feed is named after the file (no `--source`): two
    /// sources whose files have the same name.
    OtherSource,
    /// Its title and its text both differ: the id was given to another story.
    OtherArticle,
}

/// A key seen twice in one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// Where it was first given in this run: file (canonical path) and line.
    pub first: Origin,
    /// Whether the later record was written over the first ([`WriteOptions::replace_duplicates`]);
    /// otherwise it was skipped.
    pub replaced: bool,
}

/// One article's outcome, for [`NewsWriter::add_all`]'s report.
#[derive(Debug)]
pub struct Written<'a> {
    /// The article as read.
    pub doc: &'a Document,
    /// What happened to it.
    pub change: Change,
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

/// How [`NewsWriter::add_all`] writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// When to commit.
    pub batch: Batch,
    /// A key given twice in one run: the later record wins (default: the first stays and the
    /// later one is skipped; both ways it is reported as a [`Change::Duplicate`]).
    pub replace_duplicates: bool,
    /// The feed was named by the user (`--source`), so one feed may span several files: an
    /// article of the feed found in another file is an update, not another source's.
    pub feed_named: bool,
}

/// Writes articles to a [`NewsIndex`]; call [`NewsWriter::commit`] to make them durable.
pub struct NewsWriter<'a> {
    index: &'a NewsIndex,
    writer: IndexWriter,
    /// The index as the writer opened it: the stored versions of replaced articles.
    searcher: tantivy::Searcher,
    v2: FieldsV2,
    stored: Stored,
    files: Files,
    options: WriteOptions,
    /// Merges started after the last commit ([`NewsWriter::commit`]), not yet waited for.
    merging: Vec<FutureResult<Option<SegmentMeta>>>,
}

impl<'a> NewsWriter<'a> {
    pub(super) fn new(
        index: &'a NewsIndex,
        writer: IndexWriter,
        searcher: tantivy::Searcher,
        v2: FieldsV2,
        stored: Stored,
    ) -> Self {
        // Merges are started by `commit` and waited for, so that a failed one is reported and
        // its files removed (tantivy's own background merges only log a failure).
        writer.set_merge_policy(Box::new(NoMergePolicy));
        NewsWriter {
            index,
            writer,
            searcher,
            v2,
            stored,
            files: Files::default(),
            options: WriteOptions::default(),
            merging: Vec::new(),
        }
    }

    /// Analyses and adds every article of `docs` (on `workers` threads, written in input order),
    /// committing after each batch of `options`. `report` hears of each article: what
    /// happened to it ([`Written`]), or the error that made it fail (the article is skipped,
    /// the run goes on). Does not commit the last, partial batch: call [`NewsWriter::commit`].
    pub fn add_all<I>(
        &mut self,
        docs: I,
        workers: usize,
        options: WriteOptions,
        mut report: impl FnMut(std::result::Result<Written<'_>, &Error>),
    ) -> Result<()>
    where
        I: Iterator<Item = Result<Document>> + Send,
    {
        self.options = options;
        let analyzer = self.index.analyzer.clone();
        let known: Known = self
            .stored
            .map
            .iter()
            .map(|(key, e)| (id_key(key), (e.hash, place_hash(&e.file, e.line))))
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
                let mut files = Files::default();
                loop {
                    let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        chunks
                            .next()
                            .map(|c| tag_chunk(analyzer, known, &mut files, c))
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
            self.write_all(analyzer, ahead, tagged_rx, workers, &mut report)
        })
    }

    /// The analysis workers and the writer's side of [`NewsWriter::add_all`].
    fn write_all(
        &mut self,
        analyzer: &Analyzer,
        ahead: &ReadAhead,
        tagged: std::sync::mpsc::Receiver<std::thread::Result<(Vec<Slot>, usize)>>,
        workers: usize,
        report: &mut impl FnMut(std::result::Result<Written<'_>, &Error>),
    ) -> Result<()> {
        let (mut pending, mut pending_bytes) = (0, 0);
        let batch = self.options.batch;
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
                        Ok(Ready::Prepared(mut p, hash)) => {
                            pending_bytes += p.doc.text.len();
                            let change = self.write(&mut p, hash)?;
                            report(Ok(Written {
                                doc: &p.doc,
                                change,
                            }));
                        }
                        Ok(Ready::Known(doc, hash)) => {
                            pending_bytes += doc.text.len();
                            let change = self.add_known(analyzer, &doc, hash)?;
                            report(Ok(Written { doc: &doc, change }));
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
    /// has since written another version of it, in which case it is analysed and written now.
    fn add_known(&mut self, analyzer: &Analyzer, doc: &Document, hash: u64) -> Result<Change> {
        let file = self.files.of(&doc.origin.path);
        let line = line_of(doc);
        if let Some(e) = self.stored.map.get_mut(&doc.key())
            && !e.seen
            && e.hash == hash
            && e.file == file
            && e.line == line
        {
            e.seen = true;
            return Ok(Change::Unchanged);
        }
        let mut change = Change::Unchanged;
        for mut p in prepare(analyzer, vec![doc.clone()]) {
            change = self.write(&mut p, hash)?;
        }
        Ok(change)
    }

    /// Adds or replaces one prepared article (unchanged content writes nothing).
    pub fn add(&mut self, mut prepared: Prepared) -> Result<Change> {
        let hash = content_hash(&prepared.doc);
        self.write(&mut prepared, hash)
    }

    /// What writing `doc` (content hash `hash`, from `file`) would be.
    fn classify(&self, key: &str, doc: &Document, hash: u64, file: &Arc<str>) -> Change {
        let line = line_of(doc);
        let Some(e) = self.stored.map.get(key) else {
            return Change::Added;
        };
        let previous = Origin {
            path: e.file.to_string(),
            line: (e.line > 0).then_some(e.line as usize),
            feed: e.feed.to_string(),
        };
        if e.seen {
            return Change::Duplicate(Box::new(Duplicate {
                first: previous,
                replaced: self.options.replace_duplicates,
            }));
        }
        if e.hash == hash {
            return if e.file == *file && e.line == line {
                Change::Unchanged
            } else {
                Change::Moved
            };
        }
        let (title, text) = self.stored_title_and_text(key);
        let because = if !self.options.feed_named && e.file != *file {
            Some(ReplacedBecause::OtherSource)
        } else if title != doc.title() && !similar(&text, &doc.text) {
            Some(ReplacedBecause::OtherArticle)
        } else {
            None
        };
        match because {
            Some(because) => Change::Replaced(Box::new(Replaced {
                because,
                previous,
                previous_title: title,
            })),
            None => Change::Updated,
        }
    }

    /// The title and text of the stored article with `key`, as the writer opened the index
    /// (empty when it cannot be read).
    fn stored_title_and_text(&self, key: &str) -> (String, String) {
        let f = self.index.fields;
        let query = TermQuery::new(Term::from_field_text(f.key, key), IndexRecordOption::Basic);
        let found = self
            .searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .ok()
            .and_then(|top| top.first().map(|(_, addr)| *addr))
            .and_then(|addr| self.searcher.doc::<TantivyDocument>(addr).ok());
        found.map_or_else(Default::default, |doc| {
            (stored_text(&doc, f.title), stored_text(&doc, f.text))
        })
    }

    /// [`NewsWriter::add`] given the article's content hash.
    fn write(&mut self, prepared: &mut Prepared, hash: u64) -> Result<Change> {
        let key = prepared.doc.key();
        let file = self.files.of(&prepared.doc.origin.path);
        let change = self.classify(&key, &prepared.doc, hash, &file);
        match &change {
            Change::Unchanged => {
                if let Some(e) = self.stored.map.get_mut(&key) {
                    e.seen = true;
                }
                return Ok(change);
            }
            Change::Duplicate(d) if !d.replaced => return Ok(change),
            _ => {}
        }
        let f = self.index.fields;
        let v2 = self.v2;
        if change != Change::Added {
            self.writer.delete_term(Term::from_field_text(f.key, &key));
        }
        let doc = &prepared.doc;
        let mut d = TantivyDocument::default();
        d.add_text(f.key, &key);
        d.add_text(f.id, &doc.id);
        d.add_text(f.path, &doc.origin.path);
        d.add_text(v2.feed, &doc.origin.feed);
        d.add_text(v2.file, &file);
        if let Some(line) = doc.origin.line {
            d.add_u64(v2.line, line as u64);
        }
        d.add_text(v2.script, doc.script.code());
        let m = &doc.meta;
        if let Some(url) = &m.url {
            d.add_text(f.url, url);
        }
        d.add_text(f.title, doc.title());
        // The body's terms wait in the cache for the tokenizer, under the key indexed in the
        // text's place. (A pre-tokenized string would say the same more plainly, but tantivy's
        // document serializes it, tokens and text: measured slower.)
        d.add_text(
            f.body,
            self.index.cache.put(std::mem::take(&mut prepared.terms)),
        );
        d.add_text(f.text, &doc.text);
        if let Some(date) = &m.date {
            d.add_text(f.date, date);
            if let Some(day) = parse_day(date) {
                d.add_i64(f.day, super::date::number(day));
                if let Some(published) = f.published {
                    d.add_date(published, super::date::midnight_utc(day));
                }
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
        let (ranked, kinds) = crate::analyze::entity_ranking(&prepared.entities);
        for canonical in ranked {
            d.add_text(f.entity, canonical);
        }
        for k in kinds {
            d.add_text(f.kind, k.as_str());
        }
        for k in &prepared.keywords {
            d.add_text(f.keywords, &k.term);
        }
        d.add_text(f.hash, format!("{hash:016x}"));
        if let Some(field) = f.id_key {
            d.add_u64(field, id_key(&key));
        }
        self.writer
            .add_document(d)
            .map_err(|e| write_error(&self.index.dir, e))?;
        let entry = Entry {
            hash,
            file,
            line: line_of(doc),
            feed: interned(&mut self.stored.last_feed, &doc.origin.feed),
            seen: true,
        };
        self.stored.map.insert(key, entry);
        Ok(change)
    }

    /// Deletes the articles of `feeds` that this run's input did not give (gone from the
    /// feed). Returns how many were deleted. Call it only after reading every input of those
    /// feeds without a failure, since an article that failed to read was not seen either.
    pub fn prune(&mut self, feeds: &[String]) -> usize {
        let f = self.index.fields;
        let gone: Vec<String> = self
            .stored
            .map
            .iter()
            .filter(|(_, e)| !e.seen && feeds.iter().any(|feed| feed.as_str() == &*e.feed))
            .map(|(key, _)| key.clone())
            .collect();
        for key in &gone {
            self.writer.delete_term(Term::from_field_text(f.key, key));
            self.stored.map.remove(key);
        }
        gone.len()
    }

    /// Makes everything written so far durable and visible to searches, with a record of the
    /// commit ([`super::CommitInfo`]).
    ///
    /// The segments committed are then merged in the background as tantivy's default policy
    /// would (eight of a size); a merge that fails (a full disk) fails the next commit, so
    /// the run stops and the caller cleans up ([`super::after_failed_write`]).
    pub fn commit(&mut self) -> Result<()> {
        self.wait_for_merges()?;
        let payload = super::CommitInfo::now().payload();
        let mut prepared = self
            .writer
            .prepare_commit()
            .map_err(|e| write_error(&self.index.dir, e))?;
        prepared.set_payload(&payload);
        prepared
            .commit()
            .map_err(|e| write_error(&self.index.dir, e))?;
        // Everything added has been tokenized by now; nothing should be left.
        self.index.cache.clear();
        self.start_merges()
    }

    /// Starts the merges [`LogMergePolicy`] picks among the committed segments.
    fn start_merges(&mut self) -> Result<()> {
        let segments = self
            .writer
            .index()
            .searchable_segment_metas()
            .map_err(|e| write_error(&self.index.dir, e))?;
        // (One segment without deletes has nothing to merge: tantivy's own rule.)
        if segments.len() == 1 && !segments[0].has_deletes() {
            return Ok(());
        }
        for candidate in LogMergePolicy::default().compute_merge_candidates(&segments) {
            self.merging.push(self.writer.merge(&candidate.0));
        }
        Ok(())
    }

    /// Waits for the merges started by the last commit; the first failure, if any.
    fn wait_for_merges(&mut self) -> Result<()> {
        let mut failure = None;
        for merge in self.merging.drain(..) {
            if let Err(e) = merge.wait() {
                failure.get_or_insert(e);
            }
        }
        failure.map_or(Ok(()), |e| Err(write_error(&self.index.dir, e)))
    }
}

impl Drop for NewsWriter<'_> {
    /// Lets the merges of the last commit finish (an abandoned merge leaves its files behind);
    /// when one failed, removes its files. The index is at its last commit either way.
    fn drop(&mut self) {
        if self.wait_for_merges().is_err() {
            let _ = self.writer.garbage_collect_files().wait();
        }
    }
}

/// Whether two texts are much the same story: at least half of the shorter one's character
/// 4-grams are in the other (an update adds and edits paragraphs; another story shares little
/// beyond common phrases).
fn similar(a: &str, b: &str) -> bool {
    fn grams(s: &str) -> rustc_hash::FxHashSet<u64> {
        let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        chars
            .windows(4)
            .map(|w| FxBuildHasher.hash_one(w))
            .collect()
    }
    let (a, b) = (grams(a), grams(b));
    let (small, large) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if small.is_empty() {
        return a.len() == b.len();
    }
    let shared = small.iter().filter(|g| large.contains(g)).count();
    shared * 2 >= small.len()
}

/// FNV-1a over the fields that make an article, its feed included: stable across runs and
/// platforms (stored as 16 hex digits).
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
        doc.origin.feed.as_str(),
    ] {
        for b in part.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
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
                .add_all(docs.into_iter().map(Ok), 2, WriteOptions::default(), |c| {
                    changes.push(c.map(|w| w.change).map_err(|e| e.to_string()))
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
}

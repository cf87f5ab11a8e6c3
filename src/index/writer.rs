//! Writing: analyse articles on all cores, write them in input order, commit in batches.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rustc_hash::FxBuildHasher;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::tokenizer::{SUBWORDS, Terms, index_terms};
use super::{NewsIndex, day_number, index_error};
use crate::analyze::Analyzer;
use crate::error::{Error, Result};
use crate::model::{Document, Entity, Keyword};

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
pub(super) struct Hashes {
    pub(super) map: HashMap<String, (u64, Arc<str>)>,
    last: Option<Arc<str>>,
}

impl Hashes {
    pub(super) fn with_capacity(n: usize) -> Hashes {
        Hashes {
            map: HashMap::with_capacity(n),
            last: None,
        }
    }

    /// `path`, shared with the previous article's when it is the same.
    pub(super) fn path(&mut self, path: &str) -> Arc<str> {
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

impl<'a> NewsWriter<'a> {
    pub(super) fn new(index: &'a NewsIndex, writer: IndexWriter, hashes: Hashes) -> Self {
        NewsWriter {
            index,
            writer,
            hashes,
        }
    }

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
}

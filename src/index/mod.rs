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

mod date;
mod facets;
mod fault;
pub mod query;
mod remove;
mod schema;
mod search;
mod snippet;
mod stats;
mod stored;
mod tokenizer;
mod trends;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, TantivyDocument};

use crate::analyze::Analyzer;
use crate::error::{Error, Result};

pub use date::{day_number, iso_day, parse_day};
pub use fault::after_failed_write;
pub use remove::Removal;
pub use schema::SCHEMA_VERSION;
pub use search::{Facet, Hit, KindFacet, SearchOptions, SearchResults};
pub use snippet::snippet;
pub use stats::{Dates, FeedStats, IndexStats, KindStats, NameCount};
pub use stored::StoredDocuments;
pub use tokenizer::{NewsTokenStream, NewsTokenizer, Segmented, Terms, query_terms, segmented};
pub use trends::{Period, PeriodRange, Series, TrendOptions, Trends};
pub use writer::{
    Batch, Change, Duplicate, NewsWriter, Prepared, Replaced, ReplacedBecause, WriteOptions,
    Written, prepare,
};

use schema::{Fields, schema};
use tokenizer::TermCache;
use writer::Stored;

/// The name the tokenizer is registered under.
const TOKENIZER: &str = "newslens";
/// Writer memory budget.
const WRITER_HEAP: usize = 100_000_000;

/// A newslens index on disk.
pub struct NewsIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// The schema version the index was built with ([`SCHEMA_VERSION`] or older).
    version: u32,
    analyzer: Arc<Analyzer>,
    cache: Arc<TermCache>,
    /// `meta.json` as it was when the reader was last found up to date, and when.
    meta_seen: std::sync::Mutex<Option<(MetaStamp, std::time::Instant)>>,
    /// Names of the entity field's term ordinals, segment by segment (for facets).
    entity_names: facets::FacetNames,
    /// Names of the kind field's term ordinals, segment by segment (for facets).
    kind_names: facets::FacetNames,
}

/// Which `meta.json` an index folder holds: tantivy writes every commit's to a new file it
/// renames into place, so a new commit changes its identity, time or length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MetaStamp {
    inode: u64,
    len: u64,
    modified: std::time::SystemTime,
}

impl MetaStamp {
    /// The stamp of `dir`'s `meta.json`, if it can be read.
    fn of(dir: &Path) -> Option<MetaStamp> {
        let m = std::fs::metadata(dir.join("meta.json")).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(not(unix))]
        let inode = 0;
        Some(MetaStamp {
            inode,
            len: m.len(),
            modified: m.modified().ok()?,
        })
    }
}

/// What each commit records in the index beside the articles (tantivy's commit payload).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitInfo {
    /// The schema version the commit was written with.
    pub schema: u32,
    /// When it was made (RFC 3339, UTC).
    pub committed: String,
    /// The newslens version that made it.
    pub newslens: String,
}

impl CommitInfo {
    /// The record of a commit made now.
    fn now() -> CommitInfo {
        CommitInfo {
            schema: SCHEMA_VERSION,
            committed: jiff::Timestamp::now()
                .round(jiff::Unit::Second)
                .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string()),
            newslens: env!("CARGO_PKG_VERSION").to_string(),
        }
    }

    /// As a commit payload (JSON).
    fn payload(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
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

/// Whether a directory entry is one of tantivy's files: `meta.json`, `.managed.json`, its lock
/// and temporary files, and segment files named by a 32-digit hexadecimal id.
fn tantivy_file(name: &str) -> bool {
    let segment = name
        .split_once('.')
        .is_some_and(|(id, _)| id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit()));
    segment
        || matches!(name, "meta.json" | ".managed.json")
        || name.starts_with(".tantivy-")
        || name.starts_with(".tmp")
}

/// The entries of `dir` that are not tantivy's (none when it does not exist).
fn foreign_entries(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !tantivy_file(n))
        .collect();
    names.sort();
    names
}

/// Whether the `meta.json` of `dir` describes another program's index (it reads, and lacks
/// the fields every newslens index has). A `meta.json` that does not read says nothing: the
/// index may be a damaged newslens index.
fn foreign_index(dir: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(dir.join("meta.json")) else {
        return false;
    };
    let Ok(meta) = serde_json::from_str::<serde_json::Value>(&text) else {
        return false;
    };
    let Some(fields) = meta.get("schema").and_then(|s| s.as_array()) else {
        return false;
    };
    let names: Vec<&str> = fields
        .iter()
        .filter_map(|f| f.get("name")?.as_str())
        .collect();
    !["id", "title", "body", "text", "hash"]
        .iter()
        .all(|n| names.contains(n))
}

impl NewsIndex {
    /// Opens the index in `dir`, creating it (and the directory) when there is none. A new
    /// index goes only into a new or empty directory (or one holding tantivy's files alone).
    pub fn open_or_create(dir: &Path, analyzer: Arc<Analyzer>) -> Result<NewsIndex> {
        not_a_file(dir)?;
        let index = if dir.join("meta.json").exists() {
            Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?
        } else {
            let others = foreign_entries(dir);
            if !others.is_empty() {
                return Err(Error::Index {
                    path: dir.to_path_buf(),
                    reason: format!(
                        "this directory is not empty ({}{}) and holds no index; give --index a new or empty directory",
                        others
                            .iter()
                            .take(3)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(", "),
                        if others.len() > 3 { ", …" } else { "" }
                    ),
                });
            }
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            Index::create_in_dir(dir, schema().0).map_err(|e| index_error(dir, e))?
        };
        Self::from_index(dir, index, analyzer)
    }

    /// Opens or creates the index that `storage` holds, `dir` being its folder on disk (for
    /// messages and the clean-up after a failed write): for storage other than tantivy's
    /// memory-mapped directory, and for fault injection in tests.
    pub fn open_or_create_in(
        dir: &Path,
        storage: Box<dyn tantivy::directory::Directory>,
        analyzer: Arc<Analyzer>,
    ) -> Result<NewsIndex> {
        let index = Index::open_or_create(storage, schema().0).map_err(|e| index_error(dir, e))?;
        Self::from_index(dir, index, analyzer)
    }

    /// A new, empty index in place of the one in `dir` (`--rebuild`); as
    /// [`NewsIndex::open_or_create`] when there is none. Deletes tantivy's files only, so
    /// nothing else that lies there is lost, and never another program's index. A damaged
    /// newslens index (its `meta.json` unreadable) is replaced too: that is what a rebuild is
    /// for.
    pub fn recreate(dir: &Path, analyzer: Arc<Analyzer>) -> Result<NewsIndex> {
        not_a_file(dir)?;
        if !dir.join("meta.json").exists() {
            return Self::open_or_create(dir, analyzer);
        }
        // Not under a run that writes to it: the lock says so (a damaged index that does not
        // open has no such run).
        if !foreign_index(dir)
            && let Ok(old) = Index::open_in_dir(dir)
            && let Err(tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            )) = old.writer::<tantivy::TantivyDocument>(15_000_000)
        {
            return Err(locked(dir));
        }
        Self::delete(dir)?;
        let index = Index::create_in_dir(dir, schema().0).map_err(|e| index_error(dir, e))?;
        Self::from_index(dir, index, analyzer)
    }

    /// Deletes tantivy's files in `dir`, unless they make another program's index.
    fn delete(dir: &Path) -> Result<()> {
        if foreign_index(dir) {
            return Err(Error::Index {
                path: dir.to_path_buf(),
                reason: "not a newslens index (another program's index, left as it is); give --rebuild a newslens index, or --index a directory of its own".to_string(),
            });
        }
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(());
        };
        for entry in entries.filter_map(|e| e.ok()) {
            let name = entry.file_name();
            if tantivy_file(&name.to_string_lossy()) {
                std::fs::remove_file(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
            }
        }
        Ok(())
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
        let index = Index::open_in_dir(dir).map_err(|e| index_error(dir, e))?;
        match Self::from_index(dir, index, analyzer.clone()) {
            // A folder this process cannot write in (a read-only file system, another user's
            // index): read without tantivy's lock files, which cannot be created there.
            Err(Error::Index { reason, .. }) if reason.starts_with(fault::NOT_WRITABLE) => {
                let storage =
                    fault::ReadOnlyDirectory::open(dir).map_err(|reason| Error::Index {
                        path: dir.to_path_buf(),
                        reason,
                    })?;
                let index = Index::open(storage).map_err(|e| index_error(dir, e))?;
                Self::from_index(dir, index, analyzer)
            }
            other => other,
        }
    }

    fn from_index(dir: &Path, mut index: Index, analyzer: Arc<Analyzer>) -> Result<NewsIndex> {
        let (fields, version) = Fields::of(&index.schema()).map_err(|why| Error::Index {
            path: dir.to_path_buf(),
            reason: format!(
                "not a newslens index ({why}): another program's index, left as it is; give newslens a directory of its own with --index"
            ),
        })?;
        // Registered on every open: tantivy does not persist tokenizers.
        let cache = Arc::new(TermCache::default());
        index.tokenizers().register(
            TOKENIZER,
            TextAnalyzer::from(NewsTokenizer::with_cache(analyzer.clone(), cache.clone())),
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
            version,
            analyzer,
            cache,
            meta_seen: Default::default(),
            entity_names: Default::default(),
            kind_names: Default::default(),
        })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Searches each query on the calling thread alone (segments one after the other): for a
    /// server, whose concurrent requests already keep every core busy, fanning each one out
    /// only adds thread switches.
    pub fn search_on_one_thread(&mut self) -> Result<()> {
        self.index.set_executor(tantivy::Executor::single_thread());
        self.reader = self.index.reader().map_err(|e| index_error(&self.dir, e))?;
        Ok(())
    }

    /// A searcher on the index's last commit. The reader is reloaded only when a commit since
    /// its last load changed the segments or their deletions: reloading opens every segment,
    /// which cost a busy server more than the searches themselves. And the commit is read
    /// only when `meta.json` is not the file last read (its schema alone takes longer to
    /// parse than an article page to render).
    pub(crate) fn searcher(&self) -> Result<tantivy::Searcher> {
        // Taken before reading the commit: one landing meanwhile is looked at next time.
        let stamp = MetaStamp::of(&self.dir);
        let seen = || {
            self.meta_seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
        };
        // (At least once a second the commit is read all the same: a file system that keeps
        // times in whole seconds may give two commits of one length, the later one in a
        // reused inode, the same stamp.)
        if let Some(stamp) = stamp
            && seen().is_some_and(|(s, at)| s == stamp && at.elapsed().as_secs() < 1)
        {
            return Ok(self.reader.searcher());
        }
        let searcher = self.searcher_of_last_commit()?;
        *seen() = stamp.map(|s| (s, std::time::Instant::now()));
        Ok(searcher)
    }

    /// [`Self::searcher`] after reading the last commit's list of segments.
    fn searcher_of_last_commit(&self) -> Result<tantivy::Searcher> {
        let current = self.reader.searcher();
        let metas = self
            .index
            .load_metas()
            .map_err(|e| index_error(&self.dir, e))?;
        let loaded = current.generation().segments();
        let unchanged = metas.segments.len() == loaded.len()
            && metas
                .segments
                .iter()
                .all(|m| loaded.get(&m.id()) == Some(&m.delete_opstamp()));
        if unchanged {
            return Ok(current);
        }
        self.reader
            .reload()
            .map_err(|e| index_error(&self.dir, e))?;
        Ok(self.reader.searcher())
    }

    /// [`Self::searcher`], or the searcher last loaded when the index cannot be read now.
    fn searcher_or_last(&self) -> tantivy::Searcher {
        self.searcher().unwrap_or_else(|_| self.reader.searcher())
    }

    /// The analyzer the index searches with (its tokenizer's, shared).
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The schema version the index was built with: [`SCHEMA_VERSION`], or 1 for an index of
    /// an older newslens (searchable, not writable).
    pub fn schema_version(&self) -> u32 {
        self.version
    }

    /// What the last commit recorded; `None` before the first commit, or for an index whose
    /// commits recorded nothing (older newslens).
    pub fn last_commit(&self) -> Option<CommitInfo> {
        let payload = self.index.load_metas().ok()?.payload?;
        serde_json::from_str(&payload).ok()
    }

    /// Number of articles (as of the last commit).
    pub fn len(&self) -> usize {
        // Writers do not reload the reader on every commit (a cost per batch); catch up here.
        // On failure the count is the one last loaded.
        self.searcher_or_last().num_docs() as usize
    }

    /// True when the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every article of the index (as of the last commit), rebuilt from its stored text and
    /// metadata, segment by segment in stored order; one at a time, so memory stays flat.
    pub fn documents(&self) -> StoredDocuments {
        StoredDocuments::new(self.searcher_or_last(), self.fields, self.dir.clone())
    }

    /// A writer; fails at once when another process holds the lock, or when the index was
    /// built by an older newslens (its articles are keyed differently).
    pub fn writer(&self) -> Result<NewsWriter<'_>> {
        let fields = self.writable_fields()?;
        let writer = self.tantivy_writer(WRITER_HEAP)?;
        let searcher = self.searcher_or_last();
        let stored =
            Stored::load(&searcher, self.fields, fields).map_err(|e| index_error(&self.dir, e))?;
        Ok(NewsWriter::new(self, writer, searcher, fields, stored))
    }

    /// tantivy's writer with `heap` bytes of memory; a clear error when another process holds
    /// the lock.
    fn tantivy_writer(&self, heap: usize) -> Result<tantivy::IndexWriter> {
        self.index.writer(heap).map_err(|e| match e {
            tantivy::TantivyError::LockFailure(
                tantivy::directory::error::LockError::LockBusy,
                _,
            ) => locked(&self.dir),
            e => index_error(&self.dir, e),
        })
    }

    /// The fields of the current schema, or the error that says an older index cannot take
    /// new articles and what to do.
    fn writable_fields(&self) -> Result<schema::FieldsV2> {
        let why = match (self.fields.v2, self.version) {
            (Some(v2), SCHEMA_VERSION) => return Ok(v2),
            (Some(_), _) => {
                "schema 2, which keeps dates as text only: `newslens trends` cannot \
                             count its articles by day"
            }
            (None, _) => {
                "schema 1, which keyed articles by their id alone: articles of two \
                          feeds with the same id replaced one another there"
            }
        };
        Err(Error::Index {
            path: self.dir.clone(),
            reason: format!(
                "built by an older newslens ({why}). It can still be searched, but not written \
                 to. Build it again from your inputs: `newslens index --rebuild --index {} \
                 INPUT…` (schema {SCHEMA_VERSION})",
                self.dir.display()
            ),
        })
    }

    fn text(&self, doc: &TantivyDocument, field: Field) -> String {
        stored_text(doc, field)
    }
}

/// The first text value of `field` in a stored document (empty when it has none).
fn stored_text(doc: &TantivyDocument, field: Field) -> String {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string()
}

/// The error of an index another process is writing to.
fn locked(dir: &Path) -> Error {
    Error::Index {
        path: dir.to_path_buf(),
        reason: "index is locked by another newslens process (an `index` run is writing to it); wait for it to finish".to_string(),
    }
}

/// The error of an index that cannot be opened or read (or a writer not created): the cause
/// named when it is the folder's (read-only, permission denied, no space), and `--rebuild`
/// advised only when the index's last commit really does not open.
fn index_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::Index {
        path: dir.to_path_buf(),
        reason: fault::explain(dir, &e),
    }
}

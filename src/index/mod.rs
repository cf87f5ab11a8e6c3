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
pub mod query;
mod schema;
mod search;
mod snippet;
mod stored;
mod tokenizer;
mod writer;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::collector::DocSetCollector;
use tantivy::query::AllQuery;
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, TantivyDocument};

use crate::analyze::Analyzer;
use crate::error::{Error, Result};

pub use date::day_number;
pub use search::{Facet, Hit, SearchOptions, SearchResults};
pub use snippet::snippet;
pub use stored::StoredDocuments;
pub use tokenizer::{NewsTokenStream, NewsTokenizer, Segmented, Terms, query_terms, segmented};
pub use writer::{Batch, Change, NewsWriter, Prepared, prepare};

use schema::{Fields, ID_KEY, schema};
use tokenizer::TermCache;
use writer::Hashes;

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
        StoredDocuments::new(self.reader.searcher(), self.fields, self.dir.clone())
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
        Ok(NewsWriter::new(self, writer, hashes))
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
}

fn index_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::Index {
        path: dir.to_path_buf(),
        reason: format!(
            "{e} (if the index is damaged, rebuild it with `newslens index --rebuild`)"
        ),
    }
}

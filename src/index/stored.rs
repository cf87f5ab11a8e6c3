//! The articles stored in an index, rebuilt as documents.

use std::path::PathBuf;

use tantivy::TantivyDocument;
use tantivy::schema::{Field, Value};

use super::index_error;
use super::schema::Fields;
use crate::error::Result;
use crate::model::{Document, Origin};

/// The articles of an index, from [`NewsIndex::documents`](super::NewsIndex::documents).
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
    pub(super) fn new(searcher: tantivy::Searcher, fields: Fields, dir: PathBuf) -> Self {
        StoredDocuments {
            searcher,
            fields,
            dir,
            segment: 0,
            doc: 0,
        }
    }

    fn load(&self, addr: tantivy::DocAddress) -> Result<Document> {
        let stored: TantivyDocument = self
            .searcher
            .doc(addr)
            .map_err(|e| index_error(&self.dir, e))?;
        document_of(self.fields, &stored)
    }
}

/// The article a stored document holds, rebuilt from its stored text and metadata.
pub(super) fn document_of(f: Fields, stored: &TantivyDocument) -> Result<Document> {
    let text = |field: Field| {
        stored
            .get_first(field)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let meta = crate::model::Metadata {
        title: text(f.title),
        date: text(f.date),
        source: text(f.source),
        author: text(f.author),
        url: text(f.url),
        lang: text(f.lang),
        bylines: Vec::new(),
    };
    let origin = Origin {
        path: text(f.path).unwrap_or_default(),
        line: f
            .v2
            .and_then(|v2| stored.get_first(v2.line)?.as_u64())
            .map(|l| l as usize),
        feed: f.v2.and_then(|v2| text(v2.feed)).unwrap_or_default(),
    };
    crate::ingest::Ingester::document_from_stored(
        text(f.id).unwrap_or_default(),
        origin,
        meta,
        text(f.text).unwrap_or_default(),
    )
}

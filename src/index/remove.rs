//! Removing articles: a whole feed, or what a query matches, in one commit.

use tantivy::Term;
use tantivy::collector::Count;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::query::ParsedQuery;
use super::{NewsIndex, SearchOptions, index_error};
use crate::error::Result;

/// Which articles [`NewsIndex::remove`] deletes.
#[derive(Debug, Clone)]
pub enum Removal {
    /// Every article of a feed.
    Feed(String),
    /// Every article a query matches (in the query language of `search`), within the dates of
    /// the options (their paging is ignored).
    Query(ParsedQuery, SearchOptions),
}

/// Writer memory for a removal (it adds nothing).
const REMOVE_HEAP: usize = 15_000_000;

impl NewsIndex {
    /// Deletes the articles `what` selects, all in one commit (a failure leaves the index as it
    /// was), and returns how many there were; with `dry_run`, only counts them.
    pub fn remove(&self, what: &Removal, dry_run: bool) -> Result<usize> {
        let fields = self.writable_fields()?;
        let query: Box<dyn Query> = match what {
            Removal::Feed(name) => Box::new(TermQuery::new(
                Term::from_field_text(fields.feed, name),
                IndexRecordOption::Basic,
            )),
            Removal::Query(q, opts) => Box::new(self.query(q, opts)?.0),
        };
        let count = self
            .searcher_or_last()
            .search(query.as_ref(), &Count)
            .map_err(|e| index_error(&self.dir, e))?;
        if count == 0 || dry_run {
            return Ok(count);
        }
        let write = || -> Result<()> {
            let mut writer = self.tantivy_writer(REMOVE_HEAP)?;
            // No merges from a removal: tantivy would start them in the background after the
            // commit and the process could exit in the middle of one, leaving its files
            // behind. The next `index` run merges (and waits for its merges).
            writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
            let failed = |e| super::fault::write_error(&self.dir, e);
            writer.delete_query(query).map_err(failed)?;
            let mut commit = writer.prepare_commit().map_err(failed)?;
            commit.set_payload(&super::CommitInfo::now().payload());
            commit.commit().map_err(failed)?;
            Ok(())
        };
        // (The writer is gone when `write` returns: the clean-up may take the lock.)
        write().map_err(|e| super::after_failed_write(&self.dir, e))?;
        Ok(count)
    }

    /// The feeds of the index, by name.
    pub fn feeds(&self) -> Result<Vec<String>> {
        Ok(self.stats(0)?.feeds.into_iter().map(|f| f.feed).collect())
    }
}

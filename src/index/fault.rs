//! Faults while writing an index: what caused them, and putting the index back to its last
//! commit.
//!
//! A write can fail half-way (a full disk during a segment write or a merge, a folder made
//! read-only, a file the process may not create). tantivy never overwrites a commit: the last
//! `meta.json` and the segments it names stay as they were. What the failed attempt wrote is
//! left behind, though, and keeps the disk full; [`after_failed_write`] removes it, checks that
//! the last commit opens, and says what happened and what to do — `--rebuild` only when the
//! last commit really does not open.

use std::io::ErrorKind;
use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

use crate::error::Error;

/// The error of a failed write to the index in `dir`.
pub(super) fn write_error(dir: &Path, e: tantivy::TantivyError) -> Error {
    Error::Write {
        path: dir.to_path_buf(),
        error: e.to_string(),
    }
}

/// What a failed write says once looked into: any [`Error::Write`] becomes an
/// [`Error::Index`] naming the cause (no space left, read-only, permission denied, an
/// input/output error, or the error itself), whether the index still opens with its last commit and how many articles
/// that holds, and what to do. The failed attempt's files are removed first, so that the space
/// they took comes back. Other errors are returned as they are.
///
/// Call it after the writer is gone (dropped), as it needs the index's lock.
pub fn after_failed_write(dir: &Path, failure: Error) -> Error {
    let Error::Write { path, error } = failure else {
        return failure;
    };
    // The folder's state before cleaning up (a full disk is still full), else what the error
    // itself says.
    let cause = probe(dir).or_else(|| kind_in_text(&error));
    let cleaned = remove_failed_files(dir);
    let state = match last_commit(dir) {
        Ok(n) => format!(
            "The index is intact at its last commit ({n} article{}): nothing committed was lost",
            if n == 1 { "" } else { "s" }
        ),
        Err(e) => format!(
            "Its last commit does not open ({e}): rebuild it with `newslens index --rebuild --index {} INPUT…`",
            dir.display()
        ),
    };
    let cleanup = match cleaned {
        Ok(0) => String::new(),
        Ok(n) => {
            format!("; the {n} file(s) of the failed attempt were removed, freeing their space")
        }
        Err(e) => format!("; the failed attempt's files could not be removed ({e})"),
    };
    let (what, todo) = match cause {
        Some(ErrorKind::StorageFull) | Some(ErrorKind::QuotaExceeded) => (
            "no space left on the device".to_string(),
            "free some space (or give --index a folder on another disk) and run the same command again: what was committed is kept, the rest is added".to_string(),
        ),
        Some(ErrorKind::ReadOnlyFilesystem) => (
            "the folder is on a read-only file system".to_string(),
            "index into a writable folder (--index DIR); `newslens search` still reads this one".to_string(),
        ),
        Some(ErrorKind::PermissionDenied) => (
            "permission denied: this user may not write in the folder".to_string(),
            "give --index a folder you may write to, or change the folder's permissions; `newslens search` still reads it".to_string(),
        ),
        // EIO, which has no stable `ErrorKind`: a write or an fsync the device failed.
        _ if error.contains("Input/output error") => (
            "the device reported an input/output error while saving the index (a failing disk, or a network mount gone)".to_string(),
            "check the disk or the mount (the system log says more), then run the same command again: what was committed is kept".to_string(),
        ),
        _ => (
            error.clone(),
            "run the same command again; what was committed is kept".to_string(),
        ),
    };
    Error::Index {
        path,
        reason: format!("writing failed: {what}. {state}{cleanup}. To go on: {todo}"),
    }
}

/// Removes the files no commit names (a failed attempt's segments) under the index's lock:
/// through tantivy's garbage collection, then any segment file (`<32 hex>.<ext>`) of a segment
/// the last commit does not hold, which a segment half-written when the write failed can leave
/// outside tantivy's list of files it manages. The number of files removed.
fn remove_failed_files(dir: &Path) -> std::result::Result<usize, String> {
    let index = tantivy::Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    let writer: tantivy::IndexWriter = index
        .writer_with_num_threads(1, 15_000_000)
        .map_err(|e| e.to_string())?;
    let result = writer
        .garbage_collect_files()
        .wait()
        .map_err(|e| e.to_string())?;
    let committed: std::collections::BTreeSet<String> = index
        .searchable_segment_ids()
        .map_err(|e| e.to_string())?
        .iter()
        .map(|id| id.uuid_string())
        .collect();
    let sweep = || -> std::result::Result<usize, String> {
        let mut removed = 0;
        for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
            let name = entry.file_name();
            let Some((id, _)) = name.to_str().and_then(|n| n.split_once('.')) else {
                continue;
            };
            let segment_file = id.len() == 32 && id.bytes().all(|b| b.is_ascii_hexdigit());
            if segment_file && !committed.contains(id) && std::fs::remove_file(entry.path()).is_ok()
            {
                removed += 1;
            }
        }
        Ok(removed)
    };
    // A background thread of the failed attempt may still be finishing a file: sweep again
    // until a sweep finds nothing (at most about half a second).
    let mut removed = result.deleted_files.len() + sweep()?;
    for _ in 0..10 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        match sweep()? {
            0 => break,
            n => removed += n,
        }
    }
    drop(writer);
    Ok(removed)
}

/// The number of articles of the index's last commit, or why it does not open.
fn last_commit(dir: &Path) -> std::result::Result<u64, String> {
    let index = tantivy::Index::open_in_dir(dir).map_err(|e| e.to_string())?;
    let reader = index.reader().map_err(|e| e.to_string())?;
    Ok(reader.searcher().num_docs())
}

/// Why writing in `dir` fails now, if it does: a small file is written, synced and removed.
fn probe(dir: &Path) -> Option<ErrorKind> {
    use std::io::Write;
    let path = dir.join(".newslens-write-probe");
    let result = (|| {
        let mut f = std::fs::File::create(&path)?;
        f.write_all(&[0u8; 64 * 1024])?;
        f.sync_all()
    })();
    let _ = std::fs::remove_file(&path);
    result.err().map(|e| e.kind())
}

/// A folder newslens may not write in (a read-only file system, another user's index): read
/// through tantivy's memory-mapped directory without taking its lock files, which cannot be
/// created there — and no writer can run there either, so none is needed.
#[derive(Debug, Clone)]
pub(super) struct ReadOnlyDirectory(MmapDirectory);

impl ReadOnlyDirectory {
    /// The index folder `dir`, to be read only.
    pub(super) fn open(dir: &Path) -> std::result::Result<Self, String> {
        MmapDirectory::open(dir)
            .map(ReadOnlyDirectory)
            .map_err(|e| e.to_string())
    }
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(
        &self,
        path: &Path,
    ) -> std::result::Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }
    fn delete(&self, path: &Path) -> std::result::Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: path.to_path_buf(),
        })
    }
    fn exists(&self, path: &Path) -> std::result::Result<bool, OpenReadError> {
        self.0.exists(path)
    }
    fn open_write(&self, path: &Path) -> std::result::Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: Arc::new(read_only()),
            filepath: path.to_path_buf(),
        })
    }
    fn atomic_read(&self, path: &Path) -> std::result::Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }
    fn atomic_write(&self, _path: &Path, _data: &[u8]) -> std::io::Result<()> {
        Err(read_only())
    }
    fn sync_directory(&self) -> std::io::Result<()> {
        Ok(())
    }
    /// Readers' lock granted (nobody can write here); a writer's refused.
    fn acquire_lock(&self, lock: &Lock) -> std::result::Result<DirectoryLock, LockError> {
        if lock.filepath == tantivy::directory::INDEX_WRITER_LOCK.filepath {
            return Err(LockError::wrap_io_error(read_only()));
        }
        Ok(DirectoryLock::from(Box::new(())))
    }
    fn watch(&self, cb: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(cb)
    }
}

fn read_only() -> std::io::Error {
    std::io::Error::new(
        ErrorKind::ReadOnlyFilesystem,
        "opened read-only: this folder cannot be written",
    )
}

/// How [`explain`] starts the reason of an index folder this process cannot write in (read-only
/// or permission denied): what `NewsIndex::open` looks for, to read it through
/// [`ReadOnlyDirectory`] instead.
pub(super) const NOT_WRITABLE: &str = "cannot write here";

/// The I/O error kind at the root of `e`, if any: its source chain, else its message (tantivy
/// passes some errors on as text, from its worker threads).
fn io_kind(e: &(dyn std::error::Error + 'static)) -> Option<ErrorKind> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        cur = err.source();
    }
    kind_in_text(&e.to_string())
}

/// The I/O error kind an error message names (tantivy passes some errors on as text only).
fn kind_in_text(text: &str) -> Option<ErrorKind> {
    [
        ("No space left", ErrorKind::StorageFull),
        ("Read-only file system", ErrorKind::ReadOnlyFilesystem),
        ("Permission denied", ErrorKind::PermissionDenied),
    ]
    .into_iter()
    .find(|(m, _)| text.contains(m))
    .map(|(_, k)| k)
}

/// What a tantivy error opening, reading or starting to write the index in `dir` means.
pub(super) fn explain(dir: &Path, e: &tantivy::TantivyError) -> String {
    match io_kind(e) {
        Some(ErrorKind::ReadOnlyFilesystem) => format!(
            "{NOT_WRITABLE}: the folder is on a read-only file system. `newslens search` still reads it; to add articles, index into a writable folder (--index DIR)"
        ),
        Some(ErrorKind::PermissionDenied) => format!(
            "{NOT_WRITABLE}: permission denied. `newslens search` still reads it; give --index a folder this user may write to, or change its permissions"
        ),
        Some(ErrorKind::StorageFull) => {
            "no space left on the device; free some space and run the command again".to_string()
        }
        _ => match last_commit(dir) {
            Ok(_) => format!("{e} (the index's last commit opens: it is not damaged)"),
            Err(_) => format!(
                "{e} (its last commit does not open: if it is a newslens index, rebuild it with `newslens index --rebuild --index {} INPUT…`)",
                dir.display()
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    //! Fault injection: a tantivy directory that runs out of space after a number of bytes or
    //! when a merge starts, fails an fsync, or fails to write `meta.json` (the commit itself). Each time the index must still open with
    //! its last commit, the failed attempt's files must be gone, and a rerun must add the rest.
    use super::*;
    use std::io::Write;
    use std::path::PathBuf;
    use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};

    use tantivy::directory::{AntiCallToken, TerminatingWrite};

    use crate::analyze::Analyzer;
    use crate::index::{NewsIndex, WriteOptions};
    use crate::ingest::{IngestConfig, Ingester, InputFormat};
    use crate::model::{Document, Origin};

    /// Shared switches of a [`Faulty`] directory.
    #[derive(Debug, Default)]
    struct Faults {
        /// Bytes that may still be written (negative: no limit).
        budget: AtomicI64,
        /// Fail the atomic write of `meta.json`.
        meta: AtomicBool,
        /// Fail the fsync of each file written.
        fsync: AtomicBool,
        /// Fail the fsync of the folder (tantivy syncs it before writing `meta.json`).
        sync_dir: AtomicBool,
        /// The disk fills when a merge starts writing: from the first file a merge opens,
        /// no write has room.
        merge_full: AtomicBool,
    }

    impl Faults {
        /// Switches that fail nothing.
        fn off() -> Arc<Faults> {
            let faults = Faults::default();
            faults.budget.store(-1, Ordering::SeqCst);
            Arc::new(faults)
        }

        /// Fills the disk if a merge opens a file and [`Faults::merge_full`] is set (tantivy
        /// merges on threads named `merge_thread_N`).
        fn opening(&self) {
            let merging = std::thread::current()
                .name()
                .is_some_and(|n| n.starts_with("merge_thread"));
            if merging && self.merge_full.load(Ordering::SeqCst) {
                self.budget.store(0, Ordering::SeqCst);
            }
        }
    }

    fn no_space() -> std::io::Error {
        std::io::Error::new(ErrorKind::StorageFull, "No space left on device (injected)")
    }

    /// What a failing fsync returns (EIO: a bad disk, a lost network mount).
    fn io_failure() -> std::io::Error {
        std::io::Error::other("Input/output error (injected)")
    }

    #[derive(Debug, Clone)]
    struct Faulty {
        inner: MmapDirectory,
        faults: Arc<Faults>,
    }

    struct Counted {
        inner: WritePtr,
        faults: Arc<Faults>,
    }

    impl Write for Counted {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let left = self.faults.budget.load(Ordering::SeqCst);
            if left >= 0 {
                if (buf.len() as i64) > left {
                    self.faults.budget.store(0, Ordering::SeqCst);
                    return Err(no_space());
                }
                self.faults
                    .budget
                    .fetch_sub(buf.len() as i64, Ordering::SeqCst);
            }
            self.inner.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.inner.flush()
        }
    }

    impl TerminatingWrite for Counted {
        fn terminate_ref(&mut self, token: AntiCallToken) -> std::io::Result<()> {
            if self.faults.fsync.load(Ordering::SeqCst) {
                return Err(io_failure());
            }
            self.inner.terminate_ref(token)
        }
    }

    impl Directory for Faulty {
        fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
            self.inner.get_file_handle(path)
        }
        fn delete(&self, path: &Path) -> Result<(), DeleteError> {
            self.inner.delete(path)
        }
        fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
            self.inner.exists(path)
        }
        fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
            self.faults.opening();
            let inner = self.inner.open_write(path)?;
            Ok(std::io::BufWriter::new(Box::new(Counted {
                inner,
                faults: self.faults.clone(),
            })))
        }
        fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
            self.inner.atomic_read(path)
        }
        fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
            if path == Path::new("meta.json") && self.faults.meta.load(Ordering::SeqCst) {
                return Err(no_space());
            }
            self.inner.atomic_write(path, data)
        }
        fn sync_directory(&self) -> std::io::Result<()> {
            if self.faults.sync_dir.load(Ordering::SeqCst) {
                return Err(io_failure());
            }
            self.inner.sync_directory()
        }
        fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
            self.inner.acquire_lock(lock)
        }
        fn watch(&self, cb: WatchCallback) -> tantivy::Result<WatchHandle> {
            self.inner.watch(cb)
        }
    }

    fn articles(n: usize) -> Vec<Document> {
        let ingester = Ingester::new(IngestConfig::default());
        (0..n)
            .map(|i| {
                let text = format!(
                    "第{i}号快讯：英伟达与阿里云扩大合作\n\n阿里云第{i}次宣布采购英伟达H20芯片，用于大模型推理服务。业内人士表示，订单规模仍在扩大，编号{i}。"
                );
                ingester
                    .document_from_text(
                        format!("a{i:03}.txt"),
                        Origin::file(format!("a{i:03}.txt")),
                        "UTF-8",
                        text,
                        InputFormat::Text,
                    )
                    .unwrap()
            })
            .collect()
    }

    /// What [`after_failed_write`] says of a full disk.
    const NO_SPACE: &str = "writing failed: no space left on the device";

    /// What [`after_failed_write`] says of a failed fsync.
    const IO_ERROR: &str = "writing failed: the device reported an input/output error";

    fn files(dir: &Path) -> std::collections::BTreeSet<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.'))
            .collect()
    }

    /// Writes `docs` in batches of 10; the error of the first failed write, if any.
    fn write(index: &NewsIndex, docs: Vec<Document>) -> Option<Error> {
        let mut writer = index.writer().unwrap();
        let mut options = WriteOptions::default();
        options.batch.articles = 10;
        let result = writer
            .add_all(docs.into_iter().map(Ok), 1, options, |_| {})
            .and_then(|()| writer.commit());
        result.err()
    }

    /// How many articles `query` finds in `index`.
    fn hits(index: &NewsIndex, query: &str) -> usize {
        index
            .search(
                &crate::index::query::parse(query).unwrap(),
                &crate::index::SearchOptions::default(),
            )
            .unwrap()
            .total
    }

    /// Writes 20 articles, arms `arm`, writes 50: the run fails with an error whose
    /// explanation names `cause`, and the index is back at its 20 articles.
    fn fault_leaves_the_last_commit(arm: impl Fn(&Faults), cause: &str) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let analyzer = Arc::new(Analyzer::with_defaults().unwrap());
        let faults = Faults::off();
        let storage = Faulty {
            inner: MmapDirectory::open(dir).unwrap(),
            faults: faults.clone(),
        };
        let all = articles(50);
        {
            let index =
                NewsIndex::open_or_create_in(dir, Box::new(storage.clone()), analyzer.clone())
                    .unwrap();
            assert!(write(&index, all[..20].to_vec()).is_none());
        }
        let committed = files(dir);
        arm(&faults);
        let failure = {
            let index =
                NewsIndex::open_or_create_in(dir, Box::new(storage), analyzer.clone()).unwrap();
            // The new articles first, so that the failed attempt has written segments.
            let new_first = all.iter().rev().cloned().collect();
            write(&index, new_first).expect("the injected fault fails the run")
        };
        assert!(matches!(failure, Error::Write { .. }), "{failure}");
        let explained = after_failed_write(dir, failure).to_string();
        assert!(explained.contains(cause), "{explained}");
        assert!(
            explained.contains("The index is intact at its last commit (20 articles)"),
            "{explained}"
        );
        assert!(!explained.contains("--rebuild"), "{explained}");
        // The failed attempt's files are gone; the last commit opens and searches.
        let left: Vec<_> = files(dir).difference(&committed).cloned().collect();
        assert!(left.is_empty(), "left behind: {left:?}");
        let index = NewsIndex::open(dir, analyzer.clone()).unwrap();
        assert_eq!(index.len(), 20);
        assert_eq!(hits(&index, "英伟达"), 20);
        // The rerun, with space again, adds the rest and nothing twice.
        assert!(write(&index, all).is_none());
        let index = NewsIndex::open(dir, analyzer).unwrap();
        assert_eq!(index.len(), 50);
    }

    /// The segments of the last commit in `dir`.
    fn segments(dir: &Path) -> std::collections::BTreeSet<String> {
        let index = tantivy::Index::open_in_dir(dir).unwrap();
        let ids = index.searchable_segment_ids().unwrap();
        ids.iter().map(|id| id.uuid_string()).collect()
    }

    /// The files in `dir` that its last commit does not name: anything but `meta.json` and
    /// the files of its segments.
    fn uncommitted(dir: &Path) -> Vec<PathBuf> {
        let ids = segments(dir);
        files(dir)
            .into_iter()
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name != "meta.json" && !ids.iter().any(|id| name.starts_with(id.as_str()))
            })
            .collect()
    }

    /// An index written through a [`Faulty`] directory whose switches are returned.
    fn faulty_index(dir: &Path, analyzer: &Arc<Analyzer>) -> (NewsIndex, Arc<Faults>) {
        let faults = Faults::off();
        let storage = Faulty {
            inner: MmapDirectory::open(dir).unwrap(),
            faults: faults.clone(),
        };
        let index = NewsIndex::open_or_create_in(dir, Box::new(storage), analyzer.clone()).unwrap();
        (index, faults)
    }

    /// Commits of 10 articles until one starts a merge (tantivy's policy merges eight
    /// segments; a commit makes one per indexing thread that got articles), and the disk is
    /// full when the merge starts writing: the next commit reports it, the commit before the
    /// merge stays, the merge's files are removed, and a rerun merges.
    #[test]
    fn disk_full_while_merging() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let analyzer = Arc::new(Analyzer::with_defaults().unwrap());
        let all = articles(100);
        let (committed, failure) = {
            let (index, faults) = faulty_index(dir, &analyzer);
            faults.merge_full.store(true, Ordering::SeqCst);
            let mut batches = all.chunks(10).enumerate();
            loop {
                let (i, batch) = batches.next().expect("eight commits start a merge");
                // A batch is committed before its merge fails.
                if let Some(failure) = write(&index, batch.to_vec()) {
                    break ((i + 1) * 10, failure);
                }
            }
        };
        assert!(matches!(failure, Error::Write { .. }), "{failure}");
        let explained = after_failed_write(dir, failure).to_string();
        assert!(explained.contains(NO_SPACE), "{explained}");
        let intact = format!("The index is intact at its last commit ({committed} articles)");
        assert!(explained.contains(&intact), "{explained}");
        assert!(
            explained.contains("of the failed attempt were removed"),
            "{explained}"
        );
        assert!(segments(dir).len() >= 8, "the last commit, unmerged");
        assert_eq!(uncommitted(dir), Vec::<PathBuf>::new());
        let index = NewsIndex::open(dir, analyzer.clone()).unwrap();
        assert_eq!(index.len(), committed);
        assert_eq!(hits(&index, "英伟达"), committed);
        // With space again, the rerun merges and adds the rest, nothing twice.
        assert!(write(&index, all).is_none());
        let index = NewsIndex::open(dir, analyzer).unwrap();
        assert_eq!(index.len(), 100);
        assert_eq!(hits(&index, "英伟达"), 100);
        assert!(segments(dir).len() < 8, "merged: {:?}", segments(dir));
        assert_eq!(uncommitted(dir), Vec::<PathBuf>::new());
    }

    /// A merge started by a run's last commit that fails: the run has committed everything,
    /// and the writer, when dropped, waits for the merge and removes its files.
    #[test]
    fn merge_failing_after_the_last_commit_leaves_no_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let analyzer = Arc::new(Analyzer::with_defaults().unwrap());
        let all = articles(100);
        let mut committed = 0;
        {
            let (index, faults) = faulty_index(dir, &analyzer);
            faults.merge_full.store(true, Ordering::SeqCst);
            // Runs of five articles: one commit each, at the end, until one starts a merge.
            for batch in all.chunks(5) {
                assert!(write(&index, batch.to_vec()).is_none());
                committed += 5;
                if faults.budget.load(Ordering::SeqCst) == 0 {
                    break;
                }
            }
            assert_eq!(
                faults.budget.load(Ordering::SeqCst),
                0,
                "a merge ran out of space"
            );
        }
        assert!(segments(dir).len() >= 8, "the last commit, unmerged");
        assert_eq!(uncommitted(dir), Vec::<PathBuf>::new());
        let index = NewsIndex::open(dir, analyzer.clone()).unwrap();
        assert_eq!(index.len(), committed);
        assert!(write(&index, all).is_none());
        let index = NewsIndex::open(dir, analyzer).unwrap();
        assert_eq!(index.len(), 100);
        assert!(segments(dir).len() < 8, "merged: {:?}", segments(dir));
    }

    /// A folder that cannot be written: searched through [`ReadOnlyDirectory`] (no lock
    /// files), and a writer is refused with the cause named.
    #[test]
    fn read_only_folder_is_searched_and_not_written() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let analyzer = Arc::new(Analyzer::with_defaults().unwrap());
        {
            let index = NewsIndex::open_or_create(dir, analyzer.clone()).unwrap();
            assert!(write(&index, articles(20)).is_none());
        }
        let storage = ReadOnlyDirectory::open(dir).unwrap();
        let tantivy_index = tantivy::Index::open(storage).unwrap();
        let index = NewsIndex::from_index(dir, tantivy_index, analyzer).unwrap();
        assert_eq!(index.len(), 20);
        assert_eq!(hits(&index, "阿里云"), 20);
        let Err(e) = index.writer() else {
            panic!("a read-only index took a writer");
        };
        assert!(e.to_string().contains("read-only"), "{e}");
    }

    #[test]
    fn disk_full_while_writing_segments() {
        fault_leaves_the_last_commit(|f| f.budget.store(4_000, Ordering::SeqCst), NO_SPACE);
    }

    #[test]
    fn disk_full_when_committing() {
        fault_leaves_the_last_commit(|f| f.meta.store(true, Ordering::SeqCst), NO_SPACE);
    }

    #[test]
    fn fsync_fails_while_writing_segments() {
        fault_leaves_the_last_commit(|f| f.fsync.store(true, Ordering::SeqCst), IO_ERROR);
    }

    #[test]
    fn folder_sync_fails_when_committing() {
        fault_leaves_the_last_commit(|f| f.sync_dir.store(true, Ordering::SeqCst), IO_ERROR);
    }
}

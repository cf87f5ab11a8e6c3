//! The one library error type.

use std::path::PathBuf;

/// Everything that can go wrong in the newslens library.
///
/// Each variant carries the context a user needs to fix the problem: the file, the line, the
/// dictionary entry. The binary adds nothing but the exit code.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read.
    #[error("{path}: {error}")]
    Io {
        /// The file at fault.
        path: PathBuf,
        /// The underlying I/O error (part of the message, so not repeated as a source).
        error: std::io::Error,
    },
    /// The input is not text in any encoding newslens understands.
    #[error("{path}: {reason}")]
    Decode {
        /// The file at fault (`-` for standard input).
        path: PathBuf,
        /// What was wrong, e.g. "binary file (NUL bytes)".
        reason: String,
    },
    /// The input decoded, but holds no article text.
    #[error("{path}: {reason}")]
    Empty {
        /// The file at fault.
        path: PathBuf,
        /// Why it is considered empty.
        reason: String,
    },
    /// One record of a JSON Lines file is malformed.
    #[error("{path}:{line}: {reason}")]
    Record {
        /// The JSONL file.
        path: PathBuf,
        /// 1-based line number of the record.
        line: usize,
        /// What was wrong with it.
        reason: String,
    },
    /// A dictionary file is malformed; `line` is 1-based (0 when the whole file is at fault).
    #[error("{path}:{line}: {reason}")]
    Dictionary {
        /// The dictionary file.
        path: PathBuf,
        /// 1-based line number (0: the file as a whole).
        line: usize,
        /// What is wrong with the entry.
        reason: String,
    },
    /// Several dictionary problems, reported together so a user can fix them in one pass.
    #[error("{} dictionary errors:\n{}", .0.len(), .0.iter().map(|e| format!("  {e}")).collect::<Vec<_>>().join("\n"))]
    DictionaryErrors(Vec<Error>),
    /// A configuration value is invalid (e.g. an unknown JSONL field mapping).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// The search index could not be created, opened, written or read.
    #[error("index {path}: {reason}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// What went wrong, with a hint when there is one.
        reason: String,
    },
    /// Writing to the search index failed (a full disk, a read-only folder, …): see
    /// [`crate::index::after_failed_write`], which finds the cause and cleans up.
    #[error("index {path}: writing failed: {error}")]
    Write {
        /// The index directory.
        path: PathBuf,
        /// tantivy's error.
        error: String,
    },
    /// An export could not be posted to a search engine.
    #[error("{url}: {reason}")]
    Http {
        /// The endpoint.
        url: String,
        /// What went wrong (status and the start of the response, or the transport error).
        reason: String,
    },
    /// A chart could not be drawn or written.
    #[error("{path}: {reason}")]
    Chart {
        /// The chart file (`-` when drawn to memory).
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// A search query is malformed.
    #[error("bad query `{query}`: {reason}")]
    Query {
        /// The query as given.
        query: String,
        /// What is wrong and where.
        reason: String,
    },
}

impl Error {
    /// Shorthand for an [`Error::Io`].
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error: source,
        }
    }
}

/// `Result` with the library [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

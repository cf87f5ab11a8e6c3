//! Integration tests: one binary, a module per area (ripgrep's layout). They run the real
//! `newslens` binary on files in `corpus/` and on inputs generated in temporary directories.

mod util;

mod cli;
mod corpus;
mod dictionary;
mod digest;
mod entities;
mod eval;
mod export;
mod feeds;
mod ingest;
mod properties;
mod quotes;
mod search;
mod serve;
mod summarize;
mod traditional;
mod trends;

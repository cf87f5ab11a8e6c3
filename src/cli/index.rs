//! `index` and `search`: build or update the tantivy index, query it.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use newslens::analyze::{Analyzer, Load};
use newslens::index::{Batch, Change, NewsIndex, SearchOptions, query};
use newslens::ingest::Ingester;
use newslens::model::Document;
use newslens::render;

use super::{CommonArgs, FormatArg};

/// Where the index lives when neither `--index` nor `NEWSLENS_INDEX` says.
pub const DEFAULT_INDEX: &str = ".newslens/index";

/// `--index DIR`, else `NEWSLENS_INDEX`, else [`DEFAULT_INDEX`].
pub fn index_dir(given: &Option<PathBuf>) -> (PathBuf, bool) {
    match given {
        Some(d) => (d.clone(), false),
        None => match std::env::var_os("NEWSLENS_INDEX") {
            Some(d) if !d.is_empty() => (PathBuf::from(d), false),
            _ => (PathBuf::from(DEFAULT_INDEX), true),
        },
    }
}

/// A spinner with the article count and rate when stderr is a terminal; nothing otherwise
/// (scripts and CI get only the final line).
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} {human_pos} articles indexed in {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// Counts of one indexing run.
#[derive(Default)]
struct Tally {
    added: usize,
    updated: usize,
    unchanged: usize,
    failed: usize,
    pruned: usize,
}

/// How `newslens index` runs.
#[derive(Debug, Clone, Copy)]
pub struct IndexRun {
    /// Delete the index first.
    pub rebuild: bool,
    /// Remove articles whose file is gone.
    pub prune: bool,
    /// Articles per commit.
    pub commit_every: usize,
}

/// Indexes `common.inputs` into `dir`; returns the counts and the number of articles in the index.
fn build(
    analyzer: Arc<Analyzer>,
    docs: impl Iterator<Item = newslens::Result<Document>> + Send,
    common: &CommonArgs,
    dir: &Path,
    run: &IndexRun,
) -> Result<(Tally, usize)> {
    let IndexRun {
        rebuild,
        prune,
        commit_every,
    } = *run;
    if rebuild && dir.join("meta.json").exists() {
        std::fs::remove_dir_all(dir)
            .with_context(|| format!("cannot remove the old index {}", dir.display()))?;
    }
    let index = NewsIndex::open_or_create(dir, analyzer.clone())?;
    let mut writer = index.writer()?;
    let progress = progress_bar();
    let mut tally = Tally::default();
    writer.add_all(
        docs,
        newslens::parallel::default_workers(),
        Batch {
            articles: commit_every,
            ..Batch::default()
        },
        |outcome| match outcome {
            Ok(change) => {
                progress.inc(1);
                match change {
                    Change::Added => tally.added += 1,
                    Change::Updated => tally.updated += 1,
                    Change::Unchanged => tally.unchanged += 1,
                }
            }
            Err(e) => {
                progress.suspend(|| {
                    eprintln!(
                        "newslens: error: {} (skipped)",
                        render::visible(&e.to_string())
                    )
                });
                tally.failed += 1;
            }
        },
    )?;
    if prune {
        tally.pruned = writer.prune(&common.inputs);
    }
    writer.commit()?;
    progress.finish_and_clear();
    Ok((tally, index.len()))
}

pub fn run_index(common: &CommonArgs, given: &Option<PathBuf>, run: &IndexRun) -> Result<ExitCode> {
    let (dir, _) = index_dir(given);
    let started = Instant::now();
    let ingester = Ingester::new(common.ingest_config()?);
    let mut docs = ingester.documents(&common.inputs).peekable();
    let analyzer = Arc::new(common.analyzer(None, super::load_for(&mut docs))?);
    let (tally, total) = build(analyzer, docs, common, &dir, run)?;
    let pruned = if run.prune {
        format!(", {} pruned", tally.pruned)
    } else {
        String::new()
    };
    eprintln!(
        "newslens: {} added, {} updated, {} unchanged, {} failed{pruned} in {:.1} s; {} articles in {}",
        tally.added,
        tally.updated,
        tally.unchanged,
        tally.failed,
        started.elapsed().as_secs_f64(),
        total,
        dir.display()
    );
    Ok(if tally.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

pub fn run_search(
    common: &CommonArgs,
    given: &Option<PathBuf>,
    query_text: &str,
    options: &SearchOptions,
) -> Result<ExitCode> {
    let (dir, is_default) = index_dir(given);
    let parsed = query::parse(query_text)?;
    let analyzer = Arc::new(common.analyzer(None, Load::default())?);
    if !dir.join("meta.json").exists() {
        if is_default && Path::new("corpus").is_dir() {
            eprintln!(
                "newslens: no index yet; building {DEFAULT_INDEX} from the bundled corpus/ (once)"
            );
            let mut corpus = common.clone();
            corpus.inputs = vec![PathBuf::from("corpus")];
            let ingester = Ingester::new(corpus.ingest_config()?);
            build(
                analyzer.clone(),
                ingester.documents(&corpus.inputs),
                &corpus,
                &dir,
                &IndexRun {
                    rebuild: false,
                    prune: false,
                    commit_every: Batch::default().articles,
                },
            )?;
        } else {
            bail!(
                "no index at {}; build one first: newslens index --index {} PATH…",
                dir.display(),
                dir.display()
            );
        }
    }
    let index = NewsIndex::open(&dir, analyzer)?;
    let results = index.search(&parsed, options)?;
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    match common.format {
        FormatArg::Text => render::search_text(&mut out, query_text, &results)?,
        FormatArg::Json => render::json_line(
            &mut out,
            &render::json::SearchOut {
                version: render::json::VERSION,
                query: query_text,
                total: results.total,
                hits: &results.hits,
                facets: &results.facets,
            },
        )?,
    }
    out.flush()?;
    Ok(if results.total == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

//! `index` and `search`: build or update the tantivy index, query it.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use newslens::analyze::{Analyzer, Load};
use newslens::digest::DigestOptions;
use newslens::index::{
    Batch, Change, NewsIndex, Removal, ReplacedBecause, SCHEMA_VERSION, SearchOptions,
    TrendOptions, WriteOptions, query,
};
use newslens::ingest::Ingester;
use newslens::model::Document;
use newslens::render;
use newslens::summarize::SummaryConfig;

use super::{CommonArgs, FormatArg, TableFormatArg};

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
    moved: usize,
    replaced_source: usize,
    replaced_article: usize,
    duplicates: usize,
    failed: usize,
    pruned: Option<usize>,
}

impl Tally {
    /// Counts one outcome.
    fn count(&mut self, change: &Change) {
        match change {
            Change::Added => self.added += 1,
            Change::Updated => self.updated += 1,
            Change::Unchanged => self.unchanged += 1,
            Change::Moved => self.moved += 1,
            Change::Replaced(r) => match r.because {
                ReplacedBecause::OtherSource => self.replaced_source += 1,
                ReplacedBecause::OtherArticle => self.replaced_article += 1,
            },
            Change::Duplicate(_) => self.duplicates += 1,
        }
    }

    /// `14 added, 0 updated, 0 unchanged, 0 failed`, and the other counts when not zero.
    fn line(&self, replace_duplicates: bool) -> String {
        let mut parts = vec![
            format!("{} added", self.added),
            format!("{} updated", self.updated),
        ];
        let extra = [
            (self.replaced_source, "replaced from another source"),
            (
                self.replaced_article,
                "replaced by another article with the same id",
            ),
            (self.moved, "moved"),
        ];
        for (n, what) in extra {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        parts.push(format!("{} unchanged", self.unchanged));
        if self.duplicates > 0 {
            let fate = if replace_duplicates {
                "later kept"
            } else {
                "skipped"
            };
            parts.push(format!("{} duplicate ids ({fate})", self.duplicates));
        }
        parts.push(format!("{} failed", self.failed));
        if let Some(n) = self.pruned {
            parts.push(format!("{n} pruned"));
        }
        parts.join(", ")
    }
}

/// How `newslens index` runs.
#[derive(Debug, Clone)]
pub struct IndexRun {
    /// Delete the index first.
    pub rebuild: bool,
    /// Remove the articles of this run's feeds that their input no longer gives.
    pub prune: bool,
    /// Articles per commit.
    pub commit_every: usize,
    /// A JSONL id given twice in one feed: the later record wins.
    pub replace_duplicates: bool,
}

/// Indexes `docs` (read from `common.inputs`) into `dir`; returns the counts and the number of
/// articles in the index.
fn build(
    analyzer: Arc<Analyzer>,
    docs: impl Iterator<Item = newslens::Result<Document>> + Send,
    common: &CommonArgs,
    dir: &Path,
    run: &IndexRun,
) -> Result<(Tally, usize)> {
    let index = if run.rebuild {
        NewsIndex::recreate(dir, analyzer.clone())?
    } else {
        NewsIndex::open_or_create(dir, analyzer.clone())?
    };
    let mut writer = index.writer()?;
    let progress = progress_bar();
    let mut tally = Tally::default();
    let options = WriteOptions {
        batch: Batch {
            articles: run.commit_every,
            ..Batch::default()
        },
        replace_duplicates: run.replace_duplicates,
        feed_named: common.source.is_some(),
    };
    writer.add_all(
        docs,
        newslens::parallel::default_workers(),
        options,
        |outcome| match outcome {
            Ok(written) => {
                progress.inc(1);
                tally.count(&written.change);
                if let Some(message) = render::change_message(&written) {
                    progress.suspend(|| eprintln!("newslens: {}", render::visible(&message)));
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
    if run.prune {
        if tally.failed > 0 {
            progress.suspend(|| {
                eprintln!(
                    "newslens: not pruned: {} article{} failed to read, and an article that failed is not one that is gone; fix the input and run again",
                    tally.failed,
                    if tally.failed == 1 { "" } else { "s" }
                )
            });
        } else {
            tally.pruned = Some(writer.prune(&common.feeds()));
        }
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
    // A failed write: the writer is gone once `build` returns, so the index can be cleaned up
    // and looked into (`after_failed_write`) before the error is shown.
    let (tally, total) = build(analyzer, docs, common, &dir, run).map_err(|e| match e
        .downcast::<newslens::Error>(
    ) {
        Ok(e) => anyhow::Error::from(newslens::index::after_failed_write(&dir, e)),
        Err(e) => e,
    })?;
    eprintln!(
        "newslens: {} in {:.1} s; {} articles in {}",
        tally.line(run.replace_duplicates),
        started.elapsed().as_secs_f64(),
        total,
        dir.display()
    );
    let skipped_duplicates = tally.duplicates > 0 && !run.replace_duplicates;
    Ok(if tally.failed > 0 || skipped_duplicates {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `newslens stats`: what the index holds.
pub fn run_stats(common: &CommonArgs, given: &Option<PathBuf>, top: usize) -> Result<ExitCode> {
    let (dir, _) = index_dir(given);
    let analyzer = Arc::new(common.analyzer(None, Load::default())?);
    let index = NewsIndex::open(&dir, analyzer)?;
    let stats = index.stats(top)?;
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    match common.format {
        FormatArg::Text => render::stats_text(&mut out, &stats)?,
        FormatArg::Json => render::json_line(
            &mut out,
            &render::json::StatsOut {
                version: render::json::VERSION,
                stats: &stats,
            },
        )?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `newslens remove`: delete a feed's articles, or those a query matches.
pub fn run_remove(
    common: &CommonArgs,
    given: &Option<PathBuf>,
    what: &Removal,
    dry_run: bool,
) -> Result<ExitCode> {
    let (dir, _) = index_dir(given);
    let analyzer = Arc::new(common.analyzer(None, Load::default())?);
    let index = NewsIndex::open(&dir, analyzer)?;
    let selected = match what {
        Removal::Feed(name) => format!("of feed `{name}`"),
        Removal::Query(..) => "matching the query".to_string(),
    };
    let count = index.remove(what, dry_run)?;
    if count == 0 {
        let feeds = match what {
            Removal::Feed(_) => {
                let feeds = index.feeds()?;
                if feeds.is_empty() {
                    " (the index is empty)".to_string()
                } else {
                    format!(" (its feeds: {})", feeds.join(", "))
                }
            }
            Removal::Query(..) => String::new(),
        };
        eprintln!(
            "newslens: no article {selected} in {}{feeds}; nothing removed",
            dir.display()
        );
        return Ok(ExitCode::from(1));
    }
    let s = if count == 1 { "" } else { "s" };
    if dry_run {
        eprintln!(
            "newslens: {count} article{s} {selected} would be removed (dry run: nothing removed); {} articles in {}",
            index.len(),
            dir.display()
        );
    } else {
        eprintln!(
            "newslens: removed {count} article{s} {selected}; {} articles in {}",
            index.len(),
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `newslens serve`.
pub fn run_serve(
    common: &CommonArgs,
    given: &Option<PathBuf>,
    addr: std::net::SocketAddr,
    options: &newslens::serve::ServeOptions,
) -> Result<ExitCode> {
    let index = open_for_queries(common, given)?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "newslens: warning: listening on {}, not on a loopback address: anyone who can reach this machine can read the index",
            addr.ip()
        );
    }
    let (dir, articles) = (index.dir().display().to_string(), index.len());
    newslens::serve::serve(index, addr, options, |bound| {
        eprintln!("newslens: serving {dir} ({articles} articles); Ctrl-C stops");
        println!("http://{bound}/");
        let _ = std::io::stdout().flush();
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `newslens digest`.
pub fn run_digest(
    common: &CommonArgs,
    given: &Option<PathBuf>,
    query_text: &str,
    options: &DigestOptions,
) -> Result<ExitCode> {
    let parsed = query::parse(query_text)?;
    let index = open_for_queries(common, given)?;
    let digest = newslens::digest::digest(
        &index,
        index.analyzer(),
        SummaryConfig::default(),
        &parsed,
        options,
    )?;
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    match common.format {
        FormatArg::Text => render::digest_text(&mut out, query_text, &digest)?,
        FormatArg::Json => render::json_line(
            &mut out,
            &render::json::DigestOut {
                version: render::json::VERSION,
                query: query_text,
                digest: &digest,
            },
        )?,
    }
    out.flush()?;
    Ok(if digest.matched == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `newslens trends`.
pub fn run_trends(
    common: &CommonArgs,
    given: &Option<PathBuf>,
    queries: &[String],
    options: &TrendOptions,
    format: TableFormatArg,
    plot: Option<&Path>,
) -> Result<ExitCode> {
    let parsed = queries
        .iter()
        .map(|q| Ok((q.clone(), query::parse(q)?)))
        .collect::<Result<Vec<_>>>()?;
    let index = open_for_queries(common, given)?;
    let trends = index.trends(&parsed, options)?;
    if let Some(path) = plot {
        render::chart::write_trends_chart(&trends, path)?;
        eprintln!("newslens: chart written to {}", path.display());
    }
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    match format {
        TableFormatArg::Text => render::trends_text(&mut out, &trends)?,
        TableFormatArg::Csv => render::trends_csv(&mut out, &trends)?,
        TableFormatArg::Json => render::json_line(
            &mut out,
            &render::json::TrendsOut {
                version: render::json::VERSION,
                trends: &trends,
            },
        )?,
    }
    out.flush()?;
    Ok(if trends.series.iter().all(|s| s.total == 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The index that `search`, `trends` and `digest` read: `given`, or the default one, which is
/// built from the bundled `corpus/` on first use and built again when an older newslens made
/// it and it holds the bundled corpus alone (so nothing is lost).
pub fn open_for_queries(common: &CommonArgs, given: &Option<PathBuf>) -> Result<NewsIndex> {
    let (dir, is_default) = index_dir(given);
    let analyzer = Arc::new(common.analyzer(None, Load::default())?);
    let bundled = is_default && Path::new("corpus").is_dir();
    let mut rebuild = false;
    if dir.join("meta.json").exists() {
        let index = NewsIndex::open(&dir, analyzer.clone())?;
        // Rebuilt only when it holds nothing but the bundled corpus (`newslens index` without
        // --index writes other feeds here too: those are the user's, and stay).
        let only_corpus = || index.feeds().is_ok_and(|f| f == ["corpus"]);
        if !bundled || index.schema_version() == SCHEMA_VERSION || !only_corpus() {
            return Ok(index);
        }
        drop(index);
        eprintln!(
            "newslens: {DEFAULT_INDEX} was built by an older newslens; building it again from the bundled corpus/"
        );
        rebuild = true;
    } else if bundled {
        eprintln!(
            "newslens: no index yet; building {DEFAULT_INDEX} from the bundled corpus/ (once)"
        );
    } else {
        bail!(
            "no index at {}; build one first: newslens index --index {} PATH…",
            dir.display(),
            dir.display()
        );
    }
    let mut corpus = common.clone();
    corpus.inputs = vec![PathBuf::from("corpus")];
    let ingester = Ingester::new(corpus.ingest_config()?);
    build(
        analyzer.clone(),
        ingester.documents(&corpus.inputs),
        &corpus,
        &dir,
        &IndexRun {
            rebuild,
            prune: false,
            commit_every: Batch::default().articles,
            replace_duplicates: false,
        },
    )?;
    Ok(NewsIndex::open(&dir, analyzer)?)
}

pub fn run_search(
    common: &CommonArgs,
    given: &Option<PathBuf>,
    query_text: &str,
    options: &SearchOptions,
) -> Result<ExitCode> {
    let parsed = query::parse(query_text)?;
    let index = open_for_queries(common, given)?;
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
                kinds: &results.kinds,
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

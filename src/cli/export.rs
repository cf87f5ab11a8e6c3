//! `export`: bulk NDJSON for Elasticsearch / OpenSearch / Quickwit, their mappings, translated
//! queries, and posting to a live endpoint.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use newslens::analyze::{Analyzer, Load};
use newslens::export::bulk::{BulkConfig, BulkReport, BulkSender, Endpoint, IndexState};
use newslens::export::{DateRange, Exporter, Target, mapping, to_yaml, translate};
use newslens::index::{NewsIndex, query};
use newslens::ingest::Ingester;
use newslens::model::Document;
use newslens::render;

use super::{CommonArgs, FormatArg};

/// Failed items listed one by one before the rest are only counted.
const FAILURES_LISTED: usize = 20;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TargetArg {
    Elasticsearch,
    Opensearch,
    Quickwit,
}

impl TargetArg {
    fn target(self) -> Target {
        match self {
            TargetArg::Elasticsearch => Target::Elasticsearch,
            TargetArg::Opensearch => Target::OpenSearch,
            TargetArg::Quickwit => Target::Quickwit,
        }
    }
}

/// `newslens export` options (besides the inputs).
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The engine: what the action lines, the mapping and the query look like.
    #[arg(long, value_enum, default_value = "elasticsearch")]
    target: TargetArg,
    /// The engine's index to write into (or to define with --mapping).
    #[arg(long, value_name = "NAME", default_value = "news")]
    index_name: String,
    /// Export the articles of this newslens index instead of reading inputs.
    #[arg(long, value_name = "DIR")]
    from_index: Option<PathBuf>,
    /// The name of the feed the inputs make up, as in `newslens index --source`: part of each
    /// JSONL record's `_id` (`NAME#id`) [default: each input's own name].
    #[arg(long, value_name = "NAME", value_parser = super::feed_name_arg, conflicts_with = "from_index")]
    source: Option<String>,
    /// Write the NDJSON to FILE instead of standard output (atomically: FILE appears when the
    /// export is complete).
    #[arg(short = 'o', long, value_name = "FILE", conflicts_with = "url")]
    output: Option<PathBuf>,
    /// Print the index mapping (Elasticsearch, OpenSearch) or index config (Quickwit: YAML,
    /// or JSON with --format json) and exit.
    #[arg(long, conflicts_with_all = ["query", "url", "output"])]
    mapping: bool,
    /// Print the engine query DSL that means what `newslens search QUERY` means, and exit.
    #[arg(long, value_name = "QUERY", conflicts_with_all = ["url", "output"])]
    query: Option<String>,
    /// With --query: only articles dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "query")]
    since: Option<String>,
    /// With --query: only articles dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "query")]
    until: Option<String>,
    /// Post the records to the engine at URL (its base URL, e.g. http://localhost:9200, or its
    /// `_bulk` endpoint; a query string such as `?pipeline=p` is kept for the bulk requests)
    /// instead of printing them.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// With --url: articles per bulk request.
    #[arg(long, value_name = "N", default_value_t = 500, requires = "url",
          value_parser = clap::value_parser!(u32).range(1..))]
    batch_size: u32,
    /// With --url: megabytes per bulk request, at most (Quickwit takes 10 MiB by default; an
    /// engine answering 413 gets the batch in halves).
    #[arg(long, value_name = "MB", default_value_t = 8, requires = "url",
          value_parser = clap::value_parser!(u32).range(1..=1024))]
    batch_mb: u32,
    /// With --url: retries of a request answered 429 or 5xx (or of its items rejected with 429).
    #[arg(long, value_name = "N", default_value_t = 5, requires = "url")]
    retries: u32,
    /// With --url: milliseconds before the first retry, doubled for each next one up to a
    /// minute. (Quickwit takes no ids, so a request that may have reached it — a time-out, a
    /// 5xx other than 503 — is not sent again: that would index its articles twice.)
    #[arg(long, value_name = "MS", default_value_t = 500, requires = "url",
          value_parser = clap::value_parser!(u64).range(0..=60_000))]
    retry_delay: u64,
    /// With --url: create the index with the mapping of --mapping when it does not exist
    /// (without this, a missing index is an error).
    #[arg(long, requires = "url")]
    create_index: bool,
    /// With --url: an extra request header, e.g. `-H 'Authorization: ApiKey …'` (repeatable).
    #[arg(
        short = 'H',
        long = "header",
        value_name = "NAME: VALUE",
        requires = "url"
    )]
    headers: Vec<String>,
}

/// Where the records go.
enum Sink {
    Write(Box<dyn Write>),
    Post(Box<BulkSender>),
}

pub fn run(common: &CommonArgs, args: &ExportArgs) -> Result<ExitCode> {
    let target = args.target.target();
    target.check_index_name(&args.index_name)?;
    let stdout = std::io::stdout();
    if args.mapping {
        let m = mapping(target, &args.index_name);
        let text = if target == Target::Quickwit && common.format == FormatArg::Text {
            to_yaml(&m)
        } else {
            pretty(&m)?
        };
        stdout.lock().write_all(text.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(q) = &args.query {
        let parsed = query::parse(q)?;
        // (jieba's dictionary loads only if the query has Chinese words.)
        let analyzer = common.analyzer(None, Load::default())?;
        let dates = DateRange {
            since: args.since.clone(),
            until: args.until.clone(),
        };
        let dsl = translate(&parsed, &analyzer, target, &dates)?;
        stdout.lock().write_all(pretty(&dsl)?.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let from_stdin = common.inputs.iter().any(|p| p.as_os_str() == "-");
    if args.from_index.is_some() && !(common.inputs.len() == 1 && from_stdin) {
        bail!("give either inputs or --from-index, not both");
    }
    if args.from_index.is_none() && from_stdin {
        use std::io::IsTerminal;
        if std::io::stdin().is_terminal() {
            bail!(
                "no input: give files or directories (e.g. `newslens export corpus/`), --from-index DIR, or pipe text to standard input"
            );
        }
    }
    let started = Instant::now();
    let mut common = common.clone();
    common.source = args.source.clone();
    let ingester = Ingester::new(common.ingest_config()?);
    type Docs<'a> = Box<dyn Iterator<Item = newslens::Result<Document>> + Send + 'a>;
    let (analyzer, docs): (Arc<Analyzer>, Docs) = match &args.from_index {
        Some(dir) => {
            if !dir.join("meta.json").exists() {
                bail!("no newslens index at {}", dir.display());
            }
            let analyzer = Arc::new(common.analyzer(None, Load { segmenter: true })?);
            let docs = Box::new(NewsIndex::open(dir, analyzer.clone())?.documents());
            (analyzer, docs)
        }
        None => {
            let mut docs = ingester.documents(&common.inputs).peekable();
            let load = super::load_for(&mut docs);
            (Arc::new(common.analyzer(None, load)?), Box::new(docs))
        }
    };
    let exporter = Exporter::new(analyzer.clone(), target, &args.index_name);
    let partial = args.output.as_ref().map(|f| {
        let mut name = f.clone().into_os_string();
        name.push(".partial");
        PathBuf::from(name)
    });
    let mut sink = match (&args.url, &partial) {
        (Some(url), _) => {
            let endpoint = Endpoint::new(url, target, &args.index_name, args.create_index)?;
            let sender = BulkSender::new(BulkConfig {
                url: endpoint.bulk.clone(),
                batch: args.batch_size as usize,
                max_bytes: args.batch_mb as usize * 1_000_000,
                retries: args.retries,
                delay: Duration::from_millis(args.retry_delay),
                headers: parse_headers(&args.headers)?,
                target,
            })?;
            let setup = &endpoint.setup;
            match sender.ensure_index(setup)? {
                IndexState::Existed => {}
                IndexState::Created => eprintln!(
                    "newslens: created index {} at {}",
                    args.index_name, setup.exists_url
                ),
                IndexState::Unknown(status) => eprintln!(
                    "newslens: warning: {} answered HTTP {status} when asked whether index {} exists; posting anyway",
                    setup.exists_url, args.index_name
                ),
            }
            Sink::Post(Box::new(sender))
        }
        (None, Some(tmp)) => Sink::Write(Box::new(BufWriter::new(
            std::fs::File::create(tmp)
                .with_context(|| format!("cannot write {}", tmp.display()))?,
        ))),
        (None, None) => Sink::Write(Box::new(BufWriter::new(std::io::stdout()))),
    };
    let (mut exported, mut failed) = (0usize, 0usize);
    let done = exporter.export_all(
        docs,
        newslens::parallel::default_workers(),
        |item| -> Result<()> {
            match item {
                Ok((id, lines)) => {
                    exported += 1;
                    match &mut sink {
                        Sink::Write(w) => w.write_all(&lines)?,
                        Sink::Post(s) => s.push(id, lines)?,
                    }
                }
                Err(e) => {
                    eprintln!(
                        "newslens: error: {} (skipped)",
                        render::visible(&e.to_string())
                    );
                    failed += 1;
                }
            }
            Ok(())
        },
    );
    let done = done.and_then(|()| match &mut sink {
        Sink::Post(s) => Ok(s.finish()?),
        Sink::Write(_) => Ok(()),
    });
    let seconds = started.elapsed().as_secs_f64();
    if let Err(e) = done {
        match &sink {
            Sink::Post(s) => {
                // What went in before the error, so that nothing is lost from view.
                let report = s.report();
                report_posted(report, exported, failed, seconds);
                if let (Some(first), Some(last)) =
                    (report.unsettled.first(), report.unsettled.last())
                {
                    eprintln!(
                        "newslens: {} articles of the failed request ({} … {}) may or may not be in the engine",
                        report.unsettled.len(),
                        render::visible(first),
                        render::visible(last)
                    );
                }
                let settled =
                    report.indexed + report.accepted + report.failed.len() + report.unsettled.len();
                eprintln!(
                    "newslens: {} articles read were not sent; the error follows",
                    exported.saturating_sub(settled)
                );
            }
            Sink::Write(_) => {
                if let Some(tmp) = &partial {
                    let _ = std::fs::remove_file(tmp);
                }
            }
        }
        return Err(e);
    }
    let mut refused = 0;
    match sink {
        Sink::Write(mut w) => {
            w.flush()?;
            drop(w);
            if let (Some(tmp), Some(file)) = (&partial, &args.output) {
                std::fs::rename(tmp, file)
                    .with_context(|| format!("cannot write {}", file.display()))?;
            }
            eprintln!(
                "newslens: {exported} articles exported, {failed} failed in {seconds:.1} s{}",
                args.output
                    .as_ref()
                    .map_or(String::new(), |f| format!(" → {}", f.display()))
            );
        }
        Sink::Post(s) => {
            refused = s.report().failed.len();
            report_posted(s.report(), exported, failed, seconds);
        }
    }
    Ok(if failed > 0 || refused > 0 {
        ExitCode::from(2)
    } else if exported == 0 {
        eprintln!("newslens: no documents found in the given input");
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The failed items (the first 20) and the summary line of a posting run.
fn report_posted(report: &BulkReport, exported: usize, failed: usize, seconds: f64) {
    for f in report.failed.iter().take(FAILURES_LISTED) {
        eprintln!(
            "newslens: not indexed: {}: HTTP {} {}",
            render::visible(&f.id),
            f.status,
            render::visible(&f.reason)
        );
    }
    if report.failed.len() > FAILURES_LISTED {
        eprintln!(
            "newslens: … and {} more not indexed",
            report.failed.len() - FAILURES_LISTED
        );
    }
    let accepted = if report.accepted > 0 {
        format!(
            ", {} accepted without per-article results (the engine reports documents it \
             cannot parse only in its logs)",
            report.accepted
        )
    } else {
        String::new()
    };
    eprintln!(
        "newslens: {exported} articles read: {} indexed{accepted}, {} refused by the engine, {failed} failed to read, in {} requests ({} retries), {seconds:.1} s",
        report.indexed,
        report.failed.len(),
        report.requests,
        report.retries
    );
}

/// `value` as indented JSON and a newline.
fn pretty(value: &serde_json::Value) -> Result<String> {
    Ok(serde_json::to_string_pretty(value)? + "\n")
}

/// `NAME: VALUE` headers.
fn parse_headers(given: &[String]) -> Result<Vec<(String, String)>> {
    given
        .iter()
        .map(|h| {
            let (name, value) = h
                .split_once(':')
                .with_context(|| format!("--header `{h}` is not NAME: VALUE"))?;
            Ok((name.trim().to_string(), value.trim().to_string()))
        })
        .collect()
}

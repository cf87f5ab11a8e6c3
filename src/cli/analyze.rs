//! `segment`, `entities`, `keywords`, `analyze`, `quotes`, `summarize`: one loop over the documents, one render call each.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;

use newslens::analyze::{Analyzer, Load};
use newslens::ingest::{Ingester, InputFormat};
use newslens::model::{Analysis, Document, Entity, Keyword, Quote, Span, Summary, Token};
use newslens::render::{self, Format, json};
use newslens::summarize::{Summarizer, SummaryConfig, quotes};

use super::{CommonArgs, KeywordArgs};

/// Which command.
#[derive(Debug, Clone, PartialEq)]
pub enum Job {
    Segment,
    Entities,
    Keywords,
    Analyze,
    /// Direct quotations, and indirect speech when asked.
    Quotes {
        indirect: bool,
    },
    /// The summary settings and the number of keywords shown.
    Summarize(Box<SummaryConfig>, usize),
}

/// Documents in flight between the readers and the writer (bounds memory on long inputs).
pub(super) const IN_FLIGHT: usize = 16;

/// Texts longer than this are segmented in windows ([`segment_long`]).
const LONG_TEXT: usize = 1 << 20;

/// The window size of [`segment_long`].
const WINDOW: usize = 128 << 10;

/// Texts (or windows) tagged ahead at most while jieba's dictionary loads ([`tag_ahead`]):
/// what bounds the memory they take.
const AHEAD_BYTES: usize = 8 << 20;

/// The first of `items` with their entities, found by `tag` on this thread while jieba's
/// dictionary loads in the background: tagging needs no segmenter, so these items need only be
/// segmented once it is ready, instead of this thread waiting for it. `tag` gives the entities
/// and the length of the text tagged, or `None` for an item not to be tagged here, after which
/// tagging stops; it stops too once the dictionary is ready or after [`AHEAD_BYTES`] of text.
/// The rest of `items` is left as it is.
fn tag_ahead<T>(
    analyzer: &Analyzer,
    items: &mut impl Iterator<Item = T>,
    tag: impl Fn(&T) -> Option<(Vec<Entity>, usize)>,
) -> Vec<(T, Option<Vec<Entity>>)> {
    let mut tagged = Vec::new();
    let mut bytes = 0;
    while analyzer.segmenter_requested() && !analyzer.segmenter_ready() && bytes < AHEAD_BYTES {
        let Some(item) = items.next() else { break };
        let Some((entities, len)) = tag(&item) else {
            tagged.push((item, None));
            break;
        };
        bytes += len;
        tagged.push((item, Some(entities)));
    }
    tagged
}

/// `segment` of a very long text, written to `out`: paragraph windows of 128 KB analysed on
/// all cores and written in order as they come, so that memory holds a few windows' tokens and
/// output, not the whole text's (names stay whole within a window; a window ends at a
/// paragraph or line break).
fn segment_long<W: Write>(analyzer: &Analyzer, doc: &Document, out: &mut W) -> Result<()> {
    let view = doc.view();
    let windows = newslens::analyze::windows(view, WINDOW);
    let mut windows = windows.into_iter();
    let tagged = tag_ahead(analyzer, &mut windows, |w| {
        Some((analyzer.entities_of(w.slice(view)), w.len()))
    });
    let items = tagged.into_iter().chain(windows.map(|w| (w, None)));
    let work = |(w, tagged): (Span, Option<Vec<Entity>>)| {
        let piece = w.slice(view);
        let entities = tagged.unwrap_or_else(|| analyzer.entities_of(piece));
        let tokens = analyzer.tokens_of(piece, &entities);
        let mut buf = Vec::with_capacity(piece.len() + piece.len() / 4);
        render::segment_bytes(&mut buf, w.slice(&doc.text), &tokens);
        buf
    };
    newslens::parallel::ordered_map(
        items,
        newslens::parallel::default_workers(),
        4,
        work,
        |buf| -> Result<()> {
            out.write_all(&buf)?;
            Ok(())
        },
    )
}

/// What one job computed for one document.
enum Output {
    Segment(Vec<Token>),
    /// A very long document to segment: done by the writer, window by window, straight into
    /// the output ([`segment_long`]).
    SegmentLong,
    Entities(Vec<Entity>),
    Keywords(Vec<Keyword>),
    Quotes(Vec<Quote>, Option<Vec<Quote>>),
    Summarize(Box<Analysis>, Summary),
    Analyze(Box<Analysis>),
}

impl Output {
    /// What counts for exit code 1 ("found nothing").
    fn found(&self) -> usize {
        match self {
            Output::Entities(e) => e.len(),
            Output::Quotes(q, r) => q.len() + r.as_ref().map_or(0, Vec::len),
            _ => 0,
        }
    }
}

/// The analysis `job` asks for (runs on worker threads); `tagged` holds the entities of `doc`
/// when they were found already ([`tag_ahead`]).
fn compute(
    job: &Job,
    analyzer: &Analyzer,
    summarizer: Option<&Summarizer>,
    doc: &Document,
    tagged: Option<Vec<Entity>>,
) -> Output {
    let entities = || tagged.unwrap_or_else(|| analyzer.entities(doc));
    match job {
        Job::Segment => {
            let entities = entities();
            Output::Segment(analyzer.tokens(doc, &entities))
        }
        Job::Entities => Output::Entities(entities()),
        Job::Keywords => {
            let entities = entities();
            let tokens = analyzer.tokens(doc, &entities);
            Output::Keywords(analyzer.keywords(doc, &tokens, &entities))
        }
        Job::Quotes { indirect } => {
            let analysis = analyzer.analyze_without_keywords(doc);
            if *indirect {
                let (quotes, reports) = quotes::extract_all(doc, &analysis);
                Output::Quotes(quotes, Some(reports))
            } else {
                Output::Quotes(quotes::extract(doc, &analysis), None)
            }
        }
        Job::Summarize(_, shown) => {
            let mut analysis = analyzer.analyze(doc);
            let summarizer = summarizer.expect("built for Summarize");
            let summary = summarizer.summarize(doc, &analysis);
            analysis.keywords.truncate(*shown);
            Output::Summarize(Box::new(analysis), summary)
        }
        Job::Analyze => Output::Analyze(Box::new(analyzer.analyze(doc))),
    }
}

/// Renders one document's result (on the calling thread, in input order).
fn write<W: Write>(out: &mut W, format: Format, doc: &Document, result: &Output) -> Result<()> {
    match result {
        // (Written by the caller, which has the analyzer.)
        Output::SegmentLong => {}
        Output::Segment(tokens) => match format {
            Format::Text => render::segment_text(out, &doc.text, tokens)?,
            Format::Json => render::json_line(
                out,
                &json::SegmentOut {
                    doc: json::DocRef::of(doc),
                    tokens: json::tokens(&doc.text, tokens),
                },
            )?,
        },
        Output::Entities(entities) => match format {
            Format::Text => render::entities_text(out, entities)?,
            Format::Json => render::json_line(
                out,
                &json::EntitiesOut {
                    doc: json::DocRef::of(doc),
                    entities: json::entities(entities),
                },
            )?,
        },
        Output::Keywords(keywords) => match format {
            Format::Text => render::keywords_text(out, keywords)?,
            Format::Json => render::json_line(
                out,
                &json::KeywordsOut {
                    doc: json::DocRef::of(doc),
                    keywords,
                },
            )?,
        },
        Output::Quotes(quotes, reports) => match format {
            Format::Text => {
                render::quotes_text(out, quotes)?;
                if let Some(reports) = reports {
                    render::indirect_text(out, reports)?;
                }
            }
            Format::Json => render::json_line(
                out,
                &json::QuotesOut {
                    doc: json::DocRef::of(doc),
                    quotes,
                    indirect: reports.as_deref(),
                },
            )?,
        },
        Output::Summarize(analysis, summary) => match format {
            Format::Text => render::summary_text(out, doc, analysis, summary)?,
            Format::Json => render::json_line(out, &json::summary(doc, analysis, summary))?,
        },
        Output::Analyze(analysis) => match format {
            Format::Text => render::analyze_text(out, doc, analysis)?,
            Format::Json => render::json_line(out, &json::analyze(doc, analysis))?,
        },
    }
    Ok(())
}

/// True when the inputs may yield more than one document (so text output names each one).
fn many_documents(c: &CommonArgs) -> bool {
    c.inputs.len() > 1
        || c.inputs
            .iter()
            .any(|p| p.is_dir() || InputFormat::from_path(p) == Some(InputFormat::JsonLines))
        || c.input_format
            .is_some_and(|f| matches!(f, super::InputFormatArg::Jsonl))
}

pub fn run(c: &CommonArgs, kw: Option<&KeywordArgs>, job: Job) -> Result<ExitCode> {
    super::require_input(&c.inputs, "analyze")?;
    let ingester = Ingester::new(c.ingest_config()?);
    let mut documents = ingester.documents(&c.inputs).peekable();
    // `entities` needs only the automaton, not jieba's dictionary.
    let load = match job {
        Job::Entities => Load::default(),
        _ => super::load_for_inputs(&c.inputs, &mut documents),
    };
    let analyzer = c.analyzer(kw, load)?;
    let summarizer = match &job {
        Job::Summarize(config, _) => Some(Summarizer::new(**config, analyzer.stopwords().clone())),
        _ => None,
    };
    let format = c.format();
    let headers = format == Format::Text && many_documents(c);
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    let (mut failed, mut docs, mut found) = (0usize, 0usize, 0usize);
    let long = |doc: &Document| {
        matches!(job, Job::Segment) && format == Format::Text && doc.text.len() > LONG_TEXT
    };
    // The first documents' entities while jieba's dictionary loads, for the jobs that need both
    // (a very long text tags its windows ahead itself, in `segment_long`).
    let early = match job {
        Job::Segment | Job::Keywords => tag_ahead(&analyzer, &mut documents, |doc| match doc {
            Ok(d) if !long(d) => Some((analyzer.entities(d), d.text.len())),
            _ => None,
        }),
        _ => Vec::new(),
    };
    let items = early.into_iter().chain(documents.map(|doc| (doc, None)));
    // Documents are analysed on all cores and written in input order, so the output is the
    // same whatever the number of threads.
    let work = |(doc, tagged): (newslens::Result<Document>, Option<Vec<Entity>>)| {
        doc.map(|doc| {
            let result = if long(&doc) {
                Output::SegmentLong
            } else {
                compute(&job, &analyzer, summarizer.as_ref(), &doc, tagged)
            };
            (doc, result)
        })
    };
    newslens::parallel::ordered_map(
        items,
        newslens::parallel::default_workers(),
        IN_FLIGHT,
        work,
        |item| -> Result<()> {
            let (doc, result) = match item {
                Ok(x) => x,
                Err(e) => {
                    out.flush()?;
                    eprintln!("newslens: error: {}", render::visible(&e.to_string()));
                    failed += 1;
                    return Ok(());
                }
            };
            docs += 1;
            // JSONL records (also from stdin) are always named.
            if headers || (format == Format::Text && doc.origin.line.is_some()) {
                if docs > 1 {
                    writeln!(out)?;
                }
                render::header(&mut out, &doc)?;
            }
            found += result.found();
            if let Output::SegmentLong = result {
                segment_long(&analyzer, &doc, &mut out)?;
            }
            write(&mut out, format, &doc, &result)?;
            Ok(())
        },
    )?;
    out.flush()?;
    if let Some(code) = super::inputs_exit(failed, docs) {
        return Ok(code);
    }
    if matches!(job, Job::Entities | Job::Quotes { .. }) && found == 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

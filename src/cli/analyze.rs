//! `segment`, `entities`, `keywords`, `analyze`, `quotes`, `summarize`: one loop over the documents, one render call each.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use anyhow::Result;

use newslens::ingest::{Ingester, InputFormat};
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
    use std::io::IsTerminal;
    if c.inputs.iter().any(|p| p.as_os_str() == "-") && std::io::stdin().is_terminal() {
        anyhow::bail!(
            "no input: give a file or directory (e.g. `newslens analyze corpus/`), or pipe text to standard input"
        );
    }
    let analyzer = c.analyzer(kw)?;
    // `entities` needs only the automaton: no jieba dictionary, no IDF table.
    if !matches!(job, Job::Entities) {
        analyzer.preload(matches!(
            job,
            Job::Keywords | Job::Analyze | Job::Summarize(..)
        ));
    }
    let summarizer = match &job {
        Job::Summarize(config, _) => Some(Summarizer::new(**config, analyzer.stopwords().clone())),
        _ => None,
    };
    let ingester = Ingester::new(c.ingest_config()?);
    let format = c.format();
    let headers = format == Format::Text && many_documents(c);
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    let (mut failed, mut docs, mut found) = (0usize, 0usize, 0usize);
    for doc in ingester.documents(&c.inputs) {
        let doc = match doc {
            Ok(d) => d,
            Err(e) => {
                out.flush()?;
                eprintln!("newslens: error: {}", render::visible(&e.to_string()));
                failed += 1;
                continue;
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
        match job {
            Job::Segment => {
                let entities = analyzer.entities(&doc);
                let tokens = analyzer.tokens(&doc, &entities);
                match format {
                    Format::Text => render::segment_text(&mut out, &doc.text, &tokens)?,
                    Format::Json => render::json_line(
                        &mut out,
                        &json::SegmentOut {
                            doc: json::DocRef::of(&doc),
                            tokens: json::tokens(&doc.text, &tokens),
                        },
                    )?,
                }
            }
            Job::Entities => {
                let entities = analyzer.entities(&doc);
                found += entities.len();
                match format {
                    Format::Text => render::entities_text(&mut out, &entities)?,
                    Format::Json => render::json_line(
                        &mut out,
                        &json::EntitiesOut {
                            doc: json::DocRef::of(&doc),
                            entities: json::entities(&entities),
                        },
                    )?,
                }
            }
            Job::Keywords => {
                let entities = analyzer.entities(&doc);
                let tokens = analyzer.tokens(&doc, &entities);
                let keywords = analyzer.keywords(&doc, &tokens, &entities);
                match format {
                    Format::Text => render::keywords_text(&mut out, &keywords)?,
                    Format::Json => render::json_line(
                        &mut out,
                        &json::KeywordsOut {
                            doc: json::DocRef::of(&doc),
                            keywords: &keywords,
                        },
                    )?,
                }
            }
            Job::Quotes { indirect } => {
                let analysis = analyzer.analyze_without_keywords(&doc);
                let (quotes, reports) = if indirect {
                    quotes::extract_all(&doc, &analysis)
                } else {
                    (quotes::extract(&doc, &analysis), Vec::new())
                };
                found += quotes.len() + reports.len();
                match format {
                    Format::Text => {
                        render::quotes_text(&mut out, &quotes)?;
                        if indirect {
                            render::indirect_text(&mut out, &reports)?;
                        }
                    }
                    Format::Json => render::json_line(
                        &mut out,
                        &json::QuotesOut {
                            doc: json::DocRef::of(&doc),
                            quotes: &quotes,
                            indirect: indirect.then_some(reports.as_slice()),
                        },
                    )?,
                }
            }
            Job::Summarize(_, shown) => {
                let mut analysis = analyzer.analyze(&doc);
                let summarizer = summarizer.as_ref().expect("built for Summarize");
                let summary = summarizer.summarize(&doc, &analysis);
                analysis.keywords.truncate(shown);
                match format {
                    Format::Text => render::summary_text(&mut out, &doc, &analysis, &summary)?,
                    Format::Json => {
                        render::json_line(&mut out, &json::summary(&doc, &analysis, &summary))?
                    }
                }
            }
            Job::Analyze => {
                let analysis = analyzer.analyze(&doc);
                match format {
                    Format::Text => render::analyze_text(&mut out, &doc, &analysis)?,
                    Format::Json => render::json_line(&mut out, &json::analyze(&doc, &analysis))?,
                }
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("newslens: {failed} input(s) failed, {docs} document(s) processed");
        return Ok(ExitCode::from(2));
    }
    if docs == 0 {
        eprintln!("newslens: no documents found in the given input");
        return Ok(ExitCode::from(2));
    }
    if matches!(job, Job::Entities | Job::Quotes { .. }) && found == 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

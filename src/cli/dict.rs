//! `dict check|lookup|stats|suggest`: lint, query, count and grow the entity dictionary.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use newslens::analyze::entity::Dictionary;
use newslens::analyze::entity::suggest::{SuggestConfig, Suggester, observe};
use newslens::ingest::Ingester;
use newslens::render;

use super::{CommonArgs, FormatArg};

/// `dict check [DIR] [--alone]`: every problem with its file and line; exit 2 when there is any.
pub fn check(dir: &Option<PathBuf>, alone: bool) -> Result<ExitCode> {
    let (entities, errors) = Dictionary::check(!alone, dir.as_deref())?;
    let what = match (dir, alone) {
        (Some(d), true) => format!("{}", d.display()),
        (Some(d), false) => format!("built-in dictionary + {}", d.display()),
        (None, _) => "built-in dictionary".to_string(),
    };
    if errors.is_empty() {
        println!("{what}: OK, {entities} entities");
        return Ok(ExitCode::SUCCESS);
    }
    let stderr = std::io::stderr();
    let mut err = stderr.lock();
    for e in &errors {
        writeln!(err, "{e}")?;
    }
    writeln!(
        err,
        "{what}: {} problem(s) in {entities} entities",
        errors.len()
    )?;
    Ok(ExitCode::from(2))
}

/// `dict lookup NAME`: what a name resolves to; exit 1 when nothing does.
pub fn lookup(common: &CommonArgs, name: &str) -> Result<ExitCode> {
    let dict = common.dictionary()?;
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    let Some(e) = dict.lookup(name) else {
        drop(out);
        if let Some(owner) = dict.excluded_by(name) {
            eprintln!(
                "newslens: `{name}` is an exclusion of {} ({}, {}): it is never tagged",
                owner.canonical,
                owner.kind.as_str(),
                owner.location
            );
        } else {
            let near = dict.containing(name);
            if near.is_empty() {
                eprintln!("newslens: no entity is named `{name}`");
            } else {
                let names: Vec<&str> = near.iter().take(8).map(|e| e.canonical.as_str()).collect();
                eprintln!(
                    "newslens: no entity is named `{name}`; names containing it: {}",
                    names.join(", ")
                );
            }
        }
        return Ok(ExitCode::from(1));
    };
    let children = dict.children(&e.canonical);
    match common.format {
        FormatArg::Text => render::dict_entry_text(&mut out, name, e, &children)?,
        FormatArg::Json => {
            render::json_line(&mut out, &render::json::dict_entry(name, e, &children))?
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `dict stats`: entities and aliases per kind.
pub fn stats(common: &CommonArgs) -> Result<ExitCode> {
    let dict = common.dictionary()?;
    let kinds = dict.stats();
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    match common.format {
        FormatArg::Text => render::dict_stats_text(&mut out, &kinds)?,
        FormatArg::Json => render::json_line(&mut out, &render::json::dict_stats(&kinds))?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `dict suggest [INPUT…]`: names the input mentions that the dictionary does not know.
pub fn suggest(c: &CommonArgs, top: usize, min_mentions: usize) -> Result<ExitCode> {
    super::require_input(&c.inputs, "dict suggest")?;
    let ingester = Ingester::new(c.ingest_config()?);
    let mut documents = ingester.documents(&c.inputs).peekable();
    let load = super::load_for(&mut documents);
    let analyzer = c.analyzer(None, load)?;
    let mut suggester = Suggester::new(SuggestConfig {
        top,
        min_mentions: min_mentions.max(1),
        ..SuggestConfig::default()
    });
    let mut failed = 0usize;
    newslens::parallel::ordered_map(
        documents,
        newslens::parallel::default_workers(),
        super::analyze::IN_FLIGHT,
        |doc: newslens::Result<newslens::model::Document>| {
            doc.map(|doc| {
                let observed = observe(&analyzer, &doc);
                (doc, observed)
            })
        },
        |item| -> Result<()> {
            match item {
                Ok((doc, observed)) => suggester.add(&doc, observed),
                Err(e) => {
                    eprintln!("newslens: error: {}", render::visible(&e.to_string()));
                    failed += 1;
                }
            }
            Ok(())
        },
    )?;
    let docs = suggester.documents();
    let suggestions = suggester.finish(analyzer.dictionary());
    let stdout = std::io::stdout();
    let mut out = render::Escaped::new(BufWriter::new(stdout.lock()));
    match c.format() {
        render::Format::Text => render::suggestions_text(&mut out, &suggestions, docs)?,
        render::Format::Json => {
            for s in &suggestions {
                render::json_line(&mut out, s)?;
            }
        }
    }
    out.flush()?;
    if let Some(code) = super::inputs_exit(failed, docs) {
        return Ok(code);
    }
    Ok(if suggestions.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

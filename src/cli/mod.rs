//! Command-line interface (binary only): clap arguments → library configs → library calls →
//! render. Exit codes: 0 success, 1 nothing found (`entities` with no mention), 2 error (some
//! input failed, bad arguments, bad dictionary). A closed pipe (`| head`) counts as success.

mod analyze;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use newslens::analyze::entity::Dictionary;
use newslens::analyze::keywords::{KeywordConfig, KeywordMethod};
use newslens::analyze::{Analyzer, AnalyzerConfig};
use newslens::ingest::{FieldMap, IngestConfig, InputFormat};
use newslens::render::Format;

const EXAMPLES: &str = "\
Examples:
  newslens analyze corpus/                     analyse every article under corpus/
  newslens entities corpus/zh/gpu-supply.md    list entity mentions with offsets
  newslens keywords -n 5 --method textrank a.txt
  newslens segment --format json a.txt | jq '.tokens[].text'
  cat article.txt | newslens analyze -          read standard input
  newslens analyze --field body=content news.jsonl
";

/// Analyse Chinese and English news text: sentences, words, entities, keywords.
#[derive(Debug, Parser)]
#[command(name = "newslens", version, about, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Split into words (jieba-rs for Chinese, UAX #29 for English); names stay whole.
    #[command(
        after_help = "Example:\n  newslens segment corpus/zh/cloud-ai-earnings.txt\n  newslens segment --format json a.txt"
    )]
    Segment(CommonArgs),
    /// Find dictionary entities (companies, products, models, chips, people) with offsets.
    #[command(
        after_help = "Exit code 1 when no entity is found.\n\nExample:\n  newslens entities corpus/en/chip-export.md"
    )]
    Entities(CommonArgs),
    /// Rank keywords by TF-IDF (default) or TextRank.
    #[command(after_help = "Example:\n  newslens keywords -n 5 corpus/zh/gpu-supply.md")]
    Keywords {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        kw: KeywordArgs,
    },
    /// Everything: metadata, headings, sentences, tokens, entities and keywords.
    #[command(
        after_help = "Example:\n  newslens analyze corpus/\n  newslens analyze --format json corpus/zh/cloud-ai-earnings.txt"
    )]
    Analyze {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        kw: KeywordArgs,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InputFormatArg {
    Txt,
    Md,
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum MethodArg {
    Tfidf,
    Textrank,
}

#[derive(Debug, Args)]
struct CommonArgs {
    /// Files, directories (read recursively: .txt, .md, .jsonl) or `-` for standard input.
    #[arg(value_name = "INPUT", default_value = "-")]
    inputs: Vec<PathBuf>,
    /// Output format: `text` for people, `json` (one object per document per line) for programs.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    /// Read every input as this format instead of going by extension.
    #[arg(long, value_enum, value_name = "FORMAT")]
    input_format: Option<InputFormatArg>,
    /// JSONL field mapping NAME=FIELD (NAME: id, title, body, date, source, author, url, lang).
    #[arg(long = "field", value_name = "NAME=FIELD")]
    fields: Vec<String>,
    /// Extra entity dictionary directory (*.txt in the dictionary format), added to the built-in one.
    #[arg(long, value_name = "DIR")]
    dict: Option<PathBuf>,
    /// With --dict: use only that directory, not the built-in dictionary.
    #[arg(long, requires = "dict")]
    no_builtin_dict: bool,
}

#[derive(Debug, Args)]
struct KeywordArgs {
    /// Number of keywords.
    #[arg(short = 'n', long = "top", default_value_t = 10)]
    top: usize,
    /// Keyword ranking method.
    #[arg(long, value_enum, default_value = "tfidf")]
    method: MethodArg,
}

impl CommonArgs {
    fn ingest_config(&self) -> Result<IngestConfig> {
        let mut fields = FieldMap::default();
        for f in &self.fields {
            fields.set(f)?;
        }
        Ok(IngestConfig {
            fields,
            format: self.input_format.map(|f| match f {
                InputFormatArg::Txt => InputFormat::Text,
                InputFormatArg::Md => InputFormat::Markdown,
                InputFormatArg::Jsonl => InputFormat::JsonLines,
            }),
        })
    }

    fn dictionary(&self) -> Result<Dictionary> {
        Ok(match (&self.dict, self.no_builtin_dict) {
            (Some(dir), true) => Dictionary::load_dir(dir)
                .with_context(|| format!("cannot load dictionary {}", dir.display()))?,
            (Some(dir), false) => Dictionary::builtin_extended_with(dir)
                .with_context(|| format!("cannot load dictionary {}", dir.display()))?,
            (None, _) => Dictionary::builtin().context("built-in dictionary is invalid")?,
        })
    }

    fn analyzer(&self, kw: Option<&KeywordArgs>) -> Result<Analyzer> {
        let keywords = kw.map_or_else(KeywordConfig::default, |k| KeywordConfig {
            method: match k.method {
                MethodArg::Tfidf => KeywordMethod::TfIdf,
                MethodArg::Textrank => KeywordMethod::TextRank,
            },
            top_n: k.top,
        });
        Ok(Analyzer::new(
            self.dictionary()?,
            AnalyzerConfig { keywords },
        )?)
    }

    fn format(&self) -> Format {
        match self.format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
        }
    }
}

/// Parses the command line and runs the command.
pub fn run() -> Result<ExitCode> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Segment(c) => analyze::run(c, None, analyze::Job::Segment),
        Command::Entities(c) => analyze::run(c, None, analyze::Job::Entities),
        Command::Keywords { common, kw } => analyze::run(common, Some(kw), analyze::Job::Keywords),
        Command::Analyze { common, kw } => analyze::run(common, Some(kw), analyze::Job::Analyze),
    }
}

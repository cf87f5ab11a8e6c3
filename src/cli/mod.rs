//! Command-line interface (binary only): clap arguments → library configs → library calls →
//! render. Exit codes: 0 success, 1 nothing found (`entities` with no mention, `quotes` with no quotation), 2 error (some
//! input failed, bad arguments, bad dictionary). A closed pipe (`| head`) counts as success.

mod analyze;
mod dict;
mod export;
mod index;

use std::iter::Peekable;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use newslens::analyze::entity::Dictionary;
use newslens::analyze::keywords::{KeywordConfig, KeywordMethod};
use newslens::analyze::{Analyzer, AnalyzerConfig, Load};
use newslens::ingest::{FieldMap, IngestConfig, InputFormat};
use newslens::model::{Document, Lang};
use newslens::render::Format;
use newslens::summarize::SummaryConfig;

const EXAMPLES: &str = "\
Examples:
  newslens analyze corpus/                     analyse every article under corpus/
  newslens entities corpus/zh/gpu-supply.md    list entity mentions with offsets
  newslens keywords -n 5 --method textrank a.txt
  newslens segment --format json a.txt | jq '.tokens[].text'
  cat article.txt | newslens analyze -          read standard input
  newslens analyze --field body=content news.jsonl
  newslens quotes corpus/zh/cloud-ai-earnings.txt    quotations with their speakers
  newslens summarize --sentences 2 --quotes 2 article.txt
  newslens summarize --jsonl news.jsonl --text-field content > summaries.jsonl
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
    /// Direct quotations in order, each with its speaker, role and speech verb.
    #[command(after_help = QUOTES_HELP)]
    Quotes {
        #[command(flatten)]
        common: CommonArgs,
        /// Also report indirect speech (`据…介绍，…`, `according to …`, `X said that …`),
        /// separately from the direct quotations.
        #[arg(long)]
        indirect: bool,
    },
    /// Extractive summary (whole sentences, document order), key quotes, keywords, entities.
    #[command(after_help = SUMMARIZE_HELP)]
    Summarize {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        summary: SummaryArgs,
    },
    /// Build or update the search index from files, directories and JSONL.
    #[command(after_help = INDEX_HELP)]
    Index {
        #[command(flatten)]
        common: CommonArgs,
        /// Index directory [default: $NEWSLENS_INDEX, else .newslens/index].
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Delete the index and build it again from the inputs.
        #[arg(long)]
        rebuild: bool,
        /// The name of the feed the inputs make up [default: each input's own name: the
        /// file name of a JSONL file, the directory name of a directory]. An article's key is
        /// its feed and id, so feeds that number their records alike never replace each
        /// other's articles; name several files one feed when they are parts of one.
        #[arg(long, value_name = "NAME", value_parser = feed_name_arg)]
        source: Option<String>,
        /// A JSONL id given twice in one feed in this run: keep the later record (default: the
        /// first stays, the later is reported and skipped, exit code 2).
        #[arg(long)]
        replace_duplicates: bool,
        /// Also remove the articles of the feeds read in this run that their input no longer
        /// gives (a deleted file, a record gone from a JSONL file); skipped when any article
        /// failed to read.
        #[arg(long)]
        prune: bool,
        /// Commit every N articles (and every 64 MB of text): a crash or kill loses at most
        /// the articles since the last commit.
        #[arg(long, value_name = "N", default_value_t = 10_000,
              value_parser = clap::value_parser!(u32).range(1..))]
        commit_every: u32,
    },
    /// What the index holds: articles per feed, language and script, dates, entities, size,
    /// schema version, last commit.
    #[command(
        after_help = "Example:\n  newslens stats\n  newslens stats --index /data/news-index --format json"
    )]
    Stats {
        /// Index directory [default: $NEWSLENS_INDEX, else .newslens/index].
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// The N most mentioned entities of each kind.
        #[arg(long, value_name = "N", default_value_t = 5)]
        top: usize,
        /// Output format: `text` for people, `json` for programs.
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// Extra entity dictionary directory, added to the built-in one (for the entities' kinds).
        #[arg(long, value_name = "DIR")]
        dict: Option<PathBuf>,
    },
    /// Delete articles from the index: a whole feed (--source NAME) or those a query matches,
    /// in one commit.
    #[command(after_help = REMOVE_HELP)]
    Remove {
        /// The query whose matches to delete (the language of `search`).
        #[arg(required_unless_present = "source", conflicts_with = "source")]
        query: Option<String>,
        /// Delete every article of this feed.
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// Index directory [default: $NEWSLENS_INDEX, else .newslens/index].
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// With a query: only articles dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", requires = "query")]
        since: Option<String>,
        /// With a query: only articles dated on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", requires = "query")]
        until: Option<String>,
        /// Count what would be removed; remove nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Search the index: words, "phrases", OR, -exclude, entity:, kind:, source:, feed:, lang:.
    #[command(after_help = SEARCH_HELP)]
    Search {
        /// The query (see below).
        query: String,
        /// Index directory [default: $NEWSLENS_INDEX, else .newslens/index].
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Hits per page.
        #[arg(short = 'n', long, default_value_t = 10)]
        limit: usize,
        /// Hits to skip (for the next page).
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Only articles dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only articles dated on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// Output format: `text` for people, `json` for programs.
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// Also list the N entities most often mentioned among all matches, with counts.
        #[arg(long, value_name = "N", num_args = 0..=1, default_missing_value = "10")]
        facets: Option<usize>,
        /// Extra entity dictionary directory, added to the built-in one.
        #[arg(long, value_name = "DIR")]
        dict: Option<PathBuf>,
    },
    /// A local web app over the index: search with facets, articles with entities, summary and
    /// quotes marked, entities, digests and trends; and a JSON API.
    #[command(after_help = SERVE_HELP)]
    Serve {
        /// Index directory [default: $NEWSLENS_INDEX, else .newslens/index].
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Port to listen on (0: any free port).
        #[arg(long, default_value_t = 7700)]
        port: u16,
        /// Address to listen on; anything but a loopback address opens the app to the network.
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Articles kept analysed for their next view, the most recently viewed (0: every
        /// view analyses its article afresh; texts over 32 KB always are).
        #[arg(long, value_name = "N", default_value_t = 256)]
        analysed_articles: usize,
        /// Extra entity dictionary directory, added to the built-in one.
        #[arg(long, value_name = "DIR")]
        dict: Option<PathBuf>,
    },
    /// The key sentences and quotations across the articles a query finds, near-duplicates
    /// merged, as a timeline or by importance.
    #[command(after_help = DIGEST_HELP)]
    Digest {
        /// The query (the language of `search`).
        query: String,
        /// Index directory [default: $NEWSLENS_INDEX, else .newslens/index].
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Articles considered: the N best matches.
        #[arg(short = 'n', long, value_name = "N", default_value_t = 20,
              value_parser = clap::value_parser!(u32).range(1..=10_000))]
        articles: u32,
        /// Only articles dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only articles dated on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// `date`: a timeline (by the earliest article carrying each item); `score`: most
        /// important first.
        #[arg(long, value_enum, default_value = "date")]
        order: OrderArg,
        /// Key sentences at most.
        #[arg(long, value_name = "N", default_value_t = 10)]
        sentences: usize,
        /// Characters at most over all key sentences.
        #[arg(long, value_name = "N")]
        max_chars: Option<usize>,
        /// Key quotations at most.
        #[arg(long, value_name = "N", default_value_t = 5)]
        quotes: usize,
        /// Output format: `text` for people, `json` for programs.
        #[arg(long, value_enum, default_value = "text")]
        format: FormatArg,
        /// Extra entity dictionary directory, added to the built-in one.
        #[arg(long, value_name = "DIR")]
        dict: Option<PathBuf>,
    },
    /// Articles per day, week or month for each query (`entity:X` for an entity under any
    /// alias), with the entities that come with them: a table with sparklines, JSON, CSV, a chart.
    #[command(after_help = TRENDS_HELP)]
    Trends {
        /// The queries to count, compared side by side (the language of `search`).
        #[arg(required = true, value_name = "QUERY")]
        queries: Vec<String>,
        /// The period counted.
        #[arg(long, value_enum, default_value = "month")]
        by: PeriodArg,
        /// Index directory [default: $NEWSLENS_INDEX, else .newslens/index].
        #[arg(long, value_name = "DIR")]
        index: Option<PathBuf>,
        /// Only articles dated on or after this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Only articles dated on or before this day (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// The N entities most often in each query's articles (0: none).
        #[arg(long, value_name = "N", default_value_t = 5)]
        with: usize,
        /// Output format: `text` (sparklines and a table), `json`, or `csv`.
        #[arg(long, value_enum, default_value = "text")]
        format: TableFormatArg,
        /// Also draw the counts as a chart into FILE (.svg, or .png with the system's fonts).
        #[arg(long, value_name = "FILE")]
        plot: Option<PathBuf>,
        /// Extra entity dictionary directory, added to the built-in one.
        #[arg(long, value_name = "DIR")]
        dict: Option<PathBuf>,
    },
    /// Export to Elasticsearch / OpenSearch / Quickwit: `_bulk` NDJSON with newslens's
    /// segmentation, entities, keywords and summary; their mapping; translated queries.
    #[command(after_help = EXPORT_HELP)]
    Export {
        #[command(flatten)]
        common: CommonArgs,
        #[command(flatten)]
        export: export::ExportArgs,
    },
    /// The entity dictionary: lint it, look a name up, count it.
    #[command(subcommand, after_help = DICT_HELP)]
    Dict(DictCommand),
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

/// `newslens dict …`.
#[derive(Debug, Subcommand)]
enum DictCommand {
    /// Lint dictionary files: every problem with its file:line (exit 2 if any).
    #[command(
        after_help = "Example:\n  newslens dict check                 the built-in dictionary\n  newslens dict check my-dict/         my-dict/*.txt added to the built-in one\n  newslens dict check --alone my-dict/"
    )]
    Check {
        /// A directory of *.txt dictionary files, checked as `--dict DIR` would load it
        /// (together with the built-in dictionary) [default: the built-in dictionary alone].
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
        /// Check DIR on its own, as `--dict DIR --no-builtin-dict` would load it.
        #[arg(long, requires = "dir")]
        alone: bool,
    },
    /// What a name (any alias, any language, any case) resolves to, and where it is defined.
    #[command(
        after_help = "Exit code 1 when no entity has that name.\n\nExample:\n  newslens dict lookup 英伟达\n  newslens dict lookup --format json aliyun"
    )]
    Lookup {
        /// The name to look up.
        name: String,
        #[command(flatten)]
        dict: DictArgs,
    },
    /// Entities and aliases per kind.
    Stats {
        #[command(flatten)]
        dict: DictArgs,
    },
    /// Names a corpus mentions often that the dictionary does not know, ranked, with example
    /// passages, printed as dictionary entries to review and load with `--dict`.
    #[command(
        after_help = "Names are proposed by their form (legal forms, institutions, business titles), by speaking\na quotation, by jieba's proper-noun tags (nr, nt, nz) and by capitalisation. Kinds are guesses:\nreview every entry before using it.\n\nExample:\n  newslens dict suggest corpus/ > my-dict/suggested.txt\n  newslens dict check my-dict/\n  newslens entities --dict my-dict/ corpus/"
    )]
    Suggest {
        #[command(flatten)]
        common: CommonArgs,
        /// Number of suggestions (the most widespread names).
        #[arg(short = 'n', long, default_value_t = 100)]
        top: usize,
        /// Leave out names mentioned fewer times than this in the whole input.
        #[arg(long, default_value_t = 2, value_name = "N")]
        min_mentions: usize,
    },
}

/// Dictionary selection and output format for `dict lookup` / `dict stats`.
#[derive(Debug, Clone, Args)]
struct DictArgs {
    /// Output format: `text` for people, `json` for programs.
    #[arg(long, value_enum, default_value = "text")]
    format: FormatArg,
    /// Extra entity dictionary directory, added to the built-in one.
    #[arg(long, value_name = "DIR")]
    dict: Option<PathBuf>,
    /// With --dict: use only that directory, not the built-in dictionary.
    #[arg(long, requires = "dict")]
    no_builtin_dict: bool,
}

impl DictArgs {
    fn common(&self) -> CommonArgs {
        CommonArgs {
            format: self.format,
            dict: self.dict.clone(),
            no_builtin_dict: self.no_builtin_dict,
            ..CommonArgs::none()
        }
    }
}

const DICT_HELP: &str = "\
The dictionary is dictionaries/entities/*.txt, compiled into newslens; `--dict DIR` adds your own
files in the same format (see dictionaries/README.md).

Example:
  newslens dict check
  newslens dict lookup NVIDIA
  newslens dict stats --format json";

const INDEX_HELP: &str = "\
Every input is a feed, named after it (news.jsonl, corpus) or by --source NAME. An article's key
is its feed and JSONL id (news.jsonl#77), or its path for a .txt/.md file, so two feeds never
replace each other's articles. Re-indexing the same input changes nothing; a changed article
replaces its old version. An id given twice in one run is reported (news.jsonl:812: id 77
already given at line 5); the first record stays unless --replace-duplicates. An article that
replaces one from another file of the same feed name, or one with another title and text, is
reported and counted apart. Analyses on all cores; commits every 10,000 articles
(--commit-every) or 64 MB of text, so an interrupted run (crash, kill, power loss) loses at most
the articles since the last commit, and running it again completes the index. A bad article is
reported and skipped. The final line counts added / updated / unchanged / failed articles.

Example:
  newslens index corpus/
  newslens index --index /data/news-index --field body=content news.jsonl
  newslens index --source reuters reuters-2024-*.jsonl   # several files, one feed
  newslens index --prune corpus/          # also drop articles whose file was deleted
  newslens stats                          # what the index holds, per feed";

const REMOVE_HELP: &str = "\
Removes in one commit: an interrupted removal leaves the index as it was. Exit code 1 when
nothing matches.

Example:
  newslens remove --source reuters21578.jsonl
  newslens remove 'feed:news.jsonl lang:en' --dry-run
  newslens remove '\"sponsored content\"' --until 2019-12-31";

const SEARCH_HELP: &str = "\
Query language:
  英伟达 A800             all words must match (title matches rank higher)
  \"exact phrase\"         the words in this order (also “…”)
  云计算 OR 人工智能       either
  -word  -\"phrase\"       exclude
  entity:NVIDIA           the entity under any alias, any language (finds 英伟达)
  kind:chip               any entity of a kind: vendor, product, model, chip, org, media, person
  source:NAME  lang:zh|en filters (source: the outlet, case-insensitive)
  feed:NAME               articles of one feed (as `newslens stats` lists them)
A word that is an entity alias also finds the entity's other aliases, ranked lower.
Exit code 1 when nothing matches, 2 on a bad query or a missing index.

Example:
  newslens search 英伟达
  newslens search 'entity:NVIDIA lang:zh' --since 2024-01-01
  newslens search '\"推理需求\" -训练' --format json";

const SERVE_HELP: &str = "\
Prints the address to open, then serves until Ctrl-C. Pages: / (search), /articles/KEY,
/entities/NAME, /digest?q=, /trends?q=. JSON API, with the shapes of the CLI's JSON output:
/api/search?q=&limit=&offset=&since=&until=, /api/articles/KEY, /api/entities/NAME,
/api/trends?q=&by=, /api/digest?q=&n=&order=; errors are {\"error\": message} with a 4xx status.
Read-only on the index; it sees new commits of a running `newslens index`.

Example:
  newslens serve
  newslens serve --index /data/news-index --port 8080";

const DIGEST_HELP: &str = "\
Each of the best N matches is summarised (its key sentences and quotations, as `summarize` finds
them); the same sentence or quotation in several articles (wire copy reprinted, a quotation
repeated) is given once, with every article that carries it and its byte span there. An item is
as important as its article's relevance times its weight in the article (halved when it names
nothing the query looks for), plus one for every further article carrying it. Exit code 1 when
nothing matches.

Example:
  newslens digest entity:英伟达
  newslens digest '出口管制 OR export controls' --since 2024-01-01 --order score
  newslens digest entity:NVIDIA -n 50 --sentences 15 --format json";

const TRENDS_HELP: &str = "\
Counts come from the index (a date histogram inside tantivy), by the day each article's own date
names. Every query gets a count for every period from the first to the last (or --since to
--until), zeros included, so several queries line up. Articles with no readable date are counted
apart (\"undated\"), in no period. Exit code 1 when no query matches anything.

Example:
  newslens trends entity:英伟达
  newslens trends entity:NVIDIA entity:华为 --by week --since 2024-01-01
  newslens trends 大模型 --format csv > llm.csv
  newslens trends entity:英伟达 entity:AMD --plot trends.svg";

const EXPORT_HELP: &str = "\
Writes one action line and one document line per article (Elasticsearch `_bulk` NDJSON), as it
goes. `_id` is the newslens key, feed#id for a JSONL record (news.jsonl#77) and the path for a
file (hashed when over 512 bytes), so a re-export updates instead of duplicating and two feeds
never overwrite each other (Quickwit takes `create` actions without ids). Documents: id, feed,
path, line, url, title, body, date (YYYY-MM-DD), date_raw, source, source_key, author, lang,
title_seg and body_seg
(newslens words joined by spaces, for a whitespace analyzer), title_subwords, body_subwords,
entities, entity_kinds, keywords, summary.

Example:
  newslens export corpus/ > news.ndjson
  newslens export --mapping > mapping.json
  curl -XPUT localhost:9200/news -H 'Content-Type: application/json' --data-binary @mapping.json
  curl -XPOST localhost:9200/_bulk -H 'Content-Type: application/x-ndjson' --data-binary @news.ndjson
  newslens export --query 'entity:NVIDIA 出口' > query.json
  newslens export --url http://localhost:9200 corpus/
  newslens export --target quickwit --mapping > news.yaml
  newslens export --from-index .newslens/index -o news.ndjson";

const QUOTES_HELP: &str = "\
Chinese “…” 「…」 『…』 and English \"…\" “…” quotations; quoted terms and names (“抓手”,
the so-called \"AI tax\") are left out. Speakers: `“……”张勇表示`, `张勇表示,“……”`,
`\"…,\" said Jensen Huang`, a quotation standing alone attributed in the next sentence; pronouns
resolve to the nearest named person. Offsets are bytes of the text inside the marks.

Example:
  newslens quotes corpus/zh/cloud-ai-earnings.txt
  newslens quotes --format json corpus/en/cloud-capex.txt
  newslens quotes --indirect corpus/zh/cloud-ai-earnings.txt";

const SUMMARIZE_HELP: &str = "\
Scoring: lead position prior, PacSum directed centrality over TF-IDF, title similarity, entity
and figure density, length, MMR redundancy removal (weights: --weights, see the README).

Batch mode: --jsonl FILE writes one JSON line per record:
  {\"id\",\"summary\",\"sentences\":[{\"text\",\"start\",\"end\",\"score\"}],\"quotes\":[…],…}
A bad record is reported with its line number and skipped.

Example:
  newslens summarize corpus/zh/cloud-ai-earnings.txt
  newslens summarize --max-chars 120 --quotes 2 corpus/en/cloud-capex.txt
  newslens summarize --jsonl bbc.jsonl --text-field article --sentences 5";

/// Keywords computed for summary scoring (`--top` only limits how many are shown).
const KEYWORDS_FOR_SCORING: usize = 10;

#[derive(Debug, Args)]
struct SummaryArgs {
    /// At most N sentences [default: 3, or as many as fit when only --max-chars is given].
    #[arg(short = 's', long, value_name = "N")]
    sentences: Option<usize>,
    /// At most N characters in the summary (a Chinese character counts one); never exceeded.
    #[arg(long, value_name = "N")]
    max_chars: Option<usize>,
    /// Number of key quotes.
    #[arg(short = 'q', long, value_name = "K", default_value_t = 3)]
    quotes: usize,
    /// Number of keywords listed.
    #[arg(short = 'n', long = "top", default_value_t = 8)]
    top: usize,
    /// Batch mode: summarize every record of this JSON Lines file (implies --format json).
    #[arg(long, value_name = "FILE")]
    jsonl: Option<PathBuf>,
    /// Batch mode: the record field holding the id [default: id].
    #[arg(long, value_name = "FIELD", requires = "jsonl")]
    id_field: Option<String>,
    /// Batch mode: the field holding the text [default: body, text, article or content].
    #[arg(long, value_name = "FIELD", requires = "jsonl")]
    text_field: Option<String>,
    /// Batch mode: the field holding the title [default: title].
    #[arg(long, value_name = "FIELD", requires = "jsonl")]
    title_field: Option<String>,
    /// Override scoring weights NAME=VALUE,… for both languages (position, decay, centrality,
    /// beta, backward, overlap, title, keywords, cohesion, norm_exponent, quoted, density,
    /// length, ideal_length, redundancy, clean; `lead.NAME` or `cover.NAME` for one of the two
    /// weight sets; share_lead, share_cover), or `lead` for the Lead-k baseline.
    #[arg(long, value_name = "WEIGHTS")]
    weights: Option<String>,
}

impl SummaryArgs {
    fn config(&self) -> Result<SummaryConfig> {
        let mut config = SummaryConfig::default();
        if let Some(spec) = &self.weights {
            config.set_weights(spec)?;
        }
        Ok(SummaryConfig {
            sentences: self.sentences.unwrap_or(if self.max_chars.is_some() {
                usize::MAX
            } else {
                3
            }),
            max_chars: self.max_chars,
            quotes: self.quotes,
            ..config
        })
    }

    /// Folds batch mode into the common arguments: the file as JSONL input, JSON output.
    fn apply_batch(&self, common: &mut CommonArgs) -> Result<()> {
        if let Some(file) = &self.jsonl {
            if file.is_dir() {
                anyhow::bail!(
                    "--jsonl {}: this is a directory; give a JSON Lines file",
                    file.display()
                );
            }
            common.inputs = vec![file.clone()];
            common.input_format = Some(InputFormatArg::Jsonl);
            common.format = FormatArg::Json;
            let fields = [
                ("id", &self.id_field),
                ("body", &self.text_field),
                ("title", &self.title_field),
            ];
            for (name, field) in fields {
                if let Some(f) = field {
                    common.fields.push(format!("{name}={f}"));
                }
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

/// `--format` of commands that also write CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormatArg {
    Text,
    Json,
    Csv,
}

/// `--order`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum OrderArg {
    Date,
    Score,
}

/// `--by`.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum PeriodArg {
    Day,
    Week,
    Month,
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

#[derive(Debug, Clone, Args)]
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
    /// Leave out paths matching GLOB when walking a directory (as in a .gitignore; repeatable).
    /// .gitignore and .ignore files, hidden files and README/LICENSE/CHANGELOG files are
    /// skipped anyway.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Extra entity dictionary directory (*.txt in the dictionary format), added to the built-in one.
    #[arg(long, value_name = "DIR")]
    dict: Option<PathBuf>,
    /// With --dict: use only that directory, not the built-in dictionary.
    #[arg(long, requires = "dict")]
    no_builtin_dict: bool,
    /// The feed name given by a command that takes `--source` (`index`, `export`).
    #[arg(skip)]
    source: Option<String>,
}

/// A `--source` feed name: not empty, no control characters.
fn feed_name_arg(s: &str) -> std::result::Result<String, String> {
    let name = s.trim();
    if name.is_empty() {
        return Err("a feed name cannot be empty".to_string());
    }
    if name.chars().any(char::is_control) {
        return Err("a feed name cannot hold control characters".to_string());
    }
    Ok(name.to_string())
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
    /// For commands that read an index: no inputs, the output format, the dictionary.
    fn reading_index(format: FormatArg, dict: &Option<PathBuf>) -> CommonArgs {
        CommonArgs {
            format,
            dict: dict.clone(),
            ..CommonArgs::none()
        }
    }

    /// No inputs, text output, the built-in dictionary.
    fn none() -> CommonArgs {
        CommonArgs {
            inputs: Vec::new(),
            format: FormatArg::Text,
            input_format: None,
            fields: Vec::new(),
            exclude: Vec::new(),
            dict: None,
            no_builtin_dict: false,
            source: None,
        }
    }

    fn ingest_config(&self) -> Result<IngestConfig> {
        let mut fields = FieldMap::default();
        for f in &self.fields {
            fields.set(f)?;
        }
        Ok(IngestConfig {
            exclude: self.exclude.clone(),
            feed: self.source.clone(),
            fields,
            format: self.input_format.map(|f| match f {
                InputFormatArg::Txt => InputFormat::Text,
                InputFormatArg::Md => InputFormat::Markdown,
                InputFormatArg::Jsonl => InputFormat::JsonLines,
            }),
        })
    }

    /// The feeds of the inputs: `--source`, else each input's own name.
    fn feeds(&self) -> Vec<String> {
        match &self.source {
            Some(name) => vec![name.clone()],
            None => self
                .inputs
                .iter()
                .map(|i| newslens::ingest::feed_name(i))
                .collect(),
        }
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

    /// The analyzer, with the tables `load` names loaded up front (in parallel).
    fn analyzer(&self, kw: Option<&KeywordArgs>, load: Load) -> Result<Analyzer> {
        let keywords = kw.map_or_else(KeywordConfig::default, |k| KeywordConfig {
            method: match k.method {
                MethodArg::Tfidf => KeywordMethod::TfIdf,
                MethodArg::Textrank => KeywordMethod::TextRank,
            },
            top_n: k.top,
        });
        Ok(Analyzer::loaded(
            self.dictionary()?,
            AnalyzerConfig { keywords },
            load,
        )?)
    }

    fn format(&self) -> Format {
        match self.format {
            FormatArg::Text => Format::Text,
            FormatArg::Json => Format::Json,
        }
    }
}

/// An error when the inputs are standard input alone and it is a terminal (nobody is piping
/// text in): `command` is shown in the example (`newslens COMMAND corpus/`).
fn require_input(inputs: &[PathBuf], command: &str) -> Result<()> {
    use std::io::IsTerminal;
    if inputs.iter().any(|p| p.as_os_str() == "-") && std::io::stdin().is_terminal() {
        anyhow::bail!(
            "no input: give a file or directory (e.g. `newslens {command} corpus/`), or pipe text to standard input"
        );
    }
    Ok(())
}

/// The exit code when some inputs failed (2) or none held a document (2), after saying so;
/// `None` when the run read something and nothing failed.
fn inputs_exit(failed: usize, docs: usize) -> Option<ExitCode> {
    if failed > 0 {
        eprintln!("newslens: {failed} input(s) failed, {docs} document(s) processed");
        return Some(ExitCode::from(2));
    }
    if docs == 0 {
        eprintln!("newslens: no documents found in the given input");
        return Some(ExitCode::from(2));
    }
    None
}

/// Files larger than this are sniffed for Chinese by [`load_for_inputs`] instead of read whole
/// before jieba's dictionary starts loading.
const SNIFF_LARGER_THAN: u64 = 1 << 20;

/// [`load_for`], but when the first input is one large text file, decided from its first
/// 64 KB: reading and laying out the whole file first would hold back the dictionary's load in
/// the background by as long. (A hint only: a wrong guess costs time, never output.)
fn load_for_inputs<I: Iterator<Item = newslens::Result<Document>>>(
    inputs: &[PathBuf],
    docs: &mut Peekable<I>,
) -> Load {
    let large_text = inputs.first().filter(|p| {
        InputFormat::from_path(p) != Some(InputFormat::JsonLines)
            && std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() > SNIFF_LARGER_THAN)
    });
    if let Some(path) = large_text
        && head_is_chinese(path)
    {
        return Load { segmenter: true };
    }
    load_for(docs)
}

/// Whether the first 64 KB of the file at `path` read as Chinese UTF-8 text.
fn head_is_chinese(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = Vec::with_capacity(1 << 16);
    let read = std::fs::File::open(path).and_then(|f| f.take(1 << 16).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let valid = match std::str::from_utf8(head) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
    };
    newslens::ingest::detect_lang(valid) == Lang::Zh
}

/// What to load of jieba's dictionary (~0.1 s) for articles `docs`: at once, in the background,
/// when the first article is Chinese; else nothing up front, and the first Chinese text (if any)
/// loads it, so that English articles never wait for it.
fn load_for<I: Iterator<Item = newslens::Result<Document>>>(docs: &mut Peekable<I>) -> Load {
    Load {
        segmenter: matches!(docs.peek(), Some(Ok(d)) if d.lang == Lang::Zh),
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
        Command::Index {
            common,
            index,
            rebuild,
            source,
            replace_duplicates,
            prune,
            commit_every,
        } => {
            let mut common = common.clone();
            common.source = source.clone();
            index::run_index(
                &common,
                index,
                &index::IndexRun {
                    rebuild: *rebuild,
                    prune: *prune,
                    commit_every: *commit_every as usize,
                    replace_duplicates: *replace_duplicates,
                },
            )
        }
        Command::Stats {
            index,
            top,
            format,
            dict,
        } => {
            let common = CommonArgs::reading_index(*format, dict);
            index::run_stats(&common, index, *top)
        }
        Command::Remove {
            query,
            source,
            index,
            since,
            until,
            dry_run,
        } => {
            let what = match (source, query) {
                (Some(feed), _) => newslens::index::Removal::Feed(feed.clone()),
                (None, Some(q)) => newslens::index::Removal::Query(
                    newslens::index::query::parse(q)?,
                    newslens::index::SearchOptions {
                        since: since.clone(),
                        until: until.clone(),
                        ..Default::default()
                    },
                ),
                (None, None) => anyhow::bail!("give a query or --source NAME"),
            };
            index::run_remove(&CommonArgs::none(), index, &what, *dry_run)
        }
        Command::Search {
            query,
            index,
            limit,
            offset,
            since,
            until,
            format,
            facets,
            dict,
        } => {
            let common = CommonArgs::reading_index(*format, dict);
            let options = newslens::index::SearchOptions {
                limit: *limit,
                offset: *offset,
                since: since.clone(),
                until: until.clone(),
                facets: facets.unwrap_or(0),
            };
            index::run_search(&common, index, query, &options)
        }
        Command::Serve {
            index,
            port,
            host,
            analysed_articles,
            dict,
        } => {
            let common = CommonArgs::reading_index(FormatArg::Text, dict);
            let options = newslens::serve::ServeOptions {
                analysed_articles: *analysed_articles,
            };
            index::run_serve(
                &common,
                index,
                std::net::SocketAddr::new(*host, *port),
                &options,
            )
        }
        Command::Digest {
            query,
            index,
            articles,
            since,
            until,
            order,
            sentences,
            max_chars,
            quotes,
            format,
            dict,
        } => {
            let common = CommonArgs::reading_index(*format, dict);
            let options = newslens::digest::DigestOptions {
                articles: *articles as usize,
                since: since.clone(),
                until: until.clone(),
                sentences: *sentences,
                max_chars: *max_chars,
                quotes: *quotes,
                order: match order {
                    OrderArg::Date => newslens::digest::Order::Date,
                    OrderArg::Score => newslens::digest::Order::Score,
                },
            };
            index::run_digest(&common, index, query, &options)
        }
        Command::Trends {
            queries,
            by,
            index,
            since,
            until,
            with,
            format,
            plot,
            dict,
        } => {
            let common = CommonArgs::reading_index(FormatArg::Text, dict);
            let options = newslens::index::TrendOptions {
                by: match by {
                    PeriodArg::Day => newslens::index::Period::Day,
                    PeriodArg::Week => newslens::index::Period::Week,
                    PeriodArg::Month => newslens::index::Period::Month,
                },
                since: since.clone(),
                until: until.clone(),
                with: *with,
            };
            index::run_trends(&common, index, queries, &options, *format, plot.as_deref())
        }
        Command::Export { common, export } => export::run(common, export),
        Command::Dict(DictCommand::Check { dir, alone }) => dict::check(dir, *alone),
        Command::Dict(DictCommand::Lookup { name, dict }) => dict::lookup(&dict.common(), name),
        Command::Dict(DictCommand::Stats { dict }) => dict::stats(&dict.common()),
        Command::Dict(DictCommand::Suggest {
            common,
            top,
            min_mentions,
        }) => dict::suggest(common, *top, *min_mentions),
        Command::Quotes { common, indirect } => analyze::run(
            common,
            None,
            analyze::Job::Quotes {
                indirect: *indirect,
            },
        ),
        Command::Summarize { common, summary } => {
            let mut common = common.clone();
            summary.apply_batch(&mut common)?;
            // The scorer uses the top keywords even when fewer are shown.
            let kw = KeywordArgs {
                top: summary.top.max(KEYWORDS_FOR_SCORING),
                method: MethodArg::Tfidf,
            };
            analyze::run(
                &common,
                Some(&kw),
                analyze::Job::Summarize(Box::new(summary.config()?), summary.top),
            )
        }
    }
}

//! Export for distributed search engines: Elasticsearch, OpenSearch and Quickwit, which all
//! read the Elasticsearch `_bulk` format (NDJSON: an action line, then the document line).
//!
//! Each document carries the article's fields, newslens's segmentation (`title_seg`,
//! `body_seg`: words joined by single spaces, so an engine's whitespace analyzer indexes
//! newslens's Chinese words; `title_subwords`, `body_subwords`: the words inside long Chinese
//! words), the canonical entities and their kinds, the keywords and the extractive summary:
//!
//! ```text
//! action   {"index":{"_index","_id"}}          (Quickwit: {"create":{"_index"}}, no _id)
//!          (_id is the newslens key, `feed#id` for a JSON Lines record and the path for a
//!          file, or for keys over 512 bytes a hashed form: [`engine_id`])
//! document {"id","feed"?,"path","line"?,"url"?,"title","body","date"?,"date_raw"?,"source"?,"source_key"?,
//!           "author"?,"lang","title_seg","body_seg","title_subwords","body_subwords",
//!           "entities":[…],"entity_kinds":[…],"keywords":[…],"summary"}
//! ```
//! `date` is the publication day as `YYYY-MM-DD` when the article's date reads as one
//! (`date_raw` keeps what the source said); `source_key` is the source lowercased, for
//! case-insensitive `source:` filters. [`mapping`] gives the index settings that match, and
//! [`translate`] turns a `newslens search` query into the engine's query DSL.

pub mod bulk;

use std::sync::Arc;

use serde::Serialize;
use serde_json::{Value, json};

use crate::analyze::Analyzer;
use crate::error::{Error, Result};
use crate::index::query::{Clause, ParsedQuery};
use crate::index::{iso_day, query_terms, segmented};
use crate::model::{Analysis, Document, Entity, EntityKind, Sentence};
use crate::summarize::{Summarizer, SummaryConfig};

/// The engine an export is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Elasticsearch 7 and 8.
    Elasticsearch,
    /// OpenSearch 1 and 2.
    OpenSearch,
    /// Quickwit 0.8 and later (its Elasticsearch-compatible `_bulk` endpoint).
    Quickwit,
}

impl Target {
    /// Every target, in the order `--help` lists them.
    pub const ALL: [Target; 3] = [Target::Elasticsearch, Target::OpenSearch, Target::Quickwit];

    /// The name used on the command line: `elasticsearch`, `opensearch`, `quickwit`.
    pub fn name(self) -> &'static str {
        match self {
            Target::Elasticsearch => "elasticsearch",
            Target::OpenSearch => "opensearch",
            Target::Quickwit => "quickwit",
        }
    }

    /// Where the bulk endpoint lives under the engine's base URL.
    pub fn bulk_path(self) -> &'static str {
        match self {
            Target::Elasticsearch | Target::OpenSearch => "/_bulk",
            Target::Quickwit => "/api/v1/_elastic/_bulk",
        }
    }

    /// Checks `name` as an index name of this engine (Elasticsearch and OpenSearch: lowercase,
    /// no `\ / * ? " < > | , #` or spaces, not starting with `-`, `_` or `+`; Quickwit: a letter,
    /// then 2 to 254 letters, digits, `-`, `_` or `.`).
    pub fn check_index_name(self, name: &str) -> Result<()> {
        let bad = |reason: &str| {
            Err(Error::Config(format!(
                "index name `{name}`: {reason} for {}",
                self.name()
            )))
        };
        match self {
            Target::Elasticsearch | Target::OpenSearch => {
                if name.is_empty() || name == "." || name == ".." || name.len() > 255 {
                    return bad("must be 1 to 255 bytes, not . or ..");
                }
                if name.starts_with(['-', '_', '+']) {
                    return bad("must not start with -, _ or +");
                }
                if name.chars().any(|c| c.is_uppercase()) {
                    return bad("must be lowercase");
                }
                if name.contains(['\\', '/', '*', '?', '"', '<', '>', '|', ',', '#', ' ', ':']) {
                    return bad("must not contain \\ / * ? \" < > | , # : or spaces");
                }
            }
            Target::Quickwit => {
                let mut chars = name.chars();
                let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                    && (3..=255).contains(&name.len())
                    && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
                if !ok {
                    return bad("must be a letter then 2 to 254 letters, digits, -, _ or .");
                }
            }
        }
        Ok(())
    }

    /// Quickwit's ingest takes `create` actions only and assigns its own ids.
    fn takes_ids(self) -> bool {
        self != Target::Quickwit
    }
}

/// One article as exported: the document line of its bulk pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportDoc<'a> {
    /// The article's id as its feed gives it (the path for a file).
    pub id: &'a str,
    /// The newslens key ([`Document::key`]): the `_id` where the engine takes one.
    #[serde(skip)]
    pub key: String,
    /// The feed it was read from.
    #[serde(skip_serializing_if = "str::is_empty")]
    pub feed: &'a str,
    /// Source file.
    pub path: &'a str,
    /// Its line in that file, for a JSON Lines record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Canonical URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    /// Headline (empty when the article has none).
    pub title: &'a str,
    /// The article text.
    pub body: &'a str,
    /// Publication day, `YYYY-MM-DD`, when the article's date reads as a real day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The date as the source wrote it, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_raw: Option<&'a str>,
    /// Publisher or outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    /// The source lowercased (what `source:` filters on).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_key: Option<String>,
    /// Author(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<&'a str>,
    /// `zh` or `en`.
    pub lang: &'static str,
    /// The title's words, joined by single spaces.
    pub title_seg: String,
    /// The body's words, joined by single spaces.
    pub body_seg: String,
    /// The words inside the title's long Chinese words, joined by single spaces.
    pub title_subwords: String,
    /// The words inside the body's long Chinese words, joined by single spaces.
    pub body_subwords: String,
    /// Canonical names of the entities mentioned, most mentioned first.
    pub entities: Vec<String>,
    /// Their kinds, each once, sorted.
    pub entity_kinds: Vec<&'static str>,
    /// Keywords, best first.
    pub keywords: Vec<String>,
    /// The extractive summary (its sentences joined).
    pub summary: String,
}

/// Articles analysed together by one worker, stage by stage.
const CHUNK: usize = 32;
/// Chunks being analysed or waiting to be written (bounds memory on long inputs).
const CHUNKS_IN_FLIGHT: usize = 8;
/// Article text read and tagged ahead while jieba's dictionary loads, at most.
const READ_AHEAD_BYTES: usize = 8 << 20;

/// A chunk of articles: each article's read result in order, and those that read, tagged
/// already or not yet.
type Chunk = (Vec<Result<()>>, std::result::Result<Tagged, Vec<Document>>);

/// Documents with their entities and sentences, from [`Exporter::tag`].
pub struct Tagged {
    docs: Vec<Document>,
    entities: Vec<Vec<Entity>>,
    sentences: Vec<Vec<Sentence>>,
}

impl Tagged {
    /// Bytes of article text held.
    pub fn bytes(&self) -> usize {
        self.docs.iter().map(|d| d.text.len()).sum()
    }
}

/// The action line of a bulk pair.
#[derive(Debug, Serialize)]
enum Action<'a> {
    /// Create or replace (Elasticsearch, OpenSearch): a re-export updates.
    #[serde(rename = "index")]
    Index(ActionMeta<'a>),
    /// Create (Quickwit).
    #[serde(rename = "create")]
    Create(ActionMeta<'a>),
}

#[derive(Debug, Serialize)]
struct ActionMeta<'a> {
    #[serde(rename = "_index")]
    index: &'a str,
    #[serde(rename = "_id", skip_serializing_if = "Option::is_none")]
    id: Option<std::borrow::Cow<'a, str>>,
}

/// Turns documents into bulk records; `Sync`, so many documents export in parallel.
pub struct Exporter {
    analyzer: Arc<Analyzer>,
    summarizer: Summarizer,
    target: Target,
    index_name: String,
}

impl Exporter {
    /// An exporter for `target`, writing into the engine's index `index_name`. jieba's
    /// dictionary loads when the first Chinese article is tagged, if `analyzer` has not
    /// started it already (`Load { segmenter: true }`).
    pub fn new(analyzer: Arc<Analyzer>, target: Target, index_name: &str) -> Exporter {
        let summarizer = Summarizer::new(SummaryConfig::default(), analyzer.stopwords().clone());
        Exporter {
            analyzer,
            summarizer,
            target,
            index_name: index_name.to_string(),
        }
    }

    /// The exported form of `doc`.
    pub fn document<'a>(&self, doc: &'a Document) -> ExportDoc<'a> {
        self.document_with(doc, &self.analyzer.analyze(doc))
    }

    /// Exports every article of `docs` on `workers` threads and hands `sink`, in input order,
    /// each one's (id, bulk pair) or the error that made it fail. Articles go 32 at a time,
    /// stage by stage; while jieba's dictionary loads (on its own thread), the calling thread
    /// reads and tags up to 8 MB ahead, so every core works from the start (an English corpus
    /// never loads it). At most 8 chunks are in flight, so memory does not grow with the input.
    /// The first error from `sink` stops the run and is returned.
    pub fn export_all<I, E>(
        &self,
        docs: I,
        workers: usize,
        mut sink: impl FnMut(Result<(String, Vec<u8>)>) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E>
    where
        I: Iterator<Item = Result<Document>> + Send,
    {
        // Chunks of articles; an error keeps its place in its chunk.
        let mut docs = docs;
        let mut chunks = std::iter::from_fn(move || {
            let chunk: Vec<_> = docs.by_ref().take(CHUNK).collect();
            (!chunk.is_empty()).then(|| {
                let mut ok = Vec::with_capacity(chunk.len());
                let slots: Vec<Result<()>> =
                    chunk.into_iter().map(|d| d.map(|d| ok.push(d))).collect();
                (slots, ok)
            })
        });
        let mut ahead = Vec::new();
        let mut bytes = 0;
        while self.analyzer.segmenter_requested()
            && !self.analyzer.segmenter_ready()
            && bytes < READ_AHEAD_BYTES
        {
            let Some((slots, ok)) = chunks.next() else {
                break;
            };
            let tagged = self.tag(ok);
            bytes += tagged.bytes();
            ahead.push((slots, Ok(tagged)));
        }
        let chunks = ahead
            .into_iter()
            .chain(chunks.map(|(slots, ok)| (slots, Err(ok))));
        let work = |(slots, docs): Chunk| {
            let tagged = docs.unwrap_or_else(|docs| self.tag(docs));
            let mut records = self.records(tagged).into_iter();
            // The records come in the order of the documents that read.
            slots
                .into_iter()
                .map(|s| s.map(|()| records.next().unwrap_or_default()))
                .collect::<Vec<_>>()
        };
        crate::parallel::ordered_map(chunks, workers, CHUNKS_IN_FLIGHT, work, |items| {
            items.into_iter().try_for_each(&mut sink)
        })
    }

    /// The first stages for `docs`: entities and sentences, which need no segmenter (so they
    /// can run while jieba's dictionary loads); [`Exporter::records`] does the rest.
    pub fn tag(&self, docs: Vec<Document>) -> Tagged {
        let a = &self.analyzer;
        for d in &docs {
            a.preload_for(d);
        }
        Tagged {
            entities: docs.iter().map(|d| a.entities(d)).collect(),
            sentences: docs.iter().map(|d| a.sentences(d)).collect(),
            docs,
        }
    }

    /// The bulk pairs of tagged documents, as (key, action line and document line), analysed
    /// stage by stage over all of them as the index does: each stage's tables (jieba's
    /// dictionary, the IDF table) then stay in the cache instead of evicting one another.
    pub fn records(&self, tagged: Tagged) -> Vec<(String, Vec<u8>)> {
        let a = &self.analyzer;
        let Tagged {
            docs,
            entities,
            sentences,
        } = tagged;
        let (tokens, keywords) = a.tokens_and_keywords(&docs, &entities);
        docs.into_iter()
            .zip(entities.into_iter().zip(tokens))
            .zip(keywords.into_iter().zip(sentences))
            .map(|((doc, (entities, tokens)), (keywords, sentences))| {
                let analysis = Analysis {
                    people: a.people(&doc),
                    lang: doc.lang,
                    sentences,
                    tokens,
                    entities,
                    keywords,
                };
                let lines = self.lines(&self.document_with(&doc, &analysis));
                (doc.key(), lines)
            })
            .collect()
    }

    /// The exported form of `doc` given its analysis.
    fn document_with<'a>(&self, doc: &'a Document, analysis: &Analysis) -> ExportDoc<'a> {
        let a = &self.analyzer;
        let summary = self.summarizer.summarize(doc, analysis);
        // Words in Simplified form for a Traditional article, as the index holds them.
        let body = segmented(a, doc.view(), &analysis.tokens);
        let title = doc.title();
        let title_view = crate::script::fold_if_traditional(title);
        let title_tokens = a.tokens_of(&title_view, &a.entities_of(&title_view));
        let title_seg = segmented(a, &title_view, &title_tokens);
        let (entities, kinds) = crate::analyze::entity_ranking(&analysis.entities);
        let m = &doc.meta;
        ExportDoc {
            id: &doc.id,
            key: doc.key(),
            feed: &doc.origin.feed,
            path: &doc.origin.path,
            line: doc.origin.line,
            url: m.url.as_deref(),
            title,
            body: &doc.text,
            date: m.date.as_deref().and_then(iso_day),
            date_raw: m.date.as_deref(),
            source: m.source.as_deref(),
            source_key: m.source.as_ref().map(|s| s.to_lowercase()),
            author: m.author.as_deref(),
            lang: doc.lang.code(),
            title_seg: title_seg.words,
            title_subwords: title_seg.subwords,
            body_seg: body.words,
            body_subwords: body.subwords,
            entities: entities.into_iter().map(str::to_string).collect(),
            entity_kinds: kinds.iter().map(|k| k.as_str()).collect(),
            keywords: analysis.keywords.iter().map(|k| k.term.clone()).collect(),
            summary: Summarizer::joined(&doc.text, &summary.sentences),
        }
    }

    /// The bulk pair of an exported document.
    pub fn lines(&self, doc: &ExportDoc) -> Vec<u8> {
        let meta = ActionMeta {
            index: &self.index_name,
            id: self.target.takes_ids().then(|| engine_id(&doc.key)),
        };
        let action = match self.target {
            Target::Quickwit => Action::Create(meta),
            _ => Action::Index(meta),
        };
        let mut out = Vec::with_capacity(doc.body.len() * 3 + 256);
        // Serializing plain strings and vectors cannot fail.
        let _ = serde_json::to_writer(&mut out, &action);
        out.push(b'\n');
        let _ = serde_json::to_writer(&mut out, doc);
        out.push(b'\n');
        out
    }
}

/// The longest `_id` Elasticsearch and OpenSearch take, in bytes.
pub const MAX_ID_BYTES: usize = 512;

/// The engine `_id` of newslens id `id`: the id itself when it fits in [`MAX_ID_BYTES`], else
/// its first 480 bytes or fewer (cut at a character), `~`, and the 16 hex digits of the whole
/// id's 64-bit FNV-1a hash — stable from run to run and release to release, so re-exports
/// still update. The document's `id` field always keeps the full id.
pub fn engine_id(id: &str) -> std::borrow::Cow<'_, str> {
    if id.len() <= MAX_ID_BYTES {
        return id.into();
    }
    let mut cut = 480;
    while !id.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{:016x}", &id[..cut], fnv1a(id.as_bytes())).into()
}

/// The 64-bit FNV-1a hash of `bytes` (a fixed, published function: ids made with it never
/// change).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The index definition for `target`: for Elasticsearch and OpenSearch the body of
/// `PUT /INDEX` (settings with the `newslens_ws` analyzer — whitespace tokenizer, lowercase —
/// on the `*_seg` fields, keyword fields for entities, kinds, keywords and filters, a `date`
/// field); for Quickwit the index config (`quickwit index create --index-config`), whose
/// `default` tokenizer splits on spaces and punctuation and lowercases, so newslens's words
/// stay whole (Latin compounds such as `A800-80G` become phrases).
pub fn mapping(target: Target, index_name: &str) -> Value {
    match target {
        Target::Elasticsearch | Target::OpenSearch => {
            let seg = json!({"type": "text", "analyzer": "newslens_ws"});
            let keyword = json!({"type": "keyword"});
            json!({
                "settings": {
                    "analysis": {
                        "analyzer": {
                            "newslens_ws": {
                                "type": "custom",
                                "tokenizer": "whitespace",
                                "filter": ["lowercase"]
                            }
                        }
                    }
                },
                "mappings": {
                    "dynamic": false,
                    "properties": {
                        "id": keyword,
                        "feed": keyword,
                        "path": keyword,
                        "line": {"type": "long", "index": false},
                        "url": keyword,
                        "title": {"type": "text"},
                        "body": {"type": "text"},
                        "date": {"type": "date", "format": "strict_date"},
                        "date_raw": {"type": "keyword", "index": false},
                        "source": keyword,
                        "source_key": keyword,
                        "author": keyword,
                        "lang": keyword,
                        "title_seg": seg,
                        "title_subwords": seg,
                        "body_seg": seg,
                        "body_subwords": seg,
                        "entities": keyword,
                        "entity_kinds": keyword,
                        "keywords": keyword,
                        "summary": {"type": "text"}
                    }
                }
            })
        }
        Target::Quickwit => {
            let text = |name: &str, tokenizer: &str| json!({"name": name, "type": "text", "tokenizer": tokenizer, "record": "position"});
            let raw = |name: &str| json!({"name": name, "type": "text", "tokenizer": "raw", "fast": true});
            let array = |name: &str| json!({"name": name, "type": "array<text>", "tokenizer": "raw", "fast": true});
            json!({
                "version": "0.8",
                "index_id": index_name,
                "doc_mapping": {
                    "mode": "lenient",
                    "field_mappings": [
                        raw("id"),
                        raw("feed"),
                        raw("path"),
                        {"name": "line", "type": "u64", "indexed": false},
                        raw("url"),
                        text("title", "default"),
                        text("body", "default"),
                        {"name": "date", "type": "datetime", "input_formats": ["%Y-%m-%d"],
                         "output_format": "rfc3339", "fast": true},
                        {"name": "date_raw", "type": "text", "indexed": false},
                        raw("source"),
                        raw("source_key"),
                        raw("author"),
                        raw("lang"),
                        text("title_seg", "default"),
                        text("title_subwords", "default"),
                        text("body_seg", "default"),
                        text("body_subwords", "default"),
                        array("entities"),
                        array("entity_kinds"),
                        array("keywords"),
                        {"name": "summary", "type": "text", "tokenizer": "default"}
                    ]
                },
                "search_settings": {
                    "default_search_fields": ["title_seg", "body_seg"]
                }
            })
        }
    }
}

/// `value` as YAML (block style; strings double-quoted as in JSON, which YAML reads the same),
/// for Quickwit's index config.
pub fn to_yaml(value: &Value) -> String {
    fn scalar(v: &Value) -> String {
        // A JSON scalar is a YAML flow scalar.
        v.to_string()
    }
    fn block(v: &Value, indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        Value::Object(m) if !m.is_empty() => {
                            out.push_str(&format!("{pad}{k}:\n"));
                            block(v, indent + 2, out);
                        }
                        Value::Array(a) if !a.is_empty() => {
                            out.push_str(&format!("{pad}{k}:\n"));
                            block(v, indent + 2, out);
                        }
                        _ => out.push_str(&format!("{pad}{k}: {}\n", scalar(v))),
                    }
                }
            }
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::Object(m) if !m.is_empty() => {
                            // The first key on the dash line, the others aligned under it.
                            let mut inner = String::new();
                            block(item, indent + 2, &mut inner);
                            out.push_str(&format!("{pad}- {}", &inner[indent + 2..]));
                        }
                        _ => out.push_str(&format!("{pad}- {}\n", scalar(item))),
                    }
                }
            }
            _ => out.push_str(&format!("{pad}{}\n", scalar(v))),
        }
    }
    let mut out = String::new();
    block(value, 0, &mut out);
    out
}

/// Date bounds of a translated query, as `newslens search --since/--until` takes them.
#[derive(Debug, Clone, Default)]
pub struct DateRange {
    /// First day included (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Last day included.
    pub until: Option<String>,
}

/// The engine query (the body of `POST /INDEX/_search`) meaning what `newslens search` means
/// by `query`: every word or phrase as a phrase over `title_seg` (boosted ×2 where the engine
/// takes boosts) and `body_seg` — a single word also over `title_subwords` and
/// `body_subwords`, as newslens finds `计算` inside `云计算` — an alias word also matching its
/// entity (boost 0.3), `entity:` as a term on the canonical name (any alias resolves),
/// `kind:`/`source:`/`lang:` and the dates as filters, `OR` as `should`, `-x` as `must_not`.
/// Errors as `newslens search` would give them. One difference remains: the newslens index
/// keeps sub-words at their long word's position, so a phrase of several words can match
/// through a sub-word there (`"计算 服务"` in `云计算服务`); a whitespace field cannot.
pub fn translate(
    query: &ParsedQuery,
    analyzer: &Analyzer,
    target: Target,
    dates: &DateRange,
) -> Result<Value> {
    let t = Translator { analyzer, target };
    let mut must = Vec::new();
    let mut filter = Vec::new();
    for group in &query.must {
        let mut alternatives = Vec::new();
        let mut all_filters = true;
        for c in group {
            let (q, is_filter) = t.clause(c)?;
            all_filters &= is_filter;
            alternatives.push(q);
        }
        let q = if alternatives.len() == 1 {
            alternatives.pop().expect("one")
        } else {
            t.any_of(alternatives)
        };
        if all_filters {
            filter.push(q);
        } else {
            must.push(q);
        }
    }
    let must_not = query
        .must_not
        .iter()
        .map(|c| t.clause(c).map(|(q, _)| q))
        .collect::<Result<Vec<_>>>()?;
    if dates.since.is_some() || dates.until.is_some() {
        let mut range = serde_json::Map::new();
        for (op, day, what) in [
            ("gte", &dates.since, "since"),
            ("lte", &dates.until, "until"),
        ] {
            if let Some(d) = day {
                let day = iso_day(d).ok_or_else(|| Error::Query {
                    query: d.clone(),
                    reason: format!("--{what} wants a real day like 2024-03-18"),
                })?;
                // Quickwit reads every version's range bounds as RFC 3339; a day is midnight.
                let bound = match target {
                    Target::Quickwit => format!("{day}T00:00:00Z"),
                    _ => day,
                };
                range.insert(op.to_string(), Value::String(bound));
            }
        }
        filter.push(json!({"range": {"date": range}}));
    }
    let mut bool_query = serde_json::Map::new();
    for (name, clauses) in [("must", must), ("filter", filter), ("must_not", must_not)] {
        if !clauses.is_empty() {
            bool_query.insert(name.to_string(), Value::Array(clauses));
        }
    }
    Ok(json!({"query": {"bool": bool_query}}))
}

/// Builds the clauses of [`translate`].
struct Translator<'a> {
    analyzer: &'a Analyzer,
    target: Target,
}

impl Translator<'_> {
    /// The clause, and whether it only filters (scores nothing in newslens).
    fn clause(&self, c: &Clause) -> Result<(Value, bool)> {
        let dict = self.analyzer.dictionary();
        Ok(match c {
            Clause::Word(w) => {
                let words = self.words(w)?;
                match dict.lookup(w) {
                    Some(e) => (
                        self.any_of(vec![words, self.term("entities", &e.canonical, 0.3)]),
                        false,
                    ),
                    None => (words, false),
                }
            }
            Clause::Phrase(p) => (self.words(p)?, false),
            Clause::Entity(name) => {
                let e = dict.lookup(name).ok_or_else(|| Error::Query {
                    query: format!("entity:{name}"),
                    reason: format!("no entity `{name}` in the dictionary (check the spelling; any alias, Chinese or English, works)"),
                })?;
                (self.term("entities", &e.canonical, 1.0), false)
            }
            Clause::Kind(k) => {
                let kind = EntityKind::parse(k).ok_or_else(|| Error::Query {
                    query: format!("kind:{k}"),
                    reason: format!(
                        "unknown kind `{k}`; use one of {}",
                        EntityKind::ALL.map(|k| k.as_str()).join(", ")
                    ),
                })?;
                (self.term("entity_kinds", kind.as_str(), 1.0), true)
            }
            Clause::Source(s) => (self.term("source_key", &s.to_lowercase(), 1.0), true),
            Clause::Lang(l) => (self.term("lang", l, 1.0), true),
            Clause::Feed(name) => (self.term("feed", name, 1.0), true),
        })
    }

    /// A word or phrase: the same terms in the same order in the title or the body.
    fn words(&self, text: &str) -> Result<Value> {
        let terms = query_terms(self.analyzer, text);
        if terms.is_empty() {
            return Err(Error::Query {
                query: text.to_string(),
                reason: "no searchable word in it".to_string(),
            });
        }
        let phrase = terms.join(" ");
        let mut fields = vec![("title_seg", 2.0), ("body_seg", 1.0)];
        if terms.len() == 1 {
            fields.extend([("title_subwords", 2.0), ("body_subwords", 1.0)]);
        }
        Ok(self.any_of(
            fields
                .into_iter()
                .map(|(field, boost)| {
                    let mut q = json!({"query": phrase});
                    self.boost(&mut q, boost);
                    json!({"match_phrase": {field: q}})
                })
                .collect(),
        ))
    }

    fn term(&self, field: &str, value: &str, boost: f64) -> Value {
        let mut q = json!({"value": value});
        self.boost(&mut q, boost);
        json!({"term": {field: q}})
    }

    /// A query matching when any of `alternatives` does. (A `bool` of `should` clauses alone
    /// means that in every engine; Elasticsearch and OpenSearch are also told so in
    /// `minimum_should_match`, which older Quickwit versions do not take.)
    fn any_of(&self, alternatives: Vec<Value>) -> Value {
        match self.target {
            Target::Quickwit => json!({"bool": {"should": alternatives}}),
            _ => json!({"bool": {"should": alternatives, "minimum_should_match": 1}}),
        }
    }

    /// Adds `boost` unless it is 1 or the engine ignores boosts (Quickwit).
    fn boost(&self, q: &mut Value, boost: f64) {
        if boost != 1.0
            && self.target != Target::Quickwit
            && let Value::Object(m) = q
        {
            m.insert("boost".to_string(), json!(boost));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exporting English articles never loads jieba's dictionary; the first Chinese article
    /// starts loading it, and its records are those of an analyzer that had it from the start.
    #[test]
    fn jieba_loads_only_for_chinese_articles() {
        use crate::testing::{analyzer, corpus, english_corpus};
        let export = |exporter: &Exporter, docs: Vec<Document>| -> Vec<(String, Vec<u8>)> {
            let mut out = Vec::new();
            exporter
                .export_all(docs.into_iter().map(Ok), 2, |r| {
                    out.push(r.expect("record"));
                    Ok::<(), ()>(())
                })
                .expect("export");
            out
        };
        let lazy = analyzer();
        let exporter = Exporter::new(lazy.clone(), Target::Elasticsearch, "news");
        let english = english_corpus();
        let n = english.len();
        assert_eq!(export(&exporter, english).len(), n);
        assert!(!lazy.segmenter_requested(), "English articles loaded jieba");
        let chinese = corpus("zh");
        let eager = analyzer();
        eager.preload_chinese();
        let expected = export(
            &Exporter::new(eager, Target::Elasticsearch, "news"),
            chinese.clone(),
        );
        assert_eq!(export(&exporter, chinese), expected);
        assert!(lazy.segmenter_ready());
    }

    #[test]
    fn days() {
        for (given, want) in [
            ("2024-03-18", Some("2024-03-18")),
            ("2024-02-29T08:00:00+08:00", Some("2024-02-29")),
            ("2023-02-29", None),
            ("2024-04-31", None),
            ("18 Mar 2024", Some("2024-03-18")),
            ("soon", None),
        ] {
            assert_eq!(iso_day(given).as_deref(), want, "{given}");
        }
    }

    #[test]
    fn long_ids_are_hashed_into_engine_ids() {
        assert_eq!(engine_id("zh-001"), "zh-001");
        let fits = "a".repeat(MAX_ID_BYTES);
        assert_eq!(engine_id(&fits), fits.as_str());
        // 171 three-byte characters: 513 bytes; the cut falls inside none of them.
        let long = "新".repeat(171);
        let id = engine_id(&long);
        assert!(id.len() <= MAX_ID_BYTES, "{}", id.len());
        assert!(
            id.starts_with(&"新".repeat(160)) && id.contains('~'),
            "{id}"
        );
        // Ids that share their first 480 bytes stay apart, and the same id gives the same _id.
        let other = format!("{long}x");
        assert_ne!(engine_id(&other), id);
        assert_eq!(engine_id(&long), id);
        let ascii = engine_id(&"b".repeat(600)).into_owned();
        assert_eq!(ascii.len(), 480 + 1 + 16);
        assert!(ascii.ends_with(&format!("~{:016x}", fnv1a("b".repeat(600).as_bytes()))));
        // The published FNV-1a 64 test vectors.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn index_names() {
        use Target::*;
        for (target, name, ok) in [
            (Elasticsearch, "news", true),
            (Elasticsearch, "news-2024.03", true),
            (Elasticsearch, "News", false),
            (Elasticsearch, "_news", false),
            (Elasticsearch, "news wire", false),
            (OpenSearch, "新闻", true),
            (OpenSearch, "a/b", false),
            (Quickwit, "news", true),
            (Quickwit, "News_2024", true),
            (Quickwit, "ne", false),
            (Quickwit, "1news", false),
            (Quickwit, "新闻库", false),
        ] {
            assert_eq!(
                target.check_index_name(name).is_ok(),
                ok,
                "{target:?} {name}"
            );
        }
    }

    #[test]
    fn yaml_nests_objects_and_lists() {
        let v = json!({"a": 1, "b": {"c": "x: y"}, "l": [{"n": "f", "t": ["p"]}, "s"], "e": []});
        assert_eq!(
            to_yaml(&v),
            "a: 1\nb:\n  c: \"x: y\"\ne: []\nl:\n  - n: \"f\"\n    t:\n      - \"p\"\n  - \"s\"\n"
        );
    }
}

//! The JSON output contract (version 1).
//!
//! Every command writes one JSON object per document, one per line (JSON Lines), so a single
//! document is a valid JSON document and many stream. All `start`/`end` fields are byte offsets
//! into the decoded UTF-8 text of the document, and `text` equals that slice. Fields are only
//! ever added in a version; a removal or change bumps [`VERSION`].
//!
//! ```text
//! segment  {"version":1,"id","path","tokens":[{"text","kind","start","end"}]}
//! entities {"version":1,"id","path","entities":[{"text","canonical","kind","start","end"}]}
//! keywords {"version":1,"id","path","keywords":[{"term","weight","count","entity"?}]}
//! analyze  {"version":1,"id","path","line"?,"encoding","lang","script","meta":{title?,date?,source?,
//!           author?,url?,lang?,bylines?},"text","blocks":[{"kind","text","start","end"}],
//!           "headings":[{"text","start","end"}],
//!           "sentences":[{"text","start","end"}],"tokens":[…],"entities":[…],"keywords":[…]}
//! quotes   {"version":1,"id","path","quotes":[QUOTE],"indirect"?:[QUOTE]}
//! summarize {"version":1,"id","path","title"?,"summary","sentences":[{"text","start","end",
//!           "score"}],"quotes":[QUOTE],"keywords":[…],"entities":[{"canonical","kind","count"}]}
//! search   {"version":1,"query","total","hits":[{"rank","id","title","date","day"?,"source",
//!           "feed","path","line"?,"lang","score","snippet","entities":[…]}],
//!           "facets"?:[{"entity","count"}],"kinds"?:[{"kind","count"}]}
//! stats    {"version":1,"path","schema_version","articles","feeds":[{"feed","articles",
//!           "first"?,"last"?,"undated"}],"languages":[{"name","articles"}],"scripts":[…],
//!           "dates":{"first"?,"last"?,"undated"},"entities","kinds":[{"kind","entities",
//!           "articles","top":[{"name","articles"}]}],"size_bytes","segments","last_commit"?}
//! dict lookup {"version":1,"query","canonical","kind","parent"?,"note"?,"defined_at",
//!           "aliases":[{"name","case_sensitive","exclude"}],"children":[…]}
//! dict stats  {"version":1,"kinds":[{"kind","entities","aliases","chinese","latin",
//!           "case_sensitive","exclusions","with_parent"}],"entities","aliases"}
//! QUOTE    {"kind":"direct"|"indirect","text","start","end","speaker","role","cue",
//!           "attribution":"quote-first"|"speaker-first"|"neighbour"|"continuation"|"series"|"none"}
//! ```
//! `summarize --jsonl FILE` writes the `summarize` object once per record; `summary` is the
//! selected sentences joined into one string, `sentences` are in document order and `quotes`
//! are the key quotations, best first. In `quotes`, quotations are in document order.
//!
//! In `search`, `id` is the article's id as its feed gives it (the path for a file), `date` the
//! date as given and `day` the same as `YYYY-MM-DD`; `feed` is the feed it was indexed from,
//! `path` and `line` the file and JSON Lines line it was read from.

use serde::Serialize;

use crate::index::{Facet, Hit, IndexStats};
use crate::model::{
    Analysis, Block, BlockKind, Document, Entity, EntityKind, Keyword, Lang, Metadata, Quote,
    Sentence, Span, Summary, Token, TokenKind,
};
use crate::model::{EntityDef, KindStats};
use crate::summarize::Summarizer;

/// Version of the JSON contract.
pub const VERSION: u32 = 1;

/// Identifies the document an output object is about.
#[derive(Debug, Serialize)]
pub struct DocRef<'a> {
    /// Contract version.
    pub version: u32,
    /// Document id.
    pub id: &'a str,
    /// Source path.
    pub path: &'a str,
    /// JSONL line of the record, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl<'a> DocRef<'a> {
    /// The reference for `doc`.
    pub fn of(doc: &'a Document) -> Self {
        DocRef {
            version: VERSION,
            id: &doc.id,
            path: &doc.origin.path,
            line: doc.origin.line,
        }
    }
}

/// A token with its text.
#[derive(Debug, Serialize)]
pub struct TokenOut<'a> {
    /// Surface text.
    pub text: &'a str,
    /// `word`, `number`, `punct` or `symbol`.
    pub kind: TokenKind,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// A span of text with its text (sentences).
#[derive(Debug, Serialize)]
pub struct SpanOut<'a> {
    /// Surface text.
    pub text: &'a str,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// A block (title, byline, heading, paragraph) with its text.
#[derive(Debug, Serialize)]
pub struct BlockOut<'a> {
    /// Block kind.
    pub kind: BlockKind,
    /// Surface text.
    pub text: &'a str,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// An entity mention.
#[derive(Debug, Serialize)]
pub struct EntityOut<'a> {
    /// Surface text.
    pub text: &'a str,
    /// Canonical entity name.
    pub canonical: &'a str,
    /// Entity kind.
    pub kind: EntityKind,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// `segment` output.
#[derive(Debug, Serialize)]
pub struct SegmentOut<'a> {
    /// Which document.
    #[serde(flatten)]
    pub doc: DocRef<'a>,
    /// Tokens in order.
    pub tokens: Vec<TokenOut<'a>>,
}

/// `entities` output.
#[derive(Debug, Serialize)]
pub struct EntitiesOut<'a> {
    /// Which document.
    #[serde(flatten)]
    pub doc: DocRef<'a>,
    /// Mentions in order.
    pub entities: Vec<EntityOut<'a>>,
}

/// `keywords` output.
#[derive(Debug, Serialize)]
pub struct KeywordsOut<'a> {
    /// Which document.
    #[serde(flatten)]
    pub doc: DocRef<'a>,
    /// Keywords, best first.
    pub keywords: &'a [Keyword],
}

/// `analyze` output.
#[derive(Debug, Serialize)]
pub struct AnalyzeOut<'a> {
    /// Which document.
    #[serde(flatten)]
    pub doc: DocRef<'a>,
    /// Source encoding.
    pub encoding: &'a str,
    /// Detected language.
    pub lang: Lang,
    /// Script: `Hans`, `Hant` (Chinese) or `Latn`.
    pub script: &'static str,
    /// Metadata.
    pub meta: &'a Metadata,
    /// The decoded text all offsets refer to.
    pub text: &'a str,
    /// Title, byline, heading and paragraph blocks.
    pub blocks: Vec<BlockOut<'a>>,
    /// The heading blocks alone (section headings; not the title).
    pub headings: Vec<SpanOut<'a>>,
    /// Sentences.
    pub sentences: Vec<SpanOut<'a>>,
    /// Tokens.
    pub tokens: Vec<TokenOut<'a>>,
    /// Entity mentions.
    pub entities: Vec<EntityOut<'a>>,
    /// Keywords.
    pub keywords: &'a [Keyword],
}

/// Tokens with their text.
pub fn tokens<'a>(text: &'a str, tokens: &[Token]) -> Vec<TokenOut<'a>> {
    tokens
        .iter()
        .map(|t| TokenOut {
            text: t.span.slice(text),
            kind: t.kind,
            start: t.span.start,
            end: t.span.end,
        })
        .collect()
}

/// Entity mentions.
pub fn entities(entities: &[Entity]) -> Vec<EntityOut<'_>> {
    entities
        .iter()
        .map(|e| EntityOut {
            text: &e.text,
            canonical: &e.canonical,
            kind: e.kind,
            start: e.span.start,
            end: e.span.end,
        })
        .collect()
}

fn span_out(text: &str, span: Span) -> SpanOut<'_> {
    SpanOut {
        text: span.slice(text),
        start: span.start,
        end: span.end,
    }
}

fn sentences<'a>(text: &'a str, s: &[Sentence]) -> Vec<SpanOut<'a>> {
    s.iter().map(|s| span_out(text, s.span)).collect()
}

fn blocks<'a>(text: &'a str, b: &[Block]) -> Vec<BlockOut<'a>> {
    b.iter()
        .map(|b| BlockOut {
            kind: b.kind,
            text: b.span.slice(text),
            start: b.span.start,
            end: b.span.end,
        })
        .collect()
}

/// The `analyze` object of a document.
pub fn analyze<'a>(doc: &'a Document, a: &'a Analysis) -> AnalyzeOut<'a> {
    AnalyzeOut {
        doc: DocRef::of(doc),
        encoding: &doc.encoding,
        lang: a.lang,
        script: doc.script.code(),
        meta: &doc.meta,
        text: &doc.text,
        blocks: blocks(&doc.text, &doc.blocks),
        headings: doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| span_out(&doc.text, b.span))
            .collect(),
        sentences: sentences(&doc.text, &a.sentences),
        tokens: tokens(&doc.text, &a.tokens),
        entities: entities(&a.entities),
        keywords: &a.keywords,
    }
}

/// `quotes` output.
#[derive(Debug, Serialize)]
pub struct QuotesOut<'a> {
    /// Which document.
    #[serde(flatten)]
    pub doc: DocRef<'a>,
    /// Direct quotations in document order.
    pub quotes: &'a [Quote],
    /// With `--indirect`: reported speech in document order (`kind` `indirect`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indirect: Option<&'a [Quote]>,
}

/// A summary sentence with its text and score.
#[derive(Debug, Serialize)]
pub struct ScoredSentenceOut<'a> {
    /// Surface text.
    pub text: &'a str,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// Score (comparable within one document only).
    pub score: f64,
}

/// An entity with its number of mentions.
#[derive(Debug, Serialize)]
pub struct EntityCountOut<'a> {
    /// Canonical name.
    pub canonical: &'a str,
    /// Kind.
    pub kind: EntityKind,
    /// Mentions in the document.
    pub count: usize,
}

/// `summarize` output.
#[derive(Debug, Serialize)]
pub struct SummaryOut<'a> {
    /// Which document.
    #[serde(flatten)]
    pub doc: DocRef<'a>,
    /// Headline, if known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    /// The selected sentences joined into one string.
    pub summary: String,
    /// The selected sentences, in document order.
    pub sentences: Vec<ScoredSentenceOut<'a>>,
    /// Key quotations, best first.
    pub quotes: &'a [Quote],
    /// Keywords, best first.
    pub keywords: &'a [Keyword],
    /// Entities, most mentioned first.
    pub entities: Vec<EntityCountOut<'a>>,
}

/// The `summarize` object of a document.
pub fn summary<'a>(doc: &'a Document, a: &'a Analysis, s: &'a Summary) -> SummaryOut<'a> {
    SummaryOut {
        doc: DocRef::of(doc),
        title: doc.meta.title.as_deref(),
        summary: Summarizer::joined(&doc.text, &s.sentences),
        sentences: s
            .sentences
            .iter()
            .map(|x| ScoredSentenceOut {
                text: x.span.slice(&doc.text),
                start: x.span.start,
                end: x.span.end,
                score: x.score,
            })
            .collect(),
        quotes: &s.quotes,
        keywords: &a.keywords,
        entities: super::entity_summary(&a.entities)
            .into_iter()
            .map(|(canonical, kind, count, _)| EntityCountOut {
                canonical,
                kind,
                count,
            })
            .collect(),
    }
}

/// `search` output.
#[derive(Debug, Serialize)]
pub struct SearchOut<'a> {
    /// Contract version.
    pub version: u32,
    /// The query as given.
    pub query: &'a str,
    /// Number of matching articles.
    pub total: usize,
    /// The requested page of hits, best first.
    pub hits: &'a [Hit],
    /// With `--facets`: entities most often mentioned among all matches.
    #[serde(skip_serializing_if = "<[Facet]>::is_empty")]
    pub facets: &'a [Facet],
    /// With `--facets`: the entity kinds and how many matches mention one.
    #[serde(skip_serializing_if = "<[crate::index::KindFacet]>::is_empty")]
    pub kinds: &'a [crate::index::KindFacet],
}

/// `digest` output: the key sentences and quotations across the articles a query finds.
#[derive(Debug, Serialize)]
pub struct DigestOut<'a> {
    /// Contract version.
    pub version: u32,
    /// The query as given.
    pub query: &'a str,
    /// The digest.
    #[serde(flatten)]
    pub digest: &'a crate::digest::Digest,
}

/// `trends` output: one series of counts per query over a shared run of periods.
#[derive(Debug, Serialize)]
pub struct TrendsOut<'a> {
    /// Contract version.
    pub version: u32,
    /// The periods and the series.
    #[serde(flatten)]
    pub trends: &'a crate::index::Trends,
}

/// `stats` output: what an index holds.
#[derive(Debug, Serialize)]
pub struct StatsOut<'a> {
    /// Contract version.
    pub version: u32,
    /// The figures.
    #[serde(flatten)]
    pub stats: &'a IndexStats,
}

/// `dict lookup`: the entity a name resolves to.
#[derive(Debug, Serialize)]
pub struct DictEntryOut<'a> {
    /// Contract version.
    pub version: u32,
    /// The name looked up.
    pub query: &'a str,
    /// Canonical name.
    pub canonical: &'a str,
    /// Kind.
    pub kind: EntityKind,
    /// Parent entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<&'a str>,
    /// The dictionary's note on the entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// `file:line` of the entry.
    pub defined_at: String,
    /// Every alias and exclusion.
    pub aliases: Vec<AliasOut<'a>>,
    /// Canonical names of the entities whose parent this is.
    pub children: Vec<&'a str>,
}

/// One alias of a [`DictEntryOut`].
#[derive(Debug, Serialize)]
pub struct AliasOut<'a> {
    /// The name.
    pub name: &'a str,
    /// Matched case-sensitively.
    pub case_sensitive: bool,
    /// An exclusion: matched and dropped.
    pub exclude: bool,
}

/// Builds the `dict lookup` object.
pub fn dict_entry<'a>(
    query: &'a str,
    e: &'a EntityDef,
    children: &[&'a EntityDef],
) -> DictEntryOut<'a> {
    DictEntryOut {
        version: VERSION,
        query,
        canonical: &e.canonical,
        kind: e.kind,
        parent: e.parent.as_deref(),
        note: e.note.as_deref(),
        defined_at: e.location.to_string(),
        aliases: e
            .aliases
            .iter()
            .map(|a| AliasOut {
                name: &a.name,
                case_sensitive: a.case_sensitive,
                exclude: a.exclude,
            })
            .collect(),
        children: children.iter().map(|c| c.canonical.as_str()).collect(),
    }
}

/// `dict stats`: entities and aliases per kind.
#[derive(Debug, Serialize)]
pub struct DictStatsOut<'a> {
    /// Contract version.
    pub version: u32,
    /// Per kind.
    pub kinds: &'a [KindStats],
    /// All entities.
    pub entities: usize,
    /// All aliases (exclusions not counted).
    pub aliases: usize,
}

/// Builds the `dict stats` object.
pub fn dict_stats(kinds: &[KindStats]) -> DictStatsOut<'_> {
    DictStatsOut {
        version: VERSION,
        kinds,
        entities: kinds.iter().map(|k| k.entities).sum(),
        aliases: kinds.iter().map(|k| k.aliases).sum(),
    }
}

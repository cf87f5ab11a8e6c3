//! The nouns of the pipeline: plain data, no logic beyond small accessors.
//!
//! Offset convention, used everywhere: a [`Span`] is a half-open range of **byte** offsets into
//! [`Document::text`], so `&doc.text[span.start..span.end]` is always the surface form.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    /// The surface text of this span in `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The span without the Unicode whitespace at either end of its text in `text` (the
    /// ideographic space U+3000 and a stray `\r` included).
    pub fn trimmed(&self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let start = self.start + lead;
        Span::new(start, start + s.trim().len())
    }
}

/// Language of a document, as far as newslens distinguishes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese (any text where Han characters dominate).
    #[default]
    Zh,
    /// English (Latin-script text).
    En,
}

impl Lang {
    /// The ISO 639-1 code: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Parses `zh`/`en` (and common variants such as `zh-CN`, `chinese`, `en-US`).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("zh") || s == "chinese" || s == "cn" {
            Some(Lang::Zh)
        } else if s.starts_with("en") || s == "english" {
            Some(Lang::En)
        } else {
            None
        }
    }
}

/// The writing system of a text (ISO 15924 codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Default)]
pub enum Script {
    /// Simplified Chinese characters (mainland China, Singapore).
    #[default]
    Hans,
    /// Traditional Chinese characters (Taiwan, Hong Kong, Macau).
    Hant,
    /// Latin script.
    Latn,
}

impl Script {
    /// The ISO 15924 code: `Hans`, `Hant` or `Latn`.
    pub fn code(self) -> &'static str {
        match self {
            Script::Hans => "Hans",
            Script::Hant => "Hant",
            Script::Latn => "Latn",
        }
    }
}

/// One `label | value` byline line such as `作者 | 齐健` or `By Jane Doe`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Byline {
    /// The role as written: `作者`, `编辑`, `出品`, `头图`, `by`, …
    pub label: String,
    /// The name or names.
    pub value: String,
}

/// Article metadata from front matter, JSONL fields and byline lines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// Headline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication date as given (ISO 8601 when the source provides it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Publisher or outlet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Author(s); from front matter, a JSONL field or the `作者 |` / `By` byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Canonical URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Language declared by the source (the detected one is [`Document::lang`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// All byline lines, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub bylines: Vec<Byline>,
}

/// What a line or block of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The headline when it is part of the text (first short line).
    Title,
    /// A byline / credit line (`作者 | 齐健`, `By Jane Doe`): metadata, not a sentence.
    Byline,
    /// A short heading line without sentence-ending punctuation.
    Heading,
    /// Body text, split into sentences by the analyzer.
    Paragraph,
}

/// A structural block of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its trimmed extent in [`Document::text`] (Markdown `#` markers excluded).
    #[serde(flatten)]
    pub span: Span,
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file path as given (or `-` for standard input).
    pub path: String,
    /// 1-based line of the record, for JSON Lines input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The feed it belongs to: the name given with `--source`, else the input as named on the
    /// command line (its last path component: `news.jsonl`, `corpus`), `stdin` for standard
    /// input; empty for a document built by a program.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub feed: String,
}

impl Origin {
    /// The origin of a whole file (no line, no feed).
    pub fn file(path: impl Into<String>) -> Origin {
        Origin {
            path: path.into(),
            line: None,
            feed: String::new(),
        }
    }
}

impl std::fmt::Display for Origin {
    /// `path:line` for a JSON Lines record, else the path.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}", self.path),
            None => f.write_str(&self.path),
        }
    }
}

/// One article, decoded and laid out, ready for analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Stable id: the JSONL id field, else the path (plus line for JSONL records without an id).
    pub id: String,
    /// Where it came from.
    pub origin: Origin,
    /// Text encoding of the source (`UTF-8`, `UTF-16LE`, `GB18030`, …).
    pub encoding: String,
    /// Metadata.
    pub meta: Metadata,
    /// Detected language of the body.
    pub lang: Lang,
    /// Its script: Simplified or Traditional Chinese, or Latin.
    pub script: Script,
    /// The decoded body text (UTF-8, BOM and front matter removed). All spans index into it.
    pub text: String,
    /// For a Traditional Chinese text, the same text in Simplified form, byte for byte the same
    /// layout (see [`crate::script::fold`]): what the analysis matches on.
    #[serde(skip)]
    pub folded: Option<String>,
    /// Title, byline, heading and paragraph blocks, in order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The text the analysis matches on: [`Document::folded`] when there is one, else the
    /// text. Every offset into it is an offset into the text.
    pub fn view(&self) -> &str {
        self.folded.as_deref().unwrap_or(&self.text)
    }

    /// The key that identifies the article in an index: its feed and id for a JSON Lines record
    /// (`news.jsonl#77`), so that two feeds numbering their records alike never collide; its id
    /// otherwise (the path for a file).
    pub fn key(&self) -> String {
        match self.origin.line {
            Some(_) => format!("{}#{}", self.origin.feed, self.id),
            None => self.id.clone(),
        }
    }

    /// The headline: from the metadata, else the title line of the text (empty when neither).
    pub fn title(&self) -> &str {
        self.meta.title.as_deref().unwrap_or_else(|| {
            self.blocks
                .iter()
                .find(|b| b.kind == BlockKind::Title)
                .map_or("", |b| b.span.slice(&self.text))
        })
    }
}

/// One sentence of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Extent in the document text, surrounding whitespace excluded.
    #[serde(flatten)]
    pub span: Span,
}

/// The class of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A word: Chinese word, English word, product code (`A800-80G`, `GPT-4o`).
    Word,
    /// A number: `3.87`, `2024`, `11-12`, `50%`, `1,000`.
    Number,
    /// Punctuation: `。`, `,`, `“`, `(`.
    Punct,
    /// Anything else that is not whitespace: symbols, emoji.
    Symbol,
}

impl TokenKind {
    /// Lower-case name as used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Punct => "punct",
            TokenKind::Symbol => "symbol",
        }
    }
}

/// A segmented token. Whitespace never forms a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Class of the token.
    pub kind: TokenKind,
    /// Extent in the document text.
    #[serde(flatten)]
    pub span: Span,
}

/// The kind of a dictionary entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A company: cloud, internet, chip, hardware or software vendor, carrier.
    Vendor,
    /// A product, service, app, platform, OS or device.
    Product,
    /// An AI model, model family or model version.
    Model,
    /// A chip line or chip model (GPU, accelerator, CPU).
    Chip,
    /// An analyst firm, research institute, university, regulator or industry body.
    Org,
    /// A news outlet or media brand.
    Media,
    /// A person.
    Person,
}

impl EntityKind {
    /// Every kind, in display order.
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Vendor,
        EntityKind::Product,
        EntityKind::Model,
        EntityKind::Chip,
        EntityKind::Org,
        EntityKind::Media,
        EntityKind::Person,
    ];

    /// Lower-case name as used in dictionary files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Vendor => "vendor",
            EntityKind::Product => "product",
            EntityKind::Model => "model",
            EntityKind::Chip => "chip",
            EntityKind::Org => "org",
            EntityKind::Media => "media",
            EntityKind::Person => "person",
        }
    }

    /// Parses a kind name as written in dictionary files.
    pub fn parse(s: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One mention of a dictionary entity in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The surface text as it appears.
    pub text: String,
    /// The canonical name of the entity it refers to.
    pub canonical: String,
    /// The entity's kind.
    pub kind: EntityKind,
    /// Extent in the document text.
    #[serde(flatten)]
    pub span: Span,
}

/// A ranked keyword.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// The term: the most frequent surface form in the text (English case-folded unless an
    /// acronym or a name).
    pub term: String,
    /// Score; comparable within one document and method only.
    pub weight: f64,
    /// Occurrences in the document.
    pub count: usize,
    /// Canonical name when the term is a dictionary entity.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// Everything the analyzer found in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Detected language.
    pub lang: Lang,
    /// Sentences of the paragraph blocks, in order.
    pub sentences: Vec<Sentence>,
    /// Tokens of the whole text (bylines and headings included), in order.
    pub tokens: Vec<Token>,
    /// Entity mentions, in order, non-overlapping.
    pub entities: Vec<Entity>,
    /// Keywords, best first.
    pub keywords: Vec<Keyword>,
    /// Person names the segmenter recognises in Chinese text (names outside the dictionary
    /// too: `马芳菲`), in order; what quotation speakers are resolved against. Empty when not
    /// computed (English text, the index).
    #[serde(skip)]
    pub people: Vec<Span>,
}

/// How a quotation's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attribution {
    /// The attribution follows the quotation: `“……。”张勇表示。`, `"…," he said.`
    QuoteFirst,
    /// The attribution precedes it: `张勇表示,“……”`, `Huang said: "…"`.
    SpeakerFirst,
    /// The quotation stands alone; the speaker comes from the neighbouring sentence or paragraph,
    /// or from the quotation before it in the same paragraph.
    Neighbour,
    /// The first part of a quotation that goes on in the next paragraph (English convention:
    /// no closing mark, the next paragraph reopens); it takes the speaker of the rest.
    Continuation,
    /// One of a series of quotations with nothing between them (`“A！”“B！”网友留言说`,
    /// `"A." "B," he said.`); it takes the speaker of the one after it.
    Series,
    /// No speaker was found.
    None,
}

/// Direct quotation or reported (indirect) speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quotation marks.
    Direct,
    /// Reported speech without marks: `据…介绍`, `…在报告中指出`, `according to …`.
    Indirect,
}

/// A quotation with its speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quote {
    /// Direct or indirect.
    pub kind: QuoteKind,
    /// For direct quotations the text inside the marks; for indirect speech the reported clause.
    pub text: String,
    /// Extent of `text` in the document text (the marks excluded).
    #[serde(flatten)]
    pub span: Span,
    /// Who said it: a name (`叶军`, `Jensen Huang`), an anonymous speaker (`一位AI芯片供应商`,
    /// `a spokesperson`) or empty when unknown. Pronouns are resolved to the nearest named person.
    pub speaker: String,
    /// The title written next to the name (`钉钉总裁`, `chief executive of Nvidia`), or empty.
    pub role: String,
    /// The speech verb (`表示`, `告诉`, `said`), or empty.
    pub cue: String,
    /// How the speaker was found.
    pub attribution: Attribution,
}

/// A sentence chosen for a summary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SummarySentence {
    /// Extent in the document text.
    #[serde(flatten)]
    pub span: Span,
    /// Its final score (comparable within one document only).
    pub score: f64,
}

/// An extractive summary of one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The selected sentences, in document order.
    pub sentences: Vec<SummarySentence>,
    /// The key quotations, best first.
    pub quotes: Vec<Quote>,
}

// ---- The entity dictionary's data (loaded and checked by `analyze::entity::Dictionary`) ----

/// One name of an entity as it may appear in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The name as written in the dictionary (without the `=` marker).
    pub name: String,
    /// Match Latin letters case-sensitively.
    pub case_sensitive: bool,
    /// An exclusion (written `!高通量`): a longer word that contains an alias but does not name
    /// the entity. It is matched like an alias and yields nothing, so leftmost-longest matching
    /// keeps the alias from firing inside it.
    pub exclude: bool,
    /// A context-resolved alias (written `?苹果`): it counts only with evidence — a cue word of
    /// the entity ([`EntityDef::context`]) in its sentence, or an unconditional mention of the
    /// entity, its parent or one of its children in the same text.
    pub contextual: bool,
}

/// Where an entry was defined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// File path (for built-in files, `dictionaries/entities/<name>`).
    pub path: std::path::PathBuf,
    /// 1-based line.
    pub line: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.path.display(), self.line)
    }
}

/// One dictionary entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityDef {
    /// Unique name.
    pub canonical: String,
    /// Kind.
    pub kind: EntityKind,
    /// Every matchable name.
    pub aliases: Vec<Alias>,
    /// Canonical name of the parent entity (阿里云 → 阿里巴巴).
    pub parent: Option<String>,
    /// Free-text note (decisions about ambiguous aliases).
    pub note: Option<String>,
    /// Cue words that confirm a context-resolved alias in the same sentence (`手机`, `发布会`,
    /// `股价` for `?苹果`); the sixth field of a line.
    pub context: Vec<String>,
    /// Where it was defined.
    pub location: Location,
}

/// Counts of one kind of entity (see [`Dictionary::stats`](crate::analyze::entity::Dictionary::stats)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindStats {
    /// The kind.
    pub kind: EntityKind,
    /// Entities of this kind.
    pub entities: usize,
    /// Their aliases (exclusions not counted).
    pub aliases: usize,
    /// Aliases with a Han character.
    pub chinese: usize,
    /// Aliases without one (Latin, digits).
    pub latin: usize,
    /// Case-sensitive aliases (`=Apple`).
    pub case_sensitive: usize,
    /// Exclusions (`!高通量`).
    pub exclusions: usize,
    /// Entities with a parent.
    pub with_parent: usize,
}

impl KindStats {
    /// All counts zero.
    pub fn zero(kind: EntityKind) -> KindStats {
        KindStats {
            kind,
            entities: 0,
            aliases: 0,
            chinese: 0,
            latin: 0,
            case_sensitive: 0,
            exclusions: 0,
            with_parent: 0,
        }
    }

    /// Adds the counts of `other` (for totals; the kind stays).
    pub fn add(&mut self, other: &KindStats) {
        self.entities += other.entities;
        self.aliases += other.aliases;
        self.chinese += other.chinese;
        self.latin += other.latin;
        self.case_sensitive += other.case_sensitive;
        self.exclusions += other.exclusions;
        self.with_parent += other.with_parent;
    }
}

// ---- Dictionary suggestions (`dict suggest`) ----

/// What made `dict suggest` propose a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    /// Its form: a legal form (`…股份有限公司`, `Inc.`), an institution's head noun
    /// (`…研究院`, `University of …`) or a business title (`董事长…`, `chief executive …`).
    Form,
    /// It speaks a quotation (`“……”张勇表示`).
    Speaker,
    /// jieba's part-of-speech tagger calls it a proper noun (`nr`, `nt`, `nz`).
    PartOfSpeech,
    /// A capitalised Latin name (`Mobike`, `Zhang Yiming`).
    Latin,
}

/// One name a suggested entry would match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuggestedAlias {
    /// The name as the corpus writes it.
    pub name: String,
    /// Also an ordinary lower-case word of the corpus: match it case-sensitively (`=`).
    pub case_sensitive: bool,
    /// Two characters or fewer: let it count only with evidence (`?`).
    pub contextual: bool,
}

/// A passage where a suggested name occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The document ([`Document::key`]).
    pub doc: String,
    /// The name with some text either side, on one line.
    pub text: String,
}

/// A name a corpus mentions that the dictionary does not know, ready to review and add.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestion {
    /// 1 for the most widespread name.
    pub rank: usize,
    /// Proposed canonical name (the most frequent spelling).
    pub canonical: String,
    /// Proposed kind (a guess for names found only by part of speech or capitalisation).
    pub kind: EntityKind,
    /// Its spellings in the corpus, most frequent first.
    pub aliases: Vec<SuggestedAlias>,
    /// Mentions in the corpus.
    pub mentions: usize,
    /// Documents that mention it.
    pub documents: usize,
    /// What found it.
    pub evidence: Vec<Evidence>,
    /// Where it occurs (one per document, in input order).
    pub examples: Vec<Example>,
}

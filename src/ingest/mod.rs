//! Ingest: files, directories, JSON Lines and stdin → [`Document`]s.
//!
//! This stage decodes (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK detected),
//! reads front matter and JSONL fields into [`Metadata`], and lays the text out into byline,
//! title, heading and paragraph blocks. It never analyses.
//!
//! Errors are per input: [`Ingester::documents`] yields a `Result` per document, so one bad file
//! or JSONL line is reported and the rest goes on.

mod decode;
pub(crate) mod layout;

pub use decode::{DecodeError, Decoded, decode, decode_owned};

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::model::{Document, Lang, Metadata, Origin, Script};
use layout::Flavor;

/// The format of an input, from its extension or sniffed for stdin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// Plain text (`.txt` and anything unknown given explicitly).
    Text,
    /// Markdown with optional `---` YAML-style front matter (`.md`, `.markdown`).
    Markdown,
    /// JSON Lines, one article object per line (`.jsonl`, `.ndjson`).
    JsonLines,
}

impl InputFormat {
    /// The format implied by a file extension, if it is one newslens reads from directories.
    pub fn from_path(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(InputFormat::Text),
            "md" | "markdown" => Some(InputFormat::Markdown),
            "jsonl" | "ndjson" => Some(InputFormat::JsonLines),
            _ => None,
        }
    }

    /// Parses `txt`, `md` or `jsonl`.
    pub fn parse(s: &str) -> Option<InputFormat> {
        match s {
            "txt" | "text" => Some(InputFormat::Text),
            "md" | "markdown" => Some(InputFormat::Markdown),
            "jsonl" | "ndjson" => Some(InputFormat::JsonLines),
            _ => None,
        }
    }
}

/// Which JSON fields of a JSONL record hold what; each list is tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    /// Record id. Default: `id`, `_id`, `doc_id`, `uuid`.
    pub id: Vec<String>,
    /// Headline. Default: `title`, `headline`.
    pub title: Vec<String>,
    /// Article text. Default: `body`, `text`, `article`, `content`.
    pub body: Vec<String>,
    /// Date. Default: `date`, `datetime`, `published`, `pubdate`, `time`.
    pub date: Vec<String>,
    /// Outlet. Default: `source`, `media`, `publisher`.
    pub source: Vec<String>,
    /// Author. Default: `author`, `byline`, `authors`.
    pub author: Vec<String>,
    /// URL. Default: `url`, `link`.
    pub url: Vec<String>,
    /// Language. Default: `lang`, `language`.
    pub lang: Vec<String>,
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Default for FieldMap {
    fn default() -> Self {
        FieldMap {
            id: strings(&["id", "_id", "doc_id", "uuid"]),
            title: strings(&["title", "headline"]),
            body: strings(&["body", "text", "article", "content"]),
            date: strings(&["date", "datetime", "published", "pubdate", "time"]),
            source: strings(&["source", "media", "publisher"]),
            author: strings(&["author", "byline", "authors"]),
            url: strings(&["url", "link"]),
            lang: strings(&["lang", "language"]),
        }
    }
}

impl FieldMap {
    /// Applies a `name=json_field` override, e.g. `body=content`, putting the field first.
    pub fn set(&mut self, spec: &str) -> Result<()> {
        let (name, field) = spec.split_once('=').ok_or_else(|| {
            Error::Config(format!(
                "field mapping `{spec}` must look like NAME=JSON_FIELD, e.g. body=content"
            ))
        })?;
        let slot = match name.trim() {
            "id" => &mut self.id,
            "title" => &mut self.title,
            "body" => &mut self.body,
            "date" => &mut self.date,
            "source" => &mut self.source,
            "author" => &mut self.author,
            "url" => &mut self.url,
            "lang" => &mut self.lang,
            other => {
                return Err(Error::Config(format!(
                    "unknown field `{other}` in `{spec}`; expected one of id, title, body, date, source, author, url, lang"
                )));
            }
        };
        let field = field.trim();
        if field.is_empty() {
            return Err(Error::Config(format!("empty JSON field name in `{spec}`")));
        }
        slot.retain(|f| f != field);
        slot.insert(0, field.to_string());
        Ok(())
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Default)]
pub struct IngestConfig {
    /// JSONL field names.
    pub fields: FieldMap,
    /// Force a format for every input (default: by extension; sniffed for stdin).
    pub format: Option<InputFormat>,
    /// The feed every input belongs to (`--source NAME`); default: each input's own name
    /// (see [`feed_name`]).
    pub feed: Option<String>,
    /// Globs of paths to leave out when walking a directory (`--exclude 'drafts/**'`), matched
    /// against the path below the directory given, as in a `.gitignore`.
    pub exclude: Vec<String>,
}

/// The feed name of an input as given on the command line: its last path component
/// (`news.jsonl` for `data/news.jsonl`, `corpus` for `corpus/` or for `.` run inside it),
/// `stdin` for `-`. Stable however the input is reached, so that indexing the same feed again
/// updates its articles.
pub fn feed_name(input: &Path) -> String {
    if input.as_os_str() == "-" {
        return "stdin".to_string();
    }
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
    };
    name(input)
        .or_else(|| std::fs::canonicalize(input).ok().and_then(|p| name(&p)))
        .unwrap_or_else(|| input.display().to_string())
}

/// Turns paths into documents, lazily and in a deterministic order.
pub struct Ingester {
    config: IngestConfig,
}

impl Ingester {
    /// An ingester with `config`.
    pub fn new(config: IngestConfig) -> Self {
        Ingester { config }
    }

    /// Every document under `inputs` (files, directories walked recursively in sorted order,
    /// `-` for stdin), one `Result` each. JSONL files are streamed line by line.
    pub fn documents<'a>(&'a self, inputs: &[PathBuf]) -> Documents<'a> {
        let mut queue = VecDeque::new();
        for input in inputs {
            let feed: Arc<str> = match &self.config.feed {
                Some(name) => name.as_str().into(),
                None => feed_name(input).into(),
            };
            if input.as_os_str() == "-" {
                queue.push_back(Pending::Stdin(feed));
            } else {
                match std::fs::metadata(input) {
                    Ok(m) if m.is_dir() => walk(input, &feed, &self.config.exclude, &mut queue),
                    Ok(_) => queue.push_back(Pending::File(input.clone(), feed)),
                    Err(e) => queue.push_back(Pending::Failed(Error::io(input, e))),
                }
            }
        }
        Documents {
            ingester: self,
            queue,
            jsonl: None,
        }
    }

    /// Builds a document from already-decoded text (used for files, stdin and tests).
    pub fn document_from_text(
        &self,
        id: String,
        origin: Origin,
        encoding: &str,
        text: String,
        format: InputFormat,
    ) -> Result<Document> {
        let path = PathBuf::from(&origin.path);
        let (meta, body, flavor) = match format {
            InputFormat::Markdown => {
                let (meta, body) = split_front_matter(&text);
                (meta, body.to_string(), Flavor::Markdown)
            }
            _ => (Metadata::default(), text, Flavor::Plain),
        };
        build(id, origin, encoding, meta, body, flavor).ok_or_else(|| Error::Empty {
            path,
            reason: "no article text (empty or whitespace only)".into(),
        })
    }

    /// Rebuilds a document from what an index stored of it (its decoded text and metadata, as
    /// ingestion left them): laid out again (Markdown when `path` ends in `.md`), bylines read
    /// again, nothing decoded.
    pub fn document_from_stored(
        id: String,
        origin: Origin,
        meta: Metadata,
        text: String,
    ) -> Result<Document> {
        let flavor = match InputFormat::from_path(Path::new(&origin.path)) {
            Some(InputFormat::Markdown) if origin.line.is_none() => Flavor::Markdown,
            _ => Flavor::Plain,
        };
        let path = PathBuf::from(&origin.path);
        build(id, origin, "UTF-8", meta, text, flavor).ok_or_else(|| Error::Empty {
            path,
            reason: "no article text stored in the index".into(),
        })
    }

    fn load_file(&self, path: &Path, feed: &str) -> Result<Document> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let format = self
            .config
            .format
            .or_else(|| InputFormat::from_path(path))
            .unwrap_or(InputFormat::Text);
        self.load_bytes(path, feed, bytes, format)
    }

    /// A document from the whole of `bytes` (a file, stdin). UTF-8 input becomes the text
    /// without a copy: a copy of a large file costs as much as reading it.
    fn load_bytes(
        &self,
        path: &Path,
        feed: &str,
        bytes: Vec<u8>,
        format: InputFormat,
    ) -> Result<Document> {
        let (text, encoding) = decode_owned(bytes).map_err(|e| Error::Decode {
            path: path.to_path_buf(),
            reason: e.to_string(),
        })?;
        let shown = path.display().to_string();
        self.document_from_text(
            shown.clone(),
            Origin {
                path: shown,
                line: None,
                feed: feed.to_string(),
            },
            encoding,
            text,
            format,
        )
    }

    /// Parses one JSONL record.
    fn jsonl_record(
        &self,
        path: &Path,
        feed: &str,
        line_no: usize,
        raw: &[u8],
    ) -> Result<Option<Document>> {
        let rec_err = |reason: String| Error::Record {
            path: path.to_path_buf(),
            line: line_no,
            reason,
        };
        let decoded = decode(raw).map_err(|e| rec_err(e.to_string()))?;
        let line = decoded.text.trim();
        if line.is_empty() {
            return Ok(None);
        }
        let mut value: serde_json::Value =
            serde_json::from_str(line).map_err(|e| rec_err(format!("invalid JSON: {e}")))?;
        let obj = value
            .as_object_mut()
            .ok_or_else(|| rec_err("a JSON Lines record must be an object".into()))?;
        let f = &self.config.fields;
        let get = |names: &[String]| names.iter().find_map(|n| field_text(obj.get(n)?));
        let meta = Metadata {
            title: get(&f.title),
            date: get(&f.date),
            source: get(&f.source),
            author: get(&f.author),
            url: get(&f.url),
            lang: get(&f.lang),
            bylines: Vec::new(),
        };
        let id = get(&f.id);
        // The body is taken out of the record, not copied (it is most of the line).
        let body = f
            .body
            .iter()
            .find_map(|n| match obj.get_mut(n)? {
                serde_json::Value::String(s) if !s.trim().is_empty() => {
                    let s = std::mem::take(s);
                    Some(if s.trim().len() == s.len() {
                        s
                    } else {
                        s.trim().to_string()
                    })
                }
                other => field_text(other),
            })
            .ok_or_else(|| {
                rec_err(format!(
                    "no article text: none of the fields {} holds a non-empty string",
                    f.body.join(", ")
                ))
            })?;
        let id = id.unwrap_or_else(|| format!("{}:{line_no}", path.display()));
        let origin = Origin {
            path: path.display().to_string(),
            line: Some(line_no),
            feed: feed.to_string(),
        };
        build(id, origin, decoded.encoding, meta, body, Flavor::Plain)
            .map(Some)
            .ok_or_else(|| rec_err("article text is empty".into()))
    }
}

/// A JSONL field's text: a non-empty string (trimmed), a number, or a list of strings (one per
/// line: paragraph lists, author lists).
fn field_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Array(a) => {
            let parts: Vec<&str> = a.iter().filter_map(|v| v.as_str()).collect();
            (!parts.is_empty()).then(|| parts.join("\n"))
        }
        _ => None,
    }
}

/// Lays out the body and fills metadata from bylines; `None` when there is no text at all.
fn build(
    id: String,
    origin: Origin,
    encoding: &str,
    mut meta: Metadata,
    text: String,
    flavor: Flavor,
) -> Option<Document> {
    if text.trim().is_empty() {
        return None;
    }
    let l = layout::layout(&text, flavor);
    if meta.title.is_none() {
        meta.title = l.title;
    }
    if meta.author.is_none() {
        meta.author = l
            .bylines
            .iter()
            .find(|b| {
                b.label == "by"
                    || ["作者", "文", "撰文", "记者", "采写"]
                        .iter()
                        .any(|l| b.label.ends_with(l))
            })
            .map(|b| b.value.clone());
    }
    if meta.source.is_none() {
        meta.source = l
            .bylines
            .iter()
            .find(|b| matches!(b.label.as_str(), "来源" | "出品"))
            .map(|b| b.value.clone());
    }
    meta.bylines = l.bylines;
    let lang = meta
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_else(|| detect_lang(&text));
    let script = crate::script::detect(&text, lang);
    let folded = match script {
        Script::Hant => match crate::script::fold(&text) {
            std::borrow::Cow::Owned(folded) => Some(folded),
            std::borrow::Cow::Borrowed(_) => None,
        },
        _ => None,
    };
    Some(Document {
        id,
        origin,
        encoding: encoding.to_string(),
        meta,
        lang,
        script,
        folded,
        text,
        blocks: l.blocks,
    })
}

/// `zh` when Han characters make up at least a fifth of the letters, else `en`.
pub fn detect_lang(text: &str) -> Lang {
    // On the UTF-8 bytes, in loops the compiler vectorizes (a char loop was ~15% of ingest):
    // U+3400..=U+9FFF are the three-byte sequences led by E3 (second byte 90..) to E9,
    // U+F900..=U+FAFF those led by EF A4..=AB.
    let b = text.as_bytes();
    let latin = decode::count_bytes(b, |x| (x | 0x20).wrapping_sub(b'a') < 26);
    let han = decode::count_pairs(b, |lead, next| {
        (lead.wrapping_sub(0xE4) < 6)
            | (lead == 0xE3) & (next >= 0x90)
            | (lead == 0xEF) & (next.wrapping_sub(0xA4) < 8)
    });
    if han * 5 >= han + latin && han > 0 {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Splits `---` front matter (simple `key: value` lines) from a Markdown text.
fn split_front_matter(text: &str) -> (Metadata, &str) {
    let mut meta = Metadata::default();
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (meta, text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end();
        if l == "---" || l == "..." {
            for entry in rest[..offset - line.len()].lines() {
                let Some((k, v)) = entry.split_once(':') else {
                    continue;
                };
                let v = unquote(v.trim());
                if v.is_empty() {
                    continue;
                }
                let v = Some(v.to_string());
                match k.trim().to_ascii_lowercase().as_str() {
                    "title" => meta.title = v,
                    "date" => meta.date = v,
                    "source" => meta.source = v,
                    "author" | "authors" | "byline" => meta.author = v,
                    "url" | "link" => meta.url = v,
                    "lang" | "language" => meta.lang = v,
                    _ => {}
                }
            }
            return (meta, &rest[offset..]);
        }
    }
    // No closing marker: not front matter after all.
    (meta, text)
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// A work item of [`Documents`].
enum Pending {
    File(PathBuf, Arc<str>),
    Stdin(Arc<str>),
    Failed(Error),
}

/// File names that are about a folder of articles, not articles (`README.md`, `LICENSE`,
/// `CHANGELOG.md`): left out of a directory walk (named on the command line, they are read).
const NOT_ARTICLES: &[&str] = &[
    "readme",
    "license",
    "licence",
    "changelog",
    "changes",
    "contributing",
    "copying",
    "authors",
    "notice",
    "code_of_conduct",
    "security",
    "history",
    "todo",
];

/// Whether a file found by walking a directory is the folder's documentation, not an article.
pub fn is_folder_document(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|stem| {
            let stem = stem.to_ascii_lowercase();
            NOT_ARTICLES.iter().any(|n| {
                stem == *n
                    || stem.starts_with(&format!("{n}-"))
                    || stem.starts_with(&format!("{n}_"))
            })
        })
}

/// Queues the article files under `dir` with ripgrep's walker (the `ignore` crate): sorted by
/// name, hidden entries skipped, `.gitignore` / `.ignore` files honoured (also outside a Git
/// repository), symbolic links followed with loops reported, `exclude` globs left out, and the
/// folder's own documents ([`is_folder_document`]) skipped.
fn walk(dir: &Path, feed: &Arc<str>, exclude: &[String], out: &mut VecDeque<Pending>) {
    let mut overrides = ignore::overrides::OverrideBuilder::new(dir);
    for glob in exclude {
        if let Err(e) = overrides.add(&format!("!{glob}")) {
            out.push_back(Pending::Failed(Error::Config(format!(
                "--exclude {glob}: not a valid glob ({e})"
            ))));
            return;
        }
    }
    let overrides = match overrides.build() {
        Ok(o) => o,
        Err(e) => {
            out.push_back(Pending::Failed(Error::Config(format!("--exclude: {e}"))));
            return;
        }
    };
    let walker = ignore::WalkBuilder::new(dir)
        .follow_links(true)
        .require_git(false)
        .overrides(overrides)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                let p = e.path();
                if e.file_type().is_some_and(|t| t.is_dir()) || e.depth() == 0 {
                    continue;
                }
                if InputFormat::from_path(p).is_some() && !is_folder_document(p) {
                    out.push_back(Pending::File(p.to_path_buf(), feed.clone()));
                }
            }
            Err(err) => {
                let path = walk_error_path(&err).unwrap_or_else(|| dir.to_path_buf());
                let loop_ = matches!(root_cause(&err), ignore::Error::Loop { .. });
                out.push_back(Pending::Failed(if loop_ {
                    Error::Decode {
                        path,
                        reason: "symbolic link loop (directory already visited)".into(),
                    }
                } else {
                    match root_cause(&err) {
                        ignore::Error::Io(io) => {
                            Error::io(&path, std::io::Error::new(io.kind(), io.to_string()))
                        }
                        other => Error::Decode {
                            path,
                            reason: other.to_string(),
                        },
                    }
                }));
            }
        }
    }
}

/// The path an `ignore` walk error is about, if it names one.
fn walk_error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        _ => None,
    }
}

/// The innermost error of an `ignore` walk error.
fn root_cause(err: &ignore::Error) -> &ignore::Error {
    match err {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => root_cause(err),
        other => other,
    }
}

struct JsonlState {
    path: PathBuf,
    feed: Arc<str>,
    reader: Box<dyn BufRead + Send>,
    line: usize,
}

/// Iterator over the documents of a set of inputs; see [`Ingester::documents`].
pub struct Documents<'a> {
    ingester: &'a Ingester,
    queue: VecDeque<Pending>,
    jsonl: Option<JsonlState>,
}

impl Iterator for Documents<'_> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(state) = &mut self.jsonl {
                let mut buf = Vec::new();
                match state.reader.read_until(b'\n', &mut buf) {
                    Ok(0) => {
                        self.jsonl = None;
                        continue;
                    }
                    Ok(_) => {
                        state.line += 1;
                        if state.line == 1 && buf.starts_with(b"\xEF\xBB\xBF") {
                            buf.drain(..3);
                        }
                        let record =
                            self.ingester
                                .jsonl_record(&state.path, &state.feed, state.line, &buf);
                        match record {
                            Ok(None) => continue,
                            Ok(Some(doc)) => return Some(Ok(doc)),
                            Err(e) => return Some(Err(e)),
                        }
                    }
                    Err(e) => {
                        let path = state.path.clone();
                        self.jsonl = None;
                        return Some(Err(Error::io(path, e)));
                    }
                }
            }
            let ing = self.ingester;
            match self.queue.pop_front()? {
                Pending::Failed(e) => return Some(Err(e)),
                Pending::File(path, feed) => {
                    let format = ing.config.format.or_else(|| InputFormat::from_path(&path));
                    if format == Some(InputFormat::JsonLines) {
                        match open_jsonl(&path) {
                            Ok(reader) => {
                                self.jsonl = Some(JsonlState {
                                    path,
                                    feed,
                                    reader,
                                    line: 0,
                                });
                                continue;
                            }
                            Err(e) => return Some(Err(e)),
                        }
                    }
                    return Some(ing.load_file(&path, &feed));
                }
                Pending::Stdin(feed) => {
                    let mut bytes = Vec::new();
                    if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                        return Some(Err(Error::io("-", e)));
                    }
                    let format = ing.config.format.unwrap_or_else(|| sniff(&bytes));
                    if format == InputFormat::JsonLines {
                        self.jsonl = Some(JsonlState {
                            path: PathBuf::from("-"),
                            feed,
                            reader: Box::new(std::io::Cursor::new(bytes)),
                            line: 0,
                        });
                        continue;
                    }
                    return Some(ing.load_bytes(Path::new("-"), &feed, bytes, format));
                }
            }
        }
    }
}

/// Opens a JSONL file for streaming. Its head is checked first: a binary file is one error,
/// not one per line, and a UTF-16 file (which cannot be split on `\n` bytes) is decoded whole.
fn open_jsonl(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 16, f);
    let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
    let decode_err = |e: DecodeError| Error::Decode {
        path: path.to_path_buf(),
        reason: e.to_string(),
    };
    if decode::sniff_head(head).map_err(decode_err)? {
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path, e))?;
        let text = decode(&bytes).map_err(decode_err)?.text.into_owned();
        return Ok(Box::new(std::io::Cursor::new(text.into_bytes())));
    }
    Ok(Box::new(reader))
}

/// Guesses the format of stdin: front matter → Markdown, a JSON object line → JSONL.
fn sniff(bytes: &[u8]) -> InputFormat {
    let start = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if start.starts_with(b"---\n") || start.starts_with(b"---\r\n") {
        return InputFormat::Markdown;
    }
    let first_line = start.split(|&b| b == b'\n').next().unwrap_or(b"");
    let trimmed = first_line.trim_ascii();
    if trimmed.starts_with(b"{")
        && serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(trimmed).is_ok()
    {
        return InputFormat::JsonLines;
    }
    InputFormat::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter() {
        let text =
            "---\ntitle: \"算力之争\"\ndate: 2024-03-18\nauthor: 张三\nlang: zh\n---\n\n正文。\n";
        let (meta, body) = split_front_matter(text);
        assert_eq!(meta.title.as_deref(), Some("算力之争"));
        assert_eq!(meta.date.as_deref(), Some("2024-03-18"));
        assert_eq!(meta.author.as_deref(), Some("张三"));
        assert_eq!(body, "\n正文。\n");
        let (meta, body) = split_front_matter("---\nno end marker\n");
        assert_eq!(meta, Metadata::default());
        assert_eq!(body, "---\nno end marker\n");
    }

    #[test]
    fn field_map_overrides() {
        let mut f = FieldMap::default();
        f.set("body=content").unwrap();
        assert_eq!(f.body[0], "content");
        assert!(f.set("bogus=x").is_err());
        assert!(f.set("body").is_err());
    }

    #[test]
    fn jsonl_records() {
        let ing = Ingester::new(IngestConfig::default());
        let p = Path::new("x.jsonl");
        let doc = ing
            .jsonl_record(
                p,
                "x.jsonl",
                3,
                br#"{"id": 7, "title": "T", "body": "By Jane Doe\nShares rose."}"#,
            )
            .unwrap()
            .unwrap();
        assert_eq!(doc.id, "7");
        assert_eq!(doc.meta.title.as_deref(), Some("T"));
        assert_eq!(doc.meta.author.as_deref(), Some("Jane Doe"));
        let err = ing
            .jsonl_record(p, "x.jsonl", 4, b"{not json")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("x.jsonl:4: invalid JSON"), "{err}");
        let err = ing
            .jsonl_record(p, "x.jsonl", 5, br#"{"id": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.jsonl:5: no article text"), "{err}");
        assert!(
            ing.jsonl_record(p, "x.jsonl", 6, b"  \n")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn language_detection() {
        assert_eq!(detect_lang("阿里云发布了Qwen-7B-Chat模型。"), Lang::Zh);
        assert_eq!(
            detect_lang("NVIDIA (英伟达) said on Tuesday that sales rose."),
            Lang::En
        );
        // The byte-level test at the edges of the Han ranges.
        for (c, lang) in [
            ('\u{33FF}', Lang::En),
            ('\u{3400}', Lang::Zh),
            ('\u{4E00}', Lang::Zh),
            ('\u{9FFF}', Lang::Zh),
            ('\u{A000}', Lang::En),
            ('\u{F8FF}', Lang::En),
            ('\u{F900}', Lang::Zh),
            ('\u{FAFF}', Lang::Zh),
            ('\u{FB00}', Lang::En),
            ('\u{3002}', Lang::En),
        ] {
            assert_eq!(detect_lang(&c.to_string()), lang, "U+{:04X}", c as u32);
        }
        // One Han character in five letters is enough; fewer is English.
        assert_eq!(detect_lang("abcd云"), Lang::Zh);
        assert_eq!(detect_lang("abcde云"), Lang::En);
    }
}

//! Posting bulk records to an engine's `_bulk` endpoint: batches, retries with backoff when
//! the engine is busy (HTTP 429, 5xx, or single items rejected with 429), and every item the
//! engine refused reported with its id and reason.

use std::time::Duration;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

use super::{Target, mapping};
use crate::error::{Error, Result};

/// How to post.
#[derive(Debug, Clone)]
pub struct BulkConfig {
    /// The `_bulk` endpoint (`http://localhost:9200/_bulk`), from [`Endpoint`].
    pub url: String,
    /// Articles per request, at most.
    pub batch: usize,
    /// Bytes per request, at most (a single larger article goes alone). Elasticsearch takes
    /// 100 MB, Quickwit 10 MiB by default; an engine answering 413 gets the batch in halves.
    pub max_bytes: usize,
    /// Retries of a request (or of its rejected items) before giving up.
    pub retries: u32,
    /// Wait before the first retry; doubled for each next one, up to a minute.
    pub delay: Duration,
    /// Extra request headers (`Authorization`, …) as (name, value).
    pub headers: Vec<(String, String)>,
    /// The engine. Elasticsearch and OpenSearch take ids, so a request sent twice leaves one
    /// copy of each article, and list one result per article. Quickwit takes no ids, so a
    /// request that may have reached it (a time-out, a 5xx other than 503) is not sent again;
    /// it may answer without per-article results.
    pub target: Target,
}

/// Where an engine's endpoints are, from the URL a user gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// The `_bulk` endpoint, with the given query string (`?pipeline=…`, `?refresh=…`).
    pub bulk: String,
    /// Where the index is checked and created.
    pub setup: IndexSetup,
}

impl Endpoint {
    /// The endpoints for index `name` of `target` at `url`: the engine's base URL
    /// (`http://localhost:9200`, or behind a proxy `http://gw/es`), the index's URL, the
    /// `_bulk` endpoint, or `…/NAME/_bulk` (Quickwit: `…/api/v1/_elastic[/NAME]/_bulk`), with a
    /// query string or without (`filter_path` is refused: it hides the per-article results).
    /// The name is percent-encoded in paths. `create` adds how to create a missing index, with
    /// the [`mapping`] of `name`. A `_bulk` URL naming another index is an error, as the index
    /// check would look in the wrong place.
    pub fn new(url: &str, target: Target, name: &str, create: bool) -> Result<Endpoint> {
        let bad = |reason: String| Error::Http {
            url: url.to_string(),
            reason,
        };
        let (before_query, query) = url.split_once('?').unwrap_or((url, ""));
        if query
            .split('&')
            .any(|p| p.split('=').next() == Some("filter_path"))
        {
            return Err(bad(
                "`filter_path` would hide the per-article results newslens reads: leave it out"
                    .to_string(),
            ));
        }
        // scheme://host:port, then the path, cut into segments.
        let host_end = before_query.find("://").map_or(0, |i| {
            before_query[i + 3..]
                .find('/')
                .map_or(before_query.len(), |j| i + 3 + j)
        });
        let (origin, path) = before_query.split_at(host_end);
        let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let names_index = |segment: &str| {
            percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .is_ok_and(|d| d == name)
        };
        let bulk = segments.last() == Some(&"_bulk");
        if bulk {
            segments.pop();
        }
        let named = segments.last().is_some_and(|s| names_index(s));
        if named {
            segments.pop();
        }
        let elastic = segments.ends_with(&["api", "v1", "_elastic"]);
        if target == Target::Quickwit && elastic {
            segments.truncate(segments.len() - 3);
        }
        if bulk && !named {
            let expected = match target {
                Target::Quickwit if elastic => None,
                Target::Quickwit => Some("…/api/v1/_elastic/_bulk"),
                _ if segments.is_empty() => None,
                _ => Some("the engine's base URL"),
            };
            if let Some(expected) = expected {
                return Err(bad(format!(
                    "`{}` before `_bulk` is not index `{name}`: give {expected}, or \
                     …/{name}/_bulk",
                    segments.last().copied().unwrap_or("")
                )));
            }
        }
        let base = format!(
            "{origin}{}",
            segments.iter().map(|s| format!("/{s}")).collect::<String>()
        );
        let encoded = utf8_percent_encode(name, PATH_SEGMENT).to_string();
        let body = || mapping(target, name).to_string();
        let setup = match target {
            Target::Quickwit => IndexSetup {
                exists_url: format!("{base}/api/v1/indexes/{encoded}"),
                get: true,
                create: create.then(|| ("POST", format!("{base}/api/v1/indexes"), body())),
            },
            _ => IndexSetup {
                exists_url: format!("{base}/{encoded}"),
                get: false,
                create: create.then(|| ("PUT", format!("{base}/{encoded}"), body())),
            },
        };
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        Ok(Endpoint {
            bulk: format!("{base}{}{query}", target.bulk_path()),
            setup,
        })
    }
}

/// What stays as it is in a URL path segment: letters, digits and `-._~`.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// How to find, and if asked create, the engine's index before posting (a missing index would
/// be created by Elasticsearch with guessed mappings: no whitespace analyzer on `*_seg`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexSetup {
    /// Answers 200 when the index exists, 404 when not (`HEAD`, or `GET` with `get`).
    pub exists_url: String,
    /// Ask with `GET` instead of `HEAD` (Quickwit).
    pub get: bool,
    /// Create a missing index: the method (`PUT` or `POST`), URL and JSON body.
    pub create: Option<(&'static str, String, String)>,
}

/// What [`BulkSender::ensure_index`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexState {
    /// The index was there.
    Existed,
    /// It was missing and has been created.
    Created,
    /// The engine would not say (this HTTP status): posting goes ahead.
    Unknown(u16),
}

/// One article the engine did not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Its newslens id.
    pub id: String,
    /// The item's HTTP status.
    pub status: u16,
    /// The engine's error type and reason.
    pub reason: String,
}

/// What a run posted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkReport {
    /// Articles the engine confirmed one by one.
    pub indexed: usize,
    /// Articles in requests the engine took without per-article results (Quickwit's ingest
    /// API v1 answers `"items": []` and drops documents it cannot parse later, in its logs).
    pub accepted: usize,
    /// Articles it refused.
    pub failed: Vec<Failure>,
    /// Requests sent (retries and halved batches included).
    pub requests: usize,
    /// Retries (whole requests, or the rejected items of one).
    pub retries: usize,
    /// After an error: the ids of the articles of the request that failed, which may or may
    /// not be in the engine.
    pub unsettled: Vec<String>,
}

/// An article's id and its bulk pair.
type Record = (String, Vec<u8>);

/// Collects records and posts them in batches.
pub struct BulkSender {
    agent: ureq::Agent,
    config: BulkConfig,
    batch: Vec<Record>,
    batch_bytes: usize,
    report: BulkReport,
}

/// The parts of a bulk response newslens reads.
#[derive(Debug, Deserialize)]
struct Response {
    #[serde(default)]
    errors: bool,
    #[serde(default)]
    items: Vec<std::collections::BTreeMap<String, Item>>,
}

#[derive(Debug, Deserialize)]
struct Item {
    #[serde(default)]
    status: u16,
    #[serde(default)]
    error: Option<serde_json::Value>,
}

/// The longest wait between tries: a `Retry-After`, or the doubling delay.
const MAX_WAIT: Duration = Duration::from_secs(60);

/// What one request came to.
enum Outcome {
    /// The request went through; these items were rejected with 429 (and why) and may be
    /// sent again.
    Done(Vec<(Record, String)>),
    /// The whole request may be sent again (HTTP 429, 503, other 5xx or a transport error when
    /// sending twice is harmless): why, and how long the engine asked to wait (`Retry-After`).
    Retry(String, Option<Duration>),
    /// The request may have reached the engine, and sending it again could index its
    /// articles twice: why.
    Unsure(String),
    /// HTTP 413: the request is too large for the engine.
    TooLarge,
}

impl BulkSender {
    /// A sender for `config`; fails on a URL it cannot post to and on a header that is not
    /// HTTP.
    pub fn new(config: BulkConfig) -> Result<BulkSender> {
        let https = config.url.starts_with("https://");
        if !(config.url.starts_with("http://") || https && cfg!(feature = "tls")) {
            return Err(Error::Http {
                url: config.url.clone(),
                reason: if https {
                    "this newslens was built without TLS: use an http:// endpoint (a local node \
                     or proxy), or rebuild with `--features tls`"
                        .to_string()
                } else {
                    "not an http:// URL".to_string()
                },
            });
        }
        for (name, value) in &config.headers {
            let token = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !token {
                return Err(Error::Config(format!(
                    "header `{name}`: not an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)"
                )));
            }
            if value.bytes().any(|b| (b < 0x20 && b != b'\t') || b == 0x7f) {
                return Err(Error::Config(format!(
                    "header `{name}`: its value has control characters"
                )));
            }
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Ok(BulkSender {
            agent,
            config,
            batch: Vec::new(),
            batch_bytes: 0,
            report: BulkReport::default(),
        })
    }

    /// Checks that the index exists, creating it when `setup` says how; a missing index that
    /// is not to be created is an error that says what to do.
    pub fn ensure_index(&self, setup: &IndexSetup) -> Result<IndexState> {
        let fail = |url: &str, reason: String| Error::Http {
            url: url.to_string(),
            reason,
        };
        let mut ask = if setup.get {
            self.agent.get(&setup.exists_url)
        } else {
            self.agent.head(&setup.exists_url)
        };
        for (name, value) in &self.config.headers {
            ask = ask.header(name, value);
        }
        let status = ask
            .call()
            .map_err(|e| fail(&setup.exists_url, format!("cannot reach the engine: {e}")))?
            .status()
            .as_u16();
        match status {
            200..=299 => return Ok(IndexState::Existed),
            404 => {}
            other => return Ok(IndexState::Unknown(other)),
        }
        let Some((method, url, body)) = &setup.create else {
            return Err(fail(
                &setup.exists_url,
                "the index does not exist: create it with the mapping of \
                 `newslens export --mapping` first (see the README), or pass --create-index"
                    .to_string(),
            ));
        };
        let mut create = match *method {
            "POST" => self.agent.post(url),
            _ => self.agent.put(url),
        }
        .content_type("application/json");
        for (name, value) in &self.config.headers {
            create = create.header(name, value);
        }
        let mut response = create
            .send(body.as_bytes())
            .map_err(|e| fail(url, format!("cannot create the index: {e}")))?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            let text = response.body_mut().read_to_string().unwrap_or_default();
            return Err(fail(
                url,
                format!("cannot create the index: HTTP {status}: {}", excerpt(&text)),
            ));
        }
        Ok(IndexState::Created)
    }

    /// Adds the bulk pair `lines` of article `id`; posts when the batch is full (in articles
    /// or bytes).
    pub fn push(&mut self, id: String, lines: Vec<u8>) -> Result<()> {
        if !self.batch.is_empty() && self.batch_bytes + lines.len() > self.config.max_bytes {
            self.flush()?;
        }
        self.batch_bytes += lines.len();
        self.batch.push((id, lines));
        if self.batch.len() >= self.config.batch.max(1) {
            self.flush()?;
        }
        Ok(())
    }

    /// Posts what is left. After an error, [`BulkSender::report`] still tells what went in.
    pub fn finish(&mut self) -> Result<()> {
        self.flush()
    }

    /// What has been posted so far.
    pub fn report(&self) -> &BulkReport {
        &self.report
    }

    /// Posts the batch.
    fn flush(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        self.send(batch)
    }

    /// Posts `pending`, retrying as [`BulkConfig`] says, in halves if it is too large.
    fn send(&mut self, mut pending: Vec<Record>) -> Result<()> {
        let mut attempt = 0;
        let mut wait: Option<Duration> = None;
        while !pending.is_empty() {
            let give_up = attempt >= self.config.retries;
            let outcome = match self.post(&pending) {
                Ok(outcome) => outcome,
                Err(e) => return Err(self.unsettled(&pending, e)),
            };
            match outcome {
                Outcome::Done(rejected) if give_up || rejected.is_empty() => {
                    // Items still rejected are failures, reported with the others.
                    self.report
                        .failed
                        .extend(rejected.into_iter().map(|((id, _), why)| Failure {
                            id,
                            status: 429,
                            reason: format!("{why} (still rejected after {attempt} retries)"),
                        }));
                    break;
                }
                Outcome::Done(rejected) => {
                    pending = rejected.into_iter().map(|(record, _)| record).collect();
                }
                Outcome::TooLarge if pending.len() == 1 => {
                    let (id, lines) = pending.remove(0);
                    self.report.failed.push(Failure {
                        id,
                        status: 413,
                        reason: format!(
                            "its {} bytes are more than the engine takes in one request",
                            lines.len()
                        ),
                    });
                    break;
                }
                Outcome::TooLarge => {
                    let second = pending.split_off(pending.len() / 2);
                    self.send(pending)?;
                    return self.send(second);
                }
                Outcome::Retry(why, _) if give_up => {
                    let e = self.error(format!("{why}; gave up after {attempt} retries"));
                    return Err(self.unsettled(&pending, e));
                }
                Outcome::Retry(_, asked) => wait = asked,
                Outcome::Unsure(why) => {
                    let e = self.error(format!(
                        "{why}; not sent again: the engine may have indexed it, and without \
                         ids a second copy would be indexed twice"
                    ));
                    return Err(self.unsettled(&pending, e));
                }
            }
            // The doubling delay, or longer when the engine asked for it; a minute at most.
            let backoff = self
                .config
                .delay
                .saturating_mul(2u32.saturating_pow(attempt))
                .min(MAX_WAIT);
            std::thread::sleep(backoff.max(wait.unwrap_or_default().min(MAX_WAIT)));
            wait = None;
            attempt += 1;
            self.report.retries += 1;
        }
        Ok(())
    }

    /// Notes the articles of `request` as unsettled, and returns `e`.
    fn unsettled(&mut self, request: &[Record], e: Error) -> Error {
        self.report.unsettled = request.iter().map(|(id, _)| id.clone()).collect();
        e
    }

    /// An error about the bulk endpoint.
    fn error(&self, reason: String) -> Error {
        Error::Http {
            url: self.config.url.clone(),
            reason,
        }
    }

    /// One request with `records`.
    fn post(&mut self, records: &[Record]) -> Result<Outcome> {
        let body: Vec<u8> = records
            .iter()
            .flat_map(|(_, l)| l.iter().copied())
            .collect();
        let mut request = self
            .agent
            .post(&self.config.url)
            .content_type("application/x-ndjson");
        for (name, value) in &self.config.headers {
            request = request.header(name, value);
        }
        self.report.requests += 1;
        let mut response = match request.send(&body[..]) {
            Ok(r) => r,
            Err(e) if self.config.target.takes_ids() || unsent(&e) => {
                return Ok(Outcome::Retry(format!("request failed: {e}"), None));
            }
            Err(e) => return Ok(Outcome::Unsure(format!("request failed: {e}"))),
        };
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let text = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .unwrap_or_default();
        let said = || format!("HTTP {status}: {}", excerpt(&text));
        match status {
            200..=299 => {}
            413 => return Ok(Outcome::TooLarge),
            // Refused before anything was indexed: always safe to send again.
            429 | 503 => return Ok(Outcome::Retry(said(), retry_after)),
            500.. if self.config.target.takes_ids() => {
                return Ok(Outcome::Retry(said(), retry_after));
            }
            500.. => return Ok(Outcome::Unsure(said())),
            _ => return Err(self.error(said())),
        }
        let parsed: Response = serde_json::from_str(&text)
            .map_err(|e| self.error(format!("not a bulk response ({e}): {}", excerpt(&text))))?;
        if parsed.items.len() != records.len() {
            if self.config.target != Target::Quickwit {
                return Err(self.error(format!(
                    "the bulk response lists {} results for {} articles sent, so which went in \
                     is unknown (is URL the engine's, and without a `filter_path`?)",
                    parsed.items.len(),
                    records.len()
                )));
            }
            if !parsed.errors {
                // Quickwit's ingest API v1: the request is taken, with no item list.
                self.report.accepted += records.len();
                return Ok(Outcome::Done(Vec::new()));
            }
            // Early versions of Quickwit's ingest API v2 list a failure per index (or none),
            // not per article: none of the request is known to be in.
            let first = parsed
                .items
                .into_iter()
                .next()
                .and_then(|i| i.into_values().next());
            let (status, why) = first.map_or((status, String::new()), |i| {
                (i.status, i.error.as_ref().map_or_else(String::new, reason))
            });
            let why = if why.is_empty() {
                "no reason given".to_string()
            } else {
                why
            };
            self.report
                .failed
                .extend(records.iter().map(|(id, _)| Failure {
                    id: id.clone(),
                    status,
                    reason: format!(
                        "the engine reported errors for the request without naming its \
                         articles ({why})"
                    ),
                }));
            return Ok(Outcome::Done(Vec::new()));
        }
        let mut rejected = Vec::new();
        for (record, item) in records.iter().zip(parsed.items) {
            // Each item is {"index"|"create": {...}}.
            let Some(item) = item.into_values().next() else {
                self.report.failed.push(Failure {
                    id: record.0.clone(),
                    status: 0,
                    reason: "the engine's bulk response has an empty item for it".to_string(),
                });
                continue;
            };
            let why = item.error.as_ref().map_or_else(String::new, reason);
            match item.status {
                200..=299 => self.report.indexed += 1,
                429 => rejected.push((record.clone(), why)),
                status => self.report.failed.push(Failure {
                    id: record.0.clone(),
                    status,
                    reason: why,
                }),
            }
        }
        Ok(Outcome::Done(rejected))
    }
}

/// Whether `e` came before the request was sent (no address, no connection).
fn unsent(e: &ureq::Error) -> bool {
    use ureq::Timeout;
    match e {
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => true,
        ureq::Error::Io(io) => io.kind() == std::io::ErrorKind::ConnectionRefused,
        ureq::Error::Timeout(t) => matches!(t, Timeout::Resolve | Timeout::Connect),
        _ => false,
    }
}

/// `type: reason` of a bulk item's error object (or the error as given).
fn reason(error: &serde_json::Value) -> String {
    match (
        error.get("type").and_then(|v| v.as_str()),
        error.get("reason").and_then(|v| v.as_str()),
    ) {
        (Some(t), Some(r)) => format!("{t}: {r}"),
        (None, Some(r)) => r.to_string(),
        _ => error.to_string(),
    }
}

/// The start of a response body, for an error message.
fn excerpt(text: &str) -> String {
    let t: String = text.trim().chars().take(300).collect();
    if t.is_empty() {
        "(empty body)".to_string()
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_from_the_urls_users_give() {
        use Target::*;
        let es = "http://es:9200";
        for (url, target, name, bulk, exists) in [
            (
                es,
                Elasticsearch,
                "news",
                "http://es:9200/_bulk",
                "http://es:9200/news",
            ),
            (
                "http://es:9200/",
                OpenSearch,
                "news",
                "http://es:9200/_bulk",
                "http://es:9200/news",
            ),
            (
                "http://es:9200/_bulk",
                Elasticsearch,
                "news",
                "http://es:9200/_bulk",
                "http://es:9200/news",
            ),
            // The index in the path is not the base URL's.
            (
                "http://es:9200/news/_bulk",
                Elasticsearch,
                "news",
                "http://es:9200/_bulk",
                "http://es:9200/news",
            ),
            // A query string goes to the bulk requests only.
            (
                "http://es:9200/news/_bulk?refresh=wait_for",
                Elasticsearch,
                "news",
                "http://es:9200/_bulk?refresh=wait_for",
                "http://es:9200/news",
            ),
            // A proxy's path prefix stays; a host may be called like the index.
            (
                "http://gw/es",
                Elasticsearch,
                "news",
                "http://gw/es/_bulk",
                "http://gw/es/news",
            ),
            (
                "http://gw/es/news/_bulk",
                Elasticsearch,
                "news",
                "http://gw/es/_bulk",
                "http://gw/es/news",
            ),
            (
                "http://news/_bulk",
                Elasticsearch,
                "news",
                "http://news/_bulk",
                "http://news/news",
            ),
            (
                "http://news:9200",
                Elasticsearch,
                "news",
                "http://news:9200/_bulk",
                "http://news:9200/news",
            ),
            // The index's own URL; a slash before the query string.
            (
                "http://es:9200/news",
                Elasticsearch,
                "news",
                "http://es:9200/_bulk",
                "http://es:9200/news",
            ),
            (
                "http://es:9200/news/_bulk/?refresh=true",
                Elasticsearch,
                "news",
                "http://es:9200/_bulk?refresh=true",
                "http://es:9200/news",
            ),
            // Lowercase escapes name the index too.
            (
                "http://es:9200/%e6%96%b0%e9%97%bb/_bulk",
                OpenSearch,
                "新闻",
                "http://es:9200/_bulk",
                "http://es:9200/%E6%96%B0%E9%97%BB",
            ),
            // Index names are percent-encoded in paths.
            (
                "http://es:9200",
                OpenSearch,
                "新闻",
                "http://es:9200/_bulk",
                "http://es:9200/%E6%96%B0%E9%97%BB",
            ),
            (
                "http://es:9200/%E6%96%B0%E9%97%BB/_bulk",
                OpenSearch,
                "新闻",
                "http://es:9200/_bulk",
                "http://es:9200/%E6%96%B0%E9%97%BB",
            ),
            (
                "http://qw:7280",
                Quickwit,
                "news",
                "http://qw:7280/api/v1/_elastic/_bulk",
                "http://qw:7280/api/v1/indexes/news",
            ),
            (
                "http://qw:7280/api/v1/_elastic",
                Quickwit,
                "news",
                "http://qw:7280/api/v1/_elastic/_bulk",
                "http://qw:7280/api/v1/indexes/news",
            ),
            (
                "http://qw:7280/api/v1/_elastic/_bulk",
                Quickwit,
                "news",
                "http://qw:7280/api/v1/_elastic/_bulk",
                "http://qw:7280/api/v1/indexes/news",
            ),
            (
                "http://qw:7280/api/v1/_elastic/news/_bulk",
                Quickwit,
                "news",
                "http://qw:7280/api/v1/_elastic/_bulk",
                "http://qw:7280/api/v1/indexes/news",
            ),
        ] {
            let e = Endpoint::new(url, target, name, true).unwrap();
            assert_eq!(
                (e.bulk.as_str(), e.setup.exists_url.as_str()),
                (bulk, exists),
                "{url}"
            );
            let (method, create, _) = e.setup.create.unwrap();
            match target {
                Quickwit => assert_eq!(
                    (method, create.as_str()),
                    ("POST", "http://qw:7280/api/v1/indexes")
                ),
                _ => assert_eq!((method, create.as_str()), ("PUT", exists)),
            }
        }
        assert!(
            Endpoint::new(es, Elasticsearch, "news", false)
                .unwrap()
                .setup
                .create
                .is_none()
        );
    }

    #[test]
    fn headers_are_checked() {
        let config = |name: &str, value: &str| BulkConfig {
            url: "http://127.0.0.1:9/_bulk".to_string(),
            batch: 1,
            max_bytes: 1,
            retries: 0,
            delay: Duration::ZERO,
            headers: vec![(name.to_string(), value.to_string())],
            target: Target::Elasticsearch,
        };
        assert!(BulkSender::new(config("Authorization", "ApiKey abc==")).is_ok());
        for (name, value, says) in [
            ("Bad Name", "x", "not an HTTP header name"),
            ("", "x", "not an HTTP header name"),
            ("X-Tag", "a\nb", "control characters"),
        ] {
            let e = BulkSender::new(config(name, value)).err().expect(name);
            assert!(e.to_string().contains(says), "{name}: {e}");
        }
    }
}

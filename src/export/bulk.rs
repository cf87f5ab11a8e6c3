//! Posting bulk records to an engine's `_bulk` endpoint: batches, retries with backoff when
//! the engine is busy (HTTP 429, 5xx, or single items rejected with 429), and every item the
//! engine refused reported with its id and reason.

use std::time::Duration;

use serde::Deserialize;

use crate::error::{Error, Result};

/// How to post.
#[derive(Debug, Clone)]
pub struct BulkConfig {
    /// The `_bulk` endpoint (`http://localhost:9200/_bulk`).
    pub url: String,
    /// Articles per request.
    pub batch: usize,
    /// Retries of a request (or of its rejected items) before giving up.
    pub retries: u32,
    /// Wait before the first retry; doubled for each next one.
    pub delay: Duration,
    /// Extra request headers (`Authorization`, …) as (name, value).
    pub headers: Vec<(String, String)>,
}

/// How to find, and if asked create, the engine's index before posting (a missing index would
/// be created by Elasticsearch with guessed mappings: no whitespace analyzer on `*_seg`).
#[derive(Debug, Clone)]
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
    /// Articles the engine took.
    pub indexed: usize,
    /// Articles it refused.
    pub failed: Vec<Failure>,
    /// Requests sent (retries included).
    pub requests: usize,
    /// Retries (whole requests, or the rejected items of one).
    pub retries: usize,
}

/// Collects records and posts them in batches.
pub struct BulkSender {
    agent: ureq::Agent,
    config: BulkConfig,
    batch: Vec<(String, Vec<u8>)>,
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

/// The longest `Retry-After` wait honoured.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);

/// What one request came to.
enum Outcome {
    /// The request went through; these items were rejected with 429 and may be sent again.
    Done(Vec<(String, Vec<u8>)>),
    /// The whole request may be sent again (transport error, HTTP 429 or 5xx): why, and how
    /// long the engine asked to wait (`Retry-After`, in seconds).
    Retry(String, Option<Duration>),
}

impl BulkSender {
    /// A sender for `config`; fails on a URL it cannot post to.
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
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(120)))
            .build()
            .into();
        Ok(BulkSender {
            agent,
            config,
            batch: Vec::new(),
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
                "the index does not exist: create it with the mapping of `newslens export                  --mapping` first (see the README), or pass --create-index"
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

    /// Adds the bulk pair `lines` of article `id`; posts when the batch is full.
    pub fn push(&mut self, id: String, lines: Vec<u8>) -> Result<()> {
        self.batch.push((id, lines));
        if self.batch.len() >= self.config.batch.max(1) {
            self.flush()?;
        }
        Ok(())
    }

    /// Posts what is left and returns the report.
    pub fn finish(mut self) -> Result<BulkReport> {
        self.flush()?;
        Ok(self.report)
    }

    /// Posts the batch, retrying as [`BulkConfig`] says.
    fn flush(&mut self) -> Result<()> {
        let mut pending = std::mem::take(&mut self.batch);
        let mut attempt = 0;
        let mut wait: Option<Duration> = None;
        while !pending.is_empty() {
            let give_up = attempt >= self.config.retries;
            match self.post(&pending)? {
                Outcome::Done(rejected) if give_up || rejected.is_empty() => {
                    // Items still rejected are failures, reported with the others.
                    self.report
                        .failed
                        .extend(rejected.into_iter().map(|(id, _)| Failure {
                            id,
                            status: 429,
                            reason: format!("still rejected after {attempt} retries"),
                        }));
                    break;
                }
                Outcome::Done(rejected) => pending = rejected,
                Outcome::Retry(why, _) if give_up => {
                    return Err(Error::Http {
                        url: self.config.url.clone(),
                        reason: format!("{why}; gave up after {attempt} retries"),
                    });
                }
                Outcome::Retry(_, asked) => wait = asked,
            }
            // The doubling delay, or longer when the engine asked for it (at most a minute).
            let backoff = self.config.delay * 2u32.saturating_pow(attempt);
            std::thread::sleep(backoff.max(wait.unwrap_or_default().min(MAX_RETRY_AFTER)));
            wait = None;
            attempt += 1;
            self.report.retries += 1;
        }
        Ok(())
    }

    /// One request with `records`.
    fn post(&mut self, records: &[(String, Vec<u8>)]) -> Result<Outcome> {
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
            Err(e) => return Ok(Outcome::Retry(format!("request failed: {e}"), None)),
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
        if status == 429 || status >= 500 {
            return Ok(Outcome::Retry(
                format!("HTTP {status}: {}", excerpt(&text)),
                retry_after,
            ));
        }
        if !(200..300).contains(&status) {
            return Err(Error::Http {
                url: self.config.url.clone(),
                reason: format!("HTTP {status}: {}", excerpt(&text)),
            });
        }
        let parsed: Response = serde_json::from_str(&text).map_err(|e| Error::Http {
            url: self.config.url.clone(),
            reason: format!("not a bulk response ({e}): {}", excerpt(&text)),
        })?;
        if !parsed.errors {
            self.report.indexed += records.len();
            return Ok(Outcome::Done(Vec::new()));
        }
        if parsed.items.len() != records.len() {
            return Err(Error::Http {
                url: self.config.url.clone(),
                reason: format!(
                    "the bulk response lists {} items for {} sent",
                    parsed.items.len(),
                    records.len()
                ),
            });
        }
        let mut rejected = Vec::new();
        for (record, item) in records.iter().zip(parsed.items) {
            // Each item is {"index"|"create": {...}}.
            let Some(item) = item.into_values().next() else {
                continue;
            };
            match item.status {
                200..=299 => self.report.indexed += 1,
                429 => rejected.push(record.clone()),
                status => self.report.failed.push(Failure {
                    id: record.0.clone(),
                    status,
                    reason: item.error.as_ref().map_or_else(String::new, reason),
                }),
            }
        }
        Ok(Outcome::Done(rejected))
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

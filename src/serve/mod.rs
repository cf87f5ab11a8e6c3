//! `newslens serve`: a local web app over the index — search with facets, articles with their
//! entities, summary and quotations marked in place, entities with their mentions over time,
//! digests and trends — and a JSON API with the shapes of the CLI's JSON contract.
//!
//! - axum on tokio; pages are rendered on the server with maud (every interpolation escaped:
//!   article text, titles, ids and queries are untrusted); the stylesheet is compiled in, no
//!   script is needed, nothing is fetched from elsewhere.
//! - Read-only on the index; every request sees the index's last commit (the reader reloads),
//!   so it keeps serving while `newslens index` adds articles.
//! - Limits: queries of at most [`MAX_QUERY`] characters, pages of at most [`MAX_PAGE`] hits,
//!   digests of at most [`MAX_DIGEST`] articles; a bad query is a 400 that names the problem.

mod pages;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

use crate::digest::{Digest, DigestOptions, Order};
use crate::error::{Error, Result};
use crate::index::{NewsIndex, Period, SearchOptions, SearchResults, TrendOptions, Trends, query};
use crate::model::{Analysis, Document, Summary};
use crate::summarize::{Summarizer, SummaryConfig};

/// The longest query taken, in characters.
pub const MAX_QUERY: usize = 1000;
/// The most hits on one page.
pub const MAX_PAGE: usize = 100;
/// The most articles one digest considers.
pub const MAX_DIGEST: usize = 200;
/// The deepest page offset.
pub const MAX_OFFSET: usize = 10_000;
/// The longest article text kept analysed, in bytes (news articles are a few kilobytes; 256
/// kept articles of this size hold about 100 MB).
const MAX_KEPT_TEXT: usize = 32 * 1024;
/// Hits per page by default.
const PAGE: usize = 10;

/// Settings of [`serve`].
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Articles kept analysed (entities, keywords, summary, quotations) for their next view,
    /// the most recently viewed first; 0 analyses every view afresh. Texts over 32 KB are
    /// analysed on every view.
    pub analysed_articles: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            analysed_articles: 256,
        }
    }
}

/// What the server shares between requests.
struct App {
    index: NewsIndex,
    summarizer: Summarizer,
    /// Articles analysed lately, by key: an entry serves a view only while the index holds
    /// exactly the article it analysed.
    analysed: Option<AnalysedArticles>,
    /// Requests computing at once: two per core, the rest wait their turn in order (a fair
    /// queue keeps the slowest answers close to the typical one).
    working: Arc<tokio::sync::Semaphore>,
}

/// Serves the web app for `index` on `addr` (port 0: any free port) until the process is
/// interrupted; `ready` is called with the address bound, before the first request.
pub fn serve(
    mut index: NewsIndex,
    addr: SocketAddr,
    options: &ServeOptions,
    ready: impl FnOnce(SocketAddr),
) -> Result<()> {
    index.search_on_one_thread()?;
    let summarizer = Summarizer::new(
        SummaryConfig::default(),
        index.analyzer().stopwords().clone(),
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let app = Arc::new(App {
        index,
        summarizer,
        analysed: std::num::NonZeroUsize::new(options.analysed_articles)
            .map(|n| std::sync::Mutex::new(lru::LruCache::new(n))),
        working: Arc::new(tokio::sync::Semaphore::new(cores * 2)),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .build()
        .map_err(|e| Error::io(addr.to_string(), e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::io(addr.to_string(), e))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::io(addr.to_string(), e))?;
        ready(bound);
        axum::serve(listener, router(app))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::io(bound.to_string(), e))
    })
}

/// Every route.
fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(search_page))
        .route("/articles/{*key}", get(article_page))
        .route("/entities/{name}", get(entity_page))
        .route("/digest", get(digest_page))
        .route("/trends", get(trends_page))
        .route("/assets/app.css", get(stylesheet))
        .route("/api/search", get(api_search))
        .route("/api/articles/{*key}", get(api_article))
        .route("/api/entities/{name}", get(api_entity))
        .route("/api/trends", get(api_trends))
        .route("/api/digest", get(api_digest))
        .fallback(not_found)
        .with_state(app)
}

/// A failed request: its status and message (the CLI's message for the same fault).
#[derive(Debug)]
struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    fn bad(message: impl Into<String>) -> Self {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    fn missing(message: impl Into<String>) -> Self {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let status = match e {
            Error::Query { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure {
            status,
            message: e.to_string(),
        }
    }
}

/// The JSON body of an API error.
#[derive(Serialize)]
struct ErrorOut<'a> {
    error: &'a str,
}

/// A failure of the JSON API: its status and `{"error": message}`.
struct ApiFailure(Failure);

impl From<Failure> for ApiFailure {
    fn from(f: Failure) -> Self {
        ApiFailure(f)
    }
}

impl From<Error> for ApiFailure {
    fn from(e: Error) -> Self {
        ApiFailure(e.into())
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let body = Json(ErrorOut {
            error: &self.0.message,
        });
        (self.0.status, body).into_response()
    }
}

/// A failure of a page: its status and a page saying what went wrong.
impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        (self.status, pages::failure(self.status, &self.message)).into_response()
    }
}

/// Runs `f` on a blocking thread (the index and the analysis are synchronous).
async fn blocking<T: Send + 'static>(
    app: &Arc<App>,
    f: impl FnOnce(&App) -> std::result::Result<T, Failure> + Send + 'static,
) -> std::result::Result<T, Failure> {
    // The turn is held by the work itself: a client that goes away does not free it early.
    let turn = app.working.clone().acquire_owned().await;
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        f(&app)
    })
    .await
    .unwrap_or_else(|e| {
        Err(Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the request failed: {e}"),
        })
    })
}

/// The query parameters, or a 400 that names what is wrong with them (`limit=abc`).
fn params(
    given: std::result::Result<Query<Params>, QueryRejection>,
) -> std::result::Result<Params, Failure> {
    given
        .map(|Query(p)| p)
        .map_err(|e| Failure::bad(e.body_text()))
}

/// Query parameters of search, digest and trends.
#[derive(Debug, Default, Clone, Deserialize)]
struct Params {
    #[serde(default)]
    q: String,
    #[serde(default)]
    offset: usize,
    limit: Option<usize>,
    since: Option<String>,
    until: Option<String>,
    lang: Option<String>,
    source: Option<String>,
    by: Option<String>,
    n: Option<usize>,
    order: Option<String>,
}

impl Params {
    /// The query with the filters of the form added (`lang:`, `source:`), checked for length.
    fn query(&self) -> std::result::Result<(String, query::ParsedQuery), Failure> {
        let mut text = self.q.trim().to_string();
        for (field, value) in [("lang", &self.lang), ("source", &self.source)] {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                if v.contains(char::is_whitespace) {
                    text.push_str(&format!(" {field}:\"{v}\""));
                } else {
                    text.push_str(&format!(" {field}:{v}"));
                }
            }
        }
        if text.chars().count() > MAX_QUERY {
            return Err(Failure::bad(format!(
                "the query is longer than {MAX_QUERY} characters"
            )));
        }
        let parsed = query::parse(&text)?;
        Ok((text, parsed))
    }

    /// An empty date is no date (a form sends `since=`).
    fn dates(&self) -> (Option<String>, Option<String>) {
        let day = |d: &Option<String>| d.clone().filter(|d| !d.trim().is_empty());
        (day(&self.since), day(&self.until))
    }

    fn search_options(&self) -> std::result::Result<SearchOptions, Failure> {
        let limit = self.limit.unwrap_or(PAGE);
        if limit == 0 || limit > MAX_PAGE {
            return Err(Failure::bad(format!(
                "limit must be 1 to {MAX_PAGE} hits per page"
            )));
        }
        if self.offset > MAX_OFFSET {
            return Err(Failure::bad(format!("offset must be at most {MAX_OFFSET}")));
        }
        let (since, until) = self.dates();
        Ok(SearchOptions {
            limit,
            offset: self.offset,
            since,
            until,
            facets: 12,
        })
    }

    fn trend_options(&self) -> std::result::Result<TrendOptions, Failure> {
        let by = match self.by.as_deref().unwrap_or("month") {
            "day" => Period::Day,
            "week" => Period::Week,
            "month" => Period::Month,
            other => {
                return Err(Failure::bad(format!(
                    "by must be day, week or month, not `{other}`"
                )));
            }
        };
        let (since, until) = self.dates();
        Ok(TrendOptions {
            by,
            since,
            until,
            with: 8,
        })
    }

    fn digest_options(&self) -> std::result::Result<DigestOptions, Failure> {
        let articles = self.n.unwrap_or(20);
        if articles == 0 || articles > MAX_DIGEST {
            return Err(Failure::bad(format!(
                "n must be 1 to {MAX_DIGEST} articles"
            )));
        }
        let order = match self.order.as_deref().unwrap_or("date") {
            "date" => Order::Date,
            "score" => Order::Score,
            other => {
                return Err(Failure::bad(format!(
                    "order must be date or score, not `{other}`"
                )));
            }
        };
        let (since, until) = self.dates();
        Ok(DigestOptions {
            articles,
            since,
            until,
            order,
            ..DigestOptions::default()
        })
    }
}

/// A page with a query form: the form alone without a query; the result under it; a bad query
/// said on the form, with a 400.
async fn form_page<T: Send + 'static>(
    app: Arc<App>,
    p: Params,
    blank: bool,
    compute: fn(&App, &Params) -> std::result::Result<T, Failure>,
    render: fn(&Params, Option<&T>, Option<&str>) -> maud::Markup,
) -> Response {
    if blank {
        return render(&p, None, None).into_response();
    }
    let params = p.clone();
    match blocking(&app, move |app| compute(app, &params)).await {
        Ok(v) => render(&p, Some(&v), None).into_response(),
        Err(f) if f.status == StatusCode::BAD_REQUEST => {
            (f.status, render(&p, None, Some(&f.message))).into_response()
        }
        Err(f) => f.into_response(),
    }
}

/// What the search API returns: the `search` JSON contract.
#[derive(Serialize)]
struct SearchOut {
    version: u32,
    query: String,
    total: usize,
    hits: Vec<crate::index::Hit>,
    facets: Vec<crate::index::Facet>,
    kinds: Vec<crate::index::KindFacet>,
}

fn search(app: &App, p: &Params) -> std::result::Result<(String, SearchResults), Failure> {
    let (text, parsed) = p.query()?;
    let results = app.index.search(&parsed, &p.search_options()?)?;
    Ok((text, results))
}

async fn search_page(
    State(app): State<Arc<App>>,
    given: std::result::Result<Query<Params>, QueryRejection>,
) -> Response {
    let p = match params(given) {
        Ok(p) => p,
        Err(f) => return f.into_response(),
    };
    let blank = p.q.trim().is_empty() && p.lang.is_none() && p.source.is_none();
    form_page(
        app,
        p,
        blank,
        |app, p| search(app, p).map(|(_, results)| results),
        pages::search,
    )
    .await
}

async fn api_search(
    State(app): State<Arc<App>>,
    given: std::result::Result<Query<Params>, QueryRejection>,
) -> std::result::Result<Json<SearchOut>, ApiFailure> {
    let p = params(given)?;
    let (query, results) = blocking(&app, move |app| search(app, &p)).await?;
    Ok(Json(SearchOut {
        version: crate::render::json::VERSION,
        query,
        total: results.total,
        hits: results.hits,
        facets: results.facets,
        kinds: results.kinds,
    }))
}

/// An article with everything the analysis knows about it.
struct Article {
    hit: crate::index::Hit,
    analysed: Arc<Analysed>,
}

type AnalysedArticles = std::sync::Mutex<lru::LruCache<String, Arc<Analysed>>>;

fn lock(
    cache: &AnalysedArticles,
) -> std::sync::MutexGuard<'_, lru::LruCache<String, Arc<Analysed>>> {
    cache
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// An article with what its page shows of its analysis.
struct Analysed {
    doc: Document,
    analysis: Analysis,
    summary: Summary,
    quotes: Vec<crate::model::Quote>,
}

fn article(app: &App, key: &str) -> std::result::Result<Article, Failure> {
    let (hit, doc) = app
        .index
        .article(key)?
        .ok_or_else(|| Failure::missing(format!("no article `{key}` in the index")))?;
    if let Some(cache) = &app.analysed {
        let mut cache = lock(cache);
        if let Some(a) = cache.get(key).filter(|a| a.doc == doc) {
            return Ok(Article {
                hit,
                analysed: a.clone(),
            });
        }
    }
    let analysis = app.index.analyzer().analyze(&doc);
    let quotes = crate::summarize::quotes::extract(&doc, &analysis);
    let summary = app.summarizer.summarize_with(&doc, &analysis, &quotes);
    let analysed = Arc::new(Analysed {
        doc,
        analysis,
        summary,
        quotes,
    });
    // (A long text is analysed on every view: its tokens alone would hold megabytes.)
    if let Some(cache) = &app.analysed
        && analysed.doc.text.len() <= MAX_KEPT_TEXT
    {
        lock(cache).put(key.to_string(), analysed.clone());
    }
    Ok(Article { hit, analysed })
}

async fn article_page(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
) -> std::result::Result<maud::Markup, Failure> {
    let a = blocking(&app, move |app| article(app, &key)).await?;
    Ok(pages::article(&a))
}

/// What the article API returns: the `analyze` contract's parts with the summary and quotes.
#[derive(Serialize)]
struct ArticleOut {
    version: u32,
    key: String,
    hit: crate::index::Hit,
    text: String,
    entities: Vec<crate::model::Entity>,
    keywords: Vec<crate::model::Keyword>,
    summary: Summary,
    quotes: Vec<crate::model::Quote>,
}

async fn api_article(
    State(app): State<Arc<App>>,
    Path(key): Path<String>,
) -> std::result::Result<Json<ArticleOut>, ApiFailure> {
    let a = blocking(&app, move |app| article(app, &key)).await?;
    let d = &a.analysed;
    Ok(Json(ArticleOut {
        version: crate::render::json::VERSION,
        key: a.hit.key.clone(),
        text: d.doc.text.clone(),
        entities: d.analysis.entities.clone(),
        keywords: d.analysis.keywords.clone(),
        summary: d.summary.clone(),
        quotes: d.quotes.clone(),
        hit: a.hit,
    }))
}

/// An entity with its mentions over time and its latest articles.
#[derive(Serialize)]
struct EntityOut {
    version: u32,
    canonical: String,
    kind: crate::model::EntityKind,
    parent: Option<String>,
    aliases: Vec<String>,
    children: Vec<String>,
    /// Mentions by month (absent for an index of an older newslens, which has no date field).
    #[serde(skip_serializing_if = "Option::is_none")]
    trends: Option<Trends>,
    latest: Vec<crate::index::Hit>,
}

fn entity(app: &App, name: &str) -> std::result::Result<EntityOut, Failure> {
    let dict = app.index.analyzer().dictionary();
    let e = dict
        .lookup(name)
        .ok_or_else(|| Failure::missing(format!("no entity `{name}` in the dictionary")))?;
    let q = format!("entity:\"{}\"", e.canonical);
    let parsed = query::parse(&q)?;
    let trends = if app.index.schema_version() >= 3 {
        Some(app.index.trends(
            &[(q.clone(), parsed.clone())],
            &TrendOptions {
                by: Period::Month,
                since: None,
                until: None,
                with: 10,
            },
        )?)
    } else {
        None
    };
    let mut latest = app
        .index
        .search(
            &parsed,
            &SearchOptions {
                limit: MAX_PAGE,
                ..SearchOptions::default()
            },
        )?
        .hits;
    // Latest first (undated last), then by relevance.
    latest.sort_by(|a, b| b.day.cmp(&a.day).then(a.rank.cmp(&b.rank)));
    latest.truncate(10);
    Ok(EntityOut {
        version: crate::render::json::VERSION,
        canonical: e.canonical.clone(),
        kind: e.kind,
        parent: e.parent.clone(),
        aliases: e
            .aliases
            .iter()
            .filter(|a| !a.exclude)
            .map(|a| a.name.clone())
            .collect(),
        children: dict
            .children(&e.canonical)
            .iter()
            .map(|c| c.canonical.clone())
            .collect(),
        trends,
        latest,
    })
}

async fn entity_page(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
) -> std::result::Result<maud::Markup, Failure> {
    let e = blocking(&app, move |app| entity(app, &name)).await?;
    Ok(pages::entity(&e))
}

async fn api_entity(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
) -> std::result::Result<Json<EntityOut>, ApiFailure> {
    Ok(Json(blocking(&app, move |app| entity(app, &name)).await?))
}

fn trends(app: &App, p: &Params) -> std::result::Result<Trends, Failure> {
    let (text, parsed) = p.query()?;
    Ok(app.index.trends(&[(text, parsed)], &p.trend_options()?)?)
}

async fn trends_page(
    State(app): State<Arc<App>>,
    given: std::result::Result<Query<Params>, QueryRejection>,
) -> Response {
    let p = match params(given) {
        Ok(p) => p,
        Err(f) => return f.into_response(),
    };
    let blank = p.q.trim().is_empty();
    form_page(app, p, blank, trends, pages::trends).await
}

/// The `trends` JSON contract.
#[derive(Serialize)]
struct TrendsOut {
    version: u32,
    #[serde(flatten)]
    trends: Trends,
}

async fn api_trends(
    State(app): State<Arc<App>>,
    given: std::result::Result<Query<Params>, QueryRejection>,
) -> std::result::Result<Json<TrendsOut>, ApiFailure> {
    let p = params(given)?;
    let trends = blocking(&app, move |app| trends(app, &p)).await?;
    Ok(Json(TrendsOut {
        version: crate::render::json::VERSION,
        trends,
    }))
}

fn digest(app: &App, p: &Params) -> std::result::Result<(String, Digest), Failure> {
    let (text, parsed) = p.query()?;
    let d = crate::digest::digest(
        &app.index,
        app.index.analyzer(),
        SummaryConfig::default(),
        &parsed,
        &p.digest_options()?,
    )?;
    Ok((text, d))
}

async fn digest_page(
    State(app): State<Arc<App>>,
    given: std::result::Result<Query<Params>, QueryRejection>,
) -> Response {
    let p = match params(given) {
        Ok(p) => p,
        Err(f) => return f.into_response(),
    };
    let blank = p.q.trim().is_empty();
    form_page(
        app,
        p,
        blank,
        |app, p| digest(app, p).map(|(_, d)| d),
        pages::digest,
    )
    .await
}

/// The `digest` JSON contract.
#[derive(Serialize)]
struct DigestOut {
    version: u32,
    query: String,
    #[serde(flatten)]
    digest: Digest,
}

async fn api_digest(
    State(app): State<Arc<App>>,
    given: std::result::Result<Query<Params>, QueryRejection>,
) -> std::result::Result<Json<DigestOut>, ApiFailure> {
    let p = params(given)?;
    let (query, digest) = blocking(&app, move |app| digest(app, &p)).await?;
    Ok(Json(DigestOut {
        version: crate::render::json::VERSION,
        query,
        digest,
    }))
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLESHEET,
    )
}

async fn not_found(uri: axum::http::Uri) -> Response {
    let message = format!("no page at {}", uri.path());
    if uri.path().starts_with("/api/") {
        ApiFailure(Failure::missing(message)).into_response()
    } else {
        Failure::missing(message).into_response()
    }
}

/// Query-string pairs for links (kept in order).
fn link(path: &str, pairs: &[(&str, &str)]) -> String {
    let mut out = path.to_string();
    let mut sep = '?';
    for (k, v) in pairs.iter().filter(|(_, v)| !v.is_empty()) {
        out.push(sep);
        out.push_str(k);
        out.push('=');
        out.push_str(&percent_encoding::utf8_percent_encode(v, COMPONENT).to_string());
        sep = '&';
    }
    out
}

/// Characters escaped in a URL component: all but unreserved ones.
const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The path of an article's page (its key escaped, `/` too).
fn article_href(key: &str) -> String {
    format!(
        "/articles/{}",
        percent_encoding::utf8_percent_encode(key, COMPONENT)
    )
}

/// The path of an entity's page.
fn entity_href(canonical: &str) -> String {
    format!(
        "/entities/{}",
        percent_encoding::utf8_percent_encode(canonical, COMPONENT)
    )
}

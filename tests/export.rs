//! `newslens export`: the bulk NDJSON, mappings and translated queries of each target (golden
//! files, every line checked), the translated queries evaluated against the exported corpus
//! (they must find what `newslens search` finds), and `--url` against a local bulk endpoint
//! that fails, throttles and rejects items.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::util::{failed, index as index_into, newslens, stdout_ok, succeeded};

const TARGETS: [&str; 3] = ["elasticsearch", "opensearch", "quickwit"];
const SAMPLE: [&str; 3] = [
    "corpus/zh/gpu-supply.md",
    "corpus/en/chip-export.md",
    "corpus/jsonl/briefs.jsonl",
];

/// Checks that `ndjson` is well-formed bulk input for `target` and returns its documents.
fn documents(ndjson: &str, target: &str) -> Vec<Value> {
    let lines: Vec<Value> = ndjson
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line ({e}): {l}")))
        .collect();
    assert!(
        !lines.is_empty() && lines.len().is_multiple_of(2),
        "action/document pairs"
    );
    let mut docs = Vec::new();
    for pair in lines.chunks(2) {
        let (action, doc) = (&pair[0], &pair[1]);
        let (verb, meta) = action.as_object().unwrap().iter().next().unwrap();
        assert_eq!(meta["_index"], "news");
        if target == "quickwit" {
            assert_eq!(verb, "create");
            assert!(meta.get("_id").is_none(), "Quickwit takes no _id: {action}");
        } else {
            assert_eq!(verb, "index");
            // The newslens key: feed#id for a JSON Lines record, the path for a file.
            let key = match doc.get("line") {
                Some(_) => format!(
                    "{}#{}",
                    doc["feed"].as_str().unwrap(),
                    doc["id"].as_str().unwrap()
                ),
                None => doc["id"].as_str().unwrap().to_string(),
            };
            assert_eq!(meta["_id"], key.as_str(), "the _id is the newslens key");
        }
        for field in [
            "id",
            "path",
            "title",
            "body",
            "lang",
            "title_seg",
            "body_seg",
            "summary",
        ] {
            assert!(doc[field].is_string(), "{field} missing in {doc}");
        }
        for field in ["entities", "entity_kinds", "keywords"] {
            assert!(doc[field].is_array(), "{field} missing in {doc}");
        }
        // The segmented body is the body's words, in order, one space apart (a Traditional
        // body's in Simplified form, as the index holds them).
        let seg = doc["body_seg"].as_str().unwrap();
        assert!(!seg.contains("  ") && !seg.starts_with(' '), "{seg}");
        let body: String = doc["body"].as_str().unwrap().split_whitespace().collect();
        let body = newslens::script::fold_if_traditional(&body).into_owned();
        let mut rest = body.as_str();
        for word in seg.split(' ') {
            let at = rest
                .find(word)
                .unwrap_or_else(|| panic!("`{word}` not in body order"));
            rest = &rest[at + word.len()..];
        }
        docs.push(doc.clone());
    }
    docs
}

#[test]
fn bulk_ndjson_of_each_target() {
    for target in TARGETS {
        let out = stdout_ok(["export", "--target", target].iter().chain(&SAMPLE));
        let docs = documents(&out, target);
        assert_eq!(docs.len(), 8, "two files and six JSONL records");
        insta::assert_snapshot!(format!("bulk_{target}"), out);
    }
}

#[test]
fn exported_fields_carry_the_analysis() {
    let out = stdout_ok(["export", "corpus/zh/gpu-supply.md"]);
    let doc = &documents(&out, "elasticsearch")[0];
    assert_eq!(doc["date"], "2024-03-18");
    assert_eq!(doc["lang"], "zh");
    let seg = doc["body_seg"].as_str().unwrap();
    // Entity names stay whole; Chinese is split into words.
    assert!(
        seg.contains(" 昇腾910B ") && seg.contains(" 英伟达 "),
        "{seg}"
    );
    let entities: Vec<&str> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(entities.contains(&"NVIDIA") && entities.contains(&"Huawei"));
    assert!(!doc["summary"].as_str().unwrap().is_empty());
    // The same record whether read from the file or from an index built from it.
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("ix");
    index_into(&index, &["corpus/zh/gpu-supply.md"]);
    let again = stdout_ok([
        "export".as_ref(),
        "--from-index".as_ref(),
        index.as_os_str(),
    ]);
    let from_index = &documents(&again, "elasticsearch")[0];
    for field in [
        "id", "title", "body", "date", "source", "body_seg", "entities", "summary",
    ] {
        assert_eq!(from_index[field], doc[field], "{field}");
    }
}

#[test]
fn mappings_of_each_target() {
    for target in TARGETS {
        let out = stdout_ok(["export", "--mapping", "--target", target]);
        if target == "quickwit" {
            assert!(out.contains("index_id: \"news\"") && out.contains("name: \"body_seg\""));
            let json = stdout_ok([
                "export",
                "--mapping",
                "--target",
                target,
                "--format",
                "json",
            ]);
            let v: Value = serde_json::from_str(&json).unwrap();
            let fields = v["doc_mapping"]["field_mappings"].as_array().unwrap();
            assert!(fields.iter().any(|f| f["name"] == "entities"));
        } else {
            let v: Value = serde_json::from_str(&out).unwrap();
            let props = &v["mappings"]["properties"];
            assert_eq!(props["body_seg"]["analyzer"], "newslens_ws");
            assert_eq!(props["entities"]["type"], "keyword");
            assert_eq!(props["date"]["type"], "date");
        }
        insta::assert_snapshot!(format!("mapping_{target}"), out);
    }
}

/// Queries and their date options.
const QUERIES: [(&str, &[&str]); 11] = [
    ("英伟达", &[]),
    ("entity:NVIDIA", &[]),
    ("\"出口管制\"", &[]),
    ("云计算 OR 人工智能", &[]),
    ("大模型 -训练", &[]),
    ("kind:chip lang:en", &[]),
    ("entity:阿里云 source:星图财经", &[]),
    ("GPU 推理", &[]),
    ("export controls", &[]),
    (
        "英伟达",
        &["--since", "2024-03-01", "--until", "2024-06-27"],
    ),
    ("kind:chip", &["--until", "2024-02-29"]),
];

#[test]
fn translated_queries_of_each_target() {
    for target in TARGETS {
        let mut all = String::new();
        for (q, dates) in QUERIES {
            let mut args = vec!["export", "--target", target, "--query", q];
            args.extend(dates);
            let out = stdout_ok(args);
            let v: Value = serde_json::from_str(&out).unwrap();
            assert!(v["query"]["bool"].is_object(), "{q}: {out}");
            if target == "quickwit" {
                // Quickwit's bool query did not always take `minimum_should_match`.
                assert!(!out.contains("minimum_should_match"), "{q}: {out}");
            }
            all.push_str(&format!("# {q} {}\n{out}", dates.join(" ")));
        }
        insta::assert_snapshot!(format!("query_{target}"), all);
    }
    let bad = newslens()
        .args(["export", "--query", "entity:NoSuchThing"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("entity:NoSuchThing"));
}

/// Whether `doc` matches the query DSL `q` as an engine with the export's mapping would match
/// it (whitespace + lowercase on the `*_seg` fields, exact keywords, dates compared by day:
/// Quickwit's bounds are that day's midnight). A `bool` of `should` clauses alone needs one
/// to match, as in the engines.
fn matches(q: &Value, doc: &Value) -> bool {
    let (kind, body) = q.as_object().unwrap().iter().next().unwrap();
    match kind.as_str() {
        "bool" => {
            let all = |k: &str| {
                body.get(k)
                    .and_then(Value::as_array)
                    .map(|v| v.iter().filter(|c| matches(c, doc)).count())
            };
            let count = |k: &str| body.get(k).and_then(Value::as_array).map_or(0, Vec::len);
            let should_only = count("must") + count("filter") == 0;
            let at_least = body["minimum_should_match"]
                .as_u64()
                .unwrap_or(u64::from(should_only));
            all("must").is_none_or(|n| n == count("must"))
                && all("filter").is_none_or(|n| n == count("filter"))
                && all("must_not").is_none_or(|n| n == 0)
                && all("should").is_none_or(|n| n as u64 >= at_least)
        }
        "match_phrase" => {
            let (field, spec) = body.as_object().unwrap().iter().next().unwrap();
            let words =
                |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
            let have = words(doc[field].as_str().unwrap_or(""));
            let want = words(spec["query"].as_str().unwrap());
            have.windows(want.len()).any(|w| w == want.as_slice())
        }
        "term" => {
            let (field, spec) = body.as_object().unwrap().iter().next().unwrap();
            let value = &spec["value"];
            match &doc[field] {
                Value::Array(items) => items.contains(value),
                v => v == value,
            }
        }
        "range" => {
            let date = doc["date"].as_str();
            let r = &body["date"];
            let day = |bound: &str| {
                let b = r[bound].as_str()?;
                assert!(b.len() == 10 || b.ends_with("T00:00:00Z"), "{b}");
                Some(b[..10].to_string())
            };
            date.is_some_and(|d| {
                day("gte").is_none_or(|g| d >= g.as_str())
                    && day("lte").is_none_or(|l| d <= l.as_str())
            })
        }
        other => panic!("query kind {other} not expected"),
    }
}

#[test]
fn translated_queries_find_what_search_finds() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("ix");
    index_into(&index, &["corpus/"]);
    let docs = documents(&stdout_ok(["export", "corpus/"]), "elasticsearch");
    for (q, dates) in QUERIES {
        let out = newslens()
            .args(["search", "--format", "json", "-n", "1000", "--index"])
            .arg(&index)
            .args(dates.iter())
            .arg(q)
            .output()
            .unwrap();
        let found: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut want: Vec<&str> = found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap())
            .collect();
        want.sort();
        assert!(
            !want.is_empty() || q.contains('-'),
            "{q}: search finds nothing"
        );
        for target in ["elasticsearch", "quickwit"] {
            let mut args = vec!["export", "--target", target, "--query", q];
            args.extend(dates.iter());
            let dsl: Value = serde_json::from_str(&stdout_ok(args)).unwrap();
            let mut got: Vec<&str> = docs
                .iter()
                .filter(|d| matches(&dsl["query"], d))
                .map(|d| d["id"].as_str().unwrap())
                .collect();
            got.sort();
            assert_eq!(got, want, "{target}: {q} {dates:?}");
        }
    }
}

/// One request the test endpoint received.
#[derive(Debug, Clone)]
struct Request {
    method: String,
    path: String,
    content_type: String,
    body: String,
}

/// A search engine on 127.0.0.1: the `n`-th (0-based) `POST` is answered `answer(n, body)`,
/// an HTTP status and a JSON body; any other request `other(request)`. Returns its base URL
/// and the requests it saw.
fn engine(
    answer: impl Fn(usize, &str) -> (u16, Value) + Send + Sync + 'static,
    other: impl Fn(&Request) -> (u16, Value) + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<Request>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (seen2, answer, other) = (seen.clone(), Arc::new(answer), Arc::new(other));
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { return };
            let (seen, answer, other) = (seen2.clone(), answer.clone(), other.clone());
            std::thread::spawn(move || serve(stream, &seen, &*answer, &*other));
        }
    });
    (url, seen)
}

/// [`engine`] where the index exists.
fn endpoint(
    answer: impl Fn(usize, &str) -> (u16, Value) + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<Request>>>) {
    engine(answer, |_| (200, json!({})))
}

/// The `POST`s among `seen`.
fn posts(seen: &Mutex<Vec<Request>>) -> Vec<Request> {
    let seen = seen.lock().unwrap();
    seen.iter()
        .filter(|r| r.method == "POST")
        .cloned()
        .collect()
}

/// Answers the requests of one connection (keep-alive) until the client closes it.
fn serve(
    stream: TcpStream,
    seen: &Mutex<Vec<Request>>,
    answer: &(dyn Fn(usize, &str) -> (u16, Value) + Send + Sync),
    other: &(dyn Fn(&Request) -> (u16, Value) + Send + Sync),
) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let method = line.split_whitespace().next().unwrap_or("").to_string();
        let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let (mut length, mut content_type) = (0, String::new());
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).unwrap();
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            let (name, value) = h.split_once(':').unwrap();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.trim().parse().unwrap(),
                "content-type" => content_type = value.trim().to_string(),
                _ => {}
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let body = String::from_utf8(body).unwrap();
        let request = Request {
            method,
            path,
            content_type,
            body,
        };
        let n = {
            let mut seen = seen.lock().unwrap();
            let n = seen.iter().filter(|r| r.method == request.method).count();
            seen.push(request.clone());
            n
        };
        let bulk = request
            .path
            .split('?')
            .next()
            .unwrap_or("")
            .ends_with("_bulk");
        let (status, reply) = if request.method == "POST" && bulk {
            answer(n, &request.body)
        } else {
            other(&request)
        };
        // A `retry_after` in the reply is sent as the Retry-After header.
        let retry_after = reply
            .get("retry_after")
            .map_or(String::new(), |s| format!("Retry-After: {s}\r\n"));
        let reply = reply.to_string();
        // A HEAD answer has no body (its length is that of the body a GET would get).
        let body = if request.method == "HEAD" {
            ""
        } else {
            reply.as_str()
        };
        write!(
            stream,
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n{retry_after}Content-Length: {}\r\n\r\n{body}",
            reply.len()
        )
        .unwrap();
    }
}

/// The ids of the documents in a bulk request body.
fn ids(body: &str) -> Vec<String> {
    body.lines()
        .skip(1)
        .step_by(2)
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// A bulk answer taking every article of `body`.
fn taken(body: &str) -> (u16, Value) {
    let items: Vec<Value> = ids(body).iter().map(|_| item(201, None)).collect();
    (200, json!({"errors": false, "items": items}))
}

fn item(status: u16, error: Option<(&str, &str)>) -> Value {
    match error {
        Some((t, r)) => json!({"index": {"status": status, "error": {"type": t, "reason": r}}}),
        None => json!({"index": {"status": status}}),
    }
}

#[test]
fn posting_retries_throttling_and_reports_refused_items() {
    let (url, seen) = endpoint(|n, body| match n {
        // The whole request throttled, then one of its items.
        0 => (429, json!({"error": "too many requests"})),
        1 => (
            200,
            json!({"errors": true, "items": [item(201, None),
                item(429, Some(("es_rejected_execution_exception", "queue full")))]}),
        ),
        2 => (200, json!({"errors": false, "items": [item(201, None)]})),
        // The next batch: one item refused for good.
        _ => {
            let items: Vec<Value> = ids(body)
                .iter()
                .map(|id| {
                    if id == "zh-003" {
                        item(
                            400,
                            Some(("mapper_parsing_exception", "failed to parse [date]")),
                        )
                    } else {
                        item(201, None)
                    }
                })
                .collect();
            (200, json!({"errors": true, "items": items}))
        }
    });
    let stderr = failed(
        newslens()
            .args([
                "export",
                "--batch-size",
                "2",
                "--retry-delay",
                "5",
                "--url",
                &url,
            ])
            .args(["corpus/jsonl/briefs.jsonl"]),
    );
    assert!(
        stderr.contains(
            "not indexed: briefs.jsonl#zh-003: HTTP 400 mapper_parsing_exception: failed to parse [date]"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("5 indexed, 1 refused"), "{stderr}");
    let seen = posts(&seen);
    // 3 batches of 2; the first sent twice whole, then its throttled item alone.
    assert_eq!(seen.len(), 5, "{seen:?}");
    assert_eq!(seen[0].body, seen[1].body);
    assert_eq!(ids(&seen[1].body), ["zh-001", "zh-002"]);
    assert_eq!(ids(&seen[2].body), ["zh-002"]);
    assert_eq!(ids(&seen[3].body), ["zh-003", "en-001"]);
    for r in seen.iter() {
        assert_eq!(r.path, "/_bulk");
        assert_eq!(r.content_type, "application/x-ndjson");
        documents(&r.body, "elasticsearch");
    }
}

#[test]
fn posting_gives_up_after_the_retries() {
    let (url, seen) = endpoint(|_, _| (503, json!({"error": "unavailable"})));
    let stderr = failed(
        newslens()
            .args([
                "export",
                "--retries",
                "2",
                "--retry-delay",
                "5",
                "--url",
                &url,
            ])
            .arg("corpus/zh/gpu-supply.md"),
    );
    assert!(
        stderr.contains(&format!("{url}/_bulk: HTTP 503"))
            && stderr.contains("gave up after 2 retries"),
        "{stderr}"
    );
    assert_eq!(posts(&seen).len(), 3);
}

#[test]
fn posting_to_quickwit() {
    // Quickwit's ingest API v1 answers without items.
    let (url, seen) = endpoint(|_, _| (200, json!({"took": 3, "errors": false, "items": []})));
    let out = newslens()
        .args(["export", "--target", "quickwit", "--url", &url])
        .arg("corpus/jsonl/briefs.jsonl")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("0 indexed, 6 accepted without per-article results"),
        "{stderr}"
    );
    let all = seen.lock().unwrap().clone();
    assert_eq!(
        (all[0].method.as_str(), all[0].path.as_str()),
        ("GET", "/api/v1/indexes/news")
    );
    let seen = posts(&seen);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, "/api/v1/_elastic/_bulk");
    assert_eq!(documents(&seen[0].body, "quickwit").len(), 6);

    // Its ingest API v2 lists a failure per index, not per article: every article fails.
    let (url, _) = endpoint(|_, _| {
        (
            200,
            json!({"took": 1, "errors": true, "items": [{"index": {"_index": "news", "status": 404, "error": null}}]}),
        )
    });
    let stderr = failed(
        newslens()
            .args(["export", "--target", "quickwit", "--url", &url])
            .arg("corpus/jsonl/briefs.jsonl"),
    );
    assert!(
        stderr.contains("not indexed: briefs.jsonl#zh-001: HTTP 404 the engine reported errors")
            && stderr.contains("0 indexed, 6 refused"),
        "{stderr}"
    );

    // Errors, and nothing said about them.
    let (url, _) = endpoint(|_, _| (200, json!({"took": 1, "errors": true, "items": []})));
    let stderr = failed(
        newslens()
            .args(["export", "--target", "quickwit", "--url", &url])
            .arg("corpus/zh/gpu-supply.md"),
    );
    assert!(
        stderr.contains("HTTP 200 the engine reported errors for the request without naming its articles (no reason given)"),
        "{stderr}"
    );

    // A 500 may come after Quickwit took the documents: without ids, no second copy is sent.
    let (url, seen) = endpoint(|_, _| (500, json!({"error": "internal"})));
    let stderr = failed(
        newslens()
            .args([
                "export",
                "--target",
                "quickwit",
                "--retry-delay",
                "5",
                "--url",
                &url,
            ])
            .arg("corpus/jsonl/briefs.jsonl"),
    );
    assert!(
        stderr.contains("HTTP 500") && stderr.contains("not sent again"),
        "{stderr}"
    );
    assert_eq!(posts(&seen).len(), 1);
}

#[test]
fn posting_halves_batches_the_engine_finds_too_large() {
    // More than two articles, or zh-003 at all, is too large.
    let (url, seen) = endpoint(|_, body| {
        let ids = ids(body);
        if ids.len() > 2 || ids.iter().any(|id| id == "zh-003") {
            (413, json!({"error": "request entity too large"}))
        } else {
            taken(body)
        }
    });
    let stderr = failed(
        newslens()
            .args(["export", "--batch-size", "6", "--url", &url])
            .arg("corpus/jsonl/briefs.jsonl"),
    );
    assert!(
        stderr.contains("not indexed: briefs.jsonl#zh-003: HTTP 413")
            && stderr.contains("5 indexed, 1 refused"),
        "{stderr}"
    );
    let sent: Vec<Vec<String>> = posts(&seen).iter().map(|r| ids(&r.body)).collect();
    // 6 → 3 + 3; each 3 → 1 + 2; the pair with zh-003 → 1 + 1.
    assert_eq!(sent[0].len(), 6, "{sent:?}");
    let taken: Vec<&String> = sent
        .iter()
        .filter(|b| b.len() <= 2 && !b.iter().any(|id| id == "zh-003"))
        .flatten()
        .collect();
    assert_eq!(taken.len(), 5, "each other article taken once: {sent:?}");
}

#[test]
fn posting_caps_requests_in_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.jsonl");
    let body = "Alibaba Cloud cut the prices of its models again this quarter. ".repeat(2500);
    let lines: Vec<String> = (0..4)
        .map(|i| json!({"id": format!("long-{i}"), "body": body}).to_string())
        .collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let (url, seen) = endpoint(|_, body| taken(body));
    succeeded(
        newslens()
            .args(["export", "--batch-mb", "1", "--url", &url])
            .arg(&file),
    );
    let seen = posts(&seen);
    assert!(seen.len() > 1, "{}", seen.len());
    let mut all = Vec::new();
    for (i, r) in seen.iter().enumerate() {
        let ids = ids(&r.body);
        assert!(
            r.body.len() <= 1_000_000 || ids.len() == 1,
            "{} bytes",
            r.body.len()
        );
        // Requests are filled: the next article would not have fitted.
        if let Some(next) = seen.get(i + 1) {
            let first_pair: usize = next.body.lines().take(2).map(|l| l.len() + 1).sum();
            assert!(
                r.body.len() + first_pair > 1_000_000,
                "request {i} not full"
            );
        }
        all.extend(ids);
    }
    assert_eq!(all, ["long-0", "long-1", "long-2", "long-3"]);
}

#[test]
fn posting_reports_what_went_in_before_a_hard_error() {
    let (url, _) = endpoint(|n, body| match n {
        0 => taken(body),
        _ => (400, json!({"error": "bad request"})),
    });
    let stderr = failed(
        newslens()
            .args(["export", "--batch-size", "2", "--url", &url])
            .arg("corpus/jsonl/briefs.jsonl"),
    );
    assert!(
        // The run stops at the error: the last two articles are not read.
        stderr.contains("4 articles read: 2 indexed, 0 refused")
            && stderr.contains(
                "2 articles of the failed request (briefs.jsonl#zh-003 … briefs.jsonl#en-001) may or may not be in the engine"
            )
            && stderr.contains("0 articles read were not sent")
            && stderr.contains("HTTP 400"),
        "{stderr}"
    );
    // A response that does not list every article is not taken for success.
    let (url, _) = endpoint(|_, _| (200, json!({"errors": false})));
    let stderr = failed(newslens().args(["export", "--url", &url, "corpus/zh/gpu-supply.md"]));
    assert!(
        stderr.contains("lists 0 results for 1 articles sent"),
        "{stderr}"
    );
}

#[test]
fn posting_to_an_index_named_in_the_url() {
    let (url, seen) = endpoint(|_, body| taken(body));
    succeeded(
        newslens()
            .args([
                "export",
                "--target",
                "opensearch",
                "--index-name",
                "新闻",
                "--url",
            ])
            .arg(format!("{url}/%E6%96%B0%E9%97%BB/_bulk?refresh=wait_for"))
            .arg("corpus/zh/gpu-supply.md"),
    );
    let all = seen.lock().unwrap().clone();
    let asked: Vec<(&str, &str)> = all
        .iter()
        .map(|r| (r.method.as_str(), r.path.as_str()))
        .collect();
    assert_eq!(
        asked,
        [
            ("HEAD", "/%E6%96%B0%E9%97%BB"),
            ("POST", "/_bulk?refresh=wait_for")
        ]
    );
    assert!(
        all[1].body.starts_with("{\"index\":{\"_index\":\"新闻\""),
        "{}",
        all[1].body
    );
}

#[test]
fn bad_records_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("news.jsonl");
    std::fs::write(
        &file,
        "{\"id\":\"a\",\"body\":\"英伟达发布新一代芯片。\"}\n{\"id\":\"b\",\"body\":\n{\"id\":\"c\",\"body\":\"Alibaba Cloud cut prices.\"}\n",
    )
    .unwrap();
    let out = newslens().arg("export").arg(&file).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("news.jsonl:2"),
        "the bad line is named: {stderr}"
    );
    let docs = documents(&String::from_utf8(out.stdout).unwrap(), "elasticsearch");
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "c"]);
    for (args, message) in [
        (
            vec!["export", "--from-index", "/nonexistent/ix"],
            "no newslens index at /nonexistent/ix",
        ),
        (
            vec![
                "export",
                "--url",
                "https://example.com:9200",
                "corpus/zh/gpu-supply.md",
            ],
            "built without TLS",
        ),
        (
            vec![
                "export",
                "--url",
                "localhost:9200",
                "corpus/zh/gpu-supply.md",
            ],
            "not an http:// URL",
        ),
        (
            vec![
                "export",
                "--url",
                "http://127.0.0.1:9",
                "-H",
                "nocolon",
                "corpus/zh/gpu-supply.md",
            ],
            "--header `nocolon`",
        ),
        (
            vec![
                "export",
                "--url",
                "http://127.0.0.1:9",
                "-H",
                "X Tag: 1",
                "corpus/zh/gpu-supply.md",
            ],
            "header `X Tag`: not an HTTP header name",
        ),
    ] {
        if cfg!(feature = "tls") && message.contains("TLS") {
            continue;
        }
        let stderr = failed(newslens().args(&args));
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn posting_checks_the_index_and_creates_it_when_asked() {
    // No index: an error saying what to do, and nothing posted.
    let (url, seen) = engine(
        |_, body| taken(body),
        |_| (404, json!({"error": "index_not_found_exception"})),
    );
    let stderr = failed(newslens().args(["export", "--url", &url, "corpus/zh/gpu-supply.md"]));
    assert!(
        stderr.contains(&format!("{url}/news: the index does not exist"))
            && stderr.contains("--create-index"),
        "{stderr}"
    );
    assert!(posts(&seen).is_empty());
    // --create-index: PUT with the mapping, then the bulk request.
    let created = Arc::new(Mutex::new(false));
    let flag = created.clone();
    let (url, seen) = engine(
        |_, body| taken(body),
        move |r| match r.method.as_str() {
            "PUT" => {
                *flag.lock().unwrap() = true;
                (200, json!({"acknowledged": true}))
            }
            _ if *flag.lock().unwrap() => (200, json!({})),
            _ => (404, json!({})),
        },
    );
    let out = newslens()
        .args([
            "export",
            "--create-index",
            "--url",
            &url,
            "corpus/zh/gpu-supply.md",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("created index news"), "{stderr}");
    let all = seen.lock().unwrap().clone();
    let methods: Vec<&str> = all.iter().map(|r| r.method.as_str()).collect();
    assert_eq!(methods, ["HEAD", "PUT", "POST"]);
    assert_eq!(all[1].path, "/news");
    let mapping: Value = serde_json::from_str(&all[1].body).unwrap();
    assert_eq!(
        mapping["mappings"]["properties"]["body_seg"]["analyzer"],
        "newslens_ws"
    );
}

#[test]
fn posting_waits_as_long_as_the_engine_asks() {
    let (url, seen) = endpoint(|n, body| match n {
        0 => (429, json!({"error": "slow down", "retry_after": 1})),
        _ => taken(body),
    });
    let started = std::time::Instant::now();
    succeeded(newslens().args([
        "export",
        "--retry-delay",
        "5",
        "--url",
        &url,
        "corpus/zh/gpu-supply.md",
    ]));
    assert_eq!(posts(&seen).len(), 2);
    // Retry-After: 1 beats the 5 ms delay.
    assert!(started.elapsed() >= std::time::Duration::from_secs(1));
}

//! `newslens serve`: HTTP tests against a server on a loopback port, and an end-to-end test in
//! a real headless browser (Debian's chromium and chromedriver, through the WebDriver protocol).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::util::{index, newslens, root, write};

/// A running `newslens serve` on a free loopback port; killed when dropped.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(ix: &Path, extra: &[&str]) -> Server {
        let bin = assert_cmd::cargo::cargo_bin("newslens");
        let mut child = Process::new(bin)
            .current_dir(root())
            .args(["serve", "--port", "0", "--index"])
            .arg(ix)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert!(line.starts_with("http://127.0.0.1:"), "printed {line:?}");
        Server {
            child,
            url: line.trim().trim_end_matches('/').to_string(),
        }
    }

    /// GET `path`: status and body.
    fn get(&self, path: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut resp = agent.get(&format!("{}{path}", self.url)).call().unwrap();
        let status = resp.status().as_u16();
        (status, resp.body_mut().read_to_string().unwrap())
    }

    fn json(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.get(path);
        (
            status,
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("{path}: {e}: {body}")),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An index of the sample corpus plus one hostile article.
fn corpus_index(dir: &Path) -> PathBuf {
    let ix = dir.join("ix");
    let hostile = json!({
        "id": "x<1>",
        "title": "<script>window.__xss=1</script>英伟达 <img src=x onerror=\"window.__xss=2\">",
        "url": "javascript:window.__xss=3",
        "date": "2024-05-01",
        "source": "<b>Evil</b>",
        "body": "英伟达表示：“<script>window.__xss=4</script>这是测试。”\n<img src=x onerror=\"window.__xss=5\"> [点我](javascript:window.__xss=6) <a href=\"javascript:window.__xss=7\">link</a>",
    });
    let file = write(dir, "hostile.jsonl", format!("{hostile}\n").as_bytes());
    index(&ix, &["corpus", file.to_str().unwrap()]);
    ix
}

/// `newslens search --format json` of `query` on `ix`.
fn cli_search(ix: &Path, query: &str) -> Value {
    let out = newslens()
        .args(["search", "--format", "json", "-n", "10", "--index"])
        .arg(ix)
        .arg(query)
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_api_answers_as_the_cli_does() {
    let dir = tempfile::tempdir().unwrap();
    let ix = corpus_index(dir.path());
    let server = Server::start(&ix, &[]);

    let (status, api) = server.json("/api/search?q=entity%3ANVIDIA&limit=10");
    assert_eq!(status, 200);
    let cli = cli_search(&ix, "entity:NVIDIA");
    assert_eq!(api["hits"], cli["hits"], "the same hits, in the same JSON");
    assert_eq!(api["total"], cli["total"]);
    assert!(api["facets"].as_array().unwrap().len() > 3);
    // Kind facets: every match names NVIDIA, a vendor.
    let kinds = api["kinds"].as_array().unwrap();
    assert_eq!(kinds[0], json!({"kind": "vendor", "count": cli["total"]}));
    assert!(kinds.iter().any(|k| k["kind"] == "chip"));

    // An article by its key: analysis, summary and quotations.
    let key = api["hits"][0]["key"].as_str().unwrap();
    let path = format!(
        "/api/articles/{}",
        percent_encoding::utf8_percent_encode(key, percent_encoding::NON_ALPHANUMERIC)
    );
    let (status, article) = server.json(&path);
    assert_eq!(status, 200, "{article}");
    assert_eq!(article["key"], key);
    assert!(!article["entities"].as_array().unwrap().is_empty());
    assert!(
        !article["summary"]["sentences"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let (status, entity) = server.json("/api/entities/%E8%8B%B1%E4%BC%9F%E8%BE%BE");
    assert_eq!(status, 200);
    assert_eq!(entity["canonical"], "NVIDIA");
    assert!(
        entity["aliases"]
            .as_array()
            .unwrap()
            .contains(&json!("英伟达"))
    );
    assert_eq!(entity["trends"]["series"][0]["total"], cli["total"]);

    let (status, trends) = server.json("/api/trends?q=entity%3ANVIDIA&by=week");
    assert_eq!((status, trends["by"].as_str()), (200, Some("week")));
    let (status, digest) = server.json("/api/digest?q=entity%3ANVIDIA&n=5");
    assert_eq!(status, 200);
    assert_eq!(digest["considered"], 5);

    // Errors: JSON with a status, the CLI's message.
    let (status, bad) = server.json("/api/search?q=%22open");
    assert_eq!(status, 400);
    let cli_err = newslens()
        .args(["search", "--index"])
        .arg(&ix)
        .arg("\"open")
        .output()
        .unwrap();
    let message = bad["error"].as_str().unwrap();
    assert!(
        String::from_utf8_lossy(&cli_err.stderr).contains(message),
        "{message}"
    );
    for (path, status) in [
        ("/api/entities/Nonesuch", 404),
        ("/api/articles/nope", 404),
        ("/api/search?q=a&limit=1000", 400),
        ("/api/trends?q=a&by=year", 400),
        ("/api/digest?q=a&n=100000", 400),
        ("/api/nothing", 404),
        ("/api/search?q=a&offset=10000000000", 400),
        ("/api/search?q=a&limit=abc", 400),
        (
            "/api/trends?q=a&by=day&since=1000-01-01&until=9999-12-31",
            400,
        ),
        ("/api/trends?q=a&since=2024-13-45", 400),
    ] {
        let (got, body) = server.json(path);
        assert_eq!(got, status, "{path}");
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{path}"
        );
    }
    let long = "a".repeat(1001);
    let (status, body) = server.json(&format!("/api/search?q={long}"));
    assert_eq!(status, 400);
    assert!(body["error"].as_str().unwrap().contains("longer than 1000"));
}

#[test]
fn pages_escape_what_articles_hold_and_assets_stay_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let ix = corpus_index(dir.path());
    let server = Server::start(&ix, &[]);
    let (status, page) = server.get("/?q=%E8%8B%B1%E4%BC%9F%E8%BE%BE");
    assert_eq!(status, 200);
    let (_, article) = server.get("/articles/hostile.jsonl%23x%3C1%3E");
    for html in [&page, &article] {
        assert!(!html.contains("<script"), "no script element");
        assert!(!html.contains("<img"), "no image element");
        assert!(!html.contains("href=\"javascript:"), "no javascript: link");
        assert!(html.contains("&lt;script&gt;window.__xss=1&lt;/script&gt;"));
    }
    assert!(
        article.contains("&lt;img src=x onerror=\"window.__xss=5\"&gt;")
            || article.contains("&lt;img src=x onerror=&quot;window.__xss=5&quot;&gt;")
    );
    // The stylesheet is compiled in; nothing outside is served, however the path is written.
    assert_eq!(server.get("/assets/app.css").0, 200);
    for raw in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e/Cargo.toml",
        "/assets/..%2fCargo.toml",
        "/../../etc/passwd",
    ] {
        let mut stream =
            std::net::TcpStream::connect(server.url.trim_start_matches("http://")).unwrap();
        write!(
            stream,
            "GET {raw} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut reply = String::new();
        stream.read_to_string(&mut reply).unwrap();
        assert!(
            reply.starts_with("HTTP/1.1 404"),
            "{raw}: {}",
            &reply[..reply.len().min(80)]
        );
        assert!(
            !reply.contains("[package]") && !reply.contains("root:"),
            "{raw}"
        );
    }
}

#[test]
fn it_sees_new_commits_and_warns_off_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    index(&ix, &["corpus/en/chip-export.md"]);
    let server = Server::start(&ix, &[]);
    let (_, before) = server.json("/api/search?q=lang%3Azh");
    assert_eq!(before["total"], 0);
    // `newslens index` writes while it serves: the next request sees the commit.
    index(&ix, &["corpus/zh/gpu-supply.md"]);
    let (_, after) = server.json("/api/search?q=lang%3Azh");
    assert_eq!(after["total"], 1);
    drop(server);

    let mut child = Process::new(assert_cmd::cargo::cargo_bin("newslens"))
        .args(["serve", "--host", "0.0.0.0", "--port", "0", "--index"])
        .arg(&ix)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        line.contains("warning: listening on 0.0.0.0, not on a loopback address"),
        "{line}"
    );
}

#[test]
fn an_article_viewed_again_is_analysed_again_only_when_it_changed() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let feed = |body: &str| {
        let record = json!({"id": "1", "title": "芯片需求", "body": body, "date": "2024-05-01"});
        let file = write(dir.path(), "news.jsonl", format!("{record}\n").as_bytes());
        index(&ix, &[file.to_str().unwrap()]);
    };
    let names = |article: &Value| -> Vec<String> {
        let mut v: Vec<String> = article["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["canonical"].as_str().unwrap().to_string())
            .collect();
        v.dedup();
        v
    };
    feed("英伟达表示：“数据中心的需求依然强劲。”");
    let server = Server::start(&ix, &[]);
    let key = cli_search(&ix, "芯片")["hits"][0]["key"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/api/articles/{}", key.replace('#', "%23"));
    let (status, first) = server.json(&path);
    assert_eq!(status, 200, "{first}");
    assert_eq!(names(&first), ["NVIDIA"]);
    // Viewed again (from the analysed articles): the same answer.
    assert_eq!(server.json(&path).1, first);
    // The article changes under the running server: the next view analyses the new text.
    feed("华为表示：“数据中心的需求依然强劲。”");
    let (_, changed) = server.json(&path);
    assert_eq!(names(&changed), ["Huawei"]);
    assert!(changed["text"].as_str().unwrap().starts_with("华为"));
    // A server that keeps nothing analysed answers alike.
    let fresh = Server::start(&ix, &["--analysed-articles", "0"]);
    assert_eq!(fresh.json(&path).1, changed);
    assert_eq!(fresh.json(&path).1, changed);
}

/// A WebDriver session of headless chromium, through chromedriver.
struct Browser {
    driver: Child,
    base: String,
    session: String,
    agent: ureq::Agent,
}

impl Browser {
    /// A browser, or why there is none.
    fn start() -> Result<Browser, String> {
        let find = |names: &[&str]| {
            names.iter().find_map(|n| {
                std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
                    .map(|d| d.join(n))
                    .find(|p| p.is_file())
            })
        };
        let driver_bin = find(&["chromedriver"])
            .ok_or("no chromedriver on PATH (Debian: apt-get install chromium-driver)")?;
        let chromium = find(&["chromium", "chromium-browser", "google-chrome"])
            .ok_or("no chromium on PATH (Debian: apt-get install chromium)")?;
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Process::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("chromedriver does not start: {e}"))?;
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let base = format!("http://127.0.0.1:{port}");
        let mut browser = Browser {
            driver,
            base,
            session: String::new(),
            agent,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while browser.call("GET", "/status", None).is_err() {
            if Instant::now() > deadline {
                return Err("chromedriver did not answer within 20 s".to_string());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=zh-CN"]
            }
        }}});
        let created = browser.call("POST", "/session", Some(caps))?;
        browser.session = created["sessionId"]
            .as_str()
            .ok_or_else(|| format!("chromium did not start: {created}"))?
            .to_string();
        Ok(browser)
    }

    /// A WebDriver command: its `value`, or the error it returned.
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.base);
        let resp = match (method, body) {
            ("GET", _) => self.agent.get(&url).call(),
            ("DELETE", _) => self.agent.delete(&url).call(),
            (_, body) => self
                .agent
                .post(&url)
                .header("content-type", "application/json")
                .send(body.unwrap_or(json!({})).to_string()),
        };
        let mut resp = resp.map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let value: Value = serde_json::from_str(
            &resp
                .body_mut()
                .read_to_string()
                .map_err(|e| e.to_string())?,
        )
        .map_err(|e| e.to_string())?;
        let value = value.get("value").cloned().unwrap_or(Value::Null);
        if status >= 400 {
            Err(format!("{method} {path}: {value}"))
        } else {
            Ok(value)
        }
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, &format!("/session/{}{path}", self.session), body)
            .unwrap()
    }

    fn go(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({"url": url})));
    }

    fn script(&self, js: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({"script": js, "args": []})),
        )
    }

    fn find(&self, css: &str) -> String {
        let e = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        e.as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .unwrap()
            .to_string()
    }

    fn count(&self, css: &str) -> usize {
        let found = self.cmd(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        found.as_array().map_or(0, Vec::len)
    }

    fn screenshot(&self, name: &str) {
        let data = self.cmd("GET", "/screenshot", None);
        let png = base64_decode(data.as_str().unwrap());
        let dir = root().join("target").join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.call("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Standard base64 (what WebDriver screenshots are).
fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let clean: Vec<u8> = s
        .bytes()
        .filter(|&c| c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &c)| n | u32::from(value(c)) << (18 - 6 * i));
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

#[test]
fn in_a_real_browser_search_facets_articles_and_nothing_hostile_runs() {
    let browser = match Browser::start() {
        Ok(b) => b,
        Err(why) => {
            eprintln!("skipping the browser test: {why}");
            return;
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("corpus-ix");
    index(&ix, &["corpus"]);
    let server = Server::start(&ix, &[]);
    browser.go(&format!("{}/", server.url));
    // Type a query and submit it.
    let q = browser.find("#q");
    browser.cmd(
        "POST",
        &format!("/element/{q}/value"),
        Some(json!({"text": "英伟达\u{E007}"})),
    );
    std::thread::sleep(Duration::from_millis(500));
    assert!(browser.count("article.hit") >= 5);
    browser.screenshot("search.png");
    // Click the facet of Huawei: the search narrows to articles naming both.
    let before = browser.count("article.hit");
    let facet = browser.find("a.facet[href*='Huawei']");
    browser.cmd("POST", &format!("/element/{facet}/click"), None);
    std::thread::sleep(Duration::from_millis(500));
    let url = browser.cmd("GET", "/url", None);
    assert!(url.as_str().unwrap().contains("entity"), "{url}");
    let after = browser.count("article.hit");
    assert!(after > 0 && after <= before, "{before} → {after}");
    // Then the kind facet `person`: narrower still.
    let kind = browser.find("a.kind-facet[href*='person']");
    browser.cmd("POST", &format!("/element/{kind}/click"), None);
    std::thread::sleep(Duration::from_millis(500));
    let url = browser.cmd("GET", "/url", None);
    assert!(url.as_str().unwrap().contains("kind%3Aperson"), "{url}");
    let narrowest = browser.count("article.hit");
    assert!(narrowest > 0 && narrowest <= after, "{after} → {narrowest}");
    // Open an article: its entities and quotations are marked in the text.
    browser.go(&format!(
        "{}/articles/corpus%2Fzh%2Fgpu-supply.md",
        server.url
    ));
    let marked = browser.script(
        "return Array.from(document.querySelectorAll('.text a.entity')).map(a => a.dataset.canonical)",
    );
    let marked: Vec<&str> = marked
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        marked.contains(&"NVIDIA") && marked.contains(&"H20"),
        "{marked:?}"
    );
    let quotes = browser.count(".text .quote[id]");
    assert!(
        quotes >= 2 && quotes == browser.count("li.quote-item"),
        "{quotes}"
    );
    assert!(browser.count(".text .summary") > 0);
    browser.screenshot("article.png");
    browser.go(&format!("{}/entities/NVIDIA", server.url));
    assert_eq!(browser.count(".chart svg"), 1);
    browser.screenshot("entity.png");
    browser.go(&format!("{}/digest?q=entity%3ANVIDIA", server.url));
    assert!(browser.count("ol.digest li") > 3);
    browser.screenshot("digest.png");
    browser.go(&format!("{}/trends?q=entity%3ANVIDIA", server.url));
    browser.screenshot("trends.png");
    // The hostile article: shown as text, nothing of it runs.
    let server = Server::start(&corpus_index(dir.path()), &[]);
    for page in [
        "/?q=%E8%8B%B1%E4%BC%9F%E8%BE%BE",
        "/articles/hostile.jsonl%23x%3C1%3E",
    ] {
        browser.go(&format!("{}{page}", server.url));
        let ran = browser.script("return [window.__xss === undefined, document.querySelectorAll('script, img').length, document.body.innerText.includes('<script>window.__xss')]");
        assert_eq!(ran, json!([true, 0, true]), "{page}");
    }
    let link = browser.find(".text");
    let _ = browser.cmd("POST", &format!("/element/{link}/click"), None);
    assert_eq!(
        browser.script("return window.__xss === undefined"),
        json!(true)
    );
}

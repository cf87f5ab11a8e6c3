//! Many feeds in one index: keys that cannot collide, duplicates and replacements reported,
//! moves, per-feed pruning and removal, `stats`, and indexes built by an older newslens.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::json;

use crate::util::{index, newslens, search_as, shared, succeeded, write};

#[derive(Debug, Deserialize)]
struct SearchOut {
    total: usize,
    hits: Vec<HitOut>,
}

#[derive(Debug, Deserialize)]
struct HitOut {
    id: String,
    title: String,
    date: String,
    day: Option<String>,
    feed: String,
    path: String,
    line: Option<u64>,
}

fn search(dir: &Path, query: &str, extra: &[&str]) -> SearchOut {
    search_as(dir, query, extra)
}

/// A JSONL file of `records` (id, title, body, date) at `dir/name`.
fn feed(dir: &Path, name: &str, records: &[(&str, &str, &str, &str)]) -> PathBuf {
    let lines: String = records
        .iter()
        .map(|(id, title, body, date)| {
            json!({"id": id, "title": title, "body": body, "date": date}).to_string() + "\n"
        })
        .collect();
    write(dir, name, lines.as_bytes())
}

/// Runs `newslens index --index IX ARGS…`, returning (exit code, stderr).
fn run_index(ix: &Path, args: &[&str]) -> (i32, String) {
    let out = newslens()
        .arg("index")
        .arg("--index")
        .arg(ix)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn path_arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

const XINHUA: [(&str, &str, &str, &str); 3] = [
    (
        "1",
        "华为发布新款昇腾芯片",
        "华为周二在深圳发布新款昇腾芯片，面向数据中心的大模型训练。",
        "2024-03-18",
    ),
    (
        "2",
        "阿里云下调大模型价格",
        "阿里云宣布下调通义千问系列模型的调用价格，降幅最高达九成。",
        "2024-05-21",
    ),
    (
        "3",
        "百度智能云推出新平台",
        "百度智能云推出面向企业的大模型开发平台，支持文心一言。",
        "2024-06-02",
    ),
];

const WIRE: [(&str, &str, &str, &str); 3] = [
    (
        "1",
        "Nvidia ships new chips to cloud providers",
        "Nvidia said on Monday it had begun shipping its newest accelerators to cloud providers.",
        "18-MAR-2024 10:01:00.00",
    ),
    (
        "2",
        "Alibaba Cloud cuts model prices",
        "Alibaba Cloud cut the prices of its Qwen models by up to 90 percent on Tuesday.",
        "21-MAY-2024 09:30:00.00",
    ),
    (
        "3",
        "Baidu opens enterprise AI platform",
        "Baidu opened an enterprise platform for building applications on its Ernie models.",
        "June 2, 2024",
    ),
];

#[test]
fn feeds_numbering_their_records_alike_keep_all_their_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (xinhua, wire) = (
        feed(dir.path(), "xinhua.jsonl", &XINHUA),
        feed(dir.path(), "wire.jsonl", &WIRE),
    );
    let ix = dir.path().join("ix");
    let (code, err) = run_index(&ix, &[path_arg(&xinhua), path_arg(&wire)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("6 added, 0 updated, 0 unchanged, 0 failed") && err.contains("; 6 articles"),
        "{err}"
    );
    // Each feed is whole, and says where its articles live.
    for (name, records) in [("xinhua.jsonl", &XINHUA), ("wire.jsonl", &WIRE)] {
        let hits = search(&ix, &format!("feed:{name} OR 芯片 OR chips"), &["-n", "20"]);
        let mine: Vec<&HitOut> = hits.hits.iter().filter(|h| h.feed == name).collect();
        assert!(!mine.is_empty(), "{name}: {:?}", hits.hits);
        for h in mine {
            let (k, record) = records
                .iter()
                .enumerate()
                .find(|(_, r)| r.0 == h.id)
                .expect("an id of the feed");
            assert_eq!(h.title, record.1);
            assert_eq!(h.line, Some(k as u64 + 1), "{h:?}");
            assert!(h.path.ends_with(name), "{h:?}");
        }
        assert_eq!(search(&ix, &format!("feed:{name}"), &[]).total, 3);
    }
    // Dates as days: `18-MAR-2024 10:01:00.00` reads as 2024-03-18, kept as given in `date`.
    let nvidia = search(&ix, "Nvidia", &[]);
    assert_eq!(nvidia.hits[0].day.as_deref(), Some("2024-03-18"));
    assert_eq!(nvidia.hits[0].date, "18-MAR-2024 10:01:00.00");
    // The text shows the file's name and line, not its whole path, and the day.
    let text = succeeded(
        newslens()
            .args(["search", "--index"])
            .arg(&ix)
            .arg("Nvidia"),
    );
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("     wire.jsonl:1\n") && text.contains("· 2024-03-18 ·"),
        "{text}"
    );
    assert!(!text.contains(path_arg(dir.path())), "{text}");
    // Indexing both again changes nothing.
    let (code, err) = run_index(&ix, &[path_arg(&xinhua), path_arg(&wire)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 added, 0 updated, 6 unchanged"), "{err}");
}

#[test]
fn an_id_given_twice_in_one_feed_is_reported_and_the_first_stays() {
    let dir = tempfile::tempdir().unwrap();
    let news = feed(
        dir.path(),
        "news.jsonl",
        &[
            XINHUA[0],
            XINHUA[1],
            (
                "1",
                "第二次出现的同一编号",
                "同一编号的另一篇稿件。",
                "2024-07-01",
            ),
        ],
    );
    let ix = dir.path().join("ix");
    let (code, err) = run_index(&ix, &[path_arg(&news)]);
    assert_eq!(code, 2, "a duplicate id is bad input: {err}");
    assert!(
        err.contains("news.jsonl:3: id 1 already given at line 1; skipped, the first stays"),
        "{err}"
    );
    assert!(err.contains("1 duplicate ids (skipped)"), "{err}");
    assert_eq!(search(&ix, "feed:news.jsonl", &[]).total, 2);
    assert_eq!(search(&ix, "华为", &[]).total, 1);
    assert_eq!(search(&ix, "稿件", &[]).total, 0);
    // With --replace-duplicates the later record wins, and the run succeeds.
    let ix2 = dir.path().join("ix2");
    let (code, err) = run_index(&ix2, &["--replace-duplicates", path_arg(&news)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("news.jsonl:3: id 1 already given at line 1; this later record replaces it"),
        "{err}"
    );
    assert_eq!(search(&ix2, "feed:news.jsonl", &[]).total, 2);
    assert_eq!(search(&ix2, "华为", &[]).total, 0);
    assert_eq!(search(&ix2, "稿件", &[]).total, 1);
    // Across two files of one named feed, the first place is given with its file.
    let other = feed(dir.path(), "more.jsonl", &[XINHUA[1]]);
    let (code, err) = run_index(
        &dir.path().join("ix3"),
        &["--source", "xinhua", path_arg(&news), path_arg(&other)],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("more.jsonl:1: id 2 already given at ") && err.contains("news.jsonl:2;"),
        "{err}"
    );
}

#[test]
fn replacements_are_said_per_article_and_counted_apart() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    // Two sources whose files have the same name: the feed name (news.jsonl) is shared.
    let a = feed(&dir.path().join("a"), "news.jsonl", &XINHUA);
    let b = feed(&dir.path().join("b"), "news.jsonl", &WIRE);
    let (code, err) = run_index(&ix, &[path_arg(&a)]);
    assert_eq!(code, 0, "{err}");
    let (code, err) = run_index(&ix, &[path_arg(&b)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("3 replaced from another source"),
        "counted apart: {err}"
    );
    assert!(
        err.contains(
            "b/news.jsonl:1: id 1 replaces the article of another source with the same feed name `news.jsonl`"
        ) && err.contains("a/news.jsonl:1")
            && err.contains("华为发布新款昇腾芯片")
            && err.contains("--source NAME"),
        "per article, with where the old one came from: {err}"
    );
    // Named apart, they live side by side.
    let ix2 = dir.path().join("ix2");
    run_index(&ix2, &["--source", "xinhua", path_arg(&a)]);
    let (code, err) = run_index(&ix2, &["--source", "wire", path_arg(&b)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("3 added") && err.contains("; 6 articles"),
        "{err}"
    );

    // One feed over several files (--source): an article found in another file is updated.
    let ix3 = dir.path().join("ix3");
    run_index(&ix3, &["--source", "xinhua", path_arg(&a)]);
    let mut edited = XINHUA;
    edited[0].2 = "华为周二在深圳发布新款昇腾芯片，面向数据中心的大模型训练与推理。";
    let c = feed(&dir.path().join("c"), "news.jsonl", &edited[..1]);
    let (code, err) = run_index(&ix3, &["--source", "xinhua", path_arg(&c)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 added, 1 updated, 0 unchanged"), "{err}");

    // The same file reusing an id for another story: another title and another text.
    let mut reused = XINHUA;
    reused[1] = (
        "2",
        "腾讯云发布混元新版本",
        "腾讯云在年度大会上发布了混元大模型的新版本。",
        "2024-09-05",
    );
    let ix4 = dir.path().join("ix4");
    run_index(&ix4, &[path_arg(&a)]);
    std::fs::remove_file(&a).unwrap();
    let a = feed(&dir.path().join("a"), "news.jsonl", &reused);
    let (code, err) = run_index(&ix4, &[path_arg(&a)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "news.jsonl:2: id 2 is another article under the same id: “腾讯云发布混元新版本” replaces “阿里云下调大模型价格”"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "0 added, 0 updated, 1 replaced by another article with the same id, 2 unchanged"
        ),
        "{err}"
    );
}

#[test]
fn a_record_that_moved_is_written_again_with_its_new_line() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let news = feed(dir.path(), "news.jsonl", &XINHUA);
    run_index(&ix, &[path_arg(&news)]);
    // A new record at the top moves the others down a line.
    let news = feed(
        dir.path(),
        "news.jsonl",
        &[
            ("9", WIRE[0].1, WIRE[0].2, WIRE[0].3),
            XINHUA[0],
            XINHUA[1],
            XINHUA[2],
        ],
    );
    let (code, err) = run_index(&ix, &[path_arg(&news)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("0 updated, 3 moved, 0 unchanged") && err.contains("1 added"),
        "{err}"
    );
    let hit = &search(&ix, "华为", &[]).hits[0];
    assert_eq!(hit.line, Some(2));
}

#[test]
fn prune_drops_what_a_feed_no_longer_gives_and_nothing_of_other_feeds() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let news = feed(dir.path(), "news.jsonl", &XINHUA);
    let wire = feed(dir.path(), "wire.jsonl", &WIRE);
    run_index(&ix, &[path_arg(&news), path_arg(&wire)]);
    // Record 2 is gone from news.jsonl.
    let news = feed(dir.path(), "news.jsonl", &[XINHUA[0], XINHUA[2]]);
    let (code, err) = run_index(&ix, &["--prune", path_arg(&news)]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 pruned") && err.contains("; 5 articles"),
        "{err}"
    );
    assert_eq!(search(&ix, "feed:news.jsonl", &[]).total, 2);
    assert_eq!(search(&ix, "feed:wire.jsonl", &[]).total, 3);
    // A record that fails to read might be one still there: then nothing is pruned.
    std::fs::write(&news, "{\"id\": \"1\", \"body\":\n").unwrap();
    let (code, err) = run_index(&ix, &["--prune", path_arg(&news)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("not pruned: 1 article failed to read"),
        "{err}"
    );
    assert_eq!(search(&ix, "feed:news.jsonl", &[]).total, 2);
}

#[test]
fn remove_deletes_a_feed_or_a_query_in_one_commit() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let news = feed(dir.path(), "news.jsonl", &XINHUA);
    let wire = feed(dir.path(), "wire.jsonl", &WIRE);
    run_index(&ix, &[path_arg(&news), path_arg(&wire)]);
    let remove = |args: &[&str]| {
        let out = newslens()
            .arg("remove")
            .arg("--index")
            .arg(&ix)
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, err) = remove(&["--source", "wire.jsonl", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("3 articles of feed `wire.jsonl` would be removed (dry run: nothing removed); 6 articles"),
        "{err}"
    );
    let (code, err) = remove(&["--source", "wire.jsonl"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("removed 3 articles of feed `wire.jsonl`; 3 articles in"),
        "{err}"
    );
    let (code, err) = remove(&["--source", "wire.jsonl"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("no article of feed `wire.jsonl`") && err.contains("(its feeds: news.jsonl)"),
        "{err}"
    );
    let (code, err) = remove(&["阿里云", "--since", "2024-05-01"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("removed 1 article matching the query; 2 articles"),
        "{err}"
    );
    let (code, err) = remove(&["entity:Nvidia lang:"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("bad query"), "{err}");
    let out = newslens()
        .args(["remove", "--index"])
        .arg(&ix)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "a query or --source is needed");
}

#[test]
fn an_open_index_sees_every_later_commit_of_other_processes() {
    // A long-lived handle (as `newslens serve` keeps) reloads only when a commit changed the
    // segments or their deletions: a removal, an addition and a move are each seen at once.
    use newslens::index::{NewsIndex, SearchOptions, query};
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let news = feed(dir.path(), "news.jsonl", &XINHUA);
    let wire = feed(dir.path(), "wire.jsonl", &WIRE);
    run_index(&ix, &[path_arg(&news), path_arg(&wire)]);
    let analyzer = std::sync::Arc::new(newslens::analyze::Analyzer::with_defaults().unwrap());
    let held = NewsIndex::open(&ix, analyzer).unwrap();
    let total = |q: &str| {
        let parsed = query::parse(q).unwrap();
        held.search(
            &parsed,
            &SearchOptions {
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap()
        .total
    };
    assert_eq!((total("华为"), total("Nvidia"), held.len()), (1, 1, 6));
    // The same commit searched twice: the same answer.
    assert_eq!(total("华为"), 1);
    succeeded(
        newslens()
            .args(["remove", "--index"])
            .arg(&ix)
            .args(["--source", "wire.jsonl"]),
    );
    assert_eq!((total("华为"), total("Nvidia"), held.len()), (1, 0, 3));
    run_index(&ix, &[path_arg(&wire)]);
    assert_eq!((total("华为"), total("Nvidia"), held.len()), (1, 1, 6));
}

#[derive(Debug, Deserialize)]
struct StatsOut {
    version: u32,
    schema_version: u32,
    articles: usize,
    feeds: Vec<FeedOut>,
    languages: Vec<Count>,
    scripts: Vec<Count>,
    dates: DatesOut,
    entities: usize,
    kinds: Vec<KindOut>,
    size_bytes: u64,
    last_commit: Option<String>,
}

#[derive(Debug, Deserialize)]
struct FeedOut {
    feed: String,
    articles: usize,
    first: Option<String>,
    last: Option<String>,
    undated: usize,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Count {
    name: String,
    articles: usize,
}

#[derive(Debug, Deserialize)]
struct DatesOut {
    first: Option<String>,
    last: Option<String>,
    undated: usize,
}

#[derive(Debug, Deserialize)]
struct KindOut {
    kind: String,
    entities: usize,
    articles: usize,
    top: Vec<Count>,
}

fn count(name: &str, articles: usize) -> Count {
    Count {
        name: name.to_string(),
        articles,
    }
}

#[test]
fn stats_say_what_the_index_holds() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    let news = feed(dir.path(), "news.jsonl", &XINHUA);
    let wire = feed(dir.path(), "wire.jsonl", &WIRE);
    // A Traditional Chinese article, undated, as a text file of a directory feed.
    write(
        &dir.path().join("tw"),
        "a.txt",
        "輝達發表新晶片\n\n輝達執行長黃仁勳表示，阿里雲與騰訊雲將採購更多晶片，台積電也將受惠。\n"
            .as_bytes(),
    );
    let (code, err) = run_index(
        &ix,
        &[
            path_arg(&news),
            path_arg(&wire),
            path_arg(&dir.path().join("tw")),
        ],
    );
    assert_eq!(code, 0, "{err}");
    let out = succeeded(
        newslens()
            .args(["stats", "--format", "json", "--index"])
            .arg(&ix),
    );
    let s: StatsOut = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((s.version, s.schema_version, s.articles), (1, 3, 7));
    let feeds: Vec<(&str, usize)> = s
        .feeds
        .iter()
        .map(|f| (f.feed.as_str(), f.articles))
        .collect();
    assert_eq!(feeds, [("news.jsonl", 3), ("wire.jsonl", 3), ("tw", 1)]);
    let news_feed = &s.feeds[0];
    assert_eq!(
        (
            news_feed.first.as_deref(),
            news_feed.last.as_deref(),
            news_feed.undated
        ),
        (Some("2024-03-18"), Some("2024-06-02"), 0)
    );
    assert_eq!(s.feeds[2].undated, 1);
    assert_eq!(
        (
            s.dates.first.as_deref(),
            s.dates.last.as_deref(),
            s.dates.undated
        ),
        (Some("2024-03-18"), Some("2024-06-02"), 1)
    );
    assert_eq!(s.languages, [count("zh", 4), count("en", 3)]);
    assert_eq!(
        s.scripts,
        [count("Hans", 3), count("Latn", 3), count("Hant", 1)]
    );
    assert!(s.entities >= 5, "{s:?}");
    let vendor = s
        .kinds
        .iter()
        .find(|k| k.kind == "vendor")
        .expect("vendors");
    assert!(vendor.entities >= 3 && vendor.articles >= 5, "{vendor:?}");
    // Two Simplified or English articles, and the Traditional one (阿里雲).
    assert!(
        vendor
            .top
            .iter()
            .any(|c| c.name == "Alibaba Cloud" && c.articles == 3),
        "{vendor:?}"
    );
    assert!(s.size_bytes > 0);
    assert!(s.last_commit.as_deref().is_some_and(|t| t.ends_with('Z')));
    // The text form, for people.
    let text = String::from_utf8(succeeded(newslens().args(["stats", "--index"]).arg(&ix)).stdout)
        .unwrap();
    for want in [
        "7 articles in 3 feeds",
        "schema 3",
        "dates: 2024-03-18 to 2024-06-02, 1 undated",
        "languages: zh 4, en 3",
        "scripts: Hans 3, Latn 3, Hant 1",
        "news.jsonl",
        "vendor",
    ] {
        assert!(text.contains(want), "{want}: {text}");
    }
    // A removed feed leaves the counts.
    succeeded(
        newslens()
            .args(["remove", "--source", "wire.jsonl", "--index"])
            .arg(&ix),
    );
    let out = succeeded(
        newslens()
            .args(["stats", "--format", "json", "--index"])
            .arg(&ix),
    );
    let s: StatsOut = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s.articles, 4);
    assert_eq!(s.languages, [count("zh", 4)]);
    assert!(s.feeds.iter().all(|f| f.feed != "wire.jsonl"));
}

/// An index as newslens wrote it before feeds (schema 1): articles keyed by their id alone.
fn old_index(dir: &Path) {
    use tantivy::schema::{FAST, INDEXED, STORED, STRING, Schema, TEXT};
    let mut b = Schema::builder();
    let id = b.add_text_field("id", STRING | STORED);
    let title = b.add_text_field("title", TEXT | STORED);
    let text = b.add_text_field("text", STORED);
    let lang = b.add_text_field("lang", STRING | STORED);
    for name in [
        "path", "url", "date", "source", "author", "keywords", "hash",
    ] {
        b.add_text_field(name, STORED);
    }
    b.add_text_field("body", TEXT);
    for name in ["source_key", "entity", "kind"] {
        b.add_text_field(name, STRING);
    }
    b.add_i64_field("day", INDEXED | FAST);
    std::fs::create_dir_all(dir).unwrap();
    let index = tantivy::Index::create_in_dir(dir, b.build()).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    let mut doc = tantivy::TantivyDocument::default();
    doc.add_text(id, "1");
    doc.add_text(title, "old article");
    doc.add_text(text, "An article indexed by an older newslens.");
    doc.add_text(lang, "en");
    writer.add_document(doc).unwrap();
    writer.commit().unwrap();
}

#[test]
fn an_index_of_an_older_newslens_is_searchable_but_not_written_to() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("old");
    old_index(&ix);
    let news = feed(dir.path(), "news.jsonl", &XINHUA);
    let (code, err) = run_index(&ix, &[path_arg(&news)]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("built by an older newslens (schema 1,")
            && err.contains(&format!(
                "newslens index --rebuild --index {}",
                ix.display()
            )),
        "{err}"
    );
    // Nothing was written: it still holds its one article, and searches it.
    let hits = search(&ix, "lang:en", &[]);
    assert_eq!(hits.total, 1);
    assert_eq!(
        (hits.hits[0].id.as_str(), hits.hits[0].feed.as_str()),
        ("1", "")
    );
    let text = String::from_utf8(succeeded(newslens().args(["stats", "--index"]).arg(&ix)).stdout)
        .unwrap();
    assert!(
        text.contains("schema 1") && text.contains("rebuild it with `newslens index --rebuild`"),
        "{text}"
    );
    let out = newslens()
        .args(["remove", "--source", "news.jsonl", "--index"])
        .arg(&ix)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    // The advice works.
    let (code, err) = run_index(&ix, &["--rebuild", path_arg(&news)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(search(&ix, "feed:news.jsonl", &[]).total, 3);
}

#[test]
fn another_programs_index_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("foreign");
    std::fs::create_dir_all(&ix).unwrap();
    let mut b = tantivy::schema::Schema::builder();
    b.add_text_field("content", tantivy::schema::TEXT);
    tantivy::Index::create_in_dir(&ix, b.build()).unwrap();
    let before: Vec<_> = std::fs::read_dir(&ix)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let news = feed(dir.path(), "news.jsonl", &XINHUA);
    for args in [
        vec!["index", path_arg(&news)],
        vec!["index", "--rebuild", path_arg(&news)],
        vec!["search", "华为"],
        vec!["stats"],
    ] {
        let out = newslens()
            .args(&args)
            .arg("--index")
            .arg(&ix)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains("not a newslens index (") && err.contains("left as it is"),
            "{args:?}: {err}"
        );
    }
    let after: Vec<_> = std::fs::read_dir(&ix)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(before, after);
}

#[test]
fn a_new_index_goes_only_into_an_empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    let notes = write(dir.path(), "notes.txt", "mine".as_bytes());
    let news = feed(&dir.path().join("in"), "news.jsonl", &XINHUA);
    for extra in [&[][..], &["--rebuild"][..]] {
        let (code, err) = run_index(dir.path(), &[extra, &[path_arg(&news)][..]].concat());
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("this directory is not empty (in, notes.txt) and holds no index"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "mine");
    // A rebuild deletes tantivy's files only.
    let ix = dir.path().join("ix");
    run_index(&ix, &[path_arg(&news)]);
    write(&ix, "README.txt", b"kept");
    let (code, err) = run_index(&ix, &["--rebuild", path_arg(&news)]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("3 added"), "{err}");
    assert_eq!(
        std::fs::read_to_string(ix.join("README.txt")).unwrap(),
        "kept"
    );
}

#[test]
fn a_feed_name_must_be_a_name() {
    for bad in ["", "  "] {
        let out = newslens()
            .args(["index", "--source", bad, "corpus/en"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("a feed name cannot be empty"));
    }
}

/// The target of the issue: the two real corpora in one index lose nothing, and each corpus's
/// searches find what they find when it is indexed alone.
#[test]
fn chinanews_and_reuters_in_one_index_lose_nothing() {
    let (Some(chinanews), Some(reuters)) = (
        shared("data/chinanews_2449.jsonl"),
        shared("data/reuters21578.jsonl"),
    ) else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (both, zh, en) = (
        dir.path().join("both"),
        dir.path().join("zh"),
        dir.path().join("en"),
    );
    let err = index(&both, &[path_arg(&chinanews), path_arg(&reuters)]);
    assert!(
        err.contains("21492 added, 0 updated, 0 unchanged, 0 failed")
            && err.contains("; 21492 articles"),
        "{err}"
    );
    index(&zh, &[path_arg(&chinanews)]);
    index(&en, &[path_arg(&reuters)]);
    let ids = |r: &SearchOut| {
        let mut v: Vec<String> = r.hits.iter().map(|h| h.id.clone()).collect();
        v.sort();
        v
    };
    for (alone, feed, queries) in [
        (
            &zh,
            "chinanews_2449.jsonl",
            &["疫情", "经济", "entity:WeChat", "\"新冠肺炎\"", "lang:zh"][..],
        ),
        (
            &en,
            "reuters21578.jsonl",
            &[
                "oil",
                "trade deficit",
                "entity:IBM",
                "\"interest rates\"",
                "lang:en",
            ][..],
        ),
    ] {
        for q in queries {
            let on_its_own = search(alone, q, &["-n", "30000"]);
            let together = search(&both, &format!("{q} feed:{feed}"), &["-n", "30000"]);
            assert!(on_its_own.total > 0, "{q}");
            assert_eq!(together.total, on_its_own.total, "{q} in {feed}");
            assert_eq!(ids(&together), ids(&on_its_own), "{q} in {feed}");
        }
    }
}

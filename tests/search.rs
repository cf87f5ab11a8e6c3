//! `newslens index` and `newslens search` over the sample corpus and generated articles.

use std::path::Path;

use serde::Deserialize;

use crate::util::{index, newslens, search_as, succeeded, write};

#[derive(Debug, Deserialize)]
struct SearchOut {
    total: usize,
    hits: Vec<HitOut>,
    #[serde(default)]
    facets: Vec<FacetOut>,
}

#[derive(Debug, Deserialize)]
struct FacetOut {
    entity: String,
    count: usize,
}

#[derive(Debug, Deserialize)]
struct HitOut {
    rank: usize,
    id: String,
    title: String,
    date: String,
    score: f64,
    snippet: String,
    entities: Vec<String>,
    path: String,
    lang: String,
}

fn search(dir: &Path, query: &str, extra: &[&str]) -> SearchOut {
    search_as(dir, query, extra)
}

fn paths(r: &SearchOut) -> Vec<&str> {
    r.hits.iter().map(|h| h.path.as_str()).collect()
}

#[test]
fn entity_search_crosses_languages_and_aliases() {
    let dir = tempfile::tempdir().unwrap();
    index(dir.path(), &["corpus/zh", "corpus/en"]);
    // Any alias, either language, finds the entity's articles.
    let by_name = search(dir.path(), "entity:NVIDIA", &["-n", "50"]);
    let by_alias = search(dir.path(), "entity:英伟达", &["-n", "50"]);
    assert_eq!(paths(&by_name), paths(&by_alias));
    assert!(paths(&by_name).contains(&"corpus/en/ai-infrastructure-summit.txt"));
    assert!(paths(&by_name).contains(&"corpus/zh/gpu-supply.md"));
    // A plain alias also finds articles that only use another alias, ranked below.
    let word = search(dir.path(), "英伟达", &["-n", "50"]);
    let p = paths(&word);
    let english = p
        .iter()
        .position(|x| *x == "corpus/en/ai-infrastructure-summit.txt");
    let chinese = p.iter().position(|x| *x == "corpus/zh/gpu-supply.md");
    assert!(
        english.is_some() && chinese.is_some() && chinese < english,
        "{p:?}"
    );
    assert!(
        word.hits
            .iter()
            .all(|h| h.entities.iter().any(|e| e == "NVIDIA"))
    );
    // Facets count the entities of all matches, not only of the page.
    let faceted = search(dir.path(), "entity:NVIDIA", &["-n", "1", "--facets", "3"]);
    assert_eq!(faceted.facets.len(), 3);
    assert_eq!(faceted.facets[0].entity, "NVIDIA");
    assert_eq!(faceted.facets[0].count, faceted.total);
}

#[test]
fn facets_are_exact_over_every_segment_and_skip_removed_articles() {
    let dir = tempfile::tempdir().unwrap();
    // Two runs, two commits: the matches lie in more than one segment.
    index(dir.path(), &["corpus/zh"]);
    index(dir.path(), &["corpus/en"]);
    let check = |query: &str| {
        let r = search(dir.path(), query, &["-n", "1000", "--facets", "1000"]);
        let mut counted: std::collections::BTreeMap<&str, usize> = Default::default();
        for h in &r.hits {
            for e in &h.entities {
                *counted.entry(e.as_str()).or_default() += 1;
            }
        }
        let mut exact: Vec<(&str, usize)> = counted.into_iter().collect();
        exact.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let got: Vec<(&str, usize)> = r
            .facets
            .iter()
            .map(|f| (f.entity.as_str(), f.count))
            .collect();
        assert_eq!(got, exact, "{query}");
        r.total
    };
    let both = check("entity:NVIDIA");
    assert!(check("entity:NVIDIA lang:en") < both);
    // The top 2 are the first two of the full list, ties by name.
    let top = search(dir.path(), "entity:NVIDIA", &["-n", "1", "--facets", "2"]);
    let all = search(
        dir.path(),
        "entity:NVIDIA",
        &["-n", "1", "--facets", "1000"],
    );
    assert_eq!(top.facets.len(), 2);
    assert!(
        top.facets
            .iter()
            .zip(&all.facets)
            .all(|(a, b)| a.entity == b.entity && a.count == b.count)
    );
    succeeded(
        newslens()
            .args(["remove", "--index"])
            .arg(dir.path())
            .arg("lang:en"),
    );
    assert!(check("entity:NVIDIA") < both);
    assert_eq!(check("entity:NVIDIA lang:en"), 0);
}

#[test]
fn words_phrases_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(&docs, "a.md", "---\ntitle: 云计算市场报告\ndate: 2024-03-01\nsource: 星图财经\n---\n\n国内云计算市场继续增长,推理需求快速上升。\n".as_bytes());
    write(&docs, "b.md", "---\ntitle: 芯片供应\ndate: 2023-11-20\nsource: Tech Daily\n---\n\n需求推理两个词不挨着时,短语查询不应命中推理需求以外的文章。英伟达A800涨价。\n".as_bytes());
    write(&docs, "c.md", "---\ntitle: Cloud spending\ndate: 2024-05-02\nsource: Tech Daily\nlang: en\n---\n\nCloud computing demand keeps rising as NVIDIA ships more H20 chips.\n".as_bytes());
    let ix = dir.path().join("ix");
    index(&ix, &[docs.to_str().unwrap()]);
    let ids = |r: &SearchOut| {
        let mut v: Vec<String> = r
            .hits
            .iter()
            .map(|h| {
                Path::new(&h.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        v.sort();
        v
    };
    // A word inside a longer word (jieba's search mode): 计算 finds 云计算.
    assert_eq!(ids(&search(&ix, "计算", &[])), ["a.md"]);
    // Title matches rank first.
    let r = search(&ix, "云计算", &[]);
    assert_eq!(ids(&r), ["a.md"]);
    // A phrase matches only words next to each other.
    assert_eq!(ids(&search(&ix, "\"推理需求\"", &[])), ["a.md", "b.md"]);
    assert_eq!(ids(&search(&ix, "\"需求推理\"", &[])), ["b.md"]);
    // OR, exclusion, filters, dates.
    assert_eq!(ids(&search(&ix, "云计算 OR cloud", &[])), ["a.md", "c.md"]);
    assert_eq!(ids(&search(&ix, "推理 -涨价", &[])), ["a.md"]);
    assert_eq!(ids(&search(&ix, "kind:chip", &[])), ["b.md", "c.md"]);
    assert_eq!(ids(&search(&ix, "kind:chip lang:en", &[])), ["c.md"]);
    assert_eq!(
        ids(&search(&ix, "kind:chip source:\"tech daily\"", &[])),
        ["b.md", "c.md"]
    );
    assert_eq!(
        ids(&search(&ix, "entity:NVIDIA", &["--since", "2024-01-01"])),
        ["c.md"]
    );
    assert_eq!(
        ids(&search(&ix, "entity:NVIDIA", &["--until", "2023-12-31"])),
        ["b.md"]
    );
    // Nothing found: exit code 1 and an empty result.
    let none = search(&ix, "量子", &[]);
    assert_eq!((none.total, none.hits.len()), (0, 0));
}

#[test]
fn hits_have_ranks_snippets_and_entities() {
    let dir = tempfile::tempdir().unwrap();
    index(dir.path(), &["corpus/zh", "corpus/en"]);
    let r = search(dir.path(), "英伟达", &["-n", "3"]);
    assert!(r.total >= 3);
    let first = &r.hits[0];
    assert_eq!(first.rank, 1);
    assert!(!first.id.is_empty() && !first.title.is_empty() && !first.date.is_empty());
    assert!(first.score > 0.0 && first.lang == "zh");
    assert!(first.snippet.contains("**英伟达**"), "{}", first.snippet);
    for h in &r.hits {
        let visible = h.snippet.replace("**", "");
        let n = visible.trim_matches('…').chars().count();
        assert!(n <= 80, "snippet of {n} characters: {}", h.snippet);
        assert!(n >= 40, "snippet too short: {}", h.snippet);
        assert!(!h.entities.is_empty());
    }
    // Pages.
    let page2 = search(dir.path(), "英伟达", &["-n", "3", "--offset", "3"]);
    assert_eq!(page2.hits[0].rank, 4);
    assert!(
        r.hits
            .iter()
            .all(|a| page2.hits.iter().all(|b| a.id != b.id || a.path != b.path))
    );
}

#[test]
fn reindexing_is_incremental() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    write(&docs, "a.txt", "阿里云发布通义千问新版本。\n".as_bytes());
    write(&docs, "b.txt", "英伟达A800价格上涨。\n".as_bytes());
    let ix = dir.path().join("ix");
    let d = docs.to_str().unwrap();
    assert!(index(&ix, &[d]).contains("2 added, 0 updated, 0 unchanged"));
    assert!(index(&ix, &[d]).contains("0 added, 0 updated, 2 unchanged"));
    write(&docs, "b.txt", "英伟达H20价格下降。\n".as_bytes());
    assert!(index(&ix, &[d]).contains("0 added, 1 updated, 1 unchanged"));
    assert_eq!(search(&ix, "英伟达", &[]).total, 1);
    assert_eq!(search(&ix, "H20", &[]).total, 1);
    assert_eq!(search(&ix, "A800", &[]).total, 0);
    std::fs::remove_file(docs.join("a.txt")).unwrap();
    let out = newslens()
        .args(["index", "--prune", "--index"])
        .arg(&ix)
        .arg(d)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("1 pruned") && err.contains("; 1 articles"),
        "{err}"
    );
    assert_eq!(search(&ix, "通义千问", &[]).total, 0);
}

#[test]
fn tied_scores_rank_the_same_whatever_the_segments_and_pages() {
    // Wire copies: the same story under 40 ids scores the same everywhere; its order must not
    // depend on how the articles fell into segments, and pages must tile the full list.
    let dir = tempfile::tempdir().unwrap();
    let lines: String = (0..40)
        .map(|i| {
            format!(
                "{{\"id\":\"wire-{i:02}\",\"title\":\"英伟达财报\",\"body\":\"英伟达公布季度财报，数据中心收入增长。\"}}\n"
            )
        })
        .collect();
    let f = write(dir.path(), "wire.jsonl", lines.as_bytes());
    let f = f.to_str().unwrap();
    let (one, many) = (dir.path().join("one"), dir.path().join("many"));
    index(&one, &[f]);
    succeeded(
        newslens()
            .args(["index", "--commit-every", "7", "--index"])
            .arg(&many)
            .arg(f),
    );
    let ids = |r: &SearchOut| r.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>();
    let full = search(&one, "财报", &["--limit", "40"]);
    assert_eq!(full.total, 40);
    assert!(full.hits.windows(2).all(|w| w[0].score == w[1].score));
    assert_eq!(ids(&full), ids(&search(&many, "财报", &["--limit", "40"])));
    let mut paged = Vec::new();
    for offset in (0..40).step_by(6) {
        let o = offset.to_string();
        paged.extend(ids(&search(
            &many,
            "财报",
            &["--limit", "6", "--offset", &o],
        )));
    }
    assert_eq!(paged, ids(&full));
    let mut sorted = ids(&full);
    sorted.sort();
    assert_eq!(sorted.len(), 40);
    sorted.dedup();
    assert_eq!(sorted.len(), 40, "a hit repeated across pages");
}

#[test]
fn bad_queries_and_missing_indexes_are_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    index(dir.path(), &["corpus/en"]);
    for (query, extra, message) in [
        ("\"unbalanced", vec![], "not closed"),
        ("author:x", vec![], "unknown field `author:`"),
        ("entity:Nonexistentco", vec![], "no entity `Nonexistentco`"),
        ("kind:planet", vec![], "unknown kind `planet`"),
        (
            "cloud",
            vec!["--since", "last week"],
            "--since wants a real day",
        ),
        ("-", vec![], "lone `-`"),
        ("OR", vec![], "`OR` needs a word"),
    ] {
        newslens()
            .args(["search", "--index"])
            .arg(dir.path())
            .arg(query)
            .args(extra)
            .assert()
            .code(2)
            .stderr(predicates::str::contains(message));
    }
    newslens()
        .args(["search", "--index"])
        .arg(dir.path().join("nowhere"))
        .arg("cloud")
        .assert()
        .code(2)
        .stderr(predicates::str::contains("newslens index --index"));
}

#[test]
fn a_bad_record_is_skipped_and_the_rest_indexed() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "news.jsonl",
        b"{\"id\":\"1\",\"body\":\"Cloud demand rose.\"}\n{\"id\":\"2\", \"body\": \n{\"id\":\"3\",\"body\":\"Chips shipped.\"}\n",
    );
    let ix = dir.path().join("ix");
    let out = newslens()
        .args(["index", "--index"])
        .arg(&ix)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("news.jsonl:2"), "{err}");
    assert!(
        err.contains("2 added, 0 updated, 0 unchanged, 1 failed"),
        "{err}"
    );
    assert_eq!(search(&ix, "chips OR cloud", &[]).total, 2);
}

#[test]
fn first_search_builds_the_default_index_from_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy("corpus/zh/gpu-supply.md", corpus.join("gpu-supply.md")).unwrap();
    let run = || {
        let mut cmd = newslens();
        cmd.current_dir(dir.path())
            .env_remove("NEWSLENS_INDEX")
            .args(["search", "英伟达"]);
        cmd
    };
    run()
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "building .newslens/index from the bundled corpus/",
        ))
        .stdout(predicates::str::contains("H20订单遇冷"));
    assert!(dir.path().join(".newslens/index/meta.json").exists());
    // The second search uses it and says nothing on stderr.
    run().assert().success().stderr("");
}

#[test]
fn a_second_writer_fails_at_once_and_searches_go_on() {
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    index(dir.path(), &["corpus/en"]);
    let before = search(dir.path(), "NVIDIA", &[]).total;
    assert!(before > 0);
    // This test process holds the writer lock, as a running `newslens index` would.
    let analyzer = Arc::new(newslens::analyze::Analyzer::with_defaults().unwrap());
    let held = newslens::index::NewsIndex::open_or_create(dir.path(), analyzer).unwrap();
    let writer = held.writer().unwrap();
    let refused = |extra: &[&str]| {
        newslens()
            .arg("index")
            .args(extra)
            .arg("--index")
            .arg(dir.path())
            .arg("corpus/zh")
            .assert()
            .code(2)
            .stderr(predicates::str::contains(
                "index is locked by another newslens process",
            ));
    };
    let started = std::time::Instant::now();
    refused(&[]);
    // It fails at once rather than waiting for the lock (generous bound for a slow machine).
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    // A rebuild does not delete an index another process is writing to.
    refused(&["--rebuild"]);
    // Searching still works and sees the last commit.
    assert_eq!(search(dir.path(), "NVIDIA", &[]).total, before);
    drop(writer);
    // Once the lock is released, indexing goes on.
    index(dir.path(), &["corpus/zh"]);
    assert!(search(dir.path(), "英伟达", &[]).total > before);
}

#[test]
fn a_damaged_index_is_a_clear_error_that_suggests_rebuild() {
    use predicates::prelude::*;
    let dir = tempfile::tempdir().unwrap();
    index(dir.path(), &["corpus/en"]);
    let segment = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "idx"))
        .expect("a segment file");
    let name = segment.file_name().unwrap().to_str().unwrap().to_string();
    for damage in ["truncate", "delete"] {
        if damage == "truncate" {
            std::fs::write(&segment, b"not a segment").unwrap();
        } else {
            std::fs::remove_file(&segment).unwrap();
        }
        newslens()
            .args(["search", "--index"])
            .arg(dir.path())
            .arg("NVIDIA")
            .assert()
            .code(2)
            .stderr(
                predicates::str::contains(name.as_str())
                    .and(predicates::str::contains("newslens index --rebuild")),
            );
    }
    // The suggested command repairs it.
    newslens()
        .args(["index", "--rebuild", "--index"])
        .arg(dir.path())
        .arg("corpus/en")
        .assert()
        .success();
    assert!(search(dir.path(), "NVIDIA", &[]).total > 0);
}

#[test]
fn hostile_ids_and_titles_stay_inside_the_index() {
    let root = tempfile::tempdir().unwrap();
    let idx = root.path().join("idx");
    let jsonl = root.path().join("in.jsonl");
    let records = [
        r#"{"id":"../../escape","title":"Dots","body":"阿里云发布了新的大模型服务。"}"#,
        r#"{"id":"/tmp/absolute-newslens-id","title":"Absolute","body":"英伟达的H20芯片需求回升。"}"#,
        "{\"id\":\"ctl\\u001b[2Jid\",\"title\":\"T\\u001b]0;pwned\\u0007\",\"body\":\"NVIDIA shipped more H100 chips to cloud providers.\"}",
    ];
    std::fs::write(&jsonl, records.join("\n") + "\n").unwrap();
    let before: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    index(&idx, &[jsonl.to_str().unwrap()]);
    // Only the index directory appeared next to the input, and no id became a path anywhere.
    let mut after: Vec<_> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    after.retain(|n| !before.contains(n));
    assert_eq!(after, vec![std::ffi::OsString::from("idx")]);
    assert!(!Path::new("/tmp/absolute-newslens-id").exists());
    for e in std::fs::read_dir(&idx).unwrap() {
        let name = e.unwrap().file_name().into_string().unwrap();
        assert!(
            !name.contains("escape") && !name.contains("absolute"),
            "{name}"
        );
    }
    // The ids are kept exactly in JSON and shown harmlessly in text.
    let r = search(&idx, "NVIDIA", &[]);
    assert_eq!(r.hits[0].id, "ctl\x1b[2Jid");
    let text = newslens()
        .args(["search", "--index"])
        .arg(&idx)
        .arg("NVIDIA")
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        !text.contains('\x1b') && text.contains("T\\x1b]0;pwned\\x07"),
        "{text}"
    );
    assert_eq!(search(&idx, "阿里云", &[]).hits[0].id, "../../escape");
}

/// A broken user dictionary or a bad index location stops `index` before it touches the
/// index: what was indexed stays, unchanged and searchable.
#[test]
fn a_broken_dictionary_leaves_the_index_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    index(&ix, &["corpus/en"]);
    let before = search(&ix, "cloud", &["-n", "100"]);
    assert!(before.total > 0);
    let dict = dir.path().join("dict");
    write(
        &dict,
        "bad.txt",
        b"vendor | Foo | Foo\nvendor | Bar | Foo\n",
    );
    newslens()
        .args(["index", "--index"])
        .arg(&ix)
        .arg("--dict")
        .arg(&dict)
        .arg("corpus/zh")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "bad.txt:2: alias `Foo` of `Bar` is already owned by `Foo`",
        ));
    let after = search(&ix, "cloud", &["-n", "100"]);
    assert_eq!(before.total, after.total);
    assert_eq!(paths(&before), paths(&after));
    let zh = search(&ix, "阿里云", &["-n", "100"]);
    assert!(
        paths(&zh).iter().all(|p| p.starts_with("corpus/en/")),
        "corpus/zh was not indexed: {:?}",
        paths(&zh)
    );
    // A file where the index directory should be.
    let file = write(dir.path(), "notes.txt", b"x");
    newslens()
        .args(["index", "--index"])
        .arg(&file)
        .arg("corpus/en")
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "this is a file; the index location must be a directory",
        ));
    assert_eq!(std::fs::read(&file).unwrap(), b"x");
}

/// SIGKILL part-way through a run: the index opens and holds exactly the articles of the last
/// commit (the first whole batches of the input, none half-written), and running the same
/// command again completes it without duplicates.
#[test]
fn a_killed_index_run_keeps_its_last_commit_and_a_rerun_completes_it() {
    const N: usize = 6_000;
    const EVERY: usize = 250;
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = String::new();
    for i in 0..N {
        let body = if i % 2 == 0 {
            format!(
                "Report {i}: zebrafish analysts say cloud demand for NVIDIA chips rose {i} units."
            )
        } else {
            format!("第{i}号报道：zebrafish 阿里云表示，算力需求增长了{i}台。")
        };
        jsonl.push_str(&serde_json::json!({ "id": format!("k{i:05}"), "body": body }).to_string());
        jsonl.push('\n');
    }
    let file = write(dir.path(), "big.jsonl", jsonl.as_bytes());
    let ix = dir.path().join("ix");
    let args = |cmd: &mut std::process::Command| {
        cmd.current_dir(crate::util::root())
            .arg("index")
            .arg("--index")
            .arg(&ix)
            .args(["--commit-every", &EVERY.to_string()])
            .arg(&file);
    };
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("newslens"));
    args(&mut cmd);
    let mut child = cmd.stderr(std::process::Stdio::null()).spawn().unwrap();
    // Kill it once a few commits have landed.
    let committed = |ix: &Path| -> usize {
        let Ok(meta) = std::fs::read_to_string(ix.join("meta.json")) else {
            return 0;
        };
        let meta: serde_json::Value = serde_json::from_str(&meta).unwrap_or_default();
        meta["segments"].as_array().map_or(0, |s| {
            s.iter()
                .map(|s| s["max_doc"].as_u64().unwrap_or(0) as usize)
                .sum()
        })
    };
    let started = std::time::Instant::now();
    while committed(&ix) < 4 * EVERY {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the run finished before it could be killed; make the input larger"
        );
        assert!(started.elapsed().as_secs() < 300, "no commit after 300 s");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let ids = |ix: &Path| -> Vec<String> {
        let r = search(ix, "zebrafish", &["-n", &N.to_string()]);
        assert_eq!(r.total, r.hits.len());
        let mut ids: Vec<String> = r.hits.into_iter().map(|h| h.id).collect();
        ids.sort();
        ids
    };
    let kept = ids(&ix);
    assert!(
        !kept.is_empty() && kept.len() < N,
        "killed part-way: {} of {N} articles",
        kept.len()
    );
    eprintln!("killed with {} of {N} articles committed", kept.len());
    assert_eq!(kept.len() % EVERY, 0, "whole batches only: {}", kept.len());
    let prefix: Vec<String> = (0..kept.len()).map(|i| format!("k{i:05}")).collect();
    assert_eq!(kept, prefix, "the first articles of the input, in order");
    // The same command again completes the index: nothing twice, nothing missing.
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("newslens"));
    args(&mut cmd);
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{} added, 0 updated, {} unchanged, 0 failed",
            N - kept.len(),
            kept.len()
        )),
        "{stderr}"
    );
    let all = ids(&ix);
    let expected: Vec<String> = (0..N).map(|i| format!("k{i:05}")).collect();
    assert_eq!(all, expected);
}

/// The story's writers are tagged by `entities` but are no entities of the index: an editor of
/// every story would top each trend's and digest's co-mentions.
#[test]
fn bylines_are_no_entities_of_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let body = "中新社北京3月30日电(记者叶婧、潘林青)华为轮值董事长徐直军30日表示，\
                将继续加大研发投入。(完) 【编辑:苑菁菁】";
    let input = write(
        dir.path(),
        "a.jsonl",
        format!(
            "{}\n",
            serde_json::json!({"id": "a1", "title": "华为加大投入", "body": body})
        )
        .as_bytes(),
    );
    let tagged = crate::util::stdout_ok(["entities", input.to_str().unwrap()]);
    assert!(
        tagged.contains("叶婧") && tagged.contains("苑菁菁"),
        "{tagged}"
    );
    let ix = dir.path().join("ix");
    index(&ix, &[input.to_str().unwrap()]);
    assert_eq!(search(&ix, "entity:徐直军", &[]).total, 1);
    let faceted = search(&ix, "华为", &["--facets", "10"]);
    let facets: Vec<&str> = faceted.facets.iter().map(|f| f.entity.as_str()).collect();
    assert!(facets.contains(&"徐直军"), "{facets:?}");
    for writer in ["叶婧", "潘林青", "苑菁菁"] {
        assert!(!facets.contains(&writer), "{writer} in {facets:?}");
    }
}

//! `newslens digest`: the same wire story under several ids gives each of its sentences once,
//! with every article; spans point into each article; timeline order; budgets; errors.

use std::path::Path;

use serde::Deserialize;

use crate::util::{index, newslens, shared, write};

#[derive(Debug, Deserialize)]
struct DigestOut {
    version: u32,
    query: String,
    matched: usize,
    considered: usize,
    order: String,
    sentences: Vec<Item>,
    quotes: Vec<Item>,
}

#[derive(Debug, Deserialize)]
struct Item {
    text: String,
    #[serde(default)]
    speaker: Option<String>,
    score: f64,
    articles: Vec<Carrier>,
}

#[derive(Debug, Deserialize)]
struct Carrier {
    id: String,
    date: String,
    source: String,
    start: usize,
    end: usize,
}

fn digest(ix: &Path, query: &str, extra: &[&str]) -> DigestOut {
    let out = newslens()
        .args(["digest", "--format", "json", "--index"])
        .arg(ix)
        .arg(query)
        .args(extra)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{query}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// One JSONL line.
fn record(id: &str, title: &str, date: &str, source: &str, body: &str) -> String {
    serde_json::json!({"id": id, "title": title, "date": date, "source": source, "body": body})
        .to_string()
        + "\n"
}

/// Checks that a wire story reprinted under `ids` (bodies `bodies`) gives each digest sentence
/// from it once, carried by all of them, each span slicing that copy's text.
fn reprints_merge(ix: &Path, query: &str, ids: &[&str], bodies: &[&str]) -> DigestOut {
    let d = digest(ix, query, &["--sentences", "6", "--quotes", "3"]);
    assert_eq!(d.version, 1);
    let from_story: Vec<&Item> = d
        .sentences
        .iter()
        .chain(&d.quotes)
        .filter(|s| s.articles.iter().any(|a| ids.contains(&a.id.as_str())))
        .collect();
    assert!(from_story.len() >= 3, "{d:?}");
    for item in from_story {
        let mut carried: Vec<&str> = item.articles.iter().map(|a| a.id.as_str()).collect();
        carried.sort_unstable();
        assert_eq!(carried, ids, "{}", item.text);
        // Each copy keeps its own outlet.
        let mut sources: Vec<&str> = item.articles.iter().map(|a| a.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        assert_eq!(sources.len(), ids.len(), "{}", item.text);
        for a in &item.articles {
            let body = bodies[ids.iter().position(|&i| i == a.id).unwrap()];
            let slice = &body[a.start..a.end];
            // The same words (a reprint may punctuate differently).
            let words = |s: &str| {
                s.chars()
                    .filter(|c| c.is_alphanumeric())
                    .collect::<String>()
            };
            assert_eq!(words(slice), words(&item.text), "{} in {}", item.text, a.id);
        }
    }
    let texts: Vec<&str> = d.sentences.iter().map(|s| s.text.as_str()).collect();
    let mut unique = texts.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), texts.len(), "no sentence twice: {texts:?}");
    d
}

#[test]
fn a_wire_story_under_three_ids_is_given_once_with_all_three() {
    let dir = tempfile::tempdir().unwrap();
    let story = std::fs::read_to_string("corpus/zh/gpu-supply.md").unwrap();
    let body = story
        .split("---")
        .nth(2)
        .unwrap()
        .trim()
        .replace("# H20订单遇冷，国产GPU加速补位\n\n", "");
    // Three outlets: one verbatim, one with an editor's line added, one with its first
    // paragraph's punctuation changed.
    let edited = format!("{body}\n（责任编辑：周立）");
    let repunct = body.replacen('，', ",", 3);
    let bodies = [body.as_str(), edited.as_str(), repunct.as_str()];
    let mut jsonl = String::new();
    for (k, (id, source)) in [("w1", "星图财经"), ("w2", "南方晨报"), ("w3", "北岸日报")]
        .into_iter()
        .enumerate()
    {
        jsonl += &record(
            id,
            "H20订单遇冷，国产GPU加速补位",
            "2024-03-18",
            source,
            bodies[k],
        );
    }
    let other = std::fs::read_to_string("corpus/zh/a-domestic-ai-chips.md").unwrap();
    let other_body = other.split("---").nth(2).unwrap().trim().to_string();
    jsonl += &record("x1", "国产芯片", "2024-02-01", "远山科技组", &other_body);
    let file = write(dir.path(), "wire.jsonl", jsonl.as_bytes());
    let ix = dir.path().join("ix");
    index(&ix, &[file.to_str().unwrap()]);
    let d = reprints_merge(&ix, "英伟达", &["w1", "w2", "w3"], &bodies);
    assert!(d.matched >= 3, "{}", d.matched);
    assert_eq!(d.order, "date");
    // A timeline: the February article's items come before the March story's.
    let dates: Vec<&str> = d
        .sentences
        .iter()
        .map(|s| s.articles[0].date.as_str())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    // The story's quotation keeps its speaker.
    assert!(
        d.quotes
            .iter()
            .any(|q| q.articles.len() == 3 && q.speaker.as_deref().is_some_and(|s| !s.is_empty()))
    );
    // Most important first: items carried by three articles lead.
    let by_score = digest(&ix, "英伟达", &["--order", "score"]);
    assert_eq!(by_score.sentences[0].articles.len(), 3);
    assert!(
        by_score
            .sentences
            .windows(2)
            .all(|w| w[0].score >= w[1].score)
    );
    assert_eq!(by_score.query, "英伟达");
}

#[test]
fn a_real_wire_story_reprinted_is_given_once() {
    let Some(news) = shared("data/chinanews_2449.jsonl") else {
        return;
    };
    // A real article (chinanews, research data: not committed) under three ids, among others.
    let text = std::fs::read_to_string(news).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .take(60)
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let story = rows
        .iter()
        .find(|r| {
            r["body"]
                .as_str()
                .is_some_and(|b| b.contains("疫情") && b.contains('“') && b.len() > 1500)
        })
        .unwrap();
    let body = story["body"].as_str().unwrap();
    let title = story["title"].as_str().unwrap();
    let mut jsonl = String::new();
    for (id, source) in [("r1", "中新网"), ("r2", "晚报"), ("r3", "客户端")] {
        jsonl += &record(id, title, "2020-03-30", source, body);
    }
    for r in rows.iter().filter(|r| !std::ptr::eq(*r, story)).take(20) {
        jsonl += &record(
            &format!("c{}", r["id"]),
            r["title"].as_str().unwrap_or(""),
            r["datetime"].as_str().unwrap_or(""),
            "中新网",
            r["body"].as_str().unwrap_or(""),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "news.jsonl", jsonl.as_bytes());
    let ix = dir.path().join("ix");
    index(&ix, &[file.to_str().unwrap()]);
    let d = reprints_merge(&ix, "疫情", &["r1", "r2", "r3"], &[body, body, body]);
    assert!(d.considered >= 10, "{}", d.considered);
}

#[test]
fn budgets_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    index(&ix, &["corpus"]);
    let d = digest(
        &ix,
        "entity:NVIDIA",
        &[
            "-n",
            "5",
            "--sentences",
            "4",
            "--max-chars",
            "300",
            "--quotes",
            "2",
        ],
    );
    assert!(d.considered <= 5 && d.matched >= d.considered);
    assert!(d.sentences.len() <= 4 && d.quotes.len() <= 2);
    assert!(
        d.sentences
            .iter()
            .map(|s| s.text.chars().count())
            .sum::<usize>()
            <= 300
    );
    // Every carrier is an article with an id and a non-empty span.
    assert!(
        d.sentences
            .iter()
            .flat_map(|s| &s.articles)
            .all(|a| a.end > a.start && !a.id.is_empty())
    );
    // By importance, the sentences that name the entity lead (a lead's scene-setting weighs
    // half).
    let by_score = digest(
        &ix,
        "entity:NVIDIA",
        &["--order", "score", "--sentences", "3"],
    );
    for s in &by_score.sentences {
        let t = s.text.to_lowercase();
        assert!(
            t.contains("nvidia") || t.contains("英伟达") || t.contains("輝達"),
            "{}",
            s.text
        );
    }
    let text = String::from_utf8(
        newslens()
            .args(["digest", "--index"])
            .arg(&ix)
            .arg("entity:NVIDIA")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        text.starts_with("Digest of `entity:NVIDIA`: the best"),
        "{text}"
    );
    assert!(text.contains("Key sentences") && text.contains("Key quotes"));
    for (query, code, says) in [
        ("entity:Nonesuch", 2, "no entity `Nonesuch`"),
        ("香蕉大王", 1, "no article matches `香蕉大王`"),
    ] {
        let out = newslens()
            .args(["digest", "--index"])
            .arg(&ix)
            .arg(query)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "{query}");
        let all = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(all.contains(says), "{query}: {all}");
    }
}

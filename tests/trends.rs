//! `newslens trends`: counts by period that agree with `search`, undated articles apart, CSV,
//! charts, and the message an index of an older newslens gets.

use std::path::Path;

use serde::Deserialize;

use crate::util::{index, newslens, search_as, shared, write};

#[derive(Debug, Deserialize)]
struct TrendsOut {
    version: u32,
    by: String,
    periods: Vec<PeriodOut>,
    series: Vec<SeriesOut>,
}

#[derive(Debug, Deserialize)]
struct PeriodOut {
    label: String,
    start: String,
    end: String,
}

#[derive(Debug, Deserialize)]
struct SeriesOut {
    query: String,
    total: u64,
    undated: u64,
    counts: Vec<u64>,
    with: Vec<FacetOut>,
}

#[derive(Debug, Deserialize)]
struct FacetOut {
    entity: String,
    count: u64,
}

#[derive(Debug, Deserialize)]
struct Total {
    total: u64,
}

fn trends(ix: &Path, args: &[&str]) -> TrendsOut {
    let out = newslens()
        .args(["trends", "--format", "json", "--index"])
        .arg(ix)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn total(ix: &Path, query: &str, extra: &[&str]) -> u64 {
    search_as::<Total>(ix, query, extra).total
}

/// Every period's count of every series equals what `search` finds between the period's first
/// and last day; the undated articles are the matches no period holds.
fn agrees_with_search(ix: &Path, t: &TrendsOut) {
    for s in &t.series {
        assert_eq!(s.counts.len(), t.periods.len());
        for (p, &n) in t.periods.iter().zip(&s.counts) {
            let found = total(ix, &s.query, &["--since", &p.start, "--until", &p.end]);
            assert_eq!(n, found, "{} in {}", s.query, p.label);
        }
        let all = total(ix, &s.query, &[]);
        assert_eq!(s.total, all, "{}", s.query);
        assert_eq!(s.counts.iter().sum::<u64>() + s.undated, all, "{}", s.query);
    }
}

/// As [`agrees_with_search`], for trends asked from `since` on (no undated articles).
fn agrees_with_search_in_range(ix: &Path, t: &TrendsOut, since: &str) {
    for s in &t.series {
        assert_eq!(s.undated, 0, "a date range leaves undated articles out");
        for (p, &n) in t.periods.iter().zip(&s.counts) {
            let start = p.start.as_str().max(since);
            let found = total(ix, &s.query, &["--since", start, "--until", &p.end]);
            assert_eq!(n, found, "{} in {}", s.query, p.label);
        }
        assert_eq!(s.counts.iter().sum::<u64>(), s.total);
    }
}

#[test]
fn counts_by_month_and_week_equal_search_totals_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    index(&ix, &["corpus"]);
    let t = trends(&ix, &["entity:英伟达", "entity:Alibaba Cloud", "大模型"]);
    assert_eq!((t.version, t.by.as_str()), (1, "month"));
    assert!(t.periods.len() >= 12, "{:?}", t.periods);
    // One run of months with no gap, each from its first to its last day.
    for pair in t.periods.windows(2) {
        assert!(pair[0].end < pair[1].start, "{pair:?}");
    }
    assert_eq!(t.periods[1].start.get(8..), Some("01"));
    let nvidia = &t.series[0];
    assert!(nvidia.counts.iter().filter(|&&n| n > 0).count() >= 4);
    assert!(
        nvidia.undated > 0,
        "the corpus has undated articles naming NVIDIA"
    );
    // The entity itself is not among its co-occurring entities, under any alias.
    assert!(!nvidia.with.is_empty() && nvidia.with.iter().all(|f| f.entity != "NVIDIA"));
    assert!(nvidia.with.windows(2).all(|w| w[0].count >= w[1].count));
    agrees_with_search(&ix, &t);

    let weeks = trends(
        &ix,
        &["entity:NVIDIA", "--by", "week", "--since", "2024-02-01"],
    );
    assert_eq!(weeks.periods[0].label, "2024-W05");
    assert_eq!(
        weeks.periods[0].start, "2024-01-29",
        "weeks start on Mondays"
    );
    agrees_with_search_in_range(&ix, &weeks, "2024-02-01");
}

#[test]
fn counts_equal_search_totals_on_real_news() {
    let (Some(chinanews), Some(reuters)) = (
        shared("data/chinanews_2449.jsonl"),
        shared("data/reuters21578.jsonl"),
    ) else {
        return;
    };
    // Real articles with their own dates (`2020-3-30 14:17:00`, `26-FEB-1987 15:01:01.79`),
    // a spread sample of each, as two feeds in one index.
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    for (path, name, step) in [
        (chinanews, "chinanews.jsonl", 6),
        (reuters, "reuters.jsonl", 60),
    ] {
        let text = std::fs::read_to_string(path).unwrap();
        let part: String = text
            .lines()
            .step_by(step)
            .map(|l| format!("{l}\n"))
            .collect();
        let jsonl = write(dir.path(), name, part.as_bytes());
        let field = if name == "chinanews.jsonl" {
            "date=datetime"
        } else {
            "date=date"
        };
        index(&ix, &["--field", field, jsonl.to_str().unwrap()]);
    }
    // Each year of news apart (checking every empty month between them would take long).
    let wire = trends(
        &ix,
        &["oil", "entity:IBM", "kind:vendor", "--until", "1987-12-31"],
    );
    assert!(wire.series.iter().all(|s| s.total > 0), "{:?}", wire.series);
    assert!(wire.periods.len() >= 6 && wire.periods[0].label.starts_with("1987-"));
    agrees_with_search_in_range(&ix, &wire, "1000-01-01");
    let days = trends(
        &ix,
        &[
            "entity:华为",
            "疫情",
            "--by",
            "day",
            "--since",
            "2020-03-30",
        ],
    );
    assert_eq!(days.periods.len(), 6, "chinanews spans six days");
    assert!(days.series.iter().all(|s| s.total > 0), "{:?}", days.series);
    agrees_with_search_in_range(&ix, &days, "2020-03-30");
    // Undated articles, all periods: only the totals (the months of 1988–2019 are empty).
    let all = trends(&ix, &["疫情", "oil"]);
    for s in &all.series {
        assert_eq!(s.total, total(&ix, &s.query, &[]));
        assert_eq!(s.counts.iter().sum::<u64>() + s.undated, s.total);
    }
    let weeks = trends(&ix, &["oil", "--by", "week", "--until", "1987-12-31"]);
    assert!(weeks.series[0].counts.iter().filter(|&&n| n > 0).count() > 5);
}

#[test]
fn csv_and_charts() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    index(&ix, &["corpus"]);
    let out = newslens()
        .args(["trends", "--format", "csv", "--index"])
        .arg(&ix)
        .args(["entity:英伟达", "a, \"b\""])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(r#"period,start,end,entity:英伟达,"a, ""b""""#)
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("2024-01,2024-01-01,2024-01-31,")
    );
    assert!(csv.lines().last().unwrap().starts_with("undated,,,"));

    let svg = dir.path().join("t.svg");
    let out = newslens()
        .args(["trends", "--index"])
        .arg(&ix)
        .args(["entity:英伟达", "entity:阿里云", "--plot"])
        .arg(&svg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let chart = std::fs::read_to_string(&svg).unwrap();
    assert!(chart.contains("entity:英伟达") && chart.contains("2024-03"));
    // A PNG draws its Chinese labels with a system font, or says which font is missing.
    let png = dir.path().join("t.png");
    let out = newslens()
        .args(["trends", "--index"])
        .arg(&ix)
        .args(["entity:英伟达", "--plot"])
        .arg(&png)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    if out.status.success() {
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 5_000);
    } else {
        assert!(
            err.contains("no font on this machine draws 英伟达"),
            "{err}"
        );
    }
    let out = newslens()
        .args(["trends", "--index"])
        .arg(&ix)
        .args(["entity:英伟达", "--plot", "t.pdf"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("t.pdf: a chart is written as .svg or .png")
    );
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("ix");
    index(&ix, &["corpus/en/chip-export.md"]);
    for (args, says) in [
        (&["entity:Nonesuch"][..], "no entity `Nonesuch`"),
        (
            &["英伟达", "--since", "2024-02-30"][..],
            "--since wants a real day",
        ),
    ] {
        let out = newslens()
            .args(["trends", "--index"])
            .arg(&ix)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{args:?}"
        );
    }
    let out = newslens()
        .args(["trends", "--index"])
        .arg(&ix)
        .arg("lang:zh")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "nothing matches");
    assert!(String::from_utf8_lossy(&out.stdout).contains("no dated article matches"));
}

/// An index as newslens wrote it with schema 2 (dates as text and day numbers only).
fn schema_2_index(dir: &Path, feed: &str) {
    use tantivy::schema::{FAST, INDEXED, STORED, STRING, Schema, TEXT};
    let mut b = Schema::builder();
    let mut fields = std::collections::BTreeMap::new();
    for name in ["key", "lang", "feed", "script", "entity"] {
        fields.insert(name, b.add_text_field(name, STRING | STORED));
    }
    for name in [
        "id", "path", "url", "date", "source", "author", "keywords", "hash", "file", "text",
    ] {
        fields.insert(name, b.add_text_field(name, STORED));
    }
    fields.insert("title", b.add_text_field("title", TEXT | STORED));
    b.add_text_field("body", TEXT);
    for name in ["source_key", "kind"] {
        b.add_text_field(name, STRING);
    }
    b.add_i64_field("day", INDEXED | FAST);
    b.add_u64_field("line", STORED);
    b.add_u64_field("id_key", FAST);
    std::fs::create_dir_all(dir).unwrap();
    let index = tantivy::Index::create_in_dir(dir, b.build()).unwrap();
    let mut writer: tantivy::IndexWriter = index.writer(15_000_000).unwrap();
    let mut doc = tantivy::TantivyDocument::default();
    for (name, value) in [
        ("key", "a.txt"),
        ("id", "a.txt"),
        ("title", "old article"),
        ("text", "An article indexed by an older newslens."),
        ("lang", "en"),
        ("feed", feed),
    ] {
        doc.add_text(fields[name], value);
    }
    writer.add_document(doc).unwrap();
    writer.commit().unwrap();
}

#[test]
fn an_old_default_index_is_rebuilt_only_when_it_holds_the_bundled_corpus_alone() {
    for (feed, rebuilt) in [("corpus", true), ("my-news.jsonl", false)] {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::copy("corpus/zh/gpu-supply.md", corpus.join("gpu-supply.md")).unwrap();
        schema_2_index(&dir.path().join(".newslens/index"), feed);
        let out = newslens()
            .current_dir(dir.path())
            .env_remove("NEWSLENS_INDEX")
            .args(["search", "--format", "json", "lang:en"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        let found: Total = serde_json::from_slice(&out.stdout).unwrap();
        if rebuilt {
            assert!(
                err.contains("built by an older newslens; building it again"),
                "{err}"
            );
            assert_eq!(
                found.total, 0,
                "the bundled corpus has no English article here"
            );
        } else {
            assert_eq!(err, "", "a user's feed is left alone");
            assert_eq!(found.total, 1, "the user's article is still there");
        }
    }
}

#[test]
fn an_index_of_schema_2_is_searched_but_trends_ask_for_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let ix = dir.path().join("old");
    schema_2_index(&ix, "a.txt");
    assert_eq!(total(&ix, "lang:en", &[]), 1);
    let out = newslens()
        .args(["trends", "--index"])
        .arg(&ix)
        .arg("lang:en")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("built by an older newslens (schema 2)")
            && err.contains(&format!(
                "newslens index --rebuild --index {}",
                ix.display()
            )),
        "{err}"
    );
    let out = newslens()
        .args(["index", "--index"])
        .arg(&ix)
        .arg("corpus/en/chip-export.md")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("(schema 2"));
    assert_eq!(total(&ix, "lang:en", &[]), 1, "nothing written");
}

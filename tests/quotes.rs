//! Quotation extraction against the hand annotations in `corpus/annotations/quotes.json`:
//! precision, recall and speaker accuracy over every annotated article, in both languages.

use serde::Deserialize;

use crate::util::{json_lines, root};

#[derive(Debug, Deserialize)]
struct Gold {
    articles: Vec<GoldArticle>,
}

#[derive(Debug, Deserialize)]
struct GoldArticle {
    file: String,
    quotes: Vec<GoldQuote>,
    not_quotes: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct GoldQuote {
    text: String,
    speaker: String,
}

#[derive(Debug, Deserialize)]
struct QuotesOut {
    quotes: Vec<QuoteOut>,
}

#[derive(Debug, Deserialize)]
struct QuoteOut {
    kind: String,
    text: String,
    speaker: String,
    start: usize,
    end: usize,
}

/// Same speaker: equal, or one names the other more fully (`Marsh` / `Elena Marsh`).
fn same_speaker(found: &str, gold: &str) -> bool {
    let norm = |s: &str| {
        s.trim()
            .trim_start_matches("Mr. ")
            .trim_start_matches("Ms. ")
            .to_lowercase()
    };
    let (f, g) = (norm(found), norm(gold));
    !f.is_empty() && (f == g || f.ends_with(&g) || g.ends_with(&f))
}

#[test]
fn quotes_match_the_annotated_corpus() {
    let gold: Gold = serde_json::from_str(
        &std::fs::read_to_string(root().join("corpus/annotations/quotes.json")).unwrap(),
    )
    .unwrap();
    let (mut found, mut expected, mut matched, mut speakers, mut terms) = (0, 0, 0, 0, 0);
    let mut report = String::new();
    for a in &gold.articles {
        let path = format!("corpus/{}", a.file);
        // Offsets index the decoded body (front matter removed), as `analyze` reports it.
        let analyzed: Vec<serde_json::Value> = json_lines(&["analyze", &path]);
        let text = analyzed[0]["text"].as_str().unwrap().to_string();
        let out: Vec<QuotesOut> = json_lines(&["quotes", &path]);
        let quotes = &out[0].quotes;
        found += quotes.len();
        expected += a.quotes.len();
        for q in quotes {
            assert_eq!(q.kind, "direct");
            assert_eq!(&text[q.start..q.end], q.text, "{path}: offsets");
            if a.not_quotes.contains(&q.text) {
                terms += 1;
            }
        }
        for g in &a.quotes {
            match quotes.iter().find(|q| q.text.trim() == g.text.trim()) {
                Some(q) => {
                    matched += 1;
                    if same_speaker(&q.speaker, &g.speaker) {
                        speakers += 1;
                    } else {
                        report += &format!(
                            "{path}: speaker `{}`, expected `{}` for {}\n",
                            q.speaker, g.speaker, g.text
                        );
                    }
                }
                None => report += &format!("{path}: missed {}\n", g.text),
            }
        }
        for q in quotes {
            if !a.quotes.iter().any(|g| g.text.trim() == q.text.trim()) {
                report += &format!("{path}: not a gold quotation: {}\n", q.text);
            }
        }
    }
    let precision = matched as f64 / found as f64;
    let recall = matched as f64 / expected as f64;
    let speaker_accuracy = speakers as f64 / matched as f64;
    eprintln!(
        "quotes: {expected} annotated, {found} found, {matched} matched: precision {precision:.3} recall {recall:.3} speaker accuracy {speaker_accuracy:.3}\n{report}"
    );
    assert_eq!(terms, 0, "quoted terms reported as quotations\n{report}");
    // The corpus the project wrote stays perfect: every rule change is checked against it.
    assert!(precision == 1.0, "precision {precision:.3}\n{report}");
    assert!(recall == 1.0, "recall {recall:.3}\n{report}");
    assert!(
        speaker_accuracy == 1.0,
        "speaker accuracy {speaker_accuracy:.3}\n{report}"
    );
}

#[derive(Debug, Deserialize)]
struct GoldReports {
    articles: Vec<GoldReportArticle>,
}

#[derive(Debug, Deserialize)]
struct GoldReportArticle {
    file: String,
    #[serde(default)]
    indirect: Vec<GoldReport>,
}

#[derive(Debug, Deserialize)]
struct GoldReport {
    speaker: String,
    contains: String,
}

#[derive(Debug, Deserialize)]
struct ReportsOut {
    quotes: Vec<QuoteOut>,
    indirect: Vec<QuoteOut>,
}

#[test]
fn indirect_speech_matches_the_annotations_and_stays_apart() {
    let gold: GoldReports = serde_json::from_str(
        &std::fs::read_to_string(root().join("corpus/annotations/quotes.json")).unwrap(),
    )
    .unwrap();
    let (mut expected, mut found, mut speakers, mut reported) = (0, 0, 0, 0);
    let mut report = String::new();
    for a in &gold.articles {
        let path = format!("corpus/{}", a.file);
        let out: Vec<ReportsOut> = json_lines(&["quotes", "--indirect", &path]);
        let (direct, indirect) = (&out[0].quotes, &out[0].indirect);
        reported += indirect.len();
        for r in indirect {
            assert_eq!(r.kind, "indirect");
            assert!(
                !direct.iter().any(|q| q.start == r.start && q.end == r.end),
                "{path}: indirect speech mixed with a direct quotation: {}",
                r.text
            );
        }
        for g in &a.indirect {
            expected += 1;
            match indirect.iter().find(|r| r.text.contains(&g.contains)) {
                Some(r) => {
                    found += 1;
                    if same_speaker(&r.speaker, &g.speaker) {
                        speakers += 1;
                    } else {
                        report += &format!(
                            "{path}: speaker `{}`, expected `{}`\n",
                            r.speaker, g.speaker
                        );
                    }
                }
                None => report += &format!("{path}: missed {} ({})\n", g.contains, g.speaker),
            }
        }
    }
    let recall = found as f64 / expected as f64;
    let speaker_accuracy = speakers as f64 / found as f64;
    eprintln!(
        "indirect speech: {expected} annotated, {reported} reported, {found} found: recall {recall:.3} speaker accuracy {speaker_accuracy:.3}\n{report}"
    );
    assert!(recall >= 0.7, "recall {recall:.3}\n{report}");
    assert!(
        speaker_accuracy >= 0.8,
        "speaker accuracy {speaker_accuracy:.3}\n{report}"
    );
}

/// One article of `tests/data/quotes-chinanews.jsonl` or `quotes-cnn.jsonl` (see
/// `tests/data/README.md`).
#[derive(Debug, Deserialize)]
struct NewsGold {
    id: String,
    split: String,
    quotes: Vec<NewsGoldQuote>,
    terms: Vec<(usize, usize)>,
}

#[derive(Debug, Deserialize)]
struct NewsGoldQuote {
    start: usize,
    end: usize,
    speaker: String,
}

#[derive(Debug, Deserialize)]
struct IdQuotes {
    id: String,
    quotes: Vec<QuoteOut>,
}

/// Counts over one split of a quotation set.
#[derive(Default)]
struct QuoteScore {
    gold: usize,
    found: usize,
    matched: usize,
    speakers: usize,
    terms: usize,
}

impl QuoteScore {
    fn precision(&self) -> f64 {
        self.matched as f64 / self.found.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.matched as f64 / self.gold.max(1) as f64
    }
    fn speaker_accuracy(&self) -> f64 {
        self.speakers as f64 / self.matched.max(1) as f64
    }
}

/// Scores `newslens quotes` on the annotation set `set` (under `tests/data/`) over the articles
/// of `../shared/<data>` (`None` without it), whose id, title and body are the JSON fields
/// named; prints and returns the figures by split.
fn score_quote_set(
    set: &str,
    data: &str,
    (id_field, title_field, body_field): (&str, &str, &str),
) -> Option<std::collections::BTreeMap<String, QuoteScore>> {
    let news = crate::util::shared(data)?;
    let field = |v: &serde_json::Value, f: &str| match &v[f] {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    let news: std::collections::BTreeMap<String, (String, String)> = std::fs::read_to_string(news)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                field(&v, id_field),
                (field(&v, title_field), field(&v, body_field)),
            )
        })
        .collect();
    let gold: Vec<NewsGold> = std::fs::read_to_string(root().join("tests/data").join(set))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("articles.jsonl");
    let lines: Vec<String> = gold
        .iter()
        .map(|g| {
            let (title, body) = &news[&g.id];
            serde_json::json!({"id": g.id, "title": title, "body": body}).to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out: Vec<IdQuotes> = json_lines(&["quotes", input.to_str().unwrap()]);
    let found: std::collections::BTreeMap<&str, &[QuoteOut]> = out
        .iter()
        .map(|o| (o.id.as_str(), o.quotes.as_slice()))
        .collect();

    let mut scores: std::collections::BTreeMap<String, QuoteScore> = Default::default();
    for g in &gold {
        let body = &news[&g.id].1;
        let text = |s: usize, e: usize| {
            body.get(s..e)
                .unwrap_or_else(|| {
                    panic!(
                        "{set}, article {}: offsets {s}..{e} are not in its body (has ../shared changed?)",
                        g.id
                    )
                })
                .trim()
        };
        let score = scores.entry(g.split.clone()).or_default();
        let quotes = found.get(g.id.as_str()).copied().unwrap_or_default();
        score.gold += g.quotes.len();
        score.found += quotes.len();
        let mut used = vec![false; g.quotes.len()];
        for q in quotes {
            let t = q.text.trim();
            match (0..g.quotes.len())
                .find(|&i| !used[i] && text(g.quotes[i].start, g.quotes[i].end) == t)
            {
                Some(i) => {
                    used[i] = true;
                    score.matched += 1;
                    let want = &g.quotes[i].speaker;
                    if same_speaker(&q.speaker, want) || (q.speaker.is_empty() && want.is_empty()) {
                        score.speakers += 1;
                    }
                }
                None => {
                    score.terms += usize::from(g.terms.iter().any(|&(s, e)| text(s, e) == t));
                }
            }
        }
    }
    for (split, s) in &scores {
        println!(
            "{set} {split}: {} quotations, {} found, {} matched: precision {:.3} recall {:.3} speaker accuracy {:.3}; {} quoted terms taken for quotations",
            s.gold,
            s.found,
            s.matched,
            s.precision(),
            s.recall(),
            s.speaker_accuracy(),
            s.terms
        );
    }
    Some(scores)
}

/// Fails when a split falls below its (precision, recall, speaker accuracy) floors.
fn assert_floors(
    set: &str,
    scores: &std::collections::BTreeMap<String, QuoteScore>,
    floors: &[(&str, f64, f64, f64)],
) {
    for &(split, p, r, sp) in floors {
        let s = &scores[split];
        assert!(
            s.precision() >= p && s.recall() >= r && s.speaker_accuracy() >= sp,
            "{set} {split}: precision {:.3} (floor {p}), recall {:.3} (floor {r}), speaker accuracy {:.3} (floor {sp})",
            s.precision(),
            s.recall(),
            s.speaker_accuracy()
        );
    }
}

/// The chinanews quotation set (real news, annotated for the project; article text read from
/// `../shared`): precision, recall and speaker accuracy on the `dev` split the rules were
/// written against, on the `test` split that was only scored, and on the `heldout` split
/// annotated later by a reader who never saw newslens's output, whose misses were never read. The floors are the figures
/// reached, less about a point, so that a change that loses ground fails here.
#[test]
fn quotes_match_the_chinanews_dev_and_test_sets() {
    let Some(scores) = score_quote_set(
        "quotes-chinanews.jsonl",
        "data/chinanews_2449.jsonl",
        ("id", "title", "body"),
    ) else {
        return;
    };
    assert_floors(
        "chinanews",
        &scores,
        &[
            ("dev", 0.95, 0.92, 0.90),
            ("test", 0.96, 0.94, 0.81),
            ("heldout", 0.90, 0.78, 0.65),
        ],
    );
}

/// The CNN quotation set (CNN/DailyMail validation stories, annotated for the project): an
/// English `dev` split the rules were checked against, a `test` split only scored, and a
/// `heldout` split annotated later blind to the tool, whose misses were never read.
#[test]
fn quotes_match_the_cnn_set() {
    let Some(scores) = score_quote_set(
        "quotes-cnn.jsonl",
        "data/cnndm_dev.jsonl",
        ("id", "title", "article"),
    ) else {
        return;
    };
    assert_floors(
        "cnn",
        &scores,
        &[
            ("dev", 0.94, 0.89, 0.80),
            ("test", 0.96, 0.87, 0.62),
            ("heldout", 0.98, 0.83, 0.72),
        ],
    );
}

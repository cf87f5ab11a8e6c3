//! `newslens summarize`: the JSON contract, document order, length control, determinism and
//! batch mode with a bad record.

use serde::Deserialize;

use crate::util::{json_lines, newslens, stdout_ok, write};

#[derive(Debug, Deserialize)]
struct SummaryOut {
    id: String,
    summary: String,
    sentences: Vec<SentenceOut>,
    quotes: Vec<QuoteOut>,
    keywords: Vec<serde_json::Value>,
    entities: Vec<EntityCount>,
}

#[derive(Debug, Deserialize)]
struct SentenceOut {
    text: String,
    start: usize,
    end: usize,
    score: f64,
}

#[derive(Debug, Deserialize)]
struct QuoteOut {
    text: String,
    speaker: String,
    start: usize,
    end: usize,
}

#[derive(Debug, Deserialize)]
struct EntityCount {
    canonical: String,
    count: usize,
}

#[derive(Debug, Deserialize)]
struct Analyzed {
    text: String,
    blocks: Vec<Block>,
}

#[derive(Debug, Deserialize)]
struct Block {
    kind: String,
    start: usize,
    end: usize,
}

const ARTICLES: &[&str] = &[
    "corpus/zh/cloud-ai-earnings.txt",
    "corpus/zh/gpu-supply.md",
    "corpus/zh/quotes-ai-cloud-forum.txt",
    "corpus/en/cloud-capex.txt",
    "corpus/en/ai-infrastructure-summit.txt",
];

#[test]
fn summaries_are_whole_paragraph_sentences_in_document_order() {
    for path in ARTICLES {
        let s: Vec<SummaryOut> = json_lines(&["summarize", path]);
        let a: Vec<Analyzed> = json_lines(&["analyze", path]);
        let (s, a) = (&s[0], &a[0]);
        assert_eq!(s.sentences.len(), 3, "{path}: default is 3 sentences");
        for w in s.sentences.windows(2) {
            assert!(w[0].end <= w[1].start, "{path}: not in document order");
        }
        for x in &s.sentences {
            assert_eq!(&a.text[x.start..x.end], x.text, "{path}: offsets");
            assert!(x.score.is_finite());
            let block = a
                .blocks
                .iter()
                .find(|b| b.start <= x.start && x.end <= b.end)
                .unwrap_or_else(|| panic!("{path}: sentence outside any block: {}", x.text));
            assert_eq!(
                block.kind, "paragraph",
                "{path}: {} is a {}",
                x.text, block.kind
            );
            assert!(
                !x.text.starts_with(['”', '"', '」']),
                "{path}: dangling quote: {}",
                x.text
            );
        }
        assert!(s.summary.contains(&s.sentences[0].text));
        assert!(
            !s.quotes.is_empty() && s.quotes.len() <= 3,
            "{path}: key quotes"
        );
        for q in &s.quotes {
            assert_eq!(&a.text[q.start..q.end], q.text);
            assert!(
                !q.speaker.is_empty(),
                "{path}: key quote without speaker: {}",
                q.text
            );
        }
        assert!(
            !s.keywords.is_empty() && s.keywords.len() <= 8,
            "{path}: keywords"
        );
        assert!(
            s.entities
                .iter()
                .all(|e| e.count > 0 && !e.canonical.is_empty())
        );
    }
}

#[test]
fn max_chars_is_never_exceeded() {
    for path in ARTICLES {
        for budget in ["30", "80", "200"] {
            let s: Vec<SummaryOut> = json_lines(&["summarize", "--max-chars", budget, path]);
            let chars = s[0].summary.chars().count();
            assert!(
                chars <= budget.parse().unwrap(),
                "{path}: {chars} > {budget}"
            );
        }
        let s: Vec<SummaryOut> = json_lines(&["summarize", "--max-chars", "200", path]);
        assert!(
            !s[0].sentences.is_empty(),
            "{path}: 200 characters hold a sentence"
        );
    }
    let one: Vec<SummaryOut> = json_lines(&["summarize", "-s", "1", ARTICLES[0]]);
    assert_eq!(one[0].sentences.len(), 1);
}

#[test]
fn summaries_are_deterministic() {
    let args = ["summarize", "--format", "json", "corpus/"];
    assert_eq!(stdout_ok(args), stdout_ok(args));
}

#[test]
fn key_quotes_prefer_named_speakers() {
    let s: Vec<SummaryOut> = json_lines(&[
        "summarize",
        "--quotes",
        "1",
        "corpus/zh/cloud-ai-earnings.txt",
    ]);
    let q = &s[0].quotes[0];
    assert!(
        !q.speaker.starts_with('一') && !q.speaker.starts_with('多'),
        "top quote from an anonymous speaker: {q:?}"
    );
}

#[test]
fn batch_mode_skips_a_bad_record_and_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "batch.jsonl",
        concat!(
            r#"{"doc":"a","headline":"芯片","content":"英伟达A800的报价上涨了两成。“H800现在基本拿不到现货。”一位AI芯片供应商告诉记者。国产芯片的份额正在提升。"}"#,
            "\n{\"doc\":\"broken\", \"content\": \n",
            r#"{"doc":"b","content":"Cloud spending rose 30% this year. \"Demand is strong,\" said Jensen Huang. Power is the new constraint."}"#,
            "\n"
        )
        .as_bytes(),
    );
    let out = newslens()
        .args(["summarize", "--jsonl"])
        .arg(&file)
        .args([
            "--id-field",
            "doc",
            "--text-field",
            "content",
            "--title-field",
            "headline",
            "-s",
            "2",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "a failed record makes the exit code 2"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("batch.jsonl:2"), "names the line: {stderr}");
    let lines: Vec<SummaryOut> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&str> = lines.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(lines[0].sentences.len(), 2);
    assert_eq!(lines[0].quotes[0].speaker, "一位AI芯片供应商");
    assert_eq!(lines[1].quotes[0].speaker, "Jensen Huang");
    // A directory where the JSON Lines file is expected.
    newslens()
        .args(["summarize", "--jsonl"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "this is a directory; give a JSON Lines file",
        ));
}

#[test]
fn bad_weights_are_a_clear_error() {
    newslens()
        .args([
            "summarize",
            "--weights",
            "centrallity=1",
            "corpus/en/cloud-capex.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "unknown summary weight `centrallity`",
        ));
}

/// A very long article (2 MB here; `scripts/stress-large.sh` times 5 MB) is summarised like a
/// short one: quotation scoring, centrality and redundancy stay linear in its length (they
/// were quadratic once, and took minutes).
#[test]
fn a_very_long_article_is_summarised() {
    let zh = [
        "阿里云发布了新一代通义千问大模型，参数规模进一步扩大。",
        "“算力需求仍在快速增长。”一位云厂商高管表示。",
        "英伟达A800的报价在过去一个季度上涨了约三成。",
        "分析师认为，国产芯片的份额正在提升。",
    ];
    let en = [
        "Cloud spending rose 30% this year, analysts said.",
        "\"Demand is strong,\" said Jensen Huang, chief executive of Nvidia.",
        "Microsoft Azure and Amazon Web Services expanded their regions.",
        "Power is the new constraint for data centres.",
    ];
    let mut text = String::from("A very long article\n\n");
    let mut i = 0usize;
    while text.len() < 2_000_000 {
        let para: Vec<&str> = (0..4)
            .map(|k| {
                let pick = (i * 7 + k * 3) % 4;
                if i.is_multiple_of(2) {
                    zh[pick]
                } else {
                    en[pick]
                }
            })
            .collect();
        text.push_str(&para.join(if i.is_multiple_of(2) { "" } else { " " }));
        text.push_str("\n\n");
        i += 1;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "long.txt", text.as_bytes());
    let out = stdout_ok([
        "summarize".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        file.as_os_str(),
    ]);
    let s: SummaryOut = serde_json::from_str(&out).unwrap();
    assert_eq!(s.sentences.len(), 3);
    for x in &s.sentences {
        assert_eq!(&text[x.start..x.end], x.text);
    }
    assert!(!s.quotes.is_empty());
    assert!(s.quotes.iter().any(|q| q.speaker == "Jensen Huang"));
}

/// Many documents are analysed on all cores; the output is byte for byte the same with one
/// thread or several, in input order.
#[test]
fn output_is_the_same_on_one_thread_or_many() {
    for args in [
        &["summarize", "--format", "json", "corpus/zh", "corpus/en"][..],
        &["analyze", "corpus/jsonl", "corpus/en"][..],
        &["quotes", "--indirect", "corpus/zh"][..],
    ] {
        let run = |threads: &str| {
            let out = newslens()
                .env("NEWSLENS_THREADS", threads)
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "{args:?}");
            out.stdout
        };
        let one = run("1");
        assert!(one.len() > 1000, "{args:?}");
        assert_eq!(one, run("4"), "{args:?}");
    }
}

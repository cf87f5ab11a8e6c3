//! The four analysis commands on the sample corpus, through the real binary and its JSON.

use crate::util::*;

const ARTICLES: &[&str] = &[
    "corpus/zh/cloud-ai-earnings.txt",
    "corpus/zh/gpu-supply.md",
    "corpus/zh/models-open-source.txt",
    "corpus/en/cloud-capex.txt",
    "corpus/en/chip-export.md",
];

fn analyze(path: &str) -> Analyzed {
    let mut docs: Vec<Analyzed> = json_lines(&["analyze", path]);
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

#[test]
fn offsets_are_byte_spans_into_the_text() {
    for path in ARTICLES {
        let a = analyze(path);
        assert_eq!(a.version, 1);
        let t = &a.text;
        for s in &a.sentences {
            assert_eq!(&t[s.start..s.end], s.text, "{path}: sentence");
        }
        for b in &a.blocks {
            assert_eq!(&t[b.start..b.end], b.text, "{path}: block");
        }
        let mut prev = 0;
        for tok in &a.tokens {
            assert_eq!(&t[tok.start..tok.end], tok.text, "{path}: token");
            assert!(tok.start >= prev, "{path}: tokens overlap at {}", tok.start);
            assert!(
                !tok.text.trim().is_empty() && tok.text.trim() == tok.text,
                "{path}: whitespace token {:?}",
                tok.text
            );
            prev = tok.end;
        }
        let mut prev = 0;
        for e in &a.entities {
            assert_eq!(&t[e.start..e.end], e.text, "{path}: entity");
            assert!(e.start >= prev, "{path}: entities overlap");
            prev = e.end;
        }
    }
}

#[test]
fn bylines_and_headings_are_not_sentences() {
    for path in ARTICLES {
        let a = analyze(path);
        for b in a.blocks.iter().filter(|b| b.kind != "paragraph") {
            assert!(
                a.sentences
                    .iter()
                    .all(|s| s.end <= b.start || s.start >= b.end),
                "{path}: {} block {:?} inside a sentence",
                b.kind,
                b.text
            );
        }
        for s in &a.sentences {
            let first = s.text.chars().next().unwrap();
            assert!(
                !matches!(first, '”' | '」' | '’'),
                "{path}: sentence starts with a closing quote: {}",
                s.text
            );
        }
    }
}

#[test]
fn chinese_byline_header_and_headings() {
    let a = analyze("corpus/zh/cloud-ai-earnings.txt");
    let labels: Vec<&str> = a.meta.bylines.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["出品", "作者", "编辑", "头图"]);
    let values: Vec<&str> = a.meta.bylines.iter().map(|b| b.value.as_str()).collect();
    assert_eq!(values, ["远山科技组", "陈思远", "林晓彤", "东方图景"]);
    let values: Vec<&str> = a.meta.bylines.iter().map(|b| b.value.as_str()).collect();
    assert_eq!(values, ["远山科技组", "陈思远", "林晓彤", "东方图景"]);
    assert_eq!(a.meta.author.as_deref(), Some("陈思远"));
    let headings: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.kind == "heading")
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(
        headings,
        ["模型调用量翻倍增长", "算力成为新瓶颈", "价格战之后怎么走"]
    );
    let v: Vec<serde_json::Value> = json_lines(&["analyze", "corpus/zh/cloud-ai-earnings.txt"]);
    let json_headings: Vec<&str> = v[0]["headings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["text"].as_str().unwrap())
        .collect();
    assert_eq!(json_headings, headings);
    assert_eq!(a.lang, "zh");
    assert_eq!(a.meta.title, None, "the lead paragraph is not a title");
}

#[test]
fn english_headline_and_byline() {
    let a = analyze("corpus/en/cloud-capex.txt");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("Cloud Giants Push Spending to Record Highs as AI Payoff Stays Distant")
    );
    assert_eq!(a.meta.author.as_deref(), Some("Rachel Morgan"));
    assert_eq!(a.lang, "en");
    // "U.S." and "Mr." do not end sentences.
    assert!(
        a.sentences
            .iter()
            .all(|s| !s.text.ends_with("Mr.") && !s.text.starts_with("S. "))
    );
}

#[test]
fn markdown_front_matter() {
    let a = analyze("corpus/zh/gpu-supply.md");
    assert_eq!(
        a.meta.title.as_deref(),
        Some("H20订单遇冷，国产GPU加速补位")
    );
    assert_eq!(a.meta.date.as_deref(), Some("2024-03-18"));
    assert_eq!(a.meta.author.as_deref(), Some("赵一鸣"));
    assert!(
        !a.text.contains("title:"),
        "front matter is not part of the text"
    );
    assert_eq!(a.meta.source.as_deref(), Some("星图财经"));
    assert_eq!(
        a.meta.url.as_deref(),
        Some("https://example.com/xingtu/2024/03/18/gpu-supply")
    );
    assert!(a.path.ends_with("gpu-supply.md"));
    assert!(!a.keywords.is_empty());
}

#[test]
fn quotations_stay_in_one_sentence() {
    let a = analyze("corpus/zh/cloud-ai-earnings.txt");
    let s = a
        .sentences
        .iter()
        .find(|s| s.text.contains("过去客户上云"))
        .expect("quote sentence");
    assert!(
        s.text.starts_with('“') && s.text.ends_with("王立群表示。"),
        "{}",
        s.text
    );
}

#[test]
fn names_stay_whole_in_segmentation() {
    #[derive(serde::Deserialize)]
    struct Out {
        tokens: Vec<Tok>,
    }
    let out: Vec<Out> = json_lines(&[
        "segment",
        "corpus/zh/cloud-ai-earnings.txt",
        "corpus/zh/models-open-source.txt",
    ]);
    let words: Vec<&str> = out
        .iter()
        .flat_map(|o| o.tokens.iter().map(|t| t.text.as_str()))
        .collect();
    for name in [
        "阿里云",
        "通义千问",
        "Qwen-7B-Chat",
        "A800-80G",
        "昇腾910B",
        "钉钉",
        "火山引擎",
        "ChatGLM2-6B",
        "魔搭社区",
        "3.87",
        "v2.1",
    ] {
        assert!(words.contains(&name), "{name} not kept whole");
    }
    for fragment in ["伟达", "千问", "通义"] {
        assert!(!words.contains(&fragment), "fragment {fragment} in tokens");
    }
    let kinds: Vec<(&str, &str)> = out[0]
        .tokens
        .iter()
        .map(|t| (t.text.as_str(), t.kind.as_str()))
        .collect();
    assert!(kinds.contains(&("251.23", "number")));
    assert!(kinds.contains(&("。", "punct")));
}

#[test]
fn entities_with_canonical_names_and_kinds() {
    #[derive(serde::Deserialize)]
    struct Out {
        entities: Vec<Ent>,
    }
    let out: Vec<Out> = json_lines(&["entities", "corpus/en/chip-export.md"]);
    let found: Vec<(&str, &str, &str)> = out[0]
        .entities
        .iter()
        .map(|e| (e.text.as_str(), e.canonical.as_str(), e.kind.as_str()))
        .collect();
    assert!(found.contains(&("英伟达", "NVIDIA", "vendor")), "{found:?}");
    assert!(found.contains(&("H20", "H20", "chip")), "{found:?}");
    assert!(found.iter().any(|f| f.1 == "NVIDIA" && f.0 == "NVIDIA"));
}

#[test]
fn keywords_are_clean() {
    for path in ARTICLES {
        let docs: Vec<serde_json::Value> = json_lines(&["keywords", "-n", "15", path]);
        let kws: Vec<Kw> = serde_json::from_value(docs[0]["keywords"].clone()).unwrap();
        assert_eq!(kws.len(), 15, "{path}");
        for k in &kws {
            assert!(
                k.term.chars().count() >= 2,
                "{path}: short keyword {}",
                k.term
            );
            assert!(
                k.term.chars().any(char::is_alphabetic),
                "{path}: numeric keyword {}",
                k.term
            );
            assert!(
                !["伟达", "阿里", "千问", "的", "表示"].contains(&k.term.as_str()),
                "{path}: {}",
                k.term
            );
            assert!(k.weight > 0.0 && k.count > 0);
        }
        assert!(
            kws.windows(2).all(|w| w[0].weight >= w[1].weight),
            "{path}: not ranked"
        );
        assert!(
            !path.contains("/zh/") || kws.iter().any(|k| k.entity.is_some()),
            "{path}: no entity among the keywords"
        );
    }
    let docs: Vec<serde_json::Value> = json_lines(&[
        "keywords",
        "-n",
        "5",
        "--method",
        "textrank",
        "corpus/zh/gpu-supply.md",
    ]);
    assert_eq!(docs[0]["keywords"].as_array().unwrap().len(), 5);
}

#[test]
fn english_keywords_are_case_folded() {
    let docs: Vec<serde_json::Value> =
        json_lines(&["keywords", "-n", "30", "corpus/en/cloud-capex.txt"]);
    let kws: Vec<Kw> = serde_json::from_value(docs[0]["keywords"].clone()).unwrap();
    let terms: Vec<&str> = kws.iter().map(|k| k.term.as_str()).collect();
    assert!(
        !terms
            .iter()
            .any(|t| ["The", "the", "said", "And"].contains(t)),
        "{terms:?}"
    );
    let lower: Vec<String> = terms.iter().map(|t| t.to_lowercase()).collect();
    let mut dedup = lower.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(
        dedup.len(),
        lower.len(),
        "case variants counted apart: {terms:?}"
    );
}

#[test]
fn output_is_deterministic() {
    let run = || {
        newslens()
            .args(["analyze", "--format", "json", "corpus"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run(), run());
}

#[test]
fn reads_stdin() {
    newslens()
        .args(["entities", "-"])
        .write_stdin("亚马逊AWS宣布与英伟达合作。")
        .assert()
        .success()
        .stdout(predicates::str::contains("AWS").and(predicates::str::contains("NVIDIA")));
}

#[test]
fn entities_exit_one_when_none_found() {
    newslens()
        .args(["entities", "-"])
        .write_stdin("Nothing to see here.")
        .assert()
        .code(1);
}

#[test]
fn missing_file_is_an_error_naming_it() {
    newslens()
        .args(["analyze", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no/such/file.txt"));
}

#[test]
fn help_has_examples() {
    newslens().arg("--help").assert().success().stdout(
        predicates::str::contains("Examples:")
            .and(predicates::str::contains("newslens analyze corpus/")),
    );
    newslens()
        .args(["keywords", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains("textrank"));
}

#[test]
fn text_output_names_each_document() {
    let out = newslens()
        .args(["keywords", "-n", "3", "corpus/jsonl/briefs.jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(s.matches("==> ").count(), 6, "{s}");
}

use predicates::prelude::*;

#[test]
fn control_characters_in_articles_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let f = crate::util::write(
        dir.path(),
        "esc.txt",
        "英伟达\x1b[31m发布了新芯片\x07。\n\n\"Hello\x1b]0;pwned\x07,\" said Jensen Huang.\n"
            .as_bytes(),
    );
    for cmd in [
        "analyze",
        "entities",
        "segment",
        "quotes",
        "summarize",
        "keywords",
    ] {
        let out = newslens().arg(cmd).arg(&f).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains(['\x1b', '\x07']),
            "{cmd} wrote a raw control character:\n{text}"
        );
        if cmd == "analyze" {
            assert!(
                text.contains("\\x1b[31m") && text.contains("\\x07"),
                "{text}"
            );
        }
    }
    // JSON keeps the text exact (serde escapes it as \u001b).
    let v: Vec<serde_json::Value> = json_lines(&["analyze", f.to_str().unwrap()]);
    assert!(v[0]["text"].as_str().unwrap().contains('\x1b'));
}

/// A text over 1 MB is segmented in paragraph windows on all cores, written as they come: the
/// same words as the whole-document path (`--format json`), line for line, nothing lost.
#[test]
fn a_long_text_is_segmented_in_windows_like_a_short_one() {
    let article = std::fs::read_to_string(root().join("corpus/zh/gpu-supply.md")).unwrap();
    let body = article.split("\n---\n").last().unwrap().trim().to_string();
    let mut text = String::new();
    while text.len() < 1_500_000 {
        text.push_str(&body);
        text.push_str("\n\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "long.txt", text.as_bytes());
    let p = path.to_str().unwrap();
    let windowed = stdout_ok(["segment", p]);
    let whole: Vec<serde_json::Value> = json_lines(&["segment", p]);
    let tokens: Vec<&str> = whole[0]["tokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["text"].as_str().unwrap())
        .collect();
    let words: Vec<&str> = windowed.split_whitespace().collect();
    assert_eq!(words.len(), tokens.len());
    assert!(
        words == tokens,
        "the windowed words differ from the whole-text tokens"
    );
    // Every non-blank line of the input is one output line, its characters all there.
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let out: Vec<&str> = windowed.lines().collect();
    assert_eq!(out.len(), lines.len());
    for (o, l) in out.iter().zip(&lines) {
        assert_eq!(o.replace(' ', ""), l.replace(' ', ""));
    }
}

//! Property tests: arbitrary Unicode (mixed scripts, combining marks, emoji, full-width Latin,
//! quotation marks of both languages, control characters) through sentence splitting,
//! segmentation, entity tagging, quote extraction, summaries and query parsing. Nothing panics,
//! every span lies on character boundaries inside the text, and tokens cover the text in order.
//! 256 cases per property in CI; `PROPTEST_CASES=100000 cargo test --release properties` for a
//! longer search.

use std::sync::LazyLock;

use newslens::analyze::Analyzer;
use newslens::ingest::{IngestConfig, Ingester, InputFormat};
use newslens::model::{Document, Origin, Span};
use newslens::summarize::{Summarizer, SummaryConfig};
use proptest::prelude::*;

static ANALYZER: LazyLock<Analyzer> = LazyLock::new(|| Analyzer::with_defaults().unwrap());

/// Pieces real news is made of, and pieces it should never break on.
const PIECES: &[&str] = &[
    "阿里云",
    "英伟达",
    "通义千问",
    "Qwen-7B-Chat",
    "A800-80G",
    "ＡＷＳ",
    "NVIDIA's",
    "OpenAI",
    "张勇表示",
    "他说",
    "said",
    "told reporters",
    "according to",
    "“",
    "”",
    "「",
    "」",
    "‘",
    "’",
    "\"",
    "'",
    "《",
    "》",
    "（",
    "）",
    "(",
    ")",
    "：",
    ":",
    "，",
    ",",
    "。",
    "！",
    "？",
    ".",
    "!",
    "?",
    "…",
    "……",
    "——",
    "-",
    " ",
    "  ",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\t",
    "\u{3000}",
    "\u{0301}",
    "e\u{0301}",
    "👩\u{200D}💻",
    "🇨🇳",
    "\u{FEFF}",
    "\u{200B}",
    "\0",
    "\u{1b}[31m",
    "3.5%",
    "1,000",
    "2024年",
    "Dr.",
    "U.S.",
    "记者 韩露 北京报道",
    "# 标题",
    "---",
    "中国",
    "乾隆年間",
    "乾淨",
    "輝達執行長",
    "「這是」",
    "雲端",
    "云计算",
    "大模型",
    "the",
    "cloud",
    "chips",
    "ﬁ",
    "İ",
    "ß",
    "ǅ",
    "\u{10FFFF}",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z0-9]{1,8}",
        1 => "[\u{4e00}-\u{9fa5}]{1,6}",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

fn document(text: String) -> Option<Document> {
    let ingester = Ingester::new(IngestConfig::default());
    let origin = Origin::file("prop.txt");
    // Whitespace-only text is an error (no article), which is right.
    ingester
        .document_from_text("prop".into(), origin, "UTF-8", text, InputFormat::Text)
        .ok()
}

fn check_span(text: &str, span: Span, what: &str) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end, "{what}: {span:?} reversed");
    prop_assert!(span.end <= text.len(), "{what}: {span:?} past the end");
    prop_assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: {span:?} splits a character"
    );
    Ok(())
}

fn check_ordered(text: &str, spans: &[Span], what: &str) -> Result<(), TestCaseError> {
    for s in spans {
        check_span(text, *s, what)?;
    }
    for w in spans.windows(2) {
        prop_assert!(w[0].end <= w[1].start, "{what}: {:?} then {:?}", w[0], w[1]);
    }
    Ok(())
}

proptest! {
    /// Folding Traditional text keeps every byte where it was.
    #[test]
    fn folding_keeps_the_byte_layout(raw in text()) {
        let folded = newslens::script::fold(&raw);
        prop_assert_eq!(folded.len(), raw.len());
        let a: Vec<usize> = raw.char_indices().map(|(i, _)| i).collect();
        let b: Vec<usize> = folded.char_indices().map(|(i, _)| i).collect();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn analysis_spans_are_valid_and_tokens_cover_the_text(raw in text()) {
        let Some(doc) = document(raw) else { return Ok(()); };
        let t = &doc.text;
        let a = ANALYZER.analyze(&doc);
        let sentences: Vec<Span> = a.sentences.iter().map(|s| s.span).collect();
        check_ordered(t, &sentences, "sentence")?;
        let entities: Vec<Span> = a.entities.iter().map(|e| e.span).collect();
        check_ordered(t, &entities, "entity")?;
        for e in &a.entities {
            prop_assert_eq!(e.span.slice(t), e.text.as_str());
        }
        let tokens: Vec<Span> = a.tokens.iter().map(|t| t.span).collect();
        check_ordered(t, &tokens, "token")?;
        // Covered in order: between tokens there is only whitespace.
        let mut at = 0;
        for s in tokens.iter().chain(std::iter::once(&Span::new(t.len(), t.len()))) {
            let gap = &t[at..s.start];
            prop_assert!(
                gap.chars().all(char::is_whitespace),
                "text {:?} not covered by a token", gap
            );
            prop_assert!(!s.is_empty() || s.start == t.len(), "empty token at {}", s.start);
            at = s.end;
        }
        for k in &a.keywords {
            prop_assert!(!k.term.is_empty());
        }
    }

    #[test]
    fn quotes_and_summaries_have_valid_spans(raw in text()) {
        let Some(doc) = document(raw) else { return Ok(()); };
        let t = &doc.text;
        let a = ANALYZER.analyze(&doc);
        let (quotes, indirect) = newslens::summarize::quotes::extract_all(&doc, &a);
        for q in quotes.iter().chain(&indirect) {
            check_span(t, q.span, "quote")?;
            prop_assert_eq!(q.span.slice(t), q.text.as_str());
        }
        let summarizer = Summarizer::new(SummaryConfig::default(), ANALYZER.stopwords().clone());
        let summary = summarizer.summarize(&doc, &a);
        let spans: Vec<Span> = summary.sentences.iter().map(|s| s.span).collect();
        check_ordered(t, &spans, "summary sentence")?;
        for q in &summary.quotes {
            check_span(t, q.span, "key quote")?;
        }
    }

    #[test]
    fn queries_parse_or_explain(q in text()) {
        match newslens::index::query::parse(&q) {
            Ok(parsed) => {
                for clause in parsed.clauses() {
                    let _ = format!("{clause:?}");
                }
            }
            Err(e) => {
                let msg = e.to_string();
                prop_assert!(!msg.is_empty());
            }
        }
    }

    #[test]
    fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        std::fs::write(&path, &bytes).unwrap();
        let ingester = Ingester::new(IngestConfig::default());
        for doc in ingester.documents(&[path]).flatten() {
            let a = ANALYZER.analyze(&doc);
            let tokens: Vec<Span> = a.tokens.iter().map(|t| t.span).collect();
            check_ordered(&doc.text, &tokens, "token")?;
        }
    }
}

//! Arbitrary UTF-8 → Document → Analysis → `quotes::extract_all` and `Summarizer::summarize`.
//! Quote spans (direct and indirect) are valid byte ranges on char boundaries and each quote's
//! `text` is the slice of its span; summary sentences are valid, in order and non-overlapping,
//! at most the configured number, and the summary's quotes are valid too.
#![no_main]

mod common;

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newslens::model::{Document, Quote};
use newslens::summarize::{Summarizer, SummaryConfig, quotes};

fn summarizer() -> &'static Summarizer {
    static S: OnceLock<Summarizer> = OnceLock::new();
    S.get_or_init(|| {
        Summarizer::new(
            SummaryConfig::default(),
            common::analyzer().stopwords().clone(),
        )
    })
}

fn check_quotes(doc: &Document, qs: &[Quote], what: &str) {
    let t = doc.text.as_str();
    for q in qs {
        common::check_span(t, q.span, what);
        assert_eq!(
            q.text,
            q.span.slice(t),
            "{what}: text differs from its span {:?}",
            q.span
        );
    }
}

fn check_in_order(doc: &Document, qs: &[Quote], what: &str) {
    for w in qs.windows(2) {
        assert!(
            w[0].span.start <= w[1].span.start,
            "{what}: not in document order: {:?} then {:?}",
            w[0].span,
            w[1].span
        );
    }
    check_quotes(doc, qs, what);
}

fuzz_target!(|text: &str| {
    let Some(doc) = common::document(text) else {
        return;
    };
    let analysis = common::analyzer().analyze(&doc);

    let (direct, indirect) = quotes::extract_all(&doc, &analysis);
    check_in_order(&doc, &direct, "direct quote");
    check_in_order(&doc, &indirect, "indirect quote");

    let s = summarizer();
    let summary = s.summarize(&doc, &analysis);
    let t = doc.text.as_str();
    common::check_ordered(
        t,
        summary.sentences.iter().map(|x| x.span),
        "summary sentence",
    );
    assert!(
        summary.sentences.len() <= s.config().sentences,
        "too many summary sentences"
    );
    for x in &summary.sentences {
        assert!(
            x.score.is_finite(),
            "summary sentence {:?} scored {}",
            x.span,
            x.score
        );
    }
    assert!(
        summary.quotes.len() <= s.config().quotes,
        "too many key quotes"
    );
    check_quotes(&doc, &summary.quotes, "key quote");
    let _ = Summarizer::joined(t, &summary.sentences);
});

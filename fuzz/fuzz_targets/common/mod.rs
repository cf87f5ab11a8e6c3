//! Shared helpers for the fuzz targets: the expensive objects (built once per process) and the
//! span invariants of `newslens::model` (half-open byte spans into `Document::text`).
#![allow(dead_code)]

use std::sync::OnceLock;

use newslens::analyze::Analyzer;
use newslens::ingest::{IngestConfig, Ingester, InputFormat};
use newslens::model::{Document, Origin, Span};

/// The analyzer with the built-in dictionary (jieba and the IDF table load on first use).
pub fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(|| Analyzer::with_defaults().expect("built-in dictionary loads"))
}

/// An ingester with the default configuration.
pub fn ingester() -> &'static Ingester {
    static I: OnceLock<Ingester> = OnceLock::new();
    I.get_or_init(|| Ingester::new(IngestConfig::default()))
}

/// `text` as a document: Markdown (front matter, `#` headings) when it starts like Markdown,
/// plain text otherwise. `None` when the ingester rejects it (empty or whitespace-only text is a
/// legitimate `Err`).
pub fn document(text: &str) -> Option<Document> {
    let format = if text.starts_with("---") || text.starts_with('#') {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    };
    document_as(text, format).ok()
}

/// `text` as a document in `format`.
pub fn document_as(text: &str, format: InputFormat) -> newslens::Result<Document> {
    ingester().document_from_text(
        "fuzz".into(),
        Origin {
            path: "fuzz".into(),
            line: None,
        },
        "UTF-8",
        text.to_string(),
        format,
    )
}

/// Asserts `span` is a valid half-open byte range of `text` with both ends on char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} out of range (text is {} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on char boundaries"
    );
}

/// Asserts every span is valid and the sequence is in order and non-overlapping.
pub fn check_ordered(text: &str, spans: impl IntoIterator<Item = Span>, what: &str) {
    let mut prev: Option<Span> = None;
    for s in spans {
        check_span(text, s, what);
        if let Some(p) = prev {
            assert!(
                p.end <= s.start,
                "{what}: spans out of order or overlapping: {p:?} then {s:?}"
            );
        }
        prev = Some(s);
    }
}

/// Asserts the document's own structure: block spans valid, in order and non-overlapping.
pub fn check_document(doc: &Document) {
    check_ordered(&doc.text, doc.blocks.iter().map(|b| b.span), "block");
}

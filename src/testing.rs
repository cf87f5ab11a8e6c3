//! Helpers for the library's unit tests.

use std::path::PathBuf;
use std::sync::Arc;

use crate::analyze::Analyzer;
use crate::analyze::entity::Dictionary;
use crate::ingest::{IngestConfig, Ingester};
use crate::model::Document;

/// An analyzer with the built-in dictionary that loads nothing up front.
pub(crate) fn analyzer() -> Arc<Analyzer> {
    let dictionary = Dictionary::builtin().expect("built-in dictionary");
    Arc::new(Analyzer::new(dictionary, Default::default()).expect("analyzer"))
}

/// The articles of `corpus/{lang}` (`zh` or `en`).
pub(crate) fn corpus(lang: &str) -> Vec<Document> {
    let dir = [PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(lang)];
    Ingester::new(IngestConfig::default())
        .documents(&dir)
        .map(|d| d.expect("corpus article"))
        .collect()
}

/// The articles of `corpus/en` without a Han character (segmenting them needs no jieba).
pub(crate) fn english_corpus() -> Vec<Document> {
    let english: Vec<Document> = corpus("en")
        .into_iter()
        .filter(|d| !crate::analyze::segment::has_han(&d.text))
        .collect();
    assert!(english.len() >= 5, "{} English articles", english.len());
    english
}

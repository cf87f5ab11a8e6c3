//! Inputs shared by the benches: the sample corpus, repeated to a fixed size.

use newslens::ingest::{IngestConfig, Ingester, InputFormat};
use newslens::model::{Document, Origin};

/// The corpus articles under `corpus/<dir>`, joined and repeated to about `target` bytes.
pub fn corpus_text(dir: &str, target: usize) -> String {
    let mut paths: Vec<_> =
        std::fs::read_dir(format!("{}/corpus/{dir}", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
    paths.sort();
    let one: String = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = String::with_capacity(target + one.len());
    while out.len() < target {
        out.push_str(&one);
        out.push('\n');
    }
    out
}

/// `text` as a plain-text document.
pub fn document(text: &str) -> Document {
    Ingester::new(IngestConfig::default())
        .document_from_text(
            "bench".into(),
            Origin::file("bench"),
            "UTF-8",
            text.to_string(),
            InputFormat::Text,
        )
        .unwrap()
}

/// The corpus articles under `corpus/<dir>`, ingested as `newslens` reads them.
#[allow(dead_code)] // not every bench uses it
pub fn documents(dir: &str) -> Vec<Document> {
    let root = std::path::PathBuf::from(format!("{}/corpus/{dir}", env!("CARGO_MANIFEST_DIR")));
    Ingester::new(IngestConfig::default())
        .documents(&[root])
        .collect::<newslens::Result<Vec<_>>>()
        .unwrap()
}

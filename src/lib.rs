//! # newslens
//!
//! Analyse Chinese and English news text: ingest articles in any encoding people have, split
//! sentences correctly around quotations, segment words (jieba-rs for Chinese, UAX #29 for
//! English) with product and company names kept whole, tag entities from a bilingual
//! vendor/product dictionary, and rank keywords.
//!
//! ## The pipeline
//! ```text
//! files/dirs/JSONL/stdin ─ ingest ─▶ Document ─ analyze ─▶ Analysis ─ render ─▶ text / JSON
//!                                      (sentences → segment → entities → align → keywords)
//! ```
//! - [`ingest`]: bytes → [`model::Document`] (decoding, front matter, bylines, headings).
//! - [`analyze`]: [`analyze::Analyzer`] owns the heavy resources (jieba's dictionary, the
//!   entity automaton, the IDF table compiled in by `build.rs`) and runs the stages in order.
//! - [`render`]: the only place that writes bytes; JSON follows the contract in
//!   [`render::json`].
//!
//! Offsets everywhere are half-open byte spans into [`model::Document::text`].
//!
//! ## Example
//! ```
//! use newslens::analyze::Analyzer;
//! use newslens::ingest::{Ingester, IngestConfig, InputFormat};
//! use newslens::model::Origin;
//!
//! let analyzer = Analyzer::with_defaults().unwrap();
//! let ingester = Ingester::new(IngestConfig::default());
//! let doc = ingester
//!     .document_from_text(
//!         "example".into(),
//!         Origin::file("example"),
//!         "UTF-8",
//!         "作者 | 齐健\n英伟达A800的报价上涨。“AI革命是云厂商的增量机会。”张勇表示。".into(),
//!         InputFormat::Text,
//!     )
//!     .unwrap();
//! let analysis = analyzer.analyze(&doc);
//! assert_eq!(doc.meta.author.as_deref(), Some("齐健"));
//! assert_eq!(analysis.sentences.len(), 2);
//! let names: Vec<&str> = analysis.entities.iter().map(|e| e.text.as_str()).collect();
//! assert_eq!(names, ["齐健", "英伟达", "A800", "张勇"]);
//! ```
#![deny(missing_docs)]

pub mod error;
pub mod model;

pub mod script;

pub mod ingest;

pub mod analyze;

pub mod summarize;

pub mod index;

pub mod digest;

#[cfg(feature = "serve")]
pub mod serve;

pub mod export;

pub mod render;

pub mod parallel;

#[cfg(test)]
mod testing;

pub use error::{Error, Result};

//! Single-thread cost of each analysis stage of `newslens index` over a JSONL file, next to
//! jieba-rs `cut` (what a bare tantivy + jieba-rs index spends on analysis). Best of several
//! rounds, each stage over all articles in turn.
//!
//! Usage: cargo run --release --example stage_cost -- FILE.jsonl [ROUNDS]

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use jieba_rs::Jieba;
use newslens::analyze::entity::Dictionary;
use newslens::analyze::{Analyzer, AnalyzerConfig, Load};
use newslens::ingest::{IngestConfig, Ingester};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let input = PathBuf::from(args.get(1).ok_or("usage: stage_cost FILE.jsonl [ROUNDS]")?);
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(3);
    let analyzer = Analyzer::loaded(
        Dictionary::builtin()?,
        AnalyzerConfig::default(),
        Load { segmenter: true },
    )?;
    let jieba = Jieba::new();
    let ingester = Ingester::new(IngestConfig::default());
    let inputs = std::slice::from_ref(&input);
    let docs: Vec<_> = ingester.documents(inputs).filter_map(Result::ok).collect();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let names = [
        "ingest (read, decode, layout)",
        "entities",
        "tokens (segment, align)",
        "keywords",
        "prepare (all of the above + index terms, no ingest)",
        "jieba-rs cut + lowercase",
    ];
    let mut best = [Duration::MAX; 6];
    for _ in 0..rounds {
        let mut t = Instant::now();
        let mut lap = |i: usize| {
            best[i] = best[i].min(t.elapsed());
            t = Instant::now();
        };
        black_box(ingester.documents(inputs).count());
        lap(0);
        let entities: Vec<_> = docs.iter().map(|d| analyzer.entities(d)).collect();
        lap(1);
        let tokens: Vec<_> = docs
            .iter()
            .zip(&entities)
            .map(|(d, e)| analyzer.tokens(d, e))
            .collect();
        lap(2);
        let keywords: usize = docs
            .iter()
            .zip(tokens.iter().zip(&entities))
            .map(|(d, (t, e))| analyzer.keywords(d, t, e).len())
            .sum();
        black_box(keywords);
        lap(3);
        let prepared: usize = newslens::index::prepare(&analyzer, docs.clone())
            .iter()
            .map(|p| p.keywords.len())
            .sum();
        black_box(prepared);
        lap(4);
        let cut: usize = docs
            .iter()
            .map(|d| {
                jieba
                    .cut(&d.text, true)
                    .into_iter()
                    .filter(|t| t.word.chars().any(char::is_alphanumeric))
                    .map(|t| t.word.to_lowercase().len())
                    .sum::<usize>()
            })
            .sum();
        black_box(cut);
        lap(5);
    }
    println!("{} articles, {:.1} MB", docs.len(), bytes as f64 / 1e6);
    for (name, d) in names.iter().zip(best) {
        println!(
            "{name:52} {:8.1} ms {:8.1} MB/s",
            d.as_secs_f64() * 1e3,
            bytes as f64 / 1e6 / d.as_secs_f64()
        );
    }
    Ok(())
}

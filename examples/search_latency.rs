//! Search latency for `scripts/bench-index.sh`: runs each query of QUERIES_FILE (one per line)
//! ROUNDS times against an existing newslens index and prints p50 / p99 in milliseconds per
//! query kind (the text before `\t` on each line).
//!
//! Usage: cargo run --release --example search_latency -- INDEX_DIR QUERIES_FILE [ROUNDS]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Instant;

use newslens::analyze::entity::Dictionary;
use newslens::analyze::{Analyzer, AnalyzerConfig, Load};
use newslens::index::{NewsIndex, SearchOptions, query};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize = args.get(3).map_or(Ok(20), |r| r.parse())?;
    let analyzer = Arc::new(Analyzer::loaded(
        Dictionary::builtin()?,
        AnalyzerConfig::default(),
        Load { segmenter: true },
    )?);
    let index = NewsIndex::open(std::path::Path::new(&args[1]), analyzer)?;
    let options = SearchOptions {
        limit: 10,
        ..SearchOptions::default()
    };
    let mut times: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let queries = std::fs::read_to_string(&args[2])?;
    for _ in 0..rounds {
        for line in queries.lines().filter(|l| !l.trim().is_empty()) {
            let (kind, q) = line.split_once('\t').unwrap_or(("query", line));
            let parsed = query::parse(q)?;
            let t = Instant::now();
            let r = index.search(&parsed, &options)?;
            times
                .entry(kind.to_string())
                .or_default()
                .push(t.elapsed().as_secs_f64() * 1000.0);
            assert!(r.hits.len() <= 10);
        }
    }
    println!("articles {}", index.len());
    for (kind, mut v) in times {
        v.sort_by(f64::total_cmp);
        let p = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "{kind:<10} n={:<5} p50 {:.2} ms  p99 {:.2} ms",
            v.len(),
            p(0.5),
            p(0.99)
        );
    }
    Ok(())
}

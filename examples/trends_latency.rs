//! Trends latency for `scripts/bench-index.sh`: runs `trends` of each query given (one series,
//! by month, with the 5 co-occurring entities) ROUNDS times against an existing newslens index
//! and prints p50 / p99 in milliseconds per query.
//!
//! Usage: cargo run --release --example trends_latency -- INDEX_DIR ROUNDS QUERY…

use std::sync::Arc;
use std::time::Instant;

use newslens::analyze::entity::Dictionary;
use newslens::analyze::{Analyzer, AnalyzerConfig, Load};
use newslens::index::{NewsIndex, Period, TrendOptions, query};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let rounds: usize = args.get(2).map_or(Ok(20), |r| r.parse())?;
    let analyzer = Arc::new(Analyzer::loaded(
        Dictionary::builtin()?,
        AnalyzerConfig::default(),
        Load { segmenter: true },
    )?);
    let index = NewsIndex::open(std::path::Path::new(&args[1]), analyzer)?;
    let options = TrendOptions {
        by: Period::Month,
        since: None,
        until: None,
        with: 5,
    };
    println!("articles {}", index.len());
    for q in &args[3..] {
        let parsed = vec![(q.clone(), query::parse(q)?)];
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for _ in 0..rounds {
            let t = Instant::now();
            let trends = index.trends(&parsed, &options)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            total = trends.series[0].total;
        }
        times.sort_by(f64::total_cmp);
        let p = |x: f64| times[((times.len() as f64 - 1.0) * x).round() as usize];
        println!(
            "trends {q:<16} by month: {total:>7} articles  p50 {:.2} ms  p99 {:.2} ms",
            p(0.5),
            p(0.99)
        );
    }
    Ok(())
}

//! A bounded loopback load test of `newslens serve` for `scripts/bench-serve.sh`: CLIENTS
//! threads each request the URLs of URLS_FILE in turn (each line `kind<TAB>path`, each client
//! starting at another line) for SECONDS, and it prints per kind the requests, errors (any
//! status but 200, any failed request), and p50 / p99 latency in milliseconds.
//!
//! Usage: cargo run --release --example serve_load -- BASE_URL URLS_FILE CLIENTS SECONDS

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let base = args[1].trim_end_matches('/').to_string();
    let urls: Vec<(String, String)> = std::fs::read_to_string(&args[2])?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, p)| (k.to_string(), format!("{base}{p}")))
        .collect();
    let clients: usize = args[3].parse()?;
    let seconds: u64 = args[4].parse()?;
    let end = Instant::now() + Duration::from_secs(seconds);
    let results: Vec<Vec<(String, f64, bool)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let urls = &urls;
                s.spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .timeout_global(Some(Duration::from_secs(30)))
                        .build()
                        .into();
                    let mut out = Vec::new();
                    let mut k = c * 7919 % urls.len();
                    while Instant::now() < end {
                        let (kind, url) = &urls[k];
                        let t = Instant::now();
                        let ok = match agent.get(url).call() {
                            Ok(mut r) => {
                                let status = r.status().as_u16();
                                r.body_mut().read_to_vec().is_ok() && status == 200
                            }
                            Err(_) => false,
                        };
                        out.push((kind.clone(), t.elapsed().as_secs_f64() * 1000.0, ok));
                        k = (k + 1) % urls.len();
                    }
                    out
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut by_kind: BTreeMap<String, (Vec<f64>, usize)> = BTreeMap::new();
    for (kind, ms, ok) in results.into_iter().flatten() {
        let e = by_kind.entry(kind).or_default();
        e.0.push(ms);
        e.1 += usize::from(!ok);
    }
    println!("{clients} clients for {seconds} s:");
    for (kind, (mut v, errors)) in by_kind {
        v.sort_by(f64::total_cmp);
        let p = |q: f64| v[((v.len() as f64 - 1.0) * q).round() as usize];
        println!(
            "  {kind:<10} {:>7} requests ({:.0}/s), {errors} errors, p50 {:.1} ms, p99 {:.1} ms",
            v.len(),
            v.len() as f64 / seconds as f64,
            p(0.5),
            p(0.99)
        );
    }
    Ok(())
}

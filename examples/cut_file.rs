//! Raw jieba-rs `cut` (HMM on) over one file, line by line, writing the words space-separated:
//! the baseline `newslens segment FILE` is measured against (`scripts/bench.sh`).
//!
//! Usage: cargo run --release --example cut_file -- FILE > /dev/null

use std::io::{BufWriter, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: cut_file FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let jieba = jieba_rs::Jieba::new();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in text.lines() {
        let words = jieba.cut(line, true);
        let mut first = true;
        for w in words {
            let w = w.word;
            if w.trim().is_empty() {
                continue;
            }
            if !first {
                out.write_all(b" ")?;
            }
            out.write_all(w.as_bytes())?;
            first = false;
        }
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

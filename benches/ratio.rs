//! Interleaved head-to-head timings, robust to a noisy machine: each contender runs in turn,
//! many rounds, and the best time of each is compared. Prints the ratios that issue targets
//! are stated in: newslens segmentation vs raw jieba-rs `cut`, and the share of entity tagging
//! in the whole analysis; also segmentation + keywords (tagging included: keywords rank the
//! entities), what `scripts/bench.sh` sets beside Python jieba. Run with
//! `cargo bench --bench ratio`.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use newslens::analyze::Analyzer;

/// Best time of `rounds` runs of each closure, interleaved.
fn best<const N: usize>(rounds: usize, mut fs: [&mut dyn FnMut() -> usize; N]) -> [Duration; N] {
    let mut best = [Duration::MAX; N];
    for _ in 0..rounds {
        for (i, f) in fs.iter_mut().enumerate() {
            let t = Instant::now();
            let n = f();
            let d = t.elapsed();
            assert!(n > 0);
            best[i] = best[i].min(d);
        }
    }
    best
}

fn mibs(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / d.as_secs_f64() / (1024.0 * 1024.0)
}

fn main() {
    let analyzer = Analyzer::with_defaults().unwrap();
    let seg = analyzer.segmenter();
    for lang in ["zh", "en"] {
        let text = common::corpus_text(lang, 1 << 20);
        let doc = common::document(&text);
        let entities = analyzer.entities(&doc);
        let tokens = analyzer.tokens(&doc, &entities);
        let [raw, ours, tag, all, kw] = best(
            15,
            [
                &mut || black_box(seg.chinese().raw_cut(black_box(&text))).len(),
                &mut || black_box(seg.segment(black_box(&text))).len(),
                &mut || black_box(analyzer.tagger().tag(black_box(&text))).len(),
                &mut || black_box(analyzer.analyze(black_box(&doc))).tokens.len(),
                &mut || black_box(analyzer.keywords(black_box(&doc), &tokens, &entities)).len(),
            ],
        );
        let n = text.len();
        println!(
            "{lang}: {:.2} MiB of corpus text, best of 15 interleaved rounds",
            n as f64 / 1048576.0
        );
        println!("  raw jieba-rs cut      {:7.1} MiB/s", mibs(n, raw));
        println!(
            "  newslens segment      {:7.1} MiB/s   ratio to raw cut {:.2}",
            mibs(n, ours),
            raw.as_secs_f64() / ours.as_secs_f64()
        );
        println!(
            "  entity tagging        {:7.1} MiB/s   share of analysis time {:.1}%",
            mibs(n, tag),
            100.0 * tag.as_secs_f64() / all.as_secs_f64()
        );
        println!("  analyze (all stages)  {:7.1} MiB/s", mibs(n, all));
        // (What Python jieba's `extract_tags` does: segmentation and TF-IDF ranking.)
        println!(
            "  segment + keywords    {:7.1} MiB/s",
            mibs(n, ours + tag + kw)
        );
    }
}

//! Throughput of each analysis stage over the sample corpus, next to raw jieba-rs `cut` on the
//! same text. Run with `cargo bench`; `scripts/bench.sh` adds cold-start timings.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newslens::analyze::Analyzer;
use newslens::analyze::sentences::split_paragraph;
use newslens::ingest::{IngestConfig, Ingester, InputFormat};
use newslens::model::{Origin, Span};

/// The corpus articles of one language, repeated to about `target` bytes.
fn text(dir: &str, target: usize) -> String {
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

fn stages(c: &mut Criterion) {
    let analyzer = Analyzer::with_defaults().unwrap();
    let segmenter = analyzer.segmenter();
    for (lang, dir) in [("zh", "zh"), ("en", "en")] {
        let text = text(dir, 1 << 20);
        let mut g = c.benchmark_group(format!("stages-{lang}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.sample_size(10);
        g.bench_function("jieba-rs cut (raw)", |b| {
            b.iter(|| {
                let words = segmenter.chinese().raw_cut(black_box(&text));
                assert!(words.len() > text.len() / 8);
                words.len()
            })
        });
        g.bench_function("newslens segment", |b| {
            b.iter(|| {
                let toks = segmenter.segment(black_box(&text));
                assert!(toks.len() > text.len() / 8);
                toks.len()
            })
        });
        g.bench_function("entity tagging", |b| {
            b.iter(|| {
                let ents = analyzer.tagger().tag(black_box(&text));
                assert!(!ents.is_empty());
                ents.len()
            })
        });
        g.bench_function("sentences", |b| {
            b.iter(|| {
                let s = split_paragraph(black_box(&text), Span::new(0, text.len()));
                assert!(s.len() > 10);
                s.len()
            })
        });
        let doc = Ingester::new(IngestConfig::default())
            .document_from_text(
                "bench".into(),
                Origin {
                    path: "bench".into(),
                    line: None,
                },
                "UTF-8",
                text.clone(),
                InputFormat::Text,
            )
            .unwrap();
        g.bench_function("analyze (all stages)", |b| {
            b.iter(|| {
                let a = analyzer.analyze(black_box(&doc));
                assert!(!a.keywords.is_empty());
                a.tokens.len()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);

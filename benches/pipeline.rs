//! Throughput of each analysis stage over the sample corpus, next to raw jieba-rs `cut` on the
//! same text. Run with `cargo bench`; `scripts/bench.sh` adds cold-start timings.

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newslens::analyze::Analyzer;
use newslens::analyze::sentences::split_paragraph;
use newslens::model::Span;

fn stages(c: &mut Criterion) {
    let analyzer = Analyzer::with_defaults().unwrap();
    let segmenter = analyzer.segmenter();
    for (lang, dir) in [("zh", "zh"), ("en", "en")] {
        let text = common::corpus_text(dir, 1 << 20);
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
        let doc = common::document(&text);
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

//! Throughput of each analysis stage over the sample corpus, next to raw jieba-rs `cut` on the
//! same text. Run with `cargo bench`; `scripts/bench.sh` adds cold-start timings.

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newslens::analyze::Analyzer;
use newslens::analyze::sentences::split_paragraph;
use newslens::export::{Exporter, Target};
use newslens::model::Span;
use newslens::summarize::{Summarizer, SummaryConfig, quotes};

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
        g.bench_function("entities (dictionary + recognised names)", |b| {
            b.iter(|| {
                let ents = analyzer.entities_of(black_box(&text));
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

/// One article end to end: analysis, quotation extraction and the summary (the per-article
/// cost after start-up that `summarize` and `quotes` pay).
fn per_article(c: &mut Criterion) {
    let analyzer = Analyzer::with_defaults().unwrap();
    let summarizer = Summarizer::new(SummaryConfig::default(), analyzer.stopwords().clone());
    for name in [
        "zh/quotes-ai-cloud-forum.txt",
        "en/ai-infrastructure-summit.txt",
    ] {
        let text = std::fs::read_to_string(format!("corpus/{name}")).unwrap();
        let doc = common::document(&text);
        let analysis = analyzer.analyze(&doc);
        let mut g = c.benchmark_group(format!("article-{name}"));
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("quotes (after analysis)", |b| {
            b.iter(|| {
                let q = quotes::extract(black_box(&doc), &analysis);
                assert!(q.len() > 5);
                q.len()
            })
        });
        g.bench_function("summary (after analysis)", |b| {
            b.iter(|| {
                let s = summarizer.summarize(black_box(&doc), &analysis);
                assert_eq!(s.sentences.len(), 3);
                s.quotes.len()
            })
        });
        g.bench_function("analyze + summarize", |b| {
            b.iter(|| {
                let a = analyzer.analyze(black_box(&doc));
                let s = summarizer.summarize(&doc, &a);
                assert_eq!(s.sentences.len(), 3);
                s.quotes.len()
            })
        });
        g.finish();
    }
}

/// Export records (analysis, summary, segmented fields, NDJSON) of the corpus articles of each
/// language, as `newslens export` makes them: chunk by chunk, stage by stage.
fn export(c: &mut Criterion) {
    let analyzer = std::sync::Arc::new(Analyzer::with_defaults().unwrap());
    let exporter = Exporter::new(analyzer, Target::Elasticsearch, "news");
    for dir in ["zh", "en"] {
        let docs = common::documents(dir);
        let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
        let mut g = c.benchmark_group(format!("export-{dir}"));
        g.throughput(Throughput::Bytes(bytes as u64));
        g.sample_size(10);
        g.bench_function("records", |b| {
            b.iter(|| {
                let records = exporter.records(exporter.tag(black_box(docs.clone())));
                assert_eq!(records.len(), docs.len());
                assert!(records.iter().all(|(_, lines)| lines.ends_with(b"\n")));
                records.len()
            })
        });
        g.finish();
    }
}

criterion_group!(benches, stages, per_article, export);
criterion_main!(benches);

//! Indexing a batch of articles and queries of each kind against a prepared index, plus the
//! keyword stage on its own (the remaining per-stage figures are in `pipeline.rs`). Run with
//! `cargo bench --bench index`; CI only compiles it.

use std::hint::black_box;
use std::sync::Arc;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use newslens::analyze::entity::Dictionary;
use newslens::analyze::{Analyzer, AnalyzerConfig, Load};
use newslens::index::{NewsIndex, SearchOptions, WriteOptions, query};
use newslens::ingest::{IngestConfig, Ingester};
use newslens::model::Document;

/// Every article of the sample corpus (files and JSONL briefs).
fn corpus() -> Vec<Document> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let inputs = ["zh", "en", "jsonl"].map(|d| root.join(d));
    Ingester::new(IngestConfig::default())
        .documents(&inputs)
        .map(Result::unwrap)
        .collect()
}

fn index_into(dir: &std::path::Path, analyzer: &Arc<Analyzer>, docs: Vec<Document>) -> usize {
    let index = NewsIndex::open_or_create(dir, analyzer.clone()).unwrap();
    let mut writer = index.writer().unwrap();
    writer
        .add_all(docs.into_iter().map(Ok), 2, WriteOptions::default(), |r| {
            r.unwrap();
        })
        .unwrap();
    writer.commit().unwrap();
    drop(writer);
    index.len()
}

fn indexing(c: &mut Criterion) {
    let analyzer = Arc::new(
        Analyzer::loaded(
            Dictionary::builtin().unwrap(),
            AnalyzerConfig::default(),
            Load { segmenter: true },
        )
        .unwrap(),
    );
    let docs = corpus();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut g = c.benchmark_group("index");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("a batch: the sample corpus into a new index", |b| {
        b.iter_batched(
            || (tempfile::tempdir().unwrap(), docs.clone()),
            |(dir, docs)| {
                let expected = docs.len();
                let n = index_into(dir.path(), &analyzer, docs);
                assert_eq!(n, expected);
                n
            },
            BatchSize::PerIteration,
        )
    });
    g.bench_function("keywords (after tokens and entities)", |b| {
        let prepared: Vec<_> = docs
            .iter()
            .map(|d| {
                let e = analyzer.entities(d);
                let t = analyzer.tokens(d, &e);
                (d, t, e)
            })
            .collect();
        b.iter(|| {
            let n: usize = prepared
                .iter()
                .map(|(d, t, e)| analyzer.keywords(black_box(d), t, e).len())
                .sum();
            assert!(n > prepared.len());
            n
        })
    });
    g.finish();
}

fn queries(c: &mut Criterion) {
    let analyzer = Arc::new(Analyzer::with_defaults().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let docs = corpus();
    let n = docs.len();
    assert_eq!(index_into(dir.path(), &analyzer, docs), n);
    let index = NewsIndex::open(dir.path(), analyzer).unwrap();
    let options = SearchOptions {
        limit: 10,
        offset: 0,
        since: None,
        until: None,
        facets: 0,
    };
    let mut g = c.benchmark_group("search");
    for (kind, q) in [
        ("word", "云计算"),
        ("word (english)", "cloud"),
        ("phrase", "\"data center\""),
        ("entity (any alias)", "entity:英伟达"),
        ("filtered", "芯片 lang:zh -出口"),
        ("or", "HBM OR 液冷"),
    ] {
        let parsed = query::parse(q).unwrap();
        g.bench_function(kind, |b| {
            b.iter(|| {
                let r = index.search(black_box(&parsed), &options).unwrap();
                assert!(r.total > 0, "{q} matched nothing");
                r.hits.len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, indexing, queries);
criterion_main!(benches);

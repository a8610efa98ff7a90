//! Extraction and date-resolution speed, on the bundled sample corpus (`data/sample/*.txt`).
//!
//! `cargo bench --bench extract` (criterion): per article (the corpus, one article after the
//! other, as elements/s) and per MB (bytes/s), and `temporal::tag` alone on the same texts.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad::data::DataFiles;
use dyad::ingest::{self, Format, Item};
use dyad::loader::{as_article, prepare, ImportOptions};
use dyad::model::Article;
use dyad::pipeline::Extractor;
use std::hint::black_box;

fn sample_articles() -> Vec<Article> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("data/sample")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).expect("sample file");
        for item in ingest::read(&bytes[..], Format::Text, &f.display().to_string()) {
            if let Item::Article(raw) = item {
                out.push(as_article(&prepare(raw, &ImportOptions::default()).article));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let extractor = Extractor::load(&DataFiles::embedded()).expect("built-in data");
    let articles = sample_articles();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Elements(articles.len() as u64));
    g.bench_function("per_article", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extractor.extract(black_box(a)));
            }
        })
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("per_byte", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(extractor.extract(black_box(a)));
            }
        })
    });
    g.finish();

    let dct = chrono::NaiveDate::from_ymd_opt(2023, 4, 2).expect("date");
    let opts = dyad::temporal::Options::default();
    let mut g = c.benchmark_group("temporal_tag");
    g.throughput(Throughput::Elements(articles.len() as u64));
    g.bench_function("per_article", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(dyad::temporal::tag(black_box(&a.text), dct, &opts));
            }
        })
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("per_byte", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(dyad::temporal::tag(black_box(&a.text), dct, &opts));
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);

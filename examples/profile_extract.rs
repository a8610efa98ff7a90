//! Times extraction alone over a JSONL corpus (single thread): `cargo run --release --example
//! profile_extract -- ../shared/corpus/reuters21578.jsonl`
use dyad::ingest::{self, Format, Item};
use dyad::loader::{prepare, ImportOptions};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a JSONL file");
    let x = dyad::pipeline::Extractor::load(&dyad::data::DataFiles::embedded()).unwrap();
    let f = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let mut arts = Vec::new();
    for item in ingest::read(f, Format::Jsonl, &path) {
        if let Item::Article(raw) = item {
            let a = prepare(raw, &ImportOptions::default()).article;
            arts.push(dyad::model::Article {
                id: 0,
                key: String::new(),
                title: a.title,
                text: a.text,
                pub_date: a.pub_date,
                pub_date_basis: a.pub_date_basis,
                source: None,
                url: None,
                anchor_date: a.anchor_date,
            });
        }
    }
    let bytes: usize = arts.iter().map(|a| a.text.len()).sum();
    let t = Instant::now();
    let mut n = 0;
    for a in &arts {
        n += x.extract(a).len();
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{} articles, {:.1} MB, {n} events in {s:.2} s: {:.0} articles/s, {:.2} MB/s (1 thread)",
        arts.len(),
        bytes as f64 / 1e6,
        arts.len() as f64 / s,
        bytes as f64 / 1e6 / s
    );
}

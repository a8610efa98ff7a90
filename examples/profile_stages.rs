//! Times the stages of an import separately over a JSONL corpus (single thread):
//! `cargo run --release --example profile_stages -- ../shared/corpus/reuters21578.jsonl`
use dyad::ingest::{self, Format, Item};
use dyad::loader::{as_article, prepare, ImportOptions};
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a JSONL file");
    let t = Instant::now();
    let x = dyad::pipeline::Extractor::load(&dyad::data::DataFiles::embedded()).unwrap();
    println!("load extractor   {:7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let f = std::io::BufReader::new(std::fs::File::open(&path).unwrap());
    let mut raws = Vec::new();
    for item in ingest::read(f, Format::Jsonl, &path) {
        if let Item::Article(raw) = item {
            raws.push(raw);
        }
    }
    println!("read+parse       {:7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let arts: Vec<_> = raws
        .into_iter()
        .map(|r| prepare(r, &ImportOptions::default()).article)
        .collect();
    println!("prepare          {:7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for a in &arts {
        black_box(dyad::store::text_hash(&a.text));
    }
    println!("text_hash        {:7.3} s", t.elapsed().as_secs_f64());
    let arts: Vec<_> = arts.iter().map(as_article).collect();
    let t = Instant::now();
    for a in &arts {
        black_box(dyad::text::segment(&a.text));
    }
    println!("segment          {:7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for a in &arts {
        black_box(x.gazetteer.find(&a.text, a.pub_date));
    }
    println!("gazetteer.find   {:7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for a in &arts {
        black_box(x.rules.any_trigger(&a.text.to_lowercase()));
    }
    println!("any_trigger      {:7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    for a in &arts {
        black_box(dyad::temporal::tag(
            &a.text,
            a.pub_date.unwrap_or_default(),
            &x.temporal,
        ));
    }
    println!("temporal (all)   {:7.3} s", t.elapsed().as_secs_f64());
    let t = Instant::now();
    let mut n = 0;
    for a in &arts {
        n += x.extract(a).len();
    }
    println!(
        "extract          {:7.3} s ({} articles, {n} events)",
        t.elapsed().as_secs_f64(),
        arts.len()
    );
}

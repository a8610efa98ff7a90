//! Throughput of `temporal::tag`, single-threaded, in one process (no criterion needed):
//!
//! ```text
//! cargo run --release --example bench_dates -- /work/shared/tempeval/TBAQ-cleaned 10
//! cargo run --release --example bench_dates -- DOCS.jsonl 10
//! ```
//!
//! The first argument is either a folder of TimeML files (`*.tml`, searched recursively: the
//! `<TEXT>` element with its markup removed and entities decoded, the DCT from the TIMEX3 with
//! `functionInDocument="CREATION_TIME"`) or a JSONL file with one `{"dct": "YYYY-MM-DD",
//! "text": "..."}` per line. The second is the number of passes over all documents
//! (default 5). Prints documents/second, MB/second (UTF-8 bytes of the texts) and the number
//! of expressions found, after one untimed warm-up pass.

use chrono::NaiveDate;
use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

type Doc = (NaiveDate, String);

/// Decode the five XML entities and numeric character references.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(j) = rest.find(';').filter(|&j| j <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..j];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Plain text of a markup fragment: tags dropped, entities decoded.
fn strip_tags(s: &str) -> String {
    let mut raw = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => raw.push(c),
            _ => {}
        }
    }
    unescape(&raw)
}

/// (DCT, plain <TEXT>) of one TimeML document.
fn read_tml(xml: &str) -> Option<Doc> {
    let ct = xml.find("functionInDocument=\"CREATION_TIME\"")?;
    let tag_start = xml[..ct].rfind('<')?;
    let tag_end = ct + xml[ct..].find('>')?;
    let tag = &xml[tag_start..tag_end];
    let v = tag.find("value=\"")? + 7;
    let dct = NaiveDate::parse_from_str(tag.get(v..v + 10)?, "%Y-%m-%d").ok()?;
    let body_start = xml.find("<TEXT>")? + 6;
    let body_end = body_start + xml[body_start..].find("</TEXT>")?;
    Some((dct, strip_tags(&xml[body_start..body_end])))
}

fn collect_tml(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect_tml(&p, out);
        } else if p.extension().is_some_and(|x| x == "tml") {
            out.push(p);
        }
    }
}

fn load(path: &Path) -> Vec<Doc> {
    if path.is_dir() {
        let mut files = Vec::new();
        collect_tml(path, &mut files);
        files.sort();
        return files
            .iter()
            .filter_map(|f| std::fs::read_to_string(f).ok())
            .filter_map(|x| read_tml(&x))
            .collect();
    }
    let Ok(file) = std::fs::File::open(path) else {
        eprintln!("cannot open {}", path.display());
        std::process::exit(2)
    };
    std::io::BufReader::new(file)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| {
            let dct = NaiveDate::parse_from_str(v["dct"].as_str()?, "%Y-%m-%d").ok()?;
            Some((dct, v["text"].as_str()?.to_string()))
        })
        .collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: bench TIMEML_DIR|DOCS.jsonl [ROUNDS]");
        std::process::exit(2)
    };
    let rounds: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(5).max(1);
    let docs = load(Path::new(path));
    if docs.is_empty() {
        eprintln!("no documents read from {path}");
        std::process::exit(2)
    }
    let bytes: usize = docs.iter().map(|(_, t)| t.len()).sum();
    let opts = dyad::temporal::Options::default();
    // warm-up: compiles the regexes and touches every document once
    let per_pass: usize = docs
        .iter()
        .map(|(dct, text)| dyad::temporal::tag(text, *dct, &opts).len())
        .sum();
    let start = Instant::now();
    let mut n = 0usize;
    for _ in 0..rounds {
        for (dct, text) in &docs {
            n += std::hint::black_box(dyad::temporal::tag(text, *dct, &opts)).len();
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let total = docs.len() * rounds;
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} docs ({:.2} MB) x {rounds} rounds = {total} docs in {secs:.3} s (1 thread): \
         {:.0} docs/s, {:.2} MB/s; {per_pass} timexes per pass ({n} total)",
        docs.len(),
        bytes as f64 / 1e6,
        total as f64 / secs,
        mb / secs,
    );
    // HeidelTime 2.2 (news mode, one JVM) on the same 256 TBAQ documents: 79 s
    // (../shared/tempeval/README.md)
    let heideltime = 256.0 / 79.0;
    println!(
        "HeidelTime: {heideltime:.2} docs/s on TBAQ; dyad is {:.0}x faster",
        total as f64 / secs / heideltime
    );
}

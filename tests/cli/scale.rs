//! Issue 6, speed and scale: `extract --jsonl` as a stateless map step, `import-events`,
//! `merge`.

use crate::support::{repo, TestEnv};
use std::collections::BTreeMap;

/// The sample corpus as JSONL articles with ids (the file names), in file-name order.
fn sample_jsonl() -> String {
    let dir = repo().join("data/sample");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut out = String::new();
    for f in files {
        let content = std::fs::read_to_string(&f).unwrap();
        let (head, body) = content.split_once("\n\n").unwrap();
        let mut rec = serde_json::Map::new();
        rec.insert("id".into(), f.file_stem().unwrap().to_string_lossy().into());
        for line in head.lines() {
            if let Some((k, v)) = line.split_once(": ") {
                rec.insert(k.to_lowercase(), v.trim().into());
            }
        }
        rec.insert("text".into(), body.into());
        out.push_str(&serde_json::Value::Object(rec).to_string());
        out.push('\n');
    }
    out
}

fn lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Events keyed for comparing across commands: without the database id, sorted.
fn comparable(mut events: Vec<serde_json::Value>) -> Vec<String> {
    let mut out: Vec<String> = events
        .iter_mut()
        .map(|e| {
            e.as_object_mut().unwrap().remove("id");
            e.to_string()
        })
        .collect();
    out.sort();
    out
}

#[test]
fn extract_jsonl_is_deterministic_ordered_and_matches_import() {
    let env = TestEnv::new();
    let input = sample_jsonl();
    let first = env.run_stdin(&["extract", "--jsonl"], &input);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = env.run_stdin(&["extract", "--jsonl"], &input);
    assert_eq!(first.stdout.as_bytes(), second.stdout.as_bytes());
    assert!(
        !env.db().exists(),
        "extract --jsonl must not create a database"
    );

    let events = lines(&first.stdout);
    assert!(events.len() > 40, "{} events", events.len());
    // grouped by article, articles in input order
    let order: Vec<String> = lines(&input)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let pos: Vec<usize> = events
        .iter()
        .map(|e| {
            order
                .iter()
                .position(|id| e["article"] == id.as_str())
                .unwrap()
        })
        .collect();
    assert!(pos.windows(2).all(|w| w[0] <= w[1]), "{pos:?}");
    // the fields of `dyad events --format jsonl` without the id, and the same events
    let f = env.write("articles.jsonl", &input);
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let stored = env.events();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut want = keys(&stored[0]);
    want.retain(|k| k != "id");
    assert_eq!(keys(&events[0]), want);
    assert_eq!(comparable(events), comparable(stored));
}

#[test]
fn extract_jsonl_reports_a_broken_line_and_goes_on() {
    let env = TestEnv::new();
    let input = concat!(
        r#"{"id": "a1", "date": "2023-04-02", "text": "Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday for talks."}"#,
        "\n",
        r#"{"id": "broken", "text": "#,
        "\n",
        r#"{"date": "2021-04-16", "text": "Poland expelled three Russian diplomats on Thursday."}"#,
        "\n"
    );
    let o = env.run_stdin(&["extract", "--jsonl"], input);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let errors: Vec<&str> = o
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", o.stderr);
    assert!(errors[0].contains("<stdin>:2"), "{}", o.stderr);
    let events = lines(&o.stdout);
    let articles: Vec<&str> = events
        .iter()
        .map(|e| e["article"].as_str().unwrap())
        .collect();
    // an article without an id is known by its line
    assert_eq!(articles, ["a1", "<stdin>:3"], "{}", o.stdout);
    assert_eq!(events[1]["type"], "expulsion");
}

#[test]
fn import_events_is_idempotent_and_full_import_completes_stubs() {
    let env = TestEnv::new();
    let input = sample_jsonl();
    let o = env.run_stdin(&["extract", "--jsonl"], &input);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let extracted = lines(&o.stdout);
    let f = env.write("events.jsonl", &o.stdout);

    let o = env.run(&["import-events", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let once = env.events();
    assert_eq!(comparable(once.clone()), comparable(extracted.clone()));
    let o = env.run(&["import-events", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("imported 0 events"), "{}", o.stderr);
    assert_eq!(env.events(), once);
    let o = env.run(&["check"]);
    assert_eq!(o.code, 0, "{}{}", o.stdout, o.stderr);

    // importing the articles themselves fills the stubs in: nothing doubled
    let a = env.write("articles.jsonl", &input);
    let o = env.run(&["import", a.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(comparable(env.events()), comparable(extracted));
    let o = env.run(&["stats", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(
        stats["articles"]["total"].as_u64().unwrap() as usize,
        input.lines().count()
    );
}

#[test]
fn import_events_reports_bad_lines() {
    let env = TestEnv::new();
    let f = env.write(
        "events.jsonl",
        concat!(
            r#"{"article": "x1", "type": "visit", "actor": "JP", "target": "CN", "date": "2023-04-02", "date_basis": "text", "status": "occurred", "action": "imposed", "summary": "JP visits CN", "evidence": "Hayashi visited Beijing.", "confidence": 0.9, "rule": "visit.arrive", "title": "T", "pub_date": "2023-04-03"}"#,
            "\n",
            r#"{"article": "x2", "type": "nonsense"}"#,
            "\n"
        ),
    );
    let o = env.run(&["import-events", f.to_str().unwrap()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("events.jsonl:2"), "{}", o.stderr);
    let ev = env.events();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0]["article"], "x1");
    assert_eq!(ev[0]["pub_date"], "2023-04-03");
    let o = env.run(&["timeline", "JP", "CN", "--format", "jsonl"]);
    assert_eq!(lines(&o.stdout).len(), 1, "{}", o.stderr);
}

#[test]
fn merge_combines_databases_without_duplicates() {
    let input = sample_jsonl();
    let all: Vec<&str> = input.lines().collect();
    let part = |env: &TestEnv, recs: &[&str]| {
        let f = env.write("part.jsonl", recs.join("\n"));
        let o = env.run(&["import", f.to_str().unwrap()]);
        assert_eq!(o.code, 0, "{}", o.stderr);
    };
    // two machines with overlapping shares, one of them knowing some articles only as events
    let (m1, m2, m3) = (TestEnv::new(), TestEnv::new(), TestEnv::new());
    part(&m1, &all[..30]);
    part(&m2, &all[20..]);
    let o = m3.run_stdin(&["extract", "--jsonl"], &all[40..].join("\n"));
    let f = m3.write("events.jsonl", &o.stdout);
    assert_eq!(m3.run(&["import-events", f.to_str().unwrap()]).code, 0);

    let reference = TestEnv::new();
    part(&reference, &all);

    let out = TestEnv::new();
    let dbs = [m3.db(), m1.db(), m2.db()];
    let args: Vec<&str> = std::iter::once("merge")
        .chain(dbs.iter().map(|p| p.to_str().unwrap()))
        .collect();
    let o = out.run(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let merged = out.events();
    assert_eq!(comparable(merged.clone()), comparable(reference.events()));
    let stats = |env: &TestEnv| -> serde_json::Value {
        serde_json::from_str(&env.run(&["stats", "--format", "json"]).stdout).unwrap()
    };
    assert_eq!(stats(&out)["articles"]["total"], all.len());
    // again: nothing added
    let o = out.run(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(out.events(), merged);
    // per article, the same events as the reference
    let by_article = |ev: Vec<serde_json::Value>| {
        let mut m: BTreeMap<String, usize> = BTreeMap::new();
        for e in ev {
            *m.entry(e["article"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
        m
    };
    assert_eq!(by_article(merged), by_article(reference.events()));
    assert_eq!(out.run(&["check"]).code, 0);
}

/// A long timeline streams: a table past its sizing sample (1,000 entries) keeps one header
/// and aligned columns, JSON lines and CSV hold every entry, and a reader that stops early
/// (`| head`) ends the run cleanly.
#[test]
fn long_timelines_stream_in_every_row_format() {
    let env = TestEnv::new();
    let start = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let feed: String = (0..1200)
        .map(|i| {
            let d = start + chrono::Duration::days(i * 2);
            format!(
                "{}\n",
                serde_json::json!({"id": format!("s{i}"), "date": d.to_string(), "source": "Wire",
                    "text": format!("Japan imposed sanctions on China on {}.", d.format("%B %-d, %Y"))})
            )
        })
        .collect();
    env.write("long.jsonl", feed);
    assert_eq!(env.run(&["import", "long.jsonl"]).code, 0);
    let o = env.run(&["timeline", "JP", "CN"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let lines: Vec<&str> = o.stdout.lines().collect();
    assert_eq!(lines.len(), 1202, "{}", &o.stdout[..500]);
    assert!(lines[0].starts_with("id"));
    assert_eq!(lines.iter().filter(|l| l.starts_with("id ")).count(), 1);
    let col = lines[0].find("date").unwrap();
    for l in &lines[2..] {
        assert!(l[col..col + 5].ends_with('-'), "{l}");
        assert!(l[col..col + 4].parse::<u32>().is_ok(), "{l}");
    }
    // in order, one entry a line
    let o = env.run(&["timeline", "JP", "CN", "--format", "jsonl"]);
    let dates: Vec<String> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["date"].to_string())
        .collect();
    assert_eq!(dates.len(), 1200);
    assert!(dates.windows(2).all(|w| w[0] < w[1]));
    let o = env.run(&["timeline", "JP", "CN", "--format", "csv"]);
    assert_eq!(
        csv::Reader::from_reader(o.stdout.as_bytes())
            .records()
            .count(),
        1200
    );
    // a reader that goes away: exit 0, no error
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("dyad"))
        .arg("--db")
        .arg(env.db())
        .args(["timeline", "JP", "CN", "--format", "jsonl"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::BufRead;
        let out = child.stdout.take().unwrap();
        let first = std::io::BufReader::new(out)
            .lines()
            .next()
            .unwrap()
            .unwrap();
        assert!(first.contains("\"type\":\"sanction\""));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

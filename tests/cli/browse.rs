//! `dyad pairs`, `dyad coverage`, `dyad search` and `dyad articles`.

use crate::support::TestEnv;
use serde_json::Value;

fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let f = env.write(
        "news.jsonl",
        concat!(
            r#"{"id": "a1", "title": "Visit", "date": "2023-04-02", "source": "Wire", "text": "Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday for talks."}"#,
            "\n",
            r#"{"id": "a2", "title": "Chips", "date": "2023-03-31", "source": "Daily", "text": "Japan will restrict exports of 23 types of chip-making equipment to China from July, the trade ministry said on Friday."}"#,
            "\n",
            r#"{"id": "a3", "title": "Markets", "date": "2023-06-15", "source": "Wire", "text": "Shares in Tokyo and Shanghai rose on Thursday as investors looked past trade worries between Japan and China."}"#,
            "\n",
            r#"{"id": "a4", "title": "Diplomats", "date": "2022-04-16", "source": "Wire", "text": "Poland expelled three Russian diplomats on Thursday."}"#,
            "\n",
            r#"{"id": "a5", "title": "Weather", "date": "2023-05-01", "source": "Wire", "text": "Rain is expected across the region this week."}"#,
            "\n"
        ),
    );
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    env
}

fn jsonl(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let o = env.run(args);
    assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
    o.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn pairs_rank_pairs_by_events_per_year_and_follow_decisions() {
    let env = seeded();
    let p = jsonl(&env, &["pairs", "--format", "jsonl"]);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(
        (p[0]["a"].as_str(), p[0]["b"].as_str()),
        (Some("CN"), Some("JP"))
    );
    assert_eq!(p[0]["events"], 2);
    assert_eq!(p[0]["by_year"]["2023"], 2);
    assert_eq!(p[0]["b_name"], "Japan");
    assert_eq!(p[1]["by_year"]["2022"], 1);
    // filters
    assert_eq!(
        jsonl(&env, &["pairs", "--country", "Poland", "--format", "jsonl"]).len(),
        1
    );
    assert_eq!(
        jsonl(&env, &["pairs", "--from", "2023", "--format", "jsonl"]).len(),
        1
    );
    assert_eq!(
        jsonl(&env, &["pairs", "-n", "1", "--format", "jsonl"]).len(),
        1
    );
    // the table draws a chart; CSV has a column per year
    let o = env.run(&["pairs"]);
    assert!(o.stdout.contains("CN–JP  China – Japan"), "{}", o.stdout);
    let o = env.run(&["pairs", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        ["a", "b", "a_name", "b_name", "events", "2022", "2023", "undated"]
    );
    // counts follow rejections and re-extraction
    let ev = jsonl(&env, &["timeline", "PL", "RU", "--format", "jsonl"]);
    let id = ev[0]["id"].to_string();
    assert_eq!(env.run(&["event", "reject", &id]).code, 0);
    assert_eq!(jsonl(&env, &["pairs", "--format", "jsonl"]).len(), 1);
    assert_eq!(env.run(&["extract", "--all"]).code, 0);
    let p = jsonl(&env, &["pairs", "--format", "jsonl"]);
    assert_eq!((p.len(), p[0]["events"].as_i64()), (1, Some(2)));
    // bad input
    for args in [
        vec!["pairs", "--country", "Atlantis"],
        vec!["pairs", "--from", "2024", "--to", "2020"],
        vec!["pairs", "--format", "xml"],
    ] {
        assert_eq!(env.run(&args).code, 2, "{args:?}");
    }
}

#[test]
fn coverage_tells_months_without_articles_from_months_without_events() {
    let env = seeded();
    let c = jsonl(&env, &["coverage", "JP", "CN", "--format", "jsonl"]);
    let months: Vec<(&str, i64, i64)> = c
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap(),
                m["articles"].as_i64().unwrap(),
                m["events"].as_i64().unwrap(),
            )
        })
        .collect();
    // March: the chips article and its event; April: the visit; May: nothing (the gap is
    // shown); June: an article about both with no event; July: the controls take effect
    assert_eq!(
        months,
        [
            ("2023-03", 1, 0),
            ("2023-04", 1, 1),
            ("2023-05", 0, 0),
            ("2023-06", 1, 0),
            ("2023-07", 0, 1),
        ]
    );
    let o = env.run(&["coverage", "Japan", "China"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.contains("2023-05  0"), "{}", o.stdout);
    assert!(o.stdout.contains("no articles"), "{}", o.stdout);
    assert!(o.stdout.contains("articles, no events"), "{}", o.stdout);
    // articles stored before the country index are counted once re-extracted
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute("DELETE FROM article_countries", []).unwrap();
    drop(conn);
    let o = env.run(&["coverage", "JP", "CN"]);
    assert!(
        o.stderr.contains("5 articles were stored before"),
        "{}",
        o.stderr
    );
    assert_eq!(env.run(&["extract", "--all"]).code, 0);
    let again = jsonl(&env, &["coverage", "JP", "CN", "--format", "jsonl"]);
    assert_eq!(again, c);
    assert_eq!(env.run(&["coverage", "JP", "JPN"]).code, 2);
}

#[test]
fn search_finds_words_and_phrases_with_filters() {
    let env = seeded();
    let hits = jsonl(&env, &["search", "export", "--format", "jsonl"]);
    assert!(hits.is_empty(), "whole words only: {hits:?}");
    let hits = jsonl(&env, &["search", "export*", "--format", "jsonl"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["article"], "a2");
    assert_eq!(hits[0]["events"], 1);
    assert!(
        hits[0]["snippet"].as_str().unwrap().contains("[exports]"),
        "{hits:?}"
    );
    let hits = jsonl(
        &env,
        &[
            "search",
            "\"foreign minister\" OR shares",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(hits.len(), 2);
    let hits = jsonl(
        &env,
        &["search", "Thursday", "--country", "PL", "--format", "jsonl"],
    );
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["article"], "a4");
    let hits = jsonl(
        &env,
        &["search", "Thursday", "--from", "2023", "--format", "jsonl"],
    );
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["article"], "a3");
    // diacritics and case fold
    let o = env.run(&["search", "BEIJING"]);
    assert!(o.stdout.contains("[Beijing]"), "{}", o.stdout);
    for bad in ["AND (", "\"unterminated", "NEAR("] {
        let o = env.run(&["search", bad]);
        assert_eq!(o.code, 2, "{bad}: {}", o.stderr);
        assert!(o.stderr.contains("invalid search"), "{}", o.stderr);
    }
    let o = env.run(&["search", "zeppelin"]);
    assert_eq!((o.code, o.stdout.as_str()), (0, ""));
    assert!(o.stderr.contains("no article matches"), "{}", o.stderr);
}

#[test]
fn articles_lists_newest_first_with_countries_and_events() {
    let env = seeded();
    let a = jsonl(&env, &["articles", "--format", "jsonl"]);
    let ids: Vec<&str> = a.iter().map(|r| r["article"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a3", "a5", "a1", "a2", "a4"]);
    let mut c: Vec<&str> = a[0]["countries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    c.sort();
    assert_eq!(c, ["CN", "JP"]);
    assert_eq!(a[1]["countries"], serde_json::json!([]));
    let a = jsonl(
        &env,
        &[
            "articles",
            "--with-events",
            "--country",
            "JP,CN",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(a.len(), 2);
    // an article whose events were all rejected has none
    let chips = jsonl(
        &env,
        &[
            "timeline",
            "JP",
            "CN",
            "--type",
            "export_control",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(
        env.run(&["event", "reject", &chips[0]["id"].to_string()])
            .code,
        0
    );
    let a = jsonl(
        &env,
        &[
            "articles",
            "--with-events",
            "--country",
            "JP,CN",
            "--format",
            "jsonl",
        ],
    );
    assert_eq!(a.len(), 1, "{a:?}");
    let a = jsonl(
        &env,
        &["articles", "--source", "daily", "--format", "jsonl"],
    );
    assert_eq!(a.len(), 1);
    let o = env.run(&["articles", "--format", "csv", "-n", "2"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_bytes());
    assert_eq!(r.records().count(), 2);
    assert_eq!(env.run(&["articles", "--from", "2023-13"]).code, 2);
}

//! timeline, events, stats, dates, explain, extract, demo: fields, formats and exit codes.

use crate::support::TestEnv;
use serde_json::json;

fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let f = env.write(
        "news.jsonl",
        concat!(
            r#"{"id": "n1", "title": "Visit", "date": "2023-04-02", "url": "https://example.org/n1", "source": "Wire", "text": "Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday for talks."}"#,
            "\n",
            r#"{"id": "n2", "title": "Controls", "date": "2023-03-31", "text": "The Netherlands imposed export controls on China in March."}"#,
            "\n",
            r#"{"id": "n3", "title": "Expulsion", "date": "2021-04-16", "text": "Poland expelled three Russian diplomats on Thursday."}"#,
            "\n"
        ),
    );
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    env
}

#[test]
fn timeline_accepts_codes_and_names_in_any_case() {
    let env = seeded();
    for (a, b) in [
        ("JP", "CN"),
        ("jpn", "chn"),
        ("japan", "China"),
        ("CN", "JP"),
    ] {
        let o = env.run(&["timeline", a, b, "--format", "json"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), 1, "{a} {b}: {rows:?}");
        let r = &rows[0];
        assert_eq!(r["type"], "visit");
        assert_eq!(r["actor"], "JP");
        assert_eq!(r["target"], "CN");
        assert_eq!(r["date"], "2023-04-02");
        assert_eq!(r["date_basis"], "text");
        assert_eq!(r["status"], "occurred");
        assert_eq!(r["article"], "n1");
        assert_eq!(r["url"], "https://example.org/n1");
        assert!(r["evidence"]
            .as_str()
            .unwrap()
            .contains("arrived in Beijing"));
    }
}

#[test]
fn timeline_filters_and_formats() {
    let env = seeded();
    let o = env.run(&["timeline", "NL", "CN", "--format", "csv"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut r = csv::Reader::from_reader(o.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 1);
    let h = r.headers().unwrap().clone();
    let get = |k: &str| {
        rows[0]
            .get(h.iter().position(|x| x == k).unwrap())
            .unwrap()
            .to_string()
    };
    assert_eq!(get("type"), "export_control");
    assert_eq!(get("date"), "2023-03");
    assert_eq!(get("precision"), "month");
    let o = env.run(&[
        "timeline", "NL", "CN", "--from", "2023-04", "--format", "jsonl",
    ]);
    assert_eq!(
        o.stdout, "",
        "a month-precision event before --from is left out"
    );
    let o = env.run(&[
        "timeline", "NL", "CN", "--type", "sanction", "--format", "jsonl",
    ]);
    assert_eq!(o.stdout, "");
    let o = env.run(&["timeline", "RU", "PL"]);
    assert!(
        o.stdout.contains("PL → RU") && o.stdout.contains("expulsion"),
        "{}",
        o.stdout
    );
    let out = env.path("t.json");
    let o = env.run(&[
        "timeline",
        "PL",
        "RU",
        "--format",
        "json",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.code, 0);
    assert!(o.stdout.is_empty());
    assert!(std::fs::read_to_string(out)
        .unwrap()
        .contains("\"expulsion\""));
}

#[test]
fn usage_errors_exit_2() {
    let env = seeded();
    for args in [
        vec!["timeline", "JP", "Atlantis"],
        vec!["timeline", "JP", "JP"],
        vec!["timeline", "JP", "CN", "--from", "2023-13"],
        vec!["timeline", "JP", "CN", "--type", "picnic"],
        vec!["timeline", "JP", "CN", "--format", "xml"],
        vec!["frobnicate"],
        vec!["dates", "--dct", "yesterday"],
        vec!["extract"],
    ] {
        let o = env.run(&args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.starts_with("error"), "{args:?}: {}", o.stderr);
    }
}

#[test]
fn events_jsonl_has_the_scorer_fields() {
    let env = seeded();
    for e in env.events() {
        for k in [
            "article",
            "type",
            "actor",
            "target",
            "date",
            "date_end",
            "date_basis",
            "status",
            "evidence",
            "confidence",
            "rule",
        ] {
            assert!(e.get(k).is_some(), "missing {k} in {e}");
        }
    }
}

#[test]
fn stats_json_shape() {
    let env = seeded();
    let o = env.run(&["stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["articles"]["total"], 3);
    assert_eq!(v["articles"]["dated"], 3);
    assert!(v["events"]["total"].as_i64().unwrap() >= 3);
    assert_eq!(v["events"]["by_type"]["expulsion"], 1);
    let pairs = v["pairs"].as_array().unwrap();
    assert!(
        pairs
            .iter()
            .any(|p| p["a"] == "PL" && p["b"] == "RU" && p["events"] == 1),
        "{pairs:?}"
    );
}

#[test]
fn dates_prints_timexes_with_char_offsets() {
    let env = TestEnv::new();
    let text = "Tokyo’s “new” controls were announced on Sunday, 2 April 2023.";
    let f = env.write("t.txt", text);
    let o = env.run(&["dates", "--dct", "2023-04-04", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let chars: Vec<char> = text.chars().collect();
    let rows: Vec<serde_json::Value> = o
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!rows.is_empty());
    for r in &rows {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            r["text"].as_str().unwrap()
        );
    }
    assert!(rows.iter().any(|r| r["value"] == "2023-04-02"), "{rows:?}");
}

#[test]
fn explain_shows_rule_spans_and_date() {
    let env = seeded();
    let id = env.events().iter().find(|e| e["type"] == "visit").unwrap()["id"]
        .as_i64()
        .unwrap();
    let o = env.run(&["explain", &id.to_string()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    for want in [
        "rule:",
        "trigger:    “arrived in”",
        "actor:      JP",
        "target:     CN “Beijing”",
        "how dated:",
        "Sunday",
    ] {
        assert!(o.stdout.contains(want), "missing {want:?} in\n{}", o.stdout);
    }
    assert_eq!(env.run(&["explain", "99999"]).code, 2);
}

#[test]
fn extract_all_is_idempotent_and_follows_data_dir() {
    let env = seeded();
    let before = env.events();
    let o = env.run(&["extract", "--all"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let strip = |v: Vec<serde_json::Value>| -> Vec<String> {
        v.into_iter()
            .map(|mut e| {
                e["id"] = 0.into();
                e.to_string()
            })
            .collect()
    };
    assert_eq!(strip(env.events()), strip(before));
    // an override directory that removes the expulsion rule file's rules
    env.write("data/patterns/30-detention.toml", "# no rules\n");
    let o = env.run(&[
        "--data-dir",
        env.path("data").to_str().unwrap(),
        "extract",
        "--all",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!env.events().iter().any(|e| e["type"] == "expulsion"));
    // a broken override names its file and line
    env.write("data/titles.csv", "word,class\nminister,boss\n");
    let o = env.run(&[
        "--data-dir",
        env.path("data").to_str().unwrap(),
        "extract",
        "--all",
    ]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("titles.csv:2: unknown class \"boss\""),
        "{}",
        o.stderr
    );
}

#[test]
fn demo_prints_the_japan_china_timeline() {
    let env = TestEnv::new();
    let mut c = env.cmd();
    let out = c.arg("demo").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("JP → CN") || stdout.contains("CN → JP"),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("next:"));
}

/// Issue 5: three reports of one visit (two outlets, one a reprint of the other's wire copy)
/// become one timeline entry; `--no-merge` keeps a row per event.
#[test]
fn timeline_merges_reports_of_the_same_event() {
    let env = TestEnv::new();
    let wire =
        "Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday for talks.";
    let feed = [
        json!({"id": "w1", "source": "Wire", "date": "2023-04-02", "title": "Hayashi in Beijing",
               "text": wire}),
        json!({"id": "d1", "source": "Daily", "date": "2023-04-03", "title": "Hayashi visits China",
               "text": format!("{wire}\n\nThe visit is the first in three years.")}),
        json!({"id": "p1", "source": "Post", "date": "2023-04-02", "title": "Minister in China",
               "text": "Japan's foreign minister Yoshimasa Hayashi visited China on April 2, the first such trip in three years."}),
        json!({"id": "s1", "source": "Post", "date": "2023-08-25", "title": "Seafood ban",
               "text": "China banned all imports of Japanese seafood on Thursday."}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>();
    env.write("feed.jsonl", feed);
    let o = env.run(&["import", "feed.jsonl"]);
    assert_eq!(o.code, 0, "{}", o.stderr);

    let o = env.run(&["timeline", "JP", "CN", "--format", "json"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let visit = &rows[0];
    assert_eq!(visit["type"], "visit");
    assert_eq!(visit["date"], "2023-04-02");
    assert_eq!(visit["articles"], 3);
    assert_eq!(visit["sources"], 2);
    assert_eq!(visit["first_reported"], "2023-04-02");
    assert_eq!(visit["last_reported"], "2023-04-03");
    assert_eq!(visit["members"].as_array().unwrap().len(), 3);
    assert_eq!(rows[1]["type"], "sanction");
    assert_eq!(rows[1]["articles"], 1);

    let o = env.run(&["timeline", "JP", "CN", "--format", "json", "--no-merge"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4, "{v}");

    let o = env.run(&["timeline", "JP", "CN"]);
    assert!(
        o.stdout.lines().next().unwrap().contains("reports"),
        "{}",
        o.stdout
    );
    assert!(o.stdout.contains("3/2"), "{}", o.stdout);

    let o = env.run(&["timeline", "JP", "CN", "--format", "csv"]);
    let mut r = csv::Reader::from_reader(o.stdout.as_bytes());
    let h = r.headers().unwrap().clone();
    assert_eq!(h.get(0), Some("id"));
    assert_eq!(h.get(h.len() - 5), Some("articles"));
    let first = r.records().next().unwrap().unwrap();
    assert_eq!((&first[h.len() - 5], &first[h.len() - 4]), ("3", "2"));

    let id = visit["members"][1].to_string();
    let o = env.run(&["explain", &id]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("merged with: 2 other reports"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("dates equal at day precision"),
        "{}",
        o.stdout
    );
}

/// `--window DAYS`: how far apart reports dated only by their publication may merge.
#[test]
fn timeline_merge_window_is_an_option() {
    let env = TestEnv::new();
    let feed = [
        json!({"id": "a", "source": "A", "date": "2023-08-24",
               "text": "China has banned imports of Japanese seafood, officials said."}),
        json!({"id": "b", "source": "B", "date": "2023-08-30",
               "text": "China has banned imports of seafood from Japan, traders said."}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>();
    env.write("feed.jsonl", feed);
    assert_eq!(env.run(&["import", "feed.jsonl"]).code, 0);
    let count = |extra: &[&str]| -> usize {
        let mut args = vec!["timeline", "CN", "JP", "--format", "json"];
        args.extend(extra);
        let o = env.run(&args);
        assert_eq!(o.code, 0, "{}", o.stderr);
        serde_json::from_str::<serde_json::Value>(&o.stdout)
            .unwrap()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count(&[]), 2);
    assert_eq!(count(&["--window", "7"]), 1);
    assert_eq!(env.run(&["timeline", "CN", "JP", "--window", "x"]).code, 2);
    assert_eq!(
        env.run(&["timeline", "CN", "JP", "--window", "7", "--no-merge"])
            .code,
        2
    );
}

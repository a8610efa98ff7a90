//! `dyad import`: formats, de-duplication, bad input.

use crate::support::TestEnv;

const STORY: &str = "Title: Japan protests detention\nDate: 2023-04-02\nSource: Test Wire\n\nJapan lodged a formal protest with China on Sunday over the detention of a Japanese national.\n";

#[test]
fn imports_text_with_headers_and_reimport_changes_nothing() {
    let env = TestEnv::new();
    let f = env.write("a.txt", STORY);
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.is_empty(), "import prints no data: {}", o.stdout);
    assert!(
        o.stderr
            .contains("imported 1 new, 0 unchanged, 0 failed articles"),
        "{}",
        o.stderr
    );
    let ev = env.events();
    assert!(
        ev.iter()
            .any(|e| e["type"] == "protest" && e["actor"] == "JP" && e["target"] == "CN"),
        "{ev:?}"
    );
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert!(
        o.stderr.contains("imported 0 new, 1 unchanged"),
        "{}",
        o.stderr
    );
    assert_eq!(env.events().len(), ev.len());
}

#[test]
fn jsonl_with_a_broken_line_keeps_the_good_ones() {
    let env = TestEnv::new();
    let f = env.write(
        "feed.jsonl",
        concat!(
            r#"{"id": "a1", "headline": "x", "body": "Japan protested to China on Monday.", "published_at": "2023-04-04T09:00:00+09:00"}"#,
            "\n{\"id\": \"a2\", \"text\": \"broken\n",
            r#"{"id": "a3", "content": "Russia expelled two German diplomats on Friday.", "pub_date": "2023-04-01"}"#,
            "\n"
        ),
    );
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 1, "some input failed: {}", o.stderr);
    assert!(
        o.stderr.contains("feed.jsonl:2"),
        "names file and line: {}",
        o.stderr
    );
    assert!(
        o.stderr.contains("imported 2 new, 0 unchanged, 1 failed"),
        "{}",
        o.stderr
    );
    let ev = env.events();
    let arts: Vec<&str> = ev.iter().map(|e| e["article"].as_str().unwrap()).collect();
    assert!(arts.contains(&"a1") && arts.contains(&"a3"), "{ev:?}");
}

#[test]
fn bad_files_are_named_and_the_rest_imported() {
    let env = TestEnv::new();
    env.write("in/empty.txt", "");
    env.write("in/binary.txt", [0u8, 159, 146, 150, 0, 1, 2]);
    env.write(
        "in/latin1.txt",
        b"Date: 2023-04-02\n\nJapan protested to China on Sunday \xe9.\n",
    );
    env.write("in/good.md", "# Visit\n\nDate: 2023-04-02\n\nGood text.\n");
    env.write("in/notes.bin", "ignored");
    let o = env.run(&["import", env.path("in").to_str().unwrap()]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("empty.txt") && o.stderr.contains("empty"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("binary.txt"), "{}", o.stderr);
    assert!(
        o.stderr.contains("latin1.txt") && o.stderr.contains("UTF-8"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("imported 2 new"), "{}", o.stderr);
}

#[test]
fn missing_dates_are_inferred_or_left_undated_with_a_warning() {
    let env = TestEnv::new();
    env.write(
        "in/dated.txt",
        "On 3 March 2021 Japan protested to China over the detention of a Japanese national.\n",
    );
    env.write(
        "in/undated.txt",
        "Japan protested to China over the detention of a Japanese national yesterday.\n",
    );
    let o = env.run(&["import", env.path("in").to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stderr
            .contains("dated.txt: no publication date: inferred 2021-03-03"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("undated.txt: no publication date, and none could be inferred"),
        "{}",
        o.stderr
    );
    let s = env.run(&["stats", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&s.stdout).unwrap();
    assert_eq!(v["articles"]["total"], 2);
    assert_eq!(v["articles"]["inferred"], 1);
    assert_eq!(v["articles"]["undated"], 1);
}

#[test]
fn stdin_needs_a_format_and_dates_can_be_defaulted() {
    let env = TestEnv::new();
    let o = env.run_stdin(&["import", "-"], "x");
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("needs --format"), "{}", o.stderr);
    let o = env.run_stdin(
        &[
            "import",
            "-",
            "--format",
            "jsonl",
            "--date",
            "2024-05-01",
            "--source",
            "Desk",
        ],
        "{\"text\": \"Japan protested to China on Monday.\"}\n",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let ev = env.events();
    assert_eq!(ev[0]["source"], "Desk");
    assert_eq!(ev[0]["pub_date"], "2024-05-01");
}

#[test]
fn a_newer_database_is_refused() {
    let env = TestEnv::new();
    assert_eq!(env.run(&["stats"]).code, 0);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute_batch("PRAGMA user_version = 999").unwrap();
    drop(conn);
    let o = env.run(&["stats"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("schema version 999, newer than this dyad supports"),
        "{}",
        o.stderr
    );
}

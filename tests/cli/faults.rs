//! Issue 7: hostile and broken input. None panics; each bad file or record gets one message
//! naming it; every good record of the same run is kept.

use crate::support::{Output, TestEnv};
use serde_json::json;

/// Exit 0 or 1 (never a panic's 101), no panic message.
fn no_panic(o: &Output) {
    assert!(o.code == 0 || o.code == 1, "exit {}: {}", o.code, o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
}

/// Lines of stderr that mention `needle`.
fn lines_with<'a>(o: &'a Output, needle: &str) -> Vec<&'a str> {
    o.stderr.lines().filter(|l| l.contains(needle)).collect()
}

fn articles(env: &TestEnv) -> Vec<String> {
    let mut ids: Vec<String> = env
        .events()
        .iter()
        .map(|e| e["article"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn jsonl(records: &[serde_json::Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

fn good(id: &str) -> serde_json::Value {
    json!({"id": id, "date": "2023-04-02", "text": format!("Japan protested to China on Sunday over case {id}.")})
}

#[test]
fn invalid_utf8_is_replaced_in_files_and_refused_in_a_jsonl_line() {
    let env = TestEnv::new();
    env.write(
        "in/latin1.txt",
        b"Date: 2023-04-02\n\nJapan protested to China on Sunday \xe9t\xe9.\n",
    );
    let mut feed = jsonl(&[good("g1")]).into_bytes();
    feed.extend_from_slice(b"{\"id\": \"bad\", \"text\": \"caf\xe9\"}\n");
    feed.extend_from_slice(jsonl(&[good("g2")]).as_bytes());
    env.write("in/feed.jsonl", feed);
    let o = env.run(&["import", "in"]);
    no_panic(&o);
    assert_eq!(o.code, 1);
    assert_eq!(lines_with(&o, "latin1.txt").len(), 1, "{}", o.stderr);
    assert!(
        o.stderr.contains("latin1.txt: invalid UTF-8"),
        "{}",
        o.stderr
    );
    assert_eq!(lines_with(&o, "feed.jsonl:2").len(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("imported 3 new"), "{}", o.stderr);
    assert_eq!(articles(&env), ["g1", "g2", "latin1"]);
}

#[test]
fn utf16_with_a_bom_and_crlf() {
    let env = TestEnv::new();
    let story = "Title: Protest\r\nDate: 2023-04-02\r\n\r\nJapan protested to China on Sunday.\r\nIt was the second time.\r\n";
    let mut le = vec![0xFF, 0xFE];
    le.extend(story.encode_utf16().flat_map(u16::to_le_bytes));
    env.write("in/le.txt", le);
    let mut be = vec![0xFE, 0xFF];
    be.extend(
        story
            .replace("Sunday", "Monday")
            .encode_utf16()
            .flat_map(u16::to_be_bytes),
    );
    env.write("in/be.txt", be);
    env.write("in/crlf.txt", story.replace("Sunday", "Tuesday"));
    let mut feed = vec![0xFF, 0xFE];
    let lines = "{\"id\": \"j1\", \"date\": \"2023-04-01\", \"text\": \"Russia expelled two German diplomats on Friday.\"}\r\n";
    feed.extend(lines.encode_utf16().flat_map(u16::to_le_bytes));
    env.write("in/le16.jsonl", feed);
    env.write(
        "in/crlf.csv",
        "id,title,date,text\r\nc1,Expulsion,2023-04-01,\"Poland expelled three Russian diplomats on Thursday.\r\nMore.\"\r\n",
    );
    let o = env.run(&["import", "in"]);
    no_panic(&o);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(articles(&env), ["be", "c1", "crlf", "j1", "le"]);
    for e in env.events() {
        let ev = e["evidence"].as_str().unwrap();
        assert!(!ev.contains('\r') && !ev.contains('\u{feff}'), "{e}");
        if e["article"] != "j1" && e["article"] != "c1" {
            assert_eq!(e["title"], "Protest", "headers read through CRLF: {e}");
            assert_eq!(e["pub_date"], "2023-04-02", "{e}");
        }
    }
}

#[test]
fn a_50_mb_single_line() {
    let env = TestEnv::new();
    let pad = "x".repeat(50 * 1024 * 1024);
    let mut feed = String::new();
    // a valid record whose line is 50 MB (an unknown field is ignored)
    feed.push_str(
        &json!({"id": "huge", "date": "2023-04-02", "text": "Japan protested to China on Sunday.", "padding": pad})
            .to_string(),
    );
    feed.push('\n');
    // a 50 MB line that never ends its string
    feed.push_str("{\"id\": \"broken\", \"text\": \"");
    feed.push_str(&pad);
    feed.push('\n');
    feed.push_str(&jsonl(&[good("after")]));
    drop(pad);
    env.write("feed.jsonl", feed);
    let o = env.run(&["import", "feed.jsonl"]);
    no_panic(&o);
    assert_eq!(o.code, 1);
    assert_eq!(lines_with(&o, "feed.jsonl:2").len(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("imported 2 new"), "{}", o.stderr);
    assert_eq!(articles(&env), ["after", "huge"]);
}

#[test]
fn deeply_nested_json() {
    let env = TestEnv::new();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    env.write("in/deep.json", &deep);
    let nested = format!(
        "{{\"id\": \"n\", \"text\": \"x\", \"meta\": {}1{}}}",
        "{\"a\":".repeat(100_000),
        "}".repeat(100_000)
    );
    env.write(
        "in/deep.jsonl",
        format!("{nested}\n{deep}\n{}", jsonl(&[good("ok")])),
    );
    let o = env.run(&["import", "in"]);
    no_panic(&o);
    assert_eq!(o.code, 1);
    let ls = lines_with(&o, "in/deep.json: ");
    assert_eq!(ls.len(), 1, "{}", o.stderr);
    assert!(ls[0].contains("recursion limit"), "{}", ls[0]);
    assert!(o.stderr.contains("deep.jsonl:1: "), "{}", o.stderr);
    assert!(o.stderr.contains("deep.jsonl:2: "), "{}", o.stderr);
    assert!(o.stderr.contains("imported 1 new"), "{}", o.stderr);
    assert_eq!(articles(&env), ["ok"]);
}

#[test]
fn missing_and_mistyped_fields() {
    let env = TestEnv::new();
    let feed = jsonl(&[
        good("ok1"),
        json!({"id": "notext", "title": "x"}),
        json!({"id": "numtext", "text": 42}),
        json!({"id": "nulltext", "text": null}),
        json!({"id": {"a": 1}, "date": "2023-04-01", "text": "Russia expelled two German diplomats on Friday."}),
        json!({"id": "numdate", "date": 20230402, "text": "Poland expelled three Russian diplomats on Thursday."}),
        json!({"id": "arrtitle", "title": ["a"], "date": "2023-04-03", "text": "France expelled a Russian diplomat on Monday."}),
        json!(["not", "an", "object"]),
    ]);
    env.write("f.jsonl", feed);
    env.write("f.csv", "id,title\nc1,no text column\n");
    let o = env.run(&["import", "f.jsonl", "f.csv"]);
    no_panic(&o);
    assert_eq!(o.code, 1);
    for (line, what) in [
        (2, "no text"),
        (3, "not a string"),
        (4, "no text"),
        (5, "'id' is an object"),
        (6, "'date' is a number"),
        (7, "'title' is an array"),
        (8, "not a JSON object"),
    ] {
        let at = format!("f.jsonl:{line}: ");
        let ls = lines_with(&o, &at);
        assert!(
            ls.iter().any(|l| l.contains(what)),
            "{at} {what}: {}",
            o.stderr
        );
    }
    assert!(o.stderr.contains("f.csv"), "{}", o.stderr);
    assert!(o.stderr.contains("imported 4 new"), "{}", o.stderr);
    assert_eq!(articles(&env).len(), 4, "{:?}", articles(&env));
}

#[test]
fn duplicate_ids_with_different_text() {
    let env = TestEnv::new();
    let first =
        json!({"id": "dup", "date": "2023-04-02", "text": "Japan protested to China on Sunday."});
    let second = json!({"id": "dup", "date": "2023-04-02", "text": "China expelled two Japanese diplomats on Sunday."});
    env.write("a.jsonl", jsonl(&[first, second.clone(), good("ok")]));
    let o = env.run(&["import", "a.jsonl"]);
    no_panic(&o);
    assert_eq!(o.code, 1);
    let ls = lines_with(&o, "a.jsonl:2");
    assert_eq!(ls.len(), 1, "{}", o.stderr);
    assert!(
        ls[0].contains("same id but a different text"),
        "{}",
        o.stderr
    );
    // across runs too; the first text stays
    env.write("b.jsonl", jsonl(&[second]));
    let o = env.run(&["import", "b.jsonl"]);
    assert_eq!(o.code, 1);
    assert_eq!(lines_with(&o, "b.jsonl:1").len(), 1, "{}", o.stderr);
    let ev = env.events();
    let dup: Vec<_> = ev.iter().filter(|e| e["article"] == "dup").collect();
    assert_eq!(dup.len(), 1, "{ev:?}");
    assert_eq!(dup[0]["type"], "protest");
}

#[test]
fn impossible_and_far_dates() {
    let env = TestEnv::new();
    let dates = [
        "2023-02-31",
        "2023-13-01",
        "Feb 30, 2024",
        "1900-02-29",
        "0000-00-00",
        "0001-01-01",
        "-0044-03-15",
        "9999-12-31",
        "+275760-09-13",
        "99999-01-01",
        "253402300800",
        "2000-02-29",
    ];
    let records: Vec<_> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| json!({"id": format!("d{i}"), "date": d, "text": format!("Japan protested to China over case {i}.")}))
        .collect();
    env.write("dates.jsonl", jsonl(&records));
    env.write(
        "far.txt",
        "Date: 2023-04-02\n\nIn 3000 BC Japan protested to China. On 31 February 2023 Japan visited China. \
         In the year 99999 China expelled Japanese diplomats. On 1 January 10000 Japan sanctioned China.\n",
    );
    let o = env.run(&["import", "dates.jsonl", "far.txt"]);
    no_panic(&o);
    assert!(o.stderr.contains("imported 13 new"), "{}", o.stderr);
    // every article is kept; one unparseable date warns once, naming the record
    for (i, d) in dates.iter().enumerate() {
        let at = format!("dates.jsonl:{}: ", i + 1);
        let warned = lines_with(&o, &at);
        if *d == "2000-02-29" {
            assert!(warned.is_empty(), "{}", o.stderr);
        } else {
            assert!(
                warned.iter().any(|l| l.contains(&format!("date \"{d}\""))),
                "{d}: {}",
                o.stderr
            );
        }
    }
    let ev = env.events();
    assert!(ev.len() >= 13, "{ev:?}");
    for e in &ev {
        if let Some(d) = e["date"].as_str() {
            let year: i32 = d[..4].parse().unwrap();
            assert!((1000..=2100).contains(&year), "{e}");
        }
    }
    for args in [
        ["timeline", "JP", "CN", "--from", "0001", "--to", "9999"],
        [
            "timeline",
            "JP",
            "CN",
            "--from",
            "2023-02-28",
            "--to",
            "2023-03-01",
        ],
    ] {
        let o = env.run(&args);
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    let o = env.run(&["timeline", "JP", "CN", "--from", "2023-02-31"]);
    assert_eq!(
        o.code, 2,
        "an impossible --from is a usage error: {}",
        o.stderr
    );
}

#[test]
fn html_with_scripts() {
    let env = TestEnv::new();
    env.write(
        "page.html",
        r#"<html><head><title>Talks</title><meta property="article:published_time" content="2023-04-02">
<script>var s = "Japan sanctioned China on Sunday."; alert(1)</script><style>p { color: red }</style></head>
<body><nav>Japan imposed export controls on China.</nav><article>
<p>Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday for talks.</p>
<script>document.write("<p>China expelled Japanese diplomats on Sunday.</p>")</script>
<p onclick="alert(1)">Second <b>para</b> <img src=x onerror=alert(1)>.</p>
<noscript>China detained a Japanese national.</noscript></article></body></html>"#,
    );
    let o = env.run(&["import", "page.html"]);
    no_panic(&o);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let ev = env.events();
    assert_eq!(ev.len(), 1, "only the visit, nothing from scripts: {ev:?}");
    assert_eq!(ev[0]["type"], "visit");
    let all = env.run(&["events", "--format", "json"]).stdout;
    for bad in ["<script", "alert", "onclick", "onerror", "document.write"] {
        assert!(!all.contains(bad), "{bad} in {all}");
    }
}

#[test]
fn binary_files() {
    let env = TestEnv::new();
    let bin: Vec<u8> = (0u8..=255).cycle().take(100_000).collect();
    for name in [
        "in/a.txt",
        "in/b.jsonl",
        "in/c.json",
        "in/d.csv",
        "in/e.html",
    ] {
        env.write(name, &bin);
    }
    env.write("in/good.jsonl", jsonl(&[good("ok")]));
    let o = env.run(&["import", "in"]);
    no_panic(&o);
    assert_eq!(o.code, 1);
    for name in ["a.txt", "b.jsonl", "c.json", "d.csv", "e.html"] {
        let ls = lines_with(&o, name);
        assert_eq!(ls.len(), 1, "one message for {name}: {}", o.stderr);
        assert!(ls[0].contains("binary file"), "{}", ls[0]);
    }
    assert!(
        o.stderr.contains("imported 1 new, 0 unchanged, 5 failed"),
        "{}",
        o.stderr
    );
}

#[test]
fn an_empty_directory() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.path("empty")).unwrap();
    let o = env.run(&["import", "empty"]);
    no_panic(&o);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let ls = lines_with(&o, "empty: no importable files");
    assert_eq!(ls.len(), 1, "{}", o.stderr);
    assert!(o.stderr.contains("imported 0 new"), "{}", o.stderr);
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    use std::os::unix::fs::symlink;
    let env = TestEnv::new();
    env.write("in/sub/a.jsonl", jsonl(&[good("a")]));
    symlink("..", env.path("in/sub/up")).unwrap(); // a directory loop
    symlink("self.txt", env.path("in/self.txt")).unwrap(); // a link to itself
    symlink("b.txt", env.path("in/a.txt")).unwrap(); // a ↔ b
    symlink("a.txt", env.path("in/b.txt")).unwrap();
    let o = env.run(&["import", "in"]);
    no_panic(&o);
    assert_eq!(o.code, 1, "{}", o.stderr);
    for name in ["self.txt", "a.txt", "b.txt"] {
        let ls = lines_with(&o, &format!("in/{name}"));
        assert_eq!(ls.len(), 1, "{name}: {}", o.stderr);
        assert!(ls[0].starts_with("error: "), "{}", ls[0]);
    }
    assert!(
        o.stderr.contains("imported 1 new, 0 unchanged, 3 failed"),
        "{}",
        o.stderr
    );
    assert_eq!(articles(&env), ["a"]);
    // named directly
    let o = env.run(&["import", "in/self.txt"]);
    no_panic(&o);
    assert_eq!(o.code, 1);
    assert_eq!(lines_with(&o, "self.txt").len(), 1, "{}", o.stderr);
}

//! `dyad timeline --format markdown|html|timelinejs|timelinejs-csv` and `--excel`: each export
//! parses with a real reader, and `dyad events` keeps to the row formats.

use crate::support::TestEnv;

/// A day, a month and a malicious article between Japan and China, and an unrelated pair.
fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let f = env.write(
        "news.jsonl",
        concat!(
            r#"{"id": "n1", "title": "Visit", "date": "2023-04-02", "url": "https://example.org/n1", "source": "Wire", "text": "Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday for talks."}"#,
            "\n",
            r#"{"id": "n2", "title": "Controls", "date": "2023-03-31", "text": "Japan imposed export controls on China in March."}"#,
            "\n",
            r#"{"id": "n3", "title": "=HYPERLINK(\"http://evil.example\",\"x\")</title><script>alert(1)</script>", "date": "2023-08-28", "url": "javascript:alert(2)", "text": "Japan summoned China's ambassador on Monday to protest. <script>alert(3)</script> \"><img src=x onerror=alert(4)>"}"#,
            "\n",
            r#"{"id": "n4", "title": "Expulsion", "date": "2021-04-16", "text": "Poland expelled three Russian diplomats on Thursday."}"#,
            "\n"
        ),
    );
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    env
}

fn timeline(env: &TestEnv, format: &str) -> String {
    let o = env.run(&["timeline", "japan", "china", "--format", format]);
    assert_eq!(o.code, 0, "{format}: {}", o.stderr);
    o.stdout
}

#[test]
fn markdown_is_a_chronology_by_year() {
    let env = seeded();
    let md = timeline(&env, "markdown");
    assert!(md.starts_with("# Japan–China timeline\n"), "{md}");
    assert!(md.contains("\n## 2023\n"), "{md}");
    assert!(
        md.contains("- **2 April 2023** — visit, Japan → China"),
        "{md}"
    );
    assert!(md.contains("- **March 2023** — export control"), "{md}");
    assert!(
        md.contains("[Visit](<https://example.org/n1>), Wire"),
        "{md}"
    );
    assert!(md.contains(r"\<script\>"), "article text is escaped: {md}");
    assert!(!md.contains("(<javascript"), "{md}");
}

#[test]
fn html_is_one_page_with_every_event_and_no_code_from_the_text() {
    let env = seeded();
    let html = timeline(&env, "html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<title>Japan–China timeline</title>"));
    assert_eq!(html.matches("<tr id=\"event-").count(), 3, "{html}");
    assert_eq!(
        html.matches("<script").count(),
        2,
        "only the data island and the page script"
    );
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("href=\"javascript:"), "{html}");
    for network in ["http-equiv=\"refresh\"", "<link", " src=\"", "url("] {
        assert!(!html.contains(network), "{network}: nothing is fetched");
    }
    let start = html.find("id=\"dyad-data\">").unwrap() + "id=\"dyad-data\">".len();
    let island = &html[start..start + html[start..].find("</script>").unwrap()];
    let v: serde_json::Value = serde_json::from_str(island).unwrap();
    assert_eq!(v["title"], "Japan–China timeline");
    assert_eq!(v["events"].as_array().unwrap().len(), 3);
}

#[test]
fn timelinejs_json_keeps_precision() {
    let env = seeded();
    let v: serde_json::Value = serde_json::from_str(&timeline(&env, "timelinejs")).unwrap();
    assert_eq!(v["title"]["text"]["headline"], "Japan–China timeline");
    let ev = v["events"].as_array().unwrap();
    assert_eq!(ev.len(), 3);
    let month = ev.iter().find(|e| e["group"] == "restriction").unwrap();
    assert_eq!(
        month["start_date"],
        serde_json::json!({"year": 2023, "month": 3})
    );
    assert_eq!(month["display_date"], "March 2023");
    let day = ev.iter().find(|e| e["group"] == "contact").unwrap();
    assert_eq!(
        day["start_date"],
        serde_json::json!({"year": 2023, "month": 4, "day": 2})
    );
    for e in ev {
        let text = e["text"]["text"].as_str().unwrap();
        assert!(
            !text.contains("<script") && !text.contains("<img"),
            "{text}"
        );
        assert!(e["unique_id"].as_str().unwrap().starts_with("event-"));
    }
}

#[test]
fn timelinejs_csv_has_the_spreadsheet_columns_and_safe_cells() {
    let env = seeded();
    let out = timeline(&env, "timelinejs-csv");
    let mut r = csv::Reader::from_reader(out.as_bytes());
    let h: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        h,
        [
            "Year",
            "Month",
            "Day",
            "Time",
            "End Year",
            "End Month",
            "End Day",
            "End Time",
            "Display Date",
            "Headline",
            "Text",
            "Media",
            "Media Credit",
            "Media Caption",
            "Media Thumbnail",
            "Type",
            "Group",
            "Background"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4, "a title row and three events");
    assert_eq!(&rows[0][15], "title");
    assert!(rows
        .iter()
        .any(|x| &x[0] == "2023" && &x[1] == "3" && x[2].is_empty() && &x[8] == "March 2023"));
    for row in &rows {
        for cell in row {
            assert!(!cell.starts_with(['=', '+', '@']), "{cell}");
        }
    }
}

#[test]
fn csv_with_excel_starts_with_a_bom_and_cells_are_safe() {
    let env = seeded();
    let o = env.run(&["timeline", "JP", "CN", "--format", "csv", "--excel"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let body = o
        .stdout
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte-order mark first");
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let h = r.headers().unwrap().clone();
    assert_eq!(&h[0], "id", "the header follows the mark");
    let title = h.iter().position(|x| x == "title").unwrap();
    let titles: Vec<String> = r.records().map(|x| x.unwrap()[title].to_string()).collect();
    assert!(
        titles.iter().any(|t| t.starts_with("'=HYPERLINK(")),
        "{titles:?}"
    );
    let plain = timeline(&env, "csv");
    assert!(!plain.starts_with('\u{feff}'), "no mark without --excel");
    let o = env.run(&[
        "timeline",
        "JP",
        "CN",
        "--format",
        "timelinejs-csv",
        "--excel",
    ]);
    assert!(o.stdout.starts_with('\u{feff}'));
    let o = env.run(&["timeline", "JP", "CN", "--format", "json", "--excel"]);
    assert_eq!(o.code, 2, "--excel is for CSV");
    assert!(o.stderr.contains("--excel"), "{}", o.stderr);
}

#[test]
fn undated_events_are_left_out_of_timelinejs_with_a_note() {
    let env = TestEnv::new();
    let f = env.write(
        "undated.txt",
        "Japanese Foreign Minister Yoshimasa Hayashi met Chinese Foreign Minister Qin Gang for talks.\n",
    );
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let rows = env.events();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(
        rows[0]["date"].is_null(),
        "an article without any date: {rows:?}"
    );
    let o = env.run(&["timeline", "JP", "CN", "--format", "timelinejs"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("undated event"), "{}", o.stderr);
    let v: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    assert_eq!(v["events"].as_array().unwrap().len(), 0);
    let html = timeline(&env, "html");
    assert!(html.contains("<td class=\"date\">Undated</td>"), "{html}");
}

#[test]
fn unknown_formats_name_the_allowed_ones() {
    let env = seeded();
    let o = env.run(&["timeline", "JP", "CN", "--format", "pdf"]);
    assert_eq!(o.code, 2);
    assert!(
        o.stderr.contains(
            "expected table, csv, json, jsonl, markdown, html, timelinejs or timelinejs-csv"
        ),
        "{}",
        o.stderr
    );
    for f in ["html", "markdown", "timelinejs", "timelinejs-csv"] {
        let o = env.run(&["events", "--format", f]);
        assert_eq!(o.code, 2, "{f}");
        assert!(
            o.stderr.contains("expected jsonl, csv, table or json"),
            "{f}: {}",
            o.stderr
        );
    }
}

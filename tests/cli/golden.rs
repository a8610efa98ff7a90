//! The events extracted from the bundled sample corpus, snapshotted: every rule or dictionary
//! change shows up as a reviewable diff (`cargo insta review`).

use crate::support::{repo, TestEnv};

#[test]
fn sample_corpus_events() {
    let env = TestEnv::new();
    let o = env.run(&["import", repo().join("data/sample").to_str().unwrap()]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let lines: Vec<String> = env
        .events()
        .into_iter()
        .map(|e| {
            format!(
                "{} | {} {}→{} | {} .. {} ({}) | {} {} | {} | {}",
                e["article"].as_str().unwrap(),
                e["type"].as_str().unwrap(),
                e["actor"].as_str().unwrap(),
                e["target"].as_str().unwrap(),
                e["date"].as_str().unwrap_or("-"),
                e["date_end"].as_str().unwrap_or("-"),
                e["date_basis"].as_str().unwrap(),
                e["status"].as_str().unwrap(),
                e["action"].as_str().unwrap(),
                e["rule"].as_str().unwrap(),
                e["confidence"],
            )
        })
        .collect();
    let mut sorted = lines;
    sorted.sort();
    insta::assert_snapshot!(sorted.join("\n"));
}

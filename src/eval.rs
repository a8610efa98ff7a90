//! Scoring extracted events against a gold file, the way `score_events.py` does
//! (GUIDELINES.md, "Scoring"): per article, a system event matches a gold event of the same
//! family and unordered country pair, each gold event at most once, preferring a candidate whose
//! date is right.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// A gold event (extra fields are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldEvent {
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub target: String,
    pub date: Option<String>,
    pub date_end: Option<String>,
}

/// One gold article: the id and its events.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    #[serde(deserialize_with = "id_string")]
    pub id: String,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

fn id_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

/// A system event as the scorer needs it.
#[derive(Debug, Clone)]
pub struct SysEvent {
    pub article: String,
    pub event_type: String,
    pub actor: String,
    pub target: String,
    pub date: Option<String>,
    pub confidence: f64,
}

/// Counts for one family (or all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub gold: usize,
    pub system: usize,
    pub loose_tp: usize,
    pub strict_tp: usize,
    pub dated_matched: usize,
    pub date_right: usize,
    pub direction_right: usize,
}

fn family(t: &str) -> &'static str {
    match t.trim().to_ascii_lowercase().as_str() {
        "visit" | "meeting" => "contact",
        "export_control" | "sanction" => "restriction",
        "detention" => "detention",
        "release" => "release",
        "agreement" => "agreement",
        "protest" => "protest",
        "expulsion" => "expulsion",
        _ => "other",
    }
}

fn pair(a: &str, b: &str) -> (String, String) {
    let (a, b) = (a.to_uppercase(), b.to_uppercase());
    if a <= b {
        (a, b)
    } else {
        (b, a)
    }
}

/// Whether the system date is right at the gold's precision (None: gold has no date).
pub fn date_ok(gold: &GoldEvent, sys: Option<&str>) -> Option<bool> {
    let g = gold.date.as_deref().filter(|g| !g.is_empty())?;
    let s = sys.unwrap_or("");
    if s.len() < g.len() {
        return Some(false);
    }
    let s = &s[..g.len()];
    Some(match gold.date_end.as_deref().filter(|e| !e.is_empty()) {
        Some(e) if e.len() >= g.len() => g <= s && s <= &e[..g.len()],
        Some(_) => g <= s,
        None => s == g,
    })
}

/// How the events of one article line up: for each gold event, the system event matched to it.
struct Alignment {
    matched: Vec<Option<usize>>,
    used: Vec<bool>,
}

fn align(g: &GoldArticle, events: &[&SysEvent]) -> Alignment {
    let mut used = vec![false; events.len()];
    let mut matched = Vec::with_capacity(g.events.len());
    for ge in &g.events {
        let fam = family(&ge.event_type);
        let cands: Vec<usize> = (0..events.len())
            .filter(|&i| {
                !used[i]
                    && family(&events[i].event_type) == fam
                    && pair(&events[i].actor, &events[i].target) == pair(&ge.actor, &ge.target)
            })
            .collect();
        // prefer a candidate with the right date
        let best = cands
            .iter()
            .copied()
            .find(|&i| date_ok(ge, events[i].date.as_deref()) == Some(true))
            .or_else(|| cands.first().copied());
        if let Some(i) = best {
            used[i] = true;
        }
        matched.push(best);
    }
    Alignment { matched, used }
}

/// Each gold article with the system events of the same id.
fn by_article<'a>(
    gold: &'a [GoldArticle],
    sys: &'a [SysEvent],
) -> Vec<(&'a GoldArticle, Vec<&'a SysEvent>)> {
    let mut map: HashMap<&str, Vec<&SysEvent>> = HashMap::new();
    for e in sys {
        map.entry(e.article.as_str()).or_default().push(e);
    }
    gold.iter()
        .map(|g| (g, map.get(g.id.as_str()).cloned().unwrap_or_default()))
        .collect()
}

/// Tallies by family, plus "ALL".
pub fn score(gold: &[GoldArticle], sys: &[SysEvent]) -> BTreeMap<String, Tally> {
    let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
    for (g, events) in by_article(gold, sys) {
        let a = align(g, &events);
        for (ge, m) in g.events.iter().zip(&a.matched) {
            let t = tally.entry(family(&ge.event_type).to_string()).or_default();
            t.gold += 1;
            let Some(i) = *m else { continue };
            t.loose_tp += 1;
            let ok = date_ok(ge, events[i].date.as_deref());
            if ok != Some(false) {
                t.strict_tp += 1;
            }
            if let Some(ok) = ok {
                t.dated_matched += 1;
                t.date_right += ok as usize;
            }
            if events[i].actor.eq_ignore_ascii_case(&ge.actor) {
                t.direction_right += 1;
            }
        }
        for e in &events {
            tally
                .entry(family(&e.event_type).to_string())
                .or_default()
                .system += 1;
        }
    }
    let mut all = Tally::default();
    for t in tally.values() {
        all.gold += t.gold;
        all.system += t.system;
        all.loose_tp += t.loose_tp;
        all.strict_tp += t.strict_tp;
        all.dated_matched += t.dated_matched;
        all.date_right += t.date_right;
        all.direction_right += t.direction_right;
    }
    tally.insert("ALL".into(), all);
    tally
}

/// Loose precision by confidence band: (band label, system events, matched).
pub fn precision_by_confidence(
    gold: &[GoldArticle],
    sys: &[SysEvent],
) -> Vec<(&'static str, usize, usize)> {
    const BANDS: [(&str, f64, f64); 4] = [
        ("0.80-1.00", 0.8, 1.01),
        ("0.65-0.80", 0.65, 0.8),
        ("0.50-0.65", 0.5, 0.65),
        ("0.00-0.50", 0.0, 0.5),
    ];
    let mut out: Vec<(&str, usize, usize)> = BANDS.iter().map(|b| (b.0, 0, 0)).collect();
    for (g, events) in by_article(gold, sys) {
        let a = align(g, &events);
        for (i, e) in events.iter().enumerate() {
            if let Some(b) = BANDS
                .iter()
                .position(|b| e.confidence >= b.1 && e.confidence < b.2)
            {
                out[b].1 += 1;
                out[b].2 += a.used[i] as usize;
            }
        }
    }
    out
}

fn prf(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys > 0 { tp as f64 / sys as f64 } else { 0.0 };
    let r = if gold > 0 {
        tp as f64 / gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The table `score_events.py` prints.
pub fn report(tally: &BTreeMap<String, Tally>) -> String {
    let mut out = format!(
        "{:<12} {:>5} {:>5} {:>6} {:>6} {:>6} | {:>7} {:>7} {:>8} | {:>5} {:>5}\n",
        "family", "gold", "sys", "P", "R", "F1", "strictP", "strictR", "strictF1", "date", "dir"
    );
    let mut rows: Vec<(&String, &Tally)> = tally.iter().filter(|(k, _)| *k != "ALL").collect();
    if let Some(all) = tally.get_key_value("ALL") {
        rows.push(all);
    }
    let opt = |n: usize, d: usize| {
        if d > 0 {
            format!("{:5.2}", n as f64 / d as f64)
        } else {
            "    -".into()
        }
    };
    for (fam, t) in rows {
        let (lp, lr, lf) = prf(t.loose_tp, t.system, t.gold);
        let (sp, sr, sf) = prf(t.strict_tp, t.system, t.gold);
        out.push_str(&format!(
            "{fam:<12} {:>5} {:>5} {lp:6.3} {lr:6.3} {lf:6.3} | {sp:7.3} {sr:7.3} {sf:8.3} | {} {}\n",
            t.gold,
            t.system,
            opt(t.date_right, t.dated_matched),
            opt(t.direction_right, t.loose_tp)
        ));
    }
    if let Some(a) = tally.get("ALL") {
        let (_, _, lf) = prf(a.loose_tp, a.system, a.gold);
        let (_, _, sf) = prf(a.strict_tp, a.system, a.gold);
        out.push_str(&format!("strict F1 {sf:.3} loose F1 {lf:.3}\n"));
    }
    out
}

/// Missed, spurious and wrongly dated events, one line each.
pub fn errors(gold: &[GoldArticle], sys: &[SysEvent]) -> Vec<String> {
    let mut out = Vec::new();
    for (g, events) in by_article(gold, sys) {
        let a = align(g, &events);
        for (ge, m) in g.events.iter().zip(&a.matched) {
            let gdate = ge.date.as_deref().unwrap_or("-");
            let what = format!("{} {}→{}", ge.event_type, ge.actor, ge.target);
            match m {
                None => out.push(format!("missed     {}: {what} {gdate}", g.id)),
                Some(i) if date_ok(ge, events[*i].date.as_deref()) == Some(false) => {
                    out.push(format!(
                        "wrong date {}: {what} gold {gdate}, system {}",
                        g.id,
                        events[*i].date.as_deref().unwrap_or("-")
                    ))
                }
                Some(_) => {}
            }
        }
        for (i, e) in events.iter().enumerate() {
            if !a.used[i] {
                out.push(format!(
                    "spurious   {}: {} {}→{} {}",
                    g.id,
                    e.event_type,
                    e.actor,
                    e.target,
                    e.date.as_deref().unwrap_or("-")
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(t: &str, a: &str, b: &str, d: Option<&str>, e: Option<&str>) -> GoldEvent {
        GoldEvent {
            event_type: t.into(),
            actor: a.into(),
            target: b.into(),
            date: d.map(String::from),
            date_end: e.map(String::from),
        }
    }

    fn s(t: &str, a: &str, b: &str, d: Option<&str>) -> SysEvent {
        SysEvent {
            article: "x".into(),
            event_type: t.into(),
            actor: a.into(),
            target: b.into(),
            date: d.map(String::from),
            confidence: 0.9,
        }
    }

    #[test]
    fn dates_at_gold_precision() {
        let month = g("visit", "JP", "CN", Some("2023-03"), None);
        assert_eq!(date_ok(&month, Some("2023-03-31")), Some(true));
        let day = g("visit", "JP", "CN", Some("2023-03-31"), None);
        assert_eq!(date_ok(&day, Some("2023-03")), Some(false));
        let range = g("visit", "JP", "CN", Some("2023-04-10"), Some("2023-04-16"));
        assert_eq!(date_ok(&range, Some("2023-04-12")), Some(true));
        assert_eq!(date_ok(&range, Some("2023-04-17")), Some(false));
        assert_eq!(
            date_ok(&g("visit", "JP", "CN", None, None), Some("2023")),
            None
        );
    }

    #[test]
    fn matches_family_and_unordered_pair_once() {
        let gold = vec![GoldArticle {
            id: "x".into(),
            events: vec![
                g("visit", "JP", "CN", Some("2023-04-02"), None),
                g("sanction", "US", "CN", None, None),
            ],
        }];
        let sys = vec![
            s("meeting", "CN", "JP", Some("2023-04-02")),
            s("export_control", "US", "CN", Some("2023-01-01")),
            s("export_control", "US", "CN", None),
            s("protest", "JP", "CN", None),
        ];
        let t = score(&gold, &sys);
        let all = t["ALL"];
        assert_eq!(
            (all.gold, all.system, all.loose_tp, all.strict_tp),
            (2, 4, 2, 2)
        );
        assert_eq!(all.direction_right, 1);
        assert!(report(&t).contains("strict F1 0.667 loose F1 0.667"));
        let bands = precision_by_confidence(&gold, &sys);
        assert_eq!(bands[0], ("0.80-1.00", 4, 2));
        let errs = errors(&gold, &sys);
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs.iter().all(|e| e.starts_with("spurious")), "{errs:?}");
    }
}

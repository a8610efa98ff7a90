//! Clause tense around an expression: does it point forward from the DCT?
//!
//! Returns [`Tense::Unknown`] when no marker is found; the resolver then picks the reading
//! nearest to the DCT for month/day dates and the past for weekdays.
//!
//! Looks back up to eight words within the sentence for the nearest verb-group marker
//! ("will", "'ll", "is to", "plans", "expected" → future; "said", "was", "-ed" → past),
//! then, if none was found, up to six words forward. The default is past/present, which
//! is what news mostly reports.

use super::text::{head, tail};

fn clean(w: &str) -> String {
    w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .trim_start_matches('\'')
        .to_ascii_lowercase()
}

fn ends_sentence(w: &str) -> bool {
    let t = w.trim_end_matches(['"', '\'', ')', '`', '”', '’', '»']);
    if t.ends_with(['!', '?', ';', ':']) {
        return true;
    }
    if let Some(core) = t.strip_suffix('.') {
        // abbreviations: "Jan.", "Mr.", "U.S.", "p.m."
        let short = core.len() <= 4 && core.chars().next().is_some_and(|c| c.is_uppercase());
        return !(short || core.contains('.'));
    }
    false
}

/// Orientation of the clause around an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tense {
    /// A future marker ("will", "is to", "plans", "next" ...).
    Future,
    /// A past/present marker ("said", "was", "-ed" ...).
    Past,
    /// No marker found.
    Unknown,
}

#[derive(PartialEq)]
enum Mark {
    Future,
    Past,
    /// A participle/past form ("-ed").
    WeakPast,
    /// A present-tense auxiliary ("is", "has"): no orientation.
    Present,
}

const FUTURE: &[&str] = &[
    "will",
    "shall",
    "won't",
    "scheduled",
    "plans",
    "planned",
    "planning",
    "soon",
    "expected",
    "expects",
    "expect",
    "upcoming",
    "due",
    "intends",
    "intend",
    "hopes",
    "aims",
    "next",
    "until",
    "await",
    "awaits",
    "awaiting",
    "tomorrow",
    "must",
    "should",
    "payable",
    "effective",
    "expire",
    "expires",
    "expiring",
    "deadline",
    "till",
];

const PAST: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "was",
    "were",
    "had",
    "did",
    "been",
    "ago",
    "reported",
    "announced",
    "added",
    "last",
    "earlier",
    "yesterday",
    "since",
];

/// Irregular past forms; like "-ed" forms they may be participles ("will be paid").
const IRREGULAR_PAST: &[&str] = &[
    "began", "brought", "came", "fell", "rose", "took", "went", "won", "lost", "met", "made",
    "left", "sold", "bought", "paid", "held", "gave", "sent", "became", "spent", "led", "ran",
    "struck", "hit", "shot", "fled", "built", "broke", "wrote", "caught", "fought", "thought",
    "knew", "saw", "found",
];

fn mark(w: &str, prev: Option<&str>) -> Option<Mark> {
    if w.ends_with("'ll") || FUTURE.contains(&w) {
        return Some(Mark::Future);
    }
    if w == "to" && prev.is_some_and(|p| FUTURE.contains(&p) && p != "next") {
        return Some(Mark::Future);
    }
    if w == "to"
        && matches!(
            prev,
            Some(
                "is" | "are"
                    | "am"
                    | "going"
                    | "set"
                    | "due"
                    | "likely"
                    | "poised"
                    | "ready"
                    | "about"
            )
        )
    {
        return Some(Mark::Future);
    }
    // "is", "has"; an infinitive "to" makes the event prospective relative to the report
    if matches!(w, "is" | "are" | "am" | "has" | "have" | "to") {
        return Some(Mark::Present);
    }
    if PAST.contains(&w) {
        return Some(Mark::Past);
    }
    if IRREGULAR_PAST.contains(&w)
        || (w.len() > 4
            && w.ends_with("ed")
            && (!w.ends_with("eed") || matches!(w, "agreed" | "freed")))
    {
        return Some(Mark::WeakPast);
    }
    None
}

/// Tense of the clause around `[s, e)` of `text`.
pub fn tense(text: &str, s: usize, e: usize) -> Tense {
    // eight words back and six forward are all we look at
    let before = tail(text.get(..s).unwrap_or(""), 160);
    let lower_tail = before.to_ascii_lowercase();
    if [
        "as early as ",
        "as soon as ",
        "no later than ",
        "in time for ",
    ]
    .iter()
    .any(|p| lower_tail.ends_with(p))
    {
        return Tense::Future;
    }
    let t = scan(text, before, e);
    // "by", "until", "through" + date: a deadline, which a past verb does not place in the past
    let deadline = ["by ", "until ", "till ", "through "]
        .iter()
        .any(|p| lower_tail.ends_with(p));
    if deadline && t == Tense::Past {
        Tense::Unknown
    } else {
        t
    }
}

const AUX: &[&str] = &[
    "be", "been", "being", "is", "are", "was", "were", "will", "would", "to", "has", "have", "had",
    "get", "got",
];

fn scan(text: &str, before: &str, e: usize) -> Tense {
    let words: Vec<&str> = before
        .split(char::is_whitespace)
        .filter(|w| !w.is_empty())
        .rev()
        .take(8)
        .collect();
    for (i, w) in words.iter().enumerate() {
        if ends_sentence(w) {
            break;
        }
        let c = clean(w);
        // "is to", "going to": look at the word before "to"
        let prev = words.get(i + 1).map(|p| clean(p));
        match mark(&c, prev.as_deref()) {
            Some(Mark::Future) => return Tense::Future,
            Some(Mark::Past) => return Tense::Past,
            // a participle after an auxiliary ("to be completed"): the auxiliary decides
            Some(Mark::WeakPast) if prev.as_deref().is_some_and(|p| AUX.contains(&p)) => {}
            Some(Mark::WeakPast) => return Tense::Past,
            Some(Mark::Present) => return Tense::Unknown,
            None => {}
        }
    }
    let after = head(text.get(e..).unwrap_or(""), 120);
    let mut prev: Option<String> = None;
    for w in after.split(' ').filter(|w| !w.is_empty()).take(6) {
        let c = clean(w);
        if c == "to"
            && matches!(
                prev.as_deref(),
                Some("is" | "are" | "going" | "set" | "due")
            )
        {
            return Tense::Future;
        }
        match mark(&c, None) {
            Some(Mark::Future) => return Tense::Future,
            Some(Mark::Past) if !matches!(c.as_str(), "is" | "are") => return Tense::Past,
            _ => {}
        }
        if ends_sentence(w) || matches!(c.as_str(), "which" | "who" | "that" | "and" | "but") {
            break;
        }
        prev = Some(c);
    }
    Tense::Unknown
}

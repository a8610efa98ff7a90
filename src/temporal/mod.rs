//! Temporal-expression tagger (TIMEX3, TempEval-3 / TimeML conventions) for English news.
//!
//! Input: a document's text, its creation (publication) date — the DCT — and [`Options`].
//! Output: every temporal expression found, as [`Timex`] values sorted by start offset and
//! never overlapping. Offsets are byte offsets into the text as given, always on character
//! boundaries; `text == &input[start..end]`.
//!
//! Pipeline:
//! 1. [`text::Norm`] collapses whitespace runs (hard-wrapped lines) so patterns can match across
//!    line breaks, keeping a map back to original offsets.
//! 2. [`rules`] runs a fixed set of regular expressions (compiled once) whose handlers check the
//!    context (e.g. "May" the month vs the modal verb, "2019 tons", "$747") and produce a parsed
//!    meaning ([`resolve::Sem`]).
//! 3. The longest non-overlapping candidates are kept, left modifiers ("early", "late",
//!    "the end of", "more than", "nearly" ...) are folded into the extent.
//! 4. [`resolve::Resolver`] walks them in text order and turns each meaning into a TIMEX3 value
//!    and calendar span, using the DCT, the clause tense ([`tense`]) and the narrative date.
//!    The resolution policy is documented in [`resolve`]; it never reads the clock, so the same
//!    text and DCT always give the same answer.
//!
//! The function never panics: all slicing goes through checked accessors and date arithmetic
//! through checked chrono operations.

pub mod lex;
pub mod resolve;
pub mod rules;
pub mod tense;
pub mod text;

use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::Regex;
use std::fmt;

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    Date,
    Time,
    Duration,
    Set,
}

impl fmt::Display for TimexKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimexKind::Date => "DATE",
            TimexKind::Time => "TIME",
            TimexKind::Duration => "DURATION",
            TimexKind::Set => "SET",
        })
    }
}

/// One temporal expression.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Timex {
    /// Byte offset into the input text.
    pub start: usize,
    /// Byte offset, exclusive.
    pub end: usize,
    /// `&text[start..end]`.
    pub text: String,
    pub kind: TimexKind,
    /// TIMEX3 value ("2023-04-02", "2023-W13", "P3D", "PRESENT_REF", "XXXX-WXX-1" ...).
    pub value: String,
    /// TIMEX3 mod ("START", "END", "MID", "APPROX", "MORE_THAN" ...).
    pub modifier: Option<String>,
    /// Calendar interval for DATE/TIME values at the text's precision; None for
    /// PRESENT_REF/PAST_REF/FUTURE_REF, durations and sets.
    pub span: Option<crate::model::DateSpan>,
    /// True when the value depended on the DCT or on an earlier date in the text.
    pub anchored: bool,
}

/// Tagging options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// "4/2/2023": false = month first (US, default), true = day first.
    pub day_first: bool,
}

static DATE_MOD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^|[^\w])(?P<w>the (?:very )?(?:end|beginning|start|middle|close) of|early|late|mid|earlier|later)[ -]$")
        .expect("DATE_MOD")
});

static APPROX_MOD: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)(?:^|[^\w])(?P<w>more than|less than|fewer than|nearly|almost|at least|up to|no more than|at most|over|about|around|approximately|roughly|some|well over|just over|under)[ ]$")
        .expect("APPROX_MOD")
});

fn date_mod(w: &str) -> Option<&'static str> {
    let l = w.to_ascii_lowercase();
    if l.contains("end") || l.contains("close") || l == "late" {
        Some("END")
    } else if l.contains("beginning") || l.contains("start") || l == "early" {
        Some("START")
    } else if l.contains("middle") || l == "mid" {
        Some("MID")
    } else {
        None
    }
}

fn approx_mod(w: &str) -> Option<&'static str> {
    Some(match w.to_ascii_lowercase().as_str() {
        "more than" | "over" | "well over" | "just over" => "MORE_THAN",
        "less than" | "fewer than" | "under" => "LESS_THAN",
        "at least" => "EQUAL_OR_MORE",
        "up to" | "no more than" | "at most" => "EQUAL_OR_LESS",
        _ => "APPROX",
    })
}

/// Every temporal expression in `text`, sorted by start, non-overlapping. `dct` is the document
/// creation (publication) date. Pure and deterministic: never reads the clock; never panics.
pub fn tag(text: &str, dct: NaiveDate, opts: &Options) -> Vec<Timex> {
    use chrono::Datelike;
    // keep all date arithmetic far from chrono's limits (±262,143 years)
    if !(-200_000..=200_000).contains(&dct.year()) {
        return Vec::new();
    }
    let norm = text::Norm::new(text);
    let t = norm.s.as_str();
    let mut cands = rules::candidates(t, opts.day_first);
    cands.sort_by(|a, b| (b.e - b.s).cmp(&(a.e - a.s)).then(a.s.cmp(&b.s)));
    let mut taken = vec![false; t.len()];
    let mut chosen = Vec::new();
    for c in cands {
        if c.e > t.len() || taken[c.s..c.e].iter().any(|&x| x) {
            continue;
        }
        taken[c.s..c.e].iter_mut().for_each(|x| *x = true);
        chosen.push(c);
    }
    chosen.sort_by_key(|c| c.s);

    let mut resolver = resolve::Resolver::new(dct);
    let mut out = Vec::with_capacity(chosen.len());
    let mut prev_end = 0usize;
    for mut c in chosen {
        // fold a left modifier into the extent
        let mut lo = c.s.saturating_sub(40).max(prev_end);
        while lo < c.s && !t.is_char_boundary(lo) {
            lo += 1;
        }
        let before = t.get(lo..c.s).unwrap_or("");
        let lc = t.get(c.s..c.e).unwrap_or("").to_ascii_lowercase();
        let relative = [" ago", " earlier", " later", " before", " after"]
            .iter()
            .any(|x| lc.ends_with(x));
        let use_approx = (matches!(c.hit.kind, TimexKind::Duration | TimexKind::Time) || relative)
            && !lc.starts_with("the ");
        if use_approx {
            if let Some(m) = APPROX_MOD.captures(before).and_then(|cap| cap.name("w")) {
                c.hit.modifier = c.hit.modifier.or(approx_mod(m.as_str()));
                c.s = lo + m.start();
            }
        } else if c.hit.kind == TimexKind::Date && c.hit.modifier.is_none() {
            if let Some(m) = DATE_MOD.captures(before).and_then(|cap| cap.name("w")) {
                c.hit.modifier = date_mod(m.as_str());
                c.s = lo + m.start();
            }
        }
        let tense = match c.hit.tense {
            Some(true) => tense::Tense::Future,
            Some(false) => tense::Tense::Past,
            None => tense::tense(t, c.s, c.e),
        };
        // no sentence end between the previous expression and this one
        resolver.same_sentence = t
            .get(prev_end.min(c.s)..c.s)
            .is_some_and(|gap| !gap.contains(". ") && !gap.contains(".\"") && gap.len() < 300);
        let Some(r) = resolver.resolve(&c.hit.sem, tense) else {
            continue;
        };
        let (os, oe) = norm.orig(c.s, c.e);
        let Some(span_text) = text.get(os..oe) else {
            continue;
        };
        prev_end = c.e;
        let span = match c.hit.kind {
            TimexKind::Date | TimexKind::Time => r.span,
            _ => None,
        };
        out.push(Timex {
            start: os,
            end: oe,
            text: span_text.to_string(),
            kind: c.hit.kind,
            value: r.value,
            modifier: c.hit.modifier.map(str::to_string),
            span,
            anchored: r.anchored,
        });
    }
    out
}

#[cfg(test)]
mod tests;

//! One article in, its events out: segment → mentions → dates → rules → dating, filtering and
//! merging. Pure: no I/O, no SQL.

use crate::data::DataFiles;
use crate::error::Result;
use crate::gazetteer::{Gazetteer, Mention, MentionKind};
use crate::model::{
    Action, Article, DateBasis, DateSpan, Event, EventType, PartialDate, Span, Status,
};
use crate::rules::{self, Candidate, RuleSet, RuleType, SentenceView, Slot};
use crate::temporal::{self, Timex, TimexKind};
use crate::text::{self, Sentence};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Everything extraction needs, loaded once.
pub struct Extractor {
    pub gazetteer: Gazetteer,
    pub rules: RuleSet,
    pub temporal: temporal::Options,
}

impl Extractor {
    pub fn load(files: &DataFiles) -> Result<Extractor> {
        Ok(Extractor {
            gazetteer: Gazetteer::load(files)?,
            rules: RuleSet::load(&files.patterns)?,
            temporal: temporal::Options::default(),
        })
    }

    /// A fingerprint of the dictionaries and rules, stored with extracted events.
    pub fn describe(&self) -> String {
        format!(
            "dyad {} ({} rules, {} countries)",
            env!("CARGO_PKG_VERSION"),
            self.rules.rules.len(),
            self.gazetteer.countries().len()
        )
    }

    /// The events of one article.
    pub fn extract(&self, article: &Article) -> Vec<Event> {
        extract(self, article)
    }

    /// The events of one article; a bug that panics on some text costs that article's events,
    /// not the whole run.
    pub fn extract_guarded(&self, article: &Article) -> std::result::Result<Vec<Event>, String> {
        self.extract_full_guarded(article).map(|x| x.events)
    }

    /// The events of one article and the countries it mentions, guarded as
    /// [`Extractor::extract_guarded`].
    pub fn extract_full_guarded(
        &self,
        article: &Article,
    ) -> std::result::Result<Extraction, String> {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract_full(self, article)))
            .map_err(|p| {
                let msg = p
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                format!("internal error while extracting events (please report it): {msg}")
            })
    }
}

/// Names introduced in the article with a nationality: officials by title ("Chinese Foreign
/// Minister Qin Gang") and private people ("Canadian businessman Michael Spavor", "Canadians
/// Michael Kovrig and Michael Spavor", "Lai, a 77-year-old British national").
fn introductions(
    text: &str,
    gaz: &Gazetteer,
    mentions: &[Mention],
    sentences: &[Sentence],
) -> Vec<Mention> {
    use crate::gazetteer::TitleClass;
    let mut names: Vec<(String, String, MentionKind, String)> = Vec::new(); // name, code, kind, note
    let is_name = |t: &text::Token| {
        t.capitalized
            && t.lower
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.')
    };
    for s in sentences {
        let ms: Vec<&Mention> = within(mentions, s.span, |m| m.span.start, |m| m.span.end)
            .iter()
            .collect();
        if ms.is_empty() {
            continue;
        }
        let toks = text::tokens(text, s.span);
        let is_mention = |t: &text::Token| {
            ms.iter()
                .any(|m| m.span.start <= t.span.start && t.span.end <= m.span.end)
        };
        let mut register = |first: usize, end: usize, code: &str, kind: MentionKind| {
            let full = text[toks[first].span.start..toks[end - 1].span.end].to_string();
            let surname = text[toks[end - 1].span.start..toks[end - 1].span.end].to_string();
            let what = if kind == MentionKind::Person {
                "a national"
            } else {
                "an official"
            };
            let note = format!("{full} (introduced in the article as {what} of {code})");
            names.push((full, code.to_string(), kind, note.clone()));
            if end - first > 1 {
                names.push((surname, code.to_string(), kind, note));
            }
        };
        for m in &ms {
            if !matches!(
                m.kind,
                MentionKind::Adjective
                    | MentionKind::Name
                    | MentionKind::Demonym
                    | MentionKind::Company
            ) {
                continue;
            }
            let Some(mut i) = toks.iter().position(|t| t.span.start >= m.span.end) else {
                continue;
            };
            let mi = toks
                .iter()
                .position(|t| t.span.end > m.span.start)
                .unwrap_or(i);
            if toks.get(i).is_some_and(|t| t.lower == "'s") {
                i += 1;
            }
            // titles right after the country, with qualifiers between: "Chinese Foreign
            // Minister", "Japan's former prime minister", "a Canadian former diplomat" — but
            // not "Russia sentenced American journalist"
            const QUALIFIERS: &[&str] = &[
                "former",
                "u.n.",
                "un",
                "e.u.",
                "senior",
                "top",
                "deputy",
                "acting",
                "chief",
                "then",
                "new",
                "veteran",
                "prominent",
                "outgoing",
                "incoming",
                "interim",
                "vice",
                "state",
                "special",
            ];
            let mut title: Option<(usize, TitleClass)> = None;
            let mut k = i;
            while k < (i + 5).min(toks.len()) {
                let words: Vec<&str> = toks[k..(k + 3).min(toks.len())]
                    .iter()
                    .map(|t| t.lower.as_str())
                    .collect();
                if let Some((n, c)) = gaz.title_at(&words) {
                    title = Some((k + n, c));
                    k += n;
                } else if QUALIFIERS.contains(&toks[k].lower.as_str()) {
                    k += 1;
                } else {
                    break;
                }
            }
            let (start, kind) = match (title, m.kind) {
                (Some((end, c)), _) => (
                    end,
                    // a company's staff are private people, whatever their title
                    if c == TitleClass::Official && m.kind != MentionKind::Company {
                        MentionKind::Official
                    } else {
                        MentionKind::Person
                    },
                ),
                (None, MentionKind::Demonym) => (i, MentionKind::Person),
                (None, _) => continue,
            };
            // names after the title: "Michael Kovrig and Michael Spavor"
            let mut k = start;
            loop {
                let first = k;
                while k < toks.len() && k - first < 3 && is_name(&toks[k]) && !is_mention(&toks[k])
                {
                    k += 1;
                }
                if k == first {
                    break;
                }
                register(first, k, &m.code, kind);
                if toks.get(k).is_some_and(|t| t.lower == "and")
                    && toks.get(k + 1).is_some_and(is_name)
                {
                    k += 1;
                } else {
                    break;
                }
            }
            // apposition: "Lai, a 77-year-old British national"
            if let Some((end, c)) = title {
                if c == TitleClass::Person && end > i && mi >= 2 {
                    let comma = (mi.saturating_sub(5)..mi)
                        .rev()
                        .find(|&j| toks[j].lower == ",");
                    if let Some(cj) = comma {
                        let mut f = cj;
                        while f > 0
                            && cj - f < 3
                            && is_name(&toks[f - 1])
                            && !is_mention(&toks[f - 1])
                        {
                            f -= 1;
                        }
                        if f < cj && (f == 0 || !is_name(&toks[f - 1])) {
                            register(f, cj, &m.code, MentionKind::Person);
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    names.retain(|(name, code, kind, _)| seen.insert((name.clone(), code.clone(), *kind)));
    for (name, code, kind, note) in names {
        // common words that start sentences are not names
        if name.len() < 3
            || ["The", "A", "An", "His", "Her", "Their", "Its", "In", "On"].contains(&name.as_str())
        {
            continue;
        }
        for (pos, _) in text.match_indices(name.as_str()) {
            let end = pos + name.len();
            if crate::gazetteer::is_word_boundary(text, pos, end) {
                out.push(Mention {
                    span: Span::new(pos, end),
                    code: code.clone(),
                    kind,
                    note: Some(note.clone()),
                });
            }
        }
    }
    out
}

fn merge_mentions(mut base: Vec<Mention>, extra: Vec<Mention>) -> Vec<Mention> {
    for m in extra {
        if !base
            .iter()
            .any(|b| b.span.start < m.span.end && m.span.start < b.span.end)
        {
            base.push(m);
        }
    }
    base.sort_by_key(|m| m.span.start);
    base
}

/// The items (sorted by start) that lie inside `span`, found by binary search: per-sentence
/// lookups stay cheap however long the article is.
fn within<T>(
    items: &[T],
    span: Span,
    start: impl Fn(&T) -> usize,
    end: impl Fn(&T) -> usize,
) -> &[T] {
    let lo = items.partition_point(|x| start(x) < span.start);
    let hi = items.partition_point(|x| start(x) < span.end);
    let slice = &items[lo..hi.max(lo)];
    let keep = slice.iter().take_while(|x| end(x) <= span.end).count();
    // items are sorted by start only; one running past the end is rare: trim from the back
    if keep == slice.len() {
        slice
    } else {
        let last = slice
            .iter()
            .rposition(|x| end(x) <= span.end)
            .map_or(0, |i| i + 1);
        &slice[..last]
    }
}

/// `text` lower-cased with apostrophes and quotes straightened and whitespace folded, as
/// [`lowered`] does, without the offset map.
fn fold(text: &str) -> String {
    if text.is_ascii() {
        return fold_ascii(text, 0, false).0;
    }
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        match c {
            '’' | '‘' | '`' => out.push('\''),
            '“' | '”' | '"' => {}
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Lower-cases `text[span]` with apostrophes straightened, double quotes dropped and whitespace
/// folded, keeping a map from each byte of the result to its byte in `text`.
fn lowered(text: &str, span: Span) -> (String, Vec<usize>) {
    let piece = &text[span.start..span.end];
    if piece.is_ascii() {
        let (out, mut map) = fold_ascii(piece, span.start, true);
        map.push(span.end);
        return (out, map);
    }
    let mut out = String::with_capacity(span.end - span.start);
    let mut map = Vec::with_capacity(span.end - span.start + 1);
    let mut last_space = false;
    for (off, c) in text[span.start..span.end].char_indices() {
        let at = span.start + off;
        let mut push = |s: &str| {
            for _ in 0..s.len() {
                map.push(at);
            }
            out.push_str(s);
        };
        if c.is_whitespace() {
            if !last_space {
                push(" ");
            }
            last_space = true;
            continue;
        }
        last_space = false;
        match c {
            '’' | '‘' | '`' => push("'"),
            // quotation marks say nothing about the event: "“deeply disappointed” by"
            '“' | '”' | '"' => {}
            _ => {
                let l: String = c.to_lowercase().collect();
                push(&l);
            }
        }
    }
    map.push(span.end);
    (out, map)
}

/// [`fold`] and [`lowered`] of ASCII text that starts at `base` in the article, a run of bytes
/// at a time; with `map`, the map from each byte of the result to its byte in the article
/// (without the end entry). `ascii_folding_is_the_same` checks it against them.
fn fold_ascii(text: &str, base: usize, map: bool) -> (String, Vec<usize>) {
    let bytes = text.as_bytes();
    let space = |b: u8| matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ');
    let mut out = Vec::with_capacity(bytes.len());
    let mut offsets = Vec::with_capacity(if map { bytes.len() + 1 } else { 0 });
    let mut i = 0;
    while i < bytes.len() {
        // a run of whitespace: one space
        if space(bytes[i]) {
            out.push(b' ');
            if map {
                offsets.push(base + i);
            }
            while i < bytes.len() && space(bytes[i]) {
                i += 1;
            }
            continue;
        }
        // a run of anything else, lower-cased
        let end = bytes[i..]
            .iter()
            .position(|&b| space(b))
            .map_or(bytes.len(), |n| i + n);
        if bytes[i..end].contains(&b'"') {
            // double quotes dropped
            for (j, &b) in bytes.iter().enumerate().take(end).skip(i) {
                if b == b'"' {
                    continue;
                }
                out.push(if b == b'`' {
                    b'\''
                } else {
                    b.to_ascii_lowercase()
                });
                if map {
                    offsets.push(base + j);
                }
            }
        } else {
            let from = out.len();
            out.extend_from_slice(&bytes[i..end]);
            for b in &mut out[from..] {
                *b = if *b == b'`' {
                    b'\''
                } else {
                    b.to_ascii_lowercase()
                };
            }
            if map {
                offsets.extend(base + i..base + end);
            }
        }
        i = end;
    }
    (String::from_utf8(out).unwrap_or_default(), offsets)
}

#[cfg(test)]
#[test]
fn ascii_folding_is_the_same() {
    let mut texts: Vec<String> = [
        "",
        " ",
        "Japan `Protested'  to\tChina\n\n\x0b\x0cOn MONDAY. ",
        "\r\n a_B-c.D,e\x1c\x7f  \"X\" ",
    ]
    .iter()
    .map(|t| t.to_string())
    .collect();
    let alphabet = [
        "a", "Q", " ", "  ", "\t", "\n", "\r\n", "\x0b", "\x0c", "`", "'", "9", ".", "\x1c", "\"",
    ];
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..2000 {
        let mut t = String::new();
        for _ in 0..(seed % 20) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            t.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        seed = seed.wrapping_add(0x9e37_79b9);
        texts.push(t);
    }
    for t in &texts {
        let t = t.as_str();
        // a non-ASCII end takes the general path; "é" folds to itself, 2 bytes
        let general = format!("{t}é");
        let want = fold(&general);
        assert_eq!(fold(t), want[..want.len() - 2], "{t:?}");
        let text = format!("xx{t}é");
        let (lower, map) = lowered(&text, Span::new(2, text.len()));
        let (l, m) = lowered(&text, Span::new(2, text.len() - 2));
        assert_eq!(l, lower[..lower.len() - 2], "{t:?}");
        assert_eq!(m[..m.len() - 1], map[..map.len() - 3], "{t:?}");
        assert_eq!(m.last(), Some(&(text.len() - 2)));
    }
}

struct Dated {
    date: Option<DateSpan>,
    basis: DateBasis,
    span: Option<Span>,
    note: String,
    factor: f64,
}

impl Dated {
    /// A date read from the text, from the temporal expression `t`.
    fn from_text(t: &Timex, note: String, factor: f64) -> Dated {
        Dated {
            date: t.span,
            basis: DateBasis::Text,
            span: Some(Span::new(t.start, t.end)),
            note,
            factor,
        }
    }
}

fn usable(t: &Timex, dated: bool) -> bool {
    matches!(t.kind, TimexKind::Date | TimexKind::Time)
        && t.span.is_some()
        && (dated || !t.anchored)
}

fn governed_by(text: &str, t: &Timex, words: &[&str]) -> bool {
    let head = text[..t.start].trim_end();
    let w = head
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    words.contains(&w.as_str())
}

const NOT_EVENT_DATE: &[&str] = &[
    "since", "until", "till", "through", "by", "before", "ahead", "than",
];

fn date_candidate(
    text: &str,
    view: &SentenceView<'_>,
    c: &Candidate,
    timexes: &[Timex],
    para_timexes: &[&Timex],
    anchor: Option<NaiveDate>,
) -> Dated {
    let dated = anchor.is_some();
    let in_sentence: Vec<&Timex> = timexes
        .iter()
        .filter(|t| {
            t.start >= view.sentence.start && t.end <= view.sentence.end && usable(t, dated)
        })
        .filter(|t| !governed_by(text, t, NOT_EVENT_DATE))
        .collect();
    let ti = |t: &Timex| view.token_index(t.start);
    // distance to the trigger: from its first word for a date before it, from its last word for
    // one after it ("the treaty that the two countries signed in August 1978")
    let dist = |t: &Timex| {
        let (t0, t1) = c.trigger_tokens;
        if ti(t) >= t1 {
            ti(t) + 1 - t1
        } else {
            t0.saturating_sub(ti(t))
        }
    };
    // "arrested that October and indicted in August last year": a date before the trigger and
    // followed by "and" dates the verb before it, so one after the trigger comes first
    let rank = |t: &Timex| {
        let after = view.token_index(t.end.saturating_sub(1)) + 1;
        let coordinated = ti(t) < c.trigger_tokens.0
            && view.window_words(after, after + 1).first() == Some(&"and");
        dist(t) * 2 + if coordinated { 3 } else { 0 }
    };
    // "summoned the ambassador on Monday to protest the arrest of …": a date before a word of
    // protest dates the protest, not the act protested
    let protested = |t: &Timex| {
        c.event_type != EventType::Protest
            && ti(t) < c.trigger_tokens.0
            && view
                .window_words(ti(t), c.trigger_tokens.0)
                .iter()
                .any(|w| {
                    [
                        "protest",
                        "protested",
                        "protesting",
                        "condemn",
                        "condemned",
                        "condemning",
                        "denounce",
                        "denounced",
                    ]
                    .contains(w)
                })
    };
    let in_sentence: Vec<&Timex> = in_sentence.into_iter().filter(|t| !protested(t)).collect();
    // "on Tuesday called off a state visit … scheduled for Sept. 2": a date before the calling
    // off dates that, and the event keeps its own date where the sentence gives one
    let called_off = |t: &Timex| {
        ti(t) < c.trigger_tokens.0 && {
            let w = view.window_words(ti(t), c.trigger_tokens.0);
            w.iter().any(|w| {
                [
                    "cancelled",
                    "canceled",
                    "cancels",
                    "postponed",
                    "postpones",
                    "scrapped",
                ]
                .contains(w)
            }) || w
                .windows(2)
                .any(|p| ["called", "calls", "call"].contains(&p[0]) && p[1] == "off")
        }
    };
    let in_sentence: Vec<&Timex> = if in_sentence.iter().any(|t| !called_off(t))
        && in_sentence.iter().any(|t| called_off(t))
    {
        in_sentence.into_iter().filter(|t| !called_off(t)).collect()
    } else {
        in_sentence
    };
    let anchor_note = anchor
        .map(|a| format!(" (resolved against {a})"))
        .unwrap_or_default();
    let clause: Option<&&Timex> = in_sentence
        .iter()
        .filter(|t| ti(t) >= c.clause.0 && ti(t) < c.clause.1)
        .min_by_key(|t| rank(t));
    // the dates after "since" in the event's clause, in text order
    let since_in_clause = || -> Vec<&Timex> {
        timexes
            .iter()
            .filter(|t| {
                t.start >= view.sentence.start && t.end <= view.sentence.end && usable(t, dated)
            })
            .filter(|t| governed_by(text, t, &["since"]))
            .filter(|t| ti(t) >= c.clause.0 && ti(t) < c.clause.1)
            .collect()
    };
    // "has been held since December 2018 and was sentenced in June 2020": a detention whose
    // nearest date is its "since" dates from then, not from a later step of the case
    if c.event_type == EventType::Detention {
        let since = since_in_clause().into_iter().min_by_key(|t| rank(t));
        if let Some(t) = since.filter(|s| clause.is_none_or(|o| rank(s) < rank(o))) {
            return Dated::from_text(
                t,
                format!(
                    "in force “since {}”: it began then → {}{anchor_note}",
                    t.text, t.value
                ),
                0.95,
            );
        }
    }
    if let Some(t) = clause {
        return Dated::from_text(
            t,
            format!("“{}” in the same clause → {}{anchor_note}", t.text, t.value),
            1.0,
        );
    }
    // "relations soured in 2018, when Canada arrested…", "since 2018, when…": the date right
    // before ", when" is the when-clause's
    if c.clause.0 >= 2 && view.window_words(c.clause.0 - 2, c.clause.0) == [",", "when"] {
        let comma = c.clause.0 - 2;
        let before_when = timexes.iter().find(|t| {
            t.start >= view.sentence.start
                && t.end <= view.sentence.end
                && usable(t, dated)
                && view.token_index(t.end.saturating_sub(1)) + 1 == comma
        });
        if let Some(t) = before_when {
            return Dated::from_text(
                t,
                format!(
                    "“{}, when …” dates the when-clause → {}{anchor_note}",
                    t.text, t.value
                ),
                0.95,
            );
        }
    }
    // "has been held … since late 2020": a detention that goes on dates from its start; so does
    // a measure in force ("has barred the products since August 2023")
    if matches!(
        c.event_type,
        EventType::Detention | EventType::Sanction | EventType::ExportControl
    ) {
        if let Some(t) = since_in_clause().first() {
            return Dated::from_text(
                t,
                format!(
                    "in force “since {}”: it began then → {}{anchor_note}",
                    t.text, t.value
                ),
                0.95,
            );
        }
    }
    // a date across "after"/"before" belongs to the other clause's event, and one across "who"
    // to what the person did ("lodged a protest over the detention of an employee, who was
    // taken into custody last month")
    let across_sequence = |t: &Timex| {
        let before = ti(t) < c.trigger_tokens.0;
        let (a, b) = if before {
            (ti(t), c.trigger_tokens.0)
        } else {
            (c.trigger_tokens.1, ti(t))
        };
        let words = view.window_words(a, b);
        words.iter().enumerate().any(|(k, w)| {
            if ![
                "after", "before", "since", "until", "when", "while", "who", "whom",
            ]
            .contains(w)
            {
                return false;
            }
            if before {
                // "in December 2019, when Abe travelled to Beijing": the date of the when-clause
                if *w == "when" && k <= 4 && k > 0 && words[k - 1] == "," {
                    return false;
                }
                // "On Aug. 22, after Japan announced the date, China summoned…": the inserted
                // clause closes with a comma and the main clause resumes
                if words[k..].contains(&",") && !["who", "whom"].contains(w) {
                    return false;
                }
            }
            true
        })
    };
    let sentence: Option<&&Timex> = in_sentence
        .iter()
        .filter(|t| !view.near_reporting_verb(ti(t)) && !across_sequence(t))
        .min_by_key(|t| dist(t));
    if let Some(t) = sentence {
        return Dated::from_text(
            t,
            format!(
                "“{}” in the same sentence → {}{anchor_note}",
                t.text, t.value
            ),
            0.95,
        );
    }
    // "announced on Monday that the two countries had reached an agreement": with no date of
    // its own, a past act told in what was said took place by the day of the saying
    let said: Option<&&Timex> = (c.status == Status::Occurred)
        .then(|| {
            in_sentence
                .iter()
                .filter(|t| ti(t) < c.trigger_tokens.0 && !across_sequence(t))
                .filter(|t| t.span.is_some_and(|s| s.start.day.is_some()))
                .max_by_key(|t| t.start)
        })
        .flatten();
    if let Some(t) = said {
        return Dated::from_text(
            t,
            format!(
                "“{}”, the day it was told of, in the same sentence → {}{anchor_note}",
                t.text, t.value
            ),
            0.85,
        );
    }
    if let Some(t) = para_timexes.last() {
        let (date, later) = match (t.span, later_than_before(&view.lower)) {
            (Some(span), Some(shift)) if span.end.is_none() && span.start.day.is_some() => {
                shift_later(span, shift)
            }
            (span, _) => (span, String::new()),
        };
        return Dated {
            date,
            basis: DateBasis::Text,
            span: Some(Span::new(t.start, t.end)),
            note: format!(
                "“{}” in an earlier sentence of the paragraph → {}{anchor_note}{later}",
                t.text, t.value
            ),
            factor: 0.9,
        };
    }
    match anchor {
        Some(a) => Dated {
            date: Some(DateSpan::single(PartialDate::from_naive(a))),
            basis: DateBasis::Publication,
            span: None,
            note: format!("no date in the text: dated by the article's date {a}"),
            factor: 1.0,
        },
        None => Dated {
            date: None,
            basis: DateBasis::Publication,
            span: None,
            note: "no date in the text and the article is undated".into(),
            factor: 1.0,
        },
    }
}

/// The one-line summary of an event ("Japan visit to China (planned)").
pub fn summary(gaz: &Gazetteer, e: &Event) -> String {
    let name = |c: &str| gaz.country(c).map_or(c.to_string(), |x| x.name.clone());
    let (a, b) = (name(&e.actor), name(&e.target));
    let lifted = match e.action {
        Action::Lifted => "lifted ",
        Action::Eased => "eased ",
        Action::Imposed => "",
    };
    let s = match e.event_type {
        EventType::Visit => format!("{a} visit to {b}"),
        EventType::Meeting => format!("{a} meeting with {b}"),
        EventType::ExportControl => format!("{a} {lifted}export controls affecting {b}"),
        EventType::Sanction => format!("{a} {lifted}sanctions or tariffs on {b}"),
        EventType::Detention => format!("{a} detains national(s) of {b}"),
        EventType::Release => format!("{a} releases national(s) of {b}"),
        EventType::Agreement => format!("{a} agreement with {b}"),
        EventType::Protest => format!("{a} protest against {b}"),
        EventType::Expulsion => format!("{a} expels diplomats or nationals of {b}"),
    };
    match e.status {
        Status::Occurred => s,
        Status::Planned => format!("{s} (planned)"),
        Status::Cancelled => format!("{s} (cancelled)"),
    }
}

fn describe_slot(text: &str, slot: Slot, span: Option<Span>) -> String {
    let name = format!("{slot:?}").to_lowercase();
    match span {
        Some(s) => format!("{name} “{}”", &text[s.start..s.end]),
        None => name,
    }
}

/// The events of one article.
pub fn extract(x: &Extractor, article: &Article) -> Vec<Event> {
    extract_full(x, article).events
}

/// What extraction finds in one article: its events, and the countries it mentions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extraction {
    pub events: Vec<Event>,
    /// Alpha-2 codes with their number of mentions (names, adjectives, capitals, officials,
    /// people introduced with a nationality), most mentioned first.
    pub countries: Vec<(String, usize)>,
}

/// The events of one article and the countries it mentions.
pub fn extract_full(x: &Extractor, article: &Article) -> Extraction {
    let text = article.text.as_str();
    let anchor = article.anchor_date.or(article.pub_date);
    let sentences = text::segment(text);
    let found = x.gazetteer.find(text, anchor);
    let intro = introductions(text, &x.gazetteer, &found, &sentences);
    let mentions = merge_mentions(found, intro);
    let mut counts: HashMap<String, usize> = HashMap::new();
    for m in &mentions {
        *counts.entry(m.code.clone()).or_default() += 1;
    }
    let mut article_countries: Vec<(String, usize)> = counts.into_iter().collect();
    article_countries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    // every event needs a country named somewhere in the article, and a trigger word
    if mentions.is_empty() || !x.rules.any_trigger(&fold(text)) {
        return Extraction {
            events: Vec::new(),
            countries: article_countries,
        };
    }
    // dates are tagged when a sentence first has a candidate event (most articles have none)
    let timexes = once_cell::unsync::OnceCell::new();
    // sentences of the paragraph before that, whose narrative dates are carried then
    let mut untagged: Vec<Span> = Vec::new();

    let mut events: Vec<Event> = Vec::new();
    let mut antecedents: Vec<(EventType, String, String)> = Vec::new();
    let mut prev_person: Option<Mention> = None;
    let mut prev_codes: Vec<String> = Vec::new();
    let mut para_timexes: Vec<&Timex> = Vec::new();
    let mut para = usize::MAX;
    // the events told by the sentence before (a range of `events`)
    let mut prev_told = 0..0;
    for s in &sentences {
        if s.paragraph != para {
            para = s.paragraph;
            para_timexes.clear();
            untagged.clear();
        }
        let mut tx_here: &[Timex] = timexes.get().map_or(&[], |t: &Vec<Timex>| {
            within(t, s.span, |t| t.start, |t| t.end)
        });
        let here_mentions = within(&mentions, s.span, |m| m.span.start, |m| m.span.end);
        let sentence_text = &text[s.span.start..s.span.end];
        let pair_words = ["two ", "Two ", "both ", "Both "]
            .iter()
            .any(|w| sentence_text.contains(w));
        if here_mentions.is_empty()
            && antecedents.is_empty()
            && prev_person.is_none()
            && !pair_words
        {
            // nothing to act or be acted on: only the narrative date goes on
            prev_codes.clear();
            prev_told = events.len()..events.len();
            if timexes.get().is_some() {
                carry_narrative_date(text, tx_here, anchor.is_some(), &mut para_timexes);
            } else {
                untagged.push(s.span);
            }
            continue;
        }
        let tokens = text::tokens(text, s.span);
        let ms: Vec<(Mention, usize, usize)> = here_mentions
            .iter()
            .filter(|m| m.span.end <= s.span.end)
            .map(|m| {
                let first = tokens
                    .iter()
                    .position(|t| t.span.end > m.span.start)
                    .unwrap_or(0);
                let last = tokens
                    .iter()
                    .rposition(|t| t.span.start < m.span.end)
                    .unwrap_or(first)
                    .max(first);
                (m.clone(), first, last)
            })
            .collect();
        let (lower, map) = lowered(text, s.span);
        let view = SentenceView {
            text,
            sentence: s.span,
            tokens,
            mentions: ms,
            lower,
            map,
            prev_person: prev_person.clone(),
            prev_codes: std::mem::take(&mut prev_codes),
            article_countries: &article_countries,
            antecedents: &antecedents,
            gazetteer: &x.gazetteer,
        };
        let evidence = text::flat(text, s.span);
        let mut told: Vec<(EventType, String, String)> = Vec::new();
        let first_here = events.len();
        let found = rules::apply(&view, &x.rules);
        if !found.is_empty() && timexes.get().is_none() {
            let t = timexes
                .get_or_init(|| temporal::tag(text, anchor.unwrap_or_default(), &x.temporal));
            for span in untagged.drain(..) {
                let here = within(t, span, |t| t.start, |t| t.end);
                carry_narrative_date(text, here, anchor.is_some(), &mut para_timexes);
            }
            tx_here = within(t, s.span, |t| t.start, |t| t.end);
        }
        for c in found {
            let rule = &x.rules.rules[c.rule];
            let mut d = date_candidate(text, &view, &c, tx_here, &para_timexes, anchor);
            if let Some((date, note)) = narrative_year(text, &d, tx_here, &para_timexes) {
                d.date = Some(date);
                d.note.push_str(&note);
            }
            if d.basis == DateBasis::Publication
                && d.date.is_some()
                && article.pub_date_basis == crate::model::PubDateBasis::Inferred
            {
                // the article's own date was inferred from its text
                d.basis = DateBasis::Inferred;
                d.note.push_str(" (itself inferred from the text)");
            }
            if d.basis == DateBasis::Publication {
                if let Some((date, note)) = scene_date(&view.lower, c.event_type, &events) {
                    d.date = Some(date);
                    d.basis = DateBasis::Text;
                    d.note = note;
                }
            }
            if let Some((n, base, why)) = interval_before(&view, &c, tx_here, &d) {
                // "two days after Erdogan denounced Israel": the main clause's day minus two
                if let Some(day) = base.start.first_day().and_then(|b| {
                    if n >= 0 {
                        b.checked_add_days(chrono::Days::new(n as u64))
                    } else {
                        b.checked_sub_days(chrono::Days::new(n.unsigned_abs()))
                    }
                }) {
                    d.date = Some(DateSpan::single(PartialDate::from_naive(day)));
                    d.basis = DateBasis::Text;
                    d.note = format!("{why} → {day}");
                }
            }
            let mut status = c.status;
            if status == Status::Planned {
                // "said on Wednesday it would…": the weekday dates the saying, not the plan
                let reported = d
                    .span
                    .is_some_and(|s| view.near_reporting_verb(view.token_index(s.start)));
                if let (Some(a), Some(span), false) = (anchor, d.span, reported) {
                    if let Some(next) = planned_weekday(&text[span.start..span.end], d.date, a) {
                        d.date = Some(next);
                        d.note.push_str(&format!(
                            "; the event is planned, so the weekday is the next one: {}",
                            next.start
                        ));
                    }
                }
            }
            if status == Status::Occurred && d.basis == DateBasis::Text {
                // a dated event after the article's date is a plan
                if let (Some(a), Some(first)) = (anchor, d.date.and_then(|x| x.start.first_day())) {
                    if first > a {
                        status = Status::Planned;
                    }
                }
            }
            let mut e = Event {
                event_type: c.event_type,
                cameo: rule
                    .cameo
                    .clone()
                    .or_else(|| c.event_type.cameo().map(String::from)),
                actor: c.actor.clone(),
                target: c.target.clone(),
                date: d.date,
                date_basis: d.basis,
                status,
                action: c.action,
                summary: String::new(),
                evidence: evidence.clone(),
                sentence: s.span,
                trigger: c.trigger,
                actor_span: c.actor_span,
                target_span: c.target_span,
                date_span: d.span,
                date_note: d.note,
                role_note: format!(
                    "actor from {}; target from {}",
                    describe_slot(text, c.actor_slot, c.actor_span),
                    describe_slot(text, c.target_slot, c.target_span)
                ),
                rule: rule.id.clone(),
                confidence: (c.confidence * d.factor * 1000.0).round() / 1000.0,
            };
            e.summary = summary(&x.gazetteer, &e);
            told.push((e.event_type, e.actor.clone(), e.target.clone()));
            if let Some(implied) = implied_since(text, &view, &e, tx_here, anchor.is_some()) {
                let mut implied = implied;
                implied.summary = summary(&x.gazetteer, &implied);
                events.push(implied);
            }
            // "in 2023 and again in January": the same act on each date of the list
            let mut extras = Vec::new();
            if let Some(first) = e.date_span.filter(|_| e.date_basis == DateBasis::Text) {
                for t in tx_here.iter().filter(|t| {
                    t.start > first.end
                        && usable(t, anchor.is_some())
                        && view.token_index(t.start) < c.clause.1
                        && and_before(text, first.end, t.start)
                }) {
                    let mut again = e.clone();
                    again.date = t.span;
                    again.date_span = Some(Span::new(t.start, t.end));
                    again.date_note =
                        format!("“{}”, listed with the first date → {}", t.text, t.value);
                    extras.push(again);
                }
            }
            events.push(e);
            events.extend(extras);
        }
        if told.is_empty() {
            restated_date(
                text,
                &view,
                &x.rules,
                tx_here,
                anchor,
                &mut events[prev_told],
            );
        }
        prev_told = first_here..events.len();
        prev_codes = view
            .mentions
            .iter()
            .map(|(m, _, _)| m.code.clone())
            .collect();
        if let Some(p) = view
            .mentions
            .iter()
            .rev()
            .find(|(m, _, _)| m.kind == MentionKind::Official)
        {
            prev_person = Some(p.0.clone());
        }
        drop(view);
        antecedents.extend(told);
        if timexes.get().is_some() {
            carry_narrative_date(text, tx_here, anchor.is_some(), &mut para_timexes);
        } else {
            untagged.push(s.span);
        }
    }
    let events = meetings_at_home(&x.gazetteer, text, &mentions, events);
    Extraction {
        events: merge_within_article(events),
        countries: article_countries,
    }
}

/// An undated protest or pact told "during the talks" takes the day of the talks the story
/// leads with; one done "in return" or "hours later" the day of the last dated act.
fn scene_date(lower: &str, t: EventType, before: &[Event]) -> Option<(DateSpan, String)> {
    const SCENE: &[&str] = &[
        "during the talks",
        "during the meeting",
        "during the visit",
        "during the call",
        "during the trip",
        "during the summit",
        "during their talks",
        "during their meeting",
        "during his visit",
        "during her visit",
        "at the meeting",
        "at the talks",
        "at the summit",
    ];
    const REACTION: &[&str] = &[
        "in return",
        "hours later",
        "later that day",
        "later the same day",
    ];
    // what is done at talks is said or signed there; an arrest they discuss is older
    let contact = matches!(t, EventType::Protest | EventType::Agreement)
        && SCENE.iter().any(|w| lower.contains(w));
    let reaction = REACTION.iter().any(|w| lower.contains(w));
    if !contact && !reaction {
        return None;
    }
    let dated = |e: &&Event| {
        e.date_basis == DateBasis::Text
            && e.status == Status::Occurred
            && e.date
                .is_some_and(|d| d.start.day.is_some() && d.end.is_none())
            && (!contact || matches!(e.event_type, EventType::Visit | EventType::Meeting))
    };
    // "during the talks": the talks the story leads with ("held talks in Beijing on Sunday"),
    // not a side meeting told later
    let talks = ["talks", "meeting", "call", "summit"]
        .iter()
        .any(|w| SCENE.iter().any(|c| c.ends_with(w) && lower.contains(c)));
    let e = before
        .iter()
        .filter(dated)
        .find(|e| talks && (e.event_type == EventType::Meeting || e.rule.starts_with("meeting")))
        .or_else(|| before.iter().rev().find(dated))?;
    let date = e.date?;
    let why = if contact {
        "the talks"
    } else {
        "the act answered"
    };
    Some((
        date,
        format!(
            "no date of its own: the day of {why} told before → {}",
            date.start
        ),
    ))
}

/// "hours after Iran released her" (undated), then "The two were freed on Wednesday": a sentence
/// that yields no event but tells of the same kind of act again, with a day of its own, dates
/// the events of the sentence before that had only the article's date.
fn restated_date(
    text: &str,
    view: &SentenceView<'_>,
    rules: &RuleSet,
    here: &[Timex],
    anchor: Option<NaiveDate>,
    prev: &mut [Event],
) {
    let Some(a) = anchor else { return };
    let Some(t) = here.iter().find(|t| {
        usable(t, true)
            && !governed_by(text, t, NOT_EVENT_DATE)
            && t.span.is_some_and(|d| {
                d.start.month.is_some() && d.start.first_day().is_some_and(|f| f <= a)
            })
    }) else {
        return;
    };
    for e in prev
        .iter_mut()
        .filter(|e| e.date_basis == DateBasis::Publication && e.status == Status::Occurred)
    {
        // the act told again has no other party named before it ("pressure from Washington,
        // which in October restricted…" is another country's act)
        let again = rules.rules.iter().any(|r| {
            r.rule_type == RuleType::Fixed(e.event_type)
                && !r.exclude.as_ref().is_some_and(|x| x.is_match(&view.lower))
                && r.trigger.find(&view.lower).is_some_and(|m| {
                    let at = view.map[m.start()];
                    view.mentions.iter().all(|(x, _, _)| {
                        x.span.start > at || x.code == e.actor || x.code == e.target
                    })
                })
        });
        if again {
            e.date = t.span;
            e.date_basis = DateBasis::Text;
            e.date_span = Some(Span::new(t.start, t.end));
            e.date_note = format!(
                "“{}” in the next sentence, which tells of it again → {}",
                t.text, t.value
            );
        }
    }
}

/// The narrative date a following sentence of the paragraph may continue: the days or months
/// named in this sentence (a background year is not carried over).
fn carry_narrative_date<'t>(text: &str, here: &'t [Timex], dated: bool, para: &mut Vec<&'t Timex>) {
    let found: Vec<&Timex> = here
        .iter()
        .filter(|t| usable(t, dated))
        .filter(|t| !governed_by(text, t, NOT_EVENT_DATE))
        .filter(|t| t.span.is_some_and(|d| d.start.month.is_some()))
        .collect();
    if !found.is_empty() {
        *para = found;
    }
}

/// "detained in March 2023 … formally arrested that October": a month named with "that" and
/// no year follows the story's year, the last date with a written year before it (in the
/// sentence, else the sentence before), not the publication's: the first such month on or after
/// that date. A month named without a year after a written year in the same sentence ("in
/// November 2019, a month after Xi travelled … on Oct. 11") takes that year.
fn narrative_year(
    text: &str,
    d: &Dated,
    here: &[Timex],
    para: &[&Timex],
) -> Option<(DateSpan, String)> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let span = d.span?;
    let date = d.date?;
    let month = date.start.month?;
    let own = &text[span.start..span.end];
    let lower = own.to_lowercase();
    let before = text[..span.start].trim_end().to_lowercase();
    let that = lower.starts_with("that ")
        || (before.ends_with("that")
            && !before[..before.len() - 4]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric()));
    let has_year = |t: &str| t.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4);
    let named_month = MONTHS.iter().any(|m| lower.starts_with(m));
    if has_year(own) || !(that && date.end.is_none() || named_month) {
        return None;
    }
    let in_sentence = here
        .iter()
        .rev()
        .filter(|t| t.end <= span.start && has_year(&t.text))
        .find_map(|t| t.span);
    let story = if that {
        in_sentence.or_else(|| {
            para.iter()
                .rev()
                .filter(|t| t.end <= span.start && has_year(&t.text))
                .find_map(|t| t.span)
        })?
    } else {
        in_sentence?
    };
    let year = match story.start.month {
        Some(m) if that && month < m => story.start.year + 1,
        _ => story.start.year,
    };
    let shift = year - date.start.year;
    if shift == 0 {
        return None;
    }
    let mut start = date.start;
    start.year += shift;
    // a day that the story's year lacks (29 February)
    start.first_day()?;
    let mut end = date.end;
    if let Some(e) = end.as_mut() {
        e.year += shift;
        e.first_day()?;
    }
    Some((
        DateSpan { start, end },
        format!("; follows the story's year {} → {start}", story.start.year),
    ))
}

/// How a sentence dated by an earlier sentence's day places itself after that day: "a day
/// later", "the next day" → one day on (`Some(1)`); "days later", "a few days later" → some days
/// on, which gives no day (`Some(0)`: the month at most).
fn later_than_before(lower: &str) -> Option<u8> {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        let prev = if i > 0 { words[i - 1] } else { "" };
        let next = words.get(i + 1).copied().unwrap_or("");
        match (*w, next) {
            ("day", "later") if ["a", "one"].contains(&prev) => return Some(1),
            ("next" | "following", "day") if prev == "the" => return Some(1),
            ("days", "later") => return Some(0),
            _ => {}
        }
    }
    None
}

/// The day after `span` (`shift` 1) or its month (`shift` 0), with a note.
fn shift_later(span: DateSpan, shift: u8) -> (Option<DateSpan>, String) {
    if shift == 1 {
        if let Some(day) = span.start.first_day().and_then(|d| d.succ_opt()) {
            return (
                Some(DateSpan::single(PartialDate::from_naive(day))),
                format!("; a day later → {day}"),
            );
        }
        return (Some(span), String::new());
    }
    let month = span.start.truncate(crate::model::Precision::Month);
    (
        Some(DateSpan::single(month)),
        format!("; days later, so no day → {month}"),
    )
}

/// "His comments come two days after X denounced Y": an event told in a clause opened by
/// "N days after" ("before") happened that many days before (after) the main clause's day. Gives
/// the signed number of days, the main clause's date and a note; `None` when the clause dates
/// its own event or the main clause's day is not known.
fn interval_before(
    view: &SentenceView<'_>,
    c: &Candidate,
    timexes: &[Timex],
    d: &Dated,
) -> Option<(i64, DateSpan, String)> {
    const NUMBERS: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let k = c.clause.0.checked_sub(1)?;
    let sign = match view.window_words(k, k + 1).first().copied() {
        Some("after") => -1,
        Some("before") => 1,
        _ => return None,
    };
    let w = view.window_words(k.saturating_sub(2), k);
    let [count, unit] = w.as_slice() else {
        return None;
    };
    let per = match *unit {
        "day" | "days" => 1,
        "week" | "weeks" => 7,
        _ => return None,
    };
    let n = match *count {
        "a" | "one" | "the" => 1,
        x => NUMBERS
            .iter()
            .position(|w| *w == x)
            .map(|i| i as i64 + 1)
            .or_else(|| x.parse::<i64>().ok().filter(|n| (1..=60).contains(n)))?,
    };
    if (*unit == "day" || *unit == "week") != (n == 1) {
        return None;
    }
    // the event's own clause names its date: nothing to shift
    if d.basis == DateBasis::Text
        && d.span
            .is_some_and(|s| view.token_index(s.start) >= c.clause.0 && s.start < view.sentence.end)
        && d.span.is_some_and(|s| s.start >= view.sentence.start)
    {
        return None;
    }
    // the main clause's date: a day named before "after" in the sentence, else what the
    // sentence would be dated by (the paragraph's day, the publication date)
    let main = timexes
        .iter()
        .rev()
        .find(|t| {
            t.start >= view.sentence.start
                && t.end <= view.sentence.end
                && view.token_index(t.start) < k
                && usable(t, true)
        })
        .and_then(|t| t.span)
        .or(d.date)?;
    if main.end.is_some() || main.start.day.is_none() {
        return None;
    }
    let phrase = format!(
        "“{} {} {}”",
        count,
        unit,
        if sign < 0 { "after" } else { "before" }
    );
    Some((
        sign * n * per,
        main,
        format!("{phrase} the main clause's day {}", main.start.first_day()?),
    ))
}

/// Whether only "and", "again", "then", "in", "on" and commas stand between two dates.
fn and_before(text: &str, from: usize, to: usize) -> bool {
    let between = text[from..to].to_lowercase();
    let words: Vec<&str> = between
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    words.contains(&"and")
        && words.len() <= 4
        && words
            .iter()
            .all(|w| ["and", "again", "then", "in", "on", "later"].contains(w))
}

/// A bare weekday read as past by the tagger, in a sentence that plans the event ("is scheduled
/// to travel to Canada on Wednesday"), is the next such day: the event's own tense decides.
fn planned_weekday(expr: &str, date: Option<DateSpan>, anchor: NaiveDate) -> Option<DateSpan> {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let lower = expr.to_lowercase();
    if !DAYS.iter().any(|d| lower.contains(d)) || lower.contains("last") || lower.contains("next") {
        return None;
    }
    let d = date?;
    if d.end.is_some() || d.start.day.is_none() {
        return None;
    }
    let day = d.start.first_day()?;
    if day >= anchor {
        return None;
    }
    let next = day.checked_add_days(chrono::Days::new(7))?;
    (next >= anchor).then(|| DateSpan::single(PartialDate::from_naive(next)))
}

/// "the first visit by a Japanese foreign minister since December 2019": an earlier event of
/// the same kind, dated by the "since" expression.
fn implied_since(
    text: &str,
    view: &SentenceView<'_>,
    e: &Event,
    timexes: &[Timex],
    dated: bool,
) -> Option<Event> {
    let lower = &view.lower;
    let first = lower.find("first")?;
    let t = timexes.iter().find(|t| {
        t.start >= view.sentence.start
            && t.end <= view.sentence.end
            && usable(t, dated)
            && governed_by(text, t, &["since"])
    })?;
    if view.map.get(first).is_none_or(|&b| b > t.start) {
        return None;
    }
    let mut x = e.clone();
    x.date = t.span;
    x.date_basis = DateBasis::Text;
    x.date_span = Some(Span::new(t.start, t.end));
    x.date_note = format!(
        "implied earlier event: “the first … since {}” → {}",
        t.text, t.value
    );
    x.status = Status::Occurred;
    x.rule = format!("{}+since", e.rule);
    x.confidence = (e.confidence * 0.85 * 1000.0).round() / 1000.0;
    Some(x)
}

/// A meeting held in one party's country is a visit by the other.
fn meetings_at_home(
    gaz: &Gazetteer,
    text: &str,
    mentions: &[Mention],
    mut events: Vec<Event>,
) -> Vec<Event> {
    for e in events
        .iter_mut()
        .filter(|e| e.event_type == EventType::Meeting)
    {
        let places: Vec<&Mention> = within(mentions, e.sentence, |m| m.span.start, |m| m.span.end)
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Capital | MentionKind::Name))
            .filter(|m| {
                let head = text[..m.span.start].trim_end();
                head.ends_with(" in") || head.ends_with(" to") || head.ends_with("\nin")
            })
            .collect();
        if let Some(p) = places.first() {
            if p.code == e.target {
                e.event_type = EventType::Visit;
            } else if p.code == e.actor {
                std::mem::swap(&mut e.actor, &mut e.target);
                std::mem::swap(&mut e.actor_span, &mut e.target_span);
                e.event_type = EventType::Visit;
            } else {
                continue;
            }
            e.cameo = Some("042".into());
            e.role_note.push_str(&format!(
                "; a meeting in {} is a visit to it",
                &text[p.span.start..p.span.end]
            ));
            e.summary = summary(gaz, e);
        }
    }
    events
}

/// Two dates that may be the same event's: equal, or one of them not from the text.
fn same_date(a: &Event, b: &Event) -> bool {
    a.date == b.date || a.date_basis != DateBasis::Text || b.date_basis != DateBasis::Text
}

fn better(a: &Event, b: &Event) -> bool {
    let rank = |e: &Event| {
        (
            e.date_basis == DateBasis::Text,
            e.event_type == EventType::Visit,
            (e.confidence * 1000.0) as i64,
        )
    };
    rank(a) > rank(b)
}

/// One record per distinct event: same family and direction, compatible dates. Contacts (visits
/// and meetings) merge in either direction.
fn merge_within_article(events: Vec<Event>) -> Vec<Event> {
    // candidates for merging share family, unordered pair, action and status: bucket by that
    let mut out: Vec<Event> = Vec::new();
    let mut buckets: HashMap<(&'static str, String, String, Action, Status), Vec<usize>> =
        HashMap::new();
    for e in events {
        let (a, b) = if e.actor <= e.target {
            (e.actor.clone(), e.target.clone())
        } else {
            (e.target.clone(), e.actor.clone())
        };
        let key = (e.event_type.family(), a, b, e.action, e.status);
        // "said it would file a complaint, calling the measures retaliation": one sentence, one
        // act of the same kind and direction on the same date, whatever the status of each word
        let sibling = out.iter().position(|o| {
            o.sentence == e.sentence
                && o.event_type.family() == e.event_type.family()
                && o.actor == e.actor
                && o.target == e.target
                && o.action == e.action
                && o.date == e.date
        });
        let bucket = buckets.entry(key).or_default();
        let twin = bucket
            .iter()
            .copied()
            .find(|&i| {
                let o = &out[i];
                ((o.actor == e.actor && o.target == e.target) || e.event_type.family() == "contact")
                    && same_date(o, &e)
            })
            .or(sibling);
        match twin {
            Some(i) => {
                // told twice: more likely right
                let (hi, lo) = if out[i].confidence >= e.confidence {
                    (out[i].confidence, e.confidence)
                } else {
                    (e.confidence, out[i].confidence)
                };
                let conf = ((hi + 0.5 * (1.0 - hi) * lo) * 1000.0).round() / 1000.0;
                if better(&e, &out[i]) {
                    out[i] = e;
                }
                out[i].confidence = conf;
            }
            None => {
                bucket.push(out.len());
                out.push(e);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;

//! Candidate generation: regular expressions over the normalised text, each with a small
//! handler that checks the context and turns the match into a [`Sem`].
//!
//! Every rule may yield overlapping candidates; [`candidates`] returns them all and the caller
//! keeps the longest non-overlapping ones.

use super::lex::{
    month_num, num_val, weekday_num, year_val, MONTH, NUM, NUMW, SPOKEN_YEAR, UNITS, WEEKDAY,
};
use super::resolve::{Sem, Unit, YearRef};
use super::text::{head, tail};
use super::TimexKind;
use crate::model::PartialDate;
use once_cell::sync::{Lazy, OnceCell};
use regex::{Captures, Regex};

/// What a rule recognised.
#[derive(Debug, Clone)]
pub struct Hit {
    pub sem: Sem,
    pub kind: TimexKind,
    pub modifier: Option<&'static str>,
    /// Future/past forced by the expression itself (e.g. "next"), overriding clause tense.
    pub tense: Option<bool>,
}

/// A candidate expression: byte range in the normalised text plus its meaning.
#[derive(Debug, Clone)]
pub struct Cand {
    pub s: usize,
    pub e: usize,
    pub hit: Hit,
}

/// Match context given to handlers.
pub struct Ctx<'a> {
    pub text: &'a str,
    pub s: usize,
    pub e: usize,
    pub day_first: bool,
}

impl Ctx<'_> {
    /// Up to 80 bytes of text before the match (handlers only look nearby, which keeps
    /// tagging linear in the document length).
    fn before(&self) -> &str {
        tail(self.text.get(..self.s).unwrap_or(""), 80)
    }
    /// Up to 80 bytes of text after the match.
    fn after(&self) -> &str {
        head(self.text.get(self.e..).unwrap_or(""), 80)
    }
    /// Previous word (punctuation kept), without the separating space.
    fn prev_word(&self) -> &str {
        let b = self.before();
        if !b.ends_with(' ') {
            return "";
        }
        let b = &b[..b.len() - 1];
        match b.rfind(' ') {
            Some(i) => &b[i + 1..],
            None => b,
        }
    }
    /// Next word (punctuation kept) if separated by one space.
    fn next_word(&self) -> &str {
        let a = self.after();
        match a.strip_prefix(' ') {
            Some(a) => a.split(' ').next().unwrap_or(""),
            None => "",
        }
    }
}

type Handler = fn(&Captures, &Ctx) -> Option<Hit>;

struct Rule {
    pat: String,
    f: Handler,
    /// The pattern compiled without Unicode (for ASCII text, where it means the same: far
    /// smaller automata, faster to build and to run), and as written (for the rare text that
    /// needs it): each compiled when first needed.
    ascii: OnceCell<Regex>,
    unicode: OnceCell<Regex>,
}

impl Rule {
    /// The rule for an ASCII haystack: there `\d`, `\w`, `\b` and `(?i)` without Unicode
    /// match what they match with it, and the automata are far smaller.
    fn ascii(&self) -> &Regex {
        self.ascii
            .get_or_init(|| compile(&format!("(?-u){}", self.pat)))
    }

    fn unicode(&self) -> &Regex {
        self.unicode.get_or_init(|| compile(&self.pat))
    }
}

fn compile(pat: &str) -> Regex {
    Regex::new(pat).unwrap_or_else(|e| panic!("bad pattern {pat}: {e}"))
}

fn date(sem: Sem) -> Option<Hit> {
    Some(Hit {
        sem,
        kind: TimexKind::Date,
        modifier: None,
        tense: None,
    })
}

fn hit(sem: Sem, kind: TimexKind) -> Option<Hit> {
    Some(Hit {
        sem,
        kind,
        modifier: None,
        tense: None,
    })
}

fn fixed(v: &str, kind: TimexKind) -> Option<Hit> {
    hit(Sem::Fixed(v.to_string()), kind)
}

fn g<'t>(c: &Captures<'t>, name: &str) -> Option<&'t str> {
    c.name(name).map(|m| m.as_str())
}

fn valid_day(y: i32, m: u32, d: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}

fn lower(s: &str) -> String {
    s.to_ascii_lowercase()
}

/// Calendar unit named by a word ("weeks" → Week).
pub fn cal_unit(s: &str) -> Option<Unit> {
    let l = lower(s);
    let l = l
        .trim_start_matches("fiscal ")
        .trim_start_matches("calendar ");
    Some(match l.trim_end_matches('s') {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "quarter" => Unit::Quarter,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" | "centurie" => Unit::Century,
        _ => return None,
    })
}

/// TIMEX3 duration value for `n` units (None = unknown quantity).
pub fn dur_value(n: Option<f64>, unit: &str) -> Option<String> {
    let l = lower(unit);
    let l = l
        .trim_start_matches("fiscal ")
        .trim_start_matches("calendar ");
    let (u, t) = match l.trim_end_matches('s') {
        "second" => ("S", true),
        "minute" => ("M", true),
        "hour" => ("H", true),
        "day" => ("D", false),
        "week" => ("W", false),
        "weekend" => ("WE", false),
        "month" => ("M", false),
        "quarter" => ("Q", false),
        "year" => ("Y", false),
        "decade" => ("DE", false),
        "century" | "centurie" => ("CE", false),
        _ => return None,
    };
    let p = if t { "PT" } else { "P" };
    // decades, centuries and quarters are written in years/months when the count is known
    let (n, u) = match (n, u) {
        (Some(v), "DE") => (Some(v * 10.0), "Y"),
        (Some(v), "CE") => (Some(v * 100.0), "Y"),
        (Some(v), "Q") => (Some(v * 3.0), "M"),
        _ => (n, u),
    };
    Some(match n {
        None => format!("{p}X{u}"),
        Some(v) if v.fract() == 0.0 => format!("{p}{}{u}", v as i64),
        Some(v) if v.fract() == 0.5 => {
            let w = v.trunc() as i64;
            let head = if w > 0 {
                format!("{w}{u}")
            } else {
                String::new()
            };
            match (u, t) {
                ("Y", false) => format!("P{head}6M"),
                ("H", true) => format!("PT{head}30M"),
                ("M", true) => format!("PT{head}30S"),
                ("D", false) => format!("P{head}T12H"),
                _ => format!("{p}{v}{u}"),
            }
        }
        Some(v) => format!("{p}{v}{u}"),
    })
}

const MONTH_PREP: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "of",
    "from",
    "to",
    "through",
    "during",
    "early",
    "late",
    "mid",
    "mid-",
    "before",
    "after",
    "between",
    "and",
    "or",
    "last",
    "next",
    "this",
    "each",
    "every",
    "throughout",
    "on",
    "in,",
    "for",
    "end",
    "beginning",
    "middle",
    "around",
    "that",
];

const NEWSPAPER: &[&str] = &[
    "Times",
    "Telegraph",
    "Mirror",
    "Express",
    "Post",
    "Herald",
    "Tribune",
    "Observer",
    "Independent",
    "Mail",
    "Sport",
    "Star",
    "Business",
    "Night",
    "Morning",
    "Journal",
    "Review",
];

fn month_rule(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let raw = g(c, "mon")?;
    let m = month_num(raw)?;
    let prev = lower(ctx.prev_word());
    let prev_ok = MONTH_PREP.contains(&prev.as_str()) || ctx.before().ends_with("mid-");
    if matches!(raw, "May" | "March" | "MARCH") && !prev_ok {
        return None;
    }
    let next = ctx.next_word();
    if !prev_ok && next.chars().next().is_some_and(|ch| ch.is_uppercase()) {
        return None;
    }
    let abbrev = raw.len() <= 4 && !matches!(raw, "May" | "June" | "July") && !raw.ends_with('.');
    if abbrev && (!prev_ok || next.chars().next().is_some_and(|ch| ch.is_uppercase())) {
        // "Jan" without a dot is often a name ("Jan Kavan")
        return None;
    }
    date(Sem::Month(m, YearRef::Ctx))
}

fn mdy(c: &Captures, _: &Ctx) -> Option<Hit> {
    let m = month_num(g(c, "mon")?)?;
    let d: u32 = g(c, "d")?.parse().ok()?;
    let y = year_val(g(c, "y")?)?;
    if !valid_day(y, m, d) {
        return None;
    }
    let a = Sem::Date(PartialDate::day(y, m, d));
    if let Some(d2) = g(c, "d2").and_then(|s| s.parse::<u32>().ok()) {
        if d2 > d && valid_day(y, m, d2) {
            return date(Sem::Range(
                Box::new(a),
                Box::new(Sem::Date(PartialDate::day(y, m, d2))),
            ));
        }
        return None;
    }
    date(a)
}

fn md(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let m = month_num(g(c, "mon")?)?;
    let d: u32 = g(c, "d")?.parse().ok()?;
    if !(1..=31).contains(&d) || !valid_day(2000, m, d) {
        return None;
    }
    let a = ctx.after();
    let b = a.as_bytes();
    if b.len() >= 2 && matches!(b[0], b',' | b'.' | b':' | b'/') && b[1].is_ascii_digit() {
        return None;
    }
    if a.starts_with('%') || a.starts_with(" percent") {
        return None;
    }
    let wd = g(c, "wd").and_then(weekday_num);
    let first = Sem::MonthDay(m, d, wd);
    let tense = match g(c, "rel").map(lower).as_deref() {
        Some("last") | Some("this past") => Some(false),
        Some("next") | Some("this coming") => Some(true),
        _ => None,
    };
    if let Some(d2) = g(c, "d2").and_then(|s| s.parse::<u32>().ok()) {
        if d2 > d && valid_day(2000, m, d2) {
            let sem = Sem::Range(Box::new(first), Box::new(Sem::MonthDay(m, d2, None)));
            return Some(Hit {
                sem,
                kind: TimexKind::Date,
                modifier: None,
                tense,
            });
        }
        return None;
    }
    Some(Hit {
        sem: first,
        kind: TimexKind::Date,
        modifier: None,
        tense,
    })
}

fn month_year(c: &Captures, _: &Ctx) -> Option<Hit> {
    let m = month_num(g(c, "mon")?)?;
    if let Some(rel) = g(c, "rel") {
        let l = lower(rel);
        let k = if l.contains("last") {
            -1
        } else if l.contains("next") {
            1
        } else {
            0
        };
        return date(Sem::Month(m, YearRef::Rel(k)));
    }
    let y = year_val(g(c, "y")?)?;
    date(Sem::Date(PartialDate::month(y, m)))
}

fn rel_month(c: &Captures, _: &Ctx) -> Option<Hit> {
    let m = month_num(g(c, "mon")?)?;
    let rel = lower(g(c, "rel")?);
    let dir = match rel.as_str() {
        "last" | "past" | "this past" => -1,
        "next" | "coming" | "the coming" => 1,
        _ => return date(Sem::Month(m, YearRef::Rel(0))),
    };
    date(Sem::MonthShift(m, dir))
}

const YEAR_PREV_OK: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "to",
    "through",
    "of",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "year",
    "fiscal",
    "between",
    "and",
    "around",
    "circa",
    "spring",
    "summer",
    "fall",
    "autumn",
    "winter",
    "in,",
    "throughout",
    "for",
    "than",
    "as",
    "that",
    "on",
    "at",
    "the",
    "a",
    "an",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "post",
    "pre",
    "unsuccessful",
    "successful",
    "failed",
    "disputed",
    "last",
];

const YEAR_NEXT_OK: &[&str] = &[
    "was",
    "is",
    "has",
    "as",
    "and",
    "or",
    "when",
    "because",
    "after",
    "before",
    "until",
    "but",
    "to",
    "the",
    "a",
    "an",
    "it",
    "he",
    "she",
    "they",
    "we",
    "its",
    "his",
    "their",
    "this",
    "that",
    "in",
    "on",
    "at",
    "for",
    "with",
    "from",
    "by",
    "were",
    "had",
    "saw",
    "elections",
    "election",
    "levels",
    "level",
    "season",
    "budget",
    "results",
    "figures",
    "earnings",
    "period",
    "quarter",
    "census",
    "olympics",
    "games",
    "world",
    "war",
    "crisis",
    "agreement",
    "accord",
    "treaty",
    "law",
    "act",
    "revolution",
    "invasion",
    "attack",
    "attacks",
    "bombing",
    "bombings",
    "riots",
    "talks",
    "summit",
    "deal",
    "estimate",
    "estimates",
    "forecast",
    "net",
    "profit",
    "sales",
    "revenue",
    "loss",
    "income",
    "compared",
    "versus",
    "vs",
    "only",
    "also",
    "alone",
];

static RANGE_END: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"\b\d{4} (?:and|to|through|until|till|or) $").expect("RANGE_END"));

fn bare_year(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let y = year_val(g(c, "y")?)?;
    if !(1000..=2100).contains(&y) {
        return None;
    }
    let before = ctx.before();
    let lb: String = before
        .chars()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let lb = lower(&lb);
    if lb.ends_with("mid-") || lb.ends_with("post-") || lb.ends_with("pre-") {
        return date(Sem::Date(PartialDate::year(y)));
    }
    let pb = before.chars().next_back();
    if matches!(
        pb,
        Some('$' | '#' | '/' | ':' | '.' | ',' | '-' | '+' | '£' | '€')
    ) || pb.is_some_and(|ch| ch.is_alphanumeric())
    {
        return None;
    }
    let a = ctx.after();
    let ab = a.as_bytes();
    if ab
        .first()
        .is_some_and(|b| matches!(b, b'%' | b'/' | b'-' | b':'))
        || (ab.len() >= 2 && matches!(ab[0], b',' | b'.') && ab[1].is_ascii_digit())
    {
        return None;
    }
    let prev = lower(ctx.prev_word());
    let prev = prev.trim_start_matches(['(', '`', '"', '\'']);
    if prev.starts_with('$') || prev.ends_with("us$") {
        return None;
    }
    let possessive = prev.ends_with("'s") || prev.ends_with("s'");
    if possessive
        && ctx
            .next_word()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    {
        return None;
    }
    // the second year of "between 1994 and 1997" / "from 1991 to 1997": TimeML tags the
    // two ends of a worded range as two expressions
    let range_end = RANGE_END.is_match(before);
    if YEAR_PREV_OK.contains(&prev) || prev.ends_with("mid-") || possessive || range_end {
        return date(Sem::Date(PartialDate::year(y)));
    }
    // a year mid-text with no date preposition: reject obvious quantities
    let next = ctx.next_word();
    let next_l = lower(next.trim_end_matches([',', '.', ';', ':', ')', '\'', '"']));
    let next_clean = next_l.trim_end_matches("'s");
    let is_punct_end =
        next.is_empty() || a.starts_with(',') || a.starts_with('.') || a.starts_with(')');
    if is_punct_end
        || YEAR_NEXT_OK.contains(&next_clean)
        || next.ends_with("'s")
        || a.starts_with("'s")
    {
        // a capitalised previous word (a name: "Orion 1980") makes it unlikely
        if ctx
            .prev_word()
            .chars()
            .next()
            .is_some_and(|ch| ch.is_uppercase())
            && !ctx.before().trim_end().ends_with(['.', ','])
            && month_num(ctx.prev_word()).is_none()
        {
            return None;
        }
        return date(Sem::Date(PartialDate::year(y)));
    }
    None
}

fn fiscal_year(c: &Captures, _: &Ctx) -> Option<Hit> {
    let ys = g(c, "y")?;
    let y = if ys.len() == 2 {
        let v: i32 = ys.parse().ok()?;
        if v < 50 {
            2000 + v
        } else {
            1900 + v
        }
    } else {
        year_val(ys)?
    };
    if !(1000..=2100).contains(&y) {
        return None;
    }
    date(Sem::Date(PartialDate::year(y)))
}

fn spoken_year(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let raw = g(c, "y")?;
    let y = year_val(raw)?;
    let next = ctx
        .next_word()
        .trim_end_matches(|ch: char| !ch.is_alphanumeric());
    if cal_unit(next).is_some() || dur_value(None, next).is_some() {
        return None;
    }
    if lower(raw).starts_with("two thousand") && !lower(ctx.before()).ends_with("year ") {
        let p = lower(ctx.prev_word());
        if !YEAR_PREV_OK.contains(&p.as_str()) {
            return None;
        }
    }
    date(Sem::Date(PartialDate::year(y)))
}

fn year_range(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let y = year_val(g(c, "y")?)?;
    let y2s = g(c, "y2")?;
    let y2 = if y2s.len() == 2 {
        let v: i32 = y2s.parse().ok()?;
        let mut y2 = y / 100 * 100 + v;
        if y2 < y {
            y2 += 100;
        }
        y2
    } else {
        year_val(y2s)?
    };
    if !(1000..=2100).contains(&y) || y2 <= y || y2 - y > 60 {
        return None;
    }
    let pb = ctx.before().chars().next_back();
    if matches!(pb, Some('$' | '#' | '/' | ':' | '.' | ',' | '-')) {
        return None;
    }
    if ctx.after().starts_with(['-', '/', '%']) {
        return None;
    }
    date(Sem::Range(
        Box::new(Sem::Date(PartialDate::year(y))),
        Box::new(Sem::Date(PartialDate::year(y2))),
    ))
}

fn modifier_word(w: &str) -> Option<&'static str> {
    match lower(w).as_str() {
        "early" => Some("START"),
        "late" => Some("END"),
        "mid" => Some("MID"),
        _ => None,
    }
}

fn decade(c: &Captures, _: &Ctx) -> Option<Hit> {
    let y = if let Some(w) = g(c, "w") {
        let l = lower(w);
        let tens = [
            "twenties",
            "thirties",
            "forties",
            "fifties",
            "sixties",
            "seventies",
        ];
        let more = ["eighties", "nineties"];
        let i = tens.iter().chain(more.iter()).position(|t| *t == l)? as i32;
        1920 + 10 * i
    } else {
        let ys = g(c, "y")?;
        if let Some(two) = ys.strip_prefix('\'') {
            let v: i32 = two.parse().ok()?;
            if v < 30 {
                2000 + v
            } else {
                1900 + v
            }
        } else {
            ys.parse().ok()?
        }
    };
    let mut h = date(Sem::Decade(y))?;
    h.modifier = g(c, "m").and_then(modifier_word);
    Some(h)
}

fn ordinal(s: &str) -> Option<u32> {
    const ORD: [&str; 21] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "twenty-first",
    ];
    let l = lower(s);
    if let Some(i) = ORD.iter().position(|o| *o == l) {
        return Some(i as u32 + 1);
    }
    if l == "final" {
        return Some(4);
    }
    l.trim_end_matches(|ch: char| ch.is_ascii_alphabetic())
        .parse()
        .ok()
}

fn century(c: &Captures, _: &Ctx) -> Option<Hit> {
    let n = ordinal(g(c, "n")?)?;
    if !(1..=30).contains(&n) {
        return None;
    }
    date(Sem::Century(n as i32 - 1))
}

fn iso(c: &Captures, _: &Ctx) -> Option<Hit> {
    let y: i32 = g(c, "y")?.parse().ok()?;
    let m: u32 = g(c, "m")?.parse().ok()?;
    let d: u32 = g(c, "d")?.parse().ok()?;
    if !valid_day(y, m, d) {
        return None;
    }
    let day = Sem::Date(PartialDate::day(y, m, d));
    if let (Some(h), Some(mi)) = (g(c, "h"), g(c, "mi")) {
        let (h, mi): (u32, u32) = (h.parse().ok()?, mi.parse().ok()?);
        if h < 24 && mi < 60 {
            return hit(
                Sem::Time {
                    h,
                    mi,
                    day: Some(Box::new(day)),
                },
                TimexKind::Time,
            );
        }
    }
    date(day)
}

fn numeric_date(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let a: u32 = g(c, "a")?.parse().ok()?;
    let b: u32 = g(c, "b")?.parse().ok()?;
    let ys = g(c, "y")?;
    let y: i32 = if ys.len() == 2 {
        let v: i32 = ys.parse().ok()?;
        if v < 50 {
            2000 + v
        } else {
            1900 + v
        }
    } else {
        ys.parse().ok()?
    };
    let pb = ctx.before().chars().next_back();
    if matches!(pb, Some('/' | '$' | '.' | '-')) || ctx.after().starts_with(['/', '-']) {
        return None;
    }
    let (m, d) = if ctx.day_first { (b, a) } else { (a, b) };
    let (m, d) = if m > 12 && d <= 12 { (d, m) } else { (m, d) };
    if !valid_day(y, m, d) || !(1000..=2100).contains(&y) {
        return None;
    }
    date(Sem::Date(PartialDate::day(y, m, d)))
}

fn part_code(s: &str) -> Option<&'static str> {
    Some(match lower(s).trim_end_matches('s') {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "tonight" => "NI",
        _ => return None,
    })
}

fn weekday(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let wd = weekday_num(g(c, "wd")?)?;
    let part = g(c, "part").and_then(part_code);
    if part.is_none() {
        let next = ctx.next_word();
        if NEWSPAPER.contains(&next.trim_end_matches(['.', ',', ';', '\''])) {
            return None;
        }
    }
    let prev = ctx.prev_word();
    if g(c, "rel").is_none()
        && matches!(
            prev,
            "Bloody"
                | "Black"
                | "Super"
                | "Palm"
                | "Easter"
                | "Good"
                | "Ash"
                | "Holy"
                | "Cyber"
                | "Blue"
        )
    {
        return None;
    }
    let plural_part = g(c, "part").is_some_and(|p| p.ends_with('s'));
    if g(c, "pl").is_some() || plural_part {
        let v = match part {
            Some(p) => format!("XXXX-WXX-{wd}T{p}"),
            None => format!("XXXX-WXX-{wd}"),
        };
        return fixed(&v, TimexKind::Set);
    }
    let mut tense = None;
    let dir = match g(c, "rel").map(lower).as_deref() {
        Some("last") | Some("this past") | Some("past") => -1,
        Some("next") | Some("coming") | Some("this coming") => {
            tense = Some(true);
            1
        }
        _ => 0,
    };
    // "Friday evening": the day with its part (TEV); "Friday morning/afternoon/night":
    // TimeBank mostly gives the plain day
    let sem = match part {
        Some(p @ "EV") => Sem::Part(Box::new(Sem::Weekday(wd, dir)), p),
        _ => Sem::Weekday(wd, dir),
    };
    Some(Hit {
        sem,
        kind: TimexKind::Date,
        modifier: None,
        tense,
    })
}

fn set_weekday(c: &Captures, _: &Ctx) -> Option<Hit> {
    let wd = weekday_num(g(c, "wd")?)?;
    fixed(&format!("XXXX-WXX-{wd}"), TimexKind::Set)
}

fn set_month(c: &Captures, _: &Ctx) -> Option<Hit> {
    let m = month_num(g(c, "mon")?)?;
    fixed(&format!("XXXX-{m:02}"), TimexKind::Set)
}

/// Nouns after "today's" that name something happening or published that day.
const DAY_EVENT_NOUNS: &[&str] = &[
    "edition",
    "editions",
    "issue",
    "paper",
    "newspaper",
    "newspapers",
    "meeting",
    "session",
    "vote",
    "voting",
    "talks",
    "announcement",
    "quiz",
    "game",
    "match",
    "race",
    "election",
    "elections",
    "summit",
    "hearing",
    "deadline",
    "trading",
    "broadcast",
    "program",
    "programme",
    "show",
    "ceremony",
    "speech",
    "decision",
    "attack",
    "attacks",
    "report",
];

fn day_word(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let w = lower(g(c, "w")?);
    // generic uses: "today's world", "the people of tomorrow"; but "yesterday's
    // announcement", "tomorrow's vote", "today's editions" are the day itself
    if let Some(rest) = ctx.after().strip_prefix("'s ") {
        let noun = lower(rest.split(' ').next().unwrap_or(""));
        let noun = noun.trim_end_matches(|ch: char| !ch.is_alphanumeric());
        if lower(g(c, "w")?) == "today" && !DAY_EVENT_NOUNS.contains(&noun) {
            return None;
        }
    } else if ctx.after().starts_with("'s") {
        return None;
    }
    if lower(ctx.before()).ends_with(" of ") {
        return None;
    }
    let n = match w.as_str() {
        "today" => 0,
        "tonight" => 0,
        "yesterday" => -1,
        "tomorrow" => 1,
        _ => return None,
    };
    let n = match g(c, "ba").map(lower).as_deref() {
        Some("before") => n - 1,
        Some("after") => n + 1,
        _ => n,
    };
    let sem = Sem::DayRel(n);
    let part = g(c, "part").and_then(part_code);
    let sem = match (part, w.as_str()) {
        (Some(p), _) => Sem::Part(Box::new(sem), p),
        _ => sem,
    };
    date(sem)
}

fn this_part(c: &Captures, _: &Ctx) -> Option<Hit> {
    let p = part_code(g(c, "part")?)?;
    let n = if lower(g(c, "rel")?) == "last" { -1 } else { 0 };
    hit(Sem::Part(Box::new(Sem::DayRel(n)), p), TimexKind::Time)
}

fn reference(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let w = lower(g(c, "w")?);
    let next = lower(ctx.next_word());
    let v = match w.as_str() {
        "now" => {
            if ctx.after().starts_with('-') {
                return None;
            }
            "PRESENT_REF"
        }
        "current" => {
            if matches!(
                next.as_str(),
                "account" | "accounts" | "affairs" | "events" | "flow" | "flows" | "transfer"
            ) {
                return None;
            }
            "PRESENT_REF"
        }
        "currently" | "nowadays" | "these days" | "at present" | "presently" => "PRESENT_REF",
        "recently" | "recent" | "previously" | "formerly" | "the past" | "lately" => "PAST_REF",
        // "in recent years": TimeBank annotates the vague stretch of years as a past reference
        "recent years" | "recent decades" => "PAST_REF",
        w if w.starts_with("recent ") => {
            // "in recent months": an unspecified stretch up to now
            let unit = w.trim_start_matches("recent ");
            return fixed(&dur_value(None, unit)?, TimexKind::Duration);
        }
        w if w.ends_with("future") => "FUTURE_REF",
        // "in the near term", "in coming quarters": the vague near future
        "the near term" | "the short term" => "FUTURE_REF",
        // "over the past several quarters": the vague recent past
        w if w.starts_with("the past ") || w.starts_with("the last ") => "PAST_REF",
        w if w.ends_with(" months") || w.ends_with(" quarters") => "FUTURE_REF",
        _ => return None,
    };
    fixed(v, TimexKind::Date)
}

static QUARTER_ENDED: Lazy<Regex> = Lazy::new(|| {
    Regex::new(&format!(
        r"^ (?:ended|ending) (?P<mon>{MONTH}) ?(?P<d>\d{{1,2}})\b(?:,? (?P<y>\d{{4}})\b)?"
    ))
    .expect("QUARTER_ENDED")
});

fn rel_unit(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    // "This Week" followed by a quote or a capitalised word: a programme title
    let after = ctx.after();
    if g(c, "rel") == Some("This")
        && g(c, "unit") == Some("Week")
        && (after.starts_with(['"', ','])
            || ctx
                .next_word()
                .chars()
                .next()
                .is_some_and(char::is_uppercase))
    {
        return None;
    }
    let rel = lower(g(c, "rel")?);
    let unit_w = lower(g(c, "unit")?);
    let season = match unit_w.as_str() {
        "spring" => Some("SP"),
        "summer" => Some("SU"),
        "fall" | "autumn" => Some("FA"),
        "winter" => Some("WI"),
        _ => None,
    };
    let back = matches!(
        rel.as_str(),
        "last" | "past" | "the past" | "the last" | "this past" | "previous" | "the previous"
    );
    let fwd = matches!(
        rel.as_str(),
        "next" | "coming" | "the coming" | "following" | "the following" | "the next"
    );
    let narrative = matches!(
        rel.as_str(),
        "previous"
            | "the previous"
            | "following"
            | "the following"
            | "the next"
            | "the same"
            | "that"
    );
    let n: i64 = if back {
        -1
    } else if fwd {
        1
    } else {
        0
    };
    let tense = if fwd { Some(true) } else { None };
    if let Some(code) = season {
        if unit_w == "fall" && (rel == "the" || rel == "that") {
            return None;
        }
        if matches!(rel.as_str(), "the" | "that" | "the same")
            && matches!(ctx.next_word(), "of" | "in" | "from" | "to")
        {
            return None;
        }
        let yr = if matches!(rel.as_str(), "this" | "current" | "the current") {
            YearRef::Rel(0)
        } else {
            YearRef::Ctx
        };
        return Some(Hit {
            sem: Sem::Season(code, yr, n as i32),
            kind: TimexKind::Date,
            modifier: None,
            tense,
        });
    }
    let sem = match unit_w.as_str() {
        "period" => {
            if rel == "the latest" {
                Sem::LatestQuarter
            } else {
                return None;
            }
        }
        "half" => return None,
        "quarter" => match rel.as_str() {
            "the latest" => Sem::LatestQuarter,
            // "this quarter's loss" in a results report: the quarter reported on
            "this" if ctx.after().starts_with("'s") => Sem::LatestQuarter,
            "the" | "the same" | "that" => match QUARTER_ENDED.captures(ctx.after()) {
                // "the quarter ended Sept. 30": known by its last day only (often fiscal)
                Some(q) => {
                    let m = month_num(q.name("mon")?.as_str())?;
                    let d: u32 = q.name("d")?.as_str().parse().ok()?;
                    let y = q.name("y").and_then(|y| year_val(y.as_str()));
                    if !valid_day(y.unwrap_or(2000), m, d) {
                        return None;
                    }
                    Sem::QuarterEnding(m, d, y)
                }
                None => Sem::LatestQuarter,
            },
            _ => Sem::Shift {
                unit: Unit::Quarter,
                n,
                narrative,
            },
        },
        "day" => match rel.as_str() {
            "the previous" | "the following" | "the next" | "the same" | "previous"
            | "following" | "next" => Sem::Shift {
                unit: Unit::Day,
                n,
                narrative: true,
            },
            _ => return None,
        },
        _ => {
            let unit = cal_unit(&unit_w)?;
            if rel == "the" && !matches!(unit, Unit::Week | Unit::Weekend) {
                return None;
            }
            if rel == "the latest" {
                return None;
            }
            if rel == "the" && unit == Unit::Week {
                Sem::VagueWeek
            } else {
                Sem::Shift { unit, n, narrative }
            }
        }
    };
    Some(Hit {
        sem,
        kind: TimexKind::Date,
        modifier: None,
        tense,
    })
}

fn ago(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let dir = lower(g(c, "dir")?);
    if matches!(dir.as_str(), "before" | "after") {
        let a = ctx.after();
        if !(a.is_empty() || a.starts_with(['.', ',', ';', ')', '\'', '"'])) {
            return None;
        }
    }
    let unit = cal_unit(g(c, "unit")?)?;
    let n = num_val(g(c, "n")?);
    let back = matches!(
        dir.as_str(),
        "ago" | "earlier" | "before" | "back" | "previously"
    );
    let narrative = !matches!(dir.as_str(), "ago" | "back" | "from now" | "hence");
    let Some(n) = n else {
        return fixed(
            if back { "PAST_REF" } else { "FUTURE_REF" },
            TimexKind::Date,
        );
    };
    if n > 10_000.0 {
        return None;
    }
    let n = n.round() as i64;
    let n = if back { -n } else { n };
    if unit == Unit::Year && n == -1 {
        return date(Sem::YearAgoPeriod(narrative));
    }
    date(Sem::Shift { unit, n, narrative })
}

fn quarter_in_year(c: &Captures, _: &Ctx) -> Option<Hit> {
    let y = year_val(g(c, "y")?)?;
    date(Sem::QuarterInYear(y))
}

fn year_ago_adj(c: &Captures, _: &Ctx) -> Option<Hit> {
    let says_quarter = lower(c.get(0)?.as_str()).contains("quarter");
    date(Sem::YearAgoQuarter(says_quarter))
}

fn quarter(c: &Captures, _: &Ctx) -> Option<Hit> {
    let q = match g(c, "q") {
        Some(q) => q.parse().ok()?,
        None => ordinal(g(c, "ord")?)?,
    };
    if !(1..=4).contains(&q) {
        return None;
    }
    let yr = if let Some(y) = g(c, "y") {
        YearRef::Abs(year_val(y)?)
    } else if let Some(rel) = g(c, "rel") {
        match lower(rel).as_str() {
            "last" => YearRef::Rel(-1),
            "next" => YearRef::Rel(1),
            _ => YearRef::Rel(0),
        }
    } else {
        YearRef::Ctx
    };
    date(Sem::Quarter(q, yr))
}

fn half(c: &Captures, _: &Ctx) -> Option<Hit> {
    let h = ordinal(g(c, "ord")?)?;
    let yr = match g(c, "y") {
        Some(y) => YearRef::Abs(year_val(y)?),
        None => YearRef::Ctx,
    };
    date(Sem::Half(h, yr))
}

fn season_year(c: &Captures, _: &Ctx) -> Option<Hit> {
    let code = match lower(g(c, "s")?).as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        _ => "WI",
    };
    let y = year_val(g(c, "y")?)?;
    date(Sem::Season(code, YearRef::Abs(y), 0))
}

fn holiday_rule(c: &Captures, _: &Ctx) -> Option<Hit> {
    let h = lower(g(c, "h")?);
    let key = if h.starts_with("christmas eve") {
        "christmas eve"
    } else if h.starts_with("christmas") {
        "christmas"
    } else if h.starts_with("new year's eve") {
        "new year eve"
    } else if h.starts_with("new year") {
        "new year"
    } else if h.starts_with("thanksgiving") {
        "thanksgiving"
    } else if h.starts_with("easter") {
        "easter"
    } else if h.starts_with("good friday") {
        "good friday"
    } else if h.starts_with("independence") {
        "independence"
    } else if h.starts_with("election") {
        "election"
    } else if h.starts_with("labor") {
        "labor"
    } else if h.starts_with("memorial") {
        "memorial"
    } else if h.starts_with("halloween") {
        "halloween"
    } else if h.starts_with("valentine") {
        "valentine"
    } else if h.starts_with("veterans") {
        "veterans"
    } else if h.starts_with("year") {
        "year end"
    } else {
        return None;
    };
    let yr = match g(c, "y") {
        Some(y) => YearRef::Abs(year_val(y)?),
        None => YearRef::Ctx,
    };
    let tense = match g(c, "rel").map(lower).as_deref() {
        Some("last") => Some(false),
        Some("next") => Some(true),
        _ => None,
    };
    Some(Hit {
        sem: Sem::Holiday(key, yr),
        kind: TimexKind::Date,
        modifier: None,
        tense,
    })
}

fn day_sem(s: &str) -> Option<Sem> {
    let digits = s.len() - s.trim_end_matches(|ch: char| ch.is_ascii_digit()).len();
    if digits > 0 && digits < s.len() {
        if let (Some(head), Some(tail)) = (s.get(..s.len() - digits), s.get(s.len() - digits..)) {
            let m = month_num(head.trim())?;
            let d: u32 = tail.parse().ok()?;
            return valid_day(2000, m, d).then_some(Sem::MonthDay(m, d, None));
        }
    }
    match lower(s).as_str() {
        "today" | "tonight" => Some(Sem::DayRel(0)),
        "yesterday" => Some(Sem::DayRel(-1)),
        "tomorrow" => Some(Sem::DayRel(1)),
        w => weekday_num(w).map(|wd| Sem::Weekday(wd, 0)),
    }
}

fn clock(c: &Captures, _: &Ctx) -> Option<Hit> {
    let (mut h, mi): (u32, u32) = if let Some(w) = g(c, "w") {
        (if lower(w) == "midnight" { 0 } else { 12 }, 0)
    } else {
        (
            g(c, "h")?.parse().ok()?,
            g(c, "mi").map_or(Some(0), |m| m.parse().ok())?,
        )
    };
    if let Some(ap) = g(c, "ap") {
        if !(1..=12).contains(&h) {
            return None;
        }
        let pm = lower(ap).starts_with('p');
        if pm && h < 12 {
            h += 12;
        }
        if !pm && h == 12 {
            h = 0;
        }
    }
    if h > 23 || mi > 59 {
        return None;
    }
    let day = g(c, "day").and_then(day_sem).map(Box::new);
    hit(Sem::Time { h, mi, day }, TimexKind::Time)
}

fn set_rule(c: &Captures, _: &Ctx) -> Option<Hit> {
    if let Some(w) = g(c, "w") {
        let v = match lower(w).as_str() {
            "daily" | "a day" | "per day" | "every day" | "each day" => "P1D",
            "weekly" | "a week" | "per week" | "every week" | "each week" => "P1W",
            "monthly" | "a month" | "per month" | "every month" | "each month" => "P1M",
            "annually" | "yearly" | "a year" | "per year" | "every year" | "each year"
            | "per annum" => "P1Y",
            "hourly" | "an hour" | "per hour" | "every hour" => "PT1H",
            "nightly" | "every night" | "each night" => "XXXX-XX-XXTNI",
            "every morning" | "each morning" => "XXXX-XX-XXTMO",
            "every evening" | "each evening" => "XXXX-XX-XXTEV",
            "every weekend" | "each weekend" => "XXXX-WXX-WE",
            "quarterly" | "every quarter" | "each quarter" => "P3M",
            "biweekly" => "P2W",
            _ => return None,
        };
        return fixed(v, TimexKind::Set);
    }
    let n = num_val(g(c, "n")?);
    let v = dur_value(n, g(c, "unit")?)?;
    fixed(&v, TimexKind::Set)
}

fn daily_word(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    set_rule(c, ctx)
}

fn duration(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    let ntext = g(c, "n")?;
    let nl = lower(ntext);
    let n = num_val(ntext);
    let unit = g(c, "unit")?;
    let prev = lower(ctx.prev_word());
    if matches!(nl.as_str(), "a" | "an") {
        if unit.ends_with('s') {
            return None;
        }
        if money_before(ctx) {
            // "$1 billion a year": a price rate, not a duration (TimeBank leaves these out)
            return None;
        }
        let rate_word = matches!(
            prev.as_str(),
            "once"
                | "twice"
                | "times"
                | "per"
                | "cents"
                | "dollars"
                | "percent"
                | "million"
                | "billion"
                | "barrels"
                | "tons"
        );
        if prev.starts_with('$')
            || prev.ends_with('%')
            || prev.chars().next().is_some_and(|ch| ch.is_ascii_digit())
            || rate_word
        {
            return None;
        }
    }
    if nl == "some" && !unit.ends_with('s') {
        return None;
    }
    // ages ("52 years old") are not durations in TimeBank
    if ctx.after().starts_with(" old") {
        return None;
    }
    if matches!(nl.as_str(), "a" | "an") {
        // rates ("four flights a week") and ordinals ("a second betrayal")
        let rate =
            prev.len() > 3 && prev.ends_with('s') && prev.chars().all(|ch| ch.is_ascii_lowercase());
        let ordinal = lower(unit) == "second"
            && ctx
                .next_word()
                .chars()
                .next()
                .is_some_and(|ch| ch.is_alphabetic());
        if ordinal || rate {
            return None;
        }
    }
    if n.is_some_and(|v| v >= 1000.0) && ntext.len() == 4 {
        return None;
    }
    let mut v = dur_value(n, unit)?;
    if g(c, "half").is_some() || g(c, "half2").is_some() {
        if let Some(n) = n {
            v = dur_value(Some(n + 0.5), unit)?;
        }
    }
    fixed(&v, TimexKind::Duration)
}

/// "$5 a day", "$1 billion a year": a money amount right before "a <unit>".
fn money_before(ctx: &Ctx) -> bool {
    let words: Vec<&str> = ctx.before().split(' ').filter(|w| !w.is_empty()).collect();
    let last = words.last().map(|w| lower(w)).unwrap_or_default();
    let second = words
        .iter()
        .rev()
        .nth(1)
        .map(|w| lower(w))
        .unwrap_or_default();
    last.starts_with('$')
        || (matches!(last.as_str(), "million" | "billion") && second.starts_with('$'))
}

fn duration_adj(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    if ctx.after().starts_with("-old") {
        return None;
    }
    let n = num_val(g(c, "n")?);
    let v = dur_value(n, g(c, "unit")?)?;
    fixed(&v, TimexKind::Duration)
}

fn unit_long(c: &Captures, _: &Ctx) -> Option<Hit> {
    fixed(&dur_value(Some(1.0), g(c, "unit")?)?, TimexKind::Duration)
}

fn bare_plural(c: &Captures, _: &Ctx) -> Option<Hit> {
    let v = dur_value(None, g(c, "unit")?)?;
    fixed(&v, TimexKind::Duration)
}

fn the_year(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    if ctx.after().starts_with(['-', '\'']) {
        return None;
    }
    let next = lower(ctx.next_word());
    if matches!(next.as_str(), "ended" | "ending" | "to" | "through") || g(c, "fis").is_some() {
        return fixed("P1Y", TimexKind::Duration);
    }
    if matches!(next.as_str(), "before" | "after" | "earlier" | "ago") {
        return None;
    }
    date(Sem::Shift {
        unit: Unit::Year,
        n: 0,
        narrative: false,
    })
}

fn end_of_unit(c: &Captures, _: &Ctx) -> Option<Hit> {
    let unit = cal_unit(g(c, "unit")?)?;
    let modifier = match lower(g(c, "p")?).as_str() {
        "end" => "END",
        "middle" => "MID",
        _ => "START",
    };
    Some(Hit {
        sem: Sem::Shift {
            unit,
            n: 0,
            narrative: false,
        },
        kind: TimexKind::Date,
        modifier: Some(modifier),
        tense: None,
    })
}

fn narrative_part(c: &Captures, _: &Ctx) -> Option<Hit> {
    let n = if lower(g(c, "rel")?) == "previous" {
        -1
    } else {
        1
    };
    date(Sem::Shift {
        unit: Unit::Day,
        n,
        narrative: true,
    })
}

fn day_before_after(c: &Captures, ctx: &Ctx) -> Option<Hit> {
    // "the day before the vote" is relative to the vote, not to the narrative date
    let a = ctx.after();
    if !(a.is_empty() || a.starts_with(['.', ',', ';', ')', '\'', '"'])) {
        return None;
    }
    let n = if lower(g(c, "d")?) == "before" { -1 } else { 1 };
    date(Sem::Shift {
        unit: Unit::Day,
        n,
        narrative: true,
    })
}

fn rule(pat: &str, f: Handler) -> Rule {
    Rule {
        pat: pat.to_string(),
        f,
        ascii: OnceCell::new(),
        unicode: OnceCell::new(),
    }
}

static RULES: Lazy<Vec<Rule>> = Lazy::new(|| {
    let wd = WEEKDAY;
    let mon = MONTH;
    let sp = SPOKEN_YEAR;
    let num = NUM;
    let units = UNITS;
    vec![
        // explicit dates
        rule(
            &format!(
                r"(?:(?P<wd>{wd}),? )?(?P<mon>{mon}) ?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:-(?P<d2>\d{{1,2}}))?,? (?P<y>\d{{4}}|{sp})\b"
            ),
            mdy,
        ),
        rule(
            &format!(
                r"\b(?:(?P<wd>{wd}),? )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:-(?P<d2>\d{{1,2}}))? (?:of )?(?P<mon>{mon}),? (?P<y>\d{{4}})\b"
            ),
            mdy,
        ),
        rule(
            &format!(
                r"(?:(?P<rel>(?i:last|next|this|this past|this coming)) )?(?:(?P<wd>{wd}),? )?(?P<mon>{mon}) ?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:-(?P<d2>\d{{1,2}}))?\b"
            ),
            md,
        ),
        rule(
            &format!(
                r"\b(?:(?P<wd>{wd}),? )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<mon>{mon})"
            ),
            md,
        ),
        rule(
            &format!(r"(?P<mon>{mon}),? (?:of )?(?P<y>\d{{4}}|{sp})\b"),
            month_year,
        ),
        rule(
            &format!(r"(?P<mon>{mon}),? (?:of )?(?P<rel>(?i:this|last|next)) (?i:year)\b"),
            month_year,
        ),
        rule(&format!(r"(?P<mon>{mon})"), month_rule),
        rule(
            &format!(
                r"(?P<rel>(?i:last|next|this|this past|past|coming|the coming)) (?P<mon>{mon})"
            ),
            rel_month,
        ),
        rule(
            r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2}))?\b",
            iso,
        ),
        rule(
            r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})\b",
            numeric_date,
        ),
        // years, ranges, decades, centuries
        rule(r"\b(?P<y>\d{4})\b", bare_year),
        rule(
            &format!(r"(?i:\b(?:fiscal|calendar|model)(?: year)?|the year) (?P<y>\d{{4}}|{sp})\b"),
            fiscal_year,
        ),
        rule(r"\bFY ?(?P<y>\d{4}|\d{2})\b", fiscal_year),
        rule(&format!(r"(?i:\b(?P<y>{sp}))\b"), spoken_year),
        rule(r"\b(?P<y>\d{4}) ?[-/] ?(?P<y2>\d{2}|\d{4})\b", year_range),
        rule(
            r"(?:(?i:the) )?(?:(?P<m>(?i:early|late|mid))[- ])?(?P<y>\b1\d\d0|\b20\d0|'\d0)'?s\b",
            decade,
        ),
        rule(
            r"(?i)\bthe (?:(?P<m>early|late|mid)[- ])?(?:nineteen[- ])?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
            decade,
        ),
        rule(
            r"(?i)\b(?:the )?(?P<n>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[- ]century\b",
            century,
        ),
        // weekdays and deictic days
        rule(
            &format!(
                r"(?:(?P<rel>(?i:last|next|this|coming|this past|this coming|past)) )?(?P<wd>{wd})(?P<pl>s)?\b(?: (?P<part>(?i:morning|afternoon|evening|night|nights))\b)?"
            ),
            weekday,
        ),
        rule(&format!(r"(?i:\bevery|\beach) (?P<wd>{wd})\b"), set_weekday),
        rule(&format!(r"(?i:\bevery|\beach) (?P<mon>{mon})"), set_month),
        rule(
            r"(?i)\b(?:the day (?P<ba>before|after) )?(?P<w>today|tonight|yesterday|tomorrow)\b(?: (?P<part>morning|afternoon|evening|night)\b)?",
            day_word,
        ),
        rule(
            r"(?i)\b(?P<rel>this|last) (?P<part>morning|afternoon|evening|night)\b",
            this_part,
        ),
        rule(
            r"(?i)\b(?P<w>the (?:near|short) term|(?:the )?(?:coming|future|upcoming) (?:months|quarters)|the (?:past|last) (?:few|several) (?:months|quarters)|now|currently|current|recently|nowadays|lately|presently|these days|at present|the past|the (?:near |distant |foreseeable |immediate )?future|recent(?: (?:years|months|weeks|days|decades|quarters))?)\b",
            reference,
        ),
        // relative units
        rule(
            r"(?i)\b(?P<rel>last|next|this|coming|past|previous|following|current|the last|the next|the past|the coming|the previous|the following|the current|this past|the same|that|the latest|the)(?: (?:fiscal|calendar))? (?P<unit>week|month|year|quarter|decade|century|weekend|day|spring|summer|fall|autumn|winter|half|period)\b",
            rel_unit,
        ),
        rule(
            &format!(
                r"(?i)\b(?P<n>{num}) (?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century|quarters?) (?P<dir>ago|earlier|later|before|after|from now|hence|back|previously)\b"
            ),
            ago,
        ),
        rule(
            r"(?i)\b(?:the (?:comparable |corresponding |same )?year-(?:earlier|ago|before) (?:(?:first|second|third|fourth|fiscal) )?(?:quarter|period)|year-(?:earlier|ago)|the (?:(?:comparable|corresponding|same) )?(?:quarter|period) (?:of |in )?(?:last year|a year (?:ago|earlier))|the (?:comparable|corresponding|same) (?:quarter|period) (?:of |in )?(?:the )?(?:previous|prior) year|last year's (?:(?:comparable|corresponding|same) )?(?:quarter|period))\b",
            year_ago_adj,
        ),
        rule(
            r"(?i)\bthe (?P<y>\d{4}) (?:quarter|period)\b",
            quarter_in_year,
        ),
        rule(r"(?i)\bthe (?:(?P<fis>fiscal) |full )?year\b", the_year),
        rule(r"(?i)\bthe day (?P<d>before|after)\b", day_before_after),
        // quarters, halves, seasons, holidays
        rule(
            r"(?i)\b(?:(?:fiscal|calendar) )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final)-quarter\b",
            quarter,
        ),
        rule(
            r"(?i)\b(?:the )?(?:(?:fiscal|calendar) )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final) (?:fiscal )?quarter\b(?: of (?:fiscal )?(?P<y>\d{4})\b)?",
            quarter,
        ),
        rule(
            r"(?i)\b(?:the )?(?P<y>\d{4}) (?:fiscal )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b",
            quarter,
        ),
        rule(
            r"(?i)\b(?P<rel>this|last|next) year's (?:fiscal )?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter\b",
            quarter,
        ),
        rule(r"\bQ(?P<q>[1-4])(?:[ -](?P<y>\d{4}))?\b", quarter),
        rule(r"\b(?P<y>\d{4}) ?Q(?P<q>[1-4])\b", quarter),
        rule(
            r"(?i)\b(?:the )?(?P<ord>first|second) half\b(?: of (?P<y>\d{4})\b)?",
            half,
        ),
        rule(
            &format!(
                r"(?i)\b(?:the )?(?P<s>spring|summer|fall|autumn|winter)(?: of)? (?P<y>\d{{4}}|{sp})\b"
            ),
            season_year,
        ),
        rule(
            r"(?i)\b(?P<y>\d{4}) (?P<s>spring|summer|fall|autumn|winter)\b",
            season_year,
        ),
        rule(
            r"(?:(?P<rel>(?i:last|next|this)) )?(?P<h>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)?|Thanksgiving(?: Day)?|Easter Sunday|Independence Day|Election Day|Labor Day|Memorial Day|Halloween|Valentine's Day|Veterans Day|Good Friday)(?:,? (?P<y>\d{4})\b)?",
            holiday_rule,
        ),
        rule(r"\b(?P<h>(?i:year[- ]end))\b", holiday_rule),
        rule(
            r"(?i)\bthe (?P<p>end|beginning|start|middle) of the (?P<unit>month|year|week|quarter)\b",
            end_of_unit,
        ),
        rule(
            r"(?i)\bthe (?P<rel>next|following|previous) (?P<part>morning|afternoon|evening|night)\b",
            narrative_part,
        ),
        // clock times
        rule(
            &format!(
                r"(?i)\b(?P<h>\d{{1,2}})(?::(?P<mi>\d{{2}}))? ?(?P<ap>a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b)(?: (?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|BST|CET|local time)\b)?(?:,? (?:on )?(?P<day>{wd}|today|yesterday|tomorrow|tonight|{mon} ?\d{{1,2}})\b)?"
            ),
            clock,
        ),
        rule(
            &format!(
                r"(?i)\b(?P<w>noon|midnight|midday)\b(?:,? (?:on )?(?P<day>{wd}|today|yesterday|tomorrow)\b)?"
            ),
            clock,
        ),
        rule(
            r"(?i)\bat (?P<t>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d))\b",
            clock,
        ),
        // sets
        rule(
            r"(?i)\b(?P<w>(?:every|each) (?:day|week|month|year|hour|night|morning|evening|weekend|quarter))\b",
            set_rule,
        ),
        rule(
            &format!(r"(?i)\b(?:every|each) (?P<n>{num}) (?P<unit>{units})\b"),
            set_rule,
        ),
        rule(
            r"(?i)\b(?:once|twice|thrice|\w+ times) (?P<t>(?P<w>a (?:day|week|month|year)|an hour))\b",
            set_rule,
        ),
        rule(
            r"(?i)\b(?P<w>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)\b",
            daily_word,
        ),
        // durations
        rule(
            &format!(
                r"(?i)\b(?:the )?(?:(?:first|past|last|next|previous|coming|final|initial|following|remaining|latest|full|entire|whole|same|another) )?(?P<n>{num})(?P<half2> and a half)? (?:(?:more|additional|full|straight|consecutive|long|extra|further|successive) )?(?P<unit>{units})(?P<half> and a half)?\b"
            ),
            duration,
        ),
        rule(
            &format!(
                r"(?i)\b(?P<n>\d+(?:\.\d+)?|{NUMW})-(?P<unit>second|minute|hour|day|week|month|year|decade|century)(?:-long)?\b"
            ),
            duration_adj,
        ),
        rule(
            r"(?i)\b(?:for|over|within) (?P<t>(?P<unit>years|months|weeks|decades|centuries|hours|minutes))\b",
            bare_plural,
        ),
        rule(
            r"(?i)\b(?:the )?(?:coming|next few|past few|last few) (?P<unit>days|weeks|months|years|quarters|decades)\b",
            bare_plural,
        ),
        rule(
            r"(?i)\bthe (?P<unit>days|weeks|months|years) ahead\b",
            bare_plural,
        ),
        rule(r"(?i)\b(?P<unit>day|week|month|year)-long\b", unit_long),
    ]
});

/// Non-ASCII characters that some pattern could match as themselves: digits (`\d` is Unicode)
/// and the two letters that fold to ASCII ones under `(?i)` (KELVIN SIGN, LONG S).
static MATCHABLE: Lazy<Regex> =
    Lazy::new(|| Regex::new(r"[\d\x{212A}\x{17F}&&[^\x00-\x7F]]").expect("MATCHABLE"));

/// Non-ASCII word characters, as `\b` and `\w` see them.
static WORD: Lazy<Regex> = Lazy::new(|| Regex::new(r"[\w&&[^\x00-\x7F]]").expect("WORD"));

/// `text` as pure ASCII with the same byte offsets, on which every rule matches exactly where
/// it matches in `text`: each byte of a non-ASCII word character becomes `_` (a word character
/// no pattern names), each byte of any other non-ASCII character `\x01` (neither a word nor a
/// space, and named by no pattern). The patterns see non-ASCII characters only through `\b`
/// and `\w+` (`tests::patterns_see_non_ascii_only_as_words`), so both texts match alike; and on
/// ASCII the rules run without Unicode ([`Rule::ascii`]), where the lazy DFA never gives up as
/// it does on a Unicode `\b` at the first non-ASCII byte (then falling back to far slower
/// engines). `None` when a non-ASCII character could match a pattern itself (a digit, a letter
/// that folds to ASCII): the text is used as is.
fn ascii_shadow(text: &str) -> Option<std::borrow::Cow<'_, str>> {
    if text.is_ascii() {
        return Some(std::borrow::Cow::Borrowed(text));
    }
    if MATCHABLE.is_match(text) {
        return None;
    }
    let mut out: Vec<u8> = text
        .bytes()
        .map(|b| if b.is_ascii() { b } else { 0x01 })
        .collect();
    for m in WORD.find_iter(text) {
        out[m.start()..m.end()].fill(b'_');
    }
    String::from_utf8(out).ok().map(std::borrow::Cow::Owned)
}

/// All candidates found by any rule, in no particular order.
pub fn candidates(text: &str, day_first: bool) -> Vec<Cand> {
    match ascii_shadow(text) {
        Some(hay) => candidates_in(text, &hay, day_first, Rule::ascii)
            // a match over a replaced character: read the text itself
            .unwrap_or_else(|| {
                candidates_in(text, text, day_first, Rule::unicode).unwrap_or_default()
            }),
        None => candidates_in(text, text, day_first, Rule::unicode).unwrap_or_default(),
    }
}

/// The candidates of every rule, matched in `hay` (`text` or its ASCII shadow) with `regex`
/// and read in `text`; `None` when a match covers a character that the shadow replaced (then
/// the handler would not read what the rule matched).
fn candidates_in(
    text: &str,
    hay: &str,
    day_first: bool,
    regex: fn(&Rule) -> &Regex,
) -> Option<Vec<Cand>> {
    let shadowed = !std::ptr::eq(text, hay);
    let mut out = Vec::new();
    for r in RULES.iter() {
        for c in regex(r).captures_iter(hay) {
            if shadowed {
                let all = c.get(0)?;
                if text.get(all.range()) != Some(all.as_str()) {
                    return None;
                }
            }
            let Some(m) = c.name("t").or_else(|| c.get(0)) else {
                continue;
            };
            if m.start() >= m.end() {
                continue;
            }
            let ctx = Ctx {
                text,
                s: m.start(),
                e: m.end(),
                day_first,
            };
            if let Some(hit) = (r.f)(&c, &ctx) {
                out.push(Cand {
                    s: m.start(),
                    e: m.end(),
                    hit,
                });
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod shadow_tests {
    use super::*;

    /// The ASCII shadow is exact only while the patterns see a non-ASCII character through `\b`
    /// or an unbounded `\w+` (never `.`, a negated class, `\s`, `\W` … nor a non-ASCII literal).
    #[test]
    fn patterns_see_non_ascii_only_as_words() {
        for r in RULES.iter() {
            let p = r.pat.as_str();
            let mut chars = p.chars().peekable();
            let mut prev = ' ';
            while let Some(c) = chars.next() {
                assert!(c.is_ascii(), "non-ASCII literal in {p}");
                match c {
                    '\\' => {
                        let e = chars.next().unwrap_or(' ');
                        match e {
                            'b' | 'd' | '.' | '-' | '/' | '\'' | '$' => {}
                            'w' => assert_eq!(chars.peek(), Some(&'+'), "bounded \\w in {p}"),
                            _ => panic!("escape \\{e} in {p}"),
                        }
                        prev = e;
                        continue;
                    }
                    '.' => panic!("unescaped . in {p}"),
                    '^' => assert_ne!(prev, '[', "negated class in {p}"),
                    _ => {}
                }
                prev = c;
            }
        }
    }

    /// Only KELVIN SIGN and LONG S fold to an ASCII letter (or digit) under `(?i)`.
    #[test]
    fn every_rule_compiles_both_ways() {
        for r in RULES.iter() {
            r.ascii();
            r.unicode();
        }
    }

    #[test]
    fn non_ascii_folding_to_ascii() {
        let all: String = (0x80u32..=0x10FFFF).filter_map(char::from_u32).collect();
        let re = Regex::new(r"(?i)[a-z0-9]").unwrap();
        let found: Vec<char> = re
            .find_iter(&all)
            .filter_map(|m| m.as_str().chars().next())
            .collect();
        assert_eq!(found, vec!['\u{17F}', '\u{212A}']);
        for c in &found {
            assert!(MATCHABLE.is_match(&c.to_string()));
        }
    }

    fn show(mut v: Vec<Cand>) -> Vec<String> {
        v.sort_by_key(|c| (c.s, c.e, format!("{:?}", c.hit)));
        v.iter().map(|c| format!("{c:?}")).collect()
    }

    #[test]
    fn shadow_finds_what_the_text_does() {
        let texts = [
            "The talks on Monday, March 3, 2023 and “next week” — early 1990s.",
            "Café talks resumed on Tuesday; José said 2019 was “the year”.",
            "He met Müller twice a day and é3 times a week, in the 1990s…",
            "Ergebnis 2019: Straße, Jahr, weeK, ſeptember, three ſeconds, ٣ days later.",
            "Über 40 years, the fifth-century £ and € prices… on 2/3/2021 at 5 p.m. EST.",
            "Prix: 100 € per month; the day before yesterday; the following morning.",
            "x\u{200d}2019 and 2019\u{301} and ‘2018’ and “May” and Ünder two years ago",
        ];
        for t in texts {
            for day_first in [false, true] {
                let slow = candidates_in(t, t, day_first, Rule::unicode).unwrap();
                assert_eq!(show(candidates(t, day_first)), show(slow), "{t}");
            }
        }
    }
}

//! Resolution of parsed expressions ([`Sem`]) to TIMEX3 values and calendar spans.
//!
//! Resolution policy (deterministic: depends only on the text, the DCT and the options):
//! * Fully written dates ("April 2, 2023", "2019") are taken as written (`anchored = false`).
//! * Deictic expressions ("today", "last week", "two years ago", "this year") are counted from
//!   the document creation time (DCT), at the granularity of the expression's unit.
//! * Anaphoric expressions ("the next day", "a week earlier", "the previous year") are counted
//!   from the narrative date: the last day-precision date resolved earlier in the text (for
//!   day/week units) or the last date of any precision (for month/year units), else the DCT.
//! * Underspecified dates ("Friday", "March", "May 5", "the third quarter") take the year or
//!   week from the DCT and the tense of the clause: future → the first such date on or after
//!   the DCT; past → the reading nearest the DCT but at most 31 days ahead (deadlines,
//!   record dates); no tense marker → the reading nearest the DCT, forward distances counted
//!   1.5 times (news looks back more often than ahead); weekdays without a future marker → the
//!   latest such day on or before the DCT (the DCT itself included). Expressions that carry
//!   their own direction ("next Friday", "last April") override the clause tense.
//! * "this week" in a past/present clause spans Monday..DCT; otherwise whole ISO weeks.
//! * On a Sunday DCT, "next week" is the ISO week after the coming Monday (news weeks run
//!   Sunday to Saturday); "last week" is always the ISO week before the DCT's.
//! * "the quarter"/"the latest quarter"/"the latest period" name the reporting quarter: the
//!   first quarter mentioned in the document (news leads with it), else the quarter before the
//!   DCT's. "the quarter ended Sept. 30" is that reporting quarter when it ends that month,
//!   else a quarter known only by its end (`YYYY-QX`, span = the three months ending there).
//! * "a year earlier"/"a year ago" name the period of the expression just before it, a year
//!   back, when that is a quarter, month or day ("the third quarter ... a year ago" → the third
//!   quarter of the year before); after a stretch ("for the nine months") the year before the
//!   DCT's; otherwise the year before the narrative date. "the year-ago quarter/period", "the
//!   corresponding period last year", "last year's quarter": the quarter just named (or the
//!   reporting quarter) a year back. "last year" in the same sentence right after "the latest
//!   quarter"/"a year ago" is that comparison quarter. Year-ago comparisons never move the
//!   narrative date.
//! * TimeML value conventions where the annotation decides the string (the span stays the exact
//!   calendar interval): "the week" → `YYYY-WXX`; "Friday evening" → `...TEV` (night/morning
//!   give the plain day); "recent years", "the past several quarters" → PAST_REF; "coming
//!   quarters", "the near term" → FUTURE_REF; worded ranges ("between 1994 and 1997") are two
//!   expressions.
//! * Clock times without a day ("at 10:35 a.m.") fall on the narrative day.

use super::tense::Tense;
use crate::model::{DateSpan, PartialDate};
use chrono::{Datelike, Duration, NaiveDate};

/// Calendar units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// How the year of an underspecified expression is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    Abs(i32),
    /// Offset from the DCT's year.
    Rel(i32),
    /// From tense (and the DCT).
    Ctx,
}

/// Parsed meaning of one expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Sem {
    /// A value that needs no anchoring (durations, sets, PRESENT_REF ...).
    Fixed(String),
    /// An explicit calendar date of any precision.
    Date(PartialDate),
    /// month, day, optional weekday written beside it ("Saturday, April 25").
    MonthDay(u32, u32, Option<u32>),
    Month(u32, YearRef),
    /// "last April" (-1), "next April" (1), "this April" (0).
    MonthShift(u32, i32),
    /// weekday 1..=7; dir 0 = by tense, -1 = last, 1 = next.
    Weekday(u32, i32),
    /// Days from the DCT.
    DayRel(i64),
    /// `n` units from the DCT (or the narrative date), at the unit's granularity.
    Shift {
        unit: Unit,
        n: i64,
        narrative: bool,
    },
    Quarter(u32, YearRef),
    Half(u32, YearRef),
    /// "the quarter": the last quarter mentioned, else the one before the DCT's.
    LatestQuarter,
    /// "the latest quarter": the quarter before the DCT's.
    PrevQuarter,
    /// "the 1988 quarter": the quarter in context, in the given year.
    QuarterInYear(i32),
    /// "a year ago"/"year-earlier": the quarter in context a year back, else the year before
    /// the anchor (narrative when true).
    YearAgoPeriod(bool),
    /// "the year-ago quarter", "the corresponding period last year", "last year's quarter":
    /// the reporting quarter a year back (falls back to [`Sem::YearAgoPeriod`]). True when the
    /// expression itself says "quarter".
    YearAgoQuarter(bool),
    /// "the quarter ended Sept. 30": a (possibly fiscal) quarter known only by its last day
    /// (month, day, optional year). Value `YYYY-QX`; span the three months ending there.
    QuarterEnding(u32, u32, Option<i32>),
    /// season code (SP/SU/FA/WI), year, dir (-1 last, 0 by tense, 1 next).
    Season(&'static str, YearRef, i32),
    Decade(i32),
    Century(i32),
    Holiday(&'static str, YearRef),
    Time {
        h: u32,
        mi: u32,
        day: Option<Box<Sem>>,
    },
    Part(Box<Sem>, &'static str),
    Range(Box<Sem>, Box<Sem>),
    /// "the week" (no "this"/"last"): the DCT's week, value written `YYYY-WXX` as in TimeBank
    /// (which week is meant is left open); the span is still the DCT's week.
    VagueWeek,
}

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub struct Res {
    pub value: String,
    pub span: Option<DateSpan>,
    pub anchored: bool,
}

/// Narrative state carried through one document.
pub struct Resolver {
    pub dct: NaiveDate,
    last_day: Option<NaiveDate>,
    last_date: Option<NaiveDate>,
    /// The reporting quarter: the first quarter mentioned (quarter number unknown for
    /// "the quarter ended Sept. 30").
    last_quarter: Option<(i32, Option<u32>)>,
    /// Value of the last expression resolved (any kind).
    last_value: Option<String>,
    /// Set when the previous expression named the reporting quarter anaphorically ("the latest
    /// quarter", "a year ago" after a quarter): the value "last year" takes in a comparison that
    /// follows it in the same sentence.
    cmp_quarter: Option<String>,
    /// Last month of the reporting quarter when it is known only as "the quarter ended ...".
    qx_end_month: Option<u32>,
    /// Set by the caller before each [`Resolver::resolve`]: no sentence boundary between the
    /// previous expression and this one.
    pub same_sentence: bool,
}

fn quarter_value(y: i32, q: Option<u32>) -> String {
    match q {
        Some(q) => format!("{y:04}-Q{q}"),
        None => format!("{y:04}-QX"),
    }
}

/// Parse "YYYY-Qn" / "YYYY-QX".
fn parse_quarter(v: &str) -> Option<(i32, Option<u32>)> {
    let (y, q) = v.split_once("-Q")?;
    if y.len() != 4 {
        return None;
    }
    let y = y.parse::<i32>().ok()?;
    match q {
        "X" => Some((y, None)),
        _ => Some((
            y,
            Some(q.parse::<u32>().ok().filter(|q| (1..=4).contains(q))?),
        )),
    }
}

fn add_months(y: i32, m: u32, n: i64) -> (i32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + n;
    ((idx.div_euclid(12)) as i32, (idx.rem_euclid(12) + 1) as u32)
}

fn week_value(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().number_from_monday()) - 1)
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

fn season_idx(code: &str) -> i64 {
    match code {
        "SP" => 0,
        "SU" => 1,
        "FA" => 2,
        _ => 3,
    }
}

const SEASONS: [&str; 4] = ["SP", "SU", "FA", "WI"];

fn nth_weekday(y: i32, m: u32, wd: u32, n: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let off = (wd + 7 - first.weekday().number_from_monday()) % 7;
    first.checked_add_signed(Duration::days(i64::from(off + 7 * (n - 1))))
}

fn last_weekday(y: i32, m: u32, wd: u32) -> Option<NaiveDate> {
    let last = PartialDate::month(y, m).last_day()?;
    let off = (last.weekday().number_from_monday() + 7 - wd) % 7;
    last.checked_sub_signed(Duration::days(i64::from(off)))
}

fn easter(y: i32) -> Option<NaiveDate> {
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(y, month as u32, day as u32)
}

/// Date of a named holiday in year `y`.
pub fn holiday(name: &str, y: i32) -> Option<NaiveDate> {
    match name {
        "christmas" => NaiveDate::from_ymd_opt(y, 12, 25),
        "christmas eve" => NaiveDate::from_ymd_opt(y, 12, 24),
        "new year" => NaiveDate::from_ymd_opt(y, 1, 1),
        "new year eve" => NaiveDate::from_ymd_opt(y, 12, 31),
        "thanksgiving" => nth_weekday(y, 11, 4, 4),
        "easter" => easter(y),
        "good friday" => easter(y).map(|d| d - Duration::days(2)),
        "independence" => NaiveDate::from_ymd_opt(y, 7, 4),
        "election" => nth_weekday(y, 11, 1, 1).map(|d| d + Duration::days(1)),
        "labor" => nth_weekday(y, 9, 1, 1),
        "memorial" => last_weekday(y, 5, 1),
        "halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
        "valentine" => NaiveDate::from_ymd_opt(y, 2, 14),
        "veterans" => NaiveDate::from_ymd_opt(y, 11, 11),
        "year end" => NaiveDate::from_ymd_opt(y, 12, 31),
        _ => None,
    }
}

/// Calendar interval denoted by a TIMEX3 value, when it is a date or period.
pub fn span_of(value: &str) -> Option<DateSpan> {
    let v = value.split('T').next().unwrap_or(value);
    let parts: Vec<&str> = v.split('-').collect();
    let num = |s: &str| -> Option<i32> {
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let y = num(parts.first()?)?;
    let first = parts[0];
    if first.len() == 3 {
        return Some(DateSpan {
            start: PartialDate::year(y * 10),
            end: Some(PartialDate::year(y * 10 + 9)),
        });
    }
    if first.len() == 2 {
        return Some(DateSpan {
            start: PartialDate::year(y * 100),
            end: Some(PartialDate::year(y * 100 + 99)),
        });
    }
    if first.len() != 4 {
        return None;
    }
    match parts.len() {
        1 => Some(DateSpan::single(PartialDate::year(y))),
        _ => {
            let p = parts[1];
            if let Some(w) = p.strip_prefix('W') {
                let w = num(w)? as u32;
                let mon = NaiveDate::from_isoywd_opt(y, w, chrono::Weekday::Mon)?;
                let (a, b) = if parts.get(2) == Some(&"WE") {
                    (mon + Duration::days(5), mon + Duration::days(6))
                } else {
                    (mon, mon + Duration::days(6))
                };
                return Some(DateSpan {
                    start: PartialDate::from_naive(a),
                    end: Some(PartialDate::from_naive(b)),
                });
            }
            if let Some(q) = p.strip_prefix('Q') {
                let q = num(q)? as u32;
                if !(1..=4).contains(&q) {
                    return None;
                }
                return Some(DateSpan {
                    start: PartialDate::month(y, q * 3 - 2),
                    end: Some(PartialDate::month(y, q * 3)),
                });
            }
            if let Some(h) = p.strip_prefix('H') {
                let h = num(h)? as u32;
                if !(1..=2).contains(&h) {
                    return None;
                }
                return Some(DateSpan {
                    start: PartialDate::month(y, h * 6 - 5),
                    end: Some(PartialDate::month(y, h * 6)),
                });
            }
            if let Some(i) = SEASONS.iter().position(|s| *s == p) {
                let sm = [3u32, 6, 9, 12][i];
                let (ey, em) = add_months(y, sm, 2);
                return Some(DateSpan {
                    start: PartialDate::month(y, sm),
                    end: Some(PartialDate::month(ey, em)),
                });
            }
            let m = num(p)? as u32;
            if !(1..=12).contains(&m) {
                return None;
            }
            match parts.get(2) {
                None => Some(DateSpan::single(PartialDate::month(y, m))),
                Some(d) => {
                    let d = num(d)? as u32;
                    NaiveDate::from_ymd_opt(y, m, d)?;
                    Some(DateSpan::single(PartialDate::day(y, m, d)))
                }
            }
        }
    }
}

fn day_res(d: NaiveDate) -> String {
    PartialDate::from_naive(d).to_string()
}

impl Resolver {
    pub fn new(dct: NaiveDate) -> Self {
        Resolver {
            dct,
            last_day: None,
            last_date: None,
            last_quarter: None,
            last_value: None,
            cmp_quarter: None,
            qx_end_month: None,
            same_sentence: false,
        }
    }

    fn narrative_day(&self) -> NaiveDate {
        self.last_day.unwrap_or(self.dct)
    }

    fn year_of(&self, r: YearRef) -> i32 {
        match r {
            YearRef::Abs(y) => y,
            YearRef::Rel(k) => self.dct.year() + k,
            YearRef::Ctx => self.dct.year(),
        }
    }

    /// Pick the year for a day date given by `make(year)`, following the tense policy.
    fn pick_day(
        &self,
        make: impl Fn(i32) -> Option<NaiveDate>,
        wd: Option<u32>,
        tense: Tense,
    ) -> Option<NaiveDate> {
        let y = self.dct.year();
        let mut cands: Vec<NaiveDate> = (y - 1..=y + 1).filter_map(&make).collect();
        if let Some(wd) = wd {
            let matching: Vec<NaiveDate> = cands
                .iter()
                .copied()
                .filter(|c| c.weekday().number_from_monday() == wd)
                .collect();
            if !matching.is_empty() {
                cands = matching;
            }
        }
        let dct = self.dct;
        let days = |c: &NaiveDate| (*c - dct).num_days();
        match tense {
            Tense::Future => cands.iter().copied().filter(|c| *c >= dct).min(),
            Tense::Past => cands
                .iter()
                .copied()
                .filter(|c| days(c) <= 31)
                .min_by_key(|c| days(c).abs()),
            // forward readings count 1.5 times their distance: news looks back more often
            Tense::Unknown => cands.iter().copied().min_by_key(|c| {
                let n = days(c);
                if n > 0 {
                    n * 3 / 2
                } else {
                    -n
                }
            }),
        }
        .or_else(|| cands.first().copied())
    }

    fn weekday(&self, wd: u32, dir: i32, tense: Tense) -> NaiveDate {
        let future = tense == Tense::Future;
        let cur = self.dct.weekday().number_from_monday();
        let back = i64::from((cur + 7 - wd) % 7);
        let fwd = i64::from((wd + 7 - cur) % 7);
        match dir {
            -1 => self.dct - Duration::days(if back == 0 { 7 } else { back }),
            1 => self.dct + Duration::days(if fwd == 0 { 7 } else { fwd }),
            _ if future => self.dct + Duration::days(fwd),
            _ => self.dct - Duration::days(back),
        }
    }

    /// A quarter value; `span` overrides the calendar span (fiscal quarters).
    fn quarter_res(&self, y: i32, q: Option<u32>, span: Option<DateSpan>) -> Res {
        let mut r = self.res(quarter_value(y, q), true);
        if span.is_some() {
            r.span = span;
        }
        if q.is_none() && r.span.is_none() {
            r.span = Some(match self.qx_end_month {
                // the reporting quarter's months, in year `y`
                Some(m) => {
                    let (sy, sm) = add_months(y, m, -2);
                    DateSpan {
                        start: PartialDate::month(sy, sm),
                        end: Some(PartialDate::month(y, m)),
                    }
                }
                None => DateSpan::single(PartialDate::year(y)),
            });
        }
        r
    }

    fn res(&self, value: String, anchored: bool) -> Res {
        Res {
            span: span_of(&value),
            value,
            anchored,
        }
    }

    /// Resolve one expression and update the narrative state.
    pub fn resolve(&mut self, sem: &Sem, tense: Tense) -> Option<Res> {
        let r = self.resolve_inner(sem, tense)?;
        // comparisons with a year before ("a year ago", "year-earlier") do not move the
        // narrative date
        let year_ago = matches!(sem, Sem::YearAgoPeriod(_) | Sem::YearAgoQuarter(_));
        if let (Some(span), false) = (&r.span, year_ago) {
            let s = span.start;
            if let Some(d) = s.first_day() {
                if s.day.is_some() && span.end.is_none() {
                    self.last_day = Some(d);
                }
                self.last_date = Some(d);
            }
        }
        if !year_ago {
            self.last_value = Some(r.value.clone());
        }
        let quarter = parse_quarter(&r.value);
        if let (Some(q), false, None) = (quarter, year_ago, self.last_quarter) {
            self.last_quarter = Some(q);
            if let (None, Sem::QuarterEnding(m, ..)) = (q.1, sem) {
                self.qx_end_month = Some(*m);
            }
        }
        let anaphoric = matches!(
            sem,
            Sem::LatestQuarter | Sem::PrevQuarter | Sem::QuarterEnding(..)
        );
        self.cmp_quarter = match quarter {
            Some((y, q)) if year_ago => Some(quarter_value(y, q)),
            Some((y, q)) if anaphoric => Some(quarter_value(y - 1, q)),
            _ => None,
        };
        Some(r)
    }

    fn resolve_inner(&mut self, sem: &Sem, tense: Tense) -> Option<Res> {
        let dct = self.dct;
        let future = tense == Tense::Future;
        Some(match sem {
            Sem::Fixed(v) => Res {
                value: v.clone(),
                span: None,
                anchored: false,
            },
            Sem::Date(p) => {
                p.first_day()?;
                Res {
                    value: p.to_string(),
                    span: Some(DateSpan::single(*p)),
                    anchored: false,
                }
            }
            Sem::MonthDay(m, d, wd) => {
                let day = self.pick_day(|y| NaiveDate::from_ymd_opt(y, *m, *d), *wd, tense)?;
                self.res(day_res(day), true)
            }
            Sem::Month(m, yr) => {
                let y = match yr {
                    YearRef::Ctx => {
                        let y = dct.year();
                        let diff = *m as i32 - dct.month() as i32;
                        match tense {
                            Tense::Future if diff < 0 => y + 1,
                            Tense::Past if diff > 0 => y - 1,
                            // nearest reading, forward distances counted 1.5 times
                            Tense::Unknown if diff > 0 && diff * 3 > (12 - diff) * 2 => y - 1,
                            Tense::Unknown if diff < 0 && (12 + diff) * 3 < -diff * 2 => y + 1,
                            _ => y,
                        }
                    }
                    r => self.year_of(*r),
                };
                let anchored = !matches!(yr, YearRef::Abs(_));
                Res {
                    value: PartialDate::month(y, *m).to_string(),
                    span: Some(DateSpan::single(PartialDate::month(y, *m))),
                    anchored,
                }
            }
            Sem::MonthShift(m, dir) => {
                let y = dct.year();
                // "last February" said in March means a year before: the month just past
                // would be "last month"
                let y = match dir {
                    -1 if *m + 1 >= dct.month() => y - 1,
                    1 if *m <= dct.month() => y + 1,
                    _ => y,
                };
                self.res(PartialDate::month(y, *m).to_string(), true)
            }
            Sem::Weekday(wd, dir) => self.res(day_res(self.weekday(*wd, *dir, tense)), true),
            Sem::DayRel(n) => self.res(day_res(dct.checked_add_signed(Duration::days(*n))?), true),
            Sem::Shift { unit, n, narrative } => {
                // "compared with earnings of $33 million last year" right after "the latest
                // quarter": the same quarter a year before
                if let (Unit::Year, -1, false, true, Some(v)) =
                    (unit, n, narrative, self.same_sentence, &self.cmp_quarter)
                {
                    return Some(self.res(v.clone(), true));
                }
                let anchor = if *narrative {
                    match unit {
                        Unit::Day | Unit::Week | Unit::Weekend => self.narrative_day(),
                        _ => self.last_date.unwrap_or(dct),
                    }
                } else {
                    dct
                };
                return self.shift(anchor, *unit, *n, future);
            }
            Sem::Quarter(q, yr) => {
                let mut y = self.year_of(*yr);
                if *yr == YearRef::Ctx && !future && *q >= quarter_of(dct) + 2 {
                    y -= 1;
                }
                self.res(format!("{y:04}-Q{q}"), !matches!(yr, YearRef::Abs(_)))
            }
            Sem::Half(h, yr) => {
                let y = self.year_of(*yr);
                self.res(format!("{y:04}-H{h}"), !matches!(yr, YearRef::Abs(_)))
            }
            Sem::LatestQuarter | Sem::PrevQuarter | Sem::QuarterInYear(_) => {
                let prev = {
                    let q = quarter_of(dct);
                    if q == 1 {
                        (dct.year() - 1, Some(4))
                    } else {
                        (dct.year(), Some(q - 1))
                    }
                };
                let (y, q) = match sem {
                    Sem::PrevQuarter => prev,
                    // "for the nine months ... in the 1988 period": the year
                    Sem::QuarterInYear(y)
                        if self
                            .last_value
                            .as_deref()
                            .is_some_and(|v| v.starts_with('P')) =>
                    {
                        return Some(self.res(format!("{y:04}"), true));
                    }
                    Sem::QuarterInYear(y) => (*y, self.last_quarter.unwrap_or(prev).1),
                    _ => self.last_quarter.unwrap_or(prev),
                };
                self.quarter_res(y, q, None)
            }
            Sem::QuarterEnding(m, d, y) => {
                let end = match y {
                    Some(y) => NaiveDate::from_ymd_opt(*y, *m, *d)?,
                    None => {
                        self.pick_day(|y| NaiveDate::from_ymd_opt(y, *m, *d), None, Tense::Past)?
                    }
                };
                // the reporting quarter when it ends that month ("the third quarter ... the
                // quarter ended Sept. 30"), else a quarter known only by its end (fiscal)
                if let Some((y, Some(q))) = self.last_quarter {
                    if y == end.year() && q * 3 == end.month() {
                        return Some(self.quarter_res(y, Some(q), None));
                    }
                }
                let (sy, sm) = add_months(end.year(), end.month(), -2);
                let mut r = self.quarter_res(end.year(), None, None);
                r.span = Some(DateSpan {
                    start: PartialDate::month(sy, sm),
                    end: Some(PartialDate::month(end.year(), end.month())),
                });
                r
            }
            Sem::YearAgoQuarter(says_quarter) => {
                // the quarter just named, else the reporting quarter, a year back; after a
                // stretch ("the nine months") or a year: the year before, unless the
                // expression itself says "quarter"
                let last = self.last_value.clone().unwrap_or_default();
                let is_date = *says_quarter || (last.len() > 4 && last.as_bytes()[4] == b'-');
                match (parse_quarter(&last), self.last_quarter) {
                    (Some((y, q)), _) if y <= dct.year() => self.quarter_res(y - 1, q, None),
                    (_, Some((y, q))) if is_date || last.is_empty() => {
                        self.quarter_res(y - 1, q, None)
                    }
                    _ => return self.resolve_inner(&Sem::YearAgoPeriod(false), tense),
                }
            }
            Sem::YearAgoPeriod(narrative) => {
                // the period of the previous expression, a year back
                let last = self.last_value.clone().unwrap_or_default();
                if let (true, Some((y, q))) = (last.is_empty(), self.last_quarter) {
                    return Some(self.quarter_res(y - 1, q, None));
                }
                if let Some((y, q)) = parse_quarter(&last) {
                    return Some(self.quarter_res(y - 1, q, None));
                }
                let (head, tail) = last.split_at(last.len().min(4));
                if let (Ok(y), true) = (head.parse::<i32>(), tail.starts_with('-')) {
                    if tail.len() == 3 || tail.len() == 6 {
                        return Some(self.res(format!("{:04}{tail}", y - 1), true));
                    }
                }
                // after a stretch ("for the nine months, ... a year earlier") or with no
                // dated expression before: the year before the DCT's
                let anchor = if *narrative && !last.starts_with('P') {
                    self.last_date.unwrap_or(dct)
                } else {
                    dct
                };
                return self.shift(anchor, Unit::Year, -1, future);
            }
            Sem::Season(code, yr, dir) => {
                let (cy, cm) = (i64::from(dct.year()), dct.month());
                let cur = match cm {
                    3..=5 => cy * 4,
                    6..=8 => cy * 4 + 1,
                    9..=11 => cy * 4 + 2,
                    12 => cy * 4 + 3,
                    _ => (cy - 1) * 4 + 3,
                };
                let s = season_idx(code);
                let k = match (yr, dir) {
                    (YearRef::Abs(y), _) => i64::from(*y) * 4 + s,
                    (YearRef::Rel(r), _) => (cy + i64::from(*r)) * 4 + s,
                    (_, -1) => {
                        let mut k = cur.div_euclid(4) * 4 + s;
                        while k >= cur {
                            k -= 4;
                        }
                        k
                    }
                    (_, 1) => {
                        let mut k = cur.div_euclid(4) * 4 + s;
                        while k <= cur {
                            k += 4;
                        }
                        k
                    }
                    _ => {
                        let mut k = cur.div_euclid(4) * 4 + s;
                        if future {
                            while k < cur {
                                k += 4;
                            }
                        } else {
                            while k > cur {
                                k -= 4;
                            }
                        }
                        k
                    }
                };
                let anchored = !matches!(yr, YearRef::Abs(_));
                self.res(
                    format!("{:04}-{}", k.div_euclid(4), SEASONS[(k % 4) as usize]),
                    anchored,
                )
            }
            Sem::Decade(y) => self.res(format!("{:03}", y.div_euclid(10)), false),
            Sem::Century(c) => self.res(format!("{c:02}"), false),
            Sem::Holiday(name, yr) => {
                let d = match yr {
                    YearRef::Ctx => self.pick_day(|y| holiday(name, y), None, tense)?,
                    r => holiday(name, self.year_of(*r))?,
                };
                self.res(day_res(d), !matches!(yr, YearRef::Abs(_)))
            }
            Sem::Time { h, mi, day } => {
                let (d, anchored) = match day {
                    Some(s) => {
                        let r = self.resolve_inner(s, tense)?;
                        (r.value, r.anchored)
                    }
                    None => (day_res(self.narrative_day()), true),
                };
                let v = format!("{d}T{h:02}:{mi:02}");
                self.res(v, anchored)
            }
            Sem::Part(day, part) => {
                let r = self.resolve_inner(day, tense)?;
                let v = format!("{}T{part}", r.value);
                Res {
                    span: r.span,
                    value: v,
                    anchored: r.anchored,
                }
            }
            Sem::VagueWeek => {
                let mut r = self.shift(dct, Unit::Week, 0, future)?;
                r.value = format!("{:04}-WXX", dct.iso_week().year());
                r
            }
            Sem::Range(a, b) => {
                let ra = self.resolve_inner(a, tense)?;
                let mut rb = self.resolve_inner(b, tense)?;
                // keep the end in the same year as the start when both were underspecified
                if let (Some(sa), Some(sb)) = (ra.span, rb.span) {
                    if sb.start < sa.start && rb.anchored {
                        let mut e = sb.start;
                        e.year = sa.start.year;
                        if e < sa.start {
                            e.year += 1;
                        }
                        rb.span = Some(DateSpan::single(e));
                    }
                }
                let start = ra.span.map(|s| s.start);
                let end = rb.span.map(|s| s.end.unwrap_or(s.start));
                let span = match (start, end) {
                    (Some(s), Some(e)) if e >= s => Some(DateSpan {
                        start: s,
                        end: Some(e),
                    }),
                    (Some(s), _) => Some(DateSpan::single(s)),
                    _ => None,
                };
                Res {
                    value: ra.value,
                    span,
                    anchored: ra.anchored || rb.anchored,
                }
            }
        })
    }

    fn shift(&self, anchor: NaiveDate, unit: Unit, n: i64, future: bool) -> Option<Res> {
        let n = n.clamp(-100_000, 100_000);
        Some(match unit {
            Unit::Day => self.res(day_res(anchor.checked_add_signed(Duration::days(n))?), true),
            Unit::Week => {
                // news weeks: a Sunday already looks at the coming week for last/next
                let base = if n > 0 && anchor.weekday() == chrono::Weekday::Sun {
                    anchor + Duration::days(1)
                } else {
                    anchor
                };
                let d = base.checked_add_signed(Duration::weeks(n))?;
                let mut r = self.res(week_value(d), true);
                if n == 0 && !future && anchor == self.dct {
                    r.span = Some(DateSpan {
                        start: PartialDate::from_naive(monday_of(self.dct)),
                        end: Some(PartialDate::from_naive(self.dct)),
                    });
                }
                r
            }
            Unit::Weekend => {
                let wd = i64::from(anchor.weekday().number_from_monday());
                let sat = match n {
                    0 if !future => anchor - Duration::days(if wd >= 6 { wd - 6 } else { wd + 1 }),
                    0 => anchor + Duration::days(if wd >= 6 { -(wd - 6) } else { 6 - wd }),
                    _ => {
                        let base = anchor - Duration::days(if wd >= 6 { wd - 6 } else { wd + 1 });
                        base.checked_add_signed(Duration::weeks(if n < 0 { n + 1 } else { n }))?
                    }
                };
                let sat = if n < 0 && wd >= 6 {
                    sat - Duration::weeks(1)
                } else {
                    sat
                };
                self.res(format!("{}-WE", week_value(sat)), true)
            }
            Unit::Month => {
                let (y, m) = add_months(anchor.year(), anchor.month(), n);
                self.res(PartialDate::month(y, m).to_string(), true)
            }
            Unit::Quarter => {
                let idx = i64::from(anchor.year()) * 4 + i64::from(quarter_of(anchor)) - 1 + n;
                self.res(
                    format!("{:04}-Q{}", idx.div_euclid(4), idx.rem_euclid(4) + 1),
                    true,
                )
            }
            Unit::Year => {
                let y = i64::from(anchor.year()) + n;
                self.res(format!("{y:04}"), true)
            }
            Unit::Decade => {
                let d = i64::from(anchor.year()).div_euclid(10) + n;
                self.res(format!("{d:03}"), true)
            }
            Unit::Century => {
                let c = i64::from(anchor.year()).div_euclid(100) + n;
                self.res(format!("{c:02}"), true)
            }
        })
    }
}

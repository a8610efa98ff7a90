//! Plain data types shared by every stage. No I/O, no SQL, no formatting beyond `Display`.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A calendar date known to year, month or day precision ("2019", "2019-12", "2023-04-02").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// How precisely a [`PartialDate`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }
    pub fn month(year: i32, month: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }
    pub fn day(year: i32, month: u32, day: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
    pub fn from_naive(d: chrono::NaiveDate) -> Self {
        use chrono::Datelike;
        PartialDate::day(d.year(), d.month(), d.day())
    }
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
    /// First calendar day covered.
    pub fn first_day(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
    /// Last calendar day covered.
    pub fn last_day(&self) -> Option<chrono::NaiveDate> {
        match (self.month, self.day) {
            (Some(m), Some(d)) => chrono::NaiveDate::from_ymd_opt(self.year, m, d),
            (Some(m), None) => {
                let (y, m2) = if m == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, m + 1)
                };
                chrono::NaiveDate::from_ymd_opt(y, m2, 1).and_then(|d| d.pred_opt())
            }
            _ => chrono::NaiveDate::from_ymd_opt(self.year, 12, 31),
        }
    }
    /// The same date cut to a coarser precision.
    pub fn truncate(&self, p: Precision) -> Self {
        match p {
            Precision::Year => PartialDate::year(self.year),
            Precision::Month => PartialDate {
                year: self.year,
                month: self.month,
                day: None,
            },
            Precision::Day => *self,
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.month, self.day) {
            (Some(m), Some(d)) => write!(f, "{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => write!(f, "{:04}-{:02}", self.year, m),
            _ => write!(f, "{:04}", self.year),
        }
    }
}

impl FromStr for PartialDate {
    type Err = String;
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the date exists.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("invalid date \"{s}\": expected YYYY, YYYY-MM or YYYY-MM-DD");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str, len: usize| -> Result<u32, String> {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<u32>().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let d = match parts.as_slice() {
            [y] => PartialDate::year(num(y, 4)? as i32),
            [y, m] => PartialDate::month(num(y, 4)? as i32, num(m, 2)?),
            [y, m, d] => PartialDate::day(num(y, 4)? as i32, num(m, 2)?, num(d, 2)?),
            _ => return Err(bad()),
        };
        if d.month.is_some_and(|m| !(1..=12).contains(&m)) || d.first_day().is_none() {
            return Err(bad());
        }
        if let (Some(m), Some(day)) = (d.month, d.day) {
            if chrono::NaiveDate::from_ymd_opt(d.year, m, day).is_none() {
                return Err(bad());
            }
        }
        Ok(d)
    }
}

/// When an event happened: a date, or a range `start ..= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DateSpan {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl DateSpan {
    pub fn single(d: PartialDate) -> Self {
        DateSpan {
            start: d,
            end: None,
        }
    }
}

/// The kinds of bilateral event (see `GUIDELINES.md`), each with its CAMEO code and family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Visit,
    Meeting,
    ExportControl,
    Sanction,
    Detention,
    Release,
    Agreement,
    Protest,
    Expulsion,
}

impl EventType {
    pub const ALL: [EventType; 9] = [
        EventType::Visit,
        EventType::Meeting,
        EventType::ExportControl,
        EventType::Sanction,
        EventType::Detention,
        EventType::Release,
        EventType::Agreement,
        EventType::Protest,
        EventType::Expulsion,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            EventType::Visit => "visit",
            EventType::Meeting => "meeting",
            EventType::ExportControl => "export_control",
            EventType::Sanction => "sanction",
            EventType::Detention => "detention",
            EventType::Release => "release",
            EventType::Agreement => "agreement",
            EventType::Protest => "protest",
            EventType::Expulsion => "expulsion",
        }
    }
    /// The default CAMEO code of the type (export controls have none in CAMEO).
    pub fn cameo(&self) -> Option<&'static str> {
        match self {
            EventType::Visit => Some("042"),
            EventType::Meeting => Some("040"),
            EventType::ExportControl => None,
            EventType::Sanction => Some("163"),
            EventType::Detention => Some("173"),
            EventType::Release => Some("0841"),
            EventType::Agreement => Some("057"),
            EventType::Protest => Some("111"),
            EventType::Expulsion => Some("1663"),
        }
    }
    /// Scoring family: contact, restriction, detention, release, agreement, protest, expulsion.
    pub fn family(&self) -> &'static str {
        match self {
            EventType::Visit | EventType::Meeting => "contact",
            EventType::ExportControl | EventType::Sanction => "restriction",
            other => other.as_str(),
        }
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EventType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        EventType::ALL
            .iter()
            .copied()
            .find(|e| e.as_str() == t)
            .ok_or_else(|| {
                let all: Vec<&str> = EventType::ALL.iter().map(|e| e.as_str()).collect();
                format!(
                    "unknown event type \"{s}\": expected one of {}",
                    all.join(", ")
                )
            })
    }
}

macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($var:ident => $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($var),+ }
        impl $name {
            pub fn as_str(&self) -> &'static str { match self { $($name::$var => $s),+ } }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s { $($s => Ok($name::$var),)+ _ => Err(format!("unknown {} \"{s}\"", stringify!($name))) }
            }
        }
    };
}

str_enum!(
    /// Whether the event happened, is planned, or was called off.
    Status { Occurred => "occurred", Planned => "planned", Cancelled => "cancelled" }
);
str_enum!(
    /// For restrictions: imposed (also widened, tightened), lifted or eased.
    Action { Imposed => "imposed", Lifted => "lifted", Eased => "eased" }
);
str_enum!(
    /// What people decided about an event (`dyad event ...`); none when not reviewed.
    Review { Confirmed => "confirmed", Rejected => "rejected", Edited => "edited", Added => "added" }
);
str_enum!(
    /// Where a stored event came from: the extractor, a decision that kept an event the
    /// rules no longer find, or a person (`dyad event add`).
    Origin { Extracted => "extracted", Kept => "kept", User => "user" }
);
str_enum!(
    /// The kinds of decision people take on events.
    DecisionKind { Confirm => "confirm", Reject => "reject", Edit => "edit", Add => "add", Merge => "merge", Split => "split" }
);
str_enum!(
    /// How an event's date was found.
    DateBasis { Text => "text", Publication => "publication", Inferred => "inferred" }
);
str_enum!(
    /// How an article's publication date was found.
    PubDateBasis { Given => "given", Inferred => "inferred", Undated => "undated" }
);

/// A byte range into an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// An article as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: i64,
    /// The id given at import, else the internal id as text.
    pub key: String,
    pub title: Option<String>,
    pub text: String,
    pub pub_date: Option<chrono::NaiveDate>,
    pub pub_date_basis: PubDateBasis,
    pub source: Option<String>,
    pub url: Option<String>,
    /// Dateline date, when it differs from the publication date (relative dates resolve against it).
    pub anchor_date: Option<chrono::NaiveDate>,
}

/// One extracted bilateral event, with its provenance in the article text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub event_type: EventType,
    pub cameo: Option<String>,
    pub actor: String,
    pub target: String,
    pub date: Option<DateSpan>,
    pub date_basis: DateBasis,
    pub status: Status,
    pub action: Action,
    pub summary: String,
    pub evidence: String,
    pub sentence: Span,
    pub trigger: Span,
    pub actor_span: Option<Span>,
    pub target_span: Option<Span>,
    pub date_span: Option<Span>,
    /// How the date was resolved, in words.
    pub date_note: String,
    /// How actor and target were found, in words.
    pub role_note: String,
    pub rule: String,
    pub confidence: f64,
}

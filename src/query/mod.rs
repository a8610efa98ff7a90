//! Validated queries over the store. Clap arguments become a [`TimelineQuery`] here before any
//! database work, so bad input fails with a usage message naming the value.

use crate::error::{Error, Result};
use crate::gazetteer::Gazetteer;
use crate::model::{EventType, PartialDate};
use crate::store::{EventFilter, Store, StoredEvent};

/// The events between two countries, in both directions.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineQuery {
    pub a: String,
    pub b: String,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub types: Vec<EventType>,
}

impl TimelineQuery {
    /// Validates user input: countries by code or name, dates as YYYY[-MM[-DD]], types by name.
    pub fn parse(
        gaz: &Gazetteer,
        a: &str,
        b: &str,
        from: Option<&str>,
        to: Option<&str>,
        types: &[String],
    ) -> Result<TimelineQuery> {
        let country = |s: &str| {
            gaz.lookup(s).map(|c| c.alpha2.clone()).ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown country \"{s}\": give an ISO code (JP, JPN) or a name (Japan)"
                ))
            })
        };
        let date = |flag: &str, s: Option<&str>| {
            s.map(|s| {
                s.parse::<PartialDate>()
                    .map_err(|e| Error::Invalid(format!("invalid {flag}: {e}")))
            })
            .transpose()
        };
        let (a, b) = (country(a)?, country(b)?);
        if a == b {
            return Err(Error::Invalid(format!(
                "a timeline needs two different countries, got {a} twice"
            )));
        }
        let mut ts = Vec::new();
        for t in types
            .iter()
            .flat_map(|t| t.split(','))
            .filter(|t| !t.trim().is_empty())
        {
            ts.push(t.parse::<EventType>().map_err(Error::Invalid)?);
        }
        let q = TimelineQuery {
            a,
            b,
            from: date("--from", from)?,
            to: date("--to", to)?,
            types: ts,
        };
        if let (Some(f), Some(t)) = (q.from, q.to) {
            if f.first_day() > t.last_day() {
                return Err(Error::Invalid(format!("--from {f} is after --to {t}")));
            }
        }
        Ok(q)
    }
}

/// The timeline of a pair, chronological, undated events last.
pub fn timeline(store: &Store, q: &TimelineQuery) -> Result<Vec<StoredEvent>> {
    store.events(&EventFilter {
        pair: Some((q.a.clone(), q.b.clone())),
        from: q.from,
        to: q.to,
        types: q.types.clone(),
        ..EventFilter::default()
    })
}

//! Reading the collection: pairs by activity (`dyad pairs`), articles and events of a pair
//! month by month (`dyad coverage`), full-text search (`dyad search`) and article listings
//! (`dyad articles`).

use super::Store;
use crate::error::{Error, Result};
use rusqlite::{params_from_iter, types::Value};
use std::collections::BTreeMap;

/// A pair of countries (`a < b`) with its events by year.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PairActivity {
    pub a: String,
    pub b: String,
    pub events: i64,
    /// Year ("2023", or "" for undated events) → events.
    pub by_year: BTreeMap<String, i64>,
}

/// One month of a pair's coverage.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct CoverageMonth {
    /// YYYY-MM
    pub month: String,
    /// Articles published that month that mention both countries.
    pub articles: i64,
    /// Articles published that month with events of the pair.
    pub articles_with_events: i64,
    /// Events of the pair dated in that month (day or month precision).
    pub events: i64,
}

/// A pair's coverage, month by month, with what the counts cannot see.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Coverage {
    pub months: Vec<CoverageMonth>,
    /// Articles stored before the country index existed (`dyad extract --all` scans them).
    pub unscanned_articles: i64,
    /// Articles mentioning both countries with no publication date.
    pub undated_articles: i64,
    /// Events of the pair dated only to a year or undated (not in any month).
    pub events_without_month: i64,
}

/// One search hit or listed article.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleRow {
    pub id: i64,
    pub article: String,
    pub pub_date: Option<String>,
    pub source: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The countries it mentions, most mentioned first.
    pub countries: Vec<String>,
    pub events: i64,
    /// Search only: the matching passage, matches between [ and ].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

/// Which articles to list (`dyad articles`, `dyad search`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleFilter {
    /// Articles that mention every one of these countries.
    pub countries: Vec<String>,
    /// Published on or after / on or before (YYYY-MM-DD).
    pub from: Option<String>,
    pub to: Option<String>,
    pub source: Option<String>,
    /// Only articles with at least one event.
    pub with_events: bool,
    pub limit: Option<usize>,
}

impl Store {
    /// Pairs by number of events (rejected ones left out), most first; those involving
    /// `country` only when given; years outside `[from, to]` left out when given.
    pub fn pairs(
        &self,
        country: Option<&str>,
        from: Option<i32>,
        to: Option<i32>,
    ) -> Result<Vec<PairActivity>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a, b, year, events FROM pair_years
             WHERE events > 0 AND (?1 IS NULL OR a = ?1 OR b = ?1)",
        )?;
        let rows = stmt.query_map([country], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut by_pair: BTreeMap<(String, String), PairActivity> = BTreeMap::new();
        for row in rows {
            let (a, b, year, n) = row?;
            let y: Option<i32> = year.parse().ok();
            let inside = match y {
                Some(y) => from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t),
                None => from.is_none() && to.is_none(),
            };
            if !inside {
                continue;
            }
            let p = by_pair
                .entry((a.clone(), b.clone()))
                .or_insert_with(|| PairActivity {
                    a,
                    b,
                    events: 0,
                    by_year: BTreeMap::new(),
                });
            p.events += n;
            *p.by_year.entry(year).or_default() += n;
        }
        let mut out: Vec<PairActivity> = by_pair.into_values().collect();
        out.sort_by(|x, y| {
            y.events
                .cmp(&x.events)
                .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
        });
        Ok(out)
    }

    /// Articles that mention both `a` and `b` and events of the pair, month by month from
    /// the first month with either to the last, empty months included.
    pub fn coverage(&self, a: &str, b: &str) -> Result<Coverage> {
        let mut months: BTreeMap<String, CoverageMonth> = BTreeMap::new();
        let mut cov = Coverage::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(ar.pub_date, 1, 7), COUNT(*) FROM article_countries x
             JOIN article_countries y ON y.country = ?2 AND y.article_id = x.article_id
             JOIN articles ar ON ar.id = x.article_id
             WHERE x.country = ?1 GROUP BY 1",
        )?;
        for row in stmt.query_map([a, b], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
        })? {
            match row? {
                (Some(m), n) => months.entry(m).or_default().articles += n,
                (None, n) => cov.undated_articles += n,
            }
        }
        let pair = "((e.actor = ?1 AND e.target = ?2) OR (e.actor = ?2 AND e.target = ?1))
                    AND e.review IS NOT 'rejected'";
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT substr(ar.pub_date, 1, 7), COUNT(DISTINCT e.article_id) FROM events e
             JOIN articles ar ON ar.id = e.article_id WHERE {pair} GROUP BY 1"
        ))?;
        for row in stmt.query_map([a, b], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
        })? {
            if let (Some(m), n) = row? {
                months.entry(m).or_default().articles_with_events += n;
            }
        }
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT CASE WHEN length(e.date_start) >= 7 THEN substr(e.date_start, 1, 7) END,
                COUNT(*) FROM events e WHERE {pair} GROUP BY 1"
        ))?;
        for row in stmt.query_map([a, b], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(1)?))
        })? {
            match row? {
                (Some(m), n) => months.entry(m).or_default().events += n,
                (None, n) => cov.events_without_month += n,
            }
        }
        cov.unscanned_articles = self.conn.query_row(
            "SELECT COUNT(*) FROM articles ar WHERE ar.stub = 0
             AND NOT EXISTS (SELECT 1 FROM article_countries c WHERE c.article_id = ar.id)",
            [],
            |r| r.get(0),
        )?;
        // fill the gaps, so that a month with nothing shows as such
        if let (Some(first), Some(last)) = (
            months.keys().next().cloned(),
            months.keys().next_back().cloned(),
        ) {
            let parse = |m: &str| -> Option<(i32, u32)> {
                let (y, mo) = m.split_once('-')?;
                Some((y.parse().ok()?, mo.parse().ok()?))
            };
            if let (Some((mut y, mut m)), Some(end)) = (parse(&first), parse(&last)) {
                while (y, m) <= end {
                    months.entry(format!("{y:04}-{m:02}")).or_default();
                    (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                }
            }
        }
        cov.months = months
            .into_iter()
            .map(|(month, mut c)| {
                c.month = month;
                c
            })
            .collect();
        Ok(cov)
    }

    /// Articles matching the full-text `query` (SQLite FTS5 syntax: words, "phrases",
    /// AND/OR/NOT, prefix*), best first.
    pub fn search(&self, query: &str, f: &ArticleFilter) -> Result<Vec<ArticleRow>> {
        self.list_articles(Some(query), f)
    }

    /// Articles, newest first.
    pub fn articles(&self, f: &ArticleFilter) -> Result<Vec<ArticleRow>> {
        self.list_articles(None, f)
    }

    fn list_articles(&self, query: Option<&str>, f: &ArticleFilter) -> Result<Vec<ArticleRow>> {
        let mut args: Vec<Value> = Vec::new();
        let mut conds: Vec<String> = vec!["1".into()];
        let mut sql = String::from(
            "SELECT ar.id, COALESCE(ar.ext_id, CAST(ar.id AS TEXT)), ar.pub_date, ar.source,
                ar.title, ar.url,
                (SELECT COUNT(*) FROM events e WHERE e.article_id = ar.id
                    AND e.review IS NOT 'rejected'),
                (SELECT group_concat(country, ' ') FROM (SELECT country FROM article_countries c
                    WHERE c.article_id = ar.id AND c.country != ''
                    ORDER BY c.mentions DESC, c.country))",
        );
        if let Some(q) = query {
            args.push(Value::Text(q.to_string()));
            sql.push_str(
                ", snippet(articles_fts, 1, '[', ']', '…', 16) FROM articles_fts
                 JOIN articles ar ON ar.id = articles_fts.rowid",
            );
            conds.push(format!("articles_fts MATCH ?{}", args.len()));
        } else {
            sql.push_str(", NULL FROM articles ar");
        }
        for c in &f.countries {
            args.push(Value::Text(c.clone()));
            conds.push(format!(
                "EXISTS (SELECT 1 FROM article_countries c WHERE c.article_id = ar.id
                    AND c.country = ?{})",
                args.len()
            ));
        }
        if let Some(d) = &f.from {
            args.push(Value::Text(d.clone()));
            conds.push(format!("ar.pub_date >= ?{}", args.len()));
        }
        if let Some(d) = &f.to {
            args.push(Value::Text(d.clone()));
            conds.push(format!("ar.pub_date <= ?{}", args.len()));
        }
        if let Some(s) = &f.source {
            args.push(Value::Text(s.clone()));
            conds.push(format!("ar.source = ?{} COLLATE NOCASE", args.len()));
        }
        if f.with_events {
            conds.push(
                "EXISTS (SELECT 1 FROM events e WHERE e.article_id = ar.id
                    AND e.review IS NOT 'rejected')"
                    .into(),
            );
        }
        sql.push_str(" WHERE ");
        sql.push_str(
            &conds
                .iter()
                .map(|c| format!("({c})"))
                .collect::<Vec<_>>()
                .join(" AND "),
        );
        sql.push_str(if query.is_some() {
            " ORDER BY rank"
        } else {
            " ORDER BY ar.pub_date IS NULL, ar.pub_date DESC, ar.id DESC"
        });
        if let Some(n) = f.limit {
            args.push(Value::Integer(n as i64));
            sql.push_str(&format!(" LIMIT ?{}", args.len()));
        }
        // SQLite rejects a malformed MATCH ("fts5: syntax error", "unterminated string")
        // with a plain SQL error: the user's query is at fault
        let bad_query = |e: rusqlite::Error| match (&e, query) {
            (rusqlite::Error::SqliteFailure(f, Some(m)), Some(q))
                if f.code == rusqlite::ErrorCode::Unknown =>
            {
                Error::Invalid(format!("invalid search \"{q}\": {m}"))
            }
            _ => Error::from(e),
        };
        let mut stmt = self.conn.prepare(&sql).map_err(bad_query)?;
        let rows = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok(ArticleRow {
                    id: r.get(0)?,
                    article: r.get(1)?,
                    pub_date: r.get(2)?,
                    source: r.get(3)?,
                    title: r.get(4)?,
                    url: r.get(5)?,
                    events: r.get(6)?,
                    countries: r
                        .get::<_, Option<String>>(7)?
                        .map(|s| s.split(' ').map(String::from).collect())
                        .unwrap_or_default(),
                    snippet: r.get(8)?,
                })
            })
            .map_err(bad_query)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(bad_query)?;
        Ok(rows)
    }

    /// The countries an article mentions with their counts; `None` when it was never
    /// scanned (stored before the country index, or a stub).
    pub fn article_countries(&self, id: i64) -> Result<Option<Vec<(String, usize)>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT country, mentions FROM article_countries WHERE article_id = ?1
             ORDER BY mentions DESC, country",
        )?;
        let rows: Vec<(String, i64)> = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if rows.is_empty() {
            return Ok(None);
        }
        Ok(Some(
            rows.into_iter()
                .filter(|(c, _)| !c.is_empty())
                .map(|(c, n)| (c, n as usize))
                .collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Action, DateBasis, DateSpan, DecisionKind, Event, EventType, PubDateBasis, Span, Status,
    };
    use crate::store::{EventChanges, NewArticle};

    fn event(actor: &str, target: &str, date: Option<&str>, evidence: &str) -> Event {
        Event {
            event_type: EventType::Visit,
            cameo: None,
            actor: actor.into(),
            target: target.into(),
            date: date.map(|d| DateSpan::single(d.parse().unwrap())),
            date_basis: DateBasis::Text,
            status: Status::Occurred,
            action: Action::Imposed,
            summary: "s".into(),
            evidence: evidence.into(),
            sentence: Span::default(),
            trigger: Span::default(),
            actor_span: None,
            target_span: None,
            date_span: None,
            date_note: String::new(),
            role_note: String::new(),
            rule: "t".into(),
            confidence: 0.5,
        }
    }

    fn article(n: usize) -> NewArticle {
        NewArticle {
            ext_id: Some(format!("a{n}")),
            title: None,
            text: format!("text {n}"),
            url: None,
            source: None,
            pub_date: None,
            pub_date_basis: PubDateBasis::Undated,
            anchor_date: None,
            origin: "t".into(),
        }
    }

    /// A pair's events from a date come in two parts (one date / periods) merged back into
    /// timeline order: the same rows, in the same order, as filtering them all.
    #[test]
    fn events_from_a_date_match_the_whole_pair_filtered() {
        use crate::model::PartialDate;
        use crate::store::EventFilter;
        let mut s = Store::open_in_memory().unwrap();
        let dates = [
            ("2019", None),
            ("2019-12", None),
            ("2020", None),
            ("2020-01", None),
            ("2020-01-15", None),
            ("2020-03-02", None),
            ("2018-05", Some("2020-02")),
            ("2015", Some("2016")),
            ("2020-02-01", Some("2020-02-03")),
            ("2021-07-04", None),
        ];
        s.transaction(|tx| {
            for (n, chunk) in dates.chunks(3).enumerate() {
                let crate::store::InsertOutcome::New(id) = tx.insert_article(&article(n))? else {
                    panic!()
                };
                let evs: Vec<Event> = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, (start, end))| {
                        let mut e = event("JP", "CN", Some(start), &format!("{n}-{i}"));
                        e.date = Some(DateSpan {
                            start: start.parse().unwrap(),
                            end: end.map(|x| x.parse().unwrap()),
                        });
                        e
                    })
                    .collect();
                tx.replace_events(id, &evs)?;
            }
            Ok(())
        })
        .unwrap();
        let pair = Some(("CN".to_string(), "JP".to_string()));
        let all = s
            .events(&EventFilter {
                pair: pair.clone(),
                ..EventFilter::default()
            })
            .unwrap();
        for (from, to) in [
            ("2020-01-10", None),
            ("2020", Some("2020-02")),
            ("2016", None),
        ] {
            let from: PartialDate = from.parse().unwrap();
            let to: Option<PartialDate> = to.map(|t| t.parse().unwrap());
            let got: Vec<i64> = s
                .events(&EventFilter {
                    pair: pair.clone(),
                    from: Some(from),
                    to,
                    ..EventFilter::default()
                })
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect();
            let f = from.first_day().unwrap();
            let want: Vec<i64> = all
                .iter()
                .filter(|r| {
                    let d = r.event.date.unwrap();
                    d.end.unwrap_or(d.start).last_day().unwrap() >= f
                        && to.is_none_or(|t| d.start.first_day().unwrap() <= t.last_day().unwrap())
                })
                .map(|r| r.id)
                .collect();
            assert_eq!(got, want, "from {from} to {to:?}");
            assert!(!got.is_empty());
        }
    }

    /// pair_years as the triggers keep it, and as counted from scratch.
    fn both(
        s: &Store,
    ) -> (
        Vec<(String, String, String, i64)>,
        Vec<(String, String, String, i64)>,
    ) {
        let q = |sql: &str| -> Vec<(String, String, String, i64)> {
            s.conn
                .prepare(sql)
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        (
            q("SELECT a, b, year, events FROM pair_years WHERE events > 0 ORDER BY 1, 2, 3"),
            q("SELECT MIN(actor, target), MAX(actor, target),
                 COALESCE(substr(sort_date, 1, 4), ''), COUNT(*)
               FROM events WHERE review IS NOT 'rejected' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"),
        )
    }

    #[test]
    fn pair_years_follow_inserts_replacements_rejections_and_edits() {
        let mut s = Store::open_in_memory().unwrap();
        let ids: Vec<i64> = s
            .transaction(|tx| {
                let mut ids = Vec::new();
                for n in 0..3 {
                    let crate::store::InsertOutcome::New(id) = tx.insert_article(&article(n))?
                    else {
                        panic!()
                    };
                    tx.replace_events(
                        id,
                        &[
                            event("JP", "CN", Some("2023-04-02"), &format!("x{n}")),
                            event("CN", "JP", Some("2022"), &format!("y{n}")),
                            event("US", "CN", None, &format!("z{n}")),
                        ],
                    )?;
                    ids.push(id);
                }
                Ok(ids)
            })
            .unwrap();
        let (kept, counted) = both(&s);
        assert_eq!(kept, counted);
        assert!(kept.contains(&("CN".into(), "JP".into(), "2023".into(), 3)));
        assert!(kept.contains(&("CN".into(), "US".into(), "".into(), 3)));
        // replace one article's events, reject one, edit another's pair and year
        let ev: Vec<i64> = s
            .conn
            .prepare("SELECT id FROM events ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        s.transaction(|tx| {
            tx.replace_events(ids[0], &[event("JP", "KR", Some("2019-05"), "w")])?;
            tx.decide(DecisionKind::Reject, ev[3], None, None, None)?;
            let c = EventChanges {
                target: Some("RU".into()),
                date: Some(DateSpan::single("2021-01".parse().unwrap())),
                ..EventChanges::default()
            };
            tx.decide(DecisionKind::Edit, ev[7], Some(&c), None, None)?;
            Ok(())
        })
        .unwrap();
        let (kept, counted) = both(&s);
        assert_eq!(kept, counted);
        assert!(kept.contains(&("CN".into(), "RU".into(), "2021".into(), 1)));
        let pairs = s.pairs(None, None, None).unwrap();
        let total: i64 = pairs.iter().map(|p| p.events).sum();
        assert_eq!(total, counted.iter().map(|c| c.3).sum::<i64>());
        assert_eq!(s.pairs(Some("KR"), None, None).unwrap().len(), 1);
        assert!(s.pairs(Some("KR"), Some(2020), None).unwrap().is_empty());
    }
}

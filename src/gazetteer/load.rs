//! Reading countries.csv, aliases.csv, officials.csv and titles.csv, with `file:line` errors.

use super::{Entry, Gazetteer, MentionKind};
use crate::data::{DataFile, DataFiles};
use crate::error::{Error, Result};
use aho_corasick::{AhoCorasick, MatchKind};
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Country {
    pub alpha2: String,
    pub alpha3: String,
    pub name: String,
}

/// An office holder with the dates of the term.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Official {
    pub country: String,
    pub role: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

impl Official {
    pub fn in_office(&self, d: NaiveDate) -> bool {
        self.start <= d && self.end.is_none_or(|e| d <= e)
    }
}

/// Whether a title word names a state official ("minister") or a private person ("national").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleClass {
    Official,
    Person,
}

const ROLES: &[&str] = &[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "trade_minister",
    "defence_minister",
    "envoy",
    "eu_official",
];

fn data_err(f: &DataFile, line: usize, message: impl Into<String>) -> Error {
    Error::Data {
        path: f.name.clone(),
        line,
        message: message.into(),
    }
}

/// Rows of a CSV data file with their line numbers, checked against the expected header.
fn rows(f: &DataFile, header: &[&str]) -> Result<Vec<(usize, Vec<String>)>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(f.content.as_bytes());
    let got: Vec<String> = rdr
        .headers()
        .map_err(|e| data_err(f, 1, e.to_string()))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    if got != header {
        return Err(data_err(
            f,
            1,
            format!(
                "expected header \"{}\", found \"{}\"",
                header.join(","),
                got.join(",")
            ),
        ));
    }
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            data_err(f, line, e.to_string())
        })?;
        let line = rec.position().map_or(0, |p| p.line() as usize);
        out.push((line, rec.iter().map(|s| s.trim().to_string()).collect()));
    }
    Ok(out)
}

fn date(f: &DataFile, line: usize, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| {
        data_err(
            f,
            line,
            format!("invalid date \"{s}\": expected YYYY-MM-DD"),
        )
    })
}

pub(super) fn build(files: &DataFiles) -> Result<Gazetteer> {
    let mut countries = Vec::new();
    let mut by_code = HashMap::new();
    for (line, r) in rows(&files.countries, &["alpha2", "alpha3", "name"])? {
        let (a2, a3) = (r[0].clone(), r[1].clone());
        if a2.len() != 2 || !a2.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(data_err(
                &files.countries,
                line,
                format!("invalid alpha-2 code \"{a2}\""),
            ));
        }
        if a3.len() != 3 || !a3.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(data_err(
                &files.countries,
                line,
                format!("invalid alpha-3 code \"{a3}\""),
            ));
        }
        if by_code.insert(a2.clone(), countries.len()).is_some() {
            return Err(data_err(
                &files.countries,
                line,
                format!("duplicate code \"{a2}\""),
            ));
        }
        countries.push(Country {
            alpha2: a2,
            alpha3: a3,
            name: r[2].clone(),
        });
    }

    let mut patterns: Vec<String> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut entries: Vec<Vec<Entry>> = Vec::new();
    let mut add = |alias: &str, e: Entry| {
        // typographic and straight apostrophes are both written in news
        let mut forms = vec![alias.to_string()];
        if alias.contains('\'') {
            forms.push(alias.replace('\'', "’"));
        }
        for form in forms {
            let i = *index.entry(form.clone()).or_insert_with(|| {
                patterns.push(form.clone());
                entries.push(Vec::new());
                patterns.len() - 1
            });
            entries[i].push(e.clone());
        }
    };

    let mut by_name: HashMap<String, String> = HashMap::new();
    for c in &countries {
        by_name.insert(c.name.to_lowercase(), c.alpha2.clone());
        add(
            &c.name,
            Entry::Country {
                code: c.alpha2.clone(),
                kind: MentionKind::Name,
            },
        );
    }
    for (line, r) in rows(&files.aliases, &["alias", "code", "kind"])? {
        let f = &files.aliases;
        if r[0].is_empty() {
            return Err(data_err(f, line, "empty alias"));
        }
        if !by_code.contains_key(&r[1]) {
            return Err(data_err(
                f,
                line,
                format!("unknown country code \"{}\"", r[1]),
            ));
        }
        let kind = MentionKind::parse(&r[2]).ok_or_else(|| {
            data_err(
                f,
                line,
                format!(
                    "unknown kind \"{}\": expected name, former, adjective, demonym, capital or seat",
                    r[2]
                ),
            )
        })?;
        if matches!(kind, MentionKind::Name | MentionKind::Former) {
            by_name
                .entry(r[0].to_lowercase())
                .or_insert_with(|| r[1].clone());
        }
        add(
            &r[0],
            Entry::Country {
                code: r[1].clone(),
                kind,
            },
        );
    }

    let mut officials = Vec::new();
    let header = ["country", "role", "name", "aliases", "start", "end"];
    for (line, r) in rows(&files.officials, &header)? {
        let f = &files.officials;
        if !by_code.contains_key(&r[0]) {
            return Err(data_err(
                f,
                line,
                format!("unknown country code \"{}\"", r[0]),
            ));
        }
        if !ROLES.contains(&r[1].as_str()) {
            return Err(data_err(
                f,
                line,
                format!(
                    "unknown role \"{}\": expected one of {}",
                    r[1],
                    ROLES.join(", ")
                ),
            ));
        }
        let start = date(f, line, &r[4])?;
        let end = if r[5].is_empty() {
            None
        } else {
            Some(date(f, line, &r[5])?)
        };
        if end.is_some_and(|e| e < start) {
            return Err(data_err(f, line, "term ends before it starts"));
        }
        let aliases: Vec<String> = r[3]
            .split('|')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        let i = officials.len();
        add(
            &r[2],
            Entry::Official {
                index: i,
                strong: true,
            },
        );
        for a in &aliases {
            let strong = a.contains(' ') || a.chars().all(|c| c.is_uppercase());
            add(a, Entry::Official { index: i, strong });
        }
        officials.push(Official {
            country: r[0].clone(),
            role: r[1].clone(),
            name: r[2].clone(),
            aliases,
            start,
            end,
        });
    }

    for (line, r) in rows(&files.companies, &["name", "code"])? {
        if !by_code.contains_key(&r[1]) {
            return Err(data_err(
                &files.companies,
                line,
                format!("unknown country code \"{}\"", r[1]),
            ));
        }
        add(
            &r[0],
            Entry::Country {
                code: r[1].clone(),
                kind: MentionKind::Company,
            },
        );
    }

    let mut titles = Vec::new();
    for (line, r) in rows(&files.titles, &["word", "class"])? {
        let class = match r[1].as_str() {
            "official" => TitleClass::Official,
            "person" => TitleClass::Person,
            other => {
                return Err(data_err(
                    &files.titles,
                    line,
                    format!("unknown class \"{other}\": expected official or person"),
                ))
            }
        };
        titles.push((r[0].to_lowercase(), class));
    }

    let matcher = AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .map_err(|e| Error::Invalid(format!("building the country matcher: {e}")))?;
    Ok(Gazetteer {
        countries,
        by_code,
        by_name,
        officials,
        matcher,
        entries,
        titles,
    })
}

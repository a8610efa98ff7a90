//! Countries and the ways news names them: names, adjectives and demonyms, capitals and seats of
//! power, and officials valid on a date. [`Gazetteer::find`] turns text into [`Mention`]s.
//!
//! Matching is case-sensitive (news capitalizes proper nouns), whole-word, longest first
//! ("South Korea" before "Korea", "Oman" never inside "woman"). An official's one-word alias
//! ("Qin") counts only after a title or honorific ("Mr Qin", "President Xi") or once the full
//! name has appeared earlier in the same text.

mod load;

use crate::data::DataFiles;
use crate::error::Result;
use crate::model::Span;
use aho_corasick::AhoCorasick;
use chrono::NaiveDate;
use std::collections::HashMap;

pub use load::{Country, Official, TitleClass};

/// How a country was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    Name,
    Former,
    Adjective,
    Demonym,
    Capital,
    Seat,
    /// A dated official from officials.csv, or one introduced by title in the article.
    Official,
    /// A private person introduced with a nationality ("Canadian businessman Michael Spavor"):
    /// the country is their nationality, never an actor.
    Person,
    /// A company from companies.csv: it stands for its country only as the one acted upon
    /// ("controls aimed at Huawei").
    Company,
}

impl MentionKind {
    pub fn parse(s: &str) -> Option<MentionKind> {
        Some(match s {
            "name" => MentionKind::Name,
            "former" => MentionKind::Former,
            "adjective" => MentionKind::Adjective,
            "demonym" => MentionKind::Demonym,
            "capital" => MentionKind::Capital,
            "seat" => MentionKind::Seat,
            _ => return None,
        })
    }
}

/// A country named in the text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mention {
    pub span: Span,
    /// ISO 3166-1 alpha-2 (or `EU`).
    pub code: String,
    pub kind: MentionKind,
    /// For officials: "Qin Gang (foreign_minister)".
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
enum Entry {
    Country { code: String, kind: MentionKind },
    Official { index: usize, strong: bool },
}

/// Loaded dictionaries with their matcher.
pub struct Gazetteer {
    countries: Vec<Country>,
    by_code: HashMap<String, usize>,
    by_name: HashMap<String, String>,
    officials: Vec<Official>,
    matcher: AhoCorasick,
    entries: Vec<Vec<Entry>>,
    titles: Vec<(String, load::TitleClass)>,
}

/// Words that, after a country name, make it part of a company's name.
const CORPORATE: &[&str] = &[
    "Ltd",
    "Limited",
    "Inc",
    "Corp",
    "Corporation",
    "Co",
    "Plc",
    "PLC",
    "LLC",
    "AG",
    "SA",
    "NV",
    "Airlines",
    "Airways",
    "Motors",
    "Electric",
    "Steel",
    "Petroleum",
    "Telecom",
    "Holdings",
    "Industries",
    "Bancorp",
    "Trust",
    "Fund",
    "Mining",
    "Oil",
    "Gas",
];

/// One-word aliases of leaders and foreign ministers too common as names or words to stand alone.
const COMMON_SURNAMES: &[&str] = &[
    "Lee",
    "Kim",
    "Li",
    "Wang",
    "Park",
    "Pak",
    "Lam",
    "Lai",
    "Tan",
    "Nguyen",
    "Tran",
    "Vo",
    "Wong",
    "Chung",
    "Truong",
    "Trong",
    "Ho",
    "Le",
    "Han",
    "Moon",
    "May",
    "Brown",
    "Johnson",
    "Major",
    "Khan",
    "Sharif",
    "Ali",
    "Singh",
    "Shah",
    "Bibi",
    "King",
    "Young",
    "Rice",
    "Bush",
    "Jones",
    "Smith",
    "Costa",
    "Santos",
    "Silva",
    "Martin",
    "Duda",
    "Stubb",
    "Tusk",
    "Fox",
    "Love",
    "Bishop",
    "Champagne",
    "Cooper",
    "Hunt",
    "Kerry",
    "Maris",
    "Meade",
    "Mohamed",
    "Hussein",
    "Payne",
    "Peters",
    "Rodriguez",
    "Rodríguez",
    "Serra",
    "Gabriel",
    "Cohen",
    "Jensen",
    "Rasmussen",
    "Nicholson",
    "Hammond",
    "Cameron",
    "Baird",
    "Truss",
    "Garcia",
    "Franca",
    "França",
    "Nunes",
    "Moncada",
    "Anand",
    "Aziz",
    "Juma",
    "Mutua",
    "Dion",
    "Blok",
    "Katz",
    "Linde",
    "Vieira",
    "Munoz",
    "Muñoz",
    "Araujo",
    "Araújo",
    "Quintin",
    "Lazaro",
];

/// Words that, right before a one-word official alias, show it names the person.
const HONORIFICS: &[&str] = &[
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Dr",
    "Dr.",
    "President",
    "Premier",
    "Minister",
    "Secretary",
    "Chancellor",
    "Prime",
    "King",
    "Emperor",
    "Prince",
    "Leader",
    "Ambassador",
    "Sheikh",
    "Gen.",
    "General",
    "Mr",
    "Madam",
];

impl Gazetteer {
    pub fn load(files: &DataFiles) -> Result<Gazetteer> {
        load::build(files)
    }

    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// Looks a country up by alpha-2, alpha-3 or name, any case ("jp", "JPN", "japan").
    pub fn lookup(&self, s: &str) -> Option<&Country> {
        let t = s.trim();
        let up = t.to_ascii_uppercase();
        if let Some(&i) = self.by_code.get(&up) {
            return Some(&self.countries[i]);
        }
        if let Some(c) = self.countries.iter().find(|c| c.alpha3 == up) {
            return Some(c);
        }
        let code = self.by_name.get(&t.to_lowercase())?;
        self.by_code.get(code).map(|&i| &self.countries[i])
    }

    pub fn country(&self, code: &str) -> Option<&Country> {
        self.by_code.get(code).map(|&i| &self.countries[i])
    }

    /// Title words ("foreign minister", "national") and whether they name an official or a person.
    pub fn title_class(&self, words: &str) -> Option<load::TitleClass> {
        self.titles
            .iter()
            .find(|(w, _)| w == words)
            .map(|(_, c)| *c)
    }

    /// The longest title starting at `words` (lowercase tokens), with the number of tokens it uses.
    pub fn title_at(&self, words: &[&str]) -> Option<(usize, load::TitleClass)> {
        let mut best = None;
        for n in 1..=words.len().min(3) {
            if let Some(c) = self.title_class(&words[..n].join(" ")) {
                best = Some((n, c));
            }
        }
        best
    }

    /// Every country mention in `text`; officials count only when in office on `date`.
    pub fn find(&self, text: &str, date: Option<NaiveDate>) -> Vec<Mention> {
        let mut cands: Vec<(usize, usize, usize)> = Vec::new(); // start, end, pattern
        for m in self.matcher.find_overlapping_iter(text) {
            if is_word_boundary(text, m.start(), m.end()) {
                cands.push((m.start(), m.end(), m.pattern().as_usize()));
            }
        }
        // leftmost-longest, non-overlapping
        cands.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut strong_seen: Vec<usize> = Vec::new();
        let mut last_end = 0;
        for (start, end, pat) in cands {
            if start < last_end {
                continue;
            }
            // "pro-Iranian militias", "anti-American protests" are not the country
            let lead = &text[..start];
            if ["pro-", "Pro-", "anti-", "Anti-"]
                .iter()
                .any(|p| lead.ends_with(p))
            {
                continue;
            }
            let before = prev_word(text, start);
            let mut chosen: Option<Mention> = None;
            for e in &self.entries[pat] {
                match e {
                    Entry::Country { code, kind } => {
                        // "Chrysler Canada Ltd", "Air France", "Japan Airlines": a country in a
                        // company's name stands for the company
                        let corporate = text[end..].split_whitespace().next().is_some_and(|w| {
                            CORPORATE.contains(&w.trim_end_matches(['.', ',', '>']))
                        }) || text[..start].trim_end().ends_with(['<'])
                            || ["Air"].contains(&before);
                        chosen = Some(Mention {
                            span: Span::new(start, end),
                            code: code.clone(),
                            kind: if corporate && *kind == MentionKind::Name {
                                MentionKind::Company
                            } else {
                                *kind
                            },
                            note: None,
                        });
                        break;
                    }
                    Entry::Official { index, strong } => {
                        let o = &self.officials[*index];
                        // a full name is the same person whatever the date ("then Prime
                        // Minister Shinzo Abe"); a bare surname counts only during the term
                        if !*strong && !date.is_some_and(|d| o.in_office(d)) {
                            continue;
                        }
                        // "Mr Qin", "President Xi", and "the Biden administration"
                        let after = text[end..].trim_start();
                        let titled = HONORIFICS.contains(&before)
                            || after.starts_with("administration")
                            || after.starts_with("government");
                        // "Biden met Xi", "Blinken visited": a sitting head of state or government
                        // (or foreign minister, with a longer name) is known by the bare
                        // surname, unless it is a common name or word ("Lee", "May")
                        let alias = &text[start..end];
                        let bare_leader = !COMMON_SURNAMES.contains(&alias)
                            && (["head_of_state", "head_of_government"].contains(&o.role.as_str())
                                || (o.role == "foreign_minister" && alias.chars().count() >= 5));
                        if *strong || titled || bare_leader || strong_seen.contains(index) {
                            if *strong {
                                strong_seen.push(*index);
                            }
                            // two officials of different countries behind one alias: ambiguous
                            if chosen.as_ref().is_some_and(|c| c.code != o.country) {
                                chosen = None;
                                break;
                            }
                            chosen = Some(Mention {
                                span: Span::new(start, end),
                                code: o.country.clone(),
                                kind: MentionKind::Official,
                                note: Some(format!("{} ({})", o.name, o.role)),
                            });
                        }
                    }
                }
            }
            if let Some(m) = chosen {
                last_end = end;
                out.push(m);
            }
        }
        out
    }
}

fn prev_word(text: &str, start: usize) -> &str {
    let head = text[..start].trim_end();
    let from = head
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map(|i| i + head[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    &head[from..]
}

/// True when the match is not glued to letters or digits on either side.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    !glued(before) && !glued(after)
}

#[cfg(test)]
mod tests;

//! News datelines at the start of a text: "TOKYO, March 3 -", "WASHINGTON (Reuters) -",
//! "BEIJING —", "Tokyo, April 2 (AFP) -".
//!
//! An all-capitals place may stand alone before the dash; a place written in ordinary
//! capitalisation needs a month and day or an agency in parentheses, so that a sentence
//! such as "Japan - China talks ..." is not taken for a dateline.

use chrono::{Datelike, NaiveDate};
use once_cell::sync::Lazy;
use regex::Regex;

/// A dateline found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    /// "TOKYO", "SAO PAULO", "LAGOS, Nigeria", "Tokyo".
    pub place: String,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// Bytes of the text covered, including the dash and the spaces after it.
    pub len: usize,
}

impl Dateline {
    /// The dateline as written in `text` (the text it was found in), without the dash:
    /// "TOKYO, March 3", "WASHINGTON (Reuters)".
    pub fn text(&self, text: &str) -> String {
        let s = text.get(..self.len).unwrap_or(text);
        s.trim()
            .trim_end_matches(['-', '—', '–', ':'])
            .trim()
            .to_string()
    }
}

const MONTH: &str = r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
const SEP: &str = r"(?P<sep>[\t ]+(?:--?|—|–)\s*|[\t ]*(?:—|–)\s*|[\t ]*--?[\t ]+)";
const AGENCY: &str = r"[\t ]*\([^()\n]{1,40}\)";

/// "March 3" or "3 March", capturing `month` and `day` (or `day2`).
fn date_part() -> String {
    format!(
        r"(?:(?P<month>{MONTH})\.?[\t ]+(?P<day>\d{{1,2}})\b|(?P<day2>\d{{1,2}})[\t ]+(?P<month2>{MONTH})\b\.?)"
    )
}

static CAPS: Lazy<Regex> = Lazy::new(|| {
    let word = r"\p{Lu}[\p{Lu}.'’&/\-]*";
    let region = r"\p{Lu}[\p{L}.'’/\-]*";
    let date = date_part();
    let re = format!(
        r"^\s*(?P<place>\p{{Lu}}[\p{{Lu}}.'’&/\-]+(?:[\t ]{word}){{0,3}}(?:[\t ]*,[\t ]+{region}(?:[\t ]{region}){{0,2}})?)(?:[\t ]*,?[\t ]+{date})?(?P<agency>{AGENCY})?{SEP}"
    );
    Regex::new(&re).expect("dateline regex")
});

static TITLE_CASE: Lazy<Regex> = Lazy::new(|| {
    let word = r"\p{Lu}\p{Ll}+";
    let region = r"\p{Lu}[\p{L}.'’/\-]*";
    let date = date_part();
    let re = format!(
        r"^\s*(?P<place>{word}(?:[\t \-]{word}){{0,3}}(?:,[\t ]+{region}(?:[\t ]{region}){{0,2}})?)(?:,?[\t ]+{date}(?:{AGENCY})?|(?P<agency>{AGENCY})){SEP}"
    );
    Regex::new(&re).expect("dateline regex")
});

/// A dateline written alone, as in a record's `dateline` field: place, then a date.
static ALONE: Lazy<Regex> = Lazy::new(|| {
    let date = date_part();
    Regex::new(&format!(
        r"^\s*(?P<place>.*?)[\t ]*,?[\t ]*{date}(?:{AGENCY})?(?:[\s\-—–:,][\s\S]*)?$"
    ))
    .expect("dateline regex")
});

/// Capitalised openings that are labels, not places.
const NOT_PLACES: &[&str] = &[
    "ADVISORY",
    "ANALYSIS",
    "BREAKING",
    "BRIEF",
    "COLUMN",
    "CORRECTED",
    "CORRECTION",
    "EDITORIAL",
    "EXCLUSIVE",
    "FACTBOX",
    "FEATURE",
    "INSIGHT",
    "INTERVIEW",
    "OPINION",
    "REFILE",
    "REPEAT",
    "UPDATE",
    "URGENT",
    "WRAPUP",
];

/// The month number of an English month name or abbreviation (the tagger's own reading).
pub(crate) fn month_number(name: &str) -> Option<u32> {
    crate::temporal::lex::month_num(name)
}

/// Place, month and day from a dateline match.
fn from_captures(caps: &regex::Captures, len: usize) -> Option<Dateline> {
    let place = caps
        .name("place")?
        .as_str()
        .trim()
        .trim_end_matches(',')
        .trim()
        .to_string();
    let month = caps
        .name("month")
        .or_else(|| caps.name("month2"))
        .and_then(|m| month_number(m.as_str()));
    let day = caps
        .name("day")
        .or_else(|| caps.name("day2"))
        .and_then(|d| d.as_str().parse::<u32>().ok())
        .filter(|d| (1..=31).contains(d));
    let (month, day) = match (month, day) {
        (Some(m), Some(d)) => (Some(m), Some(d)),
        _ => (None, None),
    };
    Some(Dateline {
        place,
        month,
        day,
        len,
    })
}

/// If the text opens with a news dateline, return it.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    let caps = CAPS.captures(text).or_else(|| TITLE_CASE.captures(text))?;
    let d = from_captures(&caps, caps.get(0)?.end())?;
    let first_word = d.place.split([' ', ',']).next().unwrap_or("");
    if d.month.is_none() && NOT_PLACES.contains(&first_word) {
        return None;
    }
    // A bare capitalised place needs a dash of its own ("BEIJING —", "BEIJING --"):
    // "N.Y. TANKERS - ..." and "MONEY RATES - ..." are headlines.
    let bare = d.month.is_none() && caps.name("agency").is_none();
    if bare && caps.name("sep").is_some_and(|s| s.as_str().trim() == "-") {
        return None;
    }
    Some(d)
}

/// Parses a dateline written on its own, as in a record's `dateline` field
/// ("SALVADOR, Feb 26", "AMSTERDAM, 2 March", "BLANTYRE"); `len` is the whole string.
/// Capitalisation is not checked. `None` for an empty string.
pub fn parse_dateline(s: &str) -> Option<Dateline> {
    if let Some(caps) = ALONE.captures(s) {
        let d = from_captures(&caps, s.len())?;
        if !d.place.is_empty() {
            return Some(d);
        }
    }
    let place = s.trim().trim_end_matches(['-', '—', '–', ':']).trim();
    (!place.is_empty()).then(|| Dateline {
        place: place.to_string(),
        month: None,
        day: None,
        len: s.len(),
    })
}

/// Resolves a dateline's month and day to the closest such date within ±6 months of
/// `reference` (the archive or publication date).
pub fn dateline_date(d: &Dateline, reference: NaiveDate) -> Option<NaiveDate> {
    let (month, day) = (d.month?, d.day?);
    let y = reference.year();
    [y - 1, y, y + 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .map(|c| (c.signed_duration_since(reference).num_days().abs(), c))
        .filter(|&(dist, _)| dist <= 184)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_datelines() {
        type Want = Option<(&'static str, Option<u32>, Option<u32>, &'static str)>;
        let cases: Vec<(&str, Want)> = vec![
            (
                "TOKYO, March 3 - Japan said",
                Some(("TOKYO", Some(3), Some(3), "Japan said")),
            ),
            (
                "TOKYO, Mar 3 - Japan said",
                Some(("TOKYO", Some(3), Some(3), "Japan said")),
            ),
            (
                "SALVADOR, Feb 26 - Showers",
                Some(("SALVADOR", Some(2), Some(26), "Showers")),
            ),
            (
                "NEW YORK, Sept. 8 - Stocks",
                Some(("NEW YORK", Some(9), Some(8), "Stocks")),
            ),
            (
                "WASHINGTON (Reuters) - The",
                Some(("WASHINGTON", None, None, "The")),
            ),
            ("BEIJING — China", Some(("BEIJING", None, None, "China"))),
            ("BEIJING—China", Some(("BEIJING", None, None, "China"))),
            (
                "Tokyo, April 2 (AFP) - Japan",
                Some(("Tokyo", Some(4), Some(2), "Japan")),
            ),
            ("Tokyo (AFP) - Japan", Some(("Tokyo", None, None, "Japan"))),
            (
                "  LAGOS, Nigeria, May 1 -- Troops",
                Some(("LAGOS, Nigeria", Some(5), Some(1), "Troops")),
            ),
            (
                "SÃO PAULO, Jan 5 - x",
                Some(("SÃO PAULO", Some(1), Some(5), "x")),
            ),
            (
                "ST. LOUIS, MARCH 3 - x",
                Some(("ST. LOUIS", Some(3), Some(3), "x")),
            ),
            (
                "UNITED NATIONS, Dec 31 - x",
                Some(("UNITED NATIONS", Some(12), Some(31), "x")),
            ),
            ("Japan said on Sunday that it would", None),
            ("Japan - China relations are", None),
            ("The TOKYO - talks", None),
            ("TOKYO-based Sony said", None),
            ("U.S.-China talks", None),
            ("I - x", None),
            ("", None),
            ("Tokyo, April 2 Japan said", None),
            (
                "AMSTERDAM, 2 March - x",
                Some(("AMSTERDAM", Some(3), Some(2), "x")),
            ),
            (
                "OAKLAND , N.J., March 2 - x",
                Some(("OAKLAND , N.J.", Some(3), Some(2), "x")),
            ),
            (
                "DALLAS/FORT WORTH, Texas, March 3 - x",
                Some(("DALLAS/FORT WORTH, Texas", Some(3), Some(3), "x")),
            ),
            (
                "MARANCHON, SPAIN — x",
                Some(("MARANCHON, SPAIN", None, None, "x")),
            ),
            ("CORRECTION - x", None),
            ("N.Y. TANKERS - x", None),
            ("BEIJING -- x", Some(("BEIJING", None, None, "x"))),
            (
                "ISLAMABAD/PENTAGON — x",
                Some(("ISLAMABAD/PENTAGON", None, None, "x")),
            ),
            ("UPDATE 1-China says", None),
        ];
        for (text, want) in cases {
            let got = find_dateline(text);
            match (got, want) {
                (None, None) => {}
                (Some(d), Some((place, month, day, rest))) => {
                    assert_eq!(d.place, place, "{text}");
                    assert_eq!((d.month, d.day), (month, day), "{text}");
                    assert_eq!(&text[d.len..], rest, "{text}");
                }
                (got, want) => panic!("{text}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn parses_dateline_fields() {
        let cases = [
            ("SALVADOR, Feb 26", Some(("SALVADOR", Some(2), Some(26)))),
            ("AMSTERDAM, 2 March", Some(("AMSTERDAM", Some(3), Some(2)))),
            ("New york, March 2", Some(("New york", Some(3), Some(2)))),
            (
                "OAKLAND , N.J., March 2",
                Some(("OAKLAND , N.J.", Some(3), Some(2))),
            ),
            (
                "TOKYO, March 3 (Reuters) -",
                Some(("TOKYO", Some(3), Some(3))),
            ),
            ("BLANTYRE", Some(("BLANTYRE", None, None))),
            (
                "THE HAGUE, March 2 - Dutch imports",
                Some(("THE HAGUE", Some(3), Some(2))),
            ),
            ("NEW YORK, Narch 2", Some(("NEW YORK, Narch 2", None, None))),
            ("  ", None),
        ];
        for (s, want) in cases {
            let got = parse_dateline(s).map(|d| (d.place, d.month, d.day));
            assert_eq!(got, want.map(|(p, m, d)| (p.to_string(), m, d)), "{s}");
        }
    }

    #[test]
    fn dateline_text() {
        for (text, want) in [
            ("TOKYO, March 3 - Japan", "TOKYO, March 3"),
            ("WASHINGTON (Reuters) - The", "WASHINGTON (Reuters)"),
            ("BEIJING — China", "BEIJING"),
        ] {
            assert_eq!(find_dateline(text).unwrap().text(text), want);
        }
    }

    #[test]
    fn resolves_dateline_dates() {
        let ymd = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let dl = |m, d| Dateline {
            place: "X".into(),
            month: Some(m),
            day: Some(d),
            len: 0,
        };
        let cases = [
            (dl(12, 31), ymd(1988, 1, 1), Some(ymd(1987, 12, 31))),
            (dl(1, 2), ymd(1987, 12, 31), Some(ymd(1988, 1, 2))),
            (dl(2, 26), ymd(1987, 2, 26), Some(ymd(1987, 2, 26))),
            (dl(2, 25), ymd(1987, 2, 26), Some(ymd(1987, 2, 25))),
            (dl(7, 1), ymd(1987, 1, 1), Some(ymd(1987, 7, 1))),
            (dl(2, 29), ymd(1988, 3, 1), Some(ymd(1988, 2, 29))),
            (dl(2, 29), ymd(1987, 3, 1), None),
            (dl(2, 30), ymd(1987, 3, 1), None),
        ];
        for (d, reference, want) in cases {
            assert_eq!(dateline_date(&d, reference), want, "{d:?} {reference}");
        }
        let none = Dateline {
            place: "X".into(),
            month: None,
            day: None,
            len: 0,
        };
        assert_eq!(dateline_date(&none, ymd(1987, 1, 1)), None);
    }

    #[test]
    fn months() {
        for (name, n) in [
            ("Jan", 1),
            ("february", 2),
            ("SEPT", 9),
            ("Dec.", 12),
            ("Foo", 0),
        ] {
            assert_eq!(month_number(name).unwrap_or(0), n, "{name}");
        }
    }
}

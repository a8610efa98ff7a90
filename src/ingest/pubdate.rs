//! Publication dates as written → calendar dates.
//!
//! The date is taken as written: a timestamp's date part in its own offset, with no
//! conversion to UTC ("2023-04-02T01:00:00+09:00" is 2023-04-02). Accepted forms:
//!
//! * ISO: `2023-04-02`, `2023-04-02T09:15:00+09:00`, `2023-04-02 09:15:00.123Z`
//! * RFC 2822: `Sun, 02 Apr 2023 09:15:00 +0900`; day first: `2 April 2023`, `2 Apr 2023`
//! * month first: `April 2, 2023`, `Apr. 2, 2023`, `Sunday, April 2, 2023`,
//!   `April 2, 2023 10:15 AM EDT`
//! * Reuters-21578: `26-FEB-1987 15:01:01.79`
//! * `2023/04/02`, `20230402`, `02.04.2023` (day first), `4/2/2023` (month first, US)
//!
//! Impossible dates and years outside 1800–2200 give `None`.

use chrono::NaiveDate;
use once_cell::sync::Lazy;
use regex::Regex;

use super::dateline::month_number;

/// A time of day with an optional zone, after a date.
const TIME: &str = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?i:am|pm)?\s*(?:Z|[A-Za-z]{1,5}|[+-]\d{2}(?::?\d{2})?)?)?";

enum Order {
    Ymd,
    Dmy,
    Mdy,
}

struct Pattern {
    re: Regex,
    order: Order,
}

static PATTERNS: Lazy<Vec<Pattern>> = Lazy::new(|| {
    let p = |re: &str, order| Pattern {
        re: Regex::new(re).expect("date regex"),
        order,
    };
    // Named month, then an optional time and zone or anything after a space or comma.
    let rest = r"(?:[\s,].*)?";
    vec![
        p(
            &format!(r"^(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){TIME}$"),
            Order::Ymd,
        ),
        p(
            &format!(r"^(\d{{4}})/(\d{{1,2}})/(\d{{1,2}}){TIME}$"),
            Order::Ymd,
        ),
        p(
            r"^(\d{4})(\d{2})(\d{2})(?:T\d{2}:?\d{2}(?::?\d{2})?Z?)?$",
            Order::Ymd,
        ),
        p(
            &format!(r"^(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){TIME}$"),
            Order::Dmy,
        ),
        p(
            &format!(r"^(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){TIME}$"),
            Order::Mdy,
        ),
        // Reuters-21578: 26-FEB-1987 15:01:01.79
        p(
            &format!(r"^(\d{{1,2}})-([A-Za-z]{{3,9}})-(\d{{4}}){rest}$"),
            Order::Dmy,
        ),
        // RFC 2822 and "2 April 2023", with an optional weekday.
        p(
            &format!(
                r"^(?:[A-Za-z]+\.?,?\s+)?(\d{{1,2}})\s+([A-Za-z]{{3,9}})\.?,?\s+(\d{{4}}){rest}$"
            ),
            Order::Dmy,
        ),
        // "April 2, 2023", "Apr. 2, 2023", "Sunday, April 2, 2023 10:15 AM EDT".
        p(
            &format!(
                r"^(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]{{3,9}})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}}){rest}$"
            ),
            Order::Mdy,
        ),
    ]
});

/// A month as digits or as an English name.
fn month(s: &str) -> Option<u32> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse().ok();
    }
    let n = month_number(s)?;
    // The whole word must be a month name or abbreviation ("Sept" too), not "Sunday".
    let lower = s.to_ascii_lowercase();
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let name = NAMES[n as usize - 1];
    (name.starts_with(&lower) && lower.len() >= 3).then_some(n)
}

/// Publication date as written → the calendar date as written. `None` if unparseable.
pub fn parse_pub_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() > 100 {
        return None;
    }
    PATTERNS.iter().find_map(|p| {
        let c = p.re.captures(s)?;
        let (y, m, d) = match p.order {
            Order::Ymd => (&c[1], &c[2], &c[3]),
            Order::Dmy => (&c[3], &c[2], &c[1]),
            Order::Mdy => (&c[3], &c[1], &c[2]),
        };
        let year: i32 = y.parse().ok()?;
        if !(1800..=2200).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month(m)?, d.parse().ok()?)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_publication_dates() {
        type Ymd = Option<(i32, u32, u32)>;
        let cases: &[(&str, Ymd)] = &[
            ("2023-04-02", Some((2023, 4, 2))),
            (" 2023-04-02 ", Some((2023, 4, 2))),
            ("2023-04-02T09:15:00", Some((2023, 4, 2))),
            ("2023-04-02T09:15:00+09:00", Some((2023, 4, 2))),
            ("2023-04-02T01:15:00+09:00", Some((2023, 4, 2))),
            ("2023-04-02T23:15:00-05:00", Some((2023, 4, 2))),
            ("2023-04-02T09:15:00.123456Z", Some((2023, 4, 2))),
            ("2023-04-02 09:15", Some((2023, 4, 2))),
            ("2023-04-02T09:15:00+0900", Some((2023, 4, 2))),
            ("2025-03-14 20:30:26Z", Some((2025, 3, 14))),
            ("2025-03-14 20:30:26 UTC", Some((2025, 3, 14))),
            ("Sun, 02 Apr 2023 09:15:00 +0900", Some((2023, 4, 2))),
            ("Sun, 2 Apr 2023 09:15:00 GMT", Some((2023, 4, 2))),
            ("April 2, 2023", Some((2023, 4, 2))),
            ("Apr. 2, 2023", Some((2023, 4, 2))),
            ("Apr 2 2023", Some((2023, 4, 2))),
            ("Sept. 12, 2023", Some((2023, 9, 12))),
            ("2 April 2023", Some((2023, 4, 2))),
            ("2 Apr 2023", Some((2023, 4, 2))),
            ("Sunday, April 2, 2023", Some((2023, 4, 2))),
            ("Sunday 2 April 2023", Some((2023, 4, 2))),
            ("April 2, 2023 10:15 AM EDT", Some((2023, 4, 2))),
            ("April 2nd, 2023", Some((2023, 4, 2))),
            ("26-FEB-1987 15:01:01.79", Some((1987, 2, 26))),
            ("5-MAR-1987 09:00:00.00", Some((1987, 3, 5))),
            ("2023/04/02", Some((2023, 4, 2))),
            ("20230402", Some((2023, 4, 2))),
            ("20230402T091500Z", Some((2023, 4, 2))),
            ("02.04.2023", Some((2023, 4, 2))),
            ("4/2/2023", Some((2023, 4, 2))),
            ("12/31/1999", Some((1999, 12, 31))),
            ("2024-02-29", Some((2024, 2, 29))),
            ("1800-01-01", Some((1800, 1, 1))),
            ("2200-12-31", Some((2200, 12, 31))),
            // rejected
            ("2023-02-31", None),
            ("2023-02-29", None),
            ("2023-13-01", None),
            ("2023-00-10", None),
            ("31/12/1999", None),
            ("1799-12-31", None),
            ("2201-01-01", None),
            ("0000-01-01", None),
            ("Sunday, Foo 2, 2023", None),
            ("Sunday 2, 2023", None),
            ("April 32, 2023", None),
            ("2023", None),
            ("2023-04", None),
            ("yesterday", None),
            ("", None),
            ("2023-04-02garbage", None),
            ("99999999999999999999-01-01", None),
        ];
        for &(s, want) in cases {
            let want = want.map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap());
            assert_eq!(parse_pub_date(s), want, "{s:?}");
        }
    }
}

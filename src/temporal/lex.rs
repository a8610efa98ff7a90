//! Word lists and small parsers shared by the patterns and the resolver.

/// Month number of a month name or abbreviation ("Sept.", "march" → 3).
pub fn month_num(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    let p = l.get(..3)?;
    Some(match p {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// ISO weekday number (Monday = 1 … Sunday = 7).
pub fn weekday_num(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    let p = l.get(..3)?;
    Some(match p {
        "mon" => 1,
        "tue" => 2,
        "wed" => 3,
        "thu" => 4,
        "fri" => 5,
        "sat" => 6,
        "sun" => 7,
        _ => return None,
    })
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn small_word(w: &str) -> Option<u32> {
    if let Some(i) = ONES.iter().position(|u| *u == w) {
        return Some(i as u32);
    }
    TENS.iter()
        .position(|t| !t.is_empty() && *t == w)
        .map(|i| i as u32 * 10)
}

/// Value of a number word or numeral ("three", "twenty-four", "2 1/2", "a", "a couple of").
/// `None` = an unknown quantity ("several", "a few", "many").
pub fn num_val(s: &str) -> Option<f64> {
    let l = s.trim().to_ascii_lowercase();
    let l = l.replace(',', "");
    match l.as_str() {
        "a" | "an" | "one" | "single" => return Some(1.0),
        "a couple of" | "a couple" | "couple of" => return Some(2.0),
        "a half" | "half a" | "half an" => return Some(0.5),
        "a dozen" | "dozen" => return Some(12.0),
        "a hundred" | "one hundred" | "hundred" => return Some(100.0),
        _ => {}
    }
    if let Some((a, b)) = l.split_once(' ') {
        if b == "1/2" {
            return a.parse::<f64>().ok().map(|v| v + 0.5);
        }
    }
    if let Ok(v) = l.parse::<f64>() {
        return Some(v);
    }
    let parts: Vec<&str> = l.split(['-', ' ']).filter(|p| !p.is_empty()).collect();
    match parts.as_slice() {
        [w] => small_word(w).map(f64::from),
        [t, u] => {
            let t = small_word(t)?;
            let u = small_word(u)?;
            if t >= 20 && t % 10 == 0 && u < 10 {
                Some(f64::from(t + u))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A year written in digits or spoken ("1998", "nineteen ninety-six", "two thousand").
pub fn year_val(s: &str) -> Option<i32> {
    let l = s.trim().to_ascii_lowercase();
    if l.len() == 4 && l.bytes().all(|b| b.is_ascii_digit()) {
        return l.parse().ok();
    }
    if let Some(rest) = l.strip_prefix("two thousand") {
        let rest = rest.trim().trim_start_matches("and").trim();
        if rest.is_empty() {
            return Some(2000);
        }
        return num_val(rest).map(|v| 2000 + v as i32);
    }
    let (c, rest) = l.split_once(' ')?;
    let century = small_word(c)?;
    if !(10..=20).contains(&century) {
        return None;
    }
    let y = num_val(rest)? as i32;
    if !(10..100).contains(&y) {
        return None;
    }
    Some(century as i32 * 100 + y)
}

/// Regex alternation of spoken years.
pub const SPOKEN_YEAR: &str = r"(?:(?:nineteen|eighteen) (?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|two thousand(?: and (?:one|two|three|four|five|six|seven|eight|nine))?)";

/// Regex alternation of numbers usable as quantities.
pub const NUM: &str = r"(?:\d+(?:\.\d+)?(?: 1/2)?|\d{1,3}(?:,\d{3})+|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a couple of|a few|a dozen|a hundred|one hundred|several|a|an|many|some|few)";

pub const MONTH: &str = r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.|(?:Jan|Feb|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b)";

/// Number words (no articles), for hyphenated adjectives like "two-year".
pub const NUMW: &str = r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)";

/// Duration units.
pub const UNITS: &str = r"(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century|quarters?|weekends?|fiscal years?|calendar years?)";

pub const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_years() {
        let cases: &[(&str, Option<f64>)] = &[
            ("three", Some(3.0)),
            ("twenty-four", Some(24.0)),
            ("2 1/2", Some(2.5)),
            ("a", Some(1.0)),
            ("several", None),
            ("1,000", Some(1000.0)),
        ];
        for (s, v) in cases {
            assert_eq!(num_val(s), *v, "{s}");
        }
        assert_eq!(year_val("nineteen ninety-six"), Some(1996));
        assert_eq!(year_val("two thousand"), Some(2000));
        assert_eq!(year_val("1998"), Some(1998));
        assert_eq!(month_num("Sept."), Some(9));
        assert_eq!(weekday_num("Sunday"), Some(7));
    }
}

//! Table-driven tests of the tagger (DCT 2023-04-02 is a Sunday, 2023-04-04 a Tuesday).

use super::*;
use crate::model::{DateSpan, PartialDate};

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn run(text: &str, dct: NaiveDate) -> Vec<Timex> {
    tag(text, dct, &Options::default())
}

/// (text, dct, expected [(extent, value)])
type Case<'a> = (&'a str, NaiveDate, &'a [(&'a str, &'a str)]);

#[test]
fn values_table() {
    let sun = d(2023, 4, 2);
    let tue = d(2023, 4, 4);
    let cases: &[Case] = &[
        (
            "The minister spoke on Sunday.",
            tue,
            &[("Sunday", "2023-04-02")],
        ),
        (
            "The minister spoke on Sunday.",
            sun,
            &[("Sunday", "2023-04-02")],
        ),
        ("He will visit on Friday.", tue, &[("Friday", "2023-04-07")]),
        ("Prices rose last month.", sun, &[("last month", "2023-03")]),
        ("Talks were held in March.", sun, &[("March", "2023-03")]),
        ("Exports fell this year.", sun, &[("this year", "2023")]),
        (
            "The talks will resume next week.",
            sun,
            &[("next week", "2023-W15")],
        ),
        (
            "Tensions have risen since December 2019.",
            sun,
            &[("December 2019", "2019-12")],
        ),
        (
            "It signed the deal on April 2, 2023.",
            tue,
            &[("April 2, 2023", "2023-04-02")],
        ),
        (
            "It signed the deal on 2 April 2023.",
            tue,
            &[("2 April 2023", "2023-04-02")],
        ),
        (
            "It signed on Apr. 2 in Tokyo.",
            tue,
            &[("Apr. 2", "2023-04-02")],
        ),
        (
            "It was signed on 2023-04-02.",
            tue,
            &[("2023-04-02", "2023-04-02")],
        ),
        (
            "It was signed on 4/2/2023.",
            tue,
            &[("4/2/2023", "2023-04-02")],
        ),
        (
            "The ban was imposed May 5.",
            sun,
            &[("May 5", "2022-05-05")],
        ),
        (
            "The ban will take effect May 5.",
            sun,
            &[("May 5", "2023-05-05")],
        ),
        (
            "Results for fiscal 1998 were weak.",
            sun,
            &[("fiscal 1998", "1998")],
        ),
        (
            "Profit rose in the first quarter.",
            sun,
            &[("the first quarter", "2023-Q1")],
        ),
        (
            "Third-quarter profit rose.",
            sun,
            &[("Third-quarter", "2023-Q3")],
        ),
        (
            "Growth was strong in the 1990s.",
            sun,
            &[("the 1990s", "199")],
        ),
        (
            "It happened in the mid-1990s.",
            sun,
            &[("the mid-1990s", "199")],
        ),
        (
            "It closed two years ago.",
            sun,
            &[("two years ago", "2021")],
        ),
        ("The strike ended today.", sun, &[("today", "2023-04-02")]),
        (
            "The strike ended yesterday.",
            sun,
            &[("yesterday", "2023-04-01")],
        ),
        ("Prices are rising now.", sun, &[("now", "PRESENT_REF")]),
        ("Prices rose recently.", sun, &[("recently", "PAST_REF")]),
        (
            "The talks lasted three days.",
            sun,
            &[("three days", "P3D")],
        ),
        ("The talks lasted a year.", sun, &[("a year", "P1Y")]),
        ("It took several months.", sun, &[("several months", "PXM")]),
        (
            "They meet every Monday.",
            sun,
            &[("every Monday", "XXXX-WXX-1")],
        ),
        ("Reports are filed annually.", sun, &[("annually", "P1Y")]),
        (
            "It happened in late March.",
            sun,
            &[("late March", "2023-03")],
        ),
        ("Sales rose last fall.", sun, &[("last fall", "2022-FA")]),
        (
            "It will be ready this summer.",
            sun,
            &[("this summer", "2023-SU")],
        ),
        (
            "Troops arrived at 10 a.m. Tuesday.",
            tue,
            &[("10 a.m. Tuesday", "2023-04-04T10:00")],
        ),
        (
            "It rose sharply earlier this month.",
            sun,
            &[("earlier this month", "2023-04")],
        ),
        (
            "In the 20th century, things changed.",
            sun,
            &[("the 20th century", "19")],
        ),
        (
            "Qin said on Monday that Japan detained him last week.",
            tue,
            &[("Monday", "2023-04-03"), ("last week", "2023-W13")],
        ),
        (
            "The accord was signed on March 3, 2020. A week earlier, talks had stalled.",
            sun,
            &[
                ("March 3, 2020", "2020-03-03"),
                ("A week earlier", "2020-W09"),
            ],
        ),
        (
            "The accord was signed on March 3, 2020. The next day, troops left.",
            sun,
            &[
                ("March 3, 2020", "2020-03-03"),
                ("The next day", "2020-03-04"),
            ],
        ),
        (
            "The accord was signed on March 3, 2020. The day before, talks stalled.",
            sun,
            &[
                ("March 3, 2020", "2020-03-03"),
                ("The day before", "2020-03-02"),
            ],
        ),
        (
            "Troops left on March 3, 2020, a day after the previous day was calm.",
            sun,
            &[
                ("March 3, 2020", "2020-03-03"),
                ("the previous day", "2020-03-02"),
            ],
        ),
        ("Growth will slow by 2030.", sun, &[("2030", "2030")]),
        ("Growth since 2019 was slow.", sun, &[("2019", "2019")]),
        ("The budget for FY2023 was cut.", sun, &[("FY2023", "2023")]),
        (
            "Payments are due Sept 30.",
            sun,
            &[("Sept 30", "2023-09-30")],
        ),
        (
            "The 2019-20 season was cancelled.",
            sun,
            &[("2019-20", "2019")],
        ),
        (
            "The meeting was held on the weekend.",
            sun,
            &[("the weekend", "2023-W13-WE")],
        ),
        (
            "Sales rose in the third quarter of 2019.",
            sun,
            &[("the third quarter of 2019", "2019-Q3")],
        ),
        (
            "He was born in the winter of 1994.",
            sun,
            &[("the winter of 1994", "1994-WI")],
        ),
        (
            "The company said it would sell shares daily.",
            sun,
            &[("daily", "P1D")],
        ),
        (
            "They met for more than four hours.",
            sun,
            &[("more than four hours", "PT4H")],
        ),
        (
            "Elections are held every four years.",
            sun,
            &[("every four years", "P4Y")],
        ),
        (
            "It happened four years ago.",
            sun,
            &[("four years ago", "2019")],
        ),
        (
            "The talks lasted two and a half years.",
            sun,
            &[("two and a half years", "P2Y6M")],
        ),
        (
            "Exports fell last quarter.",
            sun,
            &[("last quarter", "2023-Q1")],
        ),
        (
            "Exports fell in the latest quarter.",
            sun,
            &[("the latest quarter", "2023-Q1")],
        ),
        (
            "The shop opened at 9:30 a.m. yesterday.",
            sun,
            &[("9:30 a.m. yesterday", "2023-04-01T09:30")],
        ),
        (
            "The past is the past.",
            sun,
            &[("The past", "PAST_REF"), ("the past", "PAST_REF")],
        ),
        (
            "In the future, prices will rise.",
            sun,
            &[("the future", "FUTURE_REF")],
        ),
        (
            "Nineteen ninety-six was a bad year.",
            sun,
            &[("Nineteen ninety-six", "1996")],
        ),
        (
            "It was signed on Christmas Day.",
            sun,
            &[("Christmas Day", "2022-12-25")],
        ),
        (
            "Hard-wrapped: in\n    April 1998 they met.",
            sun,
            &[("April 1998", "1998-04")],
        ),
        (
            "It was signed in\n  April\n   1998.",
            sun,
            &[("April\n   1998", "1998-04")],
        ),
    ];
    for (text, dct, want) in cases {
        let got = run(text, *dct);
        let got: Vec<(&str, &str)> = got
            .iter()
            .map(|t| (t.text.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(&got, want, "{text}");
    }
}

#[test]
fn hard_wrapped_extent_keeps_original_offsets() {
    let text = "Talks resumed on Oct.\n     23, 1998, in Paris.";
    let got = run(text, d(1998, 10, 30));
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].text, "Oct.\n     23, 1998");
    assert_eq!(got[0].value, "1998-10-23");
    assert_eq!(&text[got[0].start..got[0].end], got[0].text);
}

#[test]
fn no_false_dates() {
    let sun = d(2023, 4, 2);
    for text in [
        "The shop sold 23 items.",
        "The deal was worth $747 million.",
        "Leaders of the G7 met.",
        "The G20 summit and COVID-19 rules.",
        "Call 555-1234 now or 2,000 people will leave.",
        "They shipped 2019 tons of steel.",
        "Some 1,500 troops were sent.",
        "Boeing 747 jets landed.",
        "Beijing may retaliate against the sanctions.",
        "Thousands joined a march in the capital.",
        "The Sunday Times reported the story.",
        "Unemployment hit 5.5%.",
    ] {
        let got: Vec<_> = run(text, sun)
            .into_iter()
            .filter(|t| t.value != "PRESENT_REF")
            .collect();
        assert!(got.is_empty(), "{text}: {got:?}");
    }
}

#[test]
fn days_after_has_no_day_date() {
    let got = run(
        "The sanctions came just days after the vote.",
        d(2023, 4, 2),
    );
    assert!(
        got.iter()
            .all(|t| t.span.is_none_or(|s| s.start.day.is_none())),
        "{got:?}"
    );
}

#[test]
fn spans_and_anchoring() {
    let sun = d(2023, 4, 2);
    let one = |text: &str| run(text, sun).into_iter().next().unwrap();
    let next_week = one("They will meet next week.");
    assert_eq!(next_week.value, "2023-W15");
    assert_eq!(
        next_week.span,
        Some(DateSpan {
            start: PartialDate::day(2023, 4, 10),
            end: Some(PartialDate::day(2023, 4, 16))
        })
    );
    assert!(next_week.anchored);
    let this_week = one("They met this week.");
    assert_eq!(
        this_week.span,
        Some(DateSpan {
            start: PartialDate::day(2023, 3, 27),
            end: Some(PartialDate::day(2023, 4, 2))
        })
    );
    let since = one("Tensions have risen since December 2019.");
    assert_eq!(
        since.span,
        Some(DateSpan::single(PartialDate::month(2019, 12)))
    );
    assert!(!since.anchored);
    let q = one("Profit rose in the first quarter.");
    assert_eq!(
        q.span,
        Some(DateSpan {
            start: PartialDate::month(2023, 1),
            end: Some(PartialDate::month(2023, 3))
        })
    );
    let dec = one("Growth was strong in the 1990s.");
    assert_eq!(
        dec.span,
        Some(DateSpan {
            start: PartialDate::year(1990),
            end: Some(PartialDate::year(1999))
        })
    );
    let range = one("Talks ran March 3-5.");
    assert_eq!(range.text, "March 3-5");
    assert_eq!(
        range.span,
        Some(DateSpan {
            start: PartialDate::day(2023, 3, 3),
            end: Some(PartialDate::day(2023, 3, 5))
        })
    );
    let between = one("Talks ran between May and July.");
    assert_eq!(between.text, "May and July");
    assert_eq!(
        between.span,
        Some(DateSpan {
            start: PartialDate::month(2023, 5),
            end: Some(PartialDate::month(2023, 7))
        })
    );
    let years = one("He served from 2019 to 2021.");
    assert_eq!(
        years.span,
        Some(DateSpan {
            start: PartialDate::year(2019),
            end: Some(PartialDate::year(2021))
        })
    );
    let years = one("He served 2017 to 2021.");
    assert_eq!(years.text, "2017 to 2021");
    let late = one("It happened in late March.");
    assert_eq!(late.modifier.as_deref(), Some("END"));
    assert_eq!(
        late.span,
        Some(DateSpan::single(PartialDate::month(2023, 3)))
    );
    assert!(one("Prices are rising now.").span.is_none());
    assert!(one("The talks lasted three days.").span.is_none());
    assert!(!one("It was 2019.").anchored);
}

#[test]
fn day_first_option() {
    let opts = Options { day_first: true };
    let got = tag("Signed on 4/2/2023.", d(2023, 4, 4), &opts);
    assert_eq!(got[0].value, "2023-02-04");
}

#[test]
fn kinds_serialize_upper() {
    assert_eq!(
        serde_json::to_string(&TimexKind::Duration).unwrap(),
        "\"DURATION\""
    );
    assert_eq!(TimexKind::Set.to_string(), "SET");
}

#[test]
fn never_panics_and_offsets_on_char_boundaries() {
    let nasty = [
        "",
        " ",
        "\n\n\t",
        "Tokyo\u{2019}s \u{201c}new\u{201d} controls on 2 April 2023 \u{2014} \u{65e5}\u{672c}",
        "\u{65e5}\u{672c} May 5 \u{65e5} 1999\u{2019}s last\u{00a0}week",
        "9999-99-99 99/99/9999 Feb 30 February 29, 2023 0000",
        "the the the 12345678901234567890 years ago",
        "Q9 FY99999 mid-99999s 1e10 days",
        "\u{0}\u{1}\u{ffff} Monday\u{200b}Tuesday",
        "last last last week week",
        "999999999999999999999 days ago and 99999 centuries later",
        "March\r\n 3-2, 2020 and 31/31/31",
        "emoji \u{1f600} yesterday \u{1f600}",
    ];
    for dct in [
        d(2023, 4, 2),
        d(1, 1, 1),
        d(9999, 12, 31),
        NaiveDate::MIN,
        NaiveDate::MAX,
    ] {
        for text in nasty {
            for t in run(text, dct) {
                assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
                assert!(t.start < t.end && t.end <= text.len());
                assert_eq!(&text[t.start..t.end], t.text);
            }
        }
    }
    // arbitrary bytes turned into strings
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    for _ in 0..300 {
        let mut bytes = Vec::new();
        for _ in 0..64 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let alphabet = b" 0123456789/-.,:MayJunAprilweekdaysago\xe2\x80\x99\xc3";
            bytes.push(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let s = String::from_utf8_lossy(&bytes).into_owned();
        for t in run(&s, d(2023, 4, 4)) {
            assert_eq!(&s[t.start..t.end], t.text);
        }
    }
}

#[test]
fn sorted_non_overlapping() {
    let text =
        "On Friday, March 3, 2023, and last week and next year, a 3-day talk lasted 2 weeks.";
    let got = run(text, d(2023, 4, 2));
    for w in got.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
}

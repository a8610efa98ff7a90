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
        // a quote closed by a typographic mark ends its sentence: its "will" is not the tense
        // of the next one
        (
            "He said: \u{201c}We will stay.\u{201d} On Friday, he left.",
            tue,
            &[("Friday", "2023-03-31")],
        ),
        (
            "He said: \u{201c}We will stay.\u{201d}\nOn Friday, he left.",
            tue,
            &[("Friday", "2023-03-31")],
        ),
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
    // worded ranges are two expressions (TimeML tags each end); each keeps its own span
    let sun = d(2023, 4, 2);
    let split: &[(&str, &[(&str, &str)])] = &[
        (
            "Talks were held between May and July.",
            &[("May", "2022-05"), ("July", "2022-07")],
        ),
        (
            "He served from 2019 to 2021.",
            &[("2019", "2019"), ("2021", "2021")],
        ),
        (
            "He served 2017 to 2021.",
            &[("2017", "2017"), ("2021", "2021")],
        ),
        (
            "Attacks between 1994 and 1997 were solved.",
            &[("1994", "1994"), ("1997", "1997")],
        ),
    ];
    for (text, want) in split {
        let got: Vec<(String, String)> = run(text, sun)
            .into_iter()
            .map(|t| (t.text, t.value))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        assert_eq!(got, want, "{text}");
    }
    let y2021 = &run("He served from 2019 to 2021.", sun)[1];
    assert_eq!(y2021.span, Some(DateSpan::single(PartialDate::year(2021))));
    let hyphen = one("He served in 2017-19.");
    assert_eq!(
        hyphen.span,
        Some(DateSpan {
            start: PartialDate::year(2017),
            end: Some(PartialDate::year(2019))
        })
    );
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

/// Rules added for TimeML value conventions (round 3). DCT 1989-10-26 is a Thursday.
#[test]
fn timeml_conventions_table() {
    let dct = d(1989, 10, 26);
    let cases: &[(&str, &[(&str, &str)])] = &[
        // "the quarter ended <date>" without an ordinal: a quarter known by its end only
        (
            "For the quarter ended Sept. 30, Delta posted net income of $133 million.",
            &[("the quarter", "1989-QX"), ("Sept. 30", "1989-09-30")],
        ),
        // ... unless the reporting quarter named before ends that month
        (
            "It reported a third-quarter loss. It had a loss for the quarter ended Sept. 30.",
            &[
                ("third-quarter", "1989-Q3"),
                ("the quarter", "1989-Q3"),
                ("Sept. 30", "1989-09-30"),
            ],
        ),
        // anaphoric "the quarter" after a fiscal quarter known by its end
        (
            "For the quarter ended July 31, sales rose. During the quarter, it hired staff.",
            &[
                ("the quarter", "1989-QX"),
                ("July 31", "1989-07-31"),
                ("the quarter", "1989-QX"),
            ],
        ),
        // the year-ago quarter is the reporting quarter a year back, whatever came just before
        (
            "Its third-quarter loss was $9 million for the quarter ended Sept. 30. It earned \
             $10 million in the year-ago quarter.",
            &[
                ("third-quarter", "1989-Q3"),
                ("the quarter", "1989-Q3"),
                ("Sept. 30", "1989-09-30"),
                ("the year-ago quarter", "1988-Q3"),
            ],
        ),
        (
            "Third-quarter net fell. Results compare with net income for the corresponding \
             period last year.",
            &[
                ("Third-quarter", "1989-Q3"),
                ("the corresponding period last year", "1988-Q3"),
            ],
        ),
        (
            "Third-quarter sales fell. Last year, sales rose. Sales for last year's quarter \
             were $3 million.",
            &[
                ("Third-quarter", "1989-Q3"),
                ("Last year", "1988"),
                ("last year's quarter", "1988-Q3"),
            ],
        ),
        (
            "Third-quarter profit fell. For the quarter a year ago, it earned $16 million.",
            &[
                ("Third-quarter", "1989-Q3"),
                ("the quarter a year ago", "1988-Q3"),
            ],
        ),
        // "a year earlier" after a stretch ("the nine months"): the year before the DCT's
        (
            "Its third-quarter net rose. For the nine months, net was $48 million, compared \
             with $50 million a year earlier.",
            &[
                ("third-quarter", "1989-Q3"),
                ("the nine months", "P9M"),
                ("a year earlier", "1988"),
            ],
        ),
        (
            "Third-quarter net rose. In the first nine months, net fell from the 1988 period.",
            &[
                ("Third-quarter", "1989-Q3"),
                ("the first nine months", "P9M"),
                ("the 1988 period", "1988"),
            ],
        ),
        // a comparison with "last year" right after "the latest quarter": that quarter
        (
            "In the latest quarter, Aetna had a loss, compared with earnings last year.",
            &[("the latest quarter", "1989-Q3"), ("last year", "1988-Q3")],
        ),
        (
            "It reported fourth-quarter results. Sales in the latest period rose 13% from \
             last year's $1.5 billion.",
            &[
                ("fourth-quarter", "1989-Q4"),
                ("the latest period", "1989-Q4"),
                ("last year", "1988-Q4"),
            ],
        ),
        // ... but not across a sentence
        (
            "Sales in the latest quarter rose. Last year the company was sold.",
            &[("the latest quarter", "1989-Q3"), ("Last year", "1988")],
        ),
        (
            "It reported a third-quarter loss. This quarter's loss includes charges.",
            &[("third-quarter", "1989-Q3"), ("This quarter", "1989-Q3")],
        ),
        // "the week" leaves the week open; "this week" stays an ISO week
        (
            "For the week, the index rose. This week it fell.",
            &[("the week", "1989-WXX"), ("This week", "1989-W43")],
        ),
        // "Wednesday evening" keeps its part of day; night and morning give the day
        (
            "The talks ended Wednesday evening and resumed Tuesday night.",
            &[
                ("Wednesday evening", "1989-10-25TEV"),
                ("Tuesday night", "1989-10-24"),
            ],
        ),
        // vague past and future stretches
        (
            "Prices rose in recent years and may fall in coming quarters.",
            &[
                ("recent years", "PAST_REF"),
                ("coming quarters", "FUTURE_REF"),
            ],
        ),
        (
            "Profits fell over the past several quarters and may rise in the near term.",
            &[
                ("the past several quarters", "PAST_REF"),
                ("the near term", "FUTURE_REF"),
            ],
        ),
        (
            "It hurt us in the short term.",
            &[("the short term", "FUTURE_REF")],
        ),
        // "yesterday's announcement" is the day; "today's youth" is not
        (
            "Shareholders responded coolly to yesterday's announcement.",
            &[("yesterday", "1989-10-25")],
        ),
        (
            "The offer was advertised in today's editions of the Journal.",
            &[("today", "1989-10-26")],
        ),
        ("Today's youth want jobs.", &[]),
        // worded ranges are two expressions
        (
            "Prices fell between 1985 and 1987.",
            &[("1985", "1985"), ("1987", "1987")],
        ),
        // irregular past forms are weak markers: "will be paid Dec. 14" stays ahead
        (
            "The dividend will be paid Dec. 14 to holders.",
            &[("Dec. 14", "1989-12-14")],
        ),
    ];
    for (text, want) in cases {
        let got = run(text, dct);
        let got: Vec<(&str, &str)> = got
            .iter()
            .map(|t| (t.text.as_str(), t.value.as_str()))
            .collect();
        assert_eq!(&got, want, "{text}");
    }
}

/// The calendar span stays exact whatever TIMEX3 value string the convention asks for.
#[test]
fn convention_values_keep_spans() {
    let dct = d(1989, 10, 26);
    let span = |text: &str, extent: &str| {
        run(text, dct)
            .into_iter()
            .find(|t| t.text == extent)
            .and_then(|t| t.span)
    };
    // "the quarter ended July 31": May..July
    assert_eq!(
        span("For the quarter ended July 31, sales rose.", "the quarter"),
        Some(DateSpan {
            start: PartialDate::month(1989, 5),
            end: Some(PartialDate::month(1989, 7))
        })
    );
    // its year-ago counterpart: May..July of the year before
    assert_eq!(
        span(
            "For the quarter ended July 31, sales rose. The year-ago quarter was weak.",
            "The year-ago quarter"
        ),
        Some(DateSpan {
            start: PartialDate::month(1988, 5),
            end: Some(PartialDate::month(1988, 7))
        })
    );
    // "the week" (value 1989-WXX): Monday .. the DCT
    assert_eq!(
        span("For the week, the index rose.", "the week"),
        Some(DateSpan {
            start: PartialDate::day(1989, 10, 23),
            end: Some(PartialDate::day(1989, 10, 26))
        })
    );
    // "Wednesday evening" (value ...TEV): the day
    assert_eq!(
        span("The talks ended Wednesday evening.", "Wednesday evening"),
        Some(DateSpan::single(PartialDate::day(1989, 10, 25)))
    );
    // "last year" read as the year-ago quarter: July..September 1988
    assert_eq!(
        span(
            "In the latest quarter, Aetna had a loss, compared with earnings last year.",
            "last year"
        ),
        Some(DateSpan {
            start: PartialDate::month(1988, 7),
            end: Some(PartialDate::month(1988, 9))
        })
    );
    // a year-ago comparison does not move the narrative date
    let got = run(
        "Net rose in the third quarter from a year earlier. The next day, shares fell.",
        dct,
    );
    let next = got
        .iter()
        .find(|t| t.text == "The next day")
        .map(|t| t.value.as_str());
    assert_eq!(next, Some("1989-10-27"));
}

//! Issue 7: property tests. Arbitrary bytes and text never make an input parser, the
//! publication-date parser, the temporal tagger or the extractor panic.

use chrono::NaiveDate;
use dyad::data::DataFiles;
use dyad::ingest::{self, Format, Item};
use dyad::model::{Article, PubDateBasis};
use dyad::pipeline::Extractor;
use once_cell::sync::Lazy;
use proptest::prelude::*;

static EXTRACTOR: Lazy<Extractor> =
    Lazy::new(|| Extractor::load(&DataFiles::embedded()).expect("built-in data loads"));

const FORMATS: [Format; 5] = [
    Format::Text,
    Format::Json,
    Format::Jsonl,
    Format::Csv,
    Format::Html,
];

/// Bytes that look a little like each format, so the parsers get past their first check.
fn shaped_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..512),
        "[\\[\\]{}\":,a-z0-9 \\\\\n\r\t]{0,200}".prop_map(String::into_bytes),
        "(Title|Date|Id|URL|Source): [^\n]{0,30}\n{0,2}[ -~\u{80}-\u{10ffff}\n\r]{0,200}"
            .prop_map(String::into_bytes),
        "(<[a-z/!]{1,8}( [a-z:-]{1,10}=\"[^\"]{0,20}\")?>|[^<]{0,20}){0,30}"
            .prop_map(String::into_bytes),
        "(id,text,date\n)?([^\n]{0,40}\n){0,10}".prop_map(String::into_bytes),
        ("\\{\"(text|id|date|title|dateline)\": ?\"[^\"\\\\]{0,40}\"(, ?\"date\": ?\"[^\"]{0,20}\")?\\}\n")
            .prop_map(String::into_bytes),
    ]
}

/// News-like text: words, numbers, dates, country names, punctuation.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[A-Za-z]{1,10}",
        "[0-9]{1,6}",
        Just("Japan".to_string()),
        Just("China".to_string()),
        Just("Russian".to_string()),
        Just("U.S.".to_string()),
        Just("Beijing".to_string()),
        Just("protested to".to_string()),
        Just("expelled".to_string()),
        Just("imposed sanctions on".to_string()),
        Just("visited".to_string()),
        Just("met".to_string()),
        Just("on Monday".to_string()),
        Just("last week".to_string()),
        Just("next year".to_string()),
        Just("in March".to_string()),
        Just("31 February 2023".to_string()),
        Just("2023-02-31".to_string()),
        Just("between 3 and 5 April".to_string()),
        Just("TOKYO, March 3 -".to_string()),
        "[.,;:!?()\"'—–\\-/ \n]{1,3}",
        "[\u{80}-\u{10ffff}]{1,3}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

fn article(text: String, pub_date: Option<NaiveDate>) -> Article {
    Article {
        id: 1,
        key: "p".into(),
        title: None,
        text,
        pub_date,
        pub_date_basis: if pub_date.is_some() {
            PubDateBasis::Given
        } else {
            PubDateBasis::Undated
        },
        source: None,
        url: None,
        anchor_date: None,
    }
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (1i32..=9999, 1u32..=366).prop_map(|(y, d)| {
        NaiveDate::from_yo_opt(y, d).unwrap_or_else(|| NaiveDate::from_yo_opt(y, 1).unwrap())
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn every_reader_takes_any_bytes(bytes in shaped_bytes()) {
        for format in FORMATS {
            for item in ingest::read(&bytes[..], format, "p") {
                match item {
                    Item::Article(a) => {
                        prop_assert!(!a.text.trim().is_empty());
                        prop_assert!(a.origin.starts_with('p'));
                    }
                    Item::Warning(p) | Item::Error(p) => {
                        prop_assert!(p.origin.starts_with('p'), "{p}");
                        prop_assert!(!p.message.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn pub_date_parser_takes_any_text(s in "\\PC{0,40}|[0-9 :TZ+/.,-]{0,30}|[A-Za-z0-9 ,:-]{0,30}") {
        if let Some(d) = ingest::parse_pub_date(&s) {
            // a parsed date prints and reads back
            prop_assert_eq!(ingest::parse_pub_date(&d.to_string()), Some(d));
        }
    }

    #[test]
    fn temporal_tagger_takes_any_text(text in newsy_text(), dct in any_date(), day_first in any::<bool>()) {
        let opts = dyad::temporal::Options { day_first };
        for t in dyad::temporal::tag(&text, dct, &opts) {
            let _ = t;
        }
    }

    #[test]
    fn extractor_takes_any_text(text in newsy_text(), dated in any::<bool>(), dct in any_date()) {
        let a = article(text, dated.then_some(dct));
        for e in EXTRACTOR.extract(&a) {
            // spans point into the text
            prop_assert!(e.sentence.end <= a.text.len());
            prop_assert!(a.text.get(e.trigger.start..e.trigger.end).is_some());
        }
    }

    #[test]
    fn extractor_takes_arbitrary_unicode(text in "\\PC{0,300}") {
        let a = article(text, NaiveDate::from_ymd_opt(2023, 4, 2));
        let _ = EXTRACTOR.extract(&a);
    }
}

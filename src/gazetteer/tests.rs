use super::*;
use crate::data::DataFiles;
use chrono::NaiveDate;

fn gaz() -> Gazetteer {
    Gazetteer::load(&DataFiles::embedded()).unwrap()
}

fn codes(g: &Gazetteer, text: &str, date: &str) -> Vec<(String, String)> {
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok();
    g.find(text, d)
        .into_iter()
        .map(|m| (text[m.span.start..m.span.end].to_string(), m.code))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn longest_match_and_word_boundaries() {
    let g = gaz();
    assert_eq!(
        codes(
            &g,
            "South Korea and a woman from Oman met Korean-speaking staff.",
            "2023-01-01"
        ),
        pairs(&[("South Korea", "KR"), ("Oman", "OM")])
    );
    assert_eq!(
        codes(&g, "the People's Republic of China", "2023-01-01"),
        pairs(&[("People's Republic of China", "CN")])
    );
}

#[test]
fn names_adjectives_capitals_and_seats() {
    let g = gaz();
    let got = codes(
        &g,
        "Japanese officials in Tokyo, the Kremlin, Dutch firm ASML and the U.S. and Beijing’s view",
        "2023-01-01",
    );
    assert_eq!(
        got,
        pairs(&[
            ("Japanese", "JP"),
            ("Tokyo", "JP"),
            ("Kremlin", "RU"),
            ("Dutch", "NL"),
            ("ASML", "NL"),
            ("U.S.", "US"),
            ("Beijing", "CN")
        ])
    );
}

#[test]
fn officials_by_date_and_title() {
    let g = gaz();
    // Qin Gang was China's foreign minister in 2023, not in 2021
    assert_eq!(
        codes(&g, "Mr Qin said", "2023-04-02"),
        pairs(&[("Qin", "CN")])
    );
    assert_eq!(codes(&g, "Mr Qin said", "2021-04-02"), pairs(&[]));
    // a bare surname needs a title or an earlier full name
    assert_eq!(codes(&g, "Qin said", "2023-04-02"), pairs(&[]));
    assert_eq!(
        codes(&g, "Qin Gang spoke. Later Qin said", "2023-04-02"),
        pairs(&[("Qin Gang", "CN"), ("Qin", "CN")])
    );
}

#[test]
fn lookup_by_code_or_name() {
    let g = gaz();
    for q in ["JP", "jp", "JPN", "japan", "Japan"] {
        assert_eq!(g.lookup(q).map(|c| c.alpha2.as_str()), Some("JP"), "{q}");
    }
    assert_eq!(
        g.lookup("Netherlands").map(|c| c.alpha2.as_str()),
        Some("NL")
    );
    assert!(g.lookup("Atlantis").is_none());
}

#[test]
fn data_errors_name_file_and_line() {
    let mut files = DataFiles::embedded();
    files.aliases.content = "alias,code,kind\nNippon,JP,name\nAtlantean,XX,adjective\n".into();
    let e = Gazetteer::load(&files).err().unwrap().to_string();
    assert_eq!(e, "data/aliases.csv:3: unknown country code \"XX\"");
    let mut files = DataFiles::embedded();
    files.officials.content =
        "country,role,name,aliases,start,end\nJP,pm,A B,,2020-01-01,\n".into();
    let e = Gazetteer::load(&files).err().unwrap().to_string();
    assert!(
        e.starts_with("data/officials.csv:2: unknown role \"pm\""),
        "{e}"
    );
}

#[test]
fn companies_stand_for_their_country() {
    let g = gaz();
    let ms = g.find("controls aimed at Huawei and ASML", None);
    let got: Vec<(&str, MentionKind)> = ms.iter().map(|m| (m.code.as_str(), m.kind)).collect();
    assert_eq!(
        got,
        vec![("CN", MentionKind::Company), ("NL", MentionKind::Company)]
    );
}

#[test]
fn countries_in_company_names_are_companies() {
    let g = gaz();
    let kinds: Vec<MentionKind> = g
        .find("<Chrysler Canada Ltd> and Japan Airlines met Canada.", None)
        .into_iter()
        .map(|m| m.kind)
        .collect();
    assert_eq!(
        kinds,
        vec![
            MentionKind::Company,
            MentionKind::Company,
            MentionKind::Name
        ]
    );
}

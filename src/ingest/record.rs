//! Field aliases shared by the JSON, JSONL and CSV readers: one record's fields → an article.

use super::decode::normalize_newlines;
use super::{find_dateline, Item, RawArticle};

pub(crate) const ID: &[&str] = &["id", "article_id", "guid", "uuid"];
pub(crate) const TITLE: &[&str] = &["title", "headline"];
pub(crate) const TEXT: &[&str] = &["text", "body", "content", "article", "story"];
pub(crate) const DATE: &[&str] = &[
    "date",
    "pub_date",
    "published",
    "published_at",
    "publication_date",
    "pubdate",
    "datetime",
    "date_published",
    "created_at",
];
pub(crate) const DATELINE: &[&str] = &["dateline"];
pub(crate) const URL: &[&str] = &["url", "link"];
pub(crate) const SOURCE: &[&str] = &["source", "publisher", "outlet", "site"];

/// A field value, whatever the format it came from.
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    Str(&'a str),
    /// A number, as written.
    Num(String),
    /// `null`: absent.
    Null,
    /// A boolean, array or object: "a boolean", "an array", "an object", for messages.
    Other(&'static str),
}

impl<'a> From<&'a serde_json::Value> for Value<'a> {
    fn from(v: &'a serde_json::Value) -> Self {
        match v {
            serde_json::Value::String(s) => Value::Str(s),
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Number(n) => Value::Num(n.to_string()),
            serde_json::Value::Bool(_) => Value::Other("a boolean"),
            serde_json::Value::Array(_) => Value::Other("an array"),
            serde_json::Value::Object(_) => Value::Other("an object"),
        }
    }
}

/// The message for a record without text.
pub(crate) fn no_text() -> String {
    format!("no text (expected one of {})", TEXT.join(", "))
}

/// Builds the items of one record from its `(key, value)` fields, in record order.
///
/// Yields the article (or an error when the text is missing or not a string), preceded
/// by warnings for fields of the wrong type that were ignored.
pub(crate) fn build<'a>(fields: &[(&'a str, Value<'a>)], origin: &str) -> Vec<Item> {
    let mut items = Vec::new();
    // The first alias (in list order) that is present and not empty.
    let find = |aliases: &[&str]| -> Option<(&'a str, Value<'a>)> {
        aliases.iter().find_map(|alias| {
            fields.iter().find_map(|(k, v)| {
                if !k.trim().eq_ignore_ascii_case(alias) {
                    return None;
                }
                match v {
                    Value::Null => None,
                    Value::Str(s) if s.trim().is_empty() => None,
                    _ => Some((*k, v.clone())),
                }
            })
        })
    };
    let text = match find(TEXT) {
        None => return vec![Item::error(origin, no_text())],
        Some((_, Value::Str(s))) => normalize_newlines(s.trim()).into_owned(),
        Some((k, _)) => return vec![Item::error(origin, format!("field '{k}' is not a string"))],
    };
    let mut string = |aliases: &[&str], numbers: bool| -> Option<String> {
        match find(aliases)? {
            (_, Value::Str(s)) => Some(s.trim().to_string()),
            (_, Value::Num(n)) if numbers => Some(n),
            (k, v) => {
                let kind = match v {
                    Value::Num(_) => "a number",
                    Value::Other(kind) => kind,
                    _ => "not a string",
                };
                items.push(Item::warning(
                    origin,
                    format!("field '{k}' is {kind}, not a string; ignored"),
                ));
                None
            }
        }
    };
    let id = string(ID, true);
    let title = string(TITLE, false);
    let date = string(DATE, false);
    let dateline = string(DATELINE, false);
    let url = string(URL, false);
    let source = string(SOURCE, false);
    let dateline = dateline.or_else(|| find_dateline(&text).map(|d| d.text(&text)));
    items.push(Item::Article(RawArticle {
        id,
        title,
        text,
        date,
        dateline,
        url,
        source,
        origin: origin.to_string(),
    }));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(fields: &[(&str, &str)]) -> RawArticle {
        let fields: Vec<(&str, Value)> = fields.iter().map(|&(k, v)| (k, Value::Str(v))).collect();
        match build(&fields, "o").as_slice() {
            [Item::Article(a)] => a.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_alias() {
        type Get = fn(&RawArticle) -> Option<String>;
        let lists: [(&[&str], Get); 7] = [
            (ID, |a| a.id.clone()),
            (TITLE, |a| a.title.clone()),
            (TEXT, |a| Some(a.text.clone())),
            (DATE, |a| a.date.clone()),
            (DATELINE, |a| a.dateline.clone()),
            (URL, |a| a.url.clone()),
            (SOURCE, |a| a.source.clone()),
        ];
        for (aliases, get) in lists {
            for alias in aliases {
                for key in [alias.to_string(), alias.to_uppercase()] {
                    let mut fields = vec![(key.as_str(), " value ")];
                    if !TEXT.contains(alias) {
                        fields.push(("text", "body"));
                    }
                    assert_eq!(get(&article(&fields)).as_deref(), Some("value"), "{key}");
                }
            }
        }
    }

    #[test]
    fn first_alias_wins_and_empty_is_absent() {
        let a = article(&[
            ("body", "second"),
            ("text", "first"),
            ("headline", "H"),
            ("Title", "T"),
        ]);
        assert_eq!(a.text, "first");
        assert_eq!(a.title.as_deref(), Some("T"));
        let a = article(&[
            ("text", "  "),
            ("body", "b"),
            ("title", ""),
            ("headline", "H"),
        ]);
        assert_eq!(a.text, "b");
        assert_eq!(a.title.as_deref(), Some("H"));
        let a = article(&[("text", "x"), ("title", "")]);
        assert_eq!(a.title, None);
    }

    #[test]
    fn errors_and_warnings() {
        let msg = |items: Vec<Item>| -> Vec<String> {
            items
                .into_iter()
                .map(|i| match i {
                    Item::Article(a) => format!("article {}", a.text),
                    Item::Warning(p) => format!("warning {p}"),
                    Item::Error(p) => format!("error {p}"),
                })
                .collect()
        };
        type Fields<'a> = Vec<(&'a str, Value<'a>)>;
        let cases: Vec<(Fields, Vec<&str>)> = vec![
            (
                vec![],
                vec!["error o: no text (expected one of text, body, content, article, story)"],
            ),
            (
                vec![("text", Value::Str(" "))],
                vec!["error o: no text (expected one of text, body, content, article, story)"],
            ),
            (
                vec![("text", Value::Null)],
                vec!["error o: no text (expected one of text, body, content, article, story)"],
            ),
            (
                vec![("text", Value::Other("an object"))],
                vec!["error o: field 'text' is not a string"],
            ),
            (
                vec![("Body", Value::Num("3".into()))],
                vec!["error o: field 'Body' is not a string"],
            ),
            (
                vec![("text", Value::Str("x")), ("id", Value::Num("42".into()))],
                vec!["article x"],
            ),
            (
                vec![
                    ("text", Value::Str("x")),
                    ("title", Value::Other("an array")),
                ],
                vec![
                    "warning o: field 'title' is an array, not a string; ignored",
                    "article x",
                ],
            ),
            (
                vec![
                    ("text", Value::Str("x")),
                    ("date", Value::Num("20230402".into())),
                ],
                vec![
                    "warning o: field 'date' is a number, not a string; ignored",
                    "article x",
                ],
            ),
        ];
        for (fields, want) in cases {
            assert_eq!(msg(build(&fields, "o")), want, "{fields:?}");
        }
    }

    #[test]
    fn number_id_and_crlf_body() {
        let items = build(
            &[
                ("id", Value::Num("7".into())),
                ("text", Value::Str("a\r\nb\r\n")),
            ],
            "o",
        );
        let Item::Article(a) = &items[0] else {
            panic!()
        };
        assert_eq!(a.id.as_deref(), Some("7"));
        assert_eq!(a.text, "a\nb");
    }

    #[test]
    fn dateline_from_field_or_text() {
        let a = article(&[
            ("text", "TOKYO, March 3 - Japan said"),
            ("dateline", "OSAKA, March 2"),
        ]);
        assert_eq!(a.dateline.as_deref(), Some("OSAKA, March 2"));
        let a = article(&[("text", "TOKYO, March 3 - Japan said")]);
        assert_eq!(a.dateline.as_deref(), Some("TOKYO, March 3"));
        let a = article(&[("text", "Japan said on Sunday")]);
        assert_eq!(a.dateline, None);
    }
}

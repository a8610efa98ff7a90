//! Plain text and Markdown: optional `Key: value` header lines, a blank line, the body.

use once_cell::sync::Lazy;
use regex::Regex;

use super::decode::normalize_newlines;
use super::{find_dateline, Item, RawArticle};

static HEADER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?i)^(title|date|source|url|id)[\t ]*:[\t ]*(.*)$").expect("header regex")
});

/// Parses one decoded text file into one article (or an error).
pub(crate) fn parse(input: &str, name: &str) -> Item {
    let input = normalize_newlines(input);
    let mut a = RawArticle {
        origin: name.to_string(),
        ..RawArticle::default()
    };
    let mut rest = input.trim_start_matches(['\n', ' ', '\t']);
    // Header lines, only if the very first line is one.
    if rest
        .lines()
        .next()
        .is_some_and(|l| HEADER.is_match(l.trim_end()))
    {
        loop {
            let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
            let Some(c) = HEADER.captures(line.trim_end()) else {
                break;
            };
            let value = c[2].trim();
            let slot = match c[1].to_ascii_lowercase().as_str() {
                "title" => &mut a.title,
                "date" => &mut a.date,
                "source" => &mut a.source,
                "url" => &mut a.url,
                _ => &mut a.id,
            };
            if !value.is_empty() && slot.is_none() {
                *slot = Some(value.to_string());
            }
            rest = after;
            if rest.is_empty() {
                break;
            }
        }
    }
    let mut body = rest.trim();
    // Markdown: a first `# Heading` is the title when there is no Title header.
    if a.title.is_none() {
        let (first, after) = body.split_once('\n').unwrap_or((body, ""));
        if let Some(h) = first.strip_prefix("# ") {
            let h = h.trim().trim_end_matches('#').trim();
            if !h.is_empty() {
                a.title = Some(h.to_string());
                body = after.trim();
            }
        }
    }
    if body.is_empty() {
        return Item::error(name, "no text after the header lines");
    }
    a.text = body.to_string();
    a.dateline = find_dateline(&a.text).map(|d| d.text(&a.text));
    Item::Article(a)
}

#[cfg(test)]
mod tests {
    use super::super::tests::read_all;
    use super::super::Format;
    use super::*;

    fn article(input: &str) -> RawArticle {
        match parse(input, "story.txt") {
            Item::Article(a) => a,
            other => panic!("{input:?}: {other:?}"),
        }
    }

    #[test]
    fn headers_and_bodies() {
        struct Case {
            input: &'static str,
            title: Option<&'static str>,
            date: Option<&'static str>,
            source: Option<&'static str>,
            url: Option<&'static str>,
            id: Option<&'static str>,
            text: &'static str,
        }
        let base = Case {
            input: "",
            title: None,
            date: None,
            source: None,
            url: None,
            id: None,
            text: "",
        };
        let cases = [
            Case {
                input: "Just a body.\nTwo lines.\n",
                text: "Just a body.\nTwo lines.",
                ..base
            },
            Case {
                input:
                    "Title: Talks\nDate: 2023-04-02\nSource: ST\nURL: http://x\nId: 7\n\nBody here.",
                title: Some("Talks"),
                date: Some("2023-04-02"),
                source: Some("ST"),
                url: Some("http://x"),
                id: Some("7"),
                text: "Body here.",
            },
            Case {
                input: "date:2023-04-02\nTITLE :  Talks  \n\nBody.",
                title: Some("Talks"),
                date: Some("2023-04-02"),
                text: "Body.",
                ..base
            },
            Case {
                input: "Title: A\r\nDate: 2023-04-02\r\n\r\nLine one\r\nLine two\r\n",
                title: Some("A"),
                date: Some("2023-04-02"),
                text: "Line one\nLine two",
                ..base
            },
            // Header block ended by a non-header line instead of a blank one.
            Case {
                input: "Title: A\nBody starts here.",
                title: Some("A"),
                text: "Body starts here.",
                ..base
            },
            // Not a header on the first line: everything is body.
            Case {
                input: "Hello\nTitle: no\n\nx",
                text: "Hello\nTitle: no\n\nx",
                ..base
            },
            Case {
                input: "# Heading\n\nBody text.",
                title: Some("Heading"),
                text: "Body text.",
                ..base
            },
            Case {
                input: "Title: T\n\n# Heading\nBody",
                title: Some("T"),
                text: "# Heading\nBody",
                ..base
            },
            Case {
                input: "## Sub\nBody",
                text: "## Sub\nBody",
                ..base
            },
            Case {
                input: "\n\nTitle: T\n\nBody",
                title: Some("T"),
                text: "Body",
                ..base
            },
        ];
        for c in cases {
            let a = article(c.input);
            assert_eq!(a.title.as_deref(), c.title, "{:?}", c.input);
            assert_eq!(a.date.as_deref(), c.date, "{:?}", c.input);
            assert_eq!(a.source.as_deref(), c.source, "{:?}", c.input);
            assert_eq!(a.url.as_deref(), c.url, "{:?}", c.input);
            assert_eq!(a.id.as_deref(), c.id, "{:?}", c.input);
            assert_eq!(a.text, c.text, "{:?}", c.input);
            assert_eq!(a.origin, "story.txt");
        }
    }

    #[test]
    fn dateline_from_body() {
        let a = article("Title: T\n\nTOKYO, March 3 - Japan said on Sunday");
        assert_eq!(a.dateline.as_deref(), Some("TOKYO, March 3"));
        let a = article("Japan said on Sunday that");
        assert_eq!(a.dateline, None);
    }

    #[test]
    fn errors() {
        for input in ["Title: T\n\n", "Title: T\nDate: x", "# Heading\n"] {
            assert_eq!(
                parse(input, "s.md"),
                Item::error("s.md", "no text after the header lines"),
                "{input:?}"
            );
        }
    }

    #[test]
    fn decoding_through_read() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Title: Ōsaka\r\n\r\nBody ✓\r\n".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        let items = read_all(&le, Format::Text, "u16.txt");
        let [Item::Article(a)] = items.as_slice() else {
            panic!("{items:?}")
        };
        assert_eq!(
            (a.title.as_deref(), a.text.as_str()),
            (Some("Ōsaka"), "Body ✓")
        );

        let items = read_all(b"\xEF\xBB\xBFTitle: T\n\nB\xFFody", Format::Text, "bad.txt");
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0],
            Item::warning(
                "bad.txt",
                "invalid UTF-8 replaced (first bad byte at offset 14)"
            )
        );
        let Item::Article(a) = &items[1] else {
            panic!()
        };
        assert_eq!(a.text, "B\u{FFFD}ody");
    }
}

//! JSON (one object or an array of objects) and JSON Lines (one object a line).
//!
//! Nesting is bounded by serde_json's recursion limit (128), so a deeply nested input
//! is an error, never a stack overflow.

use std::collections::VecDeque;
use std::io::BufRead;

use serde_json::{Map, Value};

use super::record::{self, build};
use super::{parse_bytes, Format, Item, Items};

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn object(map: &Map<String, Value>, origin: &str) -> Vec<Item> {
    let fields: Vec<(&str, record::Value)> =
        map.iter().map(|(k, v)| (k.as_str(), v.into())).collect();
    build(&fields, origin)
}

fn invalid(e: &serde_json::Error) -> String {
    let mut msg = format!("not valid JSON: {e}");
    if e.to_string().starts_with("trailing characters") {
        msg.push_str(" (one object a line is JSON Lines: use .jsonl)");
    }
    msg
}

/// Parses a whole decoded `.json` input.
pub(crate) fn parse_json(text: &str, name: &str) -> Vec<Item> {
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return vec![Item::error(name, invalid(&e))],
    };
    match value {
        Value::Object(map) => object(&map, name),
        Value::Array(records) => records
            .iter()
            .enumerate()
            .flat_map(|(i, v)| {
                let origin = format!("{name} record {}", i + 1);
                match v {
                    Value::Object(map) => object(map, &origin),
                    other => vec![Item::error(
                        origin,
                        format!("not a JSON object (found {})", kind(other)),
                    )],
                }
            })
            .collect(),
        other => vec![Item::error(
            name,
            format!(
                "expected a JSON object or an array of objects, found {}",
                kind(&other)
            ),
        )],
    }
}

/// Reads JSON Lines one line at a time.
pub(crate) fn read_jsonl<'a, R: BufRead + 'a>(reader: R, name: String) -> Items<'a> {
    Box::new(Jsonl {
        reader,
        name,
        line: 0,
        buf: Vec::new(),
        pending: VecDeque::new(),
        delegate: None,
        records: 0,
        done: false,
    })
}

struct Jsonl<'a, R> {
    reader: R,
    name: String,
    line: usize,
    buf: Vec<u8>,
    pending: VecDeque<Item>,
    /// A UTF-16 input, decoded whole and read from memory.
    delegate: Option<Items<'a>>,
    /// Non-blank lines seen.
    records: usize,
    done: bool,
}

impl<R: BufRead> Jsonl<'_, R> {
    /// Reads lines until one yields items; false at the end of the input.
    fn advance(&mut self) -> bool {
        loop {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => {
                    self.done = true;
                    if self.records == 0 {
                        self.pending
                            .push_back(Item::error(self.name.clone(), super::decode::EMPTY));
                    }
                    return !self.pending.is_empty();
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    let origin = format!("{}:{}", self.name, self.line + 1);
                    self.pending
                        .push_back(Item::error(origin, format!("read error: {e}")));
                    return true;
                }
            }
            self.line += 1;
            if self.line == 1
                && (self.buf.starts_with(b"\xFF\xFE") || self.buf.starts_with(b"\xFE\xFF"))
            {
                let mut all = std::mem::take(&mut self.buf);
                if let Err(e) = self.reader.read_to_end(&mut all) {
                    self.done = true;
                    self.pending
                        .push_back(Item::error(self.name.clone(), format!("read error: {e}")));
                    return true;
                }
                self.delegate = Some(parse_bytes(&all, Format::Jsonl, self.name.clone()));
                return true;
            }
            let mut line: &[u8] = &self.buf;
            if self.line == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            // A binary file (an archive, an image) named .jsonl: one message for the file,
            // not one per "line" of it.
            if self.records == 0 && line.contains(&0) {
                self.done = true;
                self.pending
                    .push_back(Item::error(self.name.clone(), super::decode::BINARY));
                return true;
            }
            self.records += 1;
            let origin = format!("{}:{}", self.name, self.line);
            let items = match std::str::from_utf8(line) {
                Err(e) => vec![Item::error(
                    origin,
                    format!(
                        "not valid UTF-8 (first bad byte at column {})",
                        e.valid_up_to() + 1
                    ),
                )],
                Ok(s) => match serde_json::from_str::<Value>(s) {
                    Err(e) => vec![Item::error(origin, format!("not valid JSON: {e}"))],
                    Ok(Value::Object(map)) => object(&map, &origin),
                    Ok(other) => vec![Item::error(
                        origin,
                        format!("not a JSON object (found {})", kind(&other)),
                    )],
                },
            };
            if self.buf.capacity() > 1 << 20 {
                self.buf = Vec::new();
            }
            self.pending.extend(items);
            return true;
        }
    }
}

impl<R: BufRead> Iterator for Jsonl<'_, R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(d) = &mut self.delegate {
                return d.next();
            }
            if self.done || !self.advance() {
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::read_all;
    use super::super::RawArticle;
    use super::*;

    /// Items as short strings: "article ORIGIN TEXT", "warning ...", "error ...".
    fn summary(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Article(a) => format!("article {} {}", a.origin, a.text),
                Item::Warning(p) => format!("warning {p}"),
                Item::Error(p) => format!("error {p}"),
            })
            .collect()
    }

    fn starts(items: &[Item], want: &[&str]) {
        let got = summary(items);
        assert_eq!(got.len(), want.len(), "{got:#?}");
        for (g, w) in got.iter().zip(want) {
            assert!(g.starts_with(w), "got {g:?}, want {w:?}…");
        }
    }

    #[test]
    fn json_shapes() {
        let cases: &[(&str, &[&str])] = &[
            (r#"{"text": "a"}"#, &["article x.json a"]),
            (r#"[{"text": "a"}, {"body": "b"}]"#, &["article x.json record 1 a", "article x.json record 2 b"]),
            (
                r#"[{"text": "a"}, 3, {"title": "t"}, [], {"text": {"x": 1}}]"#,
                &[
                    "article x.json record 1 a",
                    "error x.json record 2: not a JSON object (found a number)",
                    "error x.json record 3: no text (expected one of text, body, content, article, story)",
                    "error x.json record 4: not a JSON object (found an array)",
                    "error x.json record 5: field 'text' is not a string",
                ],
            ),
            ("[]", &[]),
            (r#""just a string""#, &["error x.json: expected a JSON object or an array of objects, found a string"]),
            ("42", &["error x.json: expected a JSON object or an array of objects, found a number"]),
            ("{\n  \"text\": \"a\",\n  oops\n}", &["error x.json: not valid JSON: key must be a string at line 3 column 3"]),
            ("{\"text\": \"a\"}\n{\"text\": \"b\"}", &["error x.json: not valid JSON: trailing characters at line 2 column 1 (one object a line is JSON Lines: use .jsonl)"]),
            ("[{\"text\": \"a\"}", &["error x.json: not valid JSON: EOF while parsing a list at line 1 column 14"]),
        ];
        for (input, want) in cases {
            starts(&read_all(input.as_bytes(), Format::Json, "x.json"), want);
        }
    }

    #[test]
    fn json_fields() {
        let input = r#"{"ID": 12345, "Headline": " Talks ", "Body": "TOKYO, March 3 - Japan\r\nsaid", "Published_At": "2023-03-03",
                        "Link": "http://x", "Publisher": "Kyodo", "extra": [1, 2]}"#;
        let items = read_all(input.as_bytes(), Format::Json, "x.json");
        assert_eq!(
            items,
            vec![Item::Article(RawArticle {
                id: Some("12345".into()),
                title: Some("Talks".into()),
                text: "TOKYO, March 3 - Japan\nsaid".into(),
                date: Some("2023-03-03".into()),
                dateline: Some("TOKYO, March 3".into()),
                url: Some("http://x".into()),
                source: Some("Kyodo".into()),
                origin: "x.json".into(),
            })]
        );
    }

    #[test]
    fn json_nested_10000_deep_is_an_error() {
        for format in [Format::Json, Format::Jsonl] {
            let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
            starts(&read_all(deep.as_bytes(), format, "d"), &["error d"]);
            let deep = format!(
                "{{\"text\": \"a\", \"x\": {}1{}}}",
                "{\"a\":".repeat(10_000),
                "}".repeat(10_000)
            );
            let items = read_all(deep.as_bytes(), format, "d");
            assert!(
                summary(&items)[0].contains("recursion limit exceeded"),
                "{items:?}"
            );
        }
    }

    #[test]
    fn jsonl_lines() {
        let input = b"{\"id\": 1, \"text\": \"one\"}\n\
            \n\
            {\"id\": 2, \"text\": \"two\"\n\
            {\"id\": 3, \"text\": \"thr\xFFee\"}\n\
            [1]\n\
            {\"id\": 4}\n\
            {\"id\": 5, \"text\": \"five\"}\r\n\
            \t \r\n\
            {\"id\": 6, \"text\": \"six\"}";
        starts(
            &read_all(input, Format::Jsonl, "feed.jsonl"),
            &[
                "article feed.jsonl:1 one",
                "error feed.jsonl:3: not valid JSON: EOF while parsing an object at line 2 column 0",
                "error feed.jsonl:4: not valid UTF-8 (first bad byte at column 23)",
                "error feed.jsonl:5: not a JSON object (found an array)",
                "error feed.jsonl:6: no text (expected one of text, body, content, article, story)",
                "article feed.jsonl:7 five",
                "article feed.jsonl:9 six",
            ],
        );
    }

    #[test]
    fn jsonl_bom_utf16_and_empty() {
        starts(
            &read_all(b"\xEF\xBB\xBF{\"text\":\"a\"}\n", Format::Jsonl, "f"),
            &["article f:1 a"],
        );
        let mut le = vec![0xFF, 0xFE];
        for u in "{\"text\":\"ā\"}\r\n{\"text\":\"b\"}\n".encode_utf16() {
            le.extend(u.to_le_bytes());
        }
        starts(
            &read_all(&le, Format::Jsonl, "f"),
            &["article f:1 ā", "article f:2 b"],
        );
        starts(&read_all(b"", Format::Jsonl, "f"), &["error f: empty file"]);
        starts(
            &read_all(b"\n  \n", Format::Jsonl, "f"),
            &["error f: empty file"],
        );
    }

    #[test]
    fn jsonl_huge_line() {
        let body = "word ".repeat(10 * 1024 * 1024); // 50 MB
        let mut input = format!("{{\"text\": \"{body}\"}}\n").into_bytes();
        input.extend_from_slice(b"{\"text\": \"small\"}\n");
        let started = std::time::Instant::now();
        let items = read_all(&input, Format::Jsonl, "big");
        assert_eq!(items.len(), 2);
        let Item::Article(a) = &items[0] else {
            panic!()
        };
        assert_eq!(a.text.len(), body.trim().len());
        assert!(started.elapsed().as_secs() < 60);
    }

    #[test]
    fn jsonl_binary_file_is_one_error() {
        let mut bin: Vec<u8> = (0u8..=255).cycle().take(20_000).collect();
        starts(
            &read_all(&bin, Format::Jsonl, "f"),
            &["error f: binary file, not text"],
        );
        // a NUL after good records is an error for that line only
        bin.splice(0..0, b"{\"text\":\"a\"}\n".iter().copied());
        let items = read_all(&bin, Format::Jsonl, "f");
        assert!(matches!(items[0], Item::Article(_)), "{items:?}");
        assert!(items[1..].iter().all(|i| matches!(i, Item::Error(_))));
    }

    #[test]
    fn jsonl_is_lazy() {
        // Items arrive before the reader reaches the broken tail.
        let input = b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n{broken\n".to_vec();
        let mut it = read(std::io::Cursor::new(input), Format::Jsonl, "f");
        assert!(matches!(it.next(), Some(Item::Article(_))));
        assert!(matches!(it.next(), Some(Item::Article(_))));
        assert!(matches!(it.next(), Some(Item::Error(_))));
        assert_eq!(it.next(), None);
        assert_eq!(it.next(), None);
    }

    use super::super::read;
}

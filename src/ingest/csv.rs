//! CSV with a header row; field names go through the aliases of [`super::record`].

use std::io::Cursor;
use std::rc::Rc;

use super::decode::normalize_newlines;
use super::record::{self, build, no_text, TEXT};
use super::{Item, Items};

/// Reads the records of a whole decoded CSV input, one at a time.
pub(crate) fn read_csv<'a>(text: String, name: String) -> Items<'a> {
    // csv's own line numbers skip blank lines and CRLFs; bodies get LF anyway.
    let bytes: Rc<[u8]> = normalize_newlines(&text).as_bytes().into();
    drop(text);
    let mut lines = LineCounter {
        text: bytes.clone(),
        offset: 0,
        line: 1,
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(Cursor::new(bytes));
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return Box::new(std::iter::once(Item::error(
                format!("{name}:1"),
                format!("bad header row: {e}"),
            )))
        }
    };
    if !headers
        .iter()
        .any(|h| TEXT.iter().any(|t| h.trim().eq_ignore_ascii_case(t)))
    {
        return Box::new(std::iter::once(Item::error(
            format!("{name}:1"),
            format!("{} in the header row", no_text()),
        )));
    }
    let headers: Vec<String> = headers.iter().map(str::to_string).collect();
    Box::new(reader.into_records().flat_map(move |r| match r {
        Err(e) => {
            let line = e
                .position()
                .map_or(String::new(), |p| format!(":{}", lines.line_at(p.byte())));
            vec![Item::error(
                format!("{name}{line}"),
                format!("bad CSV: {e}"),
            )]
        }
        Ok(rec) => {
            let origin = format!(
                "{name}:{}",
                rec.position().map_or(0, |p| lines.line_at(p.byte()))
            );
            if rec.len() != headers.len() {
                return vec![Item::error(
                    origin,
                    format!(
                        "expected {} fields as in the header row, found {}",
                        headers.len(),
                        rec.len()
                    ),
                )];
            }
            let fields: Vec<(&str, record::Value)> = headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.as_str(), record::Value::Str(v)))
                .collect();
            build(&fields, &origin)
        }
    }))
}

/// Line numbers of increasing byte offsets, counted once.
struct LineCounter {
    text: Rc<[u8]>,
    offset: usize,
    line: u64,
}

impl LineCounter {
    /// The line of the first non-blank character at or after `offset`.
    fn line_at(&mut self, offset: u64) -> u64 {
        let target = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        if target >= self.offset {
            self.line += self.text[self.offset..target]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.offset = target;
        }
        let blank = self.text[self.offset..]
            .iter()
            .take_while(|&&b| b == b'\n')
            .count() as u64;
        self.line + blank
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::read_all;
    use super::super::{Format, RawArticle};
    use super::*;

    fn summary(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Article(a) => format!("article {} {:?} {:?}", a.origin, a.title, a.text),
                Item::Warning(p) => format!("warning {p}"),
                Item::Error(p) => format!("error {p}"),
            })
            .collect()
    }

    #[test]
    fn records() {
        let cases: &[(&str, &[&str])] = &[
            (
                "id,title,text\n1,T,Body one\n2,,\"Multi\r\nline, quoted\"\n3,T3,Body three\n",
                &[
                    r#"article a.csv:2 Some("T") "Body one""#,
                    r#"article a.csv:3 None "Multi\nline, quoted""#,
                    r#"article a.csv:5 Some("T3") "Body three""#,
                ],
            ),
            (
                "Headline,Story\r\nH,S\r\n",
                &[r#"article a.csv:2 Some("H") "S""#],
            ),
            (
                "title,body\nT,B\nonly one\nT,B,extra\n\nT4,B4\n",
                &[
                    r#"article a.csv:2 Some("T") "B""#,
                    "error a.csv:3: expected 2 fields as in the header row, found 1",
                    "error a.csv:4: expected 2 fields as in the header row, found 3",
                    r#"article a.csv:6 Some("T4") "B4""#,
                ],
            ),
            ("title,text\nT,\n", &["error a.csv:2: no text (expected one of text, body, content, article, story)"]),
            ("title,date\nT,2023\n", &["error a.csv:1: no text (expected one of text, body, content, article, story) in the header row"]),
            ("text\n", &[]),
        ];
        for (input, want) in cases {
            assert_eq!(
                summary(&read_all(input.as_bytes(), Format::Csv, "a.csv")),
                *want,
                "{input:?}"
            );
        }
    }

    #[test]
    fn all_fields() {
        let input = "GUID,headline,content,pub_date,Dateline,url,outlet,other\ng1,H,Body,2023-04-02,\"TOKYO, April 2\",http://x,AFP,z\n";
        assert_eq!(
            read_all(input.as_bytes(), Format::Csv, "a.csv"),
            vec![Item::Article(RawArticle {
                id: Some("g1".into()),
                title: Some("H".into()),
                text: "Body".into(),
                date: Some("2023-04-02".into()),
                dateline: Some("TOKYO, April 2".into()),
                url: Some("http://x".into()),
                source: Some("AFP".into()),
                origin: "a.csv:2".into(),
            })]
        );
    }

    #[test]
    fn bom_and_invalid_utf8() {
        let items = read_all(b"\xEF\xBB\xBFtext\nab\xFF\n", Format::Csv, "a.csv");
        assert_eq!(
            summary(&items),
            [
                "warning a.csv: invalid UTF-8 replaced (first bad byte at offset 10)",
                "article a.csv:2 None \"ab\u{FFFD}\""
            ]
        );
    }
}

//! Input readers: turn files of news articles into [`RawArticle`]s.
//!
//! Pure library code: no printing, no SQL, no process exit. [`read`] streams the
//! [`Item`]s of one input — articles, and [`Problem`]s as warnings (nothing was lost)
//! or errors (a record was lost) — so the caller decides what to print and how to exit.
//!
//! # Formats
//!
//! | format | extensions | records | origin of a record |
//! |---|---|---|---|
//! | [`Format::Text`] | `.txt` `.text` `.md` | one file = one article | `story.txt` |
//! | [`Format::Json`] | `.json` | one object, or an array of objects | `x.json`, `x.json record 3` |
//! | [`Format::Jsonl`] | `.jsonl` `.ndjson` | one object a line, blank lines skipped | `feed.jsonl:12` |
//! | [`Format::Csv`] | `.csv` | header row, then one article a row | `a.csv:7` (line where the record starts) |
//! | [`Format::Html`] | `.html` `.htm` | one page = one article | `page.html` |
//!
//! * **Text**: optional header lines at the top — `Title:`, `Date:`, `Source:`, `URL:`,
//!   `Id:` (keys case-insensitive, any order) — ended by a blank line; the rest is the
//!   body. If the first line is not such a header the whole file is the body. A first
//!   body line `# Heading` (Markdown) becomes the title when there is no `Title:` header,
//!   and is removed from the body.
//! * **JSON / JSONL / CSV** map their field names through the aliases below.
//!   JSONL is read line by line (memory bounded by the longest line); a broken line is
//!   an error for that line only and reading goes on.
//! * **HTML**: title from `og:title`, `<title>` or the first `<h1>`; date from the usual
//!   meta tags (`article:published_time`, `og:published_time`, `pubdate`, `publishdate`,
//!   `date`, `dc.date`, `DC.date.issued`, `sailthru.date`, `parsely-pub-date`,
//!   `publication_date`, `itemprop=datePublished`), JSON-LD `datePublished` or the first
//!   `<time datetime>`; url from `<link rel=canonical>` or `og:url`; source from
//!   `og:site_name`. The body is the text of `p`, `h1`–`h6`, `li` and `blockquote`
//!   elements of the (largest) `<article>`, else `<main>`, else `<body>`, skipping
//!   `script`, `style`, `noscript`, `nav`, `header`, `footer`, `aside` and `form`;
//!   paragraphs are joined by blank lines, whitespace is collapsed.
//!
//! # Field aliases (JSON, JSONL, CSV)
//!
//! Keys are matched case-insensitively; where several aliases of one field are present
//! the first in its list wins. Strings are trimmed and empty strings (and `null`) count
//! as absent. Unknown fields are ignored.
//!
//! | field | aliases |
//! |---|---|
//! | id | `id`, `article_id`, `guid`, `uuid` (numbers are stringified) |
//! | title | `title`, `headline` |
//! | text | `text`, `body`, `content`, `article`, `story` (required, must be a string) |
//! | date | `date`, `pub_date`, `published`, `published_at`, `publication_date`, `pubdate`, `datetime`, `date_published`, `created_at` |
//! | dateline | `dateline` |
//! | url | `url`, `link` |
//! | source | `source`, `publisher`, `outlet`, `site` |
//!
//! # Decoding
//!
//! Whole inputs (Text, JSON, CSV, HTML) have a UTF-8 BOM stripped; UTF-16 LE/BE with a
//! BOM is decoded; invalid UTF-8 is replaced by U+FFFD with a warning naming the first
//! bad byte; an empty or whitespace-only input is an error ("empty file"), and so is
//! an input with NUL bytes that is not UTF-16 ("binary file, not text"). Article bodies
//! have CRLF (and lone CR) normalised to LF.
//!
//! # Dates
//!
//! [`parse_pub_date`] reads publication dates as written (ISO, RFC 2822, "April 2, 2023",
//! Reuters' "26-FEB-1987 15:01:01.79", ...). [`find_dateline`] recognises a news dateline
//! at the start of a text ("TOKYO, March 3 -", "WASHINGTON (Reuters) -", "BEIJING —");
//! [`parse_dateline`] reads one written alone, as in Reuters' `dateline` field; and
//! [`dateline_date`] resolves its month and day to the closest date within six months of
//! a reference date. A record's `dateline` field wins over one found in its text.

mod csv;
mod dateline;
mod decode;
mod html;
mod json;
mod pubdate;
mod record;
mod text;

use std::io::BufRead;
use std::path::Path;

pub use dateline::{dateline_date, find_dateline, parse_dateline, Dateline};
pub use pubdate::parse_pub_date;

/// The format of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Jsonl,
    Csv,
    Html,
}

impl Format {
    /// The format of a file from its extension (case-insensitive).
    pub fn from_path(p: &Path) -> Option<Format> {
        let ext = p.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "md" | "text" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format named on the command line (`--format jsonl`), case-insensitive.
    pub fn from_name(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "txt" | "text" | "md" => Some(Format::Text),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

/// One article as found in an input, before any analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Identifier as given (numbers stringified).
    pub id: Option<String>,
    pub title: Option<String>,
    /// The body; never empty for an article returned by [`read`].
    pub text: String,
    /// Publication date as written.
    pub date: Option<String>,
    /// "TOKYO, March 3": the record's `dateline` field, or the dateline the text opens with.
    pub dateline: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    /// Where the article came from, for messages: `feed.jsonl:12`, `x.json record 3`, `story.txt`.
    pub origin: String,
}

/// Something wrong with one input or record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct Problem {
    pub origin: String,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(origin: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            origin: origin.into(),
            message: message.into(),
        }
    }
}

/// One thing read from an input.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Article(RawArticle),
    /// Something was off but nothing was lost (e.g. invalid UTF-8 replaced).
    Warning(Problem),
    /// A record was lost (broken JSON line, no text, empty or binary file, ...).
    Error(Problem),
}

impl Item {
    pub(crate) fn error(origin: impl Into<String>, message: impl Into<String>) -> Item {
        Item::Error(Problem::new(origin, message))
    }
    pub(crate) fn warning(origin: impl Into<String>, message: impl Into<String>) -> Item {
        Item::Warning(Problem::new(origin, message))
    }
}

/// The boxed stream of items that [`read`] returns.
pub type Items<'a> = Box<dyn Iterator<Item = Item> + 'a>;

/// Streams the records of one input.
///
/// `name` is the file name used in origins; `"-"` (stdin) is shown as `<stdin>`.
/// JSONL is read line by line, so memory is bounded by the longest line; the other
/// formats read the whole input when the iterator is first advanced. Never panics on
/// any bytes; read errors become [`Item::Error`]s.
pub fn read<'a, R: BufRead + 'a>(reader: R, format: Format, name: &str) -> Items<'a> {
    let name = if name == "-" {
        "<stdin>".to_string()
    } else {
        name.to_string()
    };
    match format {
        Format::Jsonl => json::read_jsonl(reader, name),
        _ => Box::new(std::iter::once_with(move || read_whole(reader, format, name)).flatten()),
    }
}

fn read_whole<'a, R: BufRead + 'a>(mut reader: R, format: Format, name: String) -> Items<'a> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.read_to_end(&mut bytes) {
        return Box::new(std::iter::once(Item::error(
            name,
            format!("read error: {e}"),
        )));
    }
    parse_bytes(&bytes, format, name)
}

/// Decodes a whole input and parses it in `format`.
pub(crate) fn parse_bytes<'a>(bytes: &[u8], format: Format, name: String) -> Items<'a> {
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(message) => return Box::new(std::iter::once(Item::error(name, message))),
    };
    let warning = decoded.warning.map(|w| Item::warning(name.clone(), w));
    let items: Items<'a> = match format {
        Format::Text => Box::new(std::iter::once(text::parse(&decoded.text, &name))),
        Format::Html => Box::new(std::iter::once(html::parse(&decoded.text, &name))),
        Format::Json => Box::new(json::parse_json(&decoded.text, &name).into_iter()),
        Format::Jsonl => json::read_jsonl(std::io::Cursor::new(decoded.text.into_bytes()), name),
        Format::Csv => csv::read_csv(decoded.text, name),
    };
    Box::new(warning.into_iter().chain(items))
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn read_all(bytes: &[u8], format: Format, name: &str) -> Vec<Item> {
        read(bytes, format, name).collect()
    }

    #[test]
    fn format_from_path_and_name() {
        let cases = [
            ("a.txt", Some(Format::Text)),
            ("a.MD", Some(Format::Text)),
            ("a.text", Some(Format::Text)),
            ("dir/a.json", Some(Format::Json)),
            ("a.jsonl", Some(Format::Jsonl)),
            ("a.ndjson", Some(Format::Jsonl)),
            ("a.csv", Some(Format::Csv)),
            ("a.html", Some(Format::Html)),
            ("a.HTM", Some(Format::Html)),
            ("a.pdf", None),
            ("noext", None),
        ];
        for (p, want) in cases {
            assert_eq!(Format::from_path(Path::new(p)), want, "{p}");
        }
        let names = [
            ("txt", Some(Format::Text)),
            ("text", Some(Format::Text)),
            ("md", Some(Format::Text)),
            ("json", Some(Format::Json)),
            ("JSONL", Some(Format::Jsonl)),
            ("ndjson", Some(Format::Jsonl)),
            ("csv", Some(Format::Csv)),
            ("html", Some(Format::Html)),
            ("htm", Some(Format::Html)),
            ("xml", None),
        ];
        for (n, want) in names {
            assert_eq!(Format::from_name(n), want, "{n}");
        }
    }

    #[test]
    fn problem_display() {
        let p = Problem::new("feed.jsonl:3", "not valid JSON: EOF");
        assert_eq!(p.to_string(), "feed.jsonl:3: not valid JSON: EOF");
    }

    #[test]
    fn stdin_name() {
        let items = read_all(b"", Format::Text, "-");
        assert_eq!(items, vec![Item::error("<stdin>", "empty file")]);
    }

    #[test]
    fn empty_and_binary_in_every_whole_format() {
        for format in [Format::Text, Format::Json, Format::Csv, Format::Html] {
            assert_eq!(
                read_all(b"", format, "f"),
                vec![Item::error("f", "empty file")]
            );
            assert_eq!(
                read_all(b" \n\t\r\n", format, "f"),
                vec![Item::error("f", "empty file")]
            );
            assert_eq!(
                read_all(b"\x7fELF\x02\x01\x00\x00\x00abc", format, "f"),
                vec![Item::error("f", "binary file, not text")]
            );
        }
    }

    #[test]
    fn read_never_panics_on_nasty_bytes() {
        let mut nasty: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            b"\n".to_vec(),
            b"\xff\xfe".to_vec(),
            b"\xfe\xff".to_vec(),
            b"\xff\xfe\x00".to_vec(),
            b"\xef\xbb\xbf".to_vec(),
            b"\xef\xbb".to_vec(),
            b"\x00".to_vec(),
            b"\xc3".to_vec(),
            b"\xed\xa0\x80".to_vec(),
            b"{".to_vec(),
            b"}".to_vec(),
            b"[".to_vec(),
            b"[{}]".to_vec(),
            b"{\"text\":\"\\ud800\"}".to_vec(),
            b"{\"text\":1e999999}".to_vec(),
            b"{\"id\":-0,\"text\":\"x\"}".to_vec(),
            b"\"".to_vec(),
            b",,,\n\"\n".to_vec(),
            b"text\n\"unterminated".to_vec(),
            b"<".to_vec(),
            b"<html><body><p>".to_vec(),
            b"<!--".to_vec(),
            b"<script>".to_vec(),
            b"<meta property=og:title content>".to_vec(),
            b"<script type=application/ld+json>[[[[</script>".to_vec(),
            b"Title:\n\n".to_vec(),
            b"Title: x".to_vec(),
            b"# \n".to_vec(),
            b"\r\r\r".to_vec(),
            b"TOKYO, Feb 31 -".to_vec(),
            "\u{2014}\u{2014}".as_bytes().to_vec(),
            "é, March 99 — x".as_bytes().to_vec(),
            vec![0xff; 64],
            (0u8..=255).collect(),
            "[".repeat(100_000).into_bytes(),
            "<div>".repeat(2_000).into_bytes(),
            "{\"a\":".repeat(50_000).into_bytes(),
        ];
        let all: Vec<u8> = nasty.concat();
        nasty.push(all);
        // Short pseudo-random strings over an alphabet of troublemakers.
        let alphabet: &[u8] = b"{}[]\",:\\\n\r \x00\xff\xfe\xef\xbb\xbf\xc3<>/=!-tex0123";
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..300 {
            let len = (seed % 40) as usize;
            let bytes = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            nasty.push(bytes);
        }
        for bytes in &nasty {
            for format in [
                Format::Text,
                Format::Json,
                Format::Jsonl,
                Format::Csv,
                Format::Html,
            ] {
                for item in read(&bytes[..], format, "nasty") {
                    if let Item::Article(a) = item {
                        assert!(!a.text.trim().is_empty());
                    }
                }
            }
        }
    }

    struct FailingReader;
    impl std::io::Read for FailingReader {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("disk on fire"))
        }
    }

    #[test]
    fn read_errors_become_items() {
        for format in [Format::Text, Format::Jsonl] {
            let items: Vec<Item> =
                read(std::io::BufReader::new(FailingReader), format, "x").collect();
            assert_eq!(items.len(), 1, "{format:?}");
            match &items[0] {
                Item::Error(p) => assert!(p.message.contains("disk on fire"), "{p}"),
                other => panic!("{other:?}"),
            }
        }
    }
}

/// The real corpora in `shared/` (not part of the repository): run with
/// `cargo test -- --ignored corpora --nocapture`. Skips when `shared/` is absent.
#[cfg(test)]
mod corpus_tests {
    use super::*;
    use std::path::PathBuf;

    fn shared() -> Option<PathBuf> {
        let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        [
            std::env::var_os("DYAD_SHARED").map(PathBuf::from),
            Some(manifest.join("../shared")),
            Some("/work/shared".into()),
        ]
        .into_iter()
        .flatten()
        .find(|p| p.join("corpus").is_dir())
    }

    /// (articles, warnings, errors) of one file, and the first error message.
    fn counts(path: &Path) -> (usize, usize, usize, Option<String>) {
        let format = Format::from_path(path).expect("known extension");
        let file = std::fs::File::open(path).expect("open");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (mut a, mut w, mut e, mut first) = (0, 0, 0, None);
        for item in read(std::io::BufReader::new(file), format, &name) {
            match item {
                Item::Article(art) => {
                    assert!(!art.text.is_empty());
                    a += 1
                }
                Item::Warning(_) => w += 1,
                Item::Error(p) => {
                    e += 1;
                    first.get_or_insert(p.to_string());
                }
            }
        }
        (a, w, e, first)
    }

    #[test]
    #[ignore = "reads the corpora in shared/"]
    fn corpora() {
        let Some(shared) = shared() else {
            eprintln!("shared/ not found: skipped");
            return;
        };
        let corpus = shared.join("corpus");
        let expected = [
            ("voa_stories.jsonl", Some((89, 0, 0))),
            ("reuters21578.jsonl", Some((19_779, 0, 21_578 - 19_779))),
            // One record (line 44) has an empty "text".
            ("udpetrarch_gsr_validation.jsonl", Some((77, 0, 1))),
            ("petrarch2_unittest_records.jsonl", None),
        ];
        for (file, want) in expected {
            let (a, w, e, first) = counts(&corpus.join(file));
            eprintln!("{file}: {a} articles, {w} warnings, {e} errors; first error: {first:?}");
            if let Some(want) = want {
                assert_eq!((a, w, e), want, "{file}");
            }
        }
        let mut seeds: Vec<_> = std::fs::read_dir(shared.join("seed"))
            .map(|d| {
                d.flatten()
                    .map(|e| e.path())
                    .filter(|p| Format::from_path(p).is_some())
                    .collect()
            })
            .unwrap_or_default();
        seeds.sort();
        for p in seeds {
            let (a, w, e, first) = counts(&p);
            eprintln!(
                "{}: {a} articles, {w} warnings, {e} errors; first error: {first:?}",
                p.display()
            );
            assert_eq!((a, e), (1, 0), "{}", p.display());
        }
    }
}

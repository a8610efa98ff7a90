//! HTML pages: metadata from meta tags, JSON-LD and `<time>`; text from the paragraphs
//! of the main content.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

use super::{find_dateline, Item, RawArticle};

/// Meta tags (name, property or itemprop; case-insensitive) that carry the publication
/// date, by preference.
const DATE_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "sailthru.date",
    "parsely-pub-date",
    "publication_date",
    "datepublished",
];

/// Elements whose text is a paragraph of the article.
const BLOCKS: &[&str] = &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"];

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
    "iframe", "head", "button", "select", "textarea",
];

/// Extra paragraph breaks when a page has none of [`BLOCKS`].
const BREAKS: &[&str] = &[
    "div",
    "section",
    "article",
    "main",
    "br",
    "td",
    "th",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "pre",
    "figure",
    "figcaption",
    "hr",
];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// Collapses runs of whitespace to single spaces and trims.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(normalize).filter(|s| !s.is_empty())
}

/// Parses one decoded HTML page into one article (or an error).
pub(crate) fn parse(input: &str, name: &str) -> Item {
    let doc = Html::parse_document(input);
    let metas: Vec<(String, &str)> = doc
        .select(&selector("meta"))
        .filter_map(|m| {
            let e = m.value();
            let key = e
                .attr("property")
                .or_else(|| e.attr("name"))
                .or_else(|| e.attr("itemprop"))?;
            Some((key.trim().to_ascii_lowercase(), e.attr("content")?))
        })
        .collect();
    let meta = |key: &str| non_empty(metas.iter().find(|(k, _)| k == key).map(|(_, v)| *v));
    let first_text = |sel: &str| {
        doc.select(&selector(sel))
            .find_map(|e| non_empty(Some(&e.text().collect::<String>())))
    };

    let title = meta("og:title")
        .or_else(|| first_text("title"))
        .or_else(|| first_text("h1"));
    let date = DATE_META
        .iter()
        .find_map(|k| meta(k))
        .or_else(|| json_ld_date(&doc))
        .or_else(|| {
            doc.select(&selector("time"))
                .find_map(|t| non_empty(t.value().attr("datetime")))
        });
    let url = doc
        .select(&selector("link"))
        .find(|l| {
            l.value().attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| non_empty(l.value().attr("href")))
        .or_else(|| meta("og:url"));
    let source = meta("og:site_name");

    let text = main_text(&doc);
    if text.is_empty() {
        return Item::error(name, "no text found in the HTML");
    }
    let dateline = find_dateline(&text).map(|d| d.text(&text));
    Item::Article(RawArticle {
        id: None,
        title,
        text,
        date,
        dateline,
        url,
        source,
        origin: name.to_string(),
    })
}

/// `datePublished` from the first JSON-LD block that has one.
fn json_ld_date(doc: &Html) -> Option<String> {
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Object(map) => map
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("datePublished"))
                .and_then(|(_, v)| non_empty(v.as_str()))
                .or_else(|| map.values().find_map(find)),
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    doc.select(&selector("script"))
        .filter(|s| {
            s.value()
                .attr("type")
                .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
        })
        .filter_map(|s| {
            serde_json::from_str::<serde_json::Value>(&s.text().collect::<String>()).ok()
        })
        .find_map(|v| find(&v))
}

/// The paragraphs of the largest `<article>`, else `<main>`, else `<body>`, joined by
/// blank lines; failing that, all visible text of the body.
fn main_text(doc: &Html) -> String {
    let best = |sel: &str| {
        doc.select(&selector(sel))
            .map(|e| paragraphs(e, false))
            .max_by_key(|ps| ps.iter().map(String::len).sum::<usize>())
            .filter(|ps| !ps.is_empty())
    };
    let ps = best("article")
        .or_else(|| best("main"))
        .or_else(|| best("body"))
        .or_else(|| {
            doc.select(&selector("body"))
                .next()
                .map(|b| paragraphs(b, true))
        })
        .unwrap_or_else(|| paragraphs(doc.root_element(), true));
    ps.join("\n\n")
}

/// Text of the block elements under `root`, one string a block, skipping [`SKIP`]
/// subtrees. With `all_text`, text outside blocks counts too, broken at [`BREAKS`].
/// Iterative, so deep nesting cannot overflow the stack.
fn paragraphs(root: ElementRef, all_text: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let p = normalize(cur);
        if !p.is_empty() {
            out.push(p);
        }
        cur.clear();
    };
    let (mut skip, mut block) = (0usize, 0usize);
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let n = e.name();
                    if SKIP.contains(&n) {
                        skip += 1;
                    } else if skip == 0 {
                        if BLOCKS.contains(&n) {
                            flush(&mut cur, &mut out);
                            block += 1;
                        } else if n == "br" {
                            cur.push(' ');
                        }
                        if all_text && BREAKS.contains(&n) {
                            flush(&mut cur, &mut out);
                        }
                    }
                }
                Node::Text(t) if skip == 0 && (block > 0 || all_text) => cur.push_str(&t.text),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    let n = e.name();
                    if SKIP.contains(&n) {
                        skip = skip.saturating_sub(1);
                    } else if skip == 0
                        && (BLOCKS.contains(&n) || (all_text && BREAKS.contains(&n)))
                    {
                        flush(&mut cur, &mut out);
                        if BLOCKS.contains(&n) {
                            block = block.saturating_sub(1);
                        }
                    }
                }
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::super::tests::read_all;
    use super::super::Format;
    use super::*;

    fn article(html: &str) -> RawArticle {
        match parse(html, "p.html") {
            Item::Article(a) => a,
            other => panic!("{html}: {other:?}"),
        }
    }

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
  <title>Page title | Site</title>
  <meta property="og:title" content="OG  title">
  <meta property="og:site_name" content="The Straits Times">
  <meta property="og:url" content="https://og.example/a">
  <link rel="canonical" href="https://example.com/a">
  <meta property="article:published_time" content="2023-04-02T09:15:00+08:00">
  <script>var x = "script text must not appear";</script>
  <style>p { color: red }</style>
</head><body>
  <header><nav><ul><li>Home</li><li>World</li></ul></nav></header>
  <aside><p>Related: other story</p></aside>
  <article>
    <h1>Japan &amp; China   talks</h1>
    <p>BEIJING — Chinese Foreign Minister Qin Gang <b>told</b> his Japanese
       counterpart&nbsp;on Sunday&hellip;</p>
    <script>document.write("nope")</script>
    <blockquote><p>We oppose it.</p></blockquote>
    <ul><li>First point</li><li>Second<br>point</li></ul>
    <form><p>Sign up now</p></form>
    <noscript><p>Enable JS</p></noscript>
  </article>
  <footer><p>Copyright</p></footer>
</body></html>"#;

    #[test]
    fn full_page() {
        let a = article(PAGE);
        assert_eq!(a.title.as_deref(), Some("OG title"));
        assert_eq!(a.date.as_deref(), Some("2023-04-02T09:15:00+08:00"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.source.as_deref(), Some("The Straits Times"));
        assert_eq!(a.dateline, None);
        assert_eq!(
            a.text,
            "Japan & China talks\n\n\
             BEIJING — Chinese Foreign Minister Qin Gang told his Japanese counterpart on Sunday…\n\n\
             We oppose it.\n\nFirst point\n\nSecond point"
        );
        for bad in [
            "script",
            "nope",
            "color",
            "Home",
            "Related",
            "Sign up",
            "Enable JS",
            "Copyright",
        ] {
            assert!(!a.text.contains(bad), "{bad} in {:?}", a.text);
        }
    }

    #[test]
    fn dates_from_each_source() {
        let cases = [
            (
                r#"<meta name="pubdate" content="2023-04-02">"#,
                "2023-04-02",
            ),
            (
                r#"<meta name="publishdate" content="2023-04-03">"#,
                "2023-04-03",
            ),
            (r#"<meta name="date" content="2023-04-04">"#, "2023-04-04"),
            (
                r#"<meta name="DC.date.issued" content="2023-04-05">"#,
                "2023-04-05",
            ),
            (
                r#"<meta name="dc.date" content="2023-04-06">"#,
                "2023-04-06",
            ),
            (
                r#"<meta name="sailthru.date" content="2023-04-07">"#,
                "2023-04-07",
            ),
            (
                r#"<meta name="parsely-pub-date" content="2023-04-08">"#,
                "2023-04-08",
            ),
            (
                r#"<meta name="publication_date" content="2023-04-09">"#,
                "2023-04-09",
            ),
            (
                r#"<meta property="og:published_time" content="2023-04-10">"#,
                "2023-04-10",
            ),
            (
                r#"<meta itemprop="datePublished" content="2023-04-11">"#,
                "2023-04-11",
            ),
            (
                r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-04-12T08:00:00Z"}]}</script>"#,
                "2023-04-12T08:00:00Z",
            ),
            (
                r#"<script type="application/ld+json">[{"datePublished":"2023-04-13"}]</script>"#,
                "2023-04-13",
            ),
            (
                r#"<time datetime="2023-04-14T10:00">April 14</time><time datetime="2020-01-01">x</time>"#,
                "2023-04-14T10:00",
            ),
            // Meta beats JSON-LD beats <time>; article:published_time beats date.
            (
                r#"<time datetime="2001-01-01"></time><script type="application/ld+json">{"datePublished":"2002-02-02"}</script><meta name="date" content="2003-03-03"><meta property="article:published_time" content="2004-04-04">"#,
                "2004-04-04",
            ),
            (
                r#"<time datetime="2001-01-01"></time><script type="application/ld+json">{"datePublished":"2002-02-02"}</script>"#,
                "2002-02-02",
            ),
        ];
        for (head, want) in cases {
            let html = format!("<html><head>{head}</head><body><p>Body.</p></body></html>");
            assert_eq!(article(&html).date.as_deref(), Some(want), "{head}");
        }
        assert_eq!(article("<p>x</p>").date, None);
        let broken = r#"<script type="application/ld+json">{broken</script><p>x</p>"#;
        assert_eq!(article(broken).date, None);
    }

    #[test]
    fn titles_urls_and_roots() {
        let a = article("<title> T </title><h1>H</h1><p>x</p>");
        assert_eq!(a.title.as_deref(), Some("T"));
        let a = article("<h1>H</h1><p>x</p>");
        assert_eq!(a.title.as_deref(), Some("H"));
        let a = article(r#"<meta property="og:url" content="u"><p>x</p>"#);
        assert_eq!(a.url.as_deref(), Some("u"));
        // <main> when there is no <article>; the largest <article> when there are several.
        let a = article("<p>outside</p><main><p>in main</p></main>");
        assert_eq!(a.text, "in main");
        let a = article(
            "<article><p>teaser</p></article><article><p>the real story</p><p>more</p></article>",
        );
        assert_eq!(a.text, "the real story\n\nmore");
        // No blocks at all: the body's visible text.
        let a = article("<body><div>Plain <span>div</span> text</div><div>second</div><script>x()</script></body>");
        assert_eq!(a.text, "Plain div text\n\nsecond");
        let a = article("just text, TOKYO style");
        assert_eq!(a.text, "just text, TOKYO style");
        let a = article("<p>TOKYO, March 3 (Reuters) - Japan said</p>");
        assert_eq!(a.dateline.as_deref(), Some("TOKYO, March 3 (Reuters)"));
    }

    #[test]
    fn errors_and_decoding() {
        assert_eq!(
            parse(
                "<html><head><title>T</title></head><body><script>x</script></body></html>",
                "e.html"
            ),
            Item::error("e.html", "no text found in the HTML")
        );
        let items = read_all(b"<p>caf\xE9</p>", Format::Html, "l1.html");
        assert_eq!(
            items[0],
            Item::warning(
                "l1.html",
                "invalid UTF-8 replaced (first bad byte at offset 6)"
            )
        );
        // html5ever is quadratic in nesting depth, so only moderately deep here.
        let deep = "<div>".repeat(3_000) + "<p>deep</p>";
        assert_eq!(article(&deep).text, "deep");
    }
}

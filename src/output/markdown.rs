//! `--format markdown`: a briefing-style chronology. A title naming the pair, a line of counts,
//! then one section per year (oldest first, undated last) with one bullet per event: the date at
//! its precision, type, actor → target, summary, the evidence as a quote and the article as a
//! link. Article text is escaped so it can never become markup.

use super::{human_date, link_url, qualifiers, type_words, Document};
use crate::store::StoredEvent;
use std::io::{self, Write};

/// Writes the chronology of `rows` (already in timeline order).
pub fn write<W: Write>(rows: &[StoredEvent], doc: &Document, w: &mut W) -> io::Result<()> {
    writeln!(w, "# {}", escape(&doc.title()))?;
    writeln!(w)?;
    writeln!(w, "{}.", escape(&doc.subtitle(rows)))?;
    let mut section: Option<Option<i32>> = None;
    for r in rows {
        let year = r.event.date.map(|d| d.start.year);
        if section != Some(year) {
            section = Some(year);
            writeln!(w)?;
            match year {
                Some(y) => writeln!(w, "## {y}")?,
                None => writeln!(w, "## Undated")?,
            }
        }
        writeln!(w)?;
        write_event(r, doc, w)?;
    }
    Ok(())
}

fn write_event<W: Write>(r: &StoredEvent, doc: &Document, w: &mut W) -> io::Result<()> {
    let e = &r.event;
    let date = e
        .date
        .map(|d| human_date(&d))
        .unwrap_or_else(|| "Undated".into());
    let mut kind = type_words(e.event_type.as_str());
    let q = qualifiers(r);
    if !q.is_empty() {
        kind.push_str(&format!(" ({})", q.join(", ")));
    }
    writeln!(
        w,
        "- **{}** — {}, {} → {}: {}",
        escape(&date),
        escape(&kind),
        escape(doc.name(&e.actor)),
        escape(doc.name(&e.target)),
        escape(&e.summary)
    )?;
    if !e.evidence.trim().is_empty() {
        writeln!(w)?;
        writeln!(w, "  > {}", escape(&e.evidence))?;
    }
    writeln!(w)?;
    writeln!(w, "  Source: {}", source_line(r))?;
    Ok(())
}

/// "[Title](<url>), Wire, 2023-04-02": the article, linked when its URL is http(s).
fn source_line(r: &StoredEvent) -> String {
    let label = r
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&r.article_key);
    let mut parts = Vec::new();
    parts.push(match link_url(r.url.as_deref()) {
        Some(u) => format!("[{}](<{}>)", escape(label), link_target(u)),
        None => escape(label),
    });
    if let Some(s) = r.source.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(escape(s));
    }
    if let Some(d) = r.pub_date.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(escape(d));
    }
    parts.join(", ")
}

/// A URL inside `<…>`: only `<`, `>` and `\` need escaping there ([`link_url`] refused spaces).
fn link_target(u: &str) -> String {
    u.replace('\\', "%5C")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// Escapes article text for Markdown: inline markup characters always, block markers at the start,
/// and line breaks folded into spaces so a text stays inside its bullet or quote.
pub fn escape(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut o = String::with_capacity(flat.len() + 8);
    for c in flat.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!' | '#'
        ) {
            o.push('\\');
        }
        o.push(c);
    }
    // "- x", "+ x", "1. x" at the start of a line would open a list
    if o.starts_with(['-', '+']) {
        o.insert(0, '\\');
    } else {
        let digits = o.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && o[digits..].starts_with(['.', ')']) {
            o.insert(digits, '\\');
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::{fixture_rows, malicious_rows, names};

    #[test]
    fn chronology_by_year_with_dates_at_their_precision() {
        let mut out = Vec::new();
        write(&fixture_rows(), &names(), &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }

    #[test]
    fn article_text_cannot_become_markup() {
        let mut out = Vec::new();
        write(&malicious_rows(), &names(), &mut out).unwrap();
        let md = String::from_utf8(out).unwrap();
        // every `<` and `[` from the text is escaped; the one link is the http(s) one
        for (i, c) in md
            .char_indices()
            .filter(|(_, c)| matches!(c, '<' | '[' | ']'))
        {
            let escaped = md[..i].ends_with('\\');
            let link = md[..i].ends_with("](")
                || md[i..].starts_with("](<https://example.org/a?b=")
                || md[..i].ends_with("Source: ");
            assert!(escaped || link, "unescaped {c} at {i}: {md}");
        }
        assert!(!md.contains("(<javascript"), "{md}");
        insta::assert_snapshot!(md);
    }

    #[test]
    fn escape_cases() {
        for (input, want) in [
            ("plain text", "plain text"),
            ("*bold* _it_", r"\*bold\* \_it\_"),
            ("[x](http://e)", r"\[x\](http://e)"),
            ("- dash", r"\- dash"),
            ("1. first", r"1\. first"),
            ("a\n\n# b", r"a \# b"),
            ("<b>&amp;", r"\<b\>\&amp;"),
            ("U.S.-China", "U.S.-China"),
        ] {
            assert_eq!(escape(input), want, "{input:?}");
        }
    }
}

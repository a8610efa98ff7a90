//! Sentence segmentation and tokenization. Everything is a byte [`Span`] into the article text,
//! so every event can be traced back to the words it came from.
//!
//! A blank line ends a sentence unless the text before it has no closing punctuation and the
//! text after it starts in lower case (web pages that break sentences into blocks). A period
//! after a known abbreviation ("Mr.", "Gen.", "Jan.") or an initial does not end a sentence;
//! after "U.S." it does only when the next word usually starts a sentence.

use crate::model::Span;
use once_cell::sync::Lazy;
use regex::Regex;

/// A sentence and the paragraph it is in (0-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
}

/// A word or punctuation mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// Lower-cased text, with typographic apostrophes straightened.
    pub lower: String,
    /// The text starts with an upper-case letter.
    pub capitalized: bool,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep",
    "gov", "st", "jr", "sr", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "corp", "inc", "co", "ltd", "no", "vs", "fig", "rev", "hon", "mt", "ft", "est",
    "approx", "dept", "univ", "assn", "bros",
];

const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "In",
    "On",
    "At",
    "But",
    "And",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Its",
    "Their",
    "Meanwhile",
    "However",
    "After",
    "Before",
    "When",
    "While",
    "As",
    "Last",
    "Earlier",
    "Later",
    "There",
    "Mr",
    "Ms",
    "Mrs",
];

/// Splits `text` into sentences.
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut paragraph = 0usize;
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |out: &mut Vec<Sentence>, s: usize, e: usize, p: usize| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trail = piece.len() - piece.trim_end().len();
        if e - trail > s + lead {
            out.push(Sentence {
                span: Span::new(s + lead, e - trail),
                paragraph: p,
            });
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            // blank line?
            let mut j = i + 1;
            let mut newlines = 1;
            while j < bytes.len() && (bytes[j] as char).is_ascii_whitespace() {
                if bytes[j] == b'\n' {
                    newlines += 1;
                }
                j += 1;
            }
            if newlines >= 2 {
                let before = text[start..i].trim_end();
                let after = &text[j..];
                let open = !before.ends_with(['.', '!', '?', '"', '”', '’', ':', ';'])
                    && after.starts_with(|c: char| c.is_lowercase());
                if !open {
                    push(&mut out, start, i, paragraph);
                    start = j;
                    paragraph += 1;
                }
                i = j;
                continue;
            }
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // include closing quotes and brackets
            let mut e = i + 1;
            while e < bytes.len() {
                let rest = &text[e..];
                let c = rest.chars().next().unwrap_or(' ');
                if matches!(c, '"' | '”' | '’' | '\'' | ')' | ']') {
                    e += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[e..];
            let next_word_start = rest.trim_start();
            let has_space = rest.len() > next_word_start.len() || rest.is_empty();
            if has_space && ends_sentence(text, start, i, next_word_start) {
                push(&mut out, start, e, paragraph);
                start = e;
            }
            i = e;
            continue;
        }
        i += 1;
    }
    push(&mut out, start, bytes.len(), paragraph);
    out
}

fn ends_sentence(text: &str, start: usize, dot: usize, next: &str) -> bool {
    if next.is_empty() {
        return true;
    }
    let first = next.chars().next().unwrap_or(' ');
    if !(first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(first, '"' | '“' | '‘' | '\'' | '(' | '-' | '–' | '—'))
    {
        return false;
    }
    if text.as_bytes()[dot] != b'.' {
        return true;
    }
    let head = &text[start..dot];
    let word = head
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    let lw = word.to_lowercase();
    if ABBREVIATIONS.contains(&lw.as_str()) {
        return false;
    }
    // initials ("J.") and dotted abbreviations ("U.S.", "U.N.")
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 1 && word.chars().next().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        let next_word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
        return SENTENCE_STARTERS.contains(&next_word.as_str());
    }
    true
}

/// What a token is (the definition [`token_ranges`] and the ASCII tokenizer follow; tests
/// compare them with it).
#[cfg(test)]
static TOKEN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[-.,][\p{L}\p{N}]+)*|['’][sS]\b|[^\s]")
        .expect("token regex")
});

/// Tokens of `text[span]`, with spans into `text`.
pub fn tokens(text: &str, span: Span) -> Vec<Token> {
    let piece = &text[span.start..span.end];
    if piece.is_ascii() {
        return ascii_tokens(piece, span.start);
    }
    token_ranges(piece)
        .into_iter()
        .map(|(a, b)| {
            let s = &piece[a..b];
            Token {
                span: Span::new(span.start + a, span.start + b),
                lower: s.to_lowercase().replace('’', "'"),
                capitalized: s.chars().next().is_some_and(|c| c.is_uppercase()),
            }
        })
        .collect()
}

/// [`TOKEN`] without its `\b`, which makes the lazy DFA give up at the first non-ASCII byte.
static TOKEN_NB: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[-.,][\p{L}\p{N}]+)*|['’][sS]|[^\s]")
        .expect("token regex")
});

static WORD_START: Lazy<Regex> = Lazy::new(|| Regex::new(r"\A\w").expect("word regex"));

/// The byte ranges of what [`TOKEN`] finds in `piece`. A match of `['’][sS]` that a word
/// character follows is not `['’][sS]\b`: [`TOKEN`] takes the quote alone (`[^\s]`) there.
fn token_ranges(piece: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(m) = TOKEN_NB.find_at(piece, at) {
        let s = m.as_str();
        let quote = s.chars().next().map_or(0, char::len_utf8);
        let possessive = matches!(s.chars().next(), Some('\'' | '’')) && s.len() == quote + 1;
        if possessive && WORD_START.is_match(&piece[m.end()..]) {
            out.push((m.start(), m.start() + quote));
            at = m.start() + quote;
        } else {
            out.push((m.start(), m.end()));
            at = m.end();
        }
    }
    out
}

/// [`tokens`] of an ASCII `piece` that starts at `base`: what [`TOKEN`] finds, without the
/// regex (on ASCII, `\p{Lu}` is `[A-Z]`, `[\p{L}\p{N}]` is `[A-Za-z0-9]`, `\s` is
/// `[\t\n\x0B\x0C\r ]` and a word character for `\b` is `[A-Za-z0-9_]`).
fn ascii_tokens(piece: &str, base: usize) -> Vec<Token> {
    let p = piece.as_bytes();
    let n = p.len();
    let alnum = |i: usize| i < n && p[i].is_ascii_alphanumeric();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let b = p[i];
        if matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            i += 1;
            continue;
        }
        // (?:\p{Lu}\.){2,}
        let mut e = i;
        while e + 1 < n && p[e].is_ascii_uppercase() && p[e + 1] == b'.' {
            e += 2;
        }
        if e - i < 4 {
            e = if b.is_ascii_alphanumeric() {
                // [\p{L}\p{N}]+(?:[-.,][\p{L}\p{N}]+)*
                let mut j = i + 1;
                loop {
                    while alnum(j) {
                        j += 1;
                    }
                    if j < n && matches!(p[j], b'-' | b'.' | b',') && alnum(j + 1) {
                        j += 1;
                    } else {
                        break j;
                    }
                }
            } else if b == b'\''
                && i + 1 < n
                && matches!(p[i + 1], b's' | b'S')
                && !(i + 2 < n && (p[i + 2].is_ascii_alphanumeric() || p[i + 2] == b'_'))
            {
                // ['’][sS]\b
                i + 2
            } else {
                // [^\s]
                i + 1
            };
        }
        let s = &piece[i..e];
        out.push(Token {
            span: Span::new(base + i, base + e),
            lower: s.to_ascii_lowercase(),
            capitalized: b.is_ascii_uppercase(),
        });
        i = e;
    }
    out
}

/// `text[span]` with runs of whitespace folded to one space.
pub fn flat(text: &str, span: Span) -> String {
    text[span.start..span.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<String> {
        segment(t).iter().map(|s| flat(t, s.span)).collect()
    }

    #[test]
    fn splits_on_punctuation_not_abbreviations() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr. Qin met Gen. Li. They talked.",
                &["Mr. Qin met Gen. Li.", "They talked."],
            ),
            (
                "The U.S. imposed tariffs on Jan. 5. China protested.",
                &["The U.S. imposed tariffs on Jan. 5.", "China protested."],
            ),
            (
                "Sanctions hit the U.S. The EU objected.",
                &["Sanctions hit the U.S.", "The EU objected."],
            ),
            (
                "Growth was 2.5 percent. Fine.",
                &["Growth was 2.5 percent.", "Fine."],
            ),
            (
                "He said, \"We protest.\" Then left.",
                &["He said, \"We protest.\"", "Then left."],
            ),
            ("J. Smith arrived. Ok", &["J. Smith arrived.", "Ok"]),
        ];
        for (text, want) in cases {
            assert_eq!(sents(text), *want, "{text}");
        }
    }

    #[test]
    fn joins_blocks_broken_mid_sentence() {
        let t = "Qin told his counterpart that Tokyo’s\n\nnew export controls\n\nwill fail.\n\nNext one.";
        assert_eq!(
            sents(t),
            vec![
                "Qin told his counterpart that Tokyo’s new export controls will fail.",
                "Next one."
            ]
        );
        let seg = segment(t);
        assert_eq!(seg[0].paragraph, 0);
        assert_eq!(seg[1].paragraph, 1);
    }

    #[test]
    fn headings_and_hard_wraps() {
        let t = "Title line\n\nBody starts here\nand wraps. Second.";
        assert_eq!(
            sents(t),
            vec!["Title line", "Body starts here and wraps.", "Second."]
        );
    }

    #[test]
    fn tokens_keep_abbreviations_and_possessives() {
        let t = "The U.S.’s new curbs on Japan's 23 items, worth $1,500.";
        let toks: Vec<String> = tokens(t, Span::new(0, t.len()))
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(
            toks,
            vec![
                "the", "u.s.", "'s", "new", "curbs", "on", "japan", "'s", "23", "items", ",",
                "worth", "$", "1,500", "."
            ]
        );
    }

    /// Without its `\b`, the regex (and a look at the next character) finds what it does.
    #[test]
    fn token_ranges_match_the_regex() {
        let alphabet: &[&str] = &[
            "a", "Z", "É", "é", "s", "S", "'", "’", ".", ",", "-", " ", "\u{a0}", "\u{301}", "_",
            "٣", "²", "Ж", "中", "“", "—", "0", "\n", "U.", "Ü.", "’s", "'S", "\u{200d}", "$",
        ];
        let mut seed = 0x1234_5678_9abc_def1u64;
        for _ in 0..30_000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 12) {
                t.push_str(alphabet[((seed >> (5 * k)) % alphabet.len() as u64) as usize]);
            }
            let want: Vec<(usize, usize)> =
                TOKEN.find_iter(&t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(token_ranges(&t), want, "{t:?}");
        }
    }

    /// The ASCII tokenizer finds what the regex does.
    #[test]
    fn ascii_tokens_match_the_regex() {
        let regex_tokens = |t: &str| -> Vec<Token> {
            TOKEN
                .find_iter(t)
                .map(|m| Token {
                    span: Span::new(m.start(), m.end()),
                    lower: m.as_str().to_lowercase(),
                    capitalized: m.as_str().chars().next().is_some_and(char::is_uppercase),
                })
                .collect()
        };
        let alphabet: &[&str] = &[
            "a", "Z", "U", "S", ".", ",", "-", "'", "s", " ", "0", "9", "\t", "\n", "\x0b", "\x0c",
            "_", "$", "(", "U.S.", "'s", "'S", "1,500", "e.g.", "\x1c", "\x7f", "!", "\"",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..30_000 {
            let mut t = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 12) {
                t.push_str(alphabet[((seed >> (5 * k)) % alphabet.len() as u64) as usize]);
            }
            assert_eq!(ascii_tokens(&t, 0), regex_tokens(&t), "{t:?}");
        }
        let t = "The U.S.’s new curbs on Japan's 23 items, worth $1,500. A.B.C. x.y.Z. 'S_ 's9";
        for (a, b) in [(0, t.len()), (4, 40), (60, t.len())] {
            let ascii = &t[a..b];
            if ascii.is_ascii() {
                let mut want = regex_tokens(ascii);
                for w in &mut want {
                    w.span = Span::new(w.span.start + a, w.span.end + a);
                }
                assert_eq!(tokens(t, Span::new(a, b)), want);
            }
        }
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "",
            ".",
            "...",
            "\n\n\n",
            "日本。中国.",
            "a.\u{2028}b",
            "“”’.",
            "U.S.",
        ] {
            let s = segment(t);
            for x in &s {
                assert!(t.is_char_boundary(x.span.start) && t.is_char_boundary(x.span.end));
                let _ = tokens(t, x.span);
            }
        }
    }
}

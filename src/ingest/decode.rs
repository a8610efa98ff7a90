//! Decoding whole inputs to text: BOMs, UTF-16, invalid UTF-8, binary and empty inputs.

use std::borrow::Cow;

/// A decoded input, with a warning when something had to be replaced.
#[derive(Debug, PartialEq)]
pub(crate) struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

pub(crate) const EMPTY: &str = "empty file";
pub(crate) const BINARY: &str = "binary file, not text";

/// Decodes a whole input; `Err` carries the message of an input that cannot be read as text.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let decoded = if let Some(enc) = utf16 {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[2..]);
        Decoded {
            text: text.into_owned(),
            warning: had_errors.then(|| "invalid UTF-16 replaced".to_string()),
        }
    } else {
        if bytes.contains(&0) {
            return Err(BINARY.into());
        }
        let (body, skipped) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (bytes, 0),
        };
        match std::str::from_utf8(body) {
            Ok(s) => Decoded {
                text: s.to_string(),
                warning: None,
            },
            Err(e) => Decoded {
                text: String::from_utf8_lossy(body).into_owned(),
                warning: Some(format!(
                    "invalid UTF-8 replaced (first bad byte at offset {})",
                    e.valid_up_to() + skipped
                )),
            },
        }
    };
    // A UTF-16 file may still be binary once decoded (or carry a second BOM).
    let text = match decoded.text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => decoded.text,
    };
    if text.contains('\0') {
        return Err(BINARY.into());
    }
    if text.trim().is_empty() {
        return Err(EMPTY.into());
    }
    Ok(Decoded {
        text,
        warning: decoded.warning,
    })
}

/// CRLF and lone CR to LF.
pub(crate) fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        let mut out = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in s.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn decodes() {
        let ok = |t: &str| {
            Ok(Decoded {
                text: t.into(),
                warning: None,
            })
        };
        let cases: Vec<(&str, Vec<u8>, Result<Decoded, String>)> = vec![
            ("plain", b"hello".to_vec(), ok("hello")),
            ("utf-8 bom", b"\xEF\xBB\xBFhello".to_vec(), ok("hello")),
            ("utf-16 le", utf16("Tōkyō ✓", true), ok("Tōkyō ✓")),
            ("utf-16 be", utf16("Tōkyō ✓", false), ok("Tōkyō ✓")),
            (
                "invalid utf-8",
                b"ab\xFFcd".to_vec(),
                Ok(Decoded {
                    text: "ab\u{FFFD}cd".into(),
                    warning: Some("invalid UTF-8 replaced (first bad byte at offset 2)".into()),
                }),
            ),
            (
                "invalid utf-8 after bom counts the bom",
                b"\xEF\xBB\xBFab\xC3".to_vec(),
                Ok(Decoded {
                    text: "ab\u{FFFD}".into(),
                    warning: Some("invalid UTF-8 replaced (first bad byte at offset 5)".into()),
                }),
            ),
            (
                "odd utf-16",
                b"\xFF\xFEa\x00b".to_vec(),
                Ok(Decoded {
                    text: "a\u{FFFD}".into(),
                    warning: Some("invalid UTF-16 replaced".into()),
                }),
            ),
            ("empty", b"".to_vec(), Err(EMPTY.into())),
            ("whitespace", b" \r\n\t ".to_vec(), Err(EMPTY.into())),
            ("bom only", b"\xEF\xBB\xBF".to_vec(), Err(EMPTY.into())),
            ("utf-16 bom only", b"\xFF\xFE".to_vec(), Err(EMPTY.into())),
            ("nul", b"ab\x00cd".to_vec(), Err(BINARY.into())),
            (
                "utf-16 without bom",
                b"a\x00b\x00".to_vec(),
                Err(BINARY.into()),
            ),
            ("utf-16 nul", utf16("a\0b", true), Err(BINARY.into())),
        ];
        for (what, bytes, want) in cases {
            assert_eq!(decode(&bytes), want, "{what}");
        }
    }

    #[test]
    fn newlines() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(normalize_newlines("a\nb"), Cow::Borrowed(_)));
    }
}

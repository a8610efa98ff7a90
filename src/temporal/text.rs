//! Whitespace-normalised view of the input with a map back to original byte offsets.
//!
//! Every run of whitespace becomes one ASCII space and typographic apostrophes become `'`,
//! so patterns can match expressions broken across hard-wrapped lines. Each byte of the
//! normalised string remembers the byte range of the original character it came from.

/// The last `n` bytes of `s` (or a little more, to stay on a character boundary).
pub fn tail(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[i..]
}

/// The first `n` bytes of `s` (or a little more, to stay on a character boundary).
pub fn head(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[..i]
}

/// Normalised text plus offset maps.
pub struct Norm {
    pub s: String,
    starts: Vec<usize>,
    ends: Vec<usize>,
}

impl Norm {
    pub fn new(text: &str) -> Norm {
        let mut s = String::with_capacity(text.len());
        let mut starts = Vec::with_capacity(text.len());
        let mut ends = Vec::with_capacity(text.len());
        let mut last_space = false;
        for (i, c) in text.char_indices() {
            let end = i + c.len_utf8();
            if c.is_whitespace() {
                if last_space {
                    // extend the previous space's source range
                    if let Some(e) = ends.last_mut() {
                        *e = end;
                    }
                    continue;
                }
                last_space = true;
                s.push(' ');
                starts.push(i);
                ends.push(end);
                continue;
            }
            last_space = false;
            let out = match c {
                '\u{2019}' | '\u{2018}' => '\'',
                '\u{2013}' | '\u{2014}' => '-',
                _ => c,
            };
            s.push(out);
            for _ in 0..out.len_utf8() {
                starts.push(i);
                ends.push(end);
            }
        }
        Norm { s, starts, ends }
    }

    /// Original byte range of the normalised range `[s, e)` (`s < e`, both char boundaries).
    pub fn orig(&self, s: usize, e: usize) -> (usize, usize) {
        (self.starts[s], self.ends[e - 1])
    }
}

//! RON text as tokens: kinds and byte ranges, found without parsing so that places can be
//! found in broken files too.

/// What a token is, as far as finding places in the source needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// `(`, `[` or `{`.
    Open,
    /// `)`, `]` or `}`.
    Close,
    /// A string or byte string, plain or raw.
    Str,
    /// A character or byte literal.
    Char,
    Number,
    Ident,
    Colon,
    Comma,
    /// Anything else (`#`, `!`, stray characters).
    Other,
}

/// A token: its kind and byte range. Whitespace and comments are not tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    pub start: usize,
    pub end: usize,
    /// A string or comment that runs to the end of the file.
    pub unterminated: bool,
}

/// Splits RON text into tokens. Never fails: text that is not RON still becomes tokens,
/// so that places can be found in broken files too.
pub fn tokenize(source: &str) -> Vec<Token> {
    let bytes = source.as_bytes();
    let len = bytes.len();
    let mut tokens = Vec::with_capacity(len / 4);
    let mut i = 0;
    while i < len {
        let start = i;
        let b = bytes[i];
        let next = bytes.get(i + 1).copied();
        let mut unterminated = false;
        let (kind, end) = match b {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if next == Some(b'/') => {
                i = memchr(b'\n', bytes, i).map_or(len, |nl| nl + 1);
                continue;
            }
            b'/' if next == Some(b'*') => {
                i = block_comment_end(bytes, i);
                continue;
            }
            b'"' => string_end(source, start + 1, b'"', &mut unterminated),
            b'b' if next == Some(b'"') => string_end(source, start + 2, b'"', &mut unterminated),
            b'r' | b'b' if raw_string_start(source, start).is_some() => {
                let (hashes, body) = raw_string_start(source, start).unwrap_or((0, start));
                let closing = format!("\"{}", "#".repeat(hashes));
                match source[body..].find(&closing) {
                    Some(at) => (TokenKind::Str, body + at + closing.len()),
                    None => {
                        unterminated = true;
                        (TokenKind::Str, len)
                    }
                }
            }
            b'\'' => (
                TokenKind::Char,
                quoted_end(bytes, start + 1, b'\'').unwrap_or(start + 1),
            ),
            b'b' if next == Some(b'\'') => (
                TokenKind::Char,
                quoted_end(bytes, start + 2, b'\'').unwrap_or(start + 2),
            ),
            b'(' | b'[' | b'{' => (TokenKind::Open, start + 1),
            b')' | b']' | b'}' => (TokenKind::Close, start + 1),
            b':' => (TokenKind::Colon, start + 1),
            b',' => (TokenKind::Comma, start + 1),
            b'0'..=b'9' => (TokenKind::Number, number_end(bytes, start + 1)),
            b'-' | b'+' | b'.'
                if next.is_some_and(|n| n.is_ascii_digit() || n == b'.' || n == b'i') =>
            {
                (TokenKind::Number, number_end(bytes, start + 1))
            }
            _ => {
                // Not ASCII punctuation: a whole character decides.
                let ch = source[start..].chars().next().unwrap_or('\u{FFFD}');
                if ch.is_whitespace() {
                    i += ch.len_utf8();
                    continue;
                }
                if ch.is_alphanumeric() || ch == '_' {
                    let mut end = start;
                    // A raw identifier, `r#name`.
                    if b == b'r' && next == Some(b'#') {
                        end += 2;
                    }
                    end += source[end..]
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(len - end);
                    (TokenKind::Ident, end.max(start + 1))
                } else {
                    (TokenKind::Other, start + ch.len_utf8())
                }
            }
        };
        tokens.push(Token {
            kind,
            start,
            end,
            unterminated,
        });
        i = end.max(start + 1);
        // Tokens end on character boundaries; stay on one whatever the text.
        while i < len && !source.is_char_boundary(i) {
            i += 1;
        }
    }
    tokens
}

fn memchr(needle: u8, bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == needle)
        .map(|at| from + at)
}

/// The byte after a (nested) block comment that starts at `from`, or the end of the text.
fn block_comment_end(bytes: &[u8], from: usize) -> usize {
    let mut depth = 0usize;
    let mut i = from;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return i;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

fn string_end(source: &str, from: usize, quote: u8, unterminated: &mut bool) -> (TokenKind, usize) {
    let end = quoted_end(source.as_bytes(), from, quote);
    *unterminated = end.is_none();
    (TokenKind::Str, end.unwrap_or(source.len()))
}

/// The byte just past the closing `quote` of a literal whose body starts at `from`.
fn quoted_end(bytes: &[u8], from: usize, quote: u8) -> Option<usize> {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// The byte after a number whose first byte was just read: digits, letters (hex, suffixes,
/// exponents), `_`, `.`, and a sign right after an exponent's `e`.
fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(&b) = bytes.get(i) {
        let exponent_sign = (b == b'-' || b == b'+') && matches!(bytes[i - 1], b'e' | b'E');
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign {
            i += 1;
        } else {
            break;
        }
    }
    i
}

/// For `r"`, `r#"`, `br"`...: the number of hashes and where the body starts.
pub(super) fn raw_string_start(source: &str, start: usize) -> Option<(usize, usize)> {
    let rest = &source[start..];
    let rest = rest.strip_prefix('b').unwrap_or(rest);
    let after_r = rest.strip_prefix('r')?;
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    let body = after_r[hashes..].strip_prefix('"')?;
    Some((hashes, source.len() - body.len()))
}

/// The first opening bracket at a depth beyond `limit`.
pub(super) fn first_too_deep(tokens: &[Token], limit: usize) -> Option<&Token> {
    let mut depth = 0usize;
    for token in tokens {
        match token.kind {
            TokenKind::Open => {
                depth += 1;
                if depth > limit {
                    return Some(token);
                }
            }
            TokenKind::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

pub(super) fn token_extent(token: &Token) -> (usize, usize) {
    (token.start, token.end - token.start)
}

/// The index just after a `#![...]` (or `#[...]`) attribute starting at `ix`.
pub(super) fn skip_attribute(tokens: &[Token], mut ix: usize) -> usize {
    ix += 1; // '#'
    if tokens.get(ix).is_some_and(|t| t.kind == TokenKind::Other) {
        ix += 1; // '!'
    }
    let mut depth = 0usize;
    while let Some(token) = tokens.get(ix) {
        ix += 1;
        match token.kind {
            TokenKind::Open => depth += 1,
            TokenKind::Close => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            _ if depth == 0 => break,
            _ => {}
        }
    }
    ix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<&str> {
        tokenize(source)
            .iter()
            .map(|t| &source[t.start..t.end])
            .collect()
    }
    #[test]
    fn tokens_skip_comments_and_keep_strings_whole() {
        let source = "A( // note: (\n x: \"a \\\" ) b\", /* c /* nested */ ) */ y: r#\"q\"uote\"#, z: -1.5e-3, 名: 'c' )";
        let expected = [
            "A",
            "(",
            "x",
            ":",
            "\"a \\\" ) b\"",
            ",",
            "y",
            ":",
            "r#\"q\"uote\"#",
            ",",
            "z",
            ":",
            "-1.5e-3",
            ",",
            "名",
            ":",
            "'c'",
            ")",
        ];
        assert_eq!(texts(source), expected);
    }
    #[test]
    fn unterminated_strings_and_comments_run_to_the_end() {
        let tokens = tokenize("x: \"open");
        assert_eq!(tokens.len(), 3);
        assert!(tokens[2].unterminated);
        assert_eq!(texts("a /* never closed ) ]"), ["a"]);
        assert!(tokenize("  // only a comment\n\t ").is_empty());
    }
}

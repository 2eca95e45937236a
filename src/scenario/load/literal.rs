//! The text a string literal stands for, unescaped and cleaned as the model holds it.

use super::tokens::raw_string_start;
use crate::scenario::text::clean;

/// The text a string literal stands for, cleaned as [`Text`](crate::scenario::text::Text) is.
pub fn string_value(literal: &str) -> String {
    let body = literal.strip_prefix('b').unwrap_or(literal);
    if let Some((hashes, start)) = raw_string_start(literal, 0) {
        // The closing quote and hashes, when the literal has them: a raw string that runs
        // to the end of a broken file has none.
        let closing = format!("\"{}", "#".repeat(hashes));
        let body = &literal[start..];
        return clean(body.strip_suffix(closing.as_str()).unwrap_or(body));
    }
    let body = body.strip_prefix('"').unwrap_or(body);
    let body = body.strip_suffix('"').unwrap_or(body);
    let mut out = String::with_capacity(body.len());
    let mut bytes: Vec<u8> = Vec::new();
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push_str(&String::from_utf8_lossy(&std::mem::take(&mut bytes)));
            out.push(c);
            continue;
        }
        let escaped = match chars.next() {
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('0') => '\0',
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                if let Ok(byte) = u8::from_str_radix(&hex, 16) {
                    bytes.push(byte);
                }
                continue;
            }
            Some('u') => {
                let digits: String = chars
                    .by_ref()
                    .skip_while(|&c| c == '{')
                    .take_while(|&c| c != '}')
                    .collect();
                match u32::from_str_radix(&digits, 16)
                    .ok()
                    .and_then(char::from_u32)
                {
                    Some(c) => c,
                    None => continue,
                }
            }
            // A backslash at a line's end continues the string on the next line.
            Some('\n') => {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                continue;
            }
            Some(other) => other,
            None => break,
        };
        out.push_str(&String::from_utf8_lossy(&std::mem::take(&mut bytes)));
        out.push(escaped);
    }
    out.push_str(&String::from_utf8_lossy(&bytes));
    clean(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_values_are_unescaped_and_cleaned() {
        assert_eq!(string_value(r#""a\"b\\c""#), "a\"b\\c");
        assert_eq!(string_value(r#""\u{1b}[2Jx\u{202E}""#), "[2Jx");
        assert_eq!(string_value(r#""caf\xc3\xa9""#), "café");
        assert_eq!(string_value("r#\"raw \"q\"\"#"), "raw \"q\"");
        assert_eq!(string_value("\"one \\\n     two\""), "one two");
    }
}

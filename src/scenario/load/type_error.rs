//! Type errors in an author's words: which type the field wants, and what the file holds
//! there instead ("expected an integer (u32) for `count`, found the float 1.5").

use super::tokens::{Token, TokenKind};

/// The integer fields of the scenario format and their types, for saying which type is
/// expected: ron's errors say only that an integer was wanted. A field missing here is
/// still reported, as "an integer".
const INTEGER_FIELDS: &[(&str, &str)] = &[
    ("schema_version", "u32"),
    ("seed", "u64"),
    ("x", "i32"),
    ("y", "i32"),
    ("duration_days", "u32"),
    ("padding_minutes", "u32"),
    ("count", "u32"),
    ("within_days", "u32"),
    ("delay_min", "u32"),
    ("delay_max", "u32"),
    ("companions", "u32"),
    ("Number", "u64"),
];

/// What a type error expected, in words, when `code` is a type error.
fn expected_words(code: &ron::Error, field: Option<&str>) -> Option<String> {
    use ron::Error as E;
    Some(match code {
        E::ExpectedInteger | E::IntegerOutOfBounds | E::ExpectedComma => integer_words(field),
        E::ExpectedString => "text in double quotes".to_owned(),
        E::ExpectedBoolean => "`true` or `false`".to_owned(),
        E::ExpectedArray => "a list in `[` `]`".to_owned(),
        _ => return None,
    })
}

fn integer_words(field: Option<&str>) -> String {
    let width = field.and_then(|f| INTEGER_FIELDS.iter().find(|(name, _)| *name == f));
    match width {
        Some((_, ty)) if ty.starts_with('u') => format!("an integer ({ty}, 0 or more)"),
        Some((_, ty)) => format!("an integer ({ty})"),
        None => "an integer".to_owned(),
    }
}

/// The message for a type error at token `at` (an index into `tokens`), or `None` when the
/// error is not one of a value of the wrong type.
///
/// A float where an integer goes is seen by ron as an integer followed by junk ("expected
/// a comma"): it is recognised by ron stopping inside a number token that holds a point or
/// an exponent.
pub(super) fn type_message(
    code: &ron::Error,
    source: &str,
    tokens: &[Token],
    at: usize,
    ron_offset: usize,
) -> Option<String> {
    let token = tokens.get(at)?;
    let text = &source[token.start..token.end];
    let float = token.kind == TokenKind::Number && is_float(text);
    if matches!(code, ron::Error::ExpectedComma) && !(float && ron_offset > token.start) {
        return None;
    }
    let field = field_of(source, tokens, at);
    let expected = expected_words(code, field.as_ref().map(|(name, _)| *name))?;
    let place = match field {
        Some((name, false)) => format!(" for `{name}`"),
        Some((name, true)) => format!(" for an item of `{name}`"),
        None => " here".to_owned(),
    };
    let found = found_words(source, tokens, at, float);
    Some(format!("expected {expected}{place}, found {found}"))
}

fn is_float(number: &str) -> bool {
    let digits = number.trim_start_matches(['-', '+']);
    let hex = digits.starts_with("0x") || digits.starts_with("0b") || digits.starts_with("0o");
    digits.contains('.') || (!hex && digits.contains(['e', 'E'])) || digits == "inf"
}

/// What the file holds at token `at`, in words.
fn found_words(source: &str, tokens: &[Token], at: usize, float: bool) -> String {
    let token = &tokens[at];
    let text = &source[token.start..token.end];
    let next_opens = tokens
        .get(at + 1)
        .is_some_and(|t| t.kind == TokenKind::Open && source[t.start..].starts_with('('));
    match token.kind {
        TokenKind::Number if float => format!("the float {text}"),
        TokenKind::Number if text.starts_with('-') => format!("the negative number {text}"),
        TokenKind::Number => format!("the number {text}"),
        TokenKind::Str => format!("the text {}", shorten(text)),
        TokenKind::Char => format!("the character {text}"),
        TokenKind::Ident if text == "true" || text == "false" => format!("`{text}`"),
        TokenKind::Ident if next_opens => format!("`{text}(...)`"),
        TokenKind::Ident => format!("the word `{text}`"),
        TokenKind::Open if text == "[" => "a list".to_owned(),
        TokenKind::Open => format!("`{text}`"),
        TokenKind::Close | TokenKind::Comma => "nothing".to_owned(),
        _ => format!("`{}`", shorten(text)),
    }
}

/// A string literal cut to a length that reads in one line.
fn shorten(text: &str) -> String {
    const MOST: usize = 40;
    if text.chars().count() <= MOST {
        return text.to_owned();
    }
    let cut: String = text.chars().take(MOST).collect();
    format!("{cut}...\"")
}

/// The field a value at token `at` belongs to, and whether the value is an item of a list
/// under it: `name: VALUE`, `name: Some(VALUE)`, `name: [.., VALUE]`.
fn field_of<'s>(source: &'s str, tokens: &[Token], at: usize) -> Option<(&'s str, bool)> {
    let text = |ix: usize| &source[tokens[ix].start..tokens[ix].end];
    let named = |colon: usize| -> Option<&'s str> {
        (colon >= 1
            && tokens[colon].kind == TokenKind::Colon
            && tokens[colon - 1].kind == TokenKind::Ident)
            .then(|| &source[tokens[colon - 1].start..tokens[colon - 1].end])
    };
    let before = at.checked_sub(1)?;
    if let Some(name) = named(before) {
        return Some((name, false));
    }
    // `Some(VALUE)`, or a tuple variant such as `Number(VALUE)`.
    if tokens[before].kind == TokenKind::Open && text(before) == "(" && before >= 1 {
        let wrapper = before - 1;
        if tokens[wrapper].kind == TokenKind::Ident {
            if text(wrapper) == "Some" {
                return wrapper.checked_sub(1).and_then(named).map(|n| (n, false));
            }
            return Some((text(wrapper), false));
        }
    }
    // An item of a list: walk back to the list's `[` at this depth.
    let mut depth = 0usize;
    for ix in (0..at).rev() {
        match tokens[ix].kind {
            TokenKind::Close => depth += 1,
            TokenKind::Open if depth > 0 => depth -= 1,
            TokenKind::Open if text(ix) == "[" => {
                return ix.checked_sub(1).and_then(named).map(|n| (n, true));
            }
            TokenKind::Open => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load::tokenize;

    fn message(code: ron::Error, source: &str, value: &str) -> Option<String> {
        let tokens = tokenize(source);
        let start = source.find(value).unwrap();
        let at = tokens.iter().position(|t| t.start == start).unwrap();
        type_message(&code, source, &tokens, at, start + 1)
    }

    #[test]
    fn names_the_field_its_type_and_what_was_found() {
        assert_eq!(
            message(ron::Error::ExpectedComma, "Crowd(count: 1.5, x: 2)", "1.5").as_deref(),
            Some("expected an integer (u32, 0 or more) for `count`, found the float 1.5")
        );
        assert_eq!(
            message(
                ron::Error::ExpectedInteger,
                "R(duration_days: Some(\"ten\"))",
                "\"ten\""
            )
            .as_deref(),
            Some(
                "expected an integer (u32, 0 or more) for `duration_days`, found the text \"ten\""
            )
        );
        assert_eq!(
            message(ron::Error::ExpectedString, "P(tags: [\"a\", 3])", "3").as_deref(),
            Some("expected text in double quotes for an item of `tags`, found the number 3")
        );
        assert_eq!(
            message(ron::Error::IntegerOutOfBounds, "V(x: -3000000000)", "-3").as_deref(),
            Some("expected an integer (i32) for `x`, found the negative number -3000000000")
        );
        assert_eq!(
            message(ron::Error::ExpectedBoolean, "R(b: Yes)", "Yes").as_deref(),
            Some("expected `true` or `false` for `b`, found the word `Yes`")
        );
        // A comma really missing is not a type error.
        assert_eq!(
            message(ron::Error::ExpectedComma, "C(a: 1 b: 2)", "b"),
            None
        );
        assert_eq!(message(ron::Error::Eof, "C(a: 1", "1"), None);
    }
}

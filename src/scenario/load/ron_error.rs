//! RON's errors in an author's words, placed at the token they concern.

use super::RECURSION_LIMIT;
use super::suggest::did_you_mean;
use super::tokens::{Token, TokenKind, skip_attribute, token_extent};
use super::type_error::type_message;
use crate::scenario::diagnostic::{Diagnostic, Severity, line_column, offset_of};

/// A diagnostic for a RON error, at the token it concerns.
///
/// ron's span starts where its cursor stood before the token it was reading, which may be
/// the whitespace in front of it or the middle of it (after a string's opening quote, after
/// a minus sign). The place reported is the start of the token the error concerns.
pub(super) fn ron_diagnostic(
    file: &str,
    source: &str,
    tokens: &[Token],
    e: &ron::error::SpannedError,
) -> Diagnostic {
    let start = offset_of(source, e.span.start.line, e.span.start.col);
    let end = offset_of(source, e.span.end.line, e.span.end.col).max(start);
    let (offset, length) = match e.code {
        ron::Error::TrailingCharacters => trailing_start(tokens).map_or((start, 1), token_extent),
        _ => match token_at_or_after(tokens, start) {
            Some(token) if token.start <= end.max(start) => token_extent(token),
            // Nothing but whitespace and comments follow: the error is at the end.
            None => (source.len(), 0),
            Some(_) => (start, 1),
        },
    };
    let at = tokens.partition_point(|t| t.start < offset);
    let typed = tokens
        .get(at)
        .filter(|t| t.start == offset)
        .and_then(|_| type_message(&e.code, source, tokens, at, start));
    let mut message = typed.unwrap_or_else(|| describe_ron_error(&e.code));
    if matches!(e.code, ron::Error::Eof | ron::Error::ExpectedStringEnd) {
        // The end of the file is no place to look: point at what was left open.
        if let Some(open) = innermost_unclosed(tokens) {
            let message = if open.kind == TokenKind::Str {
                "this string is never closed: the file ends inside it".to_owned()
            } else {
                let bracket = &source[open.start..open.end];
                format!("this `{bracket}` is never closed: the file ends first")
            };
            return Diagnostic::at_offset(file, source, open.start, 1, Severity::Error, message);
        }
    } else if let Some(string) = multi_line_string_before(source, tokens, offset) {
        let (line, column) = line_column(source, string.start);
        message.push_str(&format!(
            " (the string that opens at line {line}, column {column} runs over several lines: \
             is its closing `\"` missing?)"
        ));
    }
    Diagnostic::at_offset(file, source, offset, length, Severity::Error, message)
}

/// The token that contains `offset`, or failing that the first one after it.
fn token_at_or_after(tokens: &[Token], offset: usize) -> Option<&Token> {
    let after = tokens.partition_point(|t| t.end <= offset);
    tokens.get(after)
}

/// The first token after the file's top-level value (after any `#![...]` attributes).
fn trailing_start(tokens: &[Token]) -> Option<&Token> {
    let mut ix = 0;
    loop {
        let token = tokens.get(ix)?;
        let at_attribute = token.kind == TokenKind::Other
            && tokens
                .get(ix + 1)
                .is_some_and(|t| t.kind == TokenKind::Other || t.kind == TokenKind::Open);
        ix = if at_attribute {
            skip_attribute(tokens, ix)
        } else {
            break;
        };
    }
    let mut depth = 0usize;
    let mut opened = false;
    for (i, token) in tokens.iter().enumerate().skip(ix) {
        match token.kind {
            TokenKind::Open => {
                depth += 1;
                opened = true;
            }
            TokenKind::Close => depth = depth.saturating_sub(1),
            _ => {}
        }
        let value_ends = depth == 0
            && (opened || !matches!(tokens.get(i + 1), Some(t) if t.kind == TokenKind::Open));
        if value_ends {
            return tokens.get(i + 1);
        }
    }
    None
}

/// The opening bracket still open at the end of the file, innermost first.
fn innermost_unclosed(tokens: &[Token]) -> Option<&Token> {
    let mut open: Vec<&Token> = Vec::new();
    for token in tokens {
        match token.kind {
            TokenKind::Open => open.push(token),
            TokenKind::Close => {
                open.pop();
            }
            _ => {}
        }
    }
    let unterminated = tokens
        .last()
        .filter(|t| t.kind == TokenKind::Str && t.unterminated);
    unterminated.or(open.last().copied())
}

/// A string spanning lines that ends just before `offset`: the usual sign of a missing quote.
fn multi_line_string_before<'t>(
    source: &str,
    tokens: &'t [Token],
    offset: usize,
) -> Option<&'t Token> {
    let before = tokens.partition_point(|t| t.end <= offset);
    let token = tokens.get(before.checked_sub(1)?)?;
    (token.kind == TokenKind::Str && source[token.start..token.end].contains('\n')).then_some(token)
}

/// Words for a RON error that a scenario author can act on.
fn describe_ron_error(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::ExceededRecursionLimit => {
            format!("the file nests deeper than {RECURSION_LIMIT} levels")
        }
        E::Eof => "the file ends too soon: something is not closed".to_owned(),
        E::ExpectedString => "expected text in double quotes here".to_owned(),
        E::ExpectedInteger => "expected a whole number here".to_owned(),
        E::ExpectedBoolean => "expected `true` or `false` here".to_owned(),
        E::ExpectedArray => "expected a list in `[` `]` here".to_owned(),
        E::ExpectedComma => "expected a comma here".to_owned(),
        E::IntegerOutOfBounds => "this number is out of range here".to_owned(),
        E::ExpectedNamedStructLike(name) => format!("expected `{name}(` here"),
        E::ExpectedDifferentStructName { expected, found } => format!(
            "expected `{expected}(` but found `{found}`: is a closing `]` or `)` missing before it?"
        ),
        E::MissingStructField { field, outer } => match outer {
            Some(outer) => format!("`{outer}` is missing its field `{field}`"),
            None => format!("missing field `{field}`"),
        },
        E::DuplicateStructField { field, .. } => format!("the field `{field}` is written twice"),
        E::TrailingCharacters => {
            "something follows the end of the scenario: a file holds one `Scenario(...)`".to_owned()
        }
        E::NoSuchStructField {
            expected, found, ..
        }
        | E::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let mut text = ron_words(code);
            text.push_str(&did_you_mean(found, expected.iter().copied()));
            text
        }
        other => ron_words(other),
    }
}

/// ron's own words, with the first letter lowered to match the rest.
fn ron_words(code: &ron::Error) -> String {
    let text = code.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => text,
    }
}

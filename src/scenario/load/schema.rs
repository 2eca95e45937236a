//! The schema version, found in the tokens before the file is parsed, so that a file
//! from another version is named as such rather than judged field by field.

use super::tokens::{Token, TokenKind};
use crate::scenario::diagnostic::{Diagnostic, Severity};
use crate::scenario::model::{OLDEST_SCHEMA_VERSION, SCHEMA_VERSION};

pub(super) fn schema_message(found: &str) -> String {
    format!(
        "schema_version {found} is not one this redcode reads (it reads {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION})"
    )
}

/// Whether this build reads files of a schema version (migrating the older ones).
pub(super) fn readable(version: u64) -> bool {
    (u64::from(OLDEST_SCHEMA_VERSION)..=u64::from(SCHEMA_VERSION)).contains(&version)
}

/// What `validate` says of a file of an older version, migrated on load.
pub fn migration_notice(file: &str, from: u32) -> String {
    format!(
        "schema_version {from}, read as {SCHEMA_VERSION}: `redcode validate --upgrade {file}` rewrites it"
    )
}

/// The first token of the value of a field of the top-level value, found without parsing.
pub fn top_level_value<'t>(source: &str, tokens: &'t [Token], key: &str) -> Option<&'t Token> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            TokenKind::Open => depth += 1,
            TokenKind::Close => depth = depth.saturating_sub(1),
            TokenKind::Ident
                if depth == 1
                    && &source[token.start..token.end] == key
                    && tokens
                        .get(i + 1)
                        .is_some_and(|t| t.kind == TokenKind::Colon) =>
            {
                return tokens.get(i + 2);
            }
            _ => {}
        }
    }
    None
}

pub(super) fn schema_error(file: &str, source: &str, version: &Token, text: &str) -> Diagnostic {
    Diagnostic::at_offset(
        file,
        source,
        version.start,
        version.end - version.start,
        Severity::Error,
        schema_message(text),
    )
}

//! Reading a scenario file: size cap, UTF-8, nesting limit, RON, schema version; and the
//! map of where each value sits in the text, so that diagnostics can point at it.

mod literal;
mod read;
mod ron_error;
mod schema;
mod source_map;
mod suggest;
mod tokens;
mod type_error;

use std::path::Path;

use super::ScenarioError;
use super::diagnostic::{Diagnostic, Severity};
use super::model::{SCHEMA_VERSION, Scenario};
use ron_error::ron_diagnostic;
use schema::{readable, schema_error, schema_message};

pub use schema::{migration_notice, top_level_value};
use tokens::{first_too_deep, token_extent};

pub use literal::string_value;
pub use read::{open_regular, read_capped};
pub use source_map::{Child, Node, NodeKind, SourceMap, Step};
pub use suggest::{closest, did_you_mean};
pub use tokens::{Token, TokenKind, tokenize};

/// Larger files are refused before they are parsed: the full city is a few hundred KiB,
/// since crowds are generated rather than written out.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// How deep RON may nest; real scenarios need about eight levels.
pub const RECURSION_LIMIT: usize = 64;

/// A parsed scenario with the text it came from, kept for pointing at places in it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The name diagnostics use for the file.
    pub file: String,
    pub source: String,
    pub scenario: Scenario,
    /// The older schema version the file was written in, when it was migrated on load to
    /// the current one; `validate` says so ([`migration_notice`]).
    pub migrated_from: Option<u32>,
}

/// Reads and parses a scenario file. Every failure is a diagnostic naming the place.
pub fn load_file(path: &Path) -> Result<Loaded, Vec<Diagnostic>> {
    let file = path.display().to_string();
    let bytes = read_capped(path, MAX_FILE_BYTES)
        .map_err(|message| vec![Diagnostic::whole_file(&file, message)])?;
    parse_bytes(&file, &bytes)
}

/// Parses scenario text that came from `file`.
pub fn parse_bytes(file: &str, bytes: &[u8]) -> Result<Loaded, Vec<Diagnostic>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![Diagnostic::whole_file(
            file,
            ScenarioError::TooBig {
                len: bytes.len() as u64,
                cap: MAX_FILE_BYTES,
            },
        )]);
    }
    let source = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let at = Diagnostic::at_offset(
                file,
                &valid,
                valid.len(),
                0,
                Severity::Error,
                "the file is not UTF-8 text (is it a binary file?)",
            );
            return Err(vec![at]);
        }
    };
    parse_str(file, source)
}

/// Parses scenario text.
pub fn parse_str(file: &str, source: String) -> Result<Loaded, Vec<Diagnostic>> {
    let tokens = tokenize(&source);
    if tokens.is_empty() {
        return Err(vec![Diagnostic::whole_file(
            file,
            "the file is empty: a scenario starts with `Scenario(`",
        )]);
    }
    // Nesting is measured on the tokens first, so that no parser (ron's, or the span map
    // below) ever recurses deeper than this, whatever the file holds.
    if let Some(open) = first_too_deep(&tokens, RECURSION_LIMIT) {
        return Err(vec![Diagnostic::at_offset(
            file,
            &source,
            open.start,
            open.end - open.start,
            Severity::Error,
            format!("the file nests deeper than {RECURSION_LIMIT} levels"),
        )]);
    }
    // A file from a newer (or older) format is named as such before its fields are
    // judged by this version's rules.
    let version = top_level_value(&source, &tokens, "schema_version");
    if let Some(version) = version {
        let text = &source[version.start..version.end];
        if version.kind == TokenKind::Number && text.parse::<u64>().is_ok_and(|v| !readable(v)) {
            return Err(vec![schema_error(file, &source, version, text)]);
        }
    }
    let options = ron::Options::default().with_recursion_limit(RECURSION_LIMIT);
    let mut scenario: Scenario = match options.from_str(&source) {
        Ok(scenario) => scenario,
        Err(e) => return Err(vec![ron_diagnostic(file, &source, &tokens, &e)]),
    };
    // An older file reads as it is: each version since only added optional fields and
    // new names for old ones, which the model still accepts.
    let mut migrated_from = None;
    if scenario.schema_version < SCHEMA_VERSION && readable(scenario.schema_version.into()) {
        migrated_from = Some(scenario.schema_version);
        scenario.schema_version = SCHEMA_VERSION;
    }
    if scenario.schema_version != SCHEMA_VERSION {
        let (offset, length) = version.map_or((0, 0), token_extent);
        return Err(vec![Diagnostic::at_offset(
            file,
            &source,
            offset,
            length,
            Severity::Error,
            schema_message(&scenario.schema_version.to_string()),
        )]);
    }
    Ok(Loaded {
        file: file.to_owned(),
        source,
        scenario,
        migrated_from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_file_is_named_as_such() {
        let errors = parse_bytes("empty.ron", b"").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "empty.ron:1:1: error: the file is empty: a scenario starts with `Scenario(`"
        );
    }

    #[test]
    fn binary_data_points_at_the_first_bad_byte() {
        let errors = parse_bytes("bin.ron", b"Scen\nar\xffio").unwrap_err();
        assert_eq!(errors[0].line, 2);
        assert_eq!(errors[0].column, 3);
        assert!(errors[0].message.contains("UTF-8"));
    }

    #[test]
    fn unknown_fields_are_refused_with_their_place() {
        let errors = parse_str(
            "x.ron",
            "Scenario(\n  schema_version: 1,\n  colour_of_sky: 3,\n)".to_owned(),
        )
        .unwrap_err();
        assert_eq!(errors[0].line, 3);
        assert!(
            errors[0].message.contains("colour_of_sky"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn unknown_fields_inside_enum_variants_are_refused_with_a_suggestion() {
        let text = |what: &str| {
            format!(
                "Scenario(\n  schema_version: 1,\n  events: [\n    Event(at: \"2022-06-10 10:00\", what: {what}),\n  ],\n)"
            )
        };
        let errors =
            parse_str("x.ron", text("Scan(person: \"a\", venue: \"b\", zz: 1)")).unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (4, 71));
        assert!(
            errors[0].message.contains("`zz` in `Scan`"),
            "{}",
            errors[0].message
        );
        let errors = parse_str(
            "x.ron",
            text("Reversal(operator: \"a\", batch: \"b\", noet: \"\")"),
        )
        .unwrap_err();
        assert_eq!((errors[0].line, errors[0].column), (4, 77));
        assert!(
            errors[0].message.ends_with("did you mean `note`?"),
            "{}",
            errors[0].message
        );
        // Inside a rule's trigger and a crowd step's action too.
        let trigger = "Scenario(schema_version: 1, rules: [Rule(id: \"r\", name: \"r\", system: \"s\", \
                       trigger: CaseVisit(padding_minutes: 5, paddng: 3), colour: Red, reason: \"r\")])";
        let errors = parse_str("x.ron", trigger.to_owned()).unwrap_err();
        assert!(
            errors[0].message.contains("`paddng` in `CaseVisit`"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let deep = format!(
            "Scenario(schema_version: 1, id: {}{})",
            "[".repeat(500),
            "]".repeat(500)
        );
        let errors = parse_str("deep.ron", deep).unwrap_err();
        assert!(
            errors[0].message.contains("nests deeper"),
            "{}",
            errors[0].message
        );
    }
    #[test]
    fn ron_errors_point_at_the_token_not_the_space_before_it() {
        let errors = parse_str(
            "t.ron",
            "Scenario(\n  schema_version: 1,\n  id:    42,\n)".to_owned(),
        )
        .unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "t.ron:3:10: error: expected text in double quotes for `id`, found the number 42"
        );
    }

    #[test]
    fn a_newer_schema_is_named_before_any_field_is_judged() {
        let errors = parse_str(
            "t.ron",
            "Scenario(\n  schema_version: 3,\n  fields_from_the_future: true,\n)".to_owned(),
        )
        .unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "t.ron:2:19: error: schema_version 3 is not one this redcode reads (it reads 1 to 2)"
        );
    }
}

//! Rewriting a file of an older schema version in the current one, as text: the version
//! number and the fields renamed since, each changed where it stands, so that comments,
//! layout and everything else the author wrote stay as they were.

use super::load::{Loaded, TokenKind, parse_str, tokenize, top_level_value};
use crate::scenario::diagnostic::Diagnostic;
use crate::scenario::model::SCHEMA_VERSION;

/// Fields renamed since version 1, by their old and their current names.
const RENAMED: [(&str, &str); 2] = [("ordered_by", "decided"), ("executed_by", "carried_out")];

/// What upgrading a file came to.
#[derive(Debug, Clone, PartialEq)]
pub enum Upgrade {
    /// The file is already in the current version.
    Current,
    /// The file's text in the current version, and the version it was in.
    Rewritten { from: u32, text: String },
}

/// The text of a scenario file in the current schema version. A file that does not parse
/// is refused with its diagnostics; the rewritten text is parsed again and must mean what
/// the old one meant.
pub fn upgrade_text(file: &str, source: &str) -> Result<Upgrade, Vec<Diagnostic>> {
    let old = parse_str(file, source.to_owned())?;
    if old.migrated_from.is_none() {
        return Ok(Upgrade::Current);
    }
    let tokens = tokenize(source);
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let from = top_level_value(source, &tokens, "schema_version").map(|version| {
        edits.push((version.start, version.end, SCHEMA_VERSION.to_string()));
        source[version.start..version.end]
            .parse::<u32>()
            .unwrap_or(0)
    });
    for pair in tokens.windows(2) {
        let (name, next) = (&pair[0], &pair[1]);
        if name.kind != TokenKind::Ident || next.kind != TokenKind::Colon {
            continue;
        }
        let text = &source[name.start..name.end];
        if let Some((_, now)) = RENAMED.iter().find(|(then, _)| *then == text) {
            edits.push((name.start, name.end, (*now).to_owned()));
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut text = source.to_owned();
    for (start, end, with) in edits {
        text.replace_range(start..end, &with);
    }
    let new: Loaded = parse_str(file, text.clone())?;
    if new.scenario != old.scenario || new.migrated_from.is_some() {
        return Err(vec![Diagnostic::whole_file(
            file,
            "the file could not be rewritten in the current version without changing what it means",
        )]);
    }
    Ok(Upgrade::Rewritten {
        from: from.unwrap_or(0),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = include_str!("../../tests/fixtures/schema-1.ron");

    #[test]
    fn a_version_1_file_is_rewritten_keeping_its_comments_and_meaning() {
        let Upgrade::Rewritten { from, text } = upgrade_text("m.ron", MINIMAL).unwrap() else {
            panic!("the minimal fixture is version 1");
        };
        assert_eq!(from, 1);
        assert!(text.contains("schema_version: 2,"));
        assert!(text.contains("carried_out: [\"chen\"]"));
        assert!(!text.contains("executed_by: ["));
        assert!(text.starts_with("// A scenario written in schema version 1"));
        assert_eq!(upgrade_text("m.ron", &text).unwrap(), Upgrade::Current);
    }

    #[test]
    fn a_version_1_file_loads_migrated() {
        let loaded = parse_str("m.ron", MINIMAL.to_owned()).unwrap();
        assert_eq!(loaded.scenario.schema_version, SCHEMA_VERSION);
        assert_eq!(loaded.migrated_from, Some(1));
        assert_eq!(
            loaded.scenario.answer_key.unwrap().findings[0].carried_out,
            ["chen"]
        );
    }
}

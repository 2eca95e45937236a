//! Every RON example in docs/scenario-format.md parses as the type it shows: a block is
//! read as the type its first word names (`Rule(`, `Crowd(`, an event kind such as
//! `Order(`...), so an example cannot drift from the format unnoticed.

use redcode::scenario::model::*;
use serde::de::DeserializeOwned;

const DOC: &str = include_str!("../docs/scenario-format.md");

/// The ```ron blocks of the doc, each with the line it starts on.
fn ron_blocks(doc: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in doc.lines().enumerate() {
        match &mut current {
            None if line.trim_start().starts_with("```ron") => {
                current = Some((i + 1, String::new()))
            }
            Some(_) if line.trim_start().starts_with("```") => blocks.push(current.take().unwrap()),
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    assert!(current.is_none(), "a ```ron block is never closed");
    blocks
}

fn parse<T: DeserializeOwned>(text: &str) -> Result<(), String> {
    ron::Options::default()
        .with_recursion_limit(redcode::scenario::load::RECURSION_LIMIT)
        .from_str::<T>(text)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The first identifier of a block, comments and blanks skipped.
fn first_word(text: &str) -> &str {
    let code = text
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .unwrap_or("");
    let end = code
        .find(|c: char| !c.is_alphanumeric() && c != '_')
        .unwrap_or(code.len());
    &code[..end]
}

/// Parses a block as the type its first word names.
fn parse_as_named(text: &str) -> Result<(), String> {
    match first_word(text) {
        "Scenario" => parse::<Scenario>(text),
        "Rule" => parse::<Rule>(text),
        "Reason" => parse::<Reason>(text),
        "Venue" => parse::<Venue>(text),
        "Role" => parse::<Role>(text),
        "Official" => parse::<Official>(text),
        "Person" => parse::<Person>(text),
        "PersonList" => parse::<PersonList>(text),
        "Crowd" => parse::<Crowd>(text),
        "Step" => parse::<CrowdStep>(text),
        "Document" => parse::<Document>(text),
        "Control" => parse::<Control>(text),
        "Inject" => parse::<Inject>(text),
        "Event" => parse::<Event>(text),
        "Assignment" => parse::<Assignment>(text),
        "AnswerKey" => parse::<AnswerKey>(text),
        "Finding" => parse::<Finding>(text),
        "LawfulSet" => parse::<LawfulSet>(text),
        "Objective" => parse::<Objective>(text),
        // An event's kind on its own: `Order(...)`, `RuleSet(...)`...
        _ => parse::<EventKind>(text).map_err(|e| {
            format!(
                "{e} (read as an event kind; name the type in tests/format_doc.rs if it is another)"
            )
        }),
    }
}

#[test]
fn every_ron_example_in_the_format_doc_parses_as_the_type_it_shows() {
    let blocks = ron_blocks(DOC);
    assert!(
        blocks.len() >= 20,
        "only {} ```ron blocks found",
        blocks.len()
    );
    let failures: Vec<String> = blocks
        .iter()
        .filter_map(|(line, text)| {
            parse_as_named(text).err().map(|e| {
                format!(
                    "docs/scenario-format.md:{line}: `{}`: {e}",
                    first_word(text)
                )
            })
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_broken_example_is_caught() {
    assert!(parse_as_named("Rule(id: \"r\")").is_err());
    assert!(
        parse_as_named(
            "Order(id: \"o\", from: \"a\", to: [], summary: \"s\", document: None, channel: Phone)"
        )
        .is_err()
    );
    assert!(parse_as_named("Step(action: Scan(venues: [\"v\"]))").is_ok());
}

#[test]
fn the_doc_names_the_current_schema_version() {
    assert!(DOC.starts_with(&format!(
        "# The scenario format (schema_version {SCHEMA_VERSION})"
    )));
}

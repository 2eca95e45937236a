//! What a scenario means, as a hash: journals record it, and inject codes are derived from
//! it, so both outlive a file's comments, whitespace and layout.

use super::model::Scenario;

/// The BLAKE3 hash of what a scenario means, as journals record it: the parsed scenario
/// serialized with its `sources` left out, so comments, whitespace, layout and the list of
/// sources can change without orphaning the sessions played on it.
///
/// Absent values (`None`, an empty list) are left out of what is hashed, so a later release
/// that adds an optional field to the format leaves the hash of every older file as it was.
pub fn scenario_hash(scenario: &Scenario) -> String {
    let mut meaning = scenario.clone();
    meaning.sources.clear();
    // Injects only bring forward what the scenario already holds (a record, a message) and
    // a journal replays each release as an action: marking or rewording one leaves every
    // recorded session as it was.
    meaning.injects.clear();
    // The version a file is written in is not what it means: every file is hashed as
    // version 1 wrote it, so upgrading a file leaves its sessions' hash as it was.
    meaning.schema_version = 1;
    let mut value = serde_json::to_value(&meaning).unwrap_or_default();
    with_schema_1_names(&mut value);
    let bytes = serde_json::to_vec(&without_absent(value)).unwrap_or_default();
    blake3::hash(&bytes).to_hex().to_string()
}

/// Fields renamed since schema 1 hashed under their first names, so that a renamed field
/// leaves what a scenario means, and so its hash, as it was.
const SCHEMA_1_NAMES: [(&str, &str); 2] =
    [("decided", "ordered_by"), ("carried_out", "executed_by")];

fn with_schema_1_names(value: &mut serde_json::Value) {
    let findings = value
        .pointer_mut("/answer_key/findings")
        .and_then(|f| f.as_array_mut());
    for finding in findings.into_iter().flatten() {
        let Some(fields) = finding.as_object_mut() else {
            continue;
        };
        for (now, then) in SCHEMA_1_NAMES {
            if let Some(v) = fields.remove(now) {
                fields.insert(then.to_owned(), v);
            }
        }
    }
}

/// A JSON value with every null and empty list left out of its objects, at every depth.
fn without_absent(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .into_iter()
                .map(|(name, value)| (name, without_absent(value)))
                .filter(|(_, value)| match value {
                    Value::Null => false,
                    Value::Array(items) => !items.is_empty(),
                    _ => true,
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_absent).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absent_values_are_left_out_of_the_hash() {
        let value = serde_json::json!({"a": null, "b": [], "c": [{"d": null, "e": 1}], "f": 0});
        assert_eq!(
            without_absent(value),
            serde_json::json!({"c": [{"e": 1}], "f": 0})
        );
    }
}

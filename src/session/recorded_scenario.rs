//! Opening the scenario a journal was recorded on, refusing one whose meaning has changed.

use std::path::Path;

use crate::engine::World;
use crate::open::{OpenError, open_loaded, read, read_file};
use crate::scenario::load::{Loaded, parse_str, read_capped};
use crate::scenario::model::AnswerKey;
use crate::scenario::{Diagnostic, builtin};

use super::journal::Header;

pub use crate::scenario::meaning::scenario_hash;

/// The BLAKE3 hash of a scenario file's text, as version 1 journals recorded it.
pub fn text_hash(source: &str) -> String {
    blake3::hash(source.as_bytes()).to_hex().to_string()
}

/// The hash a journal of `version` records for a scenario as loaded.
fn hash_for(version: u32, loaded: &Loaded) -> String {
    if version >= 2 {
        scenario_hash(&loaded.scenario)
    } else {
        text_hash(&loaded.source)
    }
}

/// Each built-in scenario's hashes, by meaning and by text, in `builtin::BUILTINS` order:
/// worked out once, since grading a class opens a scenario for every journal.
static BUILTIN_HASHES: std::sync::LazyLock<Vec<(Option<String>, String)>> =
    std::sync::LazyLock::new(|| {
        builtin::BUILTINS
            .iter()
            .map(|b| {
                let meaning = parse_str(b.file, b.source.to_owned())
                    .ok()
                    .map(|loaded| scenario_hash(&loaded.scenario));
                (meaning, text_hash(b.source))
            })
            .collect()
    });

/// The built-in scenario whose hash, as a journal of `version` records it, is `hash`.
fn builtin_with_hash(version: u32, hash: &str) -> Option<&'static builtin::Builtin> {
    let position = BUILTIN_HASHES.iter().position(|(meaning, text)| {
        if version >= 2 {
            meaning.as_deref() == Some(hash)
        } else {
            text == hash
        }
    })?;
    builtin::BUILTINS.get(position)
}

/// Why a journal's scenario could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum RecordedScenarioError {
    /// The scenario did not load, validate or simulate: its diagnostics, a line each.
    #[error(transparent)]
    Open(OpenError),
    /// The scenario's text differs from the one recorded.
    #[error(
        "the scenario `{scenario}` has changed since the session was recorded: recorded hash {recorded}, current hash {found} (name the scenario file it was recorded with in --scenario FILE, or use --force to try anyway)"
    )]
    HashMismatch {
        scenario: String,
        recorded: String,
        found: String,
    },
    /// The header names one scenario, but the text its hash proves is another.
    #[error(
        "the header says the session was played on `{named}`, but the scenario its hash proves is `{proved}`; the session is not graded as `{named}`"
    )]
    Relabelled { named: String, proved: String },
}

/// Opens the scenario a journal was recorded on, with its seed: the scenario file
/// `scenario` when given (the text the journal was recorded with, once the built-in one has
/// moved on), else the built-in scenario whose hash the header records. `key` replaces the
/// scenario's answer key (a teacher's separate key file); `force` accepts a changed
/// scenario.
///
/// The scenario is the one the recorded hash proves, not the one the header's other fields
/// name: a built-in scenario with that hash is taken whatever the header calls it, and a
/// header whose `scenario_id` is not that scenario's own id is refused, so a session
/// relabelled as another scenario is never graded as that scenario.
pub fn open_for(
    header: &Header,
    scenario: Option<&Path>,
    key: Option<&AnswerKey>,
    force: bool,
) -> Result<World, RecordedScenarioError> {
    let (name, loaded) = match scenario {
        Some(path) => {
            let name = path.display().to_string();
            let loaded = read_file(&name);
            (name, loaded)
        }
        None => {
            let proved = builtin_with_hash(header.version, &header.scenario_hash);
            let name = proved.map_or(header.scenario.as_str(), |b| b.id);
            (header.scenario.clone(), read(Some(name)))
        }
    };
    let mut loaded = loaded.map_err(RecordedScenarioError::Open)?;
    let found = hash_for(header.version, &loaded);
    if found != header.scenario_hash && !force {
        return Err(RecordedScenarioError::HashMismatch {
            scenario: name,
            recorded: header.scenario_hash.clone(),
            found,
        });
    }
    if loaded.scenario.id.as_str() != header.scenario_id && !force {
        return Err(RecordedScenarioError::Relabelled {
            named: header.scenario_id.clone(),
            proved: loaded.scenario.id.to_string(),
        });
    }
    if let Some(key) = key {
        loaded.scenario.answer_key = Some(key.clone());
    }
    open_loaded(loaded, Some(header.seed))
        .map(|opened| opened.world)
        .map_err(RecordedScenarioError::Open)
}

/// Reads an answer key kept in its own file (RON, `AnswerKey(...)`).
pub fn read_key(path: &Path) -> Result<AnswerKey, Diagnostic> {
    let file = path.display().to_string();
    let bytes = read_capped(path, crate::scenario::load::MAX_FILE_BYTES)
        .map_err(|m| Diagnostic::whole_file(&file, m))?;
    let source = String::from_utf8(bytes)
        .map_err(|_| Diagnostic::whole_file(&file, "the key is not UTF-8 text"))?;
    ron::Options::default()
        .with_recursion_limit(crate::scenario::load::RECURSION_LIMIT)
        .from_str(&source)
        .map_err(|e| {
            Diagnostic::at_line_column(
                &file,
                &source,
                e.span.start.line,
                e.span.start.col,
                crate::scenario::Severity::Error,
                e.code.to_string(),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_of_a_scenario_as_opened_is_the_hash_of_it_as_read() {
        for scenario in builtin::BUILTINS {
            let read = read(Some(scenario.id)).unwrap();
            let hash = scenario_hash(&read.scenario);
            let opened = open_loaded(read, None).unwrap();
            assert_eq!(
                scenario_hash(&opened.world.scenario),
                hash,
                "{}",
                scenario.id
            );
        }
    }
}

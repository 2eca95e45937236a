//! Opening the scenario a journal was recorded on, refusing one whose meaning has changed.

use std::path::Path;

use crate::engine::World;
use crate::open::{OpenError, open_loaded, read, read_file};
use crate::scenario::Diagnostic;
use crate::scenario::load::{Loaded, read_capped};
use crate::scenario::model::{AnswerKey, Scenario};

use super::journal::Header;

/// The BLAKE3 hash of what a scenario means, as journals record it: the parsed scenario
/// serialized with its `sources` left out, so comments, whitespace, layout and the list of
/// sources can change without orphaning the sessions played on it.
pub fn scenario_hash(scenario: &Scenario) -> String {
    let mut meaning = scenario.clone();
    meaning.sources.clear();
    let bytes = serde_json::to_vec(&meaning).unwrap_or_default();
    blake3::hash(&bytes).to_hex().to_string()
}

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

/// Why a journal's scenario could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum SessionWorldError {
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
}

/// Opens the scenario a journal names, with its seed, or the scenario file `scenario`
/// when given (the text the journal was recorded with, once the built-in one has moved
/// on). `key` replaces the scenario's answer key (a teacher's separate key file); `force`
/// accepts a changed scenario.
pub fn open_for(
    header: &Header,
    scenario: Option<&Path>,
    key: Option<&AnswerKey>,
    force: bool,
) -> Result<World, SessionWorldError> {
    let (name, loaded) = match scenario {
        Some(path) => {
            let name = path.display().to_string();
            let loaded = read_file(&name);
            (name, loaded)
        }
        None => (header.scenario.clone(), read(Some(&header.scenario))),
    };
    let mut loaded = loaded.map_err(SessionWorldError::Open)?;
    let found = hash_for(header.version, &loaded);
    if found != header.scenario_hash && !force {
        return Err(SessionWorldError::HashMismatch {
            scenario: name,
            recorded: header.scenario_hash.clone(),
            found,
        });
    }
    if let Some(key) = key {
        loaded.scenario.answer_key = Some(key.clone());
    }
    open_loaded(loaded, Some(header.seed))
        .map(|opened| opened.world)
        .map_err(SessionWorldError::Open)
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

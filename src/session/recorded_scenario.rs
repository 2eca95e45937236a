//! Opening the scenario a journal was recorded on, refusing one whose text has changed.

use std::path::Path;

use crate::engine::World;
use crate::open::{OpenError, open_loaded, read};
use crate::scenario::load::read_capped;
use crate::scenario::model::AnswerKey;
use crate::scenario::{Diagnostic, builtin};

use super::journal::Header;

/// The BLAKE3 hash of a scenario's text, as journals record it.
pub fn scenario_hash(source: &str) -> String {
    blake3::hash(source.as_bytes()).to_hex().to_string()
}

/// Why a journal's scenario could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum RecordedScenarioError {
    /// The scenario did not load, validate or simulate: its diagnostics, a line each.
    #[error(transparent)]
    Open(OpenError),
    /// The scenario's text differs from the one recorded.
    #[error(
        "the scenario `{scenario}` has changed since the session was recorded: recorded hash {recorded}, current hash {found} (use --force to try anyway)"
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

/// Opens the scenario a journal names, with its seed. `key` replaces the scenario's
/// answer key (a teacher's separate key file); `force` accepts a changed scenario.
///
/// The scenario is the one whose text has the hash the header records, not the one its
/// other fields name: a built-in scenario with that hash is taken whatever the header
/// calls it, and a header whose `scenario_id` is not that scenario's own id is refused, so a
/// session relabelled as another scenario is never graded as that scenario.
pub fn open_for(
    header: &Header,
    key: Option<&AnswerKey>,
    force: bool,
) -> Result<World, RecordedScenarioError> {
    let proved = builtin::BUILTINS
        .iter()
        .find(|b| scenario_hash(b.source) == header.scenario_hash);
    let name = proved.map_or(header.scenario.as_str(), |b| b.id);
    let mut loaded = read(Some(name)).map_err(RecordedScenarioError::Open)?;
    if loaded.scenario.id.as_str() != header.scenario_id && !force {
        return Err(RecordedScenarioError::Relabelled {
            named: header.scenario_id.clone(),
            proved: loaded.scenario.id.to_string(),
        });
    }
    let found = scenario_hash(&loaded.source);
    if found != header.scenario_hash && !force {
        return Err(RecordedScenarioError::HashMismatch {
            scenario: header.scenario.clone(),
            recorded: header.scenario_hash.clone(),
            found,
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

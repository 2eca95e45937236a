//! What can go wrong with a recorded session, each error naming the journal it is about.

use std::path::PathBuf;

use super::journal::JournalError;
use super::recorded_scenario::RecordedScenarioError;
use super::replay::Divergence;
use crate::scenario::text::{clean, clean_line};

/// A path as it may be shown: file names can hold anything but `/` and NUL.
pub fn shown(path: &std::path::Path) -> String {
    clean_line(&path.display().to_string())
}

/// Why a session could not be read, opened, or replayed. Each message starts with
/// the journal's path, as a diagnostic starts with its file.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The journal itself could not be read (it names its own line).
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The scenario the journal was recorded on did not open, or has changed.
    #[error("{}: error: {}", shown(path), clean(&source.to_string()))]
    World {
        path: PathBuf,
        source: RecordedScenarioError,
    },
    /// Replaying the actions did not give the states the journal recorded.
    #[error("{}: error: {}", shown(path), clean(&source.to_string()))]
    Divergence { path: PathBuf, source: Divergence },
}

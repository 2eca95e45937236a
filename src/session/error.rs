//! What can go wrong with a recorded session, each error naming the journal it is about.

use std::path::PathBuf;

use super::cast::CastError;
use super::journal::JournalError;
use super::recorded_scenario::RecordedScenarioError;
use super::replay::Divergence;

/// Why a session could not be read, opened, replayed or exported. Each message starts with
/// the journal's path, as a diagnostic starts with its file.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The journal itself could not be read (it names its own line).
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The scenario the journal was recorded on did not open, or has changed.
    #[error("{}: error: {source}", path.display())]
    World {
        path: PathBuf,
        source: RecordedScenarioError,
    },
    /// Replaying the actions did not give the states the journal recorded.
    #[error("{}: error: {source}", path.display())]
    Divergence { path: PathBuf, source: Divergence },
    /// The session could not be drawn as an asciicast.
    #[error("{}: error: {reason}", path.display())]
    Cast { path: PathBuf, reason: CastError },
}

//! What can go wrong in the console: the terminal itself, or a replay it cannot show.

use std::io;

use crate::session::replay::Divergence;

/// Why the console or the replay viewer stopped, or why a typed seek was refused.
#[derive(Debug, thiserror::Error)]
pub enum ConsoleError {
    /// Reading keys from or drawing to the terminal failed.
    #[error(transparent)]
    Terminal(#[from] io::Error),
    /// The recorded session does not replay to the states it recorded.
    #[error(transparent)]
    Divergence(#[from] Divergence),
    /// A seek target with a `:` that is not a time like `12:30`.
    #[error("`{text}` is not a time like 12:30")]
    BadSeekTime { text: String },
    /// A seek target without a `:` that is not an action number.
    #[error("`{text}` is not an action number")]
    BadActionNumber { text: String },
    /// An action number past the end of the recording.
    #[error("there is no action {number}: the session has {len}")]
    NoSuchAction { number: usize, len: usize },
}

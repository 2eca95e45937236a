//! The command line's errors: every way a command can fail, worded as the user reads it, and
//! how each is shown. `main` turns them into exit codes, in one place.

use std::error::Error;
use std::io;
use std::path::PathBuf;

use super::diagnostics::{print_diagnostics, print_open_error};
use crate::open::OpenError;
use crate::scenario::text::clean_line;
use crate::scenario::{Diagnostic, ScenarioError};
use crate::session::SessionError;
use crate::tui::ConsoleError;

/// Why a command failed. As text, each is the message printed to standard error.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A scenario that did not open: its diagnostics, with snippets at a terminal.
    #[error(transparent)]
    Open(#[from] OpenError),
    /// A keymap or answer-key file with a problem at a place in it.
    #[error("{0}")]
    Diagnostic(Diagnostic),
    /// A session journal that could not be read, opened, replayed or exported.
    #[error(transparent)]
    Session(#[from] SessionError),
    /// The session could not be drawn as an asciicast.
    #[error("{}: error: {}", clean_line(&.path.display().to_string()), .reason)]
    Cast {
        path: PathBuf,
        reason: crate::tui::cast::CastError,
    },
    /// The replay viewer stopped on an error.
    #[error("error: {0}")]
    Console(#[from] ConsoleError),
    /// The console's terminal failed during a game.
    #[error("error: the terminal failed: {0}")]
    Terminal(#[source] io::Error),
    /// The terminal could not be set up for the welcome screen.
    #[error("error: cannot use the terminal: {0}")]
    NoTerminal(#[source] io::Error),
    /// A command that draws the console, run without a terminal: the whole message.
    #[error("{0}")]
    NeedsTerminal(&'static str),
    /// `trace --at` given something that is not a time.
    #[error("error: --at: {}", clean_line(&.0.to_string()))]
    BadTime(ScenarioError),
    /// `play --from` given something that is not a time.
    #[error("error: --from: {}", clean_line(&.0.to_string()))]
    BadFrom(ScenarioError),
    /// `play --from` given a moment the scenario does not span.
    #[error("error: --from: {at} is outside the scenario ({start} to {end})")]
    FromOutside {
        at: crate::scenario::Time,
        start: crate::scenario::Time,
        end: crate::scenario::Time,
    },
    /// `trace` asked about a person the scenario does not have.
    #[error("error: no person with id `{}` in {}", clean_line(.person), clean_line(.file))]
    NoPerson { person: String, file: String },
    /// `resume` with no file, and no unfinished session to pick.
    #[error("error: no unfinished session in {}; name a file to resume", shown(.dir))]
    NoUnfinished { dir: PathBuf },
    /// A journal that could not be reopened to go on recording.
    #[error("error: cannot append to {}: {}", shown(.path), clean_line(&.source.to_string()))]
    CannotAppend { path: PathBuf, source: io::Error },
    /// A new journal that could not be created.
    #[error("error: cannot record the session to {}: {}", shown(.path), clean_line(&.source.to_string()))]
    CannotRecord { path: PathBuf, source: io::Error },
    /// The journal stopped taking the session during play (a full disk, a deleted file):
    /// where the whole session was saved instead, or every place tried.
    #[error("{}", recording_failed(.path, .why, .saved.as_deref(), .tried))]
    RecordingFailed {
        path: PathBuf,
        why: String,
        saved: Option<PathBuf>,
        tried: Vec<String>,
    },
    /// A file that `new` would overwrite, without `--force`.
    #[error("error: {} already exists; choose another name, or add --force to overwrite it", shown(.path))]
    Exists { path: PathBuf },
    /// An output file that could not be written.
    #[error("error: cannot write {}: {}", shown(.path), clean_line(&.source.to_string()))]
    CannotWrite { path: PathBuf, source: io::Error },
    /// `grade` found nothing to grade.
    #[error("error: no session journals (.jsonl) found")]
    NoJournals,
    /// A table that could not be written as CSV.
    #[error("error: {0}")]
    Csv(#[from] csv::Error),
    /// A value that could not be written as JSON.
    #[error("error: {0}")]
    Json(#[from] serde_json::Error),
    /// Sessions `grade` could not grade, a `file: error: why` line each, after the table.
    #[error("{}", .0.join("\n"))]
    Ungraded(Vec<String>),
    /// Problems already shown as the command's own output (`validate`'s diagnostics).
    #[error("")]
    Reported,
    /// A class that could not be opened (its folder, host key, code or port).
    #[error("error: {0}")]
    Class(String),
    /// Writing to standard output failed.
    #[error("error: {0}")]
    Output(#[source] io::Error),
}

/// A path as it may be shown: file names can hold anything but `/` and NUL.
fn shown(path: &std::path::Path) -> String {
    clean_line(&path.display().to_string())
}

/// The message for a recording that failed: what happened, and where the session is now.
fn recording_failed(
    path: &std::path::Path,
    why: &str,
    saved: Option<&std::path::Path>,
    tried: &[String],
) -> String {
    let path = clean_line(&path.display().to_string());
    let why = clean_line(why);
    match saved {
        Some(saved) => {
            let saved = clean_line(&saved.display().to_string());
            format!(
                "error: the session could not be recorded in {path}: {why}\nThe whole session was saved to {saved}; resume it with: redcode resume {saved}"
            )
        }
        None => format!(
            "error: the session could not be recorded in {path}: {why}\nIt could not be saved anywhere else either:\n  {}\nFree some space and play again; the part recorded in {path} (if any) can be resumed.",
            tried
                .iter()
                .map(|t| clean_line(t))
                .collect::<Vec<_>>()
                .join("\n  ")
        ),
    }
}

impl CliError {
    /// Whether standard output was closed by its reader (`| head`): the reader has what it
    /// wanted, so this is no failure and nothing is said about it.
    pub fn reader_gone(&self) -> bool {
        match self {
            CliError::Output(e) => closed_pipe(e),
            CliError::Csv(e) => closed_pipe(e),
            CliError::Json(e) => closed_pipe(e),
            _ => false,
        }
    }

    /// Prints the error to standard error: diagnostics with the source snippet when standard
    /// error is a terminal, everything else as its message; nothing for a closed pipe.
    pub fn report(&self) {
        match self {
            _ if self.reader_gone() => {}
            CliError::Open(error) => print_open_error(error),
            CliError::Diagnostic(d) => print_diagnostics(std::slice::from_ref(d), None),
            CliError::Reported => {}
            other => eprintln!("{other}"),
        }
    }
}

/// Whether an error is, or wraps, a write to a pipe whose reader has gone. Writers wrap
/// I/O errors in their own types (csv, serde_json, `io::Error::other`), so each is opened.
fn closed_pipe(error: &(dyn Error + 'static)) -> bool {
    if let Some(e) = error.downcast_ref::<io::Error>() {
        if e.kind() == io::ErrorKind::BrokenPipe {
            return true;
        }
        if let Some(inner) = e.get_ref()
            && closed_pipe(inner)
        {
            return true;
        }
    }
    if let Some(e) = error.downcast_ref::<csv::Error>()
        && let csv::ErrorKind::Io(inner) = e.kind()
        && inner.kind() == io::ErrorKind::BrokenPipe
    {
        return true;
    }
    if let Some(e) = error.downcast_ref::<serde_json::Error>()
        && e.io_error_kind() == Some(io::ErrorKind::BrokenPipe)
    {
        return true;
    }
    error.source().is_some_and(closed_pipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken() -> io::Error {
        io::Error::from(io::ErrorKind::BrokenPipe)
    }

    #[test]
    fn a_closed_pipe_is_found_inside_the_writers_own_errors() {
        assert!(CliError::Output(broken()).reader_gone());
        assert!(CliError::Output(io::Error::other(csv::Error::from(broken()))).reader_gone());
        assert!(CliError::Csv(csv::Error::from(broken())).reader_gone());
        assert!(CliError::Json(serde_json::Error::io(broken())).reader_gone());
        assert!(!CliError::Output(io::Error::other("disk full")).reader_gone());
        assert!(!CliError::NoJournals.reader_gone());
    }

    #[test]
    fn messages_keep_their_wording() {
        let e = CliError::NoPerson {
            person: "x\u{1b}y".to_owned(),
            file: "a.ron".to_owned(),
        };
        assert_eq!(e.to_string(), "error: no person with id `xy` in a.ron");
        let e = CliError::BadTime(ScenarioError::BadTime {
            text: "13 June".to_owned(),
        });
        assert_eq!(
            e.to_string(),
            "error: --at: `13 June` is not a time: write it as YYYY-MM-DD HH:MM"
        );
    }
}

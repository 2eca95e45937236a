//! Sessions: every game journaled as it is played, resumed after a crash, replayed with
//! controls, graded for a class. (The console drawn into an asciicast is `tui::cast`.)

pub mod changes;
pub mod class_results;
pub mod error;
pub mod journal;
pub mod recorded_scenario;
pub mod replay;
pub mod writer;

use std::io;
use std::path::{Path, PathBuf};

use crate::audit::{Action, CaseChange, Desk};
use crate::paths::data_dir;
use crate::scenario::model::Scenario;
use crate::scenario::text;

pub use error::SessionError;
use journal::{CHECKSUM_EVERY, FORMAT, FORMAT_VERSION, Header, Writer};

/// Where sessions are kept unless `--record` says otherwise.
pub fn sessions_dir() -> PathBuf {
    data_dir().join("sessions")
}

/// The longest player (or team) name kept, in characters.
pub const MAX_PLAYER_NAME: usize = 40;

/// A player's or team's name as typed or given with `--player`, made safe to show and to
/// keep: on one line, without control or bidi characters, trimmed, at most
/// [`MAX_PLAYER_NAME`] characters.
pub fn player_name(raw: &str) -> String {
    let cleaned = crate::scenario::text::clean_line(raw);
    let capped: String = cleaned.trim().chars().take(MAX_PLAYER_NAME).collect();
    capped.trim_end().to_owned()
}

/// A header for a new session on `parsed`, the scenario as read (before any answer key
/// file replaces its key), named `scenario` on the command line.
pub fn new_header(scenario: &str, parsed: &Scenario, seed: u64, player: &str) -> Header {
    Header {
        format: FORMAT.to_owned(),
        version: FORMAT_VERSION,
        redcode: env!("CARGO_PKG_VERSION").to_owned(),
        scenario: text::clean_line(scenario),
        scenario_id: text::clean_line(&parsed.id),
        scenario_hash: recorded_scenario::scenario_hash(parsed),
        seed,
        player: player_name(player),
        started: jiff::Timestamp::now()
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
    }
}

/// A fresh file name in `dir` for a session: start time, scenario, player.
pub fn new_path(dir: &Path, header: &Header) -> PathBuf {
    let stamp: String = header
        .started
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let player: String = header
        .player
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .take(40)
        .collect();
    let player = if player.is_empty() {
        "player".to_owned()
    } else {
        player
    };
    let base = format!("{stamp}-{}-{player}", header.scenario_id);
    let mut path = dir.join(format!("{base}.jsonl"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.jsonl"));
        n += 1;
    }
    path
}

/// The most recently changed session in `dir` that was not submitted.
pub fn latest_unfinished(dir: &Path) -> Option<PathBuf> {
    let mut candidates: Vec<(std::time::SystemTime, PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .filter_map(|p| Some((std::fs::metadata(&p).ok()?.modified().ok()?, p)))
        .collect();
    candidates.sort();
    candidates
        .into_iter()
        .rev()
        .map(|(_, p)| p)
        .find(|p| journal::read(p).is_ok_and(|j| !j.finished()))
}

/// Writes each action the desk takes, with a state checksum every few actions.
pub struct Recorder {
    writer: Writer,
    /// The first write error; play goes on, with the record kept in memory.
    pub error: Option<io::Error>,
}

/// How a recorded session ended up.
#[derive(Debug)]
pub enum Recording {
    /// The journal holds the whole session.
    Whole,
    /// The journal could not hold it (`why`); the whole session was saved at `saved`.
    Saved { why: String, saved: PathBuf },
    /// The journal could not hold it, nor could any place tried: each with its error.
    Lost { why: String, tried: Vec<String> },
}

impl Recorder {
    pub fn new(writer: Writer) -> Recorder {
        Recorder {
            writer,
            error: None,
        }
    }

    /// Records an action the desk has just taken, with what it changed in the case file.
    pub fn record(&mut self, action: &Action, changes: &[CaseChange], desk: &Desk) {
        let result = self.writer.record(action, changes).and_then(|()| {
            if self.writer.count().is_multiple_of(CHECKSUM_EVERY) {
                let sum = replay::checksum_for(self.writer.version(), desk);
                self.writer.checksum(sum)
            } else {
                Ok(())
            }
        });
        self.keep(result);
    }

    fn keep(&mut self, result: io::Result<()>) {
        if let Err(e) = result
            && self.error.is_none()
        {
            self.error = Some(e);
        }
    }

    /// Syncs the journal if something written has waited a second or more for it.
    pub fn sync_if_due(&mut self) {
        let result = self.writer.sync_if_due();
        self.keep(result);
    }

    /// Forces the journal to disk (on quit and on signals).
    pub fn sync(&mut self) {
        let result = self.writer.sync();
        self.keep(result);
    }

    /// What the player must be told at once when the journal stopped taking the session.
    pub fn alarm(&self) -> Option<String> {
        self.error.as_ref().map(|e| {
            format!(
                "RECORDING STOPPED: {}. Your case is kept in memory; on quit it is saved elsewhere.",
                text::clean_line(&e.to_string())
            )
        })
    }

    /// Ends the recording: syncs, checks that the journal still holds the whole session
    /// (it may have failed, or been deleted or replaced), and saves the whole session at a
    /// fallback place when it does not.
    pub fn finish(mut self, path: &Path) -> Recording {
        self.sync();
        let Some(why) = self.writer.trouble() else {
            return Recording::Whole;
        };
        let mut tried = Vec::new();
        for place in writer::fallback_places(path) {
            match writer::write_new(&place, self.writer.kept()) {
                Ok(saved) => return Recording::Saved { why, saved },
                Err(e) => tried.push(format!(
                    "{}: {e}",
                    text::clean_line(&place.display().to_string())
                )),
            }
        }
        Recording::Lost { why, tried }
    }
}

//! Sessions: every game journaled as it is played, resumed after a crash, replayed with
//! controls, graded for a class. (The console drawn into an asciicast is `tui::cast`.)

pub mod changes;
pub mod error;
pub mod grade;
pub mod journal;
pub mod replay;
pub mod world;

use std::io;
use std::path::{Path, PathBuf};

use crate::audit::{Action, CaseChange, Desk};
use crate::paths::data_dir;
use crate::scenario::model::Scenario;

pub use error::SessionError;
use journal::{CHECKSUM_EVERY, FORMAT, FORMAT_VERSION, Header, Writer};

/// Where sessions are kept unless `--record` says otherwise.
pub fn sessions_dir() -> PathBuf {
    data_dir().join("sessions")
}

/// A header for a new session on `parsed`, the scenario as read (before any answer key
/// file replaces its key), named `scenario` on the command line.
pub fn new_header(scenario: &str, parsed: &Scenario, seed: u64, player: &str) -> Header {
    Header {
        format: FORMAT.to_owned(),
        version: FORMAT_VERSION,
        redcode: env!("CARGO_PKG_VERSION").to_owned(),
        scenario: scenario.to_owned(),
        scenario_id: parsed.id.to_string(),
        scenario_hash: world::scenario_hash(parsed),
        seed,
        player: player.to_owned(),
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
    /// The first write error, reported when play ends; play goes on meanwhile.
    pub error: Option<io::Error>,
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
        if let Err(e) = result
            && self.error.is_none()
        {
            self.error = Some(e);
        }
    }

    /// Syncs the journal if something written has waited a second or more for it.
    pub fn sync_if_due(&mut self) {
        if let Err(e) = self.writer.sync_if_due()
            && self.error.is_none()
        {
            self.error = Some(e);
        }
    }

    /// Forces the journal to disk (on quit and on signals).
    pub fn sync(&mut self) {
        if let Err(e) = self.writer.sync()
            && self.error.is_none()
        {
            self.error = Some(e);
        }
    }
}

//! The session journal: a header, then every Action with its time offset, one JSON line
//! each, appended and flushed as the player acts.
//!
//! A process killed mid-write leaves at most a torn last line, which reading drops with a
//! notice; damage anywhere else is an error naming its line.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::audit::{Action, CaseChange};
use crate::scenario::load::read_capped;

/// The journal format this build writes and reads.
pub const FORMAT: &str = "redcode-session";
/// Version 2 records each action's case changes, checksums the case file alone and hashes
/// the parsed scenario; version 1 (actions only, the whole desk checksummed, the scenario's
/// text hashed) is still read, and resumed in its own format.
pub const FORMAT_VERSION: u32 = 2;

/// The oldest journal format this build reads.
pub const OLDEST_VERSION: u32 = 1;

/// Journals larger than this are refused: a long session is a few hundred KiB.
pub const MAX_JOURNAL_BYTES: u64 = 64 * 1024 * 1024;

/// A state checksum is written after every this many actions.
pub const CHECKSUM_EVERY: u64 = 50;

/// How often the journal is synced to disk at the least.
const SYNC_EVERY: Duration = Duration::from_secs(1);

/// The first line: what was played, by whom, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    pub format: String,
    pub version: u32,
    /// The redcode version that recorded it.
    pub redcode: String,
    /// How the scenario was named when played: a built-in id or a file path.
    pub scenario: String,
    /// The scenario's own id.
    pub scenario_id: String,
    /// BLAKE3 of the parsed scenario, serialized without its `sources` (version 1: of the
    /// scenario file's text).
    pub scenario_hash: String,
    pub seed: u64,
    pub player: String,
    /// When play started, UTC, RFC 3339.
    pub started: String,
}

/// One line after the header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Line {
    /// An action, `t` milliseconds after the start, and what it changed in the case file
    /// (version 2; left out when nothing changed, and never in version 1).
    Action {
        t: u64,
        a: Action,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        c: Vec<CaseChange>,
    },
    /// The state checksum after `n` actions: of the case file, clock and submission
    /// (version 1: of the whole desk).
    Checksum { n: u64, sum: String },
}

/// A journal read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Journal {
    pub path: PathBuf,
    pub header: Header,
    /// Actions with their time offsets in milliseconds.
    pub actions: Vec<(u64, Action)>,
    /// What each action changed in the case file, beside `actions` (empty lists in a
    /// version 1 journal, which did not record them: see [`Journal::records_changes`]).
    pub changes: Vec<Vec<CaseChange>>,
    /// Checksums by action count.
    pub checksums: Vec<(u64, String)>,
    /// Set when a torn last line was dropped.
    pub notice: Option<String>,
}

impl Journal {
    /// Whether the journal records each action's case changes (version 2 on), so the case
    /// file can be rebuilt without replaying the actions through the desk.
    pub fn records_changes(&self) -> bool {
        self.header.version >= 2
    }

    /// Whether the case file was handed in.
    pub fn finished(&self) -> bool {
        self.actions.iter().any(|(_, a)| *a == Action::Submit)
    }

    /// Milliseconds from the first action to the last.
    pub fn duration_ms(&self) -> u64 {
        self.actions.last().map_or(0, |(t, _)| *t)
    }
}

/// Why a journal could not be read: `path:line: error: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: error: {message}")]
pub struct JournalError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// Why a file in a folder of journals is not one.
#[derive(Debug, thiserror::Error)]
pub enum NotAJournal {
    #[error("the file is empty")]
    Empty,
    #[error("a folder (folders inside are not searched)")]
    Folder,
    #[error("cannot read it: {0}")]
    Unreadable(io::Error),
    /// The first line is not a session header.
    #[error("its first line is not a redcode session header")]
    OtherFormat,
}

/// Whether `path` is a session journal, judged by its first line alone (whatever the
/// file's name), so a folder can hold notes and exports beside the journals.
pub fn recognise(path: &Path) -> Result<(), NotAJournal> {
    /// Headers are a few hundred bytes; a longer first line is something else.
    const MAX_HEADER: u64 = 64 * 1024;
    #[derive(Deserialize)]
    struct Format {
        format: String,
    }
    if path.is_dir() {
        return Err(NotAJournal::Folder);
    }
    let file = File::open(path).map_err(NotAJournal::Unreadable)?;
    let mut first = Vec::new();
    io::BufRead::read_until(
        &mut io::BufReader::new(io::Read::take(file, MAX_HEADER)),
        b'\n',
        &mut first,
    )
    .map_err(NotAJournal::Unreadable)?;
    if first.is_empty() {
        return Err(NotAJournal::Empty);
    }
    match serde_json::from_slice::<Format>(&first) {
        Ok(header) if header.format == FORMAT => Ok(()),
        _ => Err(NotAJournal::OtherFormat),
    }
}

/// Reads a journal file.
pub fn read(path: &Path) -> Result<Journal, JournalError> {
    let name = path.display().to_string();
    let bytes = read_capped(path, MAX_JOURNAL_BYTES).map_err(|message| JournalError {
        path: name.clone(),
        line: 1,
        message: message.to_string(),
    })?;
    parse(&name, &bytes).map(|mut j| {
        j.path = path.to_path_buf();
        j
    })
}

/// Parses journal text.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Journal, JournalError> {
    let error = |line: usize, message: String| JournalError {
        path: name.to_owned(),
        line,
        message,
    };
    let text = String::from_utf8_lossy(bytes);
    let ends_cleanly = text.ends_with('\n');
    let lines: Vec<&str> = text.lines().collect();
    let Some(first) = lines.first() else {
        return Err(error(1, "the journal is empty".to_owned()));
    };
    let header: Header = serde_json::from_str(first).map_err(|e| {
        error(
            1,
            format!(
                "the first line is not a session header ({e}); is this a redcode session file?"
            ),
        )
    })?;
    if header.format != FORMAT {
        return Err(error(
            1,
            format!("this is a `{}` file, not a redcode session", header.format),
        ));
    }
    if !(OLDEST_VERSION..=FORMAT_VERSION).contains(&header.version) {
        return Err(error(
            1,
            format!(
                "session format version {} is not one this redcode reads (it reads {OLDEST_VERSION} to {FORMAT_VERSION})",
                header.version
            ),
        ));
    }
    let mut journal = Journal {
        path: PathBuf::from(name),
        header,
        actions: Vec::new(),
        changes: Vec::new(),
        checksums: Vec::new(),
        notice: None,
    };
    let last = lines.len() - 1;
    for (i, raw) in lines.iter().enumerate().skip(1) {
        if raw.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(raw) {
            Ok(Line::Action { t, a, c }) => {
                if journal.actions.last().is_some_and(|(prev, _)| t < *prev) {
                    return Err(error(
                        i + 1,
                        format!(
                            "time goes backwards ({t} ms after {} ms)",
                            journal.actions.last().map_or(0, |x| x.0)
                        ),
                    ));
                }
                journal.actions.push((t, a));
                journal.changes.push(c);
            }
            Ok(Line::Checksum { n, sum }) => journal.checksums.push((n, sum)),
            // A torn final line is what a killed process leaves behind: drop it.
            Err(_) if i == last && !ends_cleanly => {
                journal.notice = Some(format!(
                    "{name}:{}: notice: dropped an incomplete last line (the session was cut off mid-write)",
                    i + 1
                ));
            }
            Err(e) => return Err(error(i + 1, format!("damaged line: {e}"))),
        }
    }
    Ok(journal)
}

/// Appends actions to a journal as they happen.
pub struct Writer {
    file: File,
    start: Instant,
    /// Milliseconds already on the record when resuming, so offsets keep rising.
    base_ms: u64,
    count: u64,
    last_sync: Instant,
    /// Whether lines were written since the last sync.
    unsynced: bool,
    /// The journal's format version: a resumed older journal goes on in its own format.
    version: u32,
}

impl Writer {
    /// Starts a new journal at `path`. Refuses to overwrite an existing file.
    pub fn create(path: &Path, header: &Header) -> io::Result<Writer> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        let line = serde_json::to_string(header).map_err(io::Error::other)?;
        writeln!(file, "{line}")?;
        file.sync_all()?;
        Ok(Writer {
            file,
            start: Instant::now(),
            base_ms: 0,
            count: 0,
            last_sync: Instant::now(),
            unsynced: false,
            version: header.version,
        })
    }

    /// Continues an existing journal: new lines go after the old ones.
    pub fn append(journal: &Journal) -> io::Result<Writer> {
        let mut file = OpenOptions::new().append(true).open(&journal.path)?;
        if journal.notice.is_some() {
            // The torn line stays in the file; start on a fresh line so it cannot join ours.
            writeln!(file)?;
        }
        Ok(Writer {
            file,
            start: Instant::now(),
            base_ms: journal.duration_ms(),
            count: journal.actions.len() as u64,
            last_sync: Instant::now(),
            unsynced: false,
            version: journal.header.version,
        })
    }

    /// The format version of the journal being written.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Records an action and what it changed in the case file, flushed at once; synced to
    /// disk at least once a second. A version 1 journal keeps to actions alone.
    pub fn record(&mut self, action: &Action, changes: &[CaseChange]) -> io::Result<()> {
        let t = self.base_ms + self.start.elapsed().as_millis() as u64;
        let c = if self.version >= 2 {
            changes.to_vec()
        } else {
            Vec::new()
        };
        let line = serde_json::to_string(&Line::Action {
            t,
            a: action.clone(),
            c,
        })
        .map_err(io::Error::other)?;
        writeln!(self.file, "{line}")?;
        self.file.flush()?;
        self.count += 1;
        self.unsynced = true;
        self.sync_if_due()
    }

    /// Syncs if lines written since the last sync have waited long enough.
    pub fn sync_if_due(&mut self) -> io::Result<()> {
        if self.unsynced && self.last_sync.elapsed() >= SYNC_EVERY {
            self.sync()?;
        }
        Ok(())
    }

    /// Number of actions on the record.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Records the state checksum after the current action.
    pub fn checksum(&mut self, sum: String) -> io::Result<()> {
        let line = serde_json::to_string(&Line::Checksum { n: self.count, sum })
            .map_err(io::Error::other)?;
        writeln!(self.file, "{line}")?;
        self.unsynced = true;
        self.file.flush()
    }

    /// Forces everything written so far to disk.
    pub fn sync(&mut self) -> io::Result<()> {
        self.last_sync = Instant::now();
        self.unsynced = false;
        self.file.sync_data()
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.file.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> Header {
        Header {
            format: FORMAT.to_owned(),
            version: FORMAT_VERSION,
            redcode: "0".to_owned(),
            scenario: "tutorial".to_owned(),
            scenario_id: "tutorial".to_owned(),
            scenario_hash: "abc".to_owned(),
            seed: 7,
            player: "p".to_owned(),
            started: "2026-01-01T00:00:00Z".to_owned(),
        }
    }

    #[test]
    fn writes_and_reads_back_every_action() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.jsonl");
        let mut w = Writer::create(&path, &header()).unwrap();
        let note = CaseChange::NoteAdded("seen".to_owned());
        w.record(&Action::NextChange, &[]).unwrap();
        w.record(&Action::Type('x'), std::slice::from_ref(&note))
            .unwrap();
        w.checksum("sum".to_owned()).unwrap();
        drop(w);
        let j = read(&path).unwrap();
        assert_eq!(j.header, header());
        assert!(j.records_changes());
        let actions: Vec<Action> = j.actions.iter().map(|(_, a)| a.clone()).collect();
        assert_eq!(actions, vec![Action::NextChange, Action::Type('x')]);
        assert_eq!(j.changes, vec![vec![], vec![note]]);
        assert_eq!(j.checksums, vec![(2, "sum".to_owned())]);
        assert!(j.notice.is_none());
        assert!(
            Writer::create(&path, &header()).is_err(),
            "an existing journal is never overwritten"
        );
    }

    #[test]
    fn a_version_1_journal_is_read_and_resumed_without_case_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.jsonl");
        let mut old = header();
        old.version = 1;
        let text = format!(
            "{}\n{{\"t\":1,\"a\":\"Up\"}}\n",
            serde_json::to_string(&old).unwrap()
        );
        std::fs::write(&path, text).unwrap();
        let j = read(&path).unwrap();
        assert!(!j.records_changes());
        assert_eq!(j.changes, vec![Vec::<CaseChange>::new()]);
        let mut w = Writer::append(&j).unwrap();
        assert_eq!(w.version(), 1);
        w.record(&Action::Submit, &[CaseChange::Submitted]).unwrap();
        drop(w);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.lines().last().unwrap().ends_with("\"a\":\"Submit\"}"),
            "a version 1 journal goes on without case changes: {text}"
        );
        assert_eq!(read(&path).unwrap().actions.len(), 2);
    }

    #[test]
    fn a_torn_last_line_is_dropped_with_a_notice() {
        let head = serde_json::to_string(&header()).unwrap();
        let text = format!("{head}\n{{\"t\":1,\"a\":\"Up\"}}\n{{\"t\":2,\"a\":\"Do");
        let j = parse("s.jsonl", text.as_bytes()).unwrap();
        assert_eq!(j.actions.len(), 1);
        assert!(j.notice.unwrap().contains("s.jsonl:3"));
    }

    #[test]
    fn damage_in_the_middle_names_its_line() {
        let head = serde_json::to_string(&header()).unwrap();
        let text =
            format!("{head}\n{{\"t\":1,\"a\":\"Up\"}}\ngarbage\n{{\"t\":2,\"a\":\"Down\"}}\n");
        let e = parse("s.jsonl", text.as_bytes()).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().starts_with("s.jsonl:3: error: damaged line"));
    }

    #[test]
    fn other_files_and_versions_are_refused() {
        assert!(parse("x", b"").unwrap_err().message.contains("empty"));
        assert!(
            parse("x", b"Scenario(\n")
                .unwrap_err()
                .message
                .contains("not a session header")
        );
        let mut h = header();
        h.version = 0;
        let text = serde_json::to_string(&h).unwrap() + "\n";
        assert!(
            parse("x", text.as_bytes())
                .unwrap_err()
                .message
                .contains("version 0")
        );
        h.version = 99;
        let text = serde_json::to_string(&h).unwrap() + "\n";
        assert!(
            parse("x", text.as_bytes())
                .unwrap_err()
                .message
                .contains("version 99")
        );
    }
}

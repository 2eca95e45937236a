//! The session journal: a header, then every Action with its time offset, one JSON line
//! each, appended and flushed as the player acts.
//!
//! A process killed mid-write leaves at most a torn last line, which reading drops with a
//! notice; damage anywhere else is an error naming its line.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::audit::{Action, CaseChange};
use crate::scenario::load::read_capped;
use crate::scenario::text::clean_line;

/// The journal format this build writes and reads.
pub const FORMAT: &str = "redcode-session";
/// Version 3 writes flags in the chain's words (several categories; who decided, passed the
/// instruction on and carried it out) and checksums them so. Version 2 records each action's
/// case changes, checksums the case file alone and hashes the parsed scenario; its flags
/// read as version 3's and are checksummed in its own shape. Version 1 (actions only, the whole desk checksummed, the scenario's
/// text hashed) is still read, and resumed in its own format.
pub const FORMAT_VERSION: u32 = 3;

/// The oldest journal format this build reads.
pub const OLDEST_VERSION: u32 = 1;

/// Journals larger than this are refused: a long session is a few hundred KiB.
pub const MAX_JOURNAL_BYTES: u64 = 64 * 1024 * 1024;

/// Lines longer than this are refused: the longest a real action takes is a note, and the
/// console caps what can be typed far below it.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

/// Journals with more actions than this are refused, so replaying one is bounded work.
pub const MAX_ACTIONS: usize = 1_000_000;

/// Journals whose actions put more flags and notes than this into the case file are
/// refused: a thorough case holds a few hundred. It bounds the case file a replay builds.
pub const MAX_CASE_ACTIONS: usize = 10_000;

/// Journals whose flag and note lines hold more bytes than this together are refused, so
/// the case file a replay builds, and every copy of it, stays small.
pub const MAX_CASE_BYTES: usize = 8 * 1024 * 1024;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Time offsets beyond this are refused: a year of play is more than any session holds,
/// and it keeps every sum of offsets far from overflowing.
pub const MAX_OFFSET_MS: u64 = 366 * DAY_MS;

/// A state checksum is written after every this many actions.
pub const CHECKSUM_EVERY: u64 = 50;

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
    /// How the file ends.
    pub tail: Tail,
    /// The file's length when it was read.
    pub file_len: u64,
    /// Flag and note actions read, and the bytes of their lines, against the caps.
    pub case_actions: usize,
    pub case_bytes: usize,
}

impl Journal {
    /// Whether the journal records each action's case changes (version 2 on), so the case
    /// file can be rebuilt without replaying the actions through the desk.
    pub fn records_changes(&self) -> bool {
        self.header.version >= 2
    }

    /// Whether the case file was handed in.
    pub fn finished(&self) -> bool {
        // A submit asked first is a question and its Confirm: the change says it.
        self.actions.iter().any(|(_, a)| *a == Action::Submit)
            || self
                .changes
                .iter()
                .flatten()
                .any(|c| *c == CaseChange::Submitted)
    }

    /// Milliseconds from the first action to the last.
    pub fn duration_ms(&self) -> u64 {
        self.actions.last().map_or(0, |(t, _)| *t)
    }
}

/// Why a journal could not be read: `path:line: error: message`. Path and message are
/// cleaned as file text is: both can hold what a hostile file or file name put there.
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
    // Opened without waiting, and only a regular file: a FIFO in the folder must not
    // block the whole class's grading.
    let file = crate::scenario::load::open_regular(path)
        .map_err(|e| NotAJournal::Unreadable(io::Error::other(e.to_string())))?;
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

impl JournalError {
    /// An error about `line` of the journal `path`, both texts cleaned.
    pub fn new(path: &str, line: usize, message: impl Into<String>) -> JournalError {
        JournalError {
            path: clean_line(path),
            line,
            message: clean_line(&message.into()),
        }
    }
}

/// How the journal ends, which tells `resume` what to do before it appends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tail {
    /// Every line ends with its newline.
    #[default]
    Clean,
    /// The last line was read whole but lacks its newline: one goes on before new lines.
    Unterminated,
    /// The last line was cut off mid-write, from this byte on: it is cut away (and kept
    /// beside the journal) before new lines go on.
    Torn { at: u64 },
}

/// Reads a journal file: a regular file, no larger than [`MAX_JOURNAL_BYTES`].
pub fn read(path: &Path) -> Result<Journal, JournalError> {
    let name = path.display().to_string();
    let bytes = read_capped(path, MAX_JOURNAL_BYTES)
        .map_err(|message| JournalError::new(&name, 1, message.to_string()))?;
    parse(&name, &bytes).map(|mut j| {
        j.path = path.to_path_buf();
        j
    })
}

/// The header with every text it holds cleaned: they reach terminals and exports.
fn cleaned(header: Header) -> Header {
    Header {
        format: clean_line(&header.format),
        version: header.version,
        redcode: clean_line(&header.redcode),
        scenario: clean_line(&header.scenario),
        scenario_id: clean_line(&header.scenario_id),
        scenario_hash: clean_line(&header.scenario_hash),
        seed: header.seed,
        player: clean_line(&header.player),
        started: clean_line(&header.started),
    }
}

fn read_header(name: &str, first: &[u8]) -> Result<Header, JournalError> {
    let error = |message: String| JournalError::new(name, 1, message);
    if first.len() > MAX_LINE_BYTES {
        return Err(error(format!(
            "the first line is {} bytes, over the limit of {MAX_LINE_BYTES}; is this a redcode session file?",
            first.len()
        )));
    }
    let header: Header = serde_json::from_slice(first).map_err(|e| {
        error(format!(
            "the first line is not a session header ({e}); is this a redcode session file?"
        ))
    })?;
    let header = cleaned(header);
    if header.format != FORMAT {
        return Err(error(format!(
            "this is a `{}` file, not a redcode session",
            header.format
        )));
    }
    if !(OLDEST_VERSION..=FORMAT_VERSION).contains(&header.version) {
        return Err(error(format!(
            "session format version {} is not one this redcode reads (it reads {OLDEST_VERSION} to {FORMAT_VERSION})",
            header.version
        )));
    }
    Ok(header)
}

/// Parses journal text.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Journal, JournalError> {
    let error = |line: usize, message: String| JournalError::new(name, line, message);
    if bytes.len() as u64 > MAX_JOURNAL_BYTES {
        return Err(error(
            1,
            format!(
                "the journal is {} bytes, over the limit of {MAX_JOURNAL_BYTES} bytes",
                bytes.len()
            ),
        ));
    }
    let ends_cleanly = bytes.ends_with(b"\n");
    let mut lines: Vec<&[u8]> = bytes.split(|b| *b == b'\n').collect();
    if ends_cleanly {
        lines.pop();
    }
    let Some(first) = lines.first().filter(|l| !l.is_empty() || lines.len() > 1) else {
        return Err(error(1, "the journal is empty".to_owned()));
    };
    let header = read_header(name, strip_cr(first))?;
    let mut journal = Journal {
        path: PathBuf::from(name),
        header,
        actions: Vec::new(),
        changes: Vec::new(),
        checksums: Vec::new(),
        notice: None,
        tail: Tail::Clean,
        file_len: bytes.len() as u64,
        case_actions: 0,
        case_bytes: 0,
    };
    let last = lines.len() - 1;
    let mut offset = first.len() as u64 + 1;
    for (i, raw) in lines.iter().enumerate().skip(1) {
        let at = offset;
        offset += raw.len() as u64 + 1;
        let torn = i == last && !ends_cleanly;
        let raw = strip_cr(raw);
        if raw.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match read_line(raw) {
            Ok(line) => {
                if torn {
                    journal.tail = Tail::Unterminated;
                }
                journal.take(line, raw.len()).map_err(|m| error(i + 1, m))?;
            }
            // A torn final line is what a killed process leaves behind: drop it.
            Err(_) if torn => {
                journal.tail = Tail::Torn { at };
                journal.notice = Some(format!(
                    "{}:{}: notice: dropped an incomplete last line (the session was cut off mid-write)",
                    clean_line(name),
                    i + 1
                ));
            }
            Err(message) => return Err(error(i + 1, message)),
        }
    }
    Ok(journal)
}

fn strip_cr(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// One line after the header, within the line cap.
fn read_line(raw: &[u8]) -> Result<Line, String> {
    if raw.len() > MAX_LINE_BYTES {
        return Err(format!(
            "the line is {} bytes, over the limit of {MAX_LINE_BYTES}",
            raw.len()
        ));
    }
    serde_json::from_slice::<Line>(raw).map_err(|e| format!("damaged line: {e}"))
}

impl Journal {
    /// Adds a line read back, refusing what no recording can hold.
    fn take(&mut self, line: Line, len: usize) -> Result<(), String> {
        match line {
            Line::Action { t, a, c } => {
                if matches!(a, Action::AddFlag(_) | Action::AddNote(_)) {
                    self.case_actions += 1;
                    self.case_bytes += len;
                    if self.case_actions > MAX_CASE_ACTIONS {
                        return Err(format!(
                            "more than {MAX_CASE_ACTIONS} flags and notes; a thorough case holds a few hundred"
                        ));
                    }
                    if self.case_bytes > MAX_CASE_BYTES {
                        return Err(format!(
                            "the flags and notes so far hold more than {MAX_CASE_BYTES} bytes; a thorough case holds a few hundred KiB"
                        ));
                    }
                }
                if t > MAX_OFFSET_MS {
                    return Err(format!(
                        "impossible time offset {t} ms (over {} days of play)",
                        MAX_OFFSET_MS / DAY_MS
                    ));
                }
                if let Some((prev, _)) = self.actions.last()
                    && t < *prev
                {
                    return Err(format!("time goes backwards ({t} ms after {prev} ms)"));
                }
                if self.actions.len() >= MAX_ACTIONS {
                    return Err(format!(
                        "more than {MAX_ACTIONS} actions; a long session holds a few thousand"
                    ));
                }
                self.actions.push((t, a));
                self.changes.push(c);
            }
            Line::Checksum { n, sum } => {
                if self.checksums.len() >= MAX_ACTIONS {
                    return Err(format!("more than {MAX_ACTIONS} checksums"));
                }
                self.checksums.push((n, clean_line(&sum)));
            }
        }
        Ok(())
    }
}

pub use super::writer::Writer;

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

//! The class log: every join, leave and refusal, one line each with the time, appended to
//! a file in the class folder and kept (the latest lines) for the facilitator's console.

use std::collections::VecDeque;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;
use std::sync::Mutex;

use crate::scenario::text::clean_line;

/// How many lines the facilitator's console can show.
const KEPT: usize = 200;

/// Where the class's events are written.
pub struct EventLog {
    file: Mutex<Option<File>>,
    recent: Mutex<VecDeque<String>>,
}

impl EventLog {
    /// Appends to the log at `path`, creating it.
    pub fn open(path: &Path) -> io::Result<EventLog> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(EventLog {
            file: Mutex::new(Some(file)),
            recent: Mutex::new(VecDeque::new()),
        })
    }

    /// A log kept in memory only (tests).
    pub fn in_memory() -> EventLog {
        EventLog {
            file: Mutex::new(None),
            recent: Mutex::new(VecDeque::new()),
        }
    }

    /// Writes one event. What a client sent (a name, a command) is cleaned first, so the
    /// log cannot be made to lie with a newline or to drive the terminal that reads it.
    pub fn write(&self, what: &str) {
        let stamp = jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ");
        let line = format!("{stamp} {}", clean_line(what));
        if let Some(file) = self.file.lock().unwrap_or_else(|e| e.into_inner()).as_mut() {
            // A log that cannot be written must not stop the class.
            let _ = writeln!(file, "{line}");
        }
        let mut recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        if recent.len() == KEPT {
            recent.pop_front();
        }
        recent.push_back(line);
    }

    /// The latest `n` lines, oldest first.
    pub fn recent(&self, n: usize) -> Vec<String> {
        let recent = self.recent.lock().unwrap_or_else(|e| e.into_inner());
        recent
            .iter()
            .skip(recent.len().saturating_sub(n))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cleaned_kept_and_appended() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("class.log");
        let log = EventLog::open(&path).unwrap();
        log.write("join Ana\nfake line\x1b[2J");
        log.write("leave Ana");
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(!text.contains('\x1b'));
        assert_eq!(log.recent(1).len(), 1);
        assert!(log.recent(5)[1].ends_with("leave Ana"));
    }
}

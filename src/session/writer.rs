//! Writing a journal: one `write` call per line, under an exclusive lock, with a copy of
//! everything on the record kept in memory so that a journal the disk will not take (full,
//! deleted, replaced) can still be saved elsewhere.
//!
//! A process killed between two lines loses at most the line in flight; a write that fails
//! is cut back off the file, so the journal on disk stays readable whatever happens.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::audit::{Action, CaseChange};

use super::journal::{FORMAT_VERSION, Header, Journal, Line, MAX_OFFSET_MS, Tail};

/// Why a journal deleted or replaced under the console stopped taking the session.
const DELETED: &str = "the journal file was deleted or replaced during play";

/// How often the journal is synced to disk at the least.
const SYNC_EVERY: Duration = Duration::from_secs(1);

/// Where bytes go: a journal file, or (in tests) anything that can fail like one.
pub trait Sink: Write + Send {
    /// Cuts what was written back to `len` bytes, after a write that failed part-way.
    fn truncate(&mut self, len: u64) -> io::Result<()>;
    /// Forces what was written to its storage.
    fn sync(&mut self) -> io::Result<()>;
    /// Whether what was written is still reachable under its name (not deleted, replaced).
    fn still_there(&self) -> io::Result<bool>;
}

/// A journal file on disk, with the name it was opened by.
struct JournalFile {
    file: File,
    path: PathBuf,
}

impl Write for JournalFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Sink for JournalFile {
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.file.set_len(len)?;
        self.file.seek(SeekFrom::Start(len)).map(|_| ())
    }
    fn sync(&mut self) -> io::Result<()> {
        self.file.sync_data()
    }
    fn still_there(&self) -> io::Result<bool> {
        let open = self.file.metadata()?;
        Ok(match std::fs::symlink_metadata(&self.path) {
            Ok(named) => open.nlink() > 0 && named.dev() == open.dev() && named.ino() == open.ino(),
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(e),
        })
    }
}

/// Takes an exclusive lock on an open journal, or says that another console holds it.
/// The lock goes with the file: it is released when the process ends, however it ends.
fn lock(file: &File, path: &Path) -> io::Result<()> {
    // SAFETY: flock on a descriptor this function borrows; it touches no memory.
    let done = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if done == 0 {
        return Ok(());
    }
    let error = io::Error::last_os_error();
    if error.kind() == io::ErrorKind::WouldBlock {
        return Err(io::Error::new(
            io::ErrorKind::WouldBlock,
            format!(
                "another redcode console is recording {} (it holds the journal's lock); close that console first",
                crate::scenario::text::clean_line(&path.display().to_string())
            ),
        ));
    }
    Err(error)
}

/// Appends actions to a journal as they happen.
pub struct Writer {
    sink: Box<dyn Sink>,
    start: Instant,
    /// Milliseconds already on the record when resuming, so offsets keep rising.
    base_ms: u64,
    count: u64,
    last_sync: Instant,
    /// Whether lines were written since the last sync.
    unsynced: bool,
    /// Everything on the record, header first: what a fallback copy is made of.
    kept: Vec<u8>,
    /// Bytes of `kept` the sink holds too.
    written: u64,
    /// Why the sink stopped taking lines; from then on lines are only kept in memory.
    failed: Option<String>,
    /// Where the bytes of a torn last line cut off on resuming were kept.
    torn_copy: Option<PathBuf>,
    /// The journal's format version: a resumed older journal goes on in its own format.
    version: u32,
}

impl Writer {
    /// Starts a new journal at `path`. Refuses to overwrite an existing file; leaves no
    /// file behind when even the header cannot be written (a full disk).
    pub fn create(path: &Path, header: &Header) -> io::Result<Writer> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let file = OpenOptions::new().write(true).create_new(true).open(path)?;
        let started = (|| {
            lock(&file, path)?;
            let mut line = serde_json::to_vec(header).map_err(io::Error::other)?;
            line.push(b'\n');
            let mut file = &file;
            file.write_all(&line)?;
            file.sync_all()?;
            Ok(line)
        })();
        let line = match started {
            Ok(line) => line,
            Err(e) => {
                drop(file);
                let _ = std::fs::remove_file(path);
                return Err(e);
            }
        };
        let sink = JournalFile {
            file,
            path: path.to_path_buf(),
        };
        let mut writer = Writer::over(Box::new(sink), line, 0, 0);
        writer.version = header.version;
        Ok(writer)
    }

    /// Continues an existing journal under an exclusive lock: a torn last line is cut away
    /// (its bytes kept beside the journal, in `FILE.torn`), a last line without its newline
    /// gets one, and new lines go after the old ones.
    pub fn append(journal: &Journal) -> io::Result<Writer> {
        let path = &journal.path;
        let mut file = OpenOptions::new().read(true).write(true).open(path)?;
        lock(&file, path)?;
        let mut bytes = Vec::new();
        (&file).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != journal.file_len {
            return Err(io::Error::other(
                "the journal changed while it was being read; try again",
            ));
        }
        let mut torn_copy = None;
        match journal.tail {
            Tail::Clean => {}
            Tail::Unterminated => {
                file.seek(SeekFrom::End(0))?;
                file.write_all(b"\n")?;
                bytes.push(b'\n');
            }
            Tail::Torn { at } => {
                let at_usize = usize::try_from(at).map_err(io::Error::other)?;
                let torn = bytes.get(at_usize..).unwrap_or_default();
                torn_copy = Some(keep_beside(path, "torn", torn)?);
                file.set_len(at)?;
                bytes.truncate(at_usize);
            }
        }
        file.seek(SeekFrom::End(0))?;
        file.sync_all()?;
        let sink = JournalFile {
            file,
            path: path.clone(),
        };
        let written = bytes.len() as u64;
        let mut writer = Writer::over(
            Box::new(sink),
            bytes,
            journal.duration_ms(),
            journal.actions.len() as u64,
        );
        writer.written = written;
        writer.torn_copy = torn_copy;
        writer.version = journal.header.version;
        Ok(writer)
    }

    /// A writer over any sink already holding `kept` (tests inject failing sinks here).
    pub fn over(sink: Box<dyn Sink>, kept: Vec<u8>, base_ms: u64, count: u64) -> Writer {
        Writer {
            sink,
            start: Instant::now(),
            base_ms,
            count,
            last_sync: Instant::now(),
            unsynced: false,
            written: kept.len() as u64,
            kept,
            failed: None,
            torn_copy: None,
            version: FORMAT_VERSION,
        }
    }

    /// The format version of the journal being written.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Records an action and what it changed in the case file, flushed at once; synced to
    /// disk at least once a second. A version 1 journal keeps to actions alone.
    pub fn record(&mut self, action: &Action, changes: &[CaseChange]) -> io::Result<()> {
        let elapsed = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        let t = self.base_ms.saturating_add(elapsed).min(MAX_OFFSET_MS);
        self.count += 1;
        let c = if self.version >= 2 {
            changes.to_vec()
        } else {
            Vec::new()
        };
        self.put(&Line::Action {
            t,
            a: action.clone(),
            c,
        })?;
        self.sync_if_due()
    }

    /// Records the state checksum after the current action.
    pub fn checksum(&mut self, sum: String) -> io::Result<()> {
        self.put(&Line::Checksum { n: self.count, sum })
    }

    /// Writes one line in one call. A write that fails is cut back off the file, so that
    /// the journal on disk ends with a whole line, and the writer stops writing to it.
    fn put(&mut self, line: &Line) -> io::Result<()> {
        let mut bytes = serde_json::to_vec(line).map_err(io::Error::other)?;
        bytes.push(b'\n');
        self.kept.extend_from_slice(&bytes);
        if let Some(why) = &self.failed {
            return Err(io::Error::other(why.clone()));
        }
        match self.sink.write_all(&bytes).and_then(|()| self.sink.flush()) {
            Ok(()) => {
                self.written += bytes.len() as u64;
                self.unsynced = true;
                Ok(())
            }
            Err(e) => {
                let _ = self.sink.truncate(self.written);
                self.failed = Some(e.to_string());
                Err(e)
            }
        }
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

    /// Forces everything written so far to disk.
    pub fn sync(&mut self) -> io::Result<()> {
        self.last_sync = Instant::now();
        self.unsynced = false;
        if self.failed.is_some() {
            return Ok(());
        }
        self.sink.sync().inspect_err(|e| {
            self.failed = Some(e.to_string());
        })?;
        // A journal deleted or replaced during play takes nothing more: say so while the
        // player can still act on it, not only at the end.
        if !self.sink.still_there()? {
            let why = DELETED.to_owned();
            self.failed = Some(why.clone());
            return Err(io::Error::other(why));
        }
        Ok(())
    }

    /// Why the journal on disk does not hold the whole record, if it does not: a write
    /// failed, or the file was deleted or replaced while it was being written.
    pub fn trouble(&self) -> Option<String> {
        if let Some(why) = &self.failed {
            return Some(why.clone());
        }
        match self.sink.still_there() {
            Ok(true) => None,
            Ok(false) => Some(DELETED.to_owned()),
            Err(e) => Some(format!("the journal file cannot be checked: {e}")),
        }
    }

    /// Where the bytes of a torn last line were kept when resuming cut them off.
    pub fn torn_copy(&self) -> Option<&Path> {
        self.torn_copy.as_deref()
    }

    /// Everything on the record, as the journal file should hold it.
    pub fn kept(&self) -> &[u8] {
        &self.kept
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        if self.failed.is_none() {
            let _ = self.sink.sync();
        }
    }
}

/// Writes `bytes` to a new file beside `path`, named `FILE.suffix` (or `FILE.suffix.2`, ...
/// when that is taken), never following a link or replacing a file. Returns its path.
pub fn keep_beside(path: &Path, suffix: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{suffix}"));
    write_new(&PathBuf::from(name), bytes)
}

/// Writes `bytes` to a new file at `path`, or at `path.2`, `path.3`, ... when it is taken.
pub fn write_new(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
    for n in 1..1000 {
        let candidate = if n == 1 {
            path.to_path_buf()
        } else {
            let mut name = path.as_os_str().to_owned();
            name.push(format!(".{n}"));
            PathBuf::from(name)
        };
        match OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(mut file) => {
                let written = file.write_all(bytes).and_then(|()| file.sync_all());
                if let Err(e) = written {
                    drop(file);
                    let _ = std::fs::remove_file(&candidate);
                    return Err(e);
                }
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "no free name beside {}",
        path.display()
    )))
}

/// Places to save a journal that could not be written where it belonged, in order: beside
/// it, then the temporary folder, then the current folder.
pub fn fallback_places(path: &Path) -> Vec<PathBuf> {
    let stem = path
        .file_stem()
        .map_or_else(|| "session".into(), |s| s.to_string_lossy().into_owned());
    let name = format!("{stem}-recovered.jsonl");
    let mut places = vec![path.with_file_name(&name)];
    places.push(std::env::temp_dir().join(&name));
    if let Ok(dir) = std::env::current_dir() {
        places.push(dir.join(&name));
    }
    places
}

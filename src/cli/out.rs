//! Standard output for the commands: buffered, with every failed write returned rather than
//! a panic, so that a command ends quietly when its reader goes away (`redcode ledger | head`).
//!
//! `println!` panics when standard output is a closed pipe (Rust ignores SIGPIPE, so the
//! write fails with `BrokenPipe`); whether it does depends on how much output the pipe took
//! before the reader left, which is why such panics came and went. Every command writes
//! through [`print`] instead, and `main` treats a closed pipe as success.

use std::io::{self, BufWriter, StdoutLock, Write};

use super::CliError;

/// Standard output as the commands write to it.
pub type Out = BufWriter<StdoutLock<'static>>;

/// Runs `write` on standard output, buffered, then flushes. A failed write, a closed pipe
/// included, comes back as [`CliError::Output`].
pub fn print<T>(write: impl FnOnce(&mut Out) -> io::Result<T>) -> Result<T, CliError> {
    let mut out = BufWriter::new(io::stdout().lock());
    let value = write(&mut out).map_err(CliError::Output)?;
    out.flush().map_err(CliError::Output)?;
    Ok(value)
}

/// Writes bytes already made (a completion script, a man page, a cast) to standard output.
pub fn print_bytes(bytes: &[u8]) -> Result<(), CliError> {
    print(|out| out.write_all(bytes))
}

//! `redcode validate FILE...`: every problem in every file, exit 1 if any is an error (or,
//! with `--deny-warnings`, a warning).

use std::io::Write;

use super::diagnostics::{print_diagnostics, print_open_error};
use super::{CliError, out};
use crate::open::{open_loaded, read_file};
use crate::scenario::text::clean_line;

pub fn run(files: &[String], deny_warnings: bool) -> Result<(), CliError> {
    let mut failed = false;
    let printed = out::print(|out| {
        for file in files {
            let loaded = match read_file(file) {
                Ok(loaded) => loaded,
                Err(error) => {
                    print_open_error(&error);
                    failed = true;
                    continue;
                }
            };
            let source = loaded.source.clone();
            match open_loaded(loaded, None) {
                Ok(opened) => {
                    print_diagnostics(&opened.warnings, Some(&source));
                    if deny_warnings && !opened.warnings.is_empty() {
                        failed = true;
                        let count = opened.warnings.len();
                        let plural = if count == 1 { "" } else { "s" };
                        writeln!(
                            out,
                            "{}: {count} warning{plural}, refused by --deny-warnings",
                            clean_line(file)
                        )?;
                        out.flush()?;
                        continue;
                    }
                    writeln!(
                        out,
                        "{}: ok ({} people, {} events, {} ledger entries)",
                        clean_line(file),
                        opened.world.person_count(),
                        opened.world.timeline.len(),
                        opened.world.ledger.len()
                    )?;
                    // Each file's line goes out before the next file's diagnostics, so the
                    // two streams stay in order at a terminal.
                    out.flush()?;
                }
                Err(error) => {
                    print_diagnostics(&error.diagnostics, Some(&source));
                    failed = true;
                }
            }
        }
        Ok(())
    });
    match printed {
        // A file with errors fails the run even when the reader left before the end.
        Err(error) if !(failed && error.reader_gone()) => Err(error),
        _ if failed => Err(CliError::Reported),
        _ => Ok(()),
    }
}

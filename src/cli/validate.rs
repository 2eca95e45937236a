//! `redcode validate FILE...`: every problem in every file, exit 1 if any is an error (or,
//! with `--deny-warnings`, a warning). `--upgrade` rewrites files of an older schema version
//! first; `--playtest` adds the findings the careful auditor cannot pass.

use std::io::Write;

use super::diagnostics::{print_diagnostics, print_open_error};
use super::{CliError, out};
use crate::open::{open_loaded, read_file};
use crate::scenario::Diagnostic;
use crate::scenario::load::{Loaded, migration_notice, parse_str};
use crate::scenario::text::clean_line;
use crate::scenario::upgrade::{Upgrade, upgrade_text};

/// What `validate` does besides checking.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub deny_warnings: bool,
    pub upgrade: bool,
    pub playtest: bool,
}

pub fn run(files: &[String], options: Options) -> Result<(), CliError> {
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
            let loaded = if options.upgrade {
                match upgrade(file, loaded, out) {
                    Ok(loaded) => loaded,
                    Err(diagnostics) => {
                        print_diagnostics(&diagnostics, None);
                        failed = true;
                        continue;
                    }
                }
            } else {
                loaded
            };
            let notice = loaded
                .migrated_from
                .map(|from| format!("; {}", migration_notice(&clean_line(file), from)))
                .unwrap_or_default();
            let source = loaded.source.clone();
            let for_playtest = options.playtest.then(|| loaded.clone());
            match open_loaded(loaded, None) {
                Ok(mut opened) => {
                    if let Some(loaded) = for_playtest {
                        let more = crate::author::key_warnings::unpassable(&loaded, &opened.world);
                        opened.warnings.extend(more);
                    }
                    print_diagnostics(&opened.warnings, Some(&source));
                    if options.deny_warnings && !opened.warnings.is_empty() {
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
                        "{}: ok ({} people, {} events, {} ledger entries){notice}",
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

/// Rewrites a file of an older schema version in the current one, saying so, and returns
/// it as read again; a current file comes back as it was.
fn upgrade(file: &str, loaded: Loaded, out: &mut impl Write) -> Result<Loaded, Vec<Diagnostic>> {
    let (from, text) = match upgrade_text(&loaded.file, &loaded.source)? {
        Upgrade::Current => return Ok(loaded),
        Upgrade::Rewritten { from, text } => (from, text),
    };
    if let Err(e) = std::fs::write(file, &text) {
        let message = format!("cannot write the upgraded file: {e}");
        return Err(vec![Diagnostic::whole_file(&loaded.file, message)]);
    }
    let _ = writeln!(
        out,
        "{}: upgraded from schema_version {from} to {}",
        clean_line(file),
        crate::scenario::model::SCHEMA_VERSION
    );
    parse_str(&loaded.file, text)
}

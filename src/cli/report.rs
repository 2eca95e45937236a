//! Printing diagnostics: a plain line each when piped, with a snippet at a terminal.

use std::io::IsTerminal;

use std::process::ExitCode;

use crate::open::{OpenError, Opened, open};
use crate::scenario::Diagnostic;

/// Prints diagnostics to stderr, with the source snippet when stderr is a terminal.
pub fn print_diagnostics(diagnostics: &[Diagnostic], source: Option<&str>) {
    let fancy = std::io::stderr().is_terminal();
    for d in diagnostics {
        match source {
            Some(source) if fancy && d.offset <= source.len() => {
                eprintln!("{}", d.render_with_snippet(source))
            }
            _ => eprintln!("{d}"),
        }
    }
}

pub fn print_open_error(error: &OpenError) {
    print_diagnostics(&error.diagnostics, error.source.as_deref());
}

/// Opens a scenario for a command, or prints why not and gives the exit code to leave with.
pub fn open_or_report(scenario: Option<&str>, seed: Option<u64>) -> Result<Opened, ExitCode> {
    open(scenario, seed).map_err(|error| {
        print_open_error(&error);
        ExitCode::FAILURE
    })
}

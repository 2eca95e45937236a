//! Printing diagnostics: a plain line each when piped, with a snippet at a terminal.

use std::io::IsTerminal;

use crate::open::OpenError;
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

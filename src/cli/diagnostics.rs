//! Printing diagnostics: a plain line each when piped, with a snippet at a terminal.

use std::io::IsTerminal;

use crate::open::{OpenError, Opened, open_despite_key};
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

/// Opens a scenario for reading its ledger or traces, even when its answer key fails: the
/// key's errors go to stderr first, then a line saying the key is set aside.
pub fn open_for_debugging(name: Option<&str>, seed: Option<u64>) -> Result<Opened, OpenError> {
    let (opened, key_diagnostics) = open_despite_key(name, seed)?;
    if key_diagnostics.iter().any(Diagnostic::is_error) {
        print_diagnostics(&key_diagnostics, Some(&opened.source));
        eprintln!(
            "{}: the answer key has errors: shown without it, so the key can be checked against these records",
            crate::scenario::text::clean_line(&opened.file)
        );
    }
    Ok(opened)
}

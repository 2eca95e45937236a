//! `redcode validate FILE...`: every problem in every file, exit 1 if any is an error.

use std::process::ExitCode;

use super::report::{print_diagnostics, print_open_error};
use crate::open::{open_loaded, read_file};
use crate::scenario::text::clean_line;

pub fn run(files: &[String]) -> ExitCode {
    let mut failed = false;
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
                println!(
                    "{}: ok ({} people, {} events, {} ledger entries)",
                    clean_line(file),
                    opened.world.person_count(),
                    opened.world.timeline.len(),
                    opened.world.ledger.len()
                );
            }
            Err(error) => {
                print_diagnostics(&error.diagnostics, Some(&source));
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

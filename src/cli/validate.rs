//! `redcode validate FILE...`: every problem in every file, exit 1 if any is an error.

use std::path::Path;
use std::process::ExitCode;

use super::report::print_diagnostics;
use crate::open::open_loaded;
use crate::scenario::load;

pub fn run(files: &[String]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match load::load_file(Path::new(file)) {
            Err(diagnostics) => {
                print_diagnostics(&diagnostics, None);
                failed = true;
            }
            Ok(loaded) => {
                let source = loaded.source.clone();
                match open_loaded(loaded, None) {
                    Ok(opened) => {
                        print_diagnostics(&opened.warnings, Some(&source));
                        println!(
                            "{file}: ok ({} people, {} events, {} ledger entries)",
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
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

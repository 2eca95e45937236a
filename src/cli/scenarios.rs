//! `redcode scenarios`: the built-in scenarios; and the summary shown with no command.

use std::process::ExitCode;

use super::report::print_diagnostics;
use crate::scenario::builtin::{BUILTINS, DEFAULT};

pub fn run() -> ExitCode {
    for b in BUILTINS {
        match crate::open::read(Some(b.id)) {
            Ok(loaded) => println!("{}\t{}", b.id, loaded.scenario.title),
            Err(error) => {
                print_diagnostics(&error.diagnostics, None);
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// A short account of the built-in scenario and its headline figures.
pub fn summary() -> ExitCode {
    let opened = match super::report::open_or_report(Some(DEFAULT), None) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let world = &opened.world;
    let s = &world.scenario;
    println!("{}\n{} to {}\n", s.title, s.start, s.end);
    println!("{}\n", s.briefing);
    println!(
        "{} people, {} events, {} ledger entries.",
        world.person_count(),
        world.timeline.len(),
        world.ledger.len()
    );
    println!(
        "Try: redcode trace lin-xiu --at \"2022-06-13 12:00\"   |   redcode ledger --format csv"
    );
    ExitCode::SUCCESS
}

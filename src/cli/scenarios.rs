//! `redcode scenarios`: the built-in scenarios; and the summary shown with no command.

use std::io::Write;

use super::{CliError, out};
use crate::open::open;
use crate::scenario::builtin::{BUILTINS, DEFAULT};

pub fn run() -> Result<(), CliError> {
    let mut lines = Vec::new();
    for b in BUILTINS {
        let loaded = crate::open::read(Some(b.id))?;
        lines.push(format!("{}\t{}", b.id, loaded.scenario.title));
    }
    out::print(|out| lines.iter().try_for_each(|line| writeln!(out, "{line}")))
}

/// A short account of the built-in scenario and its headline figures.
pub fn summary() -> Result<(), CliError> {
    let opened = open(Some(DEFAULT), None)?;
    let world = &opened.world;
    let s = &world.scenario;
    out::print(|out| {
        writeln!(out, "{}\n{} to {}\n", s.title, s.start, s.end)?;
        writeln!(out, "{}\n", s.briefing)?;
        writeln!(
            out,
            "{} people, {} events, {} ledger entries.",
            world.person_count(),
            world.timeline.len(),
            world.ledger.len()
        )?;
        writeln!(
            out,
            "Try: redcode trace lin-xiu --at \"2022-06-13 12:00\"   |   redcode ledger --format csv"
        )
    })
}

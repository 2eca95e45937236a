//! `redcode playtest [SCENARIO...] [--seeds N]`: each scenario played by a careful, a
//! reckless and an idle auditor, one table row per scenario and seed; exit 1 when any is
//! unfair.

use std::io::Write;

use super::diagnostics::print_open_error;
use super::{CliError, out};
use crate::author::playtest::{Outcome, playtest};
use crate::open::open;
use crate::scenario::builtin::BUILTINS;
use crate::scenario::text::clean_line;

pub fn run(scenarios: &[String], seeds: u64) -> Result<(), CliError> {
    let names: Vec<String> = if scenarios.is_empty() {
        BUILTINS.iter().map(|b| b.id.to_owned()).collect()
    } else {
        scenarios.to_vec()
    };
    let mut unfair = false;
    let printed = out::print(|out| {
        writeln!(
            out,
            "{:<24} {:>6}  {:<24} {:<18} {:<18} verdict",
            "scenario", "seed", "careful", "reckless", "idle"
        )?;
        for name in &names {
            // The scenario's own seed first, then the ones after it.
            let first = match open(Some(name), None) {
                Ok(opened) => opened.world.scenario.seed,
                Err(error) => {
                    print_open_error(&error);
                    unfair = true;
                    continue;
                }
            };
            for seed in (0..seeds.max(1)).map(|n| first.wrapping_add(n)) {
                let world = match open(Some(name), Some(seed)) {
                    Ok(opened) => opened.world,
                    Err(error) => {
                        print_open_error(&error);
                        unfair = true;
                        continue;
                    }
                };
                let result = playtest(&world);
                unfair |= !result.fair();
                writeln!(
                    out,
                    "{:<24} {seed:>6}  {:<24} {:<18} {:<18} {}",
                    clean_line(name),
                    careful_cell(&result.careful),
                    label_cell(&result.reckless),
                    label_cell(&result.idle),
                    if result.fair() { "fair" } else { "UNFAIR" }
                )?;
                for problem in &result.problems {
                    writeln!(out, "  - {problem}")?;
                }
            }
        }
        Ok(())
    });
    match printed {
        Err(error) if !(unfair && error.reader_gone()) => Err(error),
        _ if unfair => Err(CliError::Reported),
        _ => Ok(()),
    }
}

fn careful_cell(o: &Outcome) -> String {
    format!("{}/{} {}", o.score, o.max_score, o.label.word())
}

fn label_cell(o: &Outcome) -> String {
    format!("{} ({}/{})", o.label.word(), o.score, o.max_score)
}

//! `redcode trace PERSON`: the chain behind a colour, as text or JSON, read from every record
//! by default or from those in by `--known-at`.

use std::io::Write;

use super::{CliError, out};
use crate::scenario::Time;

pub fn run(
    scenario: Option<&str>,
    seed: Option<u64>,
    person: &str,
    [at, known_at]: [Option<&str>; 2],
    json: bool,
) -> Result<(), CliError> {
    let opened = super::diagnostics::open_for_debugging(scenario, seed)?;
    let world = &opened.world;
    let moment = |text: Option<&str>| {
        text.map(Time::parse)
            .transpose()
            .map_err(CliError::BadTime)
            .map(|t| t.unwrap_or(world.scenario.end))
    };
    let (at, known_at) = (moment(at)?, moment(known_at)?);
    // Both come from the command line: the error cleans them like any other outside text.
    let ix = world
        .roster
        .find(person)
        .ok_or_else(|| CliError::NoPerson {
            person: person.to_owned(),
            file: opened.file.clone(),
        })?;
    let trace = world.trace_known_at(ix, at, known_at);
    if json {
        let text = serde_json::to_string_pretty(&trace)?;
        return out::print(|out| writeln!(out, "{text}"));
    }
    out::print(|out| {
        writeln!(
            out,
            "{} ({}) at {}: {} [{}] in the {}",
            trace.name,
            trace.person,
            trace.at,
            trace.colour.name(),
            trace.colour.letter(),
            trace.system
        )?;
        let others: Vec<String> = trace
            .codes
            .iter()
            .filter(|c| c.system != trace.system)
            .map(|c| {
                format!(
                    "{} [{}] in the {}",
                    c.colour.name(),
                    c.colour.letter(),
                    c.system
                )
            })
            .collect();
        if !others.is_empty() {
            writeln!(out, "  other codes: {}", others.join("; "))?;
        }
        if trace.links.is_empty() {
            writeln!(out, "  no code change on record: green since the start")?;
        }
        for link in &trace.links {
            writeln!(
                out,
                "  {:<10} {}",
                format!("{:?}", link.kind()).to_lowercase(),
                link.text
            )?;
        }
        Ok(())
    })
}

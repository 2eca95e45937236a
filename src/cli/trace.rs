//! `redcode trace PERSON`: the chain behind a colour, as text or JSON.

use std::process::ExitCode;

use crate::scenario::Time;
use crate::scenario::text::clean_line;

pub fn run(
    scenario: Option<&str>,
    seed: Option<u64>,
    person: &str,
    at: Option<&str>,
    json: bool,
) -> ExitCode {
    let opened = match super::report::open_or_report(scenario, seed) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let world = &opened.world;
    let at = match at.map(Time::parse).transpose() {
        Ok(at) => at.unwrap_or(world.scenario.end),
        Err(message) => {
            eprintln!("error: --at: {}", clean_line(&message));
            return ExitCode::from(2);
        }
    };
    let Some(ix) = world.roster.find(person) else {
        // Both come from the command line: cleaned like any other outside text.
        eprintln!(
            "error: no person with id `{}` in {}",
            clean_line(person),
            clean_line(&opened.file)
        );
        return ExitCode::FAILURE;
    };
    let trace = world.trace(ix, at);
    if json {
        match serde_json::to_string_pretty(&trace) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
        return ExitCode::SUCCESS;
    }
    println!(
        "{} ({}) at {}: {} [{}] in the {}",
        trace.name,
        trace.person,
        trace.at,
        trace.colour.name(),
        trace.colour.letter(),
        trace.system
    );
    if trace.links.is_empty() {
        println!("  no code change on record: green since the start");
    }
    for link in &trace.links {
        println!(
            "  {:<10} {}",
            format!("{:?}", link.kind).to_lowercase(),
            link.text
        );
    }
    ExitCode::SUCCESS
}

//! `redcode ledger`: every entry, one row each, as CSV or JSON.

use std::io::Write;

use serde::Serialize;

use super::{CliError, LedgerFormat, out};
use crate::engine::{Cause, EntryId, World};
use crate::open::open;

/// One ledger entry flattened for a spreadsheet.
#[derive(Debug, Serialize)]
pub struct Row {
    pub entry: EntryId,
    pub time: String,
    pub person: String,
    pub name: String,
    pub system: String,
    pub from: &'static str,
    pub to: &'static str,
    pub cause: &'static str,
    pub rule: String,
    pub operator: String,
    pub account: String,
    pub batch: String,
    pub reason: String,
    pub justification: String,
    pub directive: String,
    pub evidence: String,
    pub undoes: String,
}

pub fn row(world: &World, id: EntryId) -> Option<Row> {
    let e = world.ledger.get(id)?;
    let assignment = world.assignment_of(id);
    let operator = world.official_of(id).map(|o| world.official(o));
    let (rule, evidence, undoes) = match &e.cause {
        Cause::Rule { rule, evidence } => (
            world.scenario.rules[*rule as usize].id.to_string(),
            evidence.to_vec(),
            String::new(),
        ),
        Cause::Lift { rule, evidence, of } => (
            world.scenario.rules[*rule as usize].id.to_string(),
            evidence.to_vec(),
            of.iter()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(" "),
        ),
        Cause::Manual { evidence, .. } => (String::new(), evidence.to_vec(), String::new()),
        Cause::Lapse { of } | Cause::Reversal { of, .. } => {
            (String::new(), Vec::new(), of.to_string())
        }
    };
    Some(Row {
        entry: id,
        time: e.at.to_string(),
        person: world.person_id(e.person).to_owned(),
        name: world.person_name(e.person).to_owned(),
        system: world.scenario.systems[e.system as usize].id.to_string(),
        from: e.from.name(),
        to: e.to.name(),
        cause: e.cause.kind(),
        rule,
        operator: operator.map(|o| o.id.to_string()).unwrap_or_default(),
        account: operator
            .and_then(|o| o.account.as_ref())
            .map(|a| a.to_string())
            .unwrap_or_default(),
        batch: assignment
            .and_then(|a| a.batch.as_ref())
            .map(|b| b.to_string())
            .unwrap_or_default(),
        reason: world.reason_text(id).unwrap_or_default().to_owned(),
        justification: assignment
            .map(|a| a.justification.to_string())
            .unwrap_or_default(),
        directive: assignment
            .and_then(|a| a.directive.as_ref())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        evidence: evidence
            .iter()
            .map(|&ix| world.describe_record(ix))
            .collect::<Vec<_>>()
            .join("; "),
        undoes,
    })
}

pub fn run(
    scenario: Option<&str>,
    seed: Option<u64>,
    format: LedgerFormat,
) -> Result<(), CliError> {
    let opened = open(scenario, seed)?;
    let world = &opened.world;
    let rows = (0..world.ledger.len() as u32)
        .map(EntryId)
        .filter_map(|id| row(world, id));
    out::print(|out| match format {
        LedgerFormat::Csv => write_csv(out, rows),
        LedgerFormat::Json => write_json(out, rows),
    })
}

fn write_csv(out: impl Write, rows: impl Iterator<Item = Row>) -> std::io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    for row in rows {
        writer.serialize(row).map_err(std::io::Error::other)?;
    }
    writer.flush()
}

fn write_json(mut out: impl Write, rows: impl Iterator<Item = Row>) -> std::io::Result<()> {
    writeln!(out, "[")?;
    for (i, row) in rows.enumerate() {
        if i > 0 {
            writeln!(out, ",")?;
        }
        serde_json::to_writer(&mut out, &row)?;
    }
    writeln!(out, "\n]")?;
    out.flush()
}

//! `redcode preview SCENARIO [--seed N]`: the author's readiness summary and timeline by
//! day, as text, with each objective's answer for the variant of that seed. The figures are
//! [`crate::author::preview`]'s; this only lays them out.

use std::io::{self, Write};

use super::diagnostics::open_for_debugging;
use super::{CliError, out};
use crate::author::key_warnings::unpassable;
use crate::author::preview::{Preview, preview};
use crate::scenario::load::Loaded;

/// Previews a scenario; one whose answer key fails is previewed without it, the key's
/// errors printed first, so the key can be debugged against what the preview shows.
pub fn run(scenario: &str, seed: Option<u64>) -> Result<(), CliError> {
    let opened = open_for_debugging(Some(scenario), seed)?;
    // The preview plays the careful auditor for its answers already; its findings too.
    let loaded = Loaded {
        file: opened.file.clone(),
        source: opened.source.clone(),
        scenario: opened.world.scenario.clone(),
        migrated_from: None,
    };
    let mut warnings = opened.warnings.clone();
    warnings.extend(unpassable(&loaded, &opened.world));
    warnings.sort_by_key(|d| (d.line, d.column));
    let summary = preview(&opened.world, &warnings);
    out::print(|out| write(&summary, out))
}

/// Writes the whole preview.
pub fn write(p: &Preview, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{} ({}), seed {}", p.title, p.id, p.seed)?;
    writeln!(out, "{} to {}", p.start, p.end)?;
    write_people(p, out)?;
    write_events(p, out)?;
    write_ledger(p, out)?;
    write_key(p, out)?;
    if p.warnings.is_empty() {
        writeln!(out, "\nWarnings: none")?;
    } else {
        writeln!(out, "\nWarnings: {}", p.warnings.len())?;
    }
    for w in &p.warnings {
        writeln!(out, "  {w}")?;
    }
    write_days(p, out)
}

/// "1 entry", "3 entries".
fn count(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) => format!("1 {word}"),
        (_, "entry") => format!("{n} entries"),
        (_, "person") => format!("{n} people"),
        _ => format!("{n} {word}s"),
    }
}

fn write_people(p: &Preview, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\nPeople: {}", p.people.total)?;
    writeln!(
        out,
        "  {:<28} {:>8}",
        "written by hand", p.people.hand_written
    )?;
    for (id, members, companions) in &p.people.crowds {
        let made = u64::from(*members) + u64::from(*companions);
        let with = if *companions > 0 {
            format!("  ({members} and {companions} companions)")
        } else {
            String::new()
        };
        writeln!(out, "  {:<28} {made:>8}{with}", format!("crowd {id}"))?;
    }
    Ok(())
}

fn write_events(p: &Preview, out: &mut impl Write) -> io::Result<()> {
    let total: usize = p.events.iter().map(|e| e.total).sum();
    let written: usize = p.events.iter().map(|e| e.written).sum();
    writeln!(out, "\nEvents: {total}, {written} written in the file")?;
    writeln!(out, "  {:<28} {:>8} {:>8}", "kind", "all", "written")?;
    for e in &p.events {
        let note = if matches!(e.kind, "decision" | "order") {
            "  (known through the records that reveal them)"
        } else {
            ""
        };
        writeln!(
            out,
            "  {:<28} {:>8} {:>8}{note}",
            e.kind, e.total, e.written
        )?;
    }
    Ok(())
}

fn write_ledger(p: &Preview, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\nLedger: {}", count(p.entries, "entry"))?;
    let ids = p.rules.iter().map(|r| &r.id);
    let ids = ids.chain(p.batches.iter().map(|b| &b.id));
    let ids = ids.chain(p.operators.iter().map(|o| &o.id));
    let w = ids.map(|id| id.chars().count()).max().unwrap_or(0).max(26);
    writeln!(out, "  by rule")?;
    for r in &p.rules {
        writeln!(out, "    {:<w$} {:>8}  {}", r.id, r.entries, r.name)?;
    }
    writeln!(out, "  by batch")?;
    if p.batches.is_empty() {
        writeln!(out, "    none")?;
    }
    for b in &p.batches {
        writeln!(
            out,
            "    {:<w$} {:>8}  from {}, first at {}",
            b.id, b.entries, b.operator, b.first
        )?;
    }
    writeln!(
        out,
        "  by operator (changes by hand, and batch changes reversed)"
    )?;
    if p.operators.is_empty() {
        writeln!(out, "    none")?;
    }
    for o in &p.operators {
        let [g, y, r] = o.manual;
        let account = o.account.as_deref().unwrap_or("no account");
        writeln!(
            out,
            "    {:<w$} {:>8}  {g} green, {y} yellow, {r} red, {} reversed  ({account})",
            o.id,
            g + y + r + o.reversals,
            o.reversals
        )?;
    }
    Ok(())
}

fn write_key(p: &Preview, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\nAnswer key")?;
    let sets = || p.findings.iter().chain(&p.lawful);
    let width = sets().map(|s| s.id.chars().count()).max().unwrap_or(0);
    for (word, sets) in [("finding", &p.findings), ("lawful", &p.lawful)] {
        for s in sets {
            writeln!(
                out,
                "  {word:<8} {:<width$} {:>12}, {}  {}",
                s.id,
                count(s.entries, "entry"),
                count(s.people, "person"),
                s.title
            )?;
        }
    }
    for o in &p.objectives {
        writeln!(out, "  objective {}: {}", o.id, o.question)?;
        writeln!(out, "    key:   {}", o.key)?;
        match &o.found {
            Ok(found) if o.agrees => writeln!(out, "    found: {found} (agrees)")?,
            Ok(found) => writeln!(out, "    found: {found} (DIFFERS from the key)")?,
            Err(why) => writeln!(out, "    found: nothing: {why}")?,
        }
    }
    Ok(())
}

fn write_days(p: &Preview, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "\nBy day")?;
    writeln!(
        out,
        "  {:<10} {:>7} {:>7} {:>7} {:>7} {:>7}   green/yellow/red at the end",
        "date", "rule", "manual", "revers.", "lapse", "lift"
    )?;
    for d in &p.days {
        let c = d.changes;
        let [g, y, r] = d.colours;
        writeln!(
            out,
            "  {:<10} {:>7} {:>7} {:>7} {:>7} {:>7}   {g}/{y}/{r}",
            d.date_text(),
            c.rule,
            c.manual,
            c.reversal,
            c.lapse,
            c.lift
        )?;
        for (id, entries) in &d.batches {
            writeln!(out, "    batch {id} ran: {}", count(*entries, "entry"))?;
        }
        for (id, title) in &d.documents {
            writeln!(out, "    document {id} comes in: {title}")?;
        }
    }
    Ok(())
}

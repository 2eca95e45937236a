//! The debrief as a Markdown report, to hand in, project or keep.

use crate::scenario::text::counted;
use std::fmt::Write;

use crate::engine::World;

use super::casefile::CaseFile;
use super::score::Grade;

/// Writes the debrief: result, findings, objectives, wrong flags, the true chain, prompts.
pub fn markdown(world: &World, case: &CaseFile, grade: &Grade, player: &str) -> String {
    let mut out = String::new();
    let s = &world.scenario;
    let _ = writeln!(out, "# Debrief — {}\n", s.title);
    if !player.is_empty() {
        let _ = writeln!(out, "Auditor: {player}  ");
    }
    let _ = writeln!(out, "Scenario: `{}` (seed {})  ", s.id, world.seed);
    let _ = writeln!(
        out,
        "Result: **{}** — {}.\n",
        grade.label.word(),
        grade.summary()
    );
    let _ = writeln!(out, "## Findings\n");
    for f in &grade.findings {
        let mark = if f.passed { "PASS" } else { "FAIL" };
        let _ = writeln!(
            out,
            "- **{mark}** {} ({} of {} covered): {}.",
            f.title,
            f.covered,
            counted(f.entries, "entry", "entries"),
            f.reason
        );
    }
    let _ = writeln!(out, "\n## Objectives\n");
    for o in &grade.objectives {
        let mark = if o.correct { "right" } else { "wrong" };
        let given = o.given.as_deref().unwrap_or("no answer");
        let hint = if o.hint_taken { " (hint taken)" } else { "" };
        let _ = writeln!(
            out,
            "- {} — you answered {given}: **{mark}**; the records show {}{hint}.",
            o.question, o.expected
        );
    }
    let _ = writeln!(out, "\n## Lawful entries wrongly flagged\n");
    if grade.wrongly_flagged.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for w in &grade.wrongly_flagged {
        let _ = writeln!(
            out,
            "- entry #{} ({}): {} — {}",
            w.entry, w.person, w.set, w.why_lawful
        );
    }
    if let Some(key) = &s.answer_key {
        let _ = writeln!(out, "\n## The chain of decision\n");
        for line in &key.chain {
            let _ = writeln!(out, "1. {line}");
        }
        let _ = writeln!(out, "\n## For discussion\n");
        for prompt in &key.debrief {
            let _ = writeln!(out, "- {prompt}");
        }
    }
    if !case.notes.is_empty() {
        let _ = writeln!(out, "\n## Your notes\n");
        for note in &case.notes {
            let _ = writeln!(out, "- {note}");
        }
    }
    if !s.sources.is_empty() {
        let _ = writeln!(out, "\n## Sources\n");
        for source in &s.sources {
            let _ = writeln!(out, "- {source}");
        }
    }
    out
}

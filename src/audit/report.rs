//! The debrief as a Markdown report, to hand in, project or keep.

use std::fmt::Write;

use crate::engine::World;

use super::casefile::CaseFile;
use super::desk::{ItemKind, debrief_sections as sections};
use super::score::Grade;

/// Writes the debrief: the result, then the debrief's sections as the console shows them
/// (findings, objectives, recommendations, traps, wrong flags, the inquiry, the true
/// chain, what happened next, prompts), the auditor's notes and the sources.
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
    for section in sections(world, grade) {
        let _ = writeln!(out, "## {}\n", section.title);
        for item in &section.items {
            let line = match item.kind {
                ItemKind::Mark(right, word) => {
                    let word = match (word, right) {
                        ("", true) => "right",
                        ("", false) => "wrong",
                        (w, true) => w,
                        (_, false) => "FAIL",
                    };
                    format!("- **{word}** {}", item.text)
                }
                ItemKind::Detail => format!("  - {}", item.text),
                ItemKind::Accusation | ItemKind::Bullet => format!("- {}", item.text),
                ItemKind::Plain => format!("{}\n", item.text),
            };
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out);
    }
    if !case.notes.is_empty() {
        let _ = writeln!(out, "## Your notes\n");
        for note in &case.notes {
            let _ = writeln!(out, "- {note}");
        }
        let _ = writeln!(out);
    }
    if !s.sources.is_empty() {
        let _ = writeln!(out, "## Sources\n");
        for source in &s.sources {
            let _ = writeln!(out, "- {source}");
        }
    }
    out
}

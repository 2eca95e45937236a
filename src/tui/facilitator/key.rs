//! The answer key and the true chain of decision, for the facilitator alone: drawn only in
//! the facilitator's own terminal, never served to a student.

use ratatui::text::{Line, Span};

use super::super::theme::Theme;
use crate::audit::score::describe_answer;
use crate::engine::World;
use crate::scenario::model::ChainRole;

/// The key as lines: each finding with who decided, passed on and carried it out, the
/// traps, the objectives' answers, the controls that would have stopped it, the chain.
pub fn lines(world: &World, theme: Theme) -> Vec<Line<'static>> {
    let Some(key) = &world.scenario.answer_key else {
        return vec![Line::from("This scenario has no answer key.")];
    };
    let name = |id: &str| {
        world
            .official_ix(id)
            .map_or(id.to_owned(), |o| world.official(o).name.to_string())
    };
    let heading = |text: &str| Line::styled(text.to_owned(), theme.accent());
    let mut out = vec![heading("Findings")];
    if key.findings.is_empty() {
        out.push(Line::from(
            "  None: every code is lawful; a clean audit is the answer.",
        ));
    }
    for f in &key.findings {
        out.push(Line::from(vec![
            Span::styled(format!("• {}", f.title), theme.title()),
            Span::raw(format!(" — {}", f.category.label())),
        ]));
        for role in ChainRole::ALL {
            let names: Vec<String> = f.named(role).iter().map(|id| name(id)).collect();
            if !names.is_empty() {
                out.push(Line::from(format!(
                    "    {}: {}",
                    role.label(),
                    names.join(", ")
                )));
            }
        }
    }
    out.push(heading("Lawful codes (traps)"));
    out.extend(
        key.lawful
            .iter()
            .map(|l| Line::from(format!("• {}", l.title))),
    );
    out.push(heading("Objectives"));
    out.extend(key.objectives.iter().map(|o| {
        Line::from(format!(
            "• {} — {}",
            o.question,
            describe_answer(world, &o.answer)
        ))
    }));
    let recommended: Vec<Line> = world
        .scenario
        .controls
        .iter()
        .filter(|c| key.recommended.contains(&c.id))
        .map(|c| Line::from(format!("• {}", c.text)))
        .collect();
    if !recommended.is_empty() {
        out.push(heading("Controls that would have stopped it"));
        out.extend(recommended);
    }
    out.push(heading("The true chain of decision"));
    out.extend(key.chain.iter().map(|c| Line::from(format!("• {c}"))));
    out
}

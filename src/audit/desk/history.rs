//! The case file's history and the questions asked before an edit that cannot be taken
//! lightly: every edit can be undone and redone until the submit, and submitting or
//! deleting asks first.
//!
//! An edit is kept as the changes that made it and the changes that unmake it, both as
//! `CaseChange`s: undoing or redoing reports them like any other edit, so a journal
//! rebuilds the same case file from its changes without knowing there was an undo.

use serde::Serialize;

use crate::engine::World;

use super::super::action::{Action, Screen};
use super::super::effect::{CaseChange, Effect};
use super::Desk;

/// Edits remembered for undo: a long session makes a few hundred.
const HISTORY_DEPTH: usize = 1000;

/// One edit of the case file: what made it, and what unmakes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
struct Edit {
    forward: Vec<CaseChange>,
    backward: Vec<CaseChange>,
}

/// The edits that can be undone, and those undone that can be redone.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct History {
    done: Vec<Edit>,
    undone: Vec<Edit>,
    /// The question open before a submit or a deletion, if any.
    asking: Option<Question>,
}

/// What the player is asked to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Pending {
    /// Hand in the case file.
    Submit,
    /// Remove the flag or note at this row of the case file.
    Remove(usize),
}

/// A question open before an edit: what it would do, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Question {
    pub pending: Pending,
    /// The question's lines: what would happen, and what is still unanswered.
    pub lines: Vec<String>,
}

impl Desk {
    /// The question open before a submit or a deletion, if any.
    pub fn question(&self) -> Option<&Question> {
        self.history.asking.as_ref()
    }

    pub(super) fn question_open(&self) -> bool {
        self.history.asking.is_some()
    }

    /// Whether an edit can be undone, or redone.
    pub fn can_undo(&self) -> bool {
        !self.submitted() && !self.history.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.submitted() && !self.history.undone.is_empty()
    }

    /// Records an edit already made to the case file, and reports its changes.
    pub(super) fn edited(&mut self, forward: Vec<CaseChange>, backward: Vec<CaseChange>) {
        for change in &forward {
            self.effects.push(Effect::CaseChanged(change.clone()));
        }
        self.history.undone.clear();
        self.history.done.push(Edit { forward, backward });
        if self.history.done.len() > HISTORY_DEPTH {
            self.history.done.remove(0);
        }
    }

    /// Undoes the last edit, until the submit.
    pub(super) fn undo(&mut self, world: &World) {
        if self.submitted() {
            return self.say("The case file has been submitted: it can no longer change.");
        }
        let Some(edit) = self.history.done.pop() else {
            return self.say("Nothing to undo.");
        };
        self.replay_changes(&edit.backward);
        self.say(format!("Undone: {}.", summary(&edit.forward)));
        self.history.undone.push(edit);
        self.clamp_selections(world);
    }

    /// Redoes the last edit undone.
    pub(super) fn redo(&mut self, world: &World) {
        if self.submitted() {
            return self.say("The case file has been submitted: it can no longer change.");
        }
        let Some(edit) = self.history.undone.pop() else {
            return self.say("Nothing to redo.");
        };
        self.replay_changes(&edit.forward);
        self.say(format!("Redone: {}.", summary(&edit.forward)));
        self.history.done.push(edit);
        self.clamp_selections(world);
    }

    /// Applies changes to the case file as a journal's rebuild would, and reports them.
    fn replay_changes(&mut self, changes: &[CaseChange]) {
        let mut submitted = false;
        for change in changes {
            self.case_file.case_mut().apply(&mut submitted, change);
            self.effects.push(Effect::CaseChanged(change.clone()));
        }
    }

    /// Asks before handing in, saying what is still unanswered.
    pub(super) fn ask_submit(&mut self, world: &World) {
        if self.submitted() {
            return self.say("The case file has been submitted.");
        }
        let mut lines = vec!["Hand in the case file? It cannot change afterwards.".to_owned()];
        let gaps = self.unanswered(world);
        if gaps.is_empty() {
            lines.push("Every objective is answered.".to_owned());
        } else {
            lines.push("Still open:".to_owned());
            lines.extend(gaps.into_iter().map(|g| format!("  • {g}")));
        }
        self.history.asking = Some(Question {
            pending: Pending::Submit,
            lines,
        });
    }

    /// What the case file leaves open: objectives without an answer, no recommendation,
    /// no flags.
    pub fn unanswered(&self, world: &World) -> Vec<String> {
        let case = self.case();
        let mut gaps = Vec::new();
        if let Some(key) = &world.scenario.answer_key {
            let open: Vec<usize> = (0..key.objectives.len())
                .filter(|&i| !case.answers.contains_key(key.objectives[i].id.as_str()))
                .map(|i| i + 1)
                .collect();
            if !open.is_empty() {
                let numbers: Vec<String> = open.iter().map(|n| format!("Q{n}")).collect();
                gaps.push(format!(
                    "{} without an answer ({})",
                    crate::scenario::text::counted(open.len(), "objective", "objectives"),
                    numbers.join(", ")
                ));
            }
        }
        if !world.scenario.controls.is_empty() && case.recommended.is_empty() {
            gaps.push("no recommendation chosen".to_owned());
        }
        if case.flags.is_empty() {
            gaps.push("no flags".to_owned());
        }
        gaps
    }

    /// Asks before removing the flag or note selected in the case file.
    pub(super) fn ask_remove_selected(&mut self, world: &World) {
        let row = self.selected(Screen::CaseFile);
        match (self.screen(), self.removable(world, row)) {
            (Screen::CaseFile, Some(what)) => {
                self.history.asking = Some(Question {
                    pending: Pending::Remove(row),
                    lines: vec![
                        format!("Remove {what}?"),
                        "(It can be undone until you submit.)".to_owned(),
                    ],
                });
            }
            (Screen::CaseFile, None) => self.say("Select a flag or note to remove it."),
            _ => self.say("Select a flag or note in the case file to remove it."),
        }
    }

    /// Takes an action while a question is open: confirm does it, anything that closes
    /// a dialog does not.
    pub(super) fn update_question(&mut self, world: &World, action: Action) {
        match action {
            Action::Confirm => {
                let Some(question) = self.history.asking.take() else {
                    return;
                };
                match question.pending {
                    Pending::Submit => self.submit(world),
                    Pending::Remove(row) => {
                        self.select(Screen::CaseFile, row);
                        self.remove_selected(world);
                    }
                }
            }
            Action::Cancel | Action::Back => {
                self.history.asking = None;
                self.say("Nothing changed.");
            }
            Action::Quit => self.effects.push(Effect::Quit),
            _ => {}
        }
    }
}

/// An edit in a few words, from the changes that made it.
fn summary(forward: &[CaseChange]) -> &'static str {
    match forward.first() {
        Some(CaseChange::FlagAdded { replaced: None, .. }) => "the flag",
        Some(CaseChange::FlagAdded { .. }) => "the flag's replacement",
        Some(CaseChange::FlagRemoved(_)) => "the flag's removal",
        Some(CaseChange::NoteAdded(_)) => "the note",
        Some(CaseChange::NoteRemoved(_)) => "the note's removal",
        Some(CaseChange::Answered { .. }) => "the answer",
        Some(CaseChange::Recommended { .. }) => "the recommendations",
        _ => "the change",
    }
}

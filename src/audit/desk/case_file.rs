//! The case file room: the flags, notes, answers and hints the player records. Every change
//! to the case file happens here, and each is reported as a `CaseChange`.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::text::clean;

use super::super::action::Screen;
use super::super::casefile::{CaseFile, Flag, Given, HintTaken};
use super::super::dialogs::{AnswerPicker, MAX_INPUT, PickKind};
use super::super::effect::{CaseChange, Effect};
use super::super::score::{describe_given, grade};
use super::Desk;

/// The case file being built.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct CaseRoom {
    case: CaseFile,
}

/// What a row of the case file list is: objectives first, then flags, then notes.
enum Row {
    Objective(usize),
    Flag(usize),
    Note(usize),
}

impl Desk {
    /// The case file: flags, notes, answers, hints.
    pub fn case(&self) -> &CaseFile {
        &self.case_file.case
    }

    /// How many objectives the scenario's answer key sets.
    pub fn objective_count(&self, world: &World) -> usize {
        world
            .scenario
            .answer_key
            .as_ref()
            .map_or(0, |k| k.objectives.len())
    }

    pub(super) fn case_file_rows(&self, world: &World) -> usize {
        let case = &self.case_file.case;
        self.objective_count(world) + case.flags.len() + case.notes.len()
    }

    fn case_row(&self, world: &World, row: usize) -> Option<Row> {
        let objectives = self.objective_count(world);
        let flags = self.case_file.case.flags.len();
        let notes = self.case_file.case.notes.len();
        match row {
            r if r < objectives => Some(Row::Objective(r)),
            r if r < objectives + flags => Some(Row::Flag(r - objectives)),
            r if r < objectives + flags + notes => Some(Row::Note(r - objectives - flags)),
            _ => None,
        }
    }

    fn changed(&mut self, change: CaseChange) {
        self.effects.push(Effect::CaseChanged(change));
    }

    pub(super) fn add_flag(&mut self, world: &World, flag: Flag) {
        self.say(format!(
            "Flagged {} as {}.",
            flag.describe(world),
            flag.category_labels()
        ));
        let replaced = self.case_file.case.add_flag(flag.clone());
        self.changed(CaseChange::FlagAdded {
            flag: Box::new(flag),
            replaced: replaced.map(Box::new),
        });
    }

    pub(super) fn remove_flag(&mut self, index: usize) {
        if let Some(flag) = self.case_file.case.remove_flag(index) {
            self.say("Flag removed.");
            self.changed(CaseChange::FlagRemoved(flag));
        }
    }

    pub(super) fn add_note(&mut self, text: String) {
        // A note may come from a hand-edited journal: clean it like any file text.
        let text: String = clean(&text).chars().take(MAX_INPUT).collect();
        self.case_file.case.notes.push(text.clone());
        self.say("Note added to the case file.");
        self.changed(CaseChange::NoteAdded(text));
    }

    pub(super) fn answer(&mut self, world: &World, objective: String, answer: Given) {
        let known = world
            .scenario
            .answer_key
            .as_ref()
            .is_some_and(|k| k.objectives.iter().any(|o| o.id == objective.as_str()));
        if !known {
            self.say(format!("No objective `{objective}`."));
            return;
        }
        self.say(format!("Answered: {}", describe_given(world, &answer)));
        let change = CaseChange::Answered {
            objective: objective.clone(),
            answer: answer.clone(),
        };
        self.case_file.case.answers.insert(objective, answer);
        self.changed(change);
    }

    pub(super) fn take_hint(&mut self, world: &World, objective: String) {
        let Some(key) = &world.scenario.answer_key else {
            return;
        };
        let Some(o) = key.objectives.iter().find(|o| o.id == objective.as_str()) else {
            self.say(format!("No objective `{objective}`."));
            return;
        };
        let hint = format!("Hint: {}", o.hint);
        if !self.case_file.case.hint_taken(&objective) {
            // Hints fade: once some finding already stands, a hint costs less.
            let progress = grade(world, &self.case_file.case).findings_passed() > 0;
            let cost = if progress { 1 } else { 2 };
            self.case_file.case.hints.push(HintTaken {
                objective: objective.clone(),
                cost,
            });
            self.changed(CaseChange::HintTaken { objective, cost });
        }
        self.say(hint);
    }

    /// The hint of the objective selected in the case file.
    pub(super) fn hint_selected(&mut self, world: &World) {
        let row = self.case_row(world, self.selected(Screen::CaseFile));
        let objective = match (self.screen(), row, &world.scenario.answer_key) {
            (Screen::CaseFile, Some(Row::Objective(i)), Some(key)) => {
                key.objectives.get(i).map(|o| o.id.to_string())
            }
            _ => None,
        };
        match objective {
            Some(objective) => self.take_hint(world, objective),
            None => self.say("Select an objective in the case file for its hint."),
        }
    }

    /// Removes the flag or note selected in the case file.
    pub(super) fn remove_selected(&mut self, world: &World) {
        let row = self.case_row(world, self.selected(Screen::CaseFile));
        match (self.screen(), row) {
            (Screen::CaseFile, Some(Row::Flag(i))) => self.remove_flag(i),
            (Screen::CaseFile, Some(Row::Note(i))) => {
                let note = self.case_file.case.notes.remove(i);
                self.say("Note removed.");
                self.changed(CaseChange::NoteRemoved(note));
            }
            (Screen::CaseFile, None) => {}
            _ => self.say("Select a flag or note in the case file to remove it."),
        }
        self.clamp_selections(world);
    }

    /// The answer picker for the selected objective.
    pub(super) fn picker_for_selected(&mut self, world: &World) -> Option<AnswerPicker> {
        let row = self.case_row(world, self.selected(Screen::CaseFile));
        let (Some(Row::Objective(i)), Some(key)) = (row, &world.scenario.answer_key) else {
            return None;
        };
        let objective = key.objectives.get(i)?;
        self.tip_done(Screen::CaseFile);
        Some(AnswerPicker::new(
            objective.id.to_string(),
            PickKind::for_answer(&objective.answer),
        ))
    }
}

//! The case file room: the flags, notes, answers and hints the player records. Every change
//! to the case file happens here, and each is reported as a `CaseChange`.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::text::{clean, counted};

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

impl CaseRoom {
    pub(super) fn case_mut(&mut self) -> &mut CaseFile {
        &mut self.case
    }
}

/// What a row of the case file list is: objectives first, then the recommendations (when
/// the scenario lists controls), then flags, then notes.
enum Row {
    Objective(usize),
    Recommendations,
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

    /// Rows above the flags: the objectives, and the recommendations' row when the
    /// scenario lists controls.
    pub fn case_head_rows(&self, world: &World) -> usize {
        self.objective_count(world) + usize::from(!world.scenario.controls.is_empty())
    }

    pub(super) fn case_file_rows(&self, world: &World) -> usize {
        let case = &self.case_file.case;
        self.case_head_rows(world) + case.flags.len() + case.notes.len()
    }

    fn case_row(&self, world: &World, row: usize) -> Option<Row> {
        let objectives = self.objective_count(world);
        let head = self.case_head_rows(world);
        let flags = self.case_file.case.flags.len();
        let notes = self.case_file.case.notes.len();
        match row {
            r if r < objectives => Some(Row::Objective(r)),
            r if r < head => Some(Row::Recommendations),
            r if r < head + flags => Some(Row::Flag(r - head)),
            r if r < head + flags + notes => Some(Row::Note(r - head - flags)),
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
        if !flag.is_lawful() {
            self.remember_chain(world, &flag);
        }
        let case = &mut self.case_file.case;
        let at = case.flags.iter().position(|f| f.target == flag.target);
        let replaced = case.add_flag(flag.clone());
        let mut backward = vec![CaseChange::FlagRemoved(flag.clone())];
        if let (Some(index), Some(old)) = (at, &replaced) {
            backward.push(CaseChange::FlagRestored {
                index,
                flag: Box::new(old.clone()),
            });
        }
        let forward = CaseChange::FlagAdded {
            flag: Box::new(flag),
            replaced: replaced.map(Box::new),
        };
        self.edited(vec![forward], backward);
    }

    pub(super) fn remove_flag(&mut self, index: usize) {
        if let Some(flag) = self.case_file.case.remove_flag(index) {
            self.say("Flag removed (u undoes).");
            let backward = CaseChange::FlagRestored {
                index,
                flag: Box::new(flag.clone()),
            };
            self.edited(vec![CaseChange::FlagRemoved(flag)], vec![backward]);
        }
    }

    pub(super) fn add_note(&mut self, text: String) {
        // A note may come from a hand-edited journal: clean it like any file text.
        let text: String = clean(&text).chars().take(MAX_INPUT).collect();
        self.case_file.case.notes.push(text.clone());
        self.say("Note added to the case file.");
        self.edited(
            vec![CaseChange::NoteAdded(text.clone())],
            vec![CaseChange::NoteRemoved(text)],
        );
    }

    /// Sets the recommended controls: ids the scenario lists, each once, in its order.
    pub(super) fn recommend(&mut self, world: &World, controls: Vec<String>) {
        let listed = &world.scenario.controls;
        let unknown: Vec<&String> = controls
            .iter()
            .filter(|c| !listed.iter().any(|l| l.id == c.as_str()))
            .collect();
        if let Some(c) = unknown.first() {
            return self.say(format!("No control `{c}` in this scenario."));
        }
        let chosen: Vec<String> = listed
            .iter()
            .filter(|l| controls.iter().any(|c| l.id == c.as_str()))
            .map(|l| l.id.to_string())
            .collect();
        let before = self.case_file.case.recommended.clone();
        if before == chosen {
            return self.say("The recommendations are unchanged.");
        }
        self.say(format!(
            "Recommended {}.",
            counted(chosen.len(), "control", "controls")
        ));
        self.case_file.case.recommended = chosen.clone();
        self.edited(
            vec![CaseChange::Recommended { controls: chosen }],
            vec![CaseChange::Recommended { controls: before }],
        );
    }

    /// What the selected row would remove, in words, if it is a flag or a note.
    pub(super) fn removable(&self, world: &World, row: usize) -> Option<String> {
        match self.case_row(world, row)? {
            Row::Flag(i) => Some(format!(
                "the flag on {}",
                self.case_file.case.flags.get(i)?.describe(world)
            )),
            Row::Note(i) => {
                let note = self.case_file.case.notes.get(i)?;
                let short: String = note.chars().take(60).collect();
                let more = if short.len() < note.len() { "…" } else { "" };
                Some(format!("the note \"{short}{more}\""))
            }
            _ => None,
        }
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
        let before = match self
            .case_file
            .case
            .answers
            .insert(objective.clone(), answer)
        {
            Some(answer) => CaseChange::Answered { objective, answer },
            None => CaseChange::AnswerWithdrawn { objective },
        };
        self.edited(vec![change], vec![before]);
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
                self.say("Note removed (u undoes).");
                self.edited(
                    vec![CaseChange::NoteRemoved(note.clone())],
                    vec![CaseChange::NoteRestored { index: i, note }],
                );
            }
            (Screen::CaseFile, None) => {}
            _ => self.say("Select a flag or note in the case file to remove it."),
        }
        self.clamp_selections(world);
    }

    /// The answer picker for the selected objective, or the controls' picker on the
    /// recommendations' row, opened with the controls already chosen ticked.
    pub(super) fn picker_for_selected(&mut self, world: &World) -> Option<AnswerPicker> {
        let row = self.case_row(world, self.selected(Screen::CaseFile));
        if let Some(Row::Recommendations) = row {
            let mut picker = AnswerPicker::new(String::new(), PickKind::Controls);
            picker.chosen = world
                .scenario
                .controls
                .iter()
                .enumerate()
                .filter(|(_, c)| self.case().recommended.iter().any(|r| c.id == r.as_str()))
                .map(|(i, _)| i)
                .collect();
            return Some(picker);
        }
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

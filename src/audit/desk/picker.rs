//! The answer picker: choosing an objective's answer from the game's records.

use serde::Serialize;

use crate::engine::World;

use super::super::action::Action;
use super::super::dialogs::{AnswerPicker, PickKind};
use super::super::effect::Effect;
use super::Desk;
use super::input::typeable;

/// Longest text typed into a picker: a name or a number.
const MAX_PICKER_TEXT: usize = 100;

/// The open answer picker, if any.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct PickerRoom {
    picker: Option<AnswerPicker>,
}

impl Desk {
    /// The open answer picker, if any.
    pub fn picker(&self) -> Option<&AnswerPicker> {
        self.picker.picker.as_ref()
    }

    pub(super) fn picker_open(&self) -> bool {
        self.picker.picker.is_some()
    }

    pub(super) fn picker_takes_text(&self) -> bool {
        self.picker().is_some_and(|p| p.kind.takes_text())
    }

    /// Opens the picker for the objective selected in the case file.
    pub(super) fn open_picker(&mut self, world: &World) {
        if let Some(picker) = self.picker_for_selected(world) {
            self.picker.picker = Some(picker);
        }
    }

    /// Takes an action while the picker is open.
    pub(super) fn update_picker(&mut self, world: &World, action: Action) {
        let documents = self.available_documents(world);
        let page = self.page();
        let Some(picker) = self.picker.picker.as_mut() else {
            return;
        };
        let last = picker.candidates(world, &documents).len().saturating_sub(1);
        match action {
            Action::Up => picker.cursor = picker.cursor.saturating_sub(1),
            Action::Down => picker.cursor = (picker.cursor + 1).min(last),
            Action::PageDown => picker.cursor = (picker.cursor + page).min(last),
            Action::PageUp => picker.cursor = picker.cursor.saturating_sub(page),
            Action::Toggle if picker.kind.ticks() => {
                let cursor = picker.cursor;
                if !picker.chosen.remove(&cursor) {
                    picker.chosen.insert(cursor);
                }
            }
            Action::Type(c)
                if picker.kind.takes_text()
                    && picker.text.len() < MAX_PICKER_TEXT
                    && typeable(c)
                    && (picker.kind != PickKind::Number || c.is_ascii_digit()) =>
            {
                picker.text.push(c);
                picker.cursor = 0;
            }
            Action::Erase => {
                picker.text.pop();
                picker.cursor = 0;
            }
            Action::Confirm if picker.kind == PickKind::Controls => {
                let controls = picker.ticked(world, &documents);
                self.picker.picker = None;
                self.recommend(world, controls);
            }
            Action::Recommend(controls) => {
                self.picker.picker = None;
                self.recommend(world, controls);
            }
            Action::Confirm => match picker.given(world, &documents) {
                Some(answer) => {
                    let objective = picker.objective.clone();
                    self.picker.picker = None;
                    self.answer(world, objective, answer);
                }
                None => self.say("Choose an answer first."),
            },
            Action::Cancel | Action::Back => self.picker.picker = None,
            Action::Quit => self.effects.push(Effect::Quit),
            Action::Answer { objective, answer } => {
                self.picker.picker = None;
                self.answer(world, objective, answer);
            }
            _ => {}
        }
    }
}

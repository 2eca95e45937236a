//! The text field: a search applied as it is typed, a note, or a time to seek to.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::text::clean;

use super::super::action::{Action, Screen};
use super::super::dialogs::{Input, InputPurpose, MAX_INPUT};
use super::super::effect::Effect;
use super::Desk;

/// The open text field, if any.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct TextField {
    input: Option<Input>,
}

impl Desk {
    /// The open text field, if any.
    pub fn input(&self) -> Option<&Input> {
        self.input.input.as_ref()
    }

    pub(super) fn input_open(&self) -> bool {
        self.input.input.is_some()
    }

    pub(super) fn open_input(&mut self, purpose: InputPurpose, text: String) {
        self.input.input = Some(Input { purpose, text });
    }

    /// Starts a search in the current list, or in the people list from anywhere else.
    pub(super) fn start_search(&mut self) {
        match self.screen() {
            Screen::People => {
                let text = self.people_query().to_owned();
                self.open_input(InputPurpose::Search(Screen::People), text);
                self.tip_done(Screen::People);
            }
            Screen::Documents => {
                let text = self.document_query().to_owned();
                self.open_input(InputPurpose::Search(Screen::Documents), text);
                self.tip_done(Screen::Documents);
            }
            _ => {
                self.show(Screen::People);
                let text = self.people_query().to_owned();
                self.open_input(InputPurpose::Search(Screen::People), text);
            }
        }
    }

    /// Takes an action while the field is open.
    pub(super) fn update_input(&mut self, world: &World, action: Action) {
        let Some(input) = self.input.input.as_mut() else {
            return;
        };
        match action {
            Action::Type(c) if input.text.chars().count() < MAX_INPUT && typeable(c) => {
                input.text.push(c)
            }
            Action::Erase => {
                input.text.pop();
            }
            Action::Confirm => {
                let Input { purpose, text } = std::mem::take(&mut self.input.input).expect("open");
                match purpose {
                    InputPurpose::Note if !text.trim().is_empty() => self.add_note(text),
                    InputPurpose::Seek => self.seek_typed(world, &text),
                    InputPurpose::InjectCode => self.release_by_code(world, &text),
                    InputPurpose::Note | InputPurpose::Search(_) => {}
                }
                return;
            }
            Action::Cancel => {
                let input = std::mem::take(&mut self.input.input).expect("open");
                if let InputPurpose::Search(_) = input.purpose {
                    self.set_search(world, "");
                }
                return;
            }
            Action::Quit => {
                self.effects.push(Effect::Quit);
                return;
            }
            _ => return,
        }
        // A search applies as it is typed.
        if let Some(Input {
            purpose: InputPurpose::Search(_),
            text,
        }) = &self.input.input
        {
            let text = text.clone();
            self.set_search(world, &text);
        }
    }

    fn set_search(&mut self, world: &World, text: &str) {
        match self.screen() {
            Screen::Documents => self.search_documents(world, text),
            _ => self.search_people(world, text),
        }
        self.select(self.screen(), 0);
    }
}

/// Whether a typed character may go into a text field: nothing that could reach the
/// terminal as a control, bidi or invisible character, whatever a journal says was typed.
pub(super) fn typeable(c: char) -> bool {
    let typed = c.to_string();
    c != '\n' && clean(&typed) == typed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_characters_can_be_typed() {
        assert!(typeable('a') && typeable('林') && typeable(' '));
        for c in [
            '\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200b}', '\n', '\t',
        ] {
            assert!(!typeable(c), "{c:?}");
        }
    }
}

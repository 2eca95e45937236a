//! The compare room: two people side by side, the first marked before the second.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::expand::PersonIx;

use super::super::action::Screen;
use super::Desk;

/// The two people compared.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Compare {
    people: [Option<PersonIx>; 2],
}

impl Desk {
    /// The two people compared; the first is marked before the second.
    pub fn compared(&self) -> [Option<PersonIx>; 2] {
        self.compare.people
    }

    /// Marks the selected person; a second, different person opens the comparison.
    pub(super) fn mark_compare(&mut self, world: &World) {
        let Some(person) = self.selected_person(world) else {
            self.say("Select a person to compare.");
            return;
        };
        match self.compare.people {
            [Some(first), None] if first != person => {
                self.compare.people[1] = Some(person);
                self.reset_pane(Screen::Compare, 0);
                self.reset_pane(Screen::Compare, 1);
                self.show(Screen::Compare);
            }
            _ => {
                self.compare.people = [Some(person), None];
                self.say(format!(
                    "Marked {} for comparison: mark a second person with m.",
                    world.person_name(person)
                ));
            }
        }
    }
}

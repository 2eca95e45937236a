//! The check room: one manual entry's stated reason, held against the records.

use serde::Serialize;

use crate::engine::{EntryId, World};

use super::super::action::Screen;
use super::Desk;

/// The entry on the check screen.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Check {
    entry: Option<EntryId>,
}

impl Desk {
    /// The entry on the check screen.
    pub fn check_entry(&self) -> Option<EntryId> {
        self.check.entry
    }

    /// Shows the check of an entry (none: the screen says there is nothing to check).
    pub(super) fn show_check(&mut self, entry: Option<EntryId>) {
        self.check.entry = entry;
        self.show(Screen::Check);
    }

    /// Checks the selected entry, if it is a manual change with a reason to check.
    pub(super) fn check_selected(&mut self, world: &World) {
        match self.selected_entry(world) {
            Some(entry) if world.assignment_of(entry).is_some() => {
                self.tip_done(Screen::Dossier);
                self.show_check(Some(entry));
            }
            Some(_) => self.say("Only manual changes carry a stated reason to check."),
            None => self.say("Select a code change first."),
        }
    }
}

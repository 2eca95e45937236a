//! The operators room: the officials and their accounts. Its only state is the selected
//! row; opening one lists the people they touched, and its flag covers their work.

use crate::engine::World;
use crate::scenario::catalog::OfficialIx;

use super::super::action::Screen;
use super::super::dialogs::FlagDialog;
use super::Desk;

impl Desk {
    /// Shows the operators room on one official.
    pub(super) fn show_official(&mut self, official: OfficialIx) {
        self.select(Screen::Operators, usize::from(official));
        self.show(Screen::Operators);
    }

    fn selected_official(&self) -> OfficialIx {
        OfficialIx(self.selected(Screen::Operators) as u16)
    }

    /// Lists the people the selected official touched.
    pub(super) fn open_operator(&mut self, world: &World) {
        self.filter_by_official(world, self.selected_official());
    }

    /// The flag dialog for the selected official's work, if they did any.
    pub(super) fn flag_operator(&mut self, world: &World) -> Option<FlagDialog> {
        let op = self.selected_official();
        if world.ledger.by_official(op).is_empty() {
            self.say("This official changed no codes.");
            return None;
        }
        self.tip_done(Screen::Operators);
        Some(FlagDialog::for_official(world, op))
    }
}

/// The operators list has a row per official.
pub(super) fn rows(world: &World) -> usize {
    world.scenario.officials.len()
}

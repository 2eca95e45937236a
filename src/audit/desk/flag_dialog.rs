//! The flag dialog: choosing a flag's scope, category, and who executed and ordered it,
//! for the selected entry or official.

use serde::Serialize;

use crate::engine::World;

use super::super::action::{Action, Screen};
use super::super::dialogs::FlagDialog;
use super::super::effect::Effect;
use super::Desk;

/// The open flag dialog, if any.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct FlagRoom {
    dialog: Option<FlagDialog>,
}

impl Desk {
    /// The open flag dialog, if any.
    pub fn flag_dialog(&self) -> Option<&FlagDialog> {
        self.flag_dialog.dialog.as_ref()
    }

    pub(super) fn flag_dialog_open(&self) -> bool {
        self.flag_dialog.dialog.is_some()
    }

    /// Opens the dialog for the selected official (operators) or entry (anywhere else).
    pub(super) fn open_flag_dialog(&mut self, world: &World) {
        if self.submitted() {
            self.say("The case file has been submitted.");
            return;
        }
        if self.screen() == Screen::Operators {
            self.flag_dialog.dialog = self.flag_operator(world);
            return;
        }
        match self.selected_entry(world) {
            Some(entry) => {
                self.flag_dialog.dialog = Some(FlagDialog::for_entry(world, entry));
                self.tip_done(Screen::Dossier);
            }
            None => self.say("Select a code change (in a dossier or trace) to flag."),
        }
    }

    /// Takes an action while the dialog is open.
    pub(super) fn update_flag_dialog(&mut self, world: &World, action: Action) {
        let Some(dialog) = self.flag_dialog.dialog.as_mut() else {
            return;
        };
        let officials = world.scenario.officials.len();
        match action {
            Action::Up => dialog.row = dialog.row.saturating_sub(1),
            Action::Down => dialog.row = (dialog.row + 1).min(dialog.rows(officials) - 1),
            Action::Toggle => dialog.toggle(officials),
            Action::Confirm => {
                let flag = dialog.flag(world);
                self.flag_dialog.dialog = None;
                if let Some(flag) = flag {
                    self.add_flag(world, flag);
                }
            }
            Action::Cancel | Action::Back => self.flag_dialog.dialog = None,
            Action::Quit => self.effects.push(Effect::Quit),
            Action::AddFlag(flag) => {
                self.flag_dialog.dialog = None;
                self.add_flag(world, flag);
            }
            _ => {}
        }
    }
}

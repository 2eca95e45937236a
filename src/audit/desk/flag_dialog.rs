//! The flag dialog: choosing a flag's scope, categories, and who decided, passed the
//! instruction on and carried it out, for the selected entry or official. The room
//! remembers the chain last named, since an auditor names the same chain for many flags.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::engine::World;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::model::ChainRole;

use super::super::action::{Action, Screen};
use super::super::dialogs::FlagDialog;
use super::super::effect::Effect;
use super::Desk;

/// The open flag dialog, if any.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct FlagRoom {
    dialog: Option<FlagDialog>,
    /// The chain the last flag of abuse named, offered again by the next dialog.
    last_chain: [BTreeSet<OfficialIx>; 3],
}

impl Desk {
    /// The open flag dialog, if any.
    pub fn flag_dialog(&self) -> Option<&FlagDialog> {
        self.flag_dialog.dialog.as_ref()
    }

    pub(super) fn flag_dialog_open(&self) -> bool {
        self.flag_dialog.dialog.is_some()
    }

    /// The chain the last flag of abuse named: the next dialog starts with it ticked.
    pub fn remembered_chain(&self) -> &[BTreeSet<OfficialIx>; 3] {
        &self.flag_dialog.last_chain
    }

    /// Remembers the chain a flag names, for the next dialog.
    pub(super) fn remember_chain(&mut self, world: &World, flag: &crate::audit::Flag) {
        for role in ChainRole::ALL {
            self.flag_dialog.last_chain[role as usize] = flag
                .named(role)
                .iter()
                .filter_map(|id| world.official_ix(id))
                .collect();
        }
    }

    /// Opens the dialog for the selected official (operators) or entry (anywhere else).
    pub(super) fn open_flag_dialog(&mut self, world: &World) {
        if self.submitted() {
            self.say("The case file has been submitted.");
            return;
        }
        let last = self.flag_dialog.last_chain.clone();
        if self.screen() == Screen::Operators {
            self.flag_dialog.dialog = self.flag_operator(world).map(|d| d.remembering(&last));
            return;
        }
        if self.screen() == Screen::Accesses {
            self.flag_dialog.dialog = self.flag_access(world).map(|d| d.remembering(&last));
            return;
        }
        match self.selected_entry(world) {
            Some(entry) => {
                let dialog = FlagDialog::for_entry(world, entry).remembering(&last);
                self.flag_dialog.dialog = Some(dialog);
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

//! The accesses room: the platform's access log up to the clock, all of it or narrowed to
//! one official's account (from the Operators screen) or to the accesses that read one
//! person's records (from a dossier). Each row carries the access check; its flag covers
//! the access or every access of its account.

use serde::Serialize;

use crate::engine::World;
use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::PersonIx;
use crate::scenario::model::Whose;

use super::super::action::Screen;
use super::super::dialogs::FlagDialog;
use super::Desk;

/// The access pane's items, at most: the access, the check, the chain, the purpose, the
/// fields, whose records, the record cited and the account.
pub const ACCESS_ITEMS: usize = 8;

/// Which accesses the screen lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub enum AccessScope {
    #[default]
    All,
    /// Those made from an official's account.
    Account(OfficialIx),
    /// Those that named a person (by name or on a list).
    Person(PersonIx),
}

/// The access log as the screen shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct AccessRoom {
    scope: AccessScope,
    /// The selected row.
    pub(super) row: usize,
}

impl Desk {
    /// Which accesses the Accesses screen lists.
    pub fn access_scope(&self) -> AccessScope {
        self.accesses.scope
    }

    /// The accesses listed, as positions in the access log: those made by the clock
    /// within the screen's scope, in time order.
    pub fn access_rows(&self, world: &World) -> Vec<usize> {
        let made = world.accesses.until(self.clock());
        (0..made)
            .filter(|&ix| {
                let Some((_, a)) = world.access(ix) else {
                    return false;
                };
                match self.accesses.scope {
                    AccessScope::All => true,
                    AccessScope::Account(o) => a.account == world.official(o).id,
                    AccessScope::Person(p) => match &a.whose {
                        Whose::People(ids) => ids.iter().any(|id| id == world.person_id(p)),
                        Whose::List(_) => world.access_people(a).contains(&p),
                        Whose::Count(_) => false,
                    },
                }
            })
            .collect()
    }

    /// The access selected on the Accesses screen, as a position in the log.
    pub fn selected_access(&self, world: &World) -> Option<usize> {
        self.access_rows(world)
            .get(self.selected(Screen::Accesses))
            .copied()
    }

    /// Shows the access log, narrowed by where it is opened from.
    pub(super) fn open_accesses(&mut self, world: &World) {
        let scope = match self.screen() {
            Screen::Operators => {
                AccessScope::Account(OfficialIx(self.selected(Screen::Operators) as u16))
            }
            Screen::Dossier | Screen::Trace | Screen::Check => {
                self.person().map_or(AccessScope::All, AccessScope::Person)
            }
            _ => AccessScope::All,
        };
        self.accesses.scope = scope;
        self.select(Screen::Accesses, 0);
        self.show(Screen::Accesses);
        if self.access_rows(world).is_empty() {
            self.say(match scope {
                AccessScope::All => "No access to personal records is on record by the clock.",
                AccessScope::Account(_) => {
                    "This account made no access to personal records by the clock."
                }
                AccessScope::Person(_) => "No access by the clock named this person.",
            });
        }
    }

    /// Opens the record the selected access cites, once it has reached the auditor.
    pub(super) fn open_access_document(&mut self, world: &World) {
        let Some(ix) = self.selected_access(world) else {
            return self.say("Select an access first.");
        };
        let cited = world.access_document_known_at(ix, self.clock());
        match cited.and_then(|(id, _)| world.catalog.documents.get(id).copied()) {
            Some(doc) => {
                self.open_document(world, doc);
                self.tip_done(Screen::Accesses);
            }
            None => self.say("This access cites no record among your documents."),
        }
    }

    /// The flag dialog for the selected access.
    pub(super) fn flag_access(&mut self, world: &World) -> Option<FlagDialog> {
        let Some(ix) = self.selected_access(world) else {
            self.say("Select an access to flag.");
            return None;
        };
        self.tip_done(Screen::Accesses);
        FlagDialog::for_access(world, ix)
    }
}

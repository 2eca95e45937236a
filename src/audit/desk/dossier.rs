//! The dossier room: the one person being read, and their code history up to the clock.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::engine::{EntryId, World};
use crate::scenario::expand::PersonIx;

use super::super::action::Screen;
use super::Desk;

/// The person in the dossier.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Dossier {
    person: Option<PersonIx>,
    /// Everyone whose records the auditor opened (dossier, trace, check), with the most
    /// records about them on screen when they did: the auditor is bound by minimisation
    /// too, and the debrief says how much they opened. Not serialised, so the desks that
    /// format 1 journals checksum whole keep their sums.
    #[serde(skip)]
    opened: BTreeMap<PersonIx, usize>,
}

impl Desk {
    /// The person in the dossier (also the one traced and checked).
    pub fn person(&self) -> Option<PersonIx> {
        self.dossier.person
    }

    /// The ledger entries visible in the dossier: the person's, up to the clock.
    pub fn dossier_entries<'w>(&self, world: &'w World) -> &'w [EntryId] {
        let Some(person) = self.dossier.person else {
            return &[];
        };
        let history = world.ledger.history(person);
        let clock = self.clock();
        let end = history.partition_point(|&id| world.ledger.entries()[id.ix()].at <= clock);
        &history[..end]
    }

    /// The person whose dossier, trace or check is shown, without opening the dossier.
    pub(super) fn set_person(&mut self, world: &World, person: PersonIx) {
        self.dossier.person = Some(person);
        self.note_opened(world, person);
    }

    /// Counts a person's records as opened, up to the clock.
    fn note_opened(&mut self, world: &World, person: PersonIx) {
        let records =
            world.records_until(person, self.clock()).len() + self.dossier_entries(world).len();
        let seen = self.dossier.opened.entry(person).or_default();
        *seen = (*seen).max(records);
    }

    /// The personal data opened so far: how many people, how many records about them.
    pub fn data_opened(&self) -> super::super::score::DataOpened {
        super::super::score::DataOpened {
            people: self.dossier.opened.len(),
            records: self.dossier.opened.values().sum(),
            penalty: 0,
            limit: None,
        }
    }

    /// Opens a person's dossier on their newest visible change.
    pub(super) fn open_person(&mut self, world: &World, person: PersonIx) {
        self.dossier.person = Some(person);
        self.note_opened(world, person);
        self.reset_pane(Screen::Dossier, super::DOSSIER_RECORDS);
        let entries = self.dossier_entries(world).len();
        self.select(Screen::Dossier, entries.saturating_sub(1));
        self.show(Screen::Dossier);
    }

    pub(super) fn selected_in_dossier(&self, world: &World) -> Option<EntryId> {
        self.dossier_entries(world)
            .get(self.selected(Screen::Dossier))
            .copied()
    }
}

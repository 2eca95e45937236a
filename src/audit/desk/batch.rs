//! The batch room: one batch job as a record (`World::batch_record`), the people it touched
//! as a list that opens their dossiers, and the ways in: a batch event on the timeline, a
//! trace's batch link, an official's batches, a person's latest batch.

use serde::Serialize;

use crate::engine::World;
use crate::engine::query::{BatchRecord, LinkTarget};
use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::EventKind;

use super::super::action::Screen;
use super::Desk;

/// The batch's panes: the people it touched (a list, focused first) and its record.
pub const BATCH_RECORD: usize = 1;

/// Items of the batch's record pane: the batch and when it ran, the account, the list, the
/// reason shown, the justification, the directive, the people counted, where they scanned,
/// the reversal.
pub const BATCH_RECORD_ITEMS: usize = 9;

/// The batch on the batch screen.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct BatchRoom {
    record: Option<BatchRecord>,
}

impl Desk {
    /// The batch on the batch screen, as a record.
    pub fn batch(&self) -> Option<&BatchRecord> {
        self.batch.record.as_ref()
    }

    /// The batch on screen if it has run by the clock: after a seek back before it, it is
    /// not on record, and neither are the people it touched.
    fn batch_on_record(&self) -> Option<&BatchRecord> {
        self.batch.record.as_ref().filter(|r| r.at <= self.clock())
    }

    /// The people of the batch on screen: the batch screen's rows.
    pub(super) fn batch_rows(&self) -> usize {
        self.batch_on_record().map_or(0, |r| r.people.len())
    }

    pub(super) fn selected_in_batch(&self) -> Option<PersonIx> {
        let record = self.batch_on_record()?;
        Some(record.people.get(self.selected(Screen::Batch))?.person)
    }

    /// Shows a batch, if it has run by the clock: a batch still to come is not on record.
    pub(super) fn open_batch(&mut self, world: &World, batch: &str) {
        match world.batch_record(batch) {
            Some(record) if record.at <= self.clock() => {
                self.batch.record = Some(record);
                self.select(Screen::Batch, 0);
                self.reset_pane(Screen::Batch, BATCH_RECORD);
                self.show(Screen::Batch);
            }
            Some(_) => self.say(format!("Batch {batch} has not run by the clock.")),
            None => self.say(format!("No batch {batch} is on record.")),
        }
    }

    /// Opens the batch behind the selection on any screen that has one.
    pub(super) fn open_batch_selected(&mut self, world: &World) {
        let clock = self.clock();
        let batch = match self.screen() {
            Screen::Timeline => self.batch_event_selected(world).or_else(|| {
                let person = self.selected_person(world)?;
                world.latest_batch_of(person, clock).map(str::to_owned)
            }),
            Screen::Trace => match self.selected_link_target() {
                Some(LinkTarget::Batch(b)) => Some(b),
                _ => self.entry_batch(world),
            },
            Screen::Dossier | Screen::Check => self.entry_batch(world).or_else(|| {
                let person = self.person()?;
                world.latest_batch_of(person, clock).map(str::to_owned)
            }),
            // The official's first batch; the batch screen then turns through the rest.
            Screen::Operators => self.account_batches(world).into_iter().next(),
            Screen::Batch => return self.turn_batch(world, 1),
            _ => self
                .selected_person(world)
                .and_then(|p| world.latest_batch_of(p, clock))
                .map(str::to_owned),
        };
        match batch {
            Some(b) => self.open_batch(world, &b),
            None => self.say("No batch behind this selection by the clock."),
        }
    }

    /// Moves the batch screen `step` batches on (or back) among those run by the clock.
    pub(super) fn turn_batch(&mut self, world: &World, step: i64) {
        let batches = world.batches_until(self.clock());
        if batches.is_empty() {
            self.say("No batch has run by the clock.");
            return;
        }
        let here = self
            .batch
            .record
            .as_ref()
            .and_then(|r| batches.iter().position(|&b| b == r.id));
        let next = match here {
            Some(i) => (i as i64 + step).rem_euclid(batches.len() as i64) as usize,
            None => 0,
        };
        let batch = batches[next].to_owned();
        self.tip_done(Screen::Batch);
        self.open_batch(world, &batch);
    }

    /// The batch of the entry selected on this screen, if it ran in one.
    fn entry_batch(&self, world: &World) -> Option<String> {
        let entry = self.selected_entry(world)?;
        world.batch_of(entry).map(str::to_owned)
    }

    /// The batch of the selected timeline event, when it is a batch job (and not the row
    /// a jump to a change chose for one person).
    pub(super) fn batch_event_selected(&self, world: &World) -> Option<String> {
        let row = self.selected(Screen::Timeline);
        if self.changed_person_at(row).is_some() {
            return None;
        }
        let Occurrence::Scripted(event) = world.timeline.get(row)?.what else {
            return None;
        };
        match &world.scenario.events.get(event as usize)?.what {
            EventKind::Assignment(a) => a.batch.as_deref().map(str::to_owned),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::action::Action;

    fn zhengzhou() -> World {
        crate::open::open(None, None).expect("opens").world
    }

    #[test]
    fn a_batch_opens_only_once_it_has_run() {
        let world = zhengzhou();
        let mut desk = Desk::new(&world);
        desk.open_batch(&world, "b-0611-a");
        assert_ne!(desk.screen(), Screen::Batch);
        assert!(desk.message().contains("not run"), "{}", desk.message());
        desk.update(&world, Action::SeekEnd);
        desk.open_batch(&world, "b-0611-a");
        assert_eq!(desk.screen(), Screen::Batch);
        assert_eq!(desk.list_len(&world), desk.batch().unwrap().people.len());
        // Round the batches run by the clock, and back.
        desk.update(&world, Action::NextBatch);
        assert_eq!(desk.batch().unwrap().id, "b-0612-a");
        desk.update(&world, Action::PrevBatch);
        desk.update(&world, Action::PrevBatch);
        assert_eq!(desk.batch().unwrap().id, "b-0614-b");
    }
}

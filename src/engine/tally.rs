//! Counts and colours at any moment, read from indexes built once after the simulation:
//! who is which colour in the first code system, how many people each system has of each
//! colour, the manual changes of each operator and the changes made by rules.
//!
//! The console asks these questions on every step of the clock and every frame; answering
//! them by replaying the ledger or asking each person costs time in proportion to the
//! city. Here the ledger's colour changes are kept in time order with checkpoints, so an
//! answer costs one checkpoint and at most one stride of changes after it.

use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::PersonIx;
use crate::scenario::model::Colour;
use crate::scenario::time::Time;

use super::bits::PersonSet;
use super::ledger::{Cause, Ledger};

/// Least number of changes between two checkpoints.
const MIN_STRIDE: usize = 4096;

/// A change of one person's colour in the first system.
#[derive(Debug, Clone, Copy)]
struct Change {
    at: Time,
    person: PersonIx,
    to: Colour,
}

/// A change of anyone's colour in any system, as it moves the counts.
#[derive(Debug, Clone, Copy)]
struct Shift {
    at: Time,
    system: u16,
    from: Colour,
    to: Colour,
}

/// Who was yellow and who red in the first system at a checkpoint.
#[derive(Debug, Clone)]
struct Snapshot {
    yellow: PersonSet,
    red: PersonSet,
}

/// The indexes. Entries that leave a colour as it was change no count and are not here.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    people: usize,
    /// Changes of colour in the first system, in time order.
    changes: Vec<Change>,
    /// Changes between two snapshots: at least [`MIN_STRIDE`], and an eighth of the
    /// people in a big city, so that snapshots take about two bytes per change.
    stride: usize,
    /// `snapshots[i]`: the first system after the first `i * stride` changes.
    snapshots: Vec<Snapshot>,
    /// Changes of colour in every system, in time order.
    shifts: Vec<Shift>,
    /// `counts[i]`: people of each colour in each system after the first
    /// `i * MIN_STRIDE` shifts.
    counts: Vec<Vec<[u32; 3]>>,
    /// Times of the manual entries of each operator, by the colour they set.
    manual: Vec<[Vec<Time>; 3]>,
    /// Times of the batch reversals each operator ran.
    reversals: Vec<Vec<Time>>,
    /// Times of the entries made by rules.
    rules: Vec<Time>,
}

impl Tally {
    /// Reads the ledger once. `systems` and `operators` are how many the scenario has.
    pub fn build(ledger: &Ledger, people: usize, systems: usize, operators: usize) -> Tally {
        let stride = MIN_STRIDE.max(people / 8);
        let mut colours: Vec<Vec<Colour>> = vec![Vec::new(); systems];
        let mut counts = vec![[people as u32, 0, 0]; systems];
        let mut yellow = PersonSet::empty(people);
        let mut red = PersonSet::empty(people);
        let mut tally = Tally {
            people,
            stride,
            snapshots: vec![Snapshot {
                yellow: yellow.clone(),
                red: red.clone(),
            }],
            counts: vec![counts.clone()],
            manual: vec![Default::default(); operators],
            reversals: vec![Vec::new(); operators],
            ..Tally::default()
        };
        for op in ledger.officials_who_changed_codes() {
            let (Some(times), Some(reversals)) = (
                tally.manual.get_mut(op.ix()),
                tally.reversals.get_mut(op.ix()),
            ) else {
                continue;
            };
            for e in ledger
                .by_official(op)
                .iter()
                .filter_map(|&id| ledger.get(id))
            {
                match e.cause {
                    Cause::Manual { .. } => times[e.to as usize].push(e.at),
                    Cause::Reversal { .. } => reversals.push(e.at),
                    _ => {}
                }
            }
        }
        for e in ledger.entries() {
            if matches!(e.cause, Cause::Rule { .. }) {
                tally.rules.push(e.at);
            }
            let system = usize::from(e.system);
            let (Some(colours), Some(count)) = (colours.get_mut(system), counts.get_mut(system))
            else {
                continue;
            };
            if colours.is_empty() {
                colours.resize(people, Colour::Green);
            }
            let Some(was) = colours.get_mut(e.person.ix()) else {
                continue;
            };
            if *was == e.to {
                continue;
            }
            let from = std::mem::replace(was, e.to);
            count[from as usize] -= 1;
            count[e.to as usize] += 1;
            tally.shifts.push(Shift {
                at: e.at,
                system: e.system,
                from,
                to: e.to,
            });
            if tally.shifts.len().is_multiple_of(MIN_STRIDE) {
                tally.counts.push(counts.clone());
            }
            if system == 0 {
                set_colour(&mut yellow, &mut red, e.person, e.to);
                tally.changes.push(Change {
                    at: e.at,
                    person: e.person,
                    to: e.to,
                });
                if tally.changes.len().is_multiple_of(stride) {
                    tally.snapshots.push(Snapshot {
                        yellow: yellow.clone(),
                        red: red.clone(),
                    });
                }
            }
        }
        tally
    }

    /// Everyone of a colour in the first system at `at`.
    pub fn people_of(&self, colour: Colour, at: Time) -> PersonSet {
        let end = self.changes.partition_point(|c| c.at <= at);
        let checkpoint = end / self.stride;
        let Some(snapshot) = self.snapshots.get(checkpoint) else {
            return PersonSet::empty(self.people);
        };
        let (mut yellow, mut red) = (snapshot.yellow.clone(), snapshot.red.clone());
        for c in &self.changes[checkpoint * self.stride..end] {
            set_colour(&mut yellow, &mut red, c.person, c.to);
        }
        match colour {
            Colour::Yellow => yellow,
            Colour::Red => red,
            Colour::Green => {
                let mut green = PersonSet::full(self.people);
                green.subtract(&yellow);
                green.subtract(&red);
                green
            }
        }
    }

    /// People of each colour (green, yellow, red) in each system at `at`.
    pub fn counts_at(&self, at: Time) -> Vec<[u32; 3]> {
        let end = self.shifts.partition_point(|s| s.at <= at);
        let checkpoint = end / MIN_STRIDE;
        let mut counts = self.counts[checkpoint].clone();
        for s in &self.shifts[checkpoint * MIN_STRIDE..end] {
            let count = &mut counts[usize::from(s.system)];
            count[s.from as usize] -= 1;
            count[s.to as usize] += 1;
        }
        counts
    }

    /// An operator's manual changes at or before `at`, by the colour they set (green,
    /// yellow, red).
    pub fn manual_by(&self, official: OfficialIx, at: Time) -> [u32; 3] {
        let Some(times) = self.manual.get(official.ix()) else {
            return [0; 3];
        };
        times
            .each_ref()
            .map(|t| t.partition_point(|&x| x <= at) as u32)
    }

    /// The batch reversals an operator ran at or before `at`.
    pub fn reversals_by(&self, official: OfficialIx, at: Time) -> u32 {
        self.reversals
            .get(official.ix())
            .map_or(0, |times| times.partition_point(|&x| x <= at) as u32)
    }

    /// Entries made by rules at or before `at`.
    pub fn rule_entries_until(&self, at: Time) -> usize {
        self.rules.partition_point(|&x| x <= at)
    }
}

fn set_colour(yellow: &mut PersonSet, red: &mut PersonSet, person: PersonIx, colour: Colour) {
    yellow.remove(person);
    red.remove(person);
    match colour {
        Colour::Yellow => yellow.insert(person),
        Colour::Red => red.insert(person),
        Colour::Green => {}
    }
}

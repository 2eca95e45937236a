//! Counts and colours at any moment, read from indexes built once after the simulation:
//! who is which colour in each code system, how many people each system has of each
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

/// A change of one person's colour in one system.
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

/// Who was yellow and who red in one system at a checkpoint.
#[derive(Debug, Clone)]
struct Snapshot {
    yellow: PersonSet,
    red: PersonSet,
}

/// Who is which colour in one system: its changes in time order, with checkpoints.
#[derive(Debug, Clone, Default)]
struct SystemSets {
    changes: Vec<Change>,
    /// `snapshots[i]`: the system after the first `i * stride` changes.
    snapshots: Vec<Snapshot>,
    /// Who is yellow and who red after the last change, while building.
    yellow: PersonSet,
    red: PersonSet,
}

/// The indexes. Entries that leave a colour as it was change no count and are not here.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    people: usize,
    /// Changes between two snapshots: at least [`MIN_STRIDE`], and an eighth of the
    /// people in a big city, so that snapshots take about two bytes per change.
    stride: usize,
    /// Each system's colours; `None` for a system no entry changes (everyone green), so a
    /// scenario of many systems costs nothing for those its story leaves alone.
    systems: Vec<Option<SystemSets>>,
    /// The first system and every other some entry changes, in file order.
    in_play: Vec<u16>,
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
        let mut tally = Tally {
            people,
            stride,
            systems: vec![None; systems],
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
            let sets = tally.systems[system].get_or_insert_with(|| {
                let empty = PersonSet::empty(people);
                SystemSets {
                    changes: Vec::new(),
                    snapshots: vec![Snapshot {
                        yellow: empty.clone(),
                        red: empty.clone(),
                    }],
                    yellow: empty.clone(),
                    red: empty,
                }
            });
            set_colour(&mut sets.yellow, &mut sets.red, e.person, e.to);
            sets.changes.push(Change {
                at: e.at,
                person: e.person,
                to: e.to,
            });
            if sets.changes.len().is_multiple_of(stride) {
                sets.snapshots.push(Snapshot {
                    yellow: sets.yellow.clone(),
                    red: sets.red.clone(),
                });
            }
        }
        tally.in_play = (0..systems as u16)
            .filter(|&s| s == 0 || tally.systems[usize::from(s)].is_some())
            .collect();
        for sets in tally.systems.iter_mut().flatten() {
            // Working state only: the snapshots and changes answer every question.
            sets.yellow = PersonSet::default();
            sets.red = PersonSet::default();
        }
        tally
    }

    /// The first system and every other whose colours some entry changes, in file order.
    pub fn in_play(&self) -> &[u16] {
        &self.in_play
    }

    /// Everyone of a colour in the first system at `at`.
    pub fn people_of(&self, colour: Colour, at: Time) -> PersonSet {
        self.people_of_in(0, colour, at)
    }

    /// Everyone of a colour in `system` at `at`.
    pub fn people_of_in(&self, system: u16, colour: Colour, at: Time) -> PersonSet {
        let (yellow, red) = match self.systems.get(usize::from(system)) {
            Some(Some(sets)) => {
                let end = sets.changes.partition_point(|c| c.at <= at);
                let checkpoint = end / self.stride;
                let Some(snapshot) = sets.snapshots.get(checkpoint) else {
                    return PersonSet::empty(self.people);
                };
                let (mut yellow, mut red) = (snapshot.yellow.clone(), snapshot.red.clone());
                for c in &sets.changes[checkpoint * self.stride..end] {
                    set_colour(&mut yellow, &mut red, c.person, c.to);
                }
                (yellow, red)
            }
            // No change in this system: everyone green.
            _ => (PersonSet::empty(self.people), PersonSet::empty(self.people)),
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ledger::{Entry, EntryId};

    fn push(ledger: &mut Ledger, at: i64, person: u32, system: u16, from: Colour, to: Colour) {
        let entry = Entry {
            at: Time(at),
            person: PersonIx(person),
            system,
            from,
            to,
            cause: Cause::Lapse { of: EntryId(0) },
        };
        ledger.push(entry, None, None);
    }

    #[test]
    fn each_system_keeps_its_own_colours_and_only_changed_systems_are_in_play() {
        let mut ledger = Ledger::new(3);
        push(&mut ledger, 10, 0, 1, Colour::Green, Colour::Red);
        push(&mut ledger, 20, 1, 0, Colour::Green, Colour::Yellow);
        push(&mut ledger, 30, 0, 1, Colour::Red, Colour::Green);
        let tally = Tally::build(&ledger, 3, 4, 0);
        // Systems 2 and 3 see no change: out of play, everyone green there.
        assert_eq!(tally.in_play(), [0, 1]);
        let people = |system, colour, at| tally.people_of_in(system, colour, Time(at)).to_vec();
        assert_eq!(people(1, Colour::Red, 15), [PersonIx(0)]);
        assert!(people(0, Colour::Red, 15).is_empty());
        assert!(people(1, Colour::Red, 30).is_empty());
        assert_eq!(people(0, Colour::Yellow, 25), [PersonIx(1)]);
        assert_eq!(people(3, Colour::Green, 25).len(), 3);
        assert_eq!(
            tally.people_of(Colour::Yellow, Time(25)),
            tally.people_of_in(0, Colour::Yellow, Time(25))
        );
    }
}

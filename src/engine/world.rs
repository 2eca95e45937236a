//! The simulated world: the scenario, everyone in it, its timeline and the resulting ledger.

use crate::scenario::catalog::{Catalog, OfficialIx};
use crate::scenario::expand::{Occurrence, PersonIx, Roster, TimelineEvent};
use crate::scenario::model::{Colour, EventKind, Official, Scenario};
use crate::scenario::time::Time;

use super::bits::PersonSet;
use super::ledger::{Ledger, TimelineIx};
use super::roster_index::RosterIndex;
use super::tally::Tally;

/// Compressed lists of items per key (timeline positions per person or venue, companions
/// per person): one allocation for all of them, which matters at two million events.
#[derive(Debug, Clone, Default)]
pub struct Groups<T = TimelineIx> {
    offsets: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy + Default> Groups<T> {
    /// Groups `(key, item)` pairs; items keep the order they are given in.
    pub fn build(keys: usize, pairs: impl Iterator<Item = (usize, T)> + Clone) -> Groups<T> {
        let mut counts = vec![0u32; keys + 1];
        for (key, _) in pairs.clone() {
            counts[key + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut next = counts.clone();
        let mut items = vec![T::default(); counts[keys] as usize];
        for (key, item) in pairs {
            items[next[key] as usize] = item;
            next[key] += 1;
        }
        Groups {
            offsets: counts,
            items,
        }
    }

    pub fn get(&self, key: usize) -> &[T] {
        match (self.offsets.get(key), self.offsets.get(key + 1)) {
            (Some(&a), Some(&b)) => &self.items[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The outcome of simulating a scenario with a seed.
#[derive(Debug, Clone)]
pub struct World {
    pub scenario: Scenario,
    pub catalog: Catalog,
    pub seed: u64,
    pub roster: Roster,
    pub timeline: Vec<TimelineEvent>,
    /// Timeline positions of the records about each person, in time order.
    pub person_records: Groups,
    /// Timeline positions of the scans at each venue, in time order.
    pub venue_scans: Groups,
    pub ledger: Ledger,
    /// Counts and colours at any moment, from the ledger.
    pub tally: Tally,
    /// Who has each tag, visited each venue, has each letter in their name.
    pub roster_index: RosterIndex,
    /// Who looked up or exported whose personal records.
    pub accesses: super::access::AccessLog,
}

impl World {
    pub fn person_count(&self) -> usize {
        self.roster.people.len()
    }

    pub fn person_id(&self, person: PersonIx) -> &str {
        &self.roster.people[person.ix()].id
    }

    pub fn person_name(&self, person: PersonIx) -> &str {
        &self.roster.people[person.ix()].name
    }

    pub fn official(&self, ix: OfficialIx) -> &Official {
        &self.scenario.officials[ix.ix()]
    }

    pub fn official_ix(&self, id: &str) -> Option<OfficialIx> {
        self.catalog.officials.get(id).copied()
    }

    pub fn city_name(&self, ix: u16) -> &str {
        &self.scenario.cities[ix as usize].name
    }

    pub fn venue_city(&self, venue: u16) -> u16 {
        let city = &self.scenario.venues[venue as usize].city;
        self.catalog.cities.get(city.as_str()).copied().unwrap_or(0)
    }

    /// The system an official's account operates in.
    pub fn official_system(&self, ix: OfficialIx) -> u16 {
        self.official(ix)
            .system
            .as_ref()
            .and_then(|s| self.catalog.systems.get(s.as_str()).copied())
            .unwrap_or(0)
    }

    /// Records about a person, in time order, as timeline positions.
    pub fn records_of(&self, person: PersonIx) -> &[TimelineIx] {
        self.person_records.get(person.ix())
    }

    /// Records about a person up to and including `at`.
    pub fn records_until(&self, person: PersonIx, at: Time) -> &[TimelineIx] {
        let records = self.records_of(person);
        let end = records.partition_point(|&ix| self.timeline[ix.ix()].at <= at);
        &records[..end]
    }

    /// The scripted event behind a timeline event, if it is one.
    pub fn scripted(&self, ix: TimelineIx) -> Option<&EventKind> {
        match self.timeline.get(ix.ix())?.what {
            Occurrence::Scripted(event) => {
                self.scenario.events.get(event as usize).map(|e| &e.what)
            }
            _ => None,
        }
    }

    /// Everyone of a colour in the first code system at `at`.
    pub fn people_of_colour(&self, colour: Colour, at: Time) -> PersonSet {
        self.tally.people_of(colour, at)
    }

    /// Timeline positions up to and including `at`: how far the clock has run.
    pub fn events_until(&self, at: Time) -> usize {
        self.timeline.partition_point(|h| h.at <= at)
    }
}

/// The person a timeline event is about, if it is about one person.
pub fn person_of(item: &TimelineEvent, scenario: &Scenario, roster: &Roster) -> Option<PersonIx> {
    if let Some(person) = item.what.person() {
        return Some(person);
    }
    let Occurrence::Scripted(event) = item.what else {
        return None;
    };
    match &scenario.events.get(event as usize)?.what {
        EventKind::CaseReport { person, .. }
        | EventKind::InboundArrival { person, .. }
        | EventKind::MissedTest { person } => roster.find(person),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_keep_items_in_order_by_key() {
        let pairs =
            [(1usize, 10u32), (0, 11), (1, 12), (2, 13)].map(|(key, item)| (key, TimelineIx(item)));
        let groups = Groups::build(3, pairs.into_iter());
        assert_eq!(groups.get(0), &[TimelineIx(11)]);
        assert_eq!(groups.get(1), &[TimelineIx(10), TimelineIx(12)]);
        assert_eq!(groups.get(2), &[TimelineIx(13)]);
        assert!(groups.get(3).is_empty());
    }
}

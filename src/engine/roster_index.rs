//! Indexes over everyone in the roster, for the people list: who has each tag, who scanned
//! in at each venue and when first, who was first red when, whose scan the carrier record
//! first contradicted when, and which bytes each name and id contains.
//!
//! Built once after the simulation, so a filter or a search keystroke on a city of any size
//! intersects a few sets rather than reading every person's record.

use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::Colour;
use crate::scenario::time::Time;

use super::bits::PersonSet;
use super::ledger::TimelineIx;
use super::world::{Groups, World};

/// The indexes.
#[derive(Debug, Clone, Default)]
pub struct RosterIndex {
    people: usize,
    /// People with each tag, by tag index.
    tagged: Vec<PersonSet>,
    /// Each person's companions (the people who travel with them), in roster order.
    companions: Groups<PersonIx>,
    /// Each venue's visitors at their first scan there, in time order.
    first_visits: Vec<Vec<(Time, PersonIx)>>,
    /// Each person ever red (in the first system) at their first red entry, in time order.
    first_red: Vec<(Time, PersonIx)>,
    /// Each person with a scan the carrier record contradicts (the phone in another city
    /// than the venue's), at the first such scan, in time order.
    first_contradicted: Vec<(Time, PersonIx)>,
    /// For each byte, the people whose id, or whose name with ASCII letters in lower case,
    /// contains it: what an ASCII search compares.
    bytes: Vec<Option<PersonSet>>,
    /// For each byte, the people whose name in Unicode lower case has it where the ASCII
    /// form does not: what a search in another script compares besides.
    unicode_bytes: Vec<Option<PersonSet>>,
}

impl RosterIndex {
    /// Indexes a simulated world's roster and scans.
    pub fn build(world: &World) -> RosterIndex {
        let roster = &world.roster;
        let people = roster.people.len();
        let mut tagged = vec![PersonSet::empty(people); roster.tags.len()];
        let mut bytes: Vec<Option<PersonSet>> = vec![None; 256];
        let mut unicode_bytes: Vec<Option<PersonSet>> = vec![None; 256];
        let mark = |table: &mut Vec<Option<PersonSet>>, byte: u8, person: PersonIx| {
            table[usize::from(byte)]
                .get_or_insert_with(|| PersonSet::empty(people))
                .insert(person);
        };
        for (p, record) in roster.people.iter().enumerate() {
            let p = PersonIx(p as u32);
            for &tag in &record.tags {
                if let Some(set) = tagged.get_mut(usize::from(tag)) {
                    set.insert(p);
                }
            }
            for &b in record.id.as_bytes() {
                mark(&mut bytes, b, p);
            }
            for &b in record.name.as_bytes() {
                mark(&mut bytes, b.to_ascii_lowercase(), p);
            }
            if !record.name.is_ascii() {
                for &b in record.name.to_lowercase().as_bytes() {
                    mark(&mut unicode_bytes, b, p);
                }
            }
        }
        let mut seen = PersonSet::empty(people);
        let first_visits = (0..world.scenario.venues.len())
            .map(|v| {
                let mut firsts = Vec::new();
                for &ix in world.venue_scans.get(v) {
                    let event = &world.timeline[ix.ix()];
                    if let Occurrence::Scan { person, .. } = event.what
                        && !seen.contains(person)
                    {
                        seen.insert(person);
                        firsts.push((event.at, person));
                    }
                }
                for &(_, person) in &firsts {
                    seen.remove(person);
                }
                firsts
            })
            .collect();
        let companions = Groups::build(
            people,
            roster
                .people
                .iter()
                .enumerate()
                .filter_map(|(p, r)| Some((r.companion_of?.ix(), PersonIx(p as u32)))),
        );
        RosterIndex {
            people,
            tagged,
            companions,
            first_visits,
            first_red: first_red(world),
            first_contradicted: first_contradicted(world),
            bytes,
            unicode_bytes,
        }
    }

    /// Everyone with a tag (no one for a tag the roster does not have).
    pub fn tagged(&self, tag: u16) -> PersonSet {
        self.tagged
            .get(usize::from(tag))
            .cloned()
            .unwrap_or_else(|| PersonSet::empty(self.people))
    }

    /// The people who travel with a person, in roster order.
    pub fn companions(&self, person: PersonIx) -> &[PersonIx] {
        self.companions.get(person.ix())
    }

    /// Everyone who scanned in at a venue at or before `at`.
    pub fn visited(&self, venue: u16, at: Time) -> PersonSet {
        match self.first_visits.get(usize::from(venue)) {
            Some(firsts) => self.firsts_until(firsts, at),
            None => PersonSet::empty(self.people),
        }
    }

    /// Everyone red at any moment up to and including `at`.
    pub fn ever_red(&self, at: Time) -> PersonSet {
        self.firsts_until(&self.first_red, at)
    }

    /// Everyone with a scan at or before `at` that the carrier record nearest before it
    /// contradicts: the phone was in another city than the venue.
    pub fn contradicted(&self, at: Time) -> PersonSet {
        self.firsts_until(&self.first_contradicted, at)
    }

    fn firsts_until(&self, firsts: &[(Time, PersonIx)], at: Time) -> PersonSet {
        let mut set = PersonSet::empty(self.people);
        let end = firsts.partition_point(|&(t, _)| t <= at);
        for &(_, person) in &firsts[..end] {
            set.insert(person);
        }
        set
    }

    /// People who may match a lower-case search (see `audit::people::matches_query`):
    /// those whose id or name has every byte of it. The second value says whether they
    /// all match for certain, so that no name need be read: so it is for one ASCII
    /// character.
    pub fn search_candidates(&self, needle: &str) -> (PersonSet, bool) {
        let ascii = needle.is_ascii();
        let mut candidates = PersonSet::full(self.people);
        let mut seen = [false; 256];
        for &b in needle.as_bytes() {
            if std::mem::replace(&mut seen[usize::from(b)], true) {
                continue;
            }
            let mut with = match &self.bytes[usize::from(b)] {
                Some(set) => set.clone(),
                None => PersonSet::empty(self.people),
            };
            if !ascii && let Some(extra) = &self.unicode_bytes[usize::from(b)] {
                with.unite(extra);
            }
            candidates.intersect(&with);
        }
        (candidates, ascii && needle.len() == 1)
    }
}

/// Each person's first red entry in any system, in time (ledger) order: red in any code
/// system counts for the "ever red" filter.
fn first_red(world: &World) -> Vec<(Time, PersonIx)> {
    let mut seen = PersonSet::empty(world.person_count());
    let mut firsts = Vec::new();
    for e in world.ledger.entries() {
        if e.to == Colour::Red && !seen.contains(e.person) {
            seen.insert(e.person);
            firsts.push((e.at, e.person));
        }
    }
    firsts
}

/// Each person's first scan contradicted by the carrier record, in timeline order.
fn first_contradicted(world: &World) -> Vec<(Time, PersonIx)> {
    let mut seen = PersonSet::empty(world.person_count());
    let mut firsts = Vec::new();
    for (i, event) in world.timeline.iter().enumerate() {
        if let Occurrence::Scan { person, .. } = event.what
            && !seen.contains(person)
            && world
                .scan_place(TimelineIx(i as u32))
                .is_some_and(|p| p.remote)
        {
            seen.insert(person);
            firsts.push((event.at, person));
        }
    }
    firsts
}

//! The ledger: every colour change with its cause, and the indexes that answer questions
//! about it without scanning it whole.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::PersonIx;
use crate::scenario::ids::index_newtype;
use crate::scenario::model::Colour;
use crate::scenario::time::Time;

index_newtype! {
    /// Position of an entry in the ledger.
    EntryId(u32)
}

index_newtype! {
    /// Position of an event in the world's timeline.
    TimelineIx(u32)
}

/// One colour change (or, for acts by a person, one recorded act on a code).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    pub at: Time,
    pub person: PersonIx,
    pub system: u16,
    pub from: Colour,
    pub to: Colour,
    pub cause: Cause,
}

/// Why an entry happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Cause {
    /// A colour rule fired on the evidence (timeline positions).
    Rule {
        rule: u16,
        evidence: Box<[TimelineIx]>,
    },
    /// An official changed the code by hand: `assignment` is the index of the scenario
    /// event; `evidence` the records the batch selected the person on, if any.
    Manual {
        assignment: u32,
        evidence: Box<[TimelineIx]>,
    },
    /// The colour set by entry `of` ran its course.
    Lapse { of: EntryId },
    /// Negative tests lifted the colours set by `of`.
    Lift {
        rule: u16,
        evidence: Box<[TimelineIx]>,
        of: Box<[EntryId]>,
    },
    /// An official reversed the batch change `of`; `event` is the reversal's scenario event.
    Reversal { event: u32, of: EntryId },
}

impl Cause {
    pub fn is_manual(&self) -> bool {
        matches!(self, Cause::Manual { .. } | Cause::Reversal { .. })
    }

    /// A short word for the kind of cause, for tables and exports.
    pub fn kind(&self) -> &'static str {
        match self {
            Cause::Rule { .. } => "rule",
            Cause::Manual { .. } => "manual",
            Cause::Lapse { .. } => "lapse",
            Cause::Lift { .. } => "lift",
            Cause::Reversal { .. } => "reversal",
        }
    }
}

/// People of each colour at the end of an hour, in the first code system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct HourCount {
    pub hour: Time,
    pub green: u32,
    pub yellow: u32,
    pub red: u32,
}

/// Entries in time order, with indexes by person, official, batch and rule.
#[derive(Debug, Clone, Default)]
pub struct Ledger {
    entries: Vec<Entry>,
    by_person: Vec<Vec<EntryId>>,
    by_official: BTreeMap<OfficialIx, Vec<EntryId>>,
    by_batch: BTreeMap<String, Vec<EntryId>>,
    by_rule: BTreeMap<u16, Vec<EntryId>>,
    hourly: Vec<HourCount>,
}

impl Ledger {
    pub fn new(people: usize) -> Ledger {
        Ledger {
            by_person: vec![Vec::new(); people],
            ..Ledger::default()
        }
    }

    /// Appends an entry. `official` and `batch` say who acted, for manual causes.
    pub fn push(
        &mut self,
        entry: Entry,
        official: Option<OfficialIx>,
        batch: Option<&str>,
    ) -> EntryId {
        let id = EntryId(self.entries.len() as u32);
        self.by_person[entry.person.ix()].push(id);
        if let Some(official) = official {
            self.by_official.entry(official).or_default().push(id);
        }
        if let Some(batch) = batch {
            // Look up before inserting: a batch's entries come in runs, and an owned key
            // for every entry would be an allocation per person.
            match self.by_batch.get_mut(batch) {
                Some(ids) => ids.push(id),
                None => {
                    self.by_batch.insert(batch.to_owned(), vec![id]);
                }
            }
        }
        if let Cause::Rule { rule, .. } | Cause::Lift { rule, .. } = entry.cause {
            self.by_rule.entry(rule).or_default().push(id);
        }
        self.entries.push(entry);
        id
    }

    pub fn set_hourly(&mut self, hourly: Vec<HourCount>) {
        self.hourly = hourly;
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn get(&self, id: EntryId) -> Option<&Entry> {
        self.entries.get(id.ix())
    }

    /// A person's entries, oldest first.
    pub fn history(&self, person: PersonIx) -> &[EntryId] {
        self.by_person.get(person.ix()).map_or(&[], Vec::as_slice)
    }

    /// The entries an official made (manual changes and reversals), oldest first.
    pub fn by_official(&self, official: OfficialIx) -> &[EntryId] {
        self.by_official.get(&official).map_or(&[], Vec::as_slice)
    }

    pub fn by_batch(&self, batch: &str) -> &[EntryId] {
        self.by_batch.get(batch).map_or(&[], Vec::as_slice)
    }

    pub fn by_rule(&self, rule: u16) -> &[EntryId] {
        self.by_rule.get(&rule).map_or(&[], Vec::as_slice)
    }

    /// Officials who changed codes by hand, in index order.
    pub fn officials_who_changed_codes(&self) -> impl Iterator<Item = OfficialIx> + '_ {
        self.by_official.keys().copied()
    }

    /// Batch ids that have entries, in id order.
    pub fn batches(&self) -> impl Iterator<Item = &str> + '_ {
        self.by_batch.keys().map(String::as_str)
    }

    /// Colour counts at the end of each hour of the scenario.
    pub fn hourly(&self) -> &[HourCount] {
        &self.hourly
    }

    /// The last entry of `person` in `system` at or before `at`.
    pub fn latest_at(&self, person: PersonIx, system: u16, at: Time) -> Option<EntryId> {
        let history = self.history(person);
        let until = history.partition_point(|&id| self.entries[id.ix()].at <= at);
        history[..until]
            .iter()
            .rev()
            .copied()
            .find(|&id| self.entries[id.ix()].system == system)
    }

    /// A person's colour in `system` at `at`: green until an entry says otherwise.
    pub fn colour_at(&self, person: PersonIx, system: u16, at: Time) -> Colour {
        self.latest_at(person, system, at)
            .map_or(Colour::Green, |id| self.entries[id.ix()].to)
    }

    /// Entries per hour for a list of entries (an official's, a batch's), as (hour, count).
    pub fn per_hour(&self, ids: &[EntryId]) -> Vec<(Time, u32)> {
        let mut counts: BTreeMap<Time, u32> = BTreeMap::new();
        for &id in ids {
            *counts
                .entry(self.entries[id.ix()].at.hour_start())
                .or_default() += 1;
        }
        counts.into_iter().collect()
    }

    /// A digest of every entry, for checking that two runs agree bit for bit.
    pub fn digest(&self) -> String {
        let mut hasher = blake3::Hasher::new();
        for entry in &self.entries {
            let line = serde_json::to_string(entry).unwrap_or_default();
            hasher.update(line.as_bytes());
            hasher.update(b"\n");
        }
        hasher.finalize().to_hex().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(at: i64, person: PersonIx, to: Colour) -> Entry {
        Entry {
            at: Time(at),
            person,
            system: 0,
            from: Colour::Green,
            to,
            cause: Cause::Lapse { of: EntryId(0) },
        }
    }

    #[test]
    fn colour_at_follows_the_latest_entry_before_the_time() {
        let mut ledger = Ledger::new(2);
        ledger.push(
            entry(10, PersonIx(0), Colour::Red),
            Some(OfficialIx(3)),
            Some("b1"),
        );
        ledger.push(entry(20, PersonIx(0), Colour::Green), None, None);
        assert_eq!(ledger.colour_at(PersonIx(0), 0, Time(5)), Colour::Green);
        assert_eq!(ledger.colour_at(PersonIx(0), 0, Time(10)), Colour::Red);
        assert_eq!(ledger.colour_at(PersonIx(0), 0, Time(19)), Colour::Red);
        assert_eq!(ledger.colour_at(PersonIx(0), 0, Time(20)), Colour::Green);
        assert_eq!(ledger.colour_at(PersonIx(1), 0, Time(20)), Colour::Green);
        assert_eq!(ledger.by_official(OfficialIx(3)), &[EntryId(0)]);
        assert_eq!(ledger.by_batch("b1"), &[EntryId(0)]);
        assert!(ledger.by_batch("b2").is_empty());
    }

    /// A ledger of two people holding `entries`, pushed in order.
    fn ledger_of(entries: &[Entry]) -> Ledger {
        let mut ledger = Ledger::new(2);
        for e in entries {
            ledger.push(e.clone(), None, None);
        }
        ledger
    }

    #[test]
    fn digest_is_fixed_by_the_entries_and_changes_with_any_of_them() {
        let red_then_yellow = || {
            [
                entry(10, PersonIx(0), Colour::Red),
                entry(20, PersonIx(1), Colour::Yellow),
            ]
        };
        let digest = ledger_of(&red_then_yellow()).digest();
        // Built again from scratch: the same digest.
        assert_eq!(ledger_of(&red_then_yellow()).digest(), digest);
        // And the one these entries have always had: a run on another machine or a later
        // build must agree bit for bit.
        assert_eq!(
            digest,
            "85746540be4e4be72cac09891b4132daf3cd164c5636c89f46d3bdb732cb56d2"
        );
        // Another colour, another order, one entry fewer: each changes it.
        let [red, yellow] = red_then_yellow();
        let mut green = yellow.clone();
        green.to = Colour::Green;
        for other in [
            vec![red.clone(), green],
            vec![yellow.clone(), red.clone()],
            vec![red.clone()],
            vec![],
        ] {
            assert_ne!(ledger_of(&other).digest(), digest, "{other:?}");
        }
    }
}

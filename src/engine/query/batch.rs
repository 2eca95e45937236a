//! A batch as a record: when it ran, from which account, on which list, with what reason,
//! justification and directive, whom it touched and where each of them really was when they
//! scanned, and whether it was reversed. What the batch screen shows and what an automated
//! player counts are this one query, so the two cannot disagree.

use serde::Serialize;

use crate::scenario::catalog::{DocumentIx, OfficialIx};
use crate::scenario::expand::PersonIx;
use crate::scenario::model::{Colour, EventKind, Targets};
use crate::scenario::time::Time;

use super::super::ledger::{Cause, EntryId, TimelineIx};
use super::super::world::World;

/// Where a person the batch touched was when they made the scan it selected them on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ScanWhere {
    /// A scan in the venue's own city, by the carrier record nearest before it.
    InCity,
    /// The carrier record nearest before every scan puts the phone in another city (the
    /// city of the first such scan).
    Elsewhere(u16),
    /// The batch cites scans, but no carrier record comes before any of them.
    NoCarrierRecord,
    /// The batch selected the person on no scan (a list of names, say).
    NoScan,
}

/// One person a batch touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BatchPerson {
    pub person: PersonIx,
    /// The batch's entry for them.
    pub entry: EntryId,
    /// The scan the batch selected them on that decides `place`, if any.
    pub scan: Option<TimelineIx>,
    pub place: ScanWhere,
}

/// The list a batch ran on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchList {
    /// The list's index in the scenario's lists.
    pub list: u16,
    /// The city whose scans the batch matched against the list.
    pub city: u16,
    /// The window of scans it matched.
    pub from: Time,
    pub to: Time,
}

/// A batch job, as a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchRecord {
    pub id: String,
    /// When it ran.
    pub at: Time,
    /// The scenario event of the assignment that ran it.
    pub event: u32,
    /// The official whose account ran it.
    pub official: Option<OfficialIx>,
    /// The colour it set.
    pub colour: Colour,
    /// The list it used, when it ran on one.
    pub list: Option<BatchList>,
    /// The reason shown on the people's phones.
    pub reason: String,
    /// What the official entered as justification.
    pub justification: String,
    /// The directive it cites.
    pub directive: Option<DocumentIx>,
    /// The people it touched, in the order the batch touched them.
    pub people: Vec<BatchPerson>,
    /// How many of them scanned inside the city by the carrier record.
    pub in_city: usize,
    /// How many had their phone elsewhere by the carrier record at every scan it cites.
    pub elsewhere: usize,
    /// How many it touched with no carrier record (or no scan) to tell.
    pub unknown: usize,
    /// The reversal, if one was run: when, and by whom.
    pub reversal: Option<(Time, Option<OfficialIx>)>,
}

impl BatchRecord {
    /// The reversal as known at `clock`: none before it happens.
    pub fn reversed_by(&self, clock: Time) -> Option<(Time, Option<OfficialIx>)> {
        self.reversal.filter(|&(at, _)| at <= clock)
    }
}

impl World {
    /// The record of a batch by its id; `None` for a batch the scenario never runs.
    ///
    /// Its cost is the batch's size (and the records of the people in it), never the
    /// population's.
    pub fn batch_record(&self, batch: &str) -> Option<BatchRecord> {
        let &event = self.catalog.batches.get(batch)?;
        let scripted = self.scenario.events.get(event as usize)?;
        let EventKind::Assignment(a) = &scripted.what else {
            return None;
        };
        let list = match &a.targets {
            Targets::ListScannedIn {
                list,
                city,
                from,
                to,
            } => Some(BatchList {
                list: *self.catalog.lists.get(list.as_str())?,
                city: *self.catalog.cities.get(city.as_str())?,
                from: *from,
                to: *to,
            }),
            Targets::People(_) => None,
        };
        let reason = self
            .catalog
            .reasons
            .get(a.reason.as_str())
            .map_or(a.reason.to_string(), |&r| {
                self.scenario.reasons[r as usize].text.to_string()
            });
        let people: Vec<BatchPerson> = self
            .ledger
            .by_batch(batch)
            .iter()
            .filter_map(|&id| self.batch_person(id))
            .collect();
        let count = |f: fn(&ScanWhere) -> bool| people.iter().filter(|p| f(&p.place)).count();
        let in_city = count(|w| *w == ScanWhere::InCity);
        let elsewhere = count(|w| matches!(w, ScanWhere::Elsewhere(_)));
        let reversal = self.scenario.events.iter().find_map(|e| match &e.what {
            EventKind::Reversal {
                batch: b, operator, ..
            } if b.as_str() == batch => Some((e.at, self.official_ix(operator))),
            _ => None,
        });
        Some(BatchRecord {
            id: batch.to_owned(),
            at: scripted.at,
            event,
            official: self.official_ix(&a.operator),
            colour: a.colour,
            list,
            reason,
            justification: a.justification.to_string(),
            directive: a
                .directive
                .as_ref()
                .and_then(|d| self.catalog.documents.get(d.as_str()).copied()),
            in_city,
            elsewhere,
            unknown: people.len() - in_city - elsewhere,
            people,
            reversal,
        })
    }

    /// Where one person of a batch was: inside the city if any scan the batch cites was
    /// made there by the carrier record, elsewhere if the carrier record contradicts every
    /// one.
    fn batch_person(&self, entry: EntryId) -> Option<BatchPerson> {
        let e = self.ledger.get(entry)?;
        let Cause::Manual { evidence, .. } = &e.cause else {
            return None;
        };
        let mut found = BatchPerson {
            person: e.person,
            entry,
            scan: None,
            place: ScanWhere::NoScan,
        };
        for &scan in evidence.iter() {
            let Some(place) = self.scan_place(scan) else {
                continue;
            };
            match place.carrier {
                Some(_) if !place.remote => {
                    return Some(BatchPerson {
                        scan: Some(scan),
                        place: ScanWhere::InCity,
                        ..found
                    });
                }
                Some((city, _)) if !matches!(found.place, ScanWhere::Elsewhere(_)) => {
                    found.scan = Some(scan);
                    found.place = ScanWhere::Elsewhere(city);
                }
                None if found.place == ScanWhere::NoScan => {
                    found.scan = Some(scan);
                    found.place = ScanWhere::NoCarrierRecord;
                }
                _ => {}
            }
        }
        Some(found)
    }

    /// The batches run by `clock`, in the order they ran.
    pub fn batches_until(&self, clock: Time) -> Vec<&str> {
        let mut batches: Vec<(Time, u32, &str)> = self
            .catalog
            .batches
            .iter()
            .filter_map(|(id, &event)| {
                let at = self.scenario.events.get(event as usize)?.at;
                (at <= clock).then_some((at, event, id.as_str()))
            })
            .collect();
        batches.sort_unstable();
        batches.into_iter().map(|(_, _, id)| id).collect()
    }

    /// The batch behind an entry, if it ran in one.
    pub fn batch_of(&self, entry: EntryId) -> Option<&str> {
        self.assignment_of(entry)?.batch.as_deref()
    }

    /// The batch of a person's latest batch entry at or before `clock`.
    pub fn latest_batch_of(&self, person: PersonIx, clock: Time) -> Option<&str> {
        let history = self.ledger.history(person);
        let end = history.partition_point(|&id| self.ledger.get(id).is_some_and(|e| e.at <= clock));
        history[..end]
            .iter()
            .rev()
            .find_map(|&id| self.batch_of(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zhengzhou() -> World {
        crate::open::open(None, None)
            .expect("the built-in scenario opens")
            .world
    }

    #[test]
    fn a_batch_record_counts_its_people_by_where_their_phone_was() {
        let world = zhengzhou();
        let record = world.batch_record("b-0611-a").expect("the first batch");
        assert_eq!(record.people.len(), world.ledger.by_batch("b-0611-a").len());
        assert_eq!(
            record.in_city + record.elsewhere + record.unknown,
            record.people.len()
        );
        assert!(record.in_city > 0 && record.elsewhere > 0, "{record:?}");
        assert_eq!(record.unknown, 0);
        assert_eq!(world.official(record.official.unwrap()).id, "chen-yuting");
        assert!(record.reason.contains("inbound"), "{}", record.reason);
        assert!(record.list.is_some() && record.directive.is_some());
        let (reversed, by) = record.reversal.expect("reversed on 14 June");
        assert_eq!(world.official(by.unwrap()).id, "chen-yuting");
        assert_eq!(record.reversed_by(record.at), None);
        assert!(record.reversed_by(reversed).is_some());
        assert!(world.batch_record("no-such-batch").is_none());
    }

    #[test]
    fn the_six_batches_add_up_to_the_figures_of_the_record() {
        let world = zhengzhou();
        let batches = world.batches_until(world.scenario.end);
        assert_eq!(batches.len(), 6);
        assert_eq!(batches[0], "b-0611-a");
        let mut seen = std::collections::BTreeMap::new();
        for b in &batches {
            for p in world.batch_record(b).unwrap().people {
                // A person in two batches counts where any scan put them in the city.
                let inside = seen.entry(p.person).or_insert(false);
                *inside |= p.place == ScanWhere::InCity;
            }
        }
        let inside = seen.values().filter(|&&i| i).count();
        assert_eq!((seen.len(), inside, seen.len() - inside), (1317, 446, 871));
        assert!(world.batches_until(world.scenario.start).is_empty());
    }

    #[test]
    fn a_person_s_latest_batch_is_found_from_their_history() {
        let world = zhengzhou();
        let lin = world.roster.find("lin-xiu").unwrap();
        assert_eq!(world.latest_batch_of(lin, world.scenario.start), None);
        let b = world
            .latest_batch_of(lin, world.scenario.end)
            .expect("a batch");
        assert!(
            world
                .ledger
                .by_batch(b)
                .iter()
                .any(|&id| world.ledger.get(id).unwrap().person == lin)
        );
    }
}

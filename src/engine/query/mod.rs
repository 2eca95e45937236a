//! Questions asked of a simulated world: why a person has their colour (`trace`), whether
//! a stated reason holds up and whether the executor was allowed (`checks`), what an entry
//! or a record says (`describe`), what a batch was and whom it touched (`batch`), where a
//! scan really came from, who did what.

mod batch;
mod chain;
mod checks;
mod describe;
mod systems;
mod trace;

pub use batch::{BatchList, BatchPerson, BatchRecord, ScanWhere};
pub use chain::{ChainStep, KnownChain, Via};
pub use checks::{JustificationCheck, PermissionCheck, requirement_words};
pub(in crate::engine) use describe::transport_word;
pub use systems::{CodeShown, SystemColour, VenueCheck};
pub use trace::{Link, LinkKind, LinkTarget, Trace};

use std::collections::BTreeSet;

use serde::Serialize;

use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::{Assignment, EventKind, Selector};
use crate::scenario::time::Time;

use super::ledger::{Cause, EntryId, TimelineIx};
use super::world::World;

/// Where a scan was logged and where the phone really was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScanPlace {
    pub venue_city: u16,
    /// The carrier record nearest in time at or before the scan, if any: (city, time).
    pub carrier: Option<(u16, Time)>,
    pub remote: bool,
}

/// The case's headline figures for a set of batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BatchFigures {
    pub people: usize,
    pub in_city: usize,
    pub remote_only: usize,
}

impl World {
    /// The assignment behind a manual entry.
    pub fn assignment_of(&self, entry: EntryId) -> Option<&Assignment> {
        match &self.ledger.get(entry)?.cause {
            Cause::Manual { assignment, .. } => {
                match &self.scenario.events.get(*assignment as usize)?.what {
                    EventKind::Assignment(a) => Some(a),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The official behind a manual entry or reversal.
    pub fn official_of(&self, entry: EntryId) -> Option<OfficialIx> {
        let id = match &self.ledger.get(entry)?.cause {
            Cause::Manual { .. } => &self.assignment_of(entry)?.operator,
            Cause::Reversal { event, .. } => match &self.scenario.events.get(*event as usize)?.what
            {
                EventKind::Reversal { operator, .. } => operator,
                _ => return None,
            },
            _ => return None,
        };
        self.official_ix(id)
    }

    /// The reason text shown to the person for an entry.
    pub fn reason_text(&self, entry: EntryId) -> Option<&str> {
        let reason_id = match &self.ledger.get(entry)?.cause {
            Cause::Rule { rule, .. } => &self.scenario.rules[*rule as usize].reason,
            Cause::Manual { .. } => &self.assignment_of(entry)?.reason,
            _ => return None,
        };
        let reason = self.catalog.reasons.get(reason_id.as_str())?;
        Some(&self.scenario.reasons[*reason as usize].text)
    }

    /// Where a scan was logged against where the person's phone was by the carrier record
    /// nearest in time at or before the scan: what the carrier knew when the scan was made,
    /// so no later record (one past the clock, perhaps) decides it.
    pub fn scan_place(&self, scan: TimelineIx) -> Option<ScanPlace> {
        let h = self.timeline.get(scan.ix())?;
        let Occurrence::Scan { person, venue } = h.what else {
            return None;
        };
        let venue_city = self.venue_city(venue);
        let carrier = self
            .records_until(person, h.at)
            .iter()
            .rev()
            .find_map(|&r| {
                let c = &self.timeline[r.ix()];
                match c.what {
                    Occurrence::Carrier { city, .. } => Some((city, c.at)),
                    _ => None,
                }
            });
        Some(ScanPlace {
            venue_city,
            carrier,
            remote: carrier.is_some_and(|(city, _)| city != venue_city),
        })
    }

    /// How many people the batches touched, and how many had a scan from inside the city.
    pub fn batch_figures(&self, batches: &[&str]) -> BatchFigures {
        let entries = batches
            .iter()
            .flat_map(|b| self.ledger.by_batch(b))
            .copied();
        self.entry_figures(entries)
    }

    /// The people some entries touched, and how many of them had a scan inside the city
    /// by the carrier record: the batch view's figures, for any set of entries.
    pub fn entry_figures(&self, entries: impl IntoIterator<Item = EntryId>) -> BatchFigures {
        let mut people: BTreeSet<PersonIx> = BTreeSet::new();
        let mut in_city: BTreeSet<PersonIx> = BTreeSet::new();
        for id in entries {
            let Some(entry) = self.ledger.get(id) else {
                continue;
            };
            people.insert(entry.person);
            if let Cause::Manual { evidence, .. } = &entry.cause
                && evidence
                    .iter()
                    .any(|&s| self.scan_place(s).is_some_and(|p| !p.remote))
            {
                in_city.insert(entry.person);
            }
        }
        BatchFigures {
            people: people.len(),
            in_city: in_city.len(),
            remote_only: people.len() - in_city.len(),
        }
    }

    /// People of each colour (green, yellow, red) in each code system at `at`.
    pub fn counts_by_system(&self, at: Time) -> Vec<[u32; 3]> {
        self.tally.counts_at(at)
    }

    /// An official's manual changes at or before `at`, by the colour they set (green,
    /// yellow, red).
    pub fn manual_counts_by(&self, official: OfficialIx, at: Time) -> [u32; 3] {
        self.tally.manual_by(official, at)
    }

    /// How many batch reversals an official ran at or before `at`.
    pub fn reversals_by(&self, official: OfficialIx, at: Time) -> u32 {
        self.tally.reversals_by(official, at)
    }

    /// How many changes rules made at or before `at`.
    pub fn rule_changes_until(&self, at: Time) -> usize {
        self.tally.rule_entries_until(at)
    }

    /// An official's manual changes (not their reversals), in ledger order.
    pub fn manual_entries_by(&self, official: OfficialIx) -> Vec<EntryId> {
        self.ledger
            .by_official(official)
            .iter()
            .copied()
            .filter(|&id| {
                matches!(
                    self.ledger.get(id).map(|e| &e.cause),
                    Some(Cause::Manual { .. })
                )
            })
            .collect()
    }

    /// Whether a selector of the answer key picks nothing: no entry, or no access.
    pub fn picks_nothing(&self, selector: &Selector) -> bool {
        if selector.picks_accesses() {
            self.select_accesses(selector).is_empty()
        } else {
            self.select(selector).is_empty()
        }
    }

    /// The ledger entries a selector picks, in ledger order.
    pub fn select(&self, selector: &Selector) -> Vec<EntryId> {
        let mut ids: Vec<EntryId> = match selector {
            Selector::Batch(batch) => self.ledger.by_batch(batch).to_vec(),
            Selector::Batches(batches) => batches
                .iter()
                .flat_map(|b| self.ledger.by_batch(b).to_vec())
                .collect(),
            Selector::Operator(op) => self
                .official_ix(op)
                .map(|o| self.manual_entries_by(o))
                .unwrap_or_default(),
            Selector::Rule(rule) => self
                .catalog
                .rules
                .get(rule.as_str())
                .map(|&r| {
                    self.ledger
                        .by_rule(r)
                        .iter()
                        .copied()
                        .filter(|&id| {
                            matches!(
                                self.ledger.get(id).map(|e| &e.cause),
                                Some(Cause::Rule { .. })
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            Selector::OperatorOn { operator, people } => {
                let people: BTreeSet<PersonIx> =
                    people.iter().filter_map(|p| self.roster.find(p)).collect();
                let mut ids = self
                    .official_ix(operator)
                    .map(|o| self.manual_entries_by(o))
                    .unwrap_or_default();
                ids.retain(|&id| {
                    self.ledger
                        .get(id)
                        .is_some_and(|e| people.contains(&e.person))
                });
                ids
            }
            // Accesses are not code changes: `select_accesses` picks them.
            Selector::Access(_) | Selector::Accesses(_) | Selector::AccessesBy(_) => Vec::new(),
        };
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

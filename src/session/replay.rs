//! Replaying a journal onto a fresh desk: headless, with state checksums checked, and with
//! snapshots so that stepping back or seeking anywhere is quick.
//!
//! Every copy of the desk costs what the case file holds, so copies are rationed: grading
//! and printing keep none, the viewer keeps at most [`MAX_SNAPSHOTS`] (spaced further
//! apart as the session grows), and checksums are checked while a hashing budget lasts,
//! the last one always. Work and memory are then bounded by the journal's own caps.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::audit::casefile::{CaseFile, FlagTarget, Given, HintTaken};
use crate::audit::{Action, CaseChange, Desk, Effect};
use crate::engine::World;
use crate::scenario::model::Category;

use super::journal::Journal;

/// A snapshot of the desk is kept every this many actions at first, so a seek replays at
/// most this many actions from the nearest one.
pub const SNAPSHOT_EVERY: usize = 64;

/// The most snapshots a replay keeps: past it, every other one is dropped and the spacing
/// doubles, so a long session costs a bounded number of desk copies.
pub const MAX_SNAPSHOTS: usize = 32;

/// Bytes of desk state hashed to check recorded checksums, at most (the last recorded
/// checksum is checked whatever this says): checking each of thousands of checksums over a
/// large case file would cost the square of the session.
pub const HASH_BUDGET: usize = 256 * 1024 * 1024;

/// A checksum of what the desk holds that matters to the case: the case file (flags,
/// notes, answers, hints), the clock and whether it was handed in. Messages and screen
/// state are left out, so a release that rewords a message or moves a row still replays
/// the journals recorded before it.
pub fn checksum(desk: &Desk) -> String {
    checksum_for(super::journal::FORMAT_VERSION, desk)
}

/// The checksum a version 1 journal recorded: of everything the desk held.
pub fn whole_desk_checksum(desk: &Desk) -> String {
    checksum_for(1, desk)
}

/// The checksum a journal of `version` records.
pub fn checksum_for(version: u32, desk: &Desk) -> String {
    sized_checksum(version, desk).0
}

/// The checksum a journal of `version` records, and the number of bytes hashed for it.
fn sized_checksum(version: u32, desk: &Desk) -> (String, usize) {
    let bytes = if version >= 3 {
        serde_json::to_vec(&(desk.case(), desk.clock(), desk.submitted()))
    } else if version == 2 {
        let case = CaseFileV2::of(desk.case());
        serde_json::to_vec(&(case, desk.clock(), desk.submitted()))
    } else {
        serde_json::to_vec(desk)
    }
    .unwrap_or_default();
    (blake3::hash(&bytes).to_hex()[..16].to_owned(), bytes.len())
}

/// The case file in the shape format 2 serialised it, for the checksums those journals
/// recorded: one category per flag, officials named as executing and ordering.
#[derive(Serialize)]
struct CaseFileV2<'c> {
    flags: Vec<FlagV2<'c>>,
    notes: &'c [String],
    answers: &'c BTreeMap<String, Given>,
    hints: &'c [HintTaken],
}

#[derive(Serialize)]
struct FlagV2<'c> {
    target: &'c FlagTarget,
    category: Category,
    executed_by: &'c [String],
    ordered_by: &'c [String],
}

impl<'c> CaseFileV2<'c> {
    fn of(case: &'c CaseFile) -> CaseFileV2<'c> {
        let flags = case
            .flags
            .iter()
            .map(|f| FlagV2 {
                target: &f.target,
                category: f.category(),
                executed_by: &f.carried_out,
                ordered_by: &f.decided,
            })
            .collect();
        CaseFileV2 {
            flags,
            notes: &case.notes,
            answers: &case.answers,
            hints: &case.hints,
        }
    }
}

/// Actions that replay skips: leaving the console is not part of the case.
fn replays(action: &Action) -> bool {
    !matches!(action, Action::Quit)
}

/// A moment worth jumping to: a flag, a note, the submit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The action count after which it stands.
    pub position: usize,
    pub label: String,
}

/// The marker a case change earns, if any: a new flag, a note, the first submit.
fn marker_label(world: &World, effect: &Effect, submitted: bool) -> Option<String> {
    match effect {
        Effect::CaseChanged(CaseChange::FlagAdded {
            flag,
            replaced: None,
        }) => Some(format!("flag: {}", flag.describe(world))),
        Effect::CaseChanged(CaseChange::NoteAdded(_)) => Some("note".to_owned()),
        Effect::CaseChanged(CaseChange::Submitted) if !submitted => Some("submit".to_owned()),
        _ => None,
    }
}

/// A journal laid out for playback.
pub struct Replay {
    pub actions: Vec<(u64, Action)>,
    /// Desks after so many actions, in order; the first after none.
    snapshots: Vec<(usize, Desk)>,
    /// Actions between snapshots now.
    spacing: usize,
    pub markers: Vec<Marker>,
    /// The desk after `position` actions.
    pub desk: Desk,
    pub position: usize,
}

/// A replay whose state drifted from the record.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the replay diverges from the record after action {action}: state checksum {recorded} recorded, {replayed} replayed"
)]
pub struct Divergence {
    pub action: u64,
    pub recorded: String,
    pub replayed: String,
}

impl Replay {
    /// Lays out a journal for the viewer: one pass through every action, keeping snapshots
    /// and markers, and checking recorded checksums on the way.
    pub fn new(world: &World, journal: &Journal) -> Result<Replay, Divergence> {
        Replay::run(world, journal, true)
    }

    /// Replays a journal to its end keeping no snapshots: for grading, printing and
    /// resuming, which need the final desk and the markers only.
    pub fn headless(world: &World, journal: &Journal) -> Result<Replay, Divergence> {
        Replay::run(world, journal, false)
    }

    fn run(world: &World, journal: &Journal, snapshots: bool) -> Result<Replay, Divergence> {
        let actions: Vec<(u64, Action)> = journal
            .actions
            .iter()
            .filter(|(_, a)| replays(a))
            .cloned()
            .collect();
        // Checksums count every recorded action, Quit included.
        let mut recorded_count = 0u64;
        let mut counts = Vec::with_capacity(actions.len());
        for (_, a) in &journal.actions {
            recorded_count += 1;
            if replays(a) {
                counts.push(recorded_count);
            }
        }
        let desk = Desk::new(world);
        let mut replay = Replay {
            snapshots: vec![(0, desk.clone())],
            spacing: SNAPSHOT_EVERY,
            markers: Vec::new(),
            desk,
            position: 0,
            actions: Vec::new(),
        };
        let mut checks = Checks::new(journal);
        for (i, (_, action)) in actions.iter().enumerate() {
            replay.apply(world, action, i + 1);
            if snapshots && (i + 1).is_multiple_of(replay.spacing) {
                replay.snapshot(i + 1);
            }
            checks.at(counts[i], &replay.desk)?;
        }
        replay.position = actions.len();
        replay.actions = actions;
        Ok(replay)
    }

    /// Applies one action of the first pass, noting a marker when it made one.
    fn apply(&mut self, world: &World, action: &Action, position: usize) {
        let submitted = self.desk.submitted();
        let effects = self.desk.update(world, action.clone());
        self.markers.extend(
            effects
                .iter()
                .filter_map(|e| marker_label(world, e, submitted))
                .map(|label| Marker { position, label }),
        );
    }

    /// Keeps a snapshot after `position` actions; past the cap, drops every other one and
    /// doubles the spacing.
    fn snapshot(&mut self, position: usize) {
        self.snapshots.push((position, self.desk.clone()));
        if self.snapshots.len() > MAX_SNAPSHOTS {
            self.spacing *= 2;
            let spacing = self.spacing;
            self.snapshots.retain(|(p, _)| p.is_multiple_of(spacing));
        }
    }

    pub fn len(&self) -> usize {
        self.actions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.actions.is_empty()
    }

    /// Puts the desk at the state after `position` actions.
    pub fn seek(&mut self, world: &World, position: usize) {
        let position = position.min(self.actions.len());
        if position >= self.position && position - self.position <= self.spacing {
            while self.position < position {
                self.step(world);
            }
            return;
        }
        let base = self
            .snapshots
            .partition_point(|(p, _)| *p <= position)
            .saturating_sub(1);
        let (at, desk) = &self.snapshots[base];
        self.desk = desk.clone();
        self.position = *at;
        while self.position < position {
            self.step(world);
        }
    }

    /// Applies the next action, if any.
    pub fn step(&mut self, world: &World) -> bool {
        let Some((_, action)) = self.actions.get(self.position) else {
            return false;
        };
        self.desk.update(world, action.clone());
        self.position += 1;
        true
    }

    /// The time offset of the action at `position` (0 before the first).
    pub fn time_at(&self, position: usize) -> u64 {
        match position {
            0 => 0,
            n => self.actions.get(n - 1).map_or(0, |(t, _)| *t),
        }
    }

    /// The position reached at `ms` milliseconds into the session.
    pub fn position_at_time(&self, ms: u64) -> usize {
        self.actions.partition_point(|(t, _)| *t <= ms)
    }

    /// The next marker after the current position, or the previous one before it.
    pub fn marker_after(&self, position: usize) -> Option<&Marker> {
        self.markers.iter().find(|m| m.position > position)
    }

    pub fn marker_before(&self, position: usize) -> Option<&Marker> {
        self.markers.iter().rev().find(|m| m.position < position)
    }
}

/// Replays a whole journal and returns the final desk.
pub fn replay_to_end(world: &World, journal: &Journal) -> Result<Desk, Divergence> {
    Replay::headless(world, journal).map(|r| r.desk)
}

/// The recorded checksums, checked as the replay reaches each one while the budget lasts.
struct Checks<'a> {
    pending: std::iter::Peekable<std::slice::Iter<'a, (u64, String)>>,
    /// The count of the last recorded checksum, which is checked whatever the budget.
    last: u64,
    hashed: usize,
    /// The journal's format version, which says what its checksums cover.
    version: u32,
}

impl<'a> Checks<'a> {
    fn new(journal: &'a Journal) -> Checks<'a> {
        Checks {
            pending: journal.checksums.iter().peekable(),
            last: journal.checksums.iter().map(|(n, _)| *n).max().unwrap_or(0),
            hashed: 0,
            version: journal.header.version,
        }
    }

    /// Checks the checksums recorded after `count` actions against the desk.
    fn at(&mut self, count: u64, desk: &Desk) -> Result<(), Divergence> {
        while let Some((n, sum)) = self.pending.peek() {
            if *n < count {
                self.pending.next();
                continue;
            }
            if *n == count {
                if self.hashed <= HASH_BUDGET || count == self.last {
                    let (replayed, size) = sized_checksum(self.version, desk);
                    self.hashed = self.hashed.saturating_add(size);
                    if &replayed != sum {
                        return Err(Divergence {
                            action: count,
                            recorded: sum.clone(),
                            replayed,
                        });
                    }
                }
                self.pending.next();
                continue;
            }
            break;
        }
        Ok(())
    }
}

//! Replaying a journal onto a fresh desk: headless, with state checksums checked, and with
//! snapshots so that stepping back or seeking anywhere is instant.

use crate::audit::{Action, CaseChange, Desk, Effect};
use crate::engine::World;

use super::journal::Journal;

/// A snapshot of the desk is kept every this many actions, so a seek replays at most this
/// many actions from the nearest one.
pub const SNAPSHOT_EVERY: usize = 64;

/// A checksum of what the desk holds that matters to the case: the case file (flags,
/// notes, answers, hints), the clock and whether it was handed in. Messages and screen
/// state are left out, so a release that rewords a message or moves a row still replays
/// the journals recorded before it.
pub fn checksum(desk: &Desk) -> String {
    let bytes =
        serde_json::to_vec(&(desk.case(), desk.clock(), desk.submitted())).unwrap_or_default();
    blake3::hash(&bytes).to_hex()[..16].to_owned()
}

/// The checksum a version 1 journal recorded: of everything the desk held.
pub fn whole_desk_checksum(desk: &Desk) -> String {
    let bytes = serde_json::to_vec(desk).unwrap_or_default();
    blake3::hash(&bytes).to_hex()[..16].to_owned()
}

/// The checksum a journal of `version` records.
pub fn checksum_for(version: u32, desk: &Desk) -> String {
    if version >= 2 {
        checksum(desk)
    } else {
        whole_desk_checksum(desk)
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
    snapshots: Vec<Desk>,
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
    /// Lays out a journal: one pass through every action, keeping snapshots and markers,
    /// and checking every recorded checksum on the way.
    pub fn new(world: &World, journal: &Journal) -> Result<Replay, Divergence> {
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
        let mut desk = Desk::new(world);
        let mut snapshots = vec![desk.clone()];
        let mut markers = Vec::new();
        let mut checks = journal.checksums.iter().peekable();
        while let Some((n, _)) = checks.peek() {
            if *n == 0 {
                checks.next();
            } else {
                break;
            }
        }
        for (i, (_, action)) in actions.iter().enumerate() {
            let submitted = desk.submitted();
            let effects = desk.update(world, action.clone());
            let position = i + 1;
            markers.extend(
                effects
                    .iter()
                    .filter_map(|e| marker_label(world, e, submitted))
                    .map(|label| Marker { position, label }),
            );
            if position.is_multiple_of(SNAPSHOT_EVERY) {
                snapshots.push(desk.clone());
            }
            let count = counts[i];
            while let Some((n, sum)) = checks.peek() {
                if *n < count {
                    checks.next();
                    continue;
                }
                if *n == count {
                    let replayed = checksum_for(journal.header.version, &desk);
                    if &replayed != sum {
                        return Err(Divergence {
                            action: count,
                            recorded: sum.clone(),
                            replayed,
                        });
                    }
                    checks.next();
                }
                break;
            }
        }
        let position = actions.len();
        Ok(Replay {
            actions,
            snapshots,
            markers,
            desk,
            position,
        })
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
        if position >= self.position && position - self.position <= SNAPSHOT_EVERY {
            while self.position < position {
                self.step(world);
            }
            return;
        }
        let base = (position / SNAPSHOT_EVERY).min(self.snapshots.len() - 1);
        self.desk = self.snapshots[base].clone();
        self.position = base * SNAPSHOT_EVERY;
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
    Replay::new(world, journal).map(|r| r.desk)
}

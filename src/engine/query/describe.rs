//! Describing what the ledger and the timeline hold, one line each: an entry's cause, a
//! timeline event's record.

use crate::scenario::model::Transport;

use super::super::ledger::{Cause, EntryId, TimelineIx};
use super::super::records::RecordText;
use super::super::world::World;

impl World {
    /// A one-line account of an entry's cause.
    pub fn describe_cause(&self, entry: EntryId) -> String {
        let Some(e) = self.ledger.get(entry) else {
            return String::new();
        };
        match &e.cause {
            Cause::Rule { rule, .. } => {
                format!("rule: {}", self.scenario.rules[*rule as usize].name)
            }
            Cause::Manual { .. } => {
                let a = self
                    .assignment_of(entry)
                    .expect("manual entries have assignments");
                let op = self.official_ix(&a.operator).map(|o| self.official(o));
                let who = op.map_or(a.operator.to_string(), |o| {
                    format!("{} ({})", o.name, o.account.as_deref().unwrap_or("-"))
                });
                match &a.batch {
                    Some(batch) => format!("batch {batch} by {who}"),
                    None => format!("manual by {who}"),
                }
            }
            Cause::Lapse { of } => format!("lapse of entry #{of}"),
            Cause::Lift { rule, .. } => {
                format!("lifted: {}", self.scenario.rules[*rule as usize].name)
            }
            Cause::Reversal { of, .. } => {
                let who = self
                    .official_of(entry)
                    .map_or("?", |o| &self.official(o).name);
                format!("reversal of entry #{of} by {who}")
            }
        }
    }

    /// A one-line account of a record on the timeline.
    pub fn describe_record(&self, ix: TimelineIx) -> String {
        self.record_text(ix).to_string()
    }

    /// A one-line account of a record on the timeline, written where it is wanted (exports
    /// write thousands of them, and need no string for each).
    pub fn record_text(&self, ix: TimelineIx) -> RecordText<'_> {
        RecordText::new(self, ix)
    }
}

pub(in crate::engine) fn transport_word(t: Transport) -> &'static str {
    match t {
        Transport::Train => "train",
        Transport::Plane => "plane",
        Transport::Car => "car",
        Transport::Coach => "coach",
        Transport::FromAbroad => "international flight",
    }
}

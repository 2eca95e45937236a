//! The timeline room: the scenario clock, how many events it has revealed, and the moves
//! of the clock (step, jump to the next change or kind of event, seek).

use serde::{Deserialize, Serialize};

use crate::engine::world::person_of;
use crate::engine::{Cause, Entry, World};
use crate::scenario::Time;
use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::EventKind;

use super::super::action::Screen;
use super::Desk;

/// Kinds of event the clock can jump to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKindFilter {
    Assignment,
    CaseReport,
    Reversal,
    ArrivalForm,
    Test,
}

impl EventKindFilter {
    pub const ALL: [EventKindFilter; 5] = [
        EventKindFilter::Assignment,
        EventKindFilter::CaseReport,
        EventKindFilter::Reversal,
        EventKindFilter::ArrivalForm,
        EventKindFilter::Test,
    ];

    pub fn name(self) -> &'static str {
        match self {
            EventKindFilter::Assignment => "manual assignment",
            EventKindFilter::CaseReport => "case report",
            EventKindFilter::Reversal => "reversal",
            EventKindFilter::ArrivalForm => "arrival form",
            EventKindFilter::Test => "test",
        }
    }

    fn matches(self, world: &World, ix: usize) -> bool {
        match (self, world.timeline[ix].what) {
            (EventKindFilter::ArrivalForm, Occurrence::ArrivalForm { .. }) => true,
            (EventKindFilter::Test, Occurrence::Test { .. }) => true,
            (_, Occurrence::Scripted(event)) => matches!(
                (self, &world.scenario.events[event as usize].what),
                (EventKindFilter::Assignment, EventKind::Assignment(_))
                    | (EventKindFilter::CaseReport, EventKind::CaseReport { .. })
                    | (EventKindFilter::Reversal, EventKind::Reversal { .. })
            ),
            _ => false,
        }
    }

    fn next(self) -> EventKindFilter {
        let i = EventKindFilter::ALL
            .iter()
            .position(|&k| k == self)
            .unwrap_or(0);
        EventKindFilter::ALL[(i + 1) % EventKindFilter::ALL.len()]
    }
}

/// The clock and what it has revealed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(super) struct Timeline {
    /// The scenario clock: nothing after it is visible.
    clock: Time,
    /// How many timeline events have happened by the clock.
    revealed: usize,
    event_kind: EventKindFilter,
    /// After a jump to the next code change: the timeline row chosen for it and the person
    /// whose code changed, so that row opens that person even when the event (a batch) is
    /// about many.
    changed: Option<(usize, PersonIx)>,
}

impl Timeline {
    pub(super) fn new(world: &World) -> Timeline {
        Timeline {
            clock: world.scenario.start,
            revealed: world.events_until(world.scenario.start),
            event_kind: EventKindFilter::Assignment,
            changed: None,
        }
    }
}

impl Desk {
    /// The scenario clock: nothing after it is visible.
    pub fn clock(&self) -> Time {
        self.timeline.clock
    }

    /// How many timeline events have happened by the clock: the timeline's rows.
    pub fn revealed(&self) -> usize {
        self.timeline.revealed
    }

    /// The kind of event `NextOfKind` jumps to.
    pub fn event_kind(&self) -> EventKindFilter {
        self.timeline.event_kind
    }

    pub(super) fn step_forward(&mut self, world: &World) {
        let t = &mut self.timeline;
        if t.revealed < world.timeline.len() {
            t.revealed += 1;
            t.clock = t.clock.max(world.timeline[t.revealed - 1].at);
            self.after_clock(world);
        }
    }

    pub(super) fn step_back(&mut self, world: &World) {
        let t = &mut self.timeline;
        if t.revealed > 0 {
            t.revealed -= 1;
            t.clock = match t.revealed {
                0 => world.scenario.start,
                n => world.timeline[n - 1].at,
            };
            self.after_clock(world);
        }
    }

    pub(super) fn next_change(&mut self, world: &World) {
        let entries = world.ledger.entries();
        let next = entries.partition_point(|e| e.at <= self.timeline.clock);
        match entries.get(next) {
            Some(e) => {
                self.set_clock(world, e.at);
                let row = cause_row(world, e, self.timeline.revealed);
                self.select(Screen::Timeline, row);
                self.timeline.changed = Some((row, e.person));
                self.say(format!(
                    "Next code change: {} {}",
                    e.at,
                    world.person_name(e.person)
                ));
            }
            None => self.say("No more code changes."),
        }
        self.tip_done(Screen::Briefing);
        self.tip_done(Screen::Timeline);
    }

    pub(super) fn next_of_kind(&mut self, world: &World) {
        let kind = self.timeline.event_kind;
        match (self.timeline.revealed..world.timeline.len()).find(|&i| kind.matches(world, i)) {
            Some(i) => {
                let at = world.timeline[i].at;
                self.set_clock(world, at);
                self.say(format!("Next {}: {}", kind.name(), at));
            }
            None => self.say(format!("No more events of kind {}.", kind.name())),
        }
    }

    pub(super) fn cycle_event_kind(&mut self) {
        self.timeline.event_kind = self.timeline.event_kind.next();
        self.say(format!("Jump to: {}", self.timeline.event_kind.name()));
    }

    /// Seeks to a time typed in the seek field.
    pub(super) fn seek_typed(&mut self, world: &World, text: &str) {
        match parse_seek(text, self.timeline.clock) {
            Ok(t) => self.set_clock(world, t),
            Err(e) => self.say(e.to_string()),
        }
    }

    pub(super) fn set_clock(&mut self, world: &World, at: Time) {
        let at = at.clamp(world.scenario.start, world.scenario.end);
        self.timeline.clock = at;
        self.timeline.revealed = world.events_until(at);
        self.after_clock(world);
    }

    /// What every room does when the clock moves.
    fn after_clock(&mut self, world: &World) {
        self.timeline.changed = None;
        // Keep the timeline's selection on the newest event.
        self.select(Screen::Timeline, self.timeline.revealed.saturating_sub(1));
        self.people_after_clock(world);
        self.refresh_documents(world);
        self.clamp_selections(world);
    }
}

impl Desk {
    /// The person whose code changed, if `row` is the timeline row a jump to the next
    /// change chose.
    pub(super) fn changed_person_at(&self, row: usize) -> Option<PersonIx> {
        self.timeline
            .changed
            .filter(|&(r, _)| r == row)
            .map(|(_, p)| p)
    }
}

/// The timeline row that explains a code change, among the `revealed` rows: the evidence
/// the entry cites (a record about the person first) or its assignment or reversal event,
/// else a record of that minute about the person, else the newest row.
fn cause_row(world: &World, entry: &Entry, revealed: usize) -> usize {
    let newest = revealed.saturating_sub(1);
    let about = |i: usize| {
        person_of(&world.timeline[i], &world.scenario, &world.roster) == Some(entry.person)
    };
    let about_person = (0..revealed)
        .rev()
        .take_while(|&i| world.timeline[i].at == entry.at)
        .find(|&i| about(i));
    let cited = match &entry.cause {
        Cause::Rule { evidence, .. } | Cause::Lift { evidence, .. } => {
            let evidence = evidence.iter().map(|&i| i.ix()).filter(|&i| i < revealed);
            evidence
                .clone()
                .filter(|&i| about(i))
                .max()
                .or(evidence.max())
        }
        Cause::Manual {
            assignment: event, ..
        }
        | Cause::Reversal { event, .. } => (0..revealed)
            .rev()
            .take_while(|&i| world.timeline[i].at >= entry.at)
            .find(|&i| world.timeline[i].what == Occurrence::Scripted(*event)),
        _ => None,
    };
    // The cause's own record comes first; a record of that minute about the person next.
    cited
        .filter(|&i| i < revealed)
        .or(about_person)
        .unwrap_or(newest)
}

/// A time typed to seek to, completed from the clock: `2022-06-13 12:00`, `06-13 12:00`
/// (this year), `12:00` (this day) or `2022-06-13` (midnight).
pub fn parse_seek(text: &str, clock: Time) -> Result<Time, crate::scenario::ScenarioError> {
    let text = text.trim();
    let now = clock.to_string();
    let full = match text.len() {
        5 if text.contains(':') => format!("{} {text}", &now[..10]),
        11 if text.contains(' ') => format!("{}-{text}", &now[..4]),
        _ => text.to_owned(),
    };
    Time::parse(&full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seek_times_are_completed_from_the_clock() {
        let clock = Time::parse("2022-06-11 08:30").unwrap();
        let at = |t: &str| parse_seek(t, clock).map(|t| t.to_string());
        assert_eq!(at("12:00").unwrap(), "2022-06-11 12:00");
        assert_eq!(at("06-13 12:00").unwrap(), "2022-06-13 12:00");
        assert_eq!(at("2022-06-14 01:02").unwrap(), "2022-06-14 01:02");
        assert_eq!(at("2022-06-14").unwrap(), "2022-06-14 00:00");
        assert!(at("soon").is_err());
    }

    #[test]
    fn the_event_kind_cycles_back_to_the_first() {
        let mut kind = EventKindFilter::Assignment;
        for _ in 0..EventKindFilter::ALL.len() {
            kind = kind.next();
        }
        assert_eq!(kind, EventKindFilter::Assignment);
    }
}

//! The run of a class, pure: its phases and their timer, the pause, the facilitator's
//! message to everyone and the end of the exercise. No clock: the server says what time it
//! is (the time since the class opened) with every call, so tests set the time they like.

use std::time::Duration;

/// The phases of a class, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Briefing,
    Investigation,
    Submission,
    Debrief,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Briefing,
        Phase::Investigation,
        Phase::Submission,
        Phase::Debrief,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Phase::Briefing => "Briefing",
            Phase::Investigation => "Investigation",
            Phase::Submission => "Submission",
            Phase::Debrief => "Debrief",
        }
    }

    /// The phase after this one; the debrief is the last.
    pub fn next(self) -> Option<Phase> {
        match self {
            Phase::Briefing => Some(Phase::Investigation),
            Phase::Investigation => Some(Phase::Submission),
            Phase::Submission => Some(Phase::Debrief),
            Phase::Debrief => None,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// How long each phase lasts, as the facilitator chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub durations: [Duration; 4],
}

impl Plan {
    /// A plan of whole minutes per phase, in order.
    pub fn minutes(briefing: u64, investigation: u64, submission: u64, debrief: u64) -> Plan {
        Plan {
            durations: [briefing, investigation, submission, debrief].map(minutes),
        }
    }

    pub fn duration(&self, phase: Phase) -> Duration {
        self.durations[phase.index()]
    }

    /// The whole class, every phase end to end.
    pub fn total(&self) -> Duration {
        self.durations.iter().sum()
    }
}

impl Default for Plan {
    /// A 50-minute class: 5 to brief and join, 30 to investigate, 5 to submit, 10 for the
    /// hot wash.
    fn default() -> Plan {
        Plan::minutes(5, 30, 5, 10)
    }
}

fn minutes(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

/// Something that happened to the class, for its log and for the server to act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassEvent {
    /// A phase began, by the facilitator's hand or because the one before ran out of time.
    PhaseBegan {
        phase: Phase,
        by_timer: bool,
    },
    Paused,
    Resumed,
    /// The phase's time was changed by this many seconds (negative: taken away).
    TimeChanged {
        phase: Phase,
        seconds: i64,
    },
    Message(String),
    /// The facilitator ended the exercise: everyone is asked to submit (and told so by a
    /// message to everyone, which follows this event).
    EndAsked,
    /// The submission phase is over: every case file not yet submitted is submitted now.
    SubmissionsClosed,
}

impl ClassEvent {
    /// One line for the class log.
    pub fn describe(&self) -> String {
        match self {
            ClassEvent::PhaseBegan { phase, by_timer } => format!(
                "phase {}{}",
                phase.name().to_lowercase(),
                if *by_timer {
                    " (the time of the one before ran out)"
                } else {
                    ""
                }
            ),
            ClassEvent::Paused => "paused: every student's clock is stopped".to_owned(),
            ClassEvent::Resumed => "resumed".to_owned(),
            ClassEvent::TimeChanged { phase, seconds } => format!(
                "{}: {} {}",
                phase.name().to_lowercase(),
                clock(Duration::from_secs(seconds.unsigned_abs())),
                if *seconds < 0 { "less" } else { "more" },
            ),
            ClassEvent::Message(text) => format!("message to everyone: {text}"),
            ClassEvent::EndAsked => "end of the exercise: everyone is asked to submit".to_owned(),
            ClassEvent::SubmissionsClosed => {
                "submissions closed: every case file not yet submitted is submitted".to_owned()
            }
        }
    }
}

/// The facilitator's latest message to everyone, with when it was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub at: Duration,
    /// Counts every message sent, so a seat knows a new one from the one it showed.
    pub number: u32,
}

/// The class's run: where it is, how long is left, whether it is paused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exercise {
    plan: Plan,
    /// The phase now and when its timer started (class time); `None` before the start.
    phase: Option<(Phase, Duration)>,
    /// Time paused within the current phase, not counted against it.
    paused_for: Duration,
    paused_since: Option<Duration>,
    message: Option<Message>,
    ending: bool,
    closed: bool,
}

/// What everyone reads when the facilitator ends the exercise.
pub const ENDING: &str = "Submit now: 9, then S. What is left is submitted when time is up.";

/// Longest message to everyone, in characters: one status line of a wide terminal (a
/// narrow one shows its start).
pub const MAX_MESSAGE: usize = 120;

impl Exercise {
    pub fn new(plan: Plan) -> Exercise {
        Exercise {
            plan,
            phase: None,
            paused_for: Duration::ZERO,
            paused_since: None,
            message: None,
            ending: false,
            closed: false,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The phase now; `None` before the facilitator starts the class.
    pub fn phase(&self) -> Option<Phase> {
        self.phase.map(|(p, _)| p)
    }

    pub fn paused(&self) -> bool {
        self.paused_since.is_some()
    }

    /// Whether the facilitator has ended the exercise.
    pub fn ending(&self) -> bool {
        self.ending
    }

    /// Whether submissions are closed: every case file is to be submitted.
    pub fn closed(&self) -> bool {
        self.closed
    }

    pub fn message(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Time run in the current phase at `now`, pauses left out.
    pub fn elapsed(&self, now: Duration) -> Duration {
        let Some((_, started)) = self.phase else {
            return Duration::ZERO;
        };
        let paused_now = self
            .paused_since
            .map_or(Duration::ZERO, |since| now.saturating_sub(since));
        now.saturating_sub(started)
            .saturating_sub(self.paused_for + paused_now)
    }

    /// How far into the class plan the class is at `now`, in whole minutes: the planned
    /// length of the phases before this one, and the time run in this one; `None` before
    /// the start. Injects on a schedule are released by it.
    pub fn plan_minute(&self, now: Duration) -> Option<u64> {
        let (phase, _) = self.phase?;
        let before: Duration = Phase::ALL
            .iter()
            .take_while(|p| **p != phase)
            .map(|p| self.plan.duration(*p))
            .sum();
        let into = self.elapsed(now).min(self.plan.duration(phase));
        Some((before + into).as_secs() / 60)
    }

    /// Time left in the current phase at `now` (zero when it has run out, or before the
    /// start).
    pub fn remaining(&self, now: Duration) -> Duration {
        match self.phase {
            Some((phase, _)) => self.plan.duration(phase).saturating_sub(self.elapsed(now)),
            None => Duration::ZERO,
        }
    }

    /// Starts the class (the briefing), or moves to the next phase. Leaving the submission
    /// phase closes submissions.
    pub fn next_phase(&mut self, now: Duration) -> Vec<ClassEvent> {
        self.advance(now, false)
    }

    fn advance(&mut self, now: Duration, by_timer: bool) -> Vec<ClassEvent> {
        let next = match self.phase() {
            None => Phase::Briefing,
            Some(phase) => match phase.next() {
                Some(next) => next,
                None => return vec![],
            },
        };
        self.begin(next, now, by_timer)
    }

    fn begin(&mut self, phase: Phase, now: Duration, by_timer: bool) -> Vec<ClassEvent> {
        let mut events = vec![];
        if phase > Phase::Submission && !self.closed {
            self.closed = true;
            events.push(ClassEvent::SubmissionsClosed);
        }
        // A pause carries over into the new phase, which starts with none of it counted.
        self.paused_for = Duration::ZERO;
        if self.paused_since.is_some() {
            self.paused_since = Some(now);
        }
        self.phase = Some((phase, now));
        events.insert(0, ClassEvent::PhaseBegan { phase, by_timer });
        events
    }

    /// Moves the class on when the current phase has run out of time (never while paused:
    /// the timer is stopped). The server calls it often; it says what changed.
    pub fn tick(&mut self, now: Duration) -> Vec<ClassEvent> {
        let Some(phase) = self.phase() else {
            return vec![];
        };
        if self.paused() || phase == Phase::Debrief || self.remaining(now) > Duration::ZERO {
            return vec![];
        }
        self.advance(now, true)
    }

    /// Stops the timer and every student's clock.
    pub fn pause(&mut self, now: Duration) -> Vec<ClassEvent> {
        if self.paused() {
            return vec![];
        }
        self.paused_since = Some(now);
        vec![ClassEvent::Paused]
    }

    /// Starts them again; the time paused is not counted against the phase.
    pub fn resume(&mut self, now: Duration) -> Vec<ClassEvent> {
        let Some(since) = self.paused_since.take() else {
            return vec![];
        };
        self.paused_for += now.saturating_sub(since);
        vec![ClassEvent::Resumed]
    }

    /// Pauses when running, resumes when paused.
    pub fn toggle_pause(&mut self, now: Duration) -> Vec<ClassEvent> {
        if self.paused() {
            self.resume(now)
        } else {
            self.pause(now)
        }
    }

    /// Gives the current phase more time (or less, with a negative number of seconds; never
    /// less than what has already run).
    pub fn change_time(&mut self, seconds: i64, now: Duration) -> Vec<ClassEvent> {
        let Some(phase) = self.phase() else {
            return vec![];
        };
        let elapsed = self.elapsed(now);
        let slot = &mut self.plan.durations[phase.index()];
        let change = Duration::from_secs(seconds.unsigned_abs());
        *slot = if seconds < 0 {
            slot.saturating_sub(change).max(elapsed)
        } else {
            *slot + change
        };
        vec![ClassEvent::TimeChanged { phase, seconds }]
    }

    /// Sets how long a phase lasts (the facilitator's plan, before or during the class).
    pub fn set_duration(&mut self, phase: Phase, duration: Duration) {
        self.plan.durations[phase.index()] = duration;
    }

    /// A message to everyone: students connected now see it, and so do later joiners.
    /// `text` is already cleaned to one line; an empty message is not sent.
    pub fn send_message(&mut self, text: &str, now: Duration) -> Vec<ClassEvent> {
        let text: String = text.trim().chars().take(MAX_MESSAGE).collect();
        if text.is_empty() {
            return vec![];
        }
        let number = self.message.as_ref().map_or(1, |m| m.number + 1);
        self.message = Some(Message {
            text: text.clone(),
            at: now,
            number,
        });
        vec![ClassEvent::Message(text)]
    }

    /// Ends the exercise: everyone is asked to submit, and the class moves to the submission
    /// phase if it is not there yet (its end submits every case file left).
    pub fn end_exercise(&mut self, now: Duration) -> Vec<ClassEvent> {
        if self.ending || self.closed {
            return vec![];
        }
        self.ending = true;
        let mut events = vec![ClassEvent::EndAsked];
        if self.phase().is_none_or(|p| p < Phase::Submission) {
            events.extend(self.begin(Phase::Submission, now, false));
        }
        events.extend(self.send_message(ENDING, now));
        events
    }

    /// What every student's console shows of the class, on one short line: it stands in
    /// the header of an 80-column console beside the clock and the counts (32 columns).
    pub fn banner(&self, now: Duration) -> String {
        let Some(phase) = self.phase() else {
            return "Class not started yet".to_owned();
        };
        if phase == Phase::Debrief {
            return if self.paused() {
                "PAUSED Debrief".to_owned()
            } else {
                "Debrief: case files are in".to_owned()
            };
        }
        let left = self.remaining(now);
        let line = if left.is_zero() {
            format!("{}: time up", phase.name())
        } else {
            format!("{} {} left", phase.name(), clock(left))
        };
        if self.paused() {
            format!("PAUSED {line}")
        } else if phase == Phase::Submission {
            format!("{line}, submit")
        } else {
            line
        }
    }
}

/// A span of time as minutes and seconds, `mm:ss` (hours count as minutes).
pub fn clock(span: Duration) -> String {
    let secs = span.as_secs();
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(min: u64, sec: u64) -> Duration {
        Duration::from_secs(min * 60 + sec)
    }

    #[test]
    fn the_plan_minute_counts_planned_phases_before_and_time_run_in_this_one() {
        let mut e = Exercise::new(Plan::minutes(5, 30, 5, 10));
        assert_eq!(e.plan_minute(at(3, 0)), None);
        e.next_phase(at(1, 0));
        assert_eq!(e.plan_minute(at(3, 30)), Some(2));
        // The briefing ended early: the investigation starts at minute 5 of the plan.
        e.next_phase(at(4, 0));
        assert_eq!(e.plan_minute(at(4, 0)), Some(5));
        // A pause holds the minute.
        e.pause(at(14, 0));
        assert_eq!(e.plan_minute(at(30, 0)), Some(15));
        e.resume(at(30, 0));
        assert_eq!(e.plan_minute(at(31, 0)), Some(16));
    }

    #[test]
    fn the_default_plan_is_a_fifty_minute_class() {
        assert_eq!(Plan::default().total(), at(50, 0));
        assert_eq!(Plan::default().duration(Phase::Investigation), at(30, 0));
        // The facilitator's handbook prints the same plan.
        for ((name, minutes, _), phase) in super::super::handout::PHASES.iter().zip(Phase::ALL) {
            assert_eq!(*name, phase.name());
            assert_eq!(Plan::default().duration(phase), at(u64::from(*minutes), 0));
        }
    }

    #[test]
    fn phases_follow_each_other_by_hand_and_by_timer() {
        let mut class = Exercise::new(Plan::minutes(5, 30, 5, 10));
        assert_eq!(class.phase(), None);
        assert!(
            class.tick(at(60, 0)).is_empty(),
            "nothing runs before the start"
        );
        let events = class.next_phase(at(1, 0));
        assert_eq!(
            events,
            vec![ClassEvent::PhaseBegan {
                phase: Phase::Briefing,
                by_timer: false
            }]
        );
        assert_eq!(class.remaining(at(3, 30)), at(2, 30));
        assert_eq!(class.banner(at(3, 30)), "Briefing 02:30 left");
        assert!(class.tick(at(5, 59)).is_empty());
        let events = class.tick(at(6, 0));
        assert_eq!(
            events,
            vec![ClassEvent::PhaseBegan {
                phase: Phase::Investigation,
                by_timer: true
            }]
        );
        assert_eq!(class.remaining(at(6, 0)), at(30, 0));
        class.next_phase(at(10, 0));
        assert_eq!(class.phase(), Some(Phase::Submission));
        assert!(!class.closed());
        let events = class.tick(at(15, 0));
        assert_eq!(
            events,
            vec![
                ClassEvent::PhaseBegan {
                    phase: Phase::Debrief,
                    by_timer: true
                },
                ClassEvent::SubmissionsClosed
            ]
        );
        assert!(class.closed());
        assert!(class.tick(at(90, 0)).is_empty(), "the debrief is the last");
        assert!(class.next_phase(at(90, 0)).is_empty());
        assert_eq!(class.banner(at(90, 0)), "Debrief: case files are in");
    }

    #[test]
    fn a_pause_stops_the_timer_and_is_not_counted() {
        let mut class = Exercise::new(Plan::minutes(5, 30, 5, 10));
        class.next_phase(at(0, 0));
        class.next_phase(at(0, 0));
        assert_eq!(class.pause(at(10, 0)), vec![ClassEvent::Paused]);
        assert!(
            class.pause(at(11, 0)).is_empty(),
            "a pause is not paused twice"
        );
        assert_eq!(class.remaining(at(10, 0)), at(20, 0));
        assert_eq!(
            class.remaining(at(45, 0)),
            at(20, 0),
            "stopped while paused"
        );
        assert!(
            class.tick(at(45, 0)).is_empty(),
            "no phase ends while paused"
        );
        assert_eq!(class.banner(at(45, 0)), "PAUSED Investigation 20:00 left");
        assert_eq!(class.resume(at(45, 0)), vec![ClassEvent::Resumed]);
        assert!(class.resume(at(46, 0)).is_empty());
        assert_eq!(class.remaining(at(50, 0)), at(15, 0));
        assert_eq!(class.toggle_pause(at(50, 0)), vec![ClassEvent::Paused]);
        assert_eq!(class.toggle_pause(at(52, 0)), vec![ClassEvent::Resumed]);
        assert_eq!(class.remaining(at(52, 0)), at(15, 0));
        assert_eq!(class.tick(at(67, 0)).len(), 1, "the investigation runs out");
    }

    #[test]
    fn time_is_added_and_taken_but_never_before_what_has_run() {
        let mut class = Exercise::new(Plan::default());
        assert!(class.change_time(60, at(0, 0)).is_empty(), "no phase yet");
        class.next_phase(at(0, 0));
        class.change_time(120, at(1, 0));
        assert_eq!(class.remaining(at(1, 0)), at(6, 0));
        class.change_time(-600, at(2, 0));
        assert_eq!(class.remaining(at(2, 0)), Duration::ZERO);
        assert_eq!(class.banner(at(2, 0)), "Briefing: time up");
        assert_eq!(class.plan().duration(Phase::Briefing), at(2, 0));
        let said = ClassEvent::TimeChanged {
            phase: Phase::Briefing,
            seconds: -60,
        };
        assert_eq!(said.describe(), "briefing: 01:00 less");
    }

    #[test]
    fn ending_the_exercise_asks_for_submissions_then_closes_them() {
        let mut class = Exercise::new(Plan::default());
        class.next_phase(at(0, 0));
        class.next_phase(at(1, 0));
        let events = class.end_exercise(at(20, 0));
        assert_eq!(events[0], ClassEvent::EndAsked);
        assert_eq!(class.phase(), Some(Phase::Submission));
        assert_eq!(class.remaining(at(20, 0)), at(5, 0));
        assert_eq!(class.banner(at(21, 0)), "Submission 04:00 left, submit");
        assert_eq!(class.message().unwrap().text, ENDING, "everyone is told");
        assert!(class.end_exercise(at(21, 0)).is_empty(), "asked once");
        let events = class.next_phase(at(22, 0));
        assert!(
            events.contains(&ClassEvent::SubmissionsClosed),
            "{events:?}"
        );
        assert!(class.closed());
    }

    #[test]
    fn the_latest_message_is_kept_for_later_joiners() {
        let mut class = Exercise::new(Plan::default());
        assert!(class.send_message("   ", at(0, 0)).is_empty());
        class.send_message("Look at the batches", at(1, 0));
        class.send_message(&"x".repeat(500), at(2, 0));
        let message = class.message().unwrap();
        assert_eq!((message.number, message.at), (2, at(2, 0)));
        assert_eq!(message.text.chars().count(), MAX_MESSAGE);
        assert!(
            ClassEvent::Message("hi".into())
                .describe()
                .contains("message to everyone: hi")
        );
    }

    #[test]
    fn clocks_read_as_minutes_and_seconds() {
        assert_eq!(clock(at(4, 5)), "04:05");
        assert_eq!(clock(at(75, 0)), "75:00");
    }
}

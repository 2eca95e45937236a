//! The facilitator's controls of a class being served: phases and their timer, the pause,
//! the message to everyone and the end of the exercise, each logged; what every student's
//! console is told of them; and the submit of every case file left when submissions close.
//! The rules live in the pure class state (`class::Exercise`); this reads the clock for it.

use std::io;
use std::sync::{Arc, MutexGuard};
use std::time::Duration;

use super::Class;
use super::player::journal_path;
use crate::audit::score::grade;
use crate::audit::{Action, CaseChange, Desk, Effect};
use crate::class::{ClassEvent, Command, Exercise, Plan, Standing};
use crate::engine::World;
use crate::scenario::text::clean_line;
use crate::session::journal::{self, Writer};
use crate::session::replay::Replay;
use crate::session::{Recorder, Recording};
use crate::tui::banner::ClassBanner;

/// How often the timer looks whether a phase has run out.
const TICK: Duration = Duration::from_millis(250);

/// What one student's console is told of the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatView {
    pub banner: ClassBanner,
    /// Counts the messages sent: a seat that has shown fewer puts the latest on its status
    /// line, over whatever else the footer says.
    pub messages: u32,
    /// Submissions are closed: a case file not yet submitted is submitted now.
    pub closed: bool,
}

impl Class {
    /// Class time: how long since the class opened.
    pub fn now(&self) -> Duration {
        self.opened.elapsed()
    }

    fn exercise_mut(&self) -> MutexGuard<'_, Exercise> {
        self.exercise.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A copy of the class's run, for drawing.
    pub fn exercise(&self) -> Exercise {
        self.exercise_mut().clone()
    }

    /// Sets how long each phase lasts (before the start, or for the phases to come).
    pub fn set_plan(&self, plan: Plan) {
        let mut exercise = self.exercise_mut();
        for phase in crate::class::Phase::ALL {
            exercise.set_duration(phase, plan.duration(phase));
        }
    }

    /// Starts the class (its briefing), or moves it to the next phase.
    pub fn next_phase(&self) -> Vec<ClassEvent> {
        self.control(Exercise::next_phase)
    }

    /// Stops the timer and every student's scenario clock.
    pub fn pause(&self) -> Vec<ClassEvent> {
        self.control(Exercise::pause)
    }

    pub fn resume(&self) -> Vec<ClassEvent> {
        self.control(Exercise::resume)
    }

    pub fn toggle_pause(&self) -> Vec<ClassEvent> {
        self.control(Exercise::toggle_pause)
    }

    /// Gives the current phase more time, or less with a negative number of seconds.
    pub fn change_time(&self, seconds: i64) -> Vec<ClassEvent> {
        self.control(|e, now| e.change_time(seconds, now))
    }

    /// A message to every student: those connected see it at once, later joiners too.
    pub fn message(&self, text: &str) -> Vec<ClassEvent> {
        let text = clean_line(text);
        self.control(|e, now| e.send_message(&text, now))
    }

    /// Ends the exercise: everyone is asked to submit; at the end of the submission phase
    /// every case file left is submitted.
    pub fn end_exercise(&self) -> Vec<ClassEvent> {
        self.control(Exercise::end_exercise)
    }

    /// Carries out the facilitator's command, from the console or a headless class's
    /// input (the class logs it); `Err` says why it could not be. `Stop` is the caller's:
    /// it ends the class itself.
    pub fn act(&self, command: &Command) -> Result<(), String> {
        match command {
            Command::NextPhase => self.next_phase(),
            Command::TogglePause => self.toggle_pause(),
            Command::Pause => self.pause(),
            Command::Resume => self.resume(),
            Command::ChangeTime(seconds) => self.change_time(*seconds),
            Command::Message(text) => self.message(text),
            Command::EndExercise => self.end_exercise(),
            Command::ReleaseInject(id, to) => {
                return self.release_inject(id, to.clone()).inspect_err(|refused| {
                    self.log.write(&format!("inject not released: {refused}"));
                });
            }
            Command::Stop => vec![],
        };
        Ok(())
    }

    /// Moves the class on when a phase has run out of time.
    pub fn tick(&self) -> Vec<ClassEvent> {
        self.control(Exercise::tick)
    }

    /// Changes the class's run, logs what happened, and submits the case files of the
    /// students away when submissions close (those connected are submitted by their seat).
    fn control(
        &self,
        change: impl FnOnce(&mut Exercise, Duration) -> Vec<ClassEvent>,
    ) -> Vec<ClassEvent> {
        let now = self.now();
        let events = change(&mut self.exercise_mut(), now);
        for event in &events {
            self.log.write(&event.describe());
        }
        if events.contains(&ClassEvent::SubmissionsClosed) {
            self.submit_away();
        }
        events
    }

    /// What a student's console shows of the class now. Its timer is read `lag` late
    /// (under a second, different for each student), so sixty headers do not all turn
    /// over, and draw, in the same instant of every second.
    pub fn seat_view(&self, lag: Duration) -> SeatView {
        let now = self.now().saturating_sub(lag);
        let exercise = self.exercise_mut();
        SeatView {
            banner: ClassBanner {
                line: exercise.banner(now),
                message: exercise.message().map(|m| m.text.clone()),
                paused: exercise.paused(),
            },
            messages: exercise.message().map_or(0, |m| m.number),
            closed: exercise.closed(),
        }
    }

    /// Submits the case file of every student who is away and has not submitted, in their
    /// journal, as their own submit would have been recorded. The roster stays locked
    /// meanwhile, so nobody rejoins into a journal being written.
    fn submit_away(&self) {
        let mut roster = self.roster_mut();
        let away: Vec<String> = roster
            .students()
            .filter(|s| !s.connected && !s.progress.submitted)
            .map(|s| s.name.clone())
            .collect();
        for name in away {
            match self.submit_journal(&name) {
                Ok(standing) => {
                    self.log.write(&format!(
                        "submitted the case file of {name} (away): submissions closed"
                    ));
                    if let Some(student) = roster.get(&name) {
                        let mut progress = student.progress.clone();
                        progress.submitted = true;
                        progress.standing = standing;
                        roster.update(&name, progress);
                    }
                }
                Err(why) => self
                    .log
                    .write(&format!("could not submit the case file of {name}: {why}")),
            }
        }
    }

    /// Replays a student's journal, submits its case file and appends the submit.
    fn submit_journal(&self, name: &str) -> Result<Standing, String> {
        let (path, existing) = journal_path(&self.dir, name)?;
        if !existing {
            return Err("no journal".to_owned());
        }
        let journal = journal::read(&path).map_err(|e| format!("unreadable journal: {e}"))?;
        // A team's journal replays on its team's city.
        let world = self.world_for(journal.header.seed)?;
        let mut desk = Replay::headless(&world, &journal)
            .map_err(|e| format!("the journal does not replay: {e}"))?
            .desk;
        let writer = Writer::append(&journal).map_err(|e| format!("cannot append: {e}"))?;
        let mut recorder = Recorder::new(writer);
        submit_now(&world, &mut desk, &mut |action, changes, desk| {
            recorder.record(action, changes, desk)
        });
        match recorder.finish(&path) {
            Recording::Whole => {}
            Recording::Saved { why, saved } => self.log.write(&format!(
                "journal of {name} could not be kept in place ({why}); saved at {}",
                saved.display()
            )),
            Recording::Lost { why, .. } => return Err(format!("journal lost: {why}")),
        }
        Ok(standing(&world, &desk))
    }
}

/// How a desk's case file would be graded now (its grade, once submitted).
pub(crate) fn standing(world: &World, desk: &Desk) -> Standing {
    match desk.grade() {
        Some(grade) => Standing::of(grade),
        None => Standing::of(&grade(world, desk.case())),
    }
}

/// Takes an action the class (not the student's keys) gives a desk, and shows it to `record`
/// with the case changes it made, as the journal must see every action.
pub(crate) fn take_recorded(
    world: &World,
    desk: &mut Desk,
    action: Action,
    record: &mut dyn FnMut(&Action, &[CaseChange], &Desk),
) {
    let changes: Vec<CaseChange> = desk
        .update(world, action.clone())
        .into_iter()
        .filter_map(|effect| match effect {
            Effect::CaseChanged(change) => Some(change),
            _ => None,
        })
        .collect();
    record(&action, &changes, desk);
}

/// Submits a desk's case file through its normal actions: whatever dialog or text field is
/// open is cancelled first, then the submit is taken. `record` sees each action taken, as
/// the journal must.
pub(crate) fn submit_now(
    world: &World,
    desk: &mut Desk,
    record: &mut dyn FnMut(&Action, &[CaseChange], &Desk),
) {
    let mut take = |desk: &mut Desk, action: Action| take_recorded(world, desk, action, record);
    // A question, a dialog, a picker and a text field each close with one cancel.
    for _ in 0..4 {
        if !(desk.dialog_open() || desk.wants_text()) {
            break;
        }
        take(desk, Action::Cancel);
    }
    if !desk.submitted() {
        take(desk, Action::Submit);
    }
}

/// Starts the thread that moves the class on as phases run out, until the class stops.
pub fn start_timer(class: &Arc<Class>) -> io::Result<()> {
    let class = Arc::clone(class);
    std::thread::Builder::new()
        .name("class-timer".to_owned())
        .spawn(move || {
            while !class.stopping() {
                class.tick();
                class.release_due();
                std::thread::sleep(TICK);
            }
        })
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::builtin;

    #[test]
    fn a_forced_submit_closes_what_is_open_and_is_recorded() {
        let world = crate::open::open(Some(builtin::TUTORIAL), None)
            .unwrap()
            .world;
        let mut desk = Desk::new(&world);
        desk.update(&world, Action::StartNote);
        assert!(desk.wants_text());
        let mut taken = vec![];
        submit_now(&world, &mut desk, &mut |action, changes, _| {
            taken.push((action.clone(), changes.to_vec()))
        });
        assert!(desk.submitted());
        assert_eq!(taken[0].0, Action::Cancel);
        assert_eq!(taken[1], (Action::Submit, vec![CaseChange::Submitted]));
        let mut again = 0;
        submit_now(&world, &mut desk, &mut |_, _, _| again += 1);
        assert_eq!(again, 0, "a submitted case file is not submitted twice");
    }
}

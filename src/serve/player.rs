//! A student's seat: their console, run on a thread of its own over their SSH channel, and
//! their journal in the class folder, opened anew or resumed where they stopped.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture, Event};
use ratatui::crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Size;
use russh::ChannelId;
use russh::server::Handle;

use super::terminal::{ChannelBackend, ChannelWriter, SharedSize};
use super::{Class, control};
use crate::audit::{Action, CaseChange};
use crate::class::{Progress, Standing};
use crate::scenario::text::clean_line;
use crate::session::journal::{self, Writer};
use crate::session::recorded_scenario::scenario_hash;
use crate::session::replay::Replay;
use crate::session::{self, Recorder, Recording};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::{App, EventSource, drive};

/// Events waiting for a console: past this, a flood is dropped rather than queued.
const QUEUE: usize = 256;

/// What the connection keeps to reach the console it started.
pub struct Seat {
    pub events: SyncSender<Event>,
    pub size: SharedSize,
    /// Set when the connection ends: the console stops and its journal is closed.
    pub stop: Arc<AtomicBool>,
}

/// Everything a console needs from the connection that asked for it.
pub struct Join {
    pub name: String,
    /// Their team, in team play.
    pub team: Option<String>,
    /// The variant they play: their team's, or the class's.
    pub seed: u64,
    /// The client's TERM: a terminal that says it is dumb gets no colour.
    pub term: String,
    pub size: Size,
    pub handle: Handle,
    pub channel: ChannelId,
    pub runtime: tokio::runtime::Handle,
}

/// Starts a student's console on its own thread; the student is already on the roster.
pub fn spawn(class: Arc<Class>, join: Join) -> io::Result<Seat> {
    let (events, rx) = mpsc::sync_channel(QUEUE);
    let size = Arc::new(std::sync::Mutex::new(join.size));
    let stop = Arc::new(AtomicBool::new(false));
    let seat = Seat {
        events,
        size: Arc::clone(&size),
        stop: Arc::clone(&stop),
    };
    // Counted before the thread starts, so a stopping server waits for this journal.
    let counted = super::SeatCount::new(&class);
    std::thread::Builder::new()
        .name("class-seat".to_owned())
        .spawn(move || {
            let source = ChannelEvents {
                rx,
                stop,
                class: Arc::clone(&class),
                last_input: Instant::now(),
                closed: false,
            };
            play(&class, join, size, source);
            drop(counted);
        })?;
    Ok(seat)
}

/// The student's events, as the connection parsed them.
struct ChannelEvents {
    rx: Receiver<Event>,
    stop: Arc<AtomicBool>,
    class: Arc<Class>,
    last_input: Instant,
    closed: bool,
}

impl ChannelEvents {
    fn idle(&self) -> bool {
        self.last_input.elapsed() > self.class.limits.idle
    }
}

impl EventSource for ChannelEvents {
    fn next_event(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        match self.rx.recv_timeout(timeout) {
            Ok(event) => {
                self.last_input = Instant::now();
                Ok(Some(event))
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => {
                self.closed = true;
                Ok(None)
            }
        }
    }

    fn stop_requested(&self) -> bool {
        self.closed || self.stop.load(Ordering::Relaxed) || self.class.stopping() || self.idle()
    }
}

/// Runs the console to its end, then says goodbye and closes the channel.
fn play(class: &Arc<Class>, join: Join, size: SharedSize, mut source: ChannelEvents) {
    let writer = || {
        ChannelWriter::new(
            join.handle.clone(),
            join.channel,
            join.runtime.clone(),
            class.limits.output_timeout,
        )
    };
    let name = join.name.clone();
    if !class.world_ready(join.seed) {
        // The first of a team waits while the team's city is built: say so.
        let mut screen = writer();
        let _ = write!(
            screen,
            "Opening the city of team {}: it takes a moment...\r\n",
            join.team.as_deref().unwrap_or("-")
        );
        let _ = screen.flush();
    }
    let farewell = match Terminal::new(ChannelBackend::new(writer(), size)) {
        Ok(mut terminal) => match open_seat(class, &join) {
            Ok((mut app, recorder, path)) => {
                let seat = Console {
                    terminal: &mut terminal,
                    screen: writer(),
                    source: &mut source,
                    team: join.team.clone(),
                };
                let ended = run_console(class, seat, &mut app, recorder, &path);
                goodbye(class, &name, &app, &source, ended)
            }
            Err(why) => {
                class.log.write(&format!("refused {name}: {why}"));
                format!("{why}\r\n")
            }
        }
        .into(),
        Err(_) => None,
    };
    class.roster_mut().leave(&name);
    class.log.write(&format!("left {name}"));
    let handle = join.handle;
    let channel = join.channel;
    // Bounded: a client that reads nothing must not keep the seat (and a stopping class).
    let timeout = class.limits.output_timeout;
    join.runtime.block_on(async move {
        let close = async {
            if let Some(text) = farewell {
                let _ = handle.data(channel, text.into_bytes()).await;
            }
            let _ = handle.exit_status_request(channel, 0).await;
            let _ = handle.eof(channel).await;
            let _ = handle.close(channel).await;
        };
        let _ = tokio::time::timeout(timeout, close).await;
    });
}

/// A console's terminal, the writer for what is sent outside frames, its input, and the
/// student's team.
struct Console<'a> {
    terminal: &'a mut Terminal<ChannelBackend>,
    screen: ChannelWriter,
    source: &'a mut ChannelEvents,
    team: Option<String>,
}

/// Draws the console until the student quits or the connection ends; the journal takes
/// every action, and the roster hears how far the student has got.
fn run_console(
    class: &Arc<Class>,
    seat: Console,
    app: &mut App,
    mut recorder: Recorder,
    path: &Path,
) -> io::Result<()> {
    let Console {
        terminal,
        mut screen,
        source,
        team,
    } = seat;
    let entered = execute!(
        screen,
        EnterAlternateScreen,
        EnableMouseCapture,
        cursor::Hide
    );
    let name = app.player.clone();
    let mut seat = InClass {
        standing: control::standing(&app.world, &app.desk),
        last_active: None,
        messages_shown: 0,
        team,
    };
    let result = entered.and_then(|()| {
        drive(terminal, source, app, &mut |action, changes, app| {
            match action {
                Some(action) => {
                    recorder.record(action, changes, &app.desk);
                    seat.acted(class, action, changes, app);
                }
                None => recorder.sync_if_due(),
            }
            seat.follow(class, app, &mut recorder);
            if let Some(alarm) = recorder.alarm() {
                app.status = alarm;
            }
        })
    });
    let _ = execute!(
        screen,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = screen.flush();
    let recorded = match recorder.finish(path) {
        Recording::Whole => Ok(()),
        Recording::Saved { why, saved } => {
            class.log.write(&format!(
                "journal of {name} could not be kept in place ({why}); saved at {}",
                saved.display()
            ));
            Ok(())
        }
        Recording::Lost { why, .. } => Err(format!("journal of {name} lost: {why}")),
    };
    if let Err(lost) = recorded {
        class.log.write(&lost);
    }
    result
}

/// What the student reads as the connection closes.
fn goodbye(
    class: &Class,
    name: &str,
    app: &App,
    source: &ChannelEvents,
    ended: io::Result<()>,
) -> String {
    // A connection that went away fails the frame being sent: that is no fault to log.
    let gone = source.closed
        || source.stop.load(Ordering::Relaxed)
        || ended.as_ref().is_err_and(closed_connection);
    let why = if let (Err(e), false) = (&ended, gone) {
        class.log.write(&format!("console of {name} ended: {e}"));
        "The connection had a problem."
    } else if app.quit {
        "Goodbye."
    } else if class.stopping() {
        "The class has ended."
    } else if source.idle() {
        class.log.write(&format!("closed {name}: idle"));
        "Closed after a long time without a key pressed."
    } else {
        "Disconnected."
    };
    let next = if app.desk.submitted() {
        "Your case file is submitted and kept by your facilitator."
    } else {
        "Your game is saved: join again with the same name to go on where you stopped."
    };
    format!("{why} {next}\r\n")
}

/// Whether an error is the connection being closed, as itself or as the cause the
/// console's loop wrapped it around.
fn closed_connection(error: &io::Error) -> bool {
    let inner = error.get_ref().and_then(|e| e.downcast_ref::<io::Error>());
    [Some(error), inner]
        .into_iter()
        .flatten()
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// What a seat keeps of its student between actions, for the roster and the class.
struct InClass {
    /// How the case file would be graded: worked out only when it changes.
    standing: Standing,
    last_active: Option<Duration>,
    /// How many of the facilitator's messages this console has put on its status line.
    messages_shown: u32,
    /// The student's team, in team play: releases to it reach them.
    team: Option<String>,
}

impl InClass {
    /// The student acted: graded again if the case file changed (keys that move about cost
    /// nothing), and no longer idle.
    fn acted(&mut self, class: &Class, action: &Action, changes: &[CaseChange], app: &App) {
        if !changes.is_empty() {
            self.standing = control::standing(&app.world, &app.desk);
        }
        if !matches!(action, Action::Resize { .. }) {
            self.last_active = Some(class.now());
        }
    }

    /// Follows the class: its phase, timer and message on the console, a pause holding the
    /// clock, the case file submitted once submissions close; and tells the roster.
    fn follow(&mut self, class: &Class, app: &mut App, recorder: &mut Recorder) {
        let view = class.seat_view(timer_lag(&app.player));
        if view.messages > self.messages_shown {
            self.messages_shown = view.messages;
            if let Some(said) = &view.banner.message {
                app.status = format!("Facilitator: {said}");
            }
        }
        app.class = Some(view.banner);
        let released = class.released();
        let delivered = super::injects::deliver(
            &app.world,
            &released,
            (&app.player, self.team.as_deref()),
            &mut app.desk,
            &mut |action, changes, desk| recorder.record(action, changes, desk),
        );
        if delivered > 0 {
            // The desk says what came and where to read it.
            app.status.clear();
        }
        if view.closed && !app.desk.submitted() {
            control::submit_now(&app.world, &mut app.desk, &mut |action, changes, desk| {
                recorder.record(action, changes, desk)
            });
            self.standing = control::standing(&app.world, &app.desk);
            app.status = SUBMITTED.to_owned();
            class.log.write(&format!(
                "submitted the case file of {}: submissions closed",
                app.player
            ));
        }
        let progress = progress(app, &self.standing, self.last_active);
        class.roster_mut().update(&app.player, progress);
    }
}

/// How late a student's header reads the class timer: under a second, spread over the
/// class by name, so that the headers of a whole class do not tick over together.
fn timer_lag(name: &str) -> Duration {
    let hash = blake3::hash(name.as_bytes());
    let [a, b, ..] = *hash.as_bytes();
    Duration::from_millis(u64::from(u16::from_le_bytes([a, b])) % 1000)
}

/// What the student reads when their case file is submitted for them.
const SUBMITTED: &str =
    "Submissions are closed: your case file has been submitted. Here is your debrief.";

/// What the roster shows of a desk.
fn progress(app: &App, standing: &Standing, last_active: Option<Duration>) -> Progress {
    let case = app.desk.case();
    Progress {
        clock: app.desk.clock().to_string(),
        flags: case.flags.len(),
        notes: case.notes.len(),
        submitted: app.desk.submitted(),
        hints: case.hints.len(),
        standing: standing.clone(),
        last_active,
    }
}

/// The student's console and journal: a new journal, or the one they left, replayed.
fn open_seat(class: &Arc<Class>, join: &Join) -> Result<(App, Recorder, PathBuf), String> {
    let name = &join.name;
    let theme = if join.term.is_empty() || join.term == "dumb" {
        Theme::MONO
    } else {
        Theme::COLOUR
    };
    let world = class
        .world_for(join.seed)
        .map_err(|e| format!("the city of your team could not be built: {e}"))?;
    let mut app = App::new(Arc::clone(&world), Keymap::default(), theme, name.clone());
    app.report_path = class.dir.join(format!("{}-debrief.md", file_stem(name)));
    let (path, existing) = journal_path(&class.dir, name)?;
    let writer = if existing {
        let journal =
            journal::read(&path).map_err(|e| format!("your journal cannot be read: {e}"))?;
        if journal.header.scenario_hash != scenario_hash(&world.scenario)
            || journal.header.seed != world.seed
        {
            return Err(format!(
                "{} was recorded on another scenario or seed; join with another name",
                shown(&path)
            ));
        }
        let replay = Replay::headless(&world, &journal)
            .map_err(|e| format!("your journal does not replay: {e}"))?;
        let writer = Writer::append(&journal)
            .map_err(|e| format!("your journal cannot be continued: {e}"))?;
        app.desk = replay.desk;
        app.status = format!(
            "Welcome back, {name}: your game goes on where it stopped ({} actions).",
            journal.actions.len()
        );
        class
            .log
            .write(&format!("resumed {name} from {}", shown(&path)));
        writer
    } else {
        let header = session::new_header(&class.scenario, &world.scenario, world.seed, name);
        let writer = Writer::create(&path, &header)
            .map_err(|e| format!("no journal could be started: {e}"))?;
        class
            .log
            .write(&format!("journal for {name}: {}", shown(&path)));
        writer
    };
    let standing = control::standing(&app.world, &app.desk);
    class
        .roster_mut()
        .update(name, progress(&app, &standing, None));
    Ok((app, Recorder::new(writer), path))
}

fn shown(path: &Path) -> String {
    clean_line(&path.display().to_string())
}

/// A name as a file name: letters and digits kept, everything else `_`.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .take(session::MAX_PLAYER_NAME)
        .collect();
    if stem.is_empty() {
        "player".to_owned()
    } else {
        stem
    }
}

/// The journal for `name` in the class folder: the one recorded under this exact name if
/// there is one (`true`), else a free file name. Two names that make the same file name
/// (`Ana Li`, `Ana_Li`) get `Ana_Li.jsonl` and `Ana_Li-2.jsonl`.
pub(super) fn journal_path(dir: &Path, name: &str) -> Result<(PathBuf, bool), String> {
    let stem = file_stem(name);
    for n in 1..=1000 {
        let path = if n == 1 {
            dir.join(format!("{stem}.jsonl"))
        } else {
            dir.join(format!("{stem}-{n}.jsonl"))
        };
        if !path.exists() {
            return Ok((path, false));
        }
        match journal::read(&path) {
            Ok(journal) if journal.header.player == name => return Ok((path, true)),
            _ => continue,
        }
    }
    Err("too many journals share this name; join with another".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_student_reads_the_timer_a_little_late_and_not_all_alike() {
        let lags: Vec<Duration> = (0..60)
            .map(|i| timer_lag(&format!("student{i:02}")))
            .collect();
        assert!(lags.iter().all(|l| *l < Duration::from_secs(1)));
        assert_eq!(
            timer_lag("Ana"),
            timer_lag("Ana"),
            "the same for the same name"
        );
        // Spread over the second: no tenth of it holds more than a fifth of the class.
        for tenth in 0..10 {
            let within = lags.iter().filter(|l| l.as_millis() / 100 == tenth).count();
            assert!(
                within <= 12,
                "{within} students tick in tenth {tenth}: {lags:?}"
            );
        }
    }

    #[test]
    fn names_become_file_names_that_never_leave_the_folder() {
        assert_eq!(file_stem("Ana Li"), "Ana_Li");
        assert_eq!(file_stem("../../etc"), "______etc");
        assert_eq!(file_stem(""), "player");
        assert_eq!(file_stem("李华"), "李华");
    }
}

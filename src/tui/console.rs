//! The console loop over any terminal: a ratatui backend to draw to and a source of events
//! to read from, so the same console runs in the local terminal, in a test backend, or over
//! a network connection.

use std::io;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{Event, KeyEventKind};

use crate::audit::{Action, CaseChange};

use super::Welcome;
use super::app::App;
use super::keymap::{Keymap, Mode};
use super::views;
use crate::session::{MAX_PLAYER_NAME, player_name};

/// How long the loop waits for input before it checks whether to stop, and gives the
/// journal a chance to sync while the player is idle.
pub const POLL: Duration = Duration::from_millis(200);

/// Where a console's input comes from.
pub trait EventSource {
    /// The next event, waiting at most `timeout`; `None` when nothing came in time.
    fn next_event(&mut self, timeout: Duration) -> io::Result<Option<Event>>;

    /// Whether the console must stop now (a signal, a closed connection).
    fn stop_requested(&self) -> bool {
        false
    }
}

/// A backend's own error, as an I/O error, so every terminal reports alike.
fn backend_error<E: std::error::Error + Send + Sync + 'static>(error: E) -> io::Error {
    io::Error::other(error)
}

/// What runs after each action the desk takes (see [`drive`]).
pub type AfterAction<'a> = dyn FnMut(Option<&Action>, &[CaseChange], &mut App) + 'a;

/// Runs the console until the player quits or the source asks to stop. `after_action`
/// sees every action once the desk has taken it, with what it changed in the case file,
/// and `None` whenever a wait for input ends with nothing (the session journal uses both:
/// to record, and to sync on time); it may set the console's status line (recording
/// stopped, say).
///
/// A frame is drawn after each action, once `after_action` has run (so what it says, a
/// recording stopped, is on the very frame). A quiet moment draws only when it changed
/// what the screen shows ([`App::look`]): a class of sixty idle consoles costs next to
/// nothing.
pub fn drive<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn EventSource,
    app: &mut App,
    after_action: &mut AfterAction,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(backend_error)?;
    let resize = Action::Resize {
        width: size.width,
        height: size.height,
    };
    let changes = app.take(resize.clone());
    after_action(Some(&resize), &changes, app);
    let mut changed = true;
    loop {
        if changed {
            draw(terminal, app)?;
        }
        if app.quit || events.stop_requested() {
            return Ok(());
        }
        changed = match events.next_event(POLL)? {
            // The backend reports its own size, so the next draw follows a resize; the
            // desk hears of it to page its lists.
            Some(event) => {
                if let Some(action) = app.action_for(&event).filter(|a| !app.held(a)) {
                    let changes = app.take(action.clone());
                    after_action(Some(&action), &changes, app);
                }
                true
            }
            None => {
                let before = app.look();
                after_action(None, &[], app);
                app.look() != before
            }
        };
    }
}

fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &App) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    terminal
        .draw(|frame| app.draw(frame))
        .map(|_| ())
        .map_err(backend_error)
}

/// Takes `actions` before the first frame, each as the player's own would be taken: through
/// the desk, then `after_action`, so a journal records them and a replay or resume takes them
/// again. `play --from` starts the clock at a moment this way.
pub fn open_with(app: &mut App, actions: &[Action], after_action: &mut AfterAction) {
    for action in actions {
        let changes = app.take(action.clone());
        after_action(Some(action), &changes, app);
    }
}

/// Shows the welcome screen until the player picks, with the keymap's welcome keys. A
/// source that stops counts as quitting.
pub fn welcome<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn EventSource,
    main_title: &str,
    keymap: &Keymap,
) -> io::Result<Welcome>
where
    B::Error: Send + Sync + 'static,
{
    loop {
        terminal
            .draw(|frame| views::welcome_with(frame, main_title, keymap))
            .map_err(backend_error)?;
        if events.stop_requested() {
            return Ok(Welcome::Quit);
        }
        if let Some(Event::Key(key)) = events.next_event(POLL)?
            && key.kind != KeyEventKind::Release
            && let Some(choice) = keymap.welcome_choice(key)
        {
            return Ok(choice);
        }
    }
}

/// What the player answered when asked for a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameAnswer {
    /// The name given, cleaned and capped; empty when the player went on without one.
    Given(String),
    Quit,
}

/// Asks for the player's (or team's) name until Enter (the name), Esc (no name) or a quit.
/// A source that stops counts as quitting.
pub fn ask_name<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn EventSource,
    keymap: &Keymap,
) -> io::Result<NameAnswer>
where
    B::Error: Send + Sync + 'static,
{
    let mut typed = String::new();
    loop {
        terminal
            .draw(|frame| views::name_prompt(frame, &typed))
            .map_err(backend_error)?;
        if events.stop_requested() {
            return Ok(NameAnswer::Quit);
        }
        let Some(Event::Key(key)) = events.next_event(POLL)? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match keymap.resolve(key, Mode::Text) {
            Some(Action::Type(c)) if typed.chars().count() < MAX_PLAYER_NAME => typed.push(c),
            Some(Action::Erase) => {
                typed.pop();
            }
            Some(Action::Confirm) => return Ok(NameAnswer::Given(player_name(&typed))),
            Some(Action::Cancel) => return Ok(NameAnswer::Given(String::new())),
            Some(Action::Quit) => return Ok(NameAnswer::Quit),
            _ => {}
        }
    }
}

/// Shows the briefing while the world opens elsewhere, until `opened()` says it is ready
/// or the player quits (`None`; a source that stops counts as quitting). The keys pressed
/// meanwhile are kept, as actions, for the console to take first: a player who presses `n`
/// while the city opens gets the next change, not nothing.
pub fn wait_opening<B: Backend>(
    terminal: &mut Terminal<B>,
    events: &mut dyn EventSource,
    (title, briefing): (&str, &str),
    keymap: &Keymap,
    opened: &dyn Fn() -> bool,
) -> io::Result<Option<Vec<Action>>>
where
    B::Error: Send + Sync + 'static,
{
    let mut typed = Vec::new();
    loop {
        terminal
            .draw(|frame| views::opening(frame, title, briefing))
            .map_err(backend_error)?;
        if opened() {
            return Ok(Some(typed));
        }
        if events.stop_requested() {
            return Ok(None);
        }
        let Some(Event::Key(key)) = events.next_event(OPENING_POLL)? else {
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        match keymap.resolve(key, Mode::Normal) {
            Some(Action::Quit) => return Ok(None),
            Some(action) if typed.len() < MAX_TYPED_AHEAD => typed.push(action),
            _ => {}
        }
    }
}

/// Keys kept while the city opens: more is a key held down, not a player's intent.
const MAX_TYPED_AHEAD: usize = 32;

/// How often the opening screen looks whether the world is ready.
const OPENING_POLL: Duration = Duration::from_millis(50);

/// Events given in advance, then a stop: a console driven without a terminal, as tests
/// and demonstrations drive it.
pub struct ScriptedEvents(pub std::collections::VecDeque<Event>);

impl EventSource for ScriptedEvents {
    fn next_event(&mut self, _: Duration) -> io::Result<Option<Event>> {
        Ok(self.0.pop_front())
    }

    fn stop_requested(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::VecDeque;

    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::audit::Screen;
    use crate::tui::theme::Theme;

    fn key(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn the_briefing_shows_while_the_world_opens_and_a_quit_leaves() {
        use std::cell::Cell;
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let keymap = Keymap::default();
        let text = ("A city", "You are an auditor.");
        // Ready after three looks: the screen was drawn meanwhile, with the briefing.
        let looks = Cell::new(0);
        let ready = || {
            looks.set(looks.get() + 1);
            looks.get() > 3
        };
        let mut idle = ScriptedEvents(VecDeque::from([key('x'), key('y'), key('z'), key('w')]));
        let typed = wait_opening(&mut terminal, &mut idle, text, &keymap, &ready).unwrap();
        // The keys pressed meanwhile are kept for the console, in order.
        let expected: Vec<Action> = ['x', 'y', 'z']
            .into_iter()
            .filter_map(|c| {
                keymap.resolve(
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                    Mode::Normal,
                )
            })
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(
            typed.as_deref().map(|t| &t[..expected.len()]),
            Some(&expected[..])
        );
        let screen = format!("{:?}", terminal.backend());
        assert!(screen.contains("You are an auditor."), "{screen}");
        assert!(screen.contains("Opening the city"), "{screen}");
        // Never ready, and the player quits: no world is waited for.
        let mut quitting = ScriptedEvents(VecDeque::from([key('q'), key('x')]));
        assert_eq!(
            wait_opening(&mut terminal, &mut quitting, text, &keymap, &|| false).unwrap(),
            None
        );
    }

    #[test]
    fn the_console_runs_on_a_test_backend_from_scripted_events() {
        let world = crate::open::open(Some("tutorial"), None).unwrap().world;
        let mut app = App::new(world, Keymap::default(), Theme::MONO, "t".into());
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut events = ScriptedEvents(VecDeque::from([key('3'), key('q')]));
        let mut seen = Vec::new();
        drive(&mut terminal, &mut events, &mut app, &mut |action, _, _| {
            seen.extend(action.cloned())
        })
        .unwrap();
        assert_eq!(app.desk.screen(), Screen::People);
        assert!(app.quit, "q quits");
        assert_eq!(
            seen,
            vec![
                Action::Resize {
                    width: 80,
                    height: 24
                },
                Action::Show(Screen::People),
                Action::Quit
            ]
        );
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(screen.contains("People"), "the last frame was drawn");
    }

    #[test]
    fn each_action_comes_with_what_it_changed_in_the_case_file() {
        let world = crate::open::open(Some("tutorial"), None).unwrap().world;
        let mut app = App::new(world, Keymap::default(), Theme::MONO, "t".into());
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        // S asks first; Enter answers yes.
        let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
        let mut events = ScriptedEvents(VecDeque::from([key('9'), key('S'), enter, key('q')]));
        let mut seen = Vec::new();
        drive(
            &mut terminal,
            &mut events,
            &mut app,
            &mut |action, changes, _| {
                if let Some(action) = action {
                    seen.push((action.clone(), changes.to_vec()));
                }
            },
        )
        .unwrap();
        assert!(
            seen.iter()
                .any(|(a, c)| *a == Action::RequestSubmit && c.is_empty())
        );
        let submit = seen.iter().find(|(a, _)| *a == Action::Confirm);
        assert_eq!(
            submit.map(|(_, c)| c.clone()),
            Some(vec![CaseChange::Submitted])
        );
        assert!(
            seen.iter()
                .filter(|(a, _)| *a != Action::Confirm)
                .all(|(_, c)| c.is_empty()),
            "{seen:?}"
        );
    }

    #[test]
    fn the_welcome_answers_to_its_keys_and_a_stop_is_a_quit() {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let keymap = Keymap::default();
        let mut events = ScriptedEvents(VecDeque::from([key('x'), key('t')]));
        let choice = welcome(&mut terminal, &mut events, "Town", &keymap).unwrap();
        assert_eq!(choice, Welcome::Tutorial);
        let mut none = ScriptedEvents(VecDeque::new());
        let choice = welcome(&mut terminal, &mut none, "Town", &keymap).unwrap();
        assert_eq!(choice, Welcome::Quit);
    }

    /// Input with its quiet moments: `None` is a wait that ended with nothing.
    struct Moments(VecDeque<Option<Event>>);

    impl EventSource for Moments {
        fn next_event(&mut self, _: Duration) -> io::Result<Option<Event>> {
            Ok(self.0.pop_front().flatten())
        }

        fn stop_requested(&self) -> bool {
            self.0.is_empty()
        }
    }

    #[test]
    fn a_quiet_moment_draws_only_when_it_changed_the_screen() {
        let world = crate::open::open(Some("tutorial"), None).unwrap().world;
        let mut app = App::new(world, Keymap::default(), Theme::MONO, "t".into());
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut events = Moments(VecDeque::from([None, Some(key('3')), None, None]));
        let mut quiet = 0;
        drive(
            &mut terminal,
            &mut events,
            &mut app,
            &mut |action, _, app| {
                if action.is_none() {
                    quiet += 1;
                    if quiet == 3 {
                        app.status = "The facilitator says hello".to_owned();
                    }
                }
            },
        )
        .unwrap();
        assert_eq!(quiet, 3);
        // The first frame, the key, the third quiet moment (the status line); the other
        // quiet moments changed nothing and drew nothing.
        assert_eq!(terminal.get_frame().count(), 3);
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(screen.contains("The facilitator says hello"), "{screen}");
        assert!(screen.contains("People"), "{screen}");
    }

    #[test]
    fn what_after_action_says_is_on_the_frame_of_the_action_itself() {
        let world = crate::open::open(Some("tutorial"), None).unwrap().world;
        let mut app = App::new(world, Keymap::default(), Theme::MONO, "t".into());
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let mut events = Moments(VecDeque::from([Some(key('2')), Some(key('3')), None]));
        drive(
            &mut terminal,
            &mut events,
            &mut app,
            &mut |action, _, app| {
                if action == Some(&Action::Show(Screen::People)) {
                    app.status = "journal stopped".to_owned();
                }
            },
        )
        .unwrap();
        // The first frame, then one for each key: `3`'s frame holds the status line.
        assert_eq!(terminal.get_frame().count(), 3);
        let screen = format!("{:?}", terminal.backend().buffer());
        assert!(screen.contains("journal stopped"), "{screen}");
    }
}

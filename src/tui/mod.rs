//! The terminal console: the event loop, the keymap, the theme and the views.
//!
//! Keys become Actions through the keymap; Actions go to the desk; views draw the desk.

pub mod app;
pub mod error;
pub mod keymap;
pub mod replay;
pub mod terminal;
pub mod theme;
pub mod tips;
pub mod views;

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};

use crate::audit::Action;

pub use app::App;
pub use error::ConsoleError;

/// How long the loop waits for input before checking for a stop signal.
const POLL: Duration = Duration::from_millis(200);

/// Runs the console until the player quits or a signal asks it to stop. `after_action`
/// sees every action once the desk has taken it, and `None` whenever a wait for input
/// ends with nothing (the session journal uses both: to record, and to sync on time).
/// The terminal is restored however the loop ends.
pub fn run(
    app: &mut App,
    mut after_action: impl FnMut(Option<&Action>, &mut App),
) -> io::Result<()> {
    let stop = terminal::StopSignal::register()?;
    let mut terminal = terminal::enter()?;
    let result = (|| -> io::Result<()> {
        let size = terminal.size()?;
        let resize = Action::Resize {
            width: size.width,
            height: size.height,
        };
        app.dispatch(resize.clone());
        after_action(Some(&resize), app);
        loop {
            terminal.draw(|frame| app.draw(frame))?;
            if app.desk.quit || stop.raised() {
                return Ok(());
            }
            if event::poll(POLL)? {
                let event = event::read()?;
                if let Some(action) = action_for(app, &event) {
                    app.dispatch(action.clone());
                    after_action(Some(&action), app);
                }
            } else {
                after_action(None, app);
            }
        }
    })();
    terminal::leave();
    result
}

/// The action a terminal event asks for. Ctrl+C always quits, whatever a keymap says: a
/// keymap file can rebind every other key, but never take away the way out.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    if let Event::Key(key) = event
        && key.kind != KeyEventKind::Release
        && key.code == KeyCode::Char('c')
        && key.modifiers.contains(event::KeyModifiers::CONTROL)
    {
        return Some(Action::Quit);
    }
    app.action_for(event)
}

/// What a first-time player chose on the welcome screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Welcome {
    Tutorial,
    Main,
    Quit,
}

/// Offers the tutorial to a first-time player.
pub fn welcome(main_title: &str) -> io::Result<Welcome> {
    let stop = terminal::StopSignal::register()?;
    let mut terminal = terminal::enter()?;
    let result = (|| -> io::Result<Welcome> {
        loop {
            terminal.draw(|frame| views::welcome(frame, main_title))?;
            if stop.raised() {
                return Ok(Welcome::Quit);
            }
            if event::poll(POLL)?
                && let Event::Key(key) = event::read()?
                && key.kind != KeyEventKind::Release
            {
                match key.code {
                    KeyCode::Char('t') => return Ok(Welcome::Tutorial),
                    KeyCode::Enter => return Ok(Welcome::Main),
                    KeyCode::Char('q') | KeyCode::Esc => return Ok(Welcome::Quit),
                    KeyCode::Char('c') if key.modifiers.contains(event::KeyModifiers::CONTROL) => {
                        return Ok(Welcome::Quit);
                    }
                    _ => {}
                }
            }
        }
    })();
    terminal::leave();
    result
}

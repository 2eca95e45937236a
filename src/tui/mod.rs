//! The terminal console: the event loop, the keymap, the theme and the views.
//!
//! Keys become Actions through the keymap; Actions go to the desk; views draw the desk.

pub mod app;
pub mod command;
pub mod error;
pub mod keyfile;
pub mod keymap;
pub mod replay_viewer;
pub mod terminal;
pub mod texts;
pub mod theme;
pub mod tips;
pub mod views;

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use serde::{Deserialize, Serialize};

use crate::audit::Action;

pub use app::App;
pub use error::ConsoleError;
use keymap::Keymap;

/// How long the loop waits for input before checking for a stop signal.
const POLL: Duration = Duration::from_millis(200);

/// Runs the console until the player quits or a signal asks it to stop. `after_action`
/// sees every action once the desk has taken it, and `None` whenever a wait for input
/// ends with nothing (the session journal uses both: to record, and to sync on time).
/// The terminal is restored however the loop ends.
pub fn run(app: &mut App, mut after_action: impl FnMut(Option<&Action>, &App)) -> io::Result<()> {
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
            if app.quit || stop.raised() {
                return Ok(());
            }
            if event::poll(POLL)? {
                let event = event::read()?;
                if let Some(action) = app.action_for(&event) {
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

/// What a first-time player chose on the welcome screen (the keymap's `welcome` section).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Welcome {
    Tutorial,
    Main,
    Quit,
}

/// Offers the tutorial to a first-time player, with the keymap's welcome keys.
pub fn welcome(main_title: &str, keymap: &Keymap) -> io::Result<Welcome> {
    let stop = terminal::StopSignal::register()?;
    let mut terminal = terminal::enter()?;
    let result = (|| -> io::Result<Welcome> {
        loop {
            terminal.draw(|frame| views::welcome_with(frame, main_title, keymap))?;
            if stop.raised() {
                return Ok(Welcome::Quit);
            }
            if event::poll(POLL)?
                && let Event::Key(key) = event::read()?
                && key.kind != KeyEventKind::Release
                && let Some(choice) = keymap.welcome_choice(key)
            {
                return Ok(choice);
            }
        }
    })();
    terminal::leave();
    result
}

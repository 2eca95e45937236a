//! The terminal console: the event loop, the keymap, the theme and the views.
//!
//! Keys become Actions through the keymap; Actions go to the desk; views draw the desk.

pub mod app;
pub mod banner;
pub mod cast;
pub mod command;
pub mod console;
pub mod error;
pub mod facilitator;
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

use ratatui::crossterm::event::{self, Event};
use serde::{Deserialize, Serialize};

use crate::audit::{Action, CaseChange};

pub use app::App;
pub use console::{EventSource, drive, open_with};
pub use error::ConsoleError;
use keymap::Keymap;

/// The process's own terminal as a source of events: crossterm's reader, stopped by
/// SIGTERM, SIGHUP or SIGINT.
struct LocalEvents {
    stop: terminal::StopSignal,
}

impl EventSource for LocalEvents {
    fn next_event(&mut self, timeout: Duration) -> io::Result<Option<Event>> {
        if event::poll(timeout)? {
            event::read().map(Some)
        } else {
            Ok(None)
        }
    }

    fn stop_requested(&self) -> bool {
        self.stop.raised()
    }
}

/// Runs the console in the local terminal until the player quits or a signal asks it to
/// stop (see [`drive`]). Only this path touches the process's own terminal and signals,
/// and the terminal is restored however the loop ends.
pub fn run(
    app: &mut App,
    after_action: impl FnMut(Option<&Action>, &[CaseChange], &mut App),
) -> io::Result<()> {
    run_from(app, &[], after_action)
}

/// Runs the console as [`run`] does, having first taken `opening` (see [`open_with`]).
pub fn run_from(
    app: &mut App,
    opening: &[Action],
    mut after_action: impl FnMut(Option<&Action>, &[CaseChange], &mut App),
) -> io::Result<()> {
    let mut events = LocalEvents {
        stop: terminal::StopSignal::register()?,
    };
    let mut terminal = terminal::enter()?;
    open_with(app, opening, &mut after_action);
    let result = drive(&mut terminal, &mut events, app, &mut after_action);
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

/// Asks the player's (or team's) name in the local terminal.
pub fn ask_name(keymap: &Keymap) -> io::Result<console::NameAnswer> {
    let mut events = LocalEvents {
        stop: terminal::StopSignal::register()?,
    };
    let mut terminal = terminal::enter()?;
    let result = console::ask_name(&mut terminal, &mut events, keymap);
    terminal::leave();
    result
}

/// Shows the briefing in the local terminal until `opened()` says the world is ready (the
/// actions of the keys pressed meanwhile) or the player quits (`None`).
pub fn wait_opening(
    title: &str,
    briefing: &str,
    keymap: &Keymap,
    opened: &dyn Fn() -> bool,
) -> io::Result<Option<Vec<Action>>> {
    let mut events = LocalEvents {
        stop: terminal::StopSignal::register()?,
    };
    let mut terminal = terminal::enter()?;
    let result = console::wait_opening(
        &mut terminal,
        &mut events,
        (title, briefing),
        keymap,
        opened,
    );
    terminal::leave();
    result
}

/// Offers the tutorial to a first-time player in the local terminal, with the keymap's
/// welcome keys.
pub fn welcome(main_title: &str, keymap: &Keymap) -> io::Result<Welcome> {
    let mut events = LocalEvents {
        stop: terminal::StopSignal::register()?,
    };
    let mut terminal = terminal::enter()?;
    let result = console::welcome(&mut terminal, &mut events, main_title, keymap);
    terminal::leave();
    result
}

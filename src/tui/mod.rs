//! The terminal console: the event loop, the keymap, the theme and the views.
//!
//! Keys become Actions through the keymap; Actions go to the desk; views draw the desk.

pub mod app;
pub mod keymap;
pub mod replay;
pub mod terminal;
pub mod theme;
pub mod views;

use std::io;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::audit::Action;

pub use app::App;

/// How long the loop waits for input before checking for a stop signal.
const POLL: Duration = Duration::from_millis(200);

/// Runs the console until the player quits or a signal asks it to stop. `after_action`
/// sees every action once the desk has taken it (the session journal uses it). The
/// terminal is restored however the loop ends.
pub fn run(app: &mut App, mut after_action: impl FnMut(&Action, &App)) -> io::Result<()> {
    let stop = terminal::StopSignal::register()?;
    let mut terminal = terminal::enter()?;
    let result = (|| -> io::Result<()> {
        let size = terminal.size()?;
        let resize = Action::Resize {
            width: size.width,
            height: size.height,
        };
        app.dispatch(resize.clone());
        after_action(&resize, app);
        loop {
            terminal.draw(|frame| app.draw(frame))?;
            if app.desk.quit || stop.raised() {
                return Ok(());
            }
            if event::poll(POLL)? {
                let event = event::read()?;
                if let Some(action) = app.action_for(&event) {
                    app.dispatch(action.clone());
                    after_action(&action, app);
                }
            }
        }
    })();
    terminal::leave();
    result
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
            terminal.draw(|frame| {
                let area = frame.area();
                let box_area = views_centered(area, 64, 12);
                frame.render_widget(Clear, box_area);
                let lines = vec![
                    Line::from("Welcome to redcode."),
                    Line::from(""),
                    Line::from(
                        "You audit a city's health-code system: who turned whom red, and why.",
                    ),
                    Line::from(""),
                    Line::from("  t   the tutorial: ten minutes in a small town"),
                    Line::from(format!("  ⏎   {main_title}")),
                    Line::from("  q   quit"),
                ];
                frame.render_widget(
                    Paragraph::new(lines)
                        .wrap(Wrap { trim: true })
                        .block(Block::default().borders(Borders::ALL).title(" redcode ")),
                    box_area,
                );
            })?;
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

fn views_centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

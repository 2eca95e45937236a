//! Exporting a session as an asciicast v2 file: the console as the player saw it, drawn
//! headlessly after each action at the size the player's terminal had, with resize events
//! when it changed and markers at flags, notes and the submit.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use crate::audit::Action;
use crate::engine::World;
use crate::session::journal::Journal;
use crate::session::replay::Replay;

use super::App;
use super::keymap::Keymap;
use super::theme::Theme;

/// Terminal size used when the session never recorded one.
pub const DEFAULT_SIZE: (u16, u16) = (100, 30);
/// Bounds on any size drawn: a journal is outside input, and a frame is allocated per cell.
const MIN_SIZE: (u16, u16) = (10, 5);
const MAX_SIZE: (u16, u16) = (1000, 400);

/// A recorded size within the bounds a cast draws at.
fn bounded(width: u16, height: u16) -> (u16, u16) {
    (
        width.clamp(MIN_SIZE.0, MAX_SIZE.0),
        height.clamp(MIN_SIZE.1, MAX_SIZE.1),
    )
}

/// The size the session started at: the first resize recorded (the console records its
/// terminal's size before anything else), within bounds.
pub fn starting_size(journal: &Journal) -> (u16, u16) {
    journal
        .actions
        .iter()
        .find_map(|(_, a)| match a {
            Action::Resize { width, height } => Some(bounded(*width, *height)),
            _ => None,
        })
        .unwrap_or(DEFAULT_SIZE)
}

/// Why a cast could not be made.
#[derive(Debug)]
pub enum CastError {
    /// The session could not be replayed or drawn.
    Session(String),
    /// Writing the cast failed.
    Write(io::Error),
}

impl std::fmt::Display for CastError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CastError::Session(message) => f.write_str(message),
            CastError::Write(e) => write!(f, "cannot write the cast: {e}"),
        }
    }
}

impl From<io::Error> for CastError {
    fn from(e: io::Error) -> CastError {
        CastError::Write(e)
    }
}

/// Renders the whole session to asciicast v2 text.
pub fn render(world: World, journal: &Journal) -> Result<String, CastError> {
    let mut out = Vec::new();
    write(world, journal, &mut out)?;
    String::from_utf8(out).map_err(|e| CastError::Session(e.to_string()))
}

/// Writes the whole session as asciicast v2, one event a line, to `out`.
pub fn write(world: World, journal: &Journal, out: &mut impl Write) -> Result<(), CastError> {
    let replay =
        Replay::headless(&world, journal).map_err(|d| CastError::Session(d.to_string()))?;
    let (width, height) = starting_size(journal);
    let timestamp = journal
        .header
        .started
        .parse::<jiff::Timestamp>()
        .map(|t| t.as_second())
        .ok();
    let header = serde_json::json!({
        "version": 2,
        "width": width,
        "height": height,
        "timestamp": timestamp,
        "title": format!("redcode — {} — {}", journal.header.scenario_id, journal.header.player),
        "env": { "TERM": "xterm-256color" },
    });
    writeln!(out, "{header}")?;
    let app = App::new(
        world,
        Keymap::default(),
        Theme::COLOUR,
        journal.header.player.clone(),
    );
    let mut screen = Screen::new(app, (width, height))?;
    screen.frame(0, out)?;
    let mut markers = replay.markers.iter().peekable();
    for (i, (t, action)) in replay.actions.iter().enumerate() {
        if let Action::Resize { width, height } = *action {
            screen.resize(bounded(width, height), *t, out)?;
        }
        // The desk alone: exporting a cast must not write the player's report files.
        screen.app.desk.update(&screen.app.world, action.clone());
        screen.frame(*t, out)?;
        while let Some(m) = markers.next_if(|m| m.position <= i + 1) {
            writeln!(out, "{}", serde_json::json!([seconds(*t), "m", m.label]))?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The console drawn headlessly, and the last frame sent, so each event carries only
/// the cells that changed.
struct Screen {
    app: App,
    terminal: Terminal<TestBackend>,
    previous: Buffer,
    /// Whether the next frame must clear the screen first (at the start and after a resize).
    clear: bool,
}

impl Screen {
    fn new(app: App, (width, height): (u16, u16)) -> Result<Screen, CastError> {
        let terminal = Terminal::new(TestBackend::new(width, height))
            .map_err(|e| CastError::Session(e.to_string()))?;
        Ok(Screen {
            app,
            terminal,
            previous: Buffer::empty(Rect::new(0, 0, width, height)),
            clear: true,
        })
    }

    /// Follows the player's terminal to a new size: an `r` event, then a full redraw.
    fn resize(
        &mut self,
        (width, height): (u16, u16),
        t: u64,
        out: &mut impl Write,
    ) -> Result<(), CastError> {
        let area = Rect::new(0, 0, width, height);
        if area == self.previous.area {
            return Ok(());
        }
        self.terminal.backend_mut().resize(width, height);
        self.terminal
            .resize(area)
            .map_err(|e| CastError::Session(e.to_string()))?;
        self.previous = Buffer::empty(area);
        self.clear = true;
        let size = format!("{width}x{height}");
        writeln!(out, "{}", serde_json::json!([seconds(t), "r", size]))?;
        Ok(())
    }

    /// Draws the console and writes what changed as an `o` event.
    fn frame(&mut self, t: u64, out: &mut impl Write) -> Result<(), CastError> {
        let app = &self.app;
        self.terminal
            .draw(|f| app.draw(f))
            .map_err(|e| CastError::Session(e.to_string()))?;
        let current = self.terminal.backend().buffer().clone();
        let mut data = String::new();
        if std::mem::take(&mut self.clear) {
            data.push_str("\u{1b}[2J");
        }
        data.push_str(&ansi_diff(&self.previous, &current));
        self.previous = current;
        writeln!(out, "{}", serde_json::json!([seconds(t), "o", data]))?;
        Ok(())
    }
}

fn seconds(ms: u64) -> f64 {
    ms as f64 / 1000.0
}

/// Escape sequences that turn `before` into `after` on a terminal.
fn ansi_diff(before: &Buffer, after: &Buffer) -> String {
    let mut out = String::new();
    let mut last: Option<(u16, u16)> = None;
    let mut style: Option<(Color, Color, Modifier)> = None;
    for (x, y, cell) in before.diff(after) {
        if last != Some((x, y)) {
            let _ = write!(out, "\u{1b}[{};{}H", y + 1, x + 1);
        }
        let wanted = (cell.fg, cell.bg, cell.modifier);
        if style != Some(wanted) {
            out.push_str(&sgr(cell));
            style = Some(wanted);
        }
        out.push_str(cell.symbol());
        let width = unicode_width(cell.symbol());
        last = Some((x + width, y));
    }
    if !out.is_empty() {
        out.push_str("\u{1b}[0m");
    }
    out
}

fn unicode_width(symbol: &str) -> u16 {
    // Wide characters take two cells; ratatui leaves the second one out of the diff.
    (unicode_width::UnicodeWidthStr::width(symbol) as u16).max(1)
}

fn sgr(cell: &Cell) -> String {
    let mut codes = vec!["0".to_owned()];
    for (m, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if cell.modifier.contains(m) {
            codes.push(code.to_owned());
        }
    }
    if let Some(c) = colour_code(cell.fg, false) {
        codes.push(c);
    }
    if let Some(c) = colour_code(cell.bg, true) {
        codes.push(c);
    }
    format!("\u{1b}[{}m", codes.join(";"))
}

fn colour_code(colour: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let bright = if background { 100 } else { 90 };
    Some(match colour {
        Color::Reset => return None,
        Color::Black => base.to_string(),
        Color::Red => (base + 1).to_string(),
        Color::Green => (base + 2).to_string(),
        Color::Yellow => (base + 3).to_string(),
        Color::Blue => (base + 4).to_string(),
        Color::Magenta => (base + 5).to_string(),
        Color::Cyan => (base + 6).to_string(),
        Color::Gray => (base + 7).to_string(),
        Color::DarkGray => bright.to_string(),
        Color::LightRed => (bright + 1).to_string(),
        Color::LightGreen => (bright + 2).to_string(),
        Color::LightYellow => (bright + 3).to_string(),
        Color::LightBlue => (bright + 4).to_string(),
        Color::LightMagenta => (bright + 5).to_string(),
        Color::LightCyan => (bright + 6).to_string(),
        Color::White => (bright + 7).to_string(),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    })
}

//! Exporting a session as an asciicast v2 file: the console as the player saw it, drawn
//! headlessly after each action, with markers at flags, notes and the submit.

use std::fmt::Write;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};

use crate::audit::Action;
use crate::engine::World;
use crate::tui::App;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

use super::journal::Journal;
use super::replay::Replay;

/// Terminal size used when the session never recorded one, and the bounds on any size.
pub const DEFAULT_SIZE: (u16, u16) = (100, 30);
const MIN_SIZE: (u16, u16) = (80, 24);
const MAX_SIZE: (u16, u16) = (240, 80);

/// The size the session was played at: the last resize recorded, within bounds.
pub fn session_size(journal: &Journal) -> (u16, u16) {
    let (w, h) = journal
        .actions
        .iter()
        .rev()
        .find_map(|(_, a)| match a {
            Action::Resize { width, height } => Some((*width, *height)),
            _ => None,
        })
        .unwrap_or(DEFAULT_SIZE);
    (
        w.clamp(MIN_SIZE.0, MAX_SIZE.0),
        h.clamp(MIN_SIZE.1, MAX_SIZE.1),
    )
}

/// Why a cast could not be made.
#[derive(Debug)]
pub struct CastError(pub String);

impl std::fmt::Display for CastError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Renders the whole session to asciicast v2 text.
pub fn render(world: World, journal: &Journal) -> Result<String, CastError> {
    let (width, height) = session_size(journal);
    let replay_markers = {
        let replay = Replay::headless(&world, journal).map_err(|d| CastError(d.to_string()))?;
        replay.markers.clone()
    };
    let actions: Vec<(u64, Action)> = journal
        .actions
        .iter()
        .filter(|(_, a)| *a != Action::Quit)
        .cloned()
        .collect();
    let mut app = App::new(
        world,
        Keymap::default(),
        Theme::COLOUR,
        journal.header.player.clone(),
    );
    let mut terminal =
        Terminal::new(TestBackend::new(width, height)).map_err(|e| CastError(e.to_string()))?;
    let mut out = String::new();
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
    let _ = writeln!(out, "{header}");
    let mut previous = Buffer::empty(ratatui::layout::Rect::new(0, 0, width, height));
    let mut frame = |app: &App, t: u64, first: bool, out: &mut String| -> Result<(), CastError> {
        terminal
            .draw(|f| app.draw(f))
            .map_err(|e| CastError(e.to_string()))?;
        let current = terminal.backend().buffer().clone();
        let mut data = String::new();
        if first {
            data.push_str("\u{1b}[2J");
        }
        data.push_str(&ansi_diff(&previous, &current));
        previous = current;
        let event = serde_json::json!([seconds(t), "o", data]);
        let _ = writeln!(out, "{event}");
        Ok(())
    };
    frame(&app, 0, true, &mut out)?;
    let mut markers = replay_markers.iter().peekable();
    for (i, (t, action)) in actions.into_iter().enumerate() {
        // The desk alone: exporting a cast must not write the player's report files.
        if let Action::Resize { .. } = action {
            continue;
        }
        app.desk.update(&app.world, action);
        frame(&app, t, false, &mut out)?;
        while let Some(m) = markers.peek() {
            if m.position > i + 1 {
                break;
            }
            let event = serde_json::json!([seconds(t), "m", m.label]);
            let _ = writeln!(out, "{event}");
            markers.next();
        }
    }
    Ok(out)
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

//! The replay viewer: a recorded session drawn as the player saw it, with playback
//! controls and a progress bar in place of the footer.

use std::io;
use std::time::{Duration, Instant};

use ratatui::Frame;
use ratatui::crossterm::event::{self, Event, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Gauge, Paragraph};

use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use crate::audit::Action;
use crate::engine::World;
use crate::session::journal::Journal;
use crate::session::replay::Replay;

use super::app::App;
use super::error::ConsoleError;
use super::keymap::{Keymap, Mode};
use super::terminal;
use super::theme::Theme;

/// What the viewer's keys do (the keymap's `replay` section).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Control {
    PlayPause,
    Step,
    StepBack,
    PrevMarker,
    NextMarker,
    Faster,
    Slower,
    Seek,
    Quit,
}

/// Playback state around a replay.
pub struct Viewer {
    pub app: App,
    pub replay: Replay,
    pub playing: bool,
    pub speed: f64,
    /// Session time shown, in milliseconds.
    pub clock_ms: u64,
    /// Text typed after `g`: an action number or a time (mm:ss or h:mm:ss).
    pub seek_input: Option<String>,
    pub quit: bool,
}

impl Viewer {
    pub fn new(world: World, journal: &Journal, theme: Theme) -> Result<Viewer, ConsoleError> {
        Viewer::with_keymap(world, journal, theme, Keymap::default())
    }

    /// A viewer whose keys come from `keymap` (its `replay` section, and its text keys
    /// for the seek field).
    pub fn with_keymap(
        world: World,
        journal: &Journal,
        theme: Theme,
        keymap: Keymap,
    ) -> Result<Viewer, ConsoleError> {
        let mut replay = Replay::new(&world, journal)?;
        replay.seek(&world, 0);
        let mut app = App::new(world, keymap, theme, journal.header.player.clone());
        app.desk = replay.desk.clone();
        Ok(Viewer {
            app,
            replay,
            playing: true,
            speed: 1.0,
            clock_ms: 0,
            seek_input: None,
            quit: false,
        })
    }

    /// Moves to the state after `position` actions.
    pub fn seek(&mut self, position: usize) {
        self.replay.seek(&self.app.world, position);
        self.app.desk = self.replay.desk.clone();
        self.clock_ms = self.replay.time_at(self.replay.position);
    }

    /// Advances playback by `elapsed` of real time.
    pub fn advance(&mut self, elapsed: Duration) {
        if !self.playing {
            return;
        }
        self.clock_ms += (elapsed.as_millis() as f64 * self.speed) as u64;
        let target = self.replay.position_at_time(self.clock_ms);
        if target > self.replay.position {
            self.seek(target);
            self.clock_ms = self.clock_ms.max(self.replay.time_at(target));
        }
        if self.replay.position >= self.replay.len() {
            self.playing = false;
        }
    }

    pub fn control(&mut self, control: Control) {
        match control {
            Control::PlayPause => self.playing = !self.playing,
            Control::Step => {
                self.playing = false;
                self.seek(self.replay.position + 1);
            }
            Control::StepBack => {
                self.playing = false;
                self.seek(self.replay.position.saturating_sub(1));
            }
            Control::NextMarker => {
                if let Some(m) = self.replay.marker_after(self.replay.position) {
                    let p = m.position;
                    self.seek(p);
                }
            }
            Control::PrevMarker => {
                if let Some(m) = self.replay.marker_before(self.replay.position) {
                    let p = m.position;
                    self.seek(p);
                }
            }
            Control::Faster => self.speed = (self.speed * 2.0).min(64.0),
            Control::Slower => self.speed = (self.speed / 2.0).max(0.25),
            Control::Seek => self.seek_input = Some(String::new()),
            Control::Quit => self.quit = true,
        }
    }

    /// Applies a typed seek target: `#123` or `123` is an action number, `m:ss` a time.
    pub fn seek_to_text(&mut self, text: &str) -> Result<(), ConsoleError> {
        let text = text.trim().trim_start_matches('#');
        let target = if text.contains(':') {
            let mut seconds = 0u64;
            for part in text.split(':') {
                let n: u64 = part.parse().map_err(|_| ConsoleError::BadSeekTime {
                    text: text.to_owned(),
                })?;
                seconds = seconds * 60 + n;
            }
            self.replay.position_at_time(seconds * 1000)
        } else {
            let number = text
                .parse::<usize>()
                .map_err(|_| ConsoleError::BadActionNumber {
                    text: text.to_owned(),
                })?;
            let len = self.replay.len();
            if number > len {
                return Err(ConsoleError::NoSuchAction { number, len });
            }
            number
        };
        self.seek(target);
        Ok(())
    }

    /// Takes a key press: in the seek field, the keymap's text keys; otherwise its replay
    /// keys. ctrl+c quits either way.
    pub fn key(&mut self, key: KeyEvent) {
        // What the viewer said stays until the next key.
        self.app.status.clear();
        let Some(text) = self.seek_input.as_mut() else {
            if let Some(control) = self.app.keymap.replay_control(key) {
                self.control(control);
            }
            return;
        };
        match self.app.keymap.resolve(key, Mode::Text) {
            Some(Action::Type(c)) => text.push(c),
            Some(Action::Erase) => {
                text.pop();
            }
            Some(Action::Confirm) => {
                let text = self.seek_input.take().unwrap_or_default();
                if let Err(e) = self.seek_to_text(&text) {
                    self.app.status = format!("Seek refused: {e}");
                }
            }
            Some(Action::Cancel) => self.seek_input = None,
            Some(Action::Quit) => self.quit = true,
            _ => {}
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        self.app.draw(frame);
        let area = frame.area();
        if area.height < 3 {
            return;
        }
        let lines = match &self.seek_input {
            Some(text) => vec![Line::from(vec![
                Span::styled("Seek to (action number or m:ss): ", self.app.theme.accent()),
                Span::raw(format!("{text}█")),
            ])],
            // A refused seek is said where the keys stand, in place of them, until the next key.
            None if !self.app.status.is_empty() => vec![Line::from(Span::styled(
                self.app.status.clone(),
                self.app.theme.accent(),
            ))],
            None => self.key_lines(area.width),
        };
        // The keys take as many rows as they need, so none is cut on a narrow terminal.
        let rows = (lines.len() as u16)
            .min(area.height.saturating_sub(2))
            .max(1);
        let bar = Rect::new(
            area.x,
            area.y + area.height - 1 - rows,
            area.width,
            1 + rows,
        );
        frame.render_widget(Clear, bar);
        let [gauge_area, keys] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(rows)]).areas(bar);
        let total = self.replay.len().max(1);
        let marker = self
            .replay
            .marker_before(self.replay.position + 1)
            .map(|m| format!(" · last marker: {}", m.label))
            .unwrap_or_default();
        let label = format!(
            "{} {:.2}× · action {}/{} · {} / {}{marker}",
            if self.playing { "▶" } else { "⏸" },
            self.speed,
            self.replay.position,
            self.replay.len(),
            clock(self.clock_ms),
            clock(self.replay.time_at(self.replay.len())),
        );
        let ratio = self.replay.position as f64 / total as f64;
        frame.render_widget(
            Gauge::default()
                .ratio(ratio.clamp(0.0, 1.0))
                .label(label)
                .gauge_style(self.app.theme.accent()),
            gauge_area,
        );
        frame.render_widget(Paragraph::new(lines), keys);
    }

    /// The keymap's replay keys with their words, packed into lines of `width` columns.
    fn key_lines(&self, width: u16) -> Vec<Line<'static>> {
        let width = usize::from(width);
        let mut lines = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        let mut used = 0;
        for (key, help) in self.app.keymap.replay_hints() {
            let key = format!(" {key} ");
            let help = format!(" {help}  ");
            let cost = key.width() + help.trim_end().width();
            if used > 0 && used + cost > width {
                lines.push(Line::from(std::mem::take(&mut spans)));
                used = 0;
            }
            used += cost + 2;
            spans.push(Span::styled(key, self.app.theme.selected()));
            spans.push(Span::raw(help));
        }
        if !spans.is_empty() {
            lines.push(Line::from(spans));
        }
        lines
    }
}

fn clock(ms: u64) -> String {
    let s = ms / 1000;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Runs the viewer until the player quits.
pub fn run(
    world: World,
    journal: &Journal,
    theme: Theme,
    keymap: Keymap,
) -> Result<(), ConsoleError> {
    let mut viewer = Viewer::with_keymap(world, journal, theme, keymap)?;
    let stop = terminal::StopSignal::register()?;
    let mut terminal = terminal::enter()?;
    let result = (|| -> io::Result<()> {
        let mut last = Instant::now();
        loop {
            terminal.draw(|frame| viewer.draw(frame))?;
            if viewer.quit || stop.raised() {
                return Ok(());
            }
            if event::poll(Duration::from_millis(50))?
                && let Event::Key(key) = event::read()?
                && key.kind != KeyEventKind::Release
            {
                viewer.key(key);
            }
            let now = Instant::now();
            viewer.advance(now - last);
            last = now;
        }
    })();
    terminal::leave();
    Ok(result?)
}

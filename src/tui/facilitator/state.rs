//! What the facilitator's console is doing (which view, a message being typed, a question
//! waiting for its answer) and the keys that change it. Every control of the class comes
//! out as a [`Command`], as data: the console never reaches into the server itself.

use std::cell::Cell;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

pub use crate::class::Command;
use crate::class::{Exercise, MAX_MESSAGE, Phase};

/// The facilitator's views, in the order of their number keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Roster,
    /// The answer key and the true chain of decision.
    Key,
    /// The hot wash, for the projector.
    Projector,
    /// Released and scheduled injects: drawn by `injects`.
    Injects,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Roster, Tab::Key, Tab::Projector, Tab::Injects];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Roster => "Roster",
            Tab::Key => "Key & chain",
            Tab::Projector => "Projector",
            Tab::Injects => "Injects",
        }
    }

    /// One line saying what the view shows.
    pub fn help(self) -> &'static str {
        match self {
            Tab::Roster => {
                "Pass: findings that would pass now. Wrong: lawful codes flagged. ↑↓ scroll."
            }
            Tab::Key => "The answer key and the true chain: for you alone, never served.",
            Tab::Projector => "The hot wash: project this at the debrief. ↑↓ scroll.",
            Tab::Injects => {
                "Injects: ↑↓ choose, Enter releases to everyone, t to one team or student; or read the code out."
            }
        }
    }
}

/// A control that asks before it acts, since it cannot be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asking {
    Stop,
    /// The next phase closes submissions.
    CloseSubmissions,
    End,
}

impl Asking {
    pub fn question(self) -> &'static str {
        match self {
            Asking::Stop => {
                "Stop the class? Every student is disconnected; games are saved. q again to stop."
            }
            Asking::CloseSubmissions => {
                "Close submissions? Every case file left is submitted now. n again to close."
            }
            Asking::End => "End the exercise? Everyone is asked to submit now. E again to end.",
        }
    }
}

/// The console's own state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Console {
    pub tab: Tab,
    /// A message to everyone being typed.
    pub typing: Option<String>,
    pub asking: Option<Asking>,
    /// How far the key and projector views are scrolled.
    pub scroll: u16,
    /// The furthest they scroll, as the last frame measured: no further than a full page.
    pub scroll_max: Cell<u16>,
    /// In the injects view, the audience being chosen for the selected inject (a row of
    /// `injects::audiences`).
    pub picking: Option<usize>,
}

/// The keys of the console, for the footer and the dispatch alike.
pub const KEYS: [(&str, &str); 8] = [
    ("n", "next phase"),
    ("p", "pause"),
    ("+/-", "minute"),
    ("m", "message"),
    ("E", "end"),
    ("1-4", "views"),
    ("↑↓", "scroll"),
    ("q", "stop"),
];

impl Console {
    /// Takes a key; what the class must do, if anything.
    pub fn key(&mut self, key: KeyEvent, exercise: &Exercise) -> Option<Command> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            return Some(Command::Stop);
        }
        if let Some(text) = &mut self.typing {
            return match key.code {
                KeyCode::Enter => self.typing.take().map(Command::Message),
                KeyCode::Esc => {
                    self.typing = None;
                    None
                }
                KeyCode::Backspace => {
                    text.pop();
                    None
                }
                KeyCode::Char(c) if text.chars().count() < MAX_MESSAGE => {
                    text.push(c);
                    None
                }
                _ => None,
            };
        }
        let asked = self.asking.take();
        match (key.code, asked) {
            (KeyCode::Char('q'), Some(Asking::Stop)) => Some(Command::Stop),
            (KeyCode::Char('n'), Some(Asking::CloseSubmissions)) => Some(Command::NextPhase),
            (KeyCode::Char('E'), Some(Asking::End)) => Some(Command::EndExercise),
            // Any other key answers no.
            (_, Some(_)) => None,
            (KeyCode::Char('q'), None) => self.ask(Asking::Stop),
            (KeyCode::Char('n'), None) if exercise.phase() == Some(Phase::Submission) => {
                self.ask(Asking::CloseSubmissions)
            }
            (KeyCode::Char('n'), None) => Some(Command::NextPhase),
            (KeyCode::Char('E'), None) => self.ask(Asking::End),
            (KeyCode::Char('p') | KeyCode::Char(' '), None) => Some(Command::TogglePause),
            (KeyCode::Char('+') | KeyCode::Char('='), None) => Some(Command::ChangeTime(60)),
            (KeyCode::Char('-'), None) => Some(Command::ChangeTime(-60)),
            (KeyCode::Char('m'), None) => {
                self.typing = Some(String::new());
                None
            }
            (KeyCode::Char(c @ '1'..='4'), None) => {
                self.tab = Tab::ALL[usize::from(c as u8 - b'1')];
                self.scroll = 0;
                None
            }
            (KeyCode::Tab, None) => {
                let at = Tab::ALL.iter().position(|t| *t == self.tab).unwrap_or(0);
                self.tab = Tab::ALL[(at + 1) % Tab::ALL.len()];
                self.scroll = 0;
                None
            }
            (KeyCode::Down | KeyCode::Char('j'), None) => self.scroll_by(1),
            (KeyCode::Up | KeyCode::Char('k'), None) => self.scroll_by(-1),
            (KeyCode::PageDown, None) => self.scroll_by(10),
            (KeyCode::PageUp, None) => self.scroll_by(-10),
            _ => None,
        }
    }

    fn scroll_by(&mut self, rows: i32) -> Option<Command> {
        let to = (i32::from(self.scroll) + rows).clamp(0, i32::from(self.scroll_max.get()));
        self.scroll = u16::try_from(to).unwrap_or(0);
        None
    }

    fn ask(&mut self, asking: Asking) -> Option<Command> {
        self.asking = Some(asking);
        None
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::class::Plan;

    fn press(console: &mut Console, exercise: &Exercise, keys: &str) -> Vec<Command> {
        keys.chars()
            .filter_map(|c| {
                let code = match c {
                    '\n' => KeyCode::Enter,
                    '\x1b' => KeyCode::Esc,
                    c => KeyCode::Char(c),
                };
                console.key(KeyEvent::new(code, KeyModifiers::NONE), exercise)
            })
            .collect()
    }

    #[test]
    fn keys_become_commands_and_what_cannot_be_undone_asks_first() {
        let mut exercise = Exercise::new(Plan::default());
        let mut console = Console::default();
        assert_eq!(
            press(&mut console, &exercise, "n"),
            vec![Command::NextPhase]
        );
        assert_eq!(
            press(&mut console, &exercise, "p+-"),
            vec![
                Command::TogglePause,
                Command::ChangeTime(60),
                Command::ChangeTime(-60)
            ]
        );
        assert_eq!(press(&mut console, &exercise, "qx"), vec![], "x answers no");
        assert_eq!(press(&mut console, &exercise, "qq"), vec![Command::Stop]);
        assert_eq!(press(&mut console, &exercise, "E"), vec![]);
        assert_eq!(console.asking, Some(Asking::End));
        assert_eq!(
            press(&mut console, &exercise, "E"),
            vec![Command::EndExercise]
        );
        exercise.end_exercise(Duration::ZERO);
        assert_eq!(press(&mut console, &exercise, "n"), vec![], "closing asks");
        assert_eq!(
            press(&mut console, &exercise, "n"),
            vec![Command::NextPhase]
        );
        assert_eq!(
            press(&mut console, &exercise, "mLook at batch 3\n"),
            vec![Command::Message("Look at batch 3".into())]
        );
        assert_eq!(press(&mut console, &exercise, "mnever\x1bq"), vec![]);
        assert_eq!(console.typing, None);
        press(&mut console, &exercise, "x3");
        assert_eq!(console.tab, Tab::Projector);
    }
}

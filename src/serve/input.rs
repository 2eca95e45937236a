//! A student's keystrokes: the bytes an SSH client sends, parsed into the terminal events
//! the console reads, with every byte treated as possibly hostile.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use terminput as ti;

/// The longest escape sequence kept waiting for its end: anything longer is not a key.
const MAX_PENDING: usize = 32;

const ESC: u8 = 0x1b;

/// Turns the byte stream from a client into key and mouse events.
#[derive(Debug, Default)]
pub struct InputParser {
    pending: Vec<u8>,
}

impl InputParser {
    pub fn new() -> InputParser {
        InputParser::default()
    }

    /// The events in `bytes`, given what came before. A sequence cut between two reads
    /// waits for its end; a lone Escape at the end of a read is the Escape key (clients
    /// send a key's whole sequence at once).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut events = Vec::new();
        for (i, &byte) in bytes.iter().enumerate() {
            self.pending.push(byte);
            let more = i + 1 < bytes.len();
            if self.pending == [ESC] && more {
                continue;
            }
            self.parse_pending(&mut events);
        }
        events
    }

    fn parse_pending(&mut self, events: &mut Vec<Event>) {
        if self.pending == b"\n" {
            // A client that sends newlines for Enter (not OpenSSH, but some do).
            self.pending.clear();
            events.push(Event::Key(KeyEvent::from(KeyCode::Enter)));
            return;
        }
        match ti::Event::parse_from(&self.pending) {
            Ok(Some(event)) => {
                self.pending.clear();
                events.extend(convert(event));
            }
            Ok(None) if self.pending.len() < MAX_PENDING => {}
            // Not a key, or too long to be one: dropped.
            Ok(None) | Err(_) => self.pending.clear(),
        }
    }
}

/// The console's event for a parsed one; `None` for what the console has no use for.
fn convert(event: ti::Event) -> Option<Event> {
    match event {
        ti::Event::Key(key) if key.kind != ti::KeyEventKind::Release => {
            let modifiers = modifiers(key.modifiers);
            let code = match key.code {
                ti::KeyCode::Tab if modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
                code => key_code(code)?,
            };
            Some(Event::Key(KeyEvent::new(code, modifiers)))
        }
        ti::Event::Mouse(mouse) => {
            let kind = match mouse.kind {
                ti::MouseEventKind::Down(ti::MouseButton::Left) => {
                    MouseEventKind::Down(MouseButton::Left)
                }
                ti::MouseEventKind::Scroll(ti::ScrollDirection::Up) => MouseEventKind::ScrollUp,
                ti::MouseEventKind::Scroll(ti::ScrollDirection::Down) => MouseEventKind::ScrollDown,
                _ => return None,
            };
            Some(Event::Mouse(MouseEvent {
                kind,
                column: mouse.column,
                row: mouse.row,
                modifiers: modifiers(mouse.modifiers),
            }))
        }
        _ => None,
    }
}

fn key_code(code: ti::KeyCode) -> Option<KeyCode> {
    Some(match code {
        ti::KeyCode::Backspace => KeyCode::Backspace,
        ti::KeyCode::Enter => KeyCode::Enter,
        ti::KeyCode::Left => KeyCode::Left,
        ti::KeyCode::Right => KeyCode::Right,
        ti::KeyCode::Up => KeyCode::Up,
        ti::KeyCode::Down => KeyCode::Down,
        ti::KeyCode::Home => KeyCode::Home,
        ti::KeyCode::End => KeyCode::End,
        ti::KeyCode::PageUp => KeyCode::PageUp,
        ti::KeyCode::PageDown => KeyCode::PageDown,
        ti::KeyCode::Tab => KeyCode::Tab,
        ti::KeyCode::Delete => KeyCode::Delete,
        ti::KeyCode::Insert => KeyCode::Insert,
        ti::KeyCode::F(n) => KeyCode::F(n),
        ti::KeyCode::Char(c) => KeyCode::Char(c),
        ti::KeyCode::Esc => KeyCode::Esc,
        _ => return None,
    })
}

fn modifiers(given: ti::KeyModifiers) -> KeyModifiers {
    let mut modifiers = KeyModifiers::NONE;
    for (from, to) in [
        (ti::KeyModifiers::SHIFT, KeyModifiers::SHIFT),
        (ti::KeyModifiers::CTRL, KeyModifiers::CONTROL),
        (ti::KeyModifiers::ALT, KeyModifiers::ALT),
    ] {
        if given.contains(from) {
            modifiers |= to;
        }
    }
    modifiers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        InputParser::new()
            .feed(bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_keys_the_keymap_uses_are_parsed() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            keys(b"\x1b[A\x1b[B\x1bOC\x1b[D\r\x7f\t"),
            vec![
                (KeyCode::Up, none),
                (KeyCode::Down, none),
                (KeyCode::Right, none),
                (KeyCode::Left, none),
                (KeyCode::Enter, none),
                (KeyCode::Backspace, none),
                (KeyCode::Tab, none),
            ]
        );
        assert_eq!(keys(b"\x1b"), vec![(KeyCode::Esc, none)]);
        assert_eq!(
            keys(b"\x03"),
            vec![(KeyCode::Char('c'), KeyModifiers::CONTROL)]
        );
        assert_eq!(
            keys(b"aS"),
            vec![
                (KeyCode::Char('a'), none),
                (KeyCode::Char('S'), KeyModifiers::SHIFT)
            ]
        );
        assert_eq!(keys("é".as_bytes()), vec![(KeyCode::Char('é'), none)]);
        assert_eq!(
            keys(b"\x1b[Z"),
            vec![(KeyCode::BackTab, KeyModifiers::SHIFT)]
        );
    }

    #[test]
    fn a_sequence_cut_between_reads_waits_for_its_end() {
        let mut parser = InputParser::new();
        assert!(parser.feed(b"\x1b[").is_empty());
        let events = parser.feed(b"B");
        assert_eq!(events, vec![Event::Key(KeyEvent::from(KeyCode::Down))]);
    }

    #[test]
    fn hostile_bytes_are_dropped_and_the_parser_goes_on() {
        let mut parser = InputParser::new();
        let mut junk = vec![0x1b, b'['];
        junk.extend(std::iter::repeat_n(b'9', 10_000));
        parser.feed(&junk);
        parser.feed(&[0xff, 0xfe, 0x80]);
        assert!(parser.pending.len() <= MAX_PENDING);
        assert_eq!(
            parser.feed(b"q"),
            vec![Event::Key(KeyEvent::from(KeyCode::Char('q')))]
        );
    }
}

//! Keys to Actions: one table, which also writes the help overlay and the footer.
//!
//! A user keymap file (RON: a map from key names to actions) overrides the defaults, e.g.
//! `{ "ctrl+n": NextChange, "F2": Show(People) }`.

use std::collections::BTreeMap;
use std::path::Path;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::audit::{Action, Screen};
use crate::scenario::load::read_capped;
use crate::scenario::{Diagnostic, Severity};

/// Which keys are live: the normal console, a dialog or picker, or a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    Normal,
    Dialog,
    Text,
}

/// One binding: a key, in a mode, to an action, with the words the help shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub mode: Mode,
    pub key: String,
    pub action: Action,
    pub help: String,
    /// Screens whose footer shows this binding (empty: only the help lists it).
    pub footer: Vec<Screen>,
}

/// The key table.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

const ALL_LISTS: &[Screen] = &Screen::LISTS;

impl Default for Keymap {
    fn default() -> Keymap {
        use Action::*;
        use Mode::*;
        let mut map = Keymap {
            bindings: Vec::new(),
        };
        let all: &[Screen] = &[];
        let mut bind =
            |mode: Mode, keys: &[&str], action: Action, help: &str, footer: &[Screen]| {
                for key in keys {
                    map.bindings.push(Binding {
                        mode,
                        key: (*key).to_owned(),
                        action: action.clone(),
                        help: help.to_owned(),
                        footer: footer.to_vec(),
                    });
                }
            };
        bind(Normal, &["q", "ctrl+c"], Quit, "quit", &Screen::TABS);
        bind(
            Normal,
            &["?", "f1"],
            ToggleHelp,
            "help: every key",
            &Screen::TABS,
        );
        for (i, screen) in Screen::TABS.iter().enumerate() {
            let key = ((i + 1) % 10).to_string();
            bind(
                Normal,
                &[key.as_str()],
                Show(*screen),
                &format!("go to {}", screen.title()),
                all,
            );
        }
        bind(Normal, &["tab"], NextScreen, "next screen", all);
        bind(Normal, &["backtab"], PrevScreen, "previous screen", all);
        bind(
            Normal,
            &["esc", "backspace"],
            Back,
            "back",
            &[
                Screen::Dossier,
                Screen::Trace,
                Screen::Check,
                Screen::Compare,
            ],
        );
        bind(Normal, &["up", "k"], Up, "move up", all);
        bind(Normal, &["down", "j"], Down, "move down", all);
        bind(Normal, &["pageup", "ctrl+b"], PageUp, "page up", all);
        bind(Normal, &["pagedown", "ctrl+f"], PageDown, "page down", all);
        bind(Normal, &["home"], First, "first row", all);
        bind(Normal, &["end", "G"], Last, "last row", all);
        bind(Normal, &["enter"], Open, "open", ALL_LISTS);
        bind(
            Normal,
            &["."],
            StepForward,
            "clock: one event on",
            &[Screen::Timeline],
        );
        bind(
            Normal,
            &[","],
            StepBack,
            "clock: one event back",
            &[Screen::Timeline],
        );
        bind(
            Normal,
            &["n"],
            NextChange,
            "clock: next code change",
            &[Screen::Briefing, Screen::Timeline, Screen::Overview],
        );
        bind(
            Normal,
            &["N"],
            NextOfKind,
            "clock: next event of the chosen kind",
            &[Screen::Timeline],
        );
        bind(
            Normal,
            &["e"],
            CycleEventKind,
            "choose the kind N jumps to",
            &[Screen::Timeline],
        );
        bind(
            Normal,
            &["@"],
            StartSeek,
            "clock: seek to a time",
            &[Screen::Timeline],
        );
        bind(
            Normal,
            &[">"],
            SeekEnd,
            "clock: run to the end",
            &[Screen::Timeline],
        );
        bind(
            Normal,
            &["/"],
            StartSearch,
            "search",
            &[Screen::People, Screen::Documents],
        );
        bind(
            Normal,
            &["c"],
            CycleColourFilter,
            "filter by colour",
            &[Screen::People],
        );
        bind(
            Normal,
            &["g"],
            CycleTagFilter,
            "filter by tag",
            &[Screen::People],
        );
        bind(
            Normal,
            &["v"],
            CycleVenueFilter,
            "filter by venue visited",
            &[Screen::People],
        );
        bind(
            Normal,
            &["o"],
            CycleOperatorFilter,
            "filter by operator",
            &[Screen::People],
        );
        bind(
            Normal,
            &["z"],
            ClearFilters,
            "clear filters",
            &[Screen::People],
        );
        bind(
            Normal,
            &["t"],
            TraceSelected,
            "trace the colour",
            &[Screen::People, Screen::Dossier, Screen::Timeline],
        );
        bind(
            Normal,
            &["x"],
            CheckSelected,
            "check the stated reason",
            &[Screen::Dossier, Screen::Trace],
        );
        bind(
            Normal,
            &["m"],
            MarkCompare,
            "mark to compare",
            &[Screen::People, Screen::Dossier],
        );
        bind(
            Normal,
            &["f"],
            OpenFlagDialog,
            "flag",
            &[
                Screen::Dossier,
                Screen::Trace,
                Screen::Check,
                Screen::Operators,
            ],
        );
        bind(
            Normal,
            &["i"],
            StartNote,
            "write a note",
            &[Screen::CaseFile],
        );
        bind(
            Normal,
            &["h"],
            HintSelected,
            "hint for the objective",
            &[Screen::CaseFile],
        );
        bind(
            Normal,
            &["d", "delete"],
            RemoveSelected,
            "remove flag or note",
            &[Screen::CaseFile],
        );
        bind(
            Normal,
            &["S"],
            Submit,
            "submit the case file",
            &[Screen::CaseFile],
        );
        bind(
            Normal,
            &["w"],
            ExportReport,
            "write the debrief as Markdown",
            &[Screen::Debrief],
        );

        bind(Dialog, &["up", "k"], Up, "previous row", all);
        bind(Dialog, &["down", "j"], Down, "next row", all);
        bind(Dialog, &["pageup"], PageUp, "page up", all);
        bind(Dialog, &["pagedown"], PageDown, "page down", all);
        bind(Dialog, &["space", "x"], Toggle, "change / tick", all);
        bind(Dialog, &["enter"], Confirm, "accept", all);
        bind(Dialog, &["esc", "q"], Cancel, "cancel", all);
        bind(Dialog, &["ctrl+c"], Quit, "quit", all);

        bind(Text, &["enter"], Confirm, "accept", all);
        bind(Text, &["esc"], Cancel, "cancel", all);
        bind(Text, &["backspace"], Erase, "delete a character", all);
        bind(Text, &["up"], Up, "previous choice", all);
        bind(Text, &["down"], Down, "next choice", all);
        bind(Text, &["ctrl+c"], Quit, "quit", all);
        map
    }
}

impl Keymap {
    /// The defaults with a user's keymap file laid over them.
    pub fn with_overrides(path: &Path) -> Result<Keymap, Diagnostic> {
        let file = path.display().to_string();
        let bytes = read_capped(path, 64 * 1024).map_err(|m| Diagnostic::whole_file(&file, m))?;
        let source = String::from_utf8(bytes)
            .map_err(|_| Diagnostic::whole_file(&file, "the keymap is not UTF-8 text"))?;
        let options = ron::Options::default().with_recursion_limit(8);
        let overrides: BTreeMap<String, Action> = options.from_str(&source).map_err(|e| {
            Diagnostic::at_line_column(
                &file,
                &source,
                e.span.start.line,
                e.span.start.col,
                Severity::Error,
                e.code.to_string(),
            )
        })?;
        let mut map = Keymap::default();
        for (key, action) in overrides {
            if parse_key(&key).is_none() {
                let offset = source.find(&format!("\"{key}\"")).unwrap_or(0);
                return Err(Diagnostic::at_offset(
                    &file,
                    &source,
                    offset,
                    key.len() + 2,
                    Severity::Error,
                    format!(
                        "`{key}` is not a key name (try \"x\", \"ctrl+x\", \"F2\", \"pagedown\")"
                    ),
                ));
            }
            map.bindings
                .retain(|b| !(b.mode == Mode::Normal && same_key(&b.key, &key)));
            map.bindings.push(Binding {
                mode: Mode::Normal,
                key,
                action,
                help: "your keymap".to_owned(),
                footer: Vec::new(),
            });
        }
        Ok(map)
    }

    /// The action for a key press in a mode. In a text field, printable characters type.
    pub fn resolve(&self, key: KeyEvent, mode: Mode) -> Option<Action> {
        if mode == Mode::Text
            && let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return Some(Action::Type(c));
        }
        self.bindings
            .iter()
            .find(|b| b.mode == mode && parse_key(&b.key).is_some_and(|k| keys_match(k, key)))
            .map(|b| b.action.clone())
    }

    /// Bindings for the footer of a screen, one per action, in table order.
    pub fn footer(&self, screen: Screen) -> Vec<(&str, &str)> {
        let mut seen: Vec<&Action> = Vec::new();
        let mut out = Vec::new();
        for b in &self.bindings {
            if b.mode == Mode::Normal && b.footer.contains(&screen) && !seen.contains(&&b.action) {
                seen.push(&b.action);
                out.push((b.key.as_str(), b.help.as_str()));
            }
        }
        out
    }

    /// Every binding of a mode, keys of the same action joined: ("up k", "move up").
    pub fn help_lines(&self, mode: Mode) -> Vec<(String, String)> {
        let mut out: Vec<(String, String, Action)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            match out
                .iter_mut()
                .find(|(_, help, action)| *action == b.action && *help == b.help)
            {
                Some(line) => {
                    line.0.push(' ');
                    line.0.push_str(&b.key);
                }
                None => out.push((b.key.clone(), b.help.clone(), b.action.clone())),
            }
        }
        out.into_iter().map(|(k, h, _)| (k, h)).collect()
    }
}

/// A parsed key name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeySpec {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// Parses names like `q`, `G`, `ctrl+c`, `alt+x`, `enter`, `F2`, `pagedown`, `space`.
pub fn parse_key(name: &str) -> Option<KeySpec> {
    let mut ctrl = false;
    let mut alt = false;
    let mut rest = name;
    loop {
        let lower = rest.to_ascii_lowercase();
        if lower.starts_with("ctrl+") && rest.len() > 5 {
            ctrl = true;
            rest = &rest[5..];
        } else if lower.starts_with("alt+") && rest.len() > 4 {
            alt = true;
            rest = &rest[4..];
        } else {
            break;
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) => KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
            }
            _ => return None,
        },
    };
    Some(KeySpec { code, ctrl, alt })
}

fn same_key(a: &str, b: &str) -> bool {
    parse_key(a).is_some() && parse_key(a) == parse_key(b)
}

fn keys_match(spec: KeySpec, key: KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    let code = match key.code {
        // Terminals send ctrl+letters as lower case.
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    spec.code == code && spec.ctrl == ctrl && spec.alt == alt
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn default_keys_resolve_to_their_actions() {
        let map = Keymap::default();
        assert_eq!(
            map.resolve(key(KeyCode::Char('q'), KeyModifiers::NONE), Mode::Normal),
            Some(Action::Quit)
        );
        assert_eq!(
            map.resolve(key(KeyCode::Char('c'), KeyModifiers::CONTROL), Mode::Normal),
            Some(Action::Quit)
        );
        assert_eq!(
            map.resolve(key(KeyCode::Char('j'), KeyModifiers::NONE), Mode::Normal),
            Some(Action::Down)
        );
        assert_eq!(
            map.resolve(key(KeyCode::Char('3'), KeyModifiers::NONE), Mode::Normal),
            Some(Action::Show(Screen::People))
        );
        assert_eq!(
            map.resolve(key(KeyCode::Char('G'), KeyModifiers::SHIFT), Mode::Normal),
            Some(Action::Last)
        );
        assert_eq!(
            map.resolve(key(KeyCode::Enter, KeyModifiers::NONE), Mode::Dialog),
            Some(Action::Confirm)
        );
        assert_eq!(
            map.resolve(key(KeyCode::Char('q'), KeyModifiers::NONE), Mode::Text),
            Some(Action::Type('q'))
        );
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        let map = Keymap::default();
        for (i, a) in map.bindings.iter().enumerate() {
            for b in &map.bindings[i + 1..] {
                assert!(
                    !(a.mode == b.mode && same_key(&a.key, &b.key)),
                    "{} bound twice",
                    a.key
                );
            }
        }
        assert!(
            map.bindings.iter().all(|b| parse_key(&b.key).is_some()),
            "every key name parses"
        );
    }

    #[test]
    fn the_footer_and_help_come_from_the_table() {
        let map = Keymap::default();
        let footer = map.footer(Screen::People);
        assert!(footer.contains(&("/", "search")));
        let help = map.help_lines(Mode::Normal);
        assert!(
            help.iter()
                .any(|(keys, help)| keys == "up k" && help == "move up")
        );
    }

    #[test]
    fn a_user_keymap_overrides_and_bad_names_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.ron");
        std::fs::write(&path, "{ \"q\": Show(People), \"ctrl+n\": NextChange }").unwrap();
        let map = Keymap::with_overrides(&path).unwrap();
        assert_eq!(
            map.resolve(key(KeyCode::Char('q'), KeyModifiers::NONE), Mode::Normal),
            Some(Action::Show(Screen::People))
        );
        assert_eq!(
            map.resolve(key(KeyCode::Char('n'), KeyModifiers::CONTROL), Mode::Normal),
            Some(Action::NextChange)
        );
        std::fs::write(&path, "{\n  \"hyper+q\": Quit }").unwrap();
        let error = Keymap::with_overrides(&path).unwrap_err();
        assert_eq!((error.line, error.column), (2, 3));
        std::fs::write(&path, "{ \"q\": Explode }").unwrap();
        assert!(Keymap::with_overrides(&path).is_err());
    }
}

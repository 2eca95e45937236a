//! Keys to commands: one table, read from `assets/keymap.ron` with a user's keymap laid over
//! it. The same table writes the help overlay, the footer, the tips, the welcome screen's
//! keys and the replay viewer's, so a key a user moves moves everywhere.

use std::path::Path;
use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::audit::{Action, Screen};
use crate::scenario::Diagnostic;

use super::Welcome;
use super::command::{Command, Description, descriptions};
use super::keyfile::{self, DEFAULT_SOURCE, KeymapFile, Section, overlay};
use super::replay_viewer::Control;

/// Which keys are live: the normal console, a dialog or picker, or a text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    Normal,
    Dialog,
    Text,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Normal, Mode::Dialog, Mode::Text];

    /// The mode's section name in a keymap file.
    pub fn section(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Dialog => "dialog",
            Mode::Text => "text",
        }
    }
}

/// One binding: a key, in a mode, to a command, with the words the help shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    pub mode: Mode,
    pub key: String,
    pub command: Command,
    pub action: Action,
    pub help: String,
    /// Its place in the footer: lower comes first.
    pub rank: u8,
    /// Screens whose footer shows this binding (empty: only the help lists it).
    pub footer: Vec<Screen>,
}

/// The key table.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
    replay: Vec<(String, Control)>,
    welcome: Vec<(String, Welcome)>,
}

static DEFAULT_FILE: LazyLock<KeymapFile> = LazyLock::new(|| {
    // Embedded and checked by the tests, so it cannot fail in a build that passed them.
    KeymapFile::parse("assets/keymap.ron", DEFAULT_SOURCE).expect("assets/keymap.ron is valid")
});

static DEFAULT: LazyLock<Keymap> = LazyLock::new(|| Keymap::over_defaults(&KeymapFile::default()));

impl Default for Keymap {
    fn default() -> Keymap {
        DEFAULT.clone()
    }
}

/// The keys a section binds, leaving out the ones it frees.
fn bound<T: Copy>(section: &Section<T>) -> Vec<(String, T)> {
    section
        .0
        .iter()
        .filter_map(|(key, command)| command.map(|c| (key.clone(), c)))
        .collect()
}

impl Keymap {
    /// The defaults with a user's keymap file laid over them.
    pub fn over_defaults(user: &KeymapFile) -> Keymap {
        let d = descriptions();
        let mut bindings = Vec::new();
        for (mode, base, mine, words) in [
            (Mode::Normal, &DEFAULT_FILE.normal, &user.normal, &d.normal),
            (Mode::Dialog, &DEFAULT_FILE.dialog, &user.dialog, &d.dialog),
            (Mode::Text, &DEFAULT_FILE.text, &user.text, &d.text),
        ] {
            for (key, command) in overlay(&bound(base), mine) {
                let described = words.get(&command).cloned().unwrap_or(Description {
                    help: command.spelling(),
                    rank: 7,
                    footer: Vec::new(),
                });
                bindings.push(Binding {
                    mode,
                    key,
                    command,
                    action: command.action(),
                    help: described.help,
                    rank: described.rank,
                    footer: described.footer,
                });
            }
        }
        let mut map = Keymap {
            bindings,
            replay: overlay(&bound(&DEFAULT_FILE.replay), &user.replay),
            welcome: overlay(&bound(&DEFAULT_FILE.welcome), &user.welcome),
        };
        // Help texts may name other commands' keys ("choose the kind {NextOfKind} jumps to").
        let filled: Vec<String> = map
            .bindings
            .iter()
            .map(|b| {
                map.fill(&b.help, Spelling::Plain)
                    .unwrap_or_else(|| b.help.clone())
            })
            .collect();
        for (b, help) in map.bindings.iter_mut().zip(filled) {
            b.help = help;
        }
        map
    }

    /// The defaults with a user's keymap file laid over them.
    pub fn with_overrides(path: &Path) -> Result<Keymap, Diagnostic> {
        keyfile::read(path).map(|user| Keymap::over_defaults(&user))
    }

    /// The keymap to play with: `explicit` (from `--keymap`) if given, else the user's file
    /// (`$XDG_CONFIG_HOME/redcode/keymap.ron`) if there is one, else the defaults.
    pub fn load(explicit: Option<&Path>) -> Result<Keymap, Diagnostic> {
        match keyfile::chosen_path(explicit) {
            Some(path) => Keymap::with_overrides(&path),
            None => Ok(Keymap::default()),
        }
    }

    /// The action for a key press in a mode. In a text field, printable characters type;
    /// ctrl+c quits in every mode, whatever the keymap says.
    pub fn resolve(&self, key: KeyEvent, mode: Mode) -> Option<Action> {
        if is_ctrl_c(key) {
            return Some(Action::Quit);
        }
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

    /// The first key bound to a command in the console.
    pub fn key_for(&self, command: Command) -> Option<&str> {
        self.key_in(Mode::Normal, command)
    }

    /// The first key bound to a command in a mode.
    pub fn key_in(&self, mode: Mode, command: Command) -> Option<&str> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.command == command)
            .map(|b| b.key.as_str())
    }

    /// `template` with each `{Command}` replaced by that command's console key, spelled as
    /// `spelling` says; `None` when a named command has no key.
    pub fn fill(&self, template: &str, spelling: Spelling) -> Option<String> {
        self.fill_in(Mode::Normal, template, spelling)
    }

    /// Like [`fill`](Keymap::fill), with the keys bound in `mode` (a dialog's title names
    /// the dialog's keys).
    pub fn fill_in(&self, mode: Mode, template: &str, spelling: Spelling) -> Option<String> {
        let mut out = String::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let close = open + rest[open..].find('}')?;
            let command: Command = ron::from_str(&rest[open + 1..close]).ok()?;
            let key = self.key_in(mode, command)?;
            out.push_str(&rest[..open]);
            out.push_str(&spelling.spell(key));
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// The key hints for a screen's footer in a mode, most relevant first: in the console,
    /// one key per command the screen shows, then help and quit on every screen; in a
    /// dialog or text field, every binding, keys of one command joined ("up k").
    pub fn footer(&self, screen: Screen, mode: Mode) -> Vec<(String, String, Action)> {
        let mut hints: Vec<(String, String, u8, Command)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            let always = matches!(b.command, Command::ToggleHelp | Command::Quit);
            match hints.iter_mut().find(|h| h.3 == b.command) {
                Some(hint) if mode != Mode::Normal => {
                    hint.0.push(' ');
                    hint.0.push_str(&b.key);
                }
                Some(_) => {}
                None if mode != Mode::Normal || always || b.footer.contains(&screen) => {
                    hints.push((b.key.clone(), b.help.clone(), b.rank, b.command));
                }
                None => {}
            }
        }
        hints.sort_by_key(|h| h.2);
        hints
            .into_iter()
            .map(|(key, help, _, command)| (key, help, command.action()))
            .collect()
    }

    /// Every binding of a mode, keys of the same action joined: ("up k", "move up").
    pub fn help_lines(&self, mode: Mode) -> Vec<(String, String)> {
        let mut out: Vec<(String, String, Command)> = Vec::new();
        for b in self.bindings.iter().filter(|b| b.mode == mode) {
            match out
                .iter_mut()
                .find(|(_, help, command)| *command == b.command && *help == b.help)
            {
                Some(line) => {
                    line.0.push(' ');
                    line.0.push_str(&b.key);
                }
                None => out.push((b.key.clone(), b.help.clone(), b.command)),
            }
        }
        out.into_iter().map(|(k, h, _)| (k, h)).collect()
    }

    /// What a key does in the replay viewer; ctrl+c always quits.
    pub fn replay_control(&self, key: KeyEvent) -> Option<Control> {
        if is_ctrl_c(key) {
            return Some(Control::Quit);
        }
        find(&self.replay, key)
    }

    /// The replay viewer's footer: one key per control, in the keymap's order.
    pub fn replay_hints(&self) -> Vec<(String, String)> {
        first_keys(&self.replay)
            .into_iter()
            .map(|(key, control)| {
                let help = descriptions().replay.get(&control).cloned();
                (key, help.unwrap_or_else(|| format!("{control:?}")))
            })
            .collect()
    }

    /// What a key chooses on the welcome screen; ctrl+c always quits.
    pub fn welcome_choice(&self, key: KeyEvent) -> Option<Welcome> {
        if is_ctrl_c(key) {
            return Some(Welcome::Quit);
        }
        find(&self.welcome, key)
    }

    /// The welcome screen's choices: one key each, in the keymap's order.
    pub fn welcome_choices(&self) -> Vec<(String, Welcome)> {
        first_keys(&self.welcome)
    }

    /// The keys in effect, as a keymap file that reads back to the same keys.
    pub fn to_ron(&self) -> String {
        let normal = |mode: Mode| -> Vec<(String, Command)> {
            self.bindings
                .iter()
                .filter(|b| b.mode == mode)
                .map(|b| (b.key.clone(), b.command))
                .collect()
        };
        let sections = [
            (
                "normal",
                written(&normal(Mode::Normal), &DEFAULT_FILE.normal),
            ),
            (
                "dialog",
                written(&normal(Mode::Dialog), &DEFAULT_FILE.dialog),
            ),
            ("text", written(&normal(Mode::Text), &DEFAULT_FILE.text)),
            ("replay", written(&self.replay, &DEFAULT_FILE.replay)),
            ("welcome", written(&self.welcome, &DEFAULT_FILE.welcome)),
        ];
        keyfile::write_sections(&sections)
    }
}

/// A mode's keys as a file writes them, with `None` for each default key no longer bound,
/// so the file read back over the defaults gives these keys again.
fn written<T>(keys: &[(String, T)], defaults: &Section<T>) -> Vec<(String, String)>
where
    T: Copy + serde::Serialize + std::fmt::Debug,
{
    let mut out: Vec<(String, String)> = keys.iter().map(|(k, c)| (k.clone(), spell(c))).collect();
    for (key, _) in bound(defaults) {
        if !keys.iter().any(|(k, _)| same_key(k, &key)) {
            out.push((key, "None".to_owned()));
        }
    }
    out
}

/// A command of any mode as a keymap file spells it.
fn spell<T: serde::Serialize + std::fmt::Debug>(command: &T) -> String {
    ron::to_string(command).unwrap_or_else(|_| format!("{command:?}"))
}

fn find<T: Copy>(table: &[(String, T)], key: KeyEvent) -> Option<T> {
    table
        .iter()
        .find(|(name, _)| parse_key(name).is_some_and(|k| keys_match(k, key)))
        .map(|(_, command)| *command)
}

fn first_keys<T: Copy + PartialEq>(table: &[(String, T)]) -> Vec<(String, T)> {
    let mut out: Vec<(String, T)> = Vec::new();
    for (key, command) in table {
        if !out.iter().any(|(_, c)| c == command) {
            out.push((key.clone(), *command));
        }
    }
    out
}

fn is_ctrl_c(key: KeyEvent) -> bool {
    parse_key("ctrl+c").is_some_and(|spec| keys_match(spec, key))
}

/// How a text spells a key it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spelling {
    /// As the keymap names it: "enter", "ctrl+b".
    Plain,
    /// As a sentence writes it, named keys capitalised: "Enter", "Ctrl+b".
    Prose,
    /// As printed on the key where it has a symbol: "⏎", "↓".
    Symbol,
}

impl Spelling {
    pub fn spell(self, key: &str) -> String {
        match self {
            Spelling::Plain => key.to_owned(),
            Spelling::Prose => key_in_prose(key),
            Spelling::Symbol => match key {
                "enter" => "⏎".to_owned(),
                "up" => "↑".to_owned(),
                "down" => "↓".to_owned(),
                "left" => "←".to_owned(),
                "right" => "→".to_owned(),
                other => other.to_owned(),
            },
        }
    }
}

/// A key name as a sentence writes it: named keys capitalised ("Enter", "Ctrl+b").
pub fn key_in_prose(key: &str) -> String {
    let mut chars = key.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(_)) => first.to_uppercase().chain(chars).collect(),
        _ => key.to_owned(),
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

/// Whether two key names name the same key ("G" and "shift+g" aside).
pub fn same_key(a: &str, b: &str) -> bool {
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

    fn char(c: char) -> KeyEvent {
        key(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn ctrl(c: char) -> KeyEvent {
        key(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    fn user(source: &str) -> Keymap {
        Keymap::over_defaults(&KeymapFile::parse("keymap.ron", source).unwrap())
    }

    #[test]
    fn default_keys_resolve_to_their_actions() {
        let map = Keymap::default();
        assert_eq!(map.resolve(char('q'), Mode::Normal), Some(Action::Quit));
        assert_eq!(map.resolve(ctrl('c'), Mode::Normal), Some(Action::Quit));
        assert_eq!(map.resolve(char('j'), Mode::Normal), Some(Action::Down));
        assert_eq!(
            map.resolve(char('3'), Mode::Normal),
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
        assert_eq!(map.resolve(char('q'), Mode::Text), Some(Action::Type('q')));
        assert_eq!(map.replay_control(char(' ')), Some(Control::PlayPause));
        assert_eq!(map.welcome_choice(char('t')), Some(Welcome::Tutorial));
    }

    #[test]
    fn every_default_binding_parses_and_no_key_is_bound_twice_in_a_mode() {
        let map = Keymap::default();
        assert!(map.bindings.len() > 60);
        for (i, a) in map.bindings.iter().enumerate() {
            assert!(parse_key(&a.key).is_some(), "{} parses", a.key);
            assert_ne!(a.help, a.command.spelling(), "{} has words", a.key);
            for b in &map.bindings[i + 1..] {
                assert!(
                    !(a.mode == b.mode && same_key(&a.key, &b.key)),
                    "{} bound twice",
                    a.key
                );
            }
        }
        for table in [first_keys(&map.replay).len(), map.welcome_choices().len()] {
            assert!(table > 2);
        }
        assert!(map.replay.iter().all(|(k, _)| parse_key(k).is_some()));
        assert!(map.welcome.iter().all(|(k, _)| parse_key(k).is_some()));
    }

    #[test]
    fn the_footer_and_help_come_from_the_table() {
        let map = Keymap::default();
        let footer = map.footer(Screen::People, Mode::Normal);
        assert_eq!(footer[0].0, "enter");
        assert!(footer.iter().any(|(k, h, _)| k == "/" && h == "search"));
        let last: Vec<&str> = footer.iter().rev().take(2).map(|h| h.1.as_str()).collect();
        assert_eq!(last, ["quit", "help: every key"]);
        let dialog = map.footer(Screen::People, Mode::Dialog);
        assert_eq!(
            dialog[0],
            ("space x".into(), "change / tick".into(), Action::Toggle)
        );
        let help = map.help_lines(Mode::Normal);
        assert!(help.contains(&("up k".into(), "move up".into())));
        assert!(help.contains(&("e".into(), "choose the kind N jumps to".into())));
    }

    #[test]
    fn a_user_keymap_binds_unbinds_and_reaches_dialogs_and_text_fields() {
        let map = user(
            "(normal: { \"Q\": Quit, \"ctrl+n\": NextChange, \"x\": None, \"F2\": Show(People) },
              dialog: { \"y\": Confirm }, text: { \"ctrl+u\": Cancel })",
        );
        assert_eq!(map.resolve(char('Q'), Mode::Normal), Some(Action::Quit));
        // Quit moved: q is free, and ctrl+c quits still.
        assert_eq!(map.resolve(char('q'), Mode::Normal), None);
        assert_eq!(map.resolve(ctrl('c'), Mode::Normal), Some(Action::Quit));
        assert_eq!(
            map.resolve(ctrl('n'), Mode::Normal),
            Some(Action::NextChange)
        );
        assert_eq!(map.resolve(char('n'), Mode::Normal), None);
        assert_eq!(map.resolve(char('x'), Mode::Normal), None);
        assert_eq!(
            map.resolve(key(KeyCode::F(2), KeyModifiers::NONE), Mode::Normal),
            Some(Action::Show(Screen::People))
        );
        assert_eq!(map.resolve(char('y'), Mode::Dialog), Some(Action::Confirm));
        assert_eq!(
            map.resolve(key(KeyCode::Enter, KeyModifiers::NONE), Mode::Dialog),
            None
        );
        assert_eq!(map.resolve(ctrl('u'), Mode::Text), Some(Action::Cancel));
        assert_eq!(map.resolve(ctrl('c'), Mode::Text), Some(Action::Quit));
        // The help shows the user's keys, each with its command's words.
        let help = map.help_lines(Mode::Normal);
        assert!(
            help.contains(&("Q ctrl+c".into(), "quit".into())),
            "{help:?}"
        );
        assert!(help.contains(&("ctrl+n".into(), "clock: next code change".into())));
        // F2 takes People's place from the default key, as Q took Quit's.
        assert!(
            help.contains(&("F2".into(), "go to People".into())),
            "{help:?}"
        );
        assert_eq!(map.resolve(char('3'), Mode::Normal), None);
        assert!(!help.iter().any(|(k, _)| k.split(' ').any(|k| k == "x")));
        assert!(
            map.help_lines(Mode::Dialog)
                .contains(&("y".into(), "accept".into()))
        );
        let footer = map.footer(Screen::Briefing, Mode::Normal);
        assert!(
            footer
                .iter()
                .any(|(k, h, _)| k == "ctrl+n" && h == "clock: next code change")
        );
    }

    #[test]
    fn the_older_form_binds_console_keys() {
        let map = user("{ \"q\": Show(People), \"ctrl+n\": NextChange }");
        assert_eq!(
            map.resolve(char('q'), Mode::Normal),
            Some(Action::Show(Screen::People))
        );
        assert_eq!(
            map.resolve(ctrl('n'), Mode::Normal),
            Some(Action::NextChange)
        );
    }

    #[test]
    fn a_bad_user_keymap_file_is_refused_at_its_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keys.ron");
        std::fs::write(&path, "{\n  \"hyper+q\": Quit }").unwrap();
        let error = Keymap::with_overrides(&path).unwrap_err();
        assert_eq!((error.line, error.column), (2, 3));
        std::fs::write(&path, "{ \"q\": Explode }").unwrap();
        assert!(Keymap::with_overrides(&path).is_err());
        std::fs::write(
            &path,
            "(\n normal: {\n  \"r\": Resize(width: 80, height: 24) })",
        )
        .unwrap();
        let error = Keymap::with_overrides(&path).unwrap_err();
        assert_eq!((error.line, error.column), (3, 8), "{error}");
        std::fs::write(&path, "(replay: { \"p\": PlayPause })").unwrap();
        let map = Keymap::load(Some(&path)).unwrap();
        assert_eq!(map.replay_control(char('p')), Some(Control::PlayPause));
        assert_eq!(map.replay_control(char(' ')), None);
        assert_eq!(map.replay_hints()[0], ("p".into(), "play/pause".into()));
    }

    #[test]
    fn templates_take_the_key_actually_bound() {
        let template = "{Open} opens, {NextChange} jumps, {Show(Timeline)} goes";
        assert_eq!(
            Keymap::default().fill(template, Spelling::Prose).as_deref(),
            Some("Enter opens, n jumps, 2 goes")
        );
        let map = user("(normal: { \"o\": Open, \"ctrl+j\": NextChange })");
        assert_eq!(
            map.fill(template, Spelling::Prose).as_deref(),
            Some("o opens, Ctrl+j jumps, 2 goes")
        );
        assert_eq!(
            user("(normal: { \"n\": None })").fill(template, Spelling::Prose),
            None
        );
        assert_eq!(key_in_prose("esc"), "Esc");
        assert_eq!(key_in_prose("G"), "G");
    }

    #[test]
    fn the_keys_in_effect_read_back_as_the_same_keymap() {
        let map = user(
            "(normal: { \"Q\": Quit, \"x\": None }, replay: { \"g\": None }, welcome: { \"y\": Main })",
        );
        let text = map.to_ron();
        let again = user(&text);
        assert_eq!(again.bindings, map.bindings);
        assert_eq!(again.replay, map.replay);
        assert_eq!(again.welcome, map.welcome);
        assert!(text.contains("\"Q\": Quit,"), "{text}");
    }
}

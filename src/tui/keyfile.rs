//! Keymap files: the default one embedded from `assets/keymap.ron`, a user's laid over it,
//! where a user's is found, and the keys in effect written back out as a keymap file.
//!
//! Every problem in a file is reported at its line and column: a key name that is not a
//! key, a key given twice in a mode, a command a keymap may not bind, `ctrl+c` taken away.

use std::fmt::{self, Write as _};
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

use crate::scenario::load::read_capped;
use crate::scenario::{Diagnostic, Severity};

use super::Welcome;
use super::command::Command;
use super::keymap::{parse_key, same_key};
use super::replay_viewer::Control;

/// The default keymap, as shipped and as `redcode keys` prints it.
pub const DEFAULT_SOURCE: &str = include_str!("../../assets/keymap.ron");

/// The largest keymap file read.
const MAX_BYTES: u64 = 64 * 1024;

/// A map that keeps the order its file wrote it in: the help lists keys in that order.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Ordered<K, V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<K: PartialEq, V> Ordered<K, V> {
    /// The value for a key, if the map has it.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Ordered<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<K, V>(PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<K, V> {
            type Value = Ordered<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map such as { \"q\": Quit }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Ordered(out))
            }
        }
        deserializer.deserialize_map(OrderedVisitor(PhantomData))
    }
}

/// One mode's keys as a file gives them: a key to a command, or `None` to free the key.
pub type Section<T> = Ordered<String, Option<T>>;

/// A keymap file: a section per mode, each optional in a user's file.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KeymapFile {
    pub normal: Section<Command>,
    pub dialog: Section<Command>,
    pub text: Section<Command>,
    pub replay: Section<Control>,
    pub welcome: Section<Welcome>,
}

impl KeymapFile {
    /// Parses a keymap file's text. `file` names it in errors. The older form, one map of
    /// console keys (`{ "ctrl+n": NextChange }`), is read as the `normal` section.
    pub fn parse(file: &str, source: &str) -> Result<KeymapFile, Diagnostic> {
        let options = ron::Options::default()
            .with_recursion_limit(16)
            // `"x": Quit` binds and `"x": None` frees, without `Some(...)` around commands.
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let located = |e: ron::error::SpannedError| {
            let message = match &e.code {
                // Say what the keymap may bind, not just that the name is unknown.
                ron::Error::NoSuchEnumVariant {
                    found,
                    outer: Some(outer),
                    ..
                } if outer == "Command" => format!(
                    "`{found}` is not a command a key can be bound to (`redcode keys` lists them); {}",
                    e.code
                ),
                other => other.to_string(),
            };
            Diagnostic::at_line_column(
                file,
                source,
                e.span.start.line,
                e.span.start.col,
                Severity::Error,
                message,
            )
        };
        let parsed = if first_token(source) == Some('{') {
            KeymapFile {
                normal: options.from_str(source).map_err(located)?,
                ..KeymapFile::default()
            }
        } else {
            options.from_str(source).map_err(located)?
        };
        parsed.check(file, source)?;
        Ok(parsed)
    }

    /// Key names that are keys, no key twice in a mode, and ctrl+c left to quit.
    fn check(&self, file: &str, source: &str) -> Result<(), Diagnostic> {
        let quits = |c: &Option<Command>| matches!(c, Some(Command::Quit));
        check_section(file, source, "normal", &self.normal, quits)?;
        check_section(file, source, "dialog", &self.dialog, quits)?;
        check_section(file, source, "text", &self.text, quits)?;
        check_section(file, source, "replay", &self.replay, |c| {
            matches!(c, Some(Control::Quit))
        })?;
        check_section(file, source, "welcome", &self.welcome, |c| {
            matches!(c, Some(Welcome::Quit))
        })
    }
}

fn check_section<T>(
    file: &str,
    source: &str,
    name: &str,
    section: &Section<T>,
    quits: impl Fn(&Option<T>) -> bool,
) -> Result<(), Diagnostic> {
    // Keys are found in the text after the section's name (or anywhere in the older form).
    let start = find_section(source, name);
    let at = |key: &str, nth: usize, message: String| {
        let quoted = format!("\"{key}\"");
        let offset = source[start..]
            .match_indices(&quoted)
            .nth(nth)
            .map_or(start, |(i, _)| start + i);
        Diagnostic::at_offset(file, source, offset, quoted.len(), Severity::Error, message)
    };
    for (i, (key, command)) in section.0.iter().enumerate() {
        if parse_key(key).is_none() {
            return Err(at(
                key,
                0,
                format!("`{key}` is not a key name (try \"x\", \"ctrl+x\", \"F2\", \"pagedown\")"),
            ));
        }
        if let Some((earlier, _)) = section.0[..i].iter().find(|(k, _)| same_key(k, key)) {
            let nth = usize::from(earlier == key);
            return Err(at(
                key,
                nth,
                format!("`{key}` is given twice in `{name}` (also as \"{earlier}\")"),
            ));
        }
        if same_key(key, "ctrl+c") && !quits(command) {
            return Err(at(
                key,
                0,
                "ctrl+c always quits; it cannot be bound to anything else".to_owned(),
            ));
        }
    }
    Ok(())
}

/// Where a section's name stands in the text (0 when it is not written out).
fn find_section(source: &str, name: &str) -> usize {
    source
        .match_indices(name)
        .find(|(i, _)| {
            let before = source[..*i].chars().next_back();
            let after = source[i + name.len()..].trim_start().chars().next();
            !before.is_some_and(|c| c.is_alphanumeric() || c == '"') && after == Some(':')
        })
        .map_or(0, |(i, _)| i)
}

/// The first character of a RON text that is not blank or in a comment.
fn first_token(source: &str) -> Option<char> {
    let mut rest = source;
    loop {
        rest = rest.trim_start();
        if let Some(line) = rest.strip_prefix("//") {
            rest = line.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(block) = rest.strip_prefix("/*") {
            rest = block.split_once("*/").map_or("", |(_, r)| r);
        } else {
            return rest.chars().next();
        }
    }
}

/// Reads and parses a keymap file from disk.
pub fn read(path: &Path) -> Result<KeymapFile, Diagnostic> {
    let file = path.display().to_string();
    let bytes = read_capped(path, MAX_BYTES).map_err(|m| Diagnostic::whole_file(&file, m))?;
    let source = String::from_utf8(bytes)
        .map_err(|_| Diagnostic::whole_file(&file, "the keymap is not UTF-8 text"))?;
    KeymapFile::parse(&file, &source)
}

/// Where a user's keymap is looked for: `$XDG_CONFIG_HOME/redcode/keymap.ron`, or
/// `~/.config/redcode/keymap.ron`.
pub fn user_path() -> Option<PathBuf> {
    user_path_from(
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    )
}

fn user_path_from(
    xdg: Option<std::ffi::OsString>,
    home: Option<std::ffi::OsString>,
) -> Option<PathBuf> {
    let dir = match (
        xdg.filter(|x| !x.is_empty()),
        home.filter(|h| !h.is_empty()),
    ) {
        (Some(xdg), _) => PathBuf::from(xdg),
        (None, Some(home)) => PathBuf::from(home).join(".config"),
        (None, None) => return None,
    };
    Some(dir.join("redcode").join("keymap.ron"))
}

/// The keymap file to use: the one given on the command line, else the user's if there
/// is one, else none (the defaults).
pub fn chosen_path(explicit: Option<&Path>) -> Option<PathBuf> {
    match explicit {
        Some(path) => Some(path.to_owned()),
        None => user_path().filter(|p| p.is_file()),
    }
}

/// Lays a user's section over the defaults: a command the user binds keeps only the user's
/// keys (where its default keys stood, so the help keeps its order) and ctrl+c; a key the
/// user gives loses its default binding; `None` frees a key.
pub fn overlay<T: Copy + PartialEq>(base: &[(String, T)], user: &Section<T>) -> Vec<(String, T)> {
    let named: Vec<T> = user.0.iter().filter_map(|(_, c)| *c).collect();
    let users_keys = |command: T| {
        user.0
            .iter()
            .filter(move |(_, c)| *c == Some(command))
            .map(move |(k, _)| (k.clone(), command))
    };
    let mut placed: Vec<T> = Vec::new();
    let mut out: Vec<(String, T)> = Vec::new();
    for (key, command) in base {
        if named.contains(command) {
            if !placed.contains(command) {
                placed.push(*command);
                out.extend(users_keys(*command));
            }
        } else if !user.0.iter().any(|(k, _)| same_key(k, key)) {
            out.push((key.clone(), *command));
        }
    }
    for command in named {
        if !placed.contains(&command) {
            placed.push(command);
            out.extend(users_keys(command));
        }
    }
    // ctrl+c quits whatever the file says, so it stays with its command, after its keys.
    for (key, command) in base.iter().filter(|(k, _)| same_key(k, "ctrl+c")) {
        if !out.iter().any(|(k, _)| same_key(k, key)) {
            let at = out
                .iter()
                .rposition(|(_, c)| c == command)
                .map_or(out.len(), |i| i + 1);
            out.insert(at, (key.clone(), *command));
        }
    }
    out
}

/// Writes sections of keys as a keymap file that reads back the same.
pub fn write_sections(sections: &[(&str, Vec<(String, String)>)]) -> String {
    let mut out = String::from(
        "// The keys in effect: redcode's defaults with your keymap laid over them.\n\
         // `redcode keys` prints the defaults with notes on every key name.\n(\n",
    );
    for (name, keys) in sections {
        let _ = writeln!(out, "    {name}: {{");
        for (key, command) in keys {
            let quoted = ron::to_string(key).unwrap_or_else(|_| format!("{key:?}"));
            let _ = writeln!(out, "        {quoted}: {command},");
        }
        out.push_str("    },\n");
    }
    out.push_str(")\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_parses_and_every_key_is_a_key() {
        let file = KeymapFile::parse("keymap.ron", DEFAULT_SOURCE).unwrap();
        assert!(file.normal.0.len() > 40);
        assert_eq!(
            file.dialog.get(&"enter".to_owned()),
            Some(&Some(Command::Confirm))
        );
        assert_eq!(
            file.replay.get(&"space".to_owned()),
            Some(&Some(Control::PlayPause))
        );
        assert_eq!(
            file.welcome.get(&"t".to_owned()),
            Some(&Some(Welcome::Tutorial))
        );
    }

    #[test]
    fn commands_a_keymap_may_not_bind_are_refused_where_they_stand() {
        for internal in [
            "Resize(width: 1, height: 2)",
            "Type('x')",
            "SelectRow(3)",
            "SeekTo(0)",
        ] {
            let source = format!("(\n  normal: {{\n    \"x\": {internal},\n  }},\n)");
            let error = KeymapFile::parse("k.ron", &source).unwrap_err();
            assert_eq!((error.line, error.column), (3, 10), "{internal}: {error}");
        }
        let error = KeymapFile::parse("k.ron", "{ \"x\": AddFlag }").unwrap_err();
        assert_eq!(error.line, 1);
        assert!(
            error
                .message
                .starts_with("`AddFlag` is not a command a key can be bound to"),
            "{error}"
        );
    }

    #[test]
    fn bad_keys_twice_given_keys_and_a_taken_ctrl_c_are_located() {
        let error = KeymapFile::parse(
            "k.ron",
            "(\n dialog: { \"q\": Cancel,\n  \"hyper+q\": Up })",
        )
        .unwrap_err();
        assert_eq!((error.line, error.column), (3, 3));
        let error = KeymapFile::parse("k.ron", "(text: {\"up\": Up,\n \"up\": Down})").unwrap_err();
        assert_eq!((error.line, error.column), (2, 2));
        assert!(error.message.contains("twice"), "{error}");
        let error = KeymapFile::parse("k.ron", "(\n\n normal: {\"ctrl+c\": None})").unwrap_err();
        assert_eq!((error.line, error.column), (3, 11));
        assert!(error.message.contains("always quits"), "{error}");
        assert!(KeymapFile::parse("k.ron", "(normal: {\"ctrl+c\": Quit})").is_ok());
        let error = KeymapFile::parse("k.ron", "(nromal: {})").unwrap_err();
        assert_eq!(error.line, 1);
    }

    #[test]
    fn a_users_section_moves_adds_and_frees_keys() {
        let base: Vec<(String, Command)> = [
            ("q", Command::Quit),
            ("ctrl+c", Command::Quit),
            ("k", Command::Up),
            ("up", Command::Up),
        ]
        .iter()
        .map(|(k, c)| (k.to_string(), *c))
        .collect();
        let user = KeymapFile::parse(
            "k.ron",
            "{ \"Q\": Quit, \"k\": None, \"ctrl+n\": NextChange }",
        )
        .unwrap()
        .normal;
        let merged = overlay(&base, &user);
        let keys: Vec<(&str, Command)> = merged.iter().map(|(k, c)| (k.as_str(), *c)).collect();
        assert_eq!(
            keys,
            [
                ("Q", Command::Quit),
                ("ctrl+c", Command::Quit),
                ("up", Command::Up),
                ("ctrl+n", Command::NextChange)
            ]
        );
    }

    #[test]
    fn the_user_keymap_is_found_under_xdg_config_home_then_home() {
        assert_eq!(
            user_path_from(Some("/x".into()), Some("/h".into())),
            Some(PathBuf::from("/x/redcode/keymap.ron"))
        );
        assert_eq!(
            user_path_from(Some("".into()), Some("/h".into())),
            Some(PathBuf::from("/h/.config/redcode/keymap.ron"))
        );
        assert_eq!(user_path_from(None, None), None);
        assert_eq!(
            chosen_path(Some(Path::new("/k.ron"))),
            Some(PathBuf::from("/k.ron"))
        );
    }

    #[test]
    fn comments_before_the_first_token_are_skipped() {
        assert_eq!(first_token("// a\n /* b */ { }"), Some('{'));
        assert_eq!(first_token("// only"), None);
        assert_eq!(first_token("(normal: {})"), Some('('));
    }
}

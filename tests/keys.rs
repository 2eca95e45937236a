//! `redcode keys` and the user's keymap file: the printed default reads back as a keymap,
//! `$XDG_CONFIG_HOME/redcode/keymap.ron` is found without a flag, `--keymap` overrides it,
//! and a bad file is reported at its line and column.

mod common;

use std::path::Path;
use std::process::Output;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use redcode::audit::{Action, Screen};
use redcode::scenario::builtin::TUTORIAL;
use redcode::tui::keyfile::KeymapFile;
use redcode::tui::keymap::{Keymap, Mode};
use redcode::tui::replay_viewer::Viewer;
use redcode::tui::theme::Theme;

/// Runs the binary with `config` as the user's configuration folder (and home).
fn redcode(args: &[&str], config: &Path) -> Output {
    common::redcode_command()
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .env("HOME", config)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

fn write_user_keymap(config: &Path, source: &str) -> std::path::PathBuf {
    let dir = config.join("redcode");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("keymap.ron");
    std::fs::write(&path, source).unwrap();
    path
}

#[test]
fn keys_prints_the_default_keymap_and_it_reads_back_as_one() {
    let config = common::tempdir();
    let output = redcode(&["keys"], config.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let printed = text(&output.stdout);
    assert!(printed.contains("\"q\": Quit,"), "{printed}");
    let file = KeymapFile::parse("printed", &printed).expect("the output parses as a keymap");
    let map = Keymap::over_defaults(&file);
    assert_eq!(map.bindings, Keymap::default().bindings);
    // A user's file does not change what `keys` prints: it prints the defaults to copy.
    write_user_keymap(config.path(), "(normal: { \"Q\": Quit })");
    assert_eq!(text(&redcode(&["keys"], config.path()).stdout), printed);
}

#[test]
fn the_users_keymap_is_found_under_xdg_config_home_and_keymap_overrides_it() {
    let config = common::tempdir();
    write_user_keymap(config.path(), "(normal: { \"Q\": Quit, \"x\": None })");
    let output = redcode(&["keys", "--current"], config.path());
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let current = text(&output.stdout);
    let map = Keymap::over_defaults(&KeymapFile::parse("current", &current).unwrap());
    let normal: Vec<(&str, &str)> = map
        .bindings
        .iter()
        .filter(|b| b.mode == Mode::Normal)
        .map(|b| (b.key.as_str(), b.help.as_str()))
        .collect();
    assert!(normal.contains(&("Q", "quit")), "{current}");
    assert!(normal.contains(&("ctrl+c", "quit")), "{current}");
    assert!(
        !normal.iter().any(|(k, _)| *k == "q" || *k == "x"),
        "{current}"
    );

    let other = config.path().join("other.ron");
    std::fs::write(&other, "(normal: { \"F10\": Quit })").unwrap();
    let output = redcode(
        &["keys", "--current", "--keymap", other.to_str().unwrap()],
        config.path(),
    );
    let current = text(&output.stdout);
    assert!(current.contains("\"F10\": Quit,"), "{current}");
    assert!(!current.contains("\"Q\": Quit,"), "{current}");
}

#[test]
fn a_bad_user_keymap_is_reported_at_its_line_and_column() {
    let config = common::tempdir();
    let path = write_user_keymap(
        config.path(),
        "(\n    normal: {\n        \"r\": Resize(width: 80, height: 24),\n    },\n)\n",
    );
    let output = redcode(&["keys", "--current"], config.path());
    let err = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let location = format!("{}:3:14", path.display());
    assert!(err.contains(&location), "{location} in:\n{err}");
    assert!(err.contains("Resize"), "{err}");
}

fn user_keymap(source: &str) -> Keymap {
    Keymap::over_defaults(&KeymapFile::parse("keymap.ron", source).unwrap())
}

fn screen_text(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    common::screen_text(terminal.backend().buffer())
}

#[test]
fn the_replay_viewer_and_the_welcome_take_the_users_keys() {
    let dir = common::tempdir();
    let journal = common::recorded(
        dir.path(),
        TUTORIAL,
        "ann",
        &[
            Action::NextChange,
            Action::Show(Screen::People),
            Action::Down,
        ],
    );
    let world = common::tutorial();

    let keymap = user_keymap("(replay: { \"p\": PlayPause, \"s\": Step, \"ctrl+g\": Seek })");
    let mut v = Viewer::with_keymap(world, &journal, Theme::MONO, keymap).unwrap();
    let press = |v: &mut Viewer, code: KeyCode, modifiers: KeyModifiers| {
        v.key(KeyEvent::new(code, modifiers))
    };
    let none = KeyModifiers::NONE;
    assert!(v.playing);
    press(&mut v, KeyCode::Char(' '), none);
    assert!(v.playing, "space no longer plays or pauses");
    press(&mut v, KeyCode::Char('p'), none);
    assert!(!v.playing);
    press(&mut v, KeyCode::Char('s'), none);
    assert_eq!(v.replay.position, 1);
    press(&mut v, KeyCode::Char('g'), KeyModifiers::CONTROL);
    assert_eq!(v.seek_input.as_deref(), Some(""));
    press(&mut v, KeyCode::Char('3'), none);
    press(&mut v, KeyCode::Enter, none);
    assert_eq!(v.replay.position, 3);

    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| v.draw(f)).unwrap();
    let text = screen_text(&terminal);
    assert!(text.contains(" p  play/pause"), "{text}");
    assert!(text.contains(" ctrl+g  seek"), "{text}");
    press(&mut v, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(v.quit);

    let keymap = user_keymap("(welcome: { \"y\": Tutorial, \"x\": Quit })");
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| redcode::tui::views::welcome_with(f, "Red codes", &keymap))
        .unwrap();
    let text = screen_text(&terminal);
    assert!(text.contains("  y   the tutorial"), "{text}");
    assert!(text.contains("  ⏎   Red codes"), "{text}");
    assert!(text.contains("  x   quit"), "{text}");
    assert!(!text.contains("  t   the tutorial"), "{text}");
}

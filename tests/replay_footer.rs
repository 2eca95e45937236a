//! The replay viewer's keys at 80×24: every key of the keymap's replay section is shown,
//! on as many rows as it takes, none cut at the edge.

mod common;

use common::changes_of;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::{Action, Desk, Screen};
use redcode::open::open;
use redcode::session::journal::{self, Writer};
use redcode::session::{Recorder, new_header};
use redcode::tui::keymap::Keymap;
use redcode::tui::replay_viewer::Viewer;
use redcode::tui::theme::Theme;

#[test]
fn every_replay_key_is_shown_at_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let world = open(Some("tutorial"), None).unwrap().world;
    let header = new_header("tutorial", &world.scenario, world.seed, "ann");
    let mut recorder = Recorder::new(Writer::create(&path, &header).unwrap());
    let mut desk = Desk::new(&world);
    for action in [Action::NextChange, Action::Show(Screen::People)] {
        let changes = changes_of(desk.update(&world, action.clone()));
        recorder.record(&action, &changes, &desk);
    }
    drop(recorder);
    let journal = journal::read(&path).unwrap();
    let mut viewer = Viewer::new(world, &journal, Theme::MONO).unwrap();
    viewer.playing = false;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| viewer.draw(f)).unwrap();
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..24)
        .map(|y| (0..80).map(|x| buffer[(x, y)].symbol()).collect())
        .collect();
    let footer = rows[20..].join("\n");
    for (key, help) in Keymap::default().replay_hints() {
        let shown = format!(" {key}  {help}");
        assert!(footer.contains(&shown), "{shown:?} missing from\n{footer}");
    }
    insta::assert_snapshot!("replay-footer-80x24", terminal.backend());
}

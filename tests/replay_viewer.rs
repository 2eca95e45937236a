//! The replay viewer: controls, markers, speed, seeking by action number and by time, and
//! what it draws.

use std::path::Path;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::casefile::{Flag, FlagTarget};
use redcode::audit::{Action, Desk, Screen};
use redcode::open::open;
use redcode::scenario::builtin;
use redcode::scenario::model::Category;
use redcode::session::journal::{self, Journal, Writer};
use redcode::session::{Recorder, new_header};
use redcode::tui::replay::{Control, Viewer};
use redcode::tui::theme::Theme;

fn recorded(path: &Path) -> Journal {
    let world = open(Some("tutorial"), None).unwrap().world;
    let header = new_header(
        "tutorial",
        "tutorial",
        builtin::find("tutorial").unwrap().source,
        world.seed,
        "ann",
    );
    let mut recorder = Recorder::new(Writer::create(path, &header).unwrap());
    let mut desk = Desk::new(&world);
    let mut actions = vec![
        Action::NextChange,
        Action::Show(Screen::People),
        Action::Down,
    ];
    actions.push(Action::AddFlag(Flag {
        target: FlagTarget::Entry(2),
        category: Category::NoEpidemicBasis,
        executed_by: vec!["yu-clerk".into()],
        ordered_by: vec!["pan-deputy".into()],
    }));
    actions.extend([
        Action::Down,
        Action::Down,
        Action::AddNote("n".into()),
        Action::Up,
        Action::Submit,
    ]);
    for action in actions {
        desk.update(&world, action.clone());
        recorder.record(&action, &desk);
    }
    drop(recorder);
    journal::read(path).unwrap()
}

fn viewer(journal: &Journal) -> Viewer {
    let world = open(Some("tutorial"), None).unwrap().world;
    Viewer::new(world, journal, Theme::MONO).unwrap()
}

#[test]
fn steps_back_and_forth_and_jumps_between_markers() {
    let dir = tempfile::tempdir().unwrap();
    let journal = recorded(&dir.path().join("s.jsonl"));
    let mut v = viewer(&journal);
    assert_eq!(v.replay.position, 0);
    v.control(Control::Step);
    assert!(!v.playing, "stepping pauses");
    assert_eq!(v.replay.position, 1);
    assert_eq!(v.app.desk.clock(), v.replay.desk.clock());
    v.control(Control::NextMarker);
    assert_eq!(v.replay.position, 4, "the flag");
    assert_eq!(v.app.desk.case().flags.len(), 1);
    v.control(Control::NextMarker);
    assert_eq!(v.replay.position, 7, "the note");
    v.control(Control::NextMarker);
    assert_eq!(v.replay.position, 9, "the submit");
    assert!(v.app.desk.submitted());
    v.control(Control::PrevMarker);
    assert_eq!(v.replay.position, 7);
    v.control(Control::StepBack);
    assert_eq!(v.replay.position, 6);
    assert!(v.app.desk.case().notes.is_empty());
}

#[test]
fn speed_and_seeking() {
    let dir = tempfile::tempdir().unwrap();
    let journal = recorded(&dir.path().join("s.jsonl"));
    let mut v = viewer(&journal);
    v.control(Control::Faster);
    v.control(Control::Faster);
    assert_eq!(v.speed, 4.0);
    for _ in 0..10 {
        v.control(Control::Slower);
    }
    assert_eq!(v.speed, 0.25);
    v.seek_to_text("#5").unwrap();
    assert_eq!(v.replay.position, 5);
    v.seek_to_text("0:00").unwrap();
    // Every action in this journal was recorded within the first second.
    assert_eq!(v.replay.position, v.replay.position_at_time(0));
    assert!(v.seek_to_text("soon").is_err());
    // Playing runs through everything recorded so far.
    v.seek(0);
    v.playing = true;
    v.advance(Duration::from_secs(3600));
    assert_eq!(v.replay.position, v.replay.len());
    assert!(!v.playing, "playback stops at the end");
}

#[test]
fn draws_the_session_with_a_progress_bar() {
    let dir = tempfile::tempdir().unwrap();
    let journal = recorded(&dir.path().join("s.jsonl"));
    let mut v = viewer(&journal);
    v.seek(4);
    v.playing = false;
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| v.draw(f)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("action 4/9"), "{screen}");
    assert!(screen.contains("last marker: flag"), "{screen}");
    assert!(
        screen.contains("space") && screen.contains("play/pause"),
        "{screen}"
    );
    assert!(
        screen.contains("People"),
        "the recorded screen is drawn: {screen}"
    );
}

#[test]
fn a_refused_seek_is_said_in_the_status_line() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let dir = tempfile::tempdir().unwrap();
    let journal = recorded(&dir.path().join("s.jsonl"));
    let mut v = viewer(&journal);
    v.seek(2);
    v.playing = false;
    let press = |v: &mut Viewer, code: KeyCode| v.key(KeyEvent::new(code, KeyModifiers::NONE));
    let screen = |v: &Viewer| {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal.draw(|f| v.draw(f)).unwrap();
        terminal.backend().to_string()
    };
    for (typed, said) in [
        ("soon", "`soon` is not an action number"),
        ("99", "there is no action 99: the session has 9"),
        ("1:xx", "not a time like 12:30"),
    ] {
        press(&mut v, KeyCode::Char('g'));
        assert!(v.seek_input.is_some(), "g opens the seek field");
        for c in typed.chars() {
            press(&mut v, KeyCode::Char(c));
        }
        press(&mut v, KeyCode::Enter);
        assert_eq!(v.replay.position, 2, "a refused seek stays put");
        let shown = screen(&v);
        assert!(
            shown.contains("Seek refused") && shown.contains(said),
            "{shown}"
        );
    }
    // The next key takes the message away and the keys come back.
    press(&mut v, KeyCode::Char('+'));
    let shown = screen(&v);
    assert!(
        !shown.contains("Seek refused") && shown.contains("play/pause"),
        "{shown}"
    );
    assert!(v.seek_to_text("#100").is_err());
}

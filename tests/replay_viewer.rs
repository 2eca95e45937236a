//! The replay viewer: controls, markers, speed, seeking by action number and by time, and
//! what it draws.

mod common;

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::casefile::{Flag, FlagTarget};
use redcode::audit::{Action, Screen};
use redcode::scenario::builtin::TUTORIAL;
use redcode::scenario::model::Category;
use redcode::session::journal::Journal;
use redcode::tui::replay_viewer::{Control, Viewer};
use redcode::tui::theme::Theme;

/// A short tutorial session, journaled and read back: a change, the people list, a flag,
/// a note, the submit. The viewer works from the journal read, so its file can go.
fn recorded() -> Journal {
    let actions = [
        Action::NextChange,
        Action::Show(Screen::People),
        Action::Down,
        Action::AddFlag(Flag::new(
            FlagTarget::Entry(redcode::engine::EntryId(2)),
            Category::NoEpidemicBasis,
            &["yu-clerk"],
            &["pan-deputy"],
        )),
        Action::Down,
        Action::Down,
        Action::AddNote("n".into()),
        Action::Up,
        Action::Submit,
    ];
    common::recorded(common::tempdir().path(), TUTORIAL, "ann", &actions)
}

fn viewer(journal: &Journal) -> Viewer {
    Viewer::new(common::tutorial(), journal, Theme::MONO).unwrap()
}

#[test]
fn steps_back_and_forth_and_jumps_between_markers() {
    let mut v = viewer(&recorded());
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
    let mut journal = recorded();
    // Known times in place of the wall clock's: two actions at the start, then the rest
    // spread over a minute and two seconds.
    let times = [0, 0, 400, 1000, 1500, 2000, 61_000, 61_000, 62_000];
    assert_eq!(journal.actions.len(), times.len());
    for ((t, _), &known) in journal.actions.iter_mut().zip(&times) {
        *t = known;
    }
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
    // A time seeks past every action recorded by then: mm:ss, or h:mm:ss.
    for (text, position) in [
        ("0:00", 2),
        ("0:01", 4),
        ("0:02", 6),
        ("0:59", 6),
        ("1:00", 6),
        ("1:01", 8),
        ("0:01:02", 9),
        ("9:59", 9),
    ] {
        v.seek_to_text(text).unwrap();
        assert_eq!(v.replay.position, position, "seeking to {text}");
    }
    // The desk is the one of that moment: at 0:01 the flag (the fourth action) is in, the
    // note (the seventh) is not.
    v.seek_to_text("0:01").unwrap();
    assert_eq!(v.app.desk.case().flags.len(), 1);
    assert!(v.app.desk.case().notes.is_empty());
    v.seek_to_text("0:00").unwrap();
    assert!(v.app.desk.case().flags.is_empty());
    assert!(v.seek_to_text("soon").is_err());
    assert_eq!(v.replay.position, 2, "a bad time leaves the position alone");
    // Playing runs through everything recorded so far.
    v.seek(0);
    v.playing = true;
    v.advance(Duration::from_secs(3600));
    assert_eq!(v.replay.position, v.replay.len());
    assert!(!v.playing, "playback stops at the end");
}

#[test]
fn draws_the_session_with_a_progress_bar() {
    let mut v = viewer(&recorded());
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
    let journal = recorded();
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

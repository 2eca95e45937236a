//! `redcode play --from TIME`: the console opens with the clock at the moment asked for,
//! through the desk's own `SeekTo`, so the session's journal holds the jump and a replay of
//! it ends where the player did. Driven here as the command drives it: the opening actions,
//! then the console loop over a test backend with scripted keys, every action journaled.

mod common;

use std::collections::VecDeque;
use std::io;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use redcode::audit::{Action, CaseChange};
use redcode::scenario::Time;
use redcode::session::journal::{self, Writer};
use redcode::session::replay::Replay;
use redcode::session::{Recorder, new_header};
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;
use redcode::tui::{App, EventSource, drive, open_with};

/// Keys typed one after another; when they run out, the console is asked to stop.
struct Script {
    keys: VecDeque<char>,
}

impl EventSource for Script {
    fn next_event(&mut self, _timeout: Duration) -> io::Result<Option<Event>> {
        Ok(self
            .keys
            .pop_front()
            .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))))
    }

    fn stop_requested(&self) -> bool {
        self.keys.is_empty()
    }
}

#[test]
fn the_console_starts_at_the_moment_and_the_journal_replays_it() {
    let world = common::tutorial();
    let dir = common::tempdir();
    let path = dir.path().join("from.jsonl");
    let header = new_header("tutorial", &world.scenario, world.seed, "tester");
    let mut recorder = Recorder::new(Writer::create(&path, &header).unwrap());
    let mut app = App::new(world.clone(), Keymap::default(), Theme::MONO, "t".into());
    let mut after = |action: Option<&Action>, changes: &[CaseChange], app: &mut App| {
        if let Some(action) = action {
            recorder.record(action, changes, &app.desk);
        }
    };
    let from = Time::parse("2022-06-05 12:00").unwrap();

    open_with(&mut app, &[Action::SeekTo(from)], &mut after);
    assert_eq!(
        app.desk.clock(),
        from,
        "the clock is set before the first frame"
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let first = common::screen_text(terminal.backend().buffer());
    assert!(first.contains("2022-06-05 12:00"), "{first}");

    // 2 shows the timeline, n runs the clock to the next change (the lapse on 10 June).
    let mut script = Script {
        keys: "2n".chars().collect(),
    };
    drive(&mut terminal, &mut script, &mut app, &mut after).unwrap();
    let after_n = app.desk.clock();
    assert!(after_n > from, "n moved on from {from} to {after_n}");
    assert_eq!(after_n.to_string().get(..10), Some("2022-06-10"));
    recorder.sync();
    assert!(recorder.error.is_none(), "{:?}", recorder.error);

    let journal = journal::read(&path).unwrap();
    let actions: Vec<&Action> = journal.actions.iter().map(|(_, a)| a).collect();
    assert_eq!(actions.first(), Some(&&Action::SeekTo(from)), "{actions:?}");
    assert!(actions.contains(&&Action::NextChange), "{actions:?}");
    let replay = Replay::headless(&world, &journal).unwrap();
    assert_eq!(
        replay.desk.clock(),
        after_n,
        "the replay ends where play did"
    );
}

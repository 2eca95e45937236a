//! The console driven the way a terminal drives it: key, mouse and resize events through
//! `App::action_for`, then `dispatch`, with a frame drawn after each as the real loop does.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::style::Modifier;
use redcode::audit::casefile::FlagTarget;
use redcode::audit::{Action, Screen};
use redcode::scenario::model::Category;
use redcode::tui::App;
use redcode::tui::keymap::{Keymap, Mode, parse_key};
use redcode::tui::theme::Theme;

/// A console of `width`×`height` that has been told its size and drawn once.
struct Console {
    app: App,
    terminal: Terminal<TestBackend>,
}

impl Console {
    fn new(width: u16, height: u16) -> Console {
        let app = App::new(
            common::zhengzhou(),
            Keymap::default(),
            Theme::MONO,
            "tester".into(),
        );
        let terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        let mut console = Console { app, terminal };
        console.event(Event::Resize(width, height));
        console
    }

    /// Sends one terminal event through the app, then draws a frame. Returns the action
    /// the event asked for.
    fn event(&mut self, event: Event) -> Option<Action> {
        let action = self.app.action_for(&event);
        if let Some(action) = action.clone() {
            self.app.dispatch(action);
        }
        if let Event::Resize(width, height) = event {
            self.terminal.backend_mut().resize(width, height);
        }
        let app = &self.app;
        self.terminal.draw(|f| app.draw(f)).unwrap();
        action
    }

    /// Presses a key by its keymap name (`"n"`, `"enter"`, `"space"`, `"ctrl+c"`).
    fn press(&mut self, name: &str) -> Option<Action> {
        let spec = parse_key(name).unwrap_or_else(|| panic!("{name} is a key name"));
        let mut modifiers = KeyModifiers::NONE;
        if spec.ctrl {
            modifiers |= KeyModifiers::CONTROL;
        }
        if spec.alt {
            modifiers |= KeyModifiers::ALT;
        }
        if let KeyCode::Char(c) = spec.code
            && c.is_ascii_uppercase()
        {
            modifiers |= KeyModifiers::SHIFT;
        }
        self.event(Event::Key(KeyEvent::new(spec.code, modifiers)))
    }

    /// Types text one key at a time.
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            let action = self.event(Event::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )));
            assert_eq!(action, Some(Action::Type(c)), "typing {c:?}");
        }
    }

    fn mouse(&mut self, kind: MouseEventKind, column: u16, row: u16) -> Option<Action> {
        self.event(Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }))
    }

    fn buffer(&self) -> &Buffer {
        self.terminal.backend().buffer()
    }

    /// The screen's text, one string per row, each wide character once.
    fn rows(&self) -> Vec<String> {
        common::screen_rows(self.buffer())
    }

    fn text(&self) -> String {
        self.rows().join("\n")
    }
}

#[test]
fn keys_alone_lead_from_the_clock_to_a_flag_on_the_batch() {
    let mut c = Console::new(80, 24);
    // Seek to noon on 13 June from the timeline: the field starts with the clock's time.
    c.press("2");
    assert_eq!(c.press("@"), Some(Action::StartSeek));
    for _ in 0.."2022-06-09 00:00".len() {
        assert_eq!(c.press("backspace"), Some(Action::Erase));
    }
    c.type_text("2022-06-13 12:00");
    c.press("enter");
    assert_eq!(c.app.desk.clock().to_string(), "2022-06-13 12:00");
    // n, 3, /, typing, enter, t, x, f, space, enter.
    assert_eq!(c.press("n"), Some(Action::NextChange));
    assert!(c.app.desk.clock().to_string().as_str() > "2022-06-13 12:00");
    assert_eq!(c.press("3"), Some(Action::Show(Screen::People)));
    assert_eq!(c.press("/"), Some(Action::StartSearch));
    c.type_text("lin xiu");
    assert!(c.text().contains("Search: lin xiu"), "{}", c.text());
    c.press("enter");
    assert!(c.app.desk.input().is_none());
    let lin = c.app.world.roster.find("lin-xiu").unwrap();
    assert_eq!(c.app.desk.people_rows().first(), Some(&lin));
    assert_eq!(c.press("t"), Some(Action::TraceSelected));
    assert_eq!(c.app.desk.screen(), Screen::Trace);
    assert!(c.text().contains("Lin Xiu (lin-xiu)"), "{}", c.text());
    assert_eq!(c.press("x"), Some(Action::CheckSelected));
    assert_eq!(c.app.desk.screen(), Screen::Check);
    assert!(c.text().contains("DISCREPANCY"), "{}", c.text());
    assert_eq!(c.press("f"), Some(Action::OpenFlagDialog));
    assert!(c.app.desk.flag_dialog().is_some());
    assert_eq!(c.press("space"), Some(Action::Toggle));
    assert!(c.text().contains("batch b-0612-a"), "{}", c.text());
    assert_eq!(c.press("enter"), Some(Action::Confirm));
    assert!(c.app.desk.flag_dialog().is_none());
    let flags = &c.app.desk.case().flags;
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].target, FlagTarget::Batch("b-0612-a".into()));
    assert_eq!(flags[0].category(), Category::NoEpidemicBasis);
    assert_eq!(flags[0].carried_out, vec!["chen-yuting".to_string()]);
    assert!(c.text().contains("Flagged batch b-0612-a"), "{}", c.text());
    assert!(c.rows()[0].contains("flags 1"), "{}", c.rows()[0]);
}

#[test]
fn in_a_text_field_letters_type_rather_than_act() {
    let mut c = Console::new(80, 24);
    c.press("3");
    c.press("/");
    assert_eq!(c.press("q"), Some(Action::Type('q')));
    assert!(!c.app.quit);
    assert_eq!(c.press("esc"), Some(Action::Cancel));
    assert_eq!(c.press("q"), Some(Action::Quit));
    assert!(c.app.quit);
}

#[test]
fn key_releases_are_ignored_and_ctrl_c_quits_from_a_dialog() {
    let mut c = Console::new(80, 24);
    let mut release = KeyEvent::new(KeyCode::Char('3'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    assert_eq!(c.event(Event::Key(release)), None);
    assert_eq!(c.app.desk.screen(), Screen::Briefing);
    c.app.dispatch(Action::SeekEnd);
    c.press("6");
    let chen = usize::from(c.app.world.official_ix("chen-yuting").unwrap());
    c.app.dispatch(Action::SelectRow(chen));
    c.press("f");
    assert_eq!(c.app.mode(), Mode::Dialog);
    assert_eq!(c.press("ctrl+c"), Some(Action::Quit));
    assert!(c.app.quit);
}

#[test]
fn a_click_selects_the_row_under_the_pointer() {
    let mut c = Console::new(80, 24);
    c.press("3");
    let list = c.app.list_area.borrow().expect("the people list was drawn");
    assert_eq!(list.offset, 0);
    // Click the fifth row of the list.
    let action = c.mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.area.x + 10,
        list.area.y + 4,
    );
    assert_eq!(action, Some(Action::SelectRow(4)));
    assert_eq!(c.app.desk.selected(Screen::People), 4);
    // The row drawn highlighted is the one clicked, and it is that person.
    let buffer = c.buffer();
    let highlighted: Vec<u16> = (list.area.y..list.area.bottom())
        .filter(|&y| {
            buffer[(list.area.x + 10, y)]
                .modifier
                .contains(Modifier::REVERSED)
        })
        .collect();
    assert_eq!(highlighted, vec![list.area.y + 4]);
    let person = c.app.desk.people_rows()[4];
    let name = c.app.world.person_name(person).to_owned();
    assert!(
        c.rows()[usize::from(list.area.y + 4)].contains(&name),
        "{name}"
    );
    // A click outside the list (on the header) does nothing.
    assert_eq!(c.mouse(MouseEventKind::Down(MouseButton::Left), 5, 0), None);
    // Under the help overlay the list cannot be clicked.
    c.press("?");
    assert_eq!(
        c.mouse(
            MouseEventKind::Down(MouseButton::Left),
            list.area.x + 10,
            list.area.y + 2
        ),
        None
    );
    c.press("?");
    // After scrolling, a click maps through the offset.
    c.press("end");
    let list = c.app.list_area.borrow().unwrap();
    assert!(list.offset > 0);
    let action = c.mouse(
        MouseEventKind::Down(MouseButton::Left),
        list.area.x + 1,
        list.area.y + 2,
    );
    assert_eq!(action, Some(Action::SelectRow(list.offset + 2)));
    assert_eq!(c.app.desk.selected(Screen::People), list.offset + 2);
}

#[test]
fn the_wheel_moves_the_selection() {
    let mut c = Console::new(80, 24);
    c.press("3");
    for _ in 0..3 {
        assert_eq!(
            c.mouse(MouseEventKind::ScrollDown, 10, 10),
            Some(Action::Down)
        );
    }
    assert_eq!(c.app.desk.selected(Screen::People), 3);
    assert_eq!(c.mouse(MouseEventKind::ScrollUp, 10, 10), Some(Action::Up));
    assert_eq!(c.app.desk.selected(Screen::People), 2);
    // Scrolling far down keeps the selection in view.
    for _ in 0..40 {
        c.mouse(MouseEventKind::ScrollDown, 10, 10);
    }
    let selected = c.app.desk.selected(Screen::People);
    assert_eq!(selected, 42);
    let list = c.app.list_area.borrow().unwrap();
    assert!((list.offset..list.offset + usize::from(list.area.height)).contains(&selected));
}

#[test]
fn a_resize_changes_the_page_size() {
    let mut c = Console::new(80, 24);
    c.press("3");
    let small = c.app.desk.page();
    c.press("pagedown");
    assert_eq!(c.app.desk.selected(Screen::People), small);
    assert_eq!(
        c.event(Event::Resize(120, 50)),
        Some(Action::Resize {
            width: 120,
            height: 50
        })
    );
    let large = c.app.desk.page();
    assert!(large > small + 20, "{small} then {large}");
    c.press("home");
    c.press("pagedown");
    assert_eq!(c.app.desk.selected(Screen::People), large);
    // The taller list shows about a page of rows.
    let list = c.app.list_area.borrow().unwrap();
    assert!(usize::from(list.area.height).abs_diff(large) <= 3);
}

/// Whether some row shows `help` with `key` among the keys just before it.
fn lists_binding(rows: &[String], key: &str, help: &str) -> bool {
    rows.iter().any(|row| {
        row.match_indices(help).any(|(at, _)| {
            let before: String = row[..at].chars().rev().take(20).collect();
            let before: String = before.chars().rev().collect();
            let after = row[at + help.len()..].chars().next();
            // The help text is whole (not the start of a longer one).
            matches!(after, None | Some(' ') | Some('│'))
                && before.split([' ', '│']).any(|token| token == key)
        })
    })
}

#[test]
fn the_help_lists_every_binding_of_the_default_keymap() {
    let keymap = Keymap::default();
    // On a large terminal, all of it at once.
    let mut c = Console::new(160, 48);
    assert_eq!(c.press("?"), Some(Action::ToggleHelp));
    let rows = c.rows();
    assert!(!c.text().contains("page 1 of"), "{}", c.text());
    for b in &keymap.bindings {
        assert!(
            lists_binding(&rows, &b.key, &b.help),
            "{} ({}) is in the help:\n{}",
            b.key,
            b.help,
            c.text()
        );
    }
    assert_eq!(c.press("esc"), Some(Action::Back));
    assert!(!c.app.desk.help_open());

    // On the smallest, page by page.
    let mut c = Console::new(80, 24);
    c.press("?");
    let first = c.text();
    let pages: usize = first
        .split("page 1 of ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("the help says how many pages:\n{first}"));
    assert!(pages > 1);
    let mut rows = c.rows();
    for page in 2..=pages {
        c.press("down");
        assert!(
            c.text().contains(&format!("page {page} of {pages}")),
            "{}",
            c.text()
        );
        rows.extend(c.rows());
    }
    // Turning past the last page comes back to the first; the list below did not move.
    c.press("down");
    assert!(c.text().contains(&format!("page 1 of {pages}")));
    assert_eq!(c.app.desk.selected(Screen::Briefing), 0);
    for b in &keymap.bindings {
        assert!(
            lists_binding(&rows, &b.key, &b.help),
            "{} ({}) is in the paged help",
            b.key,
            b.help
        );
    }
    assert_eq!(c.press("?"), Some(Action::ToggleHelp));
    assert!(!c.app.desk.help_open());
}

#[test]
fn w_writes_a_new_report_each_time_and_says_where() {
    let dir = common::tempdir();
    let mut c = Console::new(160, 48);
    c.app.report_path = dir.path().join("redcode-debrief.md");
    c.press("9");
    assert_eq!(c.app.desk.screen(), Screen::CaseFile);
    // Before the case file is handed in, there is no report to write.
    assert_eq!(c.press("w"), Some(Action::ExportReport));
    assert!(
        c.text().contains("Submit the case file first"),
        "{}",
        c.text()
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    // S asks first, and says what is still open; Enter hands it in.
    assert_eq!(c.press("S"), Some(Action::RequestSubmit));
    assert!(c.text().contains("Hand in the case file?"), "{}", c.text());
    assert!(
        c.text().contains("objectives without an answer"),
        "{}",
        c.text()
    );
    assert!(!c.app.desk.submitted());
    assert_eq!(c.press("enter"), Some(Action::Confirm));
    assert!(c.app.desk.submitted());
    let mut written = Vec::new();
    for name in ["redcode-debrief.md", "redcode-debrief-2.md"] {
        assert_eq!(c.press("w"), Some(Action::ExportReport));
        let path = dir.path().join(name);
        assert!(
            c.app.status.contains(&path.display().to_string()),
            "{}",
            c.app.status
        );
        assert!(c.text().contains("Debrief written to"), "{}", c.text());
        written.push(std::fs::read_to_string(&path).unwrap());
    }
    assert_eq!(written[0], written[1], "the same debrief, under a new name");
    assert!(written[0].contains("tester"));
}

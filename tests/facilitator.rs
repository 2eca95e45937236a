//! The facilitator's console, drawn into a test backend: the roster with live progress and
//! the phase's timer, the answer key with the true chain, the projector's hot wash, the
//! message being typed and the questions asked before what cannot be undone. Keys reach
//! the console as a terminal would send them; the class's run is the pure class state.

mod common;

use std::sync::Arc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use redcode::class::{Audience, Exercise, Plan, Progress, Roster, Standing};
use redcode::engine::World;
use redcode::scenario::builtin;
use redcode::tui::facilitator::{self, ClassView, Command, Console, Tab};
use redcode::tui::theme::Theme;

fn minutes(m: u64) -> Duration {
    Duration::from_secs(m * 60)
}

fn tutorial() -> Arc<World> {
    Arc::new(
        redcode::open::open(Some(builtin::TUTORIAL), None)
            .unwrap()
            .world,
    )
}

/// A class of three in the investigation, ten minutes in: Ana has the finding and is done,
/// Bo flagged the lawful close contact, Cy is away.
fn class(world: Arc<World>) -> ClassView {
    let key = world.scenario.answer_key.clone().unwrap();
    let finding = key.findings[0].id.to_string();
    let mut roster = Roster::new();
    let standing = |passed: bool, trap: bool, score: u32| Standing {
        passed: if passed {
            vec![finding.clone()]
        } else {
            vec![]
        },
        findings: key.findings.len(),
        wrong: usize::from(trap),
        traps: if trap {
            vec!["l-contact".into()]
        } else {
            vec![]
        },
        recommended: if passed {
            vec!["ctl-basis".into()]
        } else {
            vec![]
        },
        score,
        max_score: 24,
    };
    for (name, clock, flags, hints, st, active, submitted) in [
        (
            "Ana",
            "2022-06-03 21:00",
            1,
            0,
            standing(true, false, 20),
            8,
            true,
        ),
        (
            "Bo Wen",
            "2022-06-02 09:00",
            2,
            1,
            standing(false, true, 0),
            5,
            false,
        ),
        (
            "Cy",
            "2022-06-01 08:00",
            0,
            0,
            standing(false, false, 0),
            1,
            false,
        ),
    ] {
        roster.join(name).unwrap();
        roster.update(
            name,
            Progress {
                clock: clock.into(),
                flags,
                notes: 1,
                submitted,
                hints,
                standing: st,
                last_active: Some(minutes(active)),
            },
        );
    }
    roster.leave("Cy");
    let mut exercise = Exercise::new(Plan::default());
    exercise.next_phase(Duration::ZERO);
    exercise.next_phase(minutes(5));
    exercise.send_message("Look at who ran the change", minutes(9));
    let inject_codes = redcode::scenario::inject::codes(&world.scenario).into();
    ClassView {
        title: "redcode class: Qingshui".into(),
        join: vec!["ssh -p 2222 NAME@192.0.2.7".into()],
        code: common::class::CODE.into(),
        dir: "class-tutorial".into(),
        roster,
        connections: 2,
        log: vec![
            "2026-01-01T09:05:00Z phase investigation".into(),
            "2026-01-01T09:14:00Z message to everyone: Look at who ran the change".into(),
        ],
        world,
        exercise,
        now: minutes(15),
        released: Vec::new(),
        inject_codes,
    }
}

fn draw(view: &ClassView, console: &Console, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| facilitator::draw(f, view, Theme::MONO, console))
        .unwrap();
    terminal
}

fn press(console: &mut Console, view: &ClassView, code: KeyCode) -> Option<Command> {
    console.key(KeyEvent::new(code, KeyModifiers::NONE), &view.exercise)
}

#[test]
fn the_roster_shows_live_progress_and_the_timer_at_80_by_24() {
    let view = class(tutorial());
    let terminal = draw(&view, &Console::default(), 80, 24);
    insta::assert_snapshot!("facilitator-roster-80x24", terminal.backend());
    let screen = common::screen_text(terminal.backend().buffer());
    let rows = common::screen_rows(terminal.backend().buffer());
    assert!(
        rows[0].contains("Investigation 10:00 of 30:00, then submission"),
        "{screen}"
    );
    for wanted in [
        "ssh -p 2222 NAME@192.0.2.7",
        common::class::CODE,
        "3 students, 2 connected",
        "Pass",
        "Wrong",
        "Idle",
        "message to everyone: Look at who ran the change",
        "next phase",
        "message",
    ] {
        assert!(screen.contains(wanted), "{wanted} is shown:\n{screen}");
    }
    let row = |name: &str| rows.iter().find(|r| r.contains(name)).unwrap().clone();
    let ana = row("Ana ");
    assert!(ana.contains("06-03 21:00") && ana.contains("1/1"), "{ana}");
    assert!(ana.contains("7m") && ana.contains("submitted"), "{ana}");
    let bo = row("Bo Wen");
    assert!(bo.contains("0/1") && bo.contains("10m"), "{bo}");
    let words: Vec<&str> = bo.split_whitespace().collect();
    // Name (two words), on, clock (two), flags, notes, pass, wrong, hints, idle.
    assert_eq!(
        &words[2..],
        ["on", "06-02", "09:00", "2", "1", "0/1", "1", "1", "10m"]
    );
    let cy = row("Cy ");
    assert!(
        cy.contains("away") && !cy.contains('m'),
        "no idle time when away: {cy}"
    );
    for row in &rows {
        assert!(row.chars().count() <= 80);
    }
}

#[test]
fn the_key_view_holds_the_findings_who_did_what_and_the_true_chain() {
    let view = class(tutorial());
    let mut console = Console::default();
    press(&mut console, &view, KeyCode::Char('2'));
    assert_eq!(console.tab, Tab::Key);
    let terminal = draw(&view, &console, 80, 24);
    insta::assert_snapshot!("facilitator-key-80x24", terminal.backend());
    let screen = common::screen_text(terminal.backend().buffer());
    for wanted in [
        "never served",
        "Ding Wen's red code",
        "decided:",
        "carried it out:",
        "Lawful codes (traps)",
        "Fan Ling, close contact",
    ] {
        assert!(screen.contains(wanted), "{wanted} is shown:\n{screen}");
    }
    // The chain is further down: scrolled to, it comes into sight.
    for _ in 0..12 {
        press(&mut console, &view, KeyCode::Down);
    }
    let terminal = draw(&view, &console, 80, 24);
    let screen = common::screen_text(terminal.backend().buffer());
    assert!(screen.contains("The true chain of decision"), "{screen}");
    assert!(screen.contains("1 June — Ding Wen complains"), "{screen}");
}

#[test]
fn the_projector_shows_the_hot_wash() {
    let view = class(tutorial());
    let mut console = Console::default();
    press(&mut console, &view, KeyCode::Char('3'));
    let terminal = draw(&view, &console, 120, 36);
    insta::assert_snapshot!("facilitator-projector-120x36", terminal.backend());
    let screen = common::screen_text(terminal.backend().buffer());
    for wanted in [
        "The class",
        "Findings most missed",
        "2 missed  Ding Wen's red code",
        "Lawful codes most often flagged",
        "1 flagged  Fan Ling, close contact",
        "Recommendations the class chose",
        "1 chose ✓",
        "The true chain of decision",
        "3 June 21:00 — the clerk does so",
        "Discussion prompts",
        "Ding Wen and Jiang Hui made the same scans",
        "(not submitted)",
    ] {
        assert!(screen.contains(wanted), "{wanted} is shown:\n{screen}");
    }
    let rows = common::screen_rows(terminal.backend().buffer());
    let first = rows.iter().position(|r| r.contains("Ana ")).unwrap();
    let second = rows.iter().position(|r| r.contains("Bo Wen ")).unwrap();
    assert!(first < second, "best score first");
    assert!(rows[first].contains("20/24 pts"), "{}", rows[first]);

    // At 80×24 it stacks and scrolls: the prompts come into sight further down.
    let terminal = draw(&view, &console, 80, 24);
    let screen = common::screen_text(terminal.backend().buffer());
    assert!(screen.contains("Findings most missed"), "{screen}");
    for _ in 0..20 {
        press(&mut console, &view, KeyCode::Down);
    }
    let terminal = draw(&view, &console, 80, 24);
    let screen = common::screen_text(terminal.backend().buffer());
    assert!(screen.contains("Discussion prompts"), "{screen}");
}

#[test]
fn a_message_is_typed_in_the_footer_and_what_cannot_be_undone_asks_first() {
    let view = class(tutorial());
    let mut console = Console::default();
    press(&mut console, &view, KeyCode::Char('m'));
    for c in "Ten minutes left".chars() {
        assert_eq!(press(&mut console, &view, KeyCode::Char(c)), None);
    }
    let terminal = draw(&view, &console, 80, 24);
    let rows = common::screen_rows(terminal.backend().buffer());
    assert!(rows[23].contains("Message to everyone"), "{}", rows[23]);
    assert!(rows[23].contains("Ten minutes left"), "{}", rows[23]);
    assert_eq!(
        press(&mut console, &view, KeyCode::Enter),
        Some(Command::Message("Ten minutes left".into()))
    );
    assert_eq!(press(&mut console, &view, KeyCode::Char('E')), None);
    let terminal = draw(&view, &console, 80, 24);
    insta::assert_snapshot!("facilitator-asking-end-80x24", terminal.backend());
    let rows = common::screen_rows(terminal.backend().buffer());
    assert!(rows[23].contains("End the exercise?"), "{}", rows[23]);
    assert_eq!(
        press(&mut console, &view, KeyCode::Char('E')),
        Some(Command::EndExercise)
    );
    assert_eq!(
        press(&mut console, &view, KeyCode::Char('p')),
        Some(Command::TogglePause)
    );
}

#[test]
fn before_the_start_and_while_paused_the_console_says_so() {
    let mut view = class(tutorial());
    view.exercise = Exercise::new(Plan::default());
    let terminal = draw(&view, &Console::default(), 80, 24);
    let screen = common::screen_text(terminal.backend().buffer());
    assert!(
        screen.contains("Not started: n starts the briefing"),
        "{screen}"
    );
    assert!(screen.contains(" n start"), "{screen}");
    view.exercise.next_phase(minutes(1));
    view.exercise.pause(minutes(2));
    let terminal = draw(&view, &Console::default(), 80, 24);
    let screen = common::screen_text(terminal.backend().buffer());
    assert!(screen.contains("Briefing 01:00 of 05:00"), "{screen}");
    assert!(screen.contains("PAUSED"), "{screen}");
    assert!(screen.contains(" p resume"), "{screen}");
    let mut console = Console::default();
    press(&mut console, &view, KeyCode::Char('4'));
    let terminal = draw(&view, &console, 80, 24);
    let screen = common::screen_text(terminal.backend().buffer());
    assert!(screen.contains("4 Injects"), "{screen}");
    assert!(
        screen.contains("This scenario marks no injects"),
        "{screen}"
    );
}

#[test]
fn a_students_console_shows_the_class_in_its_header_and_footer_and_local_play_does_not() {
    use redcode::audit::Action;
    use redcode::tui::App;
    use redcode::tui::banner::{ClassBanner, HELD};
    use redcode::tui::keymap::Keymap;

    let world = tutorial();
    let mut app = App::new(
        Arc::clone(&world),
        Keymap::default(),
        Theme::MONO,
        "Ana".into(),
    );
    let draw_app = |app: &App| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|f| app.draw(f)).unwrap();
        terminal
    };
    let local = common::screen_rows(draw_app(&app).backend().buffer());
    assert!(
        local[0].contains("Tutorial"),
        "local play shows the title: {}",
        local[0]
    );
    assert!(local[0].contains("hints 0"), "{}", local[0]);

    app.class = Some(ClassBanner {
        line: "PAUSED Investigation 20:00 left".into(),
        message: Some("Look at who ran the change".into()),
        paused: true,
    });
    let terminal = draw_app(&app);
    insta::assert_snapshot!("student-in-class-paused-80x24", terminal.backend());
    let rows = common::screen_rows(terminal.backend().buffer());
    assert!(
        rows[0].contains("PAUSED Investigation 20:00 left"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("flags 0  notes 0"), "{}", rows[0]);
    assert!(
        rows[22].contains("Facilitator: Look at who ran the change"),
        "{}",
        rows[22]
    );
    // While paused the clock keys are held back, with a word why; other keys go on.
    assert!(app.held(&Action::NextChange));
    assert!(app.held(&Action::StartSeek));
    assert_eq!(app.status, HELD);
    assert!(!app.held(&Action::Show(redcode::audit::Screen::People)));
    app.class.as_mut().unwrap().paused = false;
    assert!(!app.held(&Action::NextChange), "resumed: the clock moves");
}

#[test]
fn a_long_roster_scrolls_at_80_by_24() {
    let mut view = class(tutorial());
    for i in 0..30 {
        view.roster.join(&format!("Student {i:02}")).unwrap();
    }
    let mut console = Console::default();
    let terminal = draw(&view, &console, 80, 24);
    let screen = common::screen_text(terminal.backend().buffer());
    assert!(screen.contains("Ana "), "{screen}");
    assert!(!screen.contains("Student 29"), "{screen}");
    for _ in 0..40 {
        press(&mut console, &view, KeyCode::Down);
    }
    let terminal = draw(&view, &console, 80, 24);
    let screen = common::screen_text(terminal.backend().buffer());
    assert!(
        screen.contains("Student 29"),
        "the last row comes into sight:\n{screen}"
    );
    assert!(!screen.contains("Ana "), "{screen}");
    // No further than the last row: one step up shows a row it hid.
    let rows = common::screen_rows(terminal.backend().buffer());
    let last = rows.iter().rposition(|r| r.contains("Student ")).unwrap();
    assert!(rows[last].contains("Student 29"), "{}", rows[last]);
}

#[test]
fn the_injects_view_lists_each_inject_with_its_code_and_enter_releases_the_chosen_one() {
    let world = Arc::new(redcode::open::open(None, None).unwrap().world);
    let mut view = class(Arc::clone(&world));
    let mut console = Console::default();
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    assert_eq!(
        facilitator::dispatch(&mut console, key(KeyCode::Char('4')), &view),
        None
    );
    assert_eq!(console.tab, Tab::Injects);
    let codes = redcode::scenario::inject::codes(&world.scenario);
    // The view is drawn once so the console knows how far it may move.
    draw(&view, &console, 100, 24);
    assert_eq!(
        facilitator::dispatch(&mut console, key(KeyCode::Down), &view),
        None
    );
    assert_eq!(
        facilitator::dispatch(&mut console, key(KeyCode::Enter), &view),
        Some(Command::ReleaseInject(
            world.scenario.injects[1].id.to_string(),
            Audience::Everyone
        ))
    );
    view.released.push(redcode::class::Released {
        id: world.scenario.injects[0].id.to_string(),
        to: Audience::Everyone,
    });
    let terminal = draw(&view, &console, 100, 24);
    let text = common::screen_text(terminal.backend().buffer());
    for code in &codes {
        assert!(text.contains(code.as_str()), "{code} in\n{text}");
    }
    assert!(text.contains("12345 hotline"), "{text}");
    assert!(text.contains("to everyone"), "{text}");
    assert!(text.contains("message: A reporter asks"), "{text}");
    insta::assert_snapshot!("facilitator-injects-100x24", terminal.backend());
}

#[test]
fn t_chooses_one_team_or_student_for_the_selected_inject_and_esc_takes_it_back() {
    let world = Arc::new(redcode::open::open(None, None).unwrap().world);
    let mut view = class(Arc::clone(&world));
    view.roster
        .join_team("red/Dee", Some("red"), Some(7))
        .unwrap();
    let mut console = Console::default();
    let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
    let dispatch = |console: &mut Console, code| facilitator::dispatch(console, key(code), &view);
    dispatch(&mut console, KeyCode::Char('4'));
    draw(&view, &console, 100, 24);
    dispatch(&mut console, KeyCode::Down);
    assert_eq!(dispatch(&mut console, KeyCode::Char('t')), None);
    assert_eq!(console.picking, Some(0));
    let terminal = draw(&view, &console, 100, 24);
    let text = common::screen_text(terminal.backend().buffer());
    let second = world.scenario.injects[1].id.to_string();
    assert!(text.contains(&format!("Release {second} to:")), "{text}");
    for name in ["team red", "Ana", "Bo", "red/Dee"] {
        assert!(text.contains(name), "{name} to choose from:\n{text}");
    }
    insta::assert_snapshot!("facilitator-injects-choose-100x24", terminal.backend());
    // Keys other than the choice's stay with it: `n` does not start the next phase.
    assert_eq!(dispatch(&mut console, KeyCode::Char('n')), None);
    assert_eq!(console.picking, Some(0));
    // Esc takes it back; nothing released.
    assert_eq!(dispatch(&mut console, KeyCode::Esc), None);
    assert_eq!(console.picking, None);
    // The first row is the team; the next, the first student.
    dispatch(&mut console, KeyCode::Char('t'));
    assert_eq!(
        dispatch(&mut console, KeyCode::Enter),
        Some(Command::ReleaseInject(
            second.clone(),
            Audience::Team("red".into())
        ))
    );
    assert_eq!(console.picking, None, "the choice closes once released");
    dispatch(&mut console, KeyCode::Char('t'));
    dispatch(&mut console, KeyCode::Down);
    assert_eq!(
        dispatch(&mut console, KeyCode::Enter),
        Some(Command::ReleaseInject(
            second,
            Audience::Student("Ana".into())
        ))
    );
}

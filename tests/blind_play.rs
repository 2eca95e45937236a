//! What a first, blind play of the game met: each fixed, driven through Actions on the desk
//! and through the console as a player would.

mod common;

use std::sync::OnceLock;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use redcode::audit::{Action, Screen};
use redcode::engine::World;
use redcode::engine::world::person_of;
use redcode::open::open;
use redcode::scenario::Time;
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

fn world(scenario: &str) -> World {
    static ZHENGZHOU: OnceLock<World> = OnceLock::new();
    static TUTORIAL: OnceLock<World> = OnceLock::new();
    let cell = match scenario {
        "zhengzhou-2022" => &ZHENGZHOU,
        "tutorial" => &TUTORIAL,
        other => panic!("no built-in scenario {other}"),
    };
    cell.get_or_init(|| open(Some(scenario), None).expect("opens").world)
        .clone()
}

fn app(scenario: &str) -> App {
    let mut app = App::new(
        world(scenario),
        Keymap::default(),
        Theme::COLOUR,
        "tester".into(),
    );
    app.dispatch(Action::Resize {
        width: 80,
        height: 24,
    });
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn click(app: &mut App, column: u16, row: u16) {
    let event = Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    });
    if let Some(action) = app.action_for(&event) {
        app.dispatch(action);
    }
}

#[test]
fn enter_after_next_change_opens_the_person_whose_code_changed() {
    for scenario in ["tutorial", "zhengzhou-2022"] {
        let mut app = app(scenario);
        app.dispatch(Action::Show(Screen::Timeline));
        for _ in 0..12 {
            let before = app.desk.clock();
            app.dispatch(Action::NextChange);
            if app.desk.clock() == before {
                break;
            }
            let entries = app.world.ledger.entries();
            let changed = entries.partition_point(|e| e.at < app.desk.clock());
            let (at, person) = (entries[changed].at, entries[changed].person);
            assert_eq!(
                app.desk.selected_person(&app.world),
                Some(person),
                "{scenario}: the selection at {at} is on the change's person"
            );
            let row = app.desk.selected(Screen::Timeline);
            assert!(row < app.desk.revealed());
            assert!(app.world.timeline[row].at <= at);
            app.dispatch(Action::Open);
            assert_eq!(app.desk.screen(), Screen::Dossier, "{scenario}");
            assert_eq!(app.desk.person(), Some(person), "{scenario}");
            app.dispatch(Action::Show(Screen::Timeline));
        }
    }
}

#[test]
fn a_record_about_the_person_is_chosen_over_the_newest_of_the_minute() {
    let mut app = app("zhengzhou-2022");
    app.dispatch(Action::Show(Screen::Timeline));
    // Rule-made changes follow a record about the person: that record is the row chosen.
    let mut seen = 0;
    for _ in 0..200 {
        app.dispatch(Action::NextChange);
        let row = app.desk.selected(Screen::Timeline);
        let h = &app.world.timeline[row];
        let about = person_of(h, &app.world.scenario, &app.world.roster);
        if about.is_some() && about == app.desk.selected_person(&app.world) {
            seen += 1;
        }
    }
    assert!(seen > 0, "some change follows a record about its person");
}

#[test]
fn the_timeline_list_is_full_after_seeking_back() {
    let mut app = app("zhengzhou-2022");
    app.dispatch(Action::Show(Screen::Timeline));
    app.dispatch(Action::SeekTo(Time::parse("2022-06-14 12:00").unwrap()));
    draw(&app);
    app.dispatch(Action::SeekTo(Time::parse("2022-06-12 12:00").unwrap()));
    let shown = text(&draw(&app));
    let newest = app.desk.revealed() - 1;
    let when = app.world.timeline[newest].at.to_string();
    let rows = shown.lines().filter(|l| l.contains(&when[5..10])).count();
    // The page is full of rows ending at the newest: not one row at the top and blanks.
    assert!(rows >= 8, "{rows} rows shown after seeking back:\n{shown}");
    let list = app.list_area.borrow().expect("a list was drawn");
    assert_eq!(list.offset + usize::from(list.area.height), newest + 1);
}

#[test]
fn a_click_on_a_tab_shows_its_screen() {
    let mut app = app("tutorial");
    let shown = text(&draw(&app));
    let tab_row = shown.lines().position(|l| l.contains("People")).unwrap() as u16;
    for screen in [Screen::People, Screen::Timeline, Screen::Documents] {
        draw(&app);
        let place = app
            .tab_places
            .borrow()
            .iter()
            .find(|t| t.screen == screen)
            .copied()
            .expect("the tab is drawn");
        assert_eq!(place.area.y, tab_row);
        click(&mut app, place.area.x + 1, place.area.y);
        assert_eq!(app.desk.screen(), screen);
    }
    // A click beside the tabs does nothing.
    draw(&app);
    click(&mut app, 79, tab_row);
    assert_eq!(app.desk.screen(), Screen::Documents);
}

fn press(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(action) = app.action_for(&event) {
        app.dispatch(action);
    }
}

#[test]
fn esc_goes_to_the_screen_before() {
    let mut app = app("tutorial");
    // Number keys, Tab, and Enter on a person: each screen is remembered on the way.
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.desk.screen(), Screen::Dossier);
    for screen in [
        Screen::People,
        Screen::Dossier,
        Screen::People,
        Screen::Briefing,
    ] {
        press(&mut app, KeyCode::Esc);
        assert_eq!(app.desk.screen(), screen);
    }
}

#[test]
fn the_cdc_close_contact_red_lapses_after_seven_days_as_the_rule_does() {
    let world = world("zhengzhou-2022");
    let qiao = world.roster.find("res-qiao").expect("Qiao Fen");
    let at = |t: &str| Time::parse(t).unwrap();
    assert_eq!(
        world.ledger.colour_at(qiao, 0, at("2022-06-19 23:09")),
        redcode::scenario::model::Colour::Red
    );
    assert_eq!(
        world.ledger.colour_at(qiao, 0, at("2022-06-19 23:10")),
        redcode::scenario::model::Colour::Green
    );
    let lapse = world
        .ledger
        .entries()
        .iter()
        .find(|e| e.person == qiao && matches!(e.cause, redcode::engine::Cause::Lapse { .. }))
        .expect("a lapse entry");
    assert_eq!(lapse.at, at("2022-06-19 23:10"));
}

/// The Latin part of a name such as "苏琴 Su Qin", or the whole name when it has none.
fn latin_name(name: &str) -> String {
    let latin: String = name.chars().filter(char::is_ascii).collect();
    match latin.trim() {
        "" => name.to_owned(),
        latin => latin.to_owned(),
    }
}

#[test]
fn no_document_claims_a_red_code_before_the_ledger_gives_it() {
    let world = world("zhengzhou-2022");
    let claims = ["was red", "is red", "turned red", "went red"];
    let mut checked = 0;
    for person in &world.scenario.people {
        let ix = world.roster.find(&person.id).expect("a named person");
        let first_red = world
            .ledger
            .entries()
            .iter()
            .find(|e| e.person == ix && e.to == redcode::scenario::model::Colour::Red)
            .map(|e| e.at);
        let name = latin_name(&person.name);
        for doc in &world.scenario.documents {
            let about = [&doc.title, &doc.author, &doc.body]
                .iter()
                .any(|t| t.contains(name.as_str()))
                || doc.concerns.contains(&person.id);
            if !about || !claims.iter().any(|c| doc.body.contains(c)) {
                continue;
            }
            let first_red = first_red.unwrap_or_else(|| {
                panic!(
                    "{} says {name}'s code is red; the ledger never does",
                    doc.id
                )
            });
            assert!(
                doc.available_from >= first_red,
                "{} ({}) claims {name}'s red code before the ledger gives it ({first_red})",
                doc.id,
                doc.available_from
            );
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "some document claims a named person's red code"
    );
}

#[test]
fn the_tutorial_briefing_says_what_its_keys_do() {
    let mut app = app("tutorial");
    let briefing = app.world.scenario.briefing.to_string();
    assert!(briefing.contains("press it three times to show only red codes"));
    // Step 5 names whom to compare, and both are people of the scenario.
    let step5 = briefing
        .lines()
        .find(|l| l.trim_start().starts_with("5."))
        .expect("a step 5");
    for name in ["Ding Wen", "Jiang Hui"] {
        assert!(step5.contains(name), "step 5 names {name}");
    }
    // What the briefing says of c is what c does.
    app.dispatch(Action::SeekEnd);
    press(&mut app, KeyCode::Char('3'));
    for _ in 0..3 {
        press(&mut app, KeyCode::Char('c'));
    }
    let rows = app.desk.people_rows().to_vec();
    assert!(!rows.is_empty());
    let red = redcode::scenario::model::Colour::Red;
    assert!(
        rows.iter()
            .all(|&p| app.desk.colour_now(&app.world, p) == red)
    );
    press(&mut app, KeyCode::Char('c'));
    assert!(
        app.desk.people_rows().len() > rows.len(),
        "a fourth c shows everyone"
    );
    // Following step 5 literally compares the two it names.
    let find = |app: &App, id: &str| app.world.roster.find(id).unwrap();
    for (name, id) in [("ding wen", "ding-wen"), ("jiang hui", "jiang-hui")] {
        press(&mut app, KeyCode::Char('3'));
        app.dispatch(Action::ClearFilters);
        app.dispatch(Action::StartSearch);
        for c in name.chars() {
            app.dispatch(Action::Type(c));
        }
        app.dispatch(Action::Confirm);
        assert_eq!(app.desk.selected_person(&app.world), Some(find(&app, id)));
        press(&mut app, KeyCode::Char('m'));
    }
    assert_eq!(
        app.desk.compared(),
        [Some(find(&app, "ding-wen")), Some(find(&app, "jiang-hui"))]
    );
}

#[test]
fn the_overview_counts_reversals_apart() {
    let mut app = app("zhengzhou-2022");
    app.dispatch(Action::SeekEnd);
    app.dispatch(Action::Show(Screen::Overview));
    let shown = text(&draw(&app));
    assert!(shown.contains("reversals"), "{shown}");
    let chen = app.world.official_ix("chen-yuting").unwrap();
    let reversals = app
        .world
        .ledger
        .by_official(chen)
        .iter()
        .filter(|&&id| {
            matches!(
                app.world.ledger.get(id).map(|e| &e.cause),
                Some(redcode::engine::Cause::Reversal { .. })
            )
        })
        .count();
    assert!(reversals > 1000, "{reversals}");
    let row = shown
        .lines()
        .find(|l| l.contains("Chen Yuting"))
        .expect("Chen Yuting's row");
    let cells: Vec<&str> = row.trim_matches('│').split_whitespace().collect();
    assert_eq!(cells.last(), Some(&reversals.to_string().as_str()), "{row}");
}

#[test]
fn one_is_never_followed_by_a_plural() {
    let mut app = app("zhengzhou-2022");
    app.dispatch(Action::SeekTo(Time::parse("2022-06-13 12:00").unwrap()));
    app.dispatch(Action::Show(Screen::People));
    app.dispatch(Action::StartSearch);
    for c in "lin xiu".chars() {
        app.dispatch(Action::Type(c));
    }
    app.dispatch(Action::Confirm);
    app.dispatch(Action::Open);
    app.dispatch(Action::StartNote);
    app.dispatch(Action::Type('x'));
    app.dispatch(Action::Confirm);
    for screen in [
        Screen::Dossier,
        Screen::CaseFile,
        Screen::Operators,
        Screen::Trace,
    ] {
        app.dispatch(Action::Show(screen));
        let shown = text(&draw(&app));
        for noun in [
            "changes",
            "entries",
            "flags",
            "notes",
            "batches",
            "objectives",
        ] {
            assert!(
                !shown.contains(&format!(" 1 {noun}")),
                "{screen:?} says 1 {noun}:\n{shown}"
            );
        }
    }
}

mod player_name {
    use std::collections::VecDeque;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use redcode::audit::{Action, Desk};
    use redcode::session::journal::{self, Writer};
    use redcode::session::{MAX_PLAYER_NAME, Recorder, class_results, new_header, player_name};

    use redcode::tui::console::{NameAnswer, ask_name};
    use redcode::tui::keymap::Keymap;

    use redcode::tui::console::ScriptedEvents as Scripted;

    fn keys(text: &str, last: KeyCode) -> Scripted {
        let mut events: VecDeque<Event> = text
            .chars()
            .map(|c| Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
            .collect();
        events.push_back(Event::Key(KeyEvent::new(last, KeyModifiers::NONE)));
        Scripted(events)
    }

    fn ask(events: &mut Scripted) -> (NameAnswer, String) {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        let answer = ask_name(&mut terminal, events, &Keymap::default()).unwrap();
        (answer, terminal.backend().to_string())
    }

    #[test]
    fn the_welcome_asks_for_a_name_and_keeps_it_clean_and_short() {
        let (answer, screen) = ask(&mut keys("Team Río 3", KeyCode::Enter));
        assert_eq!(answer, NameAnswer::Given("Team Río 3".into()));
        assert!(screen.contains("Your name, or your team's"), "{screen}");
        let long = "x".repeat(100);
        let (answer, _) = ask(&mut keys(&long, KeyCode::Enter));
        assert_eq!(answer, NameAnswer::Given("x".repeat(MAX_PLAYER_NAME)));
        let (answer, _) = ask(&mut keys("ann", KeyCode::Esc));
        assert_eq!(
            answer,
            NameAnswer::Given(String::new()),
            "Esc goes on without one"
        );
        let (answer, _) = ask(&mut Scripted(VecDeque::new()));
        assert_eq!(answer, NameAnswer::Quit);
    }

    #[test]
    fn names_are_cleaned_and_capped() {
        assert_eq!(player_name("  ann\u{1b}[31m\u{202e}\nbo  "), "ann[31m bo");
        assert_eq!(
            player_name(&"名".repeat(60)).chars().count(),
            MAX_PLAYER_NAME
        );
    }

    #[test]
    fn the_journal_and_the_class_table_carry_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let world = super::world("tutorial");
        let mut rows = Vec::new();
        for (file, given) in [
            ("a.jsonl", "Team Río"),
            ("b.jsonl", "evil\u{1b}]0;x\u{7}|name"),
        ] {
            let path = dir.path().join(file);
            let header = new_header("tutorial", &world.scenario, world.seed, given);
            let mut recorder = Recorder::new(Writer::create(&path, &header).unwrap());
            let mut desk = Desk::new(&world);
            for action in [Action::NextChange, Action::Submit] {
                let changes = super::common::changes_of(desk.update(&world, action.clone()));
                recorder.record(&action, &changes, &desk);
            }
            drop(recorder);
            let journal = journal::read(&path).unwrap();
            assert_eq!(journal.header.player, player_name(given));
            rows.push(class_results::grade_one(&world, &journal));
        }
        assert_eq!(rows[0].player, "Team Río");
        assert!(!rows[1].player.contains('\u{1b}'));
        let table = class_results::markdown(&rows);
        assert!(table.contains("| Team Río |"), "{table}");
    }
}

#[test]
fn the_briefing_never_scrolls_into_an_empty_panel() {
    let mut app = app("zhengzhou-2022");
    let top = text(&draw(&app));
    for _ in 0..30 {
        app.dispatch(Action::PageDown);
    }
    let bottom = text(&draw(&app));
    assert_ne!(top, bottom, "the briefing scrolls");
    // Its last line stands at the foot of the panel, not above an empty stretch.
    assert!(bottom.contains("? lists every key"), "{bottom}");
    let rows: Vec<&str> = bottom.lines().collect();
    let last = rows
        .iter()
        .position(|l| l.contains("? lists every key"))
        .expect("the last line is drawn");
    let bottom_border = rows
        .iter()
        .rposition(|l| l.starts_with('└'))
        .expect("the panel's bottom border");
    assert!(
        bottom_border - last <= 2,
        "{} rows under the last line:\n{bottom}",
        bottom_border - last - 1
    );
}

//! Two cities, two code systems: a traveller red in the second system traces red there with
//! its cause; `honours` decides what the station's check accepts; another city's risk
//! reaches a code only through a rule that names the city; the code history, People,
//! Dossier and Compare name the system of every colour and change.

mod common;

use common::{redcode, screen_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use redcode::audit::{Action, Screen};
use redcode::engine::{TimelineIx, World};
use redcode::open::open_loaded;
use redcode::scenario::expand::{Occurrence, PersonIx};
use redcode::scenario::load::parse_str;
use redcode::scenario::model::Colour;
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

const FIXTURE: &str = include_str!("fixtures/two-systems.ron");
const FILE: &str = "tests/fixtures/two-systems.ron";
const HENAN: &str = "Henan Health Code";
const SHANGHAI: &str = "Shanghai Suishen Code";

fn world_of(text: &str) -> World {
    let loaded = parse_str("two-systems.ron", text.to_owned()).expect("the fixture parses");
    open_loaded(loaded, None).expect("the fixture opens").world
}

/// The fixture with the Henan code honouring the Shanghai code.
fn honouring() -> String {
    let text = FIXTURE.replace(
        r#"name: "Henan Health Code", honours: []"#,
        r#"name: "Henan Health Code", honours: ["shanghai-code"]"#,
    );
    assert_ne!(text, FIXTURE, "the fixture has the honours line to change");
    text
}

fn person(world: &World, id: &str) -> PersonIx {
    world.roster.find(id).expect("a person of the fixture")
}

fn system(world: &World, id: &str) -> u16 {
    world.catalog.systems[id]
}

/// Zhou Lan's scan at Zhengzhou East Station.
fn zhou_at_the_station(world: &World) -> TimelineIx {
    let zhou = person(world, "zhou");
    let station = world.catalog.venues["zz-east"];
    world
        .records_of(zhou)
        .iter()
        .copied()
        .find(|&r| {
            matches!(world.timeline[r.ix()].what,
                Occurrence::Scan { venue, .. } if venue == station)
        })
        .expect("Zhou Lan scans at the station")
}

fn app(world: World) -> App {
    let mut app = App::new(world, Keymap::default(), Theme::COLOUR, "tester".into());
    app.dispatch(Action::Resize {
        width: 160,
        height: 30,
    });
    app.dispatch(Action::SeekEnd);
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(160, 30)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    terminal
}

fn open_dossier(app: &mut App, name: &str) {
    app.dispatch(Action::Show(Screen::People));
    app.dispatch(Action::ClearFilters);
    app.dispatch(Action::StartSearch);
    for c in name.chars() {
        app.dispatch(Action::Type(c));
    }
    app.dispatch(Action::Confirm);
    app.dispatch(Action::Open);
    assert_eq!(app.desk.screen(), Screen::Dossier);
}

#[test]
fn a_traveller_red_in_the_second_system_traces_red_there_with_the_cause() {
    let world = world_of(FIXTURE);
    let zhou = person(&world, "zhou");
    let trace = world.trace(zhou, world.scenario.end);
    assert_eq!(trace.colour, Colour::Red);
    assert_eq!(trace.system, SHANGHAI);
    let entry = world.ledger.get(trace.entry.expect("an entry")).unwrap();
    assert_eq!(entry.system, system(&world, "shanghai-code"));
    let texts: Vec<&str> = trace.links.iter().map(|l| l.text.as_str()).collect();
    assert!(
        texts[0].contains(&format!("[{SHANGHAI}] green -> red")),
        "{texts:?}"
    );
    assert!(texts.iter().any(|t| t.starts_with("rule sh-high-risk")));
    assert!(texts.iter().any(|t| t.contains("Pudong mall")));
    // Every system's colour, named: green in the Henan code.
    let codes: Vec<(&str, Colour)> = trace
        .codes
        .iter()
        .map(|c| (c.system.as_str(), c.colour))
        .collect();
    assert_eq!(codes, [(HENAN, Colour::Green), (SHANGHAI, Colour::Red)]);

    // The command line says the same.
    let out = redcode(&["trace", "--scenario", FILE, "zhou"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains(&format!("red [R] in the {SHANGHAI}")),
        "{text}"
    );
    assert!(text.contains(&format!("other codes: green [G] in the {HENAN}")));
    assert!(text.contains("rule sh-high-risk"), "{text}");
    // The station's check that saw the Shanghai red follows the chain.
    assert!(
        text.contains(&format!("let in: {SHANGHAI} red not honoured")),
        "{text}"
    );
    assert!(!text.contains("no code change on record"), "{text}");

    // And the console's trace, from the People list.
    let mut app = app(world_of(FIXTURE));
    app.dispatch(Action::Show(Screen::People));
    app.dispatch(Action::StartSearch);
    for c in "zhou lan".chars() {
        app.dispatch(Action::Type(c));
    }
    app.dispatch(Action::Confirm);
    app.dispatch(Action::TraceSelected);
    assert_eq!(app.desk.screen(), Screen::Trace);
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    assert!(
        screen.contains(&format!(
            "■ R red in the {SHANGHAI}; ● G green in the {HENAN}"
        )),
        "{screen}"
    );
    assert!(
        screen.contains(&format!("[{SHANGHAI}] green -> red")),
        "{screen}"
    );
    insta::assert_snapshot!("trace-zhou", terminal.backend());
}

#[test]
fn another_city_s_risk_reaches_a_code_only_through_a_rule_that_names_the_city() {
    let world = world_of(FIXTURE);
    let end = world.scenario.end;
    let (henan, shanghai) = (
        system(&world, "henan-code"),
        system(&world, "shanghai-code"),
    );
    let (zhou, qian) = (person(&world, "zhou"), person(&world, "qian"));
    // Pudong is high-risk: red in Shanghai's own code, and no Henan rule names it.
    assert_eq!(world.ledger.colour_at(zhou, shanghai, end), Colour::Red);
    assert_eq!(world.ledger.colour_at(zhou, henan, end), Colour::Green);
    // Xuhui is medium-risk: Shanghai has no rule for it; the Henan rule naming Shanghai does.
    assert_eq!(world.ledger.colour_at(qian, shanghai, end), Colour::Green);
    assert_eq!(world.ledger.colour_at(qian, henan, end), Colour::Yellow);
    let trace = world.trace(qian, end);
    assert_eq!(
        (trace.system.as_str(), trace.colour),
        (HENAN, Colour::Yellow)
    );
    assert!(
        trace
            .links
            .iter()
            .any(|l| l.text.contains("Medium-risk district of Shanghai")),
        "{:?}",
        trace.links
    );
    // Without the city named, the Henan rule reads Henan's own districts only.
    let unnamed = FIXTURE.replace(r#", cities: ["shanghai"]"#, "");
    assert_ne!(unnamed, FIXTURE);
    let world = world_of(&unnamed);
    let qian = person(&world, "qian");
    assert_eq!(world.ledger.colour_at(qian, henan, end), Colour::Green);
    assert!(!world.several_systems() || world.ledger.len() == 2);
}

#[test]
fn honours_decides_whether_the_station_accepts_the_shanghai_code() {
    let apart = world_of(FIXTURE);
    let honoured = world_of(&honouring());
    // Honouring changes what a venue accepts, never a code.
    assert_eq!(apart.ledger.digest(), honoured.ledger.digest());

    let check = apart.venue_check(zhou_at_the_station(&apart)).unwrap();
    assert_eq!(check.venue_system, system(&apart, "henan-code"));
    assert_eq!(check.outcome, Colour::Green);
    assert!(
        check
            .codes
            .iter()
            .any(|c| c.colour == Colour::Red && !c.honoured)
    );
    let words = apart.describe_record(zhou_at_the_station(&apart));
    assert!(
        words.ends_with(&format!(
            "— let in: {SHANGHAI} red not honoured, {HENAN} green"
        )),
        "{words}"
    );

    let check = honoured
        .venue_check(zhou_at_the_station(&honoured))
        .unwrap();
    assert_eq!(check.outcome, Colour::Red);
    assert_eq!(check.decided_by, system(&honoured, "shanghai-code"));
    let words = honoured.describe_record(zhou_at_the_station(&honoured));
    assert!(
        words.ends_with(&format!(
            "— turned away: {SHANGHAI} red honoured, {HENAN} green"
        )),
        "{words}"
    );

    // Her trace says it too, after the chain behind the red.
    for (world, verdict) in [(&apart, "let in"), (&honoured, "turned away")] {
        let trace = world.trace(person(world, "zhou"), world.scenario.end);
        let last = &trace.links.last().unwrap().text;
        assert!(
            last.contains("Zhengzhou East Station exit") && last.contains(verdict),
            "{last}"
        );
    }

    // The player reads it in Zhou Lan's dossier, one way or the other.
    for (world, name, verdict) in [
        (
            apart,
            "dossier-honours-off",
            "let in: Shanghai Suishen Code red not honoured",
        ),
        (
            honoured,
            "dossier-honours-on",
            "turned away: Shanghai Suishen Code red honoured",
        ),
    ] {
        let mut app = app(world);
        open_dossier(&mut app, "zhou lan");
        let terminal = draw(&app);
        let screen = screen_text(terminal.backend().buffer());
        let station = screen
            .lines()
            .find(|l| l.contains("Zhengzhou East Station exit"))
            .expect("the station scan is among the records");
        assert!(station.contains(verdict), "{station}");
        insta::assert_snapshot!(name, terminal.backend());
    }
}

#[test]
fn the_code_history_names_the_system_of_each_change() {
    let world = world_of(FIXTURE);
    let mut app = app(world);
    open_dossier(&mut app, "sun li");
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(
        screen.contains(&format!("[{HENAN}] rule: Confirmed case")),
        "{screen}"
    );
    // The profile gives a code per system, the most severe in the badge.
    assert!(
        screen.contains(&format!("Codes: ■ R {HENAN}  ● G {SHANGHAI}")),
        "{screen}"
    );
    open_dossier(&mut app, "zhou lan");
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    assert!(
        screen.contains(&format!("[{SHANGHAI}] rule: Stay in a high-risk district")),
        "{screen}"
    );
    assert!(screen.contains(&format!("Codes: ● G {HENAN}  ■ R {SHANGHAI}")));
    insta::assert_snapshot!("dossier-zhou", terminal.backend());

    // The ledger export names the system of every entry.
    let out = redcode(&["ledger", "--scenario", FILE]);
    let csv = String::from_utf8_lossy(&out.stdout);
    let systems: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap())
        .collect();
    assert_eq!(systems, ["shanghai-code", "henan-code", "henan-code"]);

    // Compare puts the two histories side by side, each change with its system.
    let mut app = app_with_compare();
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(screen.contains(&format!("[{SHANGHAI}] rule")), "{screen}");
    assert!(screen.contains(&format!("[{HENAN}] rule")), "{screen}");
    app.dispatch(Action::Show(Screen::Compare));
    insta::assert_snapshot!("compare", draw(&app).backend());
}

/// Zhou Lan and Sun Li compared.
fn app_with_compare() -> App {
    let mut app = app(world_of(FIXTURE));
    open_dossier(&mut app, "zhou lan");
    app.dispatch(Action::MarkCompare);
    open_dossier(&mut app, "sun li");
    app.dispatch(Action::MarkCompare);
    assert_eq!(app.desk.screen(), Screen::Compare);
    app
}

/// The ids on the people list as drawn, in order.
fn listed(app: &App) -> Vec<String> {
    let screen = screen_text(draw(app).backend().buffer());
    ["zhou", "qian", "sun"]
        .into_iter()
        .filter(|id| screen.lines().any(|l| l.contains(&format!(" {id} "))))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_people_list_shows_a_code_per_system_and_filters_by_system() {
    let mut app = app(world_of(FIXTURE));
    app.dispatch(Action::Show(Screen::People));
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    assert!(
        screen.contains(&format!("codes: {HENAN} | {SHANGHAI}")),
        "{screen}"
    );
    let row = |id: &str| {
        screen
            .lines()
            .find(|l| l.contains(&format!(" {id} ")))
            .unwrap()
            .to_owned()
    };
    // Henan first, Shanghai second, as the title names them.
    assert!(row("zhou").contains("● G ■ R"), "{}", row("zhou"));
    assert!(row("qian").contains("▲ Y ● G"), "{}", row("qian"));
    assert!(row("sun").contains("■ R ● G"), "{}", row("sun"));
    insta::assert_snapshot!("people", terminal.backend());

    // Red in any system; then in the Henan code only; then in the Shanghai code only.
    for _ in 0..3 {
        app.dispatch(Action::CycleColourFilter);
    }
    assert_eq!(app.desk.people_filter().colour, Some(Colour::Red));
    assert_eq!(listed(&app), ["zhou", "sun"]);
    app.dispatch(Action::CycleSystemFilter);
    assert_eq!(listed(&app), ["sun"]);
    let screen = screen_text(draw(&app).backend().buffer());
    assert!(
        screen.contains(&format!("colour red in {HENAN}")),
        "{screen}"
    );
    app.dispatch(Action::CycleSystemFilter);
    assert_eq!(listed(&app), ["zhou"]);
    let terminal = draw(&app);
    let screen = screen_text(terminal.backend().buffer());
    // One system chosen: one badge a row, that system's.
    assert!(screen.contains(&format!("codes: {SHANGHAI} ")), "{screen}");
    insta::assert_snapshot!("people-red-in-shanghai", terminal.backend());
    app.dispatch(Action::CycleSystemFilter);
    assert_eq!(app.desk.people_filter().system, None);
    assert_eq!(listed(&app), ["zhou", "sun"]);
    // Ever red, in any system: the same two.
    app.dispatch(Action::ClearFilters);
    app.dispatch(Action::ToggleEverRed);
    assert_eq!(listed(&app), ["zhou", "sun"]);
}

#[test]
fn a_scenario_with_one_system_in_play_names_no_system() {
    // Zhengzhou lists other provinces' systems, but only the Henan code ever changes.
    let world = common::zhengzhou();
    assert!(!world.several_systems());
    assert_eq!(world.systems_in_play(), [0]);
    let lin = person(&world, "lin-xiu");
    let trace = world.trace(lin, world.scenario.end);
    assert!(trace.codes.is_empty());
    assert!(trace.links.iter().all(|l| !l.text.contains("[Henan")));
}

#[test]
fn the_format_doc_s_example_plays_as_it_says() {
    let doc = include_str!("../docs/scenario-format.md");
    let section = &doc[doc.find("### Several code systems").expect("the section")..];
    let start = section.find("```ron\n").expect("an example") + "```ron\n".len();
    let end = start + section[start..].find("\n```").unwrap();
    let world = world_of(&section[start..end]);
    let zhou = person(&world, "zhou");
    let trace = world.trace(zhou, world.scenario.end);
    assert_eq!(
        (trace.system.as_str(), trace.colour),
        (SHANGHAI, Colour::Red)
    );
    let words = world.describe_record(zhou_at_the_station(&world));
    assert!(
        words.ends_with(&format!(
            "let in: {SHANGHAI} red not honoured, {HENAN} green"
        )),
        "{words}"
    );
    let qian = person(&world, "qian");
    let henan = system(&world, "henan-code");
    assert_eq!(
        world.ledger.colour_at(qian, henan, world.scenario.end),
        Colour::Yellow
    );
    let station = world.catalog.venues["zz-east"];
    let scan = world
        .records_of(qian)
        .iter()
        .copied()
        .find(|&r| matches!(world.timeline[r.ix()].what, Occurrence::Scan { venue, .. } if venue == station))
        .unwrap();
    let words = world.describe_record(scan);
    assert!(
        words.ends_with(&format!("stopped for checks: {HENAN} yellow")),
        "{words}"
    );
}

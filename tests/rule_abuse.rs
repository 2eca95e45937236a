//! A rule dressed up as epidemic control: it fires only while in force, its check says what
//! it claims against what it keys on, its trace reaches who set it and the orders above as
//! their records come in, and a careful auditor can pass the finding with one flag.

mod common;

use redcode::audit::casefile::FlagTarget;
use redcode::audit::{Action, Label};
use redcode::author::playtest::playtest;
use redcode::engine::{Cause, EntryId, World};
use redcode::open::open_loaded;
use redcode::scenario::load::parse_str;
use redcode::scenario::model::{Category, ChainRole, Colour, Selector};
use redcode::scenario::time::Time;

use common::answers::labelled;

const FIXTURE: &str = include_str!("fixtures/rule-abuse.ron");

fn world_of(text: &str) -> World {
    let loaded = parse_str("rule-abuse.ron", text.to_owned()).expect("the fixture parses");
    open_loaded(loaded, None).expect("the fixture opens").world
}

fn world() -> World {
    world_of(FIXTURE)
}

fn at(s: &str) -> Time {
    Time::parse(s).unwrap()
}

fn rule_entries(world: &World, rule: &str) -> Vec<EntryId> {
    world.select(&Selector::Rule(rule.into()))
}

/// Scans at the petition office, by time.
fn petition_scans(world: &World) -> Vec<Time> {
    let venue = world.catalog.venues["petition-office"];
    world
        .venue_scans
        .get(venue as usize)
        .iter()
        .map(|s| world.timeline[s.ix()].at)
        .collect()
}

#[test]
fn the_rule_fires_only_while_in_force() {
    let world = world();
    let set = at("2022-06-11 12:00");
    let withdrawn = at("2022-06-14 20:00");
    let entries = rule_entries(&world, "petition-overlap");
    let scans = petition_scans(&world);
    let before = scans.iter().filter(|&&t| t < set).count();
    let during = scans.iter().filter(|&&t| t >= set && t < withdrawn).count();
    let after = scans.iter().filter(|&&t| t >= withdrawn).count();
    // The crowds put petitioners there before, during and after the rule.
    assert!(
        before > 0 && during > 0 && after > 0,
        "{before} {during} {after}"
    );
    // One yellow for every petitioner who scanned while the rule was in force, none else.
    assert_eq!(entries.len(), during);
    for &id in &entries {
        let e = world.ledger.get(id).unwrap();
        assert!(e.at >= set && e.at < withdrawn, "{}", e.at);
        assert_eq!(e.to, Colour::Yellow);
    }
    let rule = world.catalog.rules["petition-overlap"];
    assert!(!world.rule_in_force(rule, at("2022-06-11 11:59")));
    assert!(world.rule_in_force(rule, set));
    assert!(!world.rule_in_force(rule, withdrawn));
    // A rule no event introduces is in force throughout.
    let lawful = world.catalog.rules["close-contact"];
    assert!(world.rule_in_force(lawful, world.scenario.start));
}

#[test]
fn a_rules_own_window_bounds_it_too() {
    let text = FIXTURE.replace(
        r#"issuer: Some("gao"),"#,
        r#"issuer: Some("gao"), until: Some("2022-06-13 00:00"),"#,
    );
    let world = world_of(&text);
    let entries = rule_entries(&world, "petition-overlap");
    assert!(!entries.is_empty());
    assert!(
        entries
            .iter()
            .all(|&id| world.ledger.get(id).unwrap().at < at("2022-06-13 00:00"))
    );
    assert!(entries.len() < rule_entries(&self::world(), "petition-overlap").len());
}

#[test]
fn the_check_sets_what_the_rule_claims_against_what_it_keys_on() {
    let world = world();
    let entry = rule_entries(&world, "petition-overlap")[0];
    let check = world
        .justification_check(entry)
        .expect("a rule's change has a check");
    assert!(!check.holds);
    assert_eq!(check.reason, "spatio-temporal overlap with a case");
    assert_eq!(
        check.keys_on.as_deref(),
        Some("visits to Letters and Visits Bureau")
    );
    assert!(
        check
            .records
            .contains(&"no case was at Letters and Visits Bureau".to_owned()),
        "{:?}",
        check.records
    );
    assert_eq!(
        check.summary(),
        "claims spatio-temporal overlap with a case; keys on visits to Letters and Visits Bureau; no case was at Letters and Visits Bureau: the records do not show it"
    );
    // The lawful market cluster and the case herself hold.
    for rule in ["close-contact", "case-positive"] {
        let entries = rule_entries(&world, rule);
        assert!(!entries.is_empty(), "{rule}");
        for id in entries {
            assert!(world.justification_check(id).unwrap().holds, "{rule}");
        }
    }
}

#[test]
fn the_trace_reaches_who_set_the_rule_and_the_orders_as_their_records_come_in() {
    let world = world();
    let entry = rule_entries(&world, "petition-overlap")[0];
    let e = world.ledger.get(entry).unwrap();
    assert!(matches!(e.cause, Cause::Rule { .. }));
    let trace = |clock: &str| world.trace_known_at(e.person, e.at, at(clock).max(e.at));
    let names = |clock: &str, role| labelled(&trace(clock), role);
    let texts = |clock: &str| -> Vec<String> {
        trace(clock).links.iter().map(|l| l.text.clone()).collect()
    };
    // Before the chat log: who set the rule, and the event that set it; nothing above.
    let early = "2022-06-12 12:00";
    assert_eq!(names(early, ChainRole::CarriedOut), ["gao"]);
    assert!(names(early, ChainRole::PassedOn).is_empty());
    assert!(
        texts(early)
            .iter()
            .any(|t| t.starts_with("rule petition-overlap set (2022-06-11 12:00)"))
    );
    assert!(
        texts(early)
            .contains(&"the instruction behind this change is not on record yet".to_owned())
    );
    // The chat log is in: who passed it on, and a gap above.
    let middle = "2022-06-13 12:00";
    assert_eq!(names(middle, ChainRole::PassedOn), ["he"]);
    assert!(names(middle, ChainRole::Decided).is_empty());
    // The minutes are in: who decided.
    let late = "2022-06-15 12:00";
    assert_eq!(names(late, ChainRole::Decided), ["fu"]);
    assert_eq!(names(late, ChainRole::PassedOn), ["he"]);
    assert_eq!(names(late, ChainRole::CarriedOut), ["gao"]);
    assert!(
        texts(late)
            .iter()
            .any(|t| t.starts_with("check: claims spatio-temporal overlap"))
    );
    // The lawful rule names its free-text issuer and no one in the chain.
    let lawful = rule_entries(&world, "close-contact")[0];
    let l = world.ledger.get(lawful).unwrap();
    let trace = world.trace_known_at(l.person, l.at, world.scenario.end);
    assert!(labelled(&trace, ChainRole::CarriedOut).is_empty());
    assert!(
        trace
            .links
            .iter()
            .any(|l| l.text == "rule close-contact issued by Linhe CDC")
    );
}

#[test]
fn one_flag_on_the_rule_passes_the_finding_and_the_careful_auditor_gets_full_marks() {
    let world = world();
    let result = playtest(&world);
    assert!(result.fair(), "{:?}", result.problems);
    assert_eq!(result.careful.score, result.careful.max_score);
    assert_eq!(result.careful.label, Label::Complete);
    assert_eq!(result.careful.findings_passed, 1);
    assert_eq!(result.reckless.label, Label::Unsafe);
    // The same one flag by hand, with the chain read off the trace, passes the finding;
    // naming the one who set the rule as the decider does not.
    for (decided, passes) in [(&["fu"][..], true), (&["gao"][..], false)] {
        let desk = common::play(
            &world,
            [
                Action::SeekEnd,
                common::chain_flag(
                    FlagTarget::Rule("petition-overlap".into()),
                    Category::NoEpidemicBasis,
                    [decided, &["he"], &["gao"]],
                ),
                Action::Submit,
            ],
        );
        let grade = desk.grade().expect("a grade after submitting");
        assert_eq!(grade.findings_passed() == 1, passes, "{decided:?}");
    }
}

#[test]
fn validation_names_a_rules_unknown_venue_its_backward_window_and_an_events_unknown_order() {
    let text = FIXTURE
        .replace(r#"VenueScan(venues: ["petition-office"])"#, r#"VenueScan(venues: ["petiton-office"])"#)
        .replace(
            r#"issuer: Some("gao"),"#,
            r#"issuer: Some("gao"), from: Some("2022-06-12 00:00"), until: Some("2022-06-11 00:00"),"#,
        )
        .replace(r#"order: Some("ord-rule")"#, r#"order: Some("ord-rules")"#);
    let loaded = parse_str("rule-abuse.ron", text).expect("it parses");
    let messages: Vec<String> = redcode::scenario::validate::check(&loaded)
        .iter()
        .map(|d| d.to_string())
        .collect();
    for needle in [
        "unknown venue `petiton-office`",
        "rule `petition-overlap` ends at 2022-06-11 00:00, before it starts at 2022-06-12 00:00",
        "unknown order or decision `ord-rules`",
    ] {
        assert!(
            messages.iter().any(|m| m.contains(needle)),
            "{needle}: {messages:#?}"
        );
    }
    assert!(
        redcode::scenario::validate::check(
            &parse_str("rule-abuse.ron", FIXTURE.to_owned()).unwrap()
        )
        .iter()
        .all(|d| !d.is_error())
    );
}

/// The Operators screen says what the one who set the rule did, in the chain's words.
#[test]
fn the_operators_screen_names_who_set_the_rule() {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use redcode::audit::Screen;
    use redcode::tui::App;
    use redcode::tui::keymap::Keymap;
    use redcode::tui::theme::Theme;
    let world = world();
    let gao = usize::from(world.official_ix("gao").unwrap());
    let mut app = App::new(world, Keymap::default(), Theme::MONO, "t".into());
    app.dispatch(Action::SeekEnd);
    app.dispatch(Action::Show(Screen::Operators));
    for _ in 0..gao {
        app.dispatch(Action::Down);
    }
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
    terminal.draw(|f| app.draw(f)).unwrap();
    let text = common::screen_text(terminal.backend().buffer());
    assert!(text.contains("Gao Lin"), "{text}");
    assert!(
        text.contains("carried it out: set the rule petition-overlap"),
        "{text}"
    );
}

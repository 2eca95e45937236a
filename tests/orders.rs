//! Orders attach only to the changes they lead to: an order about a list, a rule or some
//! people shows in the trace of those changes and never in another's, even when the same
//! record holds it and the same operator received it; an order given by phone is known only
//! once a record that reveals it (a call log) is in.

use redcode::author::playtest::playtest;
use redcode::engine::World;
use redcode::engine::query::KnownChain;
use redcode::open::open_loaded;
use redcode::scenario::load::parse_str;
use redcode::scenario::model::{ChainRole, Selector};
use redcode::scenario::time::Time;

const FIXTURE: &str = include_str!("fixtures/orders.ron");

fn opened(text: &str) -> redcode::open::Opened {
    let loaded = parse_str("orders.ron", text.to_owned()).expect("the fixture parses");
    open_loaded(loaded, None).expect("the fixture opens")
}

fn world() -> World {
    opened(FIXTURE).world
}

fn at(s: &str) -> Time {
    Time::parse(s).unwrap()
}

/// The ids of the orders and decisions a chain attaches.
fn orders(world: &World, chain: &KnownChain) -> Vec<String> {
    let events = chain.instructions.iter().map(|(e, _)| *e);
    events
        .map(|e| {
            world
                .catalog
                .orders
                .iter()
                .find(|(_, i)| **i == e)
                .unwrap()
                .0
                .clone()
        })
        .collect()
}

fn named(world: &World, chain: &KnownChain, role: ChainRole) -> Vec<String> {
    let officials = chain.named(role).into_iter();
    officials
        .map(|o| world.official(o).id.to_string())
        .collect()
}

fn first(world: &World, selector: Selector) -> redcode::engine::EntryId {
    world.select(&selector)[0]
}

#[test]
fn the_fixture_validates_without_warnings_and_is_fair() {
    let opened = opened(FIXTURE);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let played = playtest(&opened.world);
    assert!(played.fair(), "{:?}", played.problems);
}

#[test]
fn an_order_about_a_list_attaches_to_that_list_s_batch_alone() {
    let world = world();
    let end = world.scenario.end;
    let batch = first(&world, Selector::Batch("b-list".into()));
    let chain = world.chain_of(batch, end);
    // The work instruction also records the order about confirmed cases, and the operator
    // received the phone order about Tao: neither is behind the list's batch.
    assert_eq!(orders(&world, &chain), ["ord-list"]);
    assert_eq!(named(&world, &chain, ChainRole::Decided), ["boss"]);
}

#[test]
fn an_order_about_a_rule_attaches_to_that_rule_s_changes_alone() {
    let world = world();
    let end = world.scenario.end;
    let case = first(&world, Selector::Rule("case-positive".into()));
    assert_eq!(orders(&world, &world.chain_of(case, end)), ["ord-cases"]);
    let tao = first(
        &world,
        Selector::OperatorOn {
            operator: "chen".into(),
            people: vec!["tao".into()],
        },
    );
    let chain = world.chain_of(tao, end);
    assert_eq!(orders(&world, &chain), ["ord-tao"]);
}

#[test]
fn a_phone_order_is_known_only_once_the_call_log_is_in() {
    let world = world();
    let tao = first(
        &world,
        Selector::OperatorOn {
            operator: "chen".into(),
            people: vec!["tao".into()],
        },
    );
    let before = world.chain_of(tao, at("2022-06-12 11:59"));
    assert!(orders(&world, &before).is_empty());
    assert!(named(&world, &before, ChainRole::Decided).is_empty());
    assert_eq!(
        before.not_yet,
        ["the instruction behind this change is not on record yet"]
    );
    let after = world.chain_of(tao, at("2022-06-12 12:00"));
    assert_eq!(orders(&world, &after), ["ord-tao"]);
    assert_eq!(named(&world, &after, ChainRole::Decided), ["boss"]);
    assert!(after.not_yet.is_empty());
    // Opening the order from the trace opens the call log that reveals it.
    let order = world.catalog.orders["ord-tao"];
    let record = world
        .instruction_record(order, at("2022-06-12 12:00"))
        .unwrap();
    assert_eq!(
        world.scenario.documents[record.ix()].id.as_str(),
        "doc-calllog"
    );
    // The trace a player reads says the same.
    let person = world.roster.find("tao").unwrap();
    let trace = world.trace_known_at(person, at("2022-06-13 00:00"), at("2022-06-13 00:00"));
    let text: Vec<&str> = trace.links.iter().map(|l| l.text.as_str()).collect();
    assert!(
        text.iter().any(|t| t.starts_with("order ord-tao")),
        "{text:?}"
    );
    assert!(
        !text
            .iter()
            .any(|t| t.contains("ord-list") || t.contains("ord-cases")),
        "{text:?}"
    );
}

#[test]
fn an_order_no_record_reveals_is_warned_of_and_a_bad_concern_is_an_error() {
    let silent = FIXTURE.replace(r#", reveals: ["ord-tao"]"#, "");
    let warnings: Vec<String> = opened(&silent)
        .warnings
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("`ord-tao` is never known: it has no document")),
        "{warnings:?}"
    );
    let bad = FIXTURE.replace(
        r#"concerns: [List("petitioners")]"#,
        r#"concerns: [List("petitioner")]"#,
    );
    let loaded = parse_str("orders.ron", bad).unwrap();
    let Err(errors) = open_loaded(loaded, None) else {
        panic!("an unknown list is an error");
    };
    let messages: Vec<&str> = errors
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.contains(&"unknown list `petitioner`"),
        "{messages:?}"
    );
}

#[test]
fn a_finding_naming_someone_the_records_never_show_is_warned_of() {
    let wrong = FIXTURE.replace(
        r#"decided: ["boss"], carried_out: ["chen"], explanation: "Ordered by phone"#,
        r#"decided: ["chen"], carried_out: ["chen"], explanation: "Ordered by phone"#,
    );
    let warnings: Vec<String> = opened(&wrong)
        .warnings
        .iter()
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        warnings,
        [
            "finding `f-tao` names `chen` in `decided`, but the records show them as carried it out: no player can support it"
        ]
    );
}

#[test]
fn a_finding_the_careful_auditor_cannot_pass_is_warned_of_on_request() {
    let loaded = parse_str("orders.ron", FIXTURE.to_owned()).unwrap();
    let world = open_loaded(loaded.clone(), None).unwrap().world;
    assert!(redcode::author::key_warnings::unpassable(&loaded, &world).is_empty());
    // The key says the list's batch was outside the operator's authority: the checks show
    // no such thing, so no careful auditor flags it so.
    let wrong = FIXTURE.replace(
        r#"entries: Batch("b-list"), category: NoEpidemicBasis"#,
        r#"entries: Batch("b-list"), category: OutsideAuthority"#,
    );
    let loaded = parse_str("orders.ron", wrong).unwrap();
    let world = open_loaded(loaded.clone(), None).unwrap().world;
    let warned = redcode::author::key_warnings::unpassable(&loaded, &world);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0]
            .message
            .starts_with("the playtester's careful auditor cannot pass finding `f-list`: "),
        "{}",
        warned[0].message
    );
}

#[test]
fn a_decision_with_no_minutes_is_known_through_the_record_that_reveals_it() {
    let text = FIXTURE
        .replace(r#"reveals: ["ord-tao"]"#, r#"reveals: ["ord-tao", "dec-tao"]"#)
        .replace(
            r#"        Event(at: "2022-06-10 14:00", what: Order(id: "ord-tao""#,
            r#"        Event(at: "2022-06-10 13:50", what: Decision(id: "dec-tao", by: ["boss"], summary: "Tao is to be stopped", document: None)),
        Event(at: "2022-06-10 14:00", what: Order(id: "ord-tao""#,
        )
        .replace(
            r#"document: None, concerns: [People(["tao"])]"#,
            r#"document: None, follows: ["dec-tao"], concerns: [People(["tao"])]"#,
        );
    let opened = opened(&text);
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let world = opened.world;
    let tao = first(
        &world,
        Selector::OperatorOn {
            operator: "chen".into(),
            people: vec!["tao".into()],
        },
    );
    assert!(orders(&world, &world.chain_of(tao, at("2022-06-12 11:59"))).is_empty());
    let after = world.chain_of(tao, at("2022-06-12 12:00"));
    assert_eq!(orders(&world, &after), ["ord-tao", "dec-tao"]);
    assert_eq!(named(&world, &after, ChainRole::Decided), ["boss"]);
}

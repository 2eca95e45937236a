//! The built-in Zhengzhou scenario reproduces the public record's figures and its traps.

mod common;

use common::answers::{self, labelled};
use common::zhengzhou;
use redcode::engine::Cause;
use redcode::open::open;
use redcode::scenario::Time;
use redcode::scenario::expand::PersonIx;
use redcode::scenario::model::{ChainRole, Colour};

const BATCHES: [&str; 6] = [
    "b-0611-a", "b-0612-a", "b-0613-a", "b-0613-b", "b-0614-a", "b-0614-b",
];

fn at(text: &str) -> Time {
    Time::parse(text).unwrap()
}

#[test]
fn the_batches_red_code_1317_depositors_446_in_the_city_871_remote() {
    let world = zhengzhou();
    let figures = world.batch_figures(&BATCHES);
    assert_eq!(figures.people, 1317);
    assert_eq!(figures.in_city, 446);
    assert_eq!(figures.remote_only, 871);
}

#[test]
fn the_figures_hold_for_any_seed() {
    for seed in [1, 7, 99] {
        let world = open(None, Some(seed)).unwrap().world;
        let figures = world.batch_figures(&BATCHES);
        assert_eq!(
            (figures.people, figures.in_city, figures.remote_only),
            (1317, 446, 871),
            "seed {seed}"
        );
    }
}

#[test]
fn every_batched_person_is_a_listed_depositor_and_companions_stay_green() {
    let world = zhengzhou();
    for batch in BATCHES {
        for &id in world.ledger.by_batch(batch) {
            let person = world.ledger.get(id).unwrap().person;
            assert!(
                world.roster.has_tag(person, "depositor"),
                "{} in {batch}",
                world.person_id(person)
            );
        }
    }
    let companion = world.roster.tag_index("companion").unwrap();
    let companions: Vec<PersonIx> = (0..world.person_count() as u32)
        .map(PersonIx)
        .filter(|&p| world.roster.people[p.ix()].tags.contains(&companion))
        .collect();
    assert!(companions.len() > 100);
    for p in companions {
        assert!(
            world.ledger.history(p).is_empty(),
            "companion {} has a code change",
            world.person_id(p)
        );
    }
}

#[test]
fn the_depositor_at_the_mall_is_red_by_rule_and_by_batch() {
    let world = zhengzhou();
    let he_yan = world.roster.find("he-yan").unwrap();
    let causes: Vec<&str> = world
        .ledger
        .history(he_yan)
        .iter()
        .map(|&id| world.ledger.get(id).unwrap().cause.kind())
        .collect();
    assert!(
        causes.contains(&"rule") && causes.contains(&"manual"),
        "{causes:?}"
    );
    // After the batch is reversed on 14 June the close-contact rule still holds her red.
    assert_eq!(
        world.ledger.colour_at(he_yan, 0, at("2022-06-15 12:00")),
        Colour::Red
    );
    let trace = world.trace(he_yan, at("2022-06-15 12:00"));
    assert!(trace.links.iter().any(|l| l.id == "close-contact"));
    // And it lapses after seven days.
    assert_eq!(
        world.ledger.colour_at(he_yan, 0, at("2022-06-20 12:00")),
        Colour::Green
    );
}

#[test]
fn the_justification_check_tells_the_two_inbound_reds_apart() {
    let world = zhengzhou();
    let lin = world.roster.find("lin-xiu").unwrap();
    let batch_entry = world
        .ledger
        .latest_at(lin, 0, at("2022-06-13 00:00"))
        .unwrap();
    let check = world.justification_check(batch_entry).unwrap();
    assert!(!check.holds);
    assert!(
        check
            .records
            .iter()
            .any(|r| r.contains("arrival form") && r.contains("train")),
        "{:?}",
        check.records
    );
    let permission = world.permission_check(batch_entry).unwrap();
    assert!(!permission.allowed);

    let deng = world.roster.find("deng-hao").unwrap();
    let rule_entry = world
        .ledger
        .latest_at(deng, 0, at("2022-06-11 00:00"))
        .unwrap();
    assert!(matches!(
        world.ledger.get(rule_entry).unwrap().cause,
        Cause::Rule { .. }
    ));
    assert_eq!(
        world.reason_text(rule_entry),
        world.reason_text(batch_entry)
    );
}

#[test]
fn the_cdc_manual_red_is_allowed_and_the_company_batches_are_not() {
    let world = zhengzhou();
    let qiao = world.roster.find("res-qiao").unwrap();
    let cdc = world.ledger.history(qiao)[0];
    assert!(world.justification_check(cdc).unwrap().holds);
    assert!(world.permission_check(cdc).unwrap().allowed);
    let company = world.ledger.by_batch("b-0613-a")[0];
    let permission = world.permission_check(company).unwrap();
    assert!(
        permission
            .problems
            .iter()
            .any(|p| p.contains("no code authority")),
        "{permission:?}"
    );
}

#[test]
fn the_trace_of_a_batch_entry_names_only_what_the_records_show_by_the_clock() {
    let world = zhengzhou();
    let tao = world.roster.find("tao-min").unwrap();
    // On 14 June the meeting notes, the list and the work instruction are not in yet.
    let trace = world.trace(tao, at("2022-06-14 00:00"));
    assert_eq!(trace.colour, Colour::Red);
    let ids: Vec<&str> = trace.links.iter().map(|l| l.id.as_str()).collect();
    assert!(ids.contains(&"wang-lei"), "{ids:?}");
    for hidden in ["zhao-hongwei", "feng-jianguo", "lu-xiaoming"] {
        assert!(
            !ids.contains(&hidden),
            "{hidden} named before any record shows it"
        );
    }
    assert!(
        trace
            .links
            .iter()
            .any(|l| l.text == "the instruction behind this change is not on record yet")
    );
    // Once the inquiry's records are in (17 June), the same change shows the whole chain.
    let later = world.trace_known_at(tao, at("2022-06-14 00:00"), at("2022-06-17 12:00"));
    assert_eq!(
        labelled(&later, ChainRole::Decided),
        ["feng-jianguo", "lu-xiaoming"]
    );
    assert_eq!(labelled(&later, ChainRole::PassedOn), ["zhao-hongwei"]);
    assert_eq!(
        labelled(&later, ChainRole::CarriedOut),
        ["wang-lei", "zhao-hongwei"]
    );
    let scan = match &world.ledger.get(trace.entry.unwrap()).unwrap().cause {
        Cause::Manual { evidence, .. } => evidence[0],
        other => panic!("expected a manual entry, got {other:?}"),
    };
    assert!(world.scan_place(scan).unwrap().remote);
}

/// What the key asks of each finding is exactly what the trace's labels say of its entries
/// at the end of the clock, in every shipped scenario.
#[test]
fn the_key_asks_for_what_the_trace_labels_show_at_the_end() {
    for id in ["zhengzhou-2022", "tutorial"] {
        let world = open(Some(id), None).unwrap().world;
        let key = world.scenario.answer_key.clone().unwrap();
        for finding in &key.findings {
            let entries = world.select(&finding.entries);
            assert!(!entries.is_empty(), "{id}: {} picks entries", finding.id);
            for entry in entries {
                let trace = answers::trace_of_entry(&world, entry);
                for role in ChainRole::ALL {
                    let mut shown = labelled(&trace, role);
                    shown.sort();
                    let mut asked: Vec<String> =
                        finding.named(role).iter().map(|t| t.to_string()).collect();
                    asked.sort();
                    assert_eq!(
                        shown,
                        asked,
                        "{id}: finding {} entry {entry}, who {}",
                        finding.id,
                        role.label()
                    );
                }
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_ledger_and_another_seed_another() {
    let a = open(None, Some(5)).unwrap().world.ledger.digest();
    let b = open(None, Some(5)).unwrap().world.ledger.digest();
    let c = open(None, Some(6)).unwrap().world.ledger.digest();
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn lawful_rules_fire_where_the_record_says() {
    let world = zhengzhou();
    let colour = |id: &str, t: &str| {
        world
            .ledger
            .colour_at(world.roster.find(id).unwrap(), 0, at(t))
    };
    assert_eq!(colour("jia-lei", "2022-06-12 12:00"), Colour::Red);
    assert_eq!(colour("res-guo", "2022-06-12 21:00"), Colour::Red);
    assert_eq!(colour("res-peng", "2022-06-12 21:00"), Colour::Yellow);
    assert_eq!(colour("res-du", "2022-06-12 21:00"), Colour::Green);
    assert_eq!(colour("res-cao", "2022-06-12 21:00"), Colour::Red);
    assert_eq!(colour("res-luo", "2022-06-13 10:00"), Colour::Red);
    assert_eq!(colour("res-ma", "2022-06-12 00:00"), Colour::Yellow);
    assert_eq!(colour("res-ma", "2022-06-13 10:00"), Colour::Green);
    assert_eq!(colour("deng-hao", "2022-06-15 00:00"), Colour::Red);
    assert_eq!(colour("deng-hao", "2022-06-21 00:00"), Colour::Green);
}

/// The Operators screen's part in the chain, for the five officials the inquiry named: the
/// same words as the trace and the key, and nothing before the records show it.
#[test]
fn each_officials_part_in_the_chain_comes_with_the_records() {
    let world = zhengzhou();
    let parts = |id: &str, clock: &str| -> Vec<ChainRole> {
        let official = world.official_ix(id).unwrap();
        let mut roles: Vec<ChainRole> = world
            .parts_of(official, at(clock))
            .into_iter()
            .map(|p| p.role)
            .collect();
        roles.sort();
        roles.dedup();
        roles
    };
    let end = "2022-06-24 00:00";
    assert_eq!(parts("feng-jianguo", end), [ChainRole::Decided]);
    assert_eq!(parts("lu-xiaoming", end), [ChainRole::Decided]);
    assert_eq!(
        parts("zhao-hongwei", end),
        [ChainRole::PassedOn, ChainRole::CarriedOut]
    );
    assert_eq!(parts("chen-yuting", end), [ChainRole::CarriedOut]);
    assert_eq!(parts("wang-lei", end), [ChainRole::CarriedOut]);
    assert!(parts("sun-meilin", end) == [ChainRole::CarriedOut]);
    // Before the inquiry's records, the stability office and the deciders show nothing.
    for id in ["feng-jianguo", "lu-xiaoming", "zhao-hongwei"] {
        assert!(parts(id, "2022-06-16 12:00").is_empty(), "{id}");
    }
}

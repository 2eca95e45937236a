//! The objectives' answers found the way a player finds them: from the trace screen's
//! links, the operators screen's batches, the batch figures and the code histories,
//! never from the answer key. A playthrough built on these fails when the game stops
//! showing what answers a question.

use redcode::audit::Action;
use redcode::audit::casefile::Given;
use redcode::engine::query::{LinkKind, Trace};
use redcode::engine::{Cause, EntryId, World};
use redcode::scenario::catalog::OfficialIx;
use redcode::scenario::expand::PersonIx;
use redcode::scenario::model::{Category, ChainRole, Colour, EventKind};

/// The trace of a ledger entry's person at the moment of that entry, as the trace screen
/// shows it for a change picked from a dossier at the end of the clock, every record in.
pub fn trace_of_entry(world: &World, entry: EntryId) -> Trace {
    let e = world.ledger.get(entry).expect("an entry of the ledger");
    world.trace_known_at(e.person, e.at, world.scenario.end)
}

/// The officials a trace labels with a part of the chain, read off the labels as a player
/// (and the playtester) reads them.
pub use redcode::author::playtest::labelled;

/// The ids of the links of one kind, in order, each once.
pub fn link_ids(trace: &Trace, kind: LinkKind) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for link in trace.links.iter().filter(|l| l.kind() == kind) {
        if !ids.contains(&link.id) {
            ids.push(link.id.clone());
        }
    }
    ids
}

/// The batches the operators screen lists under each account, in the order it lists them.
pub fn batches_on_the_operators_screen(world: &World) -> Vec<String> {
    let mut batches: Vec<String> = Vec::new();
    for op in (0..world.scenario.officials.len() as u16).map(OfficialIx) {
        for &entry in world.ledger.by_official(op) {
            if let Some(batch) = world.assignment_of(entry).and_then(|a| a.batch.as_ref())
                && !batches.iter().any(|b| b == batch.as_str())
            {
                batches.push(batch.to_string());
            }
        }
    }
    batches
}

/// What each of several traces showed, when they all show the same and show something;
/// otherwise a failure naming what they showed.
fn agreed(what: &str, found: Vec<Vec<String>>) -> Vec<String> {
    let first = found.first().cloned().unwrap_or_default();
    assert!(
        !first.is_empty() && found.iter().all(|f| *f == first),
        "the traces disagree on {what}, or show none: {found:?}"
    );
    first
}

fn answer(objective: &str, given: Given) -> Action {
    Action::Answer {
        objective: objective.to_owned(),
        answer: given,
    }
}

/// The answers to the Zhengzhou scenario's objectives, as a careful auditor finds them.
pub fn zhengzhou(world: &World) -> Vec<Action> {
    // The operators screen lists the batches; the batch figures count their people.
    let batches = batches_on_the_operators_screen(world);
    assert!(!batches.is_empty(), "the operators screen lists batches");
    let names: Vec<&str> = batches.iter().map(String::as_str).collect();
    let figures = world.batch_figures(&names);
    // A batch entry's trace: its first entry, traced when it was made.
    let first_of = |batch: &str| -> Trace {
        let entry = *world
            .ledger
            .by_batch(batch)
            .first()
            .unwrap_or_else(|| panic!("batch {batch} has entries"));
        trace_of_entry(world, entry)
    };
    let traces: Vec<Trace> = names.iter().map(|b| first_of(b)).collect();
    let directive = agreed(
        "the directive",
        traces
            .iter()
            .map(|t| link_ids(t, LinkKind::Directive))
            .collect(),
    );
    // Who decided: the officials the traces label so, once every record is in.
    let mut deciders = agreed(
        "who decided",
        traces
            .iter()
            .map(|t| labelled(t, ChainRole::Decided))
            .collect(),
    );
    deciders.sort();
    // Whose account ran the batches of 11 and 12 June: the operator in their traces.
    let early: Vec<&Trace> = traces
        .iter()
        .filter(|t| {
            let day = t.at.to_string();
            day.starts_with("2022-06-11") || day.starts_with("2022-06-12")
        })
        .collect();
    assert!(!early.is_empty(), "batches ran on 11 and 12 June");
    let operator = agreed(
        "the operator of the 11 and 12 June batches",
        early
            .iter()
            .map(|t| link_ids(t, LinkKind::Operator))
            .collect(),
    );
    vec![
        answer("o-count", Given::Number(figures.people as u64)),
        answer("o-in-city", Given::Number(figures.in_city as u64)),
        answer("o-decided", Given::Officials(deciders)),
        answer("o-first-account", single(operator, "operator")),
        answer("o-directive", Given::Document(one(directive, "directive"))),
        answer("o-lawful-depositor", Given::Person(lawful_depositor(world))),
    ]
}

/// The one id a list holds, or a failure saying there was not exactly one.
fn one(ids: Vec<String>, what: &str) -> String {
    assert_eq!(ids.len(), 1, "one {what}: {ids:?}");
    ids.into_iter().next().unwrap()
}

fn single(ids: Vec<String>, what: &str) -> Given {
    Given::Official(one(ids, what))
}

/// The depositor whose code history holds a red set by a rule (with its evidence), found
/// through the people list's depositor tag and each dossier's history.
fn lawful_depositor(world: &World) -> String {
    let depositor = world
        .roster
        .tag_index("depositor")
        .expect("a depositor tag");
    let found: Vec<String> = (0..world.person_count() as u32)
        .map(PersonIx)
        .filter(|&p| world.roster.people[p.ix()].tags.contains(&depositor))
        .filter(|&p| red_by_rule(world, p))
        .map(|p| world.person_id(p).to_owned())
        .collect();
    assert_eq!(found.len(), 1, "one depositor red by a rule: {found:?}");
    found[0].clone()
}

/// Whether a person's code history holds a red that a rule set, its trace showing the rule.
fn red_by_rule(world: &World, person: PersonIx) -> bool {
    world.ledger.history(person).iter().any(|&id| {
        let e = world.ledger.get(id).unwrap();
        e.to == Colour::Red
            && matches!(e.cause, Cause::Rule { .. })
            && !link_ids(&trace_of_entry(world, id), LinkKind::Rule).is_empty()
    })
}

/// The answers to the tutorial's objectives, as a careful auditor finds them.
pub fn tutorial(world: &World) -> Vec<Action> {
    // Whose red was lawful, apart from the case herself: red by a rule, and not the person
    // the timeline's case report is about.
    let cases: Vec<&str> = world
        .scenario
        .events
        .iter()
        .filter_map(|e| match &e.what {
            EventKind::CaseReport { person, .. } => Some(person.as_str()),
            _ => None,
        })
        .collect();
    let lawful: Vec<String> = (0..world.person_count() as u32)
        .map(PersonIx)
        .filter(|&p| red_by_rule(world, p))
        .map(|p| world.person_id(p).to_owned())
        .filter(|id| !cases.contains(&id.as_str()))
        .collect();
    assert_eq!(
        lawful.len(),
        1,
        "one lawful red besides the case: {lawful:?}"
    );
    // Who decided on Ding Wen's red: the trace of his change, read off its labels.
    let ding = world.roster.find("ding-wen").expect("Ding Wen");
    let red = *world
        .ledger
        .history(ding)
        .iter()
        .find(|&&id| world.ledger.get(id).unwrap().to == Colour::Red)
        .expect("Ding Wen's red");
    let ordered = labelled(&trace_of_entry(world, red), ChainRole::Decided);
    vec![
        answer("o-lawful", Given::Person(lawful[0].clone())),
        answer("o-ordered", single(ordered, "official who ordered")),
    ]
}

/// The controls that stop the kinds of abuse found, as the scenario's list of controls says
/// (their `stops`), as one action: chosen from what the player flagged, never from the key.
pub fn recommendations_for(world: &World, found: &[Category]) -> Action {
    let controls = world.scenario.controls.iter();
    let chosen = controls.filter(|c| c.stops.iter().any(|k| found.contains(k)));
    Action::Recommend(chosen.map(|c| c.id.to_string()).collect())
}

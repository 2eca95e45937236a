//! The playtester proves the shipped scenarios fair on several seeds, and catches a scenario
//! that is not: one whose key asks for what the records never show, or whose objective no
//! tool answers.

mod common;

use redcode::audit::Label;
use redcode::author::playtest::playtest;
use redcode::open::{open, open_loaded};
use redcode::scenario::builtin::BUILTINS;
use redcode::scenario::load::parse_str;

use common::{redcode, tempdir};

#[test]
fn every_shipped_scenario_is_fair_on_several_seeds() {
    for builtin in BUILTINS {
        let first = open(Some(builtin.id), None).unwrap().world.scenario.seed;
        for seed in first..first + 3 {
            let world = open(Some(builtin.id), Some(seed)).unwrap().world;
            let result = playtest(&world);
            assert!(
                result.fair(),
                "{} seed {seed}: {:?}",
                builtin.id,
                result.problems
            );
            let careful = &result.careful;
            assert_eq!(careful.label, Label::Complete, "{}", builtin.id);
            assert_eq!(careful.score, careful.max_score, "{}", builtin.id);
            assert_eq!(careful.findings_passed, careful.findings);
            // The control city has no findings: leaving everything alone is its answer.
            assert!(
                careful.findings > 0 || builtin.id == "control",
                "{}",
                builtin.id
            );
            assert!(careful.objectives > 0);
            assert_eq!(result.reckless.label, Label::Unsafe, "{}", builtin.id);
            assert!(result.reckless.wrongly_flagged > 0);
            assert_ne!(result.idle.label, Label::Complete);
            assert_eq!(result.idle.findings_passed, 0);
        }
    }
}

/// The tutorial with one edit to its text.
fn tutorial_with(from: &str, to: &str) -> String {
    let source = redcode::scenario::builtin::find("tutorial").unwrap().source;
    assert!(source.contains(from), "the tutorial has `{from}`");
    source.replace(from, to)
}

fn playtest_text(text: String) -> redcode::author::playtest::Playtest {
    let loaded = parse_str("edited.ron", text).expect("the edited tutorial parses");
    playtest(
        &open_loaded(loaded, None)
            .expect("the edited tutorial opens")
            .world,
    )
}

#[test]
fn a_key_that_asks_for_a_chain_no_record_shows_is_unfair() {
    // The deputy's note no longer records the order: no trace can name who decided.
    let result = playtest_text(tutorial_with(
        r#"document: Some("doc-pan-note"))),"#,
        "document: None)),",
    ));
    assert!(!result.fair());
    assert_ne!(result.careful.label, Label::Complete);
    assert!(
        result
            .problems
            .iter()
            .any(|p| p.contains("careful auditor")),
        "{:?}",
        result.problems
    );
}

#[test]
fn an_objective_no_tool_answers_is_unfair() {
    let result = playtest_text(tutorial_with(", found_by: Some(RedByRule(None))", ""));
    assert!(
        result
            .problems
            .iter()
            .any(|p| p.starts_with("objective o-lawful: ")),
        "{:?}",
        result.problems
    );
}

#[test]
fn the_command_prints_a_row_per_scenario_and_seed_and_fails_on_an_unfair_one() {
    let fair = redcode(&["playtest", "tutorial", "--seeds", "2"]);
    let text = String::from_utf8_lossy(&fair.stdout);
    assert!(fair.status.success(), "{text}");
    assert_eq!(
        text.lines().filter(|l| l.starts_with("tutorial")).count(),
        2
    );
    assert!(text.contains("24/24 complete"), "{text}");
    assert!(text.contains("unsafe"), "{text}");

    let dir = tempdir();
    let file = dir.path().join("unfair.ron");
    std::fs::write(
        &file,
        tutorial_with(r#"document: Some("doc-pan-note"))),"#, "document: None)),"),
    )
    .unwrap();
    let unfair = redcode(&["playtest", file.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&unfair.stdout);
    assert_eq!(unfair.status.code(), Some(1), "{text}");
    assert!(text.contains("UNFAIR"), "{text}");
    assert!(text.contains("a careful auditor scores"), "{text}");
}

#[test]
fn a_clean_audit_of_the_control_city_is_complete_and_the_debrief_says_why() {
    use redcode::audit::desk::debrief_sections;
    use redcode::audit::{Action, casefile::Given};
    let world = open(Some("control"), None).unwrap().world;
    let desk = common::play(
        &world,
        [
            Action::SeekEnd,
            Action::Answer {
                objective: "o-rule-contact".into(),
                answer: Given::Person("shi-contact".into()),
            },
            Action::Submit,
        ],
    );
    let grade = desk.grade().expect("graded");
    assert_eq!(grade.label, Label::Complete, "{grade:#?}");
    assert_eq!(grade.score, grade.max_score);
    let sections = debrief_sections(&world, grade);
    let findings = &sections[0];
    assert_eq!(findings.title, "Findings");
    assert!(
        findings.items[0]
            .text
            .contains("A clean audit is the right answer"),
        "{:?}",
        findings.items
    );
    let traps = sections
        .iter()
        .find(|s| s.title.starts_with("The traps"))
        .expect("the traps are listed");
    assert!(traps.items.len() >= 5, "{:?}", traps.items);
}

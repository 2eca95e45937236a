//! Variants: each seed is a different but equivalent instance, and a figure that depends on
//! the crowd is counted in the world at load, so each seed is graded on its own number and
//! a neighbouring team's number is wrong.

use std::process::Command;

use redcode::audit::Given;
use redcode::audit::score::answer_matches;
use redcode::author::playtest::playtest;
use redcode::engine::World;
use redcode::open::open_loaded;
use redcode::scenario::load::parse_str;
use redcode::scenario::model::Answer;

const FIXTURE: &str = include_str!("fixtures/variant.ron");

fn world(seed: Option<u64>) -> World {
    let loaded = parse_str("variant.ron", FIXTURE.to_owned()).expect("the fixture parses");
    let opened = open_loaded(loaded, seed).expect("the fixture opens");
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    opened.world
}

fn count(world: &World) -> u64 {
    let key = world.scenario.answer_key.as_ref().unwrap();
    match key.objectives[0].answer {
        Answer::Number(n) => n,
        ref other => panic!("{other:?}"),
    }
}

#[test]
fn two_seeds_give_different_numbers_and_each_grades_right() {
    let own = world(None);
    let other = world(Some(1));
    assert_eq!(
        count(&own),
        33,
        "the number the file writes, on its own seed"
    );
    assert_eq!(count(&other), 31);
    for world in [&own, &other] {
        let played = playtest(world);
        assert!(played.fair(), "seed {}: {:?}", world.seed, played.problems);
        assert_eq!(played.careful.objectives_right, 1, "seed {}", world.seed);
    }
    // A team that copies its neighbour's number is wrong.
    let key = other.scenario.answer_key.as_ref().unwrap();
    assert!(!answer_matches(
        &key.objectives[0].answer,
        &Given::Number(33)
    ));
    assert!(answer_matches(
        &key.objectives[0].answer,
        &Given::Number(31)
    ));
}

#[test]
fn preview_shows_each_variant_s_answers() {
    let preview = |seed: &str| {
        let output = Command::new(env!("CARGO_BIN_EXE_redcode"))
            .args(["preview", "tests/fixtures/variant.ron", "--seed", seed])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("the binary runs");
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    let one = preview("1");
    assert!(one.contains("seed 1\n"), "{one}");
    assert!(
        one.contains("    key:   31\n    found: 31 (agrees)"),
        "{one}"
    );
    let seven = preview("7");
    assert!(
        seven.contains("    key:   33\n    found: 33 (agrees)"),
        "{seven}"
    );
    // A team's code stands for a seed of its own.
    let team = preview("Red Pandas");
    let seed = redcode::engine::variant::team_seed("red pandas");
    assert!(team.contains(&format!("seed {seed}\n")), "{team}");
    assert_eq!(preview("red pandas"), team);
}

#[test]
fn the_shipped_city_s_figures_are_counted_on_every_seed() {
    // Zhengzhou's crowd is made so that every listed depositor who comes is caught by some
    // batch: the totals hold on every seed while each batch's share changes.
    for seed in [1, 2] {
        let world = redcode::open::open(None, Some(seed)).unwrap().world;
        let played = playtest(&world);
        assert!(played.fair(), "seed {seed}: {:?}", played.problems);
    }
}

#[test]
fn a_written_number_its_own_seed_does_not_give_is_warned_of() {
    let text = FIXTURE.replace("answer: Number(33)", "answer: Number(30)");
    let loaded = parse_str("variant.ron", text).unwrap();
    let opened = open_loaded(loaded, None).unwrap();
    let warnings: Vec<&str> = opened.warnings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        warnings,
        [
            "objective `o-count` is answered 30, but its `found_by` counts 33 on the scenario's own seed; the count is what players are graded on"
        ]
    );
    assert_eq!(count(&opened.world), 33);
}

//! Schema versions: a file of version 1 keeps loading, migrated, and means what it meant;
//! `redcode validate --upgrade` rewrites it in the current version keeping its comments;
//! the hash that binds a journal to a scenario stays as it was through the upgrade.

use std::process::{Command, Output};

use redcode::open::open_loaded;
use redcode::scenario::load::parse_str;
use redcode::scenario::model::SCHEMA_VERSION;
use redcode::session::recorded_scenario::scenario_hash;

const OLD: &str = include_str!("fixtures/schema-1.ron");
const CURRENT: &str = include_str!("fixtures/minimal.ron");

fn redcode(args: &[&str], dir: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_redcode"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs")
}

#[test]
fn a_version_1_file_loads_as_the_current_version_and_means_the_same() {
    let old = parse_str("old.ron", OLD.to_owned()).unwrap();
    let current = parse_str("minimal.ron", CURRENT.to_owned()).unwrap();
    assert_eq!(old.migrated_from, Some(1));
    assert_eq!(current.migrated_from, None);
    assert_eq!(old.scenario.schema_version, SCHEMA_VERSION);
    assert_eq!(old.scenario, current.scenario);
    assert_eq!(
        scenario_hash(&old.scenario),
        scenario_hash(&current.scenario)
    );
    let old = open_loaded(old, None).unwrap();
    let current = open_loaded(current, None).unwrap();
    assert_eq!(old.world.ledger.len(), current.world.ledger.len());
}

#[test]
fn validate_says_a_file_is_old_and_upgrade_rewrites_it_keeping_comments_and_hash() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("old.ron"), OLD).unwrap();
    let said = redcode(&["validate", "old.ron"], dir.path());
    assert!(said.status.success());
    assert_eq!(
        String::from_utf8_lossy(&said.stdout),
        "old.ron: ok (4 people, 8 events, 3 ledger entries); schema_version 1, read as 2: \
         `redcode validate --upgrade old.ron` rewrites it\n"
    );
    let upgraded = redcode(&["validate", "--upgrade", "old.ron"], dir.path());
    assert!(
        upgraded.status.success(),
        "{}",
        String::from_utf8_lossy(&upgraded.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&upgraded.stdout),
        "old.ron: upgraded from schema_version 1 to 2\nold.ron: ok (4 people, 8 events, 3 ledger entries)\n"
    );
    let text = std::fs::read_to_string(dir.path().join("old.ron")).unwrap();
    assert!(text.starts_with("// A scenario written in schema version 1"));
    assert!(text.contains("    schema_version: 2,\n"));
    assert!(text.contains("carried_out: [\"chen\"]"));
    let again = redcode(&["validate", "--upgrade", "old.ron"], dir.path());
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        "old.ron: ok (4 people, 8 events, 3 ledger entries)\n"
    );
    let before = parse_str("a", OLD.to_owned()).unwrap();
    let after = parse_str("b", text).unwrap();
    assert_eq!(
        scenario_hash(&before.scenario),
        scenario_hash(&after.scenario)
    );
}

#[test]
fn a_file_that_does_not_parse_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let broken = OLD.replace("events: [", "events: [[");
    std::fs::write(dir.path().join("bad.ron"), &broken).unwrap();
    let output = redcode(&["validate", "--upgrade", "bad.ron"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bad.ron")).unwrap(),
        broken
    );
}

#[test]
fn the_hash_ignores_comments_whitespace_sources_and_the_version_written() {
    let base = parse_str("a", CURRENT.to_owned()).unwrap();
    let reworded = CURRENT
        .replace("Scenario(\n", "Scenario( // a comment\n\n")
        .replace(
            "    events: [",
            "    sources: [\"A source.\"],\n    events:    [",
        );
    let reworded = parse_str("b", reworded).unwrap();
    assert_ne!(base.scenario.sources, reworded.scenario.sources);
    assert_eq!(
        scenario_hash(&base.scenario),
        scenario_hash(&reworded.scenario)
    );
    let changed = parse_str("c", CURRENT.replace("As instructed.", "As told.")).unwrap();
    assert_ne!(
        scenario_hash(&base.scenario),
        scenario_hash(&changed.scenario)
    );
}

#[test]
fn every_shipped_scenario_is_written_in_the_current_version() {
    for b in redcode::scenario::builtin::BUILTINS {
        let loaded = redcode::scenario::load::parse_str(b.file, b.source.to_owned())
            .unwrap_or_else(|e| panic!("{} parses: {e:?}", b.id));
        assert_eq!(loaded.migrated_from, None, "{} needs an upgrade", b.id);
    }
}

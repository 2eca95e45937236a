//! The synthetic city written as a scenario file (what `cargo run --example scale -- write
//! FILE --units N` does) is a file `redcode` accepts: it validates with no warnings and
//! opens to the people and events its crowds promise.

use std::process::Command;

use redcode::testkit::scale::{EVENTS_PER_UNIT, PEOPLE_PER_UNIT, write_file};

#[test]
fn the_written_city_validates_and_opens() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("city.ron");
    write_file(&file, 2).unwrap();

    let out = Command::new(env!("CARGO_BIN_EXE_redcode"))
        .arg("validate")
        .arg(&file)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(stdout.contains(": ok ("), "{stdout}");
    assert!(stderr.is_empty(), "no warnings expected: {stderr}");

    let opened = redcode::open::open(Some(file.to_str().unwrap()), None).unwrap();
    let world = opened.world;
    assert!(world.person_count() >= 2 * PEOPLE_PER_UNIT as usize);
    assert!(world.timeline.len() >= 2 * EVENTS_PER_UNIT as usize);
    assert!(!world.ledger.by_batch("b-0611-a").is_empty());
    assert!(
        stdout.contains(&format!("{} people", world.person_count())),
        "{stdout}"
    );
}

//! Journals that outlive a release: sessions recorded by earlier versions (kept in
//! tests/journals with the scenario text they were played on) keep grading to the same
//! score and findings; grading rests on the recorded case changes, not on where a row sat
//! in a dialog; the checksum and the scenario hash ignore what does not change the case.

mod common;

use std::path::{Path, PathBuf};

use redcode::audit::casefile::FlagTarget;
use redcode::audit::{Action, Screen};
use redcode::engine::EntryId;
use redcode::scenario::builtin;
use redcode::scenario::load::parse_str;
use redcode::scenario::model::Category;
use redcode::session::class_results::{GradeRow, grade_one};
use redcode::session::journal::{self, Journal};
use redcode::session::recorded_scenario::{open_for, scenario_hash};
use redcode::session::replay::{checksum, replay_to_end};
use redcode::session::{changes, journal::FORMAT_VERSION};

use common::{flag, recorded, redcode, tempdir};

fn kept(version: &str, file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/journals")
        .join(version)
        .join(file)
}

/// A kept journal graded against the scenario text it was recorded with.
fn grade_kept(version: &str) -> GradeRow {
    let journal = journal::read(&kept(version, "tutorial.jsonl")).expect("the kept journal reads");
    let world = open_for(
        &journal.header,
        Some(&kept(version, "tutorial.ron")),
        None,
        false,
    )
    .expect("the kept scenario is the one the journal was recorded with");
    grade_one(&world, &journal)
}

/// What the kept sessions scored when they were recorded: one entry flagged that was
/// lawful, the lawful red named with a hint, Ding Wen's red missed.
fn assert_recorded_grade(row: &GradeRow) {
    assert_eq!(row.error, "", "{row:?}");
    assert_eq!(
        (row.score, row.max_score, row.label.as_str()),
        (2, 20, "unsafe"),
        "{row:?}"
    );
    assert_eq!(
        (
            row.findings_passed,
            row.findings,
            row.missed,
            row.wrongly_flagged,
            row.hints
        ),
        (0, 1, 1, 1, 1),
        "{row:?}"
    );
    assert_eq!(
        (row.player.as_str(), row.scenario.as_str(), row.seed),
        ("Fixture", "tutorial", 7)
    );
    assert!(row.finished);
}

#[test]
fn a_journal_recorded_with_format_2_keeps_its_grade() {
    let journal = journal::read(&kept("v2", "tutorial.jsonl")).unwrap();
    assert_eq!(journal.header.version, 2);
    assert!(journal.records_changes());
    assert!(
        !journal.checksums.is_empty(),
        "the kept journal carries a checksum"
    );
    assert_recorded_grade(&grade_kept("v2"));
}

#[test]
fn a_journal_recorded_with_format_1_still_grades() {
    let journal = journal::read(&kept("v1", "tutorial.jsonl")).unwrap();
    assert_eq!(journal.header.version, 1);
    assert!(!journal.records_changes());
    assert_recorded_grade(&grade_kept("v1"));
}

#[test]
fn grade_and_replay_take_the_scenario_file_a_journal_was_recorded_with() {
    for version in ["v1", "v2"] {
        let journal = kept(version, "tutorial.jsonl");
        let scenario = kept(version, "tutorial.ron");
        let output = redcode(&[
            "grade",
            "--format",
            "json",
            "--scenario",
            scenario.to_str().unwrap(),
            journal.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{output:?}");
        let rows: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(rows[0]["score"], 2, "{rows}");
        assert_eq!(rows[0]["wrongly_flagged"], 1, "{rows}");
        assert_eq!(rows[0]["error"], "", "{rows}");

        let output = redcode(&[
            "replay",
            "--headless",
            "--scenario",
            scenario.to_str().unwrap(),
            journal.to_str().unwrap(),
        ]);
        assert!(output.status.success(), "{output:?}");
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(text.contains("2 of 20 points"), "{text}");
    }
}

#[test]
fn a_scenario_file_that_is_not_the_recorded_one_is_refused_by_name() {
    let journal = kept("v2", "tutorial.jsonl");
    let other = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/zhengzhou-2022.ron");
    let output = redcode(&[
        "grade",
        "--scenario",
        other.to_str().unwrap(),
        journal.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("zhengzhou-2022.ron"), "{err}");
    assert!(err.contains("has changed since the session"), "{err}");
    // resume takes the option too (it then asks for a terminal, not for other arguments).
    let output = redcode(&[
        "resume",
        "--scenario",
        other.to_str().unwrap(),
        journal.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
}

/// The tutorial's text with a comment, changed layout and other sources.
fn reworded_text(source: &str) -> String {
    let reworded = format!("// A comment added in a later release.\n\n{source}")
        .replace(
            "sources: [\n",
            "sources: [\n        \"A source added later.\",\n",
        )
        .replace("    ", "\t");
    assert_ne!(reworded, source);
    reworded
}

#[test]
fn comments_whitespace_and_sources_leave_the_scenario_hash_alone() {
    let source = builtin::find("tutorial").unwrap().source.to_owned();
    let original = parse_str("tutorial.ron", source.clone()).unwrap();
    let reworded = parse_str("tutorial.ron", reworded_text(&source)).unwrap();
    assert_ne!(original.scenario.sources, reworded.scenario.sources);
    assert_eq!(
        scenario_hash(&original.scenario),
        scenario_hash(&reworded.scenario)
    );
    let retitled = parse_str(
        "tutorial.ron",
        source.replacen("title: \"", "title: \"Renamed: ", 1),
    )
    .unwrap();
    assert_ne!(
        scenario_hash(&original.scenario),
        scenario_hash(&retitled.scenario),
        "what the scenario says is hashed"
    );

    // The kept journal grades on the reworded file as on the original.
    let dir = tempdir();
    let file = dir.path().join("tutorial.ron");
    let kept_source = std::fs::read_to_string(kept("v2", "tutorial.ron")).unwrap();
    std::fs::write(&file, reworded_text(&kept_source)).unwrap();
    let journal = journal::read(&kept("v2", "tutorial.jsonl")).unwrap();
    let world = open_for(&journal.header, Some(&file), None, false)
        .expect("a comment does not change what the scenario means");
    assert_recorded_grade(&grade_one(&world, &journal));
}

#[test]
fn the_checksum_covers_the_case_not_messages_or_screens() {
    let world = common::tutorial();
    let mut desk = redcode::audit::Desk::new(&world);
    let before = checksum(&desk);
    let desk_before = desk.clone();
    // A refusal (a message) and a move between screens and rows: nothing in the case.
    desk.update(&world, Action::RemoveSelected);
    desk.update(&world, Action::Show(Screen::People));
    desk.update(&world, Action::Down);
    assert_ne!(desk, desk_before, "the desk itself changed");
    assert_eq!(checksum(&desk), before);
    desk.update(&world, Action::AddNote("seen".into()));
    assert_ne!(checksum(&desk), before, "a note is part of the case");
}

/// A session touching every kind of case change.
fn varied_session(world: &redcode::engine::World) -> Vec<Action> {
    let mut actions = vec![
        Action::Show(Screen::Timeline),
        flag(
            FlagTarget::Entry(EntryId(0)),
            Category::OutsideAuthority,
            &[],
            &[],
        ),
        flag(
            FlagTarget::Entry(EntryId(0)),
            Category::NoEpidemicBasis,
            &[],
            &[],
        ),
        flag(
            FlagTarget::Entry(EntryId(1)),
            Category::NoEpidemicBasis,
            &[],
            &[],
        ),
        Action::RemoveFlag(1),
        Action::AddNote("first".into()),
        Action::AddNote("second".into()),
        Action::Show(Screen::CaseFile),
    ];
    actions.extend(common::answers::tutorial(world));
    actions.push(Action::TakeHint("o-lawful".into()));
    actions.push(Action::Submit);
    actions
}

#[test]
fn grading_by_case_changes_equals_grading_by_replay() {
    let world = common::tutorial();
    let dir = tempdir();
    let journal = recorded(dir.path(), "tutorial", "p", &varied_session(&world));
    assert_eq!(journal.header.version, FORMAT_VERSION);
    let (case, submitted) = changes::rebuild(&journal).expect("format 2 records changes");
    let desk = replay_to_end(&world, &journal).unwrap();
    assert_eq!(&case, desk.case());
    assert!(submitted && desk.submitted());
    assert_eq!(case.notes, ["first", "second"]);
    assert_eq!(case.flags.len(), 1);

    // The same journal with its case changes left out is graded by replaying it.
    let by_changes = grade_one(&world, &journal);
    let actions_only = Journal {
        changes: vec![Vec::new(); journal.actions.len()],
        checksums: Vec::new(),
        header: redcode::session::journal::Header {
            version: 1,
            ..journal.header.clone()
        },
        ..journal.clone()
    };
    assert!(changes::rebuild(&actions_only).is_none());
    assert_eq!(grade_one(&world, &actions_only), by_changes);
    assert!(by_changes.score > 0, "{by_changes:?}");
}

#[test]
fn grading_never_depends_on_where_a_row_sat_in_a_dialog() {
    // A later desk whose dialogs take the same keys to other rows replays the actions to a
    // different case; the recorded case changes still grade as they were recorded.
    let journal = journal::read(&kept("v2", "tutorial.jsonl")).unwrap();
    let moved = Journal {
        actions: journal
            .actions
            .iter()
            .map(|(t, a)| match a {
                Action::Down => (*t, Action::Up),
                Action::Up => (*t, Action::Down),
                other => (*t, other.clone()),
            })
            .collect(),
        checksums: Vec::new(),
        ..journal.clone()
    };
    let world = open_for(
        &journal.header,
        Some(&kept("v2", "tutorial.ron")),
        None,
        false,
    )
    .unwrap();
    let replayed = replay_to_end(&world, &moved).unwrap();
    let (case, _) = changes::rebuild(&moved).unwrap();
    assert_ne!(replayed.case(), &case, "the moved rows make another case");
    assert_recorded_grade(&grade_one(&world, &moved));
}

//! Sessions: record and replay, damaged journals, drift detection, class grading, casts.

use std::path::{Path, PathBuf};

use redcode::audit::casefile::{Flag, FlagTarget};
use redcode::audit::score::given_from_answer;
use redcode::audit::{Action, Desk, Screen};
use redcode::engine::{EntryId, World};
use redcode::open::open;
use redcode::scenario::builtin;
use redcode::scenario::model::Category;
use redcode::session::journal::{self, Writer};
use redcode::session::replay::{Replay, checksum};
use redcode::session::{Recorder, cast, class_results, new_header};

fn world(name: &str) -> World {
    open(Some(name), None).unwrap().world
}

/// Plays `actions` on a desk while journaling them, as the console does.
fn record(path: &Path, name: &str, player: &str, actions: &[Action]) -> Desk {
    let world = world(name);
    let source = builtin::find(name).unwrap().source;
    let header = new_header(name, &world.scenario.id, source, world.seed, player);
    let mut recorder = Recorder::new(Writer::create(path, &header).unwrap());
    let mut desk = Desk::new(&world);
    for action in actions {
        desk.update(&world, action.clone());
        recorder.record(action, &desk);
    }
    assert!(recorder.error.is_none());
    desk
}

fn flag(target: FlagTarget, category: Category, executed: &[&str], ordered: &[&str]) -> Action {
    Action::AddFlag(Flag::new(target, category, executed, ordered))
}

/// A careful tutorial playthrough that earns full marks.
fn tutorial_perfect() -> Vec<Action> {
    let w = world("tutorial");
    let mut actions = vec![
        Action::Resize {
            width: 100,
            height: 30,
        },
        Action::NextChange,
        Action::NextChange,
        Action::SeekEnd,
    ];
    actions.push(flag(
        FlagTarget::Entry(EntryId(2)),
        Category::NoEpidemicBasis,
        &["yu-clerk"],
        &["pan-deputy"],
    ));
    for o in &w.scenario.answer_key.as_ref().unwrap().objectives {
        actions.push(Action::Answer {
            objective: o.id.to_string(),
            answer: given_from_answer(&o.answer),
        });
    }
    actions.push(Action::StartNote);
    actions.extend("same scans, different colour".chars().map(Action::Type));
    actions.push(Action::Confirm);
    actions.push(Action::Show(Screen::CaseFile));
    actions.push(Action::Submit);
    actions.push(Action::Quit);
    actions
}

#[test]
fn record_then_replay_gives_the_identical_final_state() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let mut actions = tutorial_perfect();
    // Long enough to write several state checksums on the way.
    for _ in 0..60 {
        actions.insert(1, Action::Down);
        actions.insert(1, Action::Show(Screen::People));
    }
    let played = record(&path, "tutorial", "ann", &actions);
    let journal = journal::read(&path).unwrap();
    assert!(
        journal.checksums.len() >= 2,
        "checksums are written as play goes"
    );
    assert!(journal.finished());
    let w = world("tutorial");
    let replay = Replay::new(&w, &journal).unwrap();
    // Quit is not replayed (so a resumed session goes on); it is not the desk's state
    // either, so the replayed desk matches the played one in full.
    assert_eq!(replay.desk, played);
    assert_eq!(checksum(&replay.desk), checksum(&played));
    assert_eq!(
        replay.desk.grade().unwrap().score,
        replay.desk.grade().unwrap().max_score
    );
    // Markers at the flag, the note and the submit.
    let labels: Vec<&str> = replay.markers.iter().map(|m| m.label.as_str()).collect();
    assert!(labels[0].starts_with("flag: entry #2"), "{labels:?}");
    assert!(
        labels.contains(&"note") && labels.contains(&"submit"),
        "{labels:?}"
    );
}

#[test]
fn seeking_back_and_forth_matches_a_straight_replay() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let mut actions = tutorial_perfect();
    for i in 0..300 {
        actions.insert(
            1,
            if i % 3 == 0 {
                Action::StepForward
            } else {
                Action::Down
            },
        );
    }
    record(&path, "tutorial", "ann", &actions);
    let journal = journal::read(&path).unwrap();
    let w = world("tutorial");
    let mut replay = Replay::new(&w, &journal).unwrap();
    for target in [250, 3, 199, 200, 0, replay.len(), 64, 65] {
        replay.seek(&w, target);
        let mut straight = Desk::new(&w);
        for (_, action) in journal
            .actions
            .iter()
            .filter(|(_, a)| *a != Action::Quit)
            .take(target)
        {
            straight.update(&w, action.clone());
        }
        assert_eq!(replay.desk, straight, "at {target}");
        assert_eq!(replay.position, target);
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sessions")
        .join(name)
}

#[test]
fn damaged_journals_get_clear_messages() {
    let cases = [
        ("empty.jsonl", 1, "the journal is empty"),
        ("not-a-session.jsonl", 1, "not a session header"),
        ("wrong-version.jsonl", 1, "session format version 9"),
        ("damaged-middle.jsonl", 3, "damaged line"),
        ("hand-edited.jsonl", 2, "damaged line"),
        ("time-backwards.jsonl", 3, "time goes backwards"),
    ];
    for (file, line, words) in cases {
        let error = journal::read(&fixture(file)).unwrap_err();
        assert_eq!(error.line, line, "{file}: {error}");
        assert!(error.to_string().contains(words), "{file}: {error}");
        assert!(
            error
                .to_string()
                .starts_with(&format!("{}:{line}: error:", fixture(file).display()))
        );
    }
    let torn = journal::read(&fixture("torn-tail.jsonl")).unwrap();
    assert_eq!(torn.actions.len(), 2);
    assert!(torn.notice.unwrap().contains("incomplete last line"));
}

#[test]
fn a_changed_scenario_is_refused_naming_both_hashes() {
    let journal = journal::read(&fixture("other-scenario.jsonl")).unwrap();
    let error = redcode::session::recorded_scenario::open_for(&journal.header, None, false)
        .unwrap_err()
        .to_string();
    assert!(error.contains("recorded hash 0000"), "{error}");
    let current = redcode::session::recorded_scenario::scenario_hash(
        builtin::find("tutorial").unwrap().source,
    );
    assert!(error.contains(&current), "{error}");
    assert!(
        redcode::session::recorded_scenario::open_for(&journal.header, None, true).is_ok(),
        "--force tries anyway"
    );
}

#[test]
fn a_replay_that_drifts_is_caught_at_its_action() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let actions: Vec<Action> = (0..120)
        .map(|i| {
            if i % 2 == 0 {
                Action::StepForward
            } else {
                Action::Down
            }
        })
        .collect();
    record(&path, "tutorial", "ann", &actions);
    // Tamper with a checksum line: the replay must notice at that action.
    let text = std::fs::read_to_string(&path).unwrap();
    let tampered: String = text
        .lines()
        .map(|l| {
            if l.starts_with("{\"n\":100") {
                "{\"n\":100,\"sum\":\"deadbeefdeadbeef\"}".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&path, tampered).unwrap();
    let journal = journal::read(&path).unwrap();
    let divergence = Replay::new(&world("tutorial"), &journal).err().unwrap();
    assert_eq!(divergence.action, 100);
    assert!(divergence.to_string().contains("after action 100"));
}

#[test]
fn grading_a_folder_gives_the_class_table() {
    let dir = tempfile::tempdir().unwrap();
    record(
        &dir.path().join("a-perfect.jsonl"),
        "tutorial",
        "Ann",
        &tutorial_perfect(),
    );
    let flag_all = vec![
        flag(
            FlagTarget::Official("yu-clerk".into()),
            Category::NoEpidemicBasis,
            &["yu-clerk"],
            &["pan-deputy"],
        ),
        Action::SeekEnd,
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
        Action::TakeHint("o-lawful".into()),
        Action::Submit,
    ];
    record(
        &dir.path().join("b-everything.jsonl"),
        "tutorial",
        "Bo",
        &flag_all,
    );
    record(
        &dir.path().join("c-unfinished.jsonl"),
        "tutorial",
        "Cy",
        &[Action::NextChange, Action::Show(Screen::People)],
    );
    std::fs::write(dir.path().join("notes.txt"), "not a session").unwrap();
    let files = class_results::collect(&[dir.path().to_path_buf()]);
    assert_eq!(files.len(), 3);
    let rows = class_results::grade_all(&files, None, false);
    let summary: Vec<(String, usize, usize, usize, usize, String, bool)> = rows
        .iter()
        .map(|r| {
            (
                r.player.clone(),
                r.findings_passed,
                r.missed,
                r.wrongly_flagged,
                r.hints,
                r.label.clone(),
                r.finished,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Ann".into(), 1, 0, 0, 0, "complete".into(), true),
            ("Bo".into(), 1, 0, 2, 1, "unsafe".into(), true),
            ("Cy".into(), 0, 1, 0, 0, "partial".into(), false),
        ]
    );
    let table = class_results::markdown(&rows);
    assert!(
        table
            .lines()
            .nth(2)
            .unwrap()
            .starts_with("| Ann | tutorial | 7 | 1/1 | 0 | 0 | 0 | 20/20 | complete |"),
        "{table}"
    );
    let csv = class_results::csv(&rows).unwrap();
    assert_eq!(csv.lines().count(), 4);
}

#[test]
fn a_separate_answer_key_grades_a_scenario_handed_out_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    record(&path, "tutorial", "Ann", &tutorial_perfect());
    // A key that asks something else: the tutorial's own objectives, one answer changed.
    let w = world("tutorial");
    let mut key = w.scenario.answer_key.clone().unwrap();
    key.objectives[1].answer = redcode::scenario::model::Answer::Official("yu-clerk".into());
    let key_path = dir.path().join("key.ron");
    std::fs::write(
        &key_path,
        ron::ser::to_string_pretty(&key, ron::ser::PrettyConfig::default()).unwrap(),
    )
    .unwrap();
    let key = redcode::session::recorded_scenario::read_key(&key_path).unwrap();
    let rows = class_results::grade_all(&[path], Some(&key), false);
    assert_eq!(rows[0].error, "");
    assert_eq!(
        rows[0].score,
        rows[0].max_score - 5,
        "graded against the key file, not the scenario's key"
    );
}

#[test]
fn the_cast_is_valid_asciicast_v2_with_markers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    record(&path, "tutorial", "ann", &tutorial_perfect());
    let journal = journal::read(&path).unwrap();
    let text = cast::render(world("tutorial"), &journal).unwrap();
    let mut lines = text.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], 100);
    assert_eq!(header["height"], 30);
    assert!(header["timestamp"].as_i64().unwrap() > 1_600_000_000);
    let mut last = 0.0;
    let mut outputs = 0;
    let mut markers = Vec::new();
    for line in lines {
        let event: serde_json::Value = serde_json::from_str(line).unwrap();
        let event = event.as_array().unwrap();
        assert_eq!(event.len(), 3);
        let t = event[0].as_f64().unwrap();
        assert!(t >= last, "times never go back");
        last = t;
        match event[1].as_str().unwrap() {
            "o" => outputs += 1,
            "m" => markers.push(event[2].as_str().unwrap().to_owned()),
            other => panic!("unexpected event type {other}"),
        }
    }
    assert!(outputs >= tutorial_perfect().len() - 2);
    assert_eq!(markers.len(), 3, "{markers:?}");
    assert!(text.contains("Debrief"), "the last frames show the debrief");
    asciinema_plays(&dir.path().join("s.cast"), &text);
}

/// Plays the cast in a real asciinema client when one can be had here.
fn asciinema_plays(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    let found = std::process::Command::new("asciinema")
        .arg("--version")
        .output()
        .is_ok()
        || std::process::Command::new("python3")
            .args(["-m", "pip", "install", "--quiet", "asciinema"])
            .status()
            .is_ok_and(|s| s.success());
    if !found {
        eprintln!(
            "note: no asciinema client could be installed; the format checks above stand alone"
        );
        return;
    }
    let output = std::process::Command::new("asciinema")
        .arg("cat")
        .arg(path)
        .output();
    match output {
        Ok(out) => {
            assert!(
                out.status.success(),
                "asciinema cat failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(String::from_utf8_lossy(&out.stdout).contains("Debrief"));
        }
        Err(e) => eprintln!("note: asciinema was installed but could not run: {e}"),
    }
}

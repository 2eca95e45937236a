//! Sessions: record and replay, damaged journals, drift detection, class grading, casts.

mod common;

use common::{flag, record, world};

use std::path::{Path, PathBuf};

use redcode::audit::casefile::FlagTarget;
use redcode::audit::{Action, Desk, Screen};
use redcode::engine::EntryId;
use redcode::scenario::builtin;
use redcode::scenario::model::Category;
use redcode::session::class_results;
use redcode::session::journal::{self};
use redcode::session::replay::{Replay, checksum};
use redcode::tui::cast;

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
    // The answers as the screens show them, not as the key holds them.
    actions.extend(common::answers::tutorial(&w));
    actions.push(common::answers::recommendations_for(
        &w,
        &[Category::NoEpidemicBasis],
    ));
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
    let error = redcode::session::recorded_scenario::open_for(&journal.header, None, None, false)
        .unwrap_err()
        .to_string();
    assert!(error.contains("recorded hash 0000"), "{error}");
    let current =
        redcode::session::recorded_scenario::text_hash(builtin::find("tutorial").unwrap().source);
    assert!(error.contains(&current), "{error}");
    assert!(
        redcode::session::recorded_scenario::open_for(&journal.header, None, None, true).is_ok(),
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
    let files = class_results::collect(&[dir.path().to_path_buf()]).files;
    assert_eq!(files.len(), 3);
    let rows = class_results::grade_all(&files, None, None, false);
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
            .starts_with("| Ann | tutorial | 7 | 1/1 | 0 | 0 | 0 | 24/24 | complete |"),
        "{table}"
    );
    // The CSV, read back by a CSV reader: the header names every column, and each row
    // holds that session's cells.
    let csv = class_results::csv(&rows).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header row")
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(
        header,
        [
            "file",
            "player",
            "scenario",
            "seed",
            "findings_passed",
            "findings",
            "missed",
            "wrongly_flagged",
            "hints",
            "score",
            "max_score",
            "label",
            "minutes",
            "finished",
            "error",
        ]
    );
    let records: Vec<csv::StringRecord> = reader
        .records()
        .collect::<Result<_, _>>()
        .expect("every row reads");
    let expected = [
        [
            "Ann", "tutorial", "7", "1", "1", "0", "0", "0", "24", "24", "complete",
        ],
        [
            "Bo", "tutorial", "7", "1", "1", "0", "2", "1", "7", "24", "unsafe",
        ],
        [
            "Cy", "tutorial", "7", "0", "1", "1", "0", "0", "0", "24", "partial",
        ],
    ];
    assert_eq!(records.len(), expected.len(), "{csv}");
    for ((record, file), (want, finished)) in records
        .iter()
        .zip(&files)
        .zip(expected.iter().zip(["true", "true", "false"]))
    {
        assert_eq!(record.len(), header.len(), "{record:?}");
        assert_eq!(&record[0], file.display().to_string(), "{record:?}");
        assert_eq!(
            &record.iter().collect::<Vec<_>>()[1..12],
            want,
            "{record:?}"
        );
        // Each session was played in well under a minute.
        let minutes: f64 = record[12].parse().expect("minutes as a number");
        assert!((0.0..1.0).contains(&minutes), "{record:?}");
        assert_eq!(&record[13], finished, "{record:?}");
        assert_eq!(&record[14], "", "{record:?}");
    }
}

#[test]
fn grading_a_folder_reads_journals_by_their_header_and_names_what_it_skipped() {
    let dir = tempfile::tempdir().unwrap();
    record(
        &dir.path().join("a.jsonl"),
        "tutorial",
        "Ann",
        &tutorial_perfect(),
    );
    // A journal saved under another name is still a journal.
    record(
        &dir.path().join("b-renamed.txt"),
        "tutorial",
        "Bo",
        &[Action::NextChange],
    );
    std::fs::write(dir.path().join("README"), "Class of Tuesday\n").unwrap();
    std::fs::write(dir.path().join("empty.jsonl"), "").unwrap();
    std::fs::write(dir.path().join("evil\u{1b}[2J.md"), "{\"format\": 1}\n").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_redcode"))
        .args(["grade", "--format", "csv"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let players: Vec<String> = reader
        .deserialize::<std::collections::BTreeMap<String, String>>()
        .map(|r| r.unwrap()["player"].clone())
        .collect();
    assert_eq!(players, ["Ann", "Bo"]);
    let skipped: Vec<&str> = stderr.lines().collect();
    let name = |file: &str| dir.path().join(file).display().to_string();
    assert_eq!(
        skipped,
        [
            format!(
                "{}: skipped: its first line is not a redcode session header",
                name("README")
            ),
            format!("{}: skipped: the file is empty", name("empty.jsonl")),
            format!(
                "{}: skipped: its first line is not a redcode session header",
                name("evil[2J.md")
            ),
        ],
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "file names are cleaned");
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
    let rows = class_results::grade_all(&[path], None, Some(&key), false);
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

/// A cast's events after the header: (time, kind, data).
fn cast_events(text: &str) -> Vec<(f64, String, String)> {
    text.lines()
        .skip(1)
        .map(|line| {
            let event: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                event[0].as_f64().unwrap(),
                event[1].as_str().unwrap().to_owned(),
                event[2].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// The furthest row and column any cursor move in `data` reaches.
fn furthest_cell(data: &str) -> (u16, u16) {
    let mut furthest = (0, 0);
    for part in data.split("\u{1b}[").skip(1) {
        let Some(end) = part.find(|c: char| !c.is_ascii_digit() && c != ';') else {
            continue;
        };
        if part[end..].starts_with('H')
            && let Some((row, col)) = part[..end].split_once(';')
        {
            let (row, col): (u16, u16) = (row.parse().unwrap(), col.parse().unwrap());
            furthest = (furthest.0.max(row), furthest.1.max(col));
        }
    }
    furthest
}

#[test]
fn the_cast_follows_the_players_terminal_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let resize = |width, height| Action::Resize { width, height };
    let actions = vec![
        resize(132, 43),
        Action::Show(Screen::People),
        Action::Down,
        resize(90, 28),
        Action::Show(Screen::Timeline),
        resize(90, 28),
        Action::NextChange,
    ];
    record(&path, "tutorial", "ann", &actions);
    let journal = journal::read(&path).unwrap();
    let text = cast::render(world("tutorial"), &journal).unwrap();
    let header: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(
        (header["width"].as_u64(), header["height"].as_u64()),
        (Some(132), Some(43))
    );
    let events = cast_events(&text);
    let resizes: Vec<&str> = events
        .iter()
        .filter(|e| e.1 == "r")
        .map(|e| e.2.as_str())
        .collect();
    assert_eq!(
        resizes,
        ["90x28"],
        "one resize: the repeated size is no change"
    );
    let at = events.iter().position(|e| e.1 == "r").unwrap();
    let before: Vec<&String> = events[..at].iter().map(|e| &e.2).collect();
    let after: Vec<&String> = events[at + 1..].iter().map(|e| &e.2).collect();
    let reach = |frames: &[&String]| {
        frames.iter().fold((0, 0), |acc, f| {
            let (r, c) = furthest_cell(f);
            (acc.0.max(r), acc.1.max(c))
        })
    };
    assert_eq!(
        reach(&before),
        (43, 132),
        "drawn to the edge of the first size"
    );
    assert_eq!(
        reach(&after),
        (28, 90),
        "and then within the new size, to its edge"
    );
    assert!(
        after[0].starts_with("\u{1b}[2J"),
        "the first frame after a resize clears the screen"
    );
}

#[test]
fn cast_to_a_dash_writes_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    record(&path, "tutorial", "ann", &tutorial_perfect());
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_redcode"))
        .args(["cast", path.to_str().unwrap(), "-o", "-"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stderr.is_empty());
    let journal = journal::read(&path).unwrap();
    let expected = cast::render(world("tutorial"), &journal).unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), expected);
    assert!(!dir.path().join("-").exists(), "no file named `-`");
}

/// Plays the cast in a real asciinema client: the one on PATH, or one the tests install
/// into a virtual environment of their own. Where none can be had, the check is reported
/// as skipped (the format checks before it have run either way), never as passed.
fn asciinema_plays(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    let client = match common::tools::asciinema() {
        Ok(client) => client,
        Err(why) => {
            common::tools::skipped("playing the cast in asciinema", &why);
            return;
        }
    };
    let out = std::process::Command::new(&client)
        .arg("cat")
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("{} runs: {e}", client.display()));
    assert!(
        out.status.success(),
        "asciinema cat failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Debrief"));
}

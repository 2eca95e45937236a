//! Property tests of journals: arbitrary headers and lines go to everything that reads a
//! journal (reading, opening its scenario, grading, the replay viewer's layout and seeks,
//! the cast), through the library functions the commands call. None may panic, and no text
//! any of them reports may carry a character that could act on a terminal.

use proptest::prelude::*;
use serde_json::{Value, json};

use redcode::scenario::text::is_unsafe;
use redcode::session::journal::{self, FORMAT};
use redcode::session::recorded_scenario::{open_for, scenario_hash};
use redcode::session::replay::Replay;
use redcode::session::{SessionError, class_results};
use redcode::tui::cast;

const NASTY: &[char] = &[
    '\u{1b}', '\u{7}', '\u{0}', '\r', '\t', '\n', '\u{7f}', '\u{85}', '\u{9b}', '\u{202E}',
    '\u{2066}', '\u{200B}', '\u{FEFF}', '\u{2028}', '名', '"', '\\', '{', '}', ':', ',',
];

fn nasty_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![any::<char>(), proptest::sample::select(NASTY)],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

fn tutorial_hash() -> String {
    scenario_hash(
        &redcode::open::open(Some("tutorial"), None)
            .unwrap()
            .world
            .scenario,
    )
}

/// A header: mostly well formed, with any field replaced by something hostile.
fn header() -> impl Strategy<Value = String> {
    (
        prop_oneof![9 => Just(FORMAT.to_owned()), 1 => nasty_string()],
        prop_oneof![
            9 => Just(json!(redcode::session::journal::FORMAT_VERSION)),
            1 => any::<u32>().prop_map(|v| json!(v)),
            1 => nasty_string().prop_map(Value::from),
        ],
        prop_oneof![
            6 => Just("tutorial".to_owned()),
            2 => Just("zhengzhou-2022".to_owned()),
            1 => nasty_string(),
        ],
        prop_oneof![9 => Just("tutorial".to_owned()), 1 => nasty_string()],
        prop_oneof![9 => Just(tutorial_hash()), 1 => nasty_string()],
        prop_oneof![9 => Just(7u64), 1 => any::<u64>()],
        nasty_string(),
        proptest::option::weighted(0.1, nasty_string()),
    )
        .prop_map(
            |(format, version, scenario, id, hash, seed, player, extra)| {
                let mut h = json!({
                    "format": format, "version": version, "redcode": "0.1.0",
                    "scenario": scenario, "scenario_id": id, "scenario_hash": hash,
                    "seed": seed, "player": player, "started": "2026-11-01T09:00:00Z",
                });
                if let Some(extra) = extra {
                    h[extra] = json!(1);
                }
                h.to_string()
            },
        )
}

/// A line after the header: an action a step after the previous one, or a line as is.
#[derive(Debug, Clone)]
enum Line {
    Step(u64, Value),
    Raw(String),
}

fn line() -> impl Strategy<Value = Line> {
    let action = action_json();
    prop_oneof![
        400 => (0u64..5_000, action).prop_map(|(step, a)| Line::Step(step, a)),
        1 => (any::<u64>(), action_json())
            .prop_map(|(t, a)| Line::Raw(json!({"t": t, "a": a}).to_string())),
        2 => (0u64..200, nasty_string())
            .prop_map(|(n, s)| Line::Raw(json!({"n": n, "sum": s}).to_string())),
        1 => nasty_string().prop_map(Line::Raw),
    ]
}

/// An action as JSON: most of them well formed, some carrying hostile text.
fn action_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!("Down")),
        Just(json!("StepForward")),
        Just(json!("NextChange")),
        Just(json!("OpenFlagDialog")),
        Just(json!("Confirm")),
        Just(json!("Submit")),
        Just(json!("Quit")),
        Just(json!({"Show": "CaseFile"})),
        any::<u16>().prop_map(|w| json!({"Resize": {"width": w, "height": w / 3}})),
        nasty_string().prop_map(|s| json!({"AddNote": s})),
        nasty_string().prop_map(|s| json!({"TakeHint": s})),
        (nasty_string(), nasty_string()).prop_map(|(b, o)| json!({"AddFlag": {
            "target": {"Batch": b}, "category": "NoEpidemicBasis",
            "executed_by": [o], "ordered_by": []}})),
        any::<usize>().prop_map(|i| json!({"RemoveFlag": i})),
        any::<usize>().prop_map(|i| json!({"SelectRow": i})),
    ]
}

fn journal_text() -> impl Strategy<Value = Vec<u8>> {
    (
        header(),
        proptest::collection::vec(line(), 0..40),
        any::<bool>(),
        any::<usize>(),
    )
        .prop_map(|(header, lines, newline, cut)| {
            let mut text = header + "\n";
            let mut t = 0u64;
            for line in lines {
                let line = match line {
                    Line::Step(step, a) => {
                        t += step;
                        json!({"t": t, "a": a}).to_string()
                    }
                    Line::Raw(raw) => raw.replace('\n', " "),
                };
                text.push_str(&line);
                text.push('\n');
            }
            let mut bytes = text.into_bytes();
            if !newline && bytes.len() > 1 {
                // A torn tail: cut anywhere in the last line.
                let cut = bytes.len() - 1 - cut % bytes.len().min(30);
                bytes.truncate(cut.max(1));
            }
            bytes
        })
}

/// How many journals got as far as grading, so the properties are known to reach it.
static GRADED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn assert_clean(what: &str, text: &str) {
    assert!(
        !text.chars().any(|c| c != '\n' && is_unsafe(c)),
        "{what}: {text:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    fn every_reader_of_journals_survives_anything_and_says_only_clean_text(
        bytes in journal_text(), force in any::<bool>()
    ) {
        let name = "p\u{1b}[2J\u{202e}.jsonl";
        let journal = match journal::parse(name, &bytes) {
            Ok(journal) => journal,
            Err(e) => {
                assert_clean("read error", &e.to_string());
                return Ok(());
            }
        };
        if let Some(notice) = &journal.notice {
            assert_clean("notice", notice);
        }
        for text in [&journal.header.player, &journal.header.scenario_id, &journal.header.scenario_hash, &journal.header.format] {
            assert_clean("header", text);
        }
        let world = match open_for(&journal.header, None, None, force) {
            Ok(world) => world,
            Err(source) => {
                let e = SessionError::World { path: name.into(), source };
                assert_clean("open error", &e.to_string());
                return Ok(());
            }
        };
        GRADED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let row = class_results::grade_one(&world, &journal);
        assert_clean("row", &class_results::markdown(std::slice::from_ref(&row)));
        assert_clean("csv", &class_results::csv(std::slice::from_ref(&row)).unwrap());
        if let Ok(mut replay) = Replay::new(&world, &journal) {
            let len = replay.len();
            replay.seek(&world, len / 2);
            replay.seek(&world, 0);
            replay.seek(&world, len);
            for marker in &replay.markers {
                assert_clean("marker", &marker.label);
            }
            let text = cast::render(world, &journal).unwrap();
            let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
            assert_clean("cast title", first["title"].as_str().unwrap());
        }
    }
}

#[test]
fn most_generated_journals_reach_grading() {
    every_reader_of_journals_survives_anything_and_says_only_clean_text();
    let graded = GRADED.load(std::sync::atomic::Ordering::Relaxed);
    assert!(graded >= 20, "only {graded} of 96 journals were graded");
}

//! The hostile journal corpus: every `tests/bad_journals/*.jsonl` is read, opened on its
//! scenario, graded and exported as the commands would, and must report exactly the lines
//! its `.expected` file holds, none of them carrying a character that could act on a
//! terminal. Also here: hostile journals too large to commit, generated at test time.
//!
//! `BLESS=1 cargo test --test bad_journals` rewrites the `.expected` files from what is
//! reported; read the diff before committing it.

use std::path::{Path, PathBuf};

use redcode::scenario::text::is_unsafe;
use redcode::session::journal::{self, MAX_ACTIONS, MAX_CASE_ACTIONS, MAX_LINE_BYTES};
use redcode::session::recorded_scenario::open_for;
use redcode::session::{SessionError, class_results};
use redcode::tui::cast;

const CORPUS: &str = "tests/bad_journals";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every fixture, by the relative name the commands print, in name order.
fn corpus() -> Vec<(String, PathBuf)> {
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(manifest_dir().join(CORPUS))
        .expect("the corpus folder")
        .map(|e| e.expect("a folder entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (format!("{CORPUS}/{name}"), p)
        })
        .collect();
    files.sort();
    files
}

fn expected(path: &Path) -> Vec<String> {
    let path = path.with_extension("expected");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (every fixture needs one)", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Everything the session commands say about one journal, a line each: the read, the
/// scenario it proves, and (opened anyway, as `--force` does) its row of the class table
/// and the title of its cast.
fn report(name: &str, path: &Path) -> Vec<String> {
    let mut journal = match journal::read(Path::new(name)) {
        Ok(journal) => journal,
        Err(e) => return vec![e.to_string()],
    };
    journal.path = path.to_path_buf();
    let mut out: Vec<String> = journal.notice.clone().into_iter().collect();
    journal.path = PathBuf::from(name);
    if let Err(source) = open_for(&journal.header, None, None, false) {
        let error = SessionError::World {
            path: journal.path.clone(),
            source,
        };
        // The current hash changes with the scenario's text: the line says it, not its value.
        let tutorial = redcode::scenario::builtin::find("tutorial").unwrap().source;
        let by_text = redcode::session::recorded_scenario::text_hash(tutorial);
        let by_meaning = redcode::session::recorded_scenario::scenario_hash(
            &redcode::open::open(Some("tutorial"), None)
                .unwrap()
                .world
                .scenario,
        );
        let text = error
            .to_string()
            .replace(&by_text, "<current>")
            .replace(&by_meaning, "<current>");
        out.extend(text.lines().map(str::to_owned));
    }
    let world = match open_for(&journal.header, None, None, true) {
        Ok(world) => world,
        Err(e) => {
            out.push(format!("forced: {e}"));
            return out;
        }
    };
    let row = class_results::grade_one(&world, &journal);
    out.push(format!(
        "row: player `{}` · scenario {} · {}/{} · {}{}",
        row.player, row.scenario, row.score, row.max_score, row.label, row.error
    ));
    let csv = class_results::csv(std::slice::from_ref(&row)).unwrap();
    assert_clean(name, &csv);
    if row.error.is_empty() {
        let text = cast::render(world, &journal).unwrap();
        let first: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        out.push(format!("cast title: {}", first["title"].as_str().unwrap()));
    }
    out
}

fn assert_clean(name: &str, text: &str) {
    assert!(
        !text.chars().any(|c| c != '\n' && is_unsafe(c)),
        "{name}: unsafe text reached the output: {text:?}"
    );
}

#[test]
fn every_journal_reports_exactly_what_it_expects_and_nothing_raw() {
    let corpus = corpus();
    assert!(corpus.len() >= 12, "only {} fixtures", corpus.len());
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for (name, path) in &corpus {
        let got = report(name, path);
        for line in &got {
            assert_clean(name, line);
        }
        if bless {
            std::fs::write(path.with_extension("expected"), got.join("\n") + "\n").unwrap();
            continue;
        }
        let want = expected(path);
        if got != want {
            failures.push(format!(
                "{name}\n  expected:\n    {}\n  reported:\n    {}",
                want.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_corpus_covers_every_attack_asked_for() {
    let names: Vec<String> = corpus().into_iter().map(|(n, _)| n).collect();
    for wanted in [
        "hostile-player",
        "hostile-format",
        "hostile-field-name",
        "hostile-checksum",
        "offset-near-max",
        "glued-after-torn",
        "glued-on-one-line",
        "torn-tail",
        "not-utf8",
        "binary",
    ] {
        let name = format!("{CORPUS}/{wanted}.jsonl");
        assert!(names.contains(&name), "missing {name}");
    }
}

fn header_line() -> String {
    std::fs::read_to_string(manifest_dir().join(CORPUS).join("torn-tail.jsonl"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned()
}

#[test]
fn a_line_over_the_cap_is_refused_naming_it() {
    let text = format!(
        "{}\n{{\"t\":1,\"a\":{{\"AddNote\":\"{}\"}}}}\n",
        header_line(),
        "x".repeat(MAX_LINE_BYTES)
    );
    let e = journal::parse("long.jsonl", text.as_bytes()).unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("over the limit of 65536"), "{e}");
}

#[test]
fn more_flags_and_notes_than_a_case_can_hold_are_refused() {
    let mut text = header_line() + "\n";
    for i in 0..=MAX_CASE_ACTIONS {
        text.push_str(&format!("{{\"t\":{i},\"a\":{{\"AddNote\":\"n\"}}}}\n"));
    }
    let e = journal::parse("many.jsonl", text.as_bytes()).unwrap_err();
    assert_eq!(e.line, MAX_CASE_ACTIONS + 2);
    assert!(e.message.contains("more than 10000 flags and notes"), "{e}");
}

#[test]
fn more_actions_than_the_cap_are_refused() {
    let mut text = header_line() + "\n";
    for _ in 0..=MAX_ACTIONS {
        text.push_str("{\"t\":1,\"a\":\"Up\"}\n");
    }
    let e = journal::parse("long.jsonl", text.as_bytes()).unwrap_err();
    assert_eq!(e.line, MAX_ACTIONS + 2);
    assert!(e.message.contains("more than 1000000 actions"), "{e}");
}

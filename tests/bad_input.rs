//! The bad-input corpus: every `tests/bad_input/*.ron` is read, parsed, validated and run
//! as `redcode validate` would, and must report exactly the lines its `.expected` file
//! holds (an empty `.expected`: the file opens cleanly). Adding a fixture adds a case.
//! Also here: hostile text that loads but comes out cleaned, and inputs too large to commit
//! (generated in a temporary folder at test time).

use std::path::{Path, PathBuf};

use redcode::open::open_loaded;
use redcode::scenario::load::{self, MAX_FILE_BYTES, RECURSION_LIMIT};
use redcode::scenario::text::is_unsafe;
use redcode::scenario::validate::{self, MAX_OF_A_KIND, MAX_TAGS};

const CORPUS: &str = "tests/bad_input";

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every fixture of the corpus, by the name diagnostics use (relative to the crate root,
/// as `redcode validate tests/bad_input/x.ron` prints it), in name order.
fn corpus() -> Vec<(String, PathBuf)> {
    let dir = manifest_dir().join(CORPUS);
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (format!("{CORPUS}/{name}"), path)
        })
        .collect();
    files.sort();
    files
}

/// The lines a fixture's `.expected` file holds, blank lines and `#` comments left out.
fn expected(path: &Path) -> Vec<String> {
    let path = path.with_extension("expected");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (every fixture needs one)", path.display()));
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Everything `redcode validate` reports about one file, a line each: read with the size
/// cap, parsed, validated, simulated, and the answer key checked against the ledger.
fn diagnose(name: &str, path: &Path) -> Vec<String> {
    let bytes = match load::read_capped(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(message) => return vec![format!("{name}:1:1: error: {message}")],
    };
    let diagnostics = match load::parse_bytes(name, &bytes) {
        Err(diagnostics) => diagnostics,
        Ok(loaded) => match open_loaded(loaded, None) {
            Ok(opened) => opened.warnings,
            Err(error) => error.diagnostics,
        },
    };
    for d in &diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "{name}: {d}");
    }
    diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn every_fixture_reports_exactly_what_it_expects() {
    let corpus = corpus();
    assert!(corpus.len() >= 50, "only {} fixtures found", corpus.len());
    let mut failures = Vec::new();
    for (name, path) in &corpus {
        let want = expected(path);
        let got = diagnose(name, path);
        if got != want {
            failures.push(format!(
                "{name}\n  expected:\n    {}\n  reported:\n    {}",
                want.join("\n    "),
                got.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n{}",
        failures.len(),
        corpus.len(),
        failures.join("\n")
    );
}

#[test]
fn every_expected_file_belongs_to_a_fixture_and_names_it() {
    let dir = manifest_dir().join(CORPUS);
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        assert!(
            extension == "ron" || extension == "expected",
            "stray file {}",
            path.display()
        );
        if extension == "expected" {
            assert!(
                path.with_extension("ron").exists(),
                "{} has no fixture",
                path.display()
            );
            let name = format!(
                "{CORPUS}/{}",
                path.with_extension("ron")
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
            );
            for line in expected(&path.with_extension("ron")) {
                assert!(
                    line.starts_with(&format!("{name}:")),
                    "{}: `{line}` is about another file",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn the_corpus_covers_every_kind_of_fault_asked_for() {
    let names: Vec<String> = corpus().into_iter().map(|(name, _)| name).collect();
    for wanted in [
        "empty",
        "binary",
        "unclosed-paren",
        "unclosed-bracket",
        "wrong-type-count",
        "unknown-field",
        "deep-nesting",
        "unknown-person",
        "unknown-venue",
        "unknown-operator",
        "unknown-rule",
        "unknown-reason",
        "unknown-document",
        "unknown-list",
        "unknown-batch",
        "unknown-official-in-key",
        "duplicate-person",
        "event-before-start",
        "event-after-end",
        "crowd-delay-inverted",
        "crowd-count-zero",
        "crowd-past-end",
        "crowd-companions",
        "key-names-nothing",
        "hostile-text",
    ] {
        let name = format!("{CORPUS}/{wanted}.ron");
        assert!(names.contains(&name), "missing {name}");
    }
}

#[test]
fn the_minimal_fixture_opens_cleanly_and_its_finding_picks_its_batch() {
    let path = manifest_dir().join("tests/fixtures/minimal.ron");
    let loaded = load::load_file(&path).expect("minimal.ron parses");
    assert!(validate::check(&loaded).is_empty());
    let opened = open_loaded(loaded, None).expect("minimal.ron opens");
    assert!(opened.warnings.is_empty(), "{:?}", opened.warnings);
    let world = &opened.world;
    let key = world.scenario.answer_key.as_ref().unwrap();
    assert_eq!(key.findings.len(), 1);
    assert_eq!(world.select(&key.findings[0].entries).len(), 2);
    assert_eq!(world.ledger.by_batch("b-1").len(), 2);
}

/// Every string anywhere in a value, for checking that none holds what must not be drawn.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| {
            out.push(k.clone());
            strings(v, out);
        }),
        _ => {}
    }
}

#[test]
fn hostile_text_loads_and_every_string_of_the_model_comes_out_clean() {
    let path = manifest_dir().join(CORPUS).join("hostile-text.ron");
    let raw = std::fs::read_to_string(&path).unwrap();
    // The fixture really holds the characters, both raw and as escapes.
    for needle in [
        '\u{1b}', '\u{7}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{9b}',
    ] {
        assert!(raw.contains(needle), "the fixture lost {needle:?}");
    }
    for escape in [r"\u{1b}", r"\u{202E}", r"\u{9b}", r"\u{2066}", r"\u{200B}"] {
        assert!(raw.contains(escape), "the fixture lost {escape}");
    }

    let loaded = load::load_file(&path).expect("hostile text still loads");
    let s = &loaded.scenario;
    assert_eq!(s.title, "A [5mminimal[0m scenario");
    assert_eq!(s.people[0].name, "Lin[2J[31m Xiu");
    assert_eq!(s.people[0].tags[0], "depositor");
    assert_eq!(s.people[1].name, "Tao Min");
    assert_eq!(s.officials[0].name, "Chen31m Yuting");
    assert_eq!(s.officials[0].post, "Code group leader");
    assert_eq!(s.officials[0].account.as_deref(), Some("bdb-01"));
    assert_eq!(s.reasons[0].text, "confirmed case");
    let redcode::scenario::model::EventKind::Assignment(assignment) = &s.events[2].what else {
        panic!("the third event is the batch");
    };
    // The tab after "As" (column 2) is expanded to the next stop, column 4.
    assert_eq!(assignment.justification, "As  instructed.]0;pwned");

    let mut all = Vec::new();
    strings(&serde_json::to_value(s).unwrap(), &mut all);
    assert!(all.len() > 50);
    for text in &all {
        assert!(
            !text
                .chars()
                .any(|c| c == '\t' || (c != '\n' && is_unsafe(c))),
            "{text:?}"
        );
    }
    let opened = open_loaded(loaded, None).expect("hostile text opens");
    assert!(opened.warnings.is_empty());
}

#[test]
fn a_fifty_megabyte_file_is_refused_by_the_size_cap_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let size = 50 * 1024 * 1024;
    let mut text = String::with_capacity(size + 64);
    text.push_str("Scenario(schema_version: 1, id: \"");
    text.extend(std::iter::repeat_n('x', size));
    text.push_str("\")");
    std::fs::write(&path, &text).unwrap();

    let errors = load::load_file(&path).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!((errors[0].line, errors[0].column), (1, 1));
    assert!(
        errors[0]
            .message
            .contains(&format!("over the limit of {MAX_FILE_BYTES} bytes")),
        "{}",
        errors[0].message
    );
    assert!(errors[0].message.contains(&text.len().to_string()));
    // Text handed over in memory meets the same cap.
    let errors = load::parse_bytes("huge.ron", text.as_bytes()).unwrap_err();
    assert!(errors[0].message.contains("over the limit"));
    // One byte under the cap is not refused for its size.
    let under = vec![b' '; MAX_FILE_BYTES as usize];
    let errors = load::parse_bytes("under.ron", &under).unwrap_err();
    assert!(errors[0].message.contains("empty"), "{}", errors[0].message);
}

#[test]
fn a_folder_or_a_missing_file_is_a_diagnostic_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let errors = load::load_file(dir.path()).unwrap_err();
    assert!(
        errors[0].message.contains("folder"),
        "{}",
        errors[0].message
    );
    let errors = load::load_file(&dir.path().join("absent.ron")).unwrap_err();
    assert!(
        errors[0].message.contains("cannot read"),
        "{}",
        errors[0].message
    );
}

#[test]
fn nesting_a_million_levels_deep_is_refused_without_overflowing_the_stack() {
    let depth = 1_000_000;
    let text = format!(
        "Scenario(schema_version: 1, id: {}{})",
        "(".repeat(depth),
        ")".repeat(depth)
    );
    let errors = load::parse_str("deep.ron", text).unwrap_err();
    assert_eq!(
        errors[0].to_string(),
        format!(
            "deep.ron:1:{}: error: the file nests deeper than {RECURSION_LIMIT} levels",
            "Scenario(schema_version: 1, id: ".len() + RECURSION_LIMIT
        )
    );
}

fn minimal() -> String {
    std::fs::read_to_string(manifest_dir().join("tests/fixtures/minimal.ron")).unwrap()
}

#[test]
fn more_venues_than_the_engine_can_number_are_refused_at_the_first_extra_one() {
    // 65,535 venues go in front of the fixture's own, which becomes the 65,536th.
    let mut extra = String::new();
    for i in 0..MAX_OF_A_KIND {
        extra.push_str(&format!(
            "        Venue(id: \"v{i}\", name: \"\", kind: Other, city: \"zhengzhou\", place_code: \"\"),\n"
        ));
    }
    let minimal = minimal();
    let opening = "    venues: [\n";
    let at = minimal.find(opening).unwrap() + opening.len();
    let text = format!("{}{extra}{}", &minimal[..at], &minimal[at..]);
    let loaded = load::parse_str("many.ron", text.clone()).expect("parses");
    assert_eq!(loaded.scenario.venues.len(), MAX_OF_A_KIND + 1);
    let errors = validate::check(&loaded);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let line = text[..text.find("Venue(id: \"east-exit\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert_eq!(
        errors[0].to_string(),
        format!(
            "many.ron:{line}:9: error: `venues` holds {} items; the most it may hold is {MAX_OF_A_KIND}",
            MAX_OF_A_KIND + 1
        )
    );
}

#[test]
fn more_distinct_tags_than_the_vocabulary_allows_are_refused_at_the_first_extra_one() {
    let tags: Vec<String> = (0..=MAX_TAGS).map(|i| format!("\"t{i}\"")).collect();
    let text = minimal().replacen(
        "tags: [\"depositor\"]",
        &format!("tags: [{}]", tags.join(", ")),
        1,
    );
    let loaded = load::parse_str("tags.ron", text.clone()).expect("parses");
    let errors = validate::check(&loaded);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let last = format!("\"t{MAX_TAGS}\"");
    let column = text
        .lines()
        .find(|l| l.contains(&last))
        .unwrap()
        .find(&last)
        .unwrap()
        + 1;
    let line = text[..text.find(&last).unwrap()].matches('\n').count() + 1;
    assert_eq!(
        errors[0].to_string(),
        format!(
            "tags.ron:{line}:{column}: error: the scenario uses more than {MAX_TAGS} distinct tags"
        )
    );
    // At the limit itself (with the fixture's own `depositor` and `resident`) it is fine.
    let text = minimal().replacen(
        "tags: [\"depositor\"]",
        &format!("tags: [{}]", tags[..MAX_TAGS - 2].join(", ")),
        1,
    );
    let loaded = load::parse_str("tags.ron", text).expect("parses");
    assert_eq!(validate::check(&loaded), []);
}

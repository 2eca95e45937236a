//! The author's toolkit from the command line: `redcode new` writes a scenario that
//! validates and plays and never overwrites by accident; `redcode preview` prints the figures
//! an author checks before a class.

mod common;

use common::{redcode, tempdir};
use redcode::scenario::builtin;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn new_writes_a_blank_scenario_that_validates_previews_and_is_fair() {
    let dir = tempdir();
    let file = dir.path().join("mine.ron");
    let path = file.to_str().unwrap();
    let out = redcode(&["new", path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("redcode validate"),
        "says what next"
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.starts_with("// A new redcode scenario"),
        "{written}"
    );

    let out = redcode(&["validate", path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "no warnings: {}", text(&out.stderr));
    let out = redcode(&["playtest", path, "--seeds", "2"]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout).matches(" fair").count(), 2);
    let out = redcode(&["preview", path]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("People: 34"), "{shown}");
    let finding = shown.lines().find(|l| l.contains("f-critic")).unwrap_or("");
    assert!(
        finding.ends_with("1 entry, 1 person  Tang Wei's red code"),
        "{shown}"
    );
}

#[test]
fn new_copies_the_built_in_scenarios() {
    let dir = tempdir();
    for (from, id) in [("tutorial", "tutorial"), ("zhengzhou", "zhengzhou-2022")] {
        let file = dir.path().join(format!("{from}.ron"));
        let out = redcode(&["new", file.to_str().unwrap(), "--from", from]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let written = std::fs::read_to_string(&file).unwrap();
        assert_eq!(written, builtin::find(id).unwrap().source, "{from}");
    }
    let out = redcode(&["new", "x.ron", "--from", "shanghai"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown template is a usage error"
    );
}

#[test]
fn new_refuses_to_overwrite_unless_forced() {
    let dir = tempdir();
    let file = dir.path().join("taken.ron");
    std::fs::write(&file, "my own work").unwrap();
    let path = file.to_str().unwrap();

    let out = redcode(&["new", path]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(said.contains("already exists"), "{said}");
    assert!(said.contains("--force"), "{said}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "my own work");

    let out = redcode(&["new", path, "--force", "--from", "tutorial"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        builtin::find("tutorial").unwrap().source
    );
}

#[test]
fn new_says_when_it_cannot_write() {
    let dir = tempdir();
    let file = dir.path().join("no-such-folder").join("x.ron");
    let out = redcode(&["new", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot write"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn preview_of_the_tutorial() {
    let out = redcode(&["preview", "tutorial"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    insta::assert_snapshot!("preview-tutorial", shown);
    // The figures an author checks: everyone, each set and answer, each day's changes.
    for line in [
        "People: 44",
        "  crowd townsfolk                    40",
        "  scan                               48        8",
        "Ledger: 4 entries",
        "    close-contact                     1  Close contact of a case",
        "    yu-clerk                          1  0 green, 0 yellow, 1 red, 0 reversed  (qs-clerk-1)",
        "  finding  f-ding         1 entry, 1 person  Ding Wen's red code",
        "  lawful   l-contact      1 entry, 1 person  Fan Ling, close contact",
        "    found: Pan Gui (agrees)",
        "Warnings: none",
        "  2022-06-03       2       1       0       0       0   41/0/3",
        "    document doc-pan-note comes in: Note from the deputy town head",
        "  2022-06-10       0       0       0       1       0   42/0/2",
    ] {
        assert!(shown.contains(line), "missing {line:?} in\n{shown}");
    }
}

#[test]
fn preview_takes_a_seed_and_shows_batches_by_day() {
    let out = redcode(&["preview", "zhengzhou-2022", "--seed", "5"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(shown.contains("zhengzhou-2022), seed 5"), "{shown}");
    assert!(shown.contains("    batch b-0611-a ran: "), "{shown}");
    assert!(shown.contains("(known through the records that reveal them)"));
    assert!(!shown.contains("DIFFERS"), "{shown}");
}

#[test]
fn preview_of_a_broken_file_names_the_place() {
    let dir = tempdir();
    let file = dir.path().join("broken.ron");
    std::fs::write(&file, "Scenario(schema_version: 1, id: )").unwrap();
    let out = redcode(&["preview", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(said.contains("broken.ron:1:"), "{said}");
    assert!(out.stdout.is_empty());
}

#[test]
fn play_from_a_time_that_is_not_one_is_a_usage_error() {
    let out = redcode(&["play", "tutorial", "--from", "the fifth of June"]);
    assert_eq!(out.status.code(), Some(2));
    let said = text(&out.stderr);
    assert!(
        said.contains("--from: `the fifth of June` is not a time"),
        "{said}"
    );
}

#[test]
fn handouts_are_written_for_players_and_for_the_facilitator() {
    let dir = tempdir();
    let players = dir.path().join("players.md");
    let out = redcode(&[
        "handout",
        "tutorial",
        "--for",
        "players",
        "-o",
        players.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&players).unwrap();
    assert!(text.starts_with("# Tutorial"), "{text}");
    assert!(text.contains("## How to join the class"));
    assert!(!text.contains("Pan Gui"), "the manual names who decided");
    // Never written over without --force.
    let again = redcode(&[
        "handout",
        "tutorial",
        "--for",
        "players",
        "-o",
        players.to_str().unwrap(),
    ]);
    assert_eq!(again.status.code(), Some(1));
    let handbook = redcode(&["handout", "tutorial", "--for", "facilitator", "-o", "-"]);
    let text = String::from_utf8_lossy(&handbook.stdout);
    assert!(handbook.status.success());
    assert!(text.contains("Who decided: Pan Gui"), "{text}");
    assert!(text.contains("## Timing plan"));
}

//! Every command that writes to standard output ends quietly when its reader goes away
//! (`redcode ledger | head`): exit 0, nothing on standard error, no panic.
//!
//! Each command runs with standard output a pipe whose read end is closed either before the
//! command writes anything or after a few bytes. Whether a careless write fails depends on
//! how much the pipe took before the reader left, so each case runs several times.

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use redcode::audit::Action;
use redcode::scenario::builtin;

const MINIMAL: &str = "tests/fixtures/minimal.ron";

/// How often each command runs in each way of closing the pipe.
const RUNS: usize = 4;

/// When the reader of standard output goes away.
#[derive(Debug, Clone, Copy)]
enum Reader {
    /// The read end is closed at once, before the command has written anything.
    Gone,
    /// A few bytes are read, then the read end is closed.
    ReadsAFewBytes,
}

/// Runs the binary from the crate root with standard output a pipe its reader leaves;
/// gives the exit code (`None` if a signal killed it) and everything written to stderr.
fn through_closed_pipe(args: &[&str], reader: Reader) -> (Option<i32>, String) {
    let mut child = common::redcode_command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    if let Reader::ReadsAFewBytes = reader {
        let mut first = [0u8; 16];
        stdout.read_exact(&mut first).expect("the command writes");
    }
    drop(stdout);
    let output = child.wait_with_output().expect("the binary ends");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr)
}

/// Checks one command line through a closed pipe, both ways, several times.
fn ends_quietly(args: &[&str]) {
    for reader in [Reader::Gone, Reader::ReadsAFewBytes] {
        for run in 1..=RUNS {
            let (code, stderr) = through_closed_pipe(args, reader);
            assert_eq!(
                code,
                Some(0),
                "{args:?}, reader {reader:?}, run {run}: exit {code:?}, stderr:\n{stderr}"
            );
            // A scenario's warnings are its own report, not noise from the closed pipe.
            let noise: Vec<&str> = stderr
                .lines()
                .filter(|l| !l.contains(": warning: "))
                .collect();
            assert!(
                noise.is_empty(),
                "{args:?}, reader {reader:?}, run {run}: stderr:\n{stderr}"
            );
        }
    }
}

/// A finished tutorial session journaled into `dir`.
fn journal(dir: &Path) -> PathBuf {
    let path = dir.join("session.jsonl");
    let actions = [
        Action::NextChange,
        Action::NextChange,
        Action::SeekEnd,
        Action::Submit,
        Action::Quit,
    ];
    common::record(&path, builtin::TUTORIAL, "pipes", &actions);
    path
}

#[test]
fn ledger_ends_quietly() {
    ends_quietly(&["ledger"]);
    ends_quietly(&["ledger", "--format", "json"]);
}

#[test]
fn scenarios_and_the_summary_end_quietly() {
    ends_quietly(&["scenarios"]);
    // With no command and no terminal, redcode prints what it is.
    ends_quietly(&[]);
}

#[test]
fn trace_ends_quietly() {
    ends_quietly(&["trace", "lin-xiu"]);
    ends_quietly(&["trace", "lin-xiu", "--json"]);
}

#[test]
fn validate_of_many_files_ends_quietly() {
    let mut args = vec!["validate"];
    for _ in 0..20 {
        args.extend(["scenarios/zhengzhou-2022.ron", MINIMAL]);
    }
    ends_quietly(&args);
}

/// Runs a command whose reader leaves at once and which must still fail (exit 1) with
/// its first diagnostic about `file`, several times; gives what each run wrote to stderr.
fn still_fails_about(args: &[&str], file: &str) -> Vec<String> {
    (1..=RUNS)
        .map(|run| {
            let (code, stderr) = through_closed_pipe(args, Reader::Gone);
            assert_eq!(code, Some(1), "run {run}: stderr:\n{stderr}");
            assert!(
                stderr.starts_with(&format!("{file}:")),
                "run {run}: {stderr}"
            );
            stderr
        })
        .collect()
}

#[test]
fn validate_still_fails_on_errors_found_before_the_reader_left() {
    let bad = "tests/bad_input/unknown-venue.ron";
    let args = ["validate", bad, "scenarios/zhengzhou-2022.ron", MINIMAL];
    for stderr in still_fails_about(&args, bad) {
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn grade_still_names_the_sessions_it_could_not_grade_when_the_reader_left() {
    let dir = common::tempdir();
    let journal = journal(dir.path());
    let damaged = "tests/fixtures/sessions/damaged-middle.jsonl";
    let args = ["grade", journal.to_str().unwrap(), damaged];
    for stderr in still_fails_about(&args, damaged) {
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

#[test]
fn session_commands_end_quietly() {
    let dir = common::tempdir();
    let journal = journal(dir.path());
    let journal = journal.to_str().unwrap();
    ends_quietly(&["replay", "--headless", journal]);
    ends_quietly(&["grade", journal]);
    ends_quietly(&["grade", "--format", "csv", journal]);
    ends_quietly(&["grade", "--format", "json", journal]);
    ends_quietly(&["cast", journal, "-o", "-"]);
}

#[test]
fn completions_and_the_man_page_end_quietly() {
    ends_quietly(&["completions", "bash"]);
    ends_quietly(&["man"]);
}

#[test]
fn a_reader_that_stays_gets_everything() {
    // The same commands, read to the end, still print what they should: the quiet ending
    // is for a reader that leaves, not a way to lose output.
    let output = common::redcode(&["ledger", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let rows: serde_json::Value = serde_json::from_slice(&output.stdout).expect("whole JSON");
    let world = common::zhengzhou();
    assert_eq!(rows.as_array().map(Vec::len), Some(world.ledger.len()));
}

//! A class served over SSH and joined with OpenSSH's own client in a real terminal: a
//! student plays, is cut off, rejoins where they stopped, submits, and is graded from the
//! journal on the facilitator's side; a wrong code is refused after three tries; nothing
//! but the console is served. The facilitator's controls (driven through the class's API)
//! reach the students' screens: the phase and its timer, a message, a pause that holds the
//! clock, and the end of the exercise, which submits every case file left.
//!
//! `ssh` and `tmux` must be on PATH; when they are not and the tests run as root, they are
//! installed with apt-get, and otherwise the tests fail saying so. Every wait is bounded.

mod common;

use std::time::{Duration, Instant};

use common::class::{CODE, ClassServer, LiveClass, Pane, output_within, shell_line};
use redcode::audit::Action;
use redcode::class::{Audience, Plan};
use redcode::scenario::builtin;
use redcode::session::journal;

/// The clock in the console's header line.
fn header_clock(screen: &str) -> Option<String> {
    let line = screen.lines().find(|l| l.contains("redcode │"))?;
    let at = line.find("clock ")? + "clock ".len();
    Some(line[at..].chars().take(16).collect())
}

/// Runs the clock to the first code change, opens the first red-coded person's dossier
/// and flags their change: keys any scenario with a red code answers to.
fn flag_the_first_red(pane: &Pane) {
    let screen = pane.wait_for("the header", &["redcode │", "clock "]);
    let before = header_clock(&screen).expect("the header shows the clock");
    pane.keys(&["n"]);
    let start = Instant::now();
    while header_clock(&pane.capture()).as_ref() == Some(&before) {
        assert!(start.elapsed() < common::class::STEP, "n moves the clock");
        std::thread::sleep(Duration::from_millis(100));
    }
    pane.keys(&["3"]);
    pane.wait_for("the people list", &["People —"]);
    pane.keys(&["c", "c", "c"]);
    pane.wait_for("only red codes", &["■ R"]);
    pane.keys(&["Enter"]);
    pane.wait_for("the dossier", &["Code history"]);
    pane.keys(&["f"]);
    pane.wait_for("the flag dialog", &["Flag —"]);
    pane.keys(&["Enter"]);
    pane.wait_for("the flag recorded", &["flags 1"]);
}

#[test]
fn a_student_plays_is_cut_off_rejoins_where_they_stopped_submits_and_is_graded() {
    let server = ClassServer::start(builtin::DEFAULT);
    let ssh = shell_line(&server.ssh("Ana", CODE, &["-t"]));
    let pane = Pane::open("ana", &ssh);
    pane.wait_for("the briefing over SSH", &["Briefing", "flags 0"]);
    server.wait_for_log("joined Ana");
    pane.resize(120, 36);
    flag_the_first_red(&pane);

    // The connection is cut mid-game: the journal keeps everything, and the name comes back.
    pane.cut();
    server.wait_for_log("left Ana");
    pane.respawn(&ssh);
    pane.wait_for("the game resumed", &["Welcome back, Ana", "flags 1"]);
    server.wait_for_log("resumed Ana");

    pane.keys(&["9"]);
    pane.wait_for("the case file", &["Case file —"]);
    pane.keys(&["S"]);
    pane.wait_for(
        "the question before the submit",
        &["Hand in the case file?"],
    );
    pane.keys(&["Enter"]);
    let debrief = pane.wait_for("the debrief", &["Debrief", "Result:"]);
    pane.keys(&["q"]);
    let after = pane.wait_for("ssh ends", &["SSH EXITED"]);
    assert!(after.contains("Goodbye."), "{after}");
    assert!(after.contains("SSH EXITED 0"), "{after}");

    // One journal for Ana, with both connections in it, on the facilitator's side.
    let journals: Vec<_> = std::fs::read_dir(&server.dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    assert_eq!(journals, vec![server.dir.join("Ana.jsonl")]);
    let journal = journal::read(&journals[0]).expect("the journal reads");
    assert_eq!(journal.header.player, "Ana");
    let actions: Vec<&Action> = journal.actions.iter().map(|(_, a)| a).collect();
    assert!(
        actions.contains(&&Action::Resize {
            width: 120,
            height: 36
        }),
        "the resize reached the console: {actions:?}"
    );
    // S asks first; the Enter that answers it is what hands the case file in.
    assert!(actions.contains(&&Action::RequestSubmit), "{actions:?}");
    assert!(journal.finished(), "the journal records the submit");

    // Graded from the folder as any journals are, agreeing with what the student saw.
    let out = common::redcode(&[
        "grade",
        &server.dir.display().to_string(),
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{out:?}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row["player"], "Ana");
    assert_eq!(row["finished"], true);
    let points = format!("{} of {} points", row["score"], row["max_score"]);
    assert!(
        debrief.contains(&points),
        "the debrief shows {points}:\n{debrief}"
    );
    assert_eq!(
        row["findings_passed"].as_u64().unwrap() + row["wrongly_flagged"].as_u64().unwrap(),
        1,
        "the one flag either passes a finding or accuses a lawful code: {row}"
    );
    let log = server.log();
    assert_eq!(log.matches("joined Ana").count(), 2, "{log}");
}

#[test]
fn a_wrong_code_is_refused_three_times_then_the_connection_is_closed() {
    let server = ClassServer::start(builtin::TUTORIAL);
    let mut ssh = server.ssh(
        "Eve",
        "not-the-code",
        &["-o", "NumberOfPasswordPrompts=6", "-T"],
    );
    ssh.arg("true");
    let start = Instant::now();
    let out = output_within(ssh, Duration::from_secs(90));
    assert!(!out.status.success(), "{out:?}");
    assert_eq!(
        server.times_asked("Eve"),
        3,
        "the server closes after the third wrong code"
    );
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "each wrong code waits"
    );
    let log = server.wait_for_log("a wrong class code 3 times");
    assert_eq!(log.matches("wrong class code from").count(), 3, "{log}");
    assert!(!log.contains("joined"), "{log}");
}

#[test]
fn only_the_console_is_served() {
    let server = ClassServer::start(builtin::TUTORIAL);
    let mut exec = server.ssh("Mo", CODE, &["-T"]);
    exec.arg("cat /etc/passwd");
    let out = output_within(exec, Duration::from_secs(60));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{out:?}");
    assert!(
        said.contains("redcode serves only its console: running a command is refused"),
        "{said}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("root:"),
        "{out:?}"
    );

    let sftp = server.ssh("Mo", CODE, &["-T", "-s"]);
    let mut sftp = sftp;
    sftp.arg("sftp");
    let out = output_within(sftp, Duration::from_secs(60));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("file transfer (sftp) is refused"), "{said}");

    let no_terminal = server.ssh("Mo", CODE, &["-T"]);
    let out = output_within(no_terminal, Duration::from_secs(60));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("The class console needs a terminal"),
        "{out:?}"
    );

    let log = server.wait_for_log("refused file transfer (sftp)");
    assert!(log.contains("refused running a command from Mo"), "{log}");
    assert!(log.contains("no terminal"), "{log}");
    assert!(
        !std::fs::read_dir(&server.dir)
            .unwrap()
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "jsonl")),
        "no game was started"
    );
}

/// The rows of the journal's actions.
fn actions_of(path: &std::path::Path) -> (bool, Vec<Action>) {
    let journal = journal::read(path).expect("the journal reads");
    let finished = journal.finished();
    (
        finished,
        journal.actions.into_iter().map(|(_, a)| a).collect(),
    )
}

#[test]
fn the_facilitators_controls_reach_the_students_and_the_end_submits_every_case_file() {
    let live = LiveClass::start(builtin::TUTORIAL, Plan::minutes(5, 30, 2, 10));
    let ana = Pane::open("ana-live", &shell_line(&live.ssh("Ana", &["-t"])));
    ana.resize(120, 36);
    ana.wait_for(
        "the console before the start",
        &["Class not started yet", "flags 0"],
    );
    live.wait_for_log("joined Ana");

    // The class starts: the phase and its timer, counting down, on the student's header.
    live.class.next_phase();
    ana.wait_for("the briefing's timer", &["Briefing 0", " left"]);
    live.class.next_phase();
    ana.wait_for("the investigation's timer", &["Investigation 29:", " left"]);
    live.class.message("Look at who ran the change");
    ana.wait_for("the message", &["Facilitator: Look at who ran the change"]);

    // A later joiner sees the phase and the latest message too; then their connection drops.
    let bo = Pane::open("bo-live", &shell_line(&live.ssh("Bo", &["-t"])));
    bo.wait_for(
        "the class on a later joiner's screen",
        &["Investigation 2", "Facilitator: Look at who ran the change"],
    );
    live.wait_for_log("joined Bo");
    bo.cut();
    live.wait_for_log("left Bo");

    // A pause says so and holds the clock: n does not move it, and is not journaled.
    live.class.pause();
    let paused = ana.wait_for("the pause", &["PAUSED Investigation"]);
    let before = header_clock(&paused).expect("the header shows the clock");
    ana.keys(&["n"]);
    let held = ana.wait_for("the clock held", &["The clock is stopped"]);
    assert_eq!(header_clock(&held), Some(before.clone()), "{held}");
    std::thread::sleep(Duration::from_millis(1500));
    let still = ana.capture();
    assert_eq!(header_clock(&still), Some(before), "{still}");
    let timer = |screen: &str| {
        let at = screen
            .find("Investigation ")
            .map(|i| i + "Investigation ".len());
        at.map(|i| screen[i..].chars().take(5).collect::<String>())
    };
    assert_eq!(timer(&held), timer(&still), "the timer stops too");
    live.class.resume();
    // The header reads the phase straight after its bar again, with no PAUSED before it.
    let resumed = ana.wait_for("the class resumed", &["│ Investigation 2"]);
    assert!(!resumed.contains("PAUSED"), "{resumed}");

    flag_the_first_red(&ana);
    live.wait_for_student("a flag", "Ana", |s| s.progress.flags == 1);

    // The end: everyone is asked to submit; closing the submissions submits Ana's case file
    // at her desk and Bo's in his journal, though he is away.
    live.class.end_exercise();
    ana.wait_for(
        "the request to submit",
        &["Submission 0", "Facilitator: Submit now"],
    );
    live.class.next_phase();
    let debrief = ana.wait_for("the debrief", &["Debrief", "Result:"]);
    assert!(debrief.contains("Debrief: case files are in"), "{debrief}");
    live.wait_for_log("submitted the case file of Ana: submissions closed");
    live.wait_for_log("submitted the case file of Bo (away): submissions closed");
    live.wait_for_student("submitted", "Ana", |s| s.progress.submitted);
    ana.keys(&["q"]);
    let after = ana.wait_for("ssh ends", &["SSH EXITED"]);
    assert!(after.contains("Your case file is submitted"), "{after}");

    // Both journals end in the submit, taken through the desk, and grade as finished.
    let (finished, actions) = actions_of(&live.dir.join("Ana.jsonl"));
    assert!(finished, "{actions:?}");
    // She never asked to hand it in: the submit is the one taken for her, then her quit.
    assert!(!actions.contains(&Action::RequestSubmit), "{actions:?}");
    assert_eq!(
        &actions[actions.len() - 2..],
        [Action::Submit, Action::Quit],
        "{actions:?}"
    );
    let moves = actions.iter().filter(|a| **a == Action::NextChange).count();
    assert_eq!(
        moves, 1,
        "the n pressed during the pause was held: {actions:?}"
    );
    let (finished, actions) = actions_of(&live.dir.join("Bo.jsonl"));
    assert!(finished, "{actions:?}");
    assert_eq!(actions.last(), Some(&Action::Submit));
    let out = common::redcode(&["grade", &live.dir.display().to_string(), "--format", "json"]);
    assert!(out.status.success(), "{out:?}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rows = rows.as_array().expect("rows");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows.iter().all(|r| r["finished"] == true), "{rows:?}");
    let ana_row = rows
        .iter()
        .find(|r| r["player"] == "Ana")
        .expect("Ana graded");
    let standing = live
        .class
        .roster()
        .get("Ana")
        .unwrap()
        .progress
        .standing
        .clone();
    assert_eq!(
        ana_row["findings_passed"].as_u64(),
        Some(standing.passed.len() as u64),
        "the roster's figures are the grade's"
    );
    assert_eq!(ana_row["score"].as_u64(), Some(u64::from(standing.score)));

    let log = live.log();
    for line in [
        "phase briefing",
        "phase investigation",
        "message to everyone: Look at who ran the change",
        "paused: every student's clock is stopped",
        "resumed",
        "end of the exercise: everyone is asked to submit",
        "phase submission",
        "submissions closed",
        "phase debrief",
    ] {
        assert!(log.contains(line), "the log holds {line:?}:\n{log}");
    }
}

#[test]
fn a_phase_that_runs_out_of_time_gives_way_to_the_next_and_the_last_closes_submissions() {
    let plan = Plan {
        durations: [Duration::from_secs(1); 4],
    };
    let live = LiveClass::start(builtin::TUTORIAL, plan);
    live.class.next_phase();
    let log = live.wait_for_log("phase debrief (the time of the one before ran out)");
    assert!(
        log.contains("phase investigation (the time of the one before ran out)"),
        "{log}"
    );
    assert!(log.contains("submissions closed"), "{log}");
    let exercise = live.class.exercise();
    assert!(exercise.closed());
    assert_eq!(exercise.phase(), Some(redcode::class::Phase::Debrief));
}

#[test]
fn a_plan_of_the_wrong_shape_is_refused_with_what_it_takes() {
    for minutes in ["5,30", "5,30,5,0", "5,30,5,10,5"] {
        let out = common::redcode(&["class", "--headless", "--minutes", minutes]);
        assert!(!out.status.success(), "{minutes}: {out:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(
            said.contains("--minutes takes four numbers of minutes from 1 to 600"),
            "{minutes}: {said}"
        );
    }
}

#[test]
fn a_released_inject_reaches_the_student_and_her_journal_and_one_for_another_does_not() {
    let live = LiveClass::start(builtin::DEFAULT, Plan::default());
    let ana = Pane::open("ana-inject", &shell_line(&live.ssh("Ana", &["-t"])));
    ana.resize(120, 36);
    ana.wait_for("the console", &["Briefing", "flags 0"]);
    live.wait_for_log("joined Ana");

    live.class
        .release_inject("hotline", Audience::Everyone)
        .expect("the inject is released");
    live.class
        .release_inject("province", Audience::Student("Bo".into()))
        .expect("the inject is released to Bo");
    ana.wait_for(
        "the release on her screen",
        &["New record released: 12345 hotline"],
    );
    // The record is in her Documents, long before its time.
    ana.keys(&["7"]);
    let documents = ana.wait_for("the documents", &["12345 hotline: reply to a caller"]);
    assert!(
        !documents.contains("provincial data administration"),
        "a release to Bo only:\n{documents}"
    );
    live.wait_for_log("inject hotline released to everyone");
    live.wait_for_log("inject province released to Bo");
    assert!(
        live.class
            .release_inject("hotline", Audience::Everyone)
            .is_err(),
        "a second release of the same inject is refused"
    );

    ana.keys(&["q"]);
    ana.wait_for("ssh ends", &["SSH EXITED"]);
    live.wait_for_log("left Ana");
    let (_, actions) = actions_of(&live.dir.join("Ana.jsonl"));
    assert_eq!(
        actions
            .iter()
            .filter(|a| matches!(a, Action::ReleaseInject(_)))
            .collect::<Vec<_>>(),
        [&Action::ReleaseInject("hotline".into())],
        "{actions:?}"
    );
}

#[test]
fn a_headless_class_is_run_by_lines_on_its_input_and_outlives_their_end() {
    let mut server = ClassServer::start(builtin::DEFAULT);
    server.say("help");
    server.wait_for_output("release ID team NAME");
    server.say("status");
    server.wait_for_output("Class not started yet; 0 students (0 connected)");
    server.say("next");
    server.wait_for_output("ok: Briefing");
    server.wait_for_log("phase briefing");
    server.say("message Read the mandate first");
    server.wait_for_log("message to everyone: Read the mandate first");
    server.say("pause");
    server.wait_for_output("ok: PAUSED Briefing");
    server.say("resume");
    server.say("release hotline");
    server.wait_for_log("inject hotline released to everyone");
    server.wait_for_output("released: hotline to everyone");
    // Bad lines are answered, and the class goes on.
    server.say("nxet");
    server.wait_for_output("error: unknown command `nxet`; `help` lists them");
    server.say("release hotline team red");
    server.wait_for_output("error: this class does not play in teams");
    server.say("release nothing-such");
    server.wait_for_output("error: this scenario has no inject `nothing-such`");
    server.say("\u{1b}[31mtime 9999");
    server.wait_for_output("error: unknown command");
    server.say("time 9999");
    server.wait_for_output("error: `time` takes minutes");
    // The end of the input is not the end of the class.
    server.close_input();
    std::thread::sleep(Duration::from_secs(2));
    assert!(server.running(), "the class outlives its input");
    server.wait_for_log("phase briefing");
}

//! The real binary in a real terminal, under tmux: the first-run welcome, an investigation
//! by keys from search to debrief, the terminal given back in working order after quitting
//! and after SIGTERM, and the process gone when its terminal hangs up.
//!
//! tmux must be on PATH; when it is not and the tests run as root, they install it with
//! apt-get, and otherwise fail saying so. Each test runs its own tmux server on a private
//! socket, killed when the test ends, pass or fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

use common::BIN;
use common::tools::{self, TMUX};

/// How long to wait for each expected screen: generous, for a debug build on a busy machine.
const STEP: Duration = Duration::from_secs(60);

/// A private tmux server running one pane, killed (and its socket file removed) when
/// dropped.
struct Tmux {
    socket: String,
    socket_path: Option<PathBuf>,
    dir: tempfile::TempDir,
}

impl Tmux {
    /// Starts the binary with a fresh data directory in a 100×30 pane. The pane's shell
    /// then says how the binary exited and prints the terminal settings, and waits.
    fn start(name: &str) -> Tmux {
        tools::require(&TMUX);
        let dir = common::tempdir();
        let mut tmux = Tmux {
            socket: format!("redcode-test-{}-{name}", std::process::id()),
            socket_path: None,
            dir,
        };
        let script = tmux.script(&format!("play --record {}", quote(&tmux.record_path())));
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            &script,
        ]);
        assert!(out.status.success(), "tmux starts: {out:?}");
        let path = tmux.pane("socket_path");
        tmux.socket_path = (!path.is_empty()).then(|| PathBuf::from(path));
        tmux
    }

    /// The shell line a pane runs: the binary with `args` and a fresh data directory, then
    /// how it exited and the terminal settings.
    fn script(&self, args: &str) -> String {
        format!(
            "XDG_DATA_HOME={data} {bin} {args}; echo \"EXITED $?\"; stty -a; sleep 30",
            data = quote(&self.data_dir()),
            bin = quote(Path::new(BIN)),
        )
    }

    /// Replaces what the pane runs with the binary and `args`.
    fn respawn(&self, args: &str) {
        let script = self.script(args);
        let out = self.run(&["respawn-pane", "-k", "-t", "t", &script]);
        assert!(out.status.success(), "tmux respawns the pane: {out:?}");
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn record_path(&self) -> PathBuf {
        self.dir.path().join("session.jsonl")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .env("TERM", "xterm-256color")
            .output()
            .expect("tmux runs")
    }

    fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A tmux format variable of the pane, e.g. `alternate_on`.
    fn pane(&self, variable: &str) -> String {
        let out = self.run(&[
            "display-message",
            "-p",
            "-t",
            "t",
            &format!("#{{{variable}}}"),
        ]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `Space`, `BSpace`, `n`).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    /// Types text literally.
    fn type_text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    /// Polls the pane until every `needle` is on it; fails with the last screen if the
    /// time runs out.
    fn wait_for(&self, what: &str, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            if start.elapsed() > STEP {
                panic!(
                    "waited {}s for {what} ({needles:?}); the pane shows:\n{screen}",
                    STEP.as_secs()
                );
            }
            sleep(Duration::from_millis(100));
        }
    }

    /// The redcode process started in this pane, found by its unique record path.
    fn redcode_pid(&self) -> u32 {
        let record = self.record_path().display().to_string();
        let start = Instant::now();
        loop {
            for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
                let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
                    continue;
                };
                let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
                    continue;
                };
                let args: Vec<String> = cmdline
                    .split(|&b| b == 0)
                    .map(|a| String::from_utf8_lossy(a).into_owned())
                    .collect();
                if args.first().is_some_and(|a| a == BIN) && args.contains(&record) {
                    return pid;
                }
            }
            assert!(start.elapsed() < STEP, "the redcode process is running");
            sleep(Duration::from_millis(100));
        }
    }

    /// Waits for the binary to exit and checks the terminal is back to normal: the shell
    /// runs again, the alternate screen and mouse reporting are off, and the line
    /// discipline is cooked with echo (raw mode undone).
    fn assert_restored(&self) -> String {
        let screen = self.wait_for("the shell after the binary", &["EXITED", "speed"]);
        assert!(screen.contains("EXITED 0"), "a clean exit:\n{screen}");
        let settings: Vec<&str> = screen
            .split(|c: char| c.is_whitespace() || c == ';')
            .collect();
        for flag in ["icanon", "echo", "isig", "icrnl"] {
            assert!(
                settings.contains(&flag),
                "stty shows {flag} set again:\n{screen}"
            );
            assert!(
                !settings.contains(&format!("-{flag}").as_str()),
                "stty shows -{flag}:\n{screen}"
            );
        }
        assert_eq!(
            self.pane("alternate_on"),
            "0",
            "the alternate screen is left"
        );
        assert_eq!(self.pane("mouse_any_flag"), "0", "mouse reporting is off");
        assert_eq!(self.pane("cursor_flag"), "1", "the cursor is shown");
        screen
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Single-quotes a path for the shell.
fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// Past the first-run welcome into the main scenario's briefing.
fn welcome_then_briefing(t: &Tmux) {
    let welcome = t.wait_for(
        "the first-run welcome",
        &["Welcome to redcode", "the tutorial", "quit"],
    );
    // The choices keep their indentation.
    assert!(
        welcome.contains("│  t   the tutorial"),
        "indented choices:\n{welcome}"
    );
    assert_eq!(
        t.pane("alternate_on"),
        "1",
        "the console uses the alternate screen"
    );
    t.keys(&["Enter"]);
    // No --player: the welcome asks for a name, which the session's journal keeps.
    t.wait_for("the name field", &["Your name, or your team's"]);
    t.type_text("Team Tmux");
    t.wait_for("the name typed", &["Team Tmux█"]);
    t.keys(&["Enter"]);
    t.wait_for("the briefing", &["Briefing", "You are an auditor"]);
    assert_eq!(t.pane("alternate_on"), "1");
}

#[test]
fn a_whole_investigation_by_keys_then_quit_restores_the_terminal() {
    let t = Tmux::start("play");
    welcome_then_briefing(&t);

    // Step the clock to the first code change.
    t.keys(&["n"]);
    t.wait_for(
        "the first code change",
        &["Next code change:", "2022-06-10 16:00"],
    );
    // Seek to noon on 13 June, after the batches of the 11th and 12th.
    t.keys(&["2"]);
    t.wait_for("the timeline", &["Timeline —"]);
    t.keys(&["@"]);
    t.wait_for("the seek field", &["Seek to"]);
    for _ in 0.."2022-06-10 16:00".len() {
        t.keys(&["BSpace"]);
    }
    t.type_text("2022-06-13 12:00");
    t.keys(&["Enter"]);
    t.wait_for("the clock at noon on 13 June", &["clock 2022-06-13 12:00"]);

    // People, search, dossier.
    t.keys(&["3"]);
    t.wait_for("the people list", &["People —", "code  name"]);
    t.keys(&["/"]);
    t.wait_for("the search field", &["Search:"]);
    t.type_text("lin xiu");
    t.wait_for("the search applied", &["(\"lin xiu\")", "林秀 Lin Xiu"]);
    t.keys(&["Enter"]);
    t.keys(&["Enter"]);
    t.wait_for(
        "Lin Xiu's dossier",
        &["Dossier", "Code history", "batch b-0612-a by Chen Yuting"],
    );

    // Trace, then back to the dossier to check the stated reason.
    t.keys(&["t"]);
    t.wait_for(
        "the trace",
        &["The chain behind the colour", "not on record yet"],
    );
    t.keys(&["Escape"]);
    t.wait_for("the dossier again", &["Code history"]);
    t.keys(&["x"]);
    t.wait_for(
        "the justification check",
        &["Justification check", "DISCREPANCY"],
    );

    // Flag the batch.
    t.keys(&["f"]);
    t.wait_for("the flag dialog", &["Flag —", "decided:"]);
    t.keys(&["Space"]);
    t.wait_for("the batch scope", &["batch b-0612-a (384 entries)"]);
    t.keys(&["Enter"]);
    t.wait_for("the flag recorded", &["Flagged batch b-0612-a", "flags 1"]);

    // Case file, submit, debrief.
    t.keys(&["9"]);
    t.wait_for("the case file", &["Case file —", "1 flag,"]);
    // S asks first and says what is still open; Enter hands the case file in.
    t.keys(&["S"]);
    t.wait_for(
        "the question before the submit",
        &[
            "Hand in the case file?",
            "6 objectives without an answer",
            "no recommendation chosen",
        ],
    );
    t.keys(&["Enter"]);
    // One batch of the two, the account that ran it named and no one who decided: no finding
    // passes, and the debrief says what was missing. Waiting for every line at once, since
    // a capture can fall between two writes of the same frame.
    let debrief = t.wait_for(
        "the debrief",
        &[
            "Debrief",
            "Result: PARTIAL — 0 of 60 points · findings 0/2 · objectives 0/6 · controls 0/5",
            "✗ FAIL The batches of 11 and 12 June run from the code group's account",
            "you flagged only 384 of 561 entries; you did not name who decided",
            "who passed the instruction on (Zhao Hongwei)",
            "who carried it out (Zhao Hongwei).",
            "✗ FAIL The batches of 13 and 14 June run from the big-data company's account",
            "you did not flag these entries.",
            "✗ Whose account ran the batches of 11 and 12 June? — you: no answer; records: Chen Yuting",
        ],
    );
    assert!(!debrief.contains("PASS"), "{debrief}");

    t.keys(&["q"]);
    let after = t.assert_restored();
    assert!(after.contains("Session recorded in"), "{after}");
    assert!(t.record_path().exists(), "the session was journaled");
    let journal = redcode::session::journal::read(&t.record_path()).expect("the journal reads");
    assert_eq!(journal.header.player, "Team Tmux");
    assert!(
        t.data_dir().join("redcode/played").exists(),
        "the welcome is not offered again"
    );
}

#[test]
fn sigterm_leaves_the_terminal_restored() {
    let t = Tmux::start("sigterm");
    welcome_then_briefing(&t);
    t.keys(&["3"]);
    t.wait_for("the people list", &["People —"]);
    let pid = t.redcode_pid();
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "SIGTERM sent to {pid}");
    t.assert_restored();
}

/// Whether a process is still running (a zombie waiting to be reaped has finished).
fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // The state follows the command name, which is in parentheses.
        let state = stat.rsplit(')').next().unwrap_or("").trim_start();
        !state.starts_with('Z') && !state.starts_with('X')
    })
}

/// Kills a process left behind by a failed test, so it does not spin on.
struct Reaper(u32);

impl Drop for Reaper {
    fn drop(&mut self) {
        if alive(self.0) {
            let _ = Command::new("kill")
                .args(["-KILL", &self.0.to_string()])
                .status();
        }
    }
}

#[test]
fn a_hung_up_terminal_ends_the_process() {
    let t = Tmux::start("hangup");
    welcome_then_briefing(&t);
    let pid = t.redcode_pid();
    let _reaper = Reaper(pid);
    // Closing the terminal: the pane's processes get SIGHUP and their reads end of file.
    assert!(t.run(&["kill-server"]).status.success());
    let start = Instant::now();
    while alive(pid) && start.elapsed() < Duration::from_secs(20) {
        sleep(Duration::from_millis(100));
    }
    assert!(
        !alive(pid),
        "redcode (pid {pid}) still runs {}s after its terminal hung up",
        start.elapsed().as_secs()
    );
}

#[test]
fn sigkill_loses_no_flushed_action_and_resume_picks_up() {
    let t = Tmux::start("sigkill");
    welcome_then_briefing(&t);
    t.keys(&["n"]);
    t.wait_for("the first code change", &["Next code change:"]);
    t.keys(&["9"]);
    t.wait_for("the case file", &["Case file —"]);
    t.keys(&["i"]);
    t.wait_for("the note field", &["Note:"]);
    t.type_text("written before the crash");
    t.keys(&["Enter"]);
    t.wait_for("the note recorded", &["notes 1"]);
    // Every action is on disk as soon as the screen shows it: kill without warning.
    let pid = t.redcode_pid();
    let status = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    t.wait_for("the shell after the kill", &["EXITED 137"]);

    let replay = Command::new(BIN)
        .args(["replay", "--headless"])
        .arg(t.record_path())
        .output()
        .expect("replay runs");
    let printed = String::from_utf8_lossy(&replay.stdout);
    assert!(
        replay.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&replay.stderr)
    );
    assert!(printed.contains("written before the crash"), "{printed}");
    assert!(printed.contains("clock 2022-06-10 16:00"), "{printed}");
    let before = redcode::session::journal::read(&t.record_path()).expect("the journal reads back");

    t.respawn(&format!("resume {}", quote(&t.record_path())));
    let screen = t.wait_for(
        "the resumed console",
        &["Resumed", "Case file —", "notes 1"],
    );
    assert!(screen.contains("clock 2022-06-10 16:00"), "{screen}");
    t.keys(&["n"]);
    t.wait_for("the clock moving on", &["Next code change:"]);
    t.keys(&["q"]);
    t.assert_restored();
    let after =
        redcode::session::journal::read(&t.record_path()).expect("the resumed journal reads back");
    assert!(
        after.actions.len() > before.actions.len(),
        "resume appends to the same journal"
    );
    assert_eq!(
        after.actions[..before.actions.len()],
        before.actions[..],
        "nothing recorded is rewritten"
    );
}

/// A tmpfs of 64 KiB mounted in the pane's folder (the test runs as root), unmounted when
/// dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: PathBuf) -> SmallDisk {
        std::fs::create_dir_all(&at).expect("the mount point");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(&at)
            .output()
            .expect("mount runs");
        assert!(
            out.status.success(),
            "this test fills a small filesystem and must mount one (run as root): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        SmallDisk(at)
    }

    fn fill(&self) {
        use std::io::Write;
        let mut file = std::fs::File::create(self.0.join("filler")).expect("the filler");
        while file.write_all(&[0u8; 4096]).is_ok() {}
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("--lazy").arg(&self.0).status();
    }
}

#[test]
fn a_disk_filled_during_play_is_said_on_screen_and_the_session_saved_elsewhere() {
    let t = Tmux::start("fulldisk");
    let disk = SmallDisk::mount(t.dir.path().join("disk"));
    let journal = disk.0.join("s.jsonl");
    t.respawn(&format!(
        "play --tutorial --player Ann --record {}",
        quote(&journal)
    ));
    t.wait_for("the briefing", &["Briefing"]);
    disk.fill();
    // The journal's last page still has room: it takes a few hundred actions to fill it.
    let screen = (0..60)
        .find_map(|_| {
            t.keys(&["j"; 40]);
            sleep(Duration::from_millis(200));
            let screen = t.capture();
            screen.contains("RECORDING STOPPED").then_some(screen)
        })
        .unwrap_or_else(|| panic!("no word of the full disk:\n{}", t.capture()));
    assert!(screen.contains("No space left"), "{screen}");
    // It stays said while play goes on.
    t.keys(&["n"]);
    sleep(Duration::from_millis(300));
    let screen = t.capture();
    assert!(screen.contains("RECORDING STOPPED"), "{screen}");
    t.keys(&["q"]);
    let after = t.wait_for("the shell after quitting", &["EXITED 1"]);
    assert!(after.contains("could not be recorded in"), "{after}");
    assert!(after.contains("s-recovered.jsonl"), "{after}");
    let on_disk = redcode::session::journal::read(&journal).expect("the journal stays readable");
    assert!(on_disk.notice.is_none(), "no torn line on the full disk");
    let saved = std::env::temp_dir().join("s-recovered.jsonl");
    let whole = redcode::session::journal::read(&saved).expect("the session saved elsewhere");
    assert!(whole.actions.len() > on_disk.actions.len());
    let _ = std::fs::remove_file(&saved);
}

#[test]
fn a_second_console_on_one_journal_is_refused() {
    let first = Tmux::start("lock-first");
    welcome_then_briefing(&first);
    first.keys(&["n"]);
    first.wait_for("the first code change", &["Next code change:"]);
    let second = Tmux::start("lock-second");
    second.respawn(&format!("resume {}", quote(&first.record_path())));
    let screen = second.wait_for("the refusal", &["EXITED 1"]);
    assert!(screen.contains("another redcode console"), "{screen}");
    first.keys(&["q"]);
    first.assert_restored();
}

#[test]
fn resume_without_a_file_says_which_session_it_picked() {
    let t = Tmux::start("picked");
    welcome_then_briefing(&t);
    t.keys(&["n"]);
    t.wait_for("the first code change", &["Next code change:"]);
    t.keys(&["q"]);
    t.wait_for("the shell after quitting", &["EXITED 0"]);
    // A session in the sessions folder, not submitted: `resume` alone picks it.
    let sessions = t.data_dir().join("redcode/sessions");
    std::fs::create_dir_all(&sessions).expect("the sessions folder");
    let picked = sessions.join("older.jsonl");
    std::fs::copy(t.record_path(), &picked).expect("the journal copied");
    t.respawn("resume");
    t.wait_for("the resumed console", &["Resumed", "older.jsonl"]);
    t.keys(&["q"]);
    let screen = t.wait_for("the shell after quitting", &["EXITED 0"]);
    assert!(
        screen.contains("Resuming the latest unfinished session:")
            && screen.contains("older.jsonl"),
        "{screen}"
    );
}

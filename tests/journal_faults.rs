//! Journals under faults and attacks: resuming after a torn write, two consoles on one
//! journal, a full disk (injected, and a small tmpfs filled for real), a journal deleted
//! during play, special files where files are expected, a relabelled session, reports
//! written through links, a keymap without a way out, and the cost of replaying a journal
//! heavy with flags and notes.

mod common;

use common::changes_of;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use redcode::audit::casefile::{Flag, FlagTarget};
use redcode::audit::{Action, Desk};
use redcode::engine::World;
use redcode::open::open;
use redcode::scenario::model::Category;
use redcode::scenario::text::is_unsafe;
use redcode::session::journal::{self, Tail, Writer};
use redcode::session::writer::Sink;
use redcode::session::{Recorder, Recording, class_results, new_header};
use redcode::tui::App;
use redcode::tui::keymap::Keymap;
use redcode::tui::theme::Theme;

const BIN: &str = env!("CARGO_BIN_EXE_redcode");

fn world(name: &str) -> World {
    open(Some(name), None).unwrap().world
}

fn header(name: &str, player: &str) -> journal::Header {
    let world = world(name);
    new_header(name, &world.scenario, world.seed, player)
}

fn record(path: &Path, actions: &[Action]) {
    let world = world("tutorial");
    let mut recorder = Recorder::new(Writer::create(path, &header("tutorial", "ann")).unwrap());
    let mut desk = Desk::new(&world);
    for action in actions {
        let changes = changes_of(desk.update(&world, action.clone()));
        recorder.record(action, &changes, &desk);
    }
    assert!(matches!(recorder.finish(path), Recording::Whole));
}

fn steps(n: usize) -> Vec<Action> {
    (0..n)
        .map(|i| {
            if i % 2 == 0 {
                Action::StepForward
            } else {
                Action::Down
            }
        })
        .collect()
}

fn append_line(path: &Path, bytes: &[u8]) {
    let mut file = std::fs::OpenOptions::new().append(true).open(path).unwrap();
    file.write_all(bytes).unwrap();
}

#[test]
fn resuming_after_a_torn_line_cuts_it_off_keeps_it_aside_and_leaves_a_readable_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    record(&path, &steps(3));
    let torn = b"{\"t\":99,\"a\":{\"AddNote\":\"half";
    append_line(&path, torn);
    let journal = journal::read(&path).unwrap();
    assert!(matches!(journal.tail, Tail::Torn { .. }));
    let mut writer = Writer::append(&journal).unwrap();
    writer.record(&Action::Down, &[]).unwrap();
    writer.record(&Action::Up, &[]).unwrap();
    let kept = writer.torn_copy().unwrap().to_path_buf();
    drop(writer);
    assert_eq!(kept, dir.path().join("s.jsonl.torn"));
    assert_eq!(std::fs::read(&kept).unwrap(), torn);
    let again = journal::read(&path).unwrap();
    assert!(again.notice.is_none(), "{:?}", again.notice);
    assert_eq!(again.tail, Tail::Clean);
    assert_eq!(again.actions.len(), 5);
    // A second torn line and a second resume keep both copies.
    append_line(&path, b"{\"t\":");
    let journal = journal::read(&path).unwrap();
    let writer = Writer::append(&journal).unwrap();
    assert_eq!(
        writer.torn_copy().unwrap(),
        dir.path().join("s.jsonl.torn.2")
    );
}

#[test]
fn resuming_after_a_whole_line_without_its_newline_never_glues_the_next_one_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    record(&path, &steps(2));
    append_line(&path, b"{\"t\":5000,\"a\":\"Down\"}");
    let journal = journal::read(&path).unwrap();
    assert_eq!(journal.tail, Tail::Unterminated);
    assert_eq!(journal.actions.len(), 3);
    let mut writer = Writer::append(&journal).unwrap();
    writer.record(&Action::Up, &[]).unwrap();
    drop(writer);
    let again = journal::read(&path).unwrap();
    assert_eq!(again.actions.len(), 4);
    assert_eq!(again.actions[3].1, Action::Up);
    assert!(again.actions[3].0 >= 5000, "offsets keep rising");
}

/// A sink that takes `room` bytes, then fails as a full disk does, counting write calls.
struct FullDisk {
    taken: Arc<Mutex<Vec<u8>>>,
    room: usize,
    calls: Arc<Mutex<usize>>,
}

impl Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        *self.calls.lock().unwrap() += 1;
        let mut taken = self.taken.lock().unwrap();
        let free = self.room.saturating_sub(taken.len());
        if free == 0 {
            return Err(io::Error::from_raw_os_error(libc::ENOSPC));
        }
        let n = free.min(buf.len());
        taken.extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink for FullDisk {
    fn truncate(&mut self, len: u64) -> io::Result<()> {
        self.taken.lock().unwrap().truncate(len as usize);
        Ok(())
    }
    fn sync(&mut self) -> io::Result<()> {
        Ok(())
    }
    fn still_there(&self) -> io::Result<bool> {
        Ok(true)
    }
}

#[test]
fn a_full_disk_is_said_at_once_the_file_stays_whole_and_the_session_is_saved_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let head = serde_json::to_vec(&header("tutorial", "ann")).unwrap();
    let mut kept = head.clone();
    kept.push(b'\n');
    let taken = Arc::new(Mutex::new(kept.clone()));
    let calls = Arc::new(Mutex::new(0));
    let sink = FullDisk {
        taken: Arc::clone(&taken),
        room: kept.len() + 100,
        calls: Arc::clone(&calls),
    };
    let world = world("tutorial");
    let mut recorder = Recorder::new(Writer::over(Box::new(sink), kept, 0, 0));
    let mut desk = Desk::new(&world);
    let actions = steps(120);
    let mut alarmed_at = None;
    for (i, action) in actions.iter().enumerate() {
        let changes = changes_of(desk.update(&world, action.clone()));
        recorder.record(action, &changes, &desk);
        if alarmed_at.is_none() && recorder.alarm().is_some() {
            alarmed_at = Some(i);
        }
    }
    // The action that did not fit is the one that raised the alarm.
    let alarmed_at = alarmed_at.expect("the console is told");
    assert!(alarmed_at < 10, "told at action {alarmed_at}");
    let alarm = recorder.alarm().unwrap();
    assert!(alarm.contains("RECORDING STOPPED"), "{alarm}");
    assert!(alarm.contains("No space left on device"), "{alarm}");
    // What the disk holds ends with a whole line: the failed write was cut back.
    let on_disk = taken.lock().unwrap().clone();
    assert!(on_disk.ends_with(b"\n"));
    let partial = journal::parse("disk", &on_disk).unwrap();
    assert!(partial.notice.is_none());
    assert_eq!(partial.actions.len(), alarmed_at);
    // The session is saved whole beside the journal.
    let Recording::Saved { why, saved } = recorder.finish(&path) else {
        panic!("not saved");
    };
    assert!(why.contains("No space left"), "{why}");
    assert_eq!(saved, dir.path().join("s-recovered.jsonl"));
    let whole = journal::read(&saved).unwrap();
    assert_eq!(whole.actions.len(), actions.len());
    assert_eq!(
        redcode::session::replay::replay_to_end(&world, &whole)
            .unwrap()
            .clock(),
        desk.clock()
    );
}

#[test]
fn each_line_is_one_write_call() {
    let taken = Arc::new(Mutex::new(Vec::new()));
    let calls = Arc::new(Mutex::new(0));
    let sink = FullDisk {
        taken: Arc::clone(&taken),
        room: usize::MAX,
        calls: Arc::clone(&calls),
    };
    let mut writer = Writer::over(Box::new(sink), Vec::new(), 0, 0);
    for action in steps(10) {
        writer.record(&action, &[]).unwrap();
    }
    writer.checksum("abc".to_owned()).unwrap();
    assert_eq!(*calls.lock().unwrap(), 11);
    assert_eq!(
        taken
            .lock()
            .unwrap()
            .iter()
            .filter(|b| **b == b'\n')
            .count(),
        11
    );
}

#[test]
fn a_journal_deleted_during_play_is_noticed_and_saved_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let world = world("tutorial");
    let mut recorder = Recorder::new(Writer::create(&path, &header("tutorial", "ann")).unwrap());
    let mut desk = Desk::new(&world);
    for (i, action) in steps(30).iter().enumerate() {
        if i == 10 {
            std::fs::remove_file(&path).unwrap();
        }
        let changes = changes_of(desk.update(&world, action.clone()));
        recorder.record(action, &changes, &desk);
    }
    recorder.sync();
    let alarm = recorder.alarm().expect("said while play goes on");
    assert!(alarm.contains("deleted or replaced"), "{alarm}");
    let Recording::Saved { why, saved } = recorder.finish(&path) else {
        panic!("a deleted journal was reported as recorded");
    };
    assert!(why.contains("deleted or replaced"), "{why}");
    assert_eq!(journal::read(&saved).unwrap().actions.len(), 30);
}

#[test]
fn two_consoles_cannot_record_one_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    record(&path, &steps(4));
    let journal = journal::read(&path).unwrap();
    let first = Writer::append(&journal).unwrap();
    let Err(second) = Writer::append(&journal) else {
        panic!("a second console got the journal");
    };
    assert_eq!(second.kind(), io::ErrorKind::WouldBlock);
    assert!(
        second.to_string().contains("another redcode console"),
        "{second}"
    );
    drop(first);
    assert!(Writer::append(&journal).is_ok(), "free again once closed");
}

#[test]
fn a_second_process_is_refused_the_lock_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    record(&path, &steps(4));
    let journal = journal::read(&path).unwrap();
    let _held = Writer::append(&journal).unwrap();
    // The lock is the operating system's, so another process is refused it too (tried
    // with util-linux's `flock`, which takes the same kind of lock).
    let out = Command::new("flock")
        .args(["--nonblock", path.to_str().unwrap(), "true"])
        .output()
        .expect("flock(1) from util-linux");
    assert!(!out.status.success(), "another process took the lock");
}

/// Makes a FIFO at `path`.
fn mkfifo(path: &Path) {
    let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

/// Runs the binary with a time limit: a command blocked on a FIFO fails the test.
fn run_bounded(args: &[&str], cwd: &Path) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("XDG_DATA_HOME", cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("`redcode {}` blocked", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn special_files_where_files_are_expected_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("f.jsonl");
    mkfifo(&fifo);
    let class = dir.path().join("class");
    std::fs::create_dir(&class).unwrap();
    record(&class.join("a.jsonl"), &steps(4));
    mkfifo(&class.join("b.jsonl"));
    let cases: [&[&str]; 6] = [
        &["validate", "f.jsonl"],
        &["replay", "--headless", "f.jsonl"],
        &["grade", "f.jsonl"],
        &["cast", "f.jsonl", "-o", "-"],
        &["resume", "f.jsonl"],
        &["play", "--keymap", "f.jsonl"],
    ];
    for args in cases {
        let out = run_bounded(args, dir.path());
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // `resume` and `play` need a terminal before they read anything; the files are
        // checked through the library below.
        if !matches!(args[0], "resume" | "play") {
            assert!(stderr.contains("not a regular file"), "{args:?}: {stderr}");
        }
    }
    let out = run_bounded(&["grade", "class"], dir.path());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("| ann |"), "{stdout}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("b.jsonl: skipped: cannot read it: this is not a regular file"),
        "{stderr}"
    );
    // The library calls `resume` and `--keymap` make.
    assert!(
        journal::read(&fifo)
            .unwrap_err()
            .message
            .contains("not a regular file")
    );
    assert!(
        Keymap::with_overrides(&fifo)
            .unwrap_err()
            .message
            .contains("not a regular file")
    );
}

#[test]
fn a_session_relabelled_as_another_scenario_is_not_graded_as_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    record(&path, &steps(4));
    let text = std::fs::read_to_string(&path).unwrap();
    let relabel = |from: &str, to: &str| {
        let out = dir.path().join(format!("{to}-{}.jsonl", from.len()));
        std::fs::write(&out, text.replacen(from, to, 1)).unwrap();
        out
    };
    let by_id = relabel(
        "\"scenario_id\":\"tutorial\"",
        "\"scenario_id\":\"zhengzhou-2022\"",
    );
    let by_name = relabel(
        "\"scenario\":\"tutorial\"",
        "\"scenario\":\"zhengzhou-2022\"",
    );
    let rows = class_results::grade_all(&[by_id, by_name], None, None, false);
    assert!(
        rows[0]
            .error
            .contains("the scenario its hash proves is `tutorial`"),
        "{:?}",
        rows[0]
    );
    assert_eq!(rows[1].error, "");
    assert_eq!(
        rows[1].scenario, "tutorial",
        "graded on what its hash proves"
    );
    let tutorial = class_results::grade_one(&world("tutorial"), &journal::read(&path).unwrap());
    assert_eq!(
        (rows[1].score, rows[1].max_score),
        (tutorial.score, tutorial.max_score)
    );
}

#[test]
fn a_player_name_is_cleaned_where_it_enters() {
    let h = header("tutorial", "Eve\u{1b}]52;c;SGVsbG8=\u{7}\u{202e}x");
    assert_eq!(h.player, "Eve]52;c;SGVsbG8=x");
}

#[test]
fn a_report_is_never_written_through_a_link() {
    use redcode::tui::app::write_new;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious.txt");
    std::fs::write(&target, "keep me").unwrap();
    let link = dir.path().join("redcode-debrief.md");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // The name a link holds is passed over, not written through.
    let written = write_new(&link, "report").unwrap();
    assert_eq!(written, dir.path().join("redcode-debrief-2.md"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "keep me");
    // So is a FIFO's: opening it would wait for a reader.
    let fifo = dir.path().join("fifo.md");
    mkfifo(&fifo);
    let written = write_new(&fifo, "report").unwrap();
    assert_eq!(written, dir.path().join("fifo-2.md"));
    assert_eq!(std::fs::read_to_string(&written).unwrap(), "report");
}

#[test]
fn ctrl_c_quits_whatever_the_keymap_says() {
    let dir = tempfile::tempdir().unwrap();
    let keys = dir.path().join("keys.ron");
    // A keymap that tries to take Ctrl+C away is refused at its place in the file.
    std::fs::write(&keys, "{ \"ctrl+c\": NextChange }").unwrap();
    let refused = Keymap::with_overrides(&keys).unwrap_err();
    assert_eq!((refused.line, refused.column), (1, 3));
    assert!(
        refused.message.contains("ctrl+c always quits"),
        "{refused:?}"
    );
    // One that moves every quitting key elsewhere still leaves Ctrl+C, in every mode.
    std::fs::write(&keys, "{ \"q\": NextChange, \"esc\": NextChange }").unwrap();
    let keymap = Keymap::with_overrides(&keys).unwrap();
    let mut app = App::new(world("tutorial"), keymap, Theme::MONO, String::new());
    let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert_eq!(app.action_for(&ctrl_c), Some(Action::Quit));
    app.dispatch(Action::Show(redcode::audit::Screen::People));
    app.dispatch(Action::StartSearch);
    assert_eq!(
        app.action_for(&ctrl_c),
        Some(Action::Quit),
        "in a text field"
    );
}

/// Peak resident memory of this process so far, in KiB.
fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap()
}

#[test]
fn a_journal_heavy_with_flags_and_notes_grades_and_replays_in_bounded_work() {
    let world = world("tutorial");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("heavy.jsonl");
    let mut text = serde_json::to_string(&header("tutorial", "heavy")).unwrap() + "\n";
    // Flags and notes up to the caps, each as large as a line may be, between thousands of
    // moves: the shape that made replay copy the whole desk again and again.
    let long = "x".repeat(1000);
    let mut t = 0;
    let mut case_bytes = 0;
    let mut actions = 0;
    while case_bytes < journal::MAX_CASE_BYTES - 64 * 1024 {
        t += 1;
        let action = if t % 2 == 0 {
            Action::AddNote("n".repeat(1900))
        } else {
            Action::AddFlag(Flag::new(
                FlagTarget::Batch(format!("b{t}")),
                Category::NoEpidemicBasis,
                &[long.as_str(), long.as_str(), long.as_str()],
                &[long.as_str()],
            ))
        };
        let line = serde_json::to_string(&journal::Line::Action {
            t,
            a: action,
            c: Vec::new(),
        })
        .unwrap();
        case_bytes += line.len();
        text.push_str(&line);
        text.push('\n');
        actions += 1;
        for _ in 0..50 {
            text.push_str(&format!("{{\"t\":{t},\"a\":\"Down\"}}\n"));
            actions += 1;
        }
    }
    std::fs::write(&path, &text).unwrap();
    let before = peak_kib();
    let started = Instant::now();
    let journal = journal::read(&path).unwrap();
    let rows = class_results::grade_all(std::slice::from_ref(&path), None, None, false);
    let graded = started.elapsed();
    let after_grading = peak_kib();
    assert_eq!(rows[0].error, "", "{:?}", rows[0]);
    let started = Instant::now();
    let mut replay = redcode::session::replay::Replay::new(&world, &journal).unwrap();
    replay.seek(&world, 0);
    replay.seek(&world, replay.len() / 2);
    let viewed = started.elapsed();
    assert_eq!(replay.position, replay.len() / 2);
    eprintln!(
        "heavy journal: {} bytes, {actions} actions, {case_bytes} bytes of flags and notes; \
graded in {graded:?}, laid out for the viewer in {viewed:?}; peak memory {before} KiB before, \
{after_grading} KiB after grading, {} KiB after the viewer's layout",
        text.len(),
        peak_kib()
    );
    // One case file is a few MiB: the peak must not grow with the number of actions.
    assert!(
        !text.chars().any(|c| c != '\n' && is_unsafe(c)),
        "the generator wrote plain text"
    );
}

/// Mounts a tmpfs of `kib` KiB at a new folder; unmounted when dropped.
struct SmallDisk(PathBuf, #[allow(dead_code)] tempfile::TempDir);

impl SmallDisk {
    fn new(kib: u32) -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let at = dir.path().join("disk");
        std::fs::create_dir(&at).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(&at)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "this test fills a small filesystem and must mount one (run as root): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        SmallDisk(at, dir)
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("--lazy").arg(&self.0).status();
    }
}

fn fill(dir: &Path) {
    let mut file = std::fs::File::create(dir.join("filler")).unwrap();
    let block = vec![0u8; 4096];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
}

#[test]
fn a_small_filesystem_filled_mid_session_keeps_the_journal_readable_and_the_case_saved() {
    let disk = SmallDisk::new(64);
    let path = disk.0.join("s.jsonl");
    let world = world("tutorial");
    let mut recorder = Recorder::new(Writer::create(&path, &header("tutorial", "ann")).unwrap());
    let mut desk = Desk::new(&world);
    let actions = steps(200);
    let mut alarmed_at = None;
    for (i, action) in actions.iter().enumerate() {
        if i == 20 {
            fill(&disk.0);
        }
        let changes = changes_of(desk.update(&world, action.clone()));
        recorder.record(action, &changes, &desk);
        if alarmed_at.is_none() && recorder.alarm().is_some() {
            alarmed_at = Some(i);
        }
    }
    let alarmed_at = alarmed_at.expect("a full disk is said at once");
    assert!(alarmed_at >= 20, "{alarmed_at}");
    assert!(recorder.alarm().unwrap().contains("No space left"));
    let on_disk = journal::read(&path).unwrap();
    assert!(on_disk.notice.is_none(), "no torn line left on disk");
    assert_eq!(on_disk.actions.len(), alarmed_at);
    let Recording::Saved { saved, .. } = recorder.finish(&path) else {
        panic!("not saved elsewhere");
    };
    assert!(
        !saved.starts_with(&disk.0),
        "saved off the full disk: {saved:?}"
    );
    assert_eq!(journal::read(&saved).unwrap().actions.len(), 200);
    std::fs::remove_file(&saved).unwrap();
}

#[test]
fn a_full_disk_at_start_leaves_no_empty_journal_behind() {
    let disk = SmallDisk::new(64);
    fill(&disk.0);
    let path = disk.0.join("s.jsonl");
    assert!(Writer::create(&path, &header("tutorial", "ann")).is_err());
    assert!(!path.exists(), "a 0-byte journal was left behind");
}

//! A class served by the real binary on 127.0.0.1, and students joining it with OpenSSH's
//! `ssh` in tmux panes: started, driven by keys, read, and killed when dropped.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, mpsc};
use std::thread::sleep;
use std::time::{Duration, Instant};

use redcode::class::{ClassCode, Plan, Student};
use redcode::serve::{Class, EventLog, Limits, Server};

use super::BIN;
use super::tools::{self, SSH, TMUX};

/// How long to wait for each expected screen or line: generous, for a debug build on a
/// busy machine, and still bounded.
pub const STEP: Duration = Duration::from_secs(60);

/// The class code every test class uses.
pub const CODE: &str = "swift-river-42";

/// `redcode class --headless` on a free port of 127.0.0.1, stopped with SIGINT when dropped.
pub struct ClassServer {
    child: Child,
    /// Its standard input: the facilitator's commands, a line each.
    input: Option<std::process::ChildStdin>,
    /// Its standard output, a line at a time, as it comes.
    output: mpsc::Receiver<String>,
    pub port: u16,
    pub dir: PathBuf,
    pub root: tempfile::TempDir,
}

impl ClassServer {
    /// Starts a class on `scenario` and waits until it says it is open.
    pub fn start(scenario: &str) -> ClassServer {
        let root = super::tempdir();
        let dir = root.path().join("class");
        let mut child = Command::new(BIN)
            .args([
                "class",
                scenario,
                "--headless",
                "--bind",
                "127.0.0.1",
                "--port",
                "0",
            ])
            .args(["--code", CODE, "--dir"])
            .arg(&dir)
            .env("XDG_DATA_HOME", root.path().join("data"))
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let input = child.stdin.take();
        let stdout = child.stdout.take().expect("its output");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            // Read to the end, even once nobody listens: a closed pipe would stop the class
            // at its next line of output.
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let port = loop {
            let line = rx
                .recv_timeout(STEP)
                .unwrap_or_else(|_| panic!("the class says it is open within {STEP:?}"));
            if let Some(rest) = line.strip_prefix("Class open on port ") {
                break rest
                    .trim_end_matches(|c: char| !c.is_ascii_digit())
                    .parse()
                    .expect("a port");
            }
        };
        ClassServer {
            child,
            input,
            output: rx,
            port,
            dir,
            root,
        }
    }

    /// The class log as it stands.
    pub fn log(&self) -> String {
        class_log(&self.dir)
    }

    /// Types a line of the facilitator's commands on the class's standard input.
    pub fn say(&mut self, line: &str) {
        use std::io::Write;
        let input = self.input.as_mut().expect("the class's input is open");
        writeln!(input, "{line}").expect("the class takes its input");
        input.flush().expect("the class takes its input");
    }

    /// Whether the class is still running.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Closes the class's standard input, as a class run by a service manager has none.
    pub fn close_input(&mut self) {
        self.input = None;
    }

    /// Waits for a line of the class's output holding `needle`; the lines read meanwhile.
    pub fn wait_for_output(&self, needle: &str) -> String {
        let deadline = Instant::now() + STEP;
        let mut seen = String::new();
        while !seen.lines().any(|l| l.contains(needle)) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok(line) => {
                    seen.push_str(&line);
                    seen.push('\n');
                }
                Err(_) => panic!("no line with {needle:?} from the class; it said:\n{seen}"),
            }
        }
        seen
    }

    /// Waits until the class log holds `needle`.
    pub fn wait_for_log(&self, needle: &str) -> String {
        wait_for_class_log(&self.dir, needle)
    }

    /// The `ssh` command line a student types, with the code given by an askpass script
    /// that counts how often it was asked (in `asked`).
    pub fn ssh(&self, user: &str, code: &str, extra: &[&str]) -> Command {
        ssh_command(self.port, self.root.path(), user, code, extra)
    }

    /// How many times the askpass script of `user` was asked for the code.
    pub fn times_asked(&self, user: &str) -> usize {
        std::fs::read_to_string(self.asked_path(user)).map_or(0, |s| s.lines().count())
    }

    fn asked_path(&self, user: &str) -> PathBuf {
        asked_path(self.root.path(), user)
    }
}

fn asked_path(root: &Path, user: &str) -> PathBuf {
    root.join(format!("asked-{user}"))
}

/// The `ssh` command line a student types to join the class on `port`, with the code given
/// by an askpass script (kept in `root`) that counts how often it was asked.
pub fn ssh_command(port: u16, root: &Path, user: &str, code: &str, extra: &[&str]) -> Command {
    tools::require(&SSH);
    let askpass = root.join(format!("askpass-{user}.sh"));
    let asked = asked_path(root, user);
    std::fs::write(
        &askpass,
        format!(
            "#!/bin/sh\necho x >> '{}'\necho '{code}'\n",
            asked.display()
        ),
    )
    .expect("the askpass script is written");
    std::fs::set_permissions(&askpass, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    let mut command = Command::new("ssh");
    command
        .args(["-p", &port.to_string()])
        .args([
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
        ])
        .args(["-o", "LogLevel=ERROR", "-o", "ConnectTimeout=20"])
        .args(extra)
        .arg(format!("{user}@127.0.0.1"))
        .env("SSH_ASKPASS", &askpass)
        .env("SSH_ASKPASS_REQUIRE", "force")
        .env("DISPLAY", ":0")
        .stdin(Stdio::null());
    command
}

/// A class served from this test's own process on 127.0.0.1 by the server `redcode class`
/// runs, so the test drives the facilitator's controls through the class's API
/// (`class.next_phase()`, `class.pause()`...) while students join with the real `ssh` or a
/// scripted client. Stopped when dropped.
pub struct LiveClass {
    pub class: Arc<Class>,
    server: Option<Server>,
    pub port: u16,
    pub addr: std::net::SocketAddr,
    pub dir: PathBuf,
    pub root: tempfile::TempDir,
}

impl LiveClass {
    /// Serves `scenario` with the default limits and this plan of phases.
    pub fn start(scenario: &str, plan: Plan) -> LiveClass {
        let live = LiveClass::serve(scenario, Limits::default(), None);
        live.class.set_plan(plan);
        live
    }

    /// Serves `scenario` (a built-in id or a file) with `limits`, in teams if `teams` says.
    pub fn serve(
        scenario: &str,
        limits: Limits,
        teams: Option<redcode::class::Teams>,
    ) -> LiveClass {
        use redcode::serve::WorldBuilder;
        let root = super::tempdir();
        let dir = root.path().join("class");
        std::fs::create_dir_all(&dir).expect("the class folder");
        let loaded = redcode::open::read(Some(scenario)).expect("the scenario reads");
        let world = redcode::open::open_loaded(loaded.clone(), None)
            .expect("the scenario opens")
            .world;
        let log = EventLog::open(&dir.join("class.log")).expect("the class log");
        let code = ClassCode::new(CODE).expect("the code");
        let mut class = Class::new(
            Arc::new(world),
            scenario.to_owned(),
            code,
            dir.clone(),
            limits,
            log,
        );
        if let Some(teams) = teams {
            let build: WorldBuilder = Box::new(move |seed| {
                redcode::open::open_loaded(loaded.clone(), Some(seed))
                    .map(|opened| opened.world)
                    .map_err(|e| e.to_string())
            });
            class = class.with_teams(teams, build);
        }
        let class = Arc::new(class);
        let key = redcode::serve::hostkey::load_or_create(&root.path().join("host_key"))
            .expect("a host key");
        let bind = "127.0.0.1:0".parse().expect("an address");
        let server =
            redcode::serve::start(Arc::clone(&class), bind, key).expect("the server starts");
        LiveClass {
            class,
            port: server.addr.port(),
            addr: server.addr,
            server: Some(server),
            dir,
            root,
        }
    }

    pub fn ssh(&self, user: &str, extra: &[&str]) -> Command {
        ssh_command(self.port, self.root.path(), user, CODE, extra)
    }

    /// The class log as it stands.
    pub fn log(&self) -> String {
        class_log(&self.dir)
    }

    /// Waits until the class log holds `needle`.
    pub fn wait_for_log(&self, needle: &str) -> String {
        wait_for_class_log(&self.dir, needle)
    }

    /// Waits until the roster says what `check` looks for of `name`.
    pub fn wait_for_student(&self, what: &str, name: &str, check: impl Fn(&Student) -> bool) {
        let start = Instant::now();
        loop {
            let roster = self.class.roster();
            if roster.get(name).is_some_and(&check) {
                return;
            }
            assert!(
                start.elapsed() < STEP,
                "the roster shows {what} for {name}: {:?}",
                roster.get(name)
            );
            sleep(Duration::from_millis(100));
        }
    }

    /// Waits until the server counts `n` open connections.
    pub fn wait_for_connections(&self, n: usize) {
        let start = Instant::now();
        while self.class.connections() != n {
            assert!(
                start.elapsed() < STEP,
                "{} connections open, not {n}:\n{}",
                self.class.connections(),
                self.log()
            );
            sleep(Duration::from_millis(50));
        }
    }

    /// Stops the class as the facilitator does: every journal closed.
    pub fn stop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop();
        }
    }
}

impl Drop for LiveClass {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("the class log:\n{}", self.log());
        }
        self.stop();
    }
}

impl Drop for ClassServer {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("the class log:\n{}", self.log());
        }
        // SIGINT, as a facilitator's Ctrl+C: the class stops and closes every journal.
        // SAFETY: kill on the pid of a child this struct owns.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(15) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs a command to its end, killed if it takes longer than `limit`.
pub fn output_within(mut command: Command, limit: Duration) -> Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let id = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("the command's output"),
        Err(_) => {
            // SAFETY: kill on the pid of a child started just above.
            unsafe {
                libc::kill(id as i32, libc::SIGKILL);
            }
            panic!("the command did not end within {limit:?}");
        }
    }
}

/// A student's terminal: a tmux pane on a private server running `ssh`.
pub struct Pane {
    socket: String,
}

impl Pane {
    /// Opens a 100×30 pane that runs `command` (a shell line).
    pub fn open(name: &str, command: &str) -> Pane {
        tools::require(&TMUX);
        let pane = Pane {
            socket: format!("redcode-class-{}-{name}", std::process::id()),
        };
        let line = format!("{command}; echo \"SSH EXITED $?\"; sleep 60");
        let out = pane.run(&[
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            &line,
        ]);
        assert!(out.status.success(), "tmux starts: {out:?}");
        pane
    }

    /// Replaces what the pane runs.
    pub fn respawn(&self, command: &str) {
        let line = format!("{command}; echo \"SSH EXITED $?\"; sleep 60");
        let out = self.run(&["respawn-pane", "-k", "-t", "t", &line]);
        assert!(out.status.success(), "tmux respawns the pane: {out:?}");
    }

    /// Kills what the pane runs: the connection is cut as a closed laptop cuts it.
    pub fn cut(&self) {
        let out = self.run(&["respawn-pane", "-k", "-t", "t", "sleep 60"]);
        assert!(out.status.success(), "tmux kills the pane's ssh: {out:?}");
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

    pub fn capture(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", "t"]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Sends keys by tmux name (`Enter`, `Escape`, `n`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend_from_slice(keys);
        assert!(self.run(&args).status.success(), "send-keys {keys:?}");
    }

    /// Resizes the pane's window, as a student resizes their terminal.
    pub fn resize(&self, width: u16, height: u16) {
        let out = self.run(&[
            "resize-window",
            "-t",
            "t",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        assert!(out.status.success(), "tmux resizes: {out:?}");
    }

    /// Polls the pane until every needle is on it; fails with the last screen if not.
    pub fn wait_for(&self, what: &str, needles: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            if needles.iter().all(|n| screen.contains(n)) {
                return screen;
            }
            assert!(
                start.elapsed() < STEP,
                "waited {}s for {what} ({needles:?}); the pane shows:\n{screen}",
                STEP.as_secs()
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Pane {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// A command line as a shell line, each argument quoted.
pub fn shell_line(command: &Command) -> String {
    let mut parts = Vec::new();
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            parts.push(format!(
                "{}={}",
                key.to_string_lossy(),
                quote(Path::new(value))
            ));
        }
    }
    parts.push(quote(Path::new(command.get_program())));
    parts.extend(command.get_args().map(|a| quote(Path::new(a))));
    parts.join(" ")
}

fn quote(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', "'\\''"))
}

/// The class log in the class folder `dir`, as it stands.
fn class_log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("class.log")).unwrap_or_default()
}

/// Waits until the class log in `dir` holds `needle`, and returns the log.
fn wait_for_class_log(dir: &Path, needle: &str) -> String {
    let start = Instant::now();
    loop {
        let log = class_log(dir);
        if log.contains(needle) {
            return log;
        }
        assert!(
            start.elapsed() < STEP,
            "the class log shows {needle:?}:\n{log}"
        );
        sleep(Duration::from_millis(50));
    }
}

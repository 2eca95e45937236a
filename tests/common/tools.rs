//! Programs some tests drive (tmux, bash, an asciinema client): found, installed where
//! that is possible, and otherwise a clear failure or a clearly reported skip, never a
//! silent pass.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::thread::sleep;
use std::time::{Duration, SystemTime};

/// A program a test needs, and how to get it.
pub struct Tool {
    pub name: &'static str,
    /// Arguments that make it print its version and exit 0.
    pub probe: &'static [&'static str],
    /// The Debian package that provides it.
    pub package: &'static str,
    /// What the tests use it for, said when it is missing.
    pub used_for: &'static str,
}

pub const TMUX: Tool = Tool {
    name: "tmux",
    probe: &["-V"],
    package: "tmux",
    used_for: "drive the redcode binary in a real terminal",
};

pub const SSH: Tool = Tool {
    name: "ssh",
    probe: &["-V"],
    package: "openssh-client",
    used_for: "join a class over SSH as a student does",
};

pub const BASH: Tool = Tool {
    name: "bash",
    probe: &["--version"],
    package: "bash",
    used_for: "load the bash completion script",
};

fn runs(program: &Path, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success())
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Makes sure `tool` can be run, installing it with apt-get when running as root; fails
/// the test saying what is missing otherwise. A test that calls this never passes without
/// having used the tool.
pub fn require(tool: &Tool) {
    static READY: Mutex<BTreeSet<&str>> = Mutex::new(BTreeSet::new());
    let mut ready = READY.lock().unwrap_or_else(PoisonError::into_inner);
    let works = || runs(Path::new(tool.name), tool.probe);
    if ready.contains(tool.name) || works() {
        ready.insert(tool.name);
        return;
    }
    let root = running_as_root();
    if root {
        // Installing first spares an update where the package lists are fresh enough.
        for args in [
            &["install", "-y", tool.package][..],
            &["update"][..],
            &["install", "-y", tool.package][..],
        ] {
            if works() {
                break;
            }
            let _ = Command::new("apt-get")
                .args(args)
                .env("DEBIAN_FRONTEND", "noninteractive")
                .stdin(Stdio::null())
                .output();
        }
    }
    assert!(
        works(),
        "these tests {} and need {}, which cannot be run here{}; install it (e.g. `apt-get \
         install {}`) and run them again",
        tool.used_for,
        tool.name,
        if root {
            " and could not be installed with apt-get"
        } else {
            " (not root, so it was not installed automatically)"
        },
        tool.package,
    );
    ready.insert(tool.name);
}

/// Says on the terminal, past the test harness's capture, that a check did not run and
/// why, so a skipped check is never mistaken for a passed one.
pub fn skipped(check: &str, why: &str) {
    let line = format!("\nskipped: {check}: {why}\n");
    // Written to the process's standard error directly: `eprintln!` in a passing test is
    // captured and never shown.
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// The folder for state kept between test runs: cargo's scratch folder for integration
/// tests, under target/.
fn scratch() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
}

/// An asciinema client: the one on PATH if it runs, else one installed with pip into a
/// virtual environment of the tests' own under target/ (never into the system's Python).
/// The error says why none could be had.
pub fn asciinema() -> Result<PathBuf, String> {
    let on_path = PathBuf::from("asciinema");
    if runs(&on_path, &["--version"]) {
        return Ok(on_path);
    }
    let dir = scratch();
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot make {}: {e}", dir.display()))?;
    // Test processes run at once; one builds the environment while the others wait.
    let lock = DirLock::take(dir.join("asciinema-venv.lock"))?;
    let venv = dir.join("asciinema-venv");
    let client = venv.join("bin").join("asciinema");
    if !runs(&client, &["--version"]) {
        install_into_venv(&venv)?;
    }
    drop(lock);
    if runs(&client, &["--version"]) {
        Ok(client)
    } else {
        Err(format!(
            "asciinema was installed into {} but `{} --version` fails",
            venv.display(),
            client.display()
        ))
    }
}

/// Makes a fresh virtual environment at `venv` and installs asciinema into it.
fn install_into_venv(venv: &Path) -> Result<(), String> {
    if venv.exists() {
        // A half-built environment from an interrupted run.
        std::fs::remove_dir_all(venv)
            .map_err(|e| format!("cannot clear {}: {e}", venv.display()))?;
    }
    let step = |what: &str, command: &mut Command| -> Result<(), String> {
        let output = command
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("{what}: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().rev().find(|l| !l.trim().is_empty());
            Err(format!("{what} failed: {}", last.unwrap_or("no message")))
        }
    };
    step(
        "python3 -m venv",
        Command::new("python3").arg("-m").arg("venv").arg(venv),
    )?;
    step(
        "pip install asciinema",
        Command::new(venv.join("bin").join("python"))
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
            ])
            .args(["--timeout", "30", "--retries", "1", "asciinema>=2.2,<3"]),
    )
}

/// A lock shared between processes: a folder only one of them can create. It is removed
/// when dropped; one left behind by a killed run is taken over once it is stale.
struct DirLock(PathBuf);

impl DirLock {
    /// Longer than installing asciinema takes on a slow network.
    const STALE: Duration = Duration::from_secs(600);

    fn take(path: PathBuf) -> Result<DirLock, String> {
        let start = SystemTime::now();
        loop {
            match std::fs::create_dir(&path) {
                Ok(()) => return Ok(DirLock(path)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let age = std::fs::metadata(&path)
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok());
                    if age.is_some_and(|age| age > Self::STALE) {
                        let _ = std::fs::remove_dir(&path);
                    } else if start.elapsed().is_ok_and(|waited| waited > Self::STALE) {
                        return Err(format!("{} stayed locked", path.display()));
                    } else {
                        sleep(Duration::from_millis(200));
                    }
                }
                Err(e) => return Err(format!("cannot make {}: {e}", path.display())),
            }
        }
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir(&self.0);
    }
}

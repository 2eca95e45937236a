//! A class under load: the release binary serves the Zhengzhou scenario (`redcode class
//! --headless`) and 60 SSH students connect at once with russh's client, then press keys:
//! each one a key a second for a while, then all 60 in the same instant, round after round.
//! The class is in its investigation phase (`next` twice on its input), so every student's
//! header counts the time left and is drawn again each second, as in a real class.
//! Measured: the time from a keystroke leaving a student to the first bytes of its frame
//! reaching them (an upper bound on the time to the frame leaving the server: it adds the
//! loopback and the clients' own work on the same cores), and the server's memory.
//!
//! `cargo bench --bench class_load` (STUDENTS=N and SECONDS=N change the load). The
//! clients run in this process on the same machine as the server, so they take CPU from it.

#[path = "../tests/common/client.rs"]
#[allow(dead_code)] // the tests use the rest of it
mod client;

use std::io::{BufRead, BufReader, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use client::Student;
use tokio::sync::Mutex;

const CODE: &str = "bench-code-7";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The class server, killed when dropped.
struct Server {
    child: Child,
    /// The facilitator's commands, a line each: kept open so the class runs on.
    _input: std::process::ChildStdin,
    addr: SocketAddr,
    _root: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        // SAFETY: kill on the pid of the child this struct owns.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        let _ = self.child.wait();
    }
}

fn start_server() -> Server {
    let root = tempfile::tempdir().expect("a temporary folder");
    let mut child = Command::new(env!("CARGO_BIN_EXE_redcode"))
        .args([
            "class",
            "zhengzhou-2022",
            "--headless",
            "--bind",
            "127.0.0.1",
        ])
        .args(["--port", "0", "--code", CODE, "--dir"])
        .arg(root.path().join("class"))
        .env("XDG_DATA_HOME", root.path().join("data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let mut lines = BufReader::new(child.stdout.take().expect("its output")).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .expect("the class says it is open")
            .expect("a line");
        if let Some(rest) = line.strip_prefix("Class open on port ") {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            break digits.parse().expect("a port");
        }
    };
    // Keep reading so the class never writes to a closed pipe.
    std::thread::spawn(move || for _ in lines {});
    // The class is under way, in its investigation: every student's header counts the
    // time left, second by second, as in a real class.
    let mut input = child.stdin.take().expect("its input");
    writeln!(input, "next\nnext").expect("the class takes its commands");
    input.flush().expect("the class takes its commands");
    Server {
        child,
        _input: input,
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        _root: root,
    }
}

/// The server's resident memory now and at its peak, in KiB (`VmRSS`, `VmHWM`).
fn memory(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let at = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[at]
}

fn report(what: &str, mut samples: Vec<Duration>, missed: usize) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: {} keystrokes, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {missed} without a frame in 5 s",
        samples.len(),
        ms(percentile(&samples, 0.50)),
        ms(percentile(&samples, 0.99)),
        ms(samples.last().copied().unwrap_or_default()),
    );
}

/// The keys a student presses: screens in turn, so every key redraws the whole screen.
/// With the word each screen's frame shows, so a frame is known to be the key's own.
const KEYS: [(&[u8], &str); 4] = [
    (b"2", "Timeline"),
    (b"3", "People"),
    (b"6", "Operators"),
    (b"7", "Documents"),
];

async fn steady(students: &[Arc<Mutex<Student>>], seconds: usize) -> (Vec<Duration>, usize) {
    let tasks: Vec<_> = students
        .iter()
        .enumerate()
        .map(|(i, student)| {
            let student = Arc::clone(student);
            let count = students.len();
            tokio::spawn(async move {
                // Spread over the second, as a room of students types.
                tokio::time::sleep(Duration::from_millis((i * 1000 / count) as u64)).await;
                let mut student = student.lock().await;
                let (mut took, mut missed) = (Vec::new(), 0);
                for round in 0..seconds {
                    let started = Instant::now();
                    let (key, shows) = KEYS[round % KEYS.len()];
                    match student
                        .keystroke_showing(key, shows, Duration::from_secs(5))
                        .await
                    {
                        Some(t) => took.push(t),
                        None => missed += 1,
                    }
                    student.settle(Duration::from_millis(30)).await;
                    let rest = Duration::from_secs(1).saturating_sub(started.elapsed());
                    tokio::time::sleep(rest).await;
                }
                (took, missed)
            })
        })
        .collect();
    gather(tasks).await
}

async fn bursts(students: &[Arc<Mutex<Student>>], rounds: usize) -> (Vec<Duration>, usize) {
    let (mut all, mut missed) = (Vec::new(), 0);
    for round in 0..rounds {
        let tasks: Vec<_> = students
            .iter()
            .map(|student| {
                let student = Arc::clone(student);
                tokio::spawn(async move {
                    let mut student = student.lock().await;
                    let (key, shows) = KEYS[round % KEYS.len()];
                    let took = student
                        .keystroke_showing(key, shows, Duration::from_secs(5))
                        .await;
                    student.settle(Duration::from_millis(200)).await;
                    match took {
                        Some(t) => (vec![t], 0),
                        None => (Vec::new(), 1),
                    }
                })
            })
            .collect();
        let (took, lost) = gather(tasks).await;
        all.extend(took);
        missed += lost;
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    (all, missed)
}

async fn gather(
    tasks: Vec<tokio::task::JoinHandle<(Vec<Duration>, usize)>>,
) -> (Vec<Duration>, usize) {
    let (mut all, mut missed) = (Vec::new(), 0);
    for task in tasks {
        let (took, lost) = task.await.expect("a student's task");
        all.extend(took);
        missed += lost;
    }
    (all, missed)
}

fn main() {
    // `cargo bench` passes `--bench`; a filter or `--list` from `cargo test` is ignored.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let count = env_number("STUDENTS", 60);
    let seconds = env_number("SECONDS", 30);
    let server = start_server();
    let pid = server.child.id();
    let (idle, _) = memory(pid);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let started = Instant::now();
        let joins: Vec<_> = (0..count)
            .map(|i| {
                let addr = server.addr;
                tokio::spawn(async move {
                    Student::join(addr, &format!("student{i:02}"), CODE, (120, 36)).await
                })
            })
            .collect();
        let mut students = Vec::new();
        for join in joins {
            let student = join.await.expect("a join task").expect("a student joins");
            students.push(Arc::new(Mutex::new(student)));
        }
        println!(
            "{count} students joined at once in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        let (joined, _) = memory(pid);
        let (took, missed) = steady(&students, seconds).await;
        report(
            &format!("steady, each student a key a second for {seconds} s"),
            took,
            missed,
        );
        let (took, missed) = bursts(&students, 20).await;
        report(&format!("bursts, all {count} at the same instant, 20 rounds"), took, missed);
        let (now, peak) = memory(pid);
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!(
            "server memory: {:.1} MiB before anyone joined, {:.1} MiB with {count} joined, {:.1} MiB after the load, peak {:.1} MiB",
            mib(idle),
            mib(joined),
            mib(now),
            mib(peak)
        );
        for student in students {
            let student = student.lock().await;
            let _ = student
                .connection
                .disconnect(russh::Disconnect::ByApplication, "", "")
                .await;
        }
    });
    drop(server);
}

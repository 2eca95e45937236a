//! A class without the facilitator's console (`redcode class --headless`, or no terminal):
//! how to join, then the facilitator's commands read as lines on standard input (`next`,
//! `pause`, `release hotline team red`, `status`...), each answered on standard output,
//! until `stop`, Ctrl+C or a signal. The end of the input does not end the class: a class
//! run by a service manager has none.

use std::io::{BufRead, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use super::CliError;
use super::class::teams_line;
use crate::class::command::{self, HELP, Said};
use crate::class::{Command, Released};
use crate::scenario::text::clean_line;
use crate::serve::{Class, Server};

/// The longest line taken from the input; the rest of a longer one is dropped.
const MAX_LINE: usize = 4096;

/// Runs the class from its input until it is stopped.
pub fn run(server: &Server, join: &[String]) -> Result<(), CliError> {
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop)).map_err(CliError::Output)?;
    }
    let class = server.class();
    // A reader that went away (`| head`) must not end the class: the class log keeps all.
    let _ = say(&opening(server, class, join));
    let lines = read_lines();
    while !stop.load(Ordering::Relaxed) {
        match lines.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                if answer(class, &line) == Some(Command::Stop) {
                    break;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            // The input has ended: the class goes on until a signal.
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(Duration::from_millis(200)),
        }
    }
    Ok(())
}

/// How to join, the class code and how to run the class.
fn opening(server: &Server, class: &Class, join: &[String]) -> String {
    let mut text = format!(
        "Class open on port {}. Students join with:\n",
        server.addr.port()
    );
    for line in join {
        text.push_str(&format!("    {line}\n"));
    }
    if let Some(teams) = class.teams() {
        text.push_str(&format!("{}\n", teams_line(teams)));
    }
    text.push_str(&format!("Class code (their password): {}\n", class.code));
    text.push_str(&format!(
        "Journals: {}\n",
        clean_line(&class.dir.display().to_string())
    ));
    text.push_str("Type `help` for the facilitator's commands; stop the class with Ctrl+C.\n");
    text
}

/// Standard input's lines, read on a thread of their own so a signal is heard while
/// nobody types. Each line is capped and read lossily: any bytes may come in.
fn read_lines() -> mpsc::Receiver<String> {
    let (send, lines) = mpsc::channel();
    let _ = std::thread::Builder::new()
        .name("class-input".to_owned())
        .spawn(move || {
            let mut input = std::io::stdin().lock();
            let mut bytes = Vec::new();
            loop {
                bytes.clear();
                match Read::by_ref(&mut input)
                    .take(MAX_LINE as u64)
                    .read_until(b'\n', &mut bytes)
                {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                if !bytes.ends_with(b"\n") && bytes.len() == MAX_LINE {
                    // The rest of an overlong line is not a command of its own.
                    skip_line(&mut input);
                }
                let line = String::from_utf8_lossy(&bytes).into_owned();
                if send.send(line).is_err() {
                    return;
                }
            }
        });
    lines
}

/// Drops input up to the end of the line, holding none of it.
fn skip_line(input: &mut impl BufRead) {
    loop {
        let (used, ended) = match input.fill_buf() {
            Ok([]) | Err(_) => return,
            Ok(buf) => match buf.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (buf.len(), false),
            },
        };
        input.consume(used);
        if ended {
            return;
        }
    }
}

/// Carries out one line and says what came of it; the command, if it was one.
fn answer(class: &Class, line: &str) -> Option<Command> {
    let reply = match command::parse(line) {
        Ok(Said::Nothing) => return None,
        Ok(Said::Help) => HELP.to_owned(),
        Ok(Said::Status) => status(class),
        Ok(Said::Command(Command::Stop)) => {
            let _ = say("Stopping the class.\n");
            return Some(Command::Stop);
        }
        Ok(Said::Command(command)) => match class.act(&command) {
            Ok(()) => format!("ok: {}", status(class)),
            Err(why) => format!("error: {}", clean_line(&why)),
        },
        Err(why) => format!("error: {why}"),
    };
    let _ = say(&format!("{reply}\n"));
    None
}

/// The class in a line: the phase and its timer, who is there, what was released.
fn status(class: &Class) -> String {
    let roster = class.roster();
    let connected = roster.students().filter(|s| s.connected).count();
    let released: Vec<String> = class.released().iter().map(release_text).collect();
    let mut line = format!(
        "{}; {} students ({connected} connected)",
        class.exercise().banner(class.now()),
        roster.len()
    );
    if !released.is_empty() {
        line.push_str(&format!("; released: {}", released.join(", ")));
    }
    line
}

fn release_text(r: &Released) -> String {
    clean_line(&format!("{} to {}", r.id, r.to))
}

fn say(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()
}

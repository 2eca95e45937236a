//! What a facilitator asks of the class, as data: from the console's keys, or from the lines
//! a headless class reads on its standard input (`next`, `pause`, `release hotline team
//! red`...), parsed here so both ways do exactly the same.

use super::MAX_MESSAGE;
use super::release::Audience;
use crate::scenario::text::clean_line;

/// What the facilitator asked of the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Start the class, or move to the next phase.
    NextPhase,
    TogglePause,
    Pause,
    Resume,
    /// More time (or less) for the current phase, in seconds.
    ChangeTime(i64),
    Message(String),
    EndExercise,
    /// Release the scenario's inject (by id) to an audience.
    ReleaseInject(String, Audience),
    /// Stop the class: every student is disconnected, their games saved.
    Stop,
}

/// A line a headless class read: a command, or a question about the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    Command(Command),
    /// Which phase, how long left, who is there.
    Status,
    Help,
    /// An empty line, or a comment: nothing to do.
    Nothing,
}

/// What a headless class answers to `help`.
pub const HELP: &str = "\
Commands (one a line):
  next                      start the class, or move to the next phase
  pause / resume            hold or free every student's clock
  time +5 / time -2         minutes more (or less) for this phase
  message TEXT              a message to everyone
  release ID                an inject to everyone
  release ID team NAME      an inject to one team
  release ID student NAME   an inject to one student
  end                       end the exercise: everyone is asked to submit
  status                    the phase, its timer and the students
  stop                      stop the class (games are saved)";

/// Parses one line; `Err` says what is wrong with it, in a line.
pub fn parse(line: &str) -> Result<Said, String> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return Ok(Said::Nothing);
    }
    let (word, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(w, r)| (w, r.trim()));
    let bare = |said: Said| {
        if rest.is_empty() {
            Ok(said)
        } else {
            Err(format!("`{word}` takes nothing after it"))
        }
    };
    match word.to_lowercase().as_str() {
        "next" => bare(Said::Command(Command::NextPhase)),
        "pause" => bare(Said::Command(Command::Pause)),
        "resume" => bare(Said::Command(Command::Resume)),
        "end" => bare(Said::Command(Command::EndExercise)),
        "stop" => bare(Said::Command(Command::Stop)),
        "status" => bare(Said::Status),
        "help" | "?" => bare(Said::Help),
        "time" => time(rest),
        "message" => message(rest),
        "release" => release(rest),
        _ => Err(format!(
            "unknown command `{}`; `help` lists them",
            clean_line(&word.chars().take(40).collect::<String>())
        )),
    }
}

fn time(rest: &str) -> Result<Said, String> {
    let minutes: i64 = rest
        .parse()
        .ok()
        .filter(|m: &i64| (-600..=600).contains(m) && *m != 0)
        .ok_or("`time` takes minutes from -600 to 600, not 0: time +5")?;
    Ok(Said::Command(Command::ChangeTime(minutes * 60)))
}

fn message(rest: &str) -> Result<Said, String> {
    let text = clean_line(rest);
    if text.is_empty() {
        return Err("`message` takes the text to send: message Look at batch 3".to_owned());
    }
    let text: String = text.chars().take(MAX_MESSAGE).collect();
    Ok(Said::Command(Command::Message(text)))
}

fn release(rest: &str) -> Result<Said, String> {
    const USAGE: &str = "`release` takes an inject's id, then `team NAME` or `student NAME` \
                         for one audience: release hotline team red";
    let mut words = rest.splitn(3, char::is_whitespace);
    let id = words.next().filter(|id| !id.is_empty()).ok_or(USAGE)?;
    let to = match (words.next().map(str::to_lowercase).as_deref(), words.next()) {
        (None, _) => Audience::Everyone,
        (Some("team"), Some(name)) if !name.trim().is_empty() => {
            Audience::Team(clean_line(name.trim()))
        }
        (Some("student"), Some(name)) if !name.trim().is_empty() => {
            Audience::Student(clean_line(name.trim()))
        }
        _ => return Err(USAGE.to_owned()),
    };
    Ok(Said::Command(Command::ReleaseInject(id.to_owned(), to)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn command(line: &str) -> Command {
        match parse(line) {
            Ok(Said::Command(c)) => c,
            other => panic!("{line:?} gave {other:?}"),
        }
    }

    #[test]
    fn lines_become_the_commands_the_console_gives() {
        assert_eq!(command("next"), Command::NextPhase);
        assert_eq!(command("  PAUSE "), Command::Pause);
        assert_eq!(command("resume"), Command::Resume);
        assert_eq!(command("time +5"), Command::ChangeTime(300));
        assert_eq!(command("time -2"), Command::ChangeTime(-120));
        assert_eq!(command("end"), Command::EndExercise);
        assert_eq!(command("stop"), Command::Stop);
        assert_eq!(
            command("message  Look at batch 3 "),
            Command::Message("Look at batch 3".into())
        );
        assert_eq!(
            command("release hotline"),
            Command::ReleaseInject("hotline".into(), Audience::Everyone)
        );
        assert_eq!(
            command("release province team Red"),
            Command::ReleaseInject("province".into(), Audience::Team("Red".into()))
        );
        assert_eq!(
            command("release province student Ana Li"),
            Command::ReleaseInject("province".into(), Audience::Student("Ana Li".into()))
        );
        assert_eq!(parse("status"), Ok(Said::Status));
        assert_eq!(parse("help"), Ok(Said::Help));
        assert_eq!(parse(""), Ok(Said::Nothing));
        assert_eq!(parse("# a comment"), Ok(Said::Nothing));
    }

    #[test]
    fn a_bad_line_says_what_is_wrong_and_never_panics() {
        for (line, says) in [
            ("nxet", "unknown command `nxet`"),
            ("next now", "`next` takes nothing"),
            ("time", "`time` takes minutes"),
            ("time 0", "`time` takes minutes"),
            ("time 99999999999999999999", "`time` takes minutes"),
            ("message", "`message` takes the text"),
            ("release", "`release` takes an inject's id"),
            ("release hotline team", "`release` takes"),
            ("release hotline to red", "`release` takes"),
        ] {
            let error = parse(line).expect_err(line);
            assert!(error.contains(says), "{line:?}: {error}");
        }
        // Control characters and a huge line: cleaned, capped, never a panic.
        let hostile = format!("\u{1b}[2J{}", "é".repeat(100_000));
        let error = parse(&hostile).unwrap_err();
        assert!(error.len() < 200 && !error.contains('\u{1b}'), "{error}");
        let Ok(Said::Command(Command::Message(text))) =
            parse(&format!("message \u{7}{}", "x".repeat(10_000)))
        else {
            panic!("a long message is cut, not refused");
        };
        assert!(text.chars().count() <= MAX_MESSAGE && !text.contains('\u{7}'));
    }
}

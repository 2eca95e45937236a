//! `redcode play`: open the console on a scenario (and `redcode` with no command).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use crate::audit::Action;
use crate::paths::data_dir;
use crate::scenario::builtin;
use crate::scenario::model::Scenario;
use crate::scenario::text::clean_line;
use crate::scenario::time::Time;
use crate::session::{self, Recorder, Recording, journal::Writer};
use crate::tui::console::NameAnswer;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::{self, App, Welcome};

use super::CliError;

/// Options of `play`.
#[derive(Debug, Clone, Default)]
pub struct PlayOptions {
    pub scenario: Option<String>,
    pub seed: Option<u64>,
    pub player: Option<String>,
    pub color: String,
    pub keymap: Option<PathBuf>,
    pub tutorial: bool,
    /// Where to journal the session (default: a new file in the sessions folder).
    pub record: Option<PathBuf>,
    /// The moment to start the clock at, as typed (`--from`).
    pub from: Option<String>,
}

/// A marker left after the first game, so the tutorial is offered only once.
fn played_marker() -> PathBuf {
    data_dir().join("played")
}

pub fn run(options: PlayOptions) -> Result<(), CliError> {
    // A malformed time is a usage error, said before anything is drawn.
    let from = options
        .from
        .as_deref()
        .map(Time::parse)
        .transpose()
        .map_err(CliError::BadFrom)?;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::NeedsTerminal(
            "redcode play needs a terminal. For scripts, try: redcode trace, redcode ledger, redcode validate.",
        ));
    }
    let keymap = load_keymap(options.keymap.as_deref())?;
    let mut scenario = options.scenario.clone();
    if options.tutorial {
        scenario = Some(builtin::TUTORIAL.to_owned());
    } else if scenario.is_none() && !played_marker().exists() {
        let title = crate::open::read(None)
            .map(|l| l.scenario.title.to_string())
            .unwrap_or_default();
        match tui::welcome(&title, &keymap).map_err(CliError::NoTerminal)? {
            Welcome::Tutorial => scenario = Some(builtin::TUTORIAL.to_owned()),
            Welcome::Main => {}
            Welcome::Quit => return Ok(()),
        }
    }
    let name = scenario
        .clone()
        .unwrap_or_else(|| builtin::DEFAULT.to_owned());
    // Parsing is quick; validating and simulating a large city is not. The world opens on
    // another thread while the player gives their name and reads the briefing, so the
    // first screen comes at once.
    let loaded = crate::open::read(Some(&name))?;
    let mut first_moves = match from {
        Some(at) => vec![Action::SeekTo(start_at(at, &loaded.scenario)?)],
        None => Vec::new(),
    };
    let (title, briefing) = (
        loaded.scenario.title.to_string(),
        loaded.scenario.briefing.to_string(),
    );
    let seed = options.seed;
    let opening = std::thread::spawn(move || crate::open::open_loaded(loaded, seed));
    // The name goes into the journal, file names, reports and every teacher's table.
    let player = match &options.player {
        Some(given) => session::player_name(given),
        None => match tui::ask_name(&keymap).map_err(CliError::NoTerminal)? {
            NameAnswer::Given(name) => name,
            NameAnswer::Quit => return Ok(()),
        },
    };
    if !opening.is_finished() {
        let typed = tui::wait_opening(&title, &briefing, &keymap, &|| opening.is_finished())
            .map_err(CliError::NoTerminal)?;
        match typed {
            // Keys pressed while the city opened, taken once it is open.
            Some(typed) => first_moves.extend(typed),
            None => return Ok(()),
        }
    }
    // Opening never panics on a bad file (it reports); should it panic all the same, the
    // panic goes on here as if it had happened on this thread.
    let opened = opening
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    let header = session::new_header(&name, &opened.world.scenario, opened.world.seed, &player);
    let path = options
        .record
        .clone()
        .unwrap_or_else(|| session::new_path(&session::sessions_dir(), &header));
    let writer = Writer::create(&path, &header).map_err(|source| CliError::CannotRecord {
        path: path.clone(),
        source,
    })?;
    let theme = Theme::choose(&options.color, std::env::var("NO_COLOR").ok().as_deref());
    let mut app = App::new(opened.world, keymap, theme, player);
    let played = play_recorded(&mut app, Recorder::new(writer), &path, &first_moves);
    mark_played(&played_marker());
    played
}

/// The defaults with `--keymap`'s file, or else the user's keymap file, laid over them.
pub fn load_keymap(path: Option<&Path>) -> Result<Keymap, CliError> {
    Keymap::load(path).map_err(CliError::Diagnostic)
}

/// The moment `--from` asks for, if it lies within the scenario.
fn start_at(at: Time, scenario: &Scenario) -> Result<Time, CliError> {
    if (scenario.start..=scenario.end).contains(&at) {
        Ok(at)
    } else {
        Err(CliError::FromOutside {
            at,
            start: scenario.start,
            end: scenario.end,
        })
    }
}

/// Runs the console with every action journaled, `opening` taken first as if the player had
/// asked for it. When the journal stops taking the
/// session (a full disk, a deleted file), the console says so at once and keeps saying it;
/// on quit the whole session is saved elsewhere, and the command fails saying where.
pub fn play_recorded(
    app: &mut App,
    mut recorder: Recorder,
    path: &Path,
    opening: &[Action],
) -> Result<(), CliError> {
    let result = tui::run_from(app, opening, |action, changes, app| {
        match action {
            Some(action) => recorder.record(action, changes, &app.desk),
            None => recorder.sync_if_due(),
        }
        if let Some(alarm) = recorder.alarm() {
            app.status = alarm;
        }
    });
    let submitted = app.desk.submitted();
    let (why, saved, tried) = match recorder.finish(path) {
        Recording::Whole => {
            eprintln!(
                "Session recorded in {}{}",
                clean_line(&path.display().to_string()),
                if submitted {
                    ""
                } else {
                    " (resume it with: redcode resume)"
                }
            );
            return result.map_err(CliError::Terminal);
        }
        Recording::Saved { why, saved } => (why, Some(saved), Vec::new()),
        Recording::Lost { why, tried } => (why, None, tried),
    };
    Err(CliError::RecordingFailed {
        path: path.to_path_buf(),
        why,
        saved,
        tried,
    })
}

fn mark_played(marker: &Path) {
    if let Some(dir) = marker.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(marker, "");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn play_starts_only_within_the_scenario() {
        let world = crate::open::open(Some(builtin::TUTORIAL), None)
            .unwrap()
            .world;
        let s = &world.scenario;
        for at in [s.start, s.end, Time::parse("2022-06-05 12:00").unwrap()] {
            assert_eq!(start_at(at, s).unwrap(), at);
        }
        for at in [s.start.plus_minutes(-1), s.end.plus_minutes(1)] {
            let error = start_at(at, s).unwrap_err();
            assert!(
                error
                    .to_string()
                    .contains("outside the scenario (2022-06-01 00:00 to 2022-06-10 23:59)"),
                "{error}"
            );
        }
    }
}

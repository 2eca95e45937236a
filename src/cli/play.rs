//! `redcode play`: open the console on a scenario (and `redcode` with no command).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::paths::data_dir;
use crate::scenario::builtin;
use crate::session::{self, Recorder, journal::Writer};
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;
use crate::tui::{self, App, Welcome};

use super::report::print_diagnostics;

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
}

/// A marker left after the first game, so the tutorial is offered only once.
fn played_marker() -> PathBuf {
    data_dir().join("played")
}

pub fn run(options: PlayOptions) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "redcode play needs a terminal. For scripts, try: redcode trace, redcode ledger, redcode validate."
        );
        return ExitCode::FAILURE;
    }
    let keymap = match load_keymap(options.keymap.as_deref()) {
        Ok(map) => map,
        Err(code) => return code,
    };
    let mut scenario = options.scenario.clone();
    if options.tutorial {
        scenario = Some(builtin::TUTORIAL.to_owned());
    } else if scenario.is_none() && !played_marker().exists() {
        let title = crate::open::read(None)
            .map(|l| l.scenario.title.to_string())
            .unwrap_or_default();
        match tui::welcome(&title, &keymap) {
            Ok(Welcome::Tutorial) => scenario = Some(builtin::TUTORIAL.to_owned()),
            Ok(Welcome::Main) => {}
            Ok(Welcome::Quit) => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot use the terminal: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let name = scenario
        .clone()
        .unwrap_or_else(|| builtin::DEFAULT.to_owned());
    let opened = match super::report::open_or_report(Some(&name), options.seed) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    let player = options.player.clone().unwrap_or_default();
    let header = session::new_header(
        &name,
        &opened.world.scenario.id,
        &opened.source,
        opened.world.seed,
        &player,
    );
    let path = options
        .record
        .clone()
        .unwrap_or_else(|| session::new_path(&session::sessions_dir(), &header));
    let writer = match Writer::create(&path, &header) {
        Ok(writer) => writer,
        Err(e) => {
            eprintln!(
                "error: cannot record the session to {}: {e}",
                path.display()
            );
            return ExitCode::FAILURE;
        }
    };
    let theme = Theme::choose(&options.color, std::env::var("NO_COLOR").ok().as_deref());
    let mut app = App::new(opened.world, keymap, theme, player);
    let code = play_recorded(&mut app, Recorder::new(writer), &path);
    mark_played(&played_marker());
    code
}

/// The defaults with `--keymap`'s file, or else the user's keymap file, laid over them.
pub fn load_keymap(path: Option<&Path>) -> Result<Keymap, ExitCode> {
    Keymap::load(path).map_err(|diagnostic| {
        print_diagnostics(&[diagnostic], None);
        ExitCode::FAILURE
    })
}

/// Runs the console with every action journaled; says where the journal is at the end.
pub fn play_recorded(app: &mut App, mut recorder: Recorder, path: &Path) -> ExitCode {
    let result = tui::run(app, |action, app| match action {
        Some(action) => recorder.record(action, &app.desk),
        None => recorder.sync_if_due(),
    });
    recorder.sync();
    let submitted = app.desk.submitted();
    eprintln!(
        "Session recorded in {}{}",
        path.display(),
        if submitted {
            ""
        } else {
            " (resume it with: redcode resume)"
        }
    );
    if let Some(e) = &recorder.error {
        eprintln!("warning: the session journal could not be fully written: {e}");
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: the terminal failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn mark_played(marker: &Path) {
    if let Some(dir) = marker.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let _ = std::fs::write(marker, "");
}

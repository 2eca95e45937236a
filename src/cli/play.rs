//! `redcode play`: open the console on a scenario (and `redcode` with no command).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::open::open;
use crate::paths::data_dir;
use crate::scenario::builtin;
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
    let mut scenario = options.scenario.clone();
    if options.tutorial {
        scenario = Some(builtin::TUTORIAL.to_owned());
    } else if scenario.is_none() && !played_marker().exists() {
        let title = crate::open::read(None)
            .map(|l| l.scenario.title.to_string())
            .unwrap_or_default();
        match tui::welcome(&title) {
            Ok(Welcome::Tutorial) => scenario = Some(builtin::TUTORIAL.to_owned()),
            Ok(Welcome::Main) => {}
            Ok(Welcome::Quit) => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot use the terminal: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let keymap = match &options.keymap {
        Some(path) => match Keymap::with_overrides(path) {
            Ok(map) => map,
            Err(diagnostic) => {
                print_diagnostics(&[diagnostic], None);
                return ExitCode::FAILURE;
            }
        },
        None => Keymap::default(),
    };
    let opened = match open(scenario.as_deref(), options.seed) {
        Ok(opened) => opened,
        Err(error) => {
            super::print_open_error(&error);
            return ExitCode::FAILURE;
        }
    };
    let theme = Theme::choose(&options.color, std::env::var("NO_COLOR").ok().as_deref());
    let player = options.player.clone().unwrap_or_default();
    let mut app = App::new(opened.world, keymap, theme, player);
    let result = tui::run(&mut app, |_| {});
    mark_played(&played_marker());
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

//! `redcode keys`: the default keymap, ready to copy, or the keys in effect.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::tui::keyfile::DEFAULT_SOURCE;

use super::play::load_keymap;

/// Prints the default keymap file, or with `current` the defaults with the user's keymap
/// (or `keymap`) laid over them, as a file that reads back the same.
pub fn run(current: bool, keymap: Option<&Path>) -> ExitCode {
    let text = if current {
        match load_keymap(keymap) {
            Ok(map) => map.to_ron(),
            Err(code) => return code,
        }
    } else {
        DEFAULT_SOURCE.to_owned()
    };
    match io::stdout().lock().write_all(text.as_bytes()) {
        // A reader that went away (`redcode keys | head`) is not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!("error: cannot write the keymap: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

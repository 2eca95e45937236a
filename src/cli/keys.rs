//! `redcode keys`: the default keymap, ready to copy, or the keys in effect.

use std::path::Path;

use crate::tui::keyfile::DEFAULT_SOURCE;

use super::error::CliError;
use super::out;
use super::play::load_keymap;

/// Prints the default keymap file, or with `current` the defaults with the user's keymap
/// (or `keymap`) laid over them, as a file that reads back the same.
pub fn run(current: bool, keymap: Option<&Path>) -> Result<(), CliError> {
    let text = if current {
        load_keymap(keymap)?.to_ron()
    } else {
        DEFAULT_SOURCE.to_owned()
    };
    out::print_bytes(text.as_bytes())
}

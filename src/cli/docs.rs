//! `redcode completions SHELL` and `redcode man`: the command line described for shells and
//! for `man`, generated from the same clap definitions as `--help`.

use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::{Cli, CliError, out};

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> Result<(), CliError> {
    // Made in memory first: the generators panic on a failed write, and standard output
    // may be a pipe that closes.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "redcode", &mut script);
    out::print_bytes(&script)
}

/// What the NAME line of the manual says after `redcode \-`.
const MAN_SUMMARY: &str = "audit a city's health-code system: who turned whom red, and why";

/// Prints the manual page, or writes a page per command into `out_dir`.
pub fn man(out_dir: Option<&Path>) -> Result<(), CliError> {
    // `--help` opens with the program's name; the NAME line of a man page already has it.
    let command = Cli::command().about(MAN_SUMMARY);
    if let Some(dir) = out_dir {
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| clap_mangen::generate_to(command, dir))
            .map_err(|source| CliError::CannotWrite {
                path: dir.to_path_buf(),
                source,
            });
        return written;
    }
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(CliError::Output)?;
    out::print_bytes(&page)
}

//! The `redcode` binary: parse the command line, hand it to the library, and turn what went
//! wrong into an exit code — here, and nowhere else.

use std::process::ExitCode;

use clap::Parser;
use redcode::cli::{Cli, CliError};

fn main() -> ExitCode {
    match redcode::cli::run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            error.report();
            exit_code(&error)
        }
    }
}

/// 0 when the reader of standard output went away (`| head` has what it wanted), 2 for a
/// malformed argument (as clap's own usage errors), 1 for every other failure.
fn exit_code(error: &CliError) -> ExitCode {
    match error {
        _ if error.reader_gone() => ExitCode::SUCCESS,
        CliError::BadTime(_) | CliError::BadFrom(_) | CliError::FromOutside { .. } => {
            ExitCode::from(2)
        }
        _ => ExitCode::FAILURE,
    }
}

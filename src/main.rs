//! The `redcode` binary: parse the command line and hand it to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    redcode::cli::run(redcode::cli::Cli::parse())
}

//! The command line: clap definitions and dispatch to one module per command.

mod class;
mod diagnostics;
mod docs;
mod error;
mod handout;
mod headless;
mod keys;
pub mod ledger;
mod new;
mod out;
mod play;
mod playtest;
mod preview;
mod scenarios;
mod seed;
mod sessions;
mod trace;
mod validate;

use std::io::IsTerminal;

use clap::{Parser, Subcommand, ValueEnum};

pub use diagnostics::print_open_error;
pub use error::CliError;

/// redcode — audit a city's health-code system: who turned whom red, and why.
#[derive(Debug, Parser)]
#[command(name = "redcode", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play a scenario in the console (the default when run in a terminal).
    Play {
        /// Scenario file or built-in id (default: the built-in Zhengzhou scenario).
        scenario: Option<String>,
        /// Seed for generated crowds, or a team's code (any word): teams given different seeds
        /// or codes get different but equivalent cities.
        #[arg(long, value_parser = seed::parse_seed)]
        seed: Option<u64>,
        /// The player's name, for the debrief and the session record.
        #[arg(long)]
        player: Option<String>,
        /// Colour: auto (honours NO_COLOR), always, or never.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// A keymap file (RON) laid over the default keys (`redcode keys` prints them); without
        /// it, ~/.config/redcode/keymap.ron is used if there is one.
        #[arg(long)]
        keymap: Option<std::path::PathBuf>,
        /// Play the tutorial.
        #[arg(long)]
        tutorial: bool,
        /// Journal the session to this file (default: a new file in the sessions folder).
        #[arg(long)]
        record: Option<std::path::PathBuf>,
        /// Start with the clock at this moment (YYYY-MM-DD HH:MM), for playtesting from a
        /// point; the session's journal records the jump.
        #[arg(long, value_name = "TIME")]
        from: Option<String>,
    },
    /// Serve a scenario to a class over SSH: students join with `ssh -p PORT NAME@HOST` and
    /// the class code; every game is journaled in the class folder.
    Class {
        /// Scenario file or built-in id (default: the built-in Zhengzhou scenario).
        scenario: Option<String>,
        /// The port students connect to.
        #[arg(long, default_value_t = 2222)]
        port: u16,
        /// The class code students type as their password (default: a new one, read aloud easily).
        #[arg(long)]
        code: Option<String>,
        /// Listen on this address only (default: every address of this machine).
        #[arg(long)]
        bind: Option<std::net::IpAddr>,
        /// The class folder for journals and the log (default: ./class-SCENARIO-DATE).
        #[arg(long)]
        dir: Option<std::path::PathBuf>,
        /// Seed for generated crowds, a number or any word: one city for the whole class,
        /// every team included (default: the scenario's own; in team play, one per team).
        #[arg(long, value_parser = seed::parse_seed)]
        seed: Option<u64>,
        /// Play in teams: students join as `ssh -p PORT TEAM/NAME@HOST`; a team shares one
        /// city, each team its own unless --seed gives one to all. `--teams=red,blue`
        /// accepts those teams only.
        #[arg(
            long,
            value_name = "TEAMS",
            num_args = 0..=1,
            require_equals = true,
            value_delimiter = ',',
            default_missing_value = ""
        )]
        teams: Option<Vec<String>>,
        /// No facilitator's console: print how to join, then take the facilitator's commands
        /// as lines on standard input (next, pause, resume, time +5, message TEXT, release ID
        /// [team NAME | student NAME], end, status, help, stop); stop with Ctrl+C.
        #[arg(long)]
        headless: bool,
        /// Minutes of the briefing, investigation, submission and debrief (default: 5,30,5,10).
        #[arg(long, value_name = "B,I,S,D", value_delimiter = ',')]
        minutes: Vec<u64>,
        /// Release each inject to everyone at its minute of the class plan (default: by hand
        /// from the console's Injects view).
        #[arg(long)]
        injects_on_schedule: bool,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Continue a session where it stopped (default: the latest unfinished one).
    Resume {
        /// The session journal (.jsonl).
        file: Option<std::path::PathBuf>,
        #[command(flatten)]
        recorded: RecordedWith,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        #[arg(long)]
        keymap: Option<std::path::PathBuf>,
    },
    /// Play a recorded session back: space pause, . step, , back, [ ] markers, + - speed, g seek.
    Replay {
        /// The session journal (.jsonl).
        file: std::path::PathBuf,
        /// No terminal: print the final case file and score.
        #[arg(long)]
        headless: bool,
        #[command(flatten)]
        recorded: RecordedWith,
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
    },
    /// Grade sessions into one table, replaying each (never trusting a stored score).
    Grade {
        /// Session journals, or folders of them.
        #[arg(required = true)]
        paths: Vec<std::path::PathBuf>,
        /// An answer key file (RON `AnswerKey(...)`) to grade against instead of the scenario's.
        #[arg(long)]
        key: Option<std::path::PathBuf>,
        #[arg(long, value_enum, default_value_t = GradeFormat::Md)]
        format: GradeFormat,
        #[command(flatten)]
        recorded: RecordedWith,
    },
    /// Export a session as an asciicast v2 file (asciinema plays it).
    Cast {
        /// The session journal (.jsonl).
        file: std::path::PathBuf,
        /// The .cast file to write, or `-` for standard output.
        #[arg(short, long)]
        output: std::path::PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// Play scenarios as a careful, a reckless and an idle auditor; exit 1 if any is unfair.
    Playtest {
        /// Scenario files or built-in ids (default: every built-in scenario).
        scenarios: Vec<String>,
        /// How many seeds to play each on: the scenario's own, then the ones after it.
        #[arg(long, default_value_t = 1)]
        seeds: u64,
    },
    /// Write a class handout as Markdown: the players' situation manual (nothing of the
    /// answer key) or the facilitator's handbook.
    Handout {
        /// Scenario file or built-in id (default: the built-in Zhengzhou scenario).
        scenario: Option<String>,
        /// Who it is for.
        #[arg(long = "for", value_enum)]
        audience: HandoutFor,
        /// The file to write; `-` prints it.
        #[arg(short, long)]
        output: std::path::PathBuf,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a new scenario file to start from: a small teaching template or a built-in case.
    New {
        /// The file to write.
        file: std::path::PathBuf,
        /// What to start from.
        #[arg(long, value_enum, default_value_t = NewFrom::Blank)]
        from: NewFrom,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Print a scenario's readiness: people, events, entries per rule, batch and operator,
    /// the answer key's sets and answers, warnings, and a timeline by day.
    Preview {
        /// Scenario file or built-in id.
        scenario: String,
        /// Seed for generated crowds (default: the scenario's own).
        #[arg(long, value_parser = seed::parse_seed)]
        seed: Option<u64>,
    },
    /// Check scenario files; prints file:line:col: error|warning: message for each problem.
    Validate {
        /// Scenario files (.ron) to check.
        #[arg(required = true)]
        files: Vec<String>,
        /// Fail (exit 1) when any file has a warning, not only an error.
        #[arg(long)]
        deny_warnings: bool,
        /// Rewrite each file of an older schema_version in the current one, in place
        /// (comments and layout kept), then check it.
        #[arg(long)]
        upgrade: bool,
        /// Also play each file as the playtester's careful auditor and warn of every
        /// finding it cannot pass (slower: it plays the whole scenario).
        #[arg(long)]
        playtest: bool,
    },
    /// Show the chain behind a person's colour: entry, operator, role, directive, orders.
    Trace {
        /// Scenario file or built-in id (default: the built-in Zhengzhou scenario).
        #[arg(long)]
        scenario: Option<String>,
        /// Seed for generated crowds (default: the scenario's own).
        #[arg(long, value_parser = seed::parse_seed)]
        seed: Option<u64>,
        /// The person's id.
        person: String,
        /// The moment to explain, as YYYY-MM-DD HH:MM (default: the scenario's end).
        #[arg(long)]
        at: Option<String>,
        /// Read the chain from the records that have come in by this moment, as the console
        /// does at its clock (default: the scenario's end, every record in).
        #[arg(long)]
        known_at: Option<String>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Print every ledger entry, one row each, for a spreadsheet or sqlite.
    Ledger {
        /// Scenario file or built-in id (default: the built-in Zhengzhou scenario).
        #[arg(long)]
        scenario: Option<String>,
        /// Seed for generated crowds (default: the scenario's own).
        #[arg(long, value_parser = seed::parse_seed)]
        seed: Option<u64>,
        #[arg(long, value_enum, default_value_t = LedgerFormat::Csv)]
        format: LedgerFormat,
    },
    /// List the built-in scenarios.
    Scenarios,
    /// Print a completion script for a shell, e.g. `redcode completions bash`.
    Completions {
        /// The shell: bash, elvish, fish, powershell or zsh.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `redcode man | man -l -`, or write one per command.
    Man {
        /// Write redcode.1 and a page per command (redcode-play.1, ...) into this folder.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<std::path::PathBuf>,
    },
    /// Print the default keymap, ready to copy to ~/.config/redcode/keymap.ron.
    Keys {
        /// Print the keys in effect instead: the defaults with your keymap file laid over them.
        #[arg(long)]
        current: bool,
        /// The keymap file to lay over the defaults (with --current; default: your own).
        #[arg(long, requires = "current")]
        keymap: Option<std::path::PathBuf>,
    },
}

/// How a command that reads journals finds the scenario they were recorded with.
#[derive(Debug, Clone, clap::Args)]
pub struct RecordedWith {
    /// Go on even if the scenario has changed since the session was recorded.
    #[arg(long)]
    pub force: bool,
    /// The scenario file the session was recorded with, when the built-in or named one
    /// has changed since.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn word(self) -> &'static str {
        match self {
            ColorChoice::Auto => "auto",
            ColorChoice::Always => "always",
            ColorChoice::Never => "never",
        }
    }
}

/// What `new` starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NewFrom {
    /// A small, complete case whose comments teach the format.
    Blank,
    /// A copy of the built-in tutorial.
    Tutorial,
    /// A copy of the built-in Zhengzhou 2022 case.
    Zhengzhou,
}

impl NewFrom {
    fn template(self) -> crate::author::templates::Template {
        use crate::author::templates::Template;
        match self {
            NewFrom::Blank => Template::Blank,
            NewFrom::Tutorial => Template::Tutorial,
            NewFrom::Zhengzhou => Template::Zhengzhou,
        }
    }
}

/// Who a handout is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HandoutFor {
    /// The situation manual: briefing, mandate, rules in force, how to play and join.
    Players,
    /// The handbook: timing plan, the key, the chain, the traps, prompts and pitfalls.
    Facilitator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GradeFormat {
    Md,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LedgerFormat {
    Csv,
    Json,
}

/// Runs a parsed command line. Commands print what they produce; what went wrong comes back
/// for `main` to report and turn into an exit code.
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Some(command @ (Command::Play { .. } | Command::Class { .. })) => run_console(command),
        Some(
            command @ (Command::Resume { .. }
            | Command::Replay { .. }
            | Command::Grade { .. }
            | Command::Cast { .. }),
        ) => run_session(command),
        Some(Command::New { file, from, force }) => new::run(&file, from.template(), force),
        Some(Command::Handout {
            scenario,
            audience,
            output,
            force,
        }) => {
            let audience = match audience {
                HandoutFor::Players => crate::class::handout::Audience::Players,
                HandoutFor::Facilitator => crate::class::handout::Audience::Facilitator,
            };
            handout::run(scenario.as_deref(), audience, &output, force)
        }
        Some(Command::Preview { scenario, seed }) => preview::run(&scenario, seed),
        Some(Command::Validate {
            files,
            deny_warnings,
            upgrade,
            playtest,
        }) => validate::run(
            &files,
            validate::Options {
                deny_warnings,
                upgrade,
                playtest,
            },
        ),
        Some(Command::Playtest { scenarios, seeds }) => playtest::run(&scenarios, seeds),
        Some(Command::Trace {
            scenario,
            seed,
            person,
            at,
            known_at,
            json,
        }) => trace::run(
            scenario.as_deref(),
            seed,
            &person,
            [at.as_deref(), known_at.as_deref()],
            json,
        ),
        Some(Command::Ledger {
            scenario,
            seed,
            format,
        }) => ledger::run(scenario.as_deref(), seed, format),
        Some(Command::Scenarios) => scenarios::run(),
        Some(Command::Completions { shell }) => docs::completions(shell),
        Some(Command::Man { out_dir }) => docs::man(out_dir.as_deref()),
        Some(Command::Keys { current, keymap }) => keys::run(current, keymap.as_deref()),
        // In a terminal, no command means play; piped, it prints what redcode is.
        None if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => {
            play::run(play::PlayOptions {
                color: "auto".to_owned(),
                ..play::PlayOptions::default()
            })
        }
        None => scenarios::summary(),
    }
}

/// The commands that open a console: local play and a class.
fn run_console(command: Command) -> Result<(), CliError> {
    match command {
        Command::Play {
            scenario,
            seed,
            player,
            color,
            keymap,
            tutorial,
            record,
            from,
        } => play::run(play::PlayOptions {
            scenario,
            seed,
            player,
            color: color.word().to_owned(),
            keymap,
            tutorial,
            record,
            from,
        }),
        Command::Class {
            scenario,
            port,
            code,
            bind,
            dir,
            seed,
            teams,
            headless,
            minutes,
            injects_on_schedule,
            color,
        } => class::run(class::ClassOptions {
            scenario,
            port,
            code,
            bind,
            dir,
            seed,
            teams,
            headless,
            minutes,
            injects_on_schedule,
            color: color.word().to_owned(),
        }),
        // `run` sends only the commands above here.
        _ => Ok(()),
    }
}

/// The commands that read or go on with recorded sessions.
fn run_session(command: Command) -> Result<(), CliError> {
    match command {
        Command::Resume {
            file,
            recorded,
            color,
            keymap,
        } => sessions::resume(
            file,
            recorded.scenario.as_deref(),
            recorded.force,
            color.word(),
            keymap.as_deref(),
        ),
        Command::Replay {
            file,
            headless,
            recorded,
            color,
        } => sessions::replay(
            &file,
            recorded.scenario.as_deref(),
            headless,
            recorded.force,
            color.word(),
        ),
        Command::Grade {
            paths,
            key,
            format,
            recorded,
        } => sessions::grade(
            &paths,
            recorded.scenario.as_deref(),
            key.as_deref(),
            format,
            recorded.force,
        ),
        Command::Cast {
            file,
            output,
            force,
        } => sessions::cast(&file, &output, force),
        // `run` sends only the commands above here.
        _ => Ok(()),
    }
}

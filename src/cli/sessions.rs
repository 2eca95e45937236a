//! `redcode resume`, `replay`, `grade` and `cast`: the commands on recorded sessions.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::play::{load_keymap, play_recorded};
use super::{CliError, GradeFormat, out};
use crate::audit::report::markdown;
use crate::audit::{Action, grade as grade_case};
use crate::engine::World;
use crate::scenario::text::clean_line;
use crate::session::error::shown;
use crate::session::journal::{self, Journal, Writer};
use crate::session::recorded_scenario::{open_for, read_key};
use crate::session::replay::Replay;
use crate::session::{Recorder, SessionError, class_results, latest_unfinished, sessions_dir};
use crate::tui::cast as cast_session;
use crate::tui::theme::Theme;
use crate::tui::{self, App};

/// Reads a journal, saying so on stderr when it notices something (a torn last line).
fn read_journal(path: &Path) -> Result<Journal, SessionError> {
    let journal = journal::read(path)?;
    if let Some(notice) = &journal.notice {
        eprintln!("{notice}");
    }
    Ok(journal)
}

/// The world a journal was recorded on: the scenario it names, or `scenario` if given.
fn world_for(
    journal: &Journal,
    scenario: Option<&Path>,
    force: bool,
) -> Result<World, SessionError> {
    open_for(&journal.header, scenario, None, force).map_err(|source| SessionError::World {
        path: journal.path.clone(),
        source,
    })
}

fn replay_of(world: &World, journal: &Journal) -> Result<Replay, SessionError> {
    Replay::headless(world, journal).map_err(|source| SessionError::Divergence {
        path: journal.path.clone(),
        source,
    })
}

fn journal_and_world(
    file: &Path,
    scenario: Option<&Path>,
    force: bool,
) -> Result<(Journal, World), SessionError> {
    let journal = read_journal(file)?;
    let world = world_for(&journal, scenario, force)?;
    Ok((journal, world))
}

fn theme(color: &str) -> Theme {
    Theme::choose(color, std::env::var("NO_COLOR").ok().as_deref())
}

pub fn resume(
    file: Option<PathBuf>,
    scenario: Option<&Path>,
    force: bool,
    color: &str,
    keymap: Option<&Path>,
) -> Result<(), CliError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(CliError::NeedsTerminal("redcode resume needs a terminal."));
    }
    let path = match file {
        Some(file) => file,
        None => {
            let picked =
                latest_unfinished(&sessions_dir()).ok_or_else(|| CliError::NoUnfinished {
                    dir: sessions_dir(),
                })?;
            // Saying which one lets the player stop before an older session goes on.
            eprintln!("Resuming the latest unfinished session: {}", shown(&picked));
            picked
        }
    };
    let journal = read_journal(&path)?;
    let world = world_for(&journal, scenario, force)?;
    let keymap = load_keymap(keymap)?;
    let desk = replay_of(&world, &journal)?.desk;
    let writer = Writer::append(&journal).map_err(|source| CliError::CannotAppend {
        path: path.clone(),
        source,
    })?;
    let writer_torn = writer.torn_copy().map(Path::to_path_buf);
    let mut app = App::new(world, keymap, theme(color), journal.header.player.clone());
    app.desk = desk;
    app.status = format!(
        "Resumed {} actions from {}",
        journal.actions.len(),
        shown(&path)
    );
    if let Some(torn) = writer_torn {
        app.status.push_str(&format!(
            "; its cut-off last line is kept in {}",
            shown(&torn)
        ));
    }
    play_recorded(&mut app, Recorder::new(writer), &path, &[])
}

pub fn replay(
    file: &Path,
    scenario: Option<&Path>,
    headless: bool,
    force: bool,
    color: &str,
) -> Result<(), CliError> {
    let (journal, world) = journal_and_world(file, scenario, force)?;
    if headless {
        return print_headless(&world, &journal);
    }
    if !std::io::stdout().is_terminal() {
        return Err(CliError::NeedsTerminal(
            "redcode replay needs a terminal; use --headless for a printout.",
        ));
    }
    let keymap = load_keymap(None)?;
    Ok(tui::replay_viewer::run(
        world,
        &journal,
        theme(color),
        keymap,
    )?)
}

fn print_headless(world: &World, journal: &Journal) -> Result<(), CliError> {
    let replay = replay_of(world, journal)?;
    let desk = &replay.desk;
    let grade = desk
        .grade()
        .cloned()
        .unwrap_or_else(|| grade_case(world, desk.case()));
    out::print(|out| write_headless(out, world, journal, &replay, &grade))
}

fn write_headless(
    out: &mut out::Out,
    world: &World,
    journal: &Journal,
    replay: &Replay,
    grade: &crate::audit::Grade,
) -> std::io::Result<()> {
    let desk = &replay.desk;
    let h = &journal.header;
    writeln!(
        out,
        "Session: {} · player {} · scenario {} · seed {}",
        shown(&journal.path),
        h.player,
        h.scenario_id,
        h.seed
    )?;
    writeln!(
        out,
        "Actions: {} · clock {} · {}",
        replay.len(),
        desk.clock(),
        if desk.submitted() {
            "submitted"
        } else {
            "not submitted"
        }
    )?;
    writeln!(out, "\nFlags:")?;
    for flag in &desk.case().flags {
        writeln!(
            out,
            "  {} — {} · {}",
            flag.describe(world),
            flag.category_labels(),
            flag.chain_summary(str::to_owned)
        )?;
    }
    writeln!(out, "\nNotes:")?;
    for note in &desk.case().notes {
        writeln!(out, "  {note}")?;
    }
    writeln!(out, "\nAnswers:")?;
    for (objective, given) in &desk.case().answers {
        writeln!(
            out,
            "  {objective}: {}",
            crate::audit::score::describe_given(world, given)
        )?;
    }
    writeln!(out, "\n{}", markdown(world, desk.case(), grade, &h.player))
}

pub fn grade(
    paths: &[PathBuf],
    scenario: Option<&Path>,
    key: Option<&Path>,
    format: GradeFormat,
    force: bool,
) -> Result<(), CliError> {
    let key = key
        .map(read_key)
        .transpose()
        .map_err(CliError::Diagnostic)?;
    let collected = class_results::collect(paths);
    for (file, why) in &collected.skipped {
        // File names come from the folder, not from redcode: cleaned like any outside text.
        eprintln!(
            "{}: skipped: {}",
            clean_line(&file.display().to_string()),
            clean_line(&why.to_string())
        );
    }
    let files = collected.files;
    if files.is_empty() {
        return Err(CliError::NoJournals);
    }
    let rows = class_results::grade_all(&files, scenario, key.as_ref(), force);
    let text = match format {
        GradeFormat::Md => class_results::markdown(&rows),
        GradeFormat::Csv => class_results::csv(&rows)?,
        GradeFormat::Json => serde_json::to_string_pretty(&rows)?,
    };
    let printed = out::print(|out| out.write_all(text.as_bytes()));
    let ungraded: Vec<String> = rows
        .iter()
        .filter(|r| !r.error.is_empty())
        .map(|r| format!("{}: error: {}", clean_line(&r.file), clean_line(&r.error)))
        .collect();
    // Sessions that could not be graded are said even when the table's reader left early.
    if let Err(error) = printed
        && (ungraded.is_empty() || !error.reader_gone())
    {
        return Err(error);
    }
    if ungraded.is_empty() {
        Ok(())
    } else {
        Err(CliError::Ungraded(ungraded))
    }
}

/// Writes the session as an asciicast to `output`, or to standard output when it is `-`.
pub fn cast(file: &Path, output: &Path, force: bool) -> Result<(), CliError> {
    let (journal, world) = journal_and_world(file, None, force)?;
    let failed = |reason| CliError::Cast {
        path: file.to_path_buf(),
        reason,
    };
    if output == Path::new("-") {
        // Streamed: a closed pipe ends it quietly like any other output.
        let written = out::print(|out| match cast_session::write(world, &journal, out) {
            Err(cast_session::CastError::Write(e)) => Err(e),
            other => Ok(other),
        })?;
        return written.map_err(failed);
    }
    let text = cast_session::render(world, &journal).map_err(failed)?;
    std::fs::write(output, text).map_err(|source| CliError::CannotWrite {
        path: output.to_path_buf(),
        source,
    })?;
    let actions = journal
        .actions
        .iter()
        .filter(|(_, a)| *a != Action::Quit)
        .count();
    out::print(|out| writeln!(out, "Wrote {} ({actions} actions)", shown(output)))
}

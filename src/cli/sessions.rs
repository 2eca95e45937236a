//! `redcode resume`, `replay`, `grade` and `cast`: the commands on recorded sessions.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::GradeFormat;
use super::play::{load_keymap, play_recorded};
use super::report::print_diagnostics;
use crate::audit::report::markdown;
use crate::audit::{Action, grade as grade_case};
use crate::engine::World;
use crate::scenario::text::clean_line;
use crate::session::journal::{self, Journal, Writer};
use crate::session::replay::Replay;
use crate::session::world::{open_for, read_key};
use crate::session::{Recorder, grade as grade_sessions, latest_unfinished, sessions_dir};
use crate::tui::cast as cast_session;
use crate::tui::theme::Theme;
use crate::tui::{self, App};

fn read_journal(path: &Path) -> Result<Journal, ExitCode> {
    match journal::read(path) {
        Ok(journal) => {
            if let Some(notice) = &journal.notice {
                eprintln!("{notice}");
            }
            Ok(journal)
        }
        Err(e) => {
            eprintln!("{e}");
            Err(ExitCode::FAILURE)
        }
    }
}

fn world_for(journal: &Journal, force: bool) -> Result<World, ExitCode> {
    open_for(&journal.header, None, force).map_err(|e| {
        eprintln!("{}: error: {e}", journal.path.display());
        ExitCode::FAILURE
    })
}

fn journal_and_world(file: &Path, force: bool) -> Result<(Journal, World), ExitCode> {
    let journal = read_journal(file)?;
    let world = world_for(&journal, force)?;
    Ok((journal, world))
}

fn theme(color: &str) -> Theme {
    Theme::choose(color, std::env::var("NO_COLOR").ok().as_deref())
}

pub fn resume(file: Option<PathBuf>, force: bool, color: &str, keymap: Option<&Path>) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!("redcode resume needs a terminal.");
        return ExitCode::FAILURE;
    }
    let path = match file.or_else(|| latest_unfinished(&sessions_dir())) {
        Some(path) => path,
        None => {
            eprintln!(
                "error: no unfinished session in {}; name a file to resume",
                sessions_dir().display()
            );
            return ExitCode::FAILURE;
        }
    };
    let journal = match read_journal(&path) {
        Ok(j) => j,
        Err(code) => return code,
    };
    let world = match world_for(&journal, force) {
        Ok(w) => w,
        Err(code) => return code,
    };
    let keymap = match load_keymap(keymap) {
        Ok(map) => map,
        Err(code) => return code,
    };
    let desk = match Replay::new(&world, &journal) {
        Ok(replay) => replay.desk,
        Err(divergence) => {
            eprintln!("{}: error: {divergence}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let writer = match Writer::append(&journal) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot append to {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let mut app = App::new(world, keymap, theme(color), journal.header.player.clone());
    app.desk = desk;
    app.status = format!(
        "Resumed {} actions from {}",
        journal.actions.len(),
        path.display()
    );
    play_recorded(&mut app, Recorder::new(writer), &path)
}

pub fn replay(file: &Path, headless: bool, force: bool, color: &str) -> ExitCode {
    let (journal, world) = match journal_and_world(file, force) {
        Ok(both) => both,
        Err(code) => return code,
    };
    if headless {
        return print_headless(&world, &journal);
    }
    if !std::io::stdout().is_terminal() {
        eprintln!("redcode replay needs a terminal; use --headless for a printout.");
        return ExitCode::FAILURE;
    }
    match tui::replay::run(world, &journal, theme(color)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn print_headless(world: &World, journal: &Journal) -> ExitCode {
    let replay = match Replay::new(world, journal) {
        Ok(r) => r,
        Err(divergence) => {
            eprintln!("{}: error: {divergence}", journal.path.display());
            return ExitCode::FAILURE;
        }
    };
    let desk = &replay.desk;
    let h = &journal.header;
    println!(
        "Session: {} · player {} · scenario {} · seed {}",
        journal.path.display(),
        h.player,
        h.scenario_id,
        h.seed
    );
    println!(
        "Actions: {} · clock {} · {}",
        replay.len(),
        desk.clock,
        if desk.submitted() {
            "submitted"
        } else {
            "not submitted"
        }
    );
    println!("\nFlags:");
    for flag in &desk.case.flags {
        println!(
            "  {} — {} · executed by [{}] · ordered by [{}]",
            flag.describe(world),
            flag.category.label(),
            flag.executed_by.join(", "),
            flag.ordered_by.join(", ")
        );
    }
    println!("\nNotes:");
    for note in &desk.case.notes {
        println!("  {note}");
    }
    println!("\nAnswers:");
    for (objective, given) in &desk.case.answers {
        println!(
            "  {objective}: {}",
            crate::audit::score::describe_given(world, given)
        );
    }
    let grade = desk
        .grade
        .clone()
        .unwrap_or_else(|| grade_case(world, &desk.case));
    println!("\n{}", markdown(world, &desk.case, &grade, &h.player));
    ExitCode::SUCCESS
}

pub fn grade(paths: &[PathBuf], key: Option<&Path>, format: GradeFormat, force: bool) -> ExitCode {
    let key = match key.map(read_key).transpose() {
        Ok(key) => key,
        Err(diagnostic) => {
            print_diagnostics(&[diagnostic], None);
            return ExitCode::FAILURE;
        }
    };
    let collected = grade_sessions::collect(paths);
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
        eprintln!("error: no session journals found (a journal's first line is its header)");
        return ExitCode::FAILURE;
    }
    let rows = grade_sessions::grade_all(&files, key.as_ref(), force);
    let text = match format {
        GradeFormat::Md => Ok(grade_sessions::markdown(&rows)),
        GradeFormat::Csv => grade_sessions::csv(&rows),
        GradeFormat::Json => serde_json::to_string_pretty(&rows).map_err(|e| e.to_string()),
    };
    match text {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    }
    for row in rows.iter().filter(|r| !r.error.is_empty()) {
        eprintln!(
            "{}: error: {}",
            clean_line(&row.file),
            clean_line(&row.error)
        );
    }
    if rows.iter().any(|r| !r.error.is_empty()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

pub fn cast(file: &Path, output: &Path, force: bool) -> ExitCode {
    let (journal, world) = match journal_and_world(file, force) {
        Ok(both) => both,
        Err(code) => return code,
    };
    if output == Path::new("-") {
        let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
        return match cast_session::write(world, &journal, &mut stdout) {
            Ok(()) => ExitCode::SUCCESS,
            // The reader went away (`| head`): nothing is wrong with the session.
            Err(cast_session::CastError::Write(e))
                if e.kind() == std::io::ErrorKind::BrokenPipe =>
            {
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: error: {e}", file.display());
                ExitCode::FAILURE
            }
        };
    }
    let text = match cast_session::render(world, &journal) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: error: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    match std::fs::write(output, text) {
        Ok(()) => {
            let actions = journal
                .actions
                .iter()
                .filter(|(_, a)| *a != Action::Quit)
                .count();
            println!("Wrote {} ({actions} actions)", output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", output.display());
            ExitCode::FAILURE
        }
    }
}

//! Class results: many journals scored into one table, as `redcode grade` prints it.
//! Scores are always recomputed, from the case file the recorded case changes build (or,
//! for a version 1 journal, from replaying its actions); nothing a file claims about its
//! score is read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::audit::grade;
use crate::engine::World;
use crate::scenario::model::AnswerKey;

use super::changes;
use super::journal::{self, Journal, JournalError, NotAJournal};
use super::recorded_scenario::{RecordedScenarioError, open_for};
use super::replay::replay_to_end;

/// One session's line in the class table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeRow {
    pub file: String,
    pub player: String,
    pub scenario: String,
    pub seed: u64,
    pub findings_passed: usize,
    pub findings: usize,
    /// Findings not passed.
    pub missed: usize,
    pub wrongly_flagged: usize,
    pub hints: usize,
    pub score: u32,
    pub max_score: u32,
    pub label: String,
    pub minutes: f64,
    pub finished: bool,
    /// Why the session could not be graded, if it could not.
    pub error: String,
}

/// The journals found in the files and folders named, and what else was there.
#[derive(Debug, Default)]
pub struct Collected {
    /// Files named on their own, then each folder's journals, sorted by name.
    pub files: Vec<PathBuf>,
    /// Files in the folders that are not journals, with the reason.
    pub skipped: Vec<(PathBuf, NotAJournal)>,
}

/// Every journal in the given files and folders. A file named on its own is taken as it
/// is (grading says what is wrong with it); in a folder, every file whose first line is a
/// session header is a journal, whatever its name, and the rest are skipped.
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut out = Collected::default();
    for path in paths {
        if !path.is_dir() {
            out.files.push(path.clone());
            continue;
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for entry in entries {
            match journal::recognise(&entry) {
                Ok(()) => out.files.push(entry),
                Err(why) => out.skipped.push((entry, why)),
            }
        }
    }
    out
}

/// Grades each journal, in the order given, against the scenario each names or else the
/// scenario file `scenario`. Worlds are opened once per scenario and seed; the grading then
/// shares the machine's cores.
pub fn grade_all(
    files: &[PathBuf],
    scenario: Option<&Path>,
    key: Option<&AnswerKey>,
    force: bool,
) -> Vec<GradeRow> {
    let journals: Vec<Result<Journal, JournalError>> =
        files.iter().map(|f| journal::read(f)).collect();
    let mut worlds: BTreeMap<(String, String, u64), Result<World, RecordedScenarioError>> =
        BTreeMap::new();
    for journal in journals.iter().flatten() {
        let h = &journal.header;
        worlds
            .entry((h.scenario.clone(), h.scenario_hash.clone(), h.seed))
            .or_insert_with(|| open_for(h, scenario, key, force));
    }
    let grade = |(file, journal): (&PathBuf, &Result<Journal, JournalError>)| match journal {
        Err(e) => failed(file, e.to_string()),
        Ok(journal) => {
            let h = &journal.header;
            match &worlds[&(h.scenario.clone(), h.scenario_hash.clone(), h.seed)] {
                Ok(world) => grade_one(world, journal),
                Err(e) => failed(file, e.to_string()),
            }
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len().max(1));
    let chunk = files.len().div_ceil(threads).max(1);
    let pairs: Vec<(&PathBuf, &Result<Journal, JournalError>)> =
        files.iter().zip(&journals).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = pairs
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().copied().map(grade).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

fn failed(file: &Path, error: String) -> GradeRow {
    GradeRow {
        file: super::error::shown(file),
        player: String::new(),
        scenario: String::new(),
        seed: 0,
        findings_passed: 0,
        findings: 0,
        missed: 0,
        wrongly_flagged: 0,
        hints: 0,
        score: 0,
        max_score: 0,
        label: String::new(),
        minutes: 0.0,
        finished: false,
        error,
    }
}

/// Grades one journal against an opened world: on the case file its case changes build,
/// so how a later desk lays out its dialogs cannot change the score; a version 1 journal,
/// which has only its actions, is replayed.
pub fn grade_one(world: &World, journal: &Journal) -> GradeRow {
    let h = &journal.header;
    let case = match changes::rebuild(journal) {
        Some((case, _)) => case,
        None => match replay_to_end(world, journal) {
            Ok(desk) => desk.case().clone(),
            Err(divergence) => return failed(&journal.path, divergence.to_string()),
        },
    };
    let g = grade(world, &case);
    GradeRow {
        file: super::error::shown(&journal.path),
        // A journal is a file anyone could have written: its name is cleaned again.
        player: super::player_name(&h.player),
        // The scenario graded against, as its hash proved it: never the header's word.
        scenario: world.scenario.id.to_string(),
        seed: h.seed,
        findings_passed: g.findings_passed(),
        findings: g.findings.len(),
        missed: g.findings.len() - g.findings_passed(),
        wrongly_flagged: g.wrong_flag_count(),
        hints: g.hints,
        score: g.score,
        max_score: g.max_score,
        label: g.label.word().to_owned(),
        minutes: (journal.duration_ms() as f64 / 60_000.0 * 10.0).round() / 10.0,
        finished: journal.finished(),
        error: String::new(),
    }
}

/// The table as Markdown.
pub fn markdown(rows: &[GradeRow]) -> String {
    let mut out = String::from(
        "| player | scenario | seed | findings passed | missed | lawful wrongly flagged | hints | score | label | minutes | finished | file |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        if !r.error.is_empty() {
            out.push_str(&format!(
                "| | | | | | | | | error: {} | | | {} |\n",
                r.error.replace('|', "/"),
                r.file
            ));
            continue;
        }
        out.push_str(&format!(
            "| {} | {} | {} | {}/{} | {} | {} | {} | {}/{} | {} | {} | {} | {} |\n",
            r.player.replace('|', "/"),
            r.scenario,
            r.seed,
            r.findings_passed,
            r.findings,
            r.missed,
            r.wrongly_flagged,
            r.hints,
            r.score,
            r.max_score,
            r.label,
            r.minutes,
            if r.finished { "yes" } else { "no" },
            r.file
        ));
    }
    out
}

/// The table as CSV.
pub fn csv(rows: &[GradeRow]) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    for r in rows {
        writer.serialize(r)?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    String::from_utf8(bytes)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e).into())
}

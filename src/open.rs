//! Opening a scenario by file path or built-in id: load, validate (the answer key too), simulate.

use std::path::Path;

use crate::engine::{World, simulate};
use crate::scenario::builtin;
use crate::scenario::load::{self, Loaded, Step};
use crate::scenario::validate::{self, Locator};
use crate::scenario::{Diagnostic, Severity};

/// A scenario that opened: the world, and any warnings found on the way.
#[derive(Debug)]
pub struct Opened {
    pub world: World,
    pub file: String,
    pub source: String,
    pub warnings: Vec<Diagnostic>,
}

/// Why a scenario did not open, with the source text when there was one (for snippets).
/// As text it is its diagnostics, one `file:line:col: error: message` line each.
#[derive(Debug)]
pub struct OpenError {
    pub diagnostics: Vec<Diagnostic>,
    pub source: Option<String>,
}

// Written by hand: thiserror would take the field named `source` for the error's cause.
impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self.diagnostics.iter().map(Diagnostic::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for OpenError {}

/// Reads a scenario: `name` is a built-in id or a path; `None` is the default scenario.
/// When it does not parse, the error keeps the text, so that a terminal can show the place.
pub fn read(name: Option<&str>) -> Result<Loaded, OpenError> {
    let name = name.unwrap_or(builtin::DEFAULT);
    if let Some(b) = builtin::find(name) {
        return load::parse_str(b.file, b.source.to_owned()).map_err(|diagnostics| OpenError {
            diagnostics,
            source: Some(b.source.to_owned()),
        });
    }
    read_file(name)
}

/// Reads and parses a scenario file (never a built-in id).
pub fn read_file(path: &str) -> Result<Loaded, OpenError> {
    let bytes =
        load::read_capped(Path::new(path), load::MAX_FILE_BYTES).map_err(|message| OpenError {
            diagnostics: vec![Diagnostic::whole_file(path, message)],
            source: None,
        })?;
    load::parse_bytes(path, &bytes).map_err(|diagnostics| OpenError {
        diagnostics,
        // A file that is not UTF-8 text has no lines worth showing.
        source: std::str::from_utf8(&bytes).ok().map(str::to_owned),
    })
}

/// Reads, validates and simulates. Errors stop it; warnings come back with the world.
pub fn open(name: Option<&str>, seed: Option<u64>) -> Result<Opened, OpenError> {
    let loaded = read(name)?;
    open_loaded(loaded, seed)
}

/// Reads, validates and simulates, for looking into a scenario whose answer key is wrong:
/// when the key is all that fails, the world is built without it and the key's diagnostics
/// (its errors, and the file's warnings) come back beside it, so that the ledger and the
/// traces the key is written against can still be read.
pub fn open_despite_key(
    name: Option<&str>,
    seed: Option<u64>,
) -> Result<(Opened, Vec<Diagnostic>), OpenError> {
    let loaded = read(name)?;
    // A copy only when there is a key to set aside should it fail.
    let keyless = loaded.scenario.answer_key.is_some().then(|| {
        let mut keyless = loaded.clone();
        keyless.scenario.answer_key = None;
        keyless
    });
    let error = match open_loaded(loaded, seed) {
        Ok(opened) => return Ok((opened, Vec::new())),
        Err(error) => error,
    };
    let Some(keyless) = keyless else {
        return Err(error);
    };
    match open_loaded(keyless, seed) {
        Ok(mut opened) => {
            // Its only warning of its own would be that it has no key.
            opened.warnings.clear();
            Ok((opened, error.diagnostics))
        }
        // Something besides the key is wrong: the first run's errors say all of it.
        Err(_) => Err(error),
    }
}

/// Validates and simulates a scenario already read.
pub fn open_loaded(loaded: Loaded, seed: Option<u64>) -> Result<Opened, OpenError> {
    let mut diagnostics = validate::check(&loaded);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(OpenError {
            diagnostics,
            source: Some(loaded.source),
        });
    }
    let seed = seed.unwrap_or(loaded.scenario.seed);
    let mut world = match simulate(loaded.scenario.clone(), seed) {
        Ok(world) => world,
        Err(error) => {
            return Err(OpenError {
                diagnostics: vec![Diagnostic::whole_file(&loaded.file, error)],
                source: Some(loaded.source),
            });
        }
    };
    // Figures that depend on the crowd are this variant's, whatever the file wrote.
    let rederived = world.derive_figures();
    if seed == loaded.scenario.seed {
        let written = crate::author::key_warnings::written_figures(&loaded, &rederived);
        diagnostics.extend(written);
    }
    diagnostics.extend(key_gaps(&loaded, &world));
    diagnostics.extend(crate::author::warnings::warnings(&loaded, &world));
    // In the order of the file, as the checks before the run give theirs.
    diagnostics.sort_by_key(|d| (d.line, d.column));
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(OpenError {
            diagnostics,
            source: Some(loaded.source),
        });
    }
    Ok(Opened {
        world,
        file: loaded.file,
        source: loaded.source,
        warnings: diagnostics,
    })
}

/// Answer-key sets that pick no ledger entry once the scenario has run: a key naming
/// nothing cannot be scored against. Each points at the set's `entries`.
pub fn key_gaps(loaded: &Loaded, world: &World) -> Vec<Diagnostic> {
    let Some(key) = &world.scenario.answer_key else {
        return Vec::new();
    };
    let locator = Locator::new(loaded);
    let findings = key
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| ("findings", i, &f.id, &f.entries));
    let lawful = key
        .lawful
        .iter()
        .enumerate()
        .map(|(i, l)| ("lawful", i, &l.id, &l.entries));
    findings
        .chain(lawful)
        .filter(|(_, _, _, selector)| world.picks_nothing(selector))
        .map(|(list, i, id, selector)| {
            let path = [Step::Field("answer_key"), Step::Field(list), Step::Item(i)];
            locator.diagnostic(
                &path,
                "entries",
                "",
                Severity::Error,
                format!(
                    "answer-key entry `{id}` picks no ledger entry: {}",
                    crate::author::warnings::why_nothing(&world.scenario, selector)
                ),
            )
        })
        .collect()
}

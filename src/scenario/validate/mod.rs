//! Semantic checks on a parsed scenario, each pointing at the place in the file it concerns.
//! A file per section of the scenario; the checker they share, and the limits, live here.

mod access;
mod answer_key;
mod bounds;
mod crowds;
mod documents;
mod events;
mod ids;
mod injects;
mod locator;
mod people;
mod places;
mod rules;

use std::collections::{BTreeMap, BTreeSet};

use super::diagnostic::{Diagnostic, Severity};
use super::load::{Loaded, Step};
use super::model::Scenario;
use ids::Kind;

pub use locator::Locator;

/// Most people one crowd may generate, so a typo cannot ask for a billion.
pub const MAX_CROWD: u32 = 1_000_000;

/// Most people all crowds together may generate.
pub const MAX_GENERATED_PEOPLE: u64 = 2_000_000;

/// Most records all crowds together may generate (people times itinerary steps).
pub const MAX_GENERATED_RECORDS: u64 = 10_000_000;

/// Longest a scenario may run: the engine keeps an hourly series over the whole window.
pub const MAX_SCENARIO_DAYS: i64 = 366;

/// Most things of one kind (venues, rules, officials...): the engine numbers them with 16 bits.
pub const MAX_OF_A_KIND: usize = u16::MAX as usize;

/// Most colour rules. A rule set is short; the engine tries every rule on every record
/// that could set one off, so thousands would make opening a large city slow.
pub const MAX_RULES: usize = 256;

/// Most distinct tags. Tags are a small vocabulary (depositor, resident, a bank's name);
/// expansion looks each one up in a list, so thousands would make opening a file slow.
pub const MAX_TAGS: usize = 1024;

/// Checks everything that can be checked without running the scenario.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let locator = Locator::new(loaded);
    let mut checker = Checker::new(&loaded.scenario, &locator);
    checker.run();
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| (d.line, d.column));
    diagnostics
}

use Step::{Field, Item};

/// A path to the `index`th item of a top-level list.
fn item(list: &str, index: usize) -> [Step<'_>; 2] {
    [Field(list), Item(index)]
}

/// A path to the `index`th item of a list inside the answer key.
fn key_item(list: &str, index: usize) -> [Step<'_>; 3] {
    [Field("answer_key"), Field(list), Item(index)]
}

struct Checker<'a> {
    scenario: &'a Scenario,
    locator: &'a Locator<'a>,
    ids: BTreeMap<Kind, BTreeSet<&'a str>>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(scenario: &'a Scenario, locator: &'a Locator<'a>) -> Checker<'a> {
        Checker {
            scenario,
            locator,
            ids: BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    fn report(
        &mut self,
        severity: Severity,
        path: &[Step],
        key: &str,
        value: &str,
        message: String,
    ) {
        let d = self.locator.diagnostic(path, key, value, severity, message);
        self.diagnostics.push(d);
    }

    fn error(&mut self, path: &[Step], key: &str, value: &str, message: String) {
        self.report(Severity::Error, path, key, value, message);
    }

    fn warning(&mut self, path: &[Step], key: &str, value: &str, message: String) {
        self.report(Severity::Warning, path, key, value, message);
    }

    fn run(&mut self) {
        self.collect_ids();
        self.check_sizes();
        self.check_window();
        self.check_places();
        self.check_rules_and_roles();
        self.check_people();
        self.check_crowds();
        self.check_documents();
        self.check_events();
        self.check_answer_key();
        self.check_injects();
    }
}

//! Scoring a case file against the scenario's answer key: each finding passes or fails with
//! its reason, lawful entries flagged are listed one by one, and a label sums it up.

use crate::scenario::text::counted;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::engine::{EntryId, World};
use crate::scenario::model::{Answer, Category, Finding};

use super::casefile::{CaseFile, Given};

/// Share of a finding's entries the flags must cover with a right category.
pub const COVERAGE_NEEDED: f64 = 0.95;

/// Points for each part of the key.
pub const FINDING_POINTS: u32 = 10;
pub const OBJECTIVE_POINTS: u32 = 5;
/// Points lost for each lawful entry flagged as abuse, up to the total earned.
pub const WRONG_FLAG_PENALTY: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Label {
    /// Every finding and objective right, nothing lawful flagged.
    Complete,
    /// Some right, nothing lawful flagged.
    Partial,
    /// Lawful codes were flagged as abuse.
    Unsafe,
}

impl Label {
    pub fn word(self) -> &'static str {
        match self {
            Label::Complete => "complete",
            Label::Partial => "partial",
            Label::Unsafe => "unsafe",
        }
    }
}

/// How one finding of the key fared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingResult {
    pub id: String,
    pub title: String,
    pub passed: bool,
    /// Entries in the finding, and how many the flags covered with a right category.
    pub entries: usize,
    pub covered: usize,
    /// Why it passed or failed, in a sentence.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveResult {
    pub id: String,
    pub question: String,
    pub correct: bool,
    pub given: Option<String>,
    pub expected: String,
    pub hint_taken: bool,
}

/// A lawful entry the auditor flagged as abuse: an accusation against someone who followed
/// the rules.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WrongFlag {
    pub entry: EntryId,
    pub person: String,
    pub set: String,
    pub why_lawful: String,
}

/// The whole result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub findings: Vec<FindingResult>,
    pub objectives: Vec<ObjectiveResult>,
    pub wrongly_flagged: Vec<WrongFlag>,
    pub hints: usize,
    pub hint_cost: u32,
    pub score: u32,
    pub max_score: u32,
    pub label: Label,
}

impl Grade {
    pub fn findings_passed(&self) -> usize {
        self.findings.iter().filter(|f| f.passed).count()
    }

    pub fn objectives_correct(&self) -> usize {
        self.objectives.iter().filter(|o| o.correct).count()
    }

    /// The result in one line: points, findings, objectives, hints and wrong flags.
    pub fn summary(&self) -> String {
        format!(
            "{} of {} points · findings {}/{} · objectives {}/{} · hints {} · lawful entries wrongly flagged {}",
            self.score,
            self.max_score,
            self.findings_passed(),
            self.findings.len(),
            self.objectives_correct(),
            self.objectives.len(),
            self.hints,
            self.wrongly_flagged.len()
        )
    }
}

/// Grades a case file. Never trusts anything but the world and the flags.
pub fn grade(world: &World, case: &CaseFile) -> Grade {
    let Some(key) = &world.scenario.answer_key else {
        return Grade {
            findings: vec![],
            objectives: vec![],
            wrongly_flagged: vec![],
            hints: case.hints.len(),
            hint_cost: 0,
            score: 0,
            max_score: 0,
            label: Label::Partial,
        };
    };
    let findings: Vec<FindingResult> = key
        .findings
        .iter()
        .map(|f| grade_finding(world, case, f))
        .collect();
    let objectives: Vec<ObjectiveResult> = key
        .objectives
        .iter()
        .map(|o| {
            let given = case.answers.get(o.id.as_str());
            ObjectiveResult {
                id: o.id.to_string(),
                question: o.question.to_string(),
                correct: given.is_some_and(|g| answer_matches(&o.answer, g)),
                given: given.map(|g| describe_given(world, g)),
                expected: describe_answer(world, &o.answer),
                hint_taken: case.hint_taken(&o.id),
            }
        })
        .collect();
    let wrongly_flagged = wrong_flags(world, case);
    let hint_cost: u32 = case.hints.iter().map(|h| h.cost).sum();
    let earned = findings.iter().filter(|f| f.passed).count() as u32 * FINDING_POINTS
        + objectives.iter().filter(|o| o.correct).count() as u32 * OBJECTIVE_POINTS;
    let penalty = wrongly_flagged.len() as u32 * WRONG_FLAG_PENALTY + hint_cost;
    let max_score =
        key.findings.len() as u32 * FINDING_POINTS + key.objectives.len() as u32 * OBJECTIVE_POINTS;
    let all_right = findings.iter().all(|f| f.passed) && objectives.iter().all(|o| o.correct);
    let label = if !wrongly_flagged.is_empty() {
        Label::Unsafe
    } else if all_right {
        Label::Complete
    } else {
        Label::Partial
    };
    Grade {
        findings,
        objectives,
        wrongly_flagged,
        hints: case.hints.len(),
        hint_cost,
        score: earned.saturating_sub(penalty),
        max_score,
        label,
    }
}

fn grade_finding(world: &World, case: &CaseFile, finding: &Finding) -> FindingResult {
    let entries = world.select(&finding.entries);
    let accepted = |c: Category| c == finding.category || finding.also_accept.contains(&c);
    let mut covered = 0;
    let mut miscategorised = 0;
    let mut executed: BTreeSet<&str> = BTreeSet::new();
    let mut ordered: BTreeSet<&str> = BTreeSet::new();
    for &entry in &entries {
        if let Some(flag) = case.flag_for(world, entry) {
            if accepted(flag.category) {
                covered += 1;
                executed.extend(flag.executed_by.iter().map(String::as_str));
                ordered.extend(flag.ordered_by.iter().map(String::as_str));
            } else {
                miscategorised += 1;
            }
        }
    }
    let share = if entries.is_empty() {
        0.0
    } else {
        covered as f64 / entries.len() as f64
    };
    let name = |id: &str| {
        world
            .official_ix(id)
            .map_or(id.to_owned(), |o| world.official(o).name.to_string())
    };
    let mut problems = Vec::new();
    if share < COVERAGE_NEEDED {
        if covered == 0 && miscategorised == 0 {
            problems.push("you did not flag these entries".to_owned());
        } else if miscategorised > 0 {
            problems.push(format!(
                "you flagged {covered} of {} as {}, and {miscategorised} under another category",
                entries.len(),
                finding.category.label()
            ));
        } else {
            problems.push(format!(
                "you flagged only {covered} of {}",
                counted(entries.len(), "entry", "entries")
            ));
        }
    }
    let missing_exec: Vec<String> = finding
        .executed_by
        .iter()
        .filter(|id| !executed.contains(id.as_str()))
        .map(|id| name(id))
        .collect();
    let missing_order: Vec<String> = finding
        .ordered_by
        .iter()
        .filter(|id| !ordered.contains(id.as_str()))
        .map(|id| name(id))
        .collect();
    let wrong_exec: Vec<String> = executed
        .iter()
        .filter(|id| !finding.executed_by.iter().any(|k| k == **id))
        .map(|id| name(id))
        .collect();
    let wrong_order: Vec<String> = ordered
        .iter()
        .filter(|id| !finding.ordered_by.iter().any(|k| k == **id))
        .map(|id| name(id))
        .collect();
    if covered > 0 {
        if !missing_exec.is_empty() {
            problems.push(format!(
                "you did not name who executed them ({})",
                missing_exec.join(", ")
            ));
        }
        if !missing_order.is_empty() {
            problems.push(format!(
                "you did not name who ordered them ({})",
                missing_order.join(", ")
            ));
        }
        if !wrong_exec.is_empty() {
            problems.push(format!(
                "you named {} as executing, which the records do not show",
                wrong_exec.join(", ")
            ));
        }
        if !wrong_order.is_empty() {
            problems.push(format!(
                "you named {} as ordering, which the records do not show",
                wrong_order.join(", ")
            ));
        }
    }
    let passed = problems.is_empty();
    let reason = if passed {
        format!(
            "you flagged {covered} of {} as {} and named who executed and who ordered them",
            counted(entries.len(), "entry", "entries"),
            finding.category.label()
        )
    } else {
        problems.join("; ")
    };
    FindingResult {
        id: finding.id.to_string(),
        title: finding.title.to_string(),
        passed,
        entries: entries.len(),
        covered,
        reason,
    }
}

/// Lawful entries flagged as anything but lawful, one by one.
fn wrong_flags(world: &World, case: &CaseFile) -> Vec<WrongFlag> {
    let Some(key) = &world.scenario.answer_key else {
        return vec![];
    };
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    for set in &key.lawful {
        for entry in world.select(&set.entries) {
            let flagged = case
                .flag_for(world, entry)
                .is_some_and(|f| f.category != Category::Lawful);
            if flagged && seen.insert(entry) {
                let person = world
                    .ledger
                    .get(entry)
                    .map_or(String::new(), |e| world.person_name(e.person).to_owned());
                wrong.push(WrongFlag {
                    entry,
                    person,
                    set: set.title.to_string(),
                    why_lawful: set.explanation.to_string(),
                });
            }
        }
    }
    wrong.sort_by_key(|w| w.entry);
    wrong
}

/// Whether a given answer matches the key's.
pub fn answer_matches(expected: &Answer, given: &Given) -> bool {
    match (expected, given) {
        (Answer::Official(a), Given::Official(b)) => a == b.as_str(),
        (Answer::Official(a), Given::Officials(b)) => b.len() == 1 && a == b[0].as_str(),
        (Answer::Officials(a), Given::Officials(b)) => {
            let a: BTreeSet<&str> = a.iter().map(|x| x.as_str()).collect();
            let b: BTreeSet<&str> = b.iter().map(String::as_str).collect();
            a == b
        }
        (Answer::Person(a), Given::Person(b)) => a == b.as_str(),
        (Answer::Document(a), Given::Document(b)) => a == b.as_str(),
        (Answer::Number(a), Given::Number(b)) => a == b,
        _ => false,
    }
}

fn official_names(world: &World, ids: &[&str]) -> String {
    ids.iter()
        .map(|id| {
            world
                .official_ix(id)
                .map_or((*id).to_owned(), |o| world.official(o).name.to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn person_name(world: &World, id: &str) -> String {
    world
        .roster
        .find(id)
        .map_or(id.to_owned(), |p| world.person_name(p).to_owned())
}

fn document_title(world: &World, id: &str) -> String {
    world.catalog.documents.get(id).map_or(id.to_owned(), |&d| {
        world.scenario.documents[d as usize].title.to_string()
    })
}

pub fn describe_answer(world: &World, answer: &Answer) -> String {
    match answer {
        Answer::Official(id) => official_names(world, &[id.as_str()]),
        Answer::Officials(ids) => {
            official_names(world, &ids.iter().map(|i| i.as_str()).collect::<Vec<_>>())
        }
        Answer::Person(id) => person_name(world, id),
        Answer::Document(id) => document_title(world, id),
        Answer::Number(n) => n.to_string(),
    }
}

pub fn describe_given(world: &World, given: &Given) -> String {
    match given {
        Given::Official(id) => official_names(world, &[id.as_str()]),
        Given::Officials(ids) => {
            official_names(world, &ids.iter().map(String::as_str).collect::<Vec<_>>())
        }
        Given::Person(id) => person_name(world, id),
        Given::Document(id) => document_title(world, id),
        Given::Number(n) => n.to_string(),
    }
}

/// The answer key's answer as a `Given`, for scripted playthroughs and the facilitator.
pub fn given_from_answer(answer: &Answer) -> Given {
    match answer {
        Answer::Official(id) => Given::Official(id.to_string()),
        Answer::Officials(ids) => Given::Officials(ids.iter().map(|i| i.to_string()).collect()),
        Answer::Person(id) => Given::Person(id.to_string()),
        Answer::Document(id) => Given::Document(id.to_string()),
        Answer::Number(n) => Given::Number(*n),
    }
}

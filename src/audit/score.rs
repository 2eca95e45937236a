//! Scoring a case file against the scenario's answer key: each finding passes or fails with
//! its reason, lawful entries flagged are listed one by one, and a label sums it up.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::engine::{Cause, EntryId, World};
use crate::scenario::model::{Answer, Category, ChainRole, EventKind, Finding, Selector};
use crate::scenario::text::counted;

use super::casefile::{CaseFile, Flag, FlagTarget, Given};

mod access;
pub use access::WrongAccessFlag;
use access::wrong_access_flags;

/// Share of a finding's entries the flags must cover with a right category.
pub const COVERAGE_NEEDED: f64 = 0.95;

/// Points for each part of the key.
pub const FINDING_POINTS: u32 = 10;
pub const OBJECTIVE_POINTS: u32 = 5;
/// Points lost for each lawful entry flagged as abuse, up to the total earned.
pub const WRONG_FLAG_PENALTY: u32 = 1;
/// Points lost for each person's records opened beyond the key's `open_at_most`.
pub const DATA_OPENED_PENALTY: u32 = 1;
/// Points for each control recommended that the key holds would have stopped the abuse.
pub const RECOMMENDATION_POINTS: u32 = 2;
/// Points lost for each control recommended that would not have stopped it, taken from
/// the recommendations' points only: ticking every control earns less than choosing well,
/// and never costs the findings.
pub const WRONG_RECOMMENDATION_PENALTY: u32 = 2;

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
    /// The categories the auditor's flags on these entries chose, whether right or not.
    #[serde(default)]
    pub chosen: Vec<Category>,
    /// The key's category, and the principle it breaks.
    #[serde(default = "no_category")]
    pub category: Category,
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

/// A control of the scenario's list: whether the key recommends it and the auditor chose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecommendationResult {
    pub id: String,
    pub text: String,
    /// Whether it would have stopped the abuse, as the key holds.
    pub right: bool,
    /// Whether the auditor recommended it.
    pub chosen: bool,
}

/// A trap: a set of lawful entries a careless auditor flags, and how this one fared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrapResult {
    pub id: String,
    pub title: String,
    /// Why its entries were lawful.
    pub why_lawful: String,
    /// Its entries, and how many of them the auditor flagged as abuse.
    pub entries: usize,
    pub flagged: usize,
}

impl TrapResult {
    /// Whether the auditor left every entry of it alone.
    pub fn left_alone(&self) -> bool {
        self.flagged == 0
    }
}

/// The whole result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    pub findings: Vec<FindingResult>,
    pub objectives: Vec<ObjectiveResult>,
    pub wrongly_flagged: Vec<WrongFlag>,
    /// Lawful accesses to personal records flagged as abuse, one by one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wrongly_flagged_accesses: Vec<WrongAccessFlag>,
    /// Every lawful set of the key, flagged or left alone.
    #[serde(default)]
    pub traps: Vec<TrapResult>,
    /// Every control of the scenario's list, chosen or not.
    #[serde(default)]
    pub recommendations: Vec<RecommendationResult>,
    /// Points the recommendations earned, after wrong picks.
    #[serde(default)]
    pub recommendation_points: u32,
    pub hints: usize,
    pub hint_cost: u32,
    pub score: u32,
    pub max_score: u32,
    pub label: Label,
    /// How much personal data the auditor opened to reach their findings, when the desk
    /// that graded knows it: shown, not scored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_opened: Option<DataOpened>,
}

/// The personal data an auditor opened in a session: the people whose dossier, trace or
/// check they opened, and the records about them on screen when they did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataOpened {
    pub people: usize,
    pub records: usize,
    /// Points lost for opening more than the scenario's `open_at_most`.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub penalty: u32,
    /// The key's `open_at_most`, when it scores the auditor's minimisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Grade {
    /// The grade with the personal data the auditor opened: shown, and scored when the key
    /// sets `open_at_most` (a point for each person over it, from the total earned).
    pub fn with_data_opened(mut self, world: &World, mut opened: DataOpened) -> Grade {
        let limit = world
            .scenario
            .answer_key
            .as_ref()
            .and_then(|k| k.open_at_most);
        opened.limit = limit;
        if let Some(limit) = limit {
            opened.penalty = (opened.people as u32).saturating_sub(limit) * DATA_OPENED_PENALTY;
            self.score = self.score.saturating_sub(opened.penalty);
        }
        self.data_opened = Some(opened);
        self
    }
}

impl Grade {
    /// Lawful entries and lawful accesses flagged as abuse: each an accusation.
    pub fn wrong_flag_count(&self) -> usize {
        self.wrongly_flagged.len() + self.wrongly_flagged_accesses.len()
    }

    pub fn findings_passed(&self) -> usize {
        self.findings.iter().filter(|f| f.passed).count()
    }

    pub fn objectives_correct(&self) -> usize {
        self.objectives.iter().filter(|o| o.correct).count()
    }

    /// Controls rightly recommended, and those the key recommends.
    pub fn recommendations_right(&self) -> (usize, usize) {
        let right = |r: &&RecommendationResult| r.right;
        let chosen_right = self
            .recommendations
            .iter()
            .filter(right)
            .filter(|r| r.chosen)
            .count();
        (
            chosen_right,
            self.recommendations.iter().filter(right).count(),
        )
    }

    /// Controls recommended that would not have stopped the abuse.
    pub fn recommendations_wrong(&self) -> usize {
        self.recommendations
            .iter()
            .filter(|r| r.chosen && !r.right)
            .count()
    }

    /// The result in one line: points, findings, objectives, recommendations, hints and
    /// wrong flags.
    pub fn summary(&self) -> String {
        let (right, of) = self.recommendations_right();
        let recommendations = if of == 0 {
            String::new()
        } else {
            let wrong = self.recommendations_wrong();
            let wrong = if wrong == 0 {
                String::new()
            } else {
                format!(" (+{wrong} that would not have)")
            };
            format!(" · controls {right}/{of}{wrong}")
        };
        format!(
            "{} of {} points · findings {}/{} · objectives {}/{}{recommendations} · hints {} · lawful entries wrongly flagged {}",
            self.score,
            self.max_score,
            self.findings_passed(),
            self.findings.len(),
            self.objectives_correct(),
            self.objectives.len(),
            self.hints,
            self.wrong_flag_count()
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
            wrongly_flagged_accesses: vec![],
            traps: vec![],
            recommendations: vec![],
            recommendation_points: 0,
            hints: case.hints.len(),
            hint_cost: 0,
            score: 0,
            max_score: 0,
            label: Label::Partial,
            data_opened: None,
        };
    };
    let mut flags = FlagLookup::new(world, case);
    let findings: Vec<FindingResult> = key
        .findings
        .iter()
        .map(|f| grade_finding(world, &mut flags, f))
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
    let (wrongly_flagged, mut traps) = wrong_flags(world, &mut flags);
    let wrongly_flagged_accesses = wrong_access_flags(world, &flags, &mut traps);
    let recommendations = recommendations(world, case);
    let recommendation_points = recommendation_points(&recommendations);
    let hint_cost: u32 = case.hints.iter().map(|h| h.cost).sum();
    let earned = findings.iter().filter(|f| f.passed).count() as u32 * FINDING_POINTS
        + objectives.iter().filter(|o| o.correct).count() as u32 * OBJECTIVE_POINTS
        + recommendation_points;
    let penalty = (wrongly_flagged.len() + wrongly_flagged_accesses.len()) as u32
        * WRONG_FLAG_PENALTY
        + hint_cost;
    let max_score = key.findings.len() as u32 * FINDING_POINTS
        + key.objectives.len() as u32 * OBJECTIVE_POINTS
        + recommendations.iter().filter(|r| r.right).count() as u32 * RECOMMENDATION_POINTS;
    let all_right = findings.iter().all(|f| f.passed)
        && objectives.iter().all(|o| o.correct)
        && recommendations.iter().all(|r| r.right == r.chosen);
    let label = if !wrongly_flagged.is_empty() || !wrongly_flagged_accesses.is_empty() {
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
        wrongly_flagged_accesses,
        traps,
        recommendations,
        recommendation_points,
        hints: case.hints.len(),
        hint_cost,
        score: earned.saturating_sub(penalty),
        max_score,
        label,
        data_opened: None,
    }
}

fn no_category() -> Category {
    Category::NoEpidemicBasis
}

fn grade_finding(world: &World, flags: &mut FlagLookup, finding: &Finding) -> FindingResult {
    let cover = if finding.entries.picks_accesses() {
        Coverage::of_accesses(world, flags, finding)
    } else {
        let entries = Selected::new(world, &finding.entries);
        Coverage::of(world, flags, finding, &entries)
    };
    let mut problems: Vec<String> = cover.shortfall(finding).into_iter().collect();
    if cover.covered > 0 {
        problems.extend(attribution_problems(world, finding, &cover));
    }
    let passed = problems.is_empty();
    let reason = if passed {
        format!(
            "you flagged {} of {} as {} and named the chain of decision",
            cover.covered,
            counted(cover.entries, cover.unit[0], cover.unit[1]),
            chosen_labels(&cover.chosen)
        )
    } else {
        problems.join("; ")
    };
    FindingResult {
        id: finding.id.to_string(),
        title: finding.title.to_string(),
        passed,
        entries: cover.entries,
        covered: cover.covered,
        chosen: cover.chosen.iter().copied().collect(),
        category: finding.category,
        reason,
    }
}

/// How the flags on a finding's entries match it: how many carry accepted categories only,
/// how many another, which categories were chosen, and whom the accepted flags name.
struct Coverage<'c> {
    entries: usize,
    covered: usize,
    miscategorised: usize,
    chosen: BTreeSet<Category>,
    named: BTreeMap<ChainRole, BTreeSet<&'c str>>,
    /// The flags judged so far.
    seen: Vec<*const Flag>,
    /// What is counted, one and many: entries, or accesses.
    unit: [&'static str; 2],
}

impl<'c> Coverage<'c> {
    fn of(
        world: &World,
        flags: &mut FlagLookup<'c>,
        finding: &Finding,
        entries: &Selected,
    ) -> Self {
        let accepted = |c: &Category| *c == finding.category || finding.also_accept.contains(c);
        let mut cover = Coverage {
            entries: entries.len(),
            covered: 0,
            miscategorised: 0,
            chosen: BTreeSet::new(),
            named: BTreeMap::new(),
            seen: Vec::new(),
            unit: ["entry", "entries"],
        };
        for &entry in &entries.listed {
            if let Some(flag) = flags.flag_for(world, entry) {
                cover.judge(flag, 1, &accepted);
            }
        }
        // A batch's entries share one assignment, and so one shared flag: it is judged once
        // for all of them, and the few entries with a flag of their own apart.
        for slice in &entries.slices {
            let Some(&first) = slice.first() else {
                continue;
            };
            let own = flags.own_flags_in(slice);
            for &flag in &own {
                cover.judge(flag, 1, &accepted);
            }
            if let Some(flag) = flags.shared_flag(world, first) {
                cover.judge(flag, slice.len() - own.len(), &accepted);
            }
        }
        cover
    }

    /// Counts `n` entries under `flag`: covered when every category it carries is accepted.
    /// Names and categories are gathered once per flag, not once per entry it covers.
    fn judge(&mut self, flag: &'c Flag, n: usize, accepted: &dyn Fn(&Category) -> bool) {
        if n == 0 {
            return;
        }
        let first_time = !self.seen.contains(&std::ptr::from_ref(flag));
        if first_time {
            self.seen.push(flag);
            self.chosen.extend(flag.categories.iter().copied());
        }
        if flag.categories.iter().all(accepted) {
            self.covered += n;
            if first_time {
                for role in ChainRole::ALL {
                    let named = self.named.entry(role).or_default();
                    named.extend(flag.named(role).iter().map(String::as_str));
                }
            }
        } else {
            self.miscategorised += n;
        }
    }

    /// Why too few entries are flagged rightly, when they are.
    fn shortfall(&self, finding: &Finding) -> Option<String> {
        let (covered, miscategorised, entries) = (self.covered, self.miscategorised, self.entries);
        let share = if entries == 0 {
            0.0
        } else {
            covered as f64 / entries as f64
        };
        if share >= COVERAGE_NEEDED {
            None
        } else if covered == 0 && miscategorised == 0 {
            Some(format!("you did not flag these {}", self.unit[1]))
        } else if miscategorised > 0 {
            Some(format!(
                "you flagged {covered} of {entries} as {}, and {miscategorised} under a category the records do not support",
                finding.category.label()
            ))
        } else {
            Some(format!(
                "you flagged only {covered} of {}",
                counted(entries, self.unit[0], self.unit[1])
            ))
        }
    }
}

/// The chain of decision as the flags name it against the key, part by part: those left
/// out, then those named whom the records do not show in that part.
fn attribution_problems(world: &World, finding: &Finding, cover: &Coverage) -> Vec<String> {
    let empty = BTreeSet::new();
    let mut problems = Vec::new();
    for role in ChainRole::ALL {
        let key = finding.named(role);
        let named = cover.named.get(&role).unwrap_or(&empty);
        let left_out: Vec<String> = key
            .iter()
            .filter(|id| !named.contains(id.as_str()))
            .map(|id| official_name(world, id))
            .collect();
        if !left_out.is_empty() {
            problems.push(format!(
                "you did not name who {} ({})",
                role.label(),
                left_out.join(", ")
            ));
        }
    }
    for role in ChainRole::ALL {
        let key = finding.named(role);
        let named = cover.named.get(&role).unwrap_or(&empty);
        let unfounded: Vec<String> = named
            .iter()
            .filter(|id| !key.iter().any(|k| k == **id))
            .map(|id| official_name(world, id))
            .collect();
        if !unfounded.is_empty() {
            problems.push(format!(
                "you named {} as having {}, which the records do not show",
                unfounded.join(", "),
                role.past()
            ));
        }
    }
    problems
}

/// Categories in words, joined.
fn chosen_labels(chosen: &BTreeSet<Category>) -> String {
    let labels: Vec<&str> = chosen.iter().map(|c| c.label()).collect();
    labels.join(" + ")
}

/// An official's name, or the id as written when no official has it.
fn official_name(world: &World, id: &str) -> String {
    world
        .official_ix(id)
        .map_or(id.to_owned(), |o| world.official(o).name.to_string())
}

/// The entries a selector picks. Batches are read where the ledger keeps them, neither
/// copied nor sorted: an entry belongs to one batch at most, so distinct batches never
/// share an entry.
struct Selected<'w> {
    slices: Vec<&'w [EntryId]>,
    listed: Vec<EntryId>,
}

impl<'w> Selected<'w> {
    fn new(world: &'w World, selector: &Selector) -> Selected<'w> {
        let batches: BTreeSet<&str> = match selector {
            Selector::Batch(b) => [b.as_str()].into(),
            Selector::Batches(bs) => bs.iter().map(|b| b.as_str()).collect(),
            _ => {
                return Selected {
                    slices: vec![],
                    listed: world.select(selector),
                };
            }
        };
        Selected {
            slices: batches.iter().map(|b| world.ledger.by_batch(b)).collect(),
            listed: vec![],
        }
    }

    fn len(&self) -> usize {
        self.listed.len() + self.slices.iter().map(|s| s.len()).sum::<usize>()
    }
}

/// Every control of the scenario's list, with whether the key recommends it and the
/// auditor chose it.
fn recommendations(world: &World, case: &CaseFile) -> Vec<RecommendationResult> {
    let recommended: &[crate::scenario::text::Text] = world
        .scenario
        .answer_key
        .as_ref()
        .map_or(&[], |k| &k.recommended);
    world
        .scenario
        .controls
        .iter()
        .map(|c| RecommendationResult {
            id: c.id.to_string(),
            text: c.text.to_string(),
            right: recommended.contains(&c.id),
            chosen: case.recommended.iter().any(|r| c.id == r.as_str()),
        })
        .collect()
}

/// Points for the controls chosen: each right one earns, each wrong one costs as much, and
/// the sum is never below nothing.
fn recommendation_points(results: &[RecommendationResult]) -> u32 {
    let right = results.iter().filter(|r| r.chosen && r.right).count() as u32;
    let wrong = results.iter().filter(|r| r.chosen && !r.right).count() as u32;
    (right * RECOMMENDATION_POINTS).saturating_sub(wrong * WRONG_RECOMMENDATION_PENALTY)
}

/// Lawful entries flagged as anything but lawful, one by one, and each lawful set with how
/// many of its entries were so flagged.
fn wrong_flags(world: &World, flags: &mut FlagLookup) -> (Vec<WrongFlag>, Vec<TrapResult>) {
    let Some(key) = &world.scenario.answer_key else {
        return (vec![], vec![]);
    };
    let mut seen = BTreeSet::new();
    let mut wrong = Vec::new();
    let mut traps = Vec::new();
    for set in &key.lawful {
        let mut flagged_here = 0;
        for entry in flags.candidates(world, &set.entries) {
            let flagged = flags.flag_for(world, entry).is_some_and(|f| !f.is_lawful());
            flagged_here += usize::from(flagged);
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
        traps.push(TrapResult {
            id: set.id.to_string(),
            title: set.title.to_string(),
            why_lawful: set.explanation.to_string(),
            entries: world.select(&set.entries).len(),
            flagged: flagged_here,
        });
    }
    wrong.sort_by_key(|w| w.entry);
    (wrong, traps)
}

/// A case file's flags arranged to say which flag covers an entry, as
/// [`CaseFile::flag_for`] does, without reading names for every entry: an entry's own
/// flag comes first, then its batch's, then its operator's (or, for a rule's entry, its
/// rule's), each the first in the file.
struct FlagLookup<'c> {
    by_entry: BTreeMap<EntryId, &'c Flag>,
    by_rule: BTreeMap<u16, &'c Flag>,
    by_batch: BTreeMap<&'c str, &'c Flag>,
    by_operator: BTreeMap<&'c str, &'c Flag>,
    /// Flags on one access (its id), and on every access of an account (an official's id).
    by_access: BTreeMap<&'c str, &'c Flag>,
    by_account: BTreeMap<&'c str, &'c Flag>,
    /// The batch or operator flag over each assignment's entries, once looked up: all the
    /// entries of one assignment share them.
    by_assignment: BTreeMap<u32, Option<&'c Flag>>,
    /// The last assignment looked up and its flag: a selection lists an assignment's
    /// entries one after another.
    last: Option<(u32, Option<&'c Flag>)>,
}

impl<'c> FlagLookup<'c> {
    fn new(world: &World, case: &'c CaseFile) -> FlagLookup<'c> {
        let mut lookup = FlagLookup {
            by_entry: BTreeMap::new(),
            by_rule: BTreeMap::new(),
            by_batch: BTreeMap::new(),
            by_operator: BTreeMap::new(),
            by_access: BTreeMap::new(),
            by_account: BTreeMap::new(),
            by_assignment: BTreeMap::new(),
            last: None,
        };
        for flag in &case.flags {
            match &flag.target {
                FlagTarget::Entry(e) => {
                    lookup.by_entry.entry(*e).or_insert(flag);
                }
                FlagTarget::Batch(b) => {
                    lookup.by_batch.entry(b.as_str()).or_insert(flag);
                }
                // Only an official's id names an operator, as `operator_of` resolves it.
                FlagTarget::Official(o) if world.official_ix(o).is_some() => {
                    lookup.by_operator.entry(o.as_str()).or_insert(flag);
                }
                FlagTarget::Official(_) => {}
                FlagTarget::Rule(r) => {
                    if let Some(&r) = world.catalog.rules.get(r.as_str()) {
                        lookup.by_rule.entry(r).or_insert(flag);
                    }
                }
                FlagTarget::Access(a) => {
                    lookup.by_access.entry(a.as_str()).or_insert(flag);
                }
                FlagTarget::AccountAccesses(o) => {
                    lookup.by_account.entry(o.as_str()).or_insert(flag);
                }
            }
        }
        lookup
    }

    fn flag_for(&mut self, world: &World, entry: EntryId) -> Option<&'c Flag> {
        if !self.by_entry.is_empty()
            && let Some(&flag) = self.by_entry.get(&entry)
        {
            return Some(flag);
        }
        self.shared_flag(world, entry)
    }

    /// The flags of their own on some of a batch's entries (`slice`, in ledger order), one
    /// for each such entry: looked up from the few entry flags, not from every entry.
    fn own_flags_in(&self, slice: &[EntryId]) -> Vec<&'c Flag> {
        if self.by_entry.is_empty() {
            return Vec::new();
        }
        let sorted = slice.is_sorted();
        let in_slice = |e: &EntryId| {
            if sorted {
                slice.binary_search(e).is_ok()
            } else {
                slice.contains(e)
            }
        };
        self.by_entry
            .iter()
            .filter(|(e, _)| in_slice(e))
            .map(|(_, &f)| f)
            .collect()
    }

    /// The flag an entry shares with others: its rule's, or its batch's, or its official's.
    fn shared_flag(&mut self, world: &World, entry: EntryId) -> Option<&'c Flag> {
        let assignment = match world.ledger.get(entry).map(|e| &e.cause) {
            Some(Cause::Manual { assignment, .. }) => assignment,
            Some(Cause::Rule { rule, .. }) => return self.by_rule.get(rule).copied(),
            _ => return None,
        };
        if let Some((last, flag)) = self.last
            && last == *assignment
        {
            return flag;
        }
        let (by_batch, by_operator) = (&self.by_batch, &self.by_operator);
        let flag = *self.by_assignment.entry(*assignment).or_insert_with(|| {
            let EventKind::Assignment(a) = &world.scenario.events.get(*assignment as usize)?.what
            else {
                return None;
            };
            let batch = a.batch.as_ref().and_then(|b| by_batch.get(b.as_str()));
            batch
                .or_else(|| by_operator.get(a.operator.as_str()))
                .copied()
        });
        self.last = Some((*assignment, flag));
        flag
    }

    /// The entries of a selector that any flag may cover. Only an entry's own flag or a
    /// flag on the rule can cover a change made by a rule, so a rule's entries are listed
    /// one by one only when the rule itself is flagged.
    fn candidates(&self, world: &World, selector: &Selector) -> Vec<EntryId> {
        match selector {
            Selector::Rule(rule) => {
                let rule = world.catalog.rules.get(rule.as_str()).copied();
                if rule.is_some_and(|r| self.by_rule.contains_key(&r)) {
                    return world.select(selector);
                }
                self.by_entry
                    .keys()
                    .copied()
                    .filter(|&e| {
                        matches!(world.ledger.get(e).map(|e| &e.cause),
                            Some(Cause::Rule { rule: r, .. }) if Some(*r) == rule)
                    })
                    .collect()
            }
            _ => world.select(selector),
        }
    }
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
        .map(|id| official_name(world, id))
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
        world.scenario.documents[d.ix()].title.to_string()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A batch judged at once and an entry of it judged alone add up as if every entry had
    /// been looked at one by one.
    #[test]
    fn an_entry_flag_inside_a_flagged_batch_is_judged_alone() {
        let world = crate::open::open(None, None).unwrap().world;
        let batch = world.ledger.by_batch("b-0611-a");
        let mut case = CaseFile::default();
        case.add_flag(Flag::new(
            FlagTarget::Batch("b-0611-a".into()),
            Category::NoEpidemicBasis,
            &[],
            &[],
        ));
        case.add_flag(Flag::new(
            FlagTarget::Entry(batch[3]),
            Category::Lawful,
            &[],
            &[],
        ));
        let mut flags = FlagLookup::new(&world, &case);
        let key = world.scenario.answer_key.as_ref().unwrap();
        let finding = &key.findings[0];
        let selected = Selected::new(&world, &finding.entries);
        let cover = Coverage::of(&world, &mut flags, finding, &selected);
        let one_by_one = |f: &dyn Fn(&Flag) -> bool| {
            let mut flags = FlagLookup::new(&world, &case);
            let all = ["b-0611-a", "b-0612-a"].map(|b| world.ledger.by_batch(b));
            all.iter()
                .flat_map(|s| s.iter())
                .filter(|&&e| flags.flag_for(&world, e).is_some_and(f))
                .count()
        };
        assert_eq!(cover.entries, selected.len());
        assert_eq!(cover.covered, batch.len() - 1);
        assert_eq!(cover.miscategorised, 1);
        assert_eq!(cover.covered, one_by_one(&|f| !f.is_lawful()));
        assert_eq!(cover.miscategorised, one_by_one(&|f| f.is_lawful()));
    }
}

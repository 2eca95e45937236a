//! The playtester: plays a scenario end to end as a careful auditor would, using only what
//! the desk shows at the clock (the same queries the screens use, never the answer key), and
//! as a reckless and an idle one. A scenario is fair when the careful auditor reaches full
//! marks, the reckless one (every red code flagged) is labelled unsafe, and the idle one (no
//! flag at all) does not pass.
//!
//! Every move goes through the desk as an `Action`, so the playtester runs the code a player
//! runs, and its grade is the grade a player would get.

use std::collections::BTreeSet;

use crate::audit::casefile::{Flag, FlagTarget, Given};
use crate::audit::dialogs::PickKind;
use crate::audit::{Action, Desk, Label};
use crate::engine::query::{LinkKind, Trace};
use crate::engine::{Cause, EntryId, World};
use crate::scenario::catalog::OfficialIx;
use crate::scenario::model::{Category, ChainRole, Colour, EventKind, Finder, Objective, Selector};

/// How one kind of auditor fared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub score: u32,
    pub max_score: u32,
    pub label: Label,
    pub findings_passed: usize,
    pub findings: usize,
    pub objectives_right: usize,
    pub objectives: usize,
    pub wrongly_flagged: usize,
}

/// A scenario played three ways, and what makes it unfair, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Playtest {
    pub careful: Outcome,
    pub reckless: Outcome,
    pub idle: Outcome,
    /// Why the scenario is unfair, one reason a line; empty when it is fair.
    pub problems: Vec<String>,
}

impl Playtest {
    pub fn fair(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Plays the scenario of `world` three ways.
pub fn playtest(world: &World) -> Playtest {
    let (careful, careful_problems) = careful(world);
    let reckless = play(world, reckless_flags(world));
    let idle = play(world, Vec::new());
    let mut problems = careful_problems;
    if careful.score < careful.max_score || careful.label != Label::Complete {
        problems.push(format!(
            "a careful auditor scores {} of {} ({}): {}",
            careful.score,
            careful.max_score,
            careful.label.word(),
            shortfall(&careful)
        ));
    }
    if reckless.label != Label::Unsafe {
        problems.push(format!(
            "an auditor who flags every red code is labelled {}, not unsafe: the scenario has no lawful red to trap them",
            reckless.label.word()
        ));
    }
    if idle.label == Label::Complete || idle.findings_passed > 0 {
        problems.push("an auditor who flags nothing passes".to_owned());
    }
    Playtest {
        careful,
        reckless,
        idle,
        problems,
    }
}

fn shortfall(o: &Outcome) -> String {
    format!(
        "findings {}/{}, objectives {}/{}, lawful entries flagged {}",
        o.findings_passed, o.findings, o.objectives_right, o.objectives, o.wrongly_flagged
    )
}

/// Each objective's answer (by id) as the careful auditor finds it with the tools its
/// `found_by` names, or why the tools give none: what `preview` sets beside the key.
pub fn found_answers(world: &World) -> Vec<(String, Result<Given, String>)> {
    let suspects = suspects(world);
    let accesses = access_suspects(world);
    world
        .scenario
        .answer_key
        .iter()
        .flat_map(|k| &k.objectives)
        .map(|o| (o.id.to_string(), answer(world, &suspects, &accesses, o)))
        .collect()
}

/// Submits after `moves` at the end of the clock, and reads the grade.
fn play(world: &World, moves: Vec<Action>) -> Outcome {
    let mut desk = Desk::new(world);
    desk.update(world, Action::SeekEnd);
    for action in moves {
        desk.update(world, action);
    }
    desk.update(world, Action::Submit);
    outcome(&desk)
}

fn outcome(desk: &Desk) -> Outcome {
    let Some(g) = desk.grade() else {
        return Outcome {
            score: 0,
            max_score: 0,
            label: Label::Partial,
            findings_passed: 0,
            findings: 0,
            objectives_right: 0,
            objectives: 0,
            wrongly_flagged: 0,
        };
    };
    Outcome {
        score: g.score,
        max_score: g.max_score,
        label: g.label,
        findings_passed: g.findings_passed(),
        findings: g.findings.len(),
        objectives_right: g.objectives_correct(),
        objectives: g.objectives.len(),
        wrongly_flagged: g.wrong_flag_count(),
    }
}

/// A manual change, or a whole batch, that the checks contradict, with what the checks
/// support and what the trace of its first entry shows.
struct Suspect {
    target: FlagTarget,
    entries: Vec<EntryId>,
    categories: BTreeSet<Category>,
    trace: Trace,
}

/// The careful auditor: every manual change the checks contradict is flagged with the
/// categories the checks support, named from the trace's labels, the objectives answered
/// by the tools their `found_by` names, the controls chosen for the kinds found.
fn careful(world: &World) -> (Outcome, Vec<String>) {
    let (moves, problems) = careful_moves(world);
    (play(world, moves), problems)
}

/// The findings a careful auditor does not pass, each with the grade's reason: what
/// `validate --playtest` warns of at each finding.
pub fn unpassed_findings(world: &World) -> Vec<(String, String)> {
    let (moves, _) = careful_moves(world);
    let mut desk = Desk::new(world);
    desk.update(world, Action::SeekEnd);
    for action in moves {
        desk.update(world, action);
    }
    desk.update(world, Action::Submit);
    let Some(grade) = desk.grade() else {
        return Vec::new();
    };
    let failed = grade.findings.iter().filter(|f| !f.passed);
    failed.map(|f| (f.id.clone(), f.reason.clone())).collect()
}

/// What a careful auditor does, and the objectives it cannot answer.
fn careful_moves(world: &World) -> (Vec<Action>, Vec<String>) {
    let suspects = suspects(world);
    let accesses = access_suspects(world);
    let mut moves: Vec<Action> = suspects.iter().map(flag).collect();
    moves.extend(accesses.iter().map(|a| a.flag(world)));
    let mut problems = Vec::new();
    let objectives = world
        .scenario
        .answer_key
        .as_ref()
        .map_or(&[][..], |k| &k.objectives[..]);
    for objective in objectives {
        match answer(world, &suspects, &accesses, objective) {
            Ok(given) => moves.push(Action::Answer {
                objective: objective.id.to_string(),
                answer: given,
            }),
            Err(why) => problems.push(format!("objective {}: {why}", objective.id)),
        }
    }
    let found: BTreeSet<Category> = suspects
        .iter()
        .flat_map(|s| s.categories.clone())
        .chain(accesses.iter().flat_map(|a| a.categories.clone()))
        .collect();
    let controls: Vec<String> = world
        .scenario
        .controls
        .iter()
        .filter(|c| c.stops.iter().any(|k| found.contains(k)))
        .map(|c| c.id.to_string())
        .collect();
    if !controls.is_empty() {
        moves.push(Action::Recommend(controls));
    }
    (moves, problems)
}

/// Every manual change by the end of the clock whose stated reason the records do not
/// support, or that its role could not make: a batch as one, other changes one by one;
/// then every rule most of whose changes its own basis does not support, as one.
fn suspects(world: &World) -> Vec<Suspect> {
    let mut suspects = manual_suspects(world);
    suspects.extend(rule_suspects(world));
    suspects
}

/// Rules whose justification checks fail on more than half of their changes: flagged as a
/// whole, named from the trace of their first change.
fn rule_suspects(world: &World) -> Vec<Suspect> {
    let end = world.scenario.end;
    let mut suspects = Vec::new();
    for rule in &world.scenario.rules {
        let entries = world.select(&Selector::Rule(rule.id.clone()));
        let raised: Vec<EntryId> = entries
            .iter()
            .copied()
            .filter(|&id| world.ledger.get(id).is_some_and(|e| e.to != Colour::Green))
            .collect();
        let failing = raised
            .iter()
            .filter(|&&id| world.justification_check(id).is_some_and(|c| !c.holds))
            .count();
        if raised.is_empty() || failing * 2 <= raised.len() {
            continue;
        }
        let Some(first) = world.ledger.get(raised[0]) else {
            continue;
        };
        suspects.push(Suspect {
            target: FlagTarget::Rule(rule.id.to_string()),
            entries,
            categories: BTreeSet::from([Category::NoEpidemicBasis]),
            trace: world.trace_in(first.person, first.system, first.at, end),
        });
    }
    suspects
}

fn manual_suspects(world: &World) -> Vec<Suspect> {
    let end = world.scenario.end;
    let mut suspects: Vec<Suspect> = Vec::new();
    let mut batches_seen: BTreeSet<String> = BTreeSet::new();
    for (i, e) in world.ledger.entries().iter().enumerate() {
        let id = EntryId(i as u32);
        if !matches!(e.cause, Cause::Manual { .. }) || e.to == Colour::Green {
            continue;
        }
        let Some(categories) = contradicted(world, id) else {
            continue;
        };
        let batch = world.assignment_of(id).and_then(|a| a.batch.as_ref());
        let (target, entries) = match batch {
            Some(b) if !batches_seen.insert(b.to_string()) => continue,
            Some(b) => (
                FlagTarget::Batch(b.to_string()),
                world.ledger.by_batch(b).to_vec(),
            ),
            None => (FlagTarget::Entry(id), vec![id]),
        };
        suspects.push(Suspect {
            target,
            entries,
            categories,
            trace: world.trace_in(e.person, e.system, e.at, end),
        });
    }
    suspects
}

/// The categories the checks support against a manual change, or `None` when they raise
/// nothing.
fn contradicted(world: &World, entry: EntryId) -> Option<BTreeSet<Category>> {
    let mut categories = BTreeSet::new();
    if world.justification_check(entry).is_some_and(|c| !c.holds) {
        categories.insert(Category::NoEpidemicBasis);
    }
    if world.permission_check(entry).is_some_and(|p| p.beyond_role) {
        categories.insert(Category::OutsideAuthority);
    }
    (!categories.is_empty()).then_some(categories)
}

/// The flag a careful auditor puts on a suspect: its categories and the chain as the trace
/// labels it.
fn flag(suspect: &Suspect) -> Action {
    let named = |role| labelled(&suspect.trace, role);
    Action::AddFlag(Flag {
        target: suspect.target.clone(),
        categories: suspect.categories.iter().copied().collect(),
        decided: named(ChainRole::Decided),
        passed_on: named(ChainRole::PassedOn),
        carried_out: named(ChainRole::CarriedOut),
    })
}

/// The officials a trace labels with a part of the chain under the change it traces (a
/// second entry still holding the colour follows with its own chain), each once.
pub fn labelled(trace: &Trace, role: ChainRole) -> Vec<String> {
    let label = format!("{}: ", role.label());
    let mut ids: Vec<String> = Vec::new();
    let first = trace
        .links
        .iter()
        .enumerate()
        .take_while(|(i, l)| *i == 0 || l.kind() != LinkKind::Entry)
        .map(|(_, l)| l);
    for link in first {
        let official = matches!(link.kind(), LinkKind::Official | LinkKind::Operator);
        if official && link.text.starts_with(&label) && !ids.contains(&link.id) {
            ids.push(link.id.clone());
        }
    }
    ids
}

/// An objective answered by the tool its `found_by` names, in the shape its picker takes.
fn answer(
    world: &World,
    suspects: &[Suspect],
    accesses: &[AccessSuspect],
    objective: &Objective,
) -> Result<Given, String> {
    let Some(finder) = &objective.found_by else {
        return Err("it says no way of finding its answer (found_by)".to_owned());
    };
    let entries = || suspects.iter().flat_map(|s| s.entries.iter().copied());
    let ids: Vec<String> = match finder {
        Finder::FlaggedPeople => {
            return Ok(Given::Number(world.entry_figures(entries()).people as u64));
        }
        Finder::FlaggedPeopleInCity => {
            return Ok(Given::Number(world.entry_figures(entries()).in_city as u64));
        }
        Finder::Labelled(role) => {
            let mut all: Vec<String> = suspects
                .iter()
                .flat_map(|s| labelled(&s.trace, *role))
                .chain(accesses.iter().flat_map(|a| a.named(world, *role)))
                .collect();
            all.sort();
            all.dedup();
            all
        }
        Finder::AccountOf(batches) => {
            let traced = suspects.iter().filter(|s| {
                matches!(&s.target, FlagTarget::Batch(b) if batches.iter().any(|x| x == b.as_str()))
            });
            let mut all: Vec<String> = traced
                .flat_map(|s| {
                    s.trace
                        .links
                        .iter()
                        .filter(|l| l.kind() == LinkKind::Operator)
                        .take(1)
                })
                .map(|l| l.id.clone())
                .collect();
            all.dedup();
            all
        }
        Finder::CitedDirective => {
            let mut all: Vec<String> = suspects
                .iter()
                .flat_map(|s| {
                    s.trace
                        .links
                        .iter()
                        .filter(|l| l.kind() == LinkKind::Directive)
                })
                .map(|l| l.id.clone())
                .collect();
            all.sort();
            all.dedup();
            all
        }
        Finder::RedByRule(tag) => red_by_rule(world, tag.as_deref()),
        Finder::FlaggedAccessPeople => {
            let people: BTreeSet<_> = accesses
                .iter()
                .filter_map(|a| world.access(a.ix))
                .flat_map(|(_, a)| world.access_people(a))
                .collect();
            return Ok(Given::Number(people.len() as u64));
        }
    };
    shaped(PickKind::for_answer(&objective.answer), ids)
}

/// Ids found, as the picker of `kind` takes them: one where one is asked for.
fn shaped(kind: PickKind, ids: Vec<String>) -> Result<Given, String> {
    let one = |ids: Vec<String>| match <[String; 1]>::try_from(ids) {
        Ok([id]) => Ok(id),
        Err(ids) => Err(format!(
            "the tools show {} candidates, not one: {ids:?}",
            ids.len()
        )),
    };
    match kind {
        PickKind::Officials if !ids.is_empty() => Ok(Given::Officials(ids)),
        PickKind::Official => one(ids).map(Given::Official),
        PickKind::Person => one(ids).map(Given::Person),
        PickKind::Document => one(ids).map(Given::Document),
        _ => Err("the tools show nothing of the kind the question asks for".to_owned()),
    }
}

/// People (with `tag`, if given) whose code history holds a red a rule set, confirmed cases
/// (the people of case reports) aside: what their dossiers show.
fn red_by_rule(world: &World, tag: Option<&str>) -> Vec<String> {
    let cases: BTreeSet<&str> = world
        .scenario
        .events
        .iter()
        .filter_map(|e| match &e.what {
            EventKind::CaseReport { person, .. } => Some(person.as_str()),
            _ => None,
        })
        .collect();
    let tag = tag.map(|t| world.roster.tag_index(t));
    let mut found = BTreeSet::new();
    for e in world.ledger.entries() {
        if e.to != Colour::Red || !matches!(e.cause, Cause::Rule { .. }) {
            continue;
        }
        let person = &world.roster.people[e.person.ix()];
        let tagged = match tag {
            None => true,
            Some(None) => false,
            Some(Some(t)) => person.tags.contains(&t),
        };
        if tagged && !cases.contains(person.id.as_str()) {
            found.insert(person.id.clone());
        }
    }
    found.into_iter().collect()
}

/// An access to personal records the access check marks, with the categories it supports
/// and the chain the Accesses screen shows for it.
struct AccessSuspect {
    ix: usize,
    id: String,
    categories: BTreeSet<Category>,
    chain: Vec<(ChainRole, OfficialIx)>,
}

impl AccessSuspect {
    /// The officials the Accesses screen labels with a part of the chain, by id.
    fn named(&self, world: &World, role: ChainRole) -> Vec<String> {
        self.chain
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|&(_, o)| world.official(o).id.to_string())
            .collect()
    }

    /// The flag a careful auditor puts on it: the check's categories, the screen's chain.
    fn flag(&self, world: &World) -> Action {
        Action::AddFlag(Flag {
            target: FlagTarget::Access(self.id.clone()),
            categories: self.categories.iter().copied().collect(),
            decided: self.named(world, ChainRole::Decided),
            passed_on: self.named(world, ChainRole::PassedOn),
            carried_out: self.named(world, ChainRole::CarriedOut),
        })
    }
}

/// Every access by the end of the clock that the access check marks.
fn access_suspects(world: &World) -> Vec<AccessSuspect> {
    let end = world.scenario.end;
    (0..world.accesses.until(end))
        .filter_map(|ix| {
            let check = world.access_check(ix)?;
            if check.holds() {
                return None;
            }
            let (_, access) = world.access(ix)?;
            Some(AccessSuspect {
                ix,
                id: access.id.to_string(),
                categories: check.categories().into_iter().collect(),
                chain: world.access_chain_known_at(ix, end),
            })
        })
        .collect()
}

/// The reckless auditor: every red code flagged as having no basis, and every access to
/// personal records as beyond its purpose, naming no one.
fn reckless_flags(world: &World) -> Vec<Action> {
    let mut moves: Vec<Action> = (0..world.accesses.len())
        .filter_map(|ix| world.access(ix))
        .map(|(_, a)| {
            Action::AddFlag(Flag::new(
                FlagTarget::Access(a.id.to_string()),
                Category::BeyondPurpose,
                &[],
                &[],
            ))
        })
        .collect();
    let mut batches_seen = BTreeSet::new();
    for (i, e) in world.ledger.entries().iter().enumerate() {
        if e.to != Colour::Red {
            continue;
        }
        let id = EntryId(i as u32);
        let target = match world.assignment_of(id).and_then(|a| a.batch.as_ref()) {
            Some(b) if !batches_seen.insert(b.to_string()) => continue,
            Some(b) => FlagTarget::Batch(b.to_string()),
            None => FlagTarget::Entry(id),
        };
        moves.push(Action::AddFlag(Flag::new(
            target,
            Category::NoEpidemicBasis,
            &[],
            &[],
        )));
    }
    moves
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::query::{Link, LinkTarget};
    use crate::scenario::catalog::OfficialIx;
    use crate::scenario::time::Time;

    fn link(target: LinkTarget, id: &str, text: &str) -> Link {
        Link {
            target,
            id: id.to_owned(),
            text: text.to_owned(),
        }
    }

    #[test]
    fn labels_are_read_under_the_traced_change_only() {
        let trace = Trace {
            person: "p".into(),
            name: "P".into(),
            at: Time(0),
            system: "s".into(),
            colour: Colour::Red,
            entry: Some(EntryId(1)),
            codes: Vec::new(),
            links: vec![
                link(LinkTarget::Entry(EntryId(1)), "1", "#1"),
                link(
                    LinkTarget::Executor(OfficialIx(0)),
                    "a",
                    "carried it out: A",
                ),
                link(LinkTarget::Official(OfficialIx(1)), "b", "decided: B"),
                link(LinkTarget::Official(OfficialIx(1)), "b", "decided: B"),
                link(LinkTarget::Entry(EntryId(0)), "0", "#0"),
                link(LinkTarget::Official(OfficialIx(2)), "c", "decided: C"),
            ],
        };
        assert_eq!(labelled(&trace, ChainRole::Decided), ["b"]);
        assert_eq!(labelled(&trace, ChainRole::CarriedOut), ["a"]);
        assert!(labelled(&trace, ChainRole::PassedOn).is_empty());
    }

    #[test]
    fn a_single_answer_needs_exactly_one_candidate() {
        let two = vec!["a".to_owned(), "b".to_owned()];
        assert!(shaped(PickKind::Official, two.clone()).is_err());
        assert_eq!(
            shaped(PickKind::Officials, two),
            Ok(Given::Officials(vec!["a".into(), "b".into()]))
        );
        assert_eq!(
            shaped(PickKind::Person, vec!["x".into()]),
            Ok(Given::Person("x".into()))
        );
        assert!(shaped(PickKind::Document, Vec::new()).is_err());
    }
}

//! A scenario's readiness at a glance, for its author: who is in it, what happens, what the
//! ledger holds, what the answer key picks and answers, and what happens day by day.
//!
//! Everything is read from the world's indexes (entries by rule, batch and official, the
//! tally's counts at a moment) or from one pass over the ledger and the timeline, never
//! person by person, so a preview of a city of 200,000 costs about what simulating it did.

use std::collections::BTreeMap;

use crate::audit::score::{answer_matches, describe_answer, describe_given};
use crate::engine::{Cause, World};
use crate::scenario::Diagnostic;
use crate::scenario::expand::Occurrence;
use crate::scenario::model::EventKind;
use crate::scenario::time::{MINUTES_PER_DAY, Time};

use super::playtest::found_answers;

/// What a scenario holds and does, ready to print.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub id: String,
    pub title: String,
    pub seed: u64,
    pub start: Time,
    pub end: Time,
    pub people: People,
    /// Events by kind, in a fixed order; kinds with none left out.
    pub events: Vec<EventCount>,
    /// Ledger entries in all.
    pub entries: usize,
    /// Entries each rule made (lifts included), every rule listed.
    pub rules: Vec<Count>,
    /// Entries each batch made, in id order.
    pub batches: Vec<BatchCount>,
    /// Officials who changed codes by hand, in the file's order.
    pub operators: Vec<OperatorCount>,
    pub findings: Vec<KeySet>,
    pub lawful: Vec<KeySet>,
    pub objectives: Vec<ObjectiveAnswer>,
    /// Warnings, one `file:line:col: warning: message` line each.
    pub warnings: Vec<String>,
    /// Days with something happening, in order.
    pub days: Vec<Day>,
}

/// Everyone in the scenario: written by hand, and made by each crowd.
#[derive(Debug, Clone, PartialEq)]
pub struct People {
    pub total: usize,
    pub hand_written: usize,
    /// Each crowd's id, members and companions.
    pub crowds: Vec<(String, u32, u32)>,
}

/// Events of a kind: on the timeline in all, and written in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct EventCount {
    pub kind: &'static str,
    pub total: usize,
    pub written: usize,
}

/// Something by id, with how many entries it has.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub id: String,
    pub name: String,
    pub entries: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BatchCount {
    pub id: String,
    /// The official whose account ran it.
    pub operator: String,
    pub entries: usize,
    pub first: Time,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OperatorCount {
    pub id: String,
    pub account: Option<String>,
    /// Manual changes by the colour they set: green, yellow, red.
    pub manual: [u32; 3],
    pub reversals: u32,
}

/// A finding or lawful set of the key, with what it picks once the scenario has run.
#[derive(Debug, Clone, PartialEq)]
pub struct KeySet {
    pub id: String,
    pub title: String,
    pub entries: usize,
    pub people: usize,
}

/// An objective's answer as the key gives it, and as the tools its `found_by` names find it.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectiveAnswer {
    pub id: String,
    pub question: String,
    pub key: String,
    /// What the tools find, or why they find nothing.
    pub found: Result<String, String>,
    /// Whether what the tools find is the key's answer.
    pub agrees: bool,
}

/// Colour changes of a day, by cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Causes {
    pub rule: usize,
    pub manual: usize,
    pub reversal: usize,
    pub lapse: usize,
    pub lift: usize,
}

impl Causes {
    pub fn total(&self) -> usize {
        self.rule + self.manual + self.reversal + self.lapse + self.lift
    }
}

/// One day of the scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    /// The day's first minute.
    pub date: Time,
    pub changes: Causes,
    /// Batches whose first entry fell on the day: id and entries.
    pub batches: Vec<(String, usize)>,
    /// Documents that reach the auditor on the day: id and title.
    pub documents: Vec<(String, String)>,
    /// People green, yellow and red in the first code system at the day's end.
    pub colours: [u32; 3],
}

impl Day {
    /// The date alone, `YYYY-MM-DD`.
    pub fn date_text(&self) -> String {
        let text = self.date.to_string();
        text.get(..10).unwrap_or(&text).to_owned()
    }
}

/// The preview of a simulated scenario; `warnings` are those found when it opened.
pub fn preview(world: &World, warnings: &[Diagnostic]) -> Preview {
    let s = &world.scenario;
    Preview {
        id: s.id.to_string(),
        title: s.title.to_string(),
        seed: world.seed,
        start: s.start,
        end: s.end,
        people: People {
            total: world.person_count(),
            hand_written: s.people.len(),
            crowds: s
                .crowds
                .iter()
                .map(|c| (c.id.to_string(), c.count, c.companions))
                .collect(),
        },
        events: events(world),
        entries: world.ledger.len(),
        rules: s
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| Count {
                id: r.id.to_string(),
                name: r.name.to_string(),
                entries: world.ledger.by_rule(i as u16).len(),
            })
            .collect(),
        batches: batches(world),
        operators: operators(world),
        findings: key_sets(world, true),
        lawful: key_sets(world, false),
        objectives: objectives(world),
        warnings: warnings.iter().map(Diagnostic::to_string).collect(),
        days: days(world),
    }
}

/// The kinds of event, in the order the preview lists them.
const KINDS: [&str; 14] = [
    "scan",
    "carrier location",
    "arrival form",
    "test",
    "case report",
    "area risk",
    "inbound arrival",
    "missed test",
    "manual assignment",
    "reversal",
    "decision",
    "order",
    "rule set, changed, ended",
    "access to personal records",
];

fn kind_of(event: &EventKind) -> usize {
    match event {
        EventKind::Scan { .. } => 0,
        EventKind::Carrier { .. } => 1,
        EventKind::ArrivalForm { .. } => 2,
        EventKind::Test { .. } => 3,
        EventKind::CaseReport { .. } => 4,
        EventKind::AreaRisk { .. } => 5,
        EventKind::InboundArrival { .. } => 6,
        EventKind::MissedTest { .. } => 7,
        EventKind::Assignment(_) => 8,
        EventKind::Reversal { .. } => 9,
        EventKind::Decision { .. } => 10,
        EventKind::Order { .. } => 11,
        EventKind::RuleSet { .. }
        | EventKind::RuleChanged { .. }
        | EventKind::RuleWithdrawn { .. } => 12,
        EventKind::Access(_) => 13,
    }
}

/// Events by kind: one pass over the timeline, one over the file's events. Decisions and
/// orders are not on the timeline (they are known through records), so they count as
/// written only.
fn events(world: &World) -> Vec<EventCount> {
    let mut total = [0usize; KINDS.len()];
    let mut written = [0usize; KINDS.len()];
    for event in &world.scenario.events {
        written[kind_of(&event.what)] += 1;
    }
    for item in &world.timeline {
        let kind = match item.what {
            Occurrence::Scan { .. } => 0,
            Occurrence::Carrier { .. } => 1,
            Occurrence::ArrivalForm { .. } => 2,
            Occurrence::Test { .. } => 3,
            Occurrence::Scripted(i) => match world.scenario.events.get(i as usize) {
                Some(e) => kind_of(&e.what),
                None => continue,
            },
        };
        total[kind] += 1;
    }
    total[10] = written[10];
    total[11] = written[11];
    KINDS
        .iter()
        .enumerate()
        .filter(|&(i, _)| total[i] > 0 || written[i] > 0)
        .map(|(i, &kind)| EventCount {
            kind,
            total: total[i],
            written: written[i],
        })
        .collect()
}

fn batches(world: &World) -> Vec<BatchCount> {
    world
        .ledger
        .batches()
        .filter_map(|id| {
            let entries = world.ledger.by_batch(id);
            let first = *entries.first()?;
            let operator = world
                .assignment_of(first)
                .map_or(String::new(), |a| a.operator.to_string());
            Some(BatchCount {
                id: id.to_owned(),
                operator,
                entries: entries.len(),
                first: world.ledger.get(first)?.at,
            })
        })
        .collect()
}

fn operators(world: &World) -> Vec<OperatorCount> {
    let end = world.scenario.end;
    world
        .ledger
        .officials_who_changed_codes()
        .map(|o| {
            let official = world.official(o);
            OperatorCount {
                id: official.id.to_string(),
                account: official.account.as_ref().map(ToString::to_string),
                manual: world.tally.manual_by(o, end),
                reversals: world.tally.reversals_by(o, end),
            }
        })
        .collect()
}

fn key_sets(world: &World, findings: bool) -> Vec<KeySet> {
    let Some(key) = &world.scenario.answer_key else {
        return Vec::new();
    };
    let sets: Vec<_> = if findings {
        key.findings
            .iter()
            .map(|f| (&f.id, &f.title, &f.entries))
            .collect()
    } else {
        key.lawful
            .iter()
            .map(|l| (&l.id, &l.title, &l.entries))
            .collect()
    };
    sets.into_iter()
        .map(|(id, title, selector)| {
            let ids = world.select(selector);
            // A set of accesses counts its accesses and the people they name.
            let (picked, people) = if selector.picks_accesses() {
                let accesses = world.select_accesses(selector);
                let named: std::collections::BTreeSet<_> = accesses
                    .iter()
                    .filter_map(|&ix| world.access(ix))
                    .flat_map(|(_, a)| world.access_people(a))
                    .collect();
                (accesses.len(), named.len())
            } else {
                (ids.len(), world.entry_figures(ids).people)
            };
            KeySet {
                id: id.to_string(),
                title: title.to_string(),
                entries: picked,
                people,
            }
        })
        .collect()
}

fn objectives(world: &World) -> Vec<ObjectiveAnswer> {
    let Some(key) = &world.scenario.answer_key else {
        return Vec::new();
    };
    let mut found: BTreeMap<String, Result<_, String>> = found_answers(world).into_iter().collect();
    key.objectives
        .iter()
        .map(|o| {
            let given = found
                .remove(o.id.as_str())
                .unwrap_or_else(|| Err("not answered".to_owned()));
            ObjectiveAnswer {
                id: o.id.to_string(),
                question: o.question.to_string(),
                key: describe_answer(world, &o.answer),
                agrees: given.as_ref().is_ok_and(|g| answer_matches(&o.answer, g)),
                found: given.map(|g| describe_given(world, &g)),
            }
        })
        .collect()
}

/// The day a moment falls on, as a number of days.
fn day_of(at: Time) -> i64 {
    at.0.div_euclid(MINUTES_PER_DAY)
}

/// Days with a colour change, a batch or a document: one pass over the ledger.
fn days(world: &World) -> Vec<Day> {
    let mut days: BTreeMap<i64, Day> = BTreeMap::new();
    for e in world.ledger.entries() {
        let d = entry_day(&mut days, e.at);
        match e.cause {
            Cause::Rule { .. } => d.changes.rule += 1,
            Cause::Manual { .. } => d.changes.manual += 1,
            Cause::Reversal { .. } => d.changes.reversal += 1,
            Cause::Lapse { .. } => d.changes.lapse += 1,
            Cause::Lift { .. } => d.changes.lift += 1,
        }
    }
    for b in batches(world) {
        entry_day(&mut days, b.first)
            .batches
            .push((b.id, b.entries));
    }
    for doc in &world.scenario.documents {
        entry_day(&mut days, doc.available_from)
            .documents
            .push((doc.id.to_string(), doc.title.to_string()));
    }
    days.into_values()
        .map(|mut d| {
            let last = d.date.plus_minutes(MINUTES_PER_DAY - 1);
            let counts = world.tally.counts_at(last);
            d.colours = counts.first().copied().unwrap_or([0; 3]);
            d
        })
        .collect()
}

fn entry_day(days: &mut BTreeMap<i64, Day>, at: Time) -> &mut Day {
    let n = day_of(at);
    days.entry(n).or_insert_with(|| Day {
        date: Time(n * MINUTES_PER_DAY),
        changes: Causes::default(),
        batches: Vec::new(),
        documents: Vec::new(),
        colours: [0; 3],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::open::open;

    fn tutorial() -> Preview {
        let opened = open(Some("tutorial"), None).unwrap();
        preview(&opened.world, &opened.warnings)
    }

    #[test]
    fn people_and_events_add_up() {
        let p = tutorial();
        assert_eq!(p.people.total, 44);
        assert_eq!(p.people.hand_written, 4);
        assert_eq!(p.people.crowds, vec![("townsfolk".to_owned(), 40, 0)]);
        let kinds: Vec<(&str, usize, usize)> = p
            .events
            .iter()
            .map(|e| (e.kind, e.total, e.written))
            .collect();
        assert!(kinds.contains(&("scan", 48, 8)), "{kinds:?}");
        assert!(kinds.contains(&("order", 1, 1)), "{kinds:?}");
        assert!(
            !kinds.iter().any(|k| k.0 == "reversal"),
            "kinds with none are left out"
        );
    }

    #[test]
    fn entries_are_counted_by_rule_operator_and_key_set() {
        let p = tutorial();
        let rule = |id: &str| p.rules.iter().find(|r| r.id == id).unwrap().entries;
        assert_eq!((rule("case-positive"), rule("close-contact")), (1, 1));
        assert_eq!(p.rules.len(), 2, "every rule of the file is listed");
        assert!(p.batches.is_empty());
        assert_eq!(p.operators.len(), 1);
        assert_eq!(
            (p.operators[0].manual, p.operators[0].reversals),
            ([0, 0, 1], 0)
        );
        assert_eq!((p.findings[0].entries, p.findings[0].people), (1, 1));
        assert_eq!(p.lawful.len(), 2);
        assert!(p.objectives.iter().all(|o| o.agrees), "{:?}", p.objectives);
        assert!(p.warnings.is_empty());
    }

    #[test]
    fn each_day_counts_its_changes_by_cause() {
        let p = tutorial();
        let day = |date: &str| p.days.iter().find(|d| d.date_text() == date).unwrap();
        let third = day("2022-06-03");
        assert_eq!((third.changes.rule, third.changes.manual), (2, 1));
        assert_eq!(third.colours, [41, 0, 3]);
        assert_eq!(third.documents[0].0, "doc-case-notice");
        assert_eq!(day("2022-06-10").changes.lapse, 1);
        // Every entry falls on one day.
        let total: usize = p.days.iter().map(|d| d.changes.total()).sum();
        assert_eq!(total, p.entries);
    }

    #[test]
    fn batches_and_reversals_fall_on_their_days() {
        let opened = open(Some("zhengzhou-2022"), None).unwrap();
        let world = &opened.world;
        let p = preview(world, &opened.warnings);
        let in_batches: usize = p.batches.iter().map(|b| b.entries).sum();
        let by_day: usize = p.days.iter().flat_map(|d| &d.batches).map(|b| b.1).sum();
        assert_eq!(in_batches, by_day);
        let reversed: u32 = p.operators.iter().map(|o| o.reversals).sum();
        let by_day: usize = p.days.iter().map(|d| d.changes.reversal).sum();
        assert_eq!(reversed as usize, by_day);
        assert!(reversed > 0);
        let set = world.select(&world.scenario.answer_key.as_ref().unwrap().findings[0].entries);
        assert_eq!(p.findings[0].entries, set.len());
    }
}

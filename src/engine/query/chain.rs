//! The chain of decision behind a manual change, as far as the records that have reached the
//! auditor reveal it: who carried it out, who passed the instruction on, who decided.
//!
//! Decisions and orders are not public events. Each is known from the moment a record
//! that reveals it (its `document`, or a call log, statement or minutes whose `reveals`
//! names it) reaches the auditor; until then the chain says what is not on record yet
//! instead of naming anyone. An order is attached only to the changes it leads to: those
//! its `concerns` cover, or, when it names none, those citing its record as their directive. The same words label the trace, the
//! Operators screen and the answer key, so what a player reads off the trace at the end of
//! the clock is what the key asks for.

use std::collections::BTreeSet;

use crate::scenario::catalog::{DocumentIx, OfficialIx};
use crate::scenario::model::{Assignment, ChainRole, Concern, EventKind, Targets, Trigger};
use crate::scenario::time::Time;

use super::super::ledger::{Cause, EntryId};
use super::super::world::World;

/// How a step of the chain is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The change ran from the official's own account.
    Account,
    /// The official compiled the list the change used (a list, by its index).
    List(u16),
    /// The official gave an order or took a decision (an event's index in
    /// `Scenario::events`).
    Instruction(u32),
}

/// One official's part in the chain behind a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainStep {
    pub role: ChainRole,
    pub official: OfficialIx,
    pub via: Via,
}

/// The chain behind a change as known at a moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KnownChain {
    /// Each official's part, each (part, official) once, in the order the chain is followed:
    /// down from the change, up to the decision.
    pub steps: Vec<ChainStep>,
    /// The known decisions and orders behind the change, nearest first: each event's index
    /// with the officials it shows and their part (a decision shows all who took it).
    pub instructions: Vec<(u32, Vec<(ChainRole, OfficialIx)>)>,
    /// What the records do not show yet, in words.
    pub not_yet: Vec<String>,
}

impl KnownChain {
    fn push(&mut self, role: ChainRole, official: OfficialIx, via: Via) {
        let known = self
            .steps
            .iter()
            .any(|s| s.role == role && s.official == official);
        if !known {
            self.steps.push(ChainStep {
                role,
                official,
                via,
            });
        }
    }

    /// The officials named in a part, each once, in the chain's order.
    pub fn named(&self, role: ChainRole) -> Vec<OfficialIx> {
        let mut seen = Vec::new();
        for step in self.steps.iter().filter(|s| s.role == role) {
            if !seen.contains(&step.official) {
                seen.push(step.official);
            }
        }
        seen
    }
}

/// Longest chain of instructions followed up from a change: no real chain is this deep,
/// and a file whose orders follow each other in a circle must not loop.
const MAX_DEPTH: usize = 16;

impl World {
    /// Whether the record `document` has reached the auditor by `clock`.
    pub fn record_known(&self, document: &str, clock: Time) -> bool {
        self.catalog
            .documents
            .get(document)
            .is_some_and(|&d| self.scenario.documents[d.ix()].available_from <= clock)
    }

    /// Whether a decision or order (an event's index) is known by `clock`: its own record,
    /// or one that reveals it, has reached the auditor.
    pub fn instruction_known(&self, event: u32, clock: Time) -> bool {
        match self.scenario.events.get(event as usize).map(|e| &e.what) {
            Some(
                EventKind::Order { id, document, .. } | EventKind::Decision { id, document, .. },
            ) => {
                document
                    .as_ref()
                    .is_some_and(|d| self.record_known(d, clock))
                    || self.revealing(id).any(|d| self.available(d, clock))
            }
            _ => false,
        }
    }

    /// The record that shows a decision or order at `clock`: its own document, else the
    /// first record in by then that reveals it, else the first that will.
    pub fn instruction_record(&self, event: u32, clock: Time) -> Option<DocumentIx> {
        let (id, document) = match &self.scenario.events.get(event as usize)?.what {
            EventKind::Order { id, document, .. } | EventKind::Decision { id, document, .. } => {
                (id, document)
            }
            _ => return None,
        };
        if let Some(&d) = document
            .as_ref()
            .and_then(|d| self.catalog.documents.get(d.as_str()))
        {
            return Some(d);
        }
        let mut revealing = self.revealing(id).peekable();
        let first = revealing.peek().copied();
        revealing.find(|&d| self.available(d, clock)).or(first)
    }

    /// The records whose `reveals` names an order or decision, in the file's order.
    fn revealing<'w>(&'w self, id: &str) -> impl Iterator<Item = DocumentIx> + 'w {
        let records = self
            .catalog
            .revealed_by
            .get(id)
            .map_or(&[][..], Vec::as_slice);
        records.iter().copied()
    }

    fn available(&self, d: DocumentIx, clock: Time) -> bool {
        self.scenario.documents[d.ix()].available_from <= clock
    }

    /// The chain behind an entry as the records known at `clock` show it: a manual
    /// change's, or a rule's change's (who set the rule and the order behind it); empty
    /// for lapses, lifts and reversals.
    pub fn chain_of(&self, entry: EntryId, clock: Time) -> KnownChain {
        match (self.assignment_of(entry), self.ledger.get(entry)) {
            (Some(a), Some(e)) => self.chain_of_assignment(a, e.at, clock),
            (None, Some(e)) => match e.cause {
                Cause::Rule { rule, .. } => self.chain_of_rule(rule, e.at, clock),
                _ => KnownChain::default(),
            },
            _ => KnownChain::default(),
        }
    }

    /// The chain behind a rule's change at `at`: who set the rule carried it out (the
    /// `RuleSet` or `RuleChanged` event's `by`, else the rule's issuer), and the order the
    /// event cites is followed up as an assignment's directive is.
    fn chain_of_rule(&self, rule: u16, at: Time, clock: Time) -> KnownChain {
        let mut chain = KnownChain::default();
        let set = self.rule_set_event(rule, at);
        let (by, order) = match set.map(|e| &self.scenario.events[e as usize].what) {
            Some(
                EventKind::RuleSet { by, order, .. } | EventKind::RuleChanged { by, order, .. },
            ) => (by.as_ref(), order.as_ref()),
            _ => (None, None),
        };
        let setter = by.or(self.scenario.rules[rule as usize].issuer.as_ref());
        if let Some(o) = setter.and_then(|s| self.official_ix(s)) {
            let via = set.map_or(Via::Account, Via::Instruction);
            chain.push(ChainRole::CarriedOut, o, via);
        }
        let mut first: Vec<u32> = order
            .and_then(|o| self.catalog.orders.get(o.as_str()).copied())
            .into_iter()
            .collect();
        for event in self.orders_concerning_rule(rule, at) {
            if !first.contains(&event) {
                first.push(event);
            }
        }
        self.chain_above(first, clock, &mut chain);
        chain
    }

    /// The orders given by `at` whose `concerns` cover a rule's changes: the rule itself, or
    /// the list it keys on.
    fn orders_concerning_rule(&self, rule: u16, at: Time) -> Vec<u32> {
        let r = &self.scenario.rules[rule as usize];
        let covers = |c: &Concern| match c {
            Concern::Rule(id) => id == &r.id,
            Concern::List(list) => {
                matches!(&r.trigger, Trigger::ListMember { list: l } if l == list)
            }
            _ => false,
        };
        self.catalog
            .instructions
            .iter()
            .copied()
            .filter(|&i| {
                let event = &self.scenario.events[i as usize];
                matches!(&event.what, EventKind::Order { concerns, .. }
                    if event.at <= at && concerns.iter().any(covers))
            })
            .collect()
    }

    /// The chain behind an assignment made at `at`, as known at `clock`.
    fn chain_of_assignment(&self, a: &Assignment, at: Time, clock: Time) -> KnownChain {
        let mut chain = KnownChain::default();
        if let Some(op) = self.official_ix(&a.operator) {
            chain.push(ChainRole::CarriedOut, op, Via::Account);
        }
        self.list_compiler(a, clock, &mut chain);
        let first = self.instructions_for(a, at);
        self.chain_above(first, clock, &mut chain);
        chain
    }

    /// The decisions and orders above a change, from the first instructions it carries
    /// out, each official labelled with their part.
    fn chain_above(&self, first: Vec<u32>, clock: Time, chain: &mut KnownChain) {
        if first.is_empty() {
            return;
        }
        let reached = self.follow_up(first, clock, chain);
        // Who decided is settled first, so that a decider's own order down the chain is
        // read as part of the decision, not as passing an instruction on.
        let mut deciders = BTreeSet::new();
        for &event in &reached {
            match &self.scenario.events[event as usize].what {
                EventKind::Decision { by, .. } => {
                    deciders.extend(by.iter().filter_map(|o| self.official_ix(o)));
                }
                EventKind::Order { from, follows, .. } if follows.is_empty() => {
                    deciders.extend(self.official_ix(from));
                }
                _ => {}
            }
        }
        for event in reached {
            let shown: Vec<(ChainRole, OfficialIx)> =
                match &self.scenario.events[event as usize].what {
                    EventKind::Decision { by, .. } => by
                        .iter()
                        .filter_map(|o| self.official_ix(o))
                        .map(|o| (ChainRole::Decided, o))
                        .collect(),
                    EventKind::Order { from, .. } => self
                        .official_ix(from)
                        .map(|o| {
                            let role = if deciders.contains(&o) {
                                ChainRole::Decided
                            } else {
                                ChainRole::PassedOn
                            };
                            (role, o)
                        })
                        .into_iter()
                        .collect(),
                    _ => Vec::new(),
                };
            for &(role, o) in &shown {
                chain.push(role, o, Via::Instruction(event));
            }
            chain.instructions.push((event, shown));
        }
    }

    /// The list an assignment used and who compiled it, when the record of the list is in.
    fn list_compiler(&self, a: &Assignment, clock: Time, chain: &mut KnownChain) {
        let Targets::ListScannedIn { list, .. } = &a.targets else {
            return;
        };
        let Some(&ix) = self.catalog.lists.get(list.as_str()) else {
            return;
        };
        let record = &self.scenario.lists[ix as usize];
        let known = record
            .document
            .as_ref()
            .is_some_and(|d| self.record_known(d, clock));
        match self.official_ix(&record.compiled_by) {
            Some(o) if known => chain.push(ChainRole::CarriedOut, o, Via::List(ix)),
            Some(_) => chain
                .not_yet
                .push(format!("who compiled the list {list} is not on record yet")),
            None => {}
        }
    }

    /// The instructions an assignment carries out, by time of the change: the orders whose
    /// `concerns` cover it; of the orders that name no concerns, those its directive records,
    /// or, when it cites none, those its operator had received. An order about something
    /// else is never attached, even when the same record holds it.
    fn instructions_for(&self, a: &Assignment, at: Time) -> Vec<u32> {
        self.catalog
            .instructions
            .iter()
            .copied()
            .filter(|&i| {
                let event = &self.scenario.events[i as usize];
                let EventKind::Order {
                    document,
                    to,
                    concerns,
                    ..
                } = &event.what
                else {
                    return false;
                };
                if event.at > at {
                    return false;
                }
                if !concerns.is_empty() {
                    return concerns.iter().any(|c| covers_assignment(c, a));
                }
                let recorded = a.directive.is_some() && document == &a.directive;
                let received = a.directive.is_none() && to.contains(&a.operator);
                recorded || received
            })
            .collect()
    }

    /// Follows instructions up through what each follows, nearest first, keeping the known
    /// ones and saying where the record stops.
    fn follow_up(&self, first: Vec<u32>, clock: Time, chain: &mut KnownChain) -> Vec<u32> {
        let mut reached: Vec<u32> = Vec::new();
        let mut level = first;
        for depth in 0..MAX_DEPTH {
            let mut above = Vec::new();
            for event in level {
                if reached.contains(&event) {
                    continue;
                }
                if !self.instruction_known(event, clock) {
                    let words = if depth == 0 {
                        "the instruction behind this change is not on record yet"
                    } else {
                        "who gave the instruction that was passed on is not on record yet"
                    };
                    if !chain.not_yet.iter().any(|n| n == words) {
                        chain.not_yet.push(words.to_owned());
                    }
                    continue;
                }
                reached.push(event);
                if let EventKind::Order { follows, .. } = &self.scenario.events[event as usize].what
                {
                    let ids = follows.iter();
                    above
                        .extend(ids.filter_map(|id| self.catalog.orders.get(id.as_str()).copied()));
                }
            }
            if above.is_empty() {
                break;
            }
            level = above;
        }
        reached
    }

    /// What the records known at `clock` show of one official's part in any chain behind
    /// the changes made by then: each (part, instruction or list or account) once.
    pub fn parts_of(&self, official: OfficialIx, clock: Time) -> Vec<ChainStep> {
        let mut parts: Vec<ChainStep> = Vec::new();
        // Assignments are few (events in the file), however many entries each made.
        for event in &self.scenario.events {
            let EventKind::Assignment(a) = &event.what else {
                continue;
            };
            if event.at > clock {
                continue;
            }
            for step in self.chain_of_assignment(a, event.at, clock).steps {
                if step.official == official && !parts.contains(&step) {
                    parts.push(step);
                }
            }
        }
        // Rules set by the clock: each rule's chain as of the clock.
        for (rule, _) in self.scenario.rules.iter().enumerate() {
            let rule = rule as u16;
            if self.rule_set_event(rule, clock).is_none() {
                continue;
            }
            for step in self.chain_of_rule(rule, clock, clock).steps {
                if step.official == official && !parts.contains(&step) {
                    parts.push(step);
                }
            }
        }
        parts
    }
}

/// Whether an order's concern covers a manual change.
fn covers_assignment(concern: &Concern, a: &Assignment) -> bool {
    match (concern, &a.targets) {
        (Concern::List(list), Targets::ListScannedIn { list: l, .. }) => l == list,
        (Concern::Batch(batch), _) => a.batch.as_ref() == Some(batch),
        (Concern::People(people), Targets::People(named)) => {
            named.iter().any(|p| people.contains(p))
        }
        (Concern::Directive(doc), _) => a.directive.as_ref() == Some(doc),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::open::open_loaded;
    use crate::scenario::load::parse_str;

    /// The minimal fixture with a decision above the directive's order, an unrelated order
    /// to the same operator, and the meeting notes that reveal the decision on 12 June.
    fn world(extra_events: &str) -> World {
        let text = include_str!("../../../tests/fixtures/minimal.ron")
            // The work instruction reaches the auditor the morning after the batch.
            .replace(
                r#"available_from: "2022-06-10 17:00", author: "chen""#,
                r#"available_from: "2022-06-11 10:00", author: "chen""#,
            )
            .replace(
                "    officials: [",
                r#"    officials: [
        Official(id: "boss", name: "Feng", post: "Head", organisation: "Command", role: "none"),
        Official(id: "mid", name: "Zhao", post: "Director", organisation: "Office", role: "none"),"#,
            )
            .replace(
                "    roles: [",
                r#"    roles: [
        Role(id: "none", name: "No code authority"),"#,
            )
            .replace(
                "    documents: [",
                r#"    documents: [
        Document(id: "doc-minutes", title: "Minutes", kind: Directive, available_from: "2022-06-12 00:00", author: "boss", body: "Decided."),"#,
            )
            .replace(
                "    events: [",
                &format!(
                    r#"    events: [
        Event(at: "2022-06-10 09:00", what: Decision(id: "dec", by: ["boss"], summary: "Red codes for the listed", document: Some("doc-minutes"))),
        Event(at: "2022-06-10 12:00", what: Order(id: "ord-mid", from: "mid", to: ["chen"], summary: "Run it", document: Some("doc-order"), follows: ["dec"])),
        Event(at: "2022-06-10 13:00", what: Order(id: "ord-other", from: "boss", to: ["chen"], summary: "Something else", document: Some("doc-minutes"))),
{extra_events}"#
                ),
            );
        let loaded = parse_str("chain.ron", text).expect("the test scenario parses");
        open_loaded(loaded, None)
            .expect("the test scenario opens")
            .world
    }

    fn names(world: &World, chain: &KnownChain, role: ChainRole) -> Vec<String> {
        let named = chain.named(role).into_iter();
        named.map(|o| world.official(o).id.to_string()).collect()
    }

    #[test]
    fn the_chain_grows_as_the_records_come_in() {
        let world = world("");
        let entry = world.ledger.by_batch("b-1")[0];
        let at = |s: &str| Time::parse(s).unwrap();
        // Before the work instruction is in: only the account that ran it.
        let early = world.chain_of(entry, at("2022-06-11 03:00"));
        assert_eq!(names(&world, &early, ChainRole::CarriedOut), ["chen"]);
        assert!(early.named(ChainRole::PassedOn).is_empty());
        assert!(early.named(ChainRole::Decided).is_empty());
        assert_eq!(
            early.not_yet,
            ["the instruction behind this change is not on record yet"]
        );
        // The instruction is in, the minutes are not: who passed it on, and a gap above.
        let middle = world.chain_of(entry, at("2022-06-11 12:00"));
        assert_eq!(names(&world, &middle, ChainRole::PassedOn), ["mid"]);
        assert!(middle.named(ChainRole::Decided).is_empty());
        assert_eq!(
            middle.not_yet,
            ["who gave the instruction that was passed on is not on record yet"]
        );
        // Everything in: the decision. The unrelated order to the same operator stays out.
        let late = world.chain_of(entry, at("2022-06-12 12:00"));
        assert_eq!(names(&world, &late, ChainRole::Decided), ["boss"]);
        assert_eq!(names(&world, &late, ChainRole::PassedOn), ["mid"]);
        assert!(late.not_yet.is_empty());
        let other = world.catalog.orders["ord-other"];
        assert!(late.instructions.iter().all(|(e, _)| *e != other));
    }

    #[test]
    fn orders_that_follow_each_other_in_a_circle_end() {
        let world = world(
            r#"        Event(at: "2022-06-10 14:00", what: Order(id: "ord-a", from: "mid", to: ["chen"], summary: "A", document: Some("doc-minutes"), follows: ["ord-b"])),
        Event(at: "2022-06-10 15:00", what: Order(id: "ord-b", from: "boss", to: ["mid"], summary: "B", document: Some("doc-minutes"), follows: ["ord-a"])),
"#,
        );
        let official = world.official_ix("mid").unwrap();
        let parts = world.parts_of(official, world.scenario.end);
        assert!(parts.iter().any(|p| p.role == ChainRole::PassedOn));
    }

    #[test]
    fn an_order_that_follows_nothing_is_its_senders_decision() {
        let world = world("").scenario.clone();
        let mut scenario = world;
        for event in &mut scenario.events {
            if let EventKind::Order { follows, .. } = &mut event.what {
                follows.clear();
            }
        }
        let text = ron::to_string(&scenario).unwrap();
        let loaded = parse_str("chain.ron", text).unwrap();
        let world = open_loaded(loaded, None).unwrap().world;
        let entry = world.ledger.by_batch("b-1")[0];
        let chain = world.chain_of(entry, world.scenario.end);
        assert_eq!(names(&world, &chain, ChainRole::Decided), ["mid"]);
        assert!(chain.named(ChainRole::PassedOn).is_empty());
    }
}

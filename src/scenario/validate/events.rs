//! The timeline: every event's references, operators with accounts, assignments and
//! reversals that come after their batch.

use std::collections::BTreeMap;

use super::ids::Kind;
use super::{Checker, item};
use crate::scenario::load::Step::{self, Field, Item};
use crate::scenario::model::{Assignment, Concern, EventKind, Targets};
use crate::scenario::time::Time;

impl<'a> Checker<'a> {
    pub(super) fn check_events(&mut self) {
        let s = self.scenario;
        let mut batch_times: BTreeMap<&str, Time> = BTreeMap::new();
        for event in &s.events {
            if let EventKind::Assignment(Assignment {
                batch: Some(batch), ..
            }) = &event.what
            {
                batch_times.entry(batch.as_str()).or_insert(event.at);
            }
        }
        for (i, event) in s.events.iter().enumerate() {
            let at = item("events", i);
            let at = &at[..];
            self.out_of_window(at, "at", event.at, "an event");
            match &event.what {
                EventKind::Scan { person, venue } => {
                    self.reference(Kind::Person, at, "person", person);
                    self.reference(Kind::Venue, at, "venue", venue);
                }
                EventKind::Carrier { person, city } => {
                    self.reference(Kind::Person, at, "person", person);
                    if let Some(city) = city {
                        self.reference(Kind::City, at, "city", city);
                    }
                }
                EventKind::ArrivalForm { person, city, .. } => {
                    self.reference(Kind::Person, at, "person", person);
                    self.reference(Kind::City, at, "city", city);
                }
                EventKind::Test { person, .. }
                | EventKind::MissedTest { person }
                | EventKind::InboundArrival { person, .. } => {
                    self.reference(Kind::Person, at, "person", person)
                }
                EventKind::CaseReport { person, visits } => {
                    self.reference(Kind::Person, at, "person", person);
                    for (j, visit) in visits.iter().enumerate() {
                        let visit_at = [
                            Field("events"),
                            Item(i),
                            Field("what"),
                            Field("visits"),
                            Item(j),
                        ];
                        self.reference(Kind::Venue, &visit_at, "venue", &visit.venue);
                        if visit.from > visit.to {
                            self.error(
                                &visit_at,
                                "to",
                                "",
                                "a visit ends before it starts".to_owned(),
                            );
                        }
                    }
                }
                EventKind::AreaRisk { district, .. } => {
                    self.reference(Kind::District, at, "district", district)
                }
                EventKind::Assignment(a) => self.check_assignment(at, a),
                EventKind::Access(a) => self.check_access(at, a),
                EventKind::Order { .. } | EventKind::Decision { .. } => {
                    self.check_instruction(at, &event.what)
                }
                EventKind::RuleSet { .. }
                | EventKind::RuleChanged { .. }
                | EventKind::RuleWithdrawn { .. } => self.check_rule_event(at, &event.what),
                EventKind::Reversal {
                    operator, batch, ..
                } => {
                    self.check_operator(at, operator);
                    self.reference(Kind::Batch, at, "batch", batch);
                    // A reversal before its batch has run would undo nothing.
                    if let Some(ran) = batch_times
                        .get(batch.as_str())
                        .filter(|&&ran| event.at < ran)
                    {
                        self.error(
                            at,
                            "batch",
                            batch,
                            format!(
                                "batch `{batch}` is reversed at {}, before it runs at {ran}",
                                event.at
                            ),
                        );
                    }
                }
            }
        }
    }

    fn check_operator(&mut self, at: &[Step], operator: &str) {
        self.reference(Kind::Official, at, "operator", operator);
        let has_account = self
            .scenario
            .officials
            .iter()
            .any(|o| o.id == operator && o.account.is_some());
        if self.known(Kind::Official, operator) && !has_account {
            self.error(
                at,
                "operator",
                operator,
                format!("operator `{operator}` has no platform account to act through"),
            );
        }
    }

    fn check_assignment(&mut self, at: &[Step], a: &Assignment) {
        self.check_operator(at, &a.operator);
        self.reference(Kind::Reason, at, "reason", &a.reason);
        if let Some(doc) = &a.directive {
            self.reference(Kind::Document, at, "directive", doc);
        }
        if let Some(doc) = &a.basis {
            self.reference(Kind::Document, at, "basis", doc);
        }
        match &a.targets {
            Targets::People(people) => {
                if people.is_empty() {
                    self.error(at, "targets", "", "an assignment names no one".to_owned());
                }
                let mut named = BTreeMap::new();
                for person in people {
                    self.reference(Kind::Person, at, "People", person);
                    let times: &mut usize = named.entry(person.as_str()).or_default();
                    *times += 1;
                    if *times == 2 {
                        let message = format!("person `{person}` is named twice in one assignment");
                        let d = self.locator.nth_error(at, "People", person, 1, message);
                        self.diagnostics.push(d);
                    }
                }
            }
            Targets::ListScannedIn {
                list,
                city,
                from,
                to,
            } => {
                self.reference(Kind::List, at, "list", list);
                self.reference(Kind::City, at, "city", city);
                if from > to {
                    self.error(
                        at,
                        "to",
                        "",
                        "a batch's scan window ends before it starts".to_owned(),
                    );
                }
            }
        }
    }
}

impl Checker<'_> {
    /// A decision or an order: whom it names, the record that reveals it, what it follows.
    fn check_instruction(&mut self, at: &[Step], what: &EventKind) {
        let (officials, document, follows) = match what {
            EventKind::Order {
                from,
                to,
                document,
                follows,
                concerns,
                ..
            } => {
                self.reference(Kind::Official, at, "from", from);
                for concern in concerns {
                    self.check_concern(at, concern);
                }
                (("to", to), document, &follows[..])
            }
            EventKind::Decision { by, document, .. } => (("by", by), document, &[][..]),
            _ => return,
        };
        for official in officials.1 {
            self.reference(Kind::Official, at, officials.0, official);
        }
        if let Some(doc) = document {
            self.reference(Kind::Document, at, "document", doc);
        }
        for order in follows {
            self.reference(Kind::Order, at, "follows", order);
        }
    }
}

impl Checker<'_> {
    /// What an order concerns names things that exist.
    fn check_concern(&mut self, at: &[Step], concern: &Concern) {
        match concern {
            Concern::List(list) => self.reference(Kind::List, at, "List", list),
            Concern::Batch(batch) => self.reference(Kind::Batch, at, "Batch", batch),
            Concern::Rule(rule) => self.reference(Kind::Rule, at, "Rule", rule),
            Concern::Directive(doc) => self.reference(Kind::Document, at, "Directive", doc),
            Concern::People(people) => {
                if people.is_empty() {
                    self.error(at, "People", "", "an order concerns no one".to_owned());
                }
                for person in people {
                    self.reference(Kind::Person, at, "People", person);
                }
            }
        }
    }
}

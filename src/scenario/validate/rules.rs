//! Colour rules, the officials who hold roles, and the lists officials compile.

use super::ids::Kind;
use super::{Checker, item};
use crate::scenario::load::Step;
use crate::scenario::model::{EventKind, Rule, Trigger};

impl<'a> Checker<'a> {
    pub(super) fn check_rules_and_roles(&mut self) {
        let s = self.scenario;
        for (i, rule) in s.rules.iter().enumerate() {
            let at = item("rules", i);
            self.reference(Kind::System, &at, "system", &rule.system);
            self.reference(Kind::Reason, &at, "reason", &rule.reason);
            if rule.duration_days == Some(0) {
                self.warning(
                    &at,
                    "duration_days",
                    "",
                    format!(
                        "rule `{}` lasts 0 days: its colour lapses the minute it is set (`None` lasts until lifted)",
                        rule.id
                    ),
                );
            }
            if let Trigger::NegativeTests { count: 0, .. } = rule.trigger {
                self.error(
                    &at,
                    "trigger",
                    "",
                    format!("rule `{}` lifts on zero tests", rule.id),
                );
            }
            self.check_rule_reach(&at, rule);
        }
        for (i, official) in s.officials.iter().enumerate() {
            let at = item("officials", i);
            self.reference(Kind::Role, &at, "role", &official.role);
            if let Some(system) = &official.system {
                self.reference(Kind::System, &at, "system", system);
            }
        }
        for (i, list) in s.lists.iter().enumerate() {
            let at = item("lists", i);
            self.reference(Kind::Official, &at, "compiled_by", &list.compiled_by);
            if let Some(doc) = &list.document {
                self.reference(Kind::Document, &at, "document", doc);
            }
            for member in &list.members {
                self.reference(Kind::Person, &at, "members", member);
            }
        }
    }
}

impl Checker<'_> {
    /// What a selective trigger names, and a rule's time in force.
    fn check_rule_reach(&mut self, at: &[Step], rule: &Rule) {
        match &rule.trigger {
            Trigger::VenueScan { venues } => {
                if venues.is_empty() {
                    let message = format!("rule `{}` keys on no venue", rule.id);
                    self.error(at, "trigger", "", message);
                }
                for venue in venues {
                    self.reference(Kind::Venue, at, "venues", venue);
                }
            }
            Trigger::ListMember { list } => self.reference(Kind::List, at, "list", list),
            Trigger::AreaStay { cities, .. } => {
                for city in cities {
                    self.reference(Kind::City, at, "cities", city);
                }
            }
            _ => {}
        }
        if let (Some(from), Some(until)) = (rule.from, rule.until)
            && until <= from
        {
            let message = format!(
                "rule `{}` ends at {until}, before it starts at {from}",
                rule.id
            );
            self.error(at, "until", "", message);
        }
    }

    /// An event that sets, changes or withdraws a rule: the rules, who, and the order.
    pub(super) fn check_rule_event(&mut self, at: &[Step], what: &EventKind) {
        let (rule, by, order) = match what {
            EventKind::RuleSet {
                rule, by, order, ..
            }
            | EventKind::RuleWithdrawn {
                rule, by, order, ..
            } => (rule, by, order),
            EventKind::RuleChanged {
                rule,
                becomes,
                by,
                order,
                ..
            } => {
                self.reference(Kind::Rule, at, "becomes", becomes);
                (rule, by, order)
            }
            _ => return,
        };
        self.reference(Kind::Rule, at, "rule", rule);
        if let Some(by) = by {
            self.reference(Kind::Official, at, "by", by);
        }
        if let Some(order) = order {
            self.reference(Kind::Order, at, "order", order);
        }
    }
}

//! Colour rules, the officials who hold roles, and the lists officials compile.

use super::ids::Kind;
use super::{Checker, item};
use crate::scenario::model::Trigger;

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

//! The answer key: findings, lawful entries and objectives, and what they refer to.

use super::ids::Kind;
use super::{Checker, key_item};
use crate::scenario::load::Step::{self, Field};
use crate::scenario::model::{Answer, ChainRole, Selector};

impl<'a> Checker<'a> {
    fn check_selector(&mut self, at: &[Step], selector: &Selector) {
        match selector {
            Selector::Batch(batch) => self.reference(Kind::Batch, at, "Batch", batch),
            Selector::Batches(batches) => {
                if batches.is_empty() {
                    self.error(at, "entries", "", "a selector names no batches".to_owned());
                }
                for batch in batches {
                    self.reference(Kind::Batch, at, "Batches", batch);
                }
            }
            Selector::Operator(op) => self.reference(Kind::Official, at, "Operator", op),
            Selector::Rule(rule) => self.reference(Kind::Rule, at, "Rule", rule),
            Selector::OperatorOn { operator, people } => {
                self.reference(Kind::Official, at, "operator", operator);
                for person in people {
                    self.reference(Kind::Person, at, "people", person);
                }
            }
            Selector::Access(id) => self.reference(Kind::Access, at, "Access", id),
            Selector::Accesses(ids) => {
                if ids.is_empty() {
                    self.error(at, "entries", "", "a selector names no accesses".to_owned());
                }
                for id in ids {
                    self.reference(Kind::Access, at, "Accesses", id);
                }
            }
            Selector::AccessesBy(op) => self.reference(Kind::Official, at, "AccessesBy", op),
        }
    }

    pub(super) fn check_answer_key(&mut self) {
        let Some(key) = &self.scenario.answer_key else {
            self.warning(
                &[],
                "answer_key",
                "",
                "the scenario has no answer key: it can be played but not scored".to_owned(),
            );
            return;
        };
        // A key of lawful sets alone is a control: a clean audit is the right answer. A key
        // of neither has nothing to score.
        if key.findings.is_empty() && key.lawful.is_empty() {
            self.error(
                &[Field("answer_key")],
                "findings",
                "",
                "the answer key lists no findings and no lawful codes".to_owned(),
            );
        }
        for (i, finding) in key.findings.iter().enumerate() {
            let at = key_item("findings", i);
            self.check_selector(&at, &finding.entries);
            for role in ChainRole::ALL {
                for official in finding.named(role) {
                    self.reference(Kind::Official, &at, role.field(), official);
                }
            }
        }
        for (i, lawful) in key.lawful.iter().enumerate() {
            self.check_selector(&key_item("lawful", i), &lawful.entries);
        }
        for (i, objective) in key.objectives.iter().enumerate() {
            let at = key_item("objectives", i);
            match &objective.answer {
                Answer::Official(id) => self.reference(Kind::Official, &at, "Official", id),
                Answer::Officials(ids) => {
                    for id in ids {
                        self.reference(Kind::Official, &at, "Officials", id);
                    }
                }
                Answer::Person(id) => self.reference(Kind::Person, &at, "Person", id),
                Answer::Document(id) => self.reference(Kind::Document, &at, "Document", id),
                Answer::Number(_) => {}
            }
        }
        for control in &key.recommended {
            self.reference(
                Kind::Control,
                &[Field("answer_key")],
                "recommended",
                control,
            );
        }
    }
}

//! The checks on a manual entry: the justification check (does its stated reason hold up
//! against the records?) and the permission check (did the executor's role allow it?).

use serde::Serialize;

use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::{
    Assignment, Colour, DocumentKind, EventKind, Requirement, RiskLevel, Trigger,
};
use crate::scenario::time::Time;

use super::super::ledger::{Cause, Entry, EntryId};
use super::super::world::World;

/// The stated reason set against the records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JustificationCheck {
    pub reason: String,
    /// What the reason would require, in words.
    pub requires: String,
    /// What the records about the person show, one line each.
    pub records: Vec<String>,
    pub holds: bool,
}

/// Whether the executor's role allowed a manual entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermissionCheck {
    pub role: String,
    pub allowed: bool,
    /// Whether the role could not make this change at all, basis or none: no authority
    /// for the colour, or a batch from a role that may not run them.
    pub beyond_role: bool,
    pub problems: Vec<String>,
}

/// What a check found so far: the lines to show and whether the reason holds.
#[derive(Default)]
struct Found {
    lines: Vec<String>,
    holds: bool,
}

impl World {
    /// The stated reason of a manual entry against the records about the person.
    pub fn justification_check(&self, entry: EntryId) -> Option<JustificationCheck> {
        let e = self.ledger.get(entry)?;
        let a = self.assignment_of(entry)?;
        let reason = &self.scenario.reasons[*self.catalog.reasons.get(a.reason.as_str())? as usize];
        let mut found = Found::default();
        self.timeline_records_for(reason.requires, e.person, e.at, &mut found);
        self.rule_entries_for(reason.requires, entry, e, &mut found);
        if reason.requires == Requirement::ContactWithCase {
            self.investigation_record_for(a, e.person, &mut found);
        }
        if reason.requires == Requirement::Nothing {
            found.holds = true;
        }
        if found.lines.is_empty() {
            found.lines.push("no records of that kind".to_owned());
        }
        Some(JustificationCheck {
            reason: reason.text.to_string(),
            requires: requirement_words(reason.requires).to_owned(),
            records: found.lines,
            holds: found.holds,
        })
    }

    /// The person's records up to `at` that bear on the requirement; some of them meet it.
    fn timeline_records_for(
        &self,
        requires: Requirement,
        person: PersonIx,
        at: Time,
        found: &mut Found,
    ) {
        let records = self.records_until(person, at);
        for &r in records {
            let h = &self.timeline[r.ix()];
            let relevant = match (requires, &h.what) {
                (
                    Requirement::ArrivalFromAbroad,
                    Occurrence::ArrivalForm { .. } | Occurrence::Carrier { .. },
                ) => true,
                (Requirement::ArrivalFromAbroad, Occurrence::Scripted(_)) => {
                    let inbound =
                        matches!(self.scripted(r), Some(EventKind::InboundArrival { .. }));
                    found.holds |= inbound;
                    inbound
                }
                (Requirement::PositiveTest, Occurrence::Test { positive, .. }) => {
                    found.holds |= *positive;
                    true
                }
                (Requirement::MissedTest, Occurrence::Scripted(_)) => {
                    let missed = matches!(self.scripted(r), Some(EventKind::MissedTest { .. }));
                    found.holds |= missed;
                    missed
                }
                (
                    Requirement::ContactWithCase
                    | Requirement::HighRiskStay
                    | Requirement::MediumRiskOrOverlap,
                    Occurrence::Scan { .. },
                ) => true,
                _ => false,
            };
            if relevant {
                found.lines.push(self.describe_record(r));
            }
        }
    }

    /// Rule entries earlier on the person's history count as records too: a close contact
    /// found by the rules, a stay in a high-risk district.
    fn rule_entries_for(
        &self,
        requires: Requirement,
        entry: EntryId,
        e: &Entry,
        found: &mut Found,
    ) {
        let person = e.person;
        for &earlier in self.ledger.history(person) {
            let Some(prior) = self.ledger.get(earlier) else {
                continue;
            };
            if prior.at > e.at || earlier == entry {
                continue;
            }
            if let Cause::Rule { rule, .. } = prior.cause {
                let rule = &self.scenario.rules[rule as usize];
                let meets = matches!(
                    (requires, &rule.trigger),
                    (Requirement::ContactWithCase, Trigger::CaseVisit { .. })
                        | (
                            Requirement::HighRiskStay,
                            Trigger::AreaStay {
                                level: RiskLevel::High
                            }
                        )
                        | (
                            Requirement::MediumRiskOrOverlap,
                            Trigger::CaseOverlap { .. } | Trigger::AreaStay { .. }
                        )
                        | (Requirement::PositiveTest, Trigger::PositiveTest)
                        | (Requirement::ArrivalFromAbroad, Trigger::InboundQuarantine)
                );
                if meets {
                    found.holds = true;
                    found.lines.push(format!(
                        "{} ledger #{earlier}: rule {}",
                        prior.at, rule.name
                    ));
                }
            }
        }
    }

    /// A contact is also shown by an investigation record, cited as the basis, that names
    /// the person.
    fn investigation_record_for(&self, a: &Assignment, person: PersonIx, found: &mut Found) {
        if let Some(basis) = a
            .basis
            .as_ref()
            .and_then(|b| self.catalog.documents.get(b.as_str()))
        {
            let doc = &self.scenario.documents[basis.ix()];
            let names_person = doc
                .concerns
                .iter()
                .any(|c| c.as_str() == self.person_id(person));
            if doc.kind == DocumentKind::InvestigationRecord && names_person {
                found.holds = true;
                found.lines.push(format!(
                    "investigation record {} names this person as a contact",
                    doc.id
                ));
            }
        }
    }

    /// Whether the executor's role allowed a manual entry.
    pub fn permission_check(&self, entry: EntryId) -> Option<PermissionCheck> {
        let a = self.assignment_of(entry)?;
        let op = self.official(self.official_ix(&a.operator)?);
        let role = &self.scenario.roles[*self.catalog.roles.get(op.role.as_str())? as usize];
        let mut problems = Vec::new();
        if role.may_assign.is_empty() {
            problems.push(format!("the role {} has no code authority", role.name));
        } else if !role.may_assign.contains(&a.colour) {
            problems.push(format!(
                "the role {} may not set {}",
                role.name,
                a.colour.name()
            ));
        }
        if a.batch.is_some() && !role.may_batch {
            problems.push(format!("the role {} may not run batches", role.name));
        }
        let beyond_role = !problems.is_empty();
        if role.requires_basis
            && a.colour != Colour::Green
            && !self.justification_check(entry).is_some_and(|c| c.holds)
        {
            problems.push(
                "the records show no epidemiological basis, which the role requires".to_owned(),
            );
        }
        Some(PermissionCheck {
            role: role.id.to_string(),
            allowed: problems.is_empty(),
            beyond_role,
            problems,
        })
    }
}

/// What a requirement asks of the records, in words.
pub fn requirement_words(r: Requirement) -> &'static str {
    match r {
        Requirement::ArrivalFromAbroad => "an arrival from abroad under quarantine",
        Requirement::ContactWithCase => {
            "contact with a case (a scan in a case's window or an investigation record)"
        }
        Requirement::PositiveTest => "a positive test",
        Requirement::HighRiskStay => "a stay in a high-risk area",
        Requirement::MediumRiskOrOverlap => "a medium-risk stay or an overlap with a case",
        Requirement::MissedTest => "a missed mass test",
        Requirement::Nothing => "nothing",
    }
}

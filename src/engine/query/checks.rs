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
    /// For a rule's change: what the rule really keys on, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub keys_on: Option<String>,
}

impl JustificationCheck {
    /// The check in one line: for a rule, what it claims against what it keys on ("claims
    /// spatio-temporal overlap with a case; keys on visits to the Letters and Visits
    /// Bureau; no case was at ...").
    pub fn summary(&self) -> String {
        let verdict = if self.holds {
            "the records agree"
        } else {
            "the records do not show it"
        };
        match &self.keys_on {
            Some(keys_on) => {
                let mut words = format!("claims {}; keys on {keys_on}", self.reason);
                for line in self.records.iter().skip(1) {
                    words.push_str("; ");
                    words.push_str(line);
                }
                format!("{words}: {verdict}")
            }
            None => format!("\"{}\" requires {}: {verdict}", self.reason, self.requires),
        }
    }
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
        if let Cause::Rule { rule, .. } = e.cause {
            return self.rule_check(entry, e, rule);
        }
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
            keys_on: None,
        })
    }

    /// A rule's change: what the rule claims as its basis (its stated basis, or its
    /// reason's requirement) against what its trigger really keys on. It holds when the
    /// trigger is the kind of evidence the claim names, or when the person's records meet
    /// the claim anyway (an earlier epidemic rule's change).
    fn rule_check(&self, entry: EntryId, e: &Entry, rule_ix: u16) -> Option<JustificationCheck> {
        let rule = &self.scenario.rules[rule_ix as usize];
        let reason =
            &self.scenario.reasons[*self.catalog.reasons.get(rule.reason.as_str())? as usize];
        let (words, claims) = match &rule.basis {
            Some(b) if b.text.is_empty() => (requirement_words(b.claims).to_owned(), b.claims),
            Some(b) => (b.text.to_string(), b.claims),
            None => (reason.text.to_string(), reason.requires),
        };
        let keys_on = self.trigger_words(&rule.trigger);
        let mut found = Found {
            lines: vec![format!("the rule keys on {keys_on}")],
            holds: claims == Requirement::Nothing
                || trigger_meets(claims, &rule.trigger)
                || matches!(
                    (claims, &rule.trigger),
                    (Requirement::MissedTest, Trigger::MissedTest)
                ),
        };
        if let Trigger::VenueScan { venues } = &rule.trigger {
            for venue in venues {
                let name = self
                    .catalog
                    .venues
                    .get(venue.as_str())
                    .map_or(venue.as_str(), |&v| {
                        self.scenario.venues[v as usize].name.as_str()
                    });
                found.lines.push(if self.case_was_at(venue, e.at) {
                    format!("a case was at {name}")
                } else {
                    format!("no case was at {name}")
                });
            }
        }
        if !found.holds {
            self.rule_entries_for(claims, entry, e, &mut found);
        }
        Some(JustificationCheck {
            reason: words,
            requires: requirement_words(claims).to_owned(),
            records: found.lines,
            holds: found.holds,
            keys_on: Some(keys_on),
        })
    }

    /// Whether a case report up to `at` puts a case at the venue (by id).
    fn case_was_at(&self, venue: &str, at: Time) -> bool {
        self.scenario.events.iter().any(|event| {
            event.at <= at
                && matches!(&event.what, EventKind::CaseReport { visits, .. }
                    if visits.iter().any(|v| v.venue == venue))
        })
    }

    /// What a trigger keys on, in words.
    pub fn trigger_words(&self, trigger: &Trigger) -> String {
        let venue = |id: &str| {
            self.catalog.venues.get(id).map_or(id.to_owned(), |&v| {
                self.scenario.venues[v as usize].name.to_string()
            })
        };
        match trigger {
            Trigger::PositiveTest => "a positive test".to_owned(),
            Trigger::CaseVisit { .. } => "a scan in a case's window at its venue".to_owned(),
            Trigger::CaseOverlap { .. } => "a scan near a case's window at its venue".to_owned(),
            Trigger::AreaStay { level, cities } if cities.is_empty() => {
                format!("a scan in a {level:?}-risk district")
            }
            Trigger::AreaStay { level, cities } => {
                let names: Vec<&str> = cities
                    .iter()
                    .map(|c| {
                        self.catalog
                            .cities
                            .get(c.as_str())
                            .map_or(c.as_str(), |&i| self.city_name(i))
                    })
                    .collect();
                format!(
                    "a scan in a {level:?}-risk district of {}",
                    names.join(" or ")
                )
            }
            Trigger::InboundQuarantine => "an arrival from abroad into quarantine".to_owned(),
            Trigger::MissedTest => "a missed mass test".to_owned(),
            Trigger::NegativeTests { .. } => "negative tests".to_owned(),
            Trigger::VenueScan { venues } => {
                let names: Vec<String> = venues.iter().map(|v| venue(v)).collect();
                format!("visits to {}", names.join(" or "))
            }
            Trigger::ListMember { list } => format!("being on the list {list}"),
            Trigger::Tagged { tag } => format!("being tagged {tag}"),
        }
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
                if trigger_meets(requires, &rule.trigger) {
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

/// Whether a trigger's evidence is the kind a requirement asks for. Selective triggers
/// (a venue, a list, a tag) meet no requirement: they say nothing of the epidemic.
fn trigger_meets(requires: Requirement, trigger: &Trigger) -> bool {
    matches!(
        (requires, trigger),
        (Requirement::ContactWithCase, Trigger::CaseVisit { .. })
            | (
                Requirement::HighRiskStay,
                Trigger::AreaStay {
                    level: RiskLevel::High,
                    ..
                }
            )
            | (
                Requirement::MediumRiskOrOverlap,
                Trigger::CaseOverlap { .. } | Trigger::AreaStay { .. }
            )
            | (Requirement::PositiveTest, Trigger::PositiveTest)
            | (Requirement::ArrivalFromAbroad, Trigger::InboundQuarantine)
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::text::Text;

    #[test]
    fn selective_triggers_meet_no_epidemic_claim_and_epidemic_ones_meet_their_own() {
        let selective = [
            Trigger::VenueScan {
                venues: vec![Text::from("petition-office")],
            },
            Trigger::ListMember {
                list: Text::from("depositors"),
            },
            Trigger::Tagged {
                tag: Text::from("petitioner"),
            },
        ];
        let claims = [
            Requirement::ArrivalFromAbroad,
            Requirement::ContactWithCase,
            Requirement::PositiveTest,
            Requirement::HighRiskStay,
            Requirement::MediumRiskOrOverlap,
        ];
        for trigger in &selective {
            assert!(trigger.is_selective());
            assert!(
                claims.iter().all(|&c| !trigger_meets(c, trigger)),
                "{trigger:?}"
            );
        }
        let overlap = Trigger::CaseOverlap {
            padding_minutes: 60,
        };
        assert!(!overlap.is_selective());
        assert!(trigger_meets(Requirement::MediumRiskOrOverlap, &overlap));
        assert!(!trigger_meets(Requirement::ContactWithCase, &overlap));
        assert!(trigger_meets(
            Requirement::ContactWithCase,
            &Trigger::CaseVisit { padding_minutes: 0 }
        ));
        let medium = Trigger::AreaStay {
            level: RiskLevel::Medium,
            cities: Vec::new(),
        };
        assert!(!trigger_meets(Requirement::HighRiskStay, &medium));
    }
}

//! Questions asked of a simulated world: why a person has their colour, whether a stated
//! reason holds up, whether the operator was allowed, where a scan really came from.

use crate::scenario::text::counted;
use std::collections::BTreeSet;

use serde::Serialize;

use crate::scenario::expand::{Fact, PersonIx};
use crate::scenario::model::{
    Assignment, Colour, DocumentKind, EventKind, Requirement, Selector, Transport, Trigger,
};
use crate::scenario::time::Time;

use super::ledger::{Cause, EntryId, TimelineIx};
use super::records::RecordText;
use super::world::World;

/// What a link in a trace points at, so a viewer can open it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    Entry,
    Rule,
    Evidence,
    Operator,
    Role,
    Batch,
    Directive,
    Basis,
    Official,
    Order,
    Check,
    Permission,
}

/// One step of the chain behind a colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub kind: LinkKind,
    /// The id of the thing linked (entry number, rule id, official id, document id...).
    pub id: String,
    pub text: String,
}

/// The chain behind a person's colour at a moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub person: String,
    pub name: String,
    pub at: Time,
    pub system: String,
    pub colour: Colour,
    pub entry: Option<EntryId>,
    pub links: Vec<Link>,
}

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

/// Whether the operator's role allowed a manual entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PermissionCheck {
    pub role: String,
    pub allowed: bool,
    pub problems: Vec<String>,
}

/// Where a scan was logged and where the phone really was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ScanPlace {
    pub venue_city: u16,
    /// The carrier record closest in time, if any: (city, time).
    pub carrier: Option<(u16, Time)>,
    pub remote: bool,
}

/// The case's headline figures for a set of batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BatchFigures {
    pub people: usize,
    pub in_city: usize,
    pub remote_only: usize,
}

impl World {
    /// The assignment behind a manual entry.
    pub fn assignment_of(&self, entry: EntryId) -> Option<&Assignment> {
        match &self.ledger.get(entry)?.cause {
            Cause::Manual { assignment, .. } => {
                match &self.scenario.events.get(*assignment as usize)?.what {
                    EventKind::Assignment(a) => Some(a),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The operator behind a manual entry or reversal.
    pub fn operator_of(&self, entry: EntryId) -> Option<u16> {
        let id = match &self.ledger.get(entry)?.cause {
            Cause::Manual { .. } => &self.assignment_of(entry)?.operator,
            Cause::Reversal { event, .. } => match &self.scenario.events.get(*event as usize)?.what
            {
                EventKind::Reversal { operator, .. } => operator,
                _ => return None,
            },
            _ => return None,
        };
        self.official_ix(id)
    }

    /// A one-line account of an entry's cause.
    pub fn describe_cause(&self, entry: EntryId) -> String {
        let Some(e) = self.ledger.get(entry) else {
            return String::new();
        };
        match &e.cause {
            Cause::Rule { rule, .. } => {
                format!("rule: {}", self.scenario.rules[*rule as usize].name)
            }
            Cause::Manual { .. } => {
                let a = self
                    .assignment_of(entry)
                    .expect("manual entries have assignments");
                let op = self.official_ix(&a.operator).map(|o| self.official(o));
                let who = op.map_or(a.operator.to_string(), |o| {
                    format!("{} ({})", o.name, o.account.as_deref().unwrap_or("-"))
                });
                match &a.batch {
                    Some(batch) => format!("batch {batch} by {who}"),
                    None => format!("manual by {who}"),
                }
            }
            Cause::Lapse { of } => format!("lapse of entry #{of}"),
            Cause::Lift { rule, .. } => {
                format!("lifted: {}", self.scenario.rules[*rule as usize].name)
            }
            Cause::Reversal { of, .. } => {
                let who = self
                    .operator_of(entry)
                    .map_or("?", |o| &self.official(o).name);
                format!("reversal of entry #{of} by {who}")
            }
        }
    }

    /// The reason text shown to the person for an entry.
    pub fn reason_text(&self, entry: EntryId) -> Option<&str> {
        let reason_id = match &self.ledger.get(entry)?.cause {
            Cause::Rule { rule, .. } => &self.scenario.rules[*rule as usize].reason,
            Cause::Manual { .. } => &self.assignment_of(entry)?.reason,
            _ => return None,
        };
        let reason = self.catalog.reasons.get(reason_id.as_str())?;
        Some(&self.scenario.reasons[*reason as usize].text)
    }

    /// The chain behind `person`'s colour at `at` in the first system: entry, cause,
    /// operator, role, directive, who issued it and the orders that reached them.
    pub fn trace(&self, person: PersonIx, at: Time) -> Trace {
        let system = 0;
        let entry = self.ledger.latest_at(person, system, at);
        let colour = self.ledger.colour_at(person, system, at);
        let mut links = Vec::new();
        let holding = if colour == Colour::Green {
            Vec::new()
        } else {
            self.holding_entries(person, system, at, colour)
        };
        match entry {
            // The last change is itself what holds the colour, or nothing holds it (green):
            // its own chain is the answer.
            Some(latest) if holding.is_empty() || holding.contains(&latest) => {
                self.trace_entry(latest, &mut links, 0);
                for &other in holding.iter().filter(|&&h| h != latest) {
                    self.trace_entry(other, &mut links, 0);
                }
            }
            // The last change left the colour where it was (a reversal while a rule still
            // holds, say): show it, then what still holds the colour.
            Some(latest) => {
                self.push_entry_line(latest, &mut links);
                for &other in &holding {
                    self.trace_entry(other, &mut links, 0);
                }
            }
            None => {}
        }
        Trace {
            person: self.person_id(person).to_owned(),
            name: self.person_name(person).to_owned(),
            at,
            system: self.scenario.systems[system as usize].name.to_string(),
            colour,
            entry,
            links,
        }
    }

    /// Entries whose colour still holds `person` at `at` at the given colour, newest first.
    pub fn holding_entries(
        &self,
        person: PersonIx,
        system: u16,
        at: Time,
        colour: Colour,
    ) -> Vec<EntryId> {
        let mut holds: Vec<(EntryId, Colour)> = Vec::new();
        for &id in self.ledger.history(person) {
            let e = &self.ledger.entries()[id as usize];
            if e.at > at {
                break;
            }
            if e.system != system {
                continue;
            }
            match &e.cause {
                Cause::Rule { .. } => holds.push((id, e.to)),
                Cause::Manual { .. } => match self.assignment_of(id).map(|a| a.colour) {
                    Some(Colour::Green) | None => holds.clear(),
                    Some(c) => holds.push((id, c)),
                },
                Cause::Lapse { of } | Cause::Reversal { of, .. } => holds.retain(|(h, _)| h != of),
                Cause::Lift { of, .. } => holds.retain(|(h, _)| !of.contains(h)),
            }
        }
        holds
            .into_iter()
            .rev()
            .filter(|&(_, c)| c == colour)
            .map(|(id, _)| id)
            .collect()
    }

    fn push_entry_line(&self, id: EntryId, links: &mut Vec<Link>) {
        let Some(entry) = self.ledger.get(id) else {
            return;
        };
        links.push(Link {
            kind: LinkKind::Entry,
            id: id.to_string(),
            text: format!(
                "#{id} {} {} -> {}: {}",
                entry.at,
                entry.from.name(),
                entry.to.name(),
                self.describe_cause(id)
            ),
        });
    }

    fn trace_entry(&self, id: EntryId, links: &mut Vec<Link>, depth: usize) {
        let Some(entry) = self.ledger.get(id) else {
            return;
        };
        self.push_entry_line(id, links);
        match &entry.cause {
            Cause::Rule { rule, evidence } | Cause::Lift { rule, evidence, .. } => {
                let rule = &self.scenario.rules[*rule as usize];
                links.push(Link {
                    kind: LinkKind::Rule,
                    id: rule.id.to_string(),
                    text: format!("rule {}: {} ({})", rule.id, rule.name, rule.colour.name()),
                });
                for &ev in evidence.iter() {
                    links.push(Link {
                        kind: LinkKind::Evidence,
                        id: ev.to_string(),
                        text: self.describe_record(ev),
                    });
                }
            }
            Cause::Manual { evidence, .. } => self.trace_manual(id, evidence, links),
            Cause::Lapse { of } if depth < 4 => self.trace_entry(*of, links, depth + 1),
            Cause::Reversal { of, .. } if depth < 4 => {
                if let Some(op) = self.operator_of(id) {
                    self.push_operator(op, links);
                }
                self.trace_entry(*of, links, depth + 1);
            }
            Cause::Lapse { .. } | Cause::Reversal { .. } => {}
        }
    }

    fn push_operator(&self, op: u16, links: &mut Vec<Link>) {
        let official = self.official(op);
        links.push(Link {
            kind: LinkKind::Operator,
            id: official.id.to_string(),
            text: format!(
                "operator {} (account {}), {}, {}",
                official.name,
                official.account.as_deref().unwrap_or("-"),
                official.post,
                official.organisation
            ),
        });
        if let Some(&role) = self.catalog.roles.get(official.role.as_str()) {
            let role = &self.scenario.roles[role as usize];
            let may = if role.may_assign.is_empty() {
                "no code authority".to_owned()
            } else {
                let colours: Vec<&str> = role.may_assign.iter().map(|c| c.name()).collect();
                format!("may set {}", colours.join("/"))
            };
            links.push(Link {
                kind: LinkKind::Role,
                id: role.id.to_string(),
                text: format!(
                    "role {}: {may}{}",
                    role.name,
                    if role.may_batch { ", batches" } else { "" }
                ),
            });
        }
    }

    fn trace_manual(&self, id: EntryId, evidence: &[TimelineIx], links: &mut Vec<Link>) {
        let Some(a) = self.assignment_of(id) else {
            return;
        };
        if let Some(op) = self.official_ix(&a.operator) {
            self.push_operator(op, links);
        }
        if let Some(batch) = &a.batch {
            links.push(Link {
                kind: LinkKind::Batch,
                id: batch.to_string(),
                text: format!(
                    "batch {batch}: {}",
                    counted(self.ledger.by_batch(batch).len(), "entry", "entries")
                ),
            });
        }
        for &ev in evidence {
            links.push(Link {
                kind: LinkKind::Evidence,
                id: ev.to_string(),
                text: self.describe_record(ev),
            });
        }
        let check = self.justification_check(id);
        if let Some(check) = &check {
            links.push(Link {
                kind: LinkKind::Check,
                id: id.to_string(),
                text: format!(
                    "check: \"{}\" requires {}: {}",
                    check.reason,
                    check.requires,
                    if check.holds {
                        "the records agree"
                    } else {
                        "the records do not show it"
                    }
                ),
            });
        }
        if let Some(permission) = self.permission_check(id) {
            links.push(Link {
                kind: LinkKind::Permission,
                id: permission.role.clone(),
                text: if permission.allowed {
                    "permission: the role allowed this change".to_owned()
                } else {
                    format!(
                        "permission: not allowed: {}",
                        permission.problems.join("; ")
                    )
                },
            });
        }
        if let Some(basis) = &a.basis {
            self.push_document(LinkKind::Basis, basis, links);
        }
        let at = self.ledger.get(id).map_or(Time(0), |e| e.at);
        let mut seen = BTreeSet::new();
        if let Some(directive) = &a.directive {
            self.push_document(LinkKind::Directive, directive, links);
            let issuer = self
                .catalog
                .documents
                .get(directive.as_str())
                .map(|&d| self.scenario.documents[d as usize].author.to_string());
            if let Some(issuer) = issuer.filter(|i| self.official_ix(i).is_some()) {
                self.push_official(&issuer, "issued by", links);
                self.push_orders_to(&issuer, at, links, &mut seen, 0);
            }
        }
        self.push_orders_to(&a.operator, at, links, &mut seen, 0);
    }

    fn push_document(&self, kind: LinkKind, id: &str, links: &mut Vec<Link>) {
        if let Some(&d) = self.catalog.documents.get(id) {
            let doc = &self.scenario.documents[d as usize];
            links.push(Link {
                kind,
                id: doc.id.to_string(),
                text: format!("{:?} {}: {}", doc.kind, doc.id, doc.title),
            });
        }
    }

    fn push_official(&self, id: &str, how: &str, links: &mut Vec<Link>) {
        if let Some(o) = self.official_ix(id) {
            let o = self.official(o);
            links.push(Link {
                kind: LinkKind::Official,
                id: o.id.to_string(),
                text: format!("{how} {}, {}, {}", o.name, o.post, o.organisation),
            });
        }
    }

    /// Orders that reached `official` by `at`, and the orders behind those, up the chain.
    fn push_orders_to(
        &self,
        official: &str,
        at: Time,
        links: &mut Vec<Link>,
        seen: &mut BTreeSet<u32>,
        depth: usize,
    ) {
        if depth > 6 {
            return;
        }
        for (i, event) in self.scenario.events.iter().enumerate() {
            let EventKind::Order {
                id,
                from,
                to,
                summary,
                ..
            } = &event.what
            else {
                continue;
            };
            if event.at > at || !to.iter().any(|t| t == official) || !seen.insert(i as u32) {
                continue;
            }
            links.push(Link {
                kind: LinkKind::Order,
                id: id.to_string(),
                text: format!("order {id} ({}): {summary}", event.at),
            });
            self.push_official(from, "ordered by", links);
            self.push_orders_to(from, event.at, links, seen, depth + 1);
        }
    }

    /// A one-line account of a record on the timeline.
    pub fn describe_record(&self, ix: TimelineIx) -> String {
        self.record_text(ix).to_string()
    }

    /// A one-line account of a record on the timeline, written where it is wanted (exports
    /// write thousands of them, and need no string for each).
    pub fn record_text(&self, ix: TimelineIx) -> RecordText<'_> {
        RecordText::new(self, ix)
    }

    /// The stated reason of a manual entry against the records about the person.
    pub fn justification_check(&self, entry: EntryId) -> Option<JustificationCheck> {
        let e = self.ledger.get(entry)?;
        let a = self.assignment_of(entry)?;
        let reason = &self.scenario.reasons[*self.catalog.reasons.get(a.reason.as_str())? as usize];
        let person = e.person;
        let records = self.records_until(person, e.at);
        let mut lines = Vec::new();
        let mut holds = false;
        for &r in records {
            let h = &self.timeline[r as usize];
            let relevant = match (reason.requires, &h.what) {
                (
                    Requirement::ArrivalFromAbroad,
                    Fact::ArrivalForm { .. } | Fact::Carrier { .. },
                ) => true,
                (Requirement::ArrivalFromAbroad, Fact::Scripted(_)) => {
                    let inbound =
                        matches!(self.scripted(r), Some(EventKind::InboundArrival { .. }));
                    holds |= inbound;
                    inbound
                }
                (Requirement::PositiveTest, Fact::Test { positive, .. }) => {
                    holds |= *positive;
                    true
                }
                (Requirement::MissedTest, Fact::Scripted(_)) => {
                    let missed = matches!(self.scripted(r), Some(EventKind::MissedTest { .. }));
                    holds |= missed;
                    missed
                }
                (
                    Requirement::ContactWithCase
                    | Requirement::HighRiskStay
                    | Requirement::MediumRiskOrOverlap,
                    Fact::Scan { .. },
                ) => true,
                _ => false,
            };
            if relevant {
                lines.push(self.describe_record(r));
            }
        }
        // Rule entries earlier on the person's history count as records too: a close contact
        // found by the rules, a stay in a high-risk district.
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
                    (reason.requires, &rule.trigger),
                    (Requirement::ContactWithCase, Trigger::CaseVisit { .. })
                        | (
                            Requirement::HighRiskStay,
                            Trigger::AreaStay {
                                level: crate::scenario::model::RiskLevel::High
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
                    holds = true;
                    lines.push(format!(
                        "{} ledger #{earlier}: rule {}",
                        prior.at, rule.name
                    ));
                }
            }
        }
        if reason.requires == Requirement::ContactWithCase
            && let Some(basis) = a
                .basis
                .as_ref()
                .and_then(|b| self.catalog.documents.get(b.as_str()))
        {
            let doc = &self.scenario.documents[*basis as usize];
            let names_person = doc
                .concerns
                .iter()
                .any(|c| c.as_str() == self.person_id(person));
            if doc.kind == DocumentKind::InvestigationRecord && names_person {
                holds = true;
                lines.push(format!(
                    "investigation record {} names this person as a contact",
                    doc.id
                ));
            }
        }
        if reason.requires == Requirement::Nothing {
            holds = true;
        }
        if lines.is_empty() {
            lines.push("no records of that kind".to_owned());
        }
        Some(JustificationCheck {
            reason: reason.text.to_string(),
            requires: requirement_words(reason.requires).to_owned(),
            records: lines,
            holds,
        })
    }

    /// Whether the operator's role allowed a manual entry.
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
            problems,
        })
    }

    /// Where a scan was logged against where the person's phone was nearest that time.
    pub fn scan_place(&self, scan: TimelineIx) -> Option<ScanPlace> {
        let h = self.timeline.get(scan as usize)?;
        let Fact::Scan { person, venue } = h.what else {
            return None;
        };
        let venue_city = self.venue_city(venue);
        let carrier = self
            .records_of(person)
            .iter()
            .filter_map(|&r| {
                let c = &self.timeline[r as usize];
                match c.what {
                    Fact::Carrier { city, .. } => Some(((c.at.0 - h.at.0).abs(), city, c.at)),
                    _ => None,
                }
            })
            .min_by_key(|&(distance, _, _)| distance)
            .map(|(_, city, at)| (city, at));
        Some(ScanPlace {
            venue_city,
            carrier,
            remote: carrier.is_some_and(|(city, _)| city != venue_city),
        })
    }

    /// How many people the batches touched, and how many had a scan from inside the city.
    pub fn batch_figures(&self, batches: &[&str]) -> BatchFigures {
        let mut people: BTreeSet<PersonIx> = BTreeSet::new();
        let mut in_city: BTreeSet<PersonIx> = BTreeSet::new();
        for batch in batches {
            for &id in self.ledger.by_batch(batch) {
                let Some(entry) = self.ledger.get(id) else {
                    continue;
                };
                people.insert(entry.person);
                if let Cause::Manual { evidence, .. } = &entry.cause
                    && evidence
                        .iter()
                        .any(|&s| self.scan_place(s).is_some_and(|p| !p.remote))
                {
                    in_city.insert(entry.person);
                }
            }
        }
        BatchFigures {
            people: people.len(),
            in_city: in_city.len(),
            remote_only: people.len() - in_city.len(),
        }
    }

    /// People of each colour (green, yellow, red) in each code system at `at`.
    pub fn counts_by_system(&self, at: Time) -> Vec<[u32; 3]> {
        let mut latest: std::collections::HashMap<(PersonIx, u16), Colour> =
            std::collections::HashMap::new();
        for e in self.ledger.entries().iter().take_while(|e| e.at <= at) {
            latest.insert((e.person, e.system), e.to);
        }
        let mut counts = vec![[0u32; 3]; self.scenario.systems.len()];
        for ((_, system), colour) in latest {
            if let Some(c) = counts.get_mut(system as usize) {
                c[colour as usize] += 1;
            }
        }
        for c in &mut counts {
            c[0] = self.person_count() as u32 - c[1] - c[2];
        }
        counts
    }

    /// An operator's manual changes (not their reversals), in ledger order.
    pub fn manual_entries_by(&self, operator: u16) -> Vec<EntryId> {
        self.ledger
            .by_operator(operator)
            .iter()
            .copied()
            .filter(|&id| {
                matches!(
                    self.ledger.get(id).map(|e| &e.cause),
                    Some(Cause::Manual { .. })
                )
            })
            .collect()
    }

    /// The ledger entries a selector picks, in ledger order.
    pub fn select(&self, selector: &Selector) -> Vec<EntryId> {
        let mut ids: Vec<EntryId> = match selector {
            Selector::Batch(batch) => self.ledger.by_batch(batch).to_vec(),
            Selector::Batches(batches) => batches
                .iter()
                .flat_map(|b| self.ledger.by_batch(b).to_vec())
                .collect(),
            Selector::Operator(op) => self
                .official_ix(op)
                .map(|o| self.manual_entries_by(o))
                .unwrap_or_default(),
            Selector::Rule(rule) => self
                .catalog
                .rules
                .get(rule.as_str())
                .map(|&r| {
                    self.ledger
                        .by_rule(r)
                        .iter()
                        .copied()
                        .filter(|&id| {
                            matches!(
                                self.ledger.get(id).map(|e| &e.cause),
                                Some(Cause::Rule { .. })
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            Selector::OperatorOn { operator, people } => {
                let people: BTreeSet<PersonIx> =
                    people.iter().filter_map(|p| self.roster.find(p)).collect();
                let mut ids = self
                    .official_ix(operator)
                    .map(|o| self.manual_entries_by(o))
                    .unwrap_or_default();
                ids.retain(|&id| {
                    self.ledger
                        .get(id)
                        .is_some_and(|e| people.contains(&e.person))
                });
                ids
            }
        };
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

pub(super) fn transport_word(t: Transport) -> &'static str {
    match t {
        Transport::Train => "train",
        Transport::Plane => "plane",
        Transport::Car => "car",
        Transport::Coach => "coach",
        Transport::FromAbroad => "international flight",
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

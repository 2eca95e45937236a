//! The trace: the chain behind a person's colour, as links a viewer can follow.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::scenario::catalog::{DocumentIx, OfficialIx};
use crate::scenario::expand::PersonIx;
use crate::scenario::model::{ChainRole, Colour, EventKind};
use crate::scenario::text::counted;
use crate::scenario::time::Time;

use super::super::ledger::{Cause, EntryId, TimelineIx};
use super::super::world::World;
use super::chain::{KnownChain, Via};
use super::systems::SystemColour;

/// The kind of a link, as `trace --json` and the trace screen name it.
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
    NotYet,
}

/// What a link in a trace points at, by index, so a viewer opens it without reading an id
/// back out of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A ledger entry: following it traces that entry.
    Entry(EntryId),
    /// A colour rule, by its index in `Scenario::rules`.
    Rule(u16),
    /// An event on the timeline that a change rests on.
    Evidence(TimelineIx),
    /// The official who executed a change (on their account): the "operator" link.
    Executor(OfficialIx),
    /// The executor's role, by its index in `Scenario::roles`.
    Role(u16),
    /// A batch, by its id: the ledger indexes batches by id.
    Batch(String),
    /// The directive an assignment cites.
    Directive(DocumentIx),
    /// The legal basis an assignment cites.
    Basis(DocumentIx),
    /// An official who issued a directive or gave an order.
    Official(OfficialIx),
    /// An order, by its index in `Scenario::events`.
    Order(u32),
    /// The justification check of an entry.
    Check(EntryId),
    /// The permission check of an entry.
    Permission(EntryId),
    /// A part of the chain the records do not show yet: nothing to follow.
    NotYet,
}

impl LinkTarget {
    pub fn kind(&self) -> LinkKind {
        match self {
            LinkTarget::Entry(_) => LinkKind::Entry,
            LinkTarget::Rule(_) => LinkKind::Rule,
            LinkTarget::Evidence(_) => LinkKind::Evidence,
            LinkTarget::Executor(_) => LinkKind::Operator,
            LinkTarget::Role(_) => LinkKind::Role,
            LinkTarget::Batch(_) => LinkKind::Batch,
            LinkTarget::Directive(_) => LinkKind::Directive,
            LinkTarget::Basis(_) => LinkKind::Basis,
            LinkTarget::Official(_) => LinkKind::Official,
            LinkTarget::Order(_) => LinkKind::Order,
            LinkTarget::Check(_) => LinkKind::Check,
            LinkTarget::Permission(_) => LinkKind::Permission,
            LinkTarget::NotYet => LinkKind::NotYet,
        }
    }
}

/// One step of the chain behind a colour.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: LinkTarget,
    /// The linked thing's id as the scenario spells it (entry number, rule id, official id,
    /// document id...), for export and display; never read back to find the target.
    pub id: String,
    pub text: String,
}

impl Link {
    pub fn kind(&self) -> LinkKind {
        self.target.kind()
    }
}

/// Serialised as `kind`, `id` and `text`: the shape `trace --json` has always had.
impl Serialize for Link {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut link = serializer.serialize_struct("Link", 3)?;
        link.serialize_field("kind", &self.kind())?;
        link.serialize_field("id", &self.id)?;
        link.serialize_field("text", &self.text)?;
        link.end()
    }
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
    /// The person's colour in every system at `at`, when the scenario has several; the
    /// links then give the chain in `system` first, then in each other system not green.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<SystemColour>,
}

impl World {
    /// The chain behind `person`'s colour at `at` in the system where it is most severe
    /// (see [`World::traced_system`]), as the records known at `at` show it: entry, cause, who carried it out, their role, the directive, and who
    /// passed the instruction on and who decided.
    pub fn trace(&self, person: PersonIx, at: Time) -> Trace {
        self.trace_known_at(person, at, at)
    }

    /// The chain behind `person`'s colour at `at`, as the records known at `clock` (not
    /// before `at`) show it: an earlier change traced with today's records.
    pub fn trace_known_at(&self, person: PersonIx, at: Time, clock: Time) -> Trace {
        let system = self.traced_system(person, at);
        self.trace_in(person, system, at, clock)
    }

    /// The trace of an entry: its person's colour in the entry's system at its time.
    pub fn trace_of_entry(&self, id: EntryId, clock: Time) -> Option<Trace> {
        let e = self.ledger.get(id)?;
        Some(self.trace_in(e.person, e.system, e.at, clock))
    }

    /// The system a person's trace starts from: where their colour at `at` is most severe;
    /// of those, the one changed last; the first system when none has changed.
    pub fn traced_system(&self, person: PersonIx, at: Time) -> u16 {
        if !self.several_systems() {
            return 0;
        }
        self.systems_in_play()
            .iter()
            .copied()
            .max_by_key(|&s| {
                let latest = self.ledger.latest_at(person, s, at);
                // Reverse on the index, so the first system wins a full tie.
                (
                    self.ledger.colour_at(person, s, at),
                    latest.map(|id| id.0),
                    std::cmp::Reverse(s),
                )
            })
            .unwrap_or(0)
    }

    /// The chain behind `person`'s colour in `system` at `at`, as the records known at
    /// `clock` show it, followed by the chains behind their colours in the other systems
    /// that are not green.
    pub fn trace_in(&self, person: PersonIx, system: u16, at: Time, clock: Time) -> Trace {
        let clock = clock.max(at);
        let (entry, colour, mut links) = self.system_links(person, system, at, clock);
        let mut codes = Vec::new();
        if self.several_systems() {
            links.extend(self.checks_elsewhere(person, system, at));
            codes = self.system_colours(person, at);
            for other in self
                .systems_in_play()
                .iter()
                .copied()
                .filter(|&s| s != system)
            {
                if self.ledger.colour_at(person, other, at) != Colour::Green {
                    links.extend(self.system_links(person, other, at, clock).2);
                    links.extend(self.checks_elsewhere(person, other, at));
                }
            }
        }
        Trace {
            person: self.person_id(person).to_owned(),
            name: self.person_name(person).to_owned(),
            at,
            system: self.system_name(system).to_owned(),
            colour,
            entry,
            links,
            codes,
        }
    }

    /// The latest entry, the colour and the chain behind it in one system.
    fn system_links(
        &self,
        person: PersonIx,
        system: u16,
        at: Time,
        clock: Time,
    ) -> (Option<EntryId>, Colour, Vec<Link>) {
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
                self.trace_entry(latest, clock, &mut links, 0);
                for &other in holding.iter().filter(|&&h| h != latest) {
                    self.trace_entry(other, clock, &mut links, 0);
                }
            }
            // The last change left the colour where it was (a reversal while a rule still
            // holds, say): show it, then what still holds the colour.
            Some(latest) => {
                self.push_entry_line(latest, &mut links);
                for &other in &holding {
                    self.trace_entry(other, clock, &mut links, 0);
                }
            }
            None => {}
        }
        (entry, colour, links)
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
            let e = &self.ledger.entries()[id.ix()];
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
        // With several systems each change says whose it is; with one, the heading does.
        let system = if self.several_systems() {
            format!("[{}] ", self.system_name(entry.system))
        } else {
            String::new()
        };
        links.push(Link {
            target: LinkTarget::Entry(id),
            id: id.to_string(),
            text: format!(
                "#{id} {} {system}{} -> {}: {}",
                entry.at,
                entry.from.name(),
                entry.to.name(),
                self.describe_cause(id)
            ),
        });
    }

    fn trace_entry(&self, id: EntryId, clock: Time, links: &mut Vec<Link>, depth: usize) {
        let Some(entry) = self.ledger.get(id) else {
            return;
        };
        self.push_entry_line(id, links);
        match &entry.cause {
            Cause::Rule { rule, evidence } | Cause::Lift { rule, evidence, .. } => {
                let target = LinkTarget::Rule(*rule);
                let rule = &self.scenario.rules[*rule as usize];
                links.push(Link {
                    target,
                    id: rule.id.to_string(),
                    text: format!("rule {}: {} ({})", rule.id, rule.name, rule.colour.name()),
                });
                for &ev in evidence.iter() {
                    links.push(Link {
                        target: LinkTarget::Evidence(ev),
                        id: ev.to_string(),
                        text: self.describe_record(ev),
                    });
                }
                if let Cause::Rule { rule, .. } = &entry.cause {
                    self.trace_rule(id, *rule, entry.at, clock, links);
                }
            }
            Cause::Manual { evidence, .. } => self.trace_manual(id, evidence, clock, links),
            Cause::Lapse { of } if depth < 4 => self.trace_entry(*of, clock, links, depth + 1),
            Cause::Reversal { of, .. } if depth < 4 => {
                if let Some(op) = self.official_of(id) {
                    self.push_executor(op, "reversed by:", links);
                }
                self.trace_entry(*of, clock, links, depth + 1);
            }
            Cause::Lapse { .. } | Cause::Reversal { .. } => {}
        }
    }

    /// A rule's change, past its evidence: the check of what the rule claims against what
    /// it keys on, who set the rule and the event that set it, then the orders above.
    fn trace_rule(&self, id: EntryId, rule: u16, at: Time, clock: Time, links: &mut Vec<Link>) {
        if let Some(check) = self.justification_check(id) {
            links.push(Link {
                target: LinkTarget::Check(id),
                id: id.to_string(),
                text: format!("check: {}", check.summary()),
            });
        }
        let r = &self.scenario.rules[rule as usize];
        let set = self.rule_set_event(rule, at);
        if let Some(event) = set {
            let e = &self.scenario.events[event as usize];
            let note = match &e.what {
                EventKind::RuleSet { note, .. } | EventKind::RuleChanged { note, .. } => note,
                _ => "",
            };
            // A public event, shown in full on its line: it has no record to open.
            links.push(Link {
                target: LinkTarget::Rule(rule),
                id: r.id.to_string(),
                text: format!("rule {} set ({}): {note}", r.id, e.at),
            });
        }
        let chain = self.chain_of(id, clock);
        let setters = chain.named(ChainRole::CarriedOut);
        for &o in &setters {
            self.push_official(
                o,
                ChainRole::CarriedOut,
                &format!("set the rule {}", r.id),
                links,
            );
        }
        if setters.is_empty()
            && let Some(issuer) = &r.issuer
        {
            links.push(Link {
                target: LinkTarget::Rule(rule),
                id: r.id.to_string(),
                text: format!("rule {} issued by {issuer}", r.id),
            });
        }
        self.push_instructions(&chain, links);
    }

    /// The official whose account ran a change, with the account: `how` says their part.
    fn push_executor(&self, op: OfficialIx, how: &str, links: &mut Vec<Link>) {
        let official = self.official(op);
        links.push(Link {
            target: LinkTarget::Executor(op),
            id: official.id.to_string(),
            text: format!(
                "{how} {} (account {}), {}, {}",
                official.name,
                official.account.as_deref().unwrap_or("-"),
                official.post,
                official.organisation
            ),
        });
        if let Some(&role_ix) = self.catalog.roles.get(official.role.as_str()) {
            let role = &self.scenario.roles[role_ix as usize];
            let may = if role.may_assign.is_empty() {
                "no code authority".to_owned()
            } else {
                let colours: Vec<&str> = role.may_assign.iter().map(|c| c.name()).collect();
                format!("may set {}", colours.join("/"))
            };
            links.push(Link {
                target: LinkTarget::Role(role_ix),
                id: role.id.to_string(),
                text: format!(
                    "role {}: {may}{}",
                    role.name,
                    if role.may_batch { ", batches" } else { "" }
                ),
            });
        }
    }

    fn trace_manual(
        &self,
        id: EntryId,
        evidence: &[TimelineIx],
        clock: Time,
        links: &mut Vec<Link>,
    ) {
        let Some(a) = self.assignment_of(id) else {
            return;
        };
        let chain = self.chain_of(id, clock);
        if let Some(op) = self.official_ix(&a.operator) {
            let how = format!("{}:", ChainRole::CarriedOut.label());
            self.push_executor(op, &how, links);
        }
        if let Some(batch) = &a.batch {
            links.push(Link {
                target: LinkTarget::Batch(batch.to_string()),
                id: batch.to_string(),
                text: format!(
                    "batch {batch}: {}",
                    counted(self.ledger.by_batch(batch).len(), "entry", "entries")
                ),
            });
        }
        for step in chain.steps.iter().filter(|s| matches!(s.via, Via::List(_))) {
            if let Via::List(list) = step.via {
                let list = &self.scenario.lists[list as usize];
                let how = format!("compiled the list {}", list.id);
                self.push_official(step.official, step.role, &how, links);
            }
        }
        for &ev in evidence {
            links.push(Link {
                target: LinkTarget::Evidence(ev),
                id: ev.to_string(),
                text: self.describe_record(ev),
            });
        }
        self.push_checks(id, links);
        if let Some(basis) = &a.basis {
            self.push_document(LinkTarget::Basis, basis, clock, links);
        }
        if let Some(directive) = &a.directive {
            self.push_document(LinkTarget::Directive, directive, clock, links);
        }
        self.push_instructions(&chain, links);
    }

    /// The justification and permission checks of a manual entry, as trace lines.
    fn push_checks(&self, id: EntryId, links: &mut Vec<Link>) {
        if let Some(check) = self.justification_check(id) {
            links.push(Link {
                target: LinkTarget::Check(id),
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
                target: LinkTarget::Permission(id),
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
    }

    /// The known decisions and orders behind a change, each followed by the officials it
    /// shows in their part, then what is not on record yet.
    fn push_instructions(&self, chain: &KnownChain, links: &mut Vec<Link>) {
        for (event, shown) in &chain.instructions {
            let event = *event;
            let e = &self.scenario.events[event as usize];
            let (word, id, summary) = match &e.what {
                EventKind::Order { id, summary, .. } => ("order", id, summary),
                EventKind::Decision { id, summary, .. } => ("decision", id, summary),
                _ => continue,
            };
            links.push(Link {
                target: LinkTarget::Order(event),
                id: id.to_string(),
                text: format!("{word} {id} ({}): {summary}", e.at),
            });
            for &(role, official) in shown {
                self.push_official(official, role, "", links);
            }
        }
        for words in &chain.not_yet {
            links.push(Link {
                target: LinkTarget::NotYet,
                id: String::new(),
                text: words.clone(),
            });
        }
    }

    /// A document a change cites: a link to it once it has reached the auditor, a line that
    /// says it has not otherwise.
    fn push_document(
        &self,
        target: fn(DocumentIx) -> LinkTarget,
        id: &str,
        clock: Time,
        links: &mut Vec<Link>,
    ) {
        let Some(&d) = self.catalog.documents.get(id) else {
            return;
        };
        let doc = &self.scenario.documents[d.ix()];
        let cited = match target(d).kind() {
            LinkKind::Basis => "basis",
            _ => "directive",
        };
        if doc.available_from <= clock {
            links.push(Link {
                target: target(d),
                id: doc.id.to_string(),
                text: format!("{:?} {}: {}", doc.kind, doc.id, doc.title),
            });
        } else {
            links.push(Link {
                target: LinkTarget::NotYet,
                id: doc.id.to_string(),
                text: format!(
                    "{cited} {}: cited by the change; the document is not among your records yet",
                    doc.id
                ),
            });
        }
    }

    /// An official in their part of the chain, labelled in the chain's words, with what
    /// shows it when that is not an instruction (`how`, e.g. the list they compiled).
    fn push_official(&self, ix: OfficialIx, role: ChainRole, how: &str, links: &mut Vec<Link>) {
        let o = self.official(ix);
        let how = if how.is_empty() {
            String::new()
        } else {
            format!(" ({how})")
        };
        // What shows the part comes before the post, which a narrow screen cuts first.
        links.push(Link {
            target: LinkTarget::Official(ix),
            id: o.id.to_string(),
            text: format!(
                "{}: {}{how}, {}, {}",
                role.label(),
                o.name,
                o.post,
                o.organisation
            ),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_serialises_as_kind_id_and_text() {
        let link = Link {
            target: LinkTarget::Executor(OfficialIx(2)),
            id: "chen-yuting".to_owned(),
            text: "operator Chen Yuting".to_owned(),
        };
        assert_eq!(
            serde_json::to_string(&link).unwrap(),
            r#"{"kind":"operator","id":"chen-yuting","text":"operator Chen Yuting"}"#
        );
        let check = Link {
            target: LinkTarget::Check(EntryId(7)),
            id: "7".to_owned(),
            text: String::new(),
        };
        assert!(
            serde_json::to_string(&check)
                .unwrap()
                .starts_with(r#"{"kind":"check","id":"7""#)
        );
    }
}

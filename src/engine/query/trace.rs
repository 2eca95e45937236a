//! The trace: the chain behind a person's colour, as links a viewer can follow.

use std::collections::BTreeSet;

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

use crate::scenario::catalog::{DocumentIx, OfficialIx};
use crate::scenario::expand::PersonIx;
use crate::scenario::model::{Colour, EventKind};
use crate::scenario::text::counted;
use crate::scenario::time::Time;

use super::super::ledger::{Cause, EntryId, TimelineIx};
use super::super::world::World;

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
}

impl World {
    /// The chain behind `person`'s colour at `at` in the first system: entry, cause,
    /// the official who executed it, their role, the directive, who issued it and the orders
    /// that reached them.
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
        links.push(Link {
            target: LinkTarget::Entry(id),
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
            }
            Cause::Manual { evidence, .. } => self.trace_manual(id, evidence, links),
            Cause::Lapse { of } if depth < 4 => self.trace_entry(*of, links, depth + 1),
            Cause::Reversal { of, .. } if depth < 4 => {
                if let Some(op) = self.official_of(id) {
                    self.push_executor(op, links);
                }
                self.trace_entry(*of, links, depth + 1);
            }
            Cause::Lapse { .. } | Cause::Reversal { .. } => {}
        }
    }

    /// The official who executed a change, with the account they used.
    fn push_executor(&self, op: OfficialIx, links: &mut Vec<Link>) {
        let official = self.official(op);
        links.push(Link {
            target: LinkTarget::Executor(op),
            id: official.id.to_string(),
            text: format!(
                "operator {} (account {}), {}, {}",
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

    fn trace_manual(&self, id: EntryId, evidence: &[TimelineIx], links: &mut Vec<Link>) {
        let Some(a) = self.assignment_of(id) else {
            return;
        };
        if let Some(op) = self.official_ix(&a.operator) {
            self.push_executor(op, links);
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
        for &ev in evidence {
            links.push(Link {
                target: LinkTarget::Evidence(ev),
                id: ev.to_string(),
                text: self.describe_record(ev),
            });
        }
        let check = self.justification_check(id);
        if let Some(check) = &check {
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
        if let Some(basis) = &a.basis {
            self.push_document(LinkTarget::Basis, basis, links);
        }
        let at = self.ledger.get(id).map_or(Time(0), |e| e.at);
        let mut seen = BTreeSet::new();
        if let Some(directive) = &a.directive {
            self.push_document(LinkTarget::Directive, directive, links);
            let issuer = self
                .catalog
                .documents
                .get(directive.as_str())
                .map(|&d| self.scenario.documents[d.ix()].author.to_string());
            if let Some(issuer) = issuer.filter(|i| self.official_ix(i).is_some()) {
                self.push_official(&issuer, "issued by", links);
                self.push_orders_to(&issuer, at, links, &mut seen, 0);
            }
        }
        self.push_orders_to(&a.operator, at, links, &mut seen, 0);
    }

    fn push_document(&self, target: fn(DocumentIx) -> LinkTarget, id: &str, links: &mut Vec<Link>) {
        if let Some(&d) = self.catalog.documents.get(id) {
            let doc = &self.scenario.documents[d.ix()];
            links.push(Link {
                target: target(d),
                id: doc.id.to_string(),
                text: format!("{:?} {}: {}", doc.kind, doc.id, doc.title),
            });
        }
    }

    fn push_official(&self, id: &str, how: &str, links: &mut Vec<Link>) {
        if let Some(ix) = self.official_ix(id) {
            let o = self.official(ix);
            links.push(Link {
                target: LinkTarget::Official(ix),
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
                target: LinkTarget::Order(i as u32),
                id: id.to_string(),
                text: format!("order {id} ({}): {summary}", event.at),
            });
            self.push_official(from, "ordered by", links);
            self.push_orders_to(from, event.at, links, seen, depth + 1);
        }
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

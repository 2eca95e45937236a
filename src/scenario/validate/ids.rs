//! Ids: each declared once per kind, and every reference to one that exists.

use super::Checker;
use super::{item, key_item};
use crate::scenario::load::Step;
use crate::scenario::model::*;
use crate::scenario::text::Text;

/// The kinds of thing that have ids; each has its own namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Kind {
    System,
    City,
    District,
    Venue,
    Rule,
    Reason,
    Role,
    Official,
    Person,
    Crowd,
    List,
    Document,
    Order,
    Control,
    Batch,
    Access,
    Finding,
    Objective,
    Inject,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::System => "code system",
            Kind::City => "city",
            Kind::District => "district",
            Kind::Venue => "venue",
            Kind::Rule => "rule",
            Kind::Reason => "reason",
            Kind::Role => "role",
            Kind::Official => "official",
            Kind::Person => "person",
            Kind::Crowd => "crowd",
            Kind::List => "list",
            Kind::Document => "document",
            Kind::Order => "order or decision",
            Kind::Control => "control",
            Kind::Batch => "batch",
            Kind::Access => "access",
            Kind::Finding => "finding",
            Kind::Objective => "objective",
            Kind::Inject => "inject",
        }
    }
}

impl<'a> Checker<'a> {
    /// Registers an id; a second one of the same kind is an error at the second place.
    pub(super) fn declare(&mut self, kind: Kind, path: &[Step], key: &str, id: &'a Text) {
        if id.trim().is_empty() {
            self.error(path, key, id, format!("a {} has an empty id", kind.noun()));
            return;
        }
        let fresh = self.ids.entry(kind).or_default().insert(id.as_str());
        if !fresh {
            self.error(
                path,
                key,
                id,
                format!("duplicate {} id `{id}`: ids must be unique", kind.noun()),
            );
        }
    }

    pub(super) fn collect_ids(&mut self) {
        let s = self.scenario;
        for (i, x) in s.systems.iter().enumerate() {
            self.declare(Kind::System, &item("systems", i), "id", &x.id);
        }
        for (i, x) in s.cities.iter().enumerate() {
            self.declare(Kind::City, &item("cities", i), "id", &x.id);
        }
        for (i, x) in s.districts.iter().enumerate() {
            self.declare(Kind::District, &item("districts", i), "id", &x.id);
        }
        for (i, x) in s.venues.iter().enumerate() {
            self.declare(Kind::Venue, &item("venues", i), "id", &x.id);
        }
        for (i, x) in s.rules.iter().enumerate() {
            self.declare(Kind::Rule, &item("rules", i), "id", &x.id);
        }
        for (i, x) in s.reasons.iter().enumerate() {
            self.declare(Kind::Reason, &item("reasons", i), "id", &x.id);
        }
        for (i, x) in s.roles.iter().enumerate() {
            self.declare(Kind::Role, &item("roles", i), "id", &x.id);
        }
        for (i, x) in s.officials.iter().enumerate() {
            self.declare(Kind::Official, &item("officials", i), "id", &x.id);
        }
        for (i, x) in s.people.iter().enumerate() {
            self.declare(Kind::Person, &item("people", i), "id", &x.id);
        }
        for (i, x) in s.crowds.iter().enumerate() {
            self.declare(Kind::Crowd, &item("crowds", i), "id", &x.id);
        }
        for (i, x) in s.lists.iter().enumerate() {
            self.declare(Kind::List, &item("lists", i), "id", &x.id);
        }
        for (i, x) in s.documents.iter().enumerate() {
            self.declare(Kind::Document, &item("documents", i), "id", &x.id);
        }
        for (i, x) in s.controls.iter().enumerate() {
            self.declare(Kind::Control, &item("controls", i), "id", &x.id);
        }
        for (i, event) in s.events.iter().enumerate() {
            match &event.what {
                EventKind::Order { id, .. } | EventKind::Decision { id, .. } => {
                    self.declare(Kind::Order, &item("events", i), "id", id)
                }
                EventKind::Assignment(Assignment {
                    batch: Some(batch), ..
                }) => self.declare(Kind::Batch, &item("events", i), "batch", batch),
                EventKind::Access(a) => self.declare(Kind::Access, &item("events", i), "id", &a.id),
                _ => {}
            }
        }
        if let Some(key) = &s.answer_key {
            for (i, f) in key.findings.iter().enumerate() {
                self.declare(Kind::Finding, &key_item("findings", i), "id", &f.id);
            }
            for (i, f) in key.lawful.iter().enumerate() {
                self.declare(Kind::Finding, &key_item("lawful", i), "id", &f.id);
            }
            for (i, o) in key.objectives.iter().enumerate() {
                self.declare(Kind::Objective, &key_item("objectives", i), "id", &o.id);
            }
        }
    }

    /// Whether an id of this kind exists. People may also be generated by crowds.
    pub(super) fn known(&self, kind: Kind, id: &str) -> bool {
        if self.ids.get(&kind).is_some_and(|set| set.contains(id)) {
            return true;
        }
        kind == Kind::Person && self.generated_by(id).is_some()
    }

    /// A crowd that generates a person with this id, if any. Generated ids are exactly
    /// `{prefix}-{n:05}`, `n` running from 1 to the number of people (members and
    /// companions) of every crowd sharing the prefix, as expansion writes them.
    pub(super) fn generated_by(&self, id: &str) -> Option<&'a Crowd> {
        let crowds = &self.scenario.crowds;
        crowds.iter().find(|crowd| {
            let prefix = crowd.id_prefix.as_str();
            let Some(digits) = id.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) else {
                return false;
            };
            let pool: u32 = crowds
                .iter()
                .filter(|c| c.id_prefix.as_str() == prefix)
                .map(|c| c.count + c.companions.min(c.count))
                .sum();
            names_member(digits, pool)
        })
    }

    /// Reports a reference to an id that does not exist.
    pub(super) fn reference(&mut self, kind: Kind, path: &[Step], key: &str, id: &str) {
        if !self.known(kind, id) {
            self.error(path, key, id, format!("unknown {} `{id}`", kind.noun()));
        }
    }
}

/// Whether `digits` is how expansion writes member number 1 to `count`: zero-padded to five.
fn names_member(digits: &str, count: u32) -> bool {
    digits.bytes().all(|b| b.is_ascii_digit())
        && digits
            .parse::<u32>()
            .is_ok_and(|n| n >= 1 && n <= count && format!("{n:05}") == digits)
}

//! The platform's access log: who looked up or exported whose personal records, which
//! fields and for what stated purpose; and the access check, which sets an access against
//! what its purpose needs and what its account's role may read.

use std::collections::HashMap;

use serde::Serialize;

use crate::scenario::catalog::OfficialIx;
use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::{
    Access, Category, ChainRole, DocumentKind, EventKind, Field, Scenario, Selector, Trigger, Whose,
};
use crate::scenario::text::thousands;
use crate::scenario::time::Time;

use super::ledger::Cause;
use super::world::World;

/// The accesses of a scenario, in time order (file order at equal times).
#[derive(Debug, Clone, Default)]
pub struct AccessLog {
    /// Each access's event index in the scenario.
    events: Vec<u32>,
    times: Vec<Time>,
    by_id: HashMap<String, usize>,
}

impl AccessLog {
    pub fn new(scenario: &Scenario) -> AccessLog {
        let mut found: Vec<(Time, u32)> = scenario
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.what, EventKind::Access(_)))
            .map(|(i, e)| (e.at, i as u32))
            .collect();
        found.sort_by_key(|&(at, i)| (at, i));
        let mut log = AccessLog::default();
        for (ix, (at, event)) in found.into_iter().enumerate() {
            if let EventKind::Access(a) = &scenario.events[event as usize].what {
                log.by_id.entry(a.id.to_string()).or_insert(ix);
            }
            log.events.push(event);
            log.times.push(at);
        }
        log
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// The position of the access with this id.
    pub fn find(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// How many accesses were made at or before `at`: those the auditor can read.
    pub fn until(&self, at: Time) -> usize {
        self.times.partition_point(|&t| t <= at)
    }

    /// The scenario event behind the access at `ix`.
    pub fn event(&self, ix: usize) -> Option<u32> {
        self.events.get(ix).copied()
    }
}

/// An access set against its purpose and its account's role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessCheck {
    /// The account's role, by name.
    pub role: String,
    /// The purpose as stated, and as the log classes it.
    pub stated: String,
    pub purpose: String,
    /// What the check found, one line each, problems first.
    pub lines: Vec<String>,
    /// The purpose is not epidemic control.
    pub outside_purpose: bool,
    /// More fields, or more people, than the purpose needs.
    pub excessive: bool,
    /// Fields or a purpose the role may not read for.
    pub beyond_role: bool,
}

impl AccessCheck {
    /// Whether the access stands: within its purpose and its role.
    pub fn holds(&self) -> bool {
        !(self.outside_purpose || self.excessive || self.beyond_role)
    }

    /// The categories the check's findings amount to, in their fixed order; `Lawful`
    /// alone when it holds.
    pub fn categories(&self) -> Vec<Category> {
        let mut out = Vec::new();
        if self.beyond_role {
            out.push(Category::OutsideAuthority);
        }
        if self.outside_purpose {
            out.push(Category::BeyondPurpose);
        }
        if self.excessive {
            out.push(Category::ExcessiveCollection);
        }
        if out.is_empty() {
            out.push(Category::Lawful);
        }
        out.sort();
        out
    }

    /// The check in a word or two, for a narrow column: `✓ stands`, `⚠ purpose+role`.
    pub fn short_verdict(&self) -> String {
        if self.holds() {
            return "✓ stands".to_owned();
        }
        let parts: Vec<&str> = [
            (self.outside_purpose, "purpose"),
            (self.excessive, "excess"),
            (self.beyond_role, "role"),
        ]
        .into_iter()
        .filter_map(|(on, word)| on.then_some(word))
        .collect();
        format!("⚠ {}", parts.join("+"))
    }

    /// The check in a few words.
    pub fn verdict(&self) -> String {
        if self.holds() {
            return "within purpose and role".to_owned();
        }
        let mut parts = Vec::new();
        if self.outside_purpose {
            parts.push("beyond purpose");
        }
        if self.excessive {
            parts.push("excessive");
        }
        if self.beyond_role {
            parts.push("beyond role");
        }
        parts.join(", ")
    }
}

impl World {
    /// The access at a position of the log, and when it was made.
    pub fn access(&self, ix: usize) -> Option<(Time, &Access)> {
        let event = self
            .scenario
            .events
            .get(self.accesses.event(ix)? as usize)?;
        match &event.what {
            EventKind::Access(a) => Some((event.at, a)),
            _ => None,
        }
    }

    /// The positions of the accesses from an official's account (their id), in time order.
    pub fn accesses_by(&self, official: &str) -> Vec<usize> {
        (0..self.accesses.len())
            .filter(|&ix| self.access(ix).is_some_and(|(_, a)| a.account == official))
            .collect()
    }

    /// The accesses a selector picks, in time order; none for a selector of entries.
    pub fn select_accesses(&self, selector: &Selector) -> Vec<usize> {
        let mut ixs: Vec<usize> = match selector {
            Selector::Access(id) => self.accesses.find(id).into_iter().collect(),
            Selector::Accesses(ids) => ids.iter().filter_map(|id| self.accesses.find(id)).collect(),
            Selector::AccessesBy(official) => self.accesses_by(official),
            _ => Vec::new(),
        };
        ixs.sort_unstable();
        ixs.dedup();
        ixs
    }

    /// The people an access named, when it named them (people or a list).
    pub fn access_people(&self, access: &Access) -> Vec<PersonIx> {
        match &access.whose {
            Whose::People(ids) => ids.iter().filter_map(|p| self.roster.find(p)).collect(),
            Whose::List(list) => {
                let Some(&list) = self.catalog.lists.get(list.as_str()) else {
                    return Vec::new();
                };
                (0..self.roster.people.len())
                    .filter(|&p| self.roster.people[p].lists.contains(&list))
                    .map(|p| PersonIx(p as u32))
                    .collect()
            }
            Whose::Count(_) => Vec::new(),
        }
    }

    /// How many people's records an access read.
    pub fn access_count(&self, access: &Access) -> u64 {
        match &access.whose {
            Whose::Count(n) => *n,
            _ => self.access_people(access).len() as u64,
        }
    }

    /// Whose records, in words, the count first so a narrow column keeps it: "3 named:
    /// Ma Li, Dong Qiang and 1 more", "40 on the list Qingshan Garden residents",
    /// "10,360,000 people, unnamed".
    pub fn access_whose(&self, access: &Access) -> String {
        match &access.whose {
            Whose::People(ids) => {
                let names: Vec<&str> = ids
                    .iter()
                    .filter_map(|p| self.roster.find(p))
                    .map(|p| self.person_name(p))
                    .collect();
                let shown = if names.len() <= 2 {
                    names.join(", ")
                } else {
                    format!("{}, {} and {} more", names[0], names[1], names.len() - 2)
                };
                format!("{} named: {shown}", names.len())
            }
            Whose::List(list) => {
                let name = self
                    .catalog
                    .lists
                    .get(list.as_str())
                    .map_or(list.as_str(), |&l| {
                        self.scenario.lists[l as usize].name.as_str()
                    });
                format!(
                    "{} on the list {name}",
                    thousands(self.access_count(access))
                )
            }
            Whose::Count(n) => format!("{} people, unnamed", thousands(*n)),
        }
    }

    /// One line for a list of accesses or a flag: when, whose account, whose records.
    pub fn describe_access(&self, id: &str) -> String {
        let Some((at, a)) = self.accesses.find(id).and_then(|ix| self.access(ix)) else {
            return format!("access {id}");
        };
        let account = self
            .official_ix(&a.account)
            .map_or(a.account.as_str(), |o| self.official(o).name.as_str());
        format!("access {id} ({at}, {account}: {})", self.access_whose(a))
    }

    /// The access check: the access against what its purpose needs and its role allows.
    pub fn access_check(&self, ix: usize) -> Option<AccessCheck> {
        let (at, a) = self.access(ix)?;
        let official = self.official(self.official_ix(&a.account)?);
        let role = &self.scenario.roles[*self.catalog.roles.get(official.role.as_str())? as usize];
        let mut check = AccessCheck {
            role: role.name.to_string(),
            stated: a.stated_words().to_owned(),
            purpose: a.purpose.name().to_owned(),
            lines: Vec::new(),
            outside_purpose: false,
            excessive: false,
            beyond_role: false,
        };
        let fields = |fs: Vec<Field>| fs.iter().map(|f| f.name()).collect::<Vec<_>>().join(", ");
        if !a.purpose.is_epidemic() {
            check.outside_purpose = true;
            check
                .lines
                .push(format!("{} is not epidemic control", a.purpose.name()));
        } else {
            let extra: Vec<Field> = a
                .fields
                .iter()
                .copied()
                .filter(|f| !a.purpose.needs().contains(f))
                .collect();
            if !extra.is_empty() {
                check.excessive = true;
                check
                    .lines
                    .push(format!("{} needs no {}", a.purpose.name(), fields(extra)));
            }
            self.check_whom(at, a, &mut check);
        }
        let unread: Vec<Field> = a
            .fields
            .iter()
            .copied()
            .filter(|f| !role.may_read.contains(f))
            .collect();
        if !unread.is_empty() {
            check.beyond_role = true;
            check
                .lines
                .push(format!("the role may not read {}", fields(unread)));
        }
        if !role.purposes.contains(&a.purpose) {
            check.beyond_role = true;
            check.lines.push(format!(
                "the role may not read records for {}",
                a.purpose.name()
            ));
        }
        if check.holds() {
            check.lines.push(format!(
                "{} needs {}; the role may read them for it",
                a.purpose.name(),
                fields(a.fields.clone())
            ));
        }
        Some(check)
    }

    /// Contact tracing and case management concern cases and their contacts alone: a bulk
    /// query, or people with no case or contact on record, is more than the purpose needs.
    fn check_whom(&self, at: Time, a: &Access, check: &mut AccessCheck) {
        if !a.purpose.cases_only() {
            return;
        }
        if let Whose::Count(n) = a.whose {
            check.excessive = true;
            check.lines.push(format!(
                "a bulk query of {n} people: {} concerns cases and their contacts only",
                a.purpose.name()
            ));
            return;
        }
        let people = self.access_people(a);
        let unlinked = people.iter().filter(|&&p| !self.case_linked(p, at)).count();
        if unlinked > 0 {
            check.excessive = true;
            check.lines.push(format!(
                "{unlinked} of {} people read have no case or contact on record",
                people.len()
            ));
        } else {
            check.lines.push(format!(
                "each of the {} people read is a case or a contact on record",
                people.len()
            ));
        }
    }

    /// Whether a person is on record, by `at`, as a case or a contact: a positive test, a
    /// case report, a colour set by a case rule, or an investigation record naming them.
    pub fn case_linked(&self, person: PersonIx, at: Time) -> bool {
        let by_rule = self.ledger.history(person).iter().any(|&id| {
            self.ledger.get(id).is_some_and(|e| {
                e.at <= at
                    && matches!(e.cause, Cause::Rule { rule, .. }
                        if matches!(self.scenario.rules[usize::from(rule)].trigger,
                            Trigger::PositiveTest | Trigger::CaseVisit { .. } | Trigger::CaseOverlap { .. }))
            })
        });
        let by_record =
            self.records_until(person, at)
                .iter()
                .any(|&r| match self.timeline[r.ix()].what {
                    Occurrence::Test { positive, .. } => positive,
                    _ => matches!(self.scripted(r), Some(EventKind::CaseReport { .. })),
                });
        let id = self.person_id(person);
        let by_document = self.scenario.documents.iter().any(|d| {
            d.kind == DocumentKind::InvestigationRecord
                && d.date() <= at
                && d.concerns.iter().any(|c| c.as_str() == id)
        });
        by_rule || by_record || by_document
    }
}

impl World {
    /// The chain behind an access as the records known at `at` show it: who carried it
    /// out (the account's holder) and, once the record it cites has reached the auditor,
    /// who decided it (that record's author, when an official wrote it).
    pub fn access_chain_known_at(&self, ix: usize, at: Time) -> Vec<(ChainRole, OfficialIx)> {
        let Some((_, a)) = self.access(ix) else {
            return Vec::new();
        };
        let mut chain = Vec::new();
        if let Some(doc) = a
            .document
            .as_ref()
            .and_then(|d| self.catalog.documents.get(d.as_str()))
        {
            let doc = &self.scenario.documents[doc.ix()];
            if doc.available_from <= at
                && let Some(author) = self.official_ix(&doc.author)
            {
                chain.push((ChainRole::Decided, author));
            }
        }
        if let Some(account) = self.official_ix(&a.account) {
            chain.push((ChainRole::CarriedOut, account));
        }
        chain
    }

    /// The cited record, once it has reached the auditor: its id and title.
    pub fn access_document_known_at(&self, ix: usize, at: Time) -> Option<(&str, &str)> {
        let (_, a) = self.access(ix)?;
        let doc = self.catalog.documents.get(a.document.as_deref()?)?;
        let doc = &self.scenario.documents[doc.ix()];
        (doc.available_from <= at).then_some((doc.id.as_str(), doc.title.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hangzhou() -> World {
        crate::open::open(Some("hangzhou-2020"), None)
            .unwrap()
            .world
    }

    fn check(world: &World, id: &str) -> AccessCheck {
        world
            .access_check(world.accesses.find(id).unwrap())
            .unwrap()
    }

    #[test]
    fn the_log_runs_in_time_order_and_opens_with_the_clock() {
        let world = hangzhou();
        assert_eq!(world.accesses.len(), 7);
        let times: Vec<Time> = (0..7).map(|ix| world.access(ix).unwrap().0).collect();
        assert!(times.is_sorted());
        assert_eq!(world.accesses.until(world.scenario.start), 0);
        assert_eq!(world.accesses.until(times[2]), 3);
        assert_eq!(world.accesses_by("fang-databureau"), vec![4, 6]);
    }

    #[test]
    fn each_kind_of_overreach_is_marked_and_lawful_uses_stand() {
        let world = hangzhou();
        let index = check(&world, "acc-0518-index");
        assert!(index.outside_purpose && index.beyond_role && !index.excessive);
        assert_eq!(
            index.categories(),
            [Category::OutsideAuthority, Category::BeyondPurpose]
        );
        let list = check(&world, "acc-0521-qingshan");
        assert!(list.excessive && !list.outside_purpose && !list.beyond_role);
        assert!(
            list.lines
                .iter()
                .any(|l| l == "40 of 40 people read have no case or contact on record"),
            "{:?}",
            list.lines
        );
        for lawful in ["acc-0512-trace", "acc-0513-stats", "acc-0519-screening"] {
            let c = check(&world, lawful);
            assert!(c.holds(), "{lawful}: {:?}", c.lines);
            assert_eq!(c.categories(), [Category::Lawful]);
            assert_eq!(c.short_verdict(), "✓ stands");
        }
        assert_eq!(
            check(&world, "acc-0526-archive").short_verdict(),
            "⚠ purpose+role"
        );
    }

    #[test]
    fn tracing_a_bulk_count_or_reading_unneeded_fields_is_excessive() {
        let mut world = hangzhou();
        let ix = world.accesses.find("acc-0512-trace").unwrap();
        let event = world.accesses.event(ix).unwrap() as usize;
        let EventKind::Access(a) = &mut world.scenario.events[event].what else {
            unreachable!()
        };
        a.whose = Whose::Count(5000);
        a.fields.push(Field::MedicalRecords);
        let c = world.access_check(ix).unwrap();
        assert!(
            c.excessive && !c.outside_purpose && !c.beyond_role,
            "{:?}",
            c.lines
        );
        assert!(
            c.lines[0].contains("needs no medical records"),
            "{:?}",
            c.lines
        );
        assert!(
            c.lines[1].starts_with("a bulk query of 5000 people"),
            "{:?}",
            c.lines
        );
    }

    #[test]
    fn the_chain_shows_who_decided_once_the_cited_record_is_in() {
        let world = hangzhou();
        let ix = world.accesses.find("acc-0518-index").unwrap();
        let (at, _) = world.access(ix).unwrap();
        let lu = world.official_ix("lu-infocentre").unwrap();
        let he = world.official_ix("he-director").unwrap();
        // The work plan reaches the auditor on 22 May, after the export of the 18th.
        assert_eq!(
            world.access_chain_known_at(ix, at),
            [(ChainRole::CarriedOut, lu)]
        );
        assert!(world.access_document_known_at(ix, at).is_none());
        assert_eq!(
            world.access_chain_known_at(ix, world.scenario.end),
            [(ChainRole::Decided, he), (ChainRole::CarriedOut, lu)]
        );
        assert_eq!(
            world.describe_access("acc-0521-qingshan"),
            "access acc-0521-qingshan (2020-05-21 10:00, 周琳 Zhou Lin: 40 on the list Qingshan Garden residents)"
        );
    }
}

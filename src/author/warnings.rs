//! Warnings about a scenario that opens: things written but never used, rules that never
//! fire, places that contradict each other, an answer key that can mislead. None stops a
//! scenario from playing; `redcode validate --deny-warnings` makes them fail a check.
//!
//! They are given once the file has no errors (an unknown id would make what it meant to
//! name look unused) and the scenario has run (a rule fires, or not, only then). Each is a
//! pass over the file's own lists or over the ledger's indexes, never over every person of
//! the crowds, so a large city opens as fast as before.

use std::collections::{BTreeMap, BTreeSet};

use crate::engine::World;
use crate::scenario::load::{Loaded, Step};
use crate::scenario::model::{
    Answer, DocumentKind, EventKind, Scenario, Selector, StepAction, Targets, Trigger, Whose,
};
use crate::scenario::text::{Text, counted};
use crate::scenario::validate::Locator;
use crate::scenario::{Diagnostic, Severity};

use Step::{Field, Item};

/// Every warning about a scenario that opened, in the order of the file.
pub fn warnings(loaded: &Loaded, world: &World) -> Vec<Diagnostic> {
    let mut w = Warner {
        locator: Locator::new(loaded),
        diagnostics: Vec::new(),
    };
    let s = &loaded.scenario;
    w.unused(s);
    w.places(s);
    w.silent_rules(s, world);
    w.key(s, world);
    w.diagnostics
        .extend(super::key_warnings::attribution(loaded, world));
    w.diagnostics
        .extend(super::key_warnings::never_known(loaded, world));
    w.diagnostics.sort_by_key(|d| (d.line, d.column));
    w.diagnostics
}

struct Warner<'a> {
    locator: Locator<'a>,
    diagnostics: Vec<Diagnostic>,
}

/// The ids a scenario refers to, by kind, outside their own definitions.
#[derive(Default)]
struct Used<'s> {
    people: BTreeSet<&'s str>,
    venues: BTreeSet<&'s str>,
    lists: BTreeSet<&'s str>,
    documents: BTreeSet<&'s str>,
}

impl<'s> Used<'s> {
    fn of(s: &'s Scenario) -> Used<'s> {
        let mut used = Used::default();
        for event in &s.events {
            used.event(&event.what);
        }
        for crowd in &s.crowds {
            for step in &crowd.itinerary {
                if let StepAction::Scan { venues } = &step.action {
                    used.venues.extend(venues.iter().map(Text::as_str));
                }
            }
        }
        // A rule that keys on venues or a list uses them.
        for rule in &s.rules {
            match &rule.trigger {
                Trigger::VenueScan { venues } => {
                    used.venues.extend(venues.iter().map(Text::as_str))
                }
                Trigger::ListMember { list } => _ = used.lists.insert(list),
                _ => {}
            }
        }
        for person in &s.people {
            if let Some(companion) = &person.companion_of {
                used.people.insert(companion);
                used.people.insert(&person.id);
            }
        }
        for list in &s.lists {
            used.people.extend(list.members.iter().map(Text::as_str));
            used.documents.extend(list.document.as_deref());
        }
        for document in &s.documents {
            used.people
                .extend(document.concerns.iter().map(Text::as_str));
        }
        if let Some(key) = &s.answer_key {
            let sets = key.findings.iter().map(|f| &f.entries);
            for selector in sets.chain(key.lawful.iter().map(|l| &l.entries)) {
                if let Selector::OperatorOn { people, .. } = selector {
                    used.people.extend(people.iter().map(Text::as_str));
                }
            }
            for objective in &key.objectives {
                match &objective.answer {
                    Answer::Person(id) => _ = used.people.insert(id),
                    Answer::Document(id) => _ = used.documents.insert(id),
                    _ => {}
                }
            }
        }
        used
    }

    fn event(&mut self, what: &'s EventKind) {
        match what {
            EventKind::Scan { person, venue } => {
                self.people.insert(person);
                self.venues.insert(venue);
            }
            EventKind::CaseReport { person, visits } => {
                self.people.insert(person);
                self.venues.extend(visits.iter().map(|v| v.venue.as_str()));
            }
            EventKind::Carrier { person, .. }
            | EventKind::ArrivalForm { person, .. }
            | EventKind::Test { person, .. }
            | EventKind::InboundArrival { person, .. }
            | EventKind::MissedTest { person } => _ = self.people.insert(person),
            EventKind::Assignment(a) => {
                match &a.targets {
                    Targets::People(people) => self.people.extend(people.iter().map(Text::as_str)),
                    Targets::ListScannedIn { list, .. } => _ = self.lists.insert(list),
                }
                self.documents.extend(a.directive.as_deref());
                self.documents.extend(a.basis.as_deref());
            }
            EventKind::Decision { document, .. } | EventKind::Order { document, .. } => {
                self.documents.extend(document.as_deref())
            }
            EventKind::Access(a) => {
                match &a.whose {
                    Whose::People(people) => self.people.extend(people.iter().map(Text::as_str)),
                    Whose::List(list) => _ = self.lists.insert(list),
                    Whose::Count(_) => {}
                }
                self.documents.extend(a.document.as_deref());
            }
            EventKind::AreaRisk { .. }
            | EventKind::Reversal { .. }
            | EventKind::RuleSet { .. }
            | EventKind::RuleChanged { .. }
            | EventKind::RuleWithdrawn { .. } => {}
        }
    }
}

impl Warner<'_> {
    fn warn(&mut self, path: &[Step], key: &str, value: &str, message: String) {
        let d = self
            .locator
            .diagnostic(path, key, value, Severity::Warning, message);
        self.diagnostics.push(d);
    }

    /// People, venues, lists and documents that nothing refers to.
    fn unused(&mut self, s: &Scenario) {
        let used = Used::of(s);
        for (i, person) in s.people.iter().enumerate() {
            if !used.people.contains(person.id.as_str()) {
                self.warn(
                    &[Field("people"), Item(i)],
                    "id",
                    &person.id,
                    format!(
                        "person `{}` is never used: no event, list, document or answer names them",
                        person.id
                    ),
                );
            }
        }
        for (i, venue) in s.venues.iter().enumerate() {
            if !used.venues.contains(venue.id.as_str()) {
                self.warn(
                    &[Field("venues"), Item(i)],
                    "id",
                    &venue.id,
                    format!(
                        "venue `{}` is never used: nobody scans it and no case visits it",
                        venue.id
                    ),
                );
            }
        }
        for (i, list) in s.lists.iter().enumerate() {
            if !used.lists.contains(list.id.as_str()) {
                self.warn(
                    &[Field("lists"), Item(i)],
                    "id",
                    &list.id,
                    format!(
                        "list `{}` is never used: no assignment picks its members",
                        list.id
                    ),
                );
            }
        }
        // Most records are there to be read; a batch log or a list's record exists to be
        // linked, and one nothing links to is a link the author lost (a misspelt id).
        for (i, document) in s.documents.iter().enumerate() {
            let linked_kind = matches!(document.kind, DocumentKind::BatchLog | DocumentKind::List);
            if linked_kind && !used.documents.contains(document.id.as_str()) {
                self.warn(
                    &[Field("documents"), Item(i)],
                    "id",
                    &document.id,
                    format!(
                        "document `{}` is never used: no change cites it, no order, decision \
                         or list is recorded in it, and no answer names it",
                        document.id
                    ),
                );
            }
        }
    }

    /// Venues in a district of another city, and place codes printed on two venues.
    fn places(&mut self, s: &Scenario) {
        let district_city: BTreeMap<&str, &str> = s
            .districts
            .iter()
            .map(|d| (d.id.as_str(), d.city.as_str()))
            .collect();
        let mut codes: BTreeMap<&str, &str> = BTreeMap::new();
        for (i, venue) in s.venues.iter().enumerate() {
            let at = [Field("venues"), Item(i)];
            let district = venue.district.as_deref();
            if let Some((district, city)) = district.and_then(|d| Some((d, *district_city.get(d)?)))
                && venue.city != city
            {
                self.warn(
                    &at,
                    "district",
                    district,
                    format!(
                        "venue `{}` is in the city `{}`, but its district `{district}` lies in `{city}`",
                        venue.id, venue.city
                    ),
                );
            }
            if venue.place_code.is_empty() {
                continue;
            }
            if let Some(first) = codes.insert(&venue.place_code, &venue.id) {
                // Keep the first holder, so a third venue names the first too.
                codes.insert(&venue.place_code, first);
                self.warn(
                    &at,
                    "place_code",
                    &venue.place_code,
                    format!(
                        "venue `{}` has the place code `{}` of venue `{first}`: a scan of it \
                         cannot say which venue it was",
                        venue.id, venue.place_code
                    ),
                );
            }
        }
    }

    /// Rules with no entry in the ledger once the scenario has run.
    fn silent_rules(&mut self, s: &Scenario, world: &World) {
        for (i, rule) in s.rules.iter().enumerate() {
            let fired = u16::try_from(i).is_ok_and(|ix| !world.ledger.by_rule(ix).is_empty());
            if !fired {
                self.warn(
                    &[Field("rules"), Item(i)],
                    "id",
                    &rule.id,
                    format!(
                        "rule `{}` never fires: no code changes by it once the scenario runs",
                        rule.id
                    ),
                );
            }
        }
    }

    /// Objectives without a hint, and lawful sets that pick what a finding picks.
    fn key(&mut self, s: &Scenario, world: &World) {
        let Some(key) = &s.answer_key else {
            return;
        };
        for (i, objective) in key.objectives.iter().enumerate() {
            if objective.hint.trim().is_empty() {
                self.warn(
                    &[Field("answer_key"), Field("objectives"), Item(i)],
                    "id",
                    &objective.id,
                    format!(
                        "objective `{}` has no hint: a player who asks for one gets nothing",
                        objective.id
                    ),
                );
            }
        }
        if key.lawful.is_empty() {
            return;
        }
        // Entries and accesses alike, each by its position: a set picks one kind only.
        let picks = |selector: &Selector| -> BTreeSet<(bool, usize)> {
            if selector.picks_accesses() {
                let accesses = world.select_accesses(selector).into_iter();
                accesses.map(|ix| (true, ix)).collect()
            } else {
                let entries = world.select(selector).into_iter();
                entries.map(|e| (false, e.ix())).collect()
            }
        };
        let findings: Vec<BTreeSet<_>> = key.findings.iter().map(|f| picks(&f.entries)).collect();
        for (i, lawful) in key.lawful.iter().enumerate() {
            let picked = picks(&lawful.entries);
            for (finding, entries) in key.findings.iter().zip(&findings) {
                let shared = picked.intersection(entries).count();
                if shared > 0 {
                    self.warn(
                        &[Field("answer_key"), Field("lawful"), Item(i)],
                        "entries",
                        "",
                        format!(
                            "lawful set `{}` picks {} that finding `{}` also \
                             picks: flagging them would be both right and a wrongful accusation",
                            lawful.id,
                            if lawful.entries.picks_accesses() {
                                counted(shared, "access", "accesses")
                            } else {
                                counted(shared, "entry", "entries")
                            },
                            finding.id
                        ),
                    );
                }
            }
        }
    }
}

/// Why a selector of the answer key picks no ledger entry, in the file's terms.
pub fn why_nothing(s: &Scenario, selector: &Selector) -> String {
    let batch_why = |batch: &str| {
        let assignment = s.events.iter().find_map(|e| match &e.what {
            EventKind::Assignment(a) if a.batch.as_deref() == Some(batch) => Some(a),
            _ => None,
        });
        match assignment.map(|a| &a.targets) {
            Some(Targets::ListScannedIn {
                list,
                city,
                from,
                to,
            }) => format!(
                "batch `{batch}` changed no code: no member of the list `{list}` scanned a venue \
                 in `{city}` between {from} and {to}"
            ),
            Some(Targets::People(_)) => {
                format!("batch `{batch}` changed no code: everyone it names already had its colour")
            }
            None => format!("batch `{batch}` changed no code"),
        }
    };
    match selector {
        Selector::Batch(batch) => batch_why(batch),
        Selector::Batches(batches) => batches
            .iter()
            .map(|b| batch_why(b))
            .collect::<Vec<_>>()
            .join("; "),
        Selector::Operator(official) => {
            format!("`{official}` changed no code by hand")
        }
        Selector::Rule(rule) => {
            format!("rule `{rule}` never fires: nothing in the records sets it off")
        }
        Selector::OperatorOn { operator, .. } => {
            format!("`{operator}` changed none of these people's codes by hand")
        }
        Selector::Access(_) | Selector::Accesses(_) => {
            "no access to personal records has that id".to_owned()
        }
        Selector::AccessesBy(official) => {
            format!("`{official}` made no access to personal records")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::open::open_loaded;
    use crate::scenario::load::parse_str;

    const MINIMAL: &str = include_str!("../../tests/fixtures/minimal.ron");

    fn warned(text: String) -> Vec<String> {
        let loaded = parse_str("m.ron", text).expect("parses");
        let opened = open_loaded(loaded, None).expect("opens");
        opened.warnings.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn the_minimal_fixture_has_nothing_to_warn_of() {
        assert_eq!(warned(MINIMAL.to_owned()), Vec::<String>::new());
    }

    #[test]
    fn a_silent_rule_and_an_unscanned_venue_are_warned_of_in_file_order() {
        let text = MINIMAL
            .replace(
                r#"        Event(at: "2022-06-10 12:00", what: Test(person: "walker-00001", positive: true)),"#,
                "",
            )
            .replace(
                "    venues: [\n",
                "    venues: [\n        Venue(id: \"far\", name: \"Far\", kind: Other, city: \"zhengzhou\", place_code: \"ZZ-9\"),\n",
            );
        assert_eq!(
            warned(text),
            [
                "venue `far` is never used: nobody scans it and no case visits it",
                "rule `case-positive` never fires: no code changes by it once the scenario runs",
            ]
        );
    }

    #[test]
    fn why_nothing_says_what_each_kind_of_set_lacks() {
        let loaded = parse_str("m.ron", MINIMAL.to_owned()).unwrap();
        let s = &loaded.scenario;
        assert_eq!(
            why_nothing(s, &Selector::Batch("b-1".into())),
            "batch `b-1` changed no code: everyone it names already had its colour"
        );
        assert_eq!(
            why_nothing(s, &Selector::Operator("chen".into())),
            "`chen` changed no code by hand"
        );
        assert!(why_nothing(s, &Selector::Rule("r".into())).starts_with("rule `r` never fires"));
    }
}

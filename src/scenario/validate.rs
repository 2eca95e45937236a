//! Semantic checks on a parsed scenario, each pointing at the place in the file it concerns.

use std::collections::{BTreeMap, BTreeSet};

use super::diagnostic::{Diagnostic, Severity};
use super::load::Loaded;
use super::model::*;
use super::text::Text;
use super::time::Time;

/// Most people a crowd may generate, so a typo cannot ask for a billion.
pub const MAX_CROWD: u32 = 1_000_000;

/// Checks everything that can be checked without running the scenario.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let mut checker = Checker::new(loaded);
    checker.run();
    checker.diagnostics.sort_by_key(|d| (d.line, d.column));
    checker.diagnostics
}

/// Finds places in the source text. Values are located by their quoted literal, which
/// keeps the model free of span bookkeeping while still pointing at the right line.
pub struct Locator<'a> {
    file: &'a str,
    source: &'a str,
}

impl<'a> Locator<'a> {
    pub fn new(loaded: &'a Loaded) -> Locator<'a> {
        Locator {
            file: &loaded.file,
            source: &loaded.source,
        }
    }

    /// The `nth` (0-based) place where `key: "value"` is written, or failing that the first
    /// place the quoted value appears at all, or failing that the key, or the file's start.
    pub fn find(&self, key: &str, value: &str, nth: usize) -> (usize, usize) {
        let quoted = format!("\"{value}\"");
        let keyed: Vec<usize> = self
            .occurrences(&quoted)
            .filter(|&at| self.preceded_by_key(at, key))
            .collect();
        if let Some(&at) = keyed.get(nth).or(keyed.last()) {
            return (at, quoted.len());
        }
        if let Some(at) = self.occurrences(&quoted).next() {
            return (at, quoted.len());
        }
        match self.source.find(key) {
            Some(at) if !key.is_empty() => (at, key.len()),
            _ => (0, 0),
        }
    }

    /// How many times `key: "value"` is written.
    pub fn count(&self, key: &str, value: &str) -> usize {
        let quoted = format!("\"{value}\"");
        self.occurrences(&quoted)
            .filter(|&at| self.preceded_by_key(at, key))
            .count()
    }

    pub fn diagnostic(
        &self,
        key: &str,
        value: &str,
        nth: usize,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let (offset, length) = self.find(key, value, nth);
        Diagnostic::at_offset(self.file, self.source, offset, length, severity, message)
    }

    fn occurrences<'s>(&'s self, needle: &'s str) -> impl Iterator<Item = usize> + 's {
        self.source.match_indices(needle).map(|(at, _)| at)
    }

    fn preceded_by_key(&self, at: usize, key: &str) -> bool {
        let before = self.source[..at].trim_end();
        let Some(before) = before.strip_suffix(':') else {
            return false;
        };
        before.trim_end().ends_with(key)
    }
}

/// The kinds of thing that have ids; each has its own namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
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
    Batch,
    Finding,
    Objective,
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
            Kind::Order => "order",
            Kind::Batch => "batch",
            Kind::Finding => "finding",
            Kind::Objective => "objective",
        }
    }
}

struct Checker<'a> {
    scenario: &'a Scenario,
    locator: Locator<'a>,
    ids: BTreeMap<Kind, BTreeSet<&'a str>>,
    /// Id prefixes of generated people, to catch hand-written ids that collide with them.
    crowd_prefixes: Vec<&'a str>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(loaded: &'a Loaded) -> Checker<'a> {
        Checker {
            scenario: &loaded.scenario,
            locator: Locator::new(loaded),
            ids: BTreeMap::new(),
            crowd_prefixes: Vec::new(),
            diagnostics: Vec::new(),
        }
    }

    fn error(&mut self, key: &str, value: &str, message: String) {
        let d = self
            .locator
            .diagnostic(key, value, 0, Severity::Error, message);
        self.diagnostics.push(d);
    }

    fn warning(&mut self, key: &str, value: &str, message: String) {
        let d = self
            .locator
            .diagnostic(key, value, 0, Severity::Warning, message);
        self.diagnostics.push(d);
    }

    fn run(&mut self) {
        self.collect_ids();
        self.check_window();
        self.check_places();
        self.check_rules_and_roles();
        self.check_people();
        self.check_crowds();
        self.check_documents();
        self.check_events();
        self.check_answer_key();
    }

    /// Registers an id; a second one of the same kind is an error at the second place.
    fn declare(&mut self, kind: Kind, key: &str, id: &'a Text) {
        if id.trim().is_empty() {
            self.error(key, id, format!("a {} has an empty id", kind.noun()));
            return;
        }
        let fresh = self.ids.entry(kind).or_default().insert(id.as_str());
        if !fresh {
            let nth = self.locator.count(key, id).saturating_sub(1);
            let d = self.locator.diagnostic(
                key,
                id,
                nth,
                Severity::Error,
                format!("duplicate {} id `{id}`: ids must be unique", kind.noun()),
            );
            self.diagnostics.push(d);
        }
    }

    fn collect_ids(&mut self) {
        let s = self.scenario;
        for x in &s.systems {
            self.declare(Kind::System, "id", &x.id);
        }
        for x in &s.cities {
            self.declare(Kind::City, "id", &x.id);
        }
        for x in &s.districts {
            self.declare(Kind::District, "id", &x.id);
        }
        for x in &s.venues {
            self.declare(Kind::Venue, "id", &x.id);
        }
        for x in &s.rules {
            self.declare(Kind::Rule, "id", &x.id);
        }
        for x in &s.reasons {
            self.declare(Kind::Reason, "id", &x.id);
        }
        for x in &s.roles {
            self.declare(Kind::Role, "id", &x.id);
        }
        for x in &s.officials {
            self.declare(Kind::Official, "id", &x.id);
        }
        for x in &s.people {
            self.declare(Kind::Person, "id", &x.id);
        }
        for x in &s.crowds {
            self.declare(Kind::Crowd, "id", &x.id);
            self.crowd_prefixes.push(x.id_prefix.as_str());
        }
        for x in &s.lists {
            self.declare(Kind::List, "id", &x.id);
        }
        for x in &s.documents {
            self.declare(Kind::Document, "id", &x.id);
        }
        for event in &s.events {
            match &event.what {
                EventKind::Order { id, .. } => self.declare(Kind::Order, "id", id),
                EventKind::Assignment(Assignment {
                    batch: Some(batch), ..
                }) => self.declare(Kind::Batch, "batch", batch),
                _ => {}
            }
        }
        if let Some(key) = &s.answer_key {
            for f in &key.findings {
                self.declare(Kind::Finding, "id", &f.id);
            }
            for f in &key.lawful {
                self.declare(Kind::Finding, "id", &f.id);
            }
            for o in &key.objectives {
                self.declare(Kind::Objective, "id", &o.id);
            }
        }
    }

    /// Whether an id of this kind exists. People may also be generated by crowds.
    fn known(&self, kind: Kind, id: &str) -> bool {
        if self.ids.get(&kind).is_some_and(|set| set.contains(id)) {
            return true;
        }
        kind == Kind::Person && self.is_generated_person(id)
    }

    fn is_generated_person(&self, id: &str) -> bool {
        self.scenario.crowds.iter().any(|crowd| {
            let Some(rest) = id.strip_prefix(crowd.id_prefix.as_str()) else {
                return false;
            };
            let (companion, digits) = if let Some(digits) = rest.strip_prefix("-c-") {
                (true, digits)
            } else if let Some(digits) = rest.strip_prefix('-') {
                (false, digits)
            } else {
                return false;
            };
            let limit = if companion {
                crowd.companions
            } else {
                crowd.count
            };
            digits.parse::<u32>().is_ok_and(|n| n >= 1 && n <= limit)
        })
    }

    /// Reports a reference to an id that does not exist.
    fn reference(&mut self, kind: Kind, key: &str, id: &str) {
        if !self.known(kind, id) {
            self.error(key, id, format!("unknown {} `{id}`", kind.noun()));
        }
    }

    fn check_window(&mut self) {
        let s = self.scenario;
        if s.start >= s.end {
            self.error(
                "end",
                &s.end.to_string(),
                format!(
                    "the scenario ends ({}) before it starts ({})",
                    s.end, s.start
                ),
            );
        }
        if s.systems.is_empty() {
            self.error(
                "systems",
                "",
                "a scenario needs at least one code system".to_owned(),
            );
        }
    }

    fn within(&self, time: Time) -> bool {
        time >= self.scenario.start && time <= self.scenario.end
    }

    fn out_of_window(&mut self, key: &str, time: Time, what: &str) {
        if !self.within(time) {
            let s = self.scenario;
            self.error(
                key,
                &time.to_string(),
                format!(
                    "{what} at {time} falls outside the scenario ({} to {})",
                    s.start, s.end
                ),
            );
        }
    }

    fn check_places(&mut self) {
        let s = self.scenario;
        for system in &s.systems {
            for other in &system.honours {
                self.reference(Kind::System, "honours", other);
            }
        }
        for city in &s.cities {
            self.reference(Kind::System, "system", &city.system);
        }
        for district in &s.districts {
            self.reference(Kind::City, "city", &district.city);
        }
        for venue in &s.venues {
            self.reference(Kind::City, "city", &venue.city);
            if let Some(district) = &venue.district {
                self.reference(Kind::District, "district", district);
            }
        }
    }

    fn check_rules_and_roles(&mut self) {
        let s = self.scenario;
        for rule in &s.rules {
            self.reference(Kind::System, "system", &rule.system);
            self.reference(Kind::Reason, "reason", &rule.reason);
            if let Trigger::NegativeTests { count: 0, .. } = rule.trigger {
                self.error(
                    "id",
                    &rule.id,
                    format!("rule `{}` lifts on zero tests", rule.id),
                );
            }
        }
        for official in &s.officials {
            self.reference(Kind::Role, "role", &official.role);
            if let Some(system) = &official.system {
                self.reference(Kind::System, "system", system);
            }
        }
        for list in &s.lists {
            self.reference(Kind::Official, "compiled_by", &list.compiled_by);
            if let Some(doc) = &list.document {
                self.reference(Kind::Document, "document", doc);
            }
            for member in &list.members {
                self.reference(Kind::Person, "members", member);
            }
        }
    }

    fn check_people(&mut self) {
        let s = self.scenario;
        for person in &s.people {
            self.reference(Kind::City, "home_city", &person.home_city);
            if let Some(other) = &person.companion_of {
                self.reference(Kind::Person, "companion_of", other);
            }
            if self.is_generated_person(&person.id) {
                self.error(
                    "id",
                    &person.id,
                    format!("person id `{}` is also generated by a crowd", person.id),
                );
            }
        }
    }

    fn check_crowds(&mut self) {
        let s = self.scenario;
        for crowd in &s.crowds {
            let id = crowd.id.as_str();
            let problem = |checker: &mut Self, message: String| {
                checker.error("id", id, format!("crowd `{id}` {message}"));
            };
            if crowd.count == 0 || crowd.count > MAX_CROWD {
                problem(
                    self,
                    format!(
                        "asks for {} people; it can make 1 to {MAX_CROWD}",
                        crowd.count
                    ),
                );
            }
            if crowd.companions > crowd.count {
                problem(
                    self,
                    format!(
                        "asks for {} companions for {} people",
                        crowd.companions, crowd.count
                    ),
                );
            }
            if crowd.surnames.is_empty() || crowd.given_names.is_empty() {
                problem(self, "has no names to choose from".to_owned());
            }
            if crowd.home_cities.is_empty() {
                problem(self, "has no home cities to choose from".to_owned());
            }
            if crowd.itinerary.is_empty() {
                problem(self, "has an empty itinerary".to_owned());
            }
            if crowd.start_from > crowd.start_to {
                problem(self, "starts its window after it ends".to_owned());
            }
            let mut latest = crowd.start_to;
            for step in &crowd.itinerary {
                if step.delay_min > step.delay_max {
                    problem(
                        self,
                        format!(
                            "has a step whose delay_min {} exceeds its delay_max {}",
                            step.delay_min, step.delay_max
                        ),
                    );
                }
                latest = latest.plus_minutes(i64::from(step.delay_max));
            }
            if crowd.start_from < s.start || latest > s.end {
                problem(
                    self,
                    format!(
                        "can produce events from {} to {}, outside the scenario ({} to {})",
                        crowd.start_from, latest, s.start, s.end
                    ),
                );
            }
            for city in &crowd.home_cities {
                self.reference(Kind::City, "home_cities", city);
            }
            for list in &crowd.lists {
                self.reference(Kind::List, "lists", list);
            }
            for step in &crowd.itinerary {
                match &step.action {
                    StepAction::ArrivalForm { city, .. } => {
                        self.reference(Kind::City, "city", city)
                    }
                    StepAction::Scan { venues } => {
                        if venues.is_empty() {
                            self.error(
                                "id",
                                id,
                                format!("crowd `{id}` has a scan step with no venues"),
                            );
                        }
                        for venue in venues {
                            self.reference(Kind::Venue, "venues", venue);
                        }
                    }
                    StepAction::Carrier { city: Some(city) } => {
                        self.reference(Kind::City, "city", city)
                    }
                    StepAction::Carrier { city: None } | StepAction::Test { .. } => {}
                }
            }
        }
    }

    fn check_documents(&mut self) {
        let s = self.scenario;
        for doc in &s.documents {
            self.out_of_window(
                "available_from",
                doc.available_from,
                &format!("document `{}`", doc.id),
            );
            for person in &doc.concerns {
                self.reference(Kind::Person, "concerns", person);
            }
        }
    }

    fn check_events(&mut self) {
        let s = self.scenario;
        for event in &s.events {
            self.out_of_window("at", event.at, "an event");
            match &event.what {
                EventKind::Scan { person, venue } => {
                    self.reference(Kind::Person, "person", person);
                    self.reference(Kind::Venue, "venue", venue);
                }
                EventKind::Carrier { person, city } => {
                    self.reference(Kind::Person, "person", person);
                    if let Some(city) = city {
                        self.reference(Kind::City, "city", city);
                    }
                }
                EventKind::ArrivalForm { person, city, .. } => {
                    self.reference(Kind::Person, "person", person);
                    self.reference(Kind::City, "city", city);
                }
                EventKind::Test { person, .. }
                | EventKind::MissedTest { person }
                | EventKind::InboundArrival { person, .. } => {
                    self.reference(Kind::Person, "person", person)
                }
                EventKind::CaseReport { person, visits } => {
                    self.reference(Kind::Person, "person", person);
                    for visit in visits {
                        self.reference(Kind::Venue, "venue", &visit.venue);
                        if visit.from > visit.to {
                            self.error(
                                "venue",
                                &visit.venue,
                                "a visit ends before it starts".to_owned(),
                            );
                        }
                    }
                }
                EventKind::AreaRisk { district, .. } => {
                    self.reference(Kind::District, "district", district)
                }
                EventKind::Assignment(a) => self.check_assignment(a),
                EventKind::Order {
                    from, to, document, ..
                } => {
                    self.reference(Kind::Official, "from", from);
                    for official in to {
                        self.reference(Kind::Official, "to", official);
                    }
                    if let Some(doc) = document {
                        self.reference(Kind::Document, "document", doc);
                    }
                }
                EventKind::Reversal {
                    operator, batch, ..
                } => {
                    self.check_operator(operator);
                    self.reference(Kind::Batch, "batch", batch);
                }
            }
        }
    }

    fn check_operator(&mut self, operator: &str) {
        self.reference(Kind::Official, "operator", operator);
        let has_account = self
            .scenario
            .officials
            .iter()
            .any(|o| o.id == operator && o.account.is_some());
        if self.known(Kind::Official, operator) && !has_account {
            self.error(
                "operator",
                operator,
                format!("operator `{operator}` has no platform account to act through"),
            );
        }
    }

    fn check_assignment(&mut self, a: &Assignment) {
        self.check_operator(&a.operator);
        self.reference(Kind::Reason, "reason", &a.reason);
        if let Some(doc) = &a.directive {
            self.reference(Kind::Document, "directive", doc);
        }
        if let Some(doc) = &a.basis {
            self.reference(Kind::Document, "basis", doc);
        }
        match &a.targets {
            Targets::People(people) => {
                if people.is_empty() {
                    self.error(
                        "operator",
                        &a.operator,
                        "an assignment names no one".to_owned(),
                    );
                }
                for person in people {
                    self.reference(Kind::Person, "People", person);
                }
            }
            Targets::ListScannedIn {
                list,
                city,
                from,
                to,
            } => {
                self.reference(Kind::List, "list", list);
                self.reference(Kind::City, "city", city);
                if from > to {
                    self.error(
                        "list",
                        list,
                        "a batch's scan window ends before it starts".to_owned(),
                    );
                }
            }
        }
    }

    fn check_selector(&mut self, selector: &Selector) {
        match selector {
            Selector::Batch(batch) => self.reference(Kind::Batch, "Batch", batch),
            Selector::Batches(batches) => {
                if batches.is_empty() {
                    self.error("Batches", "", "a selector names no batches".to_owned());
                }
                for batch in batches {
                    self.reference(Kind::Batch, "Batches", batch);
                }
            }
            Selector::Operator(op) => self.reference(Kind::Official, "Operator", op),
            Selector::Rule(rule) => self.reference(Kind::Rule, "Rule", rule),
            Selector::OperatorOn { operator, people } => {
                self.reference(Kind::Official, "operator", operator);
                for person in people {
                    self.reference(Kind::Person, "people", person);
                }
            }
        }
    }

    fn check_answer_key(&mut self) {
        let Some(key) = &self.scenario.answer_key else {
            self.warning(
                "answer_key",
                "",
                "the scenario has no answer key: it can be played but not scored".to_owned(),
            );
            return;
        };
        if key.findings.is_empty() {
            self.error(
                "findings",
                "",
                "the answer key lists no findings".to_owned(),
            );
        }
        for finding in &key.findings {
            self.check_selector(&finding.entries);
            for official in finding.executed_by.iter().chain(&finding.ordered_by) {
                self.reference(Kind::Official, "executed_by", official);
            }
        }
        for lawful in &key.lawful {
            self.check_selector(&lawful.entries);
        }
        for objective in &key.objectives {
            match &objective.answer {
                Answer::Official(id) => self.reference(Kind::Official, "Official", id),
                Answer::Officials(ids) => {
                    for id in ids {
                        self.reference(Kind::Official, "Officials", id);
                    }
                }
                Answer::Person(id) => self.reference(Kind::Person, "Person", id),
                Answer::Document(id) => self.reference(Kind::Document, "Document", id),
                Answer::Number(_) => {}
            }
        }
    }
}

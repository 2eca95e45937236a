//! Semantic checks on a parsed scenario, each pointing at the place in the file it concerns.

use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

use super::diagnostic::{Diagnostic, Severity};
use super::load::{Loaded, Node, SourceMap, Step};
use super::model::*;
use super::text::Text;
use super::time::{MINUTES_PER_DAY, Time};

/// Most people one crowd may generate, so a typo cannot ask for a billion.
pub const MAX_CROWD: u32 = 1_000_000;

/// Most people all crowds together may generate.
pub const MAX_GENERATED_PEOPLE: u64 = 2_000_000;

/// Most records all crowds together may generate (people times itinerary steps).
pub const MAX_GENERATED_RECORDS: u64 = 10_000_000;

/// Longest a scenario may run: the engine keeps an hourly series over the whole window.
pub const MAX_SCENARIO_DAYS: i64 = 366;

/// Most things of one kind (venues, rules, officials...): the engine numbers them with 16 bits.
pub const MAX_OF_A_KIND: usize = u16::MAX as usize;

/// Most colour rules. A rule set is short; the engine tries every rule on every record
/// that could set one off, so thousands would make opening a large city slow.
pub const MAX_RULES: usize = 256;

/// Most distinct tags. Tags are a small vocabulary (depositor, resident, a bank's name);
/// expansion looks each one up in a list, so thousands would make opening a file slow.
pub const MAX_TAGS: usize = 1024;

/// Checks everything that can be checked without running the scenario.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let locator = Locator::new(loaded);
    let mut checker = Checker::new(&loaded.scenario, &locator);
    checker.run();
    let mut diagnostics = checker.diagnostics;
    diagnostics.sort_by_key(|d| (d.line, d.column));
    diagnostics
}

/// Finds places in the source text: a path leads to the value a check is about (the third
/// event, the first finding), and within it the string written under a key.
/// The map of the source is only built when there is something to report.
pub struct Locator<'a> {
    file: &'a str,
    source: &'a str,
    map: OnceCell<SourceMap>,
}

impl<'a> Locator<'a> {
    pub fn new(loaded: &'a Loaded) -> Locator<'a> {
        Locator {
            file: &loaded.file,
            source: &loaded.source,
            map: OnceCell::new(),
        }
    }

    fn map(&self) -> &SourceMap {
        self.map.get_or_init(|| SourceMap::new(self.source))
    }

    /// Byte offset and length of the place meant: within the value at `path`, the string
    /// `value` written under `key` (a field name, or a variant name such as `People`);
    /// failing that the value of the field `key`; failing that any string `value`; failing
    /// that the value at `path` itself, or the start of the file.
    pub fn find(&self, path: &[Step], key: &str, value: &str) -> (usize, usize) {
        let map = self.map();
        let scope = map.get(path).or_else(|| map.root());
        let Some(scope) = scope else {
            return (0, 0);
        };
        let node = (!value.is_empty())
            .then(|| scope.find_string(self.source, key, value))
            .flatten()
            .or_else(|| (!key.is_empty()).then(|| scope.find_field(key)).flatten())
            .or_else(|| {
                (!value.is_empty())
                    .then(|| scope.find_string(self.source, "", value))
                    .flatten()
            })
            .unwrap_or(scope);
        extent(node)
    }

    /// Byte offset and length of the `nth` (0-based) string `value` under `key` within the
    /// value at `path`, or failing that of the first, as [`find`](Locator::find) finds it.
    pub fn find_nth(&self, path: &[Step], key: &str, value: &str, nth: usize) -> (usize, usize) {
        let map = self.map();
        let nth_string = map
            .get(path)
            .and_then(|scope| scope.find_nth_string(self.source, key, value, nth));
        match nth_string {
            Some(node) => extent(node),
            None => self.find(path, key, value),
        }
    }

    pub fn diagnostic(
        &self,
        path: &[Step],
        key: &str,
        value: &str,
        severity: Severity,
        message: String,
    ) -> Diagnostic {
        let (offset, length) = self.find(path, key, value);
        Diagnostic::at_offset(self.file, self.source, offset, length, severity, message)
    }
}

fn extent(node: &Node) -> (usize, usize) {
    (node.start, node.end - node.start)
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

use Step::{Field, Item};

/// A path to the `index`th item of a top-level list.
fn item(list: &str, index: usize) -> [Step<'_>; 2] {
    [Field(list), Item(index)]
}

/// A path to the `index`th item of a list inside the answer key.
fn key_item(list: &str, index: usize) -> [Step<'_>; 3] {
    [Field("answer_key"), Field(list), Item(index)]
}

struct Checker<'a> {
    scenario: &'a Scenario,
    locator: &'a Locator<'a>,
    ids: BTreeMap<Kind, BTreeSet<&'a str>>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    fn new(scenario: &'a Scenario, locator: &'a Locator<'a>) -> Checker<'a> {
        Checker {
            scenario,
            locator,
            ids: BTreeMap::new(),
            diagnostics: Vec::new(),
        }
    }

    fn report(
        &mut self,
        severity: Severity,
        path: &[Step],
        key: &str,
        value: &str,
        message: String,
    ) {
        let d = self.locator.diagnostic(path, key, value, severity, message);
        self.diagnostics.push(d);
    }

    fn error(&mut self, path: &[Step], key: &str, value: &str, message: String) {
        self.report(Severity::Error, path, key, value, message);
    }

    fn warning(&mut self, path: &[Step], key: &str, value: &str, message: String) {
        self.report(Severity::Warning, path, key, value, message);
    }

    fn run(&mut self) {
        self.collect_ids();
        self.check_sizes();
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
    fn declare(&mut self, kind: Kind, path: &[Step], key: &str, id: &'a Text) {
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

    fn collect_ids(&mut self) {
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
        for (i, event) in s.events.iter().enumerate() {
            match &event.what {
                EventKind::Order { id, .. } => {
                    self.declare(Kind::Order, &item("events", i), "id", id)
                }
                EventKind::Assignment(Assignment {
                    batch: Some(batch), ..
                }) => self.declare(Kind::Batch, &item("events", i), "batch", batch),
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
    fn known(&self, kind: Kind, id: &str) -> bool {
        if self.ids.get(&kind).is_some_and(|set| set.contains(id)) {
            return true;
        }
        kind == Kind::Person && self.generated_by(id).is_some()
    }

    /// The crowd that generates a person with this id, if any. Generated ids are exactly
    /// `{prefix}-{n:05}` and `{prefix}-c-{n:05}` (companions), as expansion writes them.
    fn generated_by(&self, id: &str) -> Option<&'a Crowd> {
        self.scenario.crowds.iter().find(|crowd| {
            let Some(rest) = id.strip_prefix(crowd.id_prefix.as_str()) else {
                return false;
            };
            let member = rest
                .strip_prefix('-')
                .is_some_and(|digits| names_member(digits, crowd.count));
            let companion = rest
                .strip_prefix("-c-")
                .is_some_and(|digits| names_member(digits, crowd.companions.min(crowd.count)));
            member || companion
        })
    }

    /// Reports a reference to an id that does not exist.
    fn reference(&mut self, kind: Kind, path: &[Step], key: &str, id: &str) {
        if !self.known(kind, id) {
            self.error(path, key, id, format!("unknown {} `{id}`", kind.noun()));
        }
    }

    /// Lists longer than the engine can number with 16 bits, and rule sets longer than
    /// [`MAX_RULES`], are refused at their first extra item.
    fn check_sizes(&mut self) {
        let s = self.scenario;
        let lists = [
            ("systems", s.systems.len()),
            ("cities", s.cities.len()),
            ("districts", s.districts.len()),
            ("venues", s.venues.len()),
            ("rules", s.rules.len()),
            ("reasons", s.reasons.len()),
            ("roles", s.roles.len()),
            ("officials", s.officials.len()),
            ("lists", s.lists.len()),
            ("documents", s.documents.len()),
        ];
        for (list, len) in lists {
            let most = if list == "rules" {
                MAX_RULES
            } else {
                MAX_OF_A_KIND
            };
            if len > most {
                self.error(
                    &item(list, most),
                    "",
                    "",
                    format!("`{list}` holds {len} items; the most it may hold is {most}"),
                );
            }
        }
        let mut tags: BTreeSet<&str> = BTreeSet::new();
        let people_tags = s.people.iter().flat_map(|p| &p.tags);
        let crowd_tags = s
            .crowds
            .iter()
            .flat_map(|c| c.tags.iter().chain(&c.one_of_tags).chain(&c.companion_tags));
        for tag in people_tags.chain(crowd_tags) {
            tags.insert(tag);
            if tags.len() > MAX_TAGS {
                self.error(
                    &[],
                    "tags",
                    tag,
                    format!("the scenario uses more than {MAX_TAGS} distinct tags"),
                );
                break;
            }
        }
    }

    fn check_window(&mut self) {
        let s = self.scenario;
        if s.start >= s.end {
            self.error(
                &[],
                "end",
                "",
                format!(
                    "the scenario ends ({}) before it starts ({})",
                    s.end, s.start
                ),
            );
        } else if s.end.0 - s.start.0 > MAX_SCENARIO_DAYS * MINUTES_PER_DAY {
            self.error(
                &[],
                "end",
                "",
                format!(
                    "the scenario runs from {} to {}; it may run at most {MAX_SCENARIO_DAYS} days",
                    s.start, s.end
                ),
            );
        }
        if s.systems.is_empty() {
            self.error(
                &[],
                "systems",
                "",
                "a scenario needs at least one code system".to_owned(),
            );
        }
    }

    /// Whether a time falls in the scenario. When the window itself is wrong that is the one
    /// error reported, rather than one for every event it would put outside.
    fn within(&self, time: Time) -> bool {
        let s = self.scenario;
        s.start >= s.end || (time >= s.start && time <= s.end)
    }

    fn out_of_window(&mut self, path: &[Step], key: &str, time: Time, what: &str) {
        if !self.within(time) {
            let s = self.scenario;
            self.error(
                path,
                key,
                "",
                format!(
                    "{what} at {time} falls outside the scenario ({} to {})",
                    s.start, s.end
                ),
            );
        }
    }

    fn check_places(&mut self) {
        let s = self.scenario;
        for (i, system) in s.systems.iter().enumerate() {
            for other in &system.honours {
                self.reference(Kind::System, &item("systems", i), "honours", other);
            }
        }
        for (i, city) in s.cities.iter().enumerate() {
            self.reference(Kind::System, &item("cities", i), "system", &city.system);
        }
        for (i, district) in s.districts.iter().enumerate() {
            self.reference(Kind::City, &item("districts", i), "city", &district.city);
        }
        for (i, venue) in s.venues.iter().enumerate() {
            let at = item("venues", i);
            self.reference(Kind::City, &at, "city", &venue.city);
            if let Some(district) = &venue.district {
                self.reference(Kind::District, &at, "district", district);
            }
        }
    }

    fn check_rules_and_roles(&mut self) {
        let s = self.scenario;
        for (i, rule) in s.rules.iter().enumerate() {
            let at = item("rules", i);
            self.reference(Kind::System, &at, "system", &rule.system);
            self.reference(Kind::Reason, &at, "reason", &rule.reason);
            if rule.duration_days == Some(0) {
                self.warning(
                    &at,
                    "duration_days",
                    "",
                    format!(
                        "rule `{}` lasts 0 days: its colour lapses the minute it is set (`None` lasts until lifted)",
                        rule.id
                    ),
                );
            }
            if let Trigger::NegativeTests { count: 0, .. } = rule.trigger {
                self.error(
                    &at,
                    "trigger",
                    "",
                    format!("rule `{}` lifts on zero tests", rule.id),
                );
            }
        }
        for (i, official) in s.officials.iter().enumerate() {
            let at = item("officials", i);
            self.reference(Kind::Role, &at, "role", &official.role);
            if let Some(system) = &official.system {
                self.reference(Kind::System, &at, "system", system);
            }
        }
        for (i, list) in s.lists.iter().enumerate() {
            let at = item("lists", i);
            self.reference(Kind::Official, &at, "compiled_by", &list.compiled_by);
            if let Some(doc) = &list.document {
                self.reference(Kind::Document, &at, "document", doc);
            }
            for member in &list.members {
                self.reference(Kind::Person, &at, "members", member);
            }
        }
    }

    fn check_people(&mut self) {
        let s = self.scenario;
        for (i, person) in s.people.iter().enumerate() {
            let at = item("people", i);
            self.reference(Kind::City, &at, "home_city", &person.home_city);
            if let Some(other) = &person.companion_of {
                self.reference(Kind::Person, &at, "companion_of", other);
                if *other == person.id {
                    self.error(
                        &at,
                        "companion_of",
                        other,
                        format!("person `{other}` is named as their own companion"),
                    );
                }
            }
            if let Some(crowd) = self.generated_by(&person.id) {
                self.error(
                    &at,
                    "id",
                    &person.id,
                    format!(
                        "person id `{}` is also generated by the crowd `{}`",
                        person.id, crowd.id
                    ),
                );
            }
        }
    }

    fn check_crowds(&mut self) {
        let s = self.scenario;
        let mut people = 0u64;
        let mut records = 0u64;
        for (i, crowd) in s.crowds.iter().enumerate() {
            let at = item("crowds", i);
            let id = crowd.id.as_str();
            let problem = |checker: &mut Self, key: &str, message: String| {
                checker.error(&at, key, "", format!("crowd `{id}` {message}"));
            };
            if crowd.count == 0 || crowd.count > MAX_CROWD {
                problem(
                    self,
                    "count",
                    format!(
                        "asks for {} people; it can make 1 to {MAX_CROWD}",
                        crowd.count
                    ),
                );
            }
            if crowd.companions > crowd.count {
                problem(
                    self,
                    "companions",
                    format!(
                        "asks for {} companions for {} people",
                        crowd.companions, crowd.count
                    ),
                );
            }
            if crowd.surnames.is_empty() {
                problem(
                    self,
                    "surnames",
                    "has no surnames to choose from".to_owned(),
                );
            }
            if crowd.given_names.is_empty() {
                problem(
                    self,
                    "given_names",
                    "has no given names to choose from".to_owned(),
                );
            }
            if crowd.home_cities.is_empty() {
                problem(
                    self,
                    "home_cities",
                    "has no home cities to choose from".to_owned(),
                );
            }
            if crowd.itinerary.is_empty() {
                problem(self, "itinerary", "has an empty itinerary".to_owned());
            }
            if crowd.start_from > crowd.start_to {
                problem(
                    self,
                    "start_to",
                    "starts its window after it ends".to_owned(),
                );
            }
            if crowd.start_from < s.start && s.start < s.end {
                problem(
                    self,
                    "start_from",
                    format!(
                        "starts at {}, before the scenario does ({})",
                        crowd.start_from, s.start
                    ),
                );
            }
            let mut latest = crowd.start_to;
            let mut past_end = false;
            for (j, step) in crowd.itinerary.iter().enumerate() {
                let step_at = [Field("crowds"), Item(i), Field("itinerary"), Item(j)];
                if step.delay_min > step.delay_max {
                    self.error(
                        &step_at,
                        "delay_min",
                        "",
                        format!(
                            "crowd `{id}` has a step whose delay_min {} exceeds its delay_max {}",
                            step.delay_min, step.delay_max
                        ),
                    );
                }
                latest = latest.plus_minutes(i64::from(step.delay_max.max(step.delay_min)));
                if latest > s.end && !past_end && s.start < s.end {
                    past_end = true;
                    self.error(
                        &step_at,
                        "delay_max",
                        "",
                        format!(
                            "crowd `{id}` can reach this step as late as {latest}, after the scenario ends ({})",
                            s.end
                        ),
                    );
                }
                match &step.action {
                    StepAction::ArrivalForm { city, .. } => {
                        self.reference(Kind::City, &step_at, "city", city)
                    }
                    StepAction::Scan { venues } => {
                        if venues.is_empty() {
                            self.error(
                                &step_at,
                                "venues",
                                "",
                                format!("crowd `{id}` has a scan step with no venues"),
                            );
                        }
                        for venue in venues {
                            self.reference(Kind::Venue, &step_at, "venues", venue);
                        }
                    }
                    StepAction::Carrier { city: Some(city) } => {
                        self.reference(Kind::City, &step_at, "city", city)
                    }
                    StepAction::Carrier { city: None } | StepAction::Test { .. } => {}
                }
            }
            for city in &crowd.home_cities {
                self.reference(Kind::City, &at, "home_cities", city);
            }
            for list in &crowd.lists {
                self.reference(Kind::List, &at, "lists", list);
            }
            self.check_prefix(i, crowd);
            // A crowd over its own limit is reported above; the totals count it at the limit.
            let count = crowd.count.min(MAX_CROWD);
            let made = u64::from(count) + u64::from(crowd.companions.min(count));
            people += made;
            records += made * crowd.itinerary.len() as u64;
        }
        if people > MAX_GENERATED_PEOPLE {
            self.error(
                &[],
                "crowds",
                "",
                format!("the crowds generate {people} people; the most they may is {MAX_GENERATED_PEOPLE}"),
            );
        }
        if records > MAX_GENERATED_RECORDS {
            self.error(
                &[],
                "crowds",
                "",
                format!(
                    "the crowds generate {records} records; the most they may is {MAX_GENERATED_RECORDS}"
                ),
            );
        }
    }

    /// Two crowds must never make the same id: not with the same prefix, and not where one
    /// crowd's companions (`p-c-00001`) look like another's members (prefix `p-c`).
    fn check_prefix(&mut self, index: usize, crowd: &Crowd) {
        let prefix = crowd.id_prefix.as_str();
        if prefix.trim().is_empty() {
            self.error(
                &item("crowds", index),
                "id_prefix",
                "",
                format!("crowd `{}` has an empty id_prefix", crowd.id),
            );
            return;
        }
        // Whether `b`'s members could be named like `a`'s members or companions.
        let clash = |a: &Crowd, b: &Crowd| {
            a.id_prefix == b.id_prefix
                || (a.companions > 0 && b.id_prefix.strip_suffix("-c") == Some(&a.id_prefix))
        };
        let earlier = self.scenario.crowds[..index]
            .iter()
            .find(|other| clash(other, crowd) || clash(crowd, other));
        if let Some(other) = earlier {
            self.error(
                &item("crowds", index),
                "id_prefix",
                prefix,
                format!(
                    "crowd `{}` would make the same ids as crowd `{}` (id_prefix `{prefix}` and `{}`)",
                    crowd.id, other.id, other.id_prefix
                ),
            );
        }
    }

    fn check_documents(&mut self) {
        let s = self.scenario;
        for (i, doc) in s.documents.iter().enumerate() {
            let at = item("documents", i);
            self.out_of_window(
                &at,
                "available_from",
                doc.available_from,
                &format!("document `{}`", doc.id),
            );
            for person in &doc.concerns {
                self.reference(Kind::Person, &at, "concerns", person);
            }
        }
    }

    fn check_events(&mut self) {
        let s = self.scenario;
        let mut batch_times: BTreeMap<&str, Time> = BTreeMap::new();
        for event in &s.events {
            if let EventKind::Assignment(Assignment {
                batch: Some(batch), ..
            }) = &event.what
            {
                batch_times.entry(batch.as_str()).or_insert(event.at);
            }
        }
        for (i, event) in s.events.iter().enumerate() {
            let at = item("events", i);
            let at = &at[..];
            self.out_of_window(at, "at", event.at, "an event");
            match &event.what {
                EventKind::Scan { person, venue } => {
                    self.reference(Kind::Person, at, "person", person);
                    self.reference(Kind::Venue, at, "venue", venue);
                }
                EventKind::Carrier { person, city } => {
                    self.reference(Kind::Person, at, "person", person);
                    if let Some(city) = city {
                        self.reference(Kind::City, at, "city", city);
                    }
                }
                EventKind::ArrivalForm { person, city, .. } => {
                    self.reference(Kind::Person, at, "person", person);
                    self.reference(Kind::City, at, "city", city);
                }
                EventKind::Test { person, .. }
                | EventKind::MissedTest { person }
                | EventKind::InboundArrival { person, .. } => {
                    self.reference(Kind::Person, at, "person", person)
                }
                EventKind::CaseReport { person, visits } => {
                    self.reference(Kind::Person, at, "person", person);
                    for (j, visit) in visits.iter().enumerate() {
                        let visit_at = [
                            Field("events"),
                            Item(i),
                            Field("what"),
                            Field("visits"),
                            Item(j),
                        ];
                        self.reference(Kind::Venue, &visit_at, "venue", &visit.venue);
                        if visit.from > visit.to {
                            self.error(
                                &visit_at,
                                "to",
                                "",
                                "a visit ends before it starts".to_owned(),
                            );
                        }
                    }
                }
                EventKind::AreaRisk { district, .. } => {
                    self.reference(Kind::District, at, "district", district)
                }
                EventKind::Assignment(a) => self.check_assignment(at, a),
                EventKind::Order {
                    from, to, document, ..
                } => {
                    self.reference(Kind::Official, at, "from", from);
                    for official in to {
                        self.reference(Kind::Official, at, "to", official);
                    }
                    if let Some(doc) = document {
                        self.reference(Kind::Document, at, "document", doc);
                    }
                }
                EventKind::Reversal {
                    operator, batch, ..
                } => {
                    self.check_operator(at, operator);
                    self.reference(Kind::Batch, at, "batch", batch);
                    // A reversal before its batch has run would undo nothing.
                    if let Some(ran) = batch_times
                        .get(batch.as_str())
                        .filter(|&&ran| event.at < ran)
                    {
                        self.error(
                            at,
                            "batch",
                            batch,
                            format!(
                                "batch `{batch}` is reversed at {}, before it runs at {ran}",
                                event.at
                            ),
                        );
                    }
                }
            }
        }
    }

    fn check_operator(&mut self, at: &[Step], operator: &str) {
        self.reference(Kind::Official, at, "operator", operator);
        let has_account = self
            .scenario
            .officials
            .iter()
            .any(|o| o.id == operator && o.account.is_some());
        if self.known(Kind::Official, operator) && !has_account {
            self.error(
                at,
                "operator",
                operator,
                format!("operator `{operator}` has no platform account to act through"),
            );
        }
    }

    fn check_assignment(&mut self, at: &[Step], a: &Assignment) {
        self.check_operator(at, &a.operator);
        self.reference(Kind::Reason, at, "reason", &a.reason);
        if let Some(doc) = &a.directive {
            self.reference(Kind::Document, at, "directive", doc);
        }
        if let Some(doc) = &a.basis {
            self.reference(Kind::Document, at, "basis", doc);
        }
        match &a.targets {
            Targets::People(people) => {
                if people.is_empty() {
                    self.error(at, "targets", "", "an assignment names no one".to_owned());
                }
                let mut named = BTreeMap::new();
                for person in people {
                    self.reference(Kind::Person, at, "People", person);
                    let times: &mut usize = named.entry(person.as_str()).or_default();
                    *times += 1;
                    if *times == 2 {
                        let (offset, length) = self.locator.find_nth(at, "People", person, 1);
                        self.diagnostics.push(Diagnostic::at_offset(
                            self.locator.file,
                            self.locator.source,
                            offset,
                            length,
                            Severity::Error,
                            format!("person `{person}` is named twice in one assignment"),
                        ));
                    }
                }
            }
            Targets::ListScannedIn {
                list,
                city,
                from,
                to,
            } => {
                self.reference(Kind::List, at, "list", list);
                self.reference(Kind::City, at, "city", city);
                if from > to {
                    self.error(
                        at,
                        "to",
                        "",
                        "a batch's scan window ends before it starts".to_owned(),
                    );
                }
            }
        }
    }

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
        }
    }

    fn check_answer_key(&mut self) {
        let Some(key) = &self.scenario.answer_key else {
            self.warning(
                &[],
                "answer_key",
                "",
                "the scenario has no answer key: it can be played but not scored".to_owned(),
            );
            return;
        };
        if key.findings.is_empty() {
            self.error(
                &[Field("answer_key")],
                "findings",
                "",
                "the answer key lists no findings".to_owned(),
            );
        }
        for (i, finding) in key.findings.iter().enumerate() {
            let at = key_item("findings", i);
            self.check_selector(&at, &finding.entries);
            for official in &finding.executed_by {
                self.reference(Kind::Official, &at, "executed_by", official);
            }
            for official in &finding.ordered_by {
                self.reference(Kind::Official, &at, "ordered_by", official);
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
    }
}

/// Whether `digits` is how expansion writes member number 1 to `count`: zero-padded to five.
fn names_member(digits: &str, count: u32) -> bool {
    digits.bytes().all(|b| b.is_ascii_digit())
        && digits
            .parse::<u32>()
            .is_ok_and(|n| n >= 1 && n <= count && format!("{n:05}") == digits)
}

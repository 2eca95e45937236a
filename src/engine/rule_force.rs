//! When each rule is in force, and which selective rules (a venue, a list, a tag) a scan
//! reaches: indexed once, so a scan costs a few lookups however many people there are.
//!
//! A rule is in force at a moment when its own window (`from`, `until`) holds it and, for a
//! rule that a `RuleSet` or `RuleChanged` event introduces, that event has happened and no
//! later `RuleChanged` or `RuleWithdrawn` has ended it. A rule no event introduces is in
//! force from the start of its window.

use crate::scenario::catalog::Catalog;
use crate::scenario::expand::{Roster, RosterPerson};
use crate::scenario::model::{EventKind, Scenario, Trigger};
use crate::scenario::time::Time;

use super::world::World;

/// Which rules are in force as the timeline is played, and the selective rules by what
/// they key on.
#[derive(Debug, Default)]
pub struct RuleForce {
    /// Whether the events so far leave each rule set.
    set: Vec<bool>,
    window: Vec<(Option<Time>, Option<Time>)>,
    /// Venue index to the `VenueScan` rules naming it.
    by_venue: Vec<Vec<u16>>,
    /// List index to the `ListMember` rules keyed on it.
    by_list: Vec<Vec<u16>>,
    /// Tag index (the roster's) to the `Tagged` rules keyed on it.
    by_tag: Vec<Vec<u16>>,
    any_selective: bool,
}

/// The rule (by index) an event sets, and the one it ends, if any.
pub fn rule_event(catalog: &Catalog, what: &EventKind) -> (Option<u16>, Option<u16>) {
    let rule = |id: &str| catalog.rules.get(id).copied();
    match what {
        EventKind::RuleSet { rule: r, .. } => (rule(r), None),
        EventKind::RuleChanged {
            rule: r, becomes, ..
        } => (rule(becomes), rule(r)),
        EventKind::RuleWithdrawn { rule: r, .. } => (None, rule(r)),
        _ => (None, None),
    }
}

impl RuleForce {
    pub fn new(scenario: &Scenario, catalog: &Catalog, roster: &Roster) -> RuleForce {
        let rules = scenario.rules.len();
        let mut set = vec![true; rules];
        for &event in &catalog.rule_events {
            let event = &scenario.events[event as usize];
            if let (Some(introduced), _) = rule_event(catalog, &event.what) {
                set[introduced as usize] = false;
            }
        }
        let mut force = RuleForce {
            set,
            window: scenario.rules.iter().map(|r| (r.from, r.until)).collect(),
            by_venue: vec![Vec::new(); scenario.venues.len()],
            by_list: vec![Vec::new(); scenario.lists.len()],
            by_tag: vec![Vec::new(); roster.tags.len()],
            any_selective: false,
        };
        for (ix, rule) in scenario.rules.iter().enumerate() {
            let ix = ix as u16;
            let slots: Vec<&mut Vec<u16>> = match &rule.trigger {
                Trigger::VenueScan { venues } => {
                    for venue in venues.iter().filter_map(|v| catalog.venues.get(v.as_str())) {
                        force.by_venue[*venue as usize].push(ix);
                        force.any_selective = true;
                    }
                    Vec::new()
                }
                Trigger::ListMember { list } => catalog
                    .lists
                    .get(list.as_str())
                    .and_then(|&l| force.by_list.get_mut(l as usize))
                    .into_iter()
                    .collect(),
                Trigger::Tagged { tag } => roster
                    .tag_index(tag)
                    .and_then(|t| force.by_tag.get_mut(t as usize))
                    .into_iter()
                    .collect(),
                _ => Vec::new(),
            };
            let any = !slots.is_empty();
            for slot in slots {
                slot.push(ix);
            }
            force.any_selective |= any;
        }
        force
    }

    /// Whether a rule fires at `at`, given the rule events played so far.
    pub fn in_force(&self, rule: u16, at: Time) -> bool {
        let Some(&set) = self.set.get(rule as usize) else {
            return false;
        };
        let (from, until) = self.window[rule as usize];
        set && from.is_none_or(|f| f <= at) && until.is_none_or(|u| at < u)
    }

    /// Plays an event that sets, changes or withdraws a rule.
    pub fn on_event(&mut self, catalog: &Catalog, what: &EventKind) {
        let (sets, ends) = rule_event(catalog, what);
        if let Some(r) = ends {
            self.set[r as usize] = false;
        }
        if let Some(r) = sets {
            self.set[r as usize] = true;
        }
    }

    /// The selective rules a scan by `person` at `venue` reaches, by index in file order,
    /// in force or not: the caller checks the system and the time.
    pub fn reached_by(&self, person: &RosterPerson, venue: u16) -> Vec<u16> {
        if !self.any_selective {
            return Vec::new();
        }
        let mut rules: Vec<u16> = Vec::new();
        rules.extend(self.by_venue.get(venue as usize).into_iter().flatten());
        for &list in person.lists.iter() {
            rules.extend(self.by_list.get(list as usize).into_iter().flatten());
        }
        for &tag in person.tags.iter() {
            rules.extend(self.by_tag.get(tag as usize).into_iter().flatten());
        }
        rules.sort_unstable();
        rules.dedup();
        rules
    }
}

impl World {
    /// Whether a rule (by index) is in force at `at`: its window holds it and the rule
    /// events up to `at` leave it set.
    pub fn rule_in_force(&self, rule: u16, at: Time) -> bool {
        let mut force = RuleForce::new(&self.scenario, &self.catalog, &self.roster);
        for &event in &self.catalog.rule_events {
            let event = &self.scenario.events[event as usize];
            if event.at <= at {
                force.on_event(&self.catalog, &event.what);
            }
        }
        force.in_force(rule, at)
    }

    /// The event (by index) that set the rule in force as of `at`: the latest `RuleSet` or
    /// `RuleChanged` introducing it at or before `at`.
    pub fn rule_set_event(&self, rule: u16, at: Time) -> Option<u32> {
        self.catalog.rule_events.iter().rev().copied().find(|&i| {
            let e = &self.scenario.events[i as usize];
            e.at <= at && rule_event(&self.catalog, &e.what).0 == Some(rule)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::{Cause, World};
    use crate::open::open_loaded;
    use crate::scenario::load::parse_str;
    use crate::scenario::model::Colour;
    use crate::scenario::time::Time;

    use super::*;

    /// The minimal fixture with rules keyed on a list and a tag, and the list rule set by an
    /// event, changed into a second version, and that withdrawn.
    fn world(rules: &str, events: &str) -> World {
        let text = include_str!("../../tests/fixtures/minimal.ron")
            .replace(
                "    rules: [",
                &format!("    rules: [\n{rules}"),
            )
            .replace(
                "    documents: [",
                r#"    lists: [PersonList(id: "depositors", name: "Depositors", compiled_by: "chen", members: ["lin"])],
    documents: ["#,
            )
            .replace("    events: [", &format!("    events: [\n{events}"));
        let loaded = parse_str("force.ron", text).expect("the test scenario parses");
        open_loaded(loaded, None).expect("it opens").world
    }

    fn rule_entries(world: &World, rule: &str) -> Vec<(String, Time)> {
        let r = world.catalog.rules[rule];
        world
            .ledger
            .entries()
            .iter()
            .filter(|e| matches!(e.cause, Cause::Rule { rule, .. } if rule == r))
            .map(|e| (world.person_id(e.person).to_owned(), e.at))
            .collect()
    }

    const RULES: &str = r#"        Rule(id: "listed", name: "Listed", system: "henan-code", trigger: ListMember(list: "depositors"), colour: Red, duration_days: Some(0), reason: "confirmed-case"),
        Rule(id: "tagged", name: "Tagged", system: "henan-code", trigger: Tagged(tag: "depositor"), colour: Yellow, reason: "confirmed-case", from: Some("2022-06-10 10:30")),
"#;

    #[test]
    fn list_and_tag_rules_fire_on_their_peoples_scans_while_in_force() {
        // Lin (listed, tagged) scans at 10:00, Tao (tagged) at 11:00; the list rule lapses
        // at once, so each of Lin's scans in force makes an entry.
        let world = world(RULES, "");
        let at = |s: &str| Time::parse(s).unwrap();
        assert_eq!(
            rule_entries(&world, "listed"),
            [("lin".to_owned(), at("2022-06-10 10:00"))]
        );
        // The tag rule comes into force at 10:30: Lin's scan is before it, Tao's after.
        assert_eq!(
            rule_entries(&world, "tagged"),
            [("tao".to_owned(), at("2022-06-10 11:00"))]
        );
    }

    #[test]
    fn a_rule_set_changed_and_withdrawn_fires_only_in_between() {
        let rules = format!(
            "{RULES}        Rule(id: \"listed-2\", name: \"Listed, wider\", system: \"henan-code\", trigger: Tagged(tag: \"depositor\"), colour: Red, reason: \"confirmed-case\"),\n"
        );
        let events = r#"        Event(at: "2022-06-10 10:05", what: RuleSet(rule: "listed")),
        Event(at: "2022-06-10 10:50", what: RuleChanged(rule: "listed", becomes: "listed-2")),
        Event(at: "2022-06-10 11:30", what: RuleWithdrawn(rule: "listed-2")),
        Event(at: "2022-06-10 12:00", what: Scan(person: "tao", venue: "east-exit")),
"#;
        let world = world(&rules, events);
        // Lin's 10:00 scan is before the rule is set: nothing.
        assert!(rule_entries(&world, "listed").is_empty());
        // Tao's 11:00 scan meets the second version; his 12:00 scan comes after it ends.
        let second = rule_entries(&world, "listed-2");
        assert_eq!(second.len(), 1);
        assert_eq!(second[0].0, "tao");
        let listed = world.catalog.rules["listed"];
        let second = world.catalog.rules["listed-2"];
        let at = |s: &str| Time::parse(s).unwrap();
        assert!(!world.rule_in_force(listed, at("2022-06-10 10:00")));
        assert!(world.rule_in_force(listed, at("2022-06-10 10:05")));
        assert!(!world.rule_in_force(listed, at("2022-06-10 10:50")));
        assert!(world.rule_in_force(second, at("2022-06-10 10:50")));
        assert!(!world.rule_in_force(second, at("2022-06-10 11:30")));
        assert_eq!(
            world.rule_set_event(second, at("2022-06-10 11:00")),
            Some(1)
        );
        assert_eq!(world.rule_set_event(second, at("2022-06-10 10:00")), None);
        // Withdrawing stops the rule; the colour it set stays.
        assert_eq!(
            world
                .ledger
                .colour_at(world.roster.find("tao").unwrap(), 0, at("2022-06-10 12:30")),
            Colour::Red
        );
    }

    #[test]
    fn a_scan_reaches_the_rules_of_its_venue_lists_and_tags_once_each() {
        let world = world(
            &format!(
                "{RULES}        Rule(id: \"venue\", name: \"Venue\", system: \"henan-code\", trigger: VenueScan(venues: [\"east-exit\", \"east-exit\"]), colour: Yellow, reason: \"confirmed-case\"),\n"
            ),
            "",
        );
        let force = RuleForce::new(&world.scenario, &world.catalog, &world.roster);
        let lin = &world.roster.people[world.roster.find("lin").unwrap().ix()];
        let walker = world
            .roster
            .people
            .iter()
            .find(|p| p.id.starts_with("walker"))
            .unwrap();
        assert_eq!(force.reached_by(lin, 0), [0, 1, 2]);
        assert_eq!(force.reached_by(walker, 0), [2]);
        // Without selective rules, a scan looks nothing up.
        let plain = self::world("", "");
        let none = RuleForce::new(&plain.scenario, &plain.catalog, &plain.roster);
        assert!(!none.any_selective);
        assert!(none.reached_by(lin, 0).is_empty());
    }
}

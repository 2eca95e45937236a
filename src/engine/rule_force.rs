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
        for event in &scenario.events {
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
        for event in self.scenario.events.iter().filter(|e| e.at <= at) {
            force.on_event(&self.catalog, &event.what);
        }
        force.in_force(rule, at)
    }

    /// The event (by index) that set the rule in force as of `at`: the latest `RuleSet` or
    /// `RuleChanged` introducing it at or before `at`.
    pub fn rule_set_event(&self, rule: u16, at: Time) -> Option<u32> {
        let events = self.scenario.events.iter().enumerate();
        events
            .rev()
            .find(|(_, e)| e.at <= at && rule_event(&self.catalog, &e.what).0 == Some(rule))
            .map(|(i, _)| i as u32)
    }
}

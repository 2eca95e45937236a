//! The simulation: the timeline is played in order and every colour change is written to
//! the ledger with its cause.
//!
//! A person's colour in a system is the most severe of the *holds* they are under. A rule or
//! an official adds a hold; a hold ends when it lapses, when negative tests lift it, or when
//! an official reverses or releases it. Only the ledger is kept; holds are working state.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use crate::scenario::ScenarioError;
use crate::scenario::catalog::{Catalog, OfficialIx, resolve};
use crate::scenario::expand::{Expanded, Occurrence, PersonIx, expand};
use crate::scenario::model::{
    Assignment, Colour, EventKind, RiskLevel, Scenario, Targets, Trigger,
};
use crate::scenario::time::{MINUTES_PER_DAY, Time};

use super::area_rules::AreaRules;
use super::error::SimulateError;
use super::ledger::{Cause, Entry, EntryId, HourCount, Ledger, TimelineIx};
use super::negative_tests::NegativeTests;
use super::roster_index::RosterIndex;
use super::rule_force::RuleForce;
use super::tally::Tally;
use super::world::{Groups, World, person_of};

/// Most scans all case visits together may read: the 200,000-person benchmark city reads
/// under 10,000, and a hostile file that reaches the bound has cost about two seconds.
pub const MAX_CASE_SCANS: u64 = 2_000_000;

/// Something keeping a person at a colour.
#[derive(Debug, Clone, Copy)]
struct Hold {
    system: u16,
    colour: Colour,
    entry: EntryId,
    /// The rule that set it, for holds set by rules.
    rule: Option<u16>,
    lifted_by_tests: bool,
}

/// Simulates a validated scenario. The same scenario and seed always give the same ledger.
pub fn simulate(scenario: Scenario, seed: u64) -> Result<World, SimulateError> {
    simulate_within(scenario, seed, MAX_CASE_SCANS)
}

/// Simulates with a bound on the scans case visits may read in all.
fn simulate_within(scenario: Scenario, seed: u64, case_scans: u64) -> Result<World, SimulateError> {
    let catalog = Catalog::new(&scenario);
    let Expanded { roster, timeline } = expand(&scenario, &catalog, seed)?;
    let person_records = Groups::build(
        roster.people.len(),
        timeline.iter().enumerate().filter_map(|(i, h)| {
            person_of(h, &scenario, &roster).map(|p| (p.ix(), TimelineIx(i as u32)))
        }),
    );
    let venue_scans = Groups::build(
        scenario.venues.len(),
        timeline
            .iter()
            .enumerate()
            .filter_map(|(i, h)| match h.what {
                Occurrence::Scan { venue, .. } => Some((venue as usize, TimelineIx(i as u32))),
                _ => None,
            }),
    );
    let mut world = World {
        ledger: Ledger::new(roster.people.len()),
        accesses: super::access::AccessLog::new(&scenario),
        scenario,
        catalog,
        seed,
        roster,
        timeline,
        person_records,
        venue_scans,
        tally: Tally::default(),
        roster_index: RosterIndex::default(),
    };
    let mut simulation = Simulation::new(&world)?;
    simulation.case_scans_left = case_scans;
    let ledger = simulation.run()?;
    world.tally = Tally::build(
        &ledger,
        world.roster.people.len(),
        world.scenario.systems.len(),
        world.scenario.officials.len(),
    );
    world.ledger = ledger;
    world.roster_index = RosterIndex::build(&world);
    Ok(world)
}

struct Simulation<'w> {
    world: &'w World,
    ledger: Ledger,
    holds: Vec<Vec<Hold>>,
    /// Lapses to come: (time, person, the entry whose hold lapses).
    lapses: BinaryHeap<Reverse<(Time, PersonIx, EntryId)>>,
    district_levels: Vec<RiskLevel>,
    city_system: Vec<u16>,
    venue_district: Vec<Option<u16>>,
    venue_city: Vec<u16>,
    /// Each rule's code system, resolved once rather than per scan.
    rule_system: Vec<u16>,
    /// The widest padding of the case-visit rules: how far from a case's window to look.
    widest_case_padding: i64,
    /// Members of each list as a bit set by person, built when a batch first needs it.
    list_members: Vec<Option<Vec<u64>>>,
    negative_tests: NegativeTests,
    /// Which rules fire now, and the selective rules by venue, list and tag.
    force: RuleForce,
    /// The `AreaStay` rules and the cities each reads.
    area: AreaRules,
    /// Red/yellow counts in the first system, for the hourly series.
    counts: [u32; 3],
    /// How many more scans case visits may read (see [`MAX_CASE_SCANS`]).
    case_scans_left: u64,
}

impl<'w> Simulation<'w> {
    fn new(world: &'w World) -> Result<Simulation<'w>, SimulateError> {
        let s = &world.scenario;
        let c = &world.catalog;
        let city_system = s
            .cities
            .iter()
            .map(|city| resolve(&c.systems, "system", &city.system))
            .collect::<Result<_, _>>()?;
        let venue_district = s
            .venues
            .iter()
            .map(|v| {
                v.district
                    .as_ref()
                    .and_then(|d| c.districts.get(d.as_str()).copied())
            })
            .collect();
        let venue_city = s
            .venues
            .iter()
            .map(|v| resolve(&c.cities, "city", &v.city))
            .collect::<Result<_, _>>()?;
        let rule_system: Vec<u16> = s
            .rules
            .iter()
            .map(|rule| c.systems.get(rule.system.as_str()).copied().unwrap_or(0))
            .collect();
        let area = AreaRules::new(s, c, &rule_system);
        let widest_case_padding = s
            .rules
            .iter()
            .filter_map(|rule| match rule.trigger {
                Trigger::CaseVisit { padding_minutes }
                | Trigger::CaseOverlap { padding_minutes } => Some(i64::from(padding_minutes)),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let people = world.roster.people.len();
        Ok(Simulation {
            world,
            ledger: Ledger::new(people),
            holds: vec![Vec::new(); people],
            lapses: BinaryHeap::new(),
            district_levels: vec![RiskLevel::Low; s.districts.len()],
            city_system,
            venue_district,
            venue_city,
            rule_system,
            widest_case_padding,
            list_members: vec![None; s.lists.len()],
            negative_tests: if s
                .rules
                .iter()
                .any(|r| matches!(r.trigger, Trigger::NegativeTests { .. }))
            {
                NegativeTests::build(&world.timeline, people)
            } else {
                NegativeTests::default()
            },
            force: RuleForce::new(s, c, &world.roster),
            area,
            counts: [people as u32, 0, 0],
            case_scans_left: MAX_CASE_SCANS,
        })
    }

    fn run(mut self) -> Result<Ledger, SimulateError> {
        let world = self.world;
        let start = world.scenario.start.hour_start();
        let mut hourly = Vec::new();
        let mut next_hour = start.plus_minutes(60);
        for (ix, item) in world.timeline.iter().enumerate() {
            while next_hour <= item.at {
                self.run_lapses(next_hour.plus_minutes(-1));
                hourly.push(self.hour_count(next_hour.plus_minutes(-60)));
                next_hour = next_hour.plus_minutes(60);
            }
            self.run_lapses(item.at);
            self.apply(TimelineIx(ix as u32))?;
        }
        let end = world.scenario.end;
        while next_hour <= end.plus_minutes(60) {
            self.run_lapses(next_hour.plus_minutes(-1));
            hourly.push(self.hour_count(next_hour.plus_minutes(-60)));
            next_hour = next_hour.plus_minutes(60);
        }
        self.ledger.set_hourly(hourly);
        Ok(self.ledger)
    }

    fn hour_count(&self, hour: Time) -> HourCount {
        HourCount {
            hour,
            green: self.counts[0],
            yellow: self.counts[1],
            red: self.counts[2],
        }
    }

    fn colour(&self, person: PersonIx, system: u16) -> Colour {
        self.holds[person.ix()]
            .iter()
            .filter(|h| h.system == system)
            .map(|h| h.colour)
            .max()
            .unwrap_or(Colour::Green)
    }

    /// Writes an entry to the ledger, keeping the hourly colour counts in step.
    fn write_entry(
        &mut self,
        entry: Entry,
        official: Option<OfficialIx>,
        batch: Option<&str>,
    ) -> EntryId {
        if entry.system == 0 && entry.from != entry.to {
            self.counts[entry.from as usize] -= 1;
            self.counts[entry.to as usize] += 1;
        }
        self.ledger.push(entry, official, batch)
    }

    fn apply(&mut self, ix: TimelineIx) -> Result<(), SimulateError> {
        let world = self.world;
        let item = world.timeline[ix.ix()];
        match item.what {
            Occurrence::Scan { person, venue } => self.on_scan(ix, person, venue),
            Occurrence::Test { person, positive } => self.on_test(ix, person, positive),
            Occurrence::Carrier { .. } | Occurrence::ArrivalForm { .. } => {}
            Occurrence::Scripted(event) => {
                let event = &world.scenario.events[event as usize];
                match &event.what {
                    EventKind::CaseReport { visits, person } => {
                        let case = world.roster.find(person);
                        for visit in visits {
                            let venue = resolve(&world.catalog.venues, "venue", &visit.venue)?;
                            self.on_case_visit(ix, case, venue, visit.from, visit.to)?;
                        }
                    }
                    EventKind::AreaRisk { district, level } => {
                        let d = resolve(&world.catalog.districts, "district", district)?;
                        self.district_levels[d as usize] = *level;
                    }
                    EventKind::InboundArrival { person, .. } => {
                        let person = find_person(world, person)?;
                        self.fire(ix, person, None, |t| {
                            matches!(t, Trigger::InboundQuarantine)
                        });
                    }
                    EventKind::MissedTest { person } => {
                        let person = find_person(world, person)?;
                        self.fire(ix, person, None, |t| matches!(t, Trigger::MissedTest));
                    }
                    EventKind::Assignment(assignment) => {
                        let Occurrence::Scripted(event_ix) = item.what else {
                            unreachable!()
                        };
                        self.on_assignment(ix, event_ix, assignment)?;
                    }
                    EventKind::Reversal {
                        operator, batch, ..
                    } => {
                        let Occurrence::Scripted(event_ix) = item.what else {
                            unreachable!()
                        };
                        let op = resolve(&world.catalog.officials, "official", operator)?;
                        self.on_reversal(item.at, event_ix, op, batch);
                    }
                    EventKind::Order { .. } | EventKind::Decision { .. } | EventKind::Access(_) => {
                    }
                    EventKind::RuleSet { .. }
                    | EventKind::RuleChanged { .. }
                    | EventKind::RuleWithdrawn { .. } => {
                        self.force.on_event(&world.catalog, &event.what)
                    }
                    EventKind::Scan { .. }
                    | EventKind::Carrier { .. }
                    | EventKind::ArrivalForm { .. }
                    | EventKind::Test { .. } => {}
                }
            }
        }
        Ok(())
    }

    /// Fires every rule whose trigger matches, in the system given (or any system).
    fn fire(
        &mut self,
        ix: TimelineIx,
        person: PersonIx,
        system: Option<u16>,
        matches: impl Fn(&Trigger) -> bool,
    ) {
        let world = self.world;
        for (rule_ix, rule) in world.scenario.rules.iter().enumerate() {
            if !matches(&rule.trigger) {
                continue;
            }
            let rule_system = self.rule_system[rule_ix];
            if system.is_some_and(|s| s != rule_system) {
                continue;
            }
            if !self
                .force
                .in_force(rule_ix as u16, world.timeline[ix.ix()].at)
            {
                continue;
            }
            self.hold_by_rule(ix, person, rule_ix as u16, &[ix]);
        }
    }

    /// Puts a person under a rule's colour, unless a more severe colour already holds them
    /// or the same rule already does. The evidence is copied only when an entry is made.
    fn hold_by_rule(
        &mut self,
        ix: TimelineIx,
        person: PersonIx,
        rule_ix: u16,
        evidence: &[TimelineIx],
    ) {
        let world = self.world;
        let rule = &world.scenario.rules[rule_ix as usize];
        let system = self.rule_system[rule_ix as usize];
        if rule.colour == Colour::Green {
            return;
        }
        let current = self.colour(person, system);
        let already = self.holds[person.ix()]
            .iter()
            .any(|h| h.rule == Some(rule_ix));
        if rule.colour < current || already {
            return;
        }
        let at = world.timeline[ix.ix()].at;
        let entry = self.write_entry(
            Entry {
                at,
                person,
                system,
                from: current,
                to: rule.colour,
                cause: Cause::Rule {
                    rule: rule_ix,
                    evidence: evidence.into(),
                },
            },
            None,
            None,
        );
        self.holds[person.ix()].push(Hold {
            system,
            colour: rule.colour,
            entry,
            rule: Some(rule_ix),
            lifted_by_tests: rule.lifted_by_tests,
        });
        if let Some(days) = rule.duration_days {
            let until = at.plus_minutes(i64::from(days) * MINUTES_PER_DAY);
            self.lapses.push(Reverse((until, person, entry)));
        }
    }

    fn run_lapses(&mut self, until: Time) {
        while let Some(&Reverse((at, person, of))) = self.lapses.peek() {
            if at > until {
                break;
            }
            self.lapses.pop();
            let holds = &self.holds[person.ix()];
            let Some(pos) = holds.iter().position(|h| h.entry == of) else {
                continue;
            };
            let system = holds[pos].system;
            let before = self.colour(person, system);
            self.holds[person.ix()].remove(pos);
            let after = self.colour(person, system);
            if before != after {
                self.write_entry(
                    Entry {
                        at,
                        person,
                        system,
                        from: before,
                        to: after,
                        cause: Cause::Lapse { of },
                    },
                    None,
                    None,
                );
            }
        }
    }

    fn on_scan(&mut self, ix: TimelineIx, person: PersonIx, venue: u16) {
        self.fire_selective(ix, person, venue);
        let Some(district) = self.venue_district[venue as usize] else {
            return;
        };
        let level = self.district_levels[district as usize];
        let city = self.venue_city[venue as usize];
        let system = self.city_system[city as usize];
        let at = self.world.timeline[ix.ix()].at;
        for k in 0..self.area.len() {
            if let Some(rule) = self.area.reached(k, level, city, system)
                && self.force.in_force(rule, at)
            {
                self.hold_by_rule(ix, person, rule, &[ix]);
            }
        }
    }

    /// The selective rules a scan reaches: a `VenueScan` rule on a scan at one of its
    /// venues, wherever the venue is; a `ListMember` or `Tagged` rule on a scan by one of
    /// its people at a venue in the rule's system. The scan is the evidence.
    fn fire_selective(&mut self, ix: TimelineIx, person: PersonIx, venue: u16) {
        let world = self.world;
        let reached = self
            .force
            .reached_by(&world.roster.people[person.ix()], venue);
        if reached.is_empty() {
            return;
        }
        let at = world.timeline[ix.ix()].at;
        let venue_system = self.city_system[self.venue_city[venue as usize] as usize];
        for rule_ix in reached {
            let rule = &world.scenario.rules[rule_ix as usize];
            let in_system = matches!(rule.trigger, Trigger::VenueScan { .. })
                || self.rule_system[rule_ix as usize] == venue_system;
            if in_system && self.force.in_force(rule_ix, at) {
                self.hold_by_rule(ix, person, rule_ix, &[ix]);
            }
        }
    }

    fn on_test(&mut self, ix: TimelineIx, person: PersonIx, positive: bool) {
        if positive {
            self.fire(ix, person, None, |t| matches!(t, Trigger::PositiveTest));
            return;
        }
        let world = self.world;
        let at = world.timeline[ix.ix()].at;
        for (rule_ix, rule) in world.scenario.rules.iter().enumerate() {
            let Trigger::NegativeTests { count, within_days } = rule.trigger else {
                continue;
            };
            if !self.force.in_force(rule_ix as u16, at) {
                continue;
            }
            // Nothing to lift is the common case: look at the holds before the records.
            let system = self.rule_system[rule_ix];
            if !self.holds[person.ix()]
                .iter()
                .any(|h| h.system == system && h.lifted_by_tests)
            {
                continue;
            }
            let since = at.plus_minutes(-i64::from(within_days) * MINUTES_PER_DAY);
            let negatives: Vec<TimelineIx> = self
                .negative_tests
                .of(person)
                .iter()
                .filter(|&&(t, _)| t > since && t <= at)
                .map(|&(_, r)| r)
                .collect();
            if (negatives.len() as u32) < count {
                continue;
            }
            let before = self.colour(person, system);
            let lifted: Vec<EntryId> = self.holds[person.ix()]
                .iter()
                .filter(|h| h.system == system && h.lifted_by_tests)
                .map(|h| h.entry)
                .collect();
            if lifted.is_empty() {
                continue;
            }
            self.holds[person.ix()].retain(|h| !(h.system == system && h.lifted_by_tests));
            let after = self.colour(person, system);
            self.write_entry(
                Entry {
                    at,
                    person,
                    system,
                    from: before,
                    to: after,
                    cause: Cause::Lift {
                        rule: rule_ix as u16,
                        evidence: negatives.into(),
                        of: lifted.into(),
                    },
                },
                None,
                None,
            );
        }
    }

    /// Visitors at a case's venue: close contacts within the window, overlaps near it.
    fn on_case_visit(
        &mut self,
        ix: TimelineIx,
        case: Option<PersonIx>,
        venue: u16,
        from: Time,
        to: Time,
    ) -> Result<(), SimulateError> {
        let world = self.world;
        let system = self.city_system[self.venue_city[venue as usize] as usize];
        let widest = self.widest_case_padding;
        let scans = world.venue_scans.get(venue as usize);
        let lo = scans.partition_point(|&s| world.timeline[s.ix()].at < from.plus_minutes(-widest));
        let hi = scans.partition_point(|&s| world.timeline[s.ix()].at <= to.plus_minutes(widest));
        // Each case visit re-reads the scans in its window: a file with many wide windows
        // over a huge crowd would take minutes, so the total is bounded.
        self.case_scans_left = self
            .case_scans_left
            .checked_sub((hi - lo) as u64)
            .ok_or(SimulateError::TooManyCaseScans)?;
        // For each visitor, the scans that place them there, in person order for determinism.
        let mut visitors: BTreeMap<PersonIx, Vec<TimelineIx>> = BTreeMap::new();
        for &scan in &scans[lo..hi] {
            if scan >= ix {
                continue;
            }
            if let Occurrence::Scan { person, .. } = world.timeline[scan.ix()].what
                && Some(person) != case
            {
                visitors.entry(person).or_default().push(scan);
            }
        }
        for (person, scans) in visitors {
            let distance = scans
                .iter()
                .map(|&s| {
                    let at = world.timeline[s.ix()].at;
                    if at < from {
                        from.0 - at.0
                    } else if at > to {
                        at.0 - to.0
                    } else {
                        0
                    }
                })
                .min()
                .unwrap_or(i64::MAX);
            let mut evidence = vec![ix];
            evidence.extend(&scans);
            for (rule_ix, rule) in world.scenario.rules.iter().enumerate() {
                if self.rule_system[rule_ix] != system {
                    continue;
                }
                if !self
                    .force
                    .in_force(rule_ix as u16, world.timeline[ix.ix()].at)
                {
                    continue;
                }
                let applies = match rule.trigger {
                    Trigger::CaseVisit { padding_minutes } => {
                        distance <= i64::from(padding_minutes)
                    }
                    Trigger::CaseOverlap { padding_minutes } => {
                        distance <= i64::from(padding_minutes)
                            && !self.is_close_contact(distance, world.timeline[ix.ix()].at)
                    }
                    _ => false,
                };
                if applies {
                    self.hold_by_rule(ix, person, rule_ix as u16, &evidence);
                }
            }
        }
        Ok(())
    }

    /// Whether a scan this far from a case's window makes a close contact under some rule
    /// in force at `at`.
    fn is_close_contact(&self, distance: i64, at: Time) -> bool {
        self.world.scenario.rules.iter().enumerate().any(|(i, r)| {
            matches!(r.trigger, Trigger::CaseVisit { padding_minutes } if distance <= i64::from(padding_minutes))
                && self.force.in_force(i as u16, at)
        })
    }

    fn on_assignment(
        &mut self,
        ix: TimelineIx,
        event_ix: u32,
        a: &Assignment,
    ) -> Result<(), SimulateError> {
        let world = self.world;
        let at = world.timeline[ix.ix()].at;
        let operator = resolve(&world.catalog.officials, "official", &a.operator)?;
        let system = world.official_system(operator);
        let targets: Vec<(PersonIx, Vec<TimelineIx>)> = match &a.targets {
            Targets::People(people) => people
                .iter()
                .map(|p| Ok((find_person(world, p)?, Vec::new())))
                .collect::<Result<_, SimulateError>>()?,
            Targets::ListScannedIn {
                list,
                city,
                from,
                to,
            } => {
                let list = resolve(&world.catalog.lists, "list", list)?;
                let city = resolve(&world.catalog.cities, "city", city)?;
                self.list_scanned_in(list, city, *from, *to, at)
            }
        };
        for (person, evidence) in targets {
            let before = self.colour(person, system);
            if a.colour == Colour::Green {
                self.holds[person.ix()].retain(|h| h.system != system);
            }
            let after = before.max(a.colour);
            let after = if a.colour == Colour::Green {
                Colour::Green
            } else {
                after
            };
            let entry = self.write_entry(
                Entry {
                    at,
                    person,
                    system,
                    from: before,
                    to: after,
                    cause: Cause::Manual {
                        assignment: event_ix,
                        evidence: evidence.into(),
                    },
                },
                Some(operator),
                a.batch.as_deref(),
            );
            if a.colour != Colour::Green {
                self.holds[person.ix()].push(Hold {
                    system,
                    colour: a.colour,
                    entry,
                    rule: None,
                    lifted_by_tests: false,
                });
                if let Some(days) = a.duration_days {
                    let until = at.plus_minutes(i64::from(days) * MINUTES_PER_DAY);
                    self.lapses.push(Reverse((until, person, entry)));
                }
            }
        }
        Ok(())
    }

    /// Members of a list with a scan in `city` between `from` and `to`, seen by `now`, in
    /// person order, each with those scans in time order.
    ///
    /// The timeline is in time order, so the scans in the window are one run of it: reading
    /// that run costs the window's length, not a look at every person's records.
    fn list_scanned_in(
        &mut self,
        list: u16,
        city: u16,
        from: Time,
        to: Time,
        now: Time,
    ) -> Vec<(PersonIx, Vec<TimelineIx>)> {
        let world = self.world;
        let until = to.min(now);
        if from > until {
            return Vec::new();
        }
        let members: &[u64] = self.list_members[list as usize].get_or_insert_with(|| {
            let mut bits = vec![0u64; world.roster.people.len().div_ceil(64)];
            for (person, record) in world.roster.people.iter().enumerate() {
                if record.lists.contains(&list) {
                    bits[person / 64] |= 1 << (person % 64);
                }
            }
            bits
        });
        let timeline = &world.timeline;
        let lo = timeline.partition_point(|h| h.at < from);
        let hi = timeline.partition_point(|h| h.at <= until);
        let mut hits: Vec<(PersonIx, TimelineIx)> = Vec::new();
        for (offset, h) in timeline[lo..hi].iter().enumerate() {
            if let Occurrence::Scan { person, venue } = h.what
                && self.venue_city[venue as usize] == city
                && members[person.ix() / 64] & (1 << (person.0 % 64)) != 0
            {
                hits.push((person, TimelineIx((lo + offset) as u32)));
            }
        }
        // A stable sort keeps each person's scans in timeline order.
        hits.sort_by_key(|&(person, _)| person);
        let mut found: Vec<(PersonIx, Vec<TimelineIx>)> = Vec::new();
        for (person, scan) in hits {
            match found.last_mut() {
                Some((last, scans)) if *last == person => scans.push(scan),
                _ => found.push((person, vec![scan])),
            }
        }
        found
    }

    fn on_reversal(&mut self, at: Time, event_ix: u32, official: OfficialIx, batch: &str) {
        let entries: Vec<EntryId> = self.ledger.by_batch(batch).to_vec();
        for of in entries {
            let Some(entry) = self.ledger.get(of) else {
                continue;
            };
            let (person, system) = (entry.person, entry.system);
            let Some(pos) = self.holds[person.ix()].iter().position(|h| h.entry == of) else {
                continue;
            };
            let before = self.colour(person, system);
            self.holds[person.ix()].remove(pos);
            let after = self.colour(person, system);
            self.write_entry(
                Entry {
                    at,
                    person,
                    system,
                    from: before,
                    to: after,
                    cause: Cause::Reversal {
                        event: event_ix,
                        of,
                    },
                },
                Some(official),
                None,
            );
        }
    }
}

fn find_person(world: &World, id: &str) -> Result<PersonIx, ScenarioError> {
    world
        .roster
        .find(id)
        .ok_or_else(|| ScenarioError::unknown("person", id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_visits_reading_too_many_scans_stop_with_a_reason() {
        let tutorial = crate::open::read(Some("tutorial")).unwrap().scenario;
        assert!(simulate_within(tutorial.clone(), 7, 100).is_ok());
        let error = simulate_within(tutorial, 7, 0).err().unwrap().to_string();
        assert!(error.contains("visit windows take in more than"), "{error}");
    }

    /// The batch targets, found the slow way: every listed person's records.
    fn listed_with_scans(
        world: &World,
        list: u16,
        city: u16,
        from: Time,
        to: Time,
        now: Time,
    ) -> Vec<(PersonIx, Vec<TimelineIx>)> {
        let mut found = Vec::new();
        for (person, record) in world.roster.people.iter().enumerate() {
            if !record.lists.contains(&list) {
                continue;
            }
            let scans: Vec<TimelineIx> = world
                .records_until(PersonIx(person as u32), now)
                .iter()
                .copied()
                .filter(|&r| {
                    let h = &world.timeline[r.ix()];
                    h.at >= from
                        && h.at <= to
                        && matches!(h.what, Occurrence::Scan { venue, .. } if world.venue_city(venue) == city)
                })
                .collect();
            if !scans.is_empty() {
                found.push((PersonIx(person as u32), scans));
            }
        }
        found
    }

    #[test]
    fn batch_targets_are_the_listed_people_with_scans_in_the_window() {
        let text = crate::testkit::scale::scenario_text(1);
        let scenario = crate::scenario::load::parse_str("scale.ron", text)
            .unwrap()
            .scenario;
        let world = simulate(scenario, 5).unwrap();
        let mut sim = Simulation::new(&world).unwrap();
        let t = |s: &str| Time::parse(s).unwrap();
        let zhengzhou = world.catalog.cities["zhengzhou"];
        let shanghai = world.catalog.cities["shanghai"];
        let cases = [
            (
                zhengzhou,
                "2022-06-09 00:00",
                "2022-06-11 02:00",
                "2022-06-11 02:00",
            ),
            (
                zhengzhou,
                "2022-06-12 02:00",
                "2022-06-13 01:30",
                "2022-06-13 01:30",
            ),
            // Seen from before the window closes: only what has happened by then.
            (
                zhengzhou,
                "2022-06-11 00:00",
                "2022-06-14 00:00",
                "2022-06-12 12:00",
            ),
            (
                zhengzhou,
                "2022-06-14 00:00",
                "2022-06-13 00:00",
                "2022-06-15 00:00",
            ),
            (
                shanghai,
                "2022-06-09 00:00",
                "2022-06-24 00:00",
                "2022-06-24 00:00",
            ),
        ];
        for (city, from, to, now) in cases {
            let (from, to, now) = (t(from), t(to), t(now));
            let fast = sim.list_scanned_in(0, city, from, to, now);
            assert_eq!(fast, listed_with_scans(&world, 0, city, from, to, now));
            if city == zhengzhou && from < to {
                assert!(fast.len() > 50, "{}", fast.len());
            }
        }
    }
}

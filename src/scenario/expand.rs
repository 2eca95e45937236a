//! Expansion: hand-written people and seeded crowds become one roster and one timeline.
//!
//! Crowds draw from a ChaCha generator seeded from the scenario seed and the crowd's id, so
//! the same file and seed always give the same people, events and order.

use std::collections::HashMap;

use rand::seq::SliceRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::ScenarioError;
use super::catalog::{Catalog, resolve};
use super::model::{Crowd, Event, EventKind, Scenario, StepAction, Transport};
use super::text::Text;
use super::time::Time;

pub use super::ids::PersonIx;

/// Everyone in the scenario, hand-written or generated.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub people: Vec<RosterPerson>,
    /// Interned tag names; people hold indexes into it.
    pub tags: Vec<String>,
    /// Tag name to its index, so interning stays constant-time however many tags a file has.
    tag_ids: HashMap<String, u16>,
    pub by_id: HashMap<String, PersonIx>,
}

/// One person in the roster, hand-written or generated. (A "record" is what the auditor
/// reads about a person: scans, forms, tests, documents.)
#[derive(Debug, Clone, PartialEq)]
pub struct RosterPerson {
    pub id: String,
    pub name: String,
    pub home_city: u16,
    pub tags: Box<[u16]>,
    /// Lists (by index) the person is on.
    pub lists: Box<[u16]>,
    pub companion_of: Option<PersonIx>,
}

impl Roster {
    pub fn find(&self, id: &str) -> Option<PersonIx> {
        self.by_id.get(id).copied()
    }

    pub fn tag_index(&self, tag: &str) -> Option<u16> {
        self.tag_ids.get(tag).copied()
    }

    pub fn has_tag(&self, person: PersonIx, tag: &str) -> bool {
        self.tag_index(tag)
            .is_some_and(|t| self.people[person.ix()].tags.contains(&t))
    }

    pub fn tag_names(&self, person: PersonIx) -> impl Iterator<Item = &str> {
        self.people[person.ix()]
            .tags
            .iter()
            .map(|&t| self.tags[t as usize].as_str())
    }

    fn intern(&mut self, tag: &str) -> u16 {
        if let Some(&i) = self.tag_ids.get(tag) {
            return i;
        }
        let i = self.tags.len() as u16;
        self.tags.push(tag.to_owned());
        self.tag_ids.insert(tag.to_owned(), i);
        i
    }

    fn add(&mut self, record: RosterPerson) -> Result<PersonIx, ScenarioError> {
        let ix = PersonIx(self.people.len() as u32);
        if self.by_id.insert(record.id.clone(), ix).is_some() {
            return Err(ScenarioError::DuplicatePerson { id: record.id });
        }
        self.people.push(record);
        Ok(ix)
    }
}

/// One event on the expanded timeline, in a compact form: generated records (scans, forms,
/// tests) carry indexes, a scripted event points back at the scenario's own `Event`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimelineEvent {
    pub at: Time,
    pub what: Occurrence,
}

/// What took place at a timeline event: a record the auditor can read (a scan, a carrier
/// location, an arrival form, a test) or a scripted event from the file.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Occurrence {
    Scan {
        person: PersonIx,
        venue: u16,
    },
    /// The phone was in `city` (a city index).
    Carrier {
        person: PersonIx,
        city: u16,
    },
    ArrivalForm {
        person: PersonIx,
        city: u16,
        transport: Transport,
    },
    Test {
        person: PersonIx,
        positive: bool,
    },
    /// A scripted event: its index in `Scenario::events`.
    Scripted(u32),
}

impl Occurrence {
    /// The person a generated record is about.
    pub fn person(&self) -> Option<PersonIx> {
        match *self {
            Occurrence::Scan { person, .. }
            | Occurrence::Carrier { person, .. }
            | Occurrence::ArrivalForm { person, .. }
            | Occurrence::Test { person, .. } => Some(person),
            Occurrence::Scripted(_) => None,
        }
    }
}

/// The roster and the time-ordered timeline.
#[derive(Debug, Clone, Default)]
pub struct Expanded {
    pub roster: Roster,
    pub timeline: Vec<TimelineEvent>,
}

/// Expands a validated scenario with the given seed.
pub fn expand(s: &Scenario, catalog: &Catalog, seed: u64) -> Result<Expanded, ScenarioError> {
    let mut roster = Roster::default();
    let people = s.people.len() + estimated_people(s);
    roster.people.reserve(people);
    roster.by_id.reserve(people);
    for person in &s.people {
        let tags = person.tags.iter().map(|t| roster.intern(t)).collect();
        roster.add(RosterPerson {
            id: person.id.to_string(),
            name: person.name.to_string(),
            home_city: resolve(&catalog.cities, "city", &person.home_city)?,
            tags,
            lists: Box::new([]),
            companion_of: None,
        })?;
    }
    let mut timeline = Vec::with_capacity(estimated_events(s));
    let mut numbers = IdNumbers::new(s, seed);
    for (crowd_ix, crowd) in s.crowds.iter().enumerate() {
        generate_crowd(
            crowd,
            crowd_seed(seed, crowd_ix, &crowd.id),
            catalog,
            &mut numbers,
            (&mut roster, &mut timeline),
        )?;
    }
    for person in &s.people {
        if let Some(other) = &person.companion_of {
            let me = roster
                .find(&person.id)
                .ok_or_else(|| ScenarioError::unknown("person", &person.id))?;
            let other = roster
                .find(other)
                .ok_or_else(|| ScenarioError::unknown("person", other))?;
            roster.people[me.ix()].companion_of = Some(other);
        }
    }
    for list in &s.lists {
        let list_ix = resolve(&catalog.lists, "list", &list.id)?;
        for member in &list.members {
            let person = roster
                .find(member)
                .ok_or_else(|| ScenarioError::unknown("person", member))?;
            let record = &mut roster.people[person.ix()];
            if !record.lists.contains(&list_ix) {
                let mut lists = record.lists.to_vec();
                lists.push(list_ix);
                record.lists = lists.into();
            }
        }
    }
    let scripted = scripted_events(s, catalog, &roster)?;
    // Scripted events come first so that, at equal times, the author's order wins.
    let timeline = sort_by_time(scripted, timeline);
    Ok(Expanded { roster, timeline })
}

fn estimated_people(s: &Scenario) -> usize {
    s.crowds
        .iter()
        .map(|c| c.count as usize + c.companions as usize)
        .sum()
}

/// `first` then `then`, sorted by time, stably: at equal times the order they came in.
///
/// Times are whole minutes and a scenario spans days, so when there are not many more
/// minutes than timeline events a counting sort does it in two linear passes, with one copy of
/// the timeline at a time rather than the copy and scratch space a comparison sort needs.
fn sort_by_time(first: Vec<TimelineEvent>, then: Vec<TimelineEvent>) -> Vec<TimelineEvent> {
    let n = first.len() + then.len();
    let all = || first.iter().chain(then.iter());
    let (Some(min), Some(max)) = (all().map(|h| h.at).min(), all().map(|h| h.at).max()) else {
        return Vec::new();
    };
    let span = max
        .0
        .checked_sub(min.0)
        .and_then(|d| usize::try_from(d).ok())
        .filter(|&d| d <= n.saturating_mul(4).saturating_add(1 << 16));
    let Some(span) = span else {
        let mut all = first;
        all.extend(then);
        all.sort_by_key(|h| h.at);
        return all;
    };
    let slot = |h: &TimelineEvent| (h.at.0 - min.0) as usize;
    // starts[m]: where the timeline events at minute `min + m` begin.
    let mut starts = vec![0usize; span + 2];
    for h in all() {
        starts[slot(h) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let blank = TimelineEvent {
        at: min,
        what: Occurrence::Scripted(0),
    };
    let mut sorted = vec![blank; n];
    for h in all() {
        let at = &mut starts[slot(h)];
        sorted[*at] = *h;
        *at += 1;
    }
    sorted
}

fn estimated_events(s: &Scenario) -> usize {
    s.crowds
        .iter()
        .map(|c| (c.count as usize + c.companions as usize) * c.itinerary.len())
        .sum()
}

/// A crowd's own seed: the scenario seed mixed with the crowd's position and id, so that
/// adding a crowd does not reshuffle the others.
fn crowd_seed(seed: u64, crowd_ix: usize, id: &str) -> u64 {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&seed.to_le_bytes());
    hasher.update(&(crowd_ix as u64).to_le_bytes());
    hasher.update(id.as_bytes());
    let digest = hasher.finalize();
    u64::from_le_bytes(digest.as_bytes()[..8].try_into().expect("8 bytes"))
}

/// A generated step, resolved to indexes once per crowd rather than once per person.
enum PlannedStep {
    ArrivalForm { city: u16, transport: Transport },
    Scan { venues: Vec<u16> },
    CarrierAt(u16),
    CarrierHome,
    Test { positive: bool },
}

/// A crowd's names, tags and itinerary resolved to indexes, once for all its members.
struct CrowdPlan {
    tags: Vec<u16>,
    one_of: Vec<u16>,
    companion_tags: Vec<u16>,
    homes: Vec<u16>,
    lists: Vec<u16>,
    steps: Vec<PlannedStep>,
}

/// The numbers generated ids carry: for each id prefix, one seeded shuffle of 1 to the
/// number of people (members and companions) the crowds sharing that prefix make. An id
/// then says nothing of which crowd, or which part of a crowd, made its person: searching
/// for an id's beginning cannot stand in for investigating who they are.
struct IdNumbers {
    by_prefix: HashMap<String, std::vec::IntoIter<u32>>,
}

impl IdNumbers {
    fn new(s: &Scenario, seed: u64) -> IdNumbers {
        let mut totals: Vec<(&str, u32)> = Vec::new();
        for crowd in &s.crowds {
            let people = crowd.count + crowd.companions.min(crowd.count);
            match totals
                .iter_mut()
                .find(|(p, _)| *p == crowd.id_prefix.as_str())
            {
                Some((_, total)) => *total += people,
                None => totals.push((crowd.id_prefix.as_str(), people)),
            }
        }
        let by_prefix = totals
            .into_iter()
            .map(|(prefix, total)| {
                let mut numbers: Vec<u32> = (1..=total).collect();
                // Its own stream: the crowds' draws stay what they were.
                let mut rng = ChaCha8Rng::seed_from_u64(crowd_seed(seed, usize::MAX, prefix));
                numbers.shuffle(&mut rng);
                (prefix.to_owned(), numbers.into_iter())
            })
            .collect();
        IdNumbers { by_prefix }
    }

    /// The next id for a person of a crowd with this prefix.
    fn next_id(&mut self, prefix: &str) -> String {
        let n = self
            .by_prefix
            .get_mut(prefix)
            .and_then(Iterator::next)
            .unwrap_or(0);
        format!("{prefix}-{n:05}")
    }
}

fn generate_crowd(
    crowd: &Crowd,
    seed: u64,
    catalog: &Catalog,
    numbers: &mut IdNumbers,
    (roster, timeline): (&mut Roster, &mut Vec<TimelineEvent>),
) -> Result<(), ScenarioError> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let plan = plan_crowd(crowd, catalog, roster)?;
    // The draws are made in one fixed order (member, companion, start, each step), so the
    // same seed gives the same people and times.
    for n in 1..=crowd.count {
        let id = numbers.next_id(&crowd.id_prefix);
        let (person, home) = add_member(crowd, id, &plan, &mut rng, roster)?;
        let companion = if n <= crowd.companions {
            let id = numbers.next_id(&crowd.id_prefix);
            Some(add_companion(
                crowd, id, &plan, home, person, &mut rng, roster,
            )?)
        } else {
            None
        };
        let travellers = Travellers {
            person,
            companion,
            home,
        };
        walk_itinerary(crowd, &plan, &travellers, &mut rng, timeline);
    }
    Ok(())
}

/// Resolves everything a crowd names; a crowd with nothing to draw names or homes from
/// is refused.
fn plan_crowd(
    crowd: &Crowd,
    catalog: &Catalog,
    roster: &mut Roster,
) -> Result<CrowdPlan, ScenarioError> {
    let mut intern =
        |tags: &[Text]| -> Vec<u16> { tags.iter().map(|t| roster.intern(t)).collect() };
    let tags = intern(&crowd.tags);
    let one_of = intern(&crowd.one_of_tags);
    let companion_tags = intern(&crowd.companion_tags);
    let homes = crowd
        .home_cities
        .iter()
        .map(|c| resolve(&catalog.cities, "city", c))
        .collect::<Result<Vec<_>, _>>()?;
    let lists = crowd
        .lists
        .iter()
        .map(|l| resolve(&catalog.lists, "list", l))
        .collect::<Result<Vec<_>, _>>()?;
    let steps = crowd
        .itinerary
        .iter()
        .map(|step| plan_step(&step.action, catalog))
        .collect::<Result<Vec<_>, ScenarioError>>()?;
    if crowd.surnames.is_empty() || crowd.given_names.is_empty() || homes.is_empty() {
        return Err(ScenarioError::EmptyCrowd {
            crowd: crowd.id.to_string(),
        });
    }
    Ok(CrowdPlan {
        tags,
        one_of,
        companion_tags,
        homes,
        lists,
        steps,
    })
}

fn plan_step(action: &StepAction, catalog: &Catalog) -> Result<PlannedStep, ScenarioError> {
    Ok(match action {
        StepAction::ArrivalForm { city, transport } => PlannedStep::ArrivalForm {
            city: resolve(&catalog.cities, "city", city)?,
            transport: *transport,
        },
        StepAction::Scan { venues } => PlannedStep::Scan {
            venues: venues
                .iter()
                .map(|v| resolve(&catalog.venues, "venue", v))
                .collect::<Result<_, ScenarioError>>()?,
        },
        StepAction::Carrier { city: Some(city) } => {
            PlannedStep::CarrierAt(resolve(&catalog.cities, "city", city)?)
        }
        StepAction::Carrier { city: None } => PlannedStep::CarrierHome,
        StepAction::Test { positive } => PlannedStep::Test {
            positive: *positive,
        },
    })
}

/// A name drawn from the crowd's surnames and given names.
fn draw_name(crowd: &Crowd, rng: &mut ChaCha8Rng) -> String {
    let surname = &crowd.surnames[rng.random_range(0..crowd.surnames.len())];
    let given = &crowd.given_names[rng.random_range(0..crowd.given_names.len())];
    format!("{surname} {given}")
}

/// A member: a drawn name, home and tag. Returns the person and their home city.
fn add_member(
    crowd: &Crowd,
    id: String,
    plan: &CrowdPlan,
    rng: &mut ChaCha8Rng,
    roster: &mut Roster,
) -> Result<(PersonIx, u16), ScenarioError> {
    let name = draw_name(crowd, rng);
    let home = plan.homes[rng.random_range(0..plan.homes.len())];
    let mut tags = Vec::with_capacity(plan.tags.len() + 1);
    tags.extend_from_slice(&plan.tags);
    if !plan.one_of.is_empty() {
        tags.push(plan.one_of[rng.random_range(0..plan.one_of.len())]);
    }
    let person = roster.add(RosterPerson {
        id,
        name,
        home_city: home,
        tags: tags.into_boxed_slice(),
        lists: plan.lists.clone().into(),
        companion_of: None,
    })?;
    Ok((person, home))
}

/// The companion of a member, who shares their home and travels with them.
fn add_companion(
    crowd: &Crowd,
    id: String,
    plan: &CrowdPlan,
    home: u16,
    member: PersonIx,
    rng: &mut ChaCha8Rng,
    roster: &mut Roster,
) -> Result<PersonIx, ScenarioError> {
    roster.add(RosterPerson {
        id,
        name: draw_name(crowd, rng),
        home_city: home,
        tags: plan.companion_tags.clone().into(),
        lists: Box::new([]),
        companion_of: Some(member),
    })
}

/// A member, the companion travelling with them if any, and their home city.
struct Travellers {
    person: PersonIx,
    companion: Option<PersonIx>,
    home: u16,
}

/// The member's itinerary from a drawn start, each step after a drawn delay; the
/// companion makes every step with them.
fn walk_itinerary(
    crowd: &Crowd,
    plan: &CrowdPlan,
    travellers: &Travellers,
    rng: &mut ChaCha8Rng,
    timeline: &mut Vec<TimelineEvent>,
) {
    let span = (crowd.start_to.0 - crowd.start_from.0).max(0);
    let mut at = Time(crowd.start_from.0 + rng.random_range(0..=span));
    for (step, planned) in crowd.itinerary.iter().zip(&plan.steps) {
        let delay = rng.random_range(step.delay_min..=step.delay_max.max(step.delay_min));
        at = at.plus_minutes(i64::from(delay));
        let venue = match planned {
            PlannedStep::Scan { venues } => venues[rng.random_range(0..venues.len())],
            _ => 0,
        };
        let everyone = std::iter::once(travellers.person).chain(travellers.companion);
        for who in everyone {
            let what = planned_fact(planned, who, venue, travellers.home);
            timeline.push(TimelineEvent { at, what });
        }
    }
}

/// What a planned step comes to for one person, with the venue drawn for it.
fn planned_fact(planned: &PlannedStep, who: PersonIx, venue: u16, home: u16) -> Occurrence {
    match planned {
        PlannedStep::ArrivalForm { city, transport } => Occurrence::ArrivalForm {
            person: who,
            city: *city,
            transport: *transport,
        },
        PlannedStep::Scan { .. } => Occurrence::Scan { person: who, venue },
        PlannedStep::CarrierAt(city) => Occurrence::Carrier {
            person: who,
            city: *city,
        },
        PlannedStep::CarrierHome => Occurrence::Carrier {
            person: who,
            city: home,
        },
        PlannedStep::Test { positive } => Occurrence::Test {
            person: who,
            positive: *positive,
        },
    }
}

/// Converts the scenario's own events: record kinds (scans, forms, tests) to compact
/// occurrences, the rest as scripted events by index.
fn scripted_events(
    s: &Scenario,
    catalog: &Catalog,
    roster: &Roster,
) -> Result<Vec<TimelineEvent>, ScenarioError> {
    let person = |id: &str| {
        roster
            .find(id)
            .ok_or_else(|| ScenarioError::unknown("person", id))
    };
    // Decisions and orders are not public events: they become known through the records
    // that reveal them, never from the timeline.
    let public = |(_, event): &(usize, &Event)| {
        !matches!(
            event.what,
            EventKind::Order { .. } | EventKind::Decision { .. }
        )
    };
    s.events
        .iter()
        .enumerate()
        .filter(public)
        .map(|(i, event)| {
            let what = match &event.what {
                EventKind::Scan { person: p, venue } => Occurrence::Scan {
                    person: person(p)?,
                    venue: resolve(&catalog.venues, "venue", venue)?,
                },
                EventKind::Carrier { person: p, city } => {
                    let who = person(p)?;
                    let city = match city {
                        Some(city) => resolve(&catalog.cities, "city", city)?,
                        None => roster.people[who.ix()].home_city,
                    };
                    Occurrence::Carrier { person: who, city }
                }
                EventKind::ArrivalForm {
                    person: p,
                    city,
                    transport,
                } => Occurrence::ArrivalForm {
                    person: person(p)?,
                    city: resolve(&catalog.cities, "city", city)?,
                    transport: *transport,
                },
                EventKind::Test {
                    person: p,
                    positive,
                } => Occurrence::Test {
                    person: person(p)?,
                    positive: *positive,
                },
                _ => Occurrence::Scripted(i as u32),
            };
            Ok(TimelineEvent { at: event.at, what })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64, tag: u32) -> TimelineEvent {
        TimelineEvent {
            at: Time(minute),
            what: Occurrence::Scripted(tag),
        }
    }

    /// What the counting sort must match: concatenate, then a stable comparison sort.
    fn reference(first: &[TimelineEvent], then: &[TimelineEvent]) -> Vec<TimelineEvent> {
        let mut all = first.to_vec();
        all.extend_from_slice(then);
        all.sort_by_key(|h| h.at);
        all
    }

    #[test]
    fn sorting_by_time_keeps_equal_times_in_the_order_given() {
        let first = vec![at(5, 0), at(3, 1), at(5, 2)];
        let then = vec![at(3, 3), at(4, 4), at(5, 5), at(-2, 6)];
        let sorted = sort_by_time(first.clone(), then.clone());
        let tags: Vec<u32> = sorted
            .iter()
            .map(|h| match h.what {
                Occurrence::Scripted(t) => t,
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(tags, [6, 1, 3, 4, 0, 2, 5]);
        assert_eq!(sorted, reference(&first, &then));
    }

    #[test]
    fn sorting_by_time_copes_with_empty_and_widely_spread_input() {
        assert!(sort_by_time(Vec::new(), Vec::new()).is_empty());
        // Too many minutes between them for a counting sort: the comparison sort answers.
        let first = vec![at(i64::MAX / 2, 0), at(i64::MIN / 2, 1), at(0, 2)];
        let then = vec![at(0, 3), at(i64::MIN / 2, 4)];
        assert_eq!(
            sort_by_time(first.clone(), then.clone()),
            reference(&first, &then)
        );
    }

    #[test]
    fn sorting_by_time_matches_a_stable_sort_on_a_scrambled_timeline() {
        // A fixed, well-mixed sequence of minutes, many of them equal.
        let minutes = |n: u32, salt: u32| -> Vec<TimelineEvent> {
            (0..n)
                .map(|i| at(i64::from((i * 7919 + salt) % 613), i + salt * 10_000))
                .collect()
        };
        let (first, then) = (minutes(500, 1), minutes(4_000, 2));
        assert_eq!(
            sort_by_time(first.clone(), then.clone()),
            reference(&first, &then)
        );
    }
}

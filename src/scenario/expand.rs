//! Expansion: hand-written people and seeded crowds become one roster and one timeline.
//!
//! Crowds draw from a ChaCha generator seeded from the scenario seed and the crowd's id, so
//! the same file and seed always give the same people, events and order.

use std::collections::HashMap;

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::catalog::{Catalog, resolve};
use super::model::{Crowd, EventKind, Scenario, StepAction, Transport};
use super::time::Time;

/// Index of a person in the roster.
pub type PersonIx = u32;

/// Everyone in the scenario, hand-written or generated.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub people: Vec<PersonRecord>,
    /// Interned tag names; people hold indexes into it.
    pub tags: Vec<String>,
    pub by_id: HashMap<String, PersonIx>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PersonRecord {
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
        self.tags.iter().position(|t| t == tag).map(|i| i as u16)
    }

    pub fn has_tag(&self, person: PersonIx, tag: &str) -> bool {
        self.tag_index(tag)
            .is_some_and(|t| self.people[person as usize].tags.contains(&t))
    }

    pub fn tag_names(&self, person: PersonIx) -> impl Iterator<Item = &str> {
        self.people[person as usize]
            .tags
            .iter()
            .map(|&t| self.tags[t as usize].as_str())
    }

    fn intern(&mut self, tag: &str) -> u16 {
        match self.tags.iter().position(|t| t == tag) {
            Some(i) => i as u16,
            None => {
                self.tags.push(tag.to_owned());
                (self.tags.len() - 1) as u16
            }
        }
    }

    fn add(&mut self, record: PersonRecord) -> Result<PersonIx, String> {
        let ix = self.people.len() as PersonIx;
        if self.by_id.insert(record.id.clone(), ix).is_some() {
            return Err(format!("person id `{}` is made twice", record.id));
        }
        self.people.push(record);
        Ok(ix)
    }
}

/// One moment of the timeline, in a compact form: bulk records carry indexes, everything
/// else points back at the scenario's own event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Happening {
    pub at: Time,
    pub what: Fact,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fact {
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
    /// Any other event: its index in `Scenario::events`.
    Scripted(u32),
}

impl Fact {
    /// The person a bulk record is about.
    pub fn person(&self) -> Option<PersonIx> {
        match *self {
            Fact::Scan { person, .. }
            | Fact::Carrier { person, .. }
            | Fact::ArrivalForm { person, .. }
            | Fact::Test { person, .. } => Some(person),
            Fact::Scripted(_) => None,
        }
    }
}

/// The roster and the time-ordered timeline.
#[derive(Debug, Clone, Default)]
pub struct Expanded {
    pub roster: Roster,
    pub timeline: Vec<Happening>,
}

/// Expands a validated scenario with the given seed.
pub fn expand(s: &Scenario, catalog: &Catalog, seed: u64) -> Result<Expanded, String> {
    let mut roster = Roster::default();
    for person in &s.people {
        let tags = person.tags.iter().map(|t| roster.intern(t)).collect();
        roster.add(PersonRecord {
            id: person.id.to_string(),
            name: person.name.to_string(),
            home_city: resolve(&catalog.cities, "city", &person.home_city)?,
            tags,
            lists: Box::new([]),
            companion_of: None,
        })?;
    }
    let mut timeline = Vec::with_capacity(s.events.len() + estimated_events(s));
    for (crowd_ix, crowd) in s.crowds.iter().enumerate() {
        generate_crowd(
            crowd,
            crowd_seed(seed, crowd_ix, &crowd.id),
            catalog,
            &mut roster,
            &mut timeline,
        )?;
    }
    for person in &s.people {
        if let Some(other) = &person.companion_of {
            let me = roster.find(&person.id).ok_or("lost a person")?;
            let other = roster
                .find(other)
                .ok_or_else(|| format!("unknown person `{other}`"))?;
            roster.people[me as usize].companion_of = Some(other);
        }
    }
    for list in &s.lists {
        let list_ix = resolve(&catalog.lists, "list", &list.id)?;
        for member in &list.members {
            let person = roster
                .find(member)
                .ok_or_else(|| format!("unknown person `{member}`"))?;
            let record = &mut roster.people[person as usize];
            if !record.lists.contains(&list_ix) {
                let mut lists = record.lists.to_vec();
                lists.push(list_ix);
                record.lists = lists.into();
            }
        }
    }
    let scripted = scripted_events(s, catalog, &roster)?;
    // Scripted events come first so that, at equal times, the author's order wins.
    let mut all = scripted;
    all.append(&mut timeline);
    all.sort_by_key(|h| h.at);
    Ok(Expanded {
        roster,
        timeline: all,
    })
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

fn generate_crowd(
    crowd: &Crowd,
    seed: u64,
    catalog: &Catalog,
    roster: &mut Roster,
    timeline: &mut Vec<Happening>,
) -> Result<(), String> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let tags: Vec<u16> = crowd.tags.iter().map(|t| roster.intern(t)).collect();
    let one_of: Vec<u16> = crowd.one_of_tags.iter().map(|t| roster.intern(t)).collect();
    let companion_tags: Vec<u16> = crowd
        .companion_tags
        .iter()
        .map(|t| roster.intern(t))
        .collect();
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
    let plan = crowd
        .itinerary
        .iter()
        .map(|step| {
            Ok(match &step.action {
                StepAction::ArrivalForm { city, transport } => PlannedStep::ArrivalForm {
                    city: resolve(&catalog.cities, "city", city)?,
                    transport: *transport,
                },
                StepAction::Scan { venues } => PlannedStep::Scan {
                    venues: venues
                        .iter()
                        .map(|v| resolve(&catalog.venues, "venue", v))
                        .collect::<Result<_, String>>()?,
                },
                StepAction::Carrier { city: Some(city) } => {
                    PlannedStep::CarrierAt(resolve(&catalog.cities, "city", city)?)
                }
                StepAction::Carrier { city: None } => PlannedStep::CarrierHome,
                StepAction::Test { positive } => PlannedStep::Test {
                    positive: *positive,
                },
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    if crowd.surnames.is_empty() || crowd.given_names.is_empty() || homes.is_empty() {
        return Err(format!(
            "crowd `{}` has nothing to draw names or homes from",
            crowd.id
        ));
    }

    for n in 1..=crowd.count {
        let surname = &crowd.surnames[rng.random_range(0..crowd.surnames.len())];
        let given = &crowd.given_names[rng.random_range(0..crowd.given_names.len())];
        let home = homes[rng.random_range(0..homes.len())];
        let mut my_tags = tags.clone();
        if !one_of.is_empty() {
            my_tags.push(one_of[rng.random_range(0..one_of.len())]);
        }
        let person = roster.add(PersonRecord {
            id: format!("{}-{n:05}", crowd.id_prefix),
            name: format!("{surname} {given}"),
            home_city: home,
            tags: my_tags.into(),
            lists: lists.clone().into(),
            companion_of: None,
        })?;
        let companion = if n <= crowd.companions {
            let surname = &crowd.surnames[rng.random_range(0..crowd.surnames.len())];
            let given = &crowd.given_names[rng.random_range(0..crowd.given_names.len())];
            Some(roster.add(PersonRecord {
                id: format!("{}-c-{n:05}", crowd.id_prefix),
                name: format!("{surname} {given}"),
                home_city: home,
                tags: companion_tags.clone().into(),
                lists: Box::new([]),
                companion_of: Some(person),
            })?)
        } else {
            None
        };

        let span = (crowd.start_to.0 - crowd.start_from.0).max(0);
        let mut at = Time(crowd.start_from.0 + rng.random_range(0..=span));
        for (step, planned) in crowd.itinerary.iter().zip(&plan) {
            let delay = rng.random_range(step.delay_min..=step.delay_max.max(step.delay_min));
            at = at.plus_minutes(i64::from(delay));
            let venue = match planned {
                PlannedStep::Scan { venues } => venues[rng.random_range(0..venues.len())],
                _ => 0,
            };
            for who in std::iter::once(person).chain(companion) {
                let what = match planned {
                    PlannedStep::ArrivalForm { city, transport } => Fact::ArrivalForm {
                        person: who,
                        city: *city,
                        transport: *transport,
                    },
                    PlannedStep::Scan { .. } => Fact::Scan { person: who, venue },
                    PlannedStep::CarrierAt(city) => Fact::Carrier {
                        person: who,
                        city: *city,
                    },
                    PlannedStep::CarrierHome => Fact::Carrier {
                        person: who,
                        city: home,
                    },
                    PlannedStep::Test { positive } => Fact::Test {
                        person: who,
                        positive: *positive,
                    },
                };
                timeline.push(Happening { at, what });
            }
        }
    }
    Ok(())
}

/// Converts the scenario's own events: bulk kinds to compact facts, the rest by index.
fn scripted_events(
    s: &Scenario,
    catalog: &Catalog,
    roster: &Roster,
) -> Result<Vec<Happening>, String> {
    let person = |id: &str| {
        roster
            .find(id)
            .ok_or_else(|| format!("unknown person `{id}`"))
    };
    s.events
        .iter()
        .enumerate()
        .map(|(i, event)| {
            let what = match &event.what {
                EventKind::Scan { person: p, venue } => Fact::Scan {
                    person: person(p)?,
                    venue: resolve(&catalog.venues, "venue", venue)?,
                },
                EventKind::Carrier { person: p, city } => {
                    let who = person(p)?;
                    let city = match city {
                        Some(city) => resolve(&catalog.cities, "city", city)?,
                        None => roster.people[who as usize].home_city,
                    };
                    Fact::Carrier { person: who, city }
                }
                EventKind::ArrivalForm {
                    person: p,
                    city,
                    transport,
                } => Fact::ArrivalForm {
                    person: person(p)?,
                    city: resolve(&catalog.cities, "city", city)?,
                    transport: *transport,
                },
                EventKind::Test {
                    person: p,
                    positive,
                } => Fact::Test {
                    person: person(p)?,
                    positive: *positive,
                },
                _ => Fact::Scripted(i as u32),
            };
            Ok(Happening { at: event.at, what })
        })
        .collect()
}

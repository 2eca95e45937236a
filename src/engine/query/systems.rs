//! Several code systems: a person's colour in each, and what a venue's check of a scan
//! saw. A venue checks the code of its city's system; it also reads the colours of the
//! systems that system `honours`, and the most severe colour it accepts decides. A colour
//! in a system it does not honour is shown but not accepted: it lets the person through.

use serde::Serialize;

use crate::scenario::expand::{Occurrence, PersonIx};
use crate::scenario::model::Colour;
use crate::scenario::time::Time;

use super::super::bits::PersonSet;
use super::super::ledger::TimelineIx;
use super::super::world::World;
use super::trace::{Link, LinkTarget};

/// A person's colour in one system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SystemColour {
    /// The system's name, as the screens show it.
    pub system: String,
    pub colour: Colour,
}

/// One code a venue's check read: a system's colour and whether the venue accepts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CodeShown {
    pub system: u16,
    pub colour: Colour,
    /// The venue's own system, or one it honours.
    pub honoured: bool,
}

/// What a venue's check of a scan saw: the venue's system, each code read, and the
/// colour that decided (the most severe accepted one) with the system that gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VenueCheck {
    pub venue_system: u16,
    /// The venue's own code first, then every other system in which the person was not
    /// green, in file order.
    pub codes: Vec<CodeShown>,
    pub outcome: Colour,
    pub decided_by: u16,
}

impl VenueCheck {
    /// The check in words, the verdict first and the other systems' codes before the
    /// venue's own: "let in: Shanghai Suishen Code red not honoured, Henan Health Code
    /// green"; "turned away: Shanghai Suishen Code red honoured, Henan Health Code green".
    pub fn words(&self, world: &World) -> String {
        let verdict = match self.outcome {
            Colour::Green => "let in",
            Colour::Yellow => "stopped for checks",
            Colour::Red => "turned away",
        };
        let mut parts: Vec<String> = self
            .codes
            .iter()
            .filter(|c| c.system != self.venue_system)
            .map(|c| {
                let honoured = if c.honoured {
                    "honoured"
                } else {
                    "not honoured"
                };
                format!(
                    "{} {} {honoured}",
                    world.system_name(c.system),
                    c.colour.name()
                )
            })
            .collect();
        if let Some(own) = self.codes.first() {
            parts.push(format!(
                "{} {}",
                world.system_name(own.system),
                own.colour.name()
            ));
        }
        format!("{verdict}: {}", parts.join(", "))
    }
}

impl World {
    pub fn system_count(&self) -> usize {
        self.scenario.systems.len()
    }

    /// The systems the story touches: the first, and every other whose codes some entry
    /// changes. A file may list systems no one's code changes in (everyone green there);
    /// the screens leave those out.
    pub fn systems_in_play(&self) -> &[u16] {
        self.tally.in_play()
    }

    /// Whether more than one system is in play: then every colour and change is named
    /// with its system, and venue checks say which codes they read.
    pub fn several_systems(&self) -> bool {
        self.tally.in_play().len() > 1
    }

    pub fn system_name(&self, system: u16) -> &str {
        self.scenario
            .systems
            .get(usize::from(system))
            .map_or("?", |s| s.name.as_str())
    }

    /// The system a city's venues check.
    pub fn city_system(&self, city: u16) -> u16 {
        let system = &self.scenario.cities[usize::from(city)].system;
        self.catalog
            .systems
            .get(system.as_str())
            .copied()
            .unwrap_or(0)
    }

    /// Whether `system` accepts the colours of `other`: its own, or one it honours.
    pub fn honours(&self, system: u16, other: u16) -> bool {
        system == other
            || self
                .scenario
                .systems
                .get(usize::from(system))
                .is_some_and(|s| {
                    s.honours
                        .iter()
                        .any(|h| self.catalog.systems.get(h.as_str()) == Some(&other))
                })
    }

    /// A person's colour in every system at `at`, in file order.
    pub fn colours_at(&self, person: PersonIx, at: Time) -> Vec<Colour> {
        (0..self.system_count() as u16)
            .map(|s| self.ledger.colour_at(person, s, at))
            .collect()
    }

    /// A person's colour in every system in play at `at`, named.
    pub fn system_colours(&self, person: PersonIx, at: Time) -> Vec<SystemColour> {
        self.systems_in_play()
            .iter()
            .copied()
            .map(|s| SystemColour {
                system: self.system_name(s).to_owned(),
                colour: self.ledger.colour_at(person, s, at),
            })
            .collect()
    }

    /// Everyone of a colour in `system` at `at`.
    pub fn people_of_colour_in(&self, system: u16, colour: Colour, at: Time) -> PersonSet {
        self.tally.people_of_in(system, colour, at)
    }

    /// Everyone of a colour in any system at `at`; for green, green in every system.
    pub fn people_of_colour_anywhere(&self, colour: Colour, at: Time) -> PersonSet {
        let mut people = self.people_of_colour_in(0, colour, at);
        // A system out of play is green throughout: it changes no union or intersection.
        for s in self.systems_in_play().iter().copied().skip(1) {
            let other = self.people_of_colour_in(s, colour, at);
            if colour == Colour::Green {
                people.intersect(&other);
            } else {
                people.unite(&other);
            }
        }
        people
    }

    /// What the venue's check of a scan saw, with the codes as they stood the minute
    /// before it (a change the scan itself sets comes after the check).
    pub fn venue_check(&self, scan: TimelineIx) -> Option<VenueCheck> {
        let h = self.timeline.get(scan.ix())?;
        let Occurrence::Scan { person, venue } = h.what else {
            return None;
        };
        let venue_system = self.city_system(self.venue_city(venue));
        let before = h.at.plus_minutes(-1);
        let colours = self.colours_at(person, before);
        let mut codes = vec![CodeShown {
            system: venue_system,
            colour: colours[usize::from(venue_system)],
            honoured: true,
        }];
        for (s, &colour) in colours.iter().enumerate() {
            let s = s as u16;
            if s != venue_system && colour != Colour::Green {
                codes.push(CodeShown {
                    system: s,
                    colour,
                    honoured: self.honours(venue_system, s),
                });
            }
        }
        // The most severe accepted colour; the venue's own code on a tie.
        let decider = codes
            .iter()
            .filter(|c| c.honoured)
            .fold(
                codes[0],
                |best, c| if c.colour > best.colour { *c } else { best },
            );
        Some(VenueCheck {
            venue_system,
            codes,
            outcome: decider.colour,
            decided_by: decider.system,
        })
    }

    /// The checks of `person`'s scans up to `at` at venues of other systems that saw a
    /// colour in `system` other than green: where that colour was honoured or not. They
    /// follow the chain behind the colour in a trace, as evidence lines.
    pub(super) fn checks_elsewhere(&self, person: PersonIx, system: u16, at: Time) -> Vec<Link> {
        self.records_until(person, at)
            .iter()
            .filter_map(|&r| {
                let check = self.venue_check(r)?;
                let seen = check
                    .codes
                    .iter()
                    .any(|c| c.system == system && c.colour != Colour::Green);
                (check.venue_system != system && seen).then(|| Link {
                    target: LinkTarget::Evidence(r),
                    id: r.to_string(),
                    text: self.describe_record(r),
                })
            })
            .collect()
    }
}
